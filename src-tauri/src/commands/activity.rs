//! The activity panel and its CSV export.

use clerkdesk_core::activity::{to_csv, ActivityEntry};
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandResult;
use crate::state::AppState;

/// Every write, newest first.
#[tauri::command]
pub async fn activity(state: State<'_, AppState>) -> CommandResult<Vec<ActivityEntry>> {
    Ok(state.activity.entries_async().await?)
}

/// Saves the activity as CSV where the user chooses; returns the path, or null if cancelled.
#[tauri::command]
pub async fn export_activity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let csv = async { Ok(to_csv(&state.activity.entries_async().await?)) };
    super::save_text_with_dialog(
        &app,
        &state,
        "Export activity as CSV",
        "clerkdesk-activity.csv",
        csv,
    )
    .await
}
