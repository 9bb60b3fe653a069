//! Acronyms learnt from the archive itself: "Regionalt utvecklingscentrum (RUC)", "RUC
//! (Regionalt utvecklingscentrum)" or "En bättre matchning, EBM" define RUC and EBM.
//!
//! At index time every item stores its definitions as `d:ruc=regionalt utvecklingscentrum` keys
//! (see [`super::keys`]). The first related query streams those terms from the `keys` field's term
//! dictionary (only the `d:` range, segment by segment) into an [`AcronymDictionary`], kept in the
//! [`crate::Library`] for its lifetime. No archive-wide pass happens at index time or per query.
//!
//! A long form is accepted when the acronym's letters appear in it in order, the first at the
//! start of its first word (the Schwartz–Hearst rule, which allows letters from inside compounds:
//! utvecklings*c*entrum).

use crate::search::schema::{analyze, fold_analyzer};
use crate::search::SearchIndex;
use crate::text::fold;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One definition found in a text: folded acronym and folded long form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub acronym: String,
    pub long_form: String,
}

static PAREN_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*([A-ZÅÄÖ]{2,6})\s*\)").expect("definition pattern"));
static COMMA_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*([A-ZÅÄÖ]{2,6})").expect("definition pattern"));
static PAREN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-ZÅÄÖ]{2,6})\s*\(([^()\n]{4,80})\)").expect("definition pattern")
});

/// True when no letter or digit touches the span `start..end` of `text` from outside: the
/// `\b` test, done in code so patterns stay on the regex engine's fast path.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    word_starts(text, start) && word_ends(text, end)
}

/// No letter or digit right before `pos`.
pub fn word_starts(text: &str, pos: usize) -> bool {
    !text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// No letter or digit right after `pos`.
pub fn word_ends(text: &str, pos: usize) -> bool {
    !text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Definitions in `text`, in order, each acronym once.
pub fn find_definitions(text: &str) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    let mut push = |acronym: &str, long_form: Option<String>| {
        if let Some(long_form) = long_form {
            let acronym = fold(acronym);
            if !out.iter().any(|d| d.acronym == acronym) {
                out.push(Definition { acronym, long_form });
            }
        }
    };
    // Word boundaries are checked in code: a Unicode `\b` in the pattern would make the regex
    // engine fall back to its slow path on every non-ASCII text (a third of indexing time).
    let has_paren = text.contains('(');
    for re in [&*PAREN_AFTER, &*COMMA_AFTER] {
        if !has_paren && std::ptr::eq(re, &*PAREN_AFTER) {
            continue;
        }
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            if !word_ends(text, whole.end()) {
                continue;
            }
            let acronym = &caps[1];
            push(acronym, long_form_before(&text[..whole.start()], acronym));
        }
    }
    let paren_before = if has_paren {
        PAREN_BEFORE.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for caps in paren_before {
        let whole = caps.get(0).expect("match");
        if !word_starts(text, whole.start()) {
            continue;
        }
        let acronym = &caps[1];
        push(acronym, long_form_matching(&caps[2], acronym, false));
    }
    out
}

/// The long form ending right before an acronym, searched within the last few words of the
/// same sentence.
fn long_form_before(before: &str, acronym: &str) -> Option<String> {
    // Only the last few hundred bytes can hold the long form; looking further back would make
    // a long line without full stops cost time quadratic in its length.
    let mut window_start = before.len().saturating_sub(400);
    while !before.is_char_boundary(window_start) {
        window_start += 1;
    }
    let before = &before[window_start..];
    let sentence_start = before
        .rfind(['.', ':', ';', '(', ')', '!', '?'])
        .map(|p| p + 1)
        .unwrap_or(0);
    let sentence = &before[sentence_start..];
    let max_words = (acronym.len() * 2).min(acronym.len() + 5);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let window = words[words.len().saturating_sub(max_words)..].join(" ");
    long_form_matching(&window, acronym, true)
}

/// Schwartz–Hearst: the shortest tail of `candidate` whose letters spell `acronym` in order, the
/// first letter starting a word. With `tail` false the whole candidate must be used (the
/// parenthesis after an acronym holds exactly its long form).
fn long_form_matching(candidate: &str, acronym: &str, tail: bool) -> Option<String> {
    let long: Vec<char> = fold(candidate)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let short: Vec<char> = fold(acronym).chars().collect();
    let mut l = long.len() as isize - 1;
    let mut s = short.len() as isize - 1;
    while s >= 0 {
        let c = short[s as usize];
        while l >= 0
            && (long[l as usize] != c
                || (s == 0 && l > 0 && long[l as usize - 1].is_alphanumeric()))
        {
            l -= 1;
        }
        if l < 0 {
            return None;
        }
        l -= 1;
        s -= 1;
    }
    let start = (l + 1) as usize;
    if !tail && long[..start].iter().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let words: Vec<String> = long[start..]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    // A long form is longer than its acronym and not just the acronym's own letters.
    let letters: usize = words.iter().map(|w| w.len()).sum();
    if letters <= short.len() + 2 || words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    Some(words.join(" "))
}

/// Acronym ↔ long form, learnt from the whole archive's `d:` keys.
#[derive(Debug, Default)]
pub struct AcronymDictionary {
    /// Folded acronym → folded long-form tokens (the most frequent definition wins).
    long_forms: HashMap<String, Vec<String>>,
    /// First long-form token → acronyms whose long form starts with it.
    by_first_word: HashMap<String, Vec<String>>,
}

impl AcronymDictionary {
    /// Read every definition key of the index (term dictionary only; no documents are loaded).
    pub fn load(index: &SearchIndex) -> AcronymDictionary {
        let mut counts: HashMap<(String, String), u64> = HashMap::new();
        let searcher = index.searcher();
        let field = index.fields().keys;
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(b"d:").lt(b"d;").into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if let Some((acronym, long)) = key[2..].split_once('=') {
                    *counts
                        .entry((acronym.to_string(), long.to_string()))
                        .or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut best: HashMap<String, (u64, String)> = HashMap::new();
        for ((acronym, long), n) in counts {
            let entry = best.entry(acronym).or_insert((0, String::new()));
            if n > entry.0 || (n == entry.0 && long < entry.1) {
                *entry = (n, long);
            }
        }
        let mut dict = AcronymDictionary::default();
        for (acronym, (_, long)) in best {
            dict.insert(&acronym, &long);
        }
        dict
    }

    fn insert(&mut self, acronym: &str, long_form: &str) {
        let tokens = analyze(&mut fold_analyzer(), long_form);
        if tokens.len() < 2 && tokens.first().is_none_or(|t| t.len() <= acronym.len()) {
            return;
        }
        self.by_first_word
            .entry(tokens[0].clone())
            .or_default()
            .push(acronym.to_string());
        self.long_forms.insert(acronym.to_string(), tokens);
    }

    /// The folded long-form tokens of an acronym.
    pub fn long_form(&self, acronym: &str) -> Option<&[String]> {
        self.long_forms.get(acronym).map(Vec::as_slice)
    }

    /// Acronyms whose long form occurs in the folded token sequence `tokens`.
    pub fn acronyms_spelled_out(&self, tokens: &[String]) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let Some(candidates) = self.by_first_word.get(token) else {
                continue;
            };
            for acronym in candidates {
                let long = &self.long_forms[acronym];
                if tokens[i..].starts_with(long) && !found.contains(acronym) {
                    found.push(acronym.clone());
                }
            }
        }
        found
    }

    pub fn len(&self) -> usize {
        self.long_forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.long_forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        find_definitions(text)
            .into_iter()
            .map(|d| (d.acronym, d.long_form))
            .collect()
    }

    #[test]
    fn long_form_before_parenthesis_with_letters_inside_compounds() {
        assert_eq!(
            defs("4. Regionalt utvecklingscentrum (RUC) vid Örebro universitet."),
            [(
                "ruc".to_string(),
                "regionalt utvecklingscentrum".to_string()
            )]
        );
    }

    #[test]
    fn comma_and_reversed_forms() {
        assert_eq!(
            defs("Information om arbetet En bättre matchning, EBM och piloten"),
            [("ebm".to_string(), "en battre matchning".to_string())]
        );
        assert_eq!(
            defs("MYH (Myndigheten för yrkeshögskolan) har fått medel"),
            [(
                "myh".to_string(),
                "myndigheten for yrkeshogskolan".to_string()
            )]
        );
    }

    #[test]
    fn words_that_do_not_spell_the_acronym_are_no_definition() {
        assert!(defs("Vi träffades i mars (KS) och sedan").is_empty());
        assert!(defs("Kommunerna, VFU och annat").is_empty());
    }

    #[test]
    fn spelled_out_long_forms_are_found_in_token_sequences() {
        let mut dict = AcronymDictionary::default();
        dict.insert("ruc", "regionalt utvecklingscentrum");
        let tokens: Vec<String> = analyze(
            &mut fold_analyzer(),
            "Om Regionalt Utvecklingscentrum i länet",
        );
        assert_eq!(dict.acronyms_spelled_out(&tokens), ["ruc"]);
    }
}
