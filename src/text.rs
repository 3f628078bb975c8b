//! Text hygiene shared by every layer: which characters are invisible, and serde's English
//! messages said in Chinese. A leaf module (it imports nothing of the crate), so the calendar,
//! the case rules and the terminal output can all use it without depending on each other.

/// Characters that show as nothing: zero-width spaces and joiners (U+200B–U+200D), direction
/// marks and embeddings (U+200E–U+200F, U+202A–U+202E), the word joiner and invisible operators
/// (U+2060–U+2064), the byte-order mark (U+FEFF). In a name, number or code they defeat
/// duplicate detection and searches, so registration refuses them there; the terminal shows
/// them escaped (`output::terminal_safe`).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A serde or TOML error message (English) said in Chinese for the clerk, for the common cases:
/// an unknown field or value, a wrong type, a missing field. Other messages are returned as they
/// are.
pub fn plain_message(msg: &str) -> String {
    let msg = msg.trim();
    let quoted = |s: &str| -> Vec<String> {
        s.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, x)| x.to_string())
            .collect()
    };
    let head = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(rest) = head.strip_prefix("unknown field ") {
        let q = quoted(rest);
        if let Some((name, allowed)) = q.split_first() {
            return format!("不认识的键“{name}”，可用的键：{}", allowed.join("、"));
        }
    }
    if let Some(rest) = head.strip_prefix("unknown variant ") {
        let q = quoted(rest);
        if let Some((value, allowed)) = q.split_first() {
            return format!("“{value}”不是可选的值，可选：{}", allowed.join("、"));
        }
    }
    if let Some(rest) = head.strip_prefix("missing field ")
        && let Some(name) = quoted(rest).first()
    {
        return format!("缺少“{name}”");
    }
    if head.starts_with("invalid type: null") {
        return "不能为空".to_string();
    }
    if let Some(rest) = head.strip_prefix("invalid value: integer ")
        && let Some(n) = quoted(rest).first()
    {
        return format!("数值 {n} 不对：应为非负整数");
    }
    if let Some(rest) = head.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let want = if expected.contains("u32") || expected.contains("integer") {
            "整数，不加引号（如 15）"
        } else if expected.contains("string") || expected.contains("path") {
            "文字，加英文双引号（如 \"王芳\"）"
        } else if expected.contains("bool") {
            "true 或 false"
        } else {
            ""
        };
        let got = if got.starts_with("string") {
            "加了引号的文字"
        } else if got.starts_with("integer") || got.starts_with("float") {
            "数字"
        } else {
            got
        };
        return if want.is_empty() {
            format!("类型不对（{head}）")
        } else {
            format!("类型不对：应为{want}，现在是{got}")
        };
    }
    if head.contains("string values must be quoted") {
        return "文字的值须加英文双引号，如 clerk = \"王芳\"".to_string();
    }
    msg.to_string()
}

/// Full-width ASCII (typed with a Chinese input method in full-width mode: `１３８…`, `Ｘ`) to
/// half-width, and the ideographic space to a space: what an ID number, a phone number or a
/// count means, whichever way it was typed (flags, prompts and import alike).
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}
