//! The archive generator: deterministic from its seed, realistic in the ways the parser and the
//! benchmarks rely on, and every file it writes reads back as a meeting with items.

use protokoll::archive::{decode, Encoding};
use protokoll::protocol::{parse_meeting, MeetingKind, ParseInput};
use protokoll_gen::{DateInText, FileEncoding, Generator, Layout};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn same_seed_writes_identical_archives_and_another_seed_differs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    let summary = Generator::new(7, 150).write(a.path()).unwrap();
    Generator::new(7, 150).write(b.path()).unwrap();
    Generator::new(8, 150).write(c.path()).unwrap();
    let (ta, tb, tc) = (tree(a.path()), tree(b.path()), tree(c.path()));
    assert_eq!(ta.len(), 150, "one file per protocol, no path collisions");
    assert_eq!(summary.files, 150);
    assert_eq!(
        summary.bytes,
        ta.values().map(|v| v.len() as u64).sum::<u64>()
    );
    assert_eq!(ta, tb, "same seed, same bytes");
    let same_bytes = ta.values().filter(|v| tc.values().any(|w| w == *v)).count();
    assert_eq!(same_bytes, 0, "a different seed shares no file");
}

#[test]
fn paths_are_unique_at_archive_scale() {
    for files in [20_000, 60_000] {
        let generator = Generator::new(2, files);
        let paths: HashSet<String> = (0..files).map(|i| generator.path(i)).collect();
        assert_eq!(paths.len(), files);
    }
    let generator = Generator::new(2, 300);
    assert_eq!(generator.path(17), generator.file(17).path);
}

#[test]
fn files_do_not_depend_on_generation_order_and_revisions_keep_their_path() {
    let generator = Generator::new(3, 500);
    let late = generator.file(321);
    let _ = generator.file(0);
    assert_eq!(generator.file(321).bytes, late.bytes);
    let revised = generator.file_revision(321, 1);
    assert_eq!(revised.path, late.path);
    assert_eq!(revised.facts.date, late.facts.date);
    assert_eq!(revised.facts.encoding, late.facts.encoding);
    assert_ne!(revised.bytes, late.bytes, "a revision has new content");
}

#[test]
fn files_live_in_year_folders_and_carry_the_archives_variety() {
    let generator = Generator::new(11, 1200);
    let files: Vec<_> = (0..generator.len()).map(|i| generator.file(i)).collect();
    let mut paths = HashSet::new();
    for f in &files {
        let parts: Vec<&str> = f.path.split('/').collect();
        assert_eq!(parts.len(), 3, "YEAR/council/name: {}", f.path);
        assert_eq!(parts[0], f.facts.date.format("%Y").to_string());
        assert!(
            f.path.ends_with(".txt") || f.path.ends_with(".md"),
            "{}",
            f.path
        );
        assert!(paths.insert(f.path.clone()), "duplicate path {}", f.path);
    }
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let mean = total / files.len();
    assert!(
        (10_000..=16_000).contains(&mean),
        "about 13 KB per file, got {mean}"
    );

    let count = |pred: &dyn Fn(&protokoll_gen::GeneratedFile) -> bool| {
        files.iter().filter(|f| pred(f)).count()
    };
    let share = |n: usize| n as f64 / files.len() as f64;
    assert!(
        share(count(&|f| f.facts.ocr)) > 0.03,
        "some OCR-damaged files"
    );
    assert!(share(count(&|f| f.facts.encoding == FileEncoding::Windows1252)) > 0.05);
    assert!(share(count(&|f| f.facts.crlf)) > 0.1);
    assert!(
        share(count(&|f| f.facts.presentation)) > 0.03,
        "some slide decks"
    );
    assert!(count(&|f| f.facts.markdown) > 0, "some Markdown exports");
    assert!(count(&|f| f.facts.date_in_text == DateInText::WeekdayOnly) > 0);
    let text_of = |f: &protokoll_gen::GeneratedFile| decode(&f.bytes).unwrap().text;
    assert!(
        files
            .iter()
            .any(|f| f.facts.layout == protokoll_gen::Layout::Numbered
                && text_of(f).lines().any(|l| l.ends_with('-') && l.len() > 20)),
        "hyphenated line ends"
    );
    assert!(
        files.iter().any(|f| text_of(f)
            .lines()
            .any(|l| l.trim() == "2(7)" || l.contains("\t2("))),
        "page marks"
    );

    // Recurring matters: an acronym defined in one council's minutes reappears in another's.
    let acronyms: HashSet<&str> = generator
        .matters()
        .iter()
        .filter_map(|m| m.acronym.as_deref())
        .collect();
    let mut councils_per_acronym: HashMap<&str, HashSet<&str>> = HashMap::new();
    for f in &files {
        let text = text_of(f);
        for (open, _) in text.match_indices('(') {
            let inner = text[open + 1..].split(')').next().unwrap_or("");
            if let Some(a) = acronyms.get(inner) {
                councils_per_acronym
                    .entry(a)
                    .or_default()
                    .insert(&f.facts.council);
            }
        }
    }
    let shared = councils_per_acronym
        .values()
        .filter(|c| c.len() >= 2)
        .count();
    assert!(shared >= 5, "acronyms shared across councils: {shared}");
}

/// Decode and parse every file of a small archive. The first group of assertions holds for any
/// parser; the second states what the parser of issue 2 must recover from generated minutes.
#[test]
fn every_file_decodes_and_parses_into_a_meeting_with_items() {
    let generator = Generator::new(5, 400);
    let mut wrong_dates = Vec::new();
    let mut few_items = Vec::new();
    let mut wrong_kind = Vec::new();
    for i in 0..generator.len() {
        let file = generator.file(i);
        let decoded = decode(&file.bytes).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        assert!(!decoded.text.contains('\r'), "{}", file.path);
        if file.facts.encoding == FileEncoding::Windows1252 && !file.bytes.is_ascii() {
            assert_eq!(decoded.encoding, Encoding::Windows1252, "{}", file.path);
        }
        let id = file.path.rsplit_once('.').unwrap().0;
        let meeting = parse_meeting(&ParseInput {
            id,
            file: &file.path,
            text: &decoded.text,
            sidecar: None,
            page_starts: &[],
        });
        assert!(!meeting.items.is_empty(), "{}: no items", file.path);

        // What the real parser must get right on generated minutes.
        if meeting.items.len() < 3 || meeting.items.len() + 2 < file.facts.items.len() {
            few_items.push(format!(
                "{}: {} of {}",
                file.path,
                meeting.items.len(),
                file.facts.items.len()
            ));
        }
        if file.facts.date_in_text == DateInText::Full && meeting.date != Some(file.facts.date) {
            wrong_dates.push(format!(
                "{}: {:?} != {}",
                file.path, meeting.date, file.facts.date
            ));
        }
        let kind = if file.facts.presentation {
            MeetingKind::Presentation
        } else {
            MeetingKind::Protocol
        };
        if meeting.kind != kind {
            wrong_kind.push(format!("{}: {:?}", file.path, meeting.kind));
        }
    }
    let report = |v: &Vec<String>| v.iter().take(8).cloned().collect::<Vec<_>>().join("\n  ");
    assert!(
        few_items.is_empty(),
        "{} files lost items:\n  {}",
        few_items.len(),
        report(&few_items)
    );
    assert!(
        wrong_dates.is_empty(),
        "{} files with a wrong date:\n  {}",
        wrong_dates.len(),
        report(&wrong_dates)
    );
    assert!(
        wrong_kind.is_empty(),
        "{} files of the wrong kind:\n  {}",
        wrong_kind.len(),
        report(&wrong_kind)
    );
}

/// What the generator writes in the municipal layouts (every heading shape of the conventions,
/// every diarium format, several towns with the same bodies, justering and anslag dates, votes
/// and reservations), the parser recovers: items, titles, case numbers, body, organisation and
/// the meeting date, at 99% or better.
#[test]
fn parsing_a_generated_archive_recovers_what_was_written() {
    use protokoll::text::fold;
    let generator = Generator::new(11, 600);
    let (mut checks, mut misses) = (0usize, Vec::new());
    let mut check = |ok: bool, what: String| {
        checks += 1;
        if !ok {
            misses.push(what);
        }
    };
    let squash = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let compact = |s: &str| fold(s).replace(' ', "");
    let mut files = 0;
    let mut organisations_per_body: std::collections::HashMap<
        String,
        std::collections::HashSet<String>,
    > = Default::default();
    for i in 0..generator.len() {
        let file = generator.file(i);
        let f = &file.facts;
        if f.layout != Layout::Municipal || f.presentation || f.ocr || f.markdown {
            continue;
        }
        files += 1;
        let text = decode(&file.bytes).unwrap().text;
        let id = file.path.rsplit_once('.').unwrap().0;
        let m = parse_meeting(&ParseInput {
            id,
            file: &file.path,
            text: &text,
            sidecar: None,
            page_starts: &[],
        });
        let path = &file.path;
        check(
            m.date == Some(f.date),
            format!("{path}: date {:?} != {}", m.date, f.date),
        );
        let council = m.council.as_deref().unwrap_or("");
        check(
            squash(council).contains(&squash(&f.body)),
            format!("{path}: council {council:?} lacks {:?}", f.body),
        );
        let org = m.organisation.as_deref().unwrap_or("");
        check(
            squash(org).contains(&squash(&f.organisation)),
            format!("{path}: organisation {org:?} != {:?}", f.organisation),
        );
        organisations_per_body
            .entry(squash(&f.body))
            .or_default()
            .insert(squash(org));
        check(
            m.items.len() == f.items.len(),
            format!("{path}: {} items of {}", m.items.len(), f.items.len()),
        );
        for (k, (title, case)) in f.items.iter().zip(&f.case_numbers).enumerate() {
            let Some(item) = m.items.get(k) else { continue };
            check(
                squash(&item.title) == squash(title),
                format!("{path} #{k}: title {:?} != {title:?}", item.title),
            );
            if let Some(case) = case {
                check(
                    item.case_numbers
                        .iter()
                        .any(|c| compact(c).contains(&compact(case))),
                    format!("{path} #{k}: case {case:?} not in {:?}", item.case_numbers),
                );
            }
        }
    }
    assert!(files >= 50, "enough municipal files: {files}");
    assert!(
        organisations_per_body.values().any(|orgs| orgs.len() >= 3),
        "the archive has bodies of the same name in several towns"
    );
    let rate = 1.0 - misses.len() as f64 / checks as f64;
    assert!(
        rate >= 0.99,
        "{:.2}% of {checks} checks recovered; first misses:\n  {}",
        rate * 100.0,
        misses
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
