//! `disclose import FILE`: register the requests that came by post from a spreadsheet, all in
//! one transaction (SPEC.md §2; the rows and columns are in README, “批量导入”).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::case::identity::mask_name;
use crate::case::{State, deadlines};
use crate::context::{Ctx, Format};
use crate::error::{Exit, Failure};
use crate::import::read::{Delimiter, Encoding, ReadOptions, Source};
use crate::import::rows::ParsedRow;
use crate::import::{self, Prepared, RejectedRow, RowOutcome, problems_text};

mod summary;

use summary::{
    Report, RowReport, case_number_key, outcome_report, print_report, rejected_report, source_label,
};

/// 从表格（CSV / Excel）批量导入邮寄来的申请：每行一件，全部检查无误后在同一个事务中登记。
/// The full `--help` text is [`LONG_HELP`] (the clap variant's doc comment in `cli.rs` sets the
/// short description).
#[derive(Debug, clap::Args)]
#[command(after_long_help = LONG_HELP)]
pub struct Args {
    /// 要导入的文件（.csv、.tsv、.txt 或 .xlsx）
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// CSV 的编码（默认自动识别：有 BOM 或是有效的 UTF-8 即 UTF-8，否则 GB18030）
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<Encoding>,
    /// CSV 的分隔符（默认按表头行自动识别）
    #[arg(long, value_enum, value_name = "SEP")]
    pub delimiter: Option<Delimiter>,
    /// Excel 工作簿中要读的工作表名（默认第一个）
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// 导入无误的行，有误的行写入拒收文件（默认 FILE.rejected.csv）
    #[arg(long)]
    pub skip_invalid: bool,
    /// 拒收文件的路径（与 --skip-invalid 一起用）
    #[arg(long, value_name = "PATH", requires = "skip_invalid")]
    pub reject_file: Option<PathBuf>,
    /// 试导入：照常检查、编号并报告结果，但不写入任何内容
    #[arg(long)]
    pub dry_run: bool,
    /// 经办人（默认：配置文件的 clerk，或操作系统用户名）
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// What `disclose import --help` explains after the options: the file, the columns, what
/// happens to bad rows, duplicates and interruptions.
pub const LONG_HELP: &str = "\
文件：CSV（UTF-8 或 GBK/GB18030，逗号或制表符分隔，均自动识别）或 Excel 工作簿（.xlsx，
默认读第一个工作表）。第一行（或标题行下面的一行）是表头，中文或英文，顺序不限；空行跳过。

必需的列：
  申请人 / applicant              姓名或名称
  申请人类型 / applicant_type     自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他
                                  （或 natural、enterprise、research、nonprofit、legal、other-org）
  签收日期 / received_on          本机关签收之日（平常信函为到达之日）；也可写“收到日期”
  申请内容 / content              所需信息的名称、文号或特征性描述
可选的列：
  申请方式 / channel              默认邮寄（挂号信、EMS、快递都算邮寄）；平常信函、当面提交、网络、电子邮件、传真
  证件类型 / id_type              默认：自然人为居民身份证，组织为统一社会信用代码
  证件号码 / id_number            核对校验位；Excel 中请设为“文本”格式，否则末几位会丢失
  联系电话 / phone    电子邮箱 / email    通信地址 / address    邮政编码 / postcode
  代理人 / agent    代理人证件号码 / agent_id    代理人电话 / agent_phone
  邮件号 / tracking_no            来信的邮件号，用于识别重复导入
  提供形式 / form    获取方式 / delivery    备注 / note
  确认日期 / confirmed_on         只用于平常信函：留空＝尚未联系上申请人（登记但不计时）；
                                  与签收日期同日＝当天已确认；晚于签收日期＝登记后记录该日确认收到
  序号 / no、错误 / error          不读取（“错误”列由拒收文件带出，改正后可原样再导入）
其他表头视为写错，报错并指出。

日期：2026-03-02、2026/3/2、2026年3月2日，或 Excel 日期单元格；晚于今天的日期报错。
案件编号按签收日期先后编排。身份证明或联系方式缺失的照样登记，标记为需要补正。

退出码：0 已导入（含 --skip-invalid 跳过有误行的情形）；4 文件或其中的行有误，未写入任何内容
（--skip-invalid 而有误的行以外全是重复、没有导入任何申请时也是 4）；
5 数据库不可用。

例：
  disclose import 9月来信.xlsx --dry-run
  disclose import 9月来信.csv --skip-invalid
  disclose import 9月来信.csv.rejected.csv
";

/// Rows above which a terminal gets a progress bar.
const PROGRESS_FROM_ROWS: usize = 500;
/// Rows above which the table output lists only duplicates and rejected rows in full.
const TABLE_ROWS_MAX: usize = 200;

/// Where the import's transaction is, for the Ctrl-C message: [`WORKING`], [`COMMITTING`] or
/// [`COMMITTED`].
static PHASE: AtomicU8 = AtomicU8::new(WORKING);
/// Reading, checking, registering: an interruption leaves the register as it was.
const WORKING: u8 = 0;
/// The commit is under way: whether it went through is not known until it returns.
const COMMITTING: u8 = 1;
/// Committed: every row is in the register.
const COMMITTED: u8 = 2;

/// What to say when interrupted in `phase`, or `None` while the commit is under way (the answer
/// is not known yet: wait for it). The message follows the commit, not the signal (issue 16 #4):
/// a Ctrl-C just after the commit must not say that nothing was registered.
fn interruption_message(phase: u8) -> Option<&'static str> {
    match phase {
        COMMITTING => None,
        COMMITTED => {
            Some("已中断：导入已经完成并写入登记簿，只是结果没有显示完；用 disclose list 查看")
        }
        _ => Some("已中断：导入没有完成，登记簿保持导入前的样子，未登记任何申请"),
    }
}

/// Waits until `phase` says whether the import committed, then returns what to say.
fn settled_message(phase: &AtomicU8) -> &'static str {
    loop {
        if let Some(m) = interruption_message(phase.load(Ordering::SeqCst)) {
            return m;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Ctrl-C (or a terminal closing) during an import: say what became of it. Before the commit the
/// transaction is simply never committed, so the register stays as it was; during the commit
/// the handler (its own thread) waits for the commit's outcome before saying anything.
fn announce_interruptions() {
    let _ = ctrlc::set_handler(|| {
        super::register::show_cursor();
        eprintln!("\n{}", settled_message(&PHASE));
        std::process::exit(Exit::Interrupted as i32);
    });
}

/// The default reject file, or, when one is already there (a clerk's half-done corrections),
/// the first free `FILE.rejected-2.csv`, `-3`, … beside it.
fn free_reject_path(file: &Path) -> PathBuf {
    let first = default_reject_path(file);
    if !first.exists() {
        return first;
    }
    let base = first.with_extension("");
    (2..)
        .map(|i| PathBuf::from(format!("{}-{i}.csv", base.display())))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Writes the reject file: created new (never overwriting) and readable by its owner only, as
/// it holds the rows' full ID and phone numbers.
fn write_reject_file(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)?.write_all(text.as_bytes())
}

fn default_reject_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".rejected.csv");
    file.with_file_name(name)
}

/// The error listing every rejected row (exit code 4).
fn rows_failure(file: &Path, p: &Prepared, rejected: &[RejectedRow], good: usize) -> anyhow::Error {
    let mut msg = format!(
        "{} 有 {} 行有误，未导入任何申请：",
        file.display(),
        rejected.len()
    );
    for r in rejected {
        for pr in &r.problems {
            msg += &format!(
                "\n  {}，“{}”：{}",
                p.source.row_label(r.line),
                pr.column,
                pr.message
            );
        }
    }
    let f = Failure::new(Exit::Input, msg)
        .hint("改正这些行后重新导入同一个文件（以前已导入过的行会作为重复跳过）");
    if good == 0 {
        return f.into();
    }
    f.hint(format!(
        "或加 --skip-invalid：先导入无误的 {good} 行，有误的行连同“错误”列写入 {}，改正后导入该文件",
        default_reject_path(file).display()
    ))
    .into()
}

/// Removes the scratch database of a dry run on a register that did not exist yet.
struct Scratch(Option<PathBuf>);

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            crate::store::remove_register_files(p);
        }
    }
}

/// Registers `rows` in a transaction that is then rolled back (a dry run): into the register
/// if it exists, else into a scratch database removed afterwards. Nothing is written.
fn trial_run(
    ctx: &mut Ctx,
    rows: Vec<ParsedRow>,
    by: &str,
    tick: impl FnMut(usize),
) -> anyhow::Result<Vec<RowOutcome>> {
    let mut scratch = Scratch(None);
    let real_path = ctx.db_path.clone();
    if !ctx.db_path.exists() {
        let p = std::env::temp_dir().join(format!("disclose-dry-run-{}.db", std::process::id()));
        scratch = Scratch(Some(p.clone()));
        ctx.db_path = p;
    }
    let count = rows.len();
    let cal = ctx.calendar.clone();
    let (today, now, fmt) = (ctx.today, ctx.now(), ctx.number_format());
    let result = (|| -> anyhow::Result<Vec<RowOutcome>> {
        let store = ctx.create_store()?;
        store.expect_bulk_write(count)?;
        let mut w = store.writer(&cal, today, now, &fmt)?;
        let outcomes = import::register_rows(&mut w, rows, by, tick)?;
        drop(w); // rolled back
        Ok(outcomes)
    })();
    if scratch.0.is_some() {
        ctx.close_store();
        ctx.db_path = real_path;
    }
    result
}

/// Runs `import`: validates every row, then registers the good ones in one transaction (or,
/// with `--dry-run`, does the same work and rolls it back), and prints the summary.
///
/// # Errors
/// Exit code 4 for a file that cannot be read, a wrong header row, or (without
/// `--skip-invalid`) any row with a problem — nothing is written then; exit code 5 for database
/// errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let opts = ReadOptions {
        encoding: a.encoding,
        delimiter: a.delimiter,
        sheet: a.sheet.clone(),
    };
    announce_interruptions();
    let mut prepared = import::prepare(&a.file, &opts, ctx.today)?;
    let reject_path = match &a.reject_file {
        Some(p) if p.exists() => {
            return Err(Failure::new(
                Exit::Input,
                format!("拒收文件 {} 已存在，未导入任何申请（不覆盖）", p.display()),
            )
            .hint("--reject-file 请指定一个新文件名，或先把旧文件移走")
            .into());
        }
        Some(p) => p.clone(),
        None => free_reject_path(&a.file),
    };
    if !prepared.rejected.is_empty() && !a.skip_invalid {
        // Every problem at once: also those only the register can tell (a tracking number
        // already used by another applicant), found by registering the good rows in a
        // transaction rolled back at once.
        let by = ctx.recorder(a.by.as_deref());
        let good = std::mem::take(&mut prepared.good);
        let good_count = good.len();
        let mut late: Vec<RejectedRow> = trial_run(ctx, good, &by, |_| {})?
            .into_iter()
            .filter_map(|o| match o {
                RowOutcome::Rejected(r) => Some(r),
                _ => None,
            })
            .collect();
        let still_good = good_count - late.len();
        late.extend(prepared.rejected.iter().cloned());
        late.sort_by_key(|r| r.line);
        prepared.rejected = late;
        if ctx.format != Format::Table {
            let report = Report {
                file: a.file.display().to_string(),
                source: source_label(&prepared.source),
                dry_run: a.dry_run,
                committed: false,
                registered: 0,
                duplicates: 0,
                rejected: prepared.rejected.len(),
                reject_file: None,
                case_numbers: vec![],
                rows: prepared.rejected.iter().map(rejected_report).collect(),
            };
            print_report(ctx, &report)?;
        }
        return Err(rows_failure(
            &a.file,
            &prepared,
            &prepared.rejected,
            still_good,
        ));
    }

    let good = std::mem::take(&mut prepared.good);
    let good_count = good.len();
    let by = ctx.recorder(a.by.as_deref());
    let bar = if ctx.interactive && good_count >= PROGRESS_FROM_ROWS {
        let b =
            ProgressBar::with_draw_target(Some(good_count as u64), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} 行，剩余约 {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        b.set_message("登记中");
        b
    } else {
        ProgressBar::hidden()
    };
    let tick = |n: usize| {
        bar.set_position(n as u64);
        if n == good_count {
            bar.set_message("写入磁盘");
        }
    };
    let skip = a.skip_invalid;
    let late_failure = |outcomes: &[RowOutcome]| -> Option<anyhow::Error> {
        let late: Vec<RejectedRow> = outcomes
            .iter()
            .filter_map(|o| match o {
                RowOutcome::Rejected(r) => Some(r.clone()),
                _ => None,
            })
            .collect();
        (!late.is_empty() && !skip)
            .then(|| rows_failure(&a.file, &prepared, &late, outcomes.len() - late.len()))
    };
    let outcomes = if a.dry_run {
        let outcomes = trial_run(ctx, good, &by, tick)?;
        if let Some(e) = late_failure(&outcomes) {
            return Err(e);
        }
        outcomes
    } else {
        let new_register = !ctx.db_path.exists();
        ctx.create_store()?.expect_bulk_write(good_count)?;
        // The reject file is written, and known to be written, before the import commits: a
        // failure to write it then leaves the register as it was (issue 16 #10).
        let written = std::cell::Cell::new(false);
        let result = ctx.write(|w| {
            let outcomes = import::register_rows(w, good, &by, tick)?;
            if let Some(e) = late_failure(&outcomes) {
                return Err(e);
            }
            let mut all: Vec<RejectedRow> = prepared.rejected.clone();
            all.extend(outcomes.iter().filter_map(|o| match o {
                RowOutcome::Rejected(r) => Some(r.clone()),
                _ => None,
            }));
            all.sort_by_key(|r| r.line);
            if !all.is_empty() {
                let text = import::reject_file(&prepared, &all)?;
                write_reject_file(&reject_path, &text).map_err(|e| {
                    Failure::new(
                        Exit::Database,
                        format!(
                            "无法写入拒收文件 {}：{}；未导入任何内容",
                            reject_path.display(),
                            crate::output::io_cn(&e)
                        ),
                    )
                    .hint("用 --reject-file 指定一个可写的新文件名后再导入")
                })?;
                written.set(true);
            }
            // `ctx.write` commits next.
            PHASE.store(COMMITTING, Ordering::SeqCst);
            Ok(outcomes)
        });
        PHASE.store(
            if result.is_ok() { COMMITTED } else { WORKING },
            Ordering::SeqCst,
        );
        let outcomes = match result {
            Ok(o) => o,
            Err(e) => {
                if written.get() {
                    let _ = std::fs::remove_file(&reject_path);
                }
                return Err(e);
            }
        };
        if new_register {
            ctx.announce_new_register();
        }
        outcomes
    };
    bar.finish_and_clear();

    let mut rejected: Vec<RejectedRow> = prepared.rejected.clone();
    rejected.extend(outcomes.iter().filter_map(|o| match o {
        RowOutcome::Rejected(r) => Some(r.clone()),
        _ => None,
    }));
    rejected.sort_by_key(|r| r.line);
    let mut rows: BTreeMap<usize, RowReport> = BTreeMap::new();
    for o in &outcomes {
        rows.insert(o.line(), outcome_report(ctx, o, a.dry_run)?);
    }
    for r in &prepared.rejected {
        rows.insert(r.line, rejected_report(r));
    }
    let mut case_numbers: Vec<String> = outcomes
        .iter()
        .filter_map(|o| match o {
            RowOutcome::Registered { case, .. } => Some(case.case_no.clone()),
            _ => None,
        })
        .collect();
    case_numbers.sort_by_cached_key(|s| case_number_key(s));
    let registered = case_numbers.len();
    let report = Report {
        file: a.file.display().to_string(),
        source: source_label(&prepared.source),
        dry_run: a.dry_run,
        committed: !a.dry_run && registered > 0,
        registered,
        duplicates: outcomes
            .iter()
            .filter(|o| matches!(o, RowOutcome::Duplicate { .. }))
            .count(),
        rejected: rejected.len(),
        reject_file: (!rejected.is_empty()).then(|| reject_path.display().to_string()),
        case_numbers,
        rows: rows.into_values().collect(),
    };
    print_report(ctx, &report)?;
    if let Some(e) = nothing_imported(
        &a.file,
        &reject_path,
        registered,
        report.duplicates,
        rejected.len(),
    ) {
        return Err(e);
    }
    Ok(Exit::Ok)
}

/// The failure of an import that wrote nothing although rows were wrong (`--skip-invalid`): exit
/// code 4 (README's table: a bad input file, nothing written), so that a script does not take it
/// for success — also when the other rows were all duplicates of requests registered before.
/// `None` when something was registered, or when nothing was wrong (a file imported twice).
fn nothing_imported(
    file: &Path,
    reject_path: &Path,
    registered: usize,
    duplicates: usize,
    rejected: usize,
) -> Option<anyhow::Error> {
    if registered > 0 || rejected == 0 {
        return None;
    }
    let dup = if duplicates > 0 {
        format!("{duplicates} 行重复，")
    } else {
        String::new()
    };
    Some(
        Failure::new(
            Exit::Input,
            format!(
                "{} 中没有可以导入的行：{dup}{rejected} 行有误，未导入任何申请",
                file.display()
            ),
        )
        .hint(format!(
            "按 {} 中“错误”列改正后再导入",
            reject_path.display()
        ))
        .into(),
    )
}

#[cfg(test)]
mod interruption_tests {
    use super::*;

    /// Issue 16 #4: a Ctrl-C that arrives while the commit is under way waits for it, and the
    /// message then follows the commit: "completed" once committed, never "nothing registered".
    #[test]
    fn the_message_follows_the_commit_not_the_signal() {
        assert_eq!(interruption_message(COMMITTING), None);
        assert!(
            interruption_message(WORKING)
                .unwrap()
                .contains("未登记任何申请")
        );
        assert!(
            interruption_message(COMMITTED)
                .unwrap()
                .contains("已经完成并写入登记簿")
        );
        let phase = std::sync::Arc::new(AtomicU8::new(COMMITTING));
        let waiting = {
            let phase = phase.clone();
            std::thread::spawn(move || settled_message(&phase))
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(
            !waiting.is_finished(),
            "said something before the commit returned"
        );
        phase.store(COMMITTED, Ordering::SeqCst);
        assert_eq!(
            waiting.join().unwrap(),
            interruption_message(COMMITTED).unwrap()
        );
    }
}
