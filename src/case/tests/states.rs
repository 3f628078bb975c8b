//! Every step tried in every state (the dispatcher [`crate::case::check`] and the step modules
//! behind it), and the order of the steps.

use super::*;

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
                Ok(AwaitingFee),
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
        for k in [ReasonsAsked, ReasonsAnswered, ReasonableDeadline] {
            let ip = if k == ReasonsAsked {
                Ok(InProgress)
            } else {
                Err("尚未要求申请人说明理由（条例第三十五条）")
            };
            table.push((
                k,
                [
                    s(k, AC),
                    ip,
                    ip,
                    ip,
                    ip,
                    ip,
                    s(k, COR),
                    s(k, FEE),
                    s(k, DONE),
                    s(k, ARCH),
                ],
            ));
        }
        let k = Served;
        let no = Err("本申请没有收费通知，不能记录其送达日期");
        table.push((
            k,
            [no, no, no, no, no, no, no, Ok(AwaitingFee), no, s(k, ARCH)],
        ));
        let k = Assign;
        table.push((
            k,
            [
                s(k, AC),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(InProgress),
                Ok(AwaitingCorrection),
                Ok(AwaitingFee),
                s(k, DONE),
                s(k, ARCH),
            ],
        ));
        let k = AppealDecided;
        let none = Err("本申请没有第 1 项复议/诉讼（共 0 项）");
        table.push((k, [none; 10]));
        // A letter issued (SPEC §9) is no step of the procedure: allowed in every state, it
        // changes none.
        let k = LetterIssued;
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
        // 条例 Art 41: the answer of a correction-of-record request is no step of a disclosure
        // request.
        let k = RecordCorrectionReply;
        let no = Err("是政府信息公开申请，不是更正申请（条例第四十一条）");
        table.push((k, [no, no, no, no, no, no, no, no, no, s(k, ARCH)]));
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

/// Every hint lists only steps that would be accepted now: for each refusal of each step in
/// each state (the fixtures, on 2026-03-06 and on later days when windows have closed), each
/// step it offers as a legal next step is tried with a representative payload and must not be
/// refused for the state of the request (issue 12 item 9).
#[test]
fn every_hinted_step_is_accepted_in_the_state_it_was_hinted_in() {
    let fx = fixtures();
    let mut tried = 0;
    for on in ["2026-03-06", "2026-03-25", "2026-04-01"] {
        for (label, events) in &fx {
            let case = fold(events);
            for kind in StepKind::ALL {
                if matches!(kind, StepKind::Amend | StepKind::Register) {
                    continue;
                }
                let e = ev(on, step_of(kind));
                let Err(r) = check(Some(&case), &e, cal(), d(on)) else {
                    continue;
                };
                for next in &r.next {
                    if matches!(next, StepKind::Amend | StepKind::Register) {
                        continue;
                    }
                    tried += 1;
                    let hinted = ev(on, step_of(*next));
                    if let Err(why) = check(Some(&case), &hinted, cal(), d(on)) {
                        assert!(
                            !why.message.starts_with("不能记录"),
                            "{kind:?} refused in {label} on {on} hints {next:?}, refused for the state: {}",
                            why.message
                        );
                    }
                }
            }
        }
    }
    assert!(tried > 50, "{tried}");
}

/// What a hint asks [`accepts`] about is a step `check` accepts in that state: for each fixture
/// on days before and after the windows close, each kind `accepts` says yes to is tried with a
/// representative payload and is not refused for the state of the request (issue 13: a letter
/// awaiting confirmation was told to send a correction notice, which was then refused).
#[test]
fn every_step_accepts_allows_is_not_refused_for_the_state() {
    let mut tried = 0;
    for on in ["2026-03-06", "2026-03-25", "2026-04-01"] {
        for (label, events) in &fixtures() {
            let case = fold(events);
            for kind in StepKind::ALL {
                if matches!(kind, StepKind::Amend | StepKind::Register)
                    || !accepts(&case, cal(), d(on), kind)
                {
                    continue;
                }
                tried += 1;
                if let Err(why) = check(Some(&case), &ev(on, step_of(kind)), cal(), d(on)) {
                    assert!(
                        !why.message.starts_with("不能记录"),
                        "{kind:?} accepted in {label} on {on}, refused for the state: {}",
                        why.message
                    );
                }
            }
        }
    }
    assert!(tried > 50, "{tried}");
    // The unconfirmed letter: confirmation, not a correction notice.
    let letter = fold(&fixtures()[0].1);
    assert_eq!(letter.state, State::AwaitingConfirmation);
    assert!(accepts(
        &letter,
        cal(),
        d("2026-03-06"),
        StepKind::ConfirmReceipt
    ));
    assert!(!accepts(
        &letter,
        cal(),
        d("2026-03-06"),
        StepKind::CorrectionNotice
    ));
}
