//! Settings → Connection: the compatibility check (read-only, with progress), saving its
//! report where the user chooses, and the connection's switches; and the Help screen's
//! guide.

use clerkdesk_core::compat::{self, CompatProgress, CompatReport};
use clerkdesk_core::profile::ConnectionSwitches;
use clerkdesk_core::Session;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use super::session;
use crate::error::{input, CommandResult};
use crate::state::AppState;
use crate::store;

/// Runs the check on the connection in use. Its report stays here for "Save report…"
/// (the webview never hands a report back to be written).
#[tauri::command]
pub async fn compat_check(
    state: State<'_, AppState>,
    on_progress: Channel<CompatProgress>,
) -> CommandResult<CompatReport> {
    let s = session(&state).await?;
    let report = compat::check(&s, &move |p| {
        let _ = on_progress.send(p);
    })
    .await?;
    *state.last_compat.lock().unwrap_or_else(|e| e.into_inner()) = Some(report.clone());
    Ok(report)
}

/// Saves the last check's report (Markdown) where the user chooses; null if cancelled.
#[tauri::command]
pub async fn compat_save_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let report = state
        .last_compat
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .ok_or_else(|| input("Run the check first."))?;
    super::save_text_with_dialog(
        &app,
        &state,
        "Save the compatibility report",
        "Clerkdesk compatibility report.md",
        async { Ok(compat::markdown(&report)) },
    )
    .await
}

/// The switches of the connection in use (null for the demo, which has none); with `set`,
/// saves them and reconnects so that they apply at once.
#[tauri::command]
pub async fn connection_switches<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    set: Option<ConnectionSwitches>,
) -> CommandResult<Option<ConnectionSwitches>> {
    let Some(name) = state.settings().active_profile.clone() else {
        return Ok(None);
    };
    let mut profile = state.profile_named(&name)?;
    let Some(switches) = set else {
        return Ok(Some(profile.switches));
    };
    profile.switches = switches;
    let session = Session::open(profile.clone()).await?;
    super::connection::reopen(&app, &state, session).await?;
    store::update(&app, &state, |s| s.upsert(profile)).await?;
    Ok(Some(switches))
}

/// The user guide for the Help screen (rendered from the guide built into the app).
#[tauri::command]
pub fn help_page() -> clerkdesk_core::help::HelpPage {
    clerkdesk_core::help::user_guide()
}
