//! The request (政府信息公开申请) as a pure state machine over its events.
//!
//! ```text
//!  register ──► [awaiting-confirmation] ──confirm──┐   (ordinary letter, applicant not reached)
//!     │                                            ▼
//!     └──────────────────────────────────────► [in-progress] ◄──── correction-received
//!                                   │  │  │        │   ▲               ▲
//!               correction-notice ──┘  │  │        │   └─ fee-paid      │
//!               (≤ 7 WD after R)       │  │        ▼                    │
//!                    [awaiting-correction]┘  fee-notice ─► [awaiting-fee]
//!                       │ lapsed → (六)1         consult / draft / review / approve / extend
//!                       ▼                                  │ reply (needs approval)
//!                  [concluded] ◄───────────────────────────┘   withdraw → (六)3, fee lapsed → (六)2
//!                       │ archive
//!                       ▼
//!                  [archived]  (read-only, but appeals)
//! ```
//!
//! [`replay`] folds a request's events into a [`Case`]; it never refuses, because what was
//! recorded happened. [`check`] is the gate at recording time: it refuses a step the law or the
//! procedure forbids in the current state, with the article and the legal next steps.
//!
//! One module per step, each owning its precondition (its part of [`check`]), its state change
//! (its part of [`apply`]) and its refusal wording; its tests are named by article
//! (`art30_…`):
//!
//! | article | rule | module |
//! |---|---|---|
//! | 条例 Art 29, 31 | what an application holds; receipt date R; the unreached letter | [`registration`] |
//! | 条例 Art 30 | one correction notice within 7 WD; the applicant's period; restart | [`correction`] |
//! | 条例 Art 32, 34, 33 ¶3 | consultation of a third party / an agency; its pause | [`consultation`] |
//! | (本机关制度) | hand-off to a department (转办), its internal deadline | [`assignment`] |
//! | (本机关制度) | draft, office review, leader approval | [`review`] |
//! | 条例 Art 33 ¶2 | extension | [`extension`] |
//! | 条例 Art 35 | reasons asked, assessed; a reasonable later deadline | [`reasons`] |
//! | 条例 Art 32; 109号; SPEC §3, §8 | served dates of letters and of the reply | [`service`] |
//! | 109号 | fee notice, payment, （六）2 | [`fee`] |
//! | 条例 Art 33, 36, 37 | the reply, its outcome and reasons | [`reply`] |
//! | 条例 Art 45 | withdrawal, archive | [`closing`] |
//! | （五）2 | repeat requests: the earlier answered request of the same applicant | [`repeat`] |
//! | — | appeals (复议, 诉讼) | [`appeal`] |
//! | — | amendments of the record | [`amendment`] |
//! | 条例 Art 41 | correction of records about oneself (更正申请): its kind, its four ends | [`record_correction`] |
//!
//! The periods (7, 15, 20 working days …) are one table, [`period`]; the clocks derived from
//! them are [`clock`], said in Chinese by [`render`]. 条例 Art 41 (a request to correct a
//! government record about the applicant) is a request of its own ([`RequestKind`]), with its
//! steps gated by [`record_correction`].

pub mod amendment;
pub mod appeal;
pub mod assignment;
pub mod clock;
pub mod closing;
pub mod consultation;
pub mod correction;
pub mod event;
pub mod extension;
pub mod fee;
pub mod identity;
pub mod letter;
pub mod outcome;
pub mod period;
pub mod reasons;
pub mod record_correction;
pub mod registration;
pub mod render;
pub mod repeat;
pub mod reply;
pub mod review;
mod rules;
pub mod service;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use amendment::{amend_event, check_amendment, effective_events, plain_message};
pub use appeal::Appeal;
pub use assignment::Assignment;
pub use clock::{Basis, ClockStatus, Deadlines, Pause, PauseKind, deadlines};
pub use closing::{ArchiveRecord, Conclusion};
pub use consultation::{Consultation, ConsultationAnswer};
pub use correction::Correction;
pub use event::*;
pub use extension::Extension;
pub use fee::Fee;
pub use letter::{IssuedLetter, LetterIssue};
pub use outcome::Outcome;
pub use record_correction::{
    CorrectionEnd, RecordCorrectionAnswer, RecordCorrectionReply, RequestKind,
};
pub use registration::{
    REGULATION_IN_FORCE, RegField, check_registration, default_id_type, is_invisible,
    letter_cannot_be_confirmed, likely_duplicate, phone_problem, registration_problems,
};
pub use review::{Decision, Draft};
pub use rules::{Commands, Refusal, accepts, check, next_steps};

/// Where a request stands in the procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// 待确认收到: ordinary letter, applicant not yet reached; no clock (条例 Art 31).
    AwaitingConfirmation,
    /// 办理中: the reply clock runs (or is paused by a consultation).
    InProgress,
    /// 待补正: a correction notice was sent; no clock runs (条例 Art 30).
    AwaitingCorrection,
    /// 待缴费: a fee notice was sent; the clock is paused (109号).
    AwaitingFee,
    /// 已办结: replied, or closed as （六）.
    Concluded,
    /// 已归档: archived, read-only (条例 Art 45).
    Archived,
}

impl State {
    /// Every state.
    pub const ALL: [State; 6] = [
        State::AwaitingConfirmation,
        State::InProgress,
        State::AwaitingCorrection,
        State::AwaitingFee,
        State::Concluded,
        State::Archived,
    ];

    /// The wire and command-line name (`in-progress`, …).
    pub fn name(&self) -> &'static str {
        match self {
            State::AwaitingConfirmation => "awaiting-confirmation",
            State::InProgress => "in-progress",
            State::AwaitingCorrection => "awaiting-correction",
            State::AwaitingFee => "awaiting-fee",
            State::Concluded => "concluded",
            State::Archived => "archived",
        }
    }

    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            State::AwaitingConfirmation => "待确认收到",
            State::InProgress => "办理中",
            State::AwaitingCorrection => "待补正",
            State::AwaitingFee => "待缴费",
            State::Concluded => "已办结",
            State::Archived => "已归档",
        }
    }

    /// Whether the request is still open (not concluded, not archived).
    pub fn is_open(&self) -> bool {
        !matches!(self, State::Concluded | State::Archived)
    }

    /// Parses a wire name or Chinese name.
    pub fn parse(s: &str) -> Option<State> {
        State::ALL
            .into_iter()
            .find(|x| x.name() == s || x.label() == s)
    }
}

/// A request as its events make it: the projection stored beside the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The case number (e.g. `2026-0001`).
    pub case_no: String,
    /// Where it stands.
    pub state: State,
    /// What was registered (after amendments).
    pub registration: Registration,
    /// The registration's business date (the day it arrived).
    pub registered_on: NaiveDate,
    /// R, the receipt date (条例 Art 31); none while an ordinary letter's applicant is unreached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// Day 0 of the reply period: R, or the day the corrected application arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_start: Option<NaiveDate>,
    /// What the application lacks under 条例 Art 29 (identity proof, contact details): it
    /// needs a correction notice for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_correction: Vec<String>,
    /// The correction notice, if one was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// Consultations, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consultations: Vec<Consultation>,
    /// The current hand-off to a department (转办), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<Assignment>,
    /// The current draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// The extension, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
    /// The fee, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// The asking for reasons (条例 Art 35), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<reasons::ReasonsRequest>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Conclusion>,
    /// For a correction-of-record request (更正申请, 条例 Art 41): its answer, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_correction: Option<RecordCorrectionAnswer>,
    /// The archive record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveRecord>,
    /// Appeals, in filing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appeals: Vec<Appeal>,
    /// The letters issued (出具的文书), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters: Vec<IssuedLetter>,
    /// The latest business date among its events.
    pub last_on: NaiveDate,
    /// How many events it has.
    pub event_count: u32,
}

impl Case {
    /// Whether this is a correction-of-record request (更正申请, 条例 Art 41), not a disclosure
    /// request: not counted in table 三.
    pub fn is_record_correction(&self) -> bool {
        self.registration.kind == RequestKind::RecordCorrection
    }

    /// The extension (延期) that counts: one approved on or after the day the reply period
    /// started. An extension approved before a corrected application arrived is void, since the
    /// reply period then restarts from zero (条例 Art 30), and another may be approved.
    pub fn extension_in_force(&self) -> Option<&Extension> {
        self.extension
            .as_ref()
            .filter(|e| extension::counts_from(e, self.clock_start))
    }

    /// Who handles it: the latest of the hand-off (转办) and the current draft (拟办), the
    /// draft winning a tie (the department that proposed the reply).
    fn holder(&self) -> Option<(&str, &str)> {
        let a = self.assignment.as_ref();
        let d = self.draft.as_ref();
        match (a, d) {
            (Some(a), Some(d)) if a.on > d.on => Some((&a.department, &a.handler)),
            (_, Some(d)) => Some((&d.department, &d.handler)),
            (Some(a), None) => Some((&a.department, &a.handler)),
            (None, None) => None,
        }
    }

    /// The department handling it (from the latest hand-off or draft), if known.
    pub fn department(&self) -> Option<&str> {
        self.holder().map(|h| h.0)
    }

    /// The handler (from the latest hand-off or draft), if known.
    pub fn handler(&self) -> Option<&str> {
        self.holder().map(|h| h.1)
    }

    /// The internal deadline (内部办理期限) of the current hand-off, while no draft has been
    /// proposed since (the department has then done its part).
    pub fn internal_due(&self) -> Option<NaiveDate> {
        let a = self.assignment.as_ref()?;
        if self.draft.as_ref().is_some_and(|d| d.on >= a.on) {
            return None;
        }
        a.due
    }

    /// The consultations still without an answer.
    pub fn unanswered(&self) -> impl Iterator<Item = &Consultation> {
        self.consultations.iter().filter(|c| c.answer.is_none())
    }

    /// Every stage label [`Case::stage_label`] can give, in procedure order.
    pub const STAGES: [&'static str; 12] = [
        "待确认收到",
        "待补正",
        "征求意见中",
        "待拟办",
        "待审核",
        "待审批",
        "退回修改",
        "待答复",
        "待缴费",
        "已答复",
        "已办结",
        "已归档",
    ];

    /// The stage in Chinese, finer than the state: 待拟办, 待审核, 待审批, 待答复, 退回修改,
    /// 征求意见中 … as of `as_of` (a consultation whose window has closed no longer counts).
    pub fn stage_label(&self, consultation_open: bool) -> &'static str {
        match self.state {
            // 条例 Art 41: a correction-of-record request has no draft; it awaits its answer.
            State::InProgress if self.is_record_correction() => "待答复",
            State::Concluded if self.record_correction.is_some() => "已答复",
            State::InProgress if consultation_open => "征求意见中",
            State::InProgress => match &self.draft {
                None => "待拟办",
                Some(d) if d.is_returned() => "退回修改",
                Some(d) if d.is_approved() => "待答复",
                Some(d) if matches!(d.office, Decision::Approved { .. }) => "待审批",
                Some(_) => "待审核",
            },
            State::Concluded if self.conclusion.as_ref().is_some_and(|c| c.reply.is_some()) => {
                "已答复"
            }
            s => s.label(),
        }
    }
}

/// A log that cannot be folded (a bug or tampering): the event number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("第 {index} 项事件无法回放：{problem}")]
pub struct ReplayError {
    /// 1-based number of the event within the request.
    pub index: u32,
    /// What is wrong.
    pub problem: String,
}

/// Folds a request's events (in recorded order, amendments included) into its [`Case`].
///
/// The fold never applies the procedure's rules (that is [`check`]'s job at recording time): a
/// recorded event is a fact. It fails only on a log no version of `disclose` writes.
///
/// # Errors
/// [`ReplayError`] naming the first event that cannot be applied.
pub fn replay(events: &[Event]) -> Result<Case, ReplayError> {
    let effective = effective_events(events)?;
    let mut case: Option<Case> = None;
    for (i, e) in effective.iter().enumerate() {
        let index = i as u32 + 1;
        case = Some(apply(case, e).map_err(|problem| ReplayError { index, problem })?);
    }
    case.ok_or(ReplayError {
        index: 0,
        problem: "没有任何事件".to_string(),
    })
}

/// The request as it stood at the end of day `as_of`, with every amendment applied (an
/// amendment corrects what was true, whenever it was recorded): the effective events of that
/// date or earlier, folded. `None` when it was not yet registered.
///
/// # Errors
/// [`ReplayError`] as [`replay`].
pub fn replay_as_of(events: &[Event], as_of: NaiveDate) -> Result<Option<Case>, ReplayError> {
    let effective: Vec<Event> = effective_events(events)?
        .into_iter()
        .filter(|e| !matches!(e.step, Step::Amend(_)) && e.on <= as_of)
        .collect();
    if effective.is_empty() {
        return Ok(None);
    }
    replay(&effective).map(Some)
}

/// Re-checks every recorded step against the rules, in order, on the facts as amended and the
/// calendar in force: the steps that the rules would refuse today, each as `第 N 项（步骤，
/// 日期）：why`. Empty for a request recorded through `disclose` and never amended; an
/// amendment of a date, or a new holidays file, can make an earlier step irregular (a
/// correction notice now outside its 7 working days, an extension now after the due date).
pub fn audit(events: &[Event], cal: &crate::calendar::Calendar) -> Vec<String> {
    let Ok(effective) = effective_events(events) else {
        return vec![];
    };
    let mut found = Vec::new();
    let mut case: Option<Case> = None;
    for (i, e) in effective.iter().enumerate() {
        if matches!(e.step, Step::Amend(_)) {
            continue;
        }
        if let Err(r) = check(case.as_ref(), e, cal, crate::calendar::LAST_DAY) {
            found.push(format!(
                "第 {} 项（{}，{}）：{}",
                i + 1,
                e.step.kind().label(),
                e.on,
                r.message
            ));
        }
        match apply(case.take(), e) {
            Ok(c) => case = Some(c),
            Err(_) => return found,
        }
    }
    found
}

/// Applies one event to the case it belongs to (`None` before the registration): each step's
/// state change lives in the module of its step.
///
/// # Errors
/// A message when the event cannot apply at all (no registration first, an answer from a party
/// never consulted, …).
pub fn apply(case: Option<Case>, e: &Event) -> Result<Case, String> {
    let mut c = match (case, &e.step) {
        (None, Step::Register(r)) => return Ok(registration::apply_register(e, r)),
        (None, _) => return Err("第一项事件必须是登记".to_string()),
        (Some(_), Step::Register(_)) => return Err("一件申请只能登记一次".to_string()),
        (Some(c), _) => c,
    };
    c.event_count += 1;
    // An amendment corrects the past: it does not move the request's latest business date, so
    // steps that happened before the day the mistake was corrected can still be recorded.
    if !matches!(e.step, Step::Amend(_) | Step::LetterIssued(_)) {
        c.last_on = c.last_on.max(e.on);
    }
    let on = e.on;
    match &e.step {
        Step::Register(_) => unreachable!("handled above"),
        Step::ConfirmReceipt => registration::apply_confirm(&mut c, on),
        Step::CorrectionNotice {
            items,
            period_wd,
            served_on,
        } => correction::apply_notice(&mut c, on, items, *period_wd, *served_on),
        Step::CorrectionReceived { late_reason, .. } => {
            correction::apply_received(&mut c, on, late_reason)?
        }
        Step::CorrectionLapsed { .. } => correction::apply_lapsed(&mut c, on)?,
        Step::ConsultationSent { parties, served_on } => {
            consultation::apply_sent(&mut c, on, parties, *served_on)
        }
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
            ..
        } => consultation::apply_answered(&mut c, on, party, *answer, reasons)?,
        Step::Draft {
            department,
            handler,
            outcome,
            reasons,
            basis,
            public_interest,
        } => review::apply_draft(
            &mut c,
            on,
            department,
            handler,
            *outcome,
            [reasons, basis, public_interest],
        ),
        Step::Assign {
            department,
            handler,
            due,
        } => assignment::apply(&mut c, on, department, handler, *due),
        Step::OfficeReview { approved, comments } => {
            review::apply_office(&mut c, on, &e.by, *approved, comments)?
        }
        Step::LeaderApproval {
            approved,
            leader,
            comments,
        } => review::apply_leader(&mut c, on, leader, *approved, comments)?,
        Step::Extension {
            working_days,
            approver,
            reason,
            notified_on,
        } => extension::apply(&mut c, on, *working_days, approver, reason, *notified_on),
        Step::FeeNotice {
            method,
            count,
            amount_yuan,
            places,
            register_count,
            reason,
            served_on,
        } => fee::apply_notice(
            &mut c,
            on,
            *method,
            *count,
            *amount_yuan,
            &fee::Override {
                places: *places,
                register_count: *register_count,
                reason: reason.as_deref(),
                served_on: *served_on,
            },
        ),
        Step::FeePaid => fee::apply_paid(&mut c, on)?,
        Step::FeeLapsed { .. } => fee::apply_lapsed(&mut c, on)?,
        Step::Served { letter, party } => service::apply(&mut c, on, *letter, party.as_deref())?,
        Step::ReasonsAsked => reasons::apply_ask(&mut c, on),
        Step::ReasonsAnswered { accepted } => reasons::apply_answer(&mut c, on, *accepted)?,
        Step::ReasonableDeadline { due, notified_on } => {
            reasons::apply_deadline(&mut c, on, *due, *notified_on)?
        }
        Step::Reply(r) => reply::apply(&mut c, on, r),
        Step::RecordCorrectionReply(r) => record_correction::apply(&mut c, on, r),
        Step::Withdraw { reason } => closing::apply_withdraw(&mut c, on, reason),
        Step::Archive { file_no } => closing::apply_archive(&mut c, on, file_no),
        Step::Amend(_) => {}
        Step::AppealFiled {
            appeal,
            body,
            reference,
        } => appeal::apply_filed(&mut c, on, *appeal, body, reference),
        Step::AppealDecided { number, result, .. } => {
            appeal::apply_decided(&mut c, on, *number, *result)?
        }
        Step::LetterIssued(l) => letter::apply(&mut c, on, l),
    }
    Ok(c)
}
