//! Rows of an import file, good and bad.

use super::*;
use crate::import::columns::map_headers;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn row(headers: &[&str], cells: Vec<Cell>) -> Result<ParsedRow, Vec<Problem>> {
    let cols = map_headers(&headers.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    parse_row(&cols, &RawRow { line: 7, cells }, d("2026-11-30"))
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

const H: [&str; 6] = [
    "申请人",
    "申请人类型",
    "签收日期",
    "申请内容",
    "申请方式",
    "确认日期",
];

#[test]
fn a_good_row() {
    let p = row(
        &H,
        vec![
            t("张三"),
            t("自然人"),
            t("2026年9月3日"),
            t("文物保护单位名录"),
            t("EMS"),
            Cell::Empty,
        ],
    )
    .unwrap();
    assert_eq!(p.on, d("2026-09-03"));
    assert_eq!(p.registration.channel, Channel::Mail);
    assert!(!p.registration.unreachable);
    assert_eq!(p.confirm_on, None);
}

#[test]
fn ordinary_letters() {
    let blank = row(
        &H,
        vec![
            t("张三"),
            t("自然人"),
            t("2026/9/3"),
            t("x"),
            t("平常信函"),
            Cell::Empty,
        ],
    )
    .unwrap();
    assert!(blank.registration.unreachable);
    assert_eq!(blank.confirm_on, None);
    let same = row(
        &H,
        vec![
            t("张三"),
            t("自然人"),
            t("2026/9/3"),
            t("x"),
            t("平常信函"),
            t("2026-09-03"),
        ],
    )
    .unwrap();
    assert!(!same.registration.unreachable);
    let later = row(
        &H,
        vec![
            t("张三"),
            t("自然人"),
            t("2026/9/3"),
            t("x"),
            t("平常信函"),
            Cell::Date(d("2026-09-07")),
        ],
    )
    .unwrap();
    assert!(later.registration.unreachable);
    assert_eq!(later.confirm_on, Some(d("2026-09-07")));
    let wrong = row(
        &H,
        vec![
            t("张三"),
            t("自然人"),
            t("2026/9/3"),
            t("x"),
            t("邮寄"),
            t("2026-09-07"),
        ],
    )
    .unwrap_err();
    assert_eq!(wrong[0].column, "确认日期");
}

#[test]
fn every_problem_at_once() {
    let p = row(
        &H,
        vec![
            Cell::Empty,
            t("个体户"),
            t("2026/9/31"),
            t(" "),
            t("信鸽"),
            Cell::Empty,
        ],
    )
    .unwrap_err();
    let cols: Vec<&str> = p.iter().map(|x| x.column.as_str()).collect();
    assert_eq!(
        cols,
        ["申请人", "申请人类型", "签收日期", "申请内容", "申请方式"]
    );
    assert_eq!(p[2].message, "日期“2026/9/31”不存在");
}

#[test]
fn numbers_quoted_in_messages_are_masked() {
    assert_eq!(
        mask_numbers("“13812345678”不是电子邮箱地址"),
        "“138****5678”不是电子邮箱地址"
    );
    assert_eq!(
        mask_numbers("身份证号码应为18位，“1101051949123100”是16位"),
        "身份证号码应为18位，“110105******3100”是16位"
    );
    assert_eq!(
        mask_numbers("日期“11010519491231002x”无法识别"),
        "日期“110105********002x”无法识别"
    );
    assert_eq!(
        mask_numbers("“0571-88886666”、“１３８１２３４５６７８”"),
        "“057******6666”、“１３８****５６７８”"
    );
    // Dates, postcodes, line numbers, short numbers and credit codes' digit runs stay.
    for kept in [
        "日期“20261131”不存在",
        "2026-11-31",
        "邮政编码“3250011”应为6位数字",
        "第 100000 行",
        "91350100M000100Y43",
        "8888-6666",
    ] {
        assert_eq!(mask_numbers(kept), kept);
    }
}

#[test]
fn id_numbers_as_excel_mangles_them() {
    let h = ["申请人", "申请人类型", "签收日期", "申请内容", "证件号码"];
    let base = || vec![t("张三"), t("自然人"), t("2026-09-03"), t("x")];
    let mut c = base();
    c.push(Cell::Number(110105194912310000.0));
    let p = row(&h, c).unwrap_err();
    assert!(
        p[0].message.contains("号码已变成 110105********0000"),
        "{}",
        p[0].message
    );
    let mut c = base();
    c.push(t("1.10105E+17"));
    assert!(row(&h, c).unwrap_err()[0].message.contains("科学计数法"));
    let mut c = base();
    c.push(t("１１０１０５１９４９１２３１００２ｘ"));
    assert_eq!(
        row(&h, c)
            .unwrap()
            .registration
            .applicant
            .id_number
            .as_deref(),
        Some("11010519491231002X")
    );
    let mut c = base();
    c.push(t("110105194912310021"));
    let p = row(&h, c).unwrap_err();
    assert_eq!(p[0].column, "证件号码");
    assert!(
        p[0].message
            .starts_with("身份证号码校验位不符：按前17位应为“X”"),
        "{}",
        p[0].message
    );
}
