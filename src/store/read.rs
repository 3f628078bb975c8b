//! Reading the register: one request, its events, and the typed selections the commands and
//! reports need (a [`CaseFilter`], the annual candidates of a year, the open requests of a day,
//! the chain head, an event by its sequence number).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::chain::hex_sql;
use super::row::OPEN_STATES_SQL;
use super::stored::{CASE_SQL, case_at};
use super::verify::ChainHead;
use super::{Store, StoreError, StoredEvent};
use crate::case::{self, ApplicantType, Case, Event, State, Step};

/// Which requests to select by their state (办理状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    /// Every request not yet concluded or archived (未办结).
    Open,
    /// The requests in exactly this state.
    Is(State),
}

/// A selection of requests by what the projection's columns hold (the `list` command's filters):
/// every condition given must hold. Requests come in case-number order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// The state (办理状态).
    pub state: Option<StateFilter>,
    /// The applicant type (申请人类型).
    pub applicant_type: Option<ApplicantType>,
    /// The handling department (承办科室), exactly.
    pub department: Option<String>,
    /// Received (or, never started, registered) on or after this day.
    pub received_from: Option<NaiveDate>,
    /// Received (or, never started, registered) on or before this day.
    pub received_to: Option<NaiveDate>,
}

impl CaseFilter {
    /// The SQL condition and its arguments (`?1`, `?2`, … in order).
    fn to_sql(&self) -> (String, Vec<String>) {
        let mut conds = vec!["1 = 1".to_string()];
        let mut args: Vec<String> = Vec::new();
        match self.state {
            None => {}
            Some(StateFilter::Open) => conds.push(OPEN_STATES_SQL.to_string()),
            Some(StateFilter::Is(st)) => {
                args.push(st.name().to_string());
                conds.push(format!("state = ?{}", args.len()));
            }
        }
        if let Some(at) = self.applicant_type {
            args.push(at.name().to_string());
            conds.push(format!("applicant_type = ?{}", args.len()));
        }
        if let Some(d) = &self.department {
            args.push(d.clone());
            conds.push(format!("department = ?{}", args.len()));
        }
        if let Some(d) = self.received_from {
            args.push(d.to_string());
            conds.push(format!("filed_on >= ?{}", args.len()));
        }
        if let Some(d) = self.received_to {
            args.push(d.to_string());
            conds.push(format!("filed_on <= ?{}", args.len()));
        }
        (conds.join(" AND "), args)
    }
}

/// Where an event sits in the register, found by its global sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRef {
    /// The request it belongs to.
    pub case_no: String,
    /// Its number within the request (as stored, unchecked).
    pub index: i64,
    /// Its stored hash.
    pub hash: String,
}

impl Store {
    /// Runs `f` on every request matching `filter`, in case-number order.
    ///
    /// # Errors
    /// SQLite and JSON errors, or `f`'s.
    pub fn for_each_matching<F>(&self, filter: &CaseFilter, f: F) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let (where_sql, args) = filter.to_sql();
        let params: Vec<&dyn rusqlite::ToSql> =
            args.iter().map(|s| s as &dyn rusqlite::ToSql).collect();
        self.for_each_where(&where_sql, &params, f)
    }

    /// Runs `f` on every request not yet concluded or archived (as it stands now), in
    /// case-number order.
    ///
    /// # Errors
    /// SQLite and JSON errors, or `f`'s.
    pub fn for_each_open<F>(&self, f: F) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        self.for_each_where(OPEN_STATES_SQL, &[], f)
    }

    /// The requests that can count in some row of the annual report (年度报告) of `year`:
    /// received (or, never started, registered) by its end and not concluded before its start
    /// (table 二, 四); received in it (一); concluded in it (三); or with an appeal (table 四
    /// counts appeals by their own filing date). Received-in-year and concluded-in-year are
    /// selected separately so that a request concluded outside the year it was received in
    /// still reaches the identity check. In case-number order. 109号 (annual report format).
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn annual_candidates(&self, year: i32) -> Result<Vec<Case>, StoreError> {
        let start = format!("{year}-01-01");
        let end = format!("{year}-12-31");
        // Each term searched through its own index (`filed_on` with `concluded_on`, the
        // conclusion date, the partial index of `appealed`: storage format v2) and the ids
        // united, so that SQLite reads only the candidates' rows instead of scanning and
        // parsing every row (an OR of the terms makes it walk the case-number index instead).
        let where_sql = "id IN (
            SELECT id FROM requests
             WHERE filed_on <= ?2 AND (concluded_on IS NULL OR concluded_on >= ?1)
            UNION ALL SELECT id FROM requests WHERE filed_on BETWEEN ?1 AND ?2
            UNION ALL SELECT id FROM requests WHERE concluded_on BETWEEN ?1 AND ?2
            UNION ALL SELECT id FROM requests WHERE appealed = 1)";
        let mut v = Vec::new();
        self.for_each_where(where_sql, &[&start, &end], |c| {
            v.push(c);
            Ok(())
        })?;
        Ok(v)
    }

    /// The newest event of the register (the head of the hash chain), if any.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn chain_head(&self) -> Result<Option<ChainHead>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT seq, {} FROM events ORDER BY seq DESC LIMIT 1",
                    hex_sql("hash")
                ),
                [],
                |r| {
                    Ok(ChainHead {
                        seq: r.get(0)?,
                        hash: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// The event with global sequence number `seq`: its request, number and hash.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn event_at(&self, seq: i64) -> Result<Option<EventRef>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT r.case_no, e.idx, {} FROM events e JOIN requests r ON r.id = e.request_id
             WHERE e.seq = ?1",
                hex_sql("e.hash")
            ))?
            .query_row([seq], |r| {
                Ok(EventRef {
                    case_no: r.get(0)?,
                    index: r.get(1)?,
                    hash: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// The request with this case number, as projected.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], SQLite and JSON errors.
    pub fn case(&self, case_no: &str) -> Result<Case, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_SQL} FROM requests WHERE case_no = ?1"
        ))?;
        let mut rows = stmt.query([case_no])?;
        match rows.next()? {
            Some(row) => case_at(row, 0),
            None => Err(StoreError::NotFound(case_no.to_string())),
        }
    }

    /// Every event of one request, in order.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], SQLite and JSON errors.
    pub fn events(&self, case_no: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM requests WHERE case_no = ?1",
                [case_no],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(case_no.to_string()))?;
        read_events(&self.conn, id, case_no)
    }

    /// Runs `f` on every request's projection whose row matches `where_sql` (an SQL condition
    /// on the requests table, with `args`), in case-number order.
    fn for_each_where<F>(
        &self,
        where_sql: &str,
        args: &[&dyn rusqlite::ToSql],
        mut f: F,
    ) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let sql = format!("SELECT {CASE_SQL} FROM requests WHERE {where_sql} ORDER BY year, seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(args)?;
        while let Some(row) = rows.next()? {
            f(case_at(row, 0)?)?;
        }
        Ok(())
    }

    /// Runs `f` on every request that was open at the end of day `as_of`, as it stood that day:
    /// registered by then and not concluded by then. A request with events after `as_of` is
    /// replayed up to `as_of`; the others come straight from the projection.
    ///
    /// # Errors
    /// SQLite, JSON and replay errors, or `f`'s.
    pub fn for_each_open_on<F>(&self, as_of: NaiveDate, mut f: F) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let d = as_of.to_string();
        let mut stmt = self.conn.prepare(
            // The unary `+` keeps SQLite from scanning the registration-date index instead of
            // the partial index of open requests (or the conclusion-date index).
            &format!(
                "SELECT case_no, last_on, {CASE_SQL} FROM requests
               WHERE state NOT IN ('concluded', 'archived') AND +registered_on <= ?1
             UNION ALL
             SELECT case_no, last_on, {CASE_SQL} FROM requests
               WHERE state IN ('concluded', 'archived') AND concluded_on > ?1
                 AND +registered_on <= ?1"
            ),
        )?;
        let mut rows = stmt.query([&d])?;
        while let Some(row) = rows.next()? {
            let last_on: String = row.get(1)?;
            let case = if last_on <= d {
                case_at(row, 2)?
            } else {
                let case_no: String = row.get(0)?;
                match self.case_as_of(&case_no, Some(as_of))? {
                    Some(c) => c,
                    None => continue,
                }
            };
            if case.state.is_open() {
                f(case)?;
            }
        }
        Ok(())
    }

    /// Replays one request's events up to and including business date `as_of` (all of them when
    /// `None`): the request as it stood that day.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Replay`], SQLite and JSON errors.
    pub fn case_as_of(
        &self,
        case_no: &str,
        as_of: Option<NaiveDate>,
    ) -> Result<Option<Case>, StoreError> {
        let events: Vec<Event> = self.events(case_no)?.into_iter().map(|e| e.event).collect();
        let replayed = match as_of {
            Some(d) => case::replay_as_of(&events, d),
            None => case::replay(&events).map(Some),
        };
        replayed.map_err(|source| StoreError::Replay {
            case_no: case_no.to_string(),
            source,
        })
    }
}

pub(super) fn read_events(
    conn: &Connection,
    id: i64,
    case_no: &str,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT seq, idx, on_date, recorded_by, recorded_at, payload, {}, {}
         FROM events WHERE request_id = ?1 ORDER BY idx",
        hex_sql("prev_hash"),
        hex_sql("hash")
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, index, on, by, at, payload, prev_hash, hash) = row?;
        let step: Step = serde_json::from_str(&payload)?;
        let on = on.parse().map_err(|_| {
            StoreError::Sqlite(rusqlite::Error::InvalidColumnType(
                2,
                on.clone(),
                rusqlite::types::Type::Text,
            ))
        })?;
        out.push(StoredEvent {
            seq,
            case_no: case_no.to_string(),
            index,
            event: Event { on, by, step },
            recorded_at: at,
            payload,
            prev_hash,
            hash,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_filter_selects_with_numbered_arguments_in_the_order_given() {
        let none = CaseFilter::default();
        assert_eq!(none.to_sql(), ("1 = 1".to_string(), vec![]));
        let f = CaseFilter {
            state: Some(StateFilter::Open),
            applicant_type: Some(ApplicantType::Enterprise),
            department: Some("办公室".to_string()),
            received_from: NaiveDate::from_ymd_opt(2026, 1, 1),
            received_to: NaiveDate::from_ymd_opt(2026, 3, 31),
        };
        assert_eq!(
            f.to_sql(),
            (
                "1 = 1 AND state NOT IN ('concluded', 'archived') AND applicant_type = ?1 \
                 AND department = ?2 AND filed_on >= ?3 AND filed_on <= ?4"
                    .to_string(),
                vec![
                    "enterprise".to_string(),
                    "办公室".to_string(),
                    "2026-01-01".to_string(),
                    "2026-03-31".to_string()
                ]
            )
        );
        let one = CaseFilter {
            state: Some(StateFilter::Is(State::Concluded)),
            ..CaseFilter::default()
        };
        assert_eq!(
            one.to_sql(),
            (
                "1 = 1 AND state = ?1".to_string(),
                vec!["concluded".to_string()]
            )
        );
    }
}
