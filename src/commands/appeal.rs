//! `disclose appeal`: 行政复议 and 行政诉讼 brought over a request, for table 四 \[格式\].

use crate::case::{AppealKind, AppealResult, Step};
use crate::context::Ctx;
use crate::error::Exit;

/// 行政复议、行政诉讼
#[derive(Debug, clap::Subcommand)]
pub enum AppealCmd {
    /// 登记一项复议或诉讼（--on 为申请/起诉日期）
    File(FileArgs),
    /// 记录复议或诉讼的结果
    Result(ResultArgs),
}

/// Kind of appeal on the command line (复议/诉讼种类, the columns of table 四), by its English
/// name or in Chinese: 行政复议 / 复议, 直接起诉 / 行政诉讼 / 未经复议直接起诉, 复议后起诉.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    /// 行政复议
    #[value(aliases = ["行政复议", "复议"])]
    Reconsideration,
    /// 行政诉讼 未经复议直接起诉
    #[value(aliases = ["直接起诉", "行政诉讼", "未经复议直接起诉"])]
    LawsuitDirect,
    /// 行政诉讼 复议后起诉
    #[value(aliases = ["复议后起诉"])]
    LawsuitAfterReconsideration,
}

/// Result on the command line (复议/诉讼结果, the rows of table 四), by its English name or in
/// Chinese: 维持 / 结果维持, 纠正 / 结果纠正, 其他 / 其他结果.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ResultArg {
    /// 结果维持
    #[value(aliases = ["维持", "结果维持"])]
    Upheld,
    /// 结果纠正
    #[value(aliases = ["纠正", "结果纠正"])]
    Corrected,
    /// 其他结果
    #[value(aliases = ["其他", "其他结果"])]
    Other,
}

/// Arguments of `appeal file`.
#[derive(Debug, clap::Args)]
pub struct FileArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 种类（也可写中文：行政复议或复议、直接起诉或行政诉讼、复议后起诉）
    #[arg(long, value_enum)]
    kind: KindArg,
    /// 复议机关或受理法院
    #[arg(long, value_name = "NAME")]
    body: String,
    /// 复议或诉讼的案号
    #[arg(long, value_name = "NO")]
    reference: Option<String>,
}

/// Arguments of `appeal result`.
#[derive(Debug, clap::Args)]
pub struct ResultArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 第几项复议/诉讼（按登记先后，从 1 起；只有一项尚无结果时可省略）
    #[arg(long, value_name = "N", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 1, 1000))]
    number: Option<u32>,
    /// 结果（也可写中文：维持、纠正、其他）
    #[arg(long, value_enum)]
    result: ResultArg,
    /// 备注
    #[arg(long)]
    note: Option<String>,
}

/// The number of the one appeal of `case_no` still without a result, for `appeal result`
/// without `--number`. With none, 1 (the rules then say why no result can be recorded).
///
/// # Errors
/// A refusal listing them when several are open (which one is meant cannot be guessed).
fn only_open_appeal(ctx: &mut Ctx, case_no: &str) -> anyhow::Result<u32> {
    let case_no = ctx.case_no(case_no)?;
    let case = ctx.store()?.case(&case_no)?;
    let open: Vec<(usize, &crate::case::Appeal)> = case
        .appeals
        .iter()
        .enumerate()
        .filter(|(_, a)| a.result.is_none())
        .collect();
    match open.as_slice() {
        [] => Ok(1),
        [(i, _)] => Ok(*i as u32 + 1),
        several => {
            let mut f = crate::error::Failure::new(
                Exit::Refused,
                format!(
                    "{case_no} 有 {} 项复议/诉讼尚无结果：请用 --number 指明是哪一项",
                    several.len()
                ),
            );
            for (i, a) in several {
                f = f.hint(format!(
                    "--number {}：{}（{}，{} 提起）",
                    i + 1,
                    a.kind.label(),
                    a.body,
                    a.filed_on
                ));
            }
            Err(f.into())
        }
    }
}

/// Runs `appeal`.
///
/// # Errors
/// Refusals (no such appeal, result already recorded).
pub fn run(ctx: &mut Ctx, c: AppealCmd) -> anyhow::Result<Exit> {
    match c {
        AppealCmd::File(a) => {
            let appeal = match a.kind {
                KindArg::Reconsideration => AppealKind::Reconsideration,
                KindArg::LawsuitDirect => AppealKind::LawsuitDirect,
                KindArg::LawsuitAfterReconsideration => AppealKind::LawsuitAfterReconsideration,
            };
            let case = super::record(
                ctx,
                &a.step,
                Step::AppealFiled {
                    appeal,
                    body: a.body.trim().to_string(),
                    reference: super::text(&a.reference),
                },
            )?;
            // 不予公开 must go to 行政复议 first [复议法 Art 23]: recorded as filed (it is a
            // fact), but the clerk is told, for the agency's defence.
            let withheld = case
                .conclusion
                .as_ref()
                .and_then(|c| c.reply.as_ref())
                .filter(|r| r.outcome.withholds());
            if appeal == AppealKind::LawsuitDirect
                && let Some(r) = withheld
            {
                eprintln!(
                    "提示：答复结果为{}，依行政复议法第二十三条，申请人应当先申请行政复议；未经复议直接起诉的，可在答辩时提出",
                    r.outcome.label()
                );
            }
        }
        AppealCmd::Result(a) => {
            let number = match a.number {
                Some(n) => n,
                None => only_open_appeal(ctx, &a.step.case)?,
            };
            let result = match a.result {
                ResultArg::Upheld => AppealResult::Upheld,
                ResultArg::Corrected => AppealResult::Corrected,
                ResultArg::Other => AppealResult::Other,
            };
            super::record(
                ctx,
                &a.step,
                Step::AppealDecided {
                    number,
                    result,
                    note: super::text(&a.note),
                },
            )?;
        }
    }
    Ok(Exit::Ok)
}
