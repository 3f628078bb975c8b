//! The letters (文书) the office sends for the steps of a request (SPEC §9): a pure module that
//! turns the facts of one letter, the agency's settings and the letter number into a Word
//! document laid out per GB/T 9704-2012, or the same text as Markdown.
//!
//! - [`LetterKind`]: the thirteen kinds, their English and Chinese names and file names;
//! - [`LetterConfig`]: the config keys (`agency`, `agency_short`, `letter_no_format`, …) and
//!   [`format_letter_number`];
//! - [`facts`]: one plain struct per kind with every fact its letter states, in domain types;
//!   the letters to a third party or another agency have no field for the applicant at all;
//! - [`basis`]: the legal basis each letter cites (the reply's variant per outcome of table 三);
//! - [`template`]: the wording, minijinja templates compiled in and overridable per file in
//!   `letters_dir`, strict about unknown fields;
//! - [`layout`] and [`docx`]: the rendered text as blocks, as Markdown and as .docx.
//!
//! Nothing here writes a file: [`render`] returns the bytes, so a refused letter leaves nothing
//! behind.

pub mod basis;
pub mod config;
pub mod docx;
pub mod facts;
pub mod from_case;
pub mod kind;
pub mod layout;
pub mod template;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

pub use config::{ConfigKey, DEFAULT_LETTER_NO_FORMAT, LetterConfig, format_letter_number};
pub use facts::LetterFacts;
pub use kind::LetterKind;

/// Why a letter cannot be made. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LetterError {
    /// A config key the letter needs is not set.
    #[error("配置项 {key} 未设置，无法制作该文书；请在配置文件中加入一行，例如：{example}")]
    MissingConfig {
        /// The key.
        key: &'static str,
        /// An example line for the config file.
        example: &'static str,
    },
    /// The letter-number format is not usable.
    #[error("文号格式“{format}”无效：{why}")]
    BadNumberFormat {
        /// The format.
        format: String,
        /// What is wrong.
        why: String,
    },
    /// A name that is no letter kind.
    #[error(
        "未知的文书种类“{0}”；可用：receipt 登记回执、correction 补正告知书、consultation 征求意见书、consultation-notice 征求意见告知书、agency-consultation 征求意见函、disclosure-notice 公开告知书、extension 延期答复告知书、reasons 说明理由告知书、fee 信息处理费缴费通知书、reply 答复书、closing 终止处理告知书、record-correction 更正答复书、service 送达回证"
    )]
    UnknownKind(String),
    /// The facts do not allow the letter (a limit of the regulation, a missing fact).
    #[error("{0}")]
    InvalidFacts(String),
    /// A template uses an unknown field or fails to render.
    #[error("文书模板 {file} 第{line}行有误：{detail}")]
    Template {
        /// The template file (the agency's path, or 内置模板 NAME).
        file: String,
        /// The line, from 1 (0 when unknown).
        line: usize,
        /// What is wrong.
        detail: String,
    },
    /// The document could not be packed.
    #[error("无法生成 Word 文档：{0}")]
    Docx(String),
}

/// The output format of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LetterFormat {
    /// Word (.docx), ready to print, sign and seal.
    #[default]
    Docx,
    /// Markdown (.md), the same text, for e-mail or a quick look.
    Markdown,
}

impl LetterFormat {
    /// The file extension (`docx`, `md`).
    pub fn extension(self) -> &'static str {
        match self {
            LetterFormat::Docx => "docx",
            LetterFormat::Markdown => "md",
        }
    }

    /// The format of a letter recorded as issued, from the extension it was recorded with
    /// ([`crate::case::LetterIssue::format`]): `md` is Markdown, anything else Word.
    pub fn of_extension(extension: &str) -> Self {
        if extension == LetterFormat::Markdown.extension() {
            LetterFormat::Markdown
        } else {
            LetterFormat::Docx
        }
    }
}

/// The issue of a letter: its date (成文日期) and its place in the agency's sequence of the
/// date's year (None for the 送达回证, which has no number of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issue {
    /// The date printed on the letter.
    pub date: NaiveDate,
    /// The sequence number in the year, from 1.
    pub seq: Option<u32>,
}

/// A letter made: its number, its text and the file's bytes and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedLetter {
    /// The kind.
    pub kind: LetterKind,
    /// The letter number (发文字号), if the kind has one.
    pub number: Option<String>,
    /// The letter's text, one block a line (what the .docx and Markdown say).
    pub text: String,
    /// The file: .docx or Markdown (UTF-8).
    pub bytes: Vec<u8>,
    /// The file name (`2026-0001-补正告知书.docx`).
    pub file_name: String,
}

/// Makes one letter.
///
/// Checks the facts ([`basis::check_facts`]), formats the number from `config`, renders the
/// kind's template (the agency's own if `letters_dir` has one) and builds the document.
///
/// # Errors
/// [`LetterError`]: a config key needed and not set, a number without a sequence, facts the
/// regulation does not allow, a template error (with file and line).
pub fn render(
    facts: &LetterFacts,
    issue: &Issue,
    config: &LetterConfig,
    format: LetterFormat,
) -> Result<RenderedLetter, LetterError> {
    let kind = facts.kind();
    basis::check_facts(facts)?;
    config.validate()?;
    config.require(ConfigKey::Agency)?;
    let number = if kind.numbered() {
        let seq = issue.seq.ok_or_else(|| {
            LetterError::InvalidFacts(format!("{}需要文号序号", kind.short_title()))
        })?;
        Some(config.letter_number(issue.date.year(), seq)?)
    } else {
        None
    };
    let context = context(facts, issue, config, number.as_deref())?;
    let markup = template::render(config, &kind.template_name(), &context)?;
    let blocks = layout::parse(&markup);
    let text = blocks
        .iter()
        .map(layout::Block::text)
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = match format {
        LetterFormat::Docx => docx::build(&blocks)?,
        LetterFormat::Markdown => layout::markdown(&blocks).into_bytes(),
    };
    Ok(RenderedLetter {
        kind,
        number,
        text,
        bytes,
        file_name: kind.file_name(facts.case_no(), format.extension()),
    })
}

/// The template context: the config keys that are set, the letter's own parts and the facts.
fn context(
    facts: &LetterFacts,
    issue: &Issue,
    config: &LetterConfig,
    number: Option<&str>,
) -> Result<Value, LetterError> {
    let kind = facts.kind();
    let mut map = Map::new();
    for key in ConfigKey::ALL {
        if let Some(v) = config.get(key) {
            map.insert(key.name().into(), json!(v));
        }
    }
    map.insert("title".into(), json!(kind.title()));
    map.insert("number".into(), json!(number.unwrap_or("")));
    map.insert("date".into(), json!(issue.date));
    map.insert("regulation".into(), json!(basis::REGULATION));
    map.insert("article".into(), period_articles());
    let mut f =
        serde_json::to_value(facts).map_err(|e| LetterError::InvalidFacts(e.to_string()))?;
    one_line(&mut f);
    map.insert("f".into(), f);
    match facts {
        LetterFacts::Reply(r) => {
            let b = basis::reply_basis(r)?;
            map.insert(
                "basis".into(),
                serde_json::to_value(b).map_err(|e| LetterError::InvalidFacts(e.to_string()))?,
            );
        }
        LetterFacts::Closing(c) => {
            map.insert("basis".into(), json!(basis::closing_basis(c.reason)));
        }
        LetterFacts::Service(s) => {
            map.insert("letter_title".into(), json!(s.letter.title()));
        }
        _ => {}
    }
    Ok(Value::Object(map))
}

/// The articles the periods rest on, from the one periods table ([`crate::case::period`]), as
/// the templates cite them after `regulation` (`{{ article.reply }}` = 第三十三条第二款, 条例
/// Art 33 ¶2), so that a letter and the command that records its step cite the same article.
fn period_articles() -> Value {
    use crate::case::period;
    json!({
        "correction_notice": period::CORRECTION_NOTICE.article_in_regulation(),
        "correction_period": period::CORRECTION_PERIOD.article_in_regulation(),
        "reply": period::REPLY.article_in_regulation(),
        "extension": period::EXTENSION.article_in_regulation(),
        "reasons_explanation": period::REASONS_EXPLANATION.article_in_regulation(),
    })
}

/// Makes every string of the facts one line without the table separator, so that what an
/// applicant wrote (a line starting with `#`, a `|`) can never be read as the letter's markup:
/// line breaks become spaces, `|` becomes the full-width `｜`.
fn one_line(value: &mut Value) {
    match value {
        Value::String(s) if s.contains(['\n', '\r', '|']) => {
            *s = s
                .split(['\n', '\r'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .replace('|', "｜");
        }
        Value::Array(items) => items.iter_mut().for_each(one_line),
        Value::Object(map) => map.values_mut().for_each(one_line),
        _ => {}
    }
}
