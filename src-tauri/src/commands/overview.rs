//! The Overview screen: the program at a glance. A thin command over
//! `clerkdesk_core::overview`; the status history lives in the app data folder.

use base64::Engine;
use clerkdesk_core::overview::Overview;
use clerkdesk_core::status_log::StatusLog;
use tauri::{AppHandle, Runtime, State};

use super::session;
use crate::dialogs;
use crate::error::{input, CommandResult};
use crate::state::AppState;

/// The largest picture of the charts taken (base64 text): far above three charts' PNG.
const MAX_PNG_TEXT: usize = 24 * 1024 * 1024;

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

/// Writes the report (.xlsx) where the user chooses; its path, or null when cancelled.
#[tauri::command]
pub async fn overview_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let suggested = format!("Overview {}.xlsx", chrono::Local::now().format("%Y-%m-%d"));
    let Some(out) = dialogs::save_file(&app, "Export report", &suggested).await else {
        return Ok(None);
    };
    let deadlines = super::deadlines::current(&state).await?;
    let log = status_log(&state)?;
    let done = session(&state)
        .await?
        .report(&deadlines, &log, &out)
        .await?;
    state.remember_saved(&done.path);
    Ok(Some(done.path.display().to_string()))
}

/// Saves the charts (a PNG the window drew, base64) where the user chooses; its path, or
/// null when cancelled.
#[tauri::command]
pub async fn overview_png<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    png: String,
) -> CommandResult<Option<String>> {
    if png.len() > MAX_PNG_TEXT {
        return Err(input("The picture of the charts is too large to save."));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png.as_bytes())
        .ok()
        .filter(|b| b.starts_with(b"\x89PNG"))
        .ok_or_else(|| input("The picture of the charts could not be made; try again."))?;
    let suggested = format!("Overview {}.png", chrono::Local::now().format("%Y-%m-%d"));
    let Some(out) = dialogs::save_file(&app, "Save charts as a picture", &suggested).await else {
        return Ok(None);
    };
    let target = out.clone();
    clerkdesk_core::blocking::run(move || std::fs::write(&target, bytes))
        .await?
        .map_err(|e| clerkdesk_core::CoreError::io("save", &out, &e))?;
    state.remember_saved(&out);
    Ok(Some(out.display().to_string()))
}
