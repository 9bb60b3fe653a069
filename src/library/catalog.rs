//! The catalog: what the index holds, file by file. It is two files beside the tantivy index:
//! `stamps.bin`, small, with each file's fingerprint and the few facts a search hit shows
//! (meeting id, council, date), read on every start; and `meetings.bin`, the parsed meetings
//! without item texts (those are in the index), read only when meetings are listed or browsed.
//! Both are written after the index commits, so a crash between the two leaves a catalog that is
//! behind the index, which the next update repairs (a file it does not know is re-read and its
//! items replaced).

use crate::protocol::{Meeting, MeetingKind};
use crate::{Error, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// Bumped when the catalog layout or anything stored in it changes meaning.
pub const CATALOG_VERSION: u32 = 5;

const STAMPS: &str = "stamps.bin";
const MEETINGS: &str = "meetings.bin";

/// One file's fingerprint and headline facts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileStamp {
    pub rel_path: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// blake3 of the file's bytes.
    pub hash: [u8; 32],
    /// Fingerprint of the sidecar that applied (size, mtime), if any.
    pub sidecar_stamp: Option<(u64, i64)>,
    pub meeting_id: String,
    /// The council as the file names it (before archive-wide merging of spellings).
    pub council: Option<String>,
    /// Council key inferred from the text when the file names no council itself.
    pub inferred_council: Option<String>,
    /// The municipality or region as the file names it (councils are keyed by body and it).
    pub organisation: Option<String>,
    pub date: Option<NaiveDate>,
    pub kind: MeetingKind,
    pub item_count: usize,
    /// For an attachment, agenda or extract: the meeting id of the protocol it belongs to.
    pub attached_to: Option<String>,
}

impl FileStamp {
    /// A stamp for `rel_path` with no fingerprint or facts yet.
    pub fn blank(rel_path: &str) -> FileStamp {
        FileStamp {
            rel_path: rel_path.to_string(),
            size: 0,
            mtime_ns: 0,
            hash: [0; 32],
            sidecar_stamp: None,
            meeting_id: String::new(),
            council: None,
            inferred_council: None,
            organisation: None,
            date: None,
            kind: MeetingKind::default(),
            item_count: 0,
            attached_to: None,
        }
    }
}

/// A file's stamp with its parsed meeting (item texts empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub stamp: FileStamp,
    pub meeting: Meeting,
}

impl FileRecord {
    /// Refresh the stamp's headline facts from the meeting.
    pub fn sync_stamp(&mut self) {
        self.stamp.meeting_id = self.meeting.id.clone();
        self.stamp.council = self.meeting.council.clone();
        self.stamp.organisation = self.meeting.organisation.clone();
        self.stamp.date = self.meeting.date;
        self.stamp.kind = self.meeting.kind;
        self.stamp.item_count = self.meeting.items.len();
    }
}

#[derive(Serialize, Deserialize)]
struct Versioned<T> {
    version: u32,
    data: T,
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Result<Option<T>> {
    let path = dir.join(name);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::new(format!("{}: {e}", path.display()))),
    };
    let v: Versioned<T> = bincode::deserialize(&bytes)
        .map_err(|e| Error::new(format!("{} is damaged ({e})", path.display())))?;
    if v.version != CATALOG_VERSION {
        return Err(Error::new(format!(
            "{} is from another version of protokoll",
            path.display()
        )));
    }
    Ok(Some(v.data))
}

/// Write atomically: a temporary file renamed over the old one.
fn write<T: Serialize>(dir: &Path, name: &str, data: &T) -> Result<()> {
    write_raw(
        dir,
        name,
        &Versioned {
            version: CATALOG_VERSION,
            data,
        },
    )
}

fn write_raw<T: Serialize>(dir: &Path, name: &str, value: &T) -> Result<()> {
    let bytes =
        bincode::serialize(value).map_err(|e| Error::new(format!("cannot encode {name}: {e}")))?;
    let tmp = dir.join(format!("{name}.tmp"));
    let fail = |e: std::io::Error| Error::new(format!("cannot write {}: {e}", tmp.display()));
    {
        let mut f = std::fs::File::create(&tmp).map_err(fail)?;
        f.write_all(&bytes)
            .and_then(|_| f.sync_all())
            .map_err(fail)?;
    }
    std::fs::rename(&tmp, dir.join(name))
        .map_err(|e| Error::new(format!("cannot replace {name}: {e}")))
}

/// The stamps, `Ok(None)` when there are none yet, an error when unreadable.
pub fn load_stamps(dir: &Path) -> Result<Option<Vec<FileStamp>>> {
    read(dir, STAMPS)
}

/// Meetings per separately encoded chunk of `meetings.bin`: chunks decode in parallel, which on
/// a large archive halves the wait before the TUI's first frame.
const MEETINGS_PER_CHUNK: usize = 256;

/// The meetings file: each chunk is a bincode-encoded `Vec<Meeting>`.
#[derive(Serialize, Deserialize)]
struct MeetingChunks<'a> {
    version: u32,
    #[serde(borrow)]
    chunks: Vec<&'a [u8]>,
}

fn read_meetings(dir: &Path) -> Result<Vec<Meeting>> {
    let path = dir.join(MEETINGS);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::new(format!("{}: {e}", path.display()))),
    };
    let damaged = |e: bincode::Error| Error::new(format!("{} is damaged ({e})", path.display()));
    let file: MeetingChunks = bincode::deserialize(&bytes).map_err(damaged)?;
    if file.version != CATALOG_VERSION {
        return Err(Error::new(format!(
            "{} is from another version of protokoll",
            path.display()
        )));
    }
    let chunks: Vec<Vec<Meeting>> = file
        .chunks
        .par_iter()
        .map(|chunk| bincode::deserialize(chunk))
        .collect::<std::result::Result<_, _>>()
        .map_err(damaged)?;
    Ok(chunks.into_iter().flatten().collect())
}

fn write_meetings(dir: &Path, meetings: &[&Meeting]) -> Result<()> {
    let encoded: Vec<Vec<u8>> = meetings
        .par_chunks(MEETINGS_PER_CHUNK)
        .map(bincode::serialize)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::new(format!("cannot encode {MEETINGS}: {e}")))?;
    let file = MeetingChunks {
        version: CATALOG_VERSION,
        chunks: encoded.iter().map(Vec::as_slice).collect(),
    };
    write_raw(dir, MEETINGS, &file)
}

/// The meetings of `stamps`, in the same order.
pub fn load_meetings(dir: &Path, stamps: &[FileStamp]) -> Result<Vec<Meeting>> {
    let meetings = read_meetings(dir)?;
    if meetings.len() != stamps.len()
        || meetings
            .iter()
            .zip(stamps)
            .any(|(m, s)| m.id != s.meeting_id)
    {
        return Err(Error::new(format!(
            "{} does not match {}",
            dir.join(MEETINGS).display(),
            dir.join(STAMPS).display()
        )));
    }
    Ok(meetings)
}

/// Stamps and meetings together.
pub fn load_records(dir: &Path, stamps: Vec<FileStamp>) -> Result<Vec<FileRecord>> {
    let meetings = load_meetings(dir, &stamps)?;
    Ok(stamps
        .into_iter()
        .zip(meetings)
        .map(|(stamp, meeting)| FileRecord { stamp, meeting })
        .collect())
}

/// Write both files: meetings first, so stamps never point at meetings that are not there.
pub fn save(dir: &Path, records: &[FileRecord]) -> Result<()> {
    let meetings: Vec<&Meeting> = records.iter().map(|r| &r.meeting).collect();
    write_meetings(dir, &meetings)?;
    let stamps: Vec<&FileStamp> = records.iter().map(|r| &r.stamp).collect();
    write(dir, STAMPS, &stamps)
}

/// True when the meetings file is there and starts with this version's header (checked without
/// decoding it, for the nothing-changed path: a deleted or overwritten meetings file must make the
/// next update rebuild, not leave an empty library).
pub fn meetings_present(dir: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 4];
    std::fs::File::open(dir.join(MEETINGS))
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|_| u32::from_le_bytes(header) == CATALOG_VERSION)
}

/// Remove the catalog (and the single-file catalog of earlier versions).
pub fn remove(dir: &Path) {
    for name in [STAMPS, MEETINGS, "catalog.bin"] {
        let _ = std::fs::remove_file(dir.join(name));
    }
}
