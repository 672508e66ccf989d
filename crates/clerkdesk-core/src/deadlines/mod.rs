//! Deadlines: how long each project has waited in its current status and when it is due,
//! from targets per status ("Technical Review: 15 business days"), counted in business days
//! (weekends and an editable holiday list) or calendar days. The set lives in the app data
//! folder (`deadlines.json`, shared by the window and `clerk`) and travels between people as
//! the same small file.

pub mod calendar;
mod file;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use calendar::{us_federal_holidays, Calendar, Counting};
pub use file::{export, import, load, parse_holidays, save, saved, DEADLINES_FILE};

/// A target for one status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Target {
    /// The status's name, as PowerClerk shows it.
    pub status: String,
    /// Days a project may spend in it.
    pub days: u32,
}

/// The deadline settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadlines {
    /// Business or calendar days.
    pub counting: Counting,
    /// Targets per status (none by default).
    pub targets: Vec<Target>,
    /// Days that are not business days besides weekends (ISO dates).
    #[ts(type = "string[]")]
    pub holidays: Vec<NaiveDate>,
    /// "Due soon": due within this many days (counted as above).
    pub soon_days: u32,
}

impl Default for Deadlines {
    /// Business days, no targets, the US federal holidays of last year to two years ahead.
    fn default() -> Self {
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        Self {
            counting: Counting::BusinessDays,
            targets: Vec::new(),
            holidays: us_federal_holidays(year - 1, year + 2),
            soon_days: 3,
        }
    }
}

impl Deadlines {
    /// The demo program's targets (the demo shows due dates before anyone sets any).
    pub fn demo() -> Self {
        let t = |status: &str, days| Target {
            status: status.into(),
            days,
        };
        Self {
            targets: vec![
                t("Application Review", 15),
                t("Technical Review", 20),
                t("Inspection Pending", 15),
            ],
            ..Self::default()
        }
    }

    /// The target of `status` (names compared without regard to case or spaces around).
    pub fn target(&self, status: &str) -> Option<u32> {
        let s = status.trim();
        self.targets
            .iter()
            .find(|t| t.status.trim().eq_ignore_ascii_case(s))
            .map(|t| t.days)
    }

    /// "15 business days" / "1 calendar day".
    pub fn unit(&self, n: i64) -> String {
        let kind = match self.counting {
            Counting::BusinessDays => "business day",
            Counting::CalendarDays => "day",
        };
        format!("{n} {kind}{}", if n.abs() == 1 { "" } else { "s" })
    }
}

/// Where a project stands against its status's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Urgency {
    /// Past its due date.
    Overdue,
    /// Due within the "due soon" days (today included).
    DueSoon,
    /// Due later.
    OnTime,
    /// Its status has no target (or its entry time is unknown).
    NoTarget,
}

/// A project's age and due date.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Due {
    /// Days in the current status (counted as the settings say), when known.
    #[ts(type = "number | null")]
    pub age_days: Option<i64>,
    /// The due date (ISO), when the status has a target.
    #[ts(type = "string | null")]
    pub due: Option<String>,
    /// Days until due (negative: overdue by that many).
    #[ts(type = "number | null")]
    pub due_in: Option<i64>,
    /// Where it stands.
    pub urgency: Urgency,
    /// "due in 2 business days", "3 business days overdue", "due today", or "".
    pub words: String,
}

/// Ages and due dates against `today`.
pub struct Clock<'a> {
    settings: &'a Deadlines,
    calendar: Calendar,
    today: NaiveDate,
}

impl<'a> Clock<'a> {
    /// A clock for dates from `oldest` to `today`.
    pub fn new(settings: &'a Deadlines, oldest: NaiveDate, today: NaiveDate) -> Self {
        Self {
            calendar: Calendar::new(
                settings.counting,
                &settings.holidays,
                oldest.min(today),
                today,
            ),
            settings,
            today,
        }
    }

    /// Age and due date of a project that entered `status` on `since`.
    pub fn due(&self, status: &str, since: Option<NaiveDate>) -> Due {
        let Some(since) = since else {
            return Due {
                age_days: None,
                due: None,
                due_in: None,
                urgency: Urgency::NoTarget,
                words: String::new(),
            };
        };
        let age = self.calendar.days_between(since, self.today).max(0);
        let Some(target) = self.settings.target(status) else {
            return Due {
                age_days: Some(age),
                due: None,
                due_in: None,
                urgency: Urgency::NoTarget,
                words: String::new(),
            };
        };
        let due = self.calendar.add_days(since, target);
        let due_in = self.calendar.days_between(self.today, due);
        let s = self.settings;
        let (urgency, words) = if due_in < 0 {
            (Urgency::Overdue, format!("{} overdue", s.unit(-due_in)))
        } else if due_in == 0 {
            (Urgency::DueSoon, "due today".to_string())
        } else if due_in <= i64::from(s.soon_days) {
            (Urgency::DueSoon, format!("due in {}", s.unit(due_in)))
        } else {
            (Urgency::OnTime, format!("due in {}", s.unit(due_in)))
        };
        Due {
            age_days: Some(age),
            due: Some(due.format("%Y-%m-%d").to_string()),
            due_in: Some(due_in),
            urgency,
            words,
        }
    }
}

/// The local date a project entered its current status, when PowerClerk said.
pub fn status_since(p: &powerclerk_api::ProjectSummary) -> Option<NaiveDate> {
    p.current_status
        .as_ref()?
        .timestamp
        .map(|t| t.with_timezone(&chrono::Local).date_naive())
}

/// Ages and due dates of `projects` today, in their order.
pub fn of_projects(settings: &Deadlines, projects: &[powerclerk_api::ProjectSummary]) -> Vec<Due> {
    let today = chrono::Local::now().date_naive();
    let since: Vec<Option<NaiveDate>> = projects.iter().map(status_since).collect();
    let oldest = since.iter().flatten().min().copied().unwrap_or(today);
    let clock = Clock::new(settings, oldest, today);
    projects
        .iter()
        .zip(since)
        .map(|(p, s)| clock.due(p.status_name(), s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> Deadlines {
        Deadlines {
            counting: Counting::BusinessDays,
            targets: vec![Target {
                status: "Technical Review".into(),
                days: 15,
            }],
            holidays: us_federal_holidays(2026, 2026),
            soon_days: 3,
        }
    }

    #[test]
    fn overdue_due_soon_on_time_and_no_target() {
        let s = settings();
        let today = d(2026, 12, 4); // a Friday
        let clock = Clock::new(&s, d(2026, 1, 1), today);
        // Entered Mon 16 Nov: due Tue 8 Dec (Thanksgiving skipped), 2 business days left.
        let soon = clock.due("technical review ", Some(d(2026, 11, 16)));
        assert_eq!(soon.due.as_deref(), Some("2026-12-08"));
        assert_eq!(soon.due_in, Some(2));
        assert_eq!(soon.urgency, Urgency::DueSoon);
        assert_eq!(soon.words, "due in 2 business days");
        assert_eq!(soon.age_days, Some(13));
        let late = clock.due("Technical Review", Some(d(2026, 10, 1)));
        assert_eq!(late.urgency, Urgency::Overdue);
        assert!(
            late.words.ends_with("business days overdue"),
            "{}",
            late.words
        );
        let fresh = clock.due("Technical Review", Some(today));
        assert_eq!((fresh.urgency, fresh.age_days), (Urgency::OnTime, Some(0)));
        let none = clock.due("Inspection Pending", Some(d(2026, 11, 30)));
        assert_eq!((none.urgency, none.age_days), (Urgency::NoTarget, Some(4)));
        assert_eq!(none.words, "");
        let unknown = clock.due("Technical Review", None);
        assert_eq!(
            (unknown.urgency, unknown.age_days),
            (Urgency::NoTarget, None)
        );
    }

    #[test]
    fn entered_on_a_saturday_and_a_target_of_zero() {
        let s = Deadlines {
            targets: vec![
                Target {
                    status: "Technical Review".into(),
                    days: 2,
                },
                Target {
                    status: "Same Day".into(),
                    days: 0,
                },
            ],
            ..settings()
        };
        // Saturday 28 Nov 2026: counting starts on Monday 30th.
        let sat = d(2026, 11, 28);
        let monday = Clock::new(&s, d(2026, 1, 1), d(2026, 11, 30));
        let due = monday.due("Technical Review", Some(sat));
        assert_eq!(due.age_days, Some(0), "nothing counts over the weekend");
        assert_eq!(due.due.as_deref(), Some("2026-12-02"));
        assert_eq!(due.words, "due in 2 business days");
        // A target of 0: due the (business) day it entered.
        let same = monday.due("Same Day", Some(sat));
        assert_eq!(
            (same.due.as_deref(), same.urgency),
            (Some("2026-11-30"), Urgency::DueSoon)
        );
        assert_eq!(same.words, "due today");
        let tuesday = Clock::new(&s, d(2026, 1, 1), d(2026, 12, 1));
        assert_eq!(
            tuesday.due("Same Day", Some(sat)).words,
            "1 business day overdue"
        );
    }

    #[test]
    fn calendar_days_say_days() {
        let s = Deadlines {
            counting: Counting::CalendarDays,
            ..settings()
        };
        let clock = Clock::new(&s, d(2026, 1, 1), d(2026, 12, 4));
        let due = clock.due("Technical Review", Some(d(2026, 11, 25)));
        assert_eq!(due.words, "due in 6 days");
    }
}
