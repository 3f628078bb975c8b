//! 发布: date, channels, address and the 索引号 (seed A.2; 条例 Art 23, 26).

use super::event::{DocState, Document, Publication};
use super::rules::{DocRefusal, date_ok, one_line, opt_line, refuse};
use super::types::Attribute;
use crate::calendar::Calendar;

/// Checks a publication: only an approved (附录D) document whose attribute is 主动公开 (seed A.2),
/// once (one 索引号 per document, SPEC §10), not before its approval, with at least one channel and
/// a 索引号. Whether the 索引号 is free is [`super::index_no::check_unique`]'s question, as it
/// needs the other documents.
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, p: &Publication, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state == DocState::Published {
        return refuse(
            doc,
            format!(
                "该文件已发布（索引号{}），每件文件只有一个索引号",
                doc.publication.as_ref().map_or("", |p| p.index_no.as_str())
            ),
            "条例第十二条",
        );
    }
    if doc.attribute != Some(Attribute::Proactive) {
        return refuse(
            doc,
            format!(
                "只公开属性为主动公开的公文（现为{}）",
                doc.attribute.map_or("未定", |x| x.label())
            ),
            "附录A.2",
        );
    }
    if doc.state != DocState::Approved {
        return refuse(
            doc,
            "未经公文公开审批（附录D）的文件不能发布",
            "附录A.2；附录D",
        );
    }
    if p.channels.is_empty() {
        return refuse(doc, "须写明公开方式（--channel）", "附录D");
    }
    one_line(doc, "索引号", &p.index_no)?;
    opt_line(doc, "网址", p.address.as_ref())?;
    date_ok(doc, "发布日期", p.on, cal)?;
    if let Some(a) = &doc.approval
        && p.on < a.on
    {
        return refuse(
            doc,
            format!("发布日期{}早于审批日期{}", p.on, a.on),
            "附录A.2",
        );
    }
    Ok(())
}
