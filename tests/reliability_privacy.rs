//! Privacy (issue 6, item 6): the index folder is readable by the user only (0700), also when it
//! existed before with looser permissions and when it is the default one under the data folder;
//! the TUI's log is a private file; and protokoll opens no network socket.

mod reliability_support;

use reliability_support::*;
use std::path::Path;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn index_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Överförmyndarnämnden", 3);
    let home = tmp.path().join("home");
    // A new index folder, nested.
    let index = tmp.path().join("a/b/index");
    run_ok(&home, &archive, &index, &["index"]);
    assert_eq!(mode(&index), 0o700, "index folder");
    assert_eq!(mode(&index.join("tantivy")), 0o700, "tantivy folder");
    // An existing folder with looser permissions is made private.
    let loose = tmp.path().join("loose");
    std::fs::create_dir(&loose).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755)).unwrap();
    run_ok(&home, &archive, &loose, &["index"]);
    assert_eq!(mode(&loose), 0o700, "existing index folder");
    // The default location, under the user's data folder.
    let out = std::process::Command::new(bin())
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .arg("--archive")
        .arg(&archive)
        .arg("index")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let indexes = home.join("data/protokoll/indexes");
    let made: Vec<_> = std::fs::read_dir(&indexes)
        .unwrap_or_else(|e| panic!("{}: {e}", indexes.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(mode(&made[0]), 0o700, "default index folder");
    // Nothing in any index folder is readable by others through a looser folder.
    for dir in [&index, &loose, &made[0]] {
        assert_eq!(mode(dir) & 0o077, 0);
    }
    // The library call itself.
    let direct = tmp.path().join("direct/private");
    protokoll::library::create_private_dir(&direct).unwrap();
    assert_eq!(mode(&direct), 0o700);
}

#[cfg(unix)]
#[test]
fn the_tui_log_is_a_private_file() {
    let tmp = tempfile::tempdir().unwrap();
    // The log path comes from the environment of this process; point it into the temp dir.
    std::env::set_var("HOME", tmp.path());
    std::env::set_var("XDG_CACHE_HOME", tmp.path().join("cache"));
    std::env::set_var("XDG_STATE_HOME", tmp.path().join("state"));
    let path = protokoll::tui::log::path();
    assert!(
        path.starts_with(tmp.path()),
        "the log is under the user's folders: {path:?}"
    );
    protokoll::tui::log::write("a test line with \u{1b}]0;pwned\u{7}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("]0;pwned") && !text.contains('\u{1b}'),
        "{text:?}"
    );
    assert_eq!(mode(&path) & 0o077, 0, "the log file is private");
    assert_eq!(
        mode(path.parent().unwrap()) & 0o077,
        0,
        "the log folder is private"
    );
}

/// Run the binary under strace and list the network sockets it opened.
#[cfg(target_os = "linux")]
fn network_sockets(
    home: &Path,
    archive: &Path,
    index: &Path,
    args: &[&str],
) -> Option<Vec<String>> {
    let strace = Path::new("/usr/bin/strace");
    if !strace.exists() {
        return None;
    }
    let log = home.join(format!("strace-{}.log", args[0]));
    std::fs::create_dir_all(home).unwrap();
    let command = cmd(home, archive, index, args);
    let out = std::process::Command::new(strace)
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&log)
        .arg(command.get_program())
        .args(command.get_args())
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .unwrap();
    if !out.status.success() {
        // ptrace not allowed here (containers): say so rather than pass.
        eprintln!(
            "note: strace could not trace ({}); network check not done",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        );
        return None;
    }
    let traced = std::fs::read_to_string(&log).unwrap_or_default();
    Some(
        traced
            .lines()
            .filter(|l| l.contains("AF_INET") || l.contains("AF_INET6") || l.contains("sin_port"))
            .map(str::to_string)
            .collect(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn nothing_is_sent_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Överförmyndarnämnden", 3);
    let home = tmp.path().join("home");
    let index = tmp.path().join("index");
    for args in [
        &["index"][..],
        &["search", "budget"],
        &["related", "protokoll-0001#2"],
    ] {
        match network_sockets(&home, &archive, &index, args) {
            Some(sockets) => assert!(sockets.is_empty(), "{args:?} opened: {sockets:?}"),
            None => {
                eprintln!("note: no strace: the network check is not done");
                return;
            }
        }
    }
}
