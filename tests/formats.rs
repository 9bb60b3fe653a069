//! Reading the archive a clerk really has: protocol PDFs with their bilagor, Word files, and the
//! broken downloads beside them. Every document here is built by the test (see formats_support).

mod formats_support;

use formats_support::{docx, pdf, w_p, w_page_break, w_table, Font, Page};
use protokoll::protocol::MeetingKind;
use protokoll::Library;
use std::path::Path;

const HEADER: &str = "Alvhedens kommun Kommunstyrelsen Sammanträdesprotokoll 2026-03-10";

/// A three-page protocol: a two-column front page, §§ on pages 2 and 3, page 3 set in a
/// subset font with a ToUnicode map, a vote table.
fn protocol_pdf() -> Vec<u8> {
    let mut cover = Page::default();
    cover.add_lines(
        72.0,
        700.0,
        &[
            "Plats och tid",
            "Beslutande",
            "",
            "Utses att justera",
            "Paragrafer",
        ],
        Font::Standard,
    );
    cover.add_lines(
        230.0,
        700.0,
        &[
            "Stadshuset, tisdag 10 mars 2026 kl. 13.00-15.30",
            "Åsa Öberg (S), ordförande",
            "Örjan Ängby (M)",
            "Örjan Ängby",
            "§§ 12-14",
        ],
        Font::Standard,
    );
    cover.runs.push(formats_support::Run {
        x: 72.0,
        y: 770.0,
        size: 16.0,
        font: Font::Standard,
        text: "Protokoll Kommunstyrelsen".into(),
    });
    let page2 = Page::lines(
        &[
            "§ 12",
            "Val av justerare",
            "Kommunstyrelsen beslutar att utse Örjan Ängby att justera protokollet.",
            "",
            "§ 13   Dnr KS 2026/41",
            "Detaljplan för Sjöängen, etapp 2",
            "Förvaltningen föreslår att planen för Sjöängen antas.",
        ],
        Font::Standard,
    );
    let mut page3 = Page::lines(
        &[
            "Omröstning",
            "Ja 7, Nej 4, Avstår 0",
            "Kommunstyrelsen beslutar att anta detaljplanen för Sjöängen.",
            "",
            "§ 14   Dnr KS 2026/52",
            "Skolskjutsar i Ödeby och Åkerö",
            "Barn- och utbildningsnämnden får i uppdrag att utreda skolskjutsarna.",
        ],
        Font::Subset,
    );
    page3.add_lines(72.0, 640.0, &["Ledamot", "Åsa Öberg (S)"], Font::Standard);
    page3.add_lines(300.0, 640.0, &["Ja", "X"], Font::Standard);
    pdf(&[
        cover.with_furniture(HEADER, 1, 3),
        page2.with_furniture(HEADER, 2, 3),
        page3.with_furniture(HEADER, 3, 3),
    ])
}

fn attachment_pdf() -> Vec<u8> {
    pdf(&[Page::lines(
        &[
            "Tjänsteskrivelse",
            "Dnr KS 2026/41",
            "Detaljplan för Sjöängen, etapp 2",
            "Planområdet ligger vid Brännåsviken och omfattar fyrtio bostäder.",
        ],
        Font::Subset,
    )])
}

fn kallelse_docx() -> Vec<u8> {
    let body = [
        w_p("Kallelse"),
        w_p("Kommunstyrelsen"),
        w_p("Tid: tisdag 10 mars 2026 kl. 13.00"),
        w_table(&[
            &["Ärende", "Dnr"],
            &["Detaljplan för Sjöängen", "KS 2026/41"],
        ]),
        w_page_break(),
        w_p("Skolskjutsar i Ödeby & Åkerö"),
    ]
    .concat();
    docx(&body)
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The archive of one meeting folder as a portal hands it out, plus broken downloads.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "ks/2026-03-10/protokoll.pdf", &protocol_pdf());
    write(
        root,
        "ks/2026-03-10/bilagor/tjansteskrivelse-sjoangen.pdf",
        &attachment_pdf(),
    );
    write(root, "ks/2026-03-10/kallelse.docx", &kallelse_docx());
    write(
        root,
        "sn/2018-01-23/protokoll.pdf",
        b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Sidan finns inte</body></html>",
    );
    write(
        root,
        "sn/2018-01-23/bilagor/skanning.pdf",
        &pdf(&[Page {
            image_only: true,
            ..Page::default()
        }]),
    );
    let whole = protocol_pdf();
    write(root, "trasig/protokoll.pdf", &whole[..whole.len() / 2]);
    write(root, "gammal.docx", b"PK\x03\x04 this is no zip");
    dir
}

fn open(root: &Path) -> (Library, protokoll::library::UpdateReport, tempfile::TempDir) {
    let index = tempfile::tempdir().unwrap();
    let (library, report) = Library::update_and_open(root, index.path(), &|_| {}).unwrap();
    (library, report, index)
}

fn skip_reason<'a>(report: &'a protokoll::library::UpdateReport, file: &str) -> Option<&'a str> {
    report
        .skipped
        .iter()
        .find(|(f, _)| f == file)
        .map(|(_, why)| why.as_str())
}

#[test]
fn a_protocol_pdf_becomes_a_meeting_with_paged_items() {
    let dir = archive();
    let (library, _report, _index) = open(dir.path());
    let meeting = library
        .meeting("ks/2026-03-10/protokoll")
        .expect("the protocol PDF is a meeting");
    assert_eq!(meeting.kind, MeetingKind::Protocol);
    assert_eq!(meeting.pages, Some(3));
    let numbers: Vec<&str> = meeting
        .items
        .iter()
        .filter_map(|i| i.number.as_deref())
        .collect();
    assert!(
        numbers.iter().any(|n| n.contains("13")) && numbers.iter().any(|n| n.contains("14")),
        "the §§ are items: {numbers:?}"
    );
    let plan = meeting
        .items
        .iter()
        .find(|i| i.number.as_deref().is_some_and(|n| n.contains("13")))
        .unwrap();
    assert_eq!(plan.page_start, Some(2), "§ 13 starts on page 2");
    assert_eq!(plan.page_end, Some(3), "and runs onto page 3");
    let skol = meeting
        .items
        .iter()
        .find(|i| i.number.as_deref().is_some_and(|n| n.contains("14")))
        .unwrap();
    assert_eq!(skol.page_start, Some(3));
    let view = library.item(&skol.id).unwrap();
    let whole = format!("{}\n{}", view.item.title, view.item.text);
    assert!(
        whole.contains("Skolskjutsar i Ödeby och Åkerö")
            && whole.contains("Barn- och utbildningsnämnden"),
        "å/ä/ö survive the subset font: {whole:?}"
    );
    assert_eq!(view.pages_label().as_deref(), Some("p. 3"));
}

#[test]
fn attachments_are_documents_of_their_meeting_not_meetings() {
    let dir = archive();
    let (library, _report, _index) = open(dir.path());
    let listed: Vec<&str> = library.meetings().iter().map(|m| m.id.as_str()).collect();
    assert!(listed.contains(&"ks/2026-03-10/protokoll"), "{listed:?}");
    assert!(
        !listed
            .iter()
            .any(|id| id.contains("bilagor") || id.contains("kallelse")),
        "attachments are not listed as meetings: {listed:?}"
    );
    let all: Vec<&str> = library.documents().iter().map(|m| m.id.as_str()).collect();
    assert!(all.contains(&"ks/2026-03-10/bilagor/tjansteskrivelse-sjoangen"));
    let attachments = library.attachments("ks/2026-03-10/protokoll");
    let kinds: Vec<(&str, MeetingKind)> = attachments
        .iter()
        .map(|m| (m.id.as_str(), m.kind))
        .collect();
    assert!(
        kinds.contains(&(
            "ks/2026-03-10/bilagor/tjansteskrivelse-sjoangen",
            MeetingKind::Attachment
        )),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("ks/2026-03-10/kallelse", MeetingKind::Agenda)),
        "{kinds:?}"
    );
    // A search hit in the attachment says which meeting it belongs to.
    let hits = library.search("Brännåsviken", 5).unwrap();
    let hit = hits.first().expect("the attachment's text is searchable");
    assert_eq!(
        hit.file,
        "ks/2026-03-10/bilagor/tjansteskrivelse-sjoangen.pdf"
    );
    assert_eq!(hit.attached_to.as_deref(), Some("ks/2026-03-10/protokoll"));
    assert_eq!(
        hit.council.as_deref(),
        Some("Kommunstyrelsen"),
        "filed under its meeting's council"
    );
}

#[test]
fn a_word_kallelse_keeps_paragraphs_tables_and_pages_in_order() {
    let dir = archive();
    let (library, _report, _index) = open(dir.path());
    let kallelse = library.meeting("ks/2026-03-10/kallelse").unwrap();
    let text: String = kallelse
        .items
        .iter()
        .map(|i| library.item(&i.id).unwrap())
        .map(|v| format!("{}\n{}\n", v.item.title, v.item.text))
        .collect();
    let table = text.find("Sjöängen").expect("the table's cells are read");
    let after = text
        .find("Ödeby & Åkerö")
        .expect("the paragraph after the page break");
    assert!(table < after, "in document order: {text}");
    assert_eq!(kallelse.pages, Some(2));
}

#[test]
fn what_cannot_be_read_is_said_and_the_rest_is_indexed() {
    let dir = archive();
    let (library, report, _index) = open(dir.path());
    let html = skip_reason(&report, "sn/2018-01-23/protokoll.pdf").expect("skipped");
    assert!(
        html.contains("not a PDF") && html.contains("HTML"),
        "{html}"
    );
    let scan = skip_reason(&report, "sn/2018-01-23/bilagor/skanning.pdf").expect("skipped");
    assert!(
        scan.contains("no text layer") && scan.contains("OCR"),
        "{scan}"
    );
    let word = skip_reason(&report, "gammal.docx").expect("skipped");
    assert!(word.contains("Word document"), "{word}");
    // A truncated PDF is either read as far as it goes or skipped with a reason, never a crash.
    if let Some(why) = skip_reason(&report, "trasig/protokoll.pdf") {
        assert!(why.contains("PDF"), "{why}");
    } else {
        assert!(library.meeting("trasig/protokoll").is_some());
    }
    assert!(library.meeting("ks/2026-03-10/protokoll").is_some());
}

#[test]
fn an_unchanged_pdf_is_not_extracted_again() {
    let dir = archive();
    let index = tempfile::tempdir().unwrap();
    let first = Library::update(dir.path(), index.path(), &|_| {}).unwrap();
    assert!(first.pages_read >= 5, "pages counted: {}", first.pages_read);
    let again = Library::update(dir.path(), index.path(), &|_| {}).unwrap();
    assert_eq!((again.added, again.changed, again.pages_read), (0, 0, 0));
}
