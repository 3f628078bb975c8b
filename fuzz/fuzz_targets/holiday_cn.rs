//! Fuzzes the holiday-cn JSON converter (`calendar import`): any text gives a notice year or a
//! clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match disclose::calendar::holiday_cn::convert("fuzz.json", text) {
        Ok((year, _warnings)) => {
            // What was converted renders as a holidays file that parses again.
            let rendered = disclose::calendar::holidays::render_year(&year);
            let _ = disclose::calendar::HolidayFile::parse("rendered.toml", &rendered);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
