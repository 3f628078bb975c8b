//! The vocabulary of the document register: the fields of the forms of 附录B–D, each a typed
//! value with its Chinese label (what the forms print) and a stable English name (what the event
//! log stores). SPEC.md §10; seed 附录A–D.
//!
//! Every type parses both its Chinese label and its English name ([`std::str::FromStr`]) and
//! prints its Chinese label ([`std::fmt::Display`]).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A label that is not one of the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{given}”不是{what}的选项；可选：{choices}")]
pub struct LabelError {
    /// What was being parsed (公文类型, 公开属性, …).
    pub what: &'static str,
    /// The text given.
    pub given: String,
    /// The accepted Chinese labels, joined by “|” (two grounds of 不予公开 contain “、”
    /// themselves).
    pub choices: String,
}

/// Declares a closed enum of the forms with its Chinese label and English (kebab-case) name.
macro_rules! labelled {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = ($cn:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the form's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The Chinese label, verbatim from the form.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $cn ),+ }
            }

            /// Every Chinese label, joined by “|” as a command line writes a choice
            /// (`--ground 过程性信息|…`): not by “、”, which some labels contain.
            pub fn choices() -> String {
                $name::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("|")
            }

            /// The stable English name (the serde name).
            pub fn name(self) -> &'static str {
                match self { $( $name::$variant => $en ),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = LabelError;
            fn from_str(s: &str) -> Result<Self, LabelError> {
                let t = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.label() == t || v.name().eq_ignore_ascii_case(t))
                    .ok_or_else(|| LabelError {
                        what: $what,
                        given: t.to_string(),
                        choices: $name::choices(),
                    })
            }
        }
    };
}

labelled! {
    /// 公文类型 (附录D): the type of a document, which decides its row in table 二.
    DocType, "公文类型" {
        /// 规章.
        Rules = ("规章", "rules"),
        /// 行政规范性文件: always 主动公开 (SPEC §10).
        Normative = ("行政规范性文件", "normative"),
        /// 其他.
        Other = ("其他", "other"),
    }
}

labelled! {
    /// 公文属性 (公开属性, 附录B/C): how the document is disclosed (国办发〔2016〕80号 源头认定).
    Attribute, "公开属性" {
        /// 主动公开: published within 20 working days (条例 Art 26).
        Proactive = ("主动公开", "proactive"),
        /// 依申请公开: disclosed on application; needs a reason (附录B 注4).
        OnRequest = ("依申请公开", "on-request"),
        /// 不予公开: needs one or more of the form's grounds (附录B 注4).
        Withheld = ("不予公开", "withheld"),
    }
}

labelled! {
    /// A ground for 不予公开, verbatim from the forms of 附录B/C (several may apply).
    Ground, "不予公开理由" {
        /// 法律、行政法规禁止公开的局信息 (条例 Art 14).
        ProhibitedByLaw = ("法律、行政法规禁止公开的局信息", "prohibited-by-law"),
        /// 危及“三安全一稳定” (国家安全、公共安全、经济安全、社会稳定; 条例 Art 14).
        ThreeSecurities = ("危及“三安全一稳定”", "three-securities"),
        /// 涉及商业秘密、个人隐私 (条例 Art 15).
        SecretsPrivacy = ("涉及商业秘密、个人隐私", "secrets-privacy"),
        /// 过程性信息 (条例 Art 16 ¶2).
        Process = ("过程性信息", "process"),
        /// 本局内部事务信息 (条例 Art 16 ¶1).
        Internal = ("本局内部事务信息", "internal"),
        /// 行政执法案卷信息 (条例 Art 16 ¶2).
        EnforcementFile = ("行政执法案卷信息", "enforcement-file"),
    }
}

labelled! {
    /// Which attribute-determination form was filled: 附录B (the office's documents, opinion of
    /// 局办公室发文办公室) or 附录C (a department's documents, opinion of 单位负责人).
    Form, "认定审核表" {
        /// 附录B 局办公室公文公开属性认定审核表.
        Office = ("局办公室", "office"),
        /// 附录C 局部门公文公开属性认定审核表.
        Department = ("局部门", "department"),
    }
}

labelled! {
    /// 修改、废止、失效: what happened to a published document (seed A.2, 条例 Art 26).
    ChangeKind, "变更类型" {
        /// 修改: the document stays in force (SPEC §10, table 二).
        Amended = ("修改", "amended"),
        /// 废止.
        Repealed = ("废止", "repealed"),
        /// 失效.
        Lapsed = ("失效", "lapsed"),
    }
}

labelled! {
    /// 有效性 of a document in the public catalogue.
    Validity, "有效性" {
        /// 有效.
        InForce = ("有效", "in-force"),
        /// 已修改 (still in force).
        Amended = ("已修改", "amended"),
        /// 已废止.
        Repealed = ("已废止", "repealed"),
        /// 已失效.
        Lapsed = ("已失效", "lapsed"),
    }
}

impl ChangeKind {
    /// Whether the change ends the document's force (废止、失效), counted in table 二's 本年废止件数.
    pub fn ends_force(self) -> bool {
        matches!(self, ChangeKind::Repealed | ChangeKind::Lapsed)
    }

    /// The validity the change leaves the document in.
    pub fn validity(self) -> Validity {
        match self {
            ChangeKind::Amended => Validity::Amended,
            ChangeKind::Repealed => Validity::Repealed,
            ChangeKind::Lapsed => Validity::Lapsed,
        }
    }
}

/// Declares an open choice: the form's named options plus free text (其他).
macro_rules! open_choice {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = ($cn:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other, in the office's words.
            Other(String),
        }

        impl $name {
            /// The named options, in the form's order.
            pub const NAMED: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The Chinese label (the free text for `Other`).
            pub fn label(&self) -> &str {
                match self { $( $name::$variant => $cn, )+ $name::Other(s) => s }
            }

            fn english(&self) -> Option<&'static str> {
                match self { $( $name::$variant => Some($en), )+ $name::Other(_) => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = LabelError;
            /// A named option by label or English name; any other non-empty single-line text
            /// is `Other`.
            fn from_str(s: &str) -> Result<Self, LabelError> {
                let t = s.trim();
                if let Some(v) = $name::NAMED
                    .iter()
                    .find(|v| v.label() == t || v.english().is_some_and(|e| e.eq_ignore_ascii_case(t)))
                {
                    return Ok(v.clone());
                }
                if t.is_empty() || t.chars().any(char::is_control) {
                    return Err(LabelError {
                        what: $what,
                        given: t.to_string(),
                        choices: $name::NAMED.iter().map(|v| v.label().to_string()).collect::<Vec<_>>().join("、") + "、其他（一行文字）",
                    });
                }
                Ok($name::Other(t.to_string()))
            }
        }
    };
}

open_choice! {
    /// 公开方式 (附录D; seed 六(三)): where a document is published. 政府网站 is the first
    /// platform (seed 六(三)).
    Channel, "公开方式" {
        /// 政府网站.
        Website = ("政府网站", "website"),
        /// 政府公报.
        Gazette = ("政府公报", "gazette"),
        /// 政务新媒体.
        NewMedia = ("政务新媒体", "new-media"),
    }
}

open_choice! {
    /// 解读形式: the form of a policy interpretation (政策解读; seed A.2).
    InterpretationForm, "解读形式" {
        /// 文字.
        Text = ("文字", "text"),
        /// 图解.
        Graphic = ("图解", "graphic"),
        /// 视频.
        Video = ("视频", "video"),
        /// 音频.
        Audio = ("音频", "audio"),
        /// 问答.
        QA = ("问答", "qa"),
    }
}

/// Parses a form's 是/否 answer (also yes/no, true/false, 1/0).
///
/// # Errors
/// Anything else, with what was asked.
pub fn parse_yes_no(question: &'static str, s: &str) -> Result<bool, LabelError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" => Ok(true),
        "否" | "no" | "n" | "false" | "0" => Ok(false),
        other => Err(LabelError {
            what: question,
            given: other.to_string(),
            choices: "是、否".to_string(),
        }),
    }
}
