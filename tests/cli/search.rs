//! `disclose find` on registers as they change: a register made before the search indexes
//! existed gets them filled when it is first opened by this version, and an amended name is
//! found under the new name only.

use crate::common::*;

fn found(db: &Db, today: &str, text: &str) -> Vec<String> {
    let out = db.ok(today, &["find", text, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["case_no"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_register_made_before_the_search_indexes_gets_them_filled() {
    let db = Db::new();
    in_person(&db, "2026-03-02", "2026-03-02", "白雪", "文物保护专项资金");
    in_person(&db, "2026-03-03", "2026-03-03", "钱七", "机关食堂承包合同");
    {
        // The register as the version before the search step (migration 4) made it: no
        // search tables, and none of the later steps (format v3, step 5; the request kind,
        // step 6) either.
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch(
            "DROP INDEX requests_record_corrections; ALTER TABLE requests DROP COLUMN request_kind;
             DROP TABLE request_search; DROP TABLE request_names;
             DROP INDEX requests_fee_paid; DROP INDEX requests_filed_type;
             DROP INDEX requests_concluded_outcome; DROP INDEX requests_unconcluded;
             ALTER TABLE requests DROP COLUMN fee_paid_on;
             CREATE INDEX requests_filed ON requests (filed_on, concluded_on);
             CREATE INDEX requests_concluded ON requests (concluded_on)
                 WHERE concluded_on IS NOT NULL;
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    assert_eq!(found(&db, "2026-03-04", "白雪"), ["2026-0001"]);
    assert_eq!(found(&db, "2026-03-04", "食堂承包"), ["2026-0002"]);
    assert_eq!(
        found(&db, "2026-03-04", "13812345678"),
        ["2026-0002", "2026-0001"]
    );
    let out = db.ok("2026-03-04", &["verify"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn an_amended_name_is_found_under_the_new_name_only() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "白玉林",
        "文物保护专项资金",
    );
    db.ok(
        "2026-03-03",
        &[
            "amend",
            &c,
            "--event",
            "1",
            "--set",
            "applicant.name=白玉琳",
            "--reason",
            "姓名抄错",
        ],
    );
    assert_eq!(found(&db, "2026-03-03", "白玉琳"), ["2026-0001"]);
    assert_eq!(found(&db, "2026-03-03", "玉琳"), ["2026-0001"]);
    assert!(found(&db, "2026-03-03", "白玉林").is_empty());
    assert!(found(&db, "2026-03-03", "玉林").is_empty());
}

/// Names' pieces are tokens of an FTS5 index that splits at ASCII signs (migration 9): a short
/// query holding one is still matched only where a name holds it as typed.
#[test]
fn a_short_query_with_an_ascii_sign_matches_only_the_name_that_holds_it() {
    let db = Db::new();
    let c = in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "A.B文化",
        "文物保护专项资金",
    );
    in_person(
        &db,
        "2026-03-02",
        "2026-03-02",
        "AB文化",
        "机关食堂承包合同",
    );
    assert_eq!(found(&db, "2026-03-02", "a."), [c.as_str()]);
    assert_eq!(found(&db, "2026-03-02", ".b"), [c.as_str()]);
    assert_eq!(found(&db, "2026-03-02", "ab"), ["2026-0002"]);
    assert_eq!(found(&db, "2026-03-02", "b文"), ["2026-0002", "2026-0001"]);
}
