//! `y` in the real binary, in a pseudo-terminal: the citation reaches the terminal as one OSC 52
//! sequence whose payload is the base64 of the sanitized citation, and a protocol that carries
//! its own OSC 52 (or any escape) cannot get it through.

mod pty_support;

use base64::Engine;
use pty_support::Pty;
use std::io::Write;
use std::time::{Duration, Instant};

/// A protocol whose title and decision try to write to the user's clipboard themselves.
const HOSTILE: &str =
    "Alvhedens kommun\nProtokoll\nKommunstyrelsen\nSammanträdesdatum 2026-03-10\n\n\
§ 12   Dnr KS 2026/41\nBudget för Ödeby skola\u{1b}]52;c;ZXZpbA==\u{7}\n\n\
Ärendet gäller skolans budget.\n\nBeslut\nKommunstyrelsen beslutar att anta budgeten.\u{1b}[2J\n";

#[test]
fn y_sends_the_sanitized_citation_as_one_osc52_sequence() {
    let archive = tempfile::tempdir().unwrap();
    std::fs::write(archive.path().join("ks-2026-03-10.txt"), HOSTILE).unwrap();
    let index = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let command = pty_support::protokoll(archive.path(), index.path(), home.path());
    let Pty {
        mut child,
        screen,
        mut writer,
        master: _terminal,
    } = pty_support::spawn(command);
    let mut send = |bytes: &[u8]| {
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    };
    assert!(
        screen.wait_for("index up to date", Duration::from_secs(60)),
        "{}",
        screen.shown()
    );
    send(b"/");
    for c in "Budget".bytes() {
        send(&[c]);
    }
    assert!(
        screen.wait_for("in full text", Duration::from_secs(20)),
        "{}",
        screen.shown()
    );
    // The full-text hit is the item; move past a fuzzy meeting hit when there is one.
    let shown = screen.shown();
    if !shown.lines().any(|l| l.contains('▶') && l.contains("text")) {
        send(b"\x1b[B");
    }
    send(b"\r");
    assert!(
        screen.wait_for("Source:", Duration::from_secs(10)),
        "{}",
        screen.shown()
    );
    let before = screen.raw().len();
    send(b"y");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !screen.raw()[before..].contains("\u{1b}]52;c;") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let raw = screen.raw();
    let sequences: Vec<&str> = raw
        .match_indices("\u{1b}]52;")
        .map(|(i, _)| &raw[i..])
        .collect();
    assert_eq!(
        sequences.len(),
        1,
        "exactly one clipboard write, the program's own"
    );
    let payload = sequences[0]["\u{1b}]52;c;".len()..]
        .split('\u{7}')
        .next()
        .unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .expect("base64 payload");
    let citation = String::from_utf8(decoded).unwrap();
    assert!(
        citation.starts_with("Alvhedens kommun, Kommunstyrelsen 2026-03-10 § 12"),
        "{citation}"
    );
    assert!(citation.contains("Dnr KS 2026/41"), "{citation}");
    assert!(!citation.chars().any(char::is_control), "{citation:?}");
    assert!(
        !raw.contains("\u{1b}[2J\u{1b}]"),
        "the protocol's own escapes never reach the terminal"
    );
    send(b"\x03");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
}
