//! Errors at the edge: fixed exit codes, and one printer that says what went wrong, why, and
//! what to do next (`错误：…` / `原因：…` / `提示：…`).

use std::fmt;
use std::io::Write;

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

/// A file-system error in Chinese for the clerk: the common kinds translated, the others as the
/// system says them.
pub fn io_cn(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或目录不存在".to_string(),
        K::PermissionDenied => "没有权限（请检查文件的读写权限）".to_string(),
        K::AlreadyExists => "文件已存在".to_string(),
        K::IsADirectory => "这是一个目录，不是文件".to_string(),
        K::NotADirectory => "路径中有一段不是目录".to_string(),
        K::StorageFull => "磁盘空间已满".to_string(),
        K::ReadOnlyFilesystem => "文件系统只读".to_string(),
        K::InvalidData => "文件内容不是有效的文本（UTF-8）".to_string(),
        _ => e.to_string(),
    }
}

/// The exit code an error ends the program with.
pub fn exit_of(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.exit;
        }
        if let Some(e) = cause.downcast_ref::<crate::store::StoreError>() {
            return crate::commands::store_exit(e);
        }
        if cause.downcast_ref::<rusqlite::Error>().is_some() {
            return Exit::Database;
        }
    }
    Exit::Internal
}

/// Whether the error is only a closed pipe (`disclose list | head`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints `错误：…`, each cause as `原因：…`, then each hint as `提示：…`, to standard error.
pub fn print(err: &anyhow::Error) {
    let mut out = std::io::stderr().lock();
    let mut lines = vec![format!("错误：{err}")];
    let mut hints = Vec::new();
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            hints.extend(f.hints.iter().cloned());
        }
    }
    let top = err.to_string();
    for cause in err.chain().skip(1) {
        let s = cause.to_string();
        if s != top && !lines.iter().any(|l| l.ends_with(&s)) {
            lines.push(format!("原因：{s}"));
        }
    }
    if exit_of(err) == Exit::Internal {
        hints.push("这是 disclose 的内部错误，请把以上信息报告给维护人员".to_string());
    }
    for h in hints {
        lines.push(format!("提示：{h}"));
    }
    let _ = writeln!(out, "{}", lines.join("\n"));
}

/// Turns a command-line parsing error into one line on standard error and exit code 2 (help and
/// version requests print normally and exit 0).
pub fn clap_exit(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
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
    let _ = writeln!(std::io::stderr(), "错误：{}", msg.replace('\n', " "));
    std::process::ExitCode::from(Exit::Usage as u8)
}
