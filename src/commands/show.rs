//! `disclose show`: everything about one request — each deadline with its basis, the legal next
//! steps, and the timeline of events.

use std::io::Write;

use chrono::NaiveDate;

use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::Exit;
use crate::report::view::CaseView;

/// 查看一件申请：申请人、状态、各项期限及其计算依据、可进行的下一步、全部记录的时间线
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 案件编号
    #[arg(value_name = "CASE", value_parser = super::parse_case_arg)]
    case: String,
    /// 显示完整的证件号码、电话、地址（默认部分遮盖）
    #[arg(long)]
    reveal: bool,
    /// 按这一天的情况显示（只计这一天及以前的记录；默认今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    as_of: Option<NaiveDate>,
}

/// Runs `show`.
///
/// # Errors
/// Not found; database errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let as_of = a.as_of.unwrap_or(ctx.today);
    let case_no = ctx.case_no(&a.case)?;
    let store = ctx.store()?;
    let events = store.events(&case_no)?;
    let events: Vec<_> = events
        .into_iter()
        .filter(|e| e.event.on <= as_of || a.as_of.is_none())
        .collect();
    let case = if a.as_of.is_some() {
        match store.case_as_of(&case_no, Some(as_of))? {
            Some(c) => c,
            None => {
                return Err(crate::error::Failure::new(
                    Exit::Refused,
                    format!("{case_no} 在 {as_of} 尚未登记"),
                )
                .into());
            }
        }
    } else {
        store.case(&case_no)?
    };
    let view = CaseView::build(&case, &events, &ctx.calendar, as_of, a.reveal)?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&view)?)?,
        Format::Csv => {
            let (h, r) = view.csv_row();
            write!(out, "{}", crate::output::csv(&h, &[r])?)?;
        }
        Format::Table => {
            // Written to a buffer first so that stored text reaches the terminal escaped.
            let mut buf: Vec<u8> = Vec::new();
            let out = &mut buf;
            let ap = &view.applicant;
            writeln!(out, "案件 {}　{}", view.case_no, view.stage)?;
            let mut who = format!("申请人：{}（{}）", ap.name, ap.type_label);
            for (label, v) in [
                ("证件", &ap.id_number),
                ("电话", &ap.phone),
                ("邮箱", &ap.email),
                ("地址", &ap.address),
                ("代理人", &ap.agent),
                ("代理人证件", &ap.agent_id_number),
                ("代理人电话", &ap.agent_phone),
            ] {
                if let Some(v) = v {
                    who += &format!("　{label}：{v}");
                }
            }
            writeln!(out, "{who}")?;
            writeln!(
                out,
                "申请方式：{}　登记日期：{}　收到日期：{}",
                view.channel_label,
                view.registered_on,
                view.received_on
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "尚未确认".to_string())
            )?;
            if view.kind.is_disclosure() {
                writeln!(out, "申请内容：{}", view.content)?;
            } else {
                writeln!(
                    out,
                    "申请类别：{}（条例第四十一条，不计入年度报告表三）",
                    view.kind_label
                )?;
                writeln!(out, "要求更正的信息记录：{}", view.content)?;
            }
            if let Some(t) = &view.tracking_no {
                writeln!(out, "来信邮件号：{t}")?;
            }
            writeln!(out, "计时：{}", clock_label(&view.clock))?;
            for line in view.deadline_lines() {
                writeln!(out, "{line}")?;
            }
            if let Some(rc) = &view.record_correction {
                writeln!(out, "{}", rc.line())?;
            }
            if let Some(a) = &view.assignment {
                writeln!(
                    out,
                    "转办：{} {}（{}）{}",
                    a.department,
                    a.handler,
                    a.on,
                    a.due
                        .map(|d| format!("，内部办理期限 {d}"))
                        .unwrap_or_default()
                )?;
            }
            if let Some(d) = &view.department {
                writeln!(
                    out,
                    "拟办：{} {}，拟{}；审核：{}；审批：{}",
                    d,
                    view.handler.clone().unwrap_or_default(),
                    view.draft_outcome
                        .as_deref()
                        .and_then(|c| crate::case::Outcome::parse(c).ok())
                        .map(|o| o.label())
                        .unwrap_or_default(),
                    view.office_review.clone().unwrap_or_default(),
                    view.leader_approval.clone().unwrap_or_default()
                )?;
            }
            if let Some(f) = &view.archive_file_no {
                writeln!(out, "卷宗号：{f}")?;
            }
            for a in &view.appeals {
                let result = match (&a.result, a.decided_on) {
                    (Some(r), Some(d)) => format!("{d} {r}"),
                    _ => "尚未审结".to_string(),
                };
                writeln!(
                    out,
                    "{}：{}{}，{} 提起，{result}",
                    a.kind_label,
                    a.body,
                    a.reference
                        .as_deref()
                        .map(|r| format!("（{r}）"))
                        .unwrap_or_default(),
                    a.filed_on
                )?;
            }
            for p in &view.irregularities {
                writeln!(out, "注意：记录中的步骤不合规定：{p}")?;
            }
            if !view.next_steps.is_empty() {
                writeln!(out, "可进行的下一步：")?;
                for s in crate::case::next_steps(&case, &ctx.calendar, as_of) {
                    writeln!(
                        out,
                        "  {}：{}",
                        s.label(),
                        super::step_command(s, &view.case_no)
                    )?;
                }
            }
            writeln!(out, "时间线：")?;
            for e in &view.events {
                writeln!(
                    out,
                    "  #{} {} {}：{}（{} 记录于 {}）",
                    e.index, e.on, e.label, e.summary, e.by, e.recorded_at
                )?;
            }
            let text = String::from_utf8_lossy(&buf);
            write!(
                std::io::stdout().lock(),
                "{}",
                crate::output::terminal_safe(&text)
            )?;
        }
    }
    Ok(Exit::Ok)
}

/// The Chinese name of a clock status as it appears in JSON.
fn clock_label(clock: &str) -> &'static str {
    match clock {
        "running" => "计时中",
        "paused" => "暂停计时",
        "stopped" => "已停止（已办结）",
        _ => "未起算",
    }
}
