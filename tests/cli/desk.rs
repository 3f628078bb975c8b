//! `register` at the clerk's terminal (issue 13): typed keys go through a real terminal (a
//! pseudo-terminal made by util-linux `script`; the tests are skipped where it is missing).
//! Ctrl-D at a question or "否" at the summary cancels with exit code 130 and writes nothing; an
//! ordinary letter whose confirmation date is left blank is registered unconfirmed (条例第三十一条);
//! a registered letter's tracking number is asked for, and a summary is shown before writing.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `disclose register` on a terminal with `keys` typed, on the register `db`, today being
/// 2026-07-08. Returns the exit code and what the terminal showed; `None` without `script`.
fn at_terminal(db: &Path, keys: &str) -> Option<(i32, String)> {
    let bin = env!("CARGO_BIN_EXE_disclose");
    let cmd = format!("'{bin}' --db '{}' register", db.display());
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TODAY", "2026-07-08")
        .env("DISCLOSE_TIMESTAMP", "2026-07-08T09:00:00+08:00")
        .env("USER", "测试员")
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(keys.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    // `script` missing its options (not util-linux): skip.
    if shown.is_empty() && !out.stderr.is_empty() {
        return None;
    }
    Some((out.status.code().unwrap_or(-1), shown))
}

const DOWN: &str = "\x1b[B";

#[test]
fn ctrl_d_at_the_date_question_cancels_on_a_new_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    // 平常信函 (third in the menu), then a half-typed date erased, then Ctrl-D.
    let keys = format!("{DOWN}{DOWN}\r2026\x7f\x7f\x7f\x7f\x04");
    let Some((code, shown)) = at_terminal(&db, &keys) else {
        return;
    };
    assert_eq!(code, 130, "{shown}");
    assert!(shown.contains("\n错误：已取消：未登记任何内容"), "{shown}");
    assert!(!shown.contains("日期格式"), "{shown}");
    assert!(!db.exists());
}

#[test]
fn no_at_the_summary_cancels_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    // 邮寄: signed for 2026-07-06, tracking number asked; 钱七, 自然人, no ID, phone, no
    // e-mail, no address, content; then "n" at the summary.
    let keys =
        format!("{DOWN}\r2026-07-06\rXA123456789CN\r钱七\r\r\r\r13812345678\r\r\r图书馆年报\rn");
    let Some((code, shown)) = at_terminal(&db, &keys) else {
        return;
    };
    assert_eq!(code, 130, "{shown}");
    for line in [
        "邮件号（挂号信、EMS、快递单号）（可留空）",
        "电子邮箱（可留空）",
        "将登记：",
        "  申请方式：邮寄",
        "  签收日期：2026-07-06",
        "  邮件号：XA123456789CN",
        "  申请人：钱七",
        "  联系电话：13812345678",
        "  申请内容：图书馆年报",
        "已取消：未登记任何内容",
    ] {
        assert!(shown.contains(line), "{line}: {shown}");
    }
    assert!(!db.exists());
}

#[test]
fn a_letter_left_unconfirmed_at_the_prompt_starts_no_clock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    // 平常信函 arrived 2026-07-06 (typed full-width), confirmation left blank; 孙八 with a
    // phone typed full-width, an e-mail; Enter at the summary (是).
    let keys = format!(
        "{DOWN}{DOWN}\r２０２６－０７－０６\r\r孙八\r\r\r\r１３８１２３４５６７８\rsun@example.com\r\r市图书馆年报\r\r"
    );
    let Some((code, shown)) = at_terminal(&db, &keys) else {
        return;
    };
    assert_eq!(code, 0, "{shown}");
    for line in [
        "  确认收到日期：尚未确认（答复期限暂不起算，确认后用 disclose confirm）",
        "  联系电话：13812345678",
        "  电子邮箱：sun@example.com",
        "已登记：2026-0001",
        "确认收到后：disclose confirm 2026-0001 --on 日期",
        "答复期限：平常信函，尚未与申请人确认收到，答复期限未起算（条例第三十一条）",
    ] {
        assert!(shown.contains(line), "{line}: {shown}");
    }
    assert!(
        !shown.contains("下一步：disclose correct notice"),
        "{shown}"
    );
}
