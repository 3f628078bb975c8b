//! The context every command runs in: configuration, calendar, today's date, output format and
//! the register. The only place that reads environment variables or the clock.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::calendar::Calendar;
use crate::error::{Exit, Failure};
use crate::store::{Store, Writer};

/// Output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// 表格或可读文本（供人阅读）
    #[default]
    Table,
    /// JSON（供脚本使用）
    Json,
    /// CSV（UTF-8 带 BOM，Excel、WPS 可直接打开）
    Csv,
}

/// The configuration file (`config.toml`), every key optional.
///
/// ```toml
/// clerk = "王芳"                       # default for --by
/// db = "/srv/gongkai/disclose.db"     # default for --db
/// holidays = "agency-holidays.toml"   # the agency's own holidays file (relative to this file)
/// case_no_format = "{year}-{seq:04}"  # case numbers
/// correction_period = 15              # default correction period, working days
/// overdue_within = 5                  # default for overdue --within, working days
/// backup_dir = "backups"              # keep a backup before the first write of each day
/// backup_keep = 30                    # how many daily backups to keep
/// agency = "某市文化和旅游局"           # name printed on exports and letters
/// agency_short = "根文旅"                # 机关代字 in letter numbers
/// letter_no_format = "{agency_short}公开〔{year}〕{seq}号"
/// reconsideration_body = "根河市人民政府" # 复议机关 named in the remedy notice
/// court = "根河市人民法院"                # 管辖法院
/// office_address = "…"                  # the office's address, phone and contact person
/// office_phone = "0470-5212345"
/// contact = "王芳"
/// letters_dir = "letters"               # the agency's own letter templates (relative to this file)
/// credit_code = "11150000MB1604391C"  # the agency's 统一社会信用代码, in 索引号
/// index_no_format = "{credit_code}/{year}-{seq:05}"  # 索引号 of published documents
/// topics = "topics.toml"              # the agency's own topic table (附录E), replacing ours
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Default recorder name.
    pub clerk: Option<String>,
    /// Default database path.
    pub db: Option<PathBuf>,
    /// The agency's holidays file.
    pub holidays: Option<PathBuf>,
    /// Case-number template.
    pub case_no_format: Option<String>,
    /// Default correction period in working days.
    pub correction_period: Option<u32>,
    /// Default look-ahead of the overdue report, working days.
    pub overdue_within: Option<u32>,
    /// Folder of the daily rolling backups.
    pub backup_dir: Option<PathBuf>,
    /// How many daily backups to keep.
    pub backup_keep: Option<u32>,
    /// The agency's name.
    pub agency: Option<String>,
    /// The agency's short code in letter numbers (机关代字).
    pub agency_short: Option<String>,
    /// The letter-number format (default `{agency_short}公开〔{year}〕{seq}号`).
    pub letter_no_format: Option<String>,
    /// The body deciding 行政复议 (复议机关).
    pub reconsideration_body: Option<String>,
    /// The court of first instance (管辖法院).
    pub court: Option<String>,
    /// The office's postal address.
    pub office_address: Option<String>,
    /// The office's telephone.
    pub office_phone: Option<String>,
    /// The office's contact person.
    pub contact: Option<String>,
    /// The folder of the agency's own letter templates.
    pub letters_dir: Option<PathBuf>,
    /// The agency's 统一社会信用代码 (in the 索引号, SPEC §10).
    pub credit_code: Option<String>,
    /// The 索引号 template (`{credit_code}`, `{year}`, `{seq:05}`; SPEC §10).
    pub index_no_format: Option<String>,
    /// The agency's topic table (附录E), replacing the one shipped (SPEC §10).
    pub topics: Option<PathBuf>,
}

/// The keys of the configuration file, in the order of [`Config`].
pub const CONFIG_KEYS: [&str; 20] = [
    "clerk",
    "db",
    "holidays",
    "case_no_format",
    "correction_period",
    "overdue_within",
    "backup_dir",
    "backup_keep",
    "agency",
    "agency_short",
    "letter_no_format",
    "reconsideration_body",
    "court",
    "office_address",
    "office_phone",
    "contact",
    "letters_dir",
    "credit_code",
    "index_no_format",
    "topics",
];

/// The default case-number template.
pub const DEFAULT_CASE_NO_FORMAT: &str = "{year}-{seq:04}";

impl Config {
    /// Reads a configuration file; relative paths in it are taken relative to its folder.
    ///
    /// # Errors
    /// A [`Failure`] with exit code 4 naming the file and every problem with its line
    /// ([`Config::parse`]).
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = crate::output::read_small_text_file(path).map_err(|e| {
            Failure::new(
                Exit::Input,
                format!(
                    "无法读取配置文件 {}：{}",
                    path.display(),
                    crate::error::io_cn(&e)
                ),
            )
        })?;
        let (mut c, problems) = Config::parse(&text);
        if !problems.is_empty() {
            let message = match problems.as_slice() {
                [(line, p)] => format!("配置文件 {}:{line}：{p}", path.display()),
                many => format!(
                    "配置文件 {} 有 {} 处问题：\n{}",
                    path.display(),
                    many.len(),
                    many.iter()
                        .map(|(line, p)| format!("  第 {line} 行：{p}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            };
            return Err(Failure::new(Exit::Input, message)
                .hint(format!("可用的键：{}", CONFIG_KEYS.join(", ")))
                .into());
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for p in [
            &mut c.db,
            &mut c.holidays,
            &mut c.backup_dir,
            &mut c.letters_dir,
            &mut c.topics,
        ]
        .into_iter()
        .flatten()
        {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(c)
    }

    /// Reads the text of a configuration file: the configuration made of the keys that are
    /// right, and every problem found (line, message), in the order of the lines — a clerk fixes
    /// them all in one go rather than one per run. A syntax error stops the reading (the rest
    /// cannot be trusted) and is the only problem.
    pub fn parse(text: &str) -> (Config, Vec<(usize, String)>) {
        let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_at(s.start));
                return (
                    Config::default(),
                    vec![(line, crate::calendar::syntax::toml_syntax(e.message()))],
                );
            }
        };
        // The line of a top-level key: the first line that assigns it.
        let line_of = |key: &str| -> usize {
            text.lines()
                .position(|l| {
                    let t = l.trim_start();
                    let t = t
                        .strip_prefix('"')
                        .and_then(|r| r.strip_prefix(key))
                        .and_then(|r| r.strip_prefix('"'))
                        .or_else(|| t.strip_prefix(key));
                    t.is_some_and(|r| r.trim_start().starts_with('='))
                })
                .map_or(1, |i| i + 1)
        };
        let mut problems = Vec::new();
        let mut good = toml::Table::new();
        for (key, value) in table {
            if !CONFIG_KEYS.contains(&key.as_str()) {
                problems.push((line_of(&key), format!("不认识的键“{key}”")));
                continue;
            }
            let mut one = toml::Table::new();
            one.insert(key.clone(), value.clone());
            match toml::Value::Table(one).try_into::<Config>() {
                Ok(_) => {
                    good.insert(key, value);
                }
                Err(e) => problems.push((
                    line_of(&key),
                    format!(
                        "{key}：{}",
                        crate::calendar::syntax::toml_message(e.message())
                    ),
                )),
            }
        }
        let c: Config = toml::Value::Table(good).try_into().unwrap_or_default();
        // Periods and look-aheads a clerk could not mean (a correction period is a "reasonable
        // period", 条例第三十条; the report looks at most a year ahead).
        for (key, v, lo, hi) in [
            (
                "correction_period",
                c.correction_period,
                crate::case::period::CORRECTION_PERIOD.min,
                crate::case::period::CORRECTION_PERIOD.max,
            ),
            ("overdue_within", c.overdue_within, 0, 250),
            ("backup_keep", c.backup_keep, 1, 3650),
        ] {
            if let Some(v) = v.filter(|v| !(lo..=hi).contains(v)) {
                problems.push((
                    line_of(key),
                    format!(
                        "{key} = {v} 不合理：应在 {lo} 到 {hi} 之间（单位：{}）",
                        if key == "backup_keep" {
                            "份"
                        } else {
                            "工作日"
                        }
                    ),
                ));
            }
        }
        if let Some(f) = &c.case_no_format
            && let Err(e) = crate::store::format_case_no(f, 2026, 1)
        {
            problems.push((line_of("case_no_format"), format!("case_no_format：{e}")));
        }
        if let Err(e) = c.letter_config().validate() {
            problems.push((
                line_of("letter_no_format"),
                format!("letter_no_format：{e}"),
            ));
        }
        if let Some(f) = &c.index_no_format
            && let Err(e) = crate::document::index_no::IndexFormat::parse(f)
        {
            problems.push((line_of("index_no_format"), format!("index_no_format：{e}")));
        }
        if let Some(code) = &c.credit_code
            && let Err(e) = crate::document::index_no::check_credit_code(code)
        {
            problems.push((line_of("credit_code"), format!("credit_code：{e}")));
        }
        problems.sort_by_key(|(line, _)| *line);
        (c, problems)
    }

    /// The letters' settings (SPEC §9): `agency`, `agency_short`, `letter_no_format`,
    /// `reconsideration_body`, `court`, `office_address`, `office_phone`, `contact`,
    /// `letters_dir`.
    pub fn letter_config(&self) -> crate::letters::LetterConfig {
        crate::letters::LetterConfig {
            agency: self.agency.clone(),
            agency_short: self.agency_short.clone(),
            letter_no_format: self.letter_no_format.clone(),
            reconsideration_body: self.reconsideration_body.clone(),
            court: self.court.clone(),
            office_address: self.office_address.clone(),
            office_phone: self.office_phone.clone(),
            contact: self.contact.clone(),
            letters_dir: self.letters_dir.clone(),
        }
    }
}

/// The platform's folders for disclose (`~/.local/share/disclose`, `~/.config/disclose` on
/// Linux).
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("cn", "gongkai", "disclose")
}

/// Global options as given on the command line (or the environment).
#[derive(Debug, Clone, Default)]
pub struct GlobalArgs {
    /// `--db`.
    pub db: Option<PathBuf>,
    /// `--today`.
    pub today: Option<NaiveDate>,
    /// `--format`.
    pub format: Format,
    /// `--holidays`.
    pub holidays: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
}

/// Everything a command needs.
pub struct Ctx {
    /// The business "today": `--today`, `DISCLOSE_TODAY`, or the machine's local date.
    pub today: NaiveDate,
    /// Output format.
    pub format: Format,
    /// The working-day calendar in force.
    pub calendar: Calendar,
    /// The configuration.
    pub config: Config,
    /// The register's path.
    pub db_path: PathBuf,
    /// The override holidays files loaded (name, text), for `calendar diff`.
    pub holiday_files: Vec<(String, String)>,
    /// Whether a person is at a terminal (prompts and progress bars allowed).
    pub interactive: bool,
    /// Whether standard output is a terminal (tables may use the terminal's width).
    pub stdout_tty: bool,
    store: Option<Store>,
    /// This run made the register file ([`Ctx::create_store`]), which then held these rows: it
    /// is removed again at the end if it still holds just those (nothing written: a refused
    /// first `register`), see the `Drop` below.
    made_register: Option<Vec<(String, i64)>>,
}

impl Drop for Ctx {
    /// A register this run made and wrote nothing to (the first `register` or `import`
    /// refused) is removed with its SQLite side files, so that a mistyped `--db` does not later
    /// read as an empty register ("没有已逾期或即将到期的事项"). A register that existed before,
    /// or that another process made first, is never touched.
    fn drop(&mut self) {
        let Some(made) = self.made_register.take() else {
            return;
        };
        let empty = self
            .store
            .as_ref()
            .is_some_and(|s| s.row_counts().is_ok_and(|now| now == made));
        self.store = None;
        if empty {
            crate::store::remove_register_files(&self.db_path);
        }
    }
}

impl Ctx {
    /// Builds the context: reads the config file, the agency's holidays file, picks the database.
    ///
    /// # Errors
    /// Exit code 4 for an unreadable or invalid config or holidays file.
    pub fn new(g: GlobalArgs) -> anyhow::Result<Ctx> {
        let config_path = g.config.clone().or_else(|| {
            let p = project_dirs()?.config_dir().join("config.toml");
            p.exists().then_some(p)
        });
        let config = match &config_path {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        let mut holiday_files = Vec::new();
        for p in config.holidays.iter().chain(g.holidays.iter()) {
            let text = crate::output::read_small_text_file(p).map_err(|e| {
                Failure::new(
                    Exit::Input,
                    format!(
                        "无法读取节假日文件 {}：{}",
                        p.display(),
                        crate::error::io_cn(&e)
                    ),
                )
            })?;
            holiday_files.push((p.display().to_string(), text));
        }
        let (calendar, warnings) = Calendar::from_files(&holiday_files).map_err(|e| {
            Failure::new(Exit::Input, format!("节假日文件有误：\n{e}"))
                .hint("改正后重试；格式见 README 的“节假日文件”一节")
        })?;
        for w in warnings {
            eprintln!("警告：{w}");
        }
        let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let db_path = match g.db.or_else(|| config.db.clone()) {
            Some(p) => p,
            None => project_dirs()
                .map(|d| d.data_dir().join("disclose.db"))
                .context("找不到用户数据目录：请用 --db 或 DISCLOSE_DB 指定数据库文件")?,
        };
        Ok(Ctx {
            today,
            format: g.format,
            calendar,
            config,
            db_path,
            holiday_files,
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            stdout_tty: std::io::stdout().is_terminal(),
            store: None,
            made_register: None,
        })
    }

    /// The register, opened on first use. It must exist: a mistyped path must not look like an
    /// empty register (an overdue report saying "nothing late").
    ///
    /// # Errors
    /// Exit code 5 when the database does not exist or cannot be opened.
    pub fn store(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() {
            let s = Store::open_existing(&self.db_path)?;
            announce_upgrade(&s);
            self.store = Some(s);
        }
        Ok(self.store.as_mut().expect("just opened"))
    }

    /// The register, created (mode 0600) if it does not exist yet: for the commands that bring
    /// requests in (`register`, `import`).
    ///
    /// # Errors
    /// Exit code 5 when the database cannot be created or opened.
    pub fn create_store(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() {
            let (s, made) = Store::open_or_create(&self.db_path)?;
            // Counted now, before anything is written (unknown counts: the file is kept).
            self.made_register = if made { s.row_counts().ok() } else { None };
            announce_upgrade(&s);
            self.store = Some(s);
        }
        Ok(self.store.as_mut().expect("just opened"))
    }

    /// Closes the register if open (the next [`Ctx::store`] opens it again, at `db_path`).
    pub fn close_store(&mut self) {
        self.store = None;
    }

    /// Says on stderr that `create_store` made a new register file (call it when a write to a
    /// register that did not exist before has succeeded): a mistyped `--db` would otherwise
    /// start a second register unnoticed.
    pub fn announce_new_register(&self) {
        eprintln!(
            "提示：已新建登记簿 {}（如本应使用已有的登记簿，请检查 --db 或配置文件中的 db）",
            self.db_path.display()
        );
    }

    /// The recorder's name: `--by`, else `clerk` from the config file, else `USER` (as a test
    /// or a shared account sets it), else the operating system's account name (what a cron job
    /// or a terminal without `USER` runs as).
    pub fn recorder(&self, by: Option<&str>) -> String {
        let nonblank = |s: &String| !s.trim().is_empty();
        by.map(str::to_string)
            .or_else(|| self.config.clerk.clone().filter(nonblank))
            .or_else(|| std::env::var("USER").ok().filter(nonblank))
            .or_else(|| whoami::username().ok().filter(nonblank))
            .unwrap_or_else(|| "（未知）".to_string())
    }

    /// The timestamp recorded on events: `DISCLOSE_TIMESTAMP` if set (tests), else now.
    pub fn now(&self) -> String {
        std::env::var("DISCLOSE_TIMESTAMP").unwrap_or_else(|_| {
            chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
    }

    /// The case-number template in force.
    pub fn number_format(&self) -> String {
        self.config
            .case_no_format
            .clone()
            .unwrap_or_else(|| DEFAULT_CASE_NO_FORMAT.to_string())
    }

    /// The case number of the request `typed` names (already read by
    /// [`crate::commands::parse_case_arg`]): the number itself, or, with the configured
    /// `case_no_format`, the same number written with other brackets (`[` `]`, `（）`, `()` for
    /// `〔〕`), or bare (`2026-1`, `2026 1`, or `1` when only one year has a request numbered 1).
    ///
    /// # Errors
    /// [`crate::store::StoreError::NotFound`] when no request matches; a usage failure (exit 2)
    /// when a bare number fits several requests, listing them.
    pub fn case_no(&mut self, typed: &str) -> anyhow::Result<String> {
        let template = self.number_format();
        let store = self.store()?;
        match store.case(typed) {
            Ok(_) => return Ok(typed.to_string()),
            Err(crate::store::StoreError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
        let not_found = || crate::store::StoreError::NotFound(typed.to_string());
        let bracketed = bracketed_year_seq(typed);
        let Some((year, seq)) = bracketed.or_else(|| case_no_numbers(typed, &template)) else {
            return Err(not_found().into());
        };
        let bare = bracketed.is_some() || is_bare_case_no(typed);
        let found: Vec<String> = store
            .case_nos_numbered(year, seq)?
            .into_iter()
            .filter(|c| bare || case_no_shape(c) == case_no_shape(typed))
            .collect();
        match found.as_slice() {
            [] => match store.reservation_of(year, seq)? {
                Some((year, reason)) => Err(reserved_number(typed, year, seq, &reason, &template)),
                None => Err(not_found().into()),
            },
            [one] => Ok(one.clone()),
            many => Err(Failure::new(
                Exit::Usage,
                format!("案件编号“{typed}”不明确，可指：{}", many.join("、")),
            )
            .hint("请写出完整的案件编号（含年份）")
            .into()),
        }
    }

    /// Runs `f` inside one write transaction and commits it; nothing is written if `f` fails.
    /// Before the first write of the day, keeps the daily backup if the config asks for one.
    ///
    /// # Errors
    /// `f`'s error, or the database's.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let today = self.today;
        let now = self.now();
        let fmt = self.number_format();
        if let Some(dir) = self.config.backup_dir.clone() {
            let keep = self.config.backup_keep.unwrap_or(30);
            let store = self.store()?;
            store.daily_backup(&dir, today, keep)?;
        }
        let cal = self.calendar.clone();
        let store = self.store()?;
        let mut w = store.writer(&cal, today, now, &fmt)?;
        let v = f(&mut w)?;
        w.commit()?;
        Ok(v)
    }
}

/// The year and sequence number of a case number typed as the year in brackets, then the
/// sequence number — `[2026]1`, `（2026）1`, `〔2026〕1号` — which README accepts whatever the
/// template: the bracketed number is the year.
fn bracketed_year_seq(typed: &str) -> Option<(Option<i32>, i64)> {
    let shape = case_no_shape(typed);
    if shape != "〔#〕#" && shape != "〔#〕#号" {
        return None;
    }
    let runs: Vec<&str> = typed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    match runs.as_slice() {
        [y, s] if y.len() == 4 => Some((Some(y.parse().ok()?), s.parse().ok()?)),
        _ => None,
    }
}

/// The refusal for a case number a restore reserved ([`crate::store::Store::reservation_of`]):
/// the damaged register issued it after the backup now in place, so the register holds no such
/// request and never will under that number; the request must be registered again (a new
/// number) from its paper file.
fn reserved_number(
    typed: &str,
    year: i32,
    seq: i64,
    reason: &str,
    template: &str,
) -> anyhow::Error {
    let number =
        crate::store::format_case_no(template, year, seq).unwrap_or_else(|_| typed.to_string());
    Failure::new(
        Exit::Refused,
        format!(
            "找不到案件 {number}：这个编号是损坏的登记簿在备份之后发出的，恢复备份时已保留、不再使用（{reason}），登记簿中没有这件申请"
        ),
    )
    .hint("请按纸质材料用 disclose register 重新登记这件申请（会得到新的编号），并在卷宗上注明原编号")
    .into()
}

/// Whether a typed case number is only numbers and separators (`2026-1`, `2026/1`, `1`), so
/// that any request with those numbers fits, whatever the text of the template.
fn is_bare_case_no(typed: &str) -> bool {
    typed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' ' | '_'))
}

/// A case number's shape for comparing forms: its brackets made one kind (`[` `(` `（` `【`
/// are `〔`), each run of digits one `#` (so `01` and `1` agree), spaces dropped.
fn case_no_shape(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::half_width(s).chars() {
        match c {
            '[' | '(' | '（' | '【' | '〔' => out.push('〔'),
            ']' | ')' | '）' | '】' | '〕' => out.push('〕'),
            d if d.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The year and sequence number a typed case number gives, read by the order of `{year}` and
/// `{seq}` in `template`: two runs of digits (`2026-1`, `根文旅公开[2026]1号`) are both, one run is
/// the sequence number alone (any year). `None` for anything else, or for a template with
/// digits of its own (only its exact numbers are then accepted).
fn case_no_numbers(typed: &str, template: &str) -> Option<(Option<i32>, i64)> {
    let literal = template
        .replace("{year}", "")
        .split('{')
        .map(|p| p.split_once('}').map_or(p, |(_, rest)| rest))
        .collect::<String>();
    if literal.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let runs: Vec<&str> = typed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    let year_first = template.find("{year}")? < template.find("{seq")?;
    match runs.as_slice() {
        [seq] => Some((None, seq.parse().ok()?)),
        [a, b] => {
            let (y, s) = if year_first { (a, b) } else { (b, a) };
            Some((Some(y.parse().ok()?), s.parse().ok()?))
        }
        _ => None,
    }
}

/// Says on stderr that opening the register upgraded it from an older storage format to the
/// current one (v4, README "Storage format v2 and upgrading a v1 register"), and where the
/// checked copy of the old file is.
fn announce_upgrade(s: &Store) {
    if let Some(backup) = s.upgraded_from() {
        eprintln!(
            "已将登记簿 {} 升级为存储格式 v4；升级前的原文件已校验并保存为 {}",
            s.path().display(),
            backup.display()
        );
    }
}
