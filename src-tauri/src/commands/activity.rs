//! The activity panel and its CSV export.

use clerkdesk_core::activity::{merged, ActivityEntry};
use clerkdesk_core::bulk::{history, job};
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandResult;
use crate::state::AppState;

/// Every write, newest first: the log's single writes and this connection's bulk runs
/// (one entry per job; its rows come from `bulk_job_rows`).
#[tauri::command]
pub async fn activity(state: State<'_, AppState>) -> CommandResult<Vec<ActivityEntry>> {
    entries(&state).await
}

async fn entries(state: &AppState) -> CommandResult<Vec<ActivityEntry>> {
    let log = state.activity.entries_async().await?;
    // Without a connection there are no bulk runs to name: the log alone.
    let Ok(s) = super::session(state).await else {
        return Ok(log);
    };
    let owner = job::owner(&s).await?;
    let runs = history::jobs(&super::jobs::journal(state)?, &owner)?;
    let environment = s.profile.environment.label().to_string();
    Ok(merged(log, history::activity_entries(&environment, &runs)))
}

/// Saves the activity as CSV where the user chooses; returns the path, or null if cancelled.
#[tauri::command]
pub async fn export_activity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    // Each bulk run is followed by its rows.
    let csv = async {
        let all = entries(&state).await?;
        Ok(history::activity_csv(&super::jobs::journal(&state)?, &all))
    };
    super::save_text_with_dialog(
        &app,
        &state,
        "Export activity as CSV",
        "clerkdesk-activity.csv",
        csv,
    )
    .await
}
