//! Registration (登记) and receipt (收到申请): what an application must hold (条例 Art 29), the
//! receipt date R by channel and the ordinary letter that waits for confirmation (条例 Art 31).

use chrono::NaiveDate;

use super::event::{ApplicantType, Channel, Event, IdType, Registration};
use super::rules::{Gate, Refusal, refuse};
use super::{Case, State, identity, period};
use crate::calendar::Calendar;

/// The day the 《政府信息公开条例》 first came into force (2008-05-01; the revised text of
/// Decree 711 applies from 2019-05-15): no request can have been received before it.
pub const REGULATION_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2008, 5, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The longest text each field of a request (申请) may hold, in characters: one constant per
/// field, far beyond anything a real application holds (a longer one is a paste gone wrong, or a
/// whole file pasted into a cell) and short enough that every list, letter and report stays
/// readable. Registration by flags, by the prompt, by amendment and the spreadsheet import are all
/// held to these by [`check_registration`] (条例 Art 29: what an application holds).
pub mod max_chars {
    /// 申请人姓名或名称 and 代理人 (an organisation's full registered name included).
    pub const NAME: usize = 100;
    /// 证件号码 and 代理人证件号码 (18 for a resident ID or a credit code).
    pub const ID_NUMBER: usize = 50;
    /// 联系电话 and 代理人电话 (area code and extension included).
    pub const PHONE: usize = 50;
    /// 电子邮箱 (RFC 5321 allows at most 254).
    pub const EMAIL: usize = 254;
    /// 通信地址.
    pub const ADDRESS: usize = 200;
    /// 邮政编码 (6 digits in China).
    pub const POSTCODE: usize = 20;
    /// 邮件号.
    pub const TRACKING_NO: usize = 50;
    /// 申请内容 (所需政府信息的名称、文号或特征性描述).
    pub const CONTENT: usize = 5_000;
    /// 提供形式.
    pub const FORM: usize = 100;
    /// 获取方式.
    pub const DELIVERY: usize = 100;
    /// 备注.
    pub const NOTE: usize = 2_000;
}

/// A field of a registration (登记事项), named by a [`Refusal`] about it, so that a caller (the
/// spreadsheet import) can point at its column without reading the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegField {
    /// 申请人姓名或名称.
    ApplicantName,
    /// 证件号码.
    IdNumber,
    /// 联系电话.
    Phone,
    /// 电子邮箱.
    Email,
    /// 通信地址.
    Address,
    /// 邮政编码.
    Postcode,
    /// 邮件号.
    TrackingNo,
    /// 代理人.
    Agent,
    /// 代理人证件号码.
    AgentIdNumber,
    /// 代理人电话.
    AgentPhone,
    /// 申请内容.
    Content,
    /// 提供形式.
    Form,
    /// 获取方式.
    Delivery,
    /// 备注.
    Note,
    /// 无法联系申请人 (only for an ordinary letter).
    Unreachable,
}

fn refuse_field<T>(field: RegField, message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        message: message.into(),
        next: vec![],
        field: Some(field),
        commands: Default::default(),
    })
}

/// The identity document assumed when none is named: a resident ID card (居民身份证) for a
/// natural person, the unified social credit code (统一社会信用代码) for any organisation.
pub fn default_id_type(t: ApplicantType) -> IdType {
    if t == ApplicantType::Natural {
        IdType::IdCard
    } else {
        IdType::CreditCode
    }
}

/// Checks an identity number against its kind (`None`: the default for `t`): the check
/// character of a resident ID (GB 11643) or a credit code (GB 32100); other papers are not
/// checked.
///
/// # Errors
/// What is wrong with it, in Chinese.
pub fn check_id_number(t: ApplicantType, kind: Option<IdType>, id: &str) -> Result<(), String> {
    match kind.unwrap_or(default_id_type(t)) {
        IdType::IdCard => identity::check_resident_id(id),
        IdType::CreditCode => identity::check_credit_code(id),
        _ => Ok(()),
    }
}

/// Whether an ordinary letter (平常信函) must be registered as not yet confirmed: its receipt
/// date is the day receipt was confirmed with the applicant, and with no phone number nobody can
/// be called, so no clock runs until contact is restored (条例 Art 31, SPEC §2). True for a
/// letter without a phone number (the applicant's, or the agent's who filed for them) that the
/// clerk did not already mark unreachable.
pub fn letter_cannot_be_confirmed(r: &Registration) -> bool {
    let blank = |p: Option<&str>| p.is_none_or(|p| p.trim().is_empty());
    r.channel == Channel::Letter
        && !r.unreachable
        && blank(r.applicant.phone.as_deref())
        && blank(r.agent.as_ref().and_then(|a| a.phone.as_deref()))
}

/// Whether an ordinary letter recorded after the fact (a spreadsheet row) was still
/// unconfirmed on the day it arrived: unless receipt was confirmed that same day, its R is the
/// later day of confirmation, and until then no clock runs (条例 Art 31).
pub fn letter_unconfirmed_on_arrival(
    channel: Channel,
    arrived_on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
) -> bool {
    channel == Channel::Letter && confirmed_on != Some(arrived_on)
}

/// Why a confirmation date (与申请人确认收到之日) given with a registration cannot be taken
/// (条例 Art 31): the words are the caller's (a flag, a prompt, a spreadsheet cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationProblem {
    /// Only an ordinary letter (平常信函) is confirmed; the application came by this channel.
    NotALetter(Channel),
    /// The confirmation is dated before the letter arrived.
    BeforeArrival,
}

/// The confirm-receipt step a registration with a confirmation date needs (条例 Art 31,
/// SPEC §2): `Some(confirmed_on)` when receipt was confirmed after the letter arrived on
/// `arrived_on` (R is then that later calendar day, recorded as its own step), `None` when
/// there is no date or it is the day of arrival (R is the arrival).
///
/// # Errors
/// The date is given for another channel than an ordinary letter (checked first), or is
/// before the arrival.
pub fn later_confirmation(
    channel: Channel,
    arrived_on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, ConfirmationProblem> {
    let Some(c) = confirmed_on else {
        return Ok(None);
    };
    if channel != Channel::Letter {
        return Err(ConfirmationProblem::NotALetter(channel));
    }
    if c < arrived_on {
        return Err(ConfirmationProblem::BeforeArrival);
    }
    Ok((c > arrived_on).then_some(c))
}

/// Whether a registration waits for confirmation (待确认收到): an ordinary letter whose
/// applicant could not be reached has no receipt date and no clock yet (条例 Art 31).
pub fn awaits_confirmation(r: &Registration) -> bool {
    r.channel == Channel::Letter && r.unreachable
}

/// What an application lacks under 条例 Art 29 (身份证明, 联系方式): it is registered anyway,
/// and flagged as needing a correction notice for these items. The contact details (联系方式)
/// may be the applicant's phone, e-mail or address, or the phone of the agent (委托代理人) who
/// files for them: the office can reach the applicant through the agent.
pub fn registration_problems(r: &Registration) -> Vec<String> {
    let mut v = Vec::new();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|x| x.trim().is_empty());
    if blank(&r.applicant.id_number) {
        v.push("身份证明".to_string());
    }
    let agent_phone = r
        .agent
        .as_ref()
        .map(|a| a.phone.clone())
        .unwrap_or_default();
    if blank(&r.applicant.phone)
        && blank(&r.applicant.email)
        && blank(&r.applicant.address)
        && blank(&agent_phone)
    {
        v.push("联系方式".to_string());
    }
    v
}

/// Checks what a registration must have: a name, a description of the information sought, and
/// identity numbers whose check character is right (GB 11643, GB 32100) (条例 Art 29, 31).
///
/// # Errors
/// A [`Refusal`] naming the field ([`Refusal::field`]).
pub fn check_registration(r: &Registration) -> Result<(), Refusal> {
    use RegField as F;
    if r.applicant.name.trim().is_empty() {
        return refuse_field(
            F::ApplicantName,
            "申请人姓名或名称不能为空（条例第二十九条）",
        );
    }
    let one_line = [
        (
            F::ApplicantName,
            "申请人姓名或名称",
            Some(&r.applicant.name),
        ),
        (F::IdNumber, "证件号码", r.applicant.id_number.as_ref()),
        (F::Phone, "联系电话", r.applicant.phone.as_ref()),
        (F::Email, "电子邮箱", r.applicant.email.as_ref()),
        (F::Postcode, "邮政编码", r.applicant.postcode.as_ref()),
        (F::TrackingNo, "邮件号", r.tracking_no.as_ref()),
        (F::Agent, "代理人", r.agent.as_ref().map(|a| &a.name)),
        (
            F::AgentIdNumber,
            "代理人证件号码",
            r.agent.as_ref().and_then(|a| a.id_number.as_ref()),
        ),
    ];
    for (field, what, v) in one_line {
        if v.is_some_and(|s| s.chars().any(char::is_control)) {
            return refuse_field(
                field,
                format!("{what}不能含换行或其他控制字符：请检查是否把两栏内容粘贴在了一起"),
            );
        }
        // Names, numbers and codes must not hide characters that defeat matching them (a
        // name "张\u{200b}三" is not found as 张三, nor seen as a duplicate of it).
        if v.is_some_and(|s| s.chars().any(is_invisible)) {
            return refuse_field(
                field,
                format!(
                    "{what}含有看不见的格式字符（如零宽空格，常随网页或聊天软件复制而来）：请删除后重新输入"
                ),
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
        return refuse_field(
            F::Email,
            format!("“{e}”不是电子邮箱地址（应形如 name@example.com）"),
        );
    }
    let agent = r.agent.as_ref();
    let bounded = [
        (
            F::ApplicantName,
            "申请人姓名或名称",
            Some(&r.applicant.name),
            max_chars::NAME,
        ),
        (
            F::IdNumber,
            "证件号码",
            r.applicant.id_number.as_ref(),
            max_chars::ID_NUMBER,
        ),
        (
            F::Phone,
            "联系电话",
            r.applicant.phone.as_ref(),
            max_chars::PHONE,
        ),
        (
            F::Email,
            "电子邮箱",
            r.applicant.email.as_ref(),
            max_chars::EMAIL,
        ),
        (
            F::Address,
            "通信地址",
            r.applicant.address.as_ref(),
            max_chars::ADDRESS,
        ),
        (
            F::Postcode,
            "邮政编码",
            r.applicant.postcode.as_ref(),
            max_chars::POSTCODE,
        ),
        (
            F::TrackingNo,
            "邮件号",
            r.tracking_no.as_ref(),
            max_chars::TRACKING_NO,
        ),
        (F::Agent, "代理人", agent.map(|a| &a.name), max_chars::NAME),
        (
            F::AgentIdNumber,
            "代理人证件号码",
            agent.and_then(|a| a.id_number.as_ref()),
            max_chars::ID_NUMBER,
        ),
        (
            F::AgentPhone,
            "代理人电话",
            agent.and_then(|a| a.phone.as_ref()),
            max_chars::PHONE,
        ),
        (F::Content, "申请内容", Some(&r.content), max_chars::CONTENT),
        (F::Form, "提供形式", r.form.as_ref(), max_chars::FORM),
        (
            F::Delivery,
            "获取方式",
            r.delivery.as_ref(),
            max_chars::DELIVERY,
        ),
        (F::Note, "备注", r.note.as_ref(), max_chars::NOTE),
    ];
    for (field, what, v, max) in bounded {
        if let Some(n) = v.map(|s| s.chars().count()).filter(|n| *n > max) {
            return refuse_field(
                field,
                format!("{what}有 {n} 个字，过长（最多 {max} 个字）：请检查是否粘贴了别的内容"),
            );
        }
    }
    for (field, what, v) in [
        (F::Phone, "联系电话", r.applicant.phone.as_ref()),
        (
            F::AgentPhone,
            "代理人电话",
            r.agent.as_ref().and_then(|a| a.phone.as_ref()),
        ),
    ] {
        if let Some(m) = v.and_then(|p| phone_problem(p)) {
            return refuse_field(field, format!("{what}{m}"));
        }
    }
    if r.content.trim().is_empty() {
        return refuse_field(
            F::Content,
            "申请内容（所需政府信息的名称、文号或特征性描述）不能为空（条例第二十九条）",
        );
    }
    if let Some(id) = r
        .applicant
        .id_number
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        && let Err(m) = check_id_number(r.applicant_type, r.applicant.id_type, id)
    {
        return refuse_field(F::IdNumber, m);
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
            return refuse_field(F::AgentIdNumber, format!("代理人{m}"));
        }
    }
    if r.channel != Channel::Letter && r.unreachable {
        return refuse_field(
            F::Unreachable,
            "只有平常信函才能登记为“无法联系申请人”（条例第三十一条）",
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

pub use crate::text::is_invisible;

/// Whether a new registration looks like one already registered: the same tracking number, or
/// the same applicant and description (compared without spaces, punctuation or full-width
/// forms, [`super::repeat::same_content`]) received within the reply period (20 working days)
/// of each other. Returns the reason in Chinese.
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
    if same_person && super::repeat::same_content(&existing.content, &new.content) {
        let (a, b) = if existing_on <= new_on {
            (existing_on, new_on)
        } else {
            (new_on, existing_on)
        };
        let gap = cal
            .working_days_between(a, b)
            .map(|r| r.value)
            .unwrap_or(u32::MAX);
        if gap <= period::REPLY.wd {
            return Some(format!(
                "同一申请人、相同申请内容，收到日期相隔 {gap} 个工作日（{existing_on} 与 {new_on}）"
            ));
        }
    }
    None
}

/// Checks a new registration on its day: not before the regulation was in force, and what it
/// must hold.
pub(super) fn check_new(e: &Event, r: &Registration) -> Result<(), Refusal> {
    if e.on < REGULATION_IN_FORCE {
        return refuse(
            format!(
                "收到日期 {} 早于《政府信息公开条例》施行之日（2008-05-01），请核对日期",
                e.on
            ),
            vec![],
        );
    }
    check_registration(r)
}

/// Confirming receipt is only for a letter waiting for it (条例 Art 31).
pub(super) fn check_confirm(g: &Gate<'_>) -> Result<(), Refusal> {
    g.in_state(&[State::AwaitingConfirmation])
}

/// The new request: R is the day it arrived, except for an ordinary letter whose applicant is
/// unreached (no R, no clock: 条例 Art 31); the reply clock starts at R.
pub(super) fn apply_register(e: &Event, r: &Registration) -> Case {
    let received_on = (!awaits_confirmation(r)).then_some(e.on);
    Case {
        case_no: r.case_no.clone(),
        state: if received_on.is_some() {
            State::InProgress
        } else {
            State::AwaitingConfirmation
        },
        registration: r.clone(),
        registered_on: e.on,
        received_on,
        clock_start: received_on,
        // 条例 Art 29's correction notice is a step of the disclosure procedure only.
        needs_correction: if r.kind.is_disclosure() {
            registration_problems(r)
        } else {
            vec![]
        },
        correction: None,
        consultations: vec![],
        assignment: None,
        draft: None,
        extension: None,
        fee: None,
        reasons: None,
        conclusion: None,
        record_correction: None,
        archive: None,
        appeals: vec![],
        letters: vec![],
        last_on: e.on,
        event_count: 1,
    }
}

/// Receipt confirmed with the applicant: R and the clock start are that day (条例 Art 31).
pub(super) fn apply_confirm(c: &mut Case, on: NaiveDate) {
    c.received_on = Some(on);
    c.clock_start = Some(on);
    c.state = State::InProgress;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::*;
    use crate::case::*;

    #[test]
    fn art31_an_ordinary_letter_without_a_phone_cannot_be_confirmed() {
        let mut r = registration(Channel::Letter, false);
        assert!(!letter_cannot_be_confirmed(&r));
        r.applicant.phone = Some("  ".into());
        assert!(letter_cannot_be_confirmed(&r));
        r.applicant.phone = None;
        assert!(letter_cannot_be_confirmed(&r));
        // Already marked unreachable, or not an ordinary letter: nothing to decide.
        r.unreachable = true;
        assert!(!letter_cannot_be_confirmed(&r));
        let mut m = registration(Channel::Mail, false);
        m.applicant.phone = None;
        assert!(!letter_cannot_be_confirmed(&m));
    }

    #[test]
    fn art29_the_agents_phone_is_a_way_to_reach_the_applicant() {
        let mut r = registration(Channel::Letter, false);
        r.applicant.phone = None;
        assert_eq!(registration_problems(&r), vec!["联系方式".to_string()]);
        assert!(letter_cannot_be_confirmed(&r));
        r.agent = Some(Agent {
            name: "周律师".into(),
            id_number: None,
            phone: Some("13912345678".into()),
        });
        assert_eq!(registration_problems(&r), Vec::<String>::new());
        assert!(!letter_cannot_be_confirmed(&r));
        // An agent without a phone is no way to reach anyone.
        r.agent = Some(Agent {
            name: "周律师".into(),
            id_number: None,
            phone: Some(" ".into()),
        });
        assert_eq!(registration_problems(&r), vec!["联系方式".to_string()]);
    }

    #[test]
    fn art31_an_unreached_letter_has_no_receipt_date_until_confirmed() {
        let fx = fixtures();
        let c = fold(&fx[0].1);
        assert_eq!(c.state, State::AwaitingConfirmation);
        assert_eq!((c.received_on, c.clock_start), (None, None));
        let dl = deadlines(&c, cal(), d("2026-03-04")).unwrap();
        assert_eq!(dl.clock, ClockStatus::NotStarted);
        assert_eq!(dl.reply_due, None);
        assert_eq!(
            dl.basis,
            "平常信函，尚未与申请人确认收到，答复期限未起算（条例第三十一条）"
        );
        let e = ev("2026-03-04", Step::ConfirmReceipt);
        check(Some(&c), &e, cal(), d("2026-03-04")).unwrap();
        let c = apply(Some(c), &e).unwrap();
        assert_eq!(c.state, State::InProgress);
        assert_eq!(c.received_on, Some(d("2026-03-04")));
        assert_eq!(c.clock_start, Some(d("2026-03-04")));
    }

    #[test]
    fn art31_a_spreadsheet_letter_is_unconfirmed_unless_confirmed_on_arrival() {
        let on = d("2026-03-02");
        assert!(!letter_unconfirmed_on_arrival(
            Channel::Letter,
            on,
            Some(on)
        ));
        assert!(letter_unconfirmed_on_arrival(
            Channel::Letter,
            on,
            Some(d("2026-03-05"))
        ));
        assert!(letter_unconfirmed_on_arrival(Channel::Letter, on, None));
        assert!(!letter_unconfirmed_on_arrival(Channel::Mail, on, None));
    }

    #[test]
    fn art31_a_later_confirmation_is_a_letter_s_not_before_it_arrived() {
        let on = d("2026-03-02");
        let later = d("2026-03-05");
        assert_eq!(later_confirmation(Channel::Letter, on, None), Ok(None));
        assert_eq!(later_confirmation(Channel::Letter, on, Some(on)), Ok(None));
        assert_eq!(
            later_confirmation(Channel::Letter, on, Some(later)),
            Ok(Some(later))
        );
        assert_eq!(
            later_confirmation(Channel::Letter, on, Some(d("2026-02-27"))),
            Err(ConfirmationProblem::BeforeArrival)
        );
        assert_eq!(
            later_confirmation(Channel::Mail, on, Some(d("2026-02-27"))),
            Err(ConfirmationProblem::NotALetter(Channel::Mail))
        );
    }

    #[test]
    fn art31_only_an_ordinary_letter_may_be_registered_unreachable() {
        let r = check_registration(&registration(Channel::InPerson, true)).unwrap_err();
        assert_eq!(
            r.message,
            "只有平常信函才能登记为“无法联系申请人”（条例第三十一条）"
        );
        assert_eq!(r.field, Some(RegField::Unreachable));
        check_registration(&registration(Channel::Letter, true)).unwrap();
    }

    #[test]
    fn art29_a_refusal_names_the_field_it_is_about() {
        let mut r = registration(Channel::InPerson, false);
        r.applicant.id_number = Some("110105194912310021".into());
        let refusal = check_registration(&r).unwrap_err();
        assert_eq!(refusal.field, Some(RegField::IdNumber));
        let mut r = registration(Channel::InPerson, false);
        r.content = " ".into();
        let refusal = check_registration(&r).unwrap_err();
        assert_eq!(refusal.field, Some(RegField::Content));
        assert_eq!(
            refusal.message,
            "申请内容（所需政府信息的名称、文号或特征性描述）不能为空（条例第二十九条）"
        );
        assert_eq!(default_id_type(ApplicantType::Natural), IdType::IdCard);
        assert_eq!(default_id_type(ApplicantType::OtherOrg), IdType::CreditCode);
    }
}
