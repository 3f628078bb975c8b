//! The one place the clocks' typed facts ([`Basis`], [`Pause`]) are said in Chinese, with
//! their articles and periods from [`super::period`].

use chrono::NaiveDate;

use super::clock::{Basis, ClockStartReason, ExtensionBasis, Pause, PauseEnd, PauseKind};
use super::{consultation, period};
use crate::calendar::Reckoned;

fn reckoned(r: &Reckoned<NaiveDate>) -> String {
    if r.provisional {
        format!("{}（临时）", r.value)
    } else {
        r.value.to_string()
    }
}

/// Why a pause does not count, and how it ended: `征求第三方意见（条例第三十二条）：某公司，
/// 2026-03-02 发函，2026-03-10 收到答复`.
///
/// A letter whose served date is recorded says so (its window runs from it); an open window
/// with no served date is the earliest it can end (最早, SPEC §3).
pub fn pause(
    from: NaiveDate,
    kind: &PauseKind,
    end: &PauseEnd,
    served_on: Option<NaiveDate>,
) -> String {
    let served = served_on.map(|d| format!("，{d} 送达")).unwrap_or_default();
    match kind {
        PauseKind::Consultation(party_kind, name) => {
            let who = match party_kind {
                super::PartyKind::ThirdParty => "征求第三方意见",
                super::PartyKind::Agency => "征求其他机关意见",
            };
            let how = match end {
                PauseEnd::Answered(on) => format!("{on} 收到答复"),
                PauseEnd::Open(latest) if served_on.is_some() => {
                    format!("至迟 {} 意见期满", reckoned(latest))
                }
                PauseEnd::Open(latest) => format!(
                    "意见期满最早为 {}（送达日期未记录，按发函之日起算）",
                    reckoned(latest)
                ),
                PauseEnd::Concluded(on) => format!("{on} 办结时尚未答复"),
                PauseEnd::WindowClosed(on) | PauseEnd::Paid(on) | PauseEnd::Lapsed(on) => {
                    format!("{on} 意见期满未答复")
                }
            };
            format!(
                "{who}（{}）：{name}，{from} 发函{served}，{how}",
                consultation::article(*party_kind)
            )
        }
        PauseKind::Fee => {
            let how = match end {
                PauseEnd::Paid(on) | PauseEnd::Answered(on) => format!("{on} 缴费"),
                PauseEnd::Lapsed(on) | PauseEnd::WindowClosed(on) => {
                    format!("{on} 逾期未缴费办结")
                }
                PauseEnd::Concluded(on) => format!("{on} 办结时尚未缴费"),
                PauseEnd::Open(latest) if served_on.is_some() => {
                    format!("至迟 {} 缴费期满", reckoned(latest))
                }
                PauseEnd::Open(latest) => format!(
                    "缴费期满最早为 {}（送达日期未记录，按发出之日起算）",
                    reckoned(latest)
                ),
            };
            format!(
                "收费通知至缴费期间（{}）：{from} 发出收费通知{served}，{how}",
                period::FEE_PAYMENT.article
            )
        }
    }
}

/// How the reply due date was reckoned, with every article: the start and why, the period,
/// the extension, each pause after the start, and the marks for an open pause and a
/// provisional calendar.
pub fn basis(b: &Basis, pauses: &[Pause]) -> String {
    let reply = period::REPLY;
    match b {
        Basis::NotStarted => {
            "平常信函，尚未与申请人确认收到，答复期限未起算（条例第三十一条）".to_string()
        }
        Basis::AwaitingCorrection => format!(
            "待补正：收到补正后的申请之日起重新计算 {}（{}）",
            reply.days(),
            period::CORRECTION_PERIOD.article
        ),
        Basis::Counted {
            start,
            reason,
            extension,
            late_notice,
            reasonable,
            paused,
            provisional,
        } => {
            let what = match reason {
                ClockStartReason::CorrectedApplication => "收到补正后申请之日，条例第三十条",
                ClockStartReason::Receipt(channel) => channel.receipt_basis(),
            };
            let mut s = format!(
                "自 {start}（{what}）起 {}（{}）",
                reply.days(),
                reply.article
            );
            match extension {
                ExtensionBasis::InForce {
                    approver,
                    working_days,
                    on,
                } => {
                    s += &format!(
                        "；经{approver}批准延期 {working_days} 个工作日（{on}，{}）",
                        period::EXTENSION.article
                    );
                }
                ExtensionBasis::Void { on } => {
                    s += &format!(
                        "；{on} 批准的延期在收到补正、重新计算答复期限之前，不再适用（{}）",
                        period::CORRECTION_PERIOD.article
                    );
                }
                ExtensionBasis::None => {}
            }
            if *late_notice {
                s += &format!(
                    "；补正通知晚于收到申请之日起 {}（{}），不中止、不重新计算答复期限",
                    period::CORRECTION_NOTICE.days(),
                    period::CORRECTION_NOTICE.article
                );
            }
            for p in pauses.iter().filter(|p| p.to > *start) {
                if p.counted {
                    s += &format!("；{}，期间不计算在内", p.why);
                } else if p.repeat {
                    s += &format!("；{}，再次征求同一对象的意见，不中止计时", p.why);
                } else {
                    s += &format!("；{}，发出时已过答复期限，不中止计时", p.why);
                }
            }
            if let Some((due, told)) = reasonable {
                s += &format!(
                    "；申请人说明的理由合理，确定合理的延长期限至 {due}，{told} 告知申请人（条例第三十五条），不计为逾期"
                );
            }
            if *paused {
                s += "；暂停计时中，所示为最晚可能的日期";
            }
            if *provisional {
                s += "；计算涉及日历中尚无国务院放假通知的年份，日期为临时结果";
            }
            s
        }
    }
}
