//! The simulator's world: programs, their workflow and forms, projects and their data.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

/// A timestamp as the simulator keeps it.
pub type Ts = DateTime<FixedOffset>;

/// A workflow status.
#[derive(Clone, Debug)]
pub struct Status {
    /// Generated id.
    pub id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
}

/// Field input types (D7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// Decimal number.
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// `true` / `false`.
    Checkbox,
    /// One of the choices.
    Choice,
    /// Several of the choices.
    MultiChoice,
}

impl FieldKind {
    /// The name used in GetFormSchema.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "Text",
            FieldKind::Number => "Number",
            FieldKind::Date => "Date",
            FieldKind::Checkbox => "Checkbox",
            FieldKind::Choice => "Choice",
            FieldKind::MultiChoice => "MultiChoice",
        }
    }
}

/// A data field definition.
#[derive(Clone, Debug)]
pub struct FieldDef {
    /// Generated id.
    pub id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Input type.
    pub kind: FieldKind,
    /// Needed before submit.
    pub required: bool,
    /// Allowed texts of Choice / MultiChoice.
    pub choices: Option<Vec<String>>,
    /// Table rows: values travel in `Values`.
    pub repeating: bool,
}

impl FieldDef {
    /// Whether its value travels in `Values`.
    pub fn multi(&self) -> bool {
        self.repeating || self.kind == FieldKind::MultiChoice
    }
}

/// An attachment definition.
#[derive(Clone, Debug)]
pub struct AttachDef {
    /// Generated id.
    pub id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Needed before submit.
    pub required: bool,
    /// Allowed extensions, lower case, without dot.
    pub extensions: Vec<String>,
}

/// A form of a program.
#[derive(Clone, Debug)]
pub struct FormDef {
    /// Generated id.
    pub id: String,
    /// Custom id.
    pub custom_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Indexes into the program's statuses.
    pub available_in: Vec<usize>,
    /// Index of the status a submit leads to.
    pub leads_to: Option<usize>,
    /// Fields in order.
    pub fields: Vec<FieldDef>,
    /// Attachment definitions in order.
    pub attachments: Vec<AttachDef>,
}

/// A stored attachment file (on disk, in the simulator's temp folder).
#[derive(Debug)]
pub struct StoredFile {
    /// Where the bytes are.
    pub path: PathBuf,
    /// The name the uploader gave.
    pub name: String,
    /// The Content-Type the uploader gave.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

/// A data value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// `Value`.
    Single(String),
    /// `Values`.
    Multi(Vec<String>),
}

impl Val {
    /// Empty for completeness checks.
    pub fn is_empty(&self) -> bool {
        match self {
            Val::Single(s) => s.trim().is_empty(),
            Val::Multi(v) => v.iter().all(|s| s.trim().is_empty()),
        }
    }
}

/// Field values and files of one copy (submitted or draft) of a form.
#[derive(Clone, Debug, Default)]
pub struct FormData {
    /// By field id.
    pub values: HashMap<String, Val>,
    /// By attachment definition id.
    pub files: HashMap<String, Arc<StoredFile>>,
}

/// A form of a project: its submitted data and its draft, if any.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    /// What the last submission recorded.
    pub submitted: FormData,
    /// Unsubmitted edits.
    pub draft: Option<FormData>,
}

/// A project.
#[derive(Clone, Debug)]
pub struct Project {
    /// Generated id.
    pub id: String,
    /// `INTG-00001`, null until first submitted.
    pub number: Option<String>,
    /// Creation time (GetProjects order).
    pub created: Ts,
    /// Last change of any kind.
    pub last_change: Ts,
    /// Index into the program's statuses.
    pub status: usize,
    /// When it entered the status.
    pub status_since: Ts,
    /// Owner's name.
    pub owner_name: String,
    /// Owner's e-mail.
    pub owner_email: String,
    /// By form id.
    pub forms: HashMap<String, FormState>,
}

/// A program with its workflow, forms and projects.
#[derive(Debug)]
pub struct Program {
    /// Generated id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Project number prefix.
    pub prefix: String,
    /// Next project number.
    pub next_number: u32,
    /// Workflow statuses; index 0 is the initial one.
    pub statuses: Vec<Status>,
    /// Forms.
    pub forms: Vec<FormDef>,
    /// Projects in creation order.
    pub projects: Vec<Project>,
}

impl Program {
    /// Finds a form by generated or custom id.
    pub fn form(&self, id: &str) -> Option<&FormDef> {
        self.forms.iter().find(|f| f.is(id))
    }

    /// Finds a project by id or number (D15).
    pub fn project_index(&self, id_or_number: &str) -> Option<usize> {
        self.projects
            .iter()
            .position(|p| p.id == id_or_number || p.number.as_deref() == Some(id_or_number))
    }
}

/// Completeness of a form's data (CanSubmit): required fields filled, required files there.
pub fn can_submit(form: &FormDef, data: &FormData) -> Result<(), Vec<String>> {
    let mut missing = Vec::new();
    for f in form.fields.iter().filter(|f| f.required) {
        if data.values.get(&f.id).is_none_or(Val::is_empty) {
            missing.push(f.name.clone());
        }
    }
    for a in form.attachments.iter().filter(|a| a.required) {
        if !data.files.contains_key(&a.id) {
            missing.push(a.name.clone());
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// Things addressed by a generated id or a custom id (fields, attachment definitions, forms).
macro_rules! addressed_by_id {
    ($($t:ty),*) => {$(
        impl $t {
            /// True when `id` is its generated or its custom id, in any letter case (as a
            /// .NET service on a case-insensitive database would match it).
            pub fn is(&self, id: &str) -> bool {
                self.id.eq_ignore_ascii_case(id)
                    || self.custom_id.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(id))
            }
        }
    )*};
}

addressed_by_id!(FieldDef, AttachDef, FormDef);
