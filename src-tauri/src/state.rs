//! What the app keeps between commands: the one open session.

use clerkdesk_core::{Session, UiError};
use tokio::sync::OnceCell;

/// How the app was asked to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartMode {
    /// `--demo`, or no saved profile yet.
    Demo,
    /// The saved active profile.
    Saved,
}

/// Managed state.
pub struct AppState {
    /// Decided at start-up.
    pub mode: StartMode,
    /// The saved profile to open in `Saved` mode.
    pub saved_profile: Option<clerkdesk_core::Profile>,
    /// Opened on first use, then shared by every command.
    pub session: OnceCell<Result<Session, UiError>>,
}
