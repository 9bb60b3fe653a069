//! The real terminal: raw mode, alternate screen, bracketed paste and (optional) mouse reporting,
//! restored on exit, on error and on panic; handing the terminal to a pager and taking it back.

use super::event::InputThread;
use super::session::Host;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, event, execute, queue, terminal};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Button presses and the wheel only (1000), in SGR encoding (1006): no motion reports, so a mouse
/// moving over the window sends nothing over SSH.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Put the terminal in TUI mode.
pub fn enter(mouse: bool) -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = std::io::stdout();
    execute!(
        out,
        terminal::EnterAlternateScreen,
        event::EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        out.write_all(MOUSE_ON.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// Give the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let mut out = std::io::stdout();
    let _ = out.write_all(MOUSE_OFF.as_bytes());
    let _ = execute!(
        out,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped (normal exit and early returns alike).
pub struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// On a panic of the interface: restore the terminal, then say what happened and where the log
/// is. Panics in worker threads are caught there; they are only logged.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current().name().unwrap_or("main").to_string();
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!(target: "protokoll::panic", "panic in thread {thread}: {info}\n{backtrace}");
        if thread.starts_with("protokoll-worker") {
            return;
        }
        restore();
        eprintln!(
            "protokoll: the interface crashed: {info}\nThe terminal was restored. Details are in {}",
            super::log::path().display()
        );
    }));
}

/// The OSC 52 sequence that asks the terminal to put `text` on the system clipboard: it travels
/// with the output, so it works over SSH where no clipboard program can be reached. The text is
/// sanitized again before encoding, so nothing from a protocol can close the sequence early or
/// smuggle another one in (base64 holds no control character by construction).
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let clean: String = text
        .chars()
        .filter(|&c| c == '\n' || !crate::text::is_unsafe_char(c))
        .collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// The real terminal's side of the loop: pager hand-over, mouse switching, synchronized frames.
pub struct TerminalHost {
    pub input: InputThread,
    pub mouse: bool,
}

/// The pager or editor to run and its own arguments: $PAGER, else $EDITOR, else `less`.
fn viewer_command() -> (String, Vec<String>) {
    let chosen = ["PAGER", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "less".to_string());
    let mut parts = chosen.split_whitespace().map(str::to_string);
    let program = parts.next().unwrap_or_else(|| "less".into());
    (program, parts.collect())
}

/// Write the file's decoded, sanitized text to a temp file (so the pager never sees raw bytes
/// that could drive the terminal, and sees UTF-8 whatever the file's encoding).
fn sanitized_copy(path: &Path) -> std::result::Result<PathBuf, String> {
    let decoded = crate::archive::extract_file(path)
        .map_err(|e| format!("cannot show {}: {e}", path.display()))?;
    let text = crate::text::sanitize(&decoded.text);
    let dir = std::env::temp_dir().join(format!("protokoll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // A PDF or Word file is shown as its extracted text, so the pager gets a text name.
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "protocol".into());
    if crate::archive::DocFormat::of_path(path) != Some(crate::archive::DocFormat::Text) {
        name.push(".txt");
    }
    let copy = dir.join(name);
    std::fs::write(&copy, text).map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
    Ok(copy)
}

impl Host for TerminalHost {
    fn open_source(&mut self, path: &Path, line: usize) -> std::result::Result<(), String> {
        let copy = sanitized_copy(path)?;
        let (program, args) = viewer_command();
        self.input.pause();
        restore();
        let status = Command::new(&program)
            .args(&args)
            .arg(format!("+{line}"))
            .arg(&copy)
            .status();
        let entered = enter(self.mouse);
        self.input.resume();
        let _ = std::fs::remove_file(&copy);
        entered.map_err(|e| format!("could not take the terminal back: {e}"))?;
        match status {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("{program} ended with {status}")),
            Err(error) => Err(format!(
                "could not run {program} (set $PAGER or $EDITOR): {error}"
            )),
        }
    }

    fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
        let mut out = std::io::stdout();
        let _ = out.write_all(if on { MOUSE_ON } else { MOUSE_OFF }.as_bytes());
        let _ = out.flush();
    }

    fn copy(&mut self, text: &str) {
        let mut out = std::io::stdout();
        let _ = out.write_all(osc52(text).as_bytes());
        let _ = out.flush();
    }

    fn frame_start(&mut self) {
        let _ = queue!(std::io::stdout(), BeginSynchronizedUpdate);
    }

    fn frame_end(&mut self) {
        let mut out = std::io::stdout();
        let _ = execute!(out, EndSynchronizedUpdate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn osc52_carries_the_text_and_nothing_that_could_escape_it() {
        let seq = osc52("Kommunstyrelsen 2026-04-22 § 52\x1b]52;c;evil\x07\u{9b}2J");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        let payload = &seq["\x1b]52;c;".len()..seq.len() - 1];
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        let text = String::from_utf8(decoded).unwrap();
        assert_eq!(text, "Kommunstyrelsen 2026-04-22 § 52]52;c;evil2J");
    }
}
