//! The legal basis each letter states, and the checks of the facts before a letter is made.
//!
//! Articles are those of 《中华人民共和国政府信息公开条例》 (State Council Decree 711) unless
//! another instrument is named.

use serde::Serialize;

use super::LetterError;
use super::facts::{ClosingReason, LetterFacts, ReplyFacts};

/// The regulation's name as cited in every letter.
pub const REGULATION: &str = "《中华人民共和国政府信息公开条例》";

/// The legal basis of a reply and how its variant is worded, worked out from the outcome code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyBasis {
    /// The outcome code (`3.4`).
    pub code: String,
    /// The label of table 三 (SPEC §4), e.g. 不予公开（保护第三方合法权益）.
    pub label: String,
    /// The articles cited, e.g. 第十五条、第三十六条第（三）项.
    pub articles: String,
    /// For 2 and 3.x: the withheld category in words that follow "the information …"
    /// (属于国家秘密, 属于行政执法案卷信息, …).
    pub category: Option<String>,
    /// Whether anything is withheld (部分公开 or 不予公开 3.x): 行政复议 comes first
    /// (复议法 Art 23 ¶1(4)).
    pub withheld: bool,
}

/// The article behind the category of withheld information (table 三 rows 3.1–3.8).
///
/// 3.1–3.3: 条例 Art 14; 3.4: Art 15 (and Art 32 after a consultation); 3.5: Art 16 ¶1;
/// 3.6 and 3.7: Art 16 ¶2; 3.8: Art 36(7).
fn withheld_category(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match code {
        "3.1" => ("属于国家秘密", "属于国家秘密", "第十四条"),
        "3.2" => (
            "其他法律行政法规禁止公开",
            "属于法律、行政法规禁止公开的政府信息",
            "第十四条",
        ),
        "3.3" => (
            "危及“三安全一稳定”",
            "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
            "第十四条",
        ),
        "3.4" => (
            "保护第三方合法权益",
            "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
            "第十五条",
        ),
        "3.5" => (
            "属于三类内部事务信息",
            "属于人事管理、后勤管理、内部工作流程等内部事务信息",
            "第十六条第一款",
        ),
        "3.6" => (
            "属于四类过程性信息",
            "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
            "第十六条第二款",
        ),
        "3.7" => ("属于行政执法案卷", "属于行政执法案卷信息", "第十六条第二款"),
        "3.8" => (
            "属于行政查询事项",
            "属于行政查询事项，有关法律、行政法规对信息的获取有特别规定",
            "第三十六条第（七）项",
        ),
        _ => return None,
    })
}

/// The basis of a reply with outcome `reply.outcome` (SPEC §4, §9):
///
/// - 1 予以公开: Art 36(1) when already public, else Art 36(2);
/// - 2 部分公开: Art 37, Art 36(2) and (3), plus the withheld category's article;
/// - 3.1–3.8 不予公开: the category's article (Art 14, 15, 16, 36(7)) and Art 36(3);
/// - 4.1 不掌握: Art 36(4), or Art 36(5) when the competent agency is known;
/// - 4.2 需另行制作: Art 38; 4.3 补正后仍不明确: Art 29 ¶2 and Art 30;
/// - 5.1 信访举报投诉: Art 39 ¶1; 5.2 重复申请: Art 36(6); 5.3 公开出版物: Art 39 ¶2;
///   5.4 大量反复: Art 35; 5.5 确认或重新出具: Art 2 (not a request to obtain government
///   information).
///
/// # Errors
/// [`LetterError::InvalidFacts`] for an unknown code or a variant missing its facts.
pub fn reply_basis(reply: &ReplyFacts) -> Result<ReplyBasis, LetterError> {
    let code = reply.outcome.trim();
    let missing =
        |what: &str| LetterError::InvalidFacts(format!("办理结果 {code} 的答复书需要{what}"));
    let mut category = None;
    let (label, articles, withheld): (String, String, bool) = match code {
        "1" => {
            if reply.already_public_at.is_none() && reply.provided.is_none() {
                return Err(missing("提供的信息及方式，或已主动公开的途径"));
            }
            let art = if reply.provided.is_none() {
                "第三十六条第（一）项"
            } else if reply.already_public_at.is_some() {
                "第三十六条第（一）项、第（二）项"
            } else {
                "第三十六条第（二）项"
            };
            ("予以公开".into(), art.into(), false)
        }
        "2" => {
            let w = reply
                .withheld
                .as_ref()
                .ok_or_else(|| missing("不予公开部分及其理由"))?;
            if reply.provided.is_none() {
                return Err(missing("公开部分及提供方式"));
            }
            let (_, phrase, cat) = withheld_category(&w.category).ok_or_else(|| {
                LetterError::InvalidFacts(format!(
                    "不予公开部分的类别“{}”不是3.1至3.8之一",
                    w.category
                ))
            })?;
            category = Some(phrase.to_string());
            (
                "部分公开".into(),
                format!("第三十七条、第三十六条第（二）项和第（三）项、{cat}"),
                true,
            )
        }
        c if c.starts_with("3.") => {
            let (label, phrase, cat) = withheld_category(c).ok_or_else(|| unknown(c))?;
            category = Some(phrase.to_string());
            if reply.withheld.is_none() {
                return Err(missing("不予公开的信息及其理由"));
            }
            let art = if c == "3.8" {
                cat.to_string()
            } else {
                format!("{cat}、第三十六条第（三）项")
            };
            (format!("不予公开（{label}）"), art, true)
        }
        "4.1" => match &reply.competent_agency {
            Some(_) => (
                "无法提供（本机关不掌握相关政府信息）".into(),
                "第三十六条第（五）项".into(),
                false,
            ),
            None => {
                if reply.search.is_none() {
                    return Err(missing("检索情况"));
                }
                (
                    "无法提供（本机关不掌握相关政府信息）".into(),
                    "第三十六条第（四）项".into(),
                    false,
                )
            }
        },
        "4.2" => (
            "无法提供（没有现成信息需要另行制作）".into(),
            "第三十八条".into(),
            false,
        ),
        "4.3" => (
            "无法提供（补正后申请内容仍不明确）".into(),
            "第二十九条第二款、第三十条".into(),
            false,
        ),
        "5.1" => (
            "不予处理（信访举报投诉类申请）".into(),
            "第三十九条第一款".into(),
            false,
        ),
        "5.2" => (
            "不予处理（重复申请）".into(),
            "第三十六条第（六）项".into(),
            false,
        ),
        "5.3" => (
            "不予处理（要求提供公开出版物）".into(),
            "第三十九条第二款".into(),
            false,
        ),
        "5.4" => (
            "不予处理（无正当理由大量反复申请）".into(),
            "第三十五条".into(),
            false,
        ),
        "5.5" => (
            "不予处理（要求行政机关确认或重新出具已获取信息）".into(),
            "第二条".into(),
            false,
        ),
        other => return Err(unknown(other)),
    };
    let needs_explanation = code.starts_with('4') && code != "4.1" || code.starts_with('5');
    if needs_explanation && reply.explanation.is_none() {
        return Err(missing("说明（理由）"));
    }
    Ok(ReplyBasis {
        code: code.to_string(),
        label,
        articles,
        category,
        withheld,
    })
}

fn unknown(code: &str) -> LetterError {
    LetterError::InvalidFacts(format!(
        "答复书的办理结果“{code}”无效：应为 1、2、3.1–3.8、4.1–4.3、5.1–5.5 之一（（六）类用终止处理告知书）"
    ))
}

/// The basis of a closing notice: （六）1 条例 Art 30 (视为放弃申请); （六）2 条例 Art 42 and
/// 国办函〔2020〕109号 (逾期未缴纳视为放弃申请).
pub fn closing_basis(reason: ClosingReason) -> &'static str {
    match reason {
        ClosingReason::NotCorrected => "《中华人民共和国政府信息公开条例》第三十条",
        ClosingReason::FeeNotPaid => {
            "《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        }
    }
}

/// Checks the facts of a letter before it is made: the limits of the regulation that the
/// letter states (extension ≤ 20 WD, 条例 Art 33 ¶2; a fee above 0 whose bands add up, 109号;
/// at least one item to correct, Art 30; a reply variant with its facts, Art 36).
///
/// # Errors
/// [`LetterError::InvalidFacts`] naming what is wrong.
pub fn check_facts(facts: &LetterFacts) -> Result<(), LetterError> {
    let bad = |s: &str| Err(LetterError::InvalidFacts(s.to_string()));
    match facts {
        LetterFacts::Correction(f) => {
            if f.items.iter().all(|i| i.trim().is_empty()) {
                return bad("补正告知书需要列明需要补正的事项（一次性告知，条例第三十条）");
            }
            if f.period_wd == 0 {
                return bad("补正期限须至少1个工作日");
            }
        }
        LetterFacts::Extension(f) if !crate::case::period::EXTENSION.allows(f.extension_wd) => {
            let p = crate::case::period::EXTENSION;
            return bad(&format!(
                "延长的期限须为{}至{}个工作日（{}）",
                p.min, p.max, p.article
            ));
        }
        LetterFacts::Fee(f) => {
            if f.amount_yuan == 0 {
                return bad("收费金额为0元（在免费范围内），不发缴费通知书");
            }
            let sum: u64 = f.bands.iter().map(|b| b.subtotal_yuan).sum();
            let bands_ok = f.bands.iter().all(|b| {
                b.from <= b.to && u64::from(b.to - b.from + 1) * b.rate_yuan == b.subtotal_yuan
            });
            if !bands_ok || sum != f.amount_yuan {
                return bad("收费明细与金额不符");
            }
        }
        LetterFacts::Reply(f) => {
            reply_basis(f)?;
        }
        LetterFacts::Service(f) if f.letter == super::LetterKind::Service => {
            return bad("送达回证须对应一份文书");
        }
        _ => {}
    }
    Ok(())
}
