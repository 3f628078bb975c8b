//! How the register file is opened and kept: the weekly report's anchor, readers that leave
//! nothing behind, file modes, restore (issue 16 #6, #14, #15, #16; issue 13).

use serde_json::Value;

use crate::common::*;

fn register_two(r: &Register) {
    for who in ["甲", "乙"] {
        r.ok(&[
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
        &"案件信息与 1 项事件的重放结果不符：列 applicant_id 为 “110105********9999”，重放得 “110105********0011”"
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
        &"案件信息与 1 项事件的重放结果不符：列 applicant_id 为 “110105194912319999”，重放得 “110105194912310011”"
            .to_string()
    ), "{all:?}");
}
