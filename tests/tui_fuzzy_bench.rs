//! Per-keystroke fuzzy matching time at 100,000 titles. Ignored by default (it is a measurement);
//! run it optimized: `cargo test --release --test tui_fuzzy_bench -- --ignored --nocapture`.
//! The titles are generated from Swedish agenda vocabulary with diacritics; the queries are
//! typed one character at a time, as the search prompt sends them.

use protokoll::tui::fuzzy::{FuzzyIndex, FuzzyTarget};
use std::time::Instant;

const WORDS: &[&str] = &[
    "Regionalt",
    "utvecklingscentrum",
    "RUC",
    "finansiering",
    "Örebro",
    "universitet",
    "kompetensförsörjning",
    "Skolchefsnätverk",
    "Gymnasiesamverkan",
    "Vuxenutbildning",
    "Budget",
    "Uppföljning",
    "aktiviteter",
    "förskolan",
    "Information",
    "från",
    "kommunerna",
    "Övriga",
    "frågor",
    "Val",
    "av",
    "justerare",
    "Nästa",
    "möte",
    "Lärarutbildning",
    "VFU",
    "Elevhälsa",
    "Digitalisering",
    "Arbetsmarknad",
    "Yrkeshögskola",
    "Samverkansavtal",
    "Läsårsplanering",
    "Skolresultat",
    "Nyanlända",
    "Språkutveckling",
    "Ekonomi",
];

/// A small deterministic generator (no external randomness, same titles every run).
fn titles(count: usize) -> Vec<(FuzzyTarget, String, String)> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|i| {
            let words = 3 + (next() % 6) as usize;
            let title: Vec<&str> = (0..words)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            (
                FuzzyTarget::Item(format!("m{}#{}", i / 12, i % 12)),
                title.join(" "),
                String::new(),
            )
        })
        .collect()
}

#[test]
#[ignore]
fn per_keystroke_p50_at_100k_titles() {
    let built = Instant::now();
    let index = FuzzyIndex::from_lines(titles(100_000));
    println!(
        "folded 100000 titles in {:.1} ms",
        built.elapsed().as_secs_f64() * 1000.0
    );
    let mut times = Vec::new();
    for query in [
        "ruc",
        "utvecklingscentrum",
        "orebro univ",
        "kompetens",
        "vfu",
        "zzzz",
        "budget 2021",
    ] {
        for end in 1..=query.chars().count() {
            let typed: String = query.chars().take(end).collect();
            let start = Instant::now();
            let hits = index.search(&typed, 20);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            if end == query.chars().count() {
                println!("{typed:>20}: {ms:7.2} ms, {} hits shown", hits.len());
            }
        }
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p50 = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    let max = times[times.len() - 1];
    println!(
        "per keystroke over {} keystrokes: p50 {p50:.2} ms, p90 {p90:.2} ms, max {max:.2} ms",
        times.len()
    );
    assert!(p50 <= 16.0, "p50 {p50:.2} ms exceeds a 60 Hz frame");
}
