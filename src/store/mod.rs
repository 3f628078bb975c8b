//! The register on disk: one SQLite file holding the append-only, hash-chained event log (the
//! record of truth) and the requests table (a projection of the events, updated in the same
//! transaction). SPEC.md §7.
//!
//! Opening refuses, without touching it, a file that is not a disclose database or that a newer
//! disclose made. Connections use WAL and a busy timeout so that several clerks' commands on one
//! file wait for each other; every write is one `BEGIN IMMEDIATE` transaction.
//!
//! # The surface of a backend
//!
//! No SQL is written outside this module: the commands and reports speak to the register only
//! through the typed surface below, which is exactly what a second backend (a PostgreSQL server
//! for a city's agencies sharing one register) would implement:
//!
//! - opening: [`Store::open`] (create if missing), [`Store::open_existing`], [`Store::path`];
//! - writing: [`Store::writer`] gives a [`Writer`] (one transaction) with
//!   [`Writer::register`], [`Writer::record`], [`Writer::commit`] (dropped uncommitted, it
//!   writes nothing), and [`Store::expect_bulk_write`] (a hint before an import);
//! - reading one request: [`Store::case`], [`Store::events`], [`Store::case_as_of`];
//! - search: [`Store::find`] (`search.rs`: a trigram index and a names index);
//! - selections: [`Store::for_each_matching`] with a [`CaseFilter`], [`Store::for_each_open`],
//!   [`Store::for_each_open_on`] (the weekly report's day), [`Store::annual_candidates`];
//! - the annual report's table 三 counted in SQL: [`Store::annual_counts`] ([`CountedGroup`]),
//!   with [`Store::annual_detail_cases`] (the requests with an appeal or a fee paid);
//! - the chain: [`Store::chain_head`], [`Store::event_at`], and [`verify`] (the chain and the
//!   projection, one request, a backup opened as a [`verify::ReadOnlyCopy`] and compared);
//! - copies: [`Store::backup_to`], [`Store::backup_and_check`], [`Store::daily_backup`];
//! - the document register (主动公开, SPEC §10): [`Store::doc_writer`], [`Store::document`],
//!   [`Store::documents`], [`Store::table2_figures`], [`documents::verify_documents`]
//!   (`documents/`);
//! - every failure as one [`StoreError`] (its exit code and hints are given by the command line,
//!   in its error module), and [`BackupError`] for backups.
//!
//! What a backend must keep: the hash of each event as [`event_hash`] computes it (so that a
//! register moved between backends still verifies), case numbers as [`format_case_no`] makes
//! them, and the projection as [`indexed_columns`] states it.
//!
//! Layout: `error.rs` the error; `chain.rs` the hash chain; `row.rs` the requests row and its
//! columns; `stored.rs` how the projection's JSON is stored (format v3: the registration once,
//! in the registration event); `yearly.rs` the annual counts; `read.rs` the reads and selections; `writer.rs` the write transaction; `backup.rs`
//! the copies; `schema.rs` the migrations; `verify.rs` the integrity checks.

mod backup;
mod chain;
pub mod documents;
mod error;
mod letters;
mod lookups;
mod migrate;
mod open;
mod read;
pub mod restore;
mod row;
mod schema;
mod search;
mod stored;
pub mod verify;
mod writer;
mod yearly;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};

use crate::calendar::Calendar;

pub use backup::{BackupError, BackupSummary, create_private_dir};
pub use chain::{GENESIS_HASH, StoredEvent, event_hash};
pub use documents::{DocStoreError, DocWriter};
pub use error::StoreError;
use error::not_ours;
pub use migrate::backup_path;
pub use open::{ALLOWED_MODE, read_only_cause};
pub use read::{CaseFilter, EventRef, StateFilter};
pub use row::{INDEXED_COLUMNS, content_key, format_case_no, indexed_columns};
pub use schema::{APPLICATION_ID, MIGRATIONS};
pub use search::search_key;
pub use writer::Writer;
pub use yearly::{CountedGroup, CountedRow};

/// The file-name endings of a register's files: the database itself, SQLite's write-ahead log,
/// its shared-memory index and its rollback journal.
pub const SIDECARS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// `path` with `suffix` appended to its file name (`x.db` + `-wal` → `x.db-wal`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Deletes a scratch register and whatever SQLite left beside it ([`SIDECARS`]), ignoring
/// files that are not there: a temporary copy, a dry run's scratch file.
pub fn remove_register_files(path: &Path) {
    for suffix in SIDECARS {
        let _ = std::fs::remove_file(sidecar(path, suffix));
    }
}

/// How long a command waits for another clerk's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The register: an open SQLite database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Where the checked copy of the old file was written, when opening upgraded it.
    upgraded: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens an existing register (for commands that only read, or record steps on requests
    /// already registered): a missing file is an error, not a new empty register.
    ///
    /// # Errors
    /// [`StoreError::Missing`], and as [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Store::open_with(path, false).map(|(s, _)| s)
    }

    /// Opens the register at `path`, creating it (mode 0600, parent folders too) if missing, and
    /// bringing its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::NotOurs`] for a file that is not a disclose database, [`StoreError::Newer`]
    /// for one made by a newer version (neither is modified); I/O and SQLite errors.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true).map(|(s, _)| s)
    }

    /// As [`Store::open`], and whether this call made the file (false when it existed, or when
    /// another process made it first): a caller whose first write is refused removes a register
    /// it made, so that a mistyped `--db` leaves no empty register behind.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_or_create(path: &Path) -> Result<(Store, bool), StoreError> {
        Store::open_with(path, true)
    }

    /// Opens `path`; only when `create` may an empty file (or a missing one) become a new
    /// register. Two processes creating the same new register at once serialise on SQLite's
    /// locks: one creates, the other waits and finds it made.
    fn open_with(path: &Path, create: bool) -> Result<(Store, bool), StoreError> {
        let mut made = false;
        if path.exists() && !path.is_file() {
            return Err(not_ours(path, "不是普通文件，而是目录或设备"));
        }
        if !path.exists() && create {
            // A new register is made whole under a temporary name and only then given its
            // name: a process killed while creating it leaves no empty or half-made file where
            // the register belongs (issue 16 #3). Two processes creating it at once each make
            // their own; the first link wins and the other opens that one.
            let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(d) => {
                    std::fs::create_dir_all(d)?;
                    d.to_path_buf()
                }
                None => PathBuf::from("."),
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "disclose.db".to_string());
            let tmp = dir.join(format!(".{name}.creating-{}", std::process::id()));
            remove_register_files(&tmp);
            let mut o = OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
            o.open(&tmp)?;
            let made_tmp = Store::open_existing_file(&tmp, true).map(drop);
            let linked = made_tmp.and_then(|()| match std::fs::hard_link(&tmp, path) {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
                // A file system without hard links: rename, after checking again.
                Err(_) if !path.exists() => std::fs::rename(&tmp, path)
                    .map(|()| true)
                    .map_err(Into::into),
                Err(e) => Err(e.into()),
            });
            remove_register_files(&tmp);
            made = linked?;
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
        }
        Store::open_existing_file(path, false).map(|s| (s, made))
    }

    /// Opens `path`, which exists; `create` lets an empty file become a new register (only the
    /// temporary file of [`Store::open_with`]).
    ///
    /// A register this user cannot write is opened as a reader that makes no `-wal` or `-shm`
    /// beside it (issue 13); one whose `-wal`/`-shm` cannot be made (a folder that cannot be
    /// written, a full disk: issue 16 #14) is opened so too when opening it for writing fails.
    /// Permissions wider than [`ALLOWED_MODE`] are then taken away, with a warning (issue 16
    /// #15). See `open.rs`.
    fn open_existing_file(path: &Path, create: bool) -> Result<Store, StoreError> {
        if create {
            return Store::prepare(Store::connect(path)?, path, create);
        }
        let store = if !open::can_write(path) {
            Store::prepare((open::open_reader(path)?, true), path, false)
        } else {
            match Store::connect(path).and_then(|c| Store::prepare(c, path, false)) {
                Err(e) if open::reader_may_help(&e) => match open::open_reader(path) {
                    Ok(conn) => Store::prepare((conn, true), path, false),
                    Err(_) => Err(e),
                },
                r => r,
            }
        }?;
        // Only a file known to be a register (one that is not is left untouched).
        open::tighten_mode(path);
        Ok(store)
    }

    /// Opens `path` for writing: the connection, and whether SQLite could only open it
    /// read-only.
    fn connect(path: &Path) -> Result<(Connection, bool), StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Ok(match Connection::open_with_flags(path, flags) {
            // SQLite opens a write-protected file read-only without an error: ask it.
            Ok(c) => {
                let ro = c.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
                (c, ro)
            }
            Err(_) => {
                let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                (Connection::open_with_flags(path, ro)?, true)
            }
        })
    }

    /// Looks at the opened file (and upgrades or creates its schema when writable), waiting
    /// for another process creating or upgrading it.
    fn prepare(
        (conn, read_only): (Connection, bool),
        path: &Path,
        create: bool,
    ) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            upgraded: None,
        };
        let started = std::time::Instant::now();
        loop {
            match store.inspect_and_migrate(create) {
                Ok(()) => return Ok(store),
                // Another process is creating or upgrading the same file: wait for it.
                Err(StoreError::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(StoreError::ReadOnly(_)) => {
                    return Err(StoreError::ReadOnly(path.to_path_buf()));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many rows each table holds, by name: compared before and after a command to know
    /// that it wrote nothing (the log only grows, so any committed write adds a row).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn row_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let names: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut v = Vec::with_capacity(names.len());
        for n in names {
            let q = format!("SELECT count(*) FROM \"{}\"", n.replace('"', "\"\""));
            let count: i64 = self.conn.query_row(&q, [], |r| r.get(0))?;
            v.push((n, count));
        }
        Ok(v)
    }

    /// When opening this register upgraded it from an older storage format (v1), where the
    /// checked copy of the old file was kept (`disclose.db.v1-backup`).
    pub fn upgraded_from(&self) -> Option<&Path> {
        self.upgraded.as_deref()
    }

    /// Tells the register that a large write of about `rows` requests follows (an import):
    /// SQLite keeps the whole import's pages in memory until the commit (about 3 KiB per row,
    /// between its default 2 MiB and 1 GiB) instead of spilling them to the write-ahead log and
    /// reading them back. Lasts as long as this `Store`; another backend may do nothing.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn expect_bulk_write(&self, rows: usize) -> Result<(), StoreError> {
        let kib = (rows.saturating_mul(3)).clamp(2_000, 1 << 20);
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        Ok(())
    }

    fn inspect_and_migrate(&mut self, create: bool) -> Result<(), StoreError> {
        let path = self.path.clone();
        // One statement, so that the three values come from one snapshot (a register being
        // created by another process is seen either before or after, never half made).
        let probe = |conn: &Connection| -> Result<(i32, i64, i64), StoreError> {
            conn.query_row(
                "SELECT (SELECT application_id FROM pragma_application_id),
                        (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => not_ours(&path, "不是 SQLite 数据库文件"),
                _ => e.into(),
            })
        };
        let latest = MIGRATIONS.len() as i64;
        let judge = |(app, ver, tables): (i32, i64, i64)| -> Result<bool, StoreError> {
            let fresh = app == 0 && ver == 0 && tables == 0;
            if app != APPLICATION_ID && !fresh {
                return Err(not_ours(&path, format!("其中已有 {tables} 个其他程序的表")));
            }
            if fresh && !create {
                return Err(not_ours(&path, "是空文件，还不是登记簿"));
            }
            if ver > latest {
                return Err(StoreError::Newer {
                    path: path.clone(),
                    found: ver,
                    supported: latest,
                });
            }
            Ok(ver < latest)
        };
        let first = probe(&self.conn)?;
        let needs_migration = judge(first)?;
        if self.read_only {
            if needs_migration && first.1 >= 1 {
                return Err(StoreError::Migration {
                    path,
                    found: schema::storage_format(first.1),
                    why: "文件只读，无法升级（首次打开旧格式的登记簿时会升级它）".to_string(),
                });
            }
            if needs_migration {
                return Err(StoreError::ReadOnly(path));
            }
            return Ok(());
        }
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
        if !needs_migration {
            // Reading changes nothing in the file (a backup being checked stays byte for byte
            // as it was); the first write switches it to WAL (see `writer`).
            return Ok(());
        }
        // An existing register of an older format: a checked copy beside it first (SQLite's
        // online backup cannot read from a connection inside its own write transaction, so
        // the copy is made just before, and compared under the lock below).
        let mut backup = match first.1 {
            ver if ver >= 1 => Some(migrate::checked_backup(&self.conn, &path, ver)?),
            _ => None,
        };
        if first == (0, 0, 0) {
            // A new register: 16 KiB pages (fewer, fuller pages for the long JSON rows); only
            // possible before its first table, outside a transaction.
            self.conn.execute_batch("PRAGMA page_size = 16384")?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        // Looked at again under the lock: another process may have created (or upgraded, or
        // written to) it meanwhile.
        let probed = probe(&tx)?;
        let ver = probed.1;
        let mut upgraded = None;
        if judge(probed)? {
            if ver >= 1 {
                // The steps, all in this one transaction (killed, it leaves the file as it
                // was), once the copy is known to hold exactly what is being upgraded.
                let Some((dest, head)) = backup.take() else {
                    return Err(StoreError::Busy);
                };
                if migrate::head(&tx)? != head {
                    let _ = std::fs::remove_file(&dest);
                    return Err(StoreError::Busy);
                }
                upgraded = Some(dest);
            }
            for (i, step) in MIGRATIONS.iter().enumerate().skip(ver as usize) {
                tx.execute_batch(step)?;
                search::after_migration(&tx, i + 1)?;
                if i + 1 == schema::CONTENT_KEY_VERSION {
                    row::rekey_contents(&tx)?;
                }
                tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            }
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        tx.commit()?;
        if upgraded.is_none()
            && let Some((dest, _)) = backup
        {
            // Another process upgraded it meanwhile, after its own copy.
            let _ = std::fs::remove_file(dest);
        }
        self.upgraded = upgraded;
        self.ensure_wal()
    }

    /// Switches the file to write-ahead logging if it is not (a new register, a restored
    /// backup), waiting for other connections as a write would.
    fn ensure_wal(&self) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        loop {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if mode.eq_ignore_ascii_case("wal") {
                return Ok(());
            }
            match self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            {
                Ok(m) if m.eq_ignore_ascii_case("wal") => return Ok(()),
                Ok(_) | Err(_) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(_) => return Err(StoreError::Busy),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Whether the trigger `name` is in the schema.
    fn has_trigger(&self, name: &str) -> Result<bool, StoreError> {
        let present: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        Ok(present != 0)
    }

    /// Opens the `BEGIN IMMEDIATE` transaction of a write (waiting up to [`BUSY_TIMEOUT`] for
    /// other writers), after refusing a read-only store and a register one of whose append-only
    /// `triggers` was dropped, and switching the file to write-ahead logging.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] (naming the register's file), [`StoreError::Unprotected`],
    /// [`StoreError::Busy`], SQLite errors.
    fn begin_write(&mut self, triggers: &[&str]) -> Result<rusqlite::Transaction<'_>, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        for trigger in triggers {
            if !self.has_trigger(trigger)? {
                return Err(StoreError::Unprotected(trigger.to_string()));
            }
        }
        self.ensure_wal()?;
        let path = &self.path;
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| match StoreError::from(e) {
                StoreError::ReadOnly(_) => StoreError::ReadOnly(path.clone()),
                e => e,
            })
    }

    /// Starts a write: one `BEGIN IMMEDIATE` transaction (waiting up to [`BUSY_TIMEOUT`] for
    /// other writers). Nothing is written unless [`Writer::commit`] is called.
    ///
    /// `today` bounds business dates; `now` is the timestamp recorded on each event.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`], [`StoreError::Busy`], SQLite errors.
    pub fn writer<'a>(
        &'a mut self,
        cal: &'a Calendar,
        today: NaiveDate,
        now: String,
        number_format: &'a str,
    ) -> Result<Writer<'a>, StoreError> {
        let path = self.path.clone();
        let tx = self.begin_write(&["events_no_update", "events_no_delete"])?;
        let prev_hash: String = tx
            .query_row(
                &format!(
                    "SELECT {} FROM events ORDER BY seq DESC LIMIT 1",
                    chain::hex_sql("hash")
                ),
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS_HASH.to_string());
        // Numbers reserved by a restore (issue 16 #16): a year with a reservation continues
        // after the highest number reserved or issued.
        let mut next_seq = std::collections::HashMap::new();
        for (year, _, last) in restore::reserved_ranges(&tx)? {
            let issued: i64 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM requests WHERE year = ?1",
                [year],
                |r| r.get(0),
            )?;
            if let Ok(year) = i32::try_from(year) {
                let next = next_seq.entry(year).or_insert(issued + 1);
                *next = (*next).max(last + 1);
            }
        }
        Ok(Writer {
            tx,
            cal,
            today,
            now,
            prev_hash,
            number_format,
            path,
            next_seq,
        })
    }
}
