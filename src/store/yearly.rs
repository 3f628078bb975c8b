//! The annual report's figures counted in SQL (年度报告, 国办公开办函〔2021〕30号 table 三;
//! SPEC.md §5), from the projection's columns through their covering indexes (storage format
//! v3), without reading or decoding a request: the counted receipt date `filed_on` (R, or the
//! registration date of a request whose clock never started), the conclusion date and outcome
//! code, and the applicant type. Table 四 and the fees need the appeals and fees themselves:
//! [`Store::annual_detail_cases`] reads only the requests that have them.

use crate::case::{ApplicantType, Case, Outcome};

use super::stored::{CASE_SQL, case_at};
use super::{Store, StoreError};

/// A row of table 三 as the store counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountedRow {
    /// 一、本年新收: the counted receipt date falls in the year.
    Received,
    /// 二、上年结转: received before the year and not concluded before it.
    CarriedOver,
    /// 三、本年度办理结果: concluded in the year, with this outcome.
    Concluded(Outcome),
    /// 四、结转下年度继续办理: received by the year's end and not concluded by then.
    CarriedForward,
}

/// One group of table 三: a row, an applicant type and how many requests fall in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountedGroup {
    /// The row.
    pub row: CountedRow,
    /// The applicant type (the column).
    pub applicant_type: ApplicantType,
    /// How many requests (negative: requests taken out of the group, see
    /// [`Store::annual_counts`]).
    pub count: i64,
}

/// The four counts of table 三 over the rows of `{src}`, each through its own index (see the
/// v3 migration): received in the year (`filed_on`); carried over: concluded on or after the
/// year's first day but received before it, or not concluded and received before it; concluded
/// in the year, by outcome; carried forward: concluded after the year's end but received by it,
/// or not concluded and received by it.
const COUNTS_SQL: &str = "
    SELECT 0, NULL, applicant_type, count(*) FROM {src}
     WHERE filed_on BETWEEN ?1 AND ?2 GROUP BY applicant_type
    UNION ALL
    SELECT 1, NULL, applicant_type, count(*) FROM (
        SELECT applicant_type FROM {src} WHERE concluded_on >= ?1 AND filed_on < ?1
        UNION ALL
        SELECT applicant_type FROM {src} WHERE concluded_on IS NULL AND filed_on < ?1)
     GROUP BY applicant_type
    UNION ALL
    SELECT 2, outcome, applicant_type, count(*) FROM {src}
     WHERE concluded_on BETWEEN ?1 AND ?2 GROUP BY outcome, applicant_type
    UNION ALL
    SELECT 3, NULL, applicant_type, count(*) FROM (
        SELECT applicant_type FROM {src} WHERE concluded_on > ?2 AND filed_on <= ?2
        UNION ALL
        SELECT applicant_type FROM {src} WHERE concluded_on IS NULL AND filed_on <= ?2)
     GROUP BY applicant_type";

/// The requests that are not disclosure requests (条例 Art 41 更正申请), found through their
/// partial index: table 三 does not count them.
const CORRECTIONS_SQL: &str = "(SELECT filed_on, concluded_on, applicant_type, outcome
      FROM requests WHERE request_kind IS NOT NULL)";

impl Store {
    /// Table 三 of the annual report of `year`, counted in SQL by row, outcome and applicant
    /// type (国办公开办函〔2021〕30号; SPEC.md §5). The rows mean what
    /// `report::annual::rows_of` says of one request.
    ///
    /// # Errors
    /// SQLite errors; [`StoreError::Corrupt`] naming an outcome code or applicant type the
    /// tool does not know (a row edited by hand).
    pub fn annual_counts(&self, year: i32) -> Result<Vec<CountedGroup>, StoreError> {
        // Every request counted through the covering indexes, less the few requests that are
        // not disclosure requests (条例 Art 41), counted the same way: table 三 leaves them out.
        let mut out = self.counted(year, "requests", 1)?;
        out.extend(self.counted(year, CORRECTIONS_SQL, -1)?);
        Ok(out)
    }

    /// The groups of [`COUNTS_SQL`] over `src`, each count multiplied by `sign`.
    fn counted(&self, year: i32, src: &str, sign: i64) -> Result<Vec<CountedGroup>, StoreError> {
        let start = format!("{year}-01-01");
        let end = format!("{year}-12-31");
        let mut stmt = self
            .conn
            .prepare_cached(&COUNTS_SQL.replace("{src}", src))?;
        let mut rows = stmt.query([&start, &end])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let which: i64 = r.get(0)?;
            let outcome: Option<String> = r.get(1)?;
            let kind: String = r.get(2)?;
            let count: i64 = r.get(3)?;
            let unknown =
                |what: &str, v: &str| StoreError::Corrupt(format!("登记簿中有不认识的{what}“{v}”"));
            let applicant_type =
                ApplicantType::parse(&kind).ok_or_else(|| unknown("申请人类型", &kind))?;
            let row = match which {
                0 => CountedRow::Received,
                1 => CountedRow::CarriedOver,
                2 => {
                    let code = outcome.unwrap_or_default();
                    CountedRow::Concluded(
                        Outcome::parse(&code).map_err(|_| unknown("办理结果", &code))?,
                    )
                }
                _ => CountedRow::CarriedForward,
            };
            out.push(CountedGroup {
                row,
                applicant_type,
                count: count * sign,
            });
        }
        Ok(out)
    }

    /// The requests table 四, the fees and the count of corrections of `year` need, in
    /// case-number order: those with an appeal (table 四 counts appeals by their own filing
    /// date), those whose fee was paid in the year (国办函〔2020〕109号) and the requests for
    /// the correction of records (条例 Art 41), which have their own count.
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn annual_detail_cases(&self, year: i32) -> Result<Vec<Case>, StoreError> {
        let start = format!("{year}-01-01");
        let end = format!("{year}-12-31");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_SQL} FROM requests WHERE id IN (
                 SELECT id FROM requests WHERE appealed = 1
                 UNION SELECT id FROM requests WHERE fee_paid_on BETWEEN ?1 AND ?2
                 UNION SELECT id FROM requests WHERE request_kind IS NOT NULL)
             ORDER BY year, seq"
        ))?;
        let mut rows = stmt.query([&start, &end])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(case_at(row, 0)?);
        }
        Ok(out)
    }
}
