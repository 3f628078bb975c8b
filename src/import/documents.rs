//! The office's existing catalogue of documents as a spreadsheet (the columns documented in
//! [`crate::document`]): each row read into the steps of a document and every step checked by
//! the rules of SPEC §10 before anything is written ([`crate::document::check`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::read::{Cell, RawRow, Sheet};
use crate::calendar::Calendar;
use crate::document::topics::Topics;
use crate::document::types::parse_yes_no;
use crate::document::{
    Approval, Change, Channel, DocStep, DocType, Document, Form, Interpretation, Publication,
    Questions, Registration, Review, check,
};

/// The columns every file must have.
pub const REQUIRED: [&str; 13] = [
    "标题",
    "成文日期",
    "起草单位",
    "审核表",
    "公文类型",
    "公开属性",
    "公开前审查",
    "政策解读",
    "部分删减后公开",
    "起草单位签字",
    "审核人",
    "审核日期",
    "发布日期",
];

/// One row read: its steps (the publication's 索引号 empty when the tool is to assign it).
#[derive(Debug, Clone, PartialEq)]
pub struct DocImportRow {
    /// The row's line (CSV) or sheet row.
    pub line: usize,
    /// The steps, in order; the first is the registration.
    pub steps: Vec<DocStep>,
}

impl DocImportRow {
    /// The registration.
    pub fn registration(&self) -> Option<&Registration> {
        match self.steps.first() {
            Some(DocStep::Registered(r)) => Some(r),
            _ => None,
        }
    }
}

/// A row that cannot be imported, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct DocRejected {
    /// The row's line.
    pub line: usize,
    /// What is wrong, in Chinese.
    pub problems: Vec<String>,
}

/// The columns missing from the header row.
pub fn missing_columns(sheet: &Sheet) -> Vec<&'static str> {
    REQUIRED
        .iter()
        .copied()
        .filter(|c| !sheet.headers.iter().any(|h| h == c))
        .collect()
}

struct Row<'a> {
    cells: HashMap<&'a str, &'a Cell>,
    problems: Vec<String>,
}

impl Row<'_> {
    fn text(&self, col: &str) -> Option<String> {
        self.cells
            .get(col)
            .map(|c| c.to_text().trim().to_string())
            .filter(|s| !s.is_empty())
    }

    fn required(&mut self, col: &str) -> String {
        self.text(col).unwrap_or_else(|| {
            self.problems.push(format!("“{col}”不能为空"));
            String::new()
        })
    }

    fn date(&mut self, col: &str) -> Option<NaiveDate> {
        let c = self.cells.get(col)?;
        match c {
            Cell::Date(d) => Some(*d),
            c if c.is_blank() => None,
            c => {
                let t = c.to_text();
                crate::dates::parse_date_arg(&t)
                    .map_err(|e| self.problems.push(format!("“{col}”{t}：{e}")))
                    .ok()
            }
        }
    }

    fn required_date(&mut self, col: &str) -> NaiveDate {
        self.date(col).unwrap_or_else(|| {
            if self.text(col).is_none() {
                self.problems.push(format!("“{col}”不能为空"));
            }
            NaiveDate::MIN
        })
    }

    fn parsed<T: std::str::FromStr>(&mut self, col: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let t = self.required(col);
        if t.is_empty() {
            return None;
        }
        t.parse::<T>()
            .map_err(|e| self.problems.push(e.to_string()))
            .ok()
    }

    fn list<T: std::str::FromStr>(&mut self, col: &str) -> Vec<T>
    where
        T::Err: std::fmt::Display,
    {
        let t = self.text(col).unwrap_or_default();
        t.split([';', '；'])
            .filter(|x| !x.trim().is_empty())
            .filter_map(|x| {
                x.trim()
                    .parse::<T>()
                    .map_err(|e| self.problems.push(e.to_string()))
                    .ok()
            })
            .collect()
    }

    fn yes_no(&mut self, col: &'static str) -> bool {
        let t = self.required(col);
        parse_yes_no(col, &t)
            .map_err(|e| {
                if !t.is_empty() {
                    self.problems.push(e.to_string())
                }
            })
            .unwrap_or(false)
    }
}

/// Reads one row into its steps and checks each against the rules as the document stands after
/// the ones before (SPEC §10).
///
/// # Errors
/// Every problem of the row.
pub fn read_row(
    headers: &[String],
    raw: &RawRow,
    topics: &Topics,
    cal: &Calendar,
) -> Result<DocImportRow, DocRejected> {
    let mut r = Row {
        cells: headers
            .iter()
            .map(String::as_str)
            .zip(raw.cells.iter())
            .collect(),
        problems: Vec::new(),
    };
    let title = r.required("标题");
    let formed_on = r.required_date("成文日期");
    let drafting_unit = r.required("起草单位");
    let form: Option<Form> = r.parsed("审核表");
    let doc_type: Option<DocType> = r.parsed("公文类型");
    let attribute = r.parsed("公开属性");
    let pre_review = r.yes_no("公开前审查");
    let interpretation_planned = r.yes_no("政策解读");
    let redacted = r.yes_no("部分删减后公开");
    let grounds = r.list("不予公开理由");
    let signer = r.required("起草单位签字");
    let reviewer = r.required("审核人");
    let reviewed_on = r.required_date("审核日期");
    let mut steps = Vec::new();
    if let (Some(form), Some(doc_type), Some(attribute)) = (form, doc_type, attribute) {
        steps.push(DocStep::Registered(Registration {
            title,
            doc_no: r.text("文号"),
            formed_on,
            drafting_unit,
            doc_type,
            form,
            questions: Questions {
                normative: doc_type == DocType::Normative,
                pre_review,
                interpretation_planned,
                redacted,
                to_meeting: None,
            },
            attribute,
            reason: r.text("依申请公开理由"),
            grounds,
            drafter_opinion: None,
            drafter_signer: signer,
        }));
        steps.push(DocStep::Reviewed(Review {
            agree: true,
            suggested: None,
            reason: None,
            grounds: vec![],
            signer: reviewer,
            on: reviewed_on,
        }));
    }
    if let Some(published_on) = r.date("发布日期") {
        let channels: Vec<Channel> = r.list("公开方式");
        let publisher = r.required("发布机构");
        let approver = r.required("审批人");
        let approved_on = r.required_date("审批日期");
        let first = r.required("一级分类");
        let second = r.text("二级分类");
        match topics.resolve(&first, second.as_deref()) {
            Ok(topic) => steps.push(DocStep::Approved(Approval {
                channels: channels.clone(),
                publisher,
                topic,
                approver,
                on: approved_on,
            })),
            Err(e) if !first.is_empty() => r.problems.push(e.to_string()),
            Err(_) => {}
        }
        steps.push(DocStep::Published(Publication {
            on: published_on,
            channels,
            address: r.text("网址"),
            index_no: r.text("索引号").unwrap_or_default(),
        }));
    }
    if let Some(on) = r.date("解读日期") {
        let form = r.parsed("解读形式");
        let by = r.required("解读机构");
        if let Some(form) = form {
            steps.push(DocStep::InterpretationPublished(Interpretation {
                form,
                by,
                on,
                address: None,
            }));
        }
    }
    if let Some(on) = r.date("变更日期")
        && let Some(kind) = r.parsed("变更类型")
    {
        steps.push(DocStep::Changed(Change {
            kind,
            on,
            successor: r.text("后继文号"),
        }));
    }
    if let Some(on) = r.date("标注日期") {
        steps.push(DocStep::Marked { on });
    }
    if r.problems.is_empty() {
        // The rules, step by step (a 索引号 to be assigned is checked with a placeholder).
        let mut doc = Document::default();
        for s in &steps {
            let probe = match s {
                DocStep::Published(p) if p.index_no.is_empty() => DocStep::Published(Publication {
                    index_no: "—".to_string(),
                    ..p.clone()
                }),
                s => s.clone(),
            };
            if let Err(e) = check(&doc, &probe, cal) {
                r.problems.push(e.to_string());
                break;
            }
            doc.apply(&probe);
        }
    }
    if r.problems.is_empty() {
        Ok(DocImportRow {
            line: raw.line,
            steps,
        })
    } else {
        Err(DocRejected {
            line: raw.line,
            problems: r.problems,
        })
    }
}

/// Whether a row is a document already in the register: the same 文号, or (without one) the
/// same title and 成文日期. What makes an import idempotent.
pub fn same_document(a: &Registration, b: &Registration) -> bool {
    match (&a.doc_no, &b.doc_no) {
        (Some(x), Some(y)) => x.trim() == y.trim(),
        _ => a.title.trim() == b.title.trim() && a.formed_on == b.formed_on,
    }
}
