//! One file per subcommand: its `Args` (whose doc comments are the `--help` text) and its `run`.
//! A command turns arguments into domain values and calls the domain; it holds no rule of the
//! regulation.

pub mod amend;
pub mod appeal;
pub mod archive;
pub mod backup;
pub mod calendar;
pub mod confirm;
pub mod consult;
pub mod correct;
pub mod export;
pub mod extend;
pub mod fee;
pub mod generate;
pub mod import;
pub mod list;
pub mod overdue;
pub mod register;
pub mod reply;
pub mod report;
pub mod review;
pub mod show;
pub mod verify;
pub mod withdraw;

use std::io::Write;

use chrono::NaiveDate;

use crate::case::{Case, Event, Step, StepKind};
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};
use crate::store::StoreError;

/// What every step takes: the case, the business date and the recorder.
#[derive(Debug, Clone, clap::Args)]
pub struct StepArgs {
    /// 案件编号（如 2026-0001）
    #[arg(value_name = "CASE", value_parser = parse_case_arg)]
    pub case: String,
    /// 这一步发生的日期（业务日期，YYYY-MM-DD；默认今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<NaiveDate>,
    /// 经办人（默认：配置文件的 clerk，或操作系统用户名）
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// The exit code of a register error.
pub fn store_exit(e: &StoreError) -> Exit {
    match e {
        StoreError::NotFound(_) | StoreError::Refused(_) | StoreError::Duplicate { .. } => {
            Exit::Refused
        }
        StoreError::BadNumberFormat(_) => Exit::Input,
        StoreError::Calendar(_) => Exit::Usage,
        StoreError::Replay { .. }
        | StoreError::Json(_)
        | StoreError::Corrupt(_)
        | StoreError::Unprotected(_) => Exit::Integrity,
        StoreError::NotOurs { .. }
        | StoreError::Missing(_)
        | StoreError::Newer { .. }
        | StoreError::ReadOnly(_)
        | StoreError::Busy
        | StoreError::Full
        | StoreError::WriteFailed(_)
        | StoreError::Sqlite(_)
        | StoreError::Io(_) => Exit::Database,
    }
}

/// How to do a step, as a command line (for hints).
pub fn step_command(kind: StepKind, case_no: &str) -> String {
    let c = case_no;
    match kind {
        StepKind::Register => "disclose register --channel … --applicant … --content …".to_string(),
        StepKind::ConfirmReceipt => format!("disclose confirm {c} --on 日期"),
        StepKind::CorrectionNotice => {
            format!(
                "disclose correct notice {c} --items \"需补正的事项\" [--period 补正期限的工作日数]"
            )
        }
        StepKind::CorrectionReceived => format!("disclose correct received {c} --on 日期"),
        StepKind::CorrectionLapsed => format!("disclose correct lapse {c}"),
        StepKind::ConsultationSent => {
            format!(
                "disclose consult-third-party send {c} --party 第三方名称（或 --agency 机关名称）"
            )
        }
        StepKind::ConsultationAnswered => format!(
            "disclose consult-third-party answer {c} --party 名称 --answer agree|object|none"
        ),
        StepKind::Draft => format!(
            "disclose review draft {c} --department 科室 --handler 承办人 --outcome 结果代码"
        ),
        StepKind::OfficeReview => {
            format!("disclose review office {c} --approve（或 --send-back --comments 意见）")
        }
        StepKind::LeaderApproval => format!("disclose review leader {c} --leader 姓名 --approve"),
        StepKind::Extension => format!(
            "disclose extend {c} --days 20 --approver 负责人 --reason 理由 --notified-on 日期"
        ),
        StepKind::FeeNotice => format!("disclose fee notice {c} --pages 页数（或 --items 件数）"),
        StepKind::FeePaid => format!("disclose fee paid {c}"),
        StepKind::FeeLapsed => format!("disclose fee lapse {c}"),
        StepKind::Reply => format!("disclose reply {c} --delivery 送达方式"),
        StepKind::Withdraw => format!("disclose withdraw {c}"),
        StepKind::Archive => format!("disclose archive {c} --file-no 卷宗号"),
        StepKind::Amend => {
            format!("disclose amend {c} --event 序号 --date 日期 | --set 字段=值 --reason 原因")
        }
        StepKind::AppealFiled => format!("disclose appeal file {c} --kind … --body …"),
        StepKind::AppealDecided => {
            format!("disclose appeal result {c} --result …（有多项尚无结果时加 --number N）")
        }
    }
}

/// Turns a register error into a [`Failure`] with its exit code and hints (the legal next steps
/// as commands, the flag to pass).
pub fn failure(e: StoreError, case_no: &str) -> anyhow::Error {
    let exit = store_exit(&e);
    let mut f = Failure::new(exit, e.to_string());
    match &e {
        StoreError::Refused(r) => {
            if r.next.is_empty() {
                f = f.hint("未写入任何内容");
            } else {
                f = f.hint("未写入任何内容。现在可以进行的步骤：");
                for k in &r.next {
                    f = f.hint(format!("  {}：{}", k.label(), step_command(*k, case_no)));
                }
            }
        }
        StoreError::NotFound(_) => {
            f = f.hint("用 disclose list 查看已登记的案件编号");
        }
        StoreError::Missing(_) => {
            f = f
                .hint("检查 --db、环境变量 DISCLOSE_DB 或配置文件中的 db 是否写对")
                .hint("新的登记簿在第一次登记（disclose register）或导入（disclose import）时自动建立");
        }
        StoreError::Duplicate { existing, .. } => {
            f = f
                .hint(format!(
                    "未写入任何内容。先用 disclose show {existing} 核对"
                ))
                .hint("确属另一件申请时，加 --force 再登记");
        }
        StoreError::Busy => f = f.hint("可能有人正在导入大批数据；稍后重试即可"),
        StoreError::ReadOnly(_) => {
            f = f.hint("检查数据库文件及其所在目录的写权限，或改用 --db 指定可写的文件")
        }
        StoreError::Full => f = f.hint("清理磁盘空间后重试"),
        StoreError::WriteFailed(_) => {
            f = f.hint("检查磁盘空间（df）、文件大小限制（ulimit -f）和磁盘状态后重试")
        }
        StoreError::Newer { .. } => f = f.hint("安装更新版本的 disclose 后再使用这个数据库"),
        StoreError::NotOurs { .. } => {
            f = f.hint("用 --db 指定 disclose 的数据库文件，或指定一个新文件名以新建登记簿")
        }
        StoreError::Replay { .. }
        | StoreError::Json(_)
        | StoreError::Corrupt(_)
        | StoreError::Unprotected(_) => {
            f = f.hint("运行 disclose verify 检查登记簿；用最近的备份恢复（见 README“恢复”）")
        }
        _ => {}
    }
    f.into()
}

/// Records one step (built by `step` from the resolved business date) on case `a.case` and
/// prints what was recorded. Returns the case as it now stands.
///
/// # Errors
/// A [`Failure`] (refusal with the legal next steps, not found, database).
pub fn record(ctx: &mut Ctx, a: &StepArgs, step: Step) -> anyhow::Result<Case> {
    let on = a.on.unwrap_or(ctx.today);
    let by = ctx.recorder(a.by.as_deref());
    let event = Event { on, by, step };
    let case_no = a.case.clone();
    let kind = event.step.kind();
    let case = ctx
        .write(|w| w.record(&case_no, event).map_err(anyhow::Error::from))
        .map_err(|e| match e.downcast::<StoreError>() {
            Ok(se) => failure(se, &case_no),
            Err(e) => e,
        })?;
    print_recorded(ctx, &case, kind, on)?;
    Ok(case)
}

/// After a consultation letter: if it went out when the reply was already due, it
/// stops no clock (see [`crate::case::deadlines`]) — say so on stderr, so the clerk knows the
/// reply is late or due today and the wait will not be counted out (条例第三十三条第三款).
///
/// # Errors
/// Calendar errors (dates outside the calendar).
pub fn note_uncounted_pause(ctx: &Ctx, case: &Case, on: NaiveDate) -> anyhow::Result<()> {
    let dl = crate::case::deadlines(case, &ctx.calendar, ctx.today)?;
    if let Some(due) = dl.reply_due
        && dl.pauses.iter().any(|p| p.from == on && !p.counted)
    {
        eprintln!(
            "提示：答复期限为 {}，{on} 发出时已到期限，这段期间不中止计时；请尽快答复（等待期间答复将逾期）",
            due.value
        );
    }
    Ok(())
}

/// Prints the confirmation of a recorded step: one line and the deadlines now in force (table),
/// or the case's JSON view (json/csv).
///
/// # Errors
/// Output errors (a closed pipe).
pub fn print_recorded(
    ctx: &mut Ctx,
    case: &Case,
    kind: StepKind,
    on: NaiveDate,
) -> anyhow::Result<()> {
    // Scripts get the whole request, its events included (the terminal gets one line).
    let events = if ctx.format == Format::Table {
        Vec::new()
    } else {
        ctx.store()?
            .events(&case.case_no)
            .map_err(|e| failure(e, &case.case_no))?
    };
    let view =
        crate::report::view::CaseView::build(case, &events, &ctx.calendar, ctx.today, false)?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&view)?)?,
        Format::Csv => {
            let (h, r) = view.csv_row();
            write!(out, "{}", crate::output::csv(&h, &[r])?)?
        }
        Format::Table => {
            writeln!(out, "已记录：{} {}（{on}）", case.case_no, kind.label())?;
            writeln!(out, "状态：{}", view.stage)?;
            for line in view.deadline_lines() {
                writeln!(out, "{}", crate::output::terminal_safe(&line))?;
            }
        }
    }
    Ok(())
}

/// Parses a whole number typed on the command line, between `min` and `max`, with a Chinese
/// message (for counts of items, pages, event numbers).
///
/// # Errors
/// A one-line message saying the accepted range.
pub fn parse_count(s: &str, min: u32, max: u32) -> Result<u32, String> {
    let t = s.trim();
    match t.parse::<i64>() {
        Ok(n) if (i64::from(min)..=i64::from(max)).contains(&n) => Ok(n as u32),
        Ok(_) => Err(format!("应为 {min} 至 {max} 之间的整数")),
        Err(_) => Err(format!("应为整数（{min} 至 {max}）")),
    }
}

/// Reads a case number as typed: surrounding spaces dropped, full-width digits and hyphen
/// (from a Chinese input method) made ASCII — case numbers are made with ASCII digits.
///
/// # Errors
/// An empty case number.
pub fn parse_case_arg(s: &str) -> Result<String, String> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{FF0D}' => '-',
            _ => c,
        })
        .collect();
    if t.is_empty() {
        return Err("案件编号不能为空（如 2026-0001）".to_string());
    }
    Ok(t)
}

/// Reads an optional text argument: `None` for absent or blank.
pub fn text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
}
