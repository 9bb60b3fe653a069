//! Saved searches that say what is new. The searches themselves are a plain TOML file in the
//! config dir (`watches.toml`: name and query, nothing personal, so it can be handed to a
//! colleague); what each user has already seen is kept apart, in their own state dir, per
//! archive, so two people sharing one index or one watch file each get their own "3 new".
//!
//! "New" means: meetings with a hit that were not among the watch's hits when its user last
//! looked (`watch show`, or the TUI's watch view). A hit in an attachment counts for the meeting
//! it belongs to.

use super::Library;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Hits looked at per watch; a watch with more is too broad to say what is new anyway.
const WATCH_HITS: usize = 1000;

/// One saved search.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Watch {
    pub name: String,
    pub query: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct WatchFile {
    #[serde(default)]
    watch: Vec<Watch>,
}

/// What one user has seen: archive → watch name → meeting ids.
#[derive(Debug, Default, Serialize, Deserialize)]
struct SeenFile {
    #[serde(default)]
    archive: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
}

/// A watch's hits now, and which meetings are new to its user.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WatchStatus {
    pub name: String,
    pub query: String,
    /// Meetings with a hit, newest first.
    pub meetings: Vec<String>,
    /// The new ones among them.
    pub new: Vec<String>,
}

/// The watches and the user's seen-state, as files.
pub struct WatchStore {
    watches_path: PathBuf,
    seen_path: PathBuf,
    watches: Vec<Watch>,
    seen: SeenFile,
}

/// The config dir: `$PROTOKOLL_CONFIG_DIR`, else the platform's (`~/.config/protokoll`).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PROTOKOLL_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "protokoll", "protokoll")
        .map(|d| d.config_dir().to_path_buf())
}

/// The per-user state dir: `$PROTOKOLL_STATE_DIR`, else the platform's.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PROTOKOLL_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "protokoll", "protokoll").map(|d| {
        d.state_dir()
            .unwrap_or_else(|| d.data_local_dir())
            .to_path_buf()
    })
}

impl WatchStore {
    /// The user's watches (none yet is not an error).
    pub fn open() -> Result<WatchStore> {
        let config = config_dir().ok_or_else(|| Error::new("no home folder for watches.toml"))?;
        let state = state_dir().ok_or_else(|| Error::new("no home folder for the watch state"))?;
        WatchStore::open_at(&config.join("watches.toml"), &state.join("watch-seen.toml"))
    }

    pub fn open_at(watches_path: &Path, seen_path: &Path) -> Result<WatchStore> {
        let watches: WatchFile = read_toml(watches_path)?;
        let seen: SeenFile = read_toml(seen_path)?;
        Ok(WatchStore {
            watches_path: watches_path.to_path_buf(),
            seen_path: seen_path.to_path_buf(),
            watches: watches.watch,
            seen,
        })
    }

    pub fn watches(&self) -> &[Watch] {
        &self.watches
    }

    pub fn path(&self) -> &Path {
        &self.watches_path
    }

    /// Save a new search (its name defaults to the query). What it finds today is taken as
    /// seen, so "new" starts from now.
    pub fn add(&mut self, library: &Library, query: &str, name: Option<&str>) -> Result<Watch> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Error::new("a watch needs a query"));
        }
        // An unreadable query is refused now rather than failing at every look.
        library.search(query, 1)?;
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(query);
        if self.watches.iter().any(|w| w.name == name) {
            return Err(Error::new(format!(
                "a watch named {name:?} exists; pick another --name or `watch rm` it first"
            )));
        }
        let watch = Watch {
            name: name.to_string(),
            query: query.to_string(),
        };
        self.watches.push(watch.clone());
        let status = self.status(library, &watch)?;
        self.mark_seen(library, &watch.name, &status.meetings);
        self.save()?;
        Ok(watch)
    }

    /// Forget a watch (and what its user had seen of it).
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let before = self.watches.len();
        self.watches.retain(|w| w.name != name);
        if self.watches.len() == before {
            return Err(Error::new(format!(
                "no watch named {name:?} (see `protokoll watch list`)"
            )));
        }
        for per_archive in self.seen.archive.values_mut() {
            per_archive.remove(name);
        }
        self.save()
    }

    /// The watch's hits now and which meetings are new to this user.
    pub fn status(&self, library: &Library, watch: &Watch) -> Result<WatchStatus> {
        let hits = library.search(&watch.query, WATCH_HITS)?;
        let mut meetings: Vec<(Option<String>, String)> = Vec::new();
        for hit in hits {
            let meeting = hit.attached_to.unwrap_or(hit.meeting_id);
            if !meetings.iter().any(|(_, m)| *m == meeting) {
                let date = library
                    .meeting(&meeting)
                    .and_then(|m| m.date)
                    .map(|d| d.to_string())
                    .or(hit.date);
                meetings.push((date, meeting));
            }
        }
        meetings.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let seen = self
            .seen
            .archive
            .get(&archive_key(library))
            .and_then(|per| per.get(&watch.name));
        let new = meetings
            .iter()
            .filter(|(_, m)| !seen.is_some_and(|s| s.contains(m)))
            .map(|(_, m)| m.clone())
            .collect();
        Ok(WatchStatus {
            name: watch.name.clone(),
            query: watch.query.clone(),
            meetings: meetings.into_iter().map(|(_, m)| m).collect(),
            new,
        })
    }

    /// Every watch's status.
    pub fn statuses(&self, library: &Library) -> Vec<Result<WatchStatus>> {
        self.watches
            .iter()
            .map(|w| self.status(library, w))
            .collect()
    }

    /// Record that the user has now seen these meetings of a watch.
    pub fn mark_seen(&mut self, library: &Library, name: &str, meetings: &[String]) {
        let seen = self
            .seen
            .archive
            .entry(archive_key(library))
            .or_default()
            .entry(name.to_string())
            .or_default();
        seen.extend(meetings.iter().cloned());
    }

    /// Write both files (each replaced whole, through a temp file, so a crash leaves the old).
    pub fn save(&self) -> Result<()> {
        write_toml(
            &self.watches_path,
            &WatchFile {
                watch: self.watches.clone(),
            },
        )?;
        write_toml(&self.seen_path, &self.seen)
    }
}

/// Seen-state is per archive (one user may watch several).
fn archive_key(library: &Library) -> String {
    std::fs::canonicalize(library.archive())
        .unwrap_or_else(|_| library.archive().to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn read_toml<T: for<'de> Deserialize<'de> + Default>(path: &Path) -> Result<T> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| Error::new(format!("{} is not readable: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(Error::new(format!("cannot read {}: {e}", path.display()))),
    }
}

fn write_toml<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = toml::to_string_pretty(value)
        .map_err(|e| Error::new(format!("cannot encode {}: {e}", path.display())))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))
}
