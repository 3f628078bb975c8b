//! `disclose doc show` and `doc list`: a document's view (its clocks: publication due, lateness,
//! interpretation, markings; 条例 Art 26) and the filtered list.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::document::clock::{
    Duty, InterpretationStatus, MarkingClock, interpretation_status, markings, open_duties,
    publish_due, publish_late,
};
use crate::document::{DocState, DocType, Document, allowed_next, command_line};
use crate::error::{Exit, Failure};
use crate::store::documents::DocFilter;

/// A document as `doc show` and the steps print it.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// 编号.
    pub id: String,
    /// 标题.
    pub title: String,
    /// 文号.
    pub doc_no: Option<String>,
    /// 公文类型 (label).
    #[serde(rename = "type")]
    pub doc_type: String,
    /// 公开属性 (label) as determined now.
    pub attribute: Option<String>,
    /// State (label: 已登记 … 已发布).
    pub state: String,
    /// 起草单位.
    pub drafting_unit: String,
    /// 成文日期.
    pub formed_on: Option<NaiveDate>,
    /// Publication due (条例 Art 26), for 主动公开.
    pub publish_due: Option<NaiveDate>,
    /// Whether the due date is provisional (a year without a State Council notice).
    pub publish_due_provisional: bool,
    /// 发布日期.
    pub published_on: Option<NaiveDate>,
    /// 索引号.
    pub index_no: Option<String>,
    /// Working days late, once published (0 on time).
    pub late_working_days: Option<u32>,
    /// 主题分类.
    pub topic: Option<String>,
    /// 发布机构.
    pub publisher: Option<String>,
    /// 有效性.
    pub validity: String,
    /// The interpretation's status.
    pub interpretation: InterpretationStatus,
    /// The markings of the changes.
    pub markings: Vec<MarkingClock>,
    /// The duties open today.
    pub duties: Vec<Duty>,
    /// The whole document (its forms).
    pub document: Document,
    /// The steps allowed now, as command lines.
    pub next: Vec<String>,
}

impl DocView {
    /// The view of document `id` on `today`.
    ///
    /// # Errors
    /// Calendar errors (dates outside the calendar).
    pub fn build(
        id: &str,
        doc: &Document,
        cal: &Calendar,
        today: NaiveDate,
    ) -> anyhow::Result<DocView> {
        let reg = doc.registration.as_ref();
        let due = publish_due(doc, cal)?;
        let late = publish_late(doc, cal)?;
        Ok(DocView {
            id: id.to_string(),
            title: reg.map(|r| r.title.clone()).unwrap_or_default(),
            doc_no: reg.and_then(|r| r.doc_no.clone()),
            doc_type: reg
                .map(|r| r.doc_type.label().to_string())
                .unwrap_or_default(),
            attribute: doc.attribute.map(|a| a.label().to_string()),
            state: doc.state.label().to_string(),
            drafting_unit: reg.map(|r| r.drafting_unit.clone()).unwrap_or_default(),
            formed_on: doc.formed_on(),
            publish_due: due.map(|d| d.value),
            publish_due_provisional: due.is_some_and(|d| d.provisional)
                || late.is_some_and(|l| l.provisional),
            published_on: doc.publication.as_ref().map(|p| p.on),
            index_no: doc.publication.as_ref().map(|p| p.index_no.clone()),
            late_working_days: late.map(|l| l.value),
            topic: doc.approval.as_ref().map(|a| a.topic.to_string()),
            publisher: doc.approval.as_ref().map(|a| a.publisher.clone()),
            validity: doc.validity().label().to_string(),
            interpretation: interpretation_status(doc, cal)?,
            markings: markings(doc, cal)?,
            duties: open_duties(doc, cal, today)?,
            document: doc.clone(),
            next: allowed_next(doc)
                .into_iter()
                .map(|k| command_line(k).replace("<ID>", id))
                .collect(),
        })
    }

    /// The lines a person reads.
    pub fn lines(&self) -> Vec<String> {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".to_string());
        let mut v = vec![
            format!("编号：{}", self.id),
            format!("标题：{}", self.title),
            format!("文号：{}", opt(&self.doc_no)),
            format!("公文类型：{}", self.doc_type),
            format!("公开属性：{}", opt(&self.attribute)),
            format!("状态：{}", self.state),
            format!("起草单位：{}", self.drafting_unit),
            format!(
                "成文日期：{}",
                self.formed_on.map(|d| d.to_string()).unwrap_or_default()
            ),
        ];
        if let Some(d) = self.publish_due {
            v.push(format!(
                "发布期限：{d}{}",
                if self.publish_due_provisional {
                    "（暂定）"
                } else {
                    ""
                }
            ));
        }
        if let Some(p) = self.published_on {
            let late = match self.late_working_days {
                Some(0) | None => "按期".to_string(),
                Some(n) => format!("逾期 {n} 个工作日"),
            };
            v.push(format!("发布日期：{p}（{late}）"));
        }
        if let Some(n) = &self.index_no {
            v.push(format!("索引号：{n}"));
        }
        if let Some(t) = &self.topic {
            v.push(format!("主题分类：{t}"));
        }
        v.push(format!("有效性：{}", self.validity));
        match self.interpretation {
            InterpretationStatus::Missing { due } => {
                v.push(format!("政策解读：应于 {due} 与文件同步发布，尚未发布"))
            }
            InterpretationStatus::Late { working_days, .. } => {
                v.push(format!("政策解读：晚于文件 {working_days} 个工作日发布"))
            }
            InterpretationStatus::OnTime => v.push("政策解读：与文件同步发布".to_string()),
            InterpretationStatus::NotDue => v.push("政策解读：拟开展，文件尚未发布".to_string()),
            InterpretationStatus::NotPlanned => {}
        }
        for m in &self.markings {
            v.push(match (m.marked_on, m.late_working_days) {
                (Some(on), Some(0)) => format!("变更（{}）已于 {on} 标注", m.changed_on),
                (Some(on), Some(n)) => {
                    format!("变更（{}）已于 {on} 标注，逾期 {n} 个工作日", m.changed_on)
                }
                _ => format!("变更（{}）标注期限：{}，尚未标注", m.changed_on, m.due),
            });
        }
        for n in &self.next {
            v.push(format!("可进行：{n}"));
        }
        v
    }

    /// The CSV header and row.
    pub fn csv_row(&self) -> (Vec<&'static str>, Vec<String>) {
        let d = |o: Option<NaiveDate>| o.map(|d| d.to_string()).unwrap_or_default();
        (
            DocView::empty_header(),
            vec![
                self.id.clone(),
                self.title.clone(),
                self.doc_no.clone().unwrap_or_default(),
                self.doc_type.clone(),
                self.attribute.clone().unwrap_or_default(),
                self.state.clone(),
                self.drafting_unit.clone(),
                d(self.formed_on),
                d(self.publish_due),
                d(self.published_on),
                self.late_working_days
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                self.index_no.clone().unwrap_or_default(),
                self.topic.clone().unwrap_or_default(),
                self.validity.clone(),
            ],
        )
    }
}

/// Prints one view in the format asked, with a first line for the terminal.
///
/// # Errors
/// Output errors.
pub fn print_view(ctx: &Ctx, view: &DocView, first: Option<&str>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(view)?)?,
        Format::Csv => {
            let (h, r) = view.csv_row();
            write!(out, "{}", crate::output::csv(&h, &[r])?)?
        }
        Format::Table => {
            if let Some(f) = first {
                writeln!(out, "{}", crate::output::terminal_safe(f))?;
            }
            for l in view.lines() {
                writeln!(out, "{}", crate::output::terminal_safe(&l))?;
            }
        }
    }
    Ok(())
}

/// 查看一件文件
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// 文件编号（如 W2026-0001）
    #[arg(value_name = "ID")]
    id: String,
}

/// Runs `doc show`.
///
/// # Errors
/// An unknown number (exit 1).
pub fn show(ctx: &mut Ctx, a: ShowArgs) -> anyhow::Result<Exit> {
    let id = a.id.trim().to_string();
    let doc = ctx.store()?.document(&id).map_err(Failure::from)?;
    let view = DocView::build(&id, &doc, &ctx.calendar, ctx.today)?;
    print_view(ctx, &view, None)?;
    Ok(Exit::Ok)
}

fn parse_state(s: &str) -> Result<String, String> {
    let t = s.trim();
    for st in [
        DocState::Registered,
        DocState::Reviewed,
        DocState::Approved,
        DocState::Published,
    ] {
        let name = serde_json::to_value(st)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if st.label() == t || name.eq_ignore_ascii_case(t) {
            return Ok(name);
        }
    }
    Err("状态应为：已登记、已审核、已审批、已发布".to_string())
}

/// 列出文件
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// 状态：已登记、已审核、已审批、已发布
    #[arg(long, value_parser = parse_state)]
    state: Option<String>,
    /// 公文类型：规章、行政规范性文件、其他
    #[arg(long = "type", value_name = "类型", value_parser = |s: &str| s.parse::<DocType>().map_err(|e| e.to_string()))]
    doc_type: Option<DocType>,
    /// 主题分类一级类目
    #[arg(long)]
    topic: Option<String>,
    /// 起草单位
    #[arg(long)]
    unit: Option<String>,
    /// 成文日期不早于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    from: Option<NaiveDate>,
    /// 成文日期不晚于
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    to: Option<NaiveDate>,
}

/// Runs `doc list`.
///
/// # Errors
/// The database's errors.
pub fn list(ctx: &mut Ctx, a: ListArgs) -> anyhow::Result<Exit> {
    let f = DocFilter {
        state: a.state,
        doc_type: a.doc_type.map(|t| t.name().to_string()),
        topic: super::super::text(&a.topic),
        drafting_unit: super::super::text(&a.unit),
        formed_from: a.from,
        formed_to: a.to,
    };
    let rows = ctx.store()?.documents(&f)?;
    let views = rows
        .iter()
        .map(|r| DocView::build(&r.id, &r.doc, &ctx.calendar, ctx.today))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(&views)?)?,
        Format::Table if views.is_empty() => writeln!(out, "没有符合条件的文件")?,
        Format::Csv => {
            let header = DocView::empty_header();
            let body: Vec<Vec<String>> = views.iter().map(|v| v.csv_row().1).collect();
            write!(out, "{}", crate::output::csv(&header, &body)?)?
        }
        Format::Table => {
            for v in &views {
                let (_, r) = v.csv_row();
                let line = format!(
                    "{}  {}  {}  {}  {}  成文 {}  期限 {}  发布 {}  {}",
                    r[0], r[5], r[3], r[4], r[1], r[7], r[8], r[9], r[11]
                );
                writeln!(out, "{}", crate::output::terminal_safe(line.trim_end()))?;
            }
            writeln!(out, "共 {} 件", views.len())?;
        }
    }
    Ok(Exit::Ok)
}

impl DocView {
    fn empty_header() -> Vec<&'static str> {
        vec![
            "编号",
            "标题",
            "文号",
            "公文类型",
            "公开属性",
            "状态",
            "起草单位",
            "成文日期",
            "发布期限",
            "发布日期",
            "逾期工作日",
            "索引号",
            "主题分类",
            "有效性",
        ]
    }
}
