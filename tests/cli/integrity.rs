//! Tamper evidence and what leaves the register (issue 6): `verify` on an untouched register and
//! on every kind of edit (an event, its hash, the projection, a deleted or dropped row, a damaged
//! file), the export for an appeal (masked, revealed, refused) and personal data masked
//! everywhere. Every test drives the real binary on a fresh database in a temporary folder; the
//! database is inspected (and tampered with) through rusqlite.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::common::disclose_env;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Tamper evidence

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
        .query_row(
            "SELECT lower(hex(hash)) FROM events WHERE seq = 9",
            [],
            |x| x.get(0),
        )
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
            "SELECT lower(hex(prev_hash)), idx, kind, on_date, recorded_by, recorded_at, payload FROM events WHERE seq = 8",
            [],
            |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?, x.get(5)?, x.get(6)?)),
        )
        .unwrap();
    let forged = payload.replace("李明", "李鸣");
    assert_ne!(forged, payload);
    let hash = disclose::store::event_hash(&prev, "2026-0002", idx, &kind, &on, &by, &at, &forged);
    conn.execute_batch("DROP TRIGGER events_no_update").unwrap();
    conn.execute(
        "UPDATE events SET payload = ?1, hash = unhex(?2) WHERE seq = 8",
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
                // The registration is stored once (format v3), in the forged event: the
                // projection's columns still hold the name as registered.
                .contains("列 applicant_name（申请人）为 “李明”，重放得 “李鸣”")),
        "{p:?}"
    );
}

#[test]
fn an_edited_projection_row_is_named_with_what_differs() {
    let r = two_requests();
    r.sql()
        .execute_batch(
            "UPDATE requests SET applicant_name = '王二',
                 data = json_set(data, '$.registration', json_set(json_remove(
                     (SELECT payload FROM events WHERE request_id = requests.id AND idx = 1),
                     '$.kind'), '$.applicant.name', '王二'))
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
                "案件信息与 7 项事件的重放结果不符：列 concluded_on（办结日期）为 “2026-03-25”，重放得 “2026-03-26”"
            ),
            proj(
                "2026-0002",
                "案件信息与 2 项事件的重放结果不符：registration.applicant.name 为 “王二”，重放得 “李明”"
            ),
            proj(
                "2026-0002",
                "案件信息与 2 项事件的重放结果不符：列 applicant_name（申请人）为 “王二”，重放得 “李明”"
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
    // The root page of every table and index (the schema itself, on the first page and the
    // pages it overflows to, stays readable: the file is still recognised as a register).
    let roots: Vec<usize> = {
        let c = r.sql();
        let mut st = c
            .prepare("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")
            .unwrap();
        st.query_map([], |row| row.get::<_, i64>(0))
            .unwrap()
            .map(|p| p.unwrap() as usize)
            .collect()
    };
    let page: usize = r
        .sql()
        .query_row("PRAGMA page_size", [], |row| row.get::<_, i64>(0))
        .unwrap() as usize;
    let mut bytes = std::fs::read(&r.db).unwrap();
    assert!(bytes.len() >= 4 * page, "{}", bytes.len());
    // Garble the header of those b-tree pages.
    for p in roots {
        for b in &mut bytes[(p - 1) * page..(p - 1) * page + 12] {
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
                "SELECT lower(hex(hash)), lower(hex(prev_hash)) FROM events WHERE seq = ?1",
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

/// Issue 16 #16: `disclose restore BACKUP` follows README's procedure: it refuses while another
/// process has the register open (nothing moves); then it checks the backup, moves the damaged
/// file and its `-wal`/`-shm` aside as evidence, copies the backup into place (0600), verifies
/// it, and lists what the damaged register recorded after the backup, to be re-entered. The
/// stale `-wal` is never replayed into the restored file.
#[test]
fn restore_puts_a_checked_backup_in_place_and_keeps_the_damaged_file() {
    let r = Register::new();
    let reg = |who: &str| {
        r.register_today(who);
    };
    reg("甲");
    let backup = r.path("b.db");
    r.ok(&["backup", backup.to_str().unwrap()]);
    reg("乙");
    r.ok(&["withdraw", "2026-0001"]);
    // Another process (this test) holds the register open: refused, nothing moved.
    let holder = r.sql();
    let n: i64 = holder
        .query_row("SELECT count(*) FROM events", [], |x| x.get(0))
        .unwrap();
    assert_eq!(n, 3);
    let o = r.run(&["restore", backup.to_str().unwrap()]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(
        o.stderr.starts_with(&format!(
            "错误：登记簿 {} 正被其他程序使用（进程 {}",
            r.db.display(),
            std::process::id()
        )),
        "{}",
        o.stderr
    );
    assert!(!r.path("登记簿 test.damaged-20261130-090000.db").exists());
    drop(holder);
    let o = r.ok(&["restore", backup.to_str().unwrap()]);
    let dir = r.dir.path().display();
    let head = o
        .stdout
        .lines()
        .find(|l| l.starts_with("最新事件："))
        .unwrap()
        .to_string();
    assert!(head.starts_with("最新事件：seq 1，哈希 "), "{}", o.stdout);
    let mut want = String::new();
    for s in ["", "-wal", "-shm"] {
        if r.path(&format!("登记簿 test.damaged-20261130-090000.db{s}"))
            .exists()
        {
            want += &format!(
                "已把损坏的文件 {dir}/登记簿 test.db{s} 移到 {dir}/登记簿 test.damaged-20261130-090000.db{s}（留作证据）\n"
            );
        }
    }
    want += &format!(
        "已用备份 {} 恢复登记簿 {}（1 件申请、1 条事件，恢复前后均校验完好）\n{head}\n\
         损坏的登记簿在备份之后还记录了以下 2 条事件，请根据纸质材料按原业务日期重新录入：\n\
         \x20 seq 2　2026-0002　第 1 条　登记　{TODAY}\n\
         \x20 seq 3　2026-0001　第 2 条　申请人撤回　{TODAY}\n\
         备份之后登记的申请（案件编号 2026-0002）需重新登记；原编号已保留、不会再次发出，重新登记后会得到新编号，请在纸质材料上注明新旧编号。\n\
         已在恢复后的登记簿中保留损坏的登记簿在备份之后发出的案件编号 2026-0002，这些编号不会再次发出；2026 年此后登记的申请从 2026-0003 起编号。\n",
        backup.display(),
        r.db.display()
    );
    assert_eq!(o.stdout, want);
    assert!(r.path("登记簿 test.damaged-20261130-090000.db").exists());
    assert_eq!(r.count("requests"), 1);
    assert_eq!(r.count("events"), 1);
    let v = r.ok(&["verify"]);
    assert!(v.stdout.ends_with("结论：完好\n"), "{}", v.stdout);
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&r.db).unwrap().permissions())
            & 0o777,
        0o600
    );
    // A file that is not a register is refused as a backup (exit 5); nothing is moved.
    let bad = r.path("bad.db");
    std::fs::write(&bad, b"not a register").unwrap();
    let o = r.run(&["restore", bad.to_str().unwrap()]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(r.db.exists());
}

/// Issue 16 #1: a phone or ID number set by `amend` is masked in `show`'s timeline (table and
/// JSON) and in the export unless `--reveal`, like the registration's own.
#[test]
fn personal_data_set_by_an_amendment_is_masked_everywhere() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "张三",
        "2025年文物保护专项资金使用情况",
    );
    for set in [
        "applicant.phone=13700001111",
        "applicant.id_number=110105194912310011",
    ] {
        db.ok(
            "2026-03-02",
            &[
                "amend", &c, "--event", "1", "--set", set, "--reason", "记错",
            ],
        );
    }
    let table = db.ok("2026-03-02", &["show", &c]).stdout;
    let lines: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("更正第 1 项"))
        .collect();
    assert_eq!(lines.len(), 2, "{table}");
    assert!(
        lines[0].contains("联系电话 138****5678 → 137****1111；原因：记错"),
        "{table}"
    );
    assert!(
        lines[1].contains("证件号码 110105********002X → 110105********0011；原因：记错"),
        "{table}"
    );
    let json = db
        .ok("2026-03-02", &["show", &c, "--format", "json"])
        .stdout;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("exp");
    db.ok(
        "2026-03-02",
        &["export", &c, "--dir", out.to_str().unwrap()],
    );
    let md = std::fs::read_to_string(out.join("case.md")).unwrap();
    let cj = std::fs::read_to_string(out.join("case.json")).unwrap();
    for text in [&table, &json, &md, &cj] {
        assert!(!text.contains("13700001111"), "{text}");
        assert!(!text.contains("110105194912310011"), "{text}");
    }
    let revealed = db.ok("2026-03-02", &["show", &c, "--reveal"]).stdout;
    assert!(
        revealed.contains("联系电话 13812345678 → 13700001111"),
        "{revealed}"
    );
}

/// Issue 16 #7 and #8: a trigger rewritten so that it no longer stops anything (`WHEN 0`)
/// still contains `RAISE(ABORT`, yet `verify` finds it; and a changed `requests.seq` (which
/// would make a later registration fail) or `requests.year` is found too.
#[test]
fn verify_compares_the_triggers_whole_and_checks_the_case_number_columns() {
    let r = Register::new();
    for who in ["甲", "乙"] {
        r.register_today(who);
    }
    assert!(r.ok(&["verify"]).stdout.ends_with("结论：完好\n"));
    r.sql()
        .execute_batch(
            "DROP TRIGGER events_no_update;
             CREATE TRIGGER events_no_update BEFORE UPDATE ON events WHEN 0
             BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;
             UPDATE requests SET seq = 7 WHERE case_no = '2026-0002';",
        )
        .unwrap();
    let o = r.run(&["verify", "--format", "json"]);
    assert_eq!(o.code, 6, "{}", o.stdout);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let whats: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["what"].as_str().unwrap())
        .collect();
    assert!(
        whats.contains(&"保护事件记录只增不改的触发器 events_no_update 被删除或改动过"),
        "{whats:?}"
    );
    assert!(
        whats.contains(
            &"2026 年的案件序号应为 1 至 2，实为 1 至 7：序号被改动过，以后的登记会与之冲突"
        ),
        "{whats:?}"
    );
}

/// Issue 16 #6: `verify --head SEQ:HASH` checks the register against a head written down
/// outside it (the Monday printout): the same event with the same hash must still be there. A
/// chain rewritten from an edited event onwards verifies on its own, but not against the
/// anchor; nor does a register whose newest events were deleted.
#[test]
fn verify_against_a_head_written_down_outside_the_file() {
    let r = Register::new();
    for who in ["甲", "乙"] {
        r.register_today(who);
    }
    let v: Value = serde_json::from_str(&r.ok(&["verify", "--format", "json"]).stdout).unwrap();
    let hash = v["head"]["hash"].as_str().unwrap().to_string();
    let anchor = format!("2:{}", &hash[..8]);
    assert!(
        r.ok(&["verify", "--head", &anchor])
            .stdout
            .ends_with("结论：完好\n")
    );
    let o = r.run(&["verify", "--head", "2:00000000", "--format", "json"]);
    assert_eq!(o.code, 6);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v["problems"][0]["what"],
        format!(
            "先前记下的事件 seq 2 哈希为 00000000…，登记簿中为 {}…：哈希链被改写了",
            &hash[..12]
        )
    );
    let o = r.run(&["verify", "--head", "3:00000000", "--format", "json"]);
    assert_eq!(o.code, 6);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v["problems"][0]["what"],
        "登记簿中已没有先前记下的事件 seq 3：此后的事件被删除了"
    );
    let o = r.run(&["verify", "--head", "2:xyz"]);
    assert_eq!(o.code, 2);
}
