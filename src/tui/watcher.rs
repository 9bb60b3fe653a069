//! The archive watched while the TUI is open: when files are added, removed, renamed or
//! written (or folders come and go), the session updates the index in the background and the
//! new state shows without a restart. Events are settled first (nothing for [`QUIET`]), so
//! copying in a folder of a hundred files makes one update, not a hundred.

use super::event::Event;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long the archive must be still before an update starts.
pub const QUIET: Duration = Duration::from_millis(400);

/// Keeps the watch alive; dropping it stops watching.
pub struct ArchiveWatcher {
    _watcher: notify::RecommendedWatcher,
}

/// True for an event that may change what the index holds: not a read (our own update reads
/// every changed file), not inside the index folder, not only hidden names (editor swap files,
/// `.git`), which the archive scan skips too.
fn matters(event: &notify::Event, index_dir: &Path) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|path| {
        !path.starts_with(index_dir)
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    })
}

/// Watch `archive` (recursively), sending [`Event::ArchiveChanged`] after each settled burst of
/// changes. An error says why the archive cannot be watched (e.g. the system's limit of
/// watched folders); the TUI then updates only at start and on request.
pub fn watch(
    archive: &Path,
    index_dir: &Path,
    sender: Sender<Event>,
) -> notify::Result<ArchiveWatcher> {
    let (changes, changed) = mpsc::channel::<()>();
    let index_dir: PathBuf = std::fs::canonicalize(index_dir).unwrap_or(index_dir.to_path_buf());
    let mut watcher =
        notify::recommended_watcher(move |result: notify::Result<notify::Event>| match result {
            Ok(event) if matters(&event, &index_dir) => {
                let _ = changes.send(());
            }
            Ok(_) => {}
            Err(error) => tracing::warn!("watching the archive: {error}"),
        })?;
    watcher.watch(archive, RecursiveMode::Recursive)?;
    std::thread::Builder::new()
        .name("archive-watch".into())
        .spawn(move || {
            while changed.recv().is_ok() {
                loop {
                    match changed.recv_timeout(QUIET) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if sender.send(Event::ArchiveChanged).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(ArchiveWatcher { _watcher: watcher })
}

/// [`watch`] from a thread of its own that keeps the watch for the rest of the process: setting
/// up a watch per folder of a large archive takes a while, which start-up must not wait for.
/// When the archive cannot be watched, the session is told why.
pub fn watch_in_background(archive: &Path, index_dir: &Path, sender: Sender<Event>) {
    let (archive, index_dir) = (archive.to_path_buf(), index_dir.to_path_buf());
    let spawned = std::thread::Builder::new()
        .name("archive-watch-setup".into())
        .spawn(move || match watch(&archive, &index_dir, sender.clone()) {
            Ok(watching) => {
                // Parked for good; the watch ends with the process.
                let _keep = watching;
                loop {
                    std::thread::park();
                }
            }
            Err(error) => {
                let _ = sender.send(Event::WatchFailed(error.to_string()));
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("cannot start watching the archive: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(events: &mpsc::Receiver<Event>) -> usize {
        let mut n = 0;
        while let Ok(event) = events.recv_timeout(QUIET * 4) {
            if matches!(event, Event::ArchiveChanged) {
                n += 1;
            }
        }
        n
    }

    #[test]
    fn a_burst_of_changes_is_one_event_and_hidden_files_none() {
        let archive = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        let (sender, events) = mpsc::channel();
        let _watch = watch(archive.path(), index.path(), sender).unwrap();
        std::fs::write(archive.path().join(".ks.txt.swp"), "x").unwrap();
        assert_eq!(settled(&events), 0, "an editor's swap file");
        for n in 0..20 {
            std::fs::write(archive.path().join(format!("ks-{n}.txt")), "Protokoll").unwrap();
        }
        assert_eq!(settled(&events), 1, "twenty files copied in");
        std::fs::create_dir(archive.path().join("2025")).unwrap();
        std::fs::write(archive.path().join("2025/kf.txt"), "Protokoll").unwrap();
        assert_eq!(settled(&events), 1, "a folder with a file, in a subfolder");
    }
}
