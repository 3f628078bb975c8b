//! Service (送达): the day a letter reached its addressee. The third party's 15 working days
//! (条例 Art 32 自收到征求意见书之日起), the applicant's 20 working days to pay (109号) and the
//! applicant's correction period (条例 Art 30) run from it; so do the applicant's periods to
//! challenge the reply: 行政复议 within 60 days (复议法 Art 20) and a lawsuit within 6 months
//! (诉讼法 Art 46), SPEC.md §3, §8.
//!
//! Until the served date is recorded a window is counted from the sending date and shown as
//! the earliest it can end (最早); closing as lapsed (（六）1, （六）2) or recording a party's
//! silence then needs the clerk's reason why the served date cannot be known.

use chrono::{Days, Months, NaiveDate};

use super::event::{ServedLetter, StepKind as K};
use super::rules::{Gate, Refusal, refuse, refuse_with};
use super::{Case, State};

/// The last day to apply for 行政复议 against a reply served on `served_on`: 60 calendar days
/// from the day the applicant knew of it (复议法 Art 20), day 0 being the served date.
pub fn reconsideration_until(served_on: NaiveDate) -> NaiveDate {
    served_on
        .checked_add_days(Days::new(60))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day to bring a lawsuit against a reply served on `served_on`: 6 months from the
/// day the applicant knew of it (诉讼法 Art 46); a month without that day ends on its last day.
pub fn lawsuit_until(served_on: NaiveDate) -> NaiveDate {
    served_on
        .checked_add_months(Months::new(6))
        .unwrap_or(NaiveDate::MAX)
}

/// How many working days after a reply sent by post with no served date recorded it is shown
/// in the weekly report (the office's choice: an EMS letter is delivered within days; after 10
/// working days the delivery record should be looked up).
pub const REPLY_SERVICE_FOLLOW_UP_WD: u32 = 10;

/// A served date given when a letter is sent: not before the sending day, not after today.
pub(super) fn check_at_sending(g: &Gate<'_>, served_on: Option<NaiveDate>) -> Result<(), Refusal> {
    match served_on {
        Some(s) if s < g.on => refuse(
            format!("送达日期 {s} 早于发出日期 {}：请核对", g.on),
            vec![],
        ),
        Some(s) if s > g.today => refuse(
            format!(
                "送达日期 {s} 晚于今天（{}）：只能记录已经送达的日期",
                g.today
            ),
            vec![],
        ),
        _ => Ok(()),
    }
}

/// The letter of `case` that `letter` (and `party`) names: its sending day, its served date
/// if recorded, and the day something came back that shows it had been received (an answer,
/// a payment, the corrected application).
fn find(
    case: &Case,
    letter: ServedLetter,
    party: Option<&str>,
) -> Result<(NaiveDate, Option<NaiveDate>, Option<NaiveDate>), Refusal> {
    let none = |what: &str| refuse(format!("本申请没有{what}，不能记录其送达日期"), vec![]);
    match letter {
        ServedLetter::Correction => match &case.correction {
            Some(c) => Ok((c.notice_on, c.served_on, c.received_on)),
            None => none("补正通知"),
        },
        ServedLetter::Fee => match &case.fee {
            Some(f) => Ok((f.notice_on, f.served_on, f.paid_on)),
            None => none("收费通知"),
        },
        ServedLetter::Reply => match (
            case.conclusion.as_ref().and_then(|c| c.reply.as_ref()),
            &case.record_correction,
        ) {
            (Some(r), _) => Ok((
                case.conclusion.as_ref().map(|c| c.on).expect("has reply"),
                r.served_on,
                None,
            )),
            // A correction-of-record request's answer (条例 Art 41).
            (None, Some(a)) => Ok((a.on, a.reply.served_on, None)),
            (None, None) => none("答复"),
        },
        ServedLetter::Consultation => {
            let mut names: Vec<&str> = case
                .consultations
                .iter()
                .map(|c| c.party.name.as_str())
                .collect();
            names.dedup();
            let name = match (party, names.as_slice()) {
                (_, []) => return none("征求意见"),
                (Some(p), _) => p,
                (None, [one]) => *one,
                (None, many) => {
                    return refuse(
                        format!(
                            "本申请征求了多个对象的意见，请用 --party 写明是哪一个：{}",
                            many.join("、")
                        ),
                        vec![],
                    );
                }
            };
            match case
                .consultations
                .iter()
                .rev()
                .find(|c| c.party.name == name)
            {
                Some(c) => Ok((c.sent_on, c.served_on, c.answer.as_ref().map(|a| a.on))),
                None => refuse(
                    format!(
                        "没有向“{name}”征求意见；征求过意见的有：{}",
                        names.join("、")
                    ),
                    vec![],
                ),
            }
        }
    }
}

/// Recording a served date later (the event's date is the served date): the letter was sent,
/// its served date not yet recorded, and it is not before the sending day nor after the day
/// the addressee answered, paid or corrected.
pub(super) fn check(
    g: &Gate<'_>,
    letter: ServedLetter,
    party: Option<&str>,
) -> Result<(), Refusal> {
    if letter == ServedLetter::Reply {
        g.in_state(&[State::Concluded, State::Archived])?;
    } else if g.case.state == State::Archived {
        g.in_state(&[])?;
    }
    let (sent, served, came_back) = find(g.case, letter, party)?;
    if let Some(s) = served {
        return refuse(
            format!(
                "{}的送达日期已记录为 {s}：如有误，请用更正（amend）",
                letter.label()
            ),
            vec![K::Amend],
        );
    }
    if g.on < sent {
        return refuse(
            format!(
                "送达日期 {} 早于{}的发出日期 {sent}：请核对",
                g.on,
                letter.label()
            ),
            vec![],
        );
    }
    if let Some(b) = came_back.filter(|b| g.on > *b) {
        return refuse(
            format!(
                "送达日期 {} 晚于对方已作出回应（答复、缴费或补正）的 {b}：请核对",
                g.on
            ),
            vec![],
        );
    }
    Ok(())
}

/// The served date recorded on its letter.
pub(super) fn apply(
    c: &mut Case,
    on: NaiveDate,
    letter: ServedLetter,
    party: Option<&str>,
) -> Result<(), String> {
    let missing = || format!("没有{}", letter.label());
    match letter {
        ServedLetter::Correction => c.correction.as_mut().ok_or_else(missing)?.served_on = Some(on),
        ServedLetter::Fee => c.fee.as_mut().ok_or_else(missing)?.served_on = Some(on),
        ServedLetter::Reply => match c.conclusion.as_mut().and_then(|x| x.reply.as_mut()) {
            Some(r) => r.served_on = Some(on),
            // A correction-of-record request's answer (条例 Art 41).
            None => {
                c.record_correction
                    .as_mut()
                    .ok_or_else(missing)?
                    .reply
                    .served_on = Some(on)
            }
        },
        ServedLetter::Consultation => {
            let name = match party {
                Some(p) => p.to_string(),
                None => c
                    .consultations
                    .last()
                    .map(|x| x.party.name.clone())
                    .ok_or_else(missing)?,
            };
            c.consultations
                .iter_mut()
                .rev()
                .find(|x| x.party.name == name)
                .ok_or_else(missing)?
                .served_on = Some(on);
        }
    }
    Ok(())
}

/// A value as one word of a command line: in double quotes when it has spaces or quotes.
pub(crate) fn shell_word(s: &str) -> String {
    if s.chars()
        .any(|c| c.is_whitespace() || "\"'$`\\".contains(c))
    {
        format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('$', "\\$")
                .replace('`', "\\`")
        )
    } else {
        s.to_string()
    }
}

/// Closing as lapsed or recording silence with no served date recorded: allowed only with the
/// clerk's reason why the served date cannot be known (SPEC §3). `window_end` is the window
/// counted from the sending day; `party`, the consulted party (for a consultation letter);
/// `retry`, the step's own command line without its `--served-unknown-reason`. The refusal's
/// hints are both ways on as commands the tool accepts: `served` for this letter, and the step
/// again with the reason.
pub(super) fn check_known(
    g: &Gate<'_>,
    letter: ServedLetter,
    served_on: Option<NaiveDate>,
    reason: Option<&str>,
    sent: (NaiveDate, NaiveDate),
    party: Option<&str>,
    retry: String,
) -> Result<(), Refusal> {
    let (sent_on, window_end) = sent;
    if served_on.is_some() || reason.is_some_and(|r| !r.trim().is_empty()) {
        return Ok(());
    }
    let which = match letter {
        ServedLetter::Correction => "correction",
        ServedLetter::Consultation => "consultation",
        ServedLetter::Fee => "fee",
        ServedLetter::Reply => "reply",
    };
    let party = party
        .map(|p| format!(" --party {}", shell_word(p)))
        .unwrap_or_default();
    refuse_with(
        format!(
            "{}的送达日期尚未记录：期限自送达之日起算，按发出日期 {sent_on} 计算最早至 {window_end}。请先记录送达日期（served），确实无法查明送达日期的，请用 --served-unknown-reason 说明理由",
            letter.label()
        ),
        vec![K::Served],
        vec![
            (
                K::Served,
                format!(
                    "disclose served {} --letter {which}{party} --on 送达日期",
                    g.case.case_no
                ),
            ),
            (g.kind, format!("{retry} --served-unknown-reason 理由")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::d;

    #[test]
    fn art20_art46_the_periods_to_challenge_a_reply_run_from_its_served_date() {
        assert_eq!(reconsideration_until(d("2026-03-20")), d("2026-05-19"));
        assert_eq!(lawsuit_until(d("2026-03-20")), d("2026-09-20"));
        assert_eq!(lawsuit_until(d("2026-08-31")), d("2027-02-28"));
    }
}
