//! What closing the window does: close, ask first (unsaved edits, which stay on disk
//! either way), or end running transfers first so that their partial files are removed.

use std::sync::atomic::Ordering;

use crate::state::AppState;

/// The answer to a close request.
#[derive(Debug, PartialEq, Eq)]
pub enum CloseAction {
    /// Nothing is at stake.
    Close,
    /// Keep the window; the webview asks about the unsaved edits.
    AskFirst,
    /// Keep the window until running transfers are cancelled and cleaned up, then exit.
    StopTransfersThenExit,
}

/// Decides from the app's state.
pub fn decide(state: &AppState) -> CloseAction {
    // A bulk run can be resumed after closing, but the user should decide that knowingly.
    if state.has_unsaved.load(Ordering::Relaxed) || state.bulk_running() {
        CloseAction::AskFirst
    } else if state.has_transfers() {
        CloseAction::StopTransfersThenExit
    } else {
        CloseAction::Close
    }
}
