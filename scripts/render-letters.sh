#!/usr/bin/env bash
# Renders every kind of letter and every variant of the reply to .docx and .md, then to PDF and
# PNG with LibreOffice and poppler, so that a person can look at them.
#
#   scripts/render-letters.sh [OUT_DIR]        (default: target/letter-samples)
#
# Needs: soffice (apt-get install libreoffice-writer-nogui), pdftoppm (poppler-utils) and a CJK
# font (fonts-noto-cjk; 方正小标宋简体 and 仿宋_GB2312 are used when installed).
# The samples are written by an ignored unit test, src/letters/tests/samples.rs, into the folder
# named by the environment variable DISCLOSE_LETTER_SAMPLES; this script sets it to OUT_DIR.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-target/letter-samples}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

rm -f "$out"/*.docx "$out"/*.md "$out"/*.pdf "$out"/*.png
DISCLOSE_LETTER_SAMPLES="$out" cargo test --quiet --lib letters::tests::samples -- --ignored

# For the preview only: where 仿宋_GB2312 and 方正小标宋简体 are not installed, show them in Noto
# Serif CJK SC (a Song face, the usual substitute) rather than fontconfig's default sans.
fonts_conf="$(mktemp)"
cat >"$fonts_conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FangSong</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>FangSong</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>SimSun</family><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
XML
export FONTCONFIG_FILE="$fonts_conf"

# A private LibreOffice profile, so that a running office or another user's profile is not touched.
profile="$(mktemp -d)"
trap 'rm -rf "$profile" "$fonts_conf"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" \
    "$out"/*.docx >/dev/null

for pdf in "$out"/*.pdf; do
    pdftoppm -png -r 60 "$pdf" "${pdf%.pdf}"
done

echo "letters: $(ls "$out"/*.docx | wc -l) .docx, $(ls "$out"/*.pdf | wc -l) PDF, $(ls "$out"/*.png | wc -l) PNG in $out"
