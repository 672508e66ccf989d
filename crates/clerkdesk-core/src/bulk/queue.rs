//! The program's work queue for the Projects screen: every project with its number, status,
//! owner, last change, days in its status and due date, the count per status, and which
//! projects changed since the user last looked — a refresh is one `changed_since` call, not
//! a full reload. Rows are compact (statuses and owners by index, times as numbers): the
//! window holds 20,000 of them.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::deadlines::{self, Deadlines, Urgency};
use crate::error::CoreError;
use crate::session::Session;

/// One project row.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct QueueRow {
    /// The project number (the id when it has none yet).
    pub number: String,
    /// Its status: an index into [`WorkQueue::statuses`].
    pub status: u32,
    /// Its owner's name (or e-mail): an index into [`WorkQueue::owners`].
    pub owner: u32,
    /// Last change, seconds since 1970 (0 when unknown).
    #[ts(type = "number")]
    pub changed_at: i64,
    /// Changed by the last refresh (left out when not).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(type = "boolean | undefined")]
    pub changed: bool,
    /// Days in the current status (counted as the deadlines say), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub age: Option<i64>,
    /// The due date, days since 1970-01-01, when the status has a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub due_day: Option<i64>,
    /// Days until due (negative: overdue by that many), when the status has a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<f64>")]
    pub due_in: Option<i64>,
    /// 0: no target, 1: on time, 2: due soon, 3: overdue.
    pub urgency: u8,
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
    /// Statuses with their counts, in the order rows refer to them.
    pub statuses: Vec<StatusCount>,
    /// Owners' names, in the order rows refer to them.
    pub owners: Vec<String>,
    /// Projects the last refresh found changed.
    pub changed: usize,
    /// How ages and due dates are counted ("business days", "calendar days").
    pub counting: String,
    /// True when some status has a target (the Due column means something).
    pub has_targets: bool,
    /// What this answer was made from (the listing's generation, the deadlines, the day):
    /// given back, it lets the app answer "unchanged" instead of sending every row again.
    pub key: String,
    /// True when the window's copy (its `key`) is still right: rows, statuses and owners
    /// are then left empty.
    pub unchanged: bool,
}

/// The number the window gets for an urgency.
fn urgency_code(u: Urgency) -> u8 {
    match u {
        Urgency::NoTarget => 0,
        Urgency::OnTime => 1,
        Urgency::DueSoon => 2,
        Urgency::Overdue => 3,
    }
}

/// Index of `name` in `names`, adding it when new.
fn index_of(names: &mut Vec<String>, seen: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&i) = seen.get(name) {
        return i;
    }
    let i = names.len() as u32;
    names.push(name.to_string());
    seen.insert(name.to_string(), i);
    i
}

impl Session {
    /// The work queue. `refresh`: bring the list up to date with one `changed_since` call
    /// and mark what changed; otherwise the list as last read (read once per connection).
    /// `known`: the key of the queue the caller holds; when nothing it was made from has
    /// changed, the answer says so instead of carrying every row again.
    pub async fn work_queue(
        &self,
        refresh: bool,
        deadlines: &Deadlines,
        known: Option<&str>,
    ) -> Result<WorkQueue, CoreError> {
        let changed: std::collections::HashSet<String> =
            self.refreshed_listing(refresh).await?.into_iter().collect();
        let key = queue_key(self.listing_generation().await, deadlines);
        if !refresh && known == Some(key.as_str()) {
            return Ok(WorkQueue {
                rows: Vec::new(),
                statuses: Vec::new(),
                owners: Vec::new(),
                changed: 0,
                counting: deadlines.counting.words().to_string(),
                has_targets: !deadlines.targets.is_empty(),
                key,
                unchanged: true,
            });
        }
        Ok(self
            .with_listing(|projects| {
                let dues = deadlines::of_projects(deadlines, projects);
                let (mut statuses, mut owners) = (Vec::new(), Vec::new());
                let (mut status_at, mut owner_at) = (HashMap::new(), HashMap::new());
                let mut counts: Vec<usize> = Vec::new();
                let mut rows: Vec<QueueRow> = projects
                    .iter()
                    .zip(dues)
                    .map(|(p, due)| {
                        let status = index_of(&mut statuses, &mut status_at, p.status_name());
                        counts.resize(statuses.len(), 0);
                        counts[status as usize] += 1;
                        let owner_name = p
                            .project_owner
                            .as_ref()
                            .and_then(|o| o.name.clone().or_else(|| o.email.clone()))
                            .unwrap_or_default();
                        QueueRow {
                            number: p.label().to_string(),
                            status,
                            owner: index_of(&mut owners, &mut owner_at, &owner_name),
                            changed_at: p.last_change_timestamp.map_or(0, |t| t.timestamp()),
                            changed: changed.contains(&p.project_id),
                            age: due.age_days,
                            due_day: due.due.as_deref().and_then(epoch_day),
                            due_in: due.due_in,
                            urgency: urgency_code(due.urgency),
                        }
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    b.changed_at
                        .cmp(&a.changed_at)
                        .then_with(|| a.number.cmp(&b.number))
                });
                WorkQueue {
                    rows,
                    statuses: statuses
                        .into_iter()
                        .zip(counts)
                        .map(|(status, count)| StatusCount { status, count })
                        .collect(),
                    owners,
                    changed: changed.len(),
                    counting: deadlines.counting.words().to_string(),
                    has_targets: !deadlines.targets.is_empty(),
                    key,
                    unchanged: false,
                }
            })
            .await)
    }
}

/// The listing's generation, the deadlines and today: what a queue answer depends on.
fn queue_key(generation: u64, deadlines: &Deadlines) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(deadlines)
        .unwrap_or_default()
        .hash(&mut h);
    format!(
        "{generation}-{:x}-{}",
        h.finish(),
        chrono::Local::now().date_naive()
    )
}

/// "2026-12-08" as days since 1970-01-01.
fn epoch_day(iso: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    Some((d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_travel_as_day_numbers() {
        assert_eq!(epoch_day("1970-01-02"), Some(1));
        assert_eq!(epoch_day("2026-12-08"), Some(20_795));
        assert_eq!(epoch_day("soon"), None);
    }
}
