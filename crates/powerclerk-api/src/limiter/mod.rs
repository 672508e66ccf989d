//! The shared rate limiter: one per API key, used by every clone of every client in the
//! process and by every task.
//!
//! Why not `governor`: governor implements GCRA, which spreads calls evenly (or allows a
//! burst that then refills continuously). PowerClerk counts calls in a sliding window
//! (contract D4): N calls may go out at once and then none until the first leaves the
//! window. GCRA can either delay the first calls of a burst (opening a project would feel
//! slow) or, with a burst of N, let through more than N in a window once it refills. Neither
//! is the rule the server enforces, so this module keeps a small log of calls instead.
//!
//! Why the log records *answers*: a call occupies its slot from the moment it is sent until
//! one window after its answer arrived. The server counted the call somewhere between those
//! two instants, so the next call that reuses the slot reaches the server more than one
//! window later, whatever the network latency was. A small extra margin covers clock
//! granularity and servers that count slightly late.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use tokio::sync::{watch, Notify};
use tokio::time::Instant;

use crate::config::RateLimit;
use crate::decisions;

/// What the limiter is doing, for a status line ("Waiting 3 s for PowerClerk's rate limit").
#[derive(Clone, Debug, PartialEq)]
pub struct RateStatus {
    /// Calls counted in the current window (sent, or answered less than a window ago).
    pub used: u32,
    /// The window's limit.
    pub limit: u32,
    /// When some call is being held back, the moment it will be released.
    pub waiting_until: Option<Instant>,
    /// True while a 429's `Retry-After` pauses every call.
    pub paused_by_server: bool,
    /// Set when the server kept answering 429 although the local budget was respected:
    /// calls are then spaced evenly by this interval.
    pub fallback_interval: Option<Duration>,
    /// 429 answers seen so far.
    pub rate_limited_answers: u64,
    /// How many times even spacing began (it ends once PowerClerk accepts calls again).
    pub spacing_started: u64,
}

impl RateStatus {
    /// How long the held-back call still waits, if any.
    pub fn waiting(&self) -> Option<Duration> {
        self.waiting_until
            .map(|t| t.saturating_duration_since(Instant::now()))
            .filter(|d| !d.is_zero())
    }
}

struct State {
    limit: RateLimit,
    /// Calls sent and not yet answered: each holds a slot.
    in_flight: u32,
    /// Answer times of recent calls, oldest first (recorded under the lock, so ordered).
    answered: VecDeque<Instant>,
    pause_until: Option<Instant>,
    fallback_interval: Option<Duration>,
    last_sent: Option<Instant>,
    recent_429s: Vec<Instant>,
    /// 429s since the last accepted call (the backoff's exponent).
    refused_in_a_row: u32,
    /// The last 429 (even spacing ends a window after it).
    last_429: Option<Instant>,
    rate_limited_answers: u64,
    spacing_started: u64,
    waiting_until: Option<Instant>,
}

enum Verdict {
    Go,
    WaitUntil(Instant),
    WaitForAnswer,
}

fn margin(window: Duration) -> Duration {
    (window / 100).clamp(Duration::from_millis(10), Duration::from_secs(1))
}

impl State {
    fn windows(&self) -> impl Iterator<Item = (u32, Duration)> {
        std::iter::once((self.limit.max_calls, self.limit.window)).chain(self.limit.burst)
    }

    fn longest_window(&self) -> Duration {
        self.windows().map(|(_, w)| w).max().unwrap_or_default()
    }

    fn prune(&mut self, now: Instant) {
        let keep = self.longest_window();
        let keep = keep + margin(keep);
        while self
            .answered
            .front()
            .is_some_and(|t| now.duration_since(*t) >= keep)
        {
            self.answered.pop_front();
        }
        let window = self.limit.window;
        self.recent_429s
            .retain(|t| now.duration_since(*t) < window * 2);
    }

    /// Index of the first answer still counted in `window` (answers are ordered).
    fn first_counted(&self, window: Duration, now: Instant) -> usize {
        let hold = window + margin(window);
        self.answered
            .partition_point(|t| now.duration_since(*t) >= hold)
    }

    fn used_in(&self, window: Duration, now: Instant) -> u32 {
        let counted = self.answered.len() - self.first_counted(window, now);
        self.in_flight.saturating_add(counted as u32)
    }

    fn verdict(&self, now: Instant) -> Verdict {
        let mut earliest = now;
        if let Some(p) = self.pause_until {
            earliest = earliest.max(p);
        }
        if let (Some(interval), Some(last)) = (self.fallback_interval, self.last_sent) {
            earliest = earliest.max(last + interval);
        }
        let mut wait_for_answer = false;
        for (max, window) in self.windows() {
            if self.used_in(window, now) < max {
                continue;
            }
            // Full: the slot that frees first is the earliest answered one still counted in
            // this window; while none is answered, only an answer can free one.
            let hold = window + margin(window);
            let first_answer = self.answered.get(self.first_counted(window, now)).copied();
            match first_answer {
                Some(t) => earliest = earliest.max(t + hold),
                None => wait_for_answer = true,
            }
        }
        if earliest > now {
            Verdict::WaitUntil(earliest)
        } else if wait_for_answer {
            Verdict::WaitForAnswer
        } else {
            Verdict::Go
        }
    }

    fn status(&self, now: Instant) -> RateStatus {
        RateStatus {
            used: self.used_in(self.limit.window, now),
            limit: self.limit.max_calls,
            waiting_until: self.waiting_until,
            paused_by_server: self.pause_until.is_some_and(|p| p > now),
            fallback_interval: self.fallback_interval,
            rate_limited_answers: self.rate_limited_answers,
            spacing_started: self.spacing_started,
        }
    }
}

struct Inner {
    state: Mutex<State>,
    answered: Notify,
    status: watch::Sender<RateStatus>,
}

/// A sliding-window limiter shared per API key. Cloning shares it.
#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("status", &*self.inner.status.borrow())
            .finish()
    }
}

/// Holds one slot of the window; dropping it records the answer time.
pub struct Permit {
    inner: Arc<Inner>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut st = self.inner.state.lock().unwrap_or_else(|e| e.into_inner());
        // Taken under the lock, so that `answered` stays ordered.
        let now = Instant::now();
        st.in_flight = st.in_flight.saturating_sub(1);
        st.answered.push_back(now);
        let status = st.status(now);
        drop(st);
        self.inner.status.send_replace(status);
        self.inner.answered.notify_waiters();
    }
}

fn registry() -> &'static Mutex<HashMap<String, Weak<Inner>>> {
    static REGISTRY: OnceLock<Mutex<HashMap<String, Weak<Inner>>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

impl RateLimiter {
    /// A limiter of its own (tests, or a key nobody else uses).
    pub fn new(limit: RateLimit) -> Self {
        let now = Instant::now();
        let state = State {
            limit,
            in_flight: 0,
            answered: VecDeque::new(),
            pause_until: None,
            fallback_interval: None,
            last_sent: None,
            recent_429s: Vec::new(),
            refused_in_a_row: 0,
            last_429: None,
            rate_limited_answers: 0,
            spacing_started: 0,
            waiting_until: None,
        };
        let (status, _) = watch::channel(state.status(now));
        Self {
            inner: Arc::new(Inner {
                state: Mutex::new(state),
                answered: Notify::new(),
                status,
            }),
        }
    }

    /// The process-wide limiter of this API key at this service, created on first use. A
    /// later call with other settings updates the shared limiter's settings.
    pub fn shared(service: &str, api_key: &str, limit: RateLimit) -> Self {
        let key = format!("{service}\u{0}{api_key}");
        let mut reg = registry().lock().unwrap_or_else(|e| e.into_inner());
        reg.retain(|_, w| w.strong_count() > 0);
        if let Some(inner) = reg.get(&key).and_then(Weak::upgrade) {
            let limiter = Self { inner };
            limiter.set_limit(limit);
            return limiter;
        }
        let limiter = Self::new(limit);
        reg.insert(key, Arc::downgrade(&limiter.inner));
        limiter
    }

    /// Changes the limit (takes effect for the next call).
    pub fn set_limit(&self, limit: RateLimit) {
        let mut st = self.lock();
        if st.limit != limit {
            st.limit = limit;
            st.fallback_interval = None;
        }
    }

    /// Follow the limiter's status.
    pub fn subscribe(&self) -> watch::Receiver<RateStatus> {
        self.inner.status.subscribe()
    }

    /// The status right now.
    pub fn status(&self) -> RateStatus {
        let now = Instant::now();
        let mut st = self.lock();
        st.prune(now);
        st.status(now)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until a call may go out and takes its slot. Returns at once while the window
    /// has room.
    pub async fn acquire(&self) -> Permit {
        loop {
            // Register for wake-ups before looking, so that an answer arriving between the
            // look and the wait is not missed.
            let answered = self.inner.answered.notified();
            tokio::pin!(answered);
            answered.as_mut().enable();
            let verdict = {
                let now = Instant::now();
                let mut st = self.lock();
                st.prune(now);
                match st.verdict(now) {
                    Verdict::Go => {
                        st.in_flight += 1;
                        st.last_sent = Some(now);
                        if st.waiting_until.is_some_and(|w| w <= now) {
                            st.waiting_until = None;
                        }
                        let status = st.status(now);
                        drop(st);
                        self.inner.status.send_replace(status);
                        return Permit {
                            inner: self.inner.clone(),
                        };
                    }
                    v => {
                        if let Verdict::WaitUntil(t) = v {
                            st.waiting_until = Some(st.waiting_until.map_or(t, |w| w.max(t)));
                            let status = st.status(now);
                            self.inner.status.send_replace(status);
                        }
                        v
                    }
                }
            };
            match verdict {
                Verdict::WaitUntil(t) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(t) => {}
                        _ = &mut answered => {}
                    }
                }
                Verdict::WaitForAnswer => answered.await,
                Verdict::Go => unreachable!("handled above"),
            }
        }
    }

    /// Records an accepted call: the next 429 without Retry-After starts its backoff again;
    /// and once PowerClerk has accepted calls for a whole window since its last 429, even
    /// spacing ends and the key's full rate is back (as the AWS SDKs' adaptive mode comes
    /// back up), instead of staying at half rate for the rest of the run.
    pub fn on_accepted(&self) {
        let now = Instant::now();
        let mut st = self.lock();
        st.refused_in_a_row = 0;
        if st.fallback_interval.is_some() && memory::may_recover(st.last_429, st.limit.window, now)
        {
            st.fallback_interval = None;
            let status = st.status(now);
            drop(st);
            self.inner.status.send_replace(status);
        }
    }

    /// Records a 429: every queued call pauses for `retry_after` (capped; when absent 1 s,
    /// doubling with each recent 429, at most 60 s).
    /// When 429s keep coming although the local budget was respected, switches to even
    /// spacing at a lower rate. Returns the pause applied.
    pub fn on_rate_limited(&self, retry_after: Option<Duration>) -> Duration {
        let now = Instant::now();
        let mut st = self.lock();
        st.prune(now);
        // Without Retry-After: truncated exponential backoff (1 s, 2 s, 4 s … up to the
        // configured pause) over the 429s since the last accepted call, so that a short
        // burst costs seconds and a server that keeps refusing still gets the whole pause.
        let absent = st.limit.retry_after_when_absent;
        let doubling =
            decisions::RETRY_AFTER_ABSENT_FIRST.min(absent) * (1u32 << st.refused_in_a_row.min(16));
        st.refused_in_a_row += 1;
        let pause = retry_after
            .unwrap_or(doubling.min(absent))
            .min(decisions::RETRY_AFTER_CAP);
        st.rate_limited_answers += 1;
        let until = now + pause;
        st.pause_until = Some(st.pause_until.map_or(until, |p| p.max(until)));
        st.recent_429s.push(now);
        st.last_429 = Some(now);
        st.prune(now);
        // Every call this limiter let out respected the budget, so each 429 means the server
        // counts differently or another program uses the same key.
        if st.fallback_interval.is_none()
            && st.recent_429s.len() as u32 >= decisions::UNEXPECTED_429_BEFORE_FALLBACK
        {
            let per_call = st.limit.window.as_secs_f64() / st.limit.max_calls.max(1) as f64;
            st.fallback_interval = Some(Duration::from_secs_f64(
                per_call / decisions::FALLBACK_RATE_FRACTION,
            ));
            st.spacing_started += 1;
        }
        let status = st.status(now);
        drop(st);
        self.inner.status.send_replace(status);
        pause
    }
}

mod memory;

#[cfg(test)]
mod tests;
