//! Appeals (行政复议, 行政诉讼) over a request: recorded whenever learned of, even after the
//! archive, with their own dates (table 四 of the annual report).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Case;
use super::event::{AppealKind, AppealResult, StepKind as K};
use super::rules::{Refusal, refuse};

/// An appeal (行政复议 / 行政诉讼) over the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// Which kind.
    pub kind: AppealKind,
    /// Filing date.
    pub filed_on: NaiveDate,
    /// Reconsideration body or court.
    pub body: String,
    /// Its reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The result and its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<(NaiveDate, AppealResult)>,
}

/// A filing: names its body, not before the request was registered.
pub(super) fn check_filed(case: &Case, on: NaiveDate, body: &str) -> Result<(), Refusal> {
    if body.trim().is_empty() {
        return refuse("请写明复议机关或受理法院（--body）", vec![]);
    }
    if on < case.registered_on {
        return refuse(
            format!(
                "复议/诉讼的提起日期 {on} 早于申请的登记日期 {}",
                case.registered_on
            ),
            vec![],
        );
    }
    Ok(())
}

/// A result: of an appeal recorded, not yet decided, not before its filing.
pub(super) fn check_decided(case: &Case, on: NaiveDate, number: u32) -> Result<(), Refusal> {
    match case.appeals.get((number as usize).wrapping_sub(1)) {
        None => refuse(
            format!(
                "本申请没有第 {number} 项复议/诉讼（共 {} 项）",
                case.appeals.len()
            ),
            vec![K::AppealFiled],
        ),
        Some(a) if a.result.is_some() => {
            let open: Vec<String> = case
                .appeals
                .iter()
                .enumerate()
                .filter(|(_, a)| a.result.is_none())
                .map(|(i, _)| format!("--number {}", i + 1))
                .collect();
            let hint = if open.is_empty() {
                String::new()
            } else {
                format!("；尚无结果的：{}", open.join("、"))
            };
            refuse(
                format!("第 {number} 项复议/诉讼已经记录了结果{hint}"),
                vec![],
            )
        }
        Some(a) if on < a.filed_on => refuse(
            format!(
                "结果日期 {on} 早于第 {number} 项复议/诉讼的提起日期 {}",
                a.filed_on
            ),
            vec![],
        ),
        Some(_) => Ok(()),
    }
}

/// The appeal recorded, after those before it.
pub(super) fn apply_filed(
    c: &mut Case,
    on: NaiveDate,
    kind: AppealKind,
    body: &str,
    reference: &Option<String>,
) {
    c.appeals.push(Appeal {
        kind,
        filed_on: on,
        body: body.to_string(),
        reference: reference.clone(),
        result: None,
    });
}

/// The result recorded on the `number`th appeal.
pub(super) fn apply_decided(
    c: &mut Case,
    on: NaiveDate,
    number: u32,
    result: AppealResult,
) -> Result<(), String> {
    let a = c
        .appeals
        .get_mut((number as usize).wrapping_sub(1))
        .ok_or_else(|| format!("没有第 {number} 项复议/诉讼"))?;
    a.result = Some((on, result));
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    #[test]
    fn appeals_keep_their_own_dates_even_after_the_archive() {
        let fx = fixtures();
        // Archived on 2026-03-05; a reconsideration filed on 03-04 is learned of on 03-10.
        let archived = fold(&fx[9].1);
        let filed = ev(
            "2026-03-04",
            Step::AppealFiled {
                appeal: AppealKind::Reconsideration,
                body: "市人民政府".into(),
                reference: None,
            },
        );
        check(Some(&archived), &filed, cal(), d("2026-03-10")).unwrap();
        let c = apply(Some(archived), &filed).unwrap();
        assert_eq!(c.last_on, d("2026-03-05"));
        let early = ev(
            "2026-03-03",
            Step::AppealDecided {
                number: 1,
                result: AppealResult::Upheld,
                note: None,
            },
        );
        let r = check(Some(&c), &early, cal(), d("2026-03-10")).unwrap_err();
        assert_eq!(
            r.message,
            "结果日期 2026-03-03 早于第 1 项复议/诉讼的提起日期 2026-03-04"
        );
        let before_registration = ev(
            "2026-03-01",
            Step::AppealFiled {
                appeal: AppealKind::LawsuitDirect,
                body: "某区人民法院".into(),
                reference: None,
            },
        );
        let r = check(Some(&c), &before_registration, cal(), d("2026-03-10")).unwrap_err();
        assert_eq!(
            r.message,
            "复议/诉讼的提起日期 2026-03-01 早于申请的登记日期 2026-03-02"
        );
    }
}
