//! Developer probes for cross-referencing, ignored by default (they print, they do not assert):
//! - `LINKS_ITEM=id cargo test --test links_debug print_profile -- --ignored --nocapture`
//!   prints an item's link profile on the seeds;
//! - `LINKS_ARCHIVE=dir LINKS_INDEX=dir cargo test --release --test links_debug related_latency
//!   -- --ignored --nocapture` times `related` on an indexed archive (p50/p99 over 200 items).
use protokoll::links::profile::{Profile, Stats};
use protokoll::Library;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[test]
#[ignore]
fn print_profile() {
    let archive = std::env::var("LINKS_ARCHIVE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let idx = tempfile::tempdir().unwrap();
    Library::update(&archive, idx.path(), &|_| {}).unwrap();
    let lib = Library::open(&archive, idx.path()).unwrap();
    let id = std::env::var("LINKS_ITEM").unwrap();
    let at = lib.item_ref(&id).unwrap();
    let (m, i) = at.parts();
    let mut item = i.clone();
    item.text = lib.item_text(&id).unwrap();
    let index = lib.search_index().unwrap();
    let searcher = index.searcher();
    let stats = Stats::new(&searcher, index.fields());
    let p = Profile::build(
        m,
        &item,
        &stats,
        lib.links_cache().acronyms(lib.search_index()),
    );
    for k in &p.keys {
        println!("key {:?} {} {:.2}", k.key.kind, k.key.term, k.weight);
    }
    for t in &p.terms {
        println!(
            "term {} {} title={} body_window={} title_window={} {:.2}",
            t.stem, t.display, t.in_title, t.in_body_window, t.in_title_window, t.weight
        );
    }
}

#[test]
#[ignore]
fn related_latency() {
    let archive = PathBuf::from(std::env::var("LINKS_ARCHIVE").unwrap());
    let index = PathBuf::from(std::env::var("LINKS_INDEX").unwrap());
    let t = Instant::now();
    let lib = Library::open(&archive, &index).unwrap();
    println!("open: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let ids: Vec<String> = lib.items().map(|(_, i)| i.id.clone()).collect();
    let step = (ids.len() / 200).max(1);
    let sample: Vec<&String> = ids.iter().step_by(step).take(200).collect();
    let t = Instant::now();
    let _ = lib.links_cache().acronyms(lib.search_index());
    println!(
        "acronym dictionary: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    let mut with_results = 0;
    for id in &sample {
        let t = Instant::now();
        let related = lib.related(id, 10).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        with_results += usize::from(!related.is_empty());
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "related over {} items of {}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} with results",
        times.len(),
        ids.len(),
        pct(0.5),
        pct(0.99),
        times[times.len() - 1],
        with_results
    );
    for (name, f) in [("thread", 0), ("compare", 1)] {
        let mut times = Vec::new();
        for id in sample.iter().take(30) {
            let t = Instant::now();
            if f == 0 {
                lib.thread(id).unwrap();
            } else {
                let at = lib.item_ref(id).unwrap();
                let m = &at.meeting;
                let other = &lib.meetings()[(times.len() * 7) % lib.meetings().len()];
                lib.compare(&m.id, &other.id).unwrap();
            }
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: p50 {:.1} ms, max {:.1} ms",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}
