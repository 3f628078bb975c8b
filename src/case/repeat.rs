//! Repeat requests (重复申请, （五）2 of the annual report's table 三; SPEC.md §8): an application
//! from the same applicant for the same information already answered. Registering one, the
//! clerk is shown the earlier request — its case number, reply date and outcome — to decide
//! whether to reply （五）2 citing it.
//!
//! Two descriptions are "the same information" when they are equal once compared as
//! [`content_key_text`] makes them: without spaces and punctuation (so a trailing "。" or a
//! full-width comma does not defeat the comparison), full-width forms as ASCII, letters in lower
//! case.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Case, Registration};

/// The text two descriptions are compared as: no white space, no punctuation or symbols
/// (Chinese or ASCII: 。，、；：？！“”‘’（）《》【】…— and the like), full-width letters and digits
/// as ASCII, ASCII letters in lower case.
pub fn content_key_text(s: &str) -> String {
    crate::text::half_width(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether two descriptions ask for the same information ([`content_key_text`] equal).
pub fn same_content(a: &str, b: &str) -> bool {
    let (a, b) = (content_key_text(a), content_key_text(b));
    !a.is_empty() && a == b
}

/// Whether two registrations come from the same applicant: the same name (spaces ignored) and,
/// when both carry one, the same ID number.
pub fn same_applicant(a: &Registration, b: &Registration) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<String>();
    norm(&a.applicant.name) == norm(&b.applicant.name)
        && match (&a.applicant.id_number, &b.applicant.id_number) {
            (Some(x), Some(y)) => norm(x).eq_ignore_ascii_case(&norm(y)),
            _ => true,
        }
}

/// An earlier request the new one repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatOf {
    /// Its case number.
    pub case_no: String,
    /// The day it was answered.
    pub replied_on: NaiveDate,
    /// Its outcome (code).
    pub outcome: String,
    /// Its outcome (Chinese label).
    pub outcome_label: String,
}

/// The earlier request `earlier` when `new` repeats it: same applicant, same information, and
/// `earlier` answered (concluded with a reply letter; one withdrawn or closed without reply was
/// never answered).
pub fn repeats(earlier: &Case, new: &Registration) -> Option<RepeatOf> {
    let c = earlier.conclusion.as_ref()?;
    c.reply.as_ref()?;
    (same_applicant(&earlier.registration, new)
        && same_content(&earlier.registration.content, &new.content))
    .then(|| RepeatOf {
        case_no: earlier.case_no.clone(),
        replied_on: c.on,
        outcome: c.outcome.code(),
        outcome_label: c.outcome.label(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_spaces_and_full_width_forms_do_not_defeat_the_comparison() {
        assert!(same_content(
            "2025年文物保护专项资金使用情况",
            "２０２５年 文物保护专项资金使用情况。"
        ));
        assert!(same_content("A级旅游景区评定材料", "a级旅游景区评定材料！"));
        assert!(!same_content(
            "2025年文物保护专项资金",
            "2024年文物保护专项资金"
        ));
        assert!(!same_content("。", "。"));
    }
}
