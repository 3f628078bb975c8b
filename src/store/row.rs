//! The `requests` row of a request: its case number and the columns that mirror the projection
//! for filters and duplicate search. The one definition the writer stores and `verify` checks.

use rusqlite::types::Value;
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::case::Case;

/// Formats a case number from a template with `{year}` and `{seq}` or `{seq:N}` (zero-padded
/// to N digits). The default template is `{year}-{seq:04}` (`2026-0001`).
///
/// # Errors
/// [`StoreError::BadNumberFormat`] when the template lacks `{year}` or `{seq…}`.
pub fn format_case_no(template: &str, year: i32, seq: i64) -> Result<String, StoreError> {
    if !template.contains("{year}")
        || !template.contains("{seq")
        || template.chars().any(char::is_control)
    {
        return Err(StoreError::BadNumberFormat(template.to_string()));
    }
    let mut out = template.replace("{year}", &year.to_string());
    while let Some(start) = out.find("{seq") {
        let Some(len) = out[start..].find('}') else {
            return Err(StoreError::BadNumberFormat(template.to_string()));
        };
        let spec = &out[start + 4..start + len];
        let width: usize = match spec.strip_prefix(':') {
            // A width of at most 12 digits (a year's requests never need more; an unbounded
            // width would make every case number megabytes long, or abort the formatter).
            Some(w) => w
                .trim_start_matches('0')
                .parse()
                .ok()
                .filter(|w: &usize| *w <= 12)
                .ok_or_else(|| StoreError::BadNumberFormat(template.to_string()))?,
            None if spec.is_empty() => 0,
            None => return Err(StoreError::BadNumberFormat(template.to_string())),
        };
        out.replace_range(start..start + len + 1, &format!("{seq:0width$}"));
    }
    // Anything else in braces is not a placeholder this template language has (a typo such
    // as `{yaer}` would otherwise end up in every case number, for good).
    if out.contains('{') || out.contains('}') {
        return Err(StoreError::BadNumberFormat(template.to_string()));
    }
    Ok(out)
}

pub(super) fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<String>()
}

/// The `content_key` column: the first 8 bytes of the SHA-256 of the description as duplicates
/// and repeat requests (（五）2) compare it ([`crate::case::repeat::content_key_text`]: no white
/// space or punctuation, full-width forms as ASCII, lower case), as a signed integer. Two
/// descriptions that are "the same information" have the same key, so the duplicate and repeat
/// lookups ask the index `(applicant_name, content_key)` for the few rows that may match and
/// compare only those in full (since migration 7; before it the key kept punctuation).
pub fn content_key(content: &str) -> i64 {
    let digest = Sha256::digest(crate::case::repeat::content_key_text(content).as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// The `content_key` held by a register of schema version `version` (`PRAGMA user_version`):
/// [`content_key`] since migration 7, before it the digest of the description with only its
/// white space removed. What `verify` expects of a register checked before its upgrade.
pub(super) fn content_key_as_of(content: &str, version: i64) -> i64 {
    if version >= super::schema::CONTENT_KEY_VERSION as i64 {
        return content_key(content);
    }
    let digest = Sha256::digest(normalize(content).as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// [`indexed_columns`] as a register of schema version `version` holds them (see
/// [`content_key_as_of`]).
pub(super) fn indexed_columns_as_of(c: &Case, version: i64) -> [Value; 14] {
    let mut columns = indexed_columns(c);
    if let Some(i) = INDEXED_COLUMNS.iter().position(|n| *n == "content_key") {
        columns[i] = Value::Integer(content_key_as_of(&c.registration.content, version));
    }
    columns
}

/// Migration 7: every request's `content_key` recomputed by [`content_key`] (the registration
/// as it now stands, amended or not).
///
/// # Errors
/// SQLite and JSON errors.
pub(super) fn rekey_contents(conn: &rusqlite::Connection) -> Result<(), StoreError> {
    let mut read = conn.prepare(&format!(
        "SELECT id, {} FROM requests",
        super::stored::CASE_SQL
    ))?;
    let mut write = conn.prepare("UPDATE requests SET content_key = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let c: Case = super::stored::case_at(row, 1)?;
        write.execute(rusqlite::params![id, content_key(&c.registration.content)])?;
    }
    Ok(())
}

/// The columns of the `requests` table that mirror the projection (`data`) for the commands'
/// filters, in the order of [`indexed_columns`]. A column a later migration adds goes at the
/// end (`verify` of a register not yet upgraded compares the columns it has).
pub const INDEXED_COLUMNS: [&str; 14] = [
    "state",
    "applicant_type",
    "applicant_name",
    "applicant_id",
    "content_key",
    "tracking_no",
    "department",
    "registered_on",
    "received_on",
    "concluded_on",
    "outcome",
    "last_on",
    "event_count",
    "request_kind",
];

pub(super) static INSERT_REQUEST_SQL: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| {
        format!(
            "INSERT INTO requests (case_no, year, seq, data, {}) VALUES (?1, ?2, ?3, ?4, {})",
            INDEXED_COLUMNS.join(", "),
            (5..5 + INDEXED_COLUMNS.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });

pub(super) static UPDATE_REQUEST_SQL: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| {
        format!(
            "UPDATE requests SET data = ?2, {} WHERE id = ?1",
            INDEXED_COLUMNS
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 3))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });

/// The values of [`INDEXED_COLUMNS`] for a request: names, ID numbers and tracking numbers with
/// white space removed, the description as its [`content_key`], dates as `YYYY-MM-DD`, the
/// outcome as its code, the kind of request as its name when it is not a disclosure request
/// (条例 Art 41). The one definition the writer stores and `verify` checks.
pub fn indexed_columns(c: &Case) -> [Value; 14] {
    let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    let r = &c.registration;
    [
        Value::Text(c.state.name().to_string()),
        Value::Text(r.applicant_type.name().to_string()),
        Value::Text(normalize(&r.applicant.name)),
        text(r.applicant.id_number.as_deref().map(normalize)),
        Value::Integer(content_key(&r.content)),
        text(
            r.tracking_no
                .as_deref()
                .map(normalize)
                .filter(|s| !s.is_empty()),
        ),
        text(c.department().map(str::to_string)),
        Value::Text(c.registered_on.to_string()),
        text(c.received_on.map(|d| d.to_string())),
        text(c.conclusion.as_ref().map(|x| x.on.to_string())),
        text(c.conclusion.as_ref().map(|x| x.outcome.code())),
        Value::Text(c.last_on.to_string()),
        Value::Integer(i64::from(c.event_count)),
        if r.kind.is_disclosure() {
            Value::Null
        } else {
            Value::Text(r.kind.name().to_string())
        },
    ]
}

/// The SQL condition of a request row that is open (not concluded or archived).
pub(super) const OPEN_STATES_SQL: &str = "state NOT IN ('concluded', 'archived')";
