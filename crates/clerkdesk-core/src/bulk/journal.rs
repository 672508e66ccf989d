//! The durable journal of bulk jobs: SQLite (bundled) in the app data folder, WAL mode with
//! `synchronous = FULL`, so that a step written before a call survives a kill, a crash or
//! a power cut. Each row's step is written before its call and its outcome after, which is
//! what lets a resumed job settle a submit or upload whose answer never came by reading
//! the project first instead of sending again.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::counts::Counts;
use super::plan::Plan;
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobSummary {
    /// Its id.
    pub id: String,
    /// When it was started (RFC 3339).
    pub created: String,
    /// When its last row ended (RFC 3339), or when it was started if none has.
    pub last_step: String,
    /// The sheet.
    pub sheet: PathBuf,
    /// The form's name.
    pub form_name: String,
    /// True when each changed row is submitted after saving.
    pub submit: bool,
    /// Rows in all.
    pub rows: usize,
    /// Rows with a result.
    pub done: usize,
    /// Rows per result.
    pub counts: Counts,
    /// True when every row has its result.
    pub finished: bool,
    /// True when the person gave it up: it is no longer offered for resuming.
    pub discarded: bool,
    /// Its results file, once one was written.
    pub results: Option<PathBuf>,
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
               PRIMARY KEY (job, idx));
             CREATE TABLE IF NOT EXISTS discarded (job TEXT PRIMARY KEY, at TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS outputs (job TEXT PRIMARY KEY, results TEXT NOT NULL);",
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
        type Head = (String, String, String, bool, bool, Option<String>);
        let heads: Vec<Head> = self.with(|c| {
            let mut q = c.prepare(
                "SELECT j.id, j.created, j.owner, j.finished, d.job IS NOT NULL, o.results
                 FROM jobs j LEFT JOIN discarded d ON d.job = j.id LEFT JOIN outputs o ON o.job = j.id
                 ORDER BY j.created DESC, j.id DESC",
            )?;
            let r = q
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0, r.get(4)?, r.get(5)?))
                })?
                .collect::<Result<Vec<_>, _>>();
            r
        })?;
        let mut out = Vec::new();
        for (id, created, o, finished, discarded, results) in heads {
            let Ok(o) = serde_json::from_str::<JobOwner>(&o) else {
                continue;
            };
            if o.api_url != owner.api_url || o.program != owner.program {
                continue;
            }
            // A damaged entry is left out of the list; resuming it by id says so.
            let Ok(Some((_, plan, states))) = self.load(&id) else {
                continue;
            };
            let results_of: Vec<Option<RowResult>> = states.iter().map(|s| s.result).collect();
            let last_step = states
                .iter()
                .filter_map(|s| s.time.clone())
                .max()
                .filter(|t| *t > created)
                .unwrap_or_else(|| created.clone());
            out.push(JobSummary {
                id,
                created,
                last_step,
                sheet: plan.sheet.clone(),
                form_name: plan.form_name.clone(),
                submit: plan.submit,
                rows: plan.rows.len(),
                done: states.iter().filter(|s| s.step == Step::Done).count(),
                counts: Counts::of(&results_of),
                finished,
                discarded,
                results: results.map(PathBuf::from),
            });
        }
        Ok(out)
    }

    /// Gives a job up: it is no longer offered for resuming (its rows stay, for Activity).
    pub fn discard(&self, job: &str) -> Result<(), CoreError> {
        let now = chrono::Local::now().to_rfc3339();
        self.with(|c| {
            c.execute(
                "INSERT OR REPLACE INTO discarded (job, at) VALUES (?1, ?2)",
                params![job, now],
            )
            .map(|_| ())
        })
    }

    /// Records where a job's results file was written (Activity opens it).
    pub fn record_results(&self, job: &str, results: &Path) -> Result<(), CoreError> {
        let path = results.to_string_lossy().into_owned();
        self.with(|c| {
            c.execute(
                "INSERT OR REPLACE INTO outputs (job, results) VALUES (?1, ?2)",
                params![job, path],
            )
            .map(|_| ())
        })
    }

    /// True when `path` is a results file this journal recorded (so the window may open it).
    pub fn wrote(&self, path: &Path) -> Result<bool, CoreError> {
        let path = path.to_string_lossy().into_owned();
        self.with(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM outputs WHERE results = ?1",
                params![path],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
        })
    }

    /// The newest unfinished job of the connection.
    pub fn latest_unfinished(&self, owner: &JobOwner) -> Result<Option<String>, CoreError> {
        Ok(self
            .list(owner)?
            .into_iter()
            .find(|j| !j.finished && !j.discarded)
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
