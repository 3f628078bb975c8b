//! `disclose backup`: a consistent copy of the register made while others may be writing
//! (SQLite's online backup), then checked; and the daily rolling backup kept before the first
//! write of each day when the config file asks for it (`backup_dir`, `backup_keep`).
//!
//! The copy is first written under a temporary name in the target folder, checked (`PRAGMA
//! integrity_check`, the hash chain and every projection, see [`crate::store::verify`]), and
//! only then given its name, without ever replacing an existing file. A copy that exists under
//! its final name is therefore complete and verified, even if the process was killed.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::context::Ctx;
use crate::error::{Exit, Failure};
use crate::store::Store;

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

/// What a checked backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// Requests in the copy.
    pub requests: u64,
    /// Events in the copy.
    pub events: u64,
    /// The copy's newest event: `seq` and hash.
    pub head: Option<(i64, String)>,
}

fn exists_failure(dest: &Path) -> anyhow::Error {
    Failure::new(Exit::Refused, format!("{} 已存在，未覆盖", dest.display()))
        .hint("换一个文件名，或先移走旧的备份")
        .into()
}

/// Copies the register to `dest` and checks the copy (`PRAGMA integrity_check` and the full
/// `verify` of its event chain and projection). The copy is created mode 0600 under a temporary
/// name beside `dest` and linked to `dest` only once checked.
///
/// # Errors
/// Exit 1 if `dest` exists (it is left untouched); exit 5 if the copy cannot be made (no such
/// folder, disk full); exit 6 if the copy does not verify (it is then removed).
pub fn backup_and_check(store: &Store, dest: &Path) -> anyhow::Result<BackupSummary> {
    if dest.exists() {
        return Err(exists_failure(dest));
    }
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Failure::new(
            Exit::Database,
            format!("备份目录 {} 不存在，未备份", parent.display()),
        )
        .hint("先建好目录，或换一个备份文件路径")
        .into());
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".to_string());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let cleanup = |tmp: &Path| {
        let _ = std::fs::remove_file(tmp);
        let mut j = tmp.as_os_str().to_owned();
        j.push("-journal");
        let _ = std::fs::remove_file(PathBuf::from(j));
    };
    let made = (|| -> anyhow::Result<BackupSummary> {
        store.backup_to(&tmp).map_err(|e| {
            let exit = super::store_exit(&e);
            Failure::new(exit, format!("备份到 {} 失败：{e}", dest.display()))
                .hint("检查磁盘空间和目录的写权限后重试；登记簿本身未受影响")
        })?;
        let copy = crate::store::verify::open_read_only(&tmp)?;
        let report = crate::store::verify::verify_connection(&copy)?;
        if !report.is_intact() {
            let list: Vec<String> = report
                .problems
                .iter()
                .take(5)
                .map(|p| format!("{}：{}", p.location(), p.what))
                .collect();
            return Err(Failure::new(
                Exit::Integrity,
                format!("备份校验未通过，未保留备份：{}", list.join("；")),
            )
            .hint("运行 disclose verify 检查登记簿本身")
            .into());
        }
        Ok(BackupSummary {
            requests: report.requests,
            events: report.events,
            head: report.head.map(|h| (h.seq, h.hash)),
        })
    })();
    let summary = match made {
        Ok(s) => s,
        Err(e) => {
            cleanup(&tmp);
            return Err(e);
        }
    };
    // Give the checked copy its name without ever replacing a file.
    let linked = match std::fs::hard_link(&tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists_failure(dest)),
        // File systems without hard links: rename, after checking again.
        Err(_) if !dest.exists() => std::fs::rename(&tmp, dest).map_err(|e| {
            Failure::new(Exit::Database, format!("无法写入 {}：{e}", dest.display())).into()
        }),
        Err(_) => Err(exists_failure(dest)),
    };
    cleanup(&tmp);
    linked?;
    if let Ok(d) = std::fs::File::open(&parent) {
        let _ = d.sync_all();
    }
    Ok(summary)
}

/// The date of a daily backup's file name `STEM-YYYY-MM-DD.db` of the register `STEM.db`, if
/// it is one.
fn daily_date(name: &str, stem: &str) -> Option<NaiveDate> {
    name.strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")
        .and_then(|d| {
            // Exactly as `daily` writes it, not any form a clerk may type.
            crate::dates::parse_date_arg(d)
                .ok()
                .filter(|day| day.to_string() == d)
        })
}

/// Keeps the daily rolling backup: if `dir` has no backup of this register for `today`, makes
/// one (`STEM-YYYY-MM-DD.db` for the register `STEM.db` — `disclose-2026-11-30.db` for the
/// default `disclose.db` — so registers sharing a backup folder never take each other's
/// backups; checked, mode 0600; `dir` created mode 0700) and then deletes this register's oldest
/// daily backups beyond the newest `keep` (at least 1). Other files in `dir` are never touched.
/// Two clerks starting their first write of the day at once make one backup.
///
/// # Errors
/// As [`backup_and_check`]; an unwritable `dir` (exit 5). The caller then writes nothing.
pub fn daily(store: &Store, dir: &Path, today: NaiveDate, keep: u32) -> anyhow::Result<()> {
    let stem = store
        .path()
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "disclose".to_string());
    let dest = dir.join(format!("{stem}-{today}.db"));
    if dest.exists() {
        return Ok(());
    }
    crate::store::create_private_dir(dir).map_err(|e| {
        Failure::new(
            Exit::Database,
            format!(
                "无法创建备份目录 {}：{}",
                dir.display(),
                crate::error::io_cn(&e)
            ),
        )
        .hint("检查配置文件中 backup_dir 的路径和写权限；本次未写入任何内容")
    })?;
    match backup_and_check(store, &dest) {
        Ok(_) => {}
        // Another clerk made today's backup meanwhile.
        Err(_) if dest.exists() => return Ok(()),
        Err(e) => {
            let exit = match crate::error::exit_of(&e) {
                Exit::Integrity => Exit::Integrity,
                _ => Exit::Database,
            };
            return Err(Failure::new(
                exit,
                format!(
                    "未能在今天第一次写入前备份到 {}，本次未写入任何内容：{e}",
                    dest.display()
                ),
            )
            .hint("腾出磁盘空间或改正配置文件中的 backup_dir 后重试")
            .into());
        }
    }
    let mut old: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name();
            daily_date(name.to_str()?, &stem).map(|d| (d, e.path()))
        })
        .collect();
    old.sort();
    let keep = keep.max(1) as usize;
    if old.len() > keep {
        for (_, p) in &old[..old.len() - keep] {
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
    let s = backup_and_check(store, &a.file)?;
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
