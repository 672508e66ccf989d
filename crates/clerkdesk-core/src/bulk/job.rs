//! A bulk job from start to files: where the journal lives (the same folder for the window
//! and the CLI, so either can resume the other's job), starting a job from a validated
//! plan, running or resuming it, and writing its results.

use std::path::PathBuf;

use serde::Serialize;

use super::control::RunControl;
use super::counts::Counts;
use super::initial::initial_states;
use super::journal::{JobOwner, Journal};
use super::output::{write_outputs, Outputs};
use super::plan::Plan;
use super::run::{run_job, OnProgress, RunEnd};
use crate::error::CoreError;
use crate::session::Session;
use crate::workflow::Desk;

/// The app's identifier: its data folder's name, as Tauri names it.
pub const APP_ID: &str = "com.clerkdesk.desktop";
/// Overrides the data folder (tests, portable installs).
pub const ENV_DATA_DIR: &str = "CLERKDESK_DATA_DIR";

/// The app data folder shared by the window and the CLI.
pub fn data_dir() -> Result<PathBuf, CoreError> {
    if let Some(d) = std::env::var_os(ENV_DATA_DIR).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join(APP_ID)).ok_or_else(|| {
        CoreError::Input(format!(
            "This system names no folder for application data. Set {ENV_DATA_DIR} to a folder Clerkdesk may write to."
        ))
    })
}

/// The journal in the app data folder.
pub fn open_journal() -> Result<Journal, CoreError> {
    Journal::open(&data_dir()?)
}

/// The connection a job belongs to.
pub async fn owner(session: &Session) -> Result<JobOwner, CoreError> {
    Ok(JobOwner {
        api_url: session.profile.api_url.clone(),
        program: session.program().await?,
        environment: session.profile.environment.label().to_string(),
    })
}

/// Records a new job for a validated plan (rows with problems already Skipped, rows as
/// the sheet says already Unchanged) and returns its id. Nothing is sent.
pub async fn start(session: &Session, journal: &Journal, plan: &Plan) -> Result<String, CoreError> {
    let owner = owner(session).await?;
    journal.create(&owner, plan, &initial_states(&plan.rows))
}

/// How a job ended, with its files.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JobEnd {
    /// The job's id.
    pub job: String,
    /// The run.
    pub run: RunEnd,
    /// Rows per result.
    pub counts: Counts,
    /// The files written.
    pub outputs: Outputs,
}

/// Runs (or resumes) a job and writes its files. The job must belong to this connection.
pub async fn run(
    desk: &Desk<'_>,
    journal: &Journal,
    job: &str,
    control: &RunControl,
    on_progress: OnProgress,
) -> Result<JobEnd, CoreError> {
    let (owner_of_job, _, _) = journal
        .load(job)?
        .ok_or_else(|| CoreError::Input(format!("There is no bulk job {job}.")))?;
    let me = owner(desk.session).await?;
    if owner_of_job.api_url != me.api_url || owner_of_job.program != me.program {
        return Err(CoreError::Input(format!(
            "Job {job} was started on another connection ({}, program {}); connect to it to resume the job.",
            owner_of_job.api_url, owner_of_job.program
        )));
    }
    let run = run_job(desk, journal, job, control, on_progress).await?;
    let (_, plan, states) = journal.load(job)?.expect("just run");
    let sheet_plan = plan.clone();
    let outputs = crate::blocking::run(move || write_outputs(&sheet_plan, &states)).await??;
    journal.record_results(job, &outputs.results)?;
    Ok(JobEnd {
        job: job.to_string(),
        counts: Counts::of(&run.results),
        run,
        outputs,
    })
}
