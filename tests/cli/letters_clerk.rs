//! Defects a new clerk found in the letters, each reproduced through the real binary: the
//! 延期答复告知书 states the due date known on its own date and the recorded reason (条例 Art 33
//! ¶2); the 公开告知书 goes only to a party that objected (条例 Art 32); a masked export does not
//! copy the letters that carry the applicant's personal data.

use crate::common::{approve_in_public_interest, consult_answer, consult_send};
use crate::letters::{ADDRESS, ID, Office, PHONE, S1_CONTENT, docx_text, in_person};

const CONTENT: &str = "2025年度文物保护专项资金使用情况";

/// Received 2026-03-06 (due 2026-04-03); extended by 20 working days on 2026-03-26 (due
/// 2026-05-07), approved by 办公室主任张三 for the reason 信息量大.
fn extended(o: &Office) -> String {
    let c = in_person(o, "2026-03-06", "陈静", CONTENT);
    o.ok(
        "2026-03-26",
        &[
            "extend",
            &c,
            "--on",
            "2026-03-26",
            "--days",
            "20",
            "--approver",
            "办公室主任张三",
            "--reason",
            "信息量大",
            "--notified-on",
            "2026-03-26",
        ],
    );
    c
}

/// The Art 35 step after the extension: reasons asked, found reasonable, and a reasonable later
/// deadline 2026-06-30 told on 2026-03-31.
fn reasons_with_later_deadline(o: &Office, c: &str) {
    o.ok("2026-03-27", &["reasons", "ask", c, "--on", "2026-03-27"]);
    o.ok(
        "2026-03-30",
        &["reasons", "answer", c, "--accepted", "--on", "2026-03-30"],
    );
    o.ok(
        "2026-03-31",
        &[
            "reasons",
            "deadline",
            c,
            "--on",
            "2026-03-31",
            "--due",
            "2026-06-30",
            "--notified-on",
            "2026-03-31",
        ],
    );
}

/// The extension letter's own facts (SPEC §9: the working days, the new due date, the approver),
/// with the reason recorded.
const EXTENSION_FACTS: [&str; 5] = [
    "因信息量大，本机关不能在",
    "答复期限延长20个工作日，由2026年4月3日延长至2026年5月7日",
    "政府信息公开工作机构负责人办公室主任张三同意",
    "第三十三条第二款",
    "2026年3月26日",
];

fn assert_extension_letter(text: &str) {
    for want in EXTENSION_FACTS {
        assert!(text.contains(want), "{want}\n{text}");
    }
    for not in ["2026年6月30日", "进一步检索"] {
        assert!(!text.contains(not), "{not}\n{text}");
    }
}

#[test]
fn extension_letter_issued_after_a_later_art35_deadline_states_its_own_day_s_due_date() {
    let o = Office::new();
    let c = extended(&o);
    reasons_with_later_deadline(&o, &c);
    // The reply is now due on the reasonable later deadline …
    let v = o.db.show("2026-04-01", &c);
    assert_eq!(v["reply_due"], "2026-06-30", "{v}");
    // … but the letter of 2026-03-26 says what was known that day.
    let (docx, md, out) = o.letter("2026-04-01", &c, &["extension"]);
    assert!(out.contains("已出具延期答复告知书"), "{out}");
    assert_extension_letter(&docx);
    assert_extension_letter(&md);
}

#[test]
fn extension_letter_issued_before_a_later_step_is_not_a_changed_letter() {
    let o = Office::new();
    let c = extended(&o);
    let (_, first, out) = o.letter("2026-03-26", &c, &["extension"]);
    assert_extension_letter(&first);
    assert!(out.contains("文号 根文旅公开〔2026〕1号"), "{out}");
    reasons_with_later_deadline(&o, &c);
    // Nothing the letter states was amended: made again, it is the same letter, same number.
    let again = o.out("again.md");
    let a = again.display().to_string();
    let r = o.ok(
        "2026-04-01",
        &["letter", &c, "extension", "--format", "md", "--out", &a],
    );
    assert!(
        r.stdout.contains("内容未变，沿用原文号") && r.stdout.contains("根文旅公开〔2026〕1号"),
        "{}",
        r.stdout
    );
    assert!(!r.stderr.contains("此后记录的事实有更正"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&again).unwrap(), first);
    // --reissue is refused: nothing changed.
    let r = o.run(
        "2026-04-01",
        &[
            "letter",
            &c,
            "extension",
            "--format",
            "md",
            "--out",
            &o.out("re.md").display().to_string(),
            "--reissue",
            "--reason",
            "核对",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("无须重新出具"), "{}", r.stderr);
    // An amendment of the letter's own facts (the reason) still changes it.
    o.ok(
        "2026-04-01",
        &[
            "amend",
            &c,
            "--event",
            "2",
            "--set",
            "reason=涉及多个科室",
            "--reason",
            "笔误",
        ],
    );
    let r = o.run(
        "2026-04-01",
        &[
            "letter",
            &c,
            "extension",
            "--format",
            "md",
            "--out",
            &o.out("amended.md").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "延期答复告知书已于 2026-03-26 出具（文号 根文旅公开〔2026〕1号），此后记录的事实有更正，内容已经改变"
        ),
        "{}",
        r.stderr
    );
}

/// Two parties consulted on 2026-03-10: 甲方 objects (商业秘密), 乙方 agrees; the office
/// discloses in the public interest with its reply of 2026-04-08.
fn disclosed_over_one_objection(o: &Office) -> String {
    let c = in_person(o, "2026-03-02", "陈静", CONTENT);
    consult_send(&o.db, &c, "2026-03-10", "甲方");
    consult_send(&o.db, &c, "2026-03-10", "乙方");
    consult_answer(&o.db, &c, "2026-03-20", "甲方", "object", Some("商业秘密"));
    consult_answer(&o.db, &c, "2026-03-20", "乙方", "agree", None);
    approve_in_public_interest(&o.db, "2026-04-08", &c, "2026-04-08", "涉及公共安全");
    o.ok(
        "2026-04-08",
        &[
            "reply",
            &c,
            "--on",
            "2026-04-08",
            "--outcome",
            "1",
            "--delivery",
            "当面领取",
            "--public-interest",
            "涉及公共安全",
        ],
    );
    c
}

#[test]
fn disclosure_notice_is_refused_for_a_party_that_did_not_object() {
    let o = Office::new();
    let c = disclosed_over_one_objection(&o);
    let before = o.db.bytes();
    let out = o.out("乙方.md");
    let r = o.run(
        "2026-04-08",
        &[
            "letter",
            &c,
            "disclosure-notice",
            "--party",
            "乙方",
            "--format",
            "md",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("不能制作公开告知书：第三方“乙方”没有不同意公开；公开告知书只发给不同意公开、而本机关仍决定公开的第三方（条例第三十二条）。不同意公开的第三方是：“甲方”"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    assert!(o.db.bytes() == before, "a refusal wrote to the register");
    // The party that objected gets it; the list calls for it only.
    let (docx, md, _) = o.letter("2026-04-08", &c, &["disclosure-notice", "--party", "甲方"]);
    for t in [&docx, &md] {
        assert!(t.contains("您（单位）不同意公开"), "{t}");
        assert!(t.contains("理由如下：涉及公共安全。"), "{t}");
        assert!(t.contains("甲方"), "{t}");
    }
    let list = o.ok("2026-04-08", &["letter", &c]).stdout;
    assert!(!list.contains("disclosure-notice --party 乙方"), "{list}");
}

#[test]
fn disclosure_notice_says_when_no_party_objected() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", CONTENT);
    consult_send(&o.db, &c, "2026-03-10", "乙方");
    consult_answer(&o.db, &c, "2026-03-20", "乙方", "agree", None);
    let r = o.run(
        "2026-03-20",
        &[
            "letter",
            &c,
            "disclosure-notice",
            "--party",
            "乙方",
            "--out",
            &o.out("x.docx").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("第三方“乙方”没有不同意公开；公开告知书只发给不同意公开、而本机关仍决定公开的第三方（条例第三十二条）。本申请征求意见的第三方都没有不同意公开"),
        "{}",
        r.stderr
    );
}

fn sha256_of(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A request with a letter to the applicant (登记回执, 〔2026〕1号) and one to a third party
/// (征求意见书, 〔2026〕2号).
fn with_two_letters(o: &Office) -> String {
    let c = in_person(o, "2026-01-30", "陈静", S1_CONTENT);
    o.letter("2026-01-30", &c, &["receipt"]);
    consult_send(&o.db, &c, "2026-02-02", "甲方");
    o.letter("2026-02-02", &c, &["consultation", "--party", "甲方"]);
    c
}

#[test]
fn masked_export_lists_the_applicant_s_letters_without_copying_them() {
    let o = Office::new();
    let c = with_two_letters(&o);
    let shown = o.db.show("2026-02-03", &c);
    let receipt_sha = shown["letters"][0]["sha256"].as_str().unwrap().to_string();
    let dir = o.out("masked");
    let d = dir.display().to_string();
    let out = o.ok("2026-02-03", &["export", &c, "--dir", &d]);
    assert!(out.stdout.contains("个人信息已部分遮盖"), "{}", out.stdout);
    let note = "以下文书载有申请人的个人信息（姓名、证件号码、电话、地址），个人信息部分遮盖的导出未复制，只列出文号、日期和 SHA-256；需要原件时加 --reveal 重新导出";
    assert!(
        out.stdout.contains(&format!(
            "{note}：\n  2026-01-30 登记回执 根文旅公开〔2026〕1号 SHA-256 {receipt_sha}\n"
        )),
        "{}",
        out.stdout
    );
    // Only the letter to the third party is copied.
    let names: Vec<String> = std::fs::read_dir(dir.join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [format!("{c}-征求意见书-甲方-2026-2.docx")]);
    let third = docx_text(&dir.join("letters").join(&names[0]));
    for p in ["陈静", ID, PHONE, ADDRESS] {
        assert!(!third.contains(p), "{third}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["letters_left_out_note"], note);
    assert_eq!(
        manifest["letters_left_out"],
        serde_json::json!([{
            "name": format!("letters/{c}-登记回执-2026-1.docx"),
            "title": "登记回执",
            "number": "根文旅公开〔2026〕1号",
            "issued_on": "2026-01-30",
            "sha256": receipt_sha,
        }])
    );
    let files: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "case.json".to_string(),
            "case.md".to_string(),
            format!("letters/{c}-征求意见书-甲方-2026-2.docx"),
        ]
    );
    // No file of the export carries the applicant's ID number, phone or address.
    for f in ["case.json", "case.md", "manifest.json", "SHA256SUMS"] {
        let t = std::fs::read_to_string(dir.join(f)).unwrap();
        for p in [ID, PHONE, ADDRESS] {
            assert!(!t.contains(p), "{f}: {p}");
        }
    }
    let md = std::fs::read_to_string(dir.join("case.md")).unwrap();
    assert!(
        md.contains("- 本导出的个人信息部分遮盖：载有申请人个人信息的文书（致申请人的文书及其送达回证）未复制，manifest.json 的 letters_left_out 列出其文号、日期和 SHA-256；需要原件时加 --reveal 重新导出。"),
        "{md}"
    );
    let v = o.ok("2026-02-03", &["verify", "--export", &d]);
    assert!(v.stdout.ends_with("结论：完好\n"), "{}", v.stdout);
    // A forged hash in the list of letters left out is found.
    let forged = std::fs::read_to_string(dir.join("manifest.json"))
        .unwrap()
        .replace(&receipt_sha, &sha256_of(b"forged"));
    std::fs::write(dir.join("manifest.json"), &forged).unwrap();
    let sums: String = std::fs::read_to_string(dir.join("SHA256SUMS"))
        .unwrap()
        .lines()
        .map(|l| {
            if l.ends_with("  manifest.json") {
                format!("{}  manifest.json\n", sha256_of(forged.as_bytes()))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(dir.join("SHA256SUMS"), sums).unwrap();
    let v = o.run("2026-02-03", &["verify", "--export", &d]);
    assert_eq!(v.code, 6, "{}", v.stdout);
    assert!(
        v.stdout.contains(&format!(
            "清单列出的未复制文书 letters/{c}-登记回执-2026-1.docx 的 SHA-256 不是本案出具文书时记录的任何一个"
        )),
        "{}",
        v.stdout
    );
}

#[test]
fn revealed_export_copies_every_letter() {
    let o = Office::new();
    let c = with_two_letters(&o);
    let dir = o.out("revealed");
    let d = dir.display().to_string();
    let out = o.ok("2026-02-03", &["export", &c, "--dir", &d, "--reveal"]);
    assert!(!out.stdout.contains("未复制"), "{}", out.stdout);
    let mut names: Vec<String> = std::fs::read_dir(dir.join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want = [
        format!("{c}-征求意见书-甲方-2026-2.docx"),
        format!("{c}-登记回执-2026-1.docx"),
    ];
    want.sort();
    assert_eq!(names, want);
    let receipt = docx_text(&dir.join(format!("letters/{c}-登记回执-2026-1.docx")));
    assert!(receipt.contains("陈静"), "{receipt}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest.get("letters_left_out").is_none(), "{manifest}");
    assert!(
        manifest.get("letters_left_out_note").is_none(),
        "{manifest}"
    );
    let md = std::fs::read_to_string(dir.join("case.md")).unwrap();
    assert!(!md.contains("letters_left_out"), "{md}");
    let v = o.ok("2026-02-03", &["verify", "--export", &d]);
    assert!(v.stdout.ends_with("结论：完好\n"), "{}", v.stdout);
}

/// README “Choices made where the rules are silent”: a number is taken when the letter is
/// issued and never reused, so numbers follow the order of issuing, not the letters' dates.
#[test]
fn letter_numbers_follow_the_order_of_issuing_not_the_letters_dates() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", CONTENT);
    let (_, _, out) = o.letter("2026-03-02", &c, &["receipt"]);
    assert!(out.contains("文号 根文旅公开〔2026〕1号"), "{out}");
    consult_send(&o.db, &c, "2026-03-10", "甲方");
    consult_answer(&o.db, &c, "2026-03-20", "甲方", "agree", None);
    o.ok(
        "2026-03-25",
        &[
            "extend",
            &c,
            "--on",
            "2026-03-25",
            "--days",
            "10",
            "--approver",
            "办公室主任张三",
            "--reason",
            "信息量大",
            "--notified-on",
            "2026-03-25",
        ],
    );
    let (_, ext, out) = o.letter("2026-03-25", &c, &["extension"]);
    assert!(out.contains("文号 根文旅公开〔2026〕2号"), "{out}");
    assert!(ext.contains("2026年3月25日"), "{ext}");
    // The consultation letter of 2026-03-10, printed only now, takes the next number.
    let (_, cons, out) = o.letter("2026-03-26", &c, &["consultation", "--party", "甲方"]);
    assert!(out.contains("文号 根文旅公开〔2026〕3号"), "{out}");
    assert!(cons.contains("根文旅公开〔2026〕3号"), "{cons}");
    assert!(cons.contains("2026年3月10日"), "{cons}");
    let list = o.ok("2026-03-26", &["letter", &c]).stdout;
    assert!(
        list.contains("根文旅公开〔2026〕2号\n") && list.contains("根文旅公开〔2026〕3号\n"),
        "{list}"
    );
}
