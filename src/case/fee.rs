//! The information-processing fee (信息处理费), 国办函〔2020〕109号, SPEC.md §6.
//!
//! One method per application, computed progressively on the excess over the free allowance.
//! Amounts are whole yuan (元). The time from the notice to payment is not counted in the reply
//! period; the applicant has 20 working days to pay, after which the request is closed as
//! （六）2.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{ServedLetter, Step, StepKind as K};
use super::rules::{Gate, Refusal, refuse};
use super::{Case, Outcome, State, closing, period};

/// How the fee is computed (计收方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeeMethod {
    /// 按件计收: per applicant per calendar month, by the number of applications (items).
    ByItem,
    /// 按量计收: per application, by the number of pages provided.
    ByPage,
}

impl FeeMethod {
    /// The largest count one notice may give by this method ([`MAX_ITEMS`] items or
    /// [`MAX_PAGES`] pages); beyond it the count is a typing error.
    pub fn max_count(self) -> u32 {
        match self {
            FeeMethod::ByItem => MAX_ITEMS,
            FeeMethod::ByPage => MAX_PAGES,
        }
    }

    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            FeeMethod::ByItem => "按件计收",
            FeeMethod::ByPage => "按量计收",
        }
    }

    /// The unit counted: 件 or 页.
    pub fn unit(&self) -> &'static str {
        match self {
            FeeMethod::ByItem => "件",
            FeeMethod::ByPage => "页",
        }
    }
}

/// The fee in yuan for `count` items or pages, by 109号:
///
/// - by item (`count` = the applicant's applications in the calendar month): items 1–10 free,
///   11–30 100 元 each, then each further band of 10 items costs 100 元 more per item than the
///   band before (31–40: 200, 41–50: 300, …);
/// - by page (`count` = pages of one application): pages 1–30 free, 31–100 10 元/page,
///   101–200 20 元/page, 201 and above 40 元/page.
pub fn fee_yuan(method: FeeMethod, count: u32) -> u64 {
    let n = u64::from(count.min(method.max_count()));
    match method {
        FeeMethod::ByItem => {
            // 11–30 at 100; then band k ≥ 1 (items 21 + 10k ..= 30 + 10k) at 100·(k + 1).
            let mut total = n.min(30).saturating_sub(10) * 100;
            let mut k = 1;
            while 21 + 10 * k <= n {
                let in_band = n.min(30 + 10 * k) - (20 + 10 * k);
                total += in_band * 100 * (k + 1);
                k += 1;
            }
            total
        }
        FeeMethod::ByPage => {
            let band = |lo: u64, hi: u64| n.min(hi).saturating_sub(lo - 1);
            band(31, 100) * 10 + band(101, 200) * 20 + n.saturating_sub(200) * 40
        }
    }
}

/// The amount of one application charged by item (109号, SPEC.md §6): each application pays the
/// rate of its own place in its applicant's month, not the month's total. `last_place` is the
/// place of its last item in the month's count (this application included) and `places` how
/// many places it takes (1, or more for an application split into several items, 一事一申请):
/// the 10th application pays 0, the 11th and 12th 100 元 each, the 31st 200 元.
pub fn item_amount(last_place: u32, places: u32) -> u64 {
    let before = last_place.saturating_sub(places.max(1));
    fee_yuan(FeeMethod::ByItem, last_place) - fee_yuan(FeeMethod::ByItem, before)
}

/// How many places an application takes in its applicant's month (109号): the number of
/// items recorded on its by-item fee notice for an application split into several items
/// (一事一申请), otherwise one.
pub fn places_of(c: &Case) -> u32 {
    c.fee
        .as_ref()
        .filter(|f| f.method == FeeMethod::ByItem)
        .and_then(|f| f.places)
        .unwrap_or(1)
}

/// The register's count for a by-item notice on `this` (109号, SPEC.md §6): the places taken by
/// the applicant's applications received in the same calendar month before it (`month`: those
/// applications, in order of receipt, as the register gives them; `this` may be among them),
/// plus the `places` this one takes. The result is the place of its last item.
pub fn register_count(this: &Case, month: &[Case], places: u32) -> u32 {
    let before: u32 = month
        .iter()
        .take_while(|c| c.case_no != this.case_no)
        .map(places_of)
        .sum();
    before + places.max(1)
}

/// The fee notice (收费通知) charging `pages` pages of one application (按量计收, 109号): the
/// amount by [`fee_yuan`]; `served_on` is the day the applicant received it (送达日期), when
/// known at sending.
pub fn by_page_notice(pages: u32, served_on: Option<NaiveDate>) -> Step {
    Step::FeeNotice {
        method: FeeMethod::ByPage,
        count: pages,
        amount_yuan: fee_yuan(FeeMethod::ByPage, pages),
        places: None,
        register_count: None,
        reason: None,
        served_on,
    }
}

/// The fee notice (收费通知) charging `this` by item (按件计收, 109号, SPEC.md §6). The register
/// counts the applicant's month ([`register_count`]; `month` as there); `split` is how many
/// places it takes (一事一申请, `None`: one). `clerk_count`, the place of its last item as the
/// clerk counts it, only overrides the register's, with `reason` (the rules refuse an override
/// without one); the register's count is then kept beside it. The amount is the rate of its
/// own places ([`item_amount`]).
pub fn by_item_notice(
    this: &Case,
    month: &[Case],
    split: Option<u32>,
    clerk_count: Option<u32>,
    reason: Option<String>,
    served_on: Option<NaiveDate>,
) -> Step {
    let places = split.unwrap_or(1);
    let counted = register_count(this, month, places);
    let count = clerk_count.unwrap_or(counted);
    Step::FeeNotice {
        method: FeeMethod::ByItem,
        count,
        amount_yuan: item_amount(count, places),
        places: split.filter(|n| *n > 1),
        register_count: (count != counted).then_some(counted),
        reason,
        served_on,
    }
}

/// The extra facts of a by-item notice: the split, and the clerk's count overriding the
/// register's with a reason (109号).
#[derive(Debug, Clone, Copy, Default)]
pub struct Override<'a> {
    /// Places this application takes (一事一申请), `None` for one.
    pub places: Option<u32>,
    /// The register's count when the clerk's count differs.
    pub register_count: Option<u32>,
    /// Why the clerk's count differs.
    pub reason: Option<&'a str>,
    /// The served date, when known at sending.
    pub served_on: Option<NaiveDate>,
}

/// The most items one notice may count (an applicant's applications in one month); beyond
/// this the count is a typing error.
pub const MAX_ITEMS: u32 = 100_000;

/// The most pages one notice may count.
pub const MAX_PAGES: u32 = 10_000_000;

impl Fee {
    /// The day the 20 working days to pay are counted from: the served date once recorded,
    /// else the notice's date (the earliest it can be), 109号.
    pub fn period_start(&self) -> NaiveDate {
        self.served_on.unwrap_or(self.notice_on)
    }
}

/// A fee notice and its payment (109号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// By item or by page.
    pub method: FeeMethod,
    /// Items or pages.
    pub count: u32,
    /// Yuan.
    pub amount_yuan: u64,
    /// By item: the places this application takes when split (一事一申请); `None` for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<u32>,
    /// By item: the register's count, when the clerk's count (`count`) differs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_count: Option<u32>,
    /// By item: why the clerk's count differs from the register's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// The day the applicant received the notice (送达日期), once known: the 20 working days to
    /// pay run from it (109号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// When paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// When closed as unpaid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapsed_on: Option<NaiveDate>,
}

/// A fee notice: only one, in progress, before the reply is due (a pause cannot stop a period
/// that has run out), a plausible count, and an amount above the free allowance (109号). By
/// item, a count that differs from the register's needs the clerk's reason, and a split takes
/// no more places than the count.
pub(super) fn check_notice(
    g: &Gate<'_>,
    method: FeeMethod,
    count: u32,
    amount_yuan: u64,
    o: &Override<'_>,
) -> Result<(), Refusal> {
    let on = g.on;
    if g.case.fee.is_some() {
        return refuse("本申请已发出过收费通知", g.next());
    }
    g.in_state(&[State::InProgress])?;
    // The time from a notice to payment is not counted (109号) only within a period
    // still running: after the due day there is nothing left to stop, and the
    // request would wait for the payment while its reply grows later.
    if let Some(due) = g.dl.reply_due.filter(|d| on > d.value) {
        return refuse(
            format!(
                "答复期限为 {}，{on} 已过期限，收费通知不能再中止计时（国办函〔2020〕109号、条例第三十三条）：请尽快答复",
                due.value
            ),
            g.next(),
        );
    }
    let max = method.max_count();
    if count > max {
        return refuse(
            format!(
                "{}{count}{} 不合理（最多 {max}）：请核对件数或页数",
                method.label(),
                method.unit()
            ),
            vec![],
        );
    }
    if method == FeeMethod::ByItem {
        if let Some(n) = o.register_count.filter(|n| *n != count)
            && o.reason.is_none_or(|r| r.trim().is_empty())
        {
            return refuse(
                format!(
                    "登记簿记载该申请人本月第 {n} 件，与所填 {count} 件不一致：请说明理由（--reason），或按登记簿计收（国办函〔2020〕109号）"
                ),
                vec![],
            );
        }
        if o.places.unwrap_or(1) > count {
            return refuse(
                format!(
                    "本申请拆分为 {} 件，多于本月累计 {count} 件：请核对",
                    o.places.unwrap_or(1)
                ),
                vec![],
            );
        }
    }
    super::service::check_at_sending(g, o.served_on)?;
    if amount_yuan == 0 && method == FeeMethod::ByItem {
        return refuse(
            format!(
                "本申请为该申请人本自然月第 {count} 件，在免费范围内（同一申请人一个自然月内 10 件以内），收费为 0 元，不能发出收费通知（国办函〔2020〕109号）"
            ),
            vec![],
        );
    }
    if amount_yuan == 0 {
        return refuse(
            format!(
                "{} {count} {}，在免费范围内（按件：同一申请人一个自然月内 10 件以内；按量：30 页以内），不能收费（国办函〔2020〕109号）",
                method.label(),
                method.unit()
            ),
            vec![],
        );
    }
    Ok(())
}

/// Payment: only while awaited and within the 20 working days.
pub(super) fn check_paid(g: &Gate<'_>) -> Result<(), Refusal> {
    g.in_state(&[State::AwaitingFee])?;
    let d = g.dl.fee_deadline.expect("awaiting fee has a notice");
    let p = period::FEE_PAYMENT;
    if g.on > d.value {
        return refuse(
            format!(
                "缴费期限已于 {} 届满（收到收费通知之日起 {}，{}）：可按（六）2 办结",
                d.value,
                p.days(),
                p.article
            ),
            vec![K::FeeLapsed],
        );
    }
    Ok(())
}

/// Closing as （六）2: only once the 20 working days, counted from the served date, have run
/// out; with no served date recorded, only with the clerk's reason why it cannot be known
/// (109号; SPEC §3).
pub(super) fn check_lapsed(g: &Gate<'_>, served_unknown: Option<&str>) -> Result<(), Refusal> {
    g.in_state(&[State::AwaitingFee])?;
    let d = g.dl.fee_deadline.expect("awaiting fee has a notice");
    if g.on <= d.value {
        return refuse(
            format!(
                "缴费期限至 {}，尚未届满，不能按逾期未缴费办结（{}）",
                d.value,
                period::FEE_PAYMENT.article
            ),
            g.next(),
        );
    }
    let f = g.case.fee.as_ref().expect("awaiting fee");
    super::service::check_known(
        g,
        ServedLetter::Fee,
        f.served_on,
        served_unknown,
        (f.notice_on, d.value),
        None,
        format!("disclose fee lapse {} --on {}", g.case.case_no, g.on),
    )
}

/// The notice sent: the request waits for payment.
pub(super) fn apply_notice(
    c: &mut Case,
    on: NaiveDate,
    method: FeeMethod,
    count: u32,
    amount_yuan: u64,
    o: &Override<'_>,
) {
    c.fee = Some(Fee {
        notice_on: on,
        method,
        count,
        amount_yuan,
        places: o.places,
        register_count: o.register_count,
        override_reason: o.reason.map(str::to_string),
        served_on: o.served_on,
        paid_on: None,
        lapsed_on: None,
    });
    c.state = State::AwaitingFee;
}

/// Paid: the clock runs again.
pub(super) fn apply_paid(c: &mut Case, on: NaiveDate) -> Result<(), String> {
    c.fee.as_mut().ok_or("没有收费通知")?.paid_on = Some(on);
    c.state = State::InProgress;
    Ok(())
}

/// Not paid in time: closed as （六）2.
pub(super) fn apply_lapsed(c: &mut Case, on: NaiveDate) -> Result<(), String> {
    c.fee.as_mut().ok_or("没有收费通知")?.lapsed_on = Some(on);
    closing::conclude(c, on, Outcome::FEE_LAPSED, None, None);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_item_bands() {
        assert_eq!(fee_yuan(FeeMethod::ByItem, 10), 0);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 11), 100);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 30), 2000);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 31), 2200);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 40), 4000);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 41), 4300);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 35), 3000);
        assert_eq!(fee_yuan(FeeMethod::ByItem, 50), 7000);
    }

    #[test]
    fn fee_109_each_application_pays_the_rate_of_its_own_place() {
        // S16: the 10th application is free, the 11th and 12th cost 100 元 each, the 31st 200.
        assert_eq!(item_amount(10, 1), 0);
        assert_eq!(item_amount(11, 1), 100);
        assert_eq!(item_amount(12, 1), 100);
        assert_eq!(item_amount(31, 1), 200);
        // A split application taking places 9–12: 11th and 12th pay.
        assert_eq!(item_amount(12, 4), 200);
        // Places 29–32: 100 + 100 + 200 + 200.
        assert_eq!(item_amount(32, 4), 600);
    }

    #[test]
    fn by_page_bands() {
        assert_eq!(fee_yuan(FeeMethod::ByPage, 30), 0);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 31), 10);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 100), 700);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 101), 720);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 200), 2700);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 201), 2740);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 150), 1700);
        assert_eq!(fee_yuan(FeeMethod::ByPage, 250), 4700);
    }

    mod art {
        use crate::case::tests::*;
        use crate::case::*;

        #[test]
        fn fee_109_a_fee_not_paid_in_its_period_closes_as_six_2() {
            let fx = fixtures();
            let fee = fold(&fx[7].1);
            let e = ev(
                "2026-04-01",
                Step::FeeLapsed {
                    served_unknown_reason: Some("邮件无妥投记录".into()),
                },
            );
            check(Some(&fee), &e, cal(), d("2026-04-01")).unwrap();
            assert_eq!(
                apply(Some(fee), &e).unwrap().conclusion.unwrap().outcome,
                Outcome::FEE_LAPSED
            );
        }
    }
}
