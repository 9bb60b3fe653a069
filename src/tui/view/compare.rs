//! Side by side: two meetings' agenda rows aligned as the library pairs them (one table, so both
//! sides scroll together), or two items' texts scrolled together; shared terms highlighted.

use super::item::detail_lines_marked;
use super::layout;
use super::pane;
use super::text::{char_indices_of_terms, clip_spans, fit, spans_from_char_indices, truncate};
use super::theme::{row_marker, Theme};
use crate::tui::app::{CompareScreen, CompareSide, ItemPairScreen, Loadable};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn side_spans(
    side: Option<&CompareSide>,
    terms: &[String],
    width: usize,
    base: Style,
    theme: Theme,
) -> Vec<Span<'static>> {
    let text = match side {
        Some(side) => side.label.clone(),
        None => "—".to_string(),
    };
    let marked = char_indices_of_terms(&text, terms);
    let mut spans = clip_spans(
        spans_from_char_indices(&text, &marked, base, theme.hit().patch(base)),
        width,
    );
    let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
    spans
}

pub fn draw_meetings(frame: &mut Frame, area: Rect, screen: &CompareScreen, theme: Theme) {
    let inner = layout::inner(area);
    let width = inner.width as usize;
    frame.render_widget(pane(" Compare meetings ", true, theme), area);
    if inner.height < 3 {
        return;
    }
    let columns = area.width >= layout::COMPARE_COLUMNS_WIDTH;
    let row_width = width.saturating_sub(2);
    let half = row_width.saturating_sub(3) / 2;
    let header = if columns {
        format!(
            "  {} │ {}",
            fit(&format!("A {}", screen.a.label), half),
            truncate(&format!("B {}", screen.b.label), half)
        )
    } else {
        truncate(
            &format!("A {}  B {}", screen.a.label, screen.b.label),
            width,
        )
    };
    frame.render_widget(
        Paragraph::new(Line::styled(header, theme.heading())),
        Rect { height: 1, ..inner },
    );
    frame.render_widget(
        Paragraph::new(Line::styled("─".repeat(width), theme.dim())),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    let rows_area = layout::compare_rows(area);
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    let rows = match &screen.rows {
        Loadable::Loading => {
            frame.render_widget(Paragraph::new("aligning the agendas…"), rows_area);
            return;
        }
        Loadable::Failed(error) => {
            frame.render_widget(
                Paragraph::new(Line::styled(truncate(error, width), theme.warning())),
                rows_area,
            );
            return;
        }
        Loadable::Ready(rows) => rows,
    };
    if rows.is_empty() {
        frame.render_widget(Paragraph::new("no agenda items to compare"), rows_area);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    for (index, row) in rows.iter().enumerate().skip(screen.cursor.offset) {
        if lines.len() >= rows_area.height as usize {
            break;
        }
        let selected = index == screen.cursor.selected;
        let marker = row_marker(selected);
        let base = theme.row(selected);
        if columns {
            let mut spans = vec![Span::styled(marker, base)];
            spans.extend(side_spans(row.a.as_ref(), &row.reasons, half, base, theme));
            spans.push(Span::styled(" │ ", base));
            spans.extend(side_spans(row.b.as_ref(), &row.reasons, half, base, theme));
            lines.push(Line::from(spans));
        } else {
            let mut a = vec![Span::styled(format!("{marker}A "), base)];
            a.extend(side_spans(
                row.a.as_ref(),
                &row.reasons,
                row_width.saturating_sub(2),
                base,
                theme,
            ));
            let mut b = vec![Span::styled("  B ", base)];
            b.extend(side_spans(
                row.b.as_ref(),
                &row.reasons,
                row_width.saturating_sub(2),
                base,
                theme,
            ));
            lines.push(Line::from(a));
            lines.push(Line::from(b));
        }
    }
    lines.truncate(rows_area.height as usize);
    frame.render_widget(Paragraph::new(lines), rows_area);
    if let Some(row) = rows.get(screen.cursor.selected) {
        let text = match (&row.a, &row.b, row.reasons.is_empty()) {
            (Some(_), Some(_), false) => format!("shared: {}", row.reasons.join(", ")),
            (Some(_), Some(_), true) => "paired by position".to_string(),
            (Some(_), None, _) => "only in A".to_string(),
            (None, Some(_), _) => "only in B".to_string(),
            (None, None, _) => String::new(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(&text, width), theme.dim())),
            footer,
        );
    }
}

pub fn draw_items(frame: &mut Frame, area: Rect, screen: &ItemPairScreen, theme: Theme) {
    let inner = layout::inner(area);
    frame.render_widget(pane(" Compare items ", true, theme), area);
    if inner.height < 3 {
        return;
    }
    let terms: Vec<String> = screen.shared.ready().cloned().unwrap_or_default();
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    let body = Rect {
        height: inner.height - 1,
        ..inner
    };
    let (left, right) = layout::two_columns(body);
    for (column, item) in [(left, &screen.a), (right, &screen.b)] {
        let lines: Vec<Line> = detail_lines_marked(item, column.width as usize, theme, &terms)
            .into_iter()
            .skip(screen.scroll)
            .take(column.height as usize)
            .collect();
        frame.render_widget(Paragraph::new(lines), column);
    }
    for y in body.y..body.y + body.height {
        frame.render_widget(
            Paragraph::new("│").style(theme.dim()),
            Rect {
                x: left.x + left.width,
                y,
                width: 1,
                height: 1,
            },
        );
    }
    let shared = match &screen.shared {
        Loadable::Ready(terms) if terms.is_empty() => "no shared terms".to_string(),
        Loadable::Ready(terms) => format!("shared: {}", terms.join(", ")),
        Loadable::Loading => "finding shared terms…".to_string(),
        Loadable::Failed(error) => error.clone(),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&shared, inner.width as usize),
            theme.dim(),
        )),
        footer,
    );
}
