//! Kinds, letter numbers and config.

use super::*;

#[test]
fn kinds_parse_from_english_and_chinese_names() {
    for kind in LetterKind::ALL {
        assert_eq!(kind.name().parse::<LetterKind>().unwrap(), kind);
        assert_eq!(kind.short_title().parse::<LetterKind>().unwrap(), kind);
        assert_eq!(kind.title().parse::<LetterKind>().unwrap(), kind);
    }
    assert_eq!(
        "接收回执".parse::<LetterKind>().unwrap(),
        LetterKind::Receipt
    );
    assert!(matches!(
        "letter".parse::<LetterKind>(),
        Err(LetterError::UnknownKind(_))
    ));
    assert_eq!(
        LetterKind::Correction.file_name("2026-0001", "docx"),
        "2026-0001-补正告知书.docx"
    );
    assert_eq!(LetterKind::Reply.title(), "政府信息公开申请答复书");
}

#[test]
fn letter_numbers_have_no_leading_zeros() {
    assert_eq!(
        format_letter_number(DEFAULT_LETTER_NO_FORMAT, "根文旅", 2026, 3).unwrap(),
        "根文旅公开〔2026〕3号"
    );
    assert_eq!(
        config().letter_number(2026, 12).unwrap(),
        "根文旅公开〔2026〕12号"
    );
    let own = LetterConfig {
        letter_no_format: Some("{agency_short}依复〔{year}〕{seq}号".into()),
        ..config()
    };
    assert_eq!(own.letter_number(2027, 1).unwrap(), "根文旅依复〔2027〕1号");
    for bad in ["{agency_short}〔{year}〕号", "〔{year}〕{seq}号{x}", "{seq"] {
        assert!(matches!(
            format_letter_number(bad, "根文旅", 2026, 1),
            Err(LetterError::BadNumberFormat { .. })
        ));
    }
    assert!(format_letter_number(DEFAULT_LETTER_NO_FORMAT, "根文旅", 2026, 0).is_err());
}

#[test]
fn config_deserialises_from_toml() {
    let text = r#"
agency = "根河市文化旅游广电局"
agency_short = "根文旅"
reconsideration_body = "根河市人民政府"
court = "根河市人民法院"
office_address = "内蒙古自治区根河市好里堡街道文化路1号"
office_phone = "0470-5212345"
contact = "王芳"
"#;
    let c: LetterConfig = toml::from_str(text).unwrap();
    assert_eq!(c, config());
    c.validate().unwrap();
}

#[test]
fn a_key_not_set_is_refused_with_an_example_line() {
    let facts = reply("1");
    let no_court = LetterConfig {
        court: None,
        ..config()
    };
    let err = render(
        &facts,
        &issue(d(2026, 1, 30), 3),
        &no_court,
        LetterFormat::Docx,
    )
    .unwrap_err();
    assert_eq!(
        err,
        LetterError::MissingConfig {
            key: "court",
            example: "court = \"根河市人民法院\""
        }
    );
    assert_eq!(
        err.to_string(),
        "配置项 court 未设置，无法制作该文书；请在配置文件中加入一行，例如：court = \"根河市人民法院\""
    );
    let no_short = LetterConfig {
        agency_short: None,
        ..config()
    };
    let err = render(
        &facts,
        &issue(d(2026, 1, 30), 3),
        &no_short,
        LetterFormat::Docx,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        LetterError::MissingConfig {
            key: "agency_short",
            ..
        }
    ));
    // The receipt names the office's phone: without it, refused.
    let no_phone = LetterConfig {
        office_phone: None,
        ..config()
    };
    let err = render(
        &receipt(false),
        &issue(d(2026, 1, 30), 1),
        &no_phone,
        LetterFormat::Docx,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        LetterError::MissingConfig {
            key: "office_phone",
            ..
        }
    ));
}
