//! Thin commands: each calls the core and returns serialisable data or a `UiError`.

pub mod activity;
pub mod attachments;
pub mod bulk;
pub mod compat;
pub mod connection;
pub mod deadlines;
pub mod jobs;
pub mod overview;
pub mod project;
pub mod updates;

use std::sync::Arc;

use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;

use crate::error::{input, CommandResult, UiError};
use crate::state::AppState;

/// What a command that needs a connection says when there is none: how to get one.
pub fn not_connected() -> UiError {
    input("Not connected yet. Choose \"Try with demo data\" or connect to PowerClerk first.")
}

/// The open session, or [`not_connected`].
pub async fn session(state: &AppState) -> CommandResult<Arc<Session>> {
    state.session.read().await.clone().ok_or_else(not_connected)
}

/// Progress as the webview receives it: at most ten updates a second (one message per
/// chunk flooded it), plus always the first and the last.
pub fn for_webview(progress: powerclerk_api::ProgressFn) -> powerclerk_api::ProgressFn {
    powerclerk_api::throttled(progress, std::time::Duration::from_millis(100))
}

/// Saves `text` where the user chooses in the native save dialog and remembers the file as
/// the app's own (so "Show in folder" may reveal it); the path, or `None` when cancelled.
pub async fn save_text_with_dialog<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    title: &str,
    suggested: &str,
    text: impl std::future::Future<Output = CommandResult<String>>,
) -> CommandResult<Option<String>> {
    let Some(path) = crate::dialogs::save_file(app, title, suggested).await else {
        return Ok(None);
    };
    // Made once the user has chosen where (a future does nothing until awaited).
    let text = text.await?;
    let target = path.clone();
    clerkdesk_core::blocking::run(move || std::fs::write(&target, text))
        .await?
        .map_err(|e| clerkdesk_core::CoreError::io("save", &path, &e))?;
    state.remember_saved(&path);
    Ok(Some(path.display().to_string()))
}

/// At most ten progress messages a second to the webview, and always the last: each message
/// is a script the webview runs, and one per call of a 2,000-row bulk run (thousands in
/// seconds) left the WebKit process tens of MiB larger for good.
#[derive(Default)]
pub struct Paced(std::sync::Mutex<Option<std::time::Instant>>);

impl Paced {
    /// True when a message should go now (`last`: the final one always does).
    pub fn due(&self, last: bool) -> bool {
        let mut at = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        let due = last
            || at.is_none_or(|t| now.duration_since(t) >= std::time::Duration::from_millis(100));
        if due {
            *at = Some(now);
        }
        due
    }
}

/// The deadlines in effect (saved, the demo's, or none), for the watch.
pub async fn deadlines_in_effect(
    state: &AppState,
) -> CommandResult<clerkdesk_core::deadlines::Deadlines> {
    deadlines::current(state).await
}

/// The core's workflows over the open session, the unsaved edits and the activity log.
pub fn desk<'a>(state: &'a AppState, session: &'a Session) -> Desk<'a> {
    Desk::with_files(session, &state.edits, &state.activity)
}
