//! Properties of the parser on any input: it never panics, item line spans stay inside the file
//! and in order, ids are unique, and nothing stored holds a control character.

use proptest::prelude::*;
use protokoll::protocol::{parse_meeting, Meeting, ParseInput};
use protokoll::text::is_unsafe_char;

fn parse(text: &str) -> Meeting {
    parse_meeting(&ParseInput {
        id: "arkiv/möte",
        file: "arkiv/möte.txt",
        text,
        sidecar: None,
        page_starts: &[],
    })
}

fn check(text: &str) {
    let m = parse(text);
    let lines = text.lines().count().max(1);
    let mut ids: Vec<&str> = Vec::new();
    let mut last_end = 0;
    for (k, item) in m.items.iter().enumerate() {
        assert_eq!(item.ordinal, k + 1);
        assert_eq!(item.id, format!("arkiv/möte#{}", k + 1));
        assert!(item.line_start >= 1, "{item:?}");
        assert!(item.line_start <= item.line_end, "{item:?}");
        assert!(item.line_end <= lines, "{item:?} beyond {lines} lines");
        assert!(item.line_start > last_end, "items overlap: {item:?}");
        last_end = item.line_end;
        assert!(!ids.contains(&item.id.as_str()));
        ids.push(&item.id);
        let mut stored = vec![item.title.as_str(), item.text.as_str()];
        stored.extend(item.presenters.iter().map(String::as_str));
        stored.extend(item.number.as_deref());
        stored.extend(item.case_numbers.iter().map(String::as_str));
        for s in stored {
            assert!(!s.chars().any(is_unsafe_char), "control char in {s:?}");
        }
        assert!(!item.title.contains("  ") && item.title.trim() == item.title);
    }
    for a in &m.attendees {
        for s in [
            Some(a.name.as_str()),
            a.party.as_deref(),
            a.organisation.as_deref(),
            a.role.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!s.chars().any(is_unsafe_char), "control char in {s:?}");
        }
    }
    for s in [m.council.as_deref(), m.place.as_deref()]
        .into_iter()
        .flatten()
    {
        assert!(!s.chars().any(is_unsafe_char), "control char in {s:?}");
    }
}

/// Fragments that look like headings, dates, signatures, markup and furniture.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..40).prop_map(|n| format!("{n}. Ärende nummer {n}")),
        (1u32..40).prop_map(|n| format!("§ {n} Paragraf")),
        (1u32..40).prop_map(|n| format!("§{n}")),
        (1u32..40).prop_map(|n| format!("{n}.")),
        (1u32..9).prop_map(|n| format!("{n}({})", n + 1)),
        Just("Protokoll till Kommunstyrelsen".to_string()),
        Just("SKOL- OCH UTBILDNINGSCHEFER".to_string()),
        Just("Tid: Onsdag 4 november 2020 kl 9".to_string()),
        Just("Fredag den 11 februari".to_string()),
        Just("Justerat den:".to_string()),
        Just("2020-11-17".to_string()),
        Just("Irén Lejegren Linda Svahn".to_string()),
        Just("Ordforande Justerare".to_string()),
        Just("Vid protokollet:".to_string()),
        Just("Närvarande ledamöter:".to_string()),
        Just("Anna Berg (S)\tNora kommun".to_string()),
        Just("Anna-Nordgvist(M)}——— Degerforskommun".to_string()),
        Just("Eva Sund, Region Örebro län".to_string()),
        Just("Presentatör".to_string()),
        Just("Presentationsanteckningar".to_string()),
        Just("finansie-".to_string()),
        Just("rats av staten".to_string()),
        Just("---".to_string()),
        Just("title: x".to_string()),
        Just("## **Rubrik**".to_string()),
        Just("| § 1 | Öppnande | 2 |".to_string()),
        Just("|---|---|".to_string()),
        Just("Innehållsförteckning".to_string()),
        Just("Justerandes sign | Utdragsbestyrkande".to_string()),
        Just("POSTADRESS BESOKSADRESS TELEFON".to_string()),
        Just("Dnr KS 2020/123".to_string()),
        Just("<p>text</p><br>".to_string()),
        Just("\u{1b}[2J\u{7}\r".to_string()),
        Just("-".to_string()),
        Just("é".to_string()),
        Just(String::new()),
        "[ -~åäöÅÄÖ§\t]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_break_the_parser(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn heading_like_line_soup_keeps_spans_and_ids_sound(
        parts in proptest::collection::vec(fragment(), 0..60),
        crlf in any::<bool>(),
    ) {
        let text = parts.join(if crlf { "\r\n" } else { "\n" });
        check(&text);
    }
}

#[test]
fn hostile_and_degenerate_inputs() {
    for text in [
        "",
        "\n\n\n",
        "§",
        "1.",
        "§ 9999999999999 x",
        "1. a\n1. a\n1. a",
        "-\n-\n-",
        "\u{feff}\u{202e}x",
        &"§ 1 A\n".repeat(3000),
        &"a-\n".repeat(2000),
    ] {
        check(text);
    }
}
