//! Text shaping for the views: word wrapping by display width, truncation with an ellipsis, and
//! turning match positions (fuzzy char indices, snippet byte ranges, shared terms) into styled spans.

use crate::text::fold_char;
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cut `text` to at most `max` columns, ending in "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pad or cut `text` to exactly `cols` columns.
pub fn fit(text: &str, cols: usize) -> String {
    let mut out = truncate(text, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Wrap text into lines of at most `max` columns: paragraphs (newlines) kept, words moved whole
/// where they fit, words longer than a line broken. Tabs become spaces.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.replace('\t', "    ");
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let word_width = width(word);
            let space = usize::from(!line.is_empty());
            if used + space + word_width <= max {
                if space == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Spans of `text` with the chars at `indices` (char positions, sorted) in `hit` style.
pub fn spans_from_char_indices(
    text: &str,
    indices: &[usize],
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_is_hit = false;
    let mut next = indices.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_hit = next.peek().is_some_and(|&&n| n == i);
        if is_hit {
            next.next();
        }
        if is_hit != current_is_hit && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_is_hit { hit } else { base },
            ));
        }
        current_is_hit = is_hit;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_is_hit { hit } else { base },
        ));
    }
    spans
}

/// Char indices of `text` covered by byte `ranges` (ranges outside `text` or off char
/// boundaries are tolerated).
pub fn char_indices_from_byte_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<usize> {
    text.char_indices()
        .enumerate()
        .filter(|(_, (byte, _))| {
            ranges
                .iter()
                .any(|(start, end)| byte >= start && byte < end)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Char indices of `text` inside whole-word occurrences of any of `terms` (compared folded, so
/// `orebro` marks `Örebro`). Multi-word terms match across single spaces.
pub fn char_indices_of_terms(text: &str, terms: &[String]) -> Vec<usize> {
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    let mut marked = vec![false; folded.len()];
    for term in terms {
        let needle: Vec<char> = term.chars().map(fold_char).collect();
        if needle.is_empty() || needle.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - needle.len() {
            if folded[start..start + needle.len()] != needle[..] {
                continue;
            }
            let before_ok = start == 0 || !folded[start - 1].is_alphanumeric();
            // allow Swedish inflection endings after the term ("finansiering" → "finansieringen")
            let after_ok = folded[start + needle.len()..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count()
                <= 3;
            if before_ok && after_ok {
                marked[start..start + needle.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    marked
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(i, _)| i)
        .collect()
}

/// Cut styled spans to at most `max` columns (no ellipsis).
pub fn clip_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = width(&span.content);
        if used + w <= max {
            used += w;
            out.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max {
                break;
            }
            used += cw;
            cut.push(c);
        }
        out.push(Span::styled(cut, span.style));
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_words_and_breaks_long_words() {
        assert_eq!(wrap("ett två tre", 7), vec!["ett två", "tre"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        for line in wrap("Kompetensförsörjningsfrågor inom Region Örebro län", 9) {
            assert!(width(&line) <= 9, "{line}");
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Örebro län", 6), "Örebr…");
        assert_eq!(truncate("kort", 10), "kort");
        assert_eq!(width(&fit("ab", 5)), 5);
    }

    #[test]
    fn terms_mark_folded_whole_words() {
        let marked =
            char_indices_of_terms("RUC i Örebro; rucksack", &["ruc".into(), "orebro".into()]);
        assert_eq!(marked, vec![0, 1, 2, 6, 7, 8, 9, 10, 11]);
        let bytes = char_indices_from_byte_ranges("Över RUC", &[(6, 9)]);
        assert_eq!(bytes, vec![5, 6, 7]);
    }
}
