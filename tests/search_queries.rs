//! Full-text search as a user meets it: inflections, diacritics lost to OCR, typos ranked below
//! exact words, phrases, prefixes, exclusions, filters, title above body, case numbers as written,
//! and snippets that mark the matched words. Runs on a small made-up archive indexed for real.

use protokoll::library::SearchHit;
use protokoll::Library;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Three councils over three years; each file a protocol with numbered items.
fn archive() -> (tempfile::TempDir, tempfile::TempDir) {
    let archive = tempfile::tempdir().unwrap();
    let a = archive.path();
    write(
        a,
        "2021-03-10-barn.txt",
        "Protokoll för Barn- och utbildningsnämnden\n\nTid: Onsdag 10 mars 2021 kl 13:00\n\n\
         1. Mötet öppnas\nOrdföranden öppnade mötet.\n\n\
         2. Lärarutbildningen vid Örebro universitet\nAnna Berg, Örebro universitet\n\
         Information om lärarutbildningen och den verksamhetsförlagda delen.\n\n\
         3. Skolskjuts\nDnr KS 2020/123. Nya regler för skolskjuts i kommunen.\n",
    );
    write(
        a,
        "2022-05-04-barn.txt",
        "Protokoll för Barn- och utbildningsnämnden\n\nTid: Onsdag 4 maj 2022 kl 13:00\n\n\
         1. Mötet öppnas\nOrdföranden öppnade mötet.\n\n\
         2. Budget\nBudgeten för Orebro kommun diskuterades. Lararutbildning nämndes kort.\n\n\
         3. Utvecklingsarbete\nEtt regionalt utvecklingscentrum planeras tillsammans med universitetet.\n",
    );
    write(
        a,
        "2023-09-20-ks.txt",
        "Protokoll för Kommunstyrelsen\n\nTid: Onsdag 20 september 2023 kl 9:00\n\n\
         1. Kompetensförsörjning\nKommunens kompetensförsörjning inom vården och skolan.\n\n\
         2. Övrigt\nKompetensförsörjningen nämndes också här, och coronapandemin.\n",
    );
    let index = tempfile::tempdir().unwrap();
    Library::update(archive.path(), index.path(), &|_| {}).unwrap();
    (archive, index)
}

fn search(query: &str) -> Vec<SearchHit> {
    let (archive, index) = archive();
    let library = Library::open(archive.path(), index.path()).unwrap();
    library.search(query, 20).unwrap()
}

fn titles(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

fn marked(hit: &SearchHit) -> Vec<&str> {
    hit.highlights
        .iter()
        .map(|&(a, b)| &hit.snippet[a..b])
        .collect()
}

#[test]
fn inflections_and_diacritics_meet() {
    // Unbent query finds the definite form, and the OCR'd spelling without diacritics.
    let hits = search("lärarutbildning");
    let t = titles(&hits);
    assert!(
        t.contains(&"Lärarutbildningen vid Örebro universitet"),
        "{t:?}"
    );
    assert!(
        t.contains(&"Budget"),
        "OCR'd 'Lararutbildning' should match: {t:?}"
    );
    // Both ways round: the folded query finds the spelling with diacritics.
    let hits = search("orebro");
    let t = titles(&hits);
    assert!(
        t.contains(&"Lärarutbildningen vid Örebro universitet"),
        "{t:?}"
    );
    assert!(t.contains(&"Budget"), "{t:?}");
}

#[test]
fn a_typo_still_finds_but_ranks_below_exact() {
    let hits = search("kompetensförsörjnig");
    assert!(!hits.is_empty(), "one edit off must still find");
    let exact = search("kompetensförsörjning");
    assert!(
        exact[0].score > hits[0].score,
        "exact {} vs typo {}",
        exact[0].score,
        hits[0].score
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let hits = search("kompetensförsörjning");
    assert_eq!(hits[0].title, "Kompetensförsörjning", "{:?}", titles(&hits));
    assert!(titles(&hits).contains(&"Övrigt"));
}

#[test]
fn phrases_prefixes_and_exclusions() {
    let hits = search("\"Örebro universitet\"");
    assert_eq!(titles(&hits), ["Lärarutbildningen vid Örebro universitet"]);
    let hits = search("utvecklings*");
    assert!(
        titles(&hits).contains(&"Utvecklingsarbete"),
        "{:?}",
        titles(&hits)
    );
    let hits = search("kompetensförsörjning -nämndes");
    assert_eq!(titles(&hits), ["Kompetensförsörjning"]);
}

#[test]
fn council_and_date_filters() {
    let hits = search("mötet council:barn");
    assert_eq!(hits.len(), 2, "{:?}", titles(&hits));
    assert!(hits
        .iter()
        .all(|h| h.council.as_deref() == Some("Barn- och utbildningsnämnden")));
    let hits = search("mötet from:2022");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].date.as_deref(), Some("2022-05-04"));
    let hits = search("mötet to:2021-12");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].date.as_deref(), Some("2021-03-10"));
    assert!(search("year:2023")
        .iter()
        .all(|h| h.date.as_deref() == Some("2023-09-20")));
}

#[test]
fn case_numbers_are_searchable_as_written() {
    let hits = search("KS 2020/123");
    assert_eq!(titles(&hits), ["Skolskjuts"]);
}

#[test]
fn snippets_mark_the_matched_words() {
    let hits = search("lärarutbildning");
    let hit = hits
        .iter()
        .find(|h| h.title == "Budget")
        .expect("the OCR'd item");
    assert_eq!(marked(hit), ["Lararutbildning"], "{}", hit.snippet);
}

#[test]
fn a_bad_filter_is_an_error_that_says_what_is_expected() {
    let (archive, index) = archive();
    let library = Library::open(archive.path(), index.path()).unwrap();
    let err = library.search("budget from:igår", 10).unwrap_err();
    assert!(err.message.contains("YYYY"), "{err}");
}
