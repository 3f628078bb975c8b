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

/// The two columns a request is read from, in a query on the `requests` table (not aliased):
/// the projection's JSON and the payload of its registration event (event 1).
pub(crate) const CASE_SQL: &str = "requests.data, \
     (SELECT e1.payload FROM events e1 WHERE e1.request_id = requests.id AND e1.idx = 1)";

/// The key of the registration in the projection's JSON, as serde writes it. In JSON text the
/// exact characters `"registration":` can only be a key (a quote inside a string is escaped),
/// and no part of a request but the request itself has a key of that name.
const KEY: &str = "\"registration\":";

/// Whether the projection's JSON `data` holds the registration itself (format v1/v2, or an
/// amended request), rather than leaving it to the registration event.
pub(super) fn has_registration(data: &str) -> bool {
    data.contains(KEY)
}

/// The request from its stored projection `data` and the payload of its registration event
/// (`{"kind":"register", …}`, whose other fields are the registration).
///
/// # Errors
/// JSON errors (a projection without its registration and no registration event is one:
/// the registration is missing).
pub(super) fn decode(data: &str, registration: Option<&str>) -> Result<Case, StoreError> {
    match registration {
        Some(payload) if !has_registration(data) && data.starts_with('{') => {
            let rest = &data[1..];
            let mut json = String::with_capacity(data.len() + payload.len() + 20);
            json.push('{');
            json.push_str(KEY);
            json.push_str(payload);
            if !rest.trim_start().starts_with('}') {
                json.push(',');
            }
            json.push_str(rest);
            Ok(serde_json::from_str(&json)?)
        }
        _ => Ok(serde_json::from_str(data)?),
    }
}

/// The request read from the row of a query selecting [`CASE_SQL`] at column `at` (and the
/// registration payload at `at + 1`).
///
/// # Errors
/// SQLite and JSON errors.
pub(crate) fn case_at(row: &Row<'_>, at: usize) -> Result<Case, StoreError> {
    let data: String = row.get(at)?;
    let payload: Option<String> = row.get(at + 1)?;
    decode(&data, payload.as_deref())
}

/// The registration recorded by a registration event's payload, if it is one.
pub(super) fn registration_of(payload: &str) -> Option<Registration> {
    match serde_json::from_str::<Step>(payload).ok()? {
        Step::Register(r) => Some(*r),
        _ => None,
    }
}

/// The projection's JSON of `c` as stored: the whole request, less its registration when that
/// is `first` (the registration event's, as recorded).
///
/// # Errors
/// JSON errors.
pub(super) fn encode(c: &Case, first: Option<&Registration>) -> Result<String, StoreError> {
    let full = serde_json::to_string(c)?;
    if first != Some(&c.registration) {
        return Ok(full);
    }
    let reg = serde_json::to_string(&c.registration)?;
    // serde writes the fields in declaration order: `case_no` first, so the registration
    // always follows a comma.
    Ok(full.replacen(&format!(",{KEY}{reg}"), "", 1))
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

    #[test]
    fn an_unchanged_registration_is_left_to_the_registration_event_and_read_back_from_it() {
        let c = registered();
        let first = registration_of(PAYLOAD).unwrap();
        let data = encode(&c, Some(&first)).unwrap();
        assert!(!has_registration(&data), "{data}");
        assert!(
            data.starts_with(r#"{"case_no":"2026-0001","state":"#),
            "{data}"
        );
        assert_eq!(decode(&data, Some(PAYLOAD)).unwrap(), c);
        // Without its registration event the projection cannot be read: an error, not a guess.
        assert!(decode(&data, None).is_err());
    }

    #[test]
    fn an_amended_registration_stays_in_the_projection() {
        let mut c = registered();
        let first = registration_of(PAYLOAD).unwrap();
        c.registration.applicant.name = "周建民".to_string();
        let data = encode(&c, Some(&first)).unwrap();
        assert!(has_registration(&data));
        assert_eq!(data, serde_json::to_string(&c).unwrap());
        // The projection's own registration wins over the registration event's.
        assert_eq!(decode(&data, Some(PAYLOAD)).unwrap(), c);
    }

    #[test]
    fn a_payload_that_is_not_a_registration_gives_none() {
        assert!(registration_of(r#"{"kind":"confirm-receipt"}"#).is_none());
        assert!(registration_of("not json").is_none());
    }
}
