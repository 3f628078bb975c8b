//! The facts of each letter taken from the register (SPEC §9): a request ([`Case`]) and the
//! calendar give every fact a letter states. A letter for a step that was not recorded is
//! refused with the step to record first ([`NotRecorded`]).

use chrono::NaiveDate;

use super::LetterKind;
use super::facts::*;
use crate::calendar::{Calendar, CalendarError, Reckoned};
use crate::case::{self, Case, PartyKind, StepKind};

/// Whom a letter is addressed to, when the kind names one, and the letter a 送达回证 goes with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// The third party (`--party`).
    pub party: Option<String>,
    /// The agency (`--agency`).
    pub agency: Option<String>,
    /// For a 送达回证: the kind of the letter served and its number.
    pub service_of: Option<(LetterKind, String)>,
}

/// Why the register does not (yet) call for the letter: what is missing and, when a step of
/// `disclose` records it, that step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{why}")]
pub struct NotRecorded {
    /// What is missing, in Chinese.
    pub why: String,
    /// The step to record first, if `disclose` has one.
    pub step: Option<StepKind>,
}

fn not_recorded<T>(kind: LetterKind, what: &str, step: Option<StepKind>) -> Result<T, NotRecorded> {
    Err(NotRecorded {
        why: format!("不能制作{}：{what}", kind.short_title()),
        step,
    })
}

fn computed(r: Reckoned<NaiveDate>) -> ComputedDate {
    ComputedDate {
        date: r.value,
        provisional: r.provisional,
    }
}

fn calendar_error(kind: LetterKind, e: CalendarError) -> NotRecorded {
    NotRecorded {
        why: format!("不能制作{}：{e}", kind.short_title()),
        step: None,
    }
}

/// The applicant as the letters to the applicant name them: in full (SPEC §9).
fn applicant(case: &Case) -> Applicant {
    let a = &case.registration.applicant;
    Applicant {
        name: a.name.clone(),
        id_number: a.id_number.clone(),
        phone: a.phone.clone(),
        address: a.address.clone(),
    }
}

/// The date a letter bears: the day of the step it belongs to (the notice, the consultation
/// letter, the extension's notice, the fee notice, the reply, the closing, the receipt), so that
/// a letter printed later still says what was decided that day — a reply printed a week after
/// it was recorded is not dated as if late. The 公开告知书 (条例 Art 32) bears the reply's day:
/// the decision to disclose over the party's objection is the reply's. The 更正答复书 bears the
/// day of the answer (条例 Art 41). `None` for the 送达回证: it bears the day it is issued.
pub fn dated_on(kind: LetterKind, case: &Case, target: &Target) -> Option<NaiveDate> {
    use LetterKind as K;
    let consulted = |party: Option<&str>, agency: bool| {
        case.consultations
            .iter()
            .filter(|c| (c.party.kind == PartyKind::Agency) == agency)
            .find(|c| party.is_none_or(|p| c.party.name == p))
            .map(|c| c.sent_on)
    };
    match kind {
        K::Receipt => Some(case.received_on.unwrap_or(case.registered_on)),
        K::Correction => case.correction.as_ref().map(|c| c.notice_on),
        K::Consultation => consulted(target.party.as_deref(), false),
        K::ConsultationNotice => consulted(None, false),
        K::AgencyConsultation => consulted(target.agency.as_deref(), true),
        K::Extension => case.extension.as_ref().map(|e| e.notified_on),
        K::Fee => case.fee.as_ref().map(|f| f.notice_on),
        K::Reasons => case.reasons.as_ref().map(|r| r.asked_on),
        K::Reply | K::Closing | K::DisclosureNotice => case.conclusion.as_ref().map(|c| c.on),
        K::RecordCorrection => case.record_correction.as_ref().map(|a| a.on),
        _ => None,
    }
}

/// What the 说明理由告知书 asks the applicant to explain (条例 Art 35): the register records
/// the asking, not a text of its own, so the letter says what the article names.
pub const REASONS_TO_EXPLAIN: &str =
    "申请公开政府信息的数量、频次明显超过合理范围的理由，以及所需信息的用途";

fn application(case: &Case) -> Application {
    Application {
        case_no: case.case_no.clone(),
        received_on: case.received_on.unwrap_or(case.registered_on),
        corrected_on: case.correction.as_ref().and_then(|c| c.received_on),
        content: case.registration.content.clone(),
    }
}

/// The fee's bands by 国办函〔2020〕109号 Art 4–5: by item, 1–10 free, 11–30 at 100 元, then
/// each band of 10 at 100 元 more; by page, 1–30 free, 31–100 at 10 元, 101–200 at 20 元, 201
/// and above at 40 元. Free bands are left out.
pub fn fee_bands(method: case::fee::FeeMethod, count: u32) -> Vec<FeeBand> {
    let mut bands: Vec<(u32, u32, u64)> = Vec::new();
    match method {
        case::fee::FeeMethod::ByItem => {
            bands.push((11, 30, 100));
            let mut k = 1u32;
            while 21 + 10 * k <= count {
                bands.push((21 + 10 * k, 30 + 10 * k, 100 * u64::from(k + 1)));
                k += 1;
            }
        }
        case::fee::FeeMethod::ByPage => {
            bands.extend([(31, 100, 10), (101, 200, 20), (201, u32::MAX, 40)]);
        }
    }
    bands
        .into_iter()
        .filter(|(from, _, _)| *from <= count)
        .map(|(from, to, rate)| {
            let to = to.min(count);
            FeeBand {
                from,
                to,
                rate_yuan: rate,
                subtotal_yuan: u64::from(to - from + 1) * rate,
            }
        })
        .collect()
}

/// The bands one application pays (国办函〔2020〕109号 Art 4–5, SPEC §6): by page, the bands of
/// its pages ([`fee_bands`]); by item, only its own places `count - places + 1 ..= count` of the
/// applicant's month at their rates — the 12th application pays 100 元, not the 11th's and the
/// 12th's together. The subtotals add up to [`case::fee::item_amount`].
pub fn application_bands(method: case::fee::FeeMethod, count: u32, places: u32) -> Vec<FeeBand> {
    let first = match method {
        case::fee::FeeMethod::ByItem => count.saturating_sub(places.max(1)) + 1,
        case::fee::FeeMethod::ByPage => 1,
    };
    fee_bands(method, count)
        .into_iter()
        .filter(|b| b.to >= first)
        .map(|b| {
            let from = b.from.max(first);
            FeeBand {
                from,
                subtotal_yuan: u64::from(b.to - from + 1) * b.rate_yuan,
                ..b
            }
        })
        .collect()
}

/// The facts of a letter of `kind` for the request `case`, as of `as_of`, on the calendar `cal`.
///
/// # Errors
/// [`NotRecorded`] when the step the letter belongs to is not recorded (a 补正告知书 without a
/// correction notice, a reply letter before the reply, a party never consulted …), naming the
/// step to record first.
pub fn facts_for(
    kind: LetterKind,
    case: &Case,
    cal: &Calendar,
    target: &Target,
) -> Result<LetterFacts, NotRecorded> {
    use LetterKind as K;
    let ce = |e| calendar_error(kind, e);
    // 条例 Art 41: a correction-of-record request has its own letter only (and the 送达回证).
    if case.is_record_correction() && !matches!(kind, K::RecordCorrection | K::Service) {
        return not_recorded(
            kind,
            &format!(
                "{} 是更正申请（条例第四十一条），不是政府信息公开申请；更正申请的文书是更正答复书：disclose letter {} record-correction",
                case.case_no, case.case_no
            ),
            None,
        );
    }
    Ok(match kind {
        K::Receipt => {
            let Some(start) = case.received_on else {
                return not_recorded(
                    kind,
                    "这封平常信函尚未与申请人确认收到，收到申请之日未定（条例第三十一条）",
                    Some(StepKind::ConfirmReceipt),
                );
            };
            let due = cal
                .add_working_days(start, case::clock::REPLY_PERIOD_WD)
                .map_err(ce)?;
            LetterFacts::Receipt(ReceiptFacts {
                applicant: applicant(case),
                application: Application {
                    corrected_on: None,
                    ..application(case)
                },
                reply_period_wd: case::clock::REPLY_PERIOD_WD,
                reply_due: computed(due),
            })
        }
        K::Correction => {
            let Some(c) = &case.correction else {
                return not_recorded(
                    kind,
                    "本申请没有记录补正通知",
                    Some(StepKind::CorrectionNotice),
                );
            };
            LetterFacts::Correction(CorrectionFacts {
                applicant: applicant(case),
                // As of the notice: the corrected application had not arrived.
                application: Application {
                    corrected_on: None,
                    ..application(case)
                },
                items: split_items(&c.items),
                period_wd: c.period_wd,
            })
        }
        K::Consultation | K::DisclosureNotice => {
            let Some(name) = target.party.as_deref() else {
                return not_recorded(kind, "请用 --party 指明第三方", None);
            };
            let consulted = case
                .consultations
                .iter()
                .find(|c| c.party.kind == PartyKind::ThirdParty && c.party.name == name);
            if consulted.is_none() {
                return not_recorded(
                    kind,
                    &format!("本申请没有向第三方“{name}”征求意见的记录"),
                    Some(StepKind::ConsultationSent),
                );
            }
            if kind == K::DisclosureNotice {
                objected_party(case, name)?;
            }
            let party = ThirdParty { name: name.into() };
            let received_on = application(case).received_on;
            if kind == K::Consultation {
                LetterFacts::Consultation(ConsultationFacts {
                    case_no: case.case_no.clone(),
                    received_on,
                    party,
                    information: case.registration.content.clone(),
                    concern: "该信息可能涉及您（单位）的商业秘密、个人隐私等合法权益。".into(),
                    period_wd: case::clock::CONSULTATION_WINDOW_WD,
                })
            } else {
                let reply = case.conclusion.as_ref().and_then(|c| c.reply.as_ref());
                let Some(reasons) = reply.and_then(|r| r.public_interest.clone()) else {
                    return not_recorded(
                        kind,
                        "答复中没有记录因公共利益决定公开（第三方不同意公开时，答复须写明 --public-interest 理由，条例第三十二条）",
                        Some(StepKind::Reply),
                    );
                };
                LetterFacts::DisclosureNotice(DisclosureNoticeFacts {
                    case_no: case.case_no.clone(),
                    received_on,
                    party,
                    information: case.registration.content.clone(),
                    reasons,
                })
            }
        }
        K::ConsultationNotice => {
            let Some(c) = case.consultations.first() else {
                return not_recorded(
                    kind,
                    "本申请没有征求意见的记录",
                    Some(StepKind::ConsultationSent),
                );
            };
            LetterFacts::ConsultationNotice(ConsultationNoticeFacts {
                applicant: applicant(case),
                application: application(case),
                sent_on: c.sent_on,
                period_wd: case::clock::CONSULTATION_WINDOW_WD,
            })
        }
        K::AgencyConsultation => {
            let Some(name) = target.agency.as_deref() else {
                return not_recorded(kind, "请用 --agency 指明征求意见的机关", None);
            };
            if !case
                .consultations
                .iter()
                .any(|c| c.party.kind == PartyKind::Agency && c.party.name == name)
            {
                return not_recorded(
                    kind,
                    &format!("本申请没有向机关“{name}”征求意见的记录"),
                    Some(StepKind::ConsultationSent),
                );
            }
            LetterFacts::AgencyConsultation(AgencyConsultationFacts {
                case_no: case.case_no.clone(),
                received_on: application(case).received_on,
                agency: name.into(),
                information: case.registration.content.clone(),
                period_wd: case::clock::CONSULTATION_WINDOW_WD,
            })
        }
        K::Extension => {
            let Some(x) = case.extension_in_force() else {
                return not_recorded(kind, "本申请没有记录延期答复", Some(StepKind::Extension));
            };
            let dl = case::deadlines(case, cal, x.on).map_err(ce)?;
            let (Some(before), Some(after)) = (dl.reply_due_before_extension, dl.reply_due) else {
                return not_recorded(kind, "答复期限尚未起算", None);
            };
            LetterFacts::Extension(ExtensionFacts {
                applicant: applicant(case),
                application: application(case),
                extension_wd: x.working_days,
                original_due: computed(before),
                new_due: computed(after),
                approver: x.approver.clone(),
                reason: extension_reason(&x.reason),
            })
        }
        K::Reasons => {
            if case.reasons.is_none() {
                return not_recorded(
                    kind,
                    "本申请没有记录要求申请人说明理由（条例第三十五条）",
                    Some(StepKind::ReasonsAsked),
                );
            }
            LetterFacts::Reasons(ReasonsFacts {
                applicant: applicant(case),
                application: application(case),
                to_explain: REASONS_TO_EXPLAIN.to_string(),
                period_wd: case::period::REASONS_EXPLANATION.wd,
            })
        }
        K::RecordCorrection => record_correction_facts(case)?,
        K::Fee => {
            let Some(f) = &case.fee else {
                return not_recorded(kind, "本申请没有记录收费通知", Some(StepKind::FeeNotice));
            };
            LetterFacts::Fee(FeeFacts {
                applicant: applicant(case),
                application: application(case),
                method: match f.method {
                    case::fee::FeeMethod::ByItem => FeeMethod::ByItem,
                    case::fee::FeeMethod::ByPage => FeeMethod::ByPage,
                },
                count: f.count,
                places: case::fee::places_of(case),
                bands: application_bands(f.method, f.count, case::fee::places_of(case)),
                amount_yuan: f.amount_yuan,
                period_wd: case::clock::FEE_PERIOD_WD,
            })
        }
        K::Reply => reply_facts(case)?,
        K::Closing => {
            let c = case.conclusion.as_ref();
            let code = c.map(|c| c.outcome.code()).unwrap_or_default();
            let (reason, notice_on, period_wd) = match (code.as_str(), &case.correction, &case.fee)
            {
                ("6.1", Some(k), _) => (ClosingReason::NotCorrected, k.notice_on, k.period_wd),
                ("6.2", _, Some(f)) => (
                    ClosingReason::FeeNotPaid,
                    f.notice_on,
                    case::clock::FEE_PERIOD_WD,
                ),
                _ => {
                    return not_recorded(
                        kind,
                        "本申请没有因逾期不补正或逾期未缴费而终止处理（（六）1、（六）2）",
                        Some(if case.fee.is_some() {
                            StepKind::FeeLapsed
                        } else {
                            StepKind::CorrectionLapsed
                        }),
                    );
                }
            };
            LetterFacts::Closing(ClosingFacts {
                applicant: applicant(case),
                application: application(case),
                reason,
                notice_on,
                period_wd,
            })
        }
        K::Service => {
            let Some((letter, number)) = target.service_of.clone() else {
                return not_recorded(
                    kind,
                    "请用 --letter 指明所送达的文书（须先出具该文书）",
                    None,
                );
            };
            let (addressee, address) = if letter.to_applicant() {
                (
                    case.registration.applicant.name.clone(),
                    case.registration.applicant.address.clone(),
                )
            } else {
                (
                    target
                        .party
                        .clone()
                        .or(target.agency.clone())
                        .unwrap_or_default(),
                    None,
                )
            };
            let reply = case.conclusion.as_ref().and_then(|c| c.reply.as_ref());
            let method = match (letter, reply) {
                (K::Reply, Some(r)) => match &r.tracking_no {
                    Some(t) => format!("{}（{t}）", r.delivery),
                    None => r.delivery.clone(),
                },
                _ => case
                    .registration
                    .delivery
                    .clone()
                    .unwrap_or_else(|| "（由送达人填写）".into()),
            };
            LetterFacts::Service(ServiceFacts {
                case_no: case.case_no.clone(),
                letter,
                letter_number: number,
                addressee,
                address,
                method,
                served_on: None,
                server: None,
                note: None,
            })
        }
    })
}

/// Whether the third party `name` objected (不同意公开): the 公开告知书 goes only to a party that
/// objected when the agency discloses anyway (条例 Art 32); for any other party it is refused,
/// naming the parties that did object, or saying none did.
fn objected_party(case: &Case, name: &str) -> Result<(), NotRecorded> {
    let objected = |c: &&case::Consultation| {
        c.party.kind == PartyKind::ThirdParty
            && c.answer
                .as_ref()
                .is_some_and(|a| a.answer == case::Answer::Object)
    };
    if case
        .consultations
        .iter()
        .filter(objected)
        .any(|c| c.party.name == name)
    {
        return Ok(());
    }
    let mut objectors: Vec<&str> = Vec::new();
    for c in case.consultations.iter().filter(objected) {
        if !objectors.contains(&c.party.name.as_str()) {
            objectors.push(&c.party.name);
        }
    }
    let who = if objectors.is_empty() {
        "本申请征求意见的第三方都没有不同意公开".to_string()
    } else {
        format!(
            "不同意公开的第三方是：{}",
            objectors
                .iter()
                .map(|p| format!("“{p}”"))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    not_recorded(
        LetterKind::DisclosureNotice,
        &format!(
            "第三方“{name}”没有不同意公开；公开告知书只发给不同意公开、而本机关仍决定公开的第三方（条例第三十二条）。{who}"
        ),
        None,
    )
}

/// The 更正答复书's facts from the recorded answer of a correction-of-record request (条例 Art
/// 41): refused for a disclosure request, naming its reply letter instead, and before the answer
/// is recorded, naming that step.
fn record_correction_facts(case: &Case) -> Result<LetterFacts, NotRecorded> {
    let kind = LetterKind::RecordCorrection;
    if !case.is_record_correction() {
        return not_recorded(
            kind,
            &format!(
                "{} 是政府信息公开申请，不是更正申请（条例第四十一条）；政府信息公开申请的答复文书是答复书：disclose letter {} reply",
                case.case_no, case.case_no
            ),
            None,
        );
    }
    let Some(a) = &case.record_correction else {
        return not_recorded(
            kind,
            "本更正申请尚未记录处理结果（更正答复）",
            Some(StepKind::RecordCorrectionReply),
        );
    };
    let r = &a.reply;
    let agency = || OtherAgency {
        name: r.agency.clone().unwrap_or_default(),
        contact: r.agency_contact.clone().unwrap_or_default(),
    };
    let end = match r.end {
        case::CorrectionEnd::Corrected => RecordCorrectionEnd::Corrected,
        case::CorrectionEnd::Forwarded => RecordCorrectionEnd::Forwarded { agency: agency() },
        case::CorrectionEnd::Redirected => RecordCorrectionEnd::Redirected { agency: agency() },
        case::CorrectionEnd::Refused => RecordCorrectionEnd::Refused {
            reasons: r.reasons.clone().unwrap_or_default(),
        },
    };
    Ok(LetterFacts::RecordCorrection(RecordCorrectionFacts {
        applicant: applicant(case),
        case_no: case.case_no.clone(),
        received_on: application(case).received_on,
        record: case.registration.content.clone(),
        end,
    }))
}

/// The reply letter's facts from the recorded reply (条例 Art 33, 36, 37).
fn reply_facts(case: &Case) -> Result<LetterFacts, NotRecorded> {
    let kind = LetterKind::Reply;
    let Some(r) = case.conclusion.as_ref().and_then(|c| c.reply.as_ref()) else {
        return not_recorded(kind, "本申请尚未记录答复", Some(StepKind::Reply));
    };
    let code = r.outcome.code();
    let content = case.registration.content.clone();
    let reasons = r.reasons.clone().unwrap_or_default();
    let provided = Some(Provision {
        description: content.clone(),
        how: r.delivery.clone(),
    });
    let mut f = ReplyFacts {
        applicant: applicant(case),
        application: application(case),
        outcome: code.clone(),
        provided: None,
        already_public_at: None,
        withheld: None,
        search: None,
        competent_agency: None,
        explanation: None,
    };
    match r.outcome.group {
        1 => f.provided = provided,
        2 => {
            let category = r
                .basis
                .as_deref()
                .map(str::trim)
                .filter(|b| b.starts_with("3."))
                .map(str::to_string);
            let Some(category) = category else {
                return not_recorded(
                    kind,
                    "部分公开的答复须记录不予公开部分的类别（3.1至3.8之一，记在答复的 --basis）",
                    Some(StepKind::Amend),
                );
            };
            f.provided = provided;
            f.withheld = Some(Withheld {
                description: content,
                category,
                reasons,
            });
        }
        3 => {
            f.withheld = Some(Withheld {
                description: content,
                category: code,
                reasons,
            })
        }
        4 if r.outcome.item == 1 => {
            f.search = r.search_done.clone();
            f.competent_agency = r.competent_agency.clone().map(|name| OtherAgency {
                name,
                contact: r.agency_contact.clone().unwrap_or_default(),
            });
            f.explanation = r.reasons.clone();
        }
        _ => f.explanation = r.reasons.clone(),
    }
    Ok(LetterFacts::Reply(f))
}

/// The recorded reason of an extension (条例 Art 33 ¶2) as the clause the 延期答复告知书 puts
/// after its “因”: without a leading 因为/因/由于 and without closing punctuation.
fn extension_reason(recorded: &str) -> String {
    let r = recorded.trim();
    let r = ["因为", "由于", "因"]
        .iter()
        .find_map(|p| r.strip_prefix(p))
        .unwrap_or(r);
    r.trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '.', '！', '!'])
        .trim_end()
        .to_string()
}

/// The items of a correction notice, one per line or separated by ；/;.
fn split_items(items: &str) -> Vec<String> {
    items
        .split(['\n', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The letters the recorded steps of `case` call for, with the party or agency each names.
pub fn called_for(case: &Case) -> Vec<(LetterKind, Option<String>)> {
    use LetterKind as K;
    if case.is_record_correction() {
        // 条例 Art 41: the answer's letter, once the end is recorded.
        return case
            .record_correction
            .iter()
            .map(|_| (K::RecordCorrection, None))
            .collect();
    }
    let mut v = Vec::new();
    if case.received_on.is_some() {
        v.push((K::Receipt, None));
    }
    if case.correction.is_some() {
        v.push((K::Correction, None));
    }
    for c in &case.consultations {
        match c.party.kind {
            PartyKind::ThirdParty => v.push((K::Consultation, Some(c.party.name.clone()))),
            PartyKind::Agency => v.push((K::AgencyConsultation, Some(c.party.name.clone()))),
        }
    }
    if case
        .consultations
        .iter()
        .any(|c| c.party.kind == PartyKind::ThirdParty)
    {
        v.push((K::ConsultationNotice, None));
    }
    if case.extension_in_force().is_some() {
        v.push((K::Extension, None));
    }
    if case.fee.is_some() {
        v.push((K::Fee, None));
    }
    if case.reasons.is_some() {
        v.push((K::Reasons, None));
    }
    if let Some(c) = &case.conclusion {
        if let Some(r) = &c.reply {
            v.push((K::Reply, None));
            if r.public_interest.is_some() {
                for c in &case.consultations {
                    if c.party.kind == PartyKind::ThirdParty
                        && c.answer
                            .as_ref()
                            .is_some_and(|a| a.answer == case::Answer::Object)
                    {
                        v.push((K::DisclosureNotice, Some(c.party.name.clone())));
                    }
                }
            }
        }
        if matches!(c.outcome.code().as_str(), "6.1" | "6.2") {
            v.push((K::Closing, None));
        }
    }
    v
}

#[cfg(test)]
mod tests;
