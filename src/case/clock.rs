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

use super::event::{Channel, PartyKind};
use super::{Case, State, consultation, correction, extension, period, render};
use crate::calendar::{Calendar, CalendarError, Reckoned};

/// The reply period, in working days after the clock start (条例 Art 33 ¶1).
pub const REPLY_PERIOD_WD: u32 = period::REPLY.wd;
/// A consulted party's window, in working days after the letter (条例 Art 32, 34).
pub const CONSULTATION_WINDOW_WD: u32 = period::CONSULTATION_WINDOW.wd;
/// The applicant's period to pay a fee, in working days after the notice (109号).
pub const FEE_PERIOD_WD: u32 = period::FEE_PAYMENT.wd;

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

/// What a pause is for (never found from its words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PauseKind {
    /// A consultation (条例 Art 33 ¶3) of a third party (Art 32) or another agency (Art 34),
    /// and the party's name.
    Consultation(PartyKind, String),
    /// The time from a fee notice to payment (109号).
    Fee,
}

/// How a pause ended, or why it is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseEnd {
    /// The answer arrived that day, within the window.
    Answered(NaiveDate),
    /// The window closed that day without an answer in it.
    WindowClosed(NaiveDate),
    /// The request was concluded that day while still waiting.
    Concluded(NaiveDate),
    /// The fee was paid that day.
    Paid(NaiveDate),
    /// The request was closed as unpaid that day (（六）2).
    Lapsed(NaiveDate),
    /// Still waiting: this is the latest it can end.
    Open(Reckoned<NaiveDate>),
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
    /// Whether it stops the reply clock: false for a letter or notice sent after the day
    /// the reply was already due (the period had run out; a pause cannot revive it), and for a
    /// letter to a party already consulted on this request.
    pub counted: bool,
    /// A letter to a party already consulted on this request: it stops no clock (SPEC §8).
    pub repeat: bool,
    /// The day the letter or notice reached its addressee, once recorded: its window is
    /// counted from it (条例 Art 32; 109号); until then from `from`, the earliest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// Why (Chinese, with the article), rendered by [`render::pause`].
    pub why: String,
    /// What it is for.
    #[serde(skip)]
    pub kind: PauseKind,
    /// How it ended.
    #[serde(skip)]
    pub end: PauseEnd,
}

impl Pause {
    /// Whether this is a consultation's pause (not the fee's).
    pub fn is_consultation(&self) -> bool {
        matches!(self.kind, PauseKind::Consultation(..))
    }
}

/// Why the reply period is counted from its day 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockStartReason {
    /// The receipt date R of the channel (条例 Art 31).
    Receipt(Channel),
    /// The day the corrected application arrived (条例 Art 30: the clock restarts from zero).
    CorrectedApplication,
}

/// The extension as the reply period takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtensionBasis {
    /// No extension.
    None,
    /// An extension in force: who approved it, how many working days, when (条例 Art 33 ¶2).
    InForce {
        /// The approver.
        approver: String,
        /// Working days added.
        working_days: u32,
        /// The approval's date.
        on: NaiveDate,
    },
    /// An extension approved before the period restarted, void (条例 Art 30).
    Void {
        /// The approval's date.
        on: NaiveDate,
    },
}

/// How the reply due date is reckoned: the typed facts [`render::basis`] says in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// An ordinary letter not yet confirmed: no clock (条例 Art 31).
    NotStarted,
    /// Awaiting a correction: the period restarts when it arrives (条例 Art 30).
    AwaitingCorrection,
    /// Counted: from `start` for the reply period, with the extension, the pauses (those of
    /// [`Deadlines::pauses`] ending after `start`), a late correction notice ignored.
    Counted {
        /// Day 0.
        start: NaiveDate,
        /// Why day 0 is that day.
        reason: ClockStartReason,
        /// The extension.
        extension: ExtensionBasis,
        /// A correction notice sent after its 7 working days (it neither stops nor restarts).
        late_notice: bool,
        /// A reasonable later deadline (条例 Art 35): the due date and the day it was told.
        reasonable: Option<(NaiveDate, NaiveDate)>,
        /// A pause that counts is open: the due date is the latest possible.
        paused: bool,
        /// The count runs through a year the calendar does not know.
        provisional: bool,
    },
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
    /// How the reply due date was computed, in Chinese, with its legal basis (rendered from
    /// [`Deadlines::reckoning`] by [`render::basis`]).
    pub basis: String,
    /// How the reply due date was computed, as typed facts.
    #[serde(skip)]
    pub reckoning: Basis,
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
/// A pause begun on the day the count reaches `n` (a letter sent on the due day: the period
/// has not yet run out, 条例 Art 33 ¶3) still stops it; no counted day is left, so the day
/// reached is the first working day after the pause (SPEC §3 "A letter sent on the due day").
/// A pause begun after that day stops nothing.
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
        let on_due_day = before.value == remaining && cal.is_working_day(from)?.value;
        if before.value > remaining || (before.value == remaining && !on_due_day) {
            break;
        }
        // On the due day the sending day itself was the last counted: one working day, the
        // first after the pause, is where the count then lands.
        remaining = (remaining - before.value).max(1);
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

/// Day 0 of the reply period and why (条例 Art 31, Art 30): the receipt date R, or the day
/// the corrected application arrived — except after a correction notice sent too late, which
/// neither stops nor restarts the period (counted from R as if there had been none). The one
/// place this is decided; the steps record the dates as facts.
pub fn reply_clock_start(case: &Case, late_notice: bool) -> Option<(NaiveDate, ClockStartReason)> {
    let start = if late_notice {
        case.received_on
    } else {
        case.clock_start
    }?;
    let corrected = case
        .correction
        .as_ref()
        .is_some_and(|c| c.received_on == Some(start));
    Some((
        start,
        if corrected {
            ClockStartReason::CorrectedApplication
        } else {
            ClockStartReason::Receipt(case.registration.channel)
        },
    ))
}

impl Deadlines {
    /// Whether a consultation's pause is open and stops the clock (the stage 征求意见中).
    pub fn consultation_open(&self) -> bool {
        self.pauses
            .iter()
            .any(|p| p.open && p.is_consultation() && !p.repeat)
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
    for (i, c) in case.consultations.iter().enumerate() {
        let window = consultation::window_end(cal, c.window_start())?;
        consultation_windows.push(window);
        let (to, open) = match (&c.answer, concluded_on) {
            (Some(a), _) => (a.on.min(window.value), false),
            (None, Some(end)) => (end.clamp(c.sent_on, window.value), false),
            (None, None) => (window.value, as_of <= window.value),
        };
        let end = match (&c.answer, open) {
            (Some(a), _) if a.on <= window.value => PauseEnd::Answered(a.on),
            (_, true) => PauseEnd::Open(window),
            (None, false) if to < window.value => PauseEnd::Concluded(to),
            _ => PauseEnd::WindowClosed(window.value),
        };
        pauses.push(pause(
            c.sent_on,
            to,
            open,
            PauseKind::Consultation(c.party.kind, c.party.name.clone()),
            end,
            c.served_on,
        ));
        if consultation::is_repeat(case, i)
            && let Some(p) = pauses.last_mut()
        {
            p.repeat = true;
        }
    }
    let mut fee_deadline = None;
    if let Some(fee) = &case.fee {
        let deadline = cal.add_working_days(fee.period_start(), period::FEE_PAYMENT.wd)?;
        fee_deadline = Some(deadline);
        let (to, open, end) = match (fee.paid_on, fee.lapsed_on) {
            (Some(p), _) => (p, false, PauseEnd::Paid(p)),
            (None, Some(l)) => (l, false, PauseEnd::Lapsed(l)),
            (None, None) => match concluded_on {
                Some(end) => {
                    let end = end.clamp(fee.notice_on, deadline.value);
                    (end, false, PauseEnd::Concluded(end))
                }
                None => (deadline.value, true, PauseEnd::Open(deadline)),
            },
        };
        pauses.push(pause(
            fee.notice_on,
            to,
            open,
            PauseKind::Fee,
            end,
            fee.served_on,
        ));
    }

    let mut correction_window_end = None;
    let mut correction_deadline = None;
    if let Some(r) = case.received_on {
        correction_window_end = Some(cal.add_working_days(r, period::CORRECTION_NOTICE.wd)?);
    }
    if let Some(c) = &case.correction {
        correction_deadline = Some(cal.add_working_days(c.period_start(), c.period_wd)?);
    }

    let late_notice = correction::notice_was_late(case, correction_window_end.map(|w| w.value));
    let awaiting_correction = case.state == State::AwaitingCorrection && !late_notice;
    let start = reply_clock_start(case, late_notice);
    let clock_start = start.map(|(s, _)| s);
    let extension = case
        .extension
        .as_ref()
        .filter(|e| extension::counts_from(e, clock_start));
    let extension_wd = extension.map_or(0, |e| e.working_days);
    let period_wd = period::REPLY.wd + extension_wd;

    let (mut reply_due, mut reply_due_before_extension) = (None, None);
    let reckoning = if awaiting_correction {
        Basis::AwaitingCorrection
    } else if let Some((start, reason)) = start {
        let spans: Vec<(NaiveDate, NaiveDate)> = pauses
            .iter()
            .filter(|p| p.to > start && !p.repeat)
            .map(|p| (p.from, p.to))
            .collect();
        let counted = count_with_pauses(cal, start, period_wd, &spans)?;
        // 条例 Art 35: a reasonable later deadline set and told replaces the counted one.
        let reasonable = super::reasons::deadline_in_force(case);
        let due = match reasonable {
            Some(r) => Reckoned {
                value: r.due,
                provisional: false,
            },
            None => counted,
        };
        // A letter or notice sent after the due day did not stop a clock that had
        // already run out: the reply stays late (the count above never reaches it).
        for p in &mut pauses {
            p.counted = p.to > start && p.from < due.value && !p.repeat;
        }
        reply_due = Some(due);
        reply_due_before_extension = Some(count_with_pauses(cal, start, period::REPLY.wd, &spans)?);
        Basis::Counted {
            start,
            reason,
            extension: match (extension, &case.extension) {
                (Some(e), _) => ExtensionBasis::InForce {
                    approver: e.approver.clone(),
                    working_days: e.working_days,
                    on: e.on,
                },
                (None, Some(e)) => ExtensionBasis::Void { on: e.on },
                (None, None) => ExtensionBasis::None,
            },
            late_notice,
            reasonable: reasonable.map(|r| (r.due, r.notified_on)),
            paused: reasonable.is_none() && pauses.iter().any(|p| p.open && p.counted),
            provisional: due.provisional,
        }
    } else {
        Basis::NotStarted
    };

    // The clock stands still only in a pause that counts (see above); a request awaiting a
    // correction (not late) has no running period at all.
    let open_pause = pauses.iter().any(|p| p.open && p.counted);
    let fee_pause = pauses.iter().any(|p| p.kind == PauseKind::Fee && p.counted);
    let clock = match case.state {
        State::AwaitingConfirmation => ClockStatus::NotStarted,
        State::Concluded | State::Archived => ClockStatus::Stopped,
        State::AwaitingCorrection if !late_notice => ClockStatus::Paused,
        State::AwaitingFee if fee_pause => ClockStatus::Paused,
        _ if open_pause => ClockStatus::Paused,
        _ => ClockStatus::Running,
    };

    let reply_late_wd = match (&case.conclusion, reply_due) {
        // A reply, or the answer of a correction-of-record request (条例 Art 41; the office
        // applies the reply's period to it, SPEC §8).
        (Some(c), Some(due))
            if (c.reply.is_some() || case.record_correction.is_some()) && c.on > due.value =>
        {
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
        basis: render::basis(&reckoning, &pauses),
        reckoning,
        pauses,
        correction_window_end,
        correction_deadline,
        consultation_windows,
        fee_deadline,
        reply_late_wd,
    })
}

fn pause(
    from: NaiveDate,
    to: NaiveDate,
    open: bool,
    kind: PauseKind,
    end: PauseEnd,
    served_on: Option<NaiveDate>,
) -> Pause {
    let why = render::pause(from, &kind, &end, served_on);
    Pause {
        from,
        to,
        open,
        counted: true,
        repeat: false,
        served_on,
        why,
        kind,
        end,
    }
}
