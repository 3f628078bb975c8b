//! `disclose generate`: shell completions and the manual page.

use std::io::Write;

use clap::CommandFactory;

use crate::error::Exit;

/// 生成补全脚本或手册页
#[derive(Debug, clap::Subcommand)]
pub enum GenerateCmd {
    /// 输出 shell 补全脚本（如 disclose generate completions bash > /etc/bash_completion.d/disclose）
    Completions {
        /// shell 种类
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// 输出 man 手册页（roff 格式）
    Man,
}

/// Runs `generate`.
///
/// # Errors
/// Output errors.
pub fn run(g: &GenerateCmd) -> anyhow::Result<Exit> {
    let mut cmd = crate::cli::Cli::command();
    let mut out = std::io::stdout().lock();
    match g {
        GenerateCmd::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "disclose", &mut out);
        }
        GenerateCmd::Man => {
            clap_mangen::Man::new(cmd).render(&mut out)?;
        }
    }
    out.flush()?;
    Ok(Exit::Ok)
}
