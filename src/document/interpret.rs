//! 政策解读: an interpretation published with its document (seed A.2: 应一并发布其解读材料).

use super::event::{DocState, Document, Interpretation};
use super::rules::{DocRefusal, date_ok, one_line, opt_line, refuse};
use crate::calendar::Calendar;

/// Checks an interpretation: only for a published document (it is published together with it,
/// seed A.2; SPEC §10), by someone, on a date not before the document's own publication.
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, i: &Interpretation, cal: &Calendar) -> Result<(), DocRefusal> {
    let Some(p) = &doc.publication else {
        return refuse(doc, "政策解读只能对已发布的文件发布", "附录A.2");
    };
    if doc.state != DocState::Published {
        return refuse(doc, "政策解读只能对已发布的文件发布", "附录A.2");
    }
    one_line(doc, "解读机构", &i.by)?;
    one_line(doc, "解读形式", i.form.label())?;
    opt_line(doc, "网址", i.address.as_ref())?;
    date_ok(doc, "解读发布日期", i.on, cal)?;
    if i.on < p.on {
        return refuse(
            doc,
            format!("解读发布日期{}早于文件发布日期{}", i.on, p.on),
            "附录A.2",
        );
    }
    Ok(())
}
