#!/usr/bin/env python3
"""Times the release binary's reading commands on an existing register, each as a whole process,
median of 5 warm runs (a benchmark, not a test), beside the bare SQL of the same rows:

    python3 scripts/bench_queries.py REGISTER.db [--year 2026] [--as-of 2026-11-30]

  report annual --year Y, list --state open, overdue --as-of D --format json against the bare
  SELECT of the open rows (sqlite3), show of the newest request, and
  `calendar add 2026-01-30 20`; and the register's bytes per request.

Make a register with `python3 scripts/bench_import.py N --keep DIR` (DIR/disclose.db) or
`cargo bench --bench register`. Needs sqlite3 (the command-line tool).
"""

import argparse
import os
import statistics
import subprocess
import time


def median_ms(cmd, env, runs=5):
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the page cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("--year", default="2026")
    ap.add_argument("--as-of", default="2026-11-30")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    b = os.path.join(target, "release", "disclose")
    env = dict(os.environ, DISCLOSE_CONFIG="/dev/null")
    base = [b, "--db", a.db, "--today", a.as_of]
    n = int(subprocess.run(["sqlite3", a.db, "SELECT count(*) FROM requests"], capture_output=True, text=True,
                           check=True).stdout)
    newest = subprocess.run(["sqlite3", a.db, "SELECT case_no FROM requests ORDER BY id DESC LIMIT 1"],
                            capture_output=True, text=True, check=True).stdout.strip()
    print(f"register: {a.db}, {n} requests, {os.path.getsize(a.db) / max(n, 1):.0f} bytes per request")
    rows = [
        ("report annual --year " + a.year, base + ["report", "annual", "--year", a.year, "--format", "json"]),
        ("list --state open", base + ["list", "--state", "open", "--format", "json"]),
        ("overdue --format json", base + ["overdue", "--as-of", a.as_of, "--format", "json"]),
        ("bare SELECT of overdue's rows", ["sqlite3", a.db,
          "SELECT data FROM requests WHERE state NOT IN ('concluded', 'archived')"]),
        # Storage format v3 keeps the registration once, in event 1's payload: the rows a
        # command reads are the projection with that payload.
        ("bare SELECT, with registrations", ["sqlite3", a.db,
          "SELECT data, (SELECT payload FROM events e WHERE e.request_id = requests.id AND e.idx = 1)"
          " FROM requests WHERE state NOT IN ('concluded', 'archived')"]),
        ("show " + newest, base + ["show", newest, "--format", "json"]),
        ("calendar add 2026-01-30 20", [b, "calendar", "add", "2026-01-30", "20"]),
        ("--version (process start alone)", [b, "--version"]),
    ]
    for name, cmd in rows:
        print(f"{name:32}: {median_ms(cmd, env):8.1f} ms (median of 5, whole process)")


if __name__ == "__main__":
    main()
