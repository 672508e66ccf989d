//! What validation found and a run will do: per row the changes (with the values before,
//! for the restore file), the files to upload, whether to submit, and the problems.

use std::path::PathBuf;

use powerclerk_api::FieldUpdate;
use serde::{Deserialize, Serialize};

use super::cells::Cell;
use super::sheet::SheetFormat;

/// A field's value as PowerClerk holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldValue {
    /// `Value` (`""` is empty).
    Single(String),
    /// `Values`.
    Multi(Vec<String>),
}

impl FieldValue {
    /// The value as a sheet cell shows it (lists joined with "; ").
    pub fn text(&self) -> String {
        match self {
            FieldValue::Single(s) => s.clone(),
            FieldValue::Multi(v) => v.join("; "),
        }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Single(s) => s.is_empty(),
            FieldValue::Multi(v) => v.iter().all(String::is_empty),
        }
    }
}

/// One field to change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The field's key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// The sheet column it came from.
    pub column: usize,
    /// The value now (the restore file writes it back).
    pub before: FieldValue,
    /// The value to write.
    pub after: FieldValue,
}

impl Change {
    /// The draft-save entry.
    pub fn update(&self) -> FieldUpdate {
        match &self.after {
            FieldValue::Single(s) => FieldUpdate::value(&self.key, s),
            FieldValue::Multi(v) => FieldUpdate::values(&self.key, v.clone()),
        }
    }
}

/// One file to upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upload {
    /// The attachment's key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// The sheet column it came from.
    pub column: usize,
    /// The file.
    pub path: PathBuf,
    /// Its name as PowerClerk will list it.
    pub file_name: String,
    /// Its size (for recognising it after a lost answer).
    pub size: u64,
}

/// What a row will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowKind {
    /// Something to write or submit.
    Change,
    /// Already as the sheet says: costs no write.
    Same,
    /// A problem: nothing is sent for it.
    Problem,
}

/// One row of the sheet, validated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowPlan {
    /// Excel's row number.
    pub line: u32,
    /// The project number as the sheet has it.
    pub project: String,
    /// The original cells (the results and errors files repeat them).
    pub cells: Vec<Cell>,
    /// Fields to write in one draft save.
    pub changes: Vec<Change>,
    /// Files to upload, one call each.
    pub uploads: Vec<Upload>,
    /// Submit after writing.
    pub submit: bool,
    /// Why nothing will be sent for this row: "row 14, column C (HCA results): …".
    pub problems: Vec<String>,
    /// The project's status when validated.
    pub status: Option<String>,
}

impl RowPlan {
    /// Calls a run makes for this row.
    pub fn calls(&self) -> usize {
        if !self.problems.is_empty() {
            return 0;
        }
        usize::from(!self.changes.is_empty()) + self.uploads.len() + usize::from(self.submit)
    }

    /// What the row will do.
    pub fn kind(&self) -> RowKind {
        if !self.problems.is_empty() {
            RowKind::Problem
        } else if self.calls() > 0 {
            RowKind::Change
        } else {
            RowKind::Same
        }
    }
}

/// A validated sheet: everything a run needs, and what the preview shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Plan {
    /// The form's key.
    pub form: String,
    /// The form's name.
    pub form_name: String,
    /// The status a submit moves a project to, when the program says.
    pub leads_to: Option<String>,
    /// The sheet.
    pub sheet: PathBuf,
    /// Its format (the output files keep it).
    pub format: SheetFormat,
    /// Its headers.
    pub headers: Vec<String>,
    /// The project column.
    pub project_column: usize,
    /// Each field column's key, by column (for the restore file's hidden keys sheet).
    pub column_keys: Vec<Option<String>>,
    /// Submit each changed row.
    pub submit: bool,
    /// The rows.
    pub rows: Vec<RowPlan>,
    /// Reads validation made.
    pub reads: usize,
}

/// The preview's counts and estimate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Rows that change something.
    pub to_change: usize,
    /// Rows already as the sheet says.
    pub same: usize,
    /// Rows with problems (skipped).
    pub problems: usize,
    /// Calls the run will make.
    pub calls: usize,
    /// Their time at the key's rate, in seconds.
    pub seconds: u64,
    /// "412 calls, about 7 minutes".
    pub estimate: String,
}

impl Plan {
    /// The counts and the estimate at `per_minute` calls a minute.
    pub fn preview(&self, per_minute: u32) -> Preview {
        let count = |k| self.rows.iter().filter(|r| r.kind() == k).count();
        let calls: usize = self.rows.iter().map(RowPlan::calls).sum();
        let seconds = (calls as u64 * 60).div_ceil(u64::from(per_minute.max(1)));
        Preview {
            to_change: count(RowKind::Change),
            same: count(RowKind::Same),
            problems: count(RowKind::Problem),
            calls,
            seconds,
            estimate: if calls == 0 {
                "nothing to send".into()
            } else {
                format!(
                    "{calls} call{}, {}",
                    if calls == 1 { "" } else { "s" },
                    duration_words(seconds)
                )
            },
        }
    }
}

/// "under a minute", "about 7 minutes", "about 2 hours 10 minutes".
pub fn duration_words(seconds: u64) -> String {
    let minutes = seconds.div_ceil(60);
    match minutes {
        0 => "no time".into(),
        1 => "under a minute".into(),
        m if m < 60 => format!("about {m} minutes"),
        m => format!("about {} h {} min", m / 60, m % 60),
    }
}
