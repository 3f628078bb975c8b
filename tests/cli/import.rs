//! `disclose import`: spreadsheets as clerks save them (GBK, UTF-8 with BOM, tab-separated with
//! CRLF, .xlsx with date cells), rows with mistakes (all listed, with exact lines), importing
//! twice, dry runs, the reject file round trip, and a kill in the middle of the transaction.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{Output, disclose, repo};

const TODAY: &str = "2026-11-30";

fn db_of(dir: &Path) -> String {
    dir.join("register.db").display().to_string()
}

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Output {
    let db = db_of(dir);
    let f = file.display().to_string();
    let mut args = vec!["import", f.as_str(), "--db", &db, "--today", TODAY];
    args.extend_from_slice(extra);
    disclose(&args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", o.stdout, o.stderr))
}

/// (case_no, applicant_name, received_on, tracking_no) of every request, in case-number order.
fn requests(dir: &Path) -> Vec<(String, String, Option<String>, Option<String>)> {
    let conn = rusqlite::Connection::open(db_of(dir)).unwrap();
    let mut stmt = conn
        .prepare("SELECT case_no, applicant_name, received_on, tracking_no FROM requests ORDER BY year, seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Three requests; the second is received Wed 2026-09-30, whose reply is due 2026-11-03
/// (SPEC.md §1 worked example: 10-01..10-07 off, Sat 10-10 worked).
const THREE: &str = "申请人,申请人类型,签收日期,申请内容,证件号码,邮件号\n\
张三,自然人,2026年9月3日,青龙寺遗址保护规划的批复文件,11010519491231002X,XA12345678931\n\
某市山水旅行社有限公司,商业企业,2026/9/30,旅行社质量保证金暂退名单,91350100M000100Y43,1100123456789\n\
李四,自然人,2026-11-02,市图书馆新馆可行性研究报告,,\n";

fn assert_three_imported(dir: &Path, o: &Output) {
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let v = json(o);
    assert_eq!(v["registered"], 3);
    assert_eq!(v["duplicates"], 0);
    assert_eq!(v["rejected"], 0);
    assert_eq!(
        v["case_numbers"],
        serde_json::json!(["2026-0001", "2026-0002", "2026-0003"])
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[1]["line"], 3);
    assert_eq!(rows[1]["case_no"], "2026-0002");
    assert_eq!(rows[1]["reply_due"], "2026-11-03");
    assert_eq!(
        rows[2]["needs_correction"],
        serde_json::json!(["身份证明", "联系方式"])
    );
    assert_eq!(
        requests(dir),
        [
            (
                "2026-0001".into(),
                "张三".into(),
                Some("2026-09-03".into()),
                Some("XA12345678931".into())
            ),
            (
                "2026-0002".into(),
                "某市山水旅行社有限公司".into(),
                Some("2026-09-30".into()),
                Some("1100123456789".into())
            ),
            (
                "2026-0003".into(),
                "李四".into(),
                Some("2026-11-02".into()),
                None
            ),
        ]
    );
}

#[test]
fn gbk_csv_as_excel_saves_it_on_chinese_windows() {
    let dir = tempfile::tempdir().unwrap();
    let text = THREE.replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let f = write(dir.path(), "来信登记.csv", &bytes);
    let o = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(json(&o)["source"], "CSV，GB18030 编码，逗号分隔");
    assert_three_imported(dir.path(), &o);
}

#[test]
fn utf8_csv_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        format!("\u{feff}{THREE}").as_bytes(),
    );
    let o = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(json(&o)["source"], "CSV，UTF-8 编码，逗号分隔");
    assert_three_imported(dir.path(), &o);
}

#[test]
fn tab_separated_with_crlf_and_english_headers_in_another_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = "content\tapplicant\treceived_on\tapplicant_type\tid_number\ttracking_no\r\n\
青龙寺遗址保护规划的批复文件\t张三\t2026年9月3日\tnatural\t11010519491231002X\tXA12345678931\r\n\
旅行社质量保证金暂退名单\t某市山水旅行社有限公司\t2026/9/30\tenterprise\t91350100M000100Y43\t1100123456789\r\n\
市图书馆新馆可行性研究报告\t李四\t2026-11-02\t自然人\t\t\r\n";
    let f = write(dir.path(), "mail.txt", text.as_bytes());
    let o = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(json(&o)["source"], "CSV，UTF-8 编码，制表符分隔");
    assert_three_imported(dir.path(), &o);
}

#[test]
fn xlsx_with_date_cells_and_text_id_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail.xlsx");
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let ws = wb.add_worksheet();
    ws.set_name("9月来信").unwrap();
    ws.write_string(0, 0, "2026年邮寄申请登记表").unwrap();
    for (c, h) in [
        "申请人",
        "申请人类型",
        "签收日期",
        "申请内容",
        "证件号码",
        "邮件号",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        (
            "张三",
            "自然人",
            (2026, 9, 3),
            "青龙寺遗址保护规划的批复文件",
            "11010519491231002X",
            "XA12345678931",
        ),
        (
            "某市山水旅行社有限公司",
            "商业企业",
            (2026, 9, 30),
            "旅行社质量保证金暂退名单",
            "91350100M000100Y43",
            "1100123456789",
        ),
        (
            "李四",
            "自然人",
            (2026, 11, 2),
            "市图书馆新馆可行性研究报告",
            "",
            "",
        ),
    ];
    for (i, (name, t, (y, m, d), content, id, trk)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *t).unwrap();
        ws.write_datetime_with_format(r, 2, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
            .unwrap();
        ws.write_string(r, 3, *content).unwrap();
        if !id.is_empty() {
            ws.write_string(r, 4, *id).unwrap();
            ws.write_string(r, 5, *trk).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let o = import(dir.path(), &path, &["--format", "json"]);
    let v = json(&o);
    assert_eq!(v["source"], "Excel 工作表“9月来信”");
    // Sheet rows as Excel numbers them: the title is row 1, the header row 2.
    assert_eq!(v["rows"][0]["line"], 3);
    let mut v2 = v.clone();
    // Same registrations as the CSV files, with sheet rows one further down.
    for r in v2["rows"].as_array_mut().unwrap() {
        r["line"] = serde_json::json!(r["line"].as_i64().unwrap() - 1);
    }
    let shifted = Output {
        code: o.code,
        stdout: v2.to_string(),
        stderr: o.stderr.clone(),
    };
    assert_three_imported(dir.path(), &shifted);
}

#[test]
fn xlsx_id_number_stored_as_a_number_is_refused_with_the_fix() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["申请人", "申请人类型", "签收日期", "申请内容", "证件号码"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(1, 1, "自然人").unwrap();
    ws.write_string(1, 2, "2026-11-02").unwrap();
    ws.write_string(1, 3, "文物保护单位名录").unwrap();
    ws.write_number(1, 4, 110105194912310021.0).unwrap();
    wb.save(&path).unwrap();
    let o = import(dir.path(), &path, &[]);
    assert_eq!(o.code, 4);
    assert_eq!(
        o.stderr.lines().nth(1).unwrap(),
        "  工作表“Sheet1”第 2 行，“证件号码”：单元格是数字格式，Excel 只保留 15 位有效数字，号码已变成 110105********0000，末几位已经丢失：请把“证件号码”列设置为“文本”格式，照原件重新录入后再导入"
    );
    assert!(!Path::new(&db_of(dir.path())).exists() || requests(dir.path()).is_empty());
}

/// Line 2–3: a good row with a two-line content; 4: wrong check character; 5: unknown
/// applicant type; 6–8: good, three lines; 9: a day that does not exist.
const THREE_BAD: &str = "申请人,申请人类型,签收日期,申请内容,证件号码\r\n\
张三,自然人,2026-11-02,\"青龙寺遗址保护规划\r\n及其批复文件\",11010519491231002X\r\n\
李四,自然人,2026-11-03,市图书馆新馆可行性研究报告,110105194912310021\r\n\
王五,个体户,2026-11-03,景区门票价格听证材料,\r\n\
赵六,自然人,2026-11-04,\"第一项\r\n第二项\r\n第三项\",\r\n\
钱七,自然人,2026/11/31,非遗传承人补助名单,\r\n";

#[test]
fn three_bad_rows_are_all_listed_with_exact_lines_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "mail.csv", THREE_BAD.as_bytes());
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(o.stdout, "");
    let expected = [
        format!("错误：{} 有 3 行有误，未导入任何申请：", f.display()),
        "  第 4 行，“证件号码”：身份证号码校验位不符：按前17位应为“X”，实为“1”，请核对是否抄错（按申请人类型“自然人”视为居民身份证；如果是其他证件，请在“证件类型”列注明，如 护照）".to_string(),
        "  第 5 行，“申请人类型”：“个体户”不是申请人类型：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一（年度报告表三的分栏）".to_string(),
        "  第 9 行，“签收日期”：日期“2026/11/31”不存在".to_string(),
        "提示：改正这些行后重新导入同一个文件（以前已导入过的行会作为重复跳过）".to_string(),
        format!("提示：或加 --skip-invalid：先导入无误的 2 行，有误的行连同“错误”列写入 {}.rejected.csv，改正后导入该文件", f.display()),
    ];
    assert_eq!(o.stderr.lines().collect::<Vec<_>>(), expected);
    assert!(
        !Path::new(&db_of(dir.path())).exists(),
        "nothing written, not even a database"
    );
}

#[test]
fn importing_the_same_file_twice_registers_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    // The last row repeats the first one's letter (same applicant and tracking number, the
    // description typed differently): a duplicate within the file.
    let text = format!("{THREE}张三,自然人,2026-09-03,青龙寺遗址保护规划批复,,XA12345678931\n");
    let f = write(dir.path(), "mail.csv", text.as_bytes());
    let first = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let v = json(&first);
    assert_eq!(
        (v["registered"].as_i64(), v["duplicates"].as_i64()),
        (Some(3), Some(1))
    );
    assert_eq!(v["rows"][3]["existing"], "2026-0001");
    let second = import(dir.path(), &f, &[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let out = second.stdout;
    assert!(
        out.starts_with(&format!(
            "已导入 {}（CSV，UTF-8 编码，逗号分隔）：登记 0 件，重复跳过 4 件，有误 0 件\n",
            f.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("已登记为 2026-0002：邮件号 1100123456789 相同"),
        "{out}"
    );
    // The 说明 column wraps at 60 columns (issue 13: tables fit).
    assert!(
        out.contains("已登记为 2026-0003：同一申请人、相同申请内容，收到日期相隔 │\n")
            && out.contains("┆ 0 个工作日（2026-11-02 与 2026-11-02）"),
        "{out}"
    );
    assert_eq!(requests(dir.path()).len(), 3);
}

#[test]
fn dry_run_reports_the_case_numbers_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        dir.path(),
        "first.csv",
        "申请人,申请人类型,签收日期,申请内容\n周建国,自然人,2026-09-03,文物保护规划\n".as_bytes(),
    );
    assert_eq!(import(dir.path(), &first, &[]).code, 0);
    let db = PathBuf::from(db_of(dir.path()));
    let before = std::fs::read(&db).unwrap();
    let f = write(dir.path(), "mail.csv", THREE.as_bytes());
    let dry = import(dir.path(), &f, &["--dry-run", "--format", "json"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let v = json(&dry);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["committed"], false);
    assert_eq!(v["rows"][0]["result"], "would-register");
    assert_eq!(
        v["case_numbers"],
        serde_json::json!(["2026-0002", "2026-0003", "2026-0004"])
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database file changed"
    );
    assert_eq!(requests(dir.path()).len(), 1);
    // The real import then gives exactly the numbers announced.
    let real = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(json(&real)["case_numbers"], v["case_numbers"]);
    // A dry run on a register that does not exist yet creates none.
    let fresh = tempfile::tempdir().unwrap();
    let o = import(fresh.path(), &f, &["--dry-run"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.starts_with("试导入"), "{}", o.stdout);
    assert_eq!(std::fs::read_dir(fresh.path()).unwrap().count(), 0);
}

#[test]
fn skip_invalid_then_fix_the_reject_file_and_import_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "mail.csv", THREE_BAD.as_bytes());
    let o = import(dir.path(), &f, &["--skip-invalid"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("登记 2 件，重复跳过 0 件，有误 3 件"),
        "{}",
        o.stdout
    );
    let reject = dir.path().join("mail.csv.rejected.csv");
    let text = std::fs::read_to_string(&reject).unwrap();
    assert!(
        text.starts_with("\u{feff}申请人,申请人类型,签收日期,申请内容,证件号码,错误\r\n"),
        "{text}"
    );
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[3],
        "钱七,自然人,2026/11/31,非遗传承人补助名单,,签收日期：日期“2026/11/31”不存在"
    );
    // The clerk fixes the three rows (the error column may stay) and imports the file as is.
    let fixed = text
        .replace("110105194912310021", "11010519491231002X")
        .replace("个体户", "自然人")
        .replace("2026/11/31", "2026/11/30");
    std::fs::write(&reject, fixed).unwrap();
    let again = import(dir.path(), &reject, &["--format", "json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let v = json(&again);
    assert_eq!(
        (v["registered"].as_i64(), v["rejected"].as_i64()),
        (Some(3), Some(0))
    );
    let names: Vec<String> = requests(dir.path()).into_iter().map(|r| r.1).collect();
    assert_eq!(names, ["张三", "赵六", "李四", "王五", "钱七"]);
}

#[test]
fn a_typo_in_a_header_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日起,申请内容\n张三,自然人,2026-11-02,x\n".as_bytes(),
    );
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：{} 的表头（第 1 行）：表头有不认识的列：“签收日起”",
            f.display()
        )
    );
}

#[test]
fn ordinary_letters_blank_same_day_and_later_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let text = "申请人,申请人类型,签收日期,申请内容,申请方式,确认日期,联系电话\n\
蒋桂芳,自然人,2026-11-18,宗祠是否为文物保护点,平常信函,,\n\
许文龙,自然人,2026-11-25,新征集文物入藏清单,平常信函,2026-11-25,13800000000\n\
赵德明,自然人,2026-10-20,永安桥调查处理情况,平信,2026-10-22,13900000000\n";
    let f = write(dir.path(), "letters.csv", text.as_bytes());
    let o = import(dir.path(), &f, &["--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = json(&o);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["state"], "awaiting-confirmation");
    assert!(rows[0].get("reply_due").is_none());
    assert_eq!(rows[1]["state"], "in-progress");
    assert_eq!(rows[1]["received_on"], "2026-11-25");
    // Confirmed Thu 2026-10-22: R is that day, 20 working days later is Thu 2026-11-19.
    assert_eq!(rows[2]["received_on"], "2026-10-22");
    assert_eq!(rows[2]["reply_due"], "2026-11-19");
    let conn = rusqlite::Connection::open(db_of(dir.path())).unwrap();
    let kinds: Vec<String> = conn
        .prepare("SELECT kind FROM events e JOIN requests r ON r.id = e.request_id WHERE r.applicant_name = '赵德明' ORDER BY idx")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}

#[test]
fn the_shipped_examples_import_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let csv = repo("examples/mailed-requests.csv");
    let o = import(dir.path(), &csv, &[]);
    assert_eq!(o.code, 4);
    assert!(
        o.stderr
            .starts_with(&format!("错误：{} 有 4 行有误", csv.display())),
        "{}",
        o.stderr
    );
    let reject = dir.path().join("rejected.csv");
    let r = reject.display().to_string();
    let o = import(
        dir.path(),
        &csv,
        &["--skip-invalid", "--reject-file", &r, "--format", "json"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = json(&o);
    assert_eq!(
        (v["registered"].as_i64(), v["rejected"].as_i64()),
        (Some(36), Some(4))
    );
    let o = import(
        dir.path(),
        &repo("examples/mailed-requests-fixed.csv"),
        &["--format", "json"],
    );
    assert_eq!(json(&o)["registered"], 4, "{}", o.stderr);
    // The workbook holds the same requests: all of them are duplicates now. The reject file of
    // the first import is still there: a given --reject-file is never overwritten.
    let o = import(
        dir.path(),
        &repo("examples/mailed-requests.xlsx"),
        &["--skip-invalid", "--reject-file", &r, "--format", "json"],
    );
    assert_eq!(o.code, 4);
    assert!(
        o.stderr.contains("已存在，未导入任何申请（不覆盖）"),
        "{}",
        o.stderr
    );
    let r2 = dir.path().join("rejected-xlsx.csv").display().to_string();
    let o = import(
        dir.path(),
        &repo("examples/mailed-requests.xlsx"),
        &["--skip-invalid", "--reject-file", &r2, "--format", "json"],
    );
    let v = json(&o);
    assert_eq!(
        (
            v["registered"].as_i64(),
            v["duplicates"].as_i64(),
            v["rejected"].as_i64()
        ),
        (Some(0), Some(36), Some(4))
    );
}

#[test]
fn killed_midway_the_register_is_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.csv", THREE.as_bytes());
    assert_eq!(import(dir.path(), &first, &[]).code, 0);
    let db = PathBuf::from(db_of(dir.path()));
    let before = requests(dir.path());
    let mut big = String::from("申请人,申请人类型,签收日期,申请内容,联系电话\n");
    for i in 0..20_000 {
        big += &format!(
            "申请人{i:05},自然人,2026-11-0{},关于第{i}号文件的公开申请,1380000{i:04}\n",
            2 + i % 5
        );
    }
    let f = write(dir.path(), "big.csv", big.as_bytes());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_disclose"))
        .args([
            "import",
            &f.display().to_string(),
            "--db",
            &db.display().to_string(),
            "--today",
            TODAY,
        ])
        .env("DISCLOSE_CONFIG", "/dev/null")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Writing has started once the child holds the register's write lock (its one
    // transaction): a probe's own write transaction is then refused as busy.
    let probe = rusqlite::Connection::open(&db).unwrap();
    probe.busy_timeout(Duration::ZERO).unwrap();
    let start = Instant::now();
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the import never started writing"
        );
        match probe.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => probe.execute_batch("ROLLBACK").unwrap(),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => break,
            Err(e) => panic!("{e}"),
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // Let it register some rows inside the transaction first (the whole transaction takes
    // seconds in a debug build).
    std::thread::sleep(Duration::from_millis(100));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal, not finished");
    drop(probe);
    assert_eq!(requests(dir.path()), before);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let events: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 3);
}

#[test]
fn an_unclosed_quote_is_refused_at_the_line_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let text = "申请人,申请人类型,签收日期,申请内容\n张三,自然人,2026-11-02,市图书馆\n李四,自然人,2026-11-03,\"景区门票\n王五,自然人,2026-11-04,非遗名录\n";
    let f = write(dir.path(), "mail.csv", text.as_bytes());
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        format!(
            "错误：{} 第 3 行：这里有一个英文双引号开始的单元格直到文件末尾都没有结束，其后的各行都会被当成这一个单元格的内容",
            f.display()
        )
    );
}

#[test]
fn reject_files_are_never_overwritten_and_only_the_owner_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("来信.csv");
    std::fs::write(
        &f,
        "申请人,申请人类型,签收日期,申请内容\n张三,自然人,2026-11-02,甲\n李四,个体户,2026-11-02,乙\n",
    )
    .unwrap();
    let first = dir.path().join("来信.csv.rejected.csv");
    std::fs::write(&first, "已经改了一半的内容").unwrap();
    let o = import(dir.path(), &f, &["--skip-invalid"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "已经改了一半的内容"
    );
    let second = dir.path().join("来信.csv.rejected-2.csv");
    let text = std::fs::read_to_string(&second).unwrap();
    assert!(text.contains("李四,个体户"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&second).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_file_whose_every_row_is_wrong_is_not_a_success_even_when_skipping() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("全错.csv");
    std::fs::write(
        &f,
        "申请人,申请人类型,签收日期,申请内容\n张三,个体户,2026-11-02,甲\n",
    )
    .unwrap();
    let o = import(dir.path(), &f, &["--skip-invalid"]);
    assert_eq!(o.code, 4, "{}", o.stdout);
    assert!(
        o.stderr.contains("中没有可以导入的行：1 行有误"),
        "{}",
        o.stderr
    );
}

/// The same tracking number on two different applicants' rows is not one letter imported twice:
/// the second row is set aside to be checked (nothing imported), not skipped unseen; the same
/// applicant's row again is a duplicate.
#[test]
fn a_tracking_number_shared_by_two_applicants_is_a_mistake_not_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,联系电话,邮件号\n赵一,自然人,2026/11/2,内容甲,13900001111,XC1\n钱二,自然人,2026/11/3,内容乙,13900001112,XC1\n赵一,自然人,2026/11/2,内容甲,13900001111,XC1\n"
            .as_bytes(),
    );
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(
        o.stderr.lines().nth(1),
        Some(
            "  第 3 行，“邮件号”：与导入文件第 2 行的邮件号 XC1 相同，但申请人不同：请核对邮件号是否抄错；确属另一封来信的，改正邮件号（或留空）后再导入"
        )
    );
    // Found at registration time (inside the transaction): nothing written, and the register
    // this import would have made is not left behind (a mistyped --db must still read as
    // missing).
    assert!(!Path::new(&db_of(dir.path())).exists());
    let o = import(dir.path(), &f, &["--skip-invalid", "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = json(&o);
    assert_eq!(
        (&v["registered"], &v["duplicates"], &v["rejected"]),
        (
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
}

/// Every problem is listed at once, including those only the register can tell (a tracking
/// number of another applicant's row) and a date before the regulation, each with its column;
/// nothing is written, not even a database.
#[test]
fn all_problems_are_listed_at_once_including_those_found_at_registration() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,联系电话,邮件号\n赵一,自然人,2026/11/2,内容甲,13900001111,XC1\n钱二,自然人,2026/11/3,内容乙,13900001112,XC1\n孙三,自然人,2007/10/20,内容丙,13900001113,\n李四,个体户,2026/11/3,内容丁,13900001114,\n"
            .as_bytes(),
    );
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines[1..4],
        [
            "  第 3 行，“邮件号”：与导入文件第 2 行的邮件号 XC1 相同，但申请人不同：请核对邮件号是否抄错；确属另一封来信的，改正邮件号（或留空）后再导入",
            "  第 4 行，“签收日期”：2007-10-20 早于《政府信息公开条例》施行之日（2008-05-01）：请核对年份",
            "  第 5 行，“申请人类型”：“个体户”不是申请人类型：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一（年度报告表三的分栏）",
        ]
    );
    assert!(o.stderr.contains("先导入无误的 1 行"), "{}", o.stderr);
    assert!(!Path::new(&db_of(dir.path())).exists());
}

/// A row imported after its 7 working days for a correction notice have passed says so, rather
/// than giving a past date as the last day to send one: received Mon 2026-11-02, window ended
/// 2026-11-11, imported 2026-11-30.
#[test]
fn a_late_import_says_the_correction_window_is_over() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,联系电话\n赵一,自然人,2026/11/2,内容甲,13900001111\n"
            .as_bytes(),
    );
    let o = import(dir.path(), &f, &["--format", "csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .contains("缺少身份证明：补正通知期限已于 2026-11-11 届满，按现有申请内容办理"),
        "{}",
        o.stdout
    );
}

/// A reply date reckoned through 2027, a year without its State Council notice yet, is marked
/// （临时） in the import summary as everywhere else (it said （暂定）). Received Tue 2026-12-15:
/// 20 working days end in January 2027.
#[test]
fn a_provisional_reply_date_is_marked_as_everywhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,证件号码,邮件号\n张三,自然人,2026-12-15,青龙寺遗址保护规划的批复文件,11010519491231002X,XA12345678931\n".as_bytes(),
    );
    let db = db_of(dir.path());
    let f = f.display().to_string();
    let o = disclose(&["import", &f, "--db", &db, "--today", "2026-12-15"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("（临时）"), "{}", o.stdout);
    assert!(!o.stdout.contains("（暂定）"), "{}", o.stdout);
}

/// Issue 16 #10 and #12: the reject file is written before the import commits — one that
/// cannot be written (no such folder) leaves the register as it was (exit 5, nothing
/// registered) — and a cell a spreadsheet would run as a formula is made text in it.
#[test]
fn the_reject_file_is_written_before_the_commit_and_holds_no_live_formula() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mixed.csv",
        "申请人,申请人类型,签收日期,申请内容\n\
         张三,自然人,2026-11-02,市图书馆新馆可行性研究报告\n\
         =HYPERLINK(\"http://x\"),外星人,2026-11-02,某内容\n"
            .as_bytes(),
    );
    let o = import(
        dir.path(),
        &f,
        &["--skip-invalid", "--reject-file", "/nonexistent/r.csv"],
    );
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(
        o.stderr.starts_with(
            "错误：无法写入拒收文件 /nonexistent/r.csv：文件或目录不存在；未导入任何内容"
        ),
        "{}",
        o.stderr
    );
    assert!(
        !dir.path().join("register.db").exists() || requests(dir.path()).is_empty(),
        "nothing registered"
    );
    let reject = dir.path().join("r.csv");
    let o = import(
        dir.path(),
        &f,
        &["--skip-invalid", "--reject-file", reject.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(requests(dir.path()).len(), 1);
    let text = std::fs::read_to_string(&reject).unwrap();
    let line = text.lines().nth(1).unwrap();
    assert!(
        line.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",外星人,"),
        "{text}"
    );
}
