#!/bin/sh
# Renders the sample public catalogue (政府信息公开目录) of examples/documents.csv as the static
# site `doc catalogue --format html` will write, and screenshots its index and one document page
# with headless Chromium at a phone's width (420×900).
#
# For now the site is written by the ignored unit test document::tests_publication::catalogue_sample_site,
# which writes to the directory in $DISCLOSE_CATALOGUE_DIR.
#
# Usage: scripts/screenshot-catalogue.sh [OUT_DIR]    (default: target/catalogue-shots)
# Needs: chromium (apt-get install chromium).
set -eu
cd "$(dirname "$0")/.."
out=${1:-target/catalogue-shots}
site="$out/site"
rm -rf "$site"
mkdir -p "$site"
DISCLOSE_CATALOGUE_DIR="$(cd "$site" && pwd)" \
    cargo test --quiet --lib document::tests_publication::catalogue_sample_site -- --ignored --exact >/dev/null
site=$(cd "$site" && pwd)
page=$(ls "$site"/doc/*.html | head -n 1)
# A document with an interpretation and a change, if the sample has one under 行政规范性文件.
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
