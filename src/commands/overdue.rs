//! `disclose overdue` (being built).

use crate::context::Ctx;
use crate::error::{Exit, Failure};

/// 逾期报告
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `overdue`.
///
/// # Errors
/// Not built yet.
pub fn run(_ctx: &mut Ctx, _a: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(Exit::Internal, "overdue is being built").into())
}
