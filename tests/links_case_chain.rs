//! Case-number chains and cited decisions on a made-up archive of five protocols of one
//! municipality: a KS decision (2026.142 KS) reported in two boards' Meddelanden and cited by
//! date and § in a third board's items; the traps: the year's standing series numbers
//! (2026.002 TEN/BMN/BUN, reused by every Meddelanden or delegation list), the same serial with
//! another body's suffix (2026.142 BUN), and two unrelated items sharing only everyday words
//! ("förslaget", "hösten", "medel", "slut", "sammanlagt").

mod links_support;

use links_support::{item, Fixture};
use protokoll::Library;
use std::path::PathBuf;

fn open() -> Fixture {
    links_support::open("case_chain")
}

fn related_ids(lib: &Library, id: &str) -> Vec<(String, Vec<String>)> {
    lib.related(id, 10)
        .unwrap()
        .into_iter()
        .map(|r| (r.item_id, r.reasons))
        .collect()
}

#[test]
fn a_shared_case_number_links_across_bodies_and_is_the_first_reason() {
    let fx = open();
    let lib = &fx.library;
    let ten = item(lib, "2026-05-18", "Meddelanden");
    let bmn = item(lib, "2026-05-19", "Meddelanden");
    let ks = item(lib, "2026-04-13", "visselblåsar");
    let related = related_ids(lib, &ten);
    let hit = related
        .iter()
        .find(|(id, _)| *id == bmn)
        .unwrap_or_else(|| panic!("BMN's Meddelanden: {related:?}"));
    assert_eq!(hit.1[0], "Dnr 2026.142 KS", "{:?}", hit.1);
    assert!(related.iter().any(|(id, _)| *id == ks), "{related:?}");
    // Written as `2026.142 KS` in the KS heading: the same key.
    let back = related_ids(lib, &ks);
    assert!(back.iter().any(|(id, _)| *id == ten), "{back:?}");
}

#[test]
fn standing_series_and_another_bodys_suffix_are_not_links() {
    let fx = open();
    let lib = &fx.library;
    let ten = item(lib, "2026-05-18", "Meddelanden");
    let bun_delegation = item(lib, "2026-05-26", "delegationsbeslut");
    let related = related_ids(lib, &ten);
    assert!(
        !related.iter().any(|(id, _)| *id == bun_delegation),
        "2026.142 BUN is another matter than 2026.142 KS: {related:?}"
    );
    for (id, reasons) in related_ids(lib, &bun_delegation) {
        assert!(
            !reasons.iter().any(|r| r.contains("2026.002")),
            "the delegation list's series number links nothing: {id} {reasons:?}"
        );
    }
}

#[test]
fn a_cited_decision_links_both_ways() {
    let fx = open();
    let lib = &fx.library;
    let citing = item(lib, "2026-05-26", "Anmälningar");
    let ks = item(lib, "2026-04-13", "visselblåsar");
    let related = related_ids(lib, &citing);
    assert_eq!(related.first().map(|r| &r.0), Some(&ks), "{related:?}");
    assert!(related_ids(lib, &ks).iter().any(|(id, _)| *id == citing));
}

#[test]
fn references_resolve_or_say_they_are_not_in_the_archive() {
    let fx = open();
    let lib = &fx.library;
    let budget = item(lib, "2026-06-15", "Budgetuppföljning");
    let parking = item(lib, "2026-04-13", "Parkeringsnorm");
    let view = lib.item(&budget).unwrap();
    let refs: Vec<(String, Option<String>)> = view
        .references
        .iter()
        .map(|r| (r.cited.clone(), r.item_id.clone()))
        .collect();
    assert!(
        refs.contains(&("Kommunfullmäktige 2022-12-21 § 322".to_string(), None)),
        "{refs:?}"
    );
    assert!(
        refs.iter()
            .any(|(_, id)| id.as_deref() == Some(parking.as_str())),
        "{refs:?}"
    );
}

#[test]
fn everyday_words_alone_do_not_link() {
    let fx = open();
    let lib = &fx.library;
    let parking = item(lib, "2026-04-13", "Parkeringsnorm");
    let snow = item(lib, "2026-05-18", "Snöröjning");
    let related = related_ids(lib, &parking);
    assert!(
        !related.iter().any(|(id, _)| *id == snow),
        "förslaget, hösten, medel, slut, sammanlagt are everyday Swedish: {related:?}"
    );
}

#[test]
fn a_thread_is_the_matters_timeline_one_row_per_meeting() {
    let fx = open();
    let lib = &fx.library;
    let ten = item(lib, "2026-05-18", "Meddelanden");
    let thread = lib.thread(&ten).unwrap();
    let meetings: Vec<&str> = thread.iter().map(|e| e.meeting_id.as_str()).collect();
    assert!(
        meetings.iter().any(|m| m.starts_with("2026-04-13")),
        "{meetings:?}"
    );
    assert!(
        meetings.iter().any(|m| m.starts_with("2026-05-19")),
        "{meetings:?}"
    );
    let mut unique = meetings.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        meetings.len(),
        "one row per meeting: {meetings:?}"
    );
    let dates: Vec<&str> = thread.iter().filter_map(|e| e.date.as_deref()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let ks = thread
        .iter()
        .find(|e| e.meeting_id.starts_with("2026-04-13"))
        .unwrap();
    assert!(ks.link.is_some(), "{ks:?}");
    assert!(
        ks.decision.as_deref().is_some_and(|d| d.contains("anta")),
        "{ks:?}"
    );
    assert!(ks.excerpt.contains("anta"), "{ks:?}");
    let start = thread.iter().find(|e| e.item_id == ten).unwrap();
    assert_eq!(start.link, None);
}

#[test]
fn the_same_number_in_another_organisation_is_another_matter() {
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links/two_towns");
    let index = tempfile::tempdir().expect("temp dir");
    Library::update(&archive, index.path(), &|_| {}).expect("index fixture");
    let lib = Library::open(&archive, index.path()).expect("open fixture");
    let lomma = item(&lib, "2020-03-02", "Bjärred");
    let orgs: Vec<Option<String>> = lib
        .meetings()
        .iter()
        .map(|m| m.organisation.clone())
        .collect();
    let related = related_ids(&lib, &lomma);
    assert!(
        related.is_empty(),
        "KS 2020/123 of Lomma is not KS 2020/123 of Alingsås ({orgs:?}): {related:?}"
    );
}
