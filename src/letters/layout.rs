//! The rendered text of a letter as blocks (title, number, addressee, paragraphs, table rows,
//! right-aligned lines), read from the template's markup, and written as Markdown.

/// One block of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A title line (机关名称, 文书标题), centred in 2号小标宋.
    Title(String),
    /// The letter number (发文字号), centred under the title.
    Number(String),
    /// A line flush left: the addressee (主送).
    FlushLeft(String),
    /// A body paragraph, first line indented by two characters.
    Paragraph(String),
    /// A right-aligned line: the seal line and the date (落款, 成文日期).
    Right(String),
    /// A row of the form table (送达回证): its cells.
    Row(Vec<String>),
}

impl Block {
    /// The text of the block as it appears in the letter (cells joined by a space).
    pub fn text(&self) -> String {
        match self {
            Block::Title(t)
            | Block::Number(t)
            | Block::FlushLeft(t)
            | Block::Paragraph(t)
            | Block::Right(t) => t.clone(),
            Block::Row(cells) => cells.join(" "),
        }
    }
}

/// Reads the markup a template renders (see [`super::template`]): blank lines are dropped,
/// surrounding white space trimmed.
pub fn parse(markup: &str) -> Vec<Block> {
    markup
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter_map(|line| {
            let block = if let Some(t) = line.strip_prefix("## ") {
                Block::Number(t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("# ") {
                Block::Title(t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("= ") {
                Block::FlushLeft(t.trim().to_string())
            } else if let Some(t) = line.strip_prefix("> ") {
                Block::Right(t.trim().to_string())
            } else if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
                let inner = &line[1..line.len() - 1];
                Block::Row(inner.split('|').map(|c| c.trim().to_string()).collect())
            } else {
                Block::Paragraph(line.to_string())
            };
            // A marker with nothing after it (an empty number) prints nothing.
            (!block.text().trim().is_empty() || matches!(block, Block::Row(_))).then_some(block)
        })
        .collect()
}

/// Escapes the characters Markdown would read as markup at the start of a line or inline.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The letter as Markdown (`--format md`): the same text as the .docx, titles as headings, the
/// number, seal line and date as plain paragraphs, the form as a table.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut in_table = false;
    for block in blocks {
        if let Block::Row(cells) = block {
            let line = format!(
                "| {} |\n",
                cells
                    .iter()
                    .map(|c| md_escape(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            if !in_table {
                out.push('\n');
                let n = cells.len().max(1);
                // The form has no header row: an empty one keeps it a table in every reader.
                out.push_str(&format!("|{}\n|{}\n", " |".repeat(n), "---|".repeat(n)));
                in_table = true;
            }
            out.push_str(&line);
            continue;
        }
        if in_table {
            out.push('\n');
            in_table = false;
        }
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", md_escape(t))),
            Block::Number(t) | Block::FlushLeft(t) | Block::Paragraph(t) => {
                out.push_str(&format!("{}\n\n", md_escape(t)))
            }
            Block::Right(t) => out.push_str(&format!("{}\n\n", md_escape(t))),
            Block::Row(_) => {}
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
