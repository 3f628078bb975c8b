//! The document register (主动公开, SPEC.md §10) in the same SQLite file as the requests: its own
//! append-only, hash-chained event log (`document_events`, chained from [`GENESIS_HASH`] apart
//! from the requests' chain), the `documents` projection (the fold of each document's events,
//! updated in the same transaction), the 索引号 given (`index_numbers`: unique, never reused), and
//! the table 二 figures entered per year (recorded as events too, projected in `table2_figures`).
//!
//! Layout: this file the schema step and the write transaction ([`DocWriter`]); `read.rs` the
//! typed reads; `verify.rs` the chain and projection checks.

mod read;
mod verify;

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{GENESIS_HASH, Store, StoreError, event_hash};
use crate::calendar::Calendar;
use crate::document::index_no::{IndexFormat, check_unique, next_free};
use crate::document::{self, DocRefusal, DocStep, Document, Publication, YearFigures};

pub use read::{DocFilter, DocRow};
pub use verify::{DocVerifyReport, verify_documents};

/// The migration step of the document register (appended at the end of
/// [`super::MIGRATIONS`]).
pub const DOCUMENTS_MIGRATION: &str = concat!(
    // Written compactly: SQLite keeps each statement's text in the schema table, which should
    // stay within the file's first page.
    "CREATE TABLE documents(id INTEGER PRIMARY KEY,doc_id TEXT NOT NULL UNIQUE,",
    "year INTEGER NOT NULL,seq INTEGER NOT NULL,title TEXT NOT NULL,doc_no TEXT,",
    "doc_type TEXT NOT NULL,attribute TEXT,state TEXT NOT NULL,drafting_unit TEXT NOT NULL,",
    "formed_on TEXT NOT NULL,published_on TEXT,index_no TEXT,topic TEXT,",
    "event_count INTEGER NOT NULL,data TEXT NOT NULL,UNIQUE(year,seq));",
    "CREATE TABLE document_events(seq INTEGER PRIMARY KEY,subject TEXT NOT NULL,",
    "idx INTEGER NOT NULL,kind TEXT NOT NULL,on_date TEXT NOT NULL,recorded_by TEXT NOT NULL,",
    "recorded_at TEXT NOT NULL,payload TEXT NOT NULL,prev_hash TEXT NOT NULL,",
    "hash TEXT NOT NULL,UNIQUE(subject,idx));",
    "CREATE TRIGGER document_events_no_update BEFORE UPDATE ON document_events ",
    "BEGIN SELECT RAISE(ABORT,'append-only'); END;",
    "CREATE TRIGGER document_events_no_delete BEFORE DELETE ON document_events ",
    "BEGIN SELECT RAISE(ABORT,'append-only'); END;",
    "CREATE TABLE index_numbers(index_no TEXT PRIMARY KEY,doc_id TEXT NOT NULL,",
    "year INTEGER NOT NULL);",
    "CREATE TRIGGER index_numbers_no_update BEFORE UPDATE ON index_numbers ",
    "BEGIN SELECT RAISE(ABORT,'never reused'); END;",
    "CREATE TRIGGER index_numbers_no_delete BEFORE DELETE ON index_numbers ",
    "BEGIN SELECT RAISE(ABORT,'never reused'); END;",
    "CREATE TABLE table2_figures(year INTEGER PRIMARY KEY,data TEXT NOT NULL);",
);

/// The triggers that keep the document log and the 索引号 append-only.
pub const DOCUMENT_TRIGGERS: [&str; 4] = [
    "document_events_no_update",
    "document_events_no_delete",
    "index_numbers_no_update",
    "index_numbers_no_delete",
];

/// The subject of the table 二 figures' events of `year` (they share the documents' chain).
pub fn figures_subject(year: i32) -> String {
    format!("表二-{year}")
}

/// An event of the figures of table 二 (行政许可、行政处罚、行政强制、行政事业性收费; SPEC §10),
/// entered per year: the latest entry of a year is in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiguresEntered {
    /// The report year.
    pub year: i32,
    /// The figures.
    pub figures: YearFigures,
}

/// What can go wrong writing to or reading the document register.
#[derive(Debug, thiserror::Error)]
pub enum DocStoreError {
    /// No document with this number.
    #[error("找不到文件 {0}")]
    NotFound(String),
    /// The step breaks a rule of SPEC §10 (nothing was written).
    #[error("{refusal}")]
    Refused {
        /// The document's number (empty before registration).
        id: String,
        /// The rule, its source and the steps allowed.
        refusal: DocRefusal,
    },
    /// A 索引号 problem: the format, the credit code, a number already given.
    #[error("{0}")]
    IndexNo(String),
    /// A figure of table 二 that cannot be right.
    #[error("{0}")]
    Figures(String),
    /// The register itself.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for DocStoreError {
    fn from(e: rusqlite::Error) -> Self {
        DocStoreError::Store(e.into())
    }
}

impl From<serde_json::Error> for DocStoreError {
    fn from(e: serde_json::Error) -> Self {
        DocStoreError::Store(e.into())
    }
}

impl From<crate::calendar::CalendarError> for DocStoreError {
    fn from(e: crate::calendar::CalendarError) -> Self {
        DocStoreError::Store(e.into())
    }
}

/// Where a publication's 索引号 comes from.
#[derive(Debug, Clone)]
pub enum IndexChoice<'a> {
    /// The next free number of the publication's year in this format, with the credit code.
    Next {
        /// The agency's `index_no_format`.
        format: &'a IndexFormat,
        /// The agency's 统一社会信用代码.
        credit_code: &'a str,
    },
    /// A number already given outside the tool (an imported catalogue): checked unique.
    Given(String),
}

/// The stable name of a step's kind as stored in `document_events.kind`.
pub fn step_kind_name(step: &DocStep) -> &'static str {
    match step {
        DocStep::Registered(_) => "registered",
        DocStep::Reviewed(_) => "reviewed",
        DocStep::Approved(_) => "approved",
        DocStep::Published(_) => "published",
        DocStep::InterpretationPublished(_) => "interpretation-published",
        DocStep::Changed(_) => "changed",
        DocStep::Marked { .. } => "marked",
        DocStep::Converted(_) => "converted",
    }
}

/// The business date of a step (the registration's is the 成文日期).
pub fn step_date(step: &DocStep) -> NaiveDate {
    match step {
        DocStep::Registered(r) => r.formed_on,
        DocStep::Reviewed(r) => r.on,
        DocStep::Approved(a) => a.on,
        DocStep::Published(p) => p.on,
        DocStep::InterpretationPublished(i) => i.on,
        DocStep::Changed(c) => c.on,
        DocStep::Marked { on } => *on,
        DocStep::Converted(c) => c.on,
    }
}

/// A document's number: `W{year}-{seq:04}` by the year of its 成文日期.
pub fn format_doc_id(year: i32, seq: i64) -> String {
    format!("W{year}-{seq:04}")
}

impl Store {
    /// Starts a write on the document register: one `BEGIN IMMEDIATE` transaction; nothing is
    /// written unless [`DocWriter::commit`] is called.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`], [`StoreError::Unprotected`] (a trigger dropped),
    /// [`StoreError::Busy`], SQLite errors.
    pub fn doc_writer<'a>(
        &'a mut self,
        cal: &'a Calendar,
        now: String,
    ) -> Result<DocWriter<'a>, StoreError> {
        let path = self.path.clone();
        let tx = self.begin_write(&DOCUMENT_TRIGGERS)?;
        let prev_hash: String = tx
            .query_row(
                "SELECT hash FROM document_events ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS_HASH.to_string());
        Ok(DocWriter {
            tx,
            cal,
            now,
            prev_hash,
            path,
        })
    }
}

/// An open write transaction on the document register. Dropped without
/// [`DocWriter::commit`], it writes nothing.
pub struct DocWriter<'a> {
    tx: Transaction<'a>,
    cal: &'a Calendar,
    now: String,
    prev_hash: String,
    path: std::path::PathBuf,
}

const UPSERT_DOC_SQL: &str = "UPDATE documents SET title = ?2, doc_no = ?3, doc_type = ?4,
    attribute = ?5, state = ?6, drafting_unit = ?7, formed_on = ?8, published_on = ?9,
    index_no = ?10, topic = ?11, event_count = ?12, data = ?13 WHERE doc_id = ?1";

impl DocWriter<'_> {
    /// Registers a document (登记 with its 附录B/C determination) after [`document::check`]
    /// allows it, giving it the next number of its 成文日期's year. Returns its number and the
    /// document.
    ///
    /// # Errors
    /// [`DocStoreError::Refused`], SQLite errors.
    pub fn register(
        &mut self,
        step: DocStep,
        by: &str,
    ) -> Result<(String, Document), DocStoreError> {
        let DocStep::Registered(reg) = &step else {
            return Err(DocStoreError::Store(StoreError::Corrupt(
                "register takes a registration".to_string(),
            )));
        };
        let blank = Document::default();
        document::check(&blank, &step, self.cal).map_err(|refusal| DocStoreError::Refused {
            id: String::new(),
            refusal,
        })?;
        let year = reg.formed_on.year();
        let seq: i64 = self.tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM documents WHERE year = ?1",
            [year],
            |r| r.get(0),
        )?;
        let id = format_doc_id(year, seq);
        let doc = document::replay([&step]);
        self.tx.execute(
            "INSERT INTO documents (doc_id, year, seq, title, doc_type, state, drafting_unit,
                formed_on, event_count, data) VALUES (?1, ?2, ?3, '', '', '', '', '', 0, '')",
            params![id, year, seq],
        )?;
        self.append(&id, 1, &step, by)?;
        self.project(&id, &doc, 1)?;
        Ok((id, doc))
    }

    /// The document `id` as it stands in this transaction, with its event count.
    ///
    /// # Errors
    /// [`DocStoreError::NotFound`], SQLite and JSON errors.
    pub fn document(&self, id: &str) -> Result<(Document, u32), DocStoreError> {
        let (data, count): (String, u32) = self
            .tx
            .query_row(
                "SELECT data, event_count FROM documents WHERE doc_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| DocStoreError::NotFound(id.to_string()))?;
        Ok((serde_json::from_str(&data)?, count))
    }

    /// Records one step (not a registration nor a publication: see [`DocWriter::register`],
    /// [`DocWriter::publish`]) after [`document::check`] allows it.
    ///
    /// # Errors
    /// [`DocStoreError::NotFound`], [`DocStoreError::Refused`], SQLite errors.
    pub fn record(&mut self, id: &str, step: DocStep, by: &str) -> Result<Document, DocStoreError> {
        let (mut doc, count) = self.document(id)?;
        document::check(&doc, &step, self.cal).map_err(|refusal| DocStoreError::Refused {
            id: id.to_string(),
            refusal: refusal.with_id(id),
        })?;
        doc.apply(&step);
        self.append(id, count + 1, &step, by)?;
        self.project(id, &doc, count + 1)?;
        Ok(doc)
    }

    /// Publishes document `id` (发布): assigns its 索引号 (the next free one of the
    /// publication's year, or the one given, checked unique and never reused; SPEC §10) and
    /// records the step after [`document::check`] allows it (only approved 主动公开 documents:
    /// seed A.2).
    ///
    /// # Errors
    /// [`DocStoreError::Refused`], [`DocStoreError::IndexNo`], SQLite errors.
    pub fn publish(
        &mut self,
        id: &str,
        mut publication: Publication,
        index: IndexChoice<'_>,
        by: &str,
    ) -> Result<Document, DocStoreError> {
        let (doc, _) = self.document(id)?;
        // The rules first (with a placeholder number), so that a refused publication says why
        // before any number is worked out.
        let probe = DocStep::Published(Publication {
            index_no: "—".to_string(),
            ..publication.clone()
        });
        document::check(&doc, &probe, self.cal).map_err(|refusal| DocStoreError::Refused {
            id: id.to_string(),
            refusal: refusal.with_id(id),
        })?;
        let year = publication.on.year();
        let taken = self.index_numbers()?;
        publication.index_no = match index {
            IndexChoice::Next {
                format,
                credit_code,
            } => next_free(format, credit_code, year, taken.iter().map(String::as_str))
                .map_err(|e| DocStoreError::IndexNo(e.to_string()))?,
            IndexChoice::Given(n) => {
                check_unique(&n, taken.iter().map(String::as_str))
                    .map_err(DocStoreError::IndexNo)?;
                n
            }
        };
        self.tx.execute(
            "INSERT INTO index_numbers (index_no, doc_id, year) VALUES (?1, ?2, ?3)",
            params![publication.index_no, id, year],
        )?;
        self.record(id, DocStep::Published(publication), by)
    }

    /// Every 索引号 ever given.
    fn index_numbers(&self) -> Result<Vec<String>, DocStoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT index_no FROM index_numbers")?;
        let v = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Records the figures of table 二 entered for `year` (an event in the documents' chain;
    /// the latest entry of a year is in force). SPEC §10.
    ///
    /// # Errors
    /// [`DocStoreError::Figures`] for figures that cannot be right, SQLite errors.
    pub fn enter_figures(
        &mut self,
        year: i32,
        figures: YearFigures,
        on: NaiveDate,
        by: &str,
    ) -> Result<(), DocStoreError> {
        figures.check().map_err(DocStoreError::Figures)?;
        let subject = figures_subject(year);
        let count: u32 = self.tx.query_row(
            "SELECT count(*) FROM document_events WHERE subject = ?1",
            [&subject],
            |r| r.get(0),
        )?;
        let entry = FiguresEntered { year, figures };
        let payload = serde_json::to_string(&entry)?;
        self.append_raw(&subject, count + 1, "figures-entered", on, by, &payload)?;
        self.tx.execute(
            "INSERT INTO table2_figures (year, data) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET data = excluded.data",
            params![year, serde_json::to_string(&figures)?],
        )?;
        Ok(())
    }

    fn append(
        &mut self,
        id: &str,
        index: u32,
        step: &DocStep,
        by: &str,
    ) -> Result<(), DocStoreError> {
        let payload = serde_json::to_string(step)?;
        self.append_raw(
            id,
            index,
            step_kind_name(step),
            step_date(step),
            by,
            &payload,
        )
    }

    fn append_raw(
        &mut self,
        subject: &str,
        index: u32,
        kind: &str,
        on: NaiveDate,
        by: &str,
        payload: &str,
    ) -> Result<(), DocStoreError> {
        let on = on.to_string();
        let hash = event_hash(
            &self.prev_hash,
            subject,
            index,
            kind,
            &on,
            by,
            &self.now,
            payload,
        );
        self.tx
            .prepare_cached(
                "INSERT INTO document_events (subject, idx, kind, on_date, recorded_by,
                    recorded_at, payload, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                subject,
                index,
                kind,
                on,
                by,
                self.now,
                payload,
                self.prev_hash,
                hash
            ])?;
        self.prev_hash = hash;
        Ok(())
    }

    fn project(&mut self, id: &str, doc: &Document, count: u32) -> Result<(), DocStoreError> {
        let cols = read::projected_columns(doc);
        self.tx.prepare_cached(UPSERT_DOC_SQL)?.execute(params![
            id,
            cols.title,
            cols.doc_no,
            cols.doc_type,
            cols.attribute,
            cols.state,
            cols.drafting_unit,
            cols.formed_on,
            cols.published_on,
            cols.index_no,
            cols.topic,
            count,
            serde_json::to_string(doc)?,
        ])?;
        Ok(())
    }

    /// Makes every write of this transaction permanent, all at once.
    ///
    /// # Errors
    /// [`StoreError::Full`], [`StoreError::ReadOnly`], SQLite errors; then nothing was written.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|e| match StoreError::from(e) {
            StoreError::ReadOnly(_) => StoreError::ReadOnly(path),
            e => e,
        })
    }
}
