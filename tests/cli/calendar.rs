//! The working-day calendar: every row of `../shared/cases/calendar.tsv` (SPEC.md §1), the
//! property of `add`/`between`, and the command line's answers and refusals.

use chrono::NaiveDate;
use disclose::calendar::Calendar;
use proptest::prelude::*;

use crate::common::{disclose, disclose_env, shared};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Row {
    op: String,
    date: String,
    n: String,
    expected: String,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(shared("cases/calendar.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                op: f[0].to_string(),
                date: f[1].to_string(),
                n: f[2].to_string(),
                expected: f[3].trim().to_string(),
            }
        })
        .collect()
}

#[test]
fn every_row_of_calendar_tsv_through_the_library() {
    let cal = Calendar::official();
    let rows = rows();
    assert!(rows.len() > 1400, "calendar.tsv has {} rows", rows.len());
    for r in &rows {
        match r.op.as_str() {
            "add" => {
                let got = cal
                    .add_working_days(d(&r.date), r.n.parse().unwrap())
                    .unwrap();
                assert_eq!(got.value.to_string(), r.expected, "add {} {}", r.date, r.n);
                assert!(
                    !got.provisional,
                    "add {} {} is within known years",
                    r.date, r.n
                );
            }
            "is-workday" => {
                let got = cal.is_working_day(d(&r.date)).unwrap();
                assert_eq!(got.value.to_string(), r.expected, "is-workday {}", r.date);
            }
            other => panic!("unknown op {other}"),
        }
    }
}

#[test]
fn every_row_of_calendar_tsv_through_the_binary_as_json() {
    // One process per row would take long in a debug build; every 7th row covers all years
    // and all n while the library test above covers every row.
    for r in rows().iter().step_by(7) {
        match r.op.as_str() {
            "add" => {
                let out = disclose(&["calendar", "add", &r.date, &r.n, "--format", "json"]);
                assert_eq!(
                    out.stdout.trim(),
                    format!(
                        "{{\"from\":\"{}\",\"working_days\":{},\"date\":\"{}\",\"provisional\":false}}",
                        r.date, r.n, r.expected
                    )
                );
            }
            _ => {
                let out = disclose(&["calendar", "is-workday", &r.date]);
                let yes = if r.expected == "true" { "是" } else { "否" };
                assert_eq!(out.stdout.trim(), yes, "is-workday {}", r.date);
            }
        }
    }
}

#[test]
fn json_shapes_are_exactly_as_documented() {
    let out = disclose(&["calendar", "add", "2026-01-30", "20", "--format", "json"]);
    assert_eq!(
        out.stdout,
        "{\"from\":\"2026-01-30\",\"working_days\":20,\"date\":\"2026-03-05\",\"provisional\":false}\n"
    );
    let out = disclose(&["calendar", "is-workday", "2026-02-14", "--format", "json"]);
    assert_eq!(
        out.stdout,
        "{\"date\":\"2026-02-14\",\"working_day\":true,\"provisional\":false}\n"
    );
}

#[test]
fn a_date_in_an_unknown_year_is_provisional() {
    let out = disclose(&["calendar", "add", "2026-12-10", "20", "--format", "json"]);
    assert_eq!(
        out.stdout,
        "{\"from\":\"2026-12-10\",\"working_days\":20,\"date\":\"2027-01-08\",\"provisional\":true}\n"
    );
    let out = disclose(&["calendar", "add", "2026-12-10", "20"]);
    assert_eq!(out.stdout, "2027-01-08（临时）\n");
    assert!(out.stderr.contains("2027年"), "{}", out.stderr);
}

#[test]
fn spec_worked_examples_through_the_binary() {
    for (from, n, due) in [
        ("2026-01-30", "7", "2026-02-10"),
        ("2026-01-30", "20", "2026-03-05"),
        ("2026-09-30", "20", "2026-11-03"),
        ("2022-09-30", "20", "2022-11-02"),
    ] {
        assert_eq!(disclose(&["calendar", "add", from, n]).stdout.trim(), due);
    }
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    for args in [
        &["calendar", "add", "2026-02-30", "20"][..],
        &["calendar", "add", "30/01/2026", "20"],
        &["calendar", "add", "2026-01-30", "-5"],
        &["calendar", "add", "2026-01-30"],
        &["calendar", "is-workday", "2026-13-01"],
        &["calendar", "between", "2026-01-01"],
    ] {
        let out = disclose(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("错误："), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    let out = disclose(&["calendar", "add", "2026-02-30", "20"]);
    assert_eq!(
        out.stderr,
        "错误：<DATE> 的值“2026-02-30”无效：没有这一天\n"
    );
    let out = disclose(&["calendar", "add", "30/01/2026", "20"]);
    assert_eq!(
        out.stderr,
        "错误：<DATE> 的值“30/01/2026”无效：日期格式应为 YYYY-MM-DD（如 2026-03-02），也可写作 2026/3/2 或 2026年3月2日\n"
    );
    let out = disclose(&["calendar", "add", "2026-01-30", "-5"]);
    assert_eq!(out.stderr, "错误：<N> 的值“-5”无效：工作日数不能为负数\n");
}

#[test]
fn between_counts_working_days_after_a_up_to_b() {
    assert_eq!(
        disclose(&["calendar", "between", "2026-01-30", "2026-03-05"]).stdout,
        "20\n"
    );
    // 10-01..10-07 off; Thu 10-08, Fri 10-09 and the make-up Saturday 10-10 count.
    assert_eq!(
        disclose(&["calendar", "between", "2026-09-30", "2026-10-10"]).stdout,
        "3\n"
    );
    assert_eq!(
        disclose(&["calendar", "between", "2026-03-05", "2026-03-05"]).stdout,
        "0\n"
    );
}

#[test]
fn a_reversed_range_is_refused_naming_both_dates() {
    let out = disclose(&["calendar", "between", "2026-03-05", "2026-01-30"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "错误：A 2026-03-05 晚于 B 2026-01-30：起止日期颠倒了，请把两个日期交换\n提示：应为 disclose calendar between 2026-01-30 2026-03-05\n"
    );
    let db = crate::common::Db::new();
    crate::common::in_person(&db, "2026-11-16", "2026-11-16", "张三", "文物保护专项资金");
    let out = db.run(
        "2026-11-16",
        &[
            "list",
            "--received-from",
            "2026-12-01",
            "--received-to",
            "2026-11-01",
        ],
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "错误：--received-from 2026-12-01 晚于 --received-to 2026-11-01：起止日期颠倒了，请把两个日期交换\n提示：应为 --received-from 2026-11-01 --received-to 2026-12-01\n"
    );
    let out = db.run(
        "2026-11-16",
        &["list", "--due-from", "2026-12-31", "--due-to", "2026-12-30"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "错误：--due-from 2026-12-31 晚于 --due-to 2026-12-30：起止日期颠倒了，请把两个日期交换\n提示：应为 --due-from 2026-12-30 --due-to 2026-12-31\n"
    );
    // The right way round, and a range of one day, find the request.
    for (from, to) in [("2026-11-01", "2026-12-01"), ("2026-11-16", "2026-11-16")] {
        let out = db.ok(
            "2026-11-16",
            &[
                "list",
                "--received-from",
                from,
                "--received-to",
                to,
                "--format",
                "json",
            ],
        );
        let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            rows.as_array().unwrap().len(),
            1,
            "{from} {to}: {}",
            out.stdout
        );
    }
}

#[test]
fn show_lists_a_year_month_by_month() {
    let out = disclose(&["calendar", "show", "2026"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with("2026年：国务院办公厅关于2026年部分节假日安排的通知\n")
    );
    assert!(out.stdout.contains("15日–23日 春节"), "{}", out.stdout);
    assert!(
        out.stdout.contains("14日（周六）春节；28日（周六）春节"),
        "{}",
        out.stdout
    );
    // 2026: 365 days, 104 of them Saturdays and Sundays; the notice gives 19 weekdays off
    // (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5) and 6 weekend days worked.
    let total = 365 - 104 - 19 + 6;
    assert!(
        out.stdout.contains(&format!("全年工作日：{total}\n")),
        "{}",
        out.stdout
    );
    let out = disclose(&["calendar", "show", "2027"]);
    assert!(
        out.stdout
            .starts_with("2027年：日历中没有该年的国务院放假通知")
    );
    assert!(out.stdout.contains("（临时）"));
}

#[test]
fn the_embedded_calendar_is_the_conversion_of_the_reference_files() {
    // Re-importing the reference files into a copy of holidays.toml changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("holidays.toml");
    std::fs::copy(crate::common::repo("holidays.toml"), &copy).unwrap();
    let mut args = vec!["calendar".to_string(), "import-holiday-cn".to_string()];
    for y in 2015..=2026 {
        args.push(
            shared(&format!("reference/holiday-cn/{y}.json"))
                .display()
                .to_string(),
        );
    }
    args.push("--into".to_string());
    args.push(copy.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = disclose(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("已是最新，无变化"), "{}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(crate::common::repo("holidays.toml")).unwrap()
    );
}

#[test]
fn import_holiday_cn_adds_a_new_year_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("2027.json");
    std::fs::write(
        &json,
        r#"{"year": 2027, "papers": ["https://www.gov.cn/x.htm"], "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
            {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
            {"name": "春节", "date": "2027-02-06", "isOffDay": true},
            {"name": "春节", "date": "2027-02-07", "isOffDay": true},
            {"name": "春节", "date": "2027-02-08", "isOffDay": true},
            {"name": "春节", "date": "2027-02-14", "isOffDay": false}
        ]}"#,
    )
    .unwrap();
    let target = dir.path().join("agency.toml");
    let j = json.display().to_string();
    let t = target.display().to_string();
    let out = disclose(&["calendar", "import-holiday-cn", &j, "--into", &t]);
    assert_eq!(out.stdout, format!("已写入 {t}：2027 年\n"));
    let first = std::fs::read_to_string(&target).unwrap();
    assert!(first.contains("{ name = \"元旦\", off = [\"2027-01-01..2027-01-03\"], work = [] }"));
    let out = disclose(&["calendar", "import-holiday-cn", &j, "--into", &t]);
    assert_eq!(out.stdout, format!("{t} 已是最新，无变化\n"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), first);
    // With the file, 2027 is known: not provisional any more, and the Spring Festival counts.
    let out = disclose(&[
        "--holidays",
        &t,
        "calendar",
        "add",
        "2027-02-05",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.stdout,
        "{\"from\":\"2027-02-05\",\"working_days\":1,\"date\":\"2027-02-09\",\"provisional\":false}\n"
    );
}

#[test]
fn a_bad_holidays_file_names_file_and_line_and_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.toml");
    std::fs::write(
        &f,
        "[2027]\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\nholidays = [\n  { name = \"春节\", off = [\"2027-02-30\"] },\n]\n",
    )
    .unwrap();
    let p = f.display().to_string();
    let out = disclose(&["--holidays", &p, "calendar", "add", "2027-01-04", "1"]);
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.contains(&format!("{p}:4: 日期“2027-02-30”无效")),
        "{}",
        out.stderr
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn between_undoes_add_and_add_lands_on_a_working_day(
        days in 0i64..(365 * 14),
        n in 0u32..400,
    ) {
        static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        let cal = CAL.get_or_init(Calendar::official);
        let from = d("2014-06-01") + chrono::Duration::days(days);
        let to = cal.add_working_days(from, n).unwrap();
        prop_assert_eq!(cal.working_days_between(from, to.value).unwrap().value, n);
        if n > 0 {
            prop_assert!(cal.is_working_day(to.value).unwrap().value);
            prop_assert!(to.value > from);
        } else {
            prop_assert_eq!(to.value, from);
        }
    }
}

/// Every command path of the tree (`["calendar", "between"]`, …), the `help` subcommands left
/// out.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            path.push(sub.get_name().to_string());
            walk(sub, path, all);
            path.pop();
        }
    }
    let mut all = Vec::new();
    walk(&disclose::cli::command(), &mut Vec::new(), &mut all);
    all
}

#[test]
fn help_on_every_command_is_in_chinese() {
    let paths = command_paths();
    assert!(paths.len() >= 40, "{} commands", paths.len());
    let env = [("COLUMNS", "100")];
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("-h");
        let short = disclose_env(&args, &env);
        args.pop();
        args.push("--help");
        let long = disclose_env(&args, &env);
        for (flag, out) in [("-h", &short), ("--help", &long)] {
            assert_eq!(out.code, 0, "{path:?} {flag}: {}", out.stderr);
            for english in [
                "Print help",
                "Print version",
                "Print this message",
                "Usage:",
                "Commands:",
                "Arguments:",
                "Options:",
                "Possible values",
                "possible values",
                "[default:",
                "[env:",
            ] {
                assert!(
                    !out.stdout.contains(english),
                    "{path:?} {flag} says {english}:\n{}",
                    out.stdout
                );
            }
            assert!(
                out.stdout.contains(&format!(
                    "\n\n用法：disclose {}",
                    path.iter().map(|p| format!("{p} ")).collect::<String>()
                )),
                "{path:?} {flag}:\n{}",
                out.stdout
            );
            // The five global options under their own heading, after the command's own.
            assert!(
                out.stdout.contains("\n\n全局选项：\n      --db <PATH>"),
                "{path:?} {flag}:\n{}",
                out.stdout
            );
            if let Some(own) = out.stdout.find("\n\n选项：\n") {
                let globals = out.stdout.find("\n\n全局选项：\n").unwrap();
                assert!(own < globals, "{path:?} {flag}");
                assert!(
                    !out.stdout[own..globals].contains("--db <PATH>"),
                    "{path:?} {flag}"
                );
            }
        }
        // The short page gives each flag its text beside it or, where the options are too
        // wide, below it; the long page always below it.
        assert!(
            short.stdout.contains("\n  -h, --help")
                && short
                    .stdout
                    .contains(" 显示帮助（--help 显示详细说明）\n  -V, --version")
                && short.stdout.ends_with(" 显示版本\n"),
            "{path:?} -h:\n{}",
            short.stdout
        );
        assert!(
            long.stdout.contains(
                "\n  -h, --help\n          显示帮助（-h 为摘要）\n\n  -V, --version\n          显示版本\n"
            ),
            "{path:?} --help:\n{}",
            long.stdout
        );
    }
}

#[test]
fn help_pages_have_chinese_headings_and_flags() {
    let env = [("COLUMNS", "100")];
    let out = disclose_env(&["calendar", "between", "-h"], &env);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with(
            "A（不含）至 B（含）之间的工作日数\n\n用法：disclose calendar between [OPTIONS] <A> <B>\n\n参数：\n  <A>  起（不含）\n  <B>  止（含）\n\n全局选项：\n      --db <PATH>        数据库文件（默认：用户数据目录下的 disclose.db） [环境变量：DISCLOSE_DB]\n      --today <DATE>     把这一天当作“今天”（YYYY-MM-DD；默认本机日期） [环境变量：DISCLOSE_TODAY]\n      --format <FORMAT>  输出格式（table、json、csv；letter 命令另可用 docx、md） [环境变量：DISCLOSE_FORMAT] [默认：table]\n                         [可选：table、json、csv、docx、md]\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with(
            "\n  -h, --help             显示帮助（--help 显示详细说明）\n  -V, --version          显示版本\n"
        ),
        "{}",
        out.stdout
    );
    // A command with subcommands lists them, the help subcommand too, under 命令.
    let out = disclose_env(&["calendar", "-h"], &env);
    assert!(
        out.stdout.starts_with(
            "工作日历：推算期限、查询工作日、导入国务院放假通知\n\n用法：disclose calendar [OPTIONS] <COMMAND>\n\n命令：\n  add                推算 DATE 之后第 N 个工作日（DATE 当日不计）\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n  help               显示本说明，或所给子命令的说明\n\n全局选项：\n"),
        "{}",
        out.stdout
    );
    // `disclose help calendar between` is `disclose calendar between --help`.
    let by_subcommand = disclose_env(&["help", "calendar", "between"], &env);
    let by_flag = disclose_env(&["calendar", "between", "--help"], &env);
    assert_eq!(by_subcommand.code, 0);
    assert_eq!(by_subcommand.stdout, by_flag.stdout);
    // The top page: what the tool is, then what it does (long help only).
    let out = disclose_env(&["-h"], &env);
    assert!(
        out.stdout.starts_with(
            "政府信息公开申请登记办理工具\n\n用法：disclose [OPTIONS] <COMMAND>\n\n命令：\n"
        ),
        "{}",
        out.stdout
    );
    let out = disclose_env(&["--help"], &env);
    assert!(
        out.stdout.starts_with(
            "政府信息公开申请登记办理工具\n\n从收到申请到归档，每一步都记入本地 SQLite 登记簿，按工作日历计算法定期限（《政府信息公开条例》第三十条至第三十三条）。\n\n用法：disclose [OPTIONS] <COMMAND>\n"
        ),
        "{}",
        out.stdout
    );
    // Versions still print as before.
    assert_eq!(
        disclose(&["-V"]).stdout,
        format!("disclose {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(disclose(&["--version"]).code, 0);
}

#[test]
fn the_manual_page_names_the_tool_once_and_in_chinese() {
    let out = disclose(&["generate", "man"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("\n.SH NAME\ndisclose \\- 政府信息公开申请登记办理工具\n.SH SYNOPSIS\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n显示帮助（\\-h 为摘要）\n.TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\n显示版本\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\ndisclose\\-help(1)\n显示本说明，或所给子命令的说明\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Print"), "{}", out.stdout);
    // Completions carry the same Chinese descriptions.
    let out = disclose(&["generate", "completions", "zsh"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("显示帮助（--help 显示详细说明）"));
    assert!(!out.stdout.contains("Print help"), "{}", out.stdout);
}

/// `calendar show --format csv` is a CSV from its first byte (byte-order mark, then the header):
/// the title lines are for the terminal.
#[test]
fn calendar_show_as_csv_starts_with_its_header() {
    let out = crate::common::disclose(&["calendar", "show", "2026", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("\u{feff}月份,工作日数,放假,调休上班\r\n1月,"),
        "{}",
        out.stdout
    );
}

/// SPEC §1: a year without its notice still has the statutory holidays of
/// 《全国年节及纪念日放假办法》 (Decree 795): 2027-01-01 (元旦) is a rest day, provisional, and so
/// are 2027's 春节 days (除夕 02-05 … 初三 02-08), 清明 04-05, 端午 06-09, 中秋 09-15.
#[test]
fn art_statutory_holidays_of_an_unknown_year_are_rest_days() {
    let out = disclose(&["calendar", "is-workday", "2027-01-01"]);
    assert_eq!(out.stdout, "否（临时）\n");
    let out = disclose(&["calendar", "is-workday", "2027-01-01", "--format", "json"]);
    assert_eq!(
        out.stdout,
        "{\"date\":\"2027-01-01\",\"working_day\":false,\"provisional\":true}\n"
    );
    for day in [
        "2027-02-05",
        "2027-02-08",
        "2027-04-05",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
    ] {
        assert_eq!(
            disclose(&["calendar", "is-workday", day]).stdout,
            "否（临时）\n",
            "{day}"
        );
    }
    assert_eq!(
        disclose(&["calendar", "is-workday", "2027-02-09"]).stdout,
        "是（临时）\n"
    );
    // 2027's statutory days make 254 working days, provisional.
    let out = disclose(&["calendar", "show", "2027"]);
    assert!(
        out.stdout.ends_with("全年工作日：254（临时）\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("5日–8日 春节（法定）"),
        "{}",
        out.stdout
    );
}
