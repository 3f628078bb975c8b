//! Rendering: tables for people, CSV for spreadsheets (UTF-8 with BOM), JSON for scripts.

use comfy_table::{ContentArrangement, Table, presets};

/// A table with `headers` and `rows`. On a terminal it fits the terminal's width; otherwise it
/// has a fixed layout and no colour, so scripts and snapshots are stable.
pub fn table(headers: &[&str], rows: &[Vec<String>], tty: bool) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if tty && std::env::var_os("NO_COLOR").is_none() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.force_no_tty();
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(headers.to_vec());
    for r in rows {
        t.add_row(r.clone());
    }
    t.to_string()
}

/// CSV text with a UTF-8 byte-order mark (Excel and WPS then read the Chinese correctly) and
/// CRLF line ends.
///
/// # Errors
/// Never in practice (writing to memory).
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("\u{feff}{}", String::from_utf8(bytes)?))
}

/// Pretty JSON.
///
/// # Errors
/// Serialization errors (never for our types).
pub fn json<T: serde::Serialize>(v: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(v)?)
}

/// Like [`table`], for a table of counts: the columns from `first_number` on are right-aligned
/// (their headers stay left-aligned, so a heading written in the first of several columns reads
/// as spanning them). Header cells may hold several lines.
pub fn numeric_table(
    headers: &[String],
    rows: &[Vec<String>],
    tty: bool,
    first_number: usize,
) -> String {
    use comfy_table::{Cell, CellAlignment};
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if tty && std::env::var_os("NO_COLOR").is_none() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.force_no_tty();
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(
        headers
            .iter()
            .map(|h| Cell::new(h).set_alignment(CellAlignment::Left)),
    );
    for r in rows {
        t.add_row(r.clone());
    }
    for (i, c) in t.column_iter_mut().enumerate() {
        if i >= first_number {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t.to_string()
}
