//! Thin commands: each calls the core and returns serialisable data or a `UiError`.

pub mod activity;
pub mod attachments;
pub mod bulk;
pub mod connection;
pub mod project;
pub mod updates;

use std::sync::Arc;

use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;

use crate::error::{input, CommandResult};
use crate::state::AppState;

/// The open session, or a plain sentence saying how to get one.
pub async fn session(state: &AppState) -> CommandResult<Arc<Session>> {
    state.session.read().await.clone().ok_or_else(|| {
        input("Not connected yet. Choose \"Try with demo data\" or connect to PowerClerk first.")
    })
}

/// The core's workflows over the open session, the unsaved edits and the activity log.
pub fn desk<'a>(state: &'a AppState, session: &'a Session) -> Desk<'a> {
    Desk::with_files(session, &state.edits, &state.activity)
}
