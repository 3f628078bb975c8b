//! Fuzzes the date parsers of the command line and of spreadsheets: any text gives a date in
//! 1900..=2199 that prints back to itself, or a Chinese message, never a panic.
#![no_main]

use disclose::dates::{parse_date_arg, parse_date_loose, parse_working_days};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for parse in [parse_date_arg, parse_date_loose] {
        match parse(s) {
            Ok(d) => {
                assert_eq!(parse_date_arg(&d.to_string()), Ok(d));
                assert!((1900..=2199).contains(&chrono::Datelike::year(&d)));
            }
            Err(e) => assert!(!e.is_empty()),
        }
    }
    let _ = parse_working_days(s);
});
