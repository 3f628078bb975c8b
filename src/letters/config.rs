//! The agency's settings the letters need (config keys `agency`, `agency_short`, …) and the
//! letter number (发文字号).

use std::path::PathBuf;

use serde::Deserialize;

use super::LetterError;

/// The default letter-number format: 机关代字〔年份〕序号号 (SPEC §9, GB/T 9704-2012 7.2.4).
pub const DEFAULT_LETTER_NO_FORMAT: &str = "{agency_short}公开〔{year}〕{seq}号";

/// The config keys of the letters, each optional in the file; a letter that needs one that is
/// not set is refused by [`LetterConfig::require`].
///
/// ```toml
/// agency = "根河市文化旅游广电局"
/// agency_short = "根文旅"
/// letter_no_format = "{agency_short}公开〔{year}〕{seq}号"
/// reconsideration_body = "根河市人民政府"
/// court = "根河市人民法院"
/// office_address = "内蒙古自治区根河市好里堡街道文化路1号"
/// office_phone = "0470-5212345"
/// contact = "王芳"
/// letters_dir = "letters"
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct LetterConfig {
    /// The agency's full name (机关名称), printed at the head and on the seal line.
    pub agency: Option<String>,
    /// The agency's short code in letter numbers (机关代字), e.g. 根文旅.
    pub agency_short: Option<String>,
    /// The letter-number format with `{agency_short}`, `{year}` and `{seq}`; default
    /// [`DEFAULT_LETTER_NO_FORMAT`].
    pub letter_no_format: Option<String>,
    /// The body deciding 行政复议 (复议机关), e.g. 根河市人民政府 (复议法 Art 24).
    pub reconsideration_body: Option<String>,
    /// The court of first instance (管辖法院), e.g. 根河市人民法院 (诉讼法 Art 18).
    pub court: Option<String>,
    /// The office's postal address (通讯地址), for answers and payments.
    pub office_address: Option<String>,
    /// The office's telephone (联系电话).
    pub office_phone: Option<String>,
    /// The office's contact person (联系人).
    pub contact: Option<String>,
    /// The folder of the agency's own templates, overriding the built-in ones file by file.
    pub letters_dir: Option<PathBuf>,
}

/// A config key of the letters, with an example line for the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKey {
    /// `agency`
    Agency,
    /// `agency_short`
    AgencyShort,
    /// `reconsideration_body`
    ReconsiderationBody,
    /// `court`
    Court,
    /// `office_address`
    OfficeAddress,
    /// `office_phone`
    OfficePhone,
    /// `contact`
    Contact,
}

impl ConfigKey {
    /// Every key a template may use.
    pub const ALL: [ConfigKey; 7] = [
        ConfigKey::Agency,
        ConfigKey::AgencyShort,
        ConfigKey::ReconsiderationBody,
        ConfigKey::Court,
        ConfigKey::OfficeAddress,
        ConfigKey::OfficePhone,
        ConfigKey::Contact,
    ];

    /// The key as written in the config file (and as a template variable).
    pub fn name(self) -> &'static str {
        match self {
            ConfigKey::Agency => "agency",
            ConfigKey::AgencyShort => "agency_short",
            ConfigKey::ReconsiderationBody => "reconsideration_body",
            ConfigKey::Court => "court",
            ConfigKey::OfficeAddress => "office_address",
            ConfigKey::OfficePhone => "office_phone",
            ConfigKey::Contact => "contact",
        }
    }

    /// An example line for the config file.
    pub fn example(self) -> &'static str {
        match self {
            ConfigKey::Agency => "agency = \"根河市文化旅游广电局\"",
            ConfigKey::AgencyShort => "agency_short = \"根文旅\"",
            ConfigKey::ReconsiderationBody => "reconsideration_body = \"根河市人民政府\"",
            ConfigKey::Court => "court = \"根河市人民法院\"",
            ConfigKey::OfficeAddress => {
                "office_address = \"内蒙古自治区根河市好里堡街道文化路1号\""
            }
            ConfigKey::OfficePhone => "office_phone = \"0470-5212345\"",
            ConfigKey::Contact => "contact = \"王芳\"",
        }
    }
}

impl LetterConfig {
    /// The value of `key`, if set and not blank.
    pub fn get(&self, key: ConfigKey) -> Option<&str> {
        let v = match key {
            ConfigKey::Agency => &self.agency,
            ConfigKey::AgencyShort => &self.agency_short,
            ConfigKey::ReconsiderationBody => &self.reconsideration_body,
            ConfigKey::Court => &self.court,
            ConfigKey::OfficeAddress => &self.office_address,
            ConfigKey::OfficePhone => &self.office_phone,
            ConfigKey::Contact => &self.contact,
        };
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The value of `key`.
    ///
    /// # Errors
    /// [`LetterError::MissingConfig`] naming the key and an example line when it is not set.
    pub fn require(&self, key: ConfigKey) -> Result<&str, LetterError> {
        self.get(key).ok_or(LetterError::MissingConfig {
            key: key.name(),
            example: key.example(),
        })
    }

    /// Checks the values that are set: the letter-number format must be valid.
    ///
    /// # Errors
    /// [`LetterError::BadNumberFormat`] for a format without `{seq}` or with an unknown field.
    pub fn validate(&self) -> Result<(), LetterError> {
        format_letter_number(self.number_format(), "X", 2026, 1).map(|_| ())
    }

    /// The letter-number format in force (the configured one or the default).
    pub fn number_format(&self) -> &str {
        self.letter_no_format
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(DEFAULT_LETTER_NO_FORMAT)
    }

    /// The letter number for `year` and `seq` under this config.
    ///
    /// # Errors
    /// [`LetterError::MissingConfig`] when `agency_short` is needed and not set; as
    /// [`format_letter_number`].
    pub fn letter_number(&self, year: i32, seq: u32) -> Result<String, LetterError> {
        let format = self.number_format();
        let short = if format.contains("{agency_short}") {
            self.require(ConfigKey::AgencyShort)?
        } else {
            ""
        };
        format_letter_number(format, short, year, seq)
    }
}

/// Formats a letter number (发文字号) such as 根文旅公开〔2026〕3号: `{agency_short}`, `{year}` and
/// `{seq}` replaced, the sequence without leading zeros (GB/T 9704-2012 7.2.4: 发文顺序号不加
/// "第"字，不编虚位). `seq` counts from 1.
///
/// # Errors
/// [`LetterError::BadNumberFormat`] when the format lacks `{seq}`, has an unknown `{…}` field
/// or an unclosed brace, or when `seq` is 0.
pub fn format_letter_number(
    format: &str,
    agency_short: &str,
    year: i32,
    seq: u32,
) -> Result<String, LetterError> {
    let bad = |why: &str| LetterError::BadNumberFormat {
        format: format.to_string(),
        why: why.to_string(),
    };
    if seq == 0 {
        return Err(bad("序号从1开始"));
    }
    if !format.contains("{seq}") {
        return Err(bad("缺少 {seq}"));
    }
    let mut out = String::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| bad("花括号未闭合"))?;
        match &after[..close] {
            "agency_short" => out.push_str(agency_short),
            "year" => out.push_str(&year.to_string()),
            "seq" => out.push_str(&seq.to_string()),
            other => {
                return Err(bad(&format!(
                    "未知字段 {{{other}}}（可用 {{agency_short}}、{{year}}、{{seq}}）"
                )));
            }
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(bad("多余的 }"));
    }
    out.push_str(rest);
    Ok(out)
}
