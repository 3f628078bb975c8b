//! The lifecycle scenarios of `../shared/cases/scenarios.md` (S1–S15) and the published disputes
//! of `../shared/cases/real_cases.md` (R1–R3), each on a fresh register through the real binary,
//! with the dates of the cases; and the weekly overdue report on them as of chosen dates.

use serde_json::{Value, json};

use crate::common::{Db, approve, consult_answer, consult_send, in_person};

fn date(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a date: {v}"))
}

/// S1: in person, handed in Fri 2026-01-30 → correction notice by 2026-02-10; reply due
/// 2026-03-05.
#[test]
fn s1_in_person_friday_before_spring_festival() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    assert_eq!(c, "2026-0001");
    let v = db.show("2026-01-30", &c);
    assert_eq!(date(&v["received_on"]), "2026-01-30");
    assert_eq!(date(&v["correction_window_end"]["date"]), "2026-02-10");
    assert_eq!(date(&v["reply_due"]), "2026-03-05");
    assert_eq!(v["reply_due_provisional"], json!(false));
    assert_eq!(v["clock"], json!("running"));
    assert_eq!(v["state"], json!("in-progress"));
}

/// S2: registered mail signed for Wed 2026-09-30; extension of 20 WD approved 2026-10-30 →
/// due 2026-11-03, after extension 2026-12-01.
#[test]
fn s2_mail_with_extension() {
    let db = Db::new();
    let c = db.register(
        "2026-09-30",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-09-30",
            "--applicant",
            "李四",
            "--applicant-type",
            "natural",
            "--phone",
            "13900001111",
            "--id-number",
            "11010519491231002X",
            "--tracking-no",
            "XA123456789CN",
            "--content",
            "景区门票价格调整听证材料",
        ],
    );
    assert_eq!(date(&db.show("2026-09-30", &c)["reply_due"]), "2026-11-03");
    let out = db.ok(
        "2026-10-30",
        &[
            "extend",
            &c,
            "--on",
            "2026-10-30",
            "--days",
            "20",
            "--approver",
            "办公室主任赵敏",
            "--reason",
            "需调取档案室历年资料",
            "--notified-on",
            "2026-10-30",
        ],
    );
    assert!(
        out.stdout.contains("答复期限：2026-12-01"),
        "{}",
        out.stdout
    );
    let v = db.show("2026-10-30", &c);
    assert_eq!(date(&v["reply_due"]), "2026-12-01");
    assert_eq!(date(&v["reply_due_before_extension"]), "2026-11-03");
    assert_eq!(v["reply_period_wd"], json!(40));

    // S13: a second extension is refused, and nothing is written.
    let before = db.bytes();
    let out = db.refused(
        "2026-11-02",
        &[
            "extend",
            &c,
            "--on",
            "2026-11-02",
            "--days",
            "5",
            "--approver",
            "办公室主任赵敏",
            "--reason",
            "仍未调齐",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：本申请已于 2026-10-30 延期 20 个工作日：延期只能一次，且最长不超过 20 个工作日（条例第三十三条第二款）"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(db.bytes(), before);
}

fn s3_setup(db: &Db) -> String {
    db.register(
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
            "wangwu@example.com",
            "--id-number",
            "11010519491231002X",
            "--content",
            "全市A级旅游景区名录及评定材料",
        ],
    )
}

/// S3: online, confirmed Tue 2026-04-28; correction notice 2026-05-08 with 15 WD; corrected
/// application received 2026-05-20 → window ends 2026-05-11; applicant's deadline 2026-05-28;
/// reply due restarts: 2026-06-17.
#[test]
fn s3_correction_restarts_the_clock() {
    let db = Db::new();
    let c = s3_setup(&db);
    assert_eq!(
        date(&db.show("2026-04-28", &c)["correction_window_end"]["date"]),
        "2026-05-11"
    );
    let out = db.ok(
        "2026-05-08",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-05-08",
            "--items",
            "请写明所需景区的名称",
            "--period",
            "15",
        ],
    );
    assert!(
        out.stdout.contains("申请人补正期限 2026-05-28"),
        "{}",
        out.stdout
    );
    let v = db.show("2026-05-08", &c);
    assert_eq!(v["state"], json!("awaiting-correction"));
    assert_eq!(date(&v["correction_deadline"]["date"]), "2026-05-28");
    assert_eq!(v["reply_due"], Value::Null);
    db.ok(
        "2026-05-20",
        &["correct", "received", &c, "--on", "2026-05-20"],
    );
    let v = db.show("2026-05-20", &c);
    assert_eq!(v["state"], json!("in-progress"));
    assert_eq!(date(&v["clock_start"]), "2026-05-20");
    assert_eq!(date(&v["reply_due"]), "2026-06-17");
    assert!(
        v["basis"]
            .as_str()
            .unwrap()
            .starts_with("自 2026-05-20（收到补正后申请之日，条例第三十条）起 20 个工作日"),
        "{}",
        v["basis"]
    );
}

/// S4: as S3, but the correction notice is dated 2026-05-12 → refused: the 7-WD window closed on
/// 2026-05-11 (nothing recorded).
#[test]
fn s4_late_correction_notice_is_refused() {
    let db = Db::new();
    let c = s3_setup(&db);
    let before = db.bytes();
    let out = db.refused(
        "2026-05-12",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-05-12",
            "--items",
            "请写明所需景区的名称",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：补正通知应在收到申请之日起 7 个工作日内发出（条例第三十条）：本申请 2026-04-28 收到，期限已于 2026-05-11 届满"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("提示：未写入任何内容。现在可以进行的步骤：")
    );
    assert!(
        out.stderr.contains("disclose review draft 2026-0001"),
        "{}",
        out.stderr
    );
    assert_eq!(
        db.bytes(),
        before,
        "a refused command leaves the database byte-for-byte unchanged"
    );
    assert_eq!(
        db.show("2026-05-12", &c)["events"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

fn s5_setup(db: &Db) -> String {
    let c = in_person(
        db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "某演出公司营业性演出许可审批材料",
    );
    consult_send(db, &c, "2026-03-10", "某演出有限公司");
    c
}

/// S5: in person Mon 2026-03-02; third-party consultation sent 2026-03-10; answer received
/// 2026-03-20 → the third party's window ends 2026-03-31; reply due 2026-04-10.
#[test]
fn s5_third_party_answers() {
    let db = Db::new();
    let c = s5_setup(&db);
    let v = db.show("2026-03-10", &c);
    assert_eq!(
        date(&v["consultations"][0]["window_end"]["date"]),
        "2026-03-31"
    );
    assert_eq!(v["clock"], json!("paused"));
    consult_answer(
        &db,
        &c,
        "2026-03-20",
        "某演出有限公司",
        "object",
        Some("涉及商业秘密"),
    );
    let v = db.show("2026-03-20", &c);
    assert_eq!(v["clock"], json!("running"));
    assert_eq!(date(&v["reply_due"]), "2026-04-10");
}

/// S6: as S5, but the third party never answers → the pause ends 2026-03-31; reply due
/// 2026-04-21. While the window is open, the due date shown is the latest it can become.
#[test]
fn s6_third_party_silent() {
    let db = Db::new();
    let c = s5_setup(&db);
    let v = db.show("2026-03-20", &c);
    assert_eq!(v["clock"], json!("paused"));
    assert_eq!(v["reply_due_paused"], json!(true));
    assert_eq!(date(&v["reply_due"]), "2026-04-21");
    let v = db.show("2026-04-01", &c);
    assert_eq!(v["clock"], json!("running"));
    assert_eq!(v["reply_due_paused"], json!(false));
    assert_eq!(date(&v["reply_due"]), "2026-04-21");
    // Recording "no answer" before the window closed is refused; after, it is accepted.
    let out = db.refused(
        "2026-03-31",
        &[
            "consult-third-party",
            "answer",
            &c,
            "--on",
            "2026-03-31",
            "--party",
            "某演出有限公司",
            "--answer",
            "none",
        ],
    );
    assert!(
        out.stderr.contains("答复期限至 2026-03-31，尚未届满"),
        "{}",
        out.stderr
    );
    consult_answer(&db, &c, "2026-04-01", "某演出有限公司", "none", None);
    assert_eq!(date(&db.show("2026-04-01", &c)["reply_due"]), "2026-04-21");
}

/// S7: as S5, two third parties, both sent 2026-03-10; answers on 2026-03-13 and 2026-03-25 →
/// reply due 2026-04-15.
#[test]
fn s7_two_third_parties() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "某演出公司营业性演出许可审批材料",
    );
    db.ok(
        "2026-03-10",
        &[
            "consult-third-party",
            "send",
            &c,
            "--on",
            "2026-03-10",
            "--party",
            "甲演出公司",
            "--party",
            "乙票务公司",
        ],
    );
    consult_answer(&db, &c, "2026-03-13", "甲演出公司", "agree", None);
    let v = db.show("2026-03-13", &c);
    assert_eq!(v["clock"], json!("paused"), "one answer still missing");
    // Replying while a consultation is open is refused.
    approve(&db, "2026-03-16", &c, "2026-03-16", "1");
    let out = db.refused(
        "2026-03-16",
        &["reply", &c, "--on", "2026-03-16", "--delivery", "邮寄"],
    );
    assert!(
        out.stderr
            .contains("正在征求“乙票务公司”的意见，期限至 2026-03-31"),
        "{}",
        out.stderr
    );
    consult_answer(&db, &c, "2026-03-25", "乙票务公司", "agree", None);
    assert_eq!(date(&db.show("2026-03-25", &c)["reply_due"]), "2026-04-15");
}

fn s8_setup(db: &Db) -> String {
    let c = in_person(
        db,
        "2026-06-03",
        "2026-06-03",
        "钱七",
        "非物质文化遗产代表性传承人补助发放名单",
    );
    db.ok(
        "2026-06-03",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-06-03",
            "--items",
            "请写明所指年度和项目",
            "--period",
            "10",
        ],
    );
    c
}

/// S8: in person Wed 2026-06-03; correction notice the same day with 10 WD; nothing arrives →
/// applicant's deadline 2026-06-17; from 2026-06-18 the weekly report lists it as ready to close
/// as （六）1.
#[test]
fn s8_correction_period_lapses() {
    let db = Db::new();
    let c = s8_setup(&db);
    assert_eq!(
        date(&db.show("2026-06-03", &c)["correction_deadline"]["date"]),
        "2026-06-17"
    );
    let out = db.ok(
        "2026-06-17",
        &["overdue", "--as-of", "2026-06-17", "--format", "json"],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout).unwrap(),
        json!([])
    );
    let out = db.ok(
        "2026-06-18",
        &["overdue", "--as-of", "2026-06-18", "--format", "json"],
    );
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["case_no"], json!(c));
    assert_eq!(rows[0]["duty"], json!("correction-lapsed"));
    assert_eq!(rows[0]["stage"], json!("补正期限已过，可按（六）1 办结"));
    assert_eq!(rows[0]["due"], json!("2026-06-17"));
    assert_eq!(rows[0]["working_days_left"], json!(-1));
    // Closing before the period has lapsed is refused; after, it concludes as （六）1.
    let out = db.refused(
        "2026-06-17",
        &["correct", "lapse", &c, "--on", "2026-06-17"],
    );
    assert!(
        out.stderr.contains("补正期限至 2026-06-17，尚未届满"),
        "{}",
        out.stderr
    );
    db.ok(
        "2026-06-18",
        &[
            "correct",
            "lapse",
            &c,
            "--on",
            "2026-06-18",
            "--served-unknown-reason",
            "平信寄出，无妥投记录",
        ],
    );
    let v = db.show("2026-06-18", &c);
    assert_eq!(v["outcome"], json!("6.1"));
    assert_eq!(
        v["outcome_label"],
        json!("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    );
}

/// S9: ordinary letter arrives 2026-07-06, applicant cannot be reached; contact restored Wed
/// 2026-07-15 → no reply clock until 2026-07-15; reply due 2026-08-12.
#[test]
fn s9_ordinary_letter_unreachable() {
    let db = Db::new();
    let c = db.register(
        "2026-07-06",
        &[
            "--channel",
            "letter",
            "--unreachable",
            "--on",
            "2026-07-06",
            "--applicant",
            "孙八",
            "--applicant-type",
            "natural",
            "--address",
            "某市和平路12号",
            "--content",
            "市图书馆新馆建设项目招标文件",
        ],
    );
    let v = db.show("2026-07-10", &c);
    assert_eq!(v["state"], json!("awaiting-confirmation"));
    assert_eq!(v["clock"], json!("not-started"));
    assert_eq!(v["received_on"], Value::Null);
    assert_eq!(v["reply_due"], Value::Null);
    db.ok("2026-07-15", &["confirm", &c, "--on", "2026-07-15"]);
    let v = db.show("2026-07-15", &c);
    assert_eq!(date(&v["received_on"]), "2026-07-15");
    assert_eq!(date(&v["reply_due"]), "2026-08-12");
    assert_eq!(v["clock"], json!("running"));
}

/// S10: in person Mon 2026-08-03; fee notice 2026-08-20; paid 2026-08-27 → the applicant's
/// payment deadline 2026-09-17; reply due 2026-09-07.
#[test]
fn s10_fee_notice_and_payment() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-08-03",
        "2026-08-03",
        "周九",
        "2020年以来全部文化市场行政处罚决定书",
    );
    let out = db.ok(
        "2026-08-20",
        &["fee", "notice", &c, "--on", "2026-08-20", "--pages", "120"],
    );
    // 109号 by page: pages 31–100 at 10 元 (700) and 101–120 at 20 元 (400).
    assert!(
        out.stdout
            .contains("信息处理费：1100 元（按量计收 120 页），送达日期未记录，按发出之日计算最早缴费期限 2026-09-17"),
        "{}",
        out.stdout
    );
    let v = db.show("2026-08-20", &c);
    assert_eq!(v["state"], json!("awaiting-fee"));
    assert_eq!(v["clock"], json!("paused"));
    assert_eq!(date(&v["fee_deadline"]["date"]), "2026-09-17");
    db.ok("2026-08-27", &["fee", "paid", &c, "--on", "2026-08-27"]);
    let v = db.show("2026-08-27", &c);
    assert_eq!(date(&v["reply_due"]), "2026-09-07");
    assert_eq!(v["clock"], json!("running"));
}

/// S11: in person Thu 2026-12-10 → the reply is due in January 2027, whose official arrangement
/// is not in the calendar: the date is shown provisional (counted with the statutory 元旦 off).
#[test]
fn s11_due_date_in_an_unknown_year_is_provisional() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-12-10",
        "2026-12-10",
        "吴十",
        "2027年春节文化活动安排",
    );
    let v = db.show("2026-12-10", &c);
    assert_eq!(date(&v["reply_due"]), "2027-01-08");
    assert_eq!(v["reply_due_provisional"], json!(true));
    let out = db.ok("2026-12-10", &["show", &c]);
    assert!(
        out.stdout.contains("答复期限：2027-01-08（临时）"),
        "{}",
        out.stdout
    );
}

/// S12: as S1, extension asked on 2026-03-06 → refused: the reply was due 2026-03-05.
#[test]
fn s12_extension_after_the_due_date_is_refused() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    let before = db.bytes();
    let out = db.refused(
        "2026-03-06",
        &[
            "extend",
            &c,
            "--on",
            "2026-03-06",
            "--approver",
            "办公室主任赵敏",
            "--reason",
            "资料较多",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：答复期限已于 2026-03-05 届满，不能再延期：延期须在答复期限届满前经批准并告知申请人（条例第三十三条第二款）"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(db.bytes(), before);
}

/// S13 is checked in [`s2_mail_with_extension`]; an extension of more than 20 WD is refused too.
#[test]
fn s13_extension_longer_than_twenty_working_days_is_refused() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-09-30",
        "2026-09-30",
        "李四",
        "景区门票价格调整听证材料",
    );
    let out = db.refused(
        "2026-10-30",
        &[
            "extend",
            &c,
            "--on",
            "2026-10-30",
            "--days",
            "25",
            "--approver",
            "赵敏",
            "--reason",
            "资料较多",
        ],
    );
    assert!(
        out.stderr
            .contains("最长不得超过 20 个工作日（条例第三十三条第二款）"),
        "{}",
        out.stderr
    );
}

/// S14: as S1, reply on 2026-01-30 (on the spot) → allowed, replied on time.
#[test]
fn s14_reply_on_the_spot() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    // No reply without an approved draft.
    let out = db.refused(
        "2026-01-30",
        &["reply", &c, "--on", "2026-01-30", "--delivery", "当面"],
    );
    assert!(
        out.stderr
            .contains("没有经分管领导审批同意的拟办意见，不能答复"),
        "{}",
        out.stderr
    );
    approve(&db, "2026-01-30", &c, "2026-01-30", "1");
    db.ok(
        "2026-01-30",
        &["reply", &c, "--on", "2026-01-30", "--delivery", "当面"],
    );
    let v = db.show("2026-01-30", &c);
    assert_eq!(v["state"], json!("concluded"));
    assert_eq!(v["clock"], json!("stopped"));
    assert_eq!(v["outcome"], json!("1"));
    assert_eq!(date(&v["concluded_on"]), "2026-01-30");
    assert_eq!(v["late_working_days"], Value::Null);
}

/// S15: as S1, a second correction notice → refused: 一次性告知.
#[test]
fn s15_second_correction_notice_is_refused() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    db.ok(
        "2026-02-03",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-02-03",
            "--items",
            "请写明年度",
        ],
    );
    db.ok(
        "2026-02-05",
        &["correct", "received", &c, "--on", "2026-02-05"],
    );
    let before = db.bytes();
    let out = db.refused(
        "2026-02-06",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-02-06",
            "--items",
            "请再写明项目名称",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：已于 2026-02-03 发出过补正通知，不能再次要求补正：补正应一次性告知申请人（条例第三十条）"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(db.bytes(), before);
}

/// A late reply is recorded (reality must be), marked late with its working days.
#[test]
fn a_late_reply_is_recorded_and_marked_late() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    approve(&db, "2026-03-09", &c, "2026-03-09", "1");
    let out = db.ok(
        "2026-03-09",
        &["reply", &c, "--on", "2026-03-09", "--delivery", "邮寄"],
    );
    // Due Thu 2026-03-05; Fri 03-06 and Mon 03-09 are the two working days late.
    assert!(out.stdout.contains("逾期 2 个工作日"), "{}", out.stdout);
    assert_eq!(db.show("2026-03-09", &c)["late_working_days"], json!(2));
}

/// R1–R3 of real_cases.md: requests whose dates appear in published decisions.
#[test]
fn r1_r2_r3_published_disputes() {
    for (id, signed, due) in [
        ("R1", "2022-09-30", "2022-11-02"),
        ("R2", "2025-02-20", "2025-03-20"),
        ("R3", "2023-01-09", "2023-02-09"),
    ] {
        let db = Db::new();
        let c = db.register(
            signed,
            &[
                "--channel",
                "mail",
                "--on",
                signed,
                "--applicant",
                "某律师事务所",
                "--applicant-type",
                "legal",
                "--phone",
                "010-12345678",
                "--id-number",
                "91350100M000100Y43",
                "--content",
                id,
            ],
        );
        assert_eq!(date(&db.show(signed, &c)["reply_due"]), due, "{id}");
    }
}

fn overdue(db: &Db, as_of: &str) -> Value {
    let out = db.ok(as_of, &["overdue", "--as-of", as_of, "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    let slim: Vec<Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!([
                r["case_no"],
                r["duty"],
                r["due"],
                r["working_days_left"],
                r["waiting_working_days"]
            ])
        })
        .collect();
    json!(slim)
}

/// The weekly report on a register holding several scenarios, as of chosen dates: exactly the
/// right requests, stages and day counts (all counted by hand on the 2026 calendar).
#[test]
fn overdue_report_on_the_scenarios_as_of_chosen_dates() {
    let db = Db::new();
    // A = S1 (due 2026-03-05), replied on its due date.
    let a = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    // B: in person 2026-03-02 with neither identity proof nor contact details (条例 Art 29):
    // flagged for a correction notice, due within 7 WD, i.e. by 2026-03-11.
    let b = db.register(
        "2026-03-02",
        &[
            "--channel",
            "in-person",
            "--on",
            "2026-03-02",
            "--applicant",
            "郑十一",
            "--applicant-type",
            "natural",
            "--content",
            "博物馆免费开放补助资金",
        ],
    );
    // As of Fri 02-27: A has 5 WD left (Sat 02-28 is a make-up working day; 03-02..03-05).
    assert_eq!(
        overdue(&db, "2026-02-27"),
        json!([[a, "reply-due-soon", "2026-03-05", 5, null]])
    );
    // As of 02-26 it has 6 left: outside the default 5-WD look-ahead.
    assert_eq!(overdue(&db, "2026-02-26"), json!([]));
    // As of Wed 03-04: A due in 1; B's correction window closes 03-11, 5 WD away.
    assert_eq!(
        overdue(&db, "2026-03-04"),
        json!([
            [a, "reply-due-soon", "2026-03-05", 1, null],
            [b, "correction-notice-due", "2026-03-11", 5, null]
        ])
    );
    approve(&db, "2026-03-05", &a, "2026-03-05", "1");
    db.ok(
        "2026-03-05",
        &["reply", &a, "--on", "2026-03-05", "--delivery", "当面"],
    );
    // As of Thu 03-12 (B still without a notice): B's window closed yesterday.
    assert_eq!(
        overdue(&db, "2026-03-12"),
        json!([[b, "correction-notice-missed", "2026-03-11", -1, null]])
    );
    // The report as of an earlier date ignores what was recorded later: A is still open then.
    assert_eq!(overdue(&db, "2026-03-04")[0][0], json!(a));
    db.ok("2026-03-12", &["withdraw", &b, "--on", "2026-03-12"]);

    // C = S8: correction notice 06-03 with 10 WD, nothing arrives.
    let c = s8_setup(&db);
    assert_eq!(
        overdue(&db, "2026-06-18"),
        json!([[c, "correction-lapsed", "2026-06-17", -1, null]])
    );
    db.ok(
        "2026-06-18",
        &[
            "correct",
            "lapse",
            &c,
            "--on",
            "2026-06-18",
            "--served-unknown-reason",
            "平信寄出，无妥投记录",
        ],
    );

    // D = S9: ordinary letter, unreachable from 07-06; confirmed 07-15; due 08-12.
    let d = db.register(
        "2026-07-06",
        &[
            "--channel",
            "letter",
            "--unreachable",
            "--on",
            "2026-07-06",
            "--applicant",
            "孙八",
            "--applicant-type",
            "natural",
            "--address",
            "某市和平路12号",
            "--content",
            "市图书馆新馆建设项目招标文件",
        ],
    );
    // Waiting since Mon 07-06: 07-07..07-10 are 4 working days.
    assert_eq!(
        overdue(&db, "2026-07-10"),
        json!([[d, "awaiting-confirmation", null, null, 4]])
    );
    db.ok("2026-07-15", &["confirm", &d, "--on", "2026-07-15"]);

    // E = S10 without payment: in person 08-03 (due 08-31), fee notice 08-20 (pay by 09-17).
    let e = in_person(
        &db,
        "2026-08-03",
        "2026-08-03",
        "周九",
        "2020年以来全部文化市场行政处罚决定书",
    );
    // As of Mon 08-10: D's reply is due Wed 08-12 (2 WD), but D came without identity proof and
    // no correction notice went out in the 7 working days after 07-15 (to 07-24): the agency is
    // late with that, 11 working days, and that is D's row (not hidden by the reply due soon).
    // E's reply is 15 WD away.
    assert_eq!(
        overdue(&db, "2026-08-10"),
        json!([[d, "correction-notice-missed", "2026-07-24", -11, null]])
    );
    approve(&db, "2026-08-12", &d, "2026-08-12", "1");
    db.ok(
        "2026-08-12",
        &["reply", &d, "--on", "2026-08-12", "--delivery", "邮寄"],
    );
    // The delivery record: served 08-14 (else the weekly report asks for it after 10 WD).
    db.ok(
        "2026-08-14",
        &["served", &d, "--letter", "reply", "--on", "2026-08-14"],
    );
    db.ok(
        "2026-08-20",
        &["fee", "notice", &e, "--on", "2026-08-20", "--pages", "120"],
    );
    // While the fee is unpaid within its period, nothing is due from the agency.
    assert_eq!(overdue(&db, "2026-09-17"), json!([]));
    assert_eq!(
        overdue(&db, "2026-09-18"),
        json!([[e, "fee-lapsed", "2026-09-17", -1, null]])
    );

    // --fail-if-any: exit 3 only when the agency itself is late. A lapsed fee period is the
    // applicant's: a step to take (close as （六）2), shown as 已过, not 逾期.
    let out = db.run(
        "2026-09-18",
        &["overdue", "--as-of", "2026-09-18", "--fail-if-any"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("已过 1 个工作日"), "{}", out.stdout);
    assert!(
        out.stdout.contains("共 1 件，其中已逾期 0 件"),
        "{}",
        out.stdout
    );
    // F: in person Mon 2026-08-17, due 2026-09-14: late on 09-18 by 4 working days.
    let f = in_person(
        &db,
        "2026-08-17",
        "2026-08-17",
        "吴十",
        "景区门票价格听证材料",
    );
    let out = db.run(
        "2026-09-18",
        &["overdue", "--as-of", "2026-09-18", "--fail-if-any"],
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stdout.contains("逾期 4 个工作日"), "{}", out.stdout);
    assert!(
        out.stdout.contains("共 2 件，其中已逾期 1 件"),
        "{}",
        out.stdout
    );
    let out = db.run(
        "2026-09-14",
        &["overdue", "--as-of", "2026-09-14", "--fail-if-any"],
    );
    assert_eq!(out.code, 0, "{f} is due today, not late");
}

/// S6 in the weekly report: the third party's window ended with no answer recorded, so the
/// clock runs again; the row says so until the reply itself is due soon.
#[test]
fn overdue_report_on_a_silent_third_party() {
    let db = Db::new();
    let c = s5_setup(&db);
    // While the window is open (until 03-31), the clock is paused: nothing is due.
    assert_eq!(overdue(&db, "2026-03-31"), json!([]));
    // Wed 04-01: the window ended yesterday; the reply is due 04-21 (13 WD away).
    assert_eq!(
        overdue(&db, "2026-04-01"),
        json!([[c, "consultation-ended", "2026-03-31", -1, null]])
    );
    // Tue 04-14: the reply (04-21) is 5 WD away, so the reply row replaces it.
    assert_eq!(
        overdue(&db, "2026-04-14"),
        json!([[c, "reply-due-soon", "2026-04-21", 5, null]])
    );
}

/// In January, before the new year's notice is in the calendar: a 2026 due date stays certain;
/// only the count of working days late runs through the unknown year.
#[test]
fn overdue_in_january_marks_the_count_not_the_known_date_provisional() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    let out = db.ok(
        "2027-01-04",
        &["overdue", "--as-of", "2027-01-04", "--format", "json"],
    );
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows[0]["case_no"], json!(c));
    assert_eq!(rows[0]["due"], json!("2026-03-05"));
    assert_eq!(rows[0]["provisional"], json!(false));
    assert_eq!(rows[0]["working_days_left_provisional"], json!(true));
    let out = db.ok("2027-01-04", &["overdue", "--as-of", "2027-01-04"]);
    assert!(out.stdout.contains("┆ 2026-03-05 ┆"), "{}", out.stdout);
    assert!(out.stdout.contains("个工作日（临时）"), "{}", out.stdout);
}

/// A correction notice that turns out (after the receipt date is corrected) to have come after
/// its 7 working days does not stop the reply period: the reply is counted from R and the
/// weekly report lists it.
#[test]
fn a_late_correction_notice_does_not_stop_the_clock() {
    let db = Db::new();
    let c = in_person(&db, "2026-09-30", "2026-09-30", "钱七", "文化市场执法案卷");
    db.ok(
        "2026-10-12",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-10-12",
            "--items",
            "请写明年度",
        ],
    );
    assert_eq!(db.show("2026-10-12", &c)["reply_due"], Value::Null);
    // The application had in fact arrived on Fri 2026-09-18: the notice window ended 09-29
    // (Sun 09-20 is a make-up working day; Fri 09-25 is off).
    db.ok(
        "2026-10-13",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--date",
            "2026-09-18",
            "--reason",
            "收到日期录错",
            "--force",
        ],
    );
    let v = db.show("2026-10-13", &c);
    assert_eq!(v["state"], json!("awaiting-correction"));
    assert_eq!(v["clock"], json!("running"));
    // 20 WD from 09-18 without a pause: 09-20 … 09-30 (8), National Day off, 10-08 … 10-22 (20).
    assert_eq!(date(&v["reply_due"]), "2026-10-22");
    assert!(
        v["basis"]
            .as_str()
            .unwrap()
            .contains("补正通知晚于收到申请之日起 7 个工作日")
    );
    assert_eq!(
        overdue(&db, "2026-10-23"),
        json!([[c, "reply-overdue", "2026-10-22", -1, null]])
    );
}

/// A consultation letter sent after the reply was already due (the third party must still be
/// heard before its information is disclosed) does not stop the clock (条例 Art 33 ¶3 counts only
/// time *within* the period): the reply stays late, and the weekly report keeps listing it. S1's request: due 2026-03-05; on 03-11 four working days late
/// (03-06, 03-09, 03-10, 03-11).
#[test]
fn a_pause_begun_after_the_due_date_does_not_hide_a_late_reply() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-01-30",
        "2026-01-30",
        "赵一",
        "文物修缮工程招标文件",
    );
    let out = consult_send(&db, &c, "2026-03-10", "甲公司");
    assert!(
        out.stderr
            .contains("提示：答复期限为 2026-03-05，2026-03-10 发出时已过期限，这段期间不中止计时"),
        "{}",
        out.stderr
    );
    let v = db.show("2026-03-11", &c);
    assert_eq!(v["clock"], json!("running"));
    assert_eq!(date(&v["reply_due"]), "2026-03-05");
    assert_eq!(v["reply_due_paused"], json!(false));
    assert!(
        v["basis"].as_str().unwrap().contains(
            "甲公司，2026-03-10 发函，意见期满最早为 2026-03-31（送达日期未记录，按发函之日起算），发出时已过答复期限，不中止计时"
        ),
        "{}",
        v["basis"]
    );
    assert_eq!(
        overdue(&db, "2026-03-11"),
        json!([[c, "reply-overdue", "2026-03-05", -4, null]])
    );
}

/// Late on a Saturday right after a Friday due date is one working day late, not "0" (which
/// means "due today"): received Mon 2026-02-02, due Fri 2026-03-06.
#[test]
fn late_on_the_weekend_after_the_due_date_counts_one_working_day() {
    let db = Db::new();
    let c = in_person(&db, "2026-02-02", "2026-02-02", "钱二", "文化市场执法案卷");
    assert_eq!(
        overdue(&db, "2026-03-07"),
        json!([[c, "reply-overdue", "2026-03-06", -1, null]])
    );
    assert_eq!(
        overdue(&db, "2026-03-09"),
        json!([[c, "reply-overdue", "2026-03-06", -1, null]])
    );
    let out = db.ok("2026-03-07", &["overdue", "--as-of", "2026-03-07"]);
    assert!(out.stdout.contains("逾期 1 个工作日"), "{}", out.stdout);
}

/// A fee notice on or after the due day is refused: there is no running period left for it to
/// stop (109号), and the request would wait for the payment while its reply grows later.
/// Received Thu 2026-10-08, due Wed 2026-11-04; nothing is written.
#[test]
fn a_fee_notice_after_the_due_day_is_refused() {
    let db = Db::new();
    let c = in_person(&db, "2026-10-08", "2026-10-08", "孙三", "文化市场执法案卷");
    let before = db.bytes();
    for on in ["2026-11-05", "2026-11-06"] {
        let out = db.refused(on, &["fee", "notice", &c, "--on", on, "--pages", "50"]);
        assert!(
            out.stderr.contains(&format!(
                "答复期限为 2026-11-04，{on} 已过期限，收费通知不能再中止计时（国办函〔2020〕109号、条例第三十三条）：请尽快答复"
            )),
            "{}",
            out.stderr
        );
    }
    assert_eq!(db.bytes(), before);
    // On the due day itself it still stops the clock (SPEC §3, S18).
    db.ok(
        "2026-11-04",
        &["fee", "notice", &c, "--on", "2026-11-04", "--pages", "50"],
    );
}

/// An extension approved before a correction notice does not survive the restart: the reply is
/// due 20 working days after the corrected application (SPEC §3, 条例第三十条), and a new
/// extension may be approved. Received 2026-03-02; extended 03-03; notice 03-04; corrected
/// application 03-10 → due 2026-04-08 (Qingming 04-04..06 off); extended 10 on 04-01 → 04-22.
#[test]
fn an_extension_before_a_correction_is_void_after_the_restart() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "周四",
        "文物修缮工程招标文件",
    );
    let extend = |on: &str, days: &str| {
        db.ok(
            on,
            &[
                "extend",
                &c,
                "--on",
                on,
                "--days",
                days,
                "--approver",
                "公开办主任",
                "--reason",
                "涉及档案调阅",
                "--notified-on",
                on,
            ],
        )
    };
    extend("2026-03-03", "20");
    db.ok(
        "2026-03-04",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-03-04",
            "--items",
            "请写明文件名称",
        ],
    );
    db.ok(
        "2026-03-10",
        &["correct", "received", &c, "--on", "2026-03-10"],
    );
    let v = db.show("2026-03-10", &c);
    assert_eq!(date(&v["reply_due"]), "2026-04-08");
    assert!(
        v["basis"]
            .as_str()
            .unwrap()
            .contains("2026-03-03 批准的延期在收到补正、重新计算答复期限之前，不再适用")
    );
    extend("2026-04-01", "10");
    assert_eq!(date(&db.show("2026-04-01", &c)["reply_due"]), "2026-04-22");
}

/// The CSV of the weekly report says what the table says: a count through a year without a
/// notice is provisional, and a letter awaiting confirmation has its working days waited.
/// Received 2026-12-02 (due 2026-12-30); a letter registered unreachable 2026-12-21; as of
/// 2027-01-05 the first is 3 working days late (12-31, 01-04, 01-05: 01-01 is the statutory 元旦),
/// the letter has waited 10 (12-22 … 01-05 less 01-01).
#[test]
fn the_weekly_csv_marks_provisional_counts_and_waiting_days() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-12-02",
        "2026-12-02",
        "吴五",
        "文物修缮工程招标文件",
    );
    let l = db.register(
        "2026-12-21",
        &[
            "--channel",
            "letter",
            "--unreachable",
            "--on",
            "2026-12-21",
            "--applicant",
            "郑六",
            "--applicant-type",
            "natural",
            "--address",
            "某市和平路12号",
            "--content",
            "图书馆年报",
        ],
    );
    let out = db.ok(
        "2027-01-05",
        &["overdue", "--as-of", "2027-01-05", "--format", "csv"],
    );
    let lines: Vec<&str> = out.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "案件编号,申请人,阶段,期限,剩余工作日,临时,已等待工作日,科室,承办人".to_string(),
            format!("{c},吴*,答复已逾期,2026-12-30,-3,是,,,"),
            format!("{l},郑*,平常信函待确认收到（未计时）,,,是,10,,"),
        ]
    );
}

/// A correction notice not sent in its 7 working days (条例 Art 30) stays in the weekly report
/// as the agency's lateness when the reply then comes within the look-ahead: registered by post
/// 2026-05-20 without identity proof, the window closed 2026-05-29; on 2026-06-10 the reply
/// (due 2026-06-17) is due in 5 working days, yet the row is the missed notice, 8 working days
/// late, and `--fail-if-any` exits 3.
#[test]
fn a_missed_correction_notice_is_not_hidden_by_a_reply_due_soon() {
    let db = Db::new();
    let c = db.register(
        "2026-05-20",
        &[
            "--channel",
            "mail",
            "--applicant",
            "钱七",
            "--applicant-type",
            "natural",
            "--phone",
            "13812345678",
            "--content",
            "某项目审批文件",
            "--on",
            "2026-05-20",
        ],
    );
    let o = db.run(
        "2026-06-10",
        &[
            "overdue",
            "--as-of",
            "2026-06-10",
            "--fail-if-any",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.code, 3, "{}", o.stderr);
    let rows: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let r = &rows[0];
    assert_eq!(r["case_no"], json!(c));
    assert_eq!(r["duty"], json!("correction-notice-missed"));
    assert_eq!(r["due"], json!("2026-05-29"));
    assert_eq!(r["working_days_left"], json!(-8));
    assert_eq!(r["agency_late"], json!(true));
    assert_eq!(r["reply_due"], json!("2026-06-17"));
}
