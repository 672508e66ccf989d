//! `clerk export` and `clerk bulk validate|run|resume|status`, on the core's bulk jobs (the
//! same code as the window's Bulk screen). Exit 0 only when every row succeeded, 1 when a
//! row failed or was skipped, 2 for a bad sheet, mapping or usage (then nothing is sent).

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use clerkdesk_core::bulk::export::{export as export_sheet, parse_time, ExportRequest};
use clerkdesk_core::bulk::{self, job, Journal, Plan, RunControl};
use clerkdesk_core::profile::Environment;
use clerkdesk_core::workflow::Desk;
use clerkdesk_core::{CoreError, Session};

use crate::args::Cli;
use crate::connect::session_in_program;
use crate::progress::Progress;

/// How a command that works on many rows ended.
pub enum Done {
    /// Every row succeeded (or there was nothing to do).
    AllOk,
    /// Some row failed or was skipped.
    SomeRowsNot,
    /// `projects --overdue` / `--due-within`: some projects are listed (exit 3, so that a
    /// scheduler can alert on it).
    SomeListed,
}

/// `clerk export --form FORM [--status S] [--changed-since D] [--projects SHEET] --out FILE [--attachments DIR]`.
pub async fn export(
    cli: &Cli,
    form: &str,
    status: Option<&str>,
    changed_since: Option<&str>,
    projects: Option<&Path>,
    out: &Path,
    attachments: Option<&Path>,
) -> Result<Done, CoreError> {
    let changed_since = changed_since.map(parse_time).transpose()?;
    let projects = match projects {
        Some(p) => Some(project_list(p)?),
        None => None,
    };
    let session = session_in_program(cli).await?;
    let bar = Progress::new("Reading", "projects");
    let req = ExportRequest {
        form: form.to_string(),
        status: status.map(str::to_string),
        changed_since,
        projects,
        out: out.to_path_buf(),
        attachments: attachments.map(Path::to_path_buf),
    };
    let per_minute = cli.max_tpm;
    let end = export_sheet(&Desk::new(&session), &req, &|done, total| {
        bar.set(done, total, per_minute, None)
    })
    .await?;
    bar.finish();
    eprintln!(
        "Exported {} project{}{}.",
        end.projects,
        if end.projects == 1 { "" } else { "s" },
        if end.files > 0 {
            format!(" and {} attachment files", end.files)
        } else {
            String::new()
        }
    );
    println!("{}", end.path.display());
    Ok(Done::AllOk)
}

/// The project numbers of any sheet with a project column.
fn project_list(path: &Path) -> Result<Vec<String>, CoreError> {
    let sheet = bulk::read_sheet(path, None)?;
    let col = bulk::project_column(&sheet.headers).ok_or_else(|| {
        CoreError::Input(format!(
            "{} has no \"Project Number\" column.",
            path.display()
        ))
    })?;
    Ok(sheet
        .rows
        .iter()
        .map(|r| r.cells[col].display().trim().to_string())
        .filter(|p| !p.is_empty())
        .collect())
}

async fn plan_for(
    session: &Session,
    cli: &Cli,
    sheet_path: &Path,
    sheet: Option<&str>,
    form: &str,
    submit: bool,
) -> Result<Plan, CoreError> {
    let read_path = sheet_path.to_path_buf();
    let name = sheet.map(str::to_string);
    let sheet = tokio::task::spawn_blocking(move || bulk::read_sheet(&read_path, name.as_deref()))
        .await
        .map_err(|e| CoreError::Input(format!("Could not read the sheet: {e}")))??;
    if let Some(encoding) = &sheet.encoding {
        eprintln!("Read {} as {encoding}.", sheet_path.display());
    }
    let bar = Progress::new("Reading", "projects");
    let per_minute = cli.max_tpm;
    let plan = bulk::validate(
        &Desk::new(session),
        &sheet,
        form,
        submit,
        &HashMap::new(),
        &|d, t| bar.set(d, t, per_minute, None),
    )
    .await?;
    bar.finish();
    Ok(plan)
}

/// Reads and validates the sheet and prints the preview; `None` when it has no rows.
async fn checked(
    session: &Session,
    cli: &Cli,
    sheet: &Path,
    sheet_name: Option<&str>,
    form: &str,
    submit: bool,
) -> Result<Option<Plan>, CoreError> {
    let plan = plan_for(session, cli, sheet, sheet_name, form, submit).await?;
    if plan.rows.is_empty() {
        eprintln!("The sheet has no rows: nothing to do.");
        return Ok(None);
    }
    print_preview(&plan, cli.max_tpm);
    Ok(Some(plan))
}

fn print_preview(plan: &Plan, per_minute: u32) {
    let p = plan.preview(per_minute);
    eprintln!(
        "{} row{}: {} change{} something, {} already as the sheet says, {} with problems. {}.",
        plan.rows.len(),
        if plan.rows.len() == 1 { "" } else { "s" },
        p.to_change,
        if p.to_change == 1 { "s" } else { "" },
        p.same,
        p.problems,
        p.estimate
    );
    for r in &plan.rows {
        for problem in &r.problems {
            eprintln!("  {}", capitalise(problem));
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `clerk bulk validate SHEET --form FORM [--submit]`: nothing is written.
pub async fn validate(
    cli: &Cli,
    sheet: &Path,
    sheet_name: Option<&str>,
    form: &str,
    submit: bool,
) -> Result<Done, CoreError> {
    let session = session_in_program(cli).await?;
    let Some(plan) = checked(&session, cli, sheet, sheet_name, form, submit).await? else {
        return Ok(Done::AllOk);
    };
    Ok(if plan.preview(cli.max_tpm).problems > 0 {
        Done::SomeRowsNot
    } else {
        Done::AllOk
    })
}

/// `clerk bulk run SHEET --form FORM [--submit] [--yes]`.
pub async fn run(
    cli: &Cli,
    sheet: &Path,
    sheet_name: Option<&str>,
    form: &str,
    submit: bool,
    yes: bool,
) -> Result<Done, CoreError> {
    let session = session_in_program(cli).await?;
    let Some(plan) = checked(&session, cli, sheet, sheet_name, form, submit).await? else {
        return Ok(Done::AllOk);
    };
    let preview = plan.preview(cli.max_tpm);
    if preview.to_change > 0 && !yes {
        confirm(&session, &plan, &preview)?;
    }
    let journal = job::open_journal()?;
    let id = job::start(&session, &journal, &plan).await?;
    eprintln!("Job {id} started.");
    finish(cli, &session, &journal, &id).await
}

/// The run's confirmation: the environment, the projects, whether they are submitted, how
/// many are skipped. Production needs the word typed.
fn confirm(session: &Session, plan: &Plan, p: &bulk::Preview) -> Result<(), CoreError> {
    let env = session.profile.environment;
    let question = format!(
        "{} {} project{} of {} on {}{}{}.",
        if plan.submit {
            "Save and submit"
        } else {
            "Save drafts for"
        },
        p.to_change,
        if p.to_change == 1 { "" } else { "s" },
        plan.form_name,
        env.label(),
        if plan.submit { "" } else { " (not submitted)" },
        if p.problems > 0 {
            format!(
                "; {} row{} with problems will be skipped",
                p.problems,
                if p.problems == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
    );
    if !std::io::stdin().is_terminal() {
        return Err(CoreError::Input(format!(
            "{question} Nothing was sent: pass --yes to run without asking."
        )));
    }
    let word = if env == Environment::Production {
        "PRODUCTION"
    } else {
        "yes"
    };
    eprint!("{question} Type {word} to go on: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if answer.trim() != word {
        return Err(CoreError::Input("Not confirmed; nothing was sent.".into()));
    }
    Ok(())
}

/// Runs a job to its end and prints its files; the results file's path is the last line on
/// stdout.
async fn finish(
    cli: &Cli,
    session: &Session,
    journal: &Journal,
    id: &str,
) -> Result<Done, CoreError> {
    let bar = Arc::new(Progress::new("Running", "rows"));
    let per_minute = cli.max_tpm;
    let b = bar.clone();
    let on_progress: bulk::OnProgress = Arc::new(move |p: &bulk::RunProgress| {
        b.set(p.rows_done, p.rows_total, per_minute, Some(p));
    });
    let control = RunControl::default();
    let end = job::run(&Desk::new(session), journal, id, &control, on_progress).await?;
    bar.finish();
    eprintln!(
        "Job {id}: {} ({} calls).",
        end.counts.words(),
        end.run.calls
    );
    if let Some(e) = &end.outputs.errors {
        eprintln!(
            "Rows to fix: {} (correct them and run this file as it is).",
            e.display()
        );
    }
    if let Some(r) = &end.outputs.restore {
        eprintln!("To undo: {} (run it as a sheet).", r.display());
    }
    println!("{}", end.outputs.results.display());
    Ok(if end.counts.all_ok() {
        Done::AllOk
    } else {
        Done::SomeRowsNot
    })
}

/// `clerk bulk resume [JOB]`: the job named, or the connection's latest unfinished one
/// (it was confirmed when started).
pub async fn resume(cli: &Cli, job_id: Option<&str>) -> Result<Done, CoreError> {
    let session = session_in_program(cli).await?;
    let journal = job::open_journal()?;
    let id = match job_id {
        Some(j) => j.to_string(),
        None => match journal.latest_unfinished(&job::owner(&session).await?)? {
            Some(j) => j,
            None => {
                eprintln!("Nothing to resume.");
                return Ok(Done::AllOk);
            }
        },
    };
    eprintln!("Resuming job {id}.");
    finish(cli, &session, &journal, &id).await
}

/// `clerk bulk status [JOB]`: the connection's jobs, or one job's rows per result.
pub async fn status(cli: &Cli, job_id: Option<&str>) -> Result<Done, CoreError> {
    let session = session_in_program(cli).await?;
    let journal = job::open_journal()?;
    let jobs = journal.list(&job::owner(&session).await?)?;
    let shown: Vec<_> = jobs
        .iter()
        .filter(|j| job_id.is_none_or(|id| j.id == id))
        .collect();
    if shown.is_empty() {
        match job_id {
            Some(id) => {
                return Err(CoreError::Input(format!(
                    "There is no bulk job {id} for this connection."
                )))
            }
            None => println!("No bulk jobs yet."),
        }
    }
    for j in shown {
        println!(
            "{}  {}  {}  {}  {}/{} rows{}",
            j.id,
            j.created.get(..19).unwrap_or(&j.created).replace('T', " "),
            j.form_name,
            file_name(&j.sheet),
            j.done,
            j.rows,
            if j.finished {
                ", finished"
            } else {
                ", unfinished (clerk bulk resume)"
            }
        );
    }
    Ok(Done::AllOk)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `clerk bulk audit RESULTS --form FORM`: does the results file say what PowerClerk shows?
pub async fn audit(cli: &Cli, results: &Path, form: &str) -> Result<Done, CoreError> {
    let session = session_in_program(cli).await?;
    let found = bulk::audit::audit(&Desk::new(&session), results, form).await?;
    for m in &found {
        eprintln!("Row {} ({}): {}", m.line, m.project, m.what);
    }
    if found.is_empty() {
        println!("Every row of {} matches PowerClerk.", results.display());
        Ok(Done::AllOk)
    } else {
        println!(
            "{} row{} of {} differ from PowerClerk.",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            results.display()
        );
        Ok(Done::SomeRowsNot)
    }
}
