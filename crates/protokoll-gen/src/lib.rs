//! Large, realistic archives of Swedish council minutes for tests and benchmarks, deterministic
//! from a seed: many councils (regional councils, municipal boards, federations of
//! municipalities) meeting over many years; the sample protocols' layouts (numbered and § items,
//! letterheads, attendee lists, page headers with "2(7)" marks, hyphenated line ends, slide
//! decks, Markdown exported from PDF); recurring matters with acronyms, projects and case numbers
//! so cross-referencing has something to find; and the damage real archives carry (OCR-lost
//! diacritics, Windows-1252, CRLF). Every file depends only on the seed, the archive size and its
//! index, so files can be generated in parallel and any one regenerated alone.
//!
//! ```no_run
//! let generator = protokoll_gen::Generator::new(42, 1000);
//! generator.write(std::path::Path::new("/tmp/archive")).unwrap();
//! ```

mod agenda;
mod degrade;
mod prose;
mod render;
pub mod rng;
mod vocab;
mod world;

pub use render::DateInText;
pub use world::{Council, Layout, Matter, MatterKind};

use rayon::prelude::*;
use rng::Rng;
use std::io;
use std::path::Path;
use world::{World, FIRST_YEAR, YEARS};

/// How a generated file's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEncoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

/// What the generator put into a file: the facts a parser should recover.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub council: String,
    /// The body alone ("Kommunstyrelsen"); several municipalities have one of each.
    pub body: String,
    /// The municipality or region the body belongs to ("Grums kommun").
    pub organisation: String,
    /// The meeting's real date (the text may state less of it, see `date_in_text`).
    pub date: chrono::NaiveDate,
    pub date_in_text: DateInText,
    /// A slide deck rather than minutes.
    pub presentation: bool,
    /// Markdown exported from PDF (`.md`).
    pub markdown: bool,
    /// The layout of minutes (decks have their own).
    pub layout: Layout,
    /// Item (or slide) titles in order, before any OCR damage.
    pub items: Vec<String>,
    /// Each item's case number as written, in item order (`None` for procedural items).
    pub case_numbers: Vec<Option<String>>,
    pub encoding: FileEncoding,
    pub crlf: bool,
    /// Diacritics damaged as by OCR.
    pub ocr: bool,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    /// Path relative to the archive root, `/`-separated: `YEAR/council-slug/name.txt`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub facts: FileFacts,
}

/// Totals of a written archive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// Generates the files of one archive: `files` protocols from `seed`.
pub struct Generator {
    world: World,
    files: usize,
}

/// The per-file decisions that must not change between revisions of the same file.
struct Shape {
    council: usize,
    date: chrono::NaiveDate,
    deck: bool,
    markdown: bool,
    layout: Layout,
    ocr: bool,
    encoding: FileEncoding,
    crlf: bool,
    path: String,
}

impl Generator {
    pub fn new(seed: u64, files: usize) -> Generator {
        Generator {
            world: World::new(seed, files),
            files,
        }
    }

    /// Number of files in the archive.
    pub fn len(&self) -> usize {
        self.files
    }

    pub fn is_empty(&self) -> bool {
        self.files == 0
    }

    pub fn councils(&self) -> &[Council] {
        &self.world.councils
    }

    /// The recurring matters (useful for choosing benchmark queries that have answers).
    pub fn matters(&self) -> &[Matter] {
        &self.world.matters
    }

    /// The path of file `index` relative to the archive root (cheap: no text is generated).
    pub fn path(&self, index: usize) -> String {
        self.shape(index).path
    }

    /// File `index` (0-based) as first written.
    pub fn file(&self, index: usize) -> GeneratedFile {
        self.file_revision(index, 0)
    }

    /// File `index` with new content (`revision` > 0): same path, council, date and encoding,
    /// different agenda and text. Used to simulate edited files for incremental updates.
    pub fn file_revision(&self, index: usize, revision: u32) -> GeneratedFile {
        let shape = self.shape(index);
        let world = &self.world;
        let mut rng = Rng::for_stream(world.seed, &[10, index as u64, revision as u64]);
        let (rendered, titles, case_numbers) = if shape.deck {
            let slides = agenda::plan_deck(&mut rng, world, shape.council, shape.date);
            let titles = slides.iter().map(|s| s.title.clone()).collect();
            let cases = slides.iter().map(|s| s.case_number.clone()).collect();
            (render::deck(&mut rng, &slides), titles, cases)
        } else {
            let plan =
                agenda::plan_minutes(&mut rng, world, shape.council, shape.date, shape.layout);
            let titles = plan.items.iter().map(|i| i.title.clone()).collect();
            let cases = plan.items.iter().map(|i| i.case_number.clone()).collect();
            let rendered = if shape.markdown {
                render::markdown(&mut rng, world, &plan)
            } else {
                render::minutes(&mut rng, world, &plan)
            };
            (rendered, titles, cases)
        };
        let mut text = rendered.text;
        if shape.ocr {
            let strength = 0.5 + rng.unit() * 0.5;
            text = degrade::ocr(&mut rng, &text, strength);
        }
        if shape.crlf {
            text = degrade::crlf(&text);
        }
        let bytes = match shape.encoding {
            FileEncoding::Utf8 => text.into_bytes(),
            FileEncoding::Utf8Bom => {
                let mut b = vec![0xEF, 0xBB, 0xBF];
                b.extend_from_slice(text.as_bytes());
                b
            }
            FileEncoding::Windows1252 => degrade::windows_1252(&text),
        };
        GeneratedFile {
            path: shape.path,
            bytes,
            facts: FileFacts {
                council: world.councils[shape.council].name.clone(),
                body: {
                    let c = &world.councils[shape.council];
                    if shape.layout == Layout::Municipal {
                        c.name.split(" i ").next().unwrap_or(&c.name).to_string()
                    } else {
                        c.name.clone()
                    }
                },
                organisation: world.councils[shape.council].org.clone(),
                case_numbers,
                date: shape.date,
                date_in_text: rendered.date_in_text,
                presentation: shape.deck,
                markdown: shape.markdown,
                layout: shape.layout,
                items: titles,
                encoding: shape.encoding,
                crlf: shape.crlf,
                ocr: shape.ocr,
            },
        }
    }

    /// Council, date, kind, damage and path of file `index`: council `index % councils`, its
    /// meetings spread evenly over the years with a little jitter, on weekdays.
    fn shape(&self, index: usize) -> Shape {
        use chrono::{Datelike, Days, NaiveDate, Weekday};
        let world = &self.world;
        let councils = world.councils.len();
        let council = index % councils;
        let nth = index / councils;
        let per_council = self.files.div_ceil(councils).max(1);
        let span_days = YEARS * 365 - 20;
        let spacing = span_days / per_council;
        let mut rng = Rng::for_stream(world.seed, &[20, index as u64]);
        let jitter = (spacing / 3).min(10);
        let day = nth * spacing + jitter + rng.range(0, 2 * jitter) - jitter;
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 9).expect("valid date");
        let mut date = first + Days::new(day as u64);
        match date.weekday() {
            Weekday::Sat => date = date.pred_opt().unwrap_or(date),
            Weekday::Sun => date = date.succ_opt().unwrap_or(date),
            _ => {}
        }
        let c = &world.councils[council];
        let deck = rng.chance(0.07);
        let mut layout = c.layout;
        if layout == Layout::Numbered && date.year() >= 2021 && rng.chance(0.6) {
            layout = Layout::NumberedModern;
        }
        let markdown = !deck
            && matches!(layout, Layout::Municipal | Layout::NumberedModern)
            && rng.chance(0.06);
        let ocr = !markdown
            && rng.chance(if layout == Layout::Numbered {
                0.45
            } else {
                0.06
            });
        let encoding = if rng.chance(0.15) {
            FileEncoding::Windows1252
        } else if rng.chance(0.03) {
            FileEncoding::Utf8Bom
        } else {
            FileEncoding::Utf8
        };
        let crlf = rng.chance(0.2);
        let iso = date.format("%Y-%m-%d");
        // Date-based names are unique per council while meetings are days apart.
        let naming = if spacing >= 7 { rng.below(3) } else { 2 };
        let stem = match (naming, deck) {
            (0, false) => format!("{iso}-protokoll"),
            (0, true) => format!("{iso}-presentation"),
            (1, false) => format!("protokoll-{}", date.format("%Y%m%d")),
            (1, true) => format!("bilaga-presentation-{}", date.format("%Y%m%d")),
            _ => format!(
                "{:03}_{:016x}",
                index % 1000,
                rng::mix(world.seed ^ index as u64)
            ),
        };
        let ext = if markdown { "md" } else { "txt" };
        let path = format!("{}/{}/{stem}.{ext}", date.year(), slug(&c.name));
        Shape {
            council,
            date,
            deck,
            markdown,
            layout,
            ocr,
            encoding,
            crlf,
            path,
        }
    }

    /// Write every file under `dir` (created if missing), in parallel.
    pub fn write(&self, dir: &Path) -> io::Result<WriteSummary> {
        self.write_indices(dir, &(0..self.files).collect::<Vec<_>>(), 0)
    }

    /// Write the files `indices` at `revision` under `dir` (overwriting them).
    pub fn write_indices(
        &self,
        dir: &Path,
        indices: &[usize],
        revision: u32,
    ) -> io::Result<WriteSummary> {
        let bytes = indices
            .par_iter()
            .map(|&i| {
                let file = self.file_revision(i, revision);
                let path = dir.join(&file.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, &file.bytes)?;
                Ok(file.bytes.len() as u64)
            })
            .collect::<io::Result<Vec<u64>>>()?;
        Ok(WriteSummary {
            files: bytes.len(),
            bytes: bytes.iter().sum(),
        })
    }
}

/// Lowercase and strip diacritics (`Örebro Län` → `orebro lan`), for folder names. A copy of
/// `protokoll::text::fold`: the generator depends on nothing in protokoll, and its archives' paths
/// stay the same whatever the product's folding becomes.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            c => {
                let mut base = None;
                unicode_normalization::char::decompose_canonical(c, |d| {
                    base.get_or_insert(d);
                });
                out.extend(base.unwrap_or(c).to_lowercase());
            }
        }
    }
    out
}

/// A folder name for a council: folded, words joined by `-`; names over 48 characters are cut
/// and get a short hash of the whole name, so councils that share a long prefix stay apart.
fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.len() <= 48 {
        return out.to_string();
    }
    let hash = folded.bytes().fold(0u64, |h, b| rng::mix(h ^ b as u64));
    format!(
        "{}-{:06x}",
        out[..41].trim_end_matches('-'),
        hash & 0xff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_folded_and_short() {
        assert_eq!(slug("Kommunstyrelsen i Örebro"), "kommunstyrelsen-i-orebro");
        assert!(slug(&"Specifikt samverkansråd för skola, utbildning ".repeat(3)).len() <= 48);
    }

    #[test]
    fn every_council_gets_its_own_folder() {
        let generator = Generator::new(1, 1_000_000);
        let slugs: std::collections::HashSet<String> =
            generator.councils().iter().map(|c| slug(&c.name)).collect();
        assert!(generator.councils().len() > 500);
        assert_eq!(slugs.len(), generator.councils().len());
    }
}
