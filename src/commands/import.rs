//! `disclose import` (being built).

use crate::context::Ctx;
use crate::error::{Exit, Failure};

/// 导入
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `import`.
///
/// # Errors
/// Not built yet.
pub fn run(_ctx: &mut Ctx, _a: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(Exit::Internal, "import is being built").into())
}
