//! The periods of the procedure, in working days (工作日): one table that every check, every
//! deadline and every message takes its number and its article from (SPEC.md §3).

/// A period: its length (or default length), the lengths allowed, and the article it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// What it is (Chinese).
    pub name: &'static str,
    /// Its length in working days; for a period the office chooses, the default.
    pub wd: u32,
    /// The shortest length allowed.
    pub min: u32,
    /// The longest length allowed.
    pub max: u32,
    /// The article it rests on (Chinese, as cited in messages).
    pub article: &'static str,
}

impl Period {
    /// Whether `n` working days is an allowed length.
    pub fn allows(&self, n: u32) -> bool {
        (self.min..=self.max).contains(&n)
    }

    /// Its length as said in messages: `N 个工作日`.
    pub fn days(&self) -> String {
        format!("{} 个工作日", self.wd)
    }

    /// The article as a letter cites it after the regulation's full title: `第三十三条第二款`
    /// (the article without its `条例` prefix; a source that is not the regulation, such as
    /// `109号`, as it is).
    pub fn article_in_regulation(&self) -> &'static str {
        self.article.strip_prefix("条例").unwrap_or(self.article)
    }

    /// The allowed lengths as said in messages: `1 至 60 个工作日`.
    pub fn range(&self) -> String {
        format!("{} 至 {} 个工作日", self.min, self.max)
    }
}

/// The window for a correction notice: 7 working days after R (补正通知, 条例 Art 30).
pub const CORRECTION_NOTICE: Period = Period {
    name: "补正通知期限",
    wd: 7,
    min: 7,
    max: 7,
    article: "条例第三十条",
};

/// The applicant's period to correct: a "reasonable period" the office sets, 15 working days
/// unless configured, 1 to 60 (补正期限, 条例 Art 30; SPEC.md §3 "agency default, e.g. 15 WD").
/// The configuration's `correction_period` is validated against this range too.
pub const CORRECTION_PERIOD: Period = Period {
    name: "补正期限",
    wd: 15,
    min: 1,
    max: 60,
    article: "条例第三十条",
};

/// A consulted party's window: 15 working days after the letter (征求意见, 条例 Art 32, 34).
pub const CONSULTATION_WINDOW: Period = Period {
    name: "征求意见期限",
    wd: 15,
    min: 15,
    max: 15,
    article: "条例第三十二条、第三十四条",
};

/// The reply period: 20 working days after the clock start (答复期限, 条例 Art 33 ¶2: ¶1 is the
/// reply on the spot, ¶2 the 20 working days and their extension).
pub const REPLY: Period = Period {
    name: "答复期限",
    wd: 20,
    min: 20,
    max: 20,
    article: "条例第三十三条第二款",
};

/// An extension: at most 20 working days, once (延期答复, 条例 Art 33 ¶2).
pub const EXTENSION: Period = Period {
    name: "延期",
    wd: 20,
    min: 1,
    max: 20,
    article: "条例第三十三条第二款",
};

/// The applicant's period to pay a fee: 20 working days after the notice (缴费期限, 国办函〔2020〕
/// 109号).
pub const FEE_PAYMENT: Period = Period {
    name: "缴费期限",
    wd: 20,
    min: 20,
    max: 20,
    article: "109号",
};

/// The applicant's period to explain the reasons for a volume of applications beyond a
/// reasonable range (说明理由, 条例 Art 35): the article sets none; the office gives 15 working
/// days from receipt of the 说明理由告知书, as for a correction.
pub const REASONS_EXPLANATION: Period = Period {
    name: "说明理由期限",
    wd: 15,
    min: 15,
    max: 15,
    article: "条例第三十五条",
};

/// Every period, in procedure order.
pub const ALL: [Period; 7] = [
    CORRECTION_NOTICE,
    CORRECTION_PERIOD,
    CONSULTATION_WINDOW,
    REPLY,
    EXTENSION,
    REASONS_EXPLANATION,
    FEE_PAYMENT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art30_art33_periods_as_the_regulation_sets_them() {
        assert_eq!(CORRECTION_NOTICE.days(), "7 个工作日");
        assert_eq!(CORRECTION_PERIOD.wd, 15);
        assert_eq!(CORRECTION_PERIOD.range(), "1 至 60 个工作日");
        assert!(CORRECTION_PERIOD.allows(1) && CORRECTION_PERIOD.allows(60));
        assert!(!CORRECTION_PERIOD.allows(0) && !CORRECTION_PERIOD.allows(61));
        assert_eq!(CONSULTATION_WINDOW.wd, 15);
        assert_eq!(REPLY.days(), "20 个工作日");
        // 条例 Art 33 ¶2 sets the 20 working days (¶1 is the reply on the spot).
        assert_eq!(REPLY.article, "条例第三十三条第二款");
        assert_eq!(REPLY.article_in_regulation(), "第三十三条第二款");
        assert_eq!(EXTENSION.article_in_regulation(), "第三十三条第二款");
        assert_eq!(FEE_PAYMENT.article_in_regulation(), "109号");
        assert!(EXTENSION.allows(20) && !EXTENSION.allows(21) && !EXTENSION.allows(0));
        assert_eq!(FEE_PAYMENT.wd, 20);
        assert_eq!(REASONS_EXPLANATION.days(), "15 个工作日");
        assert_eq!(ALL.len(), 7);
    }
}
