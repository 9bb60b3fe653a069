//! The event loop. It blocks on one channel (terminal input, worker replies, index progress),
//! handles every queued event, hands new jobs to the workers and effects to the [`Host`], and
//! draws once if anything changed. There is no tick: an idle session sleeps in `recv`.
//! Tests drive this same loop with scripted input and ratatui's `TestBackend`.

use super::app::{App, Effect};
use super::event::Event;
use super::fuzzy::FuzzyIndex;
use super::keys::Key;
use super::view;
use super::worker::{Lane, Workers};
use crate::library::Progress;
use crate::{Error, Library, Result};
use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use ratatui::backend::Backend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the loop asks of whoever owns the real terminal.
pub trait Host {
    /// Show `path` at `line` in the user's pager or editor, then give the terminal back.
    fn open_source(&mut self, path: &Path, line: usize) -> std::result::Result<(), String>;
    fn set_mouse(&mut self, on: bool);
    /// Put text on the clipboard (a real terminal gets an OSC 52 sequence).
    fn copy(&mut self, _text: &str) {}
    /// Around each frame (synchronized output on a real terminal).
    fn frame_start(&mut self) {}
    fn frame_end(&mut self) {}
}

/// A host without a terminal: records what it was asked to open (tests, headless runs).
#[derive(Debug, Default)]
pub struct RecordingHost {
    pub opened: Vec<(PathBuf, usize)>,
    pub mouse: Option<bool>,
    pub copied: Vec<String>,
}

impl Host for RecordingHost {
    fn open_source(&mut self, path: &Path, line: usize) -> std::result::Result<(), String> {
        self.opened.push((path.to_path_buf(), line));
        Ok(())
    }

    fn set_mouse(&mut self, on: bool) {
        self.mouse = Some(on);
    }

    fn copy(&mut self, text: &str) {
        self.copied.push(text.to_string());
    }
}

pub struct Session<B: Backend> {
    pub terminal: Terminal<B>,
    pub app: App,
    events: Receiver<Event>,
    sender: Sender<Event>,
    workers: Workers,
    /// Frames drawn so far.
    pub frames: usize,
    /// Leave right after the first frame (start-up benchmarks).
    pub exit_after_first_frame: bool,
    /// The archive and index folders, once the library has been started (for later updates).
    folders: Option<(PathBuf, PathBuf)>,
}

fn backend_error(error: impl std::fmt::Display) -> Error {
    Error::new(format!("terminal: {error}"))
}

impl<B: Backend> Session<B> {
    /// A session over `terminal`; `channel` is the loop's event channel (input threads send into
    /// its sender).
    pub fn new(
        terminal: Terminal<B>,
        app: App,
        channel: (Sender<Event>, Receiver<Event>),
    ) -> Session<B> {
        let (sender, events) = channel;
        let workers = Workers::new(sender.clone());
        Session {
            terminal,
            app,
            events,
            sender,
            workers,
            frames: 0,
            exit_after_first_frame: false,
            folders: None,
        }
    }

    pub fn sender(&self) -> Sender<Event> {
        self.sender.clone()
    }

    /// Build the fuzzy index of the opened library, then update the index in the background and
    /// reopen the library when done (progress and results arrive as events).
    pub fn start_library(
        &mut self,
        archive: &Path,
        index_dir: &Path,
        opened: Option<Arc<Library>>,
        update: bool,
    ) {
        let sender = self.sender.clone();
        let (archive, index_dir) = (archive.to_path_buf(), index_dir.to_path_buf());
        self.folders = Some((archive.clone(), index_dir.clone()));
        self.workers.submit(
            Lane::Index,
            Box::new(move || {
                if let Some(library) = &opened {
                    // Show the list as soon as it is worked out from the headline table (no
                    // meeting is decoded for it); title matching, which reads them all a chunk at
                    // a time, follows.
                    library.meeting_list();
                    let _ = sender.send(Event::LibraryReady {
                        library: opened.clone(),
                        fuzzy: Arc::new(FuzzyIndex::empty()),
                        report: None,
                    });
                    let fuzzy = Arc::new(FuzzyIndex::from_library(library));
                    let _ = sender.send(Event::LibraryReady {
                        library: opened.clone(),
                        fuzzy,
                        report: None,
                    });
                }
                if !update {
                    return None;
                }
                let _ = sender.send(Event::Progress(Progress::Scanning));
                let last_percent = AtomicUsize::new(usize::MAX);
                let progress = |progress: Progress| {
                    if let Progress::Parsing { done, total, .. } = progress {
                        let percent = done * 100 / total.max(1);
                        if last_percent.swap(percent, Ordering::Relaxed) == percent {
                            return;
                        }
                    }
                    let _ = sender.send(Event::Progress(progress));
                };
                let (reopened, report) =
                    match Library::update_and_open(&archive, &index_dir, &progress) {
                        Ok((library, report)) => (Some(Arc::new(library)), Ok(report)),
                        Err(error) => (None, Err(error)),
                    };
                let library = reopened.or(opened);
                if let Some(library) = &library {
                    library.meeting_list();
                }
                let fuzzy = Arc::new(
                    library
                        .as_ref()
                        .map(|l| FuzzyIndex::from_library(l))
                        .unwrap_or_else(FuzzyIndex::empty),
                );
                Some(Event::LibraryReady {
                    library,
                    fuzzy,
                    report: Some(report),
                })
            }),
        );
    }

    /// Hand queued jobs to the workers and effects to the host, then draw if anything changed.
    fn after_batch(&mut self, host: &mut dyn Host) -> Result<()> {
        for (lane, job) in self.app.jobs.drain(..) {
            self.workers.submit(lane, job);
        }
        // The archive changed (the watcher said so): one update at a time; changes made while
        // one runs start the next when it is done.
        if self.app.update_wanted && self.app.indexing.is_none() {
            if let Some((archive, index_dir)) = self.folders.clone() {
                self.app.update_wanted = false;
                self.app.indexing = Some(Progress::Scanning);
                self.app.dirty = true;
                self.start_library(&archive, &index_dir, None, true);
            }
        }
        for effect in std::mem::take(&mut self.app.effects) {
            match effect {
                Effect::OpenSource { path, line } => {
                    if let Err(error) = host.open_source(&path, line) {
                        self.app.warn(error);
                    }
                    self.repaint()?;
                    self.app.dirty = true;
                }
                Effect::SetMouse(on) => host.set_mouse(on),
                Effect::Copy(text) => host.copy(&text),
                Effect::Repaint => {
                    self.repaint()?;
                    self.app.dirty = true;
                }
            }
        }
        if self.app.dirty {
            self.draw(host)?;
        }
        Ok(())
    }

    /// Clear the screen and forget what is on it, so the next frame draws every cell. (Not
    /// `Terminal::clear`, which asks the terminal for the cursor position: that answer would
    /// arrive on the input thread.)
    fn repaint(&mut self) -> Result<()> {
        let size = self.terminal.size().map_err(backend_error)?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
            .map_err(backend_error)
    }

    pub fn draw(&mut self, host: &mut dyn Host) -> Result<()> {
        host.frame_start();
        let app = &self.app;
        let drawn = self
            .terminal
            .draw(|frame| view::draw(frame, app))
            .map(|_| ())
            .map_err(backend_error);
        host.frame_end();
        drawn?;
        self.app.dirty = false;
        self.frames += 1;
        Ok(())
    }

    /// Run until the user quits (or the input ends).
    pub fn run(&mut self, host: &mut dyn Host) -> Result<()> {
        self.app.dirty = true;
        self.after_batch(host)?;
        if self.exit_after_first_frame {
            return Ok(());
        }
        while !self.app.should_quit {
            let Ok(event) = self.events.recv() else { break };
            self.app.handle_event(event);
            while !self.app.should_quit {
                match self.events.try_recv() {
                    Ok(event) => self.app.handle_event(event),
                    Err(_) => break,
                }
            }
            self.after_batch(host)?;
        }
        Ok(())
    }

    /// Handle events until nothing is queued and no worker is busy (tests and scripted runs).
    pub fn settle(&mut self, host: &mut dyn Host, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let mut handled = false;
            while let Ok(event) = self.events.try_recv() {
                self.app.handle_event(event);
                handled = true;
            }
            self.after_batch(host)?;
            if handled {
                continue;
            }
            if self.workers.in_flight() == 0 {
                match self.events.try_recv() {
                    Ok(event) => {
                        self.app.handle_event(event);
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            }
            // A worker sends its reply just before it counts itself done: wait in short slices
            // so a reply that already arrived does not leave us waiting for the full timeout.
            if Instant::now() >= deadline {
                return Err(Error::new(format!(
                    "the session did not settle in time ({} background jobs unfinished)",
                    self.workers.in_flight()
                )));
            }
            match self.events.recv_timeout(Duration::from_millis(5)) {
                Ok(event) => self.app.handle_event(event),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    }

    /// Queue terminal input as if typed.
    pub fn send_input(&self, input: crossterm::event::Event) {
        let _ = self.sender.send(Event::Input(input));
    }

    /// Queue one key press.
    pub fn send_key(&self, key: Key) {
        self.send_input(crossterm::event::Event::Key(KeyEvent {
            code: key.code,
            modifiers: key.modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }));
    }

    /// Type each key name of `keys` (as keymap files write them, e.g. "/", "r", "enter") and settle.
    pub fn press(&mut self, host: &mut dyn Host, keys: &[&str]) -> Result<()> {
        for name in keys {
            let key = Key::parse(name).map_err(Error::new)?;
            self.send_key(key);
            self.settle(host, Duration::from_secs(30))?;
        }
        Ok(())
    }

    /// Type text into whatever has focus, all at once (like fast typing), then settle.
    pub fn type_text(&mut self, host: &mut dyn Host, text: &str) -> Result<()> {
        for c in text.chars() {
            self.send_key(Key::plain(crossterm::event::KeyCode::Char(c)));
        }
        self.settle(host, Duration::from_secs(30))
    }
}

/// A channel for a session's events.
pub fn channel() -> (Sender<Event>, Receiver<Event>) {
    mpsc::channel()
}
