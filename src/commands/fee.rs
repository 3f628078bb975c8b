//! `disclose fee`: the information-processing fee (信息处理费, 国办函〔2020〕109号).

use crate::case::Step;
use crate::case::fee::{FeeMethod, fee_yuan};
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
    Lapse(PlainArgs),
}

/// Arguments of `fee notice`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("method").required(true).multiple(false))]
pub struct NoticeArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 按件计收：该申请人本自然月累计申请件数（含本件）
    #[arg(long, value_name = "N", group = "method", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 1, crate::case::fee::MAX_ITEMS))]
    items: Option<u32>,
    /// 按量计收：本申请提供信息的页数
    #[arg(long, value_name = "N", group = "method", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 1, crate::case::fee::MAX_PAGES))]
    pages: Option<u32>,
}

/// Arguments of `fee paid` and `fee lapse`.
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
            let (method, count) = match (a.items, a.pages) {
                (Some(n), _) => (FeeMethod::ByItem, n),
                (_, Some(n)) => (FeeMethod::ByPage, n),
                _ => unreachable!("clap requires one"),
            };
            // (On or after the reply's due day a fee notice is refused: see `case::check`.)
            super::record(
                ctx,
                &a.step,
                Step::FeeNotice {
                    method,
                    count,
                    amount_yuan: fee_yuan(method, count),
                },
            )?;
        }
        FeeCmd::Paid(a) => {
            super::record(ctx, &a.step, Step::FeePaid)?;
        }
        FeeCmd::Lapse(a) => {
            super::record(ctx, &a.step, Step::FeeLapsed)?;
        }
    }
    Ok(Exit::Ok)
}
