//! `disclose register`: receive and register an application (接收、登记), SPEC.md §2.

use std::io::Write;

use chrono::NaiveDate;

use crate::case::{Agent, Applicant, ApplicantType, Channel, IdType, Registration, StepKind};
use crate::context::{Ctx, Format};
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};
use crate::store::StoreError;

/// Channel on the command line (申请方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChannelArg {
    /// 当面提交：收到日期为提交之日
    InPerson,
    /// 邮寄（挂号信、EMS、快递）：收到日期为签收之日
    Mail,
    /// 平常信函：收到日期为与申请人确认之日；联系不上时加 --unreachable，暂不计时
    Letter,
    /// 网络平台：收到日期为双方确认之日
    Online,
    /// 电子邮件：收到日期为双方确认之日
    Email,
    /// 传真：收到日期为双方确认之日
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

/// Applicant type on the command line (申请人类型, the columns of the annual table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ApplicantTypeArg {
    /// 自然人
    Natural,
    /// 商业企业
    Enterprise,
    /// 科研机构
    Research,
    /// 社会公益组织
    Nonprofit,
    /// 法律服务机构
    Legal,
    /// 其他（法人或其他组织）
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

/// Identity document kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IdTypeArg {
    /// 居民身份证（校验第18位校验码）
    IdCard,
    /// 统一社会信用代码（校验第18位校验码）
    CreditCode,
    /// 护照
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
    after_long_help = "在终端上运行时，缺少的必填项（申请方式、申请人、申请人类型、申请内容）会逐项询问；\n在脚本中运行时，缺少必填项即报错（退出码 2）并指出对应的参数。\n缺少身份证明或联系方式的申请照样登记，并标记为需要补正（条例第二十九条、第三十条）。\n与已登记的申请相似（邮件号相同，或同一申请人、相同内容、相隔不超过 20 个工作日）时不登记，\n核对后确属另一件申请的，加 --force。"
)]
pub struct Args {
    /// 申请方式
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,
    /// 收到日期：当面提交之日 / 签收之日 / 双方确认之日；平常信函为到达之日（默认今天）
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

fn prompt_text(label: &str) -> anyhow::Result<String> {
    Ok(dialoguer::Input::<String>::new()
        .with_prompt(label)
        .validate_with(|s: &String| {
            if s.trim().is_empty() {
                Err("不能为空")
            } else {
                Ok(())
            }
        })
        .interact_text()?)
}

fn prompt_optional(label: &str) -> anyhow::Result<Option<String>> {
    let s: String = dialoguer::Input::new()
        .with_prompt(format!("{label}（可留空）"))
        .allow_empty(true)
        .interact_text()?;
    Ok(super::text(&Some(s)))
}

/// Fills in what is missing: by prompts on a terminal, or an error naming the flag.
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
    if a.channel.is_none() {
        let items = [
            "当面提交",
            "邮寄（签收）",
            "平常信函",
            "网络平台",
            "电子邮件",
            "传真",
        ];
        let i = dialoguer::Select::new()
            .with_prompt("申请方式")
            .items(items)
            .default(0)
            .interact()?;
        a.channel = Some(
            [
                ChannelArg::InPerson,
                ChannelArg::Mail,
                ChannelArg::Letter,
                ChannelArg::Online,
                ChannelArg::Email,
                ChannelArg::Fax,
            ][i],
        );
    }
    if a.on.is_none() {
        let s: String = dialoguer::Input::new()
            .with_prompt("收到日期（YYYY-MM-DD）")
            .default(ctx.today.to_string())
            .validate_with(|s: &String| parse_date_arg(s).map(|_| ()))
            .interact_text()?;
        a.on = Some(parse_date_arg(&s).map_err(|e| anyhow::anyhow!(e))?);
    }
    if a.channel == Some(ChannelArg::Letter) && !a.unreachable && asked_any {
        a.unreachable = !dialoguer::Confirm::new()
            .with_prompt("当天是否已与申请人电话确认收到？")
            .default(true)
            .interact()?;
    }
    if a.applicant.is_none() {
        a.applicant = Some(prompt_text("申请人姓名或名称")?);
    }
    if a.applicant_type.is_none() {
        let items = [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他组织",
        ];
        let i = dialoguer::Select::new()
            .with_prompt("申请人类型")
            .items(items)
            .default(0)
            .interact()?;
        a.applicant_type = Some(
            [
                ApplicantTypeArg::Natural,
                ApplicantTypeArg::Enterprise,
                ApplicantTypeArg::Research,
                ApplicantTypeArg::Nonprofit,
                ApplicantTypeArg::Legal,
                ApplicantTypeArg::OtherOrg,
            ][i],
        );
    }
    if asked_any {
        if a.id_number.is_none() {
            a.id_number =
                prompt_optional(if a.applicant_type == Some(ApplicantTypeArg::Natural) {
                    "身份证件号码"
                } else {
                    "统一社会信用代码"
                })?;
        }
        if a.phone.is_none() {
            a.phone = prompt_optional("联系电话")?;
        }
        if a.address.is_none() {
            a.address = prompt_optional("通信地址")?;
        }
    }
    if a.content.is_none() {
        a.content = Some(prompt_text("申请内容（所需信息的名称、文号或特征性描述）")?);
    }
    Ok(())
}

/// Runs `register`: prints the new case number and its deadlines.
///
/// # Errors
/// Usage errors (missing values without a terminal), refusals (wrong check character, likely
/// duplicate without `--force`), database errors.
pub fn run(ctx: &mut Ctx, mut a: Args) -> anyhow::Result<Exit> {
    complete(ctx, &mut a)?;
    let applicant_type: ApplicantType = a.applicant_type.expect("completed").into();
    let reg = Registration {
        case_no: String::new(),
        channel: a.channel.expect("completed").into(),
        unreachable: a.unreachable,
        applicant_type,
        applicant: Applicant {
            name: a.applicant.clone().unwrap_or_default().trim().to_string(),
            id_type: a.id_type.map(Into::into).or_else(|| {
                a.id_number.as_ref().map(|_| {
                    if applicant_type == ApplicantType::Natural {
                        IdType::IdCard
                    } else {
                        IdType::CreditCode
                    }
                })
            }),
            id_number: super::text(&a.id_number),
            phone: super::text(&a.phone),
            email: super::text(&a.email),
            address: super::text(&a.address),
            postcode: super::text(&a.postcode),
        },
        agent: super::text(&a.agent).map(|name| Agent {
            name,
            id_number: super::text(&a.agent_id),
            phone: super::text(&a.agent_phone),
        }),
        content: a.content.clone().unwrap_or_default().trim().to_string(),
        form: super::text(&a.form),
        delivery: super::text(&a.delivery),
        tracking_no: super::text(&a.tracking_no),
        note: super::text(&a.note),
    };
    let on = a.on.unwrap_or(ctx.today);
    let by = ctx.recorder(a.by.as_deref());
    let force = a.force;
    ctx.create_store()?;
    let case = ctx
        .write(|w| w.register(reg, on, &by, force).map_err(anyhow::Error::from))
        .map_err(|e| match e.downcast::<StoreError>() {
            Ok(se) => super::failure(se, ""),
            Err(e) => e,
        })?;
    if ctx.format == Format::Table {
        let view =
            crate::report::view::CaseView::build(&case, &[], &ctx.calendar, ctx.today, false)?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "已登记：{}", case.case_no)?;
        for line in view.deadline_lines() {
            writeln!(out, "{}", crate::output::terminal_safe(&line))?;
        }
        if !case.needs_correction.is_empty() {
            writeln!(
                out,
                "下一步：{}",
                super::step_command(StepKind::CorrectionNotice, &case.case_no)
            )?;
        }
        return Ok(Exit::Ok);
    }
    super::print_recorded(ctx, &case, StepKind::Register, on)?;
    Ok(Exit::Ok)
}
