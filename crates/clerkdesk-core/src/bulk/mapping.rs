//! Which column is the project number and which field or attachment each other column
//! fills: the exact matching rules scripts rely on (docs/bulk.md).

use std::collections::HashMap;

use powerclerk_api::FormSchema;
use serde::{Deserialize, Serialize};

use super::sheet::Sheet;
use crate::error::CoreError;

/// Headers (case-insensitive, trimmed) that name the project column; the first such
/// column is it.
pub const PROJECT_HEADERS: [&str; 3] = ["Project Number", "ProjectNumber", "Project"];

/// Clerkdesk's own result columns: recognised and ignored, so that a results or errors
/// file imports as it is.
pub const RESULT_HEADERS: [&str; 4] = ["Result", "Message", "New status", "Time"];

/// The project column's index, by the rule above.
pub fn project_column(headers: &[String]) -> Option<usize> {
    headers.iter().position(|h| {
        PROJECT_HEADERS
            .iter()
            .any(|p| h.trim().eq_ignore_ascii_case(p))
    })
}

/// What one column is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnRole {
    /// The project number.
    Project,
    /// A data field (its key: Custom Id, else id).
    Field(String),
    /// An attachment: the cells hold file paths (its key).
    Attachment(String),
    /// Not used (a result column, an empty column, or dropped by the user).
    Ignored,
}

/// The columns' roles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The project column.
    pub project: usize,
    /// One role per column.
    pub roles: Vec<ColumnRole>,
}

/// Maps every column. `chosen` holds the user's corrections (header → key, or `None` to
/// drop the column), which win over the rules. A header that matches nothing, two columns
/// for one field, or no project column is a sheet-level problem: nothing is sent.
pub fn map_columns(
    sheet: &Sheet,
    schema: &FormSchema,
    chosen: &HashMap<String, Option<String>>,
) -> Result<Mapping, CoreError> {
    let project = project_column(&sheet.headers).ok_or_else(|| {
        CoreError::Input(format!(
            "No column is headed \"Project Number\" (or \"ProjectNumber\", \"Project\"). Name the column that holds the project numbers so. Columns: {}.",
            sheet.headers.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let mut roles = Vec::with_capacity(sheet.headers.len());
    let mut problems = Vec::new();
    for i in 0..sheet.headers.len() {
        match column_role(sheet, schema, chosen, project, i) {
            Ok(r) => roles.push(r),
            Err(p) => {
                problems.push(p);
                roles.push(ColumnRole::Ignored);
            }
        }
    }
    for (i, r) in roles.iter().enumerate() {
        if matches!(r, ColumnRole::Field(_) | ColumnRole::Attachment(_)) {
            if let Some(j) = roles[..i].iter().position(|o| o == r) {
                problems.push(format!(
                    "columns {} and {} fill the same field; keep one",
                    sheet.column_name(j),
                    sheet.column_name(i)
                ));
            }
        }
    }
    if !problems.is_empty() {
        let fields: Vec<&str> = schema
            .data_fields
            .iter()
            .map(|f| f.name.as_str())
            .chain(schema.attachments.iter().map(|a| a.name.as_str()))
            .collect();
        return Err(CoreError::Input(format!(
            "The sheet's columns do not match the form {}: {}. Rename each column to a field's name or Custom Id, or delete it. The form's fields: {}.",
            schema.name,
            problems.join("; "),
            fields.join(", ")
        )));
    }
    Ok(Mapping { project, roles })
}

/// What column `i` is for by the rules (the user's choice first), or why it cannot be used.
fn column_role(
    sheet: &Sheet,
    schema: &FormSchema,
    chosen: &HashMap<String, Option<String>>,
    project: usize,
    i: usize,
) -> Result<ColumnRole, String> {
    let header = &sheet.headers[i];
    if i == project {
        Ok(ColumnRole::Project)
    } else if let Some(choice) = chosen.get(header) {
        match choice {
            None => Ok(ColumnRole::Ignored),
            Some(key) => role_for(key, schema).ok_or_else(|| {
                format!(
                    "column {} was mapped to \"{key}\", which is not on the form",
                    sheet.column_name(i)
                )
            }),
        }
    } else if header.is_empty() {
        if sheet.rows.iter().any(|r| !r.cells[i].is_blank()) {
            Err(format!(
                "column {} has values but no header; give it the field's name",
                sheet.column_name(i)
            ))
        } else {
            Ok(ColumnRole::Ignored)
        }
    } else if RESULT_HEADERS
        .iter()
        .any(|r| r.eq_ignore_ascii_case(header))
        || project_column(std::slice::from_ref(header)).is_some()
    {
        Ok(ColumnRole::Ignored)
    } else if let Some(key) = sheet.keys.get(header) {
        role_for(key, schema).ok_or_else(|| {
            format!(
                "column {} belongs to a field that is no longer on the form {}",
                sheet.column_name(i),
                schema.name
            )
        })
    } else {
        match_header(header, schema).map_err(|why| format!("column {} {why}", sheet.column_name(i)))
    }
}

/// One column as the mapping step shows it.
#[derive(Clone, Debug, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct ColumnView {
    /// Its header.
    pub header: String,
    /// "C".
    pub letter: String,
    /// What it fills: a field's or attachment's name, "Project number", or "" when unused.
    pub fills: String,
    /// The key of what it fills (for the correction list).
    pub key: Option<String>,
    /// Why it cannot be used as it is (then the user picks a field or drops it).
    pub problem: Option<String>,
}

/// Every column with what it fills, for the mapping step (never fails: each problem
/// is shown on its column).
pub fn describe_columns(
    sheet: &Sheet,
    schema: &FormSchema,
    chosen: &HashMap<String, Option<String>>,
) -> Vec<ColumnView> {
    let project = project_column(&sheet.headers);
    (0..sheet.headers.len())
        .map(|i| {
            let role = match project {
                Some(p) => column_role(sheet, schema, chosen, p, i),
                None => Err("no column is headed \"Project Number\"".into()),
            };
            let (fills, key, problem) = match role {
                Ok(ColumnRole::Project) => ("Project number".to_string(), None, None),
                Ok(ColumnRole::Field(k)) => (name_of(&k, schema), Some(k), None),
                Ok(ColumnRole::Attachment(k)) => (name_of(&k, schema), Some(k), None),
                Ok(ColumnRole::Ignored) => (String::new(), None, None),
                Err(p) => (String::new(), None, Some(p)),
            };
            ColumnView {
                header: sheet.headers[i].clone(),
                letter: super::sheet::column_letter(sheet.first_column + i as u32),
                fills,
                key,
                problem,
            }
        })
        .collect()
}

fn name_of(key: &str, schema: &FormSchema) -> String {
    schema
        .data_fields
        .iter()
        .find(|f| f.is(key))
        .map(|f| f.name.clone())
        .or_else(|| {
            schema
                .attachments
                .iter()
                .find(|a| a.is(key))
                .map(|a| a.name.clone())
        })
        .unwrap_or_else(|| key.to_string())
}

/// The role of a column whose field key is known.
fn role_for(key: &str, schema: &FormSchema) -> Option<ColumnRole> {
    if let Some(f) = schema.data_fields.iter().find(|f| f.is(key)) {
        return Some(ColumnRole::Field(
            f.custom_id.clone().unwrap_or(f.data_field_id.clone()),
        ));
    }
    schema
        .attachments
        .iter()
        .find(|a| a.is(key))
        .map(|a| ColumnRole::Attachment(a.custom_id.clone().unwrap_or(a.attachment_id.clone())))
}

/// A header matched by Custom Id, id or name, case-insensitive; a name that two fields
/// share is ambiguous.
fn match_header(header: &str, schema: &FormSchema) -> Result<ColumnRole, String> {
    let h = header.trim();
    let eq = |s: &str| s.trim().eq_ignore_ascii_case(h);
    let mut found: Vec<ColumnRole> = Vec::new();
    for f in &schema.data_fields {
        if f.custom_id.as_deref().is_some_and(eq) || eq(&f.data_field_id) || eq(&f.name) {
            found.push(ColumnRole::Field(
                f.custom_id.clone().unwrap_or(f.data_field_id.clone()),
            ));
        }
    }
    for a in &schema.attachments {
        if a.custom_id.as_deref().is_some_and(eq) || eq(&a.attachment_id) || eq(&a.name) {
            found.push(ColumnRole::Attachment(
                a.custom_id.clone().unwrap_or(a.attachment_id.clone()),
            ));
        }
    }
    found.dedup();
    match found.len() {
        1 => Ok(found.pop().expect("one")),
        0 => Err(format!("matches no field of the form {}", schema.name)),
        _ => Err("matches several fields of that name; head it with the field's Custom Id".into()),
    }
}
