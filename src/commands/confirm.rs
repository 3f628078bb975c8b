//! `disclose confirm`: an ordinary letter's applicant was reached (条例 Art 31).

use crate::case::Step;
use crate::context::Ctx;
use crate::error::Exit;

/// 平常信函：记录与申请人确认收到的日期（--on），答复期限自该日起算（条例第三十一条）
#[derive(Debug, clap::Args)]
pub struct ConfirmArgs {
    #[command(flatten)]
    step: super::StepArgs,
}

/// Runs `confirm`.
///
/// # Errors
/// Refused unless the request is an ordinary letter awaiting confirmation.
pub fn run(ctx: &mut Ctx, a: ConfirmArgs) -> anyhow::Result<Exit> {
    super::record(ctx, &a.step, Step::ConfirmReceipt)?;
    Ok(Exit::Ok)
}
