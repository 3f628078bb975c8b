//! The projection check of `verify`: every request's events replayed, and the result compared
//! with the stored projection (`data`) and its indexed columns, difference by difference.

use super::*;

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

fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// Pass 3: every request's projection against the replay of its events.
pub(super) fn check_projection(
    conn: &Connection,
    report: &mut VerifyReport,
) -> Result<(), StoreError> {
    check_requests(conn, "1 = 1", [], &mut report.problems)
}

/// Checks the requests whose row matches `where_sql` (with `args`): projection against replay.
pub(super) fn check_requests<P: rusqlite::Params>(
    conn: &Connection,
    where_sql: &str,
    args: P,
    problems: &mut Vec<Problem>,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT id, case_no, data, {} FROM requests WHERE {where_sql} ORDER BY year, seq, id",
        INDEXED_COLUMNS.join(", ")
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
        let stored: Vec<Value> = (0..INDEXED_COLUMNS.len())
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
        check_request(&case_no, data.as_deref(), &stored, &events, problems);
    }
    Ok(())
}

fn check_request(
    case_no: &str,
    data: Option<&str>,
    stored: &[Value],
    events: &[Row],
    problems: &mut Vec<Problem>,
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
            let want = serde_json::to_value(&replayed).unwrap_or(serde_json::Value::Null);
            diff_json("", &stored, &want, &mut diffs);
        }
        Some(Err(err)) => diffs.push(format!("data 无法读取（{err}）")),
        None => diffs.push("data 为空".to_string()),
    }
    for ((name, want), got) in INDEXED_COLUMNS
        .iter()
        .zip(indexed_columns(&replayed))
        .zip(stored)
    {
        if got != &want {
            diffs.push(format!(
                "列 {name} 为 {}，重放得 {}",
                show_value(got),
                show_value(&want)
            ));
        }
    }
    if diffs.is_empty() {
        return;
    }
    let stored_count = stored.get(INDEXED_COLUMNS.len() - 1).and_then(|v| match v {
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

/// Lists the JSON paths where `got` (stored) differs from `want` (replayed).
fn diff_json(path: &str, got: &serde_json::Value, want: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value as J;
    let name = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (got, want) {
        (J::Object(g), J::Object(w)) => {
            let keys: std::collections::BTreeSet<&String> = g.keys().chain(w.keys()).collect();
            for k in keys {
                match (g.get(k), w.get(k)) {
                    (Some(a), Some(b)) => diff_json(&name(k), a, b, out),
                    (Some(a), None) => out.push(format!("{} 多出了值 {}", name(k), show_json(a))),
                    (None, Some(b)) => {
                        out.push(format!("{} 缺失，重放得 {}", name(k), show_json(b)))
                    }
                    (None, None) => {}
                }
            }
        }
        (J::Array(g), J::Array(w)) if g.len() == w.len() => {
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                diff_json(&format!("{path}[{i}]"), a, b, out);
            }
        }
        (a, b) if a != b => out.push(format!(
            "{} 为 {}，重放得 {}",
            if path.is_empty() { "data" } else { path },
            show_json(a),
            show_json(b)
        )),
        _ => {}
    }
}

fn show_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("“{}”", clip(s)),
        other => clip(&other.to_string()),
    }
}
