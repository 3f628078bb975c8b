//! The gate at recording time: which step the law or the procedure allows in which state, and
//! the refusal (with its article and the legal next steps) for every other. [`check`] only
//! dispatches: each step's precondition lives in the module of its step.

use chrono::NaiveDate;

use super::clock::{self, Deadlines};
use super::event::{Event, Step, StepKind};
use super::registration::{RegField, is_invisible};
use super::{
    Case, State, appeal, assignment, closing, consultation, correction, extension, fee, period,
    reasons, registration, reply, review, service,
};
use crate::calendar::Calendar;

/// A step refused: why (with the article it rests on) and what may be done instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    /// Why, in Chinese, citing the article.
    pub message: String,
    /// The steps the law allows now (rendered as commands by the command line).
    pub next: Vec<StepKind>,
    /// The field of the registration it is about, when it is about one.
    pub field: Option<RegField>,
    /// Command lines written out for this request (its real case number, event number, dates),
    /// each with the step it does: shown instead of the generic command of that step, or added
    /// to the steps when the step is not among `next`.
    pub commands: Commands,
}

/// Command lines written out for one refusal ([`Refusal::commands`]), each with its step;
/// kept behind one pointer so that a refusal, carried in every register error, stays small.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Commands(Option<Box<CommandList>>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct CommandList(Vec<(StepKind, String)>);

impl Commands {
    /// The command lines given (none: empty).
    pub fn new(list: Vec<(StepKind, String)>) -> Commands {
        Commands((!list.is_empty()).then(|| Box::new(CommandList(list))))
    }

    /// The command lines, in order.
    pub fn as_slice(&self) -> &[(StepKind, String)] {
        self.0.as_deref().map_or(&[], |c| &c.0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Refusal {
    /// A refusal with no next steps and no field.
    pub fn plain(message: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            next: vec![],
            field: None,
            commands: Commands::default(),
        }
    }
}

pub(super) fn refuse<T>(message: impl Into<String>, next: Vec<StepKind>) -> Result<T, Refusal> {
    Err(Refusal {
        message: message.into(),
        next,
        field: None,
        commands: Commands::default(),
    })
}

/// As [`refuse`], with command lines written out for this request ([`Refusal::commands`]).
pub(super) fn refuse_with<T>(
    message: impl Into<String>,
    next: Vec<StepKind>,
    commands: Vec<(StepKind, String)>,
) -> Result<T, Refusal> {
    Err(Refusal {
        message: message.into(),
        next,
        field: None,
        commands: Commands::new(commands),
    })
}

pub(super) fn calendar_refusal(e: crate::calendar::CalendarError) -> Refusal {
    Refusal::plain(e.to_string())
}

/// What every step's check sees: the request, the day, the calendar and the deadlines as of
/// that day.
pub(super) struct Gate<'a> {
    /// The request as it stands.
    pub case: &'a Case,
    /// The calendar.
    pub cal: &'a Calendar,
    /// The step's business date.
    pub on: NaiveDate,
    /// Today.
    pub today: NaiveDate,
    /// The kind of step being checked.
    pub kind: StepKind,
    /// The deadlines as of `on`.
    pub dl: Deadlines,
}

impl Gate<'_> {
    /// The legal next steps (for a refusal).
    pub fn next(&self) -> Vec<StepKind> {
        next_steps(self.case, self.cal, self.on)
    }

    /// Refuses the step unless the request is in one of `allowed`.
    pub fn in_state(&self, allowed: &[State]) -> Result<(), Refusal> {
        if allowed.contains(&self.case.state) {
            Ok(())
        } else {
            Err(state_refusal(self.case, self.kind, self.cal, self.on))
        }
    }
}

/// The steps the procedure allows for `case` on day `on` (what `show` offers, and what a
/// refusal lists as the legal next steps).
pub fn next_steps(case: &Case, cal: &Calendar, on: NaiveDate) -> Vec<StepKind> {
    use StepKind as K;
    if case.is_record_correction() {
        return super::record_correction::next_steps(case);
    }
    let dl = clock::deadlines(case, cal, on).ok();
    let mut v = Vec::new();
    match case.state {
        State::AwaitingConfirmation => v.extend([K::ConfirmReceipt, K::Withdraw]),
        State::AwaitingCorrection => {
            let lapsed = dl
                .as_ref()
                .and_then(|d| d.correction_deadline)
                .is_some_and(|d| on > d.value);
            v.push(if lapsed {
                K::CorrectionLapsed
            } else {
                K::CorrectionReceived
            });
            v.push(K::Assign);
            v.push(K::Withdraw);
        }
        State::AwaitingFee => {
            v.push(K::Assign);
            let lapsed = dl
                .as_ref()
                .and_then(|d| d.fee_deadline)
                .is_some_and(|d| on > d.value);
            v.push(if lapsed { K::FeeLapsed } else { K::FeePaid });
            if case.unanswered().next().is_some() {
                v.push(K::ConsultationAnswered);
            }
            if consultation::open_consultation(case, cal, on).is_none() {
                v.push(K::ConsultationSent);
            }
            v.push(K::Withdraw);
        }
        State::InProgress => {
            if correction::notice_still_possible(case)
                && dl
                    .as_ref()
                    .and_then(|d| d.correction_window_end)
                    .is_some_and(|w| on <= w.value)
            {
                v.push(K::CorrectionNotice);
            }
            let open = consultation::open_consultation(case, cal, on).is_some();
            if case.unanswered().next().is_some() {
                v.push(K::ConsultationAnswered);
            }
            if !open {
                v.push(K::ConsultationSent);
            }
            v.push(K::Assign);
            let holding = consultation::holding_consultation(case, cal, on, dl.as_ref()).is_some();
            v.extend(review::next_step(case.draft.as_ref(), holding));
            if case.extension_in_force().is_none()
                && dl
                    .as_ref()
                    .and_then(|d| d.reply_due)
                    .is_some_and(|d| on <= d.value)
            {
                v.push(K::Extension);
            }
            // 条例 Art 35: ask for reasons, assess them, set a reasonable later deadline.
            let due_passed = dl
                .as_ref()
                .and_then(|d| d.reply_due)
                .is_some_and(|d| on > d.value);
            match &case.reasons {
                None => v.push(K::ReasonsAsked),
                Some(r) if r.answer.is_none() => v.push(K::ReasonsAnswered),
                Some(r) if r.answer.is_some_and(|(_, ok)| ok) && r.deadline.is_none() => {
                    if !due_passed {
                        v.push(K::ReasonableDeadline);
                    }
                }
                Some(_) => {}
            }
            // A fee notice stops the clock only up to the due day (109号; SPEC §3).
            if case.fee.is_none()
                && dl
                    .as_ref()
                    .and_then(|d| d.reply_due)
                    .is_some_and(|d| on <= d.value)
            {
                v.push(K::FeeNotice);
            }
            v.push(K::Withdraw);
        }
        State::Concluded => v.extend([K::Archive, K::AppealFiled]),
        State::Archived => v.push(K::AppealFiled),
    }
    if case.appeals.iter().any(|a| a.result.is_none()) {
        v.push(K::AppealDecided);
    }
    if case.state != State::Archived {
        v.push(K::Amend);
    }
    v
}

/// Whether the procedure accepts a step of `kind` on `case` on day `on`: what a hint may
/// suggest, so that every suggested command is one the tool would record. One of
/// [`next_steps`], or a consultation of another party while one is open (条例 Art 32: only the
/// same party twice is refused, [`consultation`]), which `show` does not offer since a second
/// letter stops no clock.
pub fn accepts(case: &Case, cal: &Calendar, on: NaiveDate, kind: StepKind) -> bool {
    next_steps(case, cal, on).contains(&kind)
        || (kind == StepKind::ConsultationSent
            && matches!(case.state, State::InProgress | State::AwaitingFee))
}

fn state_refusal(case: &Case, step: StepKind, cal: &Calendar, on: NaiveDate) -> Refusal {
    let why = match case.state {
        State::AwaitingConfirmation => {
            "这封平常信函尚未与申请人确认收到，答复期限未起算（条例第三十一条）".to_string()
        }
        State::AwaitingCorrection => {
            let d = clock::deadlines(case, cal, on)
                .ok()
                .and_then(|d| d.correction_deadline)
                .map(|d| d.value.to_string())
                .unwrap_or_default();
            format!(
                "本申请正在等待申请人补正（补正期限至 {d}，{}）",
                period::CORRECTION_PERIOD.article
            )
        }
        State::AwaitingFee => "本申请正在等待申请人缴纳信息处理费（109号）".to_string(),
        State::InProgress => match step {
            StepKind::FeePaid | StepKind::FeeLapsed if case.fee.is_none() => {
                "本申请没有发出过收费通知".to_string()
            }
            StepKind::FeePaid | StepKind::FeeLapsed => "本申请的信息处理费已经缴纳".to_string(),
            StepKind::CorrectionReceived | StepKind::CorrectionLapsed => match &case.correction {
                None => "本申请没有发出过补正通知".to_string(),
                Some(c) => format!(
                    "补正后的申请已于 {} 收到",
                    c.received_on.map(|d| d.to_string()).unwrap_or_default()
                ),
            },
            StepKind::ConfirmReceipt => format!(
                "本申请已于 {} 收到，无须再确认（只有联系不上申请人的平常信函才需要确认收到）",
                case.received_on.map(|d| d.to_string()).unwrap_or_default()
            ),
            _ => "本申请正在办理中".to_string(),
        },
        State::Concluded => {
            let c = case.conclusion.as_ref();
            format!(
                "本申请已于 {} 办结（{}）",
                c.map(|c| c.on.to_string()).unwrap_or_default(),
                c.map(|c| c.outcome.label()).unwrap_or_default()
            )
        }
        State::Archived => format!(
            "本申请已于 {} 归档，归档后只读，只能登记复议、诉讼（条例第四十五条）",
            case.archive
                .as_ref()
                .map(|a| a.on.to_string())
                .unwrap_or_default()
        ),
    };
    Refusal {
        message: format!("不能记录“{}”：{why}", step.label()),
        next: next_steps(case, cal, on),
        field: None,
        commands: Commands::default(),
    }
}

/// Checks the recorder's name: not blank, and without line breaks or other control characters
/// (it is one field of the event's hash).
pub(super) fn check_recorder(by: &str) -> Result<(), Refusal> {
    if by.trim().is_empty() {
        return refuse("经办人（--by）不能为空", vec![]);
    }
    if by.chars().any(|c| c.is_control() || is_invisible(c)) {
        return refuse(
            "经办人姓名（--by 或配置文件的 clerk）不能含换行、控制字符或看不见的格式字符",
            vec![],
        );
    }
    Ok(())
}

/// Checks whether `e` may be recorded on `case` (`None` before registration) on the calendar
/// `cal`, `today` being the current date.
///
/// # Errors
/// A [`Refusal`] citing the article, with the legal next steps. Amendments are checked by
/// [`super::check_amendment`], which needs the whole log.
pub fn check(
    case: Option<&Case>,
    e: &Event,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<(), Refusal> {
    use StepKind as K;
    if e.on > today {
        return refuse(
            format!(
                "业务日期 {} 晚于今天（{today}）：只能记录已经发生的步骤",
                e.on
            ),
            vec![],
        );
    }
    check_recorder(&e.by)?;
    let case = match (case, &e.step) {
        (None, Step::Register(r)) => return registration::check_new(e, r),
        (Some(c), Step::Register(_)) => {
            return refuse(format!("{} 已经登记，不能重复登记", c.case_no), vec![]);
        }
        (None, _) => return refuse("案件不存在：请先登记", vec![K::Register]),
        (Some(c), _) => c,
    };
    let kind = e.step.kind();
    let on = e.on;
    // Appeals are often learned of late (a reconsideration body's notice arrives after the file
    // was archived): they keep their own dates, checked in their module, instead of the step
    // order.
    if let Step::LetterIssued(l) = &e.step {
        return super::letter::check(case, l);
    }
    // A served date is learned from the delivery record after later steps: it keeps its own
    // date, checked against its letter in [`service`].
    if !matches!(
        kind,
        K::Amend | K::AppealFiled | K::AppealDecided | K::Served
    ) && on < case.last_on
    {
        return refuse(
            format!(
                "业务日期 {on} 早于本申请最近一项记录的日期 {}：请按发生的先后顺序记录各步骤；如先前记录的日期有误，请用更正（amend）",
                case.last_on
            ),
            vec![K::Amend],
        );
    }
    if case.state == State::Archived
        && !matches!(kind, K::AppealFiled | K::AppealDecided | K::Served)
    {
        return Err(state_refusal(case, kind, cal, on));
    }
    let g = Gate {
        case,
        cal,
        on,
        today,
        kind,
        dl: clock::deadlines(case, cal, on).map_err(calendar_refusal)?,
    };
    super::record_correction::check_kind(&g, &e.step)?;
    match &e.step {
        Step::Register(_) => unreachable!("handled above"),
        Step::ConfirmReceipt => registration::check_confirm(&g),
        Step::CorrectionNotice {
            items,
            period_wd,
            served_on,
        } => correction::check_notice(&g, items, *period_wd, *served_on),
        Step::CorrectionReceived { late_reason, .. } => {
            correction::check_received(&g, late_reason.as_deref())
        }
        Step::CorrectionLapsed {
            served_unknown_reason,
        } => correction::check_lapsed(&g, served_unknown_reason.as_deref()),
        Step::ConsultationSent { parties, served_on } => {
            consultation::check_sent(&g, parties, *served_on)
        }
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
            served_unknown_reason,
        } => consultation::check_answered(
            &g,
            party,
            *answer,
            reasons,
            served_unknown_reason.as_deref(),
        ),
        Step::Draft {
            department,
            handler,
            outcome,
            reasons,
            basis,
            public_interest,
        } => review::check_draft(
            &g,
            department,
            handler,
            *outcome,
            [reasons, basis, public_interest],
        ),
        Step::Assign {
            department,
            handler,
            due,
        } => assignment::check(&g, department, handler, *due),
        Step::OfficeReview { approved, comments } => review::check_office(&g, *approved, comments),
        Step::LeaderApproval {
            approved,
            leader,
            comments,
        } => review::check_leader(&g, *approved, leader, comments),
        Step::Extension {
            working_days,
            approver,
            reason,
            notified_on,
        } => extension::check(&g, *working_days, approver, reason, *notified_on),
        Step::FeeNotice {
            method,
            count,
            amount_yuan,
            places,
            register_count,
            reason,
            served_on,
        } => fee::check_notice(
            &g,
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
        Step::FeePaid => fee::check_paid(&g),
        Step::FeeLapsed {
            served_unknown_reason,
        } => fee::check_lapsed(&g, served_unknown_reason.as_deref()),
        Step::Served { letter, party } => service::check(&g, *letter, party.as_deref()),
        Step::ReasonsAsked => reasons::check_ask(&g),
        Step::ReasonsAnswered { .. } => reasons::check_answer(&g),
        Step::ReasonableDeadline { due, notified_on } => {
            reasons::check_deadline(&g, *due, *notified_on)
        }
        Step::Reply(r) => reply::check(&g, r),
        Step::RecordCorrectionReply(r) => super::record_correction::check(&g, r),
        Step::Withdraw { .. } => closing::check_withdraw(&g),
        Step::Archive { file_no } => closing::check_archive(&g, file_no),
        Step::Amend(_) => refuse("更正须回放整个事件记录，请用 check_amendment", vec![]),
        Step::AppealFiled { body, .. } => appeal::check_filed(case, on, body),
        Step::AppealDecided { number, .. } => appeal::check_decided(case, on, *number),
        Step::LetterIssued(_) => unreachable!("handled above"),
    }
}
