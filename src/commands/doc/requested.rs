//! `disclose doc requested`: the documents most requested through applications in the last 12
//! months (a request's content naming the document's 文号 or title), the candidates for
//! conversion to 主动公开 (seed A.2; 条例 Art 44). It joins the two registers.

use std::io::Write;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::context::{Ctx, Format};
use crate::document::Attribute;
use crate::document::convert::mentioned_in;
use crate::error::Exit;
use crate::store::documents::DocFilter;

/// 近 12 个月被申请最多的文件
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 只列出被申请至少这么多次的文件
    #[arg(long, value_name = "N", default_value = "1", value_parser = |s: &str| super::super::parse_count(s, 1, 100_000))]
    min: u32,
    /// 列出所有公开属性的文件（默认只列依申请公开的，即可转为主动公开的候选）
    #[arg(long)]
    all: bool,
}

/// One document and the requests naming it.
#[derive(Debug, Serialize)]
struct Requested {
    id: String,
    title: String,
    doc_no: Option<String>,
    attribute: Option<String>,
    requests: usize,
    case_nos: Vec<String>,
}

/// Runs `doc requested`: requests registered from 12 months before today to today.
///
/// # Errors
/// The database's errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let to = ctx.today;
    let from: NaiveDate = to
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.succ_opt())
        .unwrap_or(to);
    let store = ctx.store()?;
    let contents = store.request_contents_between(from, to)?;
    let docs = store.documents(&DocFilter::default())?;
    let mut out: Vec<Requested> = docs
        .into_iter()
        .filter(|r| a.all || r.doc.attribute == Some(Attribute::OnRequest))
        .filter_map(|r| {
            let case_nos: Vec<String> = contents
                .iter()
                .filter(|(_, c)| mentioned_in(&r.doc, c))
                .map(|(n, _)| n.clone())
                .collect();
            (case_nos.len() >= a.min as usize).then(|| {
                let reg = r.doc.registration.as_ref();
                Requested {
                    id: r.id.clone(),
                    title: reg.map(|x| x.title.clone()).unwrap_or_default(),
                    doc_no: reg.and_then(|x| x.doc_no.clone()),
                    attribute: r.doc.attribute.map(|x| x.label().to_string()),
                    requests: case_nos.len(),
                    case_nos,
                }
            })
        })
        .collect();
    out.sort_by(|x, y| y.requests.cmp(&x.requests).then(x.id.cmp(&y.id)));
    let mut o = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(o, "{}", crate::output::json(&out)?)?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = out
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.doc_no.clone().unwrap_or_default(),
                        r.title.clone(),
                        r.attribute.clone().unwrap_or_default(),
                        r.requests.to_string(),
                        r.case_nos.join(" "),
                    ]
                })
                .collect();
            write!(
                o,
                "{}",
                crate::output::csv(
                    &["编号", "文号", "标题", "公开属性", "申请次数", "案件编号"],
                    &rows
                )?
            )?
        }
        Format::Table => {
            writeln!(o, "{from} 至 {to} 登记的申请中被申请的文件：")?;
            if out.is_empty() {
                writeln!(o, "（无）")?;
            }
            for r in &out {
                let line = format!(
                    "{}  {}  {}  {} 次（{}）",
                    r.id,
                    r.doc_no.as_deref().unwrap_or("—"),
                    r.title,
                    r.requests,
                    r.case_nos.join("、")
                );
                writeln!(o, "{}", crate::output::terminal_safe(&line))?;
            }
            if !out.is_empty() && !a.all {
                writeln!(
                    o,
                    "可经审核转为主动公开：disclose doc convert 编号 --on 日期 --reason 理由（条例第四十四条）"
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}
