//! Swedish compounds in search, on a small made-up archive indexed for real: a word finds the
//! compounds it is a later part of, a compound finds its parts written apart, exact matches rank
//! above both, and a short everyday word does not match every word that contains it.

use protokoll::library::SearchHit;
use protokoll::Library;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn library() -> (tempfile::TempDir, tempfile::TempDir, Library) {
    let archive = tempfile::tempdir().unwrap();
    let a = archive.path();
    write(
        a,
        "2021-02-03-ks.txt",
        "Protokoll för Kommunstyrelsen\n\nTid: Onsdag 3 februari 2021 kl 13:00\n\n\
         1. Verksamhetsplan 2021\nVerksamhetsplanen för året antas utan ändringar.\n\n\
         2. Lokaler\nEn plan för lokalerna tas fram till hösten.\n\n\
         3. Regler för skolskjuts\nNya regler för skolskjuts i kommunen antas.\n\n\
         4. Upphandling av resor\nGymnasieskolskjutsen upphandlas på nytt inför läsåret.\n\n\
         5. Elevernas situation\nElevhälsan förstärks med två kuratorer.\n\n\
         6. Folkhälsa\nGod hälsa för alla är målet.\n",
    );
    write(
        a,
        "2022-04-06-bun.txt",
        "Protokoll för Barn- och utbildningsnämnden\n\nTid: Onsdag 6 april 2022 kl 13:00\n\n\
         1. Certifiering\nKommunen ansöker om certifiering som teknikcollege.\n\n\
         2. Regionalt samarbete\nSamarbetet inom Teknik College Väst fortsätter.\n\n\
         3. Nätverksträff\nNätverket för teknik-college möts i höst.\n\n\
         4. Vården\nKompetens försörjning inom vården diskuterades.\n\n\
         5. Personal\nKommunens kompetensförsörjning redovisades.\n\n\
         6. Organisation\nAvdelningen ser över fördelningen av medel och handeln i centrum.\n\n\
         7. Budget\nEn del av budgeten går till underhåll.\n",
    );
    let index = tempfile::tempdir().unwrap();
    Library::update(archive.path(), index.path(), &|_| {}).unwrap();
    let library = Library::open(archive.path(), index.path()).unwrap();
    (archive, index, library)
}

fn titles(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

fn rank(hits: &[SearchHit], title: &str) -> usize {
    hits.iter()
        .position(|h| h.title == title)
        .unwrap_or_else(|| panic!("{title} in {:?}", titles(hits)))
}

#[test]
fn a_word_finds_the_compounds_it_is_a_later_part_of_below_exact_matches() {
    let (_a, _i, library) = library();
    let hits = library.search("plan", 20).unwrap();
    assert!(rank(&hits, "Lokaler") < rank(&hits, "Verksamhetsplan 2021"));

    let hits = library.search("skolskjuts", 20).unwrap();
    assert!(rank(&hits, "Regler för skolskjuts") < rank(&hits, "Upphandling av resor"));

    let hits = library.search("hälsa", 20).unwrap();
    assert!(rank(&hits, "Folkhälsa") < rank(&hits, "Elevernas situation"));
    // The snippet marks the compound the part was found in.
    let hit = &hits[rank(&hits, "Elevernas situation")];
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|&(a, b)| &hit.snippet[a..b])
        .collect();
    assert_eq!(marked, ["Elevhälsan"], "{}", hit.snippet);
}

#[test]
fn a_compound_finds_its_parts_written_apart_below_exact_matches() {
    let (_a, _i, library) = library();
    let hits = library.search("teknikcollege", 20).unwrap();
    let exact = rank(&hits, "Certifiering");
    assert_eq!(exact, 0, "{:?}", titles(&hits));
    assert!(exact < rank(&hits, "Regionalt samarbete"));
    assert!(exact < rank(&hits, "Nätverksträff"));

    let hits = library.search("kompetensförsörjning", 20).unwrap();
    assert!(rank(&hits, "Personal") < rank(&hits, "Vården"));
}

#[test]
fn a_short_everyday_word_matches_only_itself() {
    let (_a, _i, library) = library();
    // "del" stands inside avdelningen, fördelningen, medel, handeln: none of them is found.
    let hits = library.search("del", 20).unwrap();
    assert_eq!(titles(&hits), ["Budget"]);
    // Nor does an inflection make a compound: "kommunen" is no "kommun" + "en".
    let hits = library.search("ens", 20).unwrap();
    assert!(hits.is_empty(), "{:?}", titles(&hits));
}
