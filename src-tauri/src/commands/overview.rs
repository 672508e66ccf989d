//! The Overview screen: the program at a glance. A thin command over
//! `clerkdesk_core::overview`; the status history lives in the app data folder.

use clerkdesk_core::overview::Overview;
use clerkdesk_core::status_log::StatusLog;
use tauri::State;

use super::session;
use crate::error::CommandResult;
use crate::state::AppState;

/// Clerkdesk's own status history, in the app data folder.
pub(super) fn status_log(state: &AppState) -> CommandResult<StatusLog> {
    Ok(StatusLog::open(&state.data_dir)?)
}

/// Projects per status against their deadlines, ages, and entries per week.
#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> CommandResult<Overview> {
    let deadlines = super::deadlines::current(&state).await?;
    let log = status_log(&state)?;
    Ok(session(&state).await?.overview(&deadlines, &log).await?)
}
