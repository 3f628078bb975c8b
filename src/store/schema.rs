//! The schema, as numbered migrations against `PRAGMA user_version` (never edit or remove a
//! step; add a new one).

/// `PRAGMA application_id` of a disclose database ("disc").
pub const APPLICATION_ID: i32 = 0x6469_7363;

/// Migration steps; step `i` (0-based) brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: events (the record of truth, append-only, hash-chained) and requests (the projection,
    //    with the columns the commands filter on; `content_key` is a 64-bit digest of the
    //    normalised description, for finding likely duplicates).
    r#"
    CREATE TABLE requests (
        id              INTEGER PRIMARY KEY,
        case_no         TEXT NOT NULL UNIQUE,
        year            INTEGER NOT NULL,
        seq             INTEGER NOT NULL,
        state           TEXT NOT NULL,
        applicant_type  TEXT NOT NULL,
        applicant_name  TEXT NOT NULL,
        applicant_id    TEXT,
        content_key     INTEGER NOT NULL,
        tracking_no     TEXT,
        department      TEXT,
        registered_on   TEXT NOT NULL,
        received_on     TEXT,
        concluded_on    TEXT,
        outcome         TEXT,
        last_on         TEXT NOT NULL,
        event_count     INTEGER NOT NULL,
        data            TEXT NOT NULL,
        UNIQUE (year, seq)
    );
    CREATE INDEX requests_open ON requests (state) WHERE state NOT IN ('concluded', 'archived');
    CREATE INDEX requests_applicant ON requests (applicant_name, content_key);
    CREATE INDEX requests_tracking ON requests (tracking_no) WHERE tracking_no IS NOT NULL;
    CREATE INDEX requests_concluded ON requests (concluded_on) WHERE concluded_on IS NOT NULL;

    CREATE TABLE events (
        seq          INTEGER PRIMARY KEY,
        request_id   INTEGER NOT NULL REFERENCES requests (id),
        idx          INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        on_date      TEXT NOT NULL,
        recorded_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        payload      TEXT NOT NULL,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL,
        UNIQUE (request_id, idx)
    );
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;
    "#,
    // 2: the document register (主动公开, SPEC §10): its own chain, projection, 索引号, table 二
    // figures. See `documents::DOCUMENTS_MIGRATION`.
    super::documents::DOCUMENTS_MIGRATION,
    // 3: storage format v2 (issue 11). Hashes as 32-byte blobs instead of 64 hex digits (the
    //    values, and so the chain, are unchanged: a hash is read back as the same lower-case
    //    hex); a malformed hash of a tampered v1 file is kept as it was, for `verify` to report.
    //    Two virtual columns of the projection, indexed for the annual report and `list`:
    //    `filed_on` (the receipt-or-registration date) and `appealed` (an appeals marker).
    r#"
    CREATE TABLE events_v2 (
        seq          INTEGER PRIMARY KEY,
        request_id   INTEGER NOT NULL REFERENCES requests (id),
        idx          INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        on_date      TEXT NOT NULL,
        recorded_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        payload      TEXT NOT NULL,
        prev_hash    BLOB NOT NULL,
        hash         BLOB NOT NULL,
        UNIQUE (request_id, idx)
    );
    INSERT INTO events_v2
    SELECT seq, request_id, idx, kind, on_date, recorded_by, recorded_at, payload,
           CASE WHEN typeof(prev_hash) = 'text' AND length(prev_hash) = 64
                     AND prev_hash = lower(prev_hash) AND unhex(prev_hash) IS NOT NULL
                THEN unhex(prev_hash) ELSE prev_hash END,
           CASE WHEN typeof(hash) = 'text' AND length(hash) = 64
                     AND hash = lower(hash) AND unhex(hash) IS NOT NULL
                THEN unhex(hash) ELSE hash END
    FROM events ORDER BY seq;
    DROP TRIGGER IF EXISTS events_no_update;
    DROP TRIGGER IF EXISTS events_no_delete;
    DROP TABLE events;
    ALTER TABLE events_v2 RENAME TO events;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;

    ALTER TABLE requests ADD COLUMN filed_on TEXT
        GENERATED ALWAYS AS (COALESCE(received_on, registered_on)) VIRTUAL;
    ALTER TABLE requests ADD COLUMN appealed INTEGER
        GENERATED ALWAYS AS (json_array_length(data, '$.appeals') > 0) VIRTUAL;
    CREATE INDEX requests_filed ON requests (filed_on, concluded_on);
    CREATE INDEX requests_appealed ON requests (appealed) WHERE appealed = 1;
    CREATE INDEX requests_open_order ON requests (year, seq)
        WHERE state NOT IN ('concluded', 'archived');
    "#,
    // 4: the search indexes of `disclose find` (see `search.rs`), filled from the requests
    //    already registered once this step has run.
    super::search::SEARCH_MIGRATION,
    // 5: storage format v3 (issue 11): the registration stored once. A projection whose
    //    registration is the registration event's, as recorded, leaves it out; it is read
    //    from event 1's payload (see `stored.rs`). The hash chain is not touched. The
    //    indexes the annual report counts from (covering: no row is read).
    super::stored::FORMAT_V3_MIGRATION,
    // 6: the request's kind (条例 Art 41: a 更正申请 is not a disclosure request and is not
    //    counted in table 三): `request_kind` is NULL for a disclosure request and the kind's
    //    name otherwise. No register before this step holds a correction, so the column starts
    //    NULL everywhere; the partial index finds the few corrections for the annual report.
    r#"
    ALTER TABLE requests ADD COLUMN request_kind TEXT;
    CREATE INDEX requests_record_corrections ON requests (filed_on)
        WHERE request_kind IS NOT NULL;
    "#,
    // 7: `content_key` is the digest of the description as duplicates and repeat requests
    //    compare it (without punctuation: `row::content_key`), so that those lookups read only
    //    the rows that may match. The keys are recomputed once this step has run
    //    (`row::rekey_contents`); nothing else changes.
    CONTENT_KEY_MIGRATION,
    // 8: storage format v4 (issue 11): the projection's JSON without the fields its columns
    //    hold (case number, state, dates, event count; see `stored.rs`).
    super::stored::FORMAT_V4_MIGRATION,
    // 9: the names' pieces of `disclose find` in an FTS5 table instead of a table of rows
    //    (see `search.rs`).
    super::search::NAMES_MIGRATION,
];

/// The storage format (README "Storage format …") of a register at schema version `version`
/// (`PRAGMA user_version`, the number of [`MIGRATIONS`] applied): v1 before step 3, v2 from
/// step 3, v3 from step 5, v4 from step 8. What the user is told, and the name of the checked
/// copy kept before an upgrade (`disclose.db.v3-backup`).
pub fn storage_format(version: i64) -> i64 {
    match version {
        ..3 => 1,
        3..5 => 2,
        5..8 => 3,
        _ => 4,
    }
}

/// The schema version whose migration redefines `content_key` ([`MIGRATIONS`] step 7).
pub(super) const CONTENT_KEY_VERSION: usize = 7;

/// Migration step 7: no change of schema (the keys are recomputed in Rust).
const CONTENT_KEY_MIGRATION: &str = "-- content_key recomputed by row::rekey_contents\n";
