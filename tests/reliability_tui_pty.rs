//! The TUI in a pseudo-terminal against a hostile protocol (issue 6, items 2, 4 and 6): searching
//! for it, opening it and handing it to `$PAGER` never sends the file's escape sequences, C1
//! controls or bidi overrides to the terminal (only the TUI's own control sequences), the pager
//! gets clean text, the archive is unchanged afterwards, and the TUI writes its log to a file,
//! not to the screen.

mod pty_support;
mod reliability_support;

use portable_pty::CommandBuilder;
use pty_support::Pty;
use reliability_support::*;
use std::io::Write;
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

/// The output with the TUI's own escape sequences (CSI, and no OSC at all is expected) removed:
/// what would show as text.
fn outside_csi(raw: &str) -> String {
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
    let Pty {
        mut child,
        screen,
        mut writer,
        master: _terminal,
    } = pty_support::spawn(command);
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
    let text = outside_csi(&raw);
    assert!(
        !text.contains(ESC),
        "an escape outside the TUI's CSI sequences: {:?}",
        text.split(ESC)
            .nth(1)
            .map(|s| s.chars().take(20).collect::<String>())
    );
    assert_same_tree(&before, &fingerprint_tree(&archive), "after using the TUI");
}
