//! The Bulk screen's steps on the core: a sheet opened for a form (its columns and what
//! each fills), validated with the user's column choices, started as a job. The window
//! holds one [`BulkDraft`] between the steps; every rule stays here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use powerclerk_api::FormRef;
use serde::Serialize;
use ts_rs::TS;

use super::mapping::{describe_columns, ColumnView};
use super::open_sheet::{read_sheet, worksheets};
use super::plan::{Plan, Preview};
use super::sheet::Sheet;
use super::validate::{validate, ReadProgress};
use super::{job, Journal};
use crate::error::CoreError;
use crate::workflow::Desk;

/// A field a column can be mapped to.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct FieldChoice {
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
}

/// An opened sheet, as step ② shows it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct SheetView {
    /// The file's name.
    pub file: String,
    /// The worksheet's name (xlsx).
    pub sheet: Option<String>,
    /// Every visible worksheet of the workbook (the window offers the others).
    pub sheets: Vec<String>,
    /// Data rows.
    pub rows: usize,
    /// The text encoding a CSV was read in, in words ("Windows-1252 (Excel's …)").
    pub encoding: Option<String>,
    /// The form's name.
    pub form_name: String,
    /// The form's key (the one the sheet was opened for).
    pub form_key: String,
    /// Each column and what it fills.
    pub columns: Vec<ColumnView>,
    /// What a column can be mapped to.
    pub fields: Vec<FieldChoice>,
}

/// The check's outcome, as step ③ shows it.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct PreviewView {
    /// Rows that change something.
    pub to_change: usize,
    /// Rows already as the sheet says.
    pub same: usize,
    /// Rows with problems.
    pub problems: usize,
    /// "412 calls, about 7 minutes".
    pub estimate: String,
    /// The problems, each naming row and column (at most [`MAX_SHOWN`]).
    pub problem_list: Vec<String>,
    /// Whether each changed form will be submitted.
    pub submit: bool,
}

/// Problems listed on screen (all of them are in the results and errors files).
pub const MAX_SHOWN: usize = 500;

/// A sheet on its way to becoming a job.
pub struct BulkDraft {
    path: PathBuf,
    sheet: Sheet,
    form: String,
    plan: Option<Plan>,
    checked_at: Option<Instant>,
}

/// How long a check's reads are trusted for a run: the restore file and the "already as the
/// sheet says" decisions come from them, so an old check is made again first.
pub const CHECK_FRESH_FOR: Duration = Duration::from_secs(600);

impl BulkDraft {
    /// Opens `path` for `form` and describes its columns with the user's earlier choices
    /// for this form.
    pub async fn open(
        desk: &Desk<'_>,
        path: &Path,
        worksheet: Option<&str>,
        form: &str,
        chosen: &HashMap<String, Option<String>>,
    ) -> Result<(Self, SheetView), CoreError> {
        let p = path.to_path_buf();
        let wanted = worksheet.map(str::to_string);
        let (sheet, sheets) = crate::blocking::run(move || {
            let sheets = worksheets(&p);
            // Several candidate worksheets: the window opens the first that has a project
            // column and offers the others (the CLI asks for --sheet instead).
            let read = match read_sheet(&p, wanted.as_deref()) {
                Err(e) if wanted.is_none() && sheets.len() > 1 => sheets
                    .iter()
                    .filter_map(|s| read_sheet(&p, Some(s)).ok())
                    .find(|s| super::mapping::project_column(&s.headers).is_some())
                    .ok_or(e),
                other => other,
            };
            read.map(|s| (s, sheets))
        })
        .await??;
        let session = desk.session;
        // A sheet Clerkdesk exported names its form (the worksheet is named after it and
        // carries the field keys): that form, whatever was chosen before the sheet came.
        let exported = match (&sheet.sheet_name, sheet.keys.is_empty()) {
            (Some(name), false) => session.find_form(name).await.ok(),
            _ => None,
        };
        let choice = match exported {
            Some(c) => c,
            None => session.find_form(form).await?,
        };
        let program = session.program().await?;
        let probe = super::validate::first_project_of(&sheet).unwrap_or_default();
        let schema = session
            .client
            .form_schema_or_infer(&FormRef::new(&program, &probe, &choice.key))
            .await?;
        let view = SheetView {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sheet: sheet.sheet_name.clone(),
            encoding: sheet.encoding.clone(),
            sheets,
            rows: sheet.rows.len(),
            form_name: choice.name.clone(),
            form_key: choice.key.clone(),
            columns: describe_columns(&sheet, &schema, chosen),
            fields: schema
                .data_fields
                .iter()
                .map(|f| FieldChoice {
                    key: f.custom_id.clone().unwrap_or(f.data_field_id.clone()),
                    name: f.name.clone(),
                })
                .chain(schema.attachments.iter().map(|a| FieldChoice {
                    key: a.custom_id.clone().unwrap_or(a.attachment_id.clone()),
                    name: format!("{} (file)", a.name),
                }))
                .collect(),
        };
        Ok((
            Self {
                path: path.to_path_buf(),
                sheet,
                form: choice.key,
                plan: None,
                checked_at: None,
            },
            view,
        ))
    }

    /// The sheet's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The form's key.
    pub fn form(&self) -> &str {
        &self.form
    }

    /// Step ③: validates with the user's column choices; nothing is written.
    pub async fn check(
        &mut self,
        desk: &Desk<'_>,
        submit: bool,
        chosen: &HashMap<String, Option<String>>,
        progress: ReadProgress<'_>,
    ) -> Result<PreviewView, CoreError> {
        let plan = validate(desk, &self.sheet, &self.form, submit, chosen, progress).await?;
        let p: Preview = plan.preview(desk.session.profile.max_tpm);
        let view = PreviewView {
            to_change: p.to_change,
            same: p.same,
            problems: p.problems,
            estimate: p.estimate,
            problem_list: plan
                .rows
                .iter()
                .flat_map(|r| r.problems.iter().cloned())
                .take(MAX_SHOWN)
                .collect(),
            submit,
        };
        self.plan = Some(plan);
        self.checked_at = Some(Instant::now());
        Ok(view)
    }

    /// Step ④: records the checked plan as a job (nothing sent yet) and returns its id.
    pub async fn start(&self, desk: &Desk<'_>, journal: &Journal) -> Result<String, CoreError> {
        let plan = self
            .plan
            .as_ref()
            .ok_or_else(|| CoreError::Input("Check the sheet first.".into()))?;
        if self
            .checked_at
            .is_some_and(|t| t.elapsed() > CHECK_FRESH_FOR)
        {
            return Err(CoreError::Input(format!(
                "The check is more than {} minutes old and PowerClerk may have changed since. Check the sheet again, then run it.",
                CHECK_FRESH_FOR.as_secs() / 60
            )));
        }
        job::start(desk.session, journal, plan).await
    }
}
