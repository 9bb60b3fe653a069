//! The help overlay, generated from the active keymap: the focused context's keys, then the global
//! ones; problems found while loading the keymap come first.

use super::layout;
use super::pane;
use super::text::{fit, truncate};
use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// The overlay's lines (also used by tests and the README).
pub fn lines(app: &App, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let context = app.context();
    let mut contexts = vec![context];
    if context != Context::Global {
        contexts.push(Context::Global);
    }
    let mut lines = Vec::new();
    if !app.keymap.warnings.is_empty() {
        lines.push(Line::styled("Keymap problems", theme.warning()));
        for warning in &app.keymap.warnings {
            for line in super::text::wrap(warning, width.saturating_sub(2)) {
                lines.push(Line::from(format!("  {line}")));
            }
        }
        lines.push(Line::from(""));
    }
    for ctx in contexts {
        lines.push(Line::styled(format!("[{}]", ctx.name()), theme.heading()));
        for (action, keys) in app.keymap.bindings(ctx) {
            // global keys the focused context rebinds do not work here: leave them out
            let keys: Vec<String> = keys
                .iter()
                .filter(|k| ctx == context || app.keymap.action_for(context, **k) == Some(action))
                .map(|k| k.to_string())
                .collect();
            if keys.is_empty() {
                continue;
            }
            let key_text = fit(&keys.join(" "), 18);
            lines.push(Line::from(vec![
                Span::styled(format!("  {key_text} "), theme.key()),
                Span::raw(truncate(action.description(), width.saturating_sub(21))),
            ]));
        }
        lines.push(Line::from(""));
    }
    if context == Context::Search {
        lines.push(Line::from("  other characters type into the query"));
        lines.push(Line::from(""));
    }
    lines
}

pub fn draw(frame: &mut Frame, main: Rect, app: &App, scroll: usize, theme: Theme) {
    let width = main.width.saturating_sub(4).clamp(20, 70);
    let area = Rect {
        x: main.x + (main.width.saturating_sub(width)) / 2,
        y: main.y,
        width: width.min(main.width),
        height: main.height,
    };
    let inner = layout::inner(area);
    let all = lines(app, inner.width as usize, theme);
    let scroll = scroll.min(all.len().saturating_sub(inner.height as usize));
    frame.render_widget(Clear, area);
    frame.render_widget(pane(" Keys (any other key closes) ", true, theme), area);
    frame.render_widget(
        Paragraph::new(
            all.into_iter()
                .skip(scroll)
                .take(inner.height as usize)
                .collect::<Vec<_>>(),
        ),
        inner,
    );
}
