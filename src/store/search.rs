//! Finding a request while the applicant is on the phone (`disclose find`): by case number,
//! applicant's or agent's name, ID number, phone, e-mail, tracking number or words of the
//! description, most recent first.
//!
//! Two indexes, both kept by the writer in the transaction that changes the request:
//!
//! - `request_search`, an FTS5 table with the trigram tokenizer (any substring of 3 characters or
//!   more, Chinese included; contentless, so the text is not stored twice), over one line per
//!   field, each normalised by [`search_key`];
//! - `request_names` (since migration 9; `request_grams` before), the 1- and 2-character pieces
//!   of the applicant's and the agent's names, for the queries trigrams cannot answer (a
//!   two-character name such as 白雪, a surname): an FTS5 table whose tokens are the pieces
//!   (`ascii` tokenizer: every non-ASCII character is part of a token; no positions kept), 24
//!   bytes a request where the table of (piece, request) rows took 133, and written at a tenth
//!   of the cost.
//!
//! A register made before these indexes existed gets them filled when the migration that
//! creates them runs ([`after_migration`]).

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

use super::stored::{CASE_SQL, case_at};
use super::{Store, StoreError};
use crate::case::Case;

/// The schema version (`PRAGMA user_version`) whose migration creates the search indexes.
pub(super) const SEARCH_VERSION: usize = 4;

/// The migration step creating the search indexes (appended to [`super::MIGRATIONS`]).
pub(super) const SEARCH_MIGRATION: &str = r#"
    CREATE VIRTUAL TABLE request_search USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    CREATE TABLE request_grams (
        gram        TEXT NOT NULL,
        request_id  INTEGER NOT NULL REFERENCES requests (id),
        PRIMARY KEY (gram, request_id)
    ) WITHOUT ROWID;
    CREATE INDEX request_grams_request ON request_grams (request_id);
"#;

/// What is compared when searching: full-width letters, digits and signs as their ASCII forms
/// (１３８ → 138, － → -), ASCII letters in lower case, and no white space at all (ideographic
/// space included), so that `138 1234 5678`, `１３８１２３４５６７８` and `13812345678` are one
/// phone number, as case numbers already are.
pub fn search_key(s: &str) -> String {
    crate::text::half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The searchable text of a request: one line per field, each a [`search_key`] (a query never
/// holds a line break, so it never matches across two fields).
fn body(c: &Case) -> String {
    let r = &c.registration;
    let a = &r.applicant;
    let mut fields: Vec<&str> = vec![&c.case_no, &a.name, &r.content];
    fields.extend(
        [&a.id_number, &a.phone, &a.email, &r.tracking_no]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    if let Some(agent) = &r.agent {
        fields.push(&agent.name);
        fields.extend(
            [&agent.id_number, &agent.phone]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    fields
        .into_iter()
        .map(search_key)
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1- and 2-character pieces of the applicant's and the agent's names.
fn grams(c: &Case) -> BTreeSet<String> {
    let r = &c.registration;
    let mut out = BTreeSet::new();
    for name in std::iter::once(&r.applicant.name).chain(r.agent.as_ref().map(|a| &a.name)) {
        let chars: Vec<char> = search_key(name).chars().collect();
        for n in 1..=2 {
            for w in chars.windows(n) {
                out.insert(w.iter().collect());
            }
        }
    }
    out
}

/// The text of a request in `request_names`: its name pieces ([`grams`]), a space between.
fn names(c: &Case) -> String {
    grams(c).into_iter().collect::<Vec<_>>().join(" ")
}

/// Puts request `id` into the search indexes (`replace`: it was there before, with `old`'s
/// text; nothing is done when the searchable text did not change).
pub(super) fn index(
    conn: &Connection,
    id: i64,
    old: Option<&Case>,
    new: &Case,
) -> Result<(), StoreError> {
    let (text, pieces) = (body(new), names(new));
    if let Some(old) = old {
        if body(old) == text && names(old) == pieces {
            return Ok(());
        }
        conn.prepare_cached("DELETE FROM request_search WHERE rowid = ?1")?
            .execute([id])?;
        conn.prepare_cached("DELETE FROM request_names WHERE rowid = ?1")?
            .execute([id])?;
    }
    conn.prepare_cached("INSERT INTO request_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, text])?;
    conn.prepare_cached("INSERT INTO request_names (rowid, pieces) VALUES (?1, ?2)")?
        .execute(params![id, pieces])?;
    Ok(())
}

/// The migration step replacing `request_grams` by `request_names` (appended to
/// [`super::MIGRATIONS`] as step 9), each request's pieces carried over as they were.
pub(super) const NAMES_MIGRATION: &str = r#"
    CREATE VIRTUAL TABLE request_names USING fts5(
        pieces, content = '', contentless_delete = 1, tokenize = 'ascii', detail = none
    );
    INSERT INTO request_names (rowid, pieces)
        SELECT request_id, group_concat(gram, ' ') FROM request_grams GROUP BY request_id;
    DROP TABLE request_grams;
"#;

/// Run after migration step `version` was applied: the one that creates the search indexes
/// fills them from the requests already registered.
pub(super) fn after_migration(conn: &Connection, version: usize) -> Result<(), StoreError> {
    if version != SEARCH_VERSION {
        return Ok(());
    }
    // The tables as step 4 made them: the pieces go into `request_grams`, which step 9
    // carries over into `request_names`.
    let mut stmt = conn.prepare(&format!("SELECT id, {CASE_SQL} FROM requests"))?;
    let mut rows = stmt.query([])?;
    let mut text = conn.prepare("INSERT INTO request_search (rowid, body) VALUES (?1, ?2)")?;
    let mut piece =
        conn.prepare("INSERT OR IGNORE INTO request_grams (gram, request_id) VALUES (?1, ?2)")?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let c: Case = case_at(row, 1)?;
        text.execute(params![id, body(&c)])?;
        for g in grams(&c) {
            piece.execute(params![g, id])?;
        }
    }
    Ok(())
}

/// How many of the latest registered matches are sorted by receipt date (see [`Store::find`]).
pub const CANDIDATES: i64 = 2_000;

/// The number of characters a query needs for the trigram index.
pub const TRIGRAM: usize = 3;

impl Store {
    /// The requests matching `text` (see [`search_key`]), most recently received first (the
    /// receipt date, else the registration date; then the latest registered), at most `limit`,
    /// taken from the `CANDIDATES` latest registered matches (or `limit`, if more).
    /// A query of 3 characters or more is looked for in every field; one of 1 or 2 characters
    /// only in the applicant's and the agent's names. An empty query finds nothing.
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn find(&self, text: &str, limit: usize) -> Result<Vec<Case>, StoreError> {
        let key = search_key(text);
        let n = key.chars().count();
        if n == 0 {
            return Ok(vec![]);
        }
        // The latest registered matches only (the indexes give them in that order without
        // reading the others), then sorted by receipt date: a word in one request in seven of a
        // million would otherwise sort 140,000 rows for the 50 shown.
        let table = if n >= TRIGRAM {
            "request_search"
        } else {
            "request_names"
        };
        let sql = format!(
            "SELECT {CASE_SQL} FROM requests WHERE id IN (
                 SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?3)
             ORDER BY COALESCE(received_on, registered_on) DESC, id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let candidates = (limit as i64).max(CANDIDATES);
        let phrase = format!("\"{}\"", key.replace('"', "\"\""));
        let mut rows = stmt.query(params![phrase, limit as i64, candidates])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let c = case_at(row, 0)?;
            // The names' index splits its tokens at ASCII signs: a short query holding one
            // (`a.`) is matched by its letters, and kept only where a name holds it as typed.
            if n >= TRIGRAM || grams(&c).contains(&key) {
                out.push(c);
            }
        }
        Ok(out)
    }
}

impl Store {
    /// The earlier requests that `new` repeats (（五）2, [`crate::case::repeat::repeats`]): the
    /// same applicant's answered requests for the same information, most recently answered
    /// first.
    ///
    /// # Errors
    /// SQLite and JSON errors.
    pub fn repeats_of(
        &self,
        new: &crate::case::Registration,
    ) -> Result<Vec<crate::case::repeat::RepeatOf>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_SQL} FROM requests
             WHERE applicant_name = ?1 AND content_key = ?2 AND concluded_on IS NOT NULL"
        ))?;
        let mut rows = stmt.query(params![
            super::row::normalize(&new.applicant.name),
            super::content_key(&new.content)
        ])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let c: Case = case_at(row, 0)?;
            if c.registration.case_no != new.case_no
                && let Some(r) = crate::case::repeat::repeats(&c, new)
            {
                out.push(r);
            }
        }
        out.sort_by(|a, b| (b.replied_on, &b.case_no).cmp(&(a.replied_on, &a.case_no)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_and_spaces_are_normalised() {
        assert_eq!(search_key("１３８ 1234　５６７８"), "13812345678");
        assert_eq!(search_key("２０２６－０００１"), "2026-0001");
        assert_eq!(search_key("XA100200399CN"), "xa100200399cn");
    }
}
