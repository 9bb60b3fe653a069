//! Markdown for pasting into a tjänsteskrivelse or an e-mail: a matter's timeline, two meetings'
//! agendas aligned, a brief. Every row carries its citation. Cell text is sanitized and has its
//! `|` escaped so a protocol cannot break the table.

use crate::library::brief::Brief;
use crate::library::cite::citation;
use crate::library::{Comparison, Library, ThreadEntry};
use crate::text::{sanitize, squash_spaces};

/// Text for one table cell.
fn cell(s: &str) -> String {
    squash_spaces(&sanitize(s).replace(['\n', '\t'], " ")).replace('|', "\\|")
}

fn numbered(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) if !n.is_empty() => format!("{} {}", n, title),
        _ => title.to_string(),
    }
}

/// A matter's timeline as a table, oldest first, each row cited.
pub fn thread(library: &Library, entries: &[ThreadEntry]) -> String {
    let mut md = String::new();
    if let Some(first) = entries.first() {
        md.push_str(&format!("## {}\n\n", cell(&first.title)));
    }
    md.push_str("| Datum | Organ | Ärende | Vad hände | Källa |\n|---|---|---|---|---|\n");
    for e in entries {
        let cite = library
            .item(&e.item_id)
            .map(|i| citation(&i))
            .unwrap_or_default();
        let what = if e.excerpt.is_empty() {
            e.reasons.join(", ")
        } else {
            e.excerpt.clone()
        };
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(e.date.as_deref().unwrap_or("odaterat")),
            cell(e.council.as_deref().unwrap_or("")),
            cell(&numbered(e.number.as_deref(), &e.title)),
            cell(&what),
            cell(&cite)
        ));
    }
    md
}

/// Two meetings' agendas aligned, one row per pair.
pub fn compare(library: &Library, cmp: &Comparison) -> String {
    let title = |id: &str| -> String {
        library
            .meeting(id)
            .map(|m| {
                format!(
                    "{} {}",
                    m.council.as_deref().unwrap_or("(council unknown)"),
                    m.date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "odaterat".into())
                )
            })
            .unwrap_or_else(|| id.to_string())
    };
    let side = |id: &Option<String>| -> String {
        id.as_deref()
            .and_then(|id| library.item_ref(id))
            .map(|at| cell(&numbered(at.item().number.as_deref(), &at.item().title)))
            .unwrap_or_else(|| "—".into())
    };
    let mut md = format!(
        "## {} jämfört med {}\n\n| {} | {} | Samband |\n|---|---|---|\n",
        cell(&title(&cmp.a)),
        cell(&title(&cmp.b)),
        cell(&title(&cmp.a)),
        cell(&title(&cmp.b))
    );
    for row in &cmp.rows {
        md.push_str(&format!(
            "| {} | {} | {} |\n",
            side(&row.a_item),
            side(&row.b_item),
            cell(&row.reasons.join(", "))
        ));
    }
    md
}

/// A brief: one section per agenda item, its history as a list, newest first.
pub fn brief(brief: &Brief) -> String {
    let a = &brief.agenda;
    let mut md = format!(
        "# Inför {} {}\n\n",
        cell(a.council.as_deref().unwrap_or("sammanträdet")),
        cell(a.date.as_deref().unwrap_or(""))
    );
    if let Some(org) = &a.organisation {
        md.push_str(&format!("{}. Underlag: {}\n\n", cell(org), cell(&a.file)));
    }
    for item in &brief.items {
        md.push_str(&format!(
            "## {}\n\n",
            cell(&numbered(item.number.as_deref(), &item.title))
        ));
        if !item.case_numbers.is_empty() {
            md.push_str(&format!("Dnr {}\n\n", cell(&item.case_numbers.join(", "))));
        }
        if item.history.is_empty() {
            md.push_str("Inga tidigare behandlingar i arkivet.\n\n");
            continue;
        }
        for h in &item.history {
            let cite = [
                h.organisation.clone(),
                Some(format!(
                    "{} {} {}",
                    h.council.as_deref().unwrap_or(""),
                    h.date.as_deref().unwrap_or("odaterat"),
                    h.number.as_deref().unwrap_or("")
                )),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            md.push_str(&format!("- **{}**: {}", cell(cite.trim()), cell(&h.title)));
            if let Some(d) = h.decision.as_deref().filter(|d| !d.trim().is_empty()) {
                md.push_str(&format!(". Beslut: {}", cell(d)));
            }
            md.push_str(&format!(" _({})_\n", cell(&h.link)));
        }
        if !item.open.is_empty() {
            md.push_str(&format!("\nÖppet: {}\n", cell(&item.open.join("; "))));
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_break_the_table_or_the_terminal() {
        assert_eq!(cell("a | b\nc\u{1b}[2J"), "a \\| b c[2J");
    }
}
