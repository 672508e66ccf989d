//! The simulator's mutable state behind one lock, and the bookkeeping that tests read
//! through `/__sim/`: the request log, submit counts and statistics.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use serde::Serialize;
use tokio::time::Instant;

use crate::decisions;
use crate::knobs::{FaultKind, Knobs, ScheduledFault};
use crate::model::Program;

/// An issued access token.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    /// When it stops working.
    pub expires: Instant,
    /// Whether its client is an administrator.
    pub admin: bool,
}

/// One request as the simulator saw it. Holds no secret: no headers, no bodies.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    /// Increasing sequence number.
    pub seq: u64,
    /// Arrival time (RFC 3339, milliseconds).
    pub time: String,
    /// Microseconds from the simulator's start to the request's arrival.
    pub t_us: u64,
    /// HTTP method.
    pub method: String,
    /// Raw (still encoded) path.
    pub path: String,
    /// Status answered, or 0 when the connection was dropped.
    pub status: u16,
    /// Which known API key was used (index into the demo keys), if any.
    pub api_key: Option<String>,
    /// `"before"` / `"after"` when the connection was dropped on purpose.
    pub dropped: Option<&'static str>,
    /// The Accept header sent, if any.
    pub accept: Option<String>,
}

/// Counters.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    /// All requests, /__sim/ excluded.
    pub requests: u64,
    /// 429 answers.
    pub rate_limited: u64,
    /// Tokens issued.
    pub tokens_issued: u64,
    /// Follow-up actions run by admin saves.
    pub followup_actions_run: u64,
    /// Field values that arrived as JSON numbers or booleans (the typed-values deviation
    /// counts them, to show they were written back so).
    pub typed_values_received: u64,
}

/// Successful submits per project and form.
#[derive(Clone, Debug, Serialize)]
pub struct SubmitCount {
    /// Project id.
    pub project_id: String,
    /// Project number after the submit.
    pub project_number: Option<String>,
    /// Form id.
    pub form_id: String,
    /// Successful submits.
    pub count: u32,
}

/// Everything mutable.
pub struct SimState {
    /// Behaviour knobs.
    pub knobs: Knobs,
    /// The demo program.
    pub program: Program,
    /// Issued tokens.
    pub tokens: HashMap<String, TokenInfo>,
    /// Accepted calls per API key, for the sliding window.
    pub windows: HashMap<String, VecDeque<Instant>>,
    /// Request log.
    pub log: VecDeque<LogEntry>,
    /// Next log sequence number.
    pub next_seq: u64,
    /// Submits per (project id, form id).
    pub submits: HashMap<(String, String), u32>,
    /// Accepted uploads per (project id, form id, attachment id).
    pub uploads: HashMap<(String, String, String), u32>,
    /// Tells waiting tests that the log grew (its value: the next sequence number).
    pub logged: tokio::sync::watch::Sender<u64>,
    /// 429 answers left in the current injected burst.
    pub burst_left: u32,
    /// Pending scheduled faults.
    pub scheduled: Vec<ScheduledFault>,
    /// Counters.
    pub stats: Stats,
    /// Where uploaded files go.
    pub files_dir: PathBuf,
    /// Counter for upload file names.
    pub next_upload: u64,
    /// Start time, for `t_us`.
    pub started: Instant,
}

impl SimState {
    /// A field's value as text (lists joined with "; "): the draft's when the form has one,
    /// else the submitted one; `None` when the project, form or field is unknown or empty.
    pub fn value_of(&self, project_number: &str, form: &str, field: &str) -> Option<String> {
        let form = self.program.form(form)?;
        let field = form.fields.iter().find(|f| f.is(field))?;
        let p = self
            .program
            .projects
            .iter()
            .find(|p| p.number.as_deref() == Some(project_number))?;
        let fs = p.forms.get(&form.id)?;
        match fs
            .draft
            .as_ref()
            .unwrap_or(&fs.submitted)
            .values
            .get(&field.id)?
        {
            crate::model::Val::Single(s) => Some(s.clone()),
            crate::model::Val::Multi(v) => Some(v.join("; ")),
        }
    }

    /// Takes one use of the first scheduled fault that replaces the whole answer (see
    /// [`FaultKind::replaces_answer`]) matching the request.
    pub fn take_answer_fault(&mut self, method: &str, path: &str) -> Option<ScheduledFault> {
        let kind = self
            .scheduled
            .iter()
            .find(|f| f.kind.replaces_answer() && f.matches(method, path))?
            .kind;
        self.take_fault(kind, method, path)
    }

    /// The next scheduled fault of this kind for the request, consuming one of its counts.
    pub fn take_fault(
        &mut self,
        kind: FaultKind,
        method: &str,
        path: &str,
    ) -> Option<ScheduledFault> {
        let i = self
            .scheduled
            .iter()
            .position(|f| f.kind == kind && f.matches(method, path))?;
        let f = self.scheduled[i].clone();
        self.scheduled[i].count -= 1;
        if self.scheduled[i].count == 0 {
            self.scheduled.remove(i);
        }
        Some(f)
    }

    /// Appends to the request log.
    pub fn log(
        &mut self,
        arrived: Instant,
        method: &str,
        path: &str,
        status: u16,
        api_key: Option<String>,
        dropped: Option<&'static str>,
    ) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.stats.requests += 1;
        if self.log.len() >= decisions::REQUEST_LOG_CAPACITY {
            self.log.pop_front();
        }
        self.log.push_back(LogEntry {
            seq,
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            t_us: arrived.duration_since(self.started).as_micros() as u64,
            method: method.to_string(),
            path: path.to_string(),
            status,
            api_key,
            dropped,
            accept: None,
        });
        self.logged.send_replace(self.next_seq);
    }

    /// The sliding-window check of D4: `Ok` counts the call; `Err(wait)` refuses it (and
    /// does not count it) with the time until a slot frees.
    pub fn admit(&mut self, api_key: &str, now: Instant) -> Result<(), std::time::Duration> {
        let window = self.knobs.window();
        let max = self.knobs.max_calls as usize;
        let q = self.windows.entry(api_key.to_string()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
            q.pop_front();
        }
        if q.len() >= max {
            let oldest = *q.front().expect("full window has entries");
            return Err(window - now.duration_since(oldest));
        }
        if max != u32::MAX as usize {
            q.push_back(now);
        }
        Ok(())
    }
}
