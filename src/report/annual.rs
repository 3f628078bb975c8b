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
//! from computing, further down.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::case::outcome::{GROUP_LABELS, ITEM_LABELS};
use crate::case::{Appeal, AppealKind, AppealResult, ApplicantType, Case, Outcome};

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

    /// Parses a row code (`一`, `二`, `1`, `3.4`, `3`, `7`, `四`) or a Chinese label (the full
    /// label, or without its numbering: `保护第三方合法权益`, `不予公开` for the subtotal of （三）,
    /// `本年新收政府信息公开申请数量`, `总计`).
    ///
    /// # Errors
    /// A message listing the codes.
    pub fn parse(s: &str) -> Result<Row, String> {
        let t = s.trim();
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
        Outcome::parse(t).map(Row::Outcome).map_err(|_| {
            format!(
                "不认识的行“{s}”：请用行代码 一、二、1、2、3.1–3.8、3（小计）、4.1–4.3、4、5.1–5.5、5、6.1–6.3、6、7（总计）、四，或表中的名称（如“保护第三方合法权益”）"
            )
        })
    }
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
pub fn rows_of(case: &Case, year: i32) -> Vec<Row> {
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

    /// The requests counted in one cell, in case-number order of the input.
    pub fn cell(&self, row: Row, column: Column) -> &[&'a Case] {
        &self.cells[self.position(row)][column.index()]
    }

    /// The number in one cell.
    pub fn count(&self, row: Row, column: Column) -> usize {
        self.cell(row, column).len()
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
    let table3 = Table3 { rows, cells };
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
    Ok(AnnualReport {
        year,
        table3,
        table4: Table4 { cells: t4 },
    })
}

/// A map that serialises its entries in the given order.
struct Ordered<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for AnnualReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t3 = Ordered(
            self.table3
                .rows()
                .iter()
                .map(|r| {
                    let cols = Column::ALL
                        .iter()
                        .map(|c| (c.key().to_string(), self.table3.count(*r, *c)))
                        .collect();
                    (r.code(), Ordered(cols))
                })
                .collect(),
        );
        let t4 = Ordered(
            AppealKind::ALL
                .iter()
                .map(|k| {
                    let cols = AppealColumn::ALL
                        .iter()
                        .map(|c| (c.key().to_string(), self.table4.count(*k, *c)))
                        .collect();
                    (appeal_kind_key(*k).to_string(), Ordered(cols))
                })
                .collect(),
        );
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("year", &self.year)?;
        m.serialize_entry("table3", &t3)?;
        m.serialize_entry("table4", &t4)?;
        m.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: the same numbers laid out for people (terminal), spreadsheets (CSV) and the
// report's web page (Markdown, HTML).
// ---------------------------------------------------------------------------------------------

/// Ideographic space, for indenting labels in a terminal table (two columns wide).
const INDENT: &str = "\u{3000}";

impl AnnualReport<'_> {
    fn numbers(&self, row: Row) -> impl Iterator<Item = String> + '_ {
        Column::ALL
            .iter()
            .map(move |c| self.table3.count(row, *c).to_string())
    }

    /// Table 三 as the terminal shows it: headers (three lines each, mirroring the published
    /// header: 申请人情况 / 自然人 · 法人或其他组织 (商业企业 … 其他) · 总计) and rows of nine cells
    /// (row code, indented label, seven numbers). The heading rows (三、本年度办理结果 and the
    /// names of groups （三）–（六）) have no code and no numbers; each group ends with its 小计.
    pub fn table3_grid(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut headers = vec!["代码".to_string(), IDENTITY_NOTE.to_string()];
        for c in Column::ALL {
            headers.push(match c {
                Column::Applicant(ApplicantType::Natural) => {
                    format!("{APPLICANT_HEADING}\n{}\n", c.label())
                }
                Column::Applicant(ApplicantType::Enterprise) => {
                    format!("\n{ORGANISATION_HEADING}\n{}", c.label())
                }
                Column::Applicant(_) => format!("\n\n{}", c.label()),
                Column::Total => format!("\n{}\n", c.label()),
            });
        }
        let heading = |label: String| {
            let mut r = vec![String::new(), label];
            r.extend(std::iter::repeat_n(String::new(), 7));
            r
        };
        let mut rows = Vec::new();
        let mut group = 0;
        for r in self.table3.rows() {
            let label = match r {
                Row::Received | Row::CarriedOver | Row::CarriedForward => {
                    r.short_label().to_string()
                }
                Row::Outcome(o) if o.item == 0 => {
                    if group == 0 {
                        rows.push(heading(RESULTS_HEADING.to_string()));
                    }
                    group = o.group;
                    format!("{INDENT}{}", o.group_label())
                }
                Row::Outcome(o) => {
                    if o.group != group {
                        rows.push(heading(format!("{INDENT}{}", o.group_label())));
                        group = o.group;
                    }
                    format!("{INDENT}{INDENT}{}", r.short_label())
                }
                Row::Subtotal(_) => format!("{INDENT}{INDENT}{SUBTOTAL_LABEL}"),
                Row::Concluded => format!("{INDENT}{}", r.short_label()),
            };
            let mut cells = vec![r.code(), label];
            cells.extend(self.numbers(*r));
            rows.push(cells);
        }
        (headers, rows)
    }

    /// Table 四 as the terminal shows it, mirroring the published layout: fifteen columns whose
    /// three-line headers read 行政复议 / 行政诉讼 · 未经复议直接起诉 · 复议后起诉 and the results,
    /// and one row of numbers.
    pub fn table4_grid(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut headers = Vec::new();
        let mut row = Vec::new();
        for k in AppealKind::ALL {
            for (i, c) in AppealColumn::ALL.iter().enumerate() {
                let top = match (k, i) {
                    (AppealKind::Reconsideration, 0) => "行政复议",
                    (AppealKind::LawsuitDirect, 0) => "行政诉讼",
                    _ => "",
                };
                let middle = match (k, i) {
                    (AppealKind::LawsuitDirect, 0) => "未经复议直接起诉",
                    (AppealKind::LawsuitAfterReconsideration, 0) => "复议后起诉",
                    _ => "",
                };
                headers.push(format!("{top}\n{middle}\n{}", c.label()));
                row.push(self.table4.count(k, *c).to_string());
            }
        }
        (headers, vec![row])
    }

    /// CSV rows (nine columns): two header rows mirroring the published header, the 29 rows of
    /// table 三 (code, full label, seven numbers), an empty row, then table 四 as a header row and
    /// one row per kind (code, label, 结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
    pub fn csv_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut headers = vec!["代码".to_string(), "项目".to_string()];
        let mut second = vec![String::new(), String::new()];
        for c in Column::ALL {
            match c {
                Column::Applicant(ApplicantType::Natural) | Column::Total => {
                    headers.push(c.label().to_string());
                    second.push(String::new());
                }
                Column::Applicant(t) => {
                    headers.push(if t == ApplicantType::Enterprise {
                        ORGANISATION_HEADING.to_string()
                    } else {
                        String::new()
                    });
                    second.push(c.label().to_string());
                }
            }
        }
        let mut rows = vec![second];
        for r in self.table3.rows() {
            let mut cells = vec![r.code(), r.label()];
            cells.extend(self.numbers(*r));
            rows.push(cells);
        }
        let pad = |mut v: Vec<String>| {
            v.resize(9, String::new());
            v
        };
        rows.push(pad(vec![]));
        let mut h4 = vec!["代码".to_string(), TABLE4_TITLE.to_string()];
        h4.extend(AppealColumn::ALL.iter().map(|c| c.label().to_string()));
        rows.push(pad(h4));
        for k in AppealKind::ALL {
            let mut cells = vec![appeal_kind_key(k).to_string(), k.label().to_string()];
            cells.extend(
                AppealColumn::ALL
                    .iter()
                    .map(|c| self.table4.count(k, *c).to_string()),
            );
            rows.push(pad(cells));
        }
        (headers, rows)
    }

    /// A Markdown fragment for the annual report's web page: both tables under their titles, in
    /// the national template's rows (no 小计 rows). Markdown cannot merge cells and has one header
    /// row: the template's three heading rows of each table come first (the first one as the
    /// Markdown header), a merged heading standing in the first of the cells it spans; the rows of
    /// 三、本年度办理结果 carry the full label of their group and item.
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
        let mut s = format!("**{TABLE3_TITLE}**\n\n");
        let blank = || String::new();
        let mut h1 = vec![IDENTITY_NOTE.to_string(), APPLICANT_HEADING.to_string()];
        h1.extend(std::iter::repeat_with(blank).take(6));
        let mut h2 = vec![blank(), Column::ALL[0].label().to_string()];
        h2.push(ORGANISATION_HEADING.to_string());
        h2.extend(std::iter::repeat_with(blank).take(4));
        h2.push(Column::Total.label().to_string());
        let mut h3 = vec![blank(), blank()];
        h3.extend(Column::ALL[1..6].iter().map(|c| c.label().to_string()));
        h3.push(blank());
        s += &line(&h1);
        s += &line(&vec!["---".to_string(); 8]);
        s += &line(&h2);
        s += &line(&h3);
        for r in self.table3.rows() {
            if matches!(r, Row::Subtotal(_)) {
                continue;
            }
            let label = if matches!(r, Row::Outcome(_) | Row::Concluded) {
                format!("{RESULTS_HEADING} {}", r.label())
            } else {
                r.label()
            };
            let mut cells = vec![label];
            cells.extend(self.numbers(*r));
            s += &line(&cells);
        }
        s += &format!("\n**{TABLE4_TITLE}**\n\n");
        let (headers, rows) = self.table4_grid();
        let split: Vec<Vec<String>> = headers
            .iter()
            .map(|h| h.split('\n').map(str::to_string).collect())
            .collect();
        s += &line(&split.iter().map(|p| p[0].clone()).collect::<Vec<_>>());
        s += &line(&vec!["---".to_string(); 15]);
        // 行政复议's result headings span the second and third heading rows: they stand in the
        // second, as the published table's rowspan puts them at its top.
        let second: Vec<String> = split
            .iter()
            .enumerate()
            .map(|(i, p)| if i < 5 { p[2].clone() } else { p[1].clone() })
            .collect();
        let third: Vec<String> = split
            .iter()
            .enumerate()
            .map(|(i, p)| if i < 5 { String::new() } else { p[2].clone() })
            .collect();
        s += &line(&second);
        s += &line(&third);
        s += &line(&rows[0]);
        s
    }

    /// An HTML fragment for the annual report's web page: both tables exactly in the layout of
    /// the national template \[格式\] (merged cells, no 小计 rows), each under its title.
    pub fn html(&self) -> String {
        let mut s = String::new();
        let tds = |row: Row| -> String {
            Column::ALL
                .iter()
                .map(|c| format!("<td>{}</td>", self.table3.count(row, *c)))
                .collect()
        };
        s += &format!(
            "<p>{}</p>\n<table border=\"1\" cellspacing=\"0\">\n",
            escape(TABLE3_TITLE)
        );
        s += &format!(
            "<tr><td colspan=\"3\" rowspan=\"3\">{}</td><td colspan=\"7\">{APPLICANT_HEADING}</td></tr>\n",
            escape(IDENTITY_NOTE)
        );
        s += &format!(
            "<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">{ORGANISATION_HEADING}</td><td rowspan=\"2\">总计</td></tr>\n<tr>"
        );
        for c in &Column::ALL[1..6] {
            s += &format!("<td>{}</td>", c.label());
        }
        s += "</tr>\n";
        let results = Outcome::all().len() + 1;
        for r in self.table3.rows() {
            let label = match r {
                Row::Received | Row::CarriedOver | Row::CarriedForward => {
                    format!("<td colspan=\"3\">{}</td>", escape(r.short_label()))
                }
                Row::Subtotal(_) => continue,
                Row::Outcome(o) if o.item == 0 => {
                    let head = if o.group == 1 {
                        format!("<td rowspan=\"{results}\">{RESULTS_HEADING}</td>")
                    } else {
                        String::new()
                    };
                    format!("{head}<td colspan=\"2\">{}</td>", escape(o.group_label()))
                }
                Row::Outcome(o) => {
                    let head = if o.item == 1 {
                        let n = ITEM_LABELS[o.group as usize - 3].len();
                        format!("<td rowspan=\"{n}\">{}</td>", escape(o.group_label()))
                    } else {
                        String::new()
                    };
                    format!("{head}<td>{}</td>", escape(r.short_label()))
                }
                Row::Concluded => format!("<td colspan=\"2\">{}</td>", escape(r.short_label())),
            };
            s += &format!("<tr>{label}{}</tr>\n", tds(*r));
        }
        s += "</table>\n";
        s += &format!(
            "<p>{}</p>\n<table border=\"1\" cellspacing=\"0\">\n",
            escape(TABLE4_TITLE)
        );
        s += "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n<tr>";
        for c in AppealColumn::ALL {
            s += &format!("<td rowspan=\"2\">{}</td>", c.label());
        }
        s += "<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n<tr>";
        for _ in 0..2 {
            for c in AppealColumn::ALL {
                s += &format!("<td>{}</td>", c.label());
            }
        }
        s += "</tr>\n<tr>";
        for k in AppealKind::ALL {
            for c in AppealColumn::ALL {
                s += &format!("<td>{}</td>", self.table4.count(k, c));
            }
        }
        s += "</tr>\n</table>\n";
        s
    }
}

/// Escapes text for HTML (`&`, `<`, `>`, `"`).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Applicant, Channel, Event, Registration, Step, replay};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn reg(no: &str, t: ApplicantType, channel: Channel, unreachable: bool) -> Step {
        Step::Register(Box::new(Registration {
            case_no: no.to_string(),
            channel,
            unreachable,
            applicant_type: t,
            applicant: Applicant {
                name: format!("申请人{no}"),
                ..Default::default()
            },
            agent: None,
            content: "某文件".to_string(),
            form: None,
            delivery: None,
            tracking_no: None,
            note: None,
        }))
    }

    fn case(steps: &[(&str, Step)]) -> Case {
        let events: Vec<Event> = steps
            .iter()
            .map(|(on, step)| Event {
                on: d(on),
                by: "测试".to_string(),
                step: step.clone(),
            })
            .collect();
        replay(&events).unwrap()
    }

    fn withdraw() -> Step {
        Step::Withdraw { reason: None }
    }

    #[test]
    fn rows_codes_and_labels() {
        let rows = Row::all();
        assert_eq!(rows.len(), 29);
        let codes: Vec<String> = rows.iter().map(Row::code).collect();
        assert_eq!(
            codes.join(" "),
            "一 二 1 2 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3 4.1 4.2 4.3 4 5.1 5.2 5.3 5.4 5.5 5 6.1 6.2 6.3 6 7 四"
        );
        for r in &rows {
            assert_eq!(Row::parse(&r.code()).unwrap(), *r, "{r}");
            assert_eq!(Row::parse(&r.label()).unwrap(), *r, "{}", r.label());
        }
        assert_eq!(Row::parse("保护第三方合法权益").unwrap().code(), "3.4");
        assert_eq!(Row::parse("不予公开").unwrap(), Row::Subtotal(3));
        assert_eq!(Row::parse("（六）其他处理").unwrap(), Row::Subtotal(6));
        assert_eq!(Row::parse("总计").unwrap(), Row::Concluded);
        assert_eq!(
            Row::parse("结转下年度继续办理").unwrap(),
            Row::CarriedForward
        );
        assert_eq!(Row::parse("予以公开").unwrap().code(), "1");
        assert!(Row::parse("8").is_err());
        assert_eq!(Row::Subtotal(4).label(), "（四）无法提供 小计");
        assert_eq!(Column::parse("其他").unwrap().key(), "other-org");
        assert_eq!(Column::parse("总计").unwrap(), Column::Total);
        assert!(Column::parse("个体户").is_err());
    }

    #[test]
    fn unreachable_letter_counts_on_its_registration_date() {
        let c = case(&[(
            "2025-12-30",
            reg("2025-0009", ApplicantType::Natural, Channel::Letter, true),
        )]);
        assert_eq!(c.received_on, None);
        assert_eq!(rows_of(&c, 2025), vec![Row::Received, Row::CarriedForward]);
        assert_eq!(
            rows_of(&c, 2026),
            vec![Row::CarriedOver, Row::CarriedForward]
        );
        assert_eq!(rows_of(&c, 2024), vec![]);
        // Reached in January: its receipt date is then in 2026.
        let c = case(&[
            (
                "2025-12-30",
                reg("2025-0009", ApplicantType::Natural, Channel::Letter, true),
            ),
            ("2026-01-05", Step::ConfirmReceipt),
        ]);
        assert_eq!(rows_of(&c, 2025), vec![]);
        assert_eq!(rows_of(&c, 2026), vec![Row::Received, Row::CarriedForward]);
    }

    #[test]
    fn withdrawn_counts_as_six_three() {
        let c = case(&[
            (
                "2025-11-03",
                reg("2025-0001", ApplicantType::Legal, Channel::InPerson, false),
            ),
            ("2026-01-06", withdraw()),
        ]);
        assert_eq!(
            rows_of(&c, 2026),
            vec![
                Row::CarriedOver,
                Row::Outcome(Outcome::OTHER),
                Row::Subtotal(6),
                Row::Concluded
            ]
        );
        let cases = [c];
        let r = compute(&cases, 2026).unwrap();
        let legal = Column::Applicant(ApplicantType::Legal);
        assert_eq!(r.table3.count(Row::Outcome(Outcome::OTHER), legal), 1);
        assert_eq!(r.table3.count(Row::Subtotal(6), Column::Total), 1);
        assert_eq!(r.table3.count(Row::Concluded, legal), 1);
        assert_eq!(r.table3.count(Row::Received, legal), 0);
    }

    #[test]
    fn a_request_concluded_before_it_was_received_breaks_the_identity_and_is_named() {
        // replay never refuses: a log written out of order (which `check` forbids) folds into a
        // request concluded the year before its receipt.
        let bad = case(&[
            (
                "2026-02-02",
                reg("2026-0002", ApplicantType::Research, Channel::Mail, false),
            ),
            ("2025-12-01", withdraw()),
        ]);
        let good = case(&[(
            "2026-03-02",
            reg("2026-0003", ApplicantType::Research, Channel::Mail, false),
        )]);
        let cases = [good, bad];
        let e = compute(&cases, 2026).unwrap_err();
        assert_eq!(e.imbalances.len(), 2);
        assert_eq!(
            e.imbalances[0].column,
            Column::Applicant(ApplicantType::Research)
        );
        assert_eq!((e.imbalances[0].left, e.imbalances[0].right), (2, 1));
        assert_eq!(
            e.to_string(),
            "2026 年度统计表三不平衡（应有 一 + 二 = （七）总计 + 四）：科研机构列 2 ≠ 1；总计列 2 ≠ 1。破坏勾稽关系的申请：2026-0002（计入收到 2026-02-02，办结 2025-12-01）"
        );
        // In 2025 it is concluded but never received: the other side breaks.
        let e = compute(&cases, 2025).unwrap_err();
        assert_eq!((e.imbalances[0].left, e.imbalances[0].right), (0, 1));
    }
}
