//! The letters (文书) through the real binary: every row of `../shared/cases/letters.md`, the
//! .docx unzipped and the Markdown read, with the exact strings; issuing recorded, numbers never
//! reused, the reissue path, refusals, `letters pending`.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::common::{Db, Output, approve, consult_send};

/// The agency's config of `letters.md`.
pub(crate) const CONFIG: &str = r#"agency = "根河市文化旅游广电局"
agency_short = "根文旅"
reconsideration_body = "根河市人民政府"
court = "根河市人民法院"
office_address = "内蒙古自治区根河市好里堡街道文化路1号"
office_phone = "0470-5212345"
contact = "王芳"
"#;

pub(crate) const ID: &str = "11010519491231002X";
pub(crate) const PHONE: &str = "13812345678";
pub(crate) const ADDRESS: &str = "北京市西城区金融大街甲9号院3号楼502室";

/// A register with the config of `letters.md` and a folder for the letters.
pub(crate) struct Office {
    pub(crate) db: Db,
    dir: tempfile::TempDir,
    config: PathBuf,
}

impl Office {
    pub(crate) fn new() -> Office {
        Office::with_config(CONFIG)
    }

    fn with_config(text: &str) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, text).unwrap();
        Office {
            db: Db::new(),
            dir,
            config,
        }
    }

    pub(crate) fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `disclose` with this office's config.
    pub(crate) fn run(&self, today: &str, args: &[&str]) -> Output {
        let c = self.config.display().to_string();
        let mut all = vec!["--config", c.as_str()];
        all.extend_from_slice(args);
        self.db.run(today, &all)
    }

    pub(crate) fn ok(&self, today: &str, args: &[&str]) -> Output {
        let out = self.run(today, args);
        assert_eq!(out.code, 0, "disclose {args:?} failed:\n{}", out.stderr);
        out
    }

    /// Issues a letter as .docx and as Markdown; returns (docx text, md text, stdout).
    pub(crate) fn letter(
        &self,
        today: &str,
        case: &str,
        kind: &[&str],
    ) -> (String, String, String) {
        let tag = kind.join("-").replace(['/', ' '], "_");
        let docx = self.out(&format!("{case}-{tag}-{today}.docx"));
        let md = self.out(&format!("{case}-{tag}-{today}.md"));
        let mut a = vec!["letter", case];
        a.extend_from_slice(kind);
        let d = docx.display().to_string();
        let mut ad = a.clone();
        ad.extend(["--out", d.as_str()]);
        let out = self.ok(today, &ad);
        let m = md.display().to_string();
        let mut am = a.clone();
        am.extend(["--out", m.as_str(), "--format", "md"]);
        self.ok(today, &am);
        (
            docx_text(&docx),
            std::fs::read_to_string(&md).unwrap(),
            out.stdout,
        )
    }
}

/// The text of a .docx body: every `<w:t>`, one paragraph a line, entities decoded.
pub(crate) fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            let after = &rest[i + 4..];
            if !(after.starts_with('>') || after.starts_with(' ')) {
                rest = after;
                continue;
            }
            let open = i + 4 + after.find('>').unwrap() + 1;
            let close = open + rest[open..].find("</w:t>").unwrap();
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        out.push('\n');
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Asserts every string is in both texts and none of the forbidden ones.
fn check(texts: &(String, String, String), must: &[&str], must_not: &[&str]) {
    for (what, t) in [("docx", &texts.0), ("md", &texts.1)] {
        for m in must {
            assert!(t.contains(m), "{what} lacks {m:?}:\n{t}");
        }
        for m in must_not {
            assert!(!t.contains(m), "{what} has {m:?}:\n{t}");
        }
    }
}

/// Registers in person with the applicant's ID, phone and address.
pub(crate) fn in_person(o: &Office, on: &str, name: &str, content: &str) -> String {
    o.db.register(
        on,
        &[
            "--channel",
            "in-person",
            "--on",
            on,
            "--applicant",
            name,
            "--applicant-type",
            "natural",
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--address",
            ADDRESS,
            "--content",
            content,
        ],
    )
}

pub(crate) const S1_CONTENT: &str = "2025年市级文物保护专项资金分配表";

#[test]
fn s1_receipt() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    let t = o.letter("2026-01-30", &c, &["receipt"]);
    check(
        &t,
        &[
            "陈静",
            "2026年1月30日",
            S1_CONTENT,
            "根河市文化旅游广电局",
            "20个工作日",
            "根文旅公开〔2026〕1号",
            // The applicant's own name and address in full on a letter to the applicant.
            "申请人姓名/名称：陈静",
            &format!("通信地址：{ADDRESS}"),
        ],
        &[],
    );
    assert!(t.2.contains("根文旅公开〔2026〕1号"), "{}", t.2);
}

/// S2's request and its extension: by mail, received Wed 2026-09-30 (刘洋); extended on
/// 2026-10-30 by 20 working days (条例 Art 33 ¶2), notified that day. Returns the case number.
pub(crate) fn s2_register(o: &Office) -> String {
    let c = o.db.register(
        "2026-09-30",
        &[
            "--channel",
            "mail",
            "--on",
            "2026-09-30",
            "--applicant",
            "刘洋",
            "--applicant-type",
            "natural",
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--address",
            ADDRESS,
            "--content",
            "2026年旅游发展资金使用情况",
        ],
    );
    o.ok(
        "2026-10-30",
        &[
            "extend",
            &c,
            "--on",
            "2026-10-30",
            "--days",
            "20",
            "--approver",
            "张主任",
            "--reason",
            "涉及多个科室，需调取档案",
            "--notified-on",
            "2026-10-30",
        ],
    );
    c
}

/// S3's request as the letters' tests give it: online, confirmed Tue 2026-04-28 (赵敏), no
/// postal address. Returns the case number.
fn s3_register(o: &Office) -> String {
    o.db.register(
        "2026-04-28",
        &[
            "--channel",
            "online",
            "--on",
            "2026-04-28",
            "--applicant",
            "赵敏",
            "--applicant-type",
            "natural",
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--content",
            "2025年度文物修缮项目验收报告",
        ],
    )
}

#[test]
fn s3_correction_notice() {
    let o = Office::new();
    let c = s3_register(&o);
    // Before the notice is recorded: refused, naming the command to record it.
    let r = o.run(
        "2026-05-08",
        &[
            "letter",
            &c,
            "correction",
            "--out",
            &o.out("x.docx").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("本申请没有记录补正通知"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("disclose correct notice {c} --items")),
        "{}",
        r.stderr
    );
    assert!(!o.out("x.docx").exists());
    o.ok(
        "2026-05-08",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-05-08",
            "--period",
            "15",
            "--items",
            "请写明所需信息的文件名称或文号；请提供身份证明复印件",
        ],
    );
    let t = o.letter("2026-05-08", &c, &["correction"]);
    check(
        &t,
        &[
            "2026年4月28日",
            "请写明所需信息的文件名称或文号",
            "请提供身份证明复印件",
            "15个工作日",
            "视为放弃申请",
            "第三十条",
        ],
        // The applicant's deadline counted from the sending day (2026-05-28) is no date the
        // applicant's period is counted from (the day of receipt of the notice).
        &["2026年5月28日"],
    );
}

#[test]
fn s5_consultation_letters() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", "某公司文物修缮工程合同");
    consult_send(&o.db, &c, "2026-03-10", "根河市古建筑修缮有限公司");
    let t = o.letter(
        "2026-03-10",
        &c,
        &["consultation", "--party", "根河市古建筑修缮有限公司"],
    );
    check(
        &t,
        &["根河市古建筑修缮有限公司", "15个工作日", "第三十二条"],
        &[ID, PHONE, ADDRESS, "陈静"],
    );
    let t = o.letter("2026-03-10", &c, &["征求意见告知书"]);
    check(
        &t,
        &[
            "第三十二条",
            "第三十三条第三款",
            "不计算在答复期限内",
            "陈静",
        ],
        &[],
    );
    // A party never consulted: refused.
    let r = o.run(
        "2026-03-10",
        &[
            "letter",
            &c,
            "consultation",
            "--party",
            "别的公司",
            "--out",
            &o.out("y.docx").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("disclose consult-third-party send"),
        "{}",
        r.stderr
    );
}

#[test]
fn s2_extension_notice() {
    let o = Office::new();
    let c = s2_register(&o);
    let t = o.letter("2026-10-30", &c, &["extension"]);
    check(
        &t,
        &[
            "2026年9月30日",
            "20个工作日",
            "2026年12月1日",
            "第三十三条第二款",
        ],
        &[],
    );
}

#[test]
fn s10_fee_notice() {
    let o = Office::new();
    let c = in_person(&o, "2026-08-03", "陈静", "2020年以来全部文物普查原始记录");
    o.ok(
        "2026-08-20",
        &["fee", "notice", &c, "--on", "2026-08-20", "--pages", "150"],
    );
    let t = o.letter("2026-08-20", &c, &["fee"]);
    // 109号: pages 31–100 at 10 元 (700), 101–150 at 20 元 (1000).
    check(
        &t,
        &[
            "合计1,700元",
            "按量计收",
            "共150页",
            "20个工作日",
            "国办函〔2020〕109号",
        ],
        &[],
    );
}

#[test]
fn s14_reply_disclosed() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    approve(&o.db, "2026-01-30", &c, "2026-01-30", "1");
    o.ok(
        "2026-01-30",
        &[
            "reply",
            &c,
            "--on",
            "2026-01-30",
            "--outcome",
            "1",
            "--delivery",
            "当面领取",
        ],
    );
    let t = o.letter("2026-01-30", &c, &["reply"]);
    check(
        &t,
        &[
            "2026年1月30日",
            "第三十六条",
            "根文旅公开〔2026〕",
            "行政复议",
            "根河市人民政府",
            "六十日",
            "行政诉讼",
            "根河市人民法院",
            "六个月",
            "陈静：",
        ],
        &[],
    );
}

#[test]
fn reply_withheld_third_party_reconsideration_first() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", "某企业的纳税明细");
    approve(&o.db, "2026-02-02", &c, "2026-02-02", "3.4");
    o.ok(
        "2026-02-02",
        &[
            "reply",
            &c,
            "--on",
            "2026-02-02",
            "--outcome",
            "3.4",
            "--reasons",
            "该信息涉及第三方商业秘密，第三方不同意公开",
            "--delivery",
            "当面领取",
        ],
    );
    let t = o.letter("2026-02-02", &c, &["答复书"]);
    let has = |s: &str| t.0.contains(s) && t.1.contains(s);
    assert!(has("第十五条") || has("第三十二条"), "{}", t.1);
    check(&t, &["行政复议"], &["直接向人民法院提起行政诉讼"]);
}

#[test]
fn reply_not_held_competent_agency() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", "某县土地征收批复");
    approve(&o.db, "2026-02-02", &c, "2026-02-02", "4.1");
    o.ok(
        "2026-02-02",
        &[
            "reply",
            &c,
            "--on",
            "2026-02-02",
            "--outcome",
            "4.1",
            "--reasons",
            "本机关未制作或获取该信息",
            "--search-done",
            "检索了本机关2015年以来的收发文登记",
            "--competent-agency",
            "根河市自然资源局",
            "--agency-contact",
            "0470-5219999",
            "--delivery",
            "当面领取",
        ],
    );
    let t = o.letter("2026-02-02", &c, &["reply"]);
    check(
        &t,
        &["第三十六条第（五）项", "根河市自然资源局", "0470-5219999"],
        &[],
    );
}

#[test]
fn issuing_is_recorded_same_letter_same_number_changed_needs_reissue() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    let first = o.out("r1.docx").display().to_string();
    let out = o.ok("2026-01-30", &["letter", &c, "receipt", "--out", &first]);
    assert!(
        out.stdout.contains("根文旅公开〔2026〕1号"),
        "{}",
        out.stdout
    );
    // Writing it again: the same bytes, the same number, and it says so.
    let again = o.out("r2.docx").display().to_string();
    let out = o.ok("2026-02-03", &["letter", &c, "receipt", "--out", &again]);
    assert!(
        out.stdout.contains("内容未变，沿用原文号"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("根文旅公开〔2026〕1号"),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // Never over an existing file.
    let r = o.run("2026-02-03", &["letter", &c, "receipt", "--out", &again]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--out"), "{}", r.stderr);
    // Another request's letter takes the next number of the year.
    let c2 = in_person(&o, "2026-02-02", "李雷", "2025年非遗项目名录");
    let out = o.ok(
        "2026-02-03",
        &[
            "letter",
            &c2,
            "receipt",
            "--out",
            &o.out("c2.docx").display().to_string(),
        ],
    );
    assert!(
        out.stdout.contains("根文旅公开〔2026〕2号"),
        "{}",
        out.stdout
    );
    // The facts amended: the letter changed, refused without --reissue.
    o.ok(
        "2026-02-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "content=2025年市级文物保护专项资金分配表及使用情况",
            "--reason",
            "登记时漏录",
        ],
    );
    let third = o.out("r3.docx").display().to_string();
    let r = o.run("2026-02-03", &["letter", &c, "receipt", "--out", &third]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("--reissue --reason"), "{}", r.stderr);
    assert!(!Path::new(&third).exists());
    let out = o.ok(
        "2026-02-03",
        &[
            "letter",
            &c,
            "receipt",
            "--out",
            &third,
            "--reissue",
            "--reason",
            "申请内容登记有误，已更正",
        ],
    );
    assert!(
        out.stdout.contains("根文旅公开〔2026〕3号"),
        "{}",
        out.stdout
    );
    assert!(docx_text(Path::new(&third)).contains("及使用情况"));
    // show lists both issues of the receipt, with number, date and SHA-256.
    let v: serde_json::Value =
        serde_json::from_str(&o.ok("2026-02-03", &["show", &c, "--format", "json"]).stdout)
            .unwrap();
    let letters = v["letters"].as_array().unwrap();
    assert_eq!(letters.len(), 2);
    assert_eq!(letters[0]["kind"], "receipt");
    assert_eq!(letters[0]["number"], "根文旅公开〔2026〕1号");
    assert_eq!(letters[0]["issued_on"], "2026-01-30");
    assert_eq!(letters[1]["number"], "根文旅公开〔2026〕3号");
    assert_eq!(letters[1]["issued_on"], "2026-02-03");
    assert_eq!(letters[1]["sha256"].as_str().unwrap().len(), 64);
    let table = o.ok("2026-02-03", &["show", &c]).stdout;
    assert!(
        table.contains("登记回执，文号 根文旅公开〔2026〕3号"),
        "{table}"
    );
}

#[test]
fn missing_config_key_is_refused_naming_it() {
    let o = Office::with_config("agency = \"根河市文化旅游广电局\"\nagency_short = \"根文旅\"\n");
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    approve(&o.db, "2026-01-30", &c, "2026-01-30", "1");
    o.ok(
        "2026-01-30",
        &[
            "reply",
            &c,
            "--on",
            "2026-01-30",
            "--outcome",
            "1",
            "--delivery",
            "当面领取",
        ],
    );
    let f = o.out("reply.docx");
    let r = o.run(
        "2026-01-30",
        &["letter", &c, "reply", "--out", &f.display().to_string()],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("reconsideration_body"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("reconsideration_body = \"根河市人民政府\""),
        "{}",
        r.stderr
    );
    assert!(!f.exists());
    let v = o.db.show("2026-01-30", &c);
    assert!(v["letters"].as_array().unwrap().is_empty());
}

#[test]
fn list_and_pending_write_every_letter_called_for() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", "某公司文物修缮工程合同");
    consult_send(&o.db, &c, "2026-03-10", "根河市古建筑修缮有限公司");
    let list = o.ok("2026-03-10", &["letter", &c]).stdout;
    assert!(list.contains("待出具"), "{list}");
    assert!(
        list.contains(&format!("disclose letter {c} receipt")),
        "{list}"
    );
    assert!(
        list.contains(&format!(
            "disclose letter {c} consultation --party 根河市古建筑修缮有限公司"
        )),
        "{list}"
    );
    let dir = o.out("morning");
    std::fs::create_dir(&dir).unwrap();
    let d = dir.display().to_string();
    let out = o.ok("2026-03-10", &["letters", "pending", "--out", &d]);
    assert!(out.stdout.contains("共生成 3 份文书"), "{}", out.stdout);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want = [
        format!("{c}-征求意见告知书.docx"),
        format!("{c}-征求意见书-根河市古建筑修缮有限公司.docx"),
        format!("{c}-登记回执.docx"),
    ];
    want.sort();
    assert_eq!(names, want);
    let third = docx_text(&dir.join(format!("{c}-征求意见书-根河市古建筑修缮有限公司.docx")));
    for p in [ID, PHONE, ADDRESS] {
        assert!(!third.contains(p), "{third}");
    }
    // Nothing pending any more.
    let list = o.ok("2026-03-10", &["letter", &c]).stdout;
    assert!(list.contains("待出具：\n  （无）"), "{list}");
    let out = o.ok("2026-03-10", &["letters", "pending", "--out", &d]);
    assert!(out.stdout.contains("共生成 0 份文书"), "{}", out.stdout);
}

#[test]
fn export_includes_the_letters_issued() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    let t = o.letter("2026-01-30", &c, &["receipt"]);
    assert!(t.2.contains("根文旅公开〔2026〕1号"));
    let dir = o.out("export");
    let d = dir.display().to_string();
    let out = o.ok("2026-02-02", &["export", &c, "--dir", &d, "--reveal"]);
    let file = dir.join(format!("letters/{c}-登记回执-2026-1.docx"));
    assert!(
        out.stdout.contains(&file.display().to_string()),
        "{}",
        out.stdout
    );
    // The file exported is the one issued: the SHA-256 recorded.
    let v = o.db.show("2026-02-02", &c);
    let sha = v["letters"][0]["sha256"].as_str().unwrap().to_string();
    use sha2::Digest as _;
    let got: String = sha2::Sha256::digest(std::fs::read(&file).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(got, sha);
    // The manifest and SHA256SUMS list the letter under letters/ with that same hash.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let name = format!("letters/{c}-登记回执-2026-1.docx");
    let listed: Vec<(&str, &str)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["sha256"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        ["case.json", "case.md", name.as_str()]
    );
    assert_eq!(listed[2].1, sha);
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    assert!(sums.contains(&format!("{sha}  {name}\n")), "{sums}");
    let v = o.ok("2026-02-02", &["verify", "--export", &d]);
    assert!(v.stdout.ends_with("结论：完好\n"), "{}", v.stdout);

    // A letter changed after the export, or a file slipped into letters/: verify says so.
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.push(0);
    std::fs::write(&file, &bytes).unwrap();
    std::fs::write(dir.join("letters/extra.docx"), b"x").unwrap();
    let v = o.run("2026-02-02", &["verify", "--export", &d]);
    assert_eq!(v.code, 6, "{}", v.stdout);
    for want in [
        format!("{name} 与 SHA256SUMS 中的 SHA-256 不符"),
        format!("{name} 与清单中的 SHA-256 不符：导出后被改动过"),
        "letters/extra.docx 不在清单中：导出后被放入".to_string(),
    ] {
        assert!(v.stdout.contains(&want), "{want}\n{}", v.stdout);
    }
}

#[test]
fn an_exported_letter_listed_with_a_hash_never_recorded_is_not_the_original() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    o.letter("2026-01-30", &c, &["receipt"]);
    let dir = o.out("export");
    let d = dir.display().to_string();
    o.ok("2026-02-02", &["export", &c, "--dir", &d, "--reveal"]);
    // Replace the letter and fix up the manifest and SHA256SUMS: the hash recorded when the
    // letter was issued (an event, itself chained) still tells.
    let name = format!("letters/{c}-登记回执-2026-1.docx");
    let old = std::fs::read(dir.join(&name)).unwrap();
    let hex = |b: &[u8]| -> String {
        use sha2::Digest as _;
        sha2::Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    let forged = b"forged letter".to_vec();
    std::fs::write(dir.join(&name), &forged).unwrap();
    let manifest = std::fs::read_to_string(dir.join("manifest.json"))
        .unwrap()
        .replace(&hex(&old), &hex(&forged))
        .replace(
            &format!("\"bytes\": {}", old.len()),
            &format!("\"bytes\": {}", forged.len()),
        );
    std::fs::write(dir.join("manifest.json"), &manifest).unwrap();
    let sums: String = ["case.json", "case.md", name.as_str(), "manifest.json"]
        .iter()
        .map(|n| format!("{}  {n}\n", hex(&std::fs::read(dir.join(n)).unwrap())))
        .collect();
    std::fs::write(dir.join("SHA256SUMS"), sums).unwrap();
    let v = o.run("2026-02-02", &["verify", "--export", &d]);
    assert_eq!(v.code, 6, "{}", v.stdout);
    assert!(
        v.stdout.contains(&format!(
            "{name} 的 SHA-256 不是本案出具文书时记录的任何一个：不是出具的原件"
        )),
        "{}",
        v.stdout
    );
}

#[test]
fn service_form_closing_notice_and_usage_errors() {
    let o = Office::new();
    let c = in_person(&o, "2026-04-01", "冯雪", "2025年博物馆参观人数统计");
    // A 送达回证 needs the letter it goes with issued first.
    let r = o.run(
        "2026-04-03",
        &[
            "letter",
            &c,
            "service",
            "--letter",
            "correction",
            "--out",
            &o.out("s.docx").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("disclose letter {c} correction")),
        "{}",
        r.stderr
    );
    o.ok(
        "2026-04-03",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-04-03",
            "--period",
            "10",
            "--items",
            "请写明所需信息的年份和范围",
        ],
    );
    let t = o.letter("2026-04-03", &c, &["correction"]);
    assert!(t.2.contains("根文旅公开〔2026〕1号"), "{}", t.2);
    let t = o.letter("2026-04-03", &c, &["service", "--letter", "补正告知书"]);
    check(
        &t,
        &["送达回证", "冯雪", ADDRESS, "根文旅公开〔2026〕1号"],
        &[],
    );
    // The closing notice only once the request was closed as （六）1.
    let r = o.run(
        "2026-04-03",
        &[
            "letter",
            &c,
            "closing",
            "--out",
            &o.out("cl.docx").display().to_string(),
        ],
    );
    // On 04-03 the correction period is still running: `correct lapse` would be refused, so
    // the hint is the steps accepted now (issue 13).
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("disclose correct received {c}")),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(&format!("disclose correct lapse {c}")),
        "{}",
        r.stderr
    );
    o.ok(
        "2026-04-30",
        &[
            "correct",
            "lapse",
            &c,
            "--on",
            "2026-04-30",
            "--served-unknown-reason",
            "当面交付，未留送达回证",
        ],
    );
    let t = o.letter("2026-04-30", &c, &["终止处理告知书"]);
    check(
        &t,
        &[
            "2026年4月3日",
            "10个工作日",
            "第三十条",
            "根文旅公开〔2026〕2号",
        ],
        &[],
    );
    // An unknown kind, and a letter format given to another command: usage errors.
    let r = o.run("2026-04-30", &["letter", &c, "memo"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("未知的文书种类"), "{}", r.stderr);
    let r = o.run("2026-04-30", &["show", &c, "--format", "docx"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// A letter bears the day of its step, whenever it is printed, and says only what was known
/// that day: the correction notice of 2026-05-08 printed on 2026-05-25, after the corrected
/// application arrived (2026-05-20), is dated 2026年5月8日 and does not mention the correction
/// (found by a new clerk's tryout: printed later, a letter looked late on paper).
#[test]
fn a_letter_bears_the_day_of_its_step_not_the_day_it_is_printed() {
    let o = Office::new();
    let c = s3_register(&o);
    o.ok(
        "2026-05-08",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-05-08",
            "--period",
            "15",
            "--items",
            "请写明文号",
        ],
    );
    o.ok(
        "2026-05-20",
        &["correct", "received", &c, "--on", "2026-05-20"],
    );
    let t = o.letter("2026-05-25", &c, &["correction"]);
    check(
        &t,
        &["2026年5月8日", "2026年4月28日"],
        &["2026年5月20日", "2026年5月25日"],
    );
}

/// S19: the 说明理由告知书 (条例 Art 35) once the asking is recorded — dated the day it was asked
/// (2026-06-03), citing 第三十五条, 15 working days from receipt; before it, refused with the
/// command that records the asking.
#[test]
fn s19_reasons_letter() {
    let o = Office::new();
    let c = o.db.register(
        "2026-06-01",
        &[
            "--channel",
            "in-person",
            "--on",
            "2026-06-01",
            "--applicant",
            "赵六",
            "--applicant-type",
            "natural",
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--content",
            "2015年以来全部行政许可审批材料",
        ],
    );
    let r = o.run(
        "2026-06-02",
        &[
            "letter",
            &c,
            "reasons",
            "--out",
            &o.out("r.docx").display().to_string(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("disclose reasons ask {c}")),
        "{}",
        r.stderr
    );
    assert!(!o.out("r.docx").exists());
    o.ok("2026-06-03", &["reasons", "ask", &c, "--on", "2026-06-03"]);
    let t = o.letter("2026-06-05", &c, &["说明理由告知书"]);
    check(
        &t,
        &[
            "说明理由告知书",
            "赵六",
            "2026年6月1日",
            "2015年以来全部行政许可审批材料",
            "第三十五条",
            "15个工作日",
            "2026年6月3日",
        ],
        &["2026年6月5日"],
    );
}

/// The morning print run stops once, before anything, when a key the letters need is not set
/// (exit 4, like a single letter) or the folder does not exist (exit 5, with the mkdir hint);
/// a refused letter hints only steps the register accepts now (a reply letter before the
/// reply: the draft and the other next steps, not `disclose reply`).
#[test]
fn the_print_run_refuses_once_and_hints_only_accepted_steps() {
    let o = Office::with_config("agency = \"根河市文化旅游广电局\"\n");
    let c = in_person(&o, "2026-06-10", "张三", "2025年度预算");
    let out = o.out("letters");
    let r = o.run(
        "2026-06-10",
        &["letters", "pending", "--out", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 5, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "错误：文件夹 {0} 不存在，未生成任何文书\n提示：先建好文件夹：mkdir -p {0}\n",
            out.display()
        )
    );
    std::fs::create_dir(&out).unwrap();
    let r = o.run(
        "2026-06-10",
        &["letters", "pending", "--out", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("配置项 agency_short 未设置").count(),
        1,
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let o = Office::new();
    let c2 = in_person(&o, "2026-06-10", "张三", "2025年度预算");
    let r = o.run("2026-06-10", &["letter", &c2, "reply"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains(&format!("disclose reply {c2}")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("拟办：disclose review draft {c2} --department")),
        "{}",
        r.stderr
    );
    let _ = c;
}
