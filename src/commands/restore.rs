//! `disclose restore BACKUP`: README's restore procedure done by the tool (see
//! [`crate::store::restore::restore`]).

use std::io::Write;
use std::path::PathBuf;

use crate::context::Ctx;
use crate::error::{Exit, Failure};
use crate::store::format_case_no;
use crate::store::restore::{RestoreError, restore};

/// Arguments of `restore`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "按 README 的恢复步骤恢复登记簿：有其他程序正在使用登记簿时拒绝；先校验备份（必须完好）；\n把损坏的登记簿及其 -wal、-shm 移到一旁（改名为 STEM.damaged-日期时间.db，留作证据，不删除）；\n把备份复制到原位置（权限 0600）并再次校验；最后列出损坏的登记簿在备份之后还记录了哪些事件\n（能读取时），以便根据纸质材料按原业务日期重新录入；其间已发出的案件编号在恢复后的登记簿中保留，不会再次发出。"
)]
pub struct Args {
    /// 用来恢复的备份文件（disclose backup 或每日备份做出的）
    #[arg(value_name = "BACKUP")]
    backup: PathBuf,
}

/// Runs `restore`.
///
/// # Errors
/// Exit 5 when the backup cannot be used, the register is in use, or a file cannot be moved or
/// copied; exit 6 when the backup (or the restored register) does not verify.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    // The moved-aside files are named after the moment (the recording time, fixed in tests).
    let tag: String = ctx
        .now()
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    let tag = format!("{}-{}", &tag[..8.min(tag.len())], &tag[8.min(tag.len())..]);
    let register = ctx.db_path.clone();
    let r = restore(&register, &a.backup, &tag).map_err(|e| {
        let exit = match &e {
            RestoreError::BackupDamaged { .. } | RestoreError::RestoredDamaged { .. } => {
                Exit::Integrity
            }
            RestoreError::SameFile(_) => Exit::Usage,
            _ => Exit::Database,
        };
        let f = Failure::new(exit, e.to_string());
        match e {
            RestoreError::InUse { .. } => {
                f.hint("等其他人的 disclose 命令结束后再运行 disclose restore")
            }
            RestoreError::BackupDamaged { .. } => {
                f.hint("换一个较早的备份再试；每日备份在配置的 backup_dir 中")
            }
            _ => f,
        }
    })?;
    let mut out = std::io::stdout().lock();
    for (from, to) in &r.moved_aside {
        writeln!(
            out,
            "已把损坏的文件 {} 移到 {}（留作证据）",
            from.display(),
            to.display()
        )?;
    }
    writeln!(
        out,
        "已用备份 {} 恢复登记簿 {}（{} 件申请、{} 条事件，恢复前后均校验完好）",
        a.backup.display(),
        register.display(),
        r.requests,
        r.events
    )?;
    if let Some(h) = &r.head {
        writeln!(out, "最新事件：seq {}，哈希 {}", h.seq, h.hash)?;
    }
    match &r.later {
        Ok(later) if later.is_empty() => {
            writeln!(out, "损坏的登记簿在备份之后没有记录别的事件。")?;
        }
        Ok(later) => {
            writeln!(
                out,
                "损坏的登记簿在备份之后还记录了以下 {} 条事件，请根据纸质材料按原业务日期重新录入：",
                later.len()
            )?;
            for e in later {
                writeln!(
                    out,
                    "  seq {}　{}　第 {} 条　{}　{}",
                    e.seq,
                    e.case_no.as_deref().unwrap_or("（未知案件）"),
                    e.event.map_or("?".to_string(), |n| n.to_string()),
                    step_label(&e.kind),
                    e.on
                )?;
            }
            let mut new_cases: Vec<&str> = later
                .iter()
                .filter(|e| e.event == Some(1))
                .filter_map(|e| e.case_no.as_deref())
                .collect();
            new_cases.dedup();
            if !new_cases.is_empty() && r.reserved.is_empty() {
                writeln!(
                    out,
                    "备份之后登记的申请（案件编号 {}）需重新登记；重新登记后的编号可能与原编号不同，请与纸质材料核对并注明。",
                    new_cases.join("、")
                )?;
            } else if !new_cases.is_empty() {
                writeln!(
                    out,
                    "备份之后登记的申请（案件编号 {}）需重新登记；原编号已保留、不会再次发出，重新登记后会得到新编号，请在纸质材料上注明新旧编号。",
                    new_cases.join("、")
                )?;
            }
        }
        Err(why) => {
            writeln!(
                out,
                "损坏的登记簿无法读取（{why}），无法列出备份之后的记录：请根据纸质材料重新录入备份（最新事件 seq {}）之后的所有步骤。",
                r.head.as_ref().map_or(0, |h| h.seq)
            )?;
        }
    }
    // The numbers the damaged register issued after the backup (issue 16 #16).
    let fmt = ctx.number_format();
    for res in &r.reserved {
        let no = |seq: i64| format_case_no(&fmt, res.year, seq).unwrap_or_else(|_| seq.to_string());
        let range = if res.first == res.last {
            no(res.first)
        } else {
            format!("{} 至 {}", no(res.first), no(res.last))
        };
        writeln!(
            out,
            "已在恢复后的登记簿中保留损坏的登记簿在备份之后发出的案件编号 {range}，这些编号不会再次发出；{} 年此后登记的申请从 {} 起编号。",
            res.year,
            no(res.last + 1)
        )?;
    }
    Ok(Exit::Ok)
}

/// The Chinese name of a stored event kind (`withdraw` → 申请人撤回), or the kind as stored.
fn step_label(kind: &str) -> String {
    crate::case::StepKind::ALL
        .iter()
        .find(|k| serde_json::to_value(k).is_ok_and(|v| v.as_str() == Some(kind)))
        .map_or_else(|| kind.to_string(), |k| k.label().to_string())
}
