//! The activity panel and its CSV export.

use clerkdesk_core::activity::{to_csv, ActivityEntry};
use tauri::{AppHandle, Runtime, State};

use crate::dialogs;
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
    let Some(path) =
        dialogs::save_file(&app, "Export activity as CSV", "clerkdesk-activity.csv").await
    else {
        return Ok(None);
    };
    let csv = to_csv(&state.activity.entries_async().await?);
    let target = path.clone();
    clerkdesk_core::blocking::run(move || std::fs::write(&target, csv))
        .await?
        .map_err(|e| clerkdesk_core::CoreError::io("save", &path, &e))?;
    state.remember_saved(&path);
    Ok(Some(path.display().to_string()))
}
