//! `disclose verify` (being built).

use crate::context::Ctx;
use crate::error::Exit;

/// 校验登记簿
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `verify`.
///
/// # Errors
/// Database errors.
pub fn run(ctx: &mut Ctx, _a: Args) -> anyhow::Result<Exit> {
    let r = crate::store::verify::verify(ctx.store()?)?;
    if r.problems.is_empty() {
        Ok(Exit::Ok)
    } else {
        Ok(Exit::Integrity)
    }
}
