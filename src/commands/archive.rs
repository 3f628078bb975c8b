//! `disclose archive`: the file is archived (归档, 条例 Art 45); the request becomes read-only.

use crate::case::Step;
use crate::context::Ctx;
use crate::error::Exit;

/// 归档：登记卷宗号；归档后只读（只能再登记复议、诉讼）
#[derive(Debug, clap::Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 卷宗号 / 档案号
    #[arg(long, value_name = "NO")]
    file_no: String,
}

/// Runs `archive`.
///
/// # Errors
/// Refused unless the request is concluded.
pub fn run(ctx: &mut Ctx, a: ArchiveArgs) -> anyhow::Result<Exit> {
    super::record(
        ctx,
        &a.step,
        Step::Archive {
            file_no: a.file_no.trim().to_string(),
        },
    )?;
    Ok(Exit::Ok)
}
