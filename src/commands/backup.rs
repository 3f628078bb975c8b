//! `disclose backup`: a consistent copy of the register made while others may be writing
//! (SQLite's online backup), then checked; and the daily rolling backup kept before the first
//! write of each day when the config file asks for it.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::context::Ctx;
use crate::error::{Exit, Failure};
use crate::store::Store;

/// 备份数据库：在线备份（他人可同时写入），完成后校验备份文件
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 备份文件（不能已存在）
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Copies the register to `dest` and checks the copy (`PRAGMA integrity_check` and the full
/// `verify` of its event chain and projection). Returns the number of events in the copy.
///
/// # Errors
/// Exit 5 if the copy cannot be made; exit 6 if the copy does not verify (it is then removed).
pub fn backup_and_check(store: &Store, dest: &Path) -> anyhow::Result<u64> {
    if dest.exists() {
        return Err(
            Failure::new(Exit::Refused, format!("{} 已存在，未覆盖", dest.display()))
                .hint("换一个文件名，或先移走旧的备份")
                .into(),
        );
    }
    store.backup_to(dest)?;
    let check = || -> anyhow::Result<u64> {
        let copy = Store::open(dest)?;
        let report = crate::store::verify::verify(&copy)?;
        if !report.problems.is_empty() {
            return Err(Failure::new(
                Exit::Integrity,
                format!(
                    "备份 {} 校验未通过：{}",
                    dest.display(),
                    report.problems.join("；")
                ),
            )
            .into());
        }
        Ok(report.events)
    };
    match check() {
        Ok(n) => Ok(n),
        Err(e) => {
            let _ = std::fs::remove_file(dest);
            Err(e)
        }
    }
}

/// Keeps the daily rolling backup: if `dir` has no backup for `today`, makes one
/// (`disclose-YYYY-MM-DD.db`) and keeps only the newest `keep`.
///
/// # Errors
/// As [`backup_and_check`]; an unwritable `dir`.
pub fn daily(store: &Store, dir: &Path, today: NaiveDate, keep: u32) -> anyhow::Result<()> {
    let dest = dir.join(format!("disclose-{today}.db"));
    if dest.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::new(
            Exit::Database,
            format!("无法创建备份目录 {}：{e}", dir.display()),
        )
    })?;
    backup_and_check(store, &dest)?;
    let mut old: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("disclose-") && n.ends_with(".db"))
        })
        .collect();
    old.sort();
    let keep = keep.max(1) as usize;
    if old.len() > keep {
        for p in &old[..old.len() - keep] {
            let _ = std::fs::remove_file(p);
        }
    }
    Ok(())
}

/// Runs `backup`.
///
/// # Errors
/// See [`backup_and_check`].
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let store = ctx.store()?;
    let n = backup_and_check(store, &a.file)?;
    writeln!(
        std::io::stdout().lock(),
        "已备份到 {}（{n} 条事件，校验通过）",
        a.file.display()
    )?;
    Ok(Exit::Ok)
}
