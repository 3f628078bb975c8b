//! Tests of the document register, named by rule, with exact dates from SPEC §10 and the
//! acceptance cases S21–S22.

use chrono::NaiveDate;

use super::clock::{self, InterpretationStatus};
use super::topics::Topics;
use super::*;
use crate::calendar::Calendar;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn reg(doc_type: DocType, attribute: Attribute, formed: &str) -> Registration {
    Registration {
        title: "根河市文化旅游广电局关于规范A级旅游景区管理的通知".into(),
        doc_no: Some("根文旅发〔2026〕12号".into()),
        formed_on: d(formed),
        drafting_unit: "资源开发科".into(),
        doc_type,
        form: Form::Department,
        questions: Questions {
            normative: doc_type == DocType::Normative,
            pre_review: true,
            interpretation_planned: false,
            redacted: false,
            to_meeting: None,
        },
        attribute,
        reason: None,
        grounds: vec![],
        drafter_opinion: None,
        drafter_signer: "王科长".into(),
    }
}

pub(super) fn agree(on: &str) -> DocStep {
    DocStep::Reviewed(Review {
        agree: true,
        suggested: None,
        reason: None,
        grounds: vec![],
        signer: "李主任".into(),
        on: d(on),
    })
}

pub(super) fn approve(on: &str) -> DocStep {
    DocStep::Approved(Approval {
        channels: vec![Channel::Website],
        publisher: "根河市文化旅游广电局".into(),
        topic: Topics::official().resolve("行政规范性文件", None).unwrap(),
        approver: "张局长".into(),
        on: d(on),
    })
}

pub(super) fn publish(on: &str, index_no: &str) -> DocStep {
    DocStep::Published(Publication {
        on: d(on),
        channels: vec![Channel::Website],
        address: Some("https://www.genhe.gov.cn/wlj/1.html".into()),
        index_no: index_no.into(),
    })
}

/// Applies the steps one by one, each checked first; panics on the first refusal.
pub(super) fn run(steps: &[DocStep]) -> Document {
    let cal = Calendar::official();
    let mut doc = Document::default();
    for s in steps {
        if let Err(r) = check(&doc, s, &cal) {
            panic!("{s:?} refused: {r}");
        }
        doc.apply(s);
    }
    assert_eq!(doc, replay(steps));
    doc
}

pub(super) fn refusal(doc: &Document, step: &DocStep) -> DocRefusal {
    check(doc, step, &Calendar::official()).expect_err("must be refused")
}

pub(super) fn published_normative(formed: &str, published: &str) -> Vec<DocStep> {
    vec![
        DocStep::Registered(reg(DocType::Normative, Attribute::Proactive, formed)),
        agree(formed),
        approve(formed),
        publish(published, "11150000MB1604391C/2026-00001"),
    ]
}

#[test]
fn s21_normative_formed_2026_09_25_due_2026_10_29_published_10_30_late_1() {
    let cal = Calendar::official();
    let doc = run(&published_normative("2026-09-25", "2026-10-30"));
    let due = clock::publish_due(&doc, &cal).unwrap().unwrap();
    assert_eq!(due.value, d("2026-10-29"));
    assert!(!due.provisional);
    let late = clock::publish_late(&doc, &cal).unwrap().unwrap();
    assert_eq!(late.value, 1);
}

#[test]
fn s21_normative_on_time_on_its_due_date() {
    let doc = run(&published_normative("2026-09-25", "2026-10-29"));
    let late = clock::publish_late(&doc, &Calendar::official())
        .unwrap()
        .unwrap();
    assert_eq!(late.value, 0);
}

#[test]
fn s21_withheld_attribute_for_normative_refused() {
    let mut r = reg(DocType::Normative, Attribute::Withheld, "2026-09-25");
    r.grounds = vec![Ground::Process];
    let e = refusal(&Document::default(), &DocStep::Registered(r));
    assert!(
        e.rule.contains("行政规范性文件的公开属性只能为主动公开"),
        "{e}"
    );
    assert!(e.next[0].starts_with("disclose doc register"));
    // nor may the office's review turn it into 不予公开
    let doc = run(&[DocStep::Registered(reg(
        DocType::Normative,
        Attribute::Proactive,
        "2026-09-25",
    ))]);
    let review = DocStep::Reviewed(Review {
        agree: false,
        suggested: Some(Attribute::Withheld),
        reason: None,
        grounds: vec![Ground::Internal],
        signer: "李主任".into(),
        on: d("2026-09-28"),
    });
    assert!(refusal(&doc, &review).rule.contains("只能为主动公开"));
}

#[test]
fn s22_repealed_2026_04_30_marking_due_2026_06_01() {
    let cal = Calendar::official();
    let mut steps = published_normative("2025-06-03", "2025-06-20");
    steps.push(DocStep::Changed(Change {
        kind: ChangeKind::Repealed,
        on: d("2026-04-30"),
        successor: Some("根文旅发〔2026〕5号".into()),
    }));
    let doc = run(&steps);
    let m = clock::markings(&doc, &cal).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].due, d("2026-06-01"));
    assert_eq!(m[0].marked_on, None);
    let duties = clock::open_duties(&doc, &cal, d("2026-06-02")).unwrap();
    assert_eq!(duties.len(), 1);
    assert_eq!(duties[0].kind, clock::DutyKind::Mark);
    assert_eq!(duties[0].working_days_left, -1);
    assert_eq!(doc.validity(), Validity::Repealed);
    // table 二 of 2026: 本年废止件数 1, 现行有效件数 0
    let t = table2(std::slice::from_ref(&doc), 2026, &YearFigures::default());
    assert_eq!(
        t.normative,
        table2::IssuedRow {
            issued: 0,
            repealed: 1,
            in_force: 0
        }
    );
    let t25 = table2(std::slice::from_ref(&doc), 2025, &YearFigures::default());
    assert_eq!(
        t25.normative,
        table2::IssuedRow {
            issued: 1,
            repealed: 0,
            in_force: 1
        }
    );
    // marked within the period: not late; nothing may follow a 废止
    let mut marked = steps.clone();
    marked.push(DocStep::Marked {
        on: d("2026-06-01"),
    });
    let doc = run(&marked);
    assert_eq!(
        clock::markings(&doc, &cal).unwrap()[0].late_working_days,
        Some(0)
    );
    let again = DocStep::Changed(Change {
        kind: ChangeKind::Amended,
        on: d("2026-07-01"),
        successor: None,
    });
    assert!(refusal(&doc, &again).rule.contains("不能再变更"));
}

#[test]
fn art26_publish_due_2025_03_03_is_2025_03_31() {
    let doc = run(&[DocStep::Registered(reg(
        DocType::Other,
        Attribute::Proactive,
        "2025-03-03",
    ))]);
    let due = clock::publish_due(&doc, &Calendar::official())
        .unwrap()
        .unwrap();
    assert_eq!(due.value, d("2025-03-31"));
    assert!(!due.provisional);
}

#[test]
fn art26_publish_due_into_an_unknown_year_is_provisional() {
    let doc = run(&[DocStep::Registered(reg(
        DocType::Other,
        Attribute::Proactive,
        "2026-12-15",
    ))]);
    let due = clock::publish_due(&doc, &Calendar::official())
        .unwrap()
        .unwrap();
    // 12 working days in December after the 15th, then 2027-01-01 (元旦, a statutory rest day
    // of the year without its notice) is skipped: the 20th is 2027-01-13, provisional.
    assert_eq!(due.value, d("2027-01-13"));
    assert!(due.provisional);
}

#[test]
fn art26_no_publication_clock_for_on_request_until_converted() {
    let cal = Calendar::official();
    let mut r = reg(DocType::Other, Attribute::OnRequest, "2025-03-03");
    r.reason = Some("涉及第三方，需逐件审查".into());
    let mut steps = vec![DocStep::Registered(r), agree("2025-03-04")];
    let doc = run(&steps);
    assert_eq!(clock::publish_due(&doc, &cal).unwrap(), None);
    // approving or publishing it is refused (seed A.2), converting is the way
    let e = refusal(&doc, &approve("2025-03-05"));
    assert!(e.rule.contains("只有公开属性为主动公开"), "{e}");
    assert!(e.next.iter().any(|n| n.starts_with("disclose doc convert")));
    steps.push(DocStep::Converted(Conversion {
        on: d("2025-03-03"),
        reason: "一年内申请12次".into(),
    }));
    assert!(refusal(&doc, &steps[2]).rule.contains("早于审核日期"));
    steps[2] = DocStep::Converted(Conversion {
        on: d("2025-03-31"),
        reason: "一年内申请12次".into(),
    });
    let doc = run(&steps);
    assert_eq!(doc.attribute, Some(Attribute::Proactive));
    // 20 WD from the conversion: 04-01..03, (04-04 清明), 04-07..25, (04-27 调休上班), 04-28
    assert_eq!(
        clock::publish_due(&doc, &cal).unwrap().unwrap().value,
        d("2025-04-28")
    );
}

#[test]
fn art44_request_content_names_a_document_by_doc_no_or_title() {
    let doc = run(&[DocStep::Registered(reg(
        DocType::Other,
        Attribute::Proactive,
        "2026-03-02",
    ))]);
    assert!(convert::mentioned_in(
        &doc,
        "申请公开根文旅发[2026]12号文件全文"
    ));
    assert!(convert::mentioned_in(&doc, "请提供 根文旅发（2026） 12号"));
    assert!(convert::mentioned_in(
        &doc,
        "《根河市文化旅游广电局关于规范A级旅游景区管理的通知》及附件"
    ));
    assert!(!convert::mentioned_in(&doc, "根文旅发〔2026〕13号"));
    assert!(!convert::mentioned_in(&doc, "景区管理"));
}

#[test]
fn review_disagreeing_sets_the_attribute_and_its_grounds() {
    let steps = [
        DocStep::Registered(reg(DocType::Other, Attribute::Proactive, "2026-03-02")),
        DocStep::Reviewed(Review {
            agree: false,
            suggested: Some(Attribute::Withheld),
            reason: None,
            grounds: vec![Ground::SecretsPrivacy],
            signer: "李主任".into(),
            on: d("2026-03-03"),
        }),
    ];
    let doc = run(&steps);
    assert_eq!(doc.attribute, Some(Attribute::Withheld));
    assert_eq!(doc.grounds(), &[Ground::SecretsPrivacy]);
    assert_eq!(
        clock::publish_due(&doc, &Calendar::official()).unwrap(),
        None
    );
    let no_grounds = DocStep::Reviewed(Review {
        agree: false,
        suggested: Some(Attribute::Withheld),
        reason: None,
        grounds: vec![],
        signer: "李主任".into(),
        on: d("2026-03-03"),
    });
    let doc = run(&steps[..1]);
    assert!(
        refusal(&doc, &no_grounds)
            .rule
            .contains("至少一项不予公开理由")
    );
}

#[test]
fn attribute_withheld_needs_a_ground_on_request_a_reason() {
    let e = refusal(
        &Document::default(),
        &DocStep::Registered(reg(DocType::Other, Attribute::Withheld, "2025-03-03")),
    );
    assert!(e.rule.contains("至少一项不予公开理由"));
    let e = refusal(
        &Document::default(),
        &DocStep::Registered(reg(DocType::Other, Attribute::OnRequest, "2025-03-03")),
    );
    assert!(e.rule.contains("须说明理由"));
    let mut r = reg(DocType::Other, Attribute::Withheld, "2025-03-03");
    r.grounds = vec![Ground::Process, Ground::Internal];
    run(&[DocStep::Registered(r)]);
    let mut r = reg(DocType::Other, Attribute::Proactive, "2025-03-03");
    r.grounds = vec![Ground::Process];
    assert!(
        refusal(&Document::default(), &DocStep::Registered(r))
            .rule
            .contains("只适用于不予公开")
    );
    let mut r = reg(DocType::Other, Attribute::Proactive, "2025-03-03");
    r.questions.normative = true;
    assert!(
        refusal(&Document::default(), &DocStep::Registered(r))
            .rule
            .contains("不一致")
    );
}

#[test]
fn publish_refused_before_approval_and_twice() {
    let steps = [
        DocStep::Registered(reg(DocType::Other, Attribute::Proactive, "2025-03-03")),
        agree("2025-03-04"),
    ];
    let doc = run(&steps);
    let p = publish("2025-03-10", "X/2025-00001");
    let e = refusal(&doc, &p);
    assert!(e.rule.contains("未经公文公开审批"), "{e}");
    assert_eq!(
        e.clone().with_id("7").next[0].split_whitespace().nth(3),
        Some("7")
    );
    let doc = run(&published_normative("2025-03-03", "2025-03-10"));
    assert!(
        refusal(&doc, &publish("2025-03-11", "X/2025-00002"))
            .rule
            .contains("只有一个索引号")
    );
    assert!(
        refusal(&doc, &publish("2025-03-11", "X/2025-00002"))
            .source
            .contains("条例第十二条")
    );
}

#[test]
fn interpretation_late_by_working_days_or_missing() {
    let cal = Calendar::official();
    let mut r = reg(DocType::Normative, Attribute::Proactive, "2026-02-24");
    r.questions.interpretation_planned = true;
    let mut steps = vec![
        DocStep::Registered(r),
        agree("2026-02-25"),
        approve("2026-02-26"),
        publish("2026-03-02", "X/2026-00001"),
    ];
    let doc = run(&steps);
    assert_eq!(
        clock::interpretation_status(&doc, &cal).unwrap(),
        InterpretationStatus::Missing {
            due: d("2026-03-02")
        }
    );
    let early = DocStep::InterpretationPublished(Interpretation {
        form: InterpretationForm::Graphic,
        by: "资源开发科".into(),
        on: d("2026-03-01"),
        address: None,
    });
    assert!(refusal(&doc, &early).rule.contains("早于文件发布日期"));
    steps.push(DocStep::InterpretationPublished(Interpretation {
        form: InterpretationForm::Graphic,
        by: "资源开发科".into(),
        on: d("2026-03-04"),
        address: None,
    }));
    let doc = run(&steps);
    assert_eq!(
        clock::interpretation_status(&doc, &cal).unwrap(),
        InterpretationStatus::Late {
            working_days: 2,
            provisional: false
        }
    );
    // not allowed before publication
    let unpublished = run(&steps[..3]);
    assert!(refusal(&unpublished, &steps[4]).rule.contains("已发布"));
}

#[test]
fn table2_identity_holds_over_two_years() {
    let mut a = published_normative("2025-06-03", "2025-06-20");
    a.push(DocStep::Changed(Change {
        kind: ChangeKind::Lapsed,
        on: d("2026-04-30"),
        successor: None,
    }));
    let b = published_normative("2026-01-05", "2026-01-20");
    let mut c = published_normative("2025-11-03", "2025-11-20");
    c.push(DocStep::Changed(Change {
        kind: ChangeKind::Amended,
        on: d("2026-02-02"),
        successor: None,
    }));
    let mut rules = vec![
        DocStep::Registered(reg(DocType::Rules, Attribute::Proactive, "2024-05-06")),
        agree("2024-05-07"),
    ];
    rules.push(DocStep::Changed(Change {
        kind: ChangeKind::Repealed,
        on: d("2025-12-31"),
        successor: None,
    }));
    let docs = vec![run(&a), run(&b), run(&c), run(&rules)];
    let fig = YearFigures {
        licensing: 12,
        penalty: 3,
        coercion: 0,
        fees_wan: 0.0,
    };
    let t25 = table2(&docs, 2025, &fig);
    assert_eq!(
        t25.normative,
        table2::IssuedRow {
            issued: 2,
            repealed: 0,
            in_force: 2
        }
    );
    assert_eq!(
        t25.rules,
        table2::IssuedRow {
            issued: 0,
            repealed: 1,
            in_force: 0
        }
    );
    let t26 = table2(&docs, 2026, &fig);
    assert_eq!(
        t26.normative,
        table2::IssuedRow {
            issued: 1,
            repealed: 1,
            in_force: 2
        }
    );
    assert_eq!(
        t26.normative.in_force,
        t25.normative.in_force + t26.normative.issued - t26.normative.repealed
    );
    assert!(table2_identity(&docs, 2025).is_empty());
    assert!(table2_identity(&docs, 2026).is_empty());
    let json = serde_json::to_value(t26).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": 1, "repealed": 1, "in_force": 2},
            "licensing": {"decisions": 12}, "penalty": {"decisions": 3}, "coercion": {"decisions": 0},
            "fees": {"amount_wan": 0.0}
        })
    );
}

#[test]
fn table2_entered_figures_checked() {
    let ok = YearFigures {
        licensing: 12,
        penalty: 3,
        coercion: 1,
        fees_wan: 1.2345,
    };
    assert_eq!(ok.check(), Ok(()));
    assert!(
        YearFigures {
            fees_wan: -1.0,
            ..ok
        }
        .check()
        .is_err()
    );
    assert!(
        YearFigures {
            fees_wan: f64::NAN,
            ..ok
        }
        .check()
        .is_err()
    );
    assert!(
        YearFigures {
            fees_wan: 0.12345,
            ..ok
        }
        .check()
        .unwrap_err()
        .contains("四位小数")
    );
    assert!(
        YearFigures {
            penalty: 1_000_000_000,
            ..ok
        }
        .check()
        .is_err()
    );
}

#[test]
fn table2_identity_names_a_document_repealed_before_it_was_formed() {
    // replay never refuses: an imported row with a 废止 before its 成文日期 breaks the identity
    let steps = [
        DocStep::Registered(reg(DocType::Normative, Attribute::Proactive, "2026-03-02")),
        DocStep::Changed(Change {
            kind: ChangeKind::Repealed,
            on: d("2025-12-01"),
            successor: None,
        }),
    ];
    let bad = replay(&steps);
    let breaks = table2_identity(&[bad], 2025);
    assert_eq!(breaks.len(), 1);
    assert_eq!(breaks[0].index, 0);
    assert_eq!(breaks[0].delta, 1);
    assert_eq!(breaks[0].doc_no.as_deref(), Some("根文旅发〔2026〕12号"));
}

#[test]
fn labels_parse_chinese_and_english() {
    assert_eq!("行政规范性文件".parse::<DocType>(), Ok(DocType::Normative));
    assert_eq!("normative".parse::<DocType>(), Ok(DocType::Normative));
    assert_eq!(
        "危及“三安全一稳定”".parse::<Ground>(),
        Ok(Ground::ThreeSecurities)
    );
    assert_eq!("on-request".parse::<Attribute>(), Ok(Attribute::OnRequest));
    assert_eq!("已失效".parse::<Validity>(), Ok(Validity::Lapsed));
    assert_eq!("废止".parse::<ChangeKind>(), Ok(ChangeKind::Repealed));
    assert_eq!("政务新媒体".parse::<Channel>(), Ok(Channel::NewMedia));
    assert_eq!(
        "公开栏".parse::<Channel>(),
        Ok(Channel::Other("公开栏".into()))
    );
    assert_eq!(
        "问答".parse::<InterpretationForm>(),
        Ok(InterpretationForm::QA)
    );
    assert!("".parse::<Channel>().is_err());
    assert!(
        "公开"
            .parse::<Attribute>()
            .unwrap_err()
            .to_string()
            .contains("主动公开|依申请公开|不予公开")
    );
    assert_eq!(types::parse_yes_no("政策解读", "是"), Ok(true));
    let json = serde_json::to_string(&DocStep::Marked {
        on: d("2026-06-01"),
    })
    .unwrap();
    assert_eq!(json, r#"{"step":"marked","on":"2026-06-01"}"#);
    let json = serde_json::to_value(DocStep::InterpretationPublished(Interpretation {
        form: InterpretationForm::Text,
        by: "x".into(),
        on: d("2026-06-01"),
        address: None,
    }))
    .unwrap();
    assert_eq!(json["step"], "interpretation-published");
    assert_eq!(json["form"], "text");
}
