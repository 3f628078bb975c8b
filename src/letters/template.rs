//! The wording of the letters: minijinja templates compiled into the binary, each overridable by
//! a file of the same name in the agency's `letters_dir`.
//!
//! A template renders the letter as lines of a small markup that [`super::layout`] reads:
//! `# ` title lines, `## ` the letter number, `= ` a line flush left (the addressee), `> ` a
//! right-aligned line (seal line, date), `| a | b |` a table row, anything else a body paragraph.
//!
//! Templates see the config keys that are set (`agency`, `court`, …), `title`, `number`, `date`,
//! `regulation`, `article` (the articles of the periods, from [`crate::case::period`]: `reply`,
//! `extension`, `correction_notice`, `correction_period`, `reasons_explanation`), the facts
//! under `f`, and for replies and closings `basis`; filters `cn_date` (2026年3月2日), `yuan`
//! (1,100元) and `sentence` (what a clerk typed, ended with 。). Undefined values are errors
//! (strict), and before a
//! template is rendered every variable it names is checked against the context, so a typo in a
//! branch not taken is refused too, with the file and line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use super::LetterError;
use super::config::{ConfigKey, LetterConfig};

/// The built-in templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("_letter.j2", include_str!("templates/_letter.j2")),
    ("_common.j2", include_str!("templates/_common.j2")),
    ("receipt.j2", include_str!("templates/receipt.j2")),
    ("correction.j2", include_str!("templates/correction.j2")),
    ("consultation.j2", include_str!("templates/consultation.j2")),
    (
        "consultation-notice.j2",
        include_str!("templates/consultation-notice.j2"),
    ),
    (
        "agency-consultation.j2",
        include_str!("templates/agency-consultation.j2"),
    ),
    (
        "disclosure-notice.j2",
        include_str!("templates/disclosure-notice.j2"),
    ),
    ("extension.j2", include_str!("templates/extension.j2")),
    ("reasons.j2", include_str!("templates/reasons.j2")),
    ("fee.j2", include_str!("templates/fee.j2")),
    ("reply.j2", include_str!("templates/reply.j2")),
    ("closing.j2", include_str!("templates/closing.j2")),
    (
        "record-correction.j2",
        include_str!("templates/record-correction.j2"),
    ),
    ("service.j2", include_str!("templates/service.j2")),
];

/// Where a template comes from: the agency's folder or the binary.
fn source_of(dir: Option<&Path>, name: &str) -> Result<Option<(String, Option<PathBuf>)>, String> {
    if let Some(dir) = dir {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path)
                .map(|s| Some((s, Some(path.clone()))))
                .map_err(|e| format!("无法读取文书模板 {}：{e}", path.display()));
        }
    }
    Ok(BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| ((*s).to_string(), None)))
}

/// The display name of template `name` in errors: the agency's file path, or `内置模板 reply.j2`.
fn display_name(dir: Option<&Path>, name: &str) -> String {
    match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
        Some(p) => p.display().to_string(),
        None => format!("内置模板 {name}"),
    }
}

/// `2026-03-02` → `2026年3月2日` (Arabic numerals, no leading zeros; GB/T 9704-2012 7.3.5.3).
pub fn cn_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// An amount in yuan with thousands separators: `1100` → `1,100元` (the form of SPEC §6).
pub fn yuan(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push('元');
    out
}

/// What a clerk typed (reasons, the search done, an explanation) as a whole sentence of the
/// letter: ending in 。 (a trailing comma, semicolon, colon or full stop becomes 。; a text that
/// already ends in 。！？ is kept; an empty one stays empty), so that the letter's own next
/// sentence does not run on from it.
pub fn sentence(text: &str) -> String {
    let t = text.trim_end();
    match t.chars().last() {
        None => String::new(),
        Some('。' | '！' | '？' | '!' | '?' | '…') => t.to_string(),
        Some('，' | '、' | ',' | '；' | ';' | '：' | ':' | '.') => {
            let mut s = t.to_string();
            s.pop();
            s.push('。');
            s
        }
        Some(_) => format!("{t}。"),
    }
}

fn environment(dir: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_loader(move |name| {
        source_of(dir.as_deref(), name)
            .map(|o| o.map(|(s, _)| s))
            .map_err(|e| Error::new(ErrorKind::TemplateNotFound, e))
    });
    env.add_filter("cn_date", |s: String| -> Result<String, Error> {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(cn_date)
            .map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("“{s}”不是日期")))
    });
    env.add_filter("yuan", |n: u64| yuan(n));
    env.add_filter("sentence", |s: Option<String>| {
        s.map(|s| sentence(&s)).unwrap_or_default()
    });
    env
}

/// Renders the template of `kind_template` (e.g. `reply.j2`) with `context`.
///
/// Before rendering, every variable the template (and the partials it names) uses is looked up
/// in the context: a config key that is not set is refused as
/// [`LetterError::MissingConfig`]; any other unknown name as [`LetterError::Template`] with the
/// file and line. Rendering errors are [`LetterError::Template`] too.
///
/// # Errors
/// As above.
pub fn render(
    config: &LetterConfig,
    template: &str,
    context: &serde_json::Value,
) -> Result<String, LetterError> {
    let dir = config.letters_dir.clone();
    let env = environment(dir.clone());
    let template_error = |e: &Error| {
        let name = e.name().unwrap_or(template).to_string();
        LetterError::Template {
            file: display_name(dir.as_deref(), &name),
            line: e.line().unwrap_or(0),
            detail: e
                .detail()
                .map(str::to_string)
                .unwrap_or_else(|| e.kind().to_string()),
        }
    };
    let tmpl = env.get_template(template).map_err(|e| template_error(&e))?;
    // The partials this template names, checked the same way.
    let (main_source, _) = source_of(dir.as_deref(), template)
        .map_err(|e| LetterError::Template {
            file: display_name(dir.as_deref(), template),
            line: 0,
            detail: e,
        })?
        .unwrap_or_default();
    let mut names = vec![template.to_string()];
    for (partial, _) in BUILTIN.iter().filter(|(n, _)| n.starts_with('_')) {
        if main_source.contains(partial) {
            names.push((*partial).to_string());
        }
    }
    for name in &names {
        let t = env.get_template(name).map_err(|e| template_error(&e))?;
        let source = source_of(dir.as_deref(), name)
            .ok()
            .flatten()
            .map(|(s, _)| s)
            .unwrap_or_default();
        let mut used: BTreeSet<String> = t.undeclared_variables(true).into_iter().collect();
        // Names the template uses at top level: config keys first, for the better message.
        for key in ConfigKey::ALL {
            if used
                .iter()
                .any(|u| u == key.name() || u.starts_with(&format!("{}.", key.name())))
                && context.get(key.name()).is_none()
            {
                return Err(config
                    .require(key)
                    .err()
                    .unwrap_or(LetterError::MissingConfig {
                        key: key.name(),
                        example: key.example(),
                    }));
            }
        }
        used.retain(|path| !resolves(context, path));
        if let Some(path) = used.into_iter().next() {
            return Err(LetterError::Template {
                file: display_name(dir.as_deref(), name),
                line: line_of(&source, &path),
                detail: format!("未知字段 {path}"),
            });
        }
    }
    let ctx = minijinja::Value::from(minijinja::value::Serde(context));
    tmpl.render(ctx).map_err(|e| template_error(&e))
}

/// Whether a dotted path (`f.applicant.name`) names something in the context. A path through a
/// value that is null (an optional fact not given) counts as known.
fn resolves(context: &serde_json::Value, path: &str) -> bool {
    let mut value = context;
    for part in path.split('.') {
        match value {
            serde_json::Value::Object(map) => match map.get(part) {
                Some(v) => value = v,
                None => return false,
            },
            // Below null, an array or a scalar the template decides (if/for); not our business.
            _ => return true,
        }
    }
    true
}

/// The first line (from 1) of `source` that mentions `path`, or its last segment; 0 if none.
fn line_of(source: &str, path: &str) -> usize {
    let last = path.rsplit('.').next().unwrap_or(path);
    [path, last]
        .iter()
        .find_map(|needle| {
            source
                .lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
        })
        .unwrap_or(0)
}
