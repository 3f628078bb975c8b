//! Unit tests of the letters' facts drawn from a request.

use super::*;
use crate::case::fee::{FeeMethod as M, fee_yuan};

/// 109号 Art 4–5: the bands printed on the notice add up to the fee charged, for every count.
#[test]
fn fee_109_bands_add_up_to_the_fee() {
    for method in [M::ByItem, M::ByPage] {
        for count in 0..=400 {
            let bands = fee_bands(method, count);
            let sum: u64 = bands.iter().map(|b| b.subtotal_yuan).sum();
            assert_eq!(sum, fee_yuan(method, count), "{method:?} {count}");
            assert!(bands.iter().all(|b| b.from <= b.to && b.to <= count));
        }
    }
}

/// 109号 Art 4 (S16): each application pays the rate of its own place: the 11th and the
/// 12th 100 元 each, the 10th nothing, the 31st 200 元; one split into 4 items at places
/// 29–32 pays 100 + 100 + 200 + 200. The bands add up to the amount charged, always.
#[test]
fn fee_109_by_item_bands_are_the_application_s_own_places() {
    let one = |from, to, rate| FeeBand {
        from,
        to,
        rate_yuan: rate,
        subtotal_yuan: u64::from(to - from + 1) * rate,
    };
    assert_eq!(application_bands(M::ByItem, 12, 1), vec![one(12, 12, 100)]);
    assert_eq!(application_bands(M::ByItem, 11, 1), vec![one(11, 11, 100)]);
    assert_eq!(application_bands(M::ByItem, 10, 1), vec![]);
    assert_eq!(application_bands(M::ByItem, 31, 1), vec![one(31, 31, 200)]);
    assert_eq!(
        application_bands(M::ByItem, 32, 4),
        vec![one(29, 30, 100), one(31, 32, 200)]
    );
    assert_eq!(
        application_bands(M::ByPage, 120, 1),
        fee_bands(M::ByPage, 120)
    );
    for count in 0..=120 {
        for places in 1..=5 {
            let sum: u64 = application_bands(M::ByItem, count, places)
                .iter()
                .map(|b| b.subtotal_yuan)
                .sum();
            assert_eq!(
                sum,
                crate::case::fee::item_amount(count, places),
                "{count} {places}"
            );
        }
    }
}

/// 109号 Art 5: 150 pages are 31–100 at 10 元 and 101–150 at 20 元.
#[test]
fn fee_109_by_page_150() {
    let b = fee_bands(M::ByPage, 150);
    assert_eq!(
        b,
        vec![
            FeeBand {
                from: 31,
                to: 100,
                rate_yuan: 10,
                subtotal_yuan: 700
            },
            FeeBand {
                from: 101,
                to: 150,
                rate_yuan: 20,
                subtotal_yuan: 1000
            },
        ]
    );
}

/// 条例 Art 30: the items of a correction notice, one each.
#[test]
fn art30_items_split() {
    assert_eq!(
        split_items("写明文号；附身份证明\n写明年份; "),
        vec!["写明文号", "附身份证明", "写明年份"]
    );
}
