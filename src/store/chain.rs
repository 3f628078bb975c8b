//! The hash chain of the event log (事件记录的哈希链): each stored event names the hash of the one
//! before, so that a removed, reordered or altered event breaks the chain (SPEC.md §7).

use sha2::{Digest, Sha256};

use crate::case::Event;

/// The hash that precedes the first event of a register.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored event: the step with its place in the log and its hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// Global sequence number (order of recording across the register).
    pub seq: i64,
    /// The request's case number.
    pub case_no: String,
    /// Number within the request, from 1 (the registration).
    pub index: u32,
    /// The event.
    pub event: Event,
    /// When it was recorded (RFC 3339 timestamp, the machine's clock).
    pub recorded_at: String,
    /// The payload exactly as stored (JSON).
    pub payload: String,
    /// Hash of the previous event in the register.
    pub prev_hash: String,
    /// Hash of this event (see [`event_hash`]).
    pub hash: String,
}

/// The SHA-256 (hex) chaining one event to the one before: over the previous hash, the case
/// number, the event's number within its request, kind, business date, recorder, timestamp and
/// payload, separated by newlines.
#[allow(clippy::too_many_arguments)]
pub fn event_hash(
    prev_hash: &str,
    case_no: &str,
    index: u32,
    kind: &str,
    on: &str,
    by: &str,
    at: &str,
    payload: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        case_no,
        &index.to_string(),
        kind,
        on,
        by,
        at,
        payload,
    ] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// The SQL expression reading the hash column `col` as 64 lower-case hex digits: storage format
/// v2 keeps hashes as 32-byte blobs, v1 (and a value written by hand into a tampered file) as
/// text, which is read as it is.
pub(super) fn hex_sql(col: &str) -> String {
    format!("(CASE typeof({col}) WHEN 'blob' THEN lower(hex({col})) ELSE {col} END)")
}

/// A hash of 64 hex digits as the 32 bytes storage format v2 keeps (anything else, which
/// [`event_hash`] never makes, is kept as its text bytes).
pub(super) fn hash_blob(hex: &str) -> Vec<u8> {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = hex.as_bytes();
    if b.len() == 64 && hex == hex.to_ascii_lowercase() {
        let bytes: Option<Vec<u8>> = b
            .chunks(2)
            .map(|p| Some(digit(p[0])? << 4 | digit(p[1])?))
            .collect();
        if let Some(v) = bytes {
            return v;
        }
    }
    b.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_round_trips_through_its_blob() {
        let h = event_hash(
            GENESIS_HASH,
            "2026-0001",
            1,
            "register",
            "2026-01-05",
            "a",
            "t",
            "{}",
        );
        let blob = hash_blob(&h);
        assert_eq!(blob.len(), 32);
        let back: String = blob.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(back, h);
        assert_eq!(hash_blob(GENESIS_HASH), vec![0u8; 32]);
        assert_eq!(hash_blob("not a hash"), b"not a hash".to_vec());
    }
}
