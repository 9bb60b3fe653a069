//! Standing (procedural) agenda items: opening, choice of justerare, approval of the agenda, the
//! previous minutes, other questions, next meeting, closing. Recognised from the folded title's
//! words with a tolerance for OCR damage ("Méoétet 6ppnas", "Mo6tet avslutades"), never from
//! the item number. Standing items never link on their boilerplate (see [`super::profile`]) and
//! `compare` pairs them by category.

use crate::text::fold;

/// The kinds of standing item, in the order they usually appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    Opening,
    Justerare,
    Agenda,
    PreviousMinutes,
    OtherQuestions,
    NextMeeting,
    Closing,
}

impl Standing {
    /// How the category is shown as a compare reason.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Opening => "mötets öppnande",
            Standing::Justerare => "val av justerare",
            Standing::Agenda => "dagordning",
            Standing::PreviousMinutes => "föregående protokoll",
            Standing::OtherQuestions => "övriga frågor",
            Standing::NextMeeting => "nästa möte",
            Standing::Closing => "mötets avslutande",
        }
    }
}

/// Word stems (folded) that mark each category; a title word matches a stem when its start is
/// within OCR distance of it.
const MARKERS: &[(Standing, &[&str])] = &[
    (Standing::Opening, &["oppna", "oppning"]),
    (
        Standing::Justerare,
        &["justerare", "justering", "justeringsperson"],
    ),
    (Standing::Agenda, &["dagordning", "foredragningslist"]),
    (Standing::OtherQuestions, &["ovriga", "ovrigt"]),
    (
        Standing::NextMeeting,
        &["nasta", "kommande", "tider", "motestider", "motesdatum"],
    ),
    (Standing::Closing, &["avslut"]),
];

/// Words whose presence next to the markers makes a title procedural ("Mötet", "sammanträdet").
const MEETING_WORDS: &[&str] = &[
    "mote",
    "motet",
    "motets",
    "sammantradet",
    "sammantradets",
    "moten",
];

/// The standing category of an item title, if it is one. Long titles are matters, not standing
/// items ("Information om ... avslutade projekt").
pub fn standing_category(title: &str) -> Option<Standing> {
    let folded = fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !w.starts_with('§') && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let has = |stem: &str| words.iter().any(|w| starts_like(w, stem));
    if (has("forra") || has("foregaende")) && has("protokoll") {
        return Some(Standing::PreviousMinutes);
    }
    if words.len() <= 3 && has("protokoll") && has("justering") {
        return Some(Standing::Justerare);
    }
    for (category, stems) in MARKERS {
        if stems.iter().any(|s| has(s)) {
            // "Kommande", "nästa" and "tider" alone are too common; they need a meeting word.
            if *category == Standing::NextMeeting
                && !words.iter().any(|w| {
                    MEETING_WORDS.iter().any(|m| starts_like(w, m)) || w.starts_with("motes")
                })
            {
                continue;
            }
            // "Öppna förskolan", "Avslutade projekt inom ...": opening and closing need a short
            // title or a word for the meeting itself.
            if matches!(category, Standing::Opening | Standing::Closing)
                && words.len() > 3
                && !words
                    .iter()
                    .any(|w| MEETING_WORDS.iter().any(|m| starts_like(w, m)))
            {
                continue;
            }
            return Some(*category);
        }
    }
    None
}

/// Folded title parts of the items that report a year's standing series (the Meddelanden, the
/// delegation decisions, the items "för kännedom"): their own diarium number is reused by every
/// such item of the year.
const SERIES_TITLE_PARTS: &[&str] = &[
    "meddelande",
    "delegationsbeslut",
    "delegeringsbeslut",
    "anmalningar",
    "anmalningsarende",
    "anmalda",
    "anmalan av",
    "anmalan om",
    "delgivning",
    "for kannedom",
    "informationsarende",
    "inkomna skrivelser",
];

/// True for an item that reports a standing series ("Meddelanden 2026", "Redovisning av
/// delegationsbeslut", "Anmälningar för kännedom").
pub fn series_title(title: &str) -> bool {
    let folded = fold(title);
    SERIES_TITLE_PARTS.iter().any(|p| folded.contains(p))
}

/// True when `word` starts with `stem` allowing OCR damage: one wrong, missing or extra
/// character for stems of five letters or more (two for eight or more), none for shorter ones.
pub fn starts_like(word: &str, stem: &str) -> bool {
    let stem: Vec<char> = stem.chars().collect();
    let word: Vec<char> = word.chars().collect();
    let allowed = match stem.len() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    // Compare the stem against every prefix of the word within `allowed` length difference.
    let min = stem.len().saturating_sub(allowed);
    let max = (stem.len() + allowed).min(word.len());
    (min..=max).any(|len| len <= word.len() && edit_distance(&word[..len], &stem) <= allowed)
}

/// Levenshtein distance between two char slices.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_and_ocr_damaged_titles_share_a_category() {
        for (title, want) in [
            ("Mötet öppnas", Standing::Opening),
            ("Méoétet 6ppnas", Standing::Opening),
            ("§ 18 Mötets öppnande", Standing::Opening),
            ("Val av justerare", Standing::Justerare),
            ("Dagordningen godkändes", Standing::Agenda),
            ("Förra mötets protokoll", Standing::PreviousMinutes),
            ("Ovriga fragor", Standing::OtherQuestions),
            ("Övriga frågor", Standing::OtherQuestions),
            ("Mo6tet avslutades", Standing::Closing),
            ("§ 32 Avslutning", Standing::Closing),
            ("Nästa möte", Standing::NextMeeting),
            ("Förslag på tider för vårens möten", Standing::NextMeeting),
        ] {
            assert_eq!(standing_category(title), Some(want), "{title}");
        }
    }

    #[test]
    fn series_reports_are_recognised() {
        for title in [
            "Meddelanden 2026",
            "Redovisning av delegeringsbeslut",
            "Anmälningar för kännedom",
            "Anmälan om delegationsbeslut",
        ] {
            assert!(series_title(title), "{title}");
        }
        for title in ["Internbudget 2025", "Revidering av delegationsordning"] {
            assert!(!series_title(title), "{title}");
        }
    }

    #[test]
    fn matters_are_not_standing_items() {
        for title in [
            "Regionalt utvecklingscentrum (RUC) vid Örebro universitet",
            "Slutredovisning av projektet Effektivare validering i Örebro län",
            "Tema Kompetensförsörjning",
            "Information om avslutade projekt inom vuxenutbildningen i länet under året",
            "Kommande satsningar",
        ] {
            assert_eq!(standing_category(title), None, "{title}");
        }
    }
}
