//! The activity log: every write (draft save, submit, upload) with time, environment,
//! project, form, action and result; kept locally as JSON lines and exportable as CSV.

use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreError;

/// One write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActivityEntry {
    /// Local time, `2026-11-28 14:02:11`.
    pub time: String,
    /// `DEMO`, `TRIAL`, `PRODUCTION`, `CUSTOM`.
    pub environment: String,
    /// Project number.
    pub project: String,
    /// Form name.
    pub form: String,
    /// "Save draft", "Submit", "Upload", "Download".
    pub action: String,
    /// What happened, in words.
    pub result: String,
    /// A bulk job's id, when the entry is a bulk run (its rows are listed on demand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub job: Option<String>,
    /// A bulk run's results file, when one was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub results: Option<String>,
}

impl ActivityEntry {
    /// An entry stamped now.
    pub fn now(environment: &str, project: &str, form: &str, action: &str, result: &str) -> Self {
        Self {
            time: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            environment: environment.into(),
            project: project.into(),
            form: form.into(),
            action: action.into(),
            result: result.into(),
            job: None,
            results: None,
        }
    }
}

/// The log file.
#[derive(Clone, Debug)]
pub struct ActivityLog {
    path: PathBuf,
}

impl ActivityLog {
    /// Uses `path` (its folder is created).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// Appends an entry.
    pub fn append(&self, entry: &ActivityEntry) -> Result<(), CoreError> {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| CoreError::io("write the activity log", &self.path, &e))?;
        let line = serde_json::to_string(entry).expect("entries serialise");
        writeln!(f, "{line}").map_err(|e| CoreError::io("write the activity log", &self.path, &e))
    }

    /// [`Self::append`] on a blocking thread (for async callers).
    pub async fn append_async(&self, entry: ActivityEntry) -> Result<(), CoreError> {
        let log = self.clone();
        crate::blocking::run(move || log.append(&entry)).await?
    }

    /// [`Self::entries`] on a blocking thread (for async callers).
    pub async fn entries_async(&self) -> Result<Vec<ActivityEntry>, CoreError> {
        let log = self.clone();
        crate::blocking::run(move || log.entries()).await
    }

    /// All entries, newest first.
    pub fn entries(&self) -> Vec<ActivityEntry> {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        let mut v: Vec<ActivityEntry> = text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        v.reverse();
        v
    }
}

/// The log's single writes and the bulk runs in one list, newest first.
pub fn merged(mut log: Vec<ActivityEntry>, runs: Vec<ActivityEntry>) -> Vec<ActivityEntry> {
    log.extend(runs);
    // Times are "YYYY-MM-DD HH:MM:SS": they sort as text. Stable, so the log's order holds.
    log.sort_by(|a, b| b.time.cmp(&a.time));
    log
}

fn csv_field(s: &str) -> String {
    // Quote always; double inner quotes. A leading = + - @ (or a TAB or CR before one, which
    // spreadsheet programs skip) would be run as a formula: prefix it with an apostrophe
    // (OWASP's CSV-injection rule).
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The entries as CSV with a header row.
pub fn to_csv(entries: &[ActivityEntry]) -> String {
    let mut out = String::from("Time,Environment,Project,Form,Action,Result\r\n");
    for e in entries {
        let row = [
            &e.time,
            &e.environment,
            &e.project,
            &e.form,
            &e.action,
            &e.result,
        ]
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_list_and_export() {
        let dir = tempfile::tempdir().unwrap();
        let log = ActivityLog::new(dir.path().join("a/activity.jsonl"));
        log.append(&ActivityEntry::now(
            "DEMO",
            "INTG-00256",
            "Technical Review",
            "Save draft",
            "Saved 2 fields",
        ))
        .unwrap();
        log.append(&ActivityEntry::now(
            "DEMO",
            "INTG-00256",
            "Technical Review",
            "Submit",
            "=HYPERLINK(\"x\")",
        ))
        .unwrap();
        let e = log.entries();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].action, "Submit");
        let csv = to_csv(&e);
        assert!(csv.starts_with("Time,Environment,Project,Form,Action,Result\r\n"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    }

    #[test]
    fn formula_guard_covers_tab_and_cr() {
        for lead in ["=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(csv_field(lead).starts_with("\"'"), "{lead:?}");
        }
        assert_eq!(csv_field("Saved"), "\"Saved\"");
    }
}
