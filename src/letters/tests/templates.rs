//! The agency's own templates.

use super::*;

fn override_dir(name: &str, text: &str) -> (tempfile::TempDir, LetterConfig) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let config = LetterConfig {
        letters_dir: Some(dir.path().to_path_buf()),
        ..config()
    };
    (dir, config)
}

#[test]
fn an_agency_template_overrides_the_built_in_one() {
    let (_dir, config) = override_dir(
        "receipt.j2",
        "{% extends \"_letter.j2\" %}\n{% block addressee %}\n= {{ f.applicant.name }}：\n{% endblock %}\n{% block body %}\n您的申请已于{{ f.application.received_on|cn_date }}登记。\n{% endblock %}\n",
    );
    let out = render(
        &receipt(false),
        &issue(d(2026, 1, 30), 1),
        &config,
        LetterFormat::Docx,
    )
    .unwrap();
    let text = docx_text(&out.bytes);
    assert_has(
        &text,
        &["您的申请已于2026年1月30日登记。", "根文旅公开〔2026〕1号"],
    );
    assert_lacks(&text, &["本机关已予登记"]);
}

#[test]
fn a_template_with_an_unknown_field_is_refused_with_file_and_line() {
    let body = "{% extends \"_letter.j2\" %}\n{% block addressee %}\n= {{ f.applicant.name }}：\n{% endblock %}\n{% block body %}\n{% if false %}\n{{ f.applicant.nickname }}\n{% endif %}\n{% endblock %}\n";
    let (dir, config) = override_dir("reply.j2", body);
    let err = render(
        &reply("1"),
        &issue(d(2026, 1, 30), 3),
        &config,
        LetterFormat::Docx,
    )
    .unwrap_err();
    let path = dir.path().join("reply.j2").display().to_string();
    assert_eq!(
        err,
        LetterError::Template {
            file: path.clone(),
            line: 7,
            detail: "未知字段 f.applicant.nickname".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("文书模板 {path} 第7行有误：未知字段 f.applicant.nickname")
    );
    // The third party's letter offers no applicant to a template.
    let (dir, config) = override_dir(
        "consultation.j2",
        "{% extends \"_letter.j2\" %}\n{% block body %}\n{{ f.applicant.id_number }}\n{% endblock %}\n",
    );
    let err = render(
        &consultation(),
        &issue(d(2026, 3, 10), 4),
        &config,
        LetterFormat::Docx,
    )
    .unwrap_err();
    assert_eq!(
        err,
        LetterError::Template {
            file: dir.path().join("consultation.j2").display().to_string(),
            line: 3,
            detail: "未知字段 f.applicant.id_number".into()
        }
    );
}

#[test]
fn a_template_that_fails_to_parse_or_render_is_refused_with_file_and_line() {
    let (dir, config) = override_dir("fee.j2", "# 标题\n正文\n{% if %}\n");
    let err = render(
        &fee(
            FeeMethod::ByItem,
            11,
            vec![FeeBand {
                from: 11,
                to: 11,
                rate_yuan: 100,
                subtotal_yuan: 100,
            }],
            100,
        ),
        &issue(d(2026, 8, 20), 9),
        &config,
        LetterFormat::Docx,
    )
    .unwrap_err();
    let LetterError::Template { file, line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(file, dir.path().join("fee.j2").display().to_string());
    assert_eq!(line, 3);
    let (_dir, config) = override_dir(
        "receipt.j2",
        "# {{ agency }}\n\n{{ f.reply_period_wd|cn_date }}\n",
    );
    let err = render(
        &receipt(false),
        &issue(d(2026, 1, 30), 1),
        &config,
        LetterFormat::Docx,
    )
    .unwrap_err();
    assert!(
        matches!(err, LetterError::Template { line: 3, .. }),
        "{err:?}"
    );
}

/// What a clerk typed ends as a sentence of the letter, so the letter's next sentence does not
/// run on from it ("…收发文登记负责公开该政府信息的…" was seen on a rendered reply).
#[test]
fn typed_text_is_ended_as_a_sentence() {
    use crate::letters::template::sentence;
    assert_eq!(
        sentence("检索了本机关2015年以来的收发文登记"),
        "检索了本机关2015年以来的收发文登记。"
    );
    assert_eq!(sentence("涉及商业秘密。"), "涉及商业秘密。");
    assert_eq!(sentence("涉及商业秘密；"), "涉及商业秘密。");
    assert_eq!(sentence("是否属实？ "), "是否属实？");
    assert_eq!(sentence(""), "");
}
