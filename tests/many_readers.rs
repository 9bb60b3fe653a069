//! Many readers, one writer (issue 12): sixteen `protokoll search` processes in a loop and a
//! library opened in-process (what the TUI holds) keep answering while another process runs
//! `protokoll index` on an archive that was just changed. No reader fails or sees a torn state
//! (every hit's meeting exists, every count is the old state's or the new one's), a second
//! updater waits for the first instead of failing, and afterwards the new content is found.

use protokoll::Library;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_protokoll");
const QUERY: &str = "kompetens";

fn protokoll(archive: &Path, index: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--archive")
        .arg(archive)
        .arg("--index")
        .arg(index)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The process's stdout as JSON, after checking it succeeded without an error on stderr.
fn answer(what: &str, out: &Output) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what} failed: {stderr}");
    assert!(
        !stderr.to_lowercase().contains("error"),
        "{what} says error: {stderr}"
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: {e}: {stderr}"))
}

/// A search's hit count and the meeting ids of its hits.
type Answer = (usize, Vec<String>);

/// The [`Answer`] of a `search --json`.
fn hits(v: &Value) -> Answer {
    let hits = v.as_array().unwrap();
    let ids = hits
        .iter()
        .map(|h| h["meeting_id"].as_str().unwrap().to_string())
        .collect();
    (hits.len(), ids)
}

fn meeting_ids(archive: &Path, index: &Path) -> HashSet<String> {
    let v = answer(
        "meetings",
        &protokoll(
            archive,
            index,
            &["meetings", "--all", "--json", "--no-update"],
        ),
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

const NEW_PROTOCOL: &str = "PROTOKOLL\nSkol- och utbildningschefer\nFredag 3 mars 2023\n\n\
1. Mötets öppnande\nOrdföranden öppnade mötet.\n\n\
2. Kompetensförsörjning i glesbygd\nKompetens och rekrytering av lärare i Hällefors, \
kompetens som saknas. Ett nytt ord: fjällbjörksvedträ.\n\n\
3. Mötets avslutande\nMötet avslutades.\n";

#[test]
fn sixteen_searches_and_a_library_keep_answering_while_another_process_updates() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("arkiv");
    let index = tmp.path().join("index");
    std::fs::create_dir(&archive).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, archive.join(path.file_name().unwrap())).unwrap();
    }
    answer("index", &protokoll(&archive, &index, &["index", "--json"]));
    let search = ["search", QUERY, "--json", "--limit", "500"];
    let (old_count, _) = hits(&answer("search", &protokoll(&archive, &index, &search[..])));
    let old_ids = meeting_ids(&archive, &index);
    assert!(old_count > 0);

    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<Vec<Answer>>> = Arc::default();
    let mut readers = Vec::new();
    for _ in 0..16 {
        let (archive, index, stop, answers) = (
            archive.clone(),
            index.clone(),
            stop.clone(),
            answers.clone(),
        );
        readers.push(std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let v = answer("search", &protokoll(&archive, &index, &search[..]));
                answers.lock().unwrap().push(hits(&v));
            }
        }));
    }
    // What the TUI holds: a library opened once, searched and browsed while the update runs,
    // and opened again (as the TUI does after an update).
    let in_process = {
        let (archive, index, stop, answers) = (
            archive.clone(),
            index.clone(),
            stop.clone(),
            answers.clone(),
        );
        std::thread::spawn(move || {
            let mut rounds = 0;
            while !stop.load(Ordering::Relaxed) || rounds == 0 {
                let library = Library::open(&archive, &index).unwrap();
                for _ in 0..5 {
                    let found = library.search(QUERY, 500).unwrap();
                    let ids = found.iter().map(|h| h.meeting_id.clone()).collect();
                    answers.lock().unwrap().push((found.len(), ids));
                }
                assert!(
                    !library.documents().is_empty(),
                    "the open library lost its meetings"
                );
                rounds += 1;
            }
        })
    };
    std::thread::sleep(Duration::from_millis(300));

    // Change the archive: a new protocol, one changed, one removed; then two updaters at once.
    std::fs::write(archive.join("005_nytt.txt"), NEW_PROTOCOL).unwrap();
    let changed = archive.join("003_3065ef84684ee7c8.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, text.replace("kompetens", "kunnande")).unwrap();
    std::fs::remove_file(archive.join("001_17cbd9c42a60c6b1.txt")).unwrap();
    let updaters: Vec<_> = (0..2)
        .map(|_| {
            let (archive, index) = (archive.clone(), index.clone());
            std::thread::spawn(move || protokoll(&archive, &index, &["index", "--json"]))
        })
        .collect();
    for updater in updaters {
        answer("index (one of two at once)", &updater.join().unwrap());
    }
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.join().unwrap();
    }
    in_process.join().unwrap();

    let new = answer("search", &protokoll(&archive, &index, &search[..]));
    let (new_count, new_hits) = hits(&new);
    assert!(
        new_hits.iter().any(|m| m == "005_nytt"),
        "the new protocol is found: {new_hits:?}"
    );
    let fresh = answer(
        "search",
        &protokoll(&archive, &index, &["search", "fjällbjörksvedträ", "--json"]),
    );
    assert_eq!(hits(&fresh).0, 1, "{fresh}");
    let new_ids = meeting_ids(&archive, &index);
    assert!(new_ids.contains("005_nytt") && !new_ids.contains("001_17cbd9c42a60c6b1"));
    assert_ne!(old_count, new_count);

    let answers = answers.lock().unwrap();
    assert!(
        answers.len() > 32,
        "readers answered {} times",
        answers.len()
    );
    let known: HashSet<&String> = old_ids.iter().chain(&new_ids).collect();
    for (count, ids) in answers.iter() {
        assert!(
            *count == old_count || *count == new_count,
            "{count} hits: neither the old state's {old_count} nor the new {new_count} ({ids:?})"
        );
        for id in ids {
            assert!(
                known.contains(id),
                "a hit in meeting {id}, which is not indexed"
            );
        }
        let all_old = ids.iter().all(|id| old_ids.contains(id));
        let all_new = ids.iter().all(|id| new_ids.contains(id));
        assert!(all_old || all_new, "hits from two states at once: {ids:?}");
    }
}
