//! PDF reading speed: text extraction on the real protocols in `../shared/corpus/alingsas`
//! against poppler's `pdftotext -layout` (the reference, run once per file, when installed), a
//! full index of that archive, and a generated archive of PDF protocols (≈ 15 pages each,
//! Swedish text with page headers and footers) built and updated incrementally.
//!
//! ```text
//! cargo bench --bench pdf -- --real ../shared/corpus/alingsas --generated 10000
//! ```
//!
//! Options: `--real DIR` (default `../shared/corpus/alingsas`, skipped when missing),
//! `--generated N` (default 1000; 0 skips), `--dir PATH` (where generated archives live, default
//! `target/bench-archives`). Prints a markdown table.

#[path = "../tests/formats_support/mod.rs"]
mod formats_support;

use formats_support::{pdf, Font, Page};
use protokoll::archive::{decode, extract, DocFormat};
use protokoll::Library;
use protokoll_gen::Generator;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Options {
    real: PathBuf,
    generated: usize,
    dir: PathBuf,
}

fn parse_args() -> Options {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        real: root.join("../shared/corpus/alingsas"),
        generated: 1000,
        dir: root.join("target").join("bench-archives"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--real" => options.real = args.next().expect("--real DIR").into(),
            "--generated" => {
                options.generated = args
                    .next()
                    .and_then(|n| n.replace('_', "").parse().ok())
                    .expect("--generated N")
            }
            "--dir" => options.dir = args.next().expect("--dir PATH").into(),
            // cargo bench passes --bench
            _ => {}
        }
    }
    options
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Pages and bytes of the files that are PDFs with text, extracted in parallel on all cores.
fn extract_all(files: &[PathBuf]) -> (usize, u64, usize, f64) {
    let started = Instant::now();
    let results: Vec<(usize, u64, bool)> = files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap_or_default();
            let len = bytes.len() as u64;
            match extract(&bytes, DocFormat::Pdf) {
                Ok(e) => (e.pages(), len, true),
                Err(_) => (0, len, false),
            }
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let pages = results.iter().map(|r| r.0).sum();
    let bytes = results.iter().map(|r| r.1).sum();
    let read = results.iter().filter(|r| r.2).count();
    (pages, bytes, read, seconds)
}

/// pdftotext -layout, one process per file, one after another; `None` when not installed.
fn pdftotext_all(files: &[PathBuf]) -> Option<f64> {
    Command::new("pdftotext").arg("-v").output().ok()?;
    let started = Instant::now();
    for f in files {
        let _ = Command::new("pdftotext")
            .arg("-layout")
            .arg(f)
            .arg("/dev/null")
            .output();
    }
    Some(started.elapsed().as_secs_f64())
}

fn index_once(archive: &Path) -> (f64, protokoll::library::UpdateReport) {
    let index = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let report = Library::update(archive, index.path(), &|_| {}).expect("index");
    (started.elapsed().as_secs_f64(), report)
}

/// A generated protocol as a PDF of about 15 pages, with header and footer on every page.
fn protocol_pdf(text: &str, header: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let per_page = lines.len().div_ceil(15).clamp(12, 50);
    let chunks: Vec<&[&str]> = lines.chunks(per_page).collect();
    let total = chunks.len();
    let pages: Vec<Page> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| Page::lines(chunk, Font::Standard).with_furniture(header, i + 1, total))
        .collect();
    pdf(&pages)
}

fn write_generated(dir: &Path, n: usize) -> (u64, usize) {
    let marker = dir.join(".complete");
    let generator = Generator::new(7, n);
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(dir);
        (0..n).into_par_iter().for_each(|i| {
            let file = generator.file(i);
            let text = decode(&file.bytes).map(|d| d.text).unwrap_or_default();
            let header = format!("Sammanträdesprotokoll {}", file.facts.date);
            let path = dir.join(Path::new(&file.path).with_extension("pdf"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, protocol_pdf(&text, &header)).unwrap();
        });
        std::fs::write(&marker, "").unwrap();
    }
    let files = pdfs_under(dir);
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    (bytes, files.len())
}

fn main() {
    let options = parse_args();
    println!("| archive | files | pages | MB | protokoll extract (2 cores) | pages/s | MB/s | pdftotext -layout (1 per file) | pages/s | full index | incremental |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    if options.real.is_dir() {
        let files = pdfs_under(&options.real);
        let (pages, bytes, _read, seconds) = extract_all(&files);
        let reference = pdftotext_all(&files);
        let (index_s, report) = index_once(&options.real);
        let mb = bytes as f64 / 1e6;
        println!(
            "| real: {} | {} | {pages} | {mb:.1} | {seconds:.2} s | {:.0} | {:.1} | {} | {} | {index_s:.2} s ({} items) | — |",
            options.real.file_name().unwrap_or_default().to_string_lossy(),
            files.len(),
            pages as f64 / seconds,
            mb / seconds,
            reference.map_or("not installed".into(), |s| format!("{s:.2} s")),
            reference.map_or("—".into(), |s| format!("{:.0}", pages as f64 / s)),
            report.items_indexed,
        );
    } else {
        eprintln!(
            "{} not found: real-corpus row skipped",
            options.real.display()
        );
    }
    if options.generated > 0 {
        let dir = options.dir.join(format!("pdf-{}", options.generated));
        let started = Instant::now();
        let (bytes, count) = write_generated(&dir, options.generated);
        eprintln!(
            "generated archive ready in {:.1} s: {}",
            started.elapsed().as_secs_f64(),
            dir.display()
        );
        let files = pdfs_under(&dir);
        let (pages, _, _, seconds) = extract_all(&files);
        let index = tempfile::tempdir().expect("temp dir");
        let started = Instant::now();
        let report = Library::update(&dir, index.path(), &|_| {}).expect("index");
        let full = started.elapsed().as_secs_f64();
        // 100 files changed in place (their bytes rewritten with new text), then an update.
        let generator = Generator::new(7, options.generated);
        for i in (0..options.generated)
            .step_by((options.generated / 100).max(1))
            .take(100)
        {
            let file = generator.file_revision(i, 1);
            let text = decode(&file.bytes).map(|d| d.text).unwrap_or_default();
            let path = dir.join(Path::new(&file.path).with_extension("pdf"));
            std::fs::write(path, protocol_pdf(&text, "Sammanträdesprotokoll")).unwrap();
        }
        let started = Instant::now();
        let again = Library::update(&dir, index.path(), &|_| {}).expect("update");
        let incremental = started.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        println!(
            "| generated: {count} protocols | {count} | {pages} | {mb:.1} | {seconds:.2} s | {:.0} | {:.1} | — | — | {full:.1} s ({} items) | {incremental:.2} s ({} changed) |",
            pages as f64 / seconds,
            mb / seconds,
            report.items_indexed,
            again.changed
        );
        // The archive now holds edited files: the next run generates it afresh.
        let _ = std::fs::remove_file(dir.join(".complete"));
    }
}
