//! The shapes both front ends show and `--json` prints (the contract in docs/architecture.md).

use crate::protocol::{AgendaItem, Meeting, MeetingKind};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// Two meetings aligned: found by `links`, shown as they are.
pub use crate::links::{CompareRow, Comparison};

/// A meeting as listed: the parsed meeting (its council the archive-wide name) with the documents
/// attached to it. It prints as the contract's meeting, its items as heads `{id, number, title}`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingView {
    pub meeting: Meeting,
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
pub struct ItemRef<'a> {
    pub id: &'a str,
    pub number: Option<&'a str>,
    pub title: &'a str,
}

impl<'a> ItemRef<'a> {
    pub fn of(item: &'a AgendaItem) -> ItemRef<'a> {
        ItemRef {
            id: &item.id,
            number: item.number.as_deref(),
            title: &item.title,
        }
    }
}

/// One agenda item with its text, and the document it is in. It prints as the contract's item:
/// the item's id, the document's facts, the item's facts, the decisions it cites.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemView {
    /// The document the item is in, without its attendees and items.
    pub meeting: Meeting,
    /// The item, its text read from the index store.
    pub item: AgendaItem,
    /// Decisions the item cites ("KF 2022-12-21 § 322"), each with the cited item's id, or
    /// `null` when the archive does not hold it.
    pub references: Vec<crate::links::references::Reference>,
}

impl ItemView {
    /// "p. 7" or "pp. 7–9" for the item's pages, when its document has pages.
    pub fn pages_label(&self) -> Option<String> {
        match (self.item.page_start, self.item.page_end) {
            (Some(a), Some(b)) if b > a => Some(format!("pp. {a}–{b}")),
            (Some(a), _) => Some(format!("p. {a}")),
            _ => None,
        }
    }

    /// The meeting's date as "YYYY-MM-DD".
    pub fn date(&self) -> Option<String> {
        self.meeting.date.map(|d| d.to_string())
    }
}

/// Serializes the values as a struct with these keys, in this order: the JSON contract's order,
/// which is not the order the parsed types keep their fields in (the catalog stores those).
macro_rules! contract {
    ($serializer:expr, $name:literal { $($key:literal: $value:expr),* $(,)? }) => {{
        let mut out = $serializer.serialize_struct($name, [$($key),*].len())?;
        $(out.serialize_field($key, &$value)?;)*
        out.end()
    }};
}

impl Serialize for MeetingView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = &self.meeting;
        let items: Vec<ItemRef> = m.items.iter().map(ItemRef::of).collect();
        contract!(serializer, "MeetingView" {
            "id": m.id, "file": m.file, "council": m.council, "organisation": m.organisation,
            "date": m.date, "date_source": m.date_source, "kind": m.kind,
            "attached_to": m.attached_to, "pages": m.pages, "place": m.place,
            "attendees": m.attendees, "items": items, "attachments": self.attachments,
        })
    }
}

impl Serialize for ItemView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (m, i) = (&self.meeting, &self.item);
        contract!(serializer, "ItemView" {
            "id": i.id, "meeting_id": m.id, "file": m.file, "council": m.council,
            "organisation": m.organisation, "date": m.date, "kind": m.kind,
            "attached_to": m.attached_to,
            "number": i.number, "title": i.title, "presenters": i.presenters, "text": i.text,
            "line_start": i.line_start, "line_end": i.line_end, "page_start": i.page_start,
            "page_end": i.page_end, "case_numbers": i.case_numbers, "decision": i.decision,
            "proposal": i.proposal, "motions": i.motions, "vote": i.vote,
            "reservations": i.reservations, "sent_to": i.sent_to, "references": self.references,
        })
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
