//! `verify`: checks that the register is what its own record says it is (SPEC.md §7: nothing
//! recorded is ever silently changed).
//!
//! Three independent checks, each reporting every difference it finds rather than stopping at
//! the first:
//!
//! 1. **SQLite** — `PRAGMA integrity_check` (the file's pages, indexes and constraints).
//! 2. **Hash chain** — every event, in `seq` order, must name the hash of the event before it
//!    (the first one [`GENESIS_HASH`]) and carry the hash of its own stored fields
//!    ([`event_hash`]). An event edited after it was recorded fails the second test; an event
//!    deleted or inserted in the middle breaks the first.
//! 3. **Projection** — each request's events, replayed with [`crate::case::replay`], must give
//!    exactly the stored projection: the `requests.data` JSON and every indexed column
//!    (`state`, `applicant_name`, …, `event_count`). The numbering of a request's events must
//!    run 1, 2, 3 … without a gap. Deleting the last event of the register leaves the chain
//!    intact but is caught here (the projection still counts it).
//!
//! What no check inside one file can catch: someone who deletes the newest events *and*
//! rewrites the projection to match. Against that, keep the chain head printed by `verify`
//! (or a backup, or an export manifest) outside the database and compare it later with
//! [`compare_with`] (`disclose verify --against BACKUP`).
//!
//! The checks read one consistent snapshot (a read transaction), so they can run while other
//! clerks are writing.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, ErrorCode, OptionalExtension};
use serde::Serialize;

use super::chain::hex_sql;
use super::row::indexed_columns_as_of;
use super::{GENESIS_HASH, INDEXED_COLUMNS, Store, StoreError, event_hash};
use crate::case::{self, Event, Step};

mod projection;

use projection::{check_projection, check_requests};

/// At most this many differences are listed for one request's projection (the rest are
/// counted in one more line).
const MAX_DIFFS_PER_REQUEST: usize = 20;

/// One difference found by [`verify`]: which request, which event, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The request's case number (`None` for a problem of the file as a whole, or an event
    /// whose request row is missing).
    pub case_no: Option<String>,
    /// The event's number within its request (1 = the registration), when one event is
    /// concerned.
    pub event: Option<u32>,
    /// The event's global sequence number (`events.seq`), when known.
    pub seq: Option<i64>,
    /// Which check found it: `sqlite` (SQLite's own check), `schema` (tables or triggers
    /// dropped or altered, pages unreadable), `chain` (a broken link), `hash` (an event changed),
    /// `events` (numbering), `replay` (an event that cannot be read or replayed), `projection`
    /// (stored request differs from the replay), `backup` (differs from an earlier copy).
    pub check: &'static str,
    /// What is wrong, one Chinese sentence.
    pub what: String,
}

impl Problem {
    /// Where the problem is, for people: `2026-0003 第 2 项事件（seq 17）`, `2026-0003`,
    /// `seq 17`, or `整个文件`.
    pub fn location(&self) -> String {
        let mut s = String::new();
        if let Some(c) = &self.case_no {
            s += c;
        }
        if let Some(i) = self.event {
            if !s.is_empty() {
                s.push(' ');
            }
            s += &format!("第 {i} 项事件");
        }
        match (self.seq, s.is_empty()) {
            (Some(q), true) => s = format!("seq {q}"),
            (Some(q), false) => s += &format!("（seq {q}）"),
            (None, true) => s = "整个文件".to_string(),
            (None, false) => {}
        }
        s
    }
}

/// The newest event of the register: what to write down outside the database to detect later
/// that newer events were removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    /// Its `seq`.
    pub seq: i64,
    /// Its hash (64 hex digits).
    pub hash: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Requests checked.
    pub requests: u64,
    /// Events checked.
    pub events: u64,
    /// The newest event (none for an empty register).
    pub head: Option<ChainHead>,
    /// Every difference found, in the order: file, chain, then requests by case number.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// True when every check passed.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }

    /// The first `n` problems, each as `location：what` (for a one-line refusal of a copy that
    /// does not verify: a backup, the copy before an upgrade, a backup to restore).
    pub fn first_problems(&self, n: usize) -> Vec<String> {
        self.problems
            .iter()
            .take(n)
            .map(|p| format!("{}：{}", p.location(), p.what))
            .collect()
    }
}

/// A value of any SQLite type as text (a tampered row may hold an integer where text belongs).
fn as_text(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

fn as_int(v: ValueRef<'_>) -> Option<i64> {
    match v {
        ValueRef::Integer(i) => Some(i),
        ValueRef::Text(t) => std::str::from_utf8(t).ok()?.trim().parse().ok(),
        _ => None,
    }
}

/// Whether an SQLite error means the file itself is damaged, or its tables were dropped or
/// altered (then it becomes a problem to report, not a failure to run).
fn is_damage(e: &rusqlite::Error) -> bool {
    let msg = e.to_string();
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase)
    ) || msg.contains("no such table")
        || msg.contains("no such column")
        // The search index (an FTS5 table) whose pages are damaged cannot even be opened.
        || msg.contains("vtable constructor failed")
}

/// The triggers that keep the event log append-only (schema migration 1).
pub const APPEND_ONLY_TRIGGERS: [&str; 2] = ["events_no_update", "events_no_delete"];

/// The text of an append-only trigger as the schema creates it, whitespace folded.
fn expected_trigger_sql(name: &str) -> String {
    let op = if name.ends_with("update") {
        "UPDATE"
    } else {
        "DELETE"
    };
    format!(
        "CREATE TRIGGER {name} BEFORE {op} ON events BEGIN SELECT RAISE(ABORT, \
         'events are append-only: record an amending event instead'); END"
    )
}

/// SQL text with runs of white space folded into one space.
fn normalise_sql(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// Checks the whole register: SQLite's own check, the hash chain, and every request's
/// projection against the replay of its events (see the module documentation).
///
/// # Errors
/// SQLite errors that prevent reading at all (a damaged file is reported as a [`Problem`]
/// instead).
pub fn verify(store: &Store) -> Result<VerifyReport, StoreError> {
    verify_connection(&store.conn, false)
}

/// [`verify`], with the personal data quoted in its differences (ID numbers, phones, e-mail,
/// addresses) shown in full when `reveal` (`verify --reveal`), masked otherwise (issue 16 #1).
///
/// # Errors
/// As [`verify`].
pub fn verify_revealing(store: &Store, reveal: bool) -> Result<VerifyReport, StoreError> {
    verify_connection(&store.conn, reveal)
}

/// One pass of [`verify`] over a connection.
type Pass<'a> = dyn Fn(&Connection, &mut VerifyReport) -> Result<(), StoreError> + 'a;

/// [`verify`] on an open connection (the register's, or a backup's opened read-only).
fn verify_connection(conn: &Connection, reveal: bool) -> Result<VerifyReport, StoreError> {
    let snapshot = conn.unchecked_transaction()?;
    let mut report = VerifyReport::default();
    check_sqlite(conn, &mut report)?;
    let projection = move |c: &Connection, r: &mut VerifyReport| check_projection(c, r, reveal);
    let passes: [&Pass<'_>; 3] = [&check_chain, &projection, &check_numbering];
    for pass in passes {
        if let Err(e) = pass(conn, &mut report) {
            let detail = match &e {
                StoreError::Corrupt(m) => m.clone(),
                StoreError::Sqlite(x) if is_damage(x) => x.to_string(),
                _ => return Err(e),
            };
            let p = Problem {
                case_no: None,
                event: None,
                seq: None,
                check: "schema",
                what: format!("读取时发现文件损坏或表结构被改动：{detail}"),
            };
            if !report.problems.contains(&p) {
                report.problems.push(p);
            }
        }
    }
    report.requests =
        match conn.query_row("SELECT count(*) FROM requests", [], |r| r.get::<_, i64>(0)) {
            Ok(n) => n as u64,
            Err(e) if is_damage(&e) => 0,
            Err(e) => return Err(e.into()),
        };
    drop(snapshot);
    Ok(report)
}

fn check_sqlite(conn: &Connection, report: &mut VerifyReport) -> Result<(), StoreError> {
    let rows: Vec<String> = match conn.prepare("PRAGMA integrity_check").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
    }) {
        Ok(rows) => rows,
        Err(e) if is_damage(&e) => vec![e.to_string()],
        Err(e) => return Err(e.into()),
    };
    if rows != ["ok"] {
        for r in rows {
            report.problems.push(Problem {
                case_no: None,
                event: None,
                seq: None,
                check: "sqlite",
                what: format!("SQLite 完整性检查未通过：{r}"),
            });
        }
    }
    // The append-only triggers: without them an event can be changed with any SQLite tool.
    for name in APPEND_ONLY_TRIGGERS {
        let sql: Option<String> = match conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1 AND tbl_name = 'events'",
                [name],
                |r| r.get(0),
            )
            .optional()
        {
            Ok(x) => x,
            Err(e) if is_damage(&e) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        // The whole text, not a part of it: a trigger rewritten with `WHEN 0` or a comment
        // still contains `RAISE(ABORT` but no longer stops anything (issue 16 #7).
        let expected = expected_trigger_sql(name);
        if sql.is_none_or(|s| normalise_sql(&s) != expected) {
            report.problems.push(Problem {
                case_no: None,
                event: None,
                seq: None,
                check: "schema",
                what: format!("保护事件记录只增不改的触发器 {name} 被删除或改动过"),
            });
        }
    }
    Ok(())
}

/// Pass 4: the case-number columns (issue 16 #8). A request's `year` is the year of its
/// registration event's business date, and each year's `seq` runs 1, 2, … without a gap or a
/// repeat, as registering assigns them; a changed `year` or `seq` would pass the replay (the
/// case number itself is text in the projection) and make a later registration fail.
fn check_numbering(conn: &Connection, report: &mut VerifyReport) -> Result<(), StoreError> {
    let mut st = conn.prepare(
        "SELECT r.case_no, r.year, e.on_date FROM requests r
         JOIN events e ON e.request_id = r.id AND e.idx = 1
         WHERE r.year IS NOT CAST(substr(e.on_date, 1, 4) AS INTEGER)
         ORDER BY r.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, rusqlite::types::Value>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (case_no, year, on) = row?;
        report.problems.push(Problem {
            case_no: Some(case_no),
            event: None,
            seq: None,
            check: "numbering",
            what: format!(
                "案件信息的年份为 {}，与登记日期 {on} 不符：被改动过",
                match year {
                    rusqlite::types::Value::Integer(y) => y.to_string(),
                    other => format!("{other:?}"),
                }
            ),
        });
    }
    // Numbers reserved by a restore (issue 16 #16) are the gap they leave: a year's numbers
    // are then 1, 2, … without a repeat, with exactly the reserved ones missing.
    let reserved = super::restore::reserved_ranges(conn)?;
    let mut st = conn.prepare(
        "SELECT year, COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM requests
         GROUP BY year ORDER BY year",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut in_reserved =
        conn.prepare("SELECT count(*) FROM requests WHERE year = ?1 AND seq BETWEEN ?2 AND ?3")?;
    for row in rows {
        let (year, n, distinct, min, max) = row?;
        let ranges: Vec<(i64, i64)> = merged(
            reserved
                .iter()
                .filter(|(y, _, _)| *y == year)
                .map(|(_, a, b)| (*a, *b)),
        );
        let mut clash = 0;
        for (a, b) in &ranges {
            clash += in_reserved.query_row([year, *a, *b], |r| r.get::<_, i64>(0))?;
        }
        let skipped: i64 = ranges
            .iter()
            .map(|(a, b)| ((*b).min(max) - (*a).max(1) + 1).max(0))
            .sum();
        if min >= 1 && distinct == n && clash == 0 && max - skipped == n {
            continue;
        }
        let kept = if ranges.is_empty() {
            String::new()
        } else {
            format!(
                "（除恢复时保留的序号 {}）",
                ranges
                    .iter()
                    .map(|(a, b)| if a == b {
                        a.to_string()
                    } else {
                        format!("{a}–{b}")
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            )
        };
        report.problems.push(Problem {
            case_no: None,
            event: None,
            seq: None,
            check: "numbering",
            what: format!(
                "{year} 年的案件序号应为 1 至 {}{kept}，实为 {min} 至 {max}：序号被改动过，以后的登记会与之冲突",
                n + skipped
            ),
        });
    }
    Ok(())
}

/// `ranges` sorted and with overlapping or adjacent ones joined.
fn merged(ranges: impl Iterator<Item = (i64, i64)>) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = ranges.collect();
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (a, b) in v {
        match out.last_mut() {
            Some((_, e)) if a <= e.saturating_add(1) => *e = (*e).max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Pass 2: the chain over the whole log in `seq` order.
fn check_chain(conn: &Connection, report: &mut VerifyReport) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT e.seq, e.request_id, r.case_no, e.idx, e.kind, e.on_date, e.recorded_by,
                e.recorded_at, e.payload, {}, {}
         FROM events e LEFT JOIN requests r ON r.id = e.request_id
         ORDER BY e.seq",
        hex_sql("e.prev_hash"),
        hex_sql("e.hash")
    ))?;
    let mut rows = stmt.query([])?;
    let mut previous: Option<(i64, String)> = None;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let t = |i: usize| -> rusqlite::Result<String> {
            Ok(as_text(row.get_ref(i)?).unwrap_or_default())
        };
        let case_no = as_text(row.get_ref(2)?);
        let index = as_int(row.get_ref(3)?);
        let event = index.and_then(|i| u32::try_from(i).ok());
        let prev_hash = t(9)?;
        let hash = t(10)?;
        report.events += 1;
        let mut push = |check: &'static str, what: String| {
            report.problems.push(Problem {
                case_no: case_no.clone(),
                event,
                seq: Some(seq),
                check,
                what,
            });
        };
        if case_no.is_none() {
            let rid = as_text(row.get_ref(1)?).unwrap_or_default();
            push(
                "chain",
                format!("事件属于不存在的申请（request_id {rid}）：申请的记录被删除或改动过"),
            );
        }
        match &previous {
            None if prev_hash != GENESIS_HASH => push(
                "chain",
                format!(
                    "登记簿的第一条事件应接在起始哈希（全零）之后，实际接在 {}… 之后：更早的事件被删除了",
                    short(&prev_hash)
                ),
            ),
            Some((pseq, phash)) if &prev_hash != phash => push(
                "chain",
                format!(
                    "哈希链断开：本事件记录的前一哈希 {}… 与前一条事件（seq {pseq}）的哈希 {}… 不符；两者之间的事件被删除、插入或改写过",
                    short(&prev_hash),
                    short(phash)
                ),
            ),
            _ => {}
        }
        let recomputed = event_hash(
            &prev_hash,
            case_no.as_deref().unwrap_or_default(),
            event.unwrap_or(0),
            &t(4)?,
            &t(5)?,
            &t(6)?,
            &t(7)?,
            &t(8)?,
        );
        if recomputed != hash {
            push(
                "hash",
                format!(
                    "事件内容与其哈希不符（记录的哈希 {}…，按现有内容算得 {}…）：记录后被改动过",
                    short(&hash),
                    short(&recomputed)
                ),
            );
        }
        previous = Some((seq, hash));
    }
    report.head = previous.map(|(seq, hash)| ChainHead { seq, hash });
    Ok(())
}

/// Compares the register with an earlier copy of it (a backup): every event of the copy must
/// still be in the register, at the same `seq`, with the same hash. This catches what
/// [`verify`] alone cannot: the newest events deleted and the projection rewritten to match.
///
/// # Errors
/// SQLite errors reading either file.
pub fn compare_with(store: &Store, earlier: &ReadOnlyCopy) -> Result<Vec<Problem>, StoreError> {
    let mut problems = Vec::new();
    let mut stmt = earlier.conn.prepare(&format!(
        "SELECT e.seq, r.case_no, e.idx, {} FROM events e
         LEFT JOIN requests r ON r.id = e.request_id ORDER BY e.seq",
        hex_sql("e.hash")
    ))?;
    let mut rows = stmt.query([])?;
    let mut now = store.conn.prepare(&format!(
        "SELECT {} FROM events WHERE seq = ?1",
        hex_sql("hash")
    ))?;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let case_no = as_text(row.get_ref(1)?);
        let event = as_int(row.get_ref(2)?).and_then(|i| u32::try_from(i).ok());
        let hash = as_text(row.get_ref(3)?).unwrap_or_default();
        let current: Option<String> = now.query_row([seq], |r| r.get(0)).optional()?;
        let what = match current {
            None => "备份中有这条事件，登记簿中已没有：被删除了".to_string(),
            Some(h) if h != hash => format!(
                "备份中这条事件的哈希为 {}…，登记簿中为 {}…：被改写了",
                short(&hash),
                short(&h)
            ),
            Some(_) => continue,
        };
        problems.push(Problem {
            case_no,
            event,
            seq: Some(seq),
            check: "backup",
            what,
        });
    }
    Ok(problems)
}

/// Checks one request on its own (before exporting it): each of its events' hashes recomputed
/// from its stored fields, and its projection against the replay of its events. The links of
/// the chain to other requests' events are left to [`verify`].
///
/// # Errors
/// SQLite errors.
pub fn verify_request(store: &Store, case_no: &str) -> Result<Vec<Problem>, StoreError> {
    let conn = &store.conn;
    let _snapshot = conn.unchecked_transaction()?;
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT e.seq, e.idx, e.kind, e.on_date, e.recorded_by, e.recorded_at, e.payload,
                {}, {}
         FROM events e JOIN requests r ON r.id = e.request_id
         WHERE r.case_no = ?1 ORDER BY e.seq",
        hex_sql("e.prev_hash"),
        hex_sql("e.hash")
    ))?;
    let mut rows = stmt.query([case_no])?;
    while let Some(row) = rows.next()? {
        let t = |i: usize| -> rusqlite::Result<String> {
            Ok(as_text(row.get_ref(i)?).unwrap_or_default())
        };
        let seq: i64 = row.get(0)?;
        let event = as_int(row.get_ref(1)?).and_then(|i| u32::try_from(i).ok());
        let hash = t(8)?;
        let recomputed = event_hash(
            &t(7)?,
            case_no,
            event.unwrap_or(0),
            &t(2)?,
            &t(3)?,
            &t(4)?,
            &t(5)?,
            &t(6)?,
        );
        if recomputed != hash {
            problems.push(Problem {
                case_no: Some(case_no.to_string()),
                event,
                seq: Some(seq),
                check: "hash",
                what: "事件内容与其哈希不符：记录后被改动过".to_string(),
            });
        }
    }
    check_requests(conn, "case_no = ?1", [case_no], &mut problems, false)?;
    Ok(problems)
}

/// Another register file (a backup) opened read-only: [`verify_copy`] checks it,
/// [`compare_with`] compares the register with it. Nothing in it is ever changed.
pub struct ReadOnlyCopy {
    conn: Connection,
}

impl ReadOnlyCopy {
    /// The copy's connection, for the store's own read-only questions (restore).
    pub(super) fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl std::fmt::Debug for ReadOnlyCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOnlyCopy").finish_non_exhaustive()
    }
}

/// [`verify`] on a copy of a register (a backup just made, or one to be restored).
///
/// # Errors
/// As [`verify`].
pub fn verify_copy(copy: &ReadOnlyCopy) -> Result<VerifyReport, StoreError> {
    verify_connection(&copy.conn, false)
}

/// Opens another register file (a backup) read-only, without changing a byte of it.
///
/// # Errors
/// [`StoreError::NotOurs`] when it is not a disclose database; SQLite errors.
pub fn open_read_only(path: &std::path::Path) -> Result<ReadOnlyCopy, StoreError> {
    let not_ours = |why: &str| StoreError::NotOurs {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    if !path.is_file() {
        return Err(not_ours("文件不存在"));
    }
    // A copy with nothing in a -wal beside it is read as it is, making no -wal or -shm (a
    // backup on read-only media, issue 13); one with writes still in its -wal (the damaged
    // register being restored) through them.
    let pending = super::sidecar(path, "-wal")
        .metadata()
        .is_ok_and(|m| m.len() > 0);
    let conn = if pending {
        Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    } else {
        Connection::open_with_flags(
            super::open::uri(path, "mode=ro&immutable=1"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    };
    match conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0)) {
        Ok(super::APPLICATION_ID) => Ok(ReadOnlyCopy { conn }),
        Ok(_) => Err(not_ours("不是 disclose 的登记簿")),
        Err(e) if is_damage(&e) => Err(not_ours("不是 SQLite 数据库文件")),
        Err(e) => Err(e.into()),
    }
}
