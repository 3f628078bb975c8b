//! The register's files through the real binary: created owner-only, foreign, newer, empty or
//! mistyped files refused untouched, backups read without a change, the event log append-only.

use serde_json::Value;

use crate::common::{Db, disclose, in_person};

const CONTENT: &str = "2025年文物保护专项资金使用情况";

#[cfg(unix)]
#[test]
fn the_database_is_created_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let mode = std::fs::metadata(&db.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn foreign_and_newer_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.db");
    std::fs::write(&junk, "这不是数据库，是一份备忘录。".repeat(100)).unwrap();
    let before = std::fs::read(&junk).unwrap();
    let p = junk.display().to_string();
    let out = disclose(&["--db", &p, "list"]);
    assert_eq!(out.code, 5);
    assert!(
        out.stderr.starts_with(&format!(
            "错误：{p} 不是 disclose 数据库（不是 SQLite 数据库文件），未作任何改动"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&junk).unwrap(), before);

    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let o = other.display().to_string();
    let out = disclose(&["--db", &o, "list"]);
    assert_eq!(out.code, 5);
    assert!(
        out.stderr
            .contains("不是 disclose 数据库（其中已有 1 个其他程序的表）"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&other).unwrap(), before);

    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let out = db.run("2026-03-02", &["list"]);
    assert_eq!(out.code, 5);
    assert!(
        out.stderr.contains(&format!(
            "由更新版本的 disclose 创建（数据库版本 99，本程序只支持到 {}）",
            disclose::store::MIGRATIONS.len()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn the_event_log_is_append_only() {
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let c = rusqlite::Connection::open(&db.path).unwrap();
    for sql in [
        "UPDATE events SET on_date = '2026-03-01'",
        "DELETE FROM events",
    ] {
        let e = c.execute(sql, []).unwrap_err().to_string();
        assert!(
            e.contains("events are append-only: record an amending event instead"),
            "{sql}: {e}"
        );
    }
    let n: i64 = c
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_mistyped_database_path_is_not_an_empty_register() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gongkai").join("disclos.db");
    let ps = p.display().to_string();
    for args in [
        &["overdue", "--fail-if-any"][..],
        &["list"],
        &["show", "2026-0001"],
        &["report", "annual", "--year", "2025"],
        &["withdraw", "2026-0001"],
    ] {
        let mut all = vec!["--db", ps.as_str(), "--today", "2026-11-30"];
        all.extend_from_slice(args);
        let out = disclose(&all);
        assert_eq!(out.code, 5, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .starts_with(&format!("错误：数据库 {ps} 不存在\n")),
            "{}",
            out.stderr
        );
        assert!(
            !p.exists() && !p.parent().unwrap().exists(),
            "{args:?} created something"
        );
    }
}

/// A `register` refused (here a phone number of two digits) on a `--db` that does not exist
/// leaves no register behind: the mistyped path still reads as missing (exit 5), not as an
/// empty register with nothing overdue. An import refused as a whole does the same. A refused
/// register on an existing register leaves it as it was.
#[test]
fn a_refused_first_register_leaves_no_register_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("disclos.db");
    let ps = p.display().to_string();
    let register = |phone: &str| {
        disclose(&[
            "--db",
            &ps,
            "--today",
            "2026-01-05",
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "赵六",
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--phone",
            phone,
            "--content",
            CONTENT,
        ])
    };
    let out = register("12");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "提示：未写入任何内容
"
        ),
        "{}",
        out.stderr
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let out = disclose(&["--db", &ps, "--today", "2026-02-10", "overdue"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(&format!("错误：数据库 {ps} 不存在\n")),
        "{}",
        out.stderr
    );

    let csv = crate::common::repo("examples/mailed-requests.csv");
    let out = disclose(&[
        "--db",
        &ps,
        "--today",
        "2026-11-30",
        "import",
        &csv.display().to_string(),
    ]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(!p.exists(), "a refused import left {ps}");

    assert_eq!(register("13812345678").code, 0);
    assert_eq!(register("12").code, 1);
    assert!(p.exists());
    let out = disclose(&["--db", &ps, "--format", "json", "list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn reading_a_backup_leaves_it_byte_for_byte_unchanged() {
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("backup.db");
    let bs = b.display().to_string();
    db.ok("2026-03-02", &["backup", &bs]);
    let before = std::fs::read(&b).unwrap();
    for args in [
        &["verify"][..],
        &["list"],
        &["show", "2026-0001"],
        &["overdue"],
    ] {
        let mut all = vec!["--db", bs.as_str(), "--today", "2026-03-02"];
        all.extend_from_slice(args);
        assert_eq!(disclose(&all).code, 0, "{args:?}");
        assert_eq!(
            std::fs::read(&b).unwrap(),
            before,
            "{args:?} changed the backup"
        );
    }
}

#[test]
fn writing_is_refused_when_the_log_lost_its_protection() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch("DROP TRIGGER events_no_update;")
        .unwrap();
    let out = db.run("2026-03-02", &["withdraw", &c]);
    assert_eq!(out.code, 6);
    assert!(out.stderr.starts_with("错误：登记簿的事件只增不改保护（触发器 events_no_update）已被删除，可能有人改动过数据库：拒绝写入"), "{}", out.stderr);
    assert!(out.stderr.contains("disclose verify"), "{}", out.stderr);
}

#[test]
fn an_empty_file_is_not_a_register_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.db");
    std::fs::write(&p, b"").unwrap();
    let ps = p.display().to_string();
    for args in [&["overdue", "--fail-if-any"][..], &["verify"], &["list"]] {
        let mut all = vec!["--db", ps.as_str()];
        all.extend_from_slice(args);
        let out = disclose(&all);
        assert_eq!(out.code, 5, "{args:?}");
        assert!(
            out.stderr.contains("是空文件，还不是登记簿"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"", "{args:?} changed the file");
    }
    // 张三's request by mail, registered into the register at `db`.
    let register_into = |db: &str| {
        disclose(&[
            "--db",
            db,
            "--today",
            "2026-03-02",
            "register",
            "--channel",
            "mail",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--content",
            "x",
        ])
    };
    // Registering into it is refused too (issue 16 #3): an empty file where the register
    // belongs is what a creation killed half-way used to leave; it is not silently made a new
    // register numbering from 2026-0001 again.
    let out = register_into(&ps);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("是空文件，还不是登记簿"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&p).unwrap(), b"");
    // A new register is made under a temporary name and linked into place: none is left.
    let fresh = dir.path().join("new.db");
    let out = register_into(fresh.to_str().unwrap());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("new.db-"))
        .collect();
    names.sort();
    assert_eq!(names, ["empty.db", "new.db"]);
}

/// A workbook cut short (a copy or download interrupted), or a file that only begins like one,
/// is refused in Chinese naming the file and the way out (calamine itself says only "Cannot
/// detect file format"); nothing is registered.
#[test]
fn a_truncated_workbook_is_refused_in_chinese_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["申请人", "申请人类型", "签收日期", "申请内容"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["张三", "自然人", "2026-03-02", CONTENT].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let whole = wb.save_to_buffer().unwrap();
    let cut = dir.path().join("九月来信.xlsx");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let ole = dir.path().join("来信.xls");
    std::fs::write(
        &ole,
        [&[0xD0, 0xCF, 0x11, 0xE0][..], b"not a workbook"].concat(),
    )
    .unwrap();
    let db = Db::new();
    for file in [&cut, &ole] {
        let name = file.display().to_string();
        let out = db.run("2026-03-03", &["import", &name]);
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert_eq!(out.stdout, "");
        assert_eq!(
            out.stderr,
            format!(
                "错误：{name} 不是可以读取的 Excel 工作簿（.xlsx / .xls）：文件可能不完整（复制或下载时中断）、设置了打开密码，或其实是其他格式的文件\n提示：用 Excel 或 WPS 打开原文件，重新另存为 .xlsx，或另存为“CSV UTF-8（逗号分隔）”后再导入\n提示：Excel、WPS 也打不开的，请向来件方重新索取文件\n"
            )
        );
    }
    // The whole file imports.
    let whole_path = dir.path().join("完整.xlsx");
    std::fs::write(&whole_path, &whole).unwrap();
    db.ok("2026-03-03", &["import", &whole_path.display().to_string()]);
    // One request: the refused files registered nothing.
    let out = db.ok("2026-03-03", &["list", "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
}

/// The command that creates a register says so (a mistyped --db would otherwise start a second
/// register unnoticed); the next one does not.
#[test]
fn creating_a_register_is_said() {
    let db = Db::new();
    let args = [
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "张三",
        "--applicant-type",
        "natural",
        "--id-number",
        "11010519491231002X",
        "--phone",
        "13812345678",
        "--content",
    ];
    let mut a = args.to_vec();
    a.push(CONTENT);
    let out = db.ok("2026-03-02", &a);
    assert_eq!(
        out.stderr,
        format!(
            "提示：已新建登记簿 {}（如本应使用已有的登记簿，请检查 --db 或配置文件中的 db）\n",
            db.path.display()
        )
    );
    let mut a = args.to_vec();
    a.push("另一项申请");
    let out = db.ok("2026-03-02", &a);
    assert_eq!(out.stderr, "");
}
