//! Closing a request without a reply, and after: the applicant's withdrawal (撤回, counted as
//! （六）3 其他), and the archive (归档, read-only afterwards, 条例 Art 45). The lapses of a
//! correction （六）1 and a fee （六）2 close through [`super::correction`] and [`super::fee`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::Reply;
use super::registration::is_invisible;
use super::rules::{Gate, Refusal, refuse};
use super::{Case, Outcome, State};

/// How the request ended (办理结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    /// The reply's or closing's date: the year it counts in (table 三).
    pub on: NaiveDate,
    /// The outcome.
    pub outcome: Outcome,
    /// The reply letter, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
    /// Remark (withdrawal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The archive record (归档).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveRecord {
    /// When.
    pub on: NaiveDate,
    /// 卷宗号.
    pub file_no: String,
}

/// Concludes the request on `on` with its outcome.
pub(super) fn conclude(
    c: &mut Case,
    on: NaiveDate,
    outcome: Outcome,
    reply: Option<Reply>,
    note: Option<String>,
) {
    c.state = State::Concluded;
    c.conclusion = Some(Conclusion {
        on,
        outcome,
        reply,
        note,
    });
}

/// A withdrawal: while the request is open.
pub(super) fn check_withdraw(g: &Gate<'_>) -> Result<(), Refusal> {
    g.in_state(&[
        State::AwaitingConfirmation,
        State::InProgress,
        State::AwaitingCorrection,
        State::AwaitingFee,
    ])
}

/// The archive: of a concluded request, with a file number on one line.
pub(super) fn check_archive(g: &Gate<'_>, file_no: &str) -> Result<(), Refusal> {
    g.in_state(&[State::Concluded])?;
    if file_no.trim().is_empty() {
        return refuse("请写明卷宗号（--file-no）", vec![]);
    }
    if file_no.chars().any(|c| c.is_control() || is_invisible(c)) {
        return refuse(
            "卷宗号不能含换行、控制字符或看不见的格式字符：请重新输入",
            vec![],
        );
    }
    Ok(())
}

/// Withdrawn: concluded as （六）3 其他, the reason as its note.
pub(super) fn apply_withdraw(c: &mut Case, on: NaiveDate, reason: &Option<String>) {
    let note = reason
        .clone()
        .unwrap_or_else(|| "申请人撤回申请".to_string());
    conclude(c, on, Outcome::OTHER, None, Some(note));
}

/// Archived: read-only from now on.
pub(super) fn apply_archive(c: &mut Case, on: NaiveDate, file_no: &str) {
    c.archive = Some(ArchiveRecord {
        on,
        file_no: file_no.to_string(),
    });
    c.state = State::Archived;
}
