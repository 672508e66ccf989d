//! What the window and the CLI show: views built here from PowerClerk's models, so that
//! neither front end reads PowerClerk's own shapes.

use powerclerk_api::{AttachmentInfo, DataField, FieldType, ProjectSummary};
use serde::Serialize;
use ts_rs::TS;

use crate::edits::EditValue;

/// A project as the header shows it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
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
    /// The header of a project summary.
    pub fn from(p: &ProjectSummary) -> Self {
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
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
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
    #[ts(type = "string")]
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
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
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
    pub fn from_definition(a: &powerclerk_api::AttachmentDefinition) -> Self {
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
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct FileView {
    /// As PowerClerk has it.
    pub name: String,
    /// Bytes, when known.
    pub size: Option<u64>,
}

/// A form, ready to render.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
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

/// A field's value as an edit value.
pub fn value_of(f: Option<&DataField>) -> Option<EditValue> {
    let f = f?;
    match (&f.value, &f.values) {
        (_, Some(vs)) => Some(EditValue::Multi(vs.clone())),
        (Some(v), None) => Some(EditValue::Single(v.clone())),
        (None, None) => None,
    }
}

/// An attachment's file, if one is stored.
pub fn file_of(a: Option<&AttachmentInfo>) -> Option<FileView> {
    let a = a?;
    Some(FileView {
        name: a.file_name.clone()?,
        size: a.file_size,
    })
}

/// A program, as the program picker shows it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct ProgramView {
    /// Program id (what calls use).
    pub id: String,
    /// Its name.
    pub name: String,
}

impl From<&powerclerk_api::Program> for ProgramView {
    fn from(p: &powerclerk_api::Program) -> Self {
        Self {
            id: p.program_id.clone(),
            name: program_name(p),
        }
    }
}

/// A program's name as people see it: its id when PowerClerk gave no name (never a blank).
pub fn program_name(p: &powerclerk_api::Program) -> String {
    if p.name.trim().is_empty() {
        format!("Program {}", p.program_id)
    } else {
        p.name.clone()
    }
}

/// A form of the program, as the form tabs show it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct FormSummary {
    /// Custom id, or id (what calls use).
    pub key: String,
    /// Its name.
    pub name: String,
    /// Statuses in which it can be submitted (empty: not known).
    pub available_in: Vec<String>,
    /// The status a submit moves the project to, when known.
    pub leads_to: Option<String>,
}

impl FormSummary {
    /// Whether the form can be submitted while the project is in `status` (true when the
    /// server does not say where it can).
    pub fn submittable_in(&self, status: &str) -> bool {
        self.available_in.is_empty() || self.available_in.iter().any(|s| s == status)
    }
}

impl From<&powerclerk_api::Form> for FormSummary {
    fn from(f: &powerclerk_api::Form) -> Self {
        Self {
            key: f.custom_id.clone().unwrap_or(f.form_id.clone()),
            name: f.name.clone(),
            available_in: f
                .available_in_statuses
                .iter()
                .map(|s| s.name.clone())
                .collect(),
            leads_to: f.leads_to_status.as_ref().map(|s| s.name.clone()),
        }
    }
}

/// Whether a form's draft can be submitted now, and if not, why — in words.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct SubmitCheck {
    /// The draft is complete and the project is in a status where the form is submitted.
    pub allowed: bool,
    /// The project's status lets the form be submitted (whatever the draft's completeness).
    pub status_ok: bool,
    /// Why not, when it is not.
    pub reason: Option<String>,
    /// The status a submit moves the project to, when known.
    pub leads_to: Option<String>,
    /// Why no file can be uploaded to this form any more (its attachments' rows say it,
    /// and drops are refused with it); `None` while uploads can be taken.
    pub upload_blocked: Option<String>,
}

/// Why an upload into a form is refused once the project's status no longer lets anyone
/// submit it: the one sentence the attachment rows, drops and the upload itself say.
pub fn upload_closed(form_name: &str, status: &str) -> String {
    format!(
        "{form_name} can no longer be submitted (the project is in {status}), so an uploaded file would stay an unsubmitted draft."
    )
}

impl SubmitCheck {
    /// The check for a form view, given what the form list says of the form.
    pub fn of(view: &FormView, summary: Option<&FormSummary>) -> Self {
        let status = &view.project.status;
        let wrong_status = summary.filter(|f| !f.submittable_in(status)).map(|f| {
            format!(
                "{} can be submitted only in {}; the project is in {status}.",
                view.form_name,
                f.available_in.join(" or ")
            )
        });
        let status_ok = wrong_status.is_none();
        let upload_blocked = (!status_ok).then(|| upload_closed(&view.form_name, status));
        let reason = wrong_status
            .or_else(|| (!view.can_submit).then(|| "The form is not complete yet.".to_string()));
        Self {
            allowed: reason.is_none(),
            status_ok,
            reason,
            leads_to: summary.and_then(|f| f.leads_to.clone()),
            upload_blocked,
        }
    }
}

/// The outcome of a submit.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct Submitted {
    /// The project after the submit (its new status).
    pub project: ProjectHeader,
    /// The answer was lost and the submit was confirmed by reading the project again.
    pub confirmed_by_reread: bool,
}

/// Where a finished transfer ended.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct TransferDone {
    /// The saved or uploaded file.
    pub path: String,
    /// Its name.
    pub name: String,
    /// Bytes moved.
    pub bytes: u64,
    /// True when the upload's answer was lost and PowerClerk was asked again.
    pub confirmed_by_reread: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_without_a_name_is_shown_by_its_id() {
        let p = |name: &str| powerclerk_api::Program {
            program_id: "M5JGHPZK7GFC".into(),
            custom_id: None,
            name: name.into(),
        };
        assert_eq!(program_name(&p("Sunny Valley")), "Sunny Valley");
        assert_eq!(program_name(&p("  ")), "Program M5JGHPZK7GFC");
        assert_eq!(ProgramView::from(&p("")).name, "Program M5JGHPZK7GFC");
    }
}
