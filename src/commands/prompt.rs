//! The questions `register` asks on a terminal (dialoguer's menus, in Chinese), and the line
//! input they are typed at: Ctrl-D (end of input) or Ctrl-C cancels, on a line of its own,
//! with nothing written (exit code 130, README "Exit codes").

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use dialoguer::console::{Key, Term, measure_text_width};

use crate::error::{Exit, Failure};

/// What a selection menu says after its question, while the clerk chooses (dialoguer's menus
/// give no instructions).
pub const CHOICE_KEYS: &str = "（方向键选择，回车确认）";

/// What is said when the clerk cancels the questions (Ctrl-C or Ctrl-D).
pub const CANCELLED: &str = "已取消：未登记任何内容";

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

/// Gives the terminal its cursor back (the selection menus hide it), when standard error is a
/// terminal.
pub fn show_cursor() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\x1b[?25h");
    }
}

/// Set by whoever says [`CANCELLED`] first: the Ctrl-C handler or the prompt that read the key
/// (the terminal library raises SIGINT *and* returns an error, so both see one Ctrl-C).
static CANCEL_SAID: AtomicBool = AtomicBool::new(false);

/// On a terminal, Ctrl-C during the prompts ends the command without registering anything and
/// gives the cursor back (the selection menus hide it); the message starts on a new line, not
/// after the half-typed answer.
pub fn cancel_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // When the prompt that read the key has claimed it, that prompt says it and ends.
        if !CANCEL_SAID.swap(true, Ordering::SeqCst) {
            show_cursor();
            eprintln!("\n{CANCELLED}");
            std::process::exit(Exit::Interrupted as i32);
        }
    });
}

/// The failure for a cancelled prompt (exit code 130), its message on a new line. When the
/// Ctrl-C handler has already said it, waits for the handler to end the process.
pub fn cancelled() -> anyhow::Error {
    if CANCEL_SAID.swap(true, Ordering::SeqCst) {
        // The handler has printed the message and is exiting.
        loop {
            std::thread::park();
        }
    }
    show_cursor();
    eprintln!();
    Failure::new(Exit::Interrupted, CANCELLED).into()
}

/// Whether an error from a prompt is the clerk cancelling it (Ctrl-C, or end of input).
pub fn is_cancel(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = match c.downcast_ref::<dialoguer::Error>() {
            Some(dialoguer::Error::IO(io)) => Some(io.kind()),
            _ => c.downcast_ref::<io::Error>().map(io::Error::kind),
        };
        matches!(
            kind,
            Some(io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof)
        )
    })
}

/// Reads one line from `keys`, echoing what is typed to `echo`: printable characters are
/// added, Backspace removes the last one (erasing its width on screen), Enter ends the line.
/// Returns `None` at the end of input: Ctrl-D on an empty line, or the terminal closed.
///
/// # Errors
/// Ctrl-C ([`io::ErrorKind::Interrupted`]) and other read errors.
pub fn read_line(
    mut keys: impl FnMut() -> io::Result<Key>,
    echo: &mut dyn Write,
) -> io::Result<Option<String>> {
    let mut line = String::new();
    loop {
        let key = match keys() {
            Ok(k) => k,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        };
        match key {
            Key::Enter => return Ok(Some(line)),
            Key::Char('\u{4}') if line.is_empty() => return Ok(None),
            Key::Char('\u{3}') | Key::CtrlC => {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "Ctrl-C"));
            }
            Key::Backspace => {
                if let Some(c) = line.pop() {
                    let w = measure_text_width(&c.to_string()).max(1);
                    let back = "\u{8}".repeat(w);
                    write!(echo, "{back}{}{back}", " ".repeat(w))?;
                    echo.flush()?;
                }
            }
            Key::Char(c) if !c.is_control() => {
                line.push(c);
                write!(echo, "{c}")?;
                echo.flush()?;
            }
            _ => {}
        }
    }
}

/// Asks `label` on the terminal until `check` accepts the answer; an empty answer is the
/// `default` when there is one (shown in brackets). Each refusal is said on its own line
/// (`错误：…`) and the question asked again.
///
/// # Errors
/// The clerk cancelled ([`cancelled`]: Ctrl-D or Ctrl-C); terminal errors.
pub fn ask(
    label: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> Result<(), String>,
) -> anyhow::Result<String> {
    let term = Term::stderr();
    if !term.is_term() {
        return Err(io::Error::new(io::ErrorKind::NotConnected, "不是终端").into());
    }
    loop {
        match default {
            Some(d) => term.write_str(&format!("{label} [{d}]: "))?,
            None => term.write_str(&format!("{label}: "))?,
        }
        term.flush()?;
        let mut echo = term.clone();
        let line = match read_line(|| term.read_key_raw(), &mut echo) {
            Ok(Some(l)) => l,
            Ok(None) => return Err(cancelled()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(cancelled()),
            Err(e) => return Err(e.into()),
        };
        term.write_line("")?;
        let answer = match default {
            Some(d) if line.trim().is_empty() => d.to_string(),
            _ => line,
        };
        match check(&answer) {
            Ok(()) => return Ok(answer),
            Err(m) => term.write_line(&format!("错误：{m}"))?,
        }
    }
}

/// Asks a menu question; Ctrl-C cancels like at a typed question.
///
/// # Errors
/// The clerk cancelled; terminal errors.
pub fn select(label: &str, items: &[&str], default: usize) -> anyhow::Result<usize> {
    dialoguer::Select::with_theme(&ChineseTheme)
        .with_prompt(label)
        .items(items)
        .default(default)
        .interact()
        .map_err(|e| {
            let e = anyhow::Error::from(e);
            if is_cancel(&e) { cancelled() } else { e }
        })
}

/// Asks a yes/no question with the answer `default` on Enter; Ctrl-C cancels.
///
/// # Errors
/// The clerk cancelled; terminal errors.
pub fn confirm(label: &str, default: bool) -> anyhow::Result<bool> {
    dialoguer::Confirm::with_theme(&ChineseTheme)
        .with_prompt(label)
        .default(default)
        .interact()
        .map_err(|e| {
            let e = anyhow::Error::from(e);
            if is_cancel(&e) { cancelled() } else { e }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: Vec<Key>) -> (io::Result<Option<String>>, String) {
        let mut keys = keys.into_iter();
        let mut echo = Vec::new();
        let r = read_line(
            || {
                keys.next()
                    .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "end"))
            },
            &mut echo,
        );
        (r, String::from_utf8(echo).unwrap())
    }

    #[test]
    fn ctrl_d_on_an_empty_line_or_a_closed_terminal_ends_the_input() {
        assert_eq!(typed(vec![Key::Char('\u{4}')]).0.unwrap(), None);
        assert_eq!(typed(vec![Key::Char('2'), Key::Char('0')]).0.unwrap(), None);
        // Ctrl-D after some text is ignored, as in a shell; Enter ends the line.
        let (r, echo) = typed(vec![
            Key::Char('2'),
            Key::Char('\u{4}'),
            Key::Char('６'),
            Key::Enter,
        ]);
        assert_eq!(r.unwrap(), Some("2６".to_string()));
        assert_eq!(echo, "2６");
    }

    #[test]
    fn ctrl_c_is_an_interruption_and_backspace_erases_a_wide_character_whole() {
        let (r, _) = typed(vec![Key::Char('张'), Key::CtrlC]);
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::Interrupted);
        let (r, echo) = typed(vec![
            Key::Char('张'),
            Key::Backspace,
            Key::Char('李'),
            Key::Enter,
        ]);
        assert_eq!(r.unwrap(), Some("李".to_string()));
        assert_eq!(echo, "张\u{8}\u{8}  \u{8}\u{8}李");
    }

    #[test]
    fn end_of_input_and_interruptions_are_cancellations() {
        for kind in [io::ErrorKind::UnexpectedEof, io::ErrorKind::Interrupted] {
            let e = anyhow::Error::from(dialoguer::Error::IO(io::Error::new(kind, "x")));
            assert!(is_cancel(&e));
        }
        let e = anyhow::Error::from(io::Error::other("disk"));
        assert!(!is_cancel(&e));
    }
}
