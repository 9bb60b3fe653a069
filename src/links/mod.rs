//! Cross-referencing: related items in other meetings (with the reasons), a matter followed
//! through time, and two meetings' agendas aligned.
//!
//! How a link is found (search-notes §3, "B + C"):
//! - at index time [`keys::item_keys`] stores exact keys per item: case numbers, references to
//!   decisions ("KS 2019-05-14 § 87"), acronyms, acronym definitions, organisations and names;
//! - at query time [`profile::Profile`] picks what the item offers: its keys (weighted by kind and
//!   rarity; acronyms spelled out with a long form the archive defines count as the acronym, see
//!   [`acronyms`]) and its most telling words (tf·idf inside a document-frequency window, so
//!   "kommun" and "möte" never link; title words count double);
//! - [`related`] turns that into one tantivy `BooleanQuery` of `Should` clauses (keys ×6/×4/×3/×2,
//!   title words ×2, body words ×1) excluding the item's own meeting, then explains every hit by
//!   the keys and words the two items share, strongest first. A hit must share a key or at least
//!   two words; standing items ("Mötet öppnas") link only through exact keys and rank low as hits.
//! - [`thread`] repeats that from each found item while links stay strong relative to the first
//!   hop, and orders the matter by date; [`compare`] aligns two agendas with the same weights
//!   computed in memory, standing items by category.
//!
//! Nothing here walks the whole archive per query: one query per item plus one term-dictionary
//! look-up per candidate word; the acronym dictionary is read once per opened library.

pub mod acronyms;
mod compare;
pub mod dating;
pub mod keys;
pub mod profile;
pub mod references;
mod related;
mod shapes;
pub mod standing;
mod thread;
pub mod wordfreq;

pub use compare::{compare_items, CompareRow, Comparison, ItemComparison, ItemSide};
pub use related::{Reason, Scored};
pub use shapes::{RelatedItem, ThreadEntry};

use crate::protocol::{AgendaItem, Meeting};
use crate::search::SearchIndex;
use crate::Result;
use acronyms::AcronymDictionary;
use std::sync::{Arc, OnceLock};

/// What cross-referencing reads, declared here and provided by the layer above (the library
/// implements it), so `links` never names that layer: the search index, single meetings and
/// items read from the catalog, item texts, citations resolved, and the [`LinksCache`] learnt
/// from the index. Nothing here asks for every meeting: a link touches the meetings it names.
pub trait ItemSource {
    /// The search index; `None` before the archive is indexed.
    fn search_index(&self) -> Option<&SearchIndex>;
    /// An item (without its text) and its meeting.
    fn item_ref(&self, item_id: &str) -> Option<ItemAt>;
    /// An item's stored text.
    fn item_text(&self, item_id: &str) -> Option<String>;
    /// One meeting or other document.
    fn meeting(&self, meeting_id: &str) -> Option<Arc<Meeting>>;
    /// Each citation with the item it names in the archive, if any.
    fn resolve(&self, citations: &[references::Citation]) -> Vec<references::Reference>;
    /// Where the links data learnt from this index is kept.
    fn links_cache(&self) -> &LinksCache;
}

/// An agenda item (without its text) in its meeting.
#[derive(Debug, Clone)]
pub struct ItemAt {
    pub meeting: Arc<Meeting>,
    index: usize,
}

impl ItemAt {
    /// The item `item_id` of `meeting`, if it has one.
    pub fn find(meeting: Arc<Meeting>, item_id: &str) -> Option<ItemAt> {
        // Item ids end in their ordinal ("…#12"), the 12th item: look there first.
        let by_ordinal = item_id
            .rsplit_once('#')
            .and_then(|(_, n)| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .filter(|&i| meeting.items.get(i).is_some_and(|item| item.id == item_id));
        let index = by_ordinal.or_else(|| meeting.items.iter().position(|i| i.id == item_id))?;
        Some(ItemAt { meeting, index })
    }

    pub fn item(&self) -> &AgendaItem {
        &self.meeting.items[self.index]
    }

    /// The meeting and the item, borrowed together.
    pub fn parts(&self) -> (&Meeting, &AgendaItem) {
        (&self.meeting, self.item())
    }
}

/// Cross-referencing data learnt from an index on first use (one per opened index).
#[derive(Debug, Default)]
pub struct LinksCache {
    acronyms: OnceLock<AcronymDictionary>,
}

impl LinksCache {
    /// The archive's acronym dictionary, read from the index's `d:` keys once.
    pub fn acronyms(&self, index: Option<&SearchIndex>) -> &AcronymDictionary {
        self.acronyms.get_or_init(|| match index {
            Some(index) => AcronymDictionary::load(index),
            None => AcronymDictionary::default(),
        })
    }
}

/// Items in other meetings related to `item_id`, strongest first, each with its reasons.
pub fn related(source: &dyn ItemSource, item_id: &str, limit: usize) -> Result<Vec<RelatedItem>> {
    related::related(source, item_id, limit)
}

/// The matter of `item_id` followed through time, ordered by date (undated last).
pub fn thread(source: &dyn ItemSource, item_id: &str) -> Result<Vec<ThreadEntry>> {
    thread::thread(source, item_id)
}

/// The decisions an item's title and text cite, each resolved to the cited item when the
/// archive holds it.
pub fn references_in(
    library: &dyn ItemSource,
    title: &str,
    text: &str,
) -> Vec<references::Reference> {
    let cited = references::citations(&format!("{title}\n{text}"));
    if cited.is_empty() {
        return vec![];
    }
    library.resolve(&cited)
}

/// Two meetings' agenda items aligned row by row.
pub fn compare(source: &dyn ItemSource, a: &str, b: &str) -> Result<Comparison> {
    compare::compare(source, a, b)
}
