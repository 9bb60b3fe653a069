//! One council, many spellings. Protocols name their body with OCR-lost diacritics ("samverkansrad
//! for skola"), other inflections ("Specifika samverkansrådet") or case ("SKOL- OCH ..."). Names are
//! keyed by their folded, stemmed words, near-identical keys (a letter or two of OCR damage) are
//! merged, and each council is shown with its best-spelled variant: the most common folded form,
//! and within it the spelling that kept the most diacritics.
//!
//! A file without a letterhead often still names its body in the text ("... antas av Specifika
//! samverkansrådet för skola, ..."); [`infer_council`] finds a known council's words there.

use crate::search::schema::{analyze, stem_analyzer};
use crate::search::snippet::within_edits;
use crate::text::fold;
use std::collections::HashMap;

/// The key of a council name: its words folded and stemmed, joined by spaces.
pub fn council_key(name: &str) -> String {
    let mut stem = stem_analyzer();
    analyze(&mut stem, name).join(" ")
}

/// The key of a council of an organisation: the body's key, then `@` and the organisation's key
/// (no `@` when the organisation is unknown). Two towns' "Kommunstyrelsen" are two councils.
pub fn council_org_key(body: &str, organisation: Option<&str>) -> String {
    let body = council_key(body);
    match organisation.map(council_key).filter(|o| !o.is_empty()) {
        Some(org) if !body.is_empty() => format!("{body}@{org}"),
        _ => body,
    }
}

/// The organisation a meeting belongs to, given the archive: its own when the text names one;
/// else the only organisation its body has elsewhere in the archive; else the archive's only
/// organisation. `entries` are (body, organisation) of every meeting.
pub fn infer_organisations<'a>(
    entries: &[(Option<&'a str>, Option<&'a str>)],
) -> Vec<Option<&'a str>> {
    // Keys and folds are worked out once per distinct spelling: an archive of 10,000 files
    // has a few dozen bodies and organisations, and stemming each file's anew dominated `open`.
    let mut body_keys: HashMap<&'a str, String> = HashMap::new();
    let mut body_key =
        |b: &'a str| -> String { body_keys.entry(b).or_insert_with(|| council_key(b)).clone() };
    let mut folds: HashMap<&'a str, String> = HashMap::new();
    let mut folded = |o: &'a str| -> String { folds.entry(o).or_insert_with(|| fold(o)).clone() };
    let mut orgs_of_body: HashMap<String, Vec<(&'a str, String)>> = HashMap::new();
    let mut all: Vec<(&'a str, String, usize)> = Vec::new();
    for (body, org) in entries {
        if let Some(org) = org {
            let f = folded(org);
            match all.iter_mut().find(|(_, o, _)| *o == f) {
                Some(e) => e.2 += 1,
                None => all.push((org, f.clone(), 1)),
            }
            if let Some(body) = body {
                let list = orgs_of_body.entry(body_key(body)).or_default();
                if !list.iter().any(|(_, o)| *o == f) {
                    list.push((org, f));
                }
            }
        }
    }
    // The archive's organisation: the only one, or one named by at least three in four files that
    // name any (an archive of one municipality holds attachments naming its neighbours).
    let named: usize = all.iter().map(|(_, _, n)| n).sum();
    let dominant = all
        .iter()
        .max_by_key(|(_, _, n)| *n)
        .filter(|(_, _, n)| all.len() == 1 || *n * 4 >= named * 3)
        .map(|(o, _, _)| *o);
    entries
        .iter()
        .map(|(body, org)| {
            org.or_else(|| {
                let of_body = body.and_then(|b| orgs_of_body.get(&body_key(b)));
                match of_body {
                    Some(list) if list.len() == 1 => Some(list[0].0),
                    Some(_) => None,
                    None => dominant,
                }
            })
        })
        .collect()
}

/// One spelling per organisation: a name that is the start of a longer one seen in the archive
/// ("Region Örebro" of "Region Örebro län") takes the longer one, and OCR or case variants the
/// most common spelling.
pub fn unify_organisations(orgs: &mut [Option<String>]) {
    // One key per distinct spelling (see `infer_organisations` for why).
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    for o in orgs.iter().flatten() {
        let key = keys
            .entry(o.clone())
            .or_insert_with(|| council_key(o))
            .clone();
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(e) => e.2 += 1,
            None => counts.push((key, o.clone(), 1)),
        }
    }
    let mut targets: HashMap<String, Option<String>> = HashMap::new();
    for o in orgs.iter_mut() {
        if let Some(name) = o.as_deref() {
            let key = &keys[name];
            let target = targets
                .entry(key.clone())
                .or_insert_with(|| {
                    let longer = format!("{key} ");
                    counts
                        .iter()
                        .filter(|(k, _, _)| k == key || k.starts_with(&longer))
                        .max_by_key(|(k, _, n)| (k.len(), *n))
                        .map(|(_, o, _)| o.clone())
                })
                .clone();
            if let Some(t) = target {
                *o = Some(t);
            }
        }
    }
}

/// Councils of an archive: key → display name, and raw name → key.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Councils {
    /// Canonical key → best display name.
    pub display: HashMap<String, String>,
    /// Any key seen → its canonical key (after merging near-identical keys).
    pub canonical: HashMap<String, String>,
    /// Raw name as written (with its organisation) → its key (each spelling analyzed once).
    keys_by_name: HashMap<String, String>,
    /// Canonical key → the organisation's name as written.
    pub organisations: HashMap<String, String>,
}

fn raw_key(name: &str, org: Option<&str>) -> String {
    match org {
        Some(o) => format!("{name}\u{1f}{o}"),
        None => name.to_string(),
    }
}

impl Councils {
    /// Build from every raw council name in the archive (one entry per meeting naming it).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Councils {
        Councils::from_entries(names.into_iter().map(|n| (n, None)))
    }

    /// Build from every (body, organisation) of the archive: one council per body of each
    /// organisation. Look names up with [`Councils::key_of_in`].
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Councils {
        // Key → its spellings, each with how many files write it.
        let mut variants: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut keys_by_name: HashMap<String, String> = HashMap::new();
        let mut organisations: HashMap<String, String> = HashMap::new();
        // Each distinct (name, organisation) once, with how many files name it, in first-seen
        // order: an archive repeats a few hundred pairs tens of thousands of times.
        let mut distinct: Vec<((&str, Option<&str>), usize)> = Vec::new();
        let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        for entry in entries {
            match seen.entry(entry) {
                std::collections::hash_map::Entry::Occupied(at) => distinct[*at.get()].1 += 1,
                std::collections::hash_map::Entry::Vacant(at) => {
                    at.insert(distinct.len());
                    distinct.push((entry, 1));
                }
            }
        }
        for ((name, org), count) in distinct {
            let raw = raw_key(name, org);
            let key = keys_by_name
                .entry(raw)
                .or_insert_with(|| council_org_key(name, org))
                .clone();
            if let Some(org) = org {
                organisations
                    .entry(key.clone())
                    .or_insert_with(|| org.to_string());
            }
            if key.is_empty() {
                continue;
            }
            let entry = variants.entry(key.clone()).or_default();
            if entry.is_empty() {
                order.push(key);
            }
            entry.push((name, count));
        }
        // Merge keys a little OCR damage apart: most-used key first becomes the canonical one.
        let uses = |k: &String| variants[k].iter().map(|(_, n)| n).sum::<usize>();
        order.sort_by_cached_key(|k| std::cmp::Reverse(uses(k)));
        // Only keys of one organisation and as many words can merge: the roots are kept per
        // both, each split into words once (a region's archive has a thousand council keys;
        // comparing each with all, splitting anew each time, was a tenth of an update's time).
        let mut canonical: HashMap<String, String> = HashMap::new();
        let mut roots: HashMap<(&str, usize), Vec<KeyWords>> = HashMap::new();
        for key in &order {
            let this = KeyWords::of(key);
            let alike = roots.entry((this.org, this.words.len())).or_default();
            match alike.iter().find(|root| root.near_identical(&this)) {
                Some(root) => {
                    canonical.insert(key.clone(), root.key.to_string());
                }
                None => {
                    canonical.insert(key.clone(), key.clone());
                    alike.push(this);
                }
            }
        }
        let mut groups: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        for key in &order {
            groups
                .entry(canonical[key].as_str())
                .or_default()
                .extend(variants[key].iter().copied());
        }
        let display = groups
            .into_iter()
            .map(|(root, names)| (root.to_string(), best_spelling(&names)))
            .collect();
        let organisations = organisations
            .into_iter()
            .filter_map(|(k, o)| canonical.get(&k).map(|root| (root.clone(), o)))
            .collect();
        Councils {
            display,
            canonical,
            keys_by_name,
            organisations,
        }
    }

    /// The canonical key of a raw name, if that name (or a merged spelling) is known.
    pub fn key_of(&self, name: &str) -> Option<&str> {
        self.key_of_in(name, None)
    }

    /// The canonical key of a body of an organisation.
    pub fn key_of_in(&self, name: &str, organisation: Option<&str>) -> Option<&str> {
        let key = match self.keys_by_name.get(&raw_key(name, organisation)) {
            Some(k) => k.clone(),
            None => council_org_key(name, organisation),
        };
        self.canonical.get(&key).map(String::as_str)
    }

    /// The canonical key for a body key (as [`infer_council`] gives) of an organisation: the
    /// body of that organisation, else the body without one, else the body's only council.
    pub fn key_of_body_key(&self, body_key: &str, organisation: Option<&str>) -> Option<&str> {
        if let Some(org) = organisation.map(council_key).filter(|o| !o.is_empty()) {
            if let Some(k) = self.canonical.get(&format!("{body_key}@{org}")) {
                return Some(k);
            }
        }
        if let Some(k) = self.canonical.get(body_key) {
            return Some(k);
        }
        let prefix = format!("{body_key}@");
        let mut found = self
            .canonical
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(_, root)| root.as_str());
        let first = found.next()?;
        found.all(|r| r == first).then_some(first)
    }

    /// The organisation of a council (by canonical key), when known.
    pub fn organisation_of_key(&self, key: &str) -> Option<&str> {
        self.canonical
            .get(key)
            .and_then(|root| self.organisations.get(root))
            .map(String::as_str)
    }

    /// Canonical keys of the councils a `council:` filter names: every word of `wanted` (folded)
    /// is found in the body's display name or its organisation ("lomma", "kommunstyrelsen
    /// alingsås", "Barn- och").
    pub fn matching(&self, wanted: &str) -> Vec<&str> {
        let wanted = fold(wanted.trim());
        let words: Vec<&str> = wanted.split_whitespace().collect();
        self.display
            .iter()
            .filter(|(key, body)| {
                let org = self
                    .organisations
                    .get(*key)
                    .map(|o| fold(o))
                    .unwrap_or_default();
                let body = fold(body);
                let both = format!("{body} {org}");
                both.contains(&wanted)
                    || body.contains(&wanted)
                    || (!words.is_empty() && words.iter().all(|w| both.contains(w)))
            })
            .map(|(key, _)| key.as_str())
            .collect()
    }

    pub fn display_of_key(&self, key: &str) -> Option<&str> {
        self.canonical
            .get(key)
            .and_then(|root| self.display.get(root))
            .map(String::as_str)
    }
}

/// A council key split into its body's words and its organisation.
struct KeyWords<'a> {
    key: &'a str,
    org: &'a str,
    body_len: usize,
    words: Vec<&'a str>,
}

impl<'a> KeyWords<'a> {
    fn of(key: &'a str) -> KeyWords<'a> {
        let (body, org) = key.split_once('@').unwrap_or((key, ""));
        KeyWords {
            key,
            org,
            body_len: body.len(),
            words: body.split(' ').collect(),
        }
    }

    /// Two keys a letter or two of OCR damage apart: the same organisation and number of words,
    /// pairwise the same word (see [`same_word`]), and long enough that a coincidence is
    /// unlikely.
    fn near_identical(&self, other: &KeyWords) -> bool {
        self.org == other.org
            && self.body_len.abs_diff(other.body_len) <= 4
            && self.body_len.min(other.body_len) >= 12
            && self.words.len() == other.words.len()
            && self
                .words
                .iter()
                .zip(&other.words)
                .all(|(x, y)| same_word(x, y))
    }
}

/// The most common folded form, then the variant with the most non-ASCII letters (diacritics that
/// OCR did not lose), then mixed case over capitals, then the first seen.
fn best_spelling(names: &[(&str, usize)]) -> String {
    // Distinct spellings with their counts, in first-seen order (archives repeat one spelling
    // thousands of times; each is folded once).
    let mut spellings: Vec<(&str, usize, String)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for &(n, count) in names {
        match index.get(n) {
            Some(&i) => spellings[i].1 += count,
            None => {
                index.insert(n, spellings.len());
                spellings.push((n, count, fold(n)));
            }
        }
    }
    let mut by_fold: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, (_, count, folded)) in spellings.iter().enumerate() {
        let e = by_fold.entry(folded.as_str()).or_insert((0, i));
        e.0 += count;
    }
    let Some(best_fold) = by_fold
        .iter()
        .max_by_key(|(_, (count, first))| (*count, std::cmp::Reverse(*first)))
        .map(|(f, _)| *f)
    else {
        return String::new();
    };
    spellings
        .iter()
        .filter(|(_, _, folded)| folded == best_fold)
        .max_by_key(|(n, _, _)| {
            let accents = n
                .chars()
                .filter(|c| !c.is_ascii() && c.is_alphabetic())
                .count();
            let mixed_case = n.chars().any(|c| c.is_lowercase());
            (mixed_case, accents)
        })
        .map(|(n, _, _)| n.to_string())
        .unwrap_or_default()
}

/// Stems of one word in two inflections or with a lost letter: equal, or long and one or two
/// edits apart with the same first letter.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let len = a.len().min(b.len());
    len >= 5
        && a.as_bytes()[0] == b.as_bytes()[0]
        && within_edits(a, b, if len >= 9 { 2 } else { 1 })
}

/// Find a known council named in `text`: the council whose key's words occur as a run in the
/// text's stemmed words most often (longer names first on ties). `keys` are canonical keys.
pub fn infer_council<'a>(text: &str, keys: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut stem = stem_analyzer();
    let words = analyze(&mut stem, text);
    // Keys by the first byte of their first word: `same_word` holds only for words that start
    // alike, so each word of the text is tried against the few keys starting as it does.
    let mut by_first: HashMap<u8, Vec<Vec<&str>>> = HashMap::new();
    for key in keys {
        let seq: Vec<&str> = key.split(' ').collect();
        // One- or two-word names ("Kommunstyrelsen") are too common in running text to infer from.
        if seq.len() < 3 {
            continue;
        }
        if let Some(&first) = seq[0].as_bytes().first() {
            by_first.entry(first).or_default().push(seq);
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in 0..words.len() {
        let Some(first) = words[i].as_bytes().first() else {
            continue;
        };
        for seq in by_first.get(first).into_iter().flatten() {
            if words.len() - i >= seq.len()
                && seq.iter().zip(&words[i..]).all(|(a, b)| same_word(a, b))
            {
                *counts.entry(seq.join(" ")).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(k, n)| (*n, k.len()))
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_council_merge_and_show_the_best() {
        let c = Councils::from_names([
            "Specifikt samverkansrad for skola, utbildning och kompetensforsorjning",
            "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning",
            "Specifika samverkansrådet för skola, utbildning och kompetensförsörjning",
            "Skol- och utbildningschefer",
        ]);
        let a = c
            .key_of("Specifikt samverkansrad for skola, utbildning och kompetensforsorjning")
            .unwrap();
        let b = c
            .key_of("Specifika samverkansrådet för skola, utbildning och kompetensförsörjning")
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(
            c.display_of_key(a),
            Some("Specifikt samverkansråd för skola, utbildning och kompetensförsörjning")
        );
        let other = c.key_of("SKOL- OCH UTBILDNINGSCHEFER").unwrap();
        assert_ne!(other, a);
    }

    #[test]
    fn ocr_damaged_name_joins_its_council() {
        let c = Councils::from_names([
            "Barn- och utbildningsnämnden",
            "Barn- och utbildningsnämnden",
            "Barn- och utbi1dningsnamnden",
        ]);
        let a = c.key_of("Barn- och utbildningsnämnden").unwrap();
        assert_eq!(c.key_of("Barn- och utbi1dningsnamnden"), Some(a));
    }

    #[test]
    fn two_towns_bodies_are_two_councils() {
        let c = Councils::from_entries([
            ("Kommunstyrelsen", Some("Alingsås kommun")),
            ("Kommunstyrelsen", Some("Lomma kommun")),
            ("KOMMUNSTYRELSEN", Some("Lomma kommun")),
            ("Barn- och utbildningsnämnden", Some("Jönköpings kommun")),
        ]);
        let a = c
            .key_of_in("Kommunstyrelsen", Some("Alingsås kommun"))
            .unwrap();
        let l = c
            .key_of_in("KOMMUNSTYRELSEN", Some("Lomma kommun"))
            .unwrap();
        assert_ne!(a, l);
        assert_eq!(c.display_of_key(a), Some("Kommunstyrelsen"));
        assert_eq!(c.organisation_of_key(l), Some("Lomma kommun"));
        assert_eq!(c.matching("lomma"), vec![l]);
        assert_eq!(c.matching("kommunstyrelsen alingsås"), vec![a]);
        assert_eq!(c.matching("Kommunstyrelsen").len(), 2);
        assert_eq!(c.matching("Barn- och").len(), 1);
    }

    #[test]
    fn a_meeting_without_organisation_joins_its_bodys_only_one() {
        let entries = [
            (
                Some("Barn- och utbildningsnämnden"),
                Some("Jönköpings kommun"),
            ),
            (Some("Barn- och utbildningsnämnden"), None),
            (Some("Överförmyndarnämnden"), None),
        ];
        assert_eq!(
            infer_organisations(&entries),
            vec![
                Some("Jönköpings kommun"),
                Some("Jönköpings kommun"),
                Some("Jönköpings kommun")
            ]
        );
        let two = [
            (Some("Kommunstyrelsen"), Some("Lomma kommun")),
            (Some("Socialnämnden"), Some("Alingsås kommun")),
            (Some("Valnämnden"), None),
        ];
        assert_eq!(infer_organisations(&two)[2], None);
    }

    #[test]
    fn council_inferred_from_a_mention_in_the_text() {
        let key =
            council_key("Specifikt samverkansråd för skola, utbildning och kompetensförsörjning");
        let text = "Verksamhetsplan för 2021 antas av Specifika samverkansradet for skola, utbildning och kompetensforsorjning.";
        assert_eq!(infer_council(text, [key.as_str()]), Some(key.clone()));
        assert_eq!(infer_council("Inget här om rådet.", [key.as_str()]), None);
    }
}
