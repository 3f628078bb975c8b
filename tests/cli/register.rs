//! The request register through the binary: registration and its checks, case numbers, the
//! store's refusals of foreign or newer files, amendments, archive, list and show.

use serde_json::{Value, json};

use crate::common::{Db, approve, consult_answer, consult_send, disclose, in_person};

const CONTENT: &str = "2025年文物保护专项资金使用情况";

/// The contract scripts rely on (issue: "Scripts and tests depend on this much staying fixed").
#[test]
fn the_scripted_registration_contract() {
    let db = Db::new();
    let out = db.ok(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--on",
            "2026-03-02",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--content",
            CONTENT,
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("exactly one JSON object");
    assert_eq!(v["case_no"], json!("2026-0001"));
    assert_eq!(v["events"][0]["kind"], json!("register"));
    let v = db.show("2026-03-02", "2026-0001");
    assert_eq!(v["reply_due"], json!("2026-03-30"));
    assert_eq!(v["reply_due_provisional"], json!(false));
    assert_eq!(v["received_on"], json!("2026-03-02"));
    assert_eq!(v["clock"], json!("running"));
    assert_eq!(v["outcome"], Value::Null);
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    // Lacking identity proof and contact details (条例 Art 29): registered, flagged.
    assert_eq!(v["needs_correction"], json!(["身份证明", "联系方式"]));
}

#[test]
fn without_a_terminal_a_missing_value_names_its_flag() {
    let db = Db::new();
    let out = db.run(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "mail",
            "--applicant",
            "张三",
            "--content",
            CONTENT,
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "错误：缺少申请人类型（natural, enterprise, research, nonprofit, legal, other-org）：请用 --applicant-type 给出"
        ),
        "{}",
        out.stderr
    );
    assert!(!db.path.exists(), "nothing was created");
    let out = db.run("2026-03-02", &["register", "--applicant", "张三"]);
    assert!(out.stderr.contains("请用 --channel 给出"), "{}", out.stderr);
}

#[test]
fn check_characters_are_checked() {
    let db = Db::new();
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--id-number",
            "110105194912310021",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr
            .starts_with("错误：身份证号码校验位不符：按前17位应为“X”，实为“1”，请核对是否抄错"),
        "{}",
        out.stderr
    );
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "mail",
            "--applicant",
            "某文化传媒有限公司",
            "--applicant-type",
            "enterprise",
            "--id-number",
            "91350100M000100Y44",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr
            .contains("统一社会信用代码校验位不符：按前17位应为“3”"),
        "{}",
        out.stderr
    );
    let c = db.register(
        "2026-03-02",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-03-02",
            "--applicant",
            "某文化传媒有限公司",
            "--applicant-type",
            "enterprise",
            "--id-number",
            "91350100M000100Y43",
            "--address",
            "某市文化路1号",
            "--content",
            CONTENT,
        ],
    );
    assert_eq!(db.show("2026-03-02", &c)["needs_correction"], json!([]));
}

#[test]
fn likely_duplicates_need_force() {
    let db = Db::new();
    let a = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let out = db.refused(
        "2026-03-09",
        &[
            "register",
            "--channel",
            "mail",
            "--on",
            "2026-03-09",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr.starts_with(&format!(
            "错误：这件申请可能已经登记过：与 {a} 同一申请人、相同申请内容，收到日期相隔 5 个工作日"
        )),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("加 --force 再登记"), "{}", out.stderr);
    let b = db.register(
        "2026-03-09",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-03-09",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--content",
            CONTENT,
            "--force",
        ],
    );
    assert_eq!(b, "2026-0002");
    // Same tracking number: a duplicate whoever the applicant.
    db.register(
        "2026-03-10",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-03-10",
            "--applicant",
            "李四",
            "--applicant-type",
            "natural",
            "--tracking-no",
            "EMS1001",
            "--content",
            "甲",
        ],
    );
    let out = db.refused(
        "2026-03-10",
        &[
            "register",
            "--channel",
            "mail",
            "--on",
            "2026-03-10",
            "--applicant",
            "王五",
            "--applicant-type",
            "natural",
            "--tracking-no",
            "EMS1001",
            "--content",
            "乙",
        ],
    );
    assert!(out.stderr.contains("邮件号 EMS1001 相同"), "{}", out.stderr);
}

#[test]
fn case_numbers_run_per_year_of_receipt_and_follow_the_configured_format() {
    let db = Db::new();
    assert_eq!(
        in_person(&db, "2026-03-02", "2026-03-02", "甲", "一"),
        "2026-0001"
    );
    assert_eq!(
        in_person(&db, "2026-03-02", "2025-12-31", "乙", "二"),
        "2025-0001"
    );
    assert_eq!(
        in_person(&db, "2026-03-02", "2026-03-02", "丙", "三"),
        "2026-0002"
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "case_no_format = \"文旅公开〔{year}〕{seq}号\"\nclerk = \"王芳\"\n",
    )
    .unwrap();
    let dbp = dir.path().join("r.db").display().to_string();
    let c = cfg.display().to_string();
    let out = disclose(&[
        "--config",
        &c,
        "--db",
        &dbp,
        "--today",
        "2026-03-02",
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "丁",
        "--applicant-type",
        "natural",
        "--content",
        "四",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["case_no"], json!("文旅公开〔2026〕1号"));
    let out = disclose(&[
        "--config",
        &c,
        "--db",
        &dbp,
        "show",
        "文旅公开〔2026〕1号",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["events"][0]["by"],
        json!("王芳"),
        "the recorder defaults to the config's clerk"
    );
    std::fs::write(&cfg, "case_no_format = \"GK-{seq}\"\n").unwrap();
    let out = disclose(&["--config", &c, "--db", &dbp, "list"]);
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.contains("须含有 {year} 和 {seq}"),
        "{}",
        out.stderr
    );
}

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
        out.stderr
            .contains("由更新版本的 disclose 创建（数据库版本 99，本程序只支持到 1）"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_case_is_refused_with_a_hint() {
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let out = db.refused("2026-03-02", &["withdraw", "2026-9999"]);
    assert_eq!(
        out.stderr,
        "错误：找不到案件 2026-9999\n提示：用 disclose list 查看已登记的案件编号\n"
    );
}

#[test]
fn reply_letters_must_give_what_the_outcome_needs() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let draft = |extra: &[&str]| {
        let mut v = vec![
            "review",
            "draft",
            &c,
            "--on",
            "2026-03-03",
            "--department",
            "文物科",
            "--handler",
            "李明",
            "--outcome",
            "保护第三方合法权益",
        ];
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    // Withholding needs reasons and a legal basis already in the draft the leader approves.
    let args = draft(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = db.refused("2026-03-03", &args);
    assert!(
        out.stderr.starts_with(
            "错误：拟办意见为（三）不予公开 4.保护第三方合法权益，须写明理由（--reasons）和法律依据（--basis）（条例第三十六条、第三十七条）"
        ),
        "{}",
        out.stderr
    );
    let args = draft(&[
        "--reasons",
        "涉及商业秘密",
        "--basis",
        "《政府信息公开条例》第十五条",
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    db.ok("2026-03-03", &args);
    db.ok(
        "2026-03-03",
        &["review", "office", &c, "--on", "2026-03-03", "--approve"],
    );
    db.ok(
        "2026-03-03",
        &[
            "review",
            "leader",
            &c,
            "--on",
            "2026-03-03",
            "--leader",
            "王局长",
            "--approve",
        ],
    );
    let out = db.refused(
        "2026-03-04",
        &[
            "reply",
            &c,
            "--on",
            "2026-03-04",
            "--delivery",
            "邮寄",
            "--outcome",
            "1",
        ],
    );
    assert!(
        out.stderr
            .contains("与审批同意的拟办意见（（三）不予公开 4.保护第三方合法权益）不一致"),
        "{}",
        out.stderr
    );
    // The reply takes the approved draft's reasons and basis.
    db.ok(
        "2026-03-04",
        &[
            "reply",
            &c,
            "--on",
            "2026-03-04",
            "--delivery",
            "邮寄",
            "--tracking-no",
            "EMS2002",
        ],
    );
    let v = db.show("2026-03-04", &c);
    assert_eq!(v["outcome"], json!("3.4"));
    assert_eq!(
        v["outcome_label"],
        json!("（三）不予公开 4.保护第三方合法权益")
    );

    let d = in_person(&db, "2026-03-05", "2026-03-05", "李四", "本机关没有的文件");
    approve(&db, "2026-03-05", &d, "2026-03-05", "4.1");
    let out = db.refused(
        "2026-03-05",
        &["reply", &d, "--on", "2026-03-05", "--delivery", "邮寄"],
    );
    assert!(
        out.stderr.contains(
            "（四）无法提供 1.本机关不掌握相关政府信息 的答复须写明：所做的检索（--search-done）"
        ),
        "{}",
        out.stderr
    );
    let out = db.refused(
        "2026-03-05",
        &[
            "reply",
            &d,
            "--on",
            "2026-03-05",
            "--delivery",
            "邮寄",
            "--competent-agency",
            "市自然资源局",
        ],
    );
    assert!(
        out.stderr
            .contains("须写明：负责公开的机关的联系方式（--agency-contact）"),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-03-05",
        &[
            "reply",
            &d,
            "--on",
            "2026-03-05",
            "--delivery",
            "邮寄",
            "--competent-agency",
            "市自然资源局",
            "--agency-contact",
            "0591-12345678",
        ],
    );
}

#[test]
fn an_archived_request_is_read_only_but_takes_appeals() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    approve(&db, "2026-03-03", &c, "2026-03-03", "1");
    db.ok(
        "2026-03-04",
        &["reply", &c, "--on", "2026-03-04", "--delivery", "邮寄"],
    );
    let out = db.refused(
        "2026-03-04",
        &["archive", &c, "--on", "2026-03-04", "--file-no", " "],
    );
    assert!(
        out.stderr.contains("请写明卷宗号（--file-no）"),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-03-05",
        &[
            "archive",
            &c,
            "--on",
            "2026-03-05",
            "--file-no",
            "WS·2026-永久-001",
        ],
    );
    let out = db.refused(
        "2026-03-06",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "content=x",
            "--reason",
            "笔误",
        ],
    );
    assert!(
        out.stderr.contains("本申请已归档，归档后只读"),
        "{}",
        out.stderr
    );
    let out = db.refused("2026-03-06", &["withdraw", &c]);
    assert!(out.stderr.starts_with("错误：不能记录“申请人撤回”：本申请已于 2026-03-05 归档，归档后只读，只能登记复议、诉讼（条例第四十五条）"), "{}", out.stderr);
    db.ok(
        "2026-03-20",
        &[
            "appeal",
            "file",
            &c,
            "--on",
            "2026-03-20",
            "--kind",
            "reconsideration",
            "--body",
            "市人民政府",
        ],
    );
    db.ok(
        "2026-05-20",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-05-20",
            "--result",
            "upheld",
        ],
    );
    let v = db.show("2026-05-20", &c);
    assert_eq!(v["state"], json!("archived"));
    assert_eq!(
        v["appeals"],
        json!([{
            "kind": "reconsideration", "kind_label": "行政复议", "filed_on": "2026-03-20",
            "body": "市人民政府", "reference": null, "decided_on": "2026-05-20", "result": "结果维持"
        }])
    );
}

#[test]
fn an_amendment_is_visible_and_deadlines_follow_it() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    assert_eq!(db.show("2026-03-02", &c)["reply_due"], json!("2026-03-30"));
    db.ok(
        "2026-03-04",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--date",
            "2026-03-03",
            "--set",
            "applicant.name=张叁",
            "--reason",
            "登记时收到日期和姓名抄错",
        ],
    );
    let v = db.show("2026-03-04", &c);
    assert_eq!(v["received_on"], json!("2026-03-03"));
    assert_eq!(v["reply_due"], json!("2026-03-31"));
    assert_eq!(v["applicant"]["name"], json!("张叁"));
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0]["on"],
        json!("2026-03-02"),
        "the original entry is kept as recorded"
    );
    assert_eq!(events[1]["kind"], json!("amend"));
    assert!(
        events[1]["summary"]
            .as_str()
            .unwrap()
            .contains("更正第 1 项：日期改为 2026-03-03")
    );
    let out = db.refused(
        "2026-03-04",
        &[
            "amend", &c, "--event", "1", "--set", "nmae=x", "--reason", "x",
        ],
    );
    assert!(
        out.stderr.contains("该事件没有字段“nmae”"),
        "{}",
        out.stderr
    );
}

#[test]
fn list_filters_and_masks() {
    let db = Db::new();
    let a = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    db.register(
        "2026-03-03",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-03-03",
            "--applicant",
            "某律师事务所",
            "--applicant-type",
            "legal",
            "--phone",
            "13912345678",
            "--content",
            "行政处罚案卷",
        ],
    );
    approve(&db, "2026-03-04", &a, "2026-03-04", "1");
    let out = db.ok("2026-03-05", &["list", "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["id_number"], json!("110105********002X"));
    assert_eq!(rows[0]["phone"], json!("138****5678"));
    assert_eq!(rows[0]["stage"], json!("待答复"));
    assert_eq!(rows[0]["department"], json!("文物科"));
    let out = db.ok(
        "2026-03-05",
        &[
            "list",
            "--format",
            "json",
            "--reveal",
            "--applicant-type",
            "natural",
        ],
    );
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["id_number"], json!("11010519491231002X"));
    let out = db.ok(
        "2026-03-05",
        &[
            "list",
            "--format",
            "json",
            "--applicant-type",
            "法律服务机构",
        ],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout).unwrap()[0]["applicant"],
        json!("某律师事务所")
    );
    let out = db.ok(
        "2026-03-05",
        &[
            "list",
            "--format",
            "json",
            "--department",
            "文物科",
            "--due-to",
            "2026-03-30",
        ],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let out = db.ok("2026-03-05", &["list", "--format", "csv"]);
    assert!(
        out.stdout.starts_with(
            "\u{feff}案件编号,收到日期,申请人,类型,证件号码,电话,阶段,答复期限,科室,承办人,结果\r\n"
        ),
        "{}",
        out.stdout
    );
    let out = db.run("2026-03-05", &["list", "--state", "done"]);
    assert_eq!(out.code, 2);
}

#[test]
fn show_explains_each_deadline() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "某演出公司营业性演出许可审批材料",
    );
    consult_send(&db, &c, "2026-03-10", "某演出有限公司");
    consult_answer(&db, &c, "2026-03-20", "某演出有限公司", "agree", None);
    let out = db.ok("2026-03-20", &["show", &c]);
    assert!(out.stdout.contains(
        "答复期限：2026-04-10\n  依据：自 2026-03-02（当面提交之日）起 20 个工作日（条例第三十三条第一款）；征求第三方意见（条例第三十二条）：某演出有限公司，2026-03-10 发函，2026-03-20 收到答复，期间不计算在内\n"
    ), "{}", out.stdout);
    assert!(
        out.stdout.contains("证件：110105********002X"),
        "masked by default: {}",
        out.stdout
    );
    let out = db.ok("2026-03-20", &["show", &c, "--reveal"]);
    assert!(out.stdout.contains("证件：11010519491231002X"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let db = Db::new();
    for i in 0..30 {
        in_person(
            &db,
            "2026-03-02",
            "2026-03-02",
            &format!("申请人{i}"),
            &format!("内容{i}"),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("disclose");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --db '{}' list | head -c 10 >/dev/null",
            bin.display(),
            db.path.display()
        ))
        .env("DISCLOSE_CONFIG", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn calendar_diff_lists_the_deadlines_a_new_notice_moves() {
    let db = Db::new();
    // S11: received 2026-12-10, reply due 2027-01-08 counted with the statutory 元旦 (provisional).
    let c = in_person(
        &db,
        "2026-12-10",
        "2026-12-10",
        "吴十",
        "2027年春节文化活动安排",
    );
    let other = in_person(
        &db,
        "2026-12-10",
        "2026-11-02",
        "郑十一",
        "与新年无关的申请",
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("agency-holidays.toml");
    // Suppose the 2027 notice gives 2027-01-01..03 off: 元旦 was already counted as a statutory
    // rest day, so the due date stays 2027-01-08 and is listed because it stops being provisional.
    std::fs::write(
        &f,
        "[2027]\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\nholidays = [\n  { name = \"元旦\", off = [\"2027-01-01..2027-01-03\"], work = [] },\n]\n",
    )
    .unwrap();
    let p = f.display().to_string();
    let out = db.ok("2026-12-10", &["calendar", "diff", &p, "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        rows,
        json!([{
            "case_no": c, "what": "答复期限",
            "before": "2027-01-08", "before_provisional": true,
            "after": "2027-01-08", "after_provisional": false
        }])
    );
    assert!(!rows.to_string().contains(&other));
    // With the file in force, show follows: the due date is no longer provisional.
    let out = db.ok(
        "2026-12-10",
        &["--holidays", &p, "show", &c, "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["reply_due"], json!("2027-01-08"));
    assert_eq!(v["reply_due_provisional"], json!(false));
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
fn disclosing_over_a_third_partys_objection_needs_a_public_interest_finding() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "某演出公司营业性演出许可审批材料",
    );
    consult_send(&db, &c, "2026-03-10", "某演出有限公司");
    consult_answer(
        &db,
        &c,
        "2026-03-20",
        "某演出有限公司",
        "object",
        Some("涉及商业秘密"),
    );
    approve(&db, "2026-03-23", &c, "2026-03-23", "1");
    let out = db.refused(
        "2026-03-24",
        &["reply", &c, "--on", "2026-03-24", "--delivery", "邮寄"],
    );
    assert!(
        out.stderr.starts_with(
            "错误：第三方“某演出有限公司”不同意公开：第三方不同意公开且有合理理由的，不予公开"
        ),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-03-24",
        &[
            "reply",
            &c,
            "--on",
            "2026-03-24",
            "--delivery",
            "邮寄",
            "--public-interest",
            "涉及公共安全，不公开可能对公共利益造成重大影响，已书面告知第三方",
        ],
    );
    assert_eq!(db.show("2026-03-24", &c)["outcome"], json!("1"));
}

/// After an objection, withholding the third party's part (（二）部分公开) is the default (条例第三十二条):
/// no public-interest finding is asked for, nor put on the record.
#[test]
fn a_partial_disclosure_after_an_objection_needs_no_public_interest_finding() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "营业性演出许可审批材料",
    );
    consult_send(&db, &c, "2026-03-10", "某演出有限公司");
    consult_answer(
        &db,
        &c,
        "2026-03-20",
        "某演出有限公司",
        "object",
        Some("涉及商业秘密"),
    );
    approve(&db, "2026-03-23", &c, "2026-03-23", "2");
    db.ok(
        "2026-03-24",
        &["reply", &c, "--on", "2026-03-24", "--delivery", "当面"],
    );
    let v = db.show("2026-03-24", &c);
    assert_eq!(v["outcome"], json!("2"));
    assert!(!v.to_string().contains("公共利益"), "{v}");
}

#[test]
fn stored_text_cannot_drive_the_terminal() {
    let db = Db::new();
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "张三\u{1b}[2J",
            "--applicant-type",
            "natural",
            "--content",
            "x",
        ],
    );
    assert!(
        out.stderr
            .contains("申请人姓名或名称不能含换行或其他控制字符"),
        "{}",
        out.stderr
    );
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "张三",
        "内容\u{1b}[31m红字\u{202e}倒序",
    );
    let out = db.ok("2026-03-02", &["show", &c]);
    assert!(
        !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{202e}'),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("申请内容：内容\\u{1b}[31m红字\\u{202e}倒序"),
        "{}",
        out.stdout
    );
    let out = db.ok("2026-03-02", &["overdue", "--within", "30"]);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    // JSON keeps the text exactly.
    assert_eq!(
        db.show("2026-03-02", &c)["content"],
        json!("内容\u{1b}[31m红字\u{202e}倒序")
    );
    // A recorder's name is one field of the event hash: no line breaks in it.
    let out = db.refused("2026-03-02", &["withdraw", &c, "--by", "王芳\n2026"]);
    assert!(
        out.stderr.contains(
            "经办人姓名（--by 或配置文件的 clerk）不能含换行、控制字符或看不见的格式字符"
        ),
        "{}",
        out.stderr
    );
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
fn an_amendment_that_makes_a_step_irregular_needs_force_and_is_shown() {
    let db = Db::new();
    // S3: online 2026-04-28, correction notice 2026-05-08 (window to 05-11).
    let c = db.register(
        "2026-04-28",
        &[
            "--channel",
            "online",
            "--on",
            "2026-04-28",
            "--applicant",
            "王五",
            "--applicant-type",
            "natural",
            "--email",
            "w@example.com",
            "--id-number",
            "11010519491231002X",
            "--content",
            "景区名录",
        ],
    );
    db.ok(
        "2026-05-08",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-05-08",
            "--items",
            "请写明景区",
        ],
    );
    // The receipt date was in fact 04-20: the notice then came after its 7 working days (04-29).
    let before = db.bytes();
    let out = db.refused(
        "2026-05-11",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--date",
            "2026-04-20",
            "--reason",
            "收到日期录错",
        ],
    );
    assert!(out.stderr.contains("按更正后的事实，已记录的步骤将不合规定：第 2 项（补正通知，2026-05-08）：补正通知应在收到申请之日起 7 个工作日内发出（条例第三十条）：本申请 2026-04-20 收到，期限已于 2026-04-29 届满"), "{}", out.stderr);
    assert_eq!(db.bytes(), before);
    db.ok(
        "2026-05-11",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--date",
            "2026-04-20",
            "--reason",
            "收到日期录错",
            "--force",
        ],
    );
    let out = db.ok("2026-05-11", &["show", &c]);
    assert!(
        out.stdout
            .contains("注意：记录中的步骤不合规定：第 2 项（补正通知，2026-05-08）"),
        "{}",
        out.stdout
    );
    // An amendment corrects the past: a step that happened before it can still be recorded.
    db.ok(
        "2026-05-11",
        &["correct", "received", &c, "--on", "2026-05-10"],
    );
}

#[test]
fn a_receipt_before_the_regulation_existed_is_refused() {
    let db = Db::new();
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--on",
            "1900-01-01",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：收到日期 1900-01-01 早于《政府信息公开条例》施行之日（2008-05-01），请核对日期"
        ),
        "{}",
        out.stderr
    );
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
    // Registering into it makes it a register.
    let out = disclose(&[
        "--db",
        &ps,
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
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_local_holiday_does_not_make_an_unknown_year_known() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("local.toml");
    std::fs::write(
        &f,
        "[2027]\nmerge = true\nholidays = [\n  { name = \"地方节日\", off = [\"2027-01-04\"] },\n]\n",
    )
    .unwrap();
    let p = f.display().to_string();
    let out = disclose(&[
        "--holidays",
        &p,
        "calendar",
        "add",
        "2026-12-31",
        "2",
        "--format",
        "json",
    ]);
    // 2027-01-01 is 元旦 (a statutory day, no notice yet), 01-04 the local day off, so 01-06.
    assert_eq!(
        out.stdout,
        "{\"from\":\"2026-12-31\",\"working_days\":2,\"date\":\"2027-01-06\",\"provisional\":true}\n"
    );
    assert!(
        out.stderr
            .contains("2027 年还没有国务院放假通知：只加入了本地假日，该年的日期仍按临时计算"),
        "{}",
        out.stderr
    );
}

#[test]
fn amendments_can_fill_in_what_was_missing_and_speak_chinese() {
    let db = Db::new();
    let c = db.register(
        "2026-03-02",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-03-02",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--content",
            CONTENT,
        ],
    );
    assert_eq!(
        db.show("2026-03-02", &c)["needs_correction"],
        json!(["身份证明", "联系方式"])
    );
    // The applicant called back: a phone number never recorded can be added.
    db.ok(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "applicant.phone=13812345678",
            "--set",
            "applicant_type=商业企业",
            "--reason",
            "申请人来电补充",
        ],
    );
    let v = db.show("2026-03-03", &c);
    assert_eq!(v["applicant"]["type"], json!("enterprise"));
    assert_eq!(v["needs_correction"], json!(["身份证明"]));
    let out = db.refused(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "applicant.phnoe=1",
            "--reason",
            "x",
        ],
    );
    assert!(
        out.stderr
            .contains("该事件没有字段“applicant.phnoe”；登记可更正的字段有：applicant.name"),
        "{}",
        out.stderr
    );
    let out = db.refused(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "applicant.name=",
            "--reason",
            "x",
        ],
    );
    assert!(
        out.stderr.contains("更正后的内容无效：不能为空"),
        "{}",
        out.stderr
    );
    let out = db.refused(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "channel=信鸽",
            "--reason",
            "x",
        ],
    );
    assert!(
        out.stderr
            .contains("“信鸽”不是可选的值，可选：in-person、mail、letter、online、email、fax"),
        "{}",
        out.stderr
    );
    let out = db.refused(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "case_no=2026-0009",
            "--reason",
            "x",
        ],
    );
    assert!(out.stderr.contains("案件编号不能更正"), "{}", out.stderr);
}

#[test]
fn second_tryout_findings_stay_fixed() {
    let db = Db::new();
    // A phone number without digits, a 300-character name: typing errors, refused.
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "mail",
            "--applicant",
            "张三",
            "--applicant-type",
            "个人",
            "--phone",
            "abc",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr
            .contains("联系电话“abc”不像电话号码：至少应有 7 位数字"),
        "{}",
        out.stderr
    );
    let long = "张".repeat(300);
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "mail",
            "--applicant",
            &long,
            "--applicant-type",
            "natural",
            "--content",
            CONTENT,
        ],
    );
    assert!(
        out.stderr
            .contains("申请人姓名或名称有 300 个字，过长（最多 200 个字）"),
        "{}",
        out.stderr
    );
    // Another agency: answered with --agency; its silence counts as consent (条例第三十四条).
    let c = in_person(&db, "2026-03-02", "2026-03-02", "赵六", "联合发文的材料");
    db.ok(
        "2026-03-03",
        &[
            "consult-third-party",
            "send",
            &c,
            "--on",
            "2026-03-03",
            "--agency",
            "市住建局",
        ],
    );
    let out = db.refused(
        "2026-03-04",
        &[
            "consult-third-party",
            "answer",
            &c,
            "--on",
            "2026-03-04",
            "--agency",
            "市住建局",
            "--answer",
            "none",
        ],
    );
    assert!(
        out.stderr
            .contains("尚未届满，不能记录为逾期未答复（条例第三十四条）"),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-03-25",
        &[
            "consult-third-party",
            "answer",
            &c,
            "--on",
            "2026-03-25",
            "--agency",
            "市住建局",
            "--answer",
            "none",
        ],
    );
    let v = db.show("2026-03-25", &c);
    assert_eq!(
        v["consultations"][0]["answer"],
        json!("逾期未答复（视为同意，条例第三十四条）")
    );
    // Withdrawn: no reply due date any more.
    db.ok("2026-03-26", &["withdraw", &c, "--on", "2026-03-26"]);
    let out = db.ok("2026-03-26", &["show", &c]);
    assert!(
        out.stdout
            .contains("答复期限：不再计算（2026-03-26 已办结，无须答复）"),
        "{}",
        out.stdout
    );
    // Two appeals; the first decided: the message points at the open one.
    db.ok(
        "2026-04-01",
        &[
            "appeal",
            "file",
            &c,
            "--on",
            "2026-04-01",
            "--kind",
            "reconsideration",
            "--body",
            "市人民政府",
        ],
    );
    db.ok(
        "2026-04-02",
        &[
            "appeal",
            "file",
            &c,
            "--on",
            "2026-04-02",
            "--kind",
            "lawsuit-direct",
            "--body",
            "某区人民法院",
        ],
    );
    db.ok(
        "2026-05-01",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-05-01",
            "--number",
            "1",
            "--result",
            "upheld",
        ],
    );
    let out = db.refused(
        "2026-05-02",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-05-02",
            "--number",
            "1",
            "--result",
            "other",
        ],
    );
    assert!(
        out.stderr
            .contains("第 1 项复议/诉讼已经记录了结果；尚无结果的：--number 2"),
        "{}",
        out.stderr
    );
    // No annual report before the regulation existed.
    let out = db.run("2026-05-02", &["report", "annual", "--year", "1999"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("1999 年《政府信息公开条例》尚未施行"),
        "{}",
        out.stderr
    );
}

/// An ordinary letter whose applicant left no phone number cannot be confirmed: registered, but
/// no clock runs until contact is restored (SPEC §2, 条例第三十一条) — the same as S9.
#[test]
fn an_ordinary_letter_without_a_phone_number_starts_no_clock() {
    let db = Db::new();
    let args = [
        "register",
        "--channel",
        "letter",
        "--on",
        "2026-07-06",
        "--applicant",
        "孙八",
        "--applicant-type",
        "natural",
        "--id-number",
        "11010519491231002X",
        "--address",
        "某市和平路12号",
        "--content",
        CONTENT,
    ];
    let out = db.ok("2026-07-06", &args);
    assert!(
        out.stdout.contains(
            "申请人未留联系电话，无法确认收到：按“无法联系申请人”登记，答复期限暂不起算（条例第三十一条）"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("联系上申请人后：disclose confirm 2026-0001 --on 日期"),
        "{}",
        out.stdout
    );
    let v = db.show("2026-07-06", "2026-0001");
    assert_eq!(v["state"], json!("awaiting-confirmation"));
    assert_eq!(v["reply_due"], Value::Null);
    db.ok(
        "2026-07-15",
        &["confirm", "2026-0001", "--on", "2026-07-15"],
    );
    assert_eq!(
        db.show("2026-07-15", "2026-0001")["reply_due"],
        json!("2026-08-12")
    );
}

/// An agent's (委托代理人) resident ID number has its check digit checked like the applicant's
/// (SPEC §2); the refusal writes nothing.
#[test]
fn a_wrong_check_digit_in_the_agents_id_is_refused() {
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let before = db.bytes();
    let out = db.refused(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "李四",
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--phone",
            "13812345678",
            "--agent",
            "赵律师",
            "--agent-id",
            "110105194912310021",
            "--content",
            "另一项申请",
        ],
    );
    assert!(
        out.stderr
            .contains("代理人身份证号码校验位不符：按前17位应为“X”，实为“1”，请核对是否抄错"),
        "{}",
        out.stderr
    );
    assert_eq!(db.bytes(), before);
}

/// （四）3 补正后申请内容仍不明确 presupposes a correction: a draft proposing it for a request
/// never corrected is refused (条例第三十条).
#[test]
fn outcome_4_3_needs_a_correction_first() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    let out = db.refused(
        "2026-03-10",
        &[
            "review",
            "draft",
            &c,
            "--department",
            "文物科",
            "--handler",
            "李明",
            "--outcome",
            "4.3",
            "--reasons",
            "仍不明确",
        ],
    );
    assert!(
        out.stderr.contains("（四）3 补正后申请内容仍不明确，只用于已一次性告知补正、申请人补正后内容仍不明确的申请（条例第三十条）"),
        "{}",
        out.stderr
    );
}

/// A reply posted without its tracking number is recorded, with a reminder of how to add it; a
/// withholding reply's export carries the remedy notice with 复议前置 (复议法第二十三条).
#[test]
fn reply_letters_say_their_remedy_and_ask_for_the_tracking_number() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    approve(&db, "2026-03-10", &c, "2026-03-10", "3.6");
    let out = db.ok(
        "2026-03-10",
        &["reply", &c, "--on", "2026-03-10", "--delivery", "邮寄"],
    );
    assert!(
        out.stderr.contains(&format!(
            "提示：答复书邮寄送达，但没有记录邮件号（送达的凭证）。寄出后请补记：disclose amend {c} --event 5 --set tracking_no=邮件号 --reason 补记邮件号"
        )),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-03-11",
        &[
            "amend",
            &c,
            "--event",
            "5",
            "--set",
            "tracking_no=XA123456789CN",
            "--reason",
            "补记邮件号",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("file");
    db.ok(
        "2026-03-11",
        &["export", &c, "--dir", &out_dir.display().to_string()],
    );
    let md = std::fs::read_to_string(out_dir.join("case.md")).unwrap();
    assert!(md.contains("（邮件号 XA123456789CN）"), "{md}");
    assert!(md.contains("- 救济途径告知：申请人对本答复不服的，可以自收到答复之日起 60 日内依法申请行政复议；对不予公开（含部分公开中不予公开的部分）不服的，应当先申请行政复议"), "{md}");
    let out = db.ok(
        "2026-04-01",
        &[
            "appeal",
            "file",
            &c,
            "--on",
            "2026-04-01",
            "--kind",
            "lawsuit-direct",
            "--body",
            "某区人民法院",
        ],
    );
    assert!(
        out.stderr
            .contains("依行政复议法第二十三条，申请人应当先申请行政复议"),
        "{}",
        out.stderr
    );
}

/// `calendar diff` lists a consulted party's window as well as the reply due date: received
/// 2026-12-14, letter 2026-12-21; counted with the statutory 元旦 the window ends 2027-01-12 and
/// the reply is due 2027-02-02, provisional; with the notice they are the same days, definite.
#[test]
fn calendar_diff_lists_a_consultation_window_that_moves() {
    let db = Db::new();
    let c = in_person(&db, "2026-12-14", "2026-12-14", "吴十", CONTENT);
    consult_send(&db, &c, "2026-12-21", "甲公司");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("agency-holidays.toml");
    std::fs::write(
        &f,
        "[2027]\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\nholidays = [\n  { name = \"元旦\", off = [\"2027-01-01..2027-01-03\"], work = [] },\n]\n",
    )
    .unwrap();
    let p = f.display().to_string();
    let out = db.ok("2026-12-21", &["calendar", "diff", &p, "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        rows,
        json!([
            {"case_no": c, "what": "答复期限",
             "before": "2027-02-02", "before_provisional": true,
             "after": "2027-02-02", "after_provisional": false},
            {"case_no": c, "what": "意见期限（甲公司）",
             "before": "2027-01-12", "before_provisional": true,
             "after": "2027-01-12", "after_provisional": false}
        ])
    );
}

/// The timeline says each step once, with the reasons courts read: the extension's reason, the
/// appeal's reference.
#[test]
fn the_timeline_gives_each_step_once_with_its_reasons() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    db.ok(
        "2026-03-20",
        &[
            "extend",
            &c,
            "--on",
            "2026-03-20",
            "--days",
            "10",
            "--approver",
            "公开办主任",
            "--reason",
            "涉及档案调阅",
            "--notified-on",
            "2026-03-20",
        ],
    );
    approve(&db, "2026-03-24", &c, "2026-03-24", "1");
    db.ok(
        "2026-03-24",
        &["reply", &c, "--on", "2026-03-24", "--delivery", "当面"],
    );
    db.ok(
        "2026-04-10",
        &[
            "appeal",
            "file",
            &c,
            "--on",
            "2026-04-10",
            "--kind",
            "reconsideration",
            "--body",
            "市人民政府",
            "--reference",
            "某府复〔2026〕12号",
        ],
    );
    let out = db.ok("2026-04-10", &["show", &c]);
    for line in [
        "  #2 2026-03-20 延期答复：经公开办主任批准延期 10 个工作日，2026-03-20 告知申请人；理由：涉及档案调阅",
        "  #3 2026-03-24 拟办：文物科 李明，拟（一）予以公开；理由：经审查；依据：《政府信息公开条例》",
        "  #6 2026-03-24 答复：（一）予以公开；送达方式：当面；理由：经审查；依据：《政府信息公开条例》",
        "  #7 2026-04-10 复议/诉讼：行政复议：市人民政府（某府复〔2026〕12号）",
    ] {
        assert!(
            out.stdout.lines().any(|l| l.starts_with(line)),
            "{line}\n{}",
            out.stdout
        );
    }
}

/// A config file a clerk mistyped is refused at once (exit 4), in Chinese, before anything is
/// written: an unknown placeholder in the case-number template, a correction period of 0, a
/// number in quotes.
#[test]
fn config_values_that_cannot_be_meant_are_refused_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    let db = dir.path().join("r.db").display().to_string();
    let cases = [
        (
            "case_no_format = \"{year}-{seq:04}-{foo}\"\n",
            "案件编号格式“{year}-{seq:04}-{foo}”无效：须含有 {year} 和 {seq}（或 {seq:4} 等补零位数），此外不能有别的 {…}（如 {year}-{seq:04}）",
        ),
        (
            "correction_period = 0\n",
            "correction_period = 0 不合理：应在 1 到 60 之间（单位：工作日）",
        ),
        (
            "correction_period = \"15\"\n",
            "类型不对：应为整数，不加引号（如 15），现在是加了引号的文字",
        ),
    ];
    for (text, message) in cases {
        std::fs::write(&cfg, text).unwrap();
        let out = crate::common::disclose_env(
            &[
                "--db",
                &db,
                "--today",
                "2026-03-02",
                "register",
                "--channel",
                "in-person",
                "--applicant",
                "张三",
                "--applicant-type",
                "natural",
                "--content",
                CONTENT,
            ],
            &[("DISCLOSE_CONFIG", cfg.to_str().unwrap())],
        );
        assert_eq!(out.code, 4, "{text}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{text}: {}", out.stderr);
        assert!(!std::path::Path::new(&db).exists());
    }
}

/// Typing errors that used to get in: an e-mail address without @, a tracking number with a
/// zero-width space pasted from a web page, a file number with a line break.
#[test]
fn emails_tracking_numbers_and_file_numbers_are_checked() {
    let db = Db::new();
    let base = [
        "register",
        "--channel",
        "mail",
        "--on",
        "2026-03-02",
        "--applicant",
        "张三",
        "--applicant-type",
        "natural",
        "--id-number",
        "11010519491231002X",
        "--content",
        CONTENT,
    ];
    let mut a = base.to_vec();
    a.extend(["--email", "notanemail"]);
    let out = db.refused("2026-03-02", &a);
    assert!(
        out.stderr
            .contains("“notanemail”不是电子邮箱地址（应形如 name@example.com）"),
        "{}",
        out.stderr
    );
    let mut a = base.to_vec();
    a[6] = "张\u{200b}三";
    let out = db.refused("2026-03-02", &a);
    assert!(
        out.stderr
            .contains("申请人姓名或名称含有看不见的格式字符（如零宽空格"),
        "{}",
        out.stderr
    );
    let mut a = base.to_vec();
    a.extend(["--tracking-no", "XA123\u{200b}456CN"]);
    let out = db.refused("2026-03-02", &a);
    assert!(
        out.stderr
            .contains("邮件号含有看不见的格式字符（如零宽空格"),
        "{}",
        out.stderr
    );
    let c = in_person(&db, "2026-03-02", "2026-03-02", "李四", CONTENT);
    approve(&db, "2026-03-03", &c, "2026-03-03", "1");
    db.ok(
        "2026-03-03",
        &["reply", &c, "--on", "2026-03-03", "--delivery", "当面"],
    );
    let out = db.refused("2026-03-04", &["archive", &c, "--file-no", "WL\n1"]);
    assert!(
        out.stderr
            .contains("卷宗号不能含换行、控制字符或看不见的格式字符：请重新输入"),
        "{}",
        out.stderr
    );
}

/// `appeal file --kind` and `appeal result --result` take the Chinese names of table 四 as well
/// as the English ones (as `--channel` does).
#[test]
fn appeal_kinds_and_results_accept_their_chinese_names() {
    let db = Db::new();
    for (name, kinds, results) in [
        (
            "张三",
            ["复议", "行政诉讼", "复议后起诉"],
            ["维持", "纠正", "其他"],
        ),
        (
            "李四",
            ["行政复议", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果"],
        ),
        (
            "王五",
            [
                "reconsideration",
                "直接起诉",
                "lawsuit-after-reconsideration",
            ],
            ["upheld", "corrected", "other"],
        ),
    ] {
        let c = in_person(&db, "2026-03-02", "2026-03-02", name, CONTENT);
        approve(&db, "2026-03-02", &c, "2026-03-02", "1");
        db.ok(
            "2026-03-03",
            &["reply", &c, "--on", "2026-03-03", "--delivery", "自行领取"],
        );
        for kind in kinds {
            db.ok(
                "2026-04-01",
                &[
                    "appeal",
                    "file",
                    &c,
                    "--on",
                    "2026-04-01",
                    "--kind",
                    kind,
                    "--body",
                    "市人民政府",
                ],
            );
        }
        for (number, result) in ["1", "2", "3"].into_iter().zip(results) {
            db.ok(
                "2026-06-01",
                &[
                    "appeal",
                    "result",
                    &c,
                    "--on",
                    "2026-06-01",
                    "--number",
                    number,
                    "--result",
                    result,
                ],
            );
        }
        let out = db.ok("2026-06-01", &["show", &c]);
        assert!(
            out.stdout.contains(
                "\n行政复议：市人民政府，2026-04-01 提起，2026-06-01 结果维持\n行政诉讼 未经复议直接起诉：市人民政府，2026-04-01 提起，2026-06-01 结果纠正\n行政诉讼 复议后起诉：市人民政府，2026-04-01 提起，2026-06-01 其他结果\n"
            ),
            "{kinds:?} {results:?}:\n{}",
            out.stdout
        );
    }
    let out = db.run(
        "2026-06-01",
        &[
            "appeal",
            "file",
            "2026-0001",
            "--kind",
            "申诉",
            "--body",
            "市人民政府",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("错误：--kind <KIND> 的值“申诉”无效"),
        "{}",
        out.stderr
    );
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

/// The prompts of `register` on a terminal. The menus and questions themselves only run on a
/// terminal (`ctx.interactive`), which this suite does not have: what they say is checked here
/// through the theme and the check they use.
#[test]
fn terminal_prompts_say_how_to_choose_and_why_an_answer_is_refused() {
    use dialoguer::theme::Theme;
    use disclose::commands::register::{ChineseTheme, check_required};
    let mut s = String::new();
    for menu in ["申请方式", "申请人类型", "身份证明"] {
        s.clear();
        ChineseTheme.format_select_prompt(&mut s, menu).unwrap();
        assert_eq!(s, format!("{menu}（方向键选择，回车确认）:"));
    }
    // Once chosen, the line keeps the question and the choice only.
    s.clear();
    ChineseTheme
        .format_select_prompt_selection(&mut s, "申请方式", "邮寄")
        .unwrap();
    assert_eq!(s, "申请方式: 邮寄");
    for empty in ["", "   ", "\t"] {
        assert_eq!(
            check_required("申请人姓名或名称", empty, true),
            Err("不能为空，请输入申请人姓名或名称".to_string())
        );
        assert_eq!(
            check_required("申请内容", empty, false),
            Err("不能为空，请输入申请内容".to_string())
        );
    }
    assert_eq!(
        check_required("申请人姓名或名称", "张\u{7}三", true),
        Err("不能含控制字符".to_string())
    );
    assert_eq!(check_required("申请人姓名或名称", "张三", true), Ok(()));
    assert_eq!(check_required("申请内容", CONTENT, false), Ok(()));
    s.clear();
    ChineseTheme
        .format_error(&mut s, "不能为空，请输入申请内容")
        .unwrap();
    assert_eq!(s, "错误：不能为空，请输入申请内容");
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

/// A case number typed with spaces around it or full-width digits (a Chinese input method)
/// finds its request.
#[test]
fn case_numbers_typed_with_spaces_or_full_width_digits_are_found() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    assert_eq!(c, "2026-0001");
    for typed in [" 2026-0001 ", "２０２６-０００１", "２０２６－０００１"] {
        let out = db.ok("2026-03-02", &["show", typed, "--format", "json"]);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["case_no"], json!("2026-0001"), "{typed}");
    }
}

/// An agent's (委托代理人) ID number and phone are shown, masked like the applicant's, so the
/// clerk can find whom to call.
#[test]
fn the_agents_id_and_phone_are_shown_masked() {
    let db = Db::new();
    let c = db.register(
        "2026-03-02",
        &[
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
            "--agent",
            "孙小明",
            "--agent-id",
            "330102200001010042",
            "--agent-phone",
            "13400005555",
            "--content",
            CONTENT,
        ],
    );
    let out = db.ok("2026-03-02", &["show", &c]);
    assert!(
        out.stdout
            .contains("代理人：孙小明　代理人证件：330102********0042　代理人电话：134****5555"),
        "{}",
        out.stdout
    );
    let v = db.show("2026-03-02", &c);
    assert_eq!(v["applicant"]["agent_phone"], json!("134****5555"));
}

/// `appeal result` without `--number` takes the one appeal still open; with several open it
/// asks which, listing them, and records nothing.
#[test]
fn an_appeal_result_without_a_number_needs_a_single_open_appeal() {
    let db = Db::new();
    let c = in_person(&db, "2026-03-02", "2026-03-02", "张三", CONTENT);
    approve(&db, "2026-03-03", &c, "2026-03-03", "1");
    db.ok(
        "2026-03-03",
        &["reply", &c, "--on", "2026-03-03", "--delivery", "当面"],
    );
    for (on, kind, body) in [
        ("2026-04-01", "直接起诉", "某区人民法院"),
        ("2026-04-02", "复议", "市人民政府"),
    ] {
        db.ok(
            on,
            &[
                "appeal", "file", &c, "--on", on, "--kind", kind, "--body", body,
            ],
        );
    }
    let before = db.bytes();
    let out = db.refused(
        "2026-06-01",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-06-01",
            "--result",
            "维持",
        ],
    );
    assert_eq!(
        out.stderr,
        format!(
            "错误：{c} 有 2 项复议/诉讼尚无结果：请用 --number 指明是哪一项\n\
             提示：--number 1：行政诉讼 未经复议直接起诉（某区人民法院，2026-04-01 提起）\n\
             提示：--number 2：行政复议（市人民政府，2026-04-02 提起）\n"
        )
    );
    assert_eq!(db.bytes(), before);
    db.ok(
        "2026-06-01",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-06-01",
            "--number",
            "2",
            "--result",
            "维持",
        ],
    );
    db.ok(
        "2026-06-02",
        &[
            "appeal",
            "result",
            &c,
            "--on",
            "2026-06-02",
            "--result",
            "纠正",
        ],
    );
    let v = db.show("2026-06-02", &c);
    assert_eq!(v["appeals"][0]["result"], json!("结果纠正"));
    assert_eq!(v["appeals"][1]["result"], json!("结果维持"));
}
