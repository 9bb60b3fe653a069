//! The parser over the bundled seed protocols (`seeds/`): real files with OCR damage, two-column
//! signature blocks, weekday-only dates and a slide deck. Each test states what a reader sees in
//! the file.

use chrono::NaiveDate;
use protokoll::archive::decode;
use protokoll::protocol::{parse_meeting, DateSource, Meeting, MeetingKind, ParseInput};
use protokoll::text::fold;

fn seed(prefix: &str) -> Meeting {
    let dir = format!("{}/seeds", env!("CARGO_MANIFEST_DIR"));
    let entry = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    let name = entry.file_name().to_string_lossy().into_owned();
    let bytes = std::fs::read(entry.path()).expect("seed readable");
    let text = decode(&bytes).expect("seed decodes").text;
    let id = name.trim_end_matches(".txt").to_string();
    parse_meeting(&ParseInput {
        id: &id,
        file: &name,
        text: &text,
        sidecar: None,
        page_starts: &[],
    })
}

fn numbers(m: &Meeting) -> Vec<String> {
    m.items.iter().filter_map(|i| i.number.clone()).collect()
}

fn has_title(m: &Meeting, fragment: &str) -> bool {
    m.items
        .iter()
        .any(|i| fold(&i.title).contains(&fold(fragment)))
}

fn role_of<'a>(m: &'a Meeting, name: &str) -> Option<&'a str> {
    m.attendees
        .iter()
        .find(|a| a.name == name)
        .and_then(|a| a.role.as_deref())
}

fn party_of<'a>(m: &'a Meeting, name: &str) -> Option<&'a str> {
    m.attendees
        .iter()
        .find(|a| a.name == name)
        .and_then(|a| a.party.as_deref())
}

#[test]
fn ocr_protocol_2020() {
    let m = seed("000_");
    assert_eq!(
        m.date,
        NaiveDate::from_ymd_opt(2020, 11, 4),
        "the Tid: line, not the Justerat date"
    );
    assert_eq!(m.date_source, Some(DateSource::Text));
    assert_eq!(m.kind, MeetingKind::Protocol);
    assert_eq!(m.place.as_deref(), Some("Via Skype"));
    let council = m.council.clone().unwrap_or_default();
    assert!(
        fold(&council).contains("samverkansrad for skola"),
        "{council}"
    );
    assert!(!council.contains("Tjanstestalle"), "{council}");
    // Numbers 2-4 were lost to OCR; their headings are still items.
    assert_eq!(numbers(&m), vec!["1", "5", "6", "7", "8", "9", "10"]);
    assert_eq!(m.items.len(), 10);
    for fragment in [
        "lagesrapport",
        "validering",
        "elevh",
        "lararutbildning",
        "matchning",
        "ovriga",
    ] {
        assert!(has_title(&m, fragment), "{fragment}");
    }
    assert_eq!(party_of(&m, "Johanna Martin"), Some("M"));
    assert_eq!(role_of(&m, "Linda Svahn"), Some("justerare"));
    assert_eq!(party_of(&m, "Linda Svahn"), Some("S"));
    assert_eq!(role_of(&m, "Irén Lejegren"), Some("ordförande"));
    assert_eq!(role_of(&m, "Anna Elverskog"), Some("sekreterare"));
    assert_eq!(role_of(&m, "Eva Sund"), Some("övrig"));
    // The page header repeated on page 4 is not part of item 5's text.
    let item5 = m
        .items
        .iter()
        .find(|i| i.number.as_deref() == Some("5"))
        .unwrap();
    assert!(!item5.text.contains("Tjanstestalle"), "{}", item5.text);
    assert_eq!(item5.presenters.len(), 1);
}

#[test]
fn protocol_without_head_2021() {
    let m = seed("001_");
    assert_eq!(
        numbers(&m),
        (1..=10).map(|n| n.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(
        m.date, None,
        "no date in the text or file name: none guessed"
    );
    assert_eq!(m.council, None);
    for fragment in ["utvecklingscentrum", "styrgrupp", "rlighet", "corona"] {
        assert!(has_title(&m, fragment), "{fragment}");
    }
    let ruc = &m.items[3];
    assert!(
        ruc.title.contains("till finansiering"),
        "wrapped title joined: {}",
        ruc.title
    );
    assert_eq!(
        ruc.presenters,
        vec!["Urban Haglind, Orebro universitet och Tina Lanefjord, Hillefors kommun"]
    );
    assert!(ruc.text.starts_with("RUC startade 2009"));
}

#[test]
fn clean_protocol_2023() {
    let m = seed("002_");
    assert_eq!(
        m.date,
        NaiveDate::from_ymd_opt(2023, 10, 6),
        "explicit date wins over the weekday"
    );
    let council = m.council.clone().unwrap_or_default();
    assert!(council.contains("samverkansråd för skola"), "{council}");
    assert_eq!(
        numbers(&m),
        (1..=9).map(|n| n.to_string()).collect::<Vec<_>>()
    );
    for fragment in [
        "ekonomi",
        "skolresultaten",
        "kompetensf",
        "kolla in en kommun",
    ] {
        assert!(has_title(&m, fragment), "{fragment}");
    }
    assert_eq!(
        (
            party_of(&m, "Charlotta Englund"),
            role_of(&m, "Charlotta Englund")
        ),
        (Some("C"), Some("ordförande"))
    );
    assert_eq!(
        (
            party_of(&m, "Veronica Ulfgren"),
            role_of(&m, "Veronica Ulfgren")
        ),
        (Some("S"), Some("justerare"))
    );
    assert_eq!(party_of(&m, "Jimmy Nordengren"), Some("C"));
    assert_eq!(role_of(&m, "Carina M Koutakis"), Some("sekreterare"));
    assert_eq!(role_of(&m, "Maria Karlsson"), Some("ersättare"));
    // The letterhead repeated inside item 5 is removed from its text.
    let item5 = &m.items[4];
    assert!(!item5.text.contains("Tjänsteställe"), "{}", item5.text);
    assert!(item5.text.contains("Fredrik Jönsson"));
}

#[test]
fn skaraborg_protocol_with_paragraphs_and_weekday_date() {
    let m = seed("003_");
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2022, 2, 11));
    assert_eq!(m.date_source, Some(DateSource::Inferred));
    assert_eq!(m.council.as_deref(), Some("Skol- och utbildningschefer"));
    let expected: Vec<String> = (18..=32).map(|n| format!("§ {n}")).collect();
    assert_eq!(numbers(&m), expected);
    for fragment in ["kompetensf", "justerare", "branschr", "dokument", "ovriga"] {
        assert!(has_title(&m, fragment), "{fragment}");
    }
    assert_eq!(role_of(&m, "Katarina Lindberg"), Some("ordförande"));
    assert_eq!(role_of(&m, "Zophia Zander Norell"), Some("justerare"));
    assert_eq!(role_of(&m, "Hillevi Larsson"), Some("sekreterare"));
    let ovriga = m
        .items
        .iter()
        .find(|i| i.number.as_deref() == Some("§ 31"))
        .unwrap();
    assert!(ovriga.text.contains("Inrymning"));
}

#[test]
fn slide_deck_2023() {
    let m = seed("004_");
    assert_eq!(m.kind, MeetingKind::Presentation);
    assert!(m.date.is_none());
    assert!(m.items.len() >= 8);
    assert!(m.items.iter().all(|i| i.number.is_none()));
    for fragment in ["verksamhetsplan", "reko", "gysam", "sakkunnig"] {
        assert!(has_title(&m, fragment), "{fragment}");
    }
    assert!(m.items.iter().any(|i| i.text.contains("RUCs regi")));
}

#[test]
fn every_seed_has_unique_ids_and_spans_inside_the_file() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let m = seed(prefix);
        let mut ids: Vec<&str> = m.items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), m.items.len(), "{prefix}");
        let mut last_end = 0;
        for item in &m.items {
            assert!(item.id.starts_with(&m.id));
            assert!(
                item.line_start > last_end && item.line_start <= item.line_end,
                "{prefix} {item:?}"
            );
            last_end = item.line_end;
            assert!(!item.title.is_empty());
        }
    }
}
