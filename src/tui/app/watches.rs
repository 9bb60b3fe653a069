//! The saved-searches screen: each watch with what is new since its user last looked. The
//! statuses are worked out on a worker when the library opens or is updated; `enter` runs a
//! watch in the search prompt and counts its meetings as seen.

use super::*;

/// The saved searches (`protokoll watch add`): their statuses live in [`App::watches`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WatchesScreen {
    pub cursor: ListCursor,
}

impl App {
    /// The saved searches' statuses, worked out off the UI thread.
    pub(super) fn request_watches(&mut self) {
        let Some(library) = self.library.clone() else {
            return;
        };
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let statuses = crate::library::watch::WatchStore::open().map(|store| {
                    store
                        .statuses(&library)
                        .into_iter()
                        .filter_map(|s| s.ok())
                        .collect()
                });
                Some(Event::Reply(Reply::Watches(statuses)))
            }),
        ));
    }

    /// How many meetings are new across the saved searches (the header shows it).
    pub fn new_in_watches(&self) -> usize {
        self.watches.iter().map(|w| w.new.len()).sum()
    }

    pub(super) fn open_watches(&mut self) {
        if !matches!(self.screen(), Screen::Watches(_)) {
            self.push(Screen::Watches(WatchesScreen::default()));
        }
    }

    /// Run a saved search in the prompt; its meetings count as seen from now on.
    pub(super) fn open_watch(&mut self, index: usize) {
        let Some(watch) = self.watches.get_mut(index) else {
            return;
        };
        let (name, query, meetings) = (
            watch.name.clone(),
            watch.query.clone(),
            watch.meetings.clone(),
        );
        watch.new.clear();
        if let Some(library) = self.library.clone() {
            self.jobs.push((
                Lane::Links,
                Box::new(move || {
                    if let Ok(mut store) = crate::library::watch::WatchStore::open() {
                        store.mark_seen(&library, &name, &meetings);
                        let _ = store.save();
                    }
                    None
                }),
            ));
        }
        self.last_query = query;
        self.open_search();
    }
}
