//! `disclose overdue`: the weekly report of what is late or about to be (SPEC.md §5).

use std::collections::BTreeMap;
use std::io::Write;

use chrono::NaiveDate;

use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::Exit;
use crate::report::documents::{self as doc_report, DocOverdueRow};
use crate::report::overdue::{self, OverdueRow};
use crate::store::documents::DocFilter;
use crate::store::verify::ChainHead;

/// A row of the report in JSON: `kind` says whether it is a request or a document.
#[derive(serde::Serialize)]
struct Tagged<'a, T> {
    kind: &'static str,
    #[serde(flatten)]
    row: &'a T,
}

/// How to group the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// 按承办科室分组（周一例会用）
    Department,
}

/// 逾期报告：截至某日，所有已逾期或将在 N 个工作日内到期的事项，每件申请一行，最紧急的在前。
///
/// 包括：答复逾期、答复即将到期；需补正的申请补正告知期限将届满或已过；申请人补正期限已过
///（可按（六）1 办结）；征求意见期满未全部答复（已恢复计时）；缴费期限已过（可按（六）2 办结）；
/// Arguments of `overdue`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "列出的事项：答复已逾期、答复即将到期；需补正的申请补正告知期限将届满或已过；\n申请人补正期限已过（可按（六）1 办结）；征求意见期满未全部答复（已恢复计时）；\n缴费期限已过（可按（六）2 办结）；尚未联系上申请人的平常信函；\n转办给科室的内部办理期限已过或将到（同时列出法定答复期限）。\n每件申请一行，最紧急的在前；“剩余/逾期”为工作日数（今日到期为 0，逾期为负）。\n申请人姓名部分遮盖。--format csv 可直接用 Excel、WPS 打开。"
)]
pub struct Args {
    /// 报告日期（默认今天）；只计这一天及以前的记录
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    as_of: Option<NaiveDate>,
    /// 列出 N 个工作日内到期的事项（0–250；默认取配置 overdue_within，否则 5）
    #[arg(long, value_name = "N", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 0, 250))]
    within: Option<u32>,
    /// 分组方式
    #[arg(long = "by", value_enum, value_name = "GROUP")]
    group: Option<GroupBy>,
    /// 有任何已逾期事项时以退出码 3 结束（供定时任务报警）
    #[arg(long)]
    fail_if_any: bool,
}

/// The default look-ahead, working days.
pub const DEFAULT_WITHIN_WD: u32 = 5;

fn left_text(r: &OverdueRow) -> String {
    let text = match (r.working_days_left, r.overdue, r.waiting_working_days) {
        (_, _, Some(w)) => format!("已等待 {w} 个工作日"),
        (Some(l), true, _) if r.agency_late => format!("逾期 {} 个工作日", -l),
        (Some(l), true, _) => format!("已过 {} 个工作日", -l),
        (Some(0), false, _) => "今日到期".to_string(),
        (Some(l), false, _) => format!("剩 {l} 个工作日"),
        (None, _, _) => String::new(),
    };
    if r.working_days_left_provisional {
        text + "（临时）"
    } else {
        text
    }
}

fn due_text(r: &OverdueRow) -> String {
    match (r.due, r.provisional) {
        (Some(d), true) => format!("{d}（临时）"),
        (Some(d), false) => d.to_string(),
        (None, _) => "—".to_string(),
    }
}

/// Runs `overdue`. Returns exit code 3 with `--fail-if-any` when a row is overdue.
///
/// # Errors
/// Database errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let as_of = a.as_of.unwrap_or(ctx.today);
    let within = a
        .within
        .or(ctx.config.overdue_within)
        .unwrap_or(DEFAULT_WITHIN_WD);
    let cal = ctx.calendar.clone();
    let mut rows = Vec::new();
    ctx.store()?.for_each_open_on(as_of, |c| {
        if let Some(r) = overdue::duty_of(&c, &cal, as_of, within)? {
            rows.push(r);
        }
        Ok(())
    })?;
    // Replies sent by post in the last year whose served date is still unknown (SPEC §8).
    let year_ago = as_of
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(as_of);
    ctx.store()?
        .for_each_concluded_between(year_ago, as_of, |c| {
            if let Some(r) = overdue::reply_service_of(&c, &cal, as_of)? {
                rows.push(r);
            }
            Ok(())
        })?;
    overdue::sort(&mut rows);
    // The documents' duties (主动公开, 条例 Art 26; seed A.2).
    let mut doc_rows: Vec<DocOverdueRow> = Vec::new();
    for d in ctx.store()?.documents(&DocFilter::default())? {
        doc_rows.extend(doc_report::rows_of(&d.id, &d.doc, &cal, as_of, within)?);
    }
    doc_report::sort(&mut doc_rows);
    // The chain head as the report is made: printed as its footer, so that the Monday paper
    // anchors the register outside the file (issue 16 #6).
    let head = ctx.store()?.chain_head()?;
    let mut out = std::io::stdout().lock();
    // With a hand-off's internal deadline among the rows, the legal reply date and the internal
    // deadline get columns of their own, so that neither hides the other.
    let internal = rows.iter().any(|r| r.internal_due.is_some());
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut headers = vec![
        "案件编号",
        "申请人",
        "阶段",
        "期限",
        "剩余/逾期",
        "科室",
        "承办人",
    ];
    if internal {
        headers.extend(["答复期限", "内部期限"]);
    }
    let cells = |r: &OverdueRow| {
        let mut v = vec![
            r.case_no.clone(),
            r.applicant.clone(),
            r.stage.clone(),
            due_text(r),
            left_text(r),
            r.department.clone().unwrap_or_default(),
            r.handler.clone().unwrap_or_default(),
        ];
        if internal {
            v.extend([date(r.reply_due), date(r.internal_due)]);
        }
        v
    };
    match ctx.format {
        Format::Json => {
            // Serialised directly (not through `serde_json::Value`, whose maps sort their
            // keys): `kind` first, then each row's fields in their declared order.
            #[derive(serde::Serialize)]
            #[serde(untagged)]
            enum AnyRow<'a> {
                Request(Tagged<'a, OverdueRow>),
                Document(Tagged<'a, DocOverdueRow>),
            }
            let all: Vec<AnyRow> = rows
                .iter()
                .map(|r| {
                    AnyRow::Request(Tagged {
                        kind: "request",
                        row: r,
                    })
                })
                .chain(doc_rows.iter().map(|r| {
                    AnyRow::Document(Tagged {
                        kind: "document",
                        row: r,
                    })
                }))
                .collect();
            writeln!(out, "{}", crate::output::json(&all)?)?
        }
        Format::Csv => {
            let mut h = vec![
                "案件编号",
                "申请人",
                "阶段",
                "期限",
                "剩余工作日",
                "临时",
                "已等待工作日",
                "科室",
                "承办人",
            ];
            if internal {
                h.extend(["答复期限", "内部期限"]);
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut v = vec![
                        r.case_no.clone(),
                        r.applicant.clone(),
                        r.stage.clone(),
                        r.due.map(|d| d.to_string()).unwrap_or_default(),
                        r.working_days_left
                            .map(|l| l.to_string())
                            .unwrap_or_default(),
                        // Either the date or the count went through a year without a notice.
                        if r.provisional || r.working_days_left_provisional {
                            "是"
                        } else {
                            ""
                        }
                        .to_string(),
                        r.waiting_working_days
                            .map(|w| w.to_string())
                            .unwrap_or_default(),
                        r.department.clone().unwrap_or_default(),
                        r.handler.clone().unwrap_or_default(),
                    ];
                    if internal {
                        v.extend([date(r.reply_due), date(r.internal_due)]);
                    }
                    v
                })
                .chain(doc_rows.iter().map(|r| {
                    vec![
                        r.id.clone(),
                        String::new(),
                        r.stage.clone(),
                        r.due.to_string(),
                        r.working_days_left.to_string(),
                        if r.provisional { "是" } else { "" }.to_string(),
                        String::new(),
                        r.drafting_unit.clone(),
                        String::new(),
                    ]
                }))
                .collect();
            write!(out, "{}", crate::output::csv(&h, &table)?)?;
        }
        Format::Table => {
            writeln!(out, "逾期报告（截至 {as_of}，含 {within} 个工作日内到期）")?;
            if rows.is_empty() && doc_rows.is_empty() {
                writeln!(out, "没有已逾期或即将到期的事项。")?;
            } else if rows.is_empty() {
                writeln!(out, "没有已逾期或即将到期的申请。")?;
            } else if a.group == Some(GroupBy::Department) {
                let mut groups: BTreeMap<String, Vec<&OverdueRow>> = BTreeMap::new();
                for r in &rows {
                    groups
                        .entry(
                            r.department
                                .clone()
                                .unwrap_or_else(|| "（尚未分配科室）".to_string()),
                        )
                        .or_default()
                        .push(r);
                }
                for (dept, rs) in groups {
                    writeln!(out, "\n{dept}（{} 件）", rs.len())?;
                    let t: Vec<Vec<String>> = rs.iter().map(|r| cells(r)).collect();
                    writeln!(
                        out,
                        "{}",
                        crate::output::table(&headers, &t, ctx.stdout_tty)
                    )?;
                }
            } else {
                let t: Vec<Vec<String>> = rows.iter().map(cells).collect();
                writeln!(
                    out,
                    "{}",
                    crate::output::table(&headers, &t, ctx.stdout_tty)
                )?;
            }
            let late = rows.iter().filter(|r| r.agency_late).count();
            if !rows.is_empty() {
                writeln!(out, "共 {} 件，其中已逾期 {late} 件", rows.len())?;
            }
            if !doc_rows.is_empty() {
                writeln!(
                    out,
                    "\n主动公开文件（条例第二十六条：成文或变更之日起 20 个工作日内）"
                )?;
                let h = ["文件编号", "标题", "事项", "期限", "剩余/逾期", "起草单位"];
                let t: Vec<Vec<String>> = doc_rows
                    .iter()
                    .map(|r| {
                        let left = match r.working_days_left {
                            l if l < 0 => format!("逾期 {} 个工作日", -l),
                            0 if r.overdue => "已逾期".to_string(),
                            0 => "今日到期".to_string(),
                            l => format!("剩 {l} 个工作日"),
                        };
                        vec![
                            r.id.clone(),
                            r.title.clone(),
                            r.stage.clone(),
                            if r.provisional {
                                format!("{}（临时）", r.due)
                            } else {
                                r.due.to_string()
                            },
                            left,
                            r.drafting_unit.clone(),
                        ]
                    })
                    .collect();
                writeln!(out, "{}", crate::output::table(&h, &t, ctx.stdout_tty))?;
                let late = doc_rows.iter().filter(|r| r.agency_late).count();
                writeln!(out, "共 {} 项，其中已逾期 {late} 项", doc_rows.len())?;
            }
            if rows
                .iter()
                .any(|r| r.provisional || r.working_days_left_provisional)
            {
                writeln!(
                    out,
                    "注：标“临时”的日期或天数涉及尚无国务院放假通知的年份，按法定节假日和周一至周五计算，通知公布后请更新节假日文件"
                )?;
            }
            writeln!(out, "{}", anchor_line(head.as_ref()))?;
        }
    }
    if a.fail_if_any
        && (rows.iter().any(|r| r.agency_late) || doc_rows.iter().any(|r| r.agency_late))
    {
        return Ok(Exit::Overdue);
    }
    Ok(Exit::Ok)
}

/// The weekly report's footer (issue 16 #6): the register's newest event, its `seq` and the
/// first 8 digits of its hash, as `disclose verify --head SEQ:HASH` takes them. Kept on the
/// printed report, it is an anchor outside the file: a chain rewritten or cut short after the
/// report no longer extends it.
fn anchor_line(head: Option<&ChainHead>) -> String {
    match head {
        Some(h) => {
            let short: String = h.hash.chars().take(8).collect();
            format!(
                "哈希链锚点：最新事件 seq {}，哈希 {short}（请随纸质报告留存；日后核对：disclose verify --head {}:{short}）",
                h.seq, h.seq
            )
        }
        None => "哈希链锚点：登记簿中尚无事件".to_string(),
    }
}
