#!/usr/bin/env python3
"""Benchmark of `disclose import` (a benchmark, not a test).

Generates N realistic mailed requests (default 100,000) as one CSV, then in the same run times
  1. the sqlite3 command-line tool's own `.import` of that CSV into a fresh table, and
  2. the release binary's `disclose import` of the same CSV into a fresh register,
and prints both and their ratio (target: disclose within 3x of sqlite3), and, as the floor of
disclose's storage format, the time SQLite alone takes to write the same requests and events into
disclose's schema.

    python3 scripts/bench_import.py [N] [--keep DIR]

Needs: cargo, sqlite3 (the command-line tool). Uses CARGO_TARGET_DIR if set.
"""

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅文斌海燕晨阳宇浩然婷雪梦琪子涵欣怡思远俊杰德明淑珍春生立新雅琴晓东国栋振宇美玲"
DISTRICTS = ["江滨区", "城南区", "高新区", "临湖县", "云岭乡", "桥头镇"]
STREETS = ["解放路", "人民中路", "文化路", "学院路", "府前街", "百里路", "滨江东路", "清河街", "锦绣路", "东风路", "公园路", "九龙路"]
ORG_KINDS = [
    ("商业企业", "91", ["旅行社有限公司", "文化传播有限公司", "演艺有限公司", "酒店管理有限公司", "文旅投资有限公司"]),
    ("科研机构", "12", ["文化遗产研究中心", "社会科学研究所", "旅游规划研究院"]),
    ("社会公益组织", "51", ["古建筑保护志愿者协会", "民间文艺家协会", "非遗保护促进会"]),
    ("法律服务机构", "31", ["律师事务所"]),
    ("其他", "N1", ["村股份经济合作社"]),
]
SUBJECTS = [
    "青龙寺遗址保护规划的批复文件", "A级旅游景区复核检查结果", "市级非遗代表性项目评审结果",
    "大剧院财政补贴资金使用明细", "营业性演出许可审批材料", "不可移动文物影响评估报告",
    "公共文化服务体系建设专项资金分配方案", "景区门票价格调整听证材料", "图书馆新馆可行性研究报告",
    "传统村落保护发展资金使用情况", "旅行社质量保证金暂退名单", "星级饭店评定复核结果",
    "非遗传承人补助资金发放名单", "博物馆免费开放补助资金绩效评价报告", "文物修缮工程招标文件和中标结果",
    "红色旅游景区建设专项资金使用情况", "文化惠民演出政府采购合同", "导游资格考试成绩复核规定",
]
CHANNELS = ["挂号信"] * 12 + ["EMS"] * 5 + ["快递"] * 2 + ["平常信函"]

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def resident_id(rng, birth):
    body = "330" + rng.choice(["102", "104", "106", "109", "121"]) + birth.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]


def credit_code(rng, prefix):
    body = prefix + "330" + rng.choice(["100", "102", "121"]) + "".join(rng.choice("0123456789") for _ in range(9))
    return body + CSET[(31 - sum(CSET.index(c) * w for c, w in zip(body, CW)) % 31) % 31]


def generate(n, path):
    rng = random.Random(2026)
    start = dt.date(2026, 1, 5)
    days = [start + dt.timedelta(d) for d in range(0, 320) if (start + dt.timedelta(d)).weekday() < 5]
    headers = ["签收日期", "申请方式", "邮件号", "申请人", "申请人类型", "证件号码", "联系电话",
               "通信地址", "邮政编码", "申请内容", "提供形式", "获取方式", "确认日期"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(headers)
        for i in range(n):
            day = rng.choice(days)
            ch = rng.choice(CHANNELS)
            if rng.random() < 0.7:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
                kind = "自然人"
                birth = dt.date(1940, 1, 1) + dt.timedelta(rng.randrange(25000))
                idno = resident_id(rng, birth) if rng.random() < 0.95 else ""
            else:
                kind, prefix, suffixes = rng.choice(ORG_KINDS)
                name = "某市" + rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(suffixes)
                idno = credit_code(rng, prefix)
            tracking = {"挂号信": f"XA{i:09d}31", "EMS": f"11{i:011d}", "快递": f"SF{i:013d}"}.get(ch, "")
            content = f"{rng.choice(SUBJECTS)}（{rng.choice(['2023', '2024', '2025', '2026'])}年，第{i}号来信所列事项）"
            confirmed = day.isoformat() if ch == "平常信函" and rng.random() < 0.7 else ""
            w.writerow([
                f"{day.year}/{day.month}/{day.day}", ch, tracking, name, kind, idno,
                "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9)),
                f"某市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randrange(1, 400)}号",
                "325" + f"{rng.randrange(1000):03d}", content,
                rng.choice(["纸质", "电子"]), rng.choice(["邮寄", "电子邮件", "自行领取"]), confirmed,
            ])


def timed(cmd, **kw):
    """Runs cmd; returns the wall time, the finished process (stdout, stderr) and its own peak
    resident memory in MiB (os.wait4's rusage of that one child)."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, **kw)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        proc.stdout, proc.stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    proc.max_rss_mib = usage.ru_maxrss / 1024
    return elapsed, proc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--keep", help="keep the CSV and the databases in this folder")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not shutil.which("sqlite3"):
        sys.exit("sqlite3 (the command-line tool) is needed: apt-get install sqlite3")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked"], cwd=root, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    binary = os.path.join(target, "release", "disclose")
    work = a.keep or tempfile.mkdtemp(prefix="disclose-bench-")
    os.makedirs(work, exist_ok=True)
    data = os.path.join(work, "requests.csv")
    t = time.perf_counter()
    generate(a.n, data)
    print(f"generated {a.n} rows ({os.path.getsize(data) / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s: {data}")
    sq_db, dc_db = os.path.join(work, "sqlite3.db"), os.path.join(work, "disclose.db")
    for p in (sq_db, dc_db, os.path.join(work, "floor.db")):
        for s in ("", "-wal", "-shm"):
            if os.path.exists(p + s):
                os.remove(p + s)
    sq, _ = timed(["sqlite3", sq_db, ".mode csv", ".import " + data + " requests"])
    env = dict(os.environ, DISCLOSE_CONFIG="/dev/null")
    dc, p = timed([binary, "import", data, "--db", dc_db, "--today", "2026-11-30", "--by", "bench",
                   "--format", "json"], env=env)
    import json
    r = json.loads(p.stdout)
    # The floor of the storage format: SQLite alone writing the same requests and events into
    # disclose's schema (all its indexes, WAL, one transaction), without any of disclose's work.
    floor_db = os.path.join(work, "floor.db")
    schema = subprocess.run(["sqlite3", dc_db, ".schema requests", ".schema events"], capture_output=True,
                            text=True, check=True).stdout
    # Storage format v2's generated columns (filed_on, appealed) are computed, not copied.
    cols = ", ".join(subprocess.run(["sqlite3", dc_db, "SELECT name FROM pragma_table_xinfo('requests') WHERE hidden = 0"],
                                    capture_output=True, text=True, check=True).stdout.split())
    fl, _ = timed(["sqlite3", floor_db, "PRAGMA journal_mode=WAL;", schema,
                   f"ATTACH '{dc_db}' AS o; BEGIN; INSERT INTO requests ({cols}) SELECT {cols} FROM o.requests WHERE id > 0;"
                   " INSERT INTO events SELECT * FROM o.events WHERE seq > 0; COMMIT;"])
    mb = lambda f: os.path.getsize(f) / 1e6
    print(f"sqlite3 .import of the CSV          : {sq:6.2f} s  ({mb(sq_db):.0f} MB database)")
    print(f"disclose import                     : {dc:6.2f} s  ({mb(dc_db):.0f} MB database; registered "
          f"{r['registered']}, duplicates {r['duplicates']}, rejected {r['rejected']})")
    print(f"disclose import peak memory         : {p.max_rss_mib:6.0f} MiB  (target: <= 250 MB at 1,000,000 rows)")
    print(f"disclose bytes per request          : {os.path.getsize(dc_db) / max(r['registered'], 1):6.0f} B  (target: <= 1,500)")
    print(f"sqlite3 copying disclose's rows     : {fl:6.2f} s  (floor of disclose's storage format)")
    print(f"ratio disclose / sqlite3 .import    : {dc / sq:6.2f}x  (target: within 4x, 3x the aim)")
    print(f"ratio floor / sqlite3 .import       : {fl / sq:6.2f}x")
    if not a.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
