//! Amendment (更正): a recorded event is never changed; an amendment event corrects what was
//! recorded (a date, a field), and every reading of the log applies it at its target's place.
//! It is checked against the whole log, re-checking every step on the amended facts.

use chrono::NaiveDate;

use super::event::{Amendment, Event, Step, StepKind};
use super::registration::check_registration;
use super::rules::{Refusal, check_recorder, refuse};
use super::{Case, ReplayError, State};
use crate::calendar::Calendar;

/// Applies the amendments among `events` to the events they target and returns the effective
/// events (amendments themselves are kept, unchanged, at their place).
///
/// # Errors
/// An amendment targets an event that does not exist, another amendment, or changes a field the
/// event does not have.
pub fn effective_events(events: &[Event]) -> Result<Vec<Event>, ReplayError> {
    let mut out: Vec<Event> = events.to_vec();
    for (i, e) in events.iter().enumerate() {
        if let Step::Amend(a) = &e.step {
            let index = i as u32 + 1;
            let t = a.target as usize;
            if t == 0 || t >= index as usize {
                return Err(ReplayError {
                    index,
                    problem: format!("更正的对象第 {} 项不存在或不在本项之前", a.target),
                });
            }
            if matches!(out[t - 1].step, Step::Amend(_)) {
                return Err(ReplayError {
                    index,
                    problem: "不能更正一项更正".to_string(),
                });
            }
            out[t - 1] =
                amend_event(&out[t - 1], a).map_err(|problem| ReplayError { index, problem })?;
        }
    }
    Ok(out)
}

/// Applies one amendment to one event.
///
/// # Errors
/// A field path that the event's step does not have, or a value of the wrong shape.
pub fn amend_event(target: &Event, a: &Amendment) -> Result<Event, String> {
    let mut e = target.clone();
    if let Some(on) = a.on {
        e.on = on;
    }
    if a.set.is_empty() {
        return Ok(e);
    }
    let mut v = serde_json::to_value(&e.step).map_err(|err| err.to_string())?;
    for (path, value) in &a.set {
        if path == "kind" {
            return Err("不能更改事件的种类".to_string());
        }
        if path == "case_no" {
            return Err("案件编号不能更正".to_string());
        }
        let parts: Vec<&str> = path.split('.').collect();
        let mut cur = &mut v;
        for (k, part) in parts.iter().enumerate() {
            let obj = cur
                .as_object_mut()
                .ok_or_else(|| format!("该事件没有字段“{path}”；{}", fields_hint(&e.step)))?;
            if k + 1 == parts.len() {
                obj.insert((*part).to_string(), value.clone());
                break;
            }
            let entry = obj
                .entry((*part).to_string())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if entry.is_null() {
                *entry = serde_json::Value::Object(Default::default());
            }
            cur = entry;
        }
    }
    let step: Step = serde_json::from_value(v).map_err(|err| {
        let fields: Vec<&str> = a.set.keys().map(|k| field_label(k)).collect();
        let plain = plain_message(&err.to_string());
        if plain.contains("invalid type") || plain.contains("invalid value") {
            format!(
                "更正后的内容无效：{} 的值不合要求；{}",
                fields.join("、"),
                fields_hint(&e.step)
            )
        } else {
            format!("更正后的内容无效：{plain}")
        }
    })?;
    // A field the step does not have is dropped by the round trip: say so instead of ignoring it.
    let back = serde_json::to_value(&step).map_err(|err| err.to_string())?;
    for (path, value) in &a.set {
        let found = path
            .split('.')
            .try_fold(&back, |node, part| node.get(part))
            .is_some();
        if !found && !value.is_null() {
            return Err(format!("该事件没有字段“{path}”；{}", fields_hint(&e.step)));
        }
    }
    e.step = step;
    Ok(e)
}

/// A field of the registration (登记) an amendment may set: its path in the event, the label
/// `show` and the case file print for it, and other names a clerk may type (the column names
/// import accepts). SPEC.md §7: a mistake is corrected by a visible amendment, never by editing.
#[derive(Debug, Clone, Copy)]
pub struct RegistrationField {
    /// The dotted path in the registration event (`applicant.name`).
    pub path: &'static str,
    /// The label shown for it (申请人姓名).
    pub label: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// Whether the field is personal data, masked in every list unless `--reveal`.
    pub personal: bool,
}

/// Every field of the registration an amendment may set, in the order `show` prints them.
pub const REGISTRATION_FIELDS: &[RegistrationField] = &[
    field(
        "applicant.name",
        "申请人姓名",
        &["申请人", "申请人名称", "申请人姓名或名称", "姓名", "名称"],
        false,
    ),
    field("applicant_type", "申请人类型", &["申请人类别"], false),
    field("applicant.id_type", "证件类型", &["身份证明类型"], false),
    field(
        "applicant.id_number",
        "证件号码",
        &["证件", "身份证号码", "身份证号", "证件号"],
        true,
    ),
    field("applicant.phone", "联系电话", &["电话", "手机"], true),
    field(
        "applicant.email",
        "电子邮箱",
        &["邮箱", "电子邮件地址"],
        true,
    ),
    field(
        "applicant.address",
        "通信地址",
        &["地址", "通讯地址", "联系地址"],
        true,
    ),
    field("applicant.postcode", "邮政编码", &["邮编"], false),
    field("agent.name", "代理人", &["代理人姓名", "委托代理人"], false),
    field(
        "agent.id_number",
        "代理人证件号码",
        &["代理人证件", "代理人身份证号码"],
        true,
    ),
    field("agent.phone", "代理人电话", &["代理人联系电话"], true),
    field("channel", "申请方式", &["提交方式", "来件方式"], false),
    field("unreachable", "无法联系申请人", &[], false),
    field("content", "申请内容", &["内容"], false),
    field("form", "提供形式", &["载体形式", "信息提供形式"], false),
    field("delivery", "获取方式", &["获取信息方式", "获取途径"], false),
    field("tracking_no", "来信邮件号", &["邮件号", "邮件号码"], false),
    field("note", "备注", &[], false),
];

const fn field(
    path: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    personal: bool,
) -> RegistrationField {
    RegistrationField {
        path,
        label,
        aliases,
        personal,
    }
}

/// The registration field named `name`: its path, its label or one of its other names.
pub fn registration_field(name: &str) -> Option<&'static RegistrationField> {
    let t = name.trim();
    REGISTRATION_FIELDS
        .iter()
        .find(|f| f.path == t || f.label == t || f.aliases.contains(&t))
}

/// The label of a field path for messages and the timeline: `申请人姓名` for
/// `applicant.name`; the path itself for a field of another step.
pub fn field_label(path: &str) -> &str {
    REGISTRATION_FIELDS
        .iter()
        .find(|f| f.path == path)
        .map_or(path, |f| f.label)
}

/// Resolves a field name typed after `--set` to the path stored in the amendment: a label or
/// another Chinese name of a registration field gives its path; a path is kept.
///
/// # Errors
/// A group of fields (`applicant`, `agent`, `申请人信息`) named as if it were one field: the
/// message names the fields that can be set instead.
pub fn resolve_field(name: &str) -> Result<String, String> {
    let t = name.trim();
    if let Some(f) = registration_field(t) {
        return Ok(f.path.to_string());
    }
    if let Some(group) = ["applicant", "agent"].into_iter().find(|g| *g == t) {
        let members: Vec<String> = REGISTRATION_FIELDS
            .iter()
            .filter(|f| f.path.starts_with(&format!("{group}.")))
            .map(|f| format!("{}（{}）", f.label, f.path))
            .collect();
        return Err(format!(
            "“{t}”是一组字段，不能整体更正：请写明其中一项，如 --set {}=…；可用：{}",
            members[0].split('（').next().unwrap_or(t),
            members.join("、")
        ));
    }
    Ok(t.to_string())
}

/// The fields an amendment may set on a step, for messages.
fn fields_hint(step: &Step) -> String {
    match step {
        Step::Register(_) => format!(
            "登记可更正的字段有（写中文名或路径均可）：{}",
            REGISTRATION_FIELDS
                .iter()
                .map(|f| format!("{}（{}）", f.label, f.path))
                .collect::<Vec<_>>()
                .join("、")
        ),
        other => {
            let keys: Vec<String> = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()))
                .unwrap_or_default();
            let keys: Vec<String> = keys.into_iter().filter(|k| k != "kind").collect();
            format!(
                "可更正的字段有：{}（以及其他未填写的字段）",
                keys.join("、")
            )
        }
    }
}

/// The values the fields set by the amendment at `index` (0-based, in `events`) had just before
/// it — what the timeline shows as "old → new" — and the target's date before it. A field that
/// was empty has `Null`. `None` if `events[index]` is not an amendment or the log before it does
/// not replay.
pub fn previous_values(
    events: &[Event],
    index: usize,
) -> Option<(
    NaiveDate,
    std::collections::BTreeMap<String, serde_json::Value>,
)> {
    let Step::Amend(a) = &events.get(index)?.step else {
        return None;
    };
    let before = effective_events(&events[..index]).ok()?;
    let target = before.get((a.target as usize).checked_sub(1)?)?;
    let v = serde_json::to_value(&target.step).ok()?;
    let old = a
        .set
        .keys()
        .map(|path| {
            let found = path
                .split('.')
                .try_fold(&v, |node, part| node.get(part))
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            (path.clone(), found)
        })
        .collect();
    Some((target.on, old))
}

pub use crate::text::plain_message;

/// Checks an amendment against the whole log of its request (`events`, in order) and returns
/// the case as it will be once the amendment is recorded.
///
/// The amended event keeps its place in the order: a new business date must not precede the
/// event before it nor follow the event after it.
///
/// # Errors
/// A [`Refusal`]: archived request, no reason given, a target that is not there, a field the
/// event does not have, an impossible date.
pub fn check_amendment(
    events: &[Event],
    amendment: &Event,
    cal: &Calendar,
    today: NaiveDate,
) -> Result<Case, Refusal> {
    let Step::Amend(a) = &amendment.step else {
        return refuse("不是更正", vec![]);
    };
    let current = super::replay(events).map_err(|e| Refusal::plain(e.to_string()))?;
    let targets_appeal = events
        .get((a.target as usize).wrapping_sub(1))
        .is_some_and(|e| {
            matches!(
                e.step,
                Step::AppealFiled { .. } | Step::AppealDecided { .. }
            )
        });
    if current.state == State::Archived && !targets_appeal {
        return refuse(
            "本申请已归档，归档后只读，不能更正（条例第四十五条）；复议、诉讼的记录仍可更正",
            vec![StepKind::AppealFiled],
        );
    }
    if a.reason.trim().is_empty() {
        return refuse("更正须写明原因（--reason）", vec![]);
    }
    check_recorder(&amendment.by)?;
    if amendment.on > today {
        return refuse(
            format!("业务日期 {} 晚于今天（{today}）", amendment.on),
            vec![],
        );
    }
    let t = a.target as usize;
    if t == 0 || t > events.len() {
        return refuse(
            format!(
                "本申请没有第 {} 项事件（共 {} 项，见 show 的时间线）",
                a.target,
                events.len()
            ),
            vec![],
        );
    }
    let effective = effective_events(events).map_err(|e| Refusal::plain(e.to_string()))?;
    if matches!(effective[t - 1].step, Step::Amend(_)) {
        return refuse("不能更正一项更正：请直接更正原来的事件", vec![]);
    }
    if a.on.is_none() && a.set.is_empty() {
        return refuse(
            "请写明要更正的内容：新的日期（--date）或字段（--set 字段=值）",
            vec![],
        );
    }
    if let Some(d) = a.on {
        let non_amend: Vec<(usize, &Event)> = effective
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                *i == t - 1
                    || !matches!(
                        e.step,
                        Step::Amend(_) | Step::AppealFiled { .. } | Step::AppealDecided { .. }
                    )
            })
            .collect();
        let pos = non_amend
            .iter()
            .position(|(i, _)| *i == t - 1)
            .expect("target is not an amendment");
        if let Some((_, prev)) = pos.checked_sub(1).map(|p| non_amend[p])
            && d < prev.on
        {
            return refuse(
                format!(
                    "更正后的日期 {d} 早于前一项事件的日期 {}，次序不符",
                    prev.on
                ),
                vec![],
            );
        }
        if let Some((_, next)) = non_amend.get(pos + 1)
            && d > next.on
        {
            return refuse(
                format!(
                    "更正后的日期 {d} 晚于后一项事件的日期 {}，次序不符",
                    next.on
                ),
                vec![],
            );
        }
        if d > today {
            return refuse(format!("更正后的日期 {d} 晚于今天（{today}）"), vec![]);
        }
    }
    if matches!(effective[t - 1].step, Step::Register(_)) {
        // `kind` and `case_no` get their own refusal from `amend_event`.
        for path in a
            .set
            .keys()
            .filter(|p| !["kind", "case_no"].contains(&p.as_str()))
        {
            if registration_field(path).is_none() {
                resolve_field(path).map_err(Refusal::plain)?;
                return refuse(
                    format!(
                        "该事件没有字段“{path}”；{}",
                        fields_hint(&effective[t - 1].step)
                    ),
                    vec![],
                );
            }
        }
    }
    let amended = amend_event(&effective[t - 1], a).map_err(Refusal::plain)?;
    if let Step::Register(r) = &amended.step {
        check_registration(r)?;
    }
    let mut all = events.to_vec();
    all.push(amendment.clone());
    let amended = super::replay(&all).map_err(|e| Refusal::plain(e.to_string()))?;
    if !a.force {
        let before = super::audit(events, cal);
        let new: Vec<String> = super::audit(&all, cal)
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        if !new.is_empty() {
            return refuse(
                format!(
                    "按更正后的事实，已记录的步骤将不合规定：{}。如更正属实（当时确实如此），加 --force 照实记录，show 会标出这些问题",
                    new.join("；")
                ),
                vec![],
            );
        }
    }
    Ok(amended)
}

#[cfg(test)]
mod tests {
    use crate::case::tests::*;
    use crate::case::*;

    #[test]
    fn art33_an_amendment_of_r_recomputes_the_reply_due_date() {
        let fx = fixtures();
        let events = fx[1].1.clone();
        // The request was in fact handed in on 2026-03-03, not 03-02.
        let mut set = std::collections::BTreeMap::new();
        set.insert("applicant.name".to_string(), serde_json::json!("张叁"));
        let a = ev(
            "2026-03-06",
            Step::Amend(Box::new(Amendment {
                target: 1,
                on: Some(d("2026-03-03")),
                set,
                reason: "登记时抄错".into(),
                force: false,
            })),
        );
        let c = check_amendment(&events, &a, cal(), d("2026-03-06")).unwrap();
        assert_eq!(c.received_on, Some(d("2026-03-03")));
        assert_eq!(c.registration.applicant.name, "张叁");
        // 20 WD after Tue 2026-03-03 is 2026-03-31 (it was 03-30 from 03-02).
        assert_eq!(
            deadlines(&c, cal(), d("2026-03-06"))
                .unwrap()
                .reply_due
                .unwrap()
                .value,
            d("2026-03-31")
        );
        let mut bad = std::collections::BTreeMap::new();
        bad.insert("applicant.nmae".to_string(), serde_json::json!("x"));
        let b = ev(
            "2026-03-06",
            Step::Amend(Box::new(Amendment {
                target: 1,
                on: None,
                set: bad,
                reason: "x".into(),
                force: false,
            })),
        );
        let r = check_amendment(&events, &b, cal(), d("2026-03-06")).unwrap_err();
        assert!(
            r.message.contains("没有字段“applicant.nmae”"),
            "{}",
            r.message
        );
        // Archived requests are read-only.
        let r = check_amendment(&fx[9].1, &a, cal(), d("2026-03-06")).unwrap_err();
        assert!(
            r.message.starts_with("本申请已归档，归档后只读"),
            "{}",
            r.message
        );
    }

    #[test]
    fn chinese_field_names_resolve_to_paths_and_groups_are_refused() {
        use crate::case::amendment::resolve_field;
        assert_eq!(resolve_field("申请人姓名").unwrap(), "applicant.name");
        assert_eq!(resolve_field(" 电话 ").unwrap(), "applicant.phone");
        assert_eq!(resolve_field("代理人电话").unwrap(), "agent.phone");
        assert_eq!(resolve_field("邮件号").unwrap(), "tracking_no");
        assert_eq!(resolve_field("content").unwrap(), "content");
        let e = resolve_field("agent").unwrap_err();
        assert_eq!(
            e,
            "“agent”是一组字段，不能整体更正：请写明其中一项，如 --set 代理人=…；可用：代理人（agent.name）、代理人证件号码（agent.id_number）、代理人电话（agent.phone）"
        );
    }
}
