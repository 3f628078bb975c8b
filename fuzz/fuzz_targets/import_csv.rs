//! Fuzzes `disclose import` on a CSV file: any bytes, written to a file and given to
//! `import::prepare` (reading — encoding and separator detection, quotes, line numbers — then
//! the header row and every row's checks), give a table with each row either ready or rejected
//! with named problems, or one error naming the file; never a panic. The first byte picks the
//! `--encoding` / `--delimiter` options, as a clerk might force them.
#![no_main]

use disclose::import;
use disclose::import::read::{Delimiter, Encoding, ReadOptions};
use libfuzzer_sys::fuzz_target;

/// One file per fuzzing process, in memory when `/dev/shm` exists.
fn scratch_file() -> std::path::PathBuf {
    let dir = std::path::Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("disclose-fuzz-import-{}.csv", std::process::id()))
}

/// The import turns a panic inside calamine into an error naming the file (`calamine_call` in
/// src/import/read.rs); libfuzzer-sys's panic hook would abort on it all the same. This hook
/// stays quiet for those and prints the others; a panic that escapes the import still ends
/// the run (libfuzzer-sys aborts on it), so it is reported as a crash.
fn quiet_calamine_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = std::panic::take_hook();
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info
                .location()
                .is_some_and(|l| l.file().contains("calamine"))
            {
                default(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    quiet_calamine_panics();
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let opts = ReadOptions {
        encoding: [
            None,
            Some(Encoding::Utf8),
            Some(Encoding::Gbk),
            Some(Encoding::Gb18030),
        ][(pick & 3) as usize],
        delimiter: [
            None,
            Some(Delimiter::Comma),
            Some(Delimiter::Tab),
            Some(Delimiter::Semicolon),
        ][((pick >> 2) & 3) as usize],
        sheet: None,
    };
    let path = scratch_file();
    std::fs::write(&path, body).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    match import::prepare(&path, &opts, today) {
        Ok(p) => {
            assert_eq!(p.good.len() + p.rejected.len(), p.raw.len());
            assert!(
                p.raw.windows(2).all(|w| w[0].line < w[1].line),
                "lines in order"
            );
            for r in &p.rejected {
                assert!(!r.problems.is_empty());
                for pr in &r.problems {
                    assert!(!pr.column.is_empty() && !pr.message.is_empty());
                }
            }
            for g in &p.good {
                assert!(g.on <= today);
            }
            let text = import::reject_file(&p, &p.rejected).unwrap();
            assert!(text.starts_with('\u{feff}'));
        }
        // Every error names the file (and, where it applies, the line).
        Err(e) => {
            let m = e.to_string();
            assert!(m.contains(&path.display().to_string()), "{m}");
        }
    }
});
