//! The office's opinion on the attribute (附录B 局办公室发文办公室意见; 附录C 单位负责人意见):
//! 同意起草单位意见, or 不同意 and 建议改为 another attribute (seed A.1).

use super::event::{DocState, Document, Review};
use super::rules::{DocRefusal, attribute_ok, date_ok, one_line, refuse};
use super::types::DocType;
use crate::calendar::Calendar;

/// Checks a review: only a registered, not yet reviewed document; 同意 carries no suggestion;
/// 不同意 carries the attribute suggested instead, different from the proposal, which must obey
/// the same rules as a proposal (SPEC §10; 附录B/C 注4; seed A.1: the office may return a
/// document whose reasons are missing).
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, r: &Review, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state != DocState::Registered {
        return refuse(
            doc,
            format!("该文件{}，不能再审核公开属性", doc.state.label()),
            "附录A.1",
        );
    }
    one_line(doc, "主要负责人签字", &r.signer)?;
    date_ok(doc, "审核日期", r.on, cal)?;
    let normative = doc.doc_type() == Some(DocType::Normative);
    match (r.agree, r.suggested) {
        (true, None) => {
            if r.reason.is_some() || !r.grounds.is_empty() {
                return refuse(doc, "同意起草单位意见时不填写理由", "附录B/C");
            }
            Ok(())
        }
        (true, Some(_)) => refuse(doc, "同意起草单位意见时不能建议改为其他属性", "附录B/C"),
        (false, None) => refuse(
            doc,
            "不同意起草单位意见的，须写明建议改为的公开属性（--suggest）",
            "附录B/C",
        ),
        (false, Some(a)) => {
            if Some(a) == doc.attribute {
                return refuse(
                    doc,
                    format!("建议改为的属性与起草单位意见相同（{a}）"),
                    "附录B/C",
                );
            }
            attribute_ok(doc, normative, a, r.reason.as_ref(), !r.grounds.is_empty())
        }
    }
}
