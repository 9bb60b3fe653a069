//! Bringing an archive's index up to date: scan, compare fingerprints with the catalog, parse only
//! added and changed files (in parallel), replace their items in the index, drop removed files,
//! commit, then write the catalog. A missing, damaged or older-format index is rebuilt from
//! nothing, and the report says why. The archive is only ever read.
//!
//! When nothing changed (the common start-up case) only the small stamps file is read: no
//! meeting is loaded, no file is opened, the index is not written. When something did, only the
//! files that changed are parsed and only their meetings written (appended to the catalog's
//! log); the kept meetings are not decoded.

use super::catalog::{self, FileStamp, LogWriter};
use super::councils::{infer_council, Councils};
use super::types::{Progress, UpdateReport};
use crate::archive::{extract, extract_file, scan, DocFormat, ScanResult, ScannedFile};
use crate::protocol::{parse_meeting, ParseInput, Sidecar};
use crate::search::{check_usable, SearchIndex};
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};
use tantivy::schema::TantivyDocument;

/// Parsed files waiting for the index writer: bounds memory while keeping both cores busy.
const CHANNEL_FILES: usize = 256;

/// The folder inside the index dir that holds tantivy's files.
pub fn tantivy_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("tantivy")
}

/// Create a folder (and missing parents) readable by the user only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::new(format!("cannot create index folder {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Whether index files are shared with the group (`[index] group_readable = true`).
static SHARED_WITH_GROUP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Make the index folders and files this process creates readable and writable by their group
/// (folders setgid, so files keep the folder's group), whatever the umask: one index shared by
/// the users of a server, each with their own marks, history and watches.
pub fn share_index_with_group(on: bool) {
    SHARED_WITH_GROUP.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn shared_with_group() -> bool {
    SHARED_WITH_GROUP.load(std::sync::atomic::Ordering::Relaxed)
}

/// Create an index folder: private to the user, or shared with the group (see
/// [`share_index_with_group`]).
fn create_index_dir(dir: &Path) -> Result<()> {
    if !shared_with_group() {
        return create_private_dir(dir);
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::new(format!("cannot create index folder {}: {e}", dir.display())))?;
    share_tree(dir);
    Ok(())
}

/// Give the group read and write on everything under `dir` this user owns (folders setgid).
fn share_tree(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let me = unsafe { libc::geteuid() };
        let mut todo = vec![dir.to_path_buf()];
        while let Some(path) = todo.pop() {
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.file_type().is_symlink() || meta.uid() != me {
                continue;
            }
            let mode = meta.permissions().mode() & 0o7777;
            let wanted = if meta.is_dir() {
                if let Ok(entries) = std::fs::read_dir(&path) {
                    todo.extend(entries.flatten().map(|e| e.path()));
                }
                mode | 0o2770
            } else {
                mode | 0o660
            };
            if wanted != mode {
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An exclusive lock on `update.lock` in the index folder, held for the whole update and
/// released when dropped (or when the process dies, so a killed update leaves no stale lock).
struct UpdateLock {
    _file: std::fs::File,
}

impl UpdateLock {
    /// Take the lock, or fail at once when another process holds it.
    fn acquire(index_dir: &Path) -> Result<UpdateLock> {
        Self::take(index_dir, false)
    }

    /// Take the lock, waiting for another process's update to finish first.
    fn wait_for(index_dir: &Path) -> Result<UpdateLock> {
        Self::take(index_dir, true)
    }

    fn take(index_dir: &Path, wait: bool) -> Result<UpdateLock> {
        let path = index_dir.join("update.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::new(format!("cannot write in {}: {e}", index_dir.display())))?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: flock on a descriptor this function owns; no memory is shared.
            let how = if wait {
                libc::LOCK_EX
            } else {
                libc::LOCK_EX | libc::LOCK_NB
            };
            if unsafe { libc::flock(file.as_raw_fd(), how) } != 0 {
                return Err(Error::new(
                    "another protokoll process is updating this index right now; \
                     searching still works, try the update again when it has finished",
                ));
            }
        }
        Ok(UpdateLock { _file: file })
    }
}

/// True while another process holds the update lock (checked without taking it; works in an
/// index folder this user may only read).
pub(crate) fn another_is_updating(index_dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let Ok(file) = std::fs::File::open(index_dir.join("update.lock")) else {
            return false;
        };
        // SAFETY: flock on a descriptor this function owns; a shared lock taken here is let go
        // when `file` closes.
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) != 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = index_dir;
        false
    }
}

/// A lock on `commit.lock` in the index folder that keeps the index and the catalog in step for
/// readers: an update holds it exclusively from the index commit until the catalog is written,
/// and opening holds it shared while it reads the stamps and opens the index. Without it a
/// reader could open the new index with the old catalog (hits of a new file without their
/// meeting). `None` where there is nothing to lock yet (a reader never creates the file).
///
/// Readers pass a gate (`commit-gate.lock`) first, held by a writer from before it asks for the
/// commit lock: without it, sixteen readers in a loop always have one shared lock held and a
/// writer waiting for the exclusive one never gets it (`flock` does not favour writers); with
/// it, new readers wait at the gate and the writer gets the lock once the readers already in
/// have opened.
pub(crate) fn commit_lock(index_dir: &Path, exclusive: bool) -> Option<CommitLock> {
    let open = |name: &str| {
        let path = index_dir.join(name);
        if exclusive {
            std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        } else {
            std::fs::File::open(&path)
        }
    };
    let gate = open("commit-gate.lock").ok();
    if let Some(gate) = &gate {
        flock(gate, exclusive)?;
    }
    // A reader only passes the gate: it holds the commit lock, not the gate, while it reads.
    let gate = if exclusive { gate } else { None };
    let file = open("commit.lock").ok()?;
    flock(&file, exclusive)?;
    Some(CommitLock {
        _gate: gate,
        _file: file,
    })
}

/// The commit lock (and a writer's gate), let go when dropped.
pub(crate) struct CommitLock {
    _gate: Option<std::fs::File>,
    _file: std::fs::File,
}

/// Wait for a shared or an exclusive `flock` on `file` (released when it is closed).
fn flock(file: &std::fs::File, exclusive: bool) -> Option<()> {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let how = if exclusive {
            libc::LOCK_EX
        } else {
            libc::LOCK_SH
        };
        // SAFETY: flock on a descriptor the caller owns; released when the file is dropped.
        if unsafe { libc::flock(file.as_raw_fd(), how) } != 0 {
            return None;
        }
    }
    #[cfg(not(unix))]
    let _ = (file, exclusive);
    Some(())
}

pub(crate) fn stamp(path: &Path) -> Option<(u64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Some((meta.len(), mtime))
}

/// [`clear`] for callers outside an update: refuses while another process updates the index.
pub fn clear_unless_updating(index_dir: &Path) -> Result<()> {
    if !index_dir.exists() {
        return Ok(());
    }
    let _lock = UpdateLock::acquire(index_dir)?;
    clear(index_dir)
}

/// Remove the index's own files (tantivy folder and catalog).
pub fn clear(index_dir: &Path) -> Result<()> {
    let tdir = tantivy_dir(index_dir);
    if tdir.exists() {
        std::fs::remove_dir_all(&tdir)
            .map_err(|e| Error::new(format!("cannot remove {}: {e}", tdir.display())))?;
    }
    catalog::remove(index_dir);
    Ok(())
}

/// Clear the index and create an empty one in its place, for a rebuild.
fn start_over(index_dir: &Path) -> Result<()> {
    clear(index_dir)?;
    let tdir = tantivy_dir(index_dir);
    create_index_dir(&tdir)?;
    SearchIndex::create(&tdir)?;
    Ok(())
}

/// The meeting id of a relative path: the path without its extension.
pub fn meeting_id_for(rel_path: &str) -> String {
    match rel_path.rfind('.') {
        Some(dot) if !rel_path[dot..].contains('/') && dot > 0 => rel_path[..dot].to_string(),
        _ => rel_path.to_string(),
    }
}

/// What reading one file gave.
enum Outcome {
    /// Same bytes as before (only the timestamp moved).
    Same(FileStamp),
    /// Parsed anew.
    Parsed(Parsed),
    Skipped(String, String),
}

/// A file parsed anew: its stamp, its meeting encoded for the log, the index documents of its
/// items, and its page count (for the report).
struct Parsed {
    stamp: FileStamp,
    meeting: Vec<u8>,
    docs: Vec<TantivyDocument>,
    pages: u32,
}

/// Everything a worker needs to read one file.
struct ReadContext<'a> {
    index: &'a SearchIndex,
    /// Council keys known before this update, for files that name no council.
    council_keys: &'a [String],
    warnings: &'a std::sync::Mutex<Vec<(String, String)>>,
}

fn read_sidecar(ctx: &ReadContext, file: &ScannedFile) -> Option<Sidecar> {
    let path = file.sidecar.as_deref()?;
    let parsed = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| Sidecar::from_toml(&t));
    match parsed {
        Ok(s) => Some(s),
        Err(reason) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            ctx.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((
                    file.rel_path.clone(),
                    format!("sidecar {name} ignored: {reason}"),
                ));
            None
        }
    }
}

fn read_one(ctx: &ReadContext, file: &ScannedFile, id: &str, old: Option<&FileStamp>) -> Outcome {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Skipped(file.rel_path.clone(), format!("cannot read: {e}")),
    };
    let hash: [u8; 32] = *blake3::hash(&bytes).as_bytes();
    let sidecar_stamp = file.sidecar.as_deref().and_then(stamp);
    if let Some(old) = old {
        if old.hash == hash && old.sidecar_stamp == sidecar_stamp {
            let mut same = old.clone();
            same.size = file.size;
            same.mtime_ns = file.mtime_ns as i64;
            return Outcome::Same(same);
        }
    }
    let format = DocFormat::of_path(&file.path).unwrap_or(DocFormat::Text);
    let decoded = match extract(&bytes, format) {
        Ok(d) => d,
        Err(reason) => return Outcome::Skipped(file.rel_path.clone(), reason),
    };
    drop(bytes);
    let sidecar = read_sidecar(ctx, file);
    let meeting = parse_meeting(&ParseInput {
        id,
        file: &file.rel_path,
        text: &decoded.text,
        sidecar: sidecar.as_ref(),
        page_starts: &decoded.page_starts,
    });
    let docs = meeting
        .items
        .iter()
        .map(|item| {
            ctx.index
                .item_document(&meeting, item, &crate::links::keys::item_keys(item))
        })
        .collect();
    let inferred_council = if meeting.council.is_none() {
        infer_council(&decoded.text, ctx.council_keys.iter().map(String::as_str))
    } else {
        None
    };
    let mut stored = meeting;
    for item in &mut stored.items {
        item.text = String::new();
    }
    let encoded = match catalog::encode_meeting(&stored) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::Skipped(file.rel_path.clone(), e.to_string()),
    };
    let mut stamp = FileStamp {
        size: file.size,
        mtime_ns: file.mtime_ns as i64,
        hash,
        sidecar_stamp,
        inferred_council,
        ..FileStamp::blank(&file.rel_path)
    };
    stamp.describe(&stored);
    Outcome::Parsed(Parsed {
        stamp,
        meeting: encoded,
        docs,
        pages: stored.pages.unwrap_or(0),
    })
}

/// True when `scanned` shows exactly the files of `stamps`, none touched since (the fast check
/// that nothing changed; any doubt means an update runs).
pub fn unchanged(stamps: &[FileStamp], scanned: &ScanResult) -> bool {
    stamps.len() == scanned.files.len()
        && stamps.iter().zip(&scanned.files).all(|(s, f)| {
            s.rel_path == f.rel_path
                && s.size == f.size
                && s.mtime_ns == f.mtime_ns as i64
                && s.sidecar_stamp == f.sidecar.as_deref().and_then(stamp)
        })
}

/// The councils named by the files themselves (before organisations are worked out).
fn named_councils(stamps: &[FileStamp]) -> Councils {
    Councils::from_names(stamps.iter().filter_map(|s| s.council.as_deref()))
}

/// Their canonical keys, sorted.
fn council_keys(councils: &Councils) -> Vec<String> {
    let mut keys: Vec<String> = councils.display.keys().cloned().collect();
    keys.sort();
    keys
}

/// Result of an update: the report, and what the library needs to open without re-reading.
pub struct Updated {
    pub report: UpdateReport,
    /// The headline facts of the files now indexed.
    pub headlines: super::headlines::Headlines,
}

/// The headline table of `stamps`: the one on disk when it was worked out from this catalog,
/// else worked out now and saved beside it.
fn headlines_for(
    index_dir: &Path,
    stamps: &catalog::Stamps,
) -> Result<super::headlines::Headlines> {
    use super::headlines::{work_out, Headlines};
    if let Some(table) = Headlines::load(index_dir) {
        if table.len() == stamps.stamps.len() {
            return Ok(table);
        }
    }
    // Under the update lock: the catalog on disk is the one `stamps` came from.
    let table = work_out(&stamps.stamps, stamps.generation, stamps.log_id);
    table.save(index_dir)?;
    Ok(table)
}

/// Update (or build) the index of `archive` in `index_dir`. When another process is updating it,
/// wait for that update and then bring the index up to date from there (usually nothing is left
/// to do): two `protokoll index` at once both succeed.
pub fn update(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Updated> {
    create_index_dir(index_dir)?;
    let _update_lock = UpdateLock::wait_for(index_dir)?;
    let updated = update_locked(archive, index_dir, progress);
    if shared_with_group() {
        share_tree(index_dir);
    }
    updated
}

/// [`update`] for a program that answers from the index as it is when another process is
/// updating it (the TUI, query commands): fails at once instead of waiting.
pub fn update_catalog(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Updated> {
    create_index_dir(index_dir)?;
    // One update at a time per index: a second one would otherwise judge a first build in
    // progress (no catalog yet) unusable and clear it under the running writer.
    let _update_lock = UpdateLock::acquire(index_dir)?;
    let updated = update_locked(archive, index_dir, progress);
    if shared_with_group() {
        share_tree(index_dir);
    }
    updated
}

/// [`update_catalog`] with the update lock held.
fn update_locked(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Updated> {
    let started = Instant::now();
    let look_began = super::freshness::now_ns();
    let mut report = UpdateReport::default();
    progress(Progress::Scanning);
    let scanned = scan(archive).map_err(|e| {
        Error::new(format!(
            "cannot read archive folder {}: {e}",
            archive.display()
        ))
    })?;
    for s in &scanned.skipped {
        report.skipped.push((s.rel_path.clone(), s.reason.clone()));
    }
    create_index_dir(index_dir)?;
    let tdir = tantivy_dir(index_dir);

    // Decide whether the index on disk can be used as is.
    let catalog_on_disk = match catalog::load_stamps(index_dir) {
        Ok(s) => s,
        Err(e) => {
            report.rebuilt = Some(format!("catalog unusable: {e}"));
            None
        }
    };
    let mut previous = match (catalog_on_disk, check_usable(&tdir)) {
        (Some(s), Ok(())) => s,
        (s, usable) => {
            if report.rebuilt.is_none() {
                report.rebuilt = Some(match (&s, usable) {
                    (_, Err(reason)) => reason,
                    _ => "catalog missing".into(),
                });
            }
            start_over(index_dir)?;
            catalog::Stamps::default()
        }
    };
    if !previous
        .stamps
        .is_sorted_by(|a, b| a.rel_path <= b.rel_path)
    {
        previous.stamps.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    }

    // Compare fingerprints: a merge of two lists sorted by path.
    let mut unchanged: Vec<usize> = Vec::with_capacity(previous.stamps.len());
    let mut changed: HashMap<&str, usize> = HashMap::new();
    let mut todo: Vec<&ScannedFile> = Vec::new();
    let mut removed: Vec<usize> = Vec::new();
    {
        let previous = &previous.stamps;
        let mut p = 0;
        for f in &scanned.files {
            while p < previous.len() && previous[p].rel_path < f.rel_path {
                removed.push(p);
                p += 1;
            }
            if p < previous.len() && previous[p].rel_path == f.rel_path {
                let r = &previous[p];
                if r.size == f.size
                    && r.mtime_ns == f.mtime_ns as i64
                    && r.sidecar_stamp == f.sidecar.as_deref().and_then(stamp)
                {
                    unchanged.push(p);
                } else {
                    changed.insert(f.rel_path.as_str(), p);
                    todo.push(f);
                }
                p += 1;
            } else {
                todo.push(f);
            }
        }
        removed.extend(p..previous.len());
    }

    if todo.is_empty()
        && removed.is_empty()
        && report.rebuilt.is_none()
        && (previous.stamps.is_empty() || catalog::meetings_present(index_dir))
    {
        // Nothing to do: no meeting loaded, no index writer taken, only the look recorded.
        record_look(index_dir, &scanned, look_began);
        report.unchanged = previous.stamps.len();
        let headlines = headlines_for(index_dir, &previous)?;
        report.seconds = started.elapsed().as_secs_f64();
        progress(Progress::Done);
        return Ok(Updated { report, headlines });
    }

    // Something changed: the parsed meetings are appended to the log the kept ones are in (a
    // new log when there is none, or it is not the one the stamps point into).
    let keys_before = council_keys(&named_councils(&previous.stamps));
    let mut log = if previous.stamps.is_empty() {
        LogWriter::create(index_dir)?
    } else {
        match LogWriter::append_to(index_dir, previous.log_id) {
            Ok(log) => log,
            Err(e) => {
                report.rebuilt = Some(format!("catalog unusable: {e}"));
                start_over(index_dir)?;
                return finish_rebuild(archive, index_dir, progress, report, started);
            }
        }
    };
    let index = SearchIndex::open(&tdir)?;
    let mut stamps: Vec<Option<FileStamp>> = std::mem::take(&mut previous.stamps)
        .into_iter()
        .map(Some)
        .collect();
    let mut keep: Vec<FileStamp> = unchanged.iter().filter_map(|&i| stamps[i].take()).collect();
    let old: HashMap<&str, FileStamp> = changed
        .iter()
        .filter_map(|(&rel, &i)| stamps[i].take().map(|r| (rel, r)))
        .collect();
    let removed: Vec<FileStamp> = removed.iter().filter_map(|&i| stamps[i].take()).collect();
    drop(stamps);

    // Meeting ids: the path without extension, unless two files share it (a.txt and a.md).
    let mut id_count: HashMap<String, usize> = HashMap::new();
    for f in &scanned.files {
        *id_count.entry(meeting_id_for(&f.rel_path)).or_default() += 1;
    }
    let id_for = |rel: &str| {
        let id = meeting_id_for(rel);
        if id_count.get(&id).copied().unwrap_or(0) > 1 {
            rel.to_string()
        } else {
            id
        }
    };

    let mut writer = None;
    let total = todo.len();
    let warnings = std::sync::Mutex::new(Vec::new());
    let ctx = ReadContext {
        index: &index,
        council_keys: &keys_before,
        warnings: &warnings,
    };
    // Workers read, decode, parse and build index documents in parallel; this thread hands the
    // documents to tantivy's own indexing threads and the meetings to the log as they come, so
    // all overlap. The bounded channel keeps only a few hundred files in memory at a time.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(CHANNEL_FILES);
    let result: Result<()> = std::thread::scope(|scope| {
        let (ctx, old, id_for, todo) = (&ctx, &old, &id_for, &todo);
        scope.spawn(move || {
            todo.par_iter().for_each_with(tx, |tx, f| {
                let outcome = read_one(ctx, f, &id_for(&f.rel_path), old.get(f.rel_path.as_str()));
                // The receiver only goes away on an indexing error; stop quietly then.
                let _ = tx.send(outcome);
            });
        });
        // Progress every 200 files, or every 100 ms when files are slow to read (PDFs).
        let mut last_report = Instant::now();
        for (done, outcome) in rx.into_iter().enumerate() {
            if done % 200 == 0 || last_report.elapsed().as_millis() >= 100 {
                last_report = Instant::now();
                progress(Progress::Parsing {
                    done,
                    total,
                    pages: report.pages_read,
                });
            }
            match outcome {
                Outcome::Same(stamp) => keep.push(stamp),
                Outcome::Parsed(Parsed {
                    mut stamp,
                    meeting,
                    docs,
                    pages,
                }) => {
                    let w = match &mut writer {
                        Some(w) => w,
                        None => writer.insert(index.writer()?),
                    };
                    if let Some(prev) = old.get(stamp.rel_path.as_str()) {
                        index.delete_meeting(w, &prev.meeting_id);
                        report.changed += 1;
                    } else {
                        report.added += 1;
                    }
                    index.delete_meeting(w, &stamp.meeting_id);
                    report.items_indexed += docs.len();
                    report.pages_read += pages as usize;
                    for doc in docs {
                        w.add_document(doc)?;
                    }
                    stamp.stored = log.append(&meeting)?;
                    keep.push(stamp);
                }
                Outcome::Skipped(rel, reason) => {
                    if let Some(prev) = old.get(rel.as_str()) {
                        let w = match &mut writer {
                            Some(w) => w,
                            None => writer.insert(index.writer()?),
                        };
                        index.delete_meeting(w, &prev.meeting_id);
                        report.removed += 1;
                    }
                    report.skipped.push((rel, reason));
                }
            }
        }
        Ok(())
    });
    result?;
    let mut log_id = log.log_id;
    log.finish()?;
    report.unchanged = keep.len() - report.added - report.changed;
    if !removed.is_empty() {
        let w = match &mut writer {
            Some(w) => w,
            None => writer.insert(index.writer()?),
        };
        for r in &removed {
            index.delete_meeting(w, &r.meeting_id);
        }
        report.removed += removed.len();
    }
    report
        .skipped
        .extend(warnings.into_inner().unwrap_or_else(|e| e.into_inner()));

    let councils_after = named_councils(&keep);
    super::attach::attach(&mut keep, &councils_after);

    progress(Progress::Committing);
    let _in_step = commit_lock(index_dir, true);
    if let Some(mut w) = writer {
        index.commit(&mut w)?;
        w.wait_merging_threads()?;
    }
    // Files that name no council had one inferred from the councils known before; if this update
    // brought new councils (or took some away), infer again from the new set. Text files are
    // read again (cheap); PDFs and Word files are not extracted again: their items' texts are
    // in the index just committed.
    let keys_after = council_keys(&councils_after);
    if keys_after != keys_before {
        let stored_log = catalog::MeetingLog::open(index_dir)?;
        for stamp in keep.iter_mut().filter(|s| s.council.is_none()) {
            let path = crate::archive::resolve(archive, &stamp.rel_path);
            let text = match path.as_deref().and_then(DocFormat::of_path) {
                Some(DocFormat::Text) | None => path
                    .and_then(|path| extract_file(&path).ok())
                    .map(|d| d.text),
                Some(_) => stored_log.read(stamp.stored).ok().map(|meeting| {
                    meeting
                        .items
                        .iter()
                        .filter_map(|item| index.stored_item(&item.id))
                        .map(|(text, _)| text)
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            };
            if let Some(text) = text {
                stamp.inferred_council =
                    infer_council(&text, keys_after.iter().map(String::as_str));
            }
        }
    }

    keep.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    if let Some(new_id) = catalog::compact_if_sparse(index_dir, &mut keep)? {
        log_id = new_id;
    }
    let generation = catalog::save(index_dir, &keep, log_id)?;
    // Written before the commit lock is let go, so a reader opening now gets this update's table.
    let headlines = super::headlines::work_out(&keep, generation, log_id);
    headlines.save(index_dir)?;
    drop(_in_step);
    record_look(index_dir, &scanned, look_began);
    report.seconds = started.elapsed().as_secs_f64();
    progress(Progress::Done);
    Ok(Updated { report, headlines })
}

/// Record the folders this update's full look saw (see `freshness.rs`). A failure only means
/// the next query looks at every file again, so it is logged, not raised.
fn record_look(index_dir: &Path, scanned: &crate::archive::ScanResult, began: i128) {
    if let Err(e) = super::freshness::save(index_dir, scanned, began) {
        tracing::warn!("cannot record the archive's folders: {e}");
    }
}

/// After clearing a damaged catalog mid-update: run again from nothing, keeping the reason.
fn finish_rebuild(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
    report: UpdateReport,
    started: Instant,
) -> Result<Updated> {
    let mut updated = update_locked(archive, index_dir, progress)?;
    updated.report.rebuilt = report.rebuilt.or(updated.report.rebuilt);
    updated.report.seconds = started.elapsed().as_secs_f64();
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn a_writer_gets_the_commit_lock_while_readers_keep_coming() {
        let dir = tempfile::tempdir().unwrap();
        // The writer creates the lock files; readers never do.
        drop(commit_lock(dir.path(), true).unwrap());
        let stop = AtomicBool::new(false);
        let waited = std::thread::scope(|scope| {
            // Four readers holding the shared lock 20 ms at a time, overlapping: one of them
            // always holds it (for 3 s at most, so a writer starved by them waits that long).
            for n in 0..4u64 {
                let (stop, dir) = (&stop, dir.path());
                scope.spawn(move || {
                    let began = Instant::now();
                    std::thread::sleep(Duration::from_millis(5 * n));
                    while !stop.load(Ordering::Relaxed) && began.elapsed() < Duration::from_secs(3)
                    {
                        let _held = commit_lock(dir, false).unwrap();
                        std::thread::sleep(Duration::from_millis(20));
                    }
                });
            }
            std::thread::sleep(Duration::from_millis(100));
            let asked = Instant::now();
            let lock = commit_lock(dir.path(), true);
            let waited = asked.elapsed();
            assert!(lock.is_some());
            drop(lock);
            stop.store(true, Ordering::Relaxed);
            waited
        });
        assert!(
            waited < Duration::from_secs(1),
            "the writer waited {waited:?} behind readers"
        );
    }
}
