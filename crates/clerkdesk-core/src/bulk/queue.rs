//! The program's work queue for the Projects screen: every project with its number, status,
//! owner and last change, the count per status, and which projects changed since the user
//! last looked — a refresh is one `changed_since` call, not a full reload.

use serde::Serialize;
use ts_rs::TS;

use crate::deadlines::{self, Deadlines, Due};
use crate::error::CoreError;
use crate::session::Session;

/// One project row.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct QueueRow {
    /// The project number (the id when it has none yet).
    pub number: String,
    /// Status name.
    pub status: String,
    /// The owner's name (or e-mail).
    pub owner: String,
    /// Last change, RFC 3339 ("" when unknown).
    pub last_change: String,
    /// Changed by the last refresh.
    pub changed: bool,
    /// When it entered its status (ISO date), "" when unknown.
    pub status_since: String,
    /// Its age in the status and due date against the status's target.
    pub due: Due,
}

/// How many projects are in one status.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct StatusCount {
    /// Status name.
    pub status: String,
    /// Projects in it.
    pub count: usize,
}

/// The work queue.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct WorkQueue {
    /// Every project, newest change first.
    pub rows: Vec<QueueRow>,
    /// Statuses with their counts, by name.
    pub statuses: Vec<StatusCount>,
    /// Projects the last refresh found changed.
    pub changed: usize,
    /// How ages and due dates are counted ("business days", "calendar days").
    pub counting: String,
    /// True when some status has a target (the Due column means something).
    pub has_targets: bool,
}

impl Session {
    /// The work queue. `refresh`: bring the list up to date with one `changed_since` call
    /// and mark what changed; otherwise the list as last read (read once per connection).
    pub async fn work_queue(
        &self,
        refresh: bool,
        deadlines: &Deadlines,
    ) -> Result<WorkQueue, CoreError> {
        let changed = self.refreshed_listing(refresh).await?;
        Ok(self
            .with_listing(|projects| {
                let dues = deadlines::of_projects(deadlines, projects);
                let mut rows: Vec<QueueRow> = projects
                    .iter()
                    .zip(dues)
                    .map(|(p, due)| QueueRow {
                        number: p.label().to_string(),
                        status: p.status_name().to_string(),
                        owner: p
                            .project_owner
                            .as_ref()
                            .and_then(|o| o.name.clone().or_else(|| o.email.clone()))
                            .unwrap_or_default(),
                        last_change: p
                            .last_change_timestamp
                            .map(|t| t.to_rfc3339())
                            .unwrap_or_default(),
                        changed: changed.contains(&p.project_id),
                        status_since: deadlines::status_since(p)
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                        due,
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    b.last_change
                        .cmp(&a.last_change)
                        .then(a.number.cmp(&b.number))
                });
                let mut statuses: Vec<StatusCount> = Vec::new();
                for r in &rows {
                    match statuses.iter_mut().find(|s| s.status == r.status) {
                        Some(s) => s.count += 1,
                        None => statuses.push(StatusCount {
                            status: r.status.clone(),
                            count: 1,
                        }),
                    }
                }
                statuses.sort_by(|a, b| a.status.cmp(&b.status));
                WorkQueue {
                    rows,
                    statuses,
                    changed: changed.len(),
                    counting: deadlines.counting.words().to_string(),
                    has_targets: !deadlines.targets.is_empty(),
                }
            })
            .await)
    }
}
