//! The one API both front ends call: open an archive's index, update it, list meetings and items,
//! search, and cross-reference. Everything here is cheap to call from a UI thread except `update`,
//! `search`, `related`, `thread` and `compare`, which belong on a worker thread.

pub mod types;

pub use types::*;

use crate::protocol::Meeting;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// An opened archive: its catalog of meetings (in memory, without item texts) and its search index.
pub struct Library {
    archive: PathBuf,
    index_dir: PathBuf,
    /// Meetings with the archive-wide council display name; item texts are empty (they live in
    /// the index's store, see [`Library::item`]).
    meetings: Vec<Meeting>,
}

impl Library {
    /// The index folder used for `archive` when `--index` is not given: one per archive under the
    /// user's data dir.
    pub fn default_index_dir(archive: &Path) -> Result<PathBuf> {
        Err(Error::new(format!("not yet: {}", archive.display())))
    }

    /// Bring the index of `archive` up to date (only added, changed and removed files are parsed).
    pub fn update(
        archive: &Path,
        index_dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<UpdateReport> {
        let _ = (archive, index_dir, progress);
        Ok(UpdateReport::default())
    }

    /// Open an archive's index read-only (works while another process updates it).
    pub fn open(archive: &Path, index_dir: &Path) -> Result<Library> {
        Ok(Library {
            archive: archive.to_path_buf(),
            index_dir: index_dir.to_path_buf(),
            meetings: vec![],
        })
    }

    pub fn archive(&self) -> &Path {
        &self.archive
    }

    pub fn index_dir(&self) -> &Path {
        &self.index_dir
    }

    /// All meetings, grouped by council then newest first. Item texts are empty here.
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// One item with its text (read from the index store).
    pub fn item(&self, id: &str) -> Option<ItemView> {
        let _ = id;
        None
    }

    pub fn meeting_view(&self, meeting: &Meeting) -> MeetingView {
        MeetingView {
            id: meeting.id.clone(),
            file: meeting.file.clone(),
            council: meeting.council.clone(),
            date: meeting.date.map(|d| d.to_string()),
            date_source: meeting.date_source,
            kind: meeting.kind,
            place: meeting.place.clone(),
            attendees: meeting.attendees.clone(),
            items: meeting
                .items
                .iter()
                .map(|i| ItemRef {
                    id: i.id.clone(),
                    number: i.number.clone(),
                    title: i.title.clone(),
                })
                .collect(),
        }
    }

    /// Full-text search with the query syntax of the README (words, "phrases", prefix*,
    /// council:, from:, to:).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let _ = (query, limit);
        Ok(vec![])
    }

    /// Items in other meetings related to `item_id`, strongest first, each with its reasons.
    pub fn related(&self, item_id: &str, limit: usize) -> Result<Vec<RelatedItem>> {
        let _ = (item_id, limit);
        Ok(vec![])
    }

    /// The matter of `item_id` followed through time, ordered by date (undated last).
    pub fn thread(&self, item_id: &str) -> Result<Vec<ThreadEntry>> {
        let _ = item_id;
        Ok(vec![])
    }

    /// Two meetings' agenda items aligned row by row.
    pub fn compare(&self, a: &str, b: &str) -> Result<Comparison> {
        Ok(Comparison {
            a: a.to_string(),
            b: b.to_string(),
            rows: vec![],
        })
    }
}
