//! 依申请公开 → 主动公开: a document often requested, converted after review (seed A.2: 对申请公开
//! 频次较高的公开属性为“依申请公开”的公文，经审核可以将公开属性转为“主动公开”; 条例 Art 44).

use super::event::{Conversion, DocState, Document};
use super::rules::{DocRefusal, date_ok, one_line, refuse};
use super::types::Attribute;
use crate::calendar::Calendar;

/// Checks a conversion: a document whose attribute has been determined (reviewed) as 依申请公开,
/// with the reason for the conversion, on a day not before the review (seed A.2; 条例 Art 44).
/// After it the document is approved and published like any 主动公开 one, its 20 working days
/// counted from the conversion ([`super::clock::publish_due`]).
///
/// # Errors
/// The first rule broken.
pub fn check(doc: &Document, c: &Conversion, cal: &Calendar) -> Result<(), DocRefusal> {
    if doc.state != DocState::Reviewed {
        return refuse(
            doc,
            "只有公开属性已经审核确定的文件才能转为主动公开",
            "附录A.2",
        );
    }
    if doc.attribute != Some(Attribute::OnRequest) {
        return refuse(
            doc,
            format!(
                "只有依申请公开的文件才能转为主动公开（现为{}）",
                doc.attribute.map_or("未定", |x| x.label())
            ),
            "附录A.2；条例第四十四条",
        );
    }
    one_line(doc, "转为主动公开的理由", &c.reason)?;
    date_ok(doc, "转换日期", c.on, cal)?;
    if let Some(r) = &doc.review
        && c.on < r.on
    {
        return refuse(
            doc,
            format!("转换日期{}早于审核日期{}", c.on, r.on),
            "附录A.2",
        );
    }
    Ok(())
}

/// 文号 and titles compared the way applicants write them: whitespace dropped, the brackets of a
/// 文号 (〔〕 [] ［］ 【】 () （）) made one, 《》 and quotes dropped.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '“' | '”' | '"'))
        .map(|c| match c {
            '〔' | '[' | '［' | '【' | '(' | '（' => '〔',
            '〕' | ']' | '］' | '】' | ')' | '）' => '〕',
            c => c,
        })
        .collect()
}

/// Whether a request's content names this document, by its 文号 or its full title: the join of
/// the two registers behind `doc requested`, which lists the 依申请公开 documents applicants ask
/// for most, the candidates for conversion (seed A.2; 条例 Art 44).
pub fn mentioned_in(doc: &Document, content: &str) -> bool {
    let Some(r) = &doc.registration else {
        return false;
    };
    let text = normalise(content);
    let title = normalise(&r.title);
    r.doc_no
        .as_deref()
        .map(normalise)
        .is_some_and(|n| !n.is_empty() && text.contains(&n))
        || (title.chars().count() >= 6 && text.contains(&title))
}
