//! Rendering: tables for people, CSV for spreadsheets (UTF-8 with BOM), JSON for scripts.

use comfy_table::{ContentArrangement, Table, presets};

/// An empty table in the house style: on a terminal (and without `NO_COLOR`) it fits the
/// terminal's width; otherwise a fixed layout with no colour.
fn new_table(tty: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if tty && std::env::var_os("NO_COLOR").is_none() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.force_no_tty();
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t
}

/// Columns of short values (case numbers, dates, counts, masked numbers: at most 20 columns
/// wide) are never wrapped on a narrow terminal, so `2026-0001` cannot be read as `2026-00` and
/// `01`; the long text columns wrap instead.
fn keep_short_columns_whole(t: &mut Table) {
    let widths = t.column_max_content_widths();
    for (i, w) in widths.into_iter().enumerate() {
        if w <= 20
            && let Some(c) = t.column_mut(i)
        {
            c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

/// A table with `headers` and `rows`. On a terminal it fits the terminal's width; otherwise it
/// has a fixed layout and no colour, so scripts and snapshots are stable.
pub fn table(headers: &[&str], rows: &[Vec<String>], tty: bool) -> String {
    let mut t = new_table(tty);
    t.set_header(headers.iter().map(|h| terminal_safe(h)).collect::<Vec<_>>());
    for r in rows {
        t.add_row(r.iter().map(|c| terminal_safe(c)).collect::<Vec<_>>());
    }
    keep_short_columns_whole(&mut t);
    t.to_string()
}

/// CSV text with a UTF-8 byte-order mark (Excel and WPS then read the Chinese correctly) and
/// CRLF line ends; cells that a spreadsheet would run as formulas are made text
/// ([`formula_safe`]).
///
/// # Errors
/// Never in practice (writing to memory).
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r.iter().map(|c| formula_safe(c).into_owned()))?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("\u{feff}{}", String::from_utf8(bytes)?))
}

/// A cell as Excel and WPS will show it, never run it: text beginning with `=`, `+`, `-`, `@`
/// (or a tab or carriage return) would be taken for a formula — an applicant's "name" such as
/// `=cmd|'/C calc'!A0` — so it gets a leading `'`, which the spreadsheet shows as text. Numbers
/// (`-4` working days) are kept as they are.
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
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
    let mut t = new_table(tty);
    t.set_header(
        headers
            .iter()
            .map(|h| Cell::new(h).set_alignment(CellAlignment::Left)),
    );
    for r in rows {
        t.add_row(r.iter().map(|c| terminal_safe(c)).collect::<Vec<_>>());
    }
    for (i, c) in t.column_iter_mut().enumerate() {
        if i >= first_number {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    keep_short_columns_whole(&mut t);
    t.to_string()
}

/// Text as it may be shown on a terminal: control characters (other than line breaks and tabs)
/// and the bidirectional overrides that could disguise it are written as `\u{..}` escapes, so
/// that stored text (an applicant's description, a name) can neither move the cursor, change
/// colours nor reorder what the clerk reads. JSON and CSV output keep the text as it is.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        // The zero-width joiner is left alone: it holds emoji sequences (👨‍👩‍👧) together.
        (c.is_control() && c != '\n' && c != '\t')
            || (crate::text::is_invisible(c) && c != '\u{200d}')
            || matches!(c, '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // A Windows line break (CR LF) is shown as the line break it is.
    let s = s.replace("\r\n", "\n");
    for c in s.chars() {
        if bad(c) {
            out += &format!("\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A file-system error in Chinese for the clerk: the common kinds translated, the others as the
/// system says them.
pub fn io_cn(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或目录不存在".to_string(),
        K::PermissionDenied => "没有权限（请检查文件的读写权限）".to_string(),
        K::AlreadyExists => "文件已存在".to_string(),
        K::IsADirectory => "这是一个目录，不是文件".to_string(),
        K::NotADirectory => "路径中有一段不是目录".to_string(),
        K::StorageFull => "磁盘空间已满".to_string(),
        K::ReadOnlyFilesystem => "文件系统只读".to_string(),
        K::InvalidData => "文件内容不是有效的文本（UTF-8）".to_string(),
        _ => e.to_string(),
    }
}

/// The largest holidays or configuration file read (a real one is a few kilobytes; the official
/// calendar of twelve years is 9 KB).
pub const MAX_SMALL_FILE: u64 = 4 * 1024 * 1024;

/// Reads a small text file the user names (a holidays file, the configuration file): only a
/// regular file (a FIFO would hang, `/dev/zero` would read until memory runs out, even behind a
/// symbolic link), at most [`MAX_SMALL_FILE`] bytes, UTF-8.
///
/// # Errors
/// The I/O error; for a file that is not regular or is too large, an error whose text says so in
/// Chinese (shown as it is by [`io_cn`]).
pub fn read_small_text_file(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() && std::fs::canonicalize(path)?.as_os_str() == "/dev/null" {
        // The usual way of saying "no configuration" (DISCLOSE_CONFIG=/dev/null): empty.
        return Ok(String::new());
    }
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "不是普通文件（管道、设备等不能作为节假日或配置文件读取）",
        ));
    }
    let too_large = || {
        std::io::Error::other(format!(
            "文件太大（超过 {} MB，节假日或配置文件通常只有几 KB）",
            MAX_SMALL_FILE / 1024 / 1024
        ))
    };
    if meta.len() > MAX_SMALL_FILE {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_SMALL_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SMALL_FILE {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))
}

#[cfg(test)]
mod tests {
    use super::{formula_safe, terminal_safe};

    #[test]
    fn only_small_regular_files_are_read() {
        use std::path::Path;
        let e = super::read_small_text_file(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(
            super::io_cn(&e),
            "不是普通文件（管道、设备等不能作为节假日或配置文件读取）"
        );
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; (super::MAX_SMALL_FILE + 1) as usize]).unwrap();
        let e = super::read_small_text_file(&big).unwrap_err();
        assert_eq!(
            super::io_cn(&e),
            "文件太大（超过 4 MB，节假日或配置文件通常只有几 KB）"
        );
        assert_eq!(
            super::read_small_text_file(Path::new("/dev/null")).unwrap(),
            ""
        );
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "clerk = \"王芳\"\n").unwrap();
        assert_eq!(
            super::read_small_text_file(&ok).unwrap(),
            "clerk = \"王芳\"\n"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        assert_eq!(formula_safe("=cmd|'/C calc'!A0"), "'=cmd|'/C calc'!A0");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("+86 138"), "'+86 138");
        assert_eq!(formula_safe("-4"), "-4");
        assert_eq!(formula_safe("张三"), "张三");
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(terminal_safe("申请\n内容"), "申请\n内容");
        assert_eq!(terminal_safe("第一行\r\n第二行"), "第一行\n第二行");
        assert_eq!(terminal_safe("红\u{1b}[31m字"), "红\\u{1b}[31m字");
        assert_eq!(terminal_safe("abc\u{202e}def"), "abc\\u{202e}def");
    }
}
