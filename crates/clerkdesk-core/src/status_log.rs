//! Clerkdesk's own record of statuses. PowerClerk's API gives each project's current status
//! and when it entered it, not the way there: every listing Clerkdesk reads is compared with
//! the last one, and each project's new status is written down (SQLite in the app data
//! folder, `status-history.sqlite3`). Transitions — which projects entered which status, week
//! by week — are derived from it, from the day Clerkdesk began watching the program.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::error::CoreError;

/// The file's name in the data folder.
pub const STATUS_LOG_FILE: &str = "status-history.sqlite3";

/// A project as a listing shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen<'a> {
    /// The project's id.
    pub project: &'a str,
    /// Its status's name.
    pub status: &'a str,
    /// When it entered the status (PowerClerk's `CurrentStatus.Timestamp`), when given.
    pub entered: Option<DateTime<FixedOffset>>,
}

/// One entry: `project` was found in `status`, entered at `entered`.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The project's id.
    pub project: String,
    /// The status.
    pub status: String,
    /// When it entered it (or when Clerkdesk first saw it there).
    pub entered: DateTime<Utc>,
}

/// The record (one SQLite connection; cheap to clone).
#[derive(Clone)]
pub struct StatusLog {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

fn db(e: rusqlite::Error, path: &Path) -> CoreError {
    CoreError::Io {
        what: "use Clerkdesk's status history".into(),
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

impl StatusLog {
    /// Opens (or creates) the record in `dir`.
    pub fn open(dir: &Path) -> Result<Self, CoreError> {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io("create", dir, &e))?;
        let path = dir.join(STATUS_LOG_FILE);
        let conn = Connection::open(&path).map_err(|e| db(e, &path))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS entries (
               program TEXT NOT NULL, project TEXT NOT NULL, status TEXT NOT NULL,
               entered TEXT NOT NULL, seen TEXT NOT NULL);
             CREATE INDEX IF NOT EXISTS entries_by_program ON entries (program, entered);
             CREATE TABLE IF NOT EXISTS current (
               program TEXT NOT NULL, project TEXT NOT NULL, status TEXT NOT NULL,
               PRIMARY KEY (program, project));
             CREATE TABLE IF NOT EXISTS watching (program TEXT PRIMARY KEY, since TEXT NOT NULL);",
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

    /// Compares a listing of `program` seen at `now` with the last one and writes down each
    /// project whose status is new. Returns how many were written.
    pub fn record(
        &self,
        program: &str,
        projects: &[Seen<'_>],
        now: DateTime<Utc>,
    ) -> Result<usize, CoreError> {
        let now_text = now.to_rfc3339();
        self.with(|c| {
            // Immediate: a second recorder (the watch, the Overview, the queue) waits for this
            // one instead of reading the same "current" statuses and writing them twice.
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT OR IGNORE INTO watching (program, since) VALUES (?1, ?2)",
                params![program, now_text],
            )?;
            let known: HashMap<String, String> = {
                let mut q = tx.prepare("SELECT project, status FROM current WHERE program = ?1")?;
                let rows = q.query_map(params![program], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut written = 0;
            {
                let mut add = tx.prepare(
                    "INSERT INTO entries (program, project, status, entered, seen) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                let mut set = tx.prepare(
                    "INSERT OR REPLACE INTO current (program, project, status) VALUES (?1, ?2, ?3)",
                )?;
                for p in projects {
                    if known.get(p.project).map(String::as_str) == Some(p.status) {
                        continue;
                    }
                    // Entered when PowerClerk says; without a time, or with one in the
                    // future, when Clerkdesk saw it.
                    let entered = p
                        .entered
                        .map(|t| t.with_timezone(&Utc))
                        .filter(|t| *t <= now)
                        .unwrap_or(now);
                    add.execute(params![program, p.project, p.status, entered.to_rfc3339(), now_text])?;
                    set.execute(params![program, p.project, p.status])?;
                    written += 1;
                }
            }
            tx.commit()?;
            Ok(written)
        })
    }

    /// Since when Clerkdesk has watched `program`, if it has.
    pub fn watching_since(&self, program: &str) -> Result<Option<DateTime<Utc>>, CoreError> {
        let since: Option<String> = self.with(|c| {
            let mut q = c.prepare("SELECT since FROM watching WHERE program = ?1")?;
            let mut rows = q.query(params![program])?;
            Ok(match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            })
        })?;
        Ok(since.and_then(|s| parse(&s)))
    }

    /// Every entry of `program`, oldest first.
    pub fn entries(&self, program: &str) -> Result<Vec<Entry>, CoreError> {
        let rows: Vec<(String, String, String)> = self.with(|c| {
            let mut q = c.prepare(
                "SELECT project, status, entered FROM entries WHERE program = ?1 ORDER BY entered, rowid",
            )?;
            let r = q
                .query_map(params![program], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<Vec<_>, _>>();
            r
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(project, status, entered)| {
                Some(Entry {
                    project,
                    status,
                    entered: parse(&entered)?,
                })
            })
            .collect())
    }
}

fn parse(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The Monday of `day`'s week.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Projects entering each status, week by week (Mondays, local), from the week Clerkdesk
/// began watching: a project counts in a week for each status it entered in it.
pub fn entering_per_week(
    entries: &[Entry],
    since: DateTime<Utc>,
) -> Vec<(NaiveDate, HashMap<String, u32>)> {
    let first = week_of(since.with_timezone(&chrono::Local).date_naive());
    let mut weeks: Vec<(NaiveDate, HashMap<String, u32>)> = Vec::new();
    for e in entries {
        let week = week_of(e.entered.with_timezone(&chrono::Local).date_naive());
        if week < first {
            continue;
        }
        match weeks.iter_mut().find(|(w, _)| *w == week) {
            Some((_, counts)) => *counts.entry(e.status.clone()).or_default() += 1,
            None => weeks.push((week, HashMap::from([(e.status.clone(), 1)]))),
        }
    }
    weeks.sort_by_key(|(w, _)| *w);
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        parse(s).unwrap()
    }

    fn seen<'a>(project: &'a str, status: &'a str, entered: &str) -> Seen<'a> {
        Seen {
            project,
            status,
            entered: Some(DateTime::parse_from_rfc3339(entered).unwrap()),
        }
    }

    #[test]
    fn a_project_moving_back_and_forth_is_three_entries() {
        let dir = tempfile::tempdir().unwrap();
        let log = StatusLog::open(dir.path()).unwrap();
        let t0 = at("2026-11-30T12:00:00Z"); // a Monday
        let first = [
            seen("p1", "Review", "2026-11-20T09:00:00Z"),
            seen("p2", "Review", "2026-11-30T08:00:00Z"),
        ];
        assert_eq!(log.record("P", &first, t0).unwrap(), 2);
        // The same listing again: nothing new.
        assert_eq!(log.record("P", &first, t0 + Duration::hours(1)).unwrap(), 0);
        // p1 moves on, then back.
        let t1 = at("2026-12-02T12:00:00Z");
        log.record("P", &[seen("p1", "Inspection", "2026-12-02T10:00:00Z")], t1)
            .unwrap();
        let t2 = at("2026-12-08T12:00:00Z");
        log.record("P", &[seen("p1", "Review", "2026-12-08T11:00:00Z")], t2)
            .unwrap();
        let e = log.entries("P").unwrap();
        let p1: Vec<&str> = e
            .iter()
            .filter(|x| x.project == "p1")
            .map(|x| x.status.as_str())
            .collect();
        assert_eq!(p1, ["Review", "Inspection", "Review"]);
        assert_eq!(log.watching_since("P").unwrap(), Some(t0));
        assert!(log.entries("other").unwrap().is_empty());

        // Per week from the week watching began: p1's first entry (20 Nov) is before it.
        let weeks = entering_per_week(&e, t0);
        assert_eq!(weeks.len(), 2, "{weeks:?}");
        assert_eq!(weeks[0].0, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(weeks[0].1.get("Review"), Some(&1), "p2");
        assert_eq!(weeks[0].1.get("Inspection"), Some(&1), "p1 moved on");
        assert_eq!(weeks[1].1.get("Review"), Some(&1), "p1 came back");
    }

    #[test]
    fn an_entry_time_in_the_future_is_taken_as_seen() {
        let dir = tempfile::tempdir().unwrap();
        let log = StatusLog::open(dir.path()).unwrap();
        let now = at("2026-12-04T12:00:00Z");
        log.record("P", &[seen("p", "A", "2027-01-01T00:00:00Z")], now)
            .unwrap();
        assert_eq!(log.entries("P").unwrap()[0].entered, now);
    }
}
