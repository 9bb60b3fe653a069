//! The measurements that run inside a child process (so each reports its own peak memory):
//! an index update, and "browsing": opening the library, full-text queries, fuzzy matching per
//! keystroke, related items, and frame rendering of the TUI's main views.

use crate::queries;
use crate::stats::{cpu_seconds, peak_rss_mb, rss_now_mb, time_ms, Samples};
use protokoll::tui::app::{App, FUZZY_LIMIT};
use protokoll::tui::event::Event;
use protokoll::tui::fuzzy::FuzzyIndex;
use protokoll::tui::keymap::Keymap;
use protokoll::tui::session::{channel, RecordingHost, Session};
use protokoll::Library;
use protokoll_gen::Generator;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// `Library::update` once; seconds as measured inside the process, counts, peak RSS.
pub fn index(archive: &Path, index_dir: &Path) -> Value {
    let (report, ms) = time_ms(|| Library::update(archive, index_dir, &|_| {}));
    let report = report.expect("index update failed");
    json!({
        "seconds": ms / 1000.0,
        "cpu_seconds": cpu_seconds(),
        "added": report.added,
        "changed": report.changed,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "items": report.items_indexed,
        "rebuilt": report.rebuilt,
        "peak_rss_mb": peak_rss_mb(),
    })
}

fn summary(samples: &Samples) -> Value {
    json!({ "p50": samples.median(), "p99": samples.percentile(99.0), "max": samples.max(), "n": samples.len() })
}

/// Whether a part of the browse phase runs: all of them, unless `SCALE_ONLY` names one
/// (query, fuzzy, related, thread, frames) so a profiler sees only that part.
fn wanted(part: &str) -> bool {
    std::env::var("SCALE_ONLY").map_or(true, |only| only.is_empty() || only == part)
}

/// Everything a browsing user does, timed.
pub fn browse(archive: &Path, index_dir: &Path, seed: u64, files: usize) -> Value {
    let generator = Generator::new(seed, files);
    let (library, open_ms) = time_ms(|| Library::open(archive, index_dir).expect("open library"));
    let library = Arc::new(library);
    let (fuzzy, fuzzy_build_ms) = time_ms(|| FuzzyIndex::from_library(&library));
    let fuzzy = Arc::new(fuzzy);

    // Full-text queries: one warm-up, then timed repeats.
    let mut query_samples = Samples::default();
    let mut per_query = Vec::new();
    for q in queries::fulltext(&generator)
        .into_iter()
        .filter(|_| wanted("query"))
    {
        let hits = library.search(&q, 50).map(|h| h.len()).unwrap_or(0);
        let mut one = Samples::default();
        for _ in 0..9 {
            let (_, ms) = time_ms(|| library.search(&q, 50));
            one.push(ms);
            query_samples.push(ms);
        }
        per_query.push(json!({ "query": q, "hits": hits, "p50": one.median() }));
    }

    // Fuzzy: every prefix of each typed string, as the prompt sees them keystroke by keystroke.
    let mut fuzzy_samples = Samples::default();
    for word in queries::typed(&generator)
        .into_iter()
        .filter(|_| wanted("fuzzy"))
    {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let (_, ms) = time_ms(|| fuzzy.search(&prefix, FUZZY_LIMIT));
            if std::env::var_os("SCALE_SHOW").is_some() {
                eprintln!("fuzzy {prefix:?}: {ms:.1} ms");
            }
            fuzzy_samples.push(ms);
        }
    }

    // Related items for a spread of items across the archive.
    // A spread of items across the archive, read a chunk at a time as the fuzzy index is:
    // browsing never holds every meeting, nor every item id.
    let items = library.meeting_list().items();
    let step = (items / 150).max(1);
    let (mut seen, mut sampled) = (0usize, Vec::new());
    library.each_chunk(false, |chunk| {
        for item in chunk.iter().flat_map(|m| &m.items) {
            if seen % step == 0 {
                sampled.push(item.id.clone());
            }
            seen += 1;
        }
    });

    // Related items for that spread.
    let mut related_samples = Samples::default();
    let mut related_found = 0;
    for id in sampled.iter().take(if wanted("related") { 150 } else { 0 }) {
        let (related, ms) = time_ms(|| library.related(id, 10));
        related_found += related.map(|r| !r.is_empty() as usize).unwrap_or(0);
        related_samples.push(ms);
    }

    // Threads (a matter through time) for a smaller spread: each walks several related sets.
    let mut thread_samples = Samples::default();
    for id in sampled
        .iter()
        .step_by(3)
        .take(if wanted("thread") { 50 } else { 0 })
    {
        let (_, ms) = time_ms(|| library.thread(id));
        thread_samples.push(ms);
    }

    let frames = if wanted("frames") {
        frames(&library, &fuzzy, &sampled)
    } else {
        Value::Null
    };

    json!({
        "open_ms": open_ms,
        "fuzzy_build_ms": fuzzy_build_ms,
        "titles": fuzzy.len(),
        "meetings": library.meeting_list().listed(),
        // Browsing reads meetings as it needs them; true here means something loaded them all.
        "meetings_loaded": library.meetings_loaded(),
        "items": seen,
        "query": summary(&query_samples),
        "queries": per_query,
        "fuzzy": summary(&fuzzy_samples),
        "related": summary(&related_samples),
        "related_with_results": related_found,
        "related_sampled": related_samples.len(),
        "thread": summary(&thread_samples),
        "frames": frames,
        "peak_rss_mb": peak_rss_mb(),
        "rss_anon_mb": rss_now_mb().0,
        "rss_file_mb": rss_now_mb().1,
    })
}

/// Median time to draw each main view into an in-memory terminal (`TestBackend`) at 80x24 and
/// 160x48: the meeting list, search results, an item with its related pane, a comparison.
fn frames(library: &Arc<Library>, fuzzy: &Arc<FuzzyIndex>, item_ids: &[String]) -> Value {
    let mut out = serde_json::Map::new();
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let keymap = Keymap::load(Some("default"), None);
        let mut app = App::new(
            library.archive().to_path_buf(),
            keymap,
            Rect::new(0, 0, w, h),
        );
        app.handle_event(Event::LibraryReady {
            library: Some(library.clone()),
            fuzzy: fuzzy.clone(),
            report: None,
        });
        let terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let mut session = Session::new(terminal, app, channel());
        let mut host = RecordingHost::default();
        let settle = |s: &mut Session<TestBackend>, host: &mut RecordingHost| {
            let _ = s.settle(host, Duration::from_secs(60));
        };
        let mut time_view = |s: &mut Session<TestBackend>, host: &mut RecordingHost, name: &str| {
            let mut samples = Samples::default();
            for _ in 0..30 {
                let (_, ms) = time_ms(|| s.draw(host));
                samples.push(ms);
            }
            out.insert(format!("{name} {w}x{h}"), json!(samples.median()));
        };
        settle(&mut session, &mut host);
        time_view(&mut session, &mut host, "browse");

        let _ = session.press(&mut host, &["/"]);
        let _ = session.type_text(&mut host, "utvecklingscentrum");
        settle(&mut session, &mut host);
        time_view(&mut session, &mut host, "search");
        let _ = session.press(&mut host, &["esc"]);

        if let Some(id) = item_ids.get(item_ids.len() / 2) {
            session.app.open_item(id);
            settle(&mut session, &mut host);
            time_view(&mut session, &mut host, "item+related");
        }
        let list = library.meeting_list();
        let listed = |at: usize| {
            let row = list.row(at)?;
            Some(library.headline(row)?.meeting_id.to_string())
        };
        if let (Some(a), Some(b)) = (listed(0), listed(1)) {
            session.app.open_compare(&a, &b);
            settle(&mut session, &mut host);
            time_view(&mut session, &mut host, "compare");
        }
    }
    Value::Object(out)
}
