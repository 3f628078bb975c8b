//! 修改、废止、失效 and the marking on the published original (seed A.2: 相关公文发生修改、废止、
//! 失效等情况，应及时在发布的原文件上作出明确标注; 条例 Art 26: within 20 working days of the
//! change).

use super::event::{Change, DocState, Document};
use super::rules::{DocRefusal, change_allowed, date_ok, opt_line, refuse};
use crate::calendar::Calendar;
use chrono::NaiveDate;

/// Checks a change: a registered document still in force (nothing follows 废止 or 失效), on a day
/// not before 成文日期 nor before its previous change (SPEC §10).
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, c: &Change, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state == DocState::New {
        return refuse(doc, "文件尚未登记", "附录A.1");
    }
    change_allowed(doc, c.kind)?;
    opt_line(doc, "后继文件文号", c.successor.as_ref())?;
    date_ok(doc, "变更日期", c.on, cal)?;
    if let Some(last) = doc.changes.last()
        && c.on < last.change.on
    {
        return refuse(
            doc,
            format!("变更日期{}早于上一次变更日期{}", c.on, last.change.on),
            "条例第二十六条",
        );
    }
    Ok(())
}

/// Checks a marking: a published document with a change not yet marked, marked on or after
/// that change (seed A.2).
///
/// # Errors
/// The first rule broken.
pub fn check_mark(doc: &Document, on: NaiveDate, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state != DocState::Published {
        return refuse(doc, "只有已发布的文件需要在原文件上标注", "附录A.2");
    }
    let Some(c) = doc.unmarked_change() else {
        return refuse(doc, "该文件没有待标注的变更", "附录A.2");
    };
    date_ok(doc, "标注日期", on, cal)?;
    if on < c.change.on {
        return refuse(
            doc,
            format!("标注日期{on}早于变更日期{}", c.change.on),
            "附录A.2",
        );
    }
    Ok(())
}
