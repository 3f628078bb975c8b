//! Correction (补正, 条例 Art 30): one notice, within 7 working days of R, listing everything to
//! correct; the applicant's period; the clock restarts from zero when the corrected application
//! arrives, and a request not corrected in time is closed as （六）1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{ServedLetter, StepKind as K};
use super::rules::{Gate, Refusal, refuse, refuse_with};
use super::{Case, Outcome, State, closing, period};

/// The correction notice and what came of it (补正, 条例 Art 30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// What must be corrected.
    pub items: String,
    /// The applicant's period, working days after the notice (after the served date once
    /// recorded).
    pub period_wd: u32,
    /// The day the applicant received the notice (送达日期), once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// The day the corrected application arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// A correction that arrived after the period: the good reason accepted (条例 Art 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
    /// The day the request was closed for want of a correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapsed_on: Option<NaiveDate>,
}

/// A notice: only one, only in progress, within 7 working days of R, with its items and a
/// period of 1 to 60 working days (条例 Art 30), and a served date, if given, not before it.
pub(super) fn check_notice(
    g: &Gate<'_>,
    items: &str,
    period_wd: u32,
    served_on: Option<NaiveDate>,
) -> Result<(), Refusal> {
    let case = g.case;
    if let Some(c) = &case.correction {
        return refuse(
            format!(
                "已于 {} 发出过补正通知，不能再次要求补正：补正应一次性告知申请人（{}）",
                c.notice_on,
                period::CORRECTION_NOTICE.article
            ),
            g.next(),
        );
    }
    g.in_state(&[State::InProgress])?;
    let window = g.dl.correction_window_end.expect("in progress has R");
    let r = case.received_on.expect("in progress has R");
    if g.on > window.value {
        return refuse(
            format!(
                "补正通知应在收到申请之日起 {}内发出（{}）：本申请 {r} 收到，期限已于 {} 届满",
                period::CORRECTION_NOTICE.days(),
                period::CORRECTION_NOTICE.article,
                window.value
            ),
            g.next(),
        );
    }
    if items.trim().is_empty() {
        return refuse("补正通知须列明需要补正的事项（--items）", vec![]);
    }
    let p = period::CORRECTION_PERIOD;
    if !p.allows(period_wd) {
        return refuse(
            format!(
                "补正期限 {period_wd} 个工作日不合理：应为 {}（常用 {}）",
                p.range(),
                p.wd
            ),
            vec![],
        );
    }
    super::service::check_at_sending(g, served_on)
}

/// The corrected application: only while awaited, and within the applicant's period unless the
/// office records the good reason it was late (条例 Art 30 abandons only a correction late
/// 无正当理由; SPEC §8).
pub(super) fn check_received(g: &Gate<'_>, late_reason: Option<&str>) -> Result<(), Refusal> {
    g.in_state(&[State::AwaitingCorrection])?;
    let d =
        g.dl.correction_deadline
            .expect("awaiting correction has a notice");
    if g.on > d.value && late_reason.is_none_or(|r| r.trim().is_empty()) {
        return refuse_with(
            format!(
                "补正期限已于 {} 届满，申请人无正当理由逾期未补正，视为放弃申请（{}）：可按（六）1 办结；逾期送来的材料可作为新申请登记；逾期有正当理由的，用 --late-reason 记录理由后接收",
                d.value,
                period::CORRECTION_PERIOD.article
            ),
            vec![K::CorrectionLapsed, K::Register],
            // Late with good reason (条例 Art 30): the same step, with the reason.
            vec![(
                K::CorrectionReceived,
                format!(
                    "disclose correct received {} --on {} --late-reason 逾期的正当理由",
                    g.case.case_no, g.on
                ),
            )],
        );
    }
    Ok(())
}

/// Closing as （六）1: only once the applicant's period, counted from the served date, has run
/// out; with no served date recorded, only with the clerk's reason why it cannot be known
/// (条例 Art 30; SPEC §3).
pub(super) fn check_lapsed(g: &Gate<'_>, served_unknown: Option<&str>) -> Result<(), Refusal> {
    g.in_state(&[State::AwaitingCorrection])?;
    let d =
        g.dl.correction_deadline
            .expect("awaiting correction has a notice");
    if g.on <= d.value {
        return refuse(
            format!(
                "补正期限至 {}，尚未届满，不能按逾期不补正办结（{}）",
                d.value,
                period::CORRECTION_PERIOD.article
            ),
            g.next(),
        );
    }
    let c = g.case.correction.as_ref().expect("awaiting correction");
    super::service::check_known(
        g,
        ServedLetter::Correction,
        c.served_on,
        served_unknown,
        (c.notice_on, d.value),
        None,
        format!("disclose correct lapse {} --on {}", g.case.case_no, g.on),
    )
}

/// The notice sent: the request waits for the applicant; no clock runs.
pub(super) fn apply_notice(
    c: &mut Case,
    on: NaiveDate,
    items: &str,
    period_wd: u32,
    served_on: Option<NaiveDate>,
) {
    c.correction = Some(Correction {
        notice_on: on,
        items: items.to_string(),
        period_wd,
        served_on,
        received_on: None,
        late_reason: None,
        lapsed_on: None,
    });
    c.state = State::AwaitingCorrection;
}

/// The corrected application arrived: the reply clock restarts from zero that day.
pub(super) fn apply_received(
    c: &mut Case,
    on: NaiveDate,
    late_reason: &Option<String>,
) -> Result<(), String> {
    let corr = c.correction.as_mut().ok_or("没有补正通知")?;
    corr.received_on = Some(on);
    corr.late_reason = late_reason.clone();
    c.clock_start = Some(on);
    c.state = State::InProgress;
    Ok(())
}

/// Not corrected in time: closed as （六）1.
pub(super) fn apply_lapsed(c: &mut Case, on: NaiveDate) -> Result<(), String> {
    let corr = c.correction.as_mut().ok_or("没有补正通知")?;
    corr.lapsed_on = Some(on);
    closing::conclude(c, on, Outcome::CORRECTION_LAPSED, None, None);
    Ok(())
}

impl Correction {
    /// The day the applicant's period is counted from: the served date once recorded, else
    /// the notice's date (the earliest it can be).
    pub fn period_start(&self) -> NaiveDate {
        self.served_on.unwrap_or(self.notice_on)
    }
}

/// Whether a correction notice may still be sent: only one is sent, telling everything to
/// correct at once (一次性告知, 条例 Art 30), so the notice window matters only until then.
pub fn notice_still_possible(case: &Case) -> bool {
    case.correction.is_none()
}

/// Whether a correction notice came after its 7 working days (known only through an amendment
/// of R, or a new holidays file): it then neither stops nor restarts the reply period.
pub fn notice_was_late(case: &Case, window_end: Option<NaiveDate>) -> bool {
    match (&case.correction, window_end) {
        (Some(c), Some(w)) => c.notice_on > w,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    #[test]
    fn art30_a_request_not_corrected_in_its_period_closes_as_six_1() {
        let fx = fixtures();
        let corr = fold(&fx[6].1);
        let e = ev(
            "2026-03-25",
            Step::CorrectionLapsed {
                served_unknown_reason: Some("邮件无妥投记录".into()),
            },
        );
        check(Some(&corr), &e, cal(), d("2026-03-25")).unwrap();
        let c = apply(Some(corr), &e).unwrap();
        assert_eq!(c.conclusion.unwrap().outcome, Outcome::CORRECTION_LAPSED);
    }

    #[test]
    fn art30_refusals_while_awaiting_a_correction_carry_the_legal_next_steps() {
        let fx = fixtures();
        let corr = fold(&fx[6].1);
        let r = check(
            Some(&corr),
            &ev("2026-03-06", step_of(StepKind::Draft)),
            cal(),
            d("2026-03-06"),
        )
        .unwrap_err();
        assert_eq!(
            r.next,
            vec![
                StepKind::CorrectionReceived,
                StepKind::Assign,
                StepKind::Withdraw,
                StepKind::Amend
            ]
        );
        let r = check(
            Some(&corr),
            &ev(
                "2026-03-25",
                Step::CorrectionReceived {
                    note: None,
                    late_reason: None,
                },
            ),
            cal(),
            d("2026-03-25"),
        )
        .unwrap_err();
        assert_eq!(r.next, vec![StepKind::CorrectionLapsed, StepKind::Register]);
    }
}
