//! The steps on a registered document: `doc review`, `approve`, `publish`, `interpret`,
//! `change`, `mark`, `convert` (SPEC.md §10; seed 附录A–D; 条例 Art 26, 44). The rules are the
//! domain's ([`crate::document::check`]); these only translate.

use chrono::NaiveDate;

use crate::context::Ctx;
use crate::dates::parse_date_arg;
use crate::document::{
    Approval, Attribute, Change, ChangeKind, Channel, Conversion, DocStep, Document, Ground,
    Interpretation, InterpretationForm, Publication, Review,
};
use crate::error::{Exit, Failure};
use crate::store::documents::IndexChoice;

/// What every step on a document takes.
#[derive(Debug, Clone, clap::Args)]
pub struct DocArgs {
    /// 文件编号（如 W2026-0001）
    #[arg(value_name = "ID")]
    pub id: String,
    /// 这一步的日期（YYYY-MM-DD；默认今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<NaiveDate>,
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

/// 公开属性审核意见
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("opinion").required(true).multiple(false))]
pub struct ReviewArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 同意起草单位意见
    #[arg(long, group = "opinion")]
    agree: bool,
    /// 不同意（用 --suggest 建议改为的属性）
    #[arg(long, group = "opinion")]
    disagree: bool,
    /// 建议改为：主动公开、依申请公开、不予公开
    #[arg(long, value_name = "属性", value_parser = parse::<Attribute>)]
    suggest: Option<Attribute>,
    /// 建议改为依申请公开的理由
    #[arg(long)]
    reason: Option<String>,
    /// 建议改为不予公开的理由（审核表所列之一，可多次给出）
    #[arg(long, value_name = "理由", value_parser = parse::<Ground>)]
    ground: Vec<Ground>,
    /// 签字人（局办公室发文办公室或单位负责人）
    #[arg(long)]
    signer: String,
}

/// 公文公开审批（附录D）
#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 公开方式：政府网站、政府公报、政务新媒体或其他（可多次给出）
    #[arg(long, value_name = "方式", required = true, value_parser = parse::<Channel>)]
    channel: Vec<Channel>,
    /// 发布机构
    #[arg(long)]
    publisher: String,
    /// 主题分类一级类目（附录E）
    #[arg(long, value_name = "一级类目")]
    topic: String,
    /// 主题分类二级类目
    #[arg(long, value_name = "二级类目")]
    subtopic: Option<String>,
    /// 审批人
    #[arg(long)]
    approver: String,
}

/// 发布
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 公开方式（可多次给出；默认审批单所列）
    #[arg(long, value_name = "方式", value_parser = parse::<Channel>)]
    channel: Vec<Channel>,
    /// 网址
    #[arg(long)]
    address: Option<String>,
    /// 已在本工具之外编制的索引号（默认按 index_no_format 编制下一个）
    #[arg(long = "index-no", value_name = "索引号")]
    index_no: Option<String>,
}

/// 政策解读
#[derive(Debug, clap::Args)]
pub struct InterpretArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 解读形式：文字、图解、视频、音频、问答或其他
    #[arg(long, value_name = "形式", value_parser = parse::<InterpretationForm>)]
    form: InterpretationForm,
    /// 解读机构或解读人
    #[arg(long)]
    by: String,
    /// 网址
    #[arg(long)]
    address: Option<String>,
}

/// 修改、废止、失效
#[derive(Debug, clap::Args)]
pub struct ChangeArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 修改、废止或失效
    #[arg(long, value_name = "类型", value_parser = parse::<ChangeKind>)]
    kind: ChangeKind,
    /// 后继文件的文号
    #[arg(long, value_name = "文号")]
    successor: Option<String>,
}

/// 变更标注
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    #[command(flatten)]
    doc: DocArgs,
}

/// 转为主动公开
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    doc: DocArgs,
    /// 理由（如：近 12 个月被申请 N 次）
    #[arg(long)]
    reason: String,
}

fn record(ctx: &mut Ctx, d: &DocArgs, step: DocStep) -> anyhow::Result<Exit> {
    let by = ctx.recorder(None);
    let id = d.id.trim().to_string();
    let kind = step.kind();
    let doc = super::write(ctx, false, |w| w.record(&id, step, &by))?;
    printed(ctx, &id, &doc, kind)
}

/// Prints a recorded step: one line with the step's Chinese name and the document's clocks
/// (table), or its view (json/csv).
fn printed(
    ctx: &mut Ctx,
    id: &str,
    doc: &Document,
    kind: crate::document::event::DocStepKind,
) -> anyhow::Result<Exit> {
    let view = super::DocView::build(id, doc, &ctx.calendar, ctx.today)?;
    let line = format!("已记录：{id} {}", kind.label());
    super::show::print_view(ctx, &view, Some(&line))?;
    Ok(Exit::Ok)
}

/// Runs `doc review`.
///
/// # Errors
/// Refusals (already reviewed; a reason with agreement; 行政规范性文件 not 主动公开).
pub fn review(ctx: &mut Ctx, a: ReviewArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let step = DocStep::Reviewed(Review {
        agree: a.agree && !a.disagree,
        suggested: a.suggest,
        reason: super::super::text(&a.reason),
        grounds: a.ground,
        signer: a.signer.trim().to_string(),
        on,
    });
    record(ctx, &a.doc, step)
}

/// Runs `doc approve` (the topic checked against the table in force, 附录E).
///
/// # Errors
/// A topic not in the table (exit 4); refusals.
pub fn approve(ctx: &mut Ctx, a: ApproveArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let topics = super::topics(ctx)?;
    let topic = topics
        .resolve(&a.topic, a.subtopic.as_deref())
        .map_err(|e| {
            Failure::new(Exit::Input, e.to_string())
                .hint("主题分类见附录E；本机关的分类表可用配置项 topics 指定")
        })?;
    let step = DocStep::Approved(Approval {
        channels: a.channel,
        publisher: a.publisher.trim().to_string(),
        topic,
        approver: a.approver.trim().to_string(),
        on,
    });
    record(ctx, &a.doc, step)
}

/// Runs `doc publish`: assigns the 索引号 (SPEC §10).
///
/// # Errors
/// Refused when not approved or not 主动公开 (seed A.2); no credit code configured (exit 4).
pub fn publish(ctx: &mut Ctx, a: PublishArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let id = a.doc.id.trim().to_string();
    let by = ctx.recorder(None);
    let config;
    let choice = match super::super::text(&a.index_no) {
        Some(n) => IndexChoice::Given(n),
        None => {
            config = super::index_config(ctx)?;
            IndexChoice::Next {
                format: &config.0,
                credit_code: &config.1,
            }
        }
    };
    let mut channels = a.channel;
    if channels.is_empty() {
        channels = ctx
            .store()?
            .document(&id)
            .map_err(Failure::from)?
            .approval
            .map(|ap| ap.channels)
            .unwrap_or_default();
    }
    let publication = Publication {
        on,
        channels,
        address: super::super::text(&a.address),
        index_no: String::new(),
    };
    let doc = super::write(ctx, false, |w| w.publish(&id, publication, choice, &by))?;
    printed(ctx, &id, &doc, crate::document::event::DocStepKind::Publish)
}

/// Runs `doc interpret`.
///
/// # Errors
/// Refused before the document is published.
pub fn interpret(ctx: &mut Ctx, a: InterpretArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let step = DocStep::InterpretationPublished(Interpretation {
        form: a.form,
        by: a.by.trim().to_string(),
        on,
        address: super::super::text(&a.address),
    });
    record(ctx, &a.doc, step)
}

/// Runs `doc change`.
///
/// # Errors
/// Refused on a document already repealed or lapsed.
pub fn change(ctx: &mut Ctx, a: ChangeArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let step = DocStep::Changed(Change {
        kind: a.kind,
        on,
        successor: super::super::text(&a.successor),
    });
    record(ctx, &a.doc, step)
}

/// Runs `doc mark`.
///
/// # Errors
/// Refused when no change waits to be marked.
pub fn mark(ctx: &mut Ctx, a: MarkArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    record(ctx, &a.doc, DocStep::Marked { on })
}

/// Runs `doc convert` (seed A.2, 条例 Art 44).
///
/// # Errors
/// Refused unless the document is 依申请公开 and reviewed.
pub fn convert(ctx: &mut Ctx, a: ConvertArgs) -> anyhow::Result<Exit> {
    let on = super::on_or_today(ctx, a.doc.on);
    let step = DocStep::Converted(Conversion {
        on,
        reason: a.reason.trim().to_string(),
    });
    record(ctx, &a.doc, step)
}
