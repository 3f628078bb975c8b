//! Volume beyond a reasonable range (条例 Art 35): the office may ask the applicant to explain
//! (说明理由告知书); unreasonable reasons lead to the reply （五）4 不予处理 (which needs the
//! asking recorded); reasonable reasons that cannot be answered within the Art 33 period lead to
//! a reasonable later deadline the office sets and tells the applicant — a deadline of its own,
//! not capped at 20 working days and not lateness (SPEC §8). The regulation does not stop the
//! clock while the reasons are awaited, and neither does this module.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::StepKind as K;
use super::rules::{Gate, Refusal, refuse};
use super::{Case, State};

/// The asking for reasons and what came of it (条例 Art 35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonsRequest {
    /// The day the 说明理由告知书 was sent.
    pub asked_on: NaiveDate,
    /// The day the explanation was assessed, and whether it was found reasonable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<(NaiveDate, bool)>,
    /// The reasonable later deadline set, once notified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ReasonableDeadline>,
}

/// A reasonable later deadline (条例 Art 35): the reply is due on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonableDeadline {
    /// The day it was set.
    pub set_on: NaiveDate,
    /// The new due date.
    pub due: NaiveDate,
    /// The day the applicant was told.
    pub notified_on: NaiveDate,
}

/// Asking for reasons: in progress, once.
pub(super) fn check_ask(g: &Gate<'_>) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    if let Some(r) = &g.case.reasons {
        return refuse(
            format!("已于 {} 要求申请人说明理由（条例第三十五条）", r.asked_on),
            g.next(),
        );
    }
    Ok(())
}

/// The explanation assessed: only after asking, once.
pub(super) fn check_answer(g: &Gate<'_>) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    match &g.case.reasons {
        None => refuse(
            "尚未要求申请人说明理由（条例第三十五条）：请先发出说明理由告知书",
            vec![K::ReasonsAsked],
        ),
        Some(r) if r.answer.is_some() => refuse("已记录申请人说明理由的审查结果", g.next()),
        Some(_) => Ok(()),
    }
}

/// A reasonable later deadline: after reasons found reasonable, once, set no later than the
/// reply's due day, later than it, and told to the applicant between setting it and that day.
pub(super) fn check_deadline(
    g: &Gate<'_>,
    due: NaiveDate,
    notified_on: NaiveDate,
) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    let Some(r) = &g.case.reasons else {
        return refuse(
            "尚未要求申请人说明理由（条例第三十五条）：请先发出说明理由告知书",
            vec![K::ReasonsAsked],
        );
    };
    if r.answer.is_none_or(|(_, ok)| !ok) {
        return refuse(
            "申请人说明的理由尚未被认定为合理：只有理由合理、但无法在答复期限内答复的，才可确定合理的延长期限（条例第三十五条）",
            g.next(),
        );
    }
    if r.deadline.is_some() {
        return refuse("已确定过合理的延长期限", g.next());
    }
    let current = g.dl.reply_due.map(|d| d.value);
    if let Some(c) = current {
        if g.on > c {
            return refuse(
                format!("答复期限为 {c}，已过期限，不能再确定延长期限（条例第三十五条）"),
                g.next(),
            );
        }
        if due <= c {
            return refuse(
                format!("合理的延长期限 {due} 应晚于现在的答复期限 {c}"),
                vec![],
            );
        }
    }
    if notified_on < g.on || current.is_some_and(|c| notified_on > c) || notified_on > g.today {
        return refuse(
            format!(
                "告知申请人的日期 {notified_on} 应在确定之日 {} 与现在的答复期限之间，且不晚于今天",
                g.on
            ),
            vec![],
        );
    }
    Ok(())
}

/// The asking recorded.
pub(super) fn apply_ask(c: &mut Case, on: NaiveDate) {
    c.reasons = Some(ReasonsRequest {
        asked_on: on,
        answer: None,
        deadline: None,
    });
}

/// The assessment recorded.
pub(super) fn apply_answer(c: &mut Case, on: NaiveDate, accepted: bool) -> Result<(), String> {
    c.reasons.as_mut().ok_or("没有要求说明理由")?.answer = Some((on, accepted));
    Ok(())
}

/// The deadline recorded.
pub(super) fn apply_deadline(
    c: &mut Case,
    on: NaiveDate,
    due: NaiveDate,
    notified_on: NaiveDate,
) -> Result<(), String> {
    c.reasons.as_mut().ok_or("没有要求说明理由")?.deadline = Some(ReasonableDeadline {
        set_on: on,
        due,
        notified_on,
    });
    Ok(())
}

/// The reasonable later deadline in force: one set on or after the reply period's day 0 (a
/// corrected application restarting the period voids it, like an extension).
pub fn deadline_in_force(c: &Case) -> Option<ReasonableDeadline> {
    let d = c.reasons.as_ref()?.deadline?;
    c.clock_start.is_none_or(|s| d.set_on >= s).then_some(d)
}

/// Whether the asking for reasons was recorded, which a reply （五）4 needs (条例 Art 35).
pub fn asked(c: &Case) -> bool {
    c.reasons.is_some()
}
