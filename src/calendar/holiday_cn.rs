//! Conversion from the holiday-cn JSON format (github.com/NateScarlet/holiday-cn, scraped from
//! the State Council notices on gov.cn) into holidays-file years ([`NoticeYear`]).
//!
//! Input shape: `{"year": 2026, "papers": [url…], "days": [{"name": "春节", "date":
//! "2026-02-15", "isOffDay": true}, …]}`. Only special days are listed; `isOffDay: false` is a
//! make-up working day. The conversion groups days by holiday name (first appearance order),
//! compresses consecutive days off into ranges, and drops a "make-up working day" that is a
//! weekday anyway (2020-02-03 in `2020.json`), with a warning.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::holidays::{Holiday, HolidaysError, HolidaysWarning, Location, NoticeYear};

#[derive(Deserialize)]
struct RawFile {
    year: i32,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// Titles of the supplementary notices some years had, keyed by the gov.cn address that
/// holiday-cn lists for them.
const SUPPLEMENTARY: &[(&str, &str)] = &[
    (
        "content_9742.htm",
        "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
    ),
    (
        "content_5375877.htm",
        "国务院办公厅关于调整2019年劳动节假期安排的通知",
    ),
    (
        "content_5472352.htm",
        "国务院办公厅关于延长2020年春节假期的通知",
    ),
];

/// Whether every day strictly between `a` and `b` is a Saturday or Sunday (true when `b` is the
/// day after `a`).
fn only_weekend_between(a: NaiveDate, b: NaiveDate) -> bool {
    let mut d = a.succ_opt();
    while let Some(x) = d {
        if x >= b {
            return x == b;
        }
        if !matches!(x.weekday(), Weekday::Sat | Weekday::Sun) {
            return false;
        }
        d = x.succ_opt();
    }
    false
}

/// Converts one holiday-cn JSON file (named `name` in messages) into a notice year.
///
/// # Errors
/// The JSON is malformed, a date is impossible, or the file lists no days (an empty
/// placeholder such as upstream's `2027.json` before the notice is published).
pub fn convert(
    name: &str,
    json: &str,
) -> Result<(NoticeYear, Vec<HolidaysWarning>), HolidaysError> {
    let fail = |line: usize, what: String| HolidaysError {
        problems: vec![(
            Location {
                file: name.to_string(),
                line,
            },
            what,
        )],
    };
    let raw: RawFile = serde_json::from_str(json)
        .map_err(|e| fail(e.line().max(1), super::syntax::json_syntax(&e)))?;
    if raw.days.is_empty() {
        return Err(fail(
            1,
            format!(
                "{} 年的文件没有列出任何日期（国务院通知可能尚未发布），未导入",
                raw.year
            ),
        ));
    }
    let mut holidays: Vec<Holiday> = Vec::new();
    let mut warnings = Vec::new();
    let mut dropped = Vec::new();
    for day in &raw.days {
        let line = json
            .find(&format!("\"{}\"", day.date))
            .map_or(1, |off| json[..off].matches('\n').count() + 1);
        let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
            .map_err(|_| fail(line, format!("日期“{}”无效", day.date)))?;
        if !day.is_off_day && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            warnings.push(HolidaysWarning {
                at: Location {
                    file: name.to_string(),
                    line,
                },
                message: format!(
                    "{date}（{}）被列为调休上班日，但它本来就是工作日，已略过",
                    super::holidays::weekday_cn(date)
                ),
            });
            dropped.push(format!("{date}（{}）", super::holidays::weekday_cn(date)));
            continue;
        }
        let idx = match holidays.iter().position(|h| h.name == day.name) {
            Some(i) => i,
            None => {
                holidays.push(Holiday {
                    name: day.name.clone(),
                    off: vec![],
                    work: vec![],
                    note: None,
                });
                holidays.len() - 1
            }
        };
        let h = &mut holidays[idx];
        if day.is_off_day {
            h.off.push((date, date));
        } else {
            h.work.push(date);
        }
    }
    for h in &mut holidays {
        h.off.sort();
        h.off.dedup();
        let mut ranges: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for &(d, _) in &h.off {
            match ranges.last_mut() {
                // Bridge a gap made only of a weekend ("与周末连休" days upstream leaves out),
                // so the range reads as the notice does ("6月20日至22日放假").
                Some(last) if only_weekend_between(last.1, d) => last.1 = d,
                _ => ranges.push((d, d)),
            }
        }
        h.off = ranges;
        h.work.sort();
        h.work.dedup();
    }
    let mut notices = vec![format!(
        "国务院办公厅关于{}年部分节假日安排的通知",
        raw.year
    )];
    for paper in &raw.papers {
        if let Some((_, title)) = SUPPLEMENTARY.iter().find(|(k, _)| paper.ends_with(k)) {
            notices.push((*title).to_string());
        }
    }
    Ok((
        NoticeYear {
            year: raw.year,
            notices,
            sources: raw.papers,
            merge: false,
            note: (!dropped.is_empty()).then(|| {
                format!(
                    "略去 {}：通知列为上班日，但本来就是工作日",
                    dropped.join("、")
                )
            }),
            holidays,
        },
        warnings,
    ))
}
