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
