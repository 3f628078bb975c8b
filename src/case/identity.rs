//! Identity documents and personal data: check characters of resident ID numbers
//! (居民身份证号码, GB 11643) and unified social credit codes (统一社会信用代码, GB 32100), and
//! the masking of personal information in lists and reports (SPEC.md §2, §7).

use chrono::{Datelike, NaiveDate};

/// Checks an 18-character resident ID number: digits, a real birth date in positions 7–14,
/// and the GB 11643 (ISO 7064 MOD 11-2) check character in position 18 (`X` for 10).
///
/// # Errors
/// A Chinese sentence saying what is wrong (length, characters, birth date, or the check
/// character that was expected).
pub fn check_resident_id(id: &str) -> Result<(), String> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let id = id.trim();
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 {
        return Err(format!("身份证号码应为18位，“{id}”是{}位", chars.len()));
    }
    let mut sum = 0;
    for (i, c) in chars[..17].iter().enumerate() {
        let Some(d) = c.to_digit(10) else {
            return Err(format!("身份证号码前17位应全为数字，第{}位是“{c}”", i + 1));
        };
        sum += d * WEIGHTS[i];
    }
    // The first two digits are the province-level division (GB/T 2260); the foreigners'
    // permanent-residence card (2023) shares the format with a 9 before the province.
    const PROVINCES: [u32; 35] = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
        52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];
    let two =
        |i: usize| chars[i].to_digit(10).unwrap_or(0) * 10 + chars[i + 1].to_digit(10).unwrap_or(0);
    let province = two(0);
    let known = PROVINCES.contains(&province) || (chars[0] == '9' && PROVINCES.contains(&two(1)));
    if !known {
        return Err(format!(
            "身份证号码前两位“{province:02}”不是省级行政区划代码，请核对是否抄错"
        ));
    }
    let birth: String = chars[6..14].iter().collect();
    match NaiveDate::parse_from_str(&birth, "%Y%m%d") {
        Err(_) => return Err(format!("身份证号码中的出生日期“{birth}”不存在")),
        Ok(d) if !(1900..=2099).contains(&d.year()) => {
            return Err(format!(
                "身份证号码中的出生日期“{birth}”不合理，请核对是否抄错"
            ));
        }
        Ok(_) => {}
    }
    let expected = CHECK[(sum % 11) as usize] as char;
    let got = chars[17].to_ascii_uppercase();
    if got != expected {
        return Err(format!(
            "身份证号码校验位不符：按前17位应为“{expected}”，实为“{}”，请核对是否抄错",
            chars[17]
        ));
    }
    Ok(())
}

/// Checks an 18-character unified social credit code: characters from the GB 32100 set
/// (digits and capital letters except I, O, Z, S, V) and its check character in position 18.
///
/// # Errors
/// A Chinese sentence saying what is wrong.
pub fn check_credit_code(code: &str) -> Result<(), String> {
    const SET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let code = code.trim();
    let chars: Vec<char> = code.chars().map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 18 {
        return Err(format!(
            "统一社会信用代码应为18位，“{code}”是{}位",
            chars.len()
        ));
    }
    let mut sum = 0;
    for (i, c) in chars.iter().enumerate() {
        let Some(v) = SET.find(*c) else {
            return Err(format!(
                "统一社会信用代码第{}位“{c}”不是允许的字符（数字及除 I、O、Z、S、V 外的大写字母）",
                i + 1
            ));
        };
        if i < 17 {
            sum += v * WEIGHTS[i];
        }
    }
    let expected = SET.as_bytes()[(31 - sum % 31) % 31] as char;
    if chars[17] != expected {
        return Err(format!(
            "统一社会信用代码校验位不符：按前17位应为“{expected}”，实为“{}”，请核对是否抄错",
            chars[17]
        ));
    }
    Ok(())
}

fn mask_middle(s: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..keep_start].iter().collect();
    out += &"*".repeat(chars.len() - keep_start - keep_end);
    out.extend(&chars[chars.len() - keep_end..]);
    out
}

/// Masks a person's or organisation's name for lists: `张三` → `张*`, `欧阳明月` → `欧***`;
/// organisation names (more than 4 characters) keep their first 2 and last 2 characters.
pub fn mask_name(name: &str) -> String {
    let n = name.chars().count();
    match n {
        0 => String::new(),
        1 => "*".to_string(),
        2..=4 => mask_middle(name, 1, 0),
        _ => mask_middle(name, 2, 2),
    }
}

/// Masks an ID number or credit code: first 6 and last 4 characters kept.
pub fn mask_id(id: &str) -> String {
    mask_middle(id, 6, 4)
}

/// Masks a phone number: first 3 and last 4 digits kept (`138****5678`).
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// Masks an address: only its first 6 characters (province and city, usually) are kept.
pub fn mask_address(address: &str) -> String {
    let n = address.chars().count();
    if n <= 6 {
        return mask_middle(address, 1, 0);
    }
    mask_middle(address, 6, 0)
}

/// Masks an email address: `wangfang@example.com` → `w*******@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!("{}@{domain}", mask_middle(user, 1, 0)),
        None => mask_middle(email, 1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_id() {
        assert!(check_resident_id("11010519491231002X").is_ok());
        assert!(
            check_resident_id("110105194912310021")
                .unwrap_err()
                .contains("应为“X”")
        );
        assert!(
            check_resident_id("11010519491331002X")
                .unwrap_err()
                .contains("出生日期")
        );
        assert!(
            check_resident_id("1101051949")
                .unwrap_err()
                .contains("18位")
        );
        // Check digits that happen to be right on numbers that cannot be (the tester's two).
        assert_eq!(
            check_resident_id("110101299003071231").unwrap_err(),
            "身份证号码中的出生日期“29900307”不合理，请核对是否抄错"
        );
        assert_eq!(
            check_resident_id("990101199003071237").unwrap_err(),
            "身份证号码前两位“99”不是省级行政区划代码，请核对是否抄错"
        );
    }

    #[test]
    fn credit_code() {
        assert!(check_credit_code("91350100M000100Y43").is_ok());
        assert!(
            check_credit_code("91350100M000100Y44")
                .unwrap_err()
                .contains("应为“3”")
        );
        assert!(
            check_credit_code("91350100M000100YI3")
                .unwrap_err()
                .contains("第17位")
        );
    }

    #[test]
    fn masks() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("某某文化传媒有限公司"), "某某******公司");
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_email("wangfang@example.com"), "w*******@example.com");
    }
}
