//! The fixed query sets the benchmark times, drawn from the generator's vocabulary so every query
//! has answers at every archive size: single words, acronyms, phrases, typos, missing
//! diacritics, prefixes and filters for full-text search; typed-out titles for fuzzy matching.

use protokoll_gen::{Generator, MatterKind};

/// Full-text queries, as a user types them after `protokoll search`.
pub fn fulltext(generator: &Generator) -> Vec<String> {
    let centres: Vec<_> = generator
        .matters()
        .iter()
        .filter(|m| m.kind == MatterKind::Centre)
        .take(3)
        .collect();
    let mut queries: Vec<String> = [
        // single words
        "kompetensförsörjning",
        "validering",
        "budget",
        "elevhälsa",
        "vuxenutbildning",
        // missing diacritics, inflection
        "kompetensforsorjning",
        "lärarförsörjningen",
        // typos (one or two edits)
        "kompetensförsörjnig",
        "valdiering",
        "budegt",
        // prefixes
        "utveckl*",
        "skolut*",
        // phrases
        "\"förslag till finansiering\"",
        "\"mötet öppnas\"",
        // several words
        "finansiering universitet",
        "elevhälsa skolchefer uppföljning",
        // filters
        "council:kommunstyrelsen budget",
        "from:2021 validering",
        "from:2020 to:2021 elevhälsa",
        "council:samverkansråd from:2019 kompetensförsörjning",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for m in centres {
        if let Some(a) = &m.acronym {
            queries.push(a.clone());
        }
        queries.push(format!("\"{}\"", m.name.to_lowercase()));
    }
    queries
}

/// What a user types into the TUI's prompt, one keystroke at a time.
pub fn typed(generator: &Generator) -> Vec<String> {
    let mut words: Vec<String> = [
        "utvecklingscentrum",
        "budget 2021",
        "orebro",
        "kompetens",
        "val av justerare",
        "xq",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(m) = generator
        .matters()
        .iter()
        .find(|m| m.kind == MatterKind::Project)
    {
        words.push(m.name.trim_matches(['”', '"']).to_lowercase());
    }
    words
}
