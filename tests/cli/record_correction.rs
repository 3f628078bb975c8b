//! Correction of records about oneself (更正申请, 条例 Art 41; SPEC.md §8, §9) through the real
//! binary: the 更正答复书 of each of the four ends, unzipped and read with exact strings; the
//! letter refused for a disclosure request; table 三 unchanged by a correction registered and
//! answered, which is counted apart.

use crate::common::{Db, approve, in_person};
use crate::letters::{CONFIG, docx_text};

/// The record the applicant asks to correct.
const RECORD: &str = "非遗传承人名录中本人的出生年份";

/// The remedy notice of a reply (SPEC §8: 60 days to 复议, 6 months to sue, from receipt).
const REMEDY: &str = "如对本答复书不服，可以自收到本答复书之日起六十日内向根河市人民政府申请行政复议，或者自收到本答复书之日起六个月内向根河市人民法院提起行政诉讼。";

/// A register with the letters' config, run through the binary.
struct Office {
    db: Db,
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), CONFIG).unwrap();
        Office { db: Db::new(), dir }
    }

    fn args<'a>(&'a self, config: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = vec!["--config", config];
        all.extend_from_slice(args);
        all
    }

    fn config(&self) -> String {
        self.dir.path().join("config.toml").display().to_string()
    }

    fn ok(&self, today: &str, args: &[&str]) -> crate::common::Output {
        let c = self.config();
        self.db.ok(today, &self.args(&c, args))
    }

    fn refused(&self, today: &str, args: &[&str]) -> crate::common::Output {
        let c = self.config();
        self.db.refused(today, &self.args(&c, args))
    }

    /// Registers a correction-of-record request of 钱七 for `record`, received in person on
    /// 2026-07-01.
    fn register_correction(&self, record: &str) -> String {
        self.db.register(
            "2026-07-01",
            &[
                "--kind",
                "record-correction",
                "--channel",
                "in-person",
                "--applicant",
                "钱七",
                "--applicant-type",
                "natural",
                "--id-number",
                "11010519491231002X",
                "--phone",
                "13812345678",
                "--address",
                "北京市西城区金融大街甲9号院3号楼502室",
                "--content",
                record,
            ],
        )
    }
}

/// 条例 Art 41, SPEC §9: the 更正答复书 of each end, as .docx, with the title, the number, the
/// addressee, the recital with the receipt date, the end in its words, the article, the remedy
/// notice and the date of the answer.
#[test]
fn art41_letter_of_each_end() {
    let ends: [(&[&str], &str); 4] = [
        (
            &["--end", "corrected"],
            "经核实，您（单位）提供的证据证明本机关提供的与您（单位）自身相关的政府信息记录不准确，本机关已予以更正。",
        ),
        (
            &[
                "--end",
                "forwarded",
                "--agency",
                "根河市民政局",
                "--agency-contact",
                "0470-5211111",
            ],
            "经审查，本机关无权更正该政府信息记录。本机关已将您（单位）的更正申请转送有权更正的根河市民政局处理（联系方式：0470-5211111）。",
        ),
        (
            &[
                "--end",
                "告知向有权机关提出",
                "--agency",
                "根河市民政局",
                "--agency-contact",
                "0470-5211111",
            ],
            "经审查，本机关无权更正该政府信息记录，请您（单位）向有权更正的根河市民政局提出（联系方式：0470-5211111）。",
        ),
        (
            &[
                "--end",
                "refused",
                "--reasons",
                "所提供的证据不能证明记录有误。",
            ],
            "经审查，本机关决定不予更正，理由如下：所提供的证据不能证明记录有误。",
        ),
    ];
    for (flags, words) in ends {
        let o = Office::new();
        let case = o.register_correction(RECORD);
        let mut a = vec![
            "record-correction",
            case.as_str(),
            "--on",
            "2026-07-20",
            "--delivery",
            "邮寄",
        ];
        a.extend_from_slice(flags);
        o.ok("2026-07-20", &a);
        let file = o.dir.path().join("answer.docx");
        let f = file.display().to_string();
        let out = o.ok(
            "2026-07-22",
            &["letter", &case, "record-correction", "--out", &f],
        );
        assert!(
            out.stdout.contains("根文旅公开〔2026〕1号"),
            "{}",
            out.stdout
        );
        let text = docx_text(&file);
        for must in [
            "根河市文化旅游广电局",
            "政府信息更正申请答复书",
            "根文旅公开〔2026〕1号",
            "钱七：",
            // A letter to the applicant carries the applicant's own address in full (SPEC §9).
            "申请人姓名/名称：钱七",
            "通信地址：北京市西城区金融大街甲9号院3号楼502室",
            &format!(
                "本机关于2026年7月1日收到您（单位）提出的政府信息更正申请，要求更正“{RECORD}”。"
            ),
            words,
            "以上答复依据《中华人民共和国政府信息公开条例》第四十一条的规定作出。",
            REMEDY,
            // The letter bears the day of the answer, not the day it was printed.
            "2026年7月20日",
        ] {
            assert!(
                text.contains(must),
                "{flags:?}: missing “{must}” in:\n{text}"
            );
        }
        assert!(!text.contains("2026年7月22日"), "{text}");
        let v = o.db.show("2026-07-22", &case);
        assert_eq!(v["letters"][0]["kind"], "record-correction");
        assert_eq!(v["letters"][0]["number"], "根文旅公开〔2026〕1号");
    }
}

/// SPEC §9: the 更正答复书 is refused for a disclosure request, naming its reply letter; and
/// before the end of a correction is recorded, naming that step. Nothing is written.
#[test]
fn art41_letter_refused_with_the_step_to_use() {
    let o = Office::new();
    let case = in_person(
        &o.db,
        "2026-07-01",
        "2026-07-01",
        "赵六",
        "2025年行政处罚决定书",
    );
    approve(&o.db, "2026-07-02", &case, "2026-07-02", "1");
    o.ok(
        "2026-07-02",
        &["reply", &case, "--on", "2026-07-02", "--delivery", "当面"],
    );
    let out = o.refused("2026-07-03", &["letter", &case, "record-correction"]);
    assert!(
        out.stderr.contains(&format!(
            "不能制作更正答复书：{case} 是政府信息公开申请，不是更正申请（条例第四十一条）；政府信息公开申请的答复文书是答复书：disclose letter {case} reply"
        )),
        "{}",
        out.stderr
    );
    // The step it names is accepted.
    let reply = o.dir.path().join("reply.md").display().to_string();
    o.ok(
        "2026-07-03",
        &["letter", &case, "reply", "--format", "md", "--out", &reply],
    );

    let rc = o.register_correction(RECORD);
    let before = o.db.bytes();
    let out = o.refused("2026-07-03", &["letter", &rc, "record-correction"]);
    assert!(
        out.stderr.contains(&format!(
            "请先记录这一步：disclose record-correction {rc} --end corrected|forwarded|redirected|refused --delivery 送达方式"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(o.db.bytes(), before, "a refused letter changes nothing");
    // A disclosure request's letter for a correction-of-record request is refused too.
    let out = o.refused("2026-07-03", &["letter", &rc, "receipt"]);
    assert!(
        out.stderr.contains(&format!(
            "更正申请的文书是更正答复书：disclose letter {rc} record-correction"
        )),
        "{}",
        out.stderr
    );
}

/// SPEC §8: a correction of records is not counted in table 三. Table 三 of 2026 is the same
/// before and after one is registered and answered and another registered and withdrawn; they
/// are counted apart, by end.
#[test]
fn art41_table3_does_not_change() {
    let o = Office::new();
    let a = in_person(
        &o.db,
        "2026-03-02",
        "2026-03-02",
        "赵六",
        "2025年行政处罚决定书",
    );
    approve(&o.db, "2026-03-03", &a, "2026-03-03", "1");
    o.ok(
        "2026-03-03",
        &["reply", &a, "--on", "2026-03-03", "--delivery", "当面"],
    );
    in_person(
        &o.db,
        "2026-03-04",
        "2026-03-04",
        "周九",
        "2026年文物保护经费安排",
    );
    let annual = |o: &Office| -> serde_json::Value {
        let out = o.ok(
            "2026-11-30",
            &["report", "annual", "--year", "2026", "--format", "json"],
        );
        serde_json::from_str(&out.stdout).unwrap()
    };
    let before = annual(&o);
    assert_eq!(before["table3"]["一"]["total"], 2);
    assert_eq!(before["table3"]["1"]["total"], 1);
    assert_eq!(before["table3"]["四"]["total"], 1);

    let answered = o.register_correction(RECORD);
    o.ok(
        "2026-07-20",
        &[
            "record-correction",
            &answered,
            "--on",
            "2026-07-20",
            "--end",
            "corrected",
            "--delivery",
            "当面",
        ],
    );
    let withdrawn = o.register_correction("2025年文物普查登记表中本人的工作单位");
    o.ok(
        "2026-07-21",
        &["withdraw", &withdrawn, "--on", "2026-07-21"],
    );
    let open = o.register_correction("2024年表彰名单中本人的姓名");
    let after = annual(&o);
    assert_eq!(after["table3"], before["table3"]);
    assert_eq!(
        after["record_corrections"],
        serde_json::json!({
            "received": 3, "carried_over": 0,
            "ends": {"corrected": 1, "forwarded": 0, "redirected": 0, "refused": 0},
            "withdrawn": 1, "concluded": 2, "carried_forward": 1
        })
    );
    // The table and the CSV say it too.
    let table = o.ok("2026-11-30", &["report", "annual", "--year", "2026"]);
    assert!(table.stdout.contains(
        "更正申请（条例第四十一条，不计入表三）：本年新收 3 件，上年结转 0 件；本年办结 2 件（更正并告知 1，转送 0，告知向有权机关提出 0，不予更正 0，申请人撤回 1）；结转下年度继续办理 1 件"
    ), "{}", table.stdout);
    let csv = o.ok(
        "2026-11-30",
        &["report", "annual", "--year", "2026", "--format", "csv"],
    );
    for row in [
        "更正,更正申请（条例第四十一条，不计入表三）,件数",
        "received,本年新收,3",
        "corrected,更正并告知,1",
        "withdrawn,申请人撤回,1",
        "carried_forward,结转下年度继续办理,1",
    ] {
        assert!(
            csv.stdout.contains(row),
            "missing {row} in:\n{}",
            csv.stdout
        );
    }
    // show and list name the kind.
    let v = o.db.show("2026-11-30", &open);
    assert_eq!(v["kind"], "record-correction");
    assert_eq!(v["kind_label"], "更正申请");
    assert_eq!(v["stage"], "待答复");
    let v = o.db.show("2026-11-30", &a);
    assert_eq!(v["kind"], "disclosure");
    let v = o.db.show("2026-11-30", &answered);
    assert_eq!(v["record_correction"]["end"], "corrected");
    assert_eq!(v["record_correction"]["end_label"], "更正并告知");
    assert_eq!(v["reply_served_on"], "2026-07-20");
}
