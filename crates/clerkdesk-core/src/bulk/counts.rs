//! Rows per result: how a job, or the part of it run so far, turned out.

use serde::Serialize;
use ts_rs::TS;

use super::journal::RowResult;

/// Rows per result.
#[derive(Clone, Debug, Default, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct Counts {
    /// Submitted.
    pub submitted: usize,
    /// Saved.
    pub saved: usize,
    /// Unchanged.
    pub unchanged: usize,
    /// Skipped.
    pub skipped: usize,
    /// Failed.
    pub failed: usize,
    /// Not reached (cancelled).
    pub not_run: usize,
}

impl Counts {
    /// Counts the results of a job's rows (`None`: not reached).
    pub fn of(results: &[Option<RowResult>]) -> Self {
        let mut c = Counts::default();
        for r in results {
            match r {
                Some(RowResult::Submitted) => c.submitted += 1,
                Some(RowResult::Saved) => c.saved += 1,
                Some(RowResult::Unchanged) => c.unchanged += 1,
                Some(RowResult::Skipped) => c.skipped += 1,
                Some(RowResult::Failed) => c.failed += 1,
                None => c.not_run += 1,
            }
        }
        c
    }

    /// True when every row succeeded (nothing skipped, failed or left).
    pub fn all_ok(&self) -> bool {
        self.skipped == 0 && self.failed == 0 && self.not_run == 0
    }

    /// "3 submitted, 1 failed, 2 unchanged".
    pub fn words(&self) -> String {
        let parts = [
            (self.submitted, "submitted"),
            (self.saved, "saved"),
            (self.unchanged, "unchanged"),
            (self.skipped, "skipped"),
            (self.failed, "failed"),
            (self.not_run, "not finished"),
        ];
        let s: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        if s.is_empty() {
            "no rows".into()
        } else {
            s.join(", ")
        }
    }
}
