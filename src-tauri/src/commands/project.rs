//! Finding a project and a form; editing, saving and submitting it.

use std::collections::BTreeMap;

use clerkdesk_core::edits::{EditValue, LocalEdits};
use clerkdesk_core::workflow::{
    self, FormSummary, OpenedForm, ProgramView, ProjectHeader, Submitted,
};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::{desk, session};
use crate::error::CommandResult;
use crate::state::AppState;
use crate::store;

/// Programs the account sees (names first; ids on demand).
#[tauri::command]
pub async fn programs(state: State<'_, AppState>) -> CommandResult<Vec<ProgramView>> {
    let s = session(&state).await?;
    Ok(s.client
        .programs()
        .await?
        .iter()
        .map(ProgramView::from)
        .collect())
}

/// Works in another program (chosen by name in the window); remembered for the connection.
#[tauri::command]
pub async fn choose_program<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    program: String,
) -> CommandResult<()> {
    let s = session(&state).await?;
    s.choose_program(&program).await;
    let name = s.profile.name.clone();
    store::update(&app, &state, |st| {
        if let Some(p) = st.profiles.iter_mut().find(|p| p.name == name) {
            p.program = Some(program);
        }
    })
    .await;
    Ok(())
}

/// Forms of the session's program; null when the server cannot list them (then form ids
/// are typed).
#[tauri::command]
pub async fn forms(state: State<'_, AppState>) -> CommandResult<Option<Vec<FormSummary>>> {
    let s = session(&state).await?;
    Ok(desk(&state, &s).form_summaries().await?)
}

/// Opens a project by number and remembers it as recent.
#[tauri::command]
pub async fn open_project<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    project: String,
) -> CommandResult<ProjectHeader> {
    let project = project.trim().to_string();
    let s = session(&state).await?;
    let header = workflow::open_project(&s, &project).await?;
    store::update(&app, &state, |st| st.remember_project(&header.number)).await;
    Ok(header)
}

/// A form of a project: what the form commands are about.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormTarget {
    /// Project number (or id).
    project: String,
    /// Form key (custom id or id).
    form: String,
}

/// Opens a form of a project, with any unsaved edits kept for it.
#[tauri::command]
pub async fn open_form(
    state: State<'_, AppState>,
    target: FormTarget,
) -> CommandResult<OpenedForm> {
    let s = session(&state).await?;
    Ok(desk(&state, &s)
        .open_form(&target.project, &target.form)
        .await?)
}

/// Keeps unsaved edits on disk (called as the user types).
#[tauri::command]
pub async fn keep_edits(
    state: State<'_, AppState>,
    target: FormTarget,
    fields: BTreeMap<String, EditValue>,
) -> CommandResult<()> {
    let FormTarget { project, form } = target;
    let s = session(&state).await?;
    state.set_unsaved(!fields.is_empty());
    state
        .edits
        .save_async(LocalEdits {
            profile: s.profile.name.clone(),
            project,
            form,
            updated_at: String::new(),
            fields,
        })
        .await?;
    Ok(())
}

/// Forgets the unsaved edits of a form.
#[tauri::command]
pub async fn discard_edits(state: State<'_, AppState>, target: FormTarget) -> CommandResult<()> {
    let FormTarget { project, form } = target;
    let s = session(&state).await?;
    state.set_unsaved(false);
    state
        .edits
        .remove_async(&s.profile.name, &project, &form)
        .await?;
    Ok(())
}

/// Sends the edits as one draft save (the core drops the local copy on success and names
/// the refused field on failure).
#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    target: FormTarget,
    fields: BTreeMap<String, EditValue>,
) -> CommandResult<OpenedForm> {
    let s = session(&state).await?;
    let saved = desk(&state, &s)
        .save_draft(&target.project, &target.form, fields)
        .await?;
    state.set_unsaved(false);
    Ok(saved)
}

/// Closes the app (after the window asked about unsaved edits, which stay on disk).
#[tauri::command]
pub async fn quit_app<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<()> {
    // Running transfers end first, removing their partial files.
    state.stop_transfers().await;
    app.exit(0);
    Ok(())
}

/// Submits the form's draft (never resent: after a lost answer the project is read again).
#[tauri::command]
pub async fn submit(state: State<'_, AppState>, target: FormTarget) -> CommandResult<Submitted> {
    let s = session(&state).await?;
    Ok(desk(&state, &s)
        .submit(&target.project, &target.form)
        .await?)
}
