//! `disclose withdraw`: the applicant withdrew the request; closed as （六）3.

use crate::case::Step;
use crate::context::Ctx;
use crate::error::Exit;

/// 申请人撤回申请：按（六）3 其他 办结
#[derive(Debug, clap::Args)]
pub struct WithdrawArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 撤回的方式或说明
    #[arg(long)]
    reason: Option<String>,
}

/// Runs `withdraw`.
///
/// # Errors
/// Refused when the request is already concluded.
pub fn run(ctx: &mut Ctx, a: WithdrawArgs) -> anyhow::Result<Exit> {
    super::record(
        ctx,
        &a.step,
        Step::Withdraw {
            reason: super::text(&a.reason),
        },
    )?;
    Ok(Exit::Ok)
}
