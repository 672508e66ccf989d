//! Validation: nothing is written. The schema is read once and each row's project once
//! (its draft, the values a run would change); every cell is checked by its field's type,
//! every file by its attachment's rules, and each row is told what it will do.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use powerclerk_api::{FieldDefinition, FormRef, FormSchema, ProjectData};

use super::cells::{read_cell, same_value, Cell, Wanted};
use super::mapping::{map_columns, ColumnRole, Mapping};
use super::plan::{Change, FieldValue, Plan, RowPlan, Upload};
pub use super::reads::{read_drafts, ReadProgress, READS_IN_FLIGHT};
use super::sheet::Sheet;
use crate::error::CoreError;
use crate::workflow::{check_upload, AttachmentView, Desk, FormSummary};

/// Validates `sheet` for `form`. Sheet-level problems (no project column, a column that
/// matches nothing) are errors: nothing is read beyond the schema. Row-level problems land
/// in the rows.
pub async fn validate(
    desk: &Desk<'_>,
    sheet: &Sheet,
    form: &str,
    submit: bool,
    chosen: &HashMap<String, Option<String>>,
    progress: ReadProgress<'_>,
) -> Result<Plan, CoreError> {
    let session = desk.session;
    let choice = session.find_form(form).await?;
    let summary = desk.form_summary(&choice.key).await?;
    let program = session.program().await?;
    if let Some((_, note)) = sheet
        .notes
        .iter()
        .find(|(line, _)| *line == sheet.header_line)
    {
        return Err(CoreError::Input(format!("The header row has {note}.")));
    }
    let probe = first_project_of(sheet).unwrap_or_default();
    let schema = session
        .client
        .form_schema_or_infer(&FormRef::new(&program, &probe, &choice.key))
        .await?;
    let mapping = map_columns(sheet, &schema, chosen)?;
    let mut rows = read_rows(sheet, &schema, &mapping, submit);

    // One read per project named by a row that has no problem yet.
    let wanted: Vec<String> = {
        let mut seen = HashSet::new();
        rows.iter()
            .filter(|r| r.problems.is_empty() && seen.insert(r.project.clone()))
            .map(|r| r.project.clone())
            .collect()
    };
    let reads = read_drafts(&session.client, &program, &choice.key, wanted, progress).await;
    let mut current = HashMap::new();
    for (p, r) in reads {
        match r {
            Ok(d) => {
                current.insert(p, Ok(d));
            }
            // Credentials that stopped working stop validation (every row would fail);
            // anything else about one project belongs to its rows.
            Err(e) if e.status() == Some(401) => return Err(e.into()),
            // The form exists (it was found above): a 404 is about the project.
            Err(e) if e.kind() == powerclerk_api::ErrorKind::NotFound => {
                let why = missing_project(&p);
                current.insert(p, Err(why));
            }
            Err(e) => {
                current.insert(p, Err(e.to_string()));
            }
        }
    }
    let reads = current.len();
    settle_rows(&mut rows, &current, &schema, summary.as_ref());
    Ok(Plan {
        form: choice.key,
        form_name: choice.name,
        leads_to: summary.and_then(|s| s.leads_to),
        sheet: sheet.path.clone(),
        format: sheet.format,
        headers: sheet.headers.clone(),
        project_column: mapping.project,
        column_keys: mapping
            .roles
            .iter()
            .map(|r| match r {
                ColumnRole::Field(k) | ColumnRole::Attachment(k) => Some(k.clone()),
                _ => None,
            })
            .collect(),
        submit,
        rows,
        reads,
    })
}

/// The local half of validation, before any read: each row's cells checked by type, its
/// files found, projects listed twice marked.
pub fn read_rows(
    sheet: &Sheet,
    schema: &FormSchema,
    mapping: &Mapping,
    submit: bool,
) -> Vec<RowPlan> {
    let mut rows: Vec<RowPlan> = sheet
        .rows
        .iter()
        .map(|r| parse_row(sheet, schema, mapping, r, submit))
        .collect();
    mark_duplicates(&mut rows);
    rows
}

/// The local half of validation, after the reads: each row compared with its project's
/// current values (`Err`: why the project could not be read).
pub fn settle_rows(
    rows: &mut [RowPlan],
    current: &HashMap<String, Result<ProjectData, String>>,
    schema: &FormSchema,
    form: Option<&FormSummary>,
) {
    for row in rows.iter_mut().filter(|r| r.problems.is_empty()) {
        match current.get(&row.project) {
            Some(Ok(data)) => compare(row, data, schema, form),
            Some(Err(why)) if *why == missing_project(&row.project) => {
                row.problems.push(format!("row {}: {why}", row.line))
            }
            Some(Err(why)) => row.problems.push(format!(
                "row {}: project {} could not be read: {why}",
                row.line, row.project
            )),
            None => {}
        }
    }
}

/// What a row naming a project PowerClerk does not know says.
fn missing_project(project: &str) -> String {
    format!("{project} does not exist in this program (or this key cannot see it)")
}

/// The first project number of a sheet (a form's fields can be learnt from it when
/// PowerClerk has no schema call).
pub fn first_project_of(sheet: &Sheet) -> Option<String> {
    let col = super::mapping::project_column(&sheet.headers)?;
    sheet
        .rows
        .iter()
        .map(|r| r.cells[col].display().trim().to_string())
        .find(|p| !p.is_empty())
}

/// What a row's cells ask, before anything is read: cell problems and files.
fn parse_row(
    sheet: &Sheet,
    schema: &FormSchema,
    mapping: &Mapping,
    row: &super::sheet::SheetRow,
    submit: bool,
) -> RowPlan {
    let mut plan = RowPlan {
        line: row.line,
        project: row.cells[mapping.project].display().trim().to_string(),
        cells: row.cells.clone(),
        changes: Vec::new(),
        uploads: Vec::new(),
        submit,
        problems: Vec::new(),
        status: None,
    };
    let at =
        |i: usize, why: String| format!("row {}, column {}: {why}", row.line, sheet.column_name(i));
    if plan.project.is_empty() {
        plan.problems.push(format!(
            "row {}, column {}: no project number",
            row.line,
            sheet.column_name(mapping.project)
        ));
    }
    for (line, note) in &sheet.notes {
        if *line == row.line {
            plan.problems.push(format!("row {}: {note}", row.line));
        }
    }
    for (i, role) in mapping.roles.iter().enumerate() {
        let cell = &row.cells[i];
        if cell.is_blank() && !matches!(cell, Cell::Error(_)) {
            continue;
        }
        match role {
            ColumnRole::Field(key) => {
                let field = field_of(schema, key);
                match read_cell(cell, field) {
                    Ok(w) => plan.changes.push(Change {
                        key: key.clone(),
                        name: field.name.clone(),
                        column: i,
                        before: FieldValue::Single(String::new()),
                        after: match w {
                            Wanted::Clear if field_is_multi(field) => FieldValue::Multi(Vec::new()),
                            Wanted::Clear => FieldValue::Single(String::new()),
                            Wanted::Value(v) => FieldValue::Single(v),
                            Wanted::Values(v) => FieldValue::Multi(v),
                        },
                    }),
                    Err(why) => plan.problems.push(at(i, why)),
                }
            }
            ColumnRole::Attachment(key) => match file_for(sheet, schema, key, cell) {
                Ok(u) => plan.uploads.push(Upload { column: i, ..u }),
                Err(why) => plan.problems.push(at(i, why)),
            },
            ColumnRole::Project | ColumnRole::Ignored => {}
        }
    }
    // A row that fills nothing asks for nothing, not even a submit: an exported sheet with
    // a few rows filled in submits only those.
    plan.submit = submit && (!plan.changes.is_empty() || !plan.uploads.is_empty());
    plan
}

fn field_of<'a>(schema: &'a FormSchema, key: &str) -> &'a FieldDefinition {
    schema
        .data_fields
        .iter()
        .find(|f| f.is(key))
        .expect("the mapping only holds the form's fields")
}

fn field_is_multi(f: &FieldDefinition) -> bool {
    f.repeating || f.r#type == powerclerk_api::FieldType::MultiChoice
}

/// A file named in a cell: relative to the sheet's folder and inside it, present, of an
/// allowed type and size.
fn file_for(sheet: &Sheet, schema: &FormSchema, key: &str, cell: &Cell) -> Result<Upload, String> {
    let def = schema
        .attachments
        .iter()
        .find(|a| a.is(key))
        .expect("the mapping only holds the form's attachments");
    let text = cell.display();
    let rel = Path::new(text.trim());
    let folder = sheet.folder();
    let inside = || {
        format!("\"{}\" is not inside the sheet's folder; put the file beside the sheet (or in a folder under it) and write its path relative to the sheet", super::cells::short(&text))
    };
    if rel.is_absolute()
        || rel.components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir | std::path::Component::Prefix(_)
            )
        })
    {
        return Err(inside());
    }
    let path = folder.join(rel);
    // Links may still point outside: compare the real locations.
    let real = path.canonicalize().map_err(|_| {
        format!(
            "there is no file \"{}\" beside the sheet",
            super::cells::short(&text)
        )
    })?;
    let real_folder = folder.canonicalize().unwrap_or(folder);
    if !real.starts_with(&real_folder) {
        return Err(inside());
    }
    let size = check_upload(&real, &AttachmentView::from_definition(def)).map_err(|e| {
        let s = e.to_string();
        s.trim_end_matches('.').to_string()
    })?;
    Ok(Upload {
        key: key.to_string(),
        name: def.name.clone(),
        column: 0,
        file_name: real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: real,
        size,
    })
}

/// Both rows of a project listed twice are problems (which one is meant is not known).
fn mark_duplicates(rows: &mut [RowPlan]) {
    let mut lines: HashMap<String, Vec<u32>> = HashMap::new();
    for r in rows.iter().filter(|r| !r.project.is_empty()) {
        lines
            .entry(r.project.to_uppercase())
            .or_default()
            .push(r.line);
    }
    for r in rows.iter_mut() {
        if let Some(ls) = lines.get(&r.project.to_uppercase()).filter(|l| l.len() > 1) {
            let others: Vec<String> = ls
                .iter()
                .filter(|l| **l != r.line)
                .map(u32::to_string)
                .collect();
            r.problems.push(format!(
                "row {}: project {} is also on row {}; keep one row per project",
                r.line,
                r.project,
                others.join(", ")
            ));
        }
    }
}

/// Compares a row with the project's current draft: drops what is already so, keeps the
/// values before for the restore file, and checks submitting.
fn compare(row: &mut RowPlan, data: &ProjectData, schema: &FormSchema, form: Option<&FormSummary>) {
    let status = data.project.status_name().to_string();
    row.status = Some(status.clone());
    row.changes.retain_mut(|c| {
        let now = data.field(&c.key);
        c.before = match now {
            Some(f) if f.values.is_some() => {
                FieldValue::Multi(f.values.clone().unwrap_or_default())
            }
            Some(f) => FieldValue::Single(f.value.clone().unwrap_or_default()),
            None => FieldValue::Single(String::new()),
        };
        let field = field_of(schema, &c.key);
        !match (&c.before, &c.after) {
            (FieldValue::Single(a), FieldValue::Single(b)) => same_value(field, a, b),
            (FieldValue::Multi(a), FieldValue::Multi(b)) => a == b,
            (a, b) => a.is_empty() && b.is_empty(),
        }
    });
    row.uploads.retain(|u| {
        !data.attachment(&u.key).is_some_and(|a| {
            a.file_name.as_deref() == Some(u.file_name.as_str())
                && a.file_size.is_none_or(|s| s == u.size)
        })
    });
    let writes = !row.changes.is_empty() || !row.uploads.is_empty();
    let open = form.is_none_or(|f| f.submittable_in(&status));
    if !open {
        row.submit = false;
        if writes {
            let f = form.expect("known when not open");
            row.problems.push(format!(
                "row {}: project {} is in {status}, where {} can no longer be submitted (only in {}); nothing was sent for it",
                row.line, row.project, f.name, f.available_in.join(", ")
            ));
        }
        return;
    }
    if row.submit {
        for f in schema.data_fields.iter().filter(|f| f.required) {
            let key = f.custom_id.clone().unwrap_or(f.data_field_id.clone());
            let after = match row.changes.iter().find(|c| c.key == key) {
                Some(c) => !c.after.is_empty(),
                None => data
                    .field(&key)
                    .is_some_and(|d| !d.display_value().is_empty()),
            };
            if !after {
                row.problems.push(format!(
                    "row {}: {} is required to submit and would be empty",
                    row.line, f.name
                ));
            }
        }
        for a in schema.attachments.iter().filter(|a| a.required) {
            let key = a.custom_id.clone().unwrap_or(a.attachment_id.clone());
            let has = row.uploads.iter().any(|u| u.key == key)
                || data.attachment(&key).is_some_and(|i| i.file_name.is_some());
            if !has {
                row.problems.push(format!(
                    "row {}: {} is required to submit and has no file",
                    row.line, a.name
                ));
            }
        }
    }
}
