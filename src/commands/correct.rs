//! `disclose correct`: the correction notice (补正, 条例 Art 30) and what follows it.

use crate::case::Step;
use crate::context::Ctx;
use crate::error::Exit;

/// 补正（条例第三十条）
#[derive(Debug, clap::Subcommand)]
pub enum CorrectCmd {
    /// 发出补正通知：收到申请之日起 7 个工作日内、只能一次，一次性列明全部补正事项
    Notice(NoticeArgs),
    /// 收到补正后的申请：答复期限自该日起重新计算 20 个工作日
    Received(ReceivedArgs),
    /// 补正期限届满、申请人未补正：按（六）1 办结
    Lapse(LapseArgs),
}

/// Arguments of `correct notice`.
#[derive(Debug, clap::Args)]
pub struct NoticeArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 需要补正的全部事项
    #[arg(long, value_name = "TEXT")]
    items: String,
    /// 给申请人的补正期限（工作日；默认取配置 correction_period，否则 15）
    #[arg(long, value_name = "WD", allow_hyphen_values = true,
          value_parser = crate::dates::parse_working_days)]
    period: Option<u32>,
    /// 送达日期：对方收到本文书之日（期限自该日起算；不知道时可以以后用 disclose served 补记）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    served_on: Option<chrono::NaiveDate>,
}

/// Arguments of `correct received`.
#[derive(Debug, clap::Args)]
pub struct ReceivedArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 备注
    #[arg(long)]
    note: Option<String>,
    /// 补正期限届满后才收到时：申请人逾期的正当理由（如补正通知送达延误；条例第三十条只对无正当理由逾期的视为放弃）
    #[arg(long, value_name = "TEXT")]
    late_reason: Option<String>,
}

/// Arguments of `correct lapse`.
#[derive(Debug, clap::Args)]
pub struct LapseArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 未记录送达日期时：确实无法查明送达日期的理由（期限按发出日期计算）
    #[arg(long, value_name = "TEXT")]
    served_unknown_reason: Option<String>,
}

/// The default correction period when neither `--period` nor the config gives one, in working
/// days (SPEC.md §3: "agency default, e.g. 15 WD").
pub const DEFAULT_CORRECTION_PERIOD_WD: u32 = crate::case::period::CORRECTION_PERIOD.wd;

/// Runs `correct`.
///
/// # Errors
/// Refusals of 条例 Art 30 (second notice, window closed, period not lapsed, …).
pub fn run(ctx: &mut Ctx, c: CorrectCmd) -> anyhow::Result<Exit> {
    match c {
        CorrectCmd::Notice(a) => {
            let period_wd = a
                .period
                .or(ctx.config.correction_period)
                .unwrap_or(DEFAULT_CORRECTION_PERIOD_WD);
            super::record(
                ctx,
                &a.step,
                Step::CorrectionNotice {
                    items: a.items,
                    period_wd,
                    served_on: a.served_on,
                },
            )?;
        }
        CorrectCmd::Received(a) => {
            super::record(
                ctx,
                &a.step,
                Step::CorrectionReceived {
                    note: super::text(&a.note),
                    late_reason: super::text(&a.late_reason),
                },
            )?;
        }
        CorrectCmd::Lapse(a) => {
            super::record(
                ctx,
                &a.step,
                Step::CorrectionLapsed {
                    served_unknown_reason: super::text(&a.served_unknown_reason),
                },
            )?;
        }
    }
    Ok(Exit::Ok)
}
