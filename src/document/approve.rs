//! 公文公开审批单 (附录D): channels, 发布机构, topic (附录E), approver (seed A.2).

use super::event::{Approval, DocState, Document};
use super::rules::{DocRefusal, date_ok, one_line, refuse};
use super::types::Attribute;
use crate::calendar::Calendar;

/// Checks an approval: only a reviewed document whose determined attribute is 主动公开 (seed A.2:
/// 原则上只公开属性为“主动公开”的公文; a 依申请公开 one is converted first), at least one channel
/// and 政府网站 among them (seed A.2: 公文应当通过政府网站…对外发布), 发布机构 and approver given,
/// not before the review. The topic is checked against the topic table by
/// [`super::topics::Topics::resolve`] when the approval is built.
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, a: &Approval, cal: &Calendar) -> Result<(), DocRefusal> {
    match doc.state {
        DocState::Reviewed => {}
        DocState::New | DocState::Registered => {
            return refuse(doc, "公开属性尚未经审核，不能审批发布", "附录A.1、A.2");
        }
        DocState::Approved | DocState::Published => {
            return refuse(doc, format!("该文件{}", doc.state.label()), "附录D");
        }
    }
    if doc.attribute != Some(Attribute::Proactive) {
        return refuse(
            doc,
            format!(
                "只有公开属性为主动公开的公文才能审批发布（现为{}）",
                doc.attribute.map_or("未定", |x| x.label())
            ),
            "附录A.2",
        );
    }
    if !a.channels.contains(&super::types::Channel::Website) {
        return refuse(
            doc,
            "公开方式须包括政府网站（政府网站是第一平台）",
            "附录A.2；公开方式 六（三）",
        );
    }
    one_line(doc, "发布机构", &a.publisher)?;
    one_line(doc, "审批人", &a.approver)?;
    one_line(doc, "一级类目", &a.topic.first)?;
    date_ok(doc, "审批日期", a.on, cal)?;
    if let Some(r) = &doc.review
        && a.on < r.on
    {
        return refuse(
            doc,
            format!("审批日期{}早于审核日期{}", a.on, r.on),
            "附录A.2",
        );
    }
    Ok(())
}
