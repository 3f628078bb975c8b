//! The reply: every leaf of table 三 a reply can have.

use super::*;

/// Every outcome a reply can have, with the article it must cite.
pub(super) const REPLY_ARTICLES: &[(&str, &str)] = &[
    ("1", "第三十六条第（二）项"),
    (
        "2",
        "第三十七条、第三十六条第（二）项和第（三）项、第十五条",
    ),
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

pub(super) const REMEDY_OPEN: &str = "如对本答复书不服，可以自收到本答复书之日起六十日内向根河市人民政府申请行政复议，或者自收到本答复书之日起六个月内向根河市人民法院提起行政诉讼。";
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
        &[
            "直接向人民法院提起行政诉讼",
            "或者自收到本答复书之日起六个月内",
        ],
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
        &[
            "本机关于2026年4月28日收到您（单位）提出的政府信息公开申请，申请获取“2025年市级文物保护专项资金分配表”，并于2026年5月20日收到您（单位）补正后的申请。",
        ],
        &[],
    );
}

#[test]
fn a_reply_without_its_facts_or_with_an_unknown_outcome_is_refused() {
    for code in ["6.1", "3.9", "（一）", ""] {
        assert!(
            matches!(
                render(
                    &reply(code),
                    &issue(d(2026, 1, 30), 3),
                    &config(),
                    LetterFormat::Docx
                ),
                Err(LetterError::InvalidFacts(_))
            ),
            "{code}"
        );
    }
    let LetterFacts::Reply(mut f) = reply("3.1") else {
        unreachable!()
    };
    f.withheld = None;
    assert!(
        render(
            &LetterFacts::Reply(f),
            &issue(d(2026, 1, 30), 3),
            &config(),
            LetterFormat::Docx
        )
        .is_err()
    );
}
