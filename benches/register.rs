//! Speed of the weekly report, of `show` and of `find` on a large register (issue: `overdue` on
//! 1,000,000 requests under 1 s; `show` of one request under 50 ms; issue 13: `find` fast).
//!
//! Builds (once, cached under `target/`) a register of `BENCH_REQUESTS` requests (default
//! 1,000,000) through the library's own write path (the same transactions, hash chain and
//! projection as the commands), then times the release binary, as a clerk would run it.
//!
//! The register is shaped like a busy agency's: requests received on every working day from
//! 2015-01-05 to 2026-11-27; those received before mid-October 2026 are concluded (drafted,
//! reviewed, approved and replied — or withdrawn), later ones are still open at 2026-11-30,
//! some drafted, some in consultation, some flagged for correction.
//!
//! Run: `cargo bench --bench register` (set `BENCH_REQUESTS=100000` for a quicker run).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use disclose::calendar::Calendar;
use disclose::case::{
    Applicant, ApplicantType, Channel, Event, IdType, Outcome, Party, PartyKind, Registration,
    Reply, Step,
};
use disclose::store::Store;

const AS_OF: &str = "2026-11-30";
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const GIVEN: &[&str] = &[
    "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
];
const TOPICS: &[&str] = &[
    "文物保护专项资金使用情况",
    "A级旅游景区评定材料",
    "营业性演出许可审批材料",
    "非物质文化遗产项目补助名单",
    "公共图书馆建设项目招标文件",
    "文化市场行政处罚决定书",
    "旅行社经营许可信息",
];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn build(path: &Path, n: usize) {
    let cal = Calendar::official();
    let mut days = Vec::new();
    let mut day = d("2015-01-05");
    while day <= d("2026-11-27") {
        if cal.is_working_day(day).unwrap().value {
            days.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    let today = d(AS_OF);
    let cutoff = d("2026-10-15");
    let mut store = Store::open(path).unwrap();
    let started = Instant::now();
    let batch = 5_000;
    for chunk_start in (0..n).step_by(batch) {
        let mut w = store
            .writer(
                &cal,
                today,
                "2026-11-30T09:00:00+08:00".into(),
                "{year}-{seq:06}",
            )
            .unwrap();
        for i in chunk_start..(chunk_start + batch).min(n) {
            let r = days[i * days.len() / n];
            let name = format!(
                "{}{}{}",
                SURNAMES[i % SURNAMES.len()],
                GIVEN[(i / 7) % GIVEN.len()],
                GIVEN[(i / 91) % GIVEN.len()]
            );
            let flagged = i % 50 == 0;
            let reg = Registration {
                case_no: String::new(),
                kind: Default::default(),
                channel: if i % 3 == 0 {
                    Channel::InPerson
                } else {
                    Channel::Mail
                },
                unreachable: false,
                applicant_type: ApplicantType::ALL[i % 6],
                applicant: Applicant {
                    name,
                    id_type: Some(IdType::Passport),
                    id_number: (!flagged).then(|| format!("E{:08}", i)),
                    phone: (!flagged).then(|| format!("139{:08}", i)),
                    email: None,
                    address: Some(format!("某市文化路{}号", i % 500)),
                    postcode: Some("350001".into()),
                },
                agent: None,
                content: format!("{}（第{}号）", TOPICS[i % TOPICS.len()], i),
                form: Some("纸质".into()),
                delivery: Some("邮寄".into()),
                tracking_no: (i % 3 != 0).then(|| format!("XA{:09}CN", i)),
                note: None,
            };
            let case = w.register(reg, r, "王芳", true).unwrap();
            let c = case.case_no;
            let step = |w: &mut disclose::store::Writer<'_>, on: NaiveDate, step: Step| {
                w.record(
                    &c,
                    Event {
                        on,
                        by: "王芳".into(),
                        step,
                    },
                )
                .unwrap();
            };
            let later = |k: u32| cal.add_working_days(r, k).unwrap().value;
            if r < cutoff {
                if i % 14 == 0 {
                    step(&mut w, later(3), Step::Withdraw { reason: None });
                    continue;
                }
                let outcome = match i % 10 {
                    0..=4 => Outcome { group: 1, item: 0 },
                    5 => Outcome { group: 2, item: 0 },
                    6 => Outcome { group: 3, item: 4 },
                    7 | 8 => Outcome { group: 4, item: 1 },
                    _ => Outcome { group: 5, item: 2 },
                };
                step(
                    &mut w,
                    later(8),
                    Step::Draft {
                        department: ["文物科", "产业科", "市场科"][i % 3].into(),
                        handler: "李明".into(),
                        outcome,
                        reasons: Some("经审查".into()),
                        basis: Some("《政府信息公开条例》".into()),
                        public_interest: None,
                    },
                );
                step(
                    &mut w,
                    later(10),
                    Step::OfficeReview {
                        approved: true,
                        comments: None,
                    },
                );
                step(
                    &mut w,
                    later(12),
                    Step::LeaderApproval {
                        approved: true,
                        leader: "王局长".into(),
                        comments: None,
                    },
                );
                step(
                    &mut w,
                    later(15),
                    Step::Reply(Box::new(Reply {
                        served_on: None,
                        outcome,
                        basis: Some("《政府信息公开条例》".into()),
                        reasons: Some("经审查".into()),
                        search_done: Some("检索了本机关档案".into()),
                        competent_agency: None,
                        agency_contact: None,
                        delivery: "邮寄".into(),
                        tracking_no: None,
                        public_interest: None,
                    })),
                );
            } else if i % 4 == 0 && later(5) <= today {
                step(
                    &mut w,
                    later(5),
                    Step::Draft {
                        department: ["文物科", "产业科", "市场科"][i % 3].into(),
                        handler: "李明".into(),
                        outcome: Outcome { group: 1, item: 0 },
                        reasons: None,
                        basis: None,
                        public_interest: None,
                    },
                );
            } else if i % 9 == 0 && later(4) <= today {
                step(
                    &mut w,
                    later(4),
                    Step::ConsultationSent {
                        served_on: None,
                        parties: vec![Party {
                            name: "某文化公司".into(),
                            kind: PartyKind::ThirdParty,
                        }],
                    },
                );
            }
        }
        w.commit().unwrap();
        if chunk_start % 100_000 == 0 {
            eprintln!("  … {chunk_start} requests ({:.0?})", started.elapsed());
        }
    }
}

fn time(bin: &str, db: &Path, args: &[&str], runs: usize) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = Command::new(bin)
            .arg("--db")
            .arg(db)
            .args(["--today", AS_OF])
            .args(args)
            .env("DISCLOSE_CONFIG", "/dev/null")
            .output()
            .unwrap();
        times.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of benchmarks
    }
    let n: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let db = dir.join(format!("bench-register-{n}.db"));
    if !db.exists() {
        eprintln!("building a register of {n} requests at {} …", db.display());
        let tmp = dir.join(format!("bench-register-{n}.tmp.db"));
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        build(&tmp, n);
        std::fs::rename(&tmp, &db).unwrap();
        eprintln!("built in {:.1?}", t.elapsed());
    }
    let bin = env!("CARGO_BIN_EXE_disclose");
    // The figures below are read straight from the file (the store offers no counting query).
    let store = rusqlite::Connection::open(&db).unwrap();
    let open: i64 = store
        .query_row(
            "SELECT count(*) FROM requests WHERE state NOT IN ('concluded','archived')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let events: i64 = store
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    let last: String = store
        .query_row(
            "SELECT case_no FROM requests ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(store);
    let size = std::fs::metadata(&db).unwrap().len() / (1 << 20);
    println!("register: {n} requests, {events} events, {open} open on {AS_OF}, {size} MiB");
    let (best, median) = time(
        bin,
        &db,
        &["overdue", "--as-of", AS_OF, "--format", "json"],
        5,
    );
    println!("overdue --as-of {AS_OF} --format json: best {best:.0?}, median {median:.0?}");
    let (best, median) = time(bin, &db, &["overdue", "--as-of", AS_OF], 5);
    println!("overdue --as-of {AS_OF} (table):       best {best:.0?}, median {median:.0?}");
    let (best, median) = time(bin, &db, &["show", "2015-000001"], 9);
    println!("show 2015-000001 (archived-era case):  best {best:.0?}, median {median:.0?}");
    let (best, median) = time(bin, &db, &["show", &last, "--format", "json"], 9);
    println!("show {last} --format json:         best {best:.0?}, median {median:.0?}");
    // `find` (issue 13): a phone, a tracking number, a two-character piece of a name (the
    // names index), and words of the content that one request in seven holds (the worst case:
    // every match is sorted by receipt date for the 50 most recent).
    for q in ["13900123456", "xa000654321cn", "芳伟", "旅游景区评定"] {
        let (best, median) = time(bin, &db, &["find", q, "--format", "json"], 9);
        println!("find {q} --format json: best {best:.0?}, median {median:.0?}");
    }
}
