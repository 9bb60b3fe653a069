//! Slide decks exported to text: slides are separated by runs of blank lines, speaker notes follow
//! "Presentatör" / "Presentationsanteckningar" markers. Each slide (with its notes) becomes one item
//! titled by the slide's heading; notes standing alone after a slide are joined to it.

use super::clean::{is_slide_marker, Cleaned};
use super::items::{body_text, tidy_title, ItemDraft};
use crate::text::fold;

/// A file is a deck when the speaker-note markers appear at least twice.
pub fn is_deck(c: &Cleaned) -> bool {
    c.lines
        .iter()
        .filter(|l| is_slide_marker(&l.text))
        .take(2)
        .count()
        >= 2
}

/// Blocks of lines separated by two or more blank lines: (first, last) inclusive.
fn blocks(c: &Cleaned) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    let mut blanks = 0;
    for (i, line) in c.lines.iter().enumerate() {
        if line.is_blank() {
            blanks += 1;
            if blanks >= 2 {
                if let Some(s) = start.take() {
                    out.push((s, last));
                }
            }
            continue;
        }
        blanks = 0;
        if start.is_none() {
            start = Some(i);
        }
        last = i;
    }
    if let Some(s) = start {
        out.push((s, last));
    }
    out
}

fn is_bullet(s: &str) -> bool {
    s.starts_with(['•', '-', '–', '−', '*', '·', '▪', '\u{f0b7}'])
}

/// Where the notes start in a block (the first marker line), if anywhere.
fn notes_start(c: &Cleaned, (first, last): (usize, usize)) -> Option<usize> {
    (first..=last).find(|&i| is_slide_marker(&c.lines[i].text))
}

fn ends_with_joiner(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(',') || t.ends_with('-') || {
        let last = fold(t.rsplit(char::is_whitespace).next().unwrap_or(""));
        super::council::CONNECTIVES.contains(&last.as_str())
    }
}

/// The slide title: its first non-bullet paragraph (wrapped lines joined), else the last short
/// non-bullet line before the notes, else the first bullet, else the first line of the notes.
fn slide_title(
    c: &Cleaned,
    first: usize,
    content_end: usize,
    notes: Option<usize>,
    block_end: usize,
) -> (String, Vec<usize>) {
    let content: Vec<usize> = (first..content_end)
        .filter(|&i| !c.lines[i].is_blank())
        .collect();
    let short = |i: usize| c.lines[i].trimmed().chars().count() <= 90;
    if let Some(&head) = content.first() {
        if !is_bullet(c.lines[head].trimmed()) && short(head) {
            let mut title = c.lines[head].trimmed().to_string();
            let mut used = vec![head];
            let mut j = head;
            while used.len() < 4 {
                let Some(n) = c.next_nonblank(j, 2).filter(|&n| n < content_end) else {
                    break;
                };
                let next = c.lines[n].trimmed();
                let gap = n > j + 1;
                let joins =
                    next.chars().next().is_some_and(char::is_lowercase) || ends_with_joiner(&title);
                if !joins || is_bullet(next) || !short(n) || (gap && !ends_with_joiner(&title)) {
                    break;
                }
                if !title.ends_with('-') {
                    title.push(' ');
                }
                title.push_str(next);
                used.push(n);
                j = n;
            }
            return (tidy_title(&title), used);
        }
        if let Some(&line) = content
            .iter()
            .rev()
            .find(|&&i| !is_bullet(c.lines[i].trimmed()) && short(i))
        {
            return (tidy_title(c.lines[line].trimmed()), vec![line]);
        }
        return (
            tidy_title(c.lines[head].trimmed())
                .chars()
                .take(100)
                .collect(),
            vec![],
        );
    }
    // Notes only: the first line of the notes.
    let from = notes.map_or(first, |n| n + 1);
    let note =
        (from..=block_end).find(|&i| !c.lines[i].is_blank() && !is_slide_marker(&c.lines[i].text));
    match note {
        Some(i) => {
            let words: Vec<&str> = c.lines[i].trimmed().split_whitespace().take(12).collect();
            (tidy_title(&words.join(" ")), vec![])
        }
        None => (String::new(), vec![]),
    }
}

/// One item per slide, notes included.
pub fn slide_items(c: &Cleaned) -> Vec<ItemDraft> {
    // Notes-only blocks right after a slide without notes belong to that slide.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for block in blocks(c) {
        let starts_with_notes = is_slide_marker(&c.lines[block.0].text);
        if let Some(prev) = merged.last_mut() {
            if starts_with_notes && notes_start(c, *prev).is_none() {
                prev.1 = block.1;
                continue;
            }
        }
        merged.push(block);
    }
    let mut items = Vec::new();
    for (first, last) in merged {
        let notes = notes_start(c, (first, last));
        let content_end = notes.unwrap_or(last + 1);
        let (title, used) = slide_title(c, first, content_end, notes, last);
        if title.is_empty() {
            continue;
        }
        // A name right under "Presentatör" is the presenter.
        let mut presenters = Vec::new();
        let mut skip = used.clone();
        for i in first..=last {
            let t = c.lines[i].trimmed();
            if t.len() <= 14 && fold(t).trim_end_matches(':') == "presentator" {
                if let Some(n) = c.next_nonblank(i, 1).filter(|&n| n <= last) {
                    let name = c.lines[n].trimmed();
                    if !is_slide_marker(name) && super::attendees::is_person_name(name) {
                        presenters.push(name.to_string());
                        skip.push(n);
                    }
                }
            }
            if is_slide_marker(&c.lines[i].text) {
                skip.push(i);
            }
        }
        items.push(ItemDraft {
            number: None,
            title,
            presenters,
            text: body_text(c, first, last + 1, &skip),
            start: first,
            end: last,
            case_numbers: vec![],
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::clean;

    const DECK: &str = "\nRådet för skola, \nutbildning och kompetens\n\n\n\nPresentatör\nPresentationsanteckningar\nInledning om rådet.\n\n\n\nVerksamhetsplan 2023\n\n• Mål ett\n• Mål två\n\nPresentatör\nPresentationsanteckningar\nAnteckning.\n\n\n\n• Bara punkter\n• Fler\n\nUppföljning 2022\n\nPresentatör\nPresentationsanteckningar\n\n\n\nPresentatör\nPresentationsanteckningar\nPresentera kärnan i arbetet.\n";

    #[test]
    fn one_item_per_slide_with_notes() {
        let c = clean(DECK);
        assert!(is_deck(&c));
        let items = slide_items(&c);
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Rådet för skola, utbildning och kompetens",
                "Verksamhetsplan 2023",
                "Uppföljning 2022",
                "Presentera kärnan i arbetet"
            ]
        );
        assert!(items[0].text.contains("Inledning om rådet."));
        assert!(items[1].text.contains("Mål ett"));
        assert!(!items[1].text.contains("Presentatör"));
    }

    #[test]
    fn a_protocol_is_not_a_deck() {
        assert!(!is_deck(&clean("1. Mötet öppnas\nPresentatör: Anna\n")));
    }
}
