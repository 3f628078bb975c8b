//! Hand-off to a department (转办/交办, 本机关制度: "政务公开办公室收到政务信息公开申请后……由相关
//! 科室提出拟答复意见"): the office hands an open request to a department and a handler, with an
//! internal deadline of its own (a date, or N working days) that is no legal period: the reply
//! period of 条例 Art 33 still runs and is never replaced by it.
//!
//! The internal deadline may not fall after the legal reply date in force when it is set (a
//! department given more time than the law gives the agency would make the agency late); a later
//! hand-off replaces an earlier one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::StepKind as K;
use super::registration::is_invisible;
use super::rules::{Gate, Refusal, refuse, refuse_with};
use super::{Case, State};

/// The current hand-off (转办/交办) of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The day it was handed off.
    pub on: NaiveDate,
    /// 承办科室.
    pub department: String,
    /// 承办人.
    pub handler: String,
    /// The internal deadline (内部办理期限), if one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

fn name_problem(what: &str, flag: &str, v: &str) -> Option<String> {
    if v.trim().is_empty() {
        Some(format!("{what}（{flag}）不能为空"))
    } else if v.chars().any(|c| c.is_control() || is_invisible(c)) {
        Some(format!(
            "{what}（{flag}）不能含换行、控制字符或看不见的格式字符"
        ))
    } else {
        None
    }
}

/// A hand-off (本机关制度): an open request whose application has arrived (not an ordinary letter
/// still unconfirmed), a department and a handler named, an internal deadline not before the
/// hand-off and not after the legal reply date (条例 Art 33) in force that day.
pub(super) fn check(
    g: &Gate<'_>,
    department: &str,
    handler: &str,
    due: Option<NaiveDate>,
) -> Result<(), Refusal> {
    g.in_state(&[
        State::InProgress,
        State::AwaitingCorrection,
        State::AwaitingFee,
    ])?;
    for (what, flag, v) in [
        ("承办科室", "--department", department),
        ("承办人", "--handler", handler),
    ] {
        if let Some(p) = name_problem(what, flag, v) {
            return refuse(p, vec![]);
        }
    }
    let Some(due) = due else { return Ok(()) };
    if due < g.on {
        return refuse(
            format!(
                "内部办理期限 {due} 早于转办日期 {}：期限应不早于转办之日",
                g.on
            ),
            vec![],
        );
    }
    if let Some(reply_due) = g.dl.reply_due
        && due > reply_due.value
    {
        // The hint is the same hand-off with a date the tool accepts: the legal date itself.
        let w = super::service::shell_word;
        return refuse_with(
            format!(
                "内部办理期限 {due} 晚于法定答复期限 {}：科室的期限不能超过本机关答复申请人的期限（条例第三十三条）",
                reply_due.value
            ),
            vec![],
            vec![(
                K::Assign,
                format!(
                    "disclose assign {} --department {} --handler {} --due {} --on {}",
                    g.case.case_no,
                    w(department.trim()),
                    w(handler.trim()),
                    reply_due.value,
                    g.on
                ),
            )],
        );
    }
    Ok(())
}

/// The hand-off recorded (it replaces an earlier one).
pub(super) fn apply(
    c: &mut Case,
    on: NaiveDate,
    department: &str,
    handler: &str,
    due: Option<NaiveDate>,
) {
    c.assignment = Some(Assignment {
        on,
        department: department.to_string(),
        handler: handler.to_string(),
        due,
    });
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    fn assign(on: &str, due: Option<&str>) -> Event {
        ev(
            on,
            Step::Assign {
                department: "文物科".into(),
                handler: "李明".into(),
                due: due.map(d),
            },
        )
    }

    #[test]
    fn a_hand_off_names_the_department_and_may_not_outlast_the_reply_date() {
        // fixtures()[1]: in person on Mon 2026-03-02, reply due 2026-03-30 (20 WD).
        let c = fold(&fixtures()[1].1);
        let r = check(
            Some(&c),
            &assign("2026-03-04", Some("2026-03-31")),
            cal(),
            d("2026-03-04"),
        )
        .unwrap_err();
        assert_eq!(
            r.message,
            "内部办理期限 2026-03-31 晚于法定答复期限 2026-03-30：科室的期限不能超过本机关答复申请人的期限（条例第三十三条）"
        );
        let r = check(
            Some(&c),
            &assign("2026-03-04", Some("2026-03-03")),
            cal(),
            d("2026-03-04"),
        )
        .unwrap_err();
        assert_eq!(
            r.message,
            "内部办理期限 2026-03-03 早于转办日期 2026-03-04：期限应不早于转办之日"
        );
        let e = assign("2026-03-04", Some("2026-03-30"));
        check(Some(&c), &e, cal(), d("2026-03-04")).unwrap();
        let c = apply(Some(c), &e).unwrap();
        assert_eq!(c.department(), Some("文物科"));
        assert_eq!(c.handler(), Some("李明"));
        assert_eq!(c.assignment.as_ref().unwrap().due, Some(d("2026-03-30")));
        // The legal reply date is unchanged by the hand-off.
        let dl = deadlines(&c, cal(), d("2026-03-04")).unwrap();
        assert_eq!(dl.reply_due.unwrap().value, d("2026-03-30"));
    }
}
