//! How the register file is opened and kept: the weekly report's anchor, readers that leave
//! nothing behind, file modes, restore (issue 16 #6, #14, #15, #16; issue 13).

use serde_json::Value;

use crate::common::*;

fn register_two(r: &Register) {
    for who in ["甲", "乙"] {
        r.register_today(who);
    }
}

/// Issue 16 #6: the weekly report's last line is the chain head (seq and the first 8 digits of
/// its hash), the anchor that `verify --head` takes; an empty register says it has none.
#[test]
fn the_weekly_report_ends_with_the_chain_head() {
    let r = Register::new();
    register_two(&r);
    let (_, v) = r.verify(&[]);
    let hash = v["head"]["hash"].as_str().unwrap();
    assert_eq!(v["head"]["seq"], 2);
    let short = &hash[..8];
    let o = r.ok(&["overdue"]);
    assert_eq!(
        o.stdout.lines().last().unwrap(),
        format!(
            "哈希链锚点：最新事件 seq 2，哈希 {short}（请随纸质报告留存；日后核对：disclose verify --head 2:{short}）"
        )
    );
    assert!(
        r.ok(&["verify", "--head", &format!("2:{short}")])
            .stdout
            .ends_with("结论：完好\n")
    );
}

/// Issue 16 #1: `verify`'s projection differences quote the stored and replayed values; an ID
/// number or phone among them is masked as everywhere else, in full only with `--reveal`.
#[test]
fn verify_masks_personal_data_in_its_differences() {
    let r = Register::new();
    r.ok(&[
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "甲",
        "--applicant-type",
        "natural",
        "--phone",
        "13800001111",
        "--id-number",
        "110105194912310011",
        "--content",
        "甲的申请",
    ]);
    r.sql()
        .execute_batch(
            "UPDATE requests SET applicant_id = '110105194912319999',
                    data = json_set(data, '$.applicant',
                                    json_object('id_number', '110105194912319999',
                                                'phone', '13999998888'))",
        )
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6);
    let whats: Vec<String> = problems(&v).into_iter().map(|p| p.4).collect();
    assert!(whats.contains(
        &"案件信息与 1 项事件的重放结果不符：列 applicant_id（证件号码）为 “110105********9999”，重放得 “110105********0011”"
            .to_string()
    ), "{whats:?}");
    let all = whats.join("\n");
    for full in ["110105194912319999", "110105194912310011", "13999998888"] {
        assert!(!all.contains(full), "{full} printed in full: {all}");
    }
    assert!(all.contains("\"139****8888\""), "{all}");
    let o = r.run(&["verify"]);
    assert_eq!(o.code, 6);
    assert!(!o.stdout.contains("110105194912319999") && !o.stdout.contains("13999998888"));
    let (_, v) = r.verify(&["--reveal"]);
    let all: Vec<String> = problems(&v).into_iter().map(|p| p.4).collect();
    assert!(all.contains(
        &"案件信息与 1 项事件的重放结果不符：列 applicant_id（证件号码）为 “110105194912319999”，重放得 “110105194912310011”"
            .to_string()
    ), "{all:?}");
}

/// Whether the tests run as root (who may write any file, so that "another user" is played by
/// uids 65533 and 65534 through `setpriv`).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// `disclose` on `r`'s register as the account `uid` (with `gid` as its only group) when the
/// tests run as root; as this account otherwise.
fn as_account(r: &Register, uid: u32, gid: u32, args: &[&str]) -> Output {
    as_account_on(&r.db, uid, gid, args)
}

/// [`as_account`] on the register at `db`.
fn as_account_on(db: &std::path::Path, uid: u32, gid: u32, args: &[&str]) -> Output {
    let mut cmd = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.arg(format!("--reuid={uid}"))
            .arg(format!("--regid={gid}"))
            .arg("--clear-groups")
            .arg(env!("CARGO_BIN_EXE_disclose"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_disclose"))
    };
    cmd.arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
        .env("USER", "领导")
        .env_remove("DISCLOSE_DB")
        .env_remove("DISCLOSE_TODAY")
        .env_remove("DISCLOSE_FORMAT")
        .env_remove("DISCLOSE_HOLIDAYS");
    let o = cmd.output().unwrap();
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn set_mode(p: &std::path::Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

fn sidecars(r: &Register) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .filter(|s| {
            let mut p = r.db.clone().into_os_string();
            p.push(s);
            std::path::Path::new(&p).exists()
        })
        .map(|s| s.to_string())
        .collect()
}

/// Issue 13: a leader with group read access (the folder writable, as a shared folder is)
/// runs `overdue`, `show` and `verify`: they work, and leave no `-wal`/`-shm` of theirs beside
/// the register; the clerk then writes as before. In a folder the reader cannot write, the
/// same commands work too.
#[test]
fn a_reader_leaves_nothing_the_writer_needs() {
    use std::os::unix::fs::MetadataExt;
    if !is_root() {
        eprintln!("skipped: playing two accounts needs root (setpriv)");
        return;
    }
    let r = Register::new();
    register_two(&r);
    // The clerk is uid 65534; the leader, uid 65533, reads through the group 65533.
    std::os::unix::fs::chown(&r.db, Some(65534), Some(65533)).unwrap();
    set_mode(&r.db, 0o640);
    set_mode(r.dir.path(), 0o777);
    let clerk = |args: &[&str]| as_account(&r, 65534, 65534, args);
    let leader = |args: &[&str]| as_account(&r, 65533, 65533, args);
    let shown = clerk(&["show", "2026-0001", "--format", "json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    for args in [
        vec!["overdue"],
        vec!["show", "2026-0001", "--format", "json"],
        vec!["verify"],
    ] {
        let o = leader(&args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
        assert_eq!(o.stderr, "", "{args:?}");
        if args[0] == "show" {
            assert_eq!(o.stdout, shown.stdout);
        }
        assert_eq!(sidecars(&r), Vec::<String>::new(), "{args:?} left files");
    }
    let o = clerk(&[
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "丙",
        "--applicant-type",
        "natural",
        "--phone",
        "13800001111",
        "--content",
        "丙的申请",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(case_no_of(&o.stdout), "2026-0003");

    // A -shm left by the leader's older release: the clerk's write is refused, and the hint
    // names that file and its owner rather than the register's permissions.
    let mut shm = r.db.clone().into_os_string();
    shm.push("-shm");
    let shm = std::path::PathBuf::from(shm);
    std::fs::write(&shm, vec![0u8; 32768]).unwrap();
    std::os::unix::fs::chown(&shm, Some(65533), Some(65533)).unwrap();
    set_mode(&shm, 0o644);
    let o = clerk(&["withdraw", "2026-0003", "--on", "2026-11-30"]);
    assert_eq!(o.code, 5, "{}", o.stderr);
    assert!(
        o.stderr.contains(&format!(
            "提示：{} 不可写（权限 0644，所有者 uid 65533），多半是另一个账户只读查看时留下的",
            shm.display()
        )),
        "{}",
        o.stderr
    );
    std::fs::remove_file(&shm).unwrap();
    // The clerk's own empty -wal of the refused write goes with it.
    let mut wal = r.db.clone().into_os_string();
    wal.push("-wal");
    let _ = std::fs::remove_file(wal);

    // While another connection holds the register (its -wal and -shm exist), the leader reads
    // through them: what the clerk has just recorded is seen.
    let held = r.sql();
    held.query_row("SELECT count(*) FROM events", [], |_| Ok(()))
        .unwrap();
    let o = clerk(&[
        "register",
        "--channel",
        "in-person",
        "--applicant",
        "丁",
        "--applicant-type",
        "natural",
        "--phone",
        "13800001111",
        "--content",
        "丁的申请",
    ]);
    assert_eq!(case_no_of(&o.stdout), "2026-0004", "{}", o.stderr);
    let o = leader(&["show", "2026-0004", "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["case_no"], "2026-0004");
    drop(held);

    // A backup in a folder the leader cannot write is checked, on its own and against.
    let backup = r.path("backup.db");
    let o = clerk(&["backup", backup.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    std::os::unix::fs::chown(&backup, Some(65534), Some(65533)).unwrap();
    set_mode(&backup, 0o640);

    // The folder cannot be written by the leader: reading still works, nothing is made.
    set_mode(r.dir.path(), 0o755);
    for args in [vec!["overdue"], vec!["verify"], vec!["list"]] {
        let o = leader(&args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    }
    let o = leader(&["verify", "--against", backup.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = as_account_on(&backup, 65533, 65533, &["verify"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.ends_with("结论：完好\n"), "{}", o.stdout);
    assert_eq!(sidecars(&r), Vec::<String>::new());
    assert!(!r.path("backup.db-shm").exists() && !r.path("backup.db-wal").exists());
    assert_eq!(std::fs::metadata(&r.db).unwrap().uid(), 65534);
    set_mode(r.dir.path(), 0o700);
}

/// `disclose` with the file-size limit at 1 KiB (SIGXFSZ ignored): the register's `-shm`
/// cannot be made, as on a full disk, while the register itself can still be read.
fn with_no_room(r: &Register, args: &[&str]) -> Output {
    let mut line = format!("trap '' XFSZ; ulimit -f 1; exec \"$0\" --db \"$1\" --today {TODAY}");
    for (i, _) in args.iter().enumerate() {
        line.push_str(&format!(" \"${}\"", i + 2));
    }
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .arg(env!("CARGO_BIN_EXE_disclose"))
        .arg(&r.db)
        .args(args)
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", TIMESTAMP)
        .env("USER", "测试员")
        .env_remove("DISCLOSE_DB")
        .output()
        .unwrap();
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

/// Issue 16 #14: with no room for the `-shm` (a full disk), the read-only commands still work:
/// `verify` finds the register intact, `overdue` prints its report.
#[test]
fn read_only_commands_work_without_room_for_the_shm() {
    let r = Register::new();
    register_two(&r);
    let o = with_no_room(&r, &["verify", "--format", "json"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["intact"], true);
    assert_eq!(v["events"], 2);
    let o = with_no_room(&r, &["overdue", "--as-of", "2026-11-30"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.starts_with("逾期报告（截至 2026-11-30"),
        "{}",
        o.stdout
    );
    let o = with_no_room(&r, &["show", "2026-0002", "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["case_no"], "2026-0002");
}

/// Issue 16 #15: a register (and its `-wal`/`-shm`) readable by others is not used silently:
/// one warning on stderr, in Chinese, with the `chmod` command, and the permissions taken away
/// to 0640 (owner read-write, group read); the next command says nothing.
#[test]
fn a_register_readable_by_others_is_tightened_with_a_warning() {
    let r = Register::new();
    register_two(&r);
    set_mode(&r.db, 0o644);
    let o = r.ok(&["list"]);
    assert_eq!(
        o.stderr,
        format!(
            "警告：{}（登记簿、-wal、-shm）的权限为 0644，其他用户也能读取（或改写）其中的个人信息；已改为 0640（所有者读写、同组只读）。不需要同组的人查看时，可再运行：chmod 600 '{}'\n",
            r.db.display(),
            r.db.display()
        )
    );
    assert_eq!(mode(&r.db), 0o640);
    assert_eq!(r.ok(&["list"]).stderr, "");
    // A -wal and -shm made while the register was 0666 (another program holds it open).
    set_mode(&r.db, 0o666);
    let held = r.sql();
    held.query_row("SELECT count(*) FROM events", [], |_| Ok(()))
        .unwrap();
    let o = r.ok(&["list"]);
    assert!(
        o.stderr.starts_with(&format!(
            "警告：{}（登记簿、-wal、-shm）的权限为 0666，",
            r.db.display()
        )),
        "{}",
        o.stderr
    );
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    for s in ["", "-wal", "-shm"] {
        let mut p = r.db.clone().into_os_string();
        p.push(s);
        assert_eq!(mode(std::path::Path::new(&p)), 0o640, "{s}");
    }
    drop(held);
    // A register already 0600 or 0640 is left alone.
    set_mode(&r.db, 0o600);
    assert_eq!(r.ok(&["list"]).stderr, "");
    assert_eq!(mode(&r.db), 0o600);
}

/// Issue 16 #16: the case numbers a damaged register issued after the backup are reserved in
/// the restored one — the next registration continues after them, `verify` accepts the gap
/// they leave, and a request given a reserved number is still found.
#[test]
fn restore_reserves_the_numbers_the_damaged_register_issued() {
    let r = Register::new();
    let reg = |who: &str| r.register_today(who);
    assert_eq!(reg("甲"), "2026-0001");
    let backup = r.path("b.db");
    r.ok(&["backup", backup.to_str().unwrap()]);
    assert_eq!(reg("乙"), "2026-0002");
    assert_eq!(reg("丙"), "2026-0003");
    let o = r.ok(&["restore", backup.to_str().unwrap()]);
    assert!(
        o.stdout.ends_with(
            "已在恢复后的登记簿中保留损坏的登记簿在备份之后发出的案件编号 2026-0002 至 2026-0003，这些编号不会再次发出；2026 年此后登记的申请从 2026-0004 起编号。\n"
        ),
        "{}",
        o.stdout
    );
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 0, "{v}");
    // 乙 registered again from the paper file: a new number, after the reserved ones.
    assert_eq!(reg("乙"), "2026-0004");
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(r.ok(&["show", "2026-0004", "--format", "json"]).code, 0);
    // A request moved into a reserved number is found.
    r.sql()
        .execute_batch("UPDATE requests SET seq = 3 WHERE case_no = '2026-0004'")
        .unwrap();
    let (code, v) = r.verify(&[]);
    assert_eq!(code, 6);
    assert!(
        problems(&v).iter().any(|p| p.4
            == "2026 年的案件序号应为 1 至 4（除恢复时保留的序号 2–3），实为 1 至 3：序号被改动过，以后的登记会与之冲突"),
        "{v}"
    );
}
