//! The program at a glance: projects per status split by where they stand against their
//! deadline, the age spread per status (median and 90th percentile), and the projects
//! entering each status week by week from Clerkdesk's own status history. The Overview
//! screen, its report and `clerk report` present what this returns.

use chrono::Utc;
use serde::Serialize;
use ts_rs::TS;

use crate::deadlines::{self, Deadlines, Urgency};
use crate::error::CoreError;
use crate::session::Session;
use crate::status_log::{entering_per_week, Seen, StatusLog};

/// One status's bar.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct StatusBar {
    /// The status's name.
    pub status: String,
    /// Projects in it.
    pub total: usize,
    /// Past their due date.
    pub overdue: usize,
    /// Due within the "due soon" days.
    pub due_soon: usize,
    /// Due later.
    pub on_time: usize,
    /// The status has no target (or the entry time is unknown).
    pub no_target: usize,
    /// Median days in the status.
    #[ts(type = "number | null")]
    pub median_age: Option<f64>,
    /// 90th-percentile days in the status.
    #[ts(type = "number | null")]
    pub p90_age: Option<i64>,
}

/// Projects entering each status in one week.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct WeekRow {
    /// The week's Monday (ISO date).
    pub week: String,
    /// Per status, in the order of [`Overview::statuses`].
    pub entered: Vec<u32>,
}

/// The overview.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct Overview {
    /// Every status with projects, by name.
    pub statuses: Vec<StatusBar>,
    /// Projects entering each status, per week, oldest first.
    pub weeks: Vec<WeekRow>,
    /// When Clerkdesk began watching this program (RFC 3339).
    #[ts(type = "string | null")]
    pub watching_since: Option<String>,
    /// "business days" or "calendar days".
    pub counting: String,
    /// True when some status has a target.
    pub has_targets: bool,
    /// Projects in all.
    pub total: usize,
}

/// Median and nearest-rank 90th percentile of `ages` (sorted here).
pub fn spread(ages: &mut [i64]) -> (Option<f64>, Option<i64>) {
    if ages.is_empty() {
        return (None, None);
    }
    ages.sort_unstable();
    let n = ages.len();
    let median = if n % 2 == 1 {
        ages[n / 2] as f64
    } else {
        (ages[n / 2 - 1] + ages[n / 2]) as f64 / 2.0
    };
    let rank = ((0.9 * n as f64).ceil() as usize).clamp(1, n);
    (Some(median), Some(ages[rank - 1]))
}

impl Session {
    /// Writes the statuses of the listing held into `log` (a read first if there is none),
    /// so that transitions can be derived. Returns how many projects had a new status.
    pub async fn observe(&self, log: &StatusLog) -> Result<usize, CoreError> {
        self.refreshed_listing(false).await?;
        let program = self.program().await?;
        let seen: Vec<(
            String,
            String,
            Option<chrono::DateTime<chrono::FixedOffset>>,
        )> = self
            .with_listing(|projects| {
                projects
                    .iter()
                    .map(|p| {
                        (
                            p.project_id.clone(),
                            p.status_name().to_string(),
                            p.current_status.as_ref().and_then(|s| s.timestamp),
                        )
                    })
                    .collect()
            })
            .await;
        let log = log.clone();
        crate::blocking::run(move || {
            let rows: Vec<Seen<'_>> = seen
                .iter()
                .map(|(project, status, entered)| Seen {
                    project,
                    status,
                    entered: *entered,
                })
                .collect();
            log.record(&program, &rows, Utc::now())
        })
        .await?
    }

    /// The overview of the program, from the listing held, `deadlines` and `log` (which
    /// this brings up to date first).
    pub async fn overview(
        &self,
        deadlines: &Deadlines,
        log: &StatusLog,
    ) -> Result<Overview, CoreError> {
        self.observe(log).await?;
        let program = self.program().await?;
        let mut statuses: Vec<StatusBar> = Vec::new();
        let mut ages: Vec<Vec<i64>> = Vec::new();
        let total = self
            .with_listing(|projects| {
                let dues = deadlines::of_projects(deadlines, projects);
                for (p, due) in projects.iter().zip(dues) {
                    let name = p.status_name();
                    let at = match statuses.iter().position(|s| s.status == name) {
                        Some(at) => at,
                        None => {
                            statuses.push(StatusBar {
                                status: name.to_string(),
                                total: 0,
                                overdue: 0,
                                due_soon: 0,
                                on_time: 0,
                                no_target: 0,
                                median_age: None,
                                p90_age: None,
                            });
                            ages.push(Vec::new());
                            statuses.len() - 1
                        }
                    };
                    let bar = &mut statuses[at];
                    bar.total += 1;
                    match due.urgency {
                        Urgency::Overdue => bar.overdue += 1,
                        Urgency::DueSoon => bar.due_soon += 1,
                        Urgency::OnTime => bar.on_time += 1,
                        Urgency::NoTarget => bar.no_target += 1,
                    }
                    if let Some(a) = due.age_days {
                        ages[at].push(a);
                    }
                }
                projects.len()
            })
            .await;
        for (bar, a) in statuses.iter_mut().zip(ages.iter_mut()) {
            (bar.median_age, bar.p90_age) = spread(a);
        }
        statuses.sort_by(|a, b| a.status.cmp(&b.status));
        let log2 = log.clone();
        let p2 = program.clone();
        let (entries, since) = crate::blocking::run(move || {
            Ok::<_, CoreError>((log2.entries(&p2)?, log2.watching_since(&p2)?))
        })
        .await??;
        let weeks = since
            .map(|since| {
                entering_per_week(&entries, since)
                    .into_iter()
                    .map(|(week, counts)| WeekRow {
                        week: week.format("%Y-%m-%d").to_string(),
                        entered: statuses
                            .iter()
                            .map(|s| counts.get(&s.status).copied().unwrap_or(0))
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Overview {
            statuses,
            weeks,
            watching_since: since.map(|t| t.to_rfc3339()),
            counting: deadlines.counting.words().to_string(),
            has_targets: !deadlines.targets.is_empty(),
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_90th_percentile() {
        assert_eq!(spread(&mut []), (None, None));
        assert_eq!(spread(&mut [5]), (Some(5.0), Some(5)));
        assert_eq!(spread(&mut [4, 1, 3, 2]), (Some(2.5), Some(4)));
        let mut ten: Vec<i64> = (1..=10).rev().collect();
        assert_eq!(spread(&mut ten), (Some(5.5), Some(9)));
    }
}
