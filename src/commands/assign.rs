//! `disclose assign`: the hand-off of a request to a department (转办/交办, 本机关制度), with an
//! internal deadline that leaves the legal reply date (条例 Art 33) as it is.

use chrono::NaiveDate;

use crate::case::Step;
use crate::context::Ctx;
use crate::dates::parse_date_arg;
use crate::error::Exit;

/// 转办/交办：把申请交给承办科室和承办人，可定内部办理期限（不改变法定答复期限）
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "内部办理期限用 --due 日期，或 --within N（转办之日起 N 个工作日）；不得晚于法定答复期限。\n再次转办会取代上一次。每周的逾期报告（overdue --by department）按科室列出内部期限已过或将到的申请，\n同时列出法定答复期限。"
)]
pub struct AssignArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 承办科室
    #[arg(long, value_name = "DEPT")]
    department: String,
    /// 承办人
    #[arg(long, value_name = "NAME")]
    handler: String,
    /// 内部办理期限（日期）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, conflicts_with = "within")]
    due: Option<NaiveDate>,
    /// 内部办理期限：转办之日起 N 个工作日
    #[arg(long, value_name = "WD", allow_hyphen_values = true,
          value_parser = crate::dates::parse_working_days)]
    within: Option<u32>,
}

/// Runs `assign`.
///
/// # Errors
/// Refusals (a closed request, a blank department or handler, an internal deadline after the
/// legal reply date), calendar errors for `--within` outside the calendar.
pub fn run(ctx: &mut Ctx, a: AssignArgs) -> anyhow::Result<Exit> {
    let on = a.step.on.unwrap_or(ctx.today);
    let due = match (a.due, a.within) {
        (Some(d), _) => Some(d),
        (None, Some(n)) => Some(ctx.calendar.add_working_days(on, n)?.value),
        (None, None) => None,
    };
    super::record(
        ctx,
        &a.step,
        Step::Assign {
            department: a.department.trim().to_string(),
            handler: a.handler.trim().to_string(),
            due,
        },
    )?;
    Ok(Exit::Ok)
}
