//! `disclose verify`: proves the register is what its own record says (SPEC.md §7), or checks an
//! exported case file. See [`crate::store::verify`] for what is checked.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::context::{Ctx, Format};
use crate::error::{Exit, Failure};
use crate::store::verify::{self, Problem, VerifyReport};

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "检查：SQLite 完整性；保护事件只增不改的触发器；按记录顺序重算整条哈希链；\n逐件重放事件，与存储的案件信息核对。全部完好时退出码为 0；发现任何问题时退出码为 6，\n并逐条列出所涉案件编号、事件序号（及 seq）和不符之处。\n\n输出中的“最新事件哈希”请另行记下（或保留备份）：以后用 --against 可以发现\n有人删除了最新的事件并改写了案件信息。"
)]
pub struct Args {
    /// 另与这份较早的备份核对：备份中的每条事件都必须仍在登记簿中且哈希不变
    #[arg(long, value_name = "BACKUP", conflicts_with = "export")]
    against: Option<PathBuf>,
    /// 改为核对 disclose export 导出的案卷目录：文件未被改动，事件哈希与登记簿一致
    #[arg(long, value_name = "DIR")]
    export: Option<PathBuf>,
    /// 另核对登记簿仍包含先前记下的最新事件（如周一报告上打印的“seq:哈希前缀”，至少 8 位）：
    /// 文件之外的锚点，重写整条哈希链也能发现
    #[arg(long, value_name = "SEQ:HASH", value_parser = parse_head, conflicts_with = "export")]
    head: Option<(i64, String)>,
    /// 不符之处引用的身份证号、电话、电子邮箱和地址完整显示（默认部分隐去）
    #[arg(long)]
    reveal: bool,
}

/// Parses `SEQ:HASH` (a hash prefix of at least 8 hex digits).
fn parse_head(s: &str) -> Result<(i64, String), String> {
    let (seq, hash) = s
        .trim()
        .split_once(':')
        .ok_or("格式应为 seq:哈希，如 59:f83504b8")?;
    let seq: i64 = seq
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or("seq 应为正整数")?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() < 8 || hash.len() > 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("哈希应为 8 至 64 位十六进制数字".to_string());
    }
    Ok((seq, hash))
}

/// `verify` as JSON.
#[derive(Debug, Serialize)]
struct Out<'a> {
    database: String,
    intact: bool,
    #[serde(flatten)]
    report: &'a VerifyReport,
    documents: u64,
    document_events: u64,
    against: Option<String>,
}

/// Runs `verify`: exit 0 when intact, 6 otherwise.
///
/// # Errors
/// Exit 5 when the register (or the backup given with `--against`) cannot be opened; exit 4
/// for a folder that is not an export.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    if let Some(dir) = &a.export {
        return run_export(ctx, dir);
    }
    if !ctx.db_path.exists() {
        return Err(Failure::new(
            Exit::Database,
            format!("数据库 {} 不存在，没有可校验的内容", ctx.db_path.display()),
        )
        .hint("用 --db 指定要校验的登记簿")
        .into());
    }
    let store = ctx.store()?;
    let mut report = verify::verify_revealing(store, a.reveal)?;
    // The document register (主动公开, SPEC §10): its own chain and projection.
    // A file too damaged to read them is a problem to report (exit 6), as for the requests.
    let docs = match crate::store::documents::verify_documents(store) {
        Ok(d) => d,
        Err(e) => crate::store::documents::DocVerifyReport {
            problems: vec![Problem {
                case_no: None,
                event: None,
                seq: None,
                check: "schema",
                what: format!("主动公开文件的记录无法读取：{e}"),
            }],
            ..Default::default()
        },
    };
    report.problems.extend(docs.problems.iter().cloned());
    if let Some(b) = &a.against {
        let earlier = verify::open_read_only(b).map_err(|e| {
            Failure::new(Exit::Database, format!("无法与备份核对：{e}"))
                .hint("--against 应指定 disclose backup 或每日备份做出的备份文件")
        })?;
        report
            .problems
            .extend(verify::compare_with(store, &earlier)?);
    }
    // The outside anchor (issue 16 #6): the register must still hold the event written down
    // earlier, with the same hash. Without it, a rewritten chain verifies; with it, it does not.
    if let Some((seq, prefix)) = &a.head {
        let what = match store.event_at(*seq)? {
            None => Some(format!(
                "登记簿中已没有先前记下的事件 seq {seq}：此后的事件被删除了"
            )),
            Some(e) if !e.hash.starts_with(prefix.as_str()) => Some(format!(
                "先前记下的事件 seq {seq} 哈希为 {prefix}…，登记簿中为 {}…：哈希链被改写了",
                e.hash
                    .chars()
                    .take(prefix.len().max(12))
                    .collect::<String>()
            )),
            Some(_) => None,
        };
        if let Some(what) = what {
            report.problems.push(Problem {
                case_no: None,
                event: None,
                seq: Some(*seq),
                check: "anchor",
                what,
            });
        }
    }
    let database = store.path().display().to_string();
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => {
            let o = Out {
                database,
                intact: report.is_intact(),
                report: &report,
                documents: docs.documents,
                document_events: docs.events,
                against: a.against.as_ref().map(|p| p.display().to_string()),
            };
            writeln!(out, "{}", crate::output::json(&o)?)?;
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = report.problems.iter().map(csv_row).collect();
            write!(
                out,
                "{}",
                crate::output::csv(&["case_no", "event", "seq", "check", "problem"], &rows)?
            )?;
        }
        Format::Table => {
            writeln!(out, "登记簿：{database}")?;
            let has = |checks: &[&str]| report.problems.iter().any(|p| checks.contains(&p.check));
            writeln!(
                out,
                "SQLite 完整性检查：{}",
                if has(&["sqlite"]) {
                    "未通过"
                } else {
                    "通过"
                }
            )?;
            writeln!(
                out,
                "表结构与只增不改的触发器：{}",
                if has(&["schema"]) {
                    "有改动"
                } else {
                    "完好"
                }
            )?;
            let head = report
                .head
                .as_ref()
                .map(|h| format!("；最新事件 seq {}，哈希 {}", h.seq, h.hash))
                .unwrap_or_default();
            writeln!(
                out,
                "哈希链：共 {} 条事件，{}{head}",
                report.events,
                if has(&["chain", "hash"]) {
                    "有不符"
                } else {
                    "逐条重算一致"
                }
            )?;
            writeln!(
                out,
                "主动公开文件：共 {} 件、{} 条事件，{}",
                docs.documents,
                docs.events,
                if docs.problems.is_empty() {
                    "哈希链与文件记录一致"
                } else {
                    "有不符"
                }
            )?;
            writeln!(
                out,
                "案件信息：共 {} 件申请，{}",
                report.requests,
                if has(&["events", "replay", "projection"]) {
                    "有与事件重放不符的"
                } else {
                    "逐件重放与存储一致"
                }
            )?;
            if let Some(b) = &a.against {
                writeln!(
                    out,
                    "与备份 {} 核对：{}",
                    b.display(),
                    if has(&["backup"]) {
                        "有不符"
                    } else {
                        "备份中的事件都在，哈希不变"
                    }
                )?;
            }
            if report.is_intact() {
                writeln!(out, "结论：完好")?;
            } else {
                writeln!(out, "发现 {} 处问题：", report.problems.len())?;
                let rows: Vec<Vec<String>> = report
                    .problems
                    .iter()
                    .map(|p| vec![p.location(), p.what.clone()])
                    .collect();
                writeln!(
                    out,
                    "{}",
                    crate::output::table(&["位置", "问题"], &rows, ctx.stdout_tty)
                )?;
                writeln!(out, "结论：登记簿被改动过或不一致")?;
                writeln!(
                    out,
                    "请勿继续在这个文件上登记；保留它作为证据，用最近一份校验通过的备份恢复（见 README“备份与恢复”）"
                )?;
            }
        }
    }
    Ok(if report.is_intact() {
        Exit::Ok
    } else {
        Exit::Integrity
    })
}

fn csv_row(p: &Problem) -> Vec<String> {
    vec![
        p.case_no.clone().unwrap_or_default(),
        p.event.map(|e| e.to_string()).unwrap_or_default(),
        p.seq.map(|s| s.to_string()).unwrap_or_default(),
        p.check.to_string(),
        p.what.clone(),
    ]
}

/// `verify --export DIR` as JSON.
#[derive(Debug, Serialize)]
struct ExportOut {
    dir: String,
    case_no: String,
    exported_at: String,
    personal_data: String,
    intact: bool,
    files_ok: Vec<String>,
    events: usize,
    events_recomputed: usize,
    register: Option<String>,
    events_in_register: usize,
    problems: Vec<String>,
}

fn run_export(ctx: &mut Ctx, dir: &Path) -> anyhow::Result<Exit> {
    let (manifest, mut check) = crate::report::export::check_export(dir).map_err(|e| {
        Failure::new(
            Exit::Input,
            format!(
                "{} 不是 disclose 导出的案卷目录：manifest.json 缺失或无法读取（{e}）",
                dir.display()
            ),
        )
        .hint("用 disclose export 案件编号 --dir 目录 导出案卷")
    })?;
    // Compare with the register only if there is one: never create a database here.
    let mut register = None;
    let mut in_register = 0;
    if ctx.db_path.exists() {
        let store = ctx.store()?;
        register = Some(store.path().display().to_string());
        for e in &manifest.events {
            let found = store.event_at(e.seq)?;
            match found {
                Some(r)
                    if r.case_no == manifest.case_no
                        && r.index == i64::from(e.index)
                        && r.hash == e.hash =>
                {
                    in_register += 1
                }
                Some(_) => check.problems.push(format!(
                    "第 {} 项事件（seq {}）与登记簿中的记录不符",
                    e.index, e.seq
                )),
                None => check.problems.push(format!(
                    "第 {} 项事件（seq {}）在登记簿中找不到",
                    e.index, e.seq
                )),
            }
        }
    }
    let intact = check.problems.is_empty();
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json | Format::Csv => {
            let o = ExportOut {
                dir: dir.display().to_string(),
                case_no: manifest.case_no.clone(),
                exported_at: manifest.exported_at.clone(),
                personal_data: manifest.personal_data.clone(),
                intact,
                files_ok: check.files_ok.clone(),
                events: manifest.events.len(),
                events_recomputed: check.events_recomputed,
                register,
                events_in_register: in_register,
                problems: check.problems.clone(),
            };
            writeln!(out, "{}", crate::output::json(&o)?)?;
        }
        Format::Table => {
            writeln!(
                out,
                "导出目录：{}（案件 {}，导出于 {}，个人信息{}）",
                dir.display(),
                manifest.case_no,
                manifest.exported_at,
                if manifest.personal_data == "revealed" {
                    "完整"
                } else {
                    "已遮盖"
                }
            )?;
            writeln!(
                out,
                "文件：{} 与清单一致",
                if check.files_ok.is_empty() {
                    "没有文件".to_string()
                } else {
                    check.files_ok.join("、")
                }
            )?;
            if check.events_recomputed > 0 {
                writeln!(
                    out,
                    "事件：{} 条，其中 {} 条的哈希已按导出内容重算一致",
                    manifest.events.len(),
                    check.events_recomputed
                )?;
            } else {
                writeln!(
                    out,
                    "事件：{} 条（个人信息已遮盖，哈希只能与登记簿核对）",
                    manifest.events.len()
                )?;
            }
            match &register {
                Some(p) => writeln!(out, "登记簿：{in_register} 条事件与 {p} 中的记录一致")?,
                None => writeln!(
                    out,
                    "登记簿：{} 不存在，未与登记簿核对（用 --db 指定）",
                    ctx.db_path.display()
                )?,
            }
            if intact {
                writeln!(out, "结论：完好")?;
            } else {
                writeln!(out, "发现 {} 处问题：", check.problems.len())?;
                for p in &check.problems {
                    writeln!(out, "  {p}")?;
                }
                writeln!(out, "结论：导出的案卷被改动过或与登记簿不一致")?;
            }
        }
    }
    Ok(if intact { Exit::Ok } else { Exit::Integrity })
}
