//! End to end: the built binary in a pseudo-terminal (80x24, NO_COLOR) on the seeds, indexing into
//! a temp dir at start-up; type a search and read what it draws; quit and check the terminal is
//! given back (alternate screen left, cursor shown).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Screen {
    output: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).to_string()
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Wait until the output written after byte `from` contains `needle`.
    fn wait_for(&self, from: usize, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            let bytes = self.output.lock().unwrap()[from..].to_vec();
            if String::from_utf8_lossy(&bytes).contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

#[test]
fn binary_searches_in_a_pty_and_restores_the_terminal() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let index = tempfile::tempdir().unwrap();
    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_protokoll"));
    command.arg("--archive");
    command.arg(&seeds);
    command.arg("--index");
    command.arg(index.path());
    command.env("NO_COLOR", "1");
    command.env("TERM", "xterm-256color");
    let config_home = tempfile::tempdir().unwrap();
    command.env("XDG_CONFIG_HOME", config_home.path());
    command.env("XDG_CACHE_HOME", config_home.path());
    let mut child = pair.slave.spawn_command(command).expect("spawn protokoll");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let screen = Screen { output: Arc::new(Mutex::new(Vec::new())) };
    let sink = Arc::clone(&screen.output);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buffer[..n]);
        }
    });

    let started = screen.wait_for(0, "Meetings", Duration::from_secs(30));
    assert!(started, "the meeting list appears: {:?}", screen.text());
    assert!(screen.wait_for(0, "index up to date", Duration::from_secs(60)), "indexing finishes: {:?}", screen.text());
    assert!(screen.text().contains("\u{1b}[?1049h"), "alternate screen entered");

    let before_search = screen.len();
    writer.write_all(b"/").unwrap();
    writer.flush().unwrap();
    assert!(screen.wait_for(before_search, "Search", Duration::from_secs(10)), "prompt opens");
    for c in "ruc".bytes() {
        writer.write_all(&[c]).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(screen.wait_for(before_search, "in full text", Duration::from_secs(20)), "{:?}", screen.text());
    assert!(screen.wait_for(before_search, "RUC", Duration::from_secs(20)), "RUC hits drawn: {:?}", screen.text());

    // Idle: nothing is redrawn while nothing happens.
    std::thread::sleep(Duration::from_millis(500));
    let idle_from = screen.len();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(screen.len(), idle_from, "no output while idle");

    writer.write_all(b"\x03").unwrap(); // ctrl-c quits, even in the prompt
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "protokoll did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let text = screen.text();
    assert!(text.contains("\u{1b}[?1049l"), "alternate screen left");
    assert!(text.rfind("\u{1b}[?25h") > text.rfind("\u{1b}[?25l"), "cursor shown again");
}
