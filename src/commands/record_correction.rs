//! `disclose record-correction`: the answer of a correction-of-record request (更正答复,
//! 条例 Art 41; SPEC.md §8), with its end.

use crate::case::{CorrectionEnd, RecordCorrectionReply, Step};
use crate::context::Ctx;
use crate::error::Exit;

/// 更正答复：更正申请（条例第四十一条）的处理结果，记录后办结。处理结果：corrected 更正并告知；forwarded 转送（有权更正的机关）；redirected 告知向有权机关提出；refused 不予更正（须写理由）
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    step: super::StepArgs,
    /// 处理结果：corrected（更正并告知）、forwarded（转送）、redirected（告知向有权机关提出）、refused（不予更正）
    #[arg(long, value_name = "END", value_parser = CorrectionEnd::parse)]
    end: CorrectionEnd,
    /// 转送、告知向有权机关提出时：有权更正的机关名称
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// 该机关的联系方式
    #[arg(long, value_name = "TEXT")]
    agency_contact: Option<String>,
    /// 不予更正的理由
    #[arg(long, value_name = "TEXT")]
    reasons: Option<String>,
    /// 送达方式（邮寄、当面、电子邮件……）
    #[arg(long, value_name = "HOW")]
    delivery: String,
    /// 邮件号
    #[arg(long, value_name = "NO")]
    tracking_no: Option<String>,
    /// 送达日期：申请人收到更正答复书之日
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    served_on: Option<chrono::NaiveDate>,
}

/// Runs `record-correction`.
///
/// # Errors
/// Refusals (not a correction-of-record request, already concluded, agency or reasons missing).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let reply = RecordCorrectionReply {
        end: a.end,
        agency: super::text(&a.agency),
        agency_contact: super::text(&a.agency_contact),
        reasons: super::text(&a.reasons),
        delivery: a.delivery.trim().to_string(),
        served_on: a.served_on,
        tracking_no: super::text(&a.tracking_no),
    };
    super::record(ctx, &a.step, Step::RecordCorrectionReply(Box::new(reply)))?;
    Ok(Exit::Ok)
}
