//! The facts each letter needs, in domain types (dates, working days, yuan), filled by the caller
//! from a request. Serialised, they are what the templates see under `f`.
//!
//! Personal data is kept out by construction: the facts of the letters to a third party
//! ([`ConsultationFacts`], [`DisclosureNoticeFacts`]) and to another agency
//! ([`AgencyConsultationFacts`]) have no field for the applicant at all (SPEC §9).

use chrono::NaiveDate;
use serde::Serialize;

use super::LetterKind;

/// A date computed from the calendar, with whether it rests on a year whose official holiday
/// arrangement is not yet published (provisional, SPEC §1): a provisional date is never shown
/// as definite on a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ComputedDate {
    /// The date.
    pub date: NaiveDate,
    /// Whether the date may still move (暂定).
    pub provisional: bool,
}

/// The applicant (申请人) as the letters to the applicant name them: in full, masking is for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applicant {
    /// Name of the person or organisation (姓名/名称).
    pub name: String,
    /// ID number (证件号码), if any.
    pub id_number: Option<String>,
    /// Telephone (联系电话), if any.
    pub phone: Option<String>,
    /// Postal address (通信地址), if any.
    pub address: Option<String>,
}

/// The application a letter answers: its number, receipt date (收到申请之日, 条例 Art 31), the
/// receipt date of the corrected application (条例 Art 30) and what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// The case number (2026-0001).
    pub case_no: String,
    /// The day the application was received.
    pub received_on: NaiveDate,
    /// The day the corrected application was received, if there was a correction.
    pub corrected_on: Option<NaiveDate>,
    /// What was asked (申请获取的政府信息), as recorded.
    pub content: String,
}

/// 登记回执: the receipt date, what was asked and the reply period (条例 Art 31, 33).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// The reply period, working days from receipt (20, 条例 Art 33 ¶2).
    pub reply_period_wd: u32,
    /// The reply due date.
    pub reply_due: ComputedDate,
}

/// 补正告知书: everything to fix, the period and its consequence (条例 Art 30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectionFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// Every item to correct, in one notice (一次性告知).
    pub items: Vec<String>,
    /// The correction period, working days from the applicant's receipt of the notice. No
    /// calendar date is given: the day the applicant receives the notice is not known.
    pub period_wd: u32,
}

/// A third party (第三方) consulted or told; its name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThirdParty {
    /// Name of the person or organisation.
    pub name: String,
}

/// 征求意见书 to a third party (条例 Art 32): no field for the applicant by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsultationFacts {
    /// The case number.
    pub case_no: String,
    /// The day the application was received.
    pub received_on: NaiveDate,
    /// The party consulted.
    pub party: ThirdParty,
    /// The information concerned (never the applicant's data).
    pub information: String,
    /// Why disclosure may harm the party's lawful interests (商业秘密、个人隐私…).
    pub concern: String,
    /// The answer period, working days from receipt (15, 条例 Art 32).
    pub period_wd: u32,
}

/// 征求意见告知书 to the applicant (条例 Art 32, 33 ¶3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsultationNoticeFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// The day the consultation was sent.
    pub sent_on: NaiveDate,
    /// The party's answer period, working days (15, 条例 Art 32).
    pub period_wd: u32,
}

/// 征求意见函 to another agency (条例 Art 34): no field for the applicant by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyConsultationFacts {
    /// The case number.
    pub case_no: String,
    /// The day the application was received.
    pub received_on: NaiveDate,
    /// The agency consulted (its full name).
    pub agency: String,
    /// The information concerned.
    pub information: String,
    /// The answer period, working days from receipt (15, 条例 Art 34).
    pub period_wd: u32,
}

/// 公开告知书 to a third party, disclosing over its objection (条例 Art 32): no applicant field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureNoticeFacts {
    /// The case number.
    pub case_no: String,
    /// The day the application was received.
    pub received_on: NaiveDate,
    /// The party told.
    pub party: ThirdParty,
    /// What will be disclosed (决定公开的政府信息内容).
    pub information: String,
    /// The public-interest reasons (理由).
    pub reasons: String,
}

/// 延期答复告知书 (条例 Art 33 ¶2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// The extension, working days (at most 20).
    pub extension_wd: u32,
    /// The due date before the extension.
    pub original_due: ComputedDate,
    /// The new due date.
    pub new_due: ComputedDate,
    /// Who approved it: the head of the disclosure office (政府信息公开工作机构负责人).
    pub approver: String,
    /// Why the period is not enough (延期理由), as recorded with the extension (条例 Art 33 ¶2),
    /// without a leading 因/由于 or closing punctuation: the letter says “因{reason}，…”.
    pub reason: String,
}

/// 说明理由告知书 (条例 Art 35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonsFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// What the applicant is asked to explain.
    pub to_explain: String,
    /// The period to explain, working days from receipt of the notice.
    pub period_wd: u32,
}

/// The fee method (计收方式, 109号 Art 3): one per application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FeeMethod {
    /// 按件 — by the applicant's count of applications in the calendar month (109号 Art 4).
    #[serde(rename = "按件")]
    ByItem,
    /// 按量 — by pages of this application (109号 Art 5).
    #[serde(rename = "按量")]
    ByPage,
}

/// One band of the progressive fee (超额累进): units `from`..=`to` at `rate_yuan` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeeBand {
    /// First unit (item or page) of the band charged here.
    pub from: u32,
    /// Last unit charged here.
    pub to: u32,
    /// Rate per unit, yuan.
    pub rate_yuan: u64,
    /// `(to - from + 1) × rate_yuan`.
    pub subtotal_yuan: u64,
}

/// 信息处理费缴费通知书 (条例 Art 42; 国办函〔2020〕109号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// 按件 or 按量.
    pub method: FeeMethod,
    /// By item: the place of this application's last item in the applicant's month; by page:
    /// the pages.
    pub count: u32,
    /// By item: how many places this application takes (1, or more for an application split
    /// into several items, 一事一申请), so that it pays places `count - places + 1 ..= count`
    /// (109号: each application the rate of its own place, not the month's total); by page: 1.
    pub places: u32,
    /// The bands charged for this application's own places or pages (free ones left out);
    /// their subtotals add up to `amount_yuan`.
    pub bands: Vec<FeeBand>,
    /// The amount, yuan (more than 0: a notice for 0 is refused, SPEC §6).
    pub amount_yuan: u64,
    /// The payment period, working days from receipt of the notice (20, 109号).
    pub period_wd: u32,
}

/// The information provided by a reply, and how (提供方式).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provision {
    /// What is provided.
    pub description: String,
    /// How: 随本答复书附送纸质件, 电子邮件发送至…, 现场查阅….
    pub how: String,
}

/// The withheld information of a reply (部分公开 or 不予公开) and its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withheld {
    /// What is withheld.
    pub description: String,
    /// Its category: an outcome code 3.1–3.8 of table 三.
    pub category: String,
    /// The reasons (说明理由, 条例 Art 36(3)).
    pub reasons: String,
}

/// An agency named in a reply: the competent one (条例 Art 36(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherAgency {
    /// Its name.
    pub name: String,
    /// Its contact (联系方式): telephone and/or address.
    pub contact: String,
}

/// 政府信息公开申请答复书 (条例 Art 33, 36, 37): the outcome (a leaf code of table 三: `1`, `2`,
/// `3.1`–`3.8`, `4.1`–`4.3`, `5.1`–`5.5`) and the facts its variant needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// The outcome code.
    pub outcome: String,
    /// For 1 and 2: what is provided and how (unless already public).
    pub provided: Option<Provision>,
    /// For 1: where the information is already public (已主动公开, 条例 Art 36(1)).
    pub already_public_at: Option<String>,
    /// For 2 and 3.x: what is withheld, its category and reasons.
    pub withheld: Option<Withheld>,
    /// For 4.1: the search that was done (检索情况).
    pub search: Option<String>,
    /// For 4.1 when the information is another agency's: that agency (条例 Art 36(5)).
    pub competent_agency: Option<OtherAgency>,
    /// For 4.2, 4.3 and 5.x: why (the facts behind the decision).
    pub explanation: Option<String>,
}

/// Why a request is no longer processed (终止处理).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ClosingReason {
    /// （六）1 — no correction within the period without good reason (条例 Art 30).
    #[serde(rename = "6.1")]
    NotCorrected,
    /// （六）2 — the fee not paid within the period (国办函〔2020〕109号).
    #[serde(rename = "6.2")]
    FeeNotPaid,
}

/// 终止处理告知书 (（六）1, （六）2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClosingFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The application.
    pub application: Application,
    /// Why.
    pub reason: ClosingReason,
    /// The date of the correction or fee notice.
    pub notice_on: NaiveDate,
    /// The period that notice gave, working days.
    pub period_wd: u32,
}

/// The end of a correction-of-record request (条例 Art 41, SPEC §8). Templates see it as
/// `{end, agency, reasons}` with the parts that do not apply null, so a template may name every
/// part in every branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "RecordCorrectionEndView")]
pub enum RecordCorrectionEnd {
    /// 更正并告知 — corrected.
    Corrected,
    /// 转送 — forwarded to the agency with power to correct.
    Forwarded {
        /// That agency.
        agency: OtherAgency,
    },
    /// 告知向有权机关提出 — told to apply to that agency.
    Redirected {
        /// That agency.
        agency: OtherAgency,
    },
    /// 不予更正 — refused, with reasons.
    Refused {
        /// The reasons.
        reasons: String,
    },
}

/// How a template sees a [`RecordCorrectionEnd`].
#[derive(Debug, Clone, Serialize)]
struct RecordCorrectionEndView {
    /// `corrected`, `forwarded`, `redirected` or `refused`.
    end: &'static str,
    agency: Option<OtherAgency>,
    reasons: Option<String>,
}

impl From<RecordCorrectionEnd> for RecordCorrectionEndView {
    fn from(end: RecordCorrectionEnd) -> Self {
        let (name, agency, reasons) = match end {
            RecordCorrectionEnd::Corrected => ("corrected", None, None),
            RecordCorrectionEnd::Forwarded { agency } => ("forwarded", Some(agency), None),
            RecordCorrectionEnd::Redirected { agency } => ("redirected", Some(agency), None),
            RecordCorrectionEnd::Refused { reasons } => ("refused", None, Some(reasons)),
        };
        RecordCorrectionEndView {
            end: name,
            agency,
            reasons,
        }
    }
}

/// 更正答复书 (条例 Art 41).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordCorrectionFacts {
    /// The applicant.
    pub applicant: Applicant,
    /// The case number.
    pub case_no: String,
    /// The day the request was received.
    pub received_on: NaiveDate,
    /// The record asked to be corrected (要求更正的政府信息).
    pub record: String,
    /// The end.
    pub end: RecordCorrectionEnd,
}

/// 送达回证: the form that goes with a served letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceFacts {
    /// The case number.
    pub case_no: String,
    /// The kind of the letter served.
    pub letter: LetterKind,
    /// That letter's number.
    pub letter_number: String,
    /// The addressee (受送达人).
    pub addressee: String,
    /// The address of service (送达地址), if known.
    pub address: Option<String>,
    /// The method (送达方式): 直接送达, 邮寄送达 (EMS …), 电子送达.
    pub method: String,
    /// The served date, once known; blank on the form otherwise.
    pub served_on: Option<NaiveDate>,
    /// Who serves (送达人), if known.
    pub server: Option<String>,
    /// Remarks (备注).
    pub note: Option<String>,
}

/// The facts of one letter, by kind. (Made once per letter, so the size difference between the
/// reply's facts and the others does not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum LetterFacts {
    /// 登记回执
    Receipt(ReceiptFacts),
    /// 补正告知书
    Correction(CorrectionFacts),
    /// 征求意见书
    Consultation(ConsultationFacts),
    /// 征求意见告知书
    ConsultationNotice(ConsultationNoticeFacts),
    /// 征求意见函
    AgencyConsultation(AgencyConsultationFacts),
    /// 公开告知书
    DisclosureNotice(DisclosureNoticeFacts),
    /// 延期答复告知书
    Extension(ExtensionFacts),
    /// 说明理由告知书
    Reasons(ReasonsFacts),
    /// 信息处理费缴费通知书
    Fee(FeeFacts),
    /// 答复书
    Reply(ReplyFacts),
    /// 终止处理告知书
    Closing(ClosingFacts),
    /// 更正答复书
    RecordCorrection(RecordCorrectionFacts),
    /// 送达回证
    Service(ServiceFacts),
}

impl LetterFacts {
    /// The kind of letter these facts are for.
    pub fn kind(&self) -> LetterKind {
        match self {
            LetterFacts::Receipt(_) => LetterKind::Receipt,
            LetterFacts::Correction(_) => LetterKind::Correction,
            LetterFacts::Consultation(_) => LetterKind::Consultation,
            LetterFacts::ConsultationNotice(_) => LetterKind::ConsultationNotice,
            LetterFacts::AgencyConsultation(_) => LetterKind::AgencyConsultation,
            LetterFacts::DisclosureNotice(_) => LetterKind::DisclosureNotice,
            LetterFacts::Extension(_) => LetterKind::Extension,
            LetterFacts::Reasons(_) => LetterKind::Reasons,
            LetterFacts::Fee(_) => LetterKind::Fee,
            LetterFacts::Reply(_) => LetterKind::Reply,
            LetterFacts::Closing(_) => LetterKind::Closing,
            LetterFacts::RecordCorrection(_) => LetterKind::RecordCorrection,
            LetterFacts::Service(_) => LetterKind::Service,
        }
    }

    /// The case number the letter belongs to (for its file name).
    pub fn case_no(&self) -> &str {
        match self {
            LetterFacts::Receipt(f) => &f.application.case_no,
            LetterFacts::Correction(f) => &f.application.case_no,
            LetterFacts::Consultation(f) => &f.case_no,
            LetterFacts::ConsultationNotice(f) => &f.application.case_no,
            LetterFacts::AgencyConsultation(f) => &f.case_no,
            LetterFacts::DisclosureNotice(f) => &f.case_no,
            LetterFacts::Extension(f) => &f.application.case_no,
            LetterFacts::Reasons(f) => &f.application.case_no,
            LetterFacts::Fee(f) => &f.application.case_no,
            LetterFacts::Reply(f) => &f.application.case_no,
            LetterFacts::Closing(f) => &f.application.case_no,
            LetterFacts::RecordCorrection(f) => &f.case_no,
            LetterFacts::Service(f) => &f.case_no,
        }
    }
}
