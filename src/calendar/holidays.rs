//! The holidays file (`holidays.toml`): one table per year, named after the State Council's
//! notice, one line per holiday with its days off and make-up working days (调休上班).
//!
//! ```toml
//! [2026]
//! notice = "国务院办公厅关于2026年部分节假日安排的通知"
//! sources = ["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"]
//! holidays = [
//!   { name = "元旦", off = ["2026-01-01..2026-01-03"], work = ["2026-01-04"] },
//!   { name = "春节", off = ["2026-02-15..2026-02-23"], work = ["2026-02-14", "2026-02-28"] },
//! ]
//! ```
//!
//! `off` lists dates or inclusive ranges `A..B`; `work` lists single dates. `notice` is a title or
//! a list of titles (a year with a supplementary notice). In an agency's own file, a year that says
//! `merge = true` adds its days to the official year instead of replacing it.
//!
//! Validation (all problems reported at once, each with file and line): TOML syntax, a table that
//! is not a year, a year listed twice, an impossible date, a reversed range, a date far from its
//! year, a date listed both as off and as working. A make-up working day that is a weekday
//! anyway is only a warning. Source of the facts: SPEC.md §1.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

/// One year's notice as written in a holidays file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeYear {
    /// The year the notice is for (the notice's year; a few of its days may lie in December of
    /// the year before).
    pub year: i32,
    /// Title(s) of the notice(s), e.g. 国务院办公厅关于2026年部分节假日安排的通知.
    pub notices: Vec<String>,
    /// Where the notice was published (gov.cn URLs).
    pub sources: Vec<String>,
    /// True when this year adds to an earlier file's year instead of replacing it.
    pub merge: bool,
    /// Free remark kept with the year.
    pub note: Option<String>,
    /// The holidays, in the notice's order.
    pub holidays: Vec<Holiday>,
}

/// One holiday of a notice: its days off and the weekend days worked in exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The holiday's name as the notice gives it (元旦, 春节, 国庆节、中秋节 …).
    pub name: String,
    /// Days off, as inclusive ranges (a single day is a range of one).
    pub off: Vec<(NaiveDate, NaiveDate)>,
    /// Make-up working days (调休上班), usually a Saturday or Sunday.
    pub work: Vec<NaiveDate>,
    /// Free remark.
    pub note: Option<String>,
}

/// One listed day, with where it was listed (for error messages and `calendar show`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayFact {
    /// The day.
    pub date: NaiveDate,
    /// True for a make-up working day, false for a day off.
    pub working: bool,
    /// The holiday it belongs to.
    pub holiday: String,
    /// The notice year that lists it.
    pub year: i32,
    /// File and line that list it.
    pub at: Location,
}

/// A place in a holidays file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Everything wrong with one or more holidays files; each entry names file, line and problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidaysError {
    /// `(where, what)` pairs, in file order.
    pub problems: Vec<(Location, String)>,
}

impl fmt::Display for HolidaysError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (at, what)) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{at}: {what}")?;
        }
        Ok(())
    }
}

impl std::error::Error for HolidaysError {}

/// Something odd but harmless in a holidays file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidaysWarning {
    /// Where.
    pub at: Location,
    /// What.
    pub message: String,
}

impl fmt::Display for HolidaysWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// A parsed holidays file: its years, and every day it lists with the line listing it.
#[derive(Debug, Clone)]
pub struct HolidayFile {
    /// The file's name, as given.
    pub name: String,
    /// Its years.
    pub years: BTreeMap<i32, NoticeYear>,
    facts: Vec<DayFact>,
    warnings: Vec<HolidaysWarning>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    notice: Option<OneOrMany>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    merge: bool,
    note: Option<String>,
    #[serde(default)]
    holidays: Vec<Spanned<RawHoliday>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
    note: Option<String>,
}

/// The byte offsets at which the lines of `text` start, so that the line of any offset is a
/// binary search (linear parsing, however many entries the file has).
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The 1-based line of byte `offset`, given [`line_starts`].
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).max(1)
}

/// Parses a `YYYY-MM-DD` date as written in a holidays file.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl HolidayFile {
    /// Parses and checks one holidays file. `name` is used in messages only.
    ///
    /// # Errors
    /// All problems found, each with `name:line`.
    pub fn parse(name: &str, text: &str) -> Result<HolidayFile, HolidaysError> {
        let starts = line_starts(text);
        let at = |offset: usize| Location {
            file: name.to_string(),
            line: line_of(&starts, offset),
        };
        let raw: BTreeMap<Spanned<String>, Spanned<RawYear>> = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let msg = e.message().trim().to_string();
                let msg = if msg.contains("duplicate key") {
                    "同一年份（或同一键）重复出现，每年只能有一个表：请删去其中一处".to_string()
                } else if let Some(rest) = msg.strip_prefix("unknown field `") {
                    let key = rest.split('`').next().unwrap_or_default();
                    format!(
                        "不认识的键“{key}”：年份表可用 notice、sources、merge、note、holidays；每个节日可用 name、off、work、note"
                    )
                } else if msg.starts_with("missing field `name`") {
                    "节日缺少名称：请写 name = \"…\"".to_string()
                } else {
                    format!(
                        "不是有效的 TOML：{}",
                        crate::calendar::syntax::toml_syntax(&msg)
                    )
                };
                return Err(HolidaysError {
                    problems: vec![(at(offset), msg)],
                });
            }
        };
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut years = BTreeMap::new();
        let mut facts = Vec::new();
        for (key, ry) in raw {
            let key_at = at(key.span().start);
            let year = match key.get_ref().parse::<i32>() {
                Ok(y) if (1900..=2199).contains(&y) && key.get_ref().len() == 4 => y,
                _ => {
                    problems.push((
                        key_at,
                        format!(
                            "表名“{}”不是年份：每个表应写作 [2027] 这样的四位年份",
                            key.get_ref()
                        ),
                    ));
                    continue;
                }
            };
            let ry = ry.into_inner();
            let notices = match ry.notice {
                Some(OneOrMany::One(s)) => vec![s],
                Some(OneOrMany::Many(v)) => v,
                None => vec![],
            };
            if notices.iter().all(|n| n.trim().is_empty()) && !ry.merge {
                problems.push((
                    key_at.clone(),
                    format!(
                        "{year} 年没有写明通知名称：请加 notice = \"国务院办公厅关于{year}年部分节假日安排的通知\"（若只是在官方日历上增加本地假日，请写 merge = true）"
                    ),
                ));
            }
            let window = (
                NaiveDate::from_ymd_opt(year - 1, 12, 1).expect("valid"),
                NaiveDate::from_ymd_opt(year + 1, 1, 31).expect("valid"),
            );
            let mut holidays = Vec::new();
            for rh in ry.holidays {
                let h_at = at(rh.span().start);
                let rh = rh.into_inner();
                if rh.name.trim().is_empty() {
                    problems.push((h_at.clone(), "假日名称（name）不能为空".to_string()));
                }
                let mut off = Vec::new();
                for item in &rh.off {
                    let item_at = at(item.span().start);
                    let s = item.get_ref();
                    let (a, b) = match s.split_once("..") {
                        Some((a, b)) => (a, b),
                        None => (s.as_str(), s.as_str()),
                    };
                    match (parse_day(a), parse_day(b)) {
                        (Some(a), Some(b)) if a <= b => {
                            if a < window.0 || b > window.1 {
                                problems.push((
                                    item_at.clone(),
                                    format!("“{s}”不在 {year} 年通知所管的时间内（{} 至 {}）", window.0, window.1),
                                ));
                                continue;
                            }
                            off.push((a, b));
                            let mut d = a;
                            while d <= b {
                                facts.push(DayFact {
                                    date: d,
                                    working: false,
                                    holiday: rh.name.clone(),
                                    year,
                                    at: item_at.clone(),
                                });
                                d = d.succ_opt().expect("in range");
                            }
                        }
                        (Some(_), Some(_)) => problems.push((
                            item_at,
                            format!("日期范围“{s}”首尾颠倒：应写作 早..晚"),
                        )),
                        _ => problems.push((
                            item_at,
                            format!("日期“{s}”无效：应为真实存在的日期 YYYY-MM-DD，或范围 YYYY-MM-DD..YYYY-MM-DD"),
                        )),
                    }
                }
                let mut work = Vec::new();
                for item in &rh.work {
                    let item_at = at(item.span().start);
                    let s = item.get_ref();
                    let Some(d) = parse_day(s) else {
                        problems.push((
                            item_at,
                            format!("日期“{s}”无效：调休上班日应为真实存在的日期 YYYY-MM-DD"),
                        ));
                        continue;
                    };
                    if d < window.0 || d > window.1 {
                        problems.push((
                            item_at,
                            format!(
                                "“{s}”不在 {year} 年通知所管的时间内（{} 至 {}）",
                                window.0, window.1
                            ),
                        ));
                        continue;
                    }
                    if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                        warnings.push(HolidaysWarning {
                            at: item_at.clone(),
                            message: format!(
                                "调休上班日 {d} 本来就是工作日（{}），此项不改变任何计算",
                                weekday_cn(d)
                            ),
                        });
                    }
                    work.push(d);
                    facts.push(DayFact {
                        date: d,
                        working: true,
                        holiday: rh.name.clone(),
                        year,
                        at: item_at,
                    });
                }
                holidays.push(Holiday {
                    name: rh.name,
                    off,
                    work,
                    note: rh.note,
                });
            }
            years.insert(
                year,
                NoticeYear {
                    year,
                    notices,
                    sources: ry.sources,
                    merge: ry.merge,
                    note: ry.note,
                    holidays,
                },
            );
        }
        check_conflicts(&facts, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|(at, _)| at.line);
            return Err(HolidaysError { problems });
        }
        Ok(HolidayFile {
            name: name.to_string(),
            years,
            facts,
            warnings,
        })
    }

    /// Warnings found while parsing (harmless oddities).
    pub fn warnings(&self) -> &[HolidaysWarning] {
        &self.warnings
    }
}

fn check_conflicts(facts: &[DayFact], problems: &mut Vec<(Location, String)>) {
    let mut seen: BTreeMap<NaiveDate, &DayFact> = BTreeMap::new();
    for f in facts {
        match seen.get(&f.date) {
            Some(prev) if prev.working != f.working => {
                let (off, work) = if f.working { (*prev, f) } else { (f, *prev) };
                problems.push((
                    f.at.clone(),
                    format!(
                        "{} 同时被列为放假日（{}，{}）和调休上班日（{}，{}）：请删去其中一处",
                        f.date, off.holiday, off.at, work.holiday, work.at
                    ),
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(f.date, f);
            }
        }
    }
}

/// The Chinese weekday name (周一 … 周日).
pub fn weekday_cn(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// Several files merged in order: the result a [`super::Calendar`] is built from.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    pub years: BTreeMap<i32, NoticeYear>,
    pub special: BTreeMap<NaiveDate, DayFact>,
    pub warnings: Vec<HolidaysWarning>,
}

/// Merges files in order: a later file's year replaces an earlier one's, unless it says
/// `merge = true`, in which case its holidays are added to it.
pub(crate) fn merge(files: Vec<HolidayFile>) -> Result<Merged, HolidaysError> {
    let mut years: BTreeMap<i32, NoticeYear> = BTreeMap::new();
    let mut facts_by_year: BTreeMap<i32, Vec<DayFact>> = BTreeMap::new();
    let mut warnings = Vec::new();
    for file in files {
        warnings.extend(file.warnings.iter().cloned());
        for (y, ny) in file.years {
            let new_facts: Vec<DayFact> =
                file.facts.iter().filter(|f| f.year == y).cloned().collect();
            if ny.merge && ny.notices.is_empty() && !years.contains_key(&y) {
                warnings.push(HolidaysWarning {
                    at: Location {
                        file: file.name.clone(),
                        line: 1,
                    },
                    message: format!(
                        "{y} 年还没有国务院放假通知：只加入了本地假日，该年的日期仍按临时计算"
                    ),
                });
            }
            match (ny.merge, years.get_mut(&y)) {
                (true, Some(existing)) => {
                    existing.holidays.extend(ny.holidays);
                    existing.notices.extend(ny.notices);
                    existing.sources.extend(ny.sources);
                    facts_by_year.entry(y).or_default().extend(new_facts);
                }
                _ => {
                    years.insert(y, ny);
                    facts_by_year.insert(y, new_facts);
                }
            }
        }
    }
    let all: Vec<DayFact> = facts_by_year.into_values().flatten().collect();
    let mut problems = Vec::new();
    check_conflicts(&all, &mut problems);
    if !problems.is_empty() {
        return Err(HolidaysError { problems });
    }
    let mut special = BTreeMap::new();
    for f in all {
        special.entry(f.date).or_insert(f);
    }
    Ok(Merged {
        years,
        special,
        warnings,
    })
}

fn toml_str(s: &str) -> String {
    // A TOML basic string is a JSON string for our purposes (same escapes for quotes,
    // backslashes and control characters).
    serde_json::to_string(s).expect("string serializes")
}

fn render_range((a, b): (NaiveDate, NaiveDate)) -> String {
    if a == b {
        format!("\"{a}\"")
    } else {
        format!("\"{a}..{b}\"")
    }
}

/// Renders one year as a holidays-file table, in the house format (one line per holiday).
pub fn render_year(y: &NoticeYear) -> String {
    let mut out = format!("[{}]\n", y.year);
    match y.notices.as_slice() {
        [one] => out += &format!("notice = {}\n", toml_str(one)),
        many => {
            out += "notice = [\n";
            for n in many {
                out += &format!("  {},\n", toml_str(n));
            }
            out += "]\n";
        }
    }
    if !y.sources.is_empty() {
        out += "sources = [\n";
        for s in &y.sources {
            out += &format!("  {},\n", toml_str(s));
        }
        out += "]\n";
    }
    if y.merge {
        out += "merge = true\n";
    }
    if let Some(n) = &y.note {
        out += &format!("note = {}\n", toml_str(n));
    }
    out += "holidays = [\n";
    for h in &y.holidays {
        let off: Vec<String> = h.off.iter().copied().map(render_range).collect();
        let work: Vec<String> = h.work.iter().map(|d| format!("\"{d}\"")).collect();
        out += &format!(
            "  {{ name = {}, off = [{}], work = [{}]",
            toml_str(&h.name),
            off.join(", "),
            work.join(", ")
        );
        if let Some(n) = &h.note {
            out += &format!(", note = {}", toml_str(n));
        }
        out += " },\n";
    }
    out += "]\n";
    out
}

/// Renders a whole holidays file: `header` (comment lines) then every year, oldest first.
pub fn render_file(header: &str, years: &BTreeMap<i32, NoticeYear>) -> String {
    let mut out = header.to_string();
    for y in years.values() {
        out += "\n";
        out += &render_year(y);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        HolidayFile::parse("h.toml", text)
            .unwrap_err()
            .problems
            .into_iter()
            .map(|(at, m)| format!("{at}: {m}"))
            .collect()
    }

    #[test]
    fn impossible_date_names_file_and_line() {
        let p = problems(
            "[2026]\nnotice = \"n\"\nholidays = [\n  { name = \"春节\", off = [\"2026-02-30\"] },\n]\n",
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("h.toml:4: 日期“2026-02-30”无效"), "{p:?}");
    }

    #[test]
    fn off_and_work_conflict() {
        let p = problems(
            "[2026]\nnotice = \"n\"\nholidays = [\n  { name = \"A\", off = [\"2026-02-14\"] },\n  { name = \"B\", work = [\"2026-02-14\"] },\n]\n",
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("2026-02-14 同时被列为放假日"), "{p:?}");
        assert!(
            p[0].contains("h.toml:4") && p[0].contains("h.toml:5"),
            "{p:?}"
        );
    }

    #[test]
    fn duplicate_year_is_refused() {
        let p = problems("[2026]\nnotice = \"a\"\n[2026]\nnotice = \"b\"\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("h.toml:3: 同一年份"), "{p:?}");
    }

    #[test]
    fn a_misspelt_key_is_named_with_the_keys_allowed() {
        let p = problems(
            "[2026]\nnotice = \"n\"\nholidays = [\n  { name = \"春节\", wrok = [\"2026-02-14\"] },\n]\n",
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("h.toml:4: 不认识的键“wrok”"), "{p:?}");
    }

    #[test]
    fn weekday_make_up_day_warns() {
        let f = HolidayFile::parse(
            "h.toml",
            "[2020]\nnotice = \"n\"\nholidays = [\n  { name = \"春节\", work = [\"2020-02-03\"] },\n]\n",
        )
        .unwrap();
        assert_eq!(f.warnings().len(), 1);
        assert!(
            f.warnings()[0]
                .to_string()
                .starts_with("h.toml:4: 调休上班日 2020-02-03 本来就是工作日")
        );
    }

    #[test]
    fn not_a_year_and_missing_notice() {
        let p = problems("[abc]\nnotice = \"n\"\n[2027]\nholidays = []\n");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("h.toml:1: 表名“abc”不是年份"));
        assert!(p[1].starts_with("h.toml:3: 2027 年没有写明通知名称"));
    }

    #[test]
    fn render_round_trips() {
        let text = "[2026]\nnotice = \"n\"\nsources = [\n  \"u\",\n]\nholidays = [\n  { name = \"元旦\", off = [\"2026-01-01..2026-01-03\"], work = [\"2026-01-04\"] },\n]\n";
        let f = HolidayFile::parse("h.toml", text).unwrap();
        assert_eq!(render_year(&f.years[&2026]), text);
    }
}
