//! The terminal interface: browse meetings, search as you type, read items with their related
//! items beside them, follow a matter through time, compare two meetings side by side.
//!
//! Structure: [`app`] holds the state and changes it ([`action`]s from the [`keymap`]); [`view`]
//! draws it; [`session`] is the event loop (blocking on one channel, drawing only on change);
//! [`worker`] runs searches and cross-references off the UI thread; [`terminal`] owns the real
//! terminal. Tests drive [`session::Session`] with a `TestBackend`.

pub mod action;
pub mod app;
pub mod event;
pub mod fuzzy;
pub mod keymap;
pub mod keys;
pub mod log;
pub mod session;
pub mod terminal;
pub mod view;
pub mod watcher;
pub mod worker;

use crate::{Error, Library, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::PathBuf;
use std::sync::Arc;

/// What the CLI passes to the TUI.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub archive: PathBuf,
    pub index_dir: PathBuf,
    /// A keymap preset name (default, vim, emacs) or a keymap file path.
    pub keymap: Option<String>,
    /// Open on the brief of this agenda (`protokoll brief FILE` on a terminal).
    pub brief: Option<String>,
}

/// The user's config dir (holds `keymap.toml`): `$PROTOKOLL_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    crate::library::watch::config_dir()
}

/// Open the library and run the interface until the user quits. The index is brought up to date
/// in the background meanwhile. The terminal is restored however this ends.
pub fn run(options: TuiOptions) -> Result<()> {
    let keymap = keymap::Keymap::load(options.keymap.as_deref(), config_dir().as_deref());
    let opened = Library::open(&options.archive, &options.index_dir);
    log::init();
    terminal::install_panic_hook();
    terminal::enter(true).map_err(|e| Error::new(format!("cannot set up the terminal: {e}")))?;
    let _guard = terminal::TerminalGuard;
    let mut backend_terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))
        .map_err(|e| Error::new(format!("terminal: {e}")))?;
    let size = backend_terminal
        .size()
        .map_err(|e| Error::new(format!("terminal: {e}")))?;
    backend_terminal
        .hide_cursor()
        .map_err(|e| Error::new(format!("terminal: {e}")))?;

    let mut app = app::App::new(
        options.archive.clone(),
        keymap,
        Rect::new(0, 0, size.width, size.height),
    );
    app.pending_brief = options.brief.clone();
    let library = match opened {
        Ok(library) => Some(Arc::new(library)),
        Err(error) => {
            app.warn(format!("could not open the index ({error}); rebuilding it"));
            None
        }
    };
    let exit_after_first_frame =
        std::env::var("PROTOKOLL_EXIT_AFTER_FIRST_FRAME").is_ok_and(|v| !v.is_empty() && v != "0");
    if exit_after_first_frame {
        // Benchmark mode: the first frame shows the meeting list itself.
        app.handle_event(event::Event::LibraryReady {
            library: library.clone(),
            fuzzy: Arc::new(fuzzy::FuzzyIndex::empty()),
            report: None,
        });
    }
    // Otherwise the meetings are loaded on a worker (a large archive's catalog takes a few hundred
    // milliseconds to read): the first frame comes at once and the list follows.
    let channel = session::channel();
    let input = event::InputThread::spawn(channel.0.clone());
    if !exit_after_first_frame {
        // New, removed and changed files update the index while the TUI is open.
        watcher::watch_in_background(&options.archive, &options.index_dir, channel.0.clone());
    }
    let mut session = session::Session::new(backend_terminal, app, channel);
    session.exit_after_first_frame = exit_after_first_frame;
    if !session.exit_after_first_frame {
        session.app.indexing = Some(crate::library::Progress::Scanning);
        session.start_library(&options.archive, &options.index_dir, library, true);
    }
    let mut host = terminal::TerminalHost {
        input: input.clone(),
        mouse: true,
    };
    let result = session.run(&mut host);
    input.stop();
    result
}
