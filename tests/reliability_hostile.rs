//! Hostile content (issue 6, item 2): escape sequences, other control characters and bidi
//! overrides inside a protocol (or its file name) never reach the terminal through the command
//! line, in text or JSON, on stdout or stderr; they show as harmless text, and JSON stays valid.

mod reliability_support;

use reliability_support::*;
use std::path::Path;

const ESC: char = '\u{1b}';

/// A protocol with a terminal-title OSC, a screen clear, C1 controls (CSI as one character) and
/// bidi overrides in the council, place, attendees, titles and text.
fn hostile_protocol() -> String {
    format!(
        "Protokoll Gatunämnden {ESC}]0;pwned\u{7}\n\
         Datum: 2022-05-04\n\
         Plats: Stadshuset {ESC}[2J\u{202e}salen\u{202c}\n\n\
         Närvarande:\n\
         Eva {ESC}[31mRöd\u{9b}0m (S), ordförande\n\n\
         1. Mötets öppnande {ESC}]0;pwned\u{7}\n\
         Mötet öppnades. Snöröjning {ESC}[2J diskuterades\u{85}kort.\n\n\
         2. Snöröjning i centrum \u{2066}isolerad\u{2069}\n\
         Snöröjning på gatorna {ESC}]8;;http://evil.example{ESC}\\länk{ESC}]8;;{ESC}\\ och \u{90}DCS\u{9c}\n\
         kostnader för halkbekämpning, ärende GN 2022/17.\n\n\
         3. Avslutning\n\
         Ordföranden avslutade mötet \u{7f}\u{8}\u{8}\u{8}raderat.\n"
    )
}

/// Bytes that must never be printed: C0 controls except newline and tab, DEL, C1 controls (as
/// UTF-8) and the bidi overrides and isolates.
fn unsafe_bytes(bytes: &[u8], what: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
            found.push(format!("{what}: byte {b:#04x} at {i}"));
        }
    }
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            found.push(format!("{what}: {c:?} at {i}"));
        }
    }
    found
}

fn assert_harmless(out: &std::process::Output, what: &str) {
    assert_no_panic(out);
    let mut found = unsafe_bytes(&out.stdout, &format!("{what} stdout"));
    found.extend(unsafe_bytes(&out.stderr, &format!("{what} stderr")));
    assert!(
        found.is_empty(),
        "{found:?}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Every string in a JSON value is free of characters that could drive a terminal.
fn assert_json_strings_clean(value: &serde_json::Value, what: &str) {
    match value {
        serde_json::Value::String(s) => {
            let bad = unsafe_bytes(s.as_bytes(), what);
            assert!(bad.is_empty(), "{bad:?} in {s:?}");
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| assert_json_strings_clean(v, what)),
        serde_json::Value::Object(o) => o.values().for_each(|v| assert_json_strings_clean(v, what)),
        _ => {}
    }
}

struct Setup {
    _tmp: tempfile::TempDir,
    home: std::path::PathBuf,
    archive: std::path::PathBuf,
    index: std::path::PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Gatunämnden", 4);
    std::fs::write(archive.join("fientlig.txt"), hostile_protocol()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // File names are read from disk as they are: escape sequences in them too.
        let name = |s: &str| archive.join(std::ffi::OsStr::from_bytes(s.as_bytes()));
        std::fs::write(
            name("namn\u{1b}]0;pwned\u{7}.txt"),
            protocol("Gatunämnden", 9),
        )
        .unwrap();
        std::fs::write(name("bilaga.\u{1b}[2J\u{1b}]0;pwned\u{7}"), "x").unwrap();
    }
    let home = tmp.path().join("home");
    let index = tmp.path().join("index");
    Setup {
        home,
        archive,
        index,
        _tmp: tmp,
    }
}

fn run_both(s: &Setup, args: &[&str]) -> (String, serde_json::Value) {
    let out = run(&s.home, &s.archive, &s.index, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_harmless(&out, &format!("{args:?}"));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = run(&s.home, &s.archive, &s.index, &json_args);
    assert!(out.status.success(), "{json_args:?}");
    assert_harmless(&out, &format!("{json_args:?}"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{json_args:?} prints valid JSON: {e}"));
    assert_json_strings_clean(&json, &format!("{json_args:?}"));
    (text, json)
}

fn hostile_item_id(json_items: &serde_json::Value, title_start: &str) -> String {
    json_items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["meeting_id"] == "fientlig" && i["title"].as_str().unwrap().starts_with(title_start)
        })
        .unwrap_or_else(|| panic!("an item titled {title_start}… in {json_items}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn escape_sequences_in_protocols_never_reach_the_terminal() {
    let s = setup();
    // Indexing reports the odd file names on stderr: harmless too.
    let out = run(&s.home, &s.archive, &s.index, &["index"]);
    assert!(out.status.success());
    assert_harmless(&out, "index");
    #[cfg(unix)]
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("]0;pwned"),
        "the skipped file is named, as harmless text"
    );

    let (meetings, _) = run_both(&s, &["meetings"]);
    assert!(meetings.contains("fientlig"), "{meetings}");
    let (items, items_json) = run_both(&s, &["items"]);
    assert!(
        items.contains("]0;pwned"),
        "the sequence shows as text: {items}"
    );
    let (found, _) = run_both(&s, &["search", "snöröjning"]);
    assert!(found.contains("fientlig"), "{found}");
    run_both(&s, &["search", "halkbekämpning"]);
    run_both(&s, &["search", "pwned"]);
    let opening = hostile_item_id(&items_json, "Mötets öppnande");
    let snow = hostile_item_id(&items_json, "Snöröjning");
    let (shown, shown_json) = run_both(&s, &["show", &snow]);
    assert!(shown.contains("länk"), "{shown}");
    assert!(shown_json["text"]
        .as_str()
        .unwrap()
        .contains("halkbekämpning"));
    run_both(&s, &["show", &opening]);
    let (meeting, meeting_json) = run_both(&s, &["show", "fientlig"]);
    assert!(
        meeting.contains("]0;pwned") && meeting.contains("salen"),
        "{meeting}"
    );
    assert!(meeting_json["place"]
        .as_str()
        .unwrap_or_default()
        .contains("salen"));
    run_both(&s, &["related", &snow]);
    run_both(&s, &["thread", &snow]);
    run_both(&s, &["compare", "fientlig", "protokoll-0001"]);
    #[cfg(unix)]
    {
        let (named, _) = run_both(&s, &["items", "--meeting", "namn]0;pwned"]);
        assert!(named.contains("Mötets öppnande"), "{named}");
    }
}

#[test]
fn errors_naming_hostile_input_are_harmless() {
    let s = setup();
    run_ok(&s.home, &s.archive, &s.index, &["index"]);
    for args in [
        vec!["show", "\u{1b}]0;pwned\u{7}"],
        vec!["related", "x\u{1b}[2J#1"],
        vec!["compare", "\u{9b}2J", "fientlig"],
        vec!["search", "council:\u{1b}]0;pwned\u{7} snö"],
        vec!["items", "--meeting", "\u{202e}fientlig"],
    ] {
        let out = run(&s.home, &s.archive, &s.index, &args);
        assert_harmless(&out, &format!("{args:?}"));
    }
}

#[test]
fn hostile_archive_path_is_harmless_in_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("arkiv\u{1b}]0;pwned\u{7}");
    write_protocols(&archive, "Gatunämnden", 2);
    let home = tmp.path().join("home");
    let missing = tmp.path().join("saknas\u{1b}[2J");
    let out = run(&home, &missing, &tmp.path().join("i1"), &["meetings"]);
    assert!(!out.status.success());
    assert_harmless(&out, "missing archive");
    let out = run(
        &home,
        &archive,
        Path::new("/dev/null/\u{1b}]0;pwned\u{7}"),
        &["index"],
    );
    assert!(!out.status.success());
    assert_harmless(&out, "unusable index folder");
}
