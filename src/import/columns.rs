//! The columns of an import file: each field of a registration (登记) with its Chinese header,
//! its English header and the other names clerks use for it. Headers are matched after
//! trimming, ignoring a trailing `*` or `（必填）`/`（选填）` mark, and for English names ignoring
//! case, spaces and hyphens.

/// A column of the import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 申请人 — name of the applicant (姓名或者名称). Required.
    Applicant,
    /// 申请人类型 — the column of table 三 it counts in. Required.
    ApplicantType,
    /// 签收日期 — the day the agency signed for the letter (R for registered mail, 条例 Art 31);
    /// for an ordinary letter, the day it arrived. Required.
    ReceivedOn,
    /// 申请内容 — the information sought (名称、文号或特征性描述). Required.
    Content,
    /// 申请方式 — channel; blank means 邮寄.
    Channel,
    /// 证件类型 — identity document kind; blank means 居民身份证 for a natural person and
    /// 统一社会信用代码 for an organisation.
    IdType,
    /// 证件号码 — ID number or unified social credit code.
    IdNumber,
    /// 联系电话.
    Phone,
    /// 电子邮箱.
    Email,
    /// 通信地址.
    Address,
    /// 邮政编码.
    Postcode,
    /// 代理人 — agent's name (委托代理).
    Agent,
    /// 代理人证件号码.
    AgentId,
    /// 代理人电话.
    AgentPhone,
    /// 邮件号 — the incoming letter's tracking number.
    TrackingNo,
    /// 提供形式 — 纸质 / 电子.
    Form,
    /// 获取方式 — 自行领取 / 邮寄 / 电子邮件 / 传真.
    Delivery,
    /// 备注.
    Note,
    /// 确认日期 — ordinary letters only: the day receipt was confirmed with the applicant.
    ConfirmedOn,
    /// 错误 — written by `--skip-invalid` into the reject file; ignored on import.
    Error,
    /// 序号 — a running number many spreadsheets have; ignored.
    SerialNo,
}

impl Field {
    /// Every column, in the order the README documents them.
    pub const ALL: [Field; 21] = [
        Field::Applicant,
        Field::ApplicantType,
        Field::ReceivedOn,
        Field::Content,
        Field::Channel,
        Field::IdType,
        Field::IdNumber,
        Field::Phone,
        Field::Email,
        Field::Address,
        Field::Postcode,
        Field::Agent,
        Field::AgentId,
        Field::AgentPhone,
        Field::TrackingNo,
        Field::Form,
        Field::Delivery,
        Field::Note,
        Field::ConfirmedOn,
        Field::Error,
        Field::SerialNo,
    ];

    /// The four columns every file must have.
    pub const REQUIRED: [Field; 4] = [
        Field::Applicant,
        Field::ApplicantType,
        Field::ReceivedOn,
        Field::Content,
    ];

    /// The Chinese header (used in messages and the reject file).
    pub fn chinese(&self) -> &'static str {
        self.names()[0]
    }

    /// The English header.
    pub fn english(&self) -> &'static str {
        match self {
            Field::Applicant => "applicant",
            Field::ApplicantType => "applicant_type",
            Field::ReceivedOn => "received_on",
            Field::Content => "content",
            Field::Channel => "channel",
            Field::IdType => "id_type",
            Field::IdNumber => "id_number",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::Agent => "agent",
            Field::AgentId => "agent_id",
            Field::AgentPhone => "agent_phone",
            Field::TrackingNo => "tracking_no",
            Field::Form => "form",
            Field::Delivery => "delivery",
            Field::Note => "note",
            Field::ConfirmedOn => "confirmed_on",
            Field::Error => "error",
            Field::SerialNo => "no",
        }
    }

    /// Every Chinese name accepted, the documented one first.
    pub fn names(&self) -> &'static [&'static str] {
        match self {
            Field::Applicant => &[
                "申请人",
                "申请人姓名",
                "申请人名称",
                "申请人姓名或名称",
                "姓名或名称",
            ],
            Field::ApplicantType => &["申请人类型", "申请人类别", "申请人情况"],
            Field::ReceivedOn => &["签收日期", "收到日期", "收件日期", "来件日期", "到达日期"],
            Field::Content => &[
                "申请内容",
                "所需信息",
                "所需政府信息",
                "申请公开内容",
                "所需信息描述",
            ],
            Field::Channel => &["申请方式", "来件方式", "提交方式"],
            Field::IdType => &["证件类型", "身份证明类型", "证件种类"],
            Field::IdNumber => &[
                "证件号码",
                "身份证号码",
                "身份证号",
                "统一社会信用代码",
                "证件号",
            ],
            Field::Phone => &["联系电话", "电话", "手机", "联系方式"],
            Field::Email => &["电子邮箱", "邮箱", "电子邮件地址"],
            Field::Address => &["通信地址", "通讯地址", "联系地址", "地址"],
            Field::Postcode => &["邮政编码", "邮编"],
            Field::Agent => &["代理人", "委托代理人", "代理人姓名"],
            Field::AgentId => &["代理人证件号码", "代理人身份证号码"],
            Field::AgentPhone => &["代理人电话", "代理人联系电话"],
            Field::TrackingNo => &["邮件号", "邮件号码", "挂号信号码", "快递单号", "运单号"],
            Field::Form => &["提供形式", "信息提供形式", "载体形式"],
            Field::Delivery => &["获取方式", "获取信息方式", "获取途径"],
            Field::Note => &["备注"],
            Field::ConfirmedOn => &["确认日期", "确认收到日期"],
            Field::Error => &["错误", "错误原因"],
            Field::SerialNo => &["序号", "编号"],
        }
    }

    /// The English aliases accepted beside [`Field::english`].
    fn english_aliases(&self) -> &'static [&'static str] {
        match self {
            Field::Applicant => &["name", "applicant_name"],
            Field::ReceivedOn => &["received", "date", "signed_on"],
            Field::Content => &["description", "request"],
            Field::TrackingNo => &["tracking", "tracking_number"],
            Field::ConfirmedOn => &["confirmed"],
            Field::SerialNo => &["serial", "#"],
            _ => &[],
        }
    }

    /// Whether every file must have this column.
    pub fn required(&self) -> bool {
        Field::REQUIRED.contains(self)
    }

    /// Whether the column is read at all (the 错误 and 序号 columns are not).
    pub fn ignored(&self) -> bool {
        matches!(self, Field::Error | Field::SerialNo)
    }

    /// Recognises a header: a Chinese or English name, trimmed, without a trailing `*`,
    /// `（必填）`, `(必填)`, `（选填）` or `(选填)`; English names ignore case, spaces and `-`.
    pub fn from_header(h: &str) -> Option<Field> {
        let mut t = h.trim().trim_start_matches('\u{feff}').trim();
        for suffix in ["（必填）", "(必填)", "（选填）", "(选填)", "*", "＊"] {
            t = t.strip_suffix(suffix).unwrap_or(t).trim();
        }
        t = t.strip_prefix('*').unwrap_or(t).trim();
        let english: String = t
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        Field::ALL.into_iter().find(|f| {
            f.names().contains(&t)
                || f.english() == english
                || f.english_aliases().contains(&english.as_str())
        })
    }
}

/// The header row understood: which field each column holds.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The headers as written in the file.
    pub headers: Vec<String>,
    /// The field of each column (`None` for a column with a blank header).
    pub fields: Vec<Option<Field>>,
}

impl Columns {
    /// The column index of `f`, if the file has it.
    pub fn index(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|x| *x == Some(f))
    }

    /// The header as the file writes it for column `i` (or `第N列` for a blank header).
    pub fn header(&self, i: usize) -> String {
        match self.headers.get(i).filter(|h| !h.is_empty()) {
            Some(h) => h.clone(),
            None => format!("第{}列（无表头）", i + 1),
        }
    }

    /// The header as the file writes it for field `f` (its Chinese name if absent).
    pub fn header_of(&self, f: Field) -> String {
        self.index(f)
            .map(|i| self.header(i))
            .unwrap_or_else(|| f.chinese().to_string())
    }
}

/// What is wrong with a header row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// Headers that name no known column. The message masks ID and phone numbers
    /// ([`super::rows::mask_numbers`]): a file without a header row has its first request here.
    #[error("表头有不认识的列：{}", .0.iter().map(|h| format!("“{}”", super::rows::mask_numbers(h))).collect::<Vec<_>>().join("、"))]
    Unknown(Vec<String>),
    /// Required columns missing.
    #[error("缺少必需的列：{}", .0.iter().map(|f| format!("“{}”", f.chinese())).collect::<Vec<_>>().join("、"))]
    Missing(Vec<Field>),
    /// Two columns for the same field.
    #[error("“{first}”和“{second}”是同一列（{}），只能保留一列", .field.chinese())]
    Repeated {
        /// The field.
        field: Field,
        /// The first header.
        first: String,
        /// The second header.
        second: String,
    },
}

/// Understands the header row.
///
/// # Errors
/// [`HeaderError`]: unknown headers first (a typo is the likeliest mistake), then a column
/// given twice, then missing required columns.
pub fn map_headers(headers: &[String]) -> Result<Columns, HeaderError> {
    let mut fields = Vec::with_capacity(headers.len());
    let mut unknown = Vec::new();
    for h in headers {
        if h.trim().is_empty() {
            fields.push(None);
            continue;
        }
        match Field::from_header(h) {
            Some(f) => fields.push(Some(f)),
            None => {
                unknown.push(h.clone());
                fields.push(None);
            }
        }
    }
    if !unknown.is_empty() {
        return Err(HeaderError::Unknown(unknown));
    }
    for (i, f) in fields.iter().enumerate() {
        if let Some(f) = f
            && let Some(j) = fields[..i].iter().position(|x| x == &Some(*f))
            && !f.ignored()
        {
            return Err(HeaderError::Repeated {
                field: *f,
                first: headers[j].clone(),
                second: headers[i].clone(),
            });
        }
    }
    let missing: Vec<Field> = Field::REQUIRED
        .into_iter()
        .filter(|f| !fields.contains(&Some(*f)))
        .collect();
    if !missing.is_empty() {
        return Err(HeaderError::Missing(missing));
    }
    Ok(Columns {
        headers: headers.to_vec(),
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(Field::from_header("申请人*"), Some(Field::Applicant));
        assert_eq!(
            Field::from_header(" 签收日期（必填）"),
            Some(Field::ReceivedOn)
        );
        assert_eq!(Field::from_header("收到日期"), Some(Field::ReceivedOn));
        assert_eq!(
            Field::from_header("Applicant-Type"),
            Some(Field::ApplicantType)
        );
        assert_eq!(Field::from_header("Tracking No"), Some(Field::TrackingNo));
        assert_eq!(Field::from_header("申请人名字"), None);
    }

    #[test]
    fn header_problems() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            map_headers(&h(&["申请人", "申请人类型", "签收日起", "申请内容"])).unwrap_err(),
            HeaderError::Unknown(vec!["签收日起".to_string()])
        );
        assert_eq!(
            map_headers(&h(&["申请人", "申请内容"])).unwrap_err(),
            HeaderError::Missing(vec![Field::ApplicantType, Field::ReceivedOn])
        );
        assert!(matches!(
            map_headers(&h(&[
                "申请人",
                "applicant",
                "申请人类型",
                "签收日期",
                "申请内容"
            ])),
            Err(HeaderError::Repeated {
                field: Field::Applicant,
                ..
            })
        ));
        let c = map_headers(&h(&["content", "received_on", "type_x", "applicant"]));
        assert!(c.is_err());
        let c = map_headers(&h(&[
            "content",
            "received_on",
            "applicant_type",
            "applicant",
            "错误",
        ]))
        .unwrap();
        assert_eq!(c.index(Field::Applicant), Some(3));
    }
}
