//! The headline facts of every indexed file, worked out once per update and read on every start:
//! meeting id, file, the council and organisation as shown (spellings merged across the archive,
//! attachments filed under their meeting's council), date, kind, the meeting a document belongs
//! to, and the archive's councils. A search or a filter needs nothing else, so opening does not
//! decode the file fingerprints or the meetings, and does not redo the archive-wide council work.
//!
//! The rows hold numbers only (offsets into one text heap, indexes into a name table); the file
//! decodes into three allocations whatever the archive's size, and lookups by meeting id go
//! through a stored order sorted by id.

use super::catalog::{self, FileStamp, Stored};
use super::councils::{self, Councils};
use crate::protocol::MeetingKind;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

pub const FILE: &str = "headlines.bin";

/// A text in the heap: byte offset and length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Span(u32, u32);

/// "None" for an optional name or date.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Row {
    meeting_id: Span,
    file: Span,
    /// Index into `names`, or NONE.
    council: u32,
    organisation: u32,
    /// Index into `names` of the council's canonical key, or NONE.
    council_key: u32,
    /// Days since 1970-01-01, or `i32::MIN`.
    date: i32,
    kind: MeetingKind,
    /// Row of the meeting this document belongs to, or NONE.
    attached_to: u32,
    /// Agenda items (the meeting list shows the count without decoding the meeting).
    item_count: u32,
    /// The meeting's place in the log.
    stored: Stored,
}

/// One file's headline facts: what [`Headlines::build`] takes per file (in catalog order), and
/// what the table gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline<'a> {
    pub meeting_id: &'a str,
    pub file: &'a str,
    pub council: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub council_key: Option<&'a str>,
    pub date: Option<NaiveDate>,
    pub kind: MeetingKind,
    pub attached_to: Option<&'a str>,
    pub item_count: usize,
    /// The meeting's place in the log.
    pub stored: Stored,
}

/// A row's numbers: names as indexes into the name table, the date as days since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowKeys {
    pub council: Option<u32>,
    pub organisation: Option<u32>,
    pub date: Option<i32>,
    pub attached_to: Option<u32>,
    pub item_count: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Headlines {
    /// The generation of the fingerprints (`stamps.bin`) the table was worked out from.
    pub generation: u64,
    /// The log the rows' meetings are in.
    pub log_id: u64,
    heap: String,
    /// Distinct council, organisation and key names (a few hundred in a region).
    names: Vec<Span>,
    rows: Vec<Row>,
    /// Row numbers sorted by meeting id.
    by_id: Vec<u32>,
    pub councils: Councils,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")
}

impl Headlines {
    /// The table of `files` (in catalog order); its councils are set by the caller.
    pub fn build<'a>(files: impl IntoIterator<Item = Headline<'a>>) -> Headlines {
        let mut table = Headlines::default();
        let mut name_index: std::collections::HashMap<&'a str, u32> = Default::default();
        let files: Vec<Headline<'a>> = files.into_iter().collect();
        let mut heap = String::new();
        let push = |heap: &mut String, text: &str| {
            let span = Span(heap.len() as u32, text.len() as u32);
            heap.push_str(text);
            span
        };
        let mut names: Vec<Span> = Vec::new();
        let mut name = |heap: &mut String, text: Option<&'a str>| match text {
            None => NONE,
            Some(text) => *name_index.entry(text).or_insert_with(|| {
                let span = Span(heap.len() as u32, text.len() as u32);
                heap.push_str(text);
                names.push(span);
                names.len() as u32 - 1
            }),
        };
        let row_of: std::collections::HashMap<&str, u32> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.meeting_id, i as u32))
            .collect();
        for f in &files {
            let file = push(&mut heap, f.file);
            // A meeting id is its file's path without the extension (or the whole path when
            // two files share a stem): kept once, as the start of the file's text.
            let meeting_id = if f.file.starts_with(f.meeting_id) {
                Span(file.0, f.meeting_id.len() as u32)
            } else {
                push(&mut heap, f.meeting_id)
            };
            let row = Row {
                meeting_id,
                file,
                council: name(&mut heap, f.council),
                organisation: name(&mut heap, f.organisation),
                council_key: name(&mut heap, f.council_key),
                date: f
                    .date
                    .map(|d| (d - epoch()).num_days() as i32)
                    .unwrap_or(i32::MIN),
                kind: f.kind,
                attached_to: f
                    .attached_to
                    .and_then(|home| row_of.get(home).copied())
                    .unwrap_or(NONE),
                item_count: f.item_count.min(u32::MAX as usize) as u32,
                stored: f.stored,
            };
            table.rows.push(row);
        }
        let mut by_id: Vec<u32> = (0..files.len() as u32).collect();
        by_id.sort_by(|&a, &b| {
            files[a as usize]
                .meeting_id
                .cmp(files[b as usize].meeting_id)
        });
        table.heap = heap;
        table.names = names;
        table.by_id = by_id;
        table
    }

    pub fn save(&self, index_dir: &Path) -> Result<()> {
        catalog::write(index_dir, FILE, self)
    }

    /// The table, `None` when there is none (an index of an older version, or none yet), it
    /// cannot be read, or it was worked out from other fingerprints than those on disk now; the
    /// caller works it out from the fingerprints then.
    pub fn load(index_dir: &Path) -> Option<Headlines> {
        let table: Headlines = catalog::read(index_dir, FILE).ok().flatten()?;
        let current = catalog::stamps_ids(index_dir) == Some((table.generation, table.log_id));
        (current && table.is_whole()).then_some(table)
    }

    /// Every offset and index in range (a damaged file must not make a lookup panic).
    fn is_whole(&self) -> bool {
        let text_ok = |s: Span| {
            let (start, end) = (s.0 as usize, s.0 as usize + s.1 as usize);
            end <= self.heap.len()
                && self.heap.is_char_boundary(start)
                && self.heap.is_char_boundary(end)
        };
        let name_ok = |n: u32| n == NONE || (n as usize) < self.names.len();
        self.names.iter().all(|&s| text_ok(s))
            && self.by_id.len() == self.rows.len()
            && self.by_id.iter().all(|&r| (r as usize) < self.rows.len())
            && self.rows.iter().all(|r| {
                text_ok(r.meeting_id)
                    && text_ok(r.file)
                    && name_ok(r.council)
                    && name_ok(r.organisation)
                    && name_ok(r.council_key)
                    && (r.attached_to == NONE || (r.attached_to as usize) < self.rows.len())
            })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn text(&self, span: Span) -> &str {
        &self.heap[span.0 as usize..(span.0 + span.1) as usize]
    }

    fn name(&self, n: u32) -> Option<&str> {
        (n != NONE).then(|| self.text(self.names[n as usize]))
    }

    /// The file at catalog position `row`.
    pub fn get(&self, row: usize) -> Headline<'_> {
        let r = &self.rows[row];
        Headline {
            meeting_id: self.text(r.meeting_id),
            file: self.text(r.file),
            council: self.name(r.council),
            organisation: self.name(r.organisation),
            council_key: self.name(r.council_key),
            date: (r.date != i32::MIN).then(|| epoch() + chrono::Duration::days(r.date as i64)),
            kind: r.kind,
            attached_to: (r.attached_to != NONE)
                .then(|| self.text(self.rows[r.attached_to as usize].meeting_id)),
            item_count: r.item_count as usize,
            stored: r.stored,
        }
    }

    /// The numbers of row `row`, for sorting and grouping many rows without building their
    /// [`Headline`]s.
    pub(super) fn keys(&self, row: usize) -> RowKeys {
        let r = &self.rows[row];
        let some = |n: u32| (n != NONE).then_some(n);
        RowKeys {
            council: some(r.council),
            organisation: some(r.organisation),
            date: (r.date != i32::MIN).then_some(r.date),
            attached_to: some(r.attached_to),
            item_count: r.item_count,
        }
    }

    /// The meeting id of row `row`.
    pub(super) fn id(&self, row: usize) -> &str {
        self.text(self.rows[row].meeting_id)
    }

    /// Name number `n` (as [`RowKeys`] give them) and how many there are.
    pub(super) fn name_text(&self, n: u32) -> &str {
        self.text(self.names[n as usize])
    }

    pub(super) fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The catalog position of a meeting id.
    pub fn position(&self, meeting_id: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|&r| self.text(self.rows[r as usize].meeting_id).cmp(meeting_id))
            .ok()
            .map(|i| self.by_id[i] as usize)
    }

    pub fn find(&self, meeting_id: &str) -> Option<Headline<'_>> {
        self.position(meeting_id).map(|row| self.get(row))
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Headline<'_>> {
        (0..self.rows.len()).map(|row| self.get(row))
    }
}

/// Work the table out from the files' fingerprints (in catalog order). A council is a body of
/// an organisation: a file that names no organisation joins the only one its body (or the
/// archive) has; a file that names no council gets the one its text was found to name; a
/// meeting's attachments are shown under its council, whatever office wrote them.
pub fn work_out(stamps: &[FileStamp], generation: u64, log_id: u64) -> Headlines {
    let mut named: Vec<Option<String>> = stamps.iter().map(|s| s.organisation.clone()).collect();
    councils::unify_organisations(&mut named);
    let entries: Vec<(Option<&str>, Option<&str>)> = stamps
        .iter()
        .zip(&named)
        .map(|(s, o)| (s.council.as_deref(), o.as_deref()))
        .collect();
    let inferred: Vec<Option<&str>> = councils::infer_organisations(&entries);
    let organisation: Vec<Option<&str>> = inferred
        .iter()
        .zip(stamps)
        .map(|(o, s)| o.or(s.organisation.as_deref()))
        .collect();
    let councils = Councils::from_entries(
        stamps
            .iter()
            .zip(&inferred)
            .filter_map(|(s, o)| Some((s.council.as_deref()?, *o))),
    );
    let own_key: Vec<Option<&str>> = stamps
        .iter()
        .zip(&organisation)
        .map(|(s, &org)| match &s.council {
            Some(name) => councils.key_of_in(name, org),
            None => s
                .inferred_council
                .as_deref()
                .and_then(|k| councils.key_of_body_key(k, org)),
        })
        .collect();
    let position: HashMap<&str, usize> = stamps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.meeting_id.as_str(), i))
        .collect();
    let shown = |i: usize| -> Option<&str> {
        let key = own_key[i];
        key.and_then(|k| councils.display_of_key(k))
            .or(stamps[i].council.as_deref())
    };
    let display: Vec<Option<&str>> = (0..stamps.len())
        .map(|i| {
            let home = stamps[i]
                .attached_to
                .as_deref()
                .and_then(|h| position.get(h).copied())
                .filter(|&h| stamps[h].attached_to.is_none());
            shown(home.unwrap_or(i))
        })
        .collect();
    let facts = stamps.iter().enumerate().map(|(i, s)| Headline {
        meeting_id: &s.meeting_id,
        file: &s.rel_path,
        council: display[i],
        organisation: organisation[i],
        council_key: own_key[i],
        date: s.date,
        kind: s.kind,
        attached_to: s.attached_to.as_deref(),
        item_count: s.item_count,
        stored: s.stored,
    });
    let mut table = Headlines::build(facts);
    table.councils = councils;
    table.generation = generation;
    table.log_id = log_id;
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(id: &'a str, council: Option<&'a str>, home: Option<&'a str>) -> Headline<'a> {
        Headline {
            meeting_id: id,
            file: id,
            council,
            organisation: Some("Alingsås kommun"),
            council_key: council.map(|_| "ks"),
            date: NaiveDate::from_ymd_opt(2024, 3, 5),
            kind: MeetingKind::Protocol,
            attached_to: home,
            item_count: 2,
            stored: Stored::default(),
        }
    }

    #[test]
    fn rows_round_trip_and_are_found_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let generation = catalog::save(dir.path(), &[], 1).unwrap();
        let mut table = Headlines::build([
            facts("2024/ks-03", Some("Kommunstyrelsen"), None),
            facts(
                "2024/bilagor/b1",
                Some("Kommunstyrelsen"),
                Some("2024/ks-03"),
            ),
            facts("2023/okänd", None, None),
        ]);
        table.generation = generation;
        table.log_id = 1;
        table.save(dir.path()).unwrap();
        let table = Headlines::load(dir.path()).unwrap();
        assert_eq!(table.len(), 3);
        let b = table.find("2024/bilagor/b1").unwrap();
        assert_eq!(b.council, Some("Kommunstyrelsen"));
        assert_eq!(b.attached_to, Some("2024/ks-03"));
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        let unknown = table.find("2023/okänd").unwrap();
        assert_eq!((unknown.council, unknown.council_key), (None, None));
        assert_eq!(table.position("2024/ks-03"), Some(0));
        assert!(table.find("2024/ks-04").is_none());
    }

    #[test]
    fn a_damaged_or_outdated_table_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let generation = catalog::save(dir.path(), &[], 1).unwrap();
        let mut table = Headlines::build([facts("a", None, None)]);
        (table.generation, table.log_id) = (generation, 1);
        table.save(dir.path()).unwrap();
        assert!(Headlines::load(dir.path()).is_some());
        // The catalog saved again (an update) without the table following it.
        catalog::save(dir.path(), &[], 1).unwrap();
        assert!(Headlines::load(dir.path()).is_none());
        table.generation = catalog::stamps_generation(dir.path()).unwrap();
        table.log_id = 1;
        table.rows[0].file = Span(0, 999);
        table.save(dir.path()).unwrap();
        assert!(Headlines::load(dir.path()).is_none());
    }
}
