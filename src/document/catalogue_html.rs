//! The public catalogue (政府信息公开目录, 条例 Art 23 ¶2) as a static site the website team
//! uploads: `index.html` grouped by topic (附录E), one page per document under `doc/`; no script,
//! one small inline style sheet, readable on a phone, every text HTML-escaped.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::catalogue::CatalogueRow;
use super::types::Validity;

/// Text made safe inside HTML elements and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only http(s) addresses become links (no `javascript:` or other schemes).
fn link(address: &str, text: &str) -> String {
    if address.starts_with("https://") || address.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", escape(address), escape(text))
    } else {
        escape(text)
    }
}

const STYLE: &str = "body{font-family:system-ui,\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;\
margin:0 auto;max-width:60rem;padding:1rem;line-height:1.6;color:#222;background:#fff}\
h1{font-size:1.4rem;border-bottom:3px solid #b00;padding-bottom:.4rem}\
h2{font-size:1.15rem;margin-top:1.6rem;color:#b00}h3{font-size:1rem;margin:1rem 0 .3rem;color:#555}\
ul{list-style:none;padding:0;margin:0}li{padding:.5rem 0;border-bottom:1px solid #ddd}\
li a{font-weight:600;text-decoration:none;color:#035}.meta{display:block;font-size:.85rem;color:#666}\
.v{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:.2rem;background:#eee;margin-left:.3rem}\
.v-gone{background:#fdd;color:#900}dd .v{margin-left:0}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{color:#666}dd{margin:0;overflow-wrap:anywhere}\
@media (max-width:30rem){dl{grid-template-columns:1fr}dt{font-size:.85rem}dd{margin-bottom:.4rem}}\
footer{margin-top:2rem;font-size:.8rem;color:#888}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn slug(index_no: &str) -> String {
    index_no
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn validity_badge(r: &CatalogueRow) -> String {
    let gone = matches!(r.validity, Validity::Repealed | Validity::Lapsed);
    format!(
        "<span class=\"v{}\">{}</span>",
        if gone { " v-gone" } else { "" },
        escape(r.validity_label)
    )
}

/// The site: `(relative path, contents)` pairs, `index.html` first, then `doc/<索引号>.html` for
/// each row, in the rows' order (the rows are ordered by topic: [`super::catalogue::rows`]).
/// `agency` is the name in the page titles (e.g. 根河市文化旅游广电局).
pub fn render_site(rows: &[CatalogueRow], agency: &str) -> Vec<(String, String)> {
    let mut used = HashSet::new();
    let paths: Vec<String> = rows
        .iter()
        .map(|r| {
            let base = slug(&r.index_no);
            let mut p = format!("doc/{base}.html");
            let mut n = 2;
            while !used.insert(p.clone()) {
                p = format!("doc/{base}-{n}.html");
                n += 1;
            }
            p
        })
        .collect();
    let title = format!("{agency}政府信息公开目录");
    let mut body = format!(
        "<h1>{}</h1>\n<p>共 {} 件主动公开文件，按主题分类排列。</p>\n",
        escape(&title),
        rows.len()
    );
    let mut first: Option<&str> = None;
    let mut second: Option<Option<&str>> = None;
    let mut open = false;
    for (r, p) in rows.iter().zip(&paths) {
        if first != Some(r.topic.first.as_str()) {
            if open {
                body.push_str("</ul>\n");
            }
            let _ = writeln!(body, "<h2>{}</h2>", escape(&r.topic.first));
            first = Some(&r.topic.first);
            second = None;
            open = false;
        }
        if second != Some(r.topic.second.as_deref()) {
            if open {
                body.push_str("</ul>\n");
            }
            if let Some(s) = &r.topic.second {
                let _ = writeln!(body, "<h3>{}</h3>", escape(s));
            }
            second = Some(r.topic.second.as_deref());
            body.push_str("<ul>\n");
            open = true;
        }
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a>{}<span class=\"meta\">{} · 发布 {} · {}</span></li>",
            escape(p),
            escape(&r.title),
            validity_badge(r),
            escape(r.doc_no.as_deref().unwrap_or("无文号")),
            r.published_on,
            escape(&r.index_no)
        );
    }
    if open {
        body.push_str("</ul>\n");
    }
    let _ = writeln!(body, "<footer>{}</footer>", escape(agency));
    let mut out = vec![("index.html".to_string(), page(&title, &body))];
    for (r, p) in rows.iter().zip(&paths) {
        out.push((p.clone(), document_page(r, agency)));
    }
    out
}

fn document_page(r: &CatalogueRow, agency: &str) -> String {
    let mut b = format!(
        "<p><a href=\"../index.html\">← {}政府信息公开目录</a></p>\n<h1>{}</h1>\n<dl>\n",
        escape(agency),
        escape(&r.title)
    );
    let mut field = |k: &str, v: String| {
        let _ = writeln!(b, "<dt>{}</dt><dd>{}</dd>", escape(k), v);
    };
    field("索引号", escape(&r.index_no));
    field("主题分类", escape(&r.topic.to_string()));
    field("发布机构", escape(&r.publisher));
    field("成文日期", r.formed_on.to_string());
    field("发布日期", r.published_on.to_string());
    field("文号", escape(r.doc_no.as_deref().unwrap_or("无")));
    field("公文类型", escape(r.doc_type.label()));
    let mut v = validity_badge(r);
    if let Some(s) = &r.successor {
        let _ = write!(v, " 见 {}", escape(s));
    }
    field("有效性", v);
    if let Some(a) = &r.address {
        field("原文", link(a, a));
    }
    if !r.interpretations.is_empty() {
        let items: Vec<String> = r
            .interpretations
            .iter()
            .map(|i| {
                let text = format!("{}解读（{}，{}）", i.form, i.by, i.published_on);
                match &i.address {
                    Some(a) => link(a, &text),
                    None => escape(&text),
                }
            })
            .collect();
        field("政策解读", items.join("<br>"));
    }
    b.push_str("</dl>\n");
    let _ = writeln!(b, "<footer>{}</footer>", escape(agency));
    page(&format!("{} - {}", r.title, agency), &b)
}
