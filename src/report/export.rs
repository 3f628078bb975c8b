//! The complete file of one request for an appeal (案卷导出): in 行政复议 the agency must hand
//! over its whole file within days, and a court reads the dates in it (SPEC.md §7, \[复议法\]).
//!
//! An export is a folder of four files:
//!
//! | file | what |
//! |---|---|
//! | `case.json` | [`CaseFile`]: every event with its business date, recorder, recording timestamp and chain hashes; the deadline computation with its basis; the letters recorded |
//! | `case.md` | the same in readable Chinese (Markdown) |
//! | `manifest.json` | [`Manifest`]: the SHA-256 of the two files above and the chain hashes of the request's events |
//! | `SHA256SUMS` | the SHA-256 of the three files above, in the format `sha256sum -c` reads |
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
use crate::report::view::{CaseView, ConsultationView, DateView, summarize};
use crate::store::verify::ChainHead;
use crate::store::{StoredEvent, event_hash};

/// Version tag of `case.json`.
pub const CASE_FILE_FORMAT: &str = "disclose-case-file/1";
/// Version tag of `manifest.json`.
pub const MANIFEST_FORMAT: &str = "disclose-export-manifest/1";
/// The files of an export, in writing order (the manifest and `SHA256SUMS` come last).
pub const FILES: [&str; 4] = ["case.json", "case.md", "manifest.json", "SHA256SUMS"];

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
    /// `case.json` and `case.md` with their sizes and hashes.
    pub files: Vec<ManifestFile>,
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
    for e in events {
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
            summary: summarize(&e.event.step),
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

/// A table cell of Markdown: `|` escaped, line breaks as `<br>`, other control characters
/// shown as `\u{…}` so that nothing in a description can break the layout or a terminal.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out += "\\|",
            '\n' => out += "<br>",
            '\r' => {}
            c if c.is_control() => out += &format!("\\u{{{:x}}}", c as u32),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph of Markdown: control characters other than line breaks made visible.
fn para(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "  \n".to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map_or("—".to_string(), |d| d.to_string())
}

fn date_view(d: &Option<DateView>) -> String {
    match d {
        Some(d) if d.provisional => format!("{}（临时）", d.date),
        Some(d) => d.date.to_string(),
        None => "—".to_string(),
    }
}

/// The readable Chinese form of a case file (Markdown).
pub fn markdown(f: &CaseFile) -> String {
    use std::fmt::Write as _;
    let v = &f.request;
    let ap = &v.applicant;
    let mut m = String::new();
    let _ = writeln!(m, "# 政府信息公开申请案卷 {}\n", f.case_no);
    if let Some(a) = &f.agency {
        let _ = writeln!(m, "- 机关：{}", cell(a));
    }
    let _ = writeln!(
        m,
        "- 导出时间：{}（{} 导出；期限按 {} 计算）",
        f.exported_at,
        cell(&f.exported_by),
        f.as_of
    );
    let _ = writeln!(
        m,
        "- 个人信息：{}",
        if f.personal_data == "revealed" {
            "完整显示（含证件号码、电话、地址）"
        } else {
            "已部分遮盖（证件号码、电话、邮箱、地址）"
        }
    );
    let _ = writeln!(m, "- 当前状态：{}\n", v.stage);

    let _ = writeln!(m, "## 一、申请情况\n\n| 项目 | 内容 |\n|---|---|");
    let mut row = |k: &str, val: String| {
        let _ = writeln!(m, "| {k} | {} |", cell(&val));
    };
    row("申请人", ap.name.clone());
    row("申请人类型", ap.type_label.clone());
    let o = |x: &Option<String>| x.clone().unwrap_or_else(|| "—".to_string());
    row(
        "身份证明",
        format!("{} {}", o(&ap.id_type), o(&ap.id_number)),
    );
    row("联系电话", o(&ap.phone));
    row("电子邮箱", o(&ap.email));
    row("通信地址", o(&ap.address));
    row("邮政编码", o(&ap.postcode));
    row("委托代理人", o(&ap.agent));
    if ap.agent.is_some() {
        row("代理人证件号码", o(&ap.agent_id_number));
        row("代理人联系电话", o(&ap.agent_phone));
    }
    row("申请方式", v.channel_label.clone());
    row("登记日期", v.registered_on.to_string());
    row("收到申请之日（条例第三十一条）", opt_date(v.received_on));
    row("申请内容", v.content.clone());
    row("提供形式", o(&v.form));
    row("获取方式", o(&v.delivery));
    row("来信邮件号", o(&v.tracking_no));

    let _ = writeln!(m, "\n## 二、期限及计算依据\n");
    for line in v.deadline_lines() {
        let _ = writeln!(m, "- {}", para(line.trim_start()));
    }
    let d = &f.deadlines;
    let _ = writeln!(
        m,
        "- 计时起点（第 0 日）：{}；答复期限 {} 个工作日",
        opt_date(d.clock_start),
        d.period_wd
    );
    if let Some(b) = d
        .reply_due_before_extension
        .filter(|_| v.extension_wd.is_some())
    {
        let _ = writeln!(
            m,
            "- 延期前的答复期限：{}{}",
            b.value,
            if b.provisional { "（临时）" } else { "" }
        );
    }
    for p in d.pauses.iter().filter(|p| !p.counted) {
        let _ = writeln!(m, "- 答复期限已过后开始、不中止计时：{}", para(&p.why));
    }
    for p in d.pauses.iter().filter(|p| p.counted) {
        let _ = writeln!(
            m,
            "- 不计算在内的期间：{} 之后至 {}（含）{}：{}",
            p.from,
            p.to,
            if p.open {
                "（尚未结束，所示为最晚日期）"
            } else {
                ""
            },
            para(&p.why)
        );
    }

    let l = &f.letters;
    let _ = writeln!(m, "\n## 三、文书\n");
    let mut any = false;
    if let Some(c) = &l.correction_notice {
        any = true;
        let _ = writeln!(m, "### 补正通知（条例第三十条）\n");
        let _ = writeln!(m, "- 发出日期：{}", c.notice_on);
        let _ = writeln!(m, "- 补正事项：{}", para(&c.items));
        let _ = writeln!(
            m,
            "- 补正期限：{} 个工作日，至 {}",
            c.period_wd,
            date_view(&c.deadline)
        );
        let _ = writeln!(m, "- 收到补正：{}", opt_date(c.received_on));
        if let Some(x) = c.lapsed_on {
            let _ = writeln!(m, "- 逾期不补正办结：{x}");
        }
        m.push('\n');
    }
    if !l.consultations.is_empty() {
        any = true;
        let _ = writeln!(m, "### 征求意见函及答复\n");
        let _ = writeln!(
            m,
            "| 对象 | 类别 | 发函日期 | 答复期限 | 答复 | 答复日期 | 理由 |\n|---|---|---|---|---|---|---|"
        );
        for c in &l.consultations {
            let _ = writeln!(
                m,
                "| {} | {}（{}） | {} | {} | {} | {} | {} |",
                cell(&c.party),
                c.kind,
                c.article,
                c.sent_on,
                date_view(&Some(c.window_end.clone())),
                o(&c.answer),
                opt_date(c.answered_on),
                cell(&o(&c.reasons))
            );
        }
        m.push('\n');
    }
    if let Some(x) = &l.extension {
        any = true;
        let _ = writeln!(m, "### 延期答复（条例第三十三条第二款）\n");
        let _ = writeln!(
            m,
            "- 批准：{}，{}，延长 {} 个工作日",
            cell(&x.approver),
            x.approved_on,
            x.working_days
        );
        let _ = writeln!(m, "- 理由：{}", para(&x.reason));
        let _ = writeln!(m, "- 告知申请人：{}\n", x.notified_on);
    }
    if let Some(x) = &l.fee_notice {
        any = true;
        let _ = writeln!(m, "### 收费通知（国办函〔2020〕109号）\n");
        let _ = writeln!(
            m,
            "- 发出日期：{}；{} {}，{} 元",
            x.notice_on, x.method, x.count, x.amount_yuan
        );
        let _ = writeln!(
            m,
            "- 缴费期限：{}；缴费日期：{}\n",
            date_view(&x.deadline),
            opt_date(x.paid_on)
        );
    }
    if let Some(r) = &l.reply {
        any = true;
        let _ = writeln!(m, "### 答复书（条例第三十三条、第三十六条、第三十七条）\n");
        let _ = writeln!(m, "- 答复日期：{}", r.on);
        let _ = writeln!(m, "- 办理结果：{}", r.outcome_label);
        let _ = writeln!(m, "- 法律依据：{}", para(&o(&r.basis)));
        let _ = writeln!(m, "- 理由：{}", para(&o(&r.reasons)));
        if let Some(s) = &r.search_done {
            let _ = writeln!(m, "- 检索情况：{}", para(s));
        }
        if let Some(p) = &r.public_interest {
            let _ = writeln!(
                m,
                "- 第三方不同意公开，认为不公开可能对公共利益造成重大影响而决定公开（条例第三十二条）：{}",
                para(p)
            );
        }
        if let Some(a) = &r.competent_agency {
            let _ = writeln!(
                m,
                "- 负责公开的机关：{}（{}）",
                para(a),
                para(&o(&r.agency_contact))
            );
        }
        let _ = writeln!(
            m,
            "- 送达方式：{}{}",
            para(&r.delivery),
            r.tracking_no
                .as_deref()
                .map(|t| format!("（邮件号 {}）", para(t)))
                .unwrap_or_default()
        );
        if let Some(w) = r.late_working_days {
            let _ = writeln!(m, "- 逾期 {w} 个工作日答复");
        }
        let _ = writeln!(m, "- 救济途径告知：{}", r.remedy);
        m.push('\n');
    }
    if !any {
        let _ = writeln!(m, "（尚未记录任何文书）\n");
    }

    let _ = writeln!(m, "## 四、办理记录\n");
    let _ = writeln!(
        m,
        "| 序号 | 业务日期 | 事项 | 内容 | 经办人 | 记录时间 | seq | 哈希 |\n|---|---|---|---|---|---|---|---|"
    );
    for e in &f.events {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} | {} | `{}` |",
            e.index,
            e.on,
            e.label,
            cell(&e.summary),
            cell(&e.by),
            cell(&e.recorded_at),
            e.seq,
            e.hash
        );
    }

    let _ = writeln!(m, "\n## 五、核验\n");
    let _ = writeln!(
        m,
        "登记簿把全部事件按记录顺序连成哈希链：每条事件的哈希由前一条事件的哈希和本条的内容算出，任何一条事后被改动、删除或插入，链就对不上。"
    );
    let _ = writeln!(m, "\n- 哈希算法：{HASH_RULE}");
    if let Some(h) = &f.chain.register_head {
        let _ = writeln!(
            m,
            "- 导出时登记簿的最新事件：seq {}，哈希 `{}`",
            h.seq, h.hash
        );
    }
    let _ = writeln!(
        m,
        "- 本目录的 manifest.json 记有 case.json 和 case.md 的 SHA-256 及本案每条事件的哈希；SHA256SUMS 可用 `sha256sum -c SHA256SUMS` 核对。"
    );
    let _ = writeln!(
        m,
        "- 用 `disclose verify --export 本目录` 核对文件未被改动，并与登记簿逐条核对事件哈希。"
    );
    m
}

/// What [`check_export`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportCheck {
    /// The case number of the export.
    pub case_no: String,
    /// Files whose hash matched.
    pub files_ok: Vec<String>,
    /// Events whose hash was recomputed from the export itself (revealed exports only).
    pub events_recomputed: usize,
    /// Problems, one Chinese sentence each.
    pub problems: Vec<String>,
}

/// Checks an export folder: every file against `manifest.json` (and `manifest.json` against
/// `SHA256SUMS`), the events of `case.json` against the manifest, and, for a revealed export,
/// each event's hash recomputed from its stored fields.
///
/// # Errors
/// The folder has no readable `manifest.json` (not an export).
pub fn check_export(dir: &Path) -> anyhow::Result<(Manifest, ExportCheck)> {
    let manifest_bytes = std::fs::read(dir.join("manifest.json"))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)?;
    let mut check = ExportCheck {
        case_no: manifest.case_no.clone(),
        ..Default::default()
    };
    match std::fs::read_to_string(dir.join("SHA256SUMS")) {
        Ok(sums) => {
            for line in sums.lines().filter(|l| !l.trim().is_empty()) {
                let Some((hash, name)) = line.split_once("  ") else {
                    check
                        .problems
                        .push(format!("SHA256SUMS 中这一行无法识别：{line}"));
                    continue;
                };
                match std::fs::read(dir.join(name)) {
                    Ok(b) if sha256_hex(&b) == hash => {}
                    Ok(_) => check.problems.push(format!(
                        "{name} 与 SHA256SUMS 中的 SHA-256 不符：导出后被改动过"
                    )),
                    Err(e) => check.problems.push(format!("{name} 无法读取：{e}")),
                }
            }
        }
        Err(e) => check.problems.push(format!("SHA256SUMS 无法读取：{e}")),
    }
    for f in &manifest.files {
        match std::fs::read(dir.join(&f.name)) {
            Ok(b) if sha256_hex(&b) == f.sha256 && b.len() as u64 == f.bytes => {
                check.files_ok.push(f.name.clone())
            }
            Ok(_) => check.problems.push(format!(
                "{} 与清单中的 SHA-256 不符：导出后被改动过",
                f.name
            )),
            Err(e) => check.problems.push(format!("{} 无法读取：{e}", f.name)),
        }
    }
    let case_json: serde_json::Value = match std::fs::read(dir.join("case.json"))
        .map_err(anyhow::Error::from)
        .and_then(|b| Ok(serde_json::from_slice(&b)?))
    {
        Ok(v) => v,
        Err(e) => {
            check.problems.push(format!("case.json 无法读取：{e}"));
            return Ok((manifest, check));
        }
    };
    if case_json.get("case_no").and_then(|v| v.as_str()) != Some(manifest.case_no.as_str()) {
        check
            .problems
            .push("case.json 的案件编号与清单不符".to_string());
    }
    let events: Vec<ExportedEvent> = case_json
        .get("events")
        .cloned()
        .map(serde_json::from_value)
        .transpose()?
        .unwrap_or_default();
    if events.len() != manifest.events.len() {
        check.problems.push(format!(
            "case.json 有 {} 条事件，清单列了 {} 条",
            events.len(),
            manifest.events.len()
        ));
    }
    for (e, m) in events.iter().zip(&manifest.events) {
        if e.index != m.index || e.seq != m.seq || e.hash != m.hash {
            check.problems.push(format!(
                "case.json 第 {} 项事件（seq {}）与清单所列（第 {} 项，seq {}）的哈希不符",
                e.index, e.seq, m.index, m.seq
            ));
        }
        if let Some(p) = &e.stored_payload {
            let h = event_hash(
                &e.prev_hash,
                &manifest.case_no,
                e.index,
                &e.kind,
                &e.on.to_string(),
                &e.by,
                &e.recorded_at,
                p,
            );
            if h == e.hash {
                check.events_recomputed += 1;
            } else {
                check.problems.push(format!(
                    "case.json 第 {} 项事件（seq {}）的内容与其哈希不符",
                    e.index, e.seq
                ));
            }
        }
    }
    Ok((manifest, check))
}
