//! `disclose generate`: shell completions and the manual page.

use std::io::Write;

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
    let mut cmd = crate::cli::command();
    // Rendered in memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut buf: Vec<u8> = Vec::new();
    match g {
        GenerateCmd::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "disclose", &mut buf);
        }
        GenerateCmd::Man => {
            clap_mangen::Man::new(cmd).render(&mut buf)?;
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)?;
    out.flush()?;
    Ok(Exit::Ok)
}
