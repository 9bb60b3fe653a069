//! Agenda items: "4. Ekonomi" and "§ 21 Tema" headings (the title may wrap onto following lines),
//! the presenters under the title ("Name, Organisation"), and the text up to the next item.
//!
//! Headings are found by shape, then kept only where their numbers form a rising sequence, so list
//! items ("12 februari kl 9-12"), numbered lists inside an item and tables of contents (dot leaders,
//! page numbers, or the same items listed again later) do not become items. Where OCR lost numbers
//! (the sequence jumps from 1 to 5) the lines whose layout shows a heading fill the gap. A file
//! without numbered headings falls back to its markdown headings, then to one item.
//!
//! Why one file of this size: finding headings, choosing the numbering that runs through the
//! document and cutting titles from text are one decision with shared candidates; split apart
//! they would pass the same half-built state back and forth.

use super::attendees::is_person_name;
use super::clean::{Cleaned, Line};
use super::council::CONNECTIVES;
use crate::text::{fold, squash_spaces};
use regex::Regex;
use std::sync::LazyLock;

/// One item before ids are given: line indices are 0-based and inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDraft {
    pub number: Option<String>,
    pub title: String,
    pub presenters: Vec<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Case numbers printed with the heading ("§ 95 2026.016 KS", the line under the title).
    pub case_numbers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// "§ 21 Tema"
    Paragraph,
    /// "4. Ekonomi", "4) Ekonomi"
    Dotted,
    /// "4 Ekonomi"
    Bare,
}

#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    family: Family,
    number: u32,
    number_text: String,
    /// The title's first part; empty when the title stands on the next line.
    title: String,
    /// Line the title starts on (the heading line, or the line under a lone number).
    title_line: usize,
    /// Case numbers printed on the heading line.
    cases: Vec<String>,
    /// Non-blank lines before the next candidate (a table of contents has almost none).
    content: usize,
}

/// "§ 12", "§12", "KS § 112", "BUN § 37", "- § 101", "Paragraf 12", "Ärende 5", then the rest.
static PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<bullet>[-–•*>·▪\x{f0b7}]\s*)?(?:(?P<body>[A-ZÅÄÖ]{2,8})\s+)?(?:§|[Pp]aragraf|Ärende|ÄRENDE)\s*(?P<num>\d{1,4})(?P<rest>.*)$",
    )
    .unwrap()
});
/// "Paragrafer §§ 94-110", "Paragrafer  101", "§ 42-§ 57" on the front page.
static PARAGRAPH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)paragrafer?[\s:]*(?:§§?\s*)?(\d{1,4})(?:\s*[-–]\s*(?:§\s*)?(\d{1,4}))?")
        .unwrap()
});
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.)](?:\s+(.*))?$").unwrap());
static BARE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\s+(\S.*)$").unwrap());
static DOT_LEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:(?:\.\s?){4,}|…+|_{4,})\s*\d{1,3}\s*$").unwrap());

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dec",
    "kl",
    "kl.",
];
const UNITS: &[&str] = &[
    "st",
    "st.",
    "kr",
    "kronor",
    "miljoner",
    "miljarder",
    "procent",
    "personer",
    "timmar",
    "dagar",
    "veckor",
    "ar",
    "manader",
    "minuter",
    "deltagare",
    "elever",
    "platser",
    "%",
];

fn first_word_folded(s: &str) -> String {
    fold(s.split_whitespace().next().unwrap_or(""))
        .trim_end_matches([',', ':'])
        .to_string()
}

/// A plausible title start: a letter (or quote), not a month, unit or clock time.
fn title_start_ok(title: &str) -> bool {
    let Some(first) = title.chars().next() else {
        return false;
    };
    if !(first.is_alphabetic() || matches!(first, '"' | '”' | '“' | '«' | '(' | '\'')) {
        return false;
    }
    let word = first_word_folded(title);
    !MONTHS.contains(&word.as_str())
        && !UNITS.contains(&word.as_str())
        && title.chars().count() <= 250
}

fn is_bullet(s: &str) -> bool {
    s.starts_with(['•', '-', '–', '−', '*', '·', '▪', '\u{f0b7}', '>'])
}

/// A letterhead line: in capitals, naming the organisation or the document type.
fn is_letterhead(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 8
        && upper * 10 >= letters.len() * 8
        && (super::council::organisation_in(line).is_some() || fold(line).contains("protokoll"))
}

/// True when the text could only be part of a numbered heading ("§ 4", "4.", "4 Ekonomi").
fn looks_numbered(s: &str) -> bool {
    s.starts_with('§') || DOTTED.is_match(s)
}

/// "Name, Organisation" or "Name och Name, Organisation" (optionally ending with ':').
pub fn is_presenter(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 160 || line.contains(". ") {
        return false;
    }
    let Some((names, org)) = line.split_once(',') else {
        return false;
    };
    let org = org.trim();
    if org.is_empty() || org.split_whitespace().count() > 16 {
        return false;
    }
    names
        .split(" och ")
        .flat_map(|part| part.split(" & "))
        .all(|name| is_person_name(name.trim()))
}

fn ends_with_connective(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(',') || t.ends_with('-') || t.ends_with('–') {
        return true;
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    CONNECTIVES.contains(&fold(last).as_str())
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// A line that names no item: a table-of-contents entry with dot leaders or a page-number cell.
fn is_toc_entry(line: &Line) -> bool {
    let t = line.trimmed();
    if DOT_LEADER.is_match(t) {
        return true;
    }
    line.table
        && t.contains('\t')
        && t.rsplit('\t').next().is_some_and(|cell| {
            let cell = cell.trim();
            !cell.is_empty() && cell.len() <= 3 && cell.chars().all(|c| c.is_ascii_digit())
        })
}

fn is_toc_header(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let f = fold(line.trim());
    let f = f.trim_end_matches(':').trim();
    matches!(
        f,
        "innehall"
            | "innehallsforteckning"
            | "arendeforteckning"
            | "arendelista"
            | "forteckning over arenden"
            | "table of contents"
            | "paragrafer"
    )
}

/// A `§` heading read from one line: its number, the title part (case numbers taken out) and
/// the case numbers printed with it. `None` for a `§` that only refers ("§ 5 i lagen", "§ 5-7",
/// "§ 7 forts."), and for a bulleted "• §68 KSAU …" (a list of earlier decisions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphHeading {
    pub number: u32,
    /// The body written before the `§` ("KS § 112").
    pub body: Option<String>,
    pub title: String,
    pub cases: Vec<String>,
}

pub fn paragraph_heading(line: &str) -> Option<ParagraphHeading> {
    let t = line.trim();
    if !(t.contains('§') || t.contains("aragraf") || t.contains("RENDE") || t.contains("rende")) {
        return None;
    }
    let caps = PARAGRAPH.captures(t)?;
    let body = caps.name("body").map(|m| m.as_str().to_string());
    if body
        .as_deref()
        .is_some_and(|b| fold(b).starts_with("forts"))
    {
        return None;
    }
    let number: u32 = caps["num"].parse().ok()?;
    let bullet = caps.name("bullet").is_some();
    let mut rest = caps["rest"].trim();
    let folded_rest = fold(rest);
    if folded_rest.starts_with("forts") || folded_rest.starts_with("(forts") {
        return None;
    }
    // A range or a list of numbers: "§ 5-7", "§ 42-§ 57", "§ 12, 13", "§ 4/2025".
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some('-' | '–' | '—'), Some(c)) if c.is_ascii_digit() || c == '§' => return None,
        (Some(',' | ';' | '/' | ')' | '§'), _) => return None,
        _ => {}
    }
    rest = rest.trim_start_matches(['.', ':']).trim_start();
    let mut cases = Vec::new();
    // Case numbers right after the number ("§ 95 2026.016 KS", "KS § 112   KS KF/2024:344").
    loop {
        let found = super::case_numbers::find_case_numbers(rest);
        match found.first() {
            Some(f) if f.start == 0 => {
                cases.push(f.text.clone());
                rest = rest[f.end..].trim_start_matches([' ', '\t', ',', ';']);
            }
            _ => break,
        }
    }
    let mut title = rest.to_string();
    // A case number after the title ends it ("Budget 2021   Dnr KS 2020/12", "… Bun/2019:557 690").
    if let Some(f) = super::case_numbers::find_case_numbers(&title)
        .into_iter()
        .next()
    {
        cases.push(f.text.clone());
        title.truncate(f.start);
    }
    let title = title
        .trim()
        .trim_start_matches(['-', '–', '—', ':', ' '])
        .trim()
        .to_string();
    if let Some(first) = title.chars().next() {
        let upper = first.is_uppercase() || matches!(first, '"' | '”' | '“' | '«' | '\'');
        let digit_after_case = first.is_ascii_digit() && !cases.is_empty();
        if bullet || !(upper || digit_after_case) {
            return None;
        }
    }
    Some(ParagraphHeading {
        number,
        body,
        title,
        cases,
    })
}

/// Section labels inside an item ("Sammanfattning", "Beslut", "Barn- och utbildningsnämndens
/// beslut"): they end a title.
pub fn is_section_label(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':').trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    let f = fold(t);
    const LABELS: &[&str] = &[
        "sammanfattning",
        "arendebeskrivning",
        "bakgrund",
        "beslutsunderlag",
        "beredning",
        "beslut",
        "beslutet",
        "yrkanden",
        "yrkande",
        "propositionsordning",
        "omrostning",
        "omrostningsresultat",
        "reservation",
        "reservationer",
        "protokollsanteckning",
        "protokollsanteckningar",
        "jav",
        "beslutet skickas till",
        "beslutet expedieras till",
        "expedieras till",
        "expediering",
        "skickas till",
        "forslag till beslut",
        "mbl-behandling",
        "mbl",
    ];
    if LABELS.contains(&f.as_str()) {
        return true;
    }
    let words = f.split_whitespace().count();
    words <= 6
        && (f.ends_with(" forslag")
            || f.ends_with(" forslag till beslut")
            || f.ends_with("s beslut")
            || f.ends_with(" behandling")
            || f.starts_with("forslag till beslut"))
}

/// Heading candidates of every family, in line order.
fn candidates(c: &Cleaned) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut in_toc = false;
    let mut toc_last = 0;
    for (i, line) in c.lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if is_toc_header(t) {
            in_toc = true;
            toc_last = 0;
            continue;
        }
        let heading = paragraph_heading(&t.replace('\t', " "));
        let shaped = heading.is_some() || looks_numbered(t) || BARE.is_match(t);
        if in_toc {
            // The contents list ends where its numbers start over (the items themselves).
            let number = heading
                .as_ref()
                .map(|h| h.number)
                .or_else(|| leading_number(t));
            let restarts = number.is_some_and(|n| n <= toc_last);
            if (shaped || is_toc_entry(line)) && !restarts {
                toc_last = number.unwrap_or(toc_last);
                continue;
            }
            in_toc = false;
        }
        if !shaped || is_toc_entry(line) {
            continue;
        }
        // Table cells: "§ 18\tMötets öppnande" reads as one heading.
        let t = t.replace('\t', " ");
        let mut cases = Vec::new();
        let parsed = if let Some(h) = heading {
            cases = h.cases;
            Some((
                Family::Paragraph,
                h.number,
                format!("§ {}", h.number),
                h.title,
            ))
        } else if t.starts_with('§') || t.contains(" § ") {
            None
        } else if let Some(caps) = DOTTED.captures(&t) {
            caps[1].parse::<u32>().ok().map(|n| {
                (
                    Family::Dotted,
                    n,
                    n.to_string(),
                    caps.get(2).map_or("", |m| m.as_str()).trim().to_string(),
                )
            })
        } else if let Some(caps) = BARE.captures(&t) {
            let title = caps[2].trim().to_string();
            let upper = title.chars().next().is_some_and(char::is_uppercase);
            caps[1]
                .parse::<u32>()
                .ok()
                .filter(|_| upper && t.chars().count() <= 120)
                .map(|n| (Family::Bare, n, n.to_string(), title))
        } else {
            None
        };
        let Some((family, number, number_text, title)) = parsed else {
            continue;
        };
        if number == 0 {
            continue;
        }
        if !title.is_empty() {
            if title_start_ok(&title) || family == Family::Paragraph {
                found.push(Candidate {
                    line: i,
                    family,
                    number,
                    number_text,
                    title,
                    title_line: i,
                    cases,
                    content: 0,
                });
            }
            continue;
        }
        // A lone number: the title is the next line when that reads as a title (past a page
        // break's footer and header when the number stands at the foot of a page).
        let mut j = c.next_nonblank(i, 3);
        if j.is_none_or(|k| c.lines[k].furniture) {
            j = c.next_text(i, 14);
        }
        // A page header the cleaner kept ("BORGHOLMS KOMMUN  SAMMANTRÄDESPROTOKOLL  3(5)") is not
        // the title: the title follows it.
        while let Some(k) = j.filter(|&k| is_letterhead(c.lines[k].trimmed())) {
            j = c.next_text(k, 6);
        }
        if family == Family::Paragraph {
            // A case number on a line of its own between the number and the title.
            while let Some(k) = j {
                let next = c.lines[k].trimmed();
                let found_cases = super::case_numbers::find_case_numbers(next);
                match found_cases.first() {
                    Some(f)
                        if f.start == 0
                            && next[f.end..]
                                .trim()
                                .chars()
                                .all(|c| c.is_ascii_digit() || c.is_whitespace()) =>
                    {
                        cases.push(f.text.clone());
                        j = c.next_nonblank(k, 3);
                    }
                    _ => break,
                }
            }
        }
        if let Some(j) = j {
            let next = c.lines[j].trimmed();
            let words = next.split_whitespace().count();
            let title_like = if family == Family::Paragraph {
                next.chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || matches!(ch, '"' | '”' | '“' | '«'))
                    && !looks_numbered(next)
                    && !is_section_label(next)
                    && !c.lines[j].furniture
            } else {
                next.chars().next().is_some_and(char::is_uppercase)
                    && title_start_ok(next)
                    && words <= 15
                    && !next.ends_with('.')
                    && !looks_numbered(next)
                    && !is_presenter(next)
            };
            if title_like {
                found.push(Candidate {
                    line: i,
                    family,
                    number,
                    number_text,
                    title: String::new(),
                    title_line: j,
                    cases,
                    content: 0,
                });
            }
        }
    }
    // How much text each candidate heads (up to the next candidate of its family).
    for k in 0..found.len() {
        let next_line = found[k + 1..]
            .iter()
            .find(|n| n.family == found[k].family)
            .map_or(c.lines.len(), |n| n.line);
        let from = found[k].title_line + 1;
        found[k].content = (from..next_line.min(c.lines.len()))
            .filter(|&j| !c.lines[j].is_blank())
            .take(8)
            .count();
    }
    found
}

/// The front page's `Paragrafer §§ 94-110` (or `Paragrafer 101`): the first and last numbers.
pub fn paragraph_range(c: &Cleaned) -> Option<(u32, Option<u32>)> {
    for line in c.lines.iter().take(250) {
        let t = line.trimmed();
        if !(t.contains("aragraf") || t.contains("ARAGRAF")) {
            continue;
        }
        if let Some(caps) = PARAGRAPH_RANGE.captures(t) {
            let lo: u32 = caps[1].parse().ok()?;
            let hi: Option<u32> = caps.get(2).and_then(|m| m.as_str().parse().ok());
            if hi.is_some_and(|h| h < lo) {
                continue;
            }
            return Some((lo, hi));
        }
    }
    None
}

/// The number a heading-shaped line starts with ("§ 4 …", "4. …").
fn leading_number(t: &str) -> Option<u32> {
    let digits: String = t
        .trim_start_matches('§')
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn title_key(title: &str) -> String {
    fold(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(12)
        .collect()
}

/// Drop entries listed again later with the same number and title (a table of contents or an
/// agenda list at the top of a protocol).
fn drop_listed_twice(cands: Vec<Candidate>, c: &Cleaned) -> Vec<Candidate> {
    let keys: Vec<String> = cands
        .iter()
        .map(|k| {
            if k.title.is_empty() {
                title_key(c.lines[k.title_line].trimmed())
            } else {
                title_key(&k.title)
            }
        })
        .collect();
    let mut keep = vec![true; cands.len()];
    for a in 0..cands.len() {
        for b in a + 1..cands.len().min(a + 400) {
            if cands[a].family == cands[b].family
                && cands[a].number == cands[b].number
                && keys[a] == keys[b]
            {
                keep[a] = false;
                break;
            }
        }
    }
    cands
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// The best rising sequence of numbers among one family's candidates.
fn best_chain(cands: &[&Candidate]) -> Vec<usize> {
    let n = cands.len();
    if n == 0 {
        return vec![];
    }
    // A heading that heads text counts a little more than one in a list of headings (a table of
    // contents repeats the items with nothing under them).
    let worth = |k: usize| 1.0 + 0.4 * (cands[k].content.min(4) as f64) / 4.0;
    let mut score: Vec<f64> = (0..n).map(worth).collect();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in i.saturating_sub(128)..i {
            let (a, b) = (cands[j].number, cands[i].number);
            if b > a && b - a <= 10 {
                let s = score[j] + worth(i) - 0.15 * f64::from(b - a - 1);
                if s > score[i] {
                    score[i] = s;
                    prev[i] = Some(j);
                }
            }
        }
    }
    let mut best = 0;
    for i in 1..n {
        if score[i] > score[best] {
            best = i;
        }
    }
    let mut chain = vec![best];
    let mut at = best;
    while let Some(p) = prev[at] {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}

/// A heading whose number OCR lost: a short line after a blank line, title-like, followed by a
/// blank line, a presenter line, or one lowercase continuation line.
fn is_unnumbered_heading(c: &Cleaned, i: usize) -> bool {
    let t = c.lines[i].trimmed();
    if i == 0 || !c.lines[i - 1].is_blank() || c.lines[i].furniture {
        return false;
    }
    let words = t.split_whitespace().count();
    let chars = t.chars().count();
    if !(2..=14).contains(&words) || !(6..=120).contains(&chars) {
        return false;
    }
    if !t.chars().next().is_some_and(char::is_uppercase)
        || t.ends_with(['.', '!', '?', ';'])
        || is_bullet(t)
        || looks_numbered(t)
        || is_presenter(t)
        || is_person_name(t)
        || t.contains("http")
    {
        return false;
    }
    let Some(next) = c.lines.get(i + 1) else {
        return true;
    };
    if next.is_blank() || is_presenter(next.trimmed()) {
        return true;
    }
    let after_ok = c
        .lines
        .get(i + 2)
        .is_none_or(|l| l.is_blank() || is_presenter(l.trimmed()));
    starts_lowercase(next.trimmed()) && next.trimmed().chars().count() <= 80 && after_ok
}

/// Title lines from `first` on: the line itself plus wrapped continuations. Returns (title, last line).
fn read_title(c: &Cleaned, first: usize, start_text: &str) -> (String, usize) {
    let mut title = start_text.trim().to_string();
    let mut last = first;
    let mut j = first + 1;
    while j < c.lines.len() && j <= first + 3 && title.chars().count() < 300 {
        let next = c.lines[j].trimmed();
        if next.is_empty() || looks_numbered(next) || is_presenter(next) || is_bullet(next) {
            break;
        }
        if !(starts_lowercase(next) || ends_with_connective(&title)) {
            break;
        }
        if !title.ends_with('-') {
            title.push(' ');
        }
        title.push_str(next);
        last = j;
        j += 1;
    }
    (tidy_title(&title), last)
}

/// A `§` item's title from `first` on: PDF export wraps long titles onto the next lines, often at
/// a capital ("… - Heidi Hankanen\nÄngberg (C)"), so a line that filled the width continues on
/// the next one until a blank line, a section label ("Ärendebeskrivning") or a case number. A case
/// number inside or right under the title goes to `cases`. Returns (title, last title line).
fn read_paragraph_title(
    c: &Cleaned,
    first: usize,
    start_text: &str,
    limit: usize,
    cases: &mut Vec<String>,
) -> (String, usize) {
    let mut title = start_text.trim().to_string();
    let mut last = first;
    let mut j = first + 1;
    let mut prev_len = c.lines[first].trimmed().chars().count();
    while j < limit.min(c.lines.len()) && j <= first + 3 && title.chars().count() < 300 {
        let next = c.lines[j].trimmed();
        if next.is_empty()
            || c.lines[j].heading > 0
            || looks_numbered(next)
            || is_bullet(next)
            || is_section_label(next)
            || super::case_numbers::find_case_numbers(next)
                .first()
                .is_some_and(|f| f.start == 0)
        {
            break;
        }
        let wrapped = prev_len >= 55 || starts_lowercase(next) || ends_with_connective(&title);
        if !wrapped {
            break;
        }
        if !title.ends_with('-') || title.ends_with(" -") {
            title.push(' ');
        }
        title.push_str(next);
        prev_len = next.chars().count();
        last = j;
        j += 1;
    }
    // A case number in the title ends it; one on the line right under the title is the item's.
    if let Some(f) = super::case_numbers::find_case_numbers(&title)
        .into_iter()
        .next()
    {
        if !cases.contains(&f.text) {
            cases.push(f.text.clone());
        }
        title.truncate(f.start);
    }
    if let Some(k) = c.next_nonblank(last, 3).filter(|&k| k < limit) {
        let line = c.lines[k].trimmed();
        if let Some(f) = super::case_numbers::find_case_numbers(line).first() {
            let rest = line[f.end..].trim();
            if f.start == 0
                && rest
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch.is_whitespace())
                && !cases.contains(&f.text)
            {
                cases.push(f.text.clone());
            }
        }
    }
    (tidy_title(&title), last)
}

/// Squash spaces, drop a trailing '.', ',' or ':' and a leading bullet.
pub fn tidy_title(title: &str) -> String {
    let t = squash_spaces(title);
    let t = t.trim_start_matches(|c: char| is_bullet(&c.to_string()) || c.is_whitespace());
    let t = t.trim_end_matches(['.', ',', ':', ';', ' ', '(', '[', '-', '–']);
    t.to_string()
}

/// Presenter lines right under the title (within the first three non-blank lines); returns the
/// presenters and the line indices they took.
fn read_presenters(c: &Cleaned, after: usize, limit: usize) -> (Vec<String>, Vec<usize>) {
    let mut presenters = Vec::new();
    let mut used = Vec::new();
    let mut seen = 0;
    let mut j = after + 1;
    while j < limit && seen < 3 {
        let t = c.lines[j].trimmed();
        if t.is_empty() {
            j += 1;
            continue;
        }
        seen += 1;
        if t.chars().count() > 160 {
            break;
        }
        if is_presenter(t) {
            let mut presenter = t.to_string();
            used.push(j);
            // Wrapped onto the next line(s).
            let mut k = j;
            while ends_with_connective(&presenter) && k + 1 < limit && used.len() < 6 {
                let Some(n) = c.next_nonblank(k, 2).filter(|&n| n < limit) else {
                    break;
                };
                let next = c.lines[n].trimmed();
                if next.chars().count() > 80 || looks_numbered(next) {
                    break;
                }
                presenter.push(' ');
                presenter.push_str(next);
                used.push(n);
                k = n;
            }
            presenters.push(tidy_title(&presenter));
            // Another presenter line right under.
            match c.next_nonblank(k, 2).filter(|&n| n < limit) {
                Some(n) if is_presenter(c.lines[n].trimmed()) => {
                    j = n;
                    seen = 0;
                    continue;
                }
                _ => break,
            }
        }
        j += 1;
    }
    (presenters, used)
}

/// "Föredragande: Gustav Olsson, Vara kommun" (OCR'd "Féredragande" too) → the presenter.
fn labelled_presenter(line: &str) -> Option<String> {
    if line.len() > 200 || !line.starts_with(['F', 'f', 'P', 'p']) {
        return None;
    }
    let (label, value) = line.split_once(':').or_else(|| line.split_once('\t'))?;
    let label = fold(label.trim());
    let known = matches!(
        label.as_str(),
        "presentator" | "presentatorer" | "foredragare"
    ) || (label.len() == "foredragande".len()
        && label.starts_with('f')
        && label.ends_with("redragande"));
    let value = tidy_title(value);
    let person = value.split(',').next().unwrap_or("");
    (known && !value.is_empty() && person.split(" och ").all(|p| is_person_name(p.trim())))
        .then_some(value)
}

/// Cleaned text of lines `from..to`, without the given lines; blank runs collapsed.
pub fn body_text(c: &Cleaned, from: usize, to: usize, skip: &[usize]) -> String {
    let mut out = String::new();
    let mut pending_blank = false;
    for j in from..to.min(c.lines.len()) {
        if skip.contains(&j) {
            continue;
        }
        let t = c.lines[j].text.trim_end();
        if t.trim().is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        out.push_str(t.trim_start_matches(' '));
    }
    out
}

/// Last non-blank line in `from..to` (or `from`).
fn last_content_line(c: &Cleaned, from: usize, to: usize) -> usize {
    (from..to.min(c.lines.len()))
        .rev()
        .find(|&j| !c.lines[j].is_blank())
        .unwrap_or(from)
}

/// A heading chosen for an item: line, number, and where the title starts.
struct Start {
    line: usize,
    number: Option<String>,
    title_line: usize,
    title_first: String,
    /// Case numbers printed with the heading.
    cases: Vec<String>,
    /// A `§` heading: its title may wrap as a PDF line wraps (see [`read_paragraph_title`]).
    paragraph: bool,
}

/// Items from the chosen headings: title, presenters, text up to the next heading.
fn build(c: &Cleaned, starts: &[Start]) -> Vec<ItemDraft> {
    let mut items = Vec::with_capacity(starts.len());
    for (k, s) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(c.lines.len(), |n| n.line);
        let mut cases = s.cases.clone();
        let (title, title_end) = if s.paragraph {
            read_paragraph_title(c, s.title_line, &s.title_first, next, &mut cases)
        } else {
            read_title(c, s.title_line, &s.title_first)
        };
        let title_end = title_end.min(next.saturating_sub(1)).max(s.line);
        let (mut presenters, mut used) = read_presenters(c, title_end, next);
        for j in title_end + 1..next.min(c.lines.len()) {
            if let Some(presenter) = labelled_presenter(c.lines[j].trimmed()) {
                if !presenters.contains(&presenter) {
                    presenters.push(presenter);
                }
                used.push(j);
            }
        }
        let mut text = body_text(c, title_end + 1, next, &used);
        // A case number printed on the heading or title line stays searchable in the text.
        let missing: Vec<&str> = cases
            .iter()
            .map(String::as_str)
            .filter(|k| !text.contains(k))
            .collect();
        if !missing.is_empty() {
            text = format!("{}\n{text}", missing.join(" "));
        }
        items.push(ItemDraft {
            number: s.number.clone(),
            title,
            presenters,
            text,
            start: s.line,
            end: last_content_line(c, s.line, next),
            case_numbers: cases,
        });
    }
    items
}

/// Agenda items of a (non-slide) file. Empty only when the file has no text at all.
pub fn find_items(c: &Cleaned) -> Vec<ItemDraft> {
    let mut cands = drop_listed_twice(candidates(c), c);
    // The front page's "Paragrafer §§ 94-110" bounds the § numbers (when any heading fits it):
    // references to other decisions and attachments' own numbering fall outside.
    if let Some((lo, hi)) = paragraph_range(c) {
        let fits = |n: u32| n >= lo && hi.is_none_or(|h| n <= h);
        if cands
            .iter()
            .any(|k| k.family == Family::Paragraph && fits(k.number))
        {
            cands.retain(|k| k.family != Family::Paragraph || fits(k.number));
        }
    }
    let chain_of = |family: Family| -> Vec<&Candidate> {
        let fam: Vec<&Candidate> = cands.iter().filter(|k| k.family == family).collect();
        best_chain(&fam).into_iter().map(|i| fam[i]).collect()
    };
    let paragraph = chain_of(Family::Paragraph);
    let dotted = chain_of(Family::Dotted);
    // § headings are the protocol's own structure: a numbered list inside an item (a remiss
    // answer's points 1.–16.) never outweighs them.
    let (family, chain) = if paragraph.len() >= 2 || (paragraph.len() == 1 && dotted.len() < 2) {
        (Family::Paragraph, paragraph)
    } else if dotted.len() >= 2 {
        (Family::Dotted, dotted)
    } else {
        let bare = chain_of(Family::Bare);
        if bare.len() >= 2 {
            (Family::Bare, bare)
        } else {
            (Family::Dotted, vec![])
        }
    };
    if chain.len() >= 2 || (chain.len() == 1 && family == Family::Paragraph) {
        let mut starts: Vec<Start> = Vec::new();
        for (k, cand) in chain.iter().enumerate() {
            starts.push(Start {
                line: cand.line,
                number: Some(cand.number_text.clone()),
                title_line: cand.title_line,
                title_first: if cand.title.is_empty() {
                    c.lines[cand.title_line].trimmed().to_string()
                } else {
                    cand.title.clone()
                },
                cases: cand.cases.clone(),
                paragraph: family == Family::Paragraph,
            });
            // Headings whose number OCR lost, in the gap before the next numbered heading.
            if family != Family::Paragraph {
                if let Some(next) = chain.get(k + 1) {
                    let missing = (next.number - cand.number - 1) as usize;
                    if missing > 0 {
                        let (_, title_end) = read_title(c, cand.title_line, "");
                        let mut added = 0;
                        let mut j = title_end + 1;
                        while j < next.line && added < missing {
                            if is_unnumbered_heading(c, j) {
                                starts.push(Start {
                                    line: j,
                                    number: None,
                                    title_line: j,
                                    title_first: c.lines[j].trimmed().to_string(),
                                    cases: vec![],
                                    paragraph: false,
                                });
                                added += 1;
                                let (_, end) = read_title(c, j, "");
                                j = end;
                            }
                            j += 1;
                        }
                    }
                }
            }
        }
        return build(c, &starts);
    }
    if let Some(items) = markdown_items(c) {
        return items;
    }
    single_item(c).into_iter().collect()
}

/// Items from markdown headings (or whole-line bold) at the most used level, when numbers are absent.
fn markdown_items(c: &Cleaned) -> Option<Vec<ItemDraft>> {
    let level = |l: &Line| {
        if l.heading > 0 {
            l.heading
        } else if l.emphasized {
            7
        } else {
            0
        }
    };
    let mut counts = [0usize; 8];
    for l in &c.lines {
        if !l.is_blank() {
            counts[level(l) as usize] += 1;
        }
    }
    let chosen = (1..8).find(|&lv| counts[lv] >= 2)? as u8;
    let starts: Vec<Start> = c
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank() && level(l) == chosen)
        .map(|(i, l)| Start {
            line: i,
            number: None,
            title_line: i,
            title_first: l.trimmed().to_string(),
            cases: vec![],
            paragraph: false,
        })
        .collect();
    Some(build(c, &starts))
}

/// The whole file as one item titled by its first line.
pub fn single_item(c: &Cleaned) -> Option<ItemDraft> {
    let first = c.lines.iter().position(|l| !l.is_blank())?;
    let last = last_content_line(c, first, c.lines.len());
    let title: String = tidy_title(c.lines[first].trimmed())
        .chars()
        .take(120)
        .collect();
    Some(ItemDraft {
        number: None,
        title: squash_spaces(&title),
        presenters: vec![],
        text: body_text(c, first + 1, last + 1, &[]),
        start: first,
        end: last,
        case_numbers: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::clean;

    fn items(text: &str) -> Vec<ItemDraft> {
        find_items(&clean(text))
    }

    fn numbers(items: &[ItemDraft]) -> Vec<Option<&str>> {
        items.iter().map(|i| i.number.as_deref()).collect()
    }

    #[test]
    fn numbered_items_with_wrapped_titles_and_presenters() {
        let found = items(
            "Protokoll\n\n1. Mötet öppnas\nDagordningen godkändes.\n\n2. Aktivitetsplanen till samverkansdokument Kunskapslyft\nbarn och unga. Redovisning.\nAnita T Ladinek, Region Örebro län\nText om planen.\n\n3. Övriga frågor\nInga.\n",
        );
        assert_eq!(numbers(&found), vec![Some("1"), Some("2"), Some("3")]);
        assert_eq!(found[0].title, "Mötet öppnas");
        assert_eq!(
            found[1].title,
            "Aktivitetsplanen till samverkansdokument Kunskapslyft barn och unga. Redovisning"
        );
        assert_eq!(
            found[1].presenters,
            vec!["Anita T Ladinek, Region Örebro län"]
        );
        assert_eq!(found[1].text, "Text om planen.");
        assert_eq!((found[1].start, found[1].end), (5, 8));
    }

    #[test]
    fn paragraph_items_and_sub_headings() {
        let found = items("§ 18 Mötets öppnande\n\nText.\n\n§ 19 Val av justerare\n\nRapport Kompetensforum\n\nMer text.\n§ 20 Avslutning\n");
        assert_eq!(
            numbers(&found),
            vec![Some("§ 18"), Some("§ 19"), Some("§ 20")]
        );
        assert_eq!(found[1].title, "Val av justerare");
        assert!(found[1].text.contains("Rapport Kompetensforum"));
    }

    #[test]
    fn list_lines_and_dates_are_not_items() {
        let found = items("1. Mötet öppnas\n\nFörslag på tider:\n\n12 februari kl 9-12\n16 april kl 13-17\n\n2. Nästa punkt\n");
        assert_eq!(numbers(&found), vec![Some("1"), Some("2")]);
    }

    #[test]
    fn nested_numbered_lists_do_not_break_the_sequence() {
        let found = items(
            "1. Öppnande\n\n2. Budget\nSteg:\n1. Först\n2. Sedan\n3. Sist\n\n3. Nästa\n\n4. Slut\n",
        );
        assert_eq!(
            numbers(&found),
            vec![Some("1"), Some("2"), Some("3"), Some("4")]
        );
        assert!(found[1].text.contains("Först"));
    }

    #[test]
    fn headings_whose_numbers_ocr_lost_fill_the_gap() {
        let found = items(
            "1. Mötet öppnas\n\n4.\n\nLinda valdes.\n\nFörslag på tider för vårens möten:\n\n12 februari kl 9-12\n\nKort lägesrapport från respektive kommun angående\ncoronapandemin\n\nAlla har läget under kontroll.\n\nAktuell information från Vuxenutbildningen,\n\nEva Sund, Region Örebro län:\n\nText.\n\n5. Slutredovisning\n",
        );
        let titles: Vec<&str> = found.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Mötet öppnas",
                "Förslag på tider för vårens möten",
                "Kort lägesrapport från respektive kommun angående coronapandemin",
                "Aktuell information från Vuxenutbildningen",
                "Slutredovisning"
            ]
        );
        assert_eq!(found[3].presenters, vec!["Eva Sund, Region Örebro län"]);
        assert_eq!(found[1].number, None);
    }

    #[test]
    fn table_of_contents_is_not_items() {
        let found = items("Innehållsförteckning\n§ 1 Öppnande ........ 2\n§ 2 Budget ........ 3\n\n§ 1 Öppnande\nText\n§ 2 Budget\nText\n");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].start, 4);
        let found = items("Dagordning\n1. Öppnande\n2. Budget\n3. Övrigt\n\n1. Öppnande\nText\n2. Budget\nText\n3. Övrigt\nText\n");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].start, 5);
    }

    #[test]
    fn lone_paragraph_number_takes_the_next_line_as_title() {
        let found = items("§ 21\n\nTema kompetensförsörjning\n\nText här.\n\n§ 22\nAvslutning\n");
        assert_eq!(found[0].title, "Tema kompetensförsörjning");
        assert_eq!(found[0].text, "Text här.");
    }

    #[test]
    fn no_structure_is_one_item_titled_by_first_line() {
        let found = items("\nEtt brev om något\nmed mer text\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Ett brev om något");
        assert_eq!((found[0].start, found[0].end), (1, 2));
        assert!(items("  \n\n").is_empty());
    }

    #[test]
    fn markdown_headings_without_numbers() {
        let found = items("# Protokoll\n\n## Ekonomi\nText\n## Personal\nMer\n");
        assert_eq!(
            found.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            vec!["Ekonomi", "Personal"]
        );
    }

    #[test]
    fn labelled_presenters_are_found_anywhere_in_the_item() {
        let found = items("§ 52 Projektet\n\nBakgrund\nText.\nFöredragande: Gustav Olsson, Vara kommun\n\nBeslut\nNämnden beslutar.\n§ 53 Nästa\nFéredragande: Lars Hallberg och Charlotta Lilja, Högskolan i Skövde\n");
        assert_eq!(found[0].presenters, vec!["Gustav Olsson, Vara kommun"]);
        assert!(!found[0].text.contains("Föredragande"));
        assert_eq!(
            found[1].presenters,
            vec!["Lars Hallberg och Charlotta Lilja, Högskolan i Skövde"]
        );
    }

    #[test]
    fn paragraph_heading_shapes() {
        // (line, number, title, case numbers)
        let table: &[(&str, u32, &str, &[&str])] = &[
            ("§ 12 Budget 2021", 12, "Budget 2021", &[]),
            ("§12 Budget 2021", 12, "Budget 2021", &[]),
            ("§ 12. Budget 2021", 12, "Budget 2021", &[]),
            ("KS § 112 Markanvisning", 112, "Markanvisning", &[]),
            ("KSAU § 7 Val av justerare", 7, "Val av justerare", &[]),
            (
                "BUN § 37   Bun/2023:276   Skolskjuts",
                37,
                "Skolskjuts",
                &["Bun/2023:276"],
            ),
            ("KS § 112   KS KF/2024:344", 112, "", &["KS KF/2024:344"]),
            ("§ 95 2026.016 KS", 95, "", &["2026.016 KS"]),
            ("§ 1", 1, "", &[]),
            ("- § 101", 101, "", &[]),
            ("Paragraf 12 Budget", 12, "Budget", &[]),
            (
                "Ärende 5 Detaljplan för Erska",
                5,
                "Detaljplan för Erska",
                &[],
            ),
            (
                "§ 104 Revidering av riktlinjer. Bun/2019:557   690",
                104,
                "Revidering av riktlinjer.",
                &["Bun/2019:557"],
            ),
            (
                "§ 12 Budget 2021, Dnr KS 2020/12",
                12,
                "Budget 2021,",
                &["Dnr KS 2020/12"],
            ),
        ];
        for (line, number, title, cases) in table {
            let h = paragraph_heading(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(h.number, *number, "{line}");
            assert_eq!(h.title, *title, "{line}");
            assert_eq!(h.cases, *cases, "{line}");
        }
        assert_eq!(
            paragraph_heading("KS § 112 X").unwrap().body.as_deref(),
            Some("KS")
        );
    }

    #[test]
    fn references_and_continuations_are_not_headings() {
        for line in [
            "§ 5 i skollagen gäller",
            "§ 5-7",
            "§ 42-§ 57",
            "§§ 94-110",
            "§ 12, 13 och 14",
            "Forts. § 7",
            "§ 7 (forts.)",
            "§ 7 forts",
            "FORTS § 7",
            "• §68 KSAU Fördjupad månadsuppföljning 2026",
            "enligt 2 kap. 5 § skollagen",
            "Kommunstyrelsen beslutade den 8 oktober 2025, § 112",
        ] {
            assert_eq!(paragraph_heading(line), None, "{line}");
        }
    }

    #[test]
    fn lone_number_with_markdown_title_and_case_under_it() {
        let found = items("Protokoll\n\n## § 103\n\n## **Tillsättning av avdelningschef**\n\nBun/2019:706   661\n\n## **Sammanfattning**\n\nText.\n\n- § 104\n\n## **Meddelanden**\n\nInga.\n");
        assert_eq!(numbers(&found), vec![Some("§ 103"), Some("§ 104")]);
        assert_eq!(found[0].title, "Tillsättning av avdelningschef");
        assert_eq!(found[0].case_numbers, vec!["Bun/2019:706"]);
        assert_eq!(found[1].title, "Meddelanden");
    }

    #[test]
    fn wrapped_pdf_titles_are_joined_until_a_section_label() {
        let found = items("§ 99 2025.493 KS\n\nSvar på motion gällande att utreda möjligheten till fler bostäder genom\ninredning av vindar i Alingsåshems fastigheter - Heidi Hankanen\nÄngberg (C)\nÄrendebeskrivning\nText om motionen.\n\n§ 100 2026.126 KS\n\nMeddelanden\n\nInformationen noteras.\n");
        assert_eq!(
            found[0].title,
            "Svar på motion gällande att utreda möjligheten till fler bostäder genom inredning av vindar i Alingsåshems fastigheter - Heidi Hankanen Ängberg (C)"
        );
        assert_eq!(found[0].case_numbers, vec!["2025.493 KS"]);
        assert!(
            found[0].text.starts_with("2025.493 KS\nÄrendebeskrivning"),
            "{}",
            found[0].text
        );
        assert_eq!(found[1].title, "Meddelanden");
    }

    #[test]
    fn contents_list_before_the_items_is_not_items() {
        // A contents list without a header: the same numbers again later, with text under them.
        let mut text = String::from("Kommunstyrelsen\nProtokoll\nParagrafer §§ 94-97\n\n");
        for n in 94..=97 {
            text.push_str(&format!("§ {n}    Ärende nummer {n}\n"));
        }
        text.push('\n');
        let matters = [
            "Skolskjuts",
            "Detaljplan Erska",
            "Budget för VA",
            "Cykelplan",
        ];
        for (n, matter) in (94..=97).zip(matters) {
            text.push_str(&format!("\n§ {n} 2026.0{n} KS\n\nÄrende nummer {n}\nÄrendebeskrivning\nEn text om {matter}.\nBeslut\n{matter} godkänns.\n"));
        }
        let found = items(&text);
        assert_eq!(found.len(), 4);
        assert!(
            found.iter().all(|i| i.text.contains("godkänns")),
            "{found:?}"
        );
        assert_eq!(found[0].case_numbers, vec!["2026.094 KS"]);
    }

    #[test]
    fn paragrafer_range_bounds_the_numbers_and_lists_inside_do_not_win() {
        let mut text = String::from("Protokoll\nParagrafer §§1-3\n\n");
        for n in 1..=3 {
            text.push_str(&format!("§ {n}\n\nRubrik {n}\n\nText.\n\n"));
        }
        text.push_str("Meddelanden:\n");
        for n in 1..=12 {
            text.push_str(&format!(
                "{n}. Protokollsutdrag KF § {} Dnr: 2017.6{n:02} BUN\n",
                200 + n
            ));
        }
        text.push_str("§ 14 Bilagans egen paragraf\nText.\n");
        let found = items(&text);
        assert_eq!(numbers(&found), vec![Some("§ 1"), Some("§ 2"), Some("§ 3")]);
    }

    #[test]
    fn presenter_shapes() {
        assert!(is_presenter(
            "Ida Broman och Ewa Lindberg, Region Orebro l3n"
        ));
        assert!(is_presenter("Eva Sund, Region Orebro lin:"));
        assert!(is_presenter(
            "Anna Elverskog, Maria S Hallberg och Eva Sund, Region Orebro lin"
        ));
        assert!(!is_presenter("Carina M Koutakis, Region Örebro län, informerade om att projektet är avslutat den 30 september. Det aktuella"));
        assert!(!is_presenter("Dagordningen godkändes, utan ändringar"));
    }
}
