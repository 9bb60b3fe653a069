//! The TUI's action vocabulary: what a key can be bound to. Keymap files name these in snake_case,
//! and the help overlay and status-bar hints describe them, so all three always agree.

use serde::{Deserialize, Serialize};

/// Everything a key can do. The serde names are the names keymap files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    ToggleHelp,
    /// Open the search prompt (keeps the last query).
    Search,
    /// Go back in the jump history (or leave the prompt, overlay or view).
    Back,
    /// Go forward again after `back`.
    Forward,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the selection: expand a meeting, show an item, jump to a hit.
    Open,
    Expand,
    Collapse,
    /// Open the item's source file at its line in $PAGER or $EDITOR.
    OpenSource,
    /// Show or hide the related-items pane beside an item.
    ToggleRelated,
    /// Move focus to the next pane (or tab, when the screen is narrow).
    NextPane,
    /// Show the item's matter as a timeline across meetings.
    OpenThread,
    /// Mark the selected meeting or item for comparison.
    Mark,
    /// Compare the selection with the marked meeting or item, side by side.
    Compare,
    /// Delete the character before the cursor in the prompt.
    DeleteChar,
    DeleteWord,
    ClearQuery,
    /// Turn mouse capture on or off (off lets the terminal select text).
    ToggleMouse,
    /// Repaint the whole screen.
    Redraw,
    /// The saved searches and what is new in each.
    Watches,
    /// The brief of the selected agenda: each item's matter and its history.
    Brief,
    /// Copy the selected item's citation to the clipboard (OSC 52, works over SSH).
    CopyCitation,
    /// Copy the selected item's decision with its citation.
    CopyDecision,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 29] = [
        Action::Quit,
        Action::ToggleHelp,
        Action::Search,
        Action::Back,
        Action::Forward,
        Action::MoveUp,
        Action::MoveDown,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Expand,
        Action::Collapse,
        Action::OpenSource,
        Action::ToggleRelated,
        Action::NextPane,
        Action::OpenThread,
        Action::Mark,
        Action::Compare,
        Action::DeleteChar,
        Action::DeleteWord,
        Action::ClearQuery,
        Action::ToggleMouse,
        Action::Redraw,
        Action::Watches,
        Action::Brief,
        Action::CopyCitation,
        Action::CopyDecision,
    ];

    /// The name keymap files use (`open_source`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "toggle_help",
            Action::Search => "search",
            Action::Back => "back",
            Action::Forward => "forward",
            Action::MoveUp => "move_up",
            Action::MoveDown => "move_down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Expand => "expand",
            Action::Collapse => "collapse",
            Action::OpenSource => "open_source",
            Action::ToggleRelated => "toggle_related",
            Action::NextPane => "next_pane",
            Action::OpenThread => "open_thread",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::DeleteChar => "delete_char",
            Action::DeleteWord => "delete_word",
            Action::ClearQuery => "clear_query",
            Action::ToggleMouse => "toggle_mouse",
            Action::Redraw => "redraw",
            Action::Watches => "watches",
            Action::Brief => "brief",
            Action::CopyCitation => "copy_citation",
            Action::CopyDecision => "copy_decision",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit protokoll",
            Action::ToggleHelp => "show or hide this help",
            Action::Search => "search titles and full text",
            Action::Back => "go back",
            Action::Forward => "go forward again",
            Action::MoveUp => "up",
            Action::MoveDown => "down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::Open => "open the selection",
            Action::Expand => "expand meeting",
            Action::Collapse => "collapse meeting",
            Action::OpenSource => "open source file at the item's line",
            Action::ToggleRelated => "show or hide related items",
            Action::NextPane => "switch pane",
            Action::OpenThread => "follow the matter through time",
            Action::Mark => "mark for comparison",
            Action::Compare => "compare with the marked one",
            Action::DeleteChar => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::ClearQuery => "clear the query",
            Action::ToggleMouse => "mouse capture on/off",
            Action::Redraw => "repaint the screen",
            Action::Watches => "saved searches, what is new",
            Action::Brief => "brief of an agenda: each matter's history",
            Action::CopyCitation => "copy the item's citation",
            Action::CopyDecision => "copy the decision with its citation",
        }
    }

    /// A short label for the status-bar hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ToggleHelp => "help",
            Action::Search => "search",
            Action::Back => "back",
            Action::Open => "open",
            Action::OpenSource => "source",
            Action::ToggleRelated => "related",
            Action::NextPane => "pane",
            Action::OpenThread => "thread",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::MoveDown => "next",
            Action::MoveUp => "previous",
            Action::CopyCitation => "cite",
            Action::CopyDecision => "quote",
            _ => self.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        for action in Action::ALL {
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.name()));
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
    }
}
