//! What cross-referencing hands back: a related item with its reasons, a step of a matter's
//! timeline. The library and both front ends show these; `--json` prints them.

use serde::Serialize;

/// An item in another meeting related to the one asked about.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RelatedItem {
    pub item_id: String,
    pub meeting_id: String,
    pub file: String,
    pub council: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub score: f32,
    /// What the two items share, strongest first ("RUC", "Örebro universitet", "finansiering").
    pub reasons: Vec<String>,
}

/// One step of a matter followed through time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThreadEntry {
    pub item_id: String,
    pub meeting_id: String,
    pub file: String,
    pub council: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub reasons: Vec<String>,
    /// What happened there: the decision sentence when the item has one, else the sentence that
    /// mentions the shared key.
    pub excerpt: String,
    /// The item's decision (from the parser), when it has one.
    pub decision: Option<String>,
    /// The key or reference that joined this row to the thread ("Dnr 2026.142 KS", "RUC");
    /// `null` for the starting item.
    pub link: Option<String>,
    /// For an undated meeting: when it probably took place, and why.
    pub date_estimate: Option<super::dating::DateEstimate>,
    /// Further items of the same meeting on the matter, folded into this row.
    pub also: Vec<String>,
}
