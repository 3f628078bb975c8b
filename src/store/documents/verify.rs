//! `verify` for the document register: the documents' own hash chain (each event names the
//! hash of the one before, from [`GENESIS_HASH`]), every document's projection against the
//! replay of its events, the 索引号 table against the publications, and the table 二 figures
//! against their latest entry (SPEC.md §7, §10).

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::verify::Problem;
use super::super::{GENESIS_HASH, Store, StoreError, event_hash};
use super::read::{StoredDocEvent, figures_of, projected_columns, read_doc_events};
use super::step_kind_name;
use crate::document::{Document, YearFigures, replay};

/// What [`verify_documents`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocVerifyReport {
    /// Documents checked.
    pub documents: u64,
    /// Events of the documents' chain checked.
    pub events: u64,
    /// Every difference found (checks `schema`, and `doc-chain`, `doc-hash`, `doc-events`,
    /// `doc-replay`, `doc-projection` as [`Problem::check`] describes for the requests).
    pub problems: Vec<Problem>,
}

fn problem(
    subject: Option<&str>,
    e: Option<&StoredDocEvent>,
    check: &'static str,
    what: String,
) -> Problem {
    Problem {
        case_no: subject.map(str::to_string),
        event: e.map(|e| e.index),
        seq: e.map(|e| e.seq),
        check,
        what,
    }
}

/// Checks the document register: the chain, each event's hash, the numbering within each
/// document, each document's projection (stored equals replayed), the 索引号 given, and the
/// figures of table 二.
///
/// # Errors
/// SQLite errors that prevent reading at all.
pub fn verify_documents(store: &Store) -> Result<DocVerifyReport, StoreError> {
    let mut report = DocVerifyReport::default();
    for trigger in super::DOCUMENT_TRIGGERS {
        if !store.has_trigger(trigger)? {
            report.problems.push(problem(
                None,
                None,
                "schema",
                format!("保护文件事件只增不改的触发器 {trigger} 被删除"),
            ));
        }
    }
    let events = read_doc_events(&store.conn, None)?;
    report.events = events.len() as u64;
    let mut prev = GENESIS_HASH.to_string();
    let mut by_subject: BTreeMap<String, Vec<&StoredDocEvent>> = BTreeMap::new();
    for e in &events {
        if e.prev_hash != prev {
            report.problems.push(problem(
                Some(&e.subject),
                Some(e),
                "doc-chain",
                "文件事件链断开：前一事件的哈希不符（有事件被删除、插入或改动）".to_string(),
            ));
        }
        let h = event_hash(
            &e.prev_hash,
            &e.subject,
            e.index,
            &e.kind,
            &e.on,
            &e.by,
            &e.at,
            &e.payload,
        );
        if h != e.hash {
            report.problems.push(problem(
                Some(&e.subject),
                Some(e),
                "doc-hash",
                "文件事件的内容与其哈希不符（记录被改动）".to_string(),
            ));
        }
        prev = e.hash.clone();
        by_subject.entry(e.subject.clone()).or_default().push(e);
    }
    // The stored documents.
    let mut stored: BTreeMap<String, (String, u32, Vec<Option<String>>)> = BTreeMap::new();
    {
        let mut stmt = store.conn.prepare(
            "SELECT doc_id, data, event_count, title, doc_no, doc_type, attribute, state,
                    drafting_unit, formed_on, published_on, index_no, topic FROM documents",
        )?;
        let rows = stmt.query_map([], |r| {
            let mut cols = Vec::new();
            for i in 3..13 {
                cols.push(r.get::<_, Option<String>>(i)?);
            }
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                cols,
            ))
        })?;
        for row in rows {
            let (id, data, count, cols) = row?;
            stored.insert(id, (data, count, cols));
        }
    }
    report.documents = stored.len() as u64;
    let mut published: BTreeMap<String, String> = BTreeMap::new();
    for (id, (data, count, cols)) in &stored {
        let evs = by_subject.remove(id).unwrap_or_default();
        let mut steps = Vec::new();
        for (i, e) in evs.iter().enumerate() {
            if e.index as usize != i + 1 {
                report.problems.push(problem(
                    Some(id),
                    Some(e),
                    "doc-events",
                    format!("事件编号应为 {}", i + 1),
                ));
            }
            match e.step() {
                Ok(s) if step_kind_name(&s) == e.kind => steps.push(s),
                Ok(_) => report.problems.push(problem(
                    Some(id),
                    Some(e),
                    "doc-replay",
                    "事件类型与内容不符".to_string(),
                )),
                Err(err) => report.problems.push(problem(
                    Some(id),
                    Some(e),
                    "doc-replay",
                    format!("事件无法读取：{err}"),
                )),
            }
        }
        if evs.len() as u32 != *count {
            report.problems.push(problem(
                Some(id),
                None,
                "doc-projection",
                format!("登记的事件数为 {count}，事件记录中有 {} 项", evs.len()),
            ));
        }
        let doc = replay(steps.iter());
        match serde_json::from_str::<Document>(data) {
            Ok(d) if d == doc => {}
            Ok(_) => report.problems.push(problem(
                Some(id),
                None,
                "doc-projection",
                "文件登记表中的记录与事件回放的结果不符".to_string(),
            )),
            Err(err) => report.problems.push(problem(
                Some(id),
                None,
                "doc-projection",
                format!("文件记录无法读取：{err}"),
            )),
        }
        let c = projected_columns(&doc);
        let want = [
            Some(c.title),
            c.doc_no,
            Some(c.doc_type),
            c.attribute,
            Some(c.state),
            Some(c.drafting_unit),
            Some(c.formed_on),
            c.published_on,
            c.index_no,
            c.topic,
        ];
        if want.as_slice() != cols.as_slice() {
            report.problems.push(problem(
                Some(id),
                None,
                "doc-projection",
                "文件登记表的检索列与事件回放的结果不符".to_string(),
            ));
        }
        if let Some(p) = &doc.publication {
            published.insert(p.index_no.clone(), id.clone());
        }
    }
    // The figures of table 二, and events of no known subject.
    let mut figures: BTreeMap<i32, YearFigures> = BTreeMap::new();
    for (subject, evs) in &by_subject {
        for e in evs {
            match (e.kind.as_str(), figures_of(e)) {
                ("figures-entered", Ok(f)) if super::figures_subject(f.year) == *subject => {
                    figures.insert(f.year, f.figures);
                }
                _ => report.problems.push(problem(
                    Some(subject),
                    Some(e),
                    "doc-replay",
                    "事件不属于任何已登记的文件".to_string(),
                )),
            }
        }
    }
    let mut stored_figures: BTreeMap<i32, YearFigures> = BTreeMap::new();
    {
        let mut stmt = store
            .conn
            .prepare("SELECT year, data FROM table2_figures")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (y, d) = row?;
            match serde_json::from_str(&d) {
                Ok(f) => {
                    stored_figures.insert(y, f);
                }
                Err(err) => report.problems.push(problem(
                    None,
                    None,
                    "doc-projection",
                    format!("{y} 年表二数据无法读取：{err}"),
                )),
            }
        }
    }
    if stored_figures != figures {
        report.problems.push(problem(
            None,
            None,
            "doc-projection",
            "表二录入的数据与其事件记录不符".to_string(),
        ));
    }
    // Every publication's 索引号 is recorded as given to its document.
    let mut given: BTreeMap<String, String> = BTreeMap::new();
    {
        let mut stmt = store
            .conn
            .prepare("SELECT index_no, doc_id FROM index_numbers")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (n, id) = row?;
            given.insert(n, id);
        }
    }
    for (n, id) in &published {
        if given.get(n) != Some(id) {
            report.problems.push(problem(
                Some(id),
                None,
                "doc-projection",
                format!("索引号{n}未登记在索引号表中"),
            ));
        }
    }
    Ok(report)
}
