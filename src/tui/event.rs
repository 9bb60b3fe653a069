//! What the event loop waits for: terminal input, replies from worker threads, index progress and
//! a freshly loaded library, all on one channel so the loop blocks in one place and never ticks.
//! Also the input thread, which can be parked while an external pager owns the terminal.

use super::fuzzy::{FuzzyHit, FuzzyIndex};
use crate::library::{Comparison, Progress, RelatedItem, SearchHit, ThreadEntry, UpdateReport};
use crate::Library;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One thing the event loop reacts to.
pub enum Event {
    Input(crossterm::event::Event),
    Reply(Reply),
    Progress(Progress),
    /// A library state to show: the one opened at start (report `None`) or the one reopened after
    /// the background index update (with the update's outcome).
    LibraryReady {
        library: Option<Arc<Library>>,
        fuzzy: Arc<FuzzyIndex>,
        report: Option<crate::Result<UpdateReport>>,
    },
    /// A background job panicked (its message); what it was computing stays missing.
    JobFailed(String),
    /// Files of the archive were added, removed or written (settled by the watcher).
    ArchiveChanged,
    /// The archive cannot be watched for changes (why).
    WatchFailed(String),
    /// The input thread stopped (its error, if any).
    InputClosed(Option<String>),
}

/// A worker's answer, tagged with the generation of the request it answers.
pub enum Reply {
    /// An agenda's brief.
    Brief {
        generation: u64,
        brief: crate::Result<crate::library::brief::Brief>,
    },
    /// The saved searches' statuses.
    Watches(crate::Result<Vec<crate::library::watch::WatchStatus>>),
    Fuzzy {
        generation: u64,
        hits: Vec<FuzzyHit>,
    },
    FullText {
        generation: u64,
        hits: crate::Result<Vec<SearchHit>>,
    },
    Related {
        generation: u64,
        items: crate::Result<Vec<RelatedItem>>,
    },
    Thread {
        generation: u64,
        entries: crate::Result<Vec<ThreadEntry>>,
    },
    Compare {
        generation: u64,
        comparison: crate::Result<Comparison>,
    },
    SharedTerms {
        generation: u64,
        terms: Vec<String>,
    },
}

#[derive(Default)]
struct PauseState {
    paused: bool,
    parked: bool,
    stopped: bool,
}

/// Handle to the thread that reads the terminal's input.
#[derive(Clone)]
pub struct InputThread {
    state: Arc<(Mutex<PauseState>, Condvar)>,
}

impl InputThread {
    /// Start reading terminal events into `sender`.
    pub fn spawn(sender: Sender<Event>) -> InputThread {
        let state = Arc::new((Mutex::new(PauseState::default()), Condvar::new()));
        let thread_state = Arc::clone(&state);
        let spawned = std::thread::Builder::new()
            .name("protokoll-input".into())
            .spawn(move || {
                let error = loop {
                    if !wait_while_paused(&thread_state) {
                        break None;
                    }
                    match crossterm::event::read() {
                        Ok(event) => {
                            if sender.send(Event::Input(event)).is_err() {
                                break None;
                            }
                        }
                        Err(error) => break Some(error.to_string()),
                    }
                };
                let _ = sender.send(Event::InputClosed(error));
            });
        if let Err(error) = spawned {
            tracing::error!("could not start the input thread: {error}");
        }
        InputThread { state }
    }

    /// Stop reading input (so a pager can own the keyboard) and wait until the thread is parked.
    pub fn pause(&self) {
        let (lock, condvar) = &*self.state;
        if let Ok(mut state) = lock.lock() {
            state.paused = true;
        }
        wake_reader();
        if let Ok(guard) = lock.lock() {
            let _ = condvar
                .wait_timeout_while(guard, Duration::from_secs(2), |s| !s.parked && !s.stopped);
        }
    }

    pub fn resume(&self) {
        let (lock, condvar) = &*self.state;
        if let Ok(mut state) = lock.lock() {
            state.paused = false;
            condvar.notify_all();
        }
    }

    /// Ask the thread to end after its current read.
    pub fn stop(&self) {
        let (lock, condvar) = &*self.state;
        if let Ok(mut state) = lock.lock() {
            state.stopped = true;
            condvar.notify_all();
        }
    }
}

/// Park while paused; false when the thread should end.
fn wait_while_paused(state: &(Mutex<PauseState>, Condvar)) -> bool {
    let (lock, condvar) = state;
    let Ok(mut guard) = lock.lock() else {
        return false;
    };
    while guard.paused && !guard.stopped {
        guard.parked = true;
        condvar.notify_all();
        guard = match condvar.wait(guard) {
            Ok(g) => g,
            Err(_) => return false,
        };
    }
    guard.parked = false;
    !guard.stopped
}

/// Make a blocked `crossterm::event::read` return: crossterm watches SIGWINCH, so raising it wakes
/// the reader with a harmless resize event.
fn wake_reader() {
    #[cfg(unix)]
    // SAFETY: raise() only sends a signal to this thread; crossterm's handler for SIGWINCH is
    // async-signal-safe (it writes to a pipe).
    unsafe {
        libc::raise(libc::SIGWINCH);
    }
}
