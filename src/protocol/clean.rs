//! Cleaning decoded protocol text before parsing: markup (markdown emphasis, `#` headings, `|tables|`,
//! stray HTML tags, YAML front matter) is stripped, page furniture (letterheads and footers repeated on
//! every page, "2(7)" page marks, "Justerandes sign") is blanked, and words hyphenated across lines
//! are joined. The result keeps exactly one cleaned line per original line, so an index into
//! [`Cleaned::lines`] plus one is the line number in the original file.

use crate::text::{fold, sanitize};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One line of the file after cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// The cleaned text; empty when the line was blank or removed as furniture.
    pub text: String,
    /// Markdown heading level (`#` = 1); 0 when the line was not a heading.
    pub heading: u8,
    /// The whole line was bold (`**Ekonomi**`), a heading by layout.
    pub emphasized: bool,
    /// Removed as page furniture (header, footer, page mark).
    pub furniture: bool,
    /// The line was a markdown table row (cells are now separated by tabs).
    pub table: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// A cleaned file: `lines[i]` is original line `i + 1`.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
}

impl Cleaned {
    /// Index of the next non-blank line after `i`, looking at most `limit` lines ahead.
    pub fn next_nonblank(&self, i: usize, limit: usize) -> Option<usize> {
        (i + 1..self.lines.len().min(i + 1 + limit)).find(|&j| !self.lines[j].is_blank())
    }

    /// Index of the next line with text after `i` that is not page furniture, looking at most
    /// `limit` lines ahead: a heading at the foot of a page has its title on the next page,
    /// after the footer and the next page's header.
    pub fn next_text(&self, i: usize, limit: usize) -> Option<usize> {
        (i + 1..self.lines.len().min(i + 1 + limit))
            .find(|&j| !self.lines[j].is_blank() && !self.lines[j].furniture)
    }

    /// Index of the previous non-blank line before `i`, looking at most `limit` lines back.
    pub fn prev_nonblank(&self, i: usize, limit: usize) -> Option<usize> {
        (i.saturating_sub(limit)..i)
            .rev()
            .find(|&j| !self.lines[j].is_blank())
    }
}

/// True for the two marker lines of a slide deck's speaker notes.
pub fn is_slide_marker(line: &str) -> bool {
    let t = line.trim();
    if !(10..=30).contains(&t.len()) || !t.starts_with(['P', 'p']) {
        return false;
    }
    let f = fold(t);
    let f = f.trim_end_matches(':');
    f == "presentator" || f == "presentationsanteckningar"
}

static HTML_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").unwrap());
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,200})?/?>").unwrap());
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$").unwrap());
static TABLE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$").unwrap());
static MD_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([.\-*_#()\[\]|!+>`~])").unwrap());
/// "2(7)", "2 (7)", "Sida 2 av 7", "Sida 2(7)", "- 2 -", "2/7" alone on a line.
static PAGE_MARK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d{1,3}\s*\(\s*\d{1,3}\s*\)|(?:sida|page|blad|s\.)\s*\d{1,3}(?:\s*(?:av|of|/|\()\s*\d{1,3}\)?)?|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3})$",
    )
    .unwrap()
});
/// A page mark at the end of a header line: "Kommunstyrelsen   Protokoll   3(12)".
static PAGE_MARK_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:\d{1,3}\s*\(\s*\d{1,3}\s*\)|(?:sida|blad)\s+\d{1,3}(?:\s*(?:av|\()\s*\d{1,3}\)?)?)\s*$")
        .unwrap()
});

/// Words that make up signature and certification boxes repeated on every page.
const SIGNATURE_WORDS: &[&str] = &[
    "justerandes",
    "justerares",
    "ordforandes",
    "sekreterarens",
    "sign",
    "sign.",
    "signatur",
    "signaturer",
    "utdragsbestyrkande",
    "utdragsbestyrkning",
    "justerandes sign",
];

/// Labels of the address block in a letter footer.
const FOOTER_WORDS: &[&str] = &[
    "postadress",
    "besoksadress",
    "telefon",
    "telefax",
    "fax",
    "org.nr",
    "orgnr",
    "organisationsnummer",
    "plusgiro",
    "bankgiro",
    "e-post",
    "epost",
    "internet",
    "webbplats",
    "hemsida",
    "vaxel",
];

/// Clean `text` (already decoded) into one [`Line`] per original line.
pub fn clean(text: &str) -> Cleaned {
    let text = sanitize(text);
    let mut lines: Vec<Line> = text.lines().map(normalize_line).collect();
    strip_front_matter(&mut lines, &text);
    mark_pattern_furniture(&mut lines);
    mark_repeated_furniture(&mut lines);
    join_hyphenated(&mut lines);
    Cleaned { lines }
}

/// Markup removed from one line; the heading/table/emphasis facts kept as flags.
fn normalize_line(raw: &str) -> Line {
    const ODD_SPACES: [char; 5] = ['\u{fffd}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{200b}'];
    let mut s: String = if raw.contains(ODD_SPACES) {
        raw.chars()
            .map(|c| if ODD_SPACES.contains(&c) { ' ' } else { c })
            .collect()
    } else {
        raw.to_string()
    };
    if s.contains('<') {
        s = HTML_BREAK.replace_all(&s, " ").into_owned();
        s = HTML_TAG.replace_all(&s, " ").into_owned();
    }
    if s.contains('&') {
        s = s
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
    }
    if s.contains('\\') {
        s = MD_ESCAPE.replace_all(&s, "$1").into_owned();
    }
    let mut line = Line::default();
    let trimmed = s.trim();
    if trimmed.starts_with('#') {
        if let Some(c) = MD_HEADING.captures(&s) {
            line.heading = c[1].len() as u8;
            s = c[2].to_string();
        }
    }
    let trimmed = s.trim();
    if trimmed.starts_with('|') && trimmed.len() > 1 {
        line.table = true;
        if TABLE_SEPARATOR.is_match(trimmed) {
            s = String::new();
        } else {
            let cells: Vec<&str> = trimmed
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            s = cells.join("\t");
        }
    }
    if s.contains('*') || s.contains("__") {
        let t = s.trim();
        if (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
            || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
        {
            line.emphasized = true;
        }
        s = strip_emphasis(&s);
    }
    line.text = s.trim_end().to_string();
    line
}

/// `**bold**`, `*italic*`, `__bold__` lose their markers; a leading "* " bullet becomes "• ".
fn strip_emphasis(s: &str) -> String {
    let lead = s.len() - s.trim_start().len();
    let (indent, body) = s.split_at(lead);
    let (bullet, body) = match body.strip_prefix("* ") {
        Some(rest) => ("• ", rest),
        None => ("", body),
    };
    let body = body.replace("__", "");
    let body: String = body.chars().filter(|&c| c != '*').collect();
    format!("{indent}{bullet}{body}")
}

/// YAML front matter (`---` … `---` at the very top): the lines are blanked, except that the values
/// of `title`, `date` and council-like keys stay as plain lines for the council and date rules.
fn strip_front_matter(lines: &mut [Line], _text: &str) {
    let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
        return;
    };
    if first > 2 || lines[first].trimmed() != "---" {
        return;
    }
    let end = (first + 1..lines.len().min(first + 80))
        .find(|&j| matches!(lines[j].trimmed(), "---" | "..."));
    let Some(end) = end else {
        return;
    };
    let all_keys = (first + 1..end).all(|j| {
        let t = lines[j].trimmed();
        t.is_empty() || t.starts_with('-') || t.starts_with(' ') || t.contains(':')
    });
    if !all_keys {
        return;
    }
    for line in lines.iter_mut().take(end + 1).skip(first) {
        let t = line.trimmed().to_string();
        let kept = t.split_once(':').and_then(|(key, value)| {
            let key = fold(key.trim());
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            let useful = matches!(
                key.as_str(),
                "title" | "titel" | "date" | "datum" | "council" | "organ" | "namnd" | "instans"
            );
            (useful && !value.is_empty()).then(|| value.to_string())
        });
        *line = Line {
            text: kept.unwrap_or_default(),
            ..Line::default()
        };
    }
}

fn blank_as_furniture(line: &mut Line) {
    line.text.clear();
    line.furniture = true;
}

/// True when every word of the line belongs to a signature box ("Justerandes sign  Utdragsbestyrkande").
fn is_signature_box(folded: &str) -> bool {
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '|' || c == '_')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().any(|w| {
            w.starts_with("utdragsbestyrk")
                || w.starts_with("justerande")
                || *w == "signatur"
                || w.starts_with("sign")
        })
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| c == ':' || c == '.' || c == ',');
            w.is_empty() || SIGNATURE_WORDS.contains(&w) || w.starts_with("utdragsbestyrk")
        })
}

fn footer_label_count(folded: &str) -> usize {
    folded
        .split_whitespace()
        .filter(|w| FOOTER_WORDS.contains(&w.trim_end_matches(':')))
        .count()
}

/// Page marks, signature boxes and address footers, wherever they stand.
fn mark_pattern_furniture(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trimmed();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if PAGE_MARK_LINE.is_match(t) {
            blank_as_furniture(&mut lines[i]);
            i += 1;
            continue;
        }
        let ends_like_mark = t.ends_with(')') || t.ends_with(|c: char| c.is_ascii_digit());
        if ends_like_mark {
            if let Some(m) = PAGE_MARK_TAIL.find(&lines[i].text) {
                let start = m.start();
                if lines[i].text[..start].split_whitespace().count() >= 1 {
                    lines[i].text.truncate(start);
                }
            }
        }
        // Cheap look before folding: both kinds of furniture carry these ASCII fragments.
        let lower = lines[i].trimmed().to_ascii_lowercase();
        let maybe_signature =
            lower.len() <= 160 && (lower.contains("sign") || lower.contains("tdrag"));
        let maybe_footer = lower.contains("post")
            || lower.contains("telefon")
            || lower.contains("giro")
            || lower.contains("org");
        if !maybe_signature && !maybe_footer {
            i += 1;
            continue;
        }
        let folded = fold(lines[i].trimmed());
        if maybe_signature && is_signature_box(&folded) {
            blank_as_furniture(&mut lines[i]);
            i += 1;
            continue;
        }
        if footer_label_count(&folded) >= 3 {
            // The label row and the address lines under it, up to a run of blank lines.
            blank_as_furniture(&mut lines[i]);
            let mut j = i + 1;
            let mut blanks = 0;
            while j < lines.len() && j <= i + 8 {
                if lines[j].is_blank() {
                    blanks += 1;
                    if blanks >= 2 {
                        break;
                    }
                } else {
                    blanks = 0;
                    let t = lines[j].trimmed();
                    let digits = t.chars().filter(char::is_ascii_digit).count();
                    let looks_address = digits >= 3
                        || t.contains('@')
                        || t.contains("www.")
                        || t.contains("http")
                        || footer_label_count(&fold(t)) >= 1
                        || t.split_whitespace().count() <= 3;
                    if !looks_address {
                        break;
                    }
                    blank_as_furniture(&mut lines[j]);
                }
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// Comparison key of a line as its consonant skeleton: lowercase consonants only, so OCR
/// variants of one page header ("SAMMANTRÄDESPROTOKOLL", "Sammantr3desprotokoll") meet. Kept as a
/// 64-bit FNV-1a hash, so no key string is built, with the line's word count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct LineKey {
    hash: u64,
    words: usize,
    /// Starts like an item heading ("§ 4", "4."): never furniture on its own.
    numbered: bool,
}

fn line_key(text: &str) -> LineKey {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut letters = 0;
    for c in text.chars() {
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            base_letter(c)
        };
        if c.is_ascii_lowercase() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            hash ^= c as u64;
            hash = hash.wrapping_mul(PRIME);
            letters += 1;
        }
    }
    let t = text.trim_start();
    LineKey {
        hash: hash ^ letters,
        words: text.split_whitespace().count(),
        numbered: t.starts_with('§') || t.starts_with(|c: char| c.is_ascii_digit()),
    }
}

/// The unaccented lowercase letter for common Latin letters with diacritics; others unchanged.
pub fn base_letter(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' | 'Å' | 'Ä' | 'À' | 'Á' | 'Â' => 'a',
        'ö' | 'ô' | 'ó' | 'ò' | 'õ' | 'ø' | 'Ö' | 'Ô' | 'Ó' | 'Ø' => 'o',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
        'ü' | 'ú' | 'ù' | 'û' | 'Ü' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        _ => c,
    }
}

/// Walking from a line (over `steps`, outwards): a page mark, two blank lines, or the file's end
/// comes before any text.
fn page_edge(lines: &[Line], steps: impl Iterator<Item = usize>) -> bool {
    let mut blanks = 0;
    for j in steps {
        if lines[j].furniture {
            return true;
        }
        if !lines[j].is_blank() {
            return false;
        }
        blanks += 1;
        if blanks >= 2 {
            return true;
        }
    }
    true
}

/// Headers repeated on every page: a pair of consecutive lines seen again later (a repeated block),
/// or a single line of two or more words repeated at least three times at page tops or bottoms.
/// The first occurrence stays (it is the letterhead the council and date rules read).
fn mark_repeated_furniture(lines: &mut [Line]) {
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_blank() && !is_slide_marker(&lines[i].text))
        .collect();
    if nonblank.len() < 4 {
        return;
    }
    // Headers and footers are short lines; long lines get no key and never count as repeated.
    let keys: Vec<Option<LineKey>> = nonblank
        .iter()
        .map(|&i| {
            let t = lines[i].trimmed();
            (t.len() >= 3 && t.len() <= 140).then(|| line_key(t))
        })
        .collect();
    // Page tops and bottoms: next to a page mark, a run of blank lines, or the file's ends.
    let near_break = |i: usize| -> bool {
        page_edge(lines, (0..i).rev()) || page_edge(lines, i + 1..lines.len())
    };

    let mut remove = vec![false; nonblank.len()];
    // Repeated blocks (pairs of consecutive lines).
    let mut pair_seen: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for k in 0..nonblank.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (keys[k], keys[k + 1]) else {
            continue;
        };
        if a.hash == b.hash || a.words > 10 || b.words > 10 {
            continue;
        }
        pair_seen.entry((a.hash, b.hash)).or_default().push(k);
    }
    // A letterhead at the top stays (the council and date rules read it); later copies go.
    let keep_first = |first: usize| usize::from(first < 15);
    for occurrences in pair_seen.values() {
        if occurrences.len() < 2 {
            continue;
        }
        let at_top = occurrences[0] < 15;
        let breaks = occurrences
            .iter()
            .filter(|&&k| near_break(nonblank[k]) || near_break(nonblank[k + 1]))
            .count();
        // Repeated pairs inside the text ("Beslut" over the same decision) are no furniture:
        // a header stands at page breaks, or repeats the letterhead.
        if breaks >= 2 || (at_top && occurrences.len() >= 3) {
            for &k in &occurrences[keep_first(occurrences[0])..] {
                remove[k] = true;
                remove[k + 1] = true;
            }
        }
    }
    // Single lines repeated at page breaks.
    let mut line_seen: HashMap<u64, Vec<usize>> = HashMap::new();
    for (k, key) in keys.iter().enumerate() {
        // Running text repeated in several items ("Avgiften för strandskyddsdispensen är 11 600
        // kr, i enlighet med …") is long; headers and footers are short.
        if let Some(key) = key.filter(|key| key.words >= 2 && key.words <= 8 && !key.numbered) {
            line_seen.entry(key.hash).or_default().push(k);
        }
    }
    for occurrences in line_seen.values() {
        if occurrences.len() < 3 {
            continue;
        }
        let breaks = occurrences
            .iter()
            .filter(|&&k| near_break(nonblank[k]))
            .count();
        if breaks >= 2 {
            for &k in &occurrences[keep_first(occurrences[0])..] {
                remove[k] = true;
            }
        }
    }
    // An item heading is never furniture, even under a repeated page header ("2026-06-01" over
    // "§ 95 2026.016 KS" on every page), and neither is the title line under it (titles repeat
    // in the table of contents and in standing items).
    let heading: Vec<bool> = nonblank
        .iter()
        .map(|&i| is_paragraph_line(lines[i].trimmed()))
        .collect();
    let label: Vec<bool> = nonblank
        .iter()
        .map(|&i| super::items::is_section_label(lines[i].trimmed()))
        .collect();
    // A bare page number ("54") standing at a page edge.
    for (k, &i) in nonblank.iter().enumerate() {
        let t = lines[i].trimmed();
        if (1..=3).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && (page_edge(lines, (0..i).rev()) || page_edge(lines, i + 1..lines.len()))
        {
            remove[k] = true;
        }
    }
    for (k, &i) in nonblank.iter().enumerate() {
        // Section labels ("Beslut", "Beslutsunderlag") repeat in every item: structure, not furniture.
        // So is the line under a label: the same decision ("Motionen remitteras till
        // kommunstyrelsen.") is written in many items.
        let protected = heading[k] || (k > 0 && (heading[k - 1] || label[k - 1])) || label[k];
        if remove[k] && !protected {
            blank_as_furniture(&mut lines[i]);
        }
    }
}

/// "§ 95 2026.016 KS", "§108", "- § 101", "KS § 112": a line that opens with a paragraph number.
fn is_paragraph_line(t: &str) -> bool {
    let t = t.trim_start_matches(['-', '–', '•', '*', '>', ' ']);
    let t = match t.split_once(' ') {
        Some((body, rest))
            if body.len() <= 8
                && body.chars().all(|c| c.is_uppercase())
                && rest.starts_with('§') =>
        {
            rest
        }
        _ => t,
    };
    t.strip_prefix('§')
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Words after a line-end hyphen that mean the hyphen is real ("Skol- och utbildningschefer").
const KEEP_HYPHEN_BEFORE: &[&str] = &[
    "och",
    "eller",
    "samt",
    "respektive",
    "resp",
    "resp.",
    "till",
    "som",
    "&",
];

/// "finansie-" + "rats" → "finansierats" (the fragment moves up, the line count stays).
/// An all-capitals stem keeps its hyphen ("YH-" + "utbildningar" → "YH-utbildningar").
fn join_hyphenated(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let (stem_is_acronym, ends_with_hyphen) = {
            let t = lines[i].text.trim_end();
            let mut rev = t.chars().rev();
            let last = rev.next();
            let before = rev.next();
            let ok = last == Some('-') && before.is_some_and(char::is_alphabetic);
            let stem = t
                .trim_end_matches('-')
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let acronym = stem.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && stem
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            (acronym, ok)
        };
        if !ends_with_hyphen {
            continue;
        }
        // The continuation: the next non-blank line, across at most a few blank or furniture lines.
        let mut j = i + 1;
        let mut skipped_blank = 0;
        while j < lines.len() && lines[j].is_blank() {
            if !lines[j].furniture {
                skipped_blank += 1;
            }
            j += 1;
            if skipped_blank > 1 || j > i + 12 {
                break;
            }
        }
        if j >= lines.len() || lines[j].is_blank() || skipped_blank > 1 {
            continue;
        }
        let next = lines[j].text.trim_start();
        let word_end = next.find(char::is_whitespace).unwrap_or(next.len());
        let word = &next[..word_end];
        if !word.chars().next().is_some_and(char::is_lowercase)
            || KEEP_HYPHEN_BEFORE.contains(&word.trim_end_matches([',', '.', ':']))
        {
            continue;
        }
        let word = word.to_string();
        let rest = next[word_end..].trim_start().to_string();
        let head = lines[i].text.trim_end();
        let head = if stem_is_acronym {
            head.to_string()
        } else {
            head[..head.len() - 1].to_string()
        };
        lines[i].text = format!("{head}{word}");
        lines[j].text = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn one_cleaned_line_per_original_line() {
        let c = clean("a\nb\n\nc");
        assert_eq!(c.lines.len(), 4);
    }

    #[test]
    fn hyphenated_words_are_joined() {
        let c = clean("Platserna har finansie-\nrats av staten.\nSkol- och\nutbildning");
        assert_eq!(c.lines[0].text, "Platserna har finansierats");
        assert_eq!(c.lines[1].text, "av staten.");
        assert_eq!(c.lines[2].text, "Skol- och");
    }

    #[test]
    fn hyphen_join_keeps_real_hyphens() {
        let c = clean("Skol-\noch utbildning\nmed YH-\nutbildningar");
        assert_eq!(c.lines[0].text, "Skol-");
        assert_eq!(c.lines[2].text, "med YH-utbildningar");
        let c = clean("Elevhälsans in-\n\nsats, Örebro");
        assert_eq!(c.lines[0].text, "Elevhälsans insats,");
    }

    #[test]
    fn page_marks_and_signature_boxes_are_furniture() {
        let c = clean("Text\n2(7)\nSida 3 av 12\nJusterandes sign     Utdragsbestyrkande\nmer");
        assert_eq!(texts(&c), vec!["Text", "", "", "", "mer"]);
        assert!(c.lines[1].furniture && c.lines[3].furniture);
    }

    #[test]
    fn markdown_and_html_are_stripped() {
        let c = clean("## 4. **Projekt *Skolresultaten***\n<p>Hej</p> <br>du\n| a | b<br>c |\n|---|---|\n1\\. Mötet");
        assert_eq!(c.lines[0].text, "4. Projekt Skolresultaten");
        assert_eq!(c.lines[0].heading, 2);
        assert_eq!(
            c.lines[1].text.split_whitespace().collect::<Vec<_>>(),
            vec!["Hej", "du"]
        );
        assert_eq!(c.lines[2].text, "a\tb c");
        assert!(c.lines[2].table);
        assert_eq!(c.lines[3].text, "");
        assert_eq!(c.lines[4].text, "1. Mötet");
    }

    #[test]
    fn front_matter_is_blanked_but_title_and_date_kept() {
        let c = clean(
            "---\ntitle: Protokoll Kommunstyrelsen\nauthor: x\ndate: 2021-02-12\n---\n# Rubrik",
        );
        assert_eq!(
            texts(&c),
            vec![
                "",
                "Protokoll Kommunstyrelsen",
                "",
                "2021-02-12",
                "",
                "Rubrik"
            ]
        );
    }

    #[test]
    fn repeated_page_header_is_removed_but_first_kept() {
        let page = "Kommunstyrelsen\nSammanträdesprotokoll 2021-02-12\n";
        let text = format!(
            "{page}\n1. Mötet öppnas\nText.\n\n\n{page}\n2. Ekonomi\nMer.\n\n\n{page}\n3. Slut\n"
        );
        let c = clean(&text);
        let kept: Vec<&str> = texts(&c).into_iter().filter(|t| !t.is_empty()).collect();
        assert_eq!(
            kept,
            vec![
                "Kommunstyrelsen",
                "Sammanträdesprotokoll 2021-02-12",
                "1. Mötet öppnas",
                "Text.",
                "2. Ekonomi",
                "Mer.",
                "3. Slut"
            ]
        );
    }

    #[test]
    fn address_footer_block_is_removed() {
        let c = clean("sista rad\nPOSTADRESS BESOKSADRESS TELEFON TELEFAX\nRegion Örebro län Box 1613 019-60 70 00\n701 16 Örebro\n\n\nNästa sida");
        assert_eq!(c.lines[1].text, "");
        assert_eq!(c.lines[2].text, "");
        assert_eq!(c.lines[3].text, "");
        assert_eq!(c.lines[6].text, "Nästa sida");
    }

    #[test]
    fn slide_markers_are_never_furniture() {
        let text = "A\nPresentatör\nPresentationsanteckningar\nx\n\n\nB\nPresentatör\nPresentationsanteckningar\ny\n\n\nC\nPresentatör\nPresentationsanteckningar\nz";
        let c = clean(text);
        assert_eq!(
            c.lines.iter().filter(|l| is_slide_marker(&l.text)).count(),
            6
        );
    }

    #[test]
    fn control_characters_never_survive() {
        let c = clean("a\u{1b}[2Jb\u{7}\nc");
        assert_eq!(c.lines[0].text, "a[2Jb");
    }
}
