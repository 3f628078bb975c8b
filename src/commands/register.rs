//! `disclose register`: receive and register an application (接收、登记), SPEC.md §2.

use std::io::Write;

use chrono::NaiveDate;

use crate::case::identity;
use crate::case::{
    Agent, Applicant, ApplicantType, Channel, Event, IdType, Registration, Step, StepKind,
};
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};

/// Channel on the command line (申请方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChannelArg {
    /// 当面提交：收到日期为提交之日
    #[value(aliases = ["当面提交", "当面", "现场", "现场提交", "当面递交"])]
    InPerson,
    /// 邮寄（挂号信、EMS、快递）：收到日期为签收之日
    #[value(aliases = ["邮寄", "挂号信", "挂号", "EMS", "快递", "邮政"])]
    Mail,
    /// 平常信函：收到日期为与申请人确认之日（--confirmed-on）；尚未确认的暂不计时
    #[value(aliases = ["平常信函", "平信", "平邮", "普通信件", "普通信函"])]
    Letter,
    /// 网络平台：收到日期为双方确认之日
    #[value(aliases = ["网络", "网络平台", "网上"])]
    Online,
    /// 电子邮件：收到日期为双方确认之日
    #[value(aliases = ["电子邮件"])]
    Email,
    /// 传真：收到日期为双方确认之日
    #[value(aliases = ["传真"])]
    Fax,
}

impl From<ChannelArg> for Channel {
    fn from(c: ChannelArg) -> Channel {
        match c {
            ChannelArg::InPerson => Channel::InPerson,
            ChannelArg::Mail => Channel::Mail,
            ChannelArg::Letter => Channel::Letter,
            ChannelArg::Online => Channel::Online,
            ChannelArg::Email => Channel::Email,
            ChannelArg::Fax => Channel::Fax,
        }
    }
}

impl From<Channel> for ChannelArg {
    fn from(c: Channel) -> ChannelArg {
        match c {
            Channel::InPerson => ChannelArg::InPerson,
            Channel::Mail => ChannelArg::Mail,
            Channel::Letter => ChannelArg::Letter,
            Channel::Online => ChannelArg::Online,
            Channel::Email => ChannelArg::Email,
            Channel::Fax => ChannelArg::Fax,
        }
    }
}

/// Applicant type on the command line (申请人类型, the columns of the annual table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ApplicantTypeArg {
    /// 自然人
    #[value(aliases = ["自然人", "个人", "公民"])]
    Natural,
    /// 商业企业
    #[value(aliases = ["商业企业"])]
    Enterprise,
    /// 科研机构
    #[value(aliases = ["科研机构"])]
    Research,
    /// 社会公益组织
    #[value(aliases = ["社会公益组织"])]
    Nonprofit,
    /// 法律服务机构
    #[value(aliases = ["法律服务机构"])]
    Legal,
    /// 其他（法人或其他组织）
    #[value(aliases = ["其他", "其他组织"])]
    OtherOrg,
}

impl From<ApplicantTypeArg> for ApplicantType {
    fn from(a: ApplicantTypeArg) -> ApplicantType {
        match a {
            ApplicantTypeArg::Natural => ApplicantType::Natural,
            ApplicantTypeArg::Enterprise => ApplicantType::Enterprise,
            ApplicantTypeArg::Research => ApplicantType::Research,
            ApplicantTypeArg::Nonprofit => ApplicantType::Nonprofit,
            ApplicantTypeArg::Legal => ApplicantType::Legal,
            ApplicantTypeArg::OtherOrg => ApplicantType::OtherOrg,
        }
    }
}

impl From<ApplicantType> for ApplicantTypeArg {
    fn from(a: ApplicantType) -> ApplicantTypeArg {
        match a {
            ApplicantType::Natural => ApplicantTypeArg::Natural,
            ApplicantType::Enterprise => ApplicantTypeArg::Enterprise,
            ApplicantType::Research => ApplicantTypeArg::Research,
            ApplicantType::Nonprofit => ApplicantTypeArg::Nonprofit,
            ApplicantType::Legal => ApplicantTypeArg::Legal,
            ApplicantType::OtherOrg => ApplicantTypeArg::OtherOrg,
        }
    }
}

/// Identity document kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IdTypeArg {
    /// 居民身份证（校验第18位校验码）
    #[value(aliases = ["居民身份证", "身份证"])]
    IdCard,
    /// 统一社会信用代码（校验第18位校验码）
    #[value(aliases = ["统一社会信用代码"])]
    CreditCode,
    /// 护照
    #[value(aliases = ["护照"])]
    Passport,
    /// 港澳居民来往内地通行证
    HkMacao,
    /// 台湾居民来往大陆通行证
    Taiwan,
    /// 其他证件
    Other,
}

impl From<IdTypeArg> for IdType {
    fn from(a: IdTypeArg) -> IdType {
        match a {
            IdTypeArg::IdCard => IdType::IdCard,
            IdTypeArg::CreditCode => IdType::CreditCode,
            IdTypeArg::Passport => IdType::Passport,
            IdTypeArg::HkMacao => IdType::HkMacao,
            IdTypeArg::Taiwan => IdType::Taiwan,
            IdTypeArg::Other => IdType::Other,
        }
    }
}

/// Arguments of `register`; the variant's doc in `cli.rs` is the short help.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "在终端上运行时，缺少的必填项（申请方式、申请人、申请人类型、申请内容）会逐项询问；\n在脚本中运行时，缺少必填项即报错（退出码 2）并指出对应的参数。\n平常信函的收到日期是与申请人确认收到之日（条例第三十一条）：已确认的加 --confirmed-on 确认日期；\n不加时登记为尚未确认、暂不计时，确认后用 disclose confirm 记录。\n缺少身份证明或联系方式的申请照样登记，并标记为需要补正（条例第二十九条、第三十条）。\n与已登记的申请相似（邮件号相同，或同一申请人、相同内容、相隔不超过 20 个工作日）时不登记，\n核对后确属另一件申请的，加 --force。"
)]
pub struct Args {
    /// 申请方式
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,
    /// 收到日期：当面提交之日 / 签收之日 / 双方确认之日；平常信函为到达之日，确认收到之日另用 --confirmed-on（默认今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub on: Option<NaiveDate>,
    /// 经办人（默认：配置文件的 clerk，或操作系统用户名）
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// 申请人姓名或名称
    #[arg(long, value_name = "NAME")]
    pub applicant: Option<String>,
    /// 申请人类型
    #[arg(long, value_enum)]
    pub applicant_type: Option<ApplicantTypeArg>,
    /// 身份证明种类（默认：自然人为居民身份证，组织为统一社会信用代码）
    #[arg(long, value_enum)]
    pub id_type: Option<IdTypeArg>,
    /// 身份证件号码或统一社会信用代码
    #[arg(long, value_name = "NO")]
    pub id_number: Option<String>,
    /// 联系电话
    #[arg(long)]
    pub phone: Option<String>,
    /// 电子邮箱
    #[arg(long)]
    pub email: Option<String>,
    /// 通信地址
    #[arg(long)]
    pub address: Option<String>,
    /// 邮政编码
    #[arg(long)]
    pub postcode: Option<String>,
    /// 委托代理人姓名
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
    /// 代理人身份证件号码
    #[arg(long, value_name = "NO")]
    pub agent_id: Option<String>,
    /// 代理人电话
    #[arg(long, value_name = "PHONE")]
    pub agent_phone: Option<String>,
    /// 申请内容：所需政府信息的名称、文号或特征性描述
    #[arg(long, value_name = "TEXT")]
    pub content: Option<String>,
    /// 信息的提供形式（纸质 / 电子）
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// 获取方式（自行领取 / 邮寄 / 电子邮件 / 传真）
    #[arg(long, value_name = "HOW")]
    pub delivery: Option<String>,
    /// 来信的邮件号（挂号信、EMS、快递）
    #[arg(long, value_name = "NO")]
    pub tracking_no: Option<String>,
    /// 平常信函：与申请人确认收到的日期（收到日期，答复期限自该日起算；不早于信件到达之日）。不给出时登记为尚未确认，暂不计时，确认后用 disclose confirm
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, conflicts_with = "unreachable")]
    pub confirmed_on: Option<NaiveDate>,
    /// 平常信函且无法联系申请人：登记但暂不计时，联系上后用 disclose confirm
    #[arg(long)]
    pub unreachable: bool,
    /// 备注
    #[arg(long)]
    pub note: Option<String>,
    /// 即使与已登记的申请相似（可能重复），仍然登记
    #[arg(long)]
    pub force: bool,
}

fn missing(flag: &str, what: &str) -> anyhow::Error {
    Failure::new(Exit::Usage, format!("缺少{what}：请用 {flag} 给出"))
        .hint("在终端上直接运行 disclose register 会逐项询问")
        .into()
}

pub use super::prompt::{CHOICE_KEYS, ChineseTheme, check_required, show_cursor};
use super::prompt::{ask, confirm, select};

/// Asks a required question `label` until answered ([`check_required`] on `what`).
fn prompt_text(label: &str, what: &str, is_name: bool) -> anyhow::Result<String> {
    ask(label, None, |s| check_required(what, s, is_name))
}

/// Asks an optional question: `None` when left blank.
fn prompt_optional(
    label: &str,
    check: impl Fn(&str) -> Result<(), String>,
) -> anyhow::Result<Option<String>> {
    let s = ask(&format!("{label}（可留空）"), None, |s| {
        if s.trim().is_empty() {
            Ok(())
        } else {
            check(s)
        }
    })?;
    Ok(super::text(&Some(s)))
}

/// Checks a date typed at a prompt: a date, not after `today`, not before the regulation.
fn check_prompt_date(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = parse_date_arg(s)?;
    if d > today {
        return Err(format!("晚于今天（{today}）"));
    }
    if d < crate::case::REGULATION_IN_FORCE {
        return Err("早于《政府信息公开条例》施行之日（2008-05-01）".to_string());
    }
    Ok(d)
}

/// Fills in what is missing: by prompts on a terminal, each answer checked as it is typed, or
/// an error naming the flag.
fn complete(ctx: &Ctx, a: &mut Args) -> anyhow::Result<()> {
    let asked_any = a.channel.is_none()
        || a.applicant.is_none()
        || a.applicant_type.is_none()
        || a.content.is_none();
    if !ctx.interactive {
        if a.channel.is_none() {
            return Err(missing(
                "--channel",
                "申请方式（in-person, mail, letter, online, email, fax）",
            ));
        }
        if a.applicant.is_none() {
            return Err(missing("--applicant", "申请人姓名或名称"));
        }
        if a.applicant_type.is_none() {
            return Err(missing(
                "--applicant-type",
                "申请人类型（natural, enterprise, research, nonprofit, legal, other-org）",
            ));
        }
        if a.content.is_none() {
            return Err(missing("--content", "申请内容"));
        }
        return Ok(());
    }
    if !asked_any {
        return Ok(());
    }
    super::prompt::cancel_on_interrupt();
    if a.channel.is_none() {
        let labels: Vec<&str> = Channel::ALL.iter().map(|c| c.label()).collect();
        a.channel = Some(Channel::ALL[select("申请方式", &labels, 0)?].into());
    }
    let today = ctx.today;
    if a.on.is_none() {
        let prompt = match a.channel {
            Some(ChannelArg::Mail) => "签收日期（YYYY-MM-DD）",
            Some(ChannelArg::Letter) => "信件到达日期（YYYY-MM-DD）",
            Some(ChannelArg::InPerson) => "提交日期（YYYY-MM-DD）",
            _ => "双方确认收到的日期（YYYY-MM-DD）",
        };
        let s = ask(prompt, Some(&today.to_string()), |s| {
            check_prompt_date(s, today).map(|_| ())
        })?;
        a.on = Some(check_prompt_date(&s, today).map_err(|e| anyhow::anyhow!(e))?);
    }
    // An ordinary letter: the receipt date is the day receipt was confirmed with the applicant
    // (条例 Art 31); left blank, it is registered unconfirmed, as with the flags and import.
    if a.channel == Some(ChannelArg::Letter) && !a.unreachable && a.confirmed_on.is_none() {
        let arrived = a.on.unwrap_or(today);
        let check = move |s: &str| -> Result<Option<NaiveDate>, String> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            let d = check_prompt_date(s, today)?;
            if d < arrived {
                return Err(format!("早于信件到达的日期（{arrived}）"));
            }
            Ok(Some(d))
        };
        let s = ask(
            "与申请人确认收到的日期（YYYY-MM-DD；尚未确认请留空，答复期限暂不起算）",
            None,
            |s| check(s).map(|_| ()),
        )?;
        a.confirmed_on = check(&s).map_err(|e| anyhow::anyhow!(e))?;
    }
    if a.channel == Some(ChannelArg::Mail) && a.tracking_no.is_none() {
        a.tracking_no =
            prompt_optional("邮件号（挂号信、EMS、快递单号）", |_| Ok(()))?;
    }
    if a.applicant.is_none() {
        a.applicant = Some(prompt_text("申请人姓名或名称", "申请人姓名或名称", true)?);
    }
    if a.applicant_type.is_none() {
        let labels: Vec<String> = ApplicantType::ALL
            .iter()
            .map(|t| match t {
                ApplicantType::OtherOrg => "其他（法人或其他组织）".to_string(),
                t => t.label().to_string(),
            })
            .collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        a.applicant_type = Some(ApplicantType::ALL[select("申请人类型", &labels, 0)?].into());
    }
    if a.id_number.is_none() {
        let natural = a.applicant_type == Some(ApplicantTypeArg::Natural);
        let mut labels: Vec<&str> = IdType::ALL.iter().map(|t| t.label()).collect();
        labels.push("未提供身份证明");
        let kind_index = match a.id_type {
            Some(t) => IdType::ALL
                .iter()
                .position(|k| *k == IdType::from(t))
                .unwrap_or(0),
            None => select("身份证明", &labels, if natural { 0 } else { 1 })?,
        };
        if let Some(kind) = IdType::ALL.get(kind_index).copied() {
            a.id_type = Some(match kind {
                IdType::IdCard => IdTypeArg::IdCard,
                IdType::CreditCode => IdTypeArg::CreditCode,
                IdType::Passport => IdTypeArg::Passport,
                IdType::HkMacao => IdTypeArg::HkMacao,
                IdType::Taiwan => IdTypeArg::Taiwan,
                IdType::Other => IdTypeArg::Other,
            });
            // Full-width digits and letters are read as typed, as on the command line.
            a.id_number = prompt_optional(&format!("{}号码", kind.label()), |s| {
                let s = crate::text::half_width(s);
                match kind {
                    IdType::IdCard => identity::check_resident_id(s.trim()),
                    IdType::CreditCode => identity::check_credit_code(s.trim()),
                    _ => Ok(()),
                }
            })?;
        }
    }
    if a.phone.is_none() {
        // Checked as typed, like the date and the ID number (the same rule as at registration).
        a.phone = prompt_optional("联系电话", |s| {
            match crate::case::phone_problem(&crate::text::half_width(s)) {
                Some(m) => Err(m),
                None => Ok(()),
            }
        })?;
    }
    if a.email.is_none() {
        a.email = prompt_optional("电子邮箱", |s| {
            let s = s.trim();
            if s.contains('@') && !s.contains(char::is_whitespace) {
                Ok(())
            } else {
                Err(format!("“{s}”不是电子邮箱地址（应形如 name@example.com）"))
            }
        })?;
    }
    if a.address.is_none() {
        a.address = prompt_optional("通信地址", |_| Ok(()))?;
    }
    if a.content.is_none() {
        a.content = Some(prompt_text(
            "申请内容（所需信息的名称、文号或特征性描述）",
            "申请内容",
            false,
        )?);
    }
    let term = dialoguer::console::Term::stderr();
    term.write_line("将登记：")?;
    for line in summary(a, today) {
        term.write_line(&format!("  {}", crate::output::terminal_safe(&line)))?;
    }
    if !confirm("确认登记？", true)? {
        return Err(Failure::new(Exit::Interrupted, super::prompt::CANCELLED).into());
    }
    Ok(())
}

/// What the interactive `register` is about to write, one `项目：值` line each, for the clerk
/// to check before it is written (blank items left out; the receipt date and, for an ordinary
/// letter, whether receipt was confirmed, 条例 Art 31).
pub fn summary(a: &Args, today: NaiveDate) -> Vec<String> {
    let on = a.on.unwrap_or(today);
    let mut v = Vec::new();
    let channel = a.channel.map(Channel::from);
    if let Some(c) = channel {
        v.push(format!("申请方式：{}", c.label()));
    }
    match channel {
        Some(Channel::Letter) => {
            v.push(format!("信件到达日期：{on}"));
            v.push(match a.confirmed_on {
                Some(c) if !a.unreachable => format!("确认收到日期：{c}（答复期限自该日起算）"),
                _ => "确认收到日期：尚未确认（答复期限暂不起算，确认后用 disclose confirm）"
                    .to_string(),
            });
        }
        Some(Channel::Mail) => v.push(format!("签收日期：{on}")),
        Some(Channel::InPerson) => v.push(format!("提交日期：{on}")),
        _ => v.push(format!("双方确认收到日期：{on}")),
    }
    let mut item = |label: &str, value: &Option<String>| {
        if let Some(x) = super::text(value) {
            v.push(format!("{label}：{x}"));
        }
    };
    item("邮件号", &a.tracking_no);
    item("申请人", &a.applicant);
    if let Some(t) = a.applicant_type {
        v.push(format!("申请人类型：{}", ApplicantType::from(t).label()));
    }
    let id_label = a
        .id_type
        .map(|t| IdType::from(t).label().to_string() + "号码")
        .unwrap_or_else(|| "证件号码".to_string());
    match super::text(&a.id_number) {
        Some(id) => v.push(format!("{id_label}：{}", crate::text::half_width(&id))),
        None => v.push("身份证明：未提供（需补正）".to_string()),
    }
    if let Some(p) = super::text(&a.phone) {
        v.push(format!("联系电话：{}", crate::text::half_width(&p)));
    }
    let mut item = |label: &str, value: &Option<String>| {
        if let Some(x) = super::text(value) {
            v.push(format!("{label}：{x}"));
        }
    };
    item("电子邮箱", &a.email);
    item("通信地址", &a.address);
    item("代理人", &a.agent);
    item("申请内容", &a.content);
    v
}

/// Runs `register`: prints the new case number and its deadlines.
///
/// # Errors
/// Usage errors (missing values without a terminal), refusals (wrong check character, likely
/// duplicate without `--force`), database errors.
pub fn run(ctx: &mut Ctx, mut a: Args) -> anyhow::Result<Exit> {
    if ctx.interactive && ctx.db_path.exists() {
        // A wrong database is said before the clerk answers the questions, not after.
        ctx.create_store()?;
    }
    complete(ctx, &mut a).map_err(|e| {
        if super::prompt::is_cancel(&e) {
            super::prompt::cancelled()
        } else {
            e
        }
    })?;
    let applicant_type: ApplicantType = a.applicant_type.expect("completed").into();
    let mut reg = Registration {
        case_no: String::new(),
        channel: a.channel.expect("completed").into(),
        unreachable: a.unreachable,
        applicant_type,
        applicant: Applicant {
            name: a.applicant.clone().unwrap_or_default().trim().to_string(),
            id_type: a.id_type.map(Into::into).or_else(|| {
                a.id_number
                    .as_ref()
                    .map(|_| crate::case::default_id_type(applicant_type))
            }),
            id_number: super::text(&a.id_number).map(|s| crate::text::half_width(&s)),
            phone: super::text(&a.phone).map(|s| crate::text::half_width(&s)),
            email: super::text(&a.email),
            address: super::text(&a.address),
            postcode: super::text(&a.postcode),
        },
        agent: super::text(&a.agent).map(|name| Agent {
            name,
            id_number: super::text(&a.agent_id).map(|s| crate::text::half_width(&s)),
            phone: super::text(&a.agent_phone).map(|s| crate::text::half_width(&s)),
        }),
        content: a.content.clone().unwrap_or_default().trim().to_string(),
        form: super::text(&a.form),
        delivery: super::text(&a.delivery),
        tracking_no: super::text(&a.tracking_no),
        note: super::text(&a.note),
    };
    let on = a.on.unwrap_or(ctx.today);
    let confirm_on = letter_confirmation(&reg, on, a.confirmed_on)?;
    // With no phone number to call, an ordinary letter cannot be confirmed: no clock yet.
    let no_phone = a.confirmed_on.is_none() && crate::case::letter_cannot_be_confirmed(&reg);
    // One rule for the flags, the prompt and import (条例 Art 31, SPEC §2): an ordinary letter
    // is unconfirmed unless confirmed the day it arrived; confirmed later, the confirmation is
    // recorded on its day.
    reg.unreachable |=
        crate::case::registration::letter_unconfirmed_on_arrival(reg.channel, on, a.confirmed_on);
    let by = ctx.recorder(a.by.as_deref());
    let force = a.force;
    let new_register = !ctx.db_path.exists();
    ctx.create_store()?;
    let case = ctx.write(|w| {
        let case = w.register(reg, on, &by, force)?;
        Ok(match confirm_on {
            Some(c) => w.record(
                &case.case_no,
                Event {
                    on: c,
                    by: by.clone(),
                    step: Step::ConfirmReceipt,
                },
            )?,
            None => case,
        })
    })?;
    if new_register {
        ctx.announce_new_register();
    }
    let repeats = ctx.store()?.repeats_of(&case.registration)?;
    if ctx.format == Format::Table {
        let view =
            crate::report::view::CaseView::build(&case, &[], &ctx.calendar, ctx.today, false)?;
        let accepts = |k| crate::case::accepts(&case, &ctx.calendar, ctx.today, k);
        let mut out = std::io::stdout().lock();
        writeln!(out, "已登记：{}", case.case_no)?;
        if let Some(c) = confirm_on {
            writeln!(out, "已记录：{c} 与申请人确认收到")?;
        }
        let awaiting = case.state == crate::case::State::AwaitingConfirmation;
        if awaiting && no_phone {
            writeln!(
                out,
                "申请人未留联系电话，无法确认收到：按“无法联系申请人”登记，答复期限暂不起算（条例第三十一条）"
            )?;
        } else if awaiting && !a.unreachable {
            writeln!(
                out,
                "平常信函尚未与申请人确认收到：答复期限自确认收到之日起算，暂不计时（条例第三十一条）"
            )?;
        }
        if awaiting && accepts(StepKind::ConfirmReceipt) {
            writeln!(
                out,
                "{}：{}",
                if no_phone || a.unreachable {
                    "联系上申请人后"
                } else {
                    "确认收到后"
                },
                super::step_command(StepKind::ConfirmReceipt, &case.case_no)
            )?;
        }
        for line in view.deadline_lines() {
            writeln!(out, "{}", crate::output::terminal_safe(&line))?;
        }
        for r in &repeats {
            writeln!(
                out,
                "重复申请？同一申请人曾申请相同的信息：{}，{} 已答复（{}）；如属重复申请，可按（五）2 答复（disclose show {}）",
                r.case_no, r.replied_on, r.outcome_label, r.case_no
            )?;
        }
        // Only a step the rules accept now is suggested: an unconfirmed letter's correction
        // notice waits for the confirmation (条例 Art 30, 31).
        if !case.needs_correction.is_empty() && accepts(StepKind::CorrectionNotice) {
            writeln!(
                out,
                "下一步：{}",
                super::step_command(StepKind::CorrectionNotice, &case.case_no)
            )?;
        }
        return Ok(Exit::Ok);
    }
    for r in &repeats {
        eprintln!(
            "提示：重复申请？同一申请人曾申请相同的信息：{}，{} 已答复（{}）",
            r.case_no, r.replied_on, r.outcome_label
        );
    }
    super::print_recorded(ctx, &case, StepKind::Register, on)?;
    Ok(Exit::Ok)
}

/// The day an ordinary letter's receipt was confirmed, when that is after it arrived on `on`:
/// recorded as a confirm-receipt step on that day (条例 Art 31). `--confirmed-on` is for an
/// ordinary letter only, and not before it arrived (the same checks as import's 确认日期).
///
/// # Errors
/// A usage failure naming the flag.
fn letter_confirmation(
    reg: &Registration,
    on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
) -> anyhow::Result<Option<NaiveDate>> {
    let Some(c) = confirmed_on else {
        return Ok(None);
    };
    if reg.channel != Channel::Letter {
        return Err(Failure::new(
            Exit::Usage,
            format!(
                "--confirmed-on 只用于平常信函，本申请的申请方式是“{}”",
                reg.channel.label()
            ),
        )
        .hint("其他申请方式的收到日期用 --on 给出")
        .into());
    }
    if c < on {
        return Err(Failure::new(
            Exit::Usage,
            format!("--confirmed-on {c} 早于信件到达的日期 {on}（--on）：请核对"),
        )
        .into());
    }
    Ok((c > on).then_some(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn args(flags: &[&str]) -> Args {
        Cli::parse_from(std::iter::once("register").chain(flags.iter().copied())).args
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_summary_says_what_will_be_written_and_whether_a_letter_was_confirmed() {
        let a = args(&[
            "--channel",
            "平信",
            "--on",
            "２０２６－０７－０６",
            "--applicant",
            "孙八",
            "--applicant-type",
            "natural",
            "--phone",
            "１３８１２３４５６７８",
            "--email",
            "sun@example.com",
            "--content",
            "市图书馆新馆建设项目招标文件",
        ]);
        assert_eq!(
            summary(&a, day("2026-07-08")),
            [
                "申请方式：平常信函",
                "信件到达日期：2026-07-06",
                "确认收到日期：尚未确认（答复期限暂不起算，确认后用 disclose confirm）",
                "申请人：孙八",
                "申请人类型：自然人",
                "身份证明：未提供（需补正）",
                "联系电话：13812345678",
                "电子邮箱：sun@example.com",
                "申请内容：市图书馆新馆建设项目招标文件",
            ]
        );
        let a = args(&[
            "--channel",
            "mail",
            "--tracking-no",
            "XA123456789CN",
            "--applicant",
            "钱七",
            "--applicant-type",
            "natural",
            "--id-number",
            "11010519491231002X",
            "--content",
            "图书馆年报",
        ]);
        assert_eq!(
            summary(&a, day("2026-07-08")),
            [
                "申请方式：邮寄",
                "签收日期：2026-07-08",
                "邮件号：XA123456789CN",
                "申请人：钱七",
                "申请人类型：自然人",
                "证件号码：11010519491231002X",
                "申请内容：图书馆年报",
            ]
        );
        let a = args(&[
            "--channel",
            "letter",
            "--on",
            "2026-07-06",
            "--confirmed-on",
            "2026-07-07",
        ]);
        assert_eq!(
            summary(&a, day("2026-07-08"))[2],
            "确认收到日期：2026-07-07（答复期限自该日起算）"
        );
    }

    #[test]
    fn a_confirmation_date_is_for_an_ordinary_letter_not_before_it_arrived() {
        let reg = |channel| Registration {
            case_no: String::new(),
            channel,
            unreachable: false,
            applicant_type: ApplicantType::Natural,
            applicant: Applicant::default(),
            agent: None,
            content: String::new(),
            form: None,
            delivery: None,
            tracking_no: None,
            note: None,
        };
        let on = day("2026-07-06");
        let letter = reg(Channel::Letter);
        assert_eq!(letter_confirmation(&letter, on, None).unwrap(), None);
        assert_eq!(letter_confirmation(&letter, on, Some(on)).unwrap(), None);
        assert_eq!(
            letter_confirmation(&letter, on, Some(day("2026-07-08"))).unwrap(),
            Some(day("2026-07-08"))
        );
        let e = letter_confirmation(&letter, on, Some(day("2026-07-03"))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--confirmed-on 2026-07-03 早于信件到达的日期 2026-07-06（--on）：请核对"
        );
        let e = letter_confirmation(&reg(Channel::InPerson), on, Some(on)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--confirmed-on 只用于平常信函，本申请的申请方式是“当面提交”"
        );
    }
}
