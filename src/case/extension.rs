//! Extension (延期答复, 条例 Art 33 ¶2): once, approved by the head of the disclosure office
//! before the reply is due, at most 20 working days, the applicant told.
//!
//! 条例 Art 35 (a request whose number or frequency plainly exceeds a reasonable range: the
//! applicant may be asked for reasons, and a reasonable later reply date set) is not
//! implemented yet; its rule will go here, beside the extension it resembles.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::{Gate, Refusal, refuse};
use super::{Case, State, period};

/// An approved extension (延期答复, 条例 Art 33 ¶2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The approval's date.
    pub on: NaiveDate,
    /// Working days added.
    pub working_days: u32,
    /// Who approved it.
    pub approver: String,
    /// Why.
    pub reason: String,
    /// When the applicant was told.
    pub notified_on: NaiveDate,
}

/// Whether an extension counts for a reply period that started on `clock_start`: only one
/// approved on or after that day. An extension approved before a corrected application arrived
/// is void, since the reply period then restarts from zero (条例 Art 30), and another may be
/// approved (条例 Art 33 ¶2). The one place this is decided.
pub fn counts_from(extension: &Extension, clock_start: Option<NaiveDate>) -> bool {
    clock_start.is_none_or(|s| extension.on >= s)
}

/// An extension: none in force already, in progress, 1 to 20 working days, before the reply is
/// due, with its approver and reason, the applicant told between the approval and the due date
/// (条例 Art 33 ¶2).
pub(super) fn check(
    g: &Gate<'_>,
    working_days: u32,
    approver: &str,
    reason: &str,
    notified_on: NaiveDate,
) -> Result<(), Refusal> {
    let p = period::EXTENSION;
    if let Some(x) = g.case.extension_in_force() {
        return refuse(
            format!(
                "本申请已于 {} 延期 {} 个工作日：延期只能一次，且最长不超过 {}（{}）",
                x.on,
                x.working_days,
                p.days(),
                p.article
            ),
            g.next(),
        );
    }
    g.in_state(&[State::InProgress])?;
    if !p.allows(working_days) {
        return refuse(
            format!(
                "延期 {working_days} 个工作日不允许：应为 {}，延长的期限最长不得超过 {}（{}）",
                p.range(),
                p.days(),
                p.article
            ),
            vec![],
        );
    }
    let on = g.on;
    let due =
        g.dl.reply_due
            .expect("in progress without correction has a due date");
    if on > due.value {
        return refuse(
            format!(
                "答复期限已于 {} 届满，不能再延期：延期须在答复期限届满前经批准并告知申请人（{}）",
                due.value, p.article
            ),
            g.next(),
        );
    }
    if approver.trim().is_empty() || reason.trim().is_empty() {
        return refuse(
            format!(
                "延期须写明批准人（政府信息公开工作机构负责人，--approver）和理由（--reason）（{}）",
                p.article
            ),
            vec![],
        );
    }
    if notified_on < on || notified_on > due.value || notified_on > g.today {
        return refuse(
            format!(
                "告知申请人的日期 {notified_on} 不对：应不早于批准之日（{on}）、不晚于答复期限（{}），也不晚于今天",
                due.value
            ),
            vec![],
        );
    }
    Ok(())
}

/// The extension recorded (it replaces a void one).
pub(super) fn apply(
    c: &mut Case,
    on: NaiveDate,
    working_days: u32,
    approver: &str,
    reason: &str,
    notified_on: NaiveDate,
) {
    c.extension = Some(Extension {
        on,
        working_days,
        approver: approver.to_string(),
        reason: reason.to_string(),
        notified_on,
    });
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    fn extend(on: &str, working_days: u32) -> Event {
        ev(
            on,
            Step::Extension {
                working_days,
                approver: "张主任".into(),
                reason: "需要调取档案".into(),
                notified_on: d(on),
            },
        )
    }

    #[test]
    fn art33_an_extension_is_at_most_20_working_days_and_only_once() {
        let c = fold(&fixtures()[1].1);
        let r = check(Some(&c), &extend("2026-03-06", 21), cal(), d("2026-03-06")).unwrap_err();
        assert_eq!(
            r.message,
            "延期 21 个工作日不允许：应为 1 至 20 个工作日，延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）"
        );
        let e = extend("2026-03-06", 20);
        check(Some(&c), &e, cal(), d("2026-03-06")).unwrap();
        let c = apply(Some(c), &e).unwrap();
        // 40 working days after Mon 2026-03-02, skipping 清明节 04-04..04-06: Tue 2026-04-28.
        let dl = deadlines(&c, cal(), d("2026-03-06")).unwrap();
        assert_eq!(dl.reply_due.unwrap().value, d("2026-04-28"));
        assert_eq!(
            dl.reply_due_before_extension.unwrap().value,
            d("2026-03-30")
        );
        let r = check(Some(&c), &extend("2026-03-09", 5), cal(), d("2026-03-09")).unwrap_err();
        assert_eq!(
            r.message,
            "本申请已于 2026-03-06 延期 20 个工作日：延期只能一次，且最长不超过 20 个工作日（条例第三十三条第二款）"
        );
    }

    #[test]
    fn art33_an_extension_before_the_clock_restarts_is_void() {
        let x = Extension {
            on: d("2026-03-05"),
            working_days: 10,
            approver: "张主任".into(),
            reason: "r".into(),
            notified_on: d("2026-03-05"),
        };
        assert!(!extension::counts_from(&x, Some(d("2026-03-10"))));
        assert!(extension::counts_from(&x, Some(d("2026-03-05"))));
        assert!(extension::counts_from(&x, None));
    }
}
