//! Helpers shared by the integration tests: run the real binary, find the shared cases.

use std::path::{Path, PathBuf};

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository's root.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A file under `../shared/` (the domain rules and acceptance cases).
pub fn shared(rel: &str) -> PathBuf {
    repo("../shared").join(rel)
}

/// Runs `disclose` with `args`, no terminal, a fixed recording timestamp, no config file.
pub fn disclose(args: &[&str]) -> Output {
    disclose_env(args, &[])
}

/// Runs `disclose` with `args` and extra environment variables.
pub fn disclose_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("disclose").unwrap();
    cmd.args(args)
        .env_remove("DISCLOSE_DB")
        .env_remove("DISCLOSE_TODAY")
        .env_remove("DISCLOSE_FORMAT")
        .env_remove("DISCLOSE_HOLIDAYS")
        .env("DISCLOSE_CONFIG", "/dev/null")
        .env("DISCLOSE_TIMESTAMP", "2026-11-30T09:00:00+08:00")
        .env("USER", "测试员");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}
