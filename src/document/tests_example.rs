//! `examples/documents.csv` read into documents (a test-only reader, the columns of the module's
//! documentation), each step checked by the rules; the late publications, open duties and
//! table 二 of the sample counted by hand from holidays.toml (2025, 2026).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::clock::{self, DutyKind, InterpretationStatus};
use super::topics::Topics;
use super::types::parse_yes_no;
use super::*;
use crate::calendar::Calendar;

const EXAMPLE: &str = include_str!("../../examples/documents.csv");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

fn list<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    s.split(';')
        .filter(|x| !x.trim().is_empty())
        .map(|x| x.parse().unwrap())
        .collect()
}

/// The steps of every row of the example, in order.
pub(super) fn example_steps() -> Vec<Vec<DocStep>> {
    let topics = Topics::official();
    let mut rd = csv::Reader::from_reader(EXAMPLE.trim_start_matches('\u{feff}').as_bytes());
    let headers = rd.headers().unwrap().clone();
    rd.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let c: HashMap<&str, &str> = headers.iter().zip(rec.iter()).collect();
            let doc_type: DocType = c["公文类型"].parse().unwrap();
            let form: Form = c["审核表"].parse().unwrap();
            let mut steps = vec![
                DocStep::Registered(Registration {
                    title: c["标题"].into(),
                    doc_no: opt(c["文号"]),
                    formed_on: date(c["成文日期"]),
                    drafting_unit: c["起草单位"].into(),
                    doc_type,
                    form,
                    questions: Questions {
                        normative: doc_type == DocType::Normative,
                        pre_review: parse_yes_no("公开前审查", c["公开前审查"]).unwrap(),
                        interpretation_planned: parse_yes_no("政策解读", c["政策解读"]).unwrap(),
                        redacted: parse_yes_no("部分删减后公开", c["部分删减后公开"]).unwrap(),
                        to_meeting: None,
                    },
                    attribute: c["公开属性"].parse().unwrap(),
                    reason: opt(c["依申请公开理由"]),
                    grounds: list(c["不予公开理由"]),
                    drafter_opinion: None,
                    drafter_signer: c["起草单位签字"].into(),
                }),
                DocStep::Reviewed(Review {
                    agree: true,
                    suggested: None,
                    reason: None,
                    grounds: vec![],
                    signer: c["审核人"].into(),
                    on: date(c["审核日期"]),
                }),
            ];
            if let Some(p) = opt(c["发布日期"]) {
                let channels: Vec<Channel> = list(c["公开方式"]);
                steps.push(DocStep::Approved(Approval {
                    channels: channels.clone(),
                    publisher: c["发布机构"].into(),
                    topic: topics
                        .resolve(c["一级分类"], opt(c["二级分类"]).as_deref())
                        .unwrap(),
                    approver: c["审批人"].into(),
                    on: date(c["审批日期"]),
                }));
                steps.push(DocStep::Published(Publication {
                    on: date(&p),
                    channels,
                    address: opt(c["网址"]),
                    index_no: c["索引号"].into(),
                }));
            }
            if let Some(on) = opt(c["解读日期"]) {
                steps.push(DocStep::InterpretationPublished(Interpretation {
                    form: c["解读形式"].parse().unwrap(),
                    by: c["解读机构"].into(),
                    on: date(&on),
                    address: None,
                }));
            }
            if let Some(on) = opt(c["变更日期"]) {
                steps.push(DocStep::Changed(Change {
                    kind: c["变更类型"].parse().unwrap(),
                    on: date(&on),
                    successor: opt(c["后继文号"]),
                }));
            }
            if let Some(on) = opt(c["标注日期"]) {
                steps.push(DocStep::Marked { on: date(&on) });
            }
            steps
        })
        .collect()
}

/// The example's documents, every step checked before it is applied.
pub(super) fn example_documents() -> Vec<Document> {
    let cal = Calendar::official();
    example_steps()
        .iter()
        .map(|steps| {
            let mut doc = Document::default();
            for s in steps {
                if let Err(r) = check(&doc, s, &cal) {
                    panic!("{s:?}: {r}");
                }
                doc.apply(s);
            }
            doc
        })
        .collect()
}

fn title(d: &Document) -> &str {
    &d.registration.as_ref().unwrap().title
}

#[test]
fn example_every_row_obeys_the_rules() {
    let docs = example_documents();
    assert_eq!(docs.len(), 31);
    assert_eq!(
        docs.iter()
            .filter(|d| d.state == DocState::Published)
            .count(),
        27
    );
    let idx: std::collections::HashSet<_> = docs
        .iter()
        .filter_map(|d| d.publication.as_ref().map(|p| p.index_no.as_str()))
        .collect();
    assert_eq!(idx.len(), 27, "索引号 unique");
}

#[test]
fn art26_example_late_publications_counted_by_hand() {
    let cal = Calendar::official();
    let mut late: Vec<(String, u32)> = example_documents()
        .iter()
        .filter_map(|d| {
            let l = clock::publish_late(d, &cal).unwrap()?;
            (l.value > 0).then(|| (title(d).to_string(), l.value))
        })
        .collect();
    late.sort();
    let mut want = vec![
        // due 2025-04-28 (04-27 调休上班), published 05-12 (劳动节 05-01..05)
        (
            "根河市文化旅游广电局2025年“双随机、一公开”抽查计划".to_string(),
            7,
        ),
        // due 2025-05-29, published 06-16 (端午 05-31..06-02)
        ("根河市旅游民宿服务质量提升行动方案".to_string(), 11),
        // due 2025-11-10, published 11-24
        (
            "根河市文化旅游广电局2025年第三季度重点工作督查整改情况".to_string(),
            10,
        ),
        // due 2026-03-13 (春节 02-15..23, 02-14 and 02-28 调休上班), published 03-16
        ("根河市文化旅游广电局2026年工作要点".to_string(), 1),
        // due 2026-08-03, published 08-17
        (
            "根河市冷极马拉松文旅配套服务重大项目建设进展".to_string(),
            10,
        ),
    ];
    want.sort();
    assert_eq!(late, want);
}

#[test]
fn art26_example_interpretation_and_markings() {
    let cal = Calendar::official();
    let docs = example_documents();
    let by_no = |no: &str| {
        docs.iter()
            .find(|d| d.registration.as_ref().unwrap().doc_no.as_deref() == Some(no))
            .unwrap()
    };
    // published 2026-04-14, 图解 on 04-21: 5 working days late
    assert_eq!(
        clock::interpretation_status(by_no("根文旅规〔2026〕1号"), &cal).unwrap(),
        InterpretationStatus::Late {
            working_days: 5,
            provisional: false
        }
    );
    assert_eq!(
        clock::interpretation_status(by_no("根文旅规〔2025〕1号"), &cal).unwrap(),
        InterpretationStatus::OnTime
    );
    // repealed 2026-03-31 → marking due 04-29, marked 04-08
    let m = clock::markings(by_no("根文旅规〔2025〕1号"), &cal).unwrap();
    assert_eq!(
        (m[0].due, m[0].late_working_days),
        (date("2026-04-29"), Some(0))
    );
    // amended 2026-05-11 → due 06-08, marked 06-19 (端午 06-19 off): 8 late
    let m = clock::markings(by_no("根文旅规〔2025〕2号"), &cal).unwrap();
    assert_eq!(
        (m[0].due, m[0].late_working_days),
        (date("2026-06-08"), Some(8))
    );
}

#[test]
fn art26_example_open_duties_on_2026_12_07() {
    let cal = Calendar::official();
    let today = date("2026-12-07");
    let mut open: Vec<(DutyKind, NaiveDate)> = example_documents()
        .iter()
        .flat_map(|d| clock::open_duties(d, &cal, today).unwrap())
        .map(|x| (x.kind, x.due))
        .collect();
    open.sort_by_key(|x| x.1);
    // 失效 2026-09-30 not marked: due 11-03 (国庆 10-01..07, 10-10 调休上班);
    // 文物 report formed 10-19, not published: due 11-16
    assert_eq!(
        open,
        vec![
            (DutyKind::Mark, date("2026-11-03")),
            (DutyKind::Publish, date("2026-11-16"))
        ]
    );
}

#[test]
fn table2_identity_example_2025_2026() {
    let docs = example_documents();
    let t25 = table2(&docs, 2025, &YearFigures::default());
    let t26 = table2(&docs, 2026, &YearFigures::default());
    assert_eq!(
        t25.normative,
        table2::IssuedRow {
            issued: 2,
            repealed: 0,
            in_force: 2
        }
    );
    assert_eq!(
        t26.normative,
        table2::IssuedRow {
            issued: 2,
            repealed: 1,
            in_force: 3
        }
    );
    assert_eq!(t26.rules, table2::IssuedRow::default());
    assert!(table2_identity(&docs, 2025).is_empty());
    assert!(table2_identity(&docs, 2026).is_empty());
}

const DATE_COLUMNS: [&str; 7] = [
    "成文日期",
    "审核日期",
    "审批日期",
    "发布日期",
    "解读日期",
    "变更日期",
    "标注日期",
];

/// Writes `examples/documents.xlsx` from `examples/documents.csv` (dates as date cells), the
/// way an office's spreadsheet holds them. Run after editing the CSV:
/// `cargo test --lib document::tests_example::write_example_xlsx -- --ignored`.
#[test]
#[ignore = "writes examples/documents.xlsx"]
fn write_example_xlsx() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("公开目录").unwrap();
    let mut rd = csv::Reader::from_reader(EXAMPLE.as_bytes());
    let headers = rd.headers().unwrap().clone();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold).unwrap();
    }
    for (r, rec) in rd.records().enumerate() {
        for (c, (h, v)) in headers.iter().zip(rec.unwrap().iter()).enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            if v.is_empty() {
                continue;
            }
            if DATE_COLUMNS.contains(&h) {
                let d = date(v);
                use chrono::Datelike;
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                    .unwrap();
                ws.write_datetime_with_format(row, col, dt, &date_fmt)
                    .unwrap();
            } else {
                ws.write_string(row, col, v).unwrap();
            }
        }
    }
    ws.set_column_width(0, 48).unwrap();
    wb.save(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/documents.xlsx"
    ))
    .unwrap();
}

/// `examples/documents.xlsx` holds exactly what `examples/documents.csv` holds.
#[test]
fn example_xlsx_matches_the_csv() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/documents.xlsx"
    ))
    .unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("公开目录").unwrap();
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::DateTime(dt) => {
                        (epoch + chrono::Days::new(dt.as_f64() as u64)).to_string()
                    }
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect();
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(EXAMPLE.as_bytes());
    let want: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(cells.len(), want.len());
    for (got, want) in cells.iter().zip(&want) {
        let mut got = got.clone();
        got.resize(want.len(), String::new());
        assert_eq!(&got, want);
    }
}
