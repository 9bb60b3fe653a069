//! The TUI's log file: where panics and background errors are written, since the screen belongs to
//! the interface. Lives in the user's state dir (else the data dir), in a folder only the user can
//! read, and the file itself is created readable by the user only.

use std::io::Write;
use std::path::PathBuf;

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

/// Append one line (with a timestamp) to the log; failures to log are ignored.
pub fn write(line: &str) {
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
    if let Ok(mut file) = options.open(&path) {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let _ = writeln!(file, "{now} {}", crate::text::sanitize(line));
    }
}
