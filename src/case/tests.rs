//! The state machine as a pure function, without a database: every (state, step) pair, and
//! random valid sequences of steps.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::fee::FeeMethod;
use super::*;
use crate::calendar::Calendar;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CAL.get_or_init(Calendar::official)
}

fn registration(channel: Channel, unreachable: bool) -> Registration {
    Registration {
        case_no: "2026-0001".into(),
        channel,
        unreachable,
        applicant_type: ApplicantType::Natural,
        applicant: Applicant {
            name: "张三".into(),
            id_type: Some(IdType::IdCard),
            id_number: Some("11010519491231002X".into()),
            phone: Some("13812345678".into()),
            ..Applicant::default()
        },
        agent: None,
        content: "2025年文物保护专项资金使用情况".into(),
        form: None,
        delivery: None,
        tracking_no: None,
        note: None,
    }
}

fn ev(on: &str, step: Step) -> Event {
    Event {
        on: d(on),
        by: "王芳".into(),
        step,
    }
}

fn fold(events: &[Event]) -> Case {
    replay(events).unwrap()
}

/// The ten fixtures: one request in each state (and the sub-stages of 办理中).
fn fixtures() -> Vec<(&'static str, Vec<Event>)> {
    let reg = |ch, unr| {
        ev(
            "2026-03-02",
            Step::Register(Box::new(registration(ch, unr))),
        )
    };
    let ip = vec![reg(Channel::InPerson, false)];
    let with = |base: &Vec<Event>, more: Vec<Event>| {
        let mut v = base.clone();
        v.extend(more);
        v
    };
    let draft = ev(
        "2026-03-03",
        Step::Draft {
            department: "文物科".into(),
            handler: "李明".into(),
            outcome: Outcome { group: 1, item: 0 },
            reasons: None,
            basis: None,
        },
    );
    let office = ev(
        "2026-03-03",
        Step::OfficeReview {
            approved: true,
            comments: None,
        },
    );
    let leader = ev(
        "2026-03-03",
        Step::LeaderApproval {
            approved: true,
            leader: "王局长".into(),
            comments: None,
        },
    );
    let drafted = with(&ip, vec![draft]);
    let office_ok = with(&drafted, vec![office]);
    let approved = with(&office_ok, vec![leader]);
    let reply = ev(
        "2026-03-04",
        Step::Reply(Box::new(Reply {
            outcome: Outcome { group: 1, item: 0 },
            basis: None,
            reasons: None,
            search_done: None,
            competent_agency: None,
            agency_contact: None,
            delivery: "邮寄".into(),
            tracking_no: None,
            public_interest: None,
        })),
    );
    let concluded = with(&approved, vec![reply]);
    vec![
        ("待确认收到", vec![reg(Channel::Letter, true)]),
        ("办理中", ip.clone()),
        (
            "征求意见中",
            with(
                &ip,
                vec![ev(
                    "2026-03-03",
                    Step::ConsultationSent {
                        parties: vec![Party {
                            name: "甲公司".into(),
                            kind: PartyKind::ThirdParty,
                        }],
                    },
                )],
            ),
        ),
        ("待审核", drafted),
        ("待审批", office_ok),
        ("待答复", approved),
        (
            "待补正",
            with(
                &ip,
                vec![ev(
                    "2026-03-03",
                    Step::CorrectionNotice {
                        items: "请写明年度".into(),
                        period_wd: 15,
                    },
                )],
            ),
        ),
        (
            "待缴费",
            with(
                &ip,
                vec![ev(
                    "2026-03-03",
                    Step::FeeNotice {
                        method: FeeMethod::ByPage,
                        count: 120,
                        amount_yuan: 1100,
                    },
                )],
            ),
        ),
        ("已办结", concluded.clone()),
        (
            "已归档",
            with(
                &concluded,
                vec![ev(
                    "2026-03-05",
                    Step::Archive {
                        file_no: "WS-2026-001".into(),
                    },
                )],
            ),
        ),
    ]
}

/// A representative payload for each kind of step.
fn step_of(kind: StepKind) -> Step {
    match kind {
        StepKind::Register => Step::Register(Box::new(registration(Channel::InPerson, false))),
        StepKind::ConfirmReceipt => Step::ConfirmReceipt,
        StepKind::CorrectionNotice => Step::CorrectionNotice {
            items: "请写明项目".into(),
            period_wd: 15,
        },
        StepKind::CorrectionReceived => Step::CorrectionReceived { note: None },
        StepKind::CorrectionLapsed => Step::CorrectionLapsed,
        StepKind::ConsultationSent => Step::ConsultationSent {
            parties: vec![Party {
                name: "乙公司".into(),
                kind: PartyKind::ThirdParty,
            }],
        },
        StepKind::ConsultationAnswered => Step::ConsultationAnswered {
            party: "甲公司".into(),
            answer: Answer::Agree,
            reasons: None,
        },
        StepKind::Draft => Step::Draft {
            department: "文物科".into(),
            handler: "李明".into(),
            outcome: Outcome { group: 1, item: 0 },
            reasons: None,
            basis: None,
        },
        StepKind::OfficeReview => Step::OfficeReview {
            approved: true,
            comments: None,
        },
        StepKind::LeaderApproval => Step::LeaderApproval {
            approved: true,
            leader: "王局长".into(),
            comments: None,
        },
        StepKind::Extension => Step::Extension {
            working_days: 20,
            approver: "赵敏".into(),
            reason: "资料较多".into(),
            notified_on: d("2026-03-06"),
        },
        StepKind::FeeNotice => Step::FeeNotice {
            method: FeeMethod::ByPage,
            count: 120,
            amount_yuan: 1100,
        },
        StepKind::FeePaid => Step::FeePaid,
        StepKind::FeeLapsed => Step::FeeLapsed,
        StepKind::Reply => Step::Reply(Box::new(Reply {
            outcome: Outcome { group: 1, item: 0 },
            basis: None,
            reasons: None,
            search_done: None,
            competent_agency: None,
            agency_contact: None,
            delivery: "邮寄".into(),
            tracking_no: None,
            public_interest: None,
        })),
        StepKind::Withdraw => Step::Withdraw { reason: None },
        StepKind::Archive => Step::Archive {
            file_no: "WS-2026-001".into(),
        },
        StepKind::Amend => unreachable!("amendments are checked against the whole log"),
        StepKind::AppealFiled => Step::AppealFiled {
            appeal: AppealKind::Reconsideration,
            body: "市人民政府".into(),
            reference: None,
        },
        StepKind::AppealDecided => Step::AppealDecided {
            number: 1,
            result: AppealResult::Upheld,
            note: None,
        },
    }
}

/// The state (by fixture) each step is tried in, on 2026-03-06, and the expected result:
/// `Ok(next state)` or `Err(text the refusal starts with)`. Columns follow [`fixtures`]:
/// 待确认收到, 办理中, 征求意见中, 待审核, 待审批, 待答复, 待补正, 待缴费, 已办结, 已归档.
#[test]
fn every_state_and_step() {
    use State::*;
    const AC: &str = "这封平常信函尚未与申请人确认收到";
    const IP: &str = "本申请正在办理中";
    const COR: &str = "本申请正在等待申请人补正";
    const FEE: &str = "本申请正在等待申请人缴纳信息处理费";
    const DONE: &str = "本申请已于 2026-03-04 办结";
    const ARCH: &str = "本申请已于 2026-03-05 归档";
    const RECEIVED: &str = "本申请已于 2026-03-02 收到，无须再确认";
    const NO_CORRECTION: &str = "本申请没有发出过补正通知";
    const NO_FEE: &str = "本申请没有发出过收费通知";
    type Want = Result<State, &'static str>;
    let state = |label: &'static str, why: &'static str| -> Want {
        // The state refusal: "不能<step>：<why>".
        Err(Box::leak(format!("{label}：{why}").into_boxed_str()))
    };
    let mut table: Vec<(StepKind, [Want; 10])> = Vec::new();
    let s = |k: StepKind, why: &'static str| {
        state(
            Box::leak(format!("不能记录“{}”", k.label()).into_boxed_str()),
            why,
        )
    };
    {
        use StepKind::*;
        let k = ConfirmReceipt;
        table.push((
            k,
            [
                Ok(InProgress),
                s(k, RECEIVED),
                s(k, RECEIVED),
                s(k, RECEIVED),
                s(k, RECEIVED),
                s(k, RECEIVED),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = CorrectionNotice;
        table.push((
            k,
            [
                s(k, AC),
                Ok(AwaitingCorrection),
                Ok(AwaitingCorrection),
                Ok(AwaitingCorrection),
                Ok(AwaitingCorrection),
                Ok(AwaitingCorrection),
                Err("已于 2026-03-03 发出过补正通知，不能再次要求补正"),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = CorrectionReceived;
        table.push((
            k,
            [
                s(k, AC),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                Ok(InProgress),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = CorrectionLapsed;
        table.push((
            k,
            [
                s(k, AC),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                s(k, NO_CORRECTION),
                Err("补正期限至 2026-03-24，尚未届满"),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = ConsultationSent;
        table.push((
            k,
            [
                s(k, AC),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = ConsultationAnswered;
        let none = Err("没有等待答复的征求意见对象“甲公司”");
        table.push((
            k,
            [
                none,
                none,
                Ok(InProgress),
                none,
                none,
                none,
                none,
                none,
                none,
                s(k, ARCH),
            ],
        ));
        let k = Draft;
        table.push((
            k,
            [
                s(k, AC),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = OfficeReview;
        let no_draft = Err("还没有拟办意见，不能审核");
        let done = Err("拟办意见已经审核通过");
        table.push((
            k,
            [
                s(k, AC),
                no_draft,
                no_draft,
                Ok(InProgress),
                done,
                done,
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = LeaderApproval;
        let no_draft = Err("还没有拟办意见，不能审批");
        table.push((
            k,
            [
                s(k, AC),
                no_draft,
                no_draft,
                Err("拟办意见尚未经政务公开办公室审核"),
                Ok(InProgress),
                Err("拟办意见已经领导审批"),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = Extension;
        table.push((
            k,
            [
                s(k, AC),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = FeeNotice;
        table.push((
            k,
            [
                s(k, AC),
                Ok(AwaitingFee),
                Ok(AwaitingFee),
                Ok(AwaitingFee),
                Ok(AwaitingFee),
                Ok(AwaitingFee),
                s(k, COR),
                Err("本申请已发出过收费通知"),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = FeePaid;
        table.push((
            k,
            [
                s(k, AC),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, COR),
                Ok(InProgress),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = FeeLapsed;
        table.push((
            k,
            [
                s(k, AC),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, NO_FEE),
                s(k, COR),
                Err("缴费期限至 2026-03-31，尚未届满"),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = Reply;
        let unapproved = Err("答复须经审核、审批：没有经分管领导审批同意的拟办意见，不能答复");
        table.push((
            k,
            [
                s(k, AC),
                unapproved,
                Err("正在征求“甲公司”的意见，期限至 2026-03-24"),
                unapproved,
                unapproved,
                Ok(Concluded),
                s(k, COR),
                s(k, FEE),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = Withdraw;
        table.push((
            k,
            [
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                Ok(Concluded),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = Archive;
        table.push((
            k,
            [
                s(k, AC),
                s(k, IP),
                s(k, IP),
                s(k, IP),
                s(k, IP),
                s(k, IP),
                s(k, COR),
                s(k, FEE),
                Ok(Archived),
                s(k, ARCH),
            ],
        ));
        let k = AppealFiled;
        table.push((
            k,
            [
                Ok(AwaitingConfirmation),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(AwaitingCorrection),
                Ok(AwaitingFee),
                Ok(Concluded),
                Ok(Archived),
            ],
        ));
        let k = AppealDecided;
        let none = Err("本申请没有第 1 项复议/诉讼（共 0 项）");
        table.push((k, [none; 10]));
        let k = Register;
        let twice = Err("2026-0001 已经登记，不能重复登记");
        table.push((k, [twice; 10]));
    }
    let covered: std::collections::BTreeSet<StepKind> = table.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        covered.len() + 1,
        StepKind::ALL.len(),
        "every step but amend (tested apart)"
    );
    let fx = fixtures();
    for (kind, wants) in &table {
        for ((label, events), want) in fx.iter().zip(wants) {
            let case = fold(events);
            let e = ev("2026-03-06", step_of(*kind));
            let got = check(Some(&case), &e, cal(), d("2026-03-06"));
            match (want, got) {
                (Ok(next), Ok(())) => {
                    let after = apply(Some(case.clone()), &e).unwrap();
                    assert_eq!(after.state, *next, "{kind:?} in {label}");
                }
                (Err(prefix), Err(r)) => assert!(
                    r.message.starts_with(prefix) || r.message.contains(prefix),
                    "{kind:?} in {label}: refusal “{}” should say “{prefix}”",
                    r.message
                ),
                (want, got) => panic!("{kind:?} in {label}: wanted {want:?}, got {got:?}"),
            }
        }
    }
}

#[test]
fn appeals_keep_their_own_dates() {
    let fx = fixtures();
    // Archived on 2026-03-05; a reconsideration filed on 03-04 is learned of on 03-10.
    let archived = fold(&fx[9].1);
    let filed = ev(
        "2026-03-04",
        Step::AppealFiled {
            appeal: AppealKind::Reconsideration,
            body: "市人民政府".into(),
            reference: None,
        },
    );
    check(Some(&archived), &filed, cal(), d("2026-03-10")).unwrap();
    let c = apply(Some(archived), &filed).unwrap();
    assert_eq!(c.last_on, d("2026-03-05"));
    let early = ev(
        "2026-03-03",
        Step::AppealDecided {
            number: 1,
            result: AppealResult::Upheld,
            note: None,
        },
    );
    let r = check(Some(&c), &early, cal(), d("2026-03-10")).unwrap_err();
    assert_eq!(
        r.message,
        "结果日期 2026-03-03 早于第 1 项复议/诉讼的提起日期 2026-03-04"
    );
    let before_registration = ev(
        "2026-03-01",
        Step::AppealFiled {
            appeal: AppealKind::LawsuitDirect,
            body: "某区人民法院".into(),
            reference: None,
        },
    );
    let r = check(Some(&c), &before_registration, cal(), d("2026-03-10")).unwrap_err();
    assert_eq!(
        r.message,
        "复议/诉讼的提起日期 2026-03-01 早于申请的登记日期 2026-03-02"
    );
}

#[test]
fn lapses_are_allowed_once_the_periods_have_passed() {
    let fx = fixtures();
    let corr = fold(&fx[6].1);
    let e = ev("2026-03-25", Step::CorrectionLapsed);
    check(Some(&corr), &e, cal(), d("2026-03-25")).unwrap();
    let c = apply(Some(corr), &e).unwrap();
    assert_eq!(c.conclusion.unwrap().outcome, Outcome::CORRECTION_LAPSED);
    let fee = fold(&fx[7].1);
    let e = ev("2026-04-01", Step::FeeLapsed);
    check(Some(&fee), &e, cal(), d("2026-04-01")).unwrap();
    assert_eq!(
        apply(Some(fee), &e).unwrap().conclusion.unwrap().outcome,
        Outcome::FEE_LAPSED
    );
}

#[test]
fn refusals_carry_the_legal_next_steps() {
    let fx = fixtures();
    let corr = fold(&fx[6].1);
    let r = check(
        Some(&corr),
        &ev("2026-03-06", step_of(StepKind::Draft)),
        cal(),
        d("2026-03-06"),
    )
    .unwrap_err();
    assert_eq!(
        r.next,
        vec![
            StepKind::CorrectionReceived,
            StepKind::Withdraw,
            StepKind::Amend
        ]
    );
    let r = check(
        Some(&corr),
        &ev("2026-03-25", Step::CorrectionReceived { note: None }),
        cal(),
        d("2026-03-25"),
    )
    .unwrap_err();
    assert_eq!(r.next, vec![StepKind::CorrectionLapsed, StepKind::Register]);
}

#[test]
fn steps_out_of_order_or_in_the_future_are_refused() {
    let fx = fixtures();
    let c = fold(&fx[3].1);
    let r = check(
        Some(&c),
        &ev("2026-03-02", step_of(StepKind::OfficeReview)),
        cal(),
        d("2026-03-06"),
    )
    .unwrap_err();
    assert!(
        r.message
            .starts_with("业务日期 2026-03-02 早于本申请最近一项记录的日期 2026-03-03"),
        "{}",
        r.message
    );
    let r = check(
        Some(&c),
        &ev("2026-03-07", step_of(StepKind::OfficeReview)),
        cal(),
        d("2026-03-06"),
    )
    .unwrap_err();
    assert!(
        r.message
            .starts_with("业务日期 2026-03-07 晚于今天（2026-03-06）"),
        "{}",
        r.message
    );
}

#[test]
fn an_amendment_recomputes_from_the_amended_facts() {
    let fx = fixtures();
    let events = fx[1].1.clone();
    // The request was in fact handed in on 2026-03-03, not 03-02.
    let mut set = std::collections::BTreeMap::new();
    set.insert("applicant.name".to_string(), serde_json::json!("张叁"));
    let a = ev(
        "2026-03-06",
        Step::Amend(Box::new(Amendment {
            target: 1,
            on: Some(d("2026-03-03")),
            set,
            reason: "登记时抄错".into(),
            force: false,
        })),
    );
    let c = check_amendment(&events, &a, cal(), d("2026-03-06")).unwrap();
    assert_eq!(c.received_on, Some(d("2026-03-03")));
    assert_eq!(c.registration.applicant.name, "张叁");
    // 20 WD after Tue 2026-03-03 is 2026-03-31 (it was 03-30 from 03-02).
    assert_eq!(
        deadlines(&c, cal(), d("2026-03-06"))
            .unwrap()
            .reply_due
            .unwrap()
            .value,
        d("2026-03-31")
    );
    let mut bad = std::collections::BTreeMap::new();
    bad.insert("applicant.nmae".to_string(), serde_json::json!("x"));
    let b = ev(
        "2026-03-06",
        Step::Amend(Box::new(Amendment {
            target: 1,
            on: None,
            set: bad,
            reason: "x".into(),
            force: false,
        })),
    );
    let r = check_amendment(&events, &b, cal(), d("2026-03-06")).unwrap_err();
    assert!(
        r.message.contains("没有字段“applicant.nmae”"),
        "{}",
        r.message
    );
    // Archived requests are read-only.
    let r = check_amendment(&fx[9].1, &a, cal(), d("2026-03-06")).unwrap_err();
    assert!(
        r.message.starts_with("本申请已归档，归档后只读"),
        "{}",
        r.message
    );
}

/// One random attempt: which kind of step, how many days later, and a choice for its payload.
fn attempt() -> impl Strategy<Value = (usize, u8, u8)> {
    (0..StepKind::ALL.len(), 0u8..6, any::<u8>())
}

fn random_step(kind: StepKind, pick: u8, case: &Case) -> Step {
    let outcome = Outcome::all()[pick as usize % Outcome::all().len()];
    match kind {
        StepKind::ConsultationAnswered => Step::ConsultationAnswered {
            party: case
                .unanswered()
                .nth(pick as usize % case.unanswered().count().max(1))
                .map_or("无名".into(), |c| c.party.name.clone()),
            answer: [Answer::Agree, Answer::Object, Answer::None][pick as usize % 3],
            reasons: Some("涉及商业秘密".into()),
        },
        StepKind::ConsultationSent => Step::ConsultationSent {
            parties: (0..=pick % 2)
                .map(|i| Party {
                    name: format!("第三方{}", (pick / 2 + i) % 4),
                    kind: PartyKind::ThirdParty,
                })
                .collect(),
        },
        StepKind::Draft => Step::Draft {
            department: "文物科".into(),
            handler: "李明".into(),
            outcome,
            reasons: Some("理由".into()),
            basis: Some("依据".into()),
        },
        StepKind::OfficeReview => Step::OfficeReview {
            approved: !pick.is_multiple_of(4),
            comments: Some("请修改".into()),
        },
        StepKind::LeaderApproval => Step::LeaderApproval {
            approved: !pick.is_multiple_of(4),
            leader: "王局长".into(),
            comments: Some("请修改".into()),
        },
        StepKind::Extension => Step::Extension {
            working_days: 1 + u32::from(pick % 20),
            approver: "赵敏".into(),
            reason: "资料较多".into(),
            notified_on: case.last_on,
        },
        StepKind::FeeNotice => {
            let count = 25 + u32::from(pick);
            Step::FeeNotice {
                method: FeeMethod::ByPage,
                count,
                amount_yuan: fee::fee_yuan(FeeMethod::ByPage, count),
            }
        }
        StepKind::Reply => Step::Reply(Box::new(Reply {
            outcome: case.draft.as_ref().map_or(outcome, |d| d.outcome),
            basis: Some("依据".into()),
            reasons: Some("理由".into()),
            search_done: Some("检索了档案".into()),
            competent_agency: None,
            agency_contact: None,
            delivery: "邮寄".into(),
            tracking_no: None,
            public_interest: None,
        })),
        StepKind::AppealDecided => Step::AppealDecided {
            number: 1 + u32::from(pick % 2),
            result: [
                AppealResult::Upheld,
                AppealResult::Corrected,
                AppealResult::Other,
            ][pick as usize % 3],
            note: None,
        },
        StepKind::Amend => {
            let mut set = std::collections::BTreeMap::new();
            set.insert(
                "content".to_string(),
                serde_json::json!(format!("更正后的内容{pick}")),
            );
            Step::Amend(Box::new(Amendment {
                target: 1,
                on: None,
                set,
                reason: "抄错".into(),
                force: false,
            }))
        }
        k => step_of(k),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random sequences of steps, each recorded only if the rules allow it: nothing panics, every
    /// deadline can be computed, and replaying the recorded events gives the projection built
    /// step by step.
    #[test]
    fn random_valid_sequences_replay_to_the_projection(
        letter in any::<bool>(),
        start in 0i64..700,
        attempts in prop::collection::vec(attempt(), 1..40),
    ) {
        let mut on = d("2025-06-01") + chrono::Duration::days(start);
        let first = ev(&on.to_string(), Step::Register(Box::new(registration(
            if letter { Channel::Letter } else { Channel::InPerson }, letter))));
        check(None, &first, cal(), on).unwrap();
        let mut events = vec![first.clone()];
        let mut case = apply(None, &first).unwrap();
        for (k, days, pick) in attempts {
            on += chrono::Duration::days(i64::from(days));
            let kind = StepKind::ALL[k];
            if kind == StepKind::Register {
                continue;
            }
            let e = Event { on, by: "王芳".into(), step: random_step(kind, pick, &case) };
            if kind == StepKind::Amend {
                if let Ok(c) = check_amendment(&events, &e, cal(), on) {
                    events.push(e);
                    case = c;
                }
            } else if check(Some(&case), &e, cal(), on).is_ok() {
                case = apply(Some(case), &e).unwrap();
                events.push(e);
            }
            deadlines(&case, cal(), on).unwrap();
            let _ = next_steps(&case, cal(), on);
        }
        prop_assert_eq!(replay(&events).unwrap(), case);
    }
}
