//! Whole-process start-up timings on an up-to-date index: `protokoll search WORD` from spawn to
//! its first printed result (and to exit), `rg -i -l WORD` over the same folder, and the TUI from
//! spawn to its first frame in a pseudo-terminal (`PROTOKOLL_EXIT_AFTER_FIRST_FRAME=1`).

use crate::stats::Samples;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub struct ProcessTimes {
    /// Spawn to the first line on stdout.
    pub first_line: Samples,
    /// Spawn to exit.
    pub total: Samples,
}

/// Run `program args` `runs` times (after one warm-up), timing the first stdout line and exit.
pub fn time_process(program: &Path, args: &[&str], runs: usize) -> Option<ProcessTimes> {
    let mut times = ProcessTimes {
        first_line: Samples::default(),
        total: Samples::default(),
    };
    for run in 0..=runs {
        let start = Instant::now();
        let mut child = Command::new(program)
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut out = BufReader::new(child.stdout.take()?);
        let mut line = String::new();
        let _ = out.read_line(&mut line);
        let first = start.elapsed().as_secs_f64() * 1000.0;
        let mut rest = Vec::new();
        let _ = out.read_to_end(&mut rest);
        let status = child.wait().ok()?;
        let total = start.elapsed().as_secs_f64() * 1000.0;
        if !status.success() && status.code() != Some(1) {
            eprintln!("{} {:?} failed: {status}", program.display(), args);
            return None;
        }
        if run > 0 {
            times.first_line.push(first);
            times.total.push(total);
        }
    }
    Some(times)
}

/// Spawn the TUI in an 80x24 pseudo-terminal with `PROTOKOLL_EXIT_AFTER_FIRST_FRAME=1` and time
/// spawn → exit (it exits right after drawing its first frame). One warm-up run.
pub fn tui_first_frame(
    binary: &Path,
    archive: &Path,
    index: &Path,
    runs: usize,
) -> Option<Samples> {
    let mut samples = Samples::default();
    let config = tempfile::tempdir().ok()?;
    for run in 0..=runs {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .ok()?;
        let mut command = CommandBuilder::new(binary);
        command.args([
            "--archive",
            &archive.to_string_lossy(),
            "--index",
            &index.to_string_lossy(),
        ]);
        command.env("PROTOKOLL_EXIT_AFTER_FIRST_FRAME", "1");
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", config.path());
        command.env("XDG_STATE_HOME", config.path());
        let start = Instant::now();
        let mut child = pair.slave.spawn_command(command).ok()?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().ok()?;
        let drain = std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            let mut seen = 0usize;
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                seen += n;
            }
            seen
        });
        let status = child.wait().ok()?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        drop(pair.master);
        let _ = drain.join();
        if !status.success() {
            eprintln!("TUI exited with {status:?}");
            return None;
        }
        if run > 0 {
            samples.push(ms);
        }
    }
    Some(samples)
}

/// What many readers saw while one process updated the index.
pub struct Concurrent {
    /// Whole-process `protokoll search` times, all readers together.
    pub searches: Samples,
    /// Searches that failed, or printed something other than their hits.
    pub errors: usize,
    /// The update's own wall time, with the readers running.
    pub update_ms: f64,
    pub readers: usize,
}

/// `readers` threads each run `protokoll search WORD` in a loop while `update` runs (and at
/// least `min_each` times), timing each whole process; a search that exits with an error, or
/// finds nothing though the word is in the archive, counts as an error.
pub fn concurrent_searches(
    binary: &Path,
    args: &[&str],
    readers: usize,
    min_each: usize,
    update: impl FnOnce() + Send,
) -> Concurrent {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    let updating = AtomicBool::new(true);
    let errors = AtomicUsize::new(0);
    let samples = Mutex::new(Samples::default());
    let mut update_ms = 0.0;
    std::thread::scope(|scope| {
        for _ in 0..readers {
            scope.spawn(|| {
                let mut runs = 0;
                while runs < min_each || updating.load(Ordering::Relaxed) {
                    let start = Instant::now();
                    let output = Command::new(binary)
                        .args(args)
                        .env("NO_COLOR", "1")
                        .stdin(Stdio::null())
                        .output();
                    let ms = start.elapsed().as_secs_f64() * 1000.0;
                    match output {
                        Ok(out) if out.status.success() && !out.stdout.is_empty() => {
                            samples.lock().unwrap().push(ms)
                        }
                        Ok(out) => {
                            eprintln!(
                                "  concurrent search failed ({}): {}",
                                out.status,
                                String::from_utf8_lossy(&out.stderr).trim()
                            );
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => {
                            eprintln!("  concurrent search did not start: {e}");
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    runs += 1;
                }
            });
        }
        let start = Instant::now();
        update();
        update_ms = start.elapsed().as_secs_f64() * 1000.0;
        updating.store(false, Ordering::Relaxed);
    });
    Concurrent {
        searches: samples.into_inner().unwrap(),
        errors: errors.into_inner(),
        update_ms,
        readers,
    }
}
