//! The one-line Chinese summary of each event, for the timeline.

use std::collections::BTreeMap;

use crate::case::{Amendment, Answer, Event, PartyKind, Step};

/// The summary of the event at `index` (0-based) of a request's `events`, in order: as
/// [`summarize`], and for an amendment (更正) each field's value before it beside the new one
/// (`联系电话 138****5678 → 139****4321`, masked unless `reveal`; SPEC.md §7).
pub fn summarize_at(events: &[Event], index: usize, reveal: bool) -> String {
    match &events[index].step {
        Step::Amend(a) => describe_amendment(
            a,
            crate::case::amendment::previous_values(events, index),
            reveal,
        ),
        other => summarize(other, reveal),
    }
}

/// An amendment in words: `更正第 1 项：申请人姓名 白玉林 → 白玉琳；原因：…`, the old values when
/// known (`before`: the target's date and the fields' values before the amendment).
fn describe_amendment(
    a: &Amendment,
    before: Option<(chrono::NaiveDate, BTreeMap<String, serde_json::Value>)>,
    reveal: bool,
) -> String {
    let shown = |k: &str, v: &serde_json::Value| -> String {
        let mut one = serde_json::json!({ k: v });
        if !reveal {
            crate::report::export::mask_personal(&mut one);
        }
        match &one[k] {
            serde_json::Value::Null => "（空）".to_string(),
            serde_json::Value::String(s) if s.is_empty() => "（空）".to_string(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Bool(true) => "是".to_string(),
            serde_json::Value::Bool(false) => "否".to_string(),
            other => other.to_string(),
        }
    };
    let mut parts = Vec::new();
    if let Some(d) = a.on {
        match &before {
            Some((old, _)) => parts.push(format!("日期 {old} → {d}")),
            None => parts.push(format!("日期改为 {d}")),
        }
    }
    for (k, v) in &a.set {
        let label = crate::case::amendment::field_label(k);
        match before.as_ref().and_then(|(_, old)| old.get(k)) {
            Some(old) => parts.push(format!("{label} {} → {}", shown(k, old), shown(k, v))),
            None => parts.push(format!("{label} 改为 {}", shown(k, v))),
        }
    }
    format!(
        "更正第 {} 项：{}；原因：{}",
        a.target,
        parts.join("，"),
        a.reason
    )
}

/// A one-line Chinese summary of an event. Personal data an amendment sets (`applicant.phone`,
/// `agent.id_number`, a whole `applicant` …) is masked unless `reveal` (SPEC §7: old and new
/// values alike are masked wherever they are printed).
pub fn summarize(step: &Step, reveal: bool) -> String {
    match step {
        Step::Register(r) if !r.kind.is_disclosure() => format!(
            "{}（条例第四十一条），{}，{}（{}），要求更正：{}",
            r.kind.label(),
            r.channel.label(),
            r.applicant.name,
            r.applicant_type.label(),
            r.content
        ),
        Step::Register(r) => format!(
            "{}，{}（{}），申请内容：{}",
            r.channel.label(),
            r.applicant.name,
            r.applicant_type.label(),
            r.content
        ),
        Step::ConfirmReceipt => "已与申请人确认收到，答复期限自今日起算".to_string(),
        Step::CorrectionNotice {
            items,
            period_wd,
            served_on,
        } => {
            let mut s = format!("补正事项：{items}；补正期限 {period_wd} 个工作日");
            if let Some(d) = served_on {
                s += &format!("；{d} 送达");
            }
            s
        }
        Step::CorrectionReceived {
            late_reason: Some(r),
            ..
        } => format!("收到补正后的申请（逾期补正，有正当理由：{r}），答复期限重新计算"),
        Step::CorrectionReceived { .. } => "收到补正后的申请，答复期限重新计算".to_string(),
        Step::CorrectionLapsed {
            served_unknown_reason,
        } => with_unknown(
            "申请人逾期未补正，按（六）1 办结".to_string(),
            served_unknown_reason,
        ),
        Step::ConsultationSent { parties, served_on } => {
            let names: Vec<String> = parties
                .iter()
                .map(|p| match p.kind {
                    PartyKind::ThirdParty => format!("{}（第三方）", p.name),
                    PartyKind::Agency => format!("{}（其他机关）", p.name),
                })
                .collect();
            let mut s = format!("发函征求意见：{}", names.join("、"));
            if let Some(d) = served_on {
                s += &format!("；{d} 送达");
            }
            s
        }
        Step::ConsultationAnswered {
            party,
            answer: Answer::None,
            served_unknown_reason,
            ..
        } => with_unknown(
            format!("{party}：答复期满，未收到答复"),
            served_unknown_reason,
        ),
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
            ..
        } => format!(
            "{party}：{}{}",
            answer.label(),
            reasons
                .as_deref()
                .map(|r| format!("（{r}）"))
                .unwrap_or_default()
        ),
        Step::Draft {
            department,
            handler,
            outcome,
            reasons,
            basis,
            public_interest,
        } => {
            let mut s = format!("{department} {handler}，拟{}", outcome.label());
            for (what, v) in [
                ("理由", reasons),
                ("依据", basis),
                ("公共利益", public_interest),
            ] {
                if let Some(v) = v {
                    s += &format!("；{what}：{v}");
                }
            }
            s
        }
        Step::Assign {
            department,
            handler,
            due,
        } => {
            let mut s = format!("转办 {department} {handler}");
            if let Some(due) = due {
                s += &format!("，内部办理期限 {due}");
            }
            s
        }
        Step::OfficeReview { approved, comments } => {
            if *approved {
                "政务公开办公室审核通过".to_string()
            } else {
                format!("审核退回：{}", comments.as_deref().unwrap_or(""))
            }
        }
        Step::LeaderApproval {
            approved, leader, ..
        } => {
            if *approved {
                format!("{leader} 审批同意")
            } else {
                format!("{leader} 审批退回")
            }
        }
        Step::Extension {
            working_days,
            approver,
            reason,
            notified_on,
        } => format!(
            "经{approver}批准延期 {working_days} 个工作日，{notified_on} 告知申请人；理由：{reason}"
        ),
        Step::FeeNotice {
            method,
            count,
            amount_yuan,
            places,
            register_count,
            reason,
            served_on,
        } => {
            let mut s = match (method, places) {
                (crate::case::fee::FeeMethod::ByItem, p) => {
                    let p = p.unwrap_or(1);
                    let first = count.saturating_sub(p) + 1;
                    if p > 1 {
                        format!(
                            "收费通知：{}，本申请拆分为 {p} 件，为本月第 {first}–{count} 件，{amount_yuan} 元",
                            method.label()
                        )
                    } else {
                        format!(
                            "收费通知：{}，本申请为本月第 {count} 件，{amount_yuan} 元",
                            method.label()
                        )
                    }
                }
                _ => format!(
                    "收费通知：{} {count} {}，{amount_yuan} 元",
                    method.label(),
                    method.unit()
                ),
            };
            if let Some(n) = register_count {
                s += &format!("（登记簿计为第 {n} 件");
                if let Some(r) = reason {
                    s += &format!("，按经办人核定的件数计收，理由：{r}");
                }
                s += "）";
            }
            if let Some(d) = served_on {
                s += &format!("；{d} 送达");
            }
            s
        }
        Step::FeePaid => "申请人已缴费".to_string(),
        Step::FeeLapsed {
            served_unknown_reason,
        } => with_unknown(
            "申请人逾期未缴费，按（六）2 办结".to_string(),
            served_unknown_reason,
        ),
        Step::ReasonsAsked => "发出说明理由告知书（条例第三十五条）".to_string(),
        Step::ReasonsAnswered { accepted: true } => "申请人说明的理由合理".to_string(),
        Step::ReasonsAnswered { accepted: false } => "申请人说明的理由不合理".to_string(),
        Step::ReasonableDeadline { due, notified_on } => {
            format!("确定合理的延长期限至 {due}（条例第三十五条），{notified_on} 告知申请人")
        }
        Step::Served { letter, party } => match party {
            Some(p) => format!("{}（{p}）送达", letter.label()),
            None => format!("{}送达", letter.label()),
        },
        Step::Reply(r) => {
            let mut s = format!("{}；送达方式：{}", r.outcome.label(), r.delivery);
            if let Some(t) = &r.tracking_no {
                s += &format!("（{t}）");
            }
            let extra = [
                ("理由", &r.reasons),
                ("依据", &r.basis),
                ("检索情况", &r.search_done),
                ("负责公开的机关", &r.competent_agency),
                ("联系方式", &r.agency_contact),
                ("第三方不同意公开，因公共利益决定公开", &r.public_interest),
            ];
            for (what, v) in extra {
                if let Some(v) = v {
                    s += &format!("；{what}：{v}");
                }
            }
            s
        }
        Step::RecordCorrectionReply(r) => {
            let mut s = format!(
                "更正申请处理结果：{}；送达方式：{}",
                r.end.label(),
                r.delivery
            );
            if let Some(t) = &r.tracking_no {
                s += &format!("（{t}）");
            }
            let extra = [
                ("有权更正的机关", &r.agency),
                ("联系方式", &r.agency_contact),
                ("理由", &r.reasons),
            ];
            for (what, v) in extra {
                if let Some(v) = v {
                    s += &format!("；{what}：{v}");
                }
            }
            if let Some(d) = r.served_on {
                s += &format!("；{d} 送达");
            }
            s
        }
        Step::Withdraw { reason } => format!(
            "申请人撤回申请{}",
            reason
                .as_deref()
                .map(|r| format!("：{r}"))
                .unwrap_or_default()
        ),
        Step::Archive { file_no } => format!("归档，卷宗号 {file_no}"),
        Step::Amend(a) => describe_amendment(a, None, reveal),
        Step::AppealFiled {
            appeal,
            body,
            reference,
        } => format!(
            "{}：{body}{}",
            appeal.label(),
            reference
                .as_deref()
                .map(|r| format!("（{r}）"))
                .unwrap_or_default()
        ),
        Step::AppealDecided {
            number,
            result,
            note,
        } => format!(
            "第 {number} 项复议/诉讼结果：{}{}",
            result.label(),
            note.as_deref()
                .map(|n| format!("；{n}"))
                .unwrap_or_default()
        ),
        Step::LetterIssued(l) => format!(
            "{}{}{}（SHA-256 {}）",
            l.letter
                .parse::<crate::letters::LetterKind>()
                .map(|k| k.short_title())
                .unwrap_or(l.letter.as_str()),
            l.party
                .as_deref()
                .map(|p| format!("（致 {p}）"))
                .unwrap_or_default(),
            l.number
                .as_deref()
                .map(|n| format!("，文号 {n}"))
                .unwrap_or_default(),
            &l.sha256[..l.sha256.len().min(12)]
        ),
    }
}

/// A closing with no served date known: the clerk's reason, said (SPEC §3).
fn with_unknown(s: String, reason: &Option<String>) -> String {
    match reason {
        Some(r) => format!("{s}（送达日期无法查明：{r}）"),
        None => s,
    }
}
