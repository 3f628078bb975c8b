//! Writing to the register: one transaction that checks each step against the rules, appends it
//! to the hash-chained log and updates the projection (SPEC.md §7).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Transaction, params};

use super::chain::hash_blob;
use super::read::read_events;
use super::row::{
    INSERT_REQUEST_SQL, UPDATE_REQUEST_SQL, format_case_no, indexed_columns, normalize,
};
use super::stored::{CASE_SQL, case_at, encode, has_registration, registration_of};
use super::{StoreError, event_hash};
use crate::calendar::Calendar;
use crate::case::{self, Case, Event, Registration, ReplayError, Step};

/// An open write transaction on the register. Dropped without [`Writer::commit`], it writes
/// nothing.
pub struct Writer<'a> {
    pub(super) tx: Transaction<'a>,
    pub(super) cal: &'a Calendar,
    pub(super) today: NaiveDate,
    pub(super) now: String,
    pub(super) prev_hash: String,
    pub(super) number_format: &'a str,
    pub(super) path: PathBuf,
    /// The next case-number sequence of each receipt year, once looked up: nobody else can
    /// register while this transaction holds the write lock.
    pub(super) next_seq: std::collections::HashMap<i32, i64>,
}

impl Writer<'_> {
    /// Registers a new request received (or arrived) on `on`, recorded by `by`. Gives it the
    /// next case number of its receipt year.
    ///
    /// Unless `force`, a registration that looks like one already in the register (same tracking
    /// number; or same applicant and description within 20 working days) is refused with
    /// [`StoreError::Duplicate`].
    ///
    /// # Errors
    /// [`StoreError::Refused`] (missing name or description, wrong check character, future
    /// date), [`StoreError::Duplicate`], SQLite errors.
    pub fn register(
        &mut self,
        reg: Registration,
        on: NaiveDate,
        by: &str,
        force: bool,
    ) -> Result<Case, StoreError> {
        let mut event = Event {
            on,
            by: by.to_string(),
            step: Step::Register(Box::new(reg)),
        };
        case::check(None, &event, self.cal, self.today)?;
        let Step::Register(reg) = &mut event.step else {
            unreachable!("built above")
        };
        if !force && let Some((existing, reason, same_applicant)) = self.find_duplicate(reg, on)? {
            return Err(StoreError::Duplicate {
                existing,
                reason,
                same_applicant,
            });
        }
        let year = on.year();
        let seq: i64 = match self.next_seq.get(&year) {
            Some(s) => *s,
            None => self.tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM requests WHERE year = ?1",
                [year],
                |r| r.get(0),
            )?,
        };
        reg.case_no = format_case_no(self.number_format, year, seq)?;
        let c = case::apply(None, &event).map_err(|problem| StoreError::Replay {
            case_no: String::new(),
            source: ReplayError { index: 1, problem },
        })?;
        // A request whose deadlines cannot be computed (past the calendar's end) is refused
        // rather than recorded and then unshowable.
        case::deadlines(&c, self.cal, self.today)?;
        // The registration is stored once, in the registration event (storage format v3).
        let data = encode(&c, Some(&c.registration))?;
        self.tx
            .prepare_cached(&INSERT_REQUEST_SQL)?
            .execute(rusqlite::params_from_iter(
                [
                    Value::Text(c.case_no.clone()),
                    Value::Integer(i64::from(year)),
                    Value::Integer(seq),
                    Value::Text(data),
                ]
                .into_iter()
                .chain(indexed_columns(&c)),
            ))?;
        let id = self.tx.last_insert_rowid();
        super::search::index(&self.tx, id, None, &c)?;
        self.next_seq.insert(year, seq + 1);
        self.append(id, &c.case_no, 1, &event)?;
        Ok(c)
    }

    fn find_duplicate(
        &self,
        reg: &Registration,
        on: NaiveDate,
    ) -> Result<Option<(String, String, bool)>, StoreError> {
        // Through the indexes: the same tracking number, or the same applicant's requests for
        // the same description (`content_key` equal); only those are read and compared in full.
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {CASE_SQL} FROM requests
             WHERE (tracking_no IS NOT NULL AND tracking_no = ?1)
                OR (applicant_name = ?2 AND content_key = ?3)"
        ))?;
        let tracking = reg
            .tracking_no
            .as_deref()
            .map(normalize)
            .filter(|s| !s.is_empty());
        let mut rows = stmt.query(params![
            tracking,
            normalize(&reg.applicant.name),
            super::row::content_key(&reg.content)
        ])?;
        while let Some(row) = rows.next()? {
            let c: Case = case_at(row, 0)?;
            if let Some(reason) =
                case::likely_duplicate(self.cal, &c.registration, c.registered_on, reg, on)
            {
                let same =
                    normalize(&c.registration.applicant.name) == normalize(&reg.applicant.name);
                return Ok(Some((c.case_no, reason, same)));
            }
        }
        Ok(None)
    }

    /// Records one step on an existing request, after [`case::check`] (or, for an amendment,
    /// [`case::check_amendment`]) allows it. Returns the request as it now stands.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Refused`], SQLite and JSON errors.
    pub fn record(&mut self, case_no: &str, event: Event) -> Result<Case, StoreError> {
        let (id, data, count, payload, current) = {
            let mut stmt = self.tx.prepare_cached(&format!(
                "SELECT id, event_count, {CASE_SQL} FROM requests WHERE case_no = ?1"
            ))?;
            let mut rows = stmt.query([case_no])?;
            let row = rows
                .next()?
                .ok_or_else(|| StoreError::NotFound(case_no.to_string()))?;
            let (id, count): (i64, u32) = (row.get(0)?, row.get(1)?);
            let (data, payload): (String, Option<String>) = (row.get(2)?, row.get(3)?);
            (id, data, count, payload, case_at(row, 2)?)
        };
        // The registration as the registration event recorded it: the projection leaves it
        // out while the request's registration is still that one (storage format v3).
        let first = if has_registration(&data) {
            payload.as_deref().and_then(registration_of)
        } else {
            Some(current.registration.clone())
        };
        let old = current.clone();
        let new = if matches!(event.step, Step::Amend(_)) {
            let events: Vec<Event> = read_events(&self.tx, id, case_no)?
                .into_iter()
                .map(|e| e.event)
                .collect();
            case::check_amendment(&events, &event, self.cal, self.today)
                .map_err(|r| StoreError::refused(case_no, r))?
        } else {
            case::check(Some(&current), &event, self.cal, self.today)
                .map_err(|r| StoreError::refused(case_no, r))?;
            case::apply(Some(current), &event).map_err(|problem| StoreError::Replay {
                case_no: case_no.to_string(),
                source: ReplayError {
                    index: count + 1,
                    problem,
                },
            })?
        };
        case::deadlines(&new, self.cal, self.today)?;
        self.append(id, case_no, count + 1, &event)?;
        self.tx
            .prepare_cached(&UPDATE_REQUEST_SQL)?
            .execute(rusqlite::params_from_iter(
                [
                    Value::Integer(id),
                    Value::Text(encode(&new, first.as_ref())?),
                ]
                .into_iter()
                .chain(indexed_columns(&new)),
            ))?;
        super::search::index(&self.tx, id, Some(&old), &new)?;
        Ok(new)
    }

    fn append(&mut self, id: i64, case_no: &str, index: u32, e: &Event) -> Result<(), StoreError> {
        let payload = serde_json::to_string(&e.step)?;
        let kind = e.step.kind_name();
        let on = e.on.to_string();
        let hash = event_hash(
            &self.prev_hash,
            case_no,
            index,
            kind,
            &on,
            &e.by,
            &self.now,
            &payload,
        );
        self.tx
            .prepare_cached(
                "INSERT INTO events (request_id, idx, kind, on_date, recorded_by, recorded_at,
                    payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                index,
                kind,
                on,
                e.by,
                self.now,
                payload,
                hash_blob(&self.prev_hash),
                hash_blob(&hash)
            ])?;
        self.prev_hash = hash;
        Ok(())
    }

    /// The calendar this write checks dates against.
    pub fn calendar(&self) -> &Calendar {
        self.cal
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
