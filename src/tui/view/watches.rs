//! The saved searches: each with how many meetings are new since its user last looked;
//! `enter` runs the search (and counts its meetings as seen).

use super::layout;
use super::pane;
use super::text::fit;
use super::theme::{row_marker, Theme};
use crate::tui::app::{App, WatchesScreen};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, screen: &WatchesScreen, app: &App, theme: Theme) {
    let inner = layout::inner(area);
    let width = inner.width as usize;
    frame.render_widget(pane(" Saved searches ", true, theme), area);
    let lines: Vec<Line> = if app.watches.is_empty() {
        vec![
            Line::from("no saved searches yet"),
            Line::styled(
                "save one with: protokoll watch add \"QUERY\" --name NAME",
                theme.dim(),
            ),
        ]
    } else {
        app.watches
            .iter()
            .enumerate()
            .skip(screen.cursor.offset)
            .take(inner.height as usize)
            .map(|(index, watch)| {
                let selected = index == screen.cursor.selected;
                let new = match watch.new.len() {
                    0 => "      ".to_string(),
                    n => format!("{n:>2} new"),
                };
                let row = format!(
                    "{}{new}  {}  ({} meetings)  {}",
                    row_marker(selected),
                    watch.name,
                    watch.meetings.len(),
                    watch.query
                );
                let style = if selected {
                    theme.selected()
                } else if watch.new.is_empty() {
                    theme.base()
                } else {
                    theme.heading()
                };
                Line::styled(fit(&row, width), style)
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
