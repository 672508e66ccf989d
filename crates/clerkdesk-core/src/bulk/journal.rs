//! The durable journal of bulk jobs: SQLite (bundled) in the app data folder, WAL mode with
//! `synchronous = FULL`, so that a step written before a call survives a kill, a crash or
//! a power cut. Each row's step is written before its call and its outcome after, which is
//! what lets a resumed job settle a submit or upload whose answer never came by reading
//! the project first instead of sending again.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::plan::{Plan, RowPlan};
use crate::error::CoreError;

/// The journal's file name in the data folder.
pub const JOURNAL_FILE: &str = "bulk-jobs.sqlite3";

/// Where a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Nothing sent yet.
    Pending,
    /// The draft save was sent (safe to send again).
    Saving,
    /// Upload number `n` was sent; its outcome is unknown until its answer is recorded.
    Uploading(usize),
    /// The submit was sent; its outcome is unknown until its answer is recorded.
    Submitting,
    /// Finished: the row has its result.
    Done,
}

/// How a row ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowResult {
    /// Saved and submitted.
    Submitted,
    /// Saved as a draft (and files uploaded).
    Saved,
    /// Already as the sheet says: nothing written.
    Unchanged,
    /// A problem found before sending: nothing sent.
    Skipped,
    /// Tried; PowerClerk refused or could not be reached.
    Failed,
}

impl RowResult {
    /// The word the results file shows.
    pub fn word(self) -> &'static str {
        match self {
            RowResult::Submitted => "Submitted",
            RowResult::Saved => "Saved",
            RowResult::Unchanged => "Unchanged",
            RowResult::Skipped => "Skipped",
            RowResult::Failed => "Failed",
        }
    }
}

/// A row's state in the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowState {
    /// Where it is.
    pub step: Step,
    /// True once the draft save was answered.
    pub saved: bool,
    /// Uploads answered so far.
    pub uploaded: usize,
    /// Its result, once done.
    pub result: Option<RowResult>,
    /// What happened, in words.
    pub message: String,
    /// The project's status after the row.
    pub new_status: Option<String>,
    /// When the row ended (RFC 3339).
    pub time: Option<String>,
}

impl RowState {
    /// A row not started.
    pub fn pending() -> Self {
        Self {
            step: Step::Pending,
            saved: false,
            uploaded: 0,
            result: None,
            message: String::new(),
            new_status: None,
            time: None,
        }
    }
}

/// Which connection a job belongs to (resume picks the latest of the same connection).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobOwner {
    /// The API address.
    pub api_url: String,
    /// The program.
    pub program: String,
    /// "TRIAL", "PRODUCTION", "DEMO", "CUSTOM".
    pub environment: String,
}

/// A job as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSummary {
    /// Its id.
    pub id: String,
    /// When it was started (RFC 3339).
    pub created: String,
    /// The sheet.
    pub sheet: PathBuf,
    /// The form's name.
    pub form_name: String,
    /// Rows in all, and rows done.
    pub rows: usize,
    /// Rows with a result.
    pub done: usize,
    /// True when every row has its result.
    pub finished: bool,
}

/// The journal (one SQLite connection, shared by the tasks of a run).
#[derive(Clone)]
pub struct Journal {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

fn db(e: rusqlite::Error, path: &Path) -> CoreError {
    CoreError::Io {
        what: "use the bulk job journal".into(),
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

impl Journal {
    /// Opens (or creates) the journal in `dir`.
    pub fn open(dir: &Path) -> Result<Self, CoreError> {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io("create", dir, &e))?;
        let path = dir.join(JOURNAL_FILE);
        let conn = Connection::open(&path).map_err(|e| db(e, &path))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS jobs (
               id TEXT PRIMARY KEY, created TEXT NOT NULL, owner TEXT NOT NULL,
               plan TEXT NOT NULL, finished INTEGER NOT NULL DEFAULT 0);
             CREATE TABLE IF NOT EXISTS rows (
               job TEXT NOT NULL, idx INTEGER NOT NULL, state TEXT NOT NULL,
               PRIMARY KEY (job, idx));",
        )
        .map_err(|e| db(e, &path))?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, CoreError> {
        let mut c = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut c).map_err(|e| db(e, &self.path))
    }

    /// Records a new job with every row pending (or already settled: skipped, unchanged)
    /// in one transaction, and returns its id.
    pub fn create(
        &self,
        owner: &JobOwner,
        plan: &Plan,
        states: &[RowState],
    ) -> Result<String, CoreError> {
        let now = chrono::Local::now();
        let id = format!("{}-{:04x}", now.format("%Y%m%d-%H%M%S"), rand_suffix());
        let plan_json = serde_json::to_string(plan).expect("plans serialise");
        let owner_json = serde_json::to_string(owner).expect("owners serialise");
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO jobs (id, created, owner, plan) VALUES (?1, ?2, ?3, ?4)",
                params![id, now.to_rfc3339(), owner_json, plan_json],
            )?;
            {
                let mut ins =
                    tx.prepare("INSERT INTO rows (job, idx, state) VALUES (?1, ?2, ?3)")?;
                for (i, s) in states.iter().enumerate() {
                    ins.execute(params![
                        id,
                        i as i64,
                        serde_json::to_string(s).expect("states serialise")
                    ])?;
                }
            }
            tx.commit()
        })?;
        Ok(id)
    }

    /// Writes a row's state (before a call: its step; after: its outcome).
    pub fn write(&self, job: &str, idx: usize, state: &RowState) -> Result<(), CoreError> {
        let s = serde_json::to_string(state).expect("states serialise");
        self.with(|c| {
            c.execute(
                "UPDATE rows SET state = ?3 WHERE job = ?1 AND idx = ?2",
                params![job, idx as i64, s],
            )
            .map(|_| ())
        })
    }

    /// Marks a job finished (every row has its result).
    pub fn finish(&self, job: &str) -> Result<(), CoreError> {
        self.with(|c| {
            c.execute("UPDATE jobs SET finished = 1 WHERE id = ?1", params![job])
                .map(|_| ())
        })
    }

    /// A job's plan, owner and row states.
    pub fn load(&self, job: &str) -> Result<Option<(JobOwner, Plan, Vec<RowState>)>, CoreError> {
        let found = self.with(|c| {
            let head: Option<(String, String)> = c
                .query_row(
                    "SELECT owner, plan FROM jobs WHERE id = ?1",
                    params![job],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some(head) = head else { return Ok(None) };
            let mut q = c.prepare("SELECT state FROM rows WHERE job = ?1 ORDER BY idx")?;
            let states: Vec<String> = q
                .query_map(params![job], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(Some((head, states)))
        })?;
        let Some(((owner, plan), states)) = found else {
            return Ok(None);
        };
        let broken = || {
            CoreError::Input(format!(
                "The journal entry of job {job} is damaged; start the job again from its sheet."
            ))
        };
        let owner: JobOwner = serde_json::from_str(&owner).map_err(|_| broken())?;
        let plan: Plan = serde_json::from_str(&plan).map_err(|_| broken())?;
        let states: Vec<RowState> = states
            .iter()
            .map(|s| serde_json::from_str(s))
            .collect::<Result<_, _>>()
            .map_err(|_| broken())?;
        if states.len() != plan.rows.len() {
            return Err(broken());
        }
        Ok(Some((owner, plan, states)))
    }

    /// The jobs of `owner`'s connection, newest first.
    pub fn list(&self, owner: &JobOwner) -> Result<Vec<JobSummary>, CoreError> {
        let rows: Vec<(String, String, String, String, bool)> = self.with(|c| {
            let mut q = c.prepare("SELECT id, created, owner, plan, finished FROM jobs ORDER BY created DESC, id DESC")?;
            let r = q
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)? != 0)))?
                .collect::<Result<Vec<_>, _>>();
            r
        })?;
        let mut out = Vec::new();
        for (id, created, o, plan, finished) in rows {
            let Ok(o) = serde_json::from_str::<JobOwner>(&o) else {
                continue;
            };
            if o.api_url != owner.api_url || o.program != owner.program {
                continue;
            }
            let Ok(plan) = serde_json::from_str::<Plan>(&plan) else {
                continue;
            };
            let done: i64 = self.with(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM rows WHERE job = ?1 AND state LIKE '%\"step\":\"Done\"%'",
                    params![id],
                    |r| r.get(0),
                )
            })?;
            out.push(JobSummary {
                id,
                created,
                sheet: plan.sheet.clone(),
                form_name: plan.form_name.clone(),
                rows: plan.rows.len(),
                done: done as usize,
                finished,
            });
        }
        Ok(out)
    }

    /// The newest unfinished job of the connection.
    pub fn latest_unfinished(&self, owner: &JobOwner) -> Result<Option<String>, CoreError> {
        Ok(self
            .list(owner)?
            .into_iter()
            .find(|j| !j.finished)
            .map(|j| j.id))
    }
}

fn rand_suffix() -> u16 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish() as u16
}

/// The journal row states a new job starts with: rows with problems are Skipped and rows
/// already as the sheet says are Unchanged before anything is sent.
pub fn initial_states(rows: &[RowPlan]) -> Vec<RowState> {
    let now = chrono::Local::now().to_rfc3339();
    rows.iter()
        .map(|r| match r.kind() {
            super::plan::RowKind::Problem => RowState {
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
            super::plan::RowKind::Same => RowState {
                step: Step::Done,
                result: Some(RowResult::Unchanged),
                message: "Already as the sheet says; nothing was sent.".into(),
                new_status: r.status.clone(),
                time: Some(now.clone()),
                ..RowState::pending()
            },
            super::plan::RowKind::Change => RowState::pending(),
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
