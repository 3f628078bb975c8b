//! The letters issued for a request (出具的文书), as `show` lists them (SPEC §9).

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::Case;

/// One letter issued: its kind, number, date and the SHA-256 of the file sent.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LetterView {
    /// The kind's command-line name (`correction`, `reply`, …).
    pub kind: String,
    /// The kind's Chinese name (补正告知书, …).
    pub title: String,
    /// The third party or agency written to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The letter number (none for a 送达回证).
    pub number: Option<String>,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The SHA-256 of the file.
    pub sha256: String,
}

/// The letters of `case`, in the order issued.
pub fn letter_views(case: &Case) -> Vec<LetterView> {
    case.letters
        .iter()
        .map(|l| LetterView {
            kind: l.issue.letter.clone(),
            title: l
                .issue
                .letter
                .parse::<crate::letters::LetterKind>()
                .map(|k| k.short_title().to_string())
                .unwrap_or_else(|_| l.issue.letter.clone()),
            party: l.issue.party.clone(),
            number: l.issue.number.clone(),
            issued_on: l.issued_on,
            sha256: l.issue.sha256.clone(),
        })
        .collect()
}
