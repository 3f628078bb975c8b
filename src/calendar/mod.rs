//! The working-day calendar (工作日历) of mainland China.
//!
//! Every period of the disclosure procedure is counted in working days (工作日): Monday–Friday,
//! except the days the State Council's yearly notice
//! (国务院办公厅关于YYYY年部分节假日安排的通知) gives off, plus the weekend days it makes
//! working days (调休上班). SPEC.md §1.
//!
//! This module is pure: it reads holiday facts from text ([`holidays`]) and answers questions
//! about dates. Counting follows 期间开始之日不计算在内: "N working days from day D" is the N-th
//! working day strictly after D, so day D is day 0 and is never counted.
//!
//! A year with no notice in the calendar is **unknown**: it is counted Monday–Friday, and every
//! answer that touched one of its days is marked *provisional* ([`Reckoned::provisional`]),
//! never silently treated as a year without holidays.
//!
//! All answers come from tables precomputed once per [`Calendar`] (a running count of working
//! days for every day from [`FIRST_DAY`] to [`LAST_DAY`]), so each question costs a few array
//! look-ups whatever the distance.

pub mod holiday_cn;
pub mod holidays;
#[cfg(test)]
mod proptests;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

pub use holidays::{DayFact, HolidayFile, HolidaysError, HolidaysWarning, NoticeYear};

/// The first day the calendar can answer for (1900-01-01).
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
/// The last day the calendar can answer for (2199-12-31).
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The official calendar shipped inside the binary: the repository's `holidays.toml`.
pub const OFFICIAL_HOLIDAYS: &str = include_str!("../../holidays.toml");

/// An answer of the calendar together with whether it is provisional (临时).
///
/// `provisional` is true when the answer depended on a day of a year that has no State Council
/// notice in the calendar (counted Monday–Friday for want of better). SPEC.md §1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reckoned<T> {
    /// The answer itself.
    pub value: T,
    /// True when a day of an unknown year was involved.
    pub provisional: bool,
}

/// A question about a date outside what the calendar covers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The date (or the answer) lies before [`FIRST_DAY`] or after [`LAST_DAY`].
    #[error("日期超出日历支持的范围（1900-01-01 至 2199-12-31）：{0}")]
    OutOfRange(String),
}

/// What one day is, as far as the calendar knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    /// Whether it is a working day.
    pub working: bool,
    /// The holiday the notice names it under, if the notice lists the day (off or make-up work).
    pub holiday: Option<String>,
    /// True when the day's year has no notice in the calendar.
    pub provisional: bool,
}

/// A working-day calendar built from one or more holidays files.
///
/// Build it with [`Calendar::official`] (the embedded `holidays.toml`) or
/// [`Calendar::from_files`] (the embedded file overridden by an agency's own).
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeMap<i32, NoticeYear>,
    special: BTreeMap<NaiveDate, DayFact>,
    /// Day number (from the common era) of [`FIRST_DAY`].
    first: i32,
    /// `cum_work[i]` = working days among the days with index `< i`; length = days + 1.
    cum_work: Vec<u32>,
    /// `work_day[k]` = the `k`-th working day (0-based) from [`FIRST_DAY`].
    work_day: Vec<NaiveDate>,
    /// `cum_unknown[i]` = days of unknown years among the days with index `< i`.
    cum_unknown: Vec<u32>,
}

impl Calendar {
    /// The calendar of the embedded, official `holidays.toml` (2015 onwards).
    ///
    /// # Panics
    /// Never in a released binary: the embedded file is validated by the test suite.
    pub fn official() -> Calendar {
        Calendar::from_files(&[])
            .expect("the embedded holidays.toml is valid")
            .0
    }

    /// The official calendar with the agency's own holidays files applied over it, in order.
    ///
    /// `overrides` are `(file name, file text)` pairs. A year in an override file replaces the
    /// embedded year wholesale, unless it says `merge = true`, in which case its days are added to
    /// the year (a local holiday, say).
    ///
    /// # Errors
    /// Every problem found in any file (syntax, impossible dates, a date both off and working, a
    /// year listed twice), each with file and line. Warnings (a make-up working day that is a
    /// weekday anyway) are returned beside the calendar.
    pub fn from_files(
        overrides: &[(String, String)],
    ) -> Result<(Calendar, Vec<HolidaysWarning>), HolidaysError> {
        let mut files = vec![HolidayFile::parse(
            "holidays.toml（内置）",
            OFFICIAL_HOLIDAYS,
        )?];
        for (name, text) in overrides {
            files.push(HolidayFile::parse(name, text)?);
        }
        let merged = holidays::merge(files)?;
        let warnings = merged.warnings.clone();
        Ok((Calendar::from_merged(merged), warnings))
    }

    fn from_merged(merged: holidays::Merged) -> Calendar {
        let first = FIRST_DAY.num_days_from_ce();
        let days = (LAST_DAY.num_days_from_ce() - first + 1) as usize;
        let mut cum_work = Vec::with_capacity(days + 1);
        let mut cum_unknown = Vec::with_capacity(days + 1);
        let mut work_day = Vec::with_capacity(days * 5 / 7 + 16);
        let (mut w, mut u) = (0u32, 0u32);
        cum_work.push(0);
        cum_unknown.push(0);
        let mut day = FIRST_DAY;
        let known = |y: i32| merged.years.get(&y).is_some_and(|n| !n.notices.is_empty());
        let mut year_known = known(day.year());
        let mut year = day.year();
        for _ in 0..days {
            if day.year() != year {
                year = day.year();
                year_known = known(year);
            }
            let working = match merged.special.get(&day) {
                Some(fact) => fact.working,
                None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            };
            if working {
                w += 1;
                work_day.push(day);
            }
            if !year_known {
                u += 1;
            }
            cum_work.push(w);
            cum_unknown.push(u);
            day = day.succ_opt().unwrap_or(day);
        }
        Calendar {
            years: merged.years,
            special: merged.special,
            first,
            cum_work,
            work_day,
            cum_unknown,
        }
    }

    fn index(&self, d: NaiveDate) -> Result<usize, CalendarError> {
        if d < FIRST_DAY || d > LAST_DAY {
            return Err(CalendarError::OutOfRange(d.to_string()));
        }
        Ok((d.num_days_from_ce() - self.first) as usize)
    }

    /// Whether `date` is a working day (工作日). Provisional when its year is unknown.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<Reckoned<bool>, CalendarError> {
        let i = self.index(date)?;
        Ok(Reckoned {
            value: self.cum_work[i + 1] - self.cum_work[i] == 1,
            provisional: !self.is_known_year(date.year()),
        })
    }

    /// The `n`-th working day strictly after `from` (SPEC.md §1: the start day is day 0 and is
    /// never counted, whether or not it is a working day). `n = 0` returns `from` itself.
    ///
    /// Provisional when any day in `(from, result]` lies in a year the calendar does not know.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when `from` or the result falls outside 1900–2199.
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        n: u32,
    ) -> Result<Reckoned<NaiveDate>, CalendarError> {
        let i = self.index(from)?;
        if n == 0 {
            return Ok(Reckoned {
                value: from,
                provisional: false,
            });
        }
        let k = self.cum_work[i + 1] as usize + n as usize - 1;
        let Some(&day) = self.work_day.get(k) else {
            return Err(CalendarError::OutOfRange(format!(
                "{from} 之后第 {n} 个工作日"
            )));
        };
        let j = (day.num_days_from_ce() - self.first) as usize;
        Ok(Reckoned {
            value: day,
            provisional: self.cum_unknown[j + 1] > self.cum_unknown[i + 1],
        })
    }

    /// The number of working days `d` with `a < d ≤ b` (0 when `b ≤ a`).
    ///
    /// Provisional when any day in `(a, b]` lies in a year the calendar does not know.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn working_days_between(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<Reckoned<u32>, CalendarError> {
        let (i, j) = (self.index(a)?, self.index(b)?);
        if j <= i {
            return Ok(Reckoned {
                value: 0,
                provisional: false,
            });
        }
        Ok(Reckoned {
            value: self.cum_work[j + 1] - self.cum_work[i + 1],
            provisional: self.cum_unknown[j + 1] > self.cum_unknown[i + 1],
        })
    }

    /// Signed working-day distance from `a` to `b`: [`Self::working_days_between`]`(a, b)` when
    /// `b ≥ a`, its negative `-(working days in (b, a])` when `b < a`.
    ///
    /// Used for "working days left" (positive) or "working days late" (negative) of a due date
    /// `b` as of day `a`: due today is 0, due yesterday (a working day) is -1.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn working_days_offset(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<Reckoned<i64>, CalendarError> {
        if b >= a {
            let r = self.working_days_between(a, b)?;
            Ok(Reckoned {
                value: i64::from(r.value),
                provisional: r.provisional,
            })
        } else {
            let r = self.working_days_between(b, a)?;
            Ok(Reckoned {
                value: -i64::from(r.value),
                provisional: r.provisional,
            })
        }
    }

    /// Whether the calendar holds a State Council notice for `year` (a year holding only an
    /// agency's local holidays, `merge = true` with no notice, stays unknown: provisional).
    pub fn is_known_year(&self, year: i32) -> bool {
        self.years.get(&year).is_some_and(|n| !n.notices.is_empty())
    }

    /// The years with a notice, with the notice's metadata and holidays, in year order.
    pub fn years(&self) -> impl Iterator<Item = &NoticeYear> {
        self.years.values()
    }

    /// One year's notice, if the calendar knows the year.
    pub fn year(&self, year: i32) -> Option<&NoticeYear> {
        self.years.get(&year)
    }

    /// What the calendar says of one day: working or not, the holiday naming it, provisional.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn day_info(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        let w = self.is_working_day(date)?;
        Ok(DayInfo {
            working: w.value,
            holiday: self.special.get(&date).map(|f| f.holiday.clone()),
            provisional: w.provisional,
        })
    }

    /// The days a notice lists (days off and make-up working days), in date order, within
    /// `[from, to]`.
    pub fn special_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = &DayFact> + '_ {
        self.special.range(from..=to).map(|(_, f)| f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn spec_worked_examples() {
        let cal = Calendar::official();
        let add = |from: &str, n| cal.add_working_days(d(from), n).unwrap();
        assert_eq!(add("2026-01-30", 7).value, d("2026-02-10"));
        assert_eq!(add("2026-01-30", 20).value, d("2026-03-05"));
        assert_eq!(add("2026-09-30", 20).value, d("2026-11-03"));
        assert_eq!(add("2022-09-30", 20).value, d("2022-11-02"));
        assert!(!add("2026-01-30", 20).provisional);
    }

    #[test]
    fn zero_returns_the_start_even_on_a_day_off() {
        let cal = Calendar::official();
        let r = cal.add_working_days(d("2026-10-01"), 0).unwrap();
        assert_eq!(r.value, d("2026-10-01"));
        assert_eq!(
            cal.add_working_days(d("2026-10-01"), 1).unwrap().value,
            d("2026-10-08")
        );
    }

    #[test]
    fn unknown_year_is_provisional_and_weekday_based() {
        let cal = Calendar::official();
        let r = cal.add_working_days(d("2026-12-10"), 20).unwrap();
        assert!(r.provisional);
        // Mon–Fri only: 2026-12-11 .. 2027-01-07 holds 20 weekdays.
        assert_eq!(r.value, d("2027-01-07"));
        assert!(cal.is_working_day(d("2027-01-01")).unwrap().provisional);
        assert!(
            !cal.add_working_days(d("2026-12-01"), 10)
                .unwrap()
                .provisional
        );
    }

    #[test]
    fn between_and_offset() {
        let cal = Calendar::official();
        let b = cal
            .working_days_between(d("2026-01-30"), d("2026-03-05"))
            .unwrap();
        assert_eq!(b.value, 20);
        assert_eq!(
            cal.working_days_between(d("2026-03-05"), d("2026-01-30"))
                .unwrap()
                .value,
            0
        );
        assert_eq!(
            cal.working_days_offset(d("2026-06-18"), d("2026-06-17"))
                .unwrap()
                .value,
            -1
        );
        assert_eq!(
            cal.working_days_offset(d("2026-06-17"), d("2026-06-17"))
                .unwrap()
                .value,
            0
        );
    }

    #[test]
    fn out_of_range_is_an_error() {
        let cal = Calendar::official();
        assert!(cal.add_working_days(d("2199-12-30"), 5).is_err());
        assert!(cal.is_working_day(d("1899-12-31")).is_err());
    }
}
