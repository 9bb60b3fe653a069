//! No panic and no hang from a damaged PDF or Word file: property tests that truncate, flip,
//! insert and delete bytes of real documents (built by formats_support) and hand the result to
//! the same `extract` the indexer uses. Each case must end with text or a reason, in time.
//! Longer runs: `PROPTEST_CASES=5000 cargo test --release --test reliability_fuzz_formats`.

mod formats_support;

use formats_support::{docx, pdf, w_p, w_table, Font, Page};
use proptest::prelude::*;
use protokoll::archive::{extract, DocFormat};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn sample_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        pdf(&[
            Page::lines(
                &[
                    "Protokoll Kommunstyrelsen",
                    "§ 1 Val av justerare",
                    "Åsa Öberg",
                ],
                Font::Standard,
            )
            .with_furniture("Sammanträdesprotokoll", 1, 2),
            Page::lines(
                &[
                    "§ 2 Budget för Ängby förskola",
                    "Nämnden beslutar att godkänna.",
                ],
                Font::Subset,
            )
            .with_furniture("Sammanträdesprotokoll", 2, 2),
        ])
    })
}

fn sample_docx() -> &'static [u8] {
    static DOCX: OnceLock<Vec<u8>> = OnceLock::new();
    DOCX.get_or_init(|| {
        docx(
            &[
                w_p("Kallelse"),
                w_table(&[&["§ 1", "Val av justerare"], &["§ 2", "Budget"]]),
                w_p("Åsa Öberg"),
            ]
            .concat(),
        )
    })
}

/// One edit of a document's bytes.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    prop::sample::select(b"<>/()[]{}0123456789 RobjendstreamxrefFlate%".to_vec())
                ],
                1..12
            )
        )
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply(original: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for edit in edits {
        if bytes.is_empty() {
            break;
        }
        let len = bytes.len();
        match edit {
            Edit::Truncate(at) => bytes.truncate(at % len),
            Edit::Flip(at, b) => bytes[at % len] ^= b | 1,
            Edit::Insert(at, new) => {
                let at = at % len;
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(len);
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

/// Extraction ends, with text or a reason that names the format, well inside the time bound.
fn check(bytes: &[u8], format: DocFormat, names: &[&str]) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let result = extract(bytes, format);
    prop_assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    if let Err(reason) = result {
        prop_assert!(
            names.iter().any(|n| reason.contains(n)),
            "the reason says what failed: {reason}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn damaged_pdfs_give_text_or_a_reason(edits in edits()) {
        let bytes = apply(sample_pdf(), &edits);
        check(&bytes, DocFormat::Pdf, &["PDF", "text layer"])?;
    }

    #[test]
    fn damaged_word_files_give_text_or_a_reason(edits in edits()) {
        let bytes = apply(sample_docx(), &edits);
        check(&bytes, DocFormat::Docx, &["Word", "text"])?;
    }

    #[test]
    fn arbitrary_bytes_behind_a_pdf_header(tail in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(tail);
        check(&bytes, DocFormat::Pdf, &["PDF", "text layer"])?;
    }
}

#[test]
fn the_untouched_samples_read() {
    let pdf = extract(sample_pdf(), DocFormat::Pdf).unwrap();
    assert!(pdf.text.contains("Ängby"), "{}", pdf.text);
    assert_eq!(pdf.pages(), 2);
    let word = extract(sample_docx(), DocFormat::Docx).unwrap();
    assert!(
        word.text.contains("| § 1 | Val av justerare |"),
        "{}",
        word.text
    );
}
