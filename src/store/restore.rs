//! Restoring the register from a backup (`disclose restore`): README's procedure, done by the
//! tool so that no step is forgotten (issue 16 #16). A stale `-wal` left beside a copied-back
//! backup would otherwise be replayed into it silently.
//!
//! In order: refuse while another process has the register open; check the backup (it must
//! verify intact); read, if it still can be read, what the damaged register recorded after the
//! backup's newest event; move the damaged file and its `-wal`, `-shm` and `-journal` aside as
//! evidence (renamed, never deleted); copy the backup into place under a temporary name, mode
//! 0600, synced, then renamed; reserve in it the case numbers the damaged register issued after
//! the backup ([`RESERVATIONS_TABLE`]); verify the restored register again.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::backup::create_private_dir;
use super::verify::{ChainHead, ReadOnlyCopy, open_read_only, verify_copy};

/// One event the damaged register holds after the backup's newest event: to be re-entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaterEvent {
    /// Its position in the log.
    pub seq: i64,
    /// The request it belongs to.
    pub case_no: Option<String>,
    /// Its number within the request (1 = registration).
    pub event: Option<i64>,
    /// Its kind as stored (`registered`, `reply`, …).
    pub kind: String,
    /// Its business date.
    pub on: String,
}

/// The numbers of a year that a damaged register issued after the backup restored in its
/// place: reserved in the restored register, so that they are not issued again (issue 16 #16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The registration year.
    pub year: i32,
    /// The first sequence number reserved (the backup's last of the year, plus one).
    pub first: i64,
    /// The last one (the damaged register's last of the year).
    pub last: i64,
}

/// The table of reserved case numbers, made by the first restore that needs it. Registering
/// continues after the highest number reserved in the year, and `verify` accepts the gap (see
/// `reserved_ranges`). Outside the numbered migrations because only a restore makes it; a
/// register without it has no reservations.
pub const RESERVATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS number_reservations (
    year        INTEGER NOT NULL,
    first_seq   INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    CHECK (first_seq >= 1 AND last_seq >= first_seq)
)";

/// The reserved ranges of case-number sequences, `(year, first, last)`, in order; none when the
/// register has no reservations table.
///
/// # Errors
/// SQLite errors.
pub(super) fn reserved_ranges(
    conn: &rusqlite::Connection,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'number_reservations'",
        [],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut st = conn.prepare(
        "SELECT year, first_seq, last_seq FROM number_reservations ORDER BY year, first_seq",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

impl super::Store {
    /// The reservation holding case-number sequence `seq` (of `year`, or of any year): the
    /// year and the reason the restore recorded (which backup, which damaged register). A
    /// number reserved by a restore was issued by the damaged register after the backup: its
    /// request must be registered again, under a new number (issue 16 #16).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn reservation_of(
        &self,
        year: Option<i32>,
        seq: i64,
    ) -> Result<Option<(i32, String)>, StoreError> {
        if reserved_ranges(&self.conn)?.is_empty() {
            return Ok(None);
        }
        let mut st = self.conn.prepare(
            "SELECT year, reason FROM number_reservations
             WHERE ?1 BETWEEN first_seq AND last_seq AND (?2 IS NULL OR year = ?2)
             ORDER BY year DESC LIMIT 1",
        )?;
        let mut rows = st.query_map(rusqlite::params![seq, year], |r| {
            Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.next().transpose()?)
    }
}

/// The highest sequence number of each year in `copy`'s requests.
fn last_seqs(copy: &ReadOnlyCopy) -> Result<Vec<(i32, i64)>, StoreError> {
    let conn = copy.connection();
    let mut st = conn.prepare("SELECT year, MAX(seq) FROM requests GROUP BY year ORDER BY year")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Records `reservations` in the register at `path` (one transaction).
fn reserve(path: &Path, reservations: &[Reservation], reason: &str) -> Result<(), StoreError> {
    let mut conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(RESERVATIONS_TABLE)?;
    for r in reservations {
        tx.execute(
            "INSERT INTO number_reservations (year, first_seq, last_seq, reason)
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![r.year, r.first, r.last, reason],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// What a restore did.
#[derive(Debug)]
pub struct RestoreReport {
    /// The damaged files, where they were moved (evidence).
    pub moved_aside: Vec<(PathBuf, PathBuf)>,
    /// Requests and events of the restored register.
    pub requests: u64,
    /// Events of the restored register.
    pub events: u64,
    /// The restored register's newest event (the backup's).
    pub head: Option<ChainHead>,
    /// What the damaged register recorded after the backup, when it could be read; otherwise
    /// why it could not.
    pub later: Result<Vec<LaterEvent>, String>,
    /// The case numbers the damaged register issued after the backup, now reserved in the
    /// restored register (empty when there were none or it could not be read).
    pub reserved: Vec<Reservation>,
}

/// Why a restore was not done (nothing was changed).
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The backup file cannot be opened as a register.
    #[error("备份 {path} 无法使用：{source}")]
    Backup {
        /// The backup.
        path: PathBuf,
        /// Why.
        source: StoreError,
    },
    /// The backup does not verify.
    #[error("备份 {path} 校验未通过，不能用来恢复：{}", .problems.join("；"))]
    BackupDamaged {
        /// The backup.
        path: PathBuf,
        /// The first problems found.
        problems: Vec<String>,
    },
    /// Another process has the register open.
    #[error("登记簿 {path} 正被其他程序使用（进程 {}），未作任何改动：请先让所有人退出 disclose", .pids.join("、"))]
    InUse {
        /// The register.
        path: PathBuf,
        /// The processes holding it.
        pids: Vec<String>,
    },
    /// The backup is the register itself.
    #[error("备份 {0} 就是登记簿本身，不能用它恢复")]
    SameFile(PathBuf),
    /// Moving or copying a file failed.
    #[error("{what} {path} 失败：{source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The file system's error.
        source: std::io::Error,
    },
    /// The restored register does not verify (it is left in place, the damaged one aside).
    #[error("恢复后的登记簿 {path} 校验未通过：{}", .problems.join("；"))]
    RestoredDamaged {
        /// The register.
        path: PathBuf,
        /// The first problems found.
        problems: Vec<String>,
    },
}

/// The processes other than this one that have `paths` open (Linux: `/proc/PID/fd`); empty
/// where `/proc` cannot be read.
fn processes_holding(paths: &[PathBuf]) -> Vec<String> {
    let wanted: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let me = std::process::id().to_string();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut pids = Vec::new();
    for p in procs.filter_map(|e| e.ok()) {
        let pid = p.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else {
            continue;
        };
        if fds
            .filter_map(|e| e.ok())
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .any(|target| wanted.contains(&target))
        {
            pids.push(pid);
        }
    }
    pids
}

/// The events of `copy` after `seq`, in order.
fn events_after(copy: &ReadOnlyCopy, seq: i64) -> Result<Vec<LaterEvent>, StoreError> {
    let conn = copy.connection();
    let mut stmt = conn.prepare(
        "SELECT e.seq, r.case_no, e.idx, e.kind, e.on_date FROM events e
         LEFT JOIN requests r ON r.id = e.request_id WHERE e.seq > ?1 ORDER BY e.seq",
    )?;
    let rows = stmt.query_map([seq], |r| {
        Ok(LaterEvent {
            seq: r.get(0)?,
            case_no: r.get(1).ok(),
            event: r.get(2).ok(),
            kind: r.get::<_, String>(3).unwrap_or_default(),
            on: r.get::<_, String>(4).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Restores the register at `register` from `backup` (see the module's documentation).
/// `tag` names the damaged files moved aside (`STEM.damaged-TAG.db`), e.g. the date and time.
///
/// # Errors
/// [`RestoreError`]: nothing is changed unless the error is [`RestoreError::Io`] after the
/// damaged files were moved (the message names the file) or [`RestoreError::RestoredDamaged`].
pub fn restore(register: &Path, backup: &Path, tag: &str) -> Result<RestoreReport, RestoreError> {
    if let (Ok(a), Ok(b)) = (
        std::fs::canonicalize(register),
        std::fs::canonicalize(backup),
    ) && a == b
    {
        return Err(RestoreError::SameFile(backup.to_path_buf()));
    }
    let copy = open_read_only(backup).map_err(|source| RestoreError::Backup {
        path: backup.to_path_buf(),
        source,
    })?;
    let checked = verify_copy(&copy).map_err(|source| RestoreError::Backup {
        path: backup.to_path_buf(),
        source,
    })?;
    if !checked.is_intact() {
        return Err(RestoreError::BackupDamaged {
            path: backup.to_path_buf(),
            problems: checked.first_problems(5),
        });
    }
    drop(copy);
    let suffixes = super::SIDECARS;
    let present: Vec<PathBuf> = suffixes
        .iter()
        .map(|s| super::sidecar(register, s))
        .filter(|p| p.exists())
        .collect();
    let pids = processes_holding(&present);
    if !pids.is_empty() {
        return Err(RestoreError::InUse {
            path: register.to_path_buf(),
            pids,
        });
    }
    // What the damaged register recorded after the backup, read before anything moves.
    let backup_seq = checked.head.as_ref().map_or(0, |h| h.seq);
    // And the numbers it issued after the backup, to be reserved (issue 16 #16).
    let mut reserved = Vec::new();
    let later = if register.exists() {
        open_read_only(register)
            .and_then(|d| {
                let later = events_after(&d, backup_seq)?;
                let before = open_read_only(backup).and_then(|b| last_seqs(&b))?;
                for (year, last) in last_seqs(&d)? {
                    let had = before
                        .iter()
                        .find(|(y, _)| *y == year)
                        .map_or(0, |(_, s)| *s);
                    if last > had {
                        reserved.push(Reservation {
                            year,
                            first: had + 1,
                            last,
                        });
                    }
                }
                Ok(later)
            })
            .map_err(|e| e.to_string())
    } else {
        Err("登记簿文件不存在".to_string())
    };
    let stem = register
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "disclose".to_string());
    let dir = match register.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let aside = dir.join(format!("{stem}.damaged-{tag}.db"));
    let mut moved = Vec::new();
    for s in suffixes {
        let from = super::sidecar(register, s);
        if from.exists() {
            let to = super::sidecar(&aside, s);
            std::fs::rename(&from, &to).map_err(|source| RestoreError::Io {
                what: "移开损坏的文件",
                path: from.clone(),
                source,
            })?;
            moved.push((from, to));
        }
    }
    create_private_dir(&dir).map_err(|source| RestoreError::Io {
        what: "创建文件夹",
        path: dir.clone(),
        source,
    })?;
    let tmp = dir.join(format!(".{stem}.restore-tmp-{}", std::process::id()));
    let copied = (|| -> std::io::Result<()> {
        std::fs::copy(backup, &tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
        }
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, register)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(source) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(RestoreError::Io {
            what: "把备份复制到原位置",
            path: register.to_path_buf(),
            source,
        });
    }
    if !reserved.is_empty() {
        let reason = format!(
            "恢复自备份 {}：损坏的登记簿（{}）在备份之后已发出这些编号",
            backup.display(),
            super::sidecar(&aside, "").display()
        );
        reserve(register, &reserved, &reason).map_err(|e| RestoreError::Io {
            what: "在恢复后的登记簿中保留已发出的案件编号",
            path: register.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
    }
    let again = open_read_only(register)
        .and_then(|c| verify_copy(&c))
        .map_err(|e| RestoreError::RestoredDamaged {
            path: register.to_path_buf(),
            problems: vec![e.to_string()],
        })?;
    if !again.is_intact() || again.head != checked.head {
        return Err(RestoreError::RestoredDamaged {
            path: register.to_path_buf(),
            problems: again.first_problems(5),
        });
    }
    Ok(RestoreReport {
        moved_aside: moved,
        requests: again.requests,
        events: again.events,
        head: again.head,
        later,
        reserved,
    })
}
