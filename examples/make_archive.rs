//! Write a generated archive of council minutes for trying protokoll at scale.
//!
//! ```text
//! cargo run --release --example make_archive -- DIR COUNT [--seed N]
//! ```
//!
//! The same seed and count always give the same bytes (see `protokoll_gen`).

use protokoll_gen::Generator;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: make_archive DIR COUNT [--seed N]";

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let mut seed = 1u64;
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
    match generator.write(&dir) {
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
