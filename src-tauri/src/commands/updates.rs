//! Updates of Clerkdesk itself: the quiet check at start, "Check for updates", installing
//! (asked for by the user; never during a bulk run) — and the Settings screen's switches.

use clerkdesk_core::settings::Preferences;
use clerkdesk_core::updates::{UpdateProblem, UpdateView};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::{store, updates};

/// Download progress of an update.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct UpdateProgress {
    /// Bytes so far.
    pub done: u64,
    /// Bytes in all, when the server says.
    pub total: Option<u64>,
}

/// Installing restarts the app: refused while a bulk run is going on.
fn not_during_bulk_run(state: &AppState) -> CommandResult<()> {
    if state.bulk_running() {
        return Err(UpdateProblem::BulkRunning.into_error(None).into());
    }
    Ok(())
}

async fn remember_checked<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    let now = chrono::Utc::now();
    store::update(app, state, |s| s.updates.last_checked = Some(now)).await;
}

/// "Check for updates" in Settings.
#[tauri::command]
pub async fn update_check<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<UpdateView> {
    let view = updates::check(&app).await;
    remember_checked(&app, &state).await;
    Ok(view?)
}

/// The quiet check at start: only when switched on, at most daily, never during a bulk
/// run. Says nothing unless a newer version is on offer (a failure is only logged).
#[tauri::command]
pub async fn update_check_quietly<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<UpdateView>> {
    let due = state
        .settings()
        .updates
        .start_check_due(chrono::Utc::now(), state.bulk_running());
    if !due {
        return Ok(None);
    }
    let result = updates::check(&app).await;
    remember_checked(&app, &state).await;
    match result {
        Ok(view) => Ok(view.available.is_some().then_some(view)),
        Err(e) => {
            log::info!("quiet update check failed: {e}");
            Ok(None)
        }
    }
}

/// Downloads, verifies and installs the offered update, then restarts Clerkdesk (Windows'
/// installer closes the app itself). Refused while a bulk run is going on.
#[tauri::command]
pub async fn update_install<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_progress: Channel<UpdateProgress>,
) -> CommandResult<()> {
    // Before the download and again after it: a run may have started meanwhile.
    not_during_bulk_run(&state)?;
    let send = super::for_webview(std::sync::Arc::new(move |done, total| {
        let _ = on_progress.send(UpdateProgress { done, total });
    }));
    let (update, bytes) = updates::download_verified(&app, |d, t| send(d, t)).await?;
    not_during_bulk_run(&state)?;
    log::info!("installing Clerkdesk {}", update.version);
    updates::install(update, bytes).await?;
    app.restart()
}

/// The switches of the Settings screen (updates at start, downloads without asking): each
/// one given is changed and saved; all are returned.
#[tauri::command]
pub async fn preferences<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    check_updates_at_start: Option<bool>,
    downloads_without_asking: Option<bool>,
) -> CommandResult<Preferences> {
    if check_updates_at_start.is_none() && downloads_without_asking.is_none() {
        return Ok(state.settings().preferences());
    }
    Ok(store::update(&app, &state, |s| {
        if let Some(on) = check_updates_at_start {
            s.updates.check_at_start = on;
        }
        if let Some(on) = downloads_without_asking {
            s.downloads_without_asking = on;
        }
        s.preferences()
    })
    .await)
}
