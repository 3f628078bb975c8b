#!/bin/sh
# Makes tests/fixtures/v1/register.db: a storage-format-v1 register written by the release of
# commit 96403be (before storage v2), with requests in every state, and the outputs of show,
# overdue and report annual captured from that release. Run with that release's binary:
#   sh make-v1-fixture.sh /path/to/old/disclose OUTDIR
set -eu
B="$1"; OUT="$2"; EX="$(dirname "$0")/../../examples"
mkdir -p "$OUT"; rm -f "$OUT/register.db"*
export DISCLOSE_DB="$OUT/register.db" HOME="$(mktemp -d)"
unset DISCLOSE_CONFIG DISCLOSE_TODAY
d() { "$B" --today "$T" "$@" >/dev/null; }
T=2026-11-30; d import "${EXAMPLES:-$EX}/mailed-requests.csv" --skip-invalid --reject-file "$HOME/rej.csv"
T=2026-03-02; d register --channel in-person --on 2026-03-02 --applicant 陈静 --applicant-type natural --id-number 11010519491231002X --phone 13812345678 --address 北京市东城区某街1号 --content "2025年市级文物保护专项资金分配表"
T=2026-03-10; d consult-third-party send 2026-0037 --party 某古建修缮有限公司 --on 2026-03-10
T=2026-03-20; d consult-third-party answer 2026-0037 --party 某古建修缮有限公司 --answer agree --on 2026-03-20
T=2026-03-23; d review draft 2026-0037 --department 文物科 --handler 李明 --outcome 1 --on 2026-03-23
d review office 2026-0037 --approve --on 2026-03-23
d review leader 2026-0037 --leader 王副局长 --approve --on 2026-03-23
T=2026-03-24; d reply 2026-0037 --delivery 邮寄 --tracking-no XA100200399CN --on 2026-03-24
T=2026-04-01; d archive 2026-0037 --file-no WL-2026-0001 --on 2026-04-01
T=2026-05-10; d appeal file 2026-0037 --kind 复议 --body 根河市人民政府 --on 2026-05-10
T=2026-04-28; d register --channel online --on 2026-04-28 --applicant 某律师事务所 --applicant-type legal --phone 01065551234 --content "某项目环评批复"
T=2026-05-08; d correct notice 2026-0038 --items "请说明项目名称" --on 2026-05-08 --period 15
T=2026-05-20; d correct received 2026-0038 --on 2026-05-20
T=2026-08-03; d register --channel in-person --on 2026-08-03 --applicant 王五 --applicant-type natural --phone 13900001111 --content "图书馆借阅统计"
T=2026-08-20; d fee notice 2026-0039 --pages 120 --on 2026-08-20
T=2026-08-27; d fee paid 2026-0039 --on 2026-08-27
T=2026-09-30; d register --channel mail --on 2026-09-30 --applicant 赵六 --applicant-type natural --phone 13700002222 --tracking-no XA999888777CN --content "博物馆年度预算"
T=2026-10-30; d extend 2026-0040 --approver 张主任 --reason 需调取档案 --notified-on 2026-10-30 --days 20 --on 2026-10-30
T=2026-06-03; d register --channel in-person --on 2026-06-03 --applicant 孙七 --applicant-type natural --phone 13600003333 --content "某某单位的会议纪要"
d correct notice 2026-0041 --items "内容不明确" --period 10 --on 2026-06-03
T=2026-06-18; d correct lapse 2026-0041 --on 2026-06-18
T=2026-11-02; d withdraw 2026-0001 --on 2026-11-02
T=2026-11-03; d amend 2026-0002 --event 1 --set applicant.phone=13700001111 --reason 电话记错
T=2026-11-30
for c in 2026-0001 2026-0002 2026-0037 2026-0038 2026-0039 2026-0040 2026-0041; do
  "$B" --today $T show $c --format json > "$OUT/show-$c.json"
done
"$B" --today $T overdue --as-of 2026-11-30 --format json > "$OUT/overdue.json"
"$B" --today $T report annual --year 2026 --format json > "$OUT/annual-2026.json"
"$B" --today $T verify > "$OUT/verify.txt"
rm -f "$OUT/register.db-wal" "$OUT/register.db-shm"
