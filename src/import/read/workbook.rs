//! Reading an Excel workbook (.xlsx, .xls): the chosen worksheet's cells, row by row, with dates
//! as Excel stores them (serial day numbers) and a guard against sheets too large for memory.

use super::*;

/// Rows of an Excel worksheet (1,048,576).
pub(super) const EXCEL_ROWS: u32 = 1 << 20;
/// Columns of an Excel worksheet (16,384: A to XFD).
pub(super) const EXCEL_COLUMNS: u32 = 1 << 14;

/// The non-empty cells of a worksheet, kept row by row as they are read, with the number of
/// cells the rows will span once filled out from column A.
#[derive(Default)]
pub(super) struct SparseRows {
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

pub(super) fn cell_of(d: &Data) -> Cell {
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
pub(super) fn calamine_call<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T, ReadError> {
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

/// What a workbook's parts may expand to, all together, before it is opened: a real list of
/// requests, even of a million rows, stays far below; a zip bomb (a few megabytes expanding to
/// gigabytes, in the sheet or in its shared strings) is refused before anything is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// The most parts a workbook may have (a real one has a few dozen).
pub const MAX_PARTS: usize = 10_000;

/// Refuses a zip container (.xlsx, .ods) whose central directory declares more than
/// [`MAX_PARTS`] parts or more than [`MAX_UNPACKED_BYTES`] once unpacked (issue 16 #2). Other
/// files (.xls, not zip) pass; calamine then reads them.
fn check_expansion(path: &Path, bytes: &[u8]) -> Result<(), ReadError> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a readable zip: calamine says so in its own words
    };
    let bomb = |what: String| ReadError::Bomb {
        path: path.to_path_buf(),
        what,
    };
    if zip.len() > MAX_PARTS {
        return Err(bomb(format!("含有 {} 个部件", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            total = total.saturating_add(f.size());
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(bomb(format!(
                "解压后超过 {} MB",
                MAX_UNPACKED_BYTES / 1024 / 1024
            )));
        }
    }
    Ok(())
}

pub(super) fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    opts: &ReadOptions,
) -> Result<Sheet, ReadError> {
    let wb_err = |message: String| ReadError::Workbook {
        path: path.to_path_buf(),
        message,
    };
    check_expansion(path, &bytes)?;
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
