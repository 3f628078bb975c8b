//! One row of an import file turned into a registration (登记), or into the list of what is wrong
//! with it, each problem naming its column and saying how to fix it.

use chrono::NaiveDate;

use super::columns::{Columns, Field};
use super::read::{Cell, RawRow, excel_serial_date, number_text};
use crate::case::identity::{mask_email, mask_id, mask_phone};
use crate::case::{
    Agent, Applicant, ApplicantType, Channel, IdType, RegField, Registration, check_registration,
    default_id_type,
};
use crate::dates::parse_date_loose;
use crate::text::half_width;

/// A row ready to register.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    /// Line (CSV) or sheet row (workbook).
    pub line: usize,
    /// What to register (`case_no` empty: the register gives it).
    pub registration: Registration,
    /// The registration's business date: 签收日期 (for an ordinary letter, the day it arrived).
    pub on: NaiveDate,
    /// Ordinary letters confirmed after the day they arrived: the day of the confirmation,
    /// recorded as a confirm-receipt step (条例 Art 31).
    pub confirm_on: Option<NaiveDate>,
}

/// One thing wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The column's header as the file writes it (`（整行）` for the row as a whole).
    pub column: String,
    /// What is wrong and how to fix it (Chinese).
    pub message: String,
}

/// Words clerks type into an optional cell to mean "none" (无, /, -, —): read as blank.
const NONE_WORDS: [&str; 7] = ["无", "/", "-", "—", "－", "／", "暂无"];

/// Masks, in a message that quotes what a cell holds, every number long enough to be an ID
/// number or a phone number — 11 or more digits (half- or full-width), with hyphens allowed
/// between them and an ID number's final `X` included — as lists mask them (SPEC.md §7):
/// 15 digits or more keep their first 6 and last 4 characters (`110105********002X`), shorter
/// ones their first 3 and last 4 (`138****5678`, `0571****6666`). Dates (8 digits) and postcodes
/// stay readable. Messages of an import go to the terminal, to cron mail and into the summary;
/// the row, its line and its column are named, and the reject file keeps the full values.
pub fn mask_numbers(text: &str) -> String {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (start, mut end, mut digits) = (i, i, 0);
        let mut j = i;
        while j < chars.len() {
            if digit(chars[j]) {
                digits += 1;
                j += 1;
                end = j;
            } else if matches!(chars[j], '-' | '－') && chars.get(j + 1).is_some_and(|&c| digit(c))
            {
                j += 1;
            } else {
                break;
            }
        }
        if digits >= 14
            && chars
                .get(end)
                .is_some_and(|c| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ'))
        {
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        if digits >= 15 {
            out += &mask_id(&token);
        } else if digits >= 11 {
            out += &mask_phone(&token);
        } else {
            out += &token;
        }
        i = end;
    }
    out
}

/// An e-mail cell quoted in a message, masked (issue 16 #1): a phone or ID number typed into the
/// column as such ([`mask_numbers`]), anything else as lists mask an e-mail address (SPEC.md §7).
fn masked_email(e: &str) -> String {
    let numbers = mask_numbers(e);
    if numbers != e { numbers } else { mask_email(e) }
}

/// The problems with their messages masked ([`mask_numbers`]).
fn masked(mut problems: Vec<Problem>) -> Vec<Problem> {
    for p in &mut problems {
        p.message = mask_numbers(&p.message);
    }
    problems
}

/// Whether a text looks like a number Excel turned into scientific notation (`1.10105E+17`).
fn scientific(s: &str) -> bool {
    let t = s.trim();
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else {
        return false;
    };
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && exp
            .trim_start_matches('+')
            .chars()
            .all(|c| c.is_ascii_digit())
        && !exp.trim_start_matches('+').is_empty()
}

/// The channel names accepted in 申请方式 (blank: 邮寄).
pub fn parse_channel(s: &str) -> Option<Channel> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    if let Some(c) = Channel::ALL
        .into_iter()
        .find(|c| c.name() == lower || c.label() == t)
    {
        return Some(c);
    }
    match t {
        ""
        | "挂号信"
        | "挂号"
        | "EMS"
        | "ems"
        | "快递"
        | "邮政"
        | "邮寄（挂号信）"
        | "邮寄（EMS）"
        | "邮寄（快递）" => Some(Channel::Mail),
        "平信" | "普通信件" | "普通信函" | "平邮" => Some(Channel::Letter),
        "当面" | "现场" | "现场提交" | "当面递交" => Some(Channel::InPerson),
        "网上" | "在线" | "网络平台" | "网上申请" | "依申请公开平台" => {
            Some(Channel::Online)
        }
        "email" | "e-mail" | "电邮" => Some(Channel::Email),
        _ => None,
    }
}

struct RowReader<'a> {
    cols: &'a Columns,
    row: &'a RawRow,
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn cell(&self, f: Field) -> Option<&Cell> {
        self.cols.index(f).and_then(|i| self.row.cells.get(i))
    }

    fn problem(&mut self, f: Field, message: impl Into<String>) {
        self.problems.push(Problem {
            column: self.cols.header_of(f),
            message: message.into(),
        });
    }

    /// Trimmed text of a free-text column, `None` if blank.
    fn text(&mut self, f: Field) -> Option<String> {
        match self.cell(f)? {
            Cell::Invalid(why) => {
                let why = why.clone();
                self.problem(f, format!("{why}：请改为文字"));
                None
            }
            c => Some(c.to_text().trim().to_string()).filter(|s| !s.is_empty()),
        }
    }

    /// Text of an optional column where 无, / and - mean blank.
    fn optional(&mut self, f: Field) -> Option<String> {
        self.text(f).filter(|s| !NONE_WORDS.contains(&s.as_str()))
    }

    /// A number-like column (ID number, tracking number, phone, postcode): half-width, no
    /// spaces, upper-case; a number cell or scientific notation that lost digits is a problem.
    fn code(&mut self, f: Field) -> Option<String> {
        let header = self.cols.header_of(f);
        if let Some(Cell::Number(n)) = self.cell(f) {
            let n = *n;
            if n.fract() != 0.0 || n.abs() >= 1e15 {
                self.problem(
                    f,
                    format!(
                        "单元格是数字格式，Excel 只保留 15 位有效数字，号码已变成 {}，末几位已经丢失：请把“{header}”列设置为“文本”格式，照原件重新录入后再导入",
                        number_text(n)
                    ),
                );
                return None;
            }
        }
        let t = half_width(&self.optional(f)?);
        if scientific(&t) {
            self.problem(
                f,
                format!(
                    "“{t}”是被 Excel 改成科学计数法的数字，末几位已经丢失：请在 Excel/WPS 中把“{header}”列设置为“文本”格式，照原件重新录入后再导入"
                ),
            );
            return None;
        }
        Some(t.split_whitespace().collect::<String>().to_uppercase())
    }

    fn date(&mut self, f: Field, today: NaiveDate) -> Option<NaiveDate> {
        let d = match self.cell(f)? {
            Cell::Empty => return None,
            Cell::Date(d) => *d,
            Cell::Number(n) => {
                let n = *n;
                let as_text = number_text(n);
                if as_text.len() == 8 {
                    match parse_date_loose(&as_text) {
                        Ok(d) => d,
                        Err(m) => {
                            self.problem(f, m);
                            return None;
                        }
                    }
                } else if let Some(d) =
                    excel_serial_date(n, false).filter(|_| (20_000.0..80_000.0).contains(&n))
                {
                    d
                } else {
                    self.problem(f, format!("“{as_text}”不是日期：请填写如 2026-03-02 的日期，或把单元格设置为日期格式"));
                    return None;
                }
            }
            Cell::Invalid(why) => {
                let why = why.clone();
                self.problem(f, format!("{why}：请填写如 2026-03-02 的日期"));
                return None;
            }
            Cell::Text(s) => {
                let s = half_width(s);
                if s.trim().is_empty() {
                    return None;
                }
                match parse_date_loose(&s) {
                    Ok(d) => d,
                    Err(m) => {
                        self.problem(f, m);
                        return None;
                    }
                }
            }
        };
        if d > today {
            self.problem(
                f,
                format!("{d} 晚于今天（{today}）：只能导入已经发生的日期；请核对，如今天的日期不对，用 --today 指定"),
            );
            return None;
        }
        if d < crate::case::REGULATION_IN_FORCE {
            self.problem(
                f,
                format!("{d} 早于《政府信息公开条例》施行之日（2008-05-01）：请核对年份"),
            );
            return None;
        }
        Some(d)
    }
}

/// Turns one row into a registration, or lists everything wrong with it (each with its column
/// header and the fix). `today` bounds the dates.
///
/// Rules (SPEC.md §2, 条例 Art 29, 31): 申请人, 申请人类型, 签收日期 and 申请内容 are required;
/// 申请方式 blank means 邮寄; an ID number's check character must be right (GB 11643 for a
/// resident ID card, GB 32100 for a credit code); 确认日期 is for ordinary letters only, not
/// before the letter arrived. An ordinary letter with no 确认日期 is registered as not yet
/// confirmed (no clock); confirmed the day it arrived, it is registered normally; confirmed
/// later, it is registered unconfirmed and the confirmation recorded on that day.
///
/// # Errors
/// The problems, in column order of the rules above.
pub fn parse_row(
    cols: &Columns,
    row: &RawRow,
    today: NaiveDate,
) -> Result<ParsedRow, Vec<Problem>> {
    let mut r = RowReader {
        cols,
        row,
        problems: Vec::new(),
    };
    for (i, c) in row.cells.iter().enumerate() {
        if !c.is_blank() && cols.fields.get(i).copied().flatten().is_none() {
            let column = cols.header(i);
            let extra = i >= cols.headers.len();
            r.problems.push(Problem {
                column,
                message: if extra {
                    format!(
                        "本行比表头多出单元格（“{}”）：内容中如有逗号，整格须用英文双引号括起来；或删去多余的单元格",
                        c.to_text().trim()
                    )
                } else {
                    "这一列没有表头，但本行在此有内容：请补上表头或删去内容".to_string()
                },
            });
        }
    }
    let name = r
        .text(Field::Applicant)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    if name.is_none() {
        r.problem(
            Field::Applicant,
            "申请人姓名或名称不能为空（条例第二十九条）",
        );
    }
    let applicant_type = match r.text(Field::ApplicantType) {
        None => {
            r.problem(
                Field::ApplicantType,
                "申请人类型不能为空：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一",
            );
            None
        }
        Some(t) => {
            let t = half_width(&t);
            let a =
                ApplicantType::parse(&t).or_else(|| ApplicantType::parse(&t.to_ascii_lowercase()));
            if a.is_none() {
                r.problem(
                    Field::ApplicantType,
                    format!("“{t}”不是申请人类型：应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一（年度报告表三的分栏）"),
                );
            }
            a
        }
    };
    let on = r.date(Field::ReceivedOn, today);
    if on.is_none() && r.cell(Field::ReceivedOn).is_none_or(Cell::is_blank) {
        r.problem(
            Field::ReceivedOn,
            "签收日期不能为空：填写本机关签收来信的日期，如 2026-03-02",
        );
    }
    let content = r.text(Field::Content);
    if content.is_none() {
        r.problem(
            Field::Content,
            "申请内容不能为空：应写明所需政府信息的名称、文号或便于查询的特征性描述（条例第二十九条）",
        );
    }
    let channel = match r.text(Field::Channel) {
        None => Some(Channel::Mail),
        Some(t) => {
            let c = parse_channel(&t);
            if c.is_none() {
                r.problem(
                    Field::Channel,
                    format!("“{t}”不是申请方式：应为 邮寄（挂号信、EMS、快递）、平常信函、当面提交、网络、电子邮件、传真 之一；留空即为邮寄"),
                );
            }
            c
        }
    };
    let id_type_given = match r.optional(Field::IdType) {
        None => None,
        Some(t) => {
            let k = IdType::parse(&t);
            if k.is_none() {
                r.problem(
                    Field::IdType,
                    format!("“{t}”不是证件类型：应为 居民身份证、统一社会信用代码、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证、其他证件 之一"),
                );
            }
            k
        }
    };
    let id_number = r.code(Field::IdNumber);
    let phone = r.code(Field::Phone);
    let email = r.optional(Field::Email).map(|s| half_width(&s));
    if let Some(e) = &email
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        r.problem(
            Field::Email,
            // Masked as lists mask it (issue 16 #1): an error goes to the terminal and to mail.
            format!(
                "“{}”不是电子邮箱地址（应形如 name@example.com）",
                masked_email(e)
            ),
        );
    }
    let address = r.optional(Field::Address);
    let postcode = r.code(Field::Postcode).map(|p| {
        if p.len() == 5 && p.bytes().all(|b| b.is_ascii_digit()) {
            format!("0{p}")
        } else {
            p
        }
    });
    if let Some(p) = &postcode
        && !(p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        r.problem(Field::Postcode, format!("邮政编码“{p}”应为6位数字"));
    }
    let agent_name = r.optional(Field::Agent);
    let agent_id = r.code(Field::AgentId);
    let agent_phone = r.code(Field::AgentPhone);
    if agent_name.is_none() && (agent_id.is_some() || agent_phone.is_some()) {
        r.problem(
            Field::Agent,
            "填写了代理人的证件号码或电话，但没有代理人姓名",
        );
    }
    let tracking_no = r.code(Field::TrackingNo);
    let form = r.optional(Field::Form);
    let delivery = r.optional(Field::Delivery);
    let note = r.text(Field::Note);
    let confirmed = r.date(Field::ConfirmedOn, today);
    if let (Some(_), Some(ch)) = (confirmed, channel)
        && ch != Channel::Letter
    {
        r.problem(
            Field::ConfirmedOn,
            format!(
                "确认日期只用于平常信函，本行的申请方式是“{}”：请删去确认日期，或改正申请方式",
                ch.label()
            ),
        );
    }
    if let (Some(c), Some(d)) = (confirmed, on)
        && c < d
    {
        r.problem(
            Field::ConfirmedOn,
            format!("确认日期 {c} 早于信件到达的日期 {d}：请核对"),
        );
    }
    // The registration's own checks (条例 Art 29) run on every row, also one missing required
    // cells (placeholders stand in for them and raise nothing), so that every problem of a row
    // is listed in one run.
    let id_type = id_type_given
        .or_else(|| Some(default_id_type(applicant_type?)).filter(|_| id_number.is_some()));
    let probe_channel = channel.unwrap_or(Channel::Mail);
    let registration = Registration {
        case_no: String::new(),
        kind: Default::default(),
        channel: probe_channel,
        unreachable: crate::case::registration::letter_unconfirmed_on_arrival(
            probe_channel,
            on.unwrap_or(today),
            confirmed,
        ),
        applicant_type: applicant_type.unwrap_or(ApplicantType::Natural),
        applicant: Applicant {
            name: name.clone().unwrap_or_else(|| PLACEHOLDER.to_string()),
            id_type,
            // Without the applicant's type the number cannot be checked (its kind follows it).
            id_number: id_number.filter(|_| applicant_type.is_some()),
            phone,
            email,
            address,
            postcode,
        },
        agent: agent_name.map(|name| Agent {
            name,
            id_number: agent_id,
            phone: agent_phone,
        }),
        content: content.clone().unwrap_or_else(|| PLACEHOLDER.to_string()),
        form,
        delivery,
        tracking_no,
        note,
    };
    registration_problems(&mut r, &registration, applicant_type, id_type_given);
    let (Some(_), Some(applicant_type), Some(on), Some(_), Some(channel)) =
        (name, applicant_type, on, content, channel)
    else {
        return Err(masked(r.problems));
    };
    if !r.problems.is_empty() {
        return Err(masked(r.problems));
    }
    debug_assert_eq!(registration.applicant_type, applicant_type);
    Ok(ParsedRow {
        line: row.line,
        on,
        confirm_on: confirmed.filter(|c| channel == Channel::Letter && *c > on),
        registration,
    })
}

/// Stands in for a missing required cell while the rest of the row is checked (the missing
/// cell is itself a problem already listed).
const PLACEHOLDER: &str = "—";

/// Every refusal of the registration's own checks ([`check_registration`], 条例 Art 29), each
/// under the column of the field it names: the check stops at the first refusal, so the field
/// refused is blanked in a copy and the check run again until it passes (at most once per
/// field). The e-mail address was checked already, with its column. A phone is quoted as typed
/// (not as normalised for storage), and every message is masked afterwards ([`masked`]).
fn registration_problems(
    r: &mut RowReader<'_>,
    registration: &Registration,
    applicant_type: Option<ApplicantType>,
    id_type_given: Option<IdType>,
) {
    let mut probe = registration.clone();
    probe.applicant.email = None;
    // One more round than there are fields: each round blanks the field it refused.
    for _ in 0..=15 {
        let Err(refusal) = check_registration(&probe) else {
            return;
        };
        let Some(field) = refusal.field else {
            r.problems.push(Problem {
                column: "（整行）".to_string(),
                message: refusal.message,
            });
            return;
        };
        let mut message = refusal.message;
        let column = match field {
            RegField::ApplicantName => {
                probe.applicant.name = PLACEHOLDER.to_string();
                Field::Applicant
            }
            RegField::IdNumber => {
                probe.applicant.id_number = None;
                if let (None, Some(t)) = (id_type_given, applicant_type) {
                    message += &format!(
                        "（按申请人类型“{}”视为{}；如果是其他证件，请在“证件类型”列注明，如 护照）",
                        t.label(),
                        default_id_type(t).label()
                    );
                }
                Field::IdNumber
            }
            RegField::Phone => {
                probe.applicant.phone = None;
                message = typed_phone_problem(r, Field::Phone, "联系电话").unwrap_or(message);
                Field::Phone
            }
            RegField::Email => {
                probe.applicant.email = None;
                Field::Email
            }
            RegField::Address => {
                probe.applicant.address = None;
                Field::Address
            }
            RegField::Postcode => {
                probe.applicant.postcode = None;
                Field::Postcode
            }
            RegField::TrackingNo => {
                probe.tracking_no = None;
                Field::TrackingNo
            }
            RegField::Agent => {
                if let Some(a) = probe.agent.as_mut() {
                    a.name = PLACEHOLDER.to_string();
                }
                Field::Agent
            }
            RegField::AgentIdNumber => {
                if let Some(a) = probe.agent.as_mut() {
                    a.id_number = None;
                }
                Field::AgentId
            }
            RegField::AgentPhone => {
                if let Some(a) = probe.agent.as_mut() {
                    a.phone = None;
                }
                message =
                    typed_phone_problem(r, Field::AgentPhone, "代理人电话").unwrap_or(message);
                Field::AgentPhone
            }
            RegField::Content => {
                probe.content = PLACEHOLDER.to_string();
                Field::Content
            }
            RegField::Form => {
                probe.form = None;
                Field::Form
            }
            RegField::Delivery => {
                probe.delivery = None;
                Field::Delivery
            }
            RegField::Note => {
                probe.note = None;
                Field::Note
            }
            RegField::Unreachable => {
                probe.unreachable = false;
                Field::ConfirmedOn
            }
        };
        r.problem(column, message);
    }
}

/// The phone problem ([`crate::case::registration::phone_problem`]) of a phone cell quoted as
/// the clerk typed it (half-width, trimmed), not as normalised for storage (upper case, no
/// spaces).
fn typed_phone_problem(r: &RowReader<'_>, f: Field, what: &str) -> Option<String> {
    let typed = half_width(&r.cell(f)?.to_text());
    crate::case::registration::phone_problem(&typed).map(|m| format!("{what}{m}"))
}

#[cfg(test)]
mod tests;
