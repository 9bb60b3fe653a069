//! Worker threads for everything slower than a keystroke (fuzzy matching, full-text search,
//! related items, threads, comparisons). Each lane is one thread with a queue; a "latest only"
//! lane drops queued requests a newer one replaces (typing fast never queues stale searches).
//! Replies go to the event loop's channel; `in_flight` lets tests wait until all work is done.

use super::event::Event;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};

/// A unit of background work: computes the event to send back.
pub type Job = Box<dyn FnOnce() -> Option<Event> + Send>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Fuzzy title matching (latest only).
    Fuzzy,
    /// Full-text search (latest only).
    FullText,
    /// Related items, threads, comparisons (in order).
    Links,
    /// The index update and library reload at start-up (in order).
    Index,
}

const LANES: [Lane; 4] = [Lane::Fuzzy, Lane::FullText, Lane::Links, Lane::Index];

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

struct LaneHandle {
    queue: Arc<(Mutex<Queue>, Condvar)>,
    latest_only: bool,
}

/// The worker lanes of one TUI session.
pub struct Workers {
    lanes: Vec<LaneHandle>,
    in_flight: Arc<AtomicUsize>,
}

impl Workers {
    pub fn new(sender: Sender<Event>) -> Workers {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let lanes = LANES
            .iter()
            .map(|lane| {
                let queue: Arc<(Mutex<Queue>, Condvar)> = Arc::default();
                let thread_queue = Arc::clone(&queue);
                let thread_sender = sender.clone();
                let thread_in_flight = Arc::clone(&in_flight);
                let spawned = std::thread::Builder::new()
                    .name(format!("protokoll-worker-{lane:?}").to_lowercase())
                    .spawn(move || work(thread_queue, thread_sender, thread_in_flight));
                if let Err(error) = spawned {
                    tracing::error!("could not start a worker thread: {error}");
                }
                LaneHandle {
                    queue,
                    latest_only: matches!(lane, Lane::Fuzzy | Lane::FullText),
                }
            })
            .collect();
        Workers { lanes, in_flight }
    }

    pub fn submit(&self, lane: Lane, job: Job) {
        let handle = &self.lanes[LANES.iter().position(|l| *l == lane).unwrap_or(0)];
        let (lock, condvar) = &*handle.queue;
        if let Ok(mut queue) = lock.lock() {
            self.in_flight.fetch_add(1, Ordering::SeqCst);
            if handle.latest_only {
                let dropped = queue.jobs.len();
                queue.jobs.clear();
                self.in_flight.fetch_sub(dropped, Ordering::SeqCst);
            }
            queue.jobs.push_back(job);
            condvar.notify_one();
        }
    }

    /// Jobs queued or running (their replies not yet sent).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        for handle in &self.lanes {
            let (lock, condvar) = &*handle.queue;
            if let Ok(mut queue) = lock.lock() {
                queue.closed = true;
                condvar.notify_all();
            }
        }
    }
}

fn work(queue: Arc<(Mutex<Queue>, Condvar)>, sender: Sender<Event>, in_flight: Arc<AtomicUsize>) {
    let (lock, condvar) = &*queue;
    loop {
        let job = {
            let Ok(mut guard) = lock.lock() else { return };
            loop {
                if guard.closed {
                    return;
                }
                if let Some(job) = guard.jobs.pop_front() {
                    break job;
                }
                guard = match condvar.wait(guard) {
                    Ok(g) => g,
                    Err(_) => return,
                };
            }
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        match outcome {
            Ok(Some(event)) => {
                let _ = sender.send(event);
            }
            Ok(None) => {}
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "unknown panic".into());
                tracing::error!("a background job panicked: {message}");
                let _ = sender.send(Event::JobFailed(message));
            }
        }
        in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}
