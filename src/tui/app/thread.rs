//! The thread screen: a matter followed through time, loaded on a worker.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub struct ThreadScreen {
    pub item_id: String,
    pub title: String,
    pub entries: Loadable<Vec<ThreadEntry>>,
    pub cursor: ListCursor,
    pub generation: u64,
}

impl App {
    pub(super) fn open_thread(&mut self) {
        let Some(Target::Item(id)) = self.selected_target() else {
            self.warn("select an item to follow its matter");
            return;
        };
        let Some(library) = self.library.clone() else {
            return;
        };
        let title = library
            .item(&id)
            .map(|i| i.item.title)
            .unwrap_or_else(|| id.clone());
        let generation = self.next_generation();
        self.push(Screen::Thread(ThreadScreen {
            item_id: id.clone(),
            title,
            entries: Loadable::Loading,
            cursor: ListCursor::default(),
            generation,
        }));
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let entries = library.thread(&id);
                Some(Event::Reply(Reply::Thread {
                    generation,
                    entries,
                }))
            }),
        ));
    }
}
