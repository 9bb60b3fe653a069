//! Shared by the TUI tests: a session over ratatui's `TestBackend` on the bundled seeds, indexed
//! into a temp dir by the real `Library::update`, driven by scripted keys through the real loop.
#![allow(dead_code)]

use protokoll::tui::app::App;
use protokoll::tui::keymap::Keymap;
use protokoll::tui::session::{self, RecordingHost, Session};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::PathBuf;
use std::time::Duration;

pub fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

pub struct Harness {
    pub session: Session<TestBackend>,
    pub host: RecordingHost,
    pub index: tempfile::TempDir,
}

impl Harness {
    pub fn new(width: u16, height: u16) -> Harness {
        Harness::with_keymap(width, height, Keymap::builtin())
    }

    pub fn with_keymap(width: u16, height: u16, keymap: Keymap) -> Harness {
        let index = tempfile::tempdir().expect("temp dir");
        let mut app = App::new(seeds(), keymap, Rect::new(0, 0, width, height));
        app.color = false;
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut session = Session::new(terminal, app, session::channel());
        session.start_library(&seeds(), index.path(), None, true);
        let mut harness = Harness {
            session,
            host: RecordingHost::default(),
            index,
        };
        harness.settle();
        harness
    }

    pub fn settle(&mut self) {
        self.session
            .settle(&mut self.host, Duration::from_secs(60))
            .expect("session settles");
    }

    /// Press keys by name ("/", "enter", "down", "ctrl-c"), settling after each.
    pub fn press(&mut self, keys: &[&str]) {
        self.session
            .press(&mut self.host, keys)
            .expect("keys handled");
    }

    /// Type text into the focused prompt, all at once.
    pub fn type_text(&mut self, text: &str) {
        self.session
            .type_text(&mut self.host, text)
            .expect("text typed");
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.session.terminal.backend_mut().resize(width, height);
        self.session
            .send_input(crossterm::event::Event::Resize(width, height));
        self.settle();
    }

    pub fn app(&self) -> &App {
        &self.session.app
    }

    /// The screen as text, one line per row (trailing spaces removed).
    pub fn screen(&self) -> String {
        let buffer = self.session.terminal.backend().buffer();
        let area = buffer.area;
        let mut out = String::new();
        for y in 0..area.height {
            let mut line = String::new();
            for x in 0..area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Move the selection down until `pick` accepts it (at most `limit` steps).
    pub fn select_where(&mut self, limit: usize, pick: impl Fn(&App) -> bool) -> bool {
        for _ in 0..limit {
            if pick(self.app()) {
                return true;
            }
            self.press(&["down"]);
        }
        pick(self.app())
    }
}

/// The seeds indexed once per test process (for tests that make many sessions).
pub fn shared_index() -> &'static std::path::Path {
    static INDEX: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            protokoll::Library::update(&seeds(), dir.path(), &|_| {}).expect("seeds index");
            dir
        })
        .path()
}

impl Harness {
    /// A session on the already indexed seeds (no update at start).
    pub fn on_shared_index(width: u16, height: u16) -> Harness {
        let index_path = shared_index();
        let library =
            std::sync::Arc::new(protokoll::Library::open(&seeds(), index_path).expect("open"));
        let mut app = App::new(seeds(), Keymap::builtin(), Rect::new(0, 0, width, height));
        app.color = false;
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut session = Session::new(terminal, app, session::channel());
        session.start_library(&seeds(), index_path, Some(library), false);
        let mut harness = Harness {
            session,
            host: RecordingHost::default(),
            index: tempfile::tempdir().expect("temp dir"),
        };
        harness.settle();
        harness
    }
}
