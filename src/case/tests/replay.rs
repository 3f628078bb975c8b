//! Random valid sequences of steps replay to the projection.

use proptest::prelude::*;

use super::super::fee::FeeMethod;
use super::*;

/// One random attempt: which kind of step, how many days later, and a choice for its payload.
fn attempt() -> impl Strategy<Value = (usize, u8, u8)> {
    (0..StepKind::ALL.len(), 0u8..6, any::<u8>())
}

fn random_step(kind: StepKind, pick: u8, case: &Case) -> Step {
    let outcome = Outcome::all()[pick as usize % Outcome::all().len()];
    match kind {
        StepKind::ConsultationAnswered => Step::ConsultationAnswered {
            served_unknown_reason: None,
            party: case
                .unanswered()
                .nth(pick as usize % case.unanswered().count().max(1))
                .map_or("无名".into(), |c| c.party.name.clone()),
            answer: [Answer::Agree, Answer::Object, Answer::None][pick as usize % 3],
            reasons: Some("涉及商业秘密".into()),
        },
        StepKind::ConsultationSent => Step::ConsultationSent {
            served_on: None,
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
            public_interest: None,
        },
        StepKind::Assign => Step::Assign {
            department: "文物科".into(),
            handler: "李明".into(),
            due: None,
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
                served_on: None,
                method: FeeMethod::ByPage,
                count,
                amount_yuan: fee::fee_yuan(FeeMethod::ByPage, count),
                places: None,
                register_count: None,
                reason: None,
            }
        }
        StepKind::Reply => Step::Reply(Box::new(Reply {
            served_on: None,
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
