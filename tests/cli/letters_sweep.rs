//! The letter sweep (issue 14): for each scenario of `../shared/cases/scenarios.md` that has a
//! written step, the request is built through the real binary, `disclose letter CASE` lists the
//! letters its steps call for, `disclose letters pending` writes them, and each .docx is unzipped
//! and read for every part SPEC §9 requires: the agency, the title, the letter number
//! (根文旅公开〔2026〕N号), the addressee block (the applicant's own name and address in full; a
//! third party's name and none of the applicant's data), the recital with its dates, the
//! article, the periods, the remedy notice where due (SPEC §8) and the date line. The strings
//! are SPEC's, `scenarios.md`'s and `letters.md`'s, never copied from the output.
//!
//! S21 and S22 are documents of proactive disclosure (SPEC §10), not requests: they call for no
//! letter and are not swept.

use crate::common::{approve, approve_in_public_interest, consult_answer, consult_send};
use crate::letters::{ADDRESS, ID, Office, PHONE, S1_CONTENT, docx_text, in_person, s2_register};

/// The agency of `letters.md`'s config.
const AGENCY: &str = "根河市文化旅游广电局";

/// Whom a letter is addressed to.
enum To {
    /// The applicant: name, content asked, receipt date as the recital says it, and the address
    /// printed in full (None when the applicant gave none).
    Applicant {
        name: &'static str,
        content: &'static str,
        received: &'static str,
        address: Option<&'static str>,
    },
    /// A third party (第三方): its name; the letter names no applicant.
    Party {
        name: &'static str,
        applicant: &'static str,
    },
}

/// The remedy notice a letter must carry (SPEC §8).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Remedy {
    /// None: not a decision on the application.
    None,
    /// 行政复议 within 60 days or a lawsuit within 6 months, with the configured body and court.
    Either,
}

/// One letter the steps call for: its file, the end of its title (SPEC §9's name), its place in
/// the agency's sequence, its addressee, what else it must and must not say, its remedy notice
/// and its date line.
struct Letter {
    file: String,
    title: &'static str,
    seq: u32,
    to: To,
    must: Vec<String>,
    must_not: Vec<String>,
    remedy: Remedy,
    date: &'static str,
}

impl Letter {
    fn new(
        case: &str,
        file: &str,
        title: &'static str,
        seq: u32,
        to: To,
        date: &'static str,
    ) -> Letter {
        Letter {
            file: format!("{case}-{file}.docx"),
            title,
            seq,
            to,
            must: Vec::new(),
            must_not: Vec::new(),
            remedy: Remedy::None,
            date,
        }
    }

    fn must(mut self, s: &[&str]) -> Letter {
        self.must.extend(s.iter().map(|x| x.to_string()));
        self
    }

    fn must_not(mut self, s: &[&str]) -> Letter {
        self.must_not.extend(s.iter().map(|x| x.to_string()));
        self
    }

    fn remedy(mut self, r: Remedy) -> Letter {
        self.remedy = r;
        self
    }

    /// Checks the letter's text part by part.
    fn check(&self, text: &str) {
        let f = &self.file;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let has_line = |want: &str| lines.contains(&want);
        // The agency's name and the title, each a line of its own, the title first after it.
        assert_eq!(lines[0], AGENCY, "{f}: agency\n{text}");
        assert!(
            lines[1].starts_with("政府信息") && lines[1].ends_with(self.title),
            "{f}: title {:?}\n{text}",
            self.title
        );
        // The number: 机关代字〔年份〕序号号, no leading zeros.
        let number = format!("根文旅公开〔2026〕{}号", self.seq);
        assert!(has_line(&number), "{f}: number {number}\n{text}");
        match &self.to {
            To::Applicant {
                name,
                content,
                received,
                address,
            } => {
                assert!(
                    has_line(&format!("申请人姓名/名称：{name}")),
                    "{f}: addressee\n{text}"
                );
                if let Some(a) = address {
                    assert!(text.contains(a), "{f}: address in full\n{text}");
                }
                let recital = format!(
                    "本机关于{received}收到您（单位）提出的政府信息公开申请，申请获取“{content}”"
                );
                assert!(text.contains(&recital), "{f}: recital {recital}\n{text}");
            }
            To::Party { name, applicant } => {
                assert!(has_line(&format!("{name}：")), "{f}: addressee\n{text}");
                for p in [ID, PHONE, ADDRESS, applicant] {
                    assert!(!text.contains(p), "{f}: the applicant's {p}\n{text}");
                }
            }
        }
        for m in &self.must {
            assert!(text.contains(m.as_str()), "{f}: lacks {m:?}\n{text}");
        }
        for m in &self.must_not {
            assert!(!text.contains(m.as_str()), "{f}: has {m:?}\n{text}");
        }
        let remedy = [
            "行政复议",
            "根河市人民政府",
            "六十日",
            "行政诉讼",
            "根河市人民法院",
            "六个月",
        ];
        match self.remedy {
            Remedy::Either => {
                for r in remedy {
                    assert!(text.contains(r), "{f}: remedy notice lacks {r}\n{text}");
                }
            }
            Remedy::None => assert!(!text.contains("行政复议"), "{f}: remedy\n{text}"),
        }
        // The seal line and the date line close the letter.
        let n = lines.len();
        assert!(lines[n - 2].starts_with(AGENCY), "{f}: seal line\n{text}");
        assert_eq!(lines[n - 1], self.date, "{f}: date line\n{text}");
    }
}

/// The applicant of most scenarios, registered by [`in_person`] with [`ADDRESS`].
fn applicant(name: &'static str, content: &'static str, received: &'static str) -> To {
    To::Applicant {
        name,
        content,
        received,
        address: Some(ADDRESS),
    }
}

/// The receipt (登记回执) of an application received on `received` (as the recital says it),
/// registered that day.
fn receipt(case: &str, seq: u32, to: To, date: &'static str) -> Letter {
    Letter::new(case, "登记回执", "登记回执", seq, to, date).must(&[
        AGENCY,
        "20个工作日",
        "第三十三条第二款",
    ])
}

/// `disclose letter CASE` lists exactly `want` as to be issued (the command of each); then
/// `disclose letters pending` writes every letter of `want_files`, and each is checked.
fn sweep(o: &Office, today: &str, listed: &[(&str, &[&str])], letters: &[Letter]) {
    for (case, commands) in listed {
        let out = o.ok(today, &["letter", case]).stdout;
        let pending: Vec<&str> = out
            .split("待出具：")
            .nth(1)
            .unwrap_or_else(|| panic!("{out}"))
            .lines()
            .filter_map(|l| l.split_once("disclose letter ").map(|(_, c)| c.trim()))
            .collect();
        let want: Vec<String> = commands.iter().map(|c| format!("{case} {c}")).collect();
        assert_eq!(pending, want, "{case}:\n{out}");
    }
    let dir = o.out(&format!("pending-{today}"));
    std::fs::create_dir(&dir).unwrap();
    let d = dir.display().to_string();
    let out = o.ok(today, &["letters", "pending", "--out", &d]).stdout;
    assert!(
        out.contains(&format!("共生成 {} 份文书", letters.len())),
        "{out}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = letters.iter().map(|l| l.file.clone()).collect();
    want.sort();
    assert_eq!(names, want);
    for l in letters {
        l.check(&docx_text(&dir.join(&l.file)));
    }
    // Written once: nothing pending any more.
    let again = o.ok(today, &["letters", "pending", "--out", &d]).stdout;
    assert!(again.contains("共生成 0 份文书"), "{again}");
}

/// A letter not called for is refused (exit 1) and writes nothing.
fn refused(o: &Office, today: &str, case: &str, kind: &str) {
    let f = o.out(&format!("{case}-{kind}-refused.docx"));
    let r = o.run(
        today,
        &["letter", case, kind, "--out", &f.display().to_string()],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!f.exists());
}

/// S1: in person Fri 2026-01-30; reply due 2026-03-05.
#[test]
fn s1() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    sweep(
        &o,
        "2026-01-30",
        &[(&c, &["receipt"])],
        &[receipt(
            &c,
            1,
            applicant("陈静", S1_CONTENT, "2026年1月30日"),
            "2026年1月30日",
        )
        .must(&["2026年3月5日"])],
    );
}

fn s2_letters(c: &str) -> Vec<Letter> {
    let to = || applicant("刘洋", "2026年旅游发展资金使用情况", "2026年9月30日");
    vec![
        receipt(c, 1, to(), "2026年9月30日").must(&["2026年11月3日"]),
        Letter::new(
            c,
            "延期答复告知书",
            "延期答复告知书",
            2,
            to(),
            "2026年10月30日",
        )
        .must(&[
            "2026年9月30日",
            "20个工作日",
            "2026年11月3日",
            "2026年12月1日",
            "第三十三条第二款",
            "张主任",
        ]),
    ]
}

/// S2: registered mail signed for 2026-09-30; extension of 20 WD on 2026-10-30: reply due
/// 2026-11-03, after extension 2026-12-01.
#[test]
fn s2() {
    let o = Office::new();
    let c = s2_register(&o);
    sweep(
        &o,
        "2026-10-30",
        &[(&c, &["receipt", "extension"])],
        &s2_letters(&c),
    );
}

/// S13: as S2, a second extension is refused: one 延期答复告知书, no second.
#[test]
fn s13() {
    let o = Office::new();
    let c = s2_register(&o);
    let r = o.run(
        "2026-11-02",
        &[
            "extend",
            &c,
            "--on",
            "2026-11-02",
            "--days",
            "5",
            "--approver",
            "张主任",
            "--reason",
            "再次延期",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    sweep(
        &o,
        "2026-11-02",
        &[(&c, &["receipt", "extension"])],
        &s2_letters(&c),
    );
}

const S3_CONTENT: &str = "2025年度文物修缮项目验收报告";

/// S3's request: online, confirmed Tue 2026-04-28.
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
            "--address",
            ADDRESS,
            "--content",
            S3_CONTENT,
        ],
    )
}

fn correction_notice(o: &Office, c: &str, on: &str, period: &str) -> crate::common::Output {
    o.run(
        on,
        &[
            "correct",
            "notice",
            c,
            "--on",
            on,
            "--period",
            period,
            "--items",
            "请写明所需信息的文件名称或文号；请提供身份证明复印件",
        ],
    )
}

fn s3_letters(c: &str) -> Vec<Letter> {
    let to = || applicant("赵敏", S3_CONTENT, "2026年4月28日");
    vec![
        receipt(c, 1, to(), "2026年4月28日"),
        Letter::new(c, "补正告知书", "补正告知书", 2, to(), "2026年5月8日")
            .must(&[
                "2026年4月28日",
                "请写明所需信息的文件名称或文号",
                "请提供身份证明复印件",
                "15个工作日",
                "视为放弃申请",
                "第三十条",
            ])
            // No calendar date for the applicant's deadline counted from the sending day.
            .must_not(&["2026年5月28日"]),
    ]
}

/// S3: correction notice on 2026-05-08 with 15 WD; corrected application received 2026-05-20.
#[test]
fn s3() {
    let o = Office::new();
    let c = s3_register(&o);
    assert_eq!(correction_notice(&o, &c, "2026-05-08", "15").code, 0);
    o.ok(
        "2026-05-20",
        &["correct", "received", &c, "--on", "2026-05-20"],
    );
    sweep(
        &o,
        "2026-05-20",
        &[(&c, &["receipt", "correction"])],
        &s3_letters(&c),
    );
}

/// S20: as S3, the corrected application arrives 2026-06-02 with a good reason recorded.
#[test]
fn s20() {
    let o = Office::new();
    let c = s3_register(&o);
    assert_eq!(correction_notice(&o, &c, "2026-05-08", "15").code, 0);
    o.ok(
        "2026-06-02",
        &[
            "correct",
            "received",
            &c,
            "--on",
            "2026-06-02",
            "--late-reason",
            "补正通知邮寄延误，申请人2026-05-29方才收到",
        ],
    );
    sweep(
        &o,
        "2026-06-02",
        &[(&c, &["receipt", "correction"])],
        &s3_letters(&c),
    );
}

/// S4: as S3, but the correction notice dated 2026-05-12 is refused: no 补正告知书.
#[test]
fn s4() {
    let o = Office::new();
    let c = s3_register(&o);
    assert_eq!(correction_notice(&o, &c, "2026-05-12", "15").code, 1);
    refused(&o, "2026-05-12", &c, "correction");
    sweep(
        &o,
        "2026-05-12",
        &[(&c, &["receipt"])],
        &[receipt(
            &c,
            1,
            applicant("赵敏", S3_CONTENT, "2026年4月28日"),
            "2026年4月28日",
        )],
    );
}

/// S15: as S1, a second correction notice is refused (一次性告知): one 补正告知书.
#[test]
fn s15() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    assert_eq!(correction_notice(&o, &c, "2026-02-03", "15").code, 0);
    assert_eq!(correction_notice(&o, &c, "2026-02-05", "15").code, 1);
    let to = || applicant("陈静", S1_CONTENT, "2026年1月30日");
    sweep(
        &o,
        "2026-02-05",
        &[(&c, &["receipt", "correction"])],
        &[
            receipt(&c, 1, to(), "2026年1月30日"),
            Letter::new(&c, "补正告知书", "补正告知书", 2, to(), "2026年2月3日").must(&[
                "15个工作日",
                "视为放弃申请",
                "第三十条",
            ]),
        ],
    );
}

const S5_CONTENT: &str = "某公司文物修缮工程合同";
const PARTY: &str = "根河市古建筑修缮有限公司";

/// The letters of a consultation of `parties` sent on `sent` (written as `sent_cn`), after the
/// receipt (sequence 1).
fn consultation_letters(
    c: &str,
    received: &'static str,
    content: &'static str,
    parties: &[&'static str],
    sent_cn: &'static str,
) -> Vec<Letter> {
    let mut v = vec![receipt(
        c,
        1,
        applicant("陈静", content, received),
        received,
    )];
    for (i, p) in parties.iter().enumerate() {
        v.push(
            Letter::new(
                c,
                &format!("征求意见书-{p}"),
                "征求意见书",
                2 + i as u32,
                To::Party {
                    name: p,
                    applicant: "陈静",
                },
                sent_cn,
            )
            .must(&[received, content, "15个工作日", "第三十二条"]),
        );
    }
    v.push(
        Letter::new(
            c,
            "征求意见告知书",
            "征求意见告知书",
            2 + parties.len() as u32,
            applicant("陈静", content, received),
            sent_cn,
        )
        .must(&[
            sent_cn,
            "第三十二条",
            "第三十三条第三款",
            "不计算在答复期限内",
        ]),
    );
    v
}

fn consultation_commands(parties: &[&str]) -> Vec<String> {
    let mut v = vec!["receipt".to_string()];
    v.extend(parties.iter().map(|p| format!("consultation --party {p}")));
    v.push("consultation-notice".into());
    v
}

/// S5: in person 2026-03-02; third-party consultation sent 2026-03-10; answer 2026-03-20.
#[test]
fn s5() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", S5_CONTENT);
    consult_send(&o.db, &c, "2026-03-10", PARTY);
    consult_answer(&o.db, &c, "2026-03-20", PARTY, "agree", None);
    let cmds = consultation_commands(&[PARTY]);
    let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
    sweep(
        &o,
        "2026-03-20",
        &[(&c, &cmds)],
        &consultation_letters(&c, "2026年3月2日", S5_CONTENT, &[PARTY], "2026年3月10日"),
    );
}

/// S6: as S5, the third party never answers: the same letters.
#[test]
fn s6() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", S5_CONTENT);
    consult_send(&o.db, &c, "2026-03-10", PARTY);
    let cmds = consultation_commands(&[PARTY]);
    let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
    sweep(
        &o,
        "2026-04-01",
        &[(&c, &cmds)],
        &consultation_letters(&c, "2026年3月2日", S5_CONTENT, &[PARTY], "2026年3月10日"),
    );
}

/// S7: two third parties, both sent 2026-03-10: one 征求意见书 each, one 征求意见告知书.
#[test]
fn s7() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", S5_CONTENT);
    o.ok(
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
    consult_answer(&o.db, &c, "2026-03-13", "甲演出公司", "agree", None);
    consult_answer(&o.db, &c, "2026-03-25", "乙票务公司", "agree", None);
    let parties = ["甲演出公司", "乙票务公司"];
    let cmds = consultation_commands(&parties);
    let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
    sweep(
        &o,
        "2026-03-25",
        &[(&c, &cmds)],
        &consultation_letters(&c, "2026年3月2日", S5_CONTENT, &parties, "2026年3月10日"),
    );
}

/// S18: as S1 (due 2026-03-05); consultation sent on the due day, answered 2026-03-12.
#[test]
fn s18() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    consult_send(&o.db, &c, "2026-03-05", PARTY);
    consult_answer(&o.db, &c, "2026-03-12", PARTY, "agree", None);
    let cmds = consultation_commands(&[PARTY]);
    let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
    let mut letters =
        consultation_letters(&c, "2026年1月30日", S1_CONTENT, &[PARTY], "2026年3月5日");
    letters[0].must.push("2026年3月5日".into());
    sweep(&o, "2026-03-12", &[(&c, &cmds)], &letters);
}

/// S8: correction notice the same day with 10 WD; nothing arrives; from 2026-06-18 closed as
/// （六）1: the 终止处理告知书 with its remedy notice.
#[test]
fn s8() {
    let o = Office::new();
    const CONTENT: &str = "非物质文化遗产代表性传承人补助发放名单";
    let c = in_person(&o, "2026-06-03", "钱七", CONTENT);
    o.ok(
        "2026-06-03",
        &[
            "correct",
            "notice",
            &c,
            "--on",
            "2026-06-03",
            "--period",
            "10",
            "--items",
            "请写明所指年度和项目",
        ],
    );
    let lapse = ["correct", "lapse", &c, "--on", "2026-06-18"];
    o.ok(
        "2026-06-18",
        &[
            &lapse[..],
            &["--served-unknown-reason", "平信寄出，无法查明送达日期"],
        ]
        .concat(),
    );
    let to = || applicant("钱七", CONTENT, "2026年6月3日");
    sweep(
        &o,
        "2026-06-18",
        &[(&c, &["receipt", "correction", "closing"])],
        &[
            receipt(&c, 1, to(), "2026年6月3日"),
            Letter::new(&c, "补正告知书", "补正告知书", 2, to(), "2026年6月3日").must(&[
                "请写明所指年度和项目",
                "10个工作日",
                "视为放弃申请",
                "第三十条",
            ]),
            Letter::new(
                &c,
                "终止处理告知书",
                "终止处理告知书",
                3,
                to(),
                "2026年6月18日",
            )
            .must(&["2026年6月3日", "10个工作日", "视为放弃申请", "第三十条"])
            .remedy(Remedy::Either),
        ],
    );
}

/// S9: ordinary letter arriving 2026-07-06, applicant unreachable: no receipt before contact
/// is restored on 2026-07-15; then the receipt counts from that day (reply due 2026-08-12).
#[test]
fn s9() {
    let o = Office::new();
    const CONTENT: &str = "市图书馆新馆建设项目招标文件";
    let c = o.db.register(
        "2026-07-06",
        &[
            "--channel",
            "letter",
            "--unreachable",
            "--applicant",
            "孙八",
            "--applicant-type",
            "natural",
            "--address",
            "某市和平路12号",
            "--content",
            CONTENT,
        ],
    );
    sweep(&o, "2026-07-10", &[(&c, &[])], &[]);
    o.ok("2026-07-15", &["confirm", &c, "--on", "2026-07-15"]);
    let to = To::Applicant {
        name: "孙八",
        content: CONTENT,
        received: "2026年7月15日",
        address: Some("某市和平路12号"),
    };
    sweep(
        &o,
        "2026-07-15",
        &[(&c, &["receipt"])],
        &[receipt(&c, 1, to, "2026年7月15日").must(&["2026年8月12日"])],
    );
}

/// S10: in person 2026-08-03; fee notice 2026-08-20 (150 pages); paid 2026-08-27.
#[test]
fn s10() {
    let o = Office::new();
    const CONTENT: &str = "2020年以来全部文物普查原始记录";
    let c = in_person(&o, "2026-08-03", "周强", CONTENT);
    o.ok(
        "2026-08-20",
        &["fee", "notice", &c, "--on", "2026-08-20", "--pages", "150"],
    );
    o.ok("2026-08-27", &["fee", "paid", &c, "--on", "2026-08-27"]);
    let to = || applicant("周强", CONTENT, "2026年8月3日");
    sweep(
        &o,
        "2026-08-27",
        &[(&c, &["receipt", "fee"])],
        &[
            receipt(&c, 1, to(), "2026年8月3日"),
            // 109号: pages 31–100 at 10 元 (700), 101–150 at 20 元 (1,000).
            Letter::new(
                &c,
                "信息处理费缴费通知书",
                "缴费通知书",
                2,
                to(),
                "2026年8月20日",
            )
            .must(&[
                "1,700元",
                "按量计收",
                "150页",
                "20个工作日",
                "国办函〔2020〕109号",
                "财政票据",
            ])
            // The payment deadline runs from the applicant's receipt of the notice.
            .must_not(&["2026年9月17日"]),
        ],
    );
}

/// S11: in person Thu 2026-12-10: the reply due falls in January 2027, not in the calendar —
/// the receipt states the period and no date.
#[test]
fn s11() {
    let o = Office::new();
    const CONTENT: &str = "2026年文物保护单位名录";
    let c = in_person(&o, "2026-12-10", "陈静", CONTENT);
    sweep(
        &o,
        "2026-12-10",
        &[(&c, &["receipt"])],
        &[receipt(
            &c,
            1,
            applicant("陈静", CONTENT, "2026年12月10日"),
            "2026年12月10日",
        )
        .must_not(&["2027年"])],
    );
}

/// S12: as S1, an extension asked on 2026-03-06 is refused: no 延期答复告知书.
#[test]
fn s12() {
    let o = Office::new();
    let c = in_person(&o, "2026-01-30", "陈静", S1_CONTENT);
    let r = o.run(
        "2026-03-06",
        &[
            "extend",
            &c,
            "--on",
            "2026-03-06",
            "--days",
            "10",
            "--approver",
            "张主任",
            "--reason",
            "需调取档案",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    refused(&o, "2026-03-06", &c, "extension");
    sweep(
        &o,
        "2026-03-06",
        &[(&c, &["receipt"])],
        &[receipt(
            &c,
            1,
            applicant("陈静", S1_CONTENT, "2026年1月30日"),
            "2026年1月30日",
        )
        .must(&["2026年3月5日"])],
    );
}

/// S14: as S1, replied on the spot on 2026-01-30 (（一）予以公开): the 答复书 with its article,
/// number and remedy notice (letters.md).
#[test]
fn s14() {
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
    let to = || applicant("陈静", S1_CONTENT, "2026年1月30日");
    sweep(
        &o,
        "2026-01-30",
        &[(&c, &["receipt", "reply"])],
        &[
            receipt(&c, 1, to(), "2026年1月30日"),
            Letter::new(
                &c,
                "答复书",
                "政府信息公开申请答复书",
                2,
                to(),
                "2026年1月30日",
            )
            .must(&["2026年1月30日", "第三十六条", "当面领取"])
            .remedy(Remedy::Either),
        ],
    );
}

/// S16: one applicant files 12 applications 2026-03-02 … 2026-03-13; fee notices by item on
/// the 12th (100 元) and the 11th (100 元); on the 10th refused (0 元, no notice); by page on
/// another application with 120 pages: 1,100 元.
#[test]
fn s16() {
    let o = Office::new();
    let days = [
        "2026-03-02",
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
        "2026-03-06",
        "2026-03-09",
        "2026-03-10",
        "2026-03-11",
        "2026-03-12",
        "2026-03-13",
        "2026-03-13",
    ];
    const CONTENTS: [&str; 12] = [
        "某景区1号项目的审批文件",
        "某景区2号项目的审批文件",
        "某景区3号项目的审批文件",
        "某景区4号项目的审批文件",
        "某景区5号项目的审批文件",
        "某景区6号项目的审批文件",
        "某景区7号项目的审批文件",
        "某景区8号项目的审批文件",
        "某景区9号项目的审批文件",
        "某景区10号项目的审批文件",
        "某景区11号项目的审批文件",
        "某景区12号项目的审批文件",
    ];
    const RECEIVED: [&str; 12] = [
        "2026年3月2日",
        "2026年3月2日",
        "2026年3月3日",
        "2026年3月4日",
        "2026年3月5日",
        "2026年3月6日",
        "2026年3月9日",
        "2026年3月10日",
        "2026年3月11日",
        "2026年3月12日",
        "2026年3月13日",
        "2026年3月13日",
    ];
    let cases: Vec<String> = days
        .iter()
        .zip(CONTENTS)
        .map(|(d, content)| in_person(&o, d, "孙七", content))
        .collect();
    let by_page = in_person(&o, "2026-03-13", "周八", "某景区门票收入的统计表");
    for c in [&cases[11], &cases[10]] {
        o.ok(
            "2026-03-16",
            &["fee", "notice", c, "--on", "2026-03-16", "--by-item"],
        );
    }
    let r = o.run(
        "2026-03-16",
        &[
            "fee",
            "notice",
            &cases[9],
            "--on",
            "2026-03-16",
            "--by-item",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    refused(&o, "2026-03-16", &cases[9], "fee");
    o.ok(
        "2026-03-16",
        &[
            "fee",
            "notice",
            &by_page,
            "--on",
            "2026-03-16",
            "--pages",
            "120",
        ],
    );
    let mut listed: Vec<(&str, &[&str])> = Vec::new();
    let mut letters = Vec::new();
    let mut seq = 0;
    for (i, c) in cases.iter().enumerate() {
        let fee = i >= 10;
        listed.push((
            c,
            if fee {
                &["receipt", "fee"]
            } else {
                &["receipt"]
            },
        ));
        seq += 1;
        letters.push(receipt(
            c,
            seq,
            applicant("孙七", CONTENTS[i], RECEIVED[i]),
            RECEIVED[i],
        ));
        if fee {
            seq += 1;
            letters.push(
                Letter::new(
                    c,
                    "信息处理费缴费通知书",
                    "缴费通知书",
                    seq,
                    applicant("孙七", CONTENTS[i], RECEIVED[i]),
                    "2026年3月16日",
                )
                // Its own place in the month at its rate, not the month's total (109号).
                .must(&[
                    &format!("第{}件", i + 1),
                    "合计100元",
                    "按件计收",
                    "20个工作日",
                    "国办函〔2020〕109号",
                ])
                .must_not(&["200元"]),
            );
        }
    }
    listed.push((&by_page, &["receipt", "fee"]));
    let to = || applicant("周八", "某景区门票收入的统计表", "2026年3月13日");
    letters.push(receipt(&by_page, seq + 1, to(), "2026年3月13日"));
    letters.push(
        Letter::new(
            &by_page,
            "信息处理费缴费通知书",
            "缴费通知书",
            seq + 2,
            to(),
            "2026年3月16日",
        )
        .must(&[
            "1,100元",
            "按量计收",
            "120页",
            "20个工作日",
            "国办函〔2020〕109号",
        ]),
    );
    sweep(&o, "2026-03-16", &listed, &letters);
}

/// S17: in person 2026-03-02; fee notice by page sent 2026-03-03, served 2026-03-06; closing as
/// （六）2 on 2026-04-01 refused (no 终止处理告知书); payment on 2026-04-01 recorded.
#[test]
fn s17() {
    let o = Office::new();
    const CONTENT: &str = "某演出公司营业性演出许可审批材料";
    let c = in_person(&o, "2026-03-02", "赵六", CONTENT);
    o.ok(
        "2026-03-03",
        &["fee", "notice", &c, "--on", "2026-03-03", "--pages", "120"],
    );
    o.ok(
        "2026-03-31",
        &["served", &c, "--letter", "fee", "--on", "2026-03-06"],
    );
    let r = o.run("2026-04-01", &["fee", "lapse", &c, "--on", "2026-04-01"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    refused(&o, "2026-04-01", &c, "closing");
    o.ok("2026-04-01", &["fee", "paid", &c, "--on", "2026-04-01"]);
    let to = || applicant("赵六", CONTENT, "2026年3月2日");
    sweep(
        &o,
        "2026-04-01",
        &[(&c, &["receipt", "fee"])],
        &[
            receipt(&c, 1, to(), "2026年3月2日"),
            Letter::new(
                &c,
                "信息处理费缴费通知书",
                "缴费通知书",
                2,
                to(),
                "2026年3月3日",
            )
            .must(&[
                "1,100元",
                "按量计收",
                "120页",
                "20个工作日",
                "国办函〔2020〕109号",
            ])
            // Neither the date counted from sending nor the one from service: the period
            // is stated from receipt of the notice.
            .must_not(&["2026年3月31日", "2026年4月3日"]),
        ],
    );
}

/// S19: in person 2026-06-01; reasons asked 2026-06-03 (条例 Art 35): the 说明理由告知书.
#[test]
fn s19() {
    let o = Office::new();
    const CONTENT: &str = "2015年以来全部行政许可审批材料";
    let c = in_person(&o, "2026-06-01", "赵六", CONTENT);
    o.ok("2026-06-03", &["reasons", "ask", &c, "--on", "2026-06-03"]);
    o.ok(
        "2026-06-10",
        &["reasons", "answer", &c, "--on", "2026-06-10", "--accepted"],
    );
    o.ok(
        "2026-06-10",
        &[
            "reasons",
            "deadline",
            &c,
            "--due",
            "2026-08-31",
            "--notified-on",
            "2026-06-10",
        ],
    );
    let to = || applicant("赵六", CONTENT, "2026年6月1日");
    sweep(
        &o,
        "2026-06-10",
        &[(&c, &["receipt", "reasons"])],
        &[
            receipt(&c, 1, to(), "2026年6月1日"),
            Letter::new(
                &c,
                "说明理由告知书",
                "说明理由告知书",
                2,
                to(),
                "2026年6月3日",
            )
            .must(&["第三十五条", "15个工作日"]),
        ],
    );
}

/// S5 with an objection: the party objects on 2026-03-20 and the office discloses in the public
/// interest with its reply of 2026-04-08 (条例 Art 32): the 公开告知书 to the party bears the
/// reply's day, states the reasons and carries no applicant data; the reply its remedy notice.
#[test]
fn s5_disclosed_over_the_party_s_objection() {
    let o = Office::new();
    let c = in_person(&o, "2026-03-02", "陈静", S5_CONTENT);
    consult_send(&o.db, &c, "2026-03-10", PARTY);
    consult_answer(
        &o.db,
        &c,
        "2026-03-20",
        PARTY,
        "object",
        Some("涉及商业秘密"),
    );
    // A draft to disclose over the objection states the public interest (条例 Art 32).
    approve_in_public_interest(
        &o.db,
        "2026-04-08",
        &c,
        "2026-04-08",
        "该工程使用财政资金，公开有利于社会监督",
    );
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
            "该工程使用财政资金，公开有利于社会监督",
        ],
    );
    let mut cmds = consultation_commands(&[PARTY]);
    cmds.push("reply".into());
    cmds.push(format!("disclosure-notice --party {PARTY}"));
    let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
    let mut letters =
        consultation_letters(&c, "2026年3月2日", S5_CONTENT, &[PARTY], "2026年3月10日");
    letters.push(
        Letter::new(
            &c,
            &format!("公开告知书-{PARTY}"),
            "告知书",
            5,
            To::Party {
                name: PARTY,
                applicant: "陈静",
            },
            "2026年4月8日",
        )
        .must(&[
            S5_CONTENT,
            "第三十二条",
            "该工程使用财政资金，公开有利于社会监督。",
        ])
        .remedy(Remedy::Either),
    );
    letters.push(
        Letter::new(
            &c,
            "答复书",
            "政府信息公开申请答复书",
            4,
            applicant("陈静", S5_CONTENT, "2026年3月2日"),
            "2026年4月8日",
        )
        .must(&["第三十六条"])
        .remedy(Remedy::Either),
    );
    sweep(&o, "2026-04-08", &[(&c, &cmds)], &letters);
}
