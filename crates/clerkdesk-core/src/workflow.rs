//! The single-project workflow the window offers: open a project, open one of its forms
//! (schema + submitted + draft, merged into one view), save edits as a draft, submit,
//! check an upload before sending. The shell turns these into commands.

use std::path::Path;

use powerclerk_api::{
    AttachmentInfo, Client, DataField, DataVersion, FieldType, FieldUpdate, FormRef, FormSchema,
    ProjectSummary, SchemaSource,
};
use serde::Serialize;

use crate::edits::EditValue;
use crate::error::CoreError;

/// Largest upload Clerkdesk sends. PowerClerk's real limit is not documented; the
/// simulator's default (contract D3) is used, so that a too-large file is refused before a
/// long transfer rather than after it.
pub const MAX_UPLOAD_BYTES: u64 = 50 * 1024 * 1024;

/// A project as the header shows it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ProjectHeader {
    /// Number, or id when never submitted.
    pub number: String,
    /// Generated id (shown on demand only).
    pub project_id: String,
    /// Current status name.
    pub status: String,
    /// Owner's name.
    pub owner: Option<String>,
    /// Last change, RFC 3339.
    pub last_change: Option<String>,
}

impl ProjectHeader {
    fn from(p: &ProjectSummary) -> Self {
        Self {
            number: p.label().to_string(),
            project_id: p.project_id.clone(),
            status: p.status_name().to_string(),
            owner: p
                .project_owner
                .as_ref()
                .and_then(|o| o.name.clone().or(o.email.clone())),
            last_change: p.last_change_timestamp.map(|t| t.to_rfc3339()),
        }
    }
}

/// One field of the form view.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FieldView {
    /// The id used to save it (custom id when there is one).
    pub key: String,
    /// Generated id.
    pub data_field_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Input type (`Text` when unknown).
    pub r#type: FieldType,
    /// Needed before submitting.
    pub required: bool,
    /// Allowed texts of choice fields.
    pub choices: Option<Vec<String>>,
    /// Table rows.
    pub repeating: bool,
    /// What PowerClerk has as submitted.
    pub submitted: Option<EditValue>,
    /// The draft's value (equal to submitted when there is no draft).
    pub draft: Option<EditValue>,
}

/// One attachment definition of the form view.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AttachmentView {
    /// The id used to address it (custom id when there is one).
    pub key: String,
    /// Generated id.
    pub attachment_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Needed before submitting.
    pub required: bool,
    /// Allowed extensions (lower case, no dot); empty means any.
    pub allowed_extensions: Vec<String>,
    /// Submitted file's name and size.
    pub submitted_file: Option<FileView>,
    /// Draft file's name and size (equal to submitted when there is no draft upload).
    pub draft_file: Option<FileView>,
}

impl AttachmentView {
    /// The definition alone, without its files.
    fn from_definition(a: &powerclerk_api::AttachmentDefinition) -> Self {
        Self {
            key: a.custom_id.clone().unwrap_or(a.attachment_id.clone()),
            attachment_id: a.attachment_id.clone(),
            custom_id: a.custom_id.clone(),
            name: a.name.clone(),
            required: a.required,
            // Compared with file extensions: lower case, without the dot.
            allowed_extensions: a
                .allowed_extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            submitted_file: None,
            draft_file: None,
        }
    }
}

/// A stored file.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FileView {
    /// As PowerClerk has it.
    pub name: String,
    /// Bytes, when known.
    pub size: Option<u64>,
}

/// A form, ready to render.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FormView {
    /// The project.
    pub project: ProjectHeader,
    /// Form key (custom id or id) used for calls.
    pub form_key: String,
    /// Form name.
    pub form_name: String,
    /// False in the D7 fallback (every field is text).
    pub typed: bool,
    /// Fields in form order.
    pub fields: Vec<FieldView>,
    /// Attachment definitions.
    pub attachments: Vec<AttachmentView>,
    /// Whether the draft is complete enough to submit.
    pub can_submit: bool,
}

fn value_of(f: Option<&DataField>) -> Option<EditValue> {
    let f = f?;
    match (&f.value, &f.values) {
        (_, Some(vs)) => Some(EditValue::Multi(vs.clone())),
        (Some(v), None) => Some(EditValue::Single(v.clone())),
        (None, None) => None,
    }
}

fn file_of(a: Option<&AttachmentInfo>) -> Option<FileView> {
    let a = a?;
    Some(FileView {
        name: a.file_name.clone()?,
        size: a.file_size,
    })
}

/// Reads the project's header: status and last change from the first form's data, the
/// owner from the project list.
pub async fn open_project(
    session: &crate::Session,
    project: &str,
) -> Result<ProjectHeader, CoreError> {
    let program = session.program().await?;
    let client = &session.client;
    let forms = client.forms(&program).await?;
    let first = forms
        .first()
        .map(|f| f.custom_id.clone().unwrap_or(f.form_id.clone()))
        .ok_or_else(|| CoreError::Input("This program has no forms.".into()))?;
    let data = client
        .project_data(
            &FormRef::new(&program, project, first),
            DataVersion::Submitted,
        )
        .await?;
    let mut header = ProjectHeader::from(&data.project);
    header.owner = session.owner_of(&program, project).await;
    Ok(header)
}

/// Opens a form: schema (or the D7 fallback), submitted data and draft, merged.
pub async fn open_form(client: &Client, form: &FormRef) -> Result<FormView, CoreError> {
    let schema: FormSchema = client.form_schema_or_infer(form).await?;
    let submitted = client.project_data(form, DataVersion::Submitted).await?;
    let draft = client.project_data(form, DataVersion::Draft).await?;
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
    Ok(FormView {
        project: ProjectHeader::from(&draft.project),
        form_key: schema.custom_id.clone().unwrap_or(form.form.clone()),
        form_name: schema.name.clone(),
        typed: schema.source == SchemaSource::Server,
        fields,
        attachments,
        can_submit: draft.can_submit,
    })
}

/// The draft save for a set of edits.
pub fn updates_for(edits: &[(String, EditValue)]) -> Vec<FieldUpdate> {
    edits
        .iter()
        .map(|(k, v)| match v {
            EditValue::Single(s) => FieldUpdate::value(k, s),
            EditValue::Multi(vs) => FieldUpdate::values(k, vs.clone()),
        })
        .collect()
}

/// The field a server message names (by custom id, id or name), for showing a validation
/// error next to it.
pub fn field_named_in(message: &str, schema: &FormSchema) -> Option<String> {
    let by = |pick: &dyn Fn(&powerclerk_api::FieldDefinition) -> Option<&str>| {
        schema
            .data_fields
            .iter()
            .filter_map(|f| pick(f).map(|s| (f, s)))
            .filter(|(_, s)| !s.is_empty() && message.contains(*s))
            .max_by_key(|(_, s)| s.len())
            .map(|(f, _)| f.custom_id.clone().unwrap_or(f.data_field_id.clone()))
    };
    by(&|f| f.custom_id.as_deref())
        .or_else(|| by(&|f| Some(f.data_field_id.as_str())))
        .or_else(|| by(&|f| Some(f.name.as_str())))
}

/// Checks a file against the attachment definition before anything is sent.
pub fn check_upload(path: &Path, attachment: &AttachmentView) -> Result<u64, CoreError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CoreError::Input(format!("Could not read {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(CoreError::Input(format!(
            "{} is a folder, not a file.",
            path.display()
        )));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !attachment.allowed_extensions.is_empty() && !attachment.allowed_extensions.contains(&ext) {
        let allowed = attachment
            .allowed_extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ");
        let what = if ext.is_empty() {
            "a file without an extension".to_string()
        } else {
            format!("a .{ext} file")
        };
        return Err(CoreError::Input(format!(
            "{} accepts only {allowed} files; this is {what}. Choose a {allowed} file.",
            attachment.name
        )));
    }
    if meta.len() > MAX_UPLOAD_BYTES {
        return Err(CoreError::Input(format!(
            "The file is {:.1} MB; PowerClerk accepts at most {} MB. Make it smaller and try again.",
            meta.len() as f64 / 1_048_576.0,
            MAX_UPLOAD_BYTES / 1_048_576
        )));
    }
    Ok(meta.len())
}

/// One attachment definition of a form (one call: the schema, or the D7 fallback).
pub async fn attachment_definition(
    client: &Client,
    form: &FormRef,
    key: &str,
) -> Result<AttachmentView, CoreError> {
    let schema = client.form_schema_or_infer(form).await?;
    schema
        .attachments
        .iter()
        .find(|a| a.attachment_id == key || a.custom_id.as_deref() == Some(key))
        .map(AttachmentView::from_definition)
        .ok_or_else(|| CoreError::Input(format!("The form has no attachment \"{key}\".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sld() -> AttachmentView {
        AttachmentView {
            key: "SINGLE_LINE_DIAGRAM".into(),
            attachment_id: "X".into(),
            custom_id: Some("SINGLE_LINE_DIAGRAM".into()),
            name: "Single line diagram".into(),
            required: true,
            allowed_extensions: vec!["pdf".into()],
            submitted_file: None,
            draft_file: None,
        }
    }

    #[test]
    fn uploads_are_checked_before_sending() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("Plan.PDF");
        std::fs::write(&ok, b"%PDF").unwrap();
        assert_eq!(check_upload(&ok, &sld()).unwrap(), 4);

        let exe = dir.path().join("setup.exe");
        std::fs::write(&exe, b"MZ").unwrap();
        let e = check_upload(&exe, &sld()).unwrap_err().to_string();
        assert!(
            e.contains("accepts only .pdf files; this is a .exe file"),
            "{e}"
        );

        let big = dir.path().join("huge.pdf");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_UPLOAD_BYTES + 1)
            .unwrap();
        let e = check_upload(&big, &sld()).unwrap_err().to_string();
        assert!(e.contains("at most 50 MB"), "{e}");

        assert!(check_upload(dir.path(), &sld()).is_err());
        assert!(check_upload(&dir.path().join("missing.pdf"), &sld()).is_err());
    }

    #[test]
    fn server_messages_point_at_their_field() {
        let field = |key: &str, name: &str| powerclerk_api::FieldDefinition {
            data_field_id: format!("ID{key}"),
            custom_id: Some(key.into()),
            name: name.into(),
            ..Default::default()
        };
        let schema = FormSchema {
            data_fields: vec![
                field("HCA_RESULTS", "HCA results"),
                field("STUDY_DATE", "Study date"),
            ],
            ..Default::default()
        };
        assert_eq!(
            field_named_in("Study date (STUDY_DATE): bad", &schema).as_deref(),
            Some("STUDY_DATE")
        );
        assert_eq!(
            field_named_in("HCA results is wrong", &schema).as_deref(),
            Some("HCA_RESULTS")
        );
        assert_eq!(
            field_named_in("IDSTUDY_DATE is wrong", &schema).as_deref(),
            Some("STUDY_DATE")
        );
        assert_eq!(field_named_in("something else", &schema), None);
    }
}
