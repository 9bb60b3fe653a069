//! The TUI's log file: where panics and background errors are written, since the screen belongs to
//! the interface. Lives in the user's state dir (else the data dir), in a folder only the user can
//! read, and the file itself is created readable by the user only.
//!
//! Records go through `tracing`: [`init`] installs a fmt subscriber writing to that file, filtered
//! by `PROTOKOLL_LOG` (else `RUST_LOG`, else [`DEFAULT_FILTER`]), so the TUI's code logs with
//! `tracing::error!` / `warn!` / `info!` like the crates it uses. Every line is sanitized (control
//! characters removed) before it reaches the file, as the log may quote protocol text.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;
use tracing_subscriber::EnvFilter;

/// What is logged when neither `PROTOKOLL_LOG` nor `RUST_LOG` says: protokoll's own records from
/// `info` up, the PDF reader's only when they are errors (it warns about every odd PDF object).
pub const DEFAULT_FILTER: &str = "info,oxidize_pdf=error";

/// The log file's path.
pub fn path() -> PathBuf {
    directories::ProjectDirs::from("se", "protokoll", "protokoll")
        .map(|dirs| {
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_dir())
                .to_path_buf()
        })
        .unwrap_or_else(|| std::env::temp_dir().join("protokoll"))
        .join("tui.log")
}

/// The filter from `PROTOKOLL_LOG`, else `RUST_LOG`, else [`DEFAULT_FILTER`] (also when the
/// variable set cannot be read as a filter).
fn filter() -> EnvFilter {
    ["PROTOKOLL_LOG", "RUST_LOG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .and_then(|value| EnvFilter::try_new(value).ok())
        .unwrap_or_else(|| EnvFilter::new(DEFAULT_FILTER))
}

/// Install the log file as the process's `tracing` subscriber (once; later calls, and a
/// subscriber set by someone else, leave things as they are).
pub fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(filter())
            .with_writer(open)
            .with_ansi(false)
            .with_timer(LocalTime)
            .with_target(true)
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

/// Log one line as an error (installing the log file first if needed); failures to log are
/// ignored.
pub fn write(line: &str) {
    init();
    tracing::error!("{line}");
}

/// Local time, as the hand-written log had it: `2026-01-31 14:02:09`.
struct LocalTime;

impl FormatTime for LocalTime {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        write!(w, "{}", chrono::Local::now().format("%Y-%m-%d %H:%M:%S"))
    }
}

/// The file for one record, opened to append (private folder, `0600` file); a sink when it
/// cannot be opened.
fn open() -> LogFile {
    let path = path();
    if let Some(parent) = path.parent() {
        let _ = crate::library::create_private_dir(parent);
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    LogFile(options.open(&path).ok())
}

/// The log file, writing each formatted record with control characters removed.
struct LogFile(Option<std::fs::File>);

impl Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(file) = &mut self.0 {
            let text = crate::text::sanitize(&String::from_utf8_lossy(buf));
            let _ = file.write_all(text.as_bytes());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.0 {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}
