#!/bin/sh
# Writes the public catalogue (政府信息公开目录) of the example data with the real command —
# `disclose doc import examples/documents.csv` into a fresh register, then
# `disclose doc catalogue --format html --out DIR` — and screenshots its index and one document
# page with headless Chromium at a phone's width (420×900).
#
# Usage: scripts/screenshot-catalogue.sh [OUT_DIR]    (default: target/catalogue-shots)
# Needs: chromium (apt-get install chromium).
set -eu
cd "$(dirname "$0")/.."
out=${1:-target/catalogue-shots}
site="$out/site"
rm -rf "$site"
mkdir -p "$site"
db="${TMPDIR:-/tmp}/disclose-catalogue-$$.db"
config="${TMPDIR:-/tmp}/disclose-catalogue-$$.toml"
trap 'rm -f "$db" "$db-wal" "$db-shm" "$config"' EXIT
cat >"$config" <<'TOML'
agency = "根河市文化旅游广电局"
credit_code = "11152185MB1604391C"
TOML
cargo build --quiet
disclose() { target/debug/disclose --db "$db" --config "$config" --today 2026-12-07 "$@"; }
disclose doc import examples/documents.csv >/dev/null
disclose doc catalogue --format html --out "$site"
site=$(cd "$site" && pwd)
page=$(ls "$site"/doc/*.html | head -n 1)
# A document with a policy interpretation, if the catalogue has one.
interp=$(grep -l '政策解读' "$site"/doc/*.html | head -n 1 || true)
[ -n "$interp" ] && page=$interp
shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --hide-scrollbars --screenshot="$2" --window-size=420,900 "file://$1" 2>/dev/null
}
shoot "$site/index.html" "$out/index.png"
shoot "$page" "$out/document.png"
echo "site:       $site"
echo "screenshots: $out/index.png $out/document.png"
