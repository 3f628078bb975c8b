//! Storage format v2 (issue 11): a register written by the release before it (format v1,
//! `tests/fixtures/v1/`, made by `scripts/make-v1-fixture.sh`) is upgraded when first opened,
//! after a checked copy beside it, and then gives byte for byte the outputs that release gave,
//! with the same head of the hash chain.

use std::path::Path;

use crate::common::{disclose, repo};

const CASES: [&str; 7] = [
    "2026-0001",
    "2026-0002",
    "2026-0037",
    "2026-0038",
    "2026-0039",
    "2026-0040",
    "2026-0041",
];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo("tests/fixtures/v1").join(name)).unwrap()
}

fn copy_fixture(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("register.db");
    std::fs::copy(repo("tests/fixtures/v1/register.db"), &db).unwrap();
    db
}

fn run(db: &Path, args: &[&str]) -> crate::common::Output {
    let mut all = vec!["--db", db.to_str().unwrap(), "--today", "2026-11-30"];
    all.extend_from_slice(args);
    disclose(&all)
}

fn user_version(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_v1_register_is_upgraded_and_answers_exactly_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_fixture(dir.path());
    let before = std::fs::read(&db).unwrap();
    assert_eq!(user_version(&db), 1);

    let v = run(&db, &["verify"]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    // The head printed by the v1 release (seq 59, f83504b8…0909), unchanged.
    let head_line = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("哈希链："))
            .unwrap()
            .to_string()
    };
    assert_eq!(head_line(&v.stdout), head_line(&fixture("verify.txt")));
    assert!(v.stdout.contains(
        "最新事件 seq 59，哈希 f83504b8ab65015fbfd800dd8b60ae6551093fc303b29049f33a58a5d1910909"
    ));
    assert!(v.stdout.contains("结论：完好"), "{}", v.stdout);
    // Upgraded, said so, and the old file kept beside it byte for byte.
    assert_eq!(user_version(&db), 2);
    let backup = dir.path().join("register.db.v1-backup");
    assert!(v.stderr.contains("升级为存储格式 v2"), "{}", v.stderr);
    assert!(
        v.stderr.contains(&backup.display().to_string()),
        "{}",
        v.stderr
    );
    assert_eq!(user_version(&backup), 1);
    let old = rusqlite::Connection::open(&backup).unwrap();
    let n: i64 = old
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 59);
    drop(old);
    let _ = before;

    // Hashes are 32-byte blobs now.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (t, len): (String, i64) = conn
        .query_row(
            "SELECT typeof(hash), length(hash) FROM events WHERE seq = 59",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((t.as_str(), len), ("blob", 32));
    drop(conn);

    for case in CASES {
        let out = run(&db, &["show", case, "--format", "json"]);
        assert_eq!(out.code, 0, "{case}: {}", out.stderr);
        assert_eq!(out.stdout, fixture(&format!("show-{case}.json")), "{case}");
    }
    let out = run(
        &db,
        &["overdue", "--as-of", "2026-11-30", "--format", "json"],
    );
    assert_eq!(out.stdout, fixture("overdue.json"));
    let out = run(
        &db,
        &["report", "annual", "--year", "2026", "--format", "json"],
    );
    assert_eq!(out.stdout, fixture("annual-2026.json"));
    // Upgraded once: the second opening says nothing more.
    assert!(!out.stderr.contains("升级"), "{}", out.stderr);
}

#[test]
fn a_read_only_command_on_a_v1_register_upgrades_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_fixture(dir.path());
    let out = run(&db, &["show", "2026-0037", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, fixture("show-2026-0037.json"));
    assert!(dir.path().join("register.db.v1-backup").is_file());
    assert_eq!(user_version(&db), 2);
}

#[test]
fn a_damaged_v1_register_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_fixture(dir.path());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET on_date = '2026-01-01' WHERE seq = 5;
             CREATE TRIGGER events_no_update BEFORE UPDATE ON events
             BEGIN SELECT RAISE(ABORT, 'events are append-only: record an amending event instead'); END;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["verify"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("存储格式 v1"), "{}", out.stderr);
    assert!(out.stderr.contains("校验未通过"), "{}", out.stderr);
    assert!(out.stderr.contains("未作任何改动"), "{}", out.stderr);
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
    assert_eq!(user_version(&db), 1);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("backup"))
        .collect();
    assert!(left.is_empty(), "no copy left behind: {left:?}");
}

#[test]
fn a_write_protected_v1_register_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_fixture(dir.path());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
        if std::fs::OpenOptions::new().write(true).open(&db).is_err() {
            let out = run(&db, &["show", "2026-0037"]);
            assert_eq!(out.code, 5, "{}", out.stderr);
            assert!(out.stderr.contains("存储格式 v1"), "{}", out.stderr);
            assert!(out.stderr.contains("只读"), "{}", out.stderr);
        }
    }
}
