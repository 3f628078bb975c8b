//! `disclose letter` and `disclose letters pending`: the letters (文书) of a request, made from
//! the register and recorded as issued (SPEC §9).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::case::{Case, LetterIssue, Step};
use crate::context::{Ctx, Format};
use crate::error::{Exit, Failure};
use crate::letters::from_case::{Target, called_for, facts_for};
use crate::letters::{Issue, LetterFacts, LetterFormat, LetterKind, RenderedLetter};
use crate::report::export::sha256_hex;

/// Arguments of `letter`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 案件编号（如 2026-0001）
    #[arg(value_name = "CASE", value_parser = super::parse_case_arg)]
    case: String,
    /// 文书种类（英文或中文名：receipt 登记回执、correction 补正告知书、consultation 征求意见书、consultation-notice 征求意见告知书、agency-consultation 征求意见函、disclosure-notice 公开告知书、extension 延期答复告知书、reasons 说明理由告知书、fee 缴费通知书、reply 答复书、closing 终止处理告知书、record-correction 更正答复书、service 送达回证）；不写则列出已出具和待出具的文书
    #[arg(value_name = "KIND")]
    kind: Option<String>,
    /// 第三方名称（征求意见书、公开告知书）
    #[arg(long, value_name = "NAME")]
    party: Option<String>,
    /// 机关名称（征求意见函）
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// 送达回证所送达的文书种类
    #[arg(long, value_name = "KIND")]
    letter: Option<String>,
    /// 输出文件（默认：当前文件夹下以案件编号和文书名命名，不覆盖已有文件）
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// 事实已更正、内容改变后重新出具（取新文号），须同时写明 --reason
    #[arg(long, requires = "reason")]
    reissue: bool,
    /// 重新出具的原因
    #[arg(long, value_name = "TEXT", requires = "reissue")]
    reason: Option<String>,
}

/// 文书批量处理
#[derive(Debug, clap::Subcommand)]
pub enum LettersCmd {
    /// 列出所有未结申请已记录的步骤需要而尚未出具的文书，并全部生成（每天早上的打印）
    Pending(PendingArgs),
}

/// Arguments of `letters pending`.
#[derive(Debug, clap::Args)]
pub struct PendingArgs {
    /// 文书写入的文件夹（默认当前文件夹）
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// The file format of letters from the global `--format` (docx unless md).
fn letter_format(letter_format: Option<LetterFormat>) -> LetterFormat {
    letter_format.unwrap_or_default()
}

fn parse_kind(s: &str) -> anyhow::Result<LetterKind> {
    s.parse::<LetterKind>()
        .map_err(|e| Failure::new(Exit::Usage, e.to_string()).into())
}

/// Runs `letter`.
///
/// # Errors
/// Refused (1) for a letter whose step is not recorded or a changed letter without
/// `--reissue`; 4 for a config key needed and not set or a template error; an existing file.
pub fn run(ctx: &mut Ctx, a: Args, lf: Option<LetterFormat>) -> anyhow::Result<Exit> {
    let format = letter_format(lf);
    let case_no = ctx.case_no(&a.case)?;
    let case = ctx.store()?.case(&case_no)?;
    let Some(kind) = a.kind.as_deref() else {
        return list(ctx, &case);
    };
    let kind = parse_kind(kind)?;
    let mut target = Target {
        party: super::text(&a.party),
        agency: super::text(&a.agency),
        service_of: None,
    };
    if kind == LetterKind::Service {
        let Some(of) = a.letter.as_deref() else {
            return Err(Failure::new(Exit::Usage, "送达回证须用 --letter 指明所送达的文书").into());
        };
        let of = parse_kind(of)?;
        let issued = case
            .letters
            .iter()
            .rev()
            .find(|l| l.issue.letter == of.name() && l.issue.number.is_some())
            .ok_or_else(|| {
                Failure::new(
                    Exit::Refused,
                    format!(
                        "{} 尚未出具{}，不能制作其送达回证",
                        case.case_no,
                        of.short_title()
                    ),
                )
                .hint(format!("disclose letter {} {}", case.case_no, of.name()))
            })?;
        target.service_of = Some((of, issued.issue.number.clone().unwrap_or_default()));
    }
    let out = match &a.out {
        Some(p) => p.clone(),
        None => PathBuf::from(kind.file_name(&case.case_no, format.extension())),
    };
    let reissue = a.reissue.then(|| a.reason.clone().unwrap_or_default());
    let done = issue(ctx, &case, kind, &target, format, &out, reissue)?;
    println!("{}", crate::output::terminal_safe(&done));
    Ok(Exit::Ok)
}

/// The party or agency a letter of `kind` names, as recorded with the issue.
fn party_of(kind: LetterKind, t: &Target) -> Option<String> {
    match kind {
        LetterKind::Consultation | LetterKind::DisclosureNotice => t.party.clone(),
        LetterKind::AgencyConsultation => t.agency.clone(),
        LetterKind::Service => t.service_of.as_ref().map(|(k, _)| k.name().to_string()),
        _ => None,
    }
}

fn facts(ctx: &Ctx, case: &Case, kind: LetterKind, t: &Target) -> anyhow::Result<LetterFacts> {
    facts_for(kind, case, &ctx.calendar, t).map_err(|e| {
        let mut f = Failure::new(Exit::Refused, e.why.clone());
        // Hint the step the letter needs when the rules accept it now; otherwise (a reply
        // without an approved draft, a correction notice for a letter not yet confirmed, …)
        // the steps they do accept, so that every hinted command is accepted.
        let now = crate::case::next_steps(case, &ctx.calendar, ctx.today);
        match e.step {
            Some(step) if crate::case::accepts(case, &ctx.calendar, ctx.today, step) => {
                f = f.hint(format!(
                    "请先记录这一步：{}",
                    super::step_command(step, &case.case_no)
                ));
            }
            Some(step) => {
                f = f.hint(format!(
                    "这封文书要在“{}”记录之后才能出具；现在可以进行的步骤：",
                    step.label()
                ));
                for k in now {
                    f = f.hint(format!(
                        "  {}：{}",
                        k.label(),
                        super::step_command(k, &case.case_no)
                    ));
                }
            }
            None => {}
        }
        f.into()
    })
}

/// Makes the letter, records it as issued (a new number) unless the same letter was issued
/// before, and writes the file `out` (never over an existing file). Returns what to say.
fn issue(
    ctx: &mut Ctx,
    case: &Case,
    kind: LetterKind,
    target: &Target,
    format: LetterFormat,
    out: &Path,
    reissue: Option<String>,
) -> anyhow::Result<String> {
    let as_of = letter_case(ctx, case, kind, target)?;
    let facts = facts(ctx, &as_of, kind, target)?;
    let config = ctx.config.letter_config();
    let party = party_of(kind, target);
    if out.exists() {
        return Err(Failure::new(
            Exit::Refused,
            format!("文件 {} 已经存在，不覆盖", out.display()),
        )
        .hint("用 --out 指定另一个文件名（或先移走原文件）")
        .into());
    }
    let prev = case
        .letters
        .iter()
        .rev()
        .find(|l| l.issue.letter == kind.name() && l.issue.party == party);
    if let Some(p) = prev {
        let prev_format = LetterFormat::of_extension(&p.issue.format);
        let at = Issue {
            date: letter_date(kind, case, target, p.issued_on),
            seq: p.issue.seq,
        };
        let again = crate::letters::render(&facts, &at, &config, prev_format)?;
        let same = sha256_hex(&again.bytes) == p.issue.sha256;
        match (same, &reissue) {
            (true, None) => {
                let r = crate::letters::render(&facts, &at, &config, format)?;
                write_new(out, &r.bytes)?;
                return Ok(format!(
                    "{}已于 {} 出具{}，内容未变，沿用原文号；已写入 {}",
                    kind.short_title(),
                    p.issued_on,
                    number_note(p),
                    out.display()
                ));
            }
            (true, Some(_)) => {
                return Err(Failure::new(
                    Exit::Refused,
                    format!(
                        "{}内容与 {} 出具的相同，无须重新出具",
                        kind.short_title(),
                        p.issued_on
                    ),
                )
                .hint(format!(
                    "去掉 --reissue，即按原文号再生成：disclose letter {} {}",
                    case.case_no,
                    kind.name()
                ))
                .into());
            }
            (false, None) => {
                return Err(Failure::new(
                    Exit::Refused,
                    format!(
                        "{}已于 {} 出具{}，此后记录的事实有更正，内容已经改变",
                        kind.short_title(),
                        p.issued_on,
                        number_note(p)
                    ),
                )
                .hint(format!(
                    "重新出具（取新文号）：disclose letter {} {} --reissue --reason \"原因\"",
                    case.case_no,
                    kind.name()
                ))
                .into());
            }
            (false, Some(_)) => {}
        }
    }
    let today = ctx.today;
    let dated = letter_date(kind, case, target, today);
    let by = ctx.recorder(None);
    let case_no = case.case_no.clone();
    let number = ctx.write(|w| {
        use chrono::Datelike;
        // Numbered in the year of the letter's date (its step's day).
        let year = dated.year();
        let seq = kind
            .numbered()
            .then(|| w.last_letter_seq(year).map(|s| s + 1))
            .transpose()?;
        let r: RenderedLetter =
            crate::letters::render(&facts, &Issue { date: dated, seq }, &config, format)?;
        let step = Step::LetterIssued(Box::new(LetterIssue {
            letter: kind.name().to_string(),
            party: party.clone(),
            number: r.number.clone(),
            year,
            seq,
            format: format.extension().to_string(),
            sha256: sha256_hex(&r.bytes),
            reissue_reason: reissue.clone(),
        }));
        w.record(
            &case_no,
            crate::case::Event {
                on: today,
                by: by.clone(),
                step,
            },
        )?;
        write_new(out, &r.bytes)?;
        Ok(r.number)
    })?;
    Ok(match number {
        Some(n) => format!(
            "已出具{}，文号 {n}；已写入 {}",
            kind.short_title(),
            out.display()
        ),
        None => format!("已出具{}；已写入 {}", kind.short_title(), out.display()),
    })
}

/// `（文号 N）` of a letter issued with a number, nothing for one without (送达回证).
fn number_note(l: &crate::case::IssuedLetter) -> String {
    l.issue
        .number
        .as_deref()
        .map(|n| format!("（文号 {n}）"))
        .unwrap_or_default()
}

/// `name` with every path separator (`/`, `\`) made `_`, so that a party's name cannot lead a
/// letter's file out of its folder.
fn safe_file_name(name: String) -> String {
    name.chars()
        .map(|c| if matches!(c, '/' | '\\') { '_' } else { c })
        .collect()
}

/// Writes a new file; refuses an existing one.
fn write_new(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(|e| {
            Failure::new(
                Exit::Refused,
                format!(
                    "无法写入文件 {}：{}",
                    out.display(),
                    crate::error::io_cn(&e)
                ),
            )
            .hint("用 --out 指定另一个文件名")
        })?;
    f.write_all(bytes)?;
    Ok(())
}

/// The letters a request called for and not yet issued.
fn pending_of(case: &Case) -> Vec<(LetterKind, Option<String>)> {
    called_for(case)
        .into_iter()
        .filter(|(k, p)| {
            !case
                .letters
                .iter()
                .any(|l| l.issue.letter == k.name() && l.issue.party == *p)
        })
        .collect()
}

fn target_for(kind: LetterKind, party: &Option<String>) -> Target {
    match kind {
        LetterKind::AgencyConsultation => Target {
            agency: party.clone(),
            ..Target::default()
        },
        _ => Target {
            party: party.clone(),
            ..Target::default()
        },
    }
}

fn list(ctx: &mut Ctx, case: &Case) -> anyhow::Result<Exit> {
    let pending = pending_of(case);
    let mut out = std::io::stdout().lock();
    if ctx.format == Format::Json {
        let v = serde_json::json!({
            "case_no": case.case_no,
            "issued": case.letters.iter().map(|l| serde_json::json!({
                "kind": l.issue.letter, "party": l.issue.party, "number": l.issue.number,
                "issued_on": l.issued_on, "sha256": l.issue.sha256,
            })).collect::<Vec<_>>(),
            "pending": pending.iter().map(|(k, p)| serde_json::json!({
                "kind": k.name(), "party": p,
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", crate::output::json(&v)?)?;
        return Ok(Exit::Ok);
    }
    writeln!(out, "{} 的文书", case.case_no)?;
    writeln!(out, "已出具：")?;
    if case.letters.is_empty() {
        writeln!(out, "  （无）")?;
    }
    for l in &case.letters {
        let title = l
            .issue
            .letter
            .parse::<LetterKind>()
            .map(|k| k.short_title())
            .unwrap_or("文书");
        let line = format!(
            "  {} {}{} {}",
            l.issued_on,
            title,
            l.issue
                .party
                .as_deref()
                .map(|p| format!("（{p}）"))
                .unwrap_or_default(),
            l.issue.number.as_deref().unwrap_or("（无文号）")
        );
        writeln!(out, "{}", crate::output::terminal_safe(&line))?;
    }
    writeln!(out, "待出具：")?;
    if pending.is_empty() {
        writeln!(out, "  （无）")?;
    }
    for (k, p) in &pending {
        let flag = match (k, p) {
            (LetterKind::AgencyConsultation, Some(p)) => format!(" --agency {p}"),
            (_, Some(p)) => format!(" --party {p}"),
            _ => String::new(),
        };
        let line = format!(
            "  {}：disclose letter {} {}{flag}",
            k.short_title(),
            case.case_no,
            k.name()
        );
        writeln!(out, "{}", crate::output::terminal_safe(&line))?;
    }
    Ok(Exit::Ok)
}

/// One letter issued, made again for the export of the file for an appeal.
#[derive(Debug, Clone)]
pub struct Reproduced {
    /// The file name in the export's `letters/`.
    pub name: String,
    /// The letter's title (登记回执 …).
    pub title: String,
    /// Its number (文号), when the kind is numbered.
    pub number: Option<String>,
    /// The day it was issued.
    pub issued_on: chrono::NaiveDate,
    /// The SHA-256 recorded when it was issued.
    pub sha256: String,
    /// Whether it carries the applicant's personal data (name, ID number, phone, address): a
    /// letter to the applicant, or the 送达回证 of one. The letters to a third party or another
    /// agency carry none (SPEC §9).
    pub personal: bool,
    /// The bytes when they are exactly those issued (the same SHA-256), or why not: the facts
    /// were amended or the templates changed since.
    pub made: Result<Vec<u8>, String>,
}

/// The letters issued for `case` (whose stored events are `events`) made again, for the export
/// of the file for an appeal, in the order issued.
pub fn reproduce(ctx: &Ctx, case: &Case, events: &[crate::case::Event]) -> Vec<Reproduced> {
    let config = ctx.config.letter_config();
    let mut out = Vec::new();
    for (i, l) in case.letters.iter().enumerate() {
        let Ok(kind) = l.issue.letter.parse::<LetterKind>() else {
            continue;
        };
        let mut target = target_for(kind, &l.issue.party);
        let mut personal = kind.to_applicant();
        if kind == LetterKind::Service {
            let of = l
                .issue
                .party
                .as_deref()
                .and_then(|p| p.parse::<LetterKind>().ok());
            personal = of.is_none_or(LetterKind::to_applicant);
            let number = of.and_then(|of| {
                case.letters[..i]
                    .iter()
                    .rev()
                    .find(|x| x.issue.letter == of.name())
                    .and_then(|x| x.issue.number.clone())
            });
            target = Target {
                service_of: of.zip(number),
                ..Target::default()
            };
        }
        let format = LetterFormat::of_extension(&l.issue.format);
        let name = safe_file_name(format!(
            "{}-{}{}-{}.{}",
            case.case_no,
            kind.short_title(),
            l.issue
                .party
                .as_deref()
                .map(|p| format!("-{p}"))
                .unwrap_or_default(),
            l.issue
                .seq
                .map(|s| format!("{}-{s}", l.issue.year))
                .unwrap_or_else(|| l.issued_on.to_string()),
            format.extension()
        ));
        let as_of = as_of_letter(kind, case, &target, events);
        let made = facts_for(kind, &as_of, &ctx.calendar, &target)
            .map_err(|e| e.why)
            .and_then(|f| {
                crate::letters::render(
                    &f,
                    &Issue {
                        date: letter_date(kind, case, &target, l.issued_on),
                        seq: l.issue.seq,
                    },
                    &config,
                    format,
                )
                .map_err(|e| e.to_string())
            })
            .and_then(|r| {
                if sha256_hex(&r.bytes) == l.issue.sha256 {
                    Ok(r.bytes)
                } else {
                    Err(
                        "出具后记录的事实或文书模板有变化，无法重现原件（SHA-256 见 case.json）"
                            .into(),
                    )
                }
            });
        out.push(Reproduced {
            name,
            title: kind.short_title().to_string(),
            number: l.issue.number.clone(),
            issued_on: l.issued_on,
            sha256: l.issue.sha256.clone(),
            personal,
            made,
        });
    }
    out
}

/// The request a letter of `kind` is made from: as it stood on the letter's date, for the
/// 延期答复告知书 (条例 Art 33 ¶2), which states the due date known that day — a reasonable later
/// deadline set afterwards (条例 Art 35), or a pause begun after it, is not the letter's fact, and
/// a letter issued before such a step is still the same letter. Every other kind is made from the
/// request as it stands (its facts do not move with later steps).
fn letter_case(
    ctx: &mut Ctx,
    case: &Case,
    kind: LetterKind,
    target: &Target,
) -> anyhow::Result<Case> {
    if kind != LetterKind::Extension {
        return Ok(case.clone());
    }
    let events: Vec<crate::case::Event> = ctx
        .store()?
        .events(&case.case_no)?
        .into_iter()
        .map(|e| e.event)
        .collect();
    Ok(as_of_letter(kind, case, target, &events))
}

/// [`letter_case`] from the request's stored `events`: the effective events (amendments
/// applied) of the letter's date or earlier, folded; the request as it stands when that does
/// not hold the same extension (or for any other kind).
fn as_of_letter(
    kind: LetterKind,
    case: &Case,
    target: &Target,
    events: &[crate::case::Event],
) -> Case {
    if kind != LetterKind::Extension {
        return case.clone();
    }
    let Some(on) = crate::letters::from_case::dated_on(kind, case, target) else {
        return case.clone();
    };
    match crate::case::replay_as_of(events, on) {
        Ok(Some(c)) if c.extension_in_force() == case.extension_in_force() => c,
        _ => case.clone(),
    }
}

/// Runs `letters pending`: every letter the recorded steps of the requests not archived call
/// for and that was not issued yet, made and recorded one by one (a letter that cannot be made
/// is reported and the others still made).
///
/// # Errors
/// The register's errors; exit 1 when some letter could not be made.
pub fn run_letters(ctx: &mut Ctx, c: LettersCmd, lf: Option<LetterFormat>) -> anyhow::Result<Exit> {
    let LettersCmd::Pending(a) = c;
    let format = letter_format(lf);
    let dir = a.out.unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return Err(Failure::new(
            Exit::Database,
            format!("文件夹 {} 不存在，未生成任何文书", dir.display()),
        )
        .hint(format!("先建好文件夹：mkdir -p {}", dir.display()))
        .into());
    }
    // A letter needs the agency's settings: a missing key stops the whole run once (exit 4),
    // not once a letter.
    ctx.config.letter_config().validate()?;
    for key in crate::letters::ConfigKey::ALL {
        ctx.config.letter_config().require(key)?;
    }
    let mut cases = Vec::new();
    ctx.store()?
        .for_each_matching(&crate::store::CaseFilter::default(), |c| {
            if c.state != crate::case::State::Archived {
                cases.push(c);
            }
            Ok(())
        })?;
    let (mut made, mut failed) = (0, 0);
    for case in cases {
        for (kind, party) in pending_of(&case) {
            let target = target_for(kind, &party);
            let name = match &party {
                Some(p) => format!(
                    "{}-{}-{}.{}",
                    case.case_no,
                    kind.short_title(),
                    p,
                    format.extension()
                ),
                None => kind.file_name(&case.case_no, format.extension()),
            };
            let name = safe_file_name(name);
            let current = ctx.store()?.case(&case.case_no)?;
            match issue(ctx, &current, kind, &target, format, &dir.join(name), None) {
                Ok(msg) => {
                    made += 1;
                    println!("{}：{}", case.case_no, crate::output::terminal_safe(&msg));
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{}：{}", case.case_no, crate::error::message_of(&e));
                }
            }
        }
    }
    println!(
        "共生成 {made} 份文书{}",
        if failed > 0 {
            format!("，{failed} 份未能生成")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 { Exit::Refused } else { Exit::Ok })
}

/// The date a letter bears: its step's day ([`crate::letters::from_case::dated_on`]), else the
/// day it is issued.
fn letter_date(
    kind: crate::letters::LetterKind,
    case: &crate::case::Case,
    target: &crate::letters::from_case::Target,
    issued_on: chrono::NaiveDate,
) -> chrono::NaiveDate {
    crate::letters::from_case::dated_on(kind, case, target).unwrap_or(issued_on)
}
