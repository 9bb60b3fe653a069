//! The catalog: what the index holds, file by file. It is two files beside the tantivy index:
//! `stamps.bin`, small, with each file's fingerprint and the few facts a search hit shows
//! (meeting id, council, date), read on every start; and `meetings.bin`, the parsed meetings
//! without item texts (those are in the index), read only when meetings are listed or browsed.
//! Both are written after the index commits, so a crash between the two leaves a catalog that is
//! behind the index, which the next update repairs (a file it does not know is re-read and its
//! items replaced).
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
pub const CATALOG_VERSION: u32 = 8;

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
/// tell whether they were derived from this one), then the stamps.
#[derive(Serialize)]
struct StampsOut<'a> {
    generation: u64,
    stamps: Vec<&'a FileStamp>,
}

#[derive(Deserialize)]
struct StampsIn {
    generation: u64,
    stamps: Vec<FileStamp>,
}

/// The stamps, `Ok(None)` when there are none yet, an error when unreadable.
pub fn load_stamps(dir: &Path) -> Result<Option<Vec<FileStamp>>> {
    Ok(load_stamps_with_generation(dir)?.map(|(_, stamps)| stamps))
}

/// The stamps and the generation they were saved with (read together: one read of the file).
pub fn load_stamps_with_generation(dir: &Path) -> Result<Option<(u64, Vec<FileStamp>)>> {
    Ok(read::<StampsIn>(dir, STAMPS)?.map(|file| (file.generation, file.stamps)))
}

/// The generation of the stamps file, read from its first bytes only.
pub fn stamps_generation(dir: &Path) -> Option<u64> {
    use std::io::Read;
    let mut start = Vec::with_capacity(16);
    std::fs::File::open(dir.join(STAMPS))
        .ok()?
        .take(4 + 10)
        .read_to_end(&mut start)
        .ok()?;
    let (header, body) = start.split_first_chunk::<4>()?;
    if *header != HEADER {
        return None;
    }
    postcard::take_from_bytes::<u64>(body).ok().map(|(g, _)| g)
}

/// Meetings per separately encoded chunk of `meetings.bin`: chunks decode in parallel, which on
/// a large archive halves the wait before the TUI's first frame.
pub(super) const MEETINGS_PER_CHUNK: usize = 256;

/// The meetings file's body: each chunk is a postcard-encoded `Vec<Meeting>`.
#[derive(Serialize, Deserialize)]
struct MeetingChunks<'a> {
    #[serde(borrow)]
    chunks: Vec<&'a [u8]>,
}

fn read_meetings(dir: &Path) -> Result<Vec<Meeting>> {
    let path = dir.join(MEETINGS);
    let Some(bytes) = read_bytes(&path)? else {
        return Ok(vec![]);
    };
    let damaged = |e: postcard::Error| Error::new(format!("{} is damaged ({e})", path.display()));
    let file: MeetingChunks = decode(body(&path, &bytes)?).map_err(damaged)?;
    let chunks: Vec<Vec<Meeting>> = file
        .chunks
        .par_iter()
        .map(|chunk| decode(chunk))
        .collect::<std::result::Result<_, _>>()
        .map_err(damaged)?;
    Ok(chunks.into_iter().flatten().collect())
}

fn write_meetings(dir: &Path, meetings: &[&Meeting]) -> Result<()> {
    let encoded: Vec<Vec<u8>> = meetings
        .par_chunks(MEETINGS_PER_CHUNK)
        .map(postcard::to_stdvec)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::new(format!("cannot encode {MEETINGS}: {e}")))?;
    let file = MeetingChunks {
        chunks: encoded.iter().map(Vec::as_slice).collect(),
    };
    write(dir, MEETINGS, &file)
}

/// The meetings file opened for reading chunk by chunk: where each chunk's bytes are, found by
/// stepping over the length-prefixed chunks (a few hundred small reads, not the whole file). The
/// open handle keeps reading the same file should an update replace it meanwhile.
pub(super) struct MeetingPages {
    file: std::fs::File,
    /// Byte offset and length of each chunk.
    chunks: Vec<(u64, usize)>,
}

impl MeetingPages {
    pub(super) fn open(dir: &Path) -> Result<MeetingPages> {
        use std::io::{Read, Seek, SeekFrom};
        let path = dir.join(MEETINGS);
        let damaged = || Error::new(format!("{} is damaged", path.display()));
        let mut file = std::fs::File::open(&path)
            .map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
        let size = file
            .metadata()
            .map_err(|e| Error::new(format!("{}: {e}", path.display())))?
            .len();
        let mut header = [0u8; 4];
        file.read_exact(&mut header).map_err(|_| damaged())?;
        if header != HEADER {
            return Err(Error::new(format!(
                "{} is from another version of protokoll",
                path.display()
            )));
        }
        // A varint (postcard's length prefix) at `pos`: its value and its length in bytes.
        let mut varint = |pos: u64| -> Result<(u64, u64)> {
            let mut buf = Vec::with_capacity(10);
            file.seek(SeekFrom::Start(pos)).map_err(|_| damaged())?;
            (&mut file)
                .take(10)
                .read_to_end(&mut buf)
                .map_err(|_| damaged())?;
            let (value, rest) = postcard::take_from_bytes::<u64>(&buf).map_err(|_| damaged())?;
            Ok((value, (buf.len() - rest.len()) as u64))
        };
        let mut pos = 4;
        let (count, width) = varint(pos)?;
        pos += width;
        let mut chunks = Vec::new();
        for _ in 0..count {
            let (len, width) = varint(pos)?;
            pos += width;
            if pos.saturating_add(len) > size {
                return Err(damaged());
            }
            chunks.push((pos, len as usize));
            pos += len;
        }
        if pos != size {
            return Err(damaged());
        }
        Ok(MeetingPages { file, chunks })
    }

    /// The meetings of chunk `chunk` (catalog rows `chunk * MEETINGS_PER_CHUNK` on).
    pub(super) fn chunk(&mut self, chunk: usize) -> Result<Vec<Meeting>> {
        use std::io::{Read, Seek, SeekFrom};
        let damaged = || Error::new(format!("{MEETINGS} is damaged"));
        let &(offset, len) = self.chunks.get(chunk).ok_or_else(damaged)?;
        let mut bytes = vec![0; len];
        self.file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| self.file.read_exact(&mut bytes))
            .map_err(|_| damaged())?;
        decode(&bytes).map_err(|_| damaged())
    }
}

/// The meetings of the files whose meeting ids are `ids` (catalog order), in the same order.
pub fn load_meetings<'a>(
    dir: &Path,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> Result<Vec<Meeting>> {
    let meetings = read_meetings(dir)?;
    if meetings.len() != ids.len() || meetings.iter().zip(ids).any(|(m, id)| m.id != id) {
        return Err(Error::new(format!(
            "{} does not match {}",
            dir.join(MEETINGS).display(),
            dir.join(STAMPS).display()
        )));
    }
    Ok(meetings)
}

/// The meetings file's meetings by id, for a library whose catalog another process has since
/// replaced (its meetings are matched by id; a file removed since has none).
pub fn meetings_by_id(dir: &Path) -> Result<std::collections::HashMap<String, Meeting>> {
    Ok(read_meetings(dir)?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect())
}

/// Stamps and meetings together.
pub fn load_records(dir: &Path, stamps: Vec<FileStamp>) -> Result<Vec<FileRecord>> {
    let meetings = load_meetings(dir, stamps.iter().map(|s| s.meeting_id.as_str()))?;
    Ok(stamps
        .into_iter()
        .zip(meetings)
        .map(|(stamp, meeting)| FileRecord { stamp, meeting })
        .collect())
}

/// Write both files: meetings first, so stamps never point at meetings that are not there.
/// Returns the new generation.
pub fn save(dir: &Path, records: &[FileRecord]) -> Result<u64> {
    let meetings: Vec<&Meeting> = records.iter().map(|r| &r.meeting).collect();
    write_meetings(dir, &meetings)?;
    let previous = stamps_generation(dir).unwrap_or(0);
    let generation = (super::freshness::now_ns() as u64).max(previous + 1);
    let stamps = StampsOut {
        generation,
        stamps: records.iter().map(|r| &r.stamp).collect(),
    };
    write(dir, STAMPS, &stamps)?;
    Ok(generation)
}

/// True when the meetings file is there and starts with this version's header (checked without
/// decoding it, for the nothing-changed path: a deleted or overwritten meetings file must make the
/// next update rebuild, not leave an empty library).
pub fn meetings_present(dir: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 4];
    std::fs::File::open(dir.join(MEETINGS))
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|_| header == HEADER)
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

    fn record(n: usize) -> FileRecord {
        let meeting = Meeting {
            id: format!("m{n}"),
            file: format!("m{n}.txt"),
            council: Some("Kommunstyrelsen".into()),
            date: NaiveDate::from_ymd_opt(2021, 2, 12),
            items: vec![crate::protocol::AgendaItem {
                id: format!("m{n}#1"),
                title: "Ekonomi".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut r = FileRecord {
            stamp: FileStamp::blank(&meeting.file),
            meeting,
        };
        r.sync_stamp();
        r
    }

    #[test]
    fn records_round_trip_across_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let records: Vec<FileRecord> = (0..MEETINGS_PER_CHUNK + 3).map(record).collect();
        let generation = save(dir.path(), &records).unwrap();
        assert_eq!(stamps_generation(dir.path()), Some(generation));
        assert!(save(dir.path(), &records).unwrap() > generation);
        assert!(meetings_present(dir.path()));
        let stamps = load_stamps(dir.path()).unwrap().unwrap();
        assert_eq!(load_records(dir.path(), stamps).unwrap(), records);
    }

    #[test]
    fn another_version_or_damage_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &[record(1)]).unwrap();
        let path = dir.path().join(STAMPS);
        let good = std::fs::read(&path).unwrap();
        // An older header (the bincode files of versions 4 and 5 start with their version as a u32).
        let mut old = good.clone();
        old[..4].copy_from_slice(&5u32.to_le_bytes());
        std::fs::write(&path, &old).unwrap();
        let e = load_stamps(dir.path()).unwrap_err().to_string();
        assert!(e.contains("another version"), "{e}");
        // Cut short, and with bytes left over.
        for bad in [good[..good.len() - 3].to_vec(), [&good[..], &[0]].concat()] {
            std::fs::write(&path, &bad).unwrap();
            let e = load_stamps(dir.path()).unwrap_err().to_string();
            assert!(e.contains("damaged"), "{e}");
        }
        std::fs::write(dir.path().join(MEETINGS), [5, 0]).unwrap();
        assert!(!meetings_present(dir.path()));
    }
}
