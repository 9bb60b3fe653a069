//! The archive-wide cast, built once from the seed: councils, the people who sit in them and
//! present to them, and the recurring matters (centres with acronyms, projects, plans) that items
//! in different meetings and councils share, so cross-referencing has something real to find.

use super::rng::Rng;
use super::vocab::*;

/// The first and last year a generated meeting can fall in.
pub const FIRST_YEAR: i32 = 2012;
pub const LAST_YEAR: i32 = 2025;
pub const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// How a council's minutes are laid out (each mirrors one of the sample protocols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Regional council minutes as OCR'd PDF text: wrapped lines, "Tid: Onsdag 4 november 2020",
    /// items "4. Title", repeated letterhead with "2(7)" page marks.
    Numbered,
    /// The same body typed later: long lines, tab-separated attendee lists, "**bold**" titles.
    NumberedModern,
    /// A federation's minutes: "§ 18 Title", "Tid och plats Fredag den 11 februari" (no year).
    Paragraph,
    /// A municipality's "Sammanträdesprotokoll": "§ 45 Title", "Dnr KS 2021/123", decision blocks,
    /// "Justerandes sign | Utdragsbestyrkande" on every page.
    Municipal,
}

/// What level of government a council belongs to (decides case numbers and attendee lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Municipal,
    Regional,
    Federation,
}

#[derive(Debug, Clone)]
pub struct Council {
    /// The body's name as printed in the title.
    pub name: String,
    /// The organisation in the letterhead ("Kumla kommun", "Region Örebro län").
    pub org: String,
    pub region: usize,
    /// The municipality for municipal bodies.
    pub municipality: Option<&'static str>,
    pub level: Level,
    pub layout: Layout,
    /// Case-number prefix ("KS", "RS", "Dnr").
    pub prefix: &'static str,
    pub place: &'static str,
    pub secretary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterKind {
    /// "Regionalt utvecklingscentrum (RUC)": introduced with its acronym, later used bare.
    Centre,
    /// "projektet ”Effektivare validering”".
    Project,
    /// "Regional handlingsplan för kompetensförsörjning 2020-2024".
    Plan,
}

/// A matter that recurs across meetings and councils over a span of years.
#[derive(Debug, Clone)]
pub struct Matter {
    pub kind: MatterKind,
    /// The long form ("Regionalt utvecklingscentrum").
    pub name: String,
    /// The acronym for centres ("RUC").
    pub acronym: Option<String>,
    /// Where it sits or who runs it ("vid Örebro universitet").
    pub host: String,
    /// `None`: a national matter that any region's councils may discuss.
    pub region: Option<usize>,
    pub first_year: i32,
    pub last_year: i32,
    /// The official who usually presents it (index into `World::officials`).
    pub presenter: usize,
    /// The funder it is usually financed by.
    pub funder: &'static str,
}

impl Matter {
    /// The name as used in a title: the long form with the acronym, or the project's name.
    pub fn title_form(&self) -> String {
        match (&self.kind, &self.acronym) {
            (MatterKind::Centre, Some(a)) => format!("{} ({})", self.name, a),
            (MatterKind::Project, _) => format!("projektet {}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// A person who presents items: "Eva Sund, utvecklingsstrateg, Region Örebro län".
#[derive(Debug, Clone)]
pub struct Official {
    pub name: String,
    pub title: &'static str,
    pub org: String,
    pub region: usize,
}

/// One attendee line.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub party: &'static str,
    pub org: String,
}

/// Everything shared by all files of one generated archive.
pub struct World {
    pub seed: u64,
    pub councils: Vec<Council>,
    pub matters: Vec<Matter>,
    pub officials: Vec<Official>,
    /// Matter indices active per (region, year): `region * YEARS + (year - FIRST_YEAR)`.
    active: Vec<Vec<usize>>,
    /// Official indices per region.
    officials_by_region: Vec<Vec<usize>>,
}

/// "Kumla" → "Kumla kommun", "Hallsberg" → "Hallsbergs kommun".
pub fn municipality_org(name: &str) -> String {
    if name.ends_with(['a', 'e', 'o', 's', 'x', 'ö', 'å']) {
        format!("{name} kommun")
    } else {
        format!("{name}s kommun")
    }
}

pub fn person_name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

impl World {
    /// The cast for an archive of `files` protocols: about one council per 60 files (so each
    /// council has a long history) and one matter per 5 files.
    pub fn new(seed: u64, files: usize) -> World {
        let mut rng = Rng::for_stream(seed, &[1]);
        let councils = Self::make_councils(&mut rng, (files / 60).max(4));
        let officials = Self::make_officials(&mut rng);
        let mut officials_by_region = vec![Vec::new(); REGIONS.len()];
        for (i, o) in officials.iter().enumerate() {
            officials_by_region[o.region].push(i);
        }
        let matters = Self::make_matters(
            &mut rng,
            (files / 5).clamp(40, 8000),
            &councils,
            &officials_by_region,
        );
        let mut active = vec![Vec::new(); REGIONS.len() * YEARS];
        for (i, m) in matters.iter().enumerate() {
            for year in m.first_year..=m.last_year {
                let y = (year - FIRST_YEAR) as usize;
                match m.region {
                    Some(r) => active[r * YEARS + y].push(i),
                    None => (0..REGIONS.len()).for_each(|r| active[r * YEARS + y].push(i)),
                }
            }
        }
        World {
            seed,
            councils,
            matters,
            officials,
            active,
            officials_by_region,
        }
    }

    fn make_councils(rng: &mut Rng, wanted: usize) -> Vec<Council> {
        let mut pool: Vec<(usize, Option<&'static str>, &'static str, &'static str)> = Vec::new();
        for (r, region) in REGIONS.iter().enumerate() {
            for &(body, prefix) in REGIONAL_BODIES {
                pool.push((r, None, body, prefix));
            }
            for &m in region.municipalities {
                for &(body, prefix) in MUNICIPAL_BODIES {
                    pool.push((r, Some(m), body, prefix));
                }
            }
        }
        rng.shuffle(&mut pool);
        // Mostly regional bodies first so small archives still have councils that share matters.
        let mut keyed: Vec<_> = pool
            .into_iter()
            .map(|p| (p.1.is_some() && rng.chance(0.7), p))
            .collect();
        keyed.sort_by_key(|(late, _)| *late);
        keyed.truncate(wanted.min(keyed.len()));
        keyed
            .into_iter()
            .map(|(_, (r, municipality, body, prefix))| {
                let region = &REGIONS[r];
                let (name, org, level, layout) = match municipality {
                    Some(m) => {
                        let org = municipality_org(m);
                        let layout = if rng.chance(0.8) {
                            Layout::Municipal
                        } else {
                            Layout::Paragraph
                        };
                        (format!("{body} i {m}"), org, Level::Municipal, layout)
                    }
                    None => {
                        let name = body.replace("{}", region.short);
                        let federation =
                            region.org.contains("Kommunalförbund") || name.starts_with("Skol- och");
                        let layout = if federation {
                            Layout::Paragraph
                        } else {
                            Layout::Numbered
                        };
                        let level = if federation {
                            Level::Federation
                        } else {
                            Level::Regional
                        };
                        (name, region.org.to_string(), level, layout)
                    }
                };
                Council {
                    name,
                    org,
                    region: r,
                    municipality,
                    level,
                    layout,
                    prefix,
                    place: rng.pick(PLACES),
                    secretary: person_name(rng),
                }
            })
            .collect()
    }

    fn make_officials(rng: &mut Rng) -> Vec<Official> {
        let mut out = Vec::new();
        for (r, region) in REGIONS.iter().enumerate() {
            for _ in 0..40 {
                let org = match rng.below(4) {
                    0 | 1 => region.org.to_string(),
                    2 => municipality_org(rng.pick(region.municipalities)),
                    _ => region.university.to_string(),
                };
                out.push(Official {
                    name: person_name(rng),
                    title: rng.pick(OFFICIAL_TITLES),
                    org,
                    region: r,
                });
            }
        }
        out
    }

    fn make_matters(
        rng: &mut Rng,
        wanted: usize,
        councils: &[Council],
        officials_by_region: &[Vec<usize>],
    ) -> Vec<Matter> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(wanted);
        let mut attempts = 0;
        while out.len() < wanted && attempts < wanted * 20 {
            attempts += 1;
            // Regions weighted by how many councils they have, so matters meet their councils.
            let home = councils[rng.below(councils.len())].region;
            let region = if rng.chance(0.1) { None } else { Some(home) };
            let first_year = FIRST_YEAR + rng.below(YEARS) as i32;
            let last_year = (first_year + rng.below(5) as i32).min(LAST_YEAR);
            let r = &REGIONS[home];
            let (kind, name, acronym) = match rng.below(10) {
                0..=3 => {
                    let adj = rng.pick(MATTER_ADJECTIVES);
                    let (stem, letters) = rng.pick(MATTER_STEMS);
                    let initial = adj.chars().next().unwrap_or('X');
                    let acronym = format!("{initial}{letters}");
                    (MatterKind::Centre, format!("{adj} {stem}"), Some(acronym))
                }
                4..=7 => {
                    let mut name =
                        format!("{} {}", rng.pick(PROJECT_LEADS), rng.pick(PROJECT_OBJECTS));
                    if region.is_some() && rng.chance(0.4) {
                        name = format!("{name} i {}", r.short);
                    } else if rng.chance(0.2) {
                        name = format!("{name} {}.0", rng.range(2, 3));
                    }
                    (MatterKind::Project, format!("”{name}”"), None)
                }
                _ => {
                    let adj = rng.pick(ADJECTIVES);
                    let head = rng.pick(COMPOUND_HEADS).trim_end_matches('s');
                    let name = format!(
                        "{} handlingsplan för {}{} {}-{}",
                        super::prose::cap(adj),
                        head,
                        rng.pick(COMPOUND_TAILS),
                        first_year,
                        first_year + 4
                    );
                    (MatterKind::Plan, name, None)
                }
            };
            if !seen.insert((name.clone(), region)) {
                continue;
            }
            let host = match rng.below(3) {
                0 => format!("vid {}", r.university),
                1 => format!("inom {}", r.org),
                _ => format!("i {}", municipality_org(rng.pick(r.municipalities))),
            };
            out.push(Matter {
                kind,
                name,
                acronym,
                host,
                region,
                first_year,
                last_year,
                presenter: rng.pick(&officials_by_region[home]),
                funder: rng.pick(FUNDERS),
            });
        }
        out
    }

    /// Matters under discussion in `region` in `year` (may be empty).
    pub fn active_matters(&self, region: usize, year: i32) -> &[usize] {
        let y = (year.clamp(FIRST_YEAR, LAST_YEAR) - FIRST_YEAR) as usize;
        &self.active[region * YEARS + y]
    }

    pub fn officials_in(&self, region: usize) -> &[usize] {
        &self.officials_by_region[region]
    }

    /// The members of a council for one term of office (four years from 2015, 2019, 2023, …):
    /// the same names recur in every meeting of the term.
    pub fn roster(&self, council: usize, year: i32) -> Vec<Member> {
        let term = (year - 2015).div_euclid(4) as u64;
        let mut rng = Rng::for_stream(self.seed, &[2, council as u64, term]);
        let c = &self.councils[council];
        let region = &REGIONS[c.region];
        let size = match c.level {
            Level::Municipal => rng.range(7, 13),
            _ => region.municipalities.len().min(16),
        };
        (0..size)
            .map(|i| {
                let org = match (c.level, c.municipality) {
                    (Level::Municipal, Some(m)) => municipality_org(m),
                    (Level::Federation, _) => region.municipalities[i].to_string(),
                    _ if i == size - 1 => region.org.to_string(),
                    _ => municipality_org(region.municipalities[i]),
                };
                Member {
                    name: person_name(&mut rng),
                    party: rng.pick(PARTIES),
                    org,
                }
            })
            .collect()
    }

    /// A case number (diarienummer) of `matter` at `council`'s organisation, in that
    /// organisation's format: "KS 2021/123", "RS 21-0456", "Dnr 2019:12".
    pub fn case_number(&self, matter: usize, council: usize) -> String {
        let c = &self.councils[council];
        let m = &self.matters[matter];
        let org_key = c
            .org
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
        let mut rng = Rng::for_stream(self.seed, &[3, matter as u64, org_key]);
        let n = rng.range(12, 980);
        match c.level {
            // Each municipality's diarium writes numbers its own way (the shapes of the
            // conventions); the body prefix or suffix is part of the number.
            Level::Municipal => match diarium_style(&c.org) {
                0 => format!("{} {}/{}", c.prefix, m.first_year, n),
                1 => format!("{}/{}:{}", c.prefix, m.first_year, n),
                2 => format!("{}.{:03} {}", m.first_year, n, c.prefix),
                _ => format!("{} KF/{}:{}", c.prefix, m.first_year, n),
            },
            Level::Regional => format!("{} {}-{:04}", c.prefix, m.first_year % 100, n),
            Level::Federation => format!("Dnr {}:{}", m.first_year, n % 90 + 1),
        }
    }
}

/// Which of four diarium and heading styles a municipality uses (fixed per organisation).
pub fn diarium_style(org: &str) -> u64 {
    org.bytes()
        .fold(7u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64))
        % 4
}
