//! The TUI in a pseudo-terminal against a hostile protocol (issue 6, items 2, 4 and 6): searching
//! for it, opening it and handing it to `$PAGER` never sends the file's escape sequences, C1
//! controls or bidi overrides to the terminal (only the TUI's own control sequences), the pager
//! gets clean text, the archive is unchanged afterwards, and the TUI writes its log to a file,
//! not to the screen.

mod reliability_support;

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use reliability_support::*;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ESC: char = '\u{1b}';

fn hostile_protocol() -> String {
    format!(
        "Protokoll Gatunämnden {ESC}]0;pwned\u{7}\n\
         Datum: 2022-05-04\n\n\
         1. Mötets öppnande\n\
         Mötet öppnades.\n\n\
         2. Snöröjning {ESC}]0;pwned\u{7} i centrum {ESC}[2J\u{202e}baklänges\u{202c}\n\
         Snöröjning {ESC}]2;titel\u{7}på gatorna \u{9b}31m röd \u{2066}isolerad\u{2069} och\n\
         {ESC}]52;c;cHduZWQ={ESC}\\ urklipp, halkbekämpning.\n\n\
         3. Avslutning\n\
         Mötet avslutades.\n"
    )
}

struct Screen {
    output: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).to_string()
    }

    /// The output with the TUI's own escape sequences (CSI, and no OSC at all is expected)
    /// removed: what would show as text.
    fn text(&self) -> String {
        let raw = self.raw();
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == ESC && chars.peek() == Some(&'[') {
                chars.next();
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        break;
                    }
                }
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        out
    }

    /// What a 24x80 screen shows: cursor moves (CSI H), clears (CSI 2J, CSI K) and text are
    /// applied, other sequences skipped.
    fn shown(&self) -> String {
        let mut cells = vec![vec![' '; 80]; 24];
        let (mut row, mut col) = (0usize, 0usize);
        let raw = self.raw();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == ESC {
                if chars.next_if_eq(&'[').is_none() {
                    continue;
                }
                let mut params = String::new();
                let mut command = ' ';
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        command = p;
                        break;
                    }
                    params.push(p);
                }
                let n: Vec<usize> = params
                    .trim_start_matches('?')
                    .split(';')
                    .map(|x| x.parse().unwrap_or(0))
                    .collect();
                match command {
                    'H' => {
                        row = n[0].max(1) - 1;
                        col = n.get(1).copied().unwrap_or(1).max(1) - 1;
                    }
                    'J' if n[0] == 2 => cells.iter_mut().for_each(|r| r.fill(' ')),
                    'K' => {
                        if let Some(r) = cells.get_mut(row) {
                            r.iter_mut().skip(col).for_each(|c| *c = ' ');
                        }
                    }
                    _ => {}
                }
            } else if c == '\r' {
                col = 0;
            } else if c == '\n' {
                row += 1;
            } else if !c.is_control() {
                if let Some(cell) = cells.get_mut(row).and_then(|r| r.get_mut(col)) {
                    *cell = c;
                }
                col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
            }
        }
        cells
            .iter()
            .map(|r| r.iter().collect::<String>() + "\n")
            .collect()
    }

    fn wait_for(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.shown().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

#[test]
fn hostile_protocol_in_the_tui_sends_no_foreign_escape_sequences() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Gatunämnden", 3);
    std::fs::write(archive.join("fientlig.txt"), hostile_protocol()).unwrap();
    let before = fingerprint_tree(&archive);
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();

    let pager_dir = tmp.path().join("pager");
    std::fs::create_dir_all(&pager_dir).unwrap();
    let pager = pager_dir.join("pager.sh");
    std::fs::write(
        &pager,
        "#!/bin/sh\nd=$(dirname \"$0\")\nfor a in \"$@\"; do f=\"$a\"; done\ncat \"$f\" > \"$d/copy.tmp\"\nmv \"$d/copy.tmp\" \"$d/copy\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut command = CommandBuilder::new(bin());
    command.arg("--archive");
    command.arg(&archive);
    command.arg("--index");
    command.arg(tmp.path().join("index"));
    command.env("HOME", &home);
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("NO_COLOR", "1");
    command.env("TERM", "xterm-256color");
    command.env("PAGER", &pager);
    let mut child = pair.slave.spawn_command(command).expect("spawn protokoll");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let screen = Screen {
        output: Arc::new(Mutex::new(Vec::new())),
    };
    let sink = Arc::clone(&screen.output);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buffer[..n]);
        }
    });
    let mut send = |bytes: &[u8]| {
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(40));
    };

    assert!(
        screen.wait_for("index up to date", Duration::from_secs(60)),
        "the TUI starts and indexes:\n{}",
        screen.shown()
    );
    send(b"/");
    assert!(
        screen.wait_for("Search", Duration::from_secs(10)),
        "the search prompt opens:\n{}",
        screen.shown()
    );
    for c in "halkbekämpning".as_bytes() {
        send(&[*c]);
    }
    assert!(
        screen.wait_for("in full text", Duration::from_secs(20)),
        "full-text results:\n{}",
        screen.shown()
    );
    assert!(
        screen.wait_for("Snöröjning", Duration::from_secs(20)),
        "the hostile item is found:\n{}",
        screen.shown()
    );
    send(b"\r");
    assert!(
        screen.wait_for("Source:", Duration::from_secs(10)),
        "the item opens:\n{}",
        screen.shown()
    );
    assert!(
        screen.shown().contains("]0;pwned"),
        "shown as harmless text"
    );
    send(b"o");
    let copy = pager_dir.join("copy");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !copy.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let handed = std::fs::read_to_string(&copy).expect("the pager ran");
    assert!(handed.contains("Snöröjning"), "{handed}");
    assert!(
        !handed.chars().any(protokoll::text::is_unsafe_char),
        "the pager gets sanitized text: {handed:?}"
    );
    std::thread::sleep(Duration::from_millis(500));
    send(b"\x03");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "protokoll did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));

    let raw = screen.raw();
    assert!(
        raw.contains("]0;pwned"),
        "the sequence shows as harmless text"
    );
    for (foreign, what) in [
        (format!("{ESC}]0;pwned"), "the file's title OSC"),
        (format!("{ESC}]2;"), "a title OSC"),
        (format!("{ESC}]52;"), "a clipboard OSC"),
        ("\u{9b}".to_string(), "a C1 CSI"),
        ("\u{202e}".to_string(), "a bidi override"),
        ("\u{2066}".to_string(), "a bidi isolate"),
        ("\u{7}".to_string(), "BEL"),
    ] {
        assert!(!raw.contains(&foreign), "{what} reached the terminal");
    }
    // What is not one of the TUI's CSI sequences is text: no other escape reaches the terminal.
    let text = screen.text();
    assert!(
        !text.contains(ESC),
        "an escape outside the TUI's CSI sequences: {:?}",
        text.split(ESC)
            .nth(1)
            .map(|s| s.chars().take(20).collect::<String>())
    );
    assert_same_tree(&before, &fingerprint_tree(&archive), "after using the TUI");
}
