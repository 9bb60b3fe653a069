//! Drawing. Every function here only reads the [`App`]; the layout comes from [`layout`], shared
//! with the state update. Below the minimum size only "terminal too small" is drawn.

pub mod brief;
pub mod browse;
pub mod compare;
pub mod help;
pub mod item;
pub mod layout;
pub mod search;
pub mod text;
pub mod theme;
pub mod thread;
pub mod watches;

use super::action::Action;
use super::app::{App, MessageKind, Screen};
use super::keymap::{Binding, Context};
use crate::library::Progress;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use ratatui::Frame;
use theme::Theme;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    if layout::too_small(area) {
        draw_too_small(frame, area);
        return;
    }
    let (top, main, status) = layout::frame(area);
    draw_title_bar(frame, top, app, theme);
    match app.screen() {
        Screen::Browse => browse::draw(frame, main, app, theme),
        Screen::Search(s) => search::draw(frame, main, s, app, theme),
        Screen::Item(s) => item::draw(frame, main, s, theme),
        Screen::Thread(s) => thread::draw(frame, main, s, theme),
        Screen::Compare(s) => compare::draw_meetings(frame, main, s, theme),
        Screen::ItemPair(s) => compare::draw_items(frame, main, s, theme),
        Screen::Watches(s) => watches::draw(frame, main, s, app, theme),
        Screen::Brief(s) => brief::draw(frame, main, s, theme),
    }
    draw_status_bar(frame, status, app, theme);
    if let Some(scroll) = app.help {
        help::draw(frame, main, app, scroll, theme);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small: {}x{}, need {}x{}",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let y = area.y + area.height / 2;
    let line = Rect {
        y,
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        line,
    );
}

/// A bordered pane; the focused one has a thick border (visible without colour).
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(title)
}

fn draw_title_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let archive = app
        .archive
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let items = app.meeting_list().map_or(0, |l| l.items());
    let mut left = format!(
        " protokoll · {} · {} meetings, {} items",
        archive,
        app.listed_meetings(),
        items
    );
    match app.indexing {
        Some(Progress::Scanning) => left.push_str(" · indexing: scanning…"),
        Some(Progress::Parsing { done, total, pages }) => {
            left.push_str(&format!(" · indexing {done}/{total}"));
            if pages > 0 {
                left.push_str(&format!(", {pages} p."));
            }
            left.push('…');
        }
        Some(Progress::Committing) => left.push_str(" · indexing: saving…"),
        Some(Progress::Done) | None => {}
    }
    let new = app.new_in_watches();
    if new > 0 {
        left.push_str(&format!(" · {new} new (w)"));
    }
    let right = match &app.mark {
        Some(mark) => format!("marked: {} ", mark.label),
        None => String::new(),
    };
    let width = area.width as usize;
    let right = text::truncate(&right, width / 2);
    let left = text::fit(&left, width.saturating_sub(text::width(&right)));
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::raw(left), Span::raw(right)])).style(theme.bar()),
        area,
    );
}

/// The actions the status bar offers in each context, most useful first.
fn hint_actions(context: Context) -> &'static [Action] {
    match context {
        Context::List => &[
            Action::Open,
            Action::Search,
            Action::Mark,
            Action::Compare,
            Action::OpenSource,
            Action::ToggleHelp,
            Action::Quit,
        ],
        Context::Detail => &[
            Action::Back,
            Action::ToggleRelated,
            Action::OpenThread,
            Action::OpenSource,
            Action::Mark,
            Action::Compare,
            Action::ToggleHelp,
        ],
        Context::Related => &[
            Action::Open,
            Action::NextPane,
            Action::OpenThread,
            Action::Back,
            Action::ToggleHelp,
        ],
        Context::Search => &[
            Action::Open,
            Action::MoveDown,
            Action::NextPane,
            Action::Back,
            Action::ToggleHelp,
        ],
        Context::Thread => &[
            Action::Open,
            Action::OpenSource,
            Action::Back,
            Action::ToggleHelp,
        ],
        Context::Compare => &[
            Action::Open,
            Action::MoveDown,
            Action::Back,
            Action::ToggleHelp,
        ],
        Context::Global => &[Action::ToggleHelp, Action::Quit],
    }
}

/// The key that triggers `action` in `context` as the user would press it there (in the search
/// prompt, plain characters type, so only keys the prompt does not swallow count).
pub fn key_for(app: &App, context: Context, action: Action) -> Option<String> {
    app.keymap
        .keys_for(context, action)
        .into_iter()
        .find(|key| {
            context != Context::Search
                || key.typed_char().is_none()
                || app.keymap.bound_in(Context::Search, *key) == Some(Binding::Action(action))
        })
        .map(|k| k.to_string())
}

fn draw_status_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let width = area.width as usize;
    if let Some(message) = &app.message {
        let style = match message.kind {
            MessageKind::Info => theme.base(),
            MessageKind::Warning => theme.warning(),
        };
        let prefix = if message.kind == MessageKind::Warning {
            "! "
        } else {
            ""
        };
        let text = text::truncate(&format!("{prefix}{}", message.text), width);
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
        return;
    }
    let context = app.context();
    let mut spans = Vec::new();
    let mut used = 0;
    for action in hint_actions(context) {
        let Some(key) = key_for(app, context, *action) else {
            continue;
        };
        let hint = action.hint();
        let needed = text::width(&key) + 1 + text::width(hint) + 2;
        if used + needed > width {
            break;
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
        used += needed;
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(Style::default()),
        area,
    );
}
