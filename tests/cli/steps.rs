//! The steps after registration through the real binary: what a reply letter must give for its
//! outcome, review and approval, objections and the public-interest finding, amendments and
//! the deadlines that follow them, archive and appeals, the timeline, and `calendar diff` on the
//! deadlines a new notice moves.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Db, approve, consult_answer, consult_send, disclose, in_person};

const CONTENT: &str = "2025年文物保护专项资金使用情况";

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
            .contains("更正第 1 项：日期 2026-03-02 → 2026-03-03")
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

/// Writes `agency-holidays.toml` in `dir` with a 2027 notice that gives 2027-01-01..03 off for
/// 元旦 (no working weekend); returns its path, for `--holidays` and `calendar diff`.
fn new_year_2027_notice(dir: &Path) -> String {
    let f = dir.join("agency-holidays.toml");
    std::fs::write(
        &f,
        "[2027]\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\nholidays = [\n  { name = \"元旦\", off = [\"2027-01-01..2027-01-03\"], work = [] },\n]\n",
    )
    .unwrap();
    f.display().to_string()
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
    // Suppose the 2027 notice gives 2027-01-01..03 off: 元旦 was already counted as a statutory
    // rest day, so the due date stays 2027-01-08 and is listed because it stops being provisional.
    let p = new_year_2027_notice(dir.path());
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
    // Drafted and approved while the answer was awaited; the objection comes after.
    approve(&db, "2026-03-12", &c, "2026-03-12", "1");
    consult_answer(
        &db,
        &c,
        "2026-03-20",
        "某演出有限公司",
        "object",
        Some("涉及商业秘密"),
    );
    let out = db.refused(
        "2026-03-24",
        &["reply", &c, "--on", "2026-03-24", "--delivery", "邮寄"],
    );
    assert!(
        out.stderr.starts_with(
            "错误：第三方“某演出有限公司”不同意公开，答复却为（一）予以公开：第三方不同意公开且有合理理由的，不予公开"
        ),
        "{}",
        out.stderr
    );
    // A new draft to disclose over the objection is refused at the draft already.
    let out = db.refused(
        "2026-03-24",
        &[
            "review",
            "draft",
            &c,
            "--on",
            "2026-03-24",
            "--department",
            "文物科",
            "--handler",
            "李明",
            "--outcome",
            "1",
        ],
    );
    assert!(
        out.stderr.starts_with(
            "错误：第三方“某演出有限公司”不同意公开，拟办意见却为（一）予以公开：第三方不同意公开且有合理理由的，不予公开"
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
            .contains("该事件没有字段“applicant.phnoe”；登记可更正的字段有（写中文名或路径均可）：申请人姓名（applicant.name）、"),
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
    let p = new_year_2027_notice(dir.path());
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
    // The timeline is the last part of `show`: exactly one line per event, in order, nothing
    // duplicated or added.
    let (_, timeline) = out
        .stdout
        .split_once("时间线：\n")
        .unwrap_or_else(|| panic!("no timeline:\n{}", out.stdout));
    let by = "（测试员 记录于 2026-11-30T09:00:00+08:00）";
    let expected: String = [
        "  #1 2026-03-02 登记：当面提交，张三（自然人），申请内容：2025年文物保护专项资金使用情况",
        "  #2 2026-03-20 延期答复：经公开办主任批准延期 10 个工作日，2026-03-20 告知申请人；理由：涉及档案调阅",
        "  #3 2026-03-24 拟办：文物科 李明，拟（一）予以公开；理由：经审查；依据：《政府信息公开条例》",
        "  #4 2026-03-24 审核：政务公开办公室审核通过",
        "  #5 2026-03-24 审批：王局长 审批同意",
        "  #6 2026-03-24 答复：（一）予以公开；送达方式：当面；理由：经审查；依据：《政府信息公开条例》",
        "  #7 2026-04-10 复议/诉讼：行政复议：市人民政府（某府复〔2026〕12号）",
    ]
    .iter()
    .map(|l| format!("{l}{by}\n"))
    .collect();
    assert_eq!(timeline, expected, "{}", out.stdout);
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
