//! The annual statistics (SPEC.md §5, [格式] 国办公开办函〔2021〕30号): a year of requests recorded
//! through the real binary, the whole of tables 三 and 四 compared with numbers worked out by hand,
//! the terminal, CSV and fragment renderings, `--list`; and a property over random registers
//! folded with the domain API.

use chrono::{Datelike, Duration, NaiveDate};
use disclose::case::{
    self, Amendment, AppealKind, AppealResult, Applicant, ApplicantType, Case, Channel, Event,
    Outcome, Registration, Reply, Step,
};
use disclose::report::annual::{self, AppealColumn, Column, Row};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::common::{Output, disclose};

/// "Today" for the whole transcript: the report on 2026 is made in January 2027.
const TODAY: &str = "2027-01-20";

struct Register {
    _dir: tempfile::TempDir,
    db: String,
}

impl Register {
    fn new() -> Register {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("annual.db").display().to_string();
        Register { _dir: dir, db }
    }

    /// Runs `disclose --db … --today TODAY args…`.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.as_str(), "--today", TODAY];
        all.extend_from_slice(args);
        disclose(&all)
    }

    /// Runs a command that must succeed.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "{args:?}\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out
    }

    /// Registers a request and returns its case number. `channel` is `in-person`, `mail`,
    /// `online`, or `letter-unreachable` (an ordinary letter whose applicant was not reached).
    fn register(&self, on: &str, kind: &str, name: &str, channel: &str) -> String {
        let content = format!("{name}所需的政府信息");
        let mut args = vec![
            "register",
            "--on",
            on,
            "--applicant",
            name,
            "--applicant-type",
            kind,
            "--content",
            &content,
            "--by",
            "王芳",
        ];
        match channel {
            "letter-unreachable" => args.extend(["--channel", "letter", "--unreachable"]),
            c => args.extend(["--channel", c, "--phone", "13800000000"]),
        }
        let out = self.ok(&args);
        out.stdout
            .lines()
            .find_map(|l| l.strip_prefix("已登记："))
            .unwrap_or_else(|| panic!("no case number in {}", out.stdout))
            .trim()
            .to_string()
    }

    /// Drafts, reviews, approves and serves a reply with `outcome` on `on`.
    fn reply(&self, case: &str, on: &str, outcome: &str) {
        self.ok(&[
            "review",
            "draft",
            case,
            "--on",
            on,
            "--department",
            "法规科",
            "--handler",
            "李明",
            "--outcome",
            outcome,
            "--reasons",
            "经审查",
            "--basis",
            "《政府信息公开条例》",
        ]);
        self.ok(&["review", "office", case, "--on", on, "--approve"]);
        self.ok(&[
            "review",
            "leader",
            case,
            "--on",
            on,
            "--leader",
            "张副局长",
            "--approve",
        ]);
        let mut args = vec!["reply", case, "--on", on, "--delivery", "邮寄"];
        if outcome == "4.1" {
            args.extend(["--search-done", "检索了本机关档案室和业务系统"]);
        }
        self.ok(&args);
    }

    fn appeal(&self, case: &str, on: &str, kind: &str) {
        self.ok(&[
            "appeal",
            "file",
            case,
            "--on",
            on,
            "--kind",
            kind,
            "--body",
            "市人民政府",
        ]);
    }

    fn decide(&self, case: &str, on: &str, number: &str, result: &str) {
        self.ok(&[
            "appeal", "result", case, "--on", on, "--number", number, "--result", result,
        ]);
    }
}

/// The case numbers of the transcript, by the names used in the expected numbers below.
struct Year {
    reg: Register,
    n03: String,
    n06: String,
    n07: String,
    n08: String,
    d: String,
    f: String,
    n25: String,
    n26: String,
    h: String,
}

/// A year of requests, from 2025 into 2027. Per applicant column (自然人, 商业企业, 科研机构,
/// 社会公益组织, 法律服务机构, 其他):
///
/// - received in 2025 and concluded in 2025: A (自然人, (一)) — not in the 2026 table;
/// - received in 2025, open at its end: B (自然人, replied (一) in 2026), C (商业企业, withdrawn
///   in 2026 → (六)3), D (法律服务机构, still open), F (其他, an ordinary letter never confirmed:
///   counted on its registration date 2025-12-30, still open);
/// - E (自然人): an ordinary letter registered 2025-12-29, applicant reached 2026-01-05, so
///   received in 2026; replied (二);
/// - received in 2026, one for every outcome row: N01–N23 and G (科研机构, an unreachable letter
///   withdrawn before it was confirmed → (六)3 on its registration date);
/// - received in 2026 and open at its end: N25 (自然人, replied 2027-01-08), N26 (社会公益组织),
///   H (自然人, an unreachable letter never confirmed);
/// - X (其他), received in 2027: in no 2026 row.
fn a_year() -> Year {
    let r = Register::new();
    // 2025.
    let a = r.register("2025-03-03", "natural", "赵一", "in-person");
    r.reply(&a, "2025-03-20", "1");
    r.appeal(&a, "2025-05-06", "reconsideration");
    r.decide(&a, "2026-03-02", "1", "other");
    let b = r.register("2025-12-15", "natural", "钱二", "in-person");
    let c = r.register("2025-12-22", "enterprise", "甲贸易有限公司", "mail");
    let d = r.register("2025-11-17", "legal", "乙律师事务所", "online");
    let e = r.register("2025-12-29", "natural", "孙三", "letter-unreachable");
    let f = r.register(
        "2025-12-30",
        "other-org",
        "丙业主委员会",
        "letter-unreachable",
    );
    assert_eq!(
        [&a, &b, &c, &d, &e, &f],
        [
            "2025-0001",
            "2025-0002",
            "2025-0003",
            "2025-0004",
            "2025-0005",
            "2025-0006"
        ]
    );
    r.reply(&b, "2026-01-09", "1");
    r.ok(&[
        "withdraw",
        &c,
        "--on",
        "2026-01-06",
        "--reason",
        "申请人书面撤回",
    ]);
    r.ok(&["confirm", &e, "--on", "2026-01-05"]);
    r.reply(&e, "2026-01-20", "2");

    // 2026, one request per outcome row.
    let n01 = r.register("2026-02-02", "natural", "李四", "in-person");
    r.reply(&n01, "2026-02-10", "1");
    r.ok(&[
        "archive",
        &n01,
        "--on",
        "2026-03-02",
        "--file-no",
        "2026-WS-001",
    ]);
    // Archived requests stay open to appeals.
    r.appeal(&n01, "2026-04-20", "lawsuit-direct");
    r.decide(&n01, "2026-09-30", "1", "corrected");
    let n02 = r.register("2026-02-03", "enterprise", "丁科技股份有限公司", "online");
    r.reply(&n02, "2026-02-12", "2");
    let n03 = r.register("2026-03-02", "natural", "周五", "in-person");
    r.reply(&n03, "2026-03-16", "3.1");
    r.appeal(&n03, "2026-04-01", "reconsideration");
    r.decide(&n03, "2026-07-01", "1", "corrected");
    r.appeal(&n03, "2026-07-20", "lawsuit-after-reconsideration");
    r.decide(&n03, "2027-01-10", "2", "upheld");
    let n04 = r.register("2026-03-03", "research", "某大学法学院", "mail");
    r.reply(&n04, "2026-03-17", "3.2");
    let n05 = r.register("2026-03-04", "nonprofit", "某环保公益基金会", "online");
    r.reply(&n05, "2026-03-18", "3.3");
    let n06 = r.register(
        "2026-03-05",
        "enterprise",
        "戊建设工程有限公司",
        "in-person",
    );
    r.ok(&[
        "consult-third-party",
        "send",
        &n06,
        "--on",
        "2026-03-09",
        "--party",
        "己混凝土有限公司",
    ]);
    r.ok(&[
        "consult-third-party",
        "answer",
        &n06,
        "--on",
        "2026-03-16",
        "--party",
        "己混凝土有限公司",
        "--answer",
        "object",
        "--reasons",
        "涉及商业秘密",
    ]);
    r.reply(&n06, "2026-03-20", "3.4");
    r.appeal(&n06, "2026-04-10", "reconsideration");
    r.decide(&n06, "2026-06-10", "1", "upheld");
    r.appeal(&n06, "2026-06-20", "lawsuit-after-reconsideration");
    r.decide(&n06, "2026-11-16", "2", "upheld");
    let n07 = r.register("2026-03-06", "natural", "吴六", "in-person");
    r.reply(&n07, "2026-03-20", "保护第三方合法权益");
    let n08 = r.register("2026-04-01", "legal", "庚律师事务所", "mail");
    r.reply(&n08, "2026-04-15", "3.4");
    let n09 = r.register("2026-04-02", "natural", "郑七", "in-person");
    r.reply(&n09, "2026-04-16", "3.5");
    r.appeal(&n09, "2026-09-01", "lawsuit-direct");
    let n10 = r.register("2026-04-03", "other-org", "某村民委员会", "in-person");
    r.reply(&n10, "2026-04-17", "3.6");
    let n11 = r.register("2026-04-07", "natural", "王八", "in-person");
    r.reply(&n11, "2026-04-21", "3.7");
    let n12 = r.register("2026-04-08", "legal", "辛律师事务所", "online");
    r.reply(&n12, "2026-04-22", "3.8");
    r.appeal(&n12, "2026-08-03", "reconsideration");
    r.decide(&n12, "2026-10-09", "1", "other");
    r.appeal(&n12, "2026-10-20", "lawsuit-after-reconsideration");
    r.decide(&n12, "2026-12-20", "2", "other");
    let n13 = r.register("2026-05-06", "natural", "冯九", "in-person");
    r.reply(&n13, "2026-05-20", "4.1");
    r.appeal(&n13, "2026-06-01", "lawsuit-direct");
    r.decide(&n13, "2026-10-12", "1", "other");
    let n14 = r.register("2026-05-07", "research", "某研究院", "mail");
    r.ok(&[
        "correct",
        "notice",
        &n14,
        "--on",
        "2026-05-08",
        "--items",
        "请写明所需文件的名称或文号",
    ]);
    r.ok(&["correct", "received", &n14, "--on", "2026-05-15"]);
    r.reply(&n14, "2026-06-01", "4.3");
    let n15 = r.register("2026-05-08", "enterprise", "壬物流有限公司", "in-person");
    r.reply(&n15, "2026-05-22", "4.2");
    r.appeal(&n15, "2026-10-01", "lawsuit-direct");
    r.decide(&n15, "2026-12-15", "1", "upheld");
    let n16 = r.register("2026-06-02", "natural", "陈十", "in-person");
    r.reply(&n16, "2026-06-16", "5.1");
    r.appeal(&n16, "2026-11-02", "reconsideration");
    let n17 = r.register("2026-06-03", "natural", "褚十一", "in-person");
    r.reply(&n17, "2026-06-17", "5.2");
    r.appeal(&n17, "2026-09-15", "lawsuit-after-reconsideration");
    r.decide(&n17, "2026-12-01", "1", "corrected");
    let n18 = r.register("2026-06-04", "nonprofit", "某助残协会", "in-person");
    r.reply(&n18, "2026-06-18", "5.3");
    let n19 = r.register("2026-06-05", "other-org", "某学校", "in-person");
    // （五）4 needs the applicant asked to explain (条例第三十五条).
    r.ok(&["reasons", "ask", &n19, "--on", "2026-06-08"]);
    r.ok(&[
        "reasons",
        "answer",
        &n19,
        "--on",
        "2026-06-15",
        "--rejected",
    ]);
    r.reply(&n19, "2026-06-19", "5.4");
    let n20 = r.register("2026-06-08", "natural", "卫十二", "in-person");
    r.reply(&n20, "2026-06-22", "5.5");
    let n21 = r.register("2026-07-01", "natural", "蒋十三", "in-person");
    r.ok(&[
        "correct",
        "notice",
        &n21,
        "--on",
        "2026-07-02",
        "--items",
        "请提供身份证明",
        "--period",
        "15",
    ]);
    r.ok(&[
        "correct",
        "lapse",
        &n21,
        "--on",
        "2026-08-03",
        "--served-unknown-reason",
        "平信寄出，无妥投记录",
    ]);
    let n22 = r.register("2026-07-06", "enterprise", "癸咨询有限公司", "in-person");
    r.ok(&["fee", "notice", &n22, "--on", "2026-07-08", "--pages", "40"]);
    r.ok(&[
        "fee",
        "lapse",
        &n22,
        "--on",
        "2026-08-10",
        "--served-unknown-reason",
        "平信寄出，无妥投记录",
    ]);
    let n23 = r.register("2026-07-07", "legal", "子律师事务所", "in-person");
    r.ok(&["fee", "notice", &n23, "--on", "2026-07-09", "--pages", "31"]);
    r.ok(&["fee", "paid", &n23, "--on", "2026-07-14"]);
    r.reply(&n23, "2026-07-20", "1");
    let g = r.register("2026-06-01", "research", "某检测中心", "letter-unreachable");
    r.ok(&["withdraw", &g, "--on", "2026-06-10"]);
    // Open at the end of 2026.
    let n25 = r.register("2026-12-10", "natural", "沈十四", "in-person");
    r.reply(&n25, "2027-01-08", "1");
    let n26 = r.register("2026-12-21", "nonprofit", "某志愿者协会", "online");
    let h = r.register("2026-12-28", "natural", "韩十五", "letter-unreachable");
    // Received in 2027.
    let x = r.register("2027-01-05", "other-org", "某合作社", "in-person");
    assert_eq!(n01, "2026-0001");
    assert_eq!(h, "2026-0027");
    assert_eq!(x, "2027-0001");
    Year {
        reg: r,
        n03,
        n06,
        n07,
        n08,
        d,
        f,
        n25,
        n26,
        h,
    }
}

/// Table 三 of 2026 worked out by hand from the list in [`a_year`]: row code → 自然人, 商业企业,
/// 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const TABLE3_2026: [(&str, [u32; 7]); 29] = [
    // E, N01, N03, N07, N09, N11, N13, N16, N17, N20, N21, N25, H | N02, N06, N15, N22 |
    // N04, N14, G | N05, N18, N26 | N08, N12, N23 | N10, N19
    ("一", [13, 4, 3, 3, 3, 2, 28]),
    // B | C | — | — | D | F
    ("二", [1, 1, 0, 0, 1, 1, 4]),
    ("1", [2, 0, 0, 0, 1, 0, 3]), // B, N01 | N23
    ("2", [1, 1, 0, 0, 0, 0, 2]), // E | N02
    ("3.1", [1, 0, 0, 0, 0, 0, 1]),
    ("3.2", [0, 0, 1, 0, 0, 0, 1]),
    ("3.3", [0, 0, 0, 1, 0, 0, 1]),
    ("3.4", [1, 1, 0, 0, 1, 0, 3]), // N07 | N06 | N08
    ("3.5", [1, 0, 0, 0, 0, 0, 1]),
    ("3.6", [0, 0, 0, 0, 0, 1, 1]),
    ("3.7", [1, 0, 0, 0, 0, 0, 1]),
    ("3.8", [0, 0, 0, 0, 1, 0, 1]),
    ("3", [4, 1, 1, 1, 2, 1, 10]),
    ("4.1", [1, 0, 0, 0, 0, 0, 1]),
    ("4.2", [0, 1, 0, 0, 0, 0, 1]),
    ("4.3", [0, 0, 1, 0, 0, 0, 1]),
    ("4", [1, 1, 1, 0, 0, 0, 3]),
    ("5.1", [1, 0, 0, 0, 0, 0, 1]),
    ("5.2", [1, 0, 0, 0, 0, 0, 1]),
    ("5.3", [0, 0, 0, 1, 0, 0, 1]),
    ("5.4", [0, 0, 0, 0, 0, 1, 1]),
    ("5.5", [1, 0, 0, 0, 0, 0, 1]),
    ("5", [3, 0, 0, 1, 0, 1, 5]),
    ("6.1", [1, 0, 0, 0, 0, 0, 1]), // N21
    ("6.2", [0, 1, 0, 0, 0, 0, 1]), // N22
    ("6.3", [0, 1, 1, 0, 0, 0, 2]), // C withdrawn | G withdrawn
    ("6", [1, 2, 1, 0, 0, 0, 4]),
    ("7", [12, 5, 3, 2, 3, 2, 27]),
    // N25, H | — | — | N26 | D | F
    ("四", [2, 0, 0, 1, 1, 1, 5]),
];

const KEYS: [&str; 7] = [
    "natural",
    "enterprise",
    "research",
    "nonprofit",
    "legal",
    "other-org",
    "total",
];

fn table3_json(rows: &[(&str, [u32; 7])]) -> Value {
    let mut m = serde_json::Map::new();
    for (code, counts) in rows {
        let cols: serde_json::Map<String, Value> = KEYS
            .iter()
            .zip(counts)
            .map(|(k, n)| (k.to_string(), json!(n)))
            .collect();
        m.insert(code.to_string(), Value::Object(cols));
    }
    Value::Object(m)
}

/// The cells of the terminal table's line whose first cell is `code` (or the header lines),
/// split on the column rules, ordinary spaces trimmed (ideographic indentation kept).
fn cells(line: &str) -> Vec<String> {
    line.trim_matches(|c| c == '│')
        .split('┆')
        .map(|c| c.trim_matches(' ').to_string())
        .collect()
}

fn row_cells(stdout: &str, code: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(cells)
        .find(|c| c[0] == code)
        .unwrap_or_else(|| panic!("no row {code} in\n{stdout}"))
}

#[test]
fn a_year_of_requests_gives_the_hand_computed_tables() {
    let y = a_year();
    let r = &y.reg;

    // The whole table as JSON.
    let out = r.ok(&["report", "annual", "--year", "2026", "--format", "json"]);
    let got: Value = serde_json::from_str(&out.stdout).unwrap();
    let expected = json!({
        "year": 2026,
        "table3": table3_json(&TABLE3_2026),
        "table4": {
            // N06 upheld, N03 corrected, N12 other, N16 undecided (A's was filed in 2025).
            "reconsideration": {"upheld": 1, "corrected": 1, "other": 1, "pending": 1, "total": 4},
            // N15 upheld, N01 (archived) corrected, N13 other, N09 undecided.
            "lawsuit-direct": {"upheld": 1, "corrected": 1, "other": 1, "pending": 1, "total": 4},
            // N06 upheld, N17 corrected, N12 other; N03's decided only on 2027-01-10, so
            // undecided at the end of 2026.
            "lawsuit-after-reconsideration": {"upheld": 1, "corrected": 1, "other": 1, "pending": 1, "total": 4},
        },
        // Table 二 (SPEC §10): no document registered, no figures entered.
        "table2": {
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": 0, "repealed": 0, "in_force": 0},
            "licensing": {"decisions": 0},
            "penalty": {"decisions": 0},
            "coercion": {"decisions": 0},
            "fees": {"amount_wan": 0.0},
        },
        // Section 六: N23's 31 pages paid on 2026-07-14 (1 page over the free 30 at 10 元);
        // N22's 40-page fee lapsed unpaid and is not counted.
        "fees": {"count": 1, "amount_yuan": 10},
        // 条例 Art 41: no correction-of-record request in this register.
        "record_corrections": {
            "received": 0, "carried_over": 0,
            "ends": {"corrected": 0, "forwarded": 0, "redirected": 0, "refused": 0},
            "withdrawn": 0, "concluded": 0, "carried_forward": 0
        }
    });
    assert_eq!(got, expected);
    // Keys in table order.
    let mut at = 0;
    for (code, _) in TABLE3_2026 {
        let p = out.stdout[at..]
            .find(&format!("\"{code}\": {{"))
            .unwrap_or_else(|| panic!("row {code} out of order"));
        at += p;
    }

    // 2025: what was open at its end is what 2026 carried over (二 of 2026).
    let out = r.ok(&["report", "annual", "--year", "2025", "--format", "json"]);
    let got: Value = serde_json::from_str(&out.stdout).unwrap();
    // A, B | C | — | — | D | F (E was reached only in 2026).
    assert_eq!(
        got["table3"]["一"],
        table3_json(&[("x", [2, 1, 0, 0, 1, 1, 5])])["x"]
    );
    assert_eq!(
        got["table3"]["7"],
        table3_json(&[("x", [1, 0, 0, 0, 0, 0, 1])])["x"]
    );
    assert_eq!(got["table3"]["四"], table3_json(&TABLE3_2026[1..2])["二"]);
    // A's reconsideration, filed in 2025, decided only in 2026.
    assert_eq!(
        got["table4"]["reconsideration"],
        json!({"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1})
    );

    // The terminal table mirrors the published layout.
    let out = r.ok(&["report", "annual", "--year", "2026"]);
    let t = &out.stdout;
    assert!(
        t.starts_with(
            "2026 年度政府信息公开工作年度报告统计表\n\n三、收到和处理政府信息公开申请情况\n"
        ),
        "{t}"
    );
    let header: Vec<Vec<String>> = t
        .lines()
        .filter(|l| l.starts_with('│'))
        .take(3)
        .map(cells)
        .collect();
    assert_eq!(
        header,
        [
            vec![
                "代码",
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "申请人情况",
                "",
                "",
                "",
                "",
                "",
                ""
            ],
            vec!["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            vec![
                "",
                "",
                "",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                ""
            ],
        ]
    );
    assert_eq!(
        row_cells(t, "一"),
        [
            "一",
            "一、本年新收政府信息公开申请数量",
            "13",
            "4",
            "3",
            "3",
            "3",
            "2",
            "28"
        ]
    );
    assert_eq!(
        row_cells(t, "2"),
        [
            "2",
            "　（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "2"
        ]
    );
    assert_eq!(
        row_cells(t, "3.4"),
        [
            "3.4",
            "　　4.保护第三方合法权益",
            "1",
            "1",
            "0",
            "0",
            "1",
            "0",
            "3"
        ]
    );
    assert_eq!(
        row_cells(t, "6"),
        ["6", "　　小计", "1", "2", "1", "0", "0", "0", "4"]
    );
    assert_eq!(
        row_cells(t, "6.2"),
        [
            "6.2",
            "　　2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "0",
            "1",
            "0",
            "0",
            "0",
            "0",
            "1"
        ]
    );
    assert_eq!(
        row_cells(t, "7"),
        ["7", "　（七）总计", "12", "5", "3", "2", "3", "2", "27"]
    );
    assert_eq!(
        row_cells(t, "四"),
        [
            "四",
            "四、结转下年度继续办理",
            "2",
            "0",
            "0",
            "1",
            "1",
            "1",
            "5"
        ]
    );
    let headings: Vec<String> = t
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(cells)
        .filter(|c| c[0].is_empty() && c[2].is_empty() && !c[1].is_empty())
        .map(|c| c[1].clone())
        .collect();
    assert_eq!(
        headings,
        [
            "三、本年度办理结果",
            "　（三）不予公开",
            "　（四）无法提供",
            "　（五）不予处理",
            "　（六）其他处理"
        ]
    );
    assert!(
        t.contains("\n已逐列核对：一 + 二 = （七）总计 + 四（总计列：28 + 4 = 27 + 5）\n"),
        "{t}"
    );
    let t4: Vec<Vec<String>> = t
        .split("四、政府信息公开行政复议、行政诉讼情况\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(cells)
        .collect();
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    assert_eq!(t4[0][0], "行政复议");
    assert_eq!(t4[0][5], "行政诉讼");
    assert_eq!(
        (t4[1][5].as_str(), t4[1][10].as_str()),
        ("未经复议直接起诉", "复议后起诉")
    );
    assert_eq!(t4[2], heads.repeat(3));
    assert_eq!(
        t4[3],
        [
            "1", "1", "1", "1", "4", "1", "1", "1", "1", "4", "1", "1", "1", "1", "4"
        ]
    );

    // The requests behind a cell.
    let out = r.ok(&[
        "report",
        "annual",
        "--year",
        "2026",
        "--list",
        "保护第三方合法权益",
        "--format",
        "json",
    ]);
    let listed: Value = serde_json::from_str(&out.stdout).unwrap();
    let item = |no: &str, name: &str, kind: &str, received: &str, concluded: &str| {
        json!({
            "case_no": no, "applicant": name, "applicant_type": kind, "received_on": received,
            "receipt_confirmed": true, "concluded_on": concluded, "outcome": "3.4",
            "outcome_label": "（三）不予公开 4.保护第三方合法权益", "state": "concluded"
        })
    };
    assert_eq!(
        listed,
        json!({
            "year": 2026, "row": "3.4", "row_label": "（三）不予公开 4.保护第三方合法权益",
            "column": "total", "count": 3,
            "requests": [
                item(&y.n06, "戊建设工程有限公司", "enterprise", "2026-03-05", "2026-03-20"),
                item(&y.n07, "吴六", "natural", "2026-03-06", "2026-03-20"),
                item(&y.n08, "庚律师事务所", "legal", "2026-04-01", "2026-04-15"),
            ]
        })
    );
    let out = r.ok(&[
        "report", "annual", "--year", "2026", "--list", "3.4", "--column", "natural",
    ]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "2026 年度 （三）不予公开 4.保护第三方合法权益｜自然人：1 件"
    );
    let body: Vec<Vec<String>> = lines
        .iter()
        .filter(|l| l.starts_with('│'))
        .map(|l| cells(l))
        .collect();
    assert_eq!(
        body[0],
        [
            "案件编号",
            "申请人",
            "申请人类型",
            "收到日期",
            "办结日期",
            "办理结果"
        ]
    );
    assert_eq!(
        body[1],
        [
            y.n07.as_str(),
            "吴六",
            "自然人",
            "2026-03-06",
            "2026-03-20",
            "（三）不予公开 4.保护第三方合法权益"
        ]
    );
    assert_eq!(body.len(), 2);
    // 结转下年度: the unreachable letters count on their registration dates.
    let out = r.ok(&["report", "annual", "--year", "2026", "--list", "四"]);
    let body: Vec<Vec<String>> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(cells)
        .collect();
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        "2026 年度 四、结转下年度继续办理｜总计：5 件"
    );
    let got: Vec<[&str; 6]> = body[1..]
        .iter()
        .map(|c| {
            [
                c[0].as_str(),
                c[2].as_str(),
                c[3].as_str(),
                c[4].as_str(),
                c[5].as_str(),
                "",
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                y.d.as_str(),
                "法律服务机构",
                "2025-11-17",
                "",
                "（未办结：办理中）",
                ""
            ],
            [
                y.f.as_str(),
                "其他",
                "2025-12-30（登记日期，未确认收到）",
                "",
                "（未办结：待确认收到）",
                ""
            ],
            [
                y.n25.as_str(),
                "自然人",
                "2026-12-10",
                "2027-01-08",
                "（一）予以公开",
                ""
            ],
            [
                y.n26.as_str(),
                "社会公益组织",
                "2026-12-21",
                "",
                "（未办结：办理中）",
                ""
            ],
            [
                y.h.as_str(),
                "自然人",
                "2026-12-28（登记日期，未确认收到）",
                "",
                "（未办结：待确认收到）",
                ""
            ],
        ]
    );
    let out = r.ok(&[
        "report",
        "annual",
        "--year",
        "2026",
        "--list",
        "二",
        "--column",
        "enterprise",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.stdout,
        "\u{feff}案件编号,申请人,申请人类型,收到日期,办结日期,办理结果\r\n2025-0003,甲贸易有限公司,商业企业,2025-12-22,2026-01-06,（六）其他处理 3.其他\r\n"
    );

    // CSV: the published two-line header, then the rows by code.
    let out = r.ok(&["report", "annual", "--year", "2026", "--format", "csv"]);
    let lines: Vec<&str> = out.stdout.split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}代码,项目,自然人,法人或其他组织,,,,,总计");
    assert_eq!(
        lines[1],
        ",,,商业企业,科研机构,社会公益组织,法律服务机构,其他,"
    );
    assert_eq!(
        lines[2],
        "一,一、本年新收政府信息公开申请数量,13,4,3,3,3,2,28"
    );
    assert_eq!(
        lines[9],
        "3.4,（三）不予公开 4.保护第三方合法权益,1,1,0,0,1,0,3"
    );
    assert_eq!(lines[14], "3,（三）不予公开 小计,4,1,1,1,2,1,10");
    assert_eq!(lines[30], "四,四、结转下年度继续办理,2,0,0,1,1,1,5");
    assert_eq!(lines[31], ",,,,,,,,");
    assert_eq!(
        lines[32],
        "代码,四、政府信息公开行政复议、行政诉讼情况,结果维持,结果纠正,其他结果,尚未审结,总计,,"
    );
    assert_eq!(lines[33], "reconsideration,行政复议,1,1,1,1,4,,");
    assert_eq!(
        lines[34],
        "lawsuit-direct,行政诉讼 未经复议直接起诉,1,1,1,1,4,,"
    );
    assert_eq!(
        lines[35],
        "lawsuit-after-reconsideration,行政诉讼 复议后起诉,1,1,1,1,4,,"
    );

    // The fragments follow the national template: merged cells, no 小计 rows.
    let out = r.ok(&["report", "annual", "--year", "2026", "--fragment", "html"]);
    // Table 二 first, as in the report (its numbers: tests/cli/documents.rs).
    let (t2, h) = out.stdout.split_at(out.stdout.find("<p>三、").unwrap());
    assert!(
        t2.starts_with("<p>二、主动公开政府信息情况</p>\n<table"),
        "{t2}"
    );
    assert!(h.starts_with("<p>三、收到和处理政府信息公开申请情况</p>\n<table border=\"1\" cellspacing=\"0\">\n<tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\n<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n"), "{h}");
    assert!(h.contains("\n<tr><td rowspan=\"22\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>2</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>3</td></tr>\n"));
    assert!(h.contains("\n<tr><td rowspan=\"8\">（三）不予公开</td><td>1.属于国家秘密</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n"));
    assert!(h.contains("\n<tr><td>3.危及&quot;三安全一稳定&quot;</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>\n"));
    assert!(h.contains("\n<tr><td colspan=\"2\">（七）总计</td><td>12</td><td>5</td><td>3</td><td>2</td><td>3</td><td>2</td><td>27</td></tr>\n<tr><td colspan=\"3\">四、结转下年度继续办理</td><td>2</td><td>0</td><td>0</td><td>1</td><td>1</td><td>1</td><td>5</td></tr>\n</table>\n"));
    assert!(h.contains("<tr><td>1</td><td>1</td><td>1</td><td>1</td><td>4</td><td>1</td><td>1</td><td>1</td><td>1</td><td>4</td><td>1</td><td>1</td><td>1</td><td>1</td><td>4</td></tr>\n</table>\n<p>六、其他需要报告的事项</p>\n"));
    // Section 六: the fees paid in the year (N23's 10 元).
    assert!(h.ends_with("<tr><td>项目</td><td>件数</td><td>金额（元）</td></tr>\n<tr><td>信息处理费</td><td>1</td><td>10</td></tr>\n</table>\n"));
    assert_eq!(h.matches("<tr>").count(), 3 + 2 + 22 + 1 + 4 + 2);
    assert!(!h.contains("小计"));
    let out = r.ok(&[
        "report",
        "annual",
        "--year",
        "2026",
        "--fragment",
        "markdown",
    ]);
    let (t2, m) = out.stdout.split_at(out.stdout.find("**三、").unwrap());
    assert!(t2.starts_with("**二、主动公开政府信息情况**\n\n"), "{t2}");
    assert!(m.contains("\n| 三、本年度办理结果 （三）不予公开 4.保护第三方合法权益 | 1 | 1 | 0 | 0 | 1 | 0 | 3 |\n"), "{m}");
    assert!(m.contains("\n| 四、结转下年度继续办理 | 2 | 0 | 0 | 1 | 1 | 1 | 5 |\n"));
    assert!(m.contains("\n| 1 | 1 | 1 | 1 | 4 | 1 | 1 | 1 | 1 | 4 | 1 | 1 | 1 | 1 | 4 |\n\n**六、其他需要报告的事项**\n"));
    assert!(m.ends_with(
        "\n| 项目 | 件数 | 金额（元） |\n| --- | --- | --- |\n| 信息处理费 | 1 | 10 |\n"
    ));
    assert!(m.starts_with("**三、收到和处理政府信息公开申请情况**\n\n| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  |  |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |\n|  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |\n| 一、本年新收政府信息公开申请数量 | 13 | 4 | 3 | 3 | 3 | 2 | 28 |\n"), "{m}");
    assert!(!m.contains("小计"));

    // Appeals: the number must exist, and a result is recorded once.
    let out = r.run(&[
        "appeal", "result", &y.n03, "--on", TODAY, "--number", "3", "--result", "upheld",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("错误：本申请没有第 3 项复议/诉讼（共 2 项）\n"),
        "{}",
        out.stderr
    );
    let out = r.run(&[
        "appeal", "result", &y.n03, "--on", TODAY, "--number", "1", "--result", "other",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("第 1 项复议/诉讼已经记录了结果"),
        "{}",
        out.stderr
    );
    let out = r.run(&[
        "appeal",
        "file",
        &y.n06,
        "--on",
        TODAY,
        "--kind",
        "lawsuit-after-reconsideration",
        "--body",
        " ",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("请写明复议机关或受理法院（--body）"),
        "{}",
        out.stderr
    );

    // The current year can be reported, with a note.
    let out = r.ok(&["report", "annual", "--year", "2027", "--format", "json"]);
    assert_eq!(
        out.stderr,
        "注意：2027 年度尚未结束，表中数字截至今天（2027-01-20）；“结转下年度继续办理”为今天仍未办结的申请\n"
    );
    let got: Value = serde_json::from_str(&out.stdout).unwrap();
    // X (其他) is new; N25 concluded (一); the 2026 carry-forward comes in.
    assert_eq!(got["table3"]["一"]["other-org"], 1);
    assert_eq!(got["table3"]["二"], table3_json(&TABLE3_2026[28..])["四"]);
    assert_eq!(got["table3"]["1"]["natural"], 1);
    assert_eq!(got["table4"]["lawsuit-after-reconsideration"]["total"], 0);
}

#[test]
fn the_annual_command_refuses_bad_input() {
    let r = Register::new();
    let cases: [(&[&str], &str); 5] = [
        (
            &["report", "annual", "--year", "2028"],
            "错误：2028 年度尚未开始（今天是 2027-01-20），没有可统计的数字\n提示：年度报告统计上一年度：--year 2026\n",
        ),
        (
            &["report", "annual", "--year", "26"],
            "错误：--year <YYYY> 的值“26”无效：年度应为四位数的年份，如 2025\n",
        ),
        (
            &["report", "annual", "--year", "2026", "--list", "3.9"],
            "错误：--list <ROW> 的值“3.9”无效：不认识的行“3.9”：请用行代码 一、二、1、2、3.1–3.8、3（小计）、4.1–4.3、4、5.1–5.5、5、6.1–6.3、6、7（总计）、四，（一）至（七），或表中的名称（如“保护第三方合法权益”）\n",
        ),
        (
            &["report", "annual", "--year", "2026", "--column", "natural"],
            "",
        ),
        (
            &[
                "report",
                "annual",
                "--year",
                "2026",
                "--list",
                "一",
                "--column",
                "个体户",
            ],
            "",
        ),
    ];
    for (args, stderr) in cases {
        let out = r.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
        if !stderr.is_empty() {
            assert_eq!(out.stderr, stderr, "{args:?}");
        }
    }
    let out = r.run(&["report", "annual", "--year", "2026", "--column", "natural"]);
    assert!(out.stderr.contains("--list"), "{}", out.stderr);
    let out = r.run(&[
        "report",
        "annual",
        "--year",
        "2026",
        "--list",
        "一",
        "--column",
        "个体户",
    ]);
    assert!(out.stderr.contains("不认识的列“个体户”"), "{}", out.stderr);
}

#[test]
fn a_table_that_does_not_add_up_is_an_internal_error_naming_the_request() {
    let r = Register::new();
    let a = r.register("2026-02-03", "enterprise", "丑实业有限公司", "in-person");
    r.ok(&["withdraw", &a, "--on", "2026-02-10"]);
    let b = r.register("2026-02-04", "natural", "寅", "in-person");
    let out = r.ok(&["report", "annual", "--year", "2026", "--format", "json"]);
    let got: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got["table3"]["7"]["total"], 1);
    // A projection altered behind the tool's back: concluded before it was received.
    let conn = rusqlite::Connection::open(&r.db).unwrap();
    conn.execute(
        "UPDATE requests SET concluded_on = '2025-12-01',
            data = json_set(data, '$.conclusion.on', '2025-12-01') WHERE case_no = ?1",
        [&a],
    )
    .unwrap();
    drop(conn);
    let out = r.run(&["report", "annual", "--year", "2026"]);
    assert_eq!(out.code, 70);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "错误：2026 年度统计表三不平衡（应有 一 + 二 = （七）总计 + 四）：商业企业列 1 ≠ 0；总计列 2 ≠ 1。破坏勾稽关系的申请：{a}（计入收到 2026-02-03，办结 2025-12-01）\n\
             提示：未输出统计表。用 disclose show 案件编号 查看上列申请的时间线，用 disclose verify 检查登记簿\n\
             提示：这是 disclose 的内部错误，请把以上信息报告给维护人员\n"
        )
    );
    assert!(!out.stderr.contains(&b));
}

// ---------------------------------------------------------------------------------------------
// Property: random registers folded with the domain API.
// ---------------------------------------------------------------------------------------------

/// What happens to one generated request after its registration.
#[derive(Debug, Clone)]
enum Path {
    /// Nothing more: open.
    Open,
    /// A reply with this outcome (index into the replyable outcomes).
    Reply(usize),
    /// Withdrawn.
    Withdraw,
    /// Correction notice, then lapsed.
    CorrectionLapsed,
    /// Correction notice, corrected, then replied.
    CorrectedReply(usize),
    /// Fee notice, then lapsed.
    FeeLapsed,
    /// Fee notice, paid, then replied.
    FeePaidReply(usize),
}

/// A generated appeal: kind (index into [`AppealKind::ALL`]), days after the previous event,
/// and maybe a result (index) with the days it took.
type AppealSpec = (usize, i64, Option<(usize, i64)>);

#[derive(Debug, Clone)]
struct Spec {
    kind: usize,
    start: i64,
    /// An ordinary letter whose applicant was not reached; `Some(gap)` when reached later.
    unreachable: Option<Option<i64>>,
    path: Path,
    gaps: [i64; 3],
    appeals: Vec<AppealSpec>,
    amend_back: Option<i64>,
}

fn path() -> impl Strategy<Value = Path> {
    prop_oneof![
        Just(Path::Open),
        (0..19usize).prop_map(Path::Reply),
        Just(Path::Withdraw),
        Just(Path::CorrectionLapsed),
        (0..19usize).prop_map(Path::CorrectedReply),
        Just(Path::FeeLapsed),
        (0..19usize).prop_map(Path::FeePaidReply),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..6usize,
        0..1100i64,
        prop_oneof![3 => Just(None), 1 => proptest::option::of(0..120i64).prop_map(Some)],
        path(),
        [0..200i64, 0..200i64, 0..200i64],
        proptest::collection::vec(
            (
                0..3usize,
                0..300i64,
                proptest::option::of((0..3usize, 0..400i64)),
            ),
            0..3,
        ),
        proptest::option::of(0..60i64),
    )
        .prop_map(
            |(kind, start, unreachable, path, gaps, appeals, amend_back)| Spec {
                kind,
                start,
                unreachable,
                path,
                gaps,
                appeals,
                amend_back,
            },
        )
}

/// The events of one generated request, in date order; a step that needs the clock to run (all
/// but a withdrawal) only after the letter is confirmed.
fn events(no: usize, s: &Spec) -> Vec<Event> {
    let base = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    let mut on = base + Duration::days(s.start);
    let registered = on;
    let mut v = Vec::new();
    let mut push = |on: NaiveDate, step: Step| {
        v.push(Event {
            on,
            by: "测试".to_string(),
            step,
        })
    };
    push(
        on,
        Step::Register(Box::new(Registration {
            case_no: format!("{}-{no:04}", on.year()),
            kind: Default::default(),
            channel: if s.unreachable.is_some() {
                Channel::Letter
            } else {
                Channel::InPerson
            },
            unreachable: s.unreachable.is_some(),
            applicant_type: ApplicantType::ALL[s.kind],
            applicant: Applicant {
                name: format!("申请人{no}"),
                ..Default::default()
            },
            agent: None,
            content: "某信息".to_string(),
            form: None,
            delivery: None,
            tracking_no: None,
            note: None,
        })),
    );
    let replyable: Vec<Outcome> = Outcome::all()
        .into_iter()
        .filter(|o| *o != Outcome::CORRECTION_LAPSED && *o != Outcome::FEE_LAPSED)
        .collect();
    let reply = |i: usize| {
        Step::Reply(Box::new(Reply {
            served_on: None,
            outcome: replyable[i],
            basis: None,
            reasons: None,
            search_done: None,
            competent_agency: None,
            agency_contact: None,
            delivery: "邮寄".to_string(),
            tracking_no: None,
            public_interest: None,
        }))
    };
    let mut g = s.gaps.iter().copied();
    let mut next = |on: &mut NaiveDate| {
        *on += Duration::days(g.next().unwrap_or(0));
        *on
    };
    let running = match s.unreachable {
        None => true,
        Some(Some(gap)) => {
            on += Duration::days(gap);
            push(on, Step::ConfirmReceipt);
            true
        }
        Some(None) => false,
    };
    let path = if running {
        s.path.clone()
    } else if matches!(s.path, Path::Withdraw) {
        Path::Withdraw
    } else {
        Path::Open
    };
    let notice = Step::CorrectionNotice {
        served_on: None,
        items: "身份证明".to_string(),
        period_wd: 15,
    };
    let fee = Step::FeeNotice {
        served_on: None,
        method: case::fee::FeeMethod::ByPage,
        count: 40,
        amount_yuan: 100,
        places: None,
        register_count: None,
        reason: None,
    };
    match path {
        Path::Open => {}
        Path::Reply(i) => push(next(&mut on), reply(i)),
        Path::Withdraw => push(next(&mut on), Step::Withdraw { reason: None }),
        Path::CorrectionLapsed => {
            push(next(&mut on), notice);
            push(
                next(&mut on),
                Step::CorrectionLapsed {
                    served_unknown_reason: Some("邮件无妥投记录".into()),
                },
            );
        }
        Path::CorrectedReply(i) => {
            push(next(&mut on), notice);
            push(
                next(&mut on),
                Step::CorrectionReceived {
                    note: None,
                    late_reason: None,
                },
            );
            push(next(&mut on), reply(i));
        }
        Path::FeeLapsed => {
            push(next(&mut on), fee);
            push(
                next(&mut on),
                Step::FeeLapsed {
                    served_unknown_reason: Some("邮件无妥投记录".into()),
                },
            );
        }
        Path::FeePaidReply(i) => {
            push(next(&mut on), fee);
            push(next(&mut on), Step::FeePaid);
            push(next(&mut on), reply(i));
        }
    }
    // Appeals, in filing order; a decision may come after later filings (recorded in order).
    let mut decisions = Vec::new();
    for (n, (kind, gap, result)) in s.appeals.iter().enumerate() {
        on += Duration::days(*gap);
        push(
            on,
            Step::AppealFiled {
                appeal: AppealKind::ALL[*kind],
                body: "市人民政府".to_string(),
                reference: None,
            },
        );
        if let Some((r, gap)) = result {
            decisions.push((on + Duration::days(*gap), n as u32 + 1, *r));
        }
    }
    decisions.sort();
    for (d, number, r) in decisions {
        let d = d.max(on);
        on = d;
        push(
            d,
            Step::AppealDecided {
                number,
                result: [
                    AppealResult::Upheld,
                    AppealResult::Corrected,
                    AppealResult::Other,
                ][r],
                note: None,
            },
        );
    }
    // A registration date found wrong and amended (earlier, so still before the next event).
    if let Some(back) = s.amend_back {
        push(
            on,
            Step::Amend(Box::new(Amendment {
                target: 1,
                on: Some(registered - Duration::days(back)),
                set: Default::default(),
                reason: "登记日期录入有误".to_string(),
                force: false,
            })),
        );
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// For random registers (requests received from mid-2024 to mid-2027, every path to a
    /// conclusion or none, unreachable letters, appeals): in every year and every column,
    /// 一 + 二 = （七）总计 + 四; 总计 is the sum of the six applicant columns in every row; （七）总计
    /// is the sum of the outcome rows and each 小计 the sum of its items; what a year carries
    /// forward is what the next carries over; table 四's 总计 is the sum of its columns and counts
    /// every appeal filed in the year.
    #[test]
    fn the_tables_add_up_for_random_registers(specs in proptest::collection::vec(spec(), 0..40)) {
        let cases: Vec<Case> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| case::replay(&events(i + 1, s)).unwrap())
            .collect();
        for year in 2024..=2027 {
            let r = annual::compute(&cases, year).unwrap_or_else(|e| panic!("{e}"));
            let t = &r.table3;
            for row in Row::all() {
                let sum: usize = Column::ALL[..6].iter().map(|c| t.count(row, *c)).sum();
                prop_assert_eq!(t.count(row, Column::Total), sum, "row {} of {}", row, year);
            }
            for c in Column::ALL {
                prop_assert_eq!(
                    t.count(Row::Received, c) + t.count(Row::CarriedOver, c),
                    t.count(Row::Concluded, c) + t.count(Row::CarriedForward, c),
                    "{} {}", year, c.key()
                );
                let leaves: usize = Outcome::all().iter().map(|o| t.count(Row::Outcome(*o), c)).sum();
                prop_assert_eq!(t.count(Row::Concluded, c), leaves);
                for g in 3..=6u8 {
                    let items: usize = Outcome::all()
                        .iter()
                        .filter(|o| o.group == g)
                        .map(|o| t.count(Row::Outcome(*o), c))
                        .sum();
                    prop_assert_eq!(t.count(Row::Subtotal(g), c), items);
                }
                let next = annual::compute(&cases, year + 1).unwrap();
                prop_assert_eq!(t.count(Row::CarriedForward, c), next.table3.count(Row::CarriedOver, c));
            }
            let mut filed = 0;
            for k in AppealKind::ALL {
                let parts: usize = AppealColumn::ALL[..4].iter().map(|c| r.table4.count(k, *c)).sum();
                prop_assert_eq!(r.table4.count(k, AppealColumn::Total), parts);
                filed += r.table4.count(k, AppealColumn::Total);
            }
            let expected = cases
                .iter()
                .flat_map(|c| &c.appeals)
                .filter(|a| a.filed_on.year() == year)
                .count();
            prop_assert_eq!(filed, expected);
        }
    }
}
