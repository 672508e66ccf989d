//! The limiter's recent calls as wall-clock times, so that a program can keep them across a
//! restart: a `clerk` run or a window started again within the window then counts the calls
//! its previous run made, instead of colliding with them (the client writes no files itself;
//! Clerkdesk's core keeps them in the app data folder).

use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use super::RateLimiter;

impl RateLimiter {
    /// When the calls still counted in the window were answered, as wall-clock times, oldest
    /// first.
    pub fn recent_calls(&self) -> Vec<SystemTime> {
        let (now, wall) = (Instant::now(), SystemTime::now());
        let mut st = self.lock();
        st.prune(now);
        st.answered
            .iter()
            .map(|t| wall - now.duration_since(*t))
            .collect()
    }

    /// Counts calls an earlier run answered at `calls` (wall-clock times) as if this limiter
    /// had made them; those already out of the window, or in the future, are ignored.
    pub fn remember_calls(&self, calls: &[SystemTime]) {
        let (now, wall) = (Instant::now(), SystemTime::now());
        let mut st = self.lock();
        let keep = st.longest_window();
        let mut earlier: Vec<Instant> = calls
            .iter()
            .filter_map(|t| wall.duration_since(*t).ok())
            .filter(|age| *age < keep)
            .filter_map(|age| now.checked_sub(age))
            .collect();
        if earlier.is_empty() {
            return;
        }
        earlier.extend(st.answered.drain(..));
        earlier.sort();
        st.answered = earlier.into();
        st.prune(now);
        let status = st.status(now);
        drop(st);
        self.inner.status.send_replace(status);
    }
}

/// How long after the last 429 the limiter goes back from even spacing to the key's full
/// rate, as a fraction of the window: PowerClerk has accepted calls for that long.
pub(super) const RECOVER_AFTER_WINDOWS: u32 = 1;

/// True when even spacing can end: no 429 for [`RECOVER_AFTER_WINDOWS`] windows.
pub(super) fn may_recover(last_429: Option<Instant>, window: Duration, now: Instant) -> bool {
    last_429.is_none_or(|t| now.duration_since(t) >= window * RECOVER_AFTER_WINDOWS)
}
