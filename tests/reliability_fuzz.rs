//! No panics from input (issue 6, item 5), as property tests in the test suite: the decoder on
//! arbitrary bytes, the parser on arbitrary text and on soups of heading-like lines, the query
//! parser on arbitrary strings and on soups of query syntax, and a real search on a small real
//! index. Longer runs: see fuzz/README.md.

mod reliability_support;

use proptest::prelude::*;
use protokoll::archive::decode;
use protokoll::library::Library;
use protokoll::protocol::{parse_meeting, ParseInput};
use protokoll::search::parse_user_query;
use protokoll::text::is_unsafe_char;
use std::sync::OnceLock;

/// `cases` per property, or `PROPTEST_CASES` when set (for long runs, see fuzz/README.md).
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

/// Lines that look like the parts of a protocol the parser keys on, and some that nearly do.
fn heading_like_line() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1.",
        "§ 21",
        "§",
        "4. Mötets öppnande",
        "12.",
        "Protokoll",
        "Kallelse",
        "Dagordning",
        "Justerat den",
        "Justerandes sign",
        "Utdragsbestyrkande",
        "2(7)",
        "Presentatör",
        "Presentationsanteckningar",
        "Närvarande:",
        "Ledamöter:",
        "Ersättare",
        "Ordförande",
        "Plats:",
        "Tid: Onsdag 4 november 2020 kl 9:00",
        "den 11 februari",
        "Fredag",
        "2020-11-17",
        "2021-02-30",
        "9999-99-99",
        "KS 2020/123",
        "Dnr 2019:12",
        "RS 21-0456",
        "# Rubrik",
        "## ",
        "| a | b |",
        "|---|",
        "<br>",
        "<p>",
        "**fet**",
        "---",
        "title: x",
        "finansie-",
        "rats",
        "Anna Berg (S), Örebro kommun",
        "(M)",
        "Region Örebro län",
        "Specifikt samverkansråd för skola",
        "RUC",
        "VFU",
        "\t",
        "",
        " ",
        "…",
        "–",
        "•",
        "\u{feff}",
        "ﬁ",
        "İ",
        "ß",
        "Ω",
        "🙂",
        "a\u{301}",
    ]);
    prop::collection::vec(pieces, 0..6).prop_map(|parts| parts.join(" "))
}

fn parse(text: &str, file: &str) {
    let meeting = parse_meeting(&ParseInput {
        id: "fuzz/meeting",
        file,
        text,
        sidecar: None,
        page_starts: &[],
    });
    for item in &meeting.items {
        assert!(!item.title.chars().any(is_unsafe_char), "{:?}", item.title);
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn decoding_any_bytes_never_panics_and_yields_safe_text(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(decoded) = decode(&bytes) {
            prop_assert!(!decoded.text.chars().any(is_unsafe_char), "{:?}", decoded.text);
            prop_assert!(!decoded.text.contains('\r'));
        }
    }

    #[test]
    fn decoding_text_like_bytes_never_panics(
        prefix in prop::sample::select(vec![vec![], vec![0xEF, 0xBB, 0xBF], vec![0xFF, 0xFE], vec![0xFE, 0xFF]]),
        body in prop::collection::vec(prop::sample::select(vec![b'a', b' ', b'\n', b'\r', 0xC3, 0xB6, 0xF6, 0x00, 0x1B, 0x9B, 0xE2, 0x80, 0xAE]), 0..300),
    ) {
        let mut bytes = prefix;
        bytes.extend(body);
        if let Ok(decoded) = decode(&bytes) {
            prop_assert!(!decoded.text.chars().any(is_unsafe_char));
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn parsing_any_text_never_panics(text in any::<String>(), name in "[a-zA-Z0-9 ._-]{0,20}") {
        parse(&text, &format!("{name}.txt"));
    }

    #[test]
    fn parsing_soups_of_heading_like_lines_never_panics(
        lines in prop::collection::vec(heading_like_line(), 0..60),
        file in prop::sample::select(vec!["p.txt", "2021-02-12-protokoll.txt", "x.md", "0000-00-00.txt"]),
    ) {
        parse(&lines.join("\n"), file);
    }

    #[test]
    fn parsing_any_query_never_panics(q in any::<String>()) {
        let parsed = parse_user_query(&q);
        let _ = (parsed.has_terms(), parsed.has_filters());
    }
}

/// A small real index of made-up protocols, built once for the search property.
fn library() -> &'static Library {
    static LIBRARY: OnceLock<(tempfile::TempDir, Library)> = OnceLock::new();
    let (_, library) = LIBRARY.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let archive = tmp.path().join("archive");
        reliability_support::write_protocols(&archive, "Miljö- och byggnämnden", 8);
        let index = tmp.path().join("index");
        Library::update(&archive, &index, &|_| {}).unwrap();
        let library = Library::open(&archive, &index).unwrap();
        (tmp, library)
    });
    library
}

fn query_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "budget",
            "vattenverk*",
            "\"mötets öppnande\"",
            "-övriga",
            "council:",
            "council:miljö",
            "council:\"miljö och\"",
            "from:",
            "from:2020",
            "from:2021-13",
            "to:2019-02-30",
            "year:2021",
            "year:",
            "year:abc",
            "*",
            "\"",
            "\"\"",
            "-",
            "--",
            ":",
            "ö",
            "Örebro",
            "KS 2021/5",
            "ärende",
            "nummer3",
            "RUC*",
            "a*b*",
            "\u{1b}[2J",
            "🙂",
            "ﬁ",
        ])
        .prop_map(str::to_string),
        "[a-zåäö*:\"-]{1,12}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn searching_any_query_never_panics(pieces in prop::collection::vec(query_piece(), 0..6)) {
        let query = pieces.join(" ");
        if let Ok(hits) = library().search(&query, 10) {
            for hit in hits {
                prop_assert!(hit.snippet.is_char_boundary(0));
                for (a, b) in hit.highlights {
                    prop_assert!(a <= b && b <= hit.snippet.len());
                    prop_assert!(hit.snippet.is_char_boundary(a) && hit.snippet.is_char_boundary(b));
                }
            }
        }
    }
}
