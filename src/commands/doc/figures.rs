//! `disclose doc figures`: the rows of table 二 that come from other business systems (行政许可,
//! 行政处罚, 行政强制 本年处理决定数量; 行政事业性收费 本年收费金额（单位：万元）), entered per year and
//! recorded as an event in the documents' chain (SPEC §10; [格式] 国办公开办函〔2021〕30号).

use std::io::Write;

use crate::context::{Ctx, Format};
use crate::document::YearFigures;
use crate::error::Exit;

/// 录入年度报告表二的其他数据（每次录入记为一条事件，以最后一次为准）
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 报告年度
    #[arg(long, value_parser = |s: &str| super::super::parse_count(s, 2008, 2100))]
    year: u32,
    /// 行政许可 本年处理决定数量
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = |s: &str| super::super::parse_count(s, 0, 999_999_999))]
    licensing: u32,
    /// 行政处罚 本年处理决定数量
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = |s: &str| super::super::parse_count(s, 0, 999_999_999))]
    penalty: u32,
    /// 行政强制 本年处理决定数量
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = |s: &str| super::super::parse_count(s, 0, 999_999_999))]
    coercion: u32,
    /// 行政事业性收费 本年收费金额（单位：万元，最多四位小数）
    #[arg(long = "fees-wan", value_name = "万元", allow_hyphen_values = true, value_parser = parse_wan)]
    fees_wan: f64,
    /// 经办人
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

fn parse_wan(s: &str) -> Result<f64, String> {
    let v: f64 = crate::text::half_width(s)
        .trim()
        .parse()
        .map_err(|_| "应为金额（万元，如 12.5）".to_string())?;
    let f = YearFigures {
        fees_wan: v,
        ..YearFigures::default()
    };
    f.check()?;
    Ok(v)
}

/// Runs `doc figures`.
///
/// # Errors
/// Figures that cannot be right (exit 4), the database's errors.
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    let by = ctx.recorder(a.by.as_deref());
    let figures = YearFigures {
        licensing: u64::from(a.licensing),
        penalty: u64::from(a.penalty),
        coercion: u64::from(a.coercion),
        fees_wan: a.fees_wan,
    };
    let year = a.year as i32;
    let today = ctx.today;
    super::write(ctx, true, |w| w.enter_figures(year, figures, today, &by))?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(
            out,
            "{}",
            crate::output::json(&serde_json::json!({"year": year, "figures": figures}))?
        )?,
        _ => writeln!(
            out,
            "已录入 {year} 年表二：行政许可 {}，行政处罚 {}，行政强制 {}，行政事业性收费 {} 万元",
            figures.licensing, figures.penalty, figures.coercion, figures.fees_wan
        )?,
    }
    Ok(Exit::Ok)
}
