//! Rendering: tables for people, CSV for spreadsheets (UTF-8 with BOM), JSON for scripts.

use comfy_table::{ContentArrangement, Table, presets};

/// The widest a long text column (an applicant's description, an import problem's 说明) is
/// printed when the output is not a terminal, in display columns: longer text wraps inside its
/// cell, so a table in a file or a pipe stays readable (and the same from run to run).
pub const TEXT_COLUMN_MAX: u16 = 60;

/// The narrowest a column of text is made on a narrow terminal, in display columns (three
/// Chinese characters): below this it would print a character or two a line.
const TEXT_COLUMN_MIN: u16 = 6;

/// The longest run of ASCII letters, digits and signs (a case number, a date, a masked phone
/// number) is never broken, up to this many columns.
const WORD_MAX: u16 = 20;

/// How a table is laid out: on a terminal of `Some(width)` columns, fitted to it; otherwise
/// (`None`: a file, a pipe, or `NO_COLOR`) at a fixed layout.
fn new_table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.force_no_tty();
    match width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t
}

/// The terminal's width when tables may be fitted to it: standard output is a terminal
/// (`tty`), `NO_COLOR` is not set, and the width is known (else 100 columns).
fn terminal_width(tty: bool) -> Option<u16> {
    if !tty || std::env::var_os("NO_COLOR").is_some() {
        return None;
    }
    let probe = Table::new();
    Some(probe.width().filter(|w| *w >= 20).unwrap_or(100))
}

/// The column constraints of the house, from the cells' text (`rows`, header included): on a
/// terminal (`fitted`), a column is never narrower than its longest ASCII word (a case number,
/// a date, a masked phone: up to [`WORD_MAX`]) nor than [`TEXT_COLUMN_MIN`], so a narrow
/// terminal cannot squeeze it to a character a line or break `2026-0001` into `2026-00` and
/// `01`; not on a terminal, text longer than [`TEXT_COLUMN_MAX`] wraps at it (if `wrap_long`).
fn constrain_columns(t: &mut Table, rows: &[Vec<String>], fitted: bool, wrap_long: bool) {
    use comfy_table::{ColumnConstraint, Width};
    let widths = t.column_max_content_widths();
    for (i, w) in widths.into_iter().enumerate() {
        let word = rows
            .iter()
            .filter_map(|r| r.get(i))
            .flat_map(|cell| {
                cell.split(|c: char| c.is_whitespace() || !c.is_ascii())
                    .map(|w| w.len() as u16)
            })
            .max()
            .unwrap_or(0)
            .min(WORD_MAX);
        // comfy-table's widths count the padding (a space each side).
        let lower = word.max(TEXT_COLUMN_MIN.min(w)) + 2;
        let Some(c) = t.column_mut(i) else { continue };
        if fitted {
            if w + 2 <= lower {
                c.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(lower)));
            }
        } else if wrap_long && w > TEXT_COLUMN_MAX {
            c.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(
                TEXT_COLUMN_MAX,
            )));
        }
    }
}

/// A table with `headers` and `rows`. On a terminal it fits the terminal's width; otherwise it
/// has a fixed layout and no colour, so scripts and snapshots are stable. Either way long text
/// wraps inside its column and short values are never broken.
pub fn table(headers: &[&str], rows: &[Vec<String>], tty: bool) -> String {
    table_at(headers, rows, terminal_width(tty))
}

/// [`table`] on a terminal `width` columns wide (`None`: not a terminal).
pub fn table_at(headers: &[&str], rows: &[Vec<String>], width: Option<u16>) -> String {
    let mut t = new_table(width);
    t.set_header(headers.iter().map(|h| terminal_safe(h)).collect::<Vec<_>>());
    for r in rows {
        t.add_row(r.iter().map(|c| terminal_safe(c)).collect::<Vec<_>>());
    }
    constrain_columns(&mut t, rows, width.is_some(), true);
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
    let width = terminal_width(tty);
    let mut t = new_table(width);
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
    // The annual report's tables mirror the published layout: their long headings stay whole
    // when not on a terminal.
    constrain_columns(&mut t, rows, width.is_some(), false);
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
    use super::{formula_safe, table_at, terminal_safe};

    /// Display width as a terminal shows it: box-drawing and ASCII one column, CJK two.
    fn width(line: &str) -> usize {
        line.chars()
            .map(|c| {
                if c.is_ascii() || ('\u{2500}'..='\u{257F}').contains(&c) {
                    1
                } else {
                    2
                }
            })
            .sum()
    }

    /// The rows of `list` as a clerk's register gives them: short columns and two long ones.
    fn list_rows() -> (Vec<&'static str>, Vec<Vec<String>>) {
        let headers = vec![
            "案件编号",
            "收到日期",
            "申请人",
            "类型",
            "阶段",
            "答复期限",
            "科室",
            "承办人",
            "结果",
        ];
        let row = |no: &str| {
            vec![
                no.to_string(),
                "2026-03-02".to_string(),
                "某古建修缮有限公司".to_string(),
                "商业企业".to_string(),
                "征求意见中".to_string(),
                "2026-03-30（临时）".to_string(),
                "文物科".to_string(),
                "李明".to_string(),
                "（三）不予公开 4.保护第三方合法权益".to_string(),
            ]
        };
        (headers, vec![row("2026-0001"), row("2026-0002")])
    }

    /// Issue 13: on a 100-column terminal the list fits, and no column is squeezed to a
    /// character or two a line; case numbers and dates stay whole.
    #[test]
    fn a_table_fits_a_100_column_terminal_without_collapsing_a_column() {
        let (headers, rows) = list_rows();
        let out = table_at(&headers, &rows, Some(100));
        for line in out.lines() {
            assert!(width(line) <= 100, "{} columns:\n{out}", width(line));
        }
        assert!(out.contains("│ 2026-0001 ┆ 2026-03-02 ┆"), "{out}");
        assert!(out.contains("2026-03-30"), "{out}");
        // Every column keeps at least 6 columns of text (3 Chinese characters) or its whole
        // content, and its dates whole.
        let top = out.lines().next().unwrap();
        for border in top.trim_matches(['┌', '┐']).split('┬') {
            assert!(border.chars().count() >= 6 + 2, "{border:?}:\n{out}");
        }
        assert!(out.contains("2026-03-30"), "{out}");
    }

    /// Issue 13: not on a terminal, a 300-character text wraps at 60 columns inside its cell.
    #[test]
    fn long_text_wraps_at_sixty_columns_when_not_a_terminal() {
        let long = "第3行：证件号码“110105194912310021”校验位不符，".repeat(10);
        let rows = vec![vec!["3".to_string(), "错误".to_string(), long.clone()]];
        let out = table_at(&["行", "类别", "说明"], &rows, None);
        let widest = out.lines().map(width).max().unwrap();
        assert!(widest <= 60 + 20, "{widest}:\n{out}");
        assert!(out.lines().count() > 5, "{out}");
        // Short tables are as before: one line a row.
        let short = table_at(
            &["行", "说明"],
            &[vec!["1".into(), "缺少申请人".into()]],
            None,
        );
        assert_eq!(
            short,
            "┌────┬────────────┐\n│ 行 ┆ 说明       │\n╞════╪════════════╡\n│ 1  ┆ 缺少申请人 │\n└────┴────────────┘"
        );
    }

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
