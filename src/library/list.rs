//! The meeting list as the browser shows it, worked out from the headline table alone, and
//! meetings read a page of rows at a time from the catalog's log: a large archive's list is drawn without
//! decoding every meeting (at 50,000 protocols that is some 160 MB and seconds of work).
//!
//! Positions in the list are those of [`Library::documents`](super::Library::documents): the
//! meetings that stand alone first, grouped by council and newest first, then the attachments
//! of meetings, in the same order.

use super::catalog::MeetingLog;
use super::headlines::Headlines;
use crate::protocol::Meeting;
use crate::text::fold;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The group of meetings a council heading stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListGroup {
    /// The heading: the council, and its organisation when the archive holds several.
    pub name: String,
    /// List positions of its meetings, newest first, undated last.
    pub meetings: Vec<usize>,
}

/// Councils and their meetings in list order, as numbers into the headline table.
#[derive(Debug, Clone, Default)]
pub struct MeetingList {
    /// Catalog row at each list position.
    rows: Vec<u32>,
    /// List position of each catalog row.
    positions: Vec<u32>,
    listed: usize,
    groups: Vec<ListGroup>,
    /// Catalog row of a meeting → list positions of its attachments.
    attachments: HashMap<u32, Vec<usize>>,
    several_organisations: bool,
    items: usize,
}

const UNKNOWN_COUNCIL: &str = "(council unknown)";

/// The heading a document is listed under.
fn group_name(council: Option<&str>, organisation: Option<&str>, several: bool) -> String {
    let council = council.unwrap_or(UNKNOWN_COUNCIL);
    match organisation {
        Some(org) if several && !org.is_empty() => format!("{council} · {org}"),
        _ => council.to_string(),
    }
}

impl MeetingList {
    pub(super) fn build(headlines: &Headlines) -> MeetingList {
        let n = headlines.len();
        let keys: Vec<_> = (0..n).map(|row| headlines.keys(row)).collect();
        // Councils ranked by their folded names (equal folds share a rank); none last.
        let mut rank = vec![u32::MAX; headlines.name_count()];
        let mut used: Vec<(String, u32)> = keys
            .iter()
            .filter_map(|k| k.council)
            .collect::<HashSet<u32>>()
            .into_iter()
            .map(|name| (fold(headlines.name_text(name)), name))
            .collect();
        used.sort();
        let mut next = 0;
        for (i, (folded, name)) in used.iter().enumerate() {
            if i > 0 && used[i - 1].0 != *folded {
                next += 1;
            }
            rank[*name as usize] = next;
        }
        // The order `Library::arrange` sorts meetings in: council, date newest first (undated
        // last), id; documents that stand alone before attachments.
        let mut rows: Vec<u32> = (0..n as u32).collect();
        rows.sort_by(|&a, &b| {
            let key = |row: u32| {
                let k = &keys[row as usize];
                let council = k.council.map_or(u32::MAX, |c| rank[c as usize]);
                (
                    k.attached_to.is_some(),
                    council,
                    k.date.is_none(),
                    std::cmp::Reverse(k.date),
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| headlines.id(a as usize).cmp(headlines.id(b as usize)))
        });
        let listed = keys.iter().filter(|k| k.attached_to.is_none()).count();
        let mut positions = vec![0u32; n];
        for (position, &row) in rows.iter().enumerate() {
            positions[row as usize] = position as u32;
        }

        let organisations: HashSet<String> = rows[..listed]
            .iter()
            .filter_map(|&row| keys[row as usize].organisation)
            .collect::<HashSet<u32>>()
            .into_iter()
            .map(|org| fold(headlines.name_text(org)))
            .collect();
        let several = organisations.len() > 1;
        let name = |n: Option<u32>| n.map(|n| headlines.name_text(n));
        // Groups are told apart by their heading; each is sorted by the key of the first
        // meeting that made it (organisation first when there are several).
        let mut groups: Vec<(String, ListGroup)> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut by_names: HashMap<(Option<u32>, Option<u32>), usize> = HashMap::new();
        for (position, &row) in rows[..listed].iter().enumerate() {
            let k = &keys[row as usize];
            let group = *by_names
                .entry((k.council, k.organisation))
                .or_insert_with(|| {
                    let heading = group_name(name(k.council), name(k.organisation), several);
                    *by_name.entry(heading.clone()).or_insert_with(|| {
                        let mut key = match name(k.organisation) {
                            Some(org) if several => format!("{} {}", fold(org), fold(&heading)),
                            _ => fold(&heading),
                        };
                        // Documents whose council nobody could tell come after every council.
                        if k.council.is_none() {
                            key.insert(0, char::MAX);
                        }
                        groups.push((
                            key,
                            ListGroup {
                                name: heading,
                                meetings: Vec::new(),
                            },
                        ));
                        groups.len() - 1
                    })
                });
            // Within a group the council is one name, so the order above is already newest
            // first, undated last, then by id.
            groups[group].1.meetings.push(position);
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let mut attachments: HashMap<u32, Vec<usize>> = HashMap::new();
        for (position, &row) in rows.iter().enumerate().skip(listed) {
            if let Some(home) = keys[row as usize].attached_to {
                attachments.entry(home).or_default().push(position);
            }
        }
        MeetingList {
            listed,
            groups: groups.into_iter().map(|(_, g)| g).collect(),
            attachments,
            several_organisations: several,
            items: keys.iter().map(|k| k.item_count as usize).sum(),
            rows,
            positions,
        }
    }

    /// The council headings in list order, with their meetings.
    pub fn groups(&self) -> &[ListGroup] {
        &self.groups
    }

    /// The catalog row (for [`Library::meeting_at`](super::Library::meeting_at)) at a list
    /// position.
    pub fn row(&self, position: usize) -> Option<usize> {
        self.rows.get(position).map(|&r| r as usize)
    }

    /// The list position of a catalog row.
    pub fn position(&self, row: usize) -> Option<usize> {
        self.positions.get(row).map(|&p| p as usize)
    }

    /// List positions of the attachments of the meeting at `position`, in list order.
    pub fn attachments(&self, position: usize) -> &[usize] {
        self.row(position)
            .and_then(|row| self.attachments.get(&(row as u32)))
            .map_or(&[], Vec::as_slice)
    }

    /// Meetings that stand alone (attachments not counted).
    pub fn listed(&self) -> usize {
        self.listed
    }

    /// All documents, attachments included.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Agenda items of all documents.
    pub fn items(&self) -> usize {
        self.items
    }

    /// The archive holds meetings of more than one municipality or region: headings name both.
    pub fn several_organisations(&self) -> bool {
        self.several_organisations
    }

    /// The heading a document with this council and organisation (as shown) is listed under.
    pub fn group_name(&self, council: Option<&str>, organisation: Option<&str>) -> String {
        group_name(council, organisation, self.several_organisations)
    }
}

/// Catalog rows per page read for the list.
pub(super) const ROWS_PER_PAGE: usize = 256;

/// Decoded pages kept for the list (a screen of meetings and a few moves around it).
const CACHED_PAGES: usize = 8;

/// Meetings read one at a time (for links: the hits of a related query lie all over the
/// archive) kept besides the pages: a thread's working set, a few megabytes.
const CACHED_SINGLES: usize = 1024;

type Page = Arc<Vec<Arc<Meeting>>>;

/// Pages of meetings read from the catalog's log on demand, the last few kept.
#[derive(Default)]
pub(super) struct Pages {
    state: Mutex<PagesState>,
}

#[derive(Default)]
struct PagesState {
    /// `None` before the first read; `Some(None)` when the log could not be opened.
    log: Option<Option<MeetingLog>>,
    recent: VecDeque<(usize, Page)>,
    /// Row → (meeting, when last used); the least recently used half goes when it is full.
    singles: HashMap<usize, (Arc<Meeting>, u64)>,
    uses: u64,
}

impl PagesState {
    /// The log `headlines` point into, opened on first use.
    fn log(&mut self, index_dir: &Path, headlines: &Headlines) -> Option<&MeetingLog> {
        self.log
            .get_or_insert_with(|| MeetingLog::open(index_dir).ok())
            .as_ref()
            .filter(|log| log.log_id == headlines.log_id)
    }
}

impl Pages {
    /// The meetings of catalog rows `page * ROWS_PER_PAGE` on, each passed through `prepare`
    /// (with its row) once when decoded; `None` when the log cannot be read or is not the one
    /// `headlines` point into (another process wrote a new one since).
    pub(super) fn page(
        &self,
        index_dir: &Path,
        page: usize,
        headlines: &Headlines,
        prepare: impl Fn(usize, &mut Meeting),
    ) -> Option<Page> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = state.recent.iter().position(|(c, _)| *c == page) {
            let hit = state.recent.remove(at)?;
            state.recent.push_front(hit.clone());
            return Some(hit.1);
        }
        let log = state.log(index_dir, headlines)?;
        let rows = page * ROWS_PER_PAGE..((page + 1) * ROWS_PER_PAGE).min(headlines.len());
        let places: Vec<_> = rows.clone().map(|row| headlines.get(row).stored).collect();
        let meetings: Page = Arc::new(
            log.read_near(&places)
                .ok()?
                .into_iter()
                .zip(rows)
                .map(|(mut meeting, row)| {
                    prepare(row, &mut meeting);
                    Arc::new(meeting)
                })
                .collect(),
        );
        state.recent.push_front((page, meetings.clone()));
        state.recent.truncate(CACHED_PAGES);
        Some(meetings)
    }

    /// The meeting of catalog row `row` alone: from a page already read, else one read of its
    /// own bytes, passed through `prepare` once. `None` as for [`Pages::page`].
    pub(super) fn one(
        &self,
        index_dir: &Path,
        row: usize,
        headlines: &Headlines,
        prepare: impl Fn(usize, &mut Meeting),
    ) -> Option<Arc<Meeting>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let page = row / ROWS_PER_PAGE;
        if let Some((_, meetings)) = state.recent.iter().find(|(p, _)| *p == page) {
            return meetings.get(row % ROWS_PER_PAGE).cloned();
        }
        state.uses += 1;
        let now = state.uses;
        if let Some((meeting, used)) = state.singles.get_mut(&row) {
            *used = now;
            return Some(meeting.clone());
        }
        let stored = headlines.get(row).stored;
        let mut meeting = state.log(index_dir, headlines)?.read(stored).ok()?;
        prepare(row, &mut meeting);
        let meeting = Arc::new(meeting);
        if state.singles.len() >= CACHED_SINGLES {
            let mut ages: Vec<u64> = state.singles.values().map(|(_, used)| *used).collect();
            let (_, median, _) = ages.select_nth_unstable(CACHED_SINGLES / 2);
            let median = *median;
            state.singles.retain(|_, (_, used)| *used > median);
        }
        state.singles.insert(row, (meeting.clone(), now));
        Some(meeting)
    }
}
