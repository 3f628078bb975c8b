//! `disclose extend`: the extension of the reply period (延期答复, 条例 Art 33 ¶2).

use chrono::NaiveDate;

use crate::case::Step;
use crate::context::Ctx;
use crate::dates::parse_date_arg;
use crate::error::Exit;

/// 延期答复：经政府信息公开工作机构负责人同意、在答复期限届满前告知申请人，最长 20 个工作日，只能一次
#[derive(Debug, clap::Args)]
pub struct ExtendArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 延长的工作日数（最多 20）
    #[arg(long, value_name = "WD", default_value_t = 20, allow_hyphen_values = true,
          value_parser = crate::dates::parse_working_days)]
    days: u32,
    /// 批准人（政府信息公开工作机构负责人）
    #[arg(long, value_name = "NAME")]
    approver: String,
    /// 延期理由
    #[arg(long)]
    reason: String,
    /// 告知申请人的日期（默认与 --on 相同）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    notified_on: Option<NaiveDate>,
}

/// Runs `extend`.
///
/// # Errors
/// Refusals of Art 33 ¶2 (second extension, more than 20 WD, after the due date).
pub fn run(ctx: &mut Ctx, a: ExtendArgs) -> anyhow::Result<Exit> {
    let on = a.step.on.unwrap_or(ctx.today);
    super::record(
        ctx,
        &a.step,
        Step::Extension {
            working_days: a.days,
            approver: a.approver.trim().to_string(),
            reason: a.reason.trim().to_string(),
            notified_on: a.notified_on.unwrap_or(on),
        },
    )?;
    Ok(Exit::Ok)
}
