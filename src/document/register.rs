//! 登记 and 公开属性认定 (附录B office documents, 附录C department documents; seed A.1).

use super::event::{DocState, Document, Registration};
use super::rules::{DocRefusal, attribute_ok, date_ok, one_line, opt_line, refuse};
use super::types::{DocType, Form};
use crate::calendar::Calendar;

/// Checks a registration: a new document, its title, 文号, drafting unit and signer on one line
/// each; the form's question 是否属于行政规范性文件 agreeing with the type; 提请会议审议 asked on
/// 附录B only; and the attribute rules ([`super::rules`]: 行政规范性文件 always 主动公开, SPEC §10;
/// reasons per 附录B/C 注4, seed A.1).
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, r: &Registration, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state != DocState::New {
        return refuse(doc, "该文件已登记", "附录A.1");
    }
    one_line(doc, "拟发公文标题", &r.title)?;
    opt_line(doc, "文号", r.doc_no.as_ref())?;
    one_line(doc, "报文单位", &r.drafting_unit)?;
    one_line(doc, "起草单位负责人签字", &r.drafter_signer)?;
    opt_line(doc, "起草单位意见", r.drafter_opinion.as_ref())?;
    date_ok(doc, "成文日期", r.formed_on, cal)?;
    let normative = r.doc_type == DocType::Normative;
    if r.questions.normative != normative {
        return refuse(
            doc,
            format!(
                "“是否属于行政规范性文件”答{}，与公文类型“{}”不一致",
                if r.questions.normative { "是" } else { "否" },
                r.doc_type
            ),
            "附录B/C；附录D",
        );
    }
    if r.form == Form::Department && r.questions.to_meeting.is_some() {
        return refuse(
            doc,
            "“是否建议提请会议审议”只在局办公室审核表（附录B）中填写",
            "附录B/C",
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    if !r.grounds.iter().all(|g| seen.insert(*g)) {
        return refuse(doc, "不予公开理由重复", "附录B/C");
    }
    attribute_ok(
        doc,
        normative,
        r.attribute,
        r.reason.as_ref(),
        !r.grounds.is_empty(),
    )
}
