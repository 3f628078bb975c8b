//! Letters rendered with the acceptance fixtures of `shared/cases/letters.md` and checked in the
//! text of `word/document.xml` and of the Markdown, with exact strings.

use std::io::Read;

use chrono::NaiveDate;

use super::facts::*;
use super::*;

mod kinds;
mod letters_md;
mod other_letters;
mod reply;
mod samples;
mod templates;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The agency config of letters.md.
pub(super) fn config() -> LetterConfig {
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

pub(super) const ID: &str = "152105198803150021";
pub(super) const PHONE: &str = "13904701234";
pub(super) const ADDRESS: &str = "内蒙古自治区根河市河东街道林业路18号";

pub(super) fn applicant() -> Applicant {
    Applicant {
        name: "陈静".into(),
        id_number: Some(ID.into()),
        phone: Some(PHONE.into()),
        address: Some(ADDRESS.into()),
    }
}

pub(super) fn application(received_on: NaiveDate) -> Application {
    Application {
        case_no: "2026-0001".into(),
        received_on,
        corrected_on: None,
        content: "2025年市级文物保护专项资金分配表".into(),
    }
}

pub(super) fn date(date: NaiveDate) -> ComputedDate {
    ComputedDate {
        date,
        provisional: false,
    }
}

/// The text of the .docx body: the contents of every `<w:t>`, paragraphs on their own lines.
pub(super) fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml_text(&xml)
}

pub(super) fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

pub(super) fn xml_text(xml: &str) -> String {
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
pub(super) fn both(facts: &LetterFacts, issue: Issue) -> (String, String) {
    let docx = render(facts, &issue, &config(), LetterFormat::Docx).unwrap();
    let md = render(facts, &issue, &config(), LetterFormat::Markdown).unwrap();
    assert_eq!(docx.text, md.text);
    let md = String::from_utf8(md.bytes).unwrap().replace('\\', "");
    (docx_text(&docx.bytes), md)
}

pub(super) fn issue(date: NaiveDate, seq: u32) -> Issue {
    Issue {
        date,
        seq: Some(seq),
    }
}

pub(super) fn assert_has(text: &str, musts: &[&str]) {
    for m in musts {
        assert!(text.contains(m), "missing {m:?} in:\n{text}");
    }
}

pub(super) fn assert_lacks(text: &str, nots: &[&str]) {
    for n in nots {
        assert!(!text.contains(n), "must not contain {n:?} in:\n{text}");
    }
}

pub(super) fn check(facts: &LetterFacts, issue: Issue, musts: &[&str], nots: &[&str]) -> String {
    let (docx, md) = both(facts, issue);
    for text in [&docx, &md] {
        assert_has(text, musts);
        assert_lacks(text, nots);
    }
    docx
}

pub(super) fn receipt(provisional: bool) -> LetterFacts {
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

pub(super) fn consultation() -> LetterFacts {
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

pub(super) fn agency_consultation() -> LetterFacts {
    LetterFacts::AgencyConsultation(AgencyConsultationFacts {
        case_no: "2026-0005".into(),
        received_on: d(2026, 3, 2),
        agency: "根河市财政局".into(),
        information: "《关于下达2025年市级文物保护专项资金的通知》".into(),
        period_wd: 15,
    })
}

pub(super) fn extension(provisional: bool) -> LetterFacts {
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
        reason: "申请公开的信息量大，需要调取档案".into(),
    })
}

pub(super) fn fee(method: FeeMethod, count: u32, bands: Vec<FeeBand>, amount: u64) -> LetterFacts {
    LetterFacts::Fee(FeeFacts {
        applicant: applicant(),
        application: application(d(2026, 8, 3)),
        method,
        count,
        places: 1,
        bands,
        amount_yuan: amount,
        period_wd: 20,
    })
}

pub(super) fn reply(outcome: &str) -> LetterFacts {
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
            category: if outcome == "2" {
                "3.4".into()
            } else {
                outcome.into()
            },
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
