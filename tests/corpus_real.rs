//! The real archives in `../shared/corpus` (public protocols of two municipalities, as published),
//! when they are present beside the project: read as a clerk would get them. Skipped with a
//! message when the folder is not there (they are not part of the project).

use protokoll::protocol::MeetingKind;
use protokoll::Library;
use std::path::{Path, PathBuf};

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is not here (the real corpus is optional)",
            dir.display()
        );
        None
    }
}

#[test]
fn a_portal_archive_of_pdfs_reads_as_meetings_with_their_attachments() {
    let Some(archive) = corpus("alingsas") else {
        return;
    };
    let index = tempfile::tempdir().unwrap();
    let (library, report) = Library::update_and_open(&archive, index.path(), &|_| {}).unwrap();

    // The two protocol.pdf files that are saved error pages are reported, not crashed on.
    let html: Vec<&(String, String)> = report
        .skipped
        .iter()
        .filter(|(_, why)| why.contains("HTML"))
        .collect();
    assert_eq!(html.len(), 2, "{:?}", report.skipped);
    assert!(html.iter().all(|(f, _)| f.ends_with("protokoll.pdf")));
    // Scans are told apart from damage.
    assert!(report
        .skipped
        .iter()
        .filter(|(f, _)| f.ends_with(".pdf") && !f.ends_with("protokoll.pdf"))
        .all(|(_, why)| why.contains("no text layer")));
    assert!(report.pages_read > 500, "pages read: {}", report.pages_read);

    // Every real protocol is one meeting, and every one has attachments under it.
    let protocols: Vec<_> = library
        .meetings()
        .iter()
        .filter(|m| m.file.ends_with("protokoll.pdf"))
        .collect();
    assert_eq!(
        protocols.len(),
        8,
        "{:?}",
        protocols.iter().map(|m| &m.id).collect::<Vec<_>>()
    );
    for meeting in &protocols {
        assert_eq!(meeting.kind, MeetingKind::Protocol, "{}", meeting.id);
        assert!(meeting.pages.is_some_and(|p| p > 1), "{}", meeting.id);
        assert!(
            meeting.items.iter().all(|i| i.page_start.is_some()),
            "items know their page: {}",
            meeting.id
        );
        let attachments = library.attachments(&meeting.id);
        let folder = meeting.id.trim_end_matches("protokoll");
        if archive.join(folder).join("bilagor").is_dir() {
            assert!(!attachments.is_empty(), "{} has its bilagor", meeting.id);
        }
        assert!(attachments.iter().all(|a| a.file.starts_with(folder)));
    }
    // No attachment is listed as a meeting of its own while its protocol is there.
    assert!(library
        .meetings()
        .iter()
        .filter(|m| m.file.contains("/bilagor/"))
        .all(|m| {
            let folder = m.file.split("/bilagor/").next().unwrap();
            !protocols.iter().any(|p| p.file.starts_with(folder))
        }));

    // A word found only in an attachment is found there, and the hit names its meeting.
    let hits = library.search("Brobacka", 10).unwrap();
    let hit = hits
        .iter()
        .find(|h| h.file.contains("/bilagor/"))
        .expect("the attachment is searchable");
    assert_eq!(
        hit.attached_to.as_deref(),
        Some("kommunstyrelsen/2026-06-01/protokoll")
    );
}

/// A kallelse made from a real protocol's agenda (only its § headings and case numbers, as the
/// agenda sent before the next meeting would carry them): the brief finds each matter's earlier
/// treatment by its Dnr, newest first, with the decision.
#[test]
fn a_brief_of_a_kallelse_finds_the_real_earlier_treatments() {
    let Some(archive) = corpus("alingsas") else {
        return;
    };
    let index = tempfile::tempdir().unwrap();
    let (library, _) = Library::update_and_open(&archive, index.path(), &|_| {}).unwrap();
    let protocol = library
        .meetings()
        .iter()
        .filter(|m| m.kind == MeetingKind::Protocol)
        .max_by_key(|m| {
            m.items
                .iter()
                .filter(|i| !i.case_numbers.is_empty())
                .count()
        })
        .expect("a protocol with case numbers")
        .clone();
    let mut kallelse = format!(
        "Kallelse\n{}\nSammanträdesdatum 2099-01-15\n\n",
        protocol.council.clone().unwrap_or_default()
    );
    let mut expected = Vec::new();
    for item in protocol.items.iter().filter(|i| !i.case_numbers.is_empty()) {
        let number = item.number.clone().unwrap_or_default();
        kallelse.push_str(&format!(
            "{number}   {}\n{}\n\n",
            item.case_numbers[0], item.title
        ));
        expected.push(item.id.clone());
    }
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("kallelse.txt");
    std::fs::write(&file, &kallelse).unwrap();
    let brief = library.brief(file.to_str().unwrap()).unwrap();
    let found: Vec<&str> = brief
        .items
        .iter()
        .flat_map(|i| i.history.iter())
        .filter(|h| h.link.starts_with("Dnr"))
        .map(|h| h.item_id.as_str())
        .collect();
    let hits = expected
        .iter()
        .filter(|id| found.contains(&id.as_str()))
        .count();
    assert!(
        hits * 10 >= expected.len() * 8,
        "{hits} of {} matters found by their Dnr in {}: {kallelse}",
        expected.len(),
        protocol.id
    );
    for item in &brief.items {
        let dates: Vec<_> = item.history.iter().map(|h| h.date.clone()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");
    }
    assert!(
        brief
            .items
            .iter()
            .flat_map(|i| i.history.iter())
            .any(|h| h.decision.is_some()),
        "the decisions come along"
    );
}
