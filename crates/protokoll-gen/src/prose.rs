//! Body text in the register of Swedish council minutes: report sentences, figures, funders,
//! purposes and decisions, with recurring matters woven in (long form with acronym on first
//! mention, the acronym alone after), so words repeat across meetings the way real matters do.

use super::rng::Rng;
use super::vocab::*;
use super::world::{Matter, MatterKind, World};

/// What a paragraph may talk about: the meeting's setting.
pub struct Setting<'a> {
    pub world: &'a World,
    pub council: usize,
    pub year: i32,
}

impl Setting<'_> {
    fn region(&self) -> &'static RegionDef {
        &REGIONS[self.world.councils[self.council].region]
    }

    fn municipality(&self, rng: &mut Rng) -> &'static str {
        rng.pick(self.region().municipalities)
    }

    fn person(&self, rng: &mut Rng) -> String {
        let region = self.world.councils[self.council].region;
        let official = &self.world.officials[rng.pick(self.world.officials_in(region))];
        official.name.clone()
    }
}

/// A compound noun such as "skolutveckling" or "kompetensförsörjning".
pub fn compound(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(COMPOUND_HEADS), rng.pick(COMPOUND_TAILS))
}

/// "Regionalt utvecklingscentrum (RUC)" the first time, "RUC" after; projects by name.
pub fn matter_mention(m: &Matter, first: bool) -> String {
    match (&m.kind, &m.acronym) {
        (MatterKind::Centre, Some(a)) if first => format!("{} ({})", m.name, a),
        (MatterKind::Centre, Some(a)) => a.clone(),
        (MatterKind::Project, _) if first => format!("projektet {}", m.name),
        (MatterKind::Project, _) => "projektet".to_string(),
        _ => m.name.clone(),
    }
}

/// One sentence that mentions nothing in particular.
pub fn filler_sentence(rng: &mut Rng, s: &Setting) -> String {
    let year = s.year;
    match rng.below(18) {
        0 => format!(
            "{} {} om läget när det gäller {} i {}.",
            cap(rng.pick(GROUPS)),
            rng.pick(REPORT_VERBS),
            compound(rng),
            super::world::municipality_org(s.municipality(rng))
        ),
        1 => format!(
            "Arbetet med {} har pågått sedan {} och syftet är att {}.",
            compound(rng),
            year - rng.range(1, 6) as i32,
            rng.pick(PURPOSES)
        ),
        2 => format!(
            "Under {} har {} genomfört flera insatser för att {}.",
            year,
            rng.pick(GROUPS),
            rng.pick(PURPOSES)
        ),
        3 => format!(
            "Det finns ett stort intresse från {} att få mer information om {}.",
            rng.pick(GROUPS),
            compound(rng)
        ),
        4 => format!(
            "{} lyfte frågan om {} och påpekade att {} behöver {}.",
            s.person(rng),
            compound(rng),
            rng.pick(GROUPS),
            rng.pick(PURPOSES)
        ),
        5 => format!(
            "Ett flertal kommuner har problem med {}, men än så länge är alla verksamheter igång.",
            compound(rng)
        ),
        6 => format!(
            "{} har fått {} miljoner kronor från {} för att {}.",
            s.region().org,
            rng.range(1, 40),
            rng.pick(FUNDERS),
            rng.pick(PURPOSES)
        ),
        7 => format!(
            "Mötet diskuterade hur {} kan utvecklas vidare och enades om att {} ska återkomma i frågan.",
            compound(rng),
            rng.pick(GROUPS)
        ),
        8 => format!(
            "Resultaten visar att {} har förbättrats i {} och {}, medan {} ligger kvar på samma nivå.",
            compound(rng),
            s.municipality(rng),
            s.municipality(rng),
            s.municipality(rng)
        ),
        9 => format!(
            "Vid förra mötet beslutades att {} skulle ta fram ett underlag om {}.",
            rng.pick(GROUPS),
            compound(rng)
        ),
        10 => "Det är viktigt att vi lär av varandra regionalt men också nationellt.".to_string(),
        11 => format!(
            "En utredning har gjorts och {} arbetar vidare tillsammans med {}.",
            rng.pick(GROUPS),
            s.region().university
        ),
        12 => format!(
            "Statistik och siffror om {} finns i bifogad rapport från {}.",
            compound(rng),
            rng.pick(FUNDERS)
        ),
        13 => format!(
            "Sammanlagt {} personer deltog i {}konferensen under {}.",
            rng.range(20, 400),
            rng.pick(COMPOUND_HEADS),
            year
        ),
        14 => format!(
            "Kostnaden beräknas till {} tkr för {} och ryms inom befintlig budget.",
            rng.range(50, 9000),
            year + 1
        ),
        15 => format!(
            "Remissvar ska lämnas senast den {} {}.",
            rng.range(1, 28),
            rng.pick(SWEDISH_MONTHS)
        ),
        16 => format!(
            "{} påpekar att sammansättningen av {} kan komma att ändras över tid.",
            s.person(rng),
            rng.pick(GROUPS)
        ),
        _ => format!(
            "Planering inför {} den {} {} pågår för fullt.",
            ["slutkonferensen", "temadagen", "nätverksträffen", "dialogmötet"][rng.below(4)],
            rng.range(1, 28),
            rng.pick(SWEDISH_MONTHS)
        ),
    }
}

/// One sentence about `m`. `first` introduces the matter with its long form.
pub fn matter_sentence(rng: &mut Rng, s: &Setting, m: &Matter, first: bool) -> String {
    let mention = matter_mention(m, first);
    let official = &s.world.officials[m.presenter];
    // The first mention always spells the matter out (long form and acronym).
    let roll = if first {
        [0, 3, 7, 8][rng.below(4)]
    } else {
        rng.below(9)
    };
    match roll {
        0 if first => format!(
            "{} startade {} {} och har sedan dess vuxit.",
            cap(&mention),
            m.first_year.min(s.year),
            m.host
        ),
        0 | 1 => format!(
            "{} har finansierats genom medel från {} och {}.",
            cap(&mention),
            m.funder,
            s.region().org
        ),
        2 => format!(
            "Länets skolchefer är eniga om att innehållet som har byggts upp genom {} är värdefullt.",
            matter_mention(m, false)
        ),
        3 => format!(
            "{} redogjorde för hur arbetet med {} har utvecklats under {}.",
            official.name,
            mention,
            s.year
        ),
        4 => format!(
            "Ett samverkansavtal för {} {}-{} har processats fram och kommer att bli klart under {}.",
            mention,
            s.year + 1,
            s.year + 4,
            ["våren", "hösten"][rng.below(2)]
        ),
        5 => format!(
            "Flera aktiviteter genomförs nu i {} regi, bland annat {} och {}.",
            match &m.acronym {
                Some(a) => format!("{a}s"),
                None => "projektets".to_string(),
            },
            compound(rng),
            compound(rng)
        ),
        6 => format!(
            "Kommunerna har gett i uppdrag till {} att ta fram ett långsiktigt avtal där alla kan vara med och finansiera {}.",
            REGIONS[s.world.councils[s.council].region].university,
            matter_mention(m, false)
        ),
        7 => format!(
            "Målet med {} är att {}.",
            mention,
            rng.pick(PURPOSES)
        ),
        _ => format!(
            "Under {} ska {} följas upp och en rapport presenteras för {}.",
            s.year + 1,
            mention,
            rng.pick(GROUPS)
        ),
    }
}

/// A paragraph of `lo..=hi` filler sentences.
pub fn filler_paragraph(rng: &mut Rng, s: &Setting, (lo, hi): (usize, usize)) -> String {
    let sentences = rng.range(lo, hi);
    let mut out = String::new();
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&filler_sentence(rng, s));
    }
    out
}

/// `lo..=hi` paragraphs about `m`: its long form and acronym in the first, the acronym after,
/// mixed with ordinary sentences.
pub fn matter_paragraphs(
    rng: &mut Rng,
    s: &Setting,
    m: &Matter,
    (lo, hi): (usize, usize),
) -> Vec<String> {
    let count = rng.range(lo, hi);
    let mut paragraphs = Vec::with_capacity(count);
    for p in 0..count {
        let mut out = String::new();
        let sentences = rng.range(3, 6);
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            let about_matter = (p == 0 && i == 0) || rng.chance(0.25);
            if about_matter {
                out.push_str(&matter_sentence(rng, s, m, p == 0 && i == 0));
            } else {
                out.push_str(&filler_sentence(rng, s));
            }
        }
        paragraphs.push(out);
    }
    paragraphs
}

/// A decision clause: "att godkänna ...".
pub fn decision(rng: &mut Rng, matter: Option<&Matter>) -> String {
    match (rng.below(5), matter) {
        (0, Some(m)) => format!(
            "anta {}",
            matter_mention(m, false).trim_start_matches("projektet ")
        ),
        (1, _) => "lägga informationen till handlingarna".to_string(),
        (2, _) => format!("ge förvaltningen i uppdrag att {}", rng.pick(PURPOSES)),
        (3, _) => format!(
            "avsätta {} tkr för {} under {}",
            rng.range(100, 5000),
            compound(rng),
            "året"
        ),
        _ => format!("godkänna förslaget till {}", compound(rng)),
    }
}

/// First letter uppercase.
pub fn cap(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
