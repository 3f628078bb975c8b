//! `disclose export`: one request's complete file for an appeal (see [`crate::report::export`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::context::Ctx;
use crate::error::{Exit, Failure};
use crate::report::export::{self, ExportMeta};

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "导出每条记录（业务日期、经办人、记录时间、哈希）、答复期限的计算及依据、记录的文书\n（补正通知、征求意见函及答复、延期、收费、答复书），写成 case.json（机器可读）和\ncase.md（中文可读），另附 manifest.json 和 SHA256SUMS，以便日后核对\n（disclose verify --export 目录）。证件号码、电话、邮箱、地址默认部分遮盖（--reveal 显示完整）；\n遮盖时载有申请人个人信息的文书不复制，只在 manifest.json 中列出文号、日期和 SHA-256。\n导出的文件只有本人可读（0600）。"
)]
pub struct Args {
    /// 案件编号
    #[arg(value_name = "CASE", value_parser = super::parse_case_arg)]
    case: String,
    /// 导出到这个目录（不存在则新建；目录中已有文件时拒绝，不覆盖）
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// 导出完整的证件号码、电话、邮箱、地址（默认部分遮盖）
    #[arg(long)]
    reveal: bool,
}

/// Creates `path` readable and writable by its owner only, refusing to replace a file.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Makes `dir` (owner-only when created here) and checks it is empty.
fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Failure::new(
                Exit::Refused,
                format!("{} 已存在且不是目录，未导出", dir.display()),
            )
            .hint("--dir 应指定一个新目录或空目录")
            .into());
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| {
            Failure::new(
                Exit::Database,
                format!("无法读取目录 {}：{e}", dir.display()),
            )
        })?;
        if entries.next().is_some() {
            return Err(Failure::new(
                Exit::Refused,
                format!("目录 {} 中已有文件，未导出（不覆盖）", dir.display()),
            )
            .hint("换一个新目录，或先把旧的导出移走")
            .into());
        }
        return Ok(());
    }
    crate::store::create_private_dir(dir).map_err(|e| {
        Failure::new(
            Exit::Database,
            format!("无法创建目录 {}：{e}", dir.display()),
        )
        .hint("检查路径和写权限，或换一个目录")
        .into()
    })
}

/// Runs `export`.
///
/// # Errors
/// Not found (exit 1); a non-empty target folder (exit 1); the request's record does not
/// verify (exit 6: nothing is exported from an altered record); I/O errors (exit 5).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let case_no = ctx.case_no(a.case.trim())?;
    let meta = ExportMeta {
        agency: ctx.config.agency.clone(),
        as_of: ctx.today,
        exported_at: ctx.now(),
        exported_by: ctx.recorder(None),
        reveal: a.reveal,
    };
    let cal = ctx.calendar.clone();
    let store = ctx.store()?;
    let case = store.case(&case_no)?;
    let problems = crate::store::verify::verify_request(store, &case_no)?;
    if !problems.is_empty() {
        let mut f = Failure::new(
            Exit::Integrity,
            format!("{case_no} 的记录未通过校验，未导出：{}", problems[0].what),
        );
        for p in &problems {
            f = f.hint(format!("{}：{}", p.location(), p.what));
        }
        return Err(f
            .hint("运行 disclose verify 查看整个登记簿；用备份恢复（见 README）")
            .into());
    }
    let events = store.events(&case_no)?;
    let head = store.chain_head()?;
    let file = export::build(&case, &events, head.as_ref(), &cal, &meta)?;
    // The letters issued, made again and checked against the SHA-256 recorded when each was
    // issued (SPEC §9): listed in the manifest and SHA256SUMS under letters/ with that hash.
    // Without --reveal the letters that carry the applicant's personal data are not copied:
    // the manifest lists them by number, date and SHA-256.
    let plain: Vec<crate::case::Event> = events.iter().map(|e| e.event.clone()).collect();
    let letters = super::letter::reproduce(ctx, &case, &plain);
    let mut letter_files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut unmade: Vec<(String, String)> = Vec::new();
    let mut left_out: Vec<export::LeftOutLetter> = Vec::new();
    for l in letters {
        if l.personal && !a.reveal {
            left_out.push(export::LeftOutLetter {
                name: format!("{}/{}", export::LETTERS_DIR, l.name),
                title: l.title,
                number: l.number,
                issued_on: l.issued_on,
                sha256: l.sha256,
            });
            continue;
        }
        match l.made {
            Ok(bytes) => letter_files.push((format!("{}/{}", export::LETTERS_DIR, l.name), bytes)),
            Err(why) => unmade.push((l.name, why)),
        }
    }
    // Every file of the export in writing order, the manifest and SHA256SUMS last.
    let files = export::files(&file, letter_files, &left_out)?;

    prepare_dir(&a.dir)?;
    let has_letters = files
        .iter()
        .any(|(n, _)| n.starts_with(&format!("{}/", export::LETTERS_DIR)));
    let letters_dir = a.dir.join(export::LETTERS_DIR);
    for (i, (name, bytes)) in files.iter().enumerate() {
        let made_dir = if i == 2 && has_letters {
            crate::store::create_private_dir(&letters_dir)
        } else {
            Ok(())
        };
        if let Err(e) = made_dir.and_then(|()| write_private(&a.dir.join(name), bytes)) {
            // Leave no half export behind: remove what this run wrote.
            for (n, _) in &files[..=i] {
                let _ = std::fs::remove_file(a.dir.join(n));
            }
            let _ = std::fs::remove_dir(&letters_dir);
            return Err(Failure::new(
                Exit::Database,
                format!("写入 {} 失败，未导出：{e}", a.dir.join(name).display()),
            )
            .hint("检查磁盘空间和目录的写权限后重试")
            .into());
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "已导出 {case_no} 的案卷到 {}：{} 条记录，个人信息{}",
        a.dir.display(),
        events.len(),
        if a.reveal {
            "完整显示"
        } else {
            "已部分遮盖"
        }
    )?;
    for (n, _) in &files {
        writeln!(out, "  {}", a.dir.join(n).display())?;
    }
    if !left_out.is_empty() {
        writeln!(out, "{}：", export::LETTERS_LEFT_OUT)?;
        for l in &left_out {
            let line = format!(
                "  {} {} {} SHA-256 {}",
                l.issued_on,
                l.title,
                l.number.as_deref().unwrap_or("（无文号）"),
                l.sha256
            );
            writeln!(out, "{}", crate::output::terminal_safe(&line))?;
        }
    }
    for (name, why) in &unmade {
        eprintln!("警告：文书 {name} 未导出：{why}");
    }
    writeln!(out, "核对：disclose verify --export {}", a.dir.display())?;
    Ok(Exit::Ok)
}
