//! Cross-referencing on the bundled seed protocols (real, partly OCR'd minutes from two councils):
//! the RUC financing proposal reaches the later plan that runs activities "i RUCs regi", a
//! validation project reaches a later validation item, one council's theme day reaches the other
//! council's, and two meetings' standing items line up in a comparison.

use protokoll::text::fold;
use protokoll::Library;
use std::path::PathBuf;

struct Seeds {
    library: Library,
    _index: tempfile::TempDir,
}

fn seeds() -> Seeds {
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let index = tempfile::tempdir().expect("temp dir");
    Library::update(&archive, index.path(), &|_| {}).expect("index seeds");
    let library = Library::open(&archive, index.path()).expect("open seeds");
    Seeds {
        library,
        _index: index,
    }
}

/// The shortest item of a file (by id prefix) whose title or text contains `words`.
fn item_with(lib: &Library, file: &str, words: &str) -> String {
    let mut found: Vec<(usize, String)> = lib
        .items()
        .filter(|(m, _)| m.id.starts_with(file))
        .filter_map(|(_, i)| {
            let text = lib.item_text(&i.id).unwrap_or_default();
            let all = fold(&format!("{} {}", i.title, text));
            all.contains(&fold(words))
                .then(|| (all.len(), i.id.clone()))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .map(|(_, id)| id)
        .unwrap_or_else(|| panic!("no item with {words:?} in {file}"))
}

fn related_mentions(lib: &Library, from: &str, k: usize, file: &str, words: &str) -> bool {
    lib.related(from, k).unwrap().iter().any(|r| {
        let text = lib.item_text(&r.item_id).unwrap_or_default();
        r.meeting_id.starts_with(file)
            && fold(&format!("{} {}", r.title, text)).contains(&fold(words))
    })
}

#[test]
fn seed_matters_link_across_years_and_councils() {
    let s = seeds();
    let lib = &s.library;
    let ruc = item_with(lib, "001_", "Regionalt utvecklingscentrum");
    assert!(related_mentions(lib, &ruc, 3, "004_", "RUC"));
    let top = &lib.related(&ruc, 3).unwrap()[0];
    assert_eq!(
        top.reasons.first().map(String::as_str),
        Some("RUC"),
        "{:?}",
        top.reasons
    );

    let validation = item_with(lib, "000_", "Effektivare validering");
    assert!(related_mentions(lib, &validation, 3, "002_", "validering"));

    let theme = item_with(lib, "003_", "Tema Kompetensf");
    assert!(related_mentions(lib, &theme, 5, "002_", "kompetensf"));

    let web = item_with(lib, "001_", "vuxwebben");
    assert!(related_mentions(lib, &web, 5, "000_", "webb"));
}

#[test]
fn seed_thread_of_ruc_reaches_the_later_plan_in_date_order() {
    let s = seeds();
    let lib = &s.library;
    let ruc = item_with(lib, "001_", "Regionalt utvecklingscentrum");
    let thread = lib.thread(&ruc).unwrap();
    assert!(thread.iter().any(|e| e.item_id == ruc));
    assert!(thread
        .iter()
        .any(|e| e.meeting_id.starts_with("004_") && e.excerpt.contains("RUC")));
    let dates: Vec<Option<&String>> = thread.iter().map(|e| e.date.as_ref()).collect();
    let known: Vec<&String> = dates.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(
        dates[known.len()..].iter().all(Option::is_none),
        "undated last: {dates:?}"
    );
    assert!(
        thread.len() <= 8,
        "the thread stays on the matter: {} entries",
        thread.len()
    );
}

#[test]
fn seed_meetings_compare_with_standing_items_aligned() {
    let s = seeds();
    let lib = &s.library;
    let a = lib
        .meetings()
        .iter()
        .find(|m| m.id.starts_with("000_"))
        .unwrap();
    let b = lib
        .meetings()
        .iter()
        .find(|m| m.id.starts_with("002_"))
        .unwrap();
    let comparison = lib.compare(&a.id, &b.id).unwrap();
    let title = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| lib.item_ref(id))
            .map(|at| fold(&at.item().title))
            .unwrap_or_default()
    };
    for word in ["vriga", "avslutades", "ppna"] {
        assert!(
            comparison
                .rows
                .iter()
                .any(|r| title(&r.a_item).contains(word) && title(&r.b_item).contains(word)),
            "{word}"
        );
    }
    let shown_a = comparison
        .rows
        .iter()
        .filter(|r| r.a_item.is_some())
        .count();
    let shown_b = comparison
        .rows
        .iter()
        .filter(|r| r.b_item.is_some())
        .count();
    assert_eq!((shown_a, shown_b), (a.items.len(), b.items.len()));
}

/// Everyday Swedish, as the program decides it: a one-word reason whose Zipf frequency in the
/// bundled wordfreq list (data/sv_wordfreq.txt) is at least 4.0, about the 6,000 most common
/// words ("förslag", "hösten", "slut", "sammanlagt", "medel"). Multi-word names and
/// organisations ("Örebro universitet") are judged as a whole and may hold common words.
#[test]
fn seed_ruc_reasons_hold_no_everyday_word() {
    use protokoll::links::wordfreq::{zipf, EVERYDAY_ZIPF};
    let s = seeds();
    let lib = &s.library;
    let ruc = item_with(lib, "001_", "Regionalt utvecklingscentrum");
    let mut reasons: Vec<String> = lib
        .related(&ruc, 10)
        .unwrap()
        .into_iter()
        .flat_map(|r| r.reasons)
        .collect();
    reasons.extend(
        lib.thread(&ruc)
            .unwrap()
            .into_iter()
            .flat_map(|e| e.reasons),
    );
    assert!(!reasons.is_empty());
    for reason in &reasons {
        if reason.split_whitespace().count() == 1 {
            assert!(
                zipf(reason).is_none_or(|z| z < EVERYDAY_ZIPF),
                "everyday word {reason:?} (Zipf {:?}) among {reasons:?}",
                zipf(reason)
            );
        }
    }
    for word in ["förslag", "hösten", "slut", "sammanlagt", "medel"] {
        assert!(
            !reasons.iter().any(|r| fold(r) == fold(word)),
            "{word}: {reasons:?}"
        );
    }
}

#[test]
fn seed_ruc_thread_reads_as_the_ruc_story() {
    let s = seeds();
    let lib = &s.library;
    let ruc = item_with(lib, "001_", "Regionalt utvecklingscentrum");
    let thread = lib.thread(&ruc).unwrap();
    let at = |prefix: &str| thread.iter().position(|e| e.meeting_id.starts_with(prefix));
    let (start, plan) = (at("001_").unwrap(), at("004_").expect("the 2023 plan"));
    assert!(start < plan, "the 2021 proposal before the 2023 plan");
    assert_eq!(
        thread[start].date_estimate.as_ref().map(|e| e.label()),
        Some("≈ 2021".to_string())
    );
    assert_eq!(
        thread[plan].date_estimate.as_ref().map(|e| e.label()),
        Some("≈ 2023".to_string())
    );
    for e in &thread {
        assert!(
            !fold(&e.title).contains("vuxenutbildning"),
            "no adult-education marketing: {:?}",
            e.title
        );
    }
}
