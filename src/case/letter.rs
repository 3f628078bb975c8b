//! 出具文书: the record that a letter (文书) was issued for a request (SPEC §9). A letter is
//! not a step of the procedure: it records the document the office made for a step (its kind,
//! number, date and the SHA-256 of the file), so that the file produced for an appeal can be
//! shown to be the one sent. It is allowed in every state, moves no clock and does not move the
//! request's latest business date (steps that happened earlier can still be recorded after it).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Case;
use super::rules::{Refusal, refuse};

/// The payload of a letter-issued event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterIssue {
    /// The letter kind's command-line name (`correction`, `reply`, …).
    pub letter: String,
    /// The third party or agency written to, for the letters that name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The letter number (发文字号); none for a 送达回证.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The year of the number's sequence.
    pub year: i32,
    /// The place in the agency's sequence of that year (never reused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// The file's format (`docx` or `md`).
    pub format: String,
    /// The SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Why a letter already issued was issued again with a new number (the facts amended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reissue_reason: Option<String>,
}

/// A letter as the request lists it: the issue and its date (成文日期).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLetter {
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// What was issued.
    #[serde(flatten)]
    pub issue: LetterIssue,
}

/// Checks a letter-issued event: a kind, a SHA-256 and, when reissued, a reason; a number never
/// used before on this request.
pub(super) fn check(case: &Case, l: &LetterIssue) -> Result<(), Refusal> {
    if l.letter.trim().is_empty() {
        return refuse("文书种类不能为空", vec![]);
    }
    if l.sha256.len() != 64 || !l.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
        return refuse("文书文件的 SHA-256 应为64位十六进制数", vec![]);
    }
    if let Some(n) = &l.number
        && case
            .letters
            .iter()
            .any(|x| x.issue.number.as_deref() == Some(n.as_str()))
    {
        return refuse(format!("文号 {n} 已经用过，不能重复使用"), vec![]);
    }
    if l.reissue_reason
        .as_deref()
        .is_some_and(|r| r.trim().is_empty())
    {
        return refuse("重新出具须写明原因（--reason）", vec![]);
    }
    Ok(())
}

/// Adds the letter to the request's list.
pub(super) fn apply(case: &mut Case, on: NaiveDate, l: &LetterIssue) {
    case.letters.push(IssuedLetter {
        issued_on: on,
        issue: l.clone(),
    });
}
