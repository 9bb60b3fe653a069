//! Printing query results: JSON for scripts, aligned text for people. Colour and bold only when
//! stdout is a terminal and `NO_COLOR` is unset; without colour, matched words are marked with
//! `[...]` so they still stand out. Everything printed from a protocol is sanitized once more, so
//! no escape sequence from a file can reach the terminal.

use super::{Command, Format, WatchAction};
use crate::library::{Library, MeetingView};
use crate::text::sanitize;
use crate::{Error, Result};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

pub struct Out {
    writer: Box<dyn Write>,
    colour: bool,
}

pub(super) const BOLD: &str = "\x1b[1m";
pub(super) const DIM: &str = "\x1b[2m";
const MARK: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

impl Out {
    pub fn stdout() -> Out {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Out {
            writer: Box::new(std::io::BufWriter::new(std::io::stdout())),
            colour: tty && !no_color,
        }
    }

    fn write(&mut self, s: &str) -> Result<()> {
        match self.writer.write_all(s.as_bytes()) {
            Ok(()) => Ok(()),
            // A closed pipe (`protokoll items | head`) is not an error worth a message.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => Err(Error::new(format!("cannot write output: {e}"))),
        }
    }

    pub fn line(&mut self, s: &str) -> Result<()> {
        self.write(s)?;
        self.write("\n")
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::new(format!("cannot encode JSON: {e}")))?;
        self.line(&text)
    }

    pub(super) fn styled(&self, style: &str, s: &str) -> String {
        if self.colour {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// A snippet with its matched byte ranges marked.
    fn marked(&self, snippet: &str, highlights: &[(usize, usize)]) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for &(a, b) in highlights {
            if a < pos
                || b > snippet.len()
                || !snippet.is_char_boundary(a)
                || !snippet.is_char_boundary(b)
            {
                continue;
            }
            out.push_str(&sanitize(&snippet[pos..a]));
            let word = sanitize(&snippet[a..b]);
            if self.colour {
                out.push_str(&format!("{MARK}{word}{RESET}"));
            } else {
                out.push_str(&format!("[{word}]"));
            }
            pos = b;
        }
        out.push_str(&sanitize(&snippet[pos..]));
        out
    }

    pub(super) fn flush(&mut self) -> Result<()> {
        self.writer
            .flush()
            .map_err(|e| Error::new(format!("cannot write output: {e}")))
    }
}

/// Pad to a display width (accented letters count once).
pub(super) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

pub(super) fn cut(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 1 >= width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub(super) fn heading(number: Option<&str>, title: &str) -> String {
    match number.map(sanitize) {
        Some(n) if n.starts_with('§') => format!("{n} {}", sanitize(title)),
        Some(n) => format!("{n}. {}", sanitize(title)),
        None => sanitize(title),
    }
}

pub(super) fn date_or_dash(date: Option<&str>) -> String {
    date.unwrap_or("—").to_string()
}

pub fn run_query_command(
    library: &Library,
    command: Command,
    json: bool,
    out: &mut Out,
) -> Result<i32> {
    match command {
        Command::Index { .. } => unreachable!("handled by the caller"),
        Command::Meetings { council, all, .. } => {
            let wanted: Option<Vec<String>> =
                council.as_deref().map(|c| library.meetings_of_council(c));
            let documents = if all {
                library.documents()
            } else {
                library.meetings()
            };
            let views: Vec<MeetingView> = documents
                .iter()
                .filter(|m| wanted.as_ref().is_none_or(|w| w.contains(&m.id)))
                .map(|m| library.meeting_view(m))
                .collect();
            if json {
                out.json(&views)?;
            } else {
                let cw = views
                    .iter()
                    .filter_map(|m| m.meeting.council.as_deref())
                    .map(|c| c.width().min(48))
                    .max()
                    .unwrap_or(7);
                for m in &views {
                    let council = cut(
                        &sanitize(m.meeting.council.as_deref().unwrap_or("(council unknown)")),
                        48,
                    );
                    let line = format!(
                        "{}  {}  {}  {:>3} items  {}",
                        pad(
                            &date_or_dash(m.meeting.date.map(|d| d.to_string()).as_deref()),
                            10
                        ),
                        pad(&council, cw),
                        pad(m.meeting.kind.as_str(), 12),
                        m.meeting.items.len(),
                        out.styled(DIM, &sanitize(&m.meeting.id))
                    );
                    out.line(&line)?;
                }
            }
        }
        Command::Items { meeting, .. } => {
            if let Some(id) = &meeting {
                if library.meeting(id).is_none() {
                    return Err(Error::new(format!(
                        "no meeting with id {id:?} (see `protokoll meetings`)"
                    )));
                }
            }
            let ids: Vec<String> = library
                .items()
                .filter(|(m, _)| meeting.as_ref().is_none_or(|id| &m.id == id))
                .map(|(_, i)| i.id.clone())
                .collect();
            if json {
                let items: Vec<_> = ids.iter().filter_map(|id| library.item(id)).collect();
                out.json(&items)?;
            } else {
                let iw = ids.iter().map(|i| i.width()).max().unwrap_or(0).min(40);
                for id in &ids {
                    if let Some(at) = library.item_ref(id) {
                        let (m, item) = at.parts();
                        let line = format!(
                            "{}  {}  {}",
                            out.styled(DIM, &pad(&sanitize(id), iw)),
                            pad(&date_or_dash(m.date.map(|d| d.to_string()).as_deref()), 10),
                            heading(item.number.as_deref(), &item.title)
                        );
                        out.line(&line)?;
                    }
                }
            }
        }
        Command::Search { query, limit, .. } => {
            let query = query.join(" ");
            let hits = library.search(&query, limit)?;
            if json {
                out.json(&hits)?;
            } else if hits.is_empty() {
                eprintln!("no items match {query:?}");
                out.flush()?;
                return Ok(1);
            } else {
                for hit in &hits {
                    let head = format!(
                        "{}  {}  {}",
                        date_or_dash(hit.date.as_deref()),
                        cut(
                            &sanitize(hit.council.as_deref().unwrap_or("(council unknown)")),
                            40
                        ),
                        out.styled(BOLD, &heading(hit.number.as_deref(), &hit.title))
                    );
                    out.line(&head)?;
                    if let Some(home) = &hit.attached_to {
                        out.line(&format!(
                            "    {} of {}",
                            hit.kind.as_str(),
                            out.styled(DIM, &sanitize(home))
                        ))?;
                    }
                    let snip = out.marked(&hit.snippet, &hit.highlights);
                    out.line(&format!("    {snip}"))?;
                    out.line(&format!("    {}", out.styled(DIM, &sanitize(&hit.item_id))))?;
                }
            }
        }
        Command::Show { id, cite: true, .. } => {
            let Some(item) = library.item(&id) else {
                return Err(Error::new(format!(
                    "no agenda item with id {id:?} (see `protokoll items`)"
                )));
            };
            let citation = crate::library::cite::citation(&item);
            if json {
                out.json(&serde_json::json!({ "item_id": item.item.id, "citation": citation }))?;
            } else {
                out.line(&citation)?;
            }
        }
        Command::Brief { agenda, format, .. } => {
            let brief = library.brief(&agenda)?;
            if json {
                out.json(&brief)?;
            } else if format == Format::Md {
                out.line(&super::markdown::brief(&brief))?;
            } else {
                super::brief::print_brief(&brief, out)?;
            }
        }
        Command::Watch { action } => {
            let mut store = crate::library::watch::WatchStore::open()?;
            match action {
                WatchAction::Add { query, name, .. } => {
                    let watch = store.add(library, &query.join(" "), name.as_deref())?;
                    if json {
                        out.json(&watch)?;
                    } else {
                        eprintln!(
                            "watching {:?} as {:?} (saved in {})",
                            watch.query,
                            watch.name,
                            store.path().display()
                        );
                    }
                }
                WatchAction::List { new, .. } => {
                    super::brief::print_watch_list(&store, library, new, json, out)?
                }
                WatchAction::Show { name, .. } => {
                    super::brief::print_watch_show(&mut store, library, &name, json, out)?
                }
                WatchAction::Rm { name, .. } => {
                    store.remove(&name)?;
                    eprintln!("watch {name:?} removed");
                }
            }
        }
        Command::Show { id, .. } => {
            if let Some(item) = library.item(&id) {
                let related = library.related(&id, 5).unwrap_or_default();
                if json {
                    #[derive(Serialize)]
                    struct Shown<'a> {
                        #[serde(flatten)]
                        item: &'a crate::library::ItemView,
                        related: &'a [crate::library::RelatedItem],
                    }
                    out.json(&Shown {
                        item: &item,
                        related: &related,
                    })?;
                } else {
                    out.line(&out.styled(
                        BOLD,
                        &heading(item.item.number.as_deref(), &item.item.title),
                    ))?;
                    out.line(&format!(
                        "{}  {}  {}:{}{}",
                        date_or_dash(item.date().as_deref()),
                        sanitize(
                            item.meeting
                                .council
                                .as_deref()
                                .unwrap_or("(council unknown)")
                        ),
                        sanitize(&item.meeting.file),
                        item.item.line_start,
                        item.pages_label()
                            .map(|p| format!("  {p}"))
                            .unwrap_or_default()
                    ))?;
                    if let Some(home) = &item.meeting.attached_to {
                        out.line(&format!(
                            "{} of meeting {}",
                            item.meeting.kind.as_str(),
                            sanitize(home)
                        ))?;
                    }
                    for p in &item.item.presenters {
                        out.line(&format!("Presenter: {}", sanitize(p)))?;
                    }
                    if !item.item.case_numbers.is_empty() {
                        out.line(&format!(
                            "Case numbers: {}",
                            sanitize(&item.item.case_numbers.join(", "))
                        ))?;
                    }
                    for r in &item.references {
                        let at = match &r.item_id {
                            Some(id) => format!("→ {id}"),
                            None => "not in this archive".to_string(),
                        };
                        out.line(&format!("Cites: {}, {}", sanitize(&r.cited), sanitize(&at)))?;
                    }
                    let sections = [
                        ("Förslag till beslut", item.item.proposal.clone()),
                        ("Beslut", item.item.decision.clone()),
                        (
                            "Yrkanden",
                            (!item.item.motions.is_empty()).then(|| item.item.motions.join("\n")),
                        ),
                        (
                            "Omröstning",
                            item.item.vote.as_ref().map(|v| {
                                format!("{} ja, {} nej, {} avstår", v.yes, v.no, v.abstain)
                            }),
                        ),
                        (
                            "Reservation",
                            (!item.item.reservations.is_empty())
                                .then(|| item.item.reservations.join(", ")),
                        ),
                        (
                            "Beslutet skickas till",
                            (!item.item.sent_to.is_empty()).then(|| item.item.sent_to.join(", ")),
                        ),
                    ];
                    for (label, body) in sections {
                        if let Some(body) = body.filter(|b| !b.trim().is_empty()) {
                            out.line("")?;
                            out.line(&out.styled(BOLD, label))?;
                            out.line(&sanitize(&body))?;
                        }
                    }
                    out.line("")?;
                    out.line(&sanitize(&item.item.text))?;
                    if !related.is_empty() {
                        out.line("")?;
                        out.line(&out.styled(BOLD, "Related"))?;
                        for r in &related {
                            out.line(&format!(
                                "  {}  {}  {}",
                                date_or_dash(r.date.as_deref()),
                                heading(r.number.as_deref(), &r.title),
                                out.styled(
                                    DIM,
                                    &format!(
                                        "[{}] {}",
                                        sanitize(&r.reasons.join(", ")),
                                        sanitize(&r.item_id)
                                    )
                                )
                            ))?;
                        }
                    }
                }
            } else if let Some(meeting) = library.meeting(&id) {
                let view = library.meeting_view(&meeting);
                if json {
                    out.json(&view)?;
                } else {
                    out.line(
                        &out.styled(
                            BOLD,
                            &sanitize(
                                view.meeting
                                    .council
                                    .as_deref()
                                    .unwrap_or("(council unknown)"),
                            ),
                        ),
                    )?;
                    out.line(&format!(
                        "{}  {}  {}{}",
                        date_or_dash(view.meeting.date.map(|d| d.to_string()).as_deref()),
                        view.meeting.kind.as_str(),
                        sanitize(&view.meeting.file),
                        view.meeting
                            .place
                            .as_deref()
                            .map(|p| format!("  Plats: {}", sanitize(p)))
                            .unwrap_or_default()
                    ))?;
                    if !view.meeting.attendees.is_empty() {
                        out.line("")?;
                        for a in &view.meeting.attendees {
                            let mut s = sanitize(&a.name);
                            if let Some(p) = &a.party {
                                s.push_str(&format!(" ({})", sanitize(p)));
                            }
                            if let Some(o) = &a.organisation {
                                s.push_str(&format!(", {}", sanitize(o)));
                            }
                            if let Some(r) = &a.role {
                                s.push_str(&format!(" — {}", sanitize(r)));
                            }
                            out.line(&format!("  {s}"))?;
                        }
                    }
                    if let Some(home) = &view.meeting.attached_to {
                        out.line(&format!("Belongs to meeting {}", sanitize(home)))?;
                    }
                    out.line("")?;
                    for i in &view.meeting.items {
                        out.line(&format!(
                            "  {}  {}",
                            heading(i.number.as_deref(), &i.title),
                            out.styled(DIM, &sanitize(&i.id))
                        ))?;
                    }
                    if !view.attachments.is_empty() {
                        out.line("")?;
                        out.line(
                            &out.styled(BOLD, &format!("Attachments ({})", view.attachments.len())),
                        )?;
                        for a in &view.attachments {
                            out.line(&format!(
                                "  {}  {}  {}",
                                pad(a.kind.as_str(), 10),
                                cut(&sanitize(&a.title), 60),
                                out.styled(DIM, &sanitize(&a.id))
                            ))?;
                        }
                    }
                }
            } else {
                return Err(Error::new(format!(
                    "no item or meeting with id {id:?} (see `protokoll items` or `protokoll meetings`)"
                )));
            }
        }
        Command::Related { id, limit, .. } => {
            let related = library.related(&id, limit)?;
            if json {
                out.json(&related)?;
            } else {
                for r in &related {
                    out.line(&format!(
                        "{:>6.2}  {}  {}  {}",
                        r.score,
                        date_or_dash(r.date.as_deref()),
                        cut(
                            &sanitize(r.council.as_deref().unwrap_or("(council unknown)")),
                            40
                        ),
                        out.styled(BOLD, &heading(r.number.as_deref(), &r.title))
                    ))?;
                    out.line(&format!(
                        "        because: {}",
                        sanitize(&r.reasons.join(", "))
                    ))?;
                    out.line(&format!(
                        "        {}",
                        out.styled(DIM, &sanitize(&r.item_id))
                    ))?;
                }
                if related.is_empty() {
                    eprintln!("no related items found for {id}");
                }
            }
        }
        Command::Thread { id, format, .. } => {
            let thread = library.thread(&id)?;
            if json {
                out.json(&thread)?;
            } else if format == Format::Md {
                out.line(&super::markdown::thread(library, &thread))?;
            } else {
                for t in &thread {
                    let date = match (&t.date, &t.date_estimate) {
                        (Some(d), _) => d.clone(),
                        (None, Some(e)) => e.label(),
                        (None, None) => "(undated)".into(),
                    };
                    out.line(&format!(
                        "{}  {}  {}",
                        pad(&date, 10),
                        cut(
                            &sanitize(t.council.as_deref().unwrap_or("(council unknown)")),
                            40
                        ),
                        out.styled(BOLD, &heading(t.number.as_deref(), &t.title))
                    ))?;
                    if !t.excerpt.is_empty() {
                        out.line(&format!("            “{}”", sanitize(&t.excerpt)))?;
                    }
                    if !t.reasons.is_empty() {
                        let link = t
                            .link
                            .as_ref()
                            .map(|l| format!("linked by {}; ", sanitize(l)))
                            .unwrap_or_default();
                        out.line(&format!(
                            "            {}",
                            out.styled(DIM, &format!("{link}{}", sanitize(&t.reasons.join(", "))))
                        ))?;
                    }
                }
            }
        }
        Command::Compare { a, b, format, .. } => {
            let cmp = library.compare(&a, &b)?;
            if json {
                out.json(&cmp)?;
            } else if format == Format::Md {
                out.line(&super::markdown::compare(library, &cmp))?;
            } else {
                let title_of = |id: &Option<String>| -> String {
                    id.as_deref()
                        .and_then(|id| library.item_ref(id))
                        .map(|at| heading(at.item().number.as_deref(), &at.item().title))
                        .unwrap_or_default()
                };
                let width = 50;
                out.line(&format!(
                    "{}  {}",
                    out.styled(BOLD, &pad(&cut(&sanitize(&a), width), width)),
                    out.styled(BOLD, &sanitize(&b))
                ))?;
                for row in &cmp.rows {
                    let left = cut(&title_of(&row.a_item), width);
                    let right = cut(&title_of(&row.b_item), width);
                    let reasons = if row.reasons.is_empty() {
                        String::new()
                    } else {
                        out.styled(DIM, &format!("  [{}]", sanitize(&row.reasons.join(", "))))
                    };
                    out.line(&format!("{}  {}{}", pad(&left, width), right, reasons))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}31md\u{202e}e";

    fn plain() -> Out {
        Out {
            writer: Box::new(std::io::sink()),
            colour: false,
        }
    }

    /// Whatever the library hands over, what is printed holds no control character: the
    /// printing layer does not rely on the decoder having cleaned the text.
    #[test]
    fn printed_text_is_sanitized_even_when_the_library_is_not() {
        let shown = heading(Some("4\u{1b}[2J"), HOSTILE);
        assert_eq!(shown, "4[2J. a]0;pwnedb[2Jc31mde");
        let out = plain();
        let snippet = format!("x {HOSTILE} y");
        let marked = out.marked(&snippet, &[(0, 1), (snippet.len() - 1, snippet.len())]);
        assert_eq!(marked, "[x] a]0;pwnedb[2Jc31mde [y]");
        assert!(!cut(&sanitize(HOSTILE), 5)
            .chars()
            .any(crate::text::is_unsafe_char));
    }
}
