//! The one-line Chinese summary of each event, for the timeline.

use crate::case::{Answer, PartyKind, Step};

/// A one-line Chinese summary of an event.
pub fn summarize(step: &Step) -> String {
    match step {
        Step::Register(r) => format!(
            "{}，{}（{}），申请内容：{}",
            r.channel.label(),
            r.applicant.name,
            r.applicant_type.label(),
            r.content
        ),
        Step::ConfirmReceipt => "已与申请人确认收到，答复期限自今日起算".to_string(),
        Step::CorrectionNotice { items, period_wd } => {
            format!("补正事项：{items}；补正期限 {period_wd} 个工作日")
        }
        Step::CorrectionReceived { .. } => "收到补正后的申请，答复期限重新计算".to_string(),
        Step::CorrectionLapsed => "申请人逾期未补正，按（六）1 办结".to_string(),
        Step::ConsultationSent { parties } => {
            let names: Vec<String> = parties
                .iter()
                .map(|p| match p.kind {
                    PartyKind::ThirdParty => format!("{}（第三方）", p.name),
                    PartyKind::Agency => format!("{}（其他机关）", p.name),
                })
                .collect();
            format!("发函征求意见：{}", names.join("、"))
        }
        Step::ConsultationAnswered {
            party,
            answer: Answer::None,
            ..
        } => format!("{party}：答复期满，未收到答复"),
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
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
        } => {
            let mut s = format!("{department} {handler}，拟{}", outcome.label());
            for (what, v) in [("理由", reasons), ("依据", basis)] {
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
        } => format!(
            "收费通知：{} {count} {}，{amount_yuan} 元",
            method.label(),
            method.unit()
        ),
        Step::FeePaid => "申请人已缴费".to_string(),
        Step::FeeLapsed => "申请人逾期未缴费，按（六）2 办结".to_string(),
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
        Step::Withdraw { reason } => format!(
            "申请人撤回申请{}",
            reason
                .as_deref()
                .map(|r| format!("：{r}"))
                .unwrap_or_default()
        ),
        Step::Archive { file_no } => format!("归档，卷宗号 {file_no}"),
        Step::Amend(a) => {
            let mut parts = Vec::new();
            if let Some(d) = a.on {
                parts.push(format!("日期改为 {d}"));
            }
            for (k, v) in &a.set {
                parts.push(format!("{k} 改为 {v}"));
            }
            format!(
                "更正第 {} 项：{}；原因：{}",
                a.target,
                parts.join("，"),
                a.reason
            )
        }
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
    }
}
