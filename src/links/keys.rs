//! Keys of an agenda item: exact identifiers worth linking on (acronyms, case numbers). Stored in
//! the index's `keys` field, lowercased.

use crate::protocol::AgendaItem;
use regex::Regex;
use std::sync::LazyLock;

static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-ZÅÄÖ]{2,6}\b").expect("acronym pattern"));

/// The keys of one item, lowercased and deduplicated.
pub fn item_keys(item: &AgendaItem) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for text in [item.title.as_str(), item.text.as_str()] {
        for m in ACRONYM.find_iter(text) {
            keys.push(m.as_str().to_lowercase());
        }
    }
    for case in &item.case_numbers {
        keys.push(crate::text::fold(case));
    }
    keys.sort();
    keys.dedup();
    keys
}
