//! Dates as users type them.

use chrono::NaiveDate;

use crate::calendar::{FIRST_DAY, LAST_DAY};

/// Parses a date given on the command line: `YYYY-MM-DD`, or a year-first form the import
/// also reads (`2026/3/2`, `2026-3-2`, `2026年3月2日`, `20260302`); a real day, within
/// 1900-01-01..=2199-12-31.
///
/// # Errors
/// A one-line Chinese message (`2026-02-30`: 没有这一天; `30/01/2026`: 格式应为 YYYY-MM-DD).
/// Full-width digits and hyphens (`２０２６－０１－３０`, typed with a Chinese input method) are
/// read as typed.
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    let s = crate::text::half_width(s);
    let t = s.trim();
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        // The year-first forms a clerk also types (as the import accepts them); a day-first
        // 30/01/2026 stays an error (it could be read either way round).
        return parse_date_loose(t).map_err(|_| {
            "日期格式应为 YYYY-MM-DD（如 2026-03-02），也可写作 2026/3/2 或 2026年3月2日"
                .to_string()
        });
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| "没有这一天".to_string())?;
    if d < FIRST_DAY || d > LAST_DAY {
        return Err("日期应在 1900-01-01 至 2199-12-31 之间".to_string());
    }
    Ok(d)
}

/// Parses a date as spreadsheets hold it: `2026-03-02`, `2026/3/2`, `2026.3.2`, `2026年3月2日`,
/// `20260302`, with or without leading zeros, surrounding spaces ignored.
///
/// # Errors
/// A Chinese message naming the accepted forms.
pub fn parse_date_loose(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let bad = || format!("日期“{t}”无法识别：可写作 2026-03-02、2026/3/2 或 2026年3月2日");
    let parts: Vec<&str> = if t.contains('年') {
        let t = t.trim_end_matches('日').trim_end_matches('号');
        t.split(['年', '月']).collect()
    } else if t.len() == 8 && t.bytes().all(|c| c.is_ascii_digit()) {
        vec![&t[..4], &t[4..6], &t[6..]]
    } else {
        t.split(['-', '/', '.']).collect()
    };
    if parts.len() != 3 {
        return Err(bad());
    }
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            let p = p.trim();
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let Some(n) = nums else { return Err(bad()) };
    if parts[0].trim().len() != 4 {
        return Err(bad());
    }
    let d = NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
        .ok_or_else(|| format!("日期“{t}”不存在"))?;
    if d < FIRST_DAY || d > LAST_DAY {
        return Err(format!("日期“{t}”应在 1900-01-01 至 2199-12-31 之间"));
    }
    Ok(d)
}

/// Parses a count of working days given on the command line: a whole number 0–10000.
///
/// # Errors
/// A one-line Chinese message.
pub fn parse_working_days(s: &str) -> Result<u32, String> {
    // Full-width digits (`２０`) are read as typed.
    let s = crate::text::half_width(s);
    let t = s.trim();
    if t.starts_with('-') {
        return Err("工作日数不能为负数".to_string());
    }
    match t.parse::<u32>() {
        Ok(n) if n <= 10_000 => Ok(n),
        Ok(_) => Err("工作日数过大（最多 10000）".to_string()),
        Err(_) => Err("工作日数应为非负整数".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_are_read_as_typed() {
        for s in [
            "２０２６-０１-３０",
            "２０２６－０１－３０",
            "２０２６年１月３０日",
        ] {
            assert_eq!(parse_date_arg(s).unwrap().to_string(), "2026-01-30", "{s}");
        }
        assert_eq!(parse_working_days("２０"), Ok(20));
        assert_eq!(
            parse_working_days("－１"),
            Err("工作日数不能为负数".to_string())
        );
        assert_eq!(crate::commands::parse_count("１５", 1, 20), Ok(15));
    }

    #[test]
    fn strict_and_loose() {
        assert!(parse_date_arg("2026-02-30").is_err());
        assert!(parse_date_arg("30/01/2026").is_err());
        assert_eq!(
            parse_date_arg("2026-03-02").unwrap().to_string(),
            "2026-03-02"
        );
        for s in [
            "2026-03-02",
            "2026/3/2",
            "2026年3月2日",
            " 2026.03.02 ",
            "20260302",
        ] {
            assert_eq!(
                parse_date_loose(s).unwrap().to_string(),
                "2026-03-02",
                "{s}"
            );
        }
        assert!(parse_date_loose("3/2/2026").is_err());
        assert!(
            parse_date_loose("2026/2/30")
                .unwrap_err()
                .contains("不存在")
        );
    }
}

/// Property tests of the date and working-day parsers under random input: they never panic,
/// what they accept prints back and parses again to the same date, within 1900–2199. A bounded
/// run; `cargo fuzz` runs them longer, see fuzz/.
#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::{parse_date_arg, parse_date_loose, parse_working_days};

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn date_parsers_never_panic_and_what_they_accept_prints_back(
            s in prop_oneof![
                "\\PC{0,16}",
                "[0-9]{0,5}[-/.年]?[0-9]{0,3}[-/.月]?[0-9]{0,3}[日号]?",
                (1890i32..2210, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
            ]
        ) {
            for parse in [parse_date_arg, parse_date_loose] {
                match parse(&s) {
                    Ok(d) => {
                        prop_assert_eq!(parse_date_arg(&d.to_string()), Ok(d));
                        prop_assert!((1900..=2199).contains(&chrono::Datelike::year(&d)));
                    }
                    Err(e) => prop_assert!(!e.is_empty()),
                }
            }
            if let Ok(n) = parse_working_days(&s) {
                prop_assert!(n <= 10_000);
            }
        }
    }
}
