//! The TUI's log file: where panics and background errors are written, since the screen belongs to
//! the interface. Lives in the user's cache dir (or the temp dir).

use std::io::Write;
use std::path::PathBuf;

/// The log file's path.
pub fn path() -> PathBuf {
    directories::ProjectDirs::from("se", "protokoll", "protokoll")
        .map(|dirs| dirs.cache_dir().to_path_buf())
        .unwrap_or_else(std::env::temp_dir)
        .join("tui.log")
}

/// Append one line (with a timestamp) to the log; failures to log are ignored.
pub fn write(line: &str) {
    let path = path();
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let _ = writeln!(file, "{now} {}", crate::text::sanitize(line));
    }
}
