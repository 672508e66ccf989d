//! Watch: while the app runs, one `changed_since` call every N minutes (counted by the rate
//! limiter like every call) brings the listing up to date; what the person cares about —
//! projects arriving in a status they chose, projects that become overdue tomorrow — is
//! said in a sentence for a notification. The app decides when to ask (never while a form
//! has unsaved edits or a bulk run is under way).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::deadlines::{self, Deadlines};
use crate::error::CoreError;
use crate::session::Session;
use crate::status_log::StatusLog;

/// What to watch for (Settings → Watch).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct WatchPrefs {
    /// Look for changes while the app runs.
    pub on: bool,
    /// Every this many minutes (1 to 1440).
    pub every_minutes: u32,
    /// Say when projects arrive in these statuses (none chosen: any status with a target).
    pub arrivals: Vec<String>,
    /// Say (once a day) how many projects become overdue tomorrow.
    pub overdue_tomorrow: bool,
}

impl Default for WatchPrefs {
    fn default() -> Self {
        Self {
            on: true,
            every_minutes: 15,
            arrivals: Vec::new(),
            overdue_tomorrow: true,
        }
    }
}

/// Projects that arrived in one status.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Arrivals {
    /// The status.
    pub status: String,
    /// How many arrived.
    pub count: usize,
}

/// What one look found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WatchNews {
    /// Projects that arrived in a watched status, per status.
    pub arrivals: Vec<Arrivals>,
    /// Projects due today: overdue tomorrow (counted when asked for).
    pub overdue_tomorrow: usize,
    /// Projects PowerClerk said changed.
    pub changed: usize,
    /// The news in sentences ("3 new in Technical Review"); empty: nothing to say.
    pub sentences: Vec<String>,
}

impl Session {
    /// One look: the projects changed since the last (one `changed_since` call), written
    /// into `log`, and what `prefs` asks to be told. `count_overdue`: count the projects due
    /// today (the app asks once a day).
    pub async fn watch_once(
        &self,
        deadlines: &Deadlines,
        log: &StatusLog,
        prefs: &WatchPrefs,
        count_overdue: bool,
    ) -> Result<WatchNews, CoreError> {
        let before: HashMap<String, String> = self
            .with_listing(|projects| {
                projects
                    .iter()
                    .map(|p| (p.project_id.clone(), p.status_name().to_string()))
                    .collect()
            })
            .await;
        let changed = self.refreshed_listing(!before.is_empty()).await?;
        self.observe(log).await?;
        let watched = |status: &str| {
            if prefs.arrivals.is_empty() {
                deadlines.target(status).is_some()
            } else {
                prefs
                    .arrivals
                    .iter()
                    .any(|s| s.trim().eq_ignore_ascii_case(status.trim()))
            }
        };
        let (arrivals, due_today) = self
            .with_listing(|projects| {
                let mut arrivals: Vec<Arrivals> = Vec::new();
                let changed_set: std::collections::HashSet<&str> =
                    changed.iter().map(String::as_str).collect();
                for p in projects
                    .iter()
                    .filter(|p| changed_set.contains(p.project_id.as_str()))
                {
                    let now = p.status_name();
                    if before.get(&p.project_id).map(String::as_str) == Some(now) || !watched(now) {
                        continue;
                    }
                    match arrivals.iter_mut().find(|a| a.status == now) {
                        Some(a) => a.count += 1,
                        None => arrivals.push(Arrivals {
                            status: now.to_string(),
                            count: 1,
                        }),
                    }
                }
                let due_today = if count_overdue && prefs.overdue_tomorrow {
                    deadlines::of_projects(deadlines, projects)
                        .iter()
                        .filter(|d| d.due_in == Some(0))
                        .count()
                } else {
                    0
                };
                (arrivals, due_today)
            })
            .await;
        let mut sentences: Vec<String> = arrivals
            .iter()
            .map(|a| format!("{} new in {}", a.count, a.status))
            .collect();
        if due_today > 0 {
            sentences.push(format!(
                "{due_today} project{} become{} overdue tomorrow",
                if due_today == 1 { "" } else { "s" },
                if due_today == 1 { "s" } else { "" }
            ));
        }
        Ok(WatchNews {
            arrivals,
            overdue_tomorrow: due_today,
            changed: changed.len(),
            sentences,
        })
    }
}
