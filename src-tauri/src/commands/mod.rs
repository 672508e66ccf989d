//! Thin commands: each calls the core and returns serialisable data or a `UiError`.

pub mod activity;
pub mod attachments;
pub mod connection;
pub mod project;

use std::sync::Arc;

use clerkdesk_core::Session;

use crate::error::{input, CommandResult};
use crate::state::AppState;

/// The open session, or a plain sentence saying how to get one.
pub async fn session(state: &AppState) -> CommandResult<Arc<Session>> {
    state.session.read().await.clone().ok_or_else(|| {
        input("Not connected yet. Choose \"Try with demo data\" or connect to PowerClerk first.")
    })
}

/// The environment label of the open session, for the activity log.
pub fn environment(s: &Session) -> String {
    s.profile.environment.label().to_string()
}
