//! How a request's projection (`requests.data`) is stored since storage format v3 (issue 11):
//! the registration (登记的申请内容) is stored once, in the payload of the request's first event
//! (the registration event of the hash-chained log, SPEC.md §7), and the projection's JSON
//! leaves it out while it is unchanged. A request whose registration was amended (更正登记)
//! keeps its registration in the projection, since it differs from the registration event.
//!
//! Readers select [`CASE_SQL`] and read the case with [`case_at`]; the writer stores
//! [`encode`]; `verify` compares the replay with the stored JSON completed by the same rule.

use rusqlite::Row;

use super::StoreError;
use crate::case::{Case, Registration, Step};

/// The columns a request is read from, in a query on the `requests` table (not aliased), always
/// last in the SELECT: the projection's JSON, the payload of its registration event (event 1),
/// and the columns whose values the JSON leaves out ([`Held`], storage format v4).
pub(crate) const CASE_SQL: &str = "requests.data, \
     (SELECT e1.payload FROM events e1 WHERE e1.request_id = requests.id AND e1.idx = 1), \
     requests.case_no, requests.state, requests.registered_on, requests.received_on, \
     requests.last_on, requests.event_count";

/// The key of the registration in the projection's JSON, as serde writes it. In JSON text the
/// exact characters `"registration":` can only be a key (a quote inside a string is escaped),
/// and no part of a request but the request itself has a key of that name.
const KEY: &str = "\"registration\":";

/// How a projection of storage format v1–v3 begins (serde writes the fields in declaration
/// order, `case_no` first); one of format v4 leaves `case_no` to its column.
const FULL_FORM: &str = "{\"case_no\":";

/// Whether the projection's JSON `data` holds the registration itself (format v1/v2, or an
/// amended request), rather than leaving it to the registration event.
pub(super) fn has_registration(data: &str) -> bool {
    data.contains(KEY)
}

/// The projection's fields that its row's columns hold, as stored (dates `YYYY-MM-DD`, the
/// state by its name): storage format v4 leaves them out of the JSON (issue 11: the projection
/// keeps the columns, the rest of what is stored says each thing once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Held {
    /// `case_no`.
    pub case_no: String,
    /// `state` ([`crate::case::State::name`], which is also its JSON form).
    pub state: String,
    /// `registered_on`.
    pub registered_on: String,
    /// `received_on`, when there is one.
    pub received_on: Option<String>,
    /// `last_on`.
    pub last_on: String,
    /// `event_count`.
    pub event_count: i64,
}

impl Held {
    /// Read from the row of a query selecting [`CASE_SQL`] at column `at`.
    fn at(row: &Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Held {
            case_no: row.get(at + 2)?,
            state: row.get(at + 3)?,
            registered_on: row.get(at + 4)?,
            received_on: row.get(at + 5)?,
            last_on: row.get(at + 6)?,
            event_count: row.get(at + 7)?,
        })
    }

    /// The fields as JSON members, without braces.
    fn members(&self) -> Result<String, serde_json::Error> {
        let q = serde_json::to_string::<str>;
        let mut out = format!(
            "\"case_no\":{},\"state\":{},\"registered_on\":{}",
            q(&self.case_no)?,
            q(&self.state)?,
            q(&self.registered_on)?
        );
        if let Some(r) = &self.received_on {
            out += &format!(",\"received_on\":{}", q(r)?);
        }
        out += &format!(
            ",\"last_on\":{},\"event_count\":{}",
            q(&self.last_on)?,
            self.event_count
        );
        Ok(out)
    }
}

/// The projection's whole JSON from its stored `data`, the payload of its registration event
/// (`{"kind":"register", …}`, whose other fields are the registration) and its row's columns:
/// what format v4 leaves out put back ([`Held`]), and the registration when `data` leaves it to
/// the registration event. A projection of format v1–v3 keeps its own fields.
///
/// # Errors
/// JSON errors; a projection of format v4 without its columns, or leaving out its registration
/// without a registration event, is one (a field is missing when it is read).
pub(super) fn completed<'a>(
    data: &'a str,
    registration: Option<&str>,
    held: Option<&Held>,
) -> Result<std::borrow::Cow<'a, str>, serde_json::Error> {
    let full = data.starts_with(FULL_FORM);
    let payload = registration.filter(|_| !has_registration(data));
    let Some(rest) = data.strip_prefix('{') else {
        return Ok(data.into());
    };
    let mut members = Vec::new();
    if !full && let Some(h) = held {
        members.push(h.members()?);
    }
    if let Some(p) = payload {
        members.push(format!("{KEY}{p}"));
    }
    if members.is_empty() {
        return Ok(data.into());
    }
    let mut json =
        String::with_capacity(data.len() + members.iter().map(String::len).sum::<usize>() + 8);
    json.push('{');
    json.push_str(&members.join(","));
    if !rest.trim_start().starts_with('}') {
        json.push(',');
    }
    json.push_str(rest);
    Ok(json.into())
}

/// The request from its stored projection `data`, the payload of its registration event and
/// its row's columns (see [`completed`]).
///
/// # Errors
/// JSON errors (a projection without its registration and no registration event is one:
/// the registration is missing).
pub(super) fn decode(
    data: &str,
    registration: Option<&str>,
    held: Option<&Held>,
) -> Result<Case, StoreError> {
    Ok(serde_json::from_str(&completed(data, registration, held)?)?)
}

/// The request read from the row of a query selecting [`CASE_SQL`] at column `at`.
///
/// # Errors
/// SQLite and JSON errors.
pub(crate) fn case_at(row: &Row<'_>, at: usize) -> Result<Case, StoreError> {
    let data: String = row.get(at)?;
    let payload: Option<String> = row.get(at + 1)?;
    decode(&data, payload.as_deref(), Some(&Held::at(row, at)?))
}

/// The registration recorded by a registration event's payload, if it is one.
pub(super) fn registration_of(payload: &str) -> Option<Registration> {
    match serde_json::from_str::<Step>(payload).ok()? {
        Step::Register(r) => Some(*r),
        _ => None,
    }
}

/// The projection's JSON of `c` as stored (storage format v4): the request less the fields its
/// row's columns hold ([`Held`]), and less its registration when that is `first` (the
/// registration event's, as recorded).
///
/// # Errors
/// JSON errors.
pub(super) fn encode(c: &Case, first: Option<&Registration>) -> Result<String, StoreError> {
    let full = serde_json::to_string(c)?;
    let reg = serde_json::to_string(&c.registration)?;
    // serde writes the fields in declaration order: case_no, state, registration,
    // registered_on, received_on (when there is one), …, last_on, event_count.
    let q = |d: &chrono::NaiveDate| serde_json::to_string(d);
    let head = format!(
        "{{\"case_no\":{},\"state\":{},{KEY}{reg},\"registered_on\":{}",
        serde_json::to_string(&c.case_no)?,
        serde_json::to_string(&c.state)?,
        q(&c.registered_on)?
    );
    let head = match c.received_on {
        Some(r) => format!("{head},\"received_on\":{}", q(&r)?),
        None => head,
    };
    let tail = format!(
        ",\"last_on\":{},\"event_count\":{}}}",
        q(&c.last_on)?,
        c.event_count
    );
    let Some(middle) = full
        .strip_prefix(head.as_str())
        .and_then(|m| m.strip_suffix(tail.as_str()))
    else {
        // Not the order above (it always is): the whole request, which is read as it stands.
        return Ok(full);
    };
    let mut members: Vec<&str> = Vec::new();
    let keep = format!("{KEY}{reg}");
    if first != Some(&c.registration) {
        members.push(&keep);
    }
    if let Some(m) = middle.strip_prefix(',') {
        members.push(m);
    }
    Ok(format!("{{{}}}", members.join(",")))
}

/// The SQL of migration step 5 (storage format v3, issue 11): every projection whose
/// registration is the registration event's, as recorded, stored without it; and the columns
/// and indexes the annual report (年度报告, 国办公开办函〔2021〕30号 tables 三 and 四, and the
/// fees of 国办函〔2020〕109号) is counted from: the receipt-or-registration date with the
/// conclusion date and applicant type; the conclusion date with the outcome; the requests not
/// concluded; the day a fee was paid. The index of the names' pieces by request goes: the
/// writer removes a request's pieces by the pieces themselves (`search::index`).
pub(super) const FORMAT_V3_MIGRATION: &str = r#"
    UPDATE requests SET data = json_remove(data, '$.registration')
     WHERE json_extract(data, '$.registration') = (
           SELECT json_remove(e1.payload, '$.kind') FROM events e1
            WHERE e1.request_id = requests.id AND e1.idx = 1
              AND e1.kind = 'register' AND json_valid(e1.payload));
    ALTER TABLE requests ADD COLUMN fee_paid_on TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.fee.paid_on')) VIRTUAL;
    CREATE INDEX requests_fee_paid ON requests (fee_paid_on) WHERE fee_paid_on IS NOT NULL;
    DROP INDEX requests_filed;
    CREATE INDEX requests_filed_type ON requests (filed_on, concluded_on, applicant_type);
    DROP INDEX requests_concluded;
    CREATE INDEX requests_concluded_outcome
        ON requests (concluded_on, filed_on, outcome, applicant_type)
        WHERE concluded_on IS NOT NULL;
    CREATE INDEX requests_unconcluded ON requests (filed_on, applicant_type)
        WHERE concluded_on IS NULL;
    DROP INDEX request_grams_request;
    "#;

/// The SQL of migration step 8 (storage format v4, issue 11): every projection stored without
/// the fields its row's columns hold ([`Held`]); the columns are checked against the replay by
/// the `verify` run on the copy made before the upgrade, and again by every later `verify`.
pub(super) const FORMAT_V4_MIGRATION: &str = r#"
    UPDATE requests SET data = json_remove(data, '$.case_no', '$.state', '$.registered_on',
                                           '$.received_on', '$.last_on', '$.event_count')
     WHERE substr(data, 1, 11) = '{"case_no":';
    "#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{self, Event};

    const PAYLOAD: &str = r#"{"kind":"register","case_no":"2026-0001","channel":"mail","applicant_type":"natural","applicant":{"name":"周建国","phone":"18654124031"},"content":"某市青龙寺遗址保护规划的批复文件","tracking_no":"XA35641989931"}"#;

    fn registered() -> Case {
        let event = Event {
            on: "2026-09-03".parse().unwrap(),
            by: "王".to_string(),
            step: serde_json::from_str(PAYLOAD).unwrap(),
        };
        case::apply(None, &event).unwrap()
    }

    /// The columns of `c`'s row, as the writer stores them.
    fn held(c: &Case) -> Held {
        Held {
            case_no: c.case_no.clone(),
            state: c.state.name().to_string(),
            registered_on: c.registered_on.to_string(),
            received_on: c.received_on.map(|d| d.to_string()),
            last_on: c.last_on.to_string(),
            event_count: i64::from(c.event_count),
        }
    }

    #[test]
    fn an_unchanged_registration_and_the_columns_are_left_out_and_read_back() {
        let c = registered();
        let first = registration_of(PAYLOAD).unwrap();
        let data = encode(&c, Some(&first)).unwrap();
        assert_eq!(
            data,
            r#"{"clock_start":"2026-09-03","needs_correction":["身份证明"]}"#
        );
        assert_eq!(decode(&data, Some(PAYLOAD), Some(&held(&c))).unwrap(), c);
        // Without its registration event or its columns the projection cannot be read: an
        // error, not a guess.
        assert!(decode(&data, None, Some(&held(&c))).is_err());
        assert!(decode(&data, Some(PAYLOAD), None).is_err());
    }

    #[test]
    fn every_state_is_written_in_its_column_as_in_json() {
        for s in crate::case::State::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.name())
            );
        }
    }

    #[test]
    fn an_amended_registration_stays_in_the_projection() {
        let mut c = registered();
        let first = registration_of(PAYLOAD).unwrap();
        c.registration.applicant.name = "周建民".to_string();
        let data = encode(&c, Some(&first)).unwrap();
        assert!(has_registration(&data));
        assert!(!data.contains("case_no\":\"2026-0001\",\"state"), "{data}");
        // The projection's own registration wins over the registration event's.
        assert_eq!(decode(&data, Some(PAYLOAD), Some(&held(&c))).unwrap(), c);
    }

    #[test]
    fn a_projection_of_an_older_format_is_read_as_it_stands() {
        let c = registered();
        let v1 = serde_json::to_string(&c).unwrap();
        assert!(v1.starts_with(FULL_FORM));
        assert_eq!(decode(&v1, Some(PAYLOAD), Some(&held(&c))).unwrap(), c);
        // Format v3: everything but the registration.
        let reg = serde_json::to_string(&c.registration).unwrap();
        let v3 = v1.replacen(&format!(",{KEY}{reg}"), "", 1);
        assert_eq!(decode(&v3, Some(PAYLOAD), Some(&held(&c))).unwrap(), c);
        assert_eq!(decode(&v3, Some(PAYLOAD), None).unwrap(), c);
    }

    #[test]
    fn a_payload_that_is_not_a_registration_gives_none() {
        assert!(registration_of(r#"{"kind":"confirm-receipt"}"#).is_none());
        assert!(registration_of("not json").is_none());
    }
}
