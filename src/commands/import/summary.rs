//! The summary `import` prints: one line per row (registered, would be registered, duplicate,
//! rejected), as a table, CSV or JSON, with runs of case numbers for long imports.

use super::*;

/// One row of the summary (JSON `rows[]`, a CSV line, a table row).
#[derive(Debug, Serialize)]
pub(super) struct RowReport {
    pub(super) line: usize,
    /// `registered`, `would-register` (dry run), `duplicate`, `rejected`.
    pub(super) result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) case_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) applicant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) received_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) reply_due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) provisional: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) needs_correction: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) existing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) problems: Vec<import::rows::Problem>,
    /// Human text for the table and CSV.
    #[serde(skip)]
    pub(super) note: String,
}

impl RowReport {
    fn result_label(&self) -> &'static str {
        match self.result {
            "registered" => "已登记",
            "would-register" => "将登记",
            "duplicate" => "重复，跳过",
            _ => "有误",
        }
    }
}

/// The whole summary (the JSON output).
#[derive(Debug, Serialize)]
pub(super) struct Report {
    pub(super) file: String,
    pub(super) source: String,
    pub(super) dry_run: bool,
    /// Whether anything was written.
    pub(super) committed: bool,
    pub(super) registered: usize,
    pub(super) duplicates: usize,
    pub(super) rejected: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) reject_file: Option<String>,
    pub(super) case_numbers: CaseNumbers,
    /// The rows, in file order: the first [`ROWS_KEPT`] of the file.
    pub(super) rows: Vec<RowReport>,
    /// Rows after the first [`ROWS_KEPT`], counted, not listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub(super) rows_omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Rows of the file whose result is kept for the summary (the JSON and CSV `rows`, the table):
/// the summary's memory does not grow with the file (issue 11).
pub(super) const ROWS_KEPT: usize = 10_000;

/// The case numbers an import gave, kept as runs of consecutive numbers (prefix, first, last,
/// digits) and written out one by one (JSON `case_numbers`).
#[derive(Debug, Default)]
pub(super) struct CaseNumbers(Vec<(String, u64, u64, usize)>);

impl CaseNumbers {
    /// Adds a case number (numbers come in the order given, consecutive within a prefix).
    pub(super) fn push(&mut self, s: &str) {
        let digits = s.chars().rev().take_while(char::is_ascii_digit).count();
        let (p, n) = s.split_at(s.len() - digits);
        let n: u64 = n.parse().unwrap_or(0);
        if let Some(last) = self.0.iter_mut().rev().find(|r| r.0 == p)
            && last.2 + 1 == n
        {
            last.2 = n;
            return;
        }
        self.0.push((p.to_string(), n, n, digits));
    }

    /// Whether there are none.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted as numbers (`2026-9999` before `2026-10000`).
    pub(super) fn sort(&mut self) {
        self.0.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        // Runs that now touch are one.
        let mut merged: Vec<(String, u64, u64, usize)> = Vec::with_capacity(self.0.len());
        for r in self.0.drain(..) {
            match merged.last_mut() {
                Some(m) if m.0 == r.0 && m.2 + 1 == r.1 => m.2 = r.2,
                _ => merged.push(r),
            }
        }
        self.0 = merged;
    }

    fn each(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .iter()
            .flat_map(|(p, a, b, w)| (*a..=*b).map(move |n| format!("{p}{n:0w$}")))
    }

    /// `2026-0001 至 2026-0040（40 件）` style runs.
    pub(super) fn runs(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(p, a, b, w)| {
                if a == b {
                    format!("{p}{a:0w$}")
                } else {
                    format!("{p}{a:0w$} 至 {p}{b:0w$}（{} 件）", b - a + 1)
                }
            })
            .collect()
    }
}

impl Serialize for CaseNumbers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.each())
    }
}

pub(super) fn source_label(s: &Source) -> String {
    match s {
        Source::Csv {
            encoding,
            delimiter,
        } => format!("CSV，{encoding} 编码，{}分隔", delimiter.label()),
        Source::Workbook { sheet } => format!("Excel 工作表“{sheet}”"),
    }
}

pub(super) fn rejected_report(r: &RejectedRow) -> RowReport {
    RowReport {
        line: r.line,
        result: "rejected",
        case_no: None,
        applicant: None,
        received_on: None,
        state: None,
        reply_due: None,
        provisional: None,
        needs_correction: vec![],
        existing: None,
        reason: None,
        note: problems_text(&r.problems),
        problems: r.problems.clone(),
    }
}

pub(super) fn outcome_report(
    cal: &crate::calendar::Calendar,
    today: chrono::NaiveDate,
    o: &RowOutcome,
    dry_run: bool,
) -> anyhow::Result<RowReport> {
    Ok(match o {
        RowOutcome::Registered { line, case } => {
            let dl = deadlines(case, cal, today)?;
            let mut notes = Vec::new();
            if case.state == State::AwaitingConfirmation {
                notes
                    .push("平常信函，待与申请人确认收到，暂不计时（disclose confirm）".to_string());
            } else if case.registration.unreachable {
                notes.push(format!(
                    "平常信函，{} 确认收到",
                    case.received_on.map(|d| d.to_string()).unwrap_or_default()
                ));
            }
            if !case.needs_correction.is_empty() {
                let missing = case.needs_correction.join("、");
                notes.push(match dl.correction_window_end {
                    // Imported late: the 7 working days for a notice are already over.
                    Some(d) if d.value < today => format!(
                        "缺少{missing}：补正通知期限已于 {} 届满，按现有申请内容办理",
                        d.value
                    ),
                    Some(d) => format!("缺少{missing}：需补正，补正通知最迟 {} 发出", d.value),
                    None => format!("缺少{missing}：需补正"),
                });
            }
            RowReport {
                line: *line,
                result: if dry_run {
                    "would-register"
                } else {
                    "registered"
                },
                case_no: Some(case.case_no.clone()),
                applicant: Some(mask_name(&case.registration.applicant.name)),
                received_on: case.received_on.map(|d| d.to_string()),
                state: Some(case.state.name()),
                reply_due: dl.reply_due.map(|d| d.value.to_string()),
                provisional: dl.reply_due.map(|d| d.provisional),
                needs_correction: case.needs_correction.clone(),
                existing: None,
                reason: None,
                problems: vec![],
                note: notes.join("；"),
            }
        }
        RowOutcome::Duplicate {
            line,
            existing,
            reason,
            same_file_line,
        } => RowReport {
            line: *line,
            result: "duplicate",
            case_no: None,
            applicant: None,
            received_on: None,
            state: None,
            reply_due: None,
            provisional: None,
            needs_correction: vec![],
            note: match same_file_line {
                Some(l) => format!("与本文件第 {l} 行（{existing}）重复：{reason}"),
                None => format!("已登记为 {existing}：{reason}"),
            },
            existing: Some(existing.clone()),
            reason: Some(reason.clone()),
            problems: vec![],
        },
        RowOutcome::Rejected(r) => rejected_report(r),
    })
}

pub(super) fn print_report(ctx: &Ctx, r: &Report) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let headers = [
        "行号",
        "结果",
        "案件编号",
        "申请人",
        "收到日期",
        "答复期限",
        "说明",
    ];
    let cells = |x: &RowReport| -> Vec<String> {
        vec![
            x.line.to_string(),
            x.result_label().to_string(),
            x.case_no
                .clone()
                .or_else(|| x.existing.clone())
                .unwrap_or_default(),
            x.applicant.clone().unwrap_or_default(),
            x.received_on.clone().unwrap_or_else(|| {
                if x.state == Some(State::AwaitingConfirmation.name()) {
                    "待确认".to_string()
                } else {
                    String::new()
                }
            }),
            match (&x.reply_due, x.provisional) {
                (Some(d), Some(true)) => format!("{d}（临时）"),
                (Some(d), _) => d.clone(),
                (None, _) if x.case_no.is_some() => "未起算".to_string(),
                _ => String::new(),
            },
            x.note.clone(),
        ]
    };
    match ctx.format {
        Format::Json => writeln!(out, "{}", crate::output::json(r)?)?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = r.rows.iter().map(cells).collect();
            write!(out, "{}", crate::output::csv(&headers, &rows)?)?;
        }
        Format::Table => {
            let head = if r.dry_run {
                format!(
                    "试导入 {}（{}），未写入任何内容：将登记 {} 件，重复跳过 {} 件，有误 {} 件",
                    r.file, r.source, r.registered, r.duplicates, r.rejected
                )
            } else {
                format!(
                    "已导入 {}（{}）：登记 {} 件，重复跳过 {} 件，有误 {} 件",
                    r.file, r.source, r.registered, r.duplicates, r.rejected
                )
            };
            writeln!(out, "{head}")?;
            let total = r.rows.len() + r.rows_omitted;
            let shown: Vec<&RowReport> = if total <= TABLE_ROWS_MAX {
                r.rows.iter().collect()
            } else {
                r.rows
                    .iter()
                    .filter(|x| x.case_no.is_none())
                    .take(TABLE_ROWS_MAX)
                    .collect()
            };
            if !shown.is_empty() {
                let rows: Vec<Vec<String>> = shown.into_iter().map(cells).collect();
                writeln!(
                    out,
                    "{}",
                    crate::output::table(&headers, &rows, ctx.stdout_tty)
                )?;
            }
            if total > TABLE_ROWS_MAX && !r.case_numbers.is_empty() {
                writeln!(
                    out,
                    "{}案件编号：{}",
                    if r.dry_run { "将使用的" } else { "新" },
                    r.case_numbers.runs().join("，")
                )?;
                if r.rows_omitted > 0 {
                    writeln!(
                        out,
                        "逐行的结果：加 --format csv 另存（列出文件的前 {ROWS_KEPT} 行；有误的行全部在拒收文件中）"
                    )?;
                } else {
                    writeln!(out, "逐行的结果：加 --format csv 另存")?;
                }
            }
            if let Some(f) = &r.reject_file {
                if r.dry_run {
                    writeln!(out, "有误的行将写入 {f}（试导入未写）")?;
                } else {
                    writeln!(
                        out,
                        "有误的行已写入 {f}：按“错误”列改正后，直接导入该文件即可"
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_sort_as_numbers_and_make_runs() {
        let mut v = CaseNumbers::default();
        for n in [
            "2026-10000",
            "2026-9999",
            "2025-0099",
            "2026-0001",
            "2026-0002",
            "2026-0003",
            "2026-0005",
        ] {
            v.push(n);
        }
        v.sort();
        assert_eq!(
            v.each().collect::<Vec<_>>(),
            [
                "2025-0099",
                "2026-0001",
                "2026-0002",
                "2026-0003",
                "2026-0005",
                "2026-9999",
                "2026-10000"
            ]
        );
        assert_eq!(
            v.runs(),
            [
                "2025-0099",
                "2026-0001 至 2026-0003（3 件）",
                "2026-0005",
                "2026-9999 至 2026-10000（2 件）"
            ]
        );
    }
}
