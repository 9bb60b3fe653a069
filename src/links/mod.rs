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
use std::sync::OnceLock;

/// What cross-referencing reads, declared here and provided by the layer above (the library
/// implements it), so `links` never names that layer: the search index, the catalog's meetings
/// and items, item texts, and the [`LinksCache`] learnt from the index.
pub trait ItemSource {
    /// The search index; `None` before the archive is indexed.
    fn search_index(&self) -> Option<&SearchIndex>;
    /// An item (without its text) and its meeting.
    fn item_ref(&self, item_id: &str) -> Option<(&Meeting, &AgendaItem)>;
    /// An item's stored text.
    fn item_text(&self, item_id: &str) -> Option<String>;
    /// One meeting or other document.
    fn meeting(&self, meeting_id: &str) -> Option<&Meeting>;
    /// Every meeting and other document.
    fn documents(&self) -> &[Meeting];
    /// Where the links data learnt from this index is kept.
    fn links_cache(&self) -> &LinksCache;
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
    references::resolve(library.documents().iter(), &cited)
}

/// Two meetings' agenda items aligned row by row.
pub fn compare(source: &dyn ItemSource, a: &str, b: &str) -> Result<Comparison> {
    compare::compare(source, a, b)
}
