//! The kinds of letter (文书种类) the office sends, their names and file names.

use std::fmt;
use std::str::FromStr;

use super::LetterError;

/// One kind of letter (文书) of SPEC §9, each tied to the step that calls for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// 登记回执 — receipt of a registered application (条例 Art 31).
    Receipt,
    /// 补正告知书 — correction notice (条例 Art 30).
    Correction,
    /// 征求意见书 — consultation of a third party (条例 Art 32).
    Consultation,
    /// 征求意见告知书 — telling the applicant a third party is consulted (条例 Art 32, Art 33 ¶3).
    ConsultationNotice,
    /// 征求意见函 — consultation of another agency (条例 Art 34).
    AgencyConsultation,
    /// 公开告知书 — telling a third party its information is disclosed over its objection (条例 Art 32).
    DisclosureNotice,
    /// 延期答复告知书 — extension of the reply period (条例 Art 33 ¶2).
    Extension,
    /// 说明理由告知书 — asking the applicant to explain the volume of requests (条例 Art 35).
    Reasons,
    /// 信息处理费缴费通知书 — fee notice (条例 Art 42; 国办函〔2020〕109号).
    Fee,
    /// 政府信息公开申请答复书 — the reply (条例 Art 33, 36, 37).
    Reply,
    /// 终止处理告知书 — the request is no longer processed (（六）1 条例 Art 30; （六）2 109号).
    Closing,
    /// 更正答复书 — end of a correction-of-record request (条例 Art 41).
    RecordCorrection,
    /// 送达回证 — proof of service of another letter.
    Service,
}

impl LetterKind {
    /// Every kind, in the order of a request's life.
    pub const ALL: [LetterKind; 13] = [
        LetterKind::Receipt,
        LetterKind::Correction,
        LetterKind::Consultation,
        LetterKind::ConsultationNotice,
        LetterKind::AgencyConsultation,
        LetterKind::DisclosureNotice,
        LetterKind::Extension,
        LetterKind::Reasons,
        LetterKind::Fee,
        LetterKind::Reply,
        LetterKind::Closing,
        LetterKind::RecordCorrection,
        LetterKind::Service,
    ];

    /// The English name used on the command line (`correction`, `consultation-notice`, …).
    pub fn name(self) -> &'static str {
        match self {
            LetterKind::Receipt => "receipt",
            LetterKind::Correction => "correction",
            LetterKind::Consultation => "consultation",
            LetterKind::ConsultationNotice => "consultation-notice",
            LetterKind::AgencyConsultation => "agency-consultation",
            LetterKind::DisclosureNotice => "disclosure-notice",
            LetterKind::Extension => "extension",
            LetterKind::Reasons => "reasons",
            LetterKind::Fee => "fee",
            LetterKind::Reply => "reply",
            LetterKind::Closing => "closing",
            LetterKind::RecordCorrection => "record-correction",
            LetterKind::Service => "service",
        }
    }

    /// The short Chinese name (补正告知书), also accepted by [`FromStr`] and used in file names.
    pub fn short_title(self) -> &'static str {
        match self {
            LetterKind::Receipt => "登记回执",
            LetterKind::Correction => "补正告知书",
            LetterKind::Consultation => "征求意见书",
            LetterKind::ConsultationNotice => "征求意见告知书",
            LetterKind::AgencyConsultation => "征求意见函",
            LetterKind::DisclosureNotice => "公开告知书",
            LetterKind::Extension => "延期答复告知书",
            LetterKind::Reasons => "说明理由告知书",
            LetterKind::Fee => "信息处理费缴费通知书",
            LetterKind::Reply => "答复书",
            LetterKind::Closing => "终止处理告知书",
            LetterKind::RecordCorrection => "更正答复书",
            LetterKind::Service => "送达回证",
        }
    }

    /// The title printed on the letter (政府信息公开申请答复书, …).
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Receipt => "政府信息公开申请登记回执",
            LetterKind::Correction => "政府信息公开申请补正告知书",
            LetterKind::Consultation => "政府信息公开征求意见书",
            LetterKind::ConsultationNotice => "政府信息公开征求意见告知书",
            LetterKind::AgencyConsultation => "政府信息公开征求意见函",
            LetterKind::DisclosureNotice => "政府信息公开告知书",
            LetterKind::Extension => "政府信息公开申请延期答复告知书",
            LetterKind::Reasons => "政府信息公开申请说明理由告知书",
            LetterKind::Fee => "政府信息公开信息处理费缴费通知书",
            LetterKind::Reply => "政府信息公开申请答复书",
            LetterKind::Closing => "政府信息公开申请终止处理告知书",
            LetterKind::RecordCorrection => "政府信息更正申请答复书",
            LetterKind::Service => "送达回证",
        }
    }

    /// The template file of this kind (`reply.j2`), embedded and overridable in `letters_dir`.
    pub fn template_name(self) -> String {
        format!("{}.j2", self.name())
    }

    /// Whether the letter carries a letter number (发文字号); the 送达回证 is a form that only
    /// names the number of the letter it goes with.
    pub fn numbered(self) -> bool {
        self != LetterKind::Service
    }

    /// Whether the letter goes to the applicant (and so may carry the applicant's own data).
    /// The letters to a third party or another agency never do (SPEC §9).
    pub fn to_applicant(self) -> bool {
        !matches!(
            self,
            LetterKind::Consultation
                | LetterKind::DisclosureNotice
                | LetterKind::AgencyConsultation
        )
    }

    /// The file name a letter of this kind for case `case_no` gets: `2026-0001-补正告知书.docx`
    /// (extension `docx` or `md`).
    pub fn file_name(self, case_no: &str, extension: &str) -> String {
        format!("{case_no}-{}.{extension}", self.short_title())
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for LetterKind {
    type Err = LetterError;

    /// Accepts the English name (`reply`), the short Chinese name (答复书) or the full title
    /// (政府信息公开申请答复书), plus the alternative name 接收回执 of the receipt.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        LetterKind::ALL
            .into_iter()
            .find(|k| k.name() == s || k.short_title() == s || k.title() == s)
            .or(match s {
                "接收回执" => Some(LetterKind::Receipt),
                "缴费通知书" | "收费通知书" => Some(LetterKind::Fee),
                _ => None,
            })
            .ok_or_else(|| LetterError::UnknownKind(s.to_string()))
    }
}
