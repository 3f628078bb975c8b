//! `disclose report annual`: the statistics tables 三 and 四 of the annual report on government
//! information disclosure (\[格式\] 国办公开办函〔2021〕30号, SPEC.md §5), as a terminal table, CSV,
//! JSON or a fragment to paste into the report's web page; and the requests behind any cell.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::context::{Ctx, Format};
use crate::error::{Exit, Failure};
use crate::report::annual::{self, AnnualReport, Column, Row};

/// 报告
#[derive(Debug, clap::Subcommand)]
pub enum ReportCmd {
    /// 年度报告统计表：表三（收到和处理政府信息公开申请情况）、表四（行政复议、行政诉讼情况）
    ///
    /// 表三按申请人类型分列，逐行统计：
    /// 一、本年新收 = 收到日期在本年度的申请（平常信函未能联系申请人、从未起算期限的，按登记日期计）；
    /// 二、上年结转 = 本年度以前收到、上年末仍未办结的申请；
    /// 三、本年度办理结果 = 答复或办结日期在本年度的申请，按办理结果分行，（三）至（六）各有小计，（七）总计；
    /// 四、结转下年度继续办理 = 年末仍未办结的申请。
    /// 打印前逐列核对 一 + 二 = （七）总计 + 四；不平衡即为内部错误（退出码 70），并列出有关申请。
    ///
    /// 表四统计本年度提起的行政复议、行政诉讼：结果维持、结果纠正、其他结果、尚未审结（年末尚无结果）、总计。
    ///
    /// --format json 的键：year；table3 以行代码（一、二、1、2、3.1…3.8、3、4.1…4.3、4、5.1…5.5、5、
    /// 6.1…6.3、6、7、四）为键，每行以列（natural、enterprise、research、nonprofit、legal、other-org、
    /// total）为键；table4 以 reconsideration、lawsuit-direct、lawsuit-after-reconsideration 为键，
    /// 每组以 upheld、corrected、other、pending、total 为键。
    #[command(verbatim_doc_comment)]
    Annual(AnnualArgs),
}

/// A fragment for the annual report's web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FragmentArg {
    /// Markdown 表格（不能合并单元格：合并的表头写在其第一格）
    Markdown,
    /// HTML 表格，与国家年度报告格式的表三、表四版式一致（合并单元格）
    Html,
}

/// Arguments of `report annual`.
#[derive(Debug, clap::Args)]
pub struct AnnualArgs {
    /// 统计年度（如 2025；1 月 1 日至 12 月 31 日）；不写时为上一年度（年度报告每年 1 月底前报上一年度，条例第五十条）
    #[arg(long, value_name = "YYYY", value_parser = parse_year)]
    pub year: Option<i32>,
    /// 列出表三某一格背后的申请：行代码（一、二、1、2、3.1…3.8、3、4.1…、4、5.1…、5、6.1…、6、7、四）或名称（如“保护第三方合法权益”）
    #[arg(long, value_name = "ROW", value_parser = Row::parse)]
    pub list: Option<Row>,
    /// 与 --list 同用：只列某一申请人类型（natural, enterprise, research, nonprofit, legal, other-org, total；默认 total）
    #[arg(long, value_name = "TYPE", value_parser = Column::parse, requires = "list")]
    pub column: Option<Column>,
    /// 输出可粘贴到年度报告网页的表二、表三、表四片段（给出时不看 --format）
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "list")]
    pub fragment: Option<FragmentArg>,
}

/// Parses `--year`: a four-digit year.
///
/// # Errors
/// A message saying what a year looks like.
pub fn parse_year(s: &str) -> Result<i32, String> {
    let s = crate::text::half_width(s);
    let t = s.trim();
    match t.parse::<i32>() {
        Ok(y) if t.len() == 4 && y >= 1000 => Ok(y),
        _ => Err("年度应为四位数的年份，如 2025".to_string()),
    }
}

/// Runs `report`.
///
/// # Errors
/// Usage errors (a year not yet begun); database errors; an internal error (exit 70) when the
/// register's numbers do not add up, naming the requests that break the identity.
pub fn run(ctx: &mut Ctx, c: ReportCmd) -> anyhow::Result<Exit> {
    match c {
        ReportCmd::Annual(a) => run_annual(ctx, a),
    }
}

fn run_annual(ctx: &mut Ctx, a: AnnualArgs) -> anyhow::Result<Exit> {
    let today = ctx.today;
    // 条例 Art 50: the annual report of the previous year is published by 31 January.
    let year = a.year.unwrap_or(today.year() - 1);
    if year < crate::case::REGULATION_IN_FORCE.year() {
        return Err(Failure::new(
            Exit::Usage,
            format!(
                "{} 年《政府信息公开条例》尚未施行（2008-05-01 起施行），没有年度报告",
                year
            ),
        )
        .into());
    }
    if year > today.year() {
        return Err(Failure::new(
            Exit::Usage,
            format!("{} 年度尚未开始（今天是 {today}），没有可统计的数字", year),
        )
        .hint(format!("年度报告统计上一年度：--year {}", today.year() - 1))
        .into());
    }
    // Counted from the projection's columns (SQL GROUP BY), reading only the requests with
    // an appeal or a fee; every candidate is read when the cases of a cell are listed, or
    // when the table does not add up (to name the requests that break it).
    let store = ctx.store()?;
    let detail;
    let counted = if a.list.is_none() {
        detail = store.annual_detail_cases(year)?;
        annual::compute_counted(year, &store.annual_counts(year)?, &detail)
    } else {
        None
    };
    let cases;
    let report = match counted {
        Some(r) => r,
        None => {
            cases = store.annual_candidates(year)?;
            annual::compute(&cases, year)?
        }
    };
    let t2 = table2_of(ctx, year)?;
    if year == today.year() {
        eprintln!(
            "注意：{} 年度尚未结束，表中数字截至今天（{today}）；“结转下年度继续办理”为今天仍未办结的申请",
            year
        );
    }
    let mut out = std::io::stdout().lock();
    if let Some(row) = a.list {
        return list(
            ctx,
            &mut out,
            &report,
            row,
            a.column.unwrap_or(Column::Total),
        );
    }
    match (a.fragment, ctx.format) {
        (Some(FragmentArg::Markdown), _) => write!(
            out,
            "{}{}",
            crate::report::table2::markdown(&t2),
            report.markdown()
        )?,
        (Some(FragmentArg::Html), _) => {
            write!(out, "{}{}", crate::report::table2::html(&t2), report.html())?
        }
        (None, Format::Json) => {
            let v = WithTable2 {
                report: &report,
                table2: t2,
            };
            writeln!(out, "{}", crate::output::json(&v)?)?
        }
        (None, Format::Csv) => {
            let (h, mut rows) = report.csv_rows();
            // Table 二 after tables 三 and 四, in the first four columns.
            let width = h.len();
            rows.push(vec![String::new(); width]);
            let mut title = vec![String::new(); width];
            title[0] = crate::report::table2::TABLE2_TITLE.to_string();
            rows.push(title);
            for mut r in crate::report::table2::grid(&t2) {
                r.resize(width, String::new());
                rows.push(r);
            }
            let h: Vec<&str> = h.iter().map(String::as_str).collect();
            write!(out, "{}", crate::output::csv(&h, &rows)?)?;
        }
        (None, Format::Table) => {
            writeln!(out, "{} 年度政府信息公开工作年度报告统计表", report.year)?;
            writeln!(out)?;

            writeln!(out, "{}", annual::TABLE3_TITLE)?;
            let (h, rows) = report.table3_grid();
            writeln!(
                out,
                "{}",
                crate::output::numeric_table(&h, &rows, ctx.stdout_tty, 2)
            )?;
            let n = |r: Row| report.table3.count(r, Column::Total);
            writeln!(
                out,
                "已逐列核对：一 + 二 = （七）总计 + 四（总计列：{} + {} = {} + {}）",
                n(Row::Received),
                n(Row::CarriedOver),
                n(Row::Concluded),
                n(Row::CarriedForward)
            )?;
            writeln!(out)?;
            writeln!(out, "{}", annual::TABLE4_TITLE)?;
            let (h, rows) = report.table4_grid();
            writeln!(
                out,
                "{}",
                crate::output::numeric_table(&h, &rows, ctx.stdout_tty, 0)
            )?;
            writeln!(out)?;
            writeln!(out, "{}", crate::report::table2::TABLE2_TITLE)?;
            writeln!(
                out,
                "{}",
                crate::output::table(
                    &["", "", "", ""],
                    &crate::report::table2::grid(&t2),
                    ctx.stdout_tty
                )
            )?;
            writeln!(
                out,
                "已核对：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数"
            )?;
            writeln!(out, "{}", report.fees_line())?;
            writeln!(out, "{}", report.record_corrections.line())?;
        }
    }
    Ok(Exit::Ok)
}

/// Table 二 of `year` (SPEC §10): the first block counted over the document register, the
/// identity across years checked (现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)), the
/// other rows as entered with `doc figures` (0 when none were entered, said on stderr).
///
/// # Errors
/// An internal error (exit 70) naming the documents that break the identity.
fn table2_of(ctx: &mut Ctx, year: i32) -> anyhow::Result<crate::document::Table2> {
    let store = ctx.store()?;
    let rows = store.documents(&crate::store::documents::DocFilter::default())?;
    let figures = store.table2_figures(year)?;
    let docs: Vec<crate::document::Document> = rows.iter().map(|r| r.doc.clone()).collect();
    let breaks = crate::document::table2_identity(&docs, year);
    if !breaks.is_empty() {
        let mut f = Failure::new(
            Exit::Internal,
            format!(
                "{year} 年表二不平衡：现行有效件数 ≠ 上年现行有效件数 + 本年制发件数 − 本年废止件数"
            ),
        );
        for b in &breaks {
            f = f.hint(format!(
                "{} {}（{}）：差 {}",
                rows[b.index].id,
                b.title,
                b.doc_no.as_deref().unwrap_or("无文号"),
                b.delta
            ));
        }
        return Err(f.into());
    }
    // Said only once the document register is in use (a register of requests only is not
    // reminded of a table it does not keep).
    if figures.is_none() && !rows.is_empty() {
        eprintln!(
            "注意：尚未录入 {year} 年表二的行政许可、行政处罚、行政强制、行政事业性收费数据，按 0 计（disclose doc figures --year {year} …）"
        );
    }
    Ok(crate::document::table2(
        &docs,
        year,
        &figures.unwrap_or_default(),
    ))
}

/// `report annual --format json`: tables 三 and 四 as [`AnnualReport`] serialises them, then
/// `table2`.
#[derive(Serialize)]
struct WithTable2<'a, 'b> {
    #[serde(flatten)]
    report: &'a AnnualReport<'b>,
    table2: crate::document::Table2,
}

/// One request behind a cell of table 三 (`--list`).
#[derive(Debug, Serialize)]
pub struct Listed {
    /// Case number.
    pub case_no: String,
    /// Applicant's name.
    pub applicant: String,
    /// Applicant type (`natural`, …).
    pub applicant_type: String,
    /// The date it counts as received ([`annual::counted_received_on`]).
    pub received_on: NaiveDate,
    /// False when the clock never started (ordinary letter, applicant unreachable):
    /// `received_on` is then the registration date.
    pub receipt_confirmed: bool,
    /// Reply or closing date, if concluded.
    pub concluded_on: Option<NaiveDate>,
    /// Outcome code (`3.4`), if concluded.
    pub outcome: Option<String>,
    /// Outcome label, if concluded.
    pub outcome_label: Option<String>,
    /// State now (wire name).
    pub state: String,
}

/// The `--list` output as JSON.
#[derive(Debug, Serialize)]
struct ListView<'a> {
    year: i32,
    row: String,
    row_label: String,
    column: &'static str,
    count: usize,
    requests: &'a [Listed],
}

fn list(
    ctx: &Ctx,
    out: &mut impl Write,
    report: &AnnualReport<'_>,
    row: Row,
    column: Column,
) -> anyhow::Result<Exit> {
    let listed: Vec<Listed> = report
        .table3
        .cell(row, column)
        .iter()
        .map(|c| {
            let concl = c.conclusion.as_ref();
            Listed {
                case_no: c.case_no.clone(),
                applicant: c.registration.applicant.name.clone(),
                applicant_type: c.registration.applicant_type.name().to_string(),
                received_on: annual::counted_received_on(c),
                receipt_confirmed: c.received_on.is_some(),
                concluded_on: concl.map(|x| x.on),
                outcome: concl.map(|x| x.outcome.code()),
                outcome_label: concl.map(|x| x.outcome.label()),
                state: c.state.name().to_string(),
            }
        })
        .collect();
    match ctx.format {
        Format::Json => {
            let v = ListView {
                year: report.year,
                row: row.code(),
                row_label: row.label(),
                column: column.key(),
                count: listed.len(),
                requests: &listed,
            };
            writeln!(out, "{}", crate::output::json(&v)?)?;
        }
        Format::Csv | Format::Table => {
            let headers = [
                "案件编号",
                "申请人",
                "申请人类型",
                "收到日期",
                "办结日期",
                "办理结果",
            ];
            let rows: Vec<Vec<String>> = report
                .table3
                .cell(row, column)
                .iter()
                .zip(&listed)
                .map(|(c, l)| {
                    vec![
                        l.case_no.clone(),
                        l.applicant.clone(),
                        c.registration.applicant_type.label().to_string(),
                        if l.receipt_confirmed {
                            l.received_on.to_string()
                        } else {
                            format!("{}（登记日期，未确认收到）", l.received_on)
                        },
                        l.concluded_on.map(|d| d.to_string()).unwrap_or_default(),
                        match &l.outcome_label {
                            Some(o) => o.clone(),
                            None => format!("（未办结：{}）", c.state.label()),
                        },
                    ]
                })
                .collect();
            if ctx.format == Format::Csv {
                write!(out, "{}", crate::output::csv(&headers, &rows)?)?;
            } else {
                writeln!(
                    out,
                    "{} 年度 {}｜{}：{} 件",
                    report.year,
                    row.label(),
                    column.label(),
                    listed.len()
                )?;
                if !rows.is_empty() {
                    writeln!(
                        out,
                        "{}",
                        crate::output::table(&headers, &rows, ctx.stdout_tty)
                    )?;
                }
            }
        }
    }
    Ok(Exit::Ok)
}
