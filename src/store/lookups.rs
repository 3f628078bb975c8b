//! Two narrow selections: the applicant's applications of one calendar month, for a fee
//! charged by item (按件计收, 国办函〔2020〕109号, SPEC.md §6); and the requests concluded in a
//! span of days, for the replies whose service is still unknown (SPEC.md §8).

use chrono::{Datelike, NaiveDate};

use super::row::normalize;
use super::stored::{CASE_SQL, case_at};
use super::{Store, StoreError};
use crate::case::Case;

impl Store {
    /// The applications received in the calendar month of `c`'s receipt date from the same
    /// applicant as `c` — same ID number; without one, same name and applicant type — `c`
    /// included, in order of receipt (then of case number). Empty when `c` has no receipt date.
    /// The register's count for a by-item fee (109号: per applicant per calendar month).
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn applications_in_month(&self, c: &Case) -> Result<Vec<Case>, StoreError> {
        let Some(r) = c.received_on else {
            return Ok(vec![]);
        };
        let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1).expect("day 1 exists");
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        let a = &c.registration.applicant;
        let (who_sql, who): (&str, Vec<String>) = match a
            .id_number
            .as_deref()
            .map(normalize)
            .filter(|s| !s.is_empty())
        {
            Some(id) => ("applicant_id = ?3", vec![id]),
            None => (
                "applicant_id IS NULL AND applicant_name = ?3 AND applicant_type = ?4",
                vec![
                    normalize(&a.name),
                    c.registration.applicant_type.name().to_string(),
                ],
            ),
        };
        let sql = format!(
            "SELECT {CASE_SQL} FROM requests
              WHERE received_on >= ?1 AND received_on < ?2 AND {who_sql}
              ORDER BY received_on, year, seq"
        );
        let mut args: Vec<String> = vec![first.to_string(), next.to_string()];
        args.extend(who);
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut v = Vec::new();
        while let Some(row) = rows.next()? {
            v.push(case_at(row, 0)?);
        }
        Ok(v)
    }

    /// Runs `f` on every request concluded (replied or closed) on a day in `from..=to`, as it
    /// stands now, in case-number order.
    ///
    /// # Errors
    /// SQLite and JSON errors, or `f`'s.
    pub fn for_each_concluded_between<F>(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut f: F,
    ) -> Result<(), StoreError>
    where
        F: FnMut(Case) -> Result<(), StoreError>,
    {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {CASE_SQL} FROM requests WHERE concluded_on BETWEEN ?1 AND ?2 ORDER BY year, seq"
        ))?;
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        while let Some(row) = rows.next()? {
            f(case_at(row, 0)?)?;
        }
        Ok(())
    }

    /// The case numbers made from sequence number `seq` (of year `year`, or of any year), in
    /// order: what a case number typed in another form (`2026-1`, `1`, `[2026]1号`) may mean.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn case_nos_numbered(
        &self,
        year: Option<i32>,
        seq: i64,
    ) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT case_no FROM requests WHERE seq = ?1 AND (?2 IS NULL OR year = ?2) \
             ORDER BY year, seq LIMIT 50",
        )?;
        let rows = st.query_map(rusqlite::params![seq, year], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
