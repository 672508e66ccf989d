//! Bulk jobs as a person sees them after the fact: the unfinished one to resume (the
//! banner), every run in Activity with its rows on demand, the results so far of a job that
//! stopped, and giving a job up. Both front ends present what these return.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::counts::Counts;
use super::journal::{JobOwner, JobSummary, Journal};
use super::output::{write_outputs, Outputs};
use crate::activity::ActivityEntry;
use crate::error::CoreError;

/// A bulk job, in words and numbers for the banner and Activity.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct JobView {
    /// Its id (for Resume, Show results so far and Discard; never shown).
    pub id: String,
    /// The form it fills in.
    pub form_name: String,
    /// The sheet's file name (no folder).
    pub sheet_name: String,
    /// "Bulk update" or "Bulk update and submit".
    pub action: String,
    /// Rows in all.
    pub rows: usize,
    /// Rows with a result.
    pub done: usize,
    /// Rows per result.
    pub counts: Counts,
    /// The same in words: "6 submitted, 2 failed, 32 not finished".
    pub counts_words: String,
    /// When it was started (RFC 3339).
    pub started: String,
    /// When its last row ended (RFC 3339): when an unfinished job stopped.
    pub last_step: String,
    /// True when every row has its result.
    pub finished: bool,
    /// True when the person gave it up.
    pub discarded: bool,
    /// Its results file, when one was written.
    #[ts(type = "string | null")]
    pub results: Option<String>,
}

impl From<JobSummary> for JobView {
    fn from(j: JobSummary) -> Self {
        Self {
            sheet_name: j
                .sheet
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            action: if j.submit {
                "Bulk update and submit"
            } else {
                "Bulk update"
            }
            .into(),
            id: j.id,
            form_name: j.form_name,
            rows: j.rows,
            done: j.done,
            counts_words: j.counts.words(),
            counts: j.counts,
            started: j.created,
            last_step: j.last_step,
            finished: j.finished,
            discarded: j.discarded,
            results: j.results.map(|p| p.display().to_string()),
        }
    }
}

/// The newest job of this connection that can still be resumed.
pub fn unfinished(journal: &Journal, owner: &JobOwner) -> Result<Option<JobView>, CoreError> {
    Ok(journal
        .list(owner)?
        .into_iter()
        .find(|j| !j.finished && !j.discarded)
        .map(JobView::from))
}

/// Every job of this connection, newest first.
pub fn jobs(journal: &Journal, owner: &JobOwner) -> Result<Vec<JobView>, CoreError> {
    Ok(journal
        .list(owner)?
        .into_iter()
        .map(JobView::from)
        .collect())
}

/// One row of a job, as Activity lists it on demand.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct JobRowView {
    /// The sheet's row number.
    pub line: u32,
    /// The project number.
    pub project: String,
    /// "Submitted", "Saved", "Unchanged", "Skipped", "Failed" or "Not finished".
    pub result: String,
    /// What happened, in words.
    pub message: String,
    /// When it ended (RFC 3339), if it did.
    #[ts(type = "string | null")]
    pub time: Option<String>,
}

/// A job's rows with their results so far.
pub fn rows(journal: &Journal, job: &str) -> Result<Vec<JobRowView>, CoreError> {
    let (_, plan, states) = journal.load(job)?.ok_or_else(|| gone(job))?;
    Ok(plan
        .rows
        .iter()
        .zip(states)
        .map(|(r, s)| JobRowView {
            line: r.line,
            project: r.project.clone(),
            result: s.result.map_or("Not finished", |x| x.word()).to_string(),
            message: if s.result.is_some() {
                s.message
            } else {
                "Not reached yet: resume the job to finish it.".into()
            },
            time: s.time,
        })
        .collect())
}

/// Writes the results (errors, restore) files of a job as far as it went, beside its sheet,
/// and records them; rows not reached say so in the results file.
pub async fn results_so_far(journal: &Journal, job: &str) -> Result<Outputs, CoreError> {
    let (_, plan, states) = journal.load(job)?.ok_or_else(|| gone(job))?;
    let outputs = crate::blocking::run(move || write_outputs(&plan, &states)).await??;
    journal.record_results(job, &outputs.results)?;
    Ok(outputs)
}

/// Gives a job up after writing its results so far (nothing is lost): it is no longer
/// offered for resuming; what it already saved or submitted stays in PowerClerk.
pub async fn discard(journal: &Journal, job: &str) -> Result<Outputs, CoreError> {
    let outputs = results_so_far(journal, job).await?;
    journal.discard(job)?;
    Ok(outputs)
}

/// True when `path` is a results file the journal recorded.
pub fn is_results_file(journal: &Journal, path: &Path) -> bool {
    journal.wrote(path).unwrap_or(false)
}

/// The jobs as Activity entries (one per job), for merging with the log of single writes.
pub fn activity_entries(environment: &str, jobs: &[JobView]) -> Vec<ActivityEntry> {
    jobs.iter()
        .map(|j| {
            let state = if j.finished {
                String::new()
            } else if j.discarded {
                format!(" · discarded after {} of {} rows", j.done, j.rows)
            } else {
                format!(
                    " · stopped after {} of {} rows; it can be resumed",
                    j.done, j.rows
                )
            };
            ActivityEntry {
                time: local_time(&j.last_step),
                environment: environment.to_string(),
                project: format!("{} project{}", j.rows, if j.rows == 1 { "" } else { "s" }),
                form: j.form_name.clone(),
                action: j.action.clone(),
                result: format!("{}{state}", j.counts.words()),
                job: Some(j.id.clone()),
                results: j.results.clone(),
            }
        })
        .collect()
}

/// The activity as CSV: each bulk run followed by its rows (action "Bulk row").
pub fn activity_csv(journal: &Journal, entries: &[ActivityEntry]) -> String {
    let mut all = Vec::with_capacity(entries.len());
    for e in entries {
        all.push(e.clone());
        let Some(job) = &e.job else { continue };
        for r in rows(journal, job).unwrap_or_default() {
            all.push(ActivityEntry {
                time: r.time.as_deref().map(local_time).unwrap_or_default(),
                environment: e.environment.clone(),
                project: r.project,
                form: e.form.clone(),
                action: "Bulk row".into(),
                result: format!("{}: {}", r.result, r.message),
                job: None,
                results: None,
            });
        }
    }
    crate::activity::to_csv(&all)
}

/// An RFC 3339 time as the activity log writes times ("2026-11-28 14:02:11", local).
fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

fn gone(job: &str) -> CoreError {
    CoreError::Input(format!(
        "There is no bulk job {job} in the journal any more; start it again from its sheet."
    ))
}
