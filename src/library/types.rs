//! The shapes both front ends show and `--json` prints (the contract in docs/architecture.md).

use crate::protocol::{Attendee, DateSource, MeetingKind, Vote};
use serde::Serialize;

/// Two meetings aligned: found by `links`, shown as they are.
pub use crate::links::{CompareRow, Comparison};

/// A meeting as listed: archive-wide council name, date, kind, attendees and its items' heads.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingView {
    pub id: String,
    pub file: String,
    /// The council's display name (best-spelled variant seen across the archive).
    pub council: Option<String>,
    /// The municipality or region the council belongs to.
    pub organisation: Option<String>,
    /// "YYYY-MM-DD" or null.
    pub date: Option<String>,
    pub date_source: Option<DateSource>,
    pub kind: MeetingKind,
    /// For an attachment, agenda or extract: the meeting id of the protocol it belongs to.
    pub attached_to: Option<String>,
    /// Pages of a paged document (PDF), else null.
    pub pages: Option<u32>,
    pub place: Option<String>,
    pub attendees: Vec<Attendee>,
    pub items: Vec<ItemRef>,
    /// The documents attached to this meeting.
    pub attachments: Vec<DocumentRef>,
}

/// A document attached to a meeting, as listed under it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentRef {
    pub id: String,
    pub file: String,
    pub kind: MeetingKind,
    /// The first item's title: what the document is about.
    pub title: String,
}

/// An agenda item's head, as listed under its meeting.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemRef {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
}

/// One agenda item with its text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemView {
    pub id: String,
    pub meeting_id: String,
    pub file: String,
    pub council: Option<String>,
    pub organisation: Option<String>,
    pub date: Option<String>,
    /// The kind of document the item is in (an attachment's items say so).
    pub kind: MeetingKind,
    /// For an item of an attachment: the meeting id of the protocol it belongs to.
    pub attached_to: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub presenters: Vec<String>,
    pub text: String,
    pub line_start: usize,
    pub line_end: usize,
    /// 1-based pages of the source document the item spans (PDF), else null.
    pub page_start: Option<u32>,
    pub page_end: Option<u32>,
    pub case_numbers: Vec<String>,
    pub decision: Option<String>,
    pub proposal: Option<String>,
    pub motions: Vec<String>,
    pub vote: Option<Vote>,
    pub reservations: Vec<String>,
    pub sent_to: Vec<String>,
    /// Decisions the item cites ("KF 2022-12-21 § 322"), each with the cited item's id, or
    /// `null` when the archive does not hold it.
    pub references: Vec<crate::links::references::Reference>,
}

impl ItemView {
    /// "p. 7" or "pp. 7–9" for the item's pages, when its document has pages.
    pub fn pages_label(&self) -> Option<String> {
        match (self.page_start, self.page_end) {
            (Some(a), Some(b)) if b > a => Some(format!("pp. {a}–{b}")),
            (Some(a), _) => Some(format!("p. {a}")),
            _ => None,
        }
    }
}

/// A full-text search hit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub item_id: String,
    pub meeting_id: String,
    pub file: String,
    pub council: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub score: f32,
    /// The kind of document the hit is in.
    pub kind: MeetingKind,
    /// For a hit in an attachment: the meeting id of the protocol it belongs to.
    pub attached_to: Option<String>,
    /// A fragment of the item text around the matched words.
    pub snippet: String,
    /// Byte ranges in `snippet` of the matched words.
    pub highlights: Vec<(usize, usize)>,
}

pub use crate::links::{RelatedItem, ThreadEntry};

/// What an index update did.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub items_indexed: usize,
    /// Pages of paged documents (PDF) read in this update.
    pub pages_read: usize,
    /// Files not indexed, with the reason (file, reason).
    pub skipped: Vec<(String, String)>,
    /// True when the index was (re)built from nothing, with why.
    pub rebuilt: Option<String>,
    pub seconds: f64,
}

/// Progress of an index update, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Scanning,
    /// Files read of those to read, and the pages of paged documents (PDF) among them.
    Parsing {
        done: usize,
        total: usize,
        pages: usize,
    },
    Committing,
    Done,
}
