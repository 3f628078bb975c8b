//! The command line: the clap tree and the single dispatch.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::Styles;
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;
use crate::context::{Ctx, Format, GlobalArgs};
use crate::dates::parse_date_arg;
use crate::error::Exit;

/// The command line of `disclose` (政府信息公开申请登记办理工具). Parse it with [`parse`], not
/// `Cli::parse`: [`parse`] uses [`command`], the same tree with clap's English put into Chinese.
/// The help text is given in the attributes, so that this comment stays out of `--help`.
#[derive(Debug, Parser)]
#[command(
    name = "disclose",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    propagate_version = true
)]
pub struct Cli {
    /// 数据库文件（默认：用户数据目录下的 disclose.db）
    #[arg(long, global = true, env = "DISCLOSE_DB", value_name = "PATH", help_heading = GLOBAL_HEADING)]
    pub db: Option<PathBuf>,
    /// 把这一天当作“今天”（YYYY-MM-DD；默认本机日期）
    #[arg(long, global = true, env = "DISCLOSE_TODAY", value_name = "DATE", value_parser = parse_date_arg, help_heading = GLOBAL_HEADING)]
    pub today: Option<NaiveDate>,
    /// 输出格式（table、json、csv；letter 命令另可用 docx、md）
    #[arg(long, global = true, default_value = "table", env = "DISCLOSE_FORMAT", help_heading = GLOBAL_HEADING,
          value_parser = clap::builder::PossibleValuesParser::new(["table", "json", "csv", "docx", "md"]))]
    pub format: String,
    /// 本机关的节假日文件（补充或覆盖内置日历的年份）
    #[arg(long, global = true, env = "DISCLOSE_HOLIDAYS", value_name = "FILE", help_heading = GLOBAL_HEADING)]
    pub holidays: Option<PathBuf>,
    /// 配置文件（默认：用户配置目录下的 config.toml）
    #[arg(long, global = true, env = "DISCLOSE_CONFIG", value_name = "FILE", help_heading = GLOBAL_HEADING)]
    pub config: Option<PathBuf>,
    /// 要执行的命令
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 工作日历：推算期限、查询工作日、导入国务院放假通知
    #[command(subcommand)]
    Calendar(commands::calendar::CalendarCmd),
    /// 登记一件申请（接收、登记）
    Register(commands::register::Args),
    /// 平常信函：与申请人确认收到（答复期限自此起算）
    Confirm(commands::confirm::ConfirmArgs),
    /// 补正：发出补正通知、收到补正、逾期不补正办结（条例第三十条）
    #[command(subcommand)]
    Correct(commands::correct::CorrectCmd),
    /// 征求第三方或其他机关意见、记录其答复（条例第三十二条、第三十四条）
    #[command(subcommand, name = "consult-third-party")]
    Consult(commands::consult::ConsultCmd),
    /// 转办/交办：交给承办科室和承办人，可定内部办理期限
    Assign(commands::assign::AssignArgs),
    /// 拟办、审核、审批
    #[command(subcommand)]
    Review(commands::review::ReviewCmd),
    /// 延期答复（条例第三十三条第二款）
    Extend(commands::extend::ExtendArgs),
    /// 信息处理费：收费通知、缴费、逾期未缴费办结（国办函〔2020〕109号）
    #[command(subcommand)]
    Fee(commands::fee::FeeCmd),
    /// 答复（条例第三十三条、第三十六条、第三十七条）
    Reply(commands::reply::ReplyArgs),
    /// 更正答复：更正申请（条例第四十一条）的处理结果
    #[command(name = "record-correction", visible_alias = "更正答复")]
    RecordCorrection(commands::record_correction::Args),
    /// 说明理由（条例第三十五条）：要求说明理由、审查结果、合理的延长期限
    #[command(subcommand)]
    Reasons(commands::reasons::ReasonsCmd),
    /// 记录文书的送达日期：补正告知书、征求意见书、缴费通知书、答复书（期限自送达之日起算）
    Served(commands::served::ServedArgs),
    /// 申请人撤回申请（按（六）3 办结）
    Withdraw(commands::withdraw::WithdrawArgs),
    /// 归档（条例第四十五条）；归档后只读
    Archive(commands::archive::ArchiveArgs),
    /// 更正先前记录中的错误（新增一条可见的更正记录，期限随之重算）
    Amend(commands::amend::AmendArgs),
    /// 行政复议、行政诉讼：登记与结果
    #[command(subcommand)]
    Appeal(commands::appeal::AppealCmd),
    /// 检索：按案件编号、姓名、证件号码、电话、邮件号或申请内容查找申请
    Find(commands::find::Args),
    /// 查看一件申请的全部情况：期限及其依据、时间线
    Show(commands::show::Args),
    /// 制作文书（补正告知书、答复书……，Word 或 Markdown），出具即记录文号和文件的 SHA-256
    Letter(commands::letter::Args),
    /// 文书批量处理：letters pending 生成所有待出具的文书
    #[command(subcommand)]
    Letters(commands::letter::LettersCmd),
    /// 列出申请（可按状态、阶段、科室、申请人类型、日期筛选）
    List(commands::list::Args),
    /// 每周逾期报告：已逾期或即将到期的事项
    Overdue(commands::overdue::Args),
    /// 从表格（CSV / Excel）批量导入邮寄来的申请
    Import(commands::import::Args),
    /// 年度报告统计表
    #[command(subcommand)]
    Report(commands::report::ReportCmd),
    /// 校验登记簿：重放全部事件，核对哈希链和投影
    Verify(commands::verify::Args),
    /// 备份数据库（在线备份，可在他人写入时进行）并校验备份
    Backup(commands::backup::Args),
    /// 用备份恢复登记簿（损坏的文件留作证据，恢复后再校验）
    Restore(commands::restore::Args),
    /// 导出一件申请的完整案卷（用于复议、诉讼举证）
    Export(commands::export::Args),
    /// 生成命令补全脚本或手册页
    #[command(subcommand)]
    Generate(commands::generate::GenerateCmd),
    /// 主动公开文件登记簿：登记、审核、审批、发布、解读、变更、目录（条例第十九条至第二十六条）
    #[command(subcommand)]
    Doc(commands::doc::DocCmd),
}

/// What `disclose` is: the top of `-h` and the NAME line of the manual page
/// (`disclose - 政府信息公开申请登记办理工具`).
const ABOUT: &str = "政府信息公开申请登记办理工具";
/// The top of `--help` and the DESCRIPTION of the manual page.
const LONG_ABOUT: &str = "政府信息公开申请登记办理工具\n\n从收到申请到归档，每一步都记入本地 SQLite 登记簿，按工作日历计算法定期限（《政府信息公开条例》第三十条至第三十三条）。";
/// `-h` / `--help` on every command (clap's own says "Print help").
const HELP_SHORT: &str = "显示帮助（--help 显示详细说明）";
/// `--help`'s own line in the long help.
const HELP_LONG: &str = "显示帮助（-h 为摘要）";
/// `-V` / `--version` on every command (clap's own says "Print version").
const VERSION: &str = "显示版本";
/// The heading of the five options every command takes (`--db`, `--today`, `--format`,
/// `--holidays`, `--config`), apart from the command's own.
const GLOBAL_HEADING: &str = "全局选项";
/// The heading of a command's own options.
const OPTIONS_HEADING: &str = "选项";
/// The heading of a command's positional arguments.
const ARGUMENTS_HEADING: &str = "参数";
/// The `help` subcommand clap adds to every command that has subcommands.
const HELP_SUBCOMMAND: &str = "显示本说明，或所给子命令的说明";

/// The clap command tree of [`Cli`] with clap's English put into Chinese, on the top command
/// and every subcommand at any depth: the `-h`/`--help` and `-V`/`--version` flags (显示帮助,
/// 显示版本), the `help` subcommand, and the help page's headings (用法、命令、参数、选项).
/// The tree is returned built ([`clap::Command::build`]): the `help` subcommands only exist
/// after building. Parsing ([`parse`]), completions and the manual page all use this tree.
pub fn command() -> clap::Command {
    let mut cmd = with_chinese_flags(Cli::command());
    cmd.build();
    let styles = cmd.get_styles().clone();
    with_chinese_help_pages(cmd, &styles)
}

/// Parses the process's command line with [`command`].
///
/// # Errors
/// clap's error (a bad argument, or `--help` / `--version` to be printed), to be turned into
/// the exit code by [`crate::error::clap_exit`].
pub fn parse() -> Result<Cli, clap::Error> {
    let mut cmd = command();
    let args = catalogue_html_alias(std::env::args_os().collect());
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
}

/// The text of a help page or version clap has made (`e` of kind `DisplayHelp`…), as it is to
/// be printed: styled on a terminal (without `NO_COLOR`), and with the full-width colon after the
/// Chinese headings (clap writes `参数:`, the page reads `参数：`).
pub fn rendered_help(e: &clap::Error) -> String {
    use std::io::IsTerminal;
    let styled = e.render();
    let mut text = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    for h in ["命令", ARGUMENTS_HEADING, OPTIONS_HEADING, GLOBAL_HEADING] {
        for end in ["\n", "\u{1b}["] {
            text = text.replace(&format!("{h}:{end}"), &format!("{h}：{end}"));
        }
    }
    text
}

/// `doc catalogue --format html`: the catalogue's site is its table format (the global
/// `--format` has no `html`), so `html` is read as `table` on that command only.
fn catalogue_html_alias(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let is_catalogue = args
        .windows(2)
        .any(|w| w[0] == "doc" && w[1] == "catalogue");
    if !is_catalogue {
        return args;
    }
    for i in 0..args.len() {
        if args[i] == "--format=html" {
            args[i] = "--format=table".into();
        } else if args[i] == "html" && i > 0 && args[i - 1] == "--format" {
            args[i] = "table".into();
        }
    }
    args
}

/// Replaces clap's `--help` and `--version` flags (English, added when the tree is built) with
/// the same flags in Chinese, on `cmd` and all its subcommands. Every command has a long help
/// different from its short one (the global `--format` lists its values only in `--help`), so
/// `-h` points to `--help` and `--help` to `-h`, as clap's own flag does. Both are listed last,
/// under 全局选项 (every command has them).
fn with_chinese_flags(cmd: clap::Command) -> clap::Command {
    cmd.disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(usize::MAX)
                .help_heading(GLOBAL_HEADING)
                .help(HELP_SHORT)
                .long_help(HELP_LONG),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(usize::MAX)
                .help_heading(GLOBAL_HEADING)
                .help(VERSION),
        )
        .mut_subcommands(with_chinese_flags)
}

/// Gives every command of the built tree `cmd` a help page with Chinese headings (clap's
/// default page says `Usage:`, `Commands:`, `Arguments:`, `Options:`): 命令, 参数, 选项 (the
/// command's own) and 全局选项 (the five every command takes), each only if the command has
/// something to put in it; the notes on values in Chinese ([`with_chinese_value_notes`]); and
/// the `help` subcommands clap added in building a Chinese description.
fn with_chinese_help_pages(cmd: clap::Command, styles: &Styles) -> clap::Command {
    let usage = styles.get_usage();
    let page = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}用法：{usage:#}{{usage}}\n\n{{all-args}}{{after-help}}"
    );
    let cmd = cmd
        .help_template(page)
        .subcommand_help_heading("命令")
        .mut_args(|a| {
            let a = with_chinese_value_notes(a);
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading(ARGUMENTS_HEADING)
            } else {
                a.help_heading(OPTIONS_HEADING)
            }
        });
    let cmd = if cmd.get_name() == "help" {
        cmd.about(HELP_SUBCOMMAND)
    } else {
        cmd
    };
    cmd.mut_subcommands(|s| with_chinese_help_pages(s, styles))
}

/// An option's notes in Chinese instead of clap's English `[default: …]`, `[env: …]`,
/// `[possible values: …]` and `Possible values:`: appended to its help as `[默认：table]`,
/// `[环境变量：DISCLOSE_FORMAT]`, `[可选：table、json、csv]`, and in the long help one value a line
/// with its meaning where the values have one.
fn with_chinese_value_notes(a: Arg) -> Arg {
    if !a.get_action().takes_values() || a.is_hide_set() {
        return a;
    }
    let mut notes = Vec::new();
    let mut long_values = String::new();
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        notes.push(format!("[环境变量：{}]", env.to_string_lossy()));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("[默认：{}]", defaults.join("、")));
    }
    let values: Vec<clap::builder::PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        notes.push(format!("[可选：{}]", names.join("、")));
        if values.iter().any(|v| v.get_help().is_some()) {
            long_values = "\n\n可选值：".to_string();
            for v in &values {
                long_values += &format!(
                    "\n- {}{}",
                    v.get_name(),
                    v.get_help().map(|h| format!("：{h}")).unwrap_or_default()
                );
            }
        }
    }
    if notes.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long = a.get_long_help().map(|h| h.to_string());
    let short = format!("{help} {}", notes.join(" ")).trim().to_string();
    // The long page lists the values one a line when they have meanings, so not twice.
    let long_notes: Vec<&String> = notes
        .iter()
        .filter(|n| long_values.is_empty() || !n.starts_with("[可选"))
        .collect();
    let long_notes = long_notes
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut long = long.unwrap_or(help);
    if !long_notes.is_empty() {
        long = format!("{long}\n{long_notes}");
    }
    long += &long_values;
    a.hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
        .help(short)
        .long_help(long.trim().to_string())
}

/// Runs a parsed command line; returns the exit code for a successful run (0, or 3 for
/// `overdue --fail-if-any` with something overdue).
///
/// # Errors
/// Any failure, to be printed by [`crate::error::print`].
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    if let Command::Generate(g) = &cli.command {
        return commands::generate::run(g);
    }
    let letter_format = match cli.format.as_str() {
        "docx" => Some(crate::letters::LetterFormat::Docx),
        "md" => Some(crate::letters::LetterFormat::Markdown),
        _ => None,
    };
    let format = match cli.format.as_str() {
        "json" => Format::Json,
        "csv" => Format::Csv,
        _ => Format::Table,
    };
    if letter_format.is_some() && !matches!(cli.command, Command::Letter(_) | Command::Letters(_)) {
        return Err(crate::error::Failure::new(
            Exit::Usage,
            format!(
                "--format {} 只用于 letter、letters 命令（文书的文件格式）",
                cli.format
            ),
        )
        .into());
    }
    let mut ctx = Ctx::new(GlobalArgs {
        db: cli.db,
        today: cli.today,
        format,
        holidays: cli.holidays,
        config: cli.config,
    })?;
    let ctx = &mut ctx;
    match cli.command {
        Command::Calendar(c) => commands::calendar::run(ctx, c),
        Command::Register(a) => commands::register::run(ctx, a),
        Command::Confirm(a) => commands::confirm::run(ctx, a),
        Command::Correct(c) => commands::correct::run(ctx, c),
        Command::Consult(c) => commands::consult::run(ctx, c),
        Command::Assign(a) => commands::assign::run(ctx, a),
        Command::Review(c) => commands::review::run(ctx, c),
        Command::Extend(a) => commands::extend::run(ctx, a),
        Command::Fee(c) => commands::fee::run(ctx, c),
        Command::Served(a) => commands::served::run(ctx, a),
        Command::Reasons(c) => commands::reasons::run(ctx, c),
        Command::Reply(a) => commands::reply::run(ctx, a),
        Command::RecordCorrection(a) => commands::record_correction::run(ctx, a),
        Command::Withdraw(a) => commands::withdraw::run(ctx, a),
        Command::Archive(a) => commands::archive::run(ctx, a),
        Command::Amend(a) => commands::amend::run(ctx, a),
        Command::Appeal(c) => commands::appeal::run(ctx, c),
        Command::Find(a) => commands::find::run(ctx, a),
        Command::Show(a) => commands::show::run(ctx, a),
        Command::List(a) => commands::list::run(ctx, a),
        Command::Overdue(a) => commands::overdue::run(ctx, a),
        Command::Import(a) => commands::import::run(ctx, a),
        Command::Report(c) => commands::report::run(ctx, c),
        Command::Verify(a) => commands::verify::run(ctx, a),
        Command::Backup(a) => commands::backup::run(ctx, a),
        Command::Restore(a) => commands::restore::run(ctx, a),
        Command::Export(a) => commands::export::run(ctx, a),
        Command::Letter(a) => commands::letter::run(ctx, a, letter_format),
        Command::Letters(c) => commands::letter::run_letters(ctx, c, letter_format),
        Command::Doc(c) => commands::doc::run(ctx, c),
        Command::Generate(_) => unreachable!("handled above"),
    }
}
