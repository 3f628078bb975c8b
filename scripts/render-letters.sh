#!/usr/bin/env bash
# Builds a small register through the real `disclose` binary (scenarios S1, S2, S3, S5, S8, S10,
# S11, S14, S16, S19 of ../shared/cases/scenarios.md and replies of several outcomes), issues every letter
# its recorded steps call for with `disclose letters pending` and `disclose letter`, then
# renders them to PDF and PNG with LibreOffice and poppler, so that a person can look at them.
#
#   scripts/render-letters.sh [OUT_DIR]        (default: target/letter-samples)
#
# Needs: soffice (apt-get install libreoffice-writer-nogui), pdftoppm (poppler-utils) and a CJK
# font (fonts-noto-cjk; 方正小标宋简体 and 仿宋_GB2312 are used when installed).
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-target/letter-samples}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

cargo build --quiet
bin="$(pwd)/target/debug/disclose"
rm -f "$out"/*.docx "$out"/*.md "$out"/*.pdf "$out"/*.png
work="$(mktemp -d)"
cat >"$work/config.toml" <<'TOML'
agency = "根河市文化旅游广电局"
agency_short = "根文旅"
reconsideration_body = "根河市人民政府"
court = "根河市人民法院"
office_address = "内蒙古自治区根河市好里堡街道文化路1号"
office_phone = "0470-5212345"
contact = "王芳"
TOML
export DISCLOSE_DB="$work/register.db" DISCLOSE_CONFIG="$work/config.toml" USER="王芳"
export DISCLOSE_TIMESTAMP="2026-12-07T09:00:00+08:00"
unset DISCLOSE_FORMAT DISCLOSE_TODAY DISCLOSE_HOLIDAYS

d() { "$bin" "$@" >/dev/null; }
# register ON CHANNEL NAME CONTENT → prints the case number
register() {
    "$bin" register --today "$1" --on "$1" --channel "$2" --applicant "$3" \
        --applicant-type natural --id-number 11010519491231002X --phone 13812345678 \
        --address "北京市西城区金融大街甲9号院3号楼502室" --content "$4" --format json |
        sed -n 's/^  "case_no": "\(.*\)",$/\1/p'
}
# reply CASE ON OUTCOME [reply flags…]: draft, review, approval and the reply
reply() {
    local c="$1" on="$2" outcome="$3"
    shift 3
    d review draft "$c" --today "$on" --on "$on" --department 文物科 --handler 李明 \
        --outcome "$outcome" --reasons 经审查 --basis 《中华人民共和国政府信息公开条例》
    d review office "$c" --today "$on" --on "$on" --approve
    d review leader "$c" --today "$on" --on "$on" --leader 王局长 --approve
    d reply "$c" --today "$on" --on "$on" --outcome "$outcome" "$@"
}

# S1 and S14: in person on 2026-01-30, replied on the spot (（一）予以公开).
s14=$(register 2026-01-30 in-person 陈静 2025年市级文物保护专项资金分配表)
reply "$s14" 2026-01-30 1 --delivery 当面领取
# S3: online, confirmed 2026-04-28; correction notice 2026-05-08; corrected 2026-05-20.
s3=$(register 2026-04-28 online 赵敏 2025年度文物修缮项目验收报告)
d correct notice "$s3" --today 2026-05-08 --on 2026-05-08 --period 15 \
    --items "请写明所需信息的文件名称或文号；请提供身份证明复印件"
d correct received "$s3" --today 2026-05-20 --on 2026-05-20
# S5: in person 2026-03-02; a third party consulted 2026-03-10 objects; disclosed in the
# public interest (the third party's 公开告知书); another agency consulted too.
s5=$(register 2026-03-02 in-person 孙丽 某公司文物修缮工程合同)
d consult-third-party send "$s5" --today 2026-03-10 --on 2026-03-10 --party 根河市古建筑修缮有限公司
d consult-third-party send "$s5" --today 2026-03-10 --on 2026-03-10 --agency 根河市财政局 || true
d consult-third-party answer "$s5" --today 2026-03-20 --on 2026-03-20 \
    --party 根河市古建筑修缮有限公司 --answer object --reasons 涉及商业秘密
reply "$s5" 2026-04-08 1 --delivery 邮寄 --tracking-no EA123456789CN \
    --public-interest "该工程使用财政资金，公开有利于社会监督，不公开可能对公共利益造成重大影响"
# S2: registered mail signed for 2026-09-30; extension of 20 WD on 2026-10-30.
s2=$(register 2026-09-30 mail 刘洋 2026年旅游发展资金使用情况)
d extend "$s2" --today 2026-10-30 --on 2026-10-30 --days 20 --approver 张主任 \
    --reason 涉及多个科室，需调取档案 --notified-on 2026-10-30
# S10: in person 2026-08-03; fee notice 2026-08-20 for 150 pages.
s10=$(register 2026-08-03 in-person 周强 2020年以来全部文物普查原始记录)
d fee notice "$s10" --today 2026-08-20 --on 2026-08-20 --pages 150
# Replies of other outcomes: partly withheld, withheld (third party), not held with the
# competent agency, repeated request.
c=$(register 2026-02-02 in-person 吴刚 2025年文物执法检查记录)
reply "$c" 2026-02-10 2 --basis 3.3 --reasons 其中涉及个人隐私的部分不予公开 --delivery 当面领取
c=$(register 2026-02-03 in-person 郑洁 某企业的纳税明细)
reply "$c" 2026-02-10 3.4 --reasons 该信息涉及第三方商业秘密，第三方不同意公开 --delivery 当面领取
c=$(register 2026-02-04 in-person 王磊 某县土地征收批复)
reply "$c" 2026-02-10 4.1 --reasons 本机关未制作或获取该信息 \
    --search-done 检索了本机关2015年以来的收发文登记 --competent-agency 根河市自然资源局 \
    --agency-contact "0470-5219999，根河市中央街2号" --delivery 当面领取
c=$(register 2026-02-05 in-person 陈静 2025年市级文物保护专项资金分配表（再次申请）)
reply "$c" 2026-02-10 5.2 --reasons 申请人已于2026年1月30日就同一信息提出申请并获答复 --delivery 当面领取
# A correction not made in time: closed as （六）1.
c=$(register 2026-04-01 in-person 冯雪 2025年博物馆参观人数统计)
d correct notice "$c" --today 2026-04-03 --on 2026-04-03 --period 10 --items 请写明所需信息的年份和范围
d correct lapse "$c" --today 2026-04-30 --on 2026-04-30 --served-unknown-reason 平信寄出，无法查明送达日期
# S19: the 说明理由告知书 (条例第三十五条).
c=$(register 2026-06-01 in-person 赵六 2015年以来全部行政许可审批材料)
d reasons ask "$c" --today 2026-06-03 --on 2026-06-03
# S16: a fee by item, the applicant's 12th application of the month (the 11 before it kept on
# paper), and S11: a receipt whose reply due date falls in 2027, not yet in the calendar.
c=$(register 2026-03-13 in-person 孙七 某景区12号项目的审批文件)
d fee notice "$c" --today 2026-03-16 --on 2026-03-16 --items 12 \
    --reason 同一申请人本月另有11件申请登记于纸质登记簿
c=$(register 2026-12-10 in-person 陈静 2026年文物保护单位名录)

"$bin" letters pending --today 2026-12-07 --out "$out"
"$bin" letter "$s14" service --letter reply --today 2026-12-07 --out "$out/$s14-送达回证.docx"
"$bin" letter "$s14" reply --today 2026-12-07 --format md --out "$out/$s14-答复书.md"

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
trap 'rm -rf "$profile" "$fonts_conf" "$work"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" \
    "$out"/*.docx >/dev/null

for pdf in "$out"/*.pdf; do
    pdftoppm -png -r 60 "$pdf" "${pdf%.pdf}"
done

echo "letters: $(ls "$out"/*.docx | wc -l) .docx, $(ls "$out"/*.pdf | wc -l) PDF, $(ls "$out"/*.png | wc -l) PNG in $out"
