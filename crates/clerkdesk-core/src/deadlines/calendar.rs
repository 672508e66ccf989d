//! Counting days the way interconnection rules do: business days (weekdays that are not on
//! the holiday list) or calendar days. Business days come from `bdays`, cached over the
//! range of dates a work queue needs, so 20,000 projects cost one table, not a day-by-day
//! walk each.

use std::collections::HashSet;

use bdays::{HolidayCalendar, HolidayCalendarCache};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How days are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Counting {
    /// Weekdays that are not holidays (the usual rule).
    #[default]
    BusinessDays,
    /// Every day.
    CalendarDays,
}

/// The US federal holidays (as observed) from `first_year` to `last_year`: the list a new
/// set of deadlines starts with, which the user edits.
pub fn us_federal_holidays(first_year: i32, last_year: i32) -> Vec<NaiveDate> {
    let us = bdays::calendars::us::USSettlement;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(first_year, 1, 1),
        NaiveDate::from_ymd_opt(last_year, 12, 31),
    ) else {
        return Vec::new();
    };
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| us.is_holiday(*d) && d.weekday().number_from_monday() <= 5)
        .collect()
}

/// Weekends and a holiday list.
struct Holidays(HashSet<NaiveDate>);

impl HolidayCalendar<NaiveDate> for Holidays {
    fn is_holiday(&self, date: NaiveDate) -> bool {
        self.0.contains(&date)
    }
}

/// A calendar for one work queue: counts days between dates and adds days to a date.
pub struct Calendar {
    counting: Counting,
    /// Business days, cached from `lo` to `hi`; outside them the list is walked.
    cache: Option<(HolidayCalendarCache<NaiveDate>, NaiveDate, NaiveDate)>,
    plain: Holidays,
}

impl Calendar {
    /// A calendar counting as `counting`, with `holidays`, fast for dates from `from` to `to`
    /// (a margin is added on both sides).
    pub fn new(counting: Counting, holidays: &[NaiveDate], from: NaiveDate, to: NaiveDate) -> Self {
        let set: HashSet<NaiveDate> = holidays.iter().copied().collect();
        let lo = from.checked_sub_days(Days::new(30)).unwrap_or(from);
        let hi = to.checked_add_days(Days::new(400)).unwrap_or(to);
        let cache = (counting == Counting::BusinessDays && lo <= hi).then(|| {
            (
                HolidayCalendarCache::new(Holidays(set.clone()), lo, hi),
                lo,
                hi,
            )
        });
        Self {
            counting,
            cache,
            plain: Holidays(set),
        }
    }

    fn in_cache(&self, dates: &[NaiveDate]) -> Option<&HolidayCalendarCache<NaiveDate>> {
        // Two months' margin: moving on to the next business day (past weekends and any run
        // of holidays) stays inside the table, whose lookups panic outside it.
        let (c, lo, hi) = self.cache.as_ref()?;
        dates
            .iter()
            .all(|d| d >= lo && d.checked_add_days(Days::new(60)).is_some_and(|x| x <= *hi))
            .then_some(c)
    }

    /// Days from `from` to `to` (negative when `to` is earlier). Business days: the
    /// business days after `from` up to and including `to` — a project that entered its
    /// status on Friday is 1 business day old on Monday.
    pub fn days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        match self.counting {
            Counting::CalendarDays => (to - from).num_days(),
            Counting::BusinessDays => match self.in_cache(&[from, to]) {
                Some(c) => i64::from(c.bdays(from, to)),
                None => i64::from(self.plain.bdays(from, to)),
            },
        }
    }

    /// The date `days` after `from` (business days: the `days`-th business day after it).
    pub fn add_days(&self, from: NaiveDate, days: u32) -> NaiveDate {
        match self.counting {
            Counting::CalendarDays => from
                .checked_add_days(Days::new(days.into()))
                .unwrap_or(from),
            // Walked day by day: bounded by `days` (a target, weeks at most), once per project.
            Counting::BusinessDays => self
                .plain
                .advance_bdays(from, i32::try_from(days).unwrap_or(i32::MAX)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn federal_holidays_of_2026_as_observed() {
        let h = us_federal_holidays(2026, 2026);
        assert!(h.contains(&d(2026, 1, 1)));
        assert!(h.contains(&d(2026, 7, 3)), "July 4th on a Saturday: Friday");
        assert!(h.contains(&d(2026, 11, 26)), "Thanksgiving");
        assert!(h.contains(&d(2026, 12, 25)));
        assert!(!h.contains(&d(2026, 7, 4)));
        assert!((10..=12).contains(&h.len()), "{h:?}");
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let holidays = us_federal_holidays(2026, 2027);
        let cal = Calendar::new(
            Counting::BusinessDays,
            &holidays,
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        // Friday → Monday: one business day.
        assert_eq!(cal.days_between(d(2026, 11, 20), d(2026, 11, 23)), 1);
        // Across Thanksgiving (Thursday 26th): Mon 23 → Mon 30 is 4.
        assert_eq!(cal.days_between(d(2026, 11, 23), d(2026, 11, 30)), 4);
        assert_eq!(cal.days_between(d(2026, 11, 30), d(2026, 11, 23)), -4);
        // 15 business days from Mon 16 Nov 2026, Thanksgiving skipped: Tue 8 Dec.
        assert_eq!(cal.add_days(d(2026, 11, 16), 15), d(2026, 12, 8));
        // Outside the cached range the answer is the same.
        let small = Calendar::new(
            Counting::BusinessDays,
            &holidays,
            d(2026, 11, 1),
            d(2026, 11, 2),
        );
        assert_eq!(
            small.days_between(d(2026, 11, 23), d(2027, 3, 1)),
            cal.days_between(d(2026, 11, 23), d(2027, 3, 1))
        );
    }

    #[test]
    fn calendar_days_count_every_day() {
        let cal = Calendar::new(Counting::CalendarDays, &[], d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(cal.days_between(d(2026, 11, 20), d(2026, 11, 23)), 3);
        assert_eq!(cal.add_days(d(2026, 11, 20), 10), d(2026, 11, 30));
    }
}
