//! Reading a CSV file: its encoding (BOM, forced, UTF-8 or GB18030), its separator, and the
//! line of every problem counted as a spreadsheet program shows it.

use super::*;

/// Whether the byte at `i` ends a line: `\n`, or `\r` not followed by `\n` (the line end of
/// Excel for Mac's "CSV (Macintosh)" and other old tools), so that CRLF counts once.
pub(super) fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The number of line ends in `bytes[from..to]` (looking past `to` for a CRLF's `\n`).
pub(super) fn line_ends(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to.min(bytes.len()))
        .filter(|&i| ends_line(bytes, i))
        .count()
}

pub(super) fn line_of(text: &str, byte_offset: usize) -> usize {
    line_of_bytes(text.as_bytes(), byte_offset)
}

pub(super) fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    line_ends(bytes, 0, offset) + 1
}

/// Decodes the bytes: a BOM decides (UTF-8, UTF-16); else the forced encoding; else UTF-8 if
/// the bytes are valid UTF-8, else GB18030.
pub(super) fn decode(
    path: &Path,
    bytes: &[u8],
    forced: Option<Encoding>,
) -> Result<(String, &'static str), ReadError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes)
        && (forced.is_none() || enc == encoding_rs::UTF_8)
    {
        let body = &bytes[bom_len..];
        return match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(s) => Ok((s.into_owned(), enc.name())),
            None => {
                let (s, _) = enc.decode_without_bom_handling(body);
                Err(ReadError::Encoding {
                    path: path.to_path_buf(),
                    tried: enc.name().to_string(),
                    line: line_of(&s, s.find('\u{FFFD}').unwrap_or(0)),
                    forced: forced.is_some(),
                })
            }
        };
    }
    let utf8 = || match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(line_of_bytes(bytes, e.valid_up_to())),
    };
    let gb =
        || match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(s) => Ok(s.into_owned()),
            None => {
                let (s, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                Err(line_of(&s, s.find('\u{FFFD}').unwrap_or(0)))
            }
        };
    let bad = |tried: &str, line: usize| ReadError::Encoding {
        path: path.to_path_buf(),
        tried: tried.to_string(),
        line,
        forced: forced.is_some(),
    };
    match forced {
        Some(Encoding::Utf8) => utf8().map(|s| (s, "UTF-8")).map_err(|l| bad("UTF-8", l)),
        Some(e @ (Encoding::Gbk | Encoding::Gb18030)) => {
            gb().map(|s| (s, e.label())).map_err(|l| bad(e.label(), l))
        }
        None => match utf8() {
            Ok(s) => Ok((s, "UTF-8")),
            Err(l8) => gb()
                .map(|s| (s, "GB18030"))
                .map_err(|lg| bad("UTF-8 或 GBK/GB18030", l8.max(lg))),
        },
    }
}

/// Picks the separator that occurs most often, outside quotes, on the first non-blank line.
pub(crate) fn detect_delimiter(text: &str) -> Delimiter {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut comma, mut tab, mut semi, mut quoted) = (0, 0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            ';' if !quoted => semi += 1,
            _ => {}
        }
    }
    if tab > 0 && tab >= comma {
        Delimiter::Tab
    } else if comma == 0 && semi > 0 {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// The line on which a quoted field opens that is never closed (the csv crate would silently
/// take the rest of the file as that one field). Quotes inside an unquoted field are literal, as
/// in Excel.
pub(super) fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut line, mut field_start, mut opened_on) = (0, 1, true, None);
    while i < b.len() {
        let c = b[i];
        match opened_on {
            Some(_) if c == b'"' && b.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if c == b'"' => opened_on = None,
            None if c == b'"' && field_start => opened_on = Some(line),
            _ => {}
        }
        if ends_line(b, i) {
            line += 1;
        }
        field_start = opened_on.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    opened_on
}

pub(super) fn read_csv(path: &Path, bytes: &[u8], opts: &ReadOptions) -> Result<Sheet, ReadError> {
    let (text, encoding) = decode(path, bytes, opts.encoding)?;
    let delimiter = opts.delimiter.unwrap_or_else(|| detect_delimiter(&text));
    if let Some(line) = unclosed_quote(&text, delimiter.byte()) {
        return Err(ReadError::Csv {
            path: path.to_path_buf(),
            line,
            message: "这里有一个英文双引号开始的单元格直到文件末尾都没有结束，其后的各行都会被当成这一个单元格的内容".to_string(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    // Line numbers are counted here from each record's byte offset: csv-core's own count skips
    // the line breaks inside quoted fields.
    let bytes = text.as_bytes();
    let (mut at_byte, mut at_line) = (0usize, 1usize);
    let mut line_at = |byte: usize| {
        // A record's position may point at the line break that ended the one before.
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
            byte += 1;
        }
        if byte >= at_byte {
            at_line += line_ends(bytes, at_byte, byte);
        } else {
            at_line = line_of_bytes(bytes, byte);
        }
        at_byte = byte;
        at_line
    };
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e
                .position()
                .map(|p| line_of_bytes(bytes, p.byte() as usize))
                .unwrap_or(0);
            ReadError::Csv {
                path: path.to_path_buf(),
                line,
                message: match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "含有无法识别的字符".to_string(),
                    _ => format!("无法解析（{e}）；请检查引号是否成对"),
                },
            }
        })?;
        let line = rec
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(0);
        let cells = rec
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(super::csv_cell_text(s.to_string()))
                }
            })
            .collect();
        rows.push(RawRow { line, cells });
    }
    finish(
        path,
        Source::Csv {
            encoding,
            delimiter,
        },
        rows,
    )
}
