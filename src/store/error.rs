//! What can go wrong in the register (登记簿), as one typed error for every backend.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::calendar::CalendarError;
use crate::case::{Refusal, ReplayError};

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
    #[error("{refusal}")]
    Refused {
        /// The request the step was for (empty for a registration: it has no number yet).
        case_no: String,
        /// Why, and the steps allowed instead.
        refusal: Refusal,
    },
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
        "案件编号格式“{0}”无效：须含有 {{year}} 和 {{seq}}（或 {{seq:4}} 等补零位数，至多 12 位），此外不能有别的 {{…}}（如 {{year}}-{{seq:04}}）"
    )]
    BadNumberFormat(String),
    /// The file cannot be written.
    #[error("数据库 {0} 只读，不能写入；已记录的内容未受影响")]
    ReadOnly(PathBuf),
    /// A register of an older storage format could not be upgraded (no backup could be made
    /// beside it, or it does not verify, or it is read-only); it was left exactly as it was.
    #[error(
        "{} 是存储格式 v{found} 的登记簿，须先升级为当前格式才能使用，但未能升级：{why}。登记簿未作任何改动",
        .path.display()
    )]
    Migration {
        /// The register.
        path: PathBuf,
        /// Its storage format (`schema::storage_format` of its `user_version`).
        found: i64,
        /// Why it could not be upgraded.
        why: String,
    },
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

impl From<Refusal> for StoreError {
    /// A refusal of a registration (the request has no case number yet).
    fn from(refusal: Refusal) -> Self {
        StoreError::Refused {
            case_no: String::new(),
            refusal,
        }
    }
}

impl StoreError {
    /// A refusal of a step on request `case_no`.
    pub fn refused(case_no: &str, refusal: Refusal) -> StoreError {
        StoreError::Refused {
            case_no: case_no.to_string(),
            refusal,
        }
    }
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

pub(super) fn not_ours(path: &Path, why: impl Into<String>) -> StoreError {
    StoreError::NotOurs {
        path: path.to_path_buf(),
        why: why.into(),
    }
}
