//! Index faults (issue 6, item 3): the process killed while indexing, index files deleted or
//! damaged, an index of another version, an index folder that cannot be written, and two
//! processes at once. After each, the next run finds a consistent index equal to a clean build,
//! and says what it did.

mod reliability_support;

use protokoll::library::Library;
use protokoll_gen::Generator;
use reliability_support::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// What a consistent index holds: the catalogued item ids, each in the search index once.
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

struct Archive {
    tmp: tempfile::TempDir,
    archive: PathBuf,
    home: PathBuf,
}

impl Archive {
    fn generated(files: usize) -> Archive {
        let tmp = tempfile::tempdir().unwrap();
        let archive = tmp.path().join("archive");
        Generator::new(6, files).write(&archive).unwrap();
        let home = tmp.path().join("home");
        Archive { tmp, archive, home }
    }

    fn small() -> Archive {
        let tmp = tempfile::tempdir().unwrap();
        let archive = tmp.path().join("archive");
        write_protocols(&archive, "Servicenämnden", 12);
        let home = tmp.path().join("home");
        Archive { tmp, archive, home }
    }

    fn index(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn run(&self, index: &Path, args: &[&str]) -> std::process::Output {
        run(&self.home, &self.archive, index, args)
    }

    fn run_ok(&self, index: &Path, args: &[&str]) -> String {
        run_ok(&self.home, &self.archive, index, args)
    }

    /// A clean build in a fresh folder: its items and the seconds it took.
    fn clean_build(&self, name: &str) -> (BTreeSet<String>, f64) {
        let index = self.index(name);
        let _ = std::fs::remove_dir_all(&index);
        let started = Instant::now();
        self.run_ok(&index, &["index"]);
        let seconds = started.elapsed().as_secs_f64();
        (consistent_items(&self.archive, &index), seconds)
    }

    /// Start `index` and kill it (SIGKILL) after `after`; true when it was still running.
    fn kill_index_after(&self, index: &Path, after: Duration) -> bool {
        let mut child = cmd(&self.home, &self.archive, index, &["index"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < after {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        true
    }
}

/// Files of the generated archive in the kill test: the debug binary cargo test builds indexes
/// about ten files a second on two busy cores, so a few hundred keep the test within minutes.
const FILES: usize = 240;

#[test]
fn killed_while_indexing_the_next_run_finishes_consistently() {
    let a = Archive::generated(FILES);
    let (clean, seconds) = a.clean_build("clean");
    assert!(clean.len() > FILES, "the generated archive has items");
    println!(
        "clean build of {FILES} files: {seconds:.1} s, {} items",
        clean.len()
    );
    let mut killed = 0;
    // First builds killed early, midway and late (the late one is often in the commit).
    for fraction in [0.25, 0.6, 0.9] {
        let index = a.index(&format!("killed-{fraction}"));
        killed +=
            usize::from(a.kill_index_after(&index, Duration::from_secs_f64(seconds * fraction)));
        let out = a.run(&index, &["index"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_panic(&out);
        assert_eq!(
            consistent_items(&a.archive, &index),
            clean,
            "killed at {fraction}"
        );
    }
    // An incremental update killed midway: a third of the files rewritten, some removed.
    let index = a.index("incremental");
    a.run_ok(&index, &["index"]);
    let generator = Generator::new(6, FILES);
    let rewrite: Vec<usize> = (0..FILES).filter(|i| i % 3 == 0).collect();
    generator.write_indices(&a.archive, &rewrite, 1).unwrap();
    for i in (0..FILES).filter(|i| i % 17 == 1) {
        std::fs::remove_file(a.archive.join(generator.path(i))).unwrap();
    }
    let (changed_clean, _) = a.clean_build("clean-after-change");
    let started = Instant::now();
    let inc = a.index("incremental-timing");
    std::fs::create_dir_all(&inc).unwrap();
    copy_dir(&index, &inc);
    a.run_ok(&inc, &["index"]);
    let incremental_seconds = started.elapsed().as_secs_f64();
    for fraction in [0.3, 0.7] {
        let index = a.index(&format!("incremental-{fraction}"));
        std::fs::create_dir_all(&index).unwrap();
        copy_dir(&a.index("incremental"), &index);
        killed += usize::from(a.kill_index_after(
            &index,
            Duration::from_secs_f64(incremental_seconds * fraction),
        ));
        a.run_ok(&index, &["index"]);
        assert_eq!(
            consistent_items(&a.archive, &index),
            changed_clean,
            "incremental update killed at {fraction}"
        );
    }
    println!("{killed} of 5 runs were killed before they finished");
    assert!(killed >= 3, "the kills happened while indexing ran");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Files of the index folder, recursively.
fn index_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(index_files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// After damage, a query command still answers (rebuilding, with a message) and the index is
/// whole again.
fn assert_recovers(a: &Archive, index: &Path, clean: &BTreeSet<String>, damage: &str) {
    let out = a.run(index, &["search", "--json", "mötets"]);
    assert_no_panic(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{damage}: search fails: {stderr}");
    // Damage that leaves the index usable needs no rebuild: tantivy's list of managed files, and
    // what protokoll derives from its catalog and works out again (the headline table, the
    // record of the last full look at the archive). Whenever there is a rebuild, the user is told.
    if !stderr.contains("rebuilt") {
        println!("{damage}: index still usable, not rebuilt");
        assert!(
            [".managed.json", "headlines.bin", "freshness.bin"]
                .iter()
                .any(|derived| damage.contains(derived)),
            "{damage}: no rebuild message: {stderr:?}"
        );
    }
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !hits.as_array().unwrap().is_empty(),
        "{damage}: search finds items"
    );
    assert_eq!(&consistent_items(&a.archive, index), clean, "{damage}");
}

/// Something done to a copy of a built index.
type Damage = Box<dyn Fn(&Path)>;

#[test]
fn damaged_or_missing_index_files_are_rebuilt_with_a_message() {
    let a = Archive::small();
    let (clean, _) = a.clean_build("clean");
    let built = a.index("clean");
    let files = index_files(&built);
    assert!(files.iter().any(|f| f.ends_with("meta.json")), "{files:?}");
    // Each damage on a fresh copy of the built index.
    let mut cases: Vec<(String, Damage)> = vec![
        (
            "tantivy folder deleted".into(),
            Box::new(|i: &Path| std::fs::remove_dir_all(i.join("tantivy")).unwrap()),
        ),
        (
            "meta.json deleted".into(),
            Box::new(|i: &Path| std::fs::remove_file(i.join("tantivy/meta.json")).unwrap()),
        ),
        (
            "meta.json garbage".into(),
            Box::new(|i: &Path| std::fs::write(i.join("tantivy/meta.json"), "{\"segm").unwrap()),
        ),
    ];
    // Every other file of the index: deleted, and overwritten with garbage of the same size.
    for file in &files {
        let rel = file.strip_prefix(&built).unwrap().to_path_buf();
        let name = rel.display().to_string();
        // Lock files hold nothing; meta.json is above; a damaged meetings file has its own
        // (failing) test below.
        if name.ends_with(".lock") || name.contains("meta.json") {
            continue;
        }
        let r = rel.clone();
        cases.push((
            format!("{name} deleted"),
            Box::new(move |i: &Path| std::fs::remove_file(i.join(&r)).unwrap()),
        ));
        if name == "meetings.bin" {
            continue;
        }
        let r = rel.clone();
        cases.push((
            format!("{name} overwritten"),
            Box::new(move |i: &Path| {
                let len = std::fs::metadata(i.join(&r)).unwrap().len() as usize;
                let garbage: Vec<u8> = (0..len.max(16)).map(|k| (k * 7919 % 251) as u8).collect();
                std::fs::write(i.join(&r), garbage).unwrap();
            }),
        ));
    }
    for (n, (what, damage)) in cases.iter().enumerate() {
        let index = a.index(&format!("damaged-{n}"));
        std::fs::create_dir_all(&index).unwrap();
        copy_dir(&built, &index);
        damage(&index);
        assert_recovers(&a, &index, &clean, what);
    }
}

#[test]
fn a_damaged_meetings_file_is_rebuilt() {
    let a = Archive::small();
    let (clean, _) = a.clean_build("clean");
    let index = a.index("clean");
    let len = std::fs::metadata(index.join("meetings.bin")).unwrap().len() as usize;
    std::fs::write(index.join("meetings.bin"), vec![0x5a; len]).unwrap();
    let out = a.run(&index, &["meetings", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !listed.as_array().unwrap().is_empty(),
        "meetings are listed after the catalog is rebuilt: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("rebuilt"));
    assert_eq!(consistent_items(&a.archive, &index), clean);
}

#[test]
fn an_index_of_another_version_is_rebuilt() {
    let a = Archive::small();
    let (clean, _) = a.clean_build("clean");
    let index = a.index("clean");
    let meta_path = index.join("tantivy/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    assert!(
        meta["payload"].is_string(),
        "the index records its version: {meta}"
    );
    meta["payload"] = serde_json::Value::String("protokoll-index-v0;older-analyzer".into());
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();
    let out = a.run(&index, &["index"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("rebuilt") && said.contains("version"),
        "{said}"
    );
    assert_eq!(consistent_items(&a.archive, &index), clean);

    // A schema from an older protokoll: a field the current schema does not have.
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    meta["index_settings"]["docstore_compression"] = serde_json::json!("none");
    let fields = meta["schema"].as_array_mut().unwrap();
    let mut extra = fields[0].clone();
    extra["name"] = serde_json::json!("old_field");
    fields.push(extra);
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();
    let out = a.run(&index, &["index"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("rebuilt"), "{said}");
    assert_eq!(consistent_items(&a.archive, &index), clean);
}

#[test]
fn an_index_folder_that_cannot_be_created_is_a_clear_error() {
    let a = Archive::small();
    let blocker = a.tmp.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    for args in [&["index"][..], &["search", "mötets"], &["meetings"]] {
        let out = a.run(&blocker.join("index"), args);
        assert_no_panic(&out);
        assert!(!out.status.success(), "{args:?} fails");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot create index folder"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

/// Run the binary as the unprivileged user `nobody` (root ignores permissions).
#[cfg(unix)]
fn run_as_nobody(a: &Archive, index: &Path, args: &[&str]) -> Option<std::process::Output> {
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() {
        return None;
    }
    Some(
        std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(bin())
            .arg("--archive")
            .arg(&a.archive)
            .arg("--index")
            .arg(index)
            .args(args)
            .env("HOME", &a.home)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    )
}

#[cfg(unix)]
#[test]
fn a_read_only_index_still_answers_queries() {
    use std::os::unix::fs::PermissionsExt;
    let a = Archive::small();
    let index = a.index("index");
    a.run_ok(&index, &["index"]);
    // Something changes, so the query commands want to update first.
    write_protocols(&a.archive.join("ny"), "Servicenämnden", 2);
    let make_read_only = |mode: u32| {
        for p in [index.clone(), index.join("tantivy")] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    make_read_only(0o555);
    let outputs: Vec<(Vec<&str>, std::process::Output)> = if permissions_are_ignored(a.tmp.path()) {
        // Root writes anyway: run as nobody, who may read but not write.
        for dir in [
            a.tmp.path(),
            a.archive.as_path(),
            a.archive.join("ny").as_path(),
        ] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::create_dir_all(&a.home).unwrap();
        std::fs::set_permissions(&a.home, std::fs::Permissions::from_mode(0o777)).unwrap();
        for f in index_files(&index) {
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let mut outs = Vec::new();
        for args in [
            vec!["search", "mötets"],
            vec!["meetings", "--no-update"],
            vec!["index"],
        ] {
            match run_as_nobody(&a, &index, &args) {
                Some(out) => outs.push((args, out)),
                None => {
                    eprintln!("note: root without setpriv: the read-only index check is not done");
                    make_read_only(0o700);
                    return;
                }
            }
        }
        outs
    } else {
        [
            vec!["search", "mötets"],
            vec!["meetings", "--no-update"],
            vec!["index"],
        ]
        .into_iter()
        .map(|args| {
            let out = a.run(&index, &args);
            (args, out)
        })
        .collect()
    };
    make_read_only(0o700);
    for (args, out) in &outputs {
        assert_no_panic(out);
        let err = String::from_utf8_lossy(&out.stderr);
        if args[0] == "index" {
            assert!(!out.status.success(), "index cannot write: {err}");
            assert!(err.contains("ermission denied"), "a clear reason: {err}");
        } else {
            assert!(
                out.status.success(),
                "{args:?} answers from the index: {err}"
            );
            assert!(!out.stdout.is_empty(), "{args:?} prints results");
        }
        if args[0] == "search" {
            assert!(err.contains("not updated"), "the user is told: {err}");
        }
    }
    // Opened read-only in-process too.
    let library = Library::open(&a.archive, &index).unwrap();
    assert!(library.is_indexed());
}

#[test]
fn one_process_updates_while_another_searches() {
    let a = Archive::generated(200);
    let (clean, _) = a.clean_build("clean");
    let index = a.index("shared");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let generator = Generator::new(6, 200);
    std::thread::scope(|scope| {
        // Searches in a loop, from the first (still missing) index on.
        let searcher = scope.spawn(|| {
            let mut runs = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) || runs < 3 {
                for args in [&["search", "--json", "mötets"][..], &["meetings", "--json"]] {
                    let out = a.run(&index, args);
                    assert_no_panic(&out);
                    let err = String::from_utf8_lossy(&out.stderr);
                    if !out.status.success() {
                        // Only while the very first build runs is there nothing to search.
                        assert!(
                            err.contains("another protokoll process"),
                            "{args:?} fails while another process indexes: {err}"
                        );
                        continue;
                    }
                    serde_json::from_slice::<serde_json::Value>(&out.stdout)
                        .unwrap_or_else(|e| panic!("{args:?}: valid JSON ({e})"));
                }
                runs += 1;
            }
            runs
        });
        // Meanwhile: build, then change files and update, three times.
        let out = a.run(&index, &["index"]);
        assert_no_panic(&out);
        for revision in 1..=3 {
            let some: Vec<usize> = (0..200).filter(|i| i % 5 == revision as usize).collect();
            generator
                .write_indices(&a.archive, &some, revision)
                .unwrap();
            let out = a.run(&index, &["index"]);
            assert_no_panic(&out);
        }
        generator
            .write_indices(&a.archive, &(0..200).collect::<Vec<_>>(), 0)
            .unwrap();
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let runs = searcher.join().unwrap();
        println!("{runs} search rounds ran beside the updates");
    });
    // Whatever raced, one more update leaves the index equal to a clean build.
    a.run_ok(&index, &["index"]);
    assert_eq!(consistent_items(&a.archive, &index), clean);
}

#[test]
fn two_first_builds_at_once_leave_one_whole_index() {
    let a = Archive::generated(200);
    let (clean, _) = a.clean_build("clean");
    let index = a.index("shared");
    let spawn = || {
        cmd(&a.home, &a.archive, &index, &["index"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn();
    // The second starts when the first has created its index but written no catalog yet: the
    // moment an update that does not wait its turn would judge the index unusable and clear it.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !index.join("tantivy/meta.json").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = spawn();
    let outs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    for out in &outs {
        assert_no_panic(out);
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("another protokoll process"),
                "a clear reason: {err}"
            );
        }
    }
    assert!(
        outs.iter().any(|o| o.status.success()),
        "one of them built the index"
    );
    // No third run needed: the index is whole.
    assert_eq!(consistent_items(&a.archive, &index), clean);
}

/// Disk full: the index lives on a small tmpfs (mounted in a private mount namespace, which
/// needs root or user namespaces); with the disk filled, a query answers from the index it has
/// and `index` fails with a message that says the disk is full; once space is freed the update
/// finishes and equals a clean build.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error_and_queries_still_answer() {
    let a = Archive::small();
    let (clean, _) = a.clean_build("clean");
    let mount = a.tmp.path().join("small-disk");
    std::fs::create_dir_all(&mount).unwrap();
    let results = a.tmp.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    let more = a.tmp.path().join("more");
    write_protocols(&more, "Servicenämnden", 40);
    let script = r#"
set -u
mount -t tmpfs -o size=512k tmpfs "$MNT" || exit 77
run() { "$BIN" --archive "$ARCHIVE" --index "$MNT/index" "$@"; }
run index > "$OUT/first.out" 2> "$OUT/first.err"; echo $? > "$OUT/first.rc"
for f in "$MORE"/*.txt; do cp "$f" "$ARCHIVE/more-$(basename "$f")"; done
dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
run search --json mötets > "$OUT/search.out" 2> "$OUT/search.err"; echo $? > "$OUT/search.rc"
run index > "$OUT/full.out" 2> "$OUT/full.err"; echo $? > "$OUT/full.rc"
rm "$MNT/filler"
for f in "$MORE"/*.txt; do rm "$ARCHIVE/more-$(basename "$f")"; done
run index > "$OUT/freed.out" 2> "$OUT/freed.err"; echo $? > "$OUT/freed.rc"
run items --json --no-update > "$OUT/items.out" 2> "$OUT/items.err"; echo $? > "$OUT/items.rc"
"#;
    let status = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("MNT", &mount)
        .env("BIN", bin())
        .env("ARCHIVE", &a.archive)
        .env("MORE", &more)
        .env("OUT", &results)
        .env("HOME", &a.home)
        .env("NO_COLOR", "1")
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => {
            eprintln!(
                "note: cannot mount a small file system here ({other:?}); disk-full check not done"
            );
            return;
        }
    }
    let read = |name: &str| std::fs::read_to_string(results.join(name)).unwrap_or_default();
    let rc = |name: &str| read(&format!("{name}.rc")).trim().parse::<i32>().unwrap();
    for step in ["first", "search", "full", "freed", "items"] {
        assert!(
            !read(&format!("{step}.err")).contains("panicked at"),
            "{step} panicked: {}",
            read(&format!("{step}.err"))
        );
    }
    assert_eq!(rc("first"), 0, "{}", read("first.err"));
    assert_eq!(
        rc("search"),
        0,
        "search answers from the index it has: {}",
        read("search.err")
    );
    assert!(
        read("search.err").contains("not updated"),
        "{}",
        read("search.err")
    );
    let hits: serde_json::Value = serde_json::from_str(&read("search.out")).unwrap();
    assert!(!hits.as_array().unwrap().is_empty());
    assert_ne!(rc("full"), 0, "index fails on a full disk");
    assert!(
        read("full.err").contains("is full"),
        "the message says why: {}",
        read("full.err")
    );
    assert_eq!(rc("freed"), 0, "{}", read("freed.err"));
    let items: serde_json::Value = serde_json::from_str(&read("items.out")).unwrap();
    let ids: BTreeSet<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids, clean,
        "after space is freed the index equals a clean build"
    );
}
