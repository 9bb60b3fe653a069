//! A `§` inside a sentence never starts an item: law references ("2 kap. 5 § skollagen"),
//! citations of other decisions ("enligt § 5", "KS 2025-10-08 § 112") and wrapped lines that
//! begin with a lowercase continuation stay text of the item they stand in.

use proptest::prelude::*;
use protokoll::protocol::{parse_meeting, Meeting, ParseInput};

fn parse(text: &str) -> Meeting {
    parse_meeting(&ParseInput {
        id: "kommun/ks/2026-06-01",
        file: "kommun/ks/2026-06-01.txt",
        text,
        sidecar: None,
        page_starts: &[],
    })
}

const LEADS: &[&str] = &[
    "Enligt 2 kap. {n} § skollagen ska huvudmannen",
    "enligt § {n} i reglementet",
    "Kommunstyrelsen beslutade den 8 oktober 2025, § {n}, att",
    "Ärendet behandlades av KF 2022-12-21 § {n} och",
    "Se BUN 2023-01-02 § {n}.",
    "§ {n} i lagen gäller",
    "§ {n}-{m} avser",
    "§§ {n}-{m} justerades",
    "• §{n} KSAU Fördjupad månadsuppföljning",
    "Forts. § {n}",
    "§ {n} (forts.)",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_paragraph_sign_in_a_sentence_never_starts_an_item(
        lead in 0..LEADS.len(),
        n in 1u32..400,
        at in 0usize..3,
    ) {
        let sentence = LEADS[lead].replace("{n}", &n.to_string()).replace("{m}", &(n + 2).to_string());
        let mut text = String::from("Kommunstyrelsen\nProtokoll\nSammanträdesdatum 2026-06-01\n\n");
        let bodies = [
            "Ärendebeskrivning\nKommunen har fått en remiss om skolskjuts.",
            "Ärendebeskrivning\nEn motion om cykelvägar har lämnats.",
            "Ärendebeskrivning\nDetaljplanen för Erska ska granskas.",
        ];
        for (k, body) in bodies.iter().enumerate() {
            text.push_str(&format!("§ {} 2026.0{}0 KS\n\nRubrik nummer {}\n{}\n", 500 + k, k + 1, k + 1, body));
            if k == at {
                text.push_str(&sentence);
                text.push('\n');
            }
            text.push_str("Beslut\nFörslaget godkänns.\n\n");
        }
        let m = parse(&text);
        let numbers: Vec<Option<&str>> = m.items.iter().map(|i| i.number.as_deref()).collect();
        prop_assert_eq!(numbers, vec![Some("§ 500"), Some("§ 501"), Some("§ 502")], "{}", sentence);
        prop_assert!(m.items[at].text.contains(sentence.trim_start_matches("• ")), "{:?}", m.items[at]);
    }
}
