//! Property tests of the import reader and row checks ([`super::scan`],
//! [`super::write_reject_file`]) under random CSV files and workbooks: every row is ready or rejected
//! with named problems, every error names the file, and no message shows an ID or phone number
//! whole (SPEC.md on personal data). A bounded run; `cargo fuzz` runs them longer, see fuzz/.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::read::{Delimiter, Encoding, ReadOptions};

/// A bounded run: the same number of cases on every run, no persisted failures.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A temporary folder, in memory where the machine has one.
fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

/// Headers, right and wrong, for random import files.
const HEADERS: [&str; 14] = [
    "申请人",
    "申请人类型",
    "签收日期",
    "申请内容",
    "申请方式",
    "证件号码",
    "联系电话",
    "电子邮箱",
    "确认日期",
    "错误",
    "序号",
    "",
    "签收日起",
    "applicant_type",
];

/// Cells, right and wrong, for random import files (as CSV text).
fn import_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "张三",
            "某市山水旅行社有限公司",
            "自然人",
            "商业企业",
            "个体户",
            "2026-11-02",
            "2026/11/31",
            "2026年9月3日",
            "2027-01-01",
            "46266",
            "11010519491231002X",
            "110105194912310021",
            "1.10105E+17",
            "91350100M000100Y43",
            "13812345678",
            "平常信函",
            "EMS",
            "无",
            "a@b",
            "\"带,逗号\"",
            "\"跨\r\n行\"",
            "\"\"\"\"",
            "\"未闭合",
            "尾\"",
            "\u{feff}",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}",
        "[\\x00-\\x7f]{0,8}",
    ]
}

/// A CSV-like file: a header row and rows of random cells, with a separator and line ends.
fn import_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(HEADERS.to_vec()), 0..12),
        prop::collection::vec(prop::collection::vec(import_cell(), 0..13), 0..8),
        prop::sample::select(vec![",", "\t", ";"]),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(header, rows, sep, nl)| {
            let mut s = header.join(sep);
            for r in rows {
                s += nl;
                s += &r.join(sep);
            }
            s
        })
}

/// Bytes for a CSV file: anything, or import-like text in the encodings clerks' files come
/// in (UTF-8 with and without BOM, GB18030, UTF-16 with BOM).
fn import_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        import_text().prop_map(String::into_bytes),
        import_text().prop_map(|t| format!("\u{feff}{t}").into_bytes()),
        import_text().prop_map(|t| encoding_rs::GB18030.encode(&t).0.into_owned()),
        import_text().prop_map(|t| {
            let mut b = vec![0xFF, 0xFE];
            b.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        (
            import_text(),
            prop::collection::vec(any::<u8>(), 1..8),
            any::<prop::sample::Index>()
        )
            .prop_map(|(t, junk, at)| {
                let mut b = t.into_bytes();
                let at = at.index(b.len() + 1);
                b.splice(at..at, junk);
                b
            }),
    ]
}

/// Whether `s` shows 11 or more digits in a row (an ID or phone number unmasked).
fn long_number(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        run = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            run + 1
        } else {
            0
        };
        if run >= 11 {
            return true;
        }
    }
    false
}

/// What the import's check pass ([`super::scan`]) must give for any file: each row once, good
/// or rejected with named problems, and a reject file with its BOM; or one error naming the
/// file; no message showing an ID or phone number whole.
fn check_scan(path: &std::path::Path, opts: &ReadOptions) -> Result<(), TestCaseError> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let scanned = super::stream::Opened::open(path, opts)
        .map_err(|e| anyhow::Error::from(super::ImportError::from(e)))
        .and_then(|mut f| super::scan(path, &mut f, opts, today).map(|s| (f, s)));
    match scanned {
        Ok((mut file, s)) => {
            let mut lines: Vec<usize> = s.good.iter().map(|g| g.line).collect();
            lines.extend(s.rejected.iter().map(|r| r.line));
            let n = lines.len();
            lines.sort_unstable();
            lines.dedup();
            prop_assert_eq!(lines.len(), n, "a row counted twice");
            prop_assert!(s.rejected.windows(2).all(|w| w[0].line < w[1].line));
            for r in &s.rejected {
                let problems = r
                    .problems
                    .as_ref()
                    .expect("the first rows keep their problems");
                prop_assert!(!problems.is_empty());
                for pr in problems {
                    prop_assert!(!pr.column.is_empty() && !pr.message.is_empty());
                    prop_assert!(!long_number(&pr.message), "{}", pr.message);
                }
            }
            for g in &s.good {
                prop_assert!(g.on <= today);
            }
            let mut reject = Vec::new();
            super::write_reject_file(&mut file, &s.columns, &s.rejected, today, &mut reject)
                .unwrap();
            prop_assert!(reject.starts_with("\u{feff}".as_bytes()), "no BOM");
        }
        Err(e) => {
            let m = format!("{e:#}");
            prop_assert!(m.contains(&path.display().to_string()), "{}", m);
            prop_assert!(!long_number(&m), "{}", m);
        }
    }
    Ok(())
}

/// A cell of a random workbook.
#[derive(Debug, Clone)]
enum XCell {
    Text(String),
    Number(f64),
    Date(u16, u8, u8, bool),
    Bool(bool),
    Blank,
}

fn xcell() -> impl Strategy<Value = XCell> {
    prop_oneof![
        import_cell().prop_map(XCell::Text),
        any::<f64>().prop_map(XCell::Number),
        prop::sample::select(vec![
            46266.0,
            0.5,
            -1.0,
            110105194912310021.0,
            13812345678.0,
            20261102.0,
            2_958_466.0
        ])
        .prop_map(XCell::Number),
        (1900u16..2300, 1u8..13, 1u8..29, any::<bool>())
            .prop_map(|(y, m, d, t)| XCell::Date(y, m, d, t)),
        any::<bool>().prop_map(XCell::Bool),
        Just(XCell::Blank),
    ]
}

/// A workbook (first sheet): a header row, rows of random cells, and a few cells at random
/// places as far as XFD1048576.
fn workbook() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(prop::sample::select(HEADERS.to_vec()), 0..12),
        prop::collection::vec(prop::collection::vec(xcell(), 0..12), 0..6),
        prop::collection::vec((0u32..1_048_576, 0u16..16_384, xcell()), 0..3),
        0u32..3,
    )
        .prop_map(|(header, rows, far, title)| {
            use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
            let mut wb = Workbook::new();
            let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
            let time = Format::new().set_num_format("h:mm");
            let ws = wb.add_worksheet();
            let mut put = |r: u32, c: u16, x: &XCell| {
                let _ = match x {
                    XCell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    XCell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                    XCell::Date(y, m, d, as_time) => match ExcelDateTime::from_ymd(*y, *m, *d) {
                        Ok(dt) => ws
                            .write_datetime_with_format(
                                r,
                                c,
                                dt,
                                if *as_time { &time } else { &date },
                            )
                            .map(|_| ()),
                        Err(e) => Err(e),
                    },
                    XCell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    XCell::Blank => Ok(()),
                };
            };
            for (c, h) in header.iter().enumerate() {
                put(title, c as u16, &XCell::Text(h.to_string()));
            }
            for (i, row) in rows.iter().enumerate() {
                for (c, x) in row.iter().enumerate() {
                    put(title + 1 + i as u32, c as u16, x);
                }
            }
            for (r, c, x) in &far {
                put(*r, *c, x);
            }
            wb.save_to_buffer().unwrap()
        })
}

/// Bytes for a workbook file: a random workbook, random bytes after a zip signature, or the
/// example workbook with a few bytes changed.
fn workbook_bytes() -> impl Strategy<Value = Vec<u8>> {
    let example = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/mailed-requests.xlsx"
    ))
    .unwrap();
    prop_oneof![
        3 => workbook(),
        1 => prop::collection::vec(any::<u8>(), 0..400).prop_map(|b| [b"PK\x03\x04".as_slice(), &b].concat()),
        1 => prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6).prop_map(move |edits| {
            let mut b = example.clone();
            for (at, v) in edits {
                let i = at.index(b.len());
                b[i] = v;
            }
            b
        }),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn import_reading_and_checking_never_panics_on_any_csv(
        bytes in import_bytes(),
        encoding in prop::sample::select(vec![None, Some(Encoding::Utf8), Some(Encoding::Gbk), Some(Encoding::Gb18030)]),
        delimiter in prop::sample::select(vec![None, Some(Delimiter::Comma), Some(Delimiter::Tab), Some(Delimiter::Semicolon)]),
    ) {
        let dir = scratch();
        let path = dir.path().join("随机.csv");
        std::fs::write(&path, &bytes).unwrap();
        check_scan(&path, &ReadOptions { encoding, delimiter, sheet: None })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..config() })]

    #[test]
    fn import_reading_and_checking_never_panics_on_any_workbook(
        bytes in workbook_bytes(),
        sheet in prop::sample::select(vec![None, Some("Sheet1".to_string()), Some("9月来信".to_string())]),
    ) {
        let dir = scratch();
        let path = dir.path().join("随机.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        check_scan(&path, &ReadOptions { sheet, ..ReadOptions::default() })?;
    }
}
