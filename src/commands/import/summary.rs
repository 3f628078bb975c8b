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
    pub(super) case_numbers: Vec<String>,
    pub(super) rows: Vec<RowReport>,
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
    ctx: &Ctx,
    o: &RowOutcome,
    dry_run: bool,
) -> anyhow::Result<RowReport> {
    Ok(match o {
        RowOutcome::Registered { line, case } => {
            let dl = deadlines(case, &ctx.calendar, ctx.today)?;
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
                    Some(d) if d.value < ctx.today => format!(
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

/// Orders case numbers as numbers (`2026-9999` before `2026-10000`): the text before the
/// trailing digits, then their value.
pub(super) fn case_number_key(s: &str) -> (String, u64) {
    let digits = s.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    let (prefix, n) = s.split_at(s.len() - digits);
    (prefix.to_string(), n.parse().unwrap_or(0))
}

/// `2026-0001 至 2026-0040` style runs of consecutive case numbers (same prefix, numbers +1).
pub(super) fn number_runs(numbers: &[String]) -> Vec<String> {
    let split = |s: &str| -> Option<(String, u64, usize)> {
        let digits = s.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        let (p, n) = s.split_at(s.len() - digits);
        Some((p.to_string(), n.parse().ok()?, digits))
    };
    let mut runs: Vec<(String, String, usize)> = Vec::new();
    let mut prev: Option<(String, u64)> = None;
    for s in numbers {
        let cur = split(s);
        let continues = match (&prev, &cur) {
            (Some((pp, pn)), Some((cp, cn, _))) => pp == cp && *cn == pn + 1,
            _ => false,
        };
        if continues && let Some(last) = runs.last_mut() {
            last.1 = s.clone();
            last.2 += 1;
        } else {
            runs.push((s.clone(), s.clone(), 1));
        }
        prev = cur.map(|(p, n, _)| (p, n));
    }
    runs.into_iter()
        .map(|(a, b, n)| {
            if n == 1 {
                a
            } else {
                format!("{a} 至 {b}（{n} 件）")
            }
        })
        .collect()
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
            let shown: Vec<&RowReport> = if r.rows.len() <= TABLE_ROWS_MAX {
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
            if r.rows.len() > TABLE_ROWS_MAX && !r.case_numbers.is_empty() {
                writeln!(
                    out,
                    "{}案件编号：{}",
                    if r.dry_run { "将使用的" } else { "新" },
                    number_runs(&r.case_numbers).join("，")
                )?;
                writeln!(out, "逐行的结果：加 --format csv 另存")?;
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
    fn case_numbers_sort_as_numbers() {
        let mut v = vec![
            "2026-10000".to_string(),
            "2026-9999".to_string(),
            "2025-0001".to_string(),
        ];
        v.sort_by_cached_key(|s| super::case_number_key(s));
        assert_eq!(v, ["2025-0001", "2026-9999", "2026-10000"]);
    }

    #[test]
    fn runs_of_case_numbers() {
        let v: Vec<String> = [
            "2025-0099",
            "2026-0001",
            "2026-0002",
            "2026-0003",
            "2026-0005",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            number_runs(&v),
            ["2025-0099", "2026-0001 至 2026-0003（3 件）", "2026-0005"]
        );
    }
}
