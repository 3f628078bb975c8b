//! `disclose reply`: the reply letter (答复, 条例 Art 33, 36, 37).

use crate::case::{Outcome, Reply, Step};
use crate::context::Ctx;
use crate::error::Exit;

/// 答复：须有经审核、审批的拟办意见；逾期答复也可以记录，但会标明逾期的工作日数
#[derive(Debug, clap::Args)]
pub struct ReplyArgs {
    #[command(flatten)]
    step: super::StepArgs,
    #[arg(long, value_name = "CODE", value_parser = Outcome::parse,
          help = Outcome::help_text("办理结果（默认取审批同意的拟办意见）"))]
    outcome: Option<Outcome>,
    /// 法律依据（不予公开、部分公开必填；默认取拟办意见）
    #[arg(long)]
    basis: Option<String>,
    /// 理由（不予公开、部分公开、无法提供、不予处理必填；默认取拟办意见）
    #[arg(long)]
    reasons: Option<String>,
    /// （四）1 本机关不掌握：所做的检索
    #[arg(long, value_name = "TEXT")]
    search_done: Option<String>,
    /// 不属于本机关负责公开时：负责公开的机关名称
    #[arg(long, value_name = "NAME")]
    competent_agency: Option<String>,
    /// 该机关的联系方式
    #[arg(long, value_name = "TEXT")]
    agency_contact: Option<String>,
    /// 送达方式（邮寄、当面、电子邮件、传真、网络平台……）
    #[arg(long, value_name = "HOW")]
    delivery: String,
    /// 答复书的邮件号
    #[arg(long, value_name = "NO")]
    tracking_no: Option<String>,
    /// 送达日期：申请人收到答复书之日（复议、诉讼期限自该日起算；不知道时可以以后用 disclose served 补记）
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_date_arg)]
    served_on: Option<chrono::NaiveDate>,
    /// 第三方不同意公开而决定公开时：不公开可能对公共利益造成重大影响的理由（并书面告知第三方，条例第三十二条）
    #[arg(long, value_name = "TEXT")]
    public_interest: Option<String>,
}

/// Runs `reply`.
///
/// # Errors
/// Refusals (no approved draft, consultation still open, reasons missing, …).
pub fn run(ctx: &mut Ctx, a: ReplyArgs) -> anyhow::Result<Exit> {
    let case_no = ctx.case_no(&a.step.case)?;
    let case = ctx.store()?.case(&case_no)?;
    let draft = case.draft.as_ref();
    let outcome = crate::case::reply::outcome_or_draft(a.outcome, draft);
    let reply = Reply {
        outcome,
        basis: super::text(&a.basis),
        reasons: super::text(&a.reasons),
        search_done: super::text(&a.search_done),
        competent_agency: super::text(&a.competent_agency),
        agency_contact: super::text(&a.agency_contact),
        delivery: a.delivery.trim().to_string(),
        tracking_no: super::text(&a.tracking_no),
        served_on: a.served_on,
        public_interest: super::text(&a.public_interest),
    }
    .completed_from(draft);
    // Said before recording: once the reply is on record nothing is awaited any more.
    let on = a.step.on.unwrap_or(ctx.today);
    let dl = crate::case::deadlines(&case, &ctx.calendar, on).ok();
    let notes = crate::case::reply::notes(&case, &ctx.calendar, on, outcome, dl.as_ref());
    let untracked = reply.posted_without_tracking_no();
    let case = super::record(ctx, &a.step, Step::Reply(Box::new(reply)))?;
    for n in notes {
        eprintln!("提示：{n}");
    }
    if untracked {
        // Service by post is proved by its tracking number (SPEC §3 答复): recorded, but said.
        eprintln!(
            "提示：答复书邮寄送达，但没有记录邮件号（送达的凭证）。寄出后请补记：disclose amend {} --event {} --set tracking_no=邮件号 --reason 补记邮件号",
            case.case_no, case.event_count
        );
    }
    Ok(Exit::Ok)
}
