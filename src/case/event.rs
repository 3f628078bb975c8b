//! The steps of a request (制度: 接收、登记、补正、拟办、征求意见、审核、审批、答复、归档) as
//! events. An [`Event`] is what the register stores; [`Step`] is what happened.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fee::FeeMethod;
use super::outcome::Outcome;

mod application;
pub use application::*;

/// One recorded step: what happened ([`Step`]), its business date, and who recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The business date: the day the step happened (not the day it was typed in).
    pub on: NaiveDate,
    /// Who recorded it (经办人).
    pub by: String,
    /// What happened.
    pub step: Step,
}

/// A party consulted (征求意见的对象).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Its name.
    pub name: String,
    /// Third party (条例 Art 32) or another agency (Art 34).
    pub kind: PartyKind,
}

/// Whom a consultation letter goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyKind {
    /// 第三方 (条例 Art 32): silence is not a refusal.
    ThirdParty,
    /// 其他机关 (条例 Art 34): silence counts as consent.
    Agency,
}

/// A consulted party's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// 同意公开.
    Agree,
    /// 不同意公开 (with reasons).
    Object,
    /// 逾期未答复 (recorded after the window closed).
    None,
}

impl Answer {
    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            Answer::Agree => "同意公开",
            Answer::Object => "不同意公开",
            Answer::None => "逾期未答复",
        }
    }
}

/// The reply (答复) as served on the applicant (条例 Art 33, 36, 37).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// The outcome (办理结果).
    pub outcome: Outcome,
    /// Legal basis cited (法律依据).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Reasons (理由), needed for anything withheld or refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// For 4.1: the search that was done (检索情况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_done: Option<String>,
    /// For a request that belongs to another agency: its name (and contact, below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competent_agency: Option<String>,
    /// That agency's contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_contact: Option<String>,
    /// How the reply was served (邮寄 / 当面 / 电子邮件 / …).
    pub delivery: String,
    /// The day the applicant received it (送达日期), which starts the periods to challenge it
    /// (复议法 Art 20, 诉讼法 Art 46; SPEC §8): when known at sending, or recorded later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// Tracking number of the reply letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_no: Option<String>,
    /// When information is disclosed although a third party objected: why withholding it would
    /// gravely harm the public interest; the third party is told in writing (条例 Art 32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_interest: Option<String>,
}

impl Reply {
    /// The day the applicant received it: the recorded served date, or, for a reply handed
    /// over in person (当面, 当场, 现场, 自取), the reply's own date `replied_on` (SPEC §8).
    pub fn served_date(&self, replied_on: NaiveDate) -> Option<NaiveDate> {
        self.served_on
            .or(handed_over(&self.delivery).then_some(replied_on))
    }

    /// Whether the reply was sent by post (邮寄, 挂号, EMS, 快递, 邮政): its served date is
    /// learned later from the delivery record.
    pub fn is_posted(&self) -> bool {
        ["邮寄", "挂号", "EMS", "快递", "邮政"]
            .iter()
            .any(|w| self.delivery.to_uppercase().contains(w))
    }

    /// Whether the reply was served by post (邮寄, 挂号, EMS, 快递, 邮政) without the letter's
    /// tracking number, the proof of service SPEC §3 asks to record.
    pub fn posted_without_tracking_no(&self) -> bool {
        self.is_posted()
            && self
                .tracking_no
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
    }
}

/// Whether a letter's way of service (`delivery`) is by hand (当面, 当场, 现场, 自取): served the
/// day it is given (SPEC §8).
pub fn handed_over(delivery: &str) -> bool {
    ["当面", "当场", "现场", "自取"]
        .iter()
        .any(|w| delivery.contains(w))
}

/// A letter whose served date (送达日期) is recorded (SPEC §3, §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServedLetter {
    /// 补正告知书 (条例 Art 30).
    Correction,
    /// 征求意见书 (条例 Art 32, 34).
    Consultation,
    /// 信息处理费缴费通知书 (109号).
    Fee,
    /// 政府信息公开申请答复书 (条例 Art 33, 36, 37).
    Reply,
}

impl ServedLetter {
    /// The letter's Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            ServedLetter::Correction => "补正告知书",
            ServedLetter::Consultation => "征求意见书",
            ServedLetter::Fee => "缴费通知书",
            ServedLetter::Reply => "答复书",
        }
    }
}

/// Kind of appeal over a disclosure decision: the groups of table 四 \[格式\].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum AppealKind {
    /// 行政复议 \[复议法\].
    Reconsideration,
    /// 行政诉讼 未经复议直接起诉 \[诉讼法\].
    LawsuitDirect,
    /// 行政诉讼 复议后起诉.
    LawsuitAfterReconsideration,
}

impl AppealKind {
    /// Every kind, in the order of table 四.
    pub const ALL: [AppealKind; 3] = [
        AppealKind::Reconsideration,
        AppealKind::LawsuitDirect,
        AppealKind::LawsuitAfterReconsideration,
    ];

    /// The Chinese label.
    pub fn label(&self) -> &'static str {
        match self {
            AppealKind::Reconsideration => "行政复议",
            AppealKind::LawsuitDirect => "行政诉讼 未经复议直接起诉",
            AppealKind::LawsuitAfterReconsideration => "行政诉讼 复议后起诉",
        }
    }
}

/// Result of an appeal (table 四 columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AppealResult {
    /// 结果维持.
    Upheld,
    /// 结果纠正.
    Corrected,
    /// 其他结果.
    Other,
}

impl AppealResult {
    /// The Chinese label.
    pub fn label(&self) -> &'static str {
        match self {
            AppealResult::Upheld => "结果维持",
            AppealResult::Corrected => "结果纠正",
            AppealResult::Other => "其他结果",
        }
    }
}

/// What happened. Each variant is one step of the procedure; its fields are the step's payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Step {
    /// 登记: the application is registered. For every channel but an unreachable ordinary
    /// letter, the event's date is the receipt date R.
    Register(Box<Registration>),
    /// 确认收到: an ordinary letter's applicant was reached; the event's date becomes R.
    ConfirmReceipt,
    /// 补正通知 (条例 Art 30): one written notice listing everything to fix, with the period
    /// (working days) the applicant has.
    CorrectionNotice {
        /// What must be corrected.
        items: String,
        /// The applicant's period, in working days after the notice date (counted from the
        /// served date once known).
        period_wd: u32,
        /// The day the applicant received the notice (送达日期), when known at sending.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_on: Option<NaiveDate>,
    },
    /// 收到补正: the corrected application arrived; the reply clock restarts from zero.
    CorrectionReceived {
        /// Free remark.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// For a correction arriving after the applicant's period: the good reason the office
        /// accepts (条例 Art 30 abandons only one late 无正当理由).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        late_reason: Option<String>,
    },
    /// 逾期不补正: the period lapsed; closed as （六）1.
    CorrectionLapsed {
        /// With no served date recorded: the clerk's reason why it cannot be known (SPEC §3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_unknown_reason: Option<String>,
    },
    /// 征求意见: letters sent to third parties (Art 32) or other agencies (Art 34).
    ConsultationSent {
        /// The parties written to, each with its own 15-working-day window.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parties: Vec<Party>,
        /// The day the parties received the letters (送达日期), when known at sending.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_on: Option<NaiveDate>,
    },
    /// A consulted party's answer (or the record that none came).
    ConsultationAnswered {
        /// The party, by name.
        party: String,
        /// Its answer.
        answer: Answer,
        /// Its reasons (for an objection).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reasons: Option<String>,
        /// For silence, with no served date recorded: the clerk's reason why it cannot be
        /// known (SPEC §3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_unknown_reason: Option<String>,
    },
    /// 拟办: a department proposes the reply.
    Draft {
        /// 承办科室.
        department: String,
        /// 承办人.
        handler: String,
        /// Proposed outcome.
        outcome: Outcome,
        /// Proposed reasons.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reasons: Option<String>,
        /// Proposed legal basis.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        basis: Option<String>,
        /// For a draft to disclose (（一）) over a third party's objection: why withholding would
        /// gravely affect the public interest (条例 Art 32), as the reply must state.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        public_interest: Option<String>,
    },
    /// 转办/交办 (本机关制度): the office hands the request to a department and a handler, with an
    /// internal deadline that is no legal period (the reply period of 条例 Art 33 still runs).
    Assign {
        /// 承办科室.
        department: String,
        /// 承办人.
        handler: String,
        /// 内部办理期限, if one was set.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
    /// 审核: the disclosure office reviews the draft.
    OfficeReview {
        /// Approved, or sent back to the department.
        approved: bool,
        /// Comments (needed when sending back).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comments: Option<String>,
    },
    /// 审批: the leader in charge approves the reply letter (no reply without it).
    LeaderApproval {
        /// Approved, or sent back.
        approved: bool,
        /// The leader's name.
        leader: String,
        /// Comments.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comments: Option<String>,
    },
    /// 延期答复 (条例 Art 33 ¶2): at most once, at most 20 working days.
    Extension {
        /// Working days added to the reply period.
        working_days: u32,
        /// Head of the disclosure office who approved it (政府信息公开工作机构负责人).
        approver: String,
        /// Why 20 working days were not enough.
        reason: String,
        /// The day the applicant was notified.
        notified_on: NaiveDate,
    },
    /// 收费通知 (109号): the fee and how it was computed.
    FeeNotice {
        /// By item or by page.
        method: FeeMethod,
        /// Items (this month) or pages.
        count: u32,
        /// The amount, yuan.
        amount_yuan: u64,
        /// By item, an application the agency splits into several items (一事一申请): how many
        /// places in the month's count it takes (`None`: one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        places: Option<u32>,
        /// By item, when the clerk's count differs from the register's: the register's count.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        register_count: Option<u32>,
        /// By item, why the clerk's count differs from the register's (shown on the notice).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// The day the applicant received the notice (送达日期), when known at sending.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_on: Option<NaiveDate>,
    },
    /// 缴费: the applicant paid.
    FeePaid,
    /// 逾期未缴费: the payment period lapsed; closed as （六）2.
    FeeLapsed {
        /// With no served date recorded: the clerk's reason why it cannot be known (SPEC §3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_unknown_reason: Option<String>,
    },
    /// 说明理由告知书 (条例 Art 35): the applicant is asked to explain a request beyond a
    /// reasonable range.
    ReasonsAsked,
    /// The applicant's explanation assessed (条例 Art 35): reasonable or not.
    ReasonsAnswered {
        /// Found reasonable.
        accepted: bool,
    },
    /// A reasonable later deadline set and told to the applicant (条例 Art 35).
    ReasonableDeadline {
        /// The new due date.
        due: NaiveDate,
        /// The day the applicant was told.
        notified_on: NaiveDate,
    },
    /// 送达: the day a letter already sent was received by its addressee, learned later (the
    /// EMS delivery record, a signed 送达回证); the event's date is the served date (条例 Art
    /// 32; 109号; SPEC §3, §8).
    Served {
        /// Which letter.
        letter: ServedLetter,
        /// For a consultation letter: the party, by name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
    },
    /// 答复: the reply letter was served.
    Reply(Box<Reply>),
    /// 更正答复 (条例 Art 41): the answer of a correction-of-record request, with its end.
    RecordCorrectionReply(Box<super::record_correction::RecordCorrectionReply>),
    /// 申请人撤回: closed as （六）3.
    Withdraw {
        /// Remark (how the withdrawal was made).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// 归档 (条例 Art 45): the file is archived; the request becomes read-only.
    Archive {
        /// 卷宗号 / 档案号.
        file_no: String,
    },
    /// 更正: a mistake in an earlier event is corrected by this visible entry.
    Amend(Box<Amendment>),
    /// 行政复议 / 行政诉讼 filed against the agency's handling of the request.
    AppealFiled {
        /// Which kind (table 四 group).
        appeal: AppealKind,
        /// The reconsideration body or court.
        body: String,
        /// Its case reference, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
    /// The result of an appeal.
    AppealDecided {
        /// Which appeal of the request (1-based, in filing order).
        number: u32,
        /// The result.
        result: AppealResult,
        /// Remark.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// 出具文书: a letter was issued for the request (SPEC §9); not a step of the procedure.
    LetterIssued(Box<super::letter::LetterIssue>),
}

/// A correction of an earlier event of the same request (更正).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amendment {
    /// The event corrected: its number within the request (1 = the registration).
    pub target: u32,
    /// A new business date for it, if the date was wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    /// New values of its fields, by dotted path (`applicant.name`, `content`).
    #[serde(default)]
    pub set: BTreeMap<String, serde_json::Value>,
    /// Why (required: the entry must explain itself).
    pub reason: String,
    /// Recorded although the amended facts make an earlier step irregular (the clerk confirmed
    /// that this is what happened; `show` lists the irregularity).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
}

/// The kinds of step, without their payload: what a refusal offers as the legal next steps,
/// and what `show` lists as possible now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// See [`Step::Register`].
    Register,
    /// See [`Step::ConfirmReceipt`].
    ConfirmReceipt,
    /// See [`Step::CorrectionNotice`].
    CorrectionNotice,
    /// See [`Step::CorrectionReceived`].
    CorrectionReceived,
    /// See [`Step::CorrectionLapsed`].
    CorrectionLapsed,
    /// See [`Step::ConsultationSent`].
    ConsultationSent,
    /// See [`Step::ConsultationAnswered`].
    ConsultationAnswered,
    /// See [`Step::Draft`].
    Draft,
    /// See [`Step::OfficeReview`].
    OfficeReview,
    /// See [`Step::LeaderApproval`].
    LeaderApproval,
    /// See [`Step::Extension`].
    Extension,
    /// See [`Step::FeeNotice`].
    FeeNotice,
    /// See [`Step::FeePaid`].
    FeePaid,
    /// See [`Step::FeeLapsed`].
    FeeLapsed,
    /// See [`Step::Served`].
    Served,
    /// See [`Step::ReasonsAsked`].
    ReasonsAsked,
    /// See [`Step::ReasonsAnswered`].
    ReasonsAnswered,
    /// See [`Step::ReasonableDeadline`].
    ReasonableDeadline,
    /// See [`Step::Reply`].
    Reply,
    /// See [`Step::Withdraw`].
    Withdraw,
    /// See [`Step::Archive`].
    Archive,
    /// See [`Step::Amend`].
    Amend,
    /// See [`Step::AppealFiled`].
    AppealFiled,
    /// See [`Step::AppealDecided`].
    AppealDecided,
    /// See [`Step::LetterIssued`].
    LetterIssued,
    /// See [`Step::Assign`].
    Assign,
    /// See [`Step::RecordCorrectionReply`].
    RecordCorrectionReply,
}

impl StepKind {
    /// Every kind.
    pub const ALL: [StepKind; 27] = [
        StepKind::Register,
        StepKind::ConfirmReceipt,
        StepKind::CorrectionNotice,
        StepKind::CorrectionReceived,
        StepKind::CorrectionLapsed,
        StepKind::ConsultationSent,
        StepKind::ConsultationAnswered,
        StepKind::Draft,
        StepKind::OfficeReview,
        StepKind::LeaderApproval,
        StepKind::Extension,
        StepKind::FeeNotice,
        StepKind::FeePaid,
        StepKind::FeeLapsed,
        StepKind::Served,
        StepKind::ReasonsAsked,
        StepKind::ReasonsAnswered,
        StepKind::ReasonableDeadline,
        StepKind::Reply,
        StepKind::Withdraw,
        StepKind::Archive,
        StepKind::Amend,
        StepKind::AppealFiled,
        StepKind::AppealDecided,
        StepKind::LetterIssued,
        StepKind::Assign,
        StepKind::RecordCorrectionReply,
    ];

    /// The Chinese name of the step.
    pub fn label(&self) -> &'static str {
        match self {
            StepKind::Register => "登记",
            StepKind::ConfirmReceipt => "确认收到",
            StepKind::CorrectionNotice => "补正通知",
            StepKind::CorrectionReceived => "收到补正",
            StepKind::CorrectionLapsed => "逾期不补正办结",
            StepKind::ConsultationSent => "征求意见",
            StepKind::ConsultationAnswered => "征求意见答复",
            StepKind::Draft => "拟办",
            StepKind::OfficeReview => "审核",
            StepKind::LeaderApproval => "审批",
            StepKind::Extension => "延期答复",
            StepKind::FeeNotice => "收费通知",
            StepKind::FeePaid => "缴费",
            StepKind::FeeLapsed => "逾期未缴费办结",
            StepKind::Served => "送达",
            StepKind::ReasonsAsked => "要求说明理由",
            StepKind::ReasonsAnswered => "说明理由审查",
            StepKind::ReasonableDeadline => "确定合理延长期限",
            StepKind::Reply => "答复",
            StepKind::Withdraw => "申请人撤回",
            StepKind::Archive => "归档",
            StepKind::Amend => "更正",
            StepKind::AppealFiled => "复议/诉讼",
            StepKind::AppealDecided => "复议/诉讼结果",
            StepKind::LetterIssued => "出具文书",
            StepKind::Assign => "转办",
            StepKind::RecordCorrectionReply => "更正答复",
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Step {
    /// The kind of this step.
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Register(_) => StepKind::Register,
            Step::ConfirmReceipt => StepKind::ConfirmReceipt,
            Step::CorrectionNotice { .. } => StepKind::CorrectionNotice,
            Step::CorrectionReceived { .. } => StepKind::CorrectionReceived,
            Step::CorrectionLapsed { .. } => StepKind::CorrectionLapsed,
            Step::ConsultationSent { .. } => StepKind::ConsultationSent,
            Step::ConsultationAnswered { .. } => StepKind::ConsultationAnswered,
            Step::Draft { .. } => StepKind::Draft,
            Step::OfficeReview { .. } => StepKind::OfficeReview,
            Step::LeaderApproval { .. } => StepKind::LeaderApproval,
            Step::Extension { .. } => StepKind::Extension,
            Step::FeeNotice { .. } => StepKind::FeeNotice,
            Step::FeePaid => StepKind::FeePaid,
            Step::FeeLapsed { .. } => StepKind::FeeLapsed,
            Step::Served { .. } => StepKind::Served,
            Step::ReasonsAsked => StepKind::ReasonsAsked,
            Step::ReasonsAnswered { .. } => StepKind::ReasonsAnswered,
            Step::ReasonableDeadline { .. } => StepKind::ReasonableDeadline,
            Step::Reply(_) => StepKind::Reply,
            Step::Withdraw { .. } => StepKind::Withdraw,
            Step::Archive { .. } => StepKind::Archive,
            Step::Amend(_) => StepKind::Amend,
            Step::AppealFiled { .. } => StepKind::AppealFiled,
            Step::AppealDecided { .. } => StepKind::AppealDecided,
            Step::LetterIssued(_) => StepKind::LetterIssued,
            Step::Assign { .. } => StepKind::Assign,
            Step::RecordCorrectionReply(_) => StepKind::RecordCorrectionReply,
        }
    }

    /// The kind's wire name (`register`, `correction-notice`, …), as stored in the event table.
    pub fn kind_name(&self) -> &'static str {
        kind_name(self.kind())
    }
}

/// The wire name of a step kind (the `kind` tag of its JSON).
pub fn kind_name(k: StepKind) -> &'static str {
    match k {
        StepKind::Register => "register",
        StepKind::ConfirmReceipt => "confirm-receipt",
        StepKind::CorrectionNotice => "correction-notice",
        StepKind::CorrectionReceived => "correction-received",
        StepKind::CorrectionLapsed => "correction-lapsed",
        StepKind::ConsultationSent => "consultation-sent",
        StepKind::ConsultationAnswered => "consultation-answered",
        StepKind::Draft => "draft",
        StepKind::OfficeReview => "office-review",
        StepKind::LeaderApproval => "leader-approval",
        StepKind::Extension => "extension",
        StepKind::FeeNotice => "fee-notice",
        StepKind::FeePaid => "fee-paid",
        StepKind::FeeLapsed => "fee-lapsed",
        StepKind::Served => "served",
        StepKind::ReasonsAsked => "reasons-asked",
        StepKind::ReasonsAnswered => "reasons-answered",
        StepKind::ReasonableDeadline => "reasonable-deadline",
        StepKind::Reply => "reply",
        StepKind::Withdraw => "withdraw",
        StepKind::Archive => "archive",
        StepKind::Amend => "amend",
        StepKind::AppealFiled => "appeal-filed",
        StepKind::AppealDecided => "appeal-decided",
        StepKind::LetterIssued => "letter-issued",
        StepKind::Assign => "assign",
        StepKind::RecordCorrectionReply => "record-correction-reply",
    }
}
