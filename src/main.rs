//! The `disclose` binary: parse, run, report the error, exit with its code.

use std::process::ExitCode;

use disclose::cli::{parse, run};
use disclose::error;

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(c) => c,
        Err(e) => return error::clap_exit(e),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if error::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            error::print(&e);
            ExitCode::from(error::exit_of(&e) as u8)
        }
    }
}
