//! The command line: `protokoll [--archive DIR] [--index DIR] [COMMAND]`. With no command it opens
//! the TUI. Every command prints text for people (aligned, coloured only on a terminal, `NO_COLOR`
//! respected) or, with `--json`, the contract of docs/architecture.md on stdout. Messages go to
//! stderr; failures exit non-zero.

mod brief;
mod markdown;
mod output;

use crate::library::{Library, Progress, UpdateReport};
use crate::{Error, Result};
use clap::{Args, Parser, Subcommand};
use output::Out;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "protokoll",
    version,
    about = "Browse, search and cross-reference archives of council meeting protocols",
    long_about = "Browse, search and cross-reference archives of council meeting protocols.\n\n\
        With no command, opens the terminal UI on the archive. The archive is read, never written;\n\
        the index lives under your data folder (one per archive) unless --index is given.\n\n\
        Search syntax: words (all must occur; inflections, missing diacritics and typos are\n\
        tolerated), \"a phrase\", prefix*, -excluded, council:NAME (part of the name),\n\
        from:YYYY[-MM[-DD]], to:YYYY[-MM[-DD]], year:YYYY.",
    after_help = "Examples:\n  protokoll --archive seeds                  open the TUI\n  \
        protokoll --archive seeds index            update the index and say what changed\n  \
        protokoll --archive seeds search ruc       full-text search\n  \
        protokoll --archive seeds search 'council:skol from:2022 kompetens'\n  \
        protokoll --archive seeds show 001_17cbd9c42a60c6b1#4\n  \
        protokoll --archive seeds related 001_17cbd9c42a60c6b1#4 --json"
)]
pub struct Cli {
    /// The archive folder (else `archive` in the config file, else $PROTOKOLL_ARCHIVE).
    #[arg(long, global = true, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// Where the index lives (default: one folder per archive under the user's data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Keymap for the TUI: a preset name (default, vim, emacs) or a path to a TOML file.
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone, Copy, Default)]
pub struct Common {
    /// Print JSON (the scripting contract) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Do not bring the index up to date first.
    #[arg(long)]
    pub no_update: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Bring the index up to date (only added, changed and removed files are read) and report.
    Index {
        /// Throw the index away and build it again from the archive.
        #[arg(long)]
        rebuild: bool,
        #[arg(long)]
        json: bool,
    },
    /// List meetings: date, council, kind, item count (attachments of meetings with --all).
    Meetings {
        /// Only councils whose name contains this (case and diacritics ignored).
        #[arg(long)]
        council: Option<String>,
        /// Every document, the attachments of meetings included.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        common: Common,
    },
    /// List agenda items (all, or one meeting's).
    Items {
        /// Only this meeting's items.
        #[arg(long, value_name = "MEETING_ID")]
        meeting: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Full-text search. Words, "phrases", prefix*, -word, council:, from:, to:, year:.
    Search {
        /// The query (several words may be given without quotes).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        common: Common,
    },
    /// Show one agenda item (with its related items) or one meeting.
    Show {
        id: String,
        /// Print only the item's citation ("Lomma kommun, Kommunstyrelsen 2026-04-22 § 52, Dnr …").
        #[arg(long)]
        cite: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Before a meeting: each item of an agenda (a file, or the id of an agenda in the archive)
    /// with its matter's earlier treatments, newest first, and what is still open.
    Brief {
        /// A kallelse / föredragningslista: a file in any format protokoll reads, or a meeting id.
        agenda: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
    /// Saved searches that say what is new since you last looked.
    Watch {
        #[command(subcommand)]
        action: WatchAction,
    },
    /// Items in other meetings related to an item, with the reasons.
    Related {
        id: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        common: Common,
    },
    /// Follow an item's matter through time, across councils.
    Thread {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
    /// Two meetings side by side, agenda items aligned.
    Compare {
        a: String,
        b: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
}

/// How a document-like result is printed (`--json` wins over both).
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    #[default]
    Text,
    /// Markdown with citations, for pasting into a document or an e-mail.
    Md,
}

#[derive(Subcommand, Debug)]
pub enum WatchAction {
    /// Save a search; what it finds today counts as seen.
    Add {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// A short name (default: the query).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// The saved searches, each with how many meetings are new.
    List {
        /// Only watches with something new.
        #[arg(long)]
        new: bool,
        #[command(flatten)]
        common: Common,
    },
    /// A watch's meetings, new ones marked; afterwards they count as seen.
    Show {
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Forget a saved search.
    Rm {
        name: String,
        #[command(flatten)]
        common: Common,
    },
}

/// The archive folder: `--archive`, else `archive = "..."` in the config file, else
/// `$PROTOKOLL_ARCHIVE`.
pub fn resolve_archive(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(a) = config_table()?
        .as_ref()
        .and_then(|t| t.get("archive"))
        .and_then(|v| v.as_str())
    {
        return Ok(PathBuf::from(a));
    }
    if let Some(a) = std::env::var_os("PROTOKOLL_ARCHIVE") {
        return Ok(PathBuf::from(a));
    }
    Err(Error::new(
        "no archive given: pass --archive DIR, set PROTOKOLL_ARCHIVE, \
         or put archive = \"DIR\" in the config file",
    ))
}

/// The user's `config.toml` (in `$PROTOKOLL_CONFIG_DIR`, else the platform's config folder),
/// when there is one; an error says where it is unreadable.
fn config_table() -> Result<Option<toml::Table>> {
    let Some(dir) = crate::library::watch::config_dir() else {
        return Ok(None);
    };
    let config = dir.join("config.toml");
    let Ok(text) = std::fs::read_to_string(&config) else {
        return Ok(None);
    };
    text.parse::<toml::Table>()
        .map(Some)
        .map_err(|e| Error::new(format!("{}: {}", config.display(), e.message())))
}

/// How old the last look at every file may be before a query looks again:
/// `$PROTOKOLL_FULL_CHECK_SECONDS`, else `full_check_seconds` in the config file, else 5 minutes.
fn full_check_after() -> std::time::Duration {
    let seconds = std::env::var("PROTOKOLL_FULL_CHECK_SECONDS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .or_else(|| {
            config_table()
                .ok()
                .flatten()?
                .get("full_check_seconds")?
                .as_integer()
                .and_then(|n| u64::try_from(n).ok())
        });
    seconds
        .map(std::time::Duration::from_secs)
        .unwrap_or(crate::library::DEFAULT_FULL_CHECK_AFTER)
}

/// Print progress on stderr while indexing, only when stderr is a terminal.
fn stderr_progress() -> impl Fn(Progress) + Sync {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    move |p| {
        if !tty {
            return;
        }
        match p {
            Progress::Parsing { done, total, pages } if total > 0 => {
                if pages > 0 {
                    eprint!("\rindexing: {done}/{total} files, {pages} PDF pages");
                } else {
                    eprint!("\rindexing: {done}/{total} files");
                }
            }
            Progress::Committing => eprint!("\rindexing: writing index...        "),
            Progress::Done => eprint!("\r\x1b[2K"),
            _ => {}
        }
    }
}

fn describe_update(report: &UpdateReport) -> String {
    let mut s = format!(
        "{} added, {} changed, {} removed, {} unchanged; {} items indexed in {:.2} s",
        report.added,
        report.changed,
        report.removed,
        report.unchanged,
        report.items_indexed,
        report.seconds
    );
    if let Some(why) = &report.rebuilt {
        s = format!("index rebuilt ({why}): {s}");
    }
    s
}

fn print_skipped(report: &UpdateReport) {
    for (file, reason) in &report.skipped {
        // Both come from file names on disk, which may hold escape sequences.
        eprintln!(
            "skipped {}: {}",
            crate::text::sanitize(file),
            crate::text::sanitize(reason)
        );
    }
}

/// Update quietly before a query command, then open: say something only when files changed, and
/// keep going on the existing index when another process is updating it.
fn refresh_and_open(archive: &Path, index_dir: &Path) -> Result<Library> {
    match Library::open_current_within(archive, index_dir, full_check_after(), &stderr_progress()) {
        Ok((library, None)) => Ok(library),
        Ok((library, Some(report))) => {
            if report.added + report.changed + report.removed > 0 || report.rebuilt.is_some() {
                eprintln!("{}", describe_update(&report));
                print_skipped(&report);
            }
            Ok(library)
        }
        Err(e) => match Library::open(archive, index_dir) {
            Ok(library) if library.is_indexed() && read_only(index_dir) => {
                eprintln!(
                    "note: index not updated: the index in {} is older than the archive and you cannot \
                     update it; \
                     showing what is indexed. {} can update it (protokoll index).",
                    crate::text::sanitize(&index_dir.display().to_string()),
                    who_can_write(index_dir)
                );
                Ok(library)
            }
            Ok(library) if library.is_indexed() => {
                let e = explain_update_error(e, index_dir);
                eprintln!(
                    "note: index not updated ({}); showing what is indexed",
                    crate::text::sanitize(&e.to_string())
                );
                Ok(library)
            }
            _ => Err(explain_update_error(e, index_dir)),
        },
    }
}

/// True when this user cannot write in the index folder (a shared index they only read).
fn read_only(index_dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if let Ok(path) = std::ffi::CString::new(index_dir.as_os_str().as_bytes()) {
            // SAFETY: a NUL-terminated path; access only reads it.
            return unsafe { libc::access(path.as_ptr(), libc::W_OK) } != 0;
        }
    }
    false
}

/// "User anna (or group protokoll)": who may write in the index folder.
fn who_can_write(index_dir: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if let Ok(meta) = std::fs::metadata(index_dir) {
            // SAFETY: getpwuid/getgrgid return static records or null; the name is copied at once.
            let name = |p: *const libc::c_char| {
                (!p.is_null()).then(|| {
                    unsafe { std::ffi::CStr::from_ptr(p) }
                        .to_string_lossy()
                        .into_owned()
                })
            };
            let user = name(unsafe {
                libc::getpwuid(meta.uid())
                    .as_ref()
                    .map_or(std::ptr::null(), |p| p.pw_name)
            })
            .unwrap_or_else(|| format!("uid {}", meta.uid()));
            let group = name(unsafe {
                libc::getgrgid(meta.gid())
                    .as_ref()
                    .map_or(std::ptr::null(), |g| g.gr_name)
            })
            .unwrap_or_else(|| format!("gid {}", meta.gid()));
            return if meta.permissions().mode() & 0o020 != 0 {
                format!("User {user} (or a member of group {group})")
            } else {
                format!("User {user}")
            };
        }
    }
    let _ = index_dir;
    "Whoever owns it".into()
}

/// `[index] group_readable = true` in the config file: the index is shared with the group.
fn index_shared_in_config() -> bool {
    config_table()
        .ok()
        .flatten()
        .and_then(|table| table.get("index")?.get("group_readable")?.as_bool())
        .unwrap_or(false)
}

/// Free bytes on the file system holding `dir` (or its nearest existing parent).
#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let existing = dir.ancestors().find(|d| d.exists())?;
    let path = std::ffi::CString::new(existing.as_os_str().as_bytes()).ok()?;
    let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a zeroed struct the call fills in.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    Some(stats.f_bavail as u64 * stats.f_frsize as u64)
}

#[cfg(not(unix))]
fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

/// Index writes that fail deep inside tantivy's threads say little ("an index writer was
/// killed"); when the disk holding the index is (nearly) full, say so.
fn explain_update_error(e: Error, index_dir: &Path) -> Error {
    match free_bytes(index_dir) {
        Some(free) if free < 1024 * 1024 => Error::new(format!(
            "{e} (the disk holding the index folder {} is full: {} KB free)",
            index_dir.display(),
            free / 1024
        )),
        _ => e,
    }
}

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Messages may quote paths and ids the user typed or the disk holds.
            eprintln!("protokoll: {}", crate::text::sanitize(&e.to_string()));
            1
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
    let archive = resolve_archive(cli.archive.as_deref())?;
    if !archive.is_dir() {
        return Err(Error::new(format!(
            "archive folder {} does not exist or is not a folder",
            archive.display()
        )));
    }
    let index_dir = match &cli.index {
        Some(dir) => dir.clone(),
        None => Library::default_index_dir(&archive)?,
    };
    crate::library::share_index_with_group(index_shared_in_config());
    let Some(command) = cli.command else {
        return run_tui(archive, index_dir, cli.keymap);
    };
    // `brief FILE` on a terminal opens the TUI on the brief; piped, or with --json or
    // --format md, it prints.
    if let Command::Brief {
        agenda,
        format: Format::Text,
        common,
    } = &command
    {
        use std::io::IsTerminal;
        if !common.json && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            let agenda = std::fs::canonicalize(agenda)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| agenda.clone());
            crate::tui::run(crate::tui::TuiOptions {
                archive,
                index_dir,
                keymap: cli.keymap,
                brief: Some(agenda),
            })?;
            return Ok(0);
        }
    }
    let mut out = Out::stdout();
    if let Command::Index { rebuild, json } = command {
        if rebuild {
            Library::clear_index(&index_dir)?;
        }
        let report = Library::update(&archive, &index_dir, &stderr_progress())
            .map_err(|e| explain_update_error(e, &index_dir))?;
        print_skipped(&report);
        if json {
            out.json(&report)?;
        } else {
            out.line(&describe_update(&report))?;
        }
        return Ok(0);
    }
    let common = match &command {
        Command::Meetings { common, .. }
        | Command::Items { common, .. }
        | Command::Search { common, .. }
        | Command::Show { common, .. }
        | Command::Related { common, .. }
        | Command::Thread { common, .. }
        | Command::Compare { common, .. }
        | Command::Brief { common, .. } => *common,
        Command::Watch { action } => match action {
            WatchAction::Add { common, .. }
            | WatchAction::List { common, .. }
            | WatchAction::Show { common, .. }
            | WatchAction::Rm { common, .. } => *common,
        },
        Command::Index { .. } => Common::default(),
    };
    let library = if common.no_update {
        Library::open(&archive, &index_dir)?
    } else {
        refresh_and_open(&archive, &index_dir)?
    };
    if !library.is_indexed() && library.meetings().is_empty() {
        eprintln!("note: the archive has no protocol files indexed yet");
    }
    let code = output::run_query_command(&library, command, common.json, &mut out);
    // The process ends right after this: freeing a large archive's catalog piece by piece would
    // only add to the time before the shell prompt returns.
    std::mem::forget(library);
    code
}

fn run_tui(archive: PathBuf, index_dir: PathBuf, keymap: Option<String>) -> Result<i32> {
    crate::tui::run(crate::tui::TuiOptions {
        archive,
        index_dir,
        keymap,
        brief: None,
    })?;
    Ok(0)
}
