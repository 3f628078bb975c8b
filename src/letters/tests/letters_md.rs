//! The rows of shared/cases/letters.md, one test each, and the letters around them.

use super::*;

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
    assert_eq!(
        text.matches("年").count() - text.matches("2025年").count(),
        2
    );
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

#[test]
fn s2_extension() {
    check(
        &extension(false),
        issue(d(2026, 10, 30), 7),
        &[
            "2026年9月30日",
            "因申请公开的信息量大，需要调取档案，本机关不能在",
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
        &["2026年12月1日", "进一步检索"],
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
        &[
            "第三十五条",
            "自收到本告知书之日起10个工作日内",
            "本月内提出的42件申请的用途。",
        ],
        &[],
    );
}

#[test]
fn s10_fee_notice_by_page_and_by_item() {
    // S16: by page, 120 pages: 31–100 at 10 元, 101–120 at 20 元 = 1,100 元.
    let by_page = fee(
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
        vec![FeeBand {
            from: 11,
            to: 11,
            rate_yuan: 100,
            subtotal_yuan: 100,
        }],
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
            vec![FeeBand {
                from: 31,
                to: 100,
                rate_yuan: 10,
                subtotal_yuan: 700,
            }],
            1100,
        ),
    ] {
        assert!(matches!(
            render(
                &bad,
                &issue(d(2026, 8, 20), 9),
                &config(),
                LetterFormat::Docx
            ),
            Err(LetterError::InvalidFacts(_))
        ));
    }
}

#[test]
fn what_the_applicant_wrote_cannot_become_markup() {
    let LetterFacts::Receipt(mut f) = receipt(false) else {
        unreachable!()
    };
    f.application.content = "分配表\n# 假标题\n> 假落款 | A&B <c>".into();
    let facts = LetterFacts::Receipt(f);
    let out = render(
        &facts,
        &issue(d(2026, 1, 30), 1),
        &config(),
        LetterFormat::Docx,
    )
    .unwrap();
    assert!(
        out.text
            .contains("申请获取“分配表 # 假标题 > 假落款 ｜ A&B <c>”。"),
        "{}",
        out.text
    );
    let text = docx_text(&out.bytes);
    assert!(
        text.contains("申请获取“分配表 # 假标题 > 假落款 ｜ A&B <c>”。"),
        "{text}"
    );
    assert_eq!(
        out.text
            .lines()
            .filter(|l| l.starts_with("根河市文化旅游广电局"))
            .count(),
        2
    );
}
