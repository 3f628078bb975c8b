//! The register on disk: one SQLite file holding the append-only, hash-chained event log (the
//! record of truth) and the requests table (a projection of the events, updated in the same
//! transaction). SPEC.md §7.
//!
//! Opening refuses, without touching it, a file that is not a disclose database or that a newer
//! disclose made. Connections use WAL and a busy timeout so that several clerks' commands on one
//! file wait for each other; every write is one `BEGIN IMMEDIATE` transaction.

mod schema;
pub mod verify;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::calendar::{Calendar, CalendarError};
use crate::case::{self, Case, Event, Refusal, Registration, ReplayError, Step};

pub use schema::{APPLICATION_ID, MIGRATIONS};

/// The hash that precedes the first event of a register.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How long a command waits for another clerk's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the register could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a disclose database; it was not modified.
    #[error("{path} 不是 disclose 数据库（{why}），未作任何改动")]
    NotOurs {
        /// The file.
        path: PathBuf,
        /// What was found.
        why: String,
    },
    /// A newer disclose made this database.
    #[error(
        "{path} 由更新版本的 disclose 创建（数据库版本 {found}，本程序只支持到 {supported}），未作任何改动：请升级 disclose"
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest this binary knows.
        supported: i64,
    },
    /// No request has this case number.
    #[error("找不到案件 {0}")]
    NotFound(String),
    /// The database file does not exist (a mistyped path must not look like an empty register).
    #[error("数据库 {0} 不存在")]
    Missing(PathBuf),
    /// The procedure forbids the step.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// A registration looks like one already registered.
    #[error("这件申请可能已经登记过：与 {existing} {reason}")]
    Duplicate {
        /// The case number already registered.
        existing: String,
        /// Why they look alike.
        reason: String,
        /// Whether the applicant's name is the same (a tracking number shared by two
        /// applicants is more likely a typing error than the same letter twice).
        same_applicant: bool,
    },
    /// The case number format of the configuration is unusable.
    #[error(
        "案件编号格式“{0}”无效：须含有 {{year}} 和 {{seq}}（或 {{seq:4}} 等补零位数），此外不能有别的 {{…}}（如 {{year}}-{{seq:04}}）"
    )]
    BadNumberFormat(String),
    /// The file cannot be written.
    #[error("数据库 {0} 只读，不能写入；已记录的内容未受影响")]
    ReadOnly(PathBuf),
    /// Another writer held the database past the timeout.
    #[error("数据库正被其他程序占用（有人正在写入），本次未写入任何内容，请稍后重试")]
    Busy,
    /// The file is damaged (SQLite reports corruption).
    #[error("数据库文件已损坏（{0}）")]
    Corrupt(String),
    /// The protection of the event log is gone (a trigger was dropped): writing is refused.
    #[error("登记簿的事件只增不改保护（触发器 {0}）已被删除，可能有人改动过数据库：拒绝写入")]
    Unprotected(String),
    /// The disk is full.
    #[error("磁盘空间已满，本次写入未完成、未写入任何内容；已记录的内容未受影响")]
    Full,
    /// The operating system refused a write to the file (no space left for it, a file-size
    /// limit, a failing disk); the transaction was rolled back.
    #[error(
        "写入数据库文件失败（{0}：磁盘空间不足、超出文件大小限制或磁盘故障），本次写入未完成、未写入任何内容；已记录的内容未受影响"
    )]
    WriteFailed(String),
    /// The stored events cannot be replayed.
    #[error("事件记录无法回放（{case_no}）：{source}")]
    Replay {
        /// The request.
        case_no: String,
        /// What is wrong.
        source: ReplayError,
    },
    /// A date outside the calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Stored JSON that does not parse.
    #[error("数据库中的记录无法读取：{0}")]
    Json(#[from] serde_json::Error),
    /// Any other SQLite error.
    #[error("数据库错误：{0}")]
    Sqlite(rusqlite::Error),
    /// A file-system error.
    #[error("文件错误：{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(PathBuf::new()),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            Some(ErrorCode::SystemIoFailure) if !is_failed_read(&e) => {
                StoreError::WriteFailed(e.to_string())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Whether an I/O error was a failed read (`SQLITE_IOERR_READ`, `SQLITE_IOERR_SHORT_READ`)
/// rather than a refused write.
fn is_failed_read(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(f.extended_code, 266 | 522))
}

/// One stored event: the step with its place in the log and its hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// Global sequence number (order of recording across the register).
    pub seq: i64,
    /// The request's case number.
    pub case_no: String,
    /// Number within the request, from 1 (the registration).
    pub index: u32,
    /// The event.
    pub event: Event,
    /// When it was recorded (RFC 3339 timestamp, the machine's clock).
    pub recorded_at: String,
    /// The payload exactly as stored (JSON).
    pub payload: String,
    /// Hash of the previous event in the register.
    pub prev_hash: String,
    /// Hash of this event (see [`event_hash`]).
    pub hash: String,
}

/// The SHA-256 (hex) chaining one event to the one before: over the previous hash, the case
/// number, the event's number within its request, kind, business date, recorder, timestamp and
/// payload, separated by newlines.
#[allow(clippy::too_many_arguments)]
pub fn event_hash(
    prev_hash: &str,
    case_no: &str,
    index: u32,
    kind: &str,
    on: &str,
    by: &str,
    at: &str,
    payload: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        case_no,
        &index.to_string(),
        kind,
        on,
        by,
        at,
        payload,
    ] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// Formats a case number from a template with `{year}` and `{seq}` or `{seq:N}` (zero-padded
/// to N digits). The default template is `{year}-{seq:04}` (`2026-0001`).
///
/// # Errors
/// [`StoreError::BadNumberFormat`] when the template lacks `{year}` or `{seq…}`.
pub fn format_case_no(template: &str, year: i32, seq: i64) -> Result<String, StoreError> {
    if !template.contains("{year}")
        || !template.contains("{seq")
        || template.chars().any(char::is_control)
    {
        return Err(StoreError::BadNumberFormat(template.to_string()));
    }
    let mut out = template.replace("{year}", &year.to_string());
    while let Some(start) = out.find("{seq") {
        let Some(len) = out[start..].find('}') else {
            return Err(StoreError::BadNumberFormat(template.to_string()));
        };
        let spec = &out[start + 4..start + len];
        let width: usize = match spec.strip_prefix(':') {
            Some(w) => w
                .trim_start_matches('0')
                .parse()
                .map_err(|_| StoreError::BadNumberFormat(template.to_string()))?,
            None if spec.is_empty() => 0,
            None => return Err(StoreError::BadNumberFormat(template.to_string())),
        };
        out.replace_range(start..start + len + 1, &format!("{seq:0width$}"));
    }
    // Anything else in braces is not a placeholder this template language has (a typo such
    // as `{yaer}` would otherwise end up in every case number, for good).
    if out.contains('{') || out.contains('}') {
        return Err(StoreError::BadNumberFormat(template.to_string()));
    }
    Ok(out)
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<String>()
}

/// The `content_key` column: the first 8 bytes of the SHA-256 of the description with all
/// white space removed, as a signed integer (a small index for finding likely duplicates).
pub fn content_key(content: &str) -> i64 {
    let digest = Sha256::digest(normalize(content).as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// The columns of the `requests` table that mirror the projection (`data`) for the commands'
/// filters, in the order of [`indexed_columns`].
pub const INDEXED_COLUMNS: [&str; 13] = [
    "state",
    "applicant_type",
    "applicant_name",
    "applicant_id",
    "content_key",
    "tracking_no",
    "department",
    "registered_on",
    "received_on",
    "concluded_on",
    "outcome",
    "last_on",
    "event_count",
];

static INSERT_REQUEST_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "INSERT INTO requests (case_no, year, seq, data, {}) VALUES (?1, ?2, ?3, ?4, {})",
        INDEXED_COLUMNS.join(", "),
        (5..5 + INDEXED_COLUMNS.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
});

static UPDATE_REQUEST_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "UPDATE requests SET data = ?2, {} WHERE id = ?1",
        INDEXED_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 3))
            .collect::<Vec<_>>()
            .join(", ")
    )
});

/// The values of [`INDEXED_COLUMNS`] for a request: names, ID numbers and tracking numbers with
/// white space removed, the description as its [`content_key`], dates as `YYYY-MM-DD`, the
/// outcome as its code. The one definition the writer stores and `verify` checks.
pub fn indexed_columns(c: &Case) -> [Value; 13] {
    let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    let r = &c.registration;
    [
        Value::Text(c.state.name().to_string()),
        Value::Text(r.applicant_type.name().to_string()),
        Value::Text(normalize(&r.applicant.name)),
        text(r.applicant.id_number.as_deref().map(normalize)),
        Value::Integer(content_key(&r.content)),
        text(
            r.tracking_no
                .as_deref()
                .map(normalize)
                .filter(|s| !s.is_empty()),
        ),
        text(c.department().map(str::to_string)),
        Value::Text(c.registered_on.to_string()),
        text(c.received_on.map(|d| d.to_string())),
        text(c.conclusion.as_ref().map(|x| x.on.to_string())),
        text(c.conclusion.as_ref().map(|x| x.outcome.code())),
        Value::Text(c.last_on.to_string()),
        Value::Integer(i64::from(c.event_count)),
    ]
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

/// The register: an open SQLite database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn not_ours(path: &Path, why: impl Into<String>) -> StoreError {
    StoreError::NotOurs {
        path: path.to_path_buf(),
        why: why.into(),
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
        Store::open_with(path, false)
    }

    /// Opens the register at `path`, creating it (mode 0600, parent folders too) if missing, and
    /// bringing its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::NotOurs`] for a file that is not a disclose database, [`StoreError::Newer`]
    /// for one made by a newer version (neither is modified); I/O and SQLite errors.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// Opens `path`; only when `create` may an empty file (or a missing one) become a new
    /// register. Two processes creating the same new register at once serialise on SQLite's
    /// locks: one creates, the other waits and finds it made.
    fn open_with(path: &Path, create: bool) -> Result<Store, StoreError> {
        if path.exists() && !path.is_file() {
            return Err(not_ours(path, "不是普通文件，而是目录或设备"));
        }
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let mut o = OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
            match o.open(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e.into()),
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, read_only) = match Connection::open_with_flags(path, flags) {
            // SQLite opens a write-protected file read-only without an error: ask it.
            Ok(c) => {
                let ro = c.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
                (c, ro)
            }
            Err(_) => {
                let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                (Connection::open_with_flags(path, ro)?, true)
            }
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only,
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

    /// The underlying connection (for reports and checks that query directly).
    pub fn conn(&self) -> &Connection {
        &self.conn
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
        let needs_migration = judge(probe(&self.conn)?)?;
        if self.read_only {
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        // Looked at again under the lock: another process may have created it meanwhile.
        if judge(probe(&tx)?)? {
            let ver: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for (i, step) in MIGRATIONS.iter().enumerate().skip(ver as usize) {
                tx.execute_batch(step)?;
                tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            }
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        tx.commit()?;
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
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        for trigger in ["events_no_update", "events_no_delete"] {
            let present: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [trigger],
                |r| r.get(0),
            )?;
            if present == 0 {
                return Err(StoreError::Unprotected(trigger.to_string()));
            }
        }
        self.ensure_wal()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| match StoreError::from(e) {
                StoreError::ReadOnly(_) => StoreError::ReadOnly(path.clone()),
                e => e,
            })?;
        let prev_hash: String = tx
            .query_row(
                "SELECT hash FROM events ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS_HASH.to_string());
        Ok(Writer {
            tx,
            cal,
            today,
            now,
            prev_hash,
            number_format,
            path,
            next_seq: Default::default(),
        })
    }

    /// The request with this case number, as projected.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], SQLite and JSON errors.
    pub fn case(&self, case_no: &str) -> Result<Case, StoreError> {
        let data: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM requests WHERE case_no = ?1",
                [case_no],
                |r| r.get(0),
            )
            .optional()?;
        match data {
            Some(d) => Ok(serde_json::from_str(&d)?),
            None => Err(StoreError::NotFound(case_no.to_string())),
        }
    }

    /// Every event of one request, in order.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], SQLite and JSON errors.
    pub fn events(&self, case_no: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM requests WHERE case_no = ?1",
                [case_no],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(case_no.to_string()))?;
        read_events(&self.conn, id, case_no)
    }

    /// Runs `f` on every request's projection whose row matches `where_sql` (an SQL condition
    /// on the requests table, with `args`), in case-number order.
    ///
    /// # Errors
    /// SQLite and JSON errors, or `f`'s.
    pub fn for_each_case<F>(
        &self,
        where_sql: &str,
        args: &[&dyn rusqlite::ToSql],
        mut f: F,
    ) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let sql = format!("SELECT data FROM requests WHERE {where_sql} ORDER BY year, seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(args)?;
        while let Some(row) = rows.next()? {
            let data: String = row.get(0)?;
            f(serde_json::from_str(&data)?)?;
        }
        Ok(())
    }

    /// The requests matching `where_sql`, in case-number order. See [`Store::for_each_case`].
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn cases(
        &self,
        where_sql: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Case>, StoreError> {
        let mut v = Vec::new();
        self.for_each_case(where_sql, args, |c| {
            v.push(c);
            Ok(())
        })?;
        Ok(v)
    }

    /// Runs `f` on every request that was open at the end of day `as_of`, as it stood that day:
    /// registered by then and not concluded by then. A request with events after `as_of` is
    /// replayed up to `as_of`; the others come straight from the projection.
    ///
    /// # Errors
    /// SQLite, JSON and replay errors, or `f`'s.
    pub fn for_each_open_on<F>(&self, as_of: NaiveDate, mut f: F) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let d = as_of.to_string();
        let mut stmt = self.conn.prepare(
            // The unary `+` keeps SQLite from scanning the registration-date index instead of
            // the partial index of open requests (or the conclusion-date index).
            "SELECT case_no, data, last_on FROM requests
               WHERE state NOT IN ('concluded', 'archived') AND +registered_on <= ?1
             UNION ALL
             SELECT case_no, data, last_on FROM requests
               WHERE state IN ('concluded', 'archived') AND concluded_on > ?1
                 AND +registered_on <= ?1",
        )?;
        let mut rows = stmt.query([&d])?;
        while let Some(row) = rows.next()? {
            let last_on: String = row.get(2)?;
            let case = if last_on <= d {
                serde_json::from_str(&row.get::<_, String>(1)?)?
            } else {
                let case_no: String = row.get(0)?;
                match self.case_as_of(&case_no, Some(as_of))? {
                    Some(c) => c,
                    None => continue,
                }
            };
            if case.state.is_open() {
                f(case)?;
            }
        }
        Ok(())
    }

    /// Replays one request's events up to and including business date `as_of` (all of them when
    /// `None`): the request as it stood that day.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Replay`], SQLite and JSON errors.
    pub fn case_as_of(
        &self,
        case_no: &str,
        as_of: Option<NaiveDate>,
    ) -> Result<Option<Case>, StoreError> {
        let events: Vec<Event> = self.events(case_no)?.into_iter().map(|e| e.event).collect();
        let replayed = match as_of {
            Some(d) => case::replay_as_of(&events, d),
            None => case::replay(&events).map(Some),
        };
        replayed.map_err(|source| StoreError::Replay {
            case_no: case_no.to_string(),
            source,
        })
    }

    /// Makes a consistent copy of the whole database at `dest` with SQLite's online backup
    /// (other clerks may keep writing meanwhile); the copy is created mode 0600.
    ///
    /// # Errors
    /// I/O and SQLite errors; an existing `dest` is refused.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        o.open(dest)?;
        let mut target = Connection::open(dest)?;
        let b = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
        b.run_to_completion(256, Duration::from_millis(5), None)?;
        drop(b);
        target.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        Ok(())
    }
}

fn read_events(conn: &Connection, id: i64, case_no: &str) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, idx, on_date, recorded_by, recorded_at, payload, prev_hash, hash
         FROM events WHERE request_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, index, on, by, at, payload, prev_hash, hash) = row?;
        let step: Step = serde_json::from_str(&payload)?;
        let on = on.parse().map_err(|_| {
            StoreError::Sqlite(rusqlite::Error::InvalidColumnType(
                2,
                on.clone(),
                rusqlite::types::Type::Text,
            ))
        })?;
        out.push(StoredEvent {
            seq,
            case_no: case_no.to_string(),
            index,
            event: Event { on, by, step },
            recorded_at: at,
            payload,
            prev_hash,
            hash,
        });
    }
    Ok(out)
}

/// An open write transaction on the register. Dropped without [`Writer::commit`], it writes
/// nothing.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    cal: &'a Calendar,
    today: NaiveDate,
    now: String,
    prev_hash: String,
    number_format: &'a str,
    path: PathBuf,
    /// The next case-number sequence of each receipt year, once looked up: nobody else can
    /// register while this transaction holds the write lock.
    next_seq: std::collections::HashMap<i32, i64>,
}

impl Writer<'_> {
    /// Registers a new request received (or arrived) on `on`, recorded by `by`. Gives it the
    /// next case number of its receipt year.
    ///
    /// Unless `force`, a registration that looks like one already in the register (same tracking
    /// number; or same applicant and description within 20 working days) is refused with
    /// [`StoreError::Duplicate`].
    ///
    /// # Errors
    /// [`StoreError::Refused`] (missing name or description, wrong check character, future
    /// date), [`StoreError::Duplicate`], SQLite errors.
    pub fn register(
        &mut self,
        reg: Registration,
        on: NaiveDate,
        by: &str,
        force: bool,
    ) -> Result<Case, StoreError> {
        let mut event = Event {
            on,
            by: by.to_string(),
            step: Step::Register(Box::new(reg)),
        };
        case::check(None, &event, self.cal, self.today)?;
        let Step::Register(reg) = &mut event.step else {
            unreachable!("built above")
        };
        if !force && let Some((existing, reason, same_applicant)) = self.find_duplicate(reg, on)? {
            return Err(StoreError::Duplicate {
                existing,
                reason,
                same_applicant,
            });
        }
        let year = on.year();
        let seq: i64 = match self.next_seq.get(&year) {
            Some(s) => *s,
            None => self.tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM requests WHERE year = ?1",
                [year],
                |r| r.get(0),
            )?,
        };
        reg.case_no = format_case_no(self.number_format, year, seq)?;
        let c = case::apply(None, &event).map_err(|problem| StoreError::Replay {
            case_no: String::new(),
            source: ReplayError { index: 1, problem },
        })?;
        // A request whose deadlines cannot be computed (past the calendar's end) is refused
        // rather than recorded and then unshowable.
        case::deadlines(&c, self.cal, self.today)?;
        let data = serde_json::to_string(&c)?;
        self.tx
            .prepare_cached(&INSERT_REQUEST_SQL)?
            .execute(rusqlite::params_from_iter(
                [
                    Value::Text(c.case_no.clone()),
                    Value::Integer(i64::from(year)),
                    Value::Integer(seq),
                    Value::Text(data),
                ]
                .into_iter()
                .chain(indexed_columns(&c)),
            ))?;
        let id = self.tx.last_insert_rowid();
        self.next_seq.insert(year, seq + 1);
        self.append(id, &c.case_no, 1, &event)?;
        Ok(c)
    }

    fn find_duplicate(
        &self,
        reg: &Registration,
        on: NaiveDate,
    ) -> Result<Option<(String, String, bool)>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT data FROM requests
             WHERE (tracking_no IS NOT NULL AND tracking_no = ?1)
                OR (applicant_name = ?2 AND content_key = ?3)",
        )?;
        let tracking = reg
            .tracking_no
            .as_deref()
            .map(normalize)
            .filter(|s| !s.is_empty());
        let mut rows = stmt.query(params![
            tracking,
            normalize(&reg.applicant.name),
            content_key(&reg.content)
        ])?;
        while let Some(row) = rows.next()? {
            let data: String = row.get(0)?;
            let c: Case = serde_json::from_str(&data)?;
            if let Some(reason) =
                case::likely_duplicate(self.cal, &c.registration, c.registered_on, reg, on)
            {
                let same =
                    normalize(&c.registration.applicant.name) == normalize(&reg.applicant.name);
                return Ok(Some((c.case_no, reason, same)));
            }
        }
        Ok(None)
    }

    /// Records one step on an existing request, after [`case::check`] (or, for an amendment,
    /// [`case::check_amendment`]) allows it. Returns the request as it now stands.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Refused`], SQLite and JSON errors.
    pub fn record(&mut self, case_no: &str, event: Event) -> Result<Case, StoreError> {
        let (id, data, count): (i64, String, u32) = self
            .tx
            .prepare_cached("SELECT id, data, event_count FROM requests WHERE case_no = ?1")?
            .query_row([case_no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(case_no.to_string()))?;
        let current: Case = serde_json::from_str(&data)?;
        let new = if matches!(event.step, Step::Amend(_)) {
            let events: Vec<Event> = read_events(&self.tx, id, case_no)?
                .into_iter()
                .map(|e| e.event)
                .collect();
            case::check_amendment(&events, &event, self.cal, self.today)?
        } else {
            case::check(Some(&current), &event, self.cal, self.today)?;
            case::apply(Some(current), &event).map_err(|problem| StoreError::Replay {
                case_no: case_no.to_string(),
                source: ReplayError {
                    index: count + 1,
                    problem,
                },
            })?
        };
        case::deadlines(&new, self.cal, self.today)?;
        self.append(id, case_no, count + 1, &event)?;
        self.tx
            .prepare_cached(&UPDATE_REQUEST_SQL)?
            .execute(rusqlite::params_from_iter(
                [
                    Value::Integer(id),
                    Value::Text(serde_json::to_string(&new)?),
                ]
                .into_iter()
                .chain(indexed_columns(&new)),
            ))?;
        Ok(new)
    }

    fn append(&mut self, id: i64, case_no: &str, index: u32, e: &Event) -> Result<(), StoreError> {
        let payload = serde_json::to_string(&e.step)?;
        let kind = e.step.kind_name();
        let on = e.on.to_string();
        let hash = event_hash(
            &self.prev_hash,
            case_no,
            index,
            kind,
            &on,
            &e.by,
            &self.now,
            &payload,
        );
        self.tx
            .prepare_cached(
                "INSERT INTO events (request_id, idx, kind, on_date, recorded_by, recorded_at,
                    payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                index,
                kind,
                on,
                e.by,
                self.now,
                payload,
                self.prev_hash,
                hash
            ])?;
        self.prev_hash = hash;
        Ok(())
    }

    /// The calendar this write checks dates against.
    pub fn calendar(&self) -> &Calendar {
        self.cal
    }

    /// Makes every write of this transaction permanent, all at once.
    ///
    /// # Errors
    /// [`StoreError::Full`], [`StoreError::ReadOnly`], SQLite errors; then nothing was written.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|e| match StoreError::from(e) {
            StoreError::ReadOnly(_) => StoreError::ReadOnly(path),
            e => e,
        })
    }
}

/// Whether a request row in this state is open (used by SQL filters).
pub const OPEN_STATES_SQL: &str = "state NOT IN ('concluded', 'archived')";
