//! `disclose review`: the draft reply (拟办), the office's review (审核) and the leader's
//! approval (审批). No reply goes out without both approvals (\[制度\]).

use crate::case::{Outcome, Step};
use crate::context::Ctx;
use crate::error::{Exit, Failure};

/// 拟办、审核、审批
#[derive(Debug, clap::Subcommand)]
pub enum ReviewCmd {
    /// 承办科室拟办：提出拟答复意见（办理结果、理由、依据）
    Draft(DraftArgs),
    /// 政务公开办公室审核：通过，或退回科室修改
    Office(DecisionArgs),
    /// 分管领导审批：同意，或退回
    Leader(LeaderArgs),
}

/// Arguments of `review draft`.
#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 承办科室
    #[arg(long, value_name = "NAME")]
    department: String,
    /// 承办人
    #[arg(long, value_name = "NAME")]
    handler: String,
    #[arg(long, value_name = "CODE", value_parser = Outcome::parse,
          help = Outcome::help_text("拟办理结果"))]
    outcome: Outcome,
    /// 理由
    #[arg(long)]
    reasons: Option<String>,
    /// 法律依据
    #[arg(long)]
    basis: Option<String>,
    /// 第三方不同意公开而拟公开时：不公开可能对公共利益造成重大影响的理由（答复时沿用，并书面告知第三方，条例第三十二条）
    #[arg(long, value_name = "TEXT")]
    public_interest: Option<String>,
}

/// Arguments of `review office`.
#[derive(Debug, clap::Args)]
pub struct DecisionArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 审核通过
    #[arg(long, conflicts_with = "send_back")]
    approve: bool,
    /// 退回科室修改（须 --comments）
    #[arg(long)]
    send_back: bool,
    /// 审核意见
    #[arg(long)]
    comments: Option<String>,
}

/// Arguments of `review leader`.
#[derive(Debug, clap::Args)]
pub struct LeaderArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 审批的分管领导姓名
    #[arg(long, value_name = "NAME")]
    leader: String,
    /// 同意
    #[arg(long, conflicts_with = "send_back")]
    approve: bool,
    /// 退回（须 --comments）
    #[arg(long)]
    send_back: bool,
    /// 意见
    #[arg(long)]
    comments: Option<String>,
}

fn approved(approve: bool, send_back: bool) -> anyhow::Result<bool> {
    if approve == send_back {
        return Err(Failure::new(
            Exit::Usage,
            "请选择 --approve（通过）或 --send-back（退回）其中之一",
        )
        .into());
    }
    Ok(approve)
}

/// Runs `review`.
///
/// # Errors
/// Refusals (no draft, draft not yet reviewed by the office, …); usage errors.
pub fn run(ctx: &mut Ctx, c: ReviewCmd) -> anyhow::Result<Exit> {
    match c {
        ReviewCmd::Draft(a) => {
            let case = super::record(
                ctx,
                &a.step,
                Step::Draft {
                    department: a.department.trim().to_string(),
                    handler: a.handler.trim().to_string(),
                    outcome: a.outcome,
                    reasons: super::text(&a.reasons),
                    basis: super::text(&a.basis),
                    public_interest: super::text(&a.public_interest),
                },
            )?;
            let on = a.step.on.unwrap_or(ctx.today);
            for n in crate::case::reply::notes(&case, &ctx.calendar, on, a.outcome, None) {
                eprintln!("提示：{n}");
            }
        }
        ReviewCmd::Office(a) => {
            let approved = approved(a.approve, a.send_back)?;
            super::record(
                ctx,
                &a.step,
                Step::OfficeReview {
                    approved,
                    comments: super::text(&a.comments),
                },
            )?;
        }
        ReviewCmd::Leader(a) => {
            let approved = approved(a.approve, a.send_back)?;
            super::record(
                ctx,
                &a.step,
                Step::LeaderApproval {
                    approved,
                    leader: a.leader.trim().to_string(),
                    comments: super::text(&a.comments),
                },
            )?;
        }
    }
    Ok(Exit::Ok)
}
