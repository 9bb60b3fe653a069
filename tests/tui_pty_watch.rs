//! End to end: the TUI in a pseudo-terminal keeps its index up to date while it is open. A
//! protocol added, one rewritten in place, one renamed, one removed and a new folder each show
//! on screen without a restart (the archive is watched; see `src/tui/watcher.rs`).

mod pty_support;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

fn protocol(council: &str, title: &str) -> String {
    format!(
        "Protokoll för {council}\n\nTid: Onsdag 10 mars 2021\n\n1. Mötet öppnas\nMötet öppnades.\n\n2. {title}\nText om {title}.\n"
    )
}

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn the_open_tui_shows_what_changes_in_the_archive() {
    let archive = tempfile::tempdir().unwrap();
    let a = archive.path();
    std::fs::write(a.join("ks.txt"), protocol("Kommunstyrelsen", "Budget")).unwrap();
    let index = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let command = pty_support::protokoll(a, index.path(), home.path());
    let pty_support::Pty {
        mut child,
        screen,
        mut writer,
        master: _terminal,
    } = pty_support::spawn(command);
    let shows = |text: &str, what: &str| {
        assert!(
            screen.wait_for(text, WAIT),
            "{what}: {text:?} not shown:\n{}",
            screen.shown()
        );
    };
    let gone = |text: &str, what: &str| {
        let deadline = std::time::Instant::now() + WAIT;
        while screen.shown().contains(text) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            !screen.shown().contains(text),
            "{what}: {text:?} still shown:\n{}",
            screen.shown()
        );
    };
    shows("Kommunstyrelsen", "at start");
    shows("index up to date", "the first update");

    let write = |path: &Path, council: &str| {
        std::fs::write(path, protocol(council, "Ärende")).unwrap();
    };
    write(&a.join("bn.txt"), "Byggnadsnämnden");
    shows("Byggnadsnämnden", "a file added");

    // Rewritten in place under the same name.
    write(&a.join("bn.txt"), "Kulturnämnden");
    shows("Kulturnämnden", "a file rewritten");
    gone("Byggnadsnämnden", "a file rewritten");

    std::fs::rename(a.join("bn.txt"), a.join("kn.txt")).unwrap();
    shows("1 added, 0 changed, 1 removed", "a file renamed");

    std::fs::create_dir(a.join("2022")).unwrap();
    write(&a.join("2022/vn.txt"), "Valnämnden");
    shows("Valnämnden", "a folder added");

    std::fs::remove_file(a.join("ks.txt")).unwrap();
    gone("Kommunstyrelsen", "a file removed");

    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "the TUI quits cleanly");
}
