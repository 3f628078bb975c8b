//! Upgrading a register of an older storage format (v1) to the current one (v2, issue 11):
//! a checked copy of the old file is written beside it first (`<file>.v1-backup`), then every
//! migration step runs in the one transaction that opened it, so that a killed upgrade leaves
//! the old file exactly as it was (SPEC.md §7: nothing recorded is ever lost or rewritten; the
//! hash chain's values do not change, only how they are stored).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, verify};

/// The name of the checked copy kept beside a register of storage format `version` before it is
/// upgraded: `disclose.db.v1-backup` (or `…v1-backup-2`, `-3`, … when a copy of an earlier,
/// interrupted upgrade is already there: an existing file is never replaced).
pub fn backup_path(path: &Path, version: i64) -> PathBuf {
    let mut n = 1;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".v{version}-backup"));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// What a register holds, for comparing it with its copy: the newest event's `seq` and hash,
/// and the number of requests.
pub(super) type Held = (Option<(i64, String)>, i64);

/// The newest event's `seq` and stored hash (as text), with the number of requests: what the
/// upgrade compares, under its lock, with the copy made just before.
///
/// # Errors
/// SQLite errors.
pub(super) fn head(conn: &Connection) -> Result<Held, StoreError> {
    let head = conn
        .query_row(
            &format!(
                "SELECT seq, {} FROM events ORDER BY seq DESC LIMIT 1",
                super::chain::hex_sql("hash")
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let n = conn.query_row("SELECT count(*) FROM requests", [], |r| r.get(0))?;
    Ok((head, n))
}

/// Copies the register `conn` to the next free [`backup_path`] and checks the copy with the
/// whole `verify` (integrity, hash chain, every projection). Returns where the checked copy is
/// and what it holds ([`head`]).
///
/// # Errors
/// [`StoreError::Migration`] when the copy cannot be written or does not verify (the copy is
/// then removed and the register is not upgraded).
pub(super) fn checked_backup(
    conn: &Connection,
    path: &Path,
    version: i64,
) -> Result<(PathBuf, Held), StoreError> {
    let refuse = |why: String| StoreError::Migration {
        path: path.to_path_buf(),
        found: super::schema::storage_format(version),
        why,
    };
    let dest = backup_path(path, super::schema::storage_format(version));
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let cleanup = super::remove_register_files;
    cleanup(&tmp);
    let made = (|| -> Result<Held, String> {
        super::backup::copy_connection(conn, &tmp)
            .map_err(|e| format!("无法写入升级前的副本 {}（{e}）", dest.display()))?;
        let copy = verify::open_read_only(&tmp).map_err(|e| e.to_string())?;
        let report = verify::verify_copy(&copy).map_err(|e| e.to_string())?;
        if !report.is_intact() {
            let list = report.first_problems(5);
            return Err(format!(
                "登记簿本身校验未通过（{}），不在有问题的登记簿上升级",
                list.join("；")
            ));
        }
        std::fs::rename(&tmp, &dest)
            .map_err(|e| format!("无法写入升级前的副本 {}（{e}）", dest.display()))?;
        Ok((
            report.head.map(|h| (h.seq, h.hash)),
            i64::try_from(report.requests).unwrap_or(i64::MAX),
        ))
    })();
    match made {
        Ok(held) => Ok((dest, held)),
        Err(why) => {
            cleanup(&tmp);
            Err(refuse(why))
        }
    }
}
