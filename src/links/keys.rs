//! Keys of an agenda item: exact identifiers worth linking on, each with a kind prefix so one
//! `keys` index field holds them all (lowercased and folded, so OCR'd `Orebro` meets `Örebro`):
//!
//! | prefix | what                                              | example                         |
//! |--------|---------------------------------------------------|---------------------------------|
//! | `c:`   | case number (diarienummer) as the parser found it | `c:ks 2020/123`                 |
//! | `r:`   | reference to a decision: date and § number        | `r:2019-05-14#87`               |
//! | `a:`   | acronym (`RUC`, `RUC:s`, `RUCs` → `ruc`)          | `a:ruc`                         |
//! | `d:`   | acronym definition found in the text              | `d:ruc=regionalt utvecklingscentrum` |
//! | `o:`   | organisation ("Örebro universitet", "Skolverket") | `o:orebro universitet`          |
//! | `n:`   | name: 2–4 capitalised words (people, projects)    | `n:urban haglind`               |
//!
//! [`extract_keys`] also keeps each key's display form (the first spelling seen), so reasons can
//! be shown as written. Definitions are learnt per item here and gathered archive-wide at query
//! time by [`super::acronyms`].

use super::acronyms::{find_definitions, word_bounded, word_ends, word_starts};
use crate::protocol::case_numbers::{case_key, find_case_numbers, CaseKey};
use crate::protocol::AgendaItem;
use crate::text::fold;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What a key identifies; decides its weight in a related query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyKind {
    CaseNumber,
    Reference,
    Acronym,
    Definition,
    Organisation,
    Name,
    /// A case number an item reporting a standing series uses as the series' number.
    Series,
}

impl KeyKind {
    pub fn prefix(self) -> &'static str {
        match self {
            KeyKind::CaseNumber => "c:",
            KeyKind::Reference => "r:",
            KeyKind::Acronym => "a:",
            KeyKind::Definition => "d:",
            KeyKind::Organisation => "o:",
            KeyKind::Name => "n:",
            KeyKind::Series => "s:",
        }
    }

    /// Weight of a shared key of this kind relative to a shared rare body word (1).
    pub fn weight(self) -> f32 {
        match self {
            // The one key a clerk trusts: the strongest link and the first reason.
            KeyKind::CaseNumber => 8.0,
            KeyKind::Reference => 6.0,
            KeyKind::Acronym => 4.0,
            KeyKind::Organisation => 2.0,
            KeyKind::Name => 1.0,
            KeyKind::Definition | KeyKind::Series => 0.0,
        }
    }

    /// True for kinds that are capped by document frequency (a key on every page links nothing).
    pub fn capped(self) -> bool {
        matches!(
            self,
            KeyKind::Acronym | KeyKind::Organisation | KeyKind::Name
        )
    }
}

/// One key of an item: the index term (`a:ruc`) and how to show it (`RUC`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub kind: KeyKind,
    pub term: String,
    pub display: String,
}

/// Acronym-looking words that are ordinary words or ambiguous abbreviations in Swedish minutes.
const ACRONYM_STOP: &[&str] = &[
    "och", "att", "for", "med", "som", "den", "det", "tid", "ort", "dag", "datum", "plats",
    "beslut", "mote", "motet", "samt", "ej", "nr", "sid", "ppt", "pdf", "ok", "nn", "kl", "ca",
    "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "bil", "ref", "dnr", "ks", "tel",
    "sms", "it", "ekonomi", "info", "fr", "om", "pa", "av", "till", "punkt", "ovrigt", "ovriga",
    "ar", "vt", "ht", "mm", "osv", "etc", "tf", "ers", "ord", "led", "sekr", "just", "ja", "nej",
];

/// Capitalised words that start sentences rather than names ("Under Anna ..." is not a name).
const NAME_STOP: &[&str] = &[
    "se",
    "det",
    "den",
    "de",
    "dessa",
    "under",
    "till",
    "mellan",
    "nu",
    "en",
    "ett",
    "alla",
    "fran",
    "om",
    "vid",
    "efter",
    "i",
    "pa",
    "for",
    "med",
    "och",
    "som",
    "har",
    "var",
    "vi",
    "man",
    "kort",
    "ny",
    "nya",
    "presentation",
    "information",
    "rapport",
    "tema",
    "ovriga",
    "motet",
    "val",
    "mote",
    "beslut",
    "protokoll",
    "dagordning",
    "forslag",
    "uppfoljning",
    "projekt",
    "projektet",
    "verksamhetsplan",
    "specifika",
    "specifikt",
    "justerare",
    "kl",
    "enligt",
    "innan",
    "inom",
    "samt",
    "utan",
    "bakgrund",
    "sammanfattning",
    "ordforande",
    "sekreterare",
    "narvarande",
    "ledamot",
    "ledamoter",
    "ersattare",
    "ovrigt",
];

static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([A-ZÅÄÖ]{2,6})(?::s|s)?").expect("acronym pattern"));

static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?:\p{Lu}[\p{Ll}-]+)\s+(?:universitet|h[öo]gskola|kommun|stad|landsting)",
        r"|Region\s+\p{Lu}\p{Ll}+(?:\s+l[äa]n)?",
        r"|H[öo]gskolan\s+(?:i|på|pa|V[äa]st)(?:\s+\p{Lu}\p{Ll}+)?",
        r"|\p{Lu}\p{Ll}*(?:verket|myndigheten|f[öo]rbundet|inspektionen|universitetet|h[öo]gskolan))"
    ))
    .expect("organisation pattern")
});

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}\p{Ll}{1,}(?:[ \t]+\p{Lu}\p{Ll}{1,}){1,3}").expect("name pattern")
});

/// The keys of one item as index terms, lowercased, folded and deduplicated.
pub fn item_keys(item: &AgendaItem) -> Vec<String> {
    let mut terms: Vec<String> = extract_keys(item).into_iter().map(|k| k.term).collect();
    terms.sort();
    terms.dedup();
    terms
}

/// The keys of one item with their display forms, in order of first appearance.
pub fn extract_keys(item: &AgendaItem) -> Vec<Key> {
    let mut out = KeySet::default();
    for case in &item.case_numbers {
        if let Some(key) = case_key(case) {
            out.push(KeyKind::CaseNumber, &case_term(&key), &case_display(case));
        }
    }
    // Case numbers the text mentions (a Meddelanden item lists the decisions it reports).
    let mentioned = find_case_numbers(&item.text);
    for found in &mentioned {
        out.push(
            KeyKind::CaseNumber,
            &case_term(&found.key),
            &case_display(&found.text),
        );
    }
    // An item reporting a standing series marks the series' number: the one on its first line
    // ("Meddelanden 2026 2026.002 TEN") or one listed three times or more (each document of the
    // series: "2026.002 BUN-049", "2026.002 BUN-050", …).
    if super::standing::series_title(&item.title) {
        let first_line = item
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let mut series: Vec<&CaseKey> = find_case_numbers(first_line)
            .first()
            .and_then(|f| mentioned.iter().find(|m| m.key == f.key))
            .map(|m| &m.key)
            .into_iter()
            .collect();
        for found in &mentioned {
            let count = mentioned.iter().filter(|m| m.key == found.key).count();
            if count >= 3 && !series.contains(&&found.key) {
                series.push(&found.key);
            }
        }
        for key in series {
            out.push(KeyKind::Series, &case_term(key), &key.to_string());
        }
    }
    let presenters = item.presenters.join("\n");
    for text in [item.title.as_str(), presenters.as_str(), item.text.as_str()] {
        keys_of_text(text, &mut out);
    }
    out.keys
}

/// The index term of a normalised case number (`ks 2026:142` for `2026.142 KS`, `KS 2026/142`,
/// `Dnr KS 2026:142`): equal terms are the same matter.
pub fn case_term(key: &CaseKey) -> String {
    fold(&key.to_string())
}

/// A case number as a reason: as written, with a `Dnr` label ("Dnr 2026.142 KS").
pub fn case_display(written: &str) -> String {
    let written = crate::text::squash_spaces(written.trim());
    let folded = fold(&written);
    if folded.starts_with("dnr") || folded.starts_with("diarie") || folded.starts_with("arende") {
        written
    } else {
        format!("Dnr {written}")
    }
}

/// The match `start..end` cut back to whole words: `None` when it starts inside a word; when it
/// ends inside one ("Region Örebro län" in "länets"), the last, partial word is dropped.
fn bounded_words(text: &str, start: usize, mut end: usize) -> Option<&str> {
    if !word_starts(text, start) {
        return None;
    }
    while !word_ends(text, end) {
        end = start + text[start..end].rfind(char::is_whitespace)?;
    }
    let found = text[start..end].trim_end();
    (!found.is_empty()).then_some(found)
}

/// Keys found in free text (used for items and for in-memory comparisons).
pub fn keys_of_text(text: &str, out: &mut KeySet) {
    for citation in super::references::citations(text) {
        for term in citation.keys() {
            out.push(KeyKind::Reference, &term[2..], &citation.display);
        }
    }
    // One pass over the whole text; whether a match's line is a heading in capitals is decided
    // only for lines that have a match (and once per line).
    let mut line_verdict: Option<(usize, bool)> = None;
    for m in ACRONYM.find_iter(text) {
        // Word boundaries are checked in code (see `acronyms::word_bounded`).
        if !word_bounded(text, m.start(), m.end()) {
            continue;
        }
        let line_start = text[..m.start()].rfind('\n').map_or(0, |p| p + 1);
        let shouting = match line_verdict {
            Some((start, verdict)) if start == line_start => verdict,
            _ => {
                let line_end = text[m.end()..]
                    .find('\n')
                    .map_or(text.len(), |p| m.end() + p);
                let verdict = is_shouting(&text[line_start..line_end]);
                line_verdict = Some((line_start, verdict));
                verdict
            }
        };
        if shouting {
            continue;
        }
        // The capitals without a genitive ("RUC:s", "RUCs").
        let word = m.as_str().trim_end_matches(['s', ':']);
        let folded = fold(word);
        if ACRONYM_STOP.contains(&folded.as_str()) {
            continue;
        }
        out.push(KeyKind::Acronym, &folded, word);
    }
    for def in find_definitions(text) {
        let term = format!("{}={}", def.acronym, def.long_form);
        out.push(KeyKind::Definition, &term, &def.acronym.to_uppercase());
    }
    for m in ORGANISATION.find_iter(text) {
        let Some(found) = bounded_words(text, m.start(), m.end()) else {
            continue;
        };
        let display = crate::text::squash_spaces(found);
        out.push(KeyKind::Organisation, &fold(&display), &display);
    }
    for m in NAME.find_iter(text) {
        let Some(found) = bounded_words(text, m.start(), m.end()) else {
            continue;
        };
        let words: Vec<&str> = found.split_whitespace().collect();
        let start = words
            .iter()
            .position(|w| !NAME_STOP.contains(&fold(w).as_str()))
            .unwrap_or(words.len());
        let rest = &words[start..];
        if rest.len() < 2 || rest.iter().any(|w| NAME_STOP.contains(&fold(w).as_str())) {
            continue;
        }
        let display = rest.join(" ");
        out.push(KeyKind::Name, &fold(&display), &display);
    }
}

/// A line written in capitals (a heading such as "PROTOKOLL FÖRT VID MÖTET") says nothing by
/// its capitals; a line of acronyms ("RUC, VFU, EBM") does.
fn is_shouting(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().count() > 1)
        .count();
    let long_capital_word = line
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() > 6 && w.chars().all(char::is_uppercase));
    words >= 3 && letters >= 10 && upper * 10 >= letters * 7 && long_capital_word
}

/// Keys in order of first appearance, each once.
#[derive(Debug, Default)]
pub struct KeySet {
    pub keys: Vec<Key>,
    seen: HashSet<String>,
}

impl KeySet {
    fn push(&mut self, kind: KeyKind, folded: &str, display: &str) {
        let folded = folded.trim();
        if folded.chars().count() < 2 {
            return;
        }
        let term = format!("{}{}", kind.prefix(), folded);
        if self.seen.insert(term.clone()) {
            self.keys.push(Key {
                kind,
                term,
                display: display.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, text: &str) -> AgendaItem {
        AgendaItem {
            title: title.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn acronyms_with_genitive_are_one_key_and_ordinary_capitals_are_not() {
        let keys = item_keys(&item(
            "Rapport",
            "Tre aktiviteter genomförs i RUCs regi. RUC:s styrgrupp och EBM. PPT bifogas.\nPROTOKOLL FÖRT VID MÖTET\nRUC, VFU, GYSAM",
        ));
        assert!(keys.contains(&"a:ruc".to_string()), "{keys:?}");
        assert!(keys.contains(&"a:ebm".to_string()));
        assert!(
            keys.contains(&"a:vfu".to_string()),
            "a line of acronyms is no heading"
        );
        assert!(!keys.contains(&"a:fort".to_string()), "{keys:?}");
        assert!(
            !keys.iter().any(|k| k == "a:ppt" || k == "a:mote"),
            "{keys:?}"
        );
    }

    #[test]
    fn organisations_names_and_references_are_folded_keys() {
        let it = AgendaItem {
            title: "Finansiering".into(),
            presenters: vec!["Urban Haglind, Örebro universitet".into()],
            text: "Enligt beslut KS 2019-05-14 § 87 finansierar Skolverket och Region Orebro län."
                .into(),
            ..Default::default()
        };
        let keys = item_keys(&it);
        for want in [
            "o:orebro universitet",
            "n:urban haglind",
            "r:kommunstyrelsen 2019-05-14#87",
            "o:skolverket",
            "o:region orebro lan",
        ] {
            assert!(
                keys.contains(&want.to_string()),
                "{want} missing in {keys:?}"
            );
        }
    }

    #[test]
    fn case_numbers_are_normalised_and_series_numbers_marked() {
        let keys = item_keys(&item(
            "Meddelanden 2026",
            "Meddelanden 2026 2026.002 TEN\n§ 67 2026.142 KS Revidering av riktlinjer",
        ));
        assert!(keys.contains(&"c:ks 2026:142".to_string()), "{keys:?}");
        assert!(keys.contains(&"s:ten 2026:2".to_string()), "{keys:?}");
        assert!(!keys.contains(&"s:ks 2026:142".to_string()), "{keys:?}");
        let keys = item_keys(&item(
            "Redovisning av delegeringsbeslut",
            "• 2026.002 BUN-049 Beslut\n• 2026.002 BUN-050 Beslut\n• 2026.002 BUN-051 Beslut\n• 2026.146 BUN-001 Avtal",
        ));
        assert!(keys.contains(&"s:bun 2026:2".to_string()), "{keys:?}");
        assert!(!keys.contains(&"s:bun 2026:146".to_string()), "{keys:?}");
        let a = item_keys(&item("Motion", "Dnr KS 2026/142"));
        assert!(a.contains(&"c:ks 2026:142".to_string()), "{a:?}");
    }

    #[test]
    fn sentence_openers_are_not_names() {
        let keys = item_keys(&item(
            "Övrigt",
            "Under Mötet diskuterades mycket. Se Bilaga.",
        ));
        assert!(!keys.iter().any(|k| k.starts_with("n:")), "{keys:?}");
    }
}
