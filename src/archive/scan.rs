//! Walk an archive folder (read-only) and list its protocol files with fingerprints. Nothing is
//! opened for writing, ever. Symlinked folders are followed once (loops are cut), hidden folders
//! (`.git`) are skipped, and every file that is not read says why.

use super::extract::DocFormat;
use crate::text::sanitize;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Files larger than this are skipped with a reason instead of being read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// True for the extensions of the formats protokoll reads.
fn is_read(ext: &str) -> bool {
    DocFormat::from_extension(ext).is_some()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedFile {
    /// Path relative to the archive root, with `/` separators (lossy if not valid UTF-8).
    pub rel_path: String,
    /// Absolute path, exactly as on disk (may not be UTF-8).
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i128,
    /// `NAME.meta.toml` beside the file, or `protokoll.toml` in its folder, when present.
    pub sidecar: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub rel_path: String,
    pub reason: String,
}

/// A folder walked, with its modification time: a file added, removed or renamed in it changes
/// that time, which lets a later check find such changes without a stat of every file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedFolder {
    /// Path relative to the archive root ("" for the root itself).
    pub rel_path: String,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i128,
}

#[derive(Debug, Default)]
pub struct ScanResult {
    pub files: Vec<ScannedFile>,
    pub skipped: Vec<SkippedFile>,
    /// Every folder walked, sorted by relative path.
    pub folders: Vec<ScannedFolder>,
}

/// A file's or folder's modification time in nanoseconds since the epoch (0 when unknown).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// List every protocol file under `root`, sorted by relative path.
pub fn scan(root: &Path) -> std::io::Result<ScanResult> {
    let meta = std::fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is not a folder", root.display()),
        ));
    }
    let visited = Mutex::new(HashSet::new());
    let mut result = walk(
        root,
        root,
        (folder_identity(&meta, root), mtime_ns(&meta)),
        &visited,
    );
    result.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    result.folders.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    drop_name_clashes(&mut result);
    drop_second_copies(&mut result);
    result.skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(result)
}

/// Two files whose names read the same once made text (a Windows-1252 name beside the same name
/// in UTF-8) would share one meeting id: the first is kept, the other skipped with the reason.
fn drop_name_clashes(result: &mut ScanResult) {
    let mut kept: Vec<ScannedFile> = Vec::with_capacity(result.files.len());
    for file in result.files.drain(..) {
        match kept.last() {
            Some(prev) if prev.rel_path == file.rel_path => result.skipped.push(SkippedFile {
                rel_path: file.rel_path.clone(),
                reason: format!(
                    "its name reads the same as another file's ({:?}); rename one of them",
                    prev.path.file_name().unwrap_or_default()
                ),
            }),
            _ => kept.push(file),
        }
    }
    result.files = kept;
}

/// One document in two formats (`protokoll.pdf` and the `protokoll.txt` exported from it) would
/// be one meeting twice: the preferred format is read, the other skipped with the reason.
fn drop_second_copies(result: &mut ScanResult) {
    let stem = |f: &ScannedFile| {
        let p = &f.rel_path;
        match p.rfind('.') {
            Some(dot) if !p[dot..].contains('/') => p[..dot].to_string(),
            _ => p.clone(),
        }
    };
    let preference =
        |f: &ScannedFile| DocFormat::of_path(&f.path).map_or(u8::MAX, DocFormat::preference);
    let mut best: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, f) in result.files.iter().enumerate() {
        let slot = best.entry(stem(f)).or_insert(i);
        if preference(f) < preference(&result.files[*slot]) {
            *slot = i;
        }
    }
    if best.len() == result.files.len() {
        return;
    }
    let names: Vec<String> = result
        .files
        .iter()
        .map(|f| {
            f.rel_path
                .rsplit('/')
                .next()
                .unwrap_or(&f.rel_path)
                .to_string()
        })
        .collect();
    let files = std::mem::take(&mut result.files);
    for (i, f) in files.into_iter().enumerate() {
        let kept = best[&stem(&f)];
        if kept == i {
            result.files.push(f);
        } else {
            result.skipped.push(SkippedFile {
                rel_path: f.rel_path.clone(),
                reason: format!(
                    "the same document as {}, which is read instead",
                    names[kept]
                ),
            });
        }
    }
}

fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    r.components()
        .map(|c| name_text(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// The path on disk of a file listed as `rel_path` under `root`. Usually `root/rel_path`; when a
/// name on disk is not UTF-8 (and so reads differently as text), the folder is searched for the
/// entry whose name reads as the text. `None` when no such file exists (any more).
pub fn resolve(root: &Path, rel_path: &str) -> Option<PathBuf> {
    let direct = root.join(rel_path);
    if std::fs::symlink_metadata(&direct).is_ok() {
        return Some(direct);
    }
    let mut path = root.to_path_buf();
    for part in rel_path.split('/') {
        let next = path.join(part);
        path = if std::fs::symlink_metadata(&next).is_ok() {
            next
        } else {
            std::fs::read_dir(&path)
                .ok()?
                .filter_map(|e| e.ok())
                .find(|e| name_text(&e.file_name()) == part)?
                .path()
        };
    }
    Some(path)
}

/// A file or folder name as text. Names that are not UTF-8 come from archives copied off old
/// Windows machines: read them as Windows-1252 (`m\xf6te` → `möte`), as file contents are.
fn name_text(name: &std::ffi::OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(name.as_bytes());
        text.into_owned()
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// Walk one folder; its subfolders are walked in parallel (a large archive's start-up check is
/// mostly stat calls, which two cores halve).
fn walk(
    root: &Path,
    dir: &Path,
    (identity, mtime_ns): (FolderId, i128),
    visited: &Mutex<HashSet<FolderId>>,
) -> ScanResult {
    let mut result = ScanResult::default();
    let mut subfolders = Vec::new();
    if walk_folder(root, dir, identity, visited, &mut result, &mut subfolders) {
        result.folders.push(ScannedFolder {
            rel_path: rel(root, dir),
            mtime_ns,
        });
    }
    let nested: Vec<ScanResult> = subfolders
        .par_iter()
        .map(|(sub, id, mtime)| {
            #[allow(clippy::clone_on_copy)] // a path on platforms without inode numbers
            let id = id.clone();
            walk(root, sub, (id, *mtime), visited)
        })
        .collect();
    for n in nested {
        result.files.extend(n.files);
        result.skipped.extend(n.skipped);
        result.folders.extend(n.folders);
    }
    result
}

/// What makes a folder the same folder however it is reached: device and inode on Unix (no
/// extra system call: the metadata is already at hand), the canonical path elsewhere.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_identity(meta: &std::fs::Metadata, _path: &Path) -> FolderId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn folder_identity(_meta: &std::fs::Metadata, path: &Path) -> FolderId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn walk_folder(
    root: &Path,
    dir: &Path,
    identity: FolderId,
    visited: &Mutex<HashSet<FolderId>>,
    out: &mut ScanResult,
    subfolders: &mut Vec<(PathBuf, FolderId, i128)>,
) -> bool {
    // Cut symlink loops: each real folder is walked once.
    let first_visit = visited
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(identity);
    if !first_visit {
        out.skipped.push(SkippedFile {
            rel_path: rel(root, dir),
            reason: "folder already visited (symlink loop)".into(),
        });
        return false;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.skipped.push(SkippedFile {
                rel_path: rel(root, dir),
                reason: format!("cannot read folder: {e}"),
            });
            return false;
        }
    };
    let mut dir_entries: Vec<std::fs::DirEntry> = entries.filter_map(|e| e.ok()).collect();
    dir_entries.sort_by_key(|e| e.file_name());
    let paths: Vec<PathBuf> = dir_entries.iter().map(|e| e.path()).collect();
    // Sidecars are looked up among this folder's names, not with one more stat per file.
    let names: HashSet<std::ffi::OsString> = paths
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_os_string()))
        .collect();
    let folder_sidecar = names
        .contains(std::ffi::OsStr::new("protokoll.toml"))
        .then(|| dir.join("protokoll.toml"));
    for (entry, path) in dir_entries.iter().zip(paths) {
        let name = path.file_name().map(name_text).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Stat relative to the open folder (no path walk per file); follow symlinks by path.
        let meta = match entry.metadata().and_then(|m| {
            if m.file_type().is_symlink() {
                std::fs::metadata(&path)
            } else {
                Ok(m)
            }
        }) {
            Ok(m) => m,
            Err(e) => {
                out.skipped.push(SkippedFile {
                    rel_path: rel(root, &path),
                    reason: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if meta.is_dir() {
            let id = folder_identity(&meta, &path);
            subfolders.push((path, id, mtime_ns(&meta)));
            continue;
        }
        if name.ends_with(".meta.toml") || name == "protokoll.toml" {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| sanitize(&name_text(e)).to_ascii_lowercase())
            .unwrap_or_default();
        if !meta.is_file() {
            // A FIFO, socket or device (even behind a `.txt` name) would block or never end.
            if is_read(&ext) {
                out.skipped.push(SkippedFile {
                    rel_path: rel(root, &path),
                    reason: "not a regular file (a pipe, socket or device)".into(),
                });
            }
            continue;
        }
        if !is_read(&ext) {
            out.skipped.push(SkippedFile {
                rel_path: rel(root, &path),
                reason: skip_reason(&ext),
            });
            continue;
        }
        if meta.len() > MAX_FILE_BYTES {
            out.skipped.push(SkippedFile {
                rel_path: rel(root, &path),
                reason: format!(
                    "{} MB is above the {} MB limit for one protocol file",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            });
            continue;
        }
        if meta.len() == 0 {
            out.skipped.push(SkippedFile {
                rel_path: rel(root, &path),
                reason: "empty file (0 bytes)".into(),
            });
            continue;
        }
        let mtime_ns = mtime_ns(&meta);
        let sidecar = sidecar_for(&path, &names).or_else(|| folder_sidecar.clone());
        out.files.push(ScannedFile {
            rel_path: rel(root, &path),
            path,
            size: meta.len(),
            mtime_ns,
            sidecar,
        });
    }
    true
}

/// `NAME.meta.toml` (or `NAME.txt.meta.toml`) beside `NAME.txt`, among the folder's `names`.
fn sidecar_for(path: &Path, names: &HashSet<std::ffi::OsString>) -> Option<PathBuf> {
    let stem = path.file_stem()?;
    let name = path.file_name()?;
    [stem, name]
        .into_iter()
        .map(|base| {
            let mut candidate = base.to_os_string();
            candidate.push(".meta.toml");
            candidate
        })
        .find(|candidate| names.contains(candidate))
        .map(|candidate| path.with_file_name(candidate))
}

fn skip_reason(ext: &str) -> String {
    match ext {
        "doc" | "rtf" => {
            format!(".{ext} office file is not read: save it as .docx, .odt, PDF or text")
        }
        "ppt" | "pptx" | "odp" => format!(".{ext} slide deck is not read: export it to text"),
        "png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" | "bmp" => {
            format!(".{ext} image is not read: OCR it to text first")
        }
        "" => "no file extension: only .pdf, .docx, .odt, .txt and .md files are read".into(),
        other => format!(".{other} is not a protocol file (.pdf, .docx, .odt, .txt, .md)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_text_files_skips_others_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("2021")).unwrap();
        std::fs::write(dir.path().join("2021/a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("2021/a.meta.toml"), "council = \"X\"").unwrap();
        std::fs::write(dir.path().join("b.md"), "y").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "%PDF").unwrap();
        std::fs::write(dir.path().join("d.doc"), "old word").unwrap();
        std::fs::write(dir.path().join("e.docx"), "PK").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/d.txt"), "z").unwrap();
        let r = scan(dir.path()).unwrap();
        let names: Vec<_> = r.files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(names, ["2021/a.txt", "b.md", "c.pdf", "e.docx"]);
        assert!(r.files[0].sidecar.is_some());
        assert_eq!(r.skipped.len(), 1);
        assert!(r.skipped[0].reason.contains(".docx"), "{:?}", r.skipped);
    }

    #[test]
    fn a_pdf_with_its_text_export_beside_it_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ks")).unwrap();
        std::fs::write(dir.path().join("ks/protokoll.pdf"), "%PDF-1.4").unwrap();
        std::fs::write(dir.path().join("ks/protokoll.txt"), "Protokoll").unwrap();
        std::fs::write(dir.path().join("ks/bilaga.pdf"), "%PDF-1.4").unwrap();
        let r = scan(dir.path()).unwrap();
        let names: Vec<_> = r.files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(names, ["ks/bilaga.pdf", "ks/protokoll.txt"]);
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].rel_path, "ks/protokoll.pdf");
        assert!(
            r.skipped[0].reason.contains("protokoll.txt"),
            "{:?}",
            r.skipped
        );
    }

    #[cfg(unix)]
    #[test]
    fn windows_1252_names_read_as_text_and_resolve_back() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(std::ffi::OsStr::from_bytes(b"n\xe4mnd"));
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join(std::ffi::OsStr::from_bytes(b"m\xf6te.txt"));
        std::fs::write(&file, "x").unwrap();
        let r = scan(dir.path()).unwrap();
        assert_eq!(r.files[0].rel_path, "nämnd/möte.txt");
        assert_eq!(resolve(dir.path(), "nämnd/möte.txt"), Some(file));
        assert_eq!(resolve(dir.path(), "nämnd/saknas.txt"), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/p.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).unwrap();
        let r = scan(dir.path()).unwrap();
        assert_eq!(r.files.len(), 1);
        assert!(r.skipped.iter().any(|s| s.reason.contains("loop")));
    }
}
