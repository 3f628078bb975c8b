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
    #[error("无法读取文件 {path}：{}", crate::error::io_cn(source))]
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

/// Rows of an Excel worksheet (1,048,576).
const EXCEL_ROWS: u32 = 1 << 20;
/// Columns of an Excel worksheet (16,384: A to XFD).
const EXCEL_COLUMNS: u32 = 1 << 14;

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

/// The non-empty cells of a worksheet, kept row by row as they are read, with the number of
/// cells the rows will span once filled out from column A.
#[derive(Default)]
struct SparseRows {
    rows: BTreeMap<u32, (usize, Vec<(u32, Cell)>)>,
    spanned: usize,
}

impl SparseRows {
    /// Adds the cell at 0-based `(row, col)`; `Err` with the position once the sheet spans
    /// more than [`MAX_SHEET_CELLS`].
    fn add(&mut self, (row, col): (u32, u32), cell: Cell) -> Result<(), (u32, u32)> {
        if cell == Cell::Empty {
            return Ok(());
        }
        let (width, cells) = self.rows.entry(row).or_default();
        let need = col as usize + 1;
        if need > *width {
            self.spanned += need - *width;
            *width = need;
        }
        if self.spanned > MAX_SHEET_CELLS {
            return Err((row, col));
        }
        cells.push((col, cell));
        Ok(())
    }

    /// The rows, in sheet order, each filled out from column A (a later cell at the same
    /// position wins, as in calamine's own range).
    fn into_rows(self) -> Vec<RawRow> {
        self.rows
            .into_iter()
            .map(|(row, (width, cells))| {
                let mut v = vec![Cell::Empty; width];
                for (col, c) in cells {
                    v[col as usize] = c;
                }
                RawRow {
                    line: row as usize + 1,
                    cells: v,
                }
            })
            .collect()
    }
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

/// Whether the byte at `i` ends a line: `\n`, or `\r` not followed by `\n` (the line end of
/// Excel for Mac's "CSV (Macintosh)" and other old tools), so that CRLF counts once.
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The number of line ends in `bytes[from..to]` (looking past `to` for a CRLF's `\n`).
fn line_ends(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to.min(bytes.len()))
        .filter(|&i| ends_line(bytes, i))
        .count()
}

fn line_of(text: &str, byte_offset: usize) -> usize {
    line_of_bytes(text.as_bytes(), byte_offset)
}

fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    line_ends(bytes, 0, offset) + 1
}

/// Decodes the bytes: a BOM decides (UTF-8, UTF-16); else the forced encoding; else UTF-8 if
/// the bytes are valid UTF-8, else GB18030.
fn decode(
    path: &Path,
    bytes: &[u8],
    forced: Option<Encoding>,
) -> Result<(String, &'static str), ReadError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
        && (forced.is_none() || enc == encoding_rs::UTF_8)
    {
        let body = &bytes[bom_len..];
        return match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(s) => Ok((s.into_owned(), enc.name())),
            None => {
                let (s, _) = enc.decode_without_bom_handling(body);
                Err(ReadError::Encoding {
                    path: path.to_path_buf(),
                    tried: enc.name().to_string(),
                    line: line_of(&s, s.find('\u{FFFD}').unwrap_or(0)),
                })
            }
        };
    }
    let utf8 = || match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(line_of_bytes(bytes, e.valid_up_to())),
    };
    let gb =
        || match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => Ok(s.into_owned()),
            None => {
                let (s, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                Err(line_of(&s, s.find('\u{FFFD}').unwrap_or(0)))
            }
        };
    let bad = |tried: &str, line: usize| ReadError::Encoding {
        path: path.to_path_buf(),
        tried: tried.to_string(),
        line,
    };
    match forced {
        Some(Encoding::Utf8) => utf8().map(|s| (s, "UTF-8")).map_err(|l| bad("UTF-8", l)),
        Some(e @ (Encoding::Gbk | Encoding::Gb18030)) => {
            gb().map(|s| (s, e.label())).map_err(|l| bad(e.label(), l))
        }
        None => match utf8() {
            Ok(s) => Ok((s, "UTF-8")),
            Err(l8) => gb()
                .map(|s| (s, "GB18030"))
                .map_err(|lg| bad("UTF-8 或 GBK/GB18030", l8.max(lg))),
        },
    }
}

/// Picks the separator that occurs most often, outside quotes, on the first non-blank line.
fn detect_delimiter(text: &str) -> Delimiter {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut comma, mut tab, mut semi, mut quoted) = (0, 0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            ';' if !quoted => semi += 1,
            _ => {}
        }
    }
    if tab > 0 && tab >= comma {
        Delimiter::Tab
    } else if comma == 0 && semi > 0 {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// The line on which a quoted field opens that is never closed (the csv crate would silently
/// take the rest of the file as that one field). Quotes inside an unquoted field are literal, as
/// in Excel.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut line, mut field_start, mut opened_on) = (0, 1, true, None);
    while i < b.len() {
        let c = b[i];
        match opened_on {
            Some(_) if c == b'"' && b.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if c == b'"' => opened_on = None,
            None if c == b'"' && field_start => opened_on = Some(line),
            _ => {}
        }
        if ends_line(b, i) {
            line += 1;
        }
        field_start = opened_on.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    opened_on
}

fn read_csv(path: &Path, bytes: &[u8], opts: &ReadOptions) -> Result<Sheet, ReadError> {
    let (text, encoding) = decode(path, bytes, opts.encoding)?;
    let delimiter = opts.delimiter.unwrap_or_else(|| detect_delimiter(&text));
    if let Some(line) = unclosed_quote(&text, delimiter.byte()) {
        return Err(ReadError::Csv {
            path: path.to_path_buf(),
            line,
            message: "这里有一个英文双引号开始的单元格直到文件末尾都没有结束，其后的各行都会被当成这一个单元格的内容".to_string(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    // Line numbers are counted here from each record's byte offset: csv-core's own count skips
    // the line breaks inside quoted fields.
    let bytes = text.as_bytes();
    let (mut at_byte, mut at_line) = (0usize, 1usize);
    let mut line_at = |byte: usize| {
        // A record's position may point at the line break that ended the one before.
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
            byte += 1;
        }
        if byte >= at_byte {
            at_line += line_ends(bytes, at_byte, byte);
        } else {
            at_line = line_of_bytes(bytes, byte);
        }
        at_byte = byte;
        at_line
    };
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e
                .position()
                .map(|p| line_of_bytes(bytes, p.byte() as usize))
                .unwrap_or(0);
            ReadError::Csv {
                path: path.to_path_buf(),
                line,
                message: match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "含有无法识别的字符".to_string(),
                    _ => format!("无法解析（{e}）；请检查引号是否成对"),
                },
            }
        })?;
        let line = rec
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(0);
        let cells = rec
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect();
        rows.push(RawRow { line, cells });
    }
    finish(
        path,
        Source::Csv {
            encoding,
            delimiter,
        },
        rows,
    )
}

/// Converts an Excel serial day number (1900 or 1904 system) to a date.
pub fn excel_serial_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    let epoch = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y as i32, m as u32, day as u32) {
                Some(date) if dt.as_f64() >= 1.0 => Cell::Date(date),
                _ => Cell::Invalid(format!("单元格是时间而不是日期（{}）", dt.as_f64())),
            }
        }
        Data::DateTime(dt) => Cell::Invalid(format!("单元格是时长而不是日期（{}）", dt.as_f64())),
        Data::DateTimeIso(s) => match s.get(..10).and_then(|x| x.parse().ok()) {
            Some(date) => Cell::Date(date),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Invalid(format!("单元格是时长而不是日期（{s}）")),
        Data::Error(e) => Cell::Invalid(format!("单元格有 Excel 错误值 {e}")),
    }
}

/// Runs `f`, a call into calamine, turning a panic inside it into an error naming the file.
/// calamine 0.38 panics on some malformed workbooks when built with overflow checks (a cell
/// reference such as `B3333333333333333333`, calamine issue 694); whatever it does with a
/// file, the import must end with a message, not a crash.
fn calamine_call<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        ReadError::Workbook {
            path: path.to_path_buf(),
            message: format!(
                "文件内容不合 Excel 的规范，读取时出错（{why}）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
            ),
        }
    })
}

fn read_workbook(path: &Path, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Sheet, ReadError> {
    let wb_err = |message: String| ReadError::Workbook {
        path: path.to_path_buf(),
        message,
    };
    // calamine tries each workbook format in turn and says only "Cannot detect file format".
    let mut wb = calamine_call(path, || {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
    })?
    .map_err(|_| ReadError::NotAWorkbook {
        path: path.to_path_buf(),
    })?;
    let names = wb.sheet_names();
    let name = match &opts.sheet {
        Some(n) => names
            .iter()
            .find(|x| x.trim() == n.trim())
            .cloned()
            .ok_or_else(|| ReadError::NoSheet {
                path: path.to_path_buf(),
                name: n.clone(),
                available: names.clone(),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| wb_err("工作簿中没有工作表".to_string()))?,
    };
    let too_big = |(row, col): (u32, u32)| ReadError::TooBig {
        path: path.to_path_buf(),
        sheet: name.clone(),
        row: u64::from(row) + 1,
        cell: format!("{}{}", column_letters(col), u64::from(row) + 1),
    };
    let mut sparse = SparseRows::default();
    // Excel workbooks are read cell by cell: calamine's `worksheet_range` would first allocate
    // every cell of the rectangle from the first to the last entry — 17 billion for a sheet
    // with something in A1 and in XFD1048576, a 2 KB file that aborted the import.
    let mut add = |(row, col): (u32, u32), d: DataRef<'_>| {
        // calamine accepts any cell reference in the file (calamine issue 694).
        if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
            return Err(wb_err(format!(
                "文件内容不合 Excel 的规范：有单元格在第 {} 行第 {} 列，超出 Excel 表格的范围（{EXCEL_ROWS} 行、{EXCEL_COLUMNS} 列）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
                u64::from(row) + 1,
                u64::from(col) + 1
            )));
        }
        sparse
            .add((row, col), cell_of(&Data::from(d)))
            .map_err(too_big)
    };
    match &mut wb {
        Sheets::Xlsx(x) => match calamine_call(path, || x.worksheet_cells_reader(&name))? {
            Ok(mut r) => {
                while let Some(c) =
                    calamine_call(path, || r.next_cell())?.map_err(|e| wb_err(e.to_string()))?
                {
                    add(c.get_position(), c.get_value().clone())?;
                }
            }
            // A chart sheet: no cells (calamine's range is empty too).
            Err(calamine::XlsxError::NotAWorksheet(_)) => {}
            Err(e) => return Err(wb_err(e.to_string())),
        },
        Sheets::Xlsb(x) => {
            let mut r = calamine_call(path, || x.worksheet_cells_reader(&name))?
                .map_err(|e| wb_err(e.to_string()))?;
            while let Some(c) =
                calamine_call(path, || r.next_cell())?.map_err(|e| wb_err(e.to_string()))?
            {
                add(c.get_position(), c.get_value().clone())?;
            }
        }
        // .xls (at most 65,536 × 256 cells) and .ods (calamine caps its expansion): read whole.
        _ => {
            let range = calamine_call(path, || wb.worksheet_range(&name))?
                .map_err(|e| wb_err(e.to_string()))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            for (r, c, d) in range.used_cells() {
                let pos = (row0.saturating_add(r as u32), col0.saturating_add(c as u32));
                sparse.add(pos, cell_of(d)).map_err(too_big)?;
            }
        }
    }
    finish(path, Source::Workbook { sheet: name }, sparse.into_rows())
}

/// Finds the header row (the first of the first ten non-blank rows in which at least two
/// cells are known column names; else the first non-blank row), drops the rows above it and
/// the blank rows below it.
fn finish(path: &Path, source: Source, rows: Vec<RawRow>) -> Result<Sheet, ReadError> {
    let non_blank: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.cells.iter().any(|c| !c.is_blank()))
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = non_blank.first() else {
        return Err(ReadError::Empty(path.to_path_buf()));
    };
    let header_at = non_blank
        .iter()
        .take(10)
        .copied()
        .find(|&i| {
            rows[i]
                .cells
                .iter()
                .filter(|c| super::columns::Field::from_header(&c.to_text()).is_some())
                .count()
                >= 2
        })
        .unwrap_or(first);
    let mut rows = rows;
    let data = rows.split_off(header_at + 1);
    let header = rows.pop().expect("header row exists");
    let mut headers: Vec<String> = header
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
    Ok(Sheet {
        source,
        header_line: header.line,
        headers,
        rows: data
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_blank()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
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
