//! Downloads through a native save dialog, uploads through a native open dialog or a file
//! dropped on the window, with progress over a Channel and Cancel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clerkdesk_core::activity::ActivityEntry;
use clerkdesk_core::workflow;
use powerclerk_api::{naming, CancellationToken, DataVersion, FormRef, Transfer};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::{environment, session};
use crate::dialogs;
use crate::error::{input, CommandResult};
use crate::state::AppState;

/// Progress of a transfer, sent as bytes move.
#[derive(Clone, Serialize)]
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

/// Where a finished transfer ended.
#[derive(Serialize)]
pub struct TransferDone {
    /// The saved or uploaded file.
    path: String,
    /// Its name.
    name: String,
    /// Bytes moved.
    bytes: u64,
    /// True when the upload's answer was lost and PowerClerk was asked again.
    confirmed_by_reread: bool,
}

fn transfer(
    state: &AppState,
    channel: Channel<TransferEvent>,
    name: &str,
) -> (u64, Transfer, CancellationToken) {
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
    let progress: powerclerk_api::ProgressFn = Arc::new(move |done, total| {
        let _ = channel.send(TransferEvent::Progress { id, done, total });
    });
    (
        id,
        Transfer {
            progress: Some(progress),
            cancel: Some(cancel.clone()),
        },
        cancel,
    )
}

fn finish(state: &AppState, id: u64) {
    state.end_transfer(id);
}

/// Downloads an attachment to where the user chooses in a save dialog (suggesting the safe
/// version of the file's name). Returns null when the user cancelled the dialog.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn download(
    app: AppHandle,
    state: State<'_, AppState>,
    project: String,
    form: String,
    form_name: String,
    attachment: String,
    file_name: String,
    draft: bool,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<Option<TransferDone>> {
    let s = session(&state).await?;
    let suggested = naming::sanitize_file_name(&file_name);
    let Some(dest) = dialogs::save_file(&app, "Save attachment", &suggested).await else {
        return Ok(None);
    };
    let f = FormRef::new(s.program().await?, &project, &form);
    let (id, t, _) = transfer(&state, on_progress, &suggested);
    let version = if draft {
        DataVersion::Draft
    } else {
        DataVersion::Submitted
    };
    let result = s
        .client
        .download_to_path(&f, &attachment, version, &dest, &t)
        .await
        .map_err(clerkdesk_core::UiError::from);
    finish(&state, id);
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = match &result {
        Ok(bytes) => format!("Saved {name} ({bytes} bytes)"),
        Err(e) => format!("Not saved: {}", e.message),
    };
    let _ = state
        .activity
        .append_async(ActivityEntry::now(
            &environment(&s),
            &project,
            &form_name,
            "Download",
            &text,
        ))
        .await;
    let bytes = result?;
    state
        .saved
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dest.clone());
    Ok(Some(TransferDone {
        path: dest.display().to_string(),
        name,
        bytes,
        confirmed_by_reread: false,
    }))
}

async fn upload_path(
    state: &AppState,
    project: &str,
    form: &str,
    form_name: &str,
    attachment: &str,
    path: &Path,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<TransferDone> {
    let s = session(state).await?;
    let f = FormRef::new(s.program().await?, project, form);
    let def = workflow::attachment_definition(&s.client, &f, attachment).await?;
    // Wrong type or too large: refused before anything is sent.
    workflow::check_upload(path, &def)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, t, _) = transfer(state, on_progress, &name);
    let result = s.client.upload(&f, attachment, path, &t).await;
    finish(state, id);
    let text = match &result {
        Ok(o) => format!(
            "Uploaded {name} to {} ({} bytes; a draft until submitted)",
            def.name, o.bytes
        ),
        Err(e) => format!("Not uploaded: {e}"),
    };
    let _ = state
        .activity
        .append_async(ActivityEntry::now(
            &environment(&s),
            project,
            form_name,
            "Upload",
            &text,
        ))
        .await;
    let o = result.map_err(clerkdesk_core::CoreError::from)?;
    Ok(TransferDone {
        path: path.display().to_string(),
        name,
        bytes: o.bytes,
        confirmed_by_reread: o.confirmed_by_reread,
    })
}

/// Uploads a file the user picks in an open dialog filtered to the allowed extensions.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn upload_with_dialog(
    app: AppHandle,
    state: State<'_, AppState>,
    project: String,
    form: String,
    form_name: String,
    attachment: String,
    extensions: Vec<String>,
    on_progress: Channel<TransferEvent>,
) -> CommandResult<Option<TransferDone>> {
    let Some(path) = dialogs::open_file(&app, "Choose a file to upload", &extensions).await else {
        return Ok(None);
    };
    upload_path(
        &state,
        &project,
        &form,
        &form_name,
        &attachment,
        &path,
        on_progress,
    )
    .await
    .map(Some)
}

/// Uploads a file that was dropped on the window (by the drop's id: the webview never
/// names a path).
#[tauri::command]
pub async fn upload_dropped(
    state: State<'_, AppState>,
    drop_id: u64,
    project: String,
    form: String,
    form_name: String,
    attachment: String,
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
    upload_path(
        &state,
        &project,
        &form,
        &form_name,
        &attachment,
        &path,
        on_progress,
    )
    .await
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
pub async fn show_in_folder(state: State<'_, AppState>, path: String) -> CommandResult<()> {
    let path = PathBuf::from(path);
    if !state
        .saved
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&path)
    {
        return Err(input("Clerkdesk can only show files it saved itself."));
    }
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
            .arg("-R")
            .arg(&path)
            .spawn()
    } else if cfg!(target_os = "windows") {
        std::process::Command::new("explorer")
            .arg(format!("/select,{}", path.display()))
            .spawn()
    } else {
        std::process::Command::new("xdg-open")
            .arg(path.parent().unwrap_or(Path::new(".")))
            .spawn()
    };
    result
        .map(|_| ())
        .map_err(|e| input(format!("Could not open the folder: {e}")))
}
