//! Hostile and broken input (issue 6): odd text round-tripping exactly, huge values, read-only
//! databases, a full disk, a file-size limit, files that are not a register, odd paths and weird
//! dates — each a clear error that loses nothing.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use serde_json::Value;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Hostile and broken input

#[test]
fn odd_text_round_trips_exactly_through_register_show_and_export() {
    let r = Register::new();
    let long = "一二三四五六七八九十".repeat(400);
    assert_eq!(long.chars().count(), 4_000);
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
fn a_description_at_the_limit_is_recorded_whole_and_a_huge_one_refused() {
    let r = Register::new();
    let register = |content: &str| {
        r.run(&[
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
            content,
        ])
    };
    // Close to the largest single argument Linux passes to a program (128 KiB): refused with
    // its length and the limit (5,000 characters), nothing written.
    let huge = format!("开头{}结尾", "x".repeat(120_000));
    let o = register(&huge);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .starts_with("错误：申请内容有 120004 个字，过长（最多 5000 个字）"),
        "{}",
        o.stderr
    );
    let content = format!("开头{}结尾", "x".repeat(4_996));
    let o = register(&content);
    assert_eq!(o.code, 0, "{}", o.stderr);
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
    // The hint names the real cause: the file itself (issue 13).
    assert!(
        o.stderr.contains(&format!(
            "提示：数据库文件 {} 本身不可写（权限 0444，",
            r.db.display()
        )),
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

    // Neither the file nor its folder is writable: SQLite could not make the -wal and -shm it
    // reads a WAL database through, so the reader makes none (issue 13: a backup on read-only
    // media can still be checked). Reading works; writing is refused, naming the file.
    for f in ["-wal", "-shm"] {
        let mut p = r.db.clone().into_os_string();
        p.push(f);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    set(r.dir.path(), if root { 0o755 } else { 0o555 });
    for args in [vec!["list"], vec!["verify"], vec!["overdue"]] {
        let o = as_user(&args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    }
    let shown = as_user(&["show", "2026-0001", "--format", "json"]);
    assert_eq!(shown.stdout, before);
    let o = as_user(&[
        "register",
        "--channel",
        "email",
        "--applicant",
        "某",
        "--applicant-type",
        "natural",
        "--content",
        "某",
    ]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(o.stderr.starts_with(&refused), "{}", o.stderr);
    set(r.dir.path(), 0o700);
    assert_eq!(sha256_file(&r.db), hash, "not a byte changed");
    set(&r.db, 0o600);
    assert_eq!(state(&r.db), (2, 9));
}

/// A description of the largest length allowed (5,000 characters), every character different,
/// so that with its search index (trigrams) the write is far larger than the room left in the
/// tests below.
fn bulky() -> String {
    (0..5_000)
        .map(|i| char::from_u32(0x4E00 + i).unwrap())
        .collect()
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
    // `ulimit -f` (512-byte blocks) lets no file grow past 64 KiB: the register (larger
    // already) is only read, and its write-ahead log (emptied above) cannot take the 90 KB
    // request; SIGXFSZ ignored, so that the write fails with EFBIG as it would on a quota.
    assert!(size > 64 * 1024, "{size}");
    // The request, refused while the limit holds and recorded once it is lifted.
    let content = bulky();
    let request = [
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
        content.as_str(),
    ];
    let script = "ulimit -f 128; trap '' XFSZ; exec \"$0\" \"$@\"".to_string();
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_disclose"))
        .arg("--db")
        .arg(&r.db)
        .args(["--today", TODAY])
        .args(request)
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
    r.ok(&request);
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
    // The newest schema version this build knows (the migrations' count).
    let newer_msg = format!(
        "由更新版本的 disclose 创建（数据库版本 99，本程序只支持到 {}），未作任何改动：请升级 disclose",
        disclose::store::MIGRATIONS.len()
    );
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
        (&newer, newer_msg.as_str()),
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
    // The year-first forms a clerk types are read as the import reads them, and full-width
    // digits typed with a Chinese input method as typed (issue 13).
    for today in [
        "2026-1-5",
        "2026/1/5",
        "2026年1月5日",
        "２０２６-０１-０５",
        "２０２６－０１－０５",
    ] {
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

/// Issue 16 #13: a holidays or configuration file that is a FIFO (it would hang), a device (a
/// link to /dev/zero would read until memory runs out) or larger than 4 MB is refused at once
/// (exit 4, nothing written); a file of 32,000 entries is parsed in linear time (no test of
/// speed here: it used to take 20 s, and the suite would notice).
#[test]
fn holidays_and_config_files_that_are_not_small_regular_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = fifo.display().to_string();
    let zero = zero.display().to_string();
    let out = disclose(&["--holidays", &fifo, "calendar", "add", "2026-01-30", "20"]);
    assert_eq!(out.code, 4);
    assert_eq!(
        out.stderr,
        format!(
            "错误：无法读取节假日文件 {fifo}：不是普通文件（管道、设备等不能作为节假日或配置文件读取）\n"
        )
    );
    let out = disclose(&["--config", &zero, "calendar", "add", "2026-01-30", "20"]);
    assert_eq!(out.code, 4);
    assert_eq!(
        out.stderr,
        format!(
            "错误：无法读取配置文件 {zero}：不是普通文件（管道、设备等不能作为节假日或配置文件读取）\n"
        )
    );
    let big = dir.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; 4 * 1024 * 1024 + 1]).unwrap();
    let big = big.display().to_string();
    let out = disclose(&["--holidays", &big, "calendar", "add", "2026-01-30", "20"]);
    assert_eq!(out.code, 4);
    assert_eq!(
        out.stderr,
        format!(
            "错误：无法读取节假日文件 {big}：文件太大（超过 4 MB，节假日或配置文件通常只有几 KB）\n"
        )
    );
    // 32,000 holiday lines (all in 2030): read and applied, the 2026 answer unchanged.
    let mut text = String::from("[2030]\nnotice = \"测试\"\nholidays = [\n");
    for i in 0..32_000 {
        text.push_str(&format!(
            "  {{ name = \"h{i}\", off = [\"2030-03-{:02}\"], work = [] }},\n",
            1 + i % 28
        ));
    }
    text.push_str("]\n");
    let many = dir.path().join("many.toml");
    std::fs::write(&many, text).unwrap();
    let many = many.display().to_string();
    let out = disclose(&["--holidays", &many, "calendar", "add", "2026-01-30", "20"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "2026-03-05\n"));
}

/// Issue 16 #11: what a message quotes — a case number as typed, a flag's value, a `--db` path,
/// a holidays file's notice title — reaches the terminal with its control characters escaped.
#[test]
fn control_characters_in_arguments_and_files_never_reach_the_terminal() {
    let db = Db::new();
    db.ok(
        "2026-03-02",
        &[
            "register",
            "--channel",
            "in-person",
            "--applicant",
            "张三",
            "--applicant-type",
            "natural",
            "--phone",
            "13800001111",
            "--content",
            "测试内容",
        ],
    );
    let o = db.run("2026-03-02", &["show", "2026-\u{1b}]0;PWNED\u{7}"]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stderr.lines().next().unwrap(),
        "错误：找不到案件 2026-\\u{1b}]0;PWNED\\u{7}"
    );
    let o = db.run("2026-03-02", &["list", "--state", "\u{1b}[31mx"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.starts_with("错误："), "{}", o.stderr);
    assert!(!o.stderr.contains('\u{1b}'), "{:?}", o.stderr);
    assert!(o.stderr.contains("\\u{1b}[31mx"), "{:?}", o.stderr);
    let o = disclose(&["--db", "/nonexistent/\u{1b}[2Jx.db", "overdue"]);
    assert_eq!(o.code, 5);
    assert!(!o.stderr.contains('\u{1b}'), "{:?}", o.stderr);
    assert!(
        o.stderr.contains("/nonexistent/\\u{1b}[2Jx.db"),
        "{:?}",
        o.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("h.toml");
    std::fs::write(&h, "[2030]\nnotice = \"\\u001b[2Jevil\"\nholidays = []\n").unwrap();
    let o = disclose(&[
        "--holidays",
        h.to_str().unwrap(),
        "calendar",
        "show",
        "2030",
    ]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout.lines().next().unwrap(), "2030年：\\u{1b}[2Jevil");
}
