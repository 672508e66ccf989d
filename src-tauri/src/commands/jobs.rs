//! Bulk jobs after the fact: the unfinished one (the banner), its results so far, giving it
//! up, and a job's rows for Activity. Thin commands over `clerkdesk_core::bulk::history`.

use clerkdesk_core::bulk::history::{self, JobRowView, JobView};
use clerkdesk_core::bulk::{job, Journal};
use tauri::State;

use super::session;
use crate::error::CommandResult;
use crate::state::AppState;

pub(super) fn journal(state: &AppState) -> CommandResult<Journal> {
    Ok(Journal::open(&state.data_dir)?)
}

/// The connection's newest job that can still be resumed (the banner), or null.
#[tauri::command]
pub async fn bulk_unfinished(state: State<'_, AppState>) -> CommandResult<Option<JobView>> {
    let s = session(&state).await?;
    let owner = job::owner(&s).await?;
    Ok(history::unfinished(&journal(&state)?, &owner)?)
}

/// Writes a job's results file as far as it went and returns its path (the window opens it).
#[tauri::command]
pub async fn bulk_results_so_far(state: State<'_, AppState>, job: String) -> CommandResult<String> {
    let outputs = history::results_so_far(&journal(&state)?, &job).await?;
    state.remember_saved(&outputs.results);
    Ok(outputs.results.display().to_string())
}

/// Gives a job up (after writing its results so far, whose path it returns).
#[tauri::command]
pub async fn bulk_discard(state: State<'_, AppState>, job: String) -> CommandResult<String> {
    let outputs = history::discard(&journal(&state)?, &job).await?;
    state.remember_saved(&outputs.results);
    Ok(outputs.results.display().to_string())
}

/// A job's rows with their results so far (Activity lists them on demand).
#[tauri::command]
pub async fn bulk_job_rows(
    state: State<'_, AppState>,
    job: String,
) -> CommandResult<Vec<JobRowView>> {
    Ok(history::rows(&journal(&state)?, &job)?)
}
