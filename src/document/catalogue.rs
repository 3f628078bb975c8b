//! 政府信息公开目录: the public catalogue of published documents (条例 Art 23 ¶2: 政府信息公开
//! 目录 with 索引、名称、内容概述、生成日期) — its rows, as CSV and JSON. The HTML site is in
//! [`super::catalogue_html`].

use chrono::NaiveDate;
use serde::Serialize;

use super::event::{Document, TopicRef};
use super::topics::Topics;
use super::types::{DocType, Validity};

/// Column headers of the catalogue, exact (SPEC §10).
pub const HEADERS: [&str; 10] = [
    "索引号",
    "主题分类",
    "发布机构",
    "成文日期",
    "发布日期",
    "文号",
    "标题",
    "公文类型",
    "有效性",
    "政策解读",
];

/// A policy interpretation linked from its document's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterpretationLink {
    /// 解读形式 label.
    pub form: String,
    /// Who interprets.
    pub by: String,
    /// 发布日期.
    pub published_on: NaiveDate,
    /// 网址.
    pub address: Option<String>,
}

/// One published document in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueRow {
    /// 索引号.
    pub index_no: String,
    /// 主题分类.
    pub topic: TopicRef,
    /// 发布机构.
    pub publisher: String,
    /// 成文日期.
    pub formed_on: NaiveDate,
    /// 发布日期.
    pub published_on: NaiveDate,
    /// 文号.
    pub doc_no: Option<String>,
    /// 标题.
    pub title: String,
    /// 公文类型.
    pub doc_type: DocType,
    /// 有效性.
    pub validity: Validity,
    /// 有效性 label (有效 / 已修改 / 已废止 / 已失效).
    pub validity_label: &'static str,
    /// 文号 of the document replacing it, if any.
    pub successor: Option<String>,
    /// 网址.
    pub address: Option<String>,
    /// Linked policy interpretations.
    pub interpretations: Vec<InterpretationLink>,
}

/// The catalogue's rows: every published document, ordered by topic (the table's order), then
/// newest publication first, then 索引号.
pub fn rows(docs: &[Document], topics: &Topics) -> Vec<CatalogueRow> {
    let mut out: Vec<CatalogueRow> = docs
        .iter()
        .filter_map(|d| {
            let (r, a, p) = (
                d.registration.as_ref()?,
                d.approval.as_ref()?,
                d.publication.as_ref()?,
            );
            Some(CatalogueRow {
                index_no: p.index_no.clone(),
                topic: a.topic.clone(),
                publisher: a.publisher.clone(),
                formed_on: r.formed_on,
                published_on: p.on,
                doc_no: r.doc_no.clone(),
                title: r.title.clone(),
                doc_type: r.doc_type,
                validity: d.validity(),
                validity_label: d.validity().label(),
                successor: d.changes.last().and_then(|c| c.change.successor.clone()),
                address: p.address.clone(),
                interpretations: d
                    .interpretations
                    .iter()
                    .map(|i| InterpretationLink {
                        form: i.form.label().to_string(),
                        by: i.by.clone(),
                        published_on: i.on,
                        address: i.address.clone(),
                    })
                    .collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        topics
            .order(&a.topic)
            .cmp(&topics.order(&b.topic))
            .then(b.published_on.cmp(&a.published_on))
            .then(a.index_no.cmp(&b.index_no))
    });
    out
}

/// A cell made safe for a spreadsheet: a cell that a spreadsheet would read as a formula (starts
/// with `=`, `+`, `-`, `@`, tab or carriage return) is made text with a leading `'`.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn interpretations_cell(r: &CatalogueRow) -> String {
    r.interpretations
        .iter()
        .map(|i| {
            let mut s = format!("{}（{}，{}）", i.form, i.by, i.published_on);
            if let Some(a) = &i.address {
                s.push(' ');
                s.push_str(a);
            }
            s
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The catalogue as CSV: UTF-8 with a BOM (so spreadsheets read the Chinese), [`HEADERS`], one
/// row per document, formula-looking cells made text ([`safe_cell`]).
pub fn render_csv(rows: &[CatalogueRow]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(HEADERS);
    for r in rows {
        let cells = [
            r.index_no.clone(),
            r.topic.to_string(),
            r.publisher.clone(),
            r.formed_on.to_string(),
            r.published_on.to_string(),
            r.doc_no.clone().unwrap_or_default(),
            r.title.clone(),
            r.doc_type.label().to_string(),
            r.validity_label.to_string(),
            interpretations_cell(r),
        ];
        let _ = w.write_record(cells.iter().map(|c| safe_cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The catalogue as pretty JSON: an array of [`CatalogueRow`].
pub fn render_json(rows: &[CatalogueRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_string())
}
