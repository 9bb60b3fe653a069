//! The Swedish word list every layer from search up shares: the Zipf frequency (log10 of
//! occurrences per billion words; "och" ≈ 7.5, "förslag" ≈ 5.1, "validering" ≈ 2.5) of the
//! 40,000 most frequent Swedish words of wordfreq 3.1.1 (`data/sv_wordfreq.txt`, CC BY-SA 4.0,
//! see `data/LICENSE-wordfreq.md`), built into the binary and keyed by the folded word.
//!
//! Search splits compounds into the words of this list ([`super::compound`]); links weigh words
//! by how common they are in Swedish at large (`links::wordfreq`).

use crate::text::fold;
use std::collections::HashMap;
use std::sync::LazyLock;

static DATA: &str = include_str!("../../data/sv_wordfreq.txt");

/// The list as word → Zipf × 10, each word keyed by `key` (the highest band when two words get
/// one key).
fn bands_by(key: fn(&str) -> String) -> HashMap<String, u8> {
    let mut map: HashMap<String, u8> = HashMap::with_capacity(48_000);
    for line in DATA.lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split(' ');
        let Some(band) = words.next().and_then(|b| b.parse::<u8>().ok()) else {
            continue;
        };
        for word in words {
            let entry = map.entry(key(word)).or_insert(band);
            *entry = (*entry).max(band);
        }
    }
    map
}

/// Folded word → Zipf × 10 (folding merges words: `for` is `för`).
static ZIPF: LazyLock<HashMap<String, u8>> = LazyLock::new(|| bands_by(fold));

/// Lowercased word as written (diacritics kept) → Zipf × 10: the compound splitter's dictionary,
/// where `hänt`, `före` and `vänd` stay apart from `hant…`, `fore…`, `vand…`.
static ZIPF_WRITTEN: LazyLock<HashMap<String, u8>> = LazyLock::new(|| bands_by(str::to_lowercase));

/// Zipf × 10 of a lowercased word as written (`hälsa`, not `halsa`); `None` when the list lacks it.
pub fn zipf10_written(lower: &str) -> Option<u8> {
    ZIPF_WRITTEN.get(lower).copied()
}

/// Zipf × 10 of an already folded word; `None` when the list lacks it.
pub fn zipf10_folded(folded: &str) -> Option<u8> {
    ZIPF.get(folded).copied()
}

/// The Zipf frequency of a word (any case, diacritics or not); `None` when the list lacks it
/// (rarer than the 40,000th word).
pub fn zipf(word: &str) -> Option<f32> {
    zipf10_folded(&fold(word)).map(|z| f32::from(z) / 10.0)
}
