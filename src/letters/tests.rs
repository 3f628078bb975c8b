//! Letters rendered with the acceptance fixtures of `shared/cases/letters.md` and checked in the
//! text of `word/document.xml` and of the Markdown, with exact strings.

use std::io::Read;

use chrono::NaiveDate;

use super::facts::*;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The agency config of letters.md.
fn config() -> LetterConfig {
    LetterConfig {
        agency: Some("根河市文化旅游广电局".into()),
        agency_short: Some("根文旅".into()),
        letter_no_format: None,
        reconsideration_body: Some("根河市人民政府".into()),
        court: Some("根河市人民法院".into()),
        office_address: Some("内蒙古自治区根河市好里堡街道文化路1号".into()),
        office_phone: Some("0470-5212345".into()),
        contact: Some("王芳".into()),
        letters_dir: None,
    }
}

const ID: &str = "152105198803150021";
const PHONE: &str = "13904701234";
const ADDRESS: &str = "内蒙古自治区根河市河东街道林业路18号";

fn applicant() -> Applicant {
    Applicant {
        name: "陈静".into(),
        id_number: Some(ID.into()),
        phone: Some(PHONE.into()),
        address: Some(ADDRESS.into()),
    }
}

fn application(received_on: NaiveDate) -> Application {
    Application {
        case_no: "2026-0001".into(),
        received_on,
        corrected_on: None,
        content: "2025年市级文物保护专项资金分配表".into(),
    }
}

fn date(date: NaiveDate) -> ComputedDate {
    ComputedDate {
        date,
        provisional: false,
    }
}

/// The text of the .docx body: the contents of every `<w:t>`, paragraphs on their own lines.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml_text(&xml)
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').unwrap();
        let tag = &rest[start..=end];
        if tag.starts_with("<w:t>") || tag.starts_with("<w:t ") {
            let close = end + rest[end..].find("</w:t>").unwrap();
            out.push_str(&rest[end + 1..close]);
            rest = &rest[close..];
            continue;
        }
        if tag == "</w:p>" {
            out.push('\n');
        }
        rest = &rest[end + 1..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Renders as .docx and as Markdown; returns (docx text, markdown).
fn both(facts: &LetterFacts, issue: Issue) -> (String, String) {
    let docx = render(facts, &issue, &config(), LetterFormat::Docx).unwrap();
    let md = render(facts, &issue, &config(), LetterFormat::Markdown).unwrap();
    assert_eq!(docx.text, md.text);
    let md = String::from_utf8(md.bytes).unwrap().replace('\\', "");
    (docx_text(&docx.bytes), md)
}

fn issue(date: NaiveDate, seq: u32) -> Issue {
    Issue {
        date,
        seq: Some(seq),
    }
}

fn assert_has(text: &str, musts: &[&str]) {
    for m in musts {
        assert!(text.contains(m), "missing {m:?} in:\n{text}");
    }
}

fn assert_lacks(text: &str, nots: &[&str]) {
    for n in nots {
        assert!(!text.contains(n), "must not contain {n:?} in:\n{text}");
    }
}

fn check(facts: &LetterFacts, issue: Issue, musts: &[&str], nots: &[&str]) -> String {
    let (docx, md) = both(facts, issue);
    for text in [&docx, &md] {
        assert_has(text, musts);
        assert_lacks(text, nots);
    }
    docx
}

// ---- kinds, numbers, config ----

#[test]
fn kinds_parse_from_english_and_chinese_names() {
    for kind in LetterKind::ALL {
        assert_eq!(kind.name().parse::<LetterKind>().unwrap(), kind);
        assert_eq!(kind.short_title().parse::<LetterKind>().unwrap(), kind);
        assert_eq!(kind.title().parse::<LetterKind>().unwrap(), kind);
    }
    assert_eq!("接收回执".parse::<LetterKind>().unwrap(), LetterKind::Receipt);
    assert!(matches!(
        "letter".parse::<LetterKind>(),
        Err(LetterError::UnknownKind(_))
    ));
    assert_eq!(
        LetterKind::Correction.file_name("2026-0001", "docx"),
        "2026-0001-补正告知书.docx"
    );
    assert_eq!(LetterKind::Reply.title(), "政府信息公开申请答复书");
}

#[test]
fn letter_numbers_have_no_leading_zeros() {
    assert_eq!(
        format_letter_number(DEFAULT_LETTER_NO_FORMAT, "根文旅", 2026, 3).unwrap(),
        "根文旅公开〔2026〕3号"
    );
    assert_eq!(
        config().letter_number(2026, 12).unwrap(),
        "根文旅公开〔2026〕12号"
    );
    let own = LetterConfig {
        letter_no_format: Some("{agency_short}依复〔{year}〕{seq}号".into()),
        ..config()
    };
    assert_eq!(own.letter_number(2027, 1).unwrap(), "根文旅依复〔2027〕1号");
    for bad in ["{agency_short}〔{year}〕号", "〔{year}〕{seq}号{x}", "{seq"] {
        assert!(matches!(
            format_letter_number(bad, "根文旅", 2026, 1),
            Err(LetterError::BadNumberFormat { .. })
        ));
    }
    assert!(format_letter_number(DEFAULT_LETTER_NO_FORMAT, "根文旅", 2026, 0).is_err());
}

#[test]
fn config_deserialises_from_toml() {
    let text = r#"
agency = "根河市文化旅游广电局"
agency_short = "根文旅"
reconsideration_body = "根河市人民政府"
court = "根河市人民法院"
office_address = "内蒙古自治区根河市好里堡街道文化路1号"
office_phone = "0470-5212345"
contact = "王芳"
"#;
    let c: LetterConfig = toml::from_str(text).unwrap();
    assert_eq!(c, config());
    c.validate().unwrap();
}

#[test]
fn a_key_not_set_is_refused_with_an_example_line() {
    let facts = reply("1");
    let no_court = LetterConfig {
        court: None,
        ..config()
    };
    let err = render(&facts, &issue(d(2026, 1, 30), 3), &no_court, LetterFormat::Docx).unwrap_err();
    assert_eq!(
        err,
        LetterError::MissingConfig {
            key: "court",
            example: "court = \"根河市人民法院\""
        }
    );
    assert_eq!(
        err.to_string(),
        "配置项 court 未设置，无法制作该文书；请在配置文件中加入一行，例如：court = \"根河市人民法院\""
    );
    let no_short = LetterConfig {
        agency_short: None,
        ..config()
    };
    let err = render(&facts, &issue(d(2026, 1, 30), 3), &no_short, LetterFormat::Docx).unwrap_err();
    assert!(matches!(err, LetterError::MissingConfig { key: "agency_short", .. }));
    // The receipt names the office's phone: without it, refused.
    let no_phone = LetterConfig {
        office_phone: None,
        ..config()
    };
    let err = render(&receipt(false), &issue(d(2026, 1, 30), 1), &no_phone, LetterFormat::Docx)
        .unwrap_err();
    assert!(matches!(err, LetterError::MissingConfig { key: "office_phone", .. }));
}

// ---- letters.md rows ----

fn receipt(provisional: bool) -> LetterFacts {
    LetterFacts::Receipt(ReceiptFacts {
        applicant: applicant(),
        application: application(d(2026, 1, 30)),
        reply_period_wd: 20,
        reply_due: ComputedDate {
            date: d(2026, 3, 5),
            provisional,
        },
    })
}

#[test]
fn s1_receipt() {
    let text = check(
        &receipt(false),
        issue(d(2026, 1, 30), 1),
        &[
            "陈静",
            "2026年1月30日",
            "2025年市级文物保护专项资金分配表",
            "根河市文化旅游广电局",
            "20个工作日",
            "政府信息公开申请登记回执",
            "根文旅公开〔2026〕1号",
            "陈静：",
            "本机关于2026年1月30日收到您（单位）提出的政府信息公开申请，申请获取“2025年市级文物保护专项资金分配表”。",
            "（即2026年3月5日前）",
            "根河市文化旅游广电局（盖章）",
        ],
        &[],
    );
    assert!(text.ends_with("根河市文化旅游广电局（盖章）\n2026年1月30日\n"));
}

#[test]
fn a_provisional_date_is_not_shown() {
    check(
        &receipt(true),
        issue(d(2026, 1, 30), 1),
        &["20个工作日内予以答复；"],
        &["2026年3月5日", "即"],
    );
}

#[test]
fn s3_correction_notice() {
    let facts = LetterFacts::Correction(CorrectionFacts {
        applicant: applicant(),
        application: application(d(2026, 4, 28)),
        items: vec![
            "请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述".into(),
            "请提供申请人身份证明".into(),
        ],
        period_wd: 15,
    });
    let text = check(
        &facts,
        issue(d(2026, 5, 8), 2),
        &[
            "2026年4月28日",
            "1. 请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述",
            "2. 请提供申请人身份证明",
            "自收到本告知书之日起15个工作日内",
            "视为放弃申请",
            "《中华人民共和国政府信息公开条例》第三十条",
        ],
        // S3: the applicant's deadline counted from the sending day is 2026-05-28.
        &["2026年5月28日", "5月28日"],
    );
    // The only dates: the receipt and the date line.
    assert_eq!(text.matches("年").count() - text.matches("2025年").count(), 2);
}

fn consultation() -> LetterFacts {
    LetterFacts::Consultation(ConsultationFacts {
        case_no: "2026-0005".into(),
        received_on: d(2026, 3, 2),
        party: ThirdParty {
            name: "根河市北山文化传媒有限公司".into(),
        },
        information: "2025年文化惠民演出项目合同".into(),
        concern: "该合同载有贵公司的报价构成，可能涉及商业秘密。".into(),
        period_wd: 15,
    })
}

#[test]
fn s5_consultation_of_a_third_party_has_no_applicant_data() {
    check(
        &consultation(),
        issue(d(2026, 3, 10), 4),
        &[
            "根河市北山文化传媒有限公司：",
            "自收到本征求意见书之日起15个工作日内",
            "第三十二条",
            "不视为同意公开",
            "“同意”",
            "“不同意”并说明理由",
            "内蒙古自治区根河市好里堡街道文化路1号",
        ],
        &[ID, PHONE, ADDRESS, "陈静"],
    );
}

#[test]
fn the_third_party_facts_have_no_applicant_fields() {
    // Structural: the facts of the letters to others serialise without any applicant part.
    let disclosure = LetterFacts::DisclosureNotice(DisclosureNoticeFacts {
        case_no: "2026-0005".into(),
        received_on: d(2026, 3, 2),
        party: ThirdParty {
            name: "根河市北山文化传媒有限公司".into(),
        },
        information: "2025年文化惠民演出项目合同的金额".into(),
        reasons: "该项目使用财政资金，合同金额关系公共利益。".into(),
    });
    for facts in [consultation(), disclosure.clone(), agency_consultation()] {
        assert!(!facts.kind().to_applicant());
        let json = serde_json::to_string(&facts).unwrap();
        for key in ["applicant", "id_number", "phone", "address"] {
            assert!(!json.contains(key), "{key} in {json}");
        }
    }
    check(
        &disclosure,
        issue(d(2026, 4, 1), 6),
        &[
            "根河市北山文化传媒有限公司：",
            "第三十二条",
            "本机关决定予以公开",
            "该项目使用财政资金，合同金额关系公共利益。",
            "六十日内向根河市人民政府申请行政复议",
        ],
        &[ID, PHONE, ADDRESS, "陈静"],
    );
}

fn agency_consultation() -> LetterFacts {
    LetterFacts::AgencyConsultation(AgencyConsultationFacts {
        case_no: "2026-0005".into(),
        received_on: d(2026, 3, 2),
        agency: "根河市财政局".into(),
        information: "《关于下达2025年市级文物保护专项资金的通知》".into(),
        period_wd: 15,
    })
}

#[test]
fn agency_consultation_says_silence_is_consent() {
    check(
        &agency_consultation(),
        issue(d(2026, 3, 10), 5),
        &[
            "根河市财政局：",
            "第三十四条",
            "自收到本函之日起15个工作日内",
            "逾期未提出意见的，视为同意公开",
        ],
        &[ID, PHONE, ADDRESS, "陈静"],
    );
}

#[test]
fn s5_consultation_notice_to_the_applicant() {
    let facts = LetterFacts::ConsultationNotice(ConsultationNoticeFacts {
        applicant: applicant(),
        application: application(d(2026, 3, 2)),
        sent_on: d(2026, 3, 10),
        period_wd: 15,
    });
    check(
        &facts,
        issue(d(2026, 3, 10), 5),
        &[
            "陈静：",
            "第三十二条",
            "第三十三条第三款",
            "征求第三方意见所需时间不计算在答复期限内",
            "2026年3月10日",
        ],
        &[],
    );
}

fn extension(provisional: bool) -> LetterFacts {
    LetterFacts::Extension(ExtensionFacts {
        applicant: applicant(),
        application: application(d(2026, 9, 30)),
        extension_wd: 20,
        original_due: date(d(2026, 11, 3)),
        new_due: ComputedDate {
            date: d(2026, 12, 1),
            provisional,
        },
        approver: "李明".into(),
    })
}

#[test]
fn s2_extension() {
    check(
        &extension(false),
        issue(d(2026, 10, 30), 7),
        &[
            "2026年9月30日",
            "答复期限延长20个工作日，由2026年11月3日延长至2026年12月1日",
            "第三十三条第二款",
            "政府信息公开工作机构负责人李明同意",
        ],
        &[],
    );
    check(
        &extension(true),
        issue(d(2026, 10, 30), 7),
        &["答复期限延长20个工作日。"],
        &["2026年12月1日"],
    );
    let LetterFacts::Extension(mut long) = extension(false) else {
        unreachable!()
    };
    long.extension_wd = 21;
    assert!(matches!(
        render(
            &LetterFacts::Extension(long),
            &issue(d(2026, 10, 30), 7),
            &config(),
            LetterFormat::Docx
        ),
        Err(LetterError::InvalidFacts(_))
    ));
}

#[test]
fn reasons_notice() {
    let facts = LetterFacts::Reasons(ReasonsFacts {
        applicant: applicant(),
        application: application(d(2026, 6, 1)),
        to_explain: "本月内提出的42件申请的用途。".into(),
        period_wd: 10,
    });
    check(
        &facts,
        issue(d(2026, 6, 3), 8),
        &["第三十五条", "自收到本告知书之日起10个工作日内", "本月内提出的42件申请的用途。"],
        &[],
    );
}

fn fee(method: FeeMethod, count: u32, bands: Vec<FeeBand>, amount: u64) -> LetterFacts {
    LetterFacts::Fee(FeeFacts {
        applicant: applicant(),
        application: application(d(2026, 8, 3)),
        method,
        count,
        bands,
        amount_yuan: amount,
        period_wd: 20,
    })
}

#[test]
fn s10_fee_notice_by_page_and_by_item() {
    // S16: by page, 120 pages: 31–100 at 10 元, 101–120 at 20 元 = 1,100 元.
    let by_page = fee(
        FeeMethod::ByPage,
        120,
        vec![
            FeeBand { from: 31, to: 100, rate_yuan: 10, subtotal_yuan: 700 },
            FeeBand { from: 101, to: 120, rate_yuan: 20, subtotal_yuan: 400 },
        ],
        1100,
    );
    check(
        &by_page,
        issue(d(2026, 8, 20), 9),
        &[
            "按量计收",
            "共120页",
            "第31至第100页，每页10元，计700元。",
            "第101至第120页，每页20元，计400元。",
            "合计1,100元",
            "自收到本通知书之日起20个工作日内",
            "国办函〔2020〕109号",
            "财政票据",
            "视为放弃申请",
        ],
        &[],
    );
    // S16: the 11th application of the month, by item: 100 元.
    let by_item = fee(
        FeeMethod::ByItem,
        11,
        vec![FeeBand { from: 11, to: 11, rate_yuan: 100, subtotal_yuan: 100 }],
        100,
    );
    check(
        &by_item,
        issue(d(2026, 8, 20), 9),
        &["按件计收", "第11件", "合计100元"],
        &[],
    );
    for bad in [
        fee(FeeMethod::ByItem, 10, vec![], 0),
        fee(
            FeeMethod::ByPage,
            120,
            vec![FeeBand { from: 31, to: 100, rate_yuan: 10, subtotal_yuan: 700 }],
            1100,
        ),
    ] {
        assert!(matches!(
            render(&bad, &issue(d(2026, 8, 20), 9), &config(), LetterFormat::Docx),
            Err(LetterError::InvalidFacts(_))
        ));
    }
}

// ---- the reply, every leaf of table 三 ----

fn reply(outcome: &str) -> LetterFacts {
    let mut f = ReplyFacts {
        applicant: applicant(),
        application: application(d(2026, 1, 30)),
        outcome: outcome.into(),
        provided: None,
        already_public_at: None,
        withheld: None,
        search: None,
        competent_agency: None,
        explanation: None,
    };
    match outcome {
        "1" | "2" => {
            f.provided = Some(Provision {
                description: "2025年市级文物保护专项资金分配表".into(),
                how: "随本答复书附送纸质件".into(),
            })
        }
        _ => {}
    }
    if outcome == "2" || outcome.starts_with("3.") {
        f.withheld = Some(Withheld {
            description: "分配表中个人银行账号一栏".into(),
            category: if outcome == "2" { "3.4".into() } else { outcome.into() },
            reasons: "该栏载有个人银行账号，属于个人隐私。".into(),
        });
    }
    if outcome == "4.1" {
        f.search = Some("本机关检索了2025年度的公文、资金拨付档案和门户网站。".into());
    }
    if outcome.starts_with('4') && outcome != "4.1" || outcome.starts_with('5') {
        f.explanation = Some("（具体情况说明。）".into());
    }
    LetterFacts::Reply(f)
}

/// Every outcome a reply can have, with the article it must cite.
const REPLY_ARTICLES: &[(&str, &str)] = &[
    ("1", "第三十六条第（二）项"),
    ("2", "第三十七条、第三十六条第（二）项和第（三）项、第十五条"),
    ("3.1", "第十四条、第三十六条第（三）项"),
    ("3.2", "第十四条、第三十六条第（三）项"),
    ("3.3", "第十四条、第三十六条第（三）项"),
    ("3.4", "第十五条、第三十六条第（三）项"),
    ("3.5", "第十六条第一款、第三十六条第（三）项"),
    ("3.6", "第十六条第二款、第三十六条第（三）项"),
    ("3.7", "第十六条第二款、第三十六条第（三）项"),
    ("3.8", "第三十六条第（七）项"),
    ("4.1", "第三十六条第（四）项"),
    ("4.2", "第三十八条"),
    ("4.3", "第二十九条第二款、第三十条"),
    ("5.1", "第三十九条第一款"),
    ("5.2", "第三十六条第（六）项"),
    ("5.3", "第三十九条第二款"),
    ("5.4", "第三十五条"),
    ("5.5", "第二条"),
];

const REMEDY_OPEN: &str = "如对本答复书不服，可以自收到本答复书之日起六十日内向根河市人民政府申请行政复议，或者自收到本答复书之日起六个月内向根河市人民法院提起行政诉讼。";
const REMEDY_WITHHELD: &str = "如对本答复书不服，可以自收到本答复书之日起六十日内向根河市人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向根河市人民法院提起行政诉讼。依照《中华人民共和国行政复议法》第二十三条的规定，对不予公开的决定，应当先申请行政复议。";

#[test]
fn every_reply_variant_cites_its_article_and_the_right_remedy() {
    for (code, article) in REPLY_ARTICLES {
        let withheld = *code == "2" || code.starts_with("3.");
        let basis = format!("以上答复依据《中华人民共和国政府信息公开条例》{article}的规定作出。");
        let (remedy, not) = if withheld {
            (REMEDY_WITHHELD, "六个月内向根河市人民法院")
        } else {
            (REMEDY_OPEN, "应当先申请行政复议")
        };
        check(
            &reply(code),
            issue(d(2026, 1, 30), 3),
            &[
                "政府信息公开申请答复书",
                "根文旅公开〔2026〕3号",
                "陈静：",
                "本机关于2026年1月30日收到您（单位）提出的政府信息公开申请，申请获取“2025年市级文物保护专项资金分配表”。经审查，现答复如下：",
                &basis,
                remedy,
                "根河市文化旅游广电局（盖章）",
            ],
            &[not, "直接向人民法院提起行政诉讼"],
        );
    }
}

#[test]
fn s14_reply_outcome_one() {
    check(
        &reply("1"),
        issue(d(2026, 1, 30), 3),
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
            "本机关予以公开：2025年市级文物保护专项资金分配表。提供方式：随本答复书附送纸质件。",
        ],
        &[],
    );
    let LetterFacts::Reply(mut public) = reply("1") else {
        unreachable!()
    };
    public.provided = None;
    public.already_public_at = Some("根河市人民政府门户网站“财政资金”栏目".into());
    check(
        &LetterFacts::Reply(public),
        issue(d(2026, 1, 30), 3),
        &[
            "已经主动公开，可以通过以下途径获取：根河市人民政府门户网站“财政资金”栏目。",
            "条例》第三十六条第（一）项的规定",
        ],
        &[],
    );
}

#[test]
fn reply_three_four_puts_reconsideration_first() {
    check(
        &reply("3.4"),
        issue(d(2026, 1, 30), 3),
        &[
            "第十五条",
            "行政复议",
            "应当先申请行政复议",
            "分配表中个人银行账号一栏涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，本机关决定不予公开。理由如下：该栏载有个人银行账号，属于个人隐私。",
        ],
        &["直接向人民法院提起行政诉讼", "或者自收到本答复书之日起六个月内"],
    );
}

#[test]
fn reply_four_one_names_the_competent_agency() {
    let LetterFacts::Reply(mut f) = reply("4.1") else {
        unreachable!()
    };
    f.competent_agency = Some(OtherAgency {
        name: "根河市财政局".into(),
        contact: "0470-5216789，根河市好里堡街道中央街5号".into(),
    });
    check(
        &LetterFacts::Reply(f),
        issue(d(2026, 1, 30), 3),
        &[
            "第三十六条第（五）项",
            "根河市财政局",
            "联系方式：0470-5216789，根河市好里堡街道中央街5号",
        ],
        &["第三十六条第（四）项"],
    );
    check(
        &reply("4.1"),
        issue(d(2026, 1, 30), 3),
        &[
            "本机关检索了2025年度的公文、资金拨付档案和门户网站。经检索，本机关没有您（单位）申请公开的政府信息，该政府信息不存在。",
        ],
        &[],
    );
}

#[test]
fn the_correction_date_is_in_the_recital() {
    let LetterFacts::Reply(mut f) = reply("1") else {
        unreachable!()
    };
    f.application.received_on = d(2026, 4, 28);
    f.application.corrected_on = Some(d(2026, 5, 20));
    check(
        &LetterFacts::Reply(f),
        issue(d(2026, 6, 10), 11),
        &["本机关于2026年4月28日收到您（单位）提出的政府信息公开申请，申请获取“2025年市级文物保护专项资金分配表”，并于2026年5月20日收到您（单位）补正后的申请。"],
        &[],
    );
}

#[test]
fn a_reply_without_its_facts_or_with_an_unknown_outcome_is_refused() {
    for code in ["6.1", "3.9", "（一）", ""] {
        assert!(matches!(
            render(&reply(code), &issue(d(2026, 1, 30), 3), &config(), LetterFormat::Docx),
            Err(LetterError::InvalidFacts(_))
        ), "{code}");
    }
    let LetterFacts::Reply(mut f) = reply("3.1") else {
        unreachable!()
    };
    f.withheld = None;
    assert!(render(
        &LetterFacts::Reply(f),
        &issue(d(2026, 1, 30), 3),
        &config(),
        LetterFormat::Docx
    )
    .is_err());
}

// ---- closing, record correction, service ----

#[test]
fn closing_notices() {
    for (reason, musts) in [
        (
            ClosingReason::NotCorrected,
            vec!["补正告知书", "无正当理由逾期未补正", "第三十条的规定，视为放弃申请"],
        ),
        (
            ClosingReason::FeeNotPaid,
            vec!["信息处理费缴费通知书", "逾期未缴纳", "国办函〔2020〕109号"],
        ),
    ] {
        let facts = LetterFacts::Closing(ClosingFacts {
            applicant: applicant(),
            application: application(d(2026, 6, 3)),
            reason,
            notice_on: d(2026, 6, 3),
            period_wd: 10,
        });
        let mut all = musts.clone();
        all.extend(["政府信息公开申请终止处理告知书", "本机关不再处理该政府信息公开申请", "2026年6月3日", "10个工作日"]);
        check(&facts, issue(d(2026, 6, 18), 12), &all, &[]);
    }
}

#[test]
fn record_correction_ends() {
    let ends = [
        (RecordCorrectionEnd::Corrected, "已予以更正"),
        (
            RecordCorrectionEnd::Forwarded {
                agency: OtherAgency {
                    name: "根河市民政局".into(),
                    contact: "0470-5211111".into(),
                },
            },
            "已将您（单位）的更正申请转送有权更正的根河市民政局处理（联系方式：0470-5211111）",
        ),
        (
            RecordCorrectionEnd::Redirected {
                agency: OtherAgency {
                    name: "根河市民政局".into(),
                    contact: "0470-5211111".into(),
                },
            },
            "请您（单位）向有权更正的根河市民政局提出",
        ),
        (
            RecordCorrectionEnd::Refused {
                reasons: "所提供的证据不能证明记录有误。".into(),
            },
            "本机关决定不予更正，理由如下：所提供的证据不能证明记录有误。",
        ),
    ];
    for (end, must) in ends {
        let facts = LetterFacts::RecordCorrection(RecordCorrectionFacts {
            applicant: applicant(),
            case_no: "2026-0030".into(),
            received_on: d(2026, 7, 1),
            record: "非遗传承人名录中本人的出生年份".into(),
            end,
        });
        check(
            &facts,
            issue(d(2026, 7, 20), 13),
            &[must, "政府信息更正申请答复书", "第四十一条", "2026年7月1日", REMEDY_OPEN],
            &[],
        );
    }
}

#[test]
fn service_form_is_a_table() {
    let facts = LetterFacts::Service(ServiceFacts {
        case_no: "2026-0001".into(),
        letter: LetterKind::Reply,
        letter_number: "根文旅公开〔2026〕3号".into(),
        addressee: "陈静".into(),
        address: Some(ADDRESS.into()),
        method: "邮寄送达（EMS 1234567890123）".into(),
        served_on: None,
        server: Some("王芳".into()),
        note: None,
    });
    let service = Issue { date: d(2026, 1, 30), seq: None };
    let text = check(
        &facts,
        service,
        &[
            "送达回证",
            "送达文书名称及文号",
            "政府信息公开申请答复书（根文旅公开〔2026〕3号）",
            "受送达人",
            "送达地址",
            ADDRESS,
            "送达方式",
            "邮寄送达（EMS 1234567890123）",
            "收件人签名",
            "送达日期",
            "年　　月　　日",
            "送达人",
            "备注",
        ],
        &[],
    );
    assert!(!text.contains("根文旅公开〔2026〕1号"));
    let docx = render(&facts, &service, &config(), LetterFormat::Docx).unwrap();
    assert_eq!(docx.number, None);
    assert_eq!(docx.file_name, "2026-0001-送达回证.docx");
    let xml = docx_part(&docx.bytes, "word/document.xml");
    assert_eq!(xml.matches("</w:tr>").count(), 8);
    let md = render(&facts, &service, &config(), LetterFormat::Markdown).unwrap();
    let md = String::from_utf8(md.bytes).unwrap();
    assert!(md.contains("| 送达方式 | 邮寄送达（EMS 1234567890123） |"), "{md}");
}

// ---- layout ----

#[test]
fn docx_layout_follows_gb_t_9704() {
    let docx = render(&reply("1"), &issue(d(2026, 1, 30), 3), &config(), LetterFormat::Docx).unwrap();
    let xml = docx_part(&docx.bytes, "word/document.xml");
    // A4 and the margins in twips: 37, 35, 28, 26 mm.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{xml}");
    for m in [r#"w:top="2098""#, r#"w:bottom="1984""#, r#"w:left="1587""#, r#"w:right="1474""#] {
        assert!(xml.contains(m), "{m}");
    }
    assert!(xml.contains(r#"w:eastAsia="方正小标宋简体""#));
    assert!(xml.contains(r#"<w:sz w:val="44" />"#));
    assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(xml.contains(r#"<w:sz w:val="32" />"#));
    assert!(xml.contains(r#"w:line="579" w:lineRule="exact""#));
    let footer = docx_part(&docx.bytes, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "{footer}");
    assert!(footer.contains("— ") && footer.contains(" —"));
    assert!(footer.contains(r#"<w:sz w:val="28" />"#));
    assert_eq!(docx.file_name, "2026-0001-答复书.docx");
}

// ---- templates ----

fn override_dir(name: &str, text: &str) -> (tempfile::TempDir, LetterConfig) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let config = LetterConfig {
        letters_dir: Some(dir.path().to_path_buf()),
        ..config()
    };
    (dir, config)
}

#[test]
fn an_agency_template_overrides_the_built_in_one() {
    let (_dir, config) = override_dir(
        "receipt.j2",
        "{% extends \"_letter.j2\" %}\n{% block addressee %}\n= {{ f.applicant.name }}：\n{% endblock %}\n{% block body %}\n您的申请已于{{ f.application.received_on|cn_date }}登记。\n{% endblock %}\n",
    );
    let out = render(&receipt(false), &issue(d(2026, 1, 30), 1), &config, LetterFormat::Docx).unwrap();
    let text = docx_text(&out.bytes);
    assert_has(&text, &["您的申请已于2026年1月30日登记。", "根文旅公开〔2026〕1号"]);
    assert_lacks(&text, &["本机关已予登记"]);
}

#[test]
fn a_template_with_an_unknown_field_is_refused_with_file_and_line() {
    let body = "{% extends \"_letter.j2\" %}\n{% block addressee %}\n= {{ f.applicant.name }}：\n{% endblock %}\n{% block body %}\n{% if false %}\n{{ f.applicant.nickname }}\n{% endif %}\n{% endblock %}\n";
    let (dir, config) = override_dir("reply.j2", body);
    let err = render(&reply("1"), &issue(d(2026, 1, 30), 3), &config, LetterFormat::Docx).unwrap_err();
    let path = dir.path().join("reply.j2").display().to_string();
    assert_eq!(
        err,
        LetterError::Template {
            file: path.clone(),
            line: 7,
            detail: "未知字段 f.applicant.nickname".into()
        }
    );
    assert_eq!(err.to_string(), format!("文书模板 {path} 第7行有误：未知字段 f.applicant.nickname"));
    // The third party's letter offers no applicant to a template.
    let (dir, config) = override_dir(
        "consultation.j2",
        "{% extends \"_letter.j2\" %}\n{% block body %}\n{{ f.applicant.id_number }}\n{% endblock %}\n",
    );
    let err = render(&consultation(), &issue(d(2026, 3, 10), 4), &config, LetterFormat::Docx).unwrap_err();
    assert_eq!(
        err,
        LetterError::Template {
            file: dir.path().join("consultation.j2").display().to_string(),
            line: 3,
            detail: "未知字段 f.applicant.id_number".into()
        }
    );
}

#[test]
fn a_template_that_fails_to_parse_or_render_is_refused_with_file_and_line() {
    let (dir, config) = override_dir("fee.j2", "# 标题\n正文\n{% if %}\n");
    let err = render(
        &fee(FeeMethod::ByItem, 11, vec![FeeBand { from: 11, to: 11, rate_yuan: 100, subtotal_yuan: 100 }], 100),
        &issue(d(2026, 8, 20), 9),
        &config,
        LetterFormat::Docx,
    )
    .unwrap_err();
    let LetterError::Template { file, line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(file, dir.path().join("fee.j2").display().to_string());
    assert_eq!(line, 3);
    let (_dir, config) = override_dir("receipt.j2", "# {{ agency }}\n\n{{ f.reply_period_wd|cn_date }}\n");
    let err = render(&receipt(false), &issue(d(2026, 1, 30), 1), &config, LetterFormat::Docx).unwrap_err();
    assert!(matches!(err, LetterError::Template { line: 3, .. }), "{err:?}");
}
