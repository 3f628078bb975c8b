//! Reading a spreadsheet as clerks save it: CSV (UTF-8 with or without BOM, UTF-16 "Unicode
//! text", or GB18030/GBK as Excel and WPS write it on a Chinese Windows machine; comma, tab or
//! semicolon separated; CRLF; quoted fields with line breaks) or a workbook (.xlsx, .xlsm, .xls,
//! .ods) read with calamine. The result is a [`Sheet`]: the header row and the data rows, each
//! with the line (CSV, physical line, 1-based) or sheet row (workbook, 1-based) it came from.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader, Sheets};
use chrono::NaiveDate;

mod delimited;
mod workbook;

pub(crate) use delimited::detect_delimiter;
use delimited::read_csv;
pub use workbook::excel_serial_date;
use workbook::read_workbook;

/// A text encoding of a CSV file (`--encoding`); the variants' doc comments are the `--help`
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8（有无 BOM 均可）
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK（按 GB18030 读取，GBK 是其子集）
    Gbk,
    /// GB18030（中文 Windows 上 Excel/WPS 所说的“ANSI”）
    Gb18030,
}

impl Encoding {
    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gbk => "GBK",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// The field separator of a CSV file (`--delimiter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Delimiter {
    /// 逗号 ,
    #[value(alias = ",")]
    Comma,
    /// 制表符（Excel 的“文本文件（制表符分隔）”）
    #[value(alias = "\t")]
    Tab,
    /// 分号 ;
    #[value(alias = ";")]
    Semicolon,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
        }
    }

    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            Delimiter::Comma => "逗号",
            Delimiter::Tab => "制表符",
            Delimiter::Semicolon => "分号",
        }
    }
}

/// How to read the file; `None` means detect.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force this encoding (CSV only).
    pub encoding: Option<Encoding>,
    /// Force this separator (CSV only).
    pub delimiter: Option<Delimiter>,
    /// Read this worksheet instead of the first (workbooks only).
    pub sheet: Option<String>,
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number cell of a workbook (Excel keeps 15 significant digits).
    Number(f64),
    /// A date cell of a workbook.
    Date(NaiveDate),
    /// A cell that holds no usable value (`#N/A`, a time without a date); the text says what.
    Invalid(String),
}

impl Cell {
    /// Whether the cell is blank (empty, or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as it would be typed back into a CSV: numbers without a needless
    /// `.0`, dates as `YYYY-MM-DD`.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(f) => number_text(*f),
            Cell::Date(d) => d.to_string(),
            Cell::Invalid(s) => s.clone(),
        }
    }
}

/// A CSV cell's text as the clerk meant it: a cell beginning with `'` followed by `=`, `+`,
/// `-`, `@`, a tab or a carriage return is the neutralised form that
/// [`crate::output::formula_safe`] writes (reject files, exports) so that a spreadsheet shows it
/// as text; reading it back strips that one `'`, so a reject file imported "as it is" stores
/// `=1+1`, not `'=1+1`.
pub(crate) fn csv_cell_text(text: String) -> String {
    let mut chars = text.chars();
    if chars.next() == Some('\'')
        && matches!(chars.next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
    {
        text[1..].to_string()
    } else {
        text
    }
}

/// A number as Excel displays it in a number-formatted cell: integers without decimals, and at
/// most 15 significant digits (Excel's precision), so `110105194912310021` shows as
/// `110105194912310000`.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    if f.fract() != 0.0 && f.abs() < 1e15 {
        return format!("{f}");
    }
    let sci = format!("{:.14e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: usize = exp.parse().unwrap_or(0);
    let mut out = if f < 0.0 {
        "-".to_string()
    } else {
        String::new()
    };
    out += &digits;
    out += &"0".repeat((exp + 1).saturating_sub(digits.len()));
    out
}

/// One data row and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// CSV: the physical line the record starts on (1-based, counting the line breaks inside
    /// quoted fields). Workbook: the sheet row number (1-based, as Excel shows it).
    pub line: usize,
    /// The cells, in column order (may be shorter or longer than the header row).
    pub cells: Vec<Cell>,
}

/// Non-blank rows at the top of a file among which the header row is looked for.
pub(super) const HEADER_SEARCH_ROWS: usize = 10;

impl RawRow {
    /// Whether the row is blank (every cell blank, or no cell).
    pub(super) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }

    /// Whether the row reads as a header row: at least two of its cells are known column names.
    pub(super) fn names_columns(&self) -> bool {
        self.cells
            .iter()
            .filter(|c| super::columns::Field::from_header(&c.to_text()).is_some())
            .count()
            >= 2
    }

    /// The row's cells as header texts: trimmed, a leading byte-order mark dropped, trailing
    /// empty headers dropped.
    pub(super) fn header_texts(&self) -> Vec<String> {
        let mut headers: Vec<String> = self
            .cells
            .iter()
            .map(|c| {
                c.to_text()
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_string()
            })
            .collect();
        while headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        headers
    }
}

/// What kind of file was read, for messages and the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A CSV file with the encoding and separator used.
    Csv {
        /// The encoding (detected or forced).
        encoding: &'static str,
        /// The separator (detected or forced).
        delimiter: Delimiter,
    },
    /// A worksheet of a workbook.
    Workbook {
        /// The worksheet's name.
        sheet: String,
    },
}

impl Source {
    /// How a row is named in messages: `第 5 行` for CSV, `工作表“Sheet1”第 5 行` for workbooks.
    pub fn row_label(&self, line: usize) -> String {
        match self {
            Source::Csv { .. } => format!("第 {line} 行"),
            Source::Workbook { sheet } => format!("工作表“{sheet}”第 {line} 行"),
        }
    }
}

/// A table read from a file: its header row and data rows. Rows above the header row (a title
/// such as “2026年9月邮寄申请登记表”) and blank rows are left out.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// What was read.
    pub source: Source,
    /// The header row's line or sheet row.
    pub header_line: usize,
    /// The header texts, trimmed.
    pub headers: Vec<String>,
    /// The data rows, blank rows left out.
    pub rows: Vec<RawRow>,
}

/// Why a file could not be read as a table.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or read.
    #[error("无法读取文件 {path}：{}", crate::output::io_cn(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The bytes are not text in the encoding given or detected.
    #[error("{path} 第 {line} 行有无法按 {tried} 编码识别的字节")]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The encodings tried.
        tried: String,
        /// The first line with such bytes.
        line: usize,
        /// Whether the encoding was given with `--encoding` (not detected).
        forced: bool,
    },
    /// The CSV structure is broken (an unclosed quote, usually).
    #[error("{path} 第 {line} 行：{message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The workbook would expand beyond what a list of requests can be (a zip bomb).
    #[error(
        "工作簿 {path} {what}，不像是申请登记表（可能是恶意构造的压缩文件），未导入任何内容：请在 Excel 或 WPS 中打开核对，另存为 CSV 后再导入"
    )]
    Bomb {
        /// The file.
        path: PathBuf,
        /// What it declares.
        what: String,
    },
    /// The workbook cannot be read.
    #[error("无法读取 Excel 文件 {path}：{message}")]
    Workbook {
        /// The file.
        path: PathBuf,
        /// What calamine said.
        message: String,
    },
    /// The file begins as a workbook does (a zip or OLE container: `.xlsx`, `.xls`) but opens as
    /// no workbook: cut short in copying or downloading, protected by a password, or a file of
    /// another kind (a `.docx` is a zip too).
    #[error(
        "{path} 不是可以读取的 Excel 工作簿（.xlsx / .xls）：文件可能不完整（复制或下载时中断）、设置了打开密码，或其实是其他格式的文件"
    )]
    NotAWorkbook {
        /// The file.
        path: PathBuf,
    },
    /// `--sheet` names a worksheet that does not exist.
    #[error("{path} 中没有名为“{name}”的工作表；有：{}", available.join("、"))]
    NoSheet {
        /// The file.
        path: PathBuf,
        /// The name asked for.
        name: String,
        /// The worksheets there are.
        available: Vec<String>,
    },
    /// Nothing in the file.
    #[error("{0} 是空的：没有表头行")]
    Empty(PathBuf),
    /// A worksheet spanning more than [`MAX_SHEET_CELLS`] cells: entries scattered far apart
    /// (a stray value in a far corner of many rows) or a file made to exhaust memory.
    #[error("{path} 的工作表“{sheet}”太大：算上各行最后一个有内容的单元格左边的空单元格，到第 {row} 行（{cell} 单元格）已超过 {max} 万个单元格；请删去表格右方和下方多余的内容（如 {cell}），或把申请分成几个文件导入", max = MAX_SHEET_CELLS / 10_000)]
    TooBig {
        /// The file.
        path: PathBuf,
        /// The worksheet.
        sheet: String,
        /// The sheet row (1-based) where the limit was passed.
        row: u64,
        /// The cell, as Excel names it (`XFD1048576`).
        cell: String,
    },
}

/// The most cells a worksheet may span, counting in each row every cell from column A to the
/// row's last non-empty one (what the import holds in memory, about 32 bytes each): 10 million,
/// five times a 100,000-row file of 20 columns. A stray entry far to the right costs its row
/// that many cells (column XFD: 16,384), so a few are fine (each is reported as a cell without a
/// header); a sheet made of such rows is refused before it exhausts memory.
pub const MAX_SHEET_CELLS: usize = 10_000_000;

/// A column's letters as Excel shows them (0 → `A`, 16,383 → `XFD`).
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// Reads `path` as a table, detecting workbook or CSV from the file's first bytes (not its
/// name), then the CSV's encoding and separator unless `opts` forces them.
///
/// # Errors
/// [`ReadError`] naming the file and, where it applies, the line.
pub fn read_sheet(path: &Path, opts: &ReadOptions) -> Result<Sheet, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if is_zip || is_ole {
        read_workbook(path, bytes, opts)
    } else {
        read_csv(path, &bytes, opts)
    }
}

/// Finds the header row (the first of the first [`HEADER_SEARCH_ROWS`] non-blank rows that
/// [names columns](RawRow::names_columns); else the first non-blank row), drops the rows above it
/// and the blank rows below it.
fn finish(path: &Path, source: Source, rows: Vec<RawRow>) -> Result<Sheet, ReadError> {
    let non_blank: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = non_blank.first() else {
        return Err(ReadError::Empty(path.to_path_buf()));
    };
    let header_at = non_blank
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .copied()
        .find(|&i| rows[i].names_columns())
        .unwrap_or(first);
    let mut rows = rows;
    let data = rows.split_off(header_at + 1);
    let header = rows.pop().expect("header row exists");
    Ok(Sheet {
        source,
        header_line: header.line,
        headers: header.header_texts(),
        rows: data.into_iter().filter(|r| !r.is_blank()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::delimited::unclosed_quote;
    use super::*;

    fn csv_of(bytes: &[u8], opts: &ReadOptions) -> Sheet {
        let dir = std::env::temp_dir().join(format!("disclose-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(format!("t{}.csv", bytes.len()));
        std::fs::write(&p, bytes).unwrap();
        let s = read_sheet(&p, opts).unwrap();
        std::fs::remove_file(&p).unwrap();
        s
    }

    #[test]
    fn detects_encoding_and_separator() {
        let utf8 = "申请人,申请内容\r\n张三,\"第一行\r\n第二行\"\r\n李四,x\r\n";
        let s = csv_of(utf8.as_bytes(), &ReadOptions::default());
        assert_eq!(s.headers, ["申请人", "申请内容"]);
        assert_eq!(s.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(
            s.rows[0].cells[1],
            Cell::Text("第一行\r\n第二行".to_string())
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("申请人\t申请内容\n王五\t文物\n");
        let s = csv_of(&gbk, &ReadOptions::default());
        assert_eq!(
            s.source,
            Source::Csv {
                encoding: "GB18030",
                delimiter: Delimiter::Tab
            }
        );
        assert_eq!(s.rows[0].cells[0], Cell::Text("王五".to_string()));
        let bom = "\u{feff}申请人,申请内容\n赵六,y\n";
        let s = csv_of(bom.as_bytes(), &ReadOptions::default());
        assert_eq!(s.headers[0], "申请人");
    }

    #[test]
    fn lines_end_in_lf_crlf_or_a_lone_cr() {
        // Excel for Mac's "CSV (Macintosh)" ends lines with CR alone: each row was "line 1",
        // and rows of the same line overwrote each other in the summary and the reject file.
        let t = "申请人,申请内容\r张三,\"第一行\r第二行\"\r李四,x\r\n王五,y\n\r赵六,z\r";
        let s = csv_of(t.as_bytes(), &ReadOptions::default());
        assert_eq!(s.header_line, 1);
        assert_eq!(
            s.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 4, 5, 7]
        );
        assert_eq!(s.rows[0].cells[1], Cell::Text("第一行\r第二行".to_string()));
        assert_eq!(unclosed_quote("a\r1,\"x\r2,y\r", b','), Some(2));
    }

    #[test]
    fn unclosed_quotes() {
        assert_eq!(unclosed_quote("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(
            unclosed_quote("a,b\n1,\"x\n\"\"y\"\n2,5\" 软盘\n", b','),
            None
        );
        assert_eq!(unclosed_quote("a\tb\n1\t\"x\n", b'\t'), Some(2));
    }

    #[test]
    fn title_row_above_header_is_skipped() {
        let t = "2026年9月邮寄申请登记表,,\n申请人,申请内容,签收日期\n,,\n张三,x,2026-09-01\n";
        let s = csv_of(t.as_bytes(), &ReadOptions::default());
        assert_eq!(s.header_line, 2);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].line, 4);
    }

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(number_text(110105194912310021.0), "110105194912310000");
        assert_eq!(number_text(13812345678.0), "13812345678");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            excel_serial_date(46266.0, false).unwrap().to_string(),
            "2026-09-01"
        );
        assert_eq!(excel_serial_date(0.5, false), None);
    }
}
