//! Finding a project and a form; editing, saving and submitting it.

use std::collections::BTreeMap;

use clerkdesk_core::activity::ActivityEntry;
use clerkdesk_core::edits::{EditValue, LocalEdits};
use clerkdesk_core::workflow::{self, FormView, ProjectHeader};
use powerclerk_api::{Form, FormRef, Program};
use serde::Serialize;
use tauri::{AppHandle, State};

use super::{environment, session};
use crate::error::CommandResult;
use crate::state::AppState;
use crate::store;

/// Programs the account sees (names first; ids on demand).
#[tauri::command]
pub async fn programs(state: State<'_, AppState>) -> CommandResult<Vec<Program>> {
    let s = session(&state).await?;
    Ok(s.client.programs().await?)
}

/// Works in another program (chosen by name in the window); remembered for the connection.
#[tauri::command]
pub async fn choose_program(
    app: AppHandle,
    state: State<'_, AppState>,
    program: String,
) -> CommandResult<()> {
    let s = session(&state).await?;
    s.choose_program(&program).await;
    let settings = {
        let mut st = state.settings();
        let name = s.profile.name.clone();
        if let Some(p) = st.profiles.iter_mut().find(|p| p.name == name) {
            p.program = Some(program);
        }
        st.clone()
    };
    store::save(&app, &settings).await;
    Ok(())
}

/// Forms of the session's program.
#[tauri::command]
pub async fn forms(state: State<'_, AppState>) -> CommandResult<Vec<Form>> {
    let s = session(&state).await?;
    let program = s.program().await?;
    Ok(s.client.forms(&program).await?)
}

/// Opens a project by number and remembers it as recent.
#[tauri::command]
pub async fn open_project(
    app: AppHandle,
    state: State<'_, AppState>,
    project: String,
) -> CommandResult<ProjectHeader> {
    let project = project.trim().to_string();
    let s = session(&state).await?;
    let header = workflow::open_project(&s, &project).await?;
    let settings = {
        let mut st = state.settings();
        st.remember_project(&header.number);
        st.clone()
    };
    store::save(&app, &settings).await;
    Ok(header)
}

/// A form and any unsaved edits kept for it.
#[derive(Serialize)]
pub struct OpenedForm {
    view: FormView,
    unsaved: Option<LocalEdits>,
}

fn form_ref(program: String, project: &str, form: &str) -> FormRef {
    FormRef::new(program, project, form)
}

/// Opens a form of a project.
#[tauri::command]
pub async fn open_form(
    state: State<'_, AppState>,
    project: String,
    form: String,
) -> CommandResult<OpenedForm> {
    let s = session(&state).await?;
    let f = form_ref(s.program().await?, &project, &form);
    let view = workflow::open_form(&s.client, &f).await?;
    let unsaved = state
        .edits
        .load_async(&s.profile.name, &view.project.number, &view.form_key)
        .await;
    Ok(OpenedForm { view, unsaved })
}

/// Keeps unsaved edits on disk (called as the user types).
#[tauri::command]
pub async fn keep_edits(
    state: State<'_, AppState>,
    project: String,
    form: String,
    fields: BTreeMap<String, EditValue>,
) -> CommandResult<()> {
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
pub async fn discard_edits(
    state: State<'_, AppState>,
    project: String,
    form: String,
) -> CommandResult<()> {
    let s = session(&state).await?;
    state.set_unsaved(false);
    state
        .edits
        .remove_async(&s.profile.name, &project, &form)
        .await?;
    Ok(())
}

/// Sends the edits as one draft save. On success the local copy is dropped; on failure it
/// stays, and a validation error names its field.
#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    project: String,
    form: String,
    fields: BTreeMap<String, EditValue>,
) -> CommandResult<FormView> {
    let s = session(&state).await?;
    let f = form_ref(s.program().await?, &project, &form);
    let edits: Vec<(String, EditValue)> = fields.into_iter().collect();
    let count = edits.len();
    let result = s
        .client
        .save_draft(&f, &workflow::updates_for(&edits))
        .await;
    let entry = |result: &str, form_name: &str| {
        ActivityEntry::now(&environment(&s), &project, form_name, "Save draft", result)
    };
    match result {
        Ok(_) => {
            let view = workflow::open_form(&s.client, &f).await?;
            state
                .edits
                .remove_async(&s.profile.name, &project, &form)
                .await?;
            state.set_unsaved(false);
            let done = format!(
                "Saved {count} field{} as a draft",
                if count == 1 { "" } else { "s" }
            );
            let _ = state
                .activity
                .append_async(entry(&done, &view.form_name))
                .await;
            Ok(view)
        }
        Err(e) => {
            let message = e
                .details()
                .and_then(|d| d.server_message.clone())
                .unwrap_or_default();
            // Only the schema is needed to find the field the message names (one call, not
            // the three of re-opening the form).
            let schema = s.client.form_schema_or_infer(&f).await.ok();
            let field = schema
                .as_ref()
                .and_then(|sc| workflow::field_named_in(&message, sc));
            let form_name = schema.as_ref().map_or(form.as_str(), |sc| sc.name.as_str());
            let _ = state
                .activity
                .append_async(entry(&format!("Not saved: {e}"), form_name))
                .await;
            Err(clerkdesk_core::UiError::from(clerkdesk_core::CoreError::from(e)).for_field(field))
        }
    }
}

/// Closes the app (after the window asked about unsaved edits, which stay on disk).
#[tauri::command]
pub async fn quit_app(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    // Running transfers end first, removing their partial files.
    state.stop_transfers().await;
    app.exit(0);
    Ok(())
}

/// The outcome of a submit.
#[derive(Serialize)]
pub struct Submitted {
    project: ProjectHeader,
    /// The answer was lost and the submit was confirmed by reading the project again.
    confirmed_by_reread: bool,
}

/// Submits the form's draft (never resent: after a lost answer the project is read again).
#[tauri::command]
pub async fn submit(
    state: State<'_, AppState>,
    project: String,
    form: String,
    form_name: String,
) -> CommandResult<Submitted> {
    let s = session(&state).await?;
    let f = form_ref(s.program().await?, &project, &form);
    let result = s.client.submit(&f).await;
    let (text, out) = match result {
        Ok(o) => {
            let mut header = workflow::open_project(&s, o.project.label())
                .await
                .unwrap_or_else(|_| ProjectHeader {
                    number: o.project.label().to_string(),
                    project_id: o.project.project_id.clone(),
                    status: o.project.status_name().to_string(),
                    owner: None,
                    last_change: None,
                });
            header.status = o.project.status_name().to_string();
            (
                format!("Submitted; the project is now in {}", header.status),
                Ok(Submitted {
                    project: header,
                    confirmed_by_reread: o.confirmed_by_reread,
                }),
            )
        }
        Err(e) => (
            format!("Not submitted: {e}"),
            Err(clerkdesk_core::CoreError::from(e).into()),
        ),
    };
    let _ = state
        .activity
        .append_async(ActivityEntry::now(
            &environment(&s),
            &project,
            &form_name,
            "Submit",
            &text,
        ))
        .await;
    out
}
