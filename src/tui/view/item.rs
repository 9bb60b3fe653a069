//! An item: its header (council, date, number, presenters, case numbers, source line) and cleaned
//! text, scrollable, with the related-items pane beside it (or as a tab when narrow).

use super::layout;
use super::pane;
use super::text::{spans_from_char_indices, truncate, wrap};
use super::theme::{row_marker, Theme};
use crate::library::{ItemView, RelatedItem};
use crate::tui::app::{ItemPane, ItemScreen, ListCursor, Loadable};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The item's lines at `width` columns: header, blank line, text.
pub fn detail_lines(item: &ItemView, width: usize, theme: Theme) -> Vec<Line<'static>> {
    detail_lines_marked(item, width, theme, &[])
}

/// Like [`detail_lines`], with `terms` highlighted in the title and text.
pub fn detail_lines_marked(
    item: &ItemView,
    width: usize,
    theme: Theme,
    terms: &[String],
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let styled = |line: String, style: Style| -> Line<'static> {
        if terms.is_empty() {
            Line::styled(line, style)
        } else {
            let marked = super::text::char_indices_of_terms(&line, terms);
            Line::from(spans_from_char_indices(&line, &marked, style, theme.hit()))
        }
    };
    let title = match &item.item.number {
        Some(number) => format!("{number}  {}", item.item.title),
        None => item.item.title.clone(),
    };
    for line in wrap(&title, width) {
        lines.push(styled(line, theme.heading()));
    }
    let mut facts = vec![
        format!(
            "Council:    {}",
            item.meeting.council.as_deref().unwrap_or("(unknown)")
        ),
        format!(
            "Date:       {}",
            item.date().as_deref().unwrap_or("undated")
        ),
    ];
    if !item.item.presenters.is_empty() {
        facts.push(format!("Presenters: {}", item.item.presenters.join("; ")));
    }
    if !item.item.case_numbers.is_empty() {
        facts.push(format!("Case:       {}", item.item.case_numbers.join(", ")));
    }
    let pages = item
        .pages_label()
        .map(|p| format!(", {p}"))
        .unwrap_or_default();
    facts.push(format!(
        "Source:     {}:{}{pages}",
        item.meeting.file, item.item.line_start
    ));
    if let Some(home) = &item.meeting.attached_to {
        facts.push(format!(
            "Belongs to: {home} ({})",
            item.meeting.kind.as_str()
        ));
    }
    for fact in facts {
        for line in wrap(&fact, width) {
            lines.push(Line::styled(line, theme.dim()));
        }
    }
    if let Some(decision) = item
        .item
        .decision
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        lines.push(Line::from(""));
        lines.push(Line::styled("Beslut".to_string(), theme.heading()));
        for line in wrap(decision.trim_end(), width) {
            lines.push(styled(line, theme.base()));
        }
    }
    lines.push(Line::from(""));
    for line in wrap(item.item.text.trim_end(), width) {
        lines.push(styled(line, theme.base()));
    }
    lines
}

pub fn detail_line_count(item: &ItemView, width: usize) -> usize {
    detail_lines(item, width, Theme { color: false }).len()
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &ItemScreen, theme: Theme) {
    let related_focused = screen.related_shown && screen.focus == ItemPane::Related;
    let panes = layout::item(area, screen.related_shown, related_focused);
    if let Some(tabs) = panes.tabs {
        let count = match &screen.related {
            Loadable::Ready(items) => format!(" ({})", items.len()),
            _ => String::new(),
        };
        let tab = |label: String, active: bool| {
            if active {
                Span::styled(format!("[{label}]"), theme.selected())
            } else {
                Span::raw(format!(" {label} "))
            }
        };
        let line = Line::from(vec![
            tab("Item".into(), !related_focused),
            Span::raw(" "),
            tab(format!("Related{count}"), related_focused),
        ]);
        frame.render_widget(Paragraph::new(line), tabs);
    }
    if let Some(detail) = panes.detail {
        let focused = !related_focused;
        let inner = layout::inner(detail);
        frame.render_widget(pane(" Item ", focused, theme), detail);
        let lines = detail_lines_marked(&screen.item, inner.width as usize, theme, &screen.terms);
        let total = lines.len();
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(screen.scroll)
            .take(inner.height as usize)
            .collect();
        frame.render_widget(Paragraph::new(visible), inner);
        if total > inner.height as usize && detail.height > 0 {
            let position = format!(
                " {}/{} ",
                (screen.scroll + inner.height as usize).min(total),
                total
            );
            let x = detail.x
                + detail
                    .width
                    .saturating_sub(position.chars().count() as u16 + 1);
            let at = Rect {
                x,
                y: detail.y + detail.height - 1,
                width: position.chars().count() as u16,
                height: 1,
            };
            frame.render_widget(
                Paragraph::new(position).style(theme.dim()),
                at.intersection(detail),
            );
        }
    }
    if let Some(related) = panes.related {
        draw_related(
            frame,
            related,
            &screen.related,
            screen.related_cursor,
            related_focused,
            theme,
        );
    }
}

fn draw_related(
    frame: &mut Frame,
    area: Rect,
    related: &Loadable<Vec<RelatedItem>>,
    cursor: ListCursor,
    focused: bool,
    theme: Theme,
) {
    let inner = layout::inner(area);
    frame.render_widget(pane(" Related ", focused, theme), area);
    let width = inner.width as usize;
    let lines: Vec<Line> = match related {
        Loadable::Loading => vec![Line::from("finding related items…")],
        Loadable::Failed(error) => vec![Line::styled(truncate(error, width), theme.warning())],
        Loadable::Ready(items) if items.is_empty() => {
            vec![Line::from("no related items in other meetings")]
        }
        Loadable::Ready(items) => items
            .iter()
            .enumerate()
            .skip(cursor.offset)
            .flat_map(|(index, related)| {
                let selected = index == cursor.selected;
                let marker = row_marker(selected);
                let style = match (selected, focused) {
                    (true, true) => theme.selected(),
                    (true, false) => theme.selected_unfocused(),
                    _ => theme.base(),
                };
                let number = related
                    .number
                    .as_deref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                let head = format!(
                    "{marker}{} {}{}",
                    related.date.as_deref().unwrap_or("undated"),
                    number,
                    related.title
                );
                let council = related.council.as_deref().unwrap_or("");
                let why = if related.reasons.is_empty() {
                    council.to_string()
                } else {
                    format!("{} · {}", related.reasons.join(", "), council)
                };
                [
                    Line::styled(super::text::fit(&head, width), style),
                    Line::styled(truncate(&format!("    {why}"), width), theme.dim()),
                ]
            })
            .take(inner.height as usize)
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
