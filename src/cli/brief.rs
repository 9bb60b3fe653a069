//! The before-the-meeting commands: `brief` (an agenda's matters and their history) and
//! `watch` (saved searches that say what is new), as text for people or `--json`.

use super::output::{cut, date_or_dash, heading, Out, BOLD, DIM};
use crate::library::brief::Brief;
use crate::library::watch::WatchStore;
use crate::library::Library;
use crate::text::sanitize;
use crate::Result;

/// The brief as text for a terminal.
pub fn print_brief(brief: &Brief, out: &mut Out) -> Result<()> {
    let a = &brief.agenda;
    let title = format!(
        "Brief: {} {}{}",
        a.council.as_deref().unwrap_or("(council unknown)"),
        date_or_dash(a.date.as_deref()),
        a.organisation
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default()
    );
    out.line(&out.styled(BOLD, &sanitize(&title)))?;
    out.line(&out.styled(DIM, &sanitize(&a.file)))?;
    for item in &brief.items {
        out.line("")?;
        let mut head = heading(item.number.as_deref(), &item.title);
        if !item.case_numbers.is_empty() {
            head.push_str(&format!(
                "   Dnr {}",
                sanitize(&item.case_numbers.join(", "))
            ));
        }
        out.line(&out.styled(BOLD, &head))?;
        if item.history.is_empty() {
            out.line("    no earlier treatment in the archive")?;
        }
        for h in &item.history {
            out.line(&format!(
                "    {}  {}  {}  {}",
                date_or_dash(h.date.as_deref()),
                cut(
                    &sanitize(h.council.as_deref().unwrap_or("(council unknown)")),
                    32
                ),
                heading(h.number.as_deref(), &h.title),
                out.styled(DIM, &format!("[{}]", sanitize(&h.link)))
            ))?;
            if let Some(d) = h.decision.as_deref().filter(|d| !d.trim().is_empty()) {
                let one_line = sanitize(d).replace('\n', " ");
                out.line(&format!("        beslut: {}", cut(&one_line, 160)))?;
            }
        }
        for loose in &item.open {
            out.line(&format!("    open: {}", sanitize(loose)))?;
        }
    }
    Ok(())
}

/// `watch list`: every watch with its number of new meetings.
pub fn print_watch_list(
    store: &WatchStore,
    library: &Library,
    only_new: bool,
    json: bool,
    out: &mut Out,
) -> Result<()> {
    let mut statuses = Vec::new();
    for status in store.statuses(library) {
        let status = status?;
        if !only_new || !status.new.is_empty() {
            statuses.push(status);
        }
    }
    if json {
        return out.json(&statuses);
    }
    if statuses.is_empty() {
        eprintln!(
            "{} (in {})",
            if only_new {
                "nothing new"
            } else {
                "no watches yet: `protokoll watch add QUERY`"
            },
            store.path().display()
        );
    }
    for s in &statuses {
        let new = if s.new.is_empty() {
            "      ".to_string()
        } else {
            out.styled(BOLD, &format!("{:>2} new", s.new.len()))
        };
        out.line(&format!(
            "{new}  {:<24}  {:>4} meetings  {}",
            cut(&sanitize(&s.name), 24),
            s.meetings.len(),
            out.styled(DIM, &sanitize(&s.query))
        ))?;
    }
    Ok(())
}

/// `watch show NAME`: the meetings with hits, new ones marked; they count as seen afterwards.
pub fn print_watch_show(
    store: &mut WatchStore,
    library: &Library,
    name: &str,
    json: bool,
    out: &mut Out,
) -> Result<()> {
    let Some(watch) = store.watches().iter().find(|w| w.name == name).cloned() else {
        return Err(crate::Error::new(format!(
            "no watch named {name:?} (see `protokoll watch list`)"
        )));
    };
    let status = store.status(library, &watch)?;
    if json {
        out.json(&status)?;
    } else {
        for id in &status.meetings {
            let mark = if status.new.contains(id) {
                "new"
            } else {
                "   "
            };
            let (date, council) = library
                .meeting(id)
                .map(|m| (m.date.map(|d| d.to_string()), m.council.clone()))
                .unwrap_or_default();
            out.line(&format!(
                "{}  {}  {}  {}",
                out.styled(BOLD, mark),
                date_or_dash(date.as_deref()),
                cut(
                    &sanitize(council.as_deref().unwrap_or("(council unknown)")),
                    40
                ),
                out.styled(DIM, &sanitize(id))
            ))?;
        }
    }
    store.mark_seen(library, &watch.name, &status.meetings);
    store.save()
}
