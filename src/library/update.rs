//! Bringing an archive's index up to date: scan, compare fingerprints with the catalog, parse only
//! added and changed files (in parallel), replace their items in the index, drop removed files,
//! commit, then write the catalog. A missing, damaged or older-format index is rebuilt from
//! nothing, and the report says why. The archive is only ever read.

use super::catalog::{Catalog, FileRecord, CATALOG_VERSION};
use super::councils::{infer_council, Councils};
use super::types::{Progress, UpdateReport};
use crate::archive::{decode, scan, ScannedFile};
use crate::protocol::{parse_meeting, ParseInput, Sidecar};
use crate::search::{check_usable, SearchIndex};
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
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

fn stamp(path: &Path) -> Option<(u64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Some((meta.len(), mtime))
}

/// Remove the index's own files (tantivy folder and catalog).
pub fn clear(index_dir: &Path) -> Result<()> {
    let tdir = tantivy_dir(index_dir);
    if tdir.exists() {
        std::fs::remove_dir_all(&tdir)
            .map_err(|e| Error::new(format!("cannot remove {}: {e}", tdir.display())))?;
    }
    Catalog::remove(index_dir);
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
    Same(FileRecord),
    /// Parsed anew, with the index documents of its items.
    Parsed(FileRecord, Vec<TantivyDocument>),
    Skipped(String, String),
}

fn read_one(
    index: &SearchIndex,
    file: &ScannedFile,
    id: &str,
    old: Option<&FileRecord>,
    warnings: &std::sync::Mutex<Vec<(String, String)>>,
) -> Outcome {
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
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(e) => return Outcome::Skipped(file.rel_path.clone(), e.to_string()),
    };
    drop(bytes);
    let sidecar = file.sidecar.as_deref().and_then(|path| {
        let text = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Sidecar::from_toml(&t));
        match text {
            Ok(s) => Some(s),
            Err(reason) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                warnings.lock().unwrap_or_else(|e| e.into_inner()).push((
                    file.rel_path.clone(),
                    format!("sidecar {name} ignored: {reason}"),
                ));
                None
            }
        }
    });
    let meeting = parse_meeting(&ParseInput {
        id,
        file: &file.rel_path,
        text: &decoded.text,
        sidecar: sidecar.as_ref(),
    });
    let docs = meeting
        .items
        .iter()
        .map(|item| index.item_document(&meeting, item, &crate::links::keys::item_keys(item)))
        .collect();
    let mut stored = meeting;
    for item in &mut stored.items {
        item.text = String::new();
    }
    let record = FileRecord {
        rel_path: file.rel_path.clone(),
        size: file.size,
        mtime_ns: file.mtime_ns as i64,
        hash,
        sidecar_stamp,
        meeting: stored,
        inferred_council: None,
    };
    Outcome::Parsed(record, docs)
}

/// Update (or build) the index of `archive` in `index_dir`.
pub fn update(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<UpdateReport> {
    update_catalog(archive, index_dir, progress).map(|(report, _)| report)
}

/// [`update`], also handing back the catalog it wrote (so opening needs no second read).
pub fn update_catalog(
    archive: &Path,
    index_dir: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(UpdateReport, Catalog)> {
    let started = Instant::now();
    let mut report = UpdateReport::default();
    progress(Progress::Scanning);
    let scanned = scan(archive).map_err(|e| {
        Error::new(format!("cannot read archive folder {}: {e}", archive.display()))
    })?;
    create_private_dir(index_dir)?;
    let tdir = tantivy_dir(index_dir);

    // Decide whether the index on disk can be used as is.
    let catalog = match Catalog::load(index_dir) {
        Ok(c) => c,
        Err(e) => {
            report.rebuilt = Some(format!("catalog unusable: {e}"));
            None
        }
    };
    let usable = check_usable(&tdir);
    let mut catalog = match (catalog, usable) {
        (Some(c), Ok(())) => c,
        (c, usable) => {
            if report.rebuilt.is_none() {
                report.rebuilt = Some(match (&c, usable) {
                    (_, Err(reason)) => reason,
                    (None, Ok(())) => "catalog missing".into(),
                    (Some(_), Ok(())) => unreachable!(),
                });
            }
            if tdir.exists() {
                std::fs::remove_dir_all(&tdir).map_err(|e| {
                    Error::new(format!("cannot clear old index {}: {e}", tdir.display()))
                })?;
            }
            Catalog::remove(index_dir);
            create_private_dir(&tdir)?;
            SearchIndex::create(&tdir)?;
            Catalog {
                version: CATALOG_VERSION,
                files: vec![],
            }
        }
    };
    let index = SearchIndex::open(&tdir)?;

    // Compare fingerprints: a merge of two lists sorted by path. Unchanged records move into
    // `keep` without copying; only changed files' old records are kept aside (`old`).
    let mut previous = std::mem::take(&mut catalog.files);
    if !previous.is_sorted_by(|a, b| a.rel_path <= b.rel_path) {
        previous.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    }
    let mut keep: Vec<FileRecord> = Vec::with_capacity(previous.len());
    let mut todo: Vec<&ScannedFile> = Vec::new();
    let mut old: HashMap<String, FileRecord> = HashMap::new();
    let mut removed: Vec<FileRecord> = Vec::new();
    let mut previous = previous.into_iter().peekable();
    for f in &scanned.files {
        while previous.peek().is_some_and(|r| r.rel_path < f.rel_path) {
            removed.extend(previous.next());
        }
        match previous.next_if(|r| r.rel_path == f.rel_path) {
            Some(r)
                if r.size == f.size
                    && r.mtime_ns == f.mtime_ns as i64
                    && r.sidecar_stamp == f.sidecar.as_deref().and_then(stamp) =>
            {
                keep.push(r)
            }
            Some(r) => {
                old.insert(r.rel_path.clone(), r);
                todo.push(f);
            }
            None => todo.push(f),
        }
    }
    removed.extend(previous);
    for s in &scanned.skipped {
        report.skipped.push((s.rel_path.clone(), s.reason.clone()));
    }

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
    let mut need_council: HashSet<usize> = HashSet::new();
    // Workers read, decode, parse and build index documents in parallel; this thread hands the
    // documents to tantivy's own indexing threads as they come, so both overlap. The bounded
    // channel keeps only a few hundred files in memory at a time.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(CHANNEL_FILES);
    let result: Result<()> = std::thread::scope(|scope| {
        let old = &old;
        let warnings = &warnings;
        let id_for = &id_for;
        let index = &index;
        let todo = &todo;
        scope.spawn(move || {
            todo.par_iter().for_each_with(tx, |tx, f| {
                let outcome = read_one(index, f, &id_for(&f.rel_path), old.get(&f.rel_path), warnings);
                // The receiver only goes away on an indexing error; stop quietly then.
                let _ = tx.send(outcome);
            });
        });
        for (done, outcome) in rx.into_iter().enumerate() {
            if done % 200 == 0 {
                progress(Progress::Parsing { done, total });
            }
            match outcome {
                Outcome::Same(record) => {
                    report.unchanged += 1;
                    keep.push(record);
                }
                Outcome::Parsed(record, docs) => {
                    let w = match &mut writer {
                        Some(w) => w,
                        None => writer.insert(index.writer()?),
                    };
                    if let Some(prev) = old.get(&record.rel_path) {
                        index.delete_meeting(w, &prev.meeting.id);
                        report.changed += 1;
                    } else {
                        report.added += 1;
                    }
                    index.delete_meeting(w, &record.meeting.id);
                    report.items_indexed += docs.len();
                    for doc in docs {
                        w.add_document(doc)?;
                    }
                    if record.meeting.council.is_none() {
                        need_council.insert(keep.len());
                    }
                    keep.push(record);
                }
                Outcome::Skipped(rel, reason) => {
                    if let Some(prev) = old.get(&rel) {
                        let w = match &mut writer {
                            Some(w) => w,
                            None => writer.insert(index.writer()?),
                        };
                        index.delete_meeting(w, &prev.meeting.id);
                        report.removed += 1;
                    }
                    report.skipped.push((rel, reason));
                }
            }
        }
        Ok(())
    });
    result?;
    report.unchanged = keep.len() - report.added - report.changed;
    if !removed.is_empty() {
        let w = match &mut writer {
            Some(w) => w,
            None => writer.insert(index.writer()?),
        };
        for r in &removed {
            index.delete_meeting(w, &r.meeting.id);
        }
        report.removed += removed.len();
    }
    report
        .skipped
        .extend(warnings.into_inner().unwrap_or_else(|e| e.into_inner()));

    // Councils for files that name none: infer from the text when the set of councils changed
    // or the file is new.
    let councils = Councils::from_names(keep.iter().filter_map(|r| r.meeting.council.as_deref()));
    let roots: Vec<&str> = councils.display.keys().map(String::as_str).collect();
    let councils_changed = report.added + report.changed + report.removed > 0;
    for (i, record) in keep.iter_mut().enumerate() {
        if record.meeting.council.is_some() {
            record.inferred_council = None;
            continue;
        }
        let text = if need_council.contains(&i) || councils_changed {
            std::fs::read(archive.join(&record.rel_path))
                .ok()
                .and_then(|b| decode(&b).ok())
                .map(|d| d.text)
        } else {
            None
        };
        if let Some(text) = text {
            record.inferred_council = infer_council(&text, roots.iter().copied());
        }
    }

    progress(Progress::Committing);
    let wrote_index = writer.is_some();
    if let Some(mut w) = writer {
        index.commit(&mut w)?;
        w.wait_merging_threads()?;
    }
    keep.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let catalog = Catalog {
        version: CATALOG_VERSION,
        files: keep,
    };
    // Nothing read anew and nothing removed: the catalog on disk is already right (touched
    // timestamps of identical files are refreshed only when something else changed).
    if wrote_index || report.rebuilt.is_some() || !todo.is_empty() {
        catalog.save(index_dir)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    progress(Progress::Done);
    Ok((report, catalog))
}
