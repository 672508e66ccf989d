//! The row states a new job starts with: what validation already settled is written as
//! done before anything is sent.

use super::journal::{RowResult, RowState, Step};
use super::plan::{RowKind, RowPlan};

/// The journal row states a new job starts with: rows with problems are Skipped and rows
/// already as the sheet says are Unchanged before anything is sent.
pub fn initial_states(rows: &[RowPlan]) -> Vec<RowState> {
    let now = chrono::Local::now().to_rfc3339();
    rows.iter()
        .map(|r| match r.kind() {
            RowKind::Problem => RowState {
                step: Step::Done,
                result: Some(RowResult::Skipped),
                message: r
                    .problems
                    .iter()
                    .map(|p| without_row(p, r.line))
                    .collect::<Vec<_>>()
                    .join("; "),
                new_status: r.status.clone(),
                time: Some(now.clone()),
                ..RowState::pending()
            },
            RowKind::Same => RowState {
                step: Step::Done,
                result: Some(RowResult::Unchanged),
                message: "Already as the sheet says; nothing was sent.".into(),
                new_status: r.status.clone(),
                time: Some(now.clone()),
                ..RowState::pending()
            },
            RowKind::Change => RowState::pending(),
        })
        .collect()
}

/// A problem as the results file's Message shows it: the row is the row itself, so
/// "row 14, column C (…): x" becomes "column C (…): x".
fn without_row(problem: &str, line: u32) -> String {
    let comma = format!("row {line}, ");
    let colon = format!("row {line}: ");
    problem
        .strip_prefix(&comma)
        .or_else(|| problem.strip_prefix(&colon))
        .map(|rest| {
            let mut c = rest.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| problem.to_string())
}
