//! The steps of a document's life as events, and the document as their fold ([`replay`]).
//!
//! ```text
//!   registered (附录B/C) ─► reviewed (office / 单位负责人) ─► approved (附录D) ─► published
//!        │ 依申请公开 ─ converted (seed A.2, Art 44) ─► 主动公开 ─┘            │
//!        │                                        interpretation published ◄─┤
//!        └──────────── changed (修改 / 废止 / 失效) ─► marked on the original ◄┘
//! ```
//!
//! Events are stored with stable kebab-case names (`{"step": "registered", …}`); [`replay`] never
//! refuses: the rules are checked before an event is recorded ([`super::check`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::types::{
    Attribute, ChangeKind, Channel, DocType, Form, Ground, InterpretationForm, Validity,
};

/// The yes/no questions of 附录B/C.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questions {
    /// 是否属于行政规范性文件.
    pub normative: bool,
    /// 本单位是否已进行公开前审查 (条例 Art 17).
    pub pre_review: bool,
    /// 是否开展政策解读 (注2: the plan and material go with the document).
    pub interpretation_planned: bool,
    /// 是否部分删减后公开 (注3: the redacted version goes with the document).
    pub redacted: bool,
    /// 是否建议提请会议审议 (附录B only; `None` on 附录C).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_meeting: Option<bool>,
}

/// 登记 and 公开属性认定: the document and the drafting unit's half of 附录B/C.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// 拟发公文标题.
    pub title: String,
    /// 文号 (报文文号), e.g. 根文旅发〔2026〕12号; some documents have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_no: Option<String>,
    /// 成文日期: the day the information was formed (条例 Art 26 starts here).
    pub formed_on: NaiveDate,
    /// 报文单位 / 起草单位.
    pub drafting_unit: String,
    /// 公文类型 (附录D).
    pub doc_type: DocType,
    /// Which form: 附录B (office) or 附录C (department).
    pub form: Form,
    /// The form's yes/no questions.
    pub questions: Questions,
    /// 公文属性建议.
    pub attribute: Attribute,
    /// 依申请公开 理由.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 不予公开 grounds (several may apply).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<Ground>,
    /// 起草单位意见 (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter_opinion: Option<String>,
    /// 负责人签字或单位签章.
    pub drafter_signer: String,
}

/// The office's opinion on the attribute: 附录B 局办公室发文办公室意见 or 附录C 单位负责人意见.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// 同意起草单位意见 (true) or 不同意 (false).
    pub agree: bool,
    /// 建议改为: the attribute the office sets when it disagrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Attribute>,
    /// Reason when the suggestion is 依申请公开.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Grounds when the suggestion is 不予公开.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<Ground>,
    /// 主要负责人签字.
    pub signer: String,
    /// The day of the signature.
    pub on: NaiveDate,
}

/// A topic of 附录E: 一级类目 and, where it has them, 二级类目.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TopicRef {
    /// 一级类目.
    pub first: String,
    /// 二级类目.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second: Option<String>,
}

impl std::fmt::Display for TopicRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.second {
            Some(s) => write!(f, "{} / {}", self.first, s),
            None => f.write_str(&self.first),
        }
    }
}

/// 公文公开审批单 (附录D).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// 公开主动方式: 政府网站, 政府公报, 政务新媒体, 其他.
    pub channels: Vec<Channel>,
    /// 发布机构.
    pub publisher: String,
    /// 主题分类 (附录E), validated with [`super::topics::Topics::resolve`].
    pub topic: TopicRef,
    /// Who approved.
    pub approver: String,
    /// The day of the approval.
    pub on: NaiveDate,
}

/// Publication (发布): date, channels, address and the 索引号 assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// 发布日期.
    pub on: NaiveDate,
    /// Where it was published.
    pub channels: Vec<Channel>,
    /// 网址 or other address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 索引号, unique and never reused ([`super::index_no`]).
    pub index_no: String,
}

/// A policy interpretation (政策解读) published for the document (seed A.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interpretation {
    /// 解读形式.
    pub form: InterpretationForm,
    /// Who interprets (解读机构或解读人).
    pub by: String,
    /// 发布日期.
    pub on: NaiveDate,
    /// 网址.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// 修改、废止、失效 on a date, possibly with the document replacing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The day of the change (条例 Art 26: 变更之日).
    pub on: NaiveDate,
    /// 文号 of the successor document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

/// 依申请公开 → 主动公开 after review (seed A.2; 条例 Art 44).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    /// The day of the decision.
    pub on: NaiveDate,
    /// Why (e.g. how often it was requested).
    pub reason: String,
}

/// One step of a document's life, as recorded in the event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum DocStep {
    /// Registered with its attribute determination (附录B/C, drafting unit's half).
    Registered(Registration),
    /// The office's (or department head's) opinion on the attribute.
    Reviewed(Review),
    /// Approved for publication (附录D).
    Approved(Approval),
    /// Published, with its 索引号.
    Published(Publication),
    /// A policy interpretation published.
    InterpretationPublished(Interpretation),
    /// Amended, repealed or lapsed.
    Changed(Change),
    /// The change marked on the published original, on that day.
    Marked {
        /// The day of the marking.
        on: NaiveDate,
    },
    /// Converted 依申请公开 → 主动公开.
    Converted(Conversion),
}

/// The kind of a [`DocStep`], without its data: what a refusal proposes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocStepKind {
    /// `disclose doc register`.
    Register,
    /// `disclose doc review`.
    Review,
    /// `disclose doc approve`.
    Approve,
    /// `disclose doc publish`.
    Publish,
    /// `disclose doc interpret`.
    Interpret,
    /// `disclose doc change`.
    Change,
    /// `disclose doc mark`.
    Mark,
    /// `disclose doc convert`.
    Convert,
}

impl DocStepKind {
    /// The Chinese name of the step, as the clerk's forms name it (附录A–D; 条例 Art 26 for a
    /// change and its marking): shown when the step is recorded.
    pub fn label(self) -> &'static str {
        match self {
            DocStepKind::Register => "登记（公开属性认定）",
            DocStepKind::Review => "公开属性审核",
            DocStepKind::Approve => "公开审批",
            DocStepKind::Publish => "发布",
            DocStepKind::Interpret => "发布政策解读",
            DocStepKind::Change => "变更（修改、废止或失效）",
            DocStepKind::Mark => "在已发布原文上标注变更",
            DocStepKind::Convert => "依申请公开转为主动公开",
        }
    }
}

impl DocStep {
    /// The kind of the step.
    pub fn kind(&self) -> DocStepKind {
        match self {
            DocStep::Registered(_) => DocStepKind::Register,
            DocStep::Reviewed(_) => DocStepKind::Review,
            DocStep::Approved(_) => DocStepKind::Approve,
            DocStep::Published(_) => DocStepKind::Publish,
            DocStep::InterpretationPublished(_) => DocStepKind::Interpret,
            DocStep::Changed(_) => DocStepKind::Change,
            DocStep::Marked { .. } => DocStepKind::Mark,
            DocStep::Converted(_) => DocStepKind::Convert,
        }
    }
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocState {
    /// No event yet.
    #[default]
    New,
    /// 已登记: attribute proposed by the drafting unit.
    Registered,
    /// 已审核: the office has given its opinion; the attribute is determined.
    Reviewed,
    /// 已审批 (附录D).
    Approved,
    /// 已发布.
    Published,
}

impl DocState {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            DocState::New => "未登记",
            DocState::Registered => "已登记",
            DocState::Reviewed => "已审核",
            DocState::Approved => "已审批",
            DocState::Published => "已发布",
        }
    }
}

/// A change and the day it was marked on the published original, if it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// The change.
    pub change: Change,
    /// 标注日期.
    pub marked_on: Option<NaiveDate>,
}

/// A document as its events leave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where it is.
    pub state: DocState,
    /// The registration (None before it).
    pub registration: Option<Registration>,
    /// The attribute as determined now (the drafting unit's, the office's suggestion, or
    /// 主动公开 after a conversion).
    pub attribute: Option<Attribute>,
    /// The office's opinion.
    pub review: Option<Review>,
    /// 附录D.
    pub approval: Option<Approval>,
    /// The publication.
    pub publication: Option<Publication>,
    /// Interpretations published, in order.
    pub interpretations: Vec<Interpretation>,
    /// Changes, in order, each with its marking.
    pub changes: Vec<ChangeRecord>,
    /// The conversion to 主动公开, if any.
    pub conversion: Option<Conversion>,
}

impl Document {
    /// 有效性: from the last change (有效 when none).
    pub fn validity(&self) -> Validity {
        self.changes
            .last()
            .map_or(Validity::InForce, |c| c.change.kind.validity())
    }

    /// The day the document stopped being in force (the first 废止 or 失效), if it did.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.changes
            .iter()
            .find(|c| c.change.kind.ends_force())
            .map(|c| c.change.on)
    }

    /// The office's review when it disagreed and set another attribute (its reason and grounds
    /// then replace the drafting unit's).
    fn overriding_review(&self) -> Option<&Review> {
        self.review
            .as_ref()
            .filter(|r| !r.agree && r.suggested.is_some())
    }

    /// The 不予公开 grounds in force: the office's when it changed the attribute, else the
    /// drafting unit's (附录B/C).
    pub fn grounds(&self) -> &[Ground] {
        match (self.overriding_review(), &self.registration) {
            (Some(r), _) => &r.grounds,
            (None, Some(reg)) => &reg.grounds,
            (None, None) => &[],
        }
    }

    /// The 依申请公开 reason in force: the office's when it changed the attribute, else the
    /// drafting unit's (附录B/C).
    pub fn reason(&self) -> Option<&str> {
        match (self.overriding_review(), &self.registration) {
            (Some(r), _) => r.reason.as_deref(),
            (None, Some(reg)) => reg.reason.as_deref(),
            (None, None) => None,
        }
    }

    /// 成文日期, when registered.
    pub fn formed_on(&self) -> Option<NaiveDate> {
        self.registration.as_ref().map(|r| r.formed_on)
    }

    /// The type, when registered.
    pub fn doc_type(&self) -> Option<DocType> {
        self.registration.as_ref().map(|r| r.doc_type)
    }

    /// The first change not yet marked on the original.
    pub fn unmarked_change(&self) -> Option<&ChangeRecord> {
        self.changes.iter().find(|c| c.marked_on.is_none())
    }

    /// Applies one step (no checks: see [`super::check`]).
    pub fn apply(&mut self, step: &DocStep) {
        match step {
            DocStep::Registered(r) => {
                self.attribute = Some(r.attribute);
                self.registration = Some(r.clone());
                self.state = DocState::Registered;
            }
            DocStep::Reviewed(r) => {
                if let (false, Some(a)) = (r.agree, r.suggested) {
                    self.attribute = Some(a);
                }
                self.review = Some(r.clone());
                self.state = self.state.max(DocState::Reviewed);
            }
            DocStep::Approved(a) => {
                self.approval = Some(a.clone());
                self.state = self.state.max(DocState::Approved);
            }
            DocStep::Published(p) => {
                self.publication = Some(p.clone());
                self.state = DocState::Published;
            }
            DocStep::InterpretationPublished(i) => self.interpretations.push(i.clone()),
            DocStep::Changed(c) => self.changes.push(ChangeRecord {
                change: c.clone(),
                marked_on: None,
            }),
            DocStep::Marked { on } => {
                if let Some(c) = self.changes.iter_mut().find(|c| c.marked_on.is_none()) {
                    c.marked_on = Some(*on);
                }
            }
            DocStep::Converted(c) => {
                self.attribute = Some(Attribute::Proactive);
                self.conversion = Some(c.clone());
            }
        }
    }
}

/// The document its steps leave, in order. Never refuses.
pub fn replay<'a>(steps: impl IntoIterator<Item = &'a DocStep>) -> Document {
    let mut d = Document::default();
    for s in steps {
        d.apply(s);
    }
    d
}
