//! What a caller controls of an attachment transfer: progress and Cancel.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

/// Progress of a transfer: bytes done and, when known, the total.
pub type ProgressFn = Arc<dyn Fn(u64, Option<u64>) + Send + Sync>;

/// Options of an attachment transfer.
#[derive(Clone, Default)]
pub struct Transfer {
    /// Called as bytes move.
    pub progress: Option<ProgressFn>,
    /// Cancels the transfer when triggered.
    pub cancel: Option<CancellationToken>,
}

impl Transfer {
    pub(crate) fn report(&self, done: u64, total: Option<u64>) {
        if let Some(p) = &self.progress {
            p(done, total)
        }
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }
}

/// `progress`, called at most once per `interval` — plus always for the first and the last
/// bytes — so that a fast transfer of many small chunks does not flood a window or a
/// terminal with updates nobody can read (ten a second is smooth enough).
pub fn throttled(progress: ProgressFn, interval: std::time::Duration) -> ProgressFn {
    let last: std::sync::Mutex<Option<std::time::Instant>> = Default::default();
    Arc::new(move |done, total| {
        let finished = total == Some(done);
        let due = {
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            let due = finished || last.is_none_or(|t| t.elapsed() >= interval);
            if due {
                *last = Some(std::time::Instant::now());
            }
            due
        };
        if due {
            progress(done, total)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::Duration;

    #[test]
    fn a_burst_of_progress_reports_the_first_and_the_last() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let p = throttled(
            Arc::new(move |d, _| s.lock().unwrap().push(d)),
            Duration::from_secs(3600),
        );
        for d in 1..=1000 {
            p(d, Some(1000));
        }
        assert_eq!(*seen.lock().unwrap(), [1, 1000]);
    }
}
