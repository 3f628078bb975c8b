//! Backups of the register (备份): a consistent copy made while others may be writing (SQLite's
//! online backup), then checked; and the daily rolling backup kept before the first write of each
//! day when the config file asks for it (`backup_dir`, `backup_keep`).
//!
//! The copy is first written under a temporary name in the target folder, checked (`PRAGMA
//! integrity_check`, the hash chain and every projection, see [`super::verify`]), and only then
//! given its name, without ever replacing an existing file. A copy that exists under its final
//! name is therefore complete and verified, even if the process was killed.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Store, StoreError};
use crate::calendar::{FIRST_DAY, LAST_DAY};
use crate::output::io_cn;

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

/// Why a backup was not made (the register itself is never touched by a failed backup).
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup file exists already; it was not overwritten.
    #[error("{} 已存在，未覆盖", .0.display())]
    Exists(PathBuf),
    /// The folder of the backup file does not exist.
    #[error("备份目录 {} 不存在，未备份", .0.display())]
    NoFolder(PathBuf),
    /// The copy could not be made (disk full, no write permission).
    #[error("备份到 {} 失败：{source}", .dest.display())]
    Copy {
        /// The backup file asked for.
        dest: PathBuf,
        /// The register's error.
        source: StoreError,
    },
    /// The copy could not be opened or read to check it.
    #[error(transparent)]
    Check(StoreError),
    /// The copy did not verify; it was removed. The first problems, as `location：what`.
    #[error("备份校验未通过，未保留备份：{}", .0.join("；"))]
    NotVerified(Vec<String>),
    /// The checked copy could not be given its name.
    #[error("无法写入 {}：{source}", .dest.display())]
    Name {
        /// The backup file asked for.
        dest: PathBuf,
        /// The file system's error.
        source: std::io::Error,
    },
    /// The daily backup folder cannot be created.
    #[error("无法创建备份目录 {}：{}", .dir.display(), io_cn(.source))]
    Folder {
        /// The folder (`backup_dir`).
        dir: PathBuf,
        /// The file system's error.
        source: std::io::Error,
    },
    /// Today's daily backup failed, so the write that was to follow was not made.
    #[error("未能在今天第一次写入前备份到 {}，本次未写入任何内容：{source}", .dest.display())]
    Daily {
        /// Today's backup file.
        dest: PathBuf,
        /// Why it failed.
        source: Box<BackupError>,
    },
    /// The daily backup folder cannot be listed (to delete the oldest backups).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The date of a daily backup's file name `STEM-YYYY-MM-DD.db` of the register `STEM.db`, if
/// it is one.
fn daily_date(name: &str, stem: &str) -> Option<NaiveDate> {
    name.strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")
        .and_then(|d| {
            // Exactly as `daily_backup` writes it (`YYYY-MM-DD`, within the years a date
            // argument may take), not any form a clerk may type.
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .filter(|day| day.to_string() == d && (FIRST_DAY..=LAST_DAY).contains(day))
        })
}

/// Whether `name` is a temporary file left by a daily backup of the register `STEM.db`
/// (`.STEM-YYYY-MM-DD.db.tmp-PID`, or its `-journal`) whose process is gone: a backup killed
/// half-way. Returns the PID's liveness test's answer: only a file whose writer no longer runs
/// (on Linux, no `/proc/PID`) is stale; elsewhere, one older than a day.
fn stale_daily_temp(dir: &Path, name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let rest = rest.strip_suffix("-journal").unwrap_or(rest);
    let Some((backup, pid)) = rest.rsplit_once(".tmp-") else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if daily_date(backup, stem).is_none() || pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.is_dir() {
        return !proc.join(pid.to_string()).exists();
    }
    std::fs::metadata(dir.join(name))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

/// Deletes the stale temporary files of this register's killed daily backups in `dir`
/// ([`stale_daily_temp`]); another register's files and live backups are left alone.
fn clean_stale_daily_temps(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name();
        if let Some(name) = name.to_str()
            && e.file_type().is_ok_and(|t| t.is_file())
            && stale_daily_temp(dir, name, stem)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Creates `dir` (and its parents) readable by its owner only (mode 0700 on Unix), for backups
/// and exports that hold personal data.
///
/// # Errors
/// The file system's.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Copies the whole database of `conn` to the new file `dest` (mode 0600) with SQLite's online
/// backup; the copy uses a rollback journal, not WAL.
///
/// # Errors
/// I/O and SQLite errors; an existing `dest` is refused.
pub(super) fn copy_connection(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(dest)?;
    let mut target = Connection::open(dest)?;
    let b = rusqlite::backup::Backup::new(conn, &mut target)?;
    b.run_to_completion(256, Duration::from_millis(5), None)?;
    drop(b);
    target.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    Ok(())
}

impl Store {
    /// Makes a consistent copy of the whole database at `dest` with SQLite's online backup
    /// (other clerks may keep writing meanwhile); the copy is created mode 0600.
    ///
    /// # Errors
    /// I/O and SQLite errors; an existing `dest` is refused.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        copy_connection(&self.conn, dest)
    }

    /// Copies the register to `dest` and checks the copy (`PRAGMA integrity_check` and the full
    /// `verify` of its event chain and projection). The copy is created mode 0600 under a
    /// temporary name beside `dest` and linked to `dest` only once checked.
    ///
    /// # Errors
    /// [`BackupError::Exists`] if `dest` exists (it is left untouched); [`BackupError::NoFolder`],
    /// [`BackupError::Copy`], [`BackupError::Name`] if the copy cannot be made;
    /// [`BackupError::Check`], [`BackupError::NotVerified`] if the copy does not verify (it is
    /// then removed).
    pub fn backup_and_check(&self, dest: &Path) -> Result<BackupSummary, BackupError> {
        if dest.exists() {
            return Err(BackupError::Exists(dest.to_path_buf()));
        }
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            return Err(BackupError::NoFolder(parent));
        }
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".to_string());
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        super::remove_register_files(&tmp);
        let cleanup = super::remove_register_files;
        let made = (|| -> Result<BackupSummary, BackupError> {
            self.backup_to(&tmp).map_err(|source| BackupError::Copy {
                dest: dest.to_path_buf(),
                source,
            })?;
            let copy = super::verify::open_read_only(&tmp).map_err(BackupError::Check)?;
            let report = super::verify::verify_copy(&copy).map_err(BackupError::Check)?;
            if !report.is_intact() {
                return Err(BackupError::NotVerified(report.first_problems(5)));
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
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(BackupError::Exists(dest.to_path_buf()))
            }
            // File systems without hard links: rename, after checking again.
            Err(_) if !dest.exists() => {
                std::fs::rename(&tmp, dest).map_err(|source| BackupError::Name {
                    dest: dest.to_path_buf(),
                    source,
                })
            }
            Err(_) => Err(BackupError::Exists(dest.to_path_buf())),
        };
        cleanup(&tmp);
        linked?;
        if let Ok(d) = std::fs::File::open(&parent) {
            let _ = d.sync_all();
        }
        Ok(summary)
    }

    /// Keeps the daily rolling backup: if `dir` has no backup of this register for `today`,
    /// makes one (`STEM-YYYY-MM-DD.db` for the register `STEM.db` — `disclose-2026-11-30.db`
    /// for the default `disclose.db` — so registers sharing a backup folder never take each
    /// other's backups; checked, mode 0600; `dir` created mode 0700) and then deletes this
    /// register's oldest daily backups beyond the newest `keep` (at least 1). The hidden
    /// temporary files of this register's killed backups (their process gone) are deleted
    /// first. Other files in `dir` are never touched. Two clerks starting their first write of the day at once make
    /// one backup.
    ///
    /// # Errors
    /// [`BackupError::Folder`] for an unwritable `dir`; [`BackupError::Daily`] when the backup
    /// fails (as [`Store::backup_and_check`]). The caller then writes nothing.
    pub fn daily_backup(&self, dir: &Path, today: NaiveDate, keep: u32) -> Result<(), BackupError> {
        let stem = self
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "disclose".to_string());
        let dest = dir.join(format!("{stem}-{today}.db"));
        // A backup killed half-way leaves a hidden temporary copy (and its journal); left there,
        // they fill the disk until every write is refused. Issue 16 #5.
        clean_stale_daily_temps(dir, &stem);
        if dest.exists() {
            return Ok(());
        }
        create_private_dir(dir).map_err(|source| BackupError::Folder {
            dir: dir.to_path_buf(),
            source,
        })?;
        match self.backup_and_check(&dest) {
            Ok(_) => {}
            // Another clerk made today's backup meanwhile.
            Err(_) if dest.exists() => return Ok(()),
            Err(e) => {
                return Err(BackupError::Daily {
                    dest,
                    source: Box::new(e),
                });
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
}
