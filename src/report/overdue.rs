//! The weekly overdue report (SPEC.md §5; issue: "the weekly overdue report"): as of a date,
//! every open request whose next duty is late or due within N working days, one row each.
//!
//! The duties, in the order they are looked at:
//! - the reply (条例 Art 33): overdue, or due within N working days — not while the clock is
//!   paused by an open consultation or an unpaid fee notice;
//! - the correction notice (Art 30, 7 working days after receipt) for a request flagged as lacking
//!   identity proof or contact details (Art 29): window closing, or closed with no notice sent;
//! - the applicant's correction period lapsed: ready to close as （六）1;
//! - a consultation window (Art 32, 34: 15 working days) ended with answers missing: the clock
//!   runs again;
//! - the fee payment period (109号: 20 working days) lapsed: ready to close as （六）2;
//! - an ordinary letter still waiting for the applicant to be reached (Art 31: no clock yet);
//! - last, the internal deadline of a hand-off to a department (转办, 本机关制度): passed, or
//!   within N working days. It is no legal period: every row keeps the legal reply date beside
//!   it, and a row for it never counts as the agency being late.
//!
//! One row per request: the reply when it is overdue or due soon, otherwise the most urgent of
//! the others. "Working days left" is the signed working-day distance from the report date to
//! the due date: 0 due that day, negative when late.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, CalendarError};
use crate::case::identity::mask_name;
use crate::case::{self, Case, ClockStatus, State};

/// What is late or due (the stage of a row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Duty {
    /// 答复已逾期.
    ReplyOverdue,
    /// 答复即将到期.
    ReplyDueSoon,
    /// 补正告知期限将届满 (flagged request, no notice yet).
    CorrectionNoticeDue,
    /// 补正告知期限已过，未发补正通知.
    CorrectionNoticeMissed,
    /// 补正期限已过，可按（六）1 办结.
    CorrectionLapsed,
    /// 征求意见期满，意见未到齐，恢复计时.
    ConsultationEnded,
    /// 缴费期限已过，可按（六）2 办结.
    FeeLapsed,
    /// 平常信函待确认收到（未计时）.
    AwaitingConfirmation,
    /// 答复书邮寄已逾 10 个工作日，送达日期未记录 (SPEC §8).
    ReplyServiceUnknown,
    /// 科室内部办理期限已过 (转办).
    InternalOverdue,
    /// 科室内部办理期限将到 (转办).
    InternalDueSoon,
}

impl Duty {
    /// The stage label (Chinese) shown in the report.
    pub fn label(&self) -> &'static str {
        match self {
            Duty::ReplyOverdue => "答复已逾期",
            Duty::ReplyDueSoon => "答复即将到期",
            Duty::CorrectionNoticeDue => "补正告知期限将届满",
            Duty::CorrectionNoticeMissed => "补正告知期限已过（未发补正通知）",
            Duty::CorrectionLapsed => "补正期限已过，可按（六）1 办结",
            Duty::ConsultationEnded => "征求意见期满未全部答复，已恢复计时",
            Duty::FeeLapsed => "缴费期限已过，可按（六）2 办结",
            Duty::AwaitingConfirmation => "平常信函待确认收到（未计时）",
            Duty::ReplyServiceUnknown => "答复书已邮寄，送达日期未记录（请查妥投记录）",
            Duty::InternalOverdue => "科室内部办理期限已过",
            Duty::InternalDueSoon => "科室内部办理期限将到",
        }
    }

    /// Whether this duty, once its date has passed, means the agency itself is late (the reply,
    /// the correction notice). The others are lapses of the applicant or a consulted party that
    /// leave the agency a step to take (close, resume), not a deadline it missed.
    pub fn agency_duty(&self) -> bool {
        matches!(self, Duty::ReplyOverdue | Duty::CorrectionNoticeMissed)
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueRow {
    /// Case number.
    pub case_no: String,
    /// Applicant, masked (张*).
    pub applicant: String,
    /// The duty (wire name).
    pub duty: Duty,
    /// The stage label (Chinese).
    pub stage: String,
    /// The due date of the duty (none for a letter awaiting confirmation).
    pub due: Option<NaiveDate>,
    /// Working days from the report date to `due`: negative when late, 0 due that day.
    pub working_days_left: Option<i64>,
    /// Whether `due` was computed through a year the calendar does not know.
    pub provisional: bool,
    /// Whether the count of working days left or late — or, for a letter awaiting
    /// confirmation, of working days waited — runs through such a year (every January until the
    /// new notice is added, for instance) while the due date itself may be certain.
    pub working_days_left_provisional: bool,
    /// Whether the due date has passed.
    pub overdue: bool,
    /// Whether the agency is late ([`Duty::agency_duty`] and the date has passed): what
    /// `--fail-if-any` and the report's 已逾期 count count.
    pub agency_late: bool,
    /// For a letter awaiting confirmation: working days since it arrived.
    pub waiting_working_days: Option<u32>,
    /// The reply due date, for context (none before the clock starts).
    pub reply_due: Option<NaiveDate>,
    /// The internal deadline of the hand-off to the department (转办), while it is pending.
    pub internal_due: Option<NaiveDate>,
    /// Department handling it.
    pub department: Option<String>,
    /// Handler.
    pub handler: Option<String>,
    /// 申请类别, written only for a correction-of-record request (`record-correction`, 条例
    /// Art 41, whose period the office sets at the reply's 20 working days, SPEC §8). Named
    /// `request_kind` in JSON: the weekly report's rows already carry a `kind` (request or
    /// document).
    #[serde(
        rename = "request_kind",
        skip_serializing_if = "crate::case::RequestKind::is_disclosure"
    )]
    pub kind: crate::case::RequestKind,
}

fn row(case: &Case, duty: Duty) -> OverdueRow {
    OverdueRow {
        case_no: case.case_no.clone(),
        applicant: mask_name(&case.registration.applicant.name),
        duty,
        stage: if case.is_record_correction() {
            format!("{}（{}）", duty.label(), case.registration.kind.label())
        } else {
            duty.label().to_string()
        },
        due: None,
        working_days_left: None,
        provisional: false,
        working_days_left_provisional: false,
        overdue: false,
        agency_late: false,
        waiting_working_days: None,
        reply_due: None,
        internal_due: case.internal_due(),
        department: case.department().map(str::to_string),
        handler: case.handler().map(str::to_string),
        kind: case.registration.kind,
    }
}

/// The row for `case` as of `as_of` with a look-ahead of `within` working days, or `None` when
/// nothing is late or due within it: a legal duty first; otherwise the internal deadline of the
/// hand-off (转办), passed or within the look-ahead, with the legal reply date beside it.
///
/// # Errors
/// [`CalendarError`] for dates outside the calendar.
pub fn duty_of(
    case: &Case,
    cal: &Calendar,
    as_of: NaiveDate,
    within: u32,
) -> Result<Option<OverdueRow>, CalendarError> {
    if let Some(r) = legal_duty_of(case, cal, as_of, within)? {
        return Ok(Some(r));
    }
    let Some(due) = case.internal_due() else {
        return Ok(None);
    };
    if !case.state.is_open() || case.state == State::AwaitingConfirmation {
        return Ok(None);
    }
    let left = cal.working_days_offset(as_of, due)?;
    let overdue = as_of > due;
    let left_value = if overdue {
        left.value.min(-1)
    } else {
        left.value
    };
    if !overdue && left_value > i64::from(within) {
        return Ok(None);
    }
    let dl = case::deadlines(case, cal, as_of)?;
    let mut r = row(
        case,
        if overdue {
            Duty::InternalOverdue
        } else {
            Duty::InternalDueSoon
        },
    );
    r.due = Some(due);
    r.working_days_left = Some(left_value);
    r.working_days_left_provisional = left.provisional;
    r.overdue = overdue;
    r.reply_due = dl.reply_due.map(|d| d.value);
    Ok(Some(r))
}

/// The row of a legal duty (reply, correction, consultation, fee, confirmation), if any.
fn legal_duty_of(
    case: &Case,
    cal: &Calendar,
    as_of: NaiveDate,
    within: u32,
) -> Result<Option<OverdueRow>, CalendarError> {
    let dl = case::deadlines(case, cal, as_of)?;
    let dated = |duty: Duty,
                 due: crate::calendar::Reckoned<NaiveDate>|
     -> Result<OverdueRow, CalendarError> {
        let left = cal.working_days_offset(as_of, due.value)?;
        let mut r = row(case, duty);
        r.due = Some(due.value);
        // Late on a weekend or holiday right after the due day is late by 1, not 0 (0 means
        // "due today").
        r.working_days_left = Some(if as_of > due.value {
            left.value.min(-1)
        } else {
            left.value
        });
        r.provisional = due.provisional;
        r.working_days_left_provisional = left.provisional;
        r.overdue = as_of > due.value;
        r.agency_late = r.overdue && duty.agency_duty();
        r.reply_due = dl.reply_due.map(|d| d.value);
        Ok(r)
    };
    let within = i64::from(within);
    // The row for a duty that is late, or due within the look-ahead; `None` otherwise.
    let late_or_due = |late: Duty,
                       due_soon: Duty,
                       due: crate::calendar::Reckoned<NaiveDate>|
     -> Result<Option<OverdueRow>, CalendarError> {
        let r = dated(if as_of > due.value { late } else { due_soon }, due)?;
        Ok((r.overdue || r.working_days_left.is_some_and(|l| l <= within)).then_some(r))
    };
    // The reply, whenever its clock runs (in progress; a correction notice or fee notice that
    // came too late to stop it): late or due soon, it is the request's row.
    let reply = match dl.reply_due {
        Some(due) if dl.clock == ClockStatus::Running => {
            late_or_due(Duty::ReplyOverdue, Duty::ReplyDueSoon, due)?
        }
        _ => None,
    };
    match case.state {
        State::Concluded | State::Archived => Ok(None),
        State::AwaitingConfirmation => {
            let mut r = row(case, Duty::AwaitingConfirmation);
            let waited = cal.working_days_between(case.registered_on, as_of)?;
            r.waiting_working_days = Some(waited.value);
            r.working_days_left_provisional = waited.provisional;
            Ok(Some(r))
        }
        State::AwaitingCorrection if dl.clock != ClockStatus::Running => {
            match dl.correction_deadline {
                Some(d) if as_of > d.value => dated(Duty::CorrectionLapsed, d).map(Some),
                _ => Ok(None),
            }
        }
        State::AwaitingFee if reply.is_some() => Ok(reply),
        State::AwaitingFee => match dl.fee_deadline {
            Some(d) if as_of > d.value => dated(Duty::FeeLapsed, d).map(Some),
            _ => Ok(None),
        },
        // In progress — or awaiting a correction whose notice came too late to stop the clock.
        // The reply's row comes first when it is late or due soon — unless the reply is only
        // due soon while the agency is already late with something else (a correction notice
        // not sent in its 7 working days, 条例 Art 30): that breach is not hidden.
        State::InProgress | State::AwaitingCorrection => {
            let mut others = Vec::new();
            if !case.needs_correction.is_empty()
                && crate::case::correction::notice_still_possible(case)
                && let Some(w) = dl.correction_window_end
            {
                others.extend(late_or_due(
                    Duty::CorrectionNoticeMissed,
                    Duty::CorrectionNoticeDue,
                    w,
                )?);
            }
            let mut ended = None;
            for c in case.unanswered() {
                let end = crate::case::consultation::window_end(cal, c.window_start())?;
                if as_of > end.value
                    && ended
                        .is_none_or(|e: crate::calendar::Reckoned<NaiveDate>| end.value > e.value)
                {
                    ended = Some(end);
                }
            }
            if let Some(end) = ended {
                others.push(dated(Duty::ConsultationEnded, end)?);
            }
            others.sort_by_key(|r| (r.working_days_left, r.duty));
            let first = others.into_iter().next();
            Ok(match reply {
                Some(r) if r.agency_late => Some(r),
                Some(_) if first.as_ref().is_some_and(|o| o.agency_late) => first,
                Some(r) => Some(r),
                None => first,
            })
        }
    }
}

/// The row for a reply sent by post whose served date is still not recorded (as of `as_of`)
/// more than [`case::service::REPLY_SERVICE_FOLLOW_UP_WD`] working days after it was sent: the
/// applicant's periods to challenge it run from that date (复议法 Art 20, 诉讼法 Art 46; SPEC
/// §8), so the delivery record should be looked up. Not the agency being late.
///
/// # Errors
/// [`CalendarError`] for dates outside the calendar.
pub fn reply_service_of(
    case: &Case,
    cal: &Calendar,
    as_of: NaiveDate,
) -> Result<Option<OverdueRow>, CalendarError> {
    let Some((on, reply)) = case
        .conclusion
        .as_ref()
        .and_then(|c| c.reply.as_ref().map(|r| (c.on, r)))
    else {
        return Ok(None);
    };
    if !reply.is_posted() || reply.served_on.is_some_and(|s| s <= as_of) || on > as_of {
        return Ok(None);
    }
    let due = cal.add_working_days(on, case::service::REPLY_SERVICE_FOLLOW_UP_WD)?;
    if as_of <= due.value {
        return Ok(None);
    }
    let left = cal.working_days_offset(as_of, due.value)?;
    let mut r = row(case, Duty::ReplyServiceUnknown);
    r.due = Some(due.value);
    r.working_days_left = Some(left.value.min(-1));
    r.provisional = due.provisional;
    r.working_days_left_provisional = left.provisional;
    r.overdue = true;
    Ok(Some(r))
}

/// Orders rows most urgent first: by working days left (most late first), then due date, then
/// case number; rows without a due date (letters awaiting confirmation) last, longest waiting
/// first.
pub fn sort(rows: &mut [OverdueRow]) {
    // Borrowed keys: no case number is copied for each of the n·log n comparisons.
    #[allow(clippy::type_complexity)]
    fn key(
        r: &OverdueRow,
    ) -> (
        bool,
        Option<i64>,
        Option<NaiveDate>,
        std::cmp::Reverse<Option<u32>>,
        &str,
    ) {
        (
            r.working_days_left.is_none(),
            r.working_days_left,
            r.due,
            std::cmp::Reverse(r.waiting_working_days),
            r.case_no.as_str(),
        )
    }
    rows.sort_by(|a, b| key(a).cmp(&key(b)));
}
