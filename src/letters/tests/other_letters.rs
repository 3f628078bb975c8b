//! Closing, record correction, service and the layout of the .docx.

use super::*;

#[test]
fn closing_notices() {
    for (reason, musts) in [
        (
            ClosingReason::NotCorrected,
            vec![
                "补正告知书",
                "无正当理由逾期未补正",
                "第三十条的规定，视为放弃申请",
            ],
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
        all.extend([
            "政府信息公开申请终止处理告知书",
            "本机关不再处理该政府信息公开申请",
            "2026年6月3日",
            "10个工作日",
        ]);
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
            &[
                must,
                "政府信息更正申请答复书",
                "第四十一条",
                "2026年7月1日",
                super::reply::REMEDY_OPEN,
            ],
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
    let service = Issue {
        date: d(2026, 1, 30),
        seq: None,
    };
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
    assert!(
        md.contains("| 送达方式 | 邮寄送达（EMS 1234567890123） |"),
        "{md}"
    );
}

#[test]
fn docx_layout_follows_gb_t_9704() {
    let docx = render(
        &reply("1"),
        &issue(d(2026, 1, 30), 3),
        &config(),
        LetterFormat::Docx,
    )
    .unwrap();
    let xml = docx_part(&docx.bytes, "word/document.xml");
    // A4 and the margins in twips: 37, 35, 28, 26 mm.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{xml}");
    for m in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
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
