//! Settings → Deadlines: targets per status, business or calendar days, the holiday list;
//! imported and exported as a small file a team shares. Thin commands over
//! `clerkdesk_core::deadlines`.

use clerkdesk_core::deadlines::{self, Deadlines};
use clerkdesk_core::profile::Environment;
use clerkdesk_core::watch::WatchPrefs;
use tauri::{AppHandle, Runtime, State};

use crate::dialogs;
use crate::error::CommandResult;
use crate::state::AppState;

/// The deadlines in effect: those saved, else the demo's own targets in the demo, else the
/// defaults (no targets).
pub(super) async fn current(state: &AppState) -> CommandResult<Deadlines> {
    let dir = state.data_dir.clone();
    let saved = clerkdesk_core::blocking::run(move || deadlines::saved(&dir)).await??;
    if let Some(d) = saved {
        return Ok(d);
    }
    let demo = match super::session(state).await {
        Ok(s) => s.profile.environment == Environment::Demo,
        Err(_) => false,
    };
    Ok(if demo {
        Deadlines::demo()
    } else {
        Deadlines::default()
    })
}

/// The deadlines, for Settings.
#[tauri::command]
pub async fn deadlines_get(state: State<'_, AppState>) -> CommandResult<Deadlines> {
    current(&state).await
}

/// Saves the deadlines from Settings; `holidays` is the list as the person typed it.
#[tauri::command]
pub async fn deadlines_save(
    state: State<'_, AppState>,
    mut deadlines: Deadlines,
    holidays: String,
) -> CommandResult<Deadlines> {
    deadlines.holidays = deadlines::parse_holidays(&holidays)?;
    let dir = state.data_dir.clone();
    let path = dir.join(deadlines::DEADLINES_FILE);
    let d = deadlines.clone();
    clerkdesk_core::blocking::run(move || {
        deadlines::save(&dir, &d)?;
        // Read back through the same checks a shared file gets (targets of 0 days refused).
        deadlines::import(&path)
    })
    .await?
    .map_err(Into::into)
}

/// Replaces the deadlines with a file chosen in a dialog; null when cancelled.
#[tauri::command]
pub async fn deadlines_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<Deadlines>> {
    let Some(path) = dialogs::open_file(&app, "Import deadlines", &["json".into()]).await else {
        return Ok(None);
    };
    let dir = state.data_dir.clone();
    let d = clerkdesk_core::blocking::run(move || {
        let d = deadlines::import(&path)?;
        deadlines::save(&dir, &d)?;
        Ok::<_, clerkdesk_core::CoreError>(d)
    })
    .await??;
    Ok(Some(d))
}

/// Saves the deadlines to a file chosen in a dialog (to share); its path, or null.
#[tauri::command]
pub async fn deadlines_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let Some(path) = dialogs::save_file(&app, "Export deadlines", "deadlines.json").await else {
        return Ok(None);
    };
    let d = current(&state).await?;
    let target = path.clone();
    clerkdesk_core::blocking::run(move || deadlines::export(&target, &d)).await??;
    state.remember_saved(&path);
    Ok(Some(path.display().to_string()))
}

/// What the watch looks for, and how often (Settings → Watch).
#[tauri::command]
pub async fn watch_prefs(state: State<'_, AppState>) -> CommandResult<WatchPrefs> {
    Ok(state
        .settings
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .watch
        .clone())
}

/// Saves the watch's settings (taken at the next look).
#[tauri::command]
pub async fn watch_prefs_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    prefs: WatchPrefs,
) -> CommandResult<WatchPrefs> {
    if !(1..=1440).contains(&prefs.every_minutes) {
        return Err(crate::error::input(
            "Look for changes every 1 to 1,440 minutes (a day).",
        ));
    }
    let saved = prefs.clone();
    crate::store::update(&app, &state, move |s| s.watch = saved).await;
    Ok(prefs)
}
