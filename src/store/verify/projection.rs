//! The projection check of `verify`: every request's events replayed, and the result compared
//! with the stored projection (`data`) and its indexed columns, difference by difference.

use super::*;
use crate::case::identity::mask_id;

/// One stored event as read for the replay.
struct Row {
    seq: i64,
    index: Option<i64>,
    kind: Option<String>,
    on: Option<String>,
    by: Option<String>,
    payload: Option<String>,
}

fn show_value(v: &Value) -> String {
    match v {
        Value::Null => "空".to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => format!("“{}”", clip(t)),
        Value::Blob(b) => format!("{} 字节的二进制数据", b.len()),
    }
}

/// The Chinese name of an indexed column of `requests` ([`INDEXED_COLUMNS`]), shown beside the
/// column's own name in a difference `verify` reports.
fn column_label(name: &str) -> &'static str {
    match name {
        "state" => "状态",
        "applicant_type" => "申请人类型",
        "applicant_name" => "申请人",
        "applicant_id" => "证件号码",
        "content_key" => "申请内容摘要值",
        "tracking_no" => "邮件号",
        "department" => "承办科室",
        "registered_on" => "登记日期",
        "received_on" => "收到日期",
        "concluded_on" => "办结日期",
        "outcome" => "答复类型",
        "last_on" => "最后办理日期",
        "event_count" => "事件数",
        "request_kind" => "申请类别",
        _ => "",
    }
}

/// The Chinese label (as `show` gives it) of a stored enumeration value — a state
/// (`concluded` → 已办结), an applicant type, a channel, a kind of request — found under the
/// column or JSON key `key`; `None` for any other value, shown as it is.
fn enum_label(key: &str, text: &str) -> Option<&'static str> {
    use crate::case::{ApplicantType, Channel, RequestKind, State};
    match key {
        "state" => State::ALL
            .into_iter()
            .find(|x| x.name() == text)
            .map(|x| x.label()),
        "applicant_type" => ApplicantType::ALL
            .into_iter()
            .find(|x| x.name() == text)
            .map(|x| x.label()),
        "channel" => Channel::ALL
            .into_iter()
            .find(|x| x.name() == text)
            .map(|x| x.label()),
        "kind" | "request_kind" => RequestKind::ALL
            .into_iter()
            .find(|x| x.name() == text)
            .map(|x| x.label()),
        _ => None,
    }
}

fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// Pass 3: every request's projection against the replay of its events.
/// Personal data in the differences is masked unless `reveal` (issue 16 #1).
pub(super) fn check_projection(
    conn: &Connection,
    report: &mut VerifyReport,
    reveal: bool,
) -> Result<(), StoreError> {
    check_requests(conn, "1 = 1", [], &mut report.problems, reveal)
}

/// Whether the `requests` table has `column`.
fn has_column(conn: &Connection, column: &str) -> Result<bool, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM pragma_table_info('requests') WHERE name = ?1",
        [column],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// The fields of a request that storage format v4 keeps only in its row's columns, beside
/// `case_no` (see `stored::Held`).
const HELD_COLUMNS: [&str; 5] = [
    "state",
    "registered_on",
    "received_on",
    "last_on",
    "event_count",
];

/// Checks the requests whose row matches `where_sql` (with `args`): projection against replay.
/// The values quoted in a difference have their ID numbers, phones, e-mail and addresses
/// masked unless `reveal` (issue 16 #1: masking applies wherever a value is printed).
pub(super) fn check_requests<P: rusqlite::Params>(
    conn: &Connection,
    where_sql: &str,
    args: P,
    problems: &mut Vec<Problem>,
    reveal: bool,
) -> Result<(), StoreError> {
    // A register checked before its upgrade (the v1 file about to be migrated) lacks the
    // columns later steps add at the end of the list: those are not compared.
    let present = INDEXED_COLUMNS
        .iter()
        .take_while(|c| has_column(conn, c).unwrap_or(false))
        .count();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let sql = format!(
        "SELECT id, case_no, data, {} FROM requests WHERE {where_sql} ORDER BY year, seq, id",
        INDEXED_COLUMNS[..present].join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(args)?;
    let mut events_stmt = conn.prepare(
        "SELECT seq, idx, kind, on_date, recorded_by, payload FROM events
         WHERE request_id = ?1 ORDER BY idx, seq",
    )?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let case_no = as_text(row.get_ref(1)?).unwrap_or_default();
        let data = as_text(row.get_ref(2)?);
        let stored: Vec<Value> = (0..present)
            .map(|i| row.get::<_, Value>(3 + i))
            .collect::<rusqlite::Result<_>>()?;
        let events: Vec<Row> = events_stmt
            .query_map([id], |r| {
                Ok(Row {
                    seq: r.get(0)?,
                    index: as_int(r.get_ref(1)?),
                    kind: as_text(r.get_ref(2)?),
                    on: as_text(r.get_ref(3)?),
                    by: as_text(r.get_ref(4)?),
                    payload: as_text(r.get_ref(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        check_request(
            &case_no,
            data.as_deref(),
            &stored,
            version,
            &events,
            problems,
            reveal,
        );
    }
    Ok(())
}

fn check_request(
    case_no: &str,
    data: Option<&str>,
    stored: &[Value],
    version: i64,
    events: &[Row],
    problems: &mut Vec<Problem>,
    reveal: bool,
) {
    let mut push = |event: Option<u32>, seq: Option<i64>, check: &'static str, what: String| {
        problems.push(Problem {
            case_no: Some(case_no.to_string()),
            event,
            seq,
            check,
            what,
        })
    };
    if events.is_empty() {
        push(
            None,
            None,
            "events",
            "申请没有任何事件（连登记事件也没有）：事件被删除了".to_string(),
        );
        return;
    }
    // The numbering must run 1, 2, 3 … without a gap or a repeat.
    let mut parsed: Vec<Event> = Vec::with_capacity(events.len());
    let mut readable = true;
    let mut expected_index: i64 = 1;
    for e in events {
        let event = e.index.and_then(|i| u32::try_from(i).ok());
        match e.index {
            Some(i) if i == expected_index => {}
            Some(i) if i > expected_index => {
                let missing = if i == expected_index + 1 {
                    format!("第 {expected_index} 项")
                } else {
                    format!("第 {expected_index}–{} 项", i - 1)
                };
                push(
                    event,
                    Some(e.seq),
                    "events",
                    format!("事件编号不连续：缺少{missing}事件（被删除了）"),
                );
                readable = false;
            }
            _ => {
                push(
                    event,
                    Some(e.seq),
                    "events",
                    format!(
                        "事件编号“{}”无效或重复（此处应为第 {expected_index} 项）",
                        e.index.map_or("空".to_string(), |i| i.to_string())
                    ),
                );
                readable = false;
            }
        }
        expected_index = e.index.unwrap_or(expected_index).max(expected_index) + 1;
        let step: Option<Step> = match e.payload.as_deref().map(serde_json::from_str::<Step>) {
            Some(Ok(s)) => Some(s),
            Some(Err(err)) => {
                push(
                    event,
                    Some(e.seq),
                    "replay",
                    format!("事件内容无法读取：{err}"),
                );
                None
            }
            None => {
                push(event, Some(e.seq), "replay", "事件内容为空".to_string());
                None
            }
        };
        let on = e.on.as_deref().and_then(|s| s.parse().ok());
        if on.is_none() {
            push(
                event,
                Some(e.seq),
                "replay",
                format!("业务日期“{}”无效", e.on.clone().unwrap_or_default()),
            );
        }
        if let Some(s) = &step
            && e.kind.as_deref() != Some(s.kind_name())
        {
            push(
                event,
                Some(e.seq),
                "replay",
                format!(
                    "事件种类列为“{}”，内容却是“{}”",
                    e.kind.clone().unwrap_or_default(),
                    s.kind_name()
                ),
            );
        }
        match (step, on) {
            (Some(step), Some(on)) => parsed.push(Event {
                on,
                by: e.by.clone().unwrap_or_default(),
                step,
            }),
            _ => readable = false,
        }
    }
    if !readable {
        return;
    }
    let replayed = match case::replay(&parsed) {
        Ok(c) => c,
        Err(err) => {
            let at = events.get((err.index as usize).wrapping_sub(1));
            push(
                Some(err.index),
                at.map(|e| e.seq),
                "replay",
                format!("事件无法回放：{}", err.problem),
            );
            return;
        }
    };
    let last = events.last().expect("not empty");
    if replayed.case_no != case_no {
        push(
            Some(1),
            Some(events[0].seq),
            "projection",
            format!(
                "申请的案件编号列为“{case_no}”，登记事件中却是“{}”",
                replayed.case_no
            ),
        );
    }
    let mut diffs = Vec::new();
    let stored_columns = stored;
    match data.map(serde_json::from_str::<serde_json::Value>) {
        Some(Ok(mut stored)) => {
            // Storage format v3 leaves out the registration while it is the registration
            // event's: the stored projection means that registration.
            if let (serde_json::Value::Object(map), Some(Step::Register(r))) =
                (&mut stored, parsed.first().map(|e| &e.step))
                && !map.contains_key("registration")
            {
                map.insert(
                    "registration".to_string(),
                    serde_json::to_value(r).unwrap_or(serde_json::Value::Null),
                );
            }
            // Storage format v4 leaves the fields its columns hold to the columns (compared
            // with the replay below): the stored projection means those values. One the JSON
            // holds after all is compared as it stands (it was put there behind the tool's back).
            if let serde_json::Value::Object(map) = &mut stored
                && !map.contains_key("case_no")
            {
                map.insert("case_no".to_string(), case_no.into());
                for key in HELD_COLUMNS {
                    let at = INDEXED_COLUMNS.iter().position(|c| *c == key);
                    let value: serde_json::Value = match at.and_then(|i| stored_columns.get(i)) {
                        Some(Value::Text(t)) => t.as_str().into(),
                        Some(Value::Integer(i)) => (*i).into(),
                        _ => continue,
                    };
                    map.entry(key).or_insert(value);
                }
            }
            let want = serde_json::to_value(&replayed).unwrap_or(serde_json::Value::Null);
            diff_json("", &stored, &want, &mut diffs, reveal);
        }
        Some(Err(err)) => diffs.push(format!("data 无法读取（{err}）")),
        None => diffs.push("data 为空".to_string()),
    }
    for ((name, want), got) in INDEXED_COLUMNS
        .iter()
        .zip(indexed_columns_as_of(&replayed, version))
        .zip(stored)
    {
        if got != &want {
            let shown = |v: &Value| match v {
                Value::Text(t) if *name == "applicant_id" && !reveal => {
                    show_value(&Value::Text(mask_id(t)))
                }
                Value::Text(t) if enum_label(name, t).is_some() => {
                    format!("“{}”", enum_label(name, t).unwrap_or_default())
                }
                v => show_value(v),
            };
            diffs.push(format!(
                "列 {name}（{}）为 {}，重放得 {}",
                column_label(name),
                shown(got),
                shown(&want)
            ));
        }
    }
    if diffs.is_empty() {
        return;
    }
    let stored_count = INDEXED_COLUMNS
        .iter()
        .position(|c| *c == "event_count")
        .and_then(|i| stored.get(i));
    let stored_count = stored_count.and_then(|v| match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    });
    let n = events.len() as i64;
    if let Some(k) = stored_count.filter(|k| *k > n) {
        let missing = if k == n + 1 {
            format!("第 {k} 项")
        } else {
            format!("第 {}–{k} 项", n + 1)
        };
        push(
            u32::try_from(n + 1).ok(),
            None,
            "projection",
            format!(
                "案件信息记录了 {k} 项事件，事件表只有 {n} 项（最后一项为 seq {}）：{missing}事件缺失，被删除了",
                last.seq
            ),
        );
    }
    let total = diffs.len();
    for d in diffs.into_iter().take(MAX_DIFFS_PER_REQUEST) {
        push(
            None,
            None,
            "projection",
            format!("案件信息与 {n} 项事件的重放结果不符：{d}"),
        );
    }
    if total > MAX_DIFFS_PER_REQUEST {
        push(
            None,
            None,
            "projection",
            format!("另有 {} 处不符未列出", total - MAX_DIFFS_PER_REQUEST),
        );
    }
}

/// Lists the JSON paths where `got` (stored) differs from `want` (replayed); the values quoted
/// are masked as [`masked`] says unless `reveal`.
fn diff_json(
    path: &str,
    got: &serde_json::Value,
    want: &serde_json::Value,
    out: &mut Vec<String>,
    reveal: bool,
) {
    use serde_json::Value as J;
    let name = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    let show = |at: &str, v: &J| {
        let key = at.rsplit('.').next().unwrap_or(at);
        if let Some(label) = v.as_str().and_then(|t| enum_label(key, t)) {
            return format!("“{label}”");
        }
        if reveal {
            show_json(v)
        } else {
            show_json(&masked(at, v))
        }
    };
    match (got, want) {
        (J::Object(g), J::Object(w)) => {
            let keys: std::collections::BTreeSet<&String> = g.keys().chain(w.keys()).collect();
            for k in keys {
                let at = name(k);
                match (g.get(k), w.get(k)) {
                    (Some(a), Some(b)) => diff_json(&at, a, b, out, reveal),
                    (Some(a), None) => out.push(format!("{at} 多出了值 {}", show(&at, a))),
                    (None, Some(b)) => out.push(format!("{at} 缺失，重放得 {}", show(&at, b))),
                    (None, None) => {}
                }
            }
        }
        (J::Array(g), J::Array(w)) if g.len() == w.len() => {
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                diff_json(&format!("{path}[{i}]"), a, b, out, reveal);
            }
        }
        (a, b) if a != b => out.push(format!(
            "{} 为 {}，重放得 {}",
            if path.is_empty() { "data" } else { path },
            show(path, a),
            show(path, b)
        )),
        _ => {}
    }
}

/// `v`, found at JSON path `at` (`applicant.phone`, `timeline[2]`), with its personal data
/// masked as every list and report masks it: the value itself when the path ends in a masked
/// field (`id_number`, `phone`, `email`, `address`), and such fields anywhere inside it.
fn masked(at: &str, v: &serde_json::Value) -> serde_json::Value {
    let last = at.rsplit('.').next().unwrap_or(at);
    let key = last.split('[').next().unwrap_or(last);
    let mut wrapped = serde_json::json!({ key: v });
    crate::report::export::mask_personal(&mut wrapped);
    wrapped
        .get_mut(key)
        .map(serde_json::Value::take)
        .unwrap_or_default()
}

fn show_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("“{}”", clip(s)),
        other => clip(&other.to_string()),
    }
}
