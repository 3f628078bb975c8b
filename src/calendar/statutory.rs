//! The statutory public holidays (法定节假日) of 《全国年节及纪念日放假办法》, for years whose State
//! Council notice is not yet in the calendar (SPEC.md §1).
//!
//! The yearly notice only arranges *around* these days (bridging days off, make-up working
//! weekends); the days themselves are fixed by the 办法. So a year without its notice is not a bare
//! Monday–Friday year: its statutory days are rest days, and what is still unknown (the bridging
//! and the make-up days) keeps every date counted through the year **provisional**.
//!
//! The lunar dates (除夕, 春节, 端午, 中秋) and the solar term 清明 come from the `tyme4rs` crate
//! (a well-kept lunisolar calendar), not from a hand-made table.
//!
//! The 办法 as in force on each day:
//! - from 2025-01-01, State Council Decree 795: 元旦 1 day; 春节 4 days (除夕, 正月初一–初三);
//!   清明节 1; 劳动节 2 (1–2 May); 端午节 1; 中秋节 1; 国庆节 3 (1–3 October);
//! - 2014-01-01 … 2024-12-31, Decree 644: 春节 3 days (正月初一–初三), 劳动节 1 day (1 May);
//! - 2008-01-01 … 2013-12-31, Decree 513: 春节 3 days (除夕, 正月初一、初二), 劳动节 1 day.
//!
//! Before 2008 (before the regulation was in force) no statutory day is added.

use chrono::NaiveDate;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// One statutory rest day: the date and the holiday's name (元旦, 春节, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatutoryDay {
    /// The day.
    pub date: NaiveDate,
    /// The holiday (节日名称), as the 办法 names it.
    pub name: &'static str,
}

fn solar(d: &SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_year()).ok()?,
        u32::try_from(d.get_month()).ok()?,
        u32::try_from(d.get_day()).ok()?,
    )
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    solar(&LunarDay::from_ymd(year as isize, month, day).get_solar_day())
}

/// The statutory rest days of `year`, in date order (empty before 2008 and after 2199).
///
/// These are the days the 办法 gives off, not the notice's arrangement: a statutory day that falls
/// on a weekend is listed all the same (the notice would move it, which is unknown until it
/// appears).
pub fn statutory_rest_days(year: i32) -> Vec<StatutoryDay> {
    if !(2008..=2199).contains(&year) {
        return Vec::new();
    }
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let mut days: Vec<StatutoryDay> = Vec::new();
    let mut push = |date: Option<NaiveDate>, name: &'static str| {
        if let Some(date) = date.filter(|d| chrono::Datelike::year(d) == year) {
            days.push(StatutoryDay { date, name });
        }
    };
    push(fixed(1, 1), "元旦");
    // 春节: 正月初一 of the lunar year that begins in this solar year.
    let new_year = lunar(year, 1, 1);
    let eve = new_year.and_then(|d| d.pred_opt());
    let spring: Vec<Option<NaiveDate>> = if year >= 2025 {
        vec![eve, new_year, lunar(year, 1, 2), lunar(year, 1, 3)]
    } else if year >= 2014 {
        vec![new_year, lunar(year, 1, 2), lunar(year, 1, 3)]
    } else {
        vec![eve, new_year, lunar(year, 1, 2)]
    };
    for d in spring {
        push(d, "春节");
    }
    let qingming = SolarTerm::new(year as isize, "清明")
        .ok()
        .and_then(|t| solar(&t.get_solar_day()));
    push(qingming, "清明节");
    push(fixed(5, 1), "劳动节");
    if year >= 2025 {
        push(fixed(5, 2), "劳动节");
    }
    push(lunar(year, 5, 5), "端午节");
    push(lunar(year, 8, 15), "中秋节");
    for d in 1..=3 {
        push(fixed(10, d), "国庆节");
    }
    days.sort_by_key(|d| d.date);
    days.dedup_by_key(|d| d.date);
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use chrono::Datelike;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn statutory_days_of_2027_by_decree_795() {
        // 2027: 春节 is 2027-02-06 (除夕 02-05), 清明 04-05, 端午 06-09, 中秋 09-15.
        let days: Vec<(String, &str)> = statutory_rest_days(2027)
            .into_iter()
            .map(|s| (s.date.to_string(), s.name))
            .collect();
        let want = [
            ("2027-01-01", "元旦"),
            ("2027-02-05", "春节"),
            ("2027-02-06", "春节"),
            ("2027-02-07", "春节"),
            ("2027-02-08", "春节"),
            ("2027-04-05", "清明节"),
            ("2027-05-01", "劳动节"),
            ("2027-05-02", "劳动节"),
            ("2027-06-09", "端午节"),
            ("2027-09-15", "中秋节"),
            ("2027-10-01", "国庆节"),
            ("2027-10-02", "国庆节"),
            ("2027-10-03", "国庆节"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(days, want);
    }

    /// Every statutory day the 办法 gave in a year the official calendar knows (2015–2026) is a
    /// day off in that year's notice: the lunar and solar-term arithmetic agrees with the State
    /// Council's own arrangements.
    #[test]
    fn statutory_days_are_off_in_every_official_notice() {
        let cal = Calendar::official();
        let mut checked = 0;
        for year in 2015..=2026 {
            assert!(cal.is_known_year(year));
            for s in statutory_rest_days(year) {
                let w = cal.is_working_day(s.date).unwrap();
                assert!(
                    !w.value,
                    "{} {} should be off in the {year} notice",
                    s.date, s.name
                );
                checked += 1;
            }
        }
        // 2015–2024: 11 days a year (Decree 644), less 2020 whose 中秋 was 1 October (国庆);
        // 2025–2026: 13 days a year (Decree 795).
        assert_eq!(checked, 10 * 11 - 1 + 2 * 13);
    }

    #[test]
    fn no_statutory_days_outside_2008_to_2199() {
        assert!(statutory_rest_days(2007).is_empty());
        assert!(statutory_rest_days(2200).is_empty());
        assert_eq!(statutory_rest_days(2199).first().unwrap().date.year(), 2199);
        assert_eq!(statutory_rest_days(2030)[0].date, d("2030-01-01"));
    }
}
