//! Typed requests and responses (contract sections 4–5 and D5–D14). The readers see answers
//! already rewritten into the documented form by [`crate::wire`] (PascalCase, values as
//! text); every field tolerates being missing or null, and unknown keys are ignored, so that
//! the client keeps working when the real service adds or omits something. Ids are matched
//! without regard to letter case ([`crate::decisions::same_id`]).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::decisions::same_id;

/// True when `id` is the generated or the custom id, in any letter case.
fn either_id(generated: &str, custom: Option<&str>, id: &str) -> bool {
    same_id(generated, id) || custom.is_some_and(|c| same_id(c, id))
}

/// An ISO-8601 timestamp with offset (0–7 fraction digits accepted). Unparseable values
/// become `None` instead of failing the whole answer.
pub type Timestamp = DateTime<FixedOffset>;

fn lenient_timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let raw: Option<String> = Option::deserialize(d)?;
    Ok(raw.and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok()))
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A program the caller can see (D5).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Program {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub program_id: String,
    /// Custom id, if an administrator set one.
    pub custom_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
}

impl Program {
    /// True when `id` is its generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.program_id, self.custom_id.as_deref(), id)
    }
}

/// A workflow status named by a form.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct StatusRef {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub status_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name ("Technical Review").
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
}

/// A project's current status and since when.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct CurrentStatus {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub status_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    /// When the project entered it.
    #[serde(deserialize_with = "lenient_timestamp")]
    pub timestamp: Option<Timestamp>,
}

/// The owner of a project.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Owner {
    /// Display name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// A form of a program (D6).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Form {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub form_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Program it belongs to.
    pub program_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    /// Statuses in which it can be filled in and submitted.
    #[serde(deserialize_with = "null_as_default")]
    pub available_in_statuses: Vec<StatusRef>,
    /// Where a successful submit moves the project.
    pub leads_to_status: Option<StatusRef>,
}

impl Form {
    /// True when `id` is its generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.form_id, self.custom_id.as_deref(), id)
    }
}

/// How a field's value is entered (D7). Unknown types are treated as text.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Free text.
    #[default]
    Text,
    /// A decimal number, sent as a string.
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// `"true"` / `"false"`.
    Checkbox,
    /// One of `Choices`.
    Choice,
    /// Several of `Choices`, in `Values`.
    MultiChoice,
    /// Anything this client does not know yet.
    #[serde(other)]
    Other,
}

/// A data field of a form schema.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct FieldDefinition {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub data_field_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    /// Input type.
    #[serde(deserialize_with = "null_as_default")]
    pub r#type: FieldType,
    /// Must be filled before submitting.
    #[serde(deserialize_with = "null_as_default")]
    pub required: bool,
    /// Allowed texts of a choice field.
    pub choices: Option<Vec<String>>,
    /// Table / PV-system rows: the values travel in `Values`.
    #[serde(deserialize_with = "null_as_default")]
    pub repeating: bool,
}

impl FieldDefinition {
    /// True when `id` is its generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.data_field_id, self.custom_id.as_deref(), id)
    }
}

/// An attachment definition of a form schema.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct AttachmentDefinition {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub attachment_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    /// Must be uploaded before submitting.
    #[serde(deserialize_with = "null_as_default")]
    pub required: bool,
    /// Allowed extensions, without the dot (`pdf`); empty means "any".
    #[serde(deserialize_with = "null_as_default")]
    pub allowed_extensions: Vec<String>,
}

impl AttachmentDefinition {
    /// True when `id` is its generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.attachment_id, self.custom_id.as_deref(), id)
    }
}

/// Where a [`FormSchema`] came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum SchemaSource {
    /// GetFormSchema answered.
    #[default]
    Server,
    /// D7 fallback: built from GetProjectData; every field is text.
    InferredFromProjectData,
}

/// A form's fields and attachment definitions (D7).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct FormSchema {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub form_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    /// Data fields, in form order.
    #[serde(deserialize_with = "null_as_default")]
    pub data_fields: Vec<FieldDefinition>,
    /// Attachment definitions.
    #[serde(deserialize_with = "null_as_default")]
    pub attachments: Vec<AttachmentDefinition>,
    /// Not from the wire: how this schema was obtained.
    #[serde(skip)]
    pub source: SchemaSource,
}

/// The envelope every project-returning call shares.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ProjectSummary {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub project_id: String,
    /// Program id.
    pub program_id: Option<String>,
    /// Human-facing number, null until first submitted.
    pub project_number: Option<String>,
    /// Link to the project in the PowerClerk web UI (may be empty).
    pub url: Option<String>,
    /// Last change of any kind.
    #[serde(deserialize_with = "lenient_timestamp")]
    pub last_change_timestamp: Option<Timestamp>,
    /// Owner, where the call returns it.
    pub project_owner: Option<Owner>,
    /// Current status.
    pub current_status: Option<CurrentStatus>,
}

impl ProjectSummary {
    /// The number when there is one, else the id: what to show and to address it by.
    pub fn label(&self) -> &str {
        self.project_number.as_deref().unwrap_or(&self.project_id)
    }

    /// Name of the current status, or "" when unknown.
    pub fn status_name(&self) -> &str {
        self.current_status.as_ref().map_or("", |s| s.name.as_str())
    }
}

/// One page of GetProjects.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ProjectsPage {
    /// Projects, ordered by creation.
    #[serde(deserialize_with = "null_as_default")]
    pub projects: Vec<ProjectSummary>,
    /// Pass as `changed_since` next time to poll for changes.
    #[serde(deserialize_with = "lenient_timestamp")]
    pub request_timestamp: Option<Timestamp>,
    /// How many projects the whole listing has, where the server says (not documented; a
    /// hint that a listing is complete).
    pub total_count: Option<u64>,
}

/// CreateNewProject's answer: the new project and the program's forms.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct NewProject {
    /// The project envelope.
    #[serde(flatten)]
    pub project: ProjectSummary,
    /// The program's forms.
    #[serde(deserialize_with = "null_as_default")]
    pub forms: Vec<Form>,
}

/// A data field's value. Everything travels as strings (section 4.4).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DataField {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub data_field_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Single value.
    pub value: Option<String>,
    /// Multi-valued / repeating value.
    pub values: Option<Vec<String>>,
}

impl DataField {
    /// The value as one line of text (`Values` joined with "; ").
    pub fn display_value(&self) -> String {
        match (&self.value, &self.values) {
            (_, Some(vs)) => vs.join("; "),
            (Some(v), None) => v.clone(),
            (None, None) => String::new(),
        }
    }

    /// True when the field matches `id` by generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.data_field_id, self.custom_id.as_deref(), id)
    }
}

/// An attachment definition of a project form and its current file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct AttachmentInfo {
    /// Generated id.
    #[serde(deserialize_with = "null_as_default")]
    pub attachment_id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Definition name ("Single line diagram").
    pub name: Option<String>,
    /// Uploaded file's name; null when none.
    pub file_name: Option<String>,
    /// Uploaded file's size in bytes, where the server says.
    pub file_size: Option<u64>,
}

impl AttachmentInfo {
    /// True when the definition matches `id` by generated or custom id (any letter case).
    pub fn is(&self, id: &str) -> bool {
        either_id(&self.attachment_id, self.custom_id.as_deref(), id)
    }
}

/// GetProjectData / SetProjectData answer for one form.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ProjectData {
    /// The project envelope.
    #[serde(flatten)]
    pub project: ProjectSummary,
    /// Whether the form is complete enough to submit.
    #[serde(deserialize_with = "null_as_default")]
    pub can_submit: bool,
    /// The form's fields.
    #[serde(deserialize_with = "null_as_default")]
    pub data_fields: Vec<DataField>,
    /// The form's attachment definitions.
    #[serde(deserialize_with = "null_as_default")]
    pub attachments: Vec<AttachmentInfo>,
}

impl ProjectData {
    /// The field with this generated or custom id.
    pub fn field(&self, id: &str) -> Option<&DataField> {
        self.data_fields.iter().find(|f| f.is(id))
    }

    /// The attachment definition with this generated or custom id.
    pub fn attachment(&self, id: &str) -> Option<&AttachmentInfo> {
        self.attachments.iter().find(|a| a.is(id))
    }
}

/// One field to write with SetProjectData (D9: partial update; `""` clears).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct FieldUpdate {
    /// Generated or custom id.
    pub data_field_id: String,
    /// Single value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Multi-valued / repeating value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

impl FieldUpdate {
    /// Sets a single value.
    pub fn value(id: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            data_field_id: id.into(),
            value: Some(value.into()),
            values: None,
        }
    }

    /// Sets a list of values.
    pub fn values(id: impl Into<String>, values: Vec<String>) -> Self {
        Self {
            data_field_id: id.into(),
            value: None,
            values: Some(values),
        }
    }
}

/// Which copy of a form's data to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DataVersion {
    /// What the last submission recorded.
    Submitted,
    /// Unsubmitted edits (the submitted values when there is no draft, D8).
    Draft,
}

/// Result of a submit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubmitOutcome {
    /// The project after the submit.
    pub project: ProjectSummary,
    /// True when the answer was lost and the submit was confirmed by reading the project
    /// again.
    pub confirmed_by_reread: bool,
}

/// Result of an upload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UploadOutcome {
    /// The attachment as PowerClerk now has it (a draft until the form is submitted).
    pub attachment: AttachmentInfo,
    /// Bytes sent.
    pub bytes: u64,
    /// True when the answer was lost and the upload was confirmed by reading the form again.
    pub confirmed_by_reread: bool,
}

/// Result of a download.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DownloadOutcome {
    /// Where the file was saved.
    pub path: std::path::PathBuf,
    /// Bytes written.
    pub bytes: u64,
    /// The name the server suggested (sanitised), before de-duplication.
    pub suggested_name: String,
}

#[cfg(test)]
mod tests;
