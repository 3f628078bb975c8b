//! `disclose fee`: the information-processing fee (信息处理费, 国办函〔2020〕109号).

use crate::case::Step;
use crate::case::fee;
use crate::context::Ctx;
use crate::error::Exit;

/// 信息处理费
#[derive(Debug, clap::Subcommand)]
pub enum FeeCmd {
    /// 发出收费通知：按件（--items）或按量（--pages）计收，金额由本工具按 109号 计算
    Notice(NoticeArgs),
    /// 申请人缴费（收到通知之日起 20 个工作日内）
    Paid(PlainArgs),
    /// 缴费期限届满、申请人未缴费：按（六）2 办结
    Lapse(LapseArgs),
}

/// Arguments of `fee notice`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("method").required(true).multiple(true))]
pub struct NoticeArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 按件计收：由登记簿计算该申请人本自然月的申请件数（含本件），本件按其所在位次计收
    #[arg(long, group = "method")]
    by_item: bool,
    /// 按件计收：本申请按“一事一申请”拆分为 N 件（占本月 N 个位次；默认 1）
    #[arg(long, value_name = "N", requires = "method", conflicts_with = "pages",
          value_parser = |s: &str| super::parse_count(s, 1, crate::case::fee::MAX_ITEMS))]
    split: Option<u32>,
    /// 按件计收、仅在登记簿件数有误时使用：本件在本月的位次（含本件的累计件数），与登记簿不一致时须 --reason
    #[arg(long, value_name = "N", group = "method", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 1, crate::case::fee::MAX_ITEMS))]
    items: Option<u32>,
    /// 所填件数与登记簿不一致的理由（显示在收费通知和案件信息中）
    #[arg(long, value_name = "TEXT", requires = "items")]
    reason: Option<String>,
    /// 按量计收：本申请提供信息的页数
    #[arg(long, value_name = "N", group = "method", allow_hyphen_values = true,
          conflicts_with_all = ["by_item", "items"],
          value_parser = |s: &str| super::parse_count(s, 1, crate::case::fee::MAX_PAGES))]
    pages: Option<u32>,
    /// 送达日期：对方收到本文书之日（期限自该日起算；不知道时可以以后用 disclose served 补记）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    served_on: Option<chrono::NaiveDate>,
}

/// Arguments of `fee lapse`.
#[derive(Debug, clap::Args)]
pub struct LapseArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 未记录送达日期时：确实无法查明送达日期的理由（期限按发出日期计算）
    #[arg(long, value_name = "TEXT")]
    served_unknown_reason: Option<String>,
}

/// Arguments of `fee paid`.
#[derive(Debug, clap::Args)]
pub struct PlainArgs {
    #[command(flatten)]
    step: super::StepArgs,
}

/// Runs `fee`.
///
/// # Errors
/// Refusals (amount within the free allowance, second notice, paid after the period, …).
pub fn run(ctx: &mut Ctx, c: FeeCmd) -> anyhow::Result<Exit> {
    match c {
        FeeCmd::Notice(a) => {
            let step = match a.pages {
                Some(n) => fee::by_page_notice(n, a.served_on),
                None => {
                    // 109号: the register counts the applicant's month.
                    let case_no = ctx.case_no(&a.step.case)?;
                    let case = ctx.store()?.case(&case_no)?;
                    let month = ctx.store()?.applications_in_month(&case)?;
                    fee::by_item_notice(
                        &case,
                        &month,
                        a.split,
                        a.items,
                        super::text(&a.reason),
                        a.served_on,
                    )
                }
            };
            // (On or after the reply's due day a fee notice is refused: see `case::check`.)
            super::record(ctx, &a.step, step)?;
        }
        FeeCmd::Paid(a) => {
            super::record(ctx, &a.step, Step::FeePaid)?;
        }
        FeeCmd::Lapse(a) => {
            super::record(
                ctx,
                &a.step,
                Step::FeeLapsed {
                    served_unknown_reason: super::text(&a.served_unknown_reason),
                },
            )?;
        }
    }
    Ok(Exit::Ok)
}
