//! Every kind and every reply variant written to a folder, for a person to look at
//! (`scripts/render-letters.sh` runs this and converts the files to PDF and PNG).

use super::*;

/// Writes every letter as .docx and .md into `$DISCLOSE_LETTER_SAMPLES` (ignored: run it with
/// `DISCLOSE_LETTER_SAMPLES=DIR cargo test --lib letters::tests::samples -- --ignored`).
#[test]
#[ignore = "writes sample letters into $DISCLOSE_LETTER_SAMPLES"]
fn write_samples() {
    let Some(dir) = std::env::var_os("DISCLOSE_LETTER_SAMPLES") else {
        panic!("set DISCLOSE_LETTER_SAMPLES to the folder to write the samples into");
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut letters: Vec<(String, LetterFacts, Issue)> = vec![
        ("receipt".into(), receipt(false), issue(d(2026, 1, 30), 1)),
        (
            "correction".into(),
            LetterFacts::Correction(CorrectionFacts {
                applicant: applicant(),
                application: application(d(2026, 4, 28)),
                items: vec![
                    "请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述".into(),
                    "请提供申请人身份证明".into(),
                ],
                period_wd: 15,
            }),
            issue(d(2026, 5, 8), 2),
        ),
        (
            "consultation".into(),
            consultation(),
            issue(d(2026, 3, 10), 4),
        ),
        (
            "consultation-notice".into(),
            LetterFacts::ConsultationNotice(ConsultationNoticeFacts {
                applicant: applicant(),
                application: application(d(2026, 3, 2)),
                sent_on: d(2026, 3, 10),
                period_wd: 15,
            }),
            issue(d(2026, 3, 10), 5),
        ),
        (
            "agency-consultation".into(),
            agency_consultation(),
            issue(d(2026, 3, 10), 6),
        ),
        (
            "disclosure-notice".into(),
            LetterFacts::DisclosureNotice(DisclosureNoticeFacts {
                case_no: "2026-0005".into(),
                received_on: d(2026, 3, 2),
                party: ThirdParty {
                    name: "根河市北山文化传媒有限公司".into(),
                },
                information: "2025年文化惠民演出项目合同的金额".into(),
                reasons: "该项目使用财政资金，合同金额关系公共利益。".into(),
            }),
            issue(d(2026, 4, 1), 7),
        ),
        (
            "extension".into(),
            extension(false),
            issue(d(2026, 10, 30), 8),
        ),
        (
            "reasons".into(),
            LetterFacts::Reasons(ReasonsFacts {
                applicant: applicant(),
                application: application(d(2026, 6, 1)),
                to_explain: "本月内提出的42件申请的用途。".into(),
                period_wd: 10,
            }),
            issue(d(2026, 6, 3), 9),
        ),
        (
            "fee".into(),
            fee(
                FeeMethod::ByPage,
                120,
                vec![
                    FeeBand {
                        from: 31,
                        to: 100,
                        rate_yuan: 10,
                        subtotal_yuan: 700,
                    },
                    FeeBand {
                        from: 101,
                        to: 120,
                        rate_yuan: 20,
                        subtotal_yuan: 400,
                    },
                ],
                1100,
            ),
            issue(d(2026, 8, 20), 10),
        ),
        (
            "closing-6.1".into(),
            LetterFacts::Closing(ClosingFacts {
                applicant: applicant(),
                application: application(d(2026, 6, 3)),
                reason: ClosingReason::NotCorrected,
                notice_on: d(2026, 6, 3),
                period_wd: 10,
            }),
            issue(d(2026, 6, 18), 11),
        ),
        (
            "record-correction".into(),
            LetterFacts::RecordCorrection(RecordCorrectionFacts {
                applicant: applicant(),
                case_no: "2026-0030".into(),
                received_on: d(2026, 7, 1),
                record: "非遗传承人名录中本人的出生年份".into(),
                end: RecordCorrectionEnd::Refused {
                    reasons: "所提供的证据不能证明记录有误。".into(),
                },
            }),
            issue(d(2026, 7, 20), 12),
        ),
        (
            "service".into(),
            LetterFacts::Service(ServiceFacts {
                case_no: "2026-0001".into(),
                letter: LetterKind::Reply,
                letter_number: "根文旅公开〔2026〕3号".into(),
                addressee: "陈静".into(),
                address: Some(ADDRESS.into()),
                method: "邮寄送达（EMS 1234567890123）".into(),
                served_on: None,
                server: Some("王芳".into()),
                note: None,
            }),
            Issue {
                date: d(2026, 1, 30),
                seq: None,
            },
        ),
    ];
    for (code, _) in super::reply::REPLY_ARTICLES {
        letters.push((
            format!("reply-{code}"),
            reply(code),
            issue(d(2026, 1, 30), 3),
        ));
    }
    let LetterFacts::Reply(mut not_ours) = reply("4.1") else {
        unreachable!()
    };
    not_ours.competent_agency = Some(OtherAgency {
        name: "根河市财政局".into(),
        contact: "0470-5216789，根河市好里堡街道中央街5号".into(),
    });
    letters.push((
        "reply-4.1-competent".into(),
        LetterFacts::Reply(not_ours),
        issue(d(2026, 1, 30), 3),
    ));
    for (name, facts, issue) in letters {
        for format in [LetterFormat::Docx, LetterFormat::Markdown] {
            let out = render(&facts, &issue, &config(), format).unwrap();
            let path = dir.join(format!("{name}.{}", format.extension()));
            std::fs::write(path, out.bytes).unwrap();
        }
    }
}
