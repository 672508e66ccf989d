//! Thin commands: each calls the core and returns serialisable data or a `UiError`.

use clerkdesk_core::{ConnectionInfo, Session};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppState, StartMode};

async fn session(state: &AppState) -> CommandResult<&Session> {
    let opened = state
        .session
        .get_or_init(|| async {
            let s = match (state.mode, &state.saved_profile) {
                (StartMode::Saved, Some(p)) => Session::open(p.clone()).await,
                _ => Session::open_demo().await,
            };
            s.map_err(Into::into)
        })
        .await;
    opened.as_ref().map_err(Clone::clone)
}

/// Opens the connection if needed and describes it (one API call).
#[tauri::command]
pub async fn connection_status(state: State<'_, AppState>) -> CommandResult<ConnectionInfo> {
    let s = session(&state).await?;
    s.describe().await.map_err(Into::into)
}
