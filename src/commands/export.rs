//! `disclose export` (being built).

use crate::context::Ctx;
use crate::error::{Exit, Failure};

/// 导出案卷
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `export`.
///
/// # Errors
/// Not built yet.
pub fn run(_ctx: &mut Ctx, _a: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(Exit::Internal, "export is being built").into())
}
