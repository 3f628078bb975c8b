//! `disclose register`: receive and register an application (接收、登记), SPEC.md §2.

use std::io::Write;

use chrono::NaiveDate;

use crate::case::identity;
use crate::case::{Agent, Applicant, ApplicantType, Channel, IdType, Registration, StepKind};
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
    /// 平常信函：收到日期为与申请人确认之日；联系不上时加 --unreachable，暂不计时
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
    after_long_help = "在终端上运行时，缺少的必填项（申请方式、申请人、申请人类型、申请内容）会逐项询问；\n在脚本中运行时，缺少必填项即报错（退出码 2）并指出对应的参数。\n缺少身份证明或联系方式的申请照样登记，并标记为需要补正（条例第二十九条、第三十条）。\n与已登记的申请相似（邮件号相同，或同一申请人、相同内容、相隔不超过 20 个工作日）时不登记，\n核对后确属另一件申请的，加 --force。"
)]
pub struct Args {
    /// 申请类别：disclosure 政府信息公开申请（默认）；record-correction 更正申请（条例第四十一条：申请人有证据证明行政机关提供的与其自身相关的政府信息记录不准确，要求更正；不计入年度报告表三）。申请内容写要求更正的信息记录
    #[arg(long, value_name = "KIND", value_parser = crate::case::RequestKind::parse)]
    pub kind: Option<crate::case::RequestKind>,
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

/// What a selection menu says after its question, while the clerk chooses (dialoguer's menus
/// give no instructions).
pub const CHOICE_KEYS: &str = "（方向键选择，回车确认）";

/// The prompts' wording in Chinese for `register` on a terminal: dialoguer's default theme says
/// `error:` and `yes`/`no`, and its selection menus give no instructions. A menu's question reads
/// `申请方式（方向键选择，回车确认）:` while choosing and `申请方式: 邮寄` once chosen; an error
/// reads `错误：…`; a yes/no question `… [Y/n]（是 Y，否 n）`.
pub struct ChineseTheme;

impl dialoguer::theme::Theme for ChineseTheme {
    fn format_select_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        write!(f, "{prompt}{CHOICE_KEYS}:")
    }

    fn format_error(&self, f: &mut dyn std::fmt::Write, err: &str) -> std::fmt::Result {
        write!(f, "错误：{err}")
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> std::fmt::Result {
        let keys = match default {
            Some(true) => "[Y/n]（是 Y，否 n）",
            Some(false) => "[y/N]（是 y，否 N）",
            None => "[y/n]（是 y，否 n）",
        };
        write!(f, "{prompt} {keys} ")
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> std::fmt::Result {
        match selection {
            Some(true) => write!(f, "{prompt} 是"),
            Some(false) => write!(f, "{prompt} 否"),
            None => write!(f, "{prompt}"),
        }
    }
}

/// Checks a typed answer to a required question (`what`: 申请人姓名或名称, 申请内容) as it is
/// entered; a name (`is_name`) may not hold control characters either.
///
/// # Errors
/// `不能为空，请输入{what}` for an empty answer or one of spaces only; `不能含控制字符`.
pub fn check_required(what: &str, answer: &str, is_name: bool) -> Result<(), String> {
    if answer.trim().is_empty() {
        Err(format!("不能为空，请输入{what}"))
    } else if is_name && answer.chars().any(char::is_control) {
        Err("不能含控制字符".to_string())
    } else {
        Ok(())
    }
}

/// Asks a required question `label` until answered ([`check_required`] on `what`). Empty
/// answers are let through to the check: dialoguer would otherwise ask again without a word.
fn prompt_text(label: &str, what: &str, is_name: bool) -> anyhow::Result<String> {
    Ok(dialoguer::Input::<String>::with_theme(&ChineseTheme)
        .with_prompt(label)
        .allow_empty(true)
        .validate_with(|s: &String| check_required(what, s, is_name))
        .interact_text()?)
}

fn prompt_optional(label: &str) -> anyhow::Result<Option<String>> {
    let s: String = dialoguer::Input::with_theme(&ChineseTheme)
        .with_prompt(format!("{label}（可留空）"))
        .allow_empty(true)
        .interact_text()?;
    Ok(super::text(&Some(s)))
}

fn select(label: &str, items: &[&str], default: usize) -> anyhow::Result<usize> {
    Ok(dialoguer::Select::with_theme(&ChineseTheme)
        .with_prompt(label)
        .items(items)
        .default(default)
        .interact()?)
}

/// On a terminal, Ctrl-C during the prompts ends the command without registering anything and
/// gives the cursor back (the selection menus hide it).
fn restore_terminal_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        show_cursor();
        eprintln!("\n已取消：未登记任何内容");
        std::process::exit(Exit::Interrupted as i32);
    });
}

/// Gives the terminal its cursor back (the selection menus hide it), when standard error is a
/// terminal.
pub fn show_cursor() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\x1b[?25h");
    }
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
    restore_terminal_on_interrupt();
    if a.channel.is_none() {
        let labels: Vec<&str> = Channel::ALL.iter().map(|c| c.label()).collect();
        a.channel = Some(Channel::ALL[select("申请方式", &labels, 0)?].into());
    }
    if a.on.is_none() {
        let today = ctx.today;
        let prompt = match a.channel {
            Some(ChannelArg::Mail) => "签收日期（YYYY-MM-DD）",
            Some(ChannelArg::Letter) => "信件到达日期（YYYY-MM-DD）",
            Some(ChannelArg::InPerson) => "提交日期（YYYY-MM-DD）",
            _ => "双方确认收到的日期（YYYY-MM-DD）",
        };
        let s: String = dialoguer::Input::with_theme(&ChineseTheme)
            .with_prompt(prompt)
            .default(today.to_string())
            .validate_with(move |s: &String| -> Result<(), String> {
                let d = parse_date_arg(s)?;
                if d > today {
                    return Err(format!("晚于今天（{today}）"));
                }
                if d < crate::case::REGULATION_IN_FORCE {
                    return Err("早于《政府信息公开条例》施行之日（2008-05-01）".to_string());
                }
                Ok(())
            })
            .interact_text()?;
        a.on = Some(parse_date_arg(&s).map_err(|e| anyhow::anyhow!(e))?);
    }
    if a.channel == Some(ChannelArg::Letter) && !a.unreachable {
        a.unreachable = !dialoguer::Confirm::with_theme(&ChineseTheme)
            .with_prompt("当天是否已与申请人确认收到？")
            .default(true)
            .interact()?;
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
            let s: String = dialoguer::Input::with_theme(&ChineseTheme)
                .with_prompt(format!("{}号码（可留空）", kind.label()))
                .allow_empty(true)
                .validate_with(move |s: &String| -> Result<(), String> {
                    match kind {
                        _ if s.trim().is_empty() => Ok(()),
                        IdType::IdCard => identity::check_resident_id(s),
                        IdType::CreditCode => identity::check_credit_code(s),
                        _ => Ok(()),
                    }
                })
                .interact_text()?;
            a.id_number = super::text(&Some(s));
        }
    }
    if a.phone.is_none() {
        // Checked as typed, like the date and the ID number (the same rule as at registration).
        let s: String = dialoguer::Input::with_theme(&ChineseTheme)
            .with_prompt("联系电话（可留空）")
            .allow_empty(true)
            .validate_with(|s: &String| match crate::case::phone_problem(s) {
                Some(m) => Err(m),
                None => Ok(()),
            })
            .interact_text()?;
        a.phone = super::text(&Some(s));
    }
    if a.address.is_none() {
        a.address = prompt_optional("通信地址")?;
    }
    if a.content.is_none() {
        a.content = Some(prompt_text(
            "申请内容（所需信息的名称、文号或特征性描述）",
            "申请内容",
            false,
        )?);
    }
    Ok(())
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
        let interrupted = e.chain().any(|c| {
            matches!(c.downcast_ref::<dialoguer::Error>(),
                Some(dialoguer::Error::IO(io)) if io.kind() == std::io::ErrorKind::Interrupted)
                || c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::Interrupted)
        });
        if interrupted {
            show_cursor();
            Failure::new(Exit::Interrupted, "已取消：未登记任何内容").into()
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
    // With no phone number to call, an ordinary letter cannot be confirmed: no clock yet.
    let no_phone = crate::case::letter_cannot_be_confirmed(&reg);
    reg.unreachable |= no_phone;
    let on = a.on.unwrap_or(ctx.today);
    let by = ctx.recorder(a.by.as_deref());
    let force = a.force;
    let new_register = !ctx.db_path.exists();
    ctx.create_store()?;
    let case = ctx.write(|w| Ok(w.register(reg, on, &by, force)?))?;
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
        if no_phone {
            writeln!(
                out,
                "申请人未留联系电话，无法确认收到：按“无法联系申请人”登记，答复期限暂不起算（条例第三十一条）"
            )?;
            writeln!(
                out,
                "联系上申请人后：{}",
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
        if !case.needs_correction.is_empty() {
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
