//! Bad files in an archive (issue 6, item 1): each is reported with its file and reason, or read as
//! well as it can be, and the rest of the archive is indexed. Odd and big files are made at test
//! time in temporary folders.

mod reliability_support;

use protokoll::library::{Library, Progress, UpdateReport};
use protokoll::protocol::MeetingKind;
use reliability_support::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

fn update(archive: &Path, index: &Path) -> UpdateReport {
    Library::update(archive, index, &|_| {}).expect("the update succeeds")
}

fn reason_of<'a>(report: &'a UpdateReport, file: &str) -> Option<&'a str> {
    report
        .skipped
        .iter()
        .find(|(f, _)| f == file)
        .map(|(_, r)| r.as_str())
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little_endian {
            &[0xFF, 0xFE]
        } else {
            &[0xFE, 0xFF]
        });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// The item titles of a meeting.
fn titles(library: &Library, meeting_id: &str) -> Vec<String> {
    let meeting = library
        .meeting(meeting_id)
        .unwrap_or_else(|| panic!("meeting {meeting_id} is indexed"));
    meeting.items.iter().map(|i| i.title.clone()).collect()
}

#[test]
fn bad_files_are_reported_and_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let index = tmp.path().join("index");
    write_protocols(&archive.join("good"), "Miljönämnden", 3);
    let bad = archive.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("empty.txt"), "").unwrap();
    std::fs::write(
        bad.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xd8",
    )
    .unwrap();
    // UTF-8 with one damaged byte: the letters around it must survive.
    let mut damaged = protocol("Kulturnämnden", 7).into_bytes();
    damaged.splice(20..20, [0xFFu8]);
    std::fs::write(bad.join("damaged-utf8.txt"), damaged).unwrap();
    let cp1252_text = protocol("Tekniska nämnden", 8);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&cp1252_text);
    std::fs::write(bad.join("windows-1252.txt"), &cp1252).unwrap();
    let text16 = protocol("Socialnämnden", 9);
    std::fs::write(bad.join("utf16le.txt"), utf16(&text16, true, true)).unwrap();
    std::fs::write(bad.join("utf16be.txt"), utf16(&text16, false, true)).unwrap();
    std::fs::write(bad.join("utf16-no-bom.txt"), utf16(&text16, true, false)).unwrap();
    std::fs::write(
        bad.join("notes.txt"),
        "lösa anteckningar utan rubriker\nnågra rader om ingenting särskilt\nslut\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = |bytes: &[u8]| bad.join(std::ffi::OsStr::from_bytes(bytes));
        // Windows-1252 file names: "möte.txt" and "mäte.txt" must stay two meetings.
        std::fs::write(name(b"m\xf6te.txt"), protocol("Byggnadsnämnden", 10)).unwrap();
        std::fs::write(name(b"m\xe4te.txt"), protocol("Byggnadsnämnden", 11)).unwrap();
        // The same name in UTF-8 beside its Windows-1252 spelling: one is skipped, with why.
        let clash = archive.join("clash");
        std::fs::create_dir_all(&clash).unwrap();
        std::fs::write(clash.join("år.txt"), protocol("Valnämnden", 12)).unwrap();
        std::fs::write(
            clash.join(std::ffi::OsStr::from_bytes(b"\xe5r.txt")),
            protocol("Valnämnden", 13),
        )
        .unwrap();
        std::os::unix::fs::symlink(&archive, bad.join("loop")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", bad.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", bad.join("zero.txt")).unwrap();
        let fifo = std::ffi::CString::new(bad.join("pipe.txt").as_os_str().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    }

    let started = Instant::now();
    let report = update(&archive, &index);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "special files must not block the update"
    );
    let library = Library::open(&archive, &index).unwrap();

    // The good protocols are all there.
    for n in 0..3 {
        assert_eq!(
            titles(&library, &format!("good/protokoll-{n:04}")).len(),
            3,
            "good protocol {n} keeps its three items"
        );
    }
    // Skipped, each with a reason a user understands.
    let expect_skip = [
        ("bad/empty.txt", "empty"),
        ("bad/image.txt", "binary"),
        ("bad/dangling.txt", "cannot read"),
        ("bad/zero.txt", "not a regular file"),
        ("bad/pipe.txt", "not a regular file"),
        ("bad/loop", "loop"),
    ];
    for (file, words) in expect_skip {
        if cfg!(not(unix)) && !file.contains("empty") && !file.contains("image") {
            continue;
        }
        let reason = reason_of(&report, file)
            .unwrap_or_else(|| panic!("{file} is reported as skipped: {:?}", report.skipped));
        assert!(reason.contains(words), "{file}: {reason:?} says {words:?}");
        assert!(library.meeting(&file.replace(".txt", "")).is_none());
    }
    // Read whatever the encoding: the Swedish letters come out right.
    for id in [
        "bad/damaged-utf8",
        "bad/windows-1252",
        "bad/utf16le",
        "bad/utf16be",
        "bad/utf16-no-bom",
    ] {
        let t = titles(&library, id);
        assert_eq!(t.len(), 3, "{id}: {t:?}");
        assert_eq!(t[0], "Mötets öppnande", "{id}");
        assert!(t[2].starts_with("Övriga frågor"), "{id}: {t:?}");
    }
    let hits = library.search("förvaltningen ledningsnätet", 50).unwrap();
    let found: BTreeSet<&str> = hits.iter().map(|h| h.meeting_id.as_str()).collect();
    for id in [
        "bad/damaged-utf8",
        "bad/windows-1252",
        "bad/utf16le",
        "bad/utf16-no-bom",
        "good/protokoll-0001",
    ] {
        assert!(found.contains(id), "search finds {id}: {found:?}");
    }
    // No structure at all: one item, kind unknown, its text searchable.
    let notes = library
        .meeting("bad/notes")
        .expect("unstructured file indexed");
    assert_eq!(notes.items.len(), 1);
    assert_eq!(notes.kind, MeetingKind::Unknown);
    assert!(library
        .search("anteckningar", 5)
        .unwrap()
        .iter()
        .any(|h| h.meeting_id == "bad/notes"));
    #[cfg(unix)]
    {
        // Non-UTF-8 names: two meetings, readable names, nothing lost.
        assert!(
            library.meeting("bad/möte").is_some(),
            "m\\xf6te.txt reads as möte"
        );
        assert!(
            library.meeting("bad/mäte").is_some(),
            "m\\xe4te.txt reads as mäte"
        );
        let clash: Vec<_> = report
            .skipped
            .iter()
            .filter(|(f, _)| f == "clash/år.txt")
            .collect();
        assert_eq!(
            clash.len(),
            1,
            "one of the two år.txt skipped: {:?}",
            report.skipped
        );
        assert!(clash[0].1.contains("reads the same"), "{:?}", clash[0]);
        assert!(library.meeting("clash/år").is_some());
    }
    // The index is consistent: every catalogued item is in the index exactly once.
    let items = library.items().count() as u64;
    assert_eq!(library.search_index().unwrap().num_items(), items);

    // Running again changes nothing (odd names must not make files look new every time).
    let again = update(&archive, &index);
    assert_eq!(
        (again.added, again.changed, again.removed),
        (0, 0, 0),
        "second update: {again:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Kommunstyrelsen", 2);
    let secret = archive.join("hemlig.txt");
    std::fs::write(&secret, protocol("Kommunstyrelsen", 5)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked = archive.join("låst");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inne.txt"), protocol("Kommunstyrelsen", 6)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    if !permissions_are_ignored(tmp.path()) {
        let index = tmp.path().join("index");
        let report = update(&archive, &index);
        let library = Library::open(&archive, &index).unwrap();
        check_unreadable(&report.skipped, library.meetings().len());
        return;
    }
    // Root reads everything: run the binary as an unprivileged user instead.
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() {
        eprintln!("note: running as root without setpriv: the unreadable-file check is not done");
        return;
    }
    for dir in [tmp.path(), archive.as_path()] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    let index = home.join("index");
    let out = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin())
        .arg("--archive")
        .arg(&archive)
        .arg("--index")
        .arg(&index)
        .args(["index", "--json"])
        .env("HOME", &home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped: Vec<(String, String)> = serde_json::from_value(report["skipped"].clone()).unwrap();
    check_unreadable(&skipped, report["added"].as_u64().unwrap() as usize);
}

#[cfg(unix)]
fn check_unreadable(skipped: &[(String, String)], indexed: usize) {
    let reason = |file: &str| {
        skipped
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{file} reported: {skipped:?}"))
    };
    assert!(reason("hemlig.txt").contains("ermission denied"));
    assert!(reason("låst").contains("ermission denied"));
    assert_eq!(indexed, 2, "the two readable protocols are indexed");
}

/// Peak memory (kB) and exit status of one run of the binary, measured by the kernel for exactly
/// that child (`wait4`).
#[cfg(target_os = "linux")]
fn run_measured(mut command: std::process::Command) -> (u64, bool) {
    let child = command.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    std::mem::forget(child);
    (
        usage.ru_maxrss as u64,
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_200_mb_file_is_skipped_in_bounded_memory() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_protocols(&archive, "Regionstyrelsen", 3);
    // Real text, so reading it whole would show in the memory peak.
    let page = protocol("Regionstyrelsen", 99).repeat(64);
    let mut big = std::io::BufWriter::new(std::fs::File::create(archive.join("stor.txt")).unwrap());
    let mut written = 0usize;
    while written < 200 * 1024 * 1024 {
        big.write_all(page.as_bytes()).unwrap();
        written += page.len();
    }
    big.flush().unwrap();
    drop(big);

    let home = tmp.path().join("home");
    let index = tmp.path().join("index");
    let out_path = tmp.path().join("out.json");
    let mut command = cmd(&home, &archive, &index, &["index", "--json"]);
    command.stdout(std::fs::File::create(&out_path).unwrap());
    command.stderr(std::process::Stdio::null());
    let (peak_kb, ok) = run_measured(command);
    assert!(ok, "indexing an archive with a 200 MB file succeeds");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(report["added"], 3, "{report}");
    let skipped = report["skipped"].as_array().unwrap();
    let big = skipped
        .iter()
        .find(|s| s[0] == "stor.txt")
        .expect("the big file is reported");
    let reason = big[1].as_str().unwrap();
    assert!(reason.contains("above the 64 MB limit"), "{reason}");
    println!(
        "peak memory indexing beside a 200 MB file: {} MB",
        peak_kb / 1024
    );
    assert!(
        peak_kb < 150 * 1024,
        "memory stays bounded: peak {} MB",
        peak_kb / 1024
    );
}

/// Index one file of one long line of `bytes` bytes made of `words` (a comma after every
/// eleventh); returns the seconds taken.
fn index_long_line(bytes: usize, words: &[&str]) -> f64 {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let mut line = String::with_capacity(bytes + 32);
    let mut n = 0usize;
    while line.len() < bytes {
        line.push_str(words[n % words.len()]);
        line.push_str(if n.is_multiple_of(11) { ", " } else { " " });
        n += 1;
    }
    std::fs::write(
        archive.join("lång.txt"),
        format!("Protokoll Testnämnden\n1. Ett långt ärende\n{line}\n2. Nästa\nSlut\n"),
    )
    .unwrap();
    let started = Instant::now();
    let report = update(&archive, &tmp.path().join("index"));
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.added, 1, "{report:?}");
    let library = Library::open(&archive, &tmp.path().join("index")).unwrap();
    assert!(!library.search("vattenverk", 1).unwrap().is_empty());
    seconds
}

/// Eight times the bytes: linear work takes about eight times as long, quadratic 64 times.
fn assert_linear(words: &[&str]) {
    let small = index_long_line(128 * 1024, words);
    let large = index_long_line(1024 * 1024, words);
    println!("one long line: 128 KB in {small:.2} s, 1 MB in {large:.2} s");
    assert!(
        large < small * 28.0 + 1.0,
        "indexing time grows faster than the line: {small:.2} s → {large:.2} s"
    );
}

#[test]
fn an_extremely_long_line_indexes_in_linear_time() {
    assert_linear(&[
        "budget",
        "vattenverk",
        "Örebro",
        "förvaltning",
        "ärende",
        "beslut",
    ]);
}

#[test]
fn an_extremely_long_line_with_acronyms_indexes_in_linear_time() {
    assert_linear(&[
        "budget",
        "vattenverk",
        "Örebro",
        "förvaltning",
        "ärende",
        "RUC",
        "beslut",
    ]);
}

/// What a consistent index holds: the item ids of the catalog, each once in the search index.
fn consistent_items(archive: &Path, index: &Path) -> BTreeSet<String> {
    let library = Library::open(archive, index).unwrap();
    let ids: BTreeSet<String> = library.items().map(|(_, i)| i.id.clone()).collect();
    assert_eq!(
        library.search_index().map_or(0, |s| s.num_items()),
        ids.len() as u64,
        "every catalogued item is in the search index exactly once"
    );
    ids
}

#[test]
fn files_deleted_or_rewritten_while_indexing() {
    const FILES: usize = 600;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let index = tmp.path().join("index");
    write_protocols(&archive, "Fritidsnämnden", FILES);
    let path = |n: usize| archive.join(format!("protokoll-{n:04}.txt"));
    update(&archive, &index);
    // Every file changes, so every file is read again; when the first one has been read, others
    // are deleted, rewritten or emptied under the running update.
    for n in 0..FILES {
        std::fs::write(path(n), protocol("Fritidsnämnden", n + 10_000)).unwrap();
    }
    let (deleted, rewritten, emptied): (Vec<usize>, Vec<usize>, Vec<usize>) = (
        (0..FILES).filter(|n| n % 10 == 3).collect(),
        (0..FILES).filter(|n| n % 10 == 6).collect(),
        (0..FILES).filter(|n| n % 10 == 8).collect(),
    );
    let meddled = std::sync::atomic::AtomicBool::new(false);
    let report = Library::update(&archive, &index, &|p| {
        if matches!(p, Progress::Parsing { .. })
            && !meddled.swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            for &n in &deleted {
                std::fs::remove_file(path(n)).unwrap();
            }
            for &n in &rewritten {
                std::fs::write(path(n), protocol("Fritidsnämnden", n + 20_000)).unwrap();
            }
            for &n in &emptied {
                std::fs::write(path(n), "").unwrap();
            }
        }
    })
    .expect("the update survives files vanishing under it");
    assert!(meddled.into_inner(), "the hook ran");
    let library = Library::open(&archive, &index).unwrap();
    let mut caught = 0;
    for &n in &deleted {
        let file = format!("protokoll-{n:04}.txt");
        match reason_of(&report, &file) {
            // Deleted before it was read: reported, and its old items are gone.
            Some(reason) => {
                assert!(reason.contains("cannot read"), "{file}: {reason}");
                assert!(library.meeting(&format!("protokoll-{n:04}")).is_none());
                caught += 1;
            }
            // Read before it was deleted: indexed as it was.
            None => assert!(library.meeting(&format!("protokoll-{n:04}")).is_some()),
        }
    }
    println!(
        "{caught} of {} files deleted during the update were reported as unreadable; \
         the rest had been read already",
        deleted.len()
    );
    drop(library);
    consistent_items(&archive, &index);

    // The next update settles what was half-done; the result equals a clean build of what the
    // archive holds now.
    let settle = update(&archive, &index);
    assert_eq!(settle.added, 0, "{settle:?}");
    let settled = consistent_items(&archive, &index);
    let library = Library::open(&archive, &index).unwrap();
    for &n in &rewritten {
        let word = format!("nummer{}", n + 20_000);
        let hits = library.search(&word, 5).unwrap();
        assert!(
            hits.iter()
                .any(|h| h.meeting_id == format!("protokoll-{n:04}")),
            "the rewritten text of file {n} is what is indexed ({word})"
        );
    }
    for &n in deleted.iter().chain(&emptied) {
        assert!(library.meeting(&format!("protokoll-{n:04}")).is_none());
    }
    let clean_index = tmp.path().join("clean");
    update(&archive, &clean_index);
    let clean = consistent_items(&archive, &clean_index);
    assert_eq!(
        settled, clean,
        "after one more update the index equals a clean build"
    );
}
