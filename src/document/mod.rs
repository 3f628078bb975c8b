//! The register of proactive disclosure (主动公开): the documents the bureau drafts, from the
//! attribute determination (公开属性认定, 附录B/C) through review, approval (附录D) and publication
//! with its 索引号, to policy interpretations, changes (修改、废止、失效) and their marking, and
//! conversions 依申请公开 → 主动公开. SPEC.md §10; seed 主动公开工作制度 and 附录A–E; 条例 Art 17,
//! 19–26, 44; 国办发〔2016〕80号.
//!
//! This module is pure: events ([`DocStep`]) and their fold ([`replay`]), the rules of each step
//! ([`check`]), the clocks ([`clock`]: 20 working days, 条例 Art 26), the 索引号 format
//! ([`index_no`]), the topic table ([`topics`], 附录E), table 二 of the annual report
//! ([`table2()`]) and the public catalogue ([`catalogue`], [`catalogue_html`]). It knows nothing of
//! SQLite or the terminal.
//!
//! # The spreadsheet of documents (`examples/documents.csv`, `examples/documents.xlsx`)
//!
//! The `.xlsx` holds the same rows, dates as date cells (a test keeps the two in step).
//! One row per document, UTF-8 (a BOM is allowed), header row with these columns, in any order
//! (labels parse as their Chinese form or English name, see [`types`]):
//!
//! | column | content | required |
//! |---|---|---|
//! | 标题 | 拟发公文标题 | yes |
//! | 文号 | e.g. 根文旅发〔2026〕12号 | no |
//! | 成文日期 | YYYY-MM-DD | yes |
//! | 起草单位 | 报文单位 | yes |
//! | 审核表 | 局办公室 (附录B) / 局部门 (附录C) | yes |
//! | 公文类型 | 规章 / 行政规范性文件 / 其他 | yes |
//! | 公开属性 | 主动公开 / 依申请公开 / 不予公开 | yes |
//! | 依申请公开理由 | text, for 依申请公开 | for 依申请公开 |
//! | 不予公开理由 | the form's grounds, several joined by `;` | for 不予公开 |
//! | 公开前审查 | 是 / 否 | yes |
//! | 政策解读 | 是 / 否 (planned) | yes |
//! | 部分删减后公开 | 是 / 否 | yes |
//! | 起草单位签字 | signer | yes |
//! | 审核人 | the office's signer (同意) | yes |
//! | 审核日期 | YYYY-MM-DD | yes |
//! | 发布机构 | for published rows | when published |
//! | 一级分类 / 二级分类 | topic of 附录E ([`topics`]) | when published |
//! | 公开方式 | channels joined by `;` (政府网站 first) | when published |
//! | 审批人 / 审批日期 | 附录D | when published |
//! | 发布日期 | YYYY-MM-DD | when published |
//! | 网址 | address | no |
//! | 索引号 | the number already given, if any | no |
//! | 解读形式 / 解读机构 / 解读日期 | the interpretation, if published | no |
//! | 变更类型 / 变更日期 / 后继文号 | 修改 / 废止 / 失效 | no |
//! | 标注日期 | marking on the original | no |

pub mod approve;
pub mod catalogue;
pub mod catalogue_html;
pub mod change;
pub mod clock;
pub mod convert;
pub mod event;
pub mod index_no;
pub mod interpret;
pub mod publish;
pub mod register;
pub mod review;
pub mod rules;
pub mod table2;
pub mod topics;
pub mod types;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_example;
#[cfg(test)]
mod tests_publication;

pub use event::{
    Approval, Change, ChangeRecord, Conversion, DocState, DocStep, DocStepKind, Document,
    Interpretation, Publication, Questions, Registration, Review, TopicRef, replay,
};
pub use rules::{DocRefusal, allowed_next, command_line};
pub use table2::{Table2, YearFigures, table2, table2_identity};
pub use types::{
    Attribute, ChangeKind, Channel, DocType, Form, Ground, InterpretationForm, Validity,
};

use crate::calendar::Calendar;

/// Checks one step against the document as it stands, by the rules of that step (each in its
/// own module: [`register`], [`review`], [`approve`], [`publish`], [`interpret`], [`change`],
/// [`convert`]; SPEC §10).
///
/// # Errors
/// [`DocRefusal`]: the rule, its source, and the steps allowed now as command lines.
pub fn check(doc: &Document, step: &DocStep, cal: &Calendar) -> Result<(), DocRefusal> {
    match step {
        DocStep::Registered(r) => register::check(doc, r, cal),
        DocStep::Reviewed(r) => review::check(doc, r, cal),
        DocStep::Approved(a) => approve::check(doc, a, cal),
        DocStep::Published(p) => publish::check(doc, p, cal),
        DocStep::InterpretationPublished(i) => interpret::check(doc, i, cal),
        DocStep::Changed(c) => change::check(doc, c, cal),
        DocStep::Marked { on } => change::check_mark(doc, *on, cal),
        DocStep::Converted(c) => convert::check(doc, c, cal),
    }
}
