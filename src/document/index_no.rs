//! 索引号: one per published document, in the agency's format, unique and never reused (SPEC §10;
//! examples `11150000MB1604391C/2025-03582`, `000014349/2017-00110`).
//!
//! The format (`index_no_format`) is text with placeholders: `{credit_code}` (the agency's 统一社会
//! 信用代码 or organisation code), `{year}` (the publication year, four digits), `{seq}` (the
//! serial within the year, optionally zero-padded: `{seq:05}`). `{seq}` is required (without it
//! two documents of a year would share a number); `{{` and `}}` are literal braces.

/// The largest zero-padding width accepted in `{seq:0N}`.
pub const MAX_SEQ_WIDTH: usize = 12;

/// A bad `index_no_format`, or a bad credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexFormatError {
    /// A `{name}` the format does not know.
    #[error(
        "索引号格式中有未知的占位符“{{{0}}}”；可用：{{credit_code}}、{{year}}、{{seq}}、{{seq:05}}"
    )]
    UnknownPlaceholder(String),
    /// `{seq:…}` with a width that is not `0N`, N from 1 to 12.
    #[error("索引号格式中序号宽度“{0}”无效：应为 {{seq:0N}}，N 为 1 至 12")]
    BadWidth(String),
    /// An unclosed `{` or a lone `}`.
    #[error("索引号格式中的花括号不配对：{0}")]
    Unbalanced(String),
    /// No `{seq}`.
    #[error("索引号格式必须包含序号 {{seq}}，否则同一年的文件会得到相同的索引号")]
    NoSeq,
    /// The format contains whitespace or control characters.
    #[error("索引号格式不能包含空白或控制字符")]
    Whitespace,
    /// The credit code is empty or not made of letters and digits.
    #[error("统一社会信用代码（credit_code）须为字母和数字：“{0}”")]
    BadCreditCode(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    CreditCode,
    Year,
    Seq(usize),
}

/// A parsed, valid `index_no_format`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFormat {
    pieces: Vec<Piece>,
}

impl IndexFormat {
    /// Parses and validates a format.
    ///
    /// # Errors
    /// Unknown placeholders, bad widths, unbalanced braces, whitespace, or no `{seq}`.
    pub fn parse(format: &str) -> Result<IndexFormat, IndexFormatError> {
        if format.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(IndexFormatError::Whitespace);
        }
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(IndexFormatError::Unbalanced(format.to_string())),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => {
                                return Err(IndexFormatError::Unbalanced(format.to_string()));
                            }
                            Some(ch) => name.push(ch),
                        }
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(match name.as_str() {
                        "credit_code" => Piece::CreditCode,
                        "year" => Piece::Year,
                        "seq" => Piece::Seq(0),
                        n => match n.strip_prefix("seq:") {
                            Some(w) => Piece::Seq(parse_width(w)?),
                            None => {
                                return Err(IndexFormatError::UnknownPlaceholder(n.to_string()));
                            }
                        },
                    });
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        if !pieces.iter().any(|p| matches!(p, Piece::Seq(_))) {
            return Err(IndexFormatError::NoSeq);
        }
        Ok(IndexFormat { pieces })
    }

    /// The 索引号 of the `seq`-th document published in `year`.
    ///
    /// # Errors
    /// [`IndexFormatError::BadCreditCode`] when the code is empty or not letters and digits.
    pub fn render(
        &self,
        credit_code: &str,
        year: i32,
        seq: u32,
    ) -> Result<String, IndexFormatError> {
        check_credit_code(credit_code)?;
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::CreditCode => out.push_str(credit_code),
                Piece::Year => out.push_str(&format!("{year:04}")),
                Piece::Seq(w) => out.push_str(&format!("{seq:0w$}", w = *w)),
            }
        }
        Ok(out)
    }
}

fn parse_width(w: &str) -> Result<usize, IndexFormatError> {
    let bad = || IndexFormatError::BadWidth(w.to_string());
    let digits = w.strip_prefix('0').ok_or_else(bad)?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 2 {
        return Err(bad());
    }
    let n: usize = digits.parse().map_err(|_| bad())?;
    if (1..=MAX_SEQ_WIDTH).contains(&n) {
        Ok(n)
    } else {
        Err(bad())
    }
}

/// Checks a credit code: non-empty ASCII letters and digits (an 18-character 统一社会信用代码 or
/// an older 9-digit organisation code).
///
/// # Errors
/// [`IndexFormatError::BadCreditCode`].
pub fn check_credit_code(code: &str) -> Result<(), IndexFormatError> {
    if code.is_empty() || code.len() > 32 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(IndexFormatError::BadCreditCode(code.to_string()));
    }
    Ok(())
}

/// Whether `candidate` is free: never given to another document (SPEC §10: unique, never reused;
/// `existing` must include the numbers of documents since corrected or repealed).
pub fn check_unique<'a>(
    candidate: &str,
    mut existing: impl Iterator<Item = &'a str>,
) -> Result<(), String> {
    if existing.any(|e| e == candidate) {
        Err(format!(
            "索引号{candidate}已被使用，索引号不能重复使用（条例第十二条）"
        ))
    } else {
        Ok(())
    }
}

/// The next free 索引号 in `year`: the first serial after the count of numbers already given
/// that is not taken (so a number is never reused even when the format was changed mid-year).
///
/// # Errors
/// [`IndexFormatError::BadCreditCode`].
pub fn next_free<'a>(
    format: &IndexFormat,
    credit_code: &str,
    year: i32,
    existing: impl Iterator<Item = &'a str>,
) -> Result<String, IndexFormatError> {
    let taken: std::collections::HashSet<&str> = existing.collect();
    let mut seq = 1u32;
    loop {
        let n = format.render(credit_code, year, seq)?;
        if !taken.contains(n.as_str()) {
            return Ok(n);
        }
        seq += 1;
    }
}
