//! File work from async code: on tokio's blocking threads, so that a slow disk never stalls
//! the threads that run the window's commands and the network.

use crate::error::CoreError;

/// Runs `f` on a blocking thread.
pub async fn run<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Input(format!("A background task failed: {e}")))
}
