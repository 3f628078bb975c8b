//! Tests of what publication produces: 索引号 formats (SPEC §10), the topic table (附录E) and the
//! public catalogue (条例 Art 23 ¶2) as CSV, JSON and HTML.

use super::catalogue::{self, render_csv, safe_cell};
use super::catalogue_html::render_site;
use super::index_no::{IndexFormat, IndexFormatError, check_unique, next_free};
use super::tests::{d, published_normative, run};
use super::topics::{TopicError, Topics};
use super::*;

#[test]
fn index_no_format_renders_the_spec_examples() {
    let f = IndexFormat::parse("{credit_code}/{year}-{seq:05}").unwrap();
    assert_eq!(
        f.render("11150000MB1604391C", 2025, 3582).unwrap(),
        "11150000MB1604391C/2025-03582"
    );
    assert_eq!(
        f.render("000014349", 2017, 110).unwrap(),
        "000014349/2017-00110"
    );
    let plain = IndexFormat::parse("{{{year}}}-{seq}").unwrap();
    assert_eq!(plain.render("A1", 2026, 7).unwrap(), "{2026}-7");
    assert_eq!(
        f.render("", 2025, 1),
        Err(IndexFormatError::BadCreditCode(String::new()))
    );
}

#[test]
fn index_no_format_refuses_bad_formats() {
    assert_eq!(
        IndexFormat::parse("{credit_code}/{yr}-{seq}"),
        Err(IndexFormatError::UnknownPlaceholder("yr".into()))
    );
    assert_eq!(
        IndexFormat::parse("{seq:5}"),
        Err(IndexFormatError::BadWidth("5".into()))
    );
    assert_eq!(
        IndexFormat::parse("{seq:013}"),
        Err(IndexFormatError::BadWidth("013".into()))
    );
    assert_eq!(
        IndexFormat::parse("{seq:099999999999}"),
        Err(IndexFormatError::BadWidth("099999999999".into()))
    );
    assert_eq!(IndexFormat::parse("{year}"), Err(IndexFormatError::NoSeq));
    assert!(matches!(
        IndexFormat::parse("{seq"),
        Err(IndexFormatError::Unbalanced(_))
    ));
    assert!(matches!(
        IndexFormat::parse("seq}"),
        Err(IndexFormatError::Unbalanced(_))
    ));
    assert_eq!(
        IndexFormat::parse("{year} {seq}"),
        Err(IndexFormatError::Whitespace)
    );
    assert!(IndexFormat::parse("{seq:012}").is_ok());
}

#[test]
fn index_no_unique_never_reused() {
    let f = IndexFormat::parse("{credit_code}/{year}-{seq:05}").unwrap();
    let taken = ["C1/2026-00001", "C1/2026-00002"];
    assert_eq!(
        next_free(&f, "C1", 2026, taken.iter().copied()).unwrap(),
        "C1/2026-00003"
    );
    assert!(check_unique("C1/2026-00002", taken.iter().copied()).is_err());
    assert!(check_unique("C1/2026-00003", taken.iter().copied()).is_ok());
}

#[test]
fn topics_official_table_has_the_29_first_levels_of_spec_10() {
    let t = Topics::official();
    assert_eq!(t.all().len(), 29);
    assert_eq!(t.all()[28].first, "优化营商环境");
    assert_eq!(t.all()[17].second.len(), 3);
    assert_eq!(t.all()[0].first, "政务公开");
    assert_eq!(
        t.resolve("履职依据", Some("局发文件"))
            .unwrap()
            .second
            .as_deref(),
        Some("局发文件")
    );
    assert_eq!(t.resolve("政策解读", None).unwrap().second, None);
    assert!(matches!(
        t.resolve("履职依据", None),
        Err(TopicError::SecondRequired { .. })
    ));
    assert!(matches!(
        t.resolve("履职依据", Some("专题会议")),
        Err(TopicError::WrongSecond { .. })
    ));
    assert!(matches!(
        t.resolve("政策解读", Some("局发文件")),
        Err(TopicError::WrongSecond { .. })
    ));
    assert_eq!(
        t.resolve("体育", None),
        Err(TopicError::UnknownFirst("体育".into()))
    );
    assert!(
        Topics::parse(
            "x.toml",
            "[[topic]]\nfirst = \"A\"\n[[topic]]\nfirst = \"A\"\n"
        )
        .is_err()
    );
    assert!(
        Topics::parse(
            "x.toml",
            "[[topic]]\nfirst = \"A\"\nsecond = [\"B\", \"B\"]\n"
        )
        .is_err()
    );
    assert!(Topics::parse("x.toml", "").is_err());
}

fn sample_docs() -> Vec<Document> {
    let mut a = published_normative("2026-09-25", "2026-10-30");
    a.push(DocStep::InterpretationPublished(Interpretation {
        form: InterpretationForm::QA,
        by: "资源开发科".into(),
        on: d("2026-10-30"),
        address: Some("https://www.genhe.gov.cn/wlj/2.html".into()),
    }));
    let mut b = published_normative("2025-06-03", "2025-06-20");
    if let DocStep::Registered(r) = &mut b[0] {
        r.title = "关于<暂停>\"=SUM(A1)\"旅游团队的通知".into();
        r.doc_no = Some("=根文旅发〔2025〕3号".into());
    }
    if let DocStep::Published(p) = &mut b[3] {
        p.index_no = "11150000MB1604391C/2025-00001".into();
        p.address = Some("javascript:alert(1)".into());
    }
    b.push(DocStep::Changed(Change {
        kind: ChangeKind::Repealed,
        on: d("2026-04-30"),
        successor: None,
    }));
    vec![run(&a), run(&b)]
}

#[test]
fn catalogue_csv_has_bom_headers_and_text_formulas() {
    let rows = catalogue::rows(&sample_docs(), &Topics::official());
    assert_eq!(rows.len(), 2);
    let csv = render_csv(&rows);
    assert!(csv.starts_with(
        "\u{feff}索引号,主题分类,发布机构,成文日期,发布日期,文号,标题,公文类型,有效性,政策解读\n"
    ));
    assert!(csv.contains("'=根文旅发〔2025〕3号"));
    assert!(csv.contains("已废止"));
    assert!(csv.contains("问答（资源开发科，2026-10-30）"));
    assert_eq!(safe_cell("-1"), "'-1");
    assert_eq!(safe_cell("2026-01-01"), "2026-01-01");
    let json: serde_json::Value = serde_json::from_str(&catalogue::render_json(&rows)).unwrap();
    assert_eq!(json[0]["validity_label"], "有效");
}

#[test]
fn catalogue_html_escaped_without_script() {
    let rows = catalogue::rows(&sample_docs(), &Topics::official());
    let site = render_site(&rows, "根河市文化旅游广电局");
    assert_eq!(site.len(), 3);
    assert_eq!(site[0].0, "index.html");
    assert_eq!(site[1].0, "doc/11150000MB1604391C-2026-00001.html");
    for (_, html) in &site {
        assert!(!html.contains("<script"));
        assert!(!html.contains("<暂停>"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("name=\"viewport\""));
    }
    assert!(site[0].1.contains("&lt;暂停&gt;&quot;=SUM(A1)&quot;"));
    assert!(site[0].1.contains("<h2>行政规范性文件</h2>"));
}
