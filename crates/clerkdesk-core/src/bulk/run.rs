//! Running a job: per row the fewest calls (one draft save with only what differs, one
//! upload per file, one submit if asked), each step journaled before its call and its
//! outcome after; a step whose outcome is unknown is settled by reading the project before
//! anything else is sent for it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use futures_util::{stream, StreamExt};
use powerclerk_api::{DataVersion, FieldUpdate, FormRef, Transfer};
use serde::Serialize;

use super::control::RunControl;
use super::journal::{Journal, RowResult, RowState, Step};
use super::plan::{Plan, RowPlan};
use crate::error::CoreError;
use crate::workflow::Desk;

/// Rows worked on at once. The shared rate limiter paces the calls; a few rows in flight
/// keep a call waiting for its slot while another's answer is on its way.
pub const ROWS_IN_FLIGHT: usize = 4;

/// Where a run is, for a progress bar.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RunProgress {
    /// Rows with a result.
    pub rows_done: usize,
    /// Rows in the job.
    pub rows_total: usize,
    /// Calls made by this run.
    pub calls_done: usize,
    /// Calls this run will make in all (an estimate while steps are settled).
    pub calls_total: usize,
    /// The project worked on last.
    pub current: Option<String>,
    /// Time left, in seconds.
    pub seconds_left: u64,
}

/// Called on every step.
pub type OnProgress = Arc<dyn Fn(&RunProgress) + Send + Sync>;

/// How a run ended.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RunEnd {
    /// Every row has its result.
    pub finished: bool,
    /// Row results, in sheet order (`None`: not reached, the run was cancelled).
    pub results: Vec<Option<RowResult>>,
    /// Calls this run made.
    pub calls: usize,
}

struct Ctx<'a> {
    desk: &'a Desk<'a>,
    plan: &'a Plan,
    program: String,
    journal: &'a Journal,
    job: &'a str,
    control: &'a RunControl,
    calls: AtomicUsize,
    rows_done: AtomicUsize,
    calls_total: usize,
    started: Instant,
    on_progress: OnProgress,
}

impl Ctx<'_> {
    fn report(&self, current: &str) {
        let done = self.calls.load(Ordering::Relaxed);
        let left = self.calls_total.saturating_sub(done) as u64;
        let per_minute = u64::from(self.desk.session.profile.max_tpm.max(1));
        let by_rate = left * 60 / per_minute;
        let by_pace = if done >= 10 {
            (self.started.elapsed().as_secs_f64() / done as f64 * left as f64) as u64
        } else {
            0
        };
        (self.on_progress)(&RunProgress {
            rows_done: self.rows_done.load(Ordering::Relaxed),
            rows_total: self.plan.rows.len(),
            calls_done: done,
            calls_total: self.calls_total.max(done),
            current: Some(current.to_string()),
            seconds_left: by_rate.max(by_pace),
        });
    }

    fn write(&self, idx: usize, s: &RowState) -> Result<(), CoreError> {
        self.journal.write(self.job, idx, s)
    }

    fn called(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }
}

/// Runs (or resumes) `job` to its end or until cancelled. Rows already done are left as
/// they are; rows whose last step's outcome is unknown are settled by reading first.
pub async fn run_job(
    desk: &Desk<'_>,
    journal: &Journal,
    job: &str,
    control: &RunControl,
    on_progress: OnProgress,
) -> Result<RunEnd, CoreError> {
    let (_, plan, states) = journal
        .load(job)?
        .ok_or_else(|| CoreError::Input(format!("There is no bulk job {job}.")))?;
    let calls_total = plan
        .rows
        .iter()
        .zip(&states)
        .filter(|(_, s)| s.step != Step::Done)
        .map(|(r, s)| remaining_calls(r, s))
        .sum();
    let ctx = Ctx {
        desk,
        plan: &plan,
        program: desk.session.program().await?,
        journal,
        job,
        control,
        calls: AtomicUsize::new(0),
        rows_done: AtomicUsize::new(states.iter().filter(|s| s.step == Step::Done).count()),
        calls_total,
        started: Instant::now(),
        on_progress,
    };
    let open: Vec<(usize, RowState)> = states
        .iter()
        .cloned()
        .enumerate()
        .filter(|(_, s)| s.step != Step::Done)
        .collect();
    let ended: Vec<(usize, Result<RowState, CoreError>)> = stream::iter(open)
        .map(|(i, s)| {
            let ctx = &ctx;
            async move { (i, run_row(ctx, i, s).await) }
        })
        .buffer_unordered(ROWS_IN_FLIGHT)
        .collect()
        .await;
    let mut results: Vec<Option<RowResult>> = states.iter().map(|s| s.result).collect();
    for (i, r) in ended {
        results[i] = r?.result;
    }
    let finished = results.iter().all(Option::is_some);
    if finished {
        journal.finish(job)?;
    }
    Ok(RunEnd {
        finished,
        results,
        calls: ctx.calls.load(Ordering::Relaxed),
    })
}

fn remaining_calls(r: &RowPlan, s: &RowState) -> usize {
    let save = usize::from(!r.changes.is_empty() && !s.saved);
    let unknown = usize::from(matches!(s.step, Step::Uploading(_) | Step::Submitting));
    save + r.uploads.len().saturating_sub(s.uploaded) + usize::from(r.submit) + unknown
}

/// One row from where it stands to its result. Returns the row's last state; a journal
/// failure stops the run (going on without a journal could resend after a crash).
async fn run_row(ctx: &Ctx<'_>, idx: usize, mut s: RowState) -> Result<RowState, CoreError> {
    let row = &ctx.plan.rows[idx];
    let f = FormRef::new(&ctx.program, &row.project, &ctx.plan.form);
    let client = &ctx.desk.session.client;
    let mut status = row.status.clone().unwrap_or_default();

    // A step whose answer never came: read before sending anything else.
    match s.step {
        Step::Uploading(n) => {
            if !ctx.control.go_on().await {
                return Ok(s);
            }
            ctx.called();
            let draft = client.project_data(&f, DataVersion::Draft).await;
            if let Ok(d) = &draft {
                let u = &row.uploads[n];
                if d.attachment(&u.key).is_some_and(|a| {
                    a.file_name.as_deref() == Some(u.file_name.as_str())
                        && a.file_size.is_none_or(|x| x == u.size)
                }) {
                    s.uploaded = n + 1;
                }
            } else if let Err(e) = draft {
                return finish(ctx, idx, s, RowResult::Failed, format!("Stopped while uploading {}; the project could not be read to see whether it arrived: {e}", row.uploads[n].file_name), None);
            }
            s.step = Step::Pending;
        }
        Step::Submitting => {
            if !ctx.control.go_on().await {
                return Ok(s);
            }
            ctx.called();
            match client.project_data(&f, DataVersion::Submitted).await {
                Ok(d) if submitted_already(ctx.plan, row, &d) => {
                    let st = d.project.status_name().to_string();
                    return finish(ctx, idx, s, RowResult::Submitted, "Submitted (confirmed by reading the project after the run was interrupted).".into(), Some(st));
                }
                Ok(d) => status = d.project.status_name().to_string(),
                Err(e) => {
                    return finish(ctx, idx, s, RowResult::Failed, format!("Stopped while submitting; the project could not be read to see whether the submit arrived: {e}"), None);
                }
            }
            s.step = Step::Pending;
        }
        _ => {}
    }

    if !s.saved && !row.changes.is_empty() {
        if !ctx.control.go_on().await {
            return Ok(s);
        }
        ctx.report(&row.project);
        s.step = Step::Saving;
        ctx.write(idx, &s)?;
        ctx.called();
        let updates: Vec<FieldUpdate> = row.changes.iter().map(|c| c.update()).collect();
        match client.save_draft(&f, &updates).await {
            Ok(d) => {
                s.saved = true;
                status = d.project.status_name().to_string();
                ctx.write(idx, &s)?;
            }
            Err(e) => {
                let e = e.with_field_labels(|k| {
                    row.changes
                        .iter()
                        .find(|c| powerclerk_api::decisions::same_id(&c.key, k))
                        .map(|c| c.name.clone())
                });
                return finish(
                    ctx,
                    idx,
                    s,
                    RowResult::Failed,
                    format!("Not saved: {e}"),
                    Some(status),
                );
            }
        }
    }
    while s.uploaded < row.uploads.len() {
        let n = s.uploaded;
        let u = &row.uploads[n];
        if !ctx.control.go_on().await {
            return Ok(s);
        }
        ctx.report(&row.project);
        s.step = Step::Uploading(n);
        ctx.write(idx, &s)?;
        ctx.called();
        match client
            .upload(&f, &u.key, &u.path, &Transfer::default())
            .await
        {
            Ok(_) => {
                s.uploaded = n + 1;
                s.step = Step::Pending;
                ctx.write(idx, &s)?;
            }
            Err(e) => {
                let saved = if s.saved { "The draft was saved; " } else { "" };
                return finish(
                    ctx,
                    idx,
                    s,
                    RowResult::Failed,
                    format!("{saved}{} was not uploaded to {}: {e}", u.file_name, u.name),
                    Some(status),
                );
            }
        }
    }
    if row.submit {
        if !ctx.control.go_on().await {
            return Ok(s);
        }
        ctx.report(&row.project);
        s.step = Step::Submitting;
        ctx.write(idx, &s)?;
        ctx.called();
        let sent = match &ctx.plan.leads_to {
            Some(to) => client.submit_moving(&f, &status, to).await,
            None => client.submit(&f).await,
        };
        return match sent {
            Ok(o) => {
                let st = o.project.status_name().to_string();
                finish(
                    ctx,
                    idx,
                    s,
                    RowResult::Submitted,
                    format!("Submitted; the project is now in {st}."),
                    Some(st),
                )
            }
            Err(e) => {
                let what = if s.saved || !row.uploads.is_empty() {
                    "Saved as a draft, not submitted"
                } else {
                    "Not submitted"
                };
                finish(
                    ctx,
                    idx,
                    s,
                    RowResult::Failed,
                    format!("{what}: {e}"),
                    Some(status),
                )
            }
        };
    }
    let files = row.uploads.len();
    let message = match (row.changes.len(), files) {
        (c, 0) => format!("Saved {c} field{} as a draft.", plural(c)),
        (0, f) => format!("Uploaded {f} file{} into the draft.", plural(f)),
        (c, f) => format!(
            "Saved {c} field{} and {f} file{} as a draft.",
            plural(c),
            plural(f)
        ),
    };
    finish(ctx, idx, s, RowResult::Saved, message, Some(status))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// After an interrupted submit: did it arrive? With a known LeadsToStatus, the project is
/// there; otherwise the submitted data holds every value the row wrote.
fn submitted_already(plan: &Plan, row: &RowPlan, d: &powerclerk_api::ProjectData) -> bool {
    let now = d.project.status_name();
    match &plan.leads_to {
        Some(to) => now == to && row.status.as_deref() != Some(to.as_str()),
        None => {
            !row.changes.is_empty()
                && row.changes.iter().all(|c| {
                    d.field(&c.key).is_some_and(|f| match &c.after {
                        super::plan::FieldValue::Single(v) => f.value.as_deref().unwrap_or("") == v,
                        super::plan::FieldValue::Multi(v) => {
                            f.values.as_deref().unwrap_or_default() == v.as_slice()
                        }
                    })
                })
        }
    }
}

fn finish(
    ctx: &Ctx<'_>,
    idx: usize,
    mut s: RowState,
    result: RowResult,
    message: String,
    new_status: Option<String>,
) -> Result<RowState, CoreError> {
    s.step = Step::Done;
    s.result = Some(result);
    s.message = ctx.desk.session.client.redact(&message);
    s.new_status = new_status;
    s.time = Some(chrono::Local::now().to_rfc3339());
    ctx.write(idx, &s)?;
    ctx.rows_done.fetch_add(1, Ordering::Relaxed);
    ctx.report(&ctx.plan.rows[idx].project);
    Ok(s)
}
