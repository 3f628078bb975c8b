//! `disclose import` (issue 4) under the faults of issue 6: killed, run beside clerks, odd text,
//! personal data in its messages, the daily backup.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Import (`disclose import`, issue 4) under the same faults: killed, run beside clerks, odd
// text, personal data in its messages, the daily backup

/// `n` mailed requests of batch `batch` as Excel saves a "CSV UTF-8" file (BOM, CRLF): row `i`
/// is applicant `批次{batch}申请人{i}`, received on one of 2026-11-02..06, with a phone number
/// and a tracking number of its own (no two rows of any batches look alike).
fn mailed(batch: u32, n: usize) -> String {
    let mut s = String::with_capacity(120 * n + 100);
    s += "\u{feff}申请人,申请人类型,签收日期,申请内容,联系电话,邮件号\r\n";
    for i in 0..n {
        s += &format!(
            "批次{batch}申请人{i:06},自然人,2026-11-0{},关于批次{batch}第{i}号来信所列文件的公开申请,139{:08},XA{batch:02}{i:07}31\r\n",
            2 + i % 5,
            i
        );
    }
    s
}

/// Waits until another connection holds `db`'s write lock (a `BEGIN IMMEDIATE` of ours is
/// refused as busy) while `child` runs: the import is then inside its one transaction.
/// Panics if `child` ends first or nothing happens within a minute.
fn wait_for_write_lock(db: &Path, child: &mut Child) {
    let probe = Connection::open(db).unwrap();
    probe.busy_timeout(Duration::ZERO).unwrap();
    let start = Instant::now();
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "ended before it took the write lock"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never took the lock"
        );
        match probe.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => probe.execute_batch("ROLLBACK").unwrap(),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => return,
            Err(e) => panic!("{e}"),
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The case numbers of batch `batch`'s requests, in number order.
fn batch_numbers(r: &Register, batch: u32) -> Vec<String> {
    r.sql()
        .prepare("SELECT case_no FROM requests WHERE applicant_name LIKE ?1 ORDER BY seq")
        .unwrap()
        .query_map([format!("批次{batch}申请人%")], |x| x.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn an_import_killed_at_random_points_leaves_the_register_before_or_after_it_never_between() {
    // 20,000 rows: in a debug build the import reads and checks them in about half a second,
    // then holds its one transaction for about two, so that a kill after the lock is taken
    // lands mid-transaction (or, near its end, in the commit).
    const ROWS: i64 = 20_000;
    const KILLS: u64 = 6;
    let r = Register::new();
    r.register("先前的申请人", "2026-11-02", "早已登记的申请");
    let spawn = |batch: u32| {
        let f = r.path(&format!("批次{batch}.csv"));
        std::fs::write(&f, mailed(batch, ROWS as usize)).unwrap();
        r.command(&["import", f.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // One import run to its end: when it takes the write lock, when it is done.
    let t0 = Instant::now();
    let mut child = spawn(0);
    wait_for_write_lock(&r.db, &mut child);
    let locked = t0.elapsed();
    assert!(child.wait().unwrap().success());
    let whole = t0.elapsed();
    assert_eq!(state(&r.db), (1 + ROWS, 1 + ROWS));
    assert_eq!(r.verify(&[]).0, 0);
    // Each kill: (ms after the start, ms after the write lock was seen, exit code, outcome).
    let mut kills = Vec::new();
    for k in 0..KILLS {
        let before = state(&r.db);
        let t0 = Instant::now();
        let mut child = spawn(1 + k as u32);
        let mut in_lock = None;
        if k == 0 {
            // While it reads and checks the file, before it writes.
            std::thread::sleep(Duration::from_micros(pick(k, locked.as_micros() as u64)));
        } else {
            // Inside the transaction, at a random point of it; a few land past its expected
            // end (in the commit, or after).
            wait_for_write_lock(&r.db, &mut child);
            in_lock = Some(Instant::now());
            let span = (whole - locked).as_micros() as u64 * 11 / 10;
            std::thread::sleep(Duration::from_micros(pick(k, span)));
        }
        let _ = child.kill();
        let at = (
            t0.elapsed().as_millis(),
            in_lock.map(|t| t.elapsed().as_millis()),
        );
        let code = child.wait().unwrap().code();
        let now = state(&r.db);
        let outcome = if now == before {
            "before"
        } else {
            assert_eq!(
                now,
                (before.0 + ROWS, before.1 + ROWS),
                "kill {k}: neither before nor after the import"
            );
            "after"
        };
        kills.push((at.0, at.1, code, outcome));
        let (code, v) = r.verify(&[]);
        assert_eq!(code, 0, "after kill {k}: {v}");
    }
    eprintln!(
        "import of {ROWS} rows: write lock after {locked:?}, done after {whole:?}; kills (ms after start, ms after the lock, exit code, register): {kills:?}"
    );
    assert!(
        kills[1..]
            .iter()
            .any(|&(_, _, code, outcome)| code.is_none() && outcome == "before"),
        "no kill landed inside the transaction"
    );
}

#[test]
fn an_import_and_clerks_writing_at_once_all_succeed_with_unique_numbers_and_no_lost_event() {
    // A large import holds the write lock for its one transaction (about two seconds here; a
    // release build takes far less per row, see README); meanwhile two clerks register and
    // record steps and a second, small import arrives. All wait for the lock (the busy timeout
    // is 30 s) and succeed.
    const BIG: usize = 20_000;
    const SMALL: usize = 300;
    const CASES_PER_CLERK: usize = 4;
    let r = Register::new();
    r.register("昨天的申请人", "2026-11-02", "昨天的申请");
    let file = |batch: u32, n: usize| {
        let f = r.path(&format!("批次{batch}.csv"));
        std::fs::write(&f, mailed(batch, n)).unwrap();
        f
    };
    let (big, small) = (file(1, BIG), file(2, SMALL));
    let import = |f: &Path| {
        r.command(&["import", f.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut big_import = import(&big);
    wait_for_write_lock(&r.db, &mut big_import);
    let small_import = import(&small);
    let clerks: Vec<_> = ["王芳", "李娜"]
        .into_iter()
        .map(|who| {
            let db = r.db.clone();
            std::thread::spawn(move || clerk(db, who, CASES_PER_CLERK))
        })
        .collect();
    let mut failures = Vec::new();
    for c in clerks {
        failures.extend(c.join().unwrap());
    }
    for child in [big_import, small_import] {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    }
    assert_eq!(failures, Vec::<String>::new());
    // The big import took the lock first: its rows are 2026-0002 onward, in one block.
    let expected: Vec<String> = (2..2 + BIG).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(batch_numbers(&r, 1), expected);
    // The small one is one block too, somewhere after it.
    let nums: Vec<usize> = batch_numbers(&r, 2)
        .iter()
        .map(|c| c[5..].parse().unwrap())
        .collect();
    assert_eq!(nums.len(), SMALL);
    assert!(nums.windows(2).all(|w| w[1] == w[0] + 1), "{nums:?}");
    assert!(nums[0] > 1 + BIG, "{}", nums[0]);
    let total = 1 + BIG + SMALL + 2 * CASES_PER_CLERK;
    let numbers: BTreeSet<String> = r
        .sql()
        .prepare("SELECT case_no FROM requests")
        .unwrap()
        .query_map([], |x| x.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let all: BTreeSet<String> = (1..=total).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(numbers, all, "case numbers unique and without a gap");
    assert_eq!(
        state(&r.db),
        (
            total as i64,
            (1 + BIG + SMALL + 2 * CASES_PER_CLERK * 5) as i64
        )
    );
    let replied: i64 = r
        .sql()
        .query_row(
            "SELECT count(*) FROM requests WHERE state = 'concluded' AND event_count = 5",
            [],
            |x| x.get(0),
        )
        .unwrap();
    assert_eq!(replied as usize, 2 * CASES_PER_CLERK);
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 0, "{v}");
}

/// Text no spreadsheet should hold and clerks' spreadsheets do: line breaks inside a cell
/// (quoted, CRLF and LF), tabs, C0 control characters (NUL, BEL, ESC sequences) and DEL, quotes,
/// separators, and 10,000 characters — all of it GBK can hold. `rare` is added where the
/// encoding holds it (UTF-8, GB18030): what GBK cannot hold.
fn odd_row(rare: &str) -> (String, String, String, String) {
    let long = "一二三四五六七八九十".repeat(400); // long, within the 5,000-character limit
    let content = format!(
        "开头“引号”\"英文引号\"\r\n第二行\n\t缩进\u{0}\u{1}\u{7}\u{1b}[31m红字\u{1b}[0m\u{7f},逗号;分号{rare}{long}结尾"
    );
    // The import makes each run of white space in a name one space (as typed into a cell), and
    // a name cannot hold control characters (refused as two cells pasted together) nor
    // invisible format characters (zero-width, direction marks: they defeat matching); a name
    // keeps everything else.
    let name_rare: String = rare
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        })
        .collect();
    let name = format!("欧阳{name_rare}明月");
    let note = format!("备注\n第二行\u{3}{rare}");
    let address = format!("北京市西城区\r\n金融大街甲9号{rare}");
    (name, content, note, address)
}

/// What GBK cannot hold: emoji (a ZWJ sequence too), 㐀 (CJK extension A), 𠀀 and 𪚥
/// (extension B), Latin letters outside pinyin, C1 control characters, zero-width and
/// bidirectional marks.
const NOT_GBK: &str = "😀👨‍👩‍👧‍👦㐀𠀀𪚥Zoë\u{85}\u{9b}零宽\u{200b}连接\u{200d}\u{202e}反向\u{202c}";

/// The import file holding [`odd_row`] (quoted as Excel quotes: every cell, inner quotes doubled).
fn odd_csv(row: &(String, String, String, String)) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    format!(
        "申请人,申请人类型,签收日期,申请内容,备注,通信地址\r\n{},自然人,2026-11-02,{},{},{}\r\n",
        q(&row.0),
        q(&row.1),
        q(&row.2),
        q(&row.3)
    )
}

/// Imports `bytes` into a fresh register, checks the encoding the import reported, and returns
/// `show --format json --reveal` of the one request and its registration's note (as recorded in
/// the event: `show` does not print it).
fn import_one(bytes: &[u8], extra: &[&str], source: &str) -> (Value, String) {
    let r = Register::new();
    let f = r.path("来信.csv");
    std::fs::write(&f, bytes).unwrap();
    let mut args = vec!["import", f.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = r.ok(&args);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["source"], source);
    assert_eq!(v["case_numbers"], serde_json::json!(["2026-0001"]));
    assert_eq!(r.verify(&[]).0, 0);
    let show = serde_json::from_str(
        &r.ok(&["show", "2026-0001", "--format", "json", "--reveal"])
            .stdout,
    )
    .unwrap();
    let payload: String = r
        .sql()
        .query_row("SELECT payload FROM events WHERE seq = 1", [], |x| x.get(0))
        .unwrap();
    let step: Value = serde_json::from_str(&payload).unwrap();
    (show, step["note"].as_str().unwrap().to_string())
}

fn assert_round_trip((show, note): &(Value, String), row: &(String, String, String, String)) {
    assert_eq!(show["applicant"]["name"].as_str().unwrap(), row.0);
    assert_eq!(show["content"].as_str().unwrap(), row.1);
    assert_eq!(
        show["content"].as_str().unwrap().chars().count(),
        row.1.chars().count()
    );
    assert_eq!(note, &row.2);
    assert_eq!(show["applicant"]["address"].as_str().unwrap(), row.3);
}

#[test]
fn odd_text_round_trips_exactly_through_import_in_utf8_gbk_and_gb18030() {
    let rare = NOT_GBK;
    // UTF-8 with BOM (Excel's "CSV UTF-8"): everything.
    let row = odd_row(rare);
    let bytes = format!("\u{feff}{}", odd_csv(&row));
    let show = import_one(bytes.as_bytes(), &[], "CSV，UTF-8 编码，逗号分隔");
    assert_round_trip(&show, &row);

    // GBK, as Excel and WPS save "CSV (逗号分隔)" on a Chinese Windows machine: it cannot hold
    // emoji nor 㐀 and 𠀀 (an encoder replaces them; Excel writes "?" — nothing left in the
    // file for the import to notice), so such a sheet must be saved as CSV UTF-8. Everything
    // else round-trips.
    for c in ["😀", "㐀", "𠀀", "ë", "\u{85}", "\u{200b}"] {
        let (_, _, unmappable) = encoding_rs::GBK.encode(c);
        assert!(unmappable, "GBK holds {c:?}");
    }
    let row = odd_row("");
    let text = odd_csv(&row);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let show = import_one(&gbk, &[], "CSV，GB18030 编码，逗号分隔");
    assert_round_trip(&show, &row);
    let show = import_one(&gbk, &["--encoding", "gbk"], "CSV，GBK 编码，逗号分隔");
    assert_round_trip(&show, &row);

    // GB18030 (GBK's superset, the national standard) holds every character, and is read the
    // same way detected or given as GBK or GB18030.
    let row = odd_row(rare);
    let text = odd_csv(&row);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err(), "not mistaken for UTF-8");
    for (extra, label) in [
        (&[][..], "GB18030"),
        (&["--encoding", "gbk"][..], "GBK"),
        (&["--encoding", "gb18030"][..], "GB18030"),
    ] {
        let show = import_one(&gb, extra, &format!("CSV，{label} 编码，逗号分隔"));
        assert_round_trip(&show, &row);
    }

    // The UTF-8 file forced to be read as GBK: refused at the first line that is not GBK,
    // with the way out; nothing written.
    let r = Register::new();
    let f = r.path("来信.csv");
    std::fs::write(&f, odd_csv(&odd_row(rare))).unwrap();
    let o = r.run(&["import", f.to_str().unwrap(), "--encoding", "gbk"]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "错误：{} 第 1 行有无法按 GBK 编码识别的字节\n\
             提示：在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入\n\
             提示：或去掉 --encoding，让程序自动识别编码\n",
            f.display()
        )
    );
    assert!(!r.db.exists());
}

#[test]
fn a_csv_with_mac_line_ends_gets_exact_lines_and_a_whole_reject_file() {
    // Excel for Mac's "CSV (Macintosh)" ends lines with CR alone. Every row used to be "line
    // 1": the summary kept one row of three, and the reject file held the last bad row twice
    // and lost the other — fixed and imported again, that request was gone.
    let r = Register::new();
    let f = r.path("mac.csv");
    std::fs::write(
        &f,
        "申请人,申请人类型,签收日期,申请内容\r张三,自然人,2026-11-02,\"文物\r名录\"\r李四,个体户,2026-11-02,名录\r王五,自然人,2026/11/31,规划\r",
    )
    .unwrap();
    let o = r.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 4);
    assert_eq!(
        o.stderr.lines().take(3).collect::<Vec<_>>(),
        [
            format!("错误：{} 有 2 行有误，未导入任何申请：", f.display()).as_str(),
            "  第 4 行，“申请人类型”：“个体户”不是申请人类型：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一（年度报告表三的分栏）",
            "  第 5 行，“签收日期”：日期“2026/11/31”不存在",
        ]
    );
    let o = r.ok(&[
        "import",
        f.to_str().unwrap(),
        "--skip-invalid",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let rows: Vec<(i64, &str)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["line"].as_i64().unwrap(), x["result"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [(2, "registered"), (4, "rejected"), (5, "rejected")]);
    let reject = std::fs::read_to_string(r.path("mac.csv.rejected.csv")).unwrap();
    let lines: Vec<&str> = reject.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{reject}");
    assert!(lines[1].starts_with("李四,个体户,"), "{reject}");
    assert!(lines[2].starts_with("王五,自然人,"), "{reject}");
}

#[test]
fn a_workbook_with_entries_in_far_corners_is_read_without_exhausting_memory() {
    use rust_xlsxwriter::Workbook;
    let r = Register::new();
    let book = |name: &str, far: &[(u32, u16)]| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["申请人", "申请人类型", "签收日期", "申请内容"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["张三", "自然人", "2026-11-02", "文物保护单位名录"]
            .iter()
            .enumerate()
        {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        for &(row, col) in far {
            ws.write_string(row, col, "x").unwrap();
        }
        let p = r.path(name);
        wb.save(&p).unwrap();
        p
    };
    // Something typed into XFD1048576, the last cell of a sheet: calamine's range of the sheet
    // would have 17 billion cells (the import aborted: "memory allocation of 549755813888 bytes
    // failed"). It is a cell without a header on the last row, named as such.
    let f = book("远处.xlsx", &[(1_048_575, 16_383)]);
    let o = r.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            format!("错误：{} 有 1 行有误，未导入任何申请：", f.display()).as_str(),
            "  工作表“Sheet1”第 1048576 行，“第16384列（无表头）”：本行比表头多出单元格（“x”）：内容中如有逗号，整格须用英文双引号括起来；或删去多余的单元格",
        ]
    );
    // A sheet of such rows is refused before it fills the memory, naming where: rows 1–2 span
    // 4 cells each, every further row 16,384 (A to XFD); the k-th of those that passes 10
    // million (k = 611, 8 + 611 × 16,384 = 10,010,632) is sheet row 2 + k.
    let k = (1u64..).find(|k| 8 + k * 16_384 > 10_000_000).unwrap();
    let row = 2 + k;
    let far: Vec<(u32, u16)> = (2..700).map(|r| (r, 16_383)).collect();
    let f = book("满是远处.xlsx", &far);
    let o = r.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "错误：{} 的工作表“Sheet1”太大：算上各行最后一个有内容的单元格左边的空单元格，到第 {row} 行（XFD{row} 单元格）已超过 1000 万个单元格；请删去表格右方和下方多余的内容（如 XFD{row}），或把申请分成几个文件导入\n",
            f.display()
        )
    );
    assert!(!r.db.exists());
}

/// A workbook (.xlsx) whose one worksheet, “Sheet1”, has `rows` (the XML inside `<sheetData>`),
/// written as a zip of stored entries: how a file made by some other program, or by hand, can
/// hold what Excel never writes.
fn hand_made_xlsx(rows: &str) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    const NS: &str = "http://schemas.openxmlformats.org";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/main" xmlns:r="{NS}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        z.start_file(name, stored).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Row 1 of [`hand_made_xlsx`]: the four required headers as inline strings.
fn header_row_xml() -> String {
    let cells: String = ["申请人", "申请人类型", "签收日期", "申请内容"]
        .iter()
        .zip('A'..)
        .map(|(h, c)| format!(r#"<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>"#))
        .collect();
    format!(r#"<row r="1">{cells}</row>"#)
}

#[test]
fn a_malformed_workbook_gets_a_clear_error_not_a_crash() {
    let r = Register::new();
    // A hand-made sheet read as Excel would: a good row gets registered.
    let good = r.path("手工.xlsx");
    let row = ["张三", "自然人", "2026-11-02", "文物保护单位名录"]
        .iter()
        .zip('A'..)
        .map(|(v, c)| format!(r#"<c r="{c}2" t="inlineStr"><is><t>{v}</t></is></c>"#))
        .collect::<String>();
    std::fs::write(
        &good,
        hand_made_xlsx(&format!(r#"{}<row r="2">{row}</row>"#, header_row_xml())),
    )
    .unwrap();
    let o = r.run(&[
        "import",
        good.to_str().unwrap(),
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["registered"], 1);
    // A cell reference of 20 digits, found by the import_xlsx fuzz target: calamine 0.38
    // overflows while reading it — a panic where overflow checks are on, as in this debug
    // build ("attempt to multiply with overflow", calamine issue 694). The import says the
    // file is malformed and what to do, and writes nothing.
    let bad = r.path("坏.xlsx");
    std::fs::write(
        &bad,
        hand_made_xlsx(&format!(
            r#"{}<row r="2"><c r="B33333333333333333332" t="inlineStr"><is><t>x</t></is></c></row>"#,
            header_row_xml()
        )),
    )
    .unwrap();
    let o = r.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr.lines().last().unwrap(),
        format!(
            "错误：无法读取 Excel 文件 {}：文件内容不合 Excel 的规范，读取时出错（attempt to multiply with overflow）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
            bad.display()
        )
    );
    // Cell references past Excel's grid (which calamine takes as they come, and which a
    // release build gets from the overflow above, wrapped): refused alike, naming the cell.
    for (cell, row, col) in [("A2000000", 2_000_000, 1), ("XFE2", 2, 16_385)] {
        std::fs::write(
            &bad,
            hand_made_xlsx(&format!(
                r#"{}<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>"#,
                header_row_xml()
            )),
        )
        .unwrap();
        let o = r.run(&["import", bad.to_str().unwrap()]);
        assert_eq!(o.code, 4, "{}", o.stderr);
        assert_eq!(
            o.stderr,
            format!(
                "错误：无法读取 Excel 文件 {}：文件内容不合 Excel 的规范：有单元格在第 {row} 行第 {col} 列，超出 Excel 表格的范围（1048576 行、16384 列）；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入\n",
                bad.display()
            )
        );
    }
    assert!(!r.db.exists());
}

#[test]
fn import_messages_and_summaries_mask_id_and_phone_numbers() {
    const ID2: &str = "330106198506123419";
    const WRONG_ID: &str = "110105194912310021";
    const SHORT_ID: &str = "1101051949123100";
    const PHONE2: &str = "13987654321";
    const AGENT_PHONE: &str = "13700001111";
    let r = Register::new();
    // Line 2 good (with an agent); 3 a wrong check character; 4 a 16-digit ID number, the phone
    // typed into the e-mail and postcode columns; 5 the ID number in the date column; 6 one
    // cell too many, holding a phone number; 7 a good row.
    let text = format!(
        "申请人,申请人类型,签收日期,申请内容,证件号码,联系电话,电子邮箱,邮政编码,代理人,代理人证件号码,代理人电话\r\n\
         张三,自然人,2026-11-02,文物保护单位名录,{ID},{PHONE},,,李律师,{ID2},{AGENT_PHONE}\r\n\
         李四,自然人,2026-11-03,景区门票价格听证材料,{WRONG_ID},{PHONE2},,,,,\r\n\
         王五,自然人,2026-11-03,非遗名录,{SHORT_ID},{PHONE2},{PHONE2},{PHONE2},,,\r\n\
         赵六,自然人,{ID},图书馆可研报告,,{PHONE2},,,,,\r\n\
         钱七,自然人,2026-11-04,博物馆补助,,{PHONE2},,,,,,{PHONE}\r\n\
         孙八,自然人,2026-11-04,导游考试规定,{ID2},{PHONE2},,,,,\r\n"
    );
    let f = r.path("来信.csv");
    std::fs::write(&f, &text).unwrap();
    let file = f.to_str().unwrap();
    let secrets = [ID, ID2, WRONG_ID, SHORT_ID, PHONE, PHONE2, AGENT_PHONE];
    let shown = |o: &Output, what: &str| {
        for s in secrets {
            assert!(
                !o.stdout.contains(s) && !o.stderr.contains(s),
                "{what} shows {s}:\n{}\n{}",
                o.stdout,
                o.stderr
            );
        }
    };
    // Refused (all the bad rows listed), in every format.
    for fmt in ["table", "json", "csv"] {
        let o = r.run(&["import", file, "--format", fmt]);
        assert_eq!(o.code, 4, "{}", o.stderr);
        shown(&o, fmt);
    }
    let o = r.run(&["import", file]);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines[1..8],
        [
            "  第 3 行，“证件号码”：身份证号码校验位不符：按前17位应为“X”，实为“1”，请核对是否抄错（按申请人类型“自然人”视为居民身份证；如果是其他证件，请在“证件类型”列注明，如 护照）",
            "  第 4 行，“电子邮箱”：“139****4321”不是电子邮箱地址（应形如 name@example.com）",
            "  第 4 行，“邮政编码”：邮政编码“139****4321”应为6位数字",
            "  第 4 行，“证件号码”：身份证号码应为18位，“110105******3100”是16位（按申请人类型“自然人”视为居民身份证；如果是其他证件，请在“证件类型”列注明，如 护照）",
            "  第 5 行，“签收日期”：日期“110105********002X”无法识别：可写作 2026-03-02、2026/3/2 或 2026年3月2日",
            "  第 6 行，“第12列（无表头）”：本行比表头多出单元格（“138****5678”）：内容中如有逗号，整格须用英文双引号括起来；或删去多余的单元格",
            "提示：改正这些行后重新导入同一个文件（以前已导入过的行会作为重复跳过）",
        ]
    );
    assert!(!r.db.exists());
    // Dry runs and the real import with --skip-invalid: summaries mask too.
    let dry_run = |fmt: &str| {
        r.run(&[
            "import",
            file,
            "--skip-invalid",
            "--dry-run",
            "--format",
            fmt,
        ])
    };
    for fmt in ["table", "json", "csv"] {
        let o = dry_run(fmt);
        assert_eq!(o.code, 0, "{}", o.stderr);
        shown(&o, fmt);
    }
    let o = r.ok(&["import", file, "--skip-invalid", "--format", "json"]);
    shown(&o, "the import");
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        (v["registered"].as_i64(), v["rejected"].as_i64()),
        (Some(2), Some(4))
    );
    assert_eq!(v["rows"][0]["applicant"], "张*");
    // The reject file is the clerk's own rows to correct: it keeps them whole.
    let reject = std::fs::read_to_string(r.path("来信.csv.rejected.csv")).unwrap();
    for s in [WRONG_ID, SHORT_ID, PHONE, PHONE2] {
        assert!(reject.contains(s), "the reject file lost {s}");
    }
    // Imported again: two duplicates, four still wrong — nothing would be imported, exit 4
    // (README's exit codes; it was 0, a tryout defect).
    for fmt in ["table", "json", "csv"] {
        let o = dry_run(fmt);
        assert_eq!(o.code, 4, "{}", o.stderr);
        shown(&o, fmt);
    }
    // A file without its header row: the first request is taken for the header; the message
    // names its cells, masked.
    let f = r.path("无表头.csv");
    std::fs::write(
        &f,
        format!("张三,自然人,2026-11-02,文物保护单位名录,{ID},{PHONE}\r\n"),
    )
    .unwrap();
    let o = r.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 4);
    shown(&o, "the header error");
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：{} 的表头（第 1 行）：表头有不认识的列：“张三”、“自然人”、“2026-11-02”、“文物保护单位名录”、“110105********002X”、“138****5678”",
            f.display()
        )
    );
}

#[test]
fn the_daily_backup_is_kept_before_an_imports_first_write_of_the_day() {
    let r = Register::new();
    let backups = r.path("backups");
    let config = r.path("config.toml");
    std::fs::write(&config, "backup_dir = \"backups\"\n").unwrap();
    let cfg = config.to_str().unwrap();
    let db = r.db.to_str().unwrap();
    let import = |day: &str, file: &Path, extra: &[&str]| {
        let mut args = vec!["--db", db, "--today", day, "import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        disclose_env(&args, &[("DISCLOSE_CONFIG", cfg)])
    };
    let requests_in = |f: &str| -> i64 {
        Connection::open(backups.join(f))
            .unwrap()
            .query_row("SELECT count(*) FROM requests", [], |x| x.get(0))
            .unwrap()
    };
    let backup_names = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let first = r.path("第一批.csv");
    std::fs::write(&first, mailed(1, 3)).unwrap();
    let second = r.path("第二批.csv");
    std::fs::write(&second, mailed(2, 5)).unwrap();
    // The register's first write is an import: the backup is of the register before it.
    let o = import("2026-11-27", &first, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(requests_in("登记簿 test-2026-11-27.db"), 0);
    assert_eq!(r.count("requests"), 3);
    // Next working day: the import's first write of the day keeps the register as it was.
    let o = import("2026-11-30", &second, &["--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        backup_names(),
        ["登记簿 test-2026-11-27.db"],
        "a dry run writes nothing, not even the backup"
    );
    let o = import("2026-11-30", &second, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(requests_in("登记簿 test-2026-11-30.db"), 3);
    assert_eq!(r.count("requests"), 8);
    let o = disclose_env(
        &[
            "--db",
            backups.join("登记簿 test-2026-11-30.db").to_str().unwrap(),
            "verify",
        ],
        &[],
    );
    assert_eq!(o.code, 0, "the backup verifies: {}", o.stdout);
    // A second import that day does not replace it.
    let third = r.path("第三批.csv");
    std::fs::write(&third, mailed(3, 2)).unwrap();
    assert_eq!(import("2026-11-30", &third, &[]).code, 0);
    assert_eq!(requests_in("登记簿 test-2026-11-30.db"), 3);
    assert_eq!(r.count("requests"), 10);
    // A refused file writes nothing, and takes no backup.
    let bad = r.path("有误.csv");
    std::fs::write(
        &bad,
        "申请人,申请人类型,签收日期,申请内容\r\n张三,个体户,2026-12-01,x\r\n",
    )
    .unwrap();
    assert_eq!(import("2026-12-01", &bad, &[]).code, 4);
    assert_eq!(
        backup_names(),
        ["登记簿 test-2026-11-27.db", "登记簿 test-2026-11-30.db"]
    );
    // A backup that cannot be made stops the import, which then writes nothing.
    std::fs::write(r.path("blocked"), "a file, not a folder").unwrap();
    std::fs::write(&config, "backup_dir = \"blocked/sub\"\n").unwrap();
    let fourth = r.path("第四批.csv");
    std::fs::write(&fourth, mailed(4, 2)).unwrap();
    let o = import("2026-12-01", &fourth, &[]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(o.stderr.contains("无法创建备份目录"), "{}", o.stderr);
    assert!(o.stderr.contains("本次未写入任何内容"), "{}", o.stderr);
    assert_eq!(r.count("requests"), 10);
}

/// Issue 16 #2: a zip bomb named .xlsx — its central directory declaring gigabytes once
/// unpacked, or tens of thousands of parts — is refused with exit 4 before anything is
/// unpacked, in bounded memory, and nothing is written.
#[test]
fn a_workbook_that_would_unpack_beyond_reason_is_refused_unopened() {
    use zip::write::SimpleFileOptions;
    let r = Register::new();
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    // Many parts.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..10_001 {
        z.start_file(format!("xl/media/p{i}.bin"), stored).unwrap();
        z.write_all(b"x").unwrap();
    }
    let many = r.path("很多部件.xlsx");
    std::fs::write(&many, z.finish().unwrap().into_inner()).unwrap();
    let o = r.run(&["import", many.to_str().unwrap()]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：工作簿 {} 含有 10001 个部件，不像是申请登记表（可能是恶意构造的压缩文件），未导入任何内容：请在 Excel 或 WPS 中打开核对，另存为 CSV 后再导入",
            many.display()
        )
    );
    // One part whose directory entry says it unpacks to 4 GB (the bytes of a bomb's header).
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("xl/sharedStrings.xml", stored).unwrap();
    z.write_all(b"x").unwrap();
    let mut bytes = z.finish().unwrap().into_inner();
    let cd = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    bytes[cd + 24..cd + 28].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    let big = r.path("炸弹.xlsx");
    std::fs::write(&big, bytes).unwrap();
    let o = r.run(&["import", big.to_str().unwrap()]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：工作簿 {} 解压后超过 1024 MB，不像是申请登记表（可能是恶意构造的压缩文件），未导入任何内容：请在 Excel 或 WPS 中打开核对，另存为 CSV 后再导入",
            big.display()
        )
    );
    assert!(!r.db.exists());
}
