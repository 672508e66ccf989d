//! The month's report: the Overview as a workbook — a summary sheet (projects, overdue, due
//! soon, median and 90th-percentile days per status) and a sheet per status with its
//! projects, owners, days in status and due dates, most urgent first. The window's "Export
//! report…" and `clerk report --out FILE.xlsx` both write it.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;

use crate::deadlines::{self, Deadlines, Due, Urgency};
use crate::error::CoreError;
use crate::overview::Overview;
use crate::session::Session;
use crate::status_log::StatusLog;

/// What a report holds, once written.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportDone {
    /// Where it was written.
    pub path: PathBuf,
    /// Statuses (one sheet each).
    pub statuses: usize,
    /// Projects in all.
    pub projects: usize,
}

/// One project's line on its status's sheet.
struct Line {
    number: String,
    owner: String,
    since: String,
    due: Due,
}

/// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(status: &str, taken: &mut Vec<String>) -> String {
    let clean: String = status
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let mut base: String = clean.chars().take(31).collect();
    if base.is_empty() || base.eq_ignore_ascii_case("Summary") {
        base = format!("Status {}", taken.len() + 1);
    }
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = format!(
            "{}{suffix}",
            base.chars().take(31 - suffix.len()).collect::<String>()
        );
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// "3 days overdue" / "due in 2 days" / "" as the sheet shows it.
fn standing(due: &Due) -> String {
    match due.urgency {
        Urgency::NoTarget => String::new(),
        _ => due.words.clone(),
    }
}

fn write(
    out: &Path,
    program: &str,
    overview: &Overview,
    lines: &[(String, Vec<Line>)],
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let mut taken = vec!["Summary".to_string()];
    let ws = wb.add_worksheet();
    ws.set_name("Summary")?;
    ws.write_string_with_format(0, 0, "Program", &bold)?;
    ws.write_string(0, 1, program)?;
    ws.write_string_with_format(1, 0, "Made", &bold)?;
    ws.write_string(
        1,
        1,
        chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    )?;
    ws.write_string_with_format(2, 0, "Days counted as", &bold)?;
    ws.write_string(2, 1, &overview.counting)?;
    let head = [
        "Status",
        "Projects",
        "Overdue",
        "Due soon",
        "On time",
        "No target",
        "Median days in status",
        "90th percentile days",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(4, c as u16, *h, &bold)?;
    }
    for (i, s) in overview.statuses.iter().enumerate() {
        let r = 5 + i as u32;
        ws.write_string(r, 0, &s.status)?;
        for (c, n) in [s.total, s.overdue, s.due_soon, s.on_time, s.no_target]
            .iter()
            .enumerate()
        {
            ws.write_number(r, 1 + c as u16, *n as f64)?;
        }
        if let Some(m) = s.median_age {
            ws.write_number(r, 6, m)?;
        }
        if let Some(p) = s.p90_age {
            ws.write_number(r, 7, p as f64)?;
        }
    }
    ws.set_column_width(0, 28)?;
    for (status, rows) in lines {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(status, &mut taken))?;
        let head = [
            "Project",
            "Owner",
            "In this status since",
            "Days in status",
            "Due",
            "Days until due",
            "Where it stands",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, l) in rows.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &l.number)?;
            ws.write_string(r, 1, &l.owner)?;
            ws.write_string(r, 2, &l.since)?;
            if let Some(a) = l.due.age_days {
                ws.write_number(r, 3, a as f64)?;
            }
            if let Some(d) = &l.due.due {
                ws.write_string(r, 4, d)?;
            }
            if let Some(n) = l.due.due_in {
                ws.write_number(r, 5, n as f64)?;
            }
            ws.write_string(r, 6, standing(&l.due))?;
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 22)?;
        ws.set_column_width(6, 24)?;
    }
    wb.save(out)
}

impl Session {
    /// Writes the report of the program to `out` (.xlsx), from the listing held (read if
    /// none), `deadlines` and `log`.
    pub async fn report(
        &self,
        deadlines: &Deadlines,
        log: &StatusLog,
        out: &Path,
    ) -> Result<ReportDone, CoreError> {
        let overview = self.overview(deadlines, log).await?;
        // The program's name for the summary (one call; its id when the list cannot be read).
        let id = self.program().await?;
        let program = match self.client.programs().await {
            Ok(list) => list
                .iter()
                .find(|p| p.is(&id))
                .map(crate::workflow::program_name)
                .unwrap_or(id),
            Err(_) => id,
        };
        let mut lines: Vec<(String, Vec<Line>)> = overview
            .statuses
            .iter()
            .map(|s| (s.status.clone(), Vec::new()))
            .collect();
        self.with_listing(|projects| {
            let dues = deadlines::of_projects(deadlines, projects);
            for (p, due) in projects.iter().zip(dues) {
                if let Some((_, rows)) = lines.iter_mut().find(|(s, _)| s == p.status_name()) {
                    rows.push(Line {
                        number: p.label().to_string(),
                        owner: p
                            .project_owner
                            .as_ref()
                            .and_then(|o| o.name.clone().or_else(|| o.email.clone()))
                            .unwrap_or_default(),
                        since: deadlines::status_since(p)
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                        due,
                    });
                }
            }
        })
        .await;
        // Most urgent first; without a due date, the longest waiting first.
        for (_, rows) in &mut lines {
            rows.sort_by_key(|l| {
                (
                    l.due.due_in.unwrap_or(i64::MAX),
                    -l.due.age_days.unwrap_or(0),
                )
            });
        }
        let projects = overview.total;
        let statuses = overview.statuses.len();
        let target = out.to_path_buf();
        crate::blocking::run(move || write(&target, &program, &overview, &lines))
            .await?
            .map_err(|e| CoreError::Io {
                what: "write the report".into(),
                path: out.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(ReportDone {
            path: out.to_path_buf(),
            statuses,
            projects,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excels_rules() {
        let mut taken = vec!["Summary".to_string()];
        assert_eq!(
            sheet_name("Technical Review", &mut taken),
            "Technical Review"
        );
        assert_eq!(sheet_name("A/B: [x]?", &mut taken), "A B   x");
        let long = "Interconnection Agreement Pending Signature";
        assert_eq!(sheet_name(long, &mut taken).chars().count(), 31);
        assert_eq!(
            sheet_name(long, &mut taken),
            "Interconnection Agreement P (2)"
        );
        assert_eq!(sheet_name("summary", &mut taken), "Status 6");
    }
}
