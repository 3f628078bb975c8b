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
