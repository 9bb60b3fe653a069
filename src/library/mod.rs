//! The one API both front ends call: update an archive's index, open it, list meetings and items,
//! search, and cross-reference. Opening and listing are cheap (the catalog is in memory); `update`,
//! `search`, `related`, `thread` and `compare` belong on a worker thread in an interactive program.

mod attach;
pub mod brief;
mod catalog;
pub mod cite;
pub mod councils;
mod freshness;
mod headlines;
mod list;
pub mod types;
mod update;
pub mod watch;

pub use freshness::DEFAULT_FULL_CHECK_AFTER;
pub use headlines::Headline;
pub use list::{ListGroup, MeetingList};
pub use types::*;
pub use update::{create_private_dir, meeting_id_for, share_index_with_group};

use crate::links::references::{Citation, Reference};
use crate::links::ItemAt;
use crate::protocol::{AgendaItem, Meeting};
use crate::search::{parse_user_query, SearchIndex};
use crate::text::fold;
use crate::{Error, Result};
use headlines::Headlines;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// An opened archive: its files' headline facts (always in memory), its meetings (loaded on first
/// use, without item texts) and its search index.
pub struct Library {
    archive: PathBuf,
    index_dir: PathBuf,
    /// One row per indexed file, in catalog order (by path): enough for search hits and filters.
    headlines: Headlines,
    /// Meetings with the archive-wide council display name, grouped by council, newest first.
    /// Loaded from the catalog on first use: a search from the command line never needs them.
    loaded: OnceLock<LoadedMeetings>,
    /// The meeting list worked out from the headlines (see [`Library::meeting_list`]).
    list: OnceLock<MeetingList>,
    /// Meetings read a chunk at a time, for the list (see [`Library::meeting_at`]).
    pages: list::Pages,
    /// `None` until the archive has been indexed once.
    index: Option<SearchIndex>,
    /// Cross-referencing data learnt lazily from the index (owned by `links`).
    links_cache: crate::links::LinksCache,
}

#[derive(Default)]
struct LoadedMeetings {
    /// Item texts are empty here (they live in the index's store, see [`Library::item`]).
    /// Documents that stand alone (protocols, and documents with no protocol to belong to)
    /// come first, `listed` of them; the attachments of meetings follow.
    meetings: Vec<Meeting>,
    listed: usize,
    /// Meeting id → positions of its attachments in `meetings`.
    attachments: HashMap<String, Vec<usize>>,
    /// Meeting id → position in `meetings`.
    pos: HashMap<String, usize>,
}

impl Library {
    /// The index folder used for `archive` when `--index` is not given: one per archive under the
    /// user's data dir, named after the archive's folder and a hash of its full path.
    pub fn default_index_dir(archive: &Path) -> Result<PathBuf> {
        let dirs = directories::ProjectDirs::from("se", "protokoll", "protokoll")
            .ok_or_else(|| Error::new("no home folder to keep the index in; pass --index DIR"))?;
        let full = std::fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
        let hash = blake3::hash(full.to_string_lossy().as_bytes()).to_hex();
        let name: String = full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "archive".into())
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Ok(dirs
            .data_dir()
            .join("indexes")
            .join(format!("{name}-{}", &hash[..12])))
    }

    /// Bring the index of `archive` up to date (only added, changed and removed files are parsed).
    /// A missing, damaged or older index is rebuilt; the report says why.
    pub fn update(
        archive: &Path,
        index_dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<UpdateReport> {
        update::update(archive, index_dir, progress).map(|updated| updated.report)
    }

    /// Remove an index (its tantivy folder and catalog) so the next update rebuilds it. Only
    /// protokoll's own files in `index_dir` are touched.
    pub fn clear_index(index_dir: &Path) -> Result<()> {
        update::clear_unless_updating(index_dir)
    }

    /// Open an archive's index read-only (works while another process updates it). Before the
    /// first update the library is empty. Reads the headline table the last update worked out;
    /// an index without one (or with one older than its catalog) is worked out from the file
    /// fingerprints instead, and the table kept for next time when the index folder is writable.
    pub fn open(archive: &Path, index_dir: &Path) -> Result<Library> {
        // Not between another process's index commit and its catalog (see `commit_lock`).
        let _in_step = update::commit_lock(index_dir, false);
        if let Some(headlines) = Headlines::load(index_dir) {
            return Ok(Library::with_headlines(archive, index_dir, headlines));
        }
        let catalog = catalog::load_stamps(index_dir)
            .ok()
            .flatten()
            .unwrap_or_default();
        let headlines = headlines::work_out(&catalog.stamps, catalog.generation, catalog.log_id);
        if !headlines.is_empty() {
            let _ = headlines.save(index_dir);
        }
        Ok(Library::with_headlines(archive, index_dir, headlines))
    }

    /// Update the index, then open it without reading the catalog a second time.
    pub fn update_and_open(
        archive: &Path,
        index_dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(Library, UpdateReport)> {
        let updated = update::update_catalog(archive, index_dir, progress)?;
        let library = Library::with_headlines(archive, index_dir, updated.headlines);
        Ok((library, updated.report))
    }

    /// Open for a query with the default freshness policy (see [`Library::open_current_within`]).
    pub fn open_current(
        archive: &Path,
        index_dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(Library, Option<UpdateReport>)> {
        Library::open_current_within(archive, index_dir, DEFAULT_FULL_CHECK_AFTER, progress)
    }

    /// Open for a query, making sure first that the index is not older than the archive: when no
    /// folder changed since the last full check and that check is younger than
    /// `full_check_after`, no file is looked at (see `freshness.rs` for what that sees); else
    /// every file's fingerprint is compared, on another thread while the library opens, and only
    /// if one differs (or there is no usable index yet) does an update run first. Returns the
    /// report when an update ran.
    pub fn open_current_within(
        archive: &Path,
        index_dir: &Path,
        full_check_after: std::time::Duration,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(Library, Option<UpdateReport>)> {
        if freshness::check(archive, index_dir, full_check_after) == freshness::Verdict::Current {
            let library = Library::open(archive, index_dir)?;
            if library.is_indexed() && catalog::meetings_present(index_dir) {
                return Ok((library, None));
            }
        }
        // Another process is bringing the index up to date: looking at every file now would only
        // find what it is already indexing. Say so; the caller answers from the index as it is.
        if update::another_is_updating(index_dir) {
            return Err(Error::new(
                "another protokoll process is updating this index right now; \
                 searching still works, try the update again when it has finished",
            ));
        }
        let look_began = freshness::now_ns();
        let (scanned, library) = std::thread::scope(|scope| {
            let scanning = scope.spawn(|| crate::archive::scan(archive));
            let library = Library::open(archive, index_dir);
            (scanning.join(), library)
        });
        let library = library?;
        if let Ok(Ok(scanned)) = &scanned {
            let stamps = catalog::load_stamps(index_dir)
                .ok()
                .flatten()
                .map(|c| c.stamps);
            if library.is_indexed()
                && catalog::meetings_present(index_dir)
                && stamps.is_some_and(|stamps| {
                    stamps.is_sorted_by(|a, b| a.rel_path <= b.rel_path)
                        && stamps.len() == library.headlines.len()
                        && update::unchanged(&stamps, scanned)
                })
            {
                // Best effort: a reader without write access to a shared index looks again
                // next time.
                let _ = freshness::save(index_dir, scanned, look_began);
                return Ok((library, None));
            }
        }
        let (library, report) = Library::update_and_open(archive, index_dir, progress)?;
        Ok((library, Some(report)))
    }

    fn with_headlines(archive: &Path, index_dir: &Path, headlines: Headlines) -> Library {
        let index = if headlines.is_empty() {
            None
        } else {
            SearchIndex::open(&update::tantivy_dir(index_dir)).ok()
        };
        Library {
            archive: archive.to_path_buf(),
            index_dir: index_dir.to_path_buf(),
            headlines,
            loaded: OnceLock::new(),
            list: OnceLock::new(),
            pages: Default::default(),
            index,
            links_cache: Default::default(),
        }
    }

    /// Show a meeting read from the log (catalog row `row`) as the archive-wide work decided:
    /// the council and organisation as shown, the kind, the meeting it belongs to.
    fn show(&self, row: usize, meeting: &mut Meeting) {
        let Some(headline) = self.headline(row).filter(|h| h.meeting_id == meeting.id) else {
            return;
        };
        meeting.council = headline.council.map(str::to_string);
        meeting.organisation = headline.organisation.map(str::to_string);
        meeting.kind = headline.kind;
        meeting.attached_to = headline.attached_to.map(str::to_string);
    }

    /// Give meetings their display council names and sort them for browsing.
    fn arrange(&self, meetings: Vec<Meeting>) -> LoadedMeetings {
        let mut meetings: Vec<Meeting> = meetings
            .into_iter()
            .enumerate()
            .map(|(row, mut meeting)| {
                self.show(row, &mut meeting);
                meeting
            })
            .collect();
        sort_meetings(&mut meetings);
        // Stable: both parts keep the council, date order.
        meetings.sort_by_key(|m| m.attached_to.is_some());
        let listed = meetings.iter().filter(|m| m.attached_to.is_none()).count();
        let pos: HashMap<String, usize> = meetings
            .iter()
            .enumerate()
            .map(|(m, meeting)| (meeting.id.clone(), m))
            .collect();
        let mut attachments: HashMap<String, Vec<usize>> = HashMap::new();
        for (m, meeting) in meetings.iter().enumerate().skip(listed) {
            if let Some(home) = &meeting.attached_to {
                attachments.entry(home.clone()).or_default().push(m);
            }
        }
        for list in attachments.values_mut() {
            list.sort_by(|&a, &b| meetings[a].file.cmp(&meetings[b].file));
        }
        LoadedMeetings {
            meetings,
            listed,
            attachments,
            pos,
        }
    }

    fn loaded(&self) -> &LoadedMeetings {
        self.loaded
            .get_or_init(|| self.arrange(self.read_meetings()))
    }

    /// Every meeting of the headline table, in its order, read from the log.
    fn read_meetings(&self) -> Vec<Meeting> {
        let places: Vec<catalog::Stored> = self.headlines.iter().map(|h| h.stored).collect();
        let log = catalog::MeetingLog::open(&self.index_dir);
        if let Ok(log) = &log {
            if log.log_id == self.headlines.log_id {
                if let Ok(meetings) = log.read_all(&places) {
                    if meetings
                        .iter()
                        .zip(self.headlines.iter())
                        .all(|(m, h)| m.id == h.meeting_id)
                    {
                        return meetings;
                    }
                }
            }
        }
        let ours = (self.headlines.generation, self.headlines.log_id);
        if catalog::stamps_ids(&self.index_dir) == Some(ours) {
            // The log the catalog points into is damaged: drop the catalog so the next update
            // rebuilds it; browse nothing until then.
            catalog::remove(&self.index_dir);
            return Vec::new();
        }
        // Another process wrote a newer catalog since this library was opened: not damage. Its
        // table says where each meeting still indexed is now; a file removed since has none.
        let current = Headlines::load(&self.index_dir).zip(log.ok());
        self.headlines
            .iter()
            .map(|h| {
                let now = current.as_ref().and_then(|(table, log)| {
                    let row = table.position(h.meeting_id)?;
                    (table.log_id == log.log_id)
                        .then(|| log.read(table.get(row).stored).ok())
                        .flatten()
                });
                now.unwrap_or_else(|| Meeting {
                    id: h.meeting_id.to_string(),
                    file: h.file.to_string(),
                    date: h.date,
                    kind: h.kind,
                    ..Meeting::default()
                })
            })
            .collect()
    }

    pub fn archive(&self) -> &Path {
        &self.archive
    }

    pub fn index_dir(&self) -> &Path {
        &self.index_dir
    }

    /// True once the archive has been indexed.
    pub fn is_indexed(&self) -> bool {
        self.index.is_some()
    }

    /// Cross-referencing data learnt lazily from the index (the acronym dictionary).
    pub fn links_cache(&self) -> &crate::links::LinksCache {
        &self.links_cache
    }

    /// The search index, for the cross-referencing code.
    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.index.as_ref()
    }

    /// The meetings and other documents that stand alone, grouped by council (alphabetically),
    /// newest first, undated last. Attachments of a meeting are under [`Library::attachments`].
    pub fn meetings(&self) -> &[Meeting] {
        let loaded = self.loaded();
        &loaded.meetings[..loaded.listed]
    }

    /// Every document (only those that stand alone when `listed_only`), with its council as
    /// shown, passed to `each` a chunk at a time in catalog order: work over the whole archive
    /// (the fuzzy index) without holding every meeting. Reads the loaded meetings when they are.
    pub fn each_chunk(&self, listed_only: bool, mut each: impl FnMut(&[Meeting])) {
        const CHUNK: usize = 1024;
        let from_loaded = |each: &mut dyn FnMut(&[Meeting])| {
            let loaded = self.loaded();
            let end = if listed_only {
                loaded.listed
            } else {
                loaded.meetings.len()
            };
            loaded.meetings[..end].chunks(CHUNK).for_each(each);
        };
        let log = catalog::MeetingLog::open(&self.index_dir)
            .ok()
            .filter(|log| log.log_id == self.headlines.log_id);
        let (Some(log), None) = (log, self.loaded.get()) else {
            // Loaded already, or the log was replaced since: the full load has them.
            return from_loaded(&mut each);
        };
        let rows: Vec<usize> = (0..self.headlines.len())
            .filter(|&row| !listed_only || self.headlines.get(row).attached_to.is_none())
            .collect();
        for (n, chunk) in rows.chunks(CHUNK).enumerate() {
            let places: Vec<catalog::Stored> = chunk
                .iter()
                .map(|&row| self.headlines.get(row).stored)
                .collect();
            let read = log.read_near(&places).ok().filter(|m| {
                m.iter()
                    .zip(chunk)
                    .all(|(m, &row)| m.id == self.headlines.get(row).meeting_id)
            });
            match read {
                Some(mut meetings) => {
                    for (meeting, &row) in meetings.iter_mut().zip(chunk) {
                        self.show(row, meeting);
                    }
                    each(&meetings);
                }
                // Damaged: the full load deals with it (and drops the catalog for a rebuild).
                None if n == 0 => return from_loaded(&mut each),
                None => return,
            }
        }
    }

    /// Every indexed document: the listed meetings, then the attachments of meetings.
    pub fn documents(&self) -> &[Meeting] {
        &self.loaded().meetings
    }

    /// The documents attached to a meeting (tjänsteskrivelser, bilagor, its kallelse), by file.
    pub fn attachments(&self, meeting_id: &str) -> Vec<&Meeting> {
        let loaded = self.loaded();
        loaded
            .attachments
            .get(meeting_id)
            .map(|list| list.iter().map(|&m| &loaded.meetings[m]).collect())
            .unwrap_or_default()
    }

    /// A document by id, read on its own from the catalog (the meetings are not all loaded for
    /// this; see [`Library::meeting_by_id`] for reading it with its page of the list).
    pub fn meeting(&self, id: &str) -> Option<Arc<Meeting>> {
        let row = self.headlines.position(id)?;
        let one = self
            .pages
            .one(&self.index_dir, row, &self.headlines, |row, meeting| {
                self.show(row, meeting)
            });
        match one {
            Some(meeting) if meeting.id == id => Some(meeting),
            // Another process has replaced the log since this library was opened.
            _ => self.loaded_meeting(id).map(|m| Arc::new(m.clone())),
        }
    }

    /// A document by id from the loaded meetings (loads them all on first use).
    fn loaded_meeting(&self, id: &str) -> Option<&Meeting> {
        let loaded = self.loaded();
        loaded.pos.get(id).map(|&m| &loaded.meetings[m])
    }

    /// True once the meetings have been loaded (see [`Library::meetings`]); the meeting list
    /// and [`Library::meeting_at`] do not load them.
    pub fn meetings_loaded(&self) -> bool {
        self.loaded.get().is_some()
    }

    /// The meeting list (councils, their meetings newest first, the attachments of each), in
    /// the order of [`Library::documents`] but worked out from the headline table: building it
    /// decodes no meeting.
    pub fn meeting_list(&self) -> &MeetingList {
        self.list
            .get_or_init(|| MeetingList::build(&self.headlines))
    }

    /// The list position (see [`Library::meeting_list`]) of a document.
    pub fn list_position(&self, meeting_id: &str) -> Option<usize> {
        self.meeting_list()
            .position(self.headlines.position(meeting_id)?)
    }

    /// The headline facts of catalog row `row` (see [`MeetingList::row`]).
    pub fn headline(&self, row: usize) -> Option<Headline<'_>> {
        (row < self.headlines.len()).then(|| self.headlines.get(row))
    }

    /// The meeting at catalog row `row` with its council and organisation as shown, read with
    /// the page of rows that holds it (the meetings are not all loaded for this).
    pub fn meeting_at(&self, row: usize) -> Option<Arc<Meeting>> {
        let id = self.headline(row)?.meeting_id;
        let per_page = list::ROWS_PER_PAGE;
        let page = self.pages.page(
            &self.index_dir,
            row / per_page,
            &self.headlines,
            |row, meeting| self.show(row, meeting),
        );
        match page.as_ref().and_then(|c| c.get(row % per_page)) {
            Some(meeting) if meeting.id == id => Some(meeting.clone()),
            // The file is unreadable, or another process has replaced it since this library
            // was opened: the loaded meetings match it by id.
            _ => self.loaded_meeting(id).map(|m| Arc::new(m.clone())),
        }
    }

    /// A meeting by id, read as [`Library::meeting_at`] reads it.
    pub fn meeting_by_id(&self, id: &str) -> Option<Arc<Meeting>> {
        self.meeting_at(self.headlines.position(id)?)
    }

    /// Number of indexed files (meetings), without loading them.
    pub fn meeting_count(&self) -> usize {
        self.headlines.len()
    }

    /// An item and its meeting, without the item text.
    pub fn item_ref(&self, id: &str) -> Option<ItemAt> {
        ItemAt::find(self.meeting(id.rsplit_once('#')?.0)?, id)
    }

    /// Every item of every document, in meeting order (attachments after the meetings).
    pub fn items(&self) -> impl Iterator<Item = (&Meeting, &AgendaItem)> {
        self.documents()
            .iter()
            .flat_map(|m| m.items.iter().map(move |i| (m, i)))
    }

    /// The stored text of an item.
    pub fn item_text(&self, id: &str) -> Option<String> {
        self.index.as_ref()?.stored_item(id).map(|(text, _)| text)
    }

    /// One item with its text (read from the index store).
    pub fn item(&self, id: &str) -> Option<ItemView> {
        // The meeting's chunk only: the list's preview shows items before the meetings load.
        let meeting = self.meeting_by_id(id.rsplit_once('#')?.0)?;
        let item = item_in(&meeting, id)?;
        let text = self.item_text(id).unwrap_or_default();
        let references = crate::links::references_in(self, &item.title, &text);
        Some(ItemView {
            meeting: Meeting {
                attendees: Vec::new(),
                items: Vec::new(),
                ..Meeting::clone(&meeting)
            },
            item: AgendaItem {
                text,
                ..item.clone()
            },
            references,
        })
    }

    pub fn meeting_view(&self, meeting: &Meeting) -> MeetingView {
        MeetingView {
            meeting: meeting.clone(),
            attachments: self
                .attachments(&meeting.id)
                .into_iter()
                .map(|a| DocumentRef {
                    id: a.id.clone(),
                    file: a.file.clone(),
                    kind: a.kind,
                    title: a.items.first().map(|i| i.title.clone()).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Distinct council names, sorted.
    pub fn councils(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .headlines
            .councils
            .display
            .values()
            .map(String::as_str)
            .collect();
        names.sort_unstable_by_key(|n| fold(n));
        names.dedup();
        names
    }

    /// Meeting ids whose council name contains `name` (folded: case and diacritics ignored).
    /// The name may be the body, the organisation, or both ("lomma", "kommunstyrelsen alingsås").
    pub fn meetings_of_council(&self, name: &str) -> Vec<String> {
        let matching: std::collections::HashSet<&str> =
            self.headlines.councils.matching(name).into_iter().collect();
        self.headlines
            .iter()
            .filter(|h| h.council_key.is_some_and(|k| matching.contains(k)))
            .map(|h| h.meeting_id.to_string())
            .collect()
    }

    /// Full-text search with the query syntax of the README (words, "phrases", prefix*, -word,
    /// council:, from:, to:, year:). Unreadable filters are an error that says what was expected.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let parsed = parse_user_query(query);
        if let Some(problem) = parsed.problems.first() {
            return Err(Error::new(problem.clone()));
        }
        let Some(index) = &self.index else {
            return Ok(vec![]);
        };
        if !parsed.has_terms() && !parsed.has_filters() && parsed.excluded.is_empty() {
            return Ok(vec![]);
        }
        let council_ids = parsed
            .council
            .as_deref()
            .map(|name| self.meetings_of_council(name));
        let raw = index.search(&parsed, council_ids.as_deref(), limit)?;
        // Hits carry their own title and number; the meeting facts come from the headline
        // table, so a search never loads the meetings.
        Ok(raw
            .into_iter()
            .filter_map(|hit| {
                let meeting_id = hit.item_id.rsplit_once('#')?.0;
                let headline = self.headlines.find(meeting_id)?;
                Some(SearchHit {
                    meeting_id: headline.meeting_id.to_string(),
                    file: headline.file.to_string(),
                    council: headline.council.map(str::to_string),
                    date: headline.date.map(|d| d.to_string()),
                    number: hit.number,
                    title: hit.title,
                    item_id: hit.item_id,
                    score: hit.score,
                    kind: headline.kind,
                    attached_to: headline.attached_to.map(str::to_string),
                    snippet: hit.snippet,
                    highlights: hit.highlights,
                })
            })
            .collect())
    }

    /// Items in other meetings related to `item_id`, strongest first, each with its reasons.
    pub fn related(&self, item_id: &str, limit: usize) -> Result<Vec<RelatedItem>> {
        self.known_item(item_id)?;
        crate::links::related(self, item_id, limit)
    }

    /// The matter of `item_id` followed through time, ordered by date (undated last).
    pub fn thread(&self, item_id: &str) -> Result<Vec<ThreadEntry>> {
        self.known_item(item_id)?;
        crate::links::thread(self, item_id)
    }

    /// Two meetings' agenda items aligned row by row.
    pub fn compare(&self, a: &str, b: &str) -> Result<Comparison> {
        for id in [a, b] {
            if self.meeting(id).is_none() {
                return Err(Error::new(format!(
                    "no meeting with id {id:?} (see `protokoll meetings`)"
                )));
            }
        }
        crate::links::compare(self, a, b)
    }

    fn known_item(&self, item_id: &str) -> Result<()> {
        match self.item_ref(item_id) {
            Some(_) => Ok(()),
            None => Err(Error::new(format!(
                "no agenda item with id {item_id:?} (see `protokoll items`)"
            ))),
        }
    }
}

/// The item `id` of `meeting`. Item ids are `<meeting id>#<ordinal>`: no per-item table is
/// needed (an archive of 10,000 protocols has some 130,000 items).
fn item_in<'m>(meeting: &'m Meeting, id: &str) -> Option<&'m AgendaItem> {
    let ordinal: usize = id.rsplit_once('#')?.1.parse().ok()?;
    let item = meeting.items.get(ordinal.checked_sub(1)?)?;
    if item.id == id {
        Some(item)
    } else {
        meeting.items.iter().find(|i| i.id == id)
    }
}

/// Council (alphabetical, folded; none last), then date newest first (undated last), then id.
fn sort_meetings(meetings: &mut Vec<Meeting>) {
    let mut keyed: Vec<_> = std::mem::take(meetings)
        .into_iter()
        .map(|m| {
            let council = m.council.as_deref().map(fold);
            (
                (
                    council.is_none(),
                    council,
                    m.date.is_none(),
                    std::cmp::Reverse(m.date),
                ),
                m,
            )
        })
        .collect();
    keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.id.cmp(&b.id)));
    meetings.extend(keyed.into_iter().map(|(_, m)| m));
}

/// What `links` reads, from the library's catalog and index.
impl crate::links::ItemSource for Library {
    fn search_index(&self) -> Option<&SearchIndex> {
        Library::search_index(self)
    }
    fn item_ref(&self, item_id: &str) -> Option<ItemAt> {
        Library::item_ref(self, item_id)
    }
    fn item_text(&self, item_id: &str) -> Option<String> {
        Library::item_text(self, item_id)
    }
    fn meeting(&self, meeting_id: &str) -> Option<Arc<Meeting>> {
        Library::meeting(self, meeting_id)
    }
    fn resolve(&self, citations: &[Citation]) -> Vec<Reference> {
        // The headline table narrows each citation to the few meetings of its date (or year
        // and body) before any is read.
        crate::links::references::resolve(citations, |wanted| {
            let mut bodies: HashMap<&str, bool> = HashMap::new();
            self.headlines
                .iter()
                .filter(|h| wanted.admits_date(h.date))
                .filter(|h| {
                    *bodies
                        .entry(h.council.unwrap_or(""))
                        .or_insert_with(|| wanted.admits_council(h.council))
                })
                .filter_map(|h| self.meeting(h.meeting_id))
                .collect::<Vec<_>>()
        })
    }
    fn links_cache(&self) -> &crate::links::LinksCache {
        Library::links_cache(self)
    }
}
