//! The compatibility check: a handful of read-only calls (never a write) that show how this
//! PowerClerk writes its answers, and for each of the contract's section-8 decisions whether
//! the server confirms it, differs (and what Clerkdesk does about it), or could not be
//! checked. The same check backs `clerk check --deep` and Settings → Connection → "Check
//! compatibility with PowerClerk"; its report (Markdown) holds no secret and no field value.

mod report;
mod rows;

use std::time::Instant;

use powerclerk_api::{DataVersion, FormRef, ProjectQuery, ProjectsPage};
use serde::Serialize;
use ts_rs::TS;

use crate::error::CoreError;
use crate::session::Session;

pub use report::{markdown, write_report};

/// The API calls the check makes at most (the token is fetched besides, outside the rate
/// limit): programs, forms, a schema, two pages of projects, one `changed_since`, one
/// project's submitted and draft data, and one read of a project that does not exist (to see
/// an error answer).
pub const MAX_CALLS: u32 = 9;

/// What a decision looks like on this server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The server answers as the contract guessed.
    Confirmed,
    /// The server answers another way (Clerkdesk adapts, said in `clerkdesk`).
    Differs,
    /// The check could not see it (it never writes).
    NotChecked,
}

/// One row of the report.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DecisionRow {
    /// The contract's number ("D7"), or "" for a way of writing answers.
    pub decision: String,
    /// What it is about ("Form fields (GetFormSchema)").
    pub topic: String,
    /// What the check found.
    pub verdict: Verdict,
    /// What was seen, in words (types and counts only, never values).
    pub seen: String,
    /// What Clerkdesk does about it.
    pub clerkdesk: String,
}

/// The whole check.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CompatReport {
    /// The API address's host (never credentials).
    pub server: String,
    /// When it ran (local time, for the report's head).
    pub when: String,
    /// API calls made.
    pub calls: u32,
    /// How long it took, in seconds.
    pub seconds: f64,
    /// A row per decision.
    pub rows: Vec<DecisionRow>,
}

impl CompatReport {
    /// Rows that differ.
    pub fn differs(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.verdict == Verdict::Differs)
            .count()
    }
}

/// Where the check is.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CompatProgress {
    /// Calls made so far.
    pub done: u32,
    /// Calls it will make at most.
    pub of: u32,
    /// What it is reading now, in words.
    pub doing: String,
}

/// What the calls brought back, for the rows.
#[derive(Default)]
pub(crate) struct Findings {
    pub programs: Option<Result<Vec<powerclerk_api::Program>, String>>,
    pub forms: Option<Result<Vec<powerclerk_api::Form>, String>>,
    pub schema: Option<Result<powerclerk_api::FormSchema, (Option<u16>, String)>>,
    pub first_page: Option<Result<ProjectsPage, String>>,
    pub asked_limit: u32,
    pub second_page: Option<Result<ProjectsPage, String>>,
    pub changed: Option<Result<ProjectsPage, String>>,
    pub submitted: Option<Result<powerclerk_api::ProjectData, String>>,
    pub draft: Option<Result<powerclerk_api::ProjectData, String>>,
    pub missing: Option<Option<u16>>,
    pub observed: powerclerk_api::Observed,
    pub switches: powerclerk_api::decisions::Switches,
}

/// Runs the check. Only reads; `progress` hears before each call.
pub async fn check(
    session: &Session,
    progress: &(dyn Fn(CompatProgress) + Send + Sync),
) -> Result<CompatReport, CoreError> {
    let started = Instant::now();
    let client = &session.client;
    let mut calls = 0u32;
    let mut step = |doing: &str| {
        progress(CompatProgress {
            done: calls,
            of: MAX_CALLS,
            doing: doing.into(),
        });
        calls += 1;
    };
    // Without a token nothing else can be seen: that error is the answer.
    client.authenticate().await?;
    let mut f = Findings {
        switches: client.config().switches,
        ..Findings::default()
    };
    step("the programs");
    let programs = client.programs().await.map_err(|e| e.to_string());
    let program = session.program_if_known().or_else(|| {
        programs
            .as_ref()
            .ok()
            .and_then(|l| l.first().map(|p| p.program_id.clone()))
    });
    f.programs = Some(programs);
    if let Some(program) = program {
        step("the forms");
        let forms = client.forms(&program).await.map_err(|e| e.to_string());
        let form = forms.as_ref().ok().and_then(|fs| {
            fs.iter()
                .find(|f| f.custom_id.is_some())
                .or(fs.first())
                .map(|f| f.custom_id.clone().unwrap_or(f.form_id.clone()))
        });
        f.forms = Some(forms);
        if let Some(form) = &form {
            step("a form's fields");
            f.schema = Some(
                client
                    .form_schema(&program, form)
                    .await
                    .map_err(|e| (e.status(), e.to_string())),
            );
        }
        step("a page of projects");
        f.asked_limit = powerclerk_api::decisions::MAX_PAGE_SIZE;
        let page = |offset: u32, since| ProjectQuery {
            changed_since: since,
            limit: Some(f.asked_limit),
            offset: Some(offset),
        };
        let first = client
            .projects(&program, &page(0, None))
            .await
            .map_err(|e| e.to_string());
        if let Ok(p) = &first {
            step("the next page of projects");
            let n = p.projects.len() as u32;
            f.second_page = Some(
                client
                    .projects(&program, &page(n, None))
                    .await
                    .map_err(|e| e.to_string()),
            );
            if let Some(t) = p.request_timestamp {
                step("what changed since then");
                f.changed = Some(
                    client
                        .projects(&program, &page(0, Some(t)))
                        .await
                        .map_err(|e| e.to_string()),
                );
            }
        }
        let numbered = first
            .as_ref()
            .ok()
            .and_then(|p| p.projects.iter().find_map(|p| p.project_number.clone()));
        f.first_page = Some(first);
        if let (Some(number), Some(form)) = (numbered, &form) {
            let r = FormRef::new(&program, &number, form);
            step("one project's submitted data");
            f.submitted = Some(
                client
                    .project_data(&r, DataVersion::Submitted)
                    .await
                    .map_err(|e| e.to_string()),
            );
            step("the same project's draft");
            f.draft = Some(
                client
                    .project_data(&r, DataVersion::Draft)
                    .await
                    .map_err(|e| e.to_string()),
            );
        }
        if let Some(form) = &form {
            step("a project that does not exist (to see an error answer)");
            let r = FormRef::new(&program, "CLERKDESK-CHECK-00000", form);
            f.missing = Some(
                match client.project_data(&r, DataVersion::Submitted).await {
                    Ok(_) => None,
                    Err(e) => e.status(),
                },
            );
        }
    }
    f.observed = client.observed();
    let server = url::Url::parse(&session.profile.api_url)
        .ok()
        .and_then(|u| u.host_str().map(String::from))
        .unwrap_or_default();
    Ok(CompatReport {
        server,
        when: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        calls,
        seconds: started.elapsed().as_secs_f64(),
        rows: rows::rows(&f),
    })
}
