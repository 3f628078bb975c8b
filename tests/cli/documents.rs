//! The document register (主动公开, SPEC §10; S21–S22) through the real binary: registration
//! with its attribute determination, the 20-working-day clock (条例 Art 26), refusals, 索引号,
//! changes and their marking, verify, the catalogue, the table 二 figures, `doc requested`.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{Db, Output, in_person};

/// A register with a config giving the agency's credit code (the 索引号 needs it).
struct Docs {
    db: Db,
    config: PathBuf,
}

const CREDIT: &str = "11150000MB1604391C";

impl Docs {
    fn new() -> Docs {
        let db = Db::new();
        let config = db.path.with_file_name("config.toml");
        std::fs::write(
            &config,
            format!("credit_code = \"{CREDIT}\"\nagency = \"根河市文化旅游广电局\"\n"),
        )
        .unwrap();
        Docs { db, config }
    }

    fn run(&self, today: &str, args: &[&str]) -> Output {
        let c = self.config.display().to_string();
        let mut all = vec!["--config", c.as_str()];
        all.extend_from_slice(args);
        self.db.run(today, &all)
    }

    fn ok(&self, today: &str, args: &[&str]) -> Output {
        let o = self.run(today, args);
        assert_eq!(o.code, 0, "disclose {args:?}\n{}{}", o.stdout, o.stderr);
        o
    }

    fn refused(&self, today: &str, args: &[&str], code: i32) -> Output {
        let before = self.db.bytes();
        let o = self.run(today, args);
        assert_eq!(
            o.code, code,
            "disclose {args:?} should fail:\n{}{}",
            o.stdout, o.stderr
        );
        assert!(o.stdout.is_empty(), "nothing on stdout: {}", o.stdout);
        assert_eq!(self.db.bytes().0, before.0, "a refusal writes nothing");
        o
    }

    fn json(&self, today: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "json"]);
        serde_json::from_str(&self.ok(today, &all).stdout).unwrap()
    }

    fn show(&self, today: &str, id: &str) -> Value {
        self.json(today, &["doc", "show", id])
    }

    /// Registers a 主动公开 document; returns (id, publish_due).
    fn register(
        &self,
        today: &str,
        title: &str,
        no: &str,
        formed: &str,
        ty: &str,
    ) -> (String, Value) {
        let v = self.json(
            today,
            &[
                "doc",
                "register",
                "--title",
                title,
                "--doc-no",
                no,
                "--formed-on",
                formed,
                "--type",
                ty,
                "--attribute",
                "主动公开",
                "--signer",
                "张科长",
            ],
        );
        (
            v["id"].as_str().unwrap().to_string(),
            v["publish_due"].clone(),
        )
    }

    /// Reviews (同意) and approves a document, both on `on`.
    fn review_approve(&self, today: &str, id: &str, on: &str) {
        self.ok(
            today,
            &[
                "doc",
                "review",
                id,
                "--agree",
                "--signer",
                "王主任",
                "--on",
                on,
            ],
        );
        self.ok(
            today,
            &[
                "doc",
                "approve",
                id,
                "--channel",
                "政府网站",
                "--publisher",
                "根河市文化旅游广电局",
                "--topic",
                "履职依据",
                "--subtopic",
                "局发文件",
                "--approver",
                "李局长",
                "--on",
                on,
            ],
        );
    }

    fn publish(&self, today: &str, id: &str, on: &str) -> Value {
        self.ok(
            today,
            &[
                "doc",
                "publish",
                id,
                "--on",
                on,
                "--address",
                "https://www.genhe.gov.cn/zwgk/1.html",
            ],
        );
        self.show(today, id)
    }
}

#[test]
fn s21_normative_document_published_one_working_day_late() {
    let d = Docs::new();
    // An attribute of 不予公开 for a 行政规范性文件 is refused (SPEC §10), nothing written.
    let o = d.run(
        "2026-09-25",
        &[
            "doc",
            "register",
            "--title",
            "根河市A级旅游景区管理办法",
            "--doc-no",
            "根文旅规〔2026〕1号",
            "--formed-on",
            "2026-09-25",
            "--type",
            "行政规范性文件",
            "--attribute",
            "不予公开",
            "--ground",
            "过程性信息",
            "--signer",
            "张科长",
        ],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("行政规范性文件的公开属性只能为主动公开"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
    // 主动公开: formed Fri 2026-09-25, due 20 WD later across the National Day holiday.
    let (id, due) = d.register(
        "2026-09-25",
        "根河市A级旅游景区管理办法",
        "根文旅规〔2026〕1号",
        "2026-09-25",
        "行政规范性文件",
    );
    assert_eq!(id, "W2026-0001");
    assert_eq!(due, "2026-10-29");
    d.refused(
        "2026-10-30",
        &[
            "doc",
            "register",
            "--title",
            "x",
            "--formed-on",
            "2026-09-25",
            "--type",
            "行政规范性文件",
            "--attribute",
            "依申请公开",
            "--reason",
            "内部",
            "--signer",
            "甲",
        ],
        1,
    );
    d.review_approve("2026-09-28", &id, "2026-09-28");
    let v = d.publish("2026-10-30", &id, "2026-10-30");
    assert_eq!(v["id"], "W2026-0001");
    assert_eq!(v["type"], "行政规范性文件");
    assert_eq!(v["attribute"], "主动公开");
    assert_eq!(v["state"], "已发布");
    assert_eq!(v["formed_on"], "2026-09-25");
    assert_eq!(v["publish_due"], "2026-10-29");
    assert_eq!(v["publish_due_provisional"], false);
    assert_eq!(v["published_on"], "2026-10-30");
    assert_eq!(v["late_working_days"], 1);
    assert_eq!(v["index_no"], format!("{CREDIT}/2026-00001"));
    // Published once: one 索引号 per document.
    let o = d.refused(
        "2026-10-30",
        &["doc", "publish", &id, "--on", "2026-10-30"],
        1,
    );
    assert!(o.stderr.contains("该文件已发布"), "{}", o.stderr);
    let (code, report) = verify(&d);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["documents"], 1);
    assert_eq!(report["document_events"], 4);
}

/// The arguments of `doc figures` (表二's licensing, penalty and coercion counts, fees in 万元)
/// for `year`.
fn figures<'a>(
    year: &'a str,
    licensing: &'a str,
    penalty: &'a str,
    coercion: &'a str,
    fees_wan: &'a str,
) -> [&'a str; 12] {
    [
        "doc",
        "figures",
        "--year",
        year,
        "--licensing",
        licensing,
        "--penalty",
        penalty,
        "--coercion",
        coercion,
        "--fees-wan",
        fees_wan,
    ]
}

fn verify(d: &Docs) -> (i32, Value) {
    let o = d.run("2026-12-31", &["verify", "--format", "json"]);
    (o.code, serde_json::from_str(&o.stdout).unwrap())
}

#[test]
fn s22_repeal_is_marked_within_twenty_working_days() {
    let d = Docs::new();
    let (id, due) = d.register(
        "2026-03-02",
        "根河市文化市场综合执法规定",
        "根文旅发〔2026〕3号",
        "2026-03-02",
        "规章",
    );
    assert_eq!(due, "2026-03-30");
    d.review_approve("2026-03-03", &id, "2026-03-03");
    let v = d.publish("2026-03-10", &id, "2026-03-10");
    assert_eq!(v["late_working_days"], 0);
    d.ok(
        "2026-04-30",
        &["doc", "change", &id, "--kind", "废止", "--on", "2026-04-30"],
    );
    let v = d.show("2026-05-06", &id);
    assert_eq!(v["validity"], "已废止");
    assert_eq!(v["markings"][0]["due"], "2026-06-01");
    assert_eq!(v["duties"][0]["kind"], "mark");
    assert_eq!(v["duties"][0]["due"], "2026-06-01");
    // Repealed: no second repeal.
    d.refused(
        "2026-05-06",
        &["doc", "change", &id, "--kind", "失效", "--on", "2026-05-06"],
        1,
    );
    d.ok("2026-06-02", &["doc", "mark", &id, "--on", "2026-06-02"]);
    let v = d.show("2026-06-02", &id);
    assert_eq!(v["markings"][0]["marked_on"], "2026-06-02");
    assert_eq!(v["markings"][0]["late_working_days"], 1);
    assert_eq!(v["duties"].as_array().unwrap().len(), 0);
    d.refused("2026-06-03", &["doc", "mark", &id, "--on", "2026-06-03"], 1);
}

#[test]
fn publication_refused_before_approval_or_when_not_proactive() {
    let d = Docs::new();
    let (id, _) = d.register(
        "2026-03-02",
        "根河市旅游统计报表制度",
        "根文旅发〔2026〕4号",
        "2026-03-02",
        "其他",
    );
    let o = d.refused(
        "2026-03-05",
        &["doc", "publish", &id, "--on", "2026-03-05"],
        1,
    );
    assert!(o.stderr.contains("未经公文公开审批"), "{}", o.stderr);
    assert!(
        o.stderr.contains(&format!("disclose doc review {id}")),
        "{}",
        o.stderr
    );
    // The office changes the attribute to 依申请公开: it may not be approved nor published.
    d.ok(
        "2026-03-03",
        &[
            "doc",
            "review",
            &id,
            "--disagree",
            "--suggest",
            "依申请公开",
            "--reason",
            "涉及内部统计口径",
            "--signer",
            "王主任",
            "--on",
            "2026-03-03",
        ],
    );
    let v = d.show("2026-03-03", &id);
    assert_eq!(v["attribute"], "依申请公开");
    assert_eq!(v["publish_due"], Value::Null);
    d.refused(
        "2026-03-05",
        &[
            "doc",
            "approve",
            &id,
            "--channel",
            "政府网站",
            "--publisher",
            "局",
            "--topic",
            "政策解读",
            "--approver",
            "李",
        ],
        1,
    );
    d.refused(
        "2026-03-05",
        &["doc", "publish", &id, "--on", "2026-03-05"],
        1,
    );
    // A topic not in the table (附录E) is bad input.
    let (id2, _) = d.register(
        "2026-03-02",
        "另一份文件",
        "根文旅发〔2026〕5号",
        "2026-03-02",
        "其他",
    );
    d.ok(
        "2026-03-03",
        &[
            "doc",
            "review",
            &id2,
            "--agree",
            "--signer",
            "王",
            "--on",
            "2026-03-03",
        ],
    );
    let o = d.refused(
        "2026-03-05",
        &[
            "doc",
            "approve",
            &id2,
            "--channel",
            "政府网站",
            "--publisher",
            "局",
            "--topic",
            "履职依据",
            "--subtopic",
            "不存在的类目",
            "--approver",
            "李",
        ],
        4,
    );
    assert!(o.stderr.contains("局发文件"), "{}", o.stderr);
    // Unknown document.
    d.refused("2026-03-05", &["doc", "show", "W2026-0099"], 1);
}

#[test]
fn index_numbers_are_consecutive_and_never_reused() {
    let d = Docs::new();
    let mut nos = Vec::new();
    for (i, no) in ["根文旅发〔2026〕21号", "根文旅发〔2026〕22号"]
        .iter()
        .enumerate()
    {
        let (id, _) = d.register(
            "2026-04-01",
            &format!("文件{i}号标题"),
            no,
            "2026-04-01",
            "其他",
        );
        d.review_approve("2026-04-01", &id, "2026-04-01");
        nos.push(d.publish("2026-04-02", &id, "2026-04-02")["index_no"].clone());
    }
    assert_eq!(
        nos,
        [
            format!("{CREDIT}/2026-00001"),
            format!("{CREDIT}/2026-00002")
        ]
    );
    // A number given outside the tool that is already taken is refused.
    let (id, _) = d.register(
        "2026-04-01",
        "第三份文件标题",
        "根文旅发〔2026〕23号",
        "2026-04-01",
        "其他",
    );
    d.review_approve("2026-04-01", &id, "2026-04-01");
    let taken = format!("{CREDIT}/2026-00002");
    d.refused(
        "2026-04-02",
        &[
            "doc",
            "publish",
            &id,
            "--on",
            "2026-04-02",
            "--index-no",
            &taken,
        ],
        4,
    );
    let v = d.publish("2026-04-02", &id, "2026-04-02");
    assert_eq!(v["index_no"], format!("{CREDIT}/2026-00003"));
}

#[test]
fn verify_detects_an_altered_document_event() {
    let d = Docs::new();
    let (id, _) = d.register(
        "2026-04-01",
        "被改动的文件标题",
        "根文旅发〔2026〕30号",
        "2026-04-01",
        "其他",
    );
    d.review_approve("2026-04-01", &id, "2026-04-01");
    assert_eq!(verify(&d).0, 0);
    let conn = rusqlite::Connection::open(&d.db.path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER document_events_no_update;
         UPDATE document_events SET on_date = '2026-01-01' WHERE idx = 2;",
    )
    .unwrap();
    drop(conn);
    let (code, v) = verify(&d);
    assert_eq!(code, 6);
    let checks: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["check"].as_str().unwrap())
        .collect();
    assert!(checks.contains(&"schema"), "{checks:?}");
    assert!(checks.contains(&"doc-hash"), "{checks:?}");
}

#[test]
fn catalogue_files_are_written() {
    let d = Docs::new();
    let (id, _) = d.register(
        "2026-04-01",
        "根河市旅游民宿管理办法",
        "根文旅规〔2026〕2号",
        "2026-04-01",
        "行政规范性文件",
    );
    d.review_approve("2026-04-01", &id, "2026-04-01");
    d.publish("2026-04-03", &id, "2026-04-03");
    d.ok(
        "2026-04-03",
        &[
            "doc",
            "interpret",
            &id,
            "--form",
            "图解",
            "--by",
            "政策法规科",
            "--on",
            "2026-04-03",
        ],
    );
    let (unpublished, _) = d.register(
        "2026-04-01",
        "尚未发布的文件",
        "根文旅发〔2026〕40号",
        "2026-04-01",
        "其他",
    );
    let out = d.db.path.with_file_name("site");
    let o = out.display().to_string();
    d.ok(
        "2026-04-03",
        &["doc", "catalogue", "--format", "html", "--out", &o],
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("根河市旅游民宿管理办法"), "{index}");
    assert!(!index.contains("尚未发布的文件"));
    let pages: Vec<_> = std::fs::read_dir(out.join("doc")).unwrap().collect();
    assert_eq!(pages.len(), 1);
    let page = std::fs::read_to_string(pages[0].as_ref().unwrap().path()).unwrap();
    assert!(page.contains(&format!("{CREDIT}/2026-00001")), "{page}");
    assert!(page.contains("图解"), "{page}");
    d.ok(
        "2026-04-03",
        &["doc", "catalogue", "--format", "csv", "--out", &o],
    );
    let csv = std::fs::read_to_string(out.join("catalogue.csv")).unwrap();
    assert!(
        csv.contains("根文旅规〔2026〕2号") && csv.contains("有效"),
        "{csv}"
    );
    d.ok(
        "2026-04-03",
        &["doc", "catalogue", "--format", "json", "--out", &o],
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalogue.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let _ = unpublished;
}

#[test]
fn figures_of_table_two_are_recorded_as_events() {
    let d = Docs::new();
    let v = d.json("2027-01-10", &figures("2026", "120", "8", "1", "3.25"));
    assert_eq!(v["figures"]["fees_wan"], 3.25);
    d.refused("2027-01-10", &figures("2026", "1", "0", "0", "0.123456"), 2);
    let (code, report) = verify(&d);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["document_events"], 1);
}

#[test]
fn documents_requested_through_applications_are_listed() {
    let d = Docs::new();
    let v = d.json(
        "2026-03-02",
        &[
            "doc",
            "register",
            "--title",
            "根河市文旅项目评审细则",
            "--doc-no",
            "根文旅发〔2026〕7号",
            "--formed-on",
            "2026-03-02",
            "--type",
            "其他",
            "--attribute",
            "依申请公开",
            "--reason",
            "涉及评审专家信息",
            "--signer",
            "张科长",
        ],
    );
    let id = v["id"].as_str().unwrap().to_string();
    assert_eq!(v["publish_due"], Value::Null);
    in_person(
        &d.db,
        "2026-05-06",
        "2026-05-06",
        "赵一",
        "申请公开根文旅发〔2026〕7号文件全文",
    );
    in_person(
        &d.db,
        "2026-06-01",
        "2026-06-01",
        "钱二",
        "请提供《根河市文旅项目评审细则》",
    );
    in_person(
        &d.db,
        "2026-06-02",
        "2026-06-02",
        "孙三",
        "申请公开2025年预算",
    );
    let v = d.json("2026-06-10", &["doc", "requested"]);
    assert_eq!(v[0]["id"], id.as_str());
    assert_eq!(v[0]["requests"], 2);
    d.ok(
        "2026-06-10",
        &[
            "doc",
            "review",
            &id,
            "--agree",
            "--signer",
            "王主任",
            "--on",
            "2026-03-03",
        ],
    );
    d.ok(
        "2026-06-10",
        &[
            "doc",
            "convert",
            &id,
            "--on",
            "2026-06-10",
            "--reason",
            "近12个月被申请2次",
        ],
    );
    let v = d.show("2026-06-10", &id);
    assert_eq!(v["attribute"], "主动公开");
    // 20 WD from the conversion (Art 26), across 端午节 (Fri 2026-06-19).
    assert_eq!(v["publish_due"], "2026-07-09");
}

#[test]
fn weekly_report_shows_documents_beside_requests() {
    let d = Docs::new();
    // A request received 2026-10-09: its reply falls due within the report's 5 WD.
    let case = in_person(
        &d.db,
        "2026-10-09",
        "2026-10-09",
        "周四",
        "申请公开2026年文旅项目清单",
    );
    // A document formed 2026-09-25, not yet published: due 2026-10-29, overdue on 11-09.
    let (late, _) = d.register(
        "2026-09-25",
        "根河市A级旅游景区管理办法",
        "根文旅规〔2026〕1号",
        "2026-09-25",
        "行政规范性文件",
    );
    // A document formed 2026-10-12, due 2026-11-09 (Mon): due today.
    let (soon, due) = d.register(
        "2026-10-12",
        "根河市旅游厕所管理规定",
        "根文旅发〔2026〕50号",
        "2026-10-12",
        "其他",
    );
    assert_eq!(due, "2026-11-09");
    // A document published on time: nothing due.
    let (done, _) = d.register(
        "2026-10-12",
        "已按期发布的文件",
        "根文旅发〔2026〕51号",
        "2026-10-12",
        "其他",
    );
    d.review_approve("2026-10-13", &done, "2026-10-13");
    d.publish("2026-10-14", &done, "2026-10-14");
    let v = d.json("2026-11-09", &["overdue"]);
    let rows = v.as_array().unwrap();
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["case_no"].as_str().or(r["id"].as_str()).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("request", case.as_str()),
            ("document", late.as_str()),
            ("document", soon.as_str())
        ]
    );
    assert_eq!(rows[1]["duty"], "publish");
    assert_eq!(rows[1]["due"], "2026-10-29");
    assert_eq!(rows[1]["working_days_left"], -7);
    assert_eq!(rows[1]["agency_late"], true);
    assert_eq!(rows[2]["due"], "2026-11-09");
    assert_eq!(rows[2]["working_days_left"], 0);
    assert_eq!(rows[2]["agency_late"], false);
    // --fail-if-any counts the documents: only the document is late on 2026-11-05.
    let c = d.config.display().to_string();
    let db = d.db.path.display().to_string();
    let o = crate::common::disclose(&[
        "--db",
        &db,
        "--config",
        &c,
        "--today",
        "2026-11-05",
        "overdue",
        "--fail-if-any",
    ]);
    assert_eq!(o.code, 3, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("文件发布已逾期"), "{}", o.stdout);
    assert!(o.stdout.contains(&late), "{}", o.stdout);
    let o = crate::common::disclose(&[
        "--db",
        &db,
        "--config",
        &c,
        "--today",
        "2026-10-28",
        "overdue",
        "--fail-if-any",
    ]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
}

#[test]
fn table_two_over_two_years_keeps_its_identity() {
    let d = Docs::new();
    let reg =
        |formed: &str, title: &str, no: &str, ty: &str| d.register(formed, title, no, formed, ty).0;
    let r1 = reg(
        "2025-03-03",
        "根河市文化市场管理规定",
        "根政令〔2025〕1号",
        "规章",
    );
    let n1 = reg(
        "2025-05-06",
        "根河市旅游景区门票管理办法",
        "根文旅规〔2025〕1号",
        "行政规范性文件",
    );
    let n2 = reg(
        "2025-11-03",
        "根河市文物保护补助办法",
        "根文旅规〔2025〕2号",
        "行政规范性文件",
    );
    d.review_approve("2025-05-07", &n1, "2025-05-07");
    d.publish("2025-05-08", &n1, "2025-05-08");
    let _ = (r1, n2.clone());
    // 2026: N1 repealed (S22: counted under 本年废止件数, not 现行有效件数), N2 amended (stays in
    // force), a 规章 and a 行政规范性文件 issued.
    d.ok(
        "2026-04-30",
        &["doc", "change", &n1, "--kind", "废止", "--on", "2026-04-30"],
    );
    d.ok(
        "2026-06-01",
        &[
            "doc",
            "change",
            &n2,
            "--kind",
            "修改",
            "--on",
            "2026-06-01",
            "--successor",
            "根文旅规〔2026〕3号",
        ],
    );
    reg(
        "2026-02-02",
        "根河市非物质文化遗产保护规定",
        "根政令〔2026〕1号",
        "规章",
    );
    reg(
        "2026-09-25",
        "根河市A级旅游景区管理办法",
        "根文旅规〔2026〕1号",
        "行政规范性文件",
    );
    reg(
        "2026-09-28",
        "不计入表二的其他文件",
        "根文旅发〔2026〕9号",
        "其他",
    );
    d.ok("2027-01-10", &figures("2026", "120", "8", "1", "3.25"));
    let y2025 = d.json("2027-01-10", &["report", "annual", "--year", "2025"]);
    assert_eq!(
        y2025["table2"],
        serde_json::json!({
            "rules": {"issued": 1, "repealed": 0, "in_force": 1},
            "normative": {"issued": 2, "repealed": 0, "in_force": 2},
            "licensing": {"decisions": 0}, "penalty": {"decisions": 0},
            "coercion": {"decisions": 0}, "fees": {"amount_wan": 0.0},
        })
    );
    let y2026 = d.json("2027-01-10", &["report", "annual", "--year", "2026"]);
    assert_eq!(
        y2026["table2"],
        serde_json::json!({
            "rules": {"issued": 1, "repealed": 0, "in_force": 2},
            "normative": {"issued": 1, "repealed": 1, "in_force": 2},
            "licensing": {"decisions": 120}, "penalty": {"decisions": 8},
            "coercion": {"decisions": 1}, "fees": {"amount_wan": 3.25},
        })
    );
    // The identity: 现行有效(2026) = 现行有效(2025) + 本年制发(2026) − 本年废止(2026).
    for k in ["rules", "normative"] {
        let (a, b) = (&y2025["table2"][k], &y2026["table2"][k]);
        assert_eq!(
            b["in_force"].as_i64().unwrap(),
            a["in_force"].as_i64().unwrap() + b["issued"].as_i64().unwrap()
                - b["repealed"].as_i64().unwrap()
        );
    }
    // Every format carries it.
    let t = d
        .ok("2027-01-10", &["report", "annual", "--year", "2026"])
        .stdout;
    assert!(t.contains("二、主动公开政府信息情况"), "{t}");
    assert!(
        t.contains("本年收费金额（单位：万元）") && t.contains("3.25"),
        "{t}"
    );
    let csv = d
        .ok(
            "2027-01-10",
            &["report", "annual", "--year", "2026", "--format", "csv"],
        )
        .stdout;
    assert!(csv.contains("行政规范性文件,1,1,2"), "{csv}");
    assert!(csv.contains("行政事业性收费,3.25"), "{csv}");
    let html = d
        .ok(
            "2027-01-10",
            &["report", "annual", "--year", "2026", "--fragment", "html"],
        )
        .stdout;
    assert!(
        html.contains("<tr><td>规章</td><td>1</td><td>0</td><td>2</td></tr>"),
        "{html}"
    );
    let md = d
        .ok(
            "2027-01-10",
            &[
                "report",
                "annual",
                "--year",
                "2026",
                "--fragment",
                "markdown",
            ],
        )
        .stdout;
    assert!(md.contains("| 行政许可 | 120 |"), "{md}");
}

#[test]
fn doc_import_of_the_example_catalogue_is_idempotent() {
    let d = Docs::new();
    let csv = crate::common::repo("examples/documents.csv")
        .display()
        .to_string();
    let xlsx = crate::common::repo("examples/documents.xlsx")
        .display()
        .to_string();
    let v = d.json("2026-12-07", &["doc", "import", &csv]);
    assert_eq!(v["imported"], 31);
    assert_eq!(v["skipped"], 0);
    // The same catalogue again, as CSV or as the workbook: nothing new.
    for f in [&csv, &xlsx] {
        let v = d.json("2026-12-07", &["doc", "import", f]);
        assert_eq!(v["imported"], 0);
        assert_eq!(v["skipped"], 31);
    }
    assert_eq!(
        d.json("2026-12-07", &["doc", "list"])
            .as_array()
            .unwrap()
            .len(),
        31
    );
    let (code, report) = verify(&d);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["documents"], 31);
}

#[test]
fn doc_import_with_a_bad_row_writes_nothing_and_a_reject_file() {
    let d = Docs::new();
    let text = std::fs::read_to_string(crate::common::repo("examples/documents.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().take(4).map(str::to_string).collect();
    // Row 3 (line 3): a 行政规范性文件 may not be 依申请公开 (SPEC §10).
    let cols: Vec<&str> = lines[0].split(',').collect();
    let ty = cols.iter().position(|c| *c == "公文类型").unwrap();
    let attr = cols.iter().position(|c| *c == "公开属性").unwrap();
    let mut cells: Vec<String> = lines[2].split(',').map(str::to_string).collect();
    cells[ty] = "行政规范性文件".into();
    cells[attr] = "依申请公开".into();
    lines[2] = cells.join(",");
    let file = d.db.path.with_file_name("目录.csv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let f = file.display().to_string();
    let o = d.run("2026-12-07", &["doc", "import", &f]);
    assert_eq!(o.code, 4, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("第 3 行"), "{}", o.stderr);
    assert!(!d.db.path.exists(), "nothing written, no register made");
    let rejected =
        std::fs::read_to_string(d.db.path.with_file_name("目录.csv.rejected.csv")).unwrap();
    assert_eq!(rejected.lines().count(), 2, "{rejected}");
    assert!(
        rejected.contains("行政规范性文件的公开属性只能为主动公开"),
        "{rejected}"
    );
}

#[test]
fn a_backup_carries_the_documents() {
    let d = Docs::new();
    let (id, _) = d.register(
        "2026-04-01",
        "备份中的文件标题",
        "根文旅发〔2026〕60号",
        "2026-04-01",
        "其他",
    );
    d.review_approve("2026-04-01", &id, "2026-04-01");
    d.publish("2026-04-02", &id, "2026-04-02");
    let copy = d.db.path.with_file_name("备份.db");
    let c = copy.display().to_string();
    d.ok("2026-04-02", &["backup", &c]);
    let cfg = d.config.display().to_string();
    let o = crate::common::disclose(&[
        "--db",
        &c,
        "--config",
        &cfg,
        "--today",
        "2026-04-02",
        "doc",
        "show",
        &id,
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["index_no"], format!("{CREDIT}/2026-00001"));
    let o = crate::common::disclose(&[
        "--db",
        &c,
        "--today",
        "2026-04-02",
        "verify",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["document_events"], 4);
}

/// Clerk tryout t3 #3: every `doc` step says what was recorded by its Chinese name (not
/// "doc publish"), and a refusal cites the 条例 or the bureau's rules, never the SPEC.
#[test]
fn doc_steps_are_named_in_chinese_and_refusals_cite_the_rules() {
    let d = Docs::new();
    let (id, _) = d.register(
        "2026-03-02",
        "根河市文化市场综合执法规定",
        "根文旅发〔2026〕3号",
        "2026-03-02",
        "规章",
    );
    // 政策解读 only for a published document (附录A.2).
    let o = d.refused(
        "2026-03-03",
        &[
            "doc",
            "interpret",
            &id,
            "--form",
            "文字",
            "--by",
            "局办公室",
            "--on",
            "2026-03-03",
        ],
        1,
    );
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        "错误：政策解读只能对已发布的文件发布（附录A.2）"
    );
    let first_line = |o: &Output| o.stdout.lines().next().unwrap_or_default().to_string();
    let o = d.ok(
        "2026-03-03",
        &[
            "doc",
            "review",
            &id,
            "--agree",
            "--signer",
            "王主任",
            "--on",
            "2026-03-03",
        ],
    );
    assert_eq!(first_line(&o), format!("已记录：{id} 公开属性审核"));
    let o = d.ok(
        "2026-03-03",
        &[
            "doc",
            "approve",
            &id,
            "--channel",
            "政府网站",
            "--publisher",
            "根河市文化旅游广电局",
            "--topic",
            "履职依据",
            "--subtopic",
            "局发文件",
            "--approver",
            "李局长",
            "--on",
            "2026-03-03",
        ],
    );
    assert_eq!(first_line(&o), format!("已记录：{id} 公开审批"));
    let o = d.ok(
        "2026-03-10",
        &[
            "doc",
            "publish",
            &id,
            "--on",
            "2026-03-10",
            "--address",
            "https://www.genhe.gov.cn/zwgk/1.html",
        ],
    );
    assert_eq!(first_line(&o), format!("已记录：{id} 发布"));
    let o = d.ok(
        "2026-03-10",
        &[
            "doc",
            "interpret",
            &id,
            "--form",
            "文字",
            "--by",
            "局办公室",
            "--on",
            "2026-03-10",
        ],
    );
    assert_eq!(first_line(&o), format!("已记录：{id} 发布政策解读"));
    let o = d.ok(
        "2026-04-30",
        &["doc", "change", &id, "--kind", "修改", "--on", "2026-04-30"],
    );
    assert_eq!(
        first_line(&o),
        format!("已记录：{id} 变更（修改、废止或失效）")
    );
    // A change dated before the previous one (条例第二十六条: changes are marked in order).
    let o = d.refused(
        "2026-04-30",
        &["doc", "change", &id, "--kind", "废止", "--on", "2026-04-29"],
        1,
    );
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        "错误：变更日期2026-04-29早于上一次变更日期2026-04-30（条例第二十六条）"
    );
    let o = d.ok("2026-05-06", &["doc", "mark", &id, "--on", "2026-05-06"]);
    assert_eq!(
        first_line(&o),
        format!("已记录：{id} 在已发布原文上标注变更")
    );
    // The document is published: a second 索引号 is refused, citing 条例第十二条 (目录 and 索引).
    let o = d.refused(
        "2026-05-06",
        &["doc", "publish", &id, "--on", "2026-05-06"],
        1,
    );
    assert!(
        o.stderr.starts_with(&format!(
            "错误：该文件已发布（索引号{CREDIT}/2026-00001），每件文件只有一个索引号（条例第十二条）"
        )),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("SPEC"), "{}", o.stderr);
}

/// Clerk tryout t3 #4: a refused `doc register` hints the command that fixes it — 主动公开 for a
/// 行政规范性文件 (条例第二十条第（一）项), `--ground` with its choices for 不予公开 — and the
/// choices of `--ground` are joined by “|”, since two of them contain “、”.
#[test]
fn doc_register_refusals_hint_the_fix() {
    let d = Docs::new();
    d.register(
        "2026-03-02",
        "已登记的文件",
        "根文旅发〔2026〕1号",
        "2026-03-02",
        "其他",
    );
    let register = |extra: &[&str]| {
        let mut args = vec![
            "doc",
            "register",
            "--title",
            "文化市场管理办法",
            "--formed-on",
            "2026-03-02",
        ];
        args.extend_from_slice(extra);
        d.refused(
            "2026-03-02",
            &args,
            if extra.contains(&"x") { 2 } else { 1 },
        )
    };
    let o = register(&[
        "--type",
        "行政规范性文件",
        "--attribute",
        "不予公开",
        "--ground",
        "过程性信息",
    ]);
    assert_eq!(
        o.stderr,
        "错误：行政规范性文件的公开属性只能为主动公开，不能为不予公开（条例第二十条第（一）项）\n\
         提示：未写入任何内容。改正后重新输入：\n\
         提示：  disclose doc register --title 标题 --doc-no 文号 --formed-on 成文日期 --type 行政规范性文件 --attribute 主动公开\n"
    );
    let grounds = "法律、行政法规禁止公开的局信息|危及“三安全一稳定”|涉及商业秘密、个人隐私|过程性信息|本局内部事务信息|行政执法案卷信息";
    let o = register(&["--type", "其他", "--attribute", "不予公开"]);
    assert_eq!(
        o.stderr,
        format!(
            "错误：确定为不予公开的，须勾选至少一项不予公开理由（--ground）（附录B/C 注4；附录A.1）\n\
             提示：未写入任何内容。改正后重新输入：\n\
             提示：  disclose doc register --title 标题 --doc-no 文号 --formed-on 成文日期 --type 规章|其他 --attribute 不予公开 --ground {grounds}\n"
        )
    );
    let o = register(&["--type", "其他", "--attribute", "不予公开", "--ground", "x"]);
    assert!(
        o.stderr
            .contains(&format!("“x”不是不予公开理由的选项；可选：{grounds}")),
        "{}",
        o.stderr
    );
}
