//! The brief of an agenda: one row per agenda item (its Dnr, how many earlier treatments), the
//! history under an expanded item (date, body, §, title, what matched, the decision).

use super::layout;
use super::pane;
use super::text::{fit, truncate};
use super::theme::{row_marker, Theme};
use crate::tui::app::{BriefRow, BriefScreen, Loadable};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, screen: &BriefScreen, theme: Theme) {
    let inner = layout::inner(area);
    let width = inner.width as usize;
    frame.render_widget(pane(" Brief ", true, theme), area);
    let brief = match &screen.brief {
        Loadable::Loading => {
            let line = Line::from("reading the agenda and looking each matter up…");
            frame.render_widget(Paragraph::new(vec![line]), inner);
            return;
        }
        Loadable::Failed(error) => {
            let line = Line::styled(truncate(error, width), theme.warning());
            frame.render_widget(Paragraph::new(vec![line]), inner);
            return;
        }
        Loadable::Ready(brief) => brief,
    };
    let rows = screen.rows();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(screen.cursor.offset)
        .take(inner.height as usize)
        .map(|(index, row)| {
            let selected = index == screen.cursor.selected;
            let marker = row_marker(selected);
            let style = if selected {
                theme.selected()
            } else {
                theme.base()
            };
            match *row {
                BriefRow::Item(i) => {
                    let item = &brief.items[i];
                    let fold = if screen.expanded.contains(&i) {
                        "▾"
                    } else {
                        "▸"
                    };
                    let number = item.number.as_deref().unwrap_or("·");
                    let history = match item.history.len() {
                        0 => "no history".to_string(),
                        1 => "1 earlier".to_string(),
                        n => format!("{n} earlier"),
                    };
                    let open = if item.open.is_empty() { "" } else { " · open" };
                    let text = format!("{marker}{fold} {number} {}  [{history}{open}]", item.title);
                    Line::styled(fit(&text, width), style)
                }
                BriefRow::History(i, h) => {
                    let e = &brief.items[i].history[h];
                    let decision = e
                        .decision
                        .as_deref()
                        .map(|d| format!(" — {}", d.replace('\n', " ")))
                        .unwrap_or_default();
                    let text = format!(
                        "{marker}    {} {} {} {} [{}]{decision}",
                        e.date.as_deref().unwrap_or("undated"),
                        e.council.as_deref().unwrap_or(""),
                        e.number.as_deref().unwrap_or(""),
                        e.title,
                        e.link
                    );
                    let style = if selected { style } else { theme.dim() };
                    Line::styled(fit(&text, width), style)
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
