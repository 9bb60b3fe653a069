//! How common a word is in Swedish at large: the Zipf frequency (log10 of occurrences per billion
//! words; "och" ≈ 7.5, "förslag" ≈ 5.1, "validering" ≈ 2.5) from a real word-frequency list,
//! `data/sv_wordfreq.txt` (the 40,000 most frequent Swedish words of wordfreq 3.1.1, CC BY-SA
//! 4.0, see `data/LICENSE-wordfreq.md`), built into the binary.
//!
//! A word is *everyday* at Zipf ≥ [`EVERYDAY_ZIPF`] (about the 6,000 most frequent words: "förslag",
//! "hösten", "slut", "sammanlagt", "medel"): it never links two items and is never shown as a
//! reason. Less common words are weighted down smoothly up to [`RARE_ZIPF`]; words the list does
//! not hold (names, projects, long compounds, acronyms) keep their archive weight.
//!
//! Words are looked up as written (lowercased) and folded (`hosten` for OCR-damaged `hösten`), and
//! by their stem, taking the most frequent reading.

pub use crate::search::lexicon::zipf;

/// Zipf frequency from which a word is everyday Swedish.
pub const EVERYDAY_ZIPF: f32 = 4.0;
/// Zipf frequency below which a word is rare enough to carry its full archive weight.
pub const RARE_ZIPF: f32 = 3.0;

/// The highest Zipf frequency among a word's readings (as written, its stem).
pub fn zipf_of(written: &str, stem: &str) -> Option<f32> {
    match (zipf(written), zipf(stem)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// True for everyday Swedish: never a reason, never a link.
pub fn is_everyday(written: &str, stem: &str) -> bool {
    zipf_of(written, stem).is_some_and(|z| z >= EVERYDAY_ZIPF)
}

/// Weight factor for a word by its general frequency: 1 for words rarer than [`RARE_ZIPF`] (or
/// missing from the list), falling to 0.25 at [`EVERYDAY_ZIPF`], 0 for everyday words.
pub fn general_factor(written: &str, stem: &str) -> f32 {
    match zipf_of(written, stem) {
        None => 1.0,
        Some(z) if z >= EVERYDAY_ZIPF => 0.0,
        Some(z) if z <= RARE_ZIPF => 1.0,
        Some(z) => 1.0 - 0.75 * (z - RARE_ZIPF) / (EVERYDAY_ZIPF - RARE_ZIPF),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_are_everyday_in_any_spelling() {
        for word in [
            "förslag",
            "hösten",
            "hosten",
            "slut",
            "sammanlagt",
            "medel",
            "och",
            "Kommunen",
        ] {
            assert!(is_everyday(word, word), "{word}: {:?}", zipf(word));
        }
    }

    #[test]
    fn matter_words_are_not_everyday() {
        for word in [
            "validering",
            "kompetensförsörjning",
            "utvecklingscentrum",
            "vuxenutbildning",
            "bältrosvaccin",
            "ruc",
        ] {
            assert!(!is_everyday(word, word), "{word}: {:?}", zipf(word));
            assert!(general_factor(word, word) > 0.5, "{word}");
        }
    }
}
