//! Fuzzes `disclose import` on an Excel workbook (.xlsx): any bytes, made into a workbook file
//! and given to `import::prepare` (calamine's reading, the cells turned into text, numbers and
//! dates, then the header row and every row's checks), give rows ready or rejected with named
//! problems, or one error naming the file; never a panic, nor a memory blow-up.
//!
//! Random bytes are almost never a zip archive, so most inputs are placed inside a well-formed
//! workbook (a zip with stored entries, built here) — the first byte picks where:
//!
//! | first byte % 6 | the rest of the input is |
//! |---|---|
//! | 0 | the whole file (after a zip signature) |
//! | 1 | `xl/worksheets/sheet1.xml` |
//! | 2 | `xl/sharedStrings.xml` (a fixed sheet refers to strings 0–15) |
//! | 3 | `xl/styles.xml` (a fixed sheet has number cells in styles 0–5) |
//! | 4 | the rows inside `<sheetData>` of a worksheet |
//! | 5 | cells described structurally (position, type, value, style), written as valid XML |
#![no_main]

use std::io::Write;

use disclose::import::read::ReadOptions;
use disclose::import::{self};
use libfuzzer_sys::arbitrary::{self, Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="9月来信" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Styles 0 general, 1 a built-in date (14), 2 a custom Chinese date, 3 text (@), 4 a time,
/// 5 a duration.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="h:mm:ss"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// The header row and some ordinary values, as shared strings 0–15.
const STRINGS: [&str; 16] = [
    "申请人",
    "申请人类型",
    "签收日期",
    "申请内容",
    "证件号码",
    "联系电话",
    "申请方式",
    "确认日期",
    "张三",
    "自然人",
    "2026年9月3日",
    "青龙寺遗址保护规划的批复文件",
    "11010519491231002X",
    "13812345678",
    "平常信函",
    "2026-09-07",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn shared_strings() -> String {
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">"#,
        STRINGS.len()
    );
    for s in STRINGS {
        x += &format!("<si><t>{}</t></si>", esc(s));
    }
    x + "</sst>"
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// The header row (shared strings 0–7) as row 1.
fn header_row() -> String {
    let cells: String = (0..8)
        .map(|i| format!(r#"<c r="{}1" t="s"><v>{i}</v></c>"#, column(i)))
        .collect();
    format!(r#"<row r="1">{cells}</row>"#)
}

/// A fixed sheet: the header row, then rows of shared strings and numbers in every style.
fn fixed_sheet() -> String {
    let mut rows = header_row();
    rows += r#"<row r="2"><c r="A2" t="s"><v>8</v></c><c r="B2" t="s"><v>9</v></c><c r="C2" t="s"><v>10</v></c><c r="D2" t="s"><v>11</v></c><c r="E2" t="s"><v>12</v></c><c r="F2" t="s"><v>13</v></c></row>"#;
    rows += r#"<row r="3"><c r="A3" t="s"><v>8</v></c><c r="B3" t="s"><v>9</v></c><c r="C3" s="1"><v>46268</v></c><c r="D3" t="s"><v>11</v></c><c r="G3" t="s"><v>14</v></c><c r="H3" s="2"><v>46272</v></c></row>"#;
    for s in 0..6 {
        let r = 4 + s;
        rows += &format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>8</v></c><c r="B{r}" t="s"><v>9</v></c><c r="C{r}" s="{s}"><v>46268.5</v></c><c r="D{r}" t="s"><v>11</v></c><c r="E{r}" s="{s}"><v>110105194912310021</v></c><c r="F{r}" s="{s}"><v>13812345678</v></c></row>"#
        );
    }
    sheet(&rows)
}

fn column(mut c: u32) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// A cell described structurally.
#[derive(Arbitrary, Debug)]
struct FuzzCell {
    row: u32,
    col: u16,
    kind: Kind,
    style: u8,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Shared(u8),
    Inline(String),
    Str(String),
    Number(f64),
    Bool(bool),
    Error(String),
    NoValue,
}

fn structured(u: &mut Unstructured<'_>) -> Option<String> {
    let cells: Vec<FuzzCell> = Vec::arbitrary(u).ok()?;
    let mut rows = header_row();
    for c in cells {
        // Rows as Excel numbers them (1..=1,048,576), columns A..XFD; rows out of order are
        // allowed (calamine sorts them).
        let row = 2 + c.row % 1_048_575;
        let col = u32::from(c.col) % 16_384;
        let r = format!("{}{row}", column(col));
        let s = c.style % 7;
        let cell = match c.kind {
            Kind::Shared(i) => format!(r#"<c r="{r}" t="s" s="{s}"><v>{}</v></c>"#, i % 20),
            Kind::Inline(t) => {
                format!(
                    r#"<c r="{r}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(&t)
                )
            }
            Kind::Str(t) => format!(r#"<c r="{r}" t="str"><v>{}</v></c>"#, esc(&t)),
            Kind::Number(n) => format!(r#"<c r="{r}" s="{s}"><v>{n}</v></c>"#),
            Kind::Bool(b) => format!(r#"<c r="{r}" t="b"><v>{}</v></c>"#, u8::from(b)),
            Kind::Error(e) => format!(r#"<c r="{r}" t="e"><v>{}</v></c>"#, esc(&e)),
            Kind::NoValue => format!(r#"<c r="{r}" s="{s}"/>"#),
        };
        rows += &format!(r#"<row r="{row}">{cell}</row>"#);
    }
    Some(sheet(&rows))
}

fn workbook(sheet1: &[u8], strings: &[u8], styles: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(body).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// One file per fuzzing process, in memory when `/dev/shm` exists.
fn scratch_file() -> std::path::PathBuf {
    let dir = std::path::Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("disclose-fuzz-import-{}.xlsx", std::process::id()))
}

/// The import turns a panic inside calamine into an error naming the file (`calamine_call` in
/// src/import/read.rs); libfuzzer-sys's panic hook would abort on it all the same. This hook
/// stays quiet for those and prints the others; a panic that escapes the import still ends
/// the run (libfuzzer-sys aborts on it), so it is reported as a crash.
fn quiet_calamine_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info
                .location()
                .is_some_and(|l| l.file().contains("calamine"))
            {
                default(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    quiet_calamine_panics();
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let strings = shared_strings();
    let bytes = match pick % 6 {
        0 => [b"PK\x03\x04".as_slice(), body].concat(),
        1 => workbook(body, strings.as_bytes(), STYLES.as_bytes()),
        2 => workbook(fixed_sheet().as_bytes(), body, STYLES.as_bytes()),
        3 => workbook(fixed_sheet().as_bytes(), strings.as_bytes(), body),
        4 => {
            let rows = String::from_utf8_lossy(body);
            workbook(
                sheet(&format!("{}{rows}", header_row())).as_bytes(),
                strings.as_bytes(),
                STYLES.as_bytes(),
            )
        }
        _ => {
            let mut u = Unstructured::new(body);
            let Some(s) = structured(&mut u) else {
                return;
            };
            workbook(s.as_bytes(), strings.as_bytes(), STYLES.as_bytes())
        }
    };
    let path = scratch_file();
    std::fs::write(&path, &bytes).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let sheet = if pick & 0x80 != 0 {
        Some("9月来信".to_string())
    } else {
        None
    };
    let opts = ReadOptions {
        sheet,
        ..ReadOptions::default()
    };
    match import::prepare(&path, &opts, today) {
        Ok(p) => {
            assert_eq!(p.good.len() + p.rejected.len(), p.raw.len());
            assert!(
                p.raw.windows(2).all(|w| w[0].line < w[1].line),
                "rows in order"
            );
            for r in &p.rejected {
                assert!(!r.problems.is_empty());
                for pr in &r.problems {
                    assert!(!pr.column.is_empty() && !pr.message.is_empty());
                }
            }
            for g in &p.good {
                assert!(g.on <= today);
            }
            import::reject_file(&p, &p.rejected).unwrap();
        }
        Err(e) => {
            let m = e.to_string();
            assert!(m.contains(&path.display().to_string()), "{m}");
        }
    }
});
