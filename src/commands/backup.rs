//! `disclose backup`: a consistent copy of the register made while others may be writing, then
//! checked (see [`crate::store::Store::backup_and_check`]). The daily rolling backup kept before
//! the first write of each day is [`crate::store::Store::daily_backup`], called by
//! [`crate::context::Ctx::write`].

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::context::Ctx;
use crate::error::Exit;

/// Arguments of `backup`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "在线备份：他人可同时写入。备份完成后校验备份文件（SQLite 完整性检查、哈希链、逐件重放），\n通过后才以该文件名保存；备份文件只有本人可读写（0600），不覆盖已有文件。\n给出已有的文件夹时，备份放在其中，按每日备份的命名（登记簿名-日期.db，当天已有则加 -2、-3……）。恢复方法见 README。"
)]
pub struct Args {
    /// 备份文件（不能已存在），或已有的文件夹（备份放在其中，名为“登记簿名-日期.db”）
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Where a backup asked for at `target` goes: `target` itself, or, when `target` is an existing
/// folder, a file in it named as the daily backup is (`STEM-YYYY-MM-DD.db` for the register
/// `STEM.db`), with `-2`, `-3`, … when that name is taken, so nothing is ever overwritten.
fn destination(target: &Path, register: &Path, today: NaiveDate) -> PathBuf {
    if !target.is_dir() {
        return target.to_path_buf();
    }
    let stem = register
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "disclose".to_string());
    let first = target.join(format!("{stem}-{today}.db"));
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| target.join(format!("{stem}-{today}-{n}.db")))
        .find(|p| !p.exists())
        .expect("some numbered name is free")
}

/// Runs `backup`.
///
/// # Errors
/// Exit 1 if the file exists (it is left untouched; an existing folder gets the backup inside it); exit 5 if the copy cannot be made (no such
/// folder, disk full); exit 6 if the copy does not verify (it is then removed).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let today = ctx.today;
    let store = ctx.store()?;
    let dest = destination(&a.file, store.path(), today);
    let s = store.backup_and_check(&dest)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "已备份到 {}（{} 件申请、{} 条事件，校验通过）",
        dest.display(),
        s.requests,
        s.events
    )?;
    if let Some((seq, hash)) = s.head {
        writeln!(out, "最新事件：seq {seq}，哈希 {hash}")?;
    }
    Ok(Exit::Ok)
}
