//! When a query may answer from the index without looking at every file of the archive.
//!
//! An update (and every full check that found nothing changed) records the modification time of
//! each folder of the archive and when that full look began. Adding, removing or renaming a file
//! changes its folder's time, and adding or removing a folder changes its parent's, so a stat of
//! each folder (not each file) finds them. A file rewritten in place under the same name changes
//! no folder; that is seen by the next full check, which runs when the recorded one is older than
//! the policy's `full_check_after` (and always by `protokoll index`, and at once by a running
//! TUI's file watcher). A folder changed within [`RACY_NS`] before the full look began may hide a
//! change made in the same clock tick, so it counts as changed until a later full look confirms
//! it.

use super::catalog;
use crate::archive::ScanResult;
use crate::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The record's file name in the index folder.
pub const FILE: &str = "freshness.bin";

/// How close to the full look a folder's change makes it doubtful (file systems keep times in
/// ticks of a few milliseconds; a second is generous and costs one extra full look).
const RACY_NS: i128 = 1_000_000_000;

/// The full check's default age limit.
pub const DEFAULT_FULL_CHECK_AFTER: Duration = Duration::from_secs(300);

/// What the last full look at the archive saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    /// When the full look began, nanoseconds since the epoch.
    pub checked_ns: i128,
    /// Every folder walked, relative to the archive, with its modification time then.
    pub folders: Vec<(String, i128)>,
}

/// What the folder check concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No folder changed and the last full look is recent enough: the index is current.
    Current,
    /// Every file must be looked at, and why.
    LookAtFiles(&'static str),
}

pub fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// Record what a full look that began at `checked_ns` saw.
pub fn save(index_dir: &Path, scanned: &ScanResult, checked_ns: i128) -> Result<()> {
    let record = Freshness {
        checked_ns,
        folders: scanned
            .folders
            .iter()
            .map(|f| (f.rel_path.clone(), f.mtime_ns))
            .collect(),
    };
    catalog::write(index_dir, FILE, &record)
}

pub fn load(index_dir: &Path) -> Option<Freshness> {
    catalog::read(index_dir, FILE).ok().flatten()
}

/// Compare the archive's folders with the record, one stat per folder (in parallel).
pub fn check(archive: &Path, index_dir: &Path, full_check_after: Duration) -> Verdict {
    let Some(record) = load(index_dir) else {
        return Verdict::LookAtFiles("no record of an earlier full check");
    };
    let age = now_ns() - record.checked_ns;
    if age < 0 || age > full_check_after.as_nanos() as i128 {
        return Verdict::LookAtFiles("the last full check is too old");
    }
    let changed = record.folders.par_iter().any(|(rel, mtime)| {
        *mtime == 0
            || *mtime >= record.checked_ns - RACY_NS
            || std::fs::metadata(archive.join(rel))
                .ok()
                .or_else(|| {
                    // A folder name that is not UTF-8 is recorded as read; find it by that.
                    std::fs::metadata(crate::archive::resolve(archive, rel)?).ok()
                })
                .map(|meta| crate::archive::scan::mtime_ns(&meta))
                != Some(*mtime)
    });
    if record.folders.is_empty() || changed {
        Verdict::LookAtFiles("a folder changed")
    } else {
        Verdict::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::scan;

    fn age(dir: &Path, by: Duration) {
        let mut record = load(dir).unwrap();
        record.checked_ns -= by.as_nanos() as i128;
        catalog::write(dir, FILE, &record).unwrap();
    }

    /// Set a folder's modification time a minute back (so the look after it is not racy).
    fn backdate(folder: &Path) {
        let minute_ago = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::open(folder)
            .and_then(|f| f.set_modified(minute_ago))
            .unwrap();
    }

    /// An archive with two folders, last changed a minute before a full look now.
    fn looked_at() -> (tempfile::TempDir, tempfile::TempDir) {
        let archive = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        std::fs::create_dir(archive.path().join("2024")).unwrap();
        std::fs::write(archive.path().join("2024/ks.txt"), "Kommunstyrelsen").unwrap();
        backdate(&archive.path().join("2024"));
        backdate(archive.path());
        save(index.path(), &scan(archive.path()).unwrap(), now_ns()).unwrap();
        (archive, index)
    }

    const LIMIT: Duration = Duration::from_secs(300);

    #[test]
    fn unchanged_folders_and_a_recent_full_check_are_current() {
        let (archive, index) = looked_at();
        assert_eq!(check(archive.path(), index.path(), LIMIT), Verdict::Current);
    }

    #[test]
    fn a_file_added_removed_or_renamed_or_a_folder_added_is_seen() {
        type Change = fn(&Path);
        let changes: [(&str, Change); 4] = [
            ("added", |a| {
                std::fs::write(a.join("2024/kf.txt"), "x").unwrap()
            }),
            ("removed", |a| {
                std::fs::remove_file(a.join("2024/ks.txt")).unwrap()
            }),
            ("renamed", |a| {
                std::fs::rename(a.join("2024/ks.txt"), a.join("2024/ks-2.txt")).unwrap()
            }),
            ("folder added", |a| {
                std::fs::create_dir(a.join("2025")).unwrap()
            }),
        ];
        for (what, change) in changes {
            let (archive, index) = looked_at();
            change(archive.path());
            assert_eq!(
                check(archive.path(), index.path(), LIMIT),
                Verdict::LookAtFiles("a folder changed"),
                "{what}"
            );
        }
    }

    #[test]
    fn an_old_full_check_or_none_means_every_file_is_looked_at() {
        let (archive, index) = looked_at();
        age(index.path(), Duration::from_secs(600));
        assert!(matches!(
            check(archive.path(), index.path(), LIMIT),
            Verdict::LookAtFiles(_)
        ));
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            check(archive.path(), empty.path(), LIMIT),
            Verdict::LookAtFiles(_)
        ));
    }

    #[test]
    fn a_folder_changed_just_before_the_full_look_stays_in_doubt() {
        let archive = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        std::fs::write(archive.path().join("ks.txt"), "Kommunstyrelsen").unwrap();
        // The look began right as the folder changed: a file added in the same tick could hide.
        save(index.path(), &scan(archive.path()).unwrap(), now_ns()).unwrap();
        assert!(matches!(
            check(archive.path(), index.path(), LIMIT),
            Verdict::LookAtFiles(_)
        ));
    }
}
