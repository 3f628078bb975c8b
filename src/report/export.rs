//! The complete file of one request for an appeal (案卷导出): in 行政复议 the agency must hand
//! over its whole file within days, and a court reads the dates in it (SPEC.md §7, \[复议法\]).
//!
//! An export is a folder of these files:
//!
//! | file | what |
//! |---|---|
//! | `case.json` | [`CaseFile`]: every event with its business date, recorder, recording timestamp and chain hashes; the deadline computation with its basis; the letters recorded |
//! | `case.md` | the same in readable Chinese (Markdown) |
//! | `letters/…` | the letters issued (文书, SPEC §9), each made again and identical to the file issued: its SHA-256 is the one recorded when it was issued |
//! | `manifest.json` | [`Manifest`]: the SHA-256 of the files above and the chain hashes of the request's events |
//! | `SHA256SUMS` | the SHA-256 of every file above, in the format `sha256sum -c` reads |
//!
//! Personal data (ID numbers, phones, email and postal addresses, of the applicant and the
//! agent) is masked unless revealed. A masked export still lists every event's hash, so
//! [`check_export`] can confirm against the register that each event is unchanged; a revealed
//! export also carries each event exactly as stored, so its hashes can be recomputed from the
//! export alone.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calendar::Calendar;
use crate::case::identity::{mask_address, mask_email, mask_id, mask_phone};
use crate::case::{self, Case, Deadlines};
use crate::report::view::{CaseView, ConsultationView, DateView, summarize_at};
use crate::store::verify::ChainHead;
use crate::store::{StoredEvent, event_hash};

mod check;
mod markdown;

pub use check::{ExportCheck, check_export};
pub use markdown::markdown;

/// Version tag of `case.json`.
pub const CASE_FILE_FORMAT: &str = "disclose-case-file/1";
/// Version tag of `manifest.json`.
pub const MANIFEST_FORMAT: &str = "disclose-export-manifest/1";
/// The case file as JSON, the first file of an export.
pub const CASE_JSON: &str = "case.json";
/// The case file as Markdown, written after [`CASE_JSON`]; the letters come after it.
pub const CASE_MD: &str = "case.md";
/// The manifest (every file with its SHA-256), written after the letters.
pub const MANIFEST: &str = "manifest.json";
/// The `sha256sum -c` list of every file, written last.
pub const SUMS: &str = "SHA256SUMS";
/// The folder of an export that holds the letters issued (文书), listed in the manifest and in
/// `SHA256SUMS` as `letters/NAME`.
pub const LETTERS_DIR: &str = "letters";

/// How the chain hash of an event is computed, in words (printed in every export).
pub const HASH_RULE: &str = "SHA-256（十六进制小写），输入为以下各项依次拼接、每项后加一个换行符：前一事件哈希、案件编号、本案事件序号、事件种类、业务日期、经办人、记录时间、事件内容（JSON 原文）";

/// One event as exported.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportedEvent {
    /// Number within the request (1 = the registration).
    pub index: u32,
    /// Global sequence number in the register.
    pub seq: i64,
    /// Business date (the day the step happened).
    pub on: NaiveDate,
    /// Kind (wire name, e.g. `correction-notice`).
    pub kind: String,
    /// Kind (Chinese).
    pub label: String,
    /// Who recorded it (经办人).
    pub by: String,
    /// When it was recorded (RFC 3339 timestamp).
    pub recorded_at: String,
    /// One-line summary (Chinese).
    pub summary: String,
    /// The step's content, personal data masked unless revealed.
    pub content: serde_json::Value,
    /// The content exactly as stored (the input of the hash): present only in a revealed export.
    pub stored_payload: Option<String>,
    /// Hash of the event recorded before this one in the register.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// The correction notice (补正通知, 条例 Art 30) as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionLetter {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// Everything the applicant was asked to correct (一次性告知).
    pub items: String,
    /// The period given, working days after the notice.
    pub period_wd: u32,
    /// The applicant's last day.
    pub deadline: Option<DateView>,
    /// When the corrected application arrived.
    pub received_on: Option<NaiveDate>,
    /// The day the applicant received the notice (送达日期), if recorded.
    pub served_on: Option<NaiveDate>,
    /// A correction accepted after the period: the good reason recorded (条例 Art 30).
    pub late_reason: Option<String>,
    /// When the request was closed for want of a correction.
    pub lapsed_on: Option<NaiveDate>,
}

/// The extension notice (延期答复, 条例 Art 33 ¶2).
#[derive(Debug, Clone, Serialize)]
pub struct ExtensionLetter {
    /// The approval's date.
    pub approved_on: NaiveDate,
    /// Working days added.
    pub working_days: u32,
    /// Who approved it.
    pub approver: String,
    /// Why.
    pub reason: String,
    /// When the applicant was told.
    pub notified_on: NaiveDate,
}

/// The fee notice (收费通知, 109号).
#[derive(Debug, Clone, Serialize)]
pub struct FeeLetter {
    /// The notice's date.
    pub notice_on: NaiveDate,
    /// 按件 or 按量.
    pub method: String,
    /// Items or pages.
    pub count: u32,
    /// Amount, yuan.
    pub amount_yuan: u64,
    /// Last day to pay.
    pub deadline: Option<DateView>,
    /// When paid.
    pub paid_on: Option<NaiveDate>,
}

/// The reply letter (答复书, 条例 Art 33, 36, 37) as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyLetter {
    /// The reply's date.
    pub on: NaiveDate,
    /// Outcome code (`1`, `3.4`, …).
    pub outcome: String,
    /// Outcome label, verbatim from the annual-report format.
    pub outcome_label: String,
    /// Legal basis cited.
    pub basis: Option<String>,
    /// Reasons.
    pub reasons: Option<String>,
    /// For 本机关不掌握: the search done.
    pub search_done: Option<String>,
    /// The competent agency, if not ours.
    pub competent_agency: Option<String>,
    /// Its contact.
    pub agency_contact: Option<String>,
    /// How it was served.
    pub delivery: String,
    /// Tracking number of the letter.
    pub tracking_no: Option<String>,
    /// Working days late, if it was late.
    pub late_working_days: Option<u32>,
    /// Disclosed over a third party's objection: the public interest found (条例 Art 32).
    pub public_interest: Option<String>,
    /// The remedy notice the letter carries (救济途径), by outcome (SPEC §4).
    pub remedy: String,
    /// The day the applicant received it (送达日期), if recorded.
    pub served_on: Option<NaiveDate>,
    /// The last day to apply for 行政复议: 60 days from the served date (复议法 Art 20).
    pub reconsideration_until: Option<NaiveDate>,
    /// The last day to bring a lawsuit: 6 months from the served date (诉讼法 Art 46).
    pub lawsuit_until: Option<NaiveDate>,
}

/// Every letter recorded for the request.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Letters {
    /// The correction notice.
    pub correction_notice: Option<CorrectionLetter>,
    /// Consultation letters and answers, in order.
    pub consultations: Vec<ConsultationView>,
    /// The extension notice.
    pub extension: Option<ExtensionLetter>,
    /// The fee notice.
    pub fee_notice: Option<FeeLetter>,
    /// The reply.
    pub reply: Option<ReplyLetter>,
}

/// The chain facts of the export.
#[derive(Debug, Clone, Serialize)]
pub struct ChainFacts {
    /// How each hash is computed.
    pub rule: String,
    /// The newest event of the whole register at export time.
    pub register_head: Option<ChainHeadOut>,
}

/// [`ChainHead`] as written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHeadOut {
    /// `seq`.
    pub seq: i64,
    /// Hash.
    pub hash: String,
}

/// `case.json`: the complete file of one request.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFile {
    /// [`CASE_FILE_FORMAT`].
    pub format: String,
    /// The agency (config `agency`), if set.
    pub agency: Option<String>,
    /// The case number.
    pub case_no: String,
    /// The business date the deadlines were computed as of.
    pub as_of: NaiveDate,
    /// When the export was made (timestamp).
    pub exported_at: String,
    /// Who made it.
    pub exported_by: String,
    /// `masked` or `revealed`.
    pub personal_data: String,
    /// The request as it stands: facts, stage, deadlines with basis, next steps.
    pub request: CaseView,
    /// The deadline computation in full: clock start, period, every pause with its reason.
    pub deadlines: Deadlines,
    /// The letters recorded.
    pub letters: Letters,
    /// Every event, in order.
    pub events: Vec<ExportedEvent>,
    /// Chain facts.
    pub chain: ChainFacts,
}

/// One file listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// File name within the export folder.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// One event's hash listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEvent {
    /// Number within the request.
    pub index: u32,
    /// Global sequence number.
    pub seq: i64,
    /// Hash.
    pub hash: String,
}

/// The line of a masked export about the letters it leaves out (个人信息遮盖的导出不复制载有申请人
/// 个人信息的文书).
pub const LETTERS_LEFT_OUT: &str = "以下文书载有申请人的个人信息（姓名、证件号码、电话、地址），个人信息部分遮盖的导出未复制，只列出文号、日期和 SHA-256；需要原件时加 --reveal 重新导出";

/// A letter issued and left out of a masked export: listed by number, date and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOutLetter {
    /// The file name it has in a revealed export (under `letters/`).
    pub name: String,
    /// The letter's title (登记回执 …).
    pub title: String,
    /// Its number (文号), when the kind is numbered.
    pub number: Option<String>,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The SHA-256 recorded when it was issued.
    pub sha256: String,
}

/// `manifest.json`: what the export contains, to check it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// The case number.
    pub case_no: String,
    /// When the export was made.
    pub exported_at: String,
    /// `masked` or `revealed`.
    pub personal_data: String,
    /// `case.json`, `case.md` and the letters (`letters/NAME`) with their sizes and hashes; a
    /// letter's hash is the one recorded when it was issued.
    pub files: Vec<ManifestFile>,
    /// The letters issued that this export leaves out: without `--reveal`, the letters that
    /// carry the applicant's personal data (SPEC §9) are not copied, only listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters_left_out: Vec<LeftOutLetter>,
    /// Why [`Manifest::letters_left_out`] were left out and the flag to include them
    /// ([`LETTERS_LEFT_OUT`]), when any were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letters_left_out_note: Option<String>,
    /// The request's events' chain hashes.
    pub events: Vec<ManifestEvent>,
    /// The register's newest event at export time.
    pub register_head: Option<ChainHeadOut>,
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file of the export of `file`, as `(name, bytes)` in writing order: `case.json` and
/// `case.md`, then the `letters` (named `letters/NAME`), then `manifest.json` (the SHA-256 of
/// every file before it, the `left_out` letters and the events' chain hashes) and last
/// `SHA256SUMS` (every file before it, in the format `sha256sum -c` reads).
///
/// # Errors
/// A value that does not serialise.
pub fn files(
    file: &CaseFile,
    letters: Vec<(String, Vec<u8>)>,
    left_out: &[LeftOutLetter],
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let json = format!("{}\n", crate::output::json(file)?);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (CASE_JSON.to_string(), json.into_bytes()),
        (CASE_MD.to_string(), markdown(file).into_bytes()),
    ];
    files.extend(letters);
    let manifest = Manifest {
        format: MANIFEST_FORMAT.to_string(),
        case_no: file.case_no.clone(),
        exported_at: file.exported_at.clone(),
        personal_data: file.personal_data.clone(),
        files: files
            .iter()
            .map(|(n, b)| ManifestFile {
                name: n.clone(),
                bytes: b.len() as u64,
                sha256: sha256_hex(b),
            })
            .collect(),
        letters_left_out_note: (!left_out.is_empty()).then(|| LETTERS_LEFT_OUT.to_string()),
        letters_left_out: left_out.to_vec(),
        events: file
            .events
            .iter()
            .map(|e| ManifestEvent {
                index: e.index,
                seq: e.seq,
                hash: e.hash.clone(),
            })
            .collect(),
        register_head: file.chain.register_head.clone(),
    };
    let manifest_json = format!("{}\n", crate::output::json(&manifest)?);
    files.push((MANIFEST.to_string(), manifest_json.into_bytes()));
    let sums: String = files
        .iter()
        .map(|(n, b)| format!("{}  {n}\n", sha256_hex(b)))
        .collect();
    files.push((SUMS.to_string(), sums.into_bytes()));
    Ok(files)
}

/// Masks the personal data inside a step's JSON: every `id_number`, `phone`, `email` and
/// `address` field (of the applicant and of the agent), and amendments that set one of them
/// (`applicant.phone` …).
pub fn mask_personal(v: &mut serde_json::Value) {
    fn masker(key: &str) -> Option<fn(&str) -> String> {
        let last = key.rsplit('.').next().unwrap_or(key);
        match last {
            "id_number" => Some(mask_id),
            "phone" => Some(mask_phone),
            "email" => Some(mask_email),
            "address" => Some(mask_address),
            _ => None,
        }
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match (masker(k), x.as_str()) {
                    (Some(f), Some(s)) => *x = serde_json::Value::String(f(s)),
                    _ => mask_personal(x),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_personal),
        _ => {}
    }
}

/// Who, when and how an export is made.
#[derive(Debug, Clone)]
pub struct ExportMeta {
    /// The agency's name (config `agency`).
    pub agency: Option<String>,
    /// Business date the deadlines are computed as of.
    pub as_of: NaiveDate,
    /// Timestamp of the export.
    pub exported_at: String,
    /// Who made it.
    pub exported_by: String,
    /// Show personal data in full.
    pub reveal: bool,
}

/// Builds the case file of `case` from its stored `events` (in order) and the register's
/// newest event `head`.
///
/// # Errors
/// A date outside the calendar; JSON errors (never for stored events).
pub fn build(
    case: &Case,
    events: &[StoredEvent],
    head: Option<&ChainHead>,
    cal: &Calendar,
    meta: &ExportMeta,
) -> anyhow::Result<CaseFile> {
    let view = CaseView::build(case, &[], cal, meta.as_of, meta.reveal)?;
    let deadlines = case::deadlines(case, cal, meta.as_of)?;
    let mut exported = Vec::with_capacity(events.len());
    let plain: Vec<crate::case::Event> = events.iter().map(|e| e.event.clone()).collect();
    for (i, e) in events.iter().enumerate() {
        let mut content: serde_json::Value = serde_json::from_str(&e.payload)?;
        if !meta.reveal {
            mask_personal(&mut content);
        }
        exported.push(ExportedEvent {
            index: e.index,
            seq: e.seq,
            on: e.event.on,
            kind: e.event.step.kind_name().to_string(),
            label: e.event.step.kind().label().to_string(),
            by: e.event.by.clone(),
            recorded_at: e.recorded_at.clone(),
            summary: summarize_at(&plain, i, meta.reveal),
            content,
            stored_payload: meta.reveal.then(|| e.payload.clone()),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        });
    }
    let letters = Letters {
        correction_notice: case.correction.as_ref().map(|c| CorrectionLetter {
            notice_on: c.notice_on,
            items: c.items.clone(),
            period_wd: c.period_wd,
            deadline: view.correction_deadline.clone(),
            received_on: c.received_on,
            served_on: c.served_on,
            late_reason: c.late_reason.clone(),
            lapsed_on: c.lapsed_on,
        }),
        consultations: view.consultations.clone(),
        extension: case.extension.as_ref().map(|x| ExtensionLetter {
            approved_on: x.on,
            working_days: x.working_days,
            approver: x.approver.clone(),
            reason: x.reason.clone(),
            notified_on: x.notified_on,
        }),
        fee_notice: case.fee.as_ref().map(|f| FeeLetter {
            notice_on: f.notice_on,
            method: f.method.label().to_string(),
            count: f.count,
            amount_yuan: f.amount_yuan,
            deadline: view.fee_deadline.clone(),
            paid_on: f.paid_on,
        }),
        reply: case.conclusion.as_ref().and_then(|c| {
            c.reply.as_ref().map(|r| ReplyLetter {
                on: c.on,
                outcome: r.outcome.code(),
                outcome_label: r.outcome.label(),
                basis: r.basis.clone(),
                reasons: r.reasons.clone(),
                search_done: r.search_done.clone(),
                competent_agency: r.competent_agency.clone(),
                agency_contact: r.agency_contact.clone(),
                delivery: r.delivery.clone(),
                tracking_no: r.tracking_no.clone(),
                late_working_days: deadlines.reply_late_wd,
                public_interest: r.public_interest.clone(),
                remedy: r.outcome.remedy_notice().to_string(),
                served_on: r.served_date(c.on),
                reconsideration_until: r
                    .served_date(c.on)
                    .map(crate::case::service::reconsideration_until),
                lawsuit_until: r.served_date(c.on).map(crate::case::service::lawsuit_until),
            })
        }),
    };
    Ok(CaseFile {
        format: CASE_FILE_FORMAT.to_string(),
        agency: meta.agency.clone(),
        case_no: case.case_no.clone(),
        as_of: meta.as_of,
        exported_at: meta.exported_at.clone(),
        exported_by: meta.exported_by.clone(),
        personal_data: if meta.reveal { "revealed" } else { "masked" }.to_string(),
        request: view,
        deadlines,
        letters,
        events: exported,
        chain: ChainFacts {
            rule: HASH_RULE.to_string(),
            register_head: head.map(|h| ChainHeadOut {
                seq: h.seq,
                hash: h.hash.clone(),
            }),
        },
    })
}
