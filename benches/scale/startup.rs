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
