//! Per-host politeness: at most `per_host` requests open to one host, and
//! request starts to one host spaced by its delay (the configured delay, or
//! the site's Crawl-delay, or a server's Retry-After).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Entries idle past this are forgotten when the map is pruned, so a list
/// spanning millions of hosts does not grow memory without bound.
const PRUNE_AT: usize = 4096;

pub(crate) struct Hosts {
    per_host: usize,
    delay: Duration,
    map: Mutex<HostMap>,
}

struct HostMap {
    hosts: HashMap<String, Arc<Host>>,
    prune_at: usize,
}

pub(crate) struct Host {
    slots: Arc<Semaphore>,
    state: Mutex<HostState>,
}

struct HostState {
    /// The earliest time the next request may start.
    next_start: Instant,
    delay: Duration,
}

/// Held while a request to the host is open.
pub(crate) struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl Hosts {
    pub(crate) fn new(per_host: usize, delay: Duration) -> Hosts {
        Hosts {
            per_host: per_host.max(1),
            delay,
            map: Mutex::new(HostMap {
                hosts: HashMap::new(),
                prune_at: PRUNE_AT,
            }),
        }
    }

    pub(crate) fn get(&self, host: &str) -> Arc<Host> {
        let Ok(mut map) = self.map.lock() else {
            // A poisoned map only means another thread panicked mid-insert;
            // a fresh host entry is still correct, if less polite.
            return Arc::new(Host::new(self.per_host, self.delay));
        };
        if let Some(h) = map.hosts.get(host) {
            return h.clone();
        }
        if map.hosts.len() >= map.prune_at {
            let now = Instant::now();
            map.hosts
                .retain(|_, h| Arc::strong_count(h) > 1 || h.busy_until() > now);
            map.prune_at = (map.hosts.len() * 2).max(PRUNE_AT);
        }
        let h = Arc::new(Host::new(self.per_host, self.delay));
        map.hosts.insert(host.to_string(), h.clone());
        h
    }
}

impl Host {
    fn new(per_host: usize, delay: Duration) -> Host {
        Host {
            slots: Arc::new(Semaphore::new(per_host)),
            state: Mutex::new(HostState {
                next_start: Instant::now(),
                delay,
            }),
        }
    }

    fn busy_until(&self) -> Instant {
        self.state
            .lock()
            .map(|s| s.next_start)
            .unwrap_or_else(|_| Instant::now())
    }

    /// Wait for a free connection slot and for the host's delay to pass.
    /// A page request pushes the next start one delay on; a robots.txt
    /// request (one small file per origin, before its first page) does not,
    /// so a single URL is not held back a whole delay by its own robots.txt.
    pub(crate) async fn acquire(self: &Arc<Self>, spaces_next: bool) -> Option<Slot> {
        let permit = self.slots.clone().acquire_owned().await.ok()?;
        let start = {
            let now = Instant::now();
            match self.state.lock() {
                Ok(mut s) => {
                    let start = s.next_start.max(now);
                    if spaces_next {
                        s.next_start = start + s.delay;
                    }
                    start
                }
                Err(_) => now,
            }
        };
        tokio::time::sleep_until(start).await;
        Some(Slot { _permit: permit })
    }

    /// Raise the delay between requests (a robots.txt Crawl-delay).
    pub(crate) fn raise_delay(&self, delay: Duration) {
        if let Ok(mut s) = self.state.lock() {
            if delay > s.delay {
                let extra = delay - s.delay;
                s.next_start += extra;
                s.delay = delay;
            }
        }
    }

    /// No request to this host starts before `until` (a Retry-After, or a
    /// backoff after a 5xx: the whole host is asked to slow down).
    pub(crate) fn defer_until(&self, until: Instant) {
        if let Ok(mut s) = self.state.lock() {
            s.next_start = s.next_start.max(until);
        }
    }
}
