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

pub mod clock;
pub mod event;
pub mod fee;
pub mod identity;
pub mod outcome;
mod rules;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use clock::{ClockStatus, Deadlines, deadlines};
pub use event::*;
pub use outcome::Outcome;
pub use rules::{
    REGULATION_IN_FORCE, Refusal, check, check_amendment, check_registration, is_invisible,
    letter_cannot_be_confirmed, likely_duplicate, next_steps, phone_problem, registration_problems,
};

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

/// The correction notice and what came of it (补正, 条例 Art 30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// What must be corrected.
    pub items: String,
    /// The applicant's period, working days after the notice.
    pub period_wd: u32,
    /// The day the corrected application arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// The day the request was closed for want of a correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapsed_on: Option<NaiveDate>,
}

/// One consulted party and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// Who.
    pub party: Party,
    /// The letter's date.
    pub sent_on: NaiveDate,
    /// The answer, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<ConsultationAnswer>,
}

/// A recorded answer of a consulted party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationAnswer {
    /// The day it arrived (or was recorded as missing).
    pub on: NaiveDate,
    /// What it said.
    pub answer: Answer,
    /// Its reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
}

/// A decision on a draft, by the office (审核) or the leader (审批).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "kebab-case")]
pub enum Decision {
    /// Not yet decided.
    Pending,
    /// Approved.
    Approved {
        /// When.
        on: NaiveDate,
        /// By whom.
        by: String,
    },
    /// Sent back to the department.
    Returned {
        /// When.
        on: NaiveDate,
        /// By whom.
        by: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comments: Option<String>,
    },
}

/// The current draft reply (拟答复意见) and its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// When it was proposed.
    pub on: NaiveDate,
    /// 承办科室.
    pub department: String,
    /// 承办人.
    pub handler: String,
    /// Proposed outcome.
    pub outcome: Outcome,
    /// Proposed reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// Proposed legal basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The office's review (审核).
    pub office: Decision,
    /// The leader's approval (审批).
    pub leader: Decision,
}

impl Draft {
    /// Approved by both the office and the leader: a reply may go out.
    pub fn is_approved(&self) -> bool {
        matches!(self.office, Decision::Approved { .. })
            && matches!(self.leader, Decision::Approved { .. })
    }

    /// Sent back by the office or the leader: a new draft is needed.
    pub fn is_returned(&self) -> bool {
        matches!(self.office, Decision::Returned { .. })
            || matches!(self.leader, Decision::Returned { .. })
    }
}

/// An approved extension (延期答复, 条例 Art 33 ¶2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The approval's date.
    pub on: NaiveDate,
    /// Working days added.
    pub working_days: u32,
    /// Who approved it.
    pub approver: String,
    /// Why.
    pub reason: String,
    /// When the applicant was told.
    pub notified_on: NaiveDate,
}

/// A fee notice and its payment (109号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// By item or by page.
    pub method: fee::FeeMethod,
    /// Items or pages.
    pub count: u32,
    /// Yuan.
    pub amount_yuan: u64,
    /// When paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// When closed as unpaid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapsed_on: Option<NaiveDate>,
}

/// How the request ended (办理结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    /// The reply's or closing's date: the year it counts in (table 三).
    pub on: NaiveDate,
    /// The outcome.
    pub outcome: Outcome,
    /// The reply letter, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
    /// Remark (withdrawal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The archive record (归档).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveRecord {
    /// When.
    pub on: NaiveDate,
    /// 卷宗号.
    pub file_no: String,
}

/// An appeal (行政复议 / 行政诉讼) over the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// Which kind.
    pub kind: AppealKind,
    /// Filing date.
    pub filed_on: NaiveDate,
    /// Reconsideration body or court.
    pub body: String,
    /// Its reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The result and its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<(NaiveDate, AppealResult)>,
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
    /// The current draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// The extension, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
    /// The fee, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Conclusion>,
    /// The archive record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveRecord>,
    /// Appeals, in filing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appeals: Vec<Appeal>,
    /// The latest business date among its events.
    pub last_on: NaiveDate,
    /// How many events it has.
    pub event_count: u32,
}

impl Case {
    /// The extension (延期) that counts: one approved on or after the day the reply period
    /// started. An extension approved before a corrected application arrived is void, since the
    /// reply period then restarts from zero (条例 Art 30), and another may be approved.
    pub fn extension_in_force(&self) -> Option<&Extension> {
        self.extension
            .as_ref()
            .filter(|e| self.clock_start.is_none_or(|s| e.on >= s))
    }

    /// The department handling it (from the current draft), if known.
    pub fn department(&self) -> Option<&str> {
        self.draft.as_ref().map(|d| d.department.as_str())
    }

    /// The handler (from the current draft), if known.
    pub fn handler(&self) -> Option<&str> {
        self.draft.as_ref().map(|d| d.handler.as_str())
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

/// Applies the amendments among `events` to the events they target and returns the effective
/// events (amendments themselves are kept, unchanged, at their place).
///
/// # Errors
/// An amendment targets an event that does not exist, another amendment, or changes a field the
/// event does not have.
pub fn effective_events(events: &[Event]) -> Result<Vec<Event>, ReplayError> {
    let mut out: Vec<Event> = events.to_vec();
    for (i, e) in events.iter().enumerate() {
        if let Step::Amend(a) = &e.step {
            let index = i as u32 + 1;
            let t = a.target as usize;
            if t == 0 || t >= index as usize {
                return Err(ReplayError {
                    index,
                    problem: format!("更正的对象第 {} 项不存在或不在本项之前", a.target),
                });
            }
            if matches!(out[t - 1].step, Step::Amend(_)) {
                return Err(ReplayError {
                    index,
                    problem: "不能更正一项更正".to_string(),
                });
            }
            out[t - 1] =
                amend_event(&out[t - 1], a).map_err(|problem| ReplayError { index, problem })?;
        }
    }
    Ok(out)
}

/// Applies one amendment to one event.
///
/// # Errors
/// A field path that the event's step does not have, or a value of the wrong shape.
pub fn amend_event(target: &Event, a: &Amendment) -> Result<Event, String> {
    let mut e = target.clone();
    if let Some(on) = a.on {
        e.on = on;
    }
    if a.set.is_empty() {
        return Ok(e);
    }
    let mut v = serde_json::to_value(&e.step).map_err(|err| err.to_string())?;
    for (path, value) in &a.set {
        if path == "kind" {
            return Err("不能更改事件的种类".to_string());
        }
        if path == "case_no" {
            return Err("案件编号不能更正".to_string());
        }
        let parts: Vec<&str> = path.split('.').collect();
        let mut cur = &mut v;
        for (k, part) in parts.iter().enumerate() {
            let obj = cur
                .as_object_mut()
                .ok_or_else(|| format!("该事件没有字段“{path}”；{}", fields_hint(&e.step)))?;
            if k + 1 == parts.len() {
                obj.insert((*part).to_string(), value.clone());
                break;
            }
            let entry = obj
                .entry((*part).to_string())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if entry.is_null() {
                *entry = serde_json::Value::Object(Default::default());
            }
            cur = entry;
        }
    }
    let step: Step = serde_json::from_value(v)
        .map_err(|err| format!("更正后的内容无效：{}", plain_message(&err.to_string())))?;
    // A field the step does not have is dropped by the round trip: say so instead of ignoring it.
    let back = serde_json::to_value(&step).map_err(|err| err.to_string())?;
    for (path, value) in &a.set {
        let found = path
            .split('.')
            .try_fold(&back, |node, part| node.get(part))
            .is_some();
        if !found && !value.is_null() {
            return Err(format!("该事件没有字段“{path}”；{}", fields_hint(&e.step)));
        }
    }
    e.step = step;
    Ok(e)
}

/// The fields an amendment may set on a step, for messages.
fn fields_hint(step: &Step) -> String {
    match step {
        Step::Register(_) => {
            "登记可更正的字段有：applicant.name、applicant.id_type、applicant.id_number、\
            applicant.phone、applicant.email、applicant.address、applicant.postcode、agent.name、\
            agent.id_number、agent.phone、applicant_type、channel、unreachable、content、form、\
            delivery、tracking_no、note"
                .to_string()
        }
        other => {
            let keys: Vec<String> = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()))
                .unwrap_or_default();
            let keys: Vec<String> = keys.into_iter().filter(|k| k != "kind").collect();
            format!(
                "可更正的字段有：{}（以及其他未填写的字段）",
                keys.join("、")
            )
        }
    }
}

/// A serde or TOML error message (English) said in Chinese for the clerk, for the common cases:
/// an unknown field or value, a wrong type, a missing field. Other messages are returned as they
/// are.
pub fn plain_message(msg: &str) -> String {
    let msg = msg.trim();
    let quoted = |s: &str| -> Vec<String> {
        s.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, x)| x.to_string())
            .collect()
    };
    let head = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(rest) = head.strip_prefix("unknown field ") {
        let q = quoted(rest);
        if let Some((name, allowed)) = q.split_first() {
            return format!("不认识的键“{name}”，可用的键：{}", allowed.join("、"));
        }
    }
    if let Some(rest) = head.strip_prefix("unknown variant ") {
        let q = quoted(rest);
        if let Some((value, allowed)) = q.split_first() {
            return format!("“{value}”不是可选的值，可选：{}", allowed.join("、"));
        }
    }
    if let Some(rest) = head.strip_prefix("missing field ")
        && let Some(name) = quoted(rest).first()
    {
        return format!("缺少“{name}”");
    }
    if head.starts_with("invalid type: null") {
        return "不能为空".to_string();
    }
    if let Some(rest) = head.strip_prefix("invalid value: integer ")
        && let Some(n) = quoted(rest).first()
    {
        return format!("数值 {n} 不对：应为非负整数");
    }
    if let Some(rest) = head.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let want = if expected.contains("u32") || expected.contains("integer") {
            "整数，不加引号（如 15）"
        } else if expected.contains("string") || expected.contains("path") {
            "文字，加英文双引号（如 \"王芳\"）"
        } else if expected.contains("bool") {
            "true 或 false"
        } else {
            ""
        };
        let got = if got.starts_with("string") {
            "加了引号的文字"
        } else if got.starts_with("integer") || got.starts_with("float") {
            "数字"
        } else {
            got
        };
        return if want.is_empty() {
            format!("类型不对（{head}）")
        } else {
            format!("类型不对：应为{want}，现在是{got}")
        };
    }
    if head.contains("string values must be quoted") {
        return "文字的值须加英文双引号，如 clerk = \"王芳\"".to_string();
    }
    msg.to_string()
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

/// Applies one event to the case it belongs to (`None` before the registration).
///
/// # Errors
/// A message when the event cannot apply at all (no registration first, an answer from a party
/// never consulted, …).
pub fn apply(case: Option<Case>, e: &Event) -> Result<Case, String> {
    let mut c = match (case, &e.step) {
        (None, Step::Register(r)) => {
            let received_on = if r.channel == Channel::Letter && r.unreachable {
                None
            } else {
                Some(e.on)
            };
            return Ok(Case {
                case_no: r.case_no.clone(),
                state: if received_on.is_some() {
                    State::InProgress
                } else {
                    State::AwaitingConfirmation
                },
                registration: (**r).clone(),
                registered_on: e.on,
                received_on,
                clock_start: received_on,
                needs_correction: registration_problems(r),
                correction: None,
                consultations: vec![],
                draft: None,
                extension: None,
                fee: None,
                conclusion: None,
                archive: None,
                appeals: vec![],
                last_on: e.on,
                event_count: 1,
            });
        }
        (None, _) => return Err("第一项事件必须是登记".to_string()),
        (Some(_), Step::Register(_)) => return Err("一件申请只能登记一次".to_string()),
        (Some(c), _) => c,
    };
    c.event_count += 1;
    // An amendment corrects the past: it does not move the request's latest business date, so
    // steps that happened before the day the mistake was corrected can still be recorded.
    if !matches!(e.step, Step::Amend(_)) {
        c.last_on = c.last_on.max(e.on);
    }
    let conclude = |c: &mut Case, outcome: Outcome, reply: Option<Reply>, note: Option<String>| {
        c.state = State::Concluded;
        c.conclusion = Some(Conclusion {
            on: e.on,
            outcome,
            reply,
            note,
        });
    };
    match &e.step {
        Step::Register(_) => unreachable!("handled above"),
        Step::ConfirmReceipt => {
            c.received_on = Some(e.on);
            c.clock_start = Some(e.on);
            c.state = State::InProgress;
        }
        Step::CorrectionNotice { items, period_wd } => {
            c.correction = Some(Correction {
                notice_on: e.on,
                items: items.clone(),
                period_wd: *period_wd,
                received_on: None,
                lapsed_on: None,
            });
            c.state = State::AwaitingCorrection;
        }
        Step::CorrectionReceived { .. } => {
            let corr = c.correction.as_mut().ok_or("没有补正通知")?;
            corr.received_on = Some(e.on);
            c.clock_start = Some(e.on);
            c.state = State::InProgress;
        }
        Step::CorrectionLapsed => {
            let corr = c.correction.as_mut().ok_or("没有补正通知")?;
            corr.lapsed_on = Some(e.on);
            conclude(&mut c, Outcome::CORRECTION_LAPSED, None, None);
        }
        Step::ConsultationSent { parties } => {
            for p in parties {
                c.consultations.push(Consultation {
                    party: p.clone(),
                    sent_on: e.on,
                    answer: None,
                });
            }
        }
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
        } => {
            let cons = c
                .consultations
                .iter_mut()
                .rev()
                .find(|x| x.party.name == *party && x.answer.is_none())
                .ok_or_else(|| format!("没有向“{party}”征求意见或已记录其答复"))?;
            cons.answer = Some(ConsultationAnswer {
                on: e.on,
                answer: *answer,
                reasons: reasons.clone(),
            });
        }
        Step::Draft {
            department,
            handler,
            outcome,
            reasons,
            basis,
        } => {
            c.draft = Some(Draft {
                on: e.on,
                department: department.clone(),
                handler: handler.clone(),
                outcome: *outcome,
                reasons: reasons.clone(),
                basis: basis.clone(),
                office: Decision::Pending,
                leader: Decision::Pending,
            });
        }
        Step::OfficeReview { approved, comments } => {
            let d = c.draft.as_mut().ok_or("没有拟办意见")?;
            d.office = if *approved {
                Decision::Approved {
                    on: e.on,
                    by: e.by.clone(),
                }
            } else {
                Decision::Returned {
                    on: e.on,
                    by: e.by.clone(),
                    comments: comments.clone(),
                }
            };
        }
        Step::LeaderApproval {
            approved,
            leader,
            comments,
        } => {
            let d = c.draft.as_mut().ok_or("没有拟办意见")?;
            d.leader = if *approved {
                Decision::Approved {
                    on: e.on,
                    by: leader.clone(),
                }
            } else {
                Decision::Returned {
                    on: e.on,
                    by: leader.clone(),
                    comments: comments.clone(),
                }
            };
        }
        Step::Extension {
            working_days,
            approver,
            reason,
            notified_on,
        } => {
            c.extension = Some(Extension {
                on: e.on,
                working_days: *working_days,
                approver: approver.clone(),
                reason: reason.clone(),
                notified_on: *notified_on,
            });
        }
        Step::FeeNotice {
            method,
            count,
            amount_yuan,
        } => {
            c.fee = Some(Fee {
                notice_on: e.on,
                method: *method,
                count: *count,
                amount_yuan: *amount_yuan,
                paid_on: None,
                lapsed_on: None,
            });
            c.state = State::AwaitingFee;
        }
        Step::FeePaid => {
            c.fee.as_mut().ok_or("没有收费通知")?.paid_on = Some(e.on);
            c.state = State::InProgress;
        }
        Step::FeeLapsed => {
            c.fee.as_mut().ok_or("没有收费通知")?.lapsed_on = Some(e.on);
            conclude(&mut c, Outcome::FEE_LAPSED, None, None);
        }
        Step::Reply(r) => conclude(&mut c, r.outcome, Some((**r).clone()), None),
        Step::Withdraw { reason } => conclude(
            &mut c,
            Outcome::OTHER,
            None,
            Some(
                reason
                    .clone()
                    .unwrap_or_else(|| "申请人撤回申请".to_string()),
            ),
        ),
        Step::Archive { file_no } => {
            c.archive = Some(ArchiveRecord {
                on: e.on,
                file_no: file_no.clone(),
            });
            c.state = State::Archived;
        }
        Step::Amend(_) => {}
        Step::AppealFiled {
            appeal,
            body,
            reference,
        } => c.appeals.push(Appeal {
            kind: *appeal,
            filed_on: e.on,
            body: body.clone(),
            reference: reference.clone(),
            result: None,
        }),
        Step::AppealDecided { number, result, .. } => {
            let a = c
                .appeals
                .get_mut((*number as usize).wrapping_sub(1))
                .ok_or_else(|| format!("没有第 {number} 项复议/诉讼"))?;
            a.result = Some((e.on, *result));
        }
    }
    Ok(c)
}
