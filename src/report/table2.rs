//! Table 二 of the annual report (主动公开政府信息情况, \[格式\] 国办公开办函〔2021〕30号; SPEC §10)
//! in the report's formats: the grid (terminal and CSV), Markdown and HTML fragments. The
//! numbers are [`crate::document::table2()`]'s.

use crate::document::Table2;
use crate::document::table2::labels as l;

/// The table's title in the annual report.
pub const TABLE2_TITLE: &str = "二、主动公开政府信息情况";

/// A block of table 二: the item header, the column headers, the rows (label, cells).
type Block = (
    &'static str,
    Vec<&'static str>,
    Vec<(&'static str, Vec<String>)>,
);

/// The blocks of table 二.
fn blocks(t: &Table2) -> Vec<Block> {
    let issued = |r: &crate::document::table2::IssuedRow| {
        vec![
            r.issued.to_string(),
            r.repealed.to_string(),
            r.in_force.to_string(),
        ]
    };
    vec![
        (
            l::ITEM_1,
            vec![l::CONTENT, l::ISSUED, l::REPEALED, l::IN_FORCE],
            vec![
                (l::RULES, issued(&t.rules)),
                (l::NORMATIVE, issued(&t.normative)),
            ],
        ),
        (
            l::ITEM_5,
            vec![l::CONTENT, l::DECISIONS],
            vec![(l::LICENSING, vec![t.licensing.decisions.to_string()])],
        ),
        (
            l::ITEM_6,
            vec![l::CONTENT, l::DECISIONS],
            vec![
                (l::PENALTY, vec![t.penalty.decisions.to_string()]),
                (l::COERCION, vec![t.coercion.decisions.to_string()]),
            ],
        ),
        (
            l::ITEM_8,
            vec![l::CONTENT, l::FEES],
            vec![(l::FEES_ROW, vec![wan(t.fees.amount_wan)])],
        ),
    ]
}

/// An amount in 万元 as the report prints it (at most four decimals, no trailing zeros).
pub fn wan(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The table as rows of 4 cells (each block: its item, its headers, its rows), for the terminal
/// and CSV.
pub fn grid(t: &Table2) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (item, headers, body) in blocks(t) {
        let pad = |mut v: Vec<String>| {
            v.resize(4, String::new());
            v
        };
        rows.push(pad(vec![item.to_string()]));
        rows.push(pad(headers.iter().map(|h| h.to_string()).collect()));
        for (label, cells) in body {
            let mut v = vec![label.to_string()];
            v.extend(cells);
            rows.push(pad(v));
        }
    }
    rows
}

/// A Markdown fragment: the title and one table per block.
pub fn markdown(t: &Table2) -> String {
    let mut s = format!("**{TABLE2_TITLE}**\n\n");
    for (item, headers, body) in blocks(t) {
        s += &format!("| {item} |{}\n", " |".repeat(headers.len() - 1));
        s += &format!("|{}\n", " --- |".repeat(headers.len()));
        s += &format!("| {} |\n", headers.join(" | "));
        for (label, cells) in body {
            s += &format!("| {label} | {} |\n", cells.join(" | "));
        }
        s += "\n";
    }
    s
}

/// An HTML fragment laid out as the national format's table 二 (each item header spanning its
/// block).
pub fn html(t: &Table2) -> String {
    let mut s = format!("<p>{TABLE2_TITLE}</p>\n<table border=\"1\" cellspacing=\"0\">\n");
    for (item, headers, body) in blocks(t) {
        s += &format!(
            "<tr><th colspan=\"{}\">{item}</th></tr>\n<tr>{}</tr>\n",
            headers.len(),
            headers
                .iter()
                .map(|h| format!("<th>{h}</th>"))
                .collect::<String>()
        );
        for (label, cells) in body {
            s += &format!(
                "<tr><td>{label}</td>{}</tr>\n",
                cells
                    .iter()
                    .map(|c| format!("<td>{c}</td>"))
                    .collect::<String>()
            );
        }
    }
    s += "</table>\n";
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_wan_print_without_trailing_zeros() {
        assert_eq!(wan(0.0), "0");
        assert_eq!(wan(3.25), "3.25");
        assert_eq!(wan(12.0), "12");
        assert_eq!(wan(0.0001), "0.0001");
    }
}
