//! The information-processing fee (信息处理费), 国办函〔2020〕109号, SPEC.md §6.
//!
//! One method per application, computed progressively on the excess over the free allowance.
//! Amounts are whole yuan (元).

use serde::{Deserialize, Serialize};

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
    let n = u64::from(count.min(match method {
        FeeMethod::ByItem => MAX_ITEMS,
        FeeMethod::ByPage => MAX_PAGES,
    }));
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

/// The most items one notice may count (an applicant's applications in one month); beyond
/// this the count is a typing error.
pub const MAX_ITEMS: u32 = 100_000;

/// The most pages one notice may count.
pub const MAX_PAGES: u32 = 10_000_000;

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
}
