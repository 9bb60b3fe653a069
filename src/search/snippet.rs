//! Snippets with the matched words marked. tantivy's own generator knows nothing of fuzzy or
//! prefix matches (they report no terms), so protokoll marks words itself: a word of the item text
//! is a match when its stem, its folded form, a prefix, or (within the allowed edits) a fuzzy form
//! equals a query word's. The fragment is the window with the most distinct matched words.

use super::schema::{fold_analyzer, stem_analyzer};
use std::collections::HashSet;

/// What counts as a match when marking words.
#[derive(Debug, Clone, Default)]
pub struct MatchTerms {
    /// Stemmed query words (match the stemmed form of a text word).
    pub stems: HashSet<String>,
    /// Folded query words (match the folded form exactly).
    pub folds: HashSet<String>,
    /// Folded query words matched by edit distance: (word, max edits).
    pub fuzzy: Vec<(String, u8)>,
    /// Folded prefixes.
    pub prefixes: Vec<String>,
    /// Stemmed query words matched as a part of a compound (`plan` in `verksamhetsplanen`).
    pub parts: HashSet<String>,
    /// Stemmed parts of a query compound, matched where the text writes them apart (`teknik`,
    /// `colleg` of `teknikcollege` in "Teknik College").
    pub apart: HashSet<String>,
}

impl MatchTerms {
    /// The query word a text word matches, and how strongly: 3 exact (stem or folded form),
    /// 2 prefix, 1 fuzzy.
    fn matches(&self, stem: &str, fold: &str, written: &str) -> Option<(String, u8)> {
        if self.stems.contains(stem) {
            return Some((stem.to_string(), 3));
        }
        if self.folds.contains(fold) {
            return Some((fold.to_string(), 3));
        }
        if let Some(p) = self.prefixes.iter().find(|p| fold.starts_with(p.as_str())) {
            return Some((p.clone(), 2));
        }
        if self.apart.contains(stem) {
            return Some((stem.to_string(), 2));
        }
        // A part's stem stands in the compound's letters, so only such words are split.
        if fold.len() >= 2 * super::compound::MIN_PART
            && self.parts.iter().any(|p| fold.contains(p.as_str()))
        {
            let terms = super::compound::cached_terms(&written.to_lowercase());
            if let Some(p) = terms.split(' ').find(|t| self.parts.contains(*t)) {
                return Some((p.to_string(), 2));
            }
        }
        self.fuzzy
            .iter()
            .find(|(w, d)| within_edits(w, fold, *d as usize))
            .map(|(w, _)| (w.clone(), 1))
    }
}

/// Optimal-string-alignment distance ≤ `max` (a transposition costs one edit, as in tantivy's
/// fuzzy queries).
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    // Cheap rejection before any allocation: a character is at most 4 bytes.
    if a.len().abs_diff(b.len()) > max * 4
        || (a.is_ascii() && b.is_ascii() && a.len().abs_diff(b.len()) > max)
    {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// A token of the text: byte span, stemmed and folded forms.
struct Word {
    start: usize,
    end: usize,
    matched: Option<(String, u8)>,
}

fn words(text: &str, terms: &MatchTerms) -> Vec<Word> {
    // One folding pass; a word is stemmed only when a query stem begins its folded form (Swedish
    // stemming only removes endings, so no other word can share a stem). Stemming every word of
    // every hit's text was half the cost of a search.
    let mut stem = stem_analyzer();
    let mut fold = fold_analyzer();
    let mut out = Vec::new();
    let mut f = fold.token_stream(text);
    while let Some(t) = f.next() {
        let stemmed = if terms
            .stems
            .iter()
            .chain(&terms.apart)
            .any(|s| t.text.starts_with(s.as_str()))
        {
            let mut s = stem.token_stream(&t.text);
            let mut first = String::new();
            if s.advance() {
                first = s.token().text.clone();
            }
            first
        } else {
            String::new()
        };
        out.push(Word {
            start: t.offset_from,
            end: t.offset_to,
            matched: terms.matches(&stemmed, &t.text, &text[t.offset_from..t.offset_to]),
        });
    }
    out
}

/// Make a one-line snippet of at most about `max_chars` characters from `text`, with the byte
/// ranges of the matched words in the returned string.
pub fn snippet(text: &str, terms: &MatchTerms, max_chars: usize) -> (String, Vec<(usize, usize)>) {
    let words = words(text, terms);
    let matched: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].matched.is_some())
        .collect();
    // Best window: starting at a matched word, the highest sum over distinct matched query words
    // of their best match strength (exact above prefix above fuzzy) within max_chars.
    let mut best_start = 0usize;
    let mut best_score = 0u32;
    for &i in &matched {
        let start = words[i].start;
        let mut seen: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
        for &j in matched.iter().filter(|&&j| j >= i) {
            if words[j].end - start > max_chars * 2 {
                break;
            }
            if text[start..words[j].end].chars().count() > max_chars {
                break;
            }
            if let Some((term, strength)) = &words[j].matched {
                let e = seen.entry(term.as_str()).or_default();
                *e = (*e).max(*strength);
            }
        }
        let score: u32 = seen.values().map(|&s| s as u32).sum();
        if score > best_score {
            best_score = score;
            best_start = i;
        }
    }
    // Start a little before the first matched word, at a word boundary.
    let (mut from, lead) = if matched.is_empty() {
        (0, false)
    } else {
        let first = best_start;
        let back = (0..first)
            .rev()
            .take_while(|&k| words[first].start - words[k].start <= max_chars / 4)
            .last()
            .unwrap_or(first);
        (words[back].start, back > 0)
    };
    if matched.is_empty() {
        from = words.first().map(|w| w.start).unwrap_or(0);
    }
    let mut out = String::new();
    let mut highlights = Vec::new();
    if lead {
        out.push('…');
    }
    let mut pos = from;
    let mut count = 0;
    let mut last_space = false;
    for w in words.iter().filter(|w| w.start >= from) {
        let gap = &text[pos..w.start];
        let word = &text[w.start..w.end];
        count += gap.chars().count().min(1) + word.chars().count();
        if count > max_chars && !out.is_empty() {
            out.push('…');
            return (out, highlights);
        }
        if !gap.is_empty() {
            // Whitespace (newlines included) becomes one space; punctuation is kept.
            let squashed = crate::text::squash_spaces(gap);
            if squashed.is_empty() {
                if !out.is_empty() && !last_space {
                    out.push(' ');
                }
            } else {
                if gap.starts_with(char::is_whitespace) && !out.is_empty() && !last_space {
                    out.push(' ');
                }
                out.push_str(&squashed);
                if gap.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
        }
        let start = out.len();
        out.push_str(word);
        if w.matched.is_some() {
            highlights.push((start, out.len()));
        }
        last_space = false;
        pos = w.end;
    }
    let tail = crate::text::squash_spaces(&text[pos..]);
    if !tail.is_empty() && tail.chars().count() + count <= max_chars {
        out.push_str(&tail);
    }
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(stems: &[&str], folds: &[&str]) -> MatchTerms {
        MatchTerms {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            folds: folds.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn edits() {
        assert!(within_edits("motet", "meoetet", 2));
        assert!(!within_edits("motet", "meoetet", 1));
        assert!(within_edits("skolkrot", "skolkort", 1));
        assert!(!within_edits("ruc", "rut", 0));
    }

    #[test]
    fn marks_inflected_and_folded_words() {
        let text = "Inledning.\nFörslag om lärarutbildningen vid Örebro universitet.";
        let (snip, marks) = snippet(text, &terms(&["lararutbildning"], &["orebro"]), 150);
        let marked: Vec<&str> = marks.iter().map(|&(a, b)| &snip[a..b]).collect();
        assert_eq!(marked, ["lärarutbildningen", "Örebro"]);
        assert!(!snip.contains('\n'));
    }

    #[test]
    fn window_moves_to_the_match() {
        let filler = "ord ".repeat(200);
        let text = format!("{filler} här nämns skolkort för elever {filler}");
        let (snip, marks) = snippet(&text, &terms(&[], &["skolkort"]), 80);
        assert_eq!(marks.len(), 1);
        assert_eq!(&snip[marks[0].0..marks[0].1], "skolkort");
        assert!(snip.chars().count() <= 84);
    }

    #[test]
    fn fuzzy_and_prefix_marks() {
        let mut t = MatchTerms::default();
        t.fuzzy.push(("motet".into(), 2));
        t.prefixes.push("utveck".into());
        let (snip, marks) = snippet("1. Méoétet 6ppnas. Utvecklingscentrum.", &t, 150);
        let marked: Vec<&str> = marks.iter().map(|&(a, b)| &snip[a..b]).collect();
        assert_eq!(marked, ["Méoétet", "Utvecklingscentrum"]);
    }

    #[test]
    fn exact_match_window_beats_an_earlier_fuzzy_one() {
        let mut t = MatchTerms::default();
        t.folds.insert("skolkort".into());
        t.fuzzy.push(("skolkort".into(), 2));
        let filler = "ord ".repeat(80);
        let text =
            format!("personal på skolor och förskolor. {filler} Gratis skolkort för elever.");
        let (snip, marks) = snippet(&text, &t, 80);
        let marked: Vec<&str> = marks.iter().map(|&(a, b)| &snip[a..b]).collect();
        assert!(marked.contains(&"skolkort"), "{snip}");
    }
}
