#!/bin/sh
# The main job on the example data: import the mailed requests of autumn 2026 into a fresh
# register (the rows with mistakes go to a reject file), then print the weekly overdue report
# as of Monday 2026-11-30.
set -eu
cd "$(dirname "$0")/.."
db="${TMPDIR:-/tmp}/disclose-example-$$.db"
rejects="${TMPDIR:-/tmp}/mailed-requests-$$.rejected.csv"
trap 'rm -f "$db" "$db-wal" "$db-shm" "$rejects"' EXIT
disclose() { cargo run --release --quiet -- --db "$db" --today 2026-11-30 "$@"; }
cargo build --release --quiet
echo "== disclose import examples/mailed-requests.csv --skip-invalid"
disclose import examples/mailed-requests.csv --skip-invalid \
  --reject-file "$rejects"
echo
echo "== disclose overdue --as-of 2026-11-30"
disclose overdue --as-of 2026-11-30
