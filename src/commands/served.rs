//! `disclose served`: records the day a letter already sent reached its addressee (送达日期),
//! learned later from the delivery record or a signed 送达回证 (条例 Art 32; 109号; SPEC §3, §8).

use crate::case::{ServedLetter, Step};
use crate::context::Ctx;
use crate::error::Exit;

/// Which letter, on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LetterArg {
    /// 补正告知书（补正期限自送达之日起算）
    Correction,
    /// 征求意见书（第三方的 15 个工作日自送达之日起算）
    Consultation,
    /// 缴费通知书（20 个工作日缴费期限自送达之日起算）
    Fee,
    /// 答复书（行政复议 60 日、行政诉讼 6 个月自送达之日起算）
    Reply,
}

/// 记录文书的送达日期（期限自送达之日起算）
#[derive(Debug, clap::Args)]
pub struct ServedArgs {
    /// 案件编号（如 2026-0001）
    #[arg(value_name = "CASE", value_parser = super::parse_case_arg)]
    case: String,
    /// 哪一份文书
    #[arg(long, value_enum)]
    letter: LetterArg,
    /// 征求意见书：征求意见的对象（只征求过一个对象时可省略）
    #[arg(long, value_name = "NAME")]
    party: Option<String>,
    /// 送达日期（对方收到之日，如邮件妥投记录或送达回证上的日期）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    on: chrono::NaiveDate,
    /// 经办人（默认：配置文件的 clerk，或操作系统用户名）
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

/// Runs `served`.
///
/// # Errors
/// Refusals (no such letter, served date already recorded, before the sending day, …).
pub fn run(ctx: &mut Ctx, a: ServedArgs) -> anyhow::Result<Exit> {
    let letter = match a.letter {
        LetterArg::Correction => ServedLetter::Correction,
        LetterArg::Consultation => ServedLetter::Consultation,
        LetterArg::Fee => ServedLetter::Fee,
        LetterArg::Reply => ServedLetter::Reply,
    };
    let step = super::StepArgs {
        case: a.case,
        on: Some(a.on),
        by: a.by,
    };
    super::record(
        ctx,
        &step,
        Step::Served {
            letter,
            party: super::text(&a.party),
        },
    )?;
    Ok(Exit::Ok)
}
