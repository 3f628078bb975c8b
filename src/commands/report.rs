//! `disclose report` (being built).

use crate::context::Ctx;
use crate::error::{Exit, Failure};

/// 报告
#[derive(Debug, clap::Subcommand)]
pub enum ReportCmd {
    /// 年度报告
    Annual,
}

/// Runs `report`.
///
/// # Errors
/// Not built yet.
pub fn run(_ctx: &mut Ctx, _c: ReportCmd) -> anyhow::Result<Exit> {
    Err(Failure::new(Exit::Internal, "report is being built").into())
}
