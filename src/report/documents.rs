//! The documents' rows of the weekly report (`overdue`): a publication overdue or due within N
//! working days (条例 Art 26), a policy interpretation missing where the form planned one (seed
//! A.2), a change not yet marked on the published original (20 WD, seed A.2; 条例 Art 26). Every
//! one is the agency's own duty: once its date has passed, the agency is late.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, CalendarError};
use crate::document::Document;
use crate::document::clock::{DutyKind, open_duties};

/// One row of a document in the weekly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocOverdueRow {
    /// The document's number.
    pub id: String,
    /// 标题.
    pub title: String,
    /// 文号.
    pub doc_no: Option<String>,
    /// The duty (wire name: `publish`, `interpret`, `mark`).
    pub duty: DutyKind,
    /// The stage label (Chinese).
    pub stage: String,
    /// Its due date.
    pub due: NaiveDate,
    /// Working days from the report date to `due`: negative when late, 0 due that day.
    pub working_days_left: i64,
    /// Whether the due date or the count runs through a year without a State Council notice.
    pub provisional: bool,
    /// Whether the due date has passed.
    pub overdue: bool,
    /// Whether the agency is late (every document duty is the agency's own).
    pub agency_late: bool,
    /// 起草单位.
    pub drafting_unit: String,
}

fn stage(kind: DutyKind, overdue: bool) -> String {
    match (kind, overdue) {
        (DutyKind::Publish, true) => "文件发布已逾期",
        (DutyKind::Publish, false) => "文件发布即将到期",
        (DutyKind::Interpret, _) => "政策解读未与文件同步发布",
        (DutyKind::Mark, true) => "变更标注已逾期",
        (DutyKind::Mark, false) => "变更标注即将到期",
    }
    .to_string()
}

/// The rows of document `id` on `as_of`: its open duties due within `within` working days or
/// already late.
///
/// # Errors
/// [`CalendarError`] for dates outside the calendar.
pub fn rows_of(
    id: &str,
    doc: &Document,
    cal: &Calendar,
    as_of: NaiveDate,
    within: u32,
) -> Result<Vec<DocOverdueRow>, CalendarError> {
    let reg = doc.registration.as_ref();
    Ok(open_duties(doc, cal, as_of)?
        .into_iter()
        .filter(|d| d.working_days_left <= i64::from(within))
        .map(|d| {
            // An interpretation not published with its document is late from that day on
            // (SPEC §10: one published later is late).
            let overdue =
                d.working_days_left < 0 || (d.kind == DutyKind::Interpret && d.due < as_of);
            DocOverdueRow {
                id: id.to_string(),
                title: reg.map(|r| r.title.clone()).unwrap_or_default(),
                doc_no: reg.and_then(|r| r.doc_no.clone()),
                duty: d.kind,
                stage: stage(d.kind, overdue),
                due: d.due,
                working_days_left: d.working_days_left,
                provisional: d.provisional,
                overdue,
                agency_late: overdue,
                drafting_unit: reg.map(|r| r.drafting_unit.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

/// Orders rows most urgent first: by working days left, then due date, then number.
pub fn sort(rows: &mut [DocOverdueRow]) {
    rows.sort_by(|a, b| {
        (a.working_days_left, a.due, &a.id).cmp(&(b.working_days_left, b.due, &b.id))
    });
}
