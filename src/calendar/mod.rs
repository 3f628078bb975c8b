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
//! A year with no notice in the calendar is **unknown**: its statutory holidays
//! ([`statutory`], 《全国年节及纪念日放假办法》) are rest days and its other days are counted
//! Monday–Friday, and every answer that touched one of its days is marked *provisional*
//! ([`Reckoned::provisional`]): the notice's bridging days and make-up working weekends are not
//! known yet.
//!
//! Answers come from per-year tables (a running count of working days), built the first time a
//! question touches the year, so each question costs a few array look-ups per year spanned.

pub mod holiday_cn;
pub mod holidays;
#[cfg(test)]
mod proptests;
pub mod statutory;
pub mod syntax;

use std::collections::BTreeMap;
use std::sync::OnceLock;

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
///
/// Each year's day table (which days are working days, their running count) is built the first
/// time a question touches that year, so a command pays only for the years it uses.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeMap<i32, NoticeYear>,
    special: BTreeMap<NaiveDate, DayFact>,
    /// One lazily built table per year from [`FIRST_DAY`] to [`LAST_DAY`].
    tables: Vec<OnceLock<YearTable>>,
}

/// The working days of one year.
#[derive(Debug, Clone)]
struct YearTable {
    /// `cum[i]` = working days among the year's days with ordinal0 `< i`; length = days + 1.
    cum: Vec<u16>,
    /// The year's working days in order.
    work_days: Vec<NaiveDate>,
    /// Whether the year has a State Council notice in the calendar.
    known: bool,
    /// For a year without a notice: its statutory rest days ([`statutory`]).
    statutory: Vec<statutory::StatutoryDay>,
}

impl YearTable {
    fn total(&self) -> u32 {
        u32::from(*self.cum.last().unwrap_or(&0))
    }
    /// Working days among the days of the year strictly after ordinal0 `i` (i = -1: all).
    fn after(&self, i: usize) -> u32 {
        self.total() - u32::from(self.cum[i + 1])
    }
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
        let years = (LAST_DAY.year() - FIRST_DAY.year() + 1) as usize;
        Calendar {
            years: merged.years,
            special: merged.special,
            tables: (0..years).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The table of `year` (built on first use). `year` must lie in 1900–2199.
    fn table(&self, year: i32) -> &YearTable {
        self.tables[(year - FIRST_DAY.year()) as usize].get_or_init(|| self.build(year))
    }

    fn build(&self, year: i32) -> YearTable {
        let known = self.is_known_year(year);
        let statutory = if known {
            Vec::new()
        } else {
            statutory::statutory_rest_days(year)
        };
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(FIRST_DAY);
        let days = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366
        } else {
            365
        };
        let mut cum = Vec::with_capacity(days + 1);
        let mut work_days = Vec::with_capacity(days * 5 / 7 + 8);
        cum.push(0u16);
        let mut w = 0u16;
        for day in first.iter_days().take(days) {
            let working = match self.special.get(&day) {
                Some(fact) => fact.working,
                None => {
                    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
                        && !statutory.iter().any(|s| s.date == day)
                }
            };
            if working {
                w += 1;
                work_days.push(day);
            }
            cum.push(w);
        }
        YearTable {
            cum,
            work_days,
            known,
            statutory,
        }
    }

    fn check(d: NaiveDate) -> Result<(), CalendarError> {
        if d < FIRST_DAY || d > LAST_DAY {
            return Err(CalendarError::OutOfRange(d.to_string()));
        }
        Ok(())
    }

    /// Whether any year holding a day of `(a, b]` lacks its notice (`a < b`).
    fn unknown_between(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let first = a.succ_opt().map_or(b.year(), |d| d.year());
        (first..=b.year()).any(|y| !self.is_known_year(y))
    }

    /// Whether `date` is a working day (工作日). Provisional when its year is unknown.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] outside 1900–2199.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<Reckoned<bool>, CalendarError> {
        Self::check(date)?;
        let t = self.table(date.year());
        let i = date.ordinal0() as usize;
        Ok(Reckoned {
            value: t.cum[i + 1] - t.cum[i] == 1,
            provisional: !t.known,
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
        Self::check(from)?;
        if n == 0 {
            return Ok(Reckoned {
                value: from,
                provisional: false,
            });
        }
        // The n-th working day after `from` is the (working days of its year up to `from`) + n-th
        // working day of that year, counted on into the years that follow.
        let mut year = from.year();
        let mut left = n.saturating_add(u32::from(
            self.table(year).cum[from.ordinal0() as usize + 1],
        ));
        let day = loop {
            let t = self.table(year);
            if left <= t.total() {
                break t.work_days[(left - 1) as usize];
            }
            left -= t.total();
            year += 1;
            if year > LAST_DAY.year() {
                return Err(CalendarError::OutOfRange(format!(
                    "{from} 之后第 {n} 个工作日"
                )));
            }
        };
        Ok(Reckoned {
            value: day,
            provisional: self.unknown_between(from, day),
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
        Self::check(a)?;
        Self::check(b)?;
        if b <= a {
            return Ok(Reckoned {
                value: 0,
                provisional: false,
            });
        }
        let (i, j) = (a.ordinal0() as usize, b.ordinal0() as usize);
        let value = if a.year() == b.year() {
            let t = self.table(a.year());
            u32::from(t.cum[j + 1] - t.cum[i + 1])
        } else {
            let mut v = self.table(a.year()).after(i);
            for y in a.year() + 1..b.year() {
                v += self.table(y).total();
            }
            v + u32::from(self.table(b.year()).cum[j + 1])
        };
        Ok(Reckoned {
            value,
            provisional: self.unknown_between(a, b),
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
        let holiday = match self.special.get(&date) {
            Some(f) => Some(f.holiday.clone()),
            None => self
                .statutory_days(date.year())
                .iter()
                .find(|s| s.date == date)
                .map(|s| s.name.to_string()),
        };
        Ok(DayInfo {
            working: w.value,
            holiday,
            provisional: w.provisional,
        })
    }

    /// The statutory rest days (法定节假日) the calendar applies in `year` because the year has
    /// no notice (empty for a year with a notice, whose arrangement says it all). SPEC.md §1.
    pub fn statutory_days(&self, year: i32) -> &[statutory::StatutoryDay] {
        if !(FIRST_DAY.year()..=LAST_DAY.year()).contains(&year) {
            return &[];
        }
        &self.table(year).statutory
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
    fn unknown_year_is_provisional_with_its_statutory_holidays() {
        let cal = Calendar::official();
        let r = cal.add_working_days(d("2026-12-10"), 20).unwrap();
        assert!(r.provisional);
        // 2026-12-11 .. 2027-01-08 holds 21 weekdays, one of them 元旦 (2027-01-01, SPEC §1).
        assert_eq!(r.value, d("2027-01-08"));
        let ny = cal.is_working_day(d("2027-01-01")).unwrap();
        assert!(ny.provisional && !ny.value);
        let info = cal.day_info(d("2027-01-01")).unwrap();
        assert_eq!(info.holiday.as_deref(), Some("元旦"));
        // 2027's 春节 (除夕 02-05 … 初三 02-08): Fri and Mon off.
        assert!(!cal.is_working_day(d("2027-02-05")).unwrap().value);
        assert!(!cal.is_working_day(d("2027-02-08")).unwrap().value);
        assert!(cal.is_working_day(d("2027-02-09")).unwrap().value);
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
