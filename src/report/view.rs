//! The view of one request that `show` prints and every step echoes: facts, every deadline with
//! its basis, the legal next steps and the timeline. Personal data is masked unless revealed.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, Reckoned};
use crate::case::identity::{mask_address, mask_email, mask_id, mask_phone};
use crate::case::{self, Answer, Case, Decision, PartyKind, State, StepKind, period};
use crate::store::StoredEvent;

pub mod letters;
pub mod record_correction;
mod summary;
pub use summary::{summarize, summarize_at};

/// One date with its provisional mark.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// True when computed through a year the calendar does not know.
    pub provisional: bool,
}

impl From<Reckoned<NaiveDate>> for DateView {
    fn from(r: Reckoned<NaiveDate>) -> Self {
        DateView {
            date: r.value,
            provisional: r.provisional,
        }
    }
}

fn show_date(d: &Option<DateView>) -> String {
    match d {
        Some(d) if d.provisional => format!("{}（临时）", d.date),
        Some(d) => d.date.to_string(),
        None => "—".to_string(),
    }
}

/// The applicant as shown (masked unless revealed).
#[derive(Debug, Clone, Serialize)]
pub struct ApplicantView {
    /// Name (never masked here: the clerk's own register).
    pub name: String,
    /// `natural`, `enterprise`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// 自然人, 商业企业, …
    pub type_label: String,
    /// Identity document kind.
    pub id_type: Option<String>,
    /// Identity number (masked unless revealed).
    pub id_number: Option<String>,
    /// Phone (masked unless revealed).
    pub phone: Option<String>,
    /// Email (masked unless revealed).
    pub email: Option<String>,
    /// Address (masked unless revealed).
    pub address: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Agent's name (委托代理人), if any.
    pub agent: Option<String>,
    /// Agent's ID number (masked unless revealed).
    pub agent_id_number: Option<String>,
    /// Agent's phone (masked unless revealed).
    pub agent_phone: Option<String>,
}

/// One consultation as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationView {
    /// Party name.
    pub party: String,
    /// 第三方 or 其他机关.
    pub kind: String,
    /// The article the consultation rests on (条例第三十二条 for a third party, 第三十四条 for
    /// another agency).
    pub article: String,
    /// Letter date.
    pub sent_on: NaiveDate,
    /// Window end (15 WD), counted from the served date once recorded, else from the letter's
    /// date (the earliest it can be).
    pub window_end: DateView,
    /// The day the party received the letter (送达日期), if recorded.
    pub served_on: Option<NaiveDate>,
    /// Whether `window_end` counts from a recorded served date (条例 Art 32).
    pub window_from_served: bool,
    /// Answer (同意公开 / 不同意公开 / 逾期未答复), if recorded.
    pub answer: Option<String>,
    /// When the answer came.
    pub answered_on: Option<NaiveDate>,
    /// Its reasons.
    pub reasons: Option<String>,
}

/// One event of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Number within the request (1 = registration).
    pub index: u32,
    /// Business date.
    pub on: NaiveDate,
    /// Kind (wire name).
    pub kind: String,
    /// Kind (Chinese).
    pub label: String,
    /// Recorder.
    pub by: String,
    /// Timestamp of recording.
    pub recorded_at: String,
    /// One-line summary (Chinese).
    pub summary: String,
    /// Chain hash.
    pub hash: String,
}

/// A step the law allows now.
#[derive(Debug, Clone, Serialize)]
pub struct NextStepView {
    /// The step (serialised as its wire name).
    pub step: StepKind,
    /// Chinese name.
    pub label: String,
}

/// Everything `show` tells about a request. JSON keys are stable (scripts rely on `case_no`,
/// `state`, `received_on`, `reply_due`, `reply_due_provisional`, `clock`, `outcome`, `events`).
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    /// Case number.
    pub case_no: String,
    /// State (serialised as its wire name).
    pub state: State,
    /// Stage (Chinese): 待拟办, 待审核, 征求意见中, 待补正, 已答复 …
    pub stage: String,
    /// 申请类别 (wire name): `disclosure`, or `record-correction` (更正申请, 条例 Art 41).
    pub kind: case::RequestKind,
    /// 申请类别 (Chinese): 政府信息公开申请, 更正申请.
    pub kind_label: String,
    /// Channel (wire name).
    pub channel: String,
    /// Channel (Chinese).
    pub channel_label: String,
    /// The applicant.
    pub applicant: ApplicantView,
    /// Description of the information sought.
    pub content: String,
    /// Form wanted.
    pub form: Option<String>,
    /// Way of obtaining.
    pub delivery: Option<String>,
    /// Incoming tracking number.
    pub tracking_no: Option<String>,
    /// Registration date.
    pub registered_on: NaiveDate,
    /// Receipt date R (条例 Art 31).
    pub received_on: Option<NaiveDate>,
    /// Day 0 of the reply period.
    pub clock_start: Option<NaiveDate>,
    /// `running`, `paused`, `stopped`, `not-started`.
    pub clock: String,
    /// Reply due date (the latest possible while paused).
    pub reply_due: Option<NaiveDate>,
    /// Whether `reply_due` is provisional.
    pub reply_due_provisional: bool,
    /// Whether the clock is paused (so `reply_due` is the latest it can become).
    pub reply_due_paused: bool,
    /// Reply due date before the extension.
    pub reply_due_before_extension: Option<NaiveDate>,
    /// Working days in the reply period (20, or 20 + extension).
    pub reply_period_wd: u32,
    /// How the reply due date was computed (Chinese, with articles).
    pub basis: String,
    /// Items missing under 条例 Art 29 (a correction notice is needed for them).
    pub needs_correction: Vec<String>,
    /// Last day to send a correction notice (7 WD after R).
    pub correction_window_end: Option<DateView>,
    /// The correction notice's date.
    pub correction_notice_on: Option<NaiveDate>,
    /// The items to correct.
    pub correction_items: Option<String>,
    /// The applicant's last day to correct.
    pub correction_deadline: Option<DateView>,
    /// The day the applicant received the correction notice (送达日期), if recorded.
    pub correction_served_on: Option<NaiveDate>,
    /// Whether `correction_deadline` counts from a recorded served date.
    pub correction_deadline_from_served: bool,
    /// When the corrected application arrived.
    pub correction_received_on: Option<NaiveDate>,
    /// A correction accepted after the period: the good reason recorded (条例 Art 30).
    pub correction_late_reason: Option<String>,
    /// Consultations.
    pub consultations: Vec<ConsultationView>,
    /// The current hand-off to a department (转办), with its internal deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<crate::case::Assignment>,
    /// Department of the current draft.
    pub department: Option<String>,
    /// Handler of the current draft.
    pub handler: Option<String>,
    /// Proposed outcome of the current draft (code).
    pub draft_outcome: Option<String>,
    /// The office's review of the draft (待审核 / 通过 / 退回).
    pub office_review: Option<String>,
    /// The leader's approval (待审批 / 同意 / 退回).
    pub leader_approval: Option<String>,
    /// Extension in force (see [`crate::case::Case::extension_in_force`]): working days.
    pub extension_wd: Option<u32>,
    /// Fee amount, yuan.
    pub fee_yuan: Option<u64>,
    /// Fee payment deadline (20 WD from the served date once recorded, else from the notice).
    pub fee_deadline: Option<DateView>,
    /// The day the applicant received the fee notice (送达日期), if recorded.
    pub fee_served_on: Option<NaiveDate>,
    /// Whether `fee_deadline` counts from a recorded served date (109号).
    pub fee_deadline_from_served: bool,
    /// How the fee was counted (method, the place in the applicant's month, the clerk's
    /// reason when the count differs from the register's), 109号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_basis: Option<String>,
    /// Outcome code (`1`, `3.4`, …) once concluded.
    pub outcome: Option<String>,
    /// Outcome label (Chinese, verbatim from the annual-report format).
    pub outcome_label: Option<String>,
    /// Reply or closing date.
    pub concluded_on: Option<NaiveDate>,
    /// For a correction-of-record request that was answered: its end (条例 Art 41).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_correction: Option<record_correction::RecordCorrectionView>,
    /// The reply letter's date, when the request was concluded by a reply.
    pub replied_on: Option<NaiveDate>,
    /// Whether the reply was late, and by how many working days.
    pub late_working_days: Option<u32>,
    /// The day the applicant received the reply letter (送达日期), if recorded.
    pub reply_served_on: Option<NaiveDate>,
    /// The last day to apply for 行政复议: 60 days from the served date (复议法 Art 20).
    pub reconsideration_until: Option<NaiveDate>,
    /// The last day to bring a lawsuit: 6 months from the served date (诉讼法 Art 46).
    pub lawsuit_until: Option<NaiveDate>,
    /// Archive file number.
    pub archive_file_no: Option<String>,
    /// Appeals (复议、诉讼), in filing order.
    pub appeals: Vec<AppealView>,
    /// The letters issued (出具的文书), in order.
    pub letters: Vec<letters::LetterView>,
    /// Recorded steps that the rules would refuse on the facts as amended and the calendar in
    /// force (see [`crate::case::audit`]); empty when all is regular or the events were not
    /// loaded.
    pub irregularities: Vec<String>,
    /// What may be done now.
    pub next_steps: Vec<NextStepView>,
    /// The timeline (empty when not loaded).
    pub events: Vec<EventView>,
}

fn mask(v: &Option<String>, reveal: bool, f: fn(&str) -> String) -> Option<String> {
    v.as_ref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| if reveal { s.clone() } else { f(s) })
}

fn decision(d: &Decision, pending: &str, ok: &str) -> String {
    match d {
        Decision::Pending => pending.to_string(),
        Decision::Approved { on, by } => format!("{ok}（{by}，{on}）"),
        Decision::Returned { on, by, comments } => format!(
            "退回（{by}，{on}）{}",
            comments
                .as_deref()
                .map(|c| format!("：{c}"))
                .unwrap_or_default()
        ),
    }
}

/// One appeal of a request (行政复议 or 行政诉讼, table 四).
#[derive(Debug, Clone, Serialize)]
pub struct AppealView {
    /// `reconsideration`, `lawsuit-direct` or `lawsuit-after-reconsideration`.
    pub kind: String,
    /// The Chinese label of the kind.
    pub kind_label: String,
    /// Filing date.
    pub filed_on: NaiveDate,
    /// Reconsideration body or court.
    pub body: String,
    /// Its case reference, if recorded.
    pub reference: Option<String>,
    /// The result's date, once decided.
    pub decided_on: Option<NaiveDate>,
    /// The result's label (结果维持 / 结果纠正 / 其他结果), once decided.
    pub result: Option<String>,
}

impl CaseView {
    /// Builds the view of `case` as of `as_of` with its `events` (may be empty).
    ///
    /// # Errors
    /// A date outside the calendar.
    pub fn build(
        case: &Case,
        events: &[StoredEvent],
        cal: &Calendar,
        as_of: NaiveDate,
        reveal: bool,
    ) -> anyhow::Result<CaseView> {
        let dl = case::deadlines(case, cal, as_of)?;
        let plain: Vec<crate::case::Event> = events.iter().map(|e| e.event.clone()).collect();
        let r = &case.registration;
        let consultations = case
            .consultations
            .iter()
            .zip(&dl.consultation_windows)
            .map(|(c, w)| ConsultationView {
                party: c.party.name.clone(),
                kind: match c.party.kind {
                    PartyKind::ThirdParty => "第三方".to_string(),
                    PartyKind::Agency => "其他机关".to_string(),
                },
                article: case::consultation::article(c.party.kind).to_string(),
                sent_on: c.sent_on,
                window_end: (*w).into(),
                served_on: c.served_on,
                window_from_served: c.served_on.is_some(),
                answer: c.answer.as_ref().map(|a| match (a.answer, c.party.kind) {
                    (Answer::None, PartyKind::Agency) => {
                        "逾期未答复（视为同意，条例第三十四条）".to_string()
                    }
                    (x, _) => x.label().to_string(),
                }),
                answered_on: c.answer.as_ref().map(|a| a.on),
                reasons: c.answer.as_ref().and_then(|a| a.reasons.clone()),
            })
            .collect();
        let consultation_open = dl.consultation_open();
        let rc = record_correction::view(case);
        let reply_served_on = case
            .conclusion
            .as_ref()
            .and_then(|c| c.reply.as_ref().and_then(|r| r.served_date(c.on)))
            .or(rc.as_ref().and_then(|r| r.served_on));
        let next_steps = case::next_steps(case, cal, as_of)
            .into_iter()
            .map(|k: StepKind| NextStepView {
                step: k,
                label: k.label().to_string(),
            })
            .collect();
        Ok(CaseView {
            case_no: case.case_no.clone(),
            state: case.state,
            stage: case.stage_label(consultation_open).to_string(),
            kind: r.kind,
            kind_label: r.kind.label().to_string(),
            channel: r.channel.name().to_string(),
            channel_label: r.channel.label().to_string(),
            applicant: ApplicantView {
                name: r.applicant.name.clone(),
                kind: r.applicant_type.name().to_string(),
                type_label: r.applicant_type.label().to_string(),
                id_type: r.applicant.id_type.map(|t| t.label().to_string()),
                id_number: mask(&r.applicant.id_number, reveal, mask_id),
                phone: mask(&r.applicant.phone, reveal, mask_phone),
                email: mask(&r.applicant.email, reveal, mask_email),
                address: mask(&r.applicant.address, reveal, mask_address),
                postcode: r.applicant.postcode.clone(),
                agent: r.agent.as_ref().map(|a| a.name.clone()),
                agent_id_number: r
                    .agent
                    .as_ref()
                    .and_then(|a| mask(&a.id_number, reveal, mask_id)),
                agent_phone: r
                    .agent
                    .as_ref()
                    .and_then(|a| mask(&a.phone, reveal, mask_phone)),
            },
            content: r.content.clone(),
            form: r.form.clone(),
            delivery: r.delivery.clone(),
            tracking_no: r.tracking_no.clone(),
            registered_on: case.registered_on,
            received_on: case.received_on,
            clock_start: case.clock_start,
            clock: serde_json::to_value(dl.clock)?
                .as_str()
                .unwrap_or_default()
                .to_string(),
            reply_due: dl.reply_due.map(|d| d.value),
            reply_due_provisional: dl.reply_due.is_some_and(|d| d.provisional),
            reply_due_paused: dl.clock == case::ClockStatus::Paused && dl.reply_due.is_some(),
            reply_due_before_extension: case
                .extension_in_force()
                .and(dl.reply_due_before_extension.map(|d| d.value)),
            reply_period_wd: dl.period_wd,
            basis: record_correction::basis(case, &dl.basis),
            needs_correction: case.needs_correction.clone(),
            correction_window_end: dl
                .correction_window_end
                .filter(|_| !case.is_record_correction())
                .map(Into::into),
            correction_notice_on: case.correction.as_ref().map(|c| c.notice_on),
            correction_items: case.correction.as_ref().map(|c| c.items.clone()),
            correction_deadline: dl.correction_deadline.map(Into::into),
            correction_served_on: case.correction.as_ref().and_then(|c| c.served_on),
            correction_deadline_from_served: case
                .correction
                .as_ref()
                .is_some_and(|c| c.served_on.is_some()),
            correction_received_on: case.correction.as_ref().and_then(|c| c.received_on),
            correction_late_reason: case.correction.as_ref().and_then(|c| c.late_reason.clone()),
            consultations,
            assignment: case.assignment.clone(),
            department: case.draft.as_ref().map(|d| d.department.clone()),
            handler: case.draft.as_ref().map(|d| d.handler.clone()),
            draft_outcome: case.draft.as_ref().map(|d| d.outcome.code()),
            office_review: case
                .draft
                .as_ref()
                .map(|d| decision(&d.office, "待审核", "审核通过")),
            leader_approval: case
                .draft
                .as_ref()
                .map(|d| decision(&d.leader, "待审批", "审批同意")),
            extension_wd: case.extension_in_force().map(|e| e.working_days),
            fee_yuan: case.fee.as_ref().map(|f| f.amount_yuan),
            fee_deadline: dl.fee_deadline.map(Into::into),
            fee_basis: case.fee.as_ref().map(fee_basis),
            fee_served_on: case.fee.as_ref().and_then(|f| f.served_on),
            fee_deadline_from_served: case.fee.as_ref().is_some_and(|f| f.served_on.is_some()),
            outcome: case
                .conclusion
                .as_ref()
                .filter(|_| !case.is_record_correction())
                .map(|c| c.outcome.code()),
            outcome_label: record_correction::outcome_label(case, rc.as_ref()),
            concluded_on: case.conclusion.as_ref().map(|c| c.on),
            replied_on: case
                .conclusion
                .as_ref()
                .filter(|c| c.reply.is_some())
                .map(|c| c.on)
                .or(rc.as_ref().map(|a| a.answered_on)),
            record_correction: rc,
            late_working_days: dl.reply_late_wd,
            reply_served_on,
            reconsideration_until: reply_served_on.map(case::service::reconsideration_until),
            lawsuit_until: reply_served_on.map(case::service::lawsuit_until),
            archive_file_no: case.archive.as_ref().map(|a| a.file_no.clone()),
            appeals: case
                .appeals
                .iter()
                .map(|a| AppealView {
                    kind: serde_json::to_value(a.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    kind_label: a.kind.label().to_string(),
                    filed_on: a.filed_on,
                    body: a.body.clone(),
                    reference: a.reference.clone(),
                    decided_on: a.result.map(|(d, _)| d),
                    result: a.result.map(|(_, r)| r.label().to_string()),
                })
                .collect(),
            letters: letters::letter_views(case),
            irregularities: if events.is_empty() {
                vec![]
            } else {
                case::audit(&plain, cal)
            },
            next_steps,
            events: events
                .iter()
                .enumerate()
                .map(|(i, e)| EventView {
                    index: e.index,
                    on: e.event.on,
                    kind: e.event.step.kind_name().to_string(),
                    label: e.event.step.kind().label().to_string(),
                    by: e.event.by.clone(),
                    recorded_at: e.recorded_at.clone(),
                    summary: summarize_at(&plain, i, reveal),
                    hash: e.hash.clone(),
                })
                .collect(),
        })
    }

    /// The deadlines in force, one Chinese line each (echoed after every step).
    pub fn deadline_lines(&self) -> Vec<String> {
        let mut v = Vec::new();
        let closed_without_reply = self.concluded_on.is_some() && self.replied_on.is_none();
        match &self.reply_due {
            _ if closed_without_reply => v.push(format!(
                "答复期限：不再计算（{} 已办结，无须答复）",
                self.concluded_on.map(|d| d.to_string()).unwrap_or_default()
            )),
            Some(d) => {
                let mut s = format!(
                    "答复期限：{}",
                    show_date(&Some(DateView {
                        date: *d,
                        provisional: self.reply_due_provisional
                    }))
                );
                if self.reply_due_paused {
                    s += "（暂停计时中，最晚可能的日期）";
                }
                match (self.replied_on, self.late_working_days) {
                    (Some(on), Some(w)) => s += &format!("；已于 {on} 答复，逾期 {w} 个工作日"),
                    (Some(on), None) => s += &format!("；已于 {on} 答复，未逾期"),
                    _ => {}
                }
                v.push(s);
                v.push(format!("  依据：{}", self.basis));
            }
            None => v.push(format!("答复期限：{}", self.basis)),
        }
        let notice = period::CORRECTION_NOTICE;
        let window_open = self
            .next_steps
            .iter()
            .any(|s| s.step == StepKind::CorrectionNotice);
        if self.needs_correction.is_empty() && self.correction_notice_on.is_none() && window_open {
            v.push(format!(
                "补正通知期限：如需补正，最迟 {} 一次性告知（收到申请之日起 {}，{}）",
                show_date(&self.correction_window_end),
                notice.days(),
                notice.article
            ));
        }
        if !self.needs_correction.is_empty()
            && self.correction_notice_on.is_none()
            && self.correction_window_end.is_none()
        {
            v.push(format!(
                "申请缺少{}（条例第二十九条），需发补正通知：确认收到之日起 {}内",
                self.needs_correction.join("、"),
                notice.days()
            ));
        } else if !self.needs_correction.is_empty() && self.correction_notice_on.is_none() {
            if window_open {
                v.push(format!(
                    "申请缺少{}（条例第二十九条），需发补正通知，最迟 {}",
                    self.needs_correction.join("、"),
                    show_date(&self.correction_window_end)
                ));
            } else if self.state.is_open() {
                v.push(format!(
                    "申请缺少{}（条例第二十九条），补正通知期限已于 {} 届满，未发补正通知：按现有申请内容办理",
                    self.needs_correction.join("、"),
                    show_date(&self.correction_window_end)
                ));
            }
        }
        if self.correction_notice_on.is_some() {
            v.push(format!(
                "补正：{} 发出通知，{}申请人补正期限 {}{}",
                self.correction_notice_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                served_or_earliest(
                    self.correction_served_on,
                    self.state == State::AwaitingCorrection
                ),
                show_date(&self.correction_deadline),
                match (self.correction_received_on, &self.correction_late_reason) {
                    (Some(d), Some(r)) => format!("，{d} 收到补正（逾期，正当理由：{r}）"),
                    (Some(d), None) => format!("，{d} 收到补正"),
                    _ => String::new(),
                }
            ));
        }
        for c in &self.consultations {
            v.push(format!(
                "征求意见：{}（{}）{} 发函，{}答复期限 {}{}",
                c.party,
                c.kind,
                c.sent_on,
                served_or_earliest(c.served_on, c.answer.is_none()),
                show_date(&Some(c.window_end.clone())),
                match (&c.answer, c.answered_on) {
                    (Some(a), Some(d)) => format!("，{d} {a}"),
                    _ => "，尚未答复".to_string(),
                }
            ));
        }
        if let Some(f) = self.fee_yuan {
            v.push(format!(
                "信息处理费：{f} 元（{}），{}缴费期限 {}",
                self.fee_basis.as_deref().unwrap_or_default(),
                served_or_earliest(self.fee_served_on, self.state == State::AwaitingFee),
                show_date(&self.fee_deadline)
            ));
        }
        if let (Some(o), Some(d)) = (&self.outcome_label, self.concluded_on) {
            v.push(format!("办理结果：{o}（{d}）"));
        }
        match (self.replied_on, self.reply_served_on) {
            (Some(_), Some(s)) => v.push(format!(
                "答复送达：{s}；申请行政复议至 {}（60 日，复议法第二十条），提起行政诉讼至 {}（6 个月，行政诉讼法第四十六条）",
                self.reconsideration_until
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                self.lawsuit_until.map(|d| d.to_string()).unwrap_or_default()
            )),
            (Some(_), None) if self.record_correction.is_some() => v.push(
                "答复送达：送达日期未记录（行政复议、行政诉讼期限自送达之日起算；可用 disclose amend 补记更正答复的 served_on）"
                    .to_string(),
            ),
            (Some(_), None) => v.push(
                "答复送达：送达日期未记录（行政复议、行政诉讼期限自送达之日起算；可用 disclose served 补记）"
                    .to_string(),
            ),
            _ => {}
        }
        v
    }

    /// Headers and the one row of this view as CSV.
    pub fn csv_row(&self) -> (Vec<&'static str>, Vec<String>) {
        let opt = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        (
            vec![
                "case_no",
                "state",
                "stage",
                "received_on",
                "reply_due",
                "reply_due_provisional",
                "clock",
                "outcome",
            ],
            vec![
                self.case_no.clone(),
                self.state.name().to_string(),
                self.stage.clone(),
                opt(&self.received_on),
                opt(&self.reply_due),
                self.reply_due_provisional.to_string(),
                self.clock.clone(),
                self.outcome.clone().unwrap_or_default(),
            ],
        )
    }
}

/// How a fee was counted, in Chinese (109号): by page, the pages; by item, this application's
/// place(s) in its applicant's month, and the clerk's reason when it differs from the register.
fn fee_basis(f: &crate::case::Fee) -> String {
    use crate::case::fee::FeeMethod;
    match f.method {
        FeeMethod::ByPage => format!("{} {} 页", f.method.label(), f.count),
        FeeMethod::ByItem => {
            let p = f.places.unwrap_or(1);
            let mut s = if p > 1 {
                format!(
                    "{}，拆分为 {p} 件，为该申请人本月第 {}–{} 件",
                    f.method.label(),
                    f.count.saturating_sub(p) + 1,
                    f.count
                )
            } else {
                format!("{}，为该申请人本月第 {} 件", f.method.label(), f.count)
            };
            if let Some(n) = f.register_count {
                s += &format!("；登记簿计为第 {n} 件");
                if let Some(r) = &f.override_reason {
                    s += &format!("，经办人核定理由：{r}");
                }
            }
            s
        }
    }
}

/// Before a window's date: the served date it counts from, or, while it is still awaited and
/// no served date is recorded, that it is the earliest (最早, counted from the sending day;
/// SPEC §3).
fn served_or_earliest(served_on: Option<NaiveDate>, awaited: bool) -> String {
    match served_on {
        Some(d) => format!("{d} 送达，"),
        None if awaited => "送达日期未记录，按发出之日计算最早".to_string(),
        None => String::new(),
    }
}
