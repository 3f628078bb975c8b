//! Rendering the annual statistics: the same numbers laid out for people (terminal), spreadsheets
//! (CSV), scripts (JSON, in the published order) and the report's web page (Markdown, HTML), in
//! the layout of the national format \[格式\] 国办公开办函〔2021〕30号.

use super::*;

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
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("year", &self.year)?;
        m.serialize_entry("table3", &t3)?;
        m.serialize_entry("table4", &t4)?;
        m.serialize_entry("fees", &self.fees)?;
        m.serialize_entry("record_corrections", &self.record_corrections)?;
        m.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: the same numbers laid out for people (terminal), spreadsheets (CSV) and the
// report's web page (Markdown, HTML).
// ---------------------------------------------------------------------------------------------

/// The title of section 六 of the annual report (国办公开办函〔2021〕30号), where the fees
/// collected under 国办函〔2020〕109号 are reported.
pub const FEES_TITLE: &str = "六、其他需要报告的事项";
/// What section 六 counts (国办函〔2020〕109号).
pub const FEES_LABEL: &str = "信息处理费";

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
    /// one row per kind (code, label, 结果维持, 结果纠正, 其他结果, 尚未审结, 总计); then section 六
    /// (the fees) and the correction-of-record requests (条例 Art 41, key, label, count), each
    /// after an empty row.
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
        rows.push(pad(vec![]));
        rows.push(pad(vec![
            "六".to_string(),
            FEES_TITLE.to_string(),
            "件数".to_string(),
            "金额（元）".to_string(),
        ]));
        rows.push(pad(vec![
            "fees".to_string(),
            FEES_LABEL.to_string(),
            self.fees.count.to_string(),
            self.fees.amount_yuan.to_string(),
        ]));
        rows.push(pad(vec![]));
        rows.extend(self.record_corrections.csv_rows().into_iter().map(pad));
        (headers, rows)
    }

    /// Section 六 in one line of Chinese: `…收取信息处理费 N 件，共 M 元`.
    pub fn fees_line(&self) -> String {
        format!(
            "{FEES_TITLE}：依据《政府信息公开信息处理费管理办法》收取{FEES_LABEL} {} 件，共 {} 元",
            self.fees.count, self.fees.amount_yuan
        )
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
        s += &format!("\n**{FEES_TITLE}**\n\n");
        s += &line(&[
            "项目".to_string(),
            "件数".to_string(),
            "金额（元）".to_string(),
        ]);
        s += &line(&vec!["---".to_string(); 3]);
        s += &line(&[
            FEES_LABEL.to_string(),
            self.fees.count.to_string(),
            self.fees.amount_yuan.to_string(),
        ]);
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
        s += &format!(
            "<p>{FEES_TITLE}</p>\n<table border=\"1\" cellspacing=\"0\">\n<tr><td>项目</td><td>件数</td><td>金额（元）</td></tr>\n<tr><td>{FEES_LABEL}</td><td>{}</td><td>{}</td></tr>\n</table>\n",
            self.fees.count, self.fees.amount_yuan
        );
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
