//! The annual statistics: table 三 (收到和处理政府信息公开申请情况) and table 四 (政府信息公开行政
//! 复议、行政诉讼情况) of the national annual-report format \[格式\] 国办公开办函〔2021〕30号, SPEC.md §5,
//! computed from the requests' projections ([`Case`]). Pure: no I/O, no clock.
//!
//! Table 三 counts requests by applicant type (the columns) and by what happened to them in the
//! year (the rows):
//!
//! - 一、本年新收: the request's *counted receipt date* ([`counted_received_on`]) falls in the
//!   year. That is the receipt date R (条例 Art 31); a request whose clock never started (an
//!   ordinary letter whose applicant could not be reached) counts on its registration date.
//! - 二、上年结转: received before the year and still open at the end of the previous year.
//! - 三、本年度办理结果: concluded in the year ([`crate::case::Conclusion::on`], the reply or
//!   closing date), by outcome; a 小计 for each of （三）–（六）, and （七）总计.
//! - 四、结转下年度继续办理: received by the end of the year and still open at its end.
//!
//! Every row is computed on its own from the requests, and then the identity of the format
//! (一 + 二 = （七）总计 + 四, in every column) is checked: [`compute`] refuses to give a table that
//! does not add up, naming the requests that break it.
//!
//! Table 四 counts the appeals ([`crate::case::Appeal`]) filed in the year, by kind and by result
//! as of the end of the year (尚未审结 = no result by then).
//!
//! Rendering (the published layout as rows, CSV rows, Markdown and HTML fragments) is separate
//! from computing, in `annual/render.rs`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::case::outcome::{GROUP_LABELS, ITEM_LABELS};
use crate::case::{Appeal, AppealKind, AppealResult, ApplicantType, Case, Outcome};

mod counted;
mod record_corrections;
mod render;

pub use counted::compute_counted;

pub use record_corrections::{
    Ends, RECORD_CORRECTIONS_TITLE, RecordCorrections, record_corrections_of,
};

/// Title of table 三 in the annual report \[格式\].
pub const TABLE3_TITLE: &str = "三、收到和处理政府信息公开申请情况";
/// Title of table 四 in the annual report \[格式\].
pub const TABLE4_TITLE: &str = "四、政府信息公开行政复议、行政诉讼情况";
/// The note heading the label column of table 三 \[格式\].
pub const IDENTITY_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// The heading over the applicant columns of table 三.
pub const APPLICANT_HEADING: &str = "申请人情况";
/// The group heading over the five organisation columns of table 三.
pub const ORGANISATION_HEADING: &str = "法人或其他组织";
/// The heading of the rows of results (三、本年度办理结果), which has no numbers of its own.
pub const RESULTS_HEADING: &str = "三、本年度办理结果";
/// The label of a subtotal row of （三）–（六）. The national template has no such rows: they
/// appear in the terminal table, CSV and JSON, not in the fragments.
pub const SUBTOTAL_LABEL: &str = "小计";

/// A column of table 三: one applicant type (申请人情况), or 总计.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 自然人, or one of the five 法人或其他组织 columns.
    Applicant(ApplicantType),
    /// 总计: every applicant type.
    Total,
}

impl Column {
    /// The seven columns, in the order of the table.
    pub const ALL: [Column; 7] = [
        Column::Applicant(ApplicantType::Natural),
        Column::Applicant(ApplicantType::Enterprise),
        Column::Applicant(ApplicantType::Research),
        Column::Applicant(ApplicantType::Nonprofit),
        Column::Applicant(ApplicantType::Legal),
        Column::Applicant(ApplicantType::OtherOrg),
        Column::Total,
    ];

    /// Position in [`Column::ALL`] (0–6).
    pub fn index(&self) -> usize {
        match self {
            Column::Applicant(t) => ApplicantType::ALL
                .iter()
                .position(|x| x == t)
                .expect("every type is a column"),
            Column::Total => 6,
        }
    }

    /// The JSON key: `natural`, `enterprise`, `research`, `nonprofit`, `legal`, `other-org`,
    /// `total`.
    pub fn key(&self) -> &'static str {
        match self {
            Column::Applicant(t) => t.name(),
            Column::Total => "total",
        }
    }

    /// The column heading, verbatim from the format: 自然人, 商业企业, 科研机构, 社会公益组织,
    /// 法律服务机构, 其他, 总计 (the five organisation columns sit under 法人或其他组织).
    pub fn label(&self) -> &'static str {
        match self {
            Column::Applicant(t) => t.label(),
            Column::Total => "总计",
        }
    }

    /// Parses a JSON key, a command-line type name or a Chinese heading (`total` and 总计 for the
    /// total column; 其他 means the organisations' 其他).
    ///
    /// # Errors
    /// A message listing the accepted names.
    pub fn parse(s: &str) -> Result<Column, String> {
        let t = s.trim();
        if t == "total" || t == "总计" {
            return Ok(Column::Total);
        }
        ApplicantType::parse(t).map(Column::Applicant).ok_or_else(|| {
            format!(
                "不认识的列“{s}”：可用 natural, enterprise, research, nonprofit, legal, other-org, total（或 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）"
            )
        })
    }
}

/// A row of table 三, identified by its code (the keys of the JSON output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// `一`: 一、本年新收政府信息公开申请数量.
    Received,
    /// `二`: 二、上年结转政府信息公开申请数量.
    CarriedOver,
    /// `1`, `2`, `3.1`–`3.8`, `4.1`–`4.3`, `5.1`–`5.5`, `6.1`–`6.3`: one outcome (SPEC.md §4).
    Outcome(Outcome),
    /// `3`–`6`: the subtotal (小计) of group （三）–（六）.
    Subtotal(u8),
    /// `7`: （七）总计, every request concluded in the year.
    Concluded,
    /// `四`: 四、结转下年度继续办理.
    CarriedForward,
}

impl Row {
    /// Every row, in the order of the table: 一, 二, 1, 2, 3.1 … 3.8, 3, 4.1 … 4.3, 4, 5.1 … 5.5,
    /// 5, 6.1 … 6.3, 6, 7, 四 (29 rows).
    pub fn all() -> Vec<Row> {
        let mut v = vec![Row::Received, Row::CarriedOver];
        let mut group = 1;
        for o in Outcome::all() {
            if o.group != group {
                if group >= 3 {
                    v.push(Row::Subtotal(group));
                }
                group = o.group;
            }
            v.push(Row::Outcome(o));
        }
        v.push(Row::Subtotal(group));
        v.push(Row::Concluded);
        v.push(Row::CarriedForward);
        v
    }

    /// The row code: `一`, `二`, `1`, `2`, `3.4`, `3` (subtotal), `7` (总计), `四`.
    pub fn code(&self) -> String {
        match self {
            Row::Received => "一".to_string(),
            Row::CarriedOver => "二".to_string(),
            Row::Outcome(o) => o.code(),
            Row::Subtotal(g) => g.to_string(),
            Row::Concluded => "7".to_string(),
            Row::CarriedForward => "四".to_string(),
        }
    }

    /// The full label, verbatim from the format: `一、本年新收政府信息公开申请数量`,
    /// `（三）不予公开 4.保护第三方合法权益`, `（三）不予公开 小计`, `（七）总计`, ….
    pub fn label(&self) -> String {
        match self {
            Row::Outcome(o) => o.label(),
            Row::Subtotal(g) => format!("{} {SUBTOTAL_LABEL}", GROUP_LABELS[*g as usize - 1]),
            _ => self.short_label().to_string(),
        }
    }

    /// The label within its group, as the published table prints it beside the group's name:
    /// `4.保护第三方合法权益`, `（一）予以公开`, `小计`, `（七）总计`, `一、本年新收…`.
    pub fn short_label(&self) -> &'static str {
        match self {
            Row::Received => "一、本年新收政府信息公开申请数量",
            Row::CarriedOver => "二、上年结转政府信息公开申请数量",
            Row::Outcome(o) => o.item_label().unwrap_or_else(|| o.group_label()),
            Row::Subtotal(_) => SUBTOTAL_LABEL,
            Row::Concluded => "（七）总计",
            Row::CarriedForward => "四、结转下年度继续办理",
        }
    }

    /// Parses a row code (`一`, `二`, `1`, `3.4`, `3`, `7`, `四`), a group's number in brackets
    /// as the table prints it (`（四）`, `(四)`, `(4)`, `（4）`: the subtotal of （四）无法提供, as
    /// `4` is; `（一）` and `（二）` are their outcomes, `（七）` the total), or a Chinese label (the
    /// full label, or without its numbering: `保护第三方合法权益`, `不予公开` for the subtotal of
    /// （三）, `本年新收政府信息公开申请数量`, `总计`; any unambiguous part of an outcome's label).
    /// Bare `四` is row 四、结转下年度继续办理, as the table prints it.
    ///
    /// # Errors
    /// A message listing the codes.
    pub fn parse(s: &str) -> Result<Row, String> {
        let t = s.trim();
        if let Some(row) = bracketed_group(t) {
            return Ok(row);
        }
        let strip = |l: &str| -> String {
            l.split_once('、')
                .or_else(|| l.split_once('）'))
                .map_or(l.to_string(), |(_, r)| r.to_string())
        };
        for r in Row::all() {
            let names = match r {
                Row::Outcome(_) => vec![r.code()],
                Row::Subtotal(g) => {
                    let gl = GROUP_LABELS[g as usize - 1];
                    vec![r.code(), r.label(), gl.to_string(), strip(gl)]
                }
                _ => vec![r.code(), r.label(), strip(r.short_label())],
            };
            if names.iter().any(|n| n == t) || (r == Row::Concluded && t == "总计") {
                return Ok(r);
            }
        }
        Outcome::parse(t).map(Row::Outcome).map_err(|e| {
            if e.contains("不明确") {
                return e;
            }
            format!(
                "不认识的行“{s}”：请用行代码 一、二、1、2、3.1–3.8、3（小计）、4.1–4.3、4、5.1–5.5、5、6.1–6.3、6、7（总计）、四，（一）至（七），或表中的名称（如“保护第三方合法权益”）"
            )
        })
    }
}

/// The row a group's number in brackets names, as the table prints the groups of 三、本年度办理
/// 结果 (`（一）` … `（七）`, full- or half-width brackets, Chinese or Arabic numeral): （一） and
/// （二） are outcomes 1 and 2, （三）–（六） the subtotals, （七） the total.
fn bracketed_group(t: &str) -> Option<Row> {
    let inner = t
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    let n = match inner {
        "一" | "1" | "１" => 1,
        "二" | "2" | "２" => 2,
        "三" | "3" | "３" => 3,
        "四" | "4" | "４" => 4,
        "五" | "5" | "５" => 5,
        "六" | "6" | "６" => 6,
        "七" | "7" | "７" => 7,
        _ => return None,
    };
    Some(match n {
        1 | 2 => Row::Outcome(Outcome { group: n, item: 0 }),
        7 => Row::Concluded,
        g => Row::Subtotal(g),
    })
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// The date a request counts as received for the statistics: the receipt date R (条例 Art 31),
/// or, for a request whose clock never started (ordinary letter, applicant unreachable), its
/// registration date.
pub fn counted_received_on(c: &Case) -> NaiveDate {
    c.received_on.unwrap_or(c.registered_on)
}

/// The rows of table 三 for `year` in which `case` counts (in its applicant column and in 总计):
/// none, or some of 一, 二, its outcome with its group's 小计 and 7, 四. For a consistent request
/// (concluded no earlier than received), exactly as many of 一 and 二 as of 7 and 四.
///
/// A correction-of-record request (更正申请, 条例 Art 41) is not a disclosure request: it counts
/// in no row (SPEC §8); [`record_corrections_of`] counts it.
pub fn rows_of(case: &Case, year: i32) -> Vec<Row> {
    if case.is_record_correction() {
        return vec![];
    }
    let received = counted_received_on(case).year();
    let concluded = case.conclusion.as_ref().map(|c| (c.on.year(), c.outcome));
    let open_after = |y: i32| concluded.is_none_or(|(cy, _)| cy > y);
    let mut v = Vec::new();
    if received == year {
        v.push(Row::Received);
    }
    if received < year && open_after(year - 1) {
        v.push(Row::CarriedOver);
    }
    if let Some((cy, outcome)) = concluded
        && cy == year
    {
        v.push(Row::Outcome(outcome));
        if outcome.group >= 3 {
            v.push(Row::Subtotal(outcome.group));
        }
        v.push(Row::Concluded);
    }
    if received <= year && open_after(year) {
        v.push(Row::CarriedForward);
    }
    v
}

/// Table 三 for one year: for every row and column, the requests counted in that cell.
#[derive(Debug, Clone)]
pub struct Table3<'a> {
    rows: Vec<Row>,
    cells: Vec<[Vec<&'a Case>; 7]>,
    counts: Vec<[usize; 7]>,
}

impl<'a> Table3<'a> {
    fn position(&self, row: Row) -> usize {
        self.rows
            .iter()
            .position(|r| *r == row)
            .expect("every row is in the table")
    }

    /// The rows, in table order ([`Row::all`]).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The requests counted in one cell, in case-number order of the input (none for a table
    /// counted by the store, [`compute_counted`]).
    pub fn cell(&self, row: Row, column: Column) -> &[&'a Case] {
        &self.cells[self.position(row)][column.index()]
    }

    /// The number in one cell.
    pub fn count(&self, row: Row, column: Column) -> usize {
        self.counts[self.position(row)][column.index()]
    }
}

/// A column of table 四: a result, 尚未审结 or 总计.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppealColumn {
    /// 结果维持, 结果纠正 or 其他结果, decided by the end of the year.
    Decided(AppealResult),
    /// 尚未审结: no result by the end of the year.
    Pending,
    /// 总计.
    Total,
}

impl AppealColumn {
    /// The five columns of each group, in the order of the table.
    pub const ALL: [AppealColumn; 5] = [
        AppealColumn::Decided(AppealResult::Upheld),
        AppealColumn::Decided(AppealResult::Corrected),
        AppealColumn::Decided(AppealResult::Other),
        AppealColumn::Pending,
        AppealColumn::Total,
    ];

    /// Position in [`AppealColumn::ALL`].
    pub fn index(&self) -> usize {
        AppealColumn::ALL
            .iter()
            .position(|c| c == self)
            .expect("every column is listed")
    }

    /// The JSON key: `upheld`, `corrected`, `other`, `pending`, `total`.
    pub fn key(&self) -> &'static str {
        match self {
            AppealColumn::Decided(AppealResult::Upheld) => "upheld",
            AppealColumn::Decided(AppealResult::Corrected) => "corrected",
            AppealColumn::Decided(AppealResult::Other) => "other",
            AppealColumn::Pending => "pending",
            AppealColumn::Total => "total",
        }
    }

    /// The heading: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    pub fn label(&self) -> &'static str {
        match self {
            AppealColumn::Decided(r) => r.label(),
            AppealColumn::Pending => "尚未审结",
            AppealColumn::Total => "总计",
        }
    }
}

/// The JSON key of an appeal kind: `reconsideration`, `lawsuit-direct`,
/// `lawsuit-after-reconsideration`.
pub fn appeal_kind_key(k: AppealKind) -> &'static str {
    match k {
        AppealKind::Reconsideration => "reconsideration",
        AppealKind::LawsuitDirect => "lawsuit-direct",
        AppealKind::LawsuitAfterReconsideration => "lawsuit-after-reconsideration",
    }
}

fn kind_index(k: AppealKind) -> usize {
    AppealKind::ALL
        .iter()
        .position(|x| *x == k)
        .expect("every kind is listed")
}

/// One appeal counted in table 四: the request, the appeal's number within it (1-based, as
/// `disclose appeal result --number` takes it) and the appeal.
#[derive(Debug, Clone, Copy)]
pub struct AppealEntry<'a> {
    /// The request appealed over.
    pub case: &'a Case,
    /// Its number within the request.
    pub number: usize,
    /// The appeal.
    pub appeal: &'a Appeal,
}

/// Table 四 for one year: for each kind (行政复议; 行政诉讼 未经复议直接起诉; 行政诉讼 复议后起诉)
/// and column, the appeals counted.
#[derive(Debug, Clone)]
pub struct Table4<'a> {
    cells: [[Vec<AppealEntry<'a>>; 5]; 3],
}

impl<'a> Table4<'a> {
    /// The appeals counted in one cell.
    pub fn cell(&self, kind: AppealKind, column: AppealColumn) -> &[AppealEntry<'a>] {
        &self.cells[kind_index(kind)][column.index()]
    }

    /// The number in one cell.
    pub fn count(&self, kind: AppealKind, column: AppealColumn) -> usize {
        self.cell(kind, column).len()
    }
}

/// The annual statistics of one year: tables 三 and 四 \[格式\].
///
/// Serialises (JSON) as `{"year": 2026, "table3": {ROW: {COLUMN: n, …}, …}, "table4": {KIND:
/// {RESULT: n, …}, …}}`, rows and columns in table order: ROW is a [`Row::code`], COLUMN a
/// [`Column::key`], KIND an [`appeal_kind_key`], RESULT an [`AppealColumn::key`].
#[derive(Debug, Clone)]
pub struct AnnualReport<'a> {
    /// The calendar year reported (1 January – 31 December).
    pub year: i32,
    /// Table 三.
    pub table3: Table3<'a>,
    /// Table 四.
    pub table4: Table4<'a>,
    /// Section 六: the information-processing fees of the year.
    pub fees: Fees,
    /// The correction-of-record requests (更正申请, 条例 Art 41), counted apart from table 三.
    pub record_corrections: RecordCorrections,
}

/// The information-processing fees (信息处理费, 国办函〔2020〕109号) of a year, for section 六 of the
/// annual report (其他需要报告的事项: 收取信息处理费的情况): the fees paid in the year, counted once per request, and their
/// total in yuan. A fee notified but not paid (or closed as （六）2 unpaid) was not collected and
/// is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Fees {
    /// Requests whose fee was paid in the year.
    pub count: usize,
    /// Their total, yuan.
    pub amount_yuan: u64,
}

/// The fees paid in `year` among `cases` (section 六, 109号).
pub fn fees_of(cases: &[Case], year: i32) -> Fees {
    let mut f = Fees::default();
    for fee in cases.iter().filter_map(|c| c.fee.as_ref()) {
        if fee.paid_on.is_some_and(|d| d.year() == year) {
            f.count += 1;
            f.amount_yuan += fee.amount_yuan;
        }
    }
    f
}

/// One column of table 三 that does not add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imbalance {
    /// The column.
    pub column: Column,
    /// 一 + 二.
    pub left: usize,
    /// （七）总计 + 四.
    pub right: usize,
    /// The requests of this column that count more (or less) on the left than on the right,
    /// each with its counted receipt date and its conclusion date.
    pub cases: Vec<(String, NaiveDate, Option<NaiveDate>)>,
}

/// Table 三 would not add up: 一 + 二 ≠ （七）总计 + 四 in some column. It cannot happen with
/// requests recorded through `disclose` (a request is concluded no earlier than received); it
/// means the register is inconsistent, an internal error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct IdentityError {
    /// The year.
    pub year: i32,
    /// The columns that do not add up.
    pub imbalances: Vec<Imbalance>,
}

impl fmt::Display for IdentityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} 年度统计表三不平衡（应有 一 + 二 = （七）总计 + 四）：",
            self.year
        )?;
        let cols: Vec<String> = self
            .imbalances
            .iter()
            .map(|i| format!("{}列 {} ≠ {}", i.column.label(), i.left, i.right))
            .collect();
        write!(f, "{}", cols.join("；"))?;
        let mut cases: Vec<String> = Vec::new();
        for i in &self.imbalances {
            for (no, received, concluded) in &i.cases {
                let s = format!(
                    "{no}（计入收到 {received}，办结 {}）",
                    concluded.map_or("—".to_string(), |d| d.to_string())
                );
                if !cases.contains(&s) {
                    cases.push(s);
                }
            }
        }
        write!(f, "。破坏勾稽关系的申请：{}", cases.join("、"))
    }
}

/// Computes tables 三 and 四 of `year` from `cases` (the projections of the requests; any that
/// do not concern the year are ignored), then checks the identity 一 + 二 = （七）总计 + 四 in
/// every column of table 三 \[格式\] 国办公开办函〔2021〕30号, SPEC.md §5.
///
/// Dates are calendar dates; the year runs from 1 January to 31 December. A request counts in
/// the rows given by [`rows_of`]; an appeal counts in table 四 when filed in the year, under its
/// result if decided by 31 December, else under 尚未审结.
///
/// # Errors
/// [`IdentityError`] naming the columns and the requests that break the identity (a request
/// concluded before the year it counts as received in).
pub fn compute(cases: &[Case], year: i32) -> Result<AnnualReport<'_>, IdentityError> {
    let rows = Row::all();
    let mut cells: Vec<[Vec<&Case>; 7]> = rows.iter().map(|_| Default::default()).collect();
    let mut balance: Vec<(usize, &Case, i32)> = Vec::new();
    for c in cases {
        let col = Column::Applicant(c.registration.applicant_type).index();
        let mut b = 0;
        for r in rows_of(c, year) {
            let p = rows
                .iter()
                .position(|x| *x == r)
                .expect("every row is in the table");
            cells[p][col].push(c);
            cells[p][Column::Total.index()].push(c);
            b += match r {
                Row::Received | Row::CarriedOver => 1,
                Row::Concluded | Row::CarriedForward => -1,
                _ => 0,
            };
        }
        if b != 0 {
            balance.push((col, c, b));
        }
    }
    let counts = cells.iter().map(|c| c.each_ref().map(Vec::len)).collect();
    let table3 = Table3 {
        rows,
        cells,
        counts,
    };
    let mut imbalances = Vec::new();
    for column in Column::ALL {
        let n = |r: Row| table3.count(r, column);
        let left = n(Row::Received) + n(Row::CarriedOver);
        let right = n(Row::Concluded) + n(Row::CarriedForward);
        if left != right {
            let cases = balance
                .iter()
                .filter(|(col, _, _)| column == Column::Total || *col == column.index())
                .map(|(_, c, _)| {
                    (
                        c.case_no.clone(),
                        counted_received_on(c),
                        c.conclusion.as_ref().map(|x| x.on),
                    )
                })
                .collect();
            imbalances.push(Imbalance {
                column,
                left,
                right,
                cases,
            });
        }
    }
    if !imbalances.is_empty() {
        return Err(IdentityError { year, imbalances });
    }
    Ok(with_table4(year, table3, cases))
}

/// Table 四 (the appeals filed in `year`, by kind and by result at the year's end) and the fees
/// paid in it, from `cases`, with `table3`.
fn with_table4<'a>(year: i32, table3: Table3<'a>, cases: &'a [Case]) -> AnnualReport<'a> {
    let mut t4: [[Vec<AppealEntry>; 5]; 3] = Default::default();
    for c in cases {
        for (i, a) in c.appeals.iter().enumerate() {
            if a.filed_on.year() != year {
                continue;
            }
            let column = match a.result {
                Some((on, r)) if on.year() <= year => AppealColumn::Decided(r),
                _ => AppealColumn::Pending,
            };
            let e = AppealEntry {
                case: c,
                number: i + 1,
                appeal: a,
            };
            let k = kind_index(a.kind);
            t4[k][column.index()].push(e);
            t4[k][AppealColumn::Total.index()].push(e);
        }
    }
    AnnualReport {
        year,
        table3,
        table4: Table4 { cells: t4 },
        fees: fees_of(cases, year),
        record_corrections: record_corrections_of(cases, year),
    }
}

#[cfg(test)]
mod tests;
