//! Batch import of mailed requests (邮寄申请批量登记) from a spreadsheet (CSV or .xlsx): one row
//! per request, typed in by whoever opened the mail.
//!
//! ```text
//!  file ──Opened::open──► encoding, separator, header row              stream.rs, read.rs
//!        ──map_headers──► Columns (which field each column holds)       columns.rs
//!        ──scan: parse_row of each row──► Slot | problems (column + fix) rows.rs
//!        ──register_slots (one transaction)──► registered | duplicate
//! ```
//!
//! Every row is validated before anything is written ([`scan`], keeping of a good row only its
//! receipt date and place in the file); the registrations then go through
//! [`crate::store::Writer::register`] — the same checks and duplicate detection as `disclose
//! register` — inside the caller's single transaction ([`register_slots`], reading each row
//! again at its place), so an interrupted import leaves the register as it was.

pub mod columns;
pub mod documents;
pub mod read;
pub mod rows;
pub mod stream;

#[cfg(test)]
mod proptests;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::case::{Case, Event, Step};
use crate::store::{StoreError, Writer};
use columns::{Columns, Field, HeaderError};
use read::{ReadError, ReadOptions};
use rows::{ParsedRow, Problem};

/// The name of the column the reject file adds (and an import ignores).
pub const ERROR_COLUMN: &str = "错误";

/// A row that cannot be registered, with everything wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// Line (CSV) or sheet row (workbook).
    pub line: usize,
    /// The problems, each naming its column.
    pub problems: Vec<Problem>,
}

/// Why a file cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as a table.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The header row is wrong.
    #[error("{path} 的表头（{row}）：{source}")]
    Header {
        /// The file.
        path: PathBuf,
        /// Where the header row is (`第 1 行`).
        row: String,
        /// What is wrong.
        source: HeaderError,
        /// Whether the encoding was forced (a garbled header may mean the wrong one).
        forced_encoding: bool,
    },
    /// A header row but no data rows.
    #[error("{0} 只有表头，没有要导入的行")]
    NoRows(PathBuf),
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    /// Registered (登记) as this case (after its confirm-receipt step, for a late-confirmed
    /// ordinary letter).
    Registered {
        /// Line or sheet row.
        line: usize,
        /// The request as registered.
        case: Box<Case>,
    },
    /// Already in the register (or earlier in this file): skipped.
    Duplicate {
        /// Line or sheet row.
        line: usize,
        /// The case number already registered.
        existing: String,
        /// Why they look alike (same tracking number; same applicant and description).
        reason: String,
        /// The line of this file that registered `existing`, if it was this import.
        same_file_line: Option<usize>,
    },
    /// Refused by the register at registration time (not caught by [`scan`]).
    Rejected(RejectedRow),
}

impl RowOutcome {
    /// The row's line or sheet row.
    pub fn line(&self) -> usize {
        match self {
            RowOutcome::Registered { line, .. } | RowOutcome::Duplicate { line, .. } => *line,
            RowOutcome::Rejected(r) => r.line,
        }
    }
}

/// The problems of a row as one cell of the reject file: `列名：说明；列名：说明`.
pub fn problems_text(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}：{}", p.column, p.message))
        .collect::<Vec<_>>()
        .join("；")
}

/// A good row as the first pass keeps it: what orders the registrations and where to read the
/// row again — a few bytes a row, whatever the file's length (issue 11, streaming import).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    /// 签收日期 (case numbers follow it).
    pub on: NaiveDate,
    /// Line or sheet row (then file order).
    pub line: usize,
    /// Where the row is ([`stream::Opened::row_at`]).
    pub at: u64,
}

/// A rejected row as kept: where it is, and its problems for the first [`PROBLEMS_KEPT`]
/// (the others are found again when the reject file is written).
#[derive(Debug, Clone)]
pub struct RejectSlot {
    /// Line or sheet row.
    pub line: usize,
    /// Where the row is.
    pub at: u64,
    /// The problems, when kept.
    pub problems: Option<Vec<Problem>>,
}

/// Rejected rows whose problems are kept in memory (listed in full in errors and summaries).
pub const PROBLEMS_KEPT: usize = 10_000;

/// The first pass over a file: every row checked, nothing written.
pub struct Scan {
    /// The header row understood.
    pub columns: Columns,
    /// The good rows, in the order they will be registered (receipt date, then file order).
    pub good: Vec<Slot>,
    /// The rows with problems, in file order.
    pub rejected: Vec<RejectSlot>,
}

/// Checks every row of `file` in one pass, keeping of each good row only its [`Slot`] and of
/// each bad one its place (and its problems, for the first [`PROBLEMS_KEPT`]). Dates after
/// `today` are problems.
///
/// # Errors
/// [`ImportError`] when the file cannot be read, its header row is wrong, or it has no rows.
pub fn scan(
    path: &Path,
    file: &mut stream::Opened,
    opts: &ReadOptions,
    today: NaiveDate,
) -> anyhow::Result<Scan> {
    let columns = columns::map_headers(&file.headers).map_err(|source| ImportError::Header {
        path: path.to_path_buf(),
        row: file.source.row_label(file.header_line),
        source,
        forced_encoding: opts.encoding.is_some(),
    })?;
    let mut good = Vec::new();
    let mut rejected = Vec::new();
    file.each_row(|raw, at| {
        match rows::parse_row(&columns, &raw, today) {
            Ok(p) => good.push(Slot {
                on: p.on,
                line: raw.line,
                at,
            }),
            Err(problems) => rejected.push(RejectSlot {
                line: raw.line,
                at,
                problems: (rejected.len() < PROBLEMS_KEPT).then_some(problems),
            }),
        }
        Ok(true)
    })?;
    if good.is_empty() && rejected.is_empty() {
        return Err(ImportError::NoRows(path.to_path_buf()).into());
    }
    good.sort_unstable();
    Ok(Scan {
        columns,
        good,
        rejected,
    })
}

/// The lines of the rows this import registered, by case number: the numbers one transaction
/// gives are consecutive within each prefix (year), so 4 bytes a row.
#[derive(Default)]
struct LinesOfCases {
    by_prefix: HashMap<String, (u64, Vec<u32>)>,
}

impl LinesOfCases {
    fn split(case_no: &str) -> Option<(&str, u64)> {
        let digits = case_no
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let (p, n) = case_no.split_at(case_no.len() - digits);
        Some((p, n.parse().ok()?))
    }

    fn insert(&mut self, case_no: &str, line: usize) {
        let Some((p, n)) = Self::split(case_no) else {
            return;
        };
        let e = self
            .by_prefix
            .entry(p.to_string())
            .or_insert_with(|| (n, Vec::new()));
        if n == e.0 + e.1.len() as u64 {
            e.1.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
    }

    fn get(&self, case_no: &str) -> Option<usize> {
        let (p, n) = Self::split(case_no)?;
        let (first, lines) = self.by_prefix.get(p)?;
        let i = usize::try_from(n.checked_sub(*first)?).ok()?;
        lines.get(i).map(|&l| l as usize)
    }
}

/// Registers the good rows of `scan` (in their order: receipt date, then file order, so that case
/// numbers follow the order the letters arrived) through `w`, the caller's one transaction,
/// reading each row again from `file`, never holding more than one. A row like a request
/// already registered — same tracking number, or same applicant and description within 20
/// working days (see [`crate::case::likely_duplicate`]), including a row earlier in the same
/// file — is skipped as a duplicate. An ordinary letter confirmed after the day it arrived gets
/// its confirm-receipt step (条例 Art 31) on that day. `outcome` gets each row's outcome (with
/// the row's address) as it is known; `progress` the number of rows done.
///
/// # Errors
/// Database errors (the caller's transaction must then be dropped, writing nothing), a file
/// that can no longer be read, or `outcome`'s error.
pub fn register_slots(
    w: &mut Writer<'_>,
    file: &mut stream::Opened,
    scan: &Scan,
    today: NaiveDate,
    by: &str,
    mut progress: impl FnMut(usize),
    mut outcome: impl FnMut(RowOutcome, u64) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut lines = LinesOfCases::default();
    for (done, s) in scan.good.iter().enumerate() {
        let raw = file.row_at(s.at, s.line)?;
        let p = match rows::parse_row(&scan.columns, &raw, today) {
            Ok(p) => p,
            Err(problems) => {
                outcome(
                    RowOutcome::Rejected(RejectedRow {
                        line: s.line,
                        problems,
                    }),
                    s.at,
                )?;
                progress(done + 1);
                continue;
            }
        };
        let o = register_one(w, p, by, &mut lines)?;
        outcome(o, s.at)?;
        progress(done + 1);
    }
    Ok(())
}

/// Registers one row ([`register_slots`]' rules), recording its case number's line in `lines`.
fn register_one(
    w: &mut Writer<'_>,
    p: ParsedRow,
    by: &str,
    lines: &mut LinesOfCases,
) -> Result<RowOutcome, StoreError> {
    Ok(match w.register(p.registration, p.on, by, false) {
        Ok(mut case) => {
            if let Some(c) = p.confirm_on {
                let event = Event {
                    on: c,
                    by: by.to_string(),
                    step: Step::ConfirmReceipt,
                };
                case = w.record(&case.case_no, event)?;
            }
            lines.insert(&case.case_no, p.line);
            RowOutcome::Registered {
                line: p.line,
                case: Box::new(case),
            }
        }
        Err(StoreError::Duplicate {
            existing,
            reason,
            same_applicant: false,
        }) => RowOutcome::Rejected(RejectedRow {
            line: p.line,
            problems: vec![Problem {
                column: "邮件号".to_string(),
                message: format!(
                    "与{}的{reason}；确属另一封来信的，改正邮件号（或留空）后再导入",
                    match lines.get(&existing) {
                        Some(l) => format!("导入文件第 {l} 行"),
                        None => format!("已登记的 {existing} "),
                    }
                ),
            }],
        }),
        Err(StoreError::Duplicate {
            existing, reason, ..
        }) => RowOutcome::Duplicate {
            line: p.line,
            same_file_line: lines.get(&existing),
            existing,
            reason,
        },
        Err(StoreError::Refused { refusal: r, .. }) => RowOutcome::Rejected(RejectedRow {
            line: p.line,
            problems: vec![Problem {
                column: "（整行）".to_string(),
                message: rows::mask_numbers(&r.message),
            }],
        }),
        Err(e) => return Err(e),
    })
}

/// Writes the reject file (拒收文件) of `rejected` (in file order) to `out`, reading each row
/// again from `file`, one row at a time: UTF-8 with BOM and CRLF (Excel and WPS open it
/// correctly), the file's own headers (without an old 错误 column) plus a 错误 column saying what
/// to fix. Once fixed, it can be imported as it is: the 错误 column is ignored.
///
/// # Errors
/// The file cannot be read again, or `out` cannot be written.
pub fn write_reject_file(
    file: &mut stream::Opened,
    columns: &Columns,
    rejected: &[RejectSlot],
    today: NaiveDate,
    out: impl std::io::Write,
) -> anyhow::Result<()> {
    let cols = columns;
    let keep: Vec<usize> = (0..cols.headers.len())
        .filter(|&i| cols.fields[i] != Some(Field::Error))
        .collect();
    let mut headers: Vec<&str> = keep.iter().map(|&i| cols.headers[i].as_str()).collect();
    headers.push(ERROR_COLUMN);
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    w.write_record(&headers)?;
    for rej in rejected {
        let raw = file.row_at(rej.at, rej.line)?;
        let problems = match &rej.problems {
            Some(p) => p.clone(),
            None => rows::parse_row(cols, &raw, today).err().unwrap_or_default(),
        };
        let text = |i: usize| raw.cells.get(i).map(|c| c.to_text()).unwrap_or_default();
        let mut row: Vec<String> = keep.iter().map(|&i| text(i)).collect();
        row.push(problems_text(&problems));
        row.extend((cols.headers.len()..raw.cells.len()).map(text));
        // Formulas made text, as in every CSV the tool writes (issue 16 #12).
        let row: Vec<String> = row
            .iter()
            .map(|c| crate::output::formula_safe(c).into_owned())
            .collect();
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}
