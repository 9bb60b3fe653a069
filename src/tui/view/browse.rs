//! The meeting list (councils, meetings newest first, expanded items) and, on wide screens, a
//! preview of the selected meeting or item beside it.

use super::layout;
use super::text::{fit, truncate};
use super::theme::{row_marker, Theme};
use super::{item, pane};
use crate::tui::app::{App, BrowseRow};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let (list_area, preview_area) = layout::browse(area);
    let block = pane(" Meetings ", true, theme);
    let inner = layout::inner(list_area);
    frame.render_widget(block, list_area);
    let width = inner.width as usize;
    if app.browse.rows.is_empty() {
        let text = if app.indexing.is_some() || app.library.is_none() {
            "No meetings yet: indexing the archive…"
        } else {
            "No meetings found in this archive."
        };
        frame.render_widget(Paragraph::new(truncate(text, width)), inner);
    } else {
        let cursor = app.browse.cursor;
        let lines: Vec<Line> = app
            .browse
            .rows
            .iter()
            .enumerate()
            .skip(cursor.offset)
            .take(inner.height as usize)
            .map(|(index, row)| {
                let selected = index == cursor.selected;
                let marker = row_marker(selected);
                let text = format!("{marker}{}", row_text(app, row));
                let style = if selected {
                    theme.selected()
                } else if matches!(row, BrowseRow::Council { .. }) {
                    theme.heading()
                } else {
                    theme.base()
                };
                Line::from(Span::styled(fit(&text, width), style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
    if let Some(preview_area) = preview_area {
        draw_preview(frame, preview_area, app, theme);
    }
}

fn row_text(app: &App, row: &BrowseRow) -> String {
    match row {
        BrowseRow::Council {
            name,
            meetings,
            collapsed,
        } => {
            let fold = if *collapsed { "▸" } else { "▾" };
            format!("{fold} {name} ({meetings})")
        }
        BrowseRow::Meeting { index, expanded } => {
            // The headline table is enough: a meeting row decodes nothing.
            let Some(meeting) = app.list_headline(*index) else {
                return String::new();
            };
            let fold = if *expanded { "▾" } else { "▸" };
            let date = meeting
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated   ".into());
            let items = match meeting.item_count {
                1 => "1 item".to_string(),
                n => format!("{n} items"),
            };
            format!(
                "  {fold} {date}  {:<12} {:>9}  {}",
                meeting.kind.as_str(),
                items,
                meeting.meeting_id
            )
        }
        BrowseRow::Item { meeting, item } => {
            let Some(document) = app.list_headline(*meeting) else {
                return String::new();
            };
            if document.attached_to.is_some() {
                // Portals name attachment files after their subject; a first heading of an
                // attachment is as often a date line or a letterhead.
                let name = document.file.rsplit('/').next().unwrap_or(document.file);
                let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                return format!("      {:>5}  [{}] {stem}", "+", document.kind.as_str());
            }
            let Some(full) = app.list_meeting(*meeting) else {
                return String::new();
            };
            let Some(agenda_item) = full.items.get(*item) else {
                return String::new();
            };
            let number = agenda_item.number.as_deref().unwrap_or("·");
            format!("      {number:>5}  {}", agenda_item.title)
        }
    }
}

fn draw_preview(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let inner = layout::inner(area);
    let width = inner.width as usize;
    let lines: Vec<Line> = match app.browse.rows.get(app.browse.cursor.selected) {
        Some(BrowseRow::Item { .. }) => match &app.browse.preview {
            Some(view) => item::detail_lines(view, width, theme),
            None => vec![Line::from("(item text not in the index yet)")],
        },
        Some(BrowseRow::Meeting { index, .. }) => match app.list_meeting(*index) {
            Some(meeting) => meeting_lines(&meeting, width, theme),
            None => vec![],
        },
        Some(BrowseRow::Council { name, meetings, .. }) => {
            vec![
                Line::styled(name.clone(), theme.heading()),
                Line::from(format!("{meetings} meetings")),
            ]
        }
        None => vec![],
    };
    frame.render_widget(pane(" Preview ", false, theme), area);
    frame.render_widget(
        Paragraph::new(
            lines
                .into_iter()
                .take(inner.height as usize)
                .collect::<Vec<_>>(),
        ),
        inner,
    );
}

fn meeting_lines(
    meeting: &crate::protocol::Meeting,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        truncate(
            meeting.council.as_deref().unwrap_or("(council unknown)"),
            width,
        ),
        theme.heading(),
    )];
    let date = match (meeting.date, meeting.date_source) {
        (Some(date), Some(source)) => format!("{date} ({})", format!("{source:?}").to_lowercase()),
        (Some(date), None) => date.to_string(),
        (None, _) => "undated".to_string(),
    };
    lines.push(Line::from(truncate(&format!("Date:   {date}"), width)));
    if let Some(place) = &meeting.place {
        lines.push(Line::from(truncate(&format!("Place:  {place}"), width)));
    }
    lines.push(Line::from(truncate(
        &format!("Kind:   {}", meeting.kind.as_str()),
        width,
    )));
    lines.push(Line::from(truncate(
        &format!("File:   {}", meeting.file),
        width,
    )));
    if !meeting.attendees.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!("Present ({})", meeting.attendees.len()),
            theme.heading(),
        ));
        for attendee in &meeting.attendees {
            let mut text = attendee.name.clone();
            if let Some(party) = &attendee.party {
                text.push_str(&format!(" ({party})"));
            }
            if let Some(role) = &attendee.role {
                text.push_str(&format!(", {role}"));
            }
            lines.push(Line::from(truncate(&format!("  {text}"), width)));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        format!("Items ({})", meeting.items.len()),
        theme.heading(),
    ));
    for agenda_item in &meeting.items {
        let number = agenda_item.number.as_deref().unwrap_or("·");
        lines.push(Line::from(truncate(
            &format!("{number:>5}  {}", agenda_item.title),
            width,
        )));
    }
    lines
}
