//! Whole transcripts of the command line (trycmd): each `transcripts/*.md` file is a sequence of
//! `disclose` commands with their exit code and their whole output (stdout, then stderr, as a
//! terminal shows them), run on a fresh register of its own.
//!
//! Each file runs in a fresh temporary folder (the `NAME.out/` folder beside it turns the sandbox
//! on; its `.keep` is the only file and nothing in the folder is compared), with the register
//! `register.db` there, a fixed recording time and clerk, no configuration file (`DISCLOSE_CONFIG`
//! is `/dev/null` and `HOME` a folder that does not exist) and a default business day that the
//! commands override with `--today`.
//!
//! After a deliberate change of wording, `TRYCMD=overwrite cargo test --test cli transcripts`
//! rewrites the outputs in place; check each changed date against the case files before
//! committing.

use std::path::PathBuf;

/// Runs every transcript of `tests/cli/transcripts/`.
#[test]
fn transcripts() {
    trycmd::TestCases::new()
        .register_bin("disclose", PathBuf::from(env!("CARGO_BIN_EXE_disclose")))
        .env("DISCLOSE_DB", "register.db")
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TODAY", "2026-11-30")
        .env("DISCLOSE_TIMESTAMP", "2026-11-30T09:00:00+08:00")
        .env("DISCLOSE_FORMAT", "table")
        .env("HOME", "/nonexistent/disclose-test-home")
        .env("XDG_CONFIG_HOME", "/nonexistent/disclose-test-home/.config")
        .env(
            "XDG_DATA_HOME",
            "/nonexistent/disclose-test-home/.local/share",
        )
        .env("USER", "测试员")
        .case("tests/cli/transcripts/*.md");
}
