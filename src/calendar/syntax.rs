//! The syntax errors of the files a clerk edits or downloads — the configuration file and the
//! holidays file (TOML), a holiday-cn year file (JSON) — said in Chinese with what to fix: the
//! parsers' own messages are English ("invalid basic string, expected `\"`") and would reach the
//! clerk as they are. The caller adds the file and the line.

/// A TOML syntax error (the `toml` crate's message, `description, expected …`) in Chinese, with
/// what to write instead. Never returns the English text.
pub fn toml_syntax(message: &str) -> String {
    let message = message.trim();
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let what = what.trim();
    if what.contains("must be quoted") {
        return "文字的值须加英文双引号，如 clerk = \"王芳\"".to_string();
    }
    if what.contains("escape") || (what == "invalid basic string" && expected.contains("`\\`")) {
        return "双引号内的反斜杠 \\ 被当作转义符：Windows 路径请改用单引号，如 db = 'D:\\公开\\register.db'，或把 \\ 写成 \\\\".to_string();
    }
    if what.contains("string") && (expected.contains('"') || expected.contains('\'')) {
        let quote = if expected.contains('"') { "\"" } else { "'" };
        return format!(
            "文字缺少结尾的引号 {quote}：请在这一行的值末尾补上 {quote}，如 clerk = \"王芳\""
        );
    }
    if what.starts_with("duplicate key") {
        return "同一个键（或同一个表）写了两次：请删去其中一处".to_string();
    }
    match what {
        "unclosed table" => "表名缺少右方括号 ]：应写作 [2027] 这样，方括号成对".to_string(),
        "unclosed array table" => "表名缺少右方括号 ]]：应写作 [[…]]，方括号成对".to_string(),
        "unclosed array" => {
            "列表缺少右方括号 ]：应写作 [\"2027-10-01\", \"2027-10-02\"] 这样，方括号成对"
                .to_string()
        }
        "unclosed inline table" => "花括号缺少右花括号 }：{ 与 } 应成对".to_string(),
        "key with no value"
        | "missing assignment between key-value pairs"
        | "missing value for key"
        | "missing value" => "键后面缺少“= 值”：应写作 键 = 值，如 clerk = \"王芳\"".to_string(),
        "extra `=`" | "extra assignment between key-value pairs" => {
            "多了一个等号：每行只写一个 键 = 值".to_string()
        }
        "unexpected key or value" | "unexpected content" | "unexpected content between comment and newline" => {
            "值的后面多出了内容：每行只写一个 键 = 值，文字加英文双引号，注释以 # 开头".to_string()
        }
        "invalid key" | "invalid unquoted key" | "unquoted keys cannot be empty" => {
            "键名写法有误：键名只能用英文字母、数字、- 和 _，如 clerk = \"王芳\"".to_string()
        }
        "invalid table" | "missing table open" => {
            "表名写法有误：应写作 [2027] 这样，单独占一行".to_string()
        }
        "missing comma between array elements" => {
            "列表的各项之间缺少英文逗号：如 [\"2027-10-01\", \"2027-10-02\"]".to_string()
        }
        "missing comma between key-value pairs" => {
            "花括号内的各项之间缺少英文逗号：如 { name = \"国庆节\", off = [\"2027-10-01\"] }"
                .to_string()
        }
        "extra comma in array" | "extra comma in inline table" => {
            "多了一个逗号：请删去连续或多余的逗号".to_string()
        }
        "invalid comment character" => "注释中有控制字符：请删去".to_string(),
        _ if what.starts_with("invalid date") || what.contains("date-time") => {
            "日期写法有误：日期请加英文双引号，写作 \"2027-10-01\"".to_string()
        }
        _ if what.contains("number")
            || what.contains("integer")
            || what.contains("float")
            || what.contains("digit")
            || what.contains("leading zero")
            || what.contains("`_`") =>
        {
            "数字写法有误：数字不加引号，只写阿拉伯数字，如 correction_period = 15".to_string()
        }
        _ => "写法有误：请检查这一行的引号、方括号和等号是否成对、完整；文字加英文双引号，如 clerk = \"王芳\"".to_string(),
    }
}

/// Any TOML error in Chinese: a value of the wrong shape (an unknown key, a missing field, a
/// wrong type: [`crate::text::plain_message`]) or a syntax error ([`toml_syntax`]).
pub fn toml_message(message: &str) -> String {
    let plain = crate::text::plain_message(message);
    if untranslated(&plain) {
        toml_syntax(message)
    } else {
        plain
    }
}

/// Whether a message still holds the parser's English.
fn untranslated(m: &str) -> bool {
    ["expected", "invalid", "unknown", "missing", "duplicate"]
        .iter()
        .any(|w| m.contains(w))
}

/// A holiday-cn JSON file that cannot be read, in Chinese with what to do (the line is the
/// caller's): not JSON at all, cut short, or JSON of another shape.
pub fn json_syntax(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => format!(
            "文件在第 {} 行处不完整（可能下载中断）：请重新下载该年份的文件（如 2027.json）后再导入",
            e.line()
        ),
        Category::Syntax | Category::Io => format!(
            "不是 JSON 文件（第 {} 行第 {} 列无法识别）：请导入从 holiday-cn 原样下载的年份文件（如 2027.json），不要用文字处理软件打开后另存",
            e.line(),
            e.column()
        ),
        Category::Data => {
            let plain = crate::text::plain_message(&e.to_string());
            let said = if untranslated(&plain) {
                String::new()
            } else {
                format!("（{plain}）")
            };
            format!(
                "不是 holiday-cn 格式{said}：文件应含 year（年份）和 days（每天的 name、date、isOffDay）"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_are_chinese_with_the_fix() {
        assert_eq!(
            toml_syntax("invalid basic string, expected `\"`"),
            "文字缺少结尾的引号 \"：请在这一行的值末尾补上 \"，如 clerk = \"王芳\""
        );
        assert_eq!(
            toml_syntax("unclosed table, expected `]`"),
            "表名缺少右方括号 ]：应写作 [2027] 这样，方括号成对"
        );
        for m in [
            "duplicate key",
            "key with no value, expected `=`",
            "`_` may only go between digits, expected nothing",
            "invalid date, expected a two-digit day (DD)",
            "something new, expected `x`",
        ] {
            assert!(!toml_syntax(m).contains("expected"), "{m}");
        }
    }

    #[test]
    fn json_messages_are_chinese() {
        let e = serde_json::from_str::<serde_json::Value>("not json").unwrap_err();
        assert_eq!(
            json_syntax(&e),
            "不是 JSON 文件（第 1 行第 2 列无法识别）：请导入从 holiday-cn 原样下载的年份文件（如 2027.json），不要用文字处理软件打开后另存"
        );
    }
}
