//! The watch loop: while the app runs and a connection is open, one look at what changed
//! every N minutes (Settings → Watch; `CLERKDESK_WATCH_SECONDS` overrides it, for tests and
//! automation). A look is skipped while the window holds unsaved edits (the person is typing)
//! or a bulk run is under way (it has the key's calls). What it found goes to the window (an
//! in-app banner, `clerkdesk://watch`) and, when there is something to say, to an OS
//! notification.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// The event the window listens to.
pub const WATCH_EVENT: &str = "clerkdesk://watch";
/// Overrides the interval, in seconds.
pub const ENV_WATCH_SECONDS: &str = "CLERKDESK_WATCH_SECONDS";

/// How long until the next look.
fn interval(minutes: u32) -> Duration {
    std::env::var(ENV_WATCH_SECONDS)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(u64::from(minutes.clamp(1, 1440)) * 60))
}

/// Starts the loop (once, at start-up).
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let prefs = || {
            app.state::<AppState>()
                .settings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .watch
                .clone()
        };
        loop {
            tokio::time::sleep(interval(prefs().every_minutes)).await;
            // The settings as they are now: a change saved during the wait counts at once.
            let now = prefs();
            if now.on {
                look(&app, &now).await;
            }
        }
    });
}

async fn look<R: Runtime>(app: &AppHandle<R>, prefs: &clerkdesk_core::watch::WatchPrefs) {
    let state = app.state::<AppState>();
    let busy_typing = state.has_unsaved.load(std::sync::atomic::Ordering::SeqCst);
    let bulk_running = state
        .bulk_control
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .is_some();
    if busy_typing || bulk_running {
        return;
    }
    let Some(session) = state.session.read().await.clone() else {
        return;
    };
    let Ok(deadlines) = crate::commands::deadlines_in_effect(&state).await else {
        return;
    };
    let Ok(log) = clerkdesk_core::status_log::StatusLog::open(&state.data_dir) else {
        return;
    };
    // "Overdue tomorrow" once a day: on the first look of each day.
    let today = chrono::Local::now().date_naive();
    let count_overdue = {
        let mut told = state.watch_told.lock().unwrap_or_else(|e| e.into_inner());
        let first = *told != Some(today);
        *told = Some(today);
        first
    };
    match session
        .watch_once(&deadlines, &log, prefs, count_overdue)
        .await
    {
        Ok(news) => {
            if !news.sentences.is_empty() {
                let _ = app
                    .notification()
                    .builder()
                    .title("Clerkdesk")
                    .body(news.sentences.join("; "))
                    .show();
            }
            let _ = app.emit(WATCH_EVENT, news);
        }
        Err(e) => log::info!("watch: {e}"),
    }
}
