//! One file per subcommand: its `Args` (whose doc comments are the `--help` text) and its `run`.
//! A command turns arguments into domain values and calls the domain; it holds no rule of the
//! regulation.

pub mod amend;
pub mod appeal;
pub mod archive;
pub mod assign;
pub mod backup;
pub mod calendar;
pub mod confirm;
pub mod consult;
pub mod correct;
pub mod doc;
pub mod export;
pub mod extend;
pub mod fee;
pub mod find;
pub mod generate;
pub mod import;
pub mod letter;
pub mod list;
pub mod overdue;
pub mod prompt;
pub mod reasons;
pub mod record_correction;
pub mod register;
pub mod reply;
pub mod report;
pub mod restore;
pub mod review;
pub mod served;
pub mod show;
pub mod verify;
pub mod withdraw;

use std::io::Write;

use chrono::NaiveDate;

use crate::case::{Case, Event, Step, StepKind};
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
pub use crate::error::step_command;

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

/// Records one step (built by `step` from the resolved business date) on case `a.case` and
/// prints what was recorded. Returns the case as it now stands.
///
/// # Errors
/// A [`StoreError`](crate::store::StoreError) (refusal with the legal next steps, not found,
/// database), shown with its hints by [`crate::error`].
pub fn record(ctx: &mut Ctx, a: &StepArgs, step: Step) -> anyhow::Result<Case> {
    let on = a.on.unwrap_or(ctx.today);
    let by = ctx.recorder(a.by.as_deref());
    let event = Event { on, by, step };
    let case_no = ctx.case_no(&a.case)?;
    let kind = event.step.kind();
    let case = ctx.write(|w| Ok(w.record(&case_no, event)?))?;
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
    if dl.pauses.iter().any(|p| p.from == on && p.repeat) {
        eprintln!("提示：已向同一对象征求过本申请的意见，再次发函不中止计时（答复期限不因此延长）");
        return Ok(());
    }
    if let Some(due) = dl.reply_due
        && dl.pauses.iter().any(|p| p.from == on && !p.counted)
    {
        eprintln!(
            "提示：答复期限为 {}，{on} 发出时已过期限，这段期间不中止计时；请尽快答复（等待期间答复将逾期）",
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
        ctx.store()?.events(&case.case_no)?
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
/// message (for counts of items, pages, event numbers); full-width digits (`２０`) are read as
/// typed.
///
/// # Errors
/// A one-line message saying the accepted range.
pub fn parse_count(s: &str, min: u32, max: u32) -> Result<u32, String> {
    let s = crate::text::half_width(s);
    let t = s.trim();
    match t.parse::<i64>() {
        Ok(n) if (i64::from(min)..=i64::from(max)).contains(&n) => Ok(n as u32),
        Ok(_) => Err(format!("应为 {min} 至 {max} 之间的整数")),
        Err(_) => Err(format!("应为整数（{min} 至 {max}）")),
    }
}

/// Reads a case number as typed: surrounding spaces dropped, full-width digits, letters and
/// brackets (from a Chinese input method) made ASCII ([`crate::text::half_width`]). Which request
/// it names — `2026-1`, `1` or `根文旅公开[2026]1号` for `根文旅公开〔2026〕1号` — is settled
/// against the register by [`Ctx::case_no`].
///
/// # Errors
/// An empty case number.
pub fn parse_case_arg(s: &str) -> Result<String, String> {
    let t = crate::text::half_width(s.trim());
    let t = t.trim().to_string();
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

/// Refuses a range of dates given the wrong way round: `from` (called `from_name` on the
/// command line, e.g. `--received-from`) later than `to` (called `to_name`). Equal dates pass.
/// Without this a reversed range silently counts 0 days or matches nothing.
///
/// # Errors
/// A usage failure (exit 2) naming both dates and saying to swap them, e.g.
/// `--received-from 2026-12-01 晚于 --received-to 2026-11-01：起止日期颠倒了，请把两个日期交换`.
/// The caller adds the hint with the command written the right way round.
pub fn check_range(
    from_name: &str,
    from: NaiveDate,
    to_name: &str,
    to: NaiveDate,
) -> Result<(), crate::error::Failure> {
    if from > to {
        return Err(crate::error::Failure::new(
            crate::error::Exit::Usage,
            format!("{from_name} {from} 晚于 {to_name} {to}：起止日期颠倒了，请把两个日期交换"),
        ));
    }
    Ok(())
}
