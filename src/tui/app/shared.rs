//! Shared pieces of the screens' state: a list cursor that keeps the selection in view, data that is
//! still loading, and what a selection points at.

use super::*;

/// Data that arrives from a worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(String),
}

impl<T> Loadable<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Loadable::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// A selection and the first visible row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    pub(super) fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
    }

    /// Keep the selection inside the list and visible, given each row's height.
    pub(super) fn show_selected(&mut self, heights: &[usize], viewport: usize) {
        if heights.is_empty() {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.min(heights.len() - 1);
        self.offset = self.offset.min(self.selected);
        let viewport = viewport.max(1);
        while self.offset < self.selected
            && heights[self.offset..=self.selected].iter().sum::<usize>() > viewport
        {
            self.offset += 1;
        }
    }
}

/// A meeting or an item: what can be opened, marked and compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Meeting(String),
    Item(String),
}

impl From<&FuzzyTarget> for Target {
    fn from(target: &FuzzyTarget) -> Target {
        match target {
            FuzzyTarget::Meeting(id) => Target::Meeting(id.clone()),
            FuzzyTarget::Item(id) => Target::Item(id.clone()),
        }
    }
}
