//! The state machine as a pure function, without a database: the fixtures every test of a
//! step module starts from (one request in each state), every (state, step) pair, and random
//! valid sequences of steps. The tests of each article sit in the module of its step, named
//! `art30_…`, `art31_…` and so on.

use chrono::NaiveDate;

use super::fee::FeeMethod;
use super::*;
use crate::calendar::Calendar;

mod replay;
mod states;

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CAL.get_or_init(Calendar::official)
}

pub(crate) fn registration(channel: Channel, unreachable: bool) -> Registration {
    Registration {
        case_no: "2026-0001".into(),
        kind: Default::default(),
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

pub(crate) fn ev(on: &str, step: Step) -> Event {
    Event {
        on: d(on),
        by: "王芳".into(),
        step,
    }
}

pub(crate) fn fold(events: &[Event]) -> Case {
    replay(events).unwrap()
}

/// The ten fixtures: one request in each state (and the sub-stages of 办理中).
pub(crate) fn fixtures() -> Vec<(&'static str, Vec<Event>)> {
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
            public_interest: None,
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
            served_on: None,
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
                        served_on: None,
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
                        served_on: None,
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
                        served_on: None,
                        method: FeeMethod::ByPage,
                        count: 120,
                        amount_yuan: 1100,
                        places: None,
                        register_count: None,
                        reason: None,
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
pub(crate) fn step_of(kind: StepKind) -> Step {
    match kind {
        StepKind::Register => Step::Register(Box::new(registration(Channel::InPerson, false))),
        StepKind::ConfirmReceipt => Step::ConfirmReceipt,
        StepKind::CorrectionNotice => Step::CorrectionNotice {
            served_on: None,
            items: "请写明项目".into(),
            period_wd: 15,
        },
        StepKind::CorrectionReceived => Step::CorrectionReceived {
            note: None,
            late_reason: None,
        },
        StepKind::CorrectionLapsed => Step::CorrectionLapsed {
            served_unknown_reason: Some("邮件无妥投记录".into()),
        },
        StepKind::ConsultationSent => Step::ConsultationSent {
            served_on: None,
            parties: vec![Party {
                name: "乙公司".into(),
                kind: PartyKind::ThirdParty,
            }],
        },
        StepKind::ConsultationAnswered => Step::ConsultationAnswered {
            served_unknown_reason: None,
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
            public_interest: None,
        },
        StepKind::Assign => Step::Assign {
            department: "文物科".into(),
            handler: "李明".into(),
            due: None,
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
            served_on: None,
            method: FeeMethod::ByPage,
            count: 120,
            amount_yuan: 1100,
            places: None,
            register_count: None,
            reason: None,
        },
        StepKind::FeePaid => Step::FeePaid,
        StepKind::FeeLapsed => Step::FeeLapsed {
            served_unknown_reason: Some("邮件无妥投记录".into()),
        },
        StepKind::Reply => Step::Reply(Box::new(Reply {
            served_on: None,
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
        StepKind::RecordCorrectionReply => {
            Step::RecordCorrectionReply(Box::new(crate::case::RecordCorrectionReply {
                end: crate::case::CorrectionEnd::Corrected,
                agency: None,
                agency_contact: None,
                reasons: None,
                delivery: "邮寄".into(),
                served_on: None,
                tracking_no: None,
            }))
        }
        StepKind::ReasonsAsked => Step::ReasonsAsked,
        StepKind::ReasonsAnswered => Step::ReasonsAnswered { accepted: true },
        StepKind::ReasonableDeadline => Step::ReasonableDeadline {
            due: d("2026-05-29"),
            notified_on: d("2026-03-06"),
        },
        StepKind::Served => Step::Served {
            letter: ServedLetter::Fee,
            party: None,
        },
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
        StepKind::LetterIssued => Step::LetterIssued(Box::new(crate::case::LetterIssue {
            letter: "receipt".into(),
            party: None,
            number: Some("根文旅公开〔2026〕1号".into()),
            year: 2026,
            seq: Some(1),
            format: "docx".into(),
            sha256: "0".repeat(64),
            reissue_reason: None,
        })),
    }
}
