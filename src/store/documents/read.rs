//! Reads of the document register: one document, its events, a filtered list, the figures of
//! table 二, and the requests' contents in a date range (for `doc requested`, 条例 Art 44).

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::Serialize;

use super::super::{Store, StoreError};
use super::{DocStoreError, FiguresEntered};
use crate::case::Case;
use crate::document::{DocStep, Document, YearFigures};

/// The columns of the `documents` projection a list filters on (the rest is in `data`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    pub title: String,
    pub doc_no: Option<String>,
    pub doc_type: String,
    pub attribute: Option<String>,
    pub state: String,
    pub drafting_unit: String,
    pub formed_on: String,
    pub published_on: Option<String>,
    pub index_no: Option<String>,
    pub topic: Option<String>,
}

/// The indexed columns of a document, as the projection stores them.
pub(crate) fn projected_columns(doc: &Document) -> Columns {
    let reg = doc.registration.as_ref();
    Columns {
        title: reg.map(|r| r.title.clone()).unwrap_or_default(),
        doc_no: reg.and_then(|r| r.doc_no.clone()),
        doc_type: reg
            .map(|r| r.doc_type.name().to_string())
            .unwrap_or_default(),
        attribute: doc.attribute.map(|a| a.name().to_string()),
        state: serde_json::to_value(doc.state)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        drafting_unit: reg.map(|r| r.drafting_unit.clone()).unwrap_or_default(),
        formed_on: reg.map(|r| r.formed_on.to_string()).unwrap_or_default(),
        published_on: doc.publication.as_ref().map(|p| p.on.to_string()),
        index_no: doc.publication.as_ref().map(|p| p.index_no.clone()),
        topic: doc.approval.as_ref().map(|a| a.topic.first.clone()),
    }
}

/// A document with its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRow {
    /// The document's number (`W2026-0001`).
    pub id: String,
    /// The document as its events leave it.
    pub doc: Document,
}

/// What `doc list` selects; every field optional (all documents when empty).
#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    /// State, by its stable name (`registered`, `published`, …).
    pub state: Option<String>,
    /// Type, by its stable name (`rules`, `normative`, `other`).
    pub doc_type: Option<String>,
    /// 一级 topic.
    pub topic: Option<String>,
    /// 起草单位.
    pub drafting_unit: Option<String>,
    /// 成文日期 on or after.
    pub formed_from: Option<NaiveDate>,
    /// 成文日期 on or before.
    pub formed_to: Option<NaiveDate>,
}

/// One stored event of the document register (documents and figures of table 二).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocEvent {
    /// Global sequence number in the documents' chain.
    pub seq: i64,
    /// The document's number, or `表二-YYYY`.
    pub subject: String,
    /// Number within the subject, from 1.
    pub index: u32,
    /// Stored kind name.
    pub kind: String,
    /// Business date.
    pub on: String,
    /// Recorder.
    pub by: String,
    /// Timestamp.
    pub at: String,
    /// The payload as stored.
    pub payload: String,
    /// The previous event's hash.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

impl StoredDocEvent {
    /// The step, for a document's event.
    ///
    /// # Errors
    /// A payload that does not parse.
    pub fn step(&self) -> Result<DocStep, serde_json::Error> {
        serde_json::from_str(&self.payload)
    }
}

impl Store {
    /// Document `id` as the projection holds it.
    ///
    /// # Errors
    /// [`DocStoreError::NotFound`], SQLite and JSON errors.
    pub fn document(&self, id: &str) -> Result<Document, DocStoreError> {
        let data: String = self
            .conn
            .query_row("SELECT data FROM documents WHERE doc_id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| DocStoreError::NotFound(id.to_string()))?;
        Ok(serde_json::from_str(&data)?)
    }

    /// The documents matching `f`, by number.
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn documents(&self, f: &DocFilter) -> Result<Vec<DocRow>, StoreError> {
        let mut sql = "SELECT doc_id, data FROM documents WHERE 1 = 1".to_string();
        let mut args: Vec<Value> = Vec::new();
        let mut add = |col: &str, op: &str, v: Option<String>| {
            if let Some(v) = v {
                args.push(Value::Text(v));
                sql += &format!(" AND {col} {op} ?{}", args.len());
            }
        };
        add("state", "=", f.state.clone());
        add("doc_type", "=", f.doc_type.clone());
        add("topic", "=", f.topic.clone());
        add("drafting_unit", "=", f.drafting_unit.clone());
        add("formed_on", ">=", f.formed_from.map(|d| d.to_string()));
        add("formed_on", "<=", f.formed_to.map(|d| d.to_string()));
        sql += " ORDER BY year, seq";
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            out.push(DocRow {
                id,
                doc: serde_json::from_str(&data)?,
            });
        }
        Ok(out)
    }

    /// The events of one subject (a document's number or `表二-YYYY`), in order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_events(&self, subject: &str) -> Result<Vec<StoredDocEvent>, StoreError> {
        read_doc_events(&self.conn, Some(subject))
    }

    /// The figures of table 二 entered for `year` (all zero when none were entered: the
    /// office has none to report).
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn table2_figures(&self, year: i32) -> Result<Option<YearFigures>, StoreError> {
        let data: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM table2_figures WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .optional()?;
        Ok(data.map(|d| serde_json::from_str(&d)).transpose()?)
    }

    /// The case number and content (申请内容) of each request registered between `from` and
    /// `to` inclusive: what `doc requested` matches against the documents (条例 Art 44).
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn request_contents_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM requests WHERE registered_on >= ?1 AND registered_on <= ?2
             ORDER BY year, seq",
            crate::store::stored::CASE_SQL
        ))?;
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let c: Case = crate::store::stored::case_at(row, 0)?;
            out.push((c.case_no, c.registration.content));
        }
        Ok(out)
    }
}

/// The figures entry of a stored event, for verify.
pub(crate) fn figures_of(e: &StoredDocEvent) -> Result<FiguresEntered, serde_json::Error> {
    serde_json::from_str(&e.payload)
}

/// Every event of the documents' chain (or one subject's), in order.
pub(crate) fn read_doc_events(
    conn: &rusqlite::Connection,
    subject: Option<&str>,
) -> Result<Vec<StoredDocEvent>, StoreError> {
    let sql = "SELECT seq, subject, idx, kind, on_date, recorded_by, recorded_at, payload,
                      prev_hash, hash FROM document_events";
    let map = |r: &rusqlite::Row<'_>| {
        Ok(StoredDocEvent {
            seq: r.get(0)?,
            subject: r.get(1)?,
            index: r.get(2)?,
            kind: r.get(3)?,
            on: r.get(4)?,
            by: r.get(5)?,
            at: r.get(6)?,
            payload: r.get(7)?,
            prev_hash: r.get(8)?,
            hash: r.get(9)?,
        })
    };
    let v = match subject {
        Some(s) => conn
            .prepare(&format!("{sql} WHERE subject = ?1 ORDER BY idx"))?
            .query_map([s], map)?
            .collect::<Result<Vec<_>, _>>()?,
        None => conn
            .prepare(&format!("{sql} ORDER BY seq"))?
            .query_map([], map)?
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(v)
}
