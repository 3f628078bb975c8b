//! Consultation (征求意见): of a third party whose interests disclosure may harm (条例 Art 32)
//! or of another agency (条例 Art 34), each with 15 working days to answer; the time it takes
//! is not counted in the reply period (条例 Art 33 ¶3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::event::{Answer, Party, PartyKind, ServedLetter, StepKind as K};
use super::rules::{Gate, Refusal, calendar_refusal, refuse};
use super::{Case, Deadlines, PauseKind, State, period};
use crate::calendar::{Calendar, CalendarError, Reckoned};

/// One consulted party and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// Who.
    pub party: Party,
    /// The letter's date.
    pub sent_on: NaiveDate,
    /// The day the party received it (送达日期), once known: its 15 working days run from it
    /// (条例 Art 32 自收到征求意见书之日起).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_on: Option<NaiveDate>,
    /// The answer, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<ConsultationAnswer>,
}

/// A recorded answer of a consulted party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationAnswer {
    /// The day it arrived (or was recorded as missing).
    pub on: NaiveDate,
    /// What it said.
    pub answer: Answer,
    /// Its reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
}

/// The article a consultation of this kind of party rests on: 条例第三十二条 for a third
/// party, 条例第三十四条 for another agency.
pub fn article(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::ThirdParty => "条例第三十二条",
        PartyKind::Agency => "条例第三十四条",
    }
}

/// The last day of a consulted party's window: 15 working days after the letter (条例 Art 32,
/// 34). The one place this is computed.
///
/// # Errors
/// [`CalendarError::OutOfRange`] outside the calendar.
pub fn window_end(
    cal: &Calendar,
    sent_on: NaiveDate,
) -> Result<Reckoned<NaiveDate>, CalendarError> {
    cal.add_working_days(sent_on, period::CONSULTATION_WINDOW.wd)
}

/// Whether the `i`-th consultation of `case` writes again to a party already consulted on
/// this request: such a letter stops no clock (SPEC §8 — else the 20 + 20 working-day cap
/// could be evaded by writing again and again; 条例 Art 33 ¶3 counts the time of one
/// consultation).
pub fn is_repeat(case: &Case, i: usize) -> bool {
    case.consultations.get(i).is_some_and(|c| {
        case.consultations[..i]
            .iter()
            .any(|p| p.party.name == c.party.name)
    })
}

impl Consultation {
    /// The day the party's 15 working days are counted from: the served date once recorded,
    /// else the letter's date (the earliest it can be), 条例 Art 32.
    pub fn window_start(&self) -> NaiveDate {
        self.served_on.unwrap_or(self.sent_on)
    }
}

/// The first consulted party whose window is still open on `on` with no answer: its name and
/// window end.
pub(super) fn open_consultation(
    case: &Case,
    cal: &Calendar,
    on: NaiveDate,
) -> Option<(String, NaiveDate)> {
    // A repeat letter stops no clock, so it cannot hold the reply back either.
    case.consultations
        .iter()
        .enumerate()
        .filter(|(i, c)| c.answer.is_none() && !is_repeat(case, *i))
        .find_map(|(_, c)| {
            let end = window_end(cal, c.window_start()).ok()?.value;
            (on <= end).then(|| (c.party.name.clone(), end))
        })
}

/// The first consultation that holds the reply back on `on`: open as [`open_consultation`]
/// says, and sent while the reply period still ran, so that its time is not counted (条例
/// Art 33 ¶3). A letter sent after the due day stops nothing (SPEC §3: the reply is already
/// late), so the reply may not wait for it either: the tool never both forbids the reply and
/// counts the agency late for the same days. `dl` are the deadlines as of `on`; without them
/// (a calendar error) every open letter holds.
pub(super) fn holding_consultation(
    case: &Case,
    cal: &Calendar,
    on: NaiveDate,
    dl: Option<&Deadlines>,
) -> Option<(String, NaiveDate)> {
    case.consultations
        .iter()
        .enumerate()
        .filter(|(i, c)| c.answer.is_none() && !is_repeat(case, *i) && !stops_nothing(c, dl))
        .find_map(|(_, c)| {
            let end = window_end(cal, c.window_start()).ok()?.value;
            (on <= end).then(|| (c.party.name.clone(), end))
        })
}

/// The consultations still awaited on `on` (window open, no answer) whose letters went out
/// after the reply was due: they stop no clock and hold no reply back (SPEC §3). Each with its
/// party and window end.
pub fn awaited_after_due(
    case: &Case,
    cal: &Calendar,
    on: NaiveDate,
    dl: &Deadlines,
) -> Vec<(String, NaiveDate)> {
    case.consultations
        .iter()
        .enumerate()
        .filter(|(i, c)| c.answer.is_none() && !is_repeat(case, *i) && stops_nothing(c, Some(dl)))
        .filter_map(|(_, c)| {
            let end = window_end(cal, c.window_start()).ok()?.value;
            (on <= end).then(|| (c.party.name.clone(), end))
        })
        .collect()
}

/// Whether the letter of `c` is a pause the reply clock does not count because it went out
/// after the due day ([`crate::case::Pause::counted`]).
fn stops_nothing(c: &Consultation, dl: Option<&Deadlines>) -> bool {
    dl.is_some_and(|dl| {
        dl.reply_due.is_some()
            && dl.pauses.iter().any(|p| {
                !p.counted
                    && !p.repeat
                    && p.from == c.sent_on
                    && matches!(&p.kind, PauseKind::Consultation(_, n) if *n == c.party.name)
            })
    })
}

/// Letters to consult: in progress, each party named once and not already awaited, a served
/// date, if given, not before the letters.
pub(super) fn check_sent(
    g: &Gate<'_>,
    parties: &[Party],
    served_on: Option<NaiveDate>,
) -> Result<(), Refusal> {
    // A consultation while a fee is unpaid is allowed (SPEC §8): nothing forbids it.
    g.in_state(&[State::InProgress, State::AwaitingFee])?;
    if parties.is_empty() || parties.iter().any(|p| p.name.trim().is_empty()) {
        return refuse("请写明征求意见的对象（--party 或 --agency）", vec![]);
    }
    for (i, p) in parties.iter().enumerate() {
        if parties[..i].iter().any(|q| q.name == p.name) {
            return refuse(
                format!(
                    "“{}”在这次发函中写了两次：每个对象只写一次（第三方用 --party，其他机关用 --agency）",
                    p.name
                ),
                vec![],
            );
        }
        if g.case.unanswered().any(|c| c.party.name == p.name) {
            return refuse(
                format!("已向“{}”征求意见且尚未记录其答复", p.name),
                vec![K::ConsultationAnswered],
            );
        }
    }
    super::service::check_at_sending(g, served_on)
}

/// An answer: from a party awaited; "no answer" only once its window, counted from the served
/// date, has closed (with no served date recorded, only with the clerk's reason why it cannot
/// be known, SPEC §3); an objection with its reasons.
pub(super) fn check_answered(
    g: &Gate<'_>,
    party: &str,
    answer: Answer,
    reasons: &Option<String>,
    served_unknown: Option<&str>,
) -> Result<(), Refusal> {
    let case = g.case;
    let Some(c) = case.unanswered().find(|c| c.party.name == party) else {
        let names: Vec<&str> = case.unanswered().map(|c| c.party.name.as_str()).collect();
        return refuse(
            if names.is_empty() {
                format!("没有等待答复的征求意见对象“{party}”")
            } else {
                format!(
                    "没有等待答复的征求意见对象“{party}”；等待答复的有：{}",
                    names.join("、")
                )
            },
            g.next(),
        );
    };
    let end = window_end(g.cal, c.window_start())
        .map_err(calendar_refusal)?
        .value;
    if answer == Answer::None && g.on <= end {
        return refuse(
            format!(
                "“{party}”的答复期限至 {end}，尚未届满，不能记录为逾期未答复（{}）",
                article(c.party.kind)
            ),
            g.next(),
        );
    }
    if answer == Answer::None {
        super::service::check_known(
            g,
            ServedLetter::Consultation,
            c.served_on,
            served_unknown,
            (c.sent_on, end),
            Some(party),
            format!(
                "disclose consult-third-party answer {} --party {} --answer none --on {}",
                case.case_no,
                super::service::shell_word(party),
                g.on
            ),
        )?;
    }
    if answer == Answer::Object && reasons.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return refuse("第三方不同意公开的，请记录其理由（--reasons）", vec![]);
    }
    Ok(())
}

/// The letters sent: one consultation per party.
pub(super) fn apply_sent(
    c: &mut Case,
    on: NaiveDate,
    parties: &[Party],
    served_on: Option<NaiveDate>,
) {
    for p in parties {
        c.consultations.push(Consultation {
            party: p.clone(),
            sent_on: on,
            served_on,
            answer: None,
        });
    }
}

/// The answer recorded on the latest unanswered consultation of that party.
pub(super) fn apply_answered(
    c: &mut Case,
    on: NaiveDate,
    party: &str,
    answer: Answer,
    reasons: &Option<String>,
) -> Result<(), String> {
    let cons = c
        .consultations
        .iter_mut()
        .rev()
        .find(|x| x.party.name == party && x.answer.is_none())
        .ok_or_else(|| format!("没有向“{party}”征求意见或已记录其答复"))?;
    cons.answer = Some(ConsultationAnswer {
        on,
        answer,
        reasons: reasons.clone(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::*;
    use crate::case::*;

    fn consulted() -> Case {
        fold(&fixtures()[2].1)
    }

    #[test]
    fn art32_a_third_party_has_15_working_days_to_answer() {
        // Sent Tue 2026-03-03: 15 working days later is Tue 2026-03-24.
        assert_eq!(
            window_end(cal(), d("2026-03-03")).unwrap().value,
            d("2026-03-24")
        );
        let c = consulted();
        let none = |on: &str| {
            ev(
                on,
                Step::ConsultationAnswered {
                    served_unknown_reason: None,
                    party: "甲公司".into(),
                    answer: Answer::None,
                    reasons: None,
                },
            )
        };
        let r = check(Some(&c), &none("2026-03-24"), cal(), d("2026-03-24")).unwrap_err();
        assert_eq!(
            r.message,
            "“甲公司”的答复期限至 2026-03-24，尚未届满，不能记录为逾期未答复（条例第三十二条）"
        );
        // No served date recorded: silence needs the clerk's reason why it cannot be known.
        let r = check(Some(&c), &none("2026-03-25"), cal(), d("2026-03-25")).unwrap_err();
        assert_eq!(
            r.message,
            "征求意见书的送达日期尚未记录：期限自送达之日起算，按发出日期 2026-03-03 计算最早至 2026-03-24。请先记录送达日期（served），确实无法查明送达日期的，请用 --served-unknown-reason 说明理由"
        );
        assert_eq!(r.next, vec![StepKind::Served]);
        let mut unknown = none("2026-03-25");
        if let Step::ConsultationAnswered {
            served_unknown_reason,
            ..
        } = &mut unknown.step
        {
            *served_unknown_reason = Some("平信寄出，无妥投记录".into());
        }
        check(Some(&c), &unknown, cal(), d("2026-03-25")).unwrap();
    }

    #[test]
    fn art32_the_window_runs_from_the_served_date() {
        // Sent Tue 03-03, served Thu 03-05: 15 working days from 03-05 is Thu 03-26.
        let served = ev(
            "2026-03-05",
            Step::Served {
                letter: ServedLetter::Consultation,
                party: None,
            },
        );
        let c = consulted();
        check(Some(&c), &served, cal(), d("2026-03-05")).unwrap();
        let c = apply(Some(c), &served).unwrap();
        let dl = deadlines(&c, cal(), d("2026-03-06")).unwrap();
        assert_eq!(dl.consultation_windows[0].value, d("2026-03-26"));
        let none = |on: &str| {
            ev(
                on,
                Step::ConsultationAnswered {
                    served_unknown_reason: None,
                    party: "甲公司".into(),
                    answer: Answer::None,
                    reasons: None,
                },
            )
        };
        let r = check(Some(&c), &none("2026-03-26"), cal(), d("2026-03-26")).unwrap_err();
        assert_eq!(
            r.message,
            "“甲公司”的答复期限至 2026-03-26，尚未届满，不能记录为逾期未答复（条例第三十二条）"
        );
        check(Some(&c), &none("2026-03-27"), cal(), d("2026-03-27")).unwrap();
    }

    /// SPEC §3: in person Mon 2026-01-05, due Mon 2026-02-02; a letter of Wed 02-04 (after the
    /// due day) stops nothing. The reply is not held back by its window (to 2026-03-03), and the
    /// report counts the request late: never both.
    #[test]
    fn art33_a_letter_after_the_due_day_holds_no_reply_back() {
        let mut events = vec![ev(
            "2026-01-05",
            Step::Register(Box::new(registration(Channel::InPerson, false))),
        )];
        if let Step::Register(r) = &mut events[0].step {
            r.case_no = "2026-0001".into();
        }
        let mut sent = ev("2026-02-04", step_of(StepKind::ConsultationSent));
        if let Step::ConsultationSent { parties, .. } = &mut sent.step {
            parties[0].name = "晚方".into();
        }
        events.push(sent);
        for k in [
            StepKind::Draft,
            StepKind::OfficeReview,
            StepKind::LeaderApproval,
        ] {
            events.push(ev("2026-02-04", step_of(k)));
        }
        let c = fold(&events);
        let dl = deadlines(&c, cal(), d("2026-02-05")).unwrap();
        assert_eq!(dl.reply_due.unwrap().value, d("2026-02-02"));
        assert!(!dl.pauses[0].counted);
        assert_eq!(dl.consultation_windows[0].value, d("2026-03-03"));
        assert!(next_steps(&c, cal(), d("2026-02-05")).contains(&StepKind::Reply));
        let reply = ev("2026-02-05", step_of(StepKind::Reply));
        check(Some(&c), &reply, cal(), d("2026-02-05")).unwrap();
        assert_eq!(
            reply::notes(
                &c,
                cal(),
                d("2026-02-05"),
                Outcome { group: 1, item: 0 },
                Some(&dl)
            ),
            vec![
                "已向“晚方”征求意见（期限至 2026-03-03），尚未收到意见；该函在答复期限 2026-02-02 之后发出，不中止计时，答复不必等待其意见（条例第三十三条第三款）"
            ]
        );
        // Sent on the due day itself, the letter stops the clock and holds the reply back.
        events[1].on = d("2026-02-02");
        let c = fold(&events);
        let r = check(Some(&c), &reply, cal(), d("2026-02-05")).unwrap_err();
        assert!(
            r.message.starts_with("正在征求“晚方”的意见"),
            "{}",
            r.message
        );
    }

    #[test]
    fn art32_an_objection_needs_its_reasons() {
        let c = consulted();
        let e = ev(
            "2026-03-10",
            Step::ConsultationAnswered {
                served_unknown_reason: None,
                party: "甲公司".into(),
                answer: Answer::Object,
                reasons: None,
            },
        );
        let r = check(Some(&c), &e, cal(), d("2026-03-10")).unwrap_err();
        assert_eq!(r.message, "第三方不同意公开的，请记录其理由（--reasons）");
    }

    #[test]
    fn art33_a_consultation_pauses_the_reply_clock() {
        let c = consulted();
        let dl = deadlines(&c, cal(), d("2026-03-06")).unwrap();
        assert_eq!(dl.clock, ClockStatus::Paused);
        assert!(dl.consultation_open());
        assert_eq!(dl.pauses.len(), 1);
        assert_eq!(
            dl.pauses[0].kind,
            PauseKind::Consultation(PartyKind::ThirdParty, "甲公司".into())
        );
        assert_eq!(
            dl.pauses[0].why,
            "征求第三方意见（条例第三十二条）：甲公司，2026-03-03 发函，意见期满最早为 2026-03-24（送达日期未记录，按发函之日起算）"
        );
        // R Mon 2026-03-02; 03-03 counts (1), (03-03, 03-24] does not; 19 more from 03-25,
        // skipping 清明节 04-04..04-06: Tue 2026-04-21, the latest it can become.
        assert_eq!(dl.reply_due.unwrap().value, d("2026-04-21"));
        assert_eq!(c.stage_label(dl.consultation_open()), "征求意见中");
    }

    #[test]
    fn art33_consulting_the_same_party_again_stops_no_clock() {
        // 甲公司 consulted 03-03 and answered 03-05; written to again 03-06: that letter stops nothing and does not hold the reply back.
        let c = consulted();
        let answered = ev(
            "2026-03-05",
            Step::ConsultationAnswered {
                party: "甲公司".into(),
                answer: Answer::Agree,
                reasons: None,
                served_unknown_reason: None,
            },
        );
        let c = apply(Some(c), &answered).unwrap();
        let due_before = deadlines(&c, cal(), d("2026-03-06")).unwrap().reply_due;
        let again = ev(
            "2026-03-06",
            Step::ConsultationSent {
                parties: vec![Party {
                    name: "甲公司".into(),
                    kind: PartyKind::ThirdParty,
                }],
                served_on: None,
            },
        );
        check(Some(&c), &again, cal(), d("2026-03-06")).unwrap();
        let c = apply(Some(c), &again).unwrap();
        let dl = deadlines(&c, cal(), d("2026-03-09")).unwrap();
        assert_eq!(dl.reply_due, due_before);
        assert_eq!(dl.clock, ClockStatus::Running);
        assert!(dl.pauses[1].repeat && !dl.pauses[1].counted);
        assert!(open_consultation(&c, cal(), d("2026-03-09")).is_none());
    }

    #[test]
    fn art34_an_agency_consulted_rests_on_article_34() {
        assert_eq!(article(PartyKind::Agency), "条例第三十四条");
        assert_eq!(article(PartyKind::ThirdParty), "条例第三十二条");
    }
}
