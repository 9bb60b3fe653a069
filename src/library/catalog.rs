//! The catalog: what the index holds, file by file. It is two files beside the tantivy index:
//! `stamps.bin`, small, with each file's fingerprint and headline facts, and `meetings.bin`, the
//! parsed meetings without item texts (those are in the index).
//!
//! `meetings.bin` is a log: an update appends the meetings it parsed and never rewrites the ones
//! it kept, so its cost follows what changed, not the archive. Each stamp says where its
//! meeting's bytes are. Facts decided across the whole archive (the meeting a document belongs
//! to, the council shown) live in the stamps and the headline table, never in the log, so a
//! kept meeting's bytes never change. When dead entries outweigh live ones the log is written
//! anew in catalog order, with a new log id; a reader holding offsets into the old log sees the
//! id change and reads by the new table instead.
//!
//! Both files are written after the index commits (the log before the stamps), so a crash
//! between the two leaves a catalog that is behind the index, which the next update repairs (a
//! file it does not know is re-read and its items replaced); a crash mid-append leaves dead
//! bytes at the log's end, skipped by the offsets.
//!
//! Each file starts with `CATALOG_VERSION` as four little-endian bytes, then the postcard-encoded
//! body. Postcard is not self-describing (a field added to the model, even with `#[serde(default)]`,
//! makes old bodies unreadable or misread), so any change to what is stored bumps the version, and a
//! file of another version is never decoded: it is rebuilt.

use crate::protocol::{Meeting, MeetingKind};
use crate::{Error, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// Bumped when the catalog layout or anything stored in it changes meaning.
pub const CATALOG_VERSION: u32 = 9;

const STAMPS: &str = "stamps.bin";
const MEETINGS: &str = "meetings.bin";

/// Where a meeting's bytes are in the log.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stored {
    pub offset: u64,
    pub len: u32,
}

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
    /// The kind as parsed, or `Attachment` for a document in a `bilagor/`-like folder.
    pub kind: MeetingKind,
    pub item_count: usize,
    /// For an attachment, agenda or extract: the meeting id of the protocol it belongs to.
    pub attached_to: Option<String>,
    /// The parsed meeting's place in the log.
    pub stored: Stored,
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
            stored: Stored::default(),
        }
    }

    /// Take the headline facts from the parsed meeting.
    pub fn describe(&mut self, meeting: &Meeting) {
        self.meeting_id = meeting.id.clone();
        self.council = meeting.council.clone();
        self.organisation = meeting.organisation.clone();
        self.date = meeting.date;
        self.kind = meeting.kind;
        self.item_count = meeting.items.len();
    }
}

/// The header every catalog file starts with: the layout's version and the parser's, so a
/// protokoll that parses differently re-reads the archive instead of showing old parses.
const HEADER: [u8; 4] = ((CATALOG_VERSION << 16) | crate::protocol::PARSER_VERSION).to_le_bytes();

/// The file's bytes, `Ok(None)` when it is not there.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::new(format!("{}: {e}", path.display()))),
    }
}

/// The body after this version's header, an error when the header is another version's.
fn body<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a [u8]> {
    match bytes.split_first_chunk::<4>() {
        Some((header, body)) if *header == HEADER => Ok(body),
        _ => Err(Error::new(format!(
            "{} is from another version of protokoll",
            path.display()
        ))),
    }
}

/// Decode a whole body: bytes left over mean the file is damaged, not a shorter value.
fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> postcard::Result<T> {
    match postcard::take_from_bytes(bytes)? {
        (value, []) => Ok(value),
        _ => Err(postcard::Error::DeserializeBadEncoding),
    }
}

pub(super) fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Result<Option<T>> {
    let path = dir.join(name);
    let Some(bytes) = read_bytes(&path)? else {
        return Ok(None);
    };
    let data = decode(body(&path, &bytes)?)
        .map_err(|e| Error::new(format!("{} is damaged ({e})", path.display())))?;
    Ok(Some(data))
}

/// Write atomically: a temporary file renamed over the old one. The temporary name is the
/// process's own, so two processes writing the same file (readers recording a freshness check)
/// never write into one temporary file.
pub(super) fn write<T: Serialize>(dir: &Path, name: &str, value: &T) -> Result<()> {
    let bytes = postcard::to_extend(value, HEADER.to_vec())
        .map_err(|e| Error::new(format!("cannot encode {name}: {e}")))?;
    let tmp = dir.join(format!("{name}.{}.tmp", std::process::id()));
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

/// The stamps file's body: a number new with every save (so files derived from the catalog can
/// tell whether they were derived from this one), the id of the log the stamps point into, then
/// the stamps.
#[derive(Serialize)]
struct StampsOut<'a> {
    generation: u64,
    log_id: u64,
    stamps: &'a [FileStamp],
}

#[derive(Deserialize, Default)]
pub struct Stamps {
    pub generation: u64,
    pub log_id: u64,
    pub stamps: Vec<FileStamp>,
}

/// The stamps, `Ok(None)` when there are none yet, an error when unreadable.
pub fn load_stamps(dir: &Path) -> Result<Option<Stamps>> {
    read::<Stamps>(dir, STAMPS)
}

/// The generation and log id of the stamps file, read from its first bytes only.
pub fn stamps_ids(dir: &Path) -> Option<(u64, u64)> {
    use std::io::Read;
    let mut start = Vec::with_capacity(24);
    std::fs::File::open(dir.join(STAMPS))
        .ok()?
        .take(4 + 20)
        .read_to_end(&mut start)
        .ok()?;
    let (header, body) = start.split_first_chunk::<4>()?;
    if *header != HEADER {
        return None;
    }
    postcard::take_from_bytes::<(u64, u64)>(body)
        .ok()
        .map(|(ids, _)| ids)
}

/// The generation of the stamps file (see [`stamps_ids`]).
pub fn stamps_generation(dir: &Path) -> Option<u64> {
    stamps_ids(dir).map(|(generation, _)| generation)
}

/// Write the stamps (their meetings must be in the log `log_id` already). Returns the new
/// generation.
pub fn save(dir: &Path, stamps: &[FileStamp], log_id: u64) -> Result<u64> {
    let previous = stamps_generation(dir).unwrap_or(0);
    let generation = (super::freshness::now_ns() as u64).max(previous + 1);
    let out = StampsOut {
        generation,
        log_id,
        stamps,
    };
    write(dir, STAMPS, &out)?;
    Ok(generation)
}

/// Bytes before the first entry of the log: the header and the log id.
const LOG_START: u64 = 4 + 8;

/// The meetings log opened for reading. The open handle keeps reading the same file should an
/// update write a new one meanwhile.
pub struct MeetingLog {
    file: std::fs::File,
    pub log_id: u64,
    len: u64,
}

impl MeetingLog {
    pub fn open(dir: &Path) -> Result<MeetingLog> {
        use std::io::Read;
        let path = dir.join(MEETINGS);
        let fail = |e: std::io::Error| Error::new(format!("{}: {e}", path.display()));
        let mut file = std::fs::File::open(&path).map_err(fail)?;
        let len = file.metadata().map_err(fail)?.len();
        let mut start = [0u8; LOG_START as usize];
        file.read_exact(&mut start)
            .map_err(|_| Error::new(format!("{} is damaged", path.display())))?;
        if start[..4] != HEADER {
            return Err(Error::new(format!(
                "{} is from another version of protokoll",
                path.display()
            )));
        }
        let log_id = u64::from_le_bytes(start[4..].try_into().expect("eight bytes"));
        Ok(MeetingLog { file, log_id, len })
    }

    /// Bytes in the log when it was opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    fn bytes_at(&self, at: Stored) -> Result<Vec<u8>> {
        let damaged = || Error::new(format!("{MEETINGS} is damaged"));
        if at.offset < LOG_START || at.offset.saturating_add(at.len as u64) > self.len {
            return Err(damaged());
        }
        let mut bytes = vec![0; at.len as usize];
        read_at(&self.file, &mut bytes, at.offset).map_err(|_| damaged())?;
        Ok(bytes)
    }

    /// The meeting stored at `at`.
    pub fn read(&self, at: Stored) -> Result<Meeting> {
        decode(&self.bytes_at(at)?).map_err(|_| Error::new(format!("{MEETINGS} is damaged")))
    }

    /// The meetings stored at `places`, in their order, for a page of rows: one read of the span
    /// they lie in when they lie close together (as rows written by one update do), decoded in
    /// parallel, else one read each.
    pub fn read_near(&self, places: &[Stored]) -> Result<Vec<Meeting>> {
        let (Some(start), Some(end)) = (
            places.iter().map(|at| at.offset).min(),
            places.iter().map(|at| at.offset + at.len as u64).max(),
        ) else {
            return Ok(Vec::new());
        };
        let live: u64 = places.iter().map(|at| at.len as u64).sum();
        if end - start > 4 * live || start < LOG_START || end > self.len {
            return places.iter().map(|&at| self.read(at)).collect();
        }
        self.read_span(start, end, places)
    }

    /// The meetings stored at `places`, in their order: the log read once, decoded in parallel.
    pub fn read_all(&self, places: &[Stored]) -> Result<Vec<Meeting>> {
        self.read_span(LOG_START, self.len, places)
    }

    /// The meetings stored at `places`, all within bytes `start..end` of the log: that span read
    /// at once, the entries decoded in parallel.
    fn read_span(&self, start: u64, end: u64, places: &[Stored]) -> Result<Vec<Meeting>> {
        let damaged = || Error::new(format!("{MEETINGS} is damaged"));
        if start < LOG_START || end > self.len || start > end {
            return Err(damaged());
        }
        let mut span = vec![0; (end - start) as usize];
        read_at(&self.file, &mut span, start).map_err(|_| damaged())?;
        places
            .par_iter()
            .map(|at| {
                let from = at.offset.checked_sub(start).ok_or_else(damaged)? as usize;
                let entry = span
                    .get(from..from.saturating_add(at.len as usize))
                    .ok_or_else(damaged)?;
                decode(entry).map_err(|_| damaged())
            })
            .collect()
    }
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// Appends meetings to the log.
pub struct LogWriter {
    file: std::io::BufWriter<std::fs::File>,
    pub log_id: u64,
    len: u64,
}

impl LogWriter {
    /// A new, empty log with a new id, replacing any log there.
    pub fn create(dir: &Path) -> Result<LogWriter> {
        let path = dir.join(MEETINGS);
        let fail = |e: std::io::Error| Error::new(format!("cannot write {}: {e}", path.display()));
        let _ = std::fs::remove_file(&path);
        let file = std::fs::File::create(&path).map_err(fail)?;
        LogWriter::start(file, &path)
    }

    fn start(file: std::fs::File, path: &Path) -> Result<LogWriter> {
        let log_id = (super::freshness::now_ns() as u64).max(1);
        let mut writer = LogWriter {
            file: std::io::BufWriter::with_capacity(1 << 20, file),
            log_id,
            len: 0,
        };
        writer
            .file
            .write_all(&HEADER)
            .and_then(|_| writer.file.write_all(&log_id.to_le_bytes()))
            .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))?;
        writer.len = LOG_START;
        Ok(writer)
    }

    /// The log `log_id`, opened to append to; an error when the log there is another one (or
    /// missing, or damaged), after which the caller rebuilds.
    pub fn append_to(dir: &Path, log_id: u64) -> Result<LogWriter> {
        let log = MeetingLog::open(dir)?;
        if log.log_id != log_id {
            return Err(Error::new(format!(
                "{} is not the log the stamps point into",
                dir.join(MEETINGS).display()
            )));
        }
        let path = dir.join(MEETINGS);
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))?;
        Ok(LogWriter {
            file: std::io::BufWriter::with_capacity(1 << 20, file),
            log_id,
            len: log.len,
        })
    }

    /// Append a meeting already encoded with [`encode_meeting`].
    pub fn append(&mut self, bytes: &[u8]) -> Result<Stored> {
        let at = Stored {
            offset: self.len,
            len: u32::try_from(bytes.len())
                .map_err(|_| Error::new("a parsed meeting over 4 GB cannot be stored"))?,
        };
        self.file
            .write_all(bytes)
            .map_err(|e| Error::new(format!("cannot write {MEETINGS}: {e}")))?;
        self.len += bytes.len() as u64;
        Ok(at)
    }

    /// Flush and sync what was appended.
    pub fn finish(self) -> Result<()> {
        let fail = |e: std::io::Error| Error::new(format!("cannot write {MEETINGS}: {e}"));
        let file = self.file.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)
    }
}

/// A meeting's bytes for the log (item texts should be empty: they are in the index).
pub fn encode_meeting(meeting: &Meeting) -> Result<Vec<u8>> {
    postcard::to_stdvec(meeting).map_err(|e| Error::new(format!("cannot encode a meeting: {e}")))
}

/// Logs smaller than this are never compacted (the seeds' log is a few kilobytes).
const COMPACT_ABOVE_BYTES: u64 = 8 << 20;

/// Write the log anew when dead entries outweigh the live ones: the stamps' meetings in their
/// order, under a new log id, renamed over the old log. Returns the new id, or `None` when the
/// log was worth keeping as it is.
pub fn compact_if_sparse(dir: &Path, stamps: &mut [FileStamp]) -> Result<Option<u64>> {
    let log = MeetingLog::open(dir)?;
    let live: u64 = stamps.iter().map(|s| s.stored.len as u64).sum();
    if log.len() <= COMPACT_ABOVE_BYTES || log.len() <= 2 * live + LOG_START {
        return Ok(None);
    }
    let tmp = dir.join(format!("{MEETINGS}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| Error::new(format!("cannot write {}: {e}", tmp.display()));
    let mut writer = LogWriter::start(std::fs::File::create(&tmp).map_err(fail)?, &tmp)?;
    for stamp in stamps.iter_mut() {
        stamp.stored = writer.append(&log.bytes_at(stamp.stored)?)?;
    }
    let log_id = writer.log_id;
    writer.finish()?;
    std::fs::rename(&tmp, dir.join(MEETINGS))
        .map_err(|e| Error::new(format!("cannot replace {MEETINGS}: {e}")))?;
    Ok(Some(log_id))
}

/// True when the meetings log is there, of this version, and the one the stamps point into
/// (checked from the first bytes, for the nothing-changed path: a deleted or overwritten log must
/// make the next update rebuild, not leave an empty library).
pub fn meetings_present(dir: &Path) -> bool {
    let log_id = MeetingLog::open(dir).map(|log| log.log_id).ok();
    log_id.is_some() && log_id == stamps_ids(dir).map(|(_, id)| id)
}

/// Remove the catalog (and the single-file catalog of earlier versions).
pub fn remove(dir: &Path) {
    for name in [
        STAMPS,
        MEETINGS,
        super::freshness::FILE,
        super::headlines::FILE,
        "catalog.bin",
    ] {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(n: usize, title: &str) -> Meeting {
        Meeting {
            id: format!("m{n}"),
            file: format!("m{n}.txt"),
            council: Some("Kommunstyrelsen".into()),
            date: NaiveDate::from_ymd_opt(2021, 2, 12),
            items: vec![crate::protocol::AgendaItem {
                id: format!("m{n}#1"),
                title: title.into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    /// A log of `count` meetings and their stamps, saved.
    fn build(dir: &Path, count: usize) -> (Vec<Meeting>, Vec<FileStamp>, u64) {
        let mut log = LogWriter::create(dir).unwrap();
        let meetings: Vec<Meeting> = (0..count).map(|n| meeting(n, "Ekonomi")).collect();
        let stamps: Vec<FileStamp> = meetings
            .iter()
            .map(|m| {
                let mut stamp = FileStamp::blank(&m.file);
                stamp.describe(m);
                stamp.stored = log.append(&encode_meeting(m).unwrap()).unwrap();
                stamp
            })
            .collect();
        let log_id = log.log_id;
        log.finish().unwrap();
        save(dir, &stamps, log_id).unwrap();
        (meetings, stamps, log_id)
    }

    #[test]
    fn meetings_round_trip_and_appends_keep_the_old_entries() {
        let dir = tempfile::tempdir().unwrap();
        let (meetings, mut stamps, log_id) = build(dir.path(), 300);
        assert!(meetings_present(dir.path()));
        let loaded = load_stamps(dir.path()).unwrap().unwrap();
        assert_eq!((loaded.log_id, &loaded.stamps), (log_id, &stamps));
        let log = MeetingLog::open(dir.path()).unwrap();
        let places: Vec<Stored> = stamps.iter().map(|s| s.stored).collect();
        assert_eq!(log.read_all(&places).unwrap(), meetings);
        assert_eq!(log.read(stamps[299].stored).unwrap(), meetings[299]);
        assert_eq!(log.read_near(&places[40..296]).unwrap(), meetings[40..296]);

        // An update appends a changed meeting; a reader of the old stamps still reads the old one.
        let mut writer = LogWriter::append_to(dir.path(), log_id).unwrap();
        let changed = meeting(7, "Budget 2022");
        let before = stamps[7].stored;
        stamps[7].stored = writer.append(&encode_meeting(&changed).unwrap()).unwrap();
        writer.finish().unwrap();
        let log = MeetingLog::open(dir.path()).unwrap();
        assert_eq!(log.read(stamps[7].stored).unwrap(), changed);
        assert_eq!(log.read(before).unwrap(), meetings[7]);
        assert!(LogWriter::append_to(dir.path(), log_id + 1).is_err());
    }

    #[test]
    fn a_sparse_log_is_written_anew_under_a_new_id() {
        let dir = tempfile::tempdir().unwrap();
        let (meetings, mut stamps, log_id) = build(dir.path(), 10);
        assert_eq!(compact_if_sparse(dir.path(), &mut stamps).unwrap(), None);
        // Rewrite one meeting until the dead entries pass the threshold.
        let mut writer = LogWriter::append_to(dir.path(), log_id).unwrap();
        let big = meeting(3, &"Ekonomi ".repeat(200_000));
        let bytes = encode_meeting(&big).unwrap();
        for _ in 0..6 {
            stamps[3].stored = writer.append(&bytes).unwrap();
        }
        writer.finish().unwrap();
        let new_id = compact_if_sparse(dir.path(), &mut stamps).unwrap().unwrap();
        assert_ne!(new_id, log_id);
        let log = MeetingLog::open(dir.path()).unwrap();
        assert_eq!(log.log_id, new_id);
        assert!(log.len() < 2 * bytes.len() as u64);
        assert_eq!(log.read(stamps[3].stored).unwrap(), big);
        assert_eq!(log.read(stamps[9].stored).unwrap(), meetings[9]);
    }

    #[test]
    fn another_version_or_damage_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let (_, stamps, _) = build(dir.path(), 1);
        let path = dir.path().join(STAMPS);
        let good = std::fs::read(&path).unwrap();
        // An older header (the bincode files of versions 4 and 5 start with their version as a u32).
        let mut old = good.clone();
        old[..4].copy_from_slice(&5u32.to_le_bytes());
        std::fs::write(&path, &old).unwrap();
        let e = load_stamps(dir.path()).err().unwrap().to_string();
        assert!(e.contains("another version"), "{e}");
        // Cut short, and with bytes left over.
        for bad in [good[..good.len() - 3].to_vec(), [&good[..], &[0]].concat()] {
            std::fs::write(&path, &bad).unwrap();
            let e = load_stamps(dir.path()).err().unwrap().to_string();
            assert!(e.contains("damaged"), "{e}");
        }
        // A log cut short: the entry past its end is damage, not a shorter meeting.
        let log_path = dir.path().join(MEETINGS);
        let log_bytes = std::fs::read(&log_path).unwrap();
        std::fs::write(&log_path, &log_bytes[..log_bytes.len() - 2]).unwrap();
        let e = MeetingLog::open(dir.path())
            .unwrap()
            .read(stamps[0].stored)
            .unwrap_err()
            .to_string();
        assert!(e.contains("damaged"), "{e}");
        std::fs::write(&log_path, [5, 0]).unwrap();
        assert!(!meetings_present(dir.path()));
    }
}
