//! Calendar speed: 10 million `add_working_days(d, 20)` calls (issue: "well under a second").
//!
//! Run: `cargo bench --bench calendar`. The figure goes in README.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use disclose::calendar::Calendar;
use std::hint::black_box;

fn ten_million_additions(c: &mut Criterion) {
    let cal = Calendar::official();
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    // 4,000 consecutive start dates (2015–2025), cycled 2,500 times = 10,000,000 calls.
    let dates: Vec<NaiveDate> = (0..4000)
        .map(|i| start + chrono::Duration::days(i))
        .collect();
    let mut g = c.benchmark_group("calendar");
    g.sample_size(10);
    g.bench_function("10M add_working_days(d, 20)", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for _ in 0..2500 {
                for &d in &dates {
                    let r = cal.add_working_days(black_box(d), black_box(20)).unwrap();
                    acc = acc.wrapping_add(black_box(r).provisional as u32);
                }
            }
            acc
        })
    });
    g.bench_function("build the official calendar", |b| {
        b.iter(Calendar::official)
    });
    g.finish();
}

criterion_group!(benches, ten_million_additions);
criterion_main!(benches);
