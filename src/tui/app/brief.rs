//! The brief screen: an agenda's items, one row each, `enter` showing the matter's earlier
//! treatments under it (and opening one), `t` following the matter as a thread.

use super::*;
use crate::library::brief::Brief;

#[derive(Debug, Clone, PartialEq)]
pub struct BriefScreen {
    pub agenda: String,
    pub brief: Loadable<Brief>,
    /// Agenda items shown with their history.
    pub expanded: HashSet<usize>,
    pub cursor: ListCursor,
    pub generation: u64,
}

/// One row of the brief: an agenda item, or one earlier treatment under an expanded item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefRow {
    Item(usize),
    History(usize, usize),
}

impl BriefScreen {
    pub fn rows(&self) -> Vec<BriefRow> {
        let Loadable::Ready(brief) = &self.brief else {
            return vec![];
        };
        let mut rows = Vec::new();
        for (i, item) in brief.items.iter().enumerate() {
            rows.push(BriefRow::Item(i));
            if self.expanded.contains(&i) {
                rows.extend((0..item.history.len()).map(|h| BriefRow::History(i, h)));
            }
        }
        rows
    }

    /// The earlier item the selection stands for: a history row's own, an agenda row's newest.
    pub fn target(&self) -> Option<Target> {
        let Loadable::Ready(brief) = &self.brief else {
            return None;
        };
        let (i, h) = match self.rows().get(self.cursor.selected)? {
            BriefRow::Item(i) => (*i, 0),
            BriefRow::History(i, h) => (*i, *h),
        };
        let entry = brief.items.get(i)?.history.get(h)?;
        Some(Target::Item(entry.item_id.clone()))
    }
}

impl App {
    /// Open the brief of `agenda` (a meeting id, or a file anywhere).
    pub fn open_brief(&mut self, agenda: &str) {
        let Some(library) = self.library.clone() else {
            return;
        };
        let generation = self.next_generation();
        self.push(Screen::Brief(BriefScreen {
            agenda: agenda.to_string(),
            brief: Loadable::Loading,
            expanded: HashSet::new(),
            cursor: ListCursor::default(),
            generation,
        }));
        let agenda = agenda.to_string();
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let brief = library.brief(&agenda);
                Some(Event::Reply(Reply::Brief { generation, brief }))
            }),
        ));
    }

    /// `b` on the meeting list: the brief of the selected meeting (an agenda, usually).
    pub(super) fn brief_selection(&mut self) {
        match self.selected_target() {
            Some(Target::Meeting(id)) => self.open_brief(&id),
            _ => self.warn("select a meeting (a kallelse) for its brief"),
        }
    }

    pub(super) fn apply_brief(&mut self, generation: u64, brief: crate::Result<Brief>) -> bool {
        for screen in self.stack.iter_mut().rev() {
            if let Screen::Brief(s) = screen {
                if s.generation == generation {
                    s.brief = match brief {
                        Ok(b) => Loadable::Ready(b),
                        Err(e) => Loadable::Failed(e.message),
                    };
                    return true;
                }
            }
        }
        false
    }

    /// `enter` on the brief: an agenda row opens or closes its history, a history row opens.
    pub(super) fn open_brief_row(&mut self) {
        let Screen::Brief(s) = self.screen() else {
            return;
        };
        match s.rows().get(s.cursor.selected).copied() {
            Some(BriefRow::Item(i)) => {
                if let Screen::Brief(s) = self.screen_mut() {
                    if !s.expanded.remove(&i) {
                        s.expanded.insert(i);
                    }
                }
            }
            Some(BriefRow::History(..)) => {
                if let Some(Target::Item(id)) = s.target() {
                    self.open_item(&id);
                }
            }
            None => {}
        }
    }
}
