//! `disclose amend`: a mistake in an earlier event is corrected by a new, visible amending event;
//! every deadline is then recomputed from the amended facts (SPEC.md §7).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::case::{Amendment, Step};
use crate::context::Ctx;
use crate::dates::parse_date_arg;
use crate::error::{Exit, Failure};

/// 更正先前记录的错误：原记录保留不变，新增一条更正记录（show 的时间线可见）
#[derive(Debug, clap::Args)]
pub struct AmendArgs {
    #[command(flatten)]
    step: super::StepArgs,
    /// 要更正的事件序号（见 show 的时间线；1 为登记）
    #[arg(long, value_name = "N", allow_hyphen_values = true,
          value_parser = |s: &str| super::parse_count(s, 1, 100_000))]
    event: u32,
    /// 该事件正确的业务日期（如登记时收到日期写错）
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    date: Option<NaiveDate>,
    /// 字段=正确的值，可多次给出；字段可写 show 中的中文名或路径（如 申请人姓名=张三、联系电话=…、申请内容=…、applicant.name=张三）
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// 更正的原因
    #[arg(long)]
    reason: String,
    /// 更正后已记录的步骤将不合规定（如补正通知超出 7 个工作日）时，确认属实，照实记录
    #[arg(long)]
    force: bool,
}

/// Runs `amend`.
///
/// # Errors
/// Usage errors for a malformed `--set`; refusals (archived, unknown field, order of dates).
pub fn run(ctx: &mut Ctx, a: AmendArgs) -> anyhow::Result<Exit> {
    let mut set = BTreeMap::new();
    for s in &a.set {
        let Some((k, v)) = s.split_once('=') else {
            return Err(Failure::new(Exit::Usage, format!("--set 的值“{s}”应写作 字段=值")).into());
        };
        // A Chinese label (申请人姓名) is stored as its path (applicant.name); a group
        // (`applicant`) is refused by the domain with the fields that can be set.
        let key = crate::case::amendment::registration_field(k).map_or(k.trim(), |f| f.path);
        let v = match key {
            "applicant_type" => crate::case::ApplicantType::parse(v).map_or(v, |t| t.name()),
            "channel" => crate::case::Channel::parse(v).map_or(v, |c| c.name()),
            "applicant.id_type" => crate::case::IdType::parse(v).map_or(v, |t| t.name()),
            _ => v,
        };
        let value = match v.trim() {
            "" => serde_json::Value::Null,
            "true" => serde_json::Value::Bool(true),
            "false" => serde_json::Value::Bool(false),
            "是" if key == "unreachable" => serde_json::Value::Bool(true),
            "否" if key == "unreachable" => serde_json::Value::Bool(false),
            t => match t.parse::<u64>() {
                Ok(n)
                    if key.ends_with("_wd") || key.ends_with("count") || key == "working_days" =>
                {
                    n.into()
                }
                _ => serde_json::Value::String(t.to_string()),
            },
        };
        set.insert(key.to_string(), value);
    }
    super::record(
        ctx,
        &a.step,
        Step::Amend(Box::new(Amendment {
            target: a.event,
            on: a.date,
            set,
            reason: a.reason.trim().to_string(),
            force: a.force,
        })),
    )?;
    Ok(Exit::Ok)
}
