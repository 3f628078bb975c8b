//! Review of the reply (拟办 → 审核 → 审批): the department drafts, the disclosure office
//! reviews, the leader in charge approves; a reply goes out only on an approved draft (本机关
//! 依申请公开工作制度). What a draft must state follows 条例 Art 36, 37 (see [`super::reply`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::StepKind as K;
use super::reply::{closing_outcome_refusal, missing_reasons};
use super::rules::{Gate, Refusal, refuse};
use super::{Case, Outcome, State};

/// A decision on a draft, by the office (审核) or the leader (审批).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "kebab-case")]
pub enum Decision {
    /// Not yet decided.
    Pending,
    /// Approved.
    Approved {
        /// When.
        on: NaiveDate,
        /// By whom.
        by: String,
    },
    /// Sent back to the department.
    Returned {
        /// When.
        on: NaiveDate,
        /// By whom.
        by: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comments: Option<String>,
    },
}

impl Decision {
    fn of(approved: bool, on: NaiveDate, by: &str, comments: &Option<String>) -> Decision {
        if approved {
            Decision::Approved {
                on,
                by: by.to_string(),
            }
        } else {
            Decision::Returned {
                on,
                by: by.to_string(),
                comments: comments.clone(),
            }
        }
    }
}

/// The current draft reply (拟答复意见) and its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// When it was proposed.
    pub on: NaiveDate,
    /// 承办科室.
    pub department: String,
    /// 承办人.
    pub handler: String,
    /// Proposed outcome.
    pub outcome: Outcome,
    /// Proposed reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// Proposed legal basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Why disclosing over a third party's objection serves a major public interest (条例
    /// Art 32), for a draft to disclose over one; the reply takes it as its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_interest: Option<String>,
    /// The office's review (审核).
    pub office: Decision,
    /// The leader's approval (审批).
    pub leader: Decision,
}

impl Draft {
    /// Approved by both the office and the leader: a reply may go out.
    pub fn is_approved(&self) -> bool {
        matches!(self.office, Decision::Approved { .. })
            && matches!(self.leader, Decision::Approved { .. })
    }

    /// Sent back by the office or the leader: a new draft is needed.
    pub fn is_returned(&self) -> bool {
        matches!(self.office, Decision::Returned { .. })
            || matches!(self.leader, Decision::Returned { .. })
    }
}

/// The step a draft waits for before a reply: a (new) draft, the office's review or the
/// leader's approval.
pub(super) fn step_before_reply(draft: Option<&Draft>) -> K {
    match draft {
        None => K::Draft,
        Some(d) if d.is_returned() => K::Draft,
        Some(d) if d.office == Decision::Pending => K::OfficeReview,
        Some(_) => K::LeaderApproval,
    }
}

/// The step the review of the current draft allows now, if any (for the next steps): a new
/// draft, the review, the approval, or (approved, and no consultation open) the reply.
pub(super) fn next_step(draft: Option<&Draft>, consultation_open: bool) -> Option<K> {
    match draft {
        None => Some(K::Draft),
        Some(d) if d.is_returned() => Some(K::Draft),
        Some(d) if matches!(d.office, Decision::Pending) => Some(K::OfficeReview),
        Some(d) if matches!(d.leader, Decision::Pending) => Some(K::LeaderApproval),
        Some(_) if !consultation_open => Some(K::Reply),
        Some(_) => None,
    }
}

/// A draft: in progress, with its department and handler, an outcome a reply can take and the
/// reasons and basis it needs (条例 Art 36, 37); to disclose over a third party's objection,
/// the public-interest finding the reply will need (条例 Art 32), so that a draft the reply
/// would refuse is not reviewed and approved first. `texts` are its reasons, legal basis and
/// public-interest reason.
pub(super) fn check_draft(
    g: &Gate<'_>,
    department: &str,
    handler: &str,
    outcome: Outcome,
    texts: [&Option<String>; 3],
) -> Result<(), Refusal> {
    let [reasons, basis, public_interest] = texts;
    g.in_state(&[State::InProgress])?;
    if department.trim().is_empty() || handler.trim().is_empty() {
        return refuse(
            "拟办意见须写明承办科室（--department）和承办人（--handler）",
            vec![],
        );
    }
    closing_outcome_refusal(g.case, outcome)?;
    let missing = missing_reasons(outcome, reasons, basis);
    if !missing.is_empty() {
        return refuse(
            format!(
                "拟办意见为{}，须写明{}（条例第三十六条、第三十七条），以便审核、审批",
                outcome.label(),
                missing.join("和")
            ),
            vec![],
        );
    }
    super::reply::public_interest_refusal(g.case, outcome, public_interest, "拟办意见")
}

/// The office's review: of a pending draft; sending back needs comments.
pub(super) fn check_office(
    g: &Gate<'_>,
    approved: bool,
    comments: &Option<String>,
) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    match &g.case.draft {
        Some(d) if d.office == Decision::Pending => {}
        Some(d) if d.is_returned() => {
            return refuse("拟办意见已被退回，请先提出新的拟办意见", vec![K::Draft]);
        }
        Some(_) => return refuse("拟办意见已经审核通过", g.next()),
        None => {
            return refuse(
                "还没有拟办意见，不能审核：请先由承办科室拟办",
                vec![K::Draft],
            );
        }
    }
    if !approved && blank(comments) {
        return refuse("退回拟办意见须写明修改意见（--comments）", vec![]);
    }
    approvable(g, approved)
}

/// Approving (审核通过, 审批同意) a draft the reply would refuse: one to disclose everything over
/// a third party's objection (recorded after the draft) with no public-interest reason (条例
/// Art 32). Sending it back is always allowed.
fn approvable(g: &Gate<'_>, approved: bool) -> Result<(), Refusal> {
    match &g.case.draft {
        Some(d) if approved => {
            super::reply::public_interest_refusal(g.case, d.outcome, &d.public_interest, "拟办意见")
        }
        _ => Ok(()),
    }
}

/// The leader's approval: of a draft the office approved; names the leader; sending back needs
/// comments.
pub(super) fn check_leader(
    g: &Gate<'_>,
    approved: bool,
    leader: &str,
    comments: &Option<String>,
) -> Result<(), Refusal> {
    g.in_state(&[State::InProgress])?;
    match &g.case.draft {
        Some(d) if d.is_returned() => {
            return refuse("拟办意见已被退回，请先提出新的拟办意见", vec![K::Draft]);
        }
        Some(d) if d.office == Decision::Pending => {
            return refuse(
                "拟办意见尚未经政务公开办公室审核，不能报领导审批",
                vec![K::OfficeReview],
            );
        }
        Some(d) if d.leader == Decision::Pending => {}
        Some(_) => return refuse("拟办意见已经领导审批", g.next()),
        None => return refuse("还没有拟办意见，不能审批", vec![K::Draft]),
    }
    if leader.trim().is_empty() {
        return refuse("请写明审批的分管领导（--leader）", vec![]);
    }
    if !approved && blank(comments) {
        return refuse("退回须写明意见（--comments）", vec![]);
    }
    approvable(g, approved)
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// A new draft replaces the previous one, pending both decisions.
pub(super) fn apply_draft(
    c: &mut Case,
    on: NaiveDate,
    department: &str,
    handler: &str,
    outcome: Outcome,
    texts: [&Option<String>; 3],
) {
    let [reasons, basis, public_interest] = texts;
    c.draft = Some(Draft {
        on,
        department: department.to_string(),
        handler: handler.to_string(),
        outcome,
        reasons: reasons.clone(),
        basis: basis.clone(),
        public_interest: public_interest.clone(),
        office: Decision::Pending,
        leader: Decision::Pending,
    });
}

/// The office's decision, by the recorder.
pub(super) fn apply_office(
    c: &mut Case,
    on: NaiveDate,
    by: &str,
    approved: bool,
    comments: &Option<String>,
) -> Result<(), String> {
    let d = c.draft.as_mut().ok_or("没有拟办意见")?;
    d.office = Decision::of(approved, on, by, comments);
    Ok(())
}

/// The leader's decision.
pub(super) fn apply_leader(
    c: &mut Case,
    on: NaiveDate,
    leader: &str,
    approved: bool,
    comments: &Option<String>,
) -> Result<(), String> {
    let d = c.draft.as_mut().ok_or("没有拟办意见")?;
    d.leader = Decision::of(approved, on, leader, comments);
    Ok(())
}
