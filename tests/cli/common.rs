//! Helpers shared by the integration tests: run the real binary, find the shared cases.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use serde_json::Value;

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
    approve_with(db, today, case, on, outcome, &[]);
}

/// [`approve`] of a draft to disclose over a third party's objection, stating the public
/// interest that outweighs it (条例 Art 32).
pub fn approve_in_public_interest(db: &Db, today: &str, case: &str, on: &str, why: &str) {
    approve_with(db, today, case, on, "1", &["--public-interest", why]);
}

/// [`approve`] with more flags for the draft.
fn approve_with(db: &Db, today: &str, case: &str, on: &str, outcome: &str, extra: &[&str]) {
    let mut draft = vec![
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
    ];
    draft.extend_from_slice(extra);
    db.ok(today, &draft);
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
    if answer == "none" {
        // No served date recorded: silence needs the clerk's reason (SPEC §3).
        args.extend(["--served-unknown-reason", "挂号信回执遗失"]);
    }
    db.ok(on, &args)
}

// ---------------------------------------------------------------------------------------------
// The integrity, concurrency, hostile-input and import-fault tests: a register with a path that
// needs quoting, a fixed today, and the binary run directly.

/// The business "today" of these tests.
pub const TODAY: &str = "2026-11-30";
/// The recording timestamp the helpers set (`DISCLOSE_TIMESTAMP`).
pub const TIMESTAMP: &str = "2026-11-30T09:00:00+08:00";
pub const ID: &str = "11010519491231002X";
pub const PHONE: &str = "13812345678";
pub const ADDRESS: &str = "北京市西城区金融大街甲9号院3号楼502室";

/// A fresh register in its own temporary folder.
pub struct Register {
    /// Its temporary folder.
    pub dir: tempfile::TempDir,
    /// The database file in it.
    pub db: PathBuf,
}

impl Register {
    pub fn new() -> Register {
        let dir = scratch();
        let db = dir.path().join("登记簿 test.db");
        Register { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let db = self.db.to_str().unwrap();
        let mut v = vec!["--db", db, "--today", TODAY];
        v.extend_from_slice(args);
        disclose_env(&v, env)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    pub fn ok(&self, args: &[&str]) -> Output {
        let o = self.run(args);
        assert_eq!(
            o.code, 0,
            "disclose {args:?}\nstdout: {}\nstderr: {}",
            o.stdout, o.stderr
        );
        o
    }

    /// The binary as a `Command`, with the same environment as the `disclose` helper.
    pub fn command(&self, args: &[&str]) -> Command {
        command(&self.db, args)
    }

    pub fn sql(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    pub fn count(&self, table: &str) -> i64 {
        self.sql()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Registers `who`'s request 「{who}的申请」 in person, with no `--on` (received [`TODAY`]) and
    /// phone 13800001111; returns its case number.
    pub fn register_today(&self, who: &str) -> String {
        let o = self.ok(&[
            "register",
            "--channel",
            "in-person",
            "--applicant",
            who,
            "--applicant-type",
            "natural",
            "--phone",
            "13800001111",
            "--content",
            &format!("{who}的申请"),
        ]);
        case_no_of(&o.stdout)
    }

    /// Registers a request received in person on `on`; returns its case number.
    pub fn register(&self, applicant: &str, on: &str, content: &str) -> String {
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
    pub fn s5(&self) -> String {
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
    pub fn verify(&self, extra: &[&str]) -> (i32, Value) {
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
pub fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

pub fn command(db: &Path, args: &[&str]) -> Command {
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

pub fn case_no_of(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("已登记："))
        .unwrap_or_else(|| panic!("no case number in: {stdout}"))
        .trim()
        .to_string()
}

pub fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

pub fn sha256_file(p: &Path) -> String {
    disclose::report::export::sha256_hex(&std::fs::read(p).unwrap())
}

/// One problem of a verify report: (case, event, seq, check, what).
pub type Found = (Option<String>, Option<u64>, Option<i64>, String, String);

/// The problems of a verify report.
pub fn problems(v: &Value) -> Vec<Found> {
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

pub fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// Two requests: 2026-0001 is S5 (seq 1–7), 2026-0002 is registered (seq 8) and drafted (seq 9).
pub fn two_requests() -> Register {
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

/// The number of requests and events, and `PRAGMA integrity_check`.
pub fn state(db: &Path) -> (i64, i64) {
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
pub fn pick(seed: u64, n: u64) -> u64 {
    let mut x = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(0x632B_E59B_D9B4_E019);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x % n.max(1)
}

/// One clerk's session: `cases` requests, each registered, drafted, reviewed, approved and
/// replied to (5 commands, 5 events). Returns every command's failure output, if any.
pub fn clerk(db: PathBuf, who: &'static str, cases: usize) -> Vec<String> {
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
