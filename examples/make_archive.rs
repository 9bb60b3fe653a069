//! Write a generated archive of council minutes for trying protokoll at scale.
//!
//! ```text
//! cargo run --release --example make_archive -- DIR COUNT [--seed N]
//! ```
//!
//! The same seed and count always give the same bytes (see `protokoll_gen`). With
//! `--rewrite N --revision R`, only N files spread over the archive are written again, in their
//! revision R (for timing an update by hand; revision 0 puts the originals back).

use protokoll_gen::Generator;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: make_archive DIR COUNT [--seed N] [--rewrite N --revision R]";

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut rewrite: Option<usize> = None;
    let mut revision = 0u32;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => {
                    eprintln!("--seed needs a number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--rewrite" => rewrite = args.next().and_then(|s| s.parse().ok()),
            "--revision" => revision = args.next().and_then(|s| s.parse().ok()).unwrap_or(0),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => positional.push(arg),
        }
    }
    let (dir, count) = match positional.as_slice() {
        [dir, count] => match count.parse::<usize>() {
            Ok(n) => (PathBuf::from(dir), n),
            Err(_) => {
                eprintln!("COUNT must be a number, got {count:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let generator = Generator::new(seed, count);
    let written = match rewrite {
        Some(n) => {
            let step = (count / n.max(1)).max(1);
            let indices: Vec<usize> = (0..n.min(count)).map(|i| (i * step + 53) % count).collect();
            generator.write_indices(&dir, &indices, revision)
        }
        None => generator.write(&dir),
    };
    match written {
        Ok(summary) => {
            let secs = started.elapsed().as_secs_f64();
            println!(
                "wrote {} files, {:.1} MB ({:.1} KB per file) to {} in {:.2} s; {} councils, {} recurring matters, seed {}",
                summary.files,
                summary.bytes as f64 / 1e6,
                summary.bytes as f64 / 1e3 / summary.files.max(1) as f64,
                dir.display(),
                secs,
                generator.councils().len(),
                generator.matters().len(),
                seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error writing {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
