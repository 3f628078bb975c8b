//! The clocks of a request: the reply due date and every other deadline, derived from the
//! request's facts and the calendar, never stored (SPEC.md §1, §3).
//!
//! The reply period is 20 working days after the clock start (条例 Art 33 ¶1): the receipt date
//! R (Art 31), or the day the corrected application arrived (Art 30, the clock restarts from
//! zero). An approved extension adds at most 20 more (Art 33 ¶2). Working days inside a pause
//! are not counted: consultation of a third party or another agency (Art 33 ¶3) from the day
//! after the letter was sent to the day the answer arrived or the 15-working-day window closed,
//! and the time from a fee notice to payment (109号). A pause is the half-open interval
//! `(sent, ended]`. While a pause is open, the due date shown is the latest it can become.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Case, State};
use crate::calendar::{Calendar, CalendarError, Reckoned};

/// The reply period, in working days after the clock start (条例 Art 33 ¶1).
pub const REPLY_PERIOD_WD: u32 = 20;
/// The longest extension, in working days (条例 Art 33 ¶2).
pub const MAX_EXTENSION_WD: u32 = 20;
/// The window for a correction notice, in working days after R (条例 Art 30).
pub const CORRECTION_WINDOW_WD: u32 = 7;
/// A consulted party's window, in working days after the letter (条例 Art 32, 34).
pub const CONSULTATION_WINDOW_WD: u32 = 15;
/// The applicant's period to pay a fee, in working days after the notice (109号).
pub const FEE_PERIOD_WD: u32 = 20;

/// Whether the reply clock runs, as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockStatus {
    /// No receipt date yet (ordinary letter, applicant not reached).
    NotStarted,
    /// Counting.
    Running,
    /// Not counting: awaiting a correction, a consulted party's answer or a fee payment.
    Paused,
    /// The request is concluded.
    Stopped,
}

impl ClockStatus {
    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            ClockStatus::NotStarted => "未起算",
            ClockStatus::Running => "计时中",
            ClockStatus::Paused => "暂停计时",
            ClockStatus::Stopped => "已停止",
        }
    }
}

/// One interval of working days not counted: `(from, to]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pause {
    /// The day the letter or notice was sent (itself still counted).
    pub from: NaiveDate,
    /// The last day not counted (the answer's or payment's day, or the window's last day).
    pub to: NaiveDate,
    /// Still open as of the date asked (so `to` is the latest it can be).
    pub open: bool,
    /// Whether it stops the reply clock: false for a letter or notice sent on or after the day
    /// the reply was already due (the period had run out; a pause cannot revive it).
    pub counted: bool,
    /// Why (Chinese, with the article).
    pub why: String,
}

/// Every deadline of a request as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Whether the reply clock runs.
    pub clock: ClockStatus,
    /// The day the reply period is counted from (day 0), if any.
    pub clock_start: Option<NaiveDate>,
    /// Working days in the reply period (20, plus an extension).
    pub period_wd: u32,
    /// The reply due date (答复期限), if a clock started and no correction is awaited. While
    /// paused, the latest date it can become.
    pub reply_due: Option<Reckoned<NaiveDate>>,
    /// The reply due date before any extension.
    pub reply_due_before_extension: Option<Reckoned<NaiveDate>>,
    /// The pauses taken into account.
    pub pauses: Vec<Pause>,
    /// How the reply due date was computed, in Chinese, with its legal basis.
    pub basis: String,
    /// Last day for a correction notice: 7 WD after R (Art 30).
    pub correction_window_end: Option<Reckoned<NaiveDate>>,
    /// Last day for the applicant to correct: the notice's period after the notice date.
    pub correction_deadline: Option<Reckoned<NaiveDate>>,
    /// Each consulted party's window end (15 WD after the letter), in consultation order.
    pub consultation_windows: Vec<Reckoned<NaiveDate>>,
    /// Last day to pay a fee: 20 WD after the notice (109号).
    pub fee_deadline: Option<Reckoned<NaiveDate>>,
    /// For a reply served after the due date: by how many working days.
    pub reply_late_wd: Option<u32>,
}

/// The day reached by counting `n` working days after `start`, not counting the working days
/// inside `pauses` (each `(from, to]`). SPEC.md §3 "Pauses combine".
///
/// # Errors
/// [`CalendarError::OutOfRange`] when the count runs outside the calendar.
pub fn count_with_pauses(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
    pauses: &[(NaiveDate, NaiveDate)],
) -> Result<Reckoned<NaiveDate>, CalendarError> {
    let mut sorted: Vec<(NaiveDate, NaiveDate)> = pauses.to_vec();
    sorted.sort();
    let mut pos = start;
    let mut remaining = n;
    let mut provisional = false;
    for (from, to) in sorted {
        if to <= pos {
            continue;
        }
        let from = from.max(pos);
        let before = cal.working_days_between(pos, from)?;
        if before.value >= remaining {
            break;
        }
        remaining -= before.value;
        provisional |= before.provisional;
        // Days in (from, to] are skipped; their being unknown still makes the answer uncertain.
        provisional |= cal.working_days_between(from, to)?.provisional;
        pos = to;
    }
    let r = cal.add_working_days(pos, remaining)?;
    Ok(Reckoned {
        value: r.value,
        provisional: provisional || r.provisional,
    })
}

/// How late `on` is against `due` (with `on` after `due`), in working days: the working days
/// `d` with `due < d ≤ on`, but at least 1 — a reply or report on the weekend or holiday right
/// after the due day is late, not "0 days late".
///
/// # Errors
/// [`CalendarError::OutOfRange`] outside the calendar.
pub fn working_days_late(
    cal: &Calendar,
    due: NaiveDate,
    on: NaiveDate,
) -> Result<u32, CalendarError> {
    Ok(cal.working_days_between(due, on)?.value.max(1))
}

fn fmt_reckoned(r: &Reckoned<NaiveDate>) -> String {
    if r.provisional {
        format!("{}（临时）", r.value)
    } else {
        r.value.to_string()
    }
}

/// Every deadline of `case` as of `as_of`.
///
/// # Errors
/// [`CalendarError::OutOfRange`] when a date runs outside the calendar (1900–2199).
pub fn deadlines(
    case: &Case,
    cal: &Calendar,
    as_of: NaiveDate,
) -> Result<Deadlines, CalendarError> {
    // A request concluded (withdrawn, closed) while a pause was open ends that pause on the
    // day it was concluded: nothing is awaited any more.
    let concluded_on = case.conclusion.as_ref().map(|c| c.on);
    let mut pauses = Vec::new();
    let mut consultation_windows = Vec::new();
    for c in &case.consultations {
        let window = cal.add_working_days(c.sent_on, CONSULTATION_WINDOW_WD)?;
        consultation_windows.push(window);
        let (to, open) = match (&c.answer, concluded_on) {
            (Some(a), _) => (a.on.min(window.value), false),
            (None, Some(end)) => (end.clamp(c.sent_on, window.value), false),
            (None, None) => (window.value, as_of <= window.value),
        };
        let who = match c.party.kind {
            super::PartyKind::ThirdParty => "征求第三方意见（条例第三十二条）",
            super::PartyKind::Agency => "征求其他机关意见（条例第三十四条）",
        };
        let how = match (&c.answer, open) {
            (Some(a), _) if a.on <= window.value => format!("{} 收到答复", a.on),
            (_, true) => format!("至迟 {} 意见期满", fmt_reckoned(&window)),
            (None, false) if to < window.value => format!("{to} 办结时尚未答复"),
            _ => format!("{} 意见期满未答复", window.value),
        };
        pauses.push(Pause {
            from: c.sent_on,
            to,
            open,
            counted: true,
            why: format!("{who}：{}，{} 发函，{how}", c.party.name, c.sent_on),
        });
    }
    let mut fee_deadline = None;
    if let Some(fee) = &case.fee {
        let deadline = cal.add_working_days(fee.notice_on, FEE_PERIOD_WD)?;
        fee_deadline = Some(deadline);
        let (to, open, how) = match (fee.paid_on, fee.lapsed_on) {
            (Some(p), _) => (p, false, format!("{p} 缴费")),
            (None, Some(l)) => (l, false, format!("{l} 逾期未缴费办结")),
            (None, None) => match concluded_on {
                Some(end) => {
                    let end = end.clamp(fee.notice_on, deadline.value);
                    (end, false, format!("{end} 办结时尚未缴费"))
                }
                None => (
                    deadline.value,
                    true,
                    format!("至迟 {} 缴费期满", fmt_reckoned(&deadline)),
                ),
            },
        };
        pauses.push(Pause {
            from: fee.notice_on,
            to,
            open,
            counted: true,
            why: format!(
                "收费通知至缴费期间（109号）：{} 发出收费通知，{how}",
                fee.notice_on
            ),
        });
    }

    let mut correction_window_end = None;
    let mut correction_deadline = None;
    if let Some(r) = case.received_on {
        correction_window_end = Some(cal.add_working_days(r, CORRECTION_WINDOW_WD)?);
    }
    if let Some(c) = &case.correction {
        correction_deadline = Some(cal.add_working_days(c.notice_on, c.period_wd)?);
    }

    // A correction notice sent after its 7 working days (known only through an amendment of
    // the receipt date, or a new holidays file) neither stops nor restarts the reply period:
    // counted, conservatively, from R as if there had been none.
    let late_notice = match (&case.correction, correction_window_end) {
        (Some(c), Some(w)) => c.notice_on > w.value,
        _ => false,
    };
    let awaiting_correction = case.state == State::AwaitingCorrection && !late_notice;
    let clock_start = if late_notice {
        case.received_on
    } else {
        case.clock_start
    };
    // An extension approved before the period (re)started is void (see
    // `Case::extension_in_force`).
    let extension = case
        .extension
        .as_ref()
        .filter(|e| clock_start.is_none_or(|s| e.on >= s));
    let extension_wd = extension.map_or(0, |e| e.working_days);
    let period_wd = REPLY_PERIOD_WD + extension_wd;

    let (mut reply_due, mut reply_due_before_extension) = (None, None);
    let basis = if awaiting_correction {
        "待补正：收到补正后的申请之日起重新计算 20 个工作日（条例第三十条）".to_string()
    } else if let Some(start) = clock_start {
        let spans: Vec<(NaiveDate, NaiveDate)> = pauses
            .iter()
            .filter(|p| p.to > start)
            .map(|p| (p.from, p.to))
            .collect();
        let due = count_with_pauses(cal, start, period_wd, &spans)?;
        // A letter or notice sent on or after the due day did not stop a clock that had
        // already run out: the reply stays late (the count above never reaches it).
        for p in &mut pauses {
            p.counted = p.to > start && p.from < due.value;
        }
        reply_due = Some(due);
        reply_due_before_extension = Some(count_with_pauses(cal, start, REPLY_PERIOD_WD, &spans)?);
        let what = if case
            .correction
            .as_ref()
            .is_some_and(|c| c.received_on == Some(start))
        {
            "收到补正后申请之日，条例第三十条"
        } else {
            case.registration.channel.receipt_basis()
        };
        let mut basis =
            format!("自 {start}（{what}）起 {REPLY_PERIOD_WD} 个工作日（条例第三十三条第一款）");
        match (extension, &case.extension) {
            (Some(e), _) => {
                basis += &format!(
                    "；经{}批准延期 {} 个工作日（{}，条例第三十三条第二款）",
                    e.approver, e.working_days, e.on
                );
            }
            (None, Some(e)) => {
                basis += &format!(
                    "；{} 批准的延期在收到补正、重新计算答复期限之前，不再适用（条例第三十条）",
                    e.on
                );
            }
            (None, None) => {}
        }
        if late_notice {
            basis += "；补正通知晚于收到申请之日起 7 个工作日（条例第三十条），不中止、不重新计算答复期限";
        }
        for p in pauses.iter().filter(|p| p.to > start) {
            if p.counted {
                basis += &format!("；{}，期间不计算在内", p.why);
            } else {
                basis += &format!("；{}，发出时已到答复期限，不中止计时", p.why);
            }
        }
        if pauses.iter().any(|p| p.open && p.counted) && !awaiting_correction {
            basis += "；暂停计时中，所示为最晚可能的日期";
        }
        if due.provisional {
            basis += "；计算涉及日历中尚无国务院放假通知的年份，日期为临时结果";
        }
        basis
    } else {
        "平常信函，尚未与申请人确认收到，答复期限未起算（条例第三十一条）".to_string()
    };

    // The clock stands still only in a pause that counts (see above); a request awaiting a
    // correction (not late) has no running period at all.
    let open_pause = pauses.iter().any(|p| p.open && p.counted);
    // (The fee's pause, when there is a fee, was pushed last.)
    let fee_pause = case.fee.is_some() && pauses.last().is_some_and(|p| p.counted);
    let clock = match case.state {
        State::AwaitingConfirmation => ClockStatus::NotStarted,
        State::Concluded | State::Archived => ClockStatus::Stopped,
        State::AwaitingCorrection if !late_notice => ClockStatus::Paused,
        State::AwaitingFee if fee_pause => ClockStatus::Paused,
        _ if open_pause => ClockStatus::Paused,
        _ => ClockStatus::Running,
    };

    let reply_late_wd = match (&case.conclusion, reply_due) {
        (Some(c), Some(due)) if c.reply.is_some() && c.on > due.value => {
            Some(working_days_late(cal, due.value, c.on)?)
        }
        _ => None,
    };

    Ok(Deadlines {
        clock,
        clock_start,
        period_wd,
        reply_due,
        reply_due_before_extension,
        pauses,
        basis,
        correction_window_end,
        correction_deadline,
        consultation_windows,
        fee_deadline,
        reply_late_wd,
    })
}
