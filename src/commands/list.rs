//! `disclose list`: the requests, filtered, as a table, CSV or JSON.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::identity::{mask_id, mask_phone};
use crate::case::{self, ApplicantType, State};
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};
use crate::store::{CaseFilter, StateFilter};

/// 列出申请。证件号码和电话默认部分遮盖（--reveal 显示完整）。
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 状态：待确认收到、办理中、待补正、待缴费、已办结、已归档、未办结（前四者的全部）；也可写英文 awaiting-confirmation、in-progress、awaiting-correction、awaiting-fee、concluded、archived、open
    #[arg(long, value_name = "STATE")]
    state: Option<String>,
    /// 阶段（中文，如 待拟办、待审核、待审批、待答复、征求意见中、待补正、已答复）
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// 承办科室
    #[arg(long, value_name = "NAME")]
    department: Option<String>,
    /// 申请人类型：natural, enterprise, research, nonprofit, legal, other-org（或中文）
    #[arg(long, value_name = "TYPE")]
    applicant_type: Option<String>,
    /// 收到日期不早于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    received_from: Option<NaiveDate>,
    /// 收到日期不晚于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    received_to: Option<NaiveDate>,
    /// 答复期限不早于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    due_from: Option<NaiveDate>,
    /// 答复期限不晚于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    due_to: Option<NaiveDate>,
    /// 显示完整的证件号码和电话
    #[arg(long)]
    reveal: bool,
}

/// One row of the list.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Case number.
    pub case_no: String,
    /// State (wire name).
    pub state: String,
    /// Stage (Chinese).
    pub stage: String,
    /// Receipt date.
    pub received_on: Option<NaiveDate>,
    /// Applicant's name.
    pub applicant: String,
    /// Applicant type (wire name).
    pub applicant_type: String,
    /// ID number (masked unless revealed).
    pub id_number: Option<String>,
    /// Phone (masked unless revealed).
    pub phone: Option<String>,
    /// Reply due date (none for a request closed without a reply).
    pub reply_due: Option<NaiveDate>,
    /// Closed without a reply (withdrawn, correction lapsed, fee unpaid): no reply is due, the
    /// table says 不再计算.
    pub no_reply_due: bool,
    /// Whether it is provisional.
    pub reply_due_provisional: bool,
    /// Department.
    pub department: Option<String>,
    /// Handler.
    pub handler: Option<String>,
    /// Outcome code (table 三); none for a correction-of-record request.
    pub outcome: Option<String>,
    /// 申请类别, written only for a correction-of-record request (`record-correction`, 条例
    /// Art 41): absent means a disclosure request.
    #[serde(skip_serializing_if = "crate::case::RequestKind::is_disclosure")]
    pub kind: crate::case::RequestKind,
    /// For a correction-of-record request that was answered: its end (`corrected`, `forwarded`,
    /// `redirected`, `refused`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<crate::case::CorrectionEnd>,
}

/// Runs `list`.
///
/// # Errors
/// Usage errors for an unknown state or type, or a date range given the wrong way round
/// (`--received-from` after `--received-to`, `--due-from` after `--due-to`); database errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    for (from_flag, from, to_flag, to) in [
        (
            "--received-from",
            a.received_from,
            "--received-to",
            a.received_to,
        ),
        ("--due-from", a.due_from, "--due-to", a.due_to),
    ] {
        if let (Some(from), Some(to)) = (from, to) {
            super::check_range(from_flag, from, to_flag, to)
                .map_err(|f| f.hint(format!("应为 {from_flag} {to} {to_flag} {from}")))?;
        }
    }
    let state = match a.state.as_deref() {
        None => None,
        Some("open" | "未办结") => Some(StateFilter::Open),
        Some(s) => Some(StateFilter::Is(State::parse(s.trim()).ok_or_else(
            || {
                Failure::new(Exit::Usage, format!("不认识的状态“{s}”")).hint(format!(
                    "可选：{}、未办结；或 {}、open",
                    State::ALL.map(|x| x.label()).join("、"),
                    State::ALL.map(|x| x.name()).join("、")
                ))
            },
        )?)),
    };
    let applicant_type = match &a.applicant_type {
        None => None,
        Some(t) => Some(ApplicantType::parse(t).ok_or_else(|| {
            Failure::new(Exit::Usage, format!("不认识的申请人类型“{t}”"))
                .hint("可选：natural, enterprise, research, nonprofit, legal, other-org")
        })?),
    };
    let filter = CaseFilter {
        state,
        applicant_type,
        department: a.department.as_ref().map(|d| d.trim().to_string()),
        received_from: a.received_from,
        received_to: a.received_to,
    };
    if let Some(st) = a.stage.as_deref().map(str::trim)
        && !crate::case::Case::STAGES.contains(&st)
    {
        return Err(Failure::new(Exit::Usage, format!("不认识的阶段“{st}”"))
            .hint(format!("可选：{}", crate::case::Case::STAGES.join("、")))
            .into());
    }
    let today = ctx.today;
    let cal = ctx.calendar.clone();
    let mut rows = Vec::new();
    ctx.store()?.for_each_matching(&filter, |c| {
        let dl = case::deadlines(&c, &cal, today)?;
        let stage = c.stage_label(dl.consultation_open()).to_string();
        if a.stage.as_deref().is_some_and(|s| s.trim() != stage) {
            return Ok(());
        }
        // Closed without a reply (（六）1 no correction, （六）2 withdrawn, …): no reply is due,
        // as `show` says (不再计算), so none is listed or matched by --due-from/--due-to.
        // A correction of records answered (条例 Art 41) was answered: its date still stands.
        let closed_without_reply = c.conclusion.as_ref().is_some_and(|x| x.reply.is_none())
            && c.record_correction.is_none();
        let due = dl.reply_due.filter(|_| !closed_without_reply);
        if let Some(from) = a.due_from
            && due.is_none_or(|d| d.value < from)
        {
            return Ok(());
        }
        if let Some(to) = a.due_to
            && due.is_none_or(|d| d.value > to)
        {
            return Ok(());
        }
        let ap = &c.registration.applicant;
        let m = |v: &Option<String>, f: fn(&str) -> String| {
            v.as_ref().map(|s| if a.reveal { s.clone() } else { f(s) })
        };
        rows.push(Row {
            case_no: c.case_no.clone(),
            state: c.state.name().to_string(),
            stage,
            received_on: c.received_on,
            applicant: ap.name.clone(),
            applicant_type: c.registration.applicant_type.name().to_string(),
            id_number: m(&ap.id_number, mask_id),
            phone: m(&ap.phone, mask_phone),
            reply_due: due.map(|d| d.value),
            no_reply_due: closed_without_reply,
            reply_due_provisional: due.is_some_and(|d| d.provisional),
            department: c.department().map(str::to_string),
            handler: c.handler().map(str::to_string),
            outcome: c
                .conclusion
                .as_ref()
                .filter(|_| !c.is_record_correction())
                .map(|x| x.outcome.code()),
            kind: c.registration.kind,
            end: c.record_correction.as_ref().map(|a| a.reply.end),
        });
        Ok(())
    })?;
    let mut out = std::io::stdout().lock();
    if ctx.format == Format::Json {
        writeln!(out, "{}", crate::output::json(&rows)?)?;
        return Ok(Exit::Ok);
    }
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    let d = |o: &Option<NaiveDate>| o.map(|d| d.to_string()).unwrap_or_default();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.case_no.clone(),
                d(&r.received_on),
                r.applicant.clone(),
                ApplicantType::parse(&r.applicant_type)
                    .map(|t| t.label())
                    .unwrap_or("")
                    .to_string(),
                s(&r.id_number),
                s(&r.phone),
                if r.kind.is_disclosure() {
                    r.stage.clone()
                } else {
                    format!("{}（{}）", r.stage, r.kind.label())
                },
                match (r.reply_due, r.reply_due_provisional) {
                    _ if r.no_reply_due => "不再计算".to_string(),
                    (Some(x), true) => format!("{x}（临时）"),
                    (Some(x), false) => x.to_string(),
                    (None, _) => String::new(),
                },
                s(&r.department),
                s(&r.handler),
                match r.end {
                    // A correction-of-record request's end is already a label (条例 Art 41).
                    Some(e) => e.label().to_string(),
                    None => r
                        .outcome
                        .as_deref()
                        .and_then(|c| crate::case::Outcome::parse(c).ok())
                        .map(|o| o.label())
                        .unwrap_or_default(),
                },
                s(&r.outcome),
            ]
        })
        .collect();
    let headers = [
        "案件编号",
        "收到日期",
        "申请人",
        "类型",
        "证件号码",
        "电话",
        "阶段",
        "答复期限",
        "科室",
        "承办人",
        "结果",
        "结果代码",
    ];
    if ctx.format == Format::Csv {
        write!(out, "{}", crate::output::csv(&headers, &table)?)?;
    } else {
        // On screen: without the ID and phone columns (see `show`, CSV or JSON) and the
        // outcome's code (its label is there), so that the table fits a terminal.
        let keep = [0, 1, 2, 3, 6, 7, 8, 9, 10];
        let headers: Vec<&str> = keep.iter().map(|&i| headers[i]).collect();
        let table: Vec<Vec<String>> = table
            .iter()
            .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
            .collect();
        writeln!(
            out,
            "{}",
            crate::output::table(&headers, &table, ctx.stdout_tty)
        )?;
        writeln!(out, "共 {} 件", rows.len())?;
    }
    Ok(Exit::Ok)
}
