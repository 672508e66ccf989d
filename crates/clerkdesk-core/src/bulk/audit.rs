//! Audit: does a results file say what PowerClerk shows now? For each row, one read of its
//! project: the status must be the row's New status, and the values of a Submitted row
//! must be the submitted data (of a Saved or Unchanged row, the draft). Used by the tests
//! and benchmarks after runs with injected faults, and by `clerk bulk audit`.

use std::collections::HashMap;
use std::path::Path;

use powerclerk_api::{DataVersion, FormRef, ProjectData};

use super::cells::{read_cell, same_value, Wanted};
use super::mapping::{map_columns, ColumnRole};
use super::open_sheet::read_sheet;
use crate::error::CoreError;
use crate::workflow::Desk;

/// A row whose results do not match PowerClerk.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Excel's row number.
    pub line: u32,
    /// The project.
    pub project: String,
    /// What differs.
    pub what: String,
}

/// Checks every row of a results file against PowerClerk (one read per row).
pub async fn audit(
    desk: &Desk<'_>,
    results: &Path,
    form: &str,
) -> Result<Vec<Mismatch>, CoreError> {
    let sheet = read_sheet(results, None)?;
    let session = desk.session;
    let choice = session.find_form(form).await?;
    let program = session.program().await?;
    let col = |name: &str| {
        sheet
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    };
    let (Some(result_col), Some(status_col)) = (col("Result"), col("New status")) else {
        return Err(CoreError::Input(format!(
            "{} is not a results file (no Result and New status columns).",
            results.display()
        )));
    };
    let probe = FormRef::new(&program, "", &choice.key);
    let schema = session.client.form_schema_or_infer(&probe).await?;
    let mapping = map_columns(&sheet, &schema, &HashMap::new())?;
    let mut out = Vec::new();
    for row in &sheet.rows {
        let project = row.cells[mapping.project].display().trim().to_string();
        let result = row.cells[result_col].display();
        let status = row.cells[status_col].display();
        let mismatch = |what: String| Mismatch {
            line: row.line,
            project: project.clone(),
            what,
        };
        let version = if result == "Submitted" {
            DataVersion::Submitted
        } else {
            DataVersion::Draft
        };
        let f = FormRef::new(&program, &project, &choice.key);
        let data: ProjectData = match session.client.project_data(&f, version).await {
            Ok(d) => d,
            Err(e) if result == "Skipped" => {
                let _ = e; // a project that does not exist was rightly skipped
                continue;
            }
            Err(e) => {
                out.push(mismatch(format!("could not be read: {e}")));
                continue;
            }
        };
        if !status.is_empty() && data.project.status_name() != status {
            out.push(mismatch(format!(
                "the results say {status}, PowerClerk shows {}",
                data.project.status_name()
            )));
        }
        if !matches!(result.as_str(), "Submitted" | "Saved" | "Unchanged") {
            continue;
        }
        for (i, role) in mapping.roles.iter().enumerate() {
            let cell = &row.cells[i];
            if cell.is_blank() {
                continue;
            }
            match role {
                ColumnRole::Field(key) => {
                    let Some(def) = schema.data_fields.iter().find(|f| f.is(key)) else {
                        continue;
                    };
                    let now = data.field(key);
                    let now_single = now.and_then(|f| f.value.clone()).unwrap_or_default();
                    let now_multi = now.and_then(|f| f.values.clone()).unwrap_or_default();
                    let ok = match read_cell(cell, def) {
                        Ok(Wanted::Clear) => now.is_none_or(|f| f.display_value().is_empty()),
                        Ok(Wanted::Value(v)) => same_value(def, &now_single, &v),
                        Ok(Wanted::Values(v)) => now_multi == v,
                        Err(_) => true,
                    };
                    if !ok {
                        out.push(mismatch(format!(
                            "{} is \"{}\" in PowerClerk, \"{}\" in the results",
                            def.name,
                            now.map(|f| f.display_value()).unwrap_or_default(),
                            cell.display()
                        )));
                    }
                }
                ColumnRole::Attachment(key) => {
                    let name = Path::new(cell.display().trim())
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned());
                    let there = data.attachment(key).and_then(|a| a.file_name.clone());
                    if there != name {
                        out.push(mismatch(format!(
                            "the file of {key} is {there:?} in PowerClerk, {name:?} in the results"
                        )));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}
