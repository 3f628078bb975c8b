//! `disclose doc`: the register of proactive disclosure (主动公开, SPEC.md §10) — registration
//! with the attribute determination (附录B/C), review, approval (附录D), publication with its
//! 索引号, interpretations, changes and their marking, conversions (条例 Art 44), the list, the
//! public catalogue, the import of the office's catalogue and the figures of table 二.
//!
//! Layout: this file the subcommand tree, the write helper and the errors' conversion;
//! `register.rs`, `steps.rs` the steps; `show.rs` `doc show` and `doc list`; `catalogue.rs`;
//! `requested.rs`; `figures.rs`; `import.rs`.

mod catalogue;
mod figures;
mod import;
mod register;
mod requested;
mod show;
mod steps;

use chrono::NaiveDate;

use crate::context::Ctx;
use crate::document::index_no::IndexFormat;
use crate::document::topics::Topics;
use crate::error::{Exit, Failure};
use crate::store::{DocStoreError, DocWriter};

pub use show::DocView;

/// The 索引号 template when the config gives none: credit code / year-serial (SPEC §10's first
/// example, `11150000MB1604391C/2025-03582`).
pub const DEFAULT_INDEX_NO_FORMAT: &str = "{credit_code}/{year}-{seq:05}";

/// 主动公开文件登记簿：登记、审核、审批、发布、解读、变更、标注、转为主动公开、目录
#[derive(Debug, clap::Subcommand)]
pub enum DocCmd {
    /// 登记一件公文及其公开属性认定（附录B/C）；主动公开的，给出发布期限（条例第二十六条）
    Register(register::Args),
    /// 公开属性审核意见：局办公室发文办公室意见（附录B）或单位负责人意见（附录C）
    Review(steps::ReviewArgs),
    /// 公文公开审批（附录D）：公开方式、发布机构、主题分类、审批人
    Approve(steps::ApproveArgs),
    /// 发布：发布日期、公开方式、网址；按 index_no_format 编制索引号
    Publish(steps::PublishArgs),
    /// 政策解读发布（与文件同步公开）
    Interpret(steps::InterpretArgs),
    /// 修改、废止、失效
    Change(steps::ChangeArgs),
    /// 在已发布的原文上标注变更（变更之日起 20 个工作日内）
    Mark(steps::MarkArgs),
    /// 依申请公开转为主动公开（附录A.2；条例第四十四条）
    Convert(steps::ConvertArgs),
    /// 近 12 个月被申请最多的文件（转为主动公开的候选，条例第四十四条）
    Requested(requested::Args),
    /// 列出文件（可按状态、类型、主题、起草单位、成文日期筛选）
    List(show::ListArgs),
    /// 查看一件文件：期限、逾期、索引号、解读、变更
    Show(show::ShowArgs),
    /// 导入本机关已有的公开目录（电子表格：CSV 或 xlsx）
    Import(import::Args),
    /// 生成政府信息公开目录（CSV、JSON 或静态网页）
    Catalogue(catalogue::Args),
    /// 录入年度报告表二的其他数据（行政许可、行政处罚、行政强制、行政事业性收费）
    Figures(figures::Args),
}

/// Runs `doc`.
///
/// # Errors
/// Refusals (exit 1) with the steps allowed, bad input (exit 4), the database's errors.
pub fn run(ctx: &mut Ctx, c: DocCmd) -> anyhow::Result<Exit> {
    match c {
        DocCmd::Register(a) => register::run(ctx, a),
        DocCmd::Review(a) => steps::review(ctx, a),
        DocCmd::Approve(a) => steps::approve(ctx, a),
        DocCmd::Publish(a) => steps::publish(ctx, a),
        DocCmd::Interpret(a) => steps::interpret(ctx, a),
        DocCmd::Change(a) => steps::change(ctx, a),
        DocCmd::Mark(a) => steps::mark(ctx, a),
        DocCmd::Convert(a) => steps::convert(ctx, a),
        DocCmd::Requested(a) => requested::run(ctx, a),
        DocCmd::List(a) => show::list(ctx, a),
        DocCmd::Show(a) => show::show(ctx, a),
        DocCmd::Import(a) => import::run(ctx, a),
        DocCmd::Catalogue(a) => catalogue::run(ctx, a),
        DocCmd::Figures(a) => figures::run(ctx, a),
    }
}

/// Runs `f` in one write transaction on the document register and commits it; nothing is
/// written if `f` fails. Keeps the daily backup first when the config asks for one.
///
/// # Errors
/// `f`'s error (as a [`Failure`]), or the database's.
pub fn write<T>(
    ctx: &mut Ctx,
    create: bool,
    f: impl FnOnce(&mut DocWriter<'_>) -> Result<T, DocStoreError>,
) -> anyhow::Result<T> {
    let today = ctx.today;
    let now = ctx.now();
    if create {
        ctx.create_store()?;
    }
    if let Some(dir) = ctx.config.backup_dir.clone() {
        let keep = ctx.config.backup_keep.unwrap_or(30);
        ctx.store()?.daily_backup(&dir, today, keep)?;
    }
    let cal = ctx.calendar.clone();
    let store = ctx.store()?;
    let mut w = store.doc_writer(&cal, now)?;
    let v = f(&mut w).map_err(Failure::from)?;
    w.commit()?;
    Ok(v)
}

/// The topic table in force: the config's `topics` file, else the one shipped (附录E, SPEC §10).
///
/// # Errors
/// Exit 4 for an unreadable or invalid file.
pub fn topics(ctx: &Ctx) -> anyhow::Result<Topics> {
    let Some(p) = &ctx.config.topics else {
        return Ok(Topics::official());
    };
    let text = std::fs::read_to_string(p).map_err(|e| {
        Failure::new(
            Exit::Input,
            format!(
                "无法读取主题分类文件 {}：{}",
                p.display(),
                crate::error::io_cn(&e)
            ),
        )
    })?;
    Topics::parse(&p.display().to_string(), &text)
        .map_err(|e| Failure::new(Exit::Input, e.to_string()).into())
}

/// The 索引号 format and credit code in force (config `index_no_format`, `credit_code`).
///
/// # Errors
/// Exit 4 when `credit_code` is not set (a 索引号 cannot be made without it).
pub fn index_config(ctx: &Ctx) -> anyhow::Result<(IndexFormat, String)> {
    let fmt = ctx
        .config
        .index_no_format
        .clone()
        .unwrap_or_else(|| DEFAULT_INDEX_NO_FORMAT.to_string());
    let format = IndexFormat::parse(&fmt)
        .map_err(|e| Failure::new(Exit::Input, format!("index_no_format：{e}")))?;
    let needs_code = fmt.contains("{credit_code}");
    let code = match (&ctx.config.credit_code, needs_code) {
        (Some(c), _) => c.clone(),
        (None, false) => "0".to_string(),
        (None, true) => {
            return Err(Failure::new(
                Exit::Input,
                "未配置本机关的统一社会信用代码，无法编制索引号（条例第十二条：政府信息公开目录含索引）",
            )
            .hint("在配置文件中加入 credit_code = \"统一社会信用代码\"（可同时设 index_no_format）")
            .into());
        }
    };
    Ok((format, code))
}

/// Reads an optional 是/否 argument.
///
/// # Errors
/// Anything but 是/否 (yes/no).
pub fn yes_no(question: &'static str, s: &str) -> Result<bool, String> {
    crate::document::types::parse_yes_no(question, s).map_err(|e| e.to_string())
}

/// The business date of a step: `--on`, else today.
pub fn on_or_today(ctx: &Ctx, on: Option<NaiveDate>) -> NaiveDate {
    on.unwrap_or(ctx.today)
}
