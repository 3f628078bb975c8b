//! The reply (答复): on an approved draft, after every consultation answered or its window
//! closed, within the reply period (条例 Art 33); its outcome among those of Art 36, with the
//! reasons and legal basis for anything withheld (Art 36, 37); a third party's objection
//! overridden only for the public interest (Art 32).

use super::consultation::holding_consultation;
use super::event::{Answer, PartyKind, Reply, StepKind as K};
use super::rules::{Gate, Refusal, refuse};
use super::{Case, Outcome, State, closing, period, review};
use chrono::NaiveDate;

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// The outcome a reply records (办理结果, 条例 Art 36): the one given, else the draft
/// opinion's (拟办意见, which [`check`] requires the reply to match once approved), else
/// （一）予以公开 (a reply with no draft is refused anyway).
pub fn outcome_or_draft(given: Option<Outcome>, draft: Option<&review::Draft>) -> Outcome {
    given
        .or(draft.map(|d| d.outcome))
        .unwrap_or(Outcome { group: 1, item: 0 })
}

impl Reply {
    /// This reply with what the clerk left out taken from the draft opinion (拟办意见): its
    /// legal basis and reasons (条例 Art 36, 37) and its reason for disclosing over a third
    /// party's objection in the public interest (条例 Art 32). What was given is kept.
    pub fn completed_from(mut self, draft: Option<&review::Draft>) -> Reply {
        if let Some(d) = draft {
            self.basis = self.basis.or_else(|| d.basis.clone());
            self.reasons = self.reasons.or_else(|| d.reasons.clone());
            self.public_interest = self.public_interest.or_else(|| d.public_interest.clone());
        }
        self
    }
}

/// A reply: in progress, an outcome a reply can take, no consultation still open, an approved
/// draft with the same outcome, the way it is served, and what the outcome must state.
pub(super) fn check(g: &Gate<'_>, r: &Reply) -> Result<(), Refusal> {
    let case = g.case;
    g.in_state(&[State::InProgress])?;
    closing_outcome_refusal(case, r.outcome)?;
    if let Some((party, end)) = holding_consultation(case, g.cal, g.on, Some(&g.dl)) {
        return refuse(
            format!(
                "正在征求“{party}”的意见，期限至 {end}（{}）：请先记录其意见，或待期满后再答复",
                period::CONSULTATION_WINDOW.article
            ),
            vec![K::ConsultationAnswered],
        );
    }
    let Some(d) = case.draft.as_ref().filter(|d| d.is_approved()) else {
        return refuse(
            "答复须经审核、审批：没有经分管领导审批同意的拟办意见，不能答复（本机关依申请公开工作制度）",
            vec![review::step_before_reply(case.draft.as_ref())],
        );
    };
    if d.outcome != r.outcome {
        return refuse(
            format!(
                "答复的办理结果 {} 与审批同意的拟办意见（{}）不一致：如需改变，请重新拟办并报审",
                r.outcome.label(),
                d.outcome.label()
            ),
            vec![K::Draft],
        );
    }
    if r.delivery.trim().is_empty() {
        return refuse("请写明答复的送达方式（--delivery）", vec![]);
    }
    super::service::check_at_sending(g, r.served_on)?;
    // 条例 Art 35: （五）4 无正当理由大量反复申请 needs the applicant asked to explain.
    if r.outcome == (Outcome { group: 5, item: 4 }) && !super::reasons::asked(case) {
        return refuse(
            "以（五）4 答复，须先要求申请人说明理由（条例第三十五条）：请先发出说明理由告知书",
            vec![K::ReasonsAsked],
        );
    }
    public_interest_refusal(case, r.outcome, &r.public_interest, "答复")?;
    let mut missing = missing_reasons(r.outcome, &r.reasons, &r.basis);
    if r.outcome == Outcome::NOT_HELD && blank(&r.search_done) && blank(&r.competent_agency) {
        missing.push(
            "所做的检索（--search-done）；如属其他机关负责公开，写明该机关名称（--competent-agency）和联系方式（--agency-contact）"
                .to_string(),
        );
    }
    if !blank(&r.competent_agency) && blank(&r.agency_contact) {
        missing.push("负责公开的机关的联系方式（--agency-contact）".to_string());
    }
    if !missing.is_empty() {
        return refuse(
            format!(
                "{} 的答复须写明：{}（条例第三十六条、第三十七条）",
                r.outcome.label(),
                missing.join("；")
            ),
            vec![],
        );
    }
    Ok(())
}

/// The first third party consulted on `case` that objected (不同意公开), if any.
fn objecting_party(case: &Case) -> Option<&str> {
    case.consultations
        .iter()
        .find(|c| {
            c.party.kind == PartyKind::ThirdParty
                && c.answer
                    .as_ref()
                    .is_some_and(|a| a.answer == Answer::Object)
        })
        .map(|c| c.party.name.as_str())
}

/// Disclosing everything (（一）) over a third party's objection: withholding the objected part
/// is the default, and disclosure needs the finding that withholding would gravely affect the
/// public interest, stated (`--public-interest`) and told to the third party in writing (条例
/// Art 32). Checked at the draft (`what` = 拟办意见) and at the reply (答复).
pub(super) fn public_interest_refusal(
    case: &Case,
    outcome: Outcome,
    public_interest: &Option<String>,
    what: &str,
) -> Result<(), Refusal> {
    if outcome.group != 1 || !blank(public_interest) {
        return Ok(());
    }
    let Some(party) = objecting_party(case) else {
        return Ok(());
    };
    refuse(
        format!(
            "第三方“{party}”不同意公开，{what}却为{}：第三方不同意公开且有合理理由的，不予公开；认为不公开可能对公共利益造成重大影响而决定公开的，须写明理由（--public-interest）并书面告知第三方（条例第三十二条）",
            outcome.label()
        ),
        vec![K::Draft],
    )
}

/// What the clerk should know, on stderr, about a draft or reply with `outcome` on `on` that
/// the rules accept (the step still goes on record): a third party still awaited whose letter
/// went out after the due day and so holds no reply back (SPEC §3, 条例 Art 33 ¶3; reply only,
/// `dl` given); （三）4 保护第三方合法权益 when the only third party consulted agreed to disclosure
/// (条例 Art 32); disclosure over an objection, which must be told to the third party in writing
/// (条例 Art 32).
pub fn notes(
    case: &Case,
    cal: &crate::calendar::Calendar,
    on: NaiveDate,
    outcome: Outcome,
    dl: Option<&super::Deadlines>,
) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(dl) = dl {
        let due = dl.reply_due.map(|d| d.value);
        for (party, end) in super::consultation::awaited_after_due(case, cal, on, dl) {
            v.push(format!(
                "已向“{party}”征求意见（期限至 {end}），尚未收到意见；该函在答复期限{}之后发出，不中止计时，答复不必等待其意见（条例第三十三条第三款）",
                due.map(|d| format!(" {d} ")).unwrap_or_default()
            ));
        }
    }
    let names: std::collections::BTreeSet<&str> = case
        .consultations
        .iter()
        .filter(|c| c.party.kind == PartyKind::ThirdParty)
        .map(|c| c.party.name.as_str())
        .collect();
    let last_answer = case
        .consultations
        .iter()
        .rev()
        .filter(|c| c.party.kind == PartyKind::ThirdParty)
        .find_map(|c| c.answer.as_ref());
    if outcome == (Outcome { group: 3, item: 4 })
        && let [party] = names.into_iter().collect::<Vec<_>>()[..]
        && last_answer.is_some_and(|a| a.answer == Answer::Agree)
    {
        v.push(format!(
            "征求意见的第三方“{party}”同意公开，办理结果却为{}：请核对（条例第三十二条）",
            outcome.label()
        ));
    }
    if outcome.group == 1
        && let Some(party) = objecting_party(case)
    {
        v.push(format!(
            "第三方“{party}”不同意公开，决定公开的，须将决定公开的内容和理由书面告知第三方（条例第三十二条）"
        ));
    }
    v
}

/// After an objection is recorded: the current draft, if it discloses everything (（一）) with
/// no public-interest reason, can no longer lead to a reply (条例 Art 32, see
/// `public_interest_refusal`): said with the command for a new draft.
pub fn draft_overtaken(case: &Case) -> Option<String> {
    let d = case.draft.as_ref().filter(|d| !d.is_returned())?;
    let party = objecting_party(case)?;
    (d.outcome.group == 1 && blank(&d.public_interest)).then(|| {
        format!(
            "第三方“{party}”不同意公开，现有拟办意见为{}，没有写明公共利益理由，不能据此答复（条例第三十二条）：请重新拟办，如 disclose review draft {} --department {} --handler {} --outcome 2 --reasons 理由 --basis 依据（部分公开），或写明 --public-interest 理由",
            d.outcome.label(),
            case.case_no,
            super::service::shell_word(&d.department),
            super::service::shell_word(&d.handler)
        )
    })
}

/// What an outcome's reasons must include (条例 Art 36, 37): reasons and legal basis for
/// anything withheld (（二）, （三）), reasons for （四） and （五）.
pub(super) fn missing_reasons(
    outcome: Outcome,
    reasons: &Option<String>,
    basis: &Option<String>,
) -> Vec<String> {
    let mut v = Vec::new();
    if (outcome.withholds() || matches!(outcome.group, 4 | 5)) && blank(reasons) {
        v.push("理由（--reasons）".to_string());
    }
    if outcome.withholds() && blank(basis) {
        v.push("法律依据（--basis）".to_string());
    }
    v
}

/// Outcomes a draft or reply cannot take: the two closings that are steps of their own, and
/// （四）3 补正后申请内容仍不明确 for a request that was never corrected (条例 Art 30, 36(7)).
pub(super) fn closing_outcome_refusal(case: &Case, outcome: Outcome) -> Result<(), Refusal> {
    if outcome == Outcome::STILL_UNCLEAR
        && case
            .correction
            .as_ref()
            .is_none_or(|c| c.received_on.is_none())
    {
        return refuse(
            format!(
                "（四）3 补正后申请内容仍不明确，只用于已一次性告知补正、申请人补正后内容仍不明确的申请（{art}）：本申请没有收到补正的记录。申请内容不明确的，应在收到申请之日起 {days}内发出补正通知（disclose correct notice）",
                art = period::CORRECTION_NOTICE.article,
                days = period::CORRECTION_NOTICE.days()
            ),
            vec![],
        );
    }
    if outcome == Outcome::CORRECTION_LAPSED {
        return match &case.correction {
            Some(_) => refuse(
                "（六）1 逾期不补正不是答复：补正期限届满后请用“逾期不补正办结”记录",
                vec![K::CorrectionLapsed],
            ),
            None => refuse(
                "（六）1 只用于发出补正通知后申请人逾期不补正的申请（条例第三十条），本申请没有补正通知",
                vec![],
            ),
        };
    }
    if outcome == Outcome::FEE_LAPSED {
        return match &case.fee {
            Some(_) => refuse(
                "（六）2 逾期未缴费不是答复：缴费期限届满后请用“逾期未缴费办结”记录",
                vec![K::FeeLapsed],
            ),
            None => refuse(
                "（六）2 只用于发出收费通知后申请人逾期未缴费的申请（109号），本申请没有收费通知",
                vec![],
            ),
        };
    }
    Ok(())
}

/// The reply concludes the request with its outcome.
pub(super) fn apply(c: &mut Case, on: NaiveDate, r: &Reply) {
    closing::conclude(c, on, r.outcome, Some(r.clone()), None);
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    #[test]
    fn art36_art37_what_is_withheld_needs_reasons_and_a_legal_basis() {
        let partly = Outcome { group: 2, item: 0 };
        assert_eq!(
            reply::missing_reasons(partly, &None, &None),
            vec!["理由（--reasons）", "法律依据（--basis）"]
        );
        assert!(reply::missing_reasons(partly, &Some("r".into()), &Some("b".into())).is_empty());
        assert_eq!(
            reply::missing_reasons(Outcome::NOT_HELD, &None, &None),
            vec!["理由（--reasons）"]
        );
        assert!(reply::missing_reasons(Outcome { group: 1, item: 0 }, &None, &None).is_empty());
    }

    #[test]
    fn art36_art37_a_draft_withholding_without_reasons_is_refused() {
        let c = fold(&fixtures()[1].1);
        let e = ev(
            "2026-03-06",
            Step::Draft {
                department: "文物科".into(),
                handler: "李明".into(),
                outcome: Outcome { group: 3, item: 4 },
                reasons: None,
                basis: None,
                public_interest: None,
            },
        );
        let r = check(Some(&c), &e, cal(), d("2026-03-06")).unwrap_err();
        assert_eq!(
            r.message,
            "拟办意见为（三）不予公开 4.保护第三方合法权益，须写明理由（--reasons）和法律依据（--basis）（条例第三十六条、第三十七条），以便审核、审批"
        );
    }

    #[test]
    fn art30_art36_still_unclear_only_after_a_correction() {
        let c = fold(&fixtures()[1].1);
        let r = reply::closing_outcome_refusal(&c, Outcome::STILL_UNCLEAR).unwrap_err();
        assert_eq!(
            r.message,
            "（四）3 补正后申请内容仍不明确，只用于已一次性告知补正、申请人补正后内容仍不明确的申请（条例第三十条）：本申请没有收到补正的记录。申请内容不明确的，应在收到申请之日起 7 个工作日内发出补正通知（disclose correct notice）"
        );
    }
}
