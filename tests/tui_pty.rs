//! End to end: the built binary in a pseudo-terminal (80x24, NO_COLOR) on the seeds, indexing into
//! a temp dir at start-up; type a search and read what it draws; quit and check the terminal is
//! given back (alternate screen left, cursor shown).

mod pty_support;

use portable_pty::CommandBuilder;
use pty_support::Pty;
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn binary_searches_in_a_pty_and_restores_the_terminal() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let index = tempfile::tempdir().unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_protokoll"));
    command.arg("--archive");
    command.arg(&seeds);
    command.arg("--index");
    command.arg(index.path());
    command.env("NO_COLOR", "1");
    command.env("TERM", "xterm-256color");
    let config_home = tempfile::tempdir().unwrap();
    command.env("XDG_CONFIG_HOME", config_home.path());
    command.env("XDG_CACHE_HOME", config_home.path());
    // A "pager" that records how it was called and what it was given.
    let pager_dir = tempfile::tempdir().unwrap();
    let pager = pager_dir.path().join("pager.sh");
    std::fs::write(&pager, "#!/bin/sh\nd=$(dirname \"$0\")\nprintf '%s\\n' \"$@\" > \"$d/args.tmp\"\ncat \"$2\" > \"$d/copy\"\nmv \"$d/args.tmp\" \"$d/args\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    command.env("PAGER", &pager);
    let Pty {
        mut child,
        screen,
        mut writer,
        master: _terminal,
    } = pty_support::spawn(command);

    let started = screen.wait_for("Meetings", Duration::from_secs(30));
    assert!(started, "the meeting list appears:\n{}", screen.shown());
    assert!(
        screen.wait_for("index up to date", Duration::from_secs(60)),
        "indexing finishes:\n{}",
        screen.shown()
    );
    assert!(
        screen.raw().contains("\u{1b}[?1049h"),
        "alternate screen entered"
    );

    writer.write_all(b"/").unwrap();
    writer.flush().unwrap();
    assert!(
        screen.wait_for("Search: words", Duration::from_secs(10)),
        "prompt opens:\n{}",
        screen.shown()
    );
    for c in "ruc".bytes() {
        writer.write_all(&[c]).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        screen.wait_for("› ruc", Duration::from_secs(20)),
        "query shown:\n{}",
        screen.shown()
    );
    assert!(
        screen.wait_for("in full text", Duration::from_secs(20)),
        "results:\n{}",
        screen.shown()
    );
    let shown = screen.shown();
    let hits = shown.lines().filter(|l| l.contains("RUC")).count();
    assert!(hits >= 2, "RUC in titles and snippets:\n{shown}");

    // Open the first hit, then its source in the pager, and come back.
    writer.write_all(b"\r").unwrap();
    writer.flush().unwrap();
    assert!(
        screen.wait_for("Source:", Duration::from_secs(10)),
        "item opens:\n{}",
        screen.shown()
    );
    writer.write_all(b"o").unwrap();
    writer.flush().unwrap();
    let args_file = pager_dir.path().join("args");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !args_file.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let args = std::fs::read_to_string(&args_file).expect("the pager ran");
    let line: usize = args
        .lines()
        .next()
        .and_then(|a| a.strip_prefix('+'))
        .and_then(|n| n.parse().ok())
        .expect("+LINE");
    assert!(line >= 1, "{args}");
    let copy = std::fs::read_to_string(pager_dir.path().join("copy")).unwrap();
    assert!(
        copy.lines().count() >= line,
        "the line exists in what the pager got"
    );
    assert!(!copy.contains('\u{1b}'), "the pager gets sanitized text");
    let deadline = Instant::now() + Duration::from_secs(10);
    while screen.raw().matches("\u{1b}[?1049h").count() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        screen.raw().matches("\u{1b}[?1049h").count(),
        2,
        "the alternate screen was left for the pager and entered again"
    );
    assert!(
        screen.wait_for("Source:", Duration::from_secs(10)),
        "the item is drawn again:\n{}",
        screen.shown()
    );

    // Idle: nothing is redrawn while nothing happens.
    std::thread::sleep(Duration::from_millis(500));
    let idle_from = screen.len();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(screen.len(), idle_from, "no output while idle");

    writer.write_all(b"\x03").unwrap(); // ctrl-c quits, even in the prompt
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "protokoll did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        status.success(),
        "exit status {status:?}: {:?}",
        screen
            .raw()
            .chars()
            .rev()
            .take(400)
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
    );
    std::thread::sleep(Duration::from_millis(200));
    let text = screen.raw();
    assert!(text.contains("\u{1b}[?1049l"), "alternate screen left");
    assert!(
        text.rfind("\u{1b}[?25h") > text.rfind("\u{1b}[?25l"),
        "cursor shown again"
    );
}
