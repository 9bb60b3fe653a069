//! The search prompt and its live results: fuzzy title hits (matched characters highlighted) and
//! full-text hits with their snippets (matched words highlighted).

use super::layout;
use super::pane;
use super::text::{
    char_indices_from_byte_ranges, clip_spans, fit, spans_from_char_indices, truncate,
};
use super::theme::{row_marker, Theme};
use crate::tui::app::{App, Loadable, SearchEntry, SearchScreen};
use crate::tui::fuzzy::FuzzyTarget;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, screen: &SearchScreen, app: &App, theme: Theme) {
    let (prompt, results) = layout::search(area);
    let prompt_inner = layout::inner(prompt);
    frame.render_widget(
        pane(
            " Search: words, \"phrases\", prefix*, council: from: to: ",
            true,
            theme,
        ),
        prompt,
    );
    let visible_query = {
        let room = (prompt_inner.width as usize).saturating_sub(3);
        let chars: Vec<char> = screen.query.chars().collect();
        let mut start = 0;
        while super::text::width(&chars[start..].iter().collect::<String>()) > room
            && start < chars.len()
        {
            start += 1;
        }
        chars[start..].iter().collect::<String>()
    };
    frame.render_widget(Paragraph::new(format!("› {visible_query}")), prompt_inner);
    if prompt_inner.height > 0 && app.help.is_none() {
        let x = prompt_inner.x + 2 + super::text::width(&visible_query) as u16;
        if x < prompt_inner.x + prompt_inner.width {
            frame.set_cursor_position(Position::new(x, prompt_inner.y));
        }
    }

    let status = match &screen.fulltext {
        Loadable::Loading => "searching…".to_string(),
        Loadable::Failed(_) => "full text: query not understood".to_string(),
        Loadable::Ready(hits) => format!("{} in full text", hits.len()),
    };
    let titles = match screen.fuzzy.len() {
        1 => "1 title".to_string(),
        n => format!("{n} titles"),
    };
    let title = format!(" {titles} · {status} ");
    let inner = layout::inner(results);
    frame.render_widget(pane(title, false, theme), results);
    let width = inner.width as usize;
    let entries = screen.entries();
    if screen.query.trim().is_empty() {
        let hint = "Type to search item titles, meetings and the full text.";
        frame.render_widget(Paragraph::new(truncate(hint, width)), inner);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if let Loadable::Failed(error) = &screen.fulltext {
        lines.push(Line::styled(truncate(error, width), theme.warning()));
    }
    if entries.is_empty() && !matches!(screen.fulltext, Loadable::Loading) {
        lines.push(Line::from("no matches"));
    }
    for (index, entry) in entries.iter().enumerate().skip(screen.cursor.offset) {
        if lines.len() >= inner.height as usize {
            break;
        }
        let selected = index == screen.cursor.selected;
        let marker = row_marker(selected);
        let base = theme.row(selected);
        match entry {
            SearchEntry::Fuzzy(hit) => {
                let tag = match hit.target {
                    FuzzyTarget::Meeting(_) => "meeting ",
                    FuzzyTarget::Item(_) => "title   ",
                };
                let mut spans = vec![Span::styled(format!("{marker}{tag}"), base)];
                spans.extend(spans_from_char_indices(
                    &hit.text,
                    &hit.indices,
                    base,
                    theme.hit().patch(base),
                ));
                if !hit.context.is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", hit.context),
                        if selected { base } else { theme.dim() },
                    ));
                }
                let mut spans = clip_spans(spans, width);
                let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
                spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
                lines.push(Line::from(spans));
            }
            SearchEntry::FullText(hit) => {
                let number = hit
                    .number
                    .as_deref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                // A hit in an attachment says which meeting the document belongs to.
                let (label, whose) = match &hit.attached_to {
                    Some(home) => ("attach ", format!("{} of {home}", hit.kind.as_str())),
                    None => ("text   ", hit.council.clone().unwrap_or_default()),
                };
                let head = format!(
                    "{marker}{label} {} {}{}  {}",
                    hit.date.as_deref().unwrap_or("undated"),
                    number,
                    hit.title,
                    whose
                );
                lines.push(Line::styled(fit(&head, width), base));
                let snippet = hit.snippet.replace(['\n', '\t', '\r'], " ");
                let marked = char_indices_from_byte_ranges(&snippet, &hit.highlights);
                let mut spans = vec![Span::styled("          ", theme.base())];
                spans.extend(spans_from_char_indices(
                    &snippet,
                    &marked,
                    theme.dim(),
                    theme.hit(),
                ));
                lines.push(Line::from(clip_spans(spans, width)));
            }
        }
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}
