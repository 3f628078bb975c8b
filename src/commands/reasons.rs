//! `disclose reasons`: volume beyond a reasonable range (条例 Art 35) — asking the applicant to
//! explain (说明理由告知书), the assessment, and a reasonable later deadline.

use crate::case::Step;
use crate::context::Ctx;
use crate::error::Exit;

/// 说明理由（条例第三十五条）
#[derive(Debug, clap::Subcommand)]
pub enum ReasonsCmd {
    /// 发出说明理由告知书：申请数量、频次明显超过合理范围的，要求申请人说明理由（不中止计时）
    Ask(PlainArgs),
    /// 记录对申请人所说明理由的审查结果：合理（--accepted）或不合理（--rejected，可按（五）4 答复）
    Answer(AnswerArgs),
    /// 理由合理但无法在答复期限内答复：确定合理的延长期限并告知申请人（不受 20 个工作日限制，不计为逾期）
    Deadline(DeadlineArgs),
}

/// Arguments of `reasons ask`.
#[derive(Debug, clap::Args)]
pub struct PlainArgs {
    #[command(flatten)]
    step: super::StepArgs,
}

/// Arguments of `reasons answer`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("verdict").required(true).multiple(false))]
pub struct AnswerArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 理由合理
    #[arg(long, group = "verdict")]
    accepted: bool,
    /// 理由不合理
    #[arg(long, group = "verdict")]
    rejected: bool,
}

/// Arguments of `reasons deadline`.
#[derive(Debug, clap::Args)]
pub struct DeadlineArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 合理的延长期限（答复期限改为这一天）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    due: chrono::NaiveDate,
    /// 告知申请人的日期
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    notified_on: chrono::NaiveDate,
}

/// Runs `reasons`.
///
/// # Errors
/// Refusals (not asked, already assessed, deadline not later than the due date, …).
pub fn run(ctx: &mut Ctx, c: ReasonsCmd) -> anyhow::Result<Exit> {
    match c {
        ReasonsCmd::Ask(a) => {
            super::record(ctx, &a.step, Step::ReasonsAsked)?;
        }
        ReasonsCmd::Answer(a) => {
            super::record(
                ctx,
                &a.step,
                Step::ReasonsAnswered {
                    accepted: a.accepted && !a.rejected,
                },
            )?;
        }
        ReasonsCmd::Deadline(a) => {
            super::record(
                ctx,
                &a.step,
                Step::ReasonableDeadline {
                    due: a.due,
                    notified_on: a.notified_on,
                },
            )?;
        }
    }
    Ok(Exit::Ok)
}
