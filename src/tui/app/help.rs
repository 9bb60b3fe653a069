//! The help overlay's keys: scrolling it and closing it.

use super::*;

impl App {
    pub(super) fn help_key(&mut self, action: Option<Action>) {
        let scroll = self.help.unwrap_or(0);
        self.help = match action {
            Some(Action::MoveDown) => Some(scroll + 1),
            Some(Action::MoveUp) => Some(scroll.saturating_sub(1)),
            Some(Action::PageDown) => Some(scroll + 10),
            Some(Action::PageUp) => Some(scroll.saturating_sub(10)),
            Some(Action::Top) => Some(0),
            Some(Action::Quit) => {
                self.should_quit = true;
                None
            }
            _ => None,
        };
        self.dirty = true;
    }
}
