//! A register that survives clerks, crashes and mistakes (issue 6): tamper evidence (`verify`),
//! backups, concurrent writers, SIGKILL at random points, hostile and broken input, the export
//! for an appeal, and privacy — the same for `disclose import` of a spreadsheet. Every test
//! drives the real binary on a fresh database in a temporary folder; the database is inspected
//! (and tampered with) through rusqlite.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;

use crate::common::{Output, disclose_env};

/// The business "today" of these tests.
const TODAY: &str = "2026-11-30";
/// The recording timestamp the helpers set (`DISCLOSE_TIMESTAMP`).
const TIMESTAMP: &str = "2026-11-30T09:00:00+08:00";
const ID: &str = "11010519491231002X";
const PHONE: &str = "13812345678";
const ADDRESS: &str = "北京市西城区金融大街甲9号院3号楼502室";

/// A fresh register in its own temporary folder.
struct Register {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Register {
    fn new() -> Register {
        let dir = scratch();
        let db = dir.path().join("登记簿 test.db");
        Register { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let db = self.db.to_str().unwrap();
        let mut v = vec!["--db", db, "--today", TODAY];
        v.extend_from_slice(args);
        disclose_env(&v, env)
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    fn ok(&self, args: &[&str]) -> Output {
        let o = self.run(args);
        assert_eq!(
            o.code, 0,
            "disclose {args:?}\nstdout: {}\nstderr: {}",
            o.stdout, o.stderr
        );
        o
    }

    /// The binary as a `Command`, with the same environment as the `disclose` helper.
    fn command(&self, args: &[&str]) -> Command {
        command(&self.db, args)
    }

    fn sql(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    fn count(&self, table: &str) -> i64 {
        self.sql()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Registers a request received in person on `on`; returns its case number.
    fn register(&self, applicant: &str, on: &str, content: &str) -> String {
        let o = self.ok(&[
            "register",
            "--channel",
            "in-person",
            "--on",
            on,
            "--applicant",
            applicant,
            "--applicant-type",
            "natural",
            "--phone",
            PHONE,
            "--content",
            content,
        ]);
        case_no_of(&o.stdout)
    }

    /// Scenario S5 (SPEC, cases/scenarios.md) carried through to the reply: in person Mon
    /// 2026-03-02 with ID, phone and address; third party consulted 2026-03-10, answered
    /// 2026-03-20; draft, review, approval; reply on 2026-03-26. Seven events.
    fn s5(&self) -> String {
        let o = self.ok(&[
            "register",
            "--channel",
            "in-person",
            "--on",
            "2026-03-02",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--address",
            ADDRESS,
            "--email",
            "zhangsan@example.com",
            "--content",
            "2025年本区老旧小区改造项目清单",
        ]);
        let c = case_no_of(&o.stdout);
        for step in [
            vec![
                "consult-third-party",
                "send",
                &c,
                "--on",
                "2026-03-10",
                "--party",
                "某某建设有限公司",
            ],
            vec![
                "consult-third-party",
                "answer",
                &c,
                "--on",
                "2026-03-20",
                "--party",
                "某某建设有限公司",
                "--answer",
                "agree",
            ],
            vec![
                "review",
                "draft",
                &c,
                "--on",
                "2026-03-23",
                "--department",
                "城建科",
                "--handler",
                "李四",
                "--outcome",
                "1",
            ],
            vec!["review", "office", &c, "--on", "2026-03-24", "--approve"],
            vec![
                "review",
                "leader",
                &c,
                "--on",
                "2026-03-25",
                "--leader",
                "王五",
                "--approve",
            ],
            vec![
                "reply",
                &c,
                "--on",
                "2026-03-26",
                "--delivery",
                "邮寄",
                "--tracking-no",
                "EMS1234567890",
            ],
        ] {
            self.ok(&step);
        }
        c
    }

    /// `verify --format json`: exit code and the report.
    fn verify(&self, extra: &[&str]) -> (i32, Value) {
        let mut args = vec!["verify", "--format", "json"];
        args.extend_from_slice(extra);
        let o = self.run(&args);
        let v: Value = serde_json::from_str(&o.stdout)
            .unwrap_or_else(|e| panic!("verify printed no JSON ({e}): {}\n{}", o.stdout, o.stderr));
        (o.code, v)
    }
}

/// A temporary folder, in memory (`/dev/shm`) where there is one: these tests are about
/// locking and atomicity, which the page cache keeps across a killed process, and an `fsync`
/// on a virtual disk can cost 50 ms, which thousands of commits cannot afford.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_disclose"));
    cmd.arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env_remove("DISCLOSE_DB")
        .env_remove("DISCLOSE_TODAY")
        .env_remove("DISCLOSE_FORMAT")
        .env_remove("DISCLOSE_HOLIDAYS")
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
        .env("USER", "测试员");
    cmd
}

fn case_no_of(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("已登记："))
        .unwrap_or_else(|| panic!("no case number in: {stdout}"))
        .trim()
        .to_string()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn sha256_file(p: &Path) -> String {
    disclose::report::export::sha256_hex(&std::fs::read(p).unwrap())
}

/// One problem of a verify report: (case, event, seq, check, what).
type Found = (Option<String>, Option<u64>, Option<i64>, String, String);

/// The problems of a verify report.
fn problems(v: &Value) -> Vec<Found> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["case_no"].as_str().map(str::to_string),
                p["event"].as_u64(),
                p["seq"].as_i64(),
                p["check"].as_str().unwrap().to_string(),
                p["what"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

// ---------------------------------------------------------------------------------------------
// Tamper evidence

/// Two requests: 2026-0001 is S5 (seq 1–7), 2026-0002 is registered (seq 8) and drafted (seq 9).
fn two_requests() -> Register {
    let r = Register::new();
    assert_eq!(r.s5(), "2026-0001");
    assert_eq!(
        r.register("李明", "2026-03-05", "本局2025年行政处罚决定书"),
        "2026-0002"
    );
    r.ok(&[
        "review",
        "draft",
        "2026-0002",
        "--on",
        "2026-03-06",
        "--department",
        "办公室",
        "--handler",
        "赵六",
        "--outcome",
        "1",
    ]);
    r
}

#[test]
fn verify_passes_on_an_untouched_register_and_prints_the_chain_head() {
    let r = two_requests();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["intact"], true);
    assert_eq!(v["requests"], 2);
    assert_eq!(v["events"], 9);
    let head: String = r
        .sql()
        .query_row("SELECT hash FROM events WHERE seq = 9", [], |x| x.get(0))
        .unwrap();
    assert_eq!(v["head"]["seq"], 9);
    assert_eq!(v["head"]["hash"], head.as_str());
    assert_eq!(v["problems"], serde_json::json!([]));
    let o = r.ok(&["verify"]);
    assert!(
        o.stdout
            .contains("SQLite 完整性检查：通过\n表结构与只增不改的触发器：完好\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains(&format!(
            "哈希链：共 9 条事件，逐条重算一致；最新事件 seq 9，哈希 {head}"
        )),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("案件信息：共 2 件申请，逐件重放与存储一致"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("结论：完好\n"), "{}", o.stdout);
}

#[test]
fn an_event_edited_with_sql_is_named_by_case_event_and_seq() {
    let r = two_requests();
    // The third event of 2026-0001 (seq 3) is the third party's answer of 2026-03-20.
    r.sql()
        .execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET on_date = '2026-03-13' WHERE seq = 3;",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    assert_eq!(v["intact"], false);
    let p = problems(&v);
    assert!(
        p.iter()
            .any(|x| x.0 == s("2026-0001") && x.1 == Some(3) && x.2 == Some(3) && x.3 == "hash"),
        "{p:?}"
    );
    assert!(
        p.contains(&(
            s("2026-0001"),
            None,
            None,
            "projection".to_string(),
            "案件信息与 7 项事件的重放结果不符：consultations[0].answer.on 为 “2026-03-20”，重放得 “2026-03-13”".to_string()
        )),
        "{p:?}"
    );
    // The dropped trigger is reported; nothing about the other request, nor the chain's links.
    assert_eq!(
        p[0],
        (
            None,
            None,
            None,
            "schema".to_string(),
            "保护事件记录只增不改的触发器 events_no_update 被删除或改动过".to_string()
        )
    );
    assert!(
        p[1..]
            .iter()
            .all(|x| x.0 == s("2026-0001") && x.3 != "chain"),
        "{p:?}"
    );
    let o = r.run(&["verify"]);
    assert_eq!(o.code, 6);
    assert!(
        o.stdout.contains("2026-0001 第 3 项事件（seq 3）"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("事件内容与其哈希不符"), "{}", o.stdout);
    assert!(
        o.stdout.contains("结论：登记簿被改动过或不一致"),
        "{}",
        o.stdout
    );
}

#[test]
fn an_edit_with_a_recomputed_hash_breaks_the_link_to_the_next_event() {
    let r = two_requests();
    let conn = r.sql();
    // A careful forger rewrites event 8 (2026-0002's registration) and recomputes its hash.
    let (prev, idx, kind, on, by, at, payload): (String, u32, String, String, String, String, String) = conn
        .query_row(
            "SELECT prev_hash, idx, kind, on_date, recorded_by, recorded_at, payload FROM events WHERE seq = 8",
            [],
            |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?, x.get(5)?, x.get(6)?)),
        )
        .unwrap();
    let forged = payload.replace("李明", "李鸣");
    assert_ne!(forged, payload);
    let hash = disclose::store::event_hash(&prev, "2026-0002", idx, &kind, &on, &by, &at, &forged);
    conn.execute_batch("DROP TRIGGER events_no_update").unwrap();
    conn.execute(
        "UPDATE events SET payload = ?1, hash = ?2 WHERE seq = 8",
        [&forged, &hash],
    )
    .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    let p = problems(&v);
    assert!(
        p.iter().all(|x| x.3 != "hash"),
        "the forged hash itself is right: {p:?}"
    );
    assert!(
        p.iter().any(|x| x.0 == s("2026-0002")
            && x.1 == Some(2)
            && x.2 == Some(9)
            && x.3 == "chain"
            && x.4.starts_with("哈希链断开")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|x| x.0 == s("2026-0002")
            && x.3 == "projection"
            && x.4
                .contains("registration.applicant.name 为 “李明”，重放得 “李鸣”")),
        "{p:?}"
    );
}

#[test]
fn an_edited_projection_row_is_named_with_what_differs() {
    let r = two_requests();
    r.sql()
        .execute_batch(
            "UPDATE requests SET applicant_name = '王二',
                 data = json_set(data, '$.registration.applicant.name', '王二')
             WHERE case_no = '2026-0002';
             UPDATE requests SET concluded_on = '2026-03-25' WHERE case_no = '2026-0001';",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    let p = problems(&v);
    let proj = |case: &str, what: &str| {
        (
            s(case),
            None,
            None,
            "projection".to_string(),
            what.to_string(),
        )
    };
    assert_eq!(
        p,
        vec![
            proj(
                "2026-0001",
                "案件信息与 7 项事件的重放结果不符：列 concluded_on 为 “2026-03-25”，重放得 “2026-03-26”"
            ),
            proj(
                "2026-0002",
                "案件信息与 2 项事件的重放结果不符：registration.applicant.name 为 “王二”，重放得 “李明”"
            ),
            proj(
                "2026-0002",
                "案件信息与 2 项事件的重放结果不符：列 applicant_name 为 “王二”，重放得 “李明”"
            ),
        ]
    );
}

#[test]
fn a_deleted_last_event_is_caught_and_a_covered_up_deletion_is_caught_against_a_backup() {
    let r = two_requests();
    let before = r.path("before.db");
    r.ok(&["backup", before.to_str().unwrap()]);
    r.sql()
        .execute_batch("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 9;")
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    let p = problems(&v);
    assert!(
        p.contains(&(
            s("2026-0002"),
            Some(2),
            None,
            "projection".to_string(),
            "案件信息记录了 2 项事件，事件表只有 1 项（最后一项为 seq 8）：第 2 项事件缺失，被删除了"
                .to_string()
        )),
        "{p:?}"
    );
    assert_eq!(v["events"], 8);

    // The forger also rewrites the projection to what it was before the draft and puts the
    // trigger back: nothing inside the file shows it any more; a backup (or the chain head
    // written down) does.
    let mut case = disclose::store::Store::open(&r.db)
        .unwrap()
        .case("2026-0002")
        .unwrap();
    case.draft = None;
    case.event_count = 1;
    case.last_on = "2026-03-05".parse().unwrap();
    r.sql()
        .execute(
            "UPDATE requests SET department = NULL, last_on = '2026-03-05', event_count = 1, data = ?1
             WHERE case_no = '2026-0002'",
            [serde_json::to_string(&case).unwrap()],
        )
        .unwrap();
    r.sql()
        .execute_batch(
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events
             BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(
        code, 0,
        "a deletion covered up inside the file passes on its own: {v}"
    );
    assert_eq!(v["head"]["seq"], 8);
    let (code, v) = r.verify(&["--against", before.to_str().unwrap()]);
    assert_eq!(code, 6, "{v}");
    assert_eq!(
        problems(&v),
        vec![(
            s("2026-0002"),
            Some(2),
            Some(9),
            "backup".to_string(),
            "备份中有这条事件，登记簿中已没有：被删除了".to_string()
        )]
    );
}

#[test]
fn a_deleted_middle_event_breaks_the_chain_and_the_numbering() {
    let r = two_requests();
    r.sql()
        .execute_batch("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 5;")
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6);
    let p = problems(&v);
    assert!(
        p.iter()
            .any(|x| x.0 == s("2026-0001") && x.1 == Some(6) && x.2 == Some(6) && x.3 == "chain"),
        "{p:?}"
    );
    assert!(
        p.contains(&(
            s("2026-0001"),
            Some(6),
            Some(6),
            "events".to_string(),
            "事件编号不连续：缺少第 5 项事件（被删除了）".to_string()
        )),
        "{p:?}"
    );
}

#[test]
fn a_dropped_table_fails_verify_with_exit_6() {
    let r = two_requests();
    r.sql()
        .execute_batch(
            "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TABLE events;",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6, "{v}");
    let schema = |what: &str| (None, None, None, "schema".to_string(), what.to_string());
    assert_eq!(
        problems(&v),
        vec![
            schema("保护事件记录只增不改的触发器 events_no_update 被删除或改动过"),
            schema("保护事件记录只增不改的触发器 events_no_delete 被删除或改动过"),
            schema("读取时发现文件损坏或表结构被改动：no such table: events"),
        ]
    );
}

#[test]
fn a_damaged_file_fails_verify_with_exit_6() {
    let r = two_requests();
    // Overwrite a page in the middle of the file (not the header): SQLite's own check fails.
    r.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let mut bytes = std::fs::read(&r.db).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 4 * page, "{}", bytes.len());
    // Garble the header of every b-tree page but the first (which names the tables).
    for p in 1..bytes.len() / page {
        for b in &mut bytes[p * page..p * page + 12] {
            *b = 0x5a;
        }
    }
    std::fs::write(&r.db, &bytes).unwrap();
    let o = r.run(&["verify"]);
    assert_eq!(o.code, 6, "{} {}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("SQLite 完整性检查：未通过"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("结论：登记簿被改动过或不一致"),
        "{}",
        o.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// Export for an appeal

#[test]
fn export_writes_the_complete_masked_file_that_verifies_later() {
    let r = two_requests();
    let out = r.path("复议 2026-0001");
    let o = r.ok(&["export", "2026-0001", "--dir", out.to_str().unwrap()]);
    assert!(
        o.stdout.starts_with(&format!(
            "已导出 2026-0001 的案卷到 {}：7 条记录，个人信息已部分遮盖",
            out.display()
        )),
        "{}",
        o.stdout
    );
    assert_eq!(mode(&out), 0o700);
    for f in ["case.json", "case.md", "manifest.json", "SHA256SUMS"] {
        assert_eq!(mode(&out.join(f)), 0o600, "{f}");
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        for secret in [ID, PHONE, ADDRESS, "zhangsan@example.com"] {
            assert!(!text.contains(secret), "{f} shows {secret}");
        }
    }
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("case.json")).unwrap()).unwrap();
    assert_eq!(json["case_no"], "2026-0001");
    assert_eq!(json["personal_data"], "masked");
    assert_eq!(
        json["request"]["applicant"]["id_number"],
        "110105********002X"
    );
    assert_eq!(json["request"]["applicant"]["phone"], "138****5678");
    assert_eq!(
        json["request"]["applicant"]["address"],
        "北京市西城区***************"
    );
    // S5: the third party's window ends 2026-03-31; the reply was due 2026-04-10.
    assert_eq!(json["request"]["reply_due"], "2026-04-10");
    assert_eq!(json["deadlines"]["clock_start"], "2026-03-02");
    assert_eq!(json["deadlines"]["pauses"][0]["from"], "2026-03-10");
    assert_eq!(json["deadlines"]["pauses"][0]["to"], "2026-03-20");
    let cons = &json["letters"]["consultations"][0];
    assert_eq!(cons["party"], "某某建设有限公司");
    assert_eq!(cons["window_end"]["date"], "2026-03-31");
    assert_eq!(cons["answer"], "同意公开");
    assert_eq!(cons["answered_on"], "2026-03-20");
    let reply = &json["letters"]["reply"];
    assert_eq!(reply["on"], "2026-03-26");
    assert_eq!(reply["outcome_label"], "（一）予以公开");
    assert_eq!(reply["delivery"], "邮寄");
    assert_eq!(reply["tracking_no"], "EMS1234567890");
    assert_eq!(reply["late_working_days"], Value::Null);
    let events = json["events"].as_array().unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "register",
            "consultation-sent",
            "consultation-answered",
            "draft",
            "office-review",
            "leader-approval",
            "reply"
        ]
    );
    let dates: Vec<&str> = events.iter().map(|e| e["on"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2026-03-02",
            "2026-03-10",
            "2026-03-20",
            "2026-03-23",
            "2026-03-24",
            "2026-03-25",
            "2026-03-26"
        ]
    );
    let conn = r.sql();
    for (i, e) in events.iter().enumerate() {
        let seq = i as i64 + 1;
        let (hash, prev): (String, String) = conn
            .query_row(
                "SELECT hash, prev_hash FROM events WHERE seq = ?1",
                [seq],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        assert_eq!(e["index"], seq);
        assert_eq!(e["seq"], seq);
        assert_eq!(e["by"], "测试员");
        assert_eq!(e["recorded_at"], TIMESTAMP);
        assert_eq!(e["hash"], hash.as_str());
        assert_eq!(e["prev_hash"], prev.as_str());
        assert_eq!(
            e["stored_payload"],
            Value::Null,
            "a masked export leaves out the raw payload"
        );
    }
    assert_eq!(
        events[0]["content"]["applicant"]["id_number"],
        "110105********002X"
    );
    assert_eq!(json["chain"]["register_head"]["seq"], 9);

    let md = std::fs::read_to_string(out.join("case.md")).unwrap();
    assert!(md.starts_with("# 政府信息公开申请案卷 2026-0001\n"), "{md}");
    for needle in [
        "答复期限：2026-04-10",
        "| 身份证明 | 居民身份证 110105********002X |",
        "| 某某建设有限公司 | 第三方（条例第三十二条） | 2026-03-10 | 2026-03-31 | 同意公开 | 2026-03-20 | — |",
        "- 办理结果：（一）予以公开",
        "- 送达方式：邮寄（邮件号 EMS1234567890）",
    ] {
        assert!(md.contains(needle), "case.md lacks {needle}:\n{md}");
    }

    // The manifest's hashes are those of the files; sha256sum agrees.
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["files"][0]["name"], "case.json");
    assert_eq!(
        manifest["files"][0]["sha256"],
        sha256_file(&out.join("case.json")).as_str()
    );
    assert_eq!(
        manifest["files"][1]["sha256"],
        sha256_file(&out.join("case.md")).as_str()
    );
    assert_eq!(manifest["events"].as_array().unwrap().len(), 7);
    let sums = Command::new("sha256sum")
        .arg("-c")
        .arg("SHA256SUMS")
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(
        sums.status.success(),
        "{}",
        String::from_utf8_lossy(&sums.stdout)
    );

    let o = r.ok(&["verify", "--export", out.to_str().unwrap()]);
    assert!(
        o.stdout.contains("文件：case.json、case.md 与清单一致"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("登记簿：7 条事件与"), "{}", o.stdout);
    assert!(o.stdout.ends_with("结论：完好\n"), "{}", o.stdout);

    // An export is never overwritten.
    let again = r.run(&["export", "2026-0001", "--dir", out.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("中已有文件，未导出（不覆盖）"),
        "{}",
        again.stderr
    );

    // A changed copy is caught, naming the file.
    let mut md2 = md.clone();
    md2 = md2.replace("2026-03-26", "2026-03-20");
    std::fs::write(out.join("case.md"), md2).unwrap();
    let o = r.run(&["verify", "--export", out.to_str().unwrap()]);
    assert_eq!(o.code, 6, "{}", o.stdout);
    assert!(
        o.stdout.contains("case.md 与 SHA256SUMS 中的 SHA-256 不符"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("case.md 与清单中的 SHA-256 不符：导出后被改动过"),
        "{}",
        o.stdout
    );
}

#[test]
fn a_revealed_export_can_be_checked_without_the_register() {
    let r = two_requests();
    let out = r.path("full");
    r.ok(&[
        "export",
        "2026-0001",
        "--dir",
        out.to_str().unwrap(),
        "--reveal",
    ]);
    let json = std::fs::read_to_string(out.join("case.json")).unwrap();
    assert!(json.contains(ID) && json.contains(PHONE) && json.contains(ADDRESS));
    // Checked with no register at all: hashes recomputed from the export itself.
    let o = disclose_env(
        &[
            "--db",
            r.path("none.db").to_str().unwrap(),
            "verify",
            "--export",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout
            .contains("事件：7 条，其中 7 条的哈希已按导出内容重算一致"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("none.db 不存在，未与登记簿核对"),
        "{}",
        o.stdout
    );
    assert!(
        !r.path("none.db").exists(),
        "verify --export must not create a database"
    );

    // Change the reply's business date among the events (the evidence; everything else in
    // case.json is derived from them) and fix up every checksum: the event's hash still tells.
    let at = json.rfind("\"events\": [").unwrap();
    let forged = format!(
        "{}{}",
        &json[..at],
        json[at..].replacen("\"on\": \"2026-03-26\"", "\"on\": \"2026-03-20\"", 1)
    );
    assert_ne!(forged, json);
    std::fs::write(out.join("case.json"), &forged).unwrap();
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    manifest["files"][0]["sha256"] =
        Value::String(disclose::report::export::sha256_hex(forged.as_bytes()));
    manifest["files"][0]["bytes"] = Value::from(forged.len());
    let m = serde_json::to_string_pretty(&manifest).unwrap();
    std::fs::write(out.join("manifest.json"), &m).unwrap();
    std::fs::write(
        out.join("SHA256SUMS"),
        format!(
            "{}  case.json\n{}  case.md\n{}  manifest.json\n",
            disclose::report::export::sha256_hex(forged.as_bytes()),
            sha256_file(&out.join("case.md")),
            disclose::report::export::sha256_hex(m.as_bytes())
        ),
    )
    .unwrap();
    let o = disclose_env(
        &[
            "--db",
            r.path("none.db").to_str().unwrap(),
            "verify",
            "--export",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.code, 6, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("case.json 第 7 项事件（seq 7）的内容与其哈希不符"),
        "{}",
        o.stdout
    );
}

#[test]
fn export_refuses_what_it_cannot_stand_behind() {
    let r = two_requests();
    let o = r.run(&[
        "export",
        "2026-0099",
        "--dir",
        r.path("x").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("找不到案件 2026-0099"), "{}", o.stderr);
    assert!(!r.path("x").exists());
    // A tampered request is not exported as if it were sound.
    r.sql()
        .execute_batch(
            "DROP TRIGGER events_no_update; UPDATE events SET recorded_by = '某人' WHERE seq = 8;",
        )
        .unwrap();
    let o = r.run(&[
        "export",
        "2026-0002",
        "--dir",
        r.path("y").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 6, "{}", o.stderr);
    assert!(
        o.stderr.contains("2026-0002 的记录未通过校验，未导出"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("2026-0002 第 1 项事件（seq 8）：事件内容与其哈希不符"),
        "{}",
        o.stderr
    );
    assert!(!r.path("y").exists());
    let o = r.run(&["verify", "--export", r.path("nothing").to_str().unwrap()]);
    assert_eq!(o.code, 4);
    assert!(
        o.stderr.contains("不是 disclose 导出的案卷目录"),
        "{}",
        o.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Privacy

#[test]
fn personal_data_is_masked_everywhere_unless_revealed_and_files_are_owner_only() {
    let r = Register::new();
    r.s5();
    for f in ["", "-wal", "-shm"] {
        let mut p = r.db.clone().into_os_string();
        p.push(f);
        let p = PathBuf::from(p);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
    }
    let secrets = [ID, PHONE, ADDRESS, "zhangsan@example.com"];
    for args in [
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "csv"],
        vec!["show", "2026-0001"],
        vec!["show", "2026-0001", "--format", "json"],
        vec!["show", "2026-0001", "--format", "csv"],
    ] {
        let o = r.ok(&args);
        for secret in secrets {
            assert!(
                !o.stdout.contains(secret),
                "{args:?} shows {secret}:\n{}",
                o.stdout
            );
        }
    }
    // The table leaves the numbers out (they are in show, CSV and JSON), masked there.
    let o = r.ok(&["list", "--format", "csv"]);
    assert!(
        o.stdout.contains("110105********002X") && o.stdout.contains("138****5678"),
        "{}",
        o.stdout
    );
    let o = r.ok(&["show", "2026-0001"]);
    assert!(
        o.stdout.contains("地址：北京市西城区***************"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("邮箱：z*******@example.com"),
        "{}",
        o.stdout
    );
    let o = r.ok(&["show", "2026-0001", "--reveal"]);
    for secret in secrets {
        assert!(o.stdout.contains(secret), "--reveal hides {secret}");
    }
    let o = r.ok(&["list", "--reveal", "--format", "json"]);
    assert!(o.stdout.contains(ID) && o.stdout.contains(PHONE));
}

// ---------------------------------------------------------------------------------------------
// Backups

#[test]
fn backup_is_owner_only_verified_and_never_overwrites() {
    let r = two_requests();
    let b = r.path("备份 1.db");
    let o = r.ok(&["backup", b.to_str().unwrap()]);
    assert!(
        o.stdout.starts_with(&format!(
            "已备份到 {}（2 件申请、9 条事件，校验通过）",
            b.display()
        )),
        "{}",
        o.stdout
    );
    assert_eq!(mode(&b), 0o600);
    // The copy is a complete register on its own, a single file (no WAL needed).
    let leftovers: Vec<String> = std::fs::read_dir(r.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("备份 1.db") && n != "备份 1.db")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let copy = disclose_env(
        &["--db", b.to_str().unwrap(), "verify", "--format", "json"],
        &[],
    );
    assert_eq!(copy.code, 0, "{}", copy.stdout);
    let v: Value = serde_json::from_str(&copy.stdout).unwrap();
    assert_eq!(
        (v["requests"].as_i64(), v["events"].as_i64()),
        (Some(2), Some(9))
    );
    // Restoring is copying the file back: the copy shows the same request.
    let shown = disclose_env(
        &[
            "--db",
            b.to_str().unwrap(),
            "--today",
            TODAY,
            "show",
            "2026-0001",
            "--format",
            "json",
        ],
        &[],
    );
    let orig = r.ok(&["show", "2026-0001", "--format", "json"]);
    assert_eq!(shown.stdout, orig.stdout);

    let before = sha256_file(&b);
    r.ok(&[
        "register",
        "--channel",
        "email",
        "--applicant",
        "新申请人",
        "--applicant-type",
        "natural",
        "--content",
        "新的申请",
    ]);
    let o = r.run(&["backup", b.to_str().unwrap()]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("已存在，未覆盖"), "{}", o.stderr);
    assert_eq!(sha256_file(&b), before, "the old backup is untouched");
    let o = r.run(&["backup", r.path("no such dir/b.db").to_str().unwrap()]);
    assert_eq!(o.code, 5);
    assert!(o.stderr.contains("不存在，未备份"), "{}", o.stderr);
}

#[test]
fn backups_taken_while_another_process_writes_are_consistent() {
    let r = Register::new();
    r.register("第一位", "2026-11-02", "起始申请");
    let db = r.db.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..40 {
            let o = command(
                &db,
                &[
                    "register",
                    "--channel",
                    "online",
                    "--on",
                    "2026-11-02",
                    "--applicant",
                    &format!("并发申请人{i}"),
                    "--applicant-type",
                    "natural",
                    "--content",
                    &format!("并发申请内容{i}"),
                ],
            )
            .output()
            .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    });
    let mut seen = Vec::new();
    for k in 0..8 {
        let b = r.path(&format!("b{k}.db"));
        r.ok(&["backup", b.to_str().unwrap()]);
        let (requests, events): (i64, i64) = Connection::open(&b)
            .unwrap()
            .query_row(
                "SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM events)",
                [],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            requests, events,
            "each registration is one request and one event"
        );
        seen.push(requests);
        let o = disclose_env(&["--db", b.to_str().unwrap(), "verify"], &[]);
        assert_eq!(o.code, 0, "backup {k}: {}", o.stdout);
    }
    writer.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen.iter().all(|n| (1..=41).contains(n)), "{seen:?}");
    assert_eq!(r.count("requests"), 41);
}

#[test]
fn the_daily_backup_is_kept_before_the_first_write_of_each_day_and_rolls() {
    let r = Register::new();
    let backups = r.path("backups");
    std::fs::create_dir(&backups).unwrap();
    std::fs::write(backups.join("notes.txt"), "not a backup").unwrap();
    std::fs::write(backups.join("disclose-latest.db"), "not a daily backup").unwrap();
    let config = r.path("config.toml");
    std::fs::write(&config, "backup_dir = \"backups\"\nbackup_keep = 2\n").unwrap();
    let cfg = config.to_str().unwrap();
    let db = r.db.to_str().unwrap();
    let reg = |day: &str, who: &str| {
        let o = disclose_env(
            &[
                "--db",
                db,
                "--today",
                day,
                "register",
                "--channel",
                "in-person",
                "--applicant",
                who,
                "--applicant-type",
                "natural",
                "--content",
                &format!("{who}的申请"),
            ],
            &[("DISCLOSE_CONFIG", cfg)],
        );
        assert_eq!(o.code, 0, "{}", o.stderr);
    };
    let requests_in = |f: &str| -> i64 {
        Connection::open(backups.join(f))
            .unwrap()
            .query_row("SELECT count(*) FROM requests", [], |x| x.get(0))
            .unwrap()
    };
    reg("2026-03-02", "甲");
    assert_eq!(
        requests_in("登记簿 test-2026-03-02.db"),
        0,
        "taken before the day's first write"
    );
    reg("2026-03-02", "乙");
    assert_eq!(
        requests_in("登记簿 test-2026-03-02.db"),
        0,
        "not taken again the same day"
    );
    reg("2026-03-03", "丙");
    assert_eq!(requests_in("登记簿 test-2026-03-03.db"), 2);
    reg("2026-03-04", "丁");
    assert_eq!(requests_in("登记簿 test-2026-03-04.db"), 3);
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "disclose-latest.db",
            "notes.txt",
            "登记簿 test-2026-03-03.db",
            "登记簿 test-2026-03-04.db",
        ],
        "keeps the newest 2 daily backups and nothing else is touched"
    );
    assert_eq!(mode(&backups.join("登记簿 test-2026-03-04.db")), 0o600);
    // A read-only command makes no backup.
    let o = disclose_env(
        &["--db", db, "--today", "2026-03-05", "list"],
        &[("DISCLOSE_CONFIG", cfg)],
    );
    assert_eq!(o.code, 0);
    assert!(!backups.join("登记簿 test-2026-03-05.db").exists());
    // A backup folder that cannot be made stops the write, which then writes nothing.
    std::fs::write(r.path("blocked"), "a file, not a folder").unwrap();
    std::fs::write(&config, "backup_dir = \"blocked/sub\"\n").unwrap();
    let o = disclose_env(
        &[
            "--db",
            db,
            "--today",
            "2026-03-06",
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "戊",
            "--applicant-type",
            "natural",
            "--content",
            "戊的申请",
        ],
        &[("DISCLOSE_CONFIG", cfg)],
    );
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(o.stderr.contains("无法创建备份目录"), "{}", o.stderr);
    assert!(o.stderr.contains("本次未写入任何内容"), "{}", o.stderr);
    assert_eq!(r.count("requests"), 4);
}

// ---------------------------------------------------------------------------------------------
// Helper process: a writer using the library directly, started (and killed) by the tests below.

const HELPER: &str = "integrity::helper_writer_process";

/// Not a test on its own: the writer process that the concurrency and crash tests start with
/// `DISCLOSE_HELPER_DB` set (without it, it returns at once). It registers
/// `DISCLOSE_HELPER_ROWS` requests named `DISCLOSE_HELPER_TAG n`: each registered, drafted,
/// reviewed, approved and replied to in five transactions (`DISCLOSE_HELPER_MODE=many`), or all
/// registered in one transaction (`big`), printing `@@rows n` after every 100 and
/// `@@commit` / `@@done` around the commit. At `@@rows DISCLOSE_HELPER_PAUSE_AT` and at
/// `@@commit` it waits for a line on standard input, so the test can kill it at that point.
#[test]
#[ignore = "helper process started by the concurrency and crash tests"]
fn helper_writer_process() {
    use disclose::case::{
        Applicant, ApplicantType, Channel, Event, Outcome, Registration, Reply, Step,
    };
    use std::io::Write;
    let Ok(db) = std::env::var("DISCLOSE_HELPER_DB") else {
        return;
    };
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    let rows: usize = env("DISCLOSE_HELPER_ROWS").parse().unwrap();
    let big = env("DISCLOSE_HELPER_MODE") == "big";
    let tag = env("DISCLOSE_HELPER_TAG");
    let pause_at: usize = env("DISCLOSE_HELPER_PAUSE_AT").parse().unwrap_or(0);
    let padding = "内容".repeat(env("DISCLOSE_HELPER_PAD").parse().unwrap_or(0));
    let cal = disclose::calendar::Calendar::official();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let mut store = disclose::store::Store::open(Path::new(&db)).unwrap();
    let stdin = std::io::stdin();
    let say = |s: String| {
        let mut out = std::io::stdout().lock();
        writeln!(out, "\n@@{s}").unwrap();
        out.flush().unwrap();
    };
    let wait = || {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).unwrap();
    };
    let reg = |i: usize| Registration {
        case_no: String::new(),
        channel: Channel::Online,
        unreachable: false,
        applicant_type: ApplicantType::Natural,
        applicant: Applicant {
            name: format!("{tag} {i}"),
            phone: Some(PHONE.to_string()),
            ..Applicant::default()
        },
        agent: None,
        content: format!("{tag} 的第 {i} 件申请{padding}"),
        form: None,
        delivery: None,
        tracking_no: None,
        note: None,
    };
    if big {
        let mut w = store
            .writer(&cal, today, TIMESTAMP.to_string(), "{year}-{seq:04}")
            .unwrap();
        for i in 1..=rows {
            w.register(reg(i), on, "助手", true).unwrap();
            if i % 100 == 0 {
                say(format!("rows {i}"));
                if i == pause_at {
                    wait();
                }
            }
        }
        say("commit".to_string());
        wait();
        w.commit().unwrap();
    } else {
        // One request at a time, each step its own transaction, as clerks' commands do.
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        for i in 1..=rows {
            let mut w = store
                .writer(&cal, today, TIMESTAMP.to_string(), "{year}-{seq:04}")
                .unwrap();
            let c = w.register(reg(i), on, "助手", true).unwrap().case_no;
            w.commit().unwrap();
            let steps = [
                Step::Draft {
                    department: "办公室".to_string(),
                    handler: "助手".to_string(),
                    outcome: Outcome { group: 1, item: 0 },
                    reasons: None,
                    basis: None,
                },
                Step::OfficeReview {
                    approved: true,
                    comments: None,
                },
                Step::LeaderApproval {
                    approved: true,
                    leader: "局长".to_string(),
                    comments: None,
                },
                Step::Reply(Box::new(Reply {
                    outcome: Outcome { group: 1, item: 0 },
                    basis: None,
                    reasons: None,
                    search_done: None,
                    competent_agency: None,
                    agency_contact: None,
                    delivery: "电子邮件".to_string(),
                    tracking_no: None,
                    public_interest: None,
                })),
            ];
            for (k, step) in steps.into_iter().enumerate() {
                let mut w = store
                    .writer(&cal, today, TIMESTAMP.to_string(), "{year}-{seq:04}")
                    .unwrap();
                w.record(
                    &c,
                    Event {
                        on: day(3 + k as u32),
                        by: "助手".to_string(),
                        step,
                    },
                )
                .unwrap();
                w.commit().unwrap();
            }
            if i % 100 == 0 {
                say(format!("rows {i}"));
            }
        }
    }
    say("done".to_string());
}

/// Starts the helper writer process.
fn helper(db: &Path, mode: &str, rows: usize, tag: &str, pause_at: usize, pad: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            HELPER,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("DISCLOSE_HELPER_DB", db)
        .env("DISCLOSE_HELPER_MODE", mode)
        .env("DISCLOSE_HELPER_ROWS", rows.to_string())
        .env("DISCLOSE_HELPER_TAG", tag)
        .env("DISCLOSE_HELPER_PAUSE_AT", pause_at.to_string())
        .env("DISCLOSE_HELPER_PAD", pad.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Reads the helper's `@@…` lines until one equals `want` (panics if it ends first).
fn wait_for(lines: &mut impl Iterator<Item = std::io::Result<String>>, want: &str) {
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.trim() == format!("@@{want}") {
            return;
        }
    }
    panic!("helper ended before {want}");
}

// ---------------------------------------------------------------------------------------------
// Concurrency

/// One clerk's session: `cases` requests, each registered, drafted, reviewed, approved and
/// replied to (5 commands, 5 events). Returns every command's failure output, if any.
fn clerk(db: PathBuf, who: &'static str, cases: usize) -> Vec<String> {
    let mut failures = Vec::new();
    let mut run = |args: Vec<String>| -> Option<String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = command(&db, &args).output().unwrap();
        let stdout = String::from_utf8(o.stdout).unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        // The first writer (or two racing for it) says it created the register; nothing else
        // may be said.
        let said: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("提示：已新建登记簿 "))
            .collect();
        if !o.status.success() || !said.is_empty() {
            failures.push(format!("{args:?}: {:?} {stderr}", o.status.code()));
            return None;
        }
        Some(stdout)
    };
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for i in 0..cases {
        let name = format!("{who}{i}");
        let Some(out) = run(v(&[
            "register",
            "--channel",
            "online",
            "--on",
            "2026-11-02",
            "--applicant",
            &name,
            "--applicant-type",
            "natural",
            "--content",
            &format!("{name}申请的信息"),
            "--by",
            who,
        ])) else {
            continue;
        };
        let c = case_no_of(&out);
        run(v(&[
            "review",
            "draft",
            &c,
            "--on",
            "2026-11-03",
            "--department",
            "办公室",
            "--handler",
            who,
            "--outcome",
            "1",
            "--by",
            who,
        ]));
        run(v(&[
            "review",
            "office",
            &c,
            "--on",
            "2026-11-04",
            "--approve",
            "--by",
            who,
        ]));
        run(v(&[
            "review",
            "leader",
            &c,
            "--on",
            "2026-11-05",
            "--leader",
            "局长",
            "--approve",
            "--by",
            who,
        ]));
        run(v(&[
            "reply",
            &c,
            "--on",
            "2026-11-06",
            "--delivery",
            "电子邮件",
            "--by",
            who,
        ]));
    }
    failures
}

#[test]
fn concurrent_writers_all_succeed_with_unique_numbers_and_no_lost_event() {
    // Two clerks typing commands and two programs writing through the library, at once:
    // 2 × 25 × 5 command steps and 2 × 300 × 5 library steps, 3,250 writes in all.
    const CASES_PER_CLERK: usize = 25;
    const CASES_PER_PROGRAM: usize = 300;
    let r = Register::new();
    // Nobody has created the database yet: the writers race for that too.
    let programs: Vec<Child> = ["程序甲", "程序乙"]
        .into_iter()
        .map(|tag| helper(&r.db, "many", CASES_PER_PROGRAM, tag, 0, 0))
        .collect();
    let clerks: Vec<_> = ["王芳", "李娜"]
        .into_iter()
        .map(|who| {
            let db = r.db.clone();
            std::thread::spawn(move || clerk(db, who, CASES_PER_CLERK))
        })
        .collect();
    // Meanwhile, verify reads one consistent snapshot: it passes whenever it runs.
    let db = r.db.clone();
    let checker = std::thread::spawn(move || {
        let mut results = Vec::new();
        while results.len() < 5 {
            if !db.exists() {
                std::thread::yield_now();
                continue;
            }
            let o = command(&db, &["verify", "--format", "json"])
                .output()
                .unwrap();
            let v: Value = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
            results.push((
                o.status.code(),
                v["intact"].clone(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            ));
        }
        results
    });
    let mut failures = Vec::new();
    for c in clerks {
        failures.extend(c.join().unwrap());
    }
    for (code, intact, stderr) in checker.join().unwrap() {
        assert_eq!(
            (code, intact),
            (Some(0), Value::Bool(true)),
            "verify during the writes: {stderr}"
        );
    }
    for mut h in programs {
        let mut err = String::new();
        h.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = h.wait().unwrap();
        assert!(status.success(), "program writer failed: {err}");
    }
    assert_eq!(failures, Vec::<String>::new());

    let total = 2 * CASES_PER_CLERK + 2 * CASES_PER_PROGRAM;
    let conn = r.sql();
    let numbers: Vec<String> = conn
        .prepare("SELECT case_no FROM requests")
        .unwrap()
        .query_map([], |x| x.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let unique: BTreeSet<String> = numbers.iter().cloned().collect();
    assert_eq!(numbers.len(), total);
    let expected: BTreeSet<String> = (1..=total).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(unique, expected, "case numbers unique and without a gap");
    assert_eq!(r.count("events") as usize, total * 5);
    for (who, n) in [
        ("王芳", CASES_PER_CLERK),
        ("李娜", CASES_PER_CLERK),
        ("程序甲", CASES_PER_PROGRAM),
        ("程序乙", CASES_PER_PROGRAM),
    ] {
        let (count, replied): (i64, i64) = conn
            .query_row(
                "SELECT count(*), sum(state = 'concluded' AND event_count = 5) FROM requests
                 WHERE applicant_name LIKE ?1 || '%'",
                [who],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        assert_eq!((count, replied), (n as i64, n as i64), "{who}");
    }
    for who in ["王芳", "李娜"] {
        let by: i64 = conn
            .query_row(
                "SELECT count(*) FROM events WHERE recorded_by = ?1",
                [who],
                |x| x.get(0),
            )
            .unwrap();
        assert_eq!(by as usize, CASES_PER_CLERK * 5, "{who}");
    }
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 0, "{v}");
}

#[test]
fn clerks_starting_the_day_at_once_make_one_daily_backup_and_all_write() {
    let r = Register::new();
    r.register("昨天的申请人", "2026-11-02", "昨天的申请");
    let config = r.path("config.toml");
    std::fs::write(&config, "backup_dir = \"backups\"\n").unwrap();
    let writers: Vec<_> = (0..4)
        .map(|i| {
            let mut cmd = r.command(&[
                "register",
                "--channel",
                "email",
                "--on",
                "2026-11-30",
                "--applicant",
                &format!("同时{i}"),
                "--applicant-type",
                "natural",
                "--content",
                &format!("同时登记的申请{i}"),
            ]);
            cmd.env("DISCLOSE_CONFIG", &config)
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for w in writers {
        let o = w.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let names: Vec<String> = std::fs::read_dir(r.path("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["登记簿 test-2026-11-30.db"]);
    let n: i64 = Connection::open(r.path("backups/登记簿 test-2026-11-30.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM requests", [], |x| x.get(0))
        .unwrap();
    assert!(n <= 5, "{n}");
    assert_eq!(r.count("requests"), 5);
}

// ---------------------------------------------------------------------------------------------
// Crash safety

/// The number of requests and events, and `PRAGMA integrity_check`.
fn state(db: &Path) -> (i64, i64) {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |x| x.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    conn.query_row(
        "SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM events)",
        [],
        |x| Ok((x.get(0)?, x.get(1)?)),
    )
    .unwrap()
}

/// A pseudo-random number in `0..n` from a seed (no clock, no dependency): the k-th kill point.
fn pick(seed: u64, n: u64) -> u64 {
    let mut x = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(0x632B_E59B_D9B4_E019);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x % n.max(1)
}

#[test]
fn a_killed_big_write_leaves_the_register_before_or_after_it_never_between() {
    const ROWS: usize = 1500;
    let r = Register::new();
    r.register("先前的申请人", "2026-11-02", "早已登记的申请");
    assert_eq!(state(&r.db), (1, 1));
    // Killed inside the open transaction (a thousand rows written, some pages already spilled
    // to the WAL): nothing of it remains.
    for pause_at in [100, 1000] {
        let mut h = helper(&r.db, "big", ROWS, "批量", pause_at, 400);
        let mut lines = BufReader::new(h.stdout.take().unwrap()).lines();
        wait_for(&mut lines, &format!("rows {pause_at}"));
        h.kill().unwrap();
        h.wait().unwrap();
        assert_eq!(state(&r.db), (1, 1), "killed at row {pause_at}");
        let (code, v) = r.verify(&[]);
        assert_eq!(code, 0, "{v}");
    }
    // Killed while committing: all or nothing.
    let mut h = helper(&r.db, "big", ROWS, "批量", 0, 400);
    let mut lines = BufReader::new(h.stdout.take().unwrap()).lines();
    wait_for(&mut lines, "commit");
    h.stdin.take().unwrap().write_all(b"go\n").unwrap();
    h.kill().unwrap();
    h.wait().unwrap();
    let after = state(&r.db);
    assert!(
        after == (1, 1) || after == (1 + ROWS as i64, 1 + ROWS as i64),
        "{after:?}"
    );
    assert_eq!(r.verify(&[]).0, 0);
    // Killed after the commit returned: all of it is there.
    let before = after.0;
    let mut h = helper(&r.db, "big", ROWS, "第二批", 0, 0);
    let mut lines = BufReader::new(h.stdout.take().unwrap()).lines();
    wait_for(&mut lines, "commit");
    h.stdin.take().unwrap().write_all(b"go\n").unwrap();
    wait_for(&mut lines, "done");
    h.kill().unwrap();
    h.wait().unwrap();
    assert_eq!(state(&r.db), (before + ROWS as i64, before + ROWS as i64));
    assert_eq!(r.verify(&[]).0, 0);
}

#[test]
fn commands_killed_at_random_points_leave_each_write_whole_or_absent() {
    let r = Register::new();
    // Requests ready for a reply (drafted, reviewed, approved), made with the library.
    const READY: usize = 12;
    let mut ready = Vec::new();
    for i in 0..READY {
        let c = r.register(
            &format!("待答复{i}"),
            "2026-11-02",
            &format!("待答复的申请{i}"),
        );
        for step in [
            vec![
                "review",
                "draft",
                &c,
                "--on",
                "2026-11-03",
                "--department",
                "办公室",
                "--handler",
                "甲",
                "--outcome",
                "1",
            ],
            vec!["review", "office", &c, "--on", "2026-11-04", "--approve"],
            vec![
                "review",
                "leader",
                &c,
                "--on",
                "2026-11-05",
                "--leader",
                "局长",
                "--approve",
            ],
        ] {
            r.ok(&step);
        }
        ready.push(c);
    }
    // How long one command takes here, to spread the kill points over its whole life.
    let span = (0..3)
        .map(|i| {
            let t0 = Instant::now();
            r.register(&format!("计时{i}"), "2026-11-02", "计时用的申请");
            t0.elapsed().as_micros() as u64 * 12 / 10
        })
        .max()
        .unwrap();
    let (mut before_count, mut after_count) = (0, 0);
    for k in 0..(2 * READY as u64) {
        let (requests, events) = state(&r.db);
        let reply = k % 2 == 1;
        let case = &ready[(k / 2) as usize];
        let name = format!("被中断{k}");
        let content = format!("被中断的申请{k}");
        let args: Vec<&str> = if reply {
            vec!["reply", case, "--on", "2026-11-06", "--delivery", "邮寄"]
        } else {
            vec![
                "register",
                "--channel",
                "mail",
                "--on",
                "2026-11-02",
                "--applicant",
                &name,
                "--applicant-type",
                "natural",
                "--content",
                &content,
            ]
        };
        let mut child = r
            .command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Half the kill points anywhere in the command's life, half in its second half, where
        // the transaction is.
        let delay = if k % 4 < 2 {
            pick(k, span)
        } else {
            span / 2 + pick(k, span / 2)
        };
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        child.wait().unwrap();
        let now = state(&r.db);
        let (code, v) = r.verify(&[]);
        assert_eq!(code, 0, "after kill {k}: {v}");
        if now == (requests, events) {
            before_count += 1;
        } else if reply {
            assert_eq!(now, (requests, events + 1), "kill {k}");
            after_count += 1;
        } else {
            assert_eq!(now, (requests + 1, events + 1), "kill {k}");
            after_count += 1;
        }
        if reply {
            let state: String = r
                .sql()
                .query_row(
                    "SELECT state FROM requests WHERE case_no = ?1",
                    [case],
                    |x| x.get(0),
                )
                .unwrap();
            let replied = now.1 == events + 1;
            assert_eq!(
                state,
                if replied { "concluded" } else { "in-progress" },
                "kill {k}"
            );
        }
    }
    eprintln!("kills that left the write out: {before_count}, that left it whole: {after_count}");
    // Killing `backup` never leaves a half copy under the backup's name.
    for k in 0..6u64 {
        let b = r.path(&format!("killed-{k}.db"));
        let mut child = r
            .command(&["backup", b.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(pick(100 + k, span)));
        let _ = child.kill();
        child.wait().unwrap();
        if b.exists() {
            let o = disclose_env(&["--db", b.to_str().unwrap(), "verify"], &[]);
            assert_eq!(
                o.code, 0,
                "a backup under its final name verifies: {}",
                o.stdout
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken input

#[test]
fn odd_text_round_trips_exactly_through_register_show_and_export() {
    let r = Register::new();
    let long = "一二三四五六七八九十".repeat(1000);
    assert_eq!(long.chars().count(), 10_000);
    let content = format!(
        "第一行\n第二行\r\n\t缩进\u{1}\u{7}\u{1b}[31m红字\u{1b}[0m\u{7f}零宽\u{200b}连接\u{200d}\u{202e}反向\u{202c}👨‍👩‍👧‍👦😀 𠀀㐀𪚥𰻞 \"引号\" '单引号' \\反斜杠 |竖线| <b>标签</b> {long}结尾"
    );
    let name = "𠀀㐀 Zoë 😀 王";
    let note = "备注\n第二行\u{3}";
    let o = r.ok(&[
        "register",
        "--channel",
        "in-person",
        "--on",
        "2026-11-02",
        "--applicant",
        name,
        "--applicant-type",
        "natural",
        "--content",
        &content,
        "--note",
        note,
    ]);
    let c = case_no_of(&o.stdout);
    let reasons = "理由一\n理由二：𠀀㐀\u{1b}[2J";
    r.ok(&[
        "review",
        "draft",
        &c,
        "--on",
        "2026-11-03",
        "--department",
        "科室😀",
        "--handler",
        "㐀",
        "--outcome",
        "1",
        "--reasons",
        reasons,
    ]);
    let show: Value =
        serde_json::from_str(&r.ok(&["show", &c, "--format", "json"]).stdout).unwrap();
    assert_eq!(show["content"].as_str().unwrap(), content);
    assert_eq!(show["applicant"]["name"].as_str().unwrap(), name);
    assert_eq!(show["department"].as_str().unwrap(), "科室😀");
    assert_eq!(show["handler"].as_str().unwrap(), "㐀");
    let stored: String = r
        .sql()
        .query_row("SELECT payload FROM events WHERE seq = 1", [], |x| x.get(0))
        .unwrap();
    let step: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(step["note"].as_str().unwrap(), note);
    let out = r.path("export");
    r.ok(&["export", &c, "--dir", out.to_str().unwrap()]);
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("case.json")).unwrap()).unwrap();
    assert_eq!(json["request"]["content"].as_str().unwrap(), content);
    assert_eq!(
        json["events"][1]["content"]["reasons"].as_str().unwrap(),
        reasons
    );
    // The Markdown keeps the text but shows control characters instead of sending them.
    let md = std::fs::read_to_string(out.join("case.md")).unwrap();
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "raw control characters in case.md"
    );
    assert!(md.contains("\\u{1b}[31m红字"), "escape shown visibly");
    assert!(md.contains("𠀀㐀𪚥𰻞") && md.contains(&long));
    assert_eq!(r.verify(&[]).0, 0);
}

#[test]
fn a_huge_description_is_recorded_whole() {
    let r = Register::new();
    // Close to the largest single argument Linux passes to a program (128 KiB).
    let content = format!("开头{}结尾", "x".repeat(120_000));
    let o = r.ok(&[
        "register",
        "--channel",
        "in-person",
        "--on",
        "2026-11-02",
        "--applicant",
        "某人",
        "--applicant-type",
        "natural",
        "--content",
        &content,
    ]);
    let c = case_no_of(&o.stdout);
    let show: Value =
        serde_json::from_str(&r.ok(&["show", &c, "--format", "json"]).stdout).unwrap();
    assert_eq!(show["content"].as_str().unwrap(), content);
    assert_eq!(r.verify(&[]).0, 0);
}

/// Whether this process runs as root (who may write any file regardless of its mode).
/// Whether a private mount namespace with a small tmpfs can be made here (root, and a sandbox
/// that allows `unshare -m` and `mount`).
fn can_mount_tmpfs() -> bool {
    if !is_root() {
        return false;
    }
    let dir = tempfile::tempdir().unwrap();
    Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$1\"",
            "probe",
        ])
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid() == 0
}

#[test]
fn a_read_only_database_refuses_writes_clearly_and_loses_nothing() {
    let r = two_requests();
    let before = r.ok(&["show", "2026-0001", "--format", "json"]).stdout;
    r.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let hash = sha256_file(&r.db);
    // The commands run as a user who may read the file but not write it (as root, who may
    // write anything, they run as `nobody`).
    let root = is_root();
    let as_user = |args: &[&str]| -> Output {
        let mut cmd = if root {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_disclose"),
            ]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_disclose"))
        };
        cmd.arg("--db")
            .arg(&r.db)
            .args(["--today", TODAY])
            .args(args)
            .env("DISCLOSE_CONFIG", "/dev/null")
            .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
            .env("USER", "只读用户")
            .env_remove("DISCLOSE_DB");
        let o = cmd.output().unwrap();
        Output {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8(o.stdout).unwrap(),
            stderr: String::from_utf8(o.stderr).unwrap(),
        }
    };
    let refused = format!(
        "错误：数据库 {} 只读，不能写入；已记录的内容未受影响",
        r.db.display()
    );
    let set =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();

    // The file is write-protected; its folder is writable (SQLite keeps its -shm there).
    set(r.dir.path(), 0o777);
    set(&r.db, 0o444);
    let o = as_user(&[
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "新人",
        "--applicant-type",
        "natural",
        "--content",
        "新的申请",
    ]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(o.stderr.starts_with(&refused), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("提示：检查数据库文件及其所在目录的写权限"),
        "{}",
        o.stderr
    );
    let o = as_user(&["reply", "2026-0002", "--delivery", "邮寄"]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(o.stderr.starts_with(&refused), "{}", o.stderr);
    let shown = as_user(&["show", "2026-0001", "--format", "json"]);
    assert_eq!(shown.code, 0, "reading still works: {}", shown.stderr);
    assert_eq!(shown.stdout, before);
    let v = as_user(&["verify"]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    assert_eq!(sha256_file(&r.db), hash, "not a byte changed");

    // Neither the file nor its folder is writable: SQLite cannot even make the shared-memory
    // file it reads a WAL database through. Every command is refused, naming the file.
    for f in ["-wal", "-shm"] {
        let mut p = r.db.clone().into_os_string();
        p.push(f);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    set(r.dir.path(), if root { 0o755 } else { 0o555 });
    for args in [
        vec!["list"],
        vec![
            "register",
            "--channel",
            "email",
            "--applicant",
            "某",
            "--applicant-type",
            "natural",
            "--content",
            "某",
        ],
    ] {
        let o = as_user(&args);
        assert_eq!(o.code, 5, "{args:?}: {}", o.stderr);
        assert!(o.stderr.starts_with(&refused), "{}", o.stderr);
    }
    set(r.dir.path(), 0o700);
    assert_eq!(sha256_file(&r.db), hash, "not a byte changed");
    set(&r.db, 0o600);
    assert_eq!(state(&r.db), (2, 9));
}

/// A description far larger than the room left in the tests below (90 KB).
fn bulky() -> String {
    format!("大量附件清单{}", "附件".repeat(15_000))
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    if !can_mount_tmpfs() {
        // The ulimit test below covers a refused write on any machine.
        eprintln!("skipped: this machine does not let the tests mount a small file system");
        return;
    }
    let r = two_requests();
    let before = r.ok(&["show", "2026-0001", "--format", "json"]).stdout;
    r.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let size = std::fs::metadata(&r.db).unwrap().len();
    // A genuinely full disk: a file system (tmpfs, in a private mount namespace) with room for
    // the register, SQLite's 32 KiB shared-memory file and 24 KiB more, not for a 270 KB write.
    let room = (size + 32 * 1024 + 24 * 1024).div_ceil(4096) * 4096;
    let mnt = r.path("small-disk");
    let out = r.path("out");
    std::fs::create_dir(&mnt).unwrap();
    std::fs::create_dir(&out).unwrap();
    let script = r#"
        set -e
        mount -t tmpfs -o size="$ROOM" tmpfs "$MNT"
        cp "$SRC" "$MNT/t.db"
        set +e
        "$BIN" --db "$MNT/t.db" --today 2026-11-30 register --channel mail --on 2026-11-02 \
            --applicant 大文件 --applicant-type natural --content "$CONTENT" >"$OUT/stdout" 2>"$OUT/stderr"
        echo $? >"$OUT/code"
        "$BIN" --db "$MNT/t.db" --today 2026-11-30 verify >"$OUT/verify" 2>&1
        echo $? >"$OUT/verify-code"
        cp "$MNT/t.db" "$OUT/after.db"
    "#;
    let status = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("ROOM", room.to_string())
        .env("MNT", &mnt)
        .env("SRC", &r.db)
        .env("OUT", &out)
        .env("BIN", env!("CARGO_BIN_EXE_disclose"))
        .env("CONTENT", bulky())
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
        .status()
        .unwrap();
    assert!(status.success());
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    assert_eq!(read("code").trim(), "5", "{}", read("stderr"));
    assert_eq!(
        read("stderr"),
        "错误：磁盘空间已满，本次写入未完成、未写入任何内容；已记录的内容未受影响\n提示：清理磁盘空间后重试\n"
    );
    assert_eq!(read("verify-code").trim(), "0", "{}", read("verify"));
    assert_eq!(
        state(&out.join("after.db")),
        (2, 9),
        "nothing recorded was lost"
    );
    let shown = disclose_env(
        &[
            "--db",
            out.join("after.db").to_str().unwrap(),
            "--today",
            TODAY,
            "show",
            "2026-0001",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(shown.stdout, before);
}

#[test]
fn a_file_size_limit_gives_a_clear_error_and_loses_nothing() {
    let r = two_requests();
    r.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let size = std::fs::metadata(&r.db).unwrap().len();
    // `ulimit -f` (512-byte blocks) lets files grow only 8 KiB past the register's present
    // size; SIGXFSZ ignored, so that the write fails with EFBIG as it would on a quota.
    let script = format!(
        "ulimit -f {}; trap '' XFSZ; exec \"$0\" \"$@\"",
        size / 512 + 16
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_disclose"))
        .arg("--db")
        .arg(&r.db)
        .args([
            "--today",
            TODAY,
            "register",
            "--channel",
            "mail",
            "--on",
            "2026-11-02",
            "--applicant",
            "大文件",
            "--applicant-type",
            "natural",
            "--content",
            &bulky(),
        ])
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.starts_with("错误：写入数据库文件失败（disk I/O error：磁盘空间不足、超出文件大小限制或磁盘故障），本次写入未完成、未写入任何内容；已记录的内容未受影响\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("提示：检查磁盘空间（df）、文件大小限制（ulimit -f）和磁盘状态后重试"),
        "{stderr}"
    );
    assert_eq!(state(&r.db), (2, 9));
    assert_eq!(r.verify(&[]).0, 0);
    // With room again, the same request is recorded.
    r.ok(&[
        "register",
        "--channel",
        "mail",
        "--on",
        "2026-11-02",
        "--applicant",
        "大文件",
        "--applicant-type",
        "natural",
        "--content",
        &bulky(),
    ]);
    assert_eq!(state(&r.db), (3, 10));
}

#[test]
fn files_that_are_not_our_register_are_refused_and_left_untouched() {
    let dir = scratch();
    let noise: Vec<u8> = (0..8192u64).map(|i| pick(i, 256) as u8).collect();
    let random = dir.path().join("random.bin");
    std::fs::write(&random, &noise).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这是一份会议记录，不是数据库。\n").unwrap();
    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('a', '1');")
        .unwrap();
    let newer = dir.path().join("newer.db");
    {
        let r = Register::new();
        r.register("某人", "2026-11-02", "某申请");
        std::fs::copy(&r.db, &newer).unwrap();
        let c = Connection::open(&newer).unwrap();
        c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
            .unwrap();
    }
    let cases = [
        (
            &random,
            "不是 disclose 数据库（不是 SQLite 数据库文件），未作任何改动",
        ),
        (
            &text,
            "不是 disclose 数据库（不是 SQLite 数据库文件），未作任何改动",
        ),
        (
            &other,
            "不是 disclose 数据库（其中已有 1 个其他程序的表），未作任何改动",
        ),
        (
            &newer,
            "由更新版本的 disclose 创建（数据库版本 99，本程序只支持到 1），未作任何改动：请升级 disclose",
        ),
    ];
    for (path, message) in cases {
        let hash = sha256_file(path);
        for args in [
            vec!["list"],
            vec!["verify"],
            vec!["backup", dir.path().join("b.db").to_str().unwrap()],
            vec![
                "register",
                "--channel",
                "in-person",
                "--applicant",
                "某人",
                "--applicant-type",
                "natural",
                "--content",
                "某申请",
            ],
        ] {
            let mut all = vec!["--db", path.to_str().unwrap(), "--today", TODAY];
            all.extend_from_slice(&args);
            let o = disclose_env(&all, &[]);
            assert_eq!(o.code, 5, "{} {args:?}: {}", path.display(), o.stderr);
            assert!(
                o.stderr.contains(message),
                "{}: {}",
                path.display(),
                o.stderr
            );
            assert_eq!(sha256_file(path), hash, "{} changed", path.display());
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.ends_with("-wal") || n.ends_with("-shm") || n.ends_with("-journal") || n == "b.db"
            })
            .collect();
        assert!(names.is_empty(), "left behind: {names:?}");
    }
}

#[test]
fn odd_paths_and_weird_dates_get_clear_errors() {
    let r = Register::new();
    let dir = r.dir.path().to_str().unwrap();
    for path in [dir, "/dev/null"] {
        for args in [
            vec!["list"],
            vec![
                "register",
                "--channel",
                "email",
                "--applicant",
                "某人",
                "--applicant-type",
                "natural",
                "--content",
                "某申请",
            ],
        ] {
            let mut all = vec!["--db", path];
            all.extend_from_slice(&args);
            let o = disclose_env(&all, &[]);
            assert_eq!(o.code, 5, "{}", o.stderr);
            assert_eq!(
                o.stderr.lines().next().unwrap(),
                format!(
                    "错误：{path} 不是 disclose 数据库（不是普通文件，而是目录或设备），未作任何改动"
                )
            );
        }
    }
    // A path with spaces, Chinese and emoji, in folders that do not exist yet, is created.
    let deep = r.path("新 建/子 目录😀/登记簿.db");
    let o = disclose_env(
        &[
            "--db",
            deep.to_str().unwrap(),
            "--today",
            TODAY,
            "register",
            "--channel",
            "email",
            "--applicant",
            "某人",
            "--applicant-type",
            "natural",
            "--content",
            "某申请",
        ],
        &[],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(mode(&deep), 0o600);
    for (today, why) in [
        ("2026-02-30", "没有这一天"),
        ("２０２６-０１-０５", "日期格式应为 YYYY-MM-DD"),
        ("1899-12-31", "日期应在 1900-01-01 至 2199-12-31 之间"),
        ("9999-12-31", "日期应在 1900-01-01 至 2199-12-31 之间"),
        ("-2026-01-01", "日期格式应为 YYYY-MM-DD"),
        ("2026-01-01T00:00", "日期格式应为 YYYY-MM-DD"),
    ] {
        let flag = format!("--today={today}");
        let o = disclose_env(&["--db", deep.to_str().unwrap(), &flag, "list"], &[]);
        assert_eq!(o.code, 2, "{today}: {}", o.stderr);
        assert!(o.stderr.contains(why), "{today}: {}", o.stderr);
    }
    // The year-first forms a clerk types are read as the import reads them.
    for today in ["2026-1-5", "2026/1/5", "2026年1月5日"] {
        let flag = format!("--today={today}");
        let o = disclose_env(&["--db", deep.to_str().unwrap(), &flag, "list"], &[]);
        assert_eq!(o.code, 0, "{today}: {}", o.stderr);
    }
    // A receipt in the future is refused; nothing is written.
    let o = r.run(&[
        "register",
        "--channel",
        "in-person",
        "--on",
        "2026-12-01",
        "--applicant",
        "某人",
        "--applicant-type",
        "natural",
        "--content",
        "未来的申请",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // At the calendar's very end, the reply due date cannot be computed: refused cleanly, with
    // nothing written.
    let before = state(&deep);
    let o = disclose_env(
        &[
            "--db",
            deep.to_str().unwrap(),
            "--today",
            "2199-12-31",
            "register",
            "--channel",
            "email",
            "--on",
            "2199-12-30",
            "--applicant",
            "某人",
            "--applicant-type",
            "natural",
            "--content",
            "世纪末的申请",
        ],
        &[],
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.starts_with(
            "错误：日期超出日历支持的范围（1900-01-01 至 2199-12-31）：2199-12-30 之后第 7 个工作日"
        ),
        "{}",
        o.stderr
    );
    assert_eq!(state(&deep), before, "nothing written");
    let o = disclose_env(
        &[
            "--db",
            deep.to_str().unwrap(),
            "--today",
            "2199-12-31",
            "list",
        ],
        &[],
    );
    assert_eq!(o.code, 0, "the register stays listable: {}", o.stderr);
}

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
    let long = "一二三四五六七八九十".repeat(1000);
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
    for fmt in ["table", "json", "csv"] {
        let o = r.run(&[
            "import",
            file,
            "--skip-invalid",
            "--dry-run",
            "--format",
            fmt,
        ]);
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
    // Imported again: two duplicates, four still wrong.
    for fmt in ["table", "json", "csv"] {
        let o = r.run(&[
            "import",
            file,
            "--skip-invalid",
            "--dry-run",
            "--format",
            fmt,
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
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
