//! Registration through the real binary: the scripted contract, what is checked as it is typed
//! (check characters, e-mail, tracking and file numbers, an agent's ID), likely duplicates,
//! case numbers, the configuration, and what `list` and `show` print (masked personal data, no
//! terminal control from stored text). The later steps are in `steps.rs`, the register's files
//! in `database.rs`.

use serde_json::{Value, json};

use crate::common::{Db, approve, disclose, in_person};

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

/// The duplicate check finds the applicant's earlier request through the `content_key` index
/// (migration 7): a description that differs only in spaces, punctuation and full-width digits
/// is the same information (`case::repeat::same_content`) and must still be found.
#[test]
fn a_duplicate_differing_only_in_punctuation_and_full_width_digits_is_found() {
    let db = Db::new();
    let a = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    let out = db.refused(
        "2026-03-03",
        &[
            "register",
            "--channel",
            "mail",
            "--on",
            "2026-03-03",
            "--applicant",
            "张 三",
            "--applicant-type",
            "natural",
            "--content",
            "２０２５年 文物保护专项资金使用情况。",
        ],
    );
    assert!(
        out.stderr.starts_with(&format!(
            "错误：这件申请可能已经登记过：与 {a} 同一申请人、相同申请内容，收到日期相隔 1 个工作日"
        )),
        "{}",
        out.stderr
    );
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
            "\u{feff}案件编号,收到日期,申请人,类型,证件号码,电话,阶段,答复期限,科室,承办人,结果,结果代码\r\n"
        ),
        "{}",
        out.stdout
    );
    let out = db.run("2026-03-05", &["list", "--state", "done"]);
    assert_eq!(out.code, 2);
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
            .contains("申请人姓名或名称有 300 个字，过长（最多 100 个字）"),
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
            "--served-unknown-reason",
            "平信寄出，无妥投记录",
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
    assert_eq!(
        out.stdout,
        "已登记：2026-0001\n\
         申请人未留联系电话，无法确认收到：按“无法联系申请人”登记，答复期限暂不起算（条例第三十一条）\n\
         联系上申请人后：disclose confirm 2026-0001 --on 日期\n\
         答复期限：平常信函，尚未与申请人确认收到，答复期限未起算（条例第三十一条）\n"
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
            "案件编号格式“{year}-{seq:04}-{foo}”无效：须含有 {year} 和 {seq}（或 {seq:4} 等补零位数，至多 12 位），此外不能有别的 {…}（如 {year}-{seq:04}）",
        ),
        // Issue 16 #9: an unbounded width used to pass here and then panic every command.
        (
            "case_no_format = \"{year}-{seq:65536}\"\n",
            "案件编号格式“{year}-{seq:65536}”无效：须含有 {year} 和 {seq}（或 {seq:4} 等补零位数，至多 12 位），此外不能有别的 {…}（如 {year}-{seq:04}）",
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

/// `--channel` takes the names import takes: 挂号 and 邮政 are a registered letter (邮寄), 平邮 an
/// ordinary letter (it was refused although import accepted 挂号).
#[test]
fn the_channel_takes_the_names_import_takes() {
    let db = Db::new();
    for (name, want) in [("挂号", "mail"), ("邮政", "mail"), ("平邮", "letter")] {
        let c = db.register(
            "2026-03-02",
            &[
                "--channel",
                name,
                "--applicant",
                &format!("申请人{name}"),
                "--applicant-type",
                "natural",
                "--id-number",
                "11010519491231002X",
                "--phone",
                "13812345678",
                "--content",
                &format!("{name}来信的申请内容"),
            ],
        );
        assert_eq!(db.show("2026-03-02", &c)["channel"], want, "{name}");
    }
}

/// Full-width digits and letters typed with a Chinese input method in full-width mode are read
/// as the ID number and phone they are (found by a new clerk's tryout: refused with "至少应有 7
/// 位数字" and "前17位应全为数字").
#[test]
fn full_width_id_numbers_and_phones_given_as_flags_are_read_as_typed() {
    let db = Db::new();
    let c = db.register(
        "2026-05-20",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-05-20",
            "--applicant",
            "王五",
            "--applicant-type",
            "natural",
            "--phone",
            "１３８１２３４５６７８",
            "--id-number",
            "１１０１０５１９４９１２３１００２Ｘ",
            "--content",
            "全角数字",
        ],
    );
    let v = db.show("2026-05-20", &c);
    assert_eq!(v["applicant"]["phone"], serde_json::json!("138****5678"));
    assert_eq!(
        v["applicant"]["id_number"],
        serde_json::json!("110105********002X")
    );
}
