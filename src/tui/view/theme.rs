//! Styles. Focus and selection never rely on colour alone: the selected row is reversed and
//! marked with "▶", matches are bold and underlined; colour only adds to that (and is left out
//! entirely when `NO_COLOR` is set).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

pub const MARKER: &str = "▶ ";
pub const NO_MARKER: &str = "  ";

/// The marker in front of a list row: `▶ ` on the selected one, so selection shows without colour.
pub fn row_marker(selected: bool) -> &'static str {
    if selected {
        MARKER
    } else {
        NO_MARKER
    }
}

impl Theme {
    /// The style of a list row: selected or plain.
    pub fn row(self, selected: bool) -> Style {
        if selected {
            self.selected()
        } else {
            self.base()
        }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color {
            style.fg(color)
        } else {
            style
        }
    }

    pub fn base(self) -> Style {
        Style::default()
    }

    /// The selected row of the focused list.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The selected row of a list without focus.
    pub fn selected_unfocused(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Matched characters and shared terms.
    pub fn hit(self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    pub fn heading(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
        } else {
            self.dim()
        }
    }

    pub fn bar(self) -> Style {
        if self.color {
            Style::default().bg(Color::Blue).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn warning(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn key(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Green)
    }
}
