//! The correction-of-record requests of a year (更正申请, 条例 Art 41; SPEC §8), counted apart
//! from table 三: they are not disclosure requests, so they count in none of its rows (see
//! [`super::rows_of`]) and the annual report gives them a count of their own, by end.

use chrono::Datelike;
use serde::Serialize;

use super::counted_received_on;
use crate::case::{Case, CorrectionEnd};

/// The title of the count in the table and CSV outputs.
pub const RECORD_CORRECTIONS_TITLE: &str = "更正申请（条例第四十一条，不计入表三）";

/// How many correction-of-record requests ended in each way in the year (SPEC §8).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ends {
    /// 更正并告知.
    pub corrected: usize,
    /// 转送.
    pub forwarded: usize,
    /// 告知向有权机关提出.
    pub redirected: usize,
    /// 不予更正.
    pub refused: usize,
}

impl Ends {
    /// The count of one end.
    pub fn get(&self, end: CorrectionEnd) -> usize {
        match end {
            CorrectionEnd::Corrected => self.corrected,
            CorrectionEnd::Forwarded => self.forwarded,
            CorrectionEnd::Redirected => self.redirected,
            CorrectionEnd::Refused => self.refused,
        }
    }

    fn add(&mut self, end: CorrectionEnd) {
        match end {
            CorrectionEnd::Corrected => self.corrected += 1,
            CorrectionEnd::Forwarded => self.forwarded += 1,
            CorrectionEnd::Redirected => self.redirected += 1,
            CorrectionEnd::Refused => self.refused += 1,
        }
    }
}

/// The correction-of-record requests of a year, counted as table 三 counts requests (by their
/// counted receipt date and their conclusion date), so that received plus carried over equals
/// concluded plus carried forward. Serialises (JSON, key `record_corrections`) as `{received,
/// carried_over, ends: {corrected, forwarded, redirected, refused}, withdrawn, concluded,
/// carried_forward}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordCorrections {
    /// 本年新收: received in the year.
    pub received: usize,
    /// 上年结转: received before the year, still open at the end of the previous year.
    pub carried_over: usize,
    /// Answered in the year, by end.
    pub ends: Ends,
    /// Concluded in the year without an answer (申请人撤回).
    pub withdrawn: usize,
    /// 本年办结: every one concluded in the year (the ends and the withdrawn).
    pub concluded: usize,
    /// 结转下年度继续办理: received by the end of the year and still open at its end.
    pub carried_forward: usize,
}

/// The correction-of-record requests among `cases` for `year` (条例 Art 41).
pub fn record_corrections_of(cases: &[Case], year: i32) -> RecordCorrections {
    let mut n = RecordCorrections::default();
    for c in cases.iter().filter(|c| c.is_record_correction()) {
        let received = counted_received_on(c).year();
        let concluded = c.conclusion.as_ref().map(|x| x.on.year());
        let open_after = |y: i32| concluded.is_none_or(|cy| cy > y);
        if received == year {
            n.received += 1;
        }
        if received < year && open_after(year - 1) {
            n.carried_over += 1;
        }
        if concluded == Some(year) {
            n.concluded += 1;
            match &c.record_correction {
                Some(a) => n.ends.add(a.reply.end),
                None => n.withdrawn += 1,
            }
        }
        if received <= year && open_after(year) {
            n.carried_forward += 1;
        }
    }
    n
}

impl RecordCorrections {
    /// One line of Chinese for the terminal table.
    pub fn line(&self) -> String {
        let ends: Vec<String> = CorrectionEnd::ALL
            .iter()
            .map(|e| format!("{} {}", e.label(), self.ends.get(*e)))
            .collect();
        format!(
            "{RECORD_CORRECTIONS_TITLE}：本年新收 {} 件，上年结转 {} 件；本年办结 {} 件（{}，申请人撤回 {}）；结转下年度继续办理 {} 件",
            self.received,
            self.carried_over,
            self.concluded,
            ends.join("，"),
            self.withdrawn,
            self.carried_forward
        )
    }

    /// CSV rows of three cells (key, label, count) under a heading row.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec![
            "更正".to_string(),
            RECORD_CORRECTIONS_TITLE.to_string(),
            "件数".to_string(),
        ]];
        let mut push = |key: &str, label: &str, n: usize| {
            rows.push(vec![key.to_string(), label.to_string(), n.to_string()]);
        };
        push("received", "本年新收", self.received);
        push("carried_over", "上年结转", self.carried_over);
        for e in CorrectionEnd::ALL {
            push(e.name(), e.label(), self.ends.get(e));
        }
        push("withdrawn", "申请人撤回", self.withdrawn);
        push("concluded", "本年办结", self.concluded);
        push(
            "carried_forward",
            "结转下年度继续办理",
            self.carried_forward,
        );
        rows
    }
}
