//! What a program in a pseudo-terminal has drawn: its output is kept as it came and read through
//! `vt100`, a terminal emulator, since a TUI only rewrites the cells that changed.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The screen size the PTY tests use.
pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

/// Everything the program wrote to the terminal so far.
pub struct Screen {
    output: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    /// Keep what `reader` (the PTY master) gives, on a thread, until it closes.
    pub fn capture(mut reader: Box<dyn Read + Send>) -> Screen {
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Screen { output }
    }

    /// The output as written, escape sequences and all.
    #[allow(dead_code)]
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).to_string()
    }

    /// Bytes written so far.
    #[allow(dead_code)]
    pub fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// What an 80x24 terminal shows after everything written so far: one line a row, trailing
    /// blanks trimmed.
    pub fn shown(&self) -> String {
        let mut parser = vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0);
        parser.process(&self.output.lock().unwrap());
        parser
            .screen()
            .rows(0, COLS)
            .map(|row| row.trim_end().to_string() + "\n")
            .collect()
    }

    /// Wait until the screen shows `needle`.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.shown().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

/// A program running in an 80x24 pseudo-terminal: what it draws, its input, and the child.
/// Keep `master` bound while the program runs: dropping it hangs the terminal up.
pub struct Pty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub screen: Screen,
    pub writer: Box<dyn std::io::Write + Send>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
}

/// `protokoll --archive ARCHIVE --index INDEX`, without colour, with every config, data and state
/// folder under `home` (so a test never reads or writes the user's own).
#[allow(dead_code)]
pub fn protokoll(
    archive: &std::path::Path,
    index: &std::path::Path,
    home: &std::path::Path,
) -> portable_pty::CommandBuilder {
    let mut command = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_protokoll"));
    command.arg("--archive");
    command.arg(archive);
    command.arg("--index");
    command.arg(index);
    command.env("NO_COLOR", "1");
    command.env("TERM", "xterm-256color");
    for var in [
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ] {
        command.env(var, home);
    }
    command.env("PROTOKOLL_CONFIG_DIR", home.join("config"));
    command.env("PROTOKOLL_STATE_DIR", home.join("state"));
    command
}

/// Start `command` in a fresh pseudo-terminal of `COLS`x`ROWS`.
#[allow(dead_code)]
pub fn spawn(command: portable_pty::CommandBuilder) -> Pty {
    let pair = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let child = pair
        .slave
        .spawn_command(command)
        .expect("spawn the program");
    drop(pair.slave);
    let screen = Screen::capture(pair.master.try_clone_reader().expect("pty reader"));
    let writer = pair.master.take_writer().expect("pty writer");
    Pty {
        child,
        screen,
        writer,
        master: pair.master,
    }
}
