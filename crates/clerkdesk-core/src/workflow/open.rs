//! Reading: a project's header and a form's view (schema + submitted + draft, merged).

use powerclerk_api::{
    Client, DataVersion, FieldType, FormRef, FormSchema, ProjectSummary, SchemaSource,
};

use serde::Serialize;
use ts_rs::TS;

use super::views::{
    file_of, value_of, AttachmentView, FieldView, FormSummary, FormView, ProjectHeader, SubmitCheck,
};
use super::Desk;
use crate::edits::LocalEdits;
use crate::error::CoreError;

/// A form and any unsaved edits kept for it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct OpenedForm {
    /// The form.
    pub view: FormView,
    /// Whether it can be submitted now, and why not.
    pub submit: SubmitCheck,
    /// Edits made earlier and not yet saved to PowerClerk, to offer back.
    pub unsaved: Option<LocalEdits>,
}

impl Desk<'_> {
    /// Opens a form of a project, with any unsaved edits kept for it.
    pub async fn open_form(&self, project: &str, form: &str) -> Result<OpenedForm, CoreError> {
        let f = self.form_ref(project, form).await?;
        let (view, seen) = read_form(&self.session.client, &f).await?;
        self.session.note_project(&seen).await;
        let submit = self.submit_check(&view).await;
        let unsaved = match self.edits {
            Some(store) => {
                store
                    .load_async(
                        &self.session.profile.name,
                        &view.project.number,
                        &view.form_key,
                    )
                    .await
            }
            None => None,
        };
        Ok(OpenedForm {
            view,
            submit,
            unsaved,
        })
    }

    /// Whether the form in `view` can be submitted now (status from the form list, which
    /// is read once per program).
    pub async fn submit_check(&self, view: &FormView) -> SubmitCheck {
        let summary = self.form_summary(&view.form_key).await.ok().flatten();
        SubmitCheck::of(view, summary.as_ref())
    }

    /// What the form list says of the form `key`; `None` when the server has no list or the
    /// form is not in it.
    pub async fn form_summary(&self, key: &str) -> Result<Option<FormSummary>, CoreError> {
        Ok(self
            .form_summaries()
            .await?
            .and_then(|all| all.into_iter().find(|f| f.key == key)))
    }

    /// The program's forms for the tabs; `None` when the server cannot list them.
    pub async fn form_summaries(&self) -> Result<Option<Vec<FormSummary>>, CoreError> {
        Ok(self
            .session
            .forms()
            .await?
            .map(|forms| forms.iter().map(FormSummary::from).collect()))
    }
}

/// Reads the project's header (number, status, owner, last change) from the program's
/// listing, which costs no call while it is fresh. A project the listing does not hold (or
/// a listing PowerClerk refuses) is read directly, so that PowerClerk's own words say
/// when there is no such project.
pub async fn open_project(
    session: &crate::Session,
    project: &str,
) -> Result<ProjectHeader, CoreError> {
    if let Ok(Some(listed)) = session.listed_project(project).await {
        return Ok(ProjectHeader::from(&listed));
    }
    let program = session.program().await?;
    let first = session
        .forms()
        .await?
        .and_then(|forms| forms.into_iter().next())
        .map(|f| f.custom_id.unwrap_or(f.form_id))
        .ok_or_else(|| CoreError::Input("This program has no forms.".into()))?;
    let data = session
        .client
        .project_data(
            &FormRef::new(&program, project, first),
            DataVersion::Submitted,
        )
        .await?;
    Ok(ProjectHeader::from(&data.project))
}

/// Opens a form: schema (or the D7 fallback), submitted data and draft, merged.
pub async fn open_form(client: &Client, form: &FormRef) -> Result<FormView, CoreError> {
    Ok(read_form(client, form).await?.0)
}

/// Opens a form, with what the draft read said of its project (for the listing).
async fn read_form(
    client: &Client,
    form: &FormRef,
) -> Result<(FormView, ProjectSummary), CoreError> {
    // Three independent reads, sent together (the limiter lets a burst through at once).
    let (schema, submitted, draft) = tokio::join!(
        client.form_schema_or_infer(form),
        client.project_data(form, DataVersion::Submitted),
        client.project_data(form, DataVersion::Draft),
    );
    let (schema, submitted, draft): (FormSchema, _, _) = (schema?, submitted?, draft?);
    let fields = schema
        .data_fields
        .iter()
        .map(|d| {
            let key = d.custom_id.clone().unwrap_or(d.data_field_id.clone());
            FieldView {
                key: key.clone(),
                data_field_id: d.data_field_id.clone(),
                custom_id: d.custom_id.clone(),
                name: d.name.clone(),
                r#type: match d.r#type {
                    FieldType::Other => FieldType::Text,
                    t => t,
                },
                required: d.required,
                choices: d.choices.clone(),
                repeating: d.repeating,
                submitted: value_of(submitted.field(&d.data_field_id)),
                draft: value_of(draft.field(&d.data_field_id)),
            }
        })
        .collect();
    let attachments = schema
        .attachments
        .iter()
        .map(|a| AttachmentView {
            submitted_file: file_of(submitted.attachment(&a.attachment_id)),
            draft_file: file_of(draft.attachment(&a.attachment_id)),
            ..AttachmentView::from_definition(a)
        })
        .collect();
    let view = FormView {
        project: ProjectHeader::from(&draft.project),
        form_key: schema.custom_id.clone().unwrap_or(form.form.clone()),
        form_name: schema.name.clone(),
        typed: schema.source == SchemaSource::Server,
        fields,
        attachments,
        can_submit: draft.can_submit,
    };
    Ok((view, draft.project))
}
