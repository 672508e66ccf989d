//! Pause, resume and cancel of a running job.

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Pause, resume and cancel, from the window or Ctrl-C. Checked before every call: a call
/// under way finishes and is journaled.
#[derive(Default)]
pub struct RunControl {
    cancelled: AtomicBool,
    paused: AtomicBool,
    wake: Notify,
}

impl RunControl {
    /// Stops before the next call (the job can be resumed).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.wake.notify_waiters();
    }

    /// Holds every row before its next call.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    /// Lets paused rows go on.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.wake.notify_waiters();
    }

    /// True once cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    /// Waits while paused; `false` when cancelled.
    pub(crate) async fn go_on(&self) -> bool {
        loop {
            let woken = self.wake.notified();
            if self.is_cancelled() {
                return false;
            }
            if !self.paused.load(Ordering::SeqCst) {
                return true;
            }
            woken.await;
        }
    }
}
