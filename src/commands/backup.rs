//! `disclose backup`: a consistent copy of the register made while others may be writing, then
//! checked (see [`crate::store::Store::backup_and_check`]). The daily rolling backup kept before
//! the first write of each day is [`crate::store::Store::daily_backup`], called by
//! [`crate::context::Ctx::write`].

use std::io::Write;
use std::path::PathBuf;

use crate::context::Ctx;
use crate::error::Exit;

/// Arguments of `backup`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "在线备份：他人可同时写入。备份完成后校验备份文件（SQLite 完整性检查、哈希链、逐件重放），\n通过后才以该文件名保存；备份文件只有本人可读写（0600），不覆盖已有文件。恢复方法见 README。"
)]
pub struct Args {
    /// 备份文件（不能已存在）
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Runs `backup`.
///
/// # Errors
/// Exit 1 if the file exists (it is left untouched); exit 5 if the copy cannot be made (no such
/// folder, disk full); exit 6 if the copy does not verify (it is then removed).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let store = ctx.store()?;
    let s = store.backup_and_check(&a.file)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "已备份到 {}（{} 件申请、{} 条事件，校验通过）",
        a.file.display(),
        s.requests,
        s.events
    )?;
    if let Some((seq, hash)) = s.head {
        writeln!(out, "最新事件：seq {seq}，哈希 {hash}")?;
    }
    Ok(Exit::Ok)
}
