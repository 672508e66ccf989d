//! The Projects and Bulk screens: thin commands over `clerkdesk_core::bulk`. Sheets come
//! only from a native dialog, a drop on the window, or a file this app wrote itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clerkdesk_core::bulk::export::{export, ExportRequest};
use clerkdesk_core::bulk::history::is_results_file;
use clerkdesk_core::bulk::queue::WorkQueue;
use clerkdesk_core::bulk::screen::{BulkDraft, PreviewView, SheetView};
use clerkdesk_core::bulk::{job, RunControl, RunProgress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_notification::NotificationExt;
use tauri_plugin_opener::OpenerExt;

use super::{desk, session, Paced};
use crate::dialogs;
use crate::error::{input, CommandResult};
use crate::state::AppState;

/// Reads done of all (export, check).
#[derive(Clone, Serialize)]
pub struct Count {
    done: usize,
    total: usize,
}

/// The program's projects; `refresh` asks PowerClerk what changed since the last look.
/// `known`: the key of the queue the window holds (answered "unchanged" when still right).
#[tauri::command]
pub async fn work_queue(
    state: State<'_, AppState>,
    refresh: bool,
    known: Option<String>,
) -> CommandResult<WorkQueue> {
    let deadlines = super::deadlines::current(&state).await?;
    let s = session(&state).await?;
    let queue = s.work_queue(refresh, &deadlines, known.as_deref()).await?;
    if !queue.unchanged {
        // Every listing read goes into the status history the Overview derives moves from:
        // written beside the answer, not before it (the first time, 20,000 rows).
        let log = super::overview::status_log(&state)?;
        tauri::async_runtime::spawn(async move {
            if let Err(e) = s.observe(&log).await {
                log::info!("status history: {e}");
            }
        });
    }
    Ok(queue)
}

/// The work queue sent, what built it is given back to the system.
#[tauri::command]
pub async fn work_queue_shown() -> CommandResult<()> {
    crate::memory::give_back();
    Ok(())
}

/// Exports `form` for the chosen projects to a workbook the user names in a save dialog;
/// returns its path, or null when cancelled.
#[tauri::command]
pub async fn export_form<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: String,
    form_name: String,
    projects: Vec<String>,
    attachments: bool,
    on_progress: Channel<Count>,
) -> CommandResult<Option<String>> {
    let suggested = format!(
        "{} {}.xlsx",
        form_name,
        chrono::Local::now().format("%Y-%m-%d")
    );
    let Some(out) = dialogs::save_file(
        &app,
        "Export to Excel",
        &powerclerk_api::naming::sanitize_file_name(&suggested),
    )
    .await
    else {
        return Ok(None);
    };
    let s = session(&state).await?;
    // The files go beside the workbook, a folder per project, so that the workbook's file
    // columns point at them and it imports back as it is.
    let attachments = attachments.then(|| {
        let stem = out
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.with_file_name(format!("{stem} attachments"))
    });
    let req = ExportRequest {
        form,
        projects: Some(projects),
        out,
        attachments,
        ..Default::default()
    };
    let paced = Paced::default();
    let report = move |done, total| {
        if paced.due(done >= total) {
            let _ = on_progress.send(Count { done, total });
        }
    };
    let done = export(&desk(&state, &s), &req, &report).await?;
    state.remember_saved(&done.path);
    Ok(Some(done.path.display().to_string()))
}

async fn open_sheet(
    state: &AppState,
    path: &Path,
    worksheet: Option<&str>,
    form: &str,
) -> CommandResult<SheetView> {
    let s = session(state).await?;
    let chosen = state
        .settings()
        .bulk_mappings
        .get(form)
        .cloned()
        .unwrap_or_default();
    let (draft, view) = BulkDraft::open(&desk(state, &s), path, worksheet, form, &chosen).await?;
    *state.bulk.lock().await = Some(draft);
    Ok(view)
}

/// Step ①: a sheet chosen in an open dialog.
#[tauri::command]
pub async fn bulk_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: String,
) -> CommandResult<Option<SheetView>> {
    let exts = ["xlsx".to_string(), "csv".to_string()];
    let Some(path) = dialogs::open_file(&app, "Choose a sheet", &exts).await else {
        return Ok(None);
    };
    open_sheet(&state, &path, None, &form).await.map(Some)
}

/// Step ①: a sheet dropped on the window (by the drop's id).
#[tauri::command]
pub async fn bulk_dropped(
    state: State<'_, AppState>,
    drop_id: u64,
    form: String,
) -> CommandResult<SheetView> {
    let paths = state
        .take_drop(drop_id)
        .ok_or_else(|| input("That drop is no longer available. Drop the sheet again."))?;
    match paths.as_slice() {
        [one] => open_sheet(&state, one, None, &form).await,
        _ => Err(input("Drop one sheet at a time.")),
    }
}

/// Step ①: a sheet this app wrote (an errors file, for "Re-run failed rows").
#[tauri::command]
pub async fn bulk_reopen(
    state: State<'_, AppState>,
    path: String,
    form: String,
) -> CommandResult<SheetView> {
    let path = PathBuf::from(path);
    if !state.was_saved(&path) {
        return Err(input(
            "Clerkdesk can only reopen sheets it wrote itself; choose the sheet instead.",
        ));
    }
    open_sheet(&state, &path, None, &form).await
}

/// Step ③: checks the sheet with the user's column choices (remembered for the form).
#[tauri::command]
pub async fn bulk_check<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    submit: bool,
    chosen: HashMap<String, Option<String>>,
    on_progress: Channel<Count>,
) -> CommandResult<PreviewView> {
    let s = session(&state).await?;
    let mut guard = state.bulk.lock().await;
    let draft = guard
        .as_mut()
        .ok_or_else(|| input("Choose a sheet first."))?;
    let form = draft.form().to_string();
    let paced = Paced::default();
    let report = move |done, total| {
        if paced.due(done >= total) {
            let _ = on_progress.send(Count { done, total });
        }
    };
    let view = draft
        .check(&desk(&state, &s), submit, &chosen, &report)
        .await?;
    crate::store::update(&app, &state, |set| {
        set.bulk_mappings.insert(form, chosen);
    })
    .await;
    Ok(view)
}

/// Step ①: another worksheet of the workbook already chosen.
#[tauri::command]
pub async fn bulk_worksheet(
    state: State<'_, AppState>,
    worksheet: String,
    form: String,
) -> CommandResult<SheetView> {
    let path = state
        .bulk
        .lock()
        .await
        .as_ref()
        .map(|d| d.path().to_path_buf())
        .ok_or_else(|| input("Choose a sheet first."))?;
    open_sheet(&state, &path, Some(&worksheet), &form).await
}

/// How a run ended, for step ⑤.
#[derive(Clone, Serialize)]
pub struct BulkEnd {
    job: String,
    finished: bool,
    words: String,
    all_ok: bool,
    failed: usize,
    results: String,
    errors: Option<String>,
    restore: Option<String>,
}

use super::jobs::journal;

async fn run_job<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    id: &str,
    on_progress: Channel<RunProgress>,
) -> CommandResult<BulkEnd> {
    let s = session(state).await?;
    let control = Arc::new(RunControl::default());
    *state.bulk_control.lock().unwrap_or_else(|e| e.into_inner()) = Some(control.clone());
    let started = Instant::now();
    let paced = Paced::default();
    let report: clerkdesk_core::bulk::OnProgress = Arc::new(move |p: &RunProgress| {
        if paced.due(p.rows_done >= p.rows_total) {
            let _ = on_progress.send(p.clone());
        }
    });
    let result = job::run(&desk(state, &s), &journal(state)?, id, &control, report).await;
    *state.bulk_control.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let end = result?;
    for p in [
        Some(&end.outputs.results),
        end.outputs.errors.as_ref(),
        end.outputs.restore.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        state.remember_saved(p);
    }
    let words = end.counts.words();
    // A run someone may have walked away from: tell them it ended.
    if started.elapsed().as_secs() > 60 {
        let _ = app
            .notification()
            .builder()
            .title("Clerkdesk: bulk run ended")
            .body(&words)
            .show();
    }
    Ok(BulkEnd {
        job: end.job,
        finished: end.run.finished,
        all_ok: end.counts.all_ok(),
        failed: end.counts.failed + end.counts.skipped,
        words,
        results: end.outputs.results.display().to_string(),
        errors: end.outputs.errors.map(|p| p.display().to_string()),
        restore: end.outputs.restore.map(|p| p.display().to_string()),
    })
}

/// Step ④: runs the checked sheet (the window asked for confirmation in words first).
#[tauri::command]
pub async fn bulk_run<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_progress: Channel<RunProgress>,
) -> CommandResult<BulkEnd> {
    let s = session(&state).await?;
    let id = {
        let guard = state.bulk.lock().await;
        let draft = guard
            .as_ref()
            .ok_or_else(|| input("Choose and check a sheet first."))?;
        draft.start(&desk(&state, &s), &journal(&state)?).await?
    };
    run_job(&app, &state, &id, on_progress).await
}

/// Pause, go on, or stop the running job (`"pause"`, `"resume"`, `"cancel"`).
#[tauri::command]
pub async fn bulk_control(state: State<'_, AppState>, action: String) -> CommandResult<bool> {
    let control = state
        .bulk_control
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Some(c) = control else { return Ok(false) };
    match action.as_str() {
        "pause" => c.pause(),
        "resume" => c.resume(),
        "cancel" => c.cancel(),
        _ => return Err(input("Unknown action.")),
    }
    Ok(true)
}

/// Resumes a job (it was confirmed when it started).
#[tauri::command]
pub async fn bulk_resume<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    job: String,
    on_progress: Channel<RunProgress>,
) -> CommandResult<BulkEnd> {
    run_job(&app, &state, &job, on_progress).await
}

/// Opens a file this app wrote (a results file) in its program (Excel).
#[tauri::command]
pub async fn open_saved<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<()> {
    let path = PathBuf::from(path);
    // Files saved in this session, or a bulk run's results file recorded in the journal.
    if !state.was_saved(&path) && !is_results_file(&journal(&state)?, &path) {
        return Err(input("Clerkdesk can only open files it saved itself."));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| input(format!("Could not open the file: {e}")))
}
