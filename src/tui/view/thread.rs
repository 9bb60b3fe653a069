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
                // An undated meeting shows when it probably was ("≈ 2021"), from the dating.
                let date = match (&entry.date, &entry.date_estimate) {
                    (Some(date), _) => date.clone(),
                    (None, Some(estimate)) => estimate.label(),
                    (None, None) => "undated".to_string(),
                };
                let head = format!(
                    "{marker}{dot} {date:<10}  {}{}  · {}",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::dating::DateEstimate;
    use crate::links::ThreadEntry;
    use chrono::NaiveDate;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn entry(id: &str, date: Option<&str>, estimate: Option<(i32, i32)>) -> ThreadEntry {
        let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        ThreadEntry {
            item_id: id.into(),
            meeting_id: id.into(),
            file: format!("{id}.txt"),
            council: Some("Samverkansrådet".into()),
            date: date.map(str::to_string),
            number: Some("4".into()),
            title: format!("RUC {id}"),
            reasons: vec!["RUC".into()],
            excerpt: "finansiering".into(),
            decision: None,
            link: None,
            date_estimate: estimate.map(|(from, to)| DateEstimate {
                from: day(from),
                to: NaiveDate::from_ymd_opt(to, 12, 31).unwrap(),
                because: format!("Verksamhetsplan {from}"),
            }),
            also: vec![],
        }
    }

    #[test]
    fn an_undated_meeting_shows_its_estimated_year() {
        let screen = ThreadScreen {
            item_id: "a".into(),
            title: "RUC".into(),
            entries: Loadable::Ready(vec![
                entry("a", None, Some((2021, 2021))),
                entry("b", Some("2022-03-01"), None),
                entry("c", None, None),
            ]),
            cursor: Default::default(),
            generation: 0,
        };
        let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
        terminal
            .draw(|frame| draw(frame, frame.area(), &screen, Theme { color: false }))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let rows: Vec<String> = (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect();
        let row = |needle: &str| {
            rows.iter()
                .find(|r| r.contains(needle))
                .unwrap_or_else(|| panic!("{needle} in {rows:#?}"))
                .clone()
        };
        assert!(row("RUC a").contains("≈ 2021"), "{rows:#?}");
        assert!(row("RUC b").contains("2022-03-01"));
        assert!(row("RUC c").contains("undated"));
    }
}
