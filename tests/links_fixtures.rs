//! Cross-referencing on made-up archives where the right link is known: an acronym defined in one
//! meeting and used bare (or spelled out) in others, the same project in two councils, a decision
//! cited by date and §, a boilerplate-only overlap that must not link, a thread with an undated
//! meeting, and two agendas compared. Each archive is indexed for real in a temp dir.

mod links_support;

use links_support::{item, open};
use protokoll::library::{Comparison, RelatedItem};
use protokoll::links::compare_items;
use protokoll::text::fold;
use protokoll::Library;

fn find<'a>(related: &'a [RelatedItem], id: &str) -> Option<&'a RelatedItem> {
    related.iter().find(|r| r.item_id == id)
}

#[test]
fn an_acronym_defined_once_links_its_bare_and_spelled_out_uses() {
    let fx = open("acronym");
    let lib = &fx.library;
    let defined = item(lib, "2021-03-10", "Regionalt utvecklingscentrum");
    let bare = item(lib, "2023-05-12", "Verksamhetsplan");
    let spelled = item(lib, "2022-09-20", "Kompetensutveckling");

    let from_bare = lib.related(&bare, 5).unwrap();
    let hit = find(&from_bare, &defined).expect("the defining item is related to the bare use");
    assert_eq!(
        hit.reasons.first().map(String::as_str),
        Some("RUC"),
        "{:?}",
        hit.reasons
    );

    // "Regionalt utvecklingscentrum" without the acronym still links, through the archive's own
    // definition, and the reason shows the acronym.
    let from_spelled = lib.related(&spelled, 5).unwrap();
    let hit = find(&from_spelled, &bare).expect("spelled-out long form links to the bare acronym");
    assert!(hit.reasons.iter().any(|r| r == "RUC"), "{:?}", hit.reasons);

    let from_defined = lib.related(&defined, 5).unwrap();
    assert!(find(&from_defined, &bare).is_some() && find(&from_defined, &spelled).is_some());
    assert!(
        from_defined
            .iter()
            .all(|r| !r.item_id.starts_with("2021-03-10")),
        "same meeting excluded"
    );
}

#[test]
fn unrelated_matters_and_standing_items_do_not_link() {
    let fx = open("acronym");
    let lib = &fx.library;
    let swimming = item(lib, "2021-03-10", "Simundervisning");
    assert!(lib.related(&swimming, 10).unwrap().is_empty());
    let opening = item(lib, "2021-03-10", "öppnas");
    assert!(lib.related(&opening, 10).unwrap().is_empty());
}

#[test]
fn the_same_project_links_across_councils_with_the_organisation_as_reason() {
    let fx = open("cross_council");
    let lib = &fx.library;
    let skaraborg = item(lib, "2022-02-11", "Digitala lärmiljöer");
    let orebro = item(lib, "2023-10-06", "Erfarenheter från Skaraborg");
    let m1 = lib.item_ref(&skaraborg).unwrap().meeting;
    let m2 = lib.item_ref(&orebro).unwrap().meeting;
    assert_ne!(m1.council, m2.council, "the fixture has two councils");

    let related = lib.related(&skaraborg, 3).unwrap();
    assert_eq!(
        related.first().map(|r| r.item_id.as_str()),
        Some(orebro.as_str())
    );
    let reasons: Vec<String> = related[0].reasons.iter().map(|r| fold(r)).collect();
    assert!(
        reasons.contains(&"malardalens universitet".to_string()),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("larmiljo")),
        "{reasons:?}"
    );
}

#[test]
fn a_decision_cited_by_date_and_number_links_to_that_decision() {
    let fx = open("cross_council");
    let lib = &fx.library;
    let citing = item(lib, "2023-03-01", "Uppföljning av tidigare beslut");
    let decision = item(lib, "2022-02-11", "Lärarlöner");
    let related = lib.related(&citing, 3).unwrap();
    let hit = related.first().expect("a related item");
    assert_eq!(hit.item_id, decision);
    assert!(
        hit.reasons[0].contains("2022-02-11") && hit.reasons[0].contains("22"),
        "{:?}",
        hit.reasons
    );
    // And back: the decision knows who cited it.
    assert!(find(&lib.related(&decision, 3).unwrap(), &citing).is_some());
}

#[test]
fn a_boilerplate_only_overlap_does_not_link() {
    let fx = open("boilerplate");
    let lib = &fx.library;
    for (_, it) in lib.items() {
        let related = lib.related(&it.id, 10).unwrap();
        assert!(
            related.is_empty(),
            "{} ({}) linked to {:?}",
            it.id,
            it.title,
            related
        );
    }
}

#[test]
fn a_thread_follows_the_matter_by_date_with_the_undated_meeting_last() {
    let fx = open("thread");
    let lib = &fx.library;
    let start = item(lib, "2021-02-03", "Kunskapslyft");
    let thread = lib.thread(&start).unwrap();
    let ids: Vec<&str> = thread.iter().map(|e| e.item_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            start.as_str(),
            item(lib, "2022-03-16", "Lägesrapport KLF").as_str(),
            item(lib, "slutrapport", "Slutrapport KLF").as_str(),
        ]
    );
    assert_eq!(thread[2].date, None);
    for entry in &thread {
        assert!(
            entry.reasons.iter().any(|r| r == "KLF"),
            "{:?}",
            entry.reasons
        );
        assert!(entry.excerpt.contains("KLF"), "excerpt {:?}", entry.excerpt);
    }
    // Unrelated items of the same meetings stay out.
    assert!(!ids
        .iter()
        .any(|id| id.ends_with("#3") || id.ends_with("#1") && !id.starts_with("slut")));
}

/// Rows as (a title, b title) pairs, "" where a side is missing.
fn rows(lib: &Library, c: &Comparison) -> Vec<(String, String)> {
    let title = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| lib.item_ref(id))
            .map(|at| at.item().title.clone())
            .unwrap_or_default()
    };
    c.rows
        .iter()
        .map(|r| (title(&r.a_item), title(&r.b_item)))
        .collect()
}

#[test]
fn compare_pairs_standing_items_and_the_same_matter_and_shows_every_item_once() {
    let fx = open("acronym");
    let lib = &fx.library;
    let a = "2021-03-10-skolchefer";
    let b = "2023-05-12-skolchefer";
    let comparison = lib.compare(a, b).unwrap();
    let pairs = rows(lib, &comparison);
    let paired = |x: &str, y: &str| pairs.iter().any(|(l, r)| l.contains(x) && r.contains(y));
    assert!(paired("öppnas", "öppnas"), "{pairs:#?}");
    assert!(paired("justerare", "justerare"));
    assert!(paired("Övriga frågor", "Övriga frågor"));
    assert!(paired("avslutas", "avslutas"));
    assert!(
        paired("Regionalt utvecklingscentrum", "Verksamhetsplan"),
        "{pairs:#?}"
    );
    // Unrelated matters are not forced together.
    assert!(!paired("Simundervisning", "Lokalfrågor"), "{pairs:#?}");
    for (meeting, side) in [(a, 0), (b, 1)] {
        let items = &lib.meeting(meeting).unwrap().items;
        let shown: Vec<&String> = comparison
            .rows
            .iter()
            .filter_map(|r| {
                if side == 0 {
                    r.a_item.as_ref()
                } else {
                    r.b_item.as_ref()
                }
            })
            .collect();
        let expected: Vec<&String> = items.iter().map(|i| &i.id).collect();
        assert_eq!(shown, expected, "every item once, in agenda order");
    }
}

#[test]
fn compare_pairs_ocr_damaged_standing_items() {
    let fx = open("boilerplate");
    let lib = &fx.library;
    let comparison = lib.compare("2021-04-14-barn", "2021-06-09-barn").unwrap();
    let pairs = rows(lib, &comparison);
    for (x, y) in [
        ("6ppnas", "öppnas"),
        ("Ovriga", "Övriga"),
        ("Mo6tet", "Mötet avslutades"),
    ] {
        assert!(
            pairs.iter().any(|(l, r)| l.contains(x) && r.contains(y)),
            "{x}/{y}: {pairs:#?}"
        );
    }
    // The two different matters are shown on their own rows.
    assert!(pairs
        .iter()
        .any(|(l, r)| l.contains("Skolskjutsar") && r.is_empty()));
    assert!(pairs
        .iter()
        .any(|(l, r)| l.is_empty() && r.contains("Lärarbehörighet")));
}

#[test]
fn item_comparison_marks_the_shared_words_in_both_texts() {
    let fx = open("cross_council");
    let lib = &fx.library;
    let a = item(lib, "2022-02-11", "Digitala lärmiljöer");
    let b = item(lib, "2023-10-06", "Erfarenheter från Skaraborg");
    let cmp = compare_items(lib, &a, &b).unwrap();
    assert!(cmp.score > 0.0);
    let marked = |side: &protokoll::links::ItemSide| -> Vec<String> {
        side.highlights
            .iter()
            .map(|&(s, e)| fold(&side.text[s..e]))
            .collect()
    };
    for side in [&cmp.a, &cmp.b] {
        let words = marked(side);
        assert!(
            words.iter().any(|w| w == "lärplattor" || w == "larplattor"),
            "{words:?}"
        );
        assert!(
            words.iter().any(|w| w.starts_with("malardalens")),
            "{words:?}"
        );
        assert!(!words.iter().any(|w| w == "och" || w == "i"), "{words:?}");
    }
}

#[test]
fn the_last_part_of_a_compound_links_when_the_whole_word_is_unique() {
    let fx = open("compound");
    let lib = &fx.library;
    let launch = item(lib, "2021-02-10", "vuxkurskatalogen");
    let plan = item(lib, "2020-11-04", "Gemensam kurskatalog");
    let related = lib.related(&launch, 5).unwrap();
    let hit = find(&related, &plan).expect("vuxkurskatalogen links to the earlier catalogue item");
    assert!(
        hit.reasons.iter().any(|r| r == "kurskatalogen"),
        "{:?}",
        hit.reasons
    );
}
