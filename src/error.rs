//! Errors at the edge: fixed exit codes, and one printer that says what went wrong, why, and
//! what to do next (`错误：…` / `原因：…` / `提示：…`).

use std::fmt;
use std::io::Write;

use crate::calendar::CalendarError;
use crate::case::StepKind;
use crate::import::ImportError;
use crate::import::columns::{Field, HeaderError};
use crate::import::read::ReadError;
use crate::report::annual::IdentityError;
use crate::store::{BackupError, DocStoreError, StoreError};

/// The documented exit codes of `disclose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Ok = 0,
    /// 1: refused — the law or the procedure forbids the step now, the case does not exist, or
    /// the registration looks like a duplicate (nothing was written).
    Refused = 1,
    /// 2: usage — a bad or missing argument on the command line (bad date, negative number).
    Usage = 2,
    /// 3: `overdue --fail-if-any` found overdue requests.
    Overdue = 3,
    /// 4: bad input file — import rows, holidays file, config file (nothing was written).
    Input = 4,
    /// 5: the database cannot be used — not a disclose database, newer version, read-only,
    /// busy past the timeout, disk full.
    Database = 5,
    /// 6: integrity — `verify` or a backup check found the register altered or inconsistent.
    Integrity = 6,
    /// 70: internal error (a bug; please report it).
    Internal = 70,
    /// 130: interrupted by the user (Ctrl-C); nothing was written.
    Interrupted = 130,
}

/// An error with its exit code and the hints that tell the user what to do instead.
#[derive(Debug)]
pub struct Failure {
    /// Which exit code.
    pub exit: Exit,
    /// What went wrong (Chinese).
    pub message: String,
    /// What to do instead, one per line.
    pub hints: Vec<String>,
}

impl Failure {
    /// A failure with no hints.
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
            hints: vec![],
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, h: impl Into<String>) -> Failure {
        self.hints.push(h.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

pub use crate::output::io_cn;

// Errors by conversion (jj's `command_error.rs`): each domain error becomes a [`Failure`] with
// its exit code and hints here, in one place, so that commands propagate domain errors with `?`
// and the edge ([`exit_of`], [`print`]) finds what to say in the error's chain.

/// The exit code of a register error.
pub fn store_exit(e: &StoreError) -> Exit {
    match e {
        StoreError::NotFound(_) | StoreError::Refused { .. } | StoreError::Duplicate { .. } => {
            Exit::Refused
        }
        StoreError::BadNumberFormat(_) => Exit::Input,
        StoreError::Calendar(_) => Exit::Usage,
        StoreError::Replay { .. }
        | StoreError::Json(_)
        | StoreError::Corrupt(_)
        | StoreError::Unprotected(_) => Exit::Integrity,
        StoreError::NotOurs { .. }
        | StoreError::Missing(_)
        | StoreError::Newer { .. }
        | StoreError::Migration { .. }
        | StoreError::ReadOnly(_)
        | StoreError::Busy
        | StoreError::Full
        | StoreError::WriteFailed(_)
        | StoreError::Sqlite(_)
        | StoreError::Io(_) => Exit::Database,
    }
}

/// How to do a step, as a command line (for hints).
pub fn step_command(kind: StepKind, case_no: &str) -> String {
    let c = case_no;
    match kind {
        StepKind::Register => "disclose register --channel … --applicant … --content …".to_string(),
        StepKind::ConfirmReceipt => format!("disclose confirm {c} --on 日期"),
        StepKind::CorrectionNotice => {
            format!(
                "disclose correct notice {c} --items \"需补正的事项\" [--period 补正期限的工作日数]"
            )
        }
        StepKind::CorrectionReceived => format!("disclose correct received {c} --on 日期"),
        StepKind::CorrectionLapsed => format!(
            "disclose correct lapse {c}（未记录补正通知送达日期的，加 --served-unknown-reason 理由）"
        ),
        StepKind::ConsultationSent => {
            format!(
                "disclose consult-third-party send {c} --party 第三方名称（或 --agency 机关名称）"
            )
        }
        StepKind::ConsultationAnswered => format!(
            "disclose consult-third-party answer {c} --party 名称 --answer agree|object|none"
        ),
        StepKind::Draft => format!(
            "disclose review draft {c} --department 科室 --handler 承办人 --outcome 结果代码"
        ),
        StepKind::Assign => format!(
            "disclose assign {c} --department 科室 --handler 承办人 [--due 日期 | --within 工作日数]"
        ),
        StepKind::OfficeReview => {
            format!("disclose review office {c} --approve（或 --send-back --comments 意见）")
        }
        StepKind::LeaderApproval => format!("disclose review leader {c} --leader 姓名 --approve"),
        StepKind::Extension => format!(
            "disclose extend {c} --days 20 --approver 负责人 --reason 理由 --notified-on 日期"
        ),
        StepKind::FeeNotice => format!("disclose fee notice {c} --by-item（或 --pages 页数）"),
        StepKind::FeePaid => format!("disclose fee paid {c}"),
        StepKind::FeeLapsed => format!(
            "disclose fee lapse {c}（未记录缴费通知送达日期的，加 --served-unknown-reason 理由）"
        ),
        StepKind::ReasonsAsked => format!("disclose reasons ask {c}"),
        StepKind::ReasonsAnswered => {
            format!("disclose reasons answer {c} --accepted（或 --rejected）")
        }
        StepKind::ReasonableDeadline => {
            format!("disclose reasons deadline {c} --due 日期 --notified-on 日期")
        }
        StepKind::Served => {
            format!("disclose served {c} --letter correction|consultation|fee|reply --on 送达日期")
        }
        StepKind::Reply => format!("disclose reply {c} --delivery 送达方式"),
        StepKind::Withdraw => format!("disclose withdraw {c}"),
        StepKind::Archive => format!("disclose archive {c} --file-no 卷宗号"),
        StepKind::Amend => {
            format!("disclose amend {c} --event 序号 --date 日期 | --set 字段=值 --reason 原因")
        }
        StepKind::AppealFiled => format!("disclose appeal file {c} --kind … --body …"),
        StepKind::AppealDecided => {
            format!("disclose appeal result {c} --result …（有多项尚无结果时加 --number N）")
        }
        StepKind::LetterIssued => format!("disclose letter {c} 文书种类"),
        StepKind::RecordCorrectionReply => format!(
            "disclose record-correction {c} --end corrected|forwarded|redirected|refused --delivery 送达方式"
        ),
    }
}

impl From<&StoreError> for Failure {
    /// The register error with its exit code and hints (the legal next steps as commands, the
    /// flag to pass).
    fn from(e: &StoreError) -> Failure {
        let mut f = Failure::new(store_exit(e), e.to_string());
        match e {
            StoreError::Refused { case_no, refusal } => {
                if refusal.next.is_empty() && refusal.commands.is_empty() {
                    f = f.hint("未写入任何内容");
                } else {
                    f = f.hint("未写入任何内容。现在可以进行的步骤：");
                    // A command written out for this request replaces the step's generic one.
                    for k in &refusal.next {
                        let own: Vec<&String> = refusal
                            .commands
                            .as_slice()
                            .iter()
                            .filter(|(c, _)| c == k)
                            .map(|(_, s)| s)
                            .collect();
                        if own.is_empty() {
                            f = f.hint(format!("  {}：{}", k.label(), step_command(*k, case_no)));
                        }
                        for s in own {
                            f = f.hint(format!("  {}：{s}", k.label()));
                        }
                    }
                    for (k, s) in refusal.commands.as_slice() {
                        if !refusal.next.contains(k) {
                            f = f.hint(format!("  {}：{s}", k.label()));
                        }
                    }
                }
            }
            StoreError::NotFound(_) => {
                f = f.hint("用 disclose list 查看已登记的案件编号");
            }
            StoreError::Missing(_) => {
                f = f
                    .hint("检查 --db、环境变量 DISCLOSE_DB 或配置文件中的 db 是否写对")
                    .hint("新的登记簿在第一次登记（disclose register）或导入（disclose import）时自动建立");
            }
            StoreError::Duplicate { existing, .. } => {
                f = f
                    .hint(format!(
                        "未写入任何内容。先用 disclose show {existing} 核对"
                    ))
                    .hint("确属另一件申请时，加 --force 再登记");
            }
            StoreError::Busy => f = f.hint("可能有人正在导入大批数据；稍后重试即可"),
            // The real cause, as the file system tells it (issue 13).
            StoreError::ReadOnly(path) => f = f.hint(crate::store::read_only_cause(path)),
            StoreError::Full => f = f.hint("清理磁盘空间后重试"),
            StoreError::WriteFailed(_) => {
                f = f.hint("检查磁盘空间（df）、文件大小限制（ulimit -f）和磁盘状态后重试")
            }
            StoreError::Newer { .. } => f = f.hint("安装更新版本的 disclose 后再使用这个数据库"),
            StoreError::Migration { .. } => {
                f = f.hint("升级前会在登记簿旁边写一份校验过的副本（如 disclose.db.v1-backup）：确保该目录可写、登记簿可写，用旧版本 disclose verify 检查后重试")
            }
            StoreError::NotOurs { .. } => {
                f = f.hint("用 --db 指定 disclose 的数据库文件，或指定一个新文件名以新建登记簿")
            }
            StoreError::Replay { .. }
            | StoreError::Json(_)
            | StoreError::Corrupt(_)
            | StoreError::Unprotected(_) => {
                f = f.hint("运行 disclose verify 检查登记簿；用最近的备份恢复（见 README“恢复”）")
            }
            _ => {}
        }
        f
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::from(&e)
    }
}

impl From<&DocStoreError> for Failure {
    /// A document-register error (SPEC §10): a refusal is exit 1 with the steps allowed as
    /// command lines; a missing document exit 1; a bad 索引号 or figure exit 4; the register's
    /// own errors as [`StoreError`]'s.
    fn from(e: &DocStoreError) -> Failure {
        match e {
            DocStoreError::Refused { refusal, .. } => {
                let first = if refusal.next.is_empty() {
                    "未写入任何内容"
                } else if refusal.corrected {
                    "未写入任何内容。改正后重新输入："
                } else {
                    "未写入任何内容。现在可以进行的步骤："
                };
                let f = Failure::new(Exit::Refused, refusal.to_string()).hint(first);
                refusal.next.iter().fold(f, |f, n| f.hint(format!("  {n}")))
            }
            DocStoreError::NotFound(_) => Failure::new(Exit::Refused, e.to_string())
                .hint("用 disclose doc list 查看已登记的文件编号"),
            DocStoreError::IndexNo(_) | DocStoreError::Figures(_) => {
                Failure::new(Exit::Input, e.to_string()).hint("未写入任何内容")
            }
            DocStoreError::Store(s) => Failure::from(s),
        }
    }
}

impl From<DocStoreError> for Failure {
    fn from(e: DocStoreError) -> Failure {
        Failure::from(&e)
    }
}

impl From<&BackupError> for Failure {
    /// A failed backup: exit 1 when the file exists, 6 when the copy does not verify, else 5
    /// (as the register's error for a copy that cannot be read).
    fn from(e: &BackupError) -> Failure {
        let f = |exit| Failure::new(exit, e.to_string());
        match e {
            BackupError::Exists(_) => f(Exit::Refused).hint("换一个文件名，或先移走旧的备份"),
            BackupError::NoFolder(_) => f(Exit::Database).hint("先建好目录，或换一个备份文件路径"),
            BackupError::Copy { source, .. } => {
                f(store_exit(source)).hint("检查磁盘空间和目录的写权限后重试；登记簿本身未受影响")
            }
            BackupError::Check(source) => f(store_exit(source)),
            BackupError::NotVerified(_) => {
                f(Exit::Integrity).hint("运行 disclose verify 检查登记簿本身")
            }
            BackupError::Name { .. } => f(Exit::Database),
            BackupError::Folder { .. } => f(Exit::Database)
                .hint("检查配置文件中 backup_dir 的路径和写权限；本次未写入任何内容"),
            BackupError::Daily { source, .. } => {
                let exit = match Failure::from(source.as_ref()).exit {
                    Exit::Integrity => Exit::Integrity,
                    _ => Exit::Database,
                };
                f(exit).hint("腾出磁盘空间或改正配置文件中的 backup_dir 后重试")
            }
            BackupError::Io(_) => f(Exit::Internal),
        }
    }
}

impl From<BackupError> for Failure {
    fn from(e: BackupError) -> Failure {
        Failure::from(&e)
    }
}

impl From<&ImportError> for Failure {
    /// A spreadsheet that cannot be imported (exit 4), with how to save it right.
    fn from(e: &ImportError) -> Failure {
        let mut f = Failure::new(Exit::Input, e.to_string());
        match e {
            ImportError::Read(ReadError::Encoding { forced, .. }) => {
                f = f.hint("在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入");
                f = if *forced {
                    f.hint("或去掉 --encoding，让程序自动识别编码")
                } else {
                    f.hint("或用 --encoding utf-8|gbk|gb18030 指定文件的编码")
                };
            }
            ImportError::Read(ReadError::Csv { .. }) => {
                f = f.hint(
                    "含有逗号、引号或换行的单元格须整格用英文双引号括起来，格内的双引号写两遍",
                );
            }
            ImportError::Read(ReadError::NotAWorkbook { .. }) => {
                f = f
                    .hint("用 Excel 或 WPS 打开原文件，重新另存为 .xlsx，或另存为“CSV UTF-8（逗号分隔）”后再导入")
                    .hint("Excel、WPS 也打不开的，请向来件方重新索取文件");
            }
            ImportError::Read(ReadError::NoSheet { .. }) => {
                f = f.hint("用 --sheet 指定上面列出的工作表之一");
            }
            ImportError::Header {
                source,
                forced_encoding,
                ..
            } => {
                if matches!(source, HeaderError::Unknown(_)) {
                    f = f.hint("请改正表头的写法；如确实不需要这一列，请删去该列");
                    if *forced_encoding {
                        f = f.hint("表头若显示为乱码，是 --encoding 指定的编码不对：去掉 --encoding 让程序自动识别");
                    }
                }
                f = f.hint(format!(
                    "可用的列（中文或英文）：{}",
                    Field::ALL
                        .iter()
                        .map(|c| format!("{}/{}", c.chinese(), c.english()))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
            _ => {}
        }
        f
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Failure {
        Failure::from(&e)
    }
}

impl From<&IdentityError> for Failure {
    /// The annual statistics do not add up: a bug or an altered register (exit 70); nothing is
    /// printed.
    fn from(e: &IdentityError) -> Failure {
        Failure::new(Exit::Internal, e.to_string())
            .hint("未输出统计表。用 disclose show 案件编号 查看上列申请的时间线，用 disclose verify 检查登记簿")
    }
}

impl From<IdentityError> for Failure {
    fn from(e: IdentityError) -> Failure {
        Failure::from(&e)
    }
}

impl From<CalendarError> for Failure {
    /// A date outside the calendar, given on the command line (exit 2).
    fn from(e: CalendarError) -> Failure {
        Failure::new(Exit::Usage, e.to_string())
    }
}

/// The [`Failure`] a cause in an error's chain stands for: a `Failure` itself, or a domain
/// error converted (the register's, a backup's, an import's, the annual identity). `None` for
/// any other error.
fn failure_of(cause: &(dyn std::error::Error + 'static)) -> Option<Failure> {
    if let Some(f) = cause.downcast_ref::<Failure>() {
        return Some(Failure {
            exit: f.exit,
            message: f.message.clone(),
            hints: f.hints.clone(),
        });
    }
    if let Some(e) = cause.downcast_ref::<StoreError>() {
        return Some(e.into());
    }
    if let Some(e) = cause.downcast_ref::<BackupError>() {
        return Some(e.into());
    }
    if let Some(e) = cause.downcast_ref::<ImportError>() {
        return Some(e.into());
    }
    if let Some(e) = cause.downcast_ref::<IdentityError>() {
        return Some(e.into());
    }
    if let Some(e) = cause.downcast_ref::<crate::letters::LetterError>() {
        return Some(letter_failure(e));
    }
    None
}

/// The exit code an error ends the program with: that of the first cause that is a
/// [`Failure`] or a domain error; exit 5 for a bare SQLite error; else 70 (internal).
pub fn exit_of(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(f) = failure_of(cause) {
            return f.exit;
        }
        if cause.downcast_ref::<rusqlite::Error>().is_some() {
            return Exit::Database;
        }
    }
    Exit::Internal
}

/// A letter that cannot be made (SPEC §9): a config key not set or a template error is the
/// config's fault (4, with the example line); facts the regulation does not allow are refused
/// (1); an unknown kind is a usage error (2).
fn letter_failure(e: &crate::letters::LetterError) -> Failure {
    use crate::letters::LetterError as L;
    let f = match e {
        L::MissingConfig { .. } | L::BadNumberFormat { .. } | L::Template { .. } => {
            Failure::new(Exit::Input, e.to_string())
        }
        L::UnknownKind(_) => Failure::new(Exit::Usage, e.to_string()),
        L::InvalidFacts(_) => Failure::new(Exit::Refused, e.to_string()),
        L::Docx(_) => Failure::new(Exit::Internal, e.to_string()),
    };
    match e {
        L::MissingConfig { example, .. } => {
            f.hint(format!("在配置文件（--config）中加入：{example}"))
        }
        _ => f,
    }
}

/// The one-line message of an error as the printer would give it (for a batch that goes on
/// after one item failed).
pub fn message_of(err: &anyhow::Error) -> String {
    err.chain()
        .find_map(failure_of)
        .map(|f| f.message)
        .unwrap_or_else(|| err.to_string())
}

/// Whether the error is only a closed pipe (`disclose list | head`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints `错误：…`, each cause as `原因：…`, then each hint as `提示：…`, to standard error. The
/// causes end at the first [`Failure`] or domain error (its hints are printed; what lies beneath
/// it is already in its message).
pub fn print(err: &anyhow::Error) {
    let mut out = std::io::stderr().lock();
    let mut lines = vec![format!("错误：{err}")];
    let mut hints = Vec::new();
    let top = err.to_string();
    for (i, cause) in err.chain().enumerate() {
        if i > 0 {
            let s = cause.to_string();
            if s != top && !lines.iter().any(|l| l.ends_with(&s)) {
                lines.push(format!("原因：{s}"));
            }
        }
        if let Some(f) = failure_of(cause) {
            hints.extend(f.hints);
            break;
        }
    }
    if exit_of(err) == Exit::Internal {
        hints.push("这是 disclose 的内部错误，请把以上信息报告给维护人员".to_string());
    }
    for h in hints {
        lines.push(format!("提示：{h}"));
    }
    // Whatever a message quotes (a case number as typed, a path, a file's text) reaches the
    // terminal with its control characters escaped (issue 16 #11).
    let _ = writeln!(out, "{}", crate::output::terminal_safe(&lines.join("\n")));
}

/// Turns a command-line parsing error into one line on standard error and exit code 2 (help and
/// version requests print normally and exit 0).
pub fn clap_exit(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(crate::cli::rendered_help(&e).as_bytes());
            return std::process::ExitCode::from(
                if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    2
                } else {
                    0
                },
            );
        }
        _ => {}
    }
    let ctx = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{arg}（用 --help 查看用法）")
        }
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!("，可选：{v}"))
                .unwrap_or_else(|| {
                    if value.is_empty() {
                        "：不能为空".to_string()
                    } else {
                        String::new()
                    }
                });
            format!("{arg} 的值“{value}”无效{valid}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::UnknownArgument => {
            let sugg = ctx(ContextKind::SuggestedArg)
                .map(|s| format!("，是否想用 {s}"))
                .unwrap_or_default();
            format!("不认识的参数“{arg}”{sugg}（用 --help 查看用法）")
        }
        ErrorKind::InvalidSubcommand => {
            let sugg = ctx(ContextKind::SuggestedSubcommand)
                .map(|s| format!("，是否想用 {s}"))
                .unwrap_or_default();
            format!(
                "不认识的子命令“{}”{sugg}（用 --help 查看用法）",
                ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::ArgumentConflict => {
            let other = ctx(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::MissingSubcommand => "缺少子命令（用 --help 查看用法）".to_string(),
        _ => e
            .render()
            .to_string()
            .lines()
            .next()
            .unwrap_or("命令行参数有误")
            .trim_start_matches("error: ")
            .to_string(),
    };
    let _ = writeln!(
        std::io::stderr(),
        "错误：{}",
        crate::output::terminal_safe(&msg.replace('\n', " "))
    );
    std::process::ExitCode::from(Exit::Usage as u8)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::case::Refusal;

    #[test]
    fn a_refusal_names_the_next_steps_as_commands_on_its_own_case() {
        let e = StoreError::refused(
            "2026-0007",
            Refusal {
                message: "尚未确认收到".to_string(),
                next: vec![StepKind::ConfirmReceipt],
                field: None,
                commands: Default::default(),
            },
        );
        let f = Failure::from(e);
        assert_eq!(f.exit, Exit::Refused);
        assert_eq!(f.message, "尚未确认收到");
        assert_eq!(
            f.hints,
            [
                "未写入任何内容。现在可以进行的步骤：",
                "  确认收到：disclose confirm 2026-0007 --on 日期",
            ]
        );
    }

    #[test]
    fn a_domain_error_deep_in_the_chain_gives_its_exit_code() {
        let busy = anyhow::Error::from(StoreError::Busy).context("写入时");
        assert_eq!(exit_of(&busy), Exit::Database);
        let unverified = BackupError::Daily {
            dest: PathBuf::from("b/disclose-2026-11-30.db"),
            source: Box::new(BackupError::NotVerified(vec![
                "seq 3：哈希不符".to_string(),
            ])),
        };
        assert_eq!(exit_of(&anyhow::Error::from(unverified)), Exit::Integrity);
        let exists = BackupError::Daily {
            dest: PathBuf::from("b/disclose-2026-11-30.db"),
            source: Box::new(BackupError::Exists(PathBuf::from(
                "b/disclose-2026-11-30.db",
            ))),
        };
        let f = Failure::from(&exists);
        assert_eq!(f.exit, Exit::Database);
        assert_eq!(
            f.message,
            "未能在今天第一次写入前备份到 b/disclose-2026-11-30.db，本次未写入任何内容：b/disclose-2026-11-30.db 已存在，未覆盖"
        );
        assert_eq!(
            f.hints,
            ["腾出磁盘空间或改正配置文件中的 backup_dir 后重试"]
        );
        let plain = anyhow::anyhow!("别的错误");
        assert_eq!(exit_of(&plain), Exit::Internal);
    }
}
