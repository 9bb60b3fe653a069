//! The item screen: one agenda item with its related items, its source in the pager, and copying
//! its citation.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPane {
    Detail,
    Related,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemScreen {
    pub item: ItemView,
    pub scroll: usize,
    pub related: Loadable<Vec<RelatedItem>>,
    pub related_cursor: ListCursor,
    pub related_shown: bool,
    pub focus: ItemPane,
    pub generation: u64,
    /// Words to highlight in the text: the search query the item was opened from.
    pub terms: Vec<String>,
}

impl App {
    pub fn open_item(&mut self, id: &str) {
        let Some(item) = self.library.as_ref().and_then(|l| l.item(id)) else {
            let hint = if self.indexing.is_some() {
                " (the index is still being updated)"
            } else {
                ""
            };
            self.warn(format!("item {id} is not in the index{hint}"));
            return;
        };
        let terms = match self.screen() {
            Screen::Search(search) => query_terms(&search.query),
            _ => Vec::new(),
        };
        let generation = self.next_generation();
        let related_shown = layout::is_wide(self.size);
        self.push(Screen::Item(Box::new(ItemScreen {
            item,
            scroll: 0,
            related: Loadable::Loading,
            related_cursor: ListCursor::default(),
            related_shown,
            focus: ItemPane::Detail,
            generation,
            terms,
        })));
        self.request_related(id.to_string());
    }

    pub(super) fn request_related(&mut self, id: String) {
        let generation = self.next_generation();
        let Some(library) = self.library.clone() else {
            return;
        };
        if let Screen::Item(s) = self.screen_mut() {
            s.generation = generation;
            s.related = Loadable::Loading;
        }
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let items = library.related(&id, RELATED_LIMIT);
                Some(Event::Reply(Reply::Related { generation, items }))
            }),
        ));
    }

    pub(super) fn open_source(&mut self) {
        let Some(target) = self.selected_target() else {
            return;
        };
        let Some(library) = self.library.clone() else {
            return;
        };
        let (file, line) = match &target {
            Target::Item(id) => match library.item(id) {
                Some(item) => (item.meeting.file, item.item.line_start.max(1)),
                None => return self.warn(format!("item {id} is not in the index")),
            },
            Target::Meeting(id) => match library.meeting_by_id(id) {
                Some(meeting) => (meeting.file.clone(), 1),
                None => return,
            },
        };
        self.effects.push(Effect::OpenSource {
            path: self.archive.join(file),
            line,
        });
    }

    /// Copy the selected item's citation (or its decision with the citation).
    pub(super) fn copy_selection(&mut self, with_decision: bool) {
        let Some(Target::Item(id)) = self.selected_target() else {
            return self.warn("select an agenda item to cite".to_string());
        };
        let Some(item) = self.library.as_ref().and_then(|l| l.item(&id)) else {
            return self.warn(format!("item {id} is not in the index"));
        };
        let citation = crate::library::cite::citation(&item);
        let text = if with_decision {
            crate::library::cite::citation_with_decision(&item)
        } else {
            citation.clone()
        };
        self.effects.push(Effect::Copy(text));
        self.info(format!("copied: {citation}"));
    }
}
