//! Downloads through a native save dialog, uploads through a native open dialog or a file
//! dropped on the window, with progress over a Channel and Cancel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clerkdesk_core::workflow::{Destination, TransferDone};
use powerclerk_api::{naming, CancellationToken, DataVersion, Transfer};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use super::{desk, session};
use crate::dialogs;
use crate::error::{input, CommandResult};
use crate::state::AppState;

/// Progress of a transfer, sent as bytes move.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum TransferEvent {
    /// The transfer has an id (for Cancel) and is starting.
    Started { id: u64, name: String },
    /// Bytes done of total.
    Progress {
        id: u64,
        done: u64,
        total: Option<u64>,
    },
}

fn transfer(state: &AppState, channel: Channel<TransferEvent>, name: &str) -> (u64, Transfer) {
    let id = state.next_id();
    let cancel = CancellationToken::new();
    state
        .transfers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, cancel.clone());
    let _ = channel.send(TransferEvent::Started {
        id,
        name: name.to_string(),
    });
    let progress = super::for_webview(Arc::new(move |done, total| {
        let _ = channel.send(TransferEvent::Progress { id, done, total });
    }));
    (
        id,
        Transfer {
            progress: Some(progress),
            cancel: Some(cancel),
        },
    )
}

fn finish(state: &AppState, id: u64) {
    state.end_transfer(id);
}

/// The attachment a transfer is about.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentTarget {
    project: String,
    form: String,
    attachment: String,
}

/// What to download.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadOptions {
    #[serde(flatten)]
    target: AttachmentTarget,
    /// The file's name as PowerClerk has it (made safe before it is suggested).
    file_name: String,
    /// The draft's file instead of the submitted one.
    draft: bool,
}

/// Downloads an attachment to where the user chooses in a save dialog (suggesting the safe
/// version of the file's name). Returns null when the user cancelled the dialog.
#[tauri::command]
pub async fn download<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    options: DownloadOptions,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<Option<TransferDone>> {
    let s = session(&state).await?;
    let DownloadOptions {
        target:
            AttachmentTarget {
                project,
                form,
                attachment,
            },
        file_name,
        draft,
    } = options;
    let suggested = naming::sanitize_file_name(&file_name);
    // Straight into Downloads when the user chose so (and it exists), else the save dialog.
    let straight = state.settings().downloads_without_asking;
    let to = match straight.then(|| dialogs::start_folder(&app)).flatten() {
        Some(folder) => Destination::Folder(folder),
        None => match dialogs::save_file(&app, "Save attachment", &suggested).await {
            Some(dest) => Destination::Path(dest),
            None => return Ok(None),
        },
    };
    let version = if draft {
        DataVersion::Draft
    } else {
        DataVersion::Submitted
    };
    let (id, t) = transfer(&state, on_progress, &suggested);
    let result = desk(&state, &s)
        .download(&project, &form, &attachment, version, &to, &t)
        .await;
    finish(&state, id);
    let done = result?;
    state.remember_saved(Path::new(&done.path));
    Ok(Some(done))
}

async fn upload_path(
    state: &AppState,
    target: &AttachmentTarget,
    path: &Path,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<TransferDone> {
    let s = session(state).await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, t) = transfer(state, on_progress, &name);
    let result = desk(state, &s)
        .upload(&target.project, &target.form, &target.attachment, path, &t)
        .await;
    finish(state, id);
    Ok(result?)
}

/// Uploads a file the user picks in an open dialog filtered to the allowed extensions.
#[tauri::command]
pub async fn upload_with_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    options: AttachmentTarget,
    extensions: Vec<String>,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<Option<TransferDone>> {
    let Some(path) = dialogs::open_file(&app, "Choose a file to upload", &extensions).await else {
        return Ok(None);
    };
    upload_path(&state, &options, &path, on_progress)
        .await
        .map(Some)
}

/// Uploads a file that was dropped on the window (by the drop's id: the webview never
/// names a path).
#[tauri::command]
pub async fn upload_dropped(
    state: State<'_, AppState>,
    drop_id: u64,
    options: AttachmentTarget,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<TransferDone> {
    let paths = state
        .take_drop(drop_id)
        .ok_or_else(|| input("That drop is no longer available. Drop the file again."))?;
    let path: PathBuf = match paths.as_slice() {
        [one] => one.clone(),
        [] => return Err(input("Nothing was dropped.")),
        _ => return Err(input("Drop one file at a time.")),
    };
    upload_path(&state, &options, &path, on_progress).await
}

/// Cancels a running transfer.
#[tauri::command]
pub async fn cancel_transfer(state: State<'_, AppState>, id: u64) -> CommandResult<bool> {
    let token = state
        .transfers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .cloned();
    Ok(token.map(|t| t.cancel()).is_some())
}

/// Shows a file this app saved in the system's file manager.
#[tauri::command]
pub async fn show_in_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<()> {
    let path = PathBuf::from(path);
    if !state.was_saved(&path) {
        return Err(input("Clerkdesk can only show files it saved itself."));
    }
    // tauri-plugin-opener selects the file in Explorer, Finder or the Linux file manager
    // (spaces and all), which hand-built commands did not.
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| input(format!("Could not show the file in its folder: {e}")))
}
