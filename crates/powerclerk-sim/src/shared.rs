//! The state every connection shares.

use std::sync::Mutex;

use crate::state::SimState;

/// State shared by every connection.
pub struct Shared {
    /// Everything mutable.
    pub state: Mutex<SimState>,
    /// The tenant in the paths.
    pub tenant: String,
}

impl Shared {
    /// The state, locked. A handler that panicked leaves it usable: the simulator keeps
    /// serving the other requests.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
