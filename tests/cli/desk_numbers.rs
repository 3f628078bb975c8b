//! The clerk's desk, issue 13's rough edges: case numbers in the forms a clerk types, the
//! configuration file's problems all at once, tables that fit the terminal, help pages.

use serde_json::Value;

use crate::common::*;

/// A register in a temporary folder with a configuration file holding `config`.
struct Configured {
    _dir: tempfile::TempDir,
    db: String,
    cfg: String,
}

impl Configured {
    fn new(config: &str) -> Configured {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("config.toml");
        std::fs::write(&cfg, config).unwrap();
        Configured {
            db: dir.path().join("r.db").display().to_string(),
            cfg: cfg.display().to_string(),
            _dir: dir,
        }
    }

    fn run(&self, today: &str, args: &[&str]) -> Output {
        let mut all = vec!["--config", &self.cfg, "--db", &self.db, "--today", today];
        all.extend_from_slice(args);
        disclose(&all)
    }

    fn register(&self, on: &str, name: &str) -> String {
        let out = self.run(
            on,
            &[
                "register",
                "--channel",
                "in-person",
                "--applicant",
                name,
                "--applicant-type",
                "natural",
                "--id-number",
                ID,
                "--phone",
                PHONE,
                "--content",
                &format!("{name}申请的信息"),
                "--format",
                "json",
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        v["case_no"].as_str().unwrap().to_string()
    }

    /// The case number `show` gives for `typed`, or the exit code and error.
    fn case_no_of(&self, typed: &str) -> String {
        let out = self.show(typed);
        if out.code != 0 {
            return format!("exit {}: {}", out.code, out.stderr);
        }
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        v["case_no"].as_str().unwrap().to_string()
    }

    fn show(&self, typed: &str) -> Output {
        self.run("2026-03-10", &["show", typed, "--format", "json"])
    }
}

/// Issue 13: with `case_no_format = "根文旅公开〔{year}〕{seq}号"` a clerk types `[2026]`, `（2026）`,
/// `(2026)`, `2026-1`, or `1` when only one year has a request 1; each names the request, in
/// show and in a step; a bare number two years share is refused, listing both.
#[test]
fn a_custom_case_number_is_found_in_the_forms_a_clerk_types() {
    let r = Configured::new("case_no_format = \"根文旅公开〔{year}〕{seq}号\"\n");
    assert_eq!(r.register("2026-03-02", "甲"), "根文旅公开〔2026〕1号");
    assert_eq!(r.register("2026-03-03", "乙"), "根文旅公开〔2026〕2号");
    for typed in [
        "根文旅公开〔2026〕1号",
        "根文旅公开[2026]1号",
        "根文旅公开（2026）1号",
        "根文旅公开(2026)1号",
        "根文旅公开［２０２６］１号",
        "2026-1",
        "２０２６－１",
        "2026-0001",
        "1",
    ] {
        assert_eq!(r.case_no_of(typed), "根文旅公开〔2026〕1号", "{typed}");
    }
    assert_eq!(r.case_no_of("2026-2"), "根文旅公开〔2026〕2号");
    // A step takes the short form too, and records on the right request.
    let out = r.run(
        "2026-03-04",
        &[
            "assign",
            "2026-2",
            "--department",
            "文物科",
            "--handler",
            "李明",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("已记录：根文旅公开〔2026〕2号 转办（2026-03-04）"),
        "{}",
        out.stdout
    );
    // Text that is not the template's is not taken for it.
    let out = r.show("别的局〔2026〕1号");
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("找不到案件 别的局〔2026〕1号"),
        "{}",
        out.stderr
    );
    // Request 1 of 2025 makes a bare `1` ambiguous.
    let out = r.run(
        "2026-03-05",
        &[
            "register",
            "--channel",
            "mail",
            "--on",
            "2025-12-30",
            "--applicant",
            "丙",
            "--applicant-type",
            "natural",
            "--content",
            "丙申请的信息",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = r.show("1");
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "错误：案件编号“1”不明确，可指：根文旅公开〔2025〕1号、根文旅公开〔2026〕1号\n提示：请写出完整的案件编号（含年份）\n"
    );
    assert_eq!(r.case_no_of("2025-1"), "根文旅公开〔2025〕1号");
}

/// Issue 13: a configuration file with several mistakes names them all at once, each with its
/// line (a bad `case_no_format` too), and nothing is written.
#[test]
fn every_problem_of_the_config_file_is_named_with_its_line() {
    let r = Configured::new(
        "clerk = \"王芳\"\nclrk = \"李明\"\n\ncase_no_format = \"根文旅公开〔{year}〕{sq}号\"\ncorrection_period = 0\noverdue_within = \"5\"\n",
    );
    let out = r.run("2026-03-02", &["list"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "错误：配置文件 {} 有 4 处问题：\n  第 2 行：不认识的键“clrk”\n  第 4 行：case_no_format：案件编号格式“根文旅公开〔{{year}}〕{{sq}}号”无效：须含有 {{year}} 和 {{seq}}（或 {{seq:4}} 等补零位数，至多 12 位），此外不能有别的 {{…}}（如 {{year}}-{{seq:04}}）\n  第 5 行：correction_period = 0 不合理：应在 1 到 60 之间（单位：工作日）\n  第 6 行：overdue_within：类型不对：应为整数，不加引号（如 15），现在是加了引号的文字\n提示：可用的键：clerk, db, holidays, case_no_format, correction_period, overdue_within, backup_dir, backup_keep, agency, agency_short, letter_no_format, reconsideration_body, court, office_address, office_phone, contact, letters_dir, credit_code, index_no_format, topics\n",
            r.cfg
        )
    );
    assert!(!std::path::Path::new(&r.db).exists());
    // One problem keeps the one-line form, with its line.
    std::fs::write(
        &r.cfg,
        "# 本局配置\ncase_no_format = \"{year}-{seq:04}-{foo}\"\n",
    )
    .unwrap();
    let out = r.run("2026-03-02", &["list"]);
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.starts_with(&format!(
            "错误：配置文件 {}:2：case_no_format：案件编号格式“{{year}}-{{seq:04}}-{{foo}}”无效",
            r.cfg
        )),
        "{}",
        out.stderr
    );
}

/// Issue 13: `--state` takes the Chinese names `show` prints (as `--stage` does) beside the
/// English ones; the CSV of `list` gives the outcome's label, as the table does, with the code
/// in a column of its own; `report annual` without `--year` is the previous year.
#[test]
fn list_speaks_chinese_and_the_annual_report_defaults_to_last_year() {
    let db = Db::new();
    let a = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "张三",
        "本局2025年部门预算",
    );
    let b = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "李四",
        "本局2025年部门决算",
    );
    db.ok("2026-03-03", &["withdraw", &b]);
    let cases = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let v: Value = serde_json::from_str(&db.ok("2026-03-04", &all).stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["case_no"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(cases(&["--state", "办理中"]), vec![a.as_str()]);
    assert_eq!(cases(&["--state", "in-progress"]), vec![a.as_str()]);
    assert_eq!(cases(&["--state", "已办结"]), vec![b.as_str()]);
    assert_eq!(cases(&["--state", "未办结"]), vec![a.as_str()]);
    let out = db.run("2026-03-04", &["list", "--state", "完成"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "错误：不认识的状态“完成”\n提示：可选：待确认收到、办理中、待补正、待缴费、已办结、已归档、未办结；或 awaiting-confirmation、in-progress、awaiting-correction、awaiting-fee、concluded、archived、open\n"
    );
    let csv = db.ok("2026-03-04", &["list", "--format", "csv"]).stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",承办人,结果,结果代码"), "{csv}");
    assert!(lines[2].ends_with(",（六）其他处理 3.其他,6.3"), "{csv}");
    // In January the office reports on the year before.
    let out = db.ok("2027-01-15", &["report", "annual", "--format", "json"]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["year"], 2026);
    assert_eq!(v["table3"]["6.3"]["total"], 1);
    let help = db.ok("2027-01-15", &["report", "annual", "-h"]).stdout;
    assert!(help.contains("不写时为上一年度"), "{help}");
}
