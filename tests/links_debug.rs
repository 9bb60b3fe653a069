//! Prints an item's link profile (run with `--ignored --nocapture`, LINKS_ITEM=id).
use protokoll::links::profile::{Profile, Stats};
use protokoll::Library;
use std::path::Path;

#[test]
#[ignore]
fn print_profile() {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let idx = tempfile::tempdir().unwrap();
    Library::update(&archive, idx.path(), &|_| {}).unwrap();
    let lib = Library::open(&archive, idx.path()).unwrap();
    let id = std::env::var("LINKS_ITEM").unwrap();
    let (m, i) = lib.item_ref(&id).unwrap();
    let mut item = i.clone();
    item.text = lib.item_text(&id).unwrap();
    let index = lib.search_index().unwrap();
    let searcher = index.searcher();
    let stats = Stats::new(&searcher, index.fields());
    let p = Profile::build(m, &item, &stats, lib.links_cache().acronyms(&lib));
    for k in &p.keys {
        println!("key {:?} {} {:.2}", k.key.kind, k.key.term, k.weight);
    }
    for t in &p.terms {
        println!(
            "term {} {} title={} bw={} tw={} {:.2} bodydf={} titledf={}",
            t.stem,
            t.display,
            t.in_title,
            t.in_body_window,
            t.in_title_window,
            t.weight,
            stats.body_df(&t.stem),
            stats.title_df(&t.stem)
        );
    }
    for w in ["tema", "kompetensforsorjning"] {
        println!("{w}: body {} title {}", stats.body_df(w), stats.title_df(w));
    }
}
