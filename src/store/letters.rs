//! The letter numbers (发文字号) in the register: one sequence per year, never reused (SPEC §9).

use rusqlite::OptionalExtension;

use super::{StoreError, Writer};

impl Writer<'_> {
    /// The highest letter sequence number used in `year` in this register (0 when none), read
    /// inside the write transaction so that two clerks never get the same number.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn last_letter_seq(&self, year: i32) -> Result<u32, StoreError> {
        let max: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT MAX(CAST(json_extract(payload, '$.seq') AS INTEGER)) FROM events
                 WHERE kind = 'letter-issued'
                   AND CAST(json_extract(payload, '$.year') AS INTEGER) = ?1",
            )?
            .query_row([year], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(u32::try_from(max.unwrap_or(0)).unwrap_or(0))
    }
}
