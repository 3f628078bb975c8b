//! Fuzzes the agency holidays-file parser (`HolidayFile::parse`) and the calendar built from
//! it: any text gives a calendar or a list of problems with their lines, never a panic.
#![no_main]

use disclose::calendar::{Calendar, HolidayFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match HolidayFile::parse("fuzz.toml", text) {
        Ok(_) => {
            // A file that parses must also build a calendar or be refused with a message.
            let files = vec![("fuzz.toml".to_string(), text.to_string())];
            if let Ok((cal, _)) = Calendar::from_files(&files) {
                let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 30).unwrap();
                let _ = cal.add_working_days(d, 20);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
