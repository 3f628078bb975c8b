//! `disclose doc register`: a document and its attribute determination (公开属性认定, 附录B/C);
//! prints its number and, for 主动公开, its publication due date (条例 Art 26: 20 working days
//! from the 成文日期).

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::document::clock::publish_due;
use crate::document::{Attribute, DocStep, DocType, Form, Ground, Questions, Registration};
use crate::error::Exit;

/// 登记公文及其公开属性认定（附录B 局办公室 / 附录C 局部门）
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 拟发公文标题
    #[arg(long)]
    title: String,
    /// 文号（如 根文旅发〔2026〕12号）
    #[arg(long = "doc-no", value_name = "文号")]
    doc_no: Option<String>,
    /// 成文日期（YYYY-MM-DD）
    #[arg(long = "formed-on", value_name = "DATE", value_parser = parse_date_arg)]
    formed_on: NaiveDate,
    /// 公文类型：规章、行政规范性文件、其他
    #[arg(long = "type", value_name = "类型", value_parser = |s: &str| s.parse::<DocType>().map_err(|e| e.to_string()))]
    doc_type: DocType,
    /// 公开属性建议：主动公开、依申请公开、不予公开
    #[arg(long, value_name = "属性", value_parser = |s: &str| s.parse::<Attribute>().map_err(|e| e.to_string()))]
    attribute: Attribute,
    /// 不予公开理由（审核表所列之一，可多次给出）
    #[arg(long, value_name = "理由", value_parser = |s: &str| s.parse::<Ground>().map_err(|e| e.to_string()))]
    ground: Vec<Ground>,
    /// 依申请公开理由
    #[arg(long)]
    reason: Option<String>,
    /// 起草单位（报文单位；默认按审核表：局办公室）
    #[arg(long, value_name = "起草单位")]
    unit: Option<String>,
    /// 审核表：office（附录B 局办公室）或 department（附录C 局部门）
    #[arg(long, value_name = "表", default_value = "office", value_parser = |s: &str| s.parse::<Form>().map_err(|e| e.to_string()))]
    form: Form,
    /// 本单位是否已进行公开前审查（是/否）
    #[arg(long = "normative-review", value_name = "是|否", value_parser = |s: &str| super::yes_no("公开前审查", s))]
    pre_review: Option<bool>,
    /// 是否开展政策解读（是/否）
    #[arg(long = "interpretation-planned", value_name = "是|否", value_parser = |s: &str| super::yes_no("政策解读", s))]
    interpretation_planned: Option<bool>,
    /// 是否部分删减后公开（是/否）
    #[arg(long, value_name = "是|否", value_parser = |s: &str| super::yes_no("部分删减后公开", s))]
    redacted: Option<bool>,
    /// 是否建议提请会议审议（是/否；仅附录B）
    #[arg(long, value_name = "是|否", value_parser = |s: &str| super::yes_no("提请会议审议", s))]
    meeting: Option<bool>,
    /// 起草单位意见
    #[arg(long)]
    opinion: Option<String>,
    /// 起草单位负责人签字（默认：经办人）
    #[arg(long)]
    signer: Option<String>,
    /// 经办人（默认：配置文件的 clerk，或操作系统用户名）
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

#[derive(Serialize)]
struct Registered {
    id: String,
    publish_due: Option<NaiveDate>,
    publish_due_provisional: bool,
}

/// Runs `doc register`.
///
/// # Errors
/// Refused by the rules of SPEC §10 (行政规范性文件 always 主动公开; reasons per 附录B/C 注4).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let by = ctx.recorder(a.by.as_deref());
    let reg = Registration {
        title: a.title.trim().to_string(),
        doc_no: super::super::text(&a.doc_no),
        formed_on: a.formed_on,
        drafting_unit: super::super::text(&a.unit).unwrap_or_else(|| a.form.label().to_string()),
        doc_type: a.doc_type,
        form: a.form,
        questions: Questions {
            normative: a.doc_type == DocType::Normative,
            pre_review: a.pre_review.unwrap_or(false),
            interpretation_planned: a.interpretation_planned.unwrap_or(false),
            redacted: a.redacted.unwrap_or(false),
            to_meeting: a.meeting,
        },
        attribute: a.attribute,
        reason: super::super::text(&a.reason),
        grounds: a.ground,
        drafter_opinion: super::super::text(&a.opinion),
        drafter_signer: super::super::text(&a.signer).unwrap_or_else(|| by.clone()),
    };
    let existed = ctx.db_path.exists();
    let (id, doc) = super::write(ctx, true, |w| w.register(DocStep::Registered(reg), &by))?;
    if !existed {
        ctx.announce_new_register();
    }
    let due = publish_due(&doc, &ctx.calendar)?;
    let r = Registered {
        id,
        publish_due: due.map(|d| d.value),
        publish_due_provisional: due.is_some_and(|d| d.provisional),
    };
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&r)?)?,
        Format::Csv => write!(
            out,
            "{}",
            crate::output::csv(
                &["编号", "发布期限"],
                &[vec![
                    r.id.clone(),
                    r.publish_due.map(|d| d.to_string()).unwrap_or_default()
                ]]
            )?
        )?,
        Format::Table => {
            writeln!(
                out,
                "已登记：{}（{}）",
                r.id,
                doc.attribute.map_or("", |a| a.label())
            )?;
            if let Some(d) = r.publish_due {
                writeln!(
                    out,
                    "发布期限：{d}{}（成文之日起 20 个工作日，条例第二十六条）",
                    if r.publish_due_provisional {
                        "（暂定）"
                    } else {
                        ""
                    }
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}
