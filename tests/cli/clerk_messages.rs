//! Defects a new clerk found (brief t3): texts without a length limit, English or internal text
//! in messages (config, holidays, verify, `doc`), `doc register` hints that do not show the fix,
//! and case-number forms the README promises.

use std::path::{Path, PathBuf};

use crate::common::{Db, Output, disclose};

const TODAY: &str = "2026-11-30";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn register_in_person(db: &Db, extra: &[&str]) -> Output {
    let mut args = vec![
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "张三",
        "--applicant-type",
        "natural",
        "--on",
        "2026-11-02",
    ];
    args.extend_from_slice(extra);
    db.run(TODAY, &args)
}

/// A 申请内容 of 200,000 characters is refused on import with the line, the column, its length
/// and the limit (5,000), and nothing is imported.
#[test]
fn an_imported_description_beyond_the_limit_is_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let long = "规".repeat(200_000);
    let f = write(
        dir.path(),
        "f.csv",
        &format!("申请人,申请人类型,签收日期,申请内容\n张三,自然人,2026-11-02,{long}\n"),
    );
    let db = dir.path().join("register.db").display().to_string();
    let fs = f.display().to_string();
    let o = disclose(&["import", &fs, "--db", &db, "--today", TODAY]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "  第 2 行，“申请内容”：申请内容有 200000 个字，过长（最多 5000 个字）：请检查是否粘贴了别的内容"
        ),
        "{}",
        o.stderr
    );
}

/// Every text field of a registration by flags is bounded: the content (5,000), the address
/// (200), the note (2,000); exactly at the limit is accepted.
#[test]
fn registered_texts_beyond_their_limits_are_refused() {
    let db = Db::new();
    let content = "规".repeat(5_001);
    let o = register_in_person(&db, &["--content", &content]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("申请内容有 5001 个字，过长（最多 5000 个字）"),
        "{}",
        o.stderr
    );
    let address = "路".repeat(201);
    let o = register_in_person(&db, &["--content", "某文件", "--address", &address]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("通信地址有 201 个字，过长（最多 200 个字）"),
        "{}",
        o.stderr
    );
    let note = "注".repeat(2_001);
    let o = register_in_person(&db, &["--content", "某文件", "--note", &note]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("备注有 2001 个字，过长（最多 2000 个字）"),
        "{}",
        o.stderr
    );
    let content = "规".repeat(5_000);
    let o = register_in_person(&db, &["--content", &content, "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// `verify` of a row whose state was changed by hand names the column in Chinese and shows the
/// states as `show` does (已办结, 办理中), never the stored English names.
#[test]
fn verify_shows_a_tampered_state_with_its_chinese_label() {
    let r = crate::common::two_requests();
    r.sql()
        .execute_batch(
            "UPDATE requests SET state = 'concluded', data = json_set(data, '$.state', 'concluded')
             WHERE case_no = '2026-0002';",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    let all = v.to_string();
    assert!(
        all.contains("列 state（状态）为 “已办结”，重放得 “办理中”"),
        "{all}"
    );
    assert!(all.contains("state 为 “已办结”，重放得 “办理中”"), "{all}");
    assert!(
        !all.contains("concluded") && !all.contains("in-progress"),
        "{all}"
    );
}

/// A configuration file with an unclosed string, a holidays file with an unclosed table and a
/// holiday-cn file that is not JSON are each refused in Chinese, with the file, the line and
/// what to write instead — never the parser's English.
#[test]
fn syntax_errors_in_files_the_clerk_edits_are_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "config.toml", "clerk = \"王芳\n");
    let db = dir.path().join("r.db").display().to_string();
    let o = disclose(&["--config", config.to_str().unwrap(), "--db", &db, "list"]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：配置文件 {}:1：文字缺少结尾的引号 \"：请在这一行的值末尾补上 \"，如 clerk = \"王芳\"",
            config.display()
        )
    );
    let holidays = write(dir.path(), "holidays.toml", "[2027\n");
    let o = disclose(&[
        "--config",
        "/dev/null",
        "--holidays",
        holidays.to_str().unwrap(),
        "--db",
        &db,
        "list",
    ]);
    assert_ne!(o.code, 0);
    assert!(
        o.stderr.contains(&format!(
            "{}:1: 不是有效的 TOML：表名缺少右方括号 ]：应写作 [2027] 这样，方括号成对",
            holidays.display()
        )),
        "{}",
        o.stderr
    );
    let json = write(dir.path(), "2027.json", "not json\n");
    let o = disclose(&[
        "--config",
        "/dev/null",
        "calendar",
        "import-holiday-cn",
        json.to_str().unwrap(),
    ]);
    assert_ne!(o.code, 0);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：{}:1: 不是 JSON 文件（第 1 行第 2 列无法识别）：请导入从 holiday-cn 原样下载的年份文件（如 2027.json），不要用文字处理软件打开后另存",
            json.display()
        )
    );
    assert!(!o.stderr.contains("expected"), "{}", o.stderr);
}

/// With the default format `{year}-{seq:04}`, the bracket forms README accepts — `[2026]1`,
/// `（2026）1`, `〔2026〕1号` — name request 2026-0001.
#[test]
fn bracket_forms_of_a_case_number_are_accepted_with_the_default_format() {
    let r = crate::common::Register::new();
    assert_eq!(r.s5(), "2026-0001");
    for typed in ["[2026]1", "（2026）1", "〔2026〕1号", "(2026)0001"] {
        let o = r.ok(&["show", typed, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
        assert_eq!(v["case_no"], "2026-0001", "{typed}");
    }
    let o = r.run(&["show", "[2026]2"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.starts_with("错误：找不到案件 [2026]2"),
        "{}",
        o.stderr
    );
}

/// After `restore`, a number the damaged register issued after the backup (reserved by the
/// restore) is not just "not found": the clerk is told why, and to register the request again.
#[test]
fn a_number_reserved_by_a_restore_says_to_register_the_request_again() {
    let r = crate::common::Register::new();
    let reg = |who: &str| r.register_today(who);
    assert_eq!(reg("甲"), "2026-0001");
    let backup = r.path("b.db");
    r.ok(&["backup", backup.to_str().unwrap()]);
    assert_eq!(reg("乙"), "2026-0002");
    r.ok(&["restore", backup.to_str().unwrap()]);
    for typed in ["2026-0002", "2026-2", "[2026]2"] {
        let o = r.run(&["show", typed]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        let lines: Vec<&str> = o.stderr.lines().collect();
        assert!(
            lines[0].starts_with(
                "错误：找不到案件 2026-0002：这个编号是损坏的登记簿在备份之后发出的，恢复备份时已保留、不再使用（恢复自备份 "
            ),
            "{}",
            o.stderr
        );
        assert_eq!(
            lines[1],
            "提示：请按纸质材料用 disclose register 重新登记这件申请（会得到新的编号），并在卷宗上注明原编号"
        );
    }
    // A number never issued is still just not found.
    let o = r.run(&["show", "2026-0009"]);
    assert!(
        o.stderr.starts_with("错误：找不到案件 2026-0009\n"),
        "{}",
        o.stderr
    );
}
