#!/bin/sh
# The main job on the example data: import the mailed requests of autumn 2026 into a fresh
# register (the rows with mistakes go to a reject file) and the bureau's catalogue of documents
# (主动公开, examples/documents.csv), then print the weekly overdue report as of Monday
# 2026-11-30: the requests and, beside them, the documents' duties (publication, policy
# interpretation, marking of a change).
set -eu
cd "$(dirname "$0")/.."
db="${TMPDIR:-/tmp}/disclose-example-$$.db"
rejects="${TMPDIR:-/tmp}/mailed-requests-$$.rejected.csv"
config="${TMPDIR:-/tmp}/disclose-example-$$.toml"
trap 'rm -f "$db" "$db-wal" "$db-shm" "$rejects" "$config"' EXIT
cat >"$config" <<'TOML'
agency = "根河市文化旅游广电局"
credit_code = "11152185MB1604391C"
index_no_format = "{credit_code}/{year}-{seq:05}"
TOML
disclose() { cargo run --release --quiet -- --db "$db" --config "$config" --today 2026-11-30 "$@"; }
cargo build --release --quiet
echo "== disclose import examples/mailed-requests.csv --skip-invalid"
disclose import examples/mailed-requests.csv --skip-invalid \
  --reject-file "$rejects"
echo
echo "== disclose doc import examples/documents.csv"
disclose doc import examples/documents.csv
echo
echo "== disclose overdue --as-of 2026-11-30"
disclose overdue --as-of 2026-11-30
