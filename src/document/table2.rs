//! Table 二 of the annual report (二、主动公开政府信息情况; 条例 Art 50, 国办公开办函〔2021〕30号
//! 格式), SPEC §10, labels exact:
//!
//! | 第二十条第（一）项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
//! |---|---|---|---|---|
//! | | 规章 / 行政规范性文件 | issued | repealed | in force |
//!
//! 第二十条第（五）项 行政许可, 第（六）项 行政处罚、行政强制: 本年处理决定数量; 第（八）项
//! 行政事业性收费: 本年收费金额（单位：万元）. The first block comes from the register; the others
//! are entered per year by the office ([`YearFigures`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::event::Document;
use super::types::DocType;

/// 信息内容 labels of table 二, exact (SPEC §10).
pub mod labels {
    /// Header of the first block.
    pub const ITEM_1: &str = "第二十条第（一）项";
    /// Header of the 行政许可 block.
    pub const ITEM_5: &str = "第二十条第（五）项";
    /// Header of the 行政处罚/行政强制 block.
    pub const ITEM_6: &str = "第二十条第（六）项";
    /// Header of the 收费 block.
    pub const ITEM_8: &str = "第二十条第（八）项";
    /// Column.
    pub const CONTENT: &str = "信息内容";
    /// Column.
    pub const ISSUED: &str = "本年制发件数";
    /// Column.
    pub const REPEALED: &str = "本年废止件数";
    /// Column.
    pub const IN_FORCE: &str = "现行有效件数";
    /// Column.
    pub const DECISIONS: &str = "本年处理决定数量";
    /// Column.
    pub const FEES: &str = "本年收费金额（单位：万元）";
    /// Row.
    pub const RULES: &str = "规章";
    /// Row.
    pub const NORMATIVE: &str = "行政规范性文件";
    /// Row.
    pub const LICENSING: &str = "行政许可";
    /// Row.
    pub const PENALTY: &str = "行政处罚";
    /// Row.
    pub const COERCION: &str = "行政强制";
    /// Row.
    pub const FEES_ROW: &str = "行政事业性收费";
}

/// A row of the first block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedRow {
    /// 本年制发件数: 成文日期 in the year (published or not: 制发 is the issuing).
    pub issued: u32,
    /// 本年废止件数: repealed or lapsed (废止、失效) in the year.
    pub repealed: u32,
    /// 现行有效件数: formed by 31 December and not repealed or lapsed by then (amended stays).
    pub in_force: u32,
}

/// 本年处理决定数量.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// The number of decisions in the year.
    pub decisions: u64,
}

/// 本年收费金额（单位：万元）.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Fees {
    /// The amount, in 万元 (ten thousand yuan).
    pub amount_wan: f64,
}

/// The figures of table 二 that come from other business systems, entered per year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct YearFigures {
    /// 行政许可 本年处理决定数量.
    pub licensing: u64,
    /// 行政处罚 本年处理决定数量.
    pub penalty: u64,
    /// 行政强制 本年处理决定数量.
    pub coercion: u64,
    /// 行政事业性收费 本年收费金额（单位：万元）.
    pub fees_wan: f64,
}

impl YearFigures {
    /// Checks entered figures: the amount finite, not negative, and at most four decimals (万元
    /// to the yuan); counts below 10^9 (SPEC §10).
    ///
    /// # Errors
    /// What is wrong, in Chinese.
    pub fn check(&self) -> Result<(), String> {
        let f = self.fees_wan;
        if !f.is_finite() || !(0.0..1e9).contains(&f) {
            return Err(format!("本年收费金额（单位：万元）须为不小于0的数：{f}"));
        }
        if ((f * 10_000.0).round() - f * 10_000.0).abs() > 1e-6 {
            return Err(format!(
                "本年收费金额（单位：万元）最多保留四位小数（精确到元）：{f}"
            ));
        }
        for (label, n) in [
            (labels::LICENSING, self.licensing),
            (labels::PENALTY, self.penalty),
            (labels::COERCION, self.coercion),
        ] {
            if n >= 1_000_000_000 {
                return Err(format!("{label}本年处理决定数量过大：{n}"));
            }
        }
        Ok(())
    }
}

/// Table 二, JSON shape `{"rules": {"issued","repealed","in_force"}, "normative": {…},
/// "licensing": {"decisions"}, "penalty": {…}, "coercion": {…}, "fees": {"amount_wan"}}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Table2 {
    /// 规章.
    pub rules: IssuedRow,
    /// 行政规范性文件.
    pub normative: IssuedRow,
    /// 行政许可.
    pub licensing: Decisions,
    /// 行政处罚.
    pub penalty: Decisions,
    /// 行政强制.
    pub coercion: Decisions,
    /// 行政事业性收费.
    pub fees: Fees,
}

fn last_day(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// Whether the document was in force on 31 December of `year` (SPEC §10).
fn in_force(d: &Document, year: i32) -> bool {
    let (Some(f), Some(end)) = (d.formed_on(), last_day(year)) else {
        return false;
    };
    f <= end && d.ended_on().is_none_or(|e| e > end)
}

fn row_of(docs: &[Document], t: DocType, year: i32) -> IssuedRow {
    let mut r = IssuedRow::default();
    for d in docs.iter().filter(|d| d.doc_type() == Some(t)) {
        if d.formed_on().is_some_and(|f| f.year() == year) {
            r.issued += 1;
        }
        if d.ended_on().is_some_and(|e| e.year() == year) {
            r.repealed += 1;
        }
        if in_force(d, year) {
            r.in_force += 1;
        }
    }
    r
}

/// Table 二 of `year`: the first block counted over the register (SPEC §10; 条例 Art 20(一)),
/// the others as entered.
pub fn table2(docs: &[Document], year: i32, figures: &YearFigures) -> Table2 {
    Table2 {
        rules: row_of(docs, DocType::Rules, year),
        normative: row_of(docs, DocType::Normative, year),
        licensing: Decisions {
            decisions: figures.licensing,
        },
        penalty: Decisions {
            decisions: figures.penalty,
        },
        coercion: Decisions {
            decisions: figures.coercion,
        },
        fees: Fees {
            amount_wan: figures.fees_wan,
        },
    }
}

/// A document that breaks 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentityBreak {
    /// Its position in the slice given.
    pub index: usize,
    /// Its title.
    pub title: String,
    /// Its 文号.
    pub doc_no: Option<String>,
    /// Its contribution to 现行有效(Y) − 现行有效(Y−1) − 本年制发(Y) + 本年废止(Y) (0 for a
    /// consistent document): e.g. a 废止 dated before its 成文日期, counted as repealed in a year
    /// it was never in force.
    pub delta: i32,
}

/// The documents (规章 and 行政规范性文件) that break table 二's identity across `year − 1` and
/// `year` (SPEC §10), each with its contribution; empty when the identity holds.
pub fn table2_identity(docs: &[Document], year: i32) -> Vec<IdentityBreak> {
    docs.iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.doc_type(), Some(DocType::Rules | DocType::Normative)))
        .filter_map(|(index, d)| {
            let now = i32::from(in_force(d, year));
            let before = i32::from(in_force(d, year - 1));
            let issued = i32::from(d.formed_on().is_some_and(|f| f.year() == year));
            let repealed = i32::from(d.ended_on().is_some_and(|e| e.year() == year));
            let delta = now - before - issued + repealed;
            (delta != 0).then(|| IdentityBreak {
                index,
                title: d
                    .registration
                    .as_ref()
                    .map(|r| r.title.clone())
                    .unwrap_or_default(),
                doc_no: d.registration.as_ref().and_then(|r| r.doc_no.clone()),
                delta,
            })
        })
        .collect()
}
