//! The parser over made-up files in `tests/fixtures/parse/`: each file read as bytes, decoded with
//! `archive::decode` and parsed, as the index does it.

use chrono::NaiveDate;
use protokoll::archive::decode;
use protokoll::protocol::{parse_meeting, DateSource, Meeting, MeetingKind, ParseInput};

fn parse_fixture(name: &str) -> (Meeting, String) {
    let path = format!("{}/tests/fixtures/parse/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let decoded = decode(&bytes).expect("fixture decodes");
    let id = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let meeting = parse_meeting(&ParseInput {
        id,
        file: name,
        text: &decoded.text,
        sidecar: None,
        page_starts: &[],
    });
    (meeting, decoded.text)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn titles(m: &Meeting) -> Vec<&str> {
    m.items.iter().map(|i| i.title.as_str()).collect()
}

fn numbers(m: &Meeting) -> Vec<&str> {
    m.items
        .iter()
        .map(|i| i.number.as_deref().unwrap_or(""))
        .collect()
}

fn attendee<'a>(m: &'a Meeting, name: &str) -> &'a protokoll::protocol::Attendee {
    m.attendees
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} not among {:?}", m.attendees))
}

/// The line an item starts on, in the decoded text, holds its title's first word.
fn assert_spans_point_at_titles(m: &Meeting, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for item in &m.items {
        assert!(
            item.line_start >= 1
                && item.line_start <= item.line_end
                && item.line_end <= lines.len()
        );
        let first_word = item.title.split_whitespace().next().unwrap_or("");
        let window = lines[item.line_start - 1..lines.len().min(item.line_start + 2)].join(" ");
        assert!(
            window.contains(first_word),
            "{:?} not at line {}: {window:?}",
            item.title,
            item.line_start
        );
    }
}

#[test]
fn windows_1252_protocol_with_paragraph_items() {
    let (m, text) = parse_fixture("windows1252.txt");
    assert_eq!(m.council.as_deref(), Some("Kommunstyrelsens arbetsutskott"));
    assert_eq!(
        (m.date, m.date_source),
        (ymd(2021, 3, 15), Some(DateSource::Text))
    );
    assert_eq!(m.place.as_deref(), Some("Kommunhuset, sal Älven"));
    assert_eq!(m.kind, MeetingKind::Protocol);
    assert_eq!(numbers(&m), vec!["§ 12", "§ 13", "§ 14"]);
    assert_eq!(titles(&m)[1], "Budget för äldreomsorgen 2022");
    assert_eq!(m.items[1].case_numbers, vec!["Dnr KS 2021/117"]);
    assert_eq!(
        attendee(&m, "Per Ängström").role.as_deref(),
        Some("justerare")
    );
    assert_eq!(attendee(&m, "Göran Lind").party.as_deref(), Some("C"));
    assert_spans_point_at_titles(&m, &text);
}

#[test]
fn utf16_protocol_with_presenter() {
    let (m, text) = parse_fixture("utf16.txt");
    assert_eq!(m.council.as_deref(), Some("Barn- och utbildningsnämnden"));
    assert_eq!(m.date, ymd(2022, 9, 14));
    assert_eq!(
        titles(&m),
        vec!["Mötet öppnas", "Skolskjutsar i Örebro län", "Avslutning"]
    );
    assert_eq!(m.items[1].presenters, vec!["Anna Berg, Örebro kommun"]);
    assert_eq!(m.items[1].text, "Nya regler för skolskjuts från hösten.");
    assert_spans_point_at_titles(&m, &text);
}

#[test]
fn crlf_line_ends_keep_line_numbers() {
    let (m, text) = parse_fixture("crlf.txt");
    assert_eq!(numbers(&m), vec!["1", "2", "3"]);
    assert_eq!((m.items[1].line_start, m.items[1].line_end), (7, 9));
    assert_eq!(
        m.items[1].text,
        "Prognosen visar ett underskott.\nÅtgärder föreslås."
    );
    assert!(!m.items.iter().any(|i| i.text.contains('\r')));
    assert_spans_point_at_titles(&m, &text);
}

#[test]
fn weekday_without_year_is_inferred_from_the_years_in_the_text() {
    let (m, _) = parse_fixture("weekday_only.txt");
    assert_eq!(
        (m.date, m.date_source),
        (ymd(2021, 2, 11), Some(DateSource::Inferred))
    );
    assert_eq!(m.council.as_deref(), Some("Skolchefsnätverket"));
    assert_eq!(m.place.as_deref(), Some("digitalt via Teams"));
    assert_eq!(
        m.items.len(),
        3,
        "the body's 'fredag den 12 mars' is no item and no date"
    );
}

#[test]
fn words_hyphenated_across_lines_are_joined() {
    let (m, _) = parse_fixture("hyphenation.txt");
    assert_eq!(
        m.items[0].title,
        "Information om finansieringen av det nya kulturhuset i centrum"
    );
    assert_eq!(m.items[0].presenters, vec!["Eva Holm, Kulturförvaltningen"]);
    let text = &m.items[0].text;
    assert!(text.contains("finansierats"), "{text}");
    assert!(text.contains("Skol- och"), "{text}");
    assert!(text.contains("YH-utbildningar"), "{text}");
}

#[test]
fn repeated_page_header_is_not_in_item_text() {
    let (m, text) = parse_fixture("page_header.txt");
    assert_eq!(m.council.as_deref(), Some("Hälso- och sjukvårdsnämnden"));
    assert_eq!(m.date, ymd(2021, 4, 22));
    assert_eq!(numbers(&m), vec!["1", "2", "3", "4"]);
    let vard = &m.items[1].text;
    assert!(vard.contains("Nämnden beslutar"), "{vard}");
    assert!(
        !vard.contains("Region Norrland") && !vard.contains("Sida"),
        "{vard}"
    );
    assert_spans_point_at_titles(&m, &text);
}

#[test]
fn ocr_damaged_protocol() {
    let (m, _) = parse_fixture("ocr_council.txt");
    assert_eq!(m.council.as_deref(), Some("Milj6- och byggnadsnamnden"));
    assert_eq!(m.date, ymd(2021, 6, 8));
    assert_eq!(
        attendee(&m, "Karl Berg").role.as_deref(),
        Some("ordförande")
    );
    assert_eq!(attendee(&m, "Sara Lind").role.as_deref(), Some("justerare"));
    assert_eq!(attendee(&m, "Sara Lind").party.as_deref(), Some("M"));
    assert_eq!(
        attendee(&m, "Lena Holm").role.as_deref(),
        Some("sekreterare")
    );
    assert_eq!(attendee(&m, "Ove Dahl").role.as_deref(), Some("ledamot"));
    assert_eq!(
        titles(&m),
        vec!["Méotet 6ppnas", "Bygglov for fritidshus", "Ovriga fragor"]
    );
}

#[test]
fn slide_deck_becomes_one_item_per_slide() {
    let (m, _) = parse_fixture("slides.txt");
    assert_eq!(m.kind, MeetingKind::Presentation);
    assert_eq!(m.council.as_deref(), Some("Regionala utvecklingsnämnden"));
    assert_eq!(
        titles(&m),
        vec![
            "Regionala utvecklingsnämnden",
            "Mål för 2024",
            "Kollektivtrafik"
        ]
    );
    assert!(m.items[0].text.contains("Välkomna"));
    assert!(m
        .items
        .iter()
        .all(|i| !i.text.contains("Presentationsanteckningar")));
    assert_eq!(m.items[2].case_numbers, vec!["Dnr RUN 2023/88"]);
    assert_eq!(m.date, None);
}

#[test]
fn markdown_from_pdf_with_front_matter_toc_tables_and_page_headers() {
    let (m, text) = parse_fixture("from_pdf.md");
    assert_eq!(m.council.as_deref(), Some("Kommunstyrelsen"));
    assert_eq!(
        (m.date, m.date_source),
        (ymd(2023, 3, 14), Some(DateSource::Text))
    );
    assert_eq!(m.kind, MeetingKind::Protocol);
    assert_eq!(
        numbers(&m),
        vec!["§ 21", "§ 22", "§ 23"],
        "the table of contents lists the items, it is none"
    );
    assert_eq!(
        titles(&m),
        vec![
            "Val av justerare",
            "Detaljplan för Norra hamnen",
            "Årsredovisning 2022"
        ]
    );
    let plan = &m.items[1];
    assert_eq!(plan.case_numbers, vec!["Dnr KS 2022/345", "RS 21-0456"]);
    assert!(
        plan.text.contains("Inga invändningar mot planen"),
        "{}",
        plan.text
    );
    for item in &m.items {
        for furniture in [
            "Justerandes",
            "Utdragsbestyrkande",
            "Sammanträdesprotokoll",
            "<br>",
            "**",
            "|",
        ] {
            assert!(
                !item.text.contains(furniture),
                "{furniture:?} in {:?}",
                item.text
            );
        }
    }
    assert_eq!(m.items[2].case_numbers, vec!["Dnr 2023:12"]);
    assert_spans_point_at_titles(&m, &text);
}

#[test]
fn file_without_structure_is_one_unknown_item() {
    let (m, _) = parse_fixture("no_structure.txt");
    assert_eq!(m.kind, MeetingKind::Unknown);
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].title, "Några tankar om vårens arbete");
    assert_eq!(m.items[0].number, None);
    assert_eq!((m.items[0].line_start, m.items[0].line_end), (1, 4));
    assert_eq!(m.date, None);
    assert_eq!(m.council, None);
}
