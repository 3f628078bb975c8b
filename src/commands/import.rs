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
use crate::import::rows::Problem;
use crate::import::stream::Opened;
use crate::import::{self, RejectSlot, RejectedRow, RowOutcome, Scan, problems_text};

mod summary;

use summary::{
    CaseNumbers, ROWS_KEPT, Report, RowReport, outcome_report, print_report, rejected_report,
    source_label,
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
/// The most rows the database's page cache is sized for during an import (about 3 KiB a row,
/// [`crate::store::Store::expect_bulk_write`]): beyond, SQLite spills pages to the WAL inside
/// the one transaction (still all or nothing), and memory does not grow with the file.
const CACHE_ROWS_MAX: usize = 40_000;
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

/// Creates the reject file: new (never overwriting) and readable by its owner only, as it
/// holds the rows' full ID and phone numbers.
fn create_reject_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

fn default_reject_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".rejected.csv");
    file.with_file_name(name)
}

/// Rejected rows listed in full in the error (the rest counted).
const ROWS_LISTED: usize = 1_000;

/// The error listing the rejected rows (exit code 4): the problems of the first
/// [`ROWS_LISTED`] rows in full, the others counted.
fn rows_failure(
    file: &Path,
    source: &Source,
    rejected: &[(usize, Vec<Problem>)],
    count: usize,
    good: usize,
) -> anyhow::Error {
    let mut msg = format!("{} 有 {count} 行有误，未导入任何申请：", file.display());
    for (line, problems) in rejected.iter().take(ROWS_LISTED) {
        for pr in problems {
            msg += &format!(
                "\n  {}，“{}”：{}",
                source.row_label(*line),
                pr.column,
                pr.message
            );
        }
    }
    let listed = rejected.len().min(ROWS_LISTED);
    if count > listed {
        msg += &format!(
            "\n  ……另有 {} 行有误，未逐一列出（加 --skip-invalid --dry-run 试导入可知其余的行）",
            count - listed
        );
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

/// What the registering pass found: the counts, the case numbers, the outcomes of the first
/// [`ROWS_KEPT`] rows of the file (their reports are made after the commit: the transaction
/// holds the write lock no longer than it must), and the rows refused at registration time
/// (with their addresses, for the reject file).
struct Collected {
    registered: usize,
    duplicates: usize,
    case_numbers: CaseNumbers,
    /// The outcomes of the first [`ROWS_KEPT`] rows of the file, by line.
    rows: BTreeMap<usize, RowOutcome>,
    /// Rows with a result not kept in `rows`.
    omitted: usize,
    /// Refused at registration time.
    late: Vec<(RejectedRow, u64)>,
}

impl Collected {
    fn new() -> Self {
        Collected {
            registered: 0,
            duplicates: 0,
            case_numbers: CaseNumbers::default(),
            rows: BTreeMap::new(),
            omitted: 0,
            late: Vec::new(),
        }
    }

    /// Keeps the outcome of the row on `line` if it is among the first [`ROWS_KEPT`] lines seen
    /// so far; counts it as omitted otherwise.
    fn keep(&mut self, line: usize, o: RowOutcome) {
        if self.rows.len() >= ROWS_KEPT
            && self.rows.last_key_value().is_some_and(|(l, _)| line > *l)
        {
            self.omitted += 1;
            return;
        }
        self.rows.insert(line, o);
        if self.rows.len() > ROWS_KEPT {
            self.rows.pop_last();
            self.omitted += 1;
        }
    }

    /// Takes one outcome: counted, its case number kept, the outcome kept if among the first.
    fn add(&mut self, o: RowOutcome, at: u64) {
        match &o {
            RowOutcome::Registered { case, .. } => {
                self.registered += 1;
                self.case_numbers.push(&case.case_no);
            }
            RowOutcome::Duplicate { .. } => self.duplicates += 1,
            RowOutcome::Rejected(r) => self.late.push((r.clone(), at)),
        }
        self.keep(o.line(), o);
    }
}

/// Registers the good rows in a transaction that is then rolled back (a dry run): into the
/// register if it exists, else into a scratch database removed afterwards. Nothing is written.
fn trial_run(
    ctx: &mut Ctx,
    file: &mut Opened,
    scan: &Scan,
    by: &str,
    tick: impl FnMut(usize),
) -> anyhow::Result<Collected> {
    let mut scratch = Scratch(None);
    let real_path = ctx.db_path.clone();
    if !ctx.db_path.exists() {
        let p = std::env::temp_dir().join(format!("disclose-dry-run-{}.db", std::process::id()));
        scratch = Scratch(Some(p.clone()));
        ctx.db_path = p;
    }
    let cal = ctx.calendar.clone();
    let (today, now, fmt) = (ctx.today, ctx.now(), ctx.number_format());
    let mut got = Collected::new();
    let result = (|| -> anyhow::Result<()> {
        let store = ctx.create_store()?;
        store.expect_bulk_write(scan.good.len().min(CACHE_ROWS_MAX))?;
        let mut w = store.writer(&cal, today, now, &fmt)?;
        import::register_slots(&mut w, file, scan, today, by, tick, |o, at| {
            got.add(o, at);
            Ok(())
        })?;
        drop(w); // rolled back
        Ok(())
    })();
    if scratch.0.is_some() {
        ctx.close_store();
        ctx.db_path = real_path;
    }
    result.map(|()| got)
}

/// Every rejected row in file order: those of the first pass and those refused at registration
/// time.
fn all_rejected(scan: &Scan, late: &[(RejectedRow, u64)]) -> Vec<RejectSlot> {
    let mut all = scan.rejected.clone();
    all.extend(late.iter().map(|(r, at)| RejectSlot {
        line: r.line,
        at: *at,
        problems: Some(r.problems.clone()),
    }));
    all.sort_by_key(|r| r.line);
    all
}

/// The rows' problems for the error message: the first kept ones (a row's problems found again
/// when they were not kept is not needed: only the first [`ROWS_LISTED`] are listed).
fn listed_problems(all: &[RejectSlot]) -> Vec<(usize, Vec<Problem>)> {
    all.iter()
        .take(ROWS_LISTED)
        .filter_map(|r| r.problems.clone().map(|p| (r.line, p)))
        .collect()
}

/// Runs `import`: checks every row (first pass, keeping a few bytes a row), then registers the
/// good ones in one transaction, reading each again in order of receipt (or, with `--dry-run`,
/// does the same work and rolls it back), and prints the summary.
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
    let mut file = Opened::open(&a.file, &opts).map_err(import::ImportError::from)?;
    let scan = import::scan(&a.file, &mut file, &opts, ctx.today)?;
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
    let by = ctx.recorder(a.by.as_deref());
    if !scan.rejected.is_empty() && !a.skip_invalid {
        // Every problem at once: also those only the register can tell (a tracking number
        // already used by another applicant), found by registering the good rows in a
        // transaction rolled back at once.
        let got = trial_run(ctx, &mut file, &scan, &by, |_| {})?;
        let still_good = scan.good.len() - got.late.len();
        let all = all_rejected(&scan, &got.late);
        if ctx.format != Format::Table {
            let rows: Vec<RowReport> = all
                .iter()
                .take(ROWS_KEPT)
                .map(|r| {
                    rejected_report(&RejectedRow {
                        line: r.line,
                        problems: r.problems.clone().unwrap_or_default(),
                    })
                })
                .collect();
            let report = Report {
                file: a.file.display().to_string(),
                source: source_label(&file.source),
                dry_run: a.dry_run,
                committed: false,
                registered: 0,
                duplicates: 0,
                rejected: all.len(),
                reject_file: None,
                case_numbers: CaseNumbers::default(),
                rows_omitted: all.len() - rows.len(),
                rows,
            };
            print_report(ctx, &report)?;
        }
        return Err(rows_failure(
            &a.file,
            &file.source,
            &listed_problems(&all),
            all.len(),
            still_good,
        ));
    }

    let good_count = scan.good.len();
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
    let late_failure = |got: &Collected, file: &Opened| -> Option<anyhow::Error> {
        (!got.late.is_empty() && !skip).then(|| {
            let all = all_rejected(&scan, &got.late);
            rows_failure(
                &a.file,
                &file.source,
                &listed_problems(&all),
                all.len(),
                good_count - got.late.len(),
            )
        })
    };
    let got = if a.dry_run {
        let got = trial_run(ctx, &mut file, &scan, &by, tick)?;
        if let Some(e) = late_failure(&got, &file) {
            return Err(e);
        }
        got
    } else {
        let new_register = !ctx.db_path.exists();
        ctx.create_store()?
            .expect_bulk_write(good_count.min(CACHE_ROWS_MAX))?;
        // The reject file is written, and known to be written, before the import commits: a
        // failure to write it then leaves the register as it was (issue 16 #10).
        let written = std::cell::Cell::new(false);
        let today = ctx.today;
        let result = ctx.write(|w| {
            let mut got = Collected::new();
            import::register_slots(w, &mut file, &scan, today, &by, tick, |o, at| {
                got.add(o, at);
                Ok(())
            })?;
            if let Some(e) = late_failure(&got, &file) {
                return Err(e);
            }
            let all = all_rejected(&scan, &got.late);
            if !all.is_empty() {
                let cant = |e: &dyn std::fmt::Display| {
                    Failure::new(
                        Exit::Database,
                        format!(
                            "无法写入拒收文件 {}：{e}；未导入任何内容",
                            reject_path.display(),
                        ),
                    )
                    .hint("用 --reject-file 指定一个可写的新文件名后再导入")
                };
                let out = create_reject_file(&reject_path)
                    .map_err(|e| cant(&crate::output::io_cn(&e)))?;
                written.set(true);
                let mut out = std::io::BufWriter::new(out);
                import::write_reject_file(&mut file, &scan.columns, &all, today, &mut out)?;
                out.into_inner()
                    .map_err(|e| cant(&crate::output::io_cn(e.error())))?
                    .sync_all()
                    .map_err(|e| cant(&crate::output::io_cn(&e)))?;
            }
            // `ctx.write` commits next.
            PHASE.store(COMMITTING, Ordering::SeqCst);
            Ok(got)
        });
        PHASE.store(
            if result.is_ok() { COMMITTED } else { WORKING },
            Ordering::SeqCst,
        );
        let got = match result {
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
        got
    };
    bar.finish_and_clear();

    let mut got = got;
    let rejected = scan.rejected.len() + got.late.len();
    for r in &scan.rejected {
        got.keep(
            r.line,
            RowOutcome::Rejected(RejectedRow {
                line: r.line,
                problems: r.problems.clone().unwrap_or_default(),
            }),
        );
    }
    let rows = got
        .rows
        .values()
        .map(|o| outcome_report(&ctx.calendar, ctx.today, o, a.dry_run))
        .collect::<anyhow::Result<Vec<RowReport>>>()?;
    got.case_numbers.sort();
    let registered = got.registered;
    let report = Report {
        file: a.file.display().to_string(),
        source: source_label(&file.source),
        dry_run: a.dry_run,
        committed: !a.dry_run && registered > 0,
        registered,
        duplicates: got.duplicates,
        rejected,
        reject_file: (rejected > 0).then(|| reject_path.display().to_string()),
        case_numbers: got.case_numbers,
        rows_omitted: got.omitted,
        rows,
    };
    print_report(ctx, &report)?;
    if let Some(e) = nothing_imported(
        &a.file,
        &reject_path,
        registered,
        report.duplicates,
        rejected,
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
