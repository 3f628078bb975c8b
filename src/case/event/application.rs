//! What an application holds as registered: its channel, the applicant and agent, and the
//! registration record (SPEC.md §2).

use serde::{Deserialize, Serialize};

use crate::case::record_correction::RequestKind;

/// How an application reached the agency (申请方式), which decides its receipt date
/// (条例 Art 31, SPEC.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// 当面提交: received the day it was handed in.
    InPerson,
    /// 邮寄 (registered mail, EMS, courier): received the day the agency signed for it (签收).
    Mail,
    /// 平常信函: received the day the agency confirmed receipt with the applicant.
    Letter,
    /// 网络 (online platform): received the day both sides confirmed receipt.
    Online,
    /// 电子邮件: received the day both sides confirmed receipt.
    Email,
    /// 传真: received the day both sides confirmed receipt.
    Fax,
}

impl Channel {
    /// Every channel, in the order of the issue.
    pub const ALL: [Channel; 6] = [
        Channel::InPerson,
        Channel::Mail,
        Channel::Letter,
        Channel::Online,
        Channel::Email,
        Channel::Fax,
    ];

    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交",
            Channel::Mail => "邮寄",
            Channel::Letter => "平常信函",
            Channel::Online => "网络",
            Channel::Email => "电子邮件",
            Channel::Fax => "传真",
        }
    }

    /// What the receipt date R is for this channel (收到申请之日, 条例 Art 31).
    pub fn receipt_basis(&self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交之日",
            Channel::Mail => "签收之日",
            Channel::Letter => "与申请人确认收到之日",
            Channel::Online | Channel::Email | Channel::Fax => "双方确认之日",
        }
    }

    /// Parses a command-line name or a Chinese name (当面提交, 邮寄 and 挂号信/EMS/快递, 平常信函,
    /// 网络, 电子邮件, 传真).
    pub fn parse(s: &str) -> Option<Channel> {
        let t = s.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.name() == t || c.label() == t)
            .or(match t {
                "当面" => Some(Channel::InPerson),
                "挂号信" | "EMS" | "ems" | "快递" => Some(Channel::Mail),
                "平信" => Some(Channel::Letter),
                "网络平台" | "网上" => Some(Channel::Online),
                _ => None,
            })
    }

    /// The command-line name (`in-person`, `mail`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Channel::InPerson => "in-person",
            Channel::Mail => "mail",
            Channel::Letter => "letter",
            Channel::Online => "online",
            Channel::Email => "email",
            Channel::Fax => "fax",
        }
    }
}

/// Applicant type (申请人情况), the columns of table 三 \[格式\].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum ApplicantType {
    /// 自然人
    Natural,
    /// 法人或其他组织 — 商业企业
    Enterprise,
    /// 法人或其他组织 — 科研机构
    Research,
    /// 法人或其他组织 — 社会公益组织
    Nonprofit,
    /// 法人或其他组织 — 法律服务机构
    Legal,
    /// 法人或其他组织 — 其他
    OtherOrg,
}

impl ApplicantType {
    /// Every type, in the column order of table 三.
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::Natural,
        ApplicantType::Enterprise,
        ApplicantType::Research,
        ApplicantType::Nonprofit,
        ApplicantType::Legal,
        ApplicantType::OtherOrg,
    ];

    /// The column label of table 三 (自然人, 商业企业, …, 其他).
    pub fn label(&self) -> &'static str {
        match self {
            ApplicantType::Natural => "自然人",
            ApplicantType::Enterprise => "商业企业",
            ApplicantType::Research => "科研机构",
            ApplicantType::Nonprofit => "社会公益组织",
            ApplicantType::Legal => "法律服务机构",
            ApplicantType::OtherOrg => "其他",
        }
    }

    /// The command-line name (`natural`, `enterprise`, …).
    pub fn name(&self) -> &'static str {
        match self {
            ApplicantType::Natural => "natural",
            ApplicantType::Enterprise => "enterprise",
            ApplicantType::Research => "research",
            ApplicantType::Nonprofit => "nonprofit",
            ApplicantType::Legal => "legal",
            ApplicantType::OtherOrg => "other-org",
        }
    }

    /// Parses a command-line name or a Chinese label (自然人, 商业企业, …; 其他 and 其他组织 mean
    /// `other-org`).
    pub fn parse(s: &str) -> Option<ApplicantType> {
        let t = s.trim();
        ApplicantType::ALL
            .into_iter()
            .find(|a| a.name() == t || a.label() == t)
            .or(match t {
                "其他组织" | "其他法人或其他组织" => Some(ApplicantType::OtherOrg),
                "企业" => Some(ApplicantType::Enterprise),
                "公民" | "个人" => Some(ApplicantType::Natural),
                _ => None,
            })
    }
}

/// Kind of identity document (身份证明).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum IdType {
    /// 居民身份证 (checked: GB 11643 check digit).
    IdCard,
    /// 统一社会信用代码 (checked: GB 32100 check character).
    CreditCode,
    /// 护照
    Passport,
    /// 港澳居民来往内地通行证 / 居住证
    HkMacao,
    /// 台湾居民来往大陆通行证 / 居住证
    Taiwan,
    /// 其他证件
    Other,
}

impl IdType {
    /// Every kind.
    pub const ALL: [IdType; 6] = [
        IdType::IdCard,
        IdType::CreditCode,
        IdType::Passport,
        IdType::HkMacao,
        IdType::Taiwan,
        IdType::Other,
    ];

    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            IdType::IdCard => "居民身份证",
            IdType::CreditCode => "统一社会信用代码",
            IdType::Passport => "护照",
            IdType::HkMacao => "港澳居民来往内地通行证",
            IdType::Taiwan => "台湾居民来往大陆通行证",
            IdType::Other => "其他证件",
        }
    }

    /// The command-line name.
    pub fn name(&self) -> &'static str {
        match self {
            IdType::IdCard => "id-card",
            IdType::CreditCode => "credit-code",
            IdType::Passport => "passport",
            IdType::HkMacao => "hk-macao",
            IdType::Taiwan => "taiwan",
            IdType::Other => "other",
        }
    }

    /// Parses a command-line name or Chinese name (身份证 is accepted for 居民身份证).
    pub fn parse(s: &str) -> Option<IdType> {
        let t = s.trim();
        IdType::ALL
            .into_iter()
            .find(|k| k.name() == t || k.label() == t)
            .or(match t {
                "身份证" => Some(IdType::IdCard),
                "营业执照" | "信用代码" => Some(IdType::CreditCode),
                _ => None,
            })
    }
}

/// The applicant (申请人) as the application names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Applicant {
    /// 姓名或者名称.
    pub name: String,
    /// Identity document kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_type: Option<IdType>,
    /// Identity document number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// 联系电话.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 电子邮箱.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// 通信地址.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 邮政编码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// An agent filing for the applicant (委托代理人); needs a power of attorney (委托书).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Agent {
    /// Agent's name.
    pub name: String,
    /// Agent's ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// Agent's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Everything recorded at registration (登记), SPEC.md §2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// The case number given by the register (e.g. `2026-0001`).
    pub case_no: String,
    /// What kind of request (申请类别): a disclosure request (the default, not written in the
    /// event, so registers written before the kind existed read unchanged) or a request to
    /// correct a record about the applicant (更正申请, 条例 Art 41). Stored as `request_kind`:
    /// `kind` is the tag of the event's step.
    #[serde(
        default,
        rename = "request_kind",
        skip_serializing_if = "RequestKind::is_disclosure"
    )]
    pub kind: RequestKind,
    /// How the application arrived.
    pub channel: Channel,
    /// For an ordinary letter whose applicant could not be reached: no clock runs until a
    /// confirm-receipt step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unreachable: bool,
    /// Applicant type, for the statistics.
    pub applicant_type: ApplicantType,
    /// The applicant.
    pub applicant: Applicant,
    /// The agent, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Agent>,
    /// Description of the information sought (名称、文号或者便于查询的其他特征性描述).
    pub content: String,
    /// Form wanted (纸质 / 电子), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Way of obtaining (自行领取 / 邮寄 / 电子邮件 / 传真), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<String>,
    /// Mail tracking number (邮件号) of the incoming application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_no: Option<String>,
    /// Free remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
