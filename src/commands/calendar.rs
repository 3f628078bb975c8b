//! `disclose calendar`: the working-day calendar at the command line (SPEC.md §1).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::holidays::{self, weekday_cn};
use crate::calendar::{Calendar, HolidayFile, holiday_cn};
use crate::case;
use crate::context::{Ctx, Format};
use crate::dates::{parse_date_arg, parse_working_days};
use crate::error::{Exit, Failure};

/// 工作日历
#[derive(Debug, clap::Subcommand)]
pub enum CalendarCmd {
    /// 推算 DATE 之后第 N 个工作日（DATE 当日不计）
    Add {
        /// 起算日（第 0 天，不计入）
        #[arg(value_name = "DATE", value_parser = parse_date_arg)]
        date: NaiveDate,
        /// 工作日数（非负整数）
        #[arg(value_name = "N", value_parser = parse_working_days, allow_hyphen_values = true)]
        n: u32,
    },
    /// 某天是否工作日（是 / 否）
    IsWorkday {
        /// 日期
        #[arg(value_name = "DATE", value_parser = parse_date_arg)]
        date: NaiveDate,
    },
    /// A（不含）至 B（含）之间的工作日数
    Between {
        /// 起（不含）
        #[arg(value_name = "A", value_parser = parse_date_arg)]
        a: NaiveDate,
        /// 止（含）
        #[arg(value_name = "B", value_parser = parse_date_arg)]
        b: NaiveDate,
    },
    /// 按月列出某年的放假日和调休上班日
    Show {
        /// 年份
        #[arg(value_name = "YEAR", value_parser = |s: &str| super::parse_count(s, 1900, 2199).map(|y| y as i32))]
        year: i32,
    },
    /// 把 holiday-cn 格式的 JSON（如 2027.json）转换为 holidays.toml 的条目
    ImportHolidayCn {
        /// holiday-cn 的 JSON 文件
        #[arg(value_name = "FILE.json", required = true)]
        files: Vec<PathBuf>,
        /// 写入（合并到）这个节假日文件：同一年份整体替换，重复导入结果不变；不给则输出到屏幕
        #[arg(long, value_name = "FILE")]
        into: Option<PathBuf>,
    },
    /// 列出采用新的节假日文件后，期限会变化的未办结申请
    Diff {
        /// 新的节假日文件（如刚加入 2027 年通知的文件）
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct AddJson {
    from: NaiveDate,
    working_days: u32,
    date: NaiveDate,
    provisional: bool,
}

#[derive(Serialize)]
struct WorkdayJson {
    date: NaiveDate,
    working_day: bool,
    provisional: bool,
}

#[derive(Serialize)]
struct BetweenJson {
    from: NaiveDate,
    to: NaiveDate,
    working_days: u32,
    provisional: bool,
}

fn provisional_note(year_hint: &str) -> String {
    format!(
        "注意：计算涉及日历中尚无国务院放假通知的年份（{year_hint}），按法定节假日和周一至周五临时计算；请把该年的国务院放假通知加入节假日文件（见 README）"
    )
}

/// Runs `calendar`.
///
/// # Errors
/// Dates outside the calendar, `between` with A after B (exit 2); unreadable or invalid files
/// (exit 4).
pub fn run(ctx: &mut Ctx, c: CalendarCmd) -> anyhow::Result<Exit> {
    let cal = &ctx.calendar;
    let mut out = std::io::stdout().lock();
    match c {
        CalendarCmd::Add { date, n } => {
            let r = cal.add_working_days(date, n).map_err(Failure::from)?;
            match ctx.format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&AddJson {
                        from: date,
                        working_days: n,
                        date: r.value,
                        provisional: r.provisional
                    })?
                )?,
                Format::Csv => write!(
                    out,
                    "{}",
                    crate::output::csv(
                        &["from", "working_days", "date", "provisional"],
                        &[vec![
                            date.to_string(),
                            n.to_string(),
                            r.value.to_string(),
                            r.provisional.to_string()
                        ]]
                    )?
                )?,
                Format::Table => {
                    if r.provisional {
                        writeln!(out, "{}（临时）", r.value)?;
                        eprintln!("{}", provisional_note(&unknown_years(cal, date, r.value)));
                    } else {
                        writeln!(out, "{}", r.value)?;
                    }
                }
            }
        }
        CalendarCmd::IsWorkday { date } => {
            let r = cal.is_working_day(date).map_err(Failure::from)?;
            match ctx.format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&WorkdayJson {
                        date,
                        working_day: r.value,
                        provisional: r.provisional
                    })?
                )?,
                Format::Csv => write!(
                    out,
                    "{}",
                    crate::output::csv(
                        &["date", "working_day", "provisional"],
                        &[vec![
                            date.to_string(),
                            r.value.to_string(),
                            r.provisional.to_string()
                        ]]
                    )?
                )?,
                Format::Table => {
                    let yes = if r.value { "是" } else { "否" };
                    if r.provisional {
                        writeln!(out, "{yes}（临时）")?;
                        eprintln!("{}", provisional_note(&format!("{}年", date.year())));
                    } else {
                        writeln!(out, "{yes}")?;
                    }
                }
            }
        }
        CalendarCmd::Between { a, b } => {
            super::check_range("A", a, "B", b)
                .map_err(|f| f.hint(format!("应为 disclose calendar between {b} {a}")))?;
            let r = cal.working_days_between(a, b).map_err(Failure::from)?;
            match ctx.format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&BetweenJson {
                        from: a,
                        to: b,
                        working_days: r.value,
                        provisional: r.provisional
                    })?
                )?,
                Format::Csv => write!(
                    out,
                    "{}",
                    crate::output::csv(
                        &["from", "to", "working_days", "provisional"],
                        &[vec![
                            a.to_string(),
                            b.to_string(),
                            r.value.to_string(),
                            r.provisional.to_string()
                        ]]
                    )?
                )?,
                Format::Table => {
                    if r.provisional {
                        writeln!(out, "{}（临时）", r.value)?;
                        eprintln!("{}", provisional_note(&unknown_years(cal, a, b)));
                    } else {
                        writeln!(out, "{}", r.value)?;
                    }
                }
            }
        }
        CalendarCmd::Show { year } => show_year(ctx, year)?,
        CalendarCmd::ImportHolidayCn { files, into } => import_holiday_cn(ctx, &files, into)?,
        CalendarCmd::Diff { file } => return diff(ctx, file),
    }
    Ok(Exit::Ok)
}

fn unknown_years(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> String {
    let (a, b) = (a.min(b), a.max(b));
    let ys: Vec<String> = (a.year()..=b.year())
        .filter(|y| !cal.is_known_year(*y))
        .map(|y| format!("{y}年"))
        .collect();
    ys.join("、")
}

#[derive(Serialize)]
struct MonthJson {
    month: u32,
    working_days: u32,
    off: Vec<(NaiveDate, String)>,
    work: Vec<(NaiveDate, String)>,
}

#[derive(Serialize)]
struct YearJson {
    year: i32,
    known: bool,
    notices: Vec<String>,
    sources: Vec<String>,
    working_days: u32,
    months: Vec<MonthJson>,
}

fn show_year(ctx: &mut Ctx, year: i32) -> anyhow::Result<()> {
    let cal = &ctx.calendar;
    let known = cal.is_known_year(year);
    let mut months = Vec::new();
    let mut total = 0;
    for m in 1..=12u32 {
        let first = NaiveDate::from_ymd_opt(year, m, 1).expect("valid");
        let last = if m == 12 {
            NaiveDate::from_ymd_opt(year, 12, 31).expect("valid")
        } else {
            NaiveDate::from_ymd_opt(year, m + 1, 1)
                .expect("valid")
                .pred_opt()
                .expect("valid")
        };
        let wd = cal
            .working_days_between(first.pred_opt().expect("valid"), last)
            .map_err(Failure::from)?
            .value;
        total += wd;
        let mut off = Vec::new();
        let mut work = Vec::new();
        for f in cal.special_days(first, last) {
            if f.working {
                work.push((f.date, f.holiday.clone()));
            } else {
                off.push((f.date, f.holiday.clone()));
            }
        }
        // A year without its notice: the statutory days of the 办法 (SPEC §1) are its days off.
        for s in cal.statutory_days(year) {
            if (first..=last).contains(&s.date) && !off.iter().any(|(d, _)| *d == s.date) {
                off.push((s.date, format!("{}（法定）", s.name)));
            }
        }
        off.sort();
        months.push(MonthJson {
            month: m,
            working_days: wd,
            off,
            work,
        });
    }
    let (notices, sources) = cal
        .year(year)
        .map(|y| (y.notices.clone(), y.sources.clone()))
        .unwrap_or_default();
    let mut out = std::io::stdout().lock();
    let y = YearJson {
        year,
        known,
        notices,
        sources,
        working_days: total,
        months,
    };
    if ctx.format == Format::Json {
        writeln!(out, "{}", crate::output::json(&y)?)?;
        return Ok(());
    }
    let fmt_days = |days: &[(NaiveDate, String)], with_weekday: bool| -> String {
        // Group consecutive days of the same holiday: "1日–3日 元旦".
        let mut groups: Vec<(NaiveDate, NaiveDate, String)> = Vec::new();
        for (d, h) in days {
            match groups.last_mut() {
                Some(g) if g.2 == *h && g.1.succ_opt() == Some(*d) && !with_weekday => g.1 = *d,
                _ => groups.push((*d, *d, h.clone())),
            }
        }
        groups
            .iter()
            .map(|(a, b, h)| {
                if a == b && with_weekday {
                    format!("{}日（{}）{h}", a.day(), weekday_cn(*a))
                } else if a == b {
                    format!("{}日 {h}", a.day())
                } else {
                    format!("{}日–{}日 {h}", a.day(), b.day())
                }
            })
            .collect::<Vec<_>>()
            .join("；")
    };
    let rows: Vec<Vec<String>> = y
        .months
        .iter()
        .map(|m| {
            vec![
                format!("{}月", m.month),
                m.working_days.to_string(),
                fmt_days(&m.off, false),
                fmt_days(&m.work, true),
            ]
        })
        .collect();
    // The title lines are for the terminal; a CSV starts with its byte-order mark and header
    // (the notices are in the JSON).
    let titled = ctx.format != Format::Csv;
    if titled && known {
        for n in &y.notices {
            writeln!(out, "{year}年：{}", crate::output::terminal_safe(n))?;
        }
    } else if titled {
        writeln!(
            out,
            "{year}年：日历中没有该年的国务院放假通知，以下按法定节假日（《全国年节及纪念日放假办法》）和周一至周五临时计算，调休未知（临时）"
        )?;
    }
    if ctx.format == Format::Csv {
        write!(
            out,
            "{}",
            crate::output::csv(&["月份", "工作日数", "放假", "调休上班"], &rows)?
        )?;
    } else {
        writeln!(
            out,
            "{}",
            crate::output::table(
                &["月份", "工作日数", "放假", "调休上班"],
                &rows,
                ctx.stdout_tty
            )
        )?;
        writeln!(
            out,
            "全年工作日：{total}{}",
            if known { "" } else { "（临时）" }
        )?;
    }
    Ok(())
}

/// The comment block at the top of a new holidays file.
pub const HOLIDAYS_HEADER: &str = "\
# 节假日文件（disclose）：国务院办公厅每年的《关于YYYY年部分节假日安排的通知》
# 每年一个表 [YYYY]；每个节日一行：off = 放假日（单日或“起..止”），work = 调休上班日。
# 格式说明见 README 的“节假日文件”一节。
";

fn import_holiday_cn(
    _ctx: &mut Ctx,
    files: &[PathBuf],
    into: Option<PathBuf>,
) -> anyhow::Result<()> {
    let mut years = BTreeMap::new();
    for f in files {
        let text = crate::output::read_small_text_file(f).map_err(|e| {
            Failure::new(
                Exit::Input,
                format!("无法读取 {}：{}", f.display(), crate::error::io_cn(&e)),
            )
        })?;
        let (y, warnings) = holiday_cn::convert(&f.display().to_string(), &text)
            .map_err(|e| Failure::new(Exit::Input, e.to_string()))?;
        for w in warnings {
            eprintln!("警告：{w}");
        }
        years.insert(y.year, y);
    }
    let mut out = std::io::stdout().lock();
    let Some(target) = into else {
        for y in years.values() {
            writeln!(out, "{}", holidays::render_year(y))?;
        }
        return Ok(());
    };
    let (header, mut existing) = if target.exists() {
        let text = crate::output::read_small_text_file(&target).map_err(|e| {
            Failure::new(
                Exit::Input,
                format!("无法读取 {}：{}", target.display(), crate::error::io_cn(&e)),
            )
        })?;
        let parsed = HolidayFile::parse(&target.display().to_string(), &text).map_err(|e| {
            Failure::new(
                Exit::Input,
                format!("{} 有误，未改动：\n{e}", target.display()),
            )
        })?;
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        (header.trim_end().to_string() + "\n", parsed.years)
    } else {
        (HOLIDAYS_HEADER.to_string(), BTreeMap::new())
    };
    let mut changed = Vec::new();
    for (y, ny) in years {
        if existing.get(&y) != Some(&ny) {
            changed.push(y);
        }
        existing.insert(y, ny);
    }
    let text = holidays::render_file(&header, &existing);
    // Check what we are about to write before writing it.
    HolidayFile::parse(&target.display().to_string(), &text)
        .map_err(|e| Failure::new(Exit::Internal, format!("生成的节假日文件无效：{e}")))?;
    let tmp = target.with_extension("toml.tmp");
    std::fs::write(&tmp, &text)?;
    std::fs::rename(&tmp, &target)?;
    if changed.is_empty() {
        writeln!(out, "{} 已是最新，无变化", target.display())?;
    } else {
        let ys: Vec<String> = changed.iter().map(|y| y.to_string()).collect();
        writeln!(out, "已写入 {}：{} 年", target.display(), ys.join("、"))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct DiffRow {
    case_no: String,
    what: String,
    before: NaiveDate,
    before_provisional: bool,
    after: NaiveDate,
    after_provisional: bool,
}

fn diff(ctx: &mut Ctx, file: PathBuf) -> anyhow::Result<Exit> {
    let text = crate::output::read_small_text_file(&file).map_err(|e| {
        Failure::new(
            Exit::Input,
            format!("无法读取 {}：{}", file.display(), crate::error::io_cn(&e)),
        )
    })?;
    let mut files = ctx.holiday_files.clone();
    files.push((file.display().to_string(), text));
    let (new_cal, _) = Calendar::from_files(&files)
        .map_err(|e| Failure::new(Exit::Input, format!("节假日文件有误：\n{e}")))?;
    let old_cal = ctx.calendar.clone();
    let today = ctx.today;
    let mut rows = Vec::new();
    ctx.store()?.for_each_open(|c| {
        let a = case::deadlines(&c, &old_cal, today)?;
        let b = case::deadlines(&c, &new_cal, today)?;
        let mut pairs = vec![
            ("答复期限".to_string(), a.reply_due, b.reply_due),
            (
                "补正通知期限".to_string(),
                a.correction_window_end
                    .filter(|_| case::correction::notice_still_possible(&c)),
                b.correction_window_end,
            ),
            (
                "补正期限".to_string(),
                a.correction_deadline,
                b.correction_deadline,
            ),
            ("缴费期限".to_string(), a.fee_deadline, b.fee_deadline),
        ];
        // Each consulted party's 15-working-day window (条例 Art 32, 34) still awaited.
        for ((x, y), cons) in a
            .consultation_windows
            .iter()
            .zip(&b.consultation_windows)
            .zip(&c.consultations)
            .filter(|(_, cons)| cons.answer.is_none())
        {
            pairs.push((
                format!("意见期限（{}）", cons.party.name),
                Some(*x),
                Some(*y),
            ));
        }
        for (what, x, y) in pairs {
            if let (Some(x), Some(y)) = (x, y)
                && x != y
            {
                rows.push(DiffRow {
                    case_no: c.case_no.clone(),
                    what,
                    before: x.value,
                    before_provisional: x.provisional,
                    after: y.value,
                    after_provisional: y.provisional,
                });
            }
        }
        Ok(())
    })?;
    let mut out = std::io::stdout().lock();
    let mark = |d: NaiveDate, p: bool| {
        if p {
            format!("{d}（临时）")
        } else {
            d.to_string()
        }
    };
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&rows)?)?,
        f => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.case_no.clone(),
                        r.what.clone(),
                        mark(r.before, r.before_provisional),
                        mark(r.after, r.after_provisional),
                    ]
                })
                .collect();
            let h = ["案件编号", "期限", "现在", "采用新文件后"];
            if f == Format::Csv {
                write!(out, "{}", crate::output::csv(&h, &table)?)?;
            } else if rows.is_empty() {
                writeln!(
                    out,
                    "采用 {} 后，没有未办结申请的期限发生变化",
                    file.display()
                )?;
            } else {
                writeln!(out, "{}", crate::output::table(&h, &table, ctx.stdout_tty))?;
                writeln!(out, "共 {} 项期限会变化", rows.len())?;
            }
        }
    }
    Ok(Exit::Ok)
}
