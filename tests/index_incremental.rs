//! Keeping the index up to date: only added, changed and removed files are read again, a sidecar
//! change counts as a change, councils are merged across spellings and inferred for files that
//! name none, and the report says what happened.

use protokoll::Library;
use std::path::Path;

fn protocol(council: &str, date: &str, title: &str) -> String {
    format!("Protokoll för {council}\n\nTid: {date}\n\n1. Mötet öppnas\nMötet öppnades.\n\n2. {title}\nText om {title}.\n")
}

fn update(archive: &Path, index: &Path) -> protokoll::library::UpdateReport {
    Library::update(archive, index, &|_| {}).unwrap()
}

#[test]
fn only_what_changed_is_read_again() {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let a = archive.path();
    std::fs::write(
        a.join("a.txt"),
        protocol("Kommunstyrelsen", "Onsdag 10 mars 2021", "Budget"),
    )
    .unwrap();
    std::fs::write(
        a.join("b.txt"),
        protocol("Kommunstyrelsen", "Onsdag 5 maj 2021", "Skolskjuts"),
    )
    .unwrap();
    let first = update(a, index.path());
    assert_eq!((first.added, first.changed, first.removed), (2, 0, 0));
    assert!(first.rebuilt.is_some(), "a first build says why it built");

    let again = update(a, index.path());
    assert_eq!(
        (again.added, again.changed, again.removed, again.unchanged),
        (0, 0, 0, 2)
    );
    assert_eq!(again.items_indexed, 0);

    std::fs::write(
        a.join("b.txt"),
        protocol("Kommunstyrelsen", "Onsdag 5 maj 2021", "Simhall"),
    )
    .unwrap();
    std::fs::write(
        a.join("c.txt"),
        protocol("Kommunstyrelsen", "Onsdag 9 juni 2021", "Gator"),
    )
    .unwrap();
    std::fs::remove_file(a.join("a.txt")).unwrap();
    let report = update(a, index.path());
    assert_eq!(
        (
            report.added,
            report.changed,
            report.removed,
            report.unchanged
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(
        report.items_indexed, 4,
        "two files of two items each were read again"
    );

    let library = Library::open(a, index.path()).unwrap();
    let titles: Vec<String> = library.items().map(|(_, i)| i.title.clone()).collect();
    assert!(titles.contains(&"Simhall".to_string()) && !titles.contains(&"Skolskjuts".to_string()));
    assert!(
        library.search("budget", 10).unwrap().is_empty(),
        "removed file is gone from search"
    );
    assert_eq!(library.search("simhall", 10).unwrap().len(), 1);
}

#[test]
fn a_touched_but_identical_file_is_not_reindexed() {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let file = archive.path().join("a.txt");
    let text = protocol("Kommunstyrelsen", "Onsdag 10 mars 2021", "Budget");
    std::fs::write(&file, &text).unwrap();
    update(archive.path(), index.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, &text).unwrap();
    let report = update(archive.path(), index.path());
    assert_eq!(
        (report.changed, report.items_indexed, report.unchanged),
        (0, 0, 1)
    );
}

#[test]
fn a_sidecar_change_is_a_change_and_wins_over_the_text() {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let a = archive.path();
    std::fs::write(a.join("a.txt"), "Minnesanteckningar\n\nNågot utan datum.\n").unwrap();
    update(a, index.path());
    let library = Library::open(a, index.path()).unwrap();
    assert_eq!(
        library.meetings()[0].date,
        None,
        "no date in the text means none"
    );

    std::fs::write(
        a.join("a.meta.toml"),
        "council = \"Kulturnämnden\"\ndate = 2022-02-14\n",
    )
    .unwrap();
    let report = update(a, index.path());
    assert_eq!(report.changed, 1);
    let library = Library::open(a, index.path()).unwrap();
    let m = &library.meetings()[0];
    assert_eq!(m.council.as_deref(), Some("Kulturnämnden"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2022-02-14"));
}

#[test]
fn councils_merge_across_spellings_and_are_inferred_from_mentions() {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let a = archive.path();
    let good = "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning";
    let ocr = "Specifikt samverkansrad for skola, utbildning och kompetensforsorjning";
    std::fs::write(
        a.join("1.txt"),
        protocol(good, "Onsdag 4 november 2020", "Validering"),
    )
    .unwrap();
    std::fs::write(
        a.join("2.txt"),
        protocol(ocr, "Onsdag 6 oktober 2021", "Ekonomi"),
    )
    .unwrap();
    std::fs::write(
        a.join("3.txt"),
        "1. Mötet öppnas\n\n2. Verksamhetsplan\nPlanen antas av Specifika samverkansrådet för skola, utbildning och kompetensförsörjning.\n",
    )
    .unwrap();
    update(a, index.path());
    let library = Library::open(a, index.path()).unwrap();
    for m in library.meetings() {
        assert_eq!(m.council.as_deref(), Some(good), "{}", m.id);
    }
    assert_eq!(library.meetings_of_council("samverkansrad").len(), 3);
}

#[test]
fn an_update_rewrites_no_kept_meeting_and_an_open_library_still_reads_its_own() {
    let archive = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let a = archive.path();
    for (file, date, title) in [
        ("a.txt", "Onsdag 10 mars 2021", "Budget"),
        ("b.txt", "Onsdag 5 maj 2021", "Skolskjuts"),
        ("c.txt", "Onsdag 9 juni 2021", "Gator"),
    ] {
        std::fs::write(a.join(file), protocol("Kommunstyrelsen", date, title)).unwrap();
    }
    update(a, index.path());
    let before = Library::open(a, index.path()).unwrap();
    let log_before = std::fs::read(index.path().join("meetings.bin")).unwrap();

    std::fs::write(
        a.join("b.txt"),
        protocol("Kommunstyrelsen", "Onsdag 5 maj 2021", "Simhall"),
    )
    .unwrap();
    let report = update(a, index.path());
    assert_eq!((report.changed, report.unchanged), (1, 2));
    let log_after = std::fs::read(index.path().join("meetings.bin")).unwrap();
    assert!(
        log_after.len() > log_before.len() && log_after.starts_with(&log_before),
        "the changed meeting is appended; the kept ones are not written again"
    );

    let title_of =
        |library: &Library, id: &str| library.meeting_by_id(id).unwrap().items[1].title.clone();
    let after = Library::open(a, index.path()).unwrap();
    assert_eq!(title_of(&after, "b"), "Simhall");
    assert_eq!(title_of(&after, "a"), "Budget");
    assert_eq!(
        title_of(&before, "b"),
        "Skolskjuts",
        "a library opened before the update reads the catalog it opened"
    );
    assert_eq!(after.meetings().len(), 3);
}
