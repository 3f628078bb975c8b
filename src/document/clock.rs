//! The document's clocks (条例 Art 26): 主动公开 information is published within 20 working days
//! of the day it was formed (成文日期) or changed; a change is marked on the published original
//! within 20 working days of the change; an interpretation is published with its document.
//! Counted with the working-day [`Calendar`] (SPEC §1: the start day is day 0), provisional when
//! a day of a year without a State Council notice was involved.

use chrono::NaiveDate;
use serde::Serialize;

use super::event::Document;
use super::types::Attribute;
use crate::calendar::{Calendar, CalendarError, Reckoned};

/// 20 working days: 条例 Art 26 (seed 六(二)).
pub const PUBLISH_WORKING_DAYS: u32 = 20;

/// The day the publication clock starts: 成文日期, or the conversion to 主动公开 (the day the
/// information became 主动公开; our reading of Art 26 with seed A.2). None when the document is
/// not 主动公开.
pub fn publish_clock_start(doc: &Document) -> Option<NaiveDate> {
    if doc.attribute != Some(Attribute::Proactive) {
        return None;
    }
    doc.conversion
        .as_ref()
        .map(|c| c.on)
        .or_else(|| doc.formed_on())
}

/// The publication due date: 20 working days after [`publish_clock_start`] (条例 Art 26).
/// None when the document is not 主动公开.
///
/// # Errors
/// [`CalendarError`] when the date is outside the calendar.
pub fn publish_due(
    doc: &Document,
    cal: &Calendar,
) -> Result<Option<Reckoned<NaiveDate>>, CalendarError> {
    publish_clock_start(doc)
        .map(|s| cal.add_working_days(s, PUBLISH_WORKING_DAYS))
        .transpose()
}

/// Working days between a due date and the day the duty was done: 0 when on time, else the
/// working days in `(due, done]` (条例 Art 26).
///
/// # Errors
/// [`CalendarError`] outside the calendar.
pub fn late_working_days(
    due: NaiveDate,
    done: NaiveDate,
    cal: &Calendar,
) -> Result<Reckoned<u32>, CalendarError> {
    cal.working_days_between(due, done)
}

/// How late the publication was, once published (条例 Art 26). None while not published or
/// not 主动公开.
///
/// # Errors
/// [`CalendarError`] outside the calendar.
pub fn publish_late(
    doc: &Document,
    cal: &Calendar,
) -> Result<Option<Reckoned<u32>>, CalendarError> {
    let (Some(due), Some(p)) = (publish_due(doc, cal)?, &doc.publication) else {
        return Ok(None);
    };
    let late = late_working_days(due.value, p.on, cal)?;
    Ok(Some(Reckoned {
        value: late.value,
        provisional: due.provisional || late.provisional,
    }))
}

/// The marking of one change: due 20 working days after the change (条例 Art 26; seed A.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkingClock {
    /// The day of the change.
    pub changed_on: NaiveDate,
    /// Due date of the marking.
    pub due: NaiveDate,
    /// Whether the due date is provisional.
    pub provisional: bool,
    /// The day it was marked.
    pub marked_on: Option<NaiveDate>,
    /// Working days late, once marked.
    pub late_working_days: Option<u32>,
}

/// The marking clock of every change of a published document (a change to a document never
/// published has no original to mark).
///
/// # Errors
/// [`CalendarError`] outside the calendar.
pub fn markings(doc: &Document, cal: &Calendar) -> Result<Vec<MarkingClock>, CalendarError> {
    if doc.publication.is_none() {
        return Ok(Vec::new());
    }
    doc.changes
        .iter()
        .map(|c| {
            let due = cal.add_working_days(c.change.on, PUBLISH_WORKING_DAYS)?;
            let late = c
                .marked_on
                .map(|m| late_working_days(due.value, m, cal))
                .transpose()?;
            Ok(MarkingClock {
                changed_on: c.change.on,
                due: due.value,
                provisional: due.provisional || late.is_some_and(|l| l.provisional),
                marked_on: c.marked_on,
                late_working_days: late.map(|l| l.value),
            })
        })
        .collect()
}

/// Where the policy interpretation stands (seed A.2: published together with the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum InterpretationStatus {
    /// The form did not plan one, and none was published.
    NotPlanned,
    /// The document is not published yet: nothing is due.
    NotDue,
    /// Planned, the document published, no interpretation yet: missing (late).
    Missing {
        /// The day it was due (the document's publication).
        due: NaiveDate,
    },
    /// Published the same day as the document.
    OnTime,
    /// Published after the document.
    Late {
        /// Working days after the document's publication.
        working_days: u32,
        /// Whether the count is provisional.
        provisional: bool,
    },
}

/// The interpretation's status: the first interpretation published compared with the document's
/// publication (SPEC §10: one published later is late; missing when the form planned one).
///
/// # Errors
/// [`CalendarError`] outside the calendar.
pub fn interpretation_status(
    doc: &Document,
    cal: &Calendar,
) -> Result<InterpretationStatus, CalendarError> {
    let planned = doc
        .registration
        .as_ref()
        .is_some_and(|r| r.questions.interpretation_planned);
    let first = doc.interpretations.iter().map(|i| i.on).min();
    let Some(p) = &doc.publication else {
        return Ok(if planned {
            InterpretationStatus::NotDue
        } else {
            InterpretationStatus::NotPlanned
        });
    };
    Ok(match first {
        None if planned => InterpretationStatus::Missing { due: p.on },
        None => InterpretationStatus::NotPlanned,
        Some(on) if on <= p.on => InterpretationStatus::OnTime,
        Some(on) => {
            let r = cal.working_days_between(p.on, on)?;
            if r.value == 0 {
                InterpretationStatus::OnTime
            } else {
                InterpretationStatus::Late {
                    working_days: r.value,
                    provisional: r.provisional,
                }
            }
        }
    })
}

/// Which duty of a document a [`Duty`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyKind {
    /// 发布 within 20 WD (条例 Art 26).
    Publish,
    /// 政策解读 with the document (seed A.2).
    Interpret,
    /// 标注 of a change within 20 WD (seed A.2; 条例 Art 26).
    Mark,
}

impl DutyKind {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            DutyKind::Publish => "发布",
            DutyKind::Interpret => "政策解读",
            DutyKind::Mark => "变更标注",
        }
    }
}

/// A duty still open on `today`, for the weekly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    /// Which duty.
    pub kind: DutyKind,
    /// Its due date.
    pub due: NaiveDate,
    /// Whether the due date is provisional.
    pub provisional: bool,
    /// Working days from `today` to `due` ([`Calendar::working_days_offset`]): negative when
    /// overdue.
    pub working_days_left: i64,
}

/// The open duties of a document on `today`: publication not done, interpretation missing,
/// change not marked (条例 Art 26; seed A.2).
///
/// # Errors
/// [`CalendarError`] outside the calendar.
pub fn open_duties(
    doc: &Document,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Vec<Duty>, CalendarError> {
    let mut out = Vec::new();
    let mut push = |kind, due: NaiveDate, provisional: bool| -> Result<(), CalendarError> {
        let left = cal.working_days_offset(today, due)?;
        out.push(Duty {
            kind,
            due,
            provisional: provisional || left.provisional,
            working_days_left: left.value,
        });
        Ok(())
    };
    if doc.publication.is_none()
        && doc.ended_on().is_none()
        && let Some(due) = publish_due(doc, cal)?
    {
        push(DutyKind::Publish, due.value, due.provisional)?;
    }
    if let InterpretationStatus::Missing { due } = interpretation_status(doc, cal)? {
        push(DutyKind::Interpret, due, false)?;
    }
    for m in markings(doc, cal)? {
        if m.marked_on.is_none() {
            push(DutyKind::Mark, m.due, m.provisional)?;
        }
    }
    Ok(out)
}
