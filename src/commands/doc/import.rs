//! `disclose doc import FILE`: the office's existing catalogue (CSV or xlsx, the columns of
//! [`crate::document`]). Every row is checked first (SPEC §10 rules, the topic table); if any
//! is wrong nothing is written and the bad rows go to a reject file with their problems; else
//! all rows are written in one transaction. Rows already in the register (same 文号, or same
//! title and 成文日期) are skipped, so importing the same file twice changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::context::{Ctx, Format};
use crate::document::DocStep;
use crate::error::{Exit, Failure};
use crate::import::documents::{
    DocImportRow, DocRejected, missing_columns, read_row, same_document,
};
use crate::import::read::{ReadOptions, Sheet, read_sheet};
use crate::store::documents::{DocFilter, IndexChoice};

/// 导入本机关已有的公开目录
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 电子表格文件（CSV 或 xlsx；列见 README“主动公开”一节）
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 拒收文件（默认 FILE.rejected.csv）
    #[arg(long = "reject-file", value_name = "FILE")]
    reject_file: Option<PathBuf>,
}

fn reject_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".rejected.csv");
    file.with_file_name(name)
}

/// The bad rows as they were, with an 错误 column saying what to fix.
fn reject_text(sheet: &Sheet, rejected: &[DocRejected]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let mut h = sheet.headers.clone();
    h.push("错误".to_string());
    w.write_record(&h)?;
    for rej in rejected {
        if let Some(raw) = sheet.rows.iter().find(|r| r.line == rej.line) {
            let mut cells: Vec<String> = (0..sheet.headers.len())
                .map(|i| raw.cells.get(i).map(|c| c.to_text()).unwrap_or_default())
                .collect();
            cells.push(rej.problems.join("；"));
            w.write_record(&cells)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("\u{feff}{}", String::from_utf8(bytes)?))
}

/// Runs `doc import`.
///
/// # Errors
/// An unreadable file or bad rows (exit 4, nothing written); the database's errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let sheet = read_sheet(&a.file, &ReadOptions::default())?;
    let missing = missing_columns(&sheet);
    if !missing.is_empty() {
        return Err(Failure::new(
            Exit::Input,
            format!("{} 缺少列：{}", a.file.display(), missing.join("、")),
        )
        .hint("列名见 README“主动公开”一节或 examples/documents.csv 的第一行；未写入任何内容")
        .into());
    }
    let topics = super::topics(ctx)?;
    let mut good: Vec<DocImportRow> = Vec::new();
    let mut rejected: Vec<DocRejected> = Vec::new();
    for raw in &sheet.rows {
        match read_row(&sheet.headers, raw, &topics, &ctx.calendar) {
            Ok(row) => {
                let dup = good
                    .iter()
                    .find(|g| match (g.registration(), row.registration()) {
                        (Some(x), Some(y)) => same_document(x, y),
                        _ => false,
                    });
                match dup {
                    Some(g) => rejected.push(DocRejected {
                        line: raw.line,
                        problems: vec![format!(
                            "与{}是同一文件（文号相同，或标题和成文日期相同）",
                            sheet.source.row_label(g.line)
                        )],
                    }),
                    None => good.push(row),
                }
            }
            Err(r) => rejected.push(r),
        }
    }
    if !rejected.is_empty() {
        let path = a
            .reject_file
            .clone()
            .unwrap_or_else(|| reject_path(&a.file));
        std::fs::write(&path, reject_text(&sheet, &rejected)?).map_err(|e| {
            Failure::new(
                Exit::Input,
                format!(
                    "无法写入拒收文件 {}：{}",
                    path.display(),
                    crate::error::io_cn(&e)
                ),
            )
        })?;
        let mut f = Failure::new(
            Exit::Input,
            format!(
                "{} 有 {} 行有误，未导入任何内容",
                a.file.display(),
                rejected.len()
            ),
        );
        for r in &rejected {
            f = f.hint(format!(
                "{}：{}",
                sheet.source.row_label(r.line),
                r.problems.join("；")
            ));
        }
        f = f.hint(format!(
            "有误的行及原因已写入 {}；改正后导入该文件即可",
            path.display()
        ));
        return Err(f.into());
    }
    // Rows already in the register are skipped (idempotent).
    let existed = ctx.db_path.exists();
    let existing = ctx.create_store()?.documents(&DocFilter::default())?;
    let (skip, new): (Vec<_>, Vec<_>) = good.into_iter().partition(|row| {
        existing.iter().any(
            |e| match (e.doc.registration.as_ref(), row.registration()) {
                (Some(x), Some(y)) => same_document(x, y),
                _ => false,
            },
        )
    });
    let needs_index = new.iter().any(|r| {
        r.steps
            .iter()
            .any(|s| matches!(s, DocStep::Published(p) if p.index_no.is_empty()))
    });
    let index = if needs_index {
        Some(super::index_config(ctx)?)
    } else {
        None
    };
    let by = ctx.recorder(None);
    let ids = super::write(ctx, true, |w| {
        let mut ids = Vec::new();
        for row in new {
            let mut steps = row.steps.into_iter();
            let Some(first) = steps.next() else { continue };
            let (id, _) = w.register(first, &by)?;
            for s in steps {
                match s {
                    DocStep::Published(mut p) => {
                        let choice = if p.index_no.is_empty() {
                            let (f, c) = index.as_ref().expect("index config when needed");
                            IndexChoice::Next {
                                format: f,
                                credit_code: c,
                            }
                        } else {
                            IndexChoice::Given(std::mem::take(&mut p.index_no))
                        };
                        w.publish(&id, p, choice, &by)?;
                    }
                    s => {
                        w.record(&id, s, &by)?;
                    }
                }
            }
            ids.push(id);
        }
        Ok(ids)
    })?;
    if !existed {
        ctx.announce_new_register();
    }
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(
            out,
            "{}",
            crate::output::json(&serde_json::json!({
                "imported": ids.len(),
                "skipped": skip.len(),
                "ids": ids,
            }))?
        )?,
        _ => writeln!(
            out,
            "已导入 {} 件文件；{} 件已在登记簿中，未重复导入",
            ids.len(),
            skip.len()
        )?,
    }
    Ok(Exit::Ok)
}
