//! The gate at recording time: which step the law or the procedure allows in which state, and
//! the refusal (with its article and the legal next steps) for every other.

use chrono::NaiveDate;

use super::clock::{self, CONSULTATION_WINDOW_WD, MAX_EXTENSION_WD};
use super::event::{Answer, Channel, Event, IdType, PartyKind, Registration, Step, StepKind};
use super::identity;
use super::{Case, Decision, Outcome, State};
use crate::calendar::Calendar;

/// The day the 《政府信息公开条例》 first came into force (2008-05-01; the revised text of
/// Decree 711 applies from 2019-05-15): no request can have been received before it.
pub const REGULATION_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2008, 5, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The longest name, number or address a registration may hold, in characters (a longer one is
/// a paste gone wrong, and would make every list unreadable). Descriptions are not limited.
pub const MAX_FIELD_CHARS: usize = 200;

/// A step refused: why (with the article it rests on) and what may be done instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    /// Why, in Chinese, citing the article.
    pub message: String,
    /// The steps the law allows now (rendered as commands by the command line).
    pub next: Vec<StepKind>,
}

fn refuse<T>(message: impl Into<String>, next: Vec<StepKind>) -> Result<T, Refusal> {
    Err(Refusal {
        message: message.into(),
        next,
    })
}

fn calendar_refusal(e: crate::calendar::CalendarError) -> Refusal {
    Refusal {
        message: e.to_string(),
        next: vec![],
    }
}

/// Whether an ordinary letter (平常信函) must be registered as not yet confirmed: its receipt
/// date is the day receipt was confirmed with the applicant, and with no phone number nobody can
/// be called, so no clock runs until contact is restored (条例 Art 31, SPEC §2). True for a
/// letter without a phone number that the clerk did not already mark unreachable.
pub fn letter_cannot_be_confirmed(r: &Registration) -> bool {
    r.channel == Channel::Letter
        && !r.unreachable
        && r.applicant
            .phone
            .as_deref()
            .is_none_or(|p| p.trim().is_empty())
}

/// What an application lacks under 条例 Art 29 (身份证明, 联系方式): it is registered anyway,
/// and flagged as needing a correction notice for these items.
pub fn registration_problems(r: &Registration) -> Vec<String> {
    let mut v = Vec::new();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|x| x.trim().is_empty());
    if blank(&r.applicant.id_number) {
        v.push("身份证明".to_string());
    }
    if blank(&r.applicant.phone) && blank(&r.applicant.email) && blank(&r.applicant.address) {
        v.push("联系方式".to_string());
    }
    v
}

/// Checks what a registration must have: a name, a description of the information sought, and
/// identity numbers whose check character is right (GB 11643, GB 32100).
///
/// # Errors
/// A [`Refusal`] naming the field.
pub fn check_registration(r: &Registration) -> Result<(), Refusal> {
    if r.applicant.name.trim().is_empty() {
        return refuse("申请人姓名或名称不能为空（条例第二十九条）", vec![]);
    }
    let one_line = [
        ("申请人姓名或名称", Some(&r.applicant.name)),
        ("证件号码", r.applicant.id_number.as_ref()),
        ("联系电话", r.applicant.phone.as_ref()),
        ("电子邮箱", r.applicant.email.as_ref()),
        ("邮政编码", r.applicant.postcode.as_ref()),
        ("邮件号", r.tracking_no.as_ref()),
        ("代理人", r.agent.as_ref().map(|a| &a.name)),
        (
            "代理人证件号码",
            r.agent.as_ref().and_then(|a| a.id_number.as_ref()),
        ),
    ];
    for (what, v) in one_line {
        if v.is_some_and(|s| s.chars().any(char::is_control)) {
            return refuse(
                format!("{what}不能含换行或其他控制字符：请检查是否把两栏内容粘贴在了一起"),
                vec![],
            );
        }
        // Names, numbers and codes must not hide characters that defeat matching them (a
        // name "张\u{200b}三" is not found as 张三, nor seen as a duplicate of it).
        if v.is_some_and(|s| s.chars().any(is_invisible)) {
            return refuse(
                format!(
                    "{what}含有看不见的格式字符（如零宽空格，常随网页或聊天软件复制而来）：请删除后重新输入"
                ),
                vec![],
            );
        }
    }
    if let Some(e) = r
        .applicant
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        && (!e.contains('@') || e.trim().contains(char::is_whitespace))
    {
        return refuse(
            format!("“{e}”不是电子邮箱地址（应形如 name@example.com）"),
            vec![],
        );
    }
    for (what, v) in one_line
        .into_iter()
        .chain([("通信地址", r.applicant.address.as_ref())])
    {
        if let Some(n) = v
            .map(|s| s.chars().count())
            .filter(|n| *n > MAX_FIELD_CHARS)
        {
            return refuse(
                format!(
                    "{what}有 {n} 个字，过长（最多 {MAX_FIELD_CHARS} 个字）：请检查是否粘贴了别的内容"
                ),
                vec![],
            );
        }
    }
    for (what, v) in [
        ("联系电话", r.applicant.phone.as_ref()),
        (
            "代理人电话",
            r.agent.as_ref().and_then(|a| a.phone.as_ref()),
        ),
    ] {
        if let Some(m) = v.and_then(|p| phone_problem(p)) {
            return refuse(format!("{what}{m}"), vec![]);
        }
    }
    if r.content.trim().is_empty() {
        return refuse(
            "申请内容（所需政府信息的名称、文号或特征性描述）不能为空（条例第二十九条）",
            vec![],
        );
    }
    if let Some(id) = r
        .applicant
        .id_number
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let kind =
            r.applicant
                .id_type
                .unwrap_or(if r.applicant_type == super::ApplicantType::Natural {
                    IdType::IdCard
                } else {
                    IdType::CreditCode
                });
        let checked = match kind {
            IdType::IdCard => identity::check_resident_id(id),
            IdType::CreditCode => identity::check_credit_code(id),
            _ => Ok(()),
        };
        if let Err(m) = checked {
            return refuse(m, vec![]);
        }
    }
    // An agent's (委托代理人) ID is checked like the applicant's when it is a resident ID
    // number (18 characters, the first 17 digits); passports and other papers are not.
    if let Some(id) = r.agent.as_ref().and_then(|a| a.id_number.as_deref()) {
        let id = id.trim();
        let chars: Vec<char> = id.chars().collect();
        if chars.len() == 18
            && chars[..17].iter().all(char::is_ascii_digit)
            && let Err(m) = identity::check_resident_id(id)
        {
            return refuse(format!("代理人{m}"), vec![]);
        }
    }
    if r.channel != Channel::Letter && r.unreachable {
        return refuse(
            "只有平常信函才能登记为“无法联系申请人”（条例第三十一条）",
            vec![],
        );
    }
    Ok(())
}

/// What is wrong with a phone number as typed, if anything (blank is fine: it is optional): it
/// needs at least 7 digits (a mobile has 11; a landline may carry an area code and extension).
pub fn phone_problem(p: &str) -> Option<String> {
    (!p.trim().is_empty() && p.chars().filter(char::is_ascii_digit).count() < 7).then(|| {
        format!(
            "“{}”不像电话号码：至少应有 7 位数字（手机 11 位，固话可带区号和分机）",
            p.trim()
        )
    })
}

/// Characters that show as nothing: zero-width spaces and joiners (U+200B–U+200D), direction
/// marks and embeddings (U+200E–U+200F, U+202A–U+202E), the word joiner and invisible operators
/// (U+2060–U+2064), the byte-order mark (U+FEFF). In a name, number or code they defeat
/// duplicate detection and searches, so registration refuses them there; the terminal shows
/// them escaped ([`crate::output::terminal_safe`]).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether a new registration looks like one already registered: the same tracking number, or
/// the same applicant and description received within 20 working days of each other.
/// Returns the reason in Chinese.
pub fn likely_duplicate(
    cal: &Calendar,
    existing: &Registration,
    existing_on: NaiveDate,
    new: &Registration,
    new_on: NaiveDate,
) -> Option<String> {
    let norm = |s: &str| s.split_whitespace().collect::<String>();
    if let (Some(a), Some(b)) = (&existing.tracking_no, &new.tracking_no)
        && !a.trim().is_empty()
        && norm(a) == norm(b)
    {
        if norm(&existing.applicant.name) != norm(&new.applicant.name) {
            return Some(format!(
                "邮件号 {} 相同，但申请人不同：请核对邮件号是否抄错",
                b.trim()
            ));
        }
        return Some(format!("邮件号 {} 相同", b.trim()));
    }
    let same_person = norm(&existing.applicant.name) == norm(&new.applicant.name)
        && match (&existing.applicant.id_number, &new.applicant.id_number) {
            (Some(a), Some(b)) => norm(a).eq_ignore_ascii_case(&norm(b)),
            _ => true,
        };
    if same_person && norm(&existing.content) == norm(&new.content) {
        let (a, b) = if existing_on <= new_on {
            (existing_on, new_on)
        } else {
            (new_on, existing_on)
        };
        let gap = cal
            .working_days_between(a, b)
            .map(|r| r.value)
            .unwrap_or(u32::MAX);
        if gap <= clock::REPLY_PERIOD_WD {
            return Some(format!(
                "同一申请人、相同申请内容，收到日期相隔 {gap} 个工作日（{existing_on} 与 {new_on}）"
            ));
        }
    }
    None
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// The steps the procedure allows for `case` on day `on` (what `show` offers, and what a
/// refusal lists as the legal next steps).
pub fn next_steps(case: &Case, cal: &Calendar, on: NaiveDate) -> Vec<StepKind> {
    use StepKind as K;
    let dl = clock::deadlines(case, cal, on).ok();
    let mut v = Vec::new();
    match case.state {
        State::AwaitingConfirmation => v.extend([K::ConfirmReceipt, K::Withdraw]),
        State::AwaitingCorrection => {
            let lapsed = dl
                .as_ref()
                .and_then(|d| d.correction_deadline)
                .is_some_and(|d| on > d.value);
            v.push(if lapsed {
                K::CorrectionLapsed
            } else {
                K::CorrectionReceived
            });
            v.push(K::Withdraw);
        }
        State::AwaitingFee => {
            let lapsed = dl
                .as_ref()
                .and_then(|d| d.fee_deadline)
                .is_some_and(|d| on > d.value);
            v.push(if lapsed { K::FeeLapsed } else { K::FeePaid });
            v.push(K::Withdraw);
        }
        State::InProgress => {
            if case.correction.is_none()
                && dl
                    .as_ref()
                    .and_then(|d| d.correction_window_end)
                    .is_some_and(|w| on <= w.value)
            {
                v.push(K::CorrectionNotice);
            }
            let open = open_consultation(case, cal, on).is_some();
            if case.unanswered().next().is_some() {
                v.push(K::ConsultationAnswered);
            }
            if !open {
                v.push(K::ConsultationSent);
            }
            match &case.draft {
                None => v.push(K::Draft),
                Some(d) if d.is_returned() => v.push(K::Draft),
                Some(d) if matches!(d.office, Decision::Pending) => v.push(K::OfficeReview),
                Some(d) if matches!(d.leader, Decision::Pending) => v.push(K::LeaderApproval),
                Some(_) if !open => v.push(K::Reply),
                Some(_) => {}
            }
            if case.extension_in_force().is_none()
                && dl
                    .as_ref()
                    .and_then(|d| d.reply_due)
                    .is_some_and(|d| on <= d.value)
            {
                v.push(K::Extension);
            }
            if case.fee.is_none() {
                v.push(K::FeeNotice);
            }
            v.push(K::Withdraw);
        }
        State::Concluded => v.extend([K::Archive, K::AppealFiled]),
        State::Archived => v.push(K::AppealFiled),
    }
    if case.appeals.iter().any(|a| a.result.is_none()) {
        v.push(K::AppealDecided);
    }
    if case.state != State::Archived {
        v.push(K::Amend);
    }
    v
}

/// The first consulted party whose window is still open on `on` with no answer: its name and
/// window end.
fn open_consultation(case: &Case, cal: &Calendar, on: NaiveDate) -> Option<(String, NaiveDate)> {
    case.unanswered().find_map(|c| {
        let end = cal
            .add_working_days(c.sent_on, CONSULTATION_WINDOW_WD)
            .ok()?
            .value;
        (on <= end).then(|| (c.party.name.clone(), end))
    })
}

fn state_refusal(case: &Case, step: StepKind, cal: &Calendar, on: NaiveDate) -> Refusal {
    let why = match case.state {
        State::AwaitingConfirmation => {
            "这封平常信函尚未与申请人确认收到，答复期限未起算（条例第三十一条）".to_string()
        }
        State::AwaitingCorrection => {
            let d = clock::deadlines(case, cal, on)
                .ok()
                .and_then(|d| d.correction_deadline)
                .map(|d| d.value.to_string())
                .unwrap_or_default();
            format!("本申请正在等待申请人补正（补正期限至 {d}，条例第三十条）")
        }
        State::AwaitingFee => "本申请正在等待申请人缴纳信息处理费（109号）".to_string(),
        State::InProgress => match step {
            StepKind::FeePaid | StepKind::FeeLapsed if case.fee.is_none() => {
                "本申请没有发出过收费通知".to_string()
            }
            StepKind::FeePaid | StepKind::FeeLapsed => "本申请的信息处理费已经缴纳".to_string(),
            StepKind::CorrectionReceived | StepKind::CorrectionLapsed => match &case.correction {
                None => "本申请没有发出过补正通知".to_string(),
                Some(c) => format!(
                    "补正后的申请已于 {} 收到",
                    c.received_on.map(|d| d.to_string()).unwrap_or_default()
                ),
            },
            StepKind::ConfirmReceipt => format!(
                "本申请已于 {} 收到，无须再确认（只有联系不上申请人的平常信函才需要确认收到）",
                case.received_on.map(|d| d.to_string()).unwrap_or_default()
            ),
            _ => "本申请正在办理中".to_string(),
        },
        State::Concluded => {
            let c = case.conclusion.as_ref();
            format!(
                "本申请已于 {} 办结（{}）",
                c.map(|c| c.on.to_string()).unwrap_or_default(),
                c.map(|c| c.outcome.label()).unwrap_or_default()
            )
        }
        State::Archived => format!(
            "本申请已于 {} 归档，归档后只读，只能登记复议、诉讼（条例第四十五条）",
            case.archive
                .as_ref()
                .map(|a| a.on.to_string())
                .unwrap_or_default()
        ),
    };
    Refusal {
        message: format!("不能记录“{}”：{why}", step.label()),
        next: next_steps(case, cal, on),
    }
}

/// Checks the recorder's name: not blank, and without line breaks or other control characters
/// (it is one field of the event's hash).
fn check_recorder(by: &str) -> Result<(), Refusal> {
    if by.trim().is_empty() {
        return refuse("经办人（--by）不能为空", vec![]);
    }
    if by.chars().any(|c| c.is_control() || is_invisible(c)) {
        return refuse(
            "经办人姓名（--by 或配置文件的 clerk）不能含换行、控制字符或看不见的格式字符",
            vec![],
        );
    }
    Ok(())
}

/// Checks whether `e` may be recorded on `case` (`None` before registration) on the calendar
/// `cal`, `today` being the current date.
///
/// # Errors
/// A [`Refusal`] citing the article, with the legal next steps. Amendments are checked by
/// [`check_amendment`], which needs the whole log.
pub fn check(
    case: Option<&Case>,
    e: &Event,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<(), Refusal> {
    use StepKind as K;
    if e.on > today {
        return refuse(
            format!(
                "业务日期 {} 晚于今天（{today}）：只能记录已经发生的步骤",
                e.on
            ),
            vec![],
        );
    }
    check_recorder(&e.by)?;
    let case = match (case, &e.step) {
        (None, Step::Register(r)) => {
            if e.on < REGULATION_IN_FORCE {
                return refuse(
                    format!(
                        "收到日期 {} 早于《政府信息公开条例》施行之日（2008-05-01），请核对日期",
                        e.on
                    ),
                    vec![],
                );
            }
            return check_registration(r);
        }
        (Some(c), Step::Register(_)) => {
            return refuse(format!("{} 已经登记，不能重复登记", c.case_no), vec![]);
        }
        (None, _) => return refuse("案件不存在：请先登记", vec![K::Register]),
        (Some(c), _) => c,
    };
    let kind = e.step.kind();
    let on = e.on;
    // Appeals are often learned of late (a reconsideration body's notice arrives after the file
    // was archived): they keep their own dates, checked below, instead of the step order.
    if !matches!(kind, K::Amend | K::AppealFiled | K::AppealDecided) && on < case.last_on {
        return refuse(
            format!(
                "业务日期 {on} 早于本申请最近一项记录的日期 {}：请按发生的先后顺序记录各步骤；如先前记录的日期有误，请用更正（amend）",
                case.last_on
            ),
            vec![K::Amend],
        );
    }
    if case.state == State::Archived && !matches!(kind, K::AppealFiled | K::AppealDecided) {
        return Err(state_refusal(case, kind, cal, on));
    }
    let dl = clock::deadlines(case, cal, on).map_err(calendar_refusal)?;
    let next = || next_steps(case, cal, on);
    let in_state = |allowed: &[State]| -> Result<(), Refusal> {
        if allowed.contains(&case.state) {
            Ok(())
        } else {
            Err(state_refusal(case, kind, cal, on))
        }
    };
    match &e.step {
        Step::Register(_) => unreachable!("handled above"),
        Step::ConfirmReceipt => in_state(&[State::AwaitingConfirmation])?,
        Step::CorrectionNotice { items, period_wd } => {
            if let Some(c) = &case.correction {
                return refuse(
                    format!(
                        "已于 {} 发出过补正通知，不能再次要求补正：补正应一次性告知申请人（条例第三十条）",
                        c.notice_on
                    ),
                    next(),
                );
            }
            in_state(&[State::InProgress])?;
            let window = dl.correction_window_end.expect("in progress has R");
            let r = case.received_on.expect("in progress has R");
            if on > window.value {
                return refuse(
                    format!(
                        "补正通知应在收到申请之日起 7 个工作日内发出（条例第三十条）：本申请 {r} 收到，期限已于 {} 届满",
                        window.value
                    ),
                    next(),
                );
            }
            if items.trim().is_empty() {
                return refuse("补正通知须列明需要补正的事项（--items）", vec![]);
            }
            if !(1..=60).contains(period_wd) {
                return refuse(
                    format!(
                        "补正期限 {period_wd} 个工作日不合理：应为 1 至 60 个工作日（常用 15）"
                    ),
                    vec![],
                );
            }
        }
        Step::CorrectionReceived { .. } => {
            in_state(&[State::AwaitingCorrection])?;
            let d = dl
                .correction_deadline
                .expect("awaiting correction has a notice");
            if on > d.value {
                return refuse(
                    format!(
                        "补正期限已于 {} 届满，申请人逾期未补正，视为放弃申请（条例第三十条）：可按（六）1 办结；逾期送来的材料可作为新申请登记",
                        d.value
                    ),
                    vec![K::CorrectionLapsed, K::Register],
                );
            }
        }
        Step::CorrectionLapsed => {
            in_state(&[State::AwaitingCorrection])?;
            let d = dl
                .correction_deadline
                .expect("awaiting correction has a notice");
            if on <= d.value {
                return refuse(
                    format!(
                        "补正期限至 {}，尚未届满，不能按逾期不补正办结（条例第三十条）",
                        d.value
                    ),
                    next(),
                );
            }
        }
        Step::ConsultationSent { parties } => {
            in_state(&[State::InProgress])?;
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
                if case.unanswered().any(|c| c.party.name == p.name) {
                    return refuse(
                        format!("已向“{}”征求意见且尚未记录其答复", p.name),
                        vec![K::ConsultationAnswered],
                    );
                }
            }
        }
        Step::ConsultationAnswered {
            party,
            answer,
            reasons,
        } => {
            let Some(c) = case.unanswered().find(|c| &c.party.name == party) else {
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
                    next(),
                );
            };
            let end = cal
                .add_working_days(c.sent_on, CONSULTATION_WINDOW_WD)
                .map_err(calendar_refusal)?
                .value;
            if *answer == Answer::None && on <= end {
                let article = match c.party.kind {
                    super::PartyKind::ThirdParty => "条例第三十二条",
                    super::PartyKind::Agency => "条例第三十四条",
                };
                return refuse(
                    format!(
                        "“{party}”的答复期限至 {end}，尚未届满，不能记录为逾期未答复（{article}）"
                    ),
                    next(),
                );
            }
            if *answer == Answer::Object && blank(reasons) {
                return refuse("第三方不同意公开的，请记录其理由（--reasons）", vec![]);
            }
        }
        Step::Draft {
            department,
            handler,
            outcome,
            reasons,
            basis,
        } => {
            in_state(&[State::InProgress])?;
            if department.trim().is_empty() || handler.trim().is_empty() {
                return refuse(
                    "拟办意见须写明承办科室（--department）和承办人（--handler）",
                    vec![],
                );
            }
            closing_outcome_refusal(case, *outcome)?;
            let missing = missing_reasons(*outcome, reasons, basis);
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
        }
        Step::OfficeReview { approved, comments } => {
            in_state(&[State::InProgress])?;
            match &case.draft {
                Some(d) if d.office == Decision::Pending => {}
                Some(d) if d.is_returned() => {
                    return refuse("拟办意见已被退回，请先提出新的拟办意见", vec![K::Draft]);
                }
                Some(_) => return refuse("拟办意见已经审核通过", next()),
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
        }
        Step::LeaderApproval {
            approved,
            leader,
            comments,
        } => {
            in_state(&[State::InProgress])?;
            match &case.draft {
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
                Some(_) => return refuse("拟办意见已经领导审批", next()),
                None => return refuse("还没有拟办意见，不能审批", vec![K::Draft]),
            }
            if leader.trim().is_empty() {
                return refuse("请写明审批的分管领导（--leader）", vec![]);
            }
            if !approved && blank(comments) {
                return refuse("退回须写明意见（--comments）", vec![]);
            }
        }
        Step::Extension {
            working_days,
            approver,
            reason,
            notified_on,
        } => {
            if let Some(x) = case.extension_in_force() {
                return refuse(
                    format!(
                        "本申请已于 {} 延期 {} 个工作日：延期只能一次，且最长不超过 20 个工作日（条例第三十三条第二款）",
                        x.on, x.working_days
                    ),
                    next(),
                );
            }
            in_state(&[State::InProgress])?;
            if !(1..=MAX_EXTENSION_WD).contains(working_days) {
                return refuse(
                    format!(
                        "延期 {working_days} 个工作日不允许：应为 1 至 20 个工作日，延长的期限最长不得超过 20 个工作日（条例第三十三条第二款）"
                    ),
                    vec![],
                );
            }
            let due = dl
                .reply_due
                .expect("in progress without correction has a due date");
            if on > due.value {
                return refuse(
                    format!(
                        "答复期限已于 {} 届满，不能再延期：延期须在答复期限届满前经批准并告知申请人（条例第三十三条第二款）",
                        due.value
                    ),
                    next(),
                );
            }
            if approver.trim().is_empty() || reason.trim().is_empty() {
                return refuse(
                    "延期须写明批准人（政府信息公开工作机构负责人，--approver）和理由（--reason）（条例第三十三条第二款）",
                    vec![],
                );
            }
            if *notified_on < on || *notified_on > due.value || *notified_on > today {
                return refuse(
                    format!(
                        "告知申请人的日期 {notified_on} 不对：应不早于批准之日（{on}）、不晚于答复期限（{}），也不晚于今天",
                        due.value
                    ),
                    vec![],
                );
            }
        }
        Step::FeeNotice {
            count,
            amount_yuan,
            method,
            ..
        } => {
            if case.fee.is_some() {
                return refuse("本申请已发出过收费通知", next());
            }
            in_state(&[State::InProgress])?;
            // The time from a notice to payment is not counted (109号) only within a period
            // still running: on or after the due day there is nothing left to stop, and the
            // request would wait for the payment while its reply grows later.
            if let Some(due) = dl.reply_due.filter(|d| on >= d.value) {
                return refuse(
                    format!(
                        "答复期限为 {}，{on} 已到期限，收费通知不能再中止计时（国办函〔2020〕109号、条例第三十三条）：请按期答复",
                        due.value
                    ),
                    next(),
                );
            }
            let max = match method {
                super::fee::FeeMethod::ByItem => super::fee::MAX_ITEMS,
                super::fee::FeeMethod::ByPage => super::fee::MAX_PAGES,
            };
            if *count > max {
                return refuse(
                    format!(
                        "{}{count}{} 不合理（最多 {max}）：请核对件数或页数",
                        method.label(),
                        method.unit()
                    ),
                    vec![],
                );
            }
            if *amount_yuan == 0 {
                return refuse(
                    format!(
                        "{} {count} {}，在免费范围内（按件：同一申请人一个自然月内 10 件以内；按量：30 页以内），不能收费（国办函〔2020〕109号）",
                        method.label(),
                        method.unit()
                    ),
                    vec![],
                );
            }
        }
        Step::FeePaid => {
            in_state(&[State::AwaitingFee])?;
            let d = dl.fee_deadline.expect("awaiting fee has a notice");
            if on > d.value {
                return refuse(
                    format!(
                        "缴费期限已于 {} 届满（收到收费通知之日起 20 个工作日，109号）：可按（六）2 办结",
                        d.value
                    ),
                    vec![K::FeeLapsed],
                );
            }
        }
        Step::FeeLapsed => {
            in_state(&[State::AwaitingFee])?;
            let d = dl.fee_deadline.expect("awaiting fee has a notice");
            if on <= d.value {
                return refuse(
                    format!(
                        "缴费期限至 {}，尚未届满，不能按逾期未缴费办结（109号）",
                        d.value
                    ),
                    next(),
                );
            }
        }
        Step::Reply(r) => {
            in_state(&[State::InProgress])?;
            closing_outcome_refusal(case, r.outcome)?;
            if let Some((party, end)) = open_consultation(case, cal, on) {
                return refuse(
                    format!(
                        "正在征求“{party}”的意见，期限至 {end}（条例第三十二条、第三十四条）：请先记录其意见，或待期满后再答复"
                    ),
                    vec![K::ConsultationAnswered],
                );
            }
            let Some(d) = case.draft.as_ref().filter(|d| d.is_approved()) else {
                let step = match &case.draft {
                    None => K::Draft,
                    Some(d) if d.is_returned() => K::Draft,
                    Some(d) if d.office == Decision::Pending => K::OfficeReview,
                    Some(_) => K::LeaderApproval,
                };
                return refuse(
                    "答复须经审核、审批：没有经分管领导审批同意的拟办意见，不能答复（本机关依申请公开工作制度）",
                    vec![step],
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
            // Withholding the objected part (（二）部分公开) is the default after an objection;
            // disclosing everything over it needs the public-interest finding.
            if r.outcome.group == 1
                && blank(&r.public_interest)
                && let Some(c) = case.consultations.iter().find(|c| {
                    c.party.kind == PartyKind::ThirdParty
                        && c.answer
                            .as_ref()
                            .is_some_and(|a| a.answer == Answer::Object)
                })
            {
                return refuse(
                    format!(
                        "第三方“{}”不同意公开：第三方不同意公开且有合理理由的，不予公开；认为不公开可能对公共利益造成重大影响而决定公开的，须写明理由（--public-interest）并书面告知第三方（条例第三十二条）",
                        c.party.name
                    ),
                    vec![StepKind::Draft],
                );
            }
            let mut missing = missing_reasons(r.outcome, &r.reasons, &r.basis);
            if r.outcome == Outcome::NOT_HELD && blank(&r.search_done) && blank(&r.competent_agency)
            {
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
        }
        Step::Withdraw { .. } => in_state(&[
            State::AwaitingConfirmation,
            State::InProgress,
            State::AwaitingCorrection,
            State::AwaitingFee,
        ])?,
        Step::Archive { file_no } => {
            in_state(&[State::Concluded])?;
            if file_no.trim().is_empty() {
                return refuse("请写明卷宗号（--file-no）", vec![]);
            }
            if file_no.chars().any(|c| c.is_control() || is_invisible(c)) {
                return refuse(
                    "卷宗号不能含换行、控制字符或看不见的格式字符：请重新输入",
                    vec![],
                );
            }
        }
        Step::Amend(_) => {
            return refuse("更正须回放整个事件记录，请用 check_amendment", vec![]);
        }
        Step::AppealFiled { body, .. } => {
            if body.trim().is_empty() {
                return refuse("请写明复议机关或受理法院（--body）", vec![]);
            }
            if on < case.registered_on {
                return refuse(
                    format!(
                        "复议/诉讼的提起日期 {on} 早于申请的登记日期 {}",
                        case.registered_on
                    ),
                    vec![],
                );
            }
        }
        Step::AppealDecided { number, .. } => {
            match case.appeals.get((*number as usize).wrapping_sub(1)) {
                None => {
                    return refuse(
                        format!(
                            "本申请没有第 {number} 项复议/诉讼（共 {} 项）",
                            case.appeals.len()
                        ),
                        vec![K::AppealFiled],
                    );
                }
                Some(a) if a.result.is_some() => {
                    let open: Vec<String> = case
                        .appeals
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.result.is_none())
                        .map(|(i, _)| format!("--number {}", i + 1))
                        .collect();
                    let hint = if open.is_empty() {
                        String::new()
                    } else {
                        format!("；尚无结果的：{}", open.join("、"))
                    };
                    return refuse(
                        format!("第 {number} 项复议/诉讼已经记录了结果{hint}"),
                        vec![],
                    );
                }
                Some(a) if on < a.filed_on => {
                    return refuse(
                        format!(
                            "结果日期 {on} 早于第 {number} 项复议/诉讼的提起日期 {}",
                            a.filed_on
                        ),
                        vec![],
                    );
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

/// What an outcome's reasons must include (条例 Art 36, 37): reasons and legal basis for
/// anything withheld (（二）, （三）), reasons for （四） and （五）.
fn missing_reasons(
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
fn closing_outcome_refusal(case: &Case, outcome: Outcome) -> Result<(), Refusal> {
    if outcome == Outcome::STILL_UNCLEAR
        && case
            .correction
            .as_ref()
            .is_none_or(|c| c.received_on.is_none())
    {
        return refuse(
            "（四）3 补正后申请内容仍不明确，只用于已一次性告知补正、申请人补正后内容仍不明确的申请（条例第三十条）：本申请没有收到补正的记录。申请内容不明确的，应在收到申请之日起 7 个工作日内发出补正通知（disclose correct notice）",
            vec![],
        );
    }
    if outcome == Outcome::CORRECTION_LAPSED {
        return match &case.correction {
            Some(_) => refuse(
                "（六）1 逾期不补正不是答复：补正期限届满后请用“逾期不补正办结”记录",
                vec![StepKind::CorrectionLapsed],
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
                vec![StepKind::FeeLapsed],
            ),
            None => refuse(
                "（六）2 只用于发出收费通知后申请人逾期未缴费的申请（109号），本申请没有收费通知",
                vec![],
            ),
        };
    }
    Ok(())
}

/// Checks an amendment against the whole log of its request (`events`, in order) and returns
/// the case as it will be once the amendment is recorded.
///
/// The amended event keeps its place in the order: a new business date must not precede the
/// event before it nor follow the event after it.
///
/// # Errors
/// A [`Refusal`]: archived request, no reason given, a target that is not there, a field the
/// event does not have, an impossible date.
pub fn check_amendment(
    events: &[Event],
    amendment: &Event,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Case, Refusal> {
    let Step::Amend(a) = &amendment.step else {
        return refuse("不是更正", vec![]);
    };
    let current = super::replay(events).map_err(|e| Refusal {
        message: e.to_string(),
        next: vec![],
    })?;
    let targets_appeal = events
        .get((a.target as usize).wrapping_sub(1))
        .is_some_and(|e| {
            matches!(
                e.step,
                Step::AppealFiled { .. } | Step::AppealDecided { .. }
            )
        });
    if current.state == State::Archived && !targets_appeal {
        return refuse(
            "本申请已归档，归档后只读，不能更正（条例第四十五条）；复议、诉讼的记录仍可更正",
            vec![StepKind::AppealFiled],
        );
    }
    if a.reason.trim().is_empty() {
        return refuse("更正须写明原因（--reason）", vec![]);
    }
    check_recorder(&amendment.by)?;
    if amendment.on > today {
        return refuse(
            format!("业务日期 {} 晚于今天（{today}）", amendment.on),
            vec![],
        );
    }
    let t = a.target as usize;
    if t == 0 || t > events.len() {
        return refuse(
            format!(
                "本申请没有第 {} 项事件（共 {} 项，见 show 的时间线）",
                a.target,
                events.len()
            ),
            vec![],
        );
    }
    let effective = super::effective_events(events).map_err(|e| Refusal {
        message: e.to_string(),
        next: vec![],
    })?;
    if matches!(effective[t - 1].step, Step::Amend(_)) {
        return refuse("不能更正一项更正：请直接更正原来的事件", vec![]);
    }
    if a.on.is_none() && a.set.is_empty() {
        return refuse(
            "请写明要更正的内容：新的日期（--date）或字段（--set 字段=值）",
            vec![],
        );
    }
    if let Some(d) = a.on {
        let non_amend: Vec<(usize, &Event)> = effective
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                *i == t - 1
                    || !matches!(
                        e.step,
                        Step::Amend(_) | Step::AppealFiled { .. } | Step::AppealDecided { .. }
                    )
            })
            .collect();
        let pos = non_amend
            .iter()
            .position(|(i, _)| *i == t - 1)
            .expect("target is not an amendment");
        if let Some((_, prev)) = pos.checked_sub(1).map(|p| non_amend[p])
            && d < prev.on
        {
            return refuse(
                format!(
                    "更正后的日期 {d} 早于前一项事件的日期 {}，次序不符",
                    prev.on
                ),
                vec![],
            );
        }
        if let Some((_, next)) = non_amend.get(pos + 1)
            && d > next.on
        {
            return refuse(
                format!(
                    "更正后的日期 {d} 晚于后一项事件的日期 {}，次序不符",
                    next.on
                ),
                vec![],
            );
        }
        if d > today {
            return refuse(format!("更正后的日期 {d} 晚于今天（{today}）"), vec![]);
        }
    }
    let amended = super::amend_event(&effective[t - 1], a).map_err(|m| Refusal {
        message: m,
        next: vec![],
    })?;
    if let Step::Register(r) = &amended.step {
        check_registration(r)?;
    }
    let mut all = events.to_vec();
    all.push(amendment.clone());
    let amended = super::replay(&all).map_err(|e| Refusal {
        message: e.to_string(),
        next: vec![],
    })?;
    if !a.force {
        let before = super::audit(events, cal);
        let new: Vec<String> = super::audit(&all, cal)
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        if !new.is_empty() {
            return refuse(
                format!(
                    "按更正后的事实，已记录的步骤将不合规定：{}。如更正属实（当时确实如此），加 --force 照实记录，show 会标出这些问题",
                    new.join("；")
                ),
                vec![],
            );
        }
    }
    Ok(amended)
}
