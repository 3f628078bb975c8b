//! `disclose register`: receive and register an application (接收、登记), SPEC.md §2.

use std::io::Write;

use chrono::NaiveDate;

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
    /// 申请类别：disclosure 政府信息公开申请（默认）；record-correction 更正申请（条例第四十一条：申请人有证据证明行政机关提供的与其自身相关的政府信息记录不准确，要求更正；不计入年度报告表三）。申请内容写要求更正的信息记录
    #[arg(long, value_name = "KIND", value_parser = crate::case::RequestKind::parse)]
    pub kind: Option<crate::case::RequestKind>,
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

mod questions;

pub use super::prompt::{CHOICE_KEYS, ChineseTheme, check_required, show_cursor};
use questions::complete;
pub use questions::summary;

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
        kind: a.kind.unwrap_or_default(),
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
    // A repeat request (（五）2) is a disclosure request's answer; a record correction has none.
    let repeats = if case.is_record_correction() {
        vec![]
    } else {
        ctx.store()?.repeats_of(&case.registration)?
    };
    if ctx.format == Format::Table {
        let view =
            crate::report::view::CaseView::build(&case, &[], &ctx.calendar, ctx.today, false)?;
        let accepts = |k| crate::case::accepts(&case, &ctx.calendar, ctx.today, k);
        let mut out = std::io::stdout().lock();
        writeln!(out, "已登记：{}", case.case_no)?;
        if case.is_record_correction() {
            writeln!(
                out,
                "申请类别：{}（条例第四十一条），不计入年度报告表三；办结：{}",
                case.registration.kind.label(),
                super::step_command(StepKind::RecordCorrectionReply, &case.case_no)
            )?;
        }
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
/// ordinary letter only, and not before it arrived: the rule is
/// [`crate::case::registration::later_confirmation`]; the words name the flags.
///
/// # Errors
/// A usage failure naming the flag.
fn letter_confirmation(
    reg: &Registration,
    on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
) -> anyhow::Result<Option<NaiveDate>> {
    use crate::case::registration::{ConfirmationProblem, later_confirmation};
    let Some(c) = confirmed_on else {
        return Ok(None);
    };
    match later_confirmation(reg.channel, on, Some(c)) {
        Ok(later) => Ok(later),
        Err(ConfirmationProblem::NotALetter(channel)) => Err(Failure::new(
            Exit::Usage,
            format!(
                "--confirmed-on 只用于平常信函，本申请的申请方式是“{}”",
                channel.label()
            ),
        )
        .hint("其他申请方式的收到日期用 --on 给出")
        .into()),
        Err(ConfirmationProblem::BeforeArrival) => Err(Failure::new(
            Exit::Usage,
            format!("--confirmed-on {c} 早于信件到达的日期 {on}（--on）：请核对"),
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_confirmation_date_is_for_an_ordinary_letter_not_before_it_arrived() {
        let reg = |channel| Registration {
            kind: Default::default(),
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
