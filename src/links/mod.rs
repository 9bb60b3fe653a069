//! Cross-referencing: related items in other meetings (with the reasons), a matter followed
//! through time, and two meetings' agendas aligned.

pub mod keys;

use crate::library::{Comparison, Library, RelatedItem, ThreadEntry};
use crate::Result;

/// Items in other meetings related to `item_id`, strongest first, each with its reasons.
pub fn related(library: &Library, item_id: &str, limit: usize) -> Result<Vec<RelatedItem>> {
    let _ = (library, item_id, limit);
    Ok(vec![])
}

/// The matter of `item_id` followed through time, ordered by date (undated last).
pub fn thread(library: &Library, item_id: &str) -> Result<Vec<ThreadEntry>> {
    let _ = (library, item_id);
    Ok(vec![])
}

/// Two meetings' agenda items aligned row by row.
pub fn compare(library: &Library, a: &str, b: &str) -> Result<Comparison> {
    Ok(Comparison {
        a: a.to_string(),
        b: b.to_string(),
        rows: vec![],
    })
}
