//! protokoll at archive scale: generates archives of 1k/10k/50k protocols (once, reused), then
//! measures index builds, incremental updates, start-up of the CLI and the TUI against ripgrep,
//! query, fuzzy and related latencies, peak memory and frame render times, and prints a
//! markdown table (also written to `target/bench-archives/results.md`).
//!
//! ```text
//! cargo bench --bench scale -- --sizes 1000,10000,50000
//! ```
//!
//! Options: `--sizes A,B,..` (default 1000,10000), `--seed N` (1), `--runs N` (process runs per
//! start-up figure, 7), `--dir PATH` (where archives and indexes live, default
//! `target/bench-archives`). Index builds and browsing run in child processes (this same binary
//! with `--phase`) so each reports its own peak RSS. To profile one part of browsing:
//! `SCALE_ONLY=query|fuzzy|related|thread|frames BENCH --phase browse ARCHIVE INDEX SEED FILES`
//! (`SCALE_SHOW=1` prints each fuzzy keystroke's time).

#[path = "scale/phases.rs"]
mod phases;
#[path = "scale/queries.rs"]
mod queries;
#[path = "scale/startup.rs"]
mod startup;
#[path = "scale/stats.rs"]
mod stats;

use protokoll_gen::{Generator, MatterKind};
use serde_json::Value;
use stats::Samples;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Options {
    sizes: Vec<usize>,
    seed: u64,
    runs: usize,
    dir: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        sizes: vec![1000, 10_000],
        seed: 1,
        runs: 7,
        dir: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("bench-archives"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                options.sizes = value("--sizes")?
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .replace('_', "")
                            .parse::<usize>()
                            .map_err(|e| format!("--sizes: {e}"))
                    })
                    .collect::<Result<_, _>>()?
            }
            "--seed" => {
                options.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--runs" => {
                options.runs = value("--runs")?
                    .parse()
                    .map_err(|e| format!("--runs: {e}"))?
            }
            "--dir" => options.dir = PathBuf::from(value("--dir")?),
            // cargo bench passes --bench; filters and other harness flags mean nothing here.
            _ => {}
        }
    }
    Ok(options)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--phase") {
        return run_phase(&args[2..]);
    }
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("scale: {e}");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&options.dir).expect("create bench dir");
    let machine = stats::machine();
    eprintln!("machine: {machine}");
    let rg = which("rg");
    if rg.is_none() {
        eprintln!("note: ripgrep (rg) not found; install it (apt-get install -y ripgrep) for the comparison");
    }
    let mut results = Vec::new();
    for &size in &options.sizes {
        results.push(measure(&options, size, rg.as_deref()));
    }
    let table = table(&results, &options, &machine);
    println!("{table}");
    let out = options.dir.join("results.md");
    if std::fs::write(&out, &table).is_ok() {
        eprintln!("(also written to {})", out.display());
    }
}

/// Child-process entry: `--phase index ARCHIVE INDEX` or `--phase browse ARCHIVE INDEX SEED FILES`.
fn run_phase(args: &[String]) {
    let value = match args {
        [phase, archive, index] if phase == "index" => {
            phases::index(Path::new(archive), Path::new(index))
        }
        [phase, archive, index, seed, files] if phase == "browse" => phases::browse(
            Path::new(archive),
            Path::new(index),
            seed.parse().expect("seed"),
            files.parse().expect("files"),
        ),
        _ => panic!("unknown phase {args:?}"),
    };
    println!("RESULT {value}");
}

fn child(phase: &[&str]) -> Value {
    let exe = std::env::current_exe().expect("own path");
    let output = Command::new(exe)
        .arg("--phase")
        .args(phase)
        .output()
        .expect("run child phase");
    let stdout = String::from_utf8_lossy(&output.stdout);
    match stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) {
        Some(json) => serde_json::from_str(json).expect("phase JSON"),
        None => panic!(
            "phase {phase:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_string_lossy()
        .split(':')
        .map(|d| Path::new(d).join(program))
        .find(|p| p.is_file())
}

/// The files the incremental steps rewrite: 1% of the archive, and 100 files, spread out.
fn changed_sets(size: usize) -> (Vec<usize>, Vec<usize>) {
    let one_percent: Vec<usize> = (0..size / 100).map(|i| i * 100 + 7).collect();
    let hundred: Vec<usize> = (0..100.min(size))
        .map(|i| (i * (size / 100).max(1) + 53) % size)
        .collect();
    (one_percent, hundred)
}

/// Generate the archive once; on later runs put back the files an earlier run rewrote.
fn ensure_archive(options: &Options, size: usize, generator: &Generator) -> (PathBuf, u64) {
    let archive = options.dir.join(format!("archive-{size}"));
    let marker = options.dir.join(format!("archive-{size}.ok"));
    let expected = format!("seed {} files {size}", options.seed);
    if let Ok(text) = std::fs::read_to_string(&marker) {
        if let Some(bytes) = text.strip_prefix(&format!("{expected} bytes ")) {
            let (a, b) = changed_sets(size);
            let all: Vec<usize> = a.into_iter().chain(b).collect();
            generator
                .write_indices(&archive, &all, 0)
                .expect("restore archive");
            return (archive, bytes.trim().parse().unwrap_or(0));
        }
    }
    let _ = std::fs::remove_dir_all(&archive);
    let (summary, ms) = stats::time_ms(|| generator.write(&archive).expect("generate archive"));
    eprintln!(
        "generated {size} files ({:.0} MB) in {:.1} s",
        summary.bytes as f64 / 1e6,
        ms / 1000.0
    );
    std::fs::write(&marker, format!("{expected} bytes {}", summary.bytes)).expect("marker");
    (archive, summary.bytes)
}

struct SizeResult {
    size: usize,
    bytes: u64,
    full: Value,
    no_change: Value,
    one_percent: (usize, Value),
    hundred: (usize, Value),
    word: String,
    search: Option<startup::ProcessTimes>,
    search_no_update: Option<startup::ProcessTimes>,
    rg: Option<startup::ProcessTimes>,
    tui: Option<Samples>,
    concurrent: startup::Concurrent,
    browse: Value,
}

fn measure(options: &Options, size: usize, rg: Option<&Path>) -> SizeResult {
    eprintln!("== {size} protocols");
    let generator = Generator::new(options.seed, size);
    let (archive, bytes) = ensure_archive(options, size, &generator);
    let index = options.dir.join(format!("index-{size}"));
    let _ = std::fs::remove_dir_all(&index);
    let (a, i) = (
        archive.to_string_lossy().to_string(),
        index.to_string_lossy().to_string(),
    );

    eprintln!("full index build");
    let full = child(&["index", &a, &i]);
    eprintln!("  {:.2} s", full["seconds"].as_f64().unwrap_or(0.0));
    let no_change = child(&["index", &a, &i]);
    let (one_set, hundred_set) = changed_sets(size);
    generator
        .write_indices(&archive, &one_set, 1)
        .expect("rewrite 1%");
    let one_percent = child(&["index", &a, &i]);
    generator
        .write_indices(&archive, &hundred_set, 2)
        .expect("rewrite 100");
    let hundred = child(&["index", &a, &i]);

    let word = generator
        .matters()
        .iter()
        .find(|m| m.kind == MatterKind::Centre)
        .and_then(|m| m.acronym.clone())
        .unwrap_or_else(|| "validering".into());
    eprintln!("start-up: protokoll search {word} / rg -i -l {word}");
    let binary = Path::new(env!("CARGO_BIN_EXE_protokoll"));
    let search = startup::time_process(
        binary,
        &["--archive", &a, "--index", &i, "search", &word],
        options.runs,
    );
    let search_no_update = startup::time_process(
        binary,
        &[
            "--archive",
            &a,
            "--index",
            &i,
            "search",
            "--no-update",
            &word,
        ],
        options.runs,
    );
    let rg = rg.and_then(|rg| startup::time_process(rg, &["-i", "-l", &word, &a], options.runs));
    eprintln!("start-up: TUI first frame");
    let tui = startup::tui_first_frame(binary, &archive, &index, options.runs);
    eprintln!("many readers: 16 searches in a loop while 100 changed files are indexed");
    generator
        .write_indices(&archive, &hundred_set, 3)
        .expect("rewrite 100 again");
    let concurrent = startup::concurrent_searches(
        binary,
        &["--archive", &a, "--index", &i, "search", &word],
        16,
        3,
        || {
            child(&["index", &a, &i]);
        },
    );
    eprintln!(
        "  {} searches, p99 {:.0} ms, {} errors",
        concurrent.searches.len(),
        concurrent.searches.percentile(99.0),
        concurrent.errors
    );
    eprintln!("browsing: queries, fuzzy, related, frames");
    let browse = child(&[
        "browse",
        &a,
        &i,
        &options.seed.to_string(),
        &size.to_string(),
    ]);
    SizeResult {
        size,
        bytes,
        full,
        no_change,
        one_percent: (one_set.len(), one_percent),
        hundred: (hundred_set.len(), hundred),
        word,
        search,
        search_no_update,
        rg,
        tui,
        concurrent,
        browse,
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn table(results: &[SizeResult], options: &Options, machine: &str) -> String {
    let mut rows: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut row = |name: &str, target: &str, cell: &dyn Fn(&SizeResult) -> String| {
        rows.push((
            name.to_string(),
            target.to_string(),
            results.iter().map(cell).collect(),
        ));
    };
    row("archive: files / MB", "", &|r| {
        format!("{} / {:.0}", r.size, r.bytes as f64 / 1e6)
    });
    row("full index build (s)", "≤ 10 s at 10k", &|r| {
        format!("{:.2}", f(&r.full["seconds"]))
    });
    row("full index build: files/s, MB/s", "", &|r| {
        let s = f(&r.full["seconds"]);
        format!(
            "{:.0} files/s, {:.1} MB/s",
            r.size as f64 / s,
            r.bytes as f64 / 1e6 / s
        )
    });
    row("full index build: CPU time, all threads (s)", "", &|r| {
        format!("{:.1}", f(&r.full["cpu_seconds"]))
    });
    row("items indexed", "", &|r| r.full["items"].to_string());
    row("peak RSS while indexing (MB)", "≤ 1024", &|r| {
        format!("{:.0}", f(&r.full["peak_rss_mb"]))
    });
    row("update, nothing changed (s)", "", &|r| {
        format!("{:.2}", f(&r.no_change["seconds"]))
    });
    row("update, 1% of files changed (s)", "", &|r| {
        format!(
            "{:.2} ({} files)",
            f(&r.one_percent.1["seconds"]),
            r.one_percent.0
        )
    });
    row("update, 100 files changed (s)", "≤ 1 s", &|r| {
        format!("{:.2}", f(&r.hundred.1["seconds"]))
    });
    let proc_ms = |t: &Option<startup::ProcessTimes>, first: bool| match t {
        Some(t) if first => format!("{:.0}", t.first_line.median()),
        Some(t) => format!("{:.0}", t.total.median()),
        None => "n/a".into(),
    };
    row(
        "`protokoll search WORD`: first result (ms, median)",
        "",
        &|r| proc_ms(&r.search, true),
    );
    row("`protokoll search WORD`: whole process (ms)", "", &|r| {
        proc_ms(&r.search, false)
    });
    row("`protokoll search --no-update WORD` (ms)", "", &|r| {
        proc_ms(&r.search_no_update, false)
    });
    row("`rg -i -l WORD` whole process (ms)", "", &|r| {
        proc_ms(&r.rg, false)
    });
    row(
        "rg time / protokoll search time",
        "≥ 10×",
        &|r| match (&r.rg, &r.search) {
            (Some(rg), Some(p)) => format!("{:.2}×", rg.total.median() / p.total.median()),
            _ => "n/a".into(),
        },
    );
    row("TUI: process start to first frame (ms)", "≤ 150", &|r| {
        r.tui
            .as_ref()
            .map(|s| format!("{:.0}", s.median()))
            .unwrap_or("n/a".into())
    });
    row(
        "16 concurrent `search` during an update: p50 / p99 (ms), errors",
        "no errors",
        &|r| {
            format!(
                "{:.0} / {:.0}, {} errors ({} searches)",
                r.concurrent.searches.median(),
                r.concurrent.searches.percentile(99.0),
                r.concurrent.errors,
                r.concurrent.searches.len()
            )
        },
    );
    row(
        "update of 100 files with 16 readers running (s)",
        "",
        &|r| {
            format!(
                "{:.2} ({} readers)",
                r.concurrent.update_ms / 1000.0,
                r.concurrent.readers
            )
        },
    );
    row("`Library::open` (ms)", "", &|r| {
        format!("{:.0}", f(&r.browse["open_ms"]))
    });
    row("query latency p50 / p99 (ms)", "≤ 5 / ≤ 20", &|r| {
        format!(
            "{:.1} / {:.1}",
            f(&r.browse["query"]["p50"]),
            f(&r.browse["query"]["p99"])
        )
    });
    row("fuzzy per keystroke p50 / p99 (ms)", "p50 ≤ 16", &|r| {
        format!(
            "{:.1} / {:.1}",
            f(&r.browse["fuzzy"]["p50"]),
            f(&r.browse["fuzzy"]["p99"])
        )
    });
    row("fuzzy: titles searched / index build (ms)", "", &|r| {
        format!(
            "{} / {:.0}",
            r.browse["titles"],
            f(&r.browse["fuzzy_build_ms"])
        )
    });
    row("related per item p50 / p99 (ms)", "≤ 30", &|r| {
        format!(
            "{:.1} / {:.1}",
            f(&r.browse["related"]["p50"]),
            f(&r.browse["related"]["p99"])
        )
    });
    row("thread per item p50 / p99 (ms)", "≤ 100", &|r| {
        format!(
            "{:.1} / {:.1}",
            f(&r.browse["thread"]["p50"]),
            f(&r.browse["thread"]["p99"])
        )
    });
    row("peak RSS while browsing (MB)", "≤ 300", &|r| {
        format!("{:.0}", f(&r.browse["peak_rss_mb"]))
    });
    for view in ["browse", "search", "item+related", "compare"] {
        for size in ["80x24", "160x48"] {
            let key = format!("{view} {size}");
            row(&format!("frame render: {key} (ms)"), "", &|r| {
                r.browse["frames"]
                    .get(&key)
                    .map(|v| format!("{:.2}", f(v)))
                    .unwrap_or("n/a".into())
            });
        }
    }

    let mut out = String::new();
    out.push_str(&format!("Machine: {machine}. Seed {}. Start-up figures: median of {} runs after one warm-up (warm page cache).\n\n", options.seed, options.runs));
    out.push_str("| measure | target | ");
    out.push_str(
        &results
            .iter()
            .map(|r| format!("{} protocols", r.size))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    out.push_str(" |\n|---|---|");
    out.push_str(&"---:|".repeat(results.len()));
    out.push('\n');
    for (name, target, cells) in rows {
        out.push_str(&format!("| {name} | {target} | {} |\n", cells.join(" | ")));
    }
    out.push('\n');
    for r in results {
        out.push_str(&format!(
            "Search word at {}: `{}`. Per-query p50 (ms, hits):",
            r.size, r.word
        ));
        if let Some(qs) = r.browse["queries"].as_array() {
            for q in qs {
                out.push_str(&format!(
                    " `{}` {:.1} ({});",
                    q["query"].as_str().unwrap_or(""),
                    f(&q["p50"]),
                    q["hits"]
                ));
            }
        }
        out.push_str("\n\n");
    }
    out
}
