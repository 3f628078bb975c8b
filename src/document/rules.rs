//! What every step's check shares: the refusal, the steps allowed next, rendered as command lines,
//! and the checks of text and dates.

use chrono::NaiveDate;
use serde::Serialize;

use super::event::{DocState, DocStepKind, Document};
use super::types::{Attribute, ChangeKind, Ground};
use crate::calendar::Calendar;

/// A step refused: the rule, its source, and what may be done instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRefusal {
    /// The rule, in Chinese.
    pub rule: String,
    /// Where the rule comes from, as the clerk can look it up: an article of the 条例
    /// (条例第二十六条) or the bureau's own rules (附录A.1 of its 主动公开工作制度).
    pub source: &'static str,
    /// The steps allowed now, as `disclose doc …` command lines (`<ID>` stands for the
    /// document's number: see [`DocRefusal::with_id`]).
    pub next: Vec<String>,
    /// Whether `next` is the refused command itself, corrected (the value the rule wants), rather
    /// than the steps allowed in general.
    pub corrected: bool,
}

impl std::fmt::Display for DocRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}（{}）", self.rule, self.source)
    }
}

impl std::error::Error for DocRefusal {}

impl DocRefusal {
    /// The refusal with `<ID>` in its command lines replaced by the document's number.
    pub fn with_id(mut self, id: &str) -> DocRefusal {
        for n in &mut self.next {
            *n = n.replace("<ID>", id);
        }
        self
    }
}

/// The command line that records a step of this kind, with placeholders for its values.
pub fn command_line(kind: DocStepKind) -> &'static str {
    match kind {
        DocStepKind::Register => {
            "disclose doc register --title 标题 --doc-no 文号 --formed-on 成文日期 --type 规章|行政规范性文件|其他 --attribute 主动公开|依申请公开|不予公开"
        }
        DocStepKind::Review => {
            "disclose doc review <ID> --agree|--disagree [--suggest 公开属性] --signer 签字人"
        }
        DocStepKind::Approve => {
            "disclose doc approve <ID> --channel 政府网站 --publisher 发布机构 --topic 一级类目 [--subtopic 二级类目] --approver 审批人"
        }
        DocStepKind::Publish => {
            "disclose doc publish <ID> --on 发布日期 --channel 政府网站 --address 网址"
        }
        DocStepKind::Interpret => {
            "disclose doc interpret <ID> --form 文字|图解|视频|音频|问答 --by 解读机构 --on 发布日期"
        }
        DocStepKind::Change => {
            "disclose doc change <ID> --kind 修改|废止|失效 --on 日期 [--successor 文号]"
        }
        DocStepKind::Mark => "disclose doc mark <ID> --on 标注日期",
        DocStepKind::Convert => "disclose doc convert <ID> --on 日期 --reason 理由",
    }
}

/// The steps the rules allow on the document now.
pub fn allowed_next(doc: &Document) -> Vec<DocStepKind> {
    use DocStepKind as K;
    let mut v = Vec::new();
    let ended = doc.ended_on().is_some();
    match doc.state {
        DocState::New => v.push(K::Register),
        DocState::Registered => v.push(K::Review),
        DocState::Reviewed => match doc.attribute {
            Some(Attribute::Proactive) => v.push(K::Approve),
            Some(Attribute::OnRequest) => v.push(K::Convert),
            _ => {}
        },
        DocState::Approved => v.push(K::Publish),
        DocState::Published => v.push(K::Interpret),
    }
    if doc.state >= DocState::Registered && !ended {
        v.push(K::Change);
    }
    if doc.state == DocState::Published && doc.unmarked_change().is_some() {
        v.push(K::Mark);
    }
    v
}

/// A refusal citing `source`, proposing the steps allowed on `doc`.
pub(crate) fn refuse(
    doc: &Document,
    rule: impl Into<String>,
    source: &'static str,
) -> Result<(), DocRefusal> {
    Err(DocRefusal {
        rule: rule.into(),
        source,
        next: allowed_next(doc)
            .into_iter()
            .map(|k| command_line(k).to_string())
            .collect(),
        corrected: false,
    })
}

/// A required one-line text: not blank, no control characters, at most 500 characters.
pub(crate) fn one_line(doc: &Document, field: &str, value: &str) -> Result<(), DocRefusal> {
    if value.trim().is_empty() {
        return refuse(doc, format!("{field}不能为空"), "附录B–D");
    }
    if value.chars().any(char::is_control) || value.chars().count() > 500 {
        return refuse(
            doc,
            format!("{field}须为一行文字（不超过500字）"),
            "附录B–D",
        );
    }
    Ok(())
}

/// An optional one-line text.
pub(crate) fn opt_line(
    doc: &Document,
    field: &str,
    value: Option<&String>,
) -> Result<(), DocRefusal> {
    value.map_or(Ok(()), |v| one_line(doc, field, v))
}

/// A date the calendar can count with (1900–2199), not before 成文日期 when the document has one.
pub(crate) fn date_ok(
    doc: &Document,
    field: &str,
    date: NaiveDate,
    cal: &Calendar,
) -> Result<(), DocRefusal> {
    if cal.is_working_day(date).is_err() {
        return refuse(
            doc,
            format!("{field}{date}超出日历支持的范围（1900-01-01 至 2199-12-31）"),
            "条例第二十六条",
        );
    }
    if let Some(f) = doc.formed_on()
        && date < f
    {
        return refuse(
            doc,
            format!("{field}{date}早于成文日期{f}"),
            "条例第二十六条",
        );
    }
    Ok(())
}

/// A refusal citing `source` whose hint is the one command line that fixes it (`fix`), not the
/// steps allowed in general.
fn refuse_fix(
    rule: impl Into<String>,
    source: &'static str,
    fix: String,
) -> Result<(), DocRefusal> {
    Err(DocRefusal {
        rule: rule.into(),
        source,
        next: vec![fix],
        corrected: true,
    })
}

/// The command line that gives `attribute` where it was refused: `doc register … --attribute`
/// for a document not yet registered, `doc review <ID> --disagree --suggest` for the office's
/// suggestion, with what the attribute needs (附录B/C 注4): a reason for 依申请公开, one of
/// the grounds for 不予公开 (their choices joined by “|”), nothing more for 主动公开.
fn attribute_fix(doc: &Document, normative: bool, attribute: Attribute) -> String {
    let needs = match attribute {
        Attribute::Proactive => String::new(),
        Attribute::OnRequest => " --reason 理由".to_string(),
        Attribute::Withheld => format!(" --ground {}", Ground::choices()),
    };
    if doc.state == DocState::New {
        let doc_type = if normative {
            "行政规范性文件"
        } else {
            "规章|其他"
        };
        format!(
            "disclose doc register --title 标题 --doc-no 文号 --formed-on 成文日期 --type {doc_type} --attribute {attribute}{needs}"
        )
    } else {
        format!("disclose doc review <ID> --disagree --suggest {attribute}{needs} --signer 签字人")
    }
}

/// The attribute rules of the forms, for the drafting unit's proposal and the office's
/// suggestion alike: a 行政规范性文件 is always 主动公开 (SPEC §10; 条例 Art 20(一)); 依申请公开
/// needs a reason and 不予公开 at least one of the form's grounds (附录B/C 注4, seed A.1); the
/// grounds and the reason belong to their attribute only.
pub(crate) fn attribute_ok(
    doc: &Document,
    normative: bool,
    attribute: Attribute,
    reason: Option<&String>,
    grounds_given: bool,
) -> Result<(), DocRefusal> {
    let fix = |a: Attribute| attribute_fix(doc, normative, a);
    if normative && attribute != Attribute::Proactive {
        return refuse_fix(
            format!("行政规范性文件的公开属性只能为主动公开，不能为{attribute}"),
            "条例第二十条第（一）项",
            fix(Attribute::Proactive),
        );
    }
    match attribute {
        Attribute::OnRequest if reason.is_none_or(|r| r.trim().is_empty()) => refuse_fix(
            "确定为依申请公开的，须说明理由（--reason）",
            "附录B/C 注4；附录A.1",
            fix(attribute),
        ),
        Attribute::Withheld if !grounds_given => refuse_fix(
            "确定为不予公开的，须勾选至少一项不予公开理由（--ground）",
            "附录B/C 注4；附录A.1",
            fix(attribute),
        ),
        Attribute::Proactive | Attribute::Withheld if reason.is_some() => refuse_fix(
            "只有依申请公开须填写理由（--reason）：请去掉 --reason",
            "附录B/C",
            fix(attribute),
        ),
        Attribute::Proactive | Attribute::OnRequest if grounds_given => refuse_fix(
            "不予公开理由只适用于不予公开：请去掉 --ground",
            "附录B/C",
            fix(attribute),
        ),
        _ => opt_line(doc, "理由", reason),
    }
}

/// Whether a change of this kind may follow the document's changes so far: nothing follows a
/// 废止 or 失效.
pub(crate) fn change_allowed(doc: &Document, _kind: ChangeKind) -> Result<(), DocRefusal> {
    if let Some(end) = doc.changes.iter().find(|c| c.change.kind.ends_force()) {
        return refuse(
            doc,
            format!("该文件已于{}{}，不能再变更", end.change.on, end.change.kind),
            "条例第二十六条",
        );
    }
    Ok(())
}
