//! A matter followed through time: one entry per meeting, oldest first, with the sentence that
//! mentions it and why it belongs to the thread.

use super::layout;
use super::pane;
use super::text::{fit, truncate};
use super::theme::{row_marker, Theme};
use crate::tui::app::{Loadable, ThreadScreen};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, screen: &ThreadScreen, theme: Theme) {
    let inner = layout::inner(area);
    let width = inner.width as usize;
    frame.render_widget(
        pane(
            format!(
                " Thread: {} ",
                truncate(&screen.title, width.saturating_sub(12))
            ),
            true,
            theme,
        ),
        area,
    );
    let lines: Vec<Line> = match &screen.entries {
        Loadable::Loading => vec![Line::from("following the matter through the archive…")],
        Loadable::Failed(error) => vec![Line::styled(truncate(error, width), theme.warning())],
        Loadable::Ready(entries) if entries.is_empty() => {
            vec![Line::from("no other meetings mention this matter")]
        }
        Loadable::Ready(entries) => entries
            .iter()
            .enumerate()
            .skip(screen.cursor.offset)
            .flat_map(|(index, entry)| {
                let selected = index == screen.cursor.selected;
                let marker = row_marker(selected);
                let dot = if entry.item_id == screen.item_id {
                    "◆"
                } else {
                    "●"
                };
                let number = entry
                    .number
                    .as_deref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                let head = format!(
                    "{marker}{dot} {}  {}{}  · {}",
                    entry.date.as_deref().unwrap_or("undated   "),
                    number,
                    entry.title,
                    entry.council.as_deref().unwrap_or("")
                );
                let mut detail = entry.excerpt.replace(['\n', '\t'], " ");
                if !entry.reasons.is_empty() {
                    detail = format!("[{}] {detail}", entry.reasons.join(", "));
                }
                let style = if selected {
                    theme.selected()
                } else {
                    theme.base()
                };
                [
                    Line::styled(fit(&head, width), style),
                    Line::styled(truncate(&format!("  │   {detail}"), width), theme.dim()),
                ]
            })
            .take(inner.height as usize)
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
