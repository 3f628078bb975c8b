//! The questions `register` asks on a terminal for what the flags left out, each answer checked
//! as it is typed, and the summary shown before anything is written (issue 13); without a
//! terminal, the error naming the missing flag.

use chrono::NaiveDate;

use super::{ApplicantTypeArg, Args, ChannelArg, IdTypeArg};
use crate::case::identity;
use crate::case::registration::max_chars;
use crate::case::{ApplicantType, Channel, IdType};
use crate::context::Ctx;
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};

fn missing(flag: &str, what: &str) -> anyhow::Error {
    Failure::new(Exit::Usage, format!("缺少{what}：请用 {flag} 给出"))
        .hint("在终端上直接运行 disclose register 会逐项询问")
        .into()
}

use crate::commands::prompt::{ask, check_required, confirm, select};

/// An answer longer than its field's limit ([`crate::case::registration::max_chars`]), refused
/// as typed with its length and the limit, as registration by flags refuses it.
fn within(s: &str, max: usize) -> Result<(), String> {
    let n = s.chars().count();
    if n > max {
        Err(format!(
            "有 {n} 个字，过长（最多 {max} 个字）：请检查是否粘贴了别的内容"
        ))
    } else {
        Ok(())
    }
}

/// Asks a required question `label` until answered ([`check_required`] on `what`), at most
/// `max` characters.
fn prompt_text(label: &str, what: &str, is_name: bool, max: usize) -> anyhow::Result<String> {
    ask(label, None, |s| {
        check_required(what, s, is_name)?;
        within(s, max)
    })
}

/// Asks an optional question of at most `max` characters: `None` when left blank.
fn prompt_optional(
    label: &str,
    max: usize,
    check: impl Fn(&str) -> Result<(), String>,
) -> anyhow::Result<Option<String>> {
    let s = ask(&format!("{label}（可留空）"), None, |s| {
        if s.trim().is_empty() {
            Ok(())
        } else {
            within(s, max)?;
            check(s)
        }
    })?;
    Ok(crate::commands::text(&Some(s)))
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
pub(super) fn complete(ctx: &Ctx, a: &mut Args) -> anyhow::Result<()> {
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
    crate::commands::prompt::cancel_on_interrupt();
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
        a.tracking_no = prompt_optional(
            "邮件号（挂号信、EMS、快递单号）",
            max_chars::TRACKING_NO,
            |_| Ok(()),
        )?;
    }
    if a.applicant.is_none() {
        a.applicant = Some(prompt_text(
            "申请人姓名或名称",
            "申请人姓名或名称",
            true,
            max_chars::NAME,
        )?);
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
            a.id_number = prompt_optional(
                &format!("{}号码", kind.label()),
                max_chars::ID_NUMBER,
                |s| {
                    let s = crate::text::half_width(s);
                    match kind {
                        IdType::IdCard => identity::check_resident_id(s.trim()),
                        IdType::CreditCode => identity::check_credit_code(s.trim()),
                        _ => Ok(()),
                    }
                },
            )?;
        }
    }
    if a.phone.is_none() {
        // Checked as typed, like the date and the ID number (the same rule as at registration).
        a.phone =
            prompt_optional(
                "联系电话",
                max_chars::PHONE,
                |s| match crate::case::phone_problem(&crate::text::half_width(s)) {
                    Some(m) => Err(m),
                    None => Ok(()),
                },
            )?;
    }
    if a.email.is_none() {
        a.email = prompt_optional("电子邮箱", max_chars::EMAIL, |s| {
            let s = s.trim();
            if s.contains('@') && !s.contains(char::is_whitespace) {
                Ok(())
            } else {
                Err(format!("“{s}”不是电子邮箱地址（应形如 name@example.com）"))
            }
        })?;
    }
    if a.address.is_none() {
        a.address = prompt_optional("通信地址", max_chars::ADDRESS, |_| Ok(()))?;
    }
    if a.content.is_none() {
        a.content = Some(prompt_text(
            "申请内容（所需信息的名称、文号或特征性描述）",
            "申请内容",
            false,
            max_chars::CONTENT,
        )?);
    }
    let term = dialoguer::console::Term::stderr();
    term.write_line("将登记：")?;
    for line in summary(a, today) {
        term.write_line(&format!("  {}", crate::output::terminal_safe(&line)))?;
    }
    if !confirm("确认登记？", true)? {
        return Err(Failure::new(Exit::Interrupted, crate::commands::prompt::CANCELLED).into());
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
        if let Some(x) = crate::commands::text(value) {
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
    match crate::commands::text(&a.id_number) {
        Some(id) => v.push(format!("{id_label}：{}", crate::text::half_width(&id))),
        None => v.push("身份证明：未提供（需补正）".to_string()),
    }
    if let Some(p) = crate::commands::text(&a.phone) {
        v.push(format!("联系电话：{}", crate::text::half_width(&p)));
    }
    let mut item = |label: &str, value: &Option<String>| {
        if let Some(x) = crate::commands::text(value) {
            v.push(format!("{label}：{x}"));
        }
    };
    item("电子邮箱", &a.email);
    item("通信地址", &a.address);
    item("代理人", &a.agent);
    item("申请内容", &a.content);
    v
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

    /// An answer at a prompt is held to the same limit as the flag (申请内容 5,000 characters).
    #[test]
    fn an_answer_beyond_its_fields_limit_is_refused_as_typed() {
        assert_eq!(within(&"规".repeat(5_000), max_chars::CONTENT), Ok(()));
        assert_eq!(
            within(&"规".repeat(5_001), max_chars::CONTENT),
            Err("有 5001 个字，过长（最多 5000 个字）：请检查是否粘贴了别的内容".to_string())
        );
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
}
