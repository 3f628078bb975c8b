//! Helpers shared by the integration tests: run the real binary, find the shared cases.

use std::path::{Path, PathBuf};

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository's root.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A file under `../shared/` (the domain rules and acceptance cases), or, in a clone without
/// that folder beside it, the copy kept under `tests/fixtures/shared/` (the acceptance cases and
/// the holiday-cn reference files, MIT, see its SOURCE.md).
pub fn shared(rel: &str) -> PathBuf {
    let beside = repo("../shared").join(rel);
    if beside.exists() {
        beside
    } else {
        repo("tests/fixtures/shared").join(rel)
    }
}

/// Runs `disclose` with `args`, no terminal, a fixed recording timestamp, no config file.
pub fn disclose(args: &[&str]) -> Output {
    disclose_env(args, &[])
}

/// Runs `disclose` with `args` and extra environment variables.
pub fn disclose_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("disclose").unwrap();
    cmd.args(args)
        .env_remove("DISCLOSE_DB")
        .env_remove("DISCLOSE_TODAY")
        .env_remove("DISCLOSE_FORMAT")
        .env_remove("DISCLOSE_HOLIDAYS")
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", "2026-11-30T09:00:00+08:00")
        .env("USER", "测试员");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A fresh register in a temporary folder, driven through the binary.
pub struct Db {
    _dir: tempfile::TempDir,
    /// The database file.
    pub path: PathBuf,
}

impl Db {
    /// A new, empty register (the file is created by the first command).
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.db");
        Db { _dir: dir, path }
    }

    /// Runs `disclose --db <this> --today <today> args…`.
    pub fn run(&self, today: &str, args: &[&str]) -> Output {
        let db = self.path.display().to_string();
        let mut all = vec!["--db", db.as_str(), "--today", today];
        all.extend_from_slice(args);
        disclose(&all)
    }

    /// Like [`Db::run`], and asserts success.
    pub fn ok(&self, today: &str, args: &[&str]) -> Output {
        let out = self.run(today, args);
        assert_eq!(out.code, 0, "disclose {args:?} failed:\n{}", out.stderr);
        out
    }

    /// Like [`Db::run`], and asserts the refusal exit code 1.
    pub fn refused(&self, today: &str, args: &[&str]) -> Output {
        let out = self.run(today, args);
        assert_eq!(
            out.code, 1,
            "disclose {args:?} should be refused:\n{}{}",
            out.stdout, out.stderr
        );
        assert!(
            out.stdout.is_empty(),
            "a refusal prints nothing on stdout: {}",
            out.stdout
        );
        out
    }

    /// `show CASE --format json` as of `today`, parsed.
    pub fn show(&self, today: &str, case: &str) -> serde_json::Value {
        let out = self.ok(today, &["show", case, "--format", "json"]);
        serde_json::from_str(&out.stdout).unwrap()
    }

    /// Registers a request and returns its case number (JSON output's `case_no`).
    pub fn register(&self, today: &str, args: &[&str]) -> String {
        let mut all = vec!["register"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let out = self.ok(today, &all);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v["case_no"].as_str().unwrap().to_string()
    }

    /// The bytes of the database and its write-ahead log (to prove a refusal wrote nothing).
    pub fn bytes(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let wal = self.path.with_extension("db-wal");
        (std::fs::read(&self.path).unwrap(), std::fs::read(wal).ok())
    }
}

/// Registers an in-person request with full identity and contact details (so it is not flagged
/// for correction), received on `on`, and returns its case number.
pub fn in_person(db: &Db, today: &str, on: &str, name: &str, content: &str) -> String {
    db.register(
        today,
        &[
            "--channel",
            "in-person",
            "--on",
            on,
            "--applicant",
            name,
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--phone",
            "13812345678",
            "--content",
            content,
        ],
    )
}

/// Drafts, reviews and approves a reply proposing `outcome`, all on `on`.
pub fn approve(db: &Db, today: &str, case: &str, on: &str, outcome: &str) {
    db.ok(
        today,
        &[
            "review",
            "draft",
            case,
            "--on",
            on,
            "--department",
            "文物科",
            "--handler",
            "李明",
            "--outcome",
            outcome,
            "--reasons",
            "经审查",
            "--basis",
            "《政府信息公开条例》",
        ],
    );
    db.ok(today, &["review", "office", case, "--on", on, "--approve"]);
    db.ok(
        today,
        &[
            "review",
            "leader",
            case,
            "--on",
            on,
            "--leader",
            "王局长",
            "--approve",
        ],
    );
}

/// Records a consultation letter to a third party `party`, sent (and recorded) on `on`.
pub fn consult_send(db: &Db, case: &str, on: &str, party: &str) -> Output {
    db.ok(
        on,
        &[
            "consult-third-party",
            "send",
            case,
            "--on",
            on,
            "--party",
            party,
        ],
    )
}

/// Records `party`'s answer (`agree`, `object`, `none`), with its reasons if any, on `on`.
pub fn consult_answer(
    db: &Db,
    case: &str,
    on: &str,
    party: &str,
    answer: &str,
    reasons: Option<&str>,
) -> Output {
    let mut args = vec![
        "consult-third-party",
        "answer",
        case,
        "--on",
        on,
        "--party",
        party,
        "--answer",
        answer,
    ];
    if let Some(r) = reasons {
        args.extend(["--reasons", r]);
    }
    db.ok(on, &args)
}
