//! `disclose find`: a request found by what the caller on the phone can say — case number,
//! name, ID number, phone, e-mail, tracking number or words of the request — most recent first.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::identity::{mask_email, mask_id, mask_phone};
use crate::case::{self, Case};
use crate::context::{Ctx, Format};
use crate::error::{Exit, Failure};
use crate::store::search_key;

/// The number of characters a query needs to be looked for in every field.
const FULL_SEARCH_CHARS: usize = 3;

/// 检索申请：按案件编号、申请人或代理人姓名（名称）、证件号码、电话、电子邮箱、邮件号或申请内容中的词语查找，最近收到的在前。
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "全角数字、字母和空格会先统一（１３８ １２３４ ５６７８ 与 13812345678 相同）。\n检索词至少 3 个字时查所有项目；只有 1–2 个字（如两个字的姓名）时只查申请人和代理人的姓名（名称）。\n证件号码、电话和电子邮箱默认部分遮盖（--reveal 显示完整）。"
)]
pub struct Args {
    /// 检索词（几个词之间的空格会去掉，按一个词查）
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    text: Vec<String>,
    /// 最多列出多少件（1–1000，默认 50）
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = |s: &str| super::parse_count(s, 1, 1000))]
    limit: u32,
    /// 显示完整的证件号码、电话和电子邮箱
    #[arg(long)]
    reveal: bool,
}

/// One request found.
#[derive(Debug, Serialize)]
pub struct Found {
    /// Case number.
    pub case_no: String,
    /// State (wire name).
    pub state: String,
    /// Stage (Chinese).
    pub stage: String,
    /// Registration date.
    pub registered_on: NaiveDate,
    /// Receipt date.
    pub received_on: Option<NaiveDate>,
    /// Applicant's name.
    pub applicant: String,
    /// Agent's name.
    pub agent: Option<String>,
    /// ID number (masked unless revealed).
    pub id_number: Option<String>,
    /// Phone (masked unless revealed).
    pub phone: Option<String>,
    /// E-mail (masked unless revealed).
    pub email: Option<String>,
    /// Tracking number of the incoming letter.
    pub tracking_no: Option<String>,
    /// What is asked for.
    pub content: String,
    /// Outcome code, once concluded; for an answered correction-of-record request (条例 Art 41),
    /// its end in Chinese (更正并告知, 转送, 告知向有权机关提出, 不予更正).
    pub outcome: Option<String>,
}

fn found(c: &Case, stage: String, reveal: bool) -> Found {
    let r = &c.registration;
    let ap = &r.applicant;
    let m = |v: &Option<String>, f: fn(&str) -> String| {
        v.as_ref().map(|s| if reveal { s.clone() } else { f(s) })
    };
    Found {
        case_no: c.case_no.clone(),
        state: c.state.name().to_string(),
        stage,
        registered_on: c.registered_on,
        received_on: c.received_on,
        applicant: ap.name.clone(),
        agent: r.agent.as_ref().map(|a| a.name.clone()),
        id_number: m(&ap.id_number, mask_id),
        phone: m(&ap.phone, mask_phone),
        email: m(&ap.email, mask_email),
        tracking_no: r.tracking_no.clone(),
        content: r.content.clone(),
        // A correction-of-record request (条例 Art 41) has no outcome of table 三: its end.
        outcome: match &c.record_correction {
            Some(a) => Some(a.reply.end.label().to_string()),
            None => c.conclusion.as_ref().map(|x| x.outcome.code()),
        },
    }
}

/// The first `n` characters of `s`, with … when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

/// Runs `find`.
///
/// # Errors
/// A query that is blank once spaces are removed (usage), database errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let query = a.text.join(" ");
    let key = search_key(&query);
    if key.is_empty() {
        return Err(Failure::new(Exit::Usage, "检索词不能为空")
            .hint("例如：disclose find 13812345678，或 disclose find 钱七")
            .into());
    }
    let today = ctx.today;
    let cal = ctx.calendar.clone();
    let cases = ctx.store()?.find(&query, a.limit as usize)?;
    let mut rows = Vec::with_capacity(cases.len());
    for c in &cases {
        let dl = case::deadlines(c, &cal, today)?;
        rows.push(found(
            c,
            c.stage_label(dl.consultation_open()).to_string(),
            a.reveal,
        ));
    }
    let mut out = std::io::stdout().lock();
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    let headers = [
        "案件编号",
        "收到日期",
        "申请人",
        "代理人",
        "电话",
        "邮件号",
        "阶段",
        "申请内容",
    ];
    let table = |width: usize| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                vec![
                    r.case_no.clone(),
                    r.received_on
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "尚未确认".to_string()),
                    r.applicant.clone(),
                    s(&r.agent),
                    s(&r.phone),
                    s(&r.tracking_no),
                    r.stage.clone(),
                    clip(&r.content, width),
                ]
            })
            .collect()
    };
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&rows)?)?,
        Format::Csv => write!(out, "{}", crate::output::csv(&headers, &table(usize::MAX))?)?,
        Format::Table => {
            if rows.is_empty() {
                writeln!(out, "没有找到与“{query}”相符的申请。")?;
            } else {
                writeln!(
                    out,
                    "{}",
                    crate::output::table(&headers, &table(20), ctx.stdout_tty)
                )?;
                writeln!(out, "共 {} 件（最近收到的在前）", rows.len())?;
                if rows.len() == a.limit as usize {
                    writeln!(out, "只列出了最近的 {} 件；更早的可加 --limit", a.limit)?;
                }
            }
            if key.chars().count() < FULL_SEARCH_CHARS {
                writeln!(
                    out,
                    "注：检索词不足 3 个字，只查了申请人和代理人的姓名（名称）；电话、证件号码、邮件号和申请内容请至少输入 3 个字"
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}
