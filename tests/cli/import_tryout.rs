//! Import defects found by a tryout (full-import brief, item 4) and issue 16 #1/#4: every problem
//! of a row listed at once, each under its own column with the value as typed (masked); an
//! import that imported nothing is not a success; no e-mail address echoed in full.

use std::path::{Path, PathBuf};

use crate::common::{Output, disclose};

const TODAY: &str = "2026-11-30";

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Output {
    let db = dir.join("register.db").display().to_string();
    let f = file.display().to_string();
    let mut args = vec!["import", f.as_str(), "--db", &db, "--today", TODAY];
    args.extend_from_slice(extra);
    disclose(&args)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// One row with a phone of too few digits (typed in lower case), an e-mail without @ and an ID
/// number whose check character is wrong (110105194912310021; the right one ends in X): the
/// three problems come in one run, each under its column, the phone as typed (not upper-cased),
/// the e-mail masked as lists mask it (SPEC.md §7).
#[test]
fn every_problem_of_a_row_is_listed_in_one_run_under_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,联系电话,电子邮箱,证件号码\n\
         张三,自然人,2026-11-02,内容甲,abc12,wangfang.example.com,110105194912310021\n",
    );
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines[0],
        format!("错误：{} 有 1 行有误，未导入任何申请：", f.display())
    );
    assert_eq!(
        lines[1..4],
        [
            "  第 2 行，“电子邮箱”：“w*******************”不是电子邮箱地址（应形如 name@example.com）",
            "  第 2 行，“联系电话”：联系电话“abc12”不像电话号码：至少应有 7 位数字（手机 11 位，固话可带区号和分机）",
            "  第 2 行，“证件号码”：身份证号码校验位不符：按前17位应为“X”，实为“1”，请核对是否抄错（按申请人类型“自然人”视为居民身份证；如果是其他证件，请在“证件类型”列注明，如 护照）",
        ],
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("wangfang"), "{}", o.stderr);
    assert!(!o.stderr.contains("（整行）"), "{}", o.stderr);
}

/// A row missing its required cells still has its other cells checked: the e-mail and the
/// phone are listed with the missing name in the same run.
#[test]
fn a_row_missing_required_cells_still_has_its_other_cells_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "mail.csv",
        "申请人,申请人类型,签收日期,申请内容,联系电话,电子邮箱\n\
         ,自然人,2026-11-02,内容甲,12-34,li@@\n",
    );
    let o = import(dir.path(), &f, &[]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    let columns: Vec<&str> = o
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  第 2 行，“"))
        .filter_map(|l| l.split('”').next())
        .collect();
    assert_eq!(columns, ["申请人", "联系电话"], "{}", o.stderr);
}

/// `--skip-invalid` where every good row is a duplicate of one already registered and the rest
/// are wrong: nothing at all was imported, so the exit code is 4 (bad input file, README's
/// table), not 0, and the reject file still holds the wrong row.
#[test]
fn skip_invalid_that_imported_nothing_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let good = "申请人,申请人类型,签收日期,申请内容\n赵一,自然人,2026-11-02,内容甲\n";
    let f = write(dir.path(), "first.csv", good);
    assert_eq!(import(dir.path(), &f, &[]).code, 0);
    let f = write(
        dir.path(),
        "again.csv",
        &format!("{good}钱二,个体户,2026-11-03,内容乙\n"),
    );
    let reject = dir.path().join("r.csv");
    let r = reject.display().to_string();
    let o = import(
        dir.path(),
        &f,
        &["--skip-invalid", "--reject-file", &r, "--format", "json"],
    );
    assert_eq!(o.code, 4, "{}{}", o.stdout, o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        (&v["registered"], &v["duplicates"], &v["rejected"]),
        (
            &serde_json::json!(0),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
    assert!(
        o.stderr
            .contains("中没有可以导入的行：1 行重复，1 行有误，未导入任何申请"),
        "{}",
        o.stderr
    );
    assert!(std::fs::read_to_string(&reject).unwrap().contains("钱二"));
}

/// Clerk tryout t3 #1: a row with a date that does not exist and a 申请内容 a spreadsheet would
/// run as a formula goes to the reject file as `'=1+1` (README: formula cells get a leading
/// `'`); after fixing only the date, importing the reject file as it is stores `=1+1`.
#[test]
fn the_reject_file_imported_as_it_is_keeps_a_formula_like_content() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "f.csv",
        "申请人,申请人类型,签收日期,申请内容\n张三,自然人,2026-02-30,=1+1\n李四,自然人,2026-11-02,内容乙\n",
    );
    let o = import(dir.path(), &f, &["--skip-invalid"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let reject = dir.path().join("f.csv.rejected.csv");
    let text = std::fs::read_to_string(&reject).unwrap();
    assert!(text.contains(",'=1+1,"), "{text}");
    std::fs::write(&reject, text.replace("2026-02-30", "2026-02-27")).unwrap();
    let o = import(dir.path(), &reject, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // 李四 was 2026-0001 in the first run; 张三 is the reject file's only row.
    let db = dir.path().join("register.db").display().to_string();
    let o = disclose(&["show", "2026-0002", "--db", &db, "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["applicant"]["name"], "张三");
    assert_eq!(v["content"], "=1+1");
}
