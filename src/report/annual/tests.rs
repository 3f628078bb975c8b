use super::*;
use crate::case::{Applicant, Channel, Event, Registration, Step, replay};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reg(no: &str, t: ApplicantType, channel: Channel, unreachable: bool) -> Step {
    Step::Register(Box::new(Registration {
        case_no: no.to_string(),
        kind: Default::default(),
        channel,
        unreachable,
        applicant_type: t,
        applicant: Applicant {
            name: format!("申请人{no}"),
            ..Default::default()
        },
        agent: None,
        content: "某文件".to_string(),
        form: None,
        delivery: None,
        tracking_no: None,
        note: None,
    }))
}

fn case(steps: &[(&str, Step)]) -> Case {
    let events: Vec<Event> = steps
        .iter()
        .map(|(on, step)| Event {
            on: d(on),
            by: "测试".to_string(),
            step: step.clone(),
        })
        .collect();
    replay(&events).unwrap()
}

fn withdraw() -> Step {
    Step::Withdraw { reason: None }
}

#[test]
fn rows_codes_and_labels() {
    let rows = Row::all();
    assert_eq!(rows.len(), 29);
    let codes: Vec<String> = rows.iter().map(Row::code).collect();
    assert_eq!(
        codes.join(" "),
        "一 二 1 2 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3 4.1 4.2 4.3 4 5.1 5.2 5.3 5.4 5.5 5 6.1 6.2 6.3 6 7 四"
    );
    for r in &rows {
        assert_eq!(Row::parse(&r.code()).unwrap(), *r, "{r}");
        assert_eq!(Row::parse(&r.label()).unwrap(), *r, "{}", r.label());
    }
    assert_eq!(Row::parse("保护第三方合法权益").unwrap().code(), "3.4");
    assert_eq!(Row::parse("不予公开").unwrap(), Row::Subtotal(3));
    assert_eq!(Row::parse("（六）其他处理").unwrap(), Row::Subtotal(6));
    assert_eq!(Row::parse("总计").unwrap(), Row::Concluded);
    assert_eq!(
        Row::parse("结转下年度继续办理").unwrap(),
        Row::CarriedForward
    );
    assert_eq!(Row::parse("予以公开").unwrap().code(), "1");
    assert!(Row::parse("8").is_err());
    // The groups as the table prints them (issue 13): （四） is （四）无法提供, as 4 is; bare 四 is
    // 四、结转下年度继续办理.
    for four in ["（四）", "(四)", "(4)", "（4）", "4", "（四）无法提供"] {
        assert_eq!(Row::parse(four).unwrap(), Row::Subtotal(4), "{four}");
    }
    assert_eq!(Row::parse("四").unwrap(), Row::CarriedForward);
    assert_eq!(Row::parse("（一）").unwrap().code(), "1");
    assert_eq!(Row::parse("（七）").unwrap(), Row::Concluded);
    assert_eq!(Row::parse("行政执法案卷").unwrap().code(), "3.7");
    assert_eq!(Row::Subtotal(4).label(), "（四）无法提供 小计");
    assert_eq!(Column::parse("其他").unwrap().key(), "other-org");
    assert_eq!(Column::parse("总计").unwrap(), Column::Total);
    assert!(Column::parse("个体户").is_err());
}

#[test]
fn unreachable_letter_counts_on_its_registration_date() {
    let c = case(&[(
        "2025-12-30",
        reg("2025-0009", ApplicantType::Natural, Channel::Letter, true),
    )]);
    assert_eq!(c.received_on, None);
    assert_eq!(rows_of(&c, 2025), vec![Row::Received, Row::CarriedForward]);
    assert_eq!(
        rows_of(&c, 2026),
        vec![Row::CarriedOver, Row::CarriedForward]
    );
    assert_eq!(rows_of(&c, 2024), vec![]);
    // Reached in January: its receipt date is then in 2026.
    let c = case(&[
        (
            "2025-12-30",
            reg("2025-0009", ApplicantType::Natural, Channel::Letter, true),
        ),
        ("2026-01-05", Step::ConfirmReceipt),
    ]);
    assert_eq!(rows_of(&c, 2025), vec![]);
    assert_eq!(rows_of(&c, 2026), vec![Row::Received, Row::CarriedForward]);
}

#[test]
fn withdrawn_counts_as_six_three() {
    let c = case(&[
        (
            "2025-11-03",
            reg("2025-0001", ApplicantType::Legal, Channel::InPerson, false),
        ),
        ("2026-01-06", withdraw()),
    ]);
    assert_eq!(
        rows_of(&c, 2026),
        vec![
            Row::CarriedOver,
            Row::Outcome(Outcome::OTHER),
            Row::Subtotal(6),
            Row::Concluded
        ]
    );
    let cases = [c];
    let r = compute(&cases, 2026).unwrap();
    let legal = Column::Applicant(ApplicantType::Legal);
    assert_eq!(r.table3.count(Row::Outcome(Outcome::OTHER), legal), 1);
    assert_eq!(r.table3.count(Row::Subtotal(6), Column::Total), 1);
    assert_eq!(r.table3.count(Row::Concluded, legal), 1);
    assert_eq!(r.table3.count(Row::Received, legal), 0);
}

#[test]
fn a_request_concluded_before_it_was_received_breaks_the_identity_and_is_named() {
    // replay never refuses: a log written out of order (which `check` forbids) folds into a
    // request concluded the year before its receipt.
    let bad = case(&[
        (
            "2026-02-02",
            reg("2026-0002", ApplicantType::Research, Channel::Mail, false),
        ),
        ("2025-12-01", withdraw()),
    ]);
    let good = case(&[(
        "2026-03-02",
        reg("2026-0003", ApplicantType::Research, Channel::Mail, false),
    )]);
    let cases = [good, bad];
    let e = compute(&cases, 2026).unwrap_err();
    assert_eq!(e.imbalances.len(), 2);
    assert_eq!(
        e.imbalances[0].column,
        Column::Applicant(ApplicantType::Research)
    );
    assert_eq!((e.imbalances[0].left, e.imbalances[0].right), (2, 1));
    assert_eq!(
        e.to_string(),
        "2026 年度统计表三不平衡（应有 一 + 二 = （七）总计 + 四）：科研机构列 2 ≠ 1；总计列 2 ≠ 1。破坏勾稽关系的申请：2026-0002（计入收到 2026-02-02，办结 2025-12-01）"
    );
    // In 2025 it is concluded but never received: the other side breaks.
    let e = compute(&cases, 2025).unwrap_err();
    assert_eq!((e.imbalances[0].left, e.imbalances[0].right), (0, 1));
}
