//! Reading an import file in bounded memory (issue 11, streaming import): a CSV file is read
//! record by record from disk — once to check every row, then again, row by row at the byte
//! offsets kept from the first pass, to register them in order of receipt — so that what is held
//! does not grow with the file beyond a few bytes a row. Workbooks (bounded by the limits in
//! `read/workbook.rs`) and UTF-16 text (rare: Excel's "Unicode text") are read into memory as
//! before.
//!
//! The CSV's structure (separators, quotes, line ends) is read on the raw bytes: in UTF-8 and
//! in GB18030 alike no byte of a multi-byte character is a quote, separator or line end, so
//! each cell is decoded on its own.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::read::{
    Cell, Delimiter, Encoding, HEADER_SEARCH_ROWS, RawRow, ReadError, ReadOptions, Source,
    read_sheet,
};

/// Bytes read at the start of a CSV file to tell its kind and separator.
const HEAD_BYTES: usize = 64 * 1024;

/// An import file opened for reading its rows, header row found.
pub struct Opened {
    /// What was read (encoding and separator, or worksheet).
    pub source: Source,
    /// The header row's line or sheet row.
    pub header_line: usize,
    /// The header texts, trimmed.
    pub headers: Vec<String>,
    rows: Rows,
}

enum Rows {
    /// A CSV file read from disk; a row's address is the byte offset of its record.
    Csv(CsvRows),
    /// Rows held in memory (workbook, UTF-16 text); a row's address is its index.
    Memory(Vec<RawRow>),
}

struct CsvRows {
    path: PathBuf,
    /// `None`: UTF-8; else GB18030 with the name shown.
    gb: Option<&'static str>,
    /// Whether the encoding was detected, not forced (for the error's wording).
    forced: bool,
    delimiter: u8,
    /// Byte offset of the first record after the header row.
    data_from: u64,
    /// The reader for fetching single rows (pass two).
    random: Option<csv::Reader<File>>,
}

fn io_error(path: &Path, source: std::io::Error) -> ReadError {
    ReadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Opened {
    /// Opens `path` (workbook or CSV, told from its first bytes), finds its encoding, separator
    /// and header row, and checks the CSV's structure (an unclosed quote, bytes not in the
    /// encoding) in one pass over the file without holding it.
    ///
    /// # Errors
    /// [`ReadError`] naming the file and, where it applies, the line.
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<Opened, ReadError> {
        let mut f = File::open(path).map_err(|e| io_error(path, e))?;
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut f)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|e| io_error(path, e))?;
        let workbook =
            head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
        if workbook || utf16 || head.is_empty() {
            let sheet = read_sheet(path, opts)?;
            return Ok(Opened {
                source: sheet.source,
                header_line: sheet.header_line,
                headers: sheet.headers,
                rows: Rows::Memory(sheet.rows),
            });
        }
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let scan = prescan(path)?;
        let forced = opts.encoding.is_some() && !bom;
        let gb = match (bom, opts.encoding) {
            (true, _) | (false, Some(Encoding::Utf8)) => None,
            (false, Some(e @ (Encoding::Gbk | Encoding::Gb18030))) => Some(e.label()),
            (false, None) => scan.utf8_invalid_at.map(|_| "GB18030"),
        };
        if let (None, Some(line)) = (gb, scan.utf8_invalid_at) {
            return Err(ReadError::Encoding {
                path: path.to_path_buf(),
                tried: "UTF-8".to_string(),
                line,
                forced: opts.encoding.is_some(),
            });
        }
        let head_text = match gb {
            None => String::from_utf8_lossy(&head).into_owned(),
            Some(_) => encoding_rs::GB18030.decode(&head).0.into_owned(),
        };
        let delimiter = opts
            .delimiter
            .unwrap_or_else(|| super::read::detect_delimiter(&head_text));
        let d = delimiter_byte(delimiter);
        if let Some(line) = unclosed_quote(path, d)? {
            return Err(ReadError::Csv {
                path: path.to_path_buf(),
                line,
                message: "这里有一个英文双引号开始的单元格直到文件末尾都没有结束，其后的各行都会被当成这一个单元格的内容".to_string(),
            });
        }
        let mut csv_rows = CsvRows {
            path: path.to_path_buf(),
            gb,
            forced: forced || opts.encoding.is_some(),
            delimiter: d,
            data_from: 0,
            random: None,
        };
        // The header row: among the first non-blank rows, as `read_sheet` finds it.
        let mut first: Vec<(RawRow, u64)> = Vec::new();
        csv_rows.each(0, |row, at, _| {
            if !row.is_blank() {
                first.push((row, at));
            }
            Ok(first.len() < HEADER_SEARCH_ROWS)
        })?;
        let Some(header_at) = header_index(&first) else {
            return Err(ReadError::Empty(path.to_path_buf()));
        };
        let (header, _) = &first[header_at];
        let headers = header.header_texts();
        let header_line = header.line;
        csv_rows.data_from = first[header_at].1 + 1;
        let encoding = gb.unwrap_or("UTF-8");
        Ok(Opened {
            source: Source::Csv {
                encoding,
                delimiter,
            },
            header_line,
            headers,
            rows: Rows::Csv(csv_rows),
        })
    }

    /// Calls `f` with every non-blank data row below the header row, in file order, and its
    /// address for [`Opened::row_at`]; stops early when `f` returns `Ok(false)`.
    ///
    /// # Errors
    /// [`ReadError`] (a cell not in the file's encoding, a broken record), or `f`'s error.
    pub fn each_row(
        &mut self,
        mut f: impl FnMut(RawRow, u64) -> anyhow::Result<bool>,
    ) -> anyhow::Result<()> {
        match &mut self.rows {
            Rows::Memory(rows) => {
                for (i, r) in rows.iter().enumerate() {
                    if !f(r.clone(), i as u64)? {
                        break;
                    }
                }
                Ok(())
            }
            Rows::Csv(c) => {
                let from = c.data_from;
                let mut err = None;
                c.each(from, |row, at, _| {
                    if row.is_blank() {
                        return Ok(true);
                    }
                    match f(row, at) {
                        Ok(go) => Ok(go),
                        Err(e) => {
                            err = Some(e);
                            Ok(false)
                        }
                    }
                })?;
                err.map_or(Ok(()), Err)
            }
        }
    }

    /// The row at `at` (an address [`Opened::each_row`] gave), which starts on `line`.
    ///
    /// # Errors
    /// [`ReadError`] when the file can no longer be read as it was (changed meanwhile).
    pub fn row_at(&mut self, at: u64, line: usize) -> Result<RawRow, ReadError> {
        match &mut self.rows {
            Rows::Memory(rows) => Ok(rows[at as usize].clone()),
            Rows::Csv(c) => c.row_at(at, line),
        }
    }
}

fn delimiter_byte(d: Delimiter) -> u8 {
    match d {
        Delimiter::Comma => b',',
        Delimiter::Tab => b'\t',
        Delimiter::Semicolon => b';',
    }
}

/// The header row among the first non-blank rows: the first that
/// [names columns](RawRow::names_columns), else the first.
fn header_index(rows: &[(RawRow, u64)]) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    Some(
        rows.iter()
            .position(|(r, _)| r.names_columns())
            .unwrap_or(0),
    )
}

impl CsvRows {
    fn reader(&self, file: File) -> csv::Reader<File> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(file)
    }

    fn open_file(&self) -> Result<File, ReadError> {
        File::open(&self.path).map_err(|e| io_error(&self.path, e))
    }

    fn cells(&self, rec: &csv::ByteRecord, line: usize) -> Result<Vec<Cell>, ReadError> {
        let mut cells = Vec::with_capacity(rec.len());
        for field in rec {
            if field.is_empty() {
                cells.push(Cell::Empty);
                continue;
            }
            let text = match self.gb {
                None => std::str::from_utf8(field).ok().map(str::to_string),
                Some(_) => encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(field)
                    .map(|s| s.into_owned()),
            };
            match text {
                Some(t) => cells.push(Cell::Text(super::read::csv_cell_text(t))),
                None => {
                    return Err(ReadError::Encoding {
                        path: self.path.clone(),
                        tried: match (self.gb, self.forced) {
                            (Some(g), true) => g.to_string(),
                            (Some(_), false) => "UTF-8 或 GBK/GB18030".to_string(),
                            (None, _) => "UTF-8".to_string(),
                        },
                        line,
                        forced: self.forced,
                    });
                }
            }
        }
        Ok(cells)
    }

    /// Reads the records from the start of the file, giving those at or after byte `from`
    /// with their line and byte offset, until `f` says stop.
    fn each(
        &self,
        from: u64,
        mut f: impl FnMut(RawRow, u64, usize) -> Result<bool, ReadError>,
    ) -> Result<(), ReadError> {
        let mut reader = self.reader(self.open_file()?);
        let mut lines = LineCounter::new(BufReader::with_capacity(256 * 1024, self.open_file()?));
        let mut rec = csv::ByteRecord::new();
        loop {
            let more = reader
                .read_byte_record(&mut rec)
                .map_err(|e| self.broken(e.position().map(|p| p.byte()).unwrap_or(0), &e))?;
            if !more {
                return Ok(());
            }
            let at = rec.position().map(|p| p.byte()).unwrap_or(0);
            let line = lines.line_at(at).map_err(|e| io_error(&self.path, e))?;
            if at < from {
                continue;
            }
            let cells = self.cells(&rec, line)?;
            if !f(RawRow { line, cells }, at, line)? {
                return Ok(());
            }
        }
    }

    fn broken(&self, byte: u64, e: &csv::Error) -> ReadError {
        let line = LineCounter::new(BufReader::new(match self.open_file() {
            Ok(f) => f,
            Err(e) => return e,
        }))
        .line_at(byte)
        .unwrap_or(0);
        ReadError::Csv {
            path: self.path.clone(),
            line,
            message: format!("无法解析（{e}）；请检查引号是否成对"),
        }
    }

    fn row_at(&mut self, at: u64, line: usize) -> Result<RawRow, ReadError> {
        if self.random.is_none() {
            let r = self.reader(self.open_file()?);
            self.random = Some(r);
        }
        let reader = self.random.as_mut().expect("opened above");
        // Rows come mostly in file order: read on without seeking when the next record is the
        // one asked for.
        let here = reader.position().byte();
        if here != at {
            let mut p = csv::Position::new();
            p.set_byte(at);
            reader.seek(p).map_err(|e| ReadError::Csv {
                path: self.path.clone(),
                line,
                message: format!("无法读取（{e}）"),
            })?;
        }
        let mut rec = csv::ByteRecord::new();
        let ok = reader
            .read_byte_record(&mut rec)
            .map_err(|e| ReadError::Csv {
                path: self.path.clone(),
                line,
                message: format!("无法解析（{e}）；文件在导入过程中被改动了吗？"),
            })?;
        if !ok {
            return Err(ReadError::Csv {
                path: self.path.clone(),
                line,
                message: "读取时文件已变短：文件在导入过程中被改动了吗？".to_string(),
            });
        }
        Ok(RawRow {
            line,
            cells: self.cells(&rec, line)?,
        })
    }
}

/// Counts physical lines up to byte offsets given in increasing order, as a spreadsheet program
/// numbers them: `\n`, `\r\n` and a lone `\r` each end one line.
struct LineCounter<R> {
    r: R,
    pos: u64,
    ends: usize,
    last_cr: bool,
}

impl<R: BufRead> LineCounter<R> {
    fn new(r: R) -> Self {
        LineCounter {
            r,
            pos: 0,
            ends: 0,
            last_cr: false,
        }
    }

    fn count(&mut self, b: u8) {
        match b {
            b'\n' if self.last_cr => self.last_cr = false,
            b'\n' => self.ends += 1,
            b'\r' => {
                self.ends += 1;
                self.last_cr = true;
            }
            _ => self.last_cr = false,
        }
    }

    /// The line on which the record at `offset` starts (a record's offset may point at the line
    /// break that ended the one before: those are skipped).
    fn line_at(&mut self, offset: u64) -> std::io::Result<usize> {
        while self.pos < offset {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min((offset - self.pos) as usize);
            let chunk = buf[..n].to_vec();
            self.r.consume(n);
            self.pos += n as u64;
            for b in chunk {
                self.count(b);
            }
        }
        loop {
            let buf = self.r.fill_buf()?;
            match buf.first() {
                Some(&b) if b == b'\n' || b == b'\r' => {
                    self.r.consume(1);
                    self.pos += 1;
                    self.count(b);
                }
                _ => break,
            }
        }
        Ok(self.ends + 1)
    }
}

/// The line on which a quoted field opens that is never closed (the csv crate would take the
/// rest of the file as that one field), read as a stream: the same rule as
/// `read::delimited::unclosed_quote` (quotes inside an unquoted field are literal, as in Excel).
fn unclosed_quote(path: &Path, delimiter: u8) -> Result<Option<usize>, ReadError> {
    let mut f =
        BufReader::with_capacity(256 * 1024, File::open(path).map_err(|e| io_error(path, e))?);
    let (mut line, mut field_start, mut opened_on) = (1usize, true, None::<usize>);
    // One byte of look-ahead: `prev` is handled once the byte after it is known.
    let mut prev: Option<u8> = None;
    let mut skip_next = false;
    let mut step = |c: u8, next: Option<u8>, skip_next: &mut bool| {
        if *skip_next {
            // The second quote of a doubled `""` inside a quoted field.
            *skip_next = false;
            field_start = false;
            return;
        }
        match opened_on {
            Some(_) if c == b'"' && next == Some(b'"') => *skip_next = true,
            Some(_) if c == b'"' => opened_on = None,
            None if c == b'"' && field_start => opened_on = Some(line),
            _ => {}
        }
        if c == b'\n' || (c == b'\r' && next != Some(b'\n')) {
            line += 1;
        }
        field_start = opened_on.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
    };
    loop {
        let buf = f.fill_buf().map_err(|e| io_error(path, e))?;
        if buf.is_empty() {
            break;
        }
        for &b in buf {
            if let Some(p) = prev {
                step(p, Some(b), &mut skip_next);
            }
            prev = Some(b);
        }
        let n = buf.len();
        f.consume(n);
    }
    if let Some(p) = prev {
        step(p, None, &mut skip_next);
    }
    Ok(opened_on)
}

/// What one pass over the raw bytes tells before any row is read.
struct Prescan {
    /// The line of the first byte that is not UTF-8, if any.
    utf8_invalid_at: Option<usize>,
}

/// Checks in one pass, chunk by chunk, whether the file is valid UTF-8 (and where it stops
/// being so).
fn prescan(path: &Path) -> Result<Prescan, ReadError> {
    let mut f =
        BufReader::with_capacity(256 * 1024, File::open(path).map_err(|e| io_error(path, e))?);
    let mut carry: Vec<u8> = Vec::new();
    let mut lines = 0usize;
    let mut last_cr = false;
    let mut count = |bytes: &[u8], lines: &mut usize| {
        for &b in bytes {
            match b {
                b'\n' if last_cr => last_cr = false,
                b'\n' => *lines += 1,
                b'\r' => {
                    *lines += 1;
                    last_cr = true;
                }
                _ => last_cr = false,
            }
        }
    };
    loop {
        let buf = f.fill_buf().map_err(|e| io_error(path, e))?;
        let eof = buf.is_empty();
        let mut chunk = std::mem::take(&mut carry);
        chunk.extend_from_slice(buf);
        let n = buf.len();
        f.consume(n);
        match std::str::from_utf8(&chunk) {
            Ok(_) => count(&chunk, &mut lines),
            Err(e) if e.error_len().is_none() && !eof => {
                let ok = e.valid_up_to();
                count(&chunk[..ok], &mut lines);
                carry = chunk[ok..].to_vec();
            }
            Err(e) => {
                count(&chunk[..e.valid_up_to()], &mut lines);
                return Ok(Prescan {
                    utf8_invalid_at: Some(lines + 1),
                });
            }
        }
        if eof {
            return Ok(Prescan {
                utf8_invalid_at: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_counted_as_spreadsheets_number_them() {
        let text = b"a\r\nb\rc\n\"x\ny\"\nz";
        let mut c = LineCounter::new(&text[..]);
        assert_eq!(c.line_at(0).unwrap(), 1);
        assert_eq!(c.line_at(3).unwrap(), 2);
        assert_eq!(c.line_at(5).unwrap(), 3);
        assert_eq!(c.line_at(7).unwrap(), 4);
        assert_eq!(c.line_at(14).unwrap(), 6);
    }
}
