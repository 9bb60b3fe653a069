//! What one item offers for linking: its keys (with display forms) and its most telling words,
//! weighted by how rare they are in the archive (document frequencies from the index's term
//! dictionary, one look-up per distinct word, nothing archive-wide per query).
//!
//! Words must be rare enough to mean something and common enough to link: 2 ≤ df ≤ 5 % of the
//! items (at least 5) for body words, a looser 10 % (at least 8) for title words. Swedish function
//! words and procedural vocabulary ("mötet", "justerare", "övriga frågor") never count, and a
//! standing item (see [`super::standing`]) links only through exact keys: case numbers,
//! decision references and acronyms.

use super::acronyms::AcronymDictionary;
use super::keys::{extract_keys, Key, KeyKind};
use super::references::{citations, cited_as, Citation};
use super::standing::standing_category;
use crate::protocol::{AgendaItem, Meeting};
use crate::search::schema::{analyze, fold_analyzer, stem_analyzer, Fields};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::{Searcher, Term};

/// Body words kept per item for a related query.
const MAX_BODY_TERMS: usize = 25;

/// Swedish function words and words every protocol uses, folded (stemmed at first use).
const STOP_WORDS: &[&str] = &[
    "och",
    "att",
    "det",
    "som",
    "en",
    "pa",
    "ar",
    "for",
    "med",
    "av",
    "till",
    "den",
    "har",
    "de",
    "inte",
    "om",
    "ett",
    "kan",
    "vi",
    "ska",
    "skall",
    "sig",
    "var",
    "vara",
    "blir",
    "bli",
    "fran",
    "efter",
    "under",
    "mellan",
    "vid",
    "hur",
    "vad",
    "vilka",
    "vilket",
    "vilken",
    "detta",
    "dessa",
    "denna",
    "sina",
    "sitt",
    "sin",
    "deras",
    "hans",
    "hennes",
    "oss",
    "man",
    "nar",
    "dar",
    "sa",
    "ocksa",
    "aven",
    "samt",
    "eller",
    "men",
    "nu",
    "finns",
    "fanns",
    "ha",
    "hade",
    "gor",
    "gora",
    "gjort",
    "mycket",
    "manga",
    "flera",
    "alla",
    "allt",
    "andra",
    "annat",
    "nya",
    "ny",
    "nytt",
    "olika",
    "bland",
    "annat",
    "mer",
    "mest",
    "mindre",
    "stor",
    "stora",
    "bra",
    "god",
    "goda",
    "kommer",
    "kom",
    "ta",
    "tar",
    "fa",
    "far",
    "fick",
    "ge",
    "ger",
    "gav",
    "se",
    "ser",
    "sag",
    "just",
    "bara",
    "redan",
    "sedan",
    "innan",
    "inom",
    "utan",
    "genom",
    "over",
    "upp",
    "ut",
    "in",
    "ner",
    "fram",
    "tillsammans",
    "del",
    "delar",
    "sak",
    "fall",
    "satt",
    "tid",
    "ar",
    "aret",
    "arets",
    "ca",
    "cirka",
    "bl",
    "mm",
    "osv",
    "etc",
    "kommun",
    "kommuner",
    "kommunen",
    "kommunerna",
    "region",
    "regionen",
    "lan",
    "lanet",
    "lanets",
    "arbete",
    "arbeta",
    "arbetet",
    "fraga",
    "fragan",
    "fragor",
    "kort",
    "visar",
    "visa",
    "utifran",
    "behov",
    "viktigt",
    "viktig",
];

/// Procedural vocabulary: a link on these words would be a link on boilerplate.
const BOILERPLATE: &[&str] = &[
    "mote",
    "motet",
    "motets",
    "moten",
    "oppnas",
    "oppnades",
    "oppnande",
    "oppnar",
    "justerare",
    "justering",
    "justera",
    "justerades",
    "dagordning",
    "dagordningen",
    "godkandes",
    "godkand",
    "godkanns",
    "fastslogs",
    "ovriga",
    "ovrigt",
    "avslutades",
    "avslutas",
    "avslutning",
    "avslutar",
    "protokoll",
    "protokollet",
    "foregaende",
    "forra",
    "val",
    "valdes",
    "valjs",
    "sekreterare",
    "ordforande",
    "narvarande",
    "ledamot",
    "ledamoter",
    "ersattare",
    "kallelse",
    "paragraf",
    "punkt",
    "punkten",
    "bilaga",
    "bifogad",
    "bifogas",
    "ppt",
    "presentation",
    "presenterade",
    "presenterar",
    "information",
    "informerade",
    "informerar",
    "informera",
    "rapport",
    "rapportering",
    "diskussion",
    "diskuterades",
    "diskutera",
    "beslut",
    "beslutade",
    "beslutades",
    "noteras",
    "noterades",
    "lagges",
    "handlingarna",
    "tackade",
    "tackar",
    "valkomna",
    "valkommen",
    "halsade",
    "sammantrade",
    "sammantradet",
    "anteckningar",
    "minnesanteckningar",
    "dag",
    "datum",
    "plats",
    "tid",
    "kl",
    "klockan",
    "deltagare",
    "mejl",
];

static STOP_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut stem = stem_analyzer();
    STOP_WORDS
        .iter()
        .chain(BOILERPLATE)
        .flat_map(|w| {
            let mut v = analyze(&mut stem, w);
            v.push(w.to_string());
            v
        })
        .collect()
});

/// Archive statistics for weighting: document frequencies from the index.
pub struct Stats<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub num_items: u64,
}

impl<'a> Stats<'a> {
    pub fn new(searcher: &'a Searcher, fields: &'a Fields) -> Stats<'a> {
        Stats {
            searcher,
            fields,
            num_items: searcher.num_docs().max(1),
        }
    }

    pub fn body_df(&self, stem: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.fields.body, stem))
            .unwrap_or(0)
    }

    pub fn title_df(&self, stem: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.fields.title, stem))
            .unwrap_or(0)
    }

    pub fn key_df(&self, term: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(self.fields.keys, term))
            .unwrap_or(0)
    }

    /// Inverse document frequency, as BM25 computes it.
    pub fn idf(&self, df: u64) -> f32 {
        let n = self.num_items as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn body_cap(&self) -> u64 {
        (self.num_items / 20).max(5)
    }

    fn title_cap(&self) -> u64 {
        (self.num_items / 10).max(8)
    }

    fn key_cap(&self) -> u64 {
        (self.num_items / 50).max(10)
    }
}

/// A key of the profile with its rarity weight.
#[derive(Debug, Clone)]
pub struct WeightedKey {
    pub key: Key,
    /// Kind weight × idf.
    pub weight: f32,
    /// For acronyms: the long form's folded tokens, when the archive defines it.
    pub long_form: Option<Vec<String>>,
}

/// A word of the profile (stemmed, folded) with how it was written and its weight.
#[derive(Debug, Clone)]
pub struct WeightedTerm {
    pub stem: String,
    pub display: String,
    pub in_title: bool,
    /// Rare enough in item texts to link there (df window on `body`).
    pub in_body_window: bool,
    /// A title word rare enough among titles to link titles (df window on `title`).
    pub in_title_window: bool,
    /// The last part of a compound found only in this item ("webb" of "vuxwebben"): it links
    /// at half weight.
    pub compound_part: bool,
    /// (1 + ln tf) × idf, doubled for title words, halved for compound parts.
    pub weight: f32,
}

/// An item's linking features.
#[derive(Debug, Clone)]
pub struct Profile {
    pub standing: bool,
    pub keys: Vec<WeightedKey>,
    pub terms: Vec<WeightedTerm>,
    /// The keys other items would use to cite this item (`r:BODY DATE#NUMBER`, see
    /// [`super::references::cited_as`]).
    pub cited_as: Vec<String>,
    /// How this item is cited, for reasons ("Kommunstyrelsen 2026-04-13 § 67").
    pub cited_display: String,
    /// The decisions this item cites.
    pub citations: Vec<Citation>,
}

impl Profile {
    /// Build the profile of `item` (which must carry its text).
    pub fn build(
        meeting: &Meeting,
        item: &AgendaItem,
        stats: &Stats,
        acronyms: &AcronymDictionary,
    ) -> Profile {
        let standing = standing_category(&item.title).is_some();
        let body = body_text(item);
        let mut keys: Vec<WeightedKey> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut raw_keys = extract_keys(item);
        // Acronyms spelled out with the archive's long form count as the acronym.
        let folded_tokens = analyze(&mut fold_analyzer(), &body);
        for acronym in acronyms.acronyms_spelled_out(&folded_tokens) {
            raw_keys.push(Key {
                kind: KeyKind::Acronym,
                term: format!("{}{}", KeyKind::Acronym.prefix(), acronym),
                display: acronym.to_uppercase(),
            });
        }
        for key in raw_keys {
            if matches!(key.kind, KeyKind::Definition | KeyKind::Series)
                || !seen.insert(key.term.clone())
            {
                continue;
            }
            // A standing series' number (the year's Meddelanden) links nothing.
            if key.kind == KeyKind::CaseNumber
                && stats.key_df(&format!("{}{}", KeyKind::Series.prefix(), &key.term[2..])) > 0
            {
                continue;
            }
            if standing
                && !matches!(
                    key.kind,
                    KeyKind::CaseNumber | KeyKind::Reference | KeyKind::Acronym
                )
            {
                continue;
            }
            let df = stats.key_df(&key.term).max(1);
            if key.kind.capped() && df > stats.key_cap() {
                continue;
            }
            let long_form = (key.kind == KeyKind::Acronym)
                .then(|| acronyms.long_form(&key.term[2..]).map(<[String]>::to_vec))
                .flatten();
            keys.push(WeightedKey {
                weight: key.kind.weight() * stats.idf(df),
                key,
                long_form,
            });
        }
        keys.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let terms = if standing {
            Vec::new()
        } else {
            // A word that is part of a key ("RUC", "universitet" in "Örebro universitet") is
            // counted once, as the key.
            let mut stem = stem_analyzer();
            let covered: HashSet<String> = keys
                .iter()
                .flat_map(|k| {
                    let mut words = analyze(&mut stem, &k.key.display);
                    if let Some(long) = &k.long_form {
                        words.extend(analyze(&mut stem, &long.join(" ")));
                    }
                    words
                })
                .collect();
            weighted_terms(&item.title, &body, stats)
                .into_iter()
                .filter(|t| !covered.contains(&t.stem))
                .collect()
        };
        Profile {
            standing,
            keys,
            terms,
            cited_as: cited_as(meeting, item),
            cited_display: format!(
                "{} {} {}",
                meeting.council.as_deref().unwrap_or(""),
                meeting.date.map(|d| d.to_string()).unwrap_or_default(),
                item.number.as_deref().unwrap_or("")
            )
            .trim()
            .to_string(),
            citations: citations(&body),
        }
    }
}

/// Title, presenters and text, as the index's `body` field holds them.
pub use crate::search::index::body_text;

/// True for a word (stemmed, and as written) that may carry a link.
pub fn linkable_word(stem: &str, written: &str) -> bool {
    // Short words and letter-digit mixes are mostly OCR damage ("l3n", "ldn" for "län").
    written.chars().count() >= 4
        && written.chars().all(|c| c.is_alphabetic())
        && stem.chars().count() >= 2
        && !STOP_STEMS.contains(stem)
        && !super::wordfreq::is_everyday(written, stem)
}

/// Stemmed words with their first spelling (lowercased) and count.
pub fn stems_with_display(text: &str) -> Vec<(String, String, u32)> {
    let mut analyzer = stem_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut order: Vec<(String, String, u32)> = Vec::new();
    let mut pos: HashMap<String, usize> = HashMap::new();
    while let Some(token) = stream.next() {
        let original = text
            .get(token.offset_from..token.offset_to)
            .unwrap_or(&token.text)
            .to_lowercase();
        match pos.get(&token.text) {
            Some(&i) => order[i].2 += 1,
            None => {
                pos.insert(token.text.clone(), order.len());
                order.push((token.text.clone(), original, 1));
            }
        }
    }
    order
}

fn weighted_terms(title: &str, body: &str, stats: &Stats) -> Vec<WeightedTerm> {
    let title_stems: HashSet<String> = analyze(&mut stem_analyzer(), title).into_iter().collect();
    let mut terms: Vec<WeightedTerm> = Vec::new();
    let mut compounds_tried = 0;
    for (stem, display, tf) in stems_with_display(body) {
        if !linkable_word(&stem, &display) {
            continue;
        }
        let in_title = title_stems.contains(&stem);
        let df = stats.body_df(&stem);
        let cap = if in_title {
            stats.title_cap()
        } else {
            stats.body_cap()
        };
        let in_body_window = (2..=cap).contains(&df);
        if df <= 1 {
            // A compound no other item uses ("vuxwebben") may still share its last part. OCR
            // noise makes many unique words, so only the first few are tried.
            if compounds_tried < MAX_COMPOUNDS && stem.chars().count() >= MIN_COMPOUND {
                compounds_tried += 1;
                if let Some(part) = compound_head(&stem, &display, tf, stats) {
                    terms.push(part);
                }
            }
            continue;
        }
        // A word common in texts (the council's name in every page header) can still be rare
        // among titles: "Tema Kompetensförsörjning" links "Tema kompetensförsörjningen".
        let title_df = if in_title { stats.title_df(&stem) } else { 0 };
        let in_title_window = in_title && (2..=stats.title_cap()).contains(&title_df);
        if !in_body_window && !in_title_window {
            continue;
        }
        // Rare in the archive and rare in Swedish at large: "finansiering" of every budget
        // item is weighed down, "utvecklingscentrum" keeps its weight.
        let mut weight = (1.0 + (tf as f32).ln())
            * stats.idf(if in_body_window { df } else { title_df })
            * super::wordfreq::general_factor(&display, &stem);
        if in_title {
            weight *= 2.0;
        }
        terms.push(WeightedTerm {
            stem,
            display,
            in_title,
            in_body_window,
            in_title_window,
            compound_part: false,
            weight,
        });
    }
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut seen: HashSet<String> = HashSet::new();
    terms.retain(|t| seen.insert(t.stem.clone()));
    let mut kept: Vec<WeightedTerm> = Vec::new();
    let mut body_count = 0;
    for term in terms {
        if term.in_title {
            kept.push(term);
        } else if body_count < MAX_BODY_TERMS {
            body_count += 1;
            kept.push(term);
        }
    }
    kept
}

/// Shortest compound part length, and shortest word worth splitting.
const MIN_PART: usize = 4;
const MIN_COMPOUND: usize = 7;
/// Unique words per item tried as compounds.
const MAX_COMPOUNDS: usize = 12;

/// The longest tail of a compound stem that is itself a linkable word of the archive
/// (2 ≤ df ≤ the body cap): `vuxwebb` → `webb`, `kompetensforsorjning` → `forsorjning`. The
/// archive's own vocabulary is the dictionary, so no word list needs upkeep.
fn compound_head(stem: &str, display: &str, tf: u32, stats: &Stats) -> Option<WeightedTerm> {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() < MIN_COMPOUND {
        return None;
    }
    for start in 3..=chars.len() - MIN_PART {
        let head: String = chars[start..].iter().collect();
        let written: String = display.chars().skip(start).collect();
        if !linkable_word(&head, &written) {
            continue;
        }
        let df = stats.body_df(&head);
        if (2..=stats.body_cap()).contains(&df) {
            let general = super::wordfreq::general_factor(&written, &head);
            return Some(WeightedTerm {
                stem: head,
                display: written,
                in_title: false,
                in_body_window: true,
                in_title_window: false,
                compound_part: true,
                weight: 0.5 * (1.0 + (tf as f32).ln()) * stats.idf(df) * general,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_and_boilerplate_never_link() {
        let mut stem = stem_analyzer();
        for word in [
            "kommunen",
            "mötet",
            "Övriga",
            "justerare",
            "och",
            "2021",
            "l3n",
        ] {
            for s in analyze(&mut stem, word) {
                assert!(!linkable_word(&s, word), "{word} → {s}");
            }
        }
        for word in ["utvecklingscentrum", "validering", "kompetensförsörjning"] {
            for s in analyze(&mut stem, word) {
                assert!(linkable_word(&s, word), "{word} → {s}");
            }
        }
    }

    #[test]
    fn display_keeps_the_first_spelling() {
        let words = stems_with_display("Finansieringen av RUC. Finansiering igen.");
        let (_, display, tf) = words
            .iter()
            .find(|(s, _, _)| s.starts_with("finansier"))
            .unwrap();
        assert_eq!(display, "finansieringen");
        assert_eq!(*tf, 2);
    }
}
