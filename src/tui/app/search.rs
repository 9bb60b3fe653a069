//! The search screen: the prompt, fuzzy hits at once and full-text hits from a worker.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchScreen {
    pub query: String,
    pub fuzzy: Vec<FuzzyHit>,
    pub fulltext: Loadable<Vec<SearchHit>>,
    pub cursor: ListCursor,
    pub generation: u64,
}

/// One row of the search results: a fuzzy title hit or a full-text hit.
#[derive(Debug, Clone, Copy)]
pub enum SearchEntry<'a> {
    Fuzzy(&'a FuzzyHit),
    FullText(&'a SearchHit),
}

impl SearchScreen {
    pub fn entries(&self) -> Vec<SearchEntry<'_>> {
        let mut entries: Vec<SearchEntry> = self.fuzzy.iter().map(SearchEntry::Fuzzy).collect();
        if let Loadable::Ready(hits) = &self.fulltext {
            entries.extend(hits.iter().map(SearchEntry::FullText));
        }
        entries
    }

    /// Rows each entry takes: a title line, plus a snippet line for full-text hits.
    pub fn heights(&self) -> Vec<usize> {
        self.entries()
            .iter()
            .map(|e| match e {
                SearchEntry::Fuzzy(_) => 1,
                SearchEntry::FullText(_) => 2,
            })
            .collect()
    }
}

/// The words of a search query worth highlighting: filters (`council:`), quotes, `*` and
/// one-letter words left out.
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|word| !word.contains(':'))
        .map(|word| {
            word.trim_matches(|c: char| c == '"' || c == '*' || c == '(' || c == ')')
                .to_string()
        })
        .filter(|word| word.chars().count() >= 2)
        .collect()
}

impl App {
    pub(super) fn with_search(
        &mut self,
        generation: u64,
        apply: impl FnOnce(&mut SearchScreen),
    ) -> bool {
        for screen in self.stack.iter_mut().rev() {
            if let Screen::Search(s) = screen {
                if s.generation == generation {
                    apply(s);
                    return true;
                }
            }
        }
        false
    }

    pub(super) fn open_search(&mut self) {
        if let Screen::Search(_) = self.screen() {
            return;
        }
        let generation = self.next_generation();
        let query = self.last_query.clone();
        self.push(Screen::Search(SearchScreen {
            query,
            fuzzy: Vec::new(),
            fulltext: Loadable::Ready(Vec::new()),
            cursor: ListCursor::default(),
            generation,
        }));
        self.submit_search();
    }

    pub(super) fn type_char(&mut self, c: char) {
        self.edit_query(|q| q.push(c));
    }

    pub(super) fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        if let Screen::Search(s) = self.screen_mut() {
            edit(&mut s.query);
            s.cursor = ListCursor::default();
            self.submit_search();
            self.dirty = true;
        }
    }

    /// Start fuzzy and full-text matching of the current query on the workers.
    pub(super) fn submit_search(&mut self) {
        let generation = self.next_generation();
        let fuzzy = Arc::clone(&self.fuzzy);
        let library = self.library.clone();
        let Screen::Search(s) = self.screen_mut() else {
            return;
        };
        s.generation = generation;
        let query = s.query.clone();
        if query.trim().is_empty() {
            s.fuzzy.clear();
            s.fulltext = Loadable::Ready(Vec::new());
            self.last_query = query;
            return;
        }
        s.fulltext = match s.fulltext {
            Loadable::Ready(_) | Loadable::Failed(_) => Loadable::Loading,
            Loadable::Loading => Loadable::Loading,
        };
        self.last_query = query.clone();
        let fuzzy_query = query.clone();
        self.jobs.push((
            Lane::Fuzzy,
            Box::new(move || {
                let hits = fuzzy.search(&fuzzy_query, FUZZY_LIMIT);
                Some(Event::Reply(Reply::Fuzzy { generation, hits }))
            }),
        ));
        if let Some(library) = library {
            self.jobs.push((
                Lane::FullText,
                Box::new(move || {
                    let hits = library.search(&query, FULLTEXT_LIMIT);
                    Some(Event::Reply(Reply::FullText { generation, hits }))
                }),
            ));
        }
    }
}
