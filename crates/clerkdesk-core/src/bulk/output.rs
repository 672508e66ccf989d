//! A run's files beside the sheet, in the sheet's format: results (every row: the original
//! columns + Result, Message, New status, Time), errors (only the rows that failed or were
//! skipped — fix them and import the file as it is) and restore (the values before the
//! change: itself an import that undoes the run).

use std::path::PathBuf;

use serde::Serialize;

use super::cells::{Cell, CLEAR};
use super::journal::{RowResult, RowState};
use super::mapping::RESULT_HEADERS;
use super::plan::Plan;
use super::sheet::SheetFormat;
use super::table::{free_path, inert, write_table, Table};
use crate::error::CoreError;

/// Where a run's files went.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Outputs {
    /// Every row with its result.
    pub results: PathBuf,
    /// The rows that failed or were skipped, when there are any.
    pub errors: Option<PathBuf>,
    /// The values before the run, when something was written.
    pub restore: Option<PathBuf>,
}

/// Writes the results, errors and restore files of a job.
pub fn write_outputs(plan: &Plan, states: &[RowState]) -> Result<Outputs, CoreError> {
    let folder = plan
        .sheet
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let stem = plan
        .sheet
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sheet".into());
    let ext = match plan.format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Csv { .. } => "csv",
    };
    // A results or errors file fed back in already has result columns: replace them.
    let kept: Vec<usize> = (0..plan.headers.len())
        .filter(|&i| {
            !RESULT_HEADERS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&plan.headers[i]))
        })
        .collect();
    let mut headers: Vec<String> = kept.iter().map(|&i| plan.headers[i].clone()).collect();
    headers.extend(RESULT_HEADERS.iter().map(|s| s.to_string()));
    let mut keys: Vec<Option<String>> = kept.iter().map(|&i| plan.column_keys[i].clone()).collect();
    keys.resize(headers.len(), None);

    let line = |i: usize| -> Vec<Cell> {
        let row = &plan.rows[i];
        let s = &states[i];
        let mut cells: Vec<Cell> = kept
            .iter()
            .map(|&c| row.cells.get(c).cloned().unwrap_or(Cell::Empty))
            .collect();
        let (word, message) = match s.result {
            Some(r) => (r.word().to_string(), s.message.clone()),
            None => ("Not finished".to_string(), stopped_at(row, s)),
        };
        cells.push(Cell::Text(word));
        cells.push(Cell::Text(inert(&message)));
        cells.push(
            s.new_status
                .clone()
                .map_or(Cell::Empty, |t| Cell::Text(inert(&t))),
        );
        cells.push(
            s.time
                .as_deref()
                .map_or(Cell::Empty, |t| Cell::Text(readable_time(t))),
        );
        cells
    };
    let all: Vec<Vec<Cell>> = (0..plan.rows.len()).map(line).collect();
    let sheet_name = "Results";
    let results = free_path(&folder, &stem, "results", ext);
    write_table(
        &results,
        plan.format,
        &Table {
            name: sheet_name,
            headers: &headers,
            keys: &keys,
            rows: &all,
        },
    )?;

    let failed: Vec<Vec<Cell>> = (0..plan.rows.len())
        .filter(|&i| {
            matches!(
                states[i].result,
                Some(RowResult::Failed | RowResult::Skipped)
            )
        })
        .map(line)
        .collect();
    let errors = if failed.is_empty() {
        None
    } else {
        let p = free_path(&folder, &stem, "errors", ext);
        write_table(
            &p,
            plan.format,
            &Table {
                name: "Errors",
                headers: &headers,
                keys: &keys,
                rows: &failed,
            },
        )?;
        Some(p)
    };
    let restore = write_restore(plan, states, &folder, &stem, ext)?;
    Ok(Outputs {
        results,
        errors,
        restore,
    })
}

/// The restore file: the project column and every field column that changed somewhere,
/// holding the value before (`#CLEAR` where the field was empty; blank where this row did
/// not change it).
fn write_restore(
    plan: &Plan,
    states: &[RowState],
    folder: &std::path::Path,
    stem: &str,
    ext: &str,
) -> Result<Option<PathBuf>, CoreError> {
    let written = |i: usize| states[i].saved || states[i].result == Some(RowResult::Submitted);
    let mut columns: Vec<usize> = plan
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| written(*i))
        .flat_map(|(_, r)| r.changes.iter().map(|c| c.column))
        .collect();
    columns.sort_unstable();
    columns.dedup();
    if columns.is_empty() {
        return Ok(None);
    }
    let mut headers = vec![plan.headers[plan.project_column].clone()];
    let mut keys = vec![None];
    for &c in &columns {
        headers.push(plan.headers[c].clone());
        keys.push(plan.column_keys[c].clone());
    }
    let rows: Vec<Vec<Cell>> = plan
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| written(*i))
        .map(|(_, r)| {
            let mut cells = vec![Cell::Text(r.project.clone())];
            for &c in &columns {
                cells.push(match r.changes.iter().find(|ch| ch.column == c) {
                    Some(ch) if ch.before.is_empty() => Cell::Text(CLEAR.into()),
                    Some(ch) => Cell::Text(ch.before.text()),
                    None => Cell::Empty,
                });
            }
            cells
        })
        .collect();
    let p = free_path(folder, stem, "restore", ext);
    write_table(
        &p,
        plan.format,
        &Table {
            name: "Restore",
            headers: &headers,
            keys: &keys,
            rows: &rows,
        },
    )?;
    Ok(Some(p))
}

/// Where a row stopped when the job was stopped before it ended: exactly the step it
/// reached, so that nobody has to guess what PowerClerk holds.
fn stopped_at(row: &super::plan::RowPlan, s: &RowState) -> String {
    use super::journal::Step;
    let resume = "resume the job to finish it (nothing is sent twice)";
    match s.step {
        Step::Uploading(n) => format!(
            "Stopped while uploading {}: whether it arrived is settled by reading the project when the job resumes; {resume}.",
            row.uploads.get(n).map_or("a file", |u| u.file_name.as_str())
        ),
        Step::Submitting => format!(
            "Stopped while submitting: whether the submit arrived is settled by reading the project when the job resumes; {resume}."
        ),
        _ if s.saved || s.uploaded > 0 => {
            let files = match s.uploaded {
                0 => String::new(),
                n => format!(" and {n} of {} files uploaded", row.uploads.len()),
            };
            let saved = if s.saved { "The draft was saved" } else { "Nothing was saved" };
            let submit = if row.submit { ", not submitted yet" } else { "" };
            format!("{saved}{files}{submit}; {resume}.")
        }
        _ => format!("Not started: the job was stopped before this row; {resume}."),
    }
}

/// `2026-11-28T23:10:05.123+01:00` → `2026-11-28 23:10:05`.
fn readable_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::journal::Step;
    use super::super::plan::{RowPlan, Upload};
    use super::*;

    fn row(submit: bool) -> RowPlan {
        RowPlan {
            line: 2,
            project: "INTG-00003".into(),
            cells: Vec::new(),
            changes: Vec::new(),
            uploads: vec![Upload {
                key: "SLD".into(),
                name: "Single line diagram".into(),
                column: 1,
                path: "sld.pdf".into(),
                file_name: "sld.pdf".into(),
                size: 4,
            }],
            submit,
            problems: Vec::new(),
            status: None,
        }
    }

    #[test]
    fn a_stopped_row_says_exactly_which_step_it_reached() {
        let at = |step, saved, uploaded, submit| {
            let s = RowState {
                step,
                saved,
                uploaded,
                ..RowState::pending()
            };
            stopped_at(&row(submit), &s)
        };
        assert!(at(Step::Pending, false, 0, true).starts_with("Not started"));
        assert!(at(Step::Pending, true, 0, true)
            .starts_with("The draft was saved, not submitted yet; resume"));
        assert!(at(Step::Pending, true, 1, true)
            .starts_with("The draft was saved and 1 of 1 files uploaded, not submitted yet"));
        assert!(
            at(Step::Uploading(0), true, 0, true).starts_with("Stopped while uploading sld.pdf")
        );
        assert!(at(Step::Submitting, true, 1, true).starts_with("Stopped while submitting"));
    }
}
