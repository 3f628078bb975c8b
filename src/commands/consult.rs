//! `disclose consult-third-party`: consultation of third parties (条例 Art 32) or other agencies
//! (Art 34), whose time is not counted in the reply period (Art 33 ¶3).

use crate::case::{Answer, Party, PartyKind, Step};
use crate::context::Ctx;
use crate::error::Exit;

/// 征求意见
#[derive(Debug, clap::Subcommand)]
pub enum ConsultCmd {
    /// 发函征求意见：每个对象 15 个工作日答复期，其间不计入答复期限
    Send(SendArgs),
    /// 记录某一对象的答复（同意 / 不同意并说明理由 / 期满未答复）
    Answer(AnswerArgs),
}

/// Arguments of `send`.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 第三方名称（可多次给出）（条例第三十二条）
    #[arg(long = "party", value_name = "NAME")]
    parties: Vec<String>,
    /// 其他机关名称（可多次给出）（条例第三十四条：逾期未答复视为同意）
    #[arg(long = "agency", value_name = "NAME")]
    agencies: Vec<String>,
    /// 送达日期：对方收到本文书之日（期限自该日起算；不知道时可以以后用 disclose served 补记）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    served_on: Option<chrono::NaiveDate>,
}

/// A consulted party's answer on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum AnswerArg {
    /// 同意公开
    Agree,
    /// 不同意公开（须 --reasons）
    Object,
    /// 期满未答复
    None,
}

/// Arguments of `answer`.
#[derive(Debug, clap::Args)]
pub struct AnswerArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 答复的对象：第三方或其他机关（与发函时的名称一致）
    #[arg(long, visible_alias = "agency", value_name = "NAME")]
    party: String,
    /// 答复内容
    #[arg(long, value_enum)]
    answer: AnswerArg,
    /// 理由（不同意公开时必填）
    #[arg(long)]
    reasons: Option<String>,
    /// 未记录送达日期时：确实无法查明送达日期的理由（期限按发出日期计算）
    #[arg(long, value_name = "TEXT")]
    served_unknown_reason: Option<String>,
}

/// Runs `consult-third-party`.
///
/// # Errors
/// Refusals (not in progress, party unknown, answer "none" before the window closed, …).
pub fn run(ctx: &mut Ctx, c: ConsultCmd) -> anyhow::Result<Exit> {
    match c {
        ConsultCmd::Send(a) => {
            let parties = a
                .parties
                .into_iter()
                .map(|name| Party {
                    name: name.trim().to_string(),
                    kind: PartyKind::ThirdParty,
                })
                .chain(a.agencies.into_iter().map(|name| Party {
                    name: name.trim().to_string(),
                    kind: PartyKind::Agency,
                }))
                .collect();
            let case = super::record(
                ctx,
                &a.step,
                Step::ConsultationSent {
                    parties,
                    served_on: a.served_on,
                },
            )?;
            let on = a.step.on.unwrap_or(ctx.today);
            super::note_uncounted_pause(ctx, &case, on)?;
        }
        ConsultCmd::Answer(a) => {
            let answer = match a.answer {
                AnswerArg::Agree => Answer::Agree,
                AnswerArg::Object => Answer::Object,
                AnswerArg::None => Answer::None,
            };
            let case = super::record(
                ctx,
                &a.step,
                Step::ConsultationAnswered {
                    party: a.party.trim().to_string(),
                    answer,
                    reasons: super::text(&a.reasons),
                    served_unknown_reason: super::text(&a.served_unknown_reason),
                },
            )?;
            if let Some(n) = crate::case::reply::draft_overtaken(&case) {
                eprintln!("提示：{n}");
            }
        }
    }
    Ok(Exit::Ok)
}
