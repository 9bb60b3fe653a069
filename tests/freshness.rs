//! When a query sees a change to the archive, through the real program: a file added, removed
//! or renamed, or a folder added, is seen by the next command without a full look at every
//! file (a stat of each folder finds it); a file rewritten in place is seen once the last full
//! look is older than `PROTOKOLL_FULL_CHECK_SECONDS`, or at once by `protokoll index`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

fn protocol(title: &str) -> String {
    format!(
        "Protokoll för Kommunstyrelsen\n\nTid: Onsdag 10 mars 2021\n\n1. Mötet öppnas\nMötet öppnades.\n\n2. {title}\nText om {title}.\n"
    )
}

/// Run `protokoll` on the archive; stdout, with the full-check age limit given. A search that
/// finds nothing says so and exits 1; anything else must succeed.
fn run(archive: &Path, index: &Path, full_check_seconds: u64, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .arg("--archive")
        .arg(archive)
        .arg("--index")
        .arg(index)
        .args(args)
        .env(
            "PROTOKOLL_FULL_CHECK_SECONDS",
            full_check_seconds.to_string(),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let found_nothing = out.status.code() == Some(1) && stderr.contains("no items match");
    assert!(out.status.success() || found_nothing, "{args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Every folder's modification time set to one fixed moment in 2023, as if the archive had been
/// still for a while (a folder changed just before a full look counts as changed until the
/// next one); setting it again after a change hides the change from the folder check.
fn settle(archive: &Path) {
    let still_since = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for entry in walk(archive) {
        std::fs::File::open(&entry)
            .and_then(|f| f.set_modified(still_since))
            .unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
    }
    out
}

/// An archive of two protocols, indexed, still, and looked at in full once more so the
/// record of the look is newer than every folder.
fn indexed() -> (tempfile::TempDir, tempfile::TempDir) {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let a = archive.path();
    std::fs::create_dir(a.join("2021")).unwrap();
    std::fs::write(a.join("2021/ks-mars.txt"), protocol("Simhallen")).unwrap();
    std::fs::write(a.join("2021/ks-maj.txt"), protocol("Skolskjutsen")).unwrap();
    settle(a);
    run(a, index.path(), 300, &["index"]);
    (archive, index)
}

const LONG: u64 = 3600;

#[test]
fn added_removed_renamed_files_and_new_folders_are_seen_by_the_next_query() {
    let (archive, index) = indexed();
    let a = archive.path();
    let i = index.path();
    assert!(run(a, i, LONG, &["search", "simhallen"]).contains("ks-mars"));

    std::fs::write(a.join("2021/ks-juni.txt"), protocol("Cykelbanan")).unwrap();
    assert!(
        run(a, i, LONG, &["search", "cykelbanan"]).contains("ks-juni"),
        "an added file"
    );

    std::fs::remove_file(a.join("2021/ks-maj.txt")).unwrap();
    assert!(
        run(a, i, LONG, &["search", "skolskjutsen"])
            .trim()
            .is_empty(),
        "a removed file"
    );

    std::fs::rename(a.join("2021/ks-mars.txt"), a.join("2021/ks-mars-2.txt")).unwrap();
    let renamed = run(a, i, LONG, &["search", "simhallen"]);
    assert!(
        renamed.contains("ks-mars-2") && !renamed.contains("ks-mars#"),
        "a renamed file: {renamed}"
    );

    std::fs::create_dir(a.join("2022")).unwrap();
    std::fs::write(a.join("2022/ks-jan.txt"), protocol("Brandstationen")).unwrap();
    assert!(
        run(a, i, LONG, &["search", "brandstationen"]).contains("2022/ks-jan"),
        "a new folder"
    );
}

#[test]
fn a_file_rewritten_in_place_is_seen_by_the_next_full_check() {
    let (archive, index) = indexed();
    let a = archive.path();
    let i = index.path();
    // Rewritten under the same name, its folder's time put back: only a full look sees it.
    std::fs::write(a.join("2021/ks-mars.txt"), protocol("Badhuset")).unwrap();
    settle(a);
    assert!(
        run(a, i, LONG, &["search", "badhuset"]).trim().is_empty(),
        "within the full-check age the folders alone are looked at"
    );
    assert!(
        run(a, i, 0, &["search", "badhuset"]).contains("ks-mars"),
        "once the last full look is too old, every file is looked at"
    );

    std::fs::write(a.join("2021/ks-mars.txt"), protocol("Ishallen")).unwrap();
    settle(a);
    run(a, i, LONG, &["index"]);
    assert!(
        run(a, i, LONG, &["search", "ishallen"]).contains("ks-mars"),
        "`protokoll index` always looks at every file"
    );
}
