//! `disclose doc catalogue`: the public catalogue (政府信息公开目录) of the published documents,
//! as CSV, JSON or a static site (an index by topic, one page per document), written to a
//! folder (条例 Art 23; SPEC §10).

use std::path::PathBuf;

use crate::context::{Ctx, Format};
use crate::document::catalogue::{render_csv, render_json, rows};
use crate::document::catalogue_html::render_site;
use crate::error::{Exit, Failure};
use crate::store::documents::DocFilter;

/// 生成政府信息公开目录
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 输出目录（不存在时新建）
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `doc catalogue` (the format is the global `--format`, with `html` for the site:
/// `--format csv|json|html`, parsed before the global option).
///
/// # Errors
/// The folder cannot be written (exit 4).
pub fn run(ctx: &mut Ctx, a: Args) -> anyhow::Result<Exit> {
    run_as(ctx, a, ctx.format_name())
}

fn run_as(ctx: &mut Ctx, a: Args, format: CatalogueFormat) -> anyhow::Result<Exit> {
    let topics = super::topics(ctx)?;
    let docs: Vec<_> = ctx
        .store()?
        .documents(&DocFilter::default())?
        .into_iter()
        .map(|r| r.doc)
        .collect();
    let rows = rows(&docs, &topics);
    let files: Vec<(String, String)> = match format {
        CatalogueFormat::Csv => vec![("catalogue.csv".to_string(), render_csv(&rows))],
        CatalogueFormat::Json => vec![("catalogue.json".to_string(), render_json(&rows))],
        CatalogueFormat::Html => {
            let agency = ctx
                .config
                .agency
                .clone()
                .unwrap_or_else(|| "本机关".to_string());
            render_site(&rows, &agency)
        }
    };
    let fail = |p: &std::path::Path, e: std::io::Error| {
        Failure::new(
            Exit::Input,
            format!("无法写入 {}：{}", p.display(), crate::error::io_cn(&e)),
        )
    };
    for (rel, text) in &files {
        let p = a.out.join(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        }
        std::fs::write(&p, text).map_err(|e| fail(&p, e))?;
    }
    eprintln!(
        "已生成政府信息公开目录：{} 件文件，{} 个文件写入 {}",
        rows.len(),
        files.len(),
        a.out.display()
    );
    Ok(Exit::Ok)
}

/// The catalogue's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueFormat {
    /// `catalogue.csv`.
    Csv,
    /// `catalogue.json`.
    Json,
    /// `index.html` and `doc/*.html`.
    Html,
}

trait FormatName {
    fn format_name(&self) -> CatalogueFormat;
}

impl FormatName for Ctx {
    fn format_name(&self) -> CatalogueFormat {
        match self.format {
            Format::Csv => CatalogueFormat::Csv,
            Format::Json => CatalogueFormat::Json,
            Format::Table => CatalogueFormat::Html,
        }
    }
}
