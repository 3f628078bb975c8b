//! Outcomes (办理结果): the leaf rows of table 三 of the annual-report format \[格式\],
//! SPEC.md §4. Every concluded request has exactly one.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One outcome row of table 三, identified by its code (`1`, `2`, `3.1`–`3.8`, `4.1`–`4.3`,
/// `5.1`–`5.5`, `6.1`–`6.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Outcome {
    /// The group: 1 予以公开 … 6 其他处理.
    pub group: u8,
    /// The item within groups 3–6 (1-based); 0 for groups 1 and 2.
    pub item: u8,
}

/// The group labels, verbatim from SPEC.md §4, indexed by group − 1.
pub const GROUP_LABELS: [&str; 6] = [
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
];

/// The item labels of groups 3–6, verbatim from SPEC.md §4.
pub const ITEM_LABELS: [&[&str]; 4] = [
    &[
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及\"三安全一稳定\"",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ],
    &[
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ],
    &[
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ],
    &[
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ],
];

impl Outcome {
    /// （四）1 — 本机关不掌握相关政府信息: the reply says what search was done, or which agency
    /// holds it (条例 Art 36(4)-(5)).
    pub const NOT_HELD: Outcome = Outcome { group: 4, item: 1 };
    /// （四）3 — 补正后申请内容仍不明确: only after a correction notice was answered (条例 Art 30).
    pub const STILL_UNCLEAR: Outcome = Outcome { group: 4, item: 3 };
    /// （六）1 — closed because the applicant did not correct in time (条例 Art 30).
    pub const CORRECTION_LAPSED: Outcome = Outcome { group: 6, item: 1 };
    /// （六）2 — closed because the fee was not paid in time (109号).
    pub const FEE_LAPSED: Outcome = Outcome { group: 6, item: 2 };
    /// （六）3 — other handling, e.g. withdrawn by the applicant.
    pub const OTHER: Outcome = Outcome { group: 6, item: 3 };

    /// Every outcome, in table order.
    pub fn all() -> Vec<Outcome> {
        let mut v = vec![Outcome { group: 1, item: 0 }, Outcome { group: 2, item: 0 }];
        for (g, items) in ITEM_LABELS.iter().enumerate() {
            for i in 0..items.len() {
                v.push(Outcome {
                    group: g as u8 + 3,
                    item: i as u8 + 1,
                });
            }
        }
        v
    }

    /// The code: `1`, `2`, or `group.item` such as `3.4`.
    pub fn code(&self) -> String {
        if self.item == 0 {
            self.group.to_string()
        } else {
            format!("{}.{}", self.group, self.item)
        }
    }

    /// The group's label, e.g. （三）不予公开.
    pub fn group_label(&self) -> &'static str {
        GROUP_LABELS[self.group as usize - 1]
    }

    /// The item's label within its group (e.g. 4.保护第三方合法权益), or `None` for 1 and 2.
    pub fn item_label(&self) -> Option<&'static str> {
        (self.item > 0).then(|| ITEM_LABELS[self.group as usize - 3][self.item as usize - 1])
    }

    /// The full label, e.g. `（三）不予公开 4.保护第三方合法权益` or `（一）予以公开`.
    pub fn label(&self) -> String {
        match self.item_label() {
            Some(i) => format!("{} {}", self.group_label(), i),
            None => self.group_label().to_string(),
        }
    }

    /// Whether the outcome withholds something, so the reply must give reasons and a legal
    /// basis (条例 Art 36(3), 37) and the applicant must go to 行政复议 first [复议法 Art 23].
    pub fn withholds(&self) -> bool {
        self.group == 2 || self.group == 3
    }

    /// The remedy notice (救济途径告知) a reply letter with this outcome must carry (SPEC §4):
    /// 行政复议 within 60 days [复议法 Art 20] or a lawsuit within 6 months [诉讼法 Art 46];
    /// for an outcome that withholds anything, 行政复议 first [复议法 Art 23].
    pub fn remedy_notice(&self) -> &'static str {
        if self.withholds() {
            "申请人对本答复不服的，可以自收到答复之日起 60 日内依法申请行政复议；对不予公开（含部分公开中不予公开的部分）不服的，应当先申请行政复议，对复议决定不服的，可以依法提起行政诉讼（行政复议法第二十三条）"
        } else {
            "申请人对本答复不服的，可以自收到答复之日起 60 日内依法申请行政复议，或者在 6 个月内依法提起行政诉讼"
        }
    }

    /// Every code, in words for help texts and messages: `1、2、3.1–3.8、4.1–4.3、5.1–5.5、
    /// 6.1–6.3`, built from the table so the help and the refusal cannot disagree.
    pub fn codes_text() -> String {
        let mut parts = vec!["1".to_string(), "2".to_string()];
        for (g, items) in ITEM_LABELS.iter().enumerate() {
            parts.push(format!("{0}.1–{0}.{1}", g + 3, items.len()));
        }
        parts.join("、")
    }

    /// The help of an `--outcome` option: what it is (`what`), then the accepted forms.
    pub fn help_text(what: &str) -> String {
        format!(
            "{what}：代码 {}，或年度报告表三中的名称，写出不致混淆的一部分即可（如“保护第三方合法权益”“行政执法案卷”）",
            Outcome::codes_text()
        )
    }

    /// Parses a code (`3.4`, full-width digits too) or a Chinese label (`保护第三方合法权益`,
    /// `4.保护第三方合法权益`, `（三）不予公开 4.保护第三方合法权益`, `予以公开`), or any part of
    /// a label that only one outcome's label contains (`行政执法案卷` for 3.7).
    ///
    /// # Errors
    /// For text no label contains, a message listing the accepted codes; for text several
    /// labels contain (`不予公开`), a message listing those outcomes with their codes.
    pub fn parse(s: &str) -> Result<Outcome, String> {
        let t = s.trim();
        // Codes typed in full width (３.４, ３．４) are read as typed in half width; labels keep
        // their full-width brackets.
        let code = crate::text::half_width(t);
        for o in Outcome::all() {
            if code.trim() == o.code() || t == o.label() {
                return Ok(o);
            }
        }
        let strip_group = |l: &str| {
            l.split_once('）')
                .map_or(l.to_string(), |(_, r)| r.to_string())
        };
        let mut found = Vec::new();
        for o in Outcome::all() {
            let names: Vec<String> = match o.item_label() {
                Some(item) => vec![
                    item.to_string(),
                    item.split_once('.').map_or(item, |(_, r)| r).to_string(),
                ],
                None => vec![o.group_label().to_string(), strip_group(o.group_label())],
            };
            if names.iter().any(|n| n == t) {
                found.push(o);
            }
        }
        if t == "部分公开" {
            return Ok(Outcome { group: 2, item: 0 });
        }
        // A part of a label is words (行政执法案卷), never a bare number or a single character.
        if found.is_empty() && t.chars().count() >= 2 && !t.is_ascii() {
            found = Outcome::all()
                .into_iter()
                .filter(|o| o.label().contains(t))
                .collect();
        }
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "无法识别的办理结果“{s}”：请用代码 {}，或年度报告表三中的中文名称（如“保护第三方合法权益”）",
                Outcome::codes_text()
            )),
            many => Err(format!(
                "办理结果“{s}”不明确，可指：{}；请写代码或更完整的名称",
                many.iter()
                    .map(|o| format!("{} {}", o.code(), o.label()))
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Outcome::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels() {
        assert_eq!(Outcome::all().len(), 21);
        let o = Outcome::parse("3.4").unwrap();
        assert_eq!(o.label(), "（三）不予公开 4.保护第三方合法权益");
        assert_eq!(Outcome::parse("保护第三方合法权益").unwrap(), o);
        assert_eq!(Outcome::parse("4.保护第三方合法权益").unwrap(), o);
        assert_eq!(Outcome::parse("予以公开").unwrap().code(), "1");
        assert_eq!(
            Outcome::parse("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
                .unwrap()
                .code(),
            "2"
        );
        assert_eq!(Outcome::parse("部分公开").unwrap().code(), "2");
        assert_eq!(
            Outcome::parse("6.3").unwrap().label(),
            "（六）其他处理 3.其他"
        );
        assert!(Outcome::parse("3.9").is_err());
        assert!(Outcome::parse("其他").is_ok());
    }

    #[test]
    fn any_unambiguous_part_of_a_label_is_an_outcome() {
        assert_eq!(Outcome::parse("行政执法案卷").unwrap().code(), "3.7");
        assert_eq!(Outcome::parse("国家秘密").unwrap().code(), "3.1");
        assert_eq!(Outcome::parse("３.７").unwrap().code(), "3.7");
        assert_eq!(Outcome::parse("不掌握").unwrap().code(), "4.1");
        assert_eq!(
            Outcome::parse("无法提供").unwrap_err(),
            "办理结果“无法提供”不明确，可指：4.1 （四）无法提供 1.本机关不掌握相关政府信息、4.2 （四）无法提供 2.没有现成信息需要另行制作、4.3 （四）无法提供 3.补正后申请内容仍不明确；请写代码或更完整的名称"
        );
        assert_eq!(
            Outcome::parse("信鸽").unwrap_err(),
            "无法识别的办理结果“信鸽”：请用代码 1、2、3.1–3.8、4.1–4.3、5.1–5.5、6.1–6.3，或年度报告表三中的中文名称（如“保护第三方合法权益”）"
        );
        assert_eq!(
            Outcome::codes_text(),
            "1、2、3.1–3.8、4.1–4.3、5.1–5.5、6.1–6.3"
        );
    }
}
