//! How `show` presents a correction-of-record request (更正申请, 条例 Art 41; SPEC §8): its end
//! once answered, and the period the office applies (the regulation sets none).

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{Case, CorrectionEnd};

/// The answer of a correction-of-record request as shown.
#[derive(Debug, Clone, Serialize)]
pub struct RecordCorrectionView {
    /// The end (wire name): `corrected`, `forwarded`, `redirected`, `refused`.
    pub end: CorrectionEnd,
    /// The end in Chinese, verbatim from SPEC §8: 更正并告知, 转送, 告知向有权机关提出, 不予更正.
    pub end_label: String,
    /// The answer's date.
    pub answered_on: NaiveDate,
    /// For 转送 and 告知向有权机关提出: the agency with the power to correct.
    pub agency: Option<String>,
    /// That agency's contact.
    pub agency_contact: Option<String>,
    /// For 不予更正: the reasons.
    pub reasons: Option<String>,
    /// How it was served.
    pub delivery: String,
    /// The day the applicant received it, if recorded (or the day it was handed over in person).
    pub served_on: Option<NaiveDate>,
}

/// The answer of `case`, if it is a correction-of-record request that was answered.
pub fn view(case: &Case) -> Option<RecordCorrectionView> {
    let a = case.record_correction.as_ref()?;
    let r = &a.reply;
    Some(RecordCorrectionView {
        end: r.end,
        end_label: r.end.label().to_string(),
        answered_on: a.on,
        agency: r.agency.clone(),
        agency_contact: r.agency_contact.clone(),
        reasons: r.reasons.clone(),
        delivery: r.delivery.clone(),
        served_on: a.served_date(),
    })
}

/// The result shown for `case`: its outcome's label (table 三); for a correction-of-record
/// request, which has none, its end, or 申请人撤回 when it was withdrawn (条例 Art 41).
pub fn outcome_label(case: &Case, answer: Option<&RecordCorrectionView>) -> Option<String> {
    let c = case.conclusion.as_ref()?;
    Some(match answer {
        Some(a) => a.end_label.clone(),
        None if case.is_record_correction() => "申请人撤回".to_string(),
        None => c.outcome.label(),
    })
}

/// The basis of the period shown for `case`: for a correction-of-record request, the reply
/// period's basis followed by [`crate::case::record_correction::PERIOD_NOTE`] (条例 Art 41 sets
/// none; SPEC §8).
pub fn basis(case: &Case, basis: &str) -> String {
    if case.is_record_correction() {
        format!("{basis}；{}", crate::case::record_correction::PERIOD_NOTE)
    } else {
        basis.to_string()
    }
}

impl RecordCorrectionView {
    /// One Chinese line for `show`: `更正答复：转送（2026-06-10），有权更正的机关：…`.
    pub fn line(&self) -> String {
        let mut s = format!("更正答复：{}（{}）", self.end_label, self.answered_on);
        for (what, v) in [
            ("有权更正的机关", &self.agency),
            ("联系方式", &self.agency_contact),
            ("理由", &self.reasons),
        ] {
            if let Some(v) = v {
                s += &format!("，{what}：{v}");
            }
        }
        s + &format!("；送达方式：{}", self.delivery)
    }
}
