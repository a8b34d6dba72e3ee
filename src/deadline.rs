//! A page's time budget. Every stage is linear in the page's nodes, but a
//! worker must not hang on a slow path nobody foresaw: the clock is read
//! between stages and, every few thousand steps, inside the loops whose
//! length the page controls. Past the deadline a loop stops early and the
//! next stage boundary turns the page into a `timeout` error record.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::Relaxed};
use std::time::{Duration, Instant};

use crate::Error;

/// How many loop steps pass between two readings of the clock: reading it
/// costs about as much as a few hundred steps of a parse loop.
const STEPS_PER_CHECK: u32 = 4096;

/// When the page's time is up.
#[derive(Debug)]
pub struct Deadline {
    at: Option<Instant>,
    limit: Duration,
    // Atomics so that the cleaner's threads can share it; plain loads and
    // stores (no read-modify-write) keep a step as cheap as a counter.
    steps: AtomicU32,
    passed: AtomicBool,
}

impl Deadline {
    /// A deadline `limit` from now, or none.
    pub fn after(limit: Option<Duration>) -> Deadline {
        Deadline {
            at: limit.map(|l| Instant::now() + l),
            limit: limit.unwrap_or_default(),
            steps: AtomicU32::new(0),
            passed: AtomicBool::new(false),
        }
    }

    /// No deadline (tests and tools that parse without a budget).
    pub fn none() -> Deadline {
        Deadline::after(None)
    }

    /// At a stage boundary: an error once the time is up.
    pub fn check(&self, stage: &str) -> Result<(), Error> {
        if self.expired() {
            return Err(Error::Timeout(format!(
                "extraction took longer than the page timeout of {:?} (stopped in {stage})",
                self.limit
            )));
        }
        Ok(())
    }

    /// Whether the time is up, reading the clock now (for loops whose
    /// steps are large, like feeding html5ever a chunk).
    pub fn expired(&self) -> bool {
        if !self.passed.load(Relaxed) && self.at.is_some_and(|at| Instant::now() >= at) {
            self.passed.store(true, Relaxed);
        }
        self.passed.load(Relaxed)
    }

    /// Inside a loop: whether the time is up, reading the clock only every
    /// [`STEPS_PER_CHECK`] calls.
    pub fn passed(&self) -> bool {
        if self.passed.load(Relaxed) {
            return true;
        }
        let Some(at) = self.at else {
            return false;
        };
        let n = self.steps.load(Relaxed).wrapping_add(1);
        self.steps.store(n, Relaxed);
        if n % STEPS_PER_CHECK == 0 && Instant::now() >= at {
            self.passed.store(true, Relaxed);
        }
        self.passed.load(Relaxed)
    }
}
