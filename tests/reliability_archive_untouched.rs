//! The archive is never modified (issue 6, item 4): every file's bytes, size, mtime and mode, and
//! every folder's listing and mtime, are the same before and after indexing, rebuilding,
//! searching, showing, cross-referencing and comparing, with `--index` and with the default
//! index location. (The TUI's share of this is in `reliability_tui_pty.rs`.)

mod reliability_support;

use reliability_support::*;
use std::process::Command;

#[test]
fn no_command_writes_into_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive.join("2021"), "Kommunfullmäktige", 6);
    write_protocols(&archive.join("2022/nämnd"), "Kommunstyrelsen", 4);
    std::fs::write(
        archive.join("2021/protokoll-0001.meta.toml"),
        "council = \"Kommunfullmäktige\"\n",
    )
    .unwrap();
    std::fs::write(archive.join("bilaga.pdf"), b"%PDF-1.7\n\x00\x01").unwrap();
    std::fs::write(archive.join("tom.txt"), "").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::os::unix::fs::symlink("2021", archive.join("senaste")).unwrap();
        let read_only = archive.join("2021/protokoll-0002.txt");
        std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    let before = fingerprint_tree(&archive);
    let home = tmp.path().join("home");
    let index = tmp.path().join("index");
    let check = |what: &str, out: std::process::Output| {
        assert_no_panic(&out);
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_same_tree(&before, &fingerprint_tree(&archive), what);
    };
    check("index", run(&home, &archive, &index, &["index"]));
    let item = "2021/protokoll-0003#2";
    let commands: Vec<Vec<&str>> = vec![
        vec!["meetings"],
        vec!["meetings", "--json"],
        vec!["items"],
        vec!["search", "vattenverket"],
        vec!["search", "--json", "budget council:kommun from:2019"],
        vec!["show", item],
        vec!["show", "--json", "2021/protokoll-0003"],
        vec!["related", item],
        vec!["thread", "--json", item],
        vec![
            "compare",
            "2021/protokoll-0003",
            "2022/nämnd/protokoll-0001",
        ],
        vec!["index", "--rebuild"],
    ];
    for args in &commands {
        check(&format!("{args:?}"), run(&home, &archive, &index, args));
    }
    // A file changes between runs (by the user, not by us): the incremental update reads it.
    std::fs::write(
        archive.join("2021/protokoll-0004.txt"),
        protocol("Kommunfullmäktige", 40),
    )
    .unwrap();
    let before = fingerprint_tree(&archive);
    let out = run(&home, &archive, &index, &["search", "nummer40"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("protokoll-0004"));
    assert_same_tree(&before, &fingerprint_tree(&archive), "incremental update");

    // Without --index: the index goes under the user's data folder, not into the archive.
    let out = Command::new(bin())
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NO_COLOR", "1")
        .arg("--archive")
        .arg(&archive)
        .args(["search", "budget"])
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_tree(
        &before,
        &fingerprint_tree(&archive),
        "default index location",
    );
    assert!(
        std::fs::read_dir(home.join("data")).is_ok(),
        "the default index lives under the data folder"
    );
}
