//! The letter as a Word document laid out per GB/T 9704-2012 《党政机关公文格式》: A4; margins
//! top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 2号 (22 pt) 方正小标宋简体 centred;
//! body in 3号 (16 pt) 仿宋_GB2312, 22 lines of 28 characters; page numbers in 4号 (14 pt)
//! "— 1 —" in the footer.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow,
    VAlignType, WidthType,
};

use super::LetterError;
use super::layout::Block;

/// Millimetres to twips (1/1440 inch).
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

/// A4, 210 × 297 mm, in twips.
const A4: (u32, u32) = (11906, 16838);
/// Line pitch for 22 lines in the 225 mm text area: 28.95 pt = 579 twips (exact).
const LINE_PITCH: i32 = 579;
/// Body size, half-points: 3号 = 16 pt.
const BODY_SIZE: usize = 32;
/// Title size, half-points: 2号 = 22 pt.
const TITLE_SIZE: usize = 44;
/// Page-number size, half-points: 4号 = 14 pt.
const PAGE_NO_SIZE: usize = 28;
/// Character spacing of the body, twentieths of a point: the 156 mm line (8,845 twips) holds 28
/// characters of 16 pt only at 315 twips each (15.75 pt, −0.25 pt). At −0.2 pt the 28th
/// character overflowed by a hair: lines held 27 characters, and LibreOffice dropped a comma
/// that fell 28th in a justified line.
const BODY_SPACING: i32 = -5;

/// The body font: 仿宋_GB2312 for Chinese (east-asia attribute), 仿宋 for Latin letters and
/// digits, so that a machine without 仿宋_GB2312 still shows a 仿宋 face.
fn body_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("仿宋_GB2312")
        .ascii("仿宋")
        .hi_ansi("仿宋")
        .cs("仿宋")
        .hint("eastAsia")
}

/// The title font: 方正小标宋简体, Latin in 宋体.
fn title_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("方正小标宋简体")
        .ascii("宋体")
        .hi_ansi("宋体")
        .cs("宋体")
        .hint("eastAsia")
}

/// One character of the body, twips (16 pt).
const CHAR_TWIPS: f64 = 320.0;

/// The width of a line in body characters: ASCII half a character, everything else one.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

fn body_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .fonts(body_fonts())
        .size(BODY_SIZE)
        .character_spacing(BODY_SPACING)
}

fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line(LINE_PITCH)
        .line_rule(LineSpacingType::Exact)
        .before(0)
        .after(0)
}

fn body_paragraph(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(body_run(text))
        .line_spacing(spacing())
        .align(AlignmentType::Both)
}

fn cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(body_run(text))
                .line_spacing(spacing())
                .align(AlignmentType::Left),
        )
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa)
}

/// Builds the .docx of a letter from its blocks.
///
/// # Errors
/// [`LetterError::Docx`] if the document cannot be packed (never expected).
pub fn build(blocks: &[Block]) -> Result<Vec<u8>, LetterError> {
    let text_width = A4.0 as i32 - mm(28.0) - mm(26.0);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(21.0)),
        )
        .default_fonts(body_fonts())
        .default_size(BODY_SIZE);
    // GB/T 9704-2012 7.5: the page number in 4号 half-width 宋体 Arabic numerals between two
    // 一字线; every run of it, the field's number included, in that font and size.
    let page_run = || Run::new().fonts(title_fonts()).size(PAGE_NO_SIZE);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(page_run().add_text("— "))
            .add_run(page_run().add_field_char(FieldCharType::Begin, false))
            .add_run(page_run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(page_run().add_field_char(FieldCharType::Separate, false))
            .add_run(page_run().add_text("1"))
            .add_run(page_run().add_field_char(FieldCharType::End, false))
            .add_run(page_run().add_text(" —")),
    );
    doc = doc.footer(footer);

    let mut rows: Vec<TableRow> = Vec::new();
    let label_width = (text_width as usize) * 7 / 20;
    let value_width = text_width as usize - label_width;
    let mut after_title = false;
    for (i, block) in blocks.iter().enumerate() {
        // GB/T 9704-2012 7.3.5: the seal line never stands alone on a page; the paragraph
        // before it goes with it.
        let before_seal = matches!(blocks.get(i + 1), Some(Block::Right(_)));
        if !matches!(block, Block::Row(_)) && !rows.is_empty() {
            doc = doc.add_table(form_table(
                std::mem::take(&mut rows),
                label_width,
                value_width,
            ));
            if !matches!(block, Block::Right(_)) {
                doc = doc.add_paragraph(body_paragraph(""));
            }
        }
        match block {
            Block::Title(t) => {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(t).fonts(title_fonts()).size(TITLE_SIZE))
                        .align(AlignmentType::Center)
                        .line_spacing(
                            LineSpacing::new()
                                .line(LINE_PITCH * 5 / 4)
                                .line_rule(LineSpacingType::Exact)
                                .before(0)
                                .after(0),
                        ),
                );
                after_title = true;
            }
            Block::Number(t) => {
                // GB/T 9704-2012 7.2.4: the number under the title with one blank line.
                doc = doc.add_paragraph(body_paragraph(""));
                doc = doc.add_paragraph(body_paragraph(t).align(AlignmentType::Center));
                doc = doc.add_paragraph(body_paragraph(""));
                after_title = false;
            }
            Block::FlushLeft(t) => {
                if after_title {
                    doc = doc.add_paragraph(body_paragraph(""));
                    after_title = false;
                }
                doc = doc.add_paragraph(body_paragraph(t));
            }
            Block::Paragraph(t) => {
                doc = doc.add_paragraph(body_paragraph(t).keep_next(before_seal).indent(
                    None,
                    Some(SpecialIndentType::FirstLine(2 * CHAR_TWIPS as i32)),
                    None,
                    None,
                ));
            }
            Block::Right(t) => {
                // GB/T 9704-2012 7.3.5.1: one blank line under the body; the date 右空四字; the
                // agency's name centred over the date. The seal line keeps with the date.
                if !matches!(i.checked_sub(1).map(|p| &blocks[p]), Some(Block::Right(_))) {
                    doc = doc.add_paragraph(body_paragraph("").keep_next(true));
                }
                let last = blocks[i..]
                    .iter()
                    .take_while(|b| matches!(b, Block::Right(_)))
                    .last()
                    .map(Block::text)
                    .unwrap_or_default();
                let shift = ((width(&last) - width(t)) / 2.0).max(-4.0);
                let indent = ((4.0 + shift) * CHAR_TWIPS).round() as i32;
                doc = doc.add_paragraph(
                    body_paragraph(t)
                        .keep_next(true)
                        .align(AlignmentType::Right)
                        .indent(None, None, Some(indent.max(0)), None),
                );
            }
            Block::Row(cells) => {
                if after_title {
                    doc = doc.add_paragraph(body_paragraph(""));
                    after_title = false;
                }
                let mut tc = Vec::new();
                for (i, c) in cells.iter().enumerate() {
                    tc.push(cell(c, if i == 0 { label_width } else { value_width }));
                }
                rows.push(TableRow::new(tc).row_height(LINE_PITCH as f32 * 1.6));
            }
        }
    }
    if !rows.is_empty() {
        doc = doc.add_table(form_table(rows, label_width, value_width));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| LetterError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

fn form_table(rows: Vec<TableRow>, label: usize, value: usize) -> Table {
    Table::new(rows)
        .set_grid(vec![label, value])
        .width(label + value, WidthType::Dxa)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GB/T 9704-2012 5.2.1: 28 characters of 3号 a line on the 156 mm text width — and not 29.
    #[test]
    fn gb9704_28_characters_a_line() {
        let text_width = A4.0 as i32 - mm(28.0) - mm(26.0);
        let pitch = CHAR_TWIPS as i32 + BODY_SPACING;
        assert!(28 * pitch <= text_width, "{} > {text_width}", 28 * pitch);
        assert!(29 * pitch > text_width);
    }
}
