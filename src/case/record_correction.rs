//! Correction of records about oneself (更正申请, 条例 Art 41; SPEC.md §8): a person with evidence
//! that government information about them held by the agency is inaccurate asks for it to be
//! corrected. It is registered like an application (the same channels, receipt date and
//! applicant) but it is **not** a disclosure request (政府信息公开申请): it is not counted in
//! table 三 of the annual report, and none of the disclosure steps (consultation, fee, extension,
//! draft and approval of a disclosure reply, Art 35 reasons) apply to it.
//!
//! Its ends (SPEC §8): corrected and told (更正并告知); forwarded to the agency with the power to
//! correct (转送); told to apply to that agency (告知向有权机关提出); refused with reasons (不予更正).
//! The regulation sets no period for it; the office applies the 20 working days of a reply
//! (条例 Art 33 ¶1), and says so where the period is shown ([`PERIOD_NOTE`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{Step, StepKind as K};
use super::rules::{Gate, Refusal, refuse};
use super::{Case, Outcome, State, closing};

/// What kind of request a registration is (申请类别): a disclosure request (政府信息公开申请,
/// 条例 Art 27–37), the default, or a request to correct a record about the applicant (更正申请,
/// 条例 Art 41).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// 政府信息公开申请 (条例 Art 27): counted in table 三.
    #[default]
    Disclosure,
    /// 更正申请 (条例 Art 41): not counted in table 三.
    RecordCorrection,
}

impl RequestKind {
    /// Every kind.
    pub const ALL: [RequestKind; 2] = [RequestKind::Disclosure, RequestKind::RecordCorrection];

    /// The command-line and JSON name: `disclosure`, `record-correction`.
    pub fn name(&self) -> &'static str {
        match self {
            RequestKind::Disclosure => "disclosure",
            RequestKind::RecordCorrection => "record-correction",
        }
    }

    /// The Chinese name: 政府信息公开申请, 更正申请.
    pub fn label(&self) -> &'static str {
        match self {
            RequestKind::Disclosure => "政府信息公开申请",
            RequestKind::RecordCorrection => "更正申请",
        }
    }

    /// Whether this is a disclosure request (the default, not written in the event).
    pub fn is_disclosure(&self) -> bool {
        *self == RequestKind::Disclosure
    }

    /// Parses a name or a Chinese name (also 公开申请, 依申请公开; 更正, 政府信息更正申请).
    ///
    /// # Errors
    /// A message listing the accepted names.
    pub fn parse(s: &str) -> Result<RequestKind, String> {
        let t = s.trim();
        RequestKind::ALL
            .into_iter()
            .find(|k| k.name() == t || k.label() == t)
            .or(match t {
                "公开申请" | "依申请公开" => Some(RequestKind::Disclosure),
                "更正" | "政府信息更正申请" | "更正个人信息" => {
                    Some(RequestKind::RecordCorrection)
                }
                _ => None,
            })
            .ok_or_else(|| {
                format!(
                    "不认识的申请类别“{s}”：可用 disclosure（政府信息公开申请，默认）、record-correction（更正申请，条例第四十一条）"
                )
            })
    }
}

/// The end of a correction-of-record request (更正申请的处理结果, 条例 Art 41; SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorrectionEnd {
    /// 更正并告知: the agency has the power to correct, the evidence holds; corrected and the
    /// applicant told.
    Corrected,
    /// 转送: the agency has no power to correct; the request is forwarded to the agency that has.
    Forwarded,
    /// 告知向有权机关提出: the agency has no power to correct; the applicant is told to apply to
    /// the agency that has.
    Redirected,
    /// 不予更正: not corrected, with reasons.
    Refused,
}

impl CorrectionEnd {
    /// Every end, in the order of SPEC §8.
    pub const ALL: [CorrectionEnd; 4] = [
        CorrectionEnd::Corrected,
        CorrectionEnd::Forwarded,
        CorrectionEnd::Redirected,
        CorrectionEnd::Refused,
    ];

    /// The command-line and JSON name: `corrected`, `forwarded`, `redirected`, `refused`.
    pub fn name(&self) -> &'static str {
        match self {
            CorrectionEnd::Corrected => "corrected",
            CorrectionEnd::Forwarded => "forwarded",
            CorrectionEnd::Redirected => "redirected",
            CorrectionEnd::Refused => "refused",
        }
    }

    /// The Chinese label, verbatim from SPEC §8.
    pub fn label(&self) -> &'static str {
        match self {
            CorrectionEnd::Corrected => "更正并告知",
            CorrectionEnd::Forwarded => "转送",
            CorrectionEnd::Redirected => "告知向有权机关提出",
            CorrectionEnd::Refused => "不予更正",
        }
    }

    /// Whether the end names the agency with the power to correct (转送, 告知向有权机关提出).
    pub fn names_agency(&self) -> bool {
        matches!(self, CorrectionEnd::Forwarded | CorrectionEnd::Redirected)
    }

    /// Parses a name or a Chinese label (also 予以更正, 已更正, 转送有权机关, 不更正).
    ///
    /// # Errors
    /// A message listing the accepted names.
    pub fn parse(s: &str) -> Result<CorrectionEnd, String> {
        let t = s.trim();
        CorrectionEnd::ALL
            .into_iter()
            .find(|e| e.name() == t || e.label() == t)
            .or(match t {
                "予以更正" | "已更正" | "更正" => Some(CorrectionEnd::Corrected),
                "转送有权机关" => Some(CorrectionEnd::Forwarded),
                "告知" | "告知向有权机关申请" => Some(CorrectionEnd::Redirected),
                "不更正" => Some(CorrectionEnd::Refused),
                _ => None,
            })
            .ok_or_else(|| {
                format!(
                    "不认识的更正申请处理结果“{s}”：可用 corrected（更正并告知）、forwarded（转送）、redirected（告知向有权机关提出）、refused（不予更正）"
                )
            })
    }
}

/// How the office answers a correction-of-record request (更正答复, 条例 Art 41): its end and what
/// that end must state, and how the answer was served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCorrectionReply {
    /// The end.
    pub end: CorrectionEnd,
    /// For 转送 and 告知向有权机关提出: the agency with the power to correct (有权更正的机关).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// That agency's contact (联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_contact: Option<String>,
    /// For 不予更正: the reasons (理由).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// How the answer was served (邮寄 / 当面 / 电子邮件 / …).
    pub delivery: String,
    /// The day the applicant received it (送达日期), when known at sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// Tracking number of the letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_no: Option<String>,
}

/// The answer as recorded, with its date (the day the request was concluded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCorrectionAnswer {
    /// The answer's date.
    pub on: NaiveDate,
    /// The answer.
    #[serde(flatten)]
    pub reply: RecordCorrectionReply,
}

impl RecordCorrectionAnswer {
    /// The day the applicant received the answer: the recorded served date, or, for an answer
    /// handed over in person, its own date (SPEC §8).
    pub fn served_date(&self) -> Option<NaiveDate> {
        self.reply
            .served_on
            .or(super::event::handed_over(&self.reply.delivery).then_some(self.on))
    }
}

/// Where the period of a correction-of-record request is shown: the regulation sets none
/// (条例 Art 41), the office applies the reply's 20 working days (条例 Art 33 ¶1; SPEC §8).
pub const PERIOD_NOTE: &str =
    "条例第四十一条未规定更正申请的答复期限，本机关参照条例第三十三条答复期限按 20 个工作日办理";

/// The steps a correction-of-record request can have: the registration's own (confirmation of
/// receipt, hand-off, withdrawal), its answer, and what follows any concluded request (archive,
/// appeals, amendments, letters). None of the disclosure procedure's steps (条例 Art 30, 32–37;
/// 109号).
pub fn allowed(kind: K) -> bool {
    matches!(
        kind,
        K::Register
            | K::ConfirmReceipt
            | K::Assign
            | K::RecordCorrectionReply
            | K::Withdraw
            | K::Archive
            | K::Amend
            | K::AppealFiled
            | K::AppealDecided
            | K::LetterIssued
    )
}

/// The legal next steps of a correction-of-record request.
pub(super) fn next_steps(case: &Case) -> Vec<K> {
    let mut v = match case.state {
        State::AwaitingConfirmation => vec![K::ConfirmReceipt, K::Withdraw],
        State::Concluded => vec![K::Archive, K::AppealFiled],
        State::Archived => vec![K::AppealFiled],
        _ => vec![K::RecordCorrectionReply, K::Assign, K::Withdraw],
    };
    if case.appeals.iter().any(|a| a.result.is_none()) {
        v.push(K::AppealDecided);
    }
    if case.state != State::Archived {
        v.push(K::Amend);
    }
    v
}

/// A step of the disclosure procedure on a correction-of-record request, or the answer of a
/// correction-of-record request on a disclosure request: refused, naming the steps this request
/// can have (条例 Art 41).
pub(super) fn check_kind(g: &Gate<'_>, step: &Step) -> Result<(), Refusal> {
    let kind = step.kind();
    let case = g.case;
    // The answer's served date learned later (条例 Art 41 answer; its appeal periods run from
    // it) is recorded as a disclosure reply's is: `served --letter reply`.
    let reply_served = matches!(
        step,
        Step::Served {
            letter: super::event::ServedLetter::Reply,
            ..
        }
    );
    match case.registration.kind {
        RequestKind::RecordCorrection if !allowed(kind) && !reply_served => refuse(
            format!(
                "不能记录“{}”：{} 是更正申请（条例第四十一条），不是政府信息公开申请，没有这一步骤；更正申请以更正答复办结",
                kind.label(),
                case.case_no
            ),
            g.next(),
        ),
        RequestKind::Disclosure if kind == K::RecordCorrectionReply => refuse(
            format!(
                "不能记录“{}”：{} 是政府信息公开申请，不是更正申请（条例第四十一条）；政府信息公开申请以答复（disclose reply）办结",
                kind.label(),
                case.case_no
            ),
            g.next(),
        ),
        _ => Ok(()),
    }
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// The answer of a correction-of-record request (条例 Art 41): while it is in progress; 转送 and
/// 告知向有权机关提出 name the agency with the power to correct and its contact; 不予更正 gives
/// its reasons; the way it is served is stated.
pub(super) fn check(g: &Gate<'_>, r: &RecordCorrectionReply) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    let mut missing = Vec::new();
    if r.end.names_agency() {
        if blank(&r.agency) {
            missing.push("有权更正的机关名称（--agency）");
        }
        if blank(&r.agency_contact) {
            missing.push("该机关的联系方式（--agency-contact）");
        }
    }
    if r.end == CorrectionEnd::Refused && blank(&r.reasons) {
        missing.push("不予更正的理由（--reasons）");
    }
    if r.delivery.trim().is_empty() {
        missing.push("送达方式（--delivery）");
    }
    if !missing.is_empty() {
        return refuse(
            format!(
                "以“{}”答复更正申请，须写明{}（条例第四十一条）",
                r.end.label(),
                missing.join("、")
            ),
            vec![],
        );
    }
    super::service::check_at_sending(g, r.served_on)
}

/// The answer recorded: the request is concluded on `on`. Its conclusion carries （六）3 其他
/// only because every conclusion has an outcome; a correction-of-record request is never counted
/// in table 三 (see [`crate::report::annual::rows_of`]), and its end is [`Case::record_correction`].
pub(super) fn apply(c: &mut Case, on: NaiveDate, r: &RecordCorrectionReply) {
    c.record_correction = Some(RecordCorrectionAnswer {
        on,
        reply: r.clone(),
    });
    closing::conclude(c, on, Outcome::OTHER, None, Some(r.end.label().to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §8: the four ends, their labels verbatim, and their names parsed back.
    #[test]
    fn art41_four_ends() {
        let labels: Vec<&str> = CorrectionEnd::ALL.iter().map(|e| e.label()).collect();
        assert_eq!(
            labels,
            ["更正并告知", "转送", "告知向有权机关提出", "不予更正"]
        );
        for e in CorrectionEnd::ALL {
            assert_eq!(CorrectionEnd::parse(e.name()), Ok(e));
            assert_eq!(CorrectionEnd::parse(e.label()), Ok(e));
        }
        assert!(CorrectionEnd::parse("同意").is_err());
    }

    /// 条例 Art 41: the request kind parsed from its name, its Chinese name and aliases.
    #[test]
    fn art41_request_kind() {
        assert_eq!(
            RequestKind::parse("record-correction"),
            Ok(RequestKind::RecordCorrection)
        );
        assert_eq!(
            RequestKind::parse("更正申请"),
            Ok(RequestKind::RecordCorrection)
        );
        assert_eq!(
            RequestKind::parse("disclosure"),
            Ok(RequestKind::Disclosure)
        );
        assert_eq!(RequestKind::default(), RequestKind::Disclosure);
        assert!(RequestKind::parse("complaint").is_err());
    }

    use crate::case::tests::{cal, d, ev, fold, registration, step_of};
    use crate::case::{Channel, StepKind, apply, check, next_steps};

    fn correction_request() -> Vec<crate::case::Event> {
        let mut r = registration(Channel::InPerson, false);
        r.kind = RequestKind::RecordCorrection;
        vec![ev("2026-03-02", Step::Register(Box::new(r)))]
    }

    fn answer(end: CorrectionEnd) -> RecordCorrectionReply {
        RecordCorrectionReply {
            end,
            agency: None,
            agency_contact: None,
            reasons: None,
            delivery: "邮寄".into(),
            served_on: None,
            tracking_no: None,
        }
    }

    /// 条例 Art 41: a registration written before the kind existed reads as a disclosure
    /// request, and a disclosure request's registration is written as before (its hash
    /// unchanged); a correction is written with `request_kind`.
    #[test]
    fn art41_registration_reads_and_writes_unchanged() {
        let r = registration(Channel::InPerson, false);
        let json = serde_json::to_value(&r).unwrap();
        assert!(json.get("request_kind").is_none(), "{json}");
        let back: crate::case::Registration = serde_json::from_value(json).unwrap();
        assert_eq!(back.kind, RequestKind::Disclosure);
        let e = &correction_request()[0];
        let json = serde_json::to_string(e).unwrap();
        assert!(
            json.contains(r#""request_kind":"record-correction""#),
            "{json}"
        );
        let back: crate::case::Event = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, e);
    }

    /// 条例 Art 41, SPEC §8: a correction of records has none of the disclosure steps; the
    /// steps it has are exactly those offered, and its answer concludes it.
    #[test]
    fn art41_only_its_own_steps() {
        let events = correction_request();
        let case = fold(&events);
        assert!(case.is_record_correction());
        assert!(case.needs_correction.is_empty());
        let on = d("2026-03-03");
        let offered = next_steps(&case, cal(), on);
        assert_eq!(
            offered,
            [K::RecordCorrectionReply, K::Assign, K::Withdraw, K::Amend]
        );
        for k in StepKind::ALL {
            if matches!(k, K::Register | K::Amend | K::LetterIssued) {
                continue;
            }
            let got = check(Some(&case), &ev("2026-03-03", step_of(k)), cal(), on);
            // Every step offered is accepted; every disclosure step is refused as such,
            // offering only the steps it has.
            if offered.contains(&k) {
                assert_eq!(got, Ok(()), "{k:?}");
            }
            if !allowed(k) {
                let r = got.unwrap_err();
                assert!(
                    r.message.contains("是更正申请（条例第四十一条）"),
                    "{k:?}: {r:?}"
                );
                assert_eq!(r.next, offered, "{k:?}");
            }
        }
        let e = ev(
            "2026-03-03",
            Step::RecordCorrectionReply(Box::new(answer(CorrectionEnd::Corrected))),
        );
        let after = apply(Some(case), &e).unwrap();
        assert_eq!(after.state, State::Concluded);
        assert_eq!(after.stage_label(false), "已答复");
        let a = after.record_correction.as_ref().unwrap();
        assert_eq!(
            (a.on, a.reply.end),
            (d("2026-03-03"), CorrectionEnd::Corrected)
        );
    }

    /// 条例 Art 41: 转送 and 告知向有权机关提出 name the agency and its contact; 不予更正 its
    /// reasons.
    #[test]
    fn art41_each_end_states_what_it_must() {
        let case = fold(&correction_request());
        let on = d("2026-03-03");
        let try_ = |r: RecordCorrectionReply| {
            check(
                Some(&case),
                &ev("2026-03-03", Step::RecordCorrectionReply(Box::new(r))),
                cal(),
                on,
            )
        };
        for end in [CorrectionEnd::Forwarded, CorrectionEnd::Redirected] {
            let r = try_(answer(end)).unwrap_err();
            assert_eq!(
                r.message,
                format!(
                    "以“{}”答复更正申请，须写明有权更正的机关名称（--agency）、该机关的联系方式（--agency-contact）（条例第四十一条）",
                    end.label()
                )
            );
            let mut ok = answer(end);
            ok.agency = Some("根河市民政局".into());
            ok.agency_contact = Some("0470-5211111".into());
            assert_eq!(try_(ok), Ok(()));
        }
        let r = try_(answer(CorrectionEnd::Refused)).unwrap_err();
        assert_eq!(
            r.message,
            "以“不予更正”答复更正申请，须写明不予更正的理由（--reasons）（条例第四十一条）"
        );
        let mut ok = answer(CorrectionEnd::Refused);
        ok.reasons = Some("证据不足".into());
        assert_eq!(try_(ok), Ok(()));
    }
}
