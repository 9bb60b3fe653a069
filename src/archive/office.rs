//! Word processor documents (`.docx`, `.odt`) to text: paragraphs and headings one per line,
//! table rows as `| cell | cell |` lines (the shape the parser already reads from Markdown
//! exports), explicit page breaks kept as page starts.
//!
//! Both formats are a zip of XML parts; the `zip` crate reads the container and `quick-xml`
//! streams the one part that holds the body, so a large document is never built as a tree.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// An unpacked body part larger than this is refused (a zip bomb, or not a protocol).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Text of an office document: its lines, and the 1-based lines explicit page breaks start.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OfficeText {
    pub text: String,
    pub page_starts: Vec<usize>,
}

/// Which of the two formats a document is in (they name their elements differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeFormat {
    Docx,
    Odt,
}

impl OfficeFormat {
    fn body_part(self) -> &'static str {
        match self {
            OfficeFormat::Docx => "word/document.xml",
            OfficeFormat::Odt => "content.xml",
        }
    }

    fn name(self) -> &'static str {
        match self {
            OfficeFormat::Docx => "Word document",
            OfficeFormat::Odt => "OpenDocument text",
        }
    }
}

/// Read a `.docx` or `.odt` file's body into text.
pub fn office_text(bytes: &[u8], format: OfficeFormat) -> Result<OfficeText, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("damaged {}: not a readable zip ({e})", format.name()))?;
    let part = zip.by_name(format.body_part()).map_err(|_| {
        format!(
            "damaged {}: it has no {} part",
            format.name(),
            format.body_part()
        )
    })?;
    if part.encrypted() {
        return Err(format!("encrypted {}: cannot be read", format.name()));
    }
    let mut xml = String::new();
    part.take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("damaged {}: {e}", format.name()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!(
            "{} is too large: its text part unpacks to more than {} MB",
            format.name(),
            MAX_XML_BYTES / (1024 * 1024)
        ));
    }
    body_text(&xml, format).map_err(|e| format!("damaged {}: {e}", format.name()))
}

/// The elements that matter, in either vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Paragraph,
    Text,
    Tab,
    LineBreak,
    PageBreak,
    Spaces(usize),
    Row,
    Cell,
    /// Deleted text in tracked changes, and other parts that are not body text.
    Skipped,
    Other,
}

fn tag_of(e: &BytesStart, format: OfficeFormat) -> Tag {
    let name = e.name();
    let name: &str = name.as_ref();
    match format {
        OfficeFormat::Docx => match name {
            "w:p" => Tag::Paragraph,
            "w:t" => Tag::Text,
            "w:tab" => Tag::Tab,
            "w:cr" => Tag::LineBreak,
            "w:br" => match attribute(e, "w:type").as_deref() {
                Some("page") => Tag::PageBreak,
                _ => Tag::LineBreak,
            },
            "w:lastRenderedPageBreak" => Tag::PageBreak,
            "w:tr" => Tag::Row,
            "w:tc" => Tag::Cell,
            "w:del" | "w:instrText" | "w:delText" => Tag::Skipped,
            _ => Tag::Other,
        },
        OfficeFormat::Odt => match name {
            "text:p" | "text:h" => Tag::Paragraph,
            "text:tab" => Tag::Tab,
            "text:line-break" => Tag::LineBreak,
            "text:s" => Tag::Spaces(
                attribute(e, "text:c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1)
                    .min(200),
            ),
            "table:table-row" => Tag::Row,
            "table:table-cell" => Tag::Cell,
            "text:tracked-changes" | "office:annotation" => Tag::Skipped,
            _ => Tag::Other,
        },
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// Builds lines while the XML streams by.
#[derive(Default)]
struct Lines {
    out: String,
    line: String,
    line_count: usize,
    page_starts: Vec<usize>,
    /// Cells of the table row being read (tables nested in cells are flattened into them).
    row: Option<Vec<String>>,
    row_depth: usize,
}

impl Lines {
    fn push_text(&mut self, s: &str) {
        self.line.push_str(s);
    }

    /// End a paragraph: inside a table it joins its cell, else it becomes a line.
    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.line);
        let text = text.trim_end();
        if let Some(row) = &mut self.row {
            if let Some(cell) = row.last_mut() {
                if !cell.is_empty() && !text.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(text.trim_start());
            }
            return;
        }
        self.emit(text.to_string());
    }

    fn emit(&mut self, line: String) {
        self.out.push_str(&line);
        self.out.push('\n');
        self.line_count += 1;
    }

    fn page_break(&mut self) {
        // The break belongs before the line being built; a break at the very start is no page.
        let next = self.line_count + 1;
        if self.line_count > 0 && self.page_starts.last() != Some(&next) {
            if self.page_starts.is_empty() {
                self.page_starts.push(1);
            }
            self.page_starts.push(next);
        }
    }

    fn end_row(&mut self) {
        if let Some(cells) = self.row.take() {
            if cells.iter().any(|c| !c.trim().is_empty()) {
                let row = cells
                    .iter()
                    .map(|c| c.replace('|', "/"))
                    .collect::<Vec<_>>()
                    .join(" | ");
                self.emit(format!("| {row} |"));
            }
        }
    }
}

fn body_text(xml: &str, format: OfficeFormat) -> Result<OfficeText, String> {
    let mut reader = Reader::from_str(xml);
    let mut lines = Lines::default();
    // Depth inside a skipped element, and whether text is collected now (`w:t` in docx; any
    // text inside a paragraph in odt).
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut paragraph_depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                let tag = tag_of(&e, format);
                if skip_depth > 0 || tag == Tag::Skipped {
                    skip_depth += 1;
                    continue;
                }
                match tag {
                    Tag::Paragraph => paragraph_depth += 1,
                    Tag::Text => in_text = true,
                    Tag::Row => {
                        lines.row_depth += 1;
                        if lines.row_depth == 1 {
                            lines.row = Some(Vec::new());
                        }
                    }
                    Tag::Cell if lines.row_depth == 1 => {
                        if let Some(row) = &mut lines.row {
                            row.push(String::new());
                        }
                    }
                    _ => start_inline(&mut lines, tag),
                }
            }
            Event::Empty(e) => {
                let tag = tag_of(&e, format);
                if skip_depth == 0 {
                    match tag {
                        Tag::Paragraph => lines.end_paragraph(),
                        Tag::Cell if lines.row_depth == 1 => {
                            if let Some(row) = &mut lines.row {
                                row.push(String::new());
                            }
                        }
                        _ => start_inline(&mut lines, tag),
                    }
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.name();
                let name: &str = name.as_ref();
                let closes = |docx: &str, odt: &[&str]| match format {
                    OfficeFormat::Docx => name == docx,
                    OfficeFormat::Odt => odt.contains(&name),
                };
                if closes("w:t", &[]) {
                    in_text = false;
                } else if closes("w:p", &["text:p", "text:h"]) {
                    paragraph_depth = paragraph_depth.saturating_sub(1);
                    lines.end_paragraph();
                } else if closes("w:tr", &["table:table-row"]) {
                    if lines.row_depth == 1 {
                        lines.end_row();
                    }
                    lines.row_depth = lines.row_depth.saturating_sub(1);
                }
            }
            Event::Text(t) => {
                let collect = match format {
                    OfficeFormat::Docx => in_text,
                    OfficeFormat::Odt => paragraph_depth > 0,
                };
                if skip_depth == 0 && collect {
                    let text = t.xml10_content();
                    // ODT puts layout whitespace between elements; real spaces are `text:s`.
                    if format == OfficeFormat::Odt {
                        lines.push_text(&text.replace(['\n', '\r', '\t'], " "));
                    } else {
                        lines.push_text(&text);
                    }
                }
            }
            Event::GeneralRef(r) if skip_depth == 0 && (in_text || paragraph_depth > 0) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(ch)) => Some(ch),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(ch) = ch {
                    lines.push_text(ch.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(t) if skip_depth == 0 && in_text => {
                lines.push_text(&t.into_inner());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !lines.line.is_empty() {
        lines.end_paragraph();
    }
    Ok(OfficeText {
        text: lines.out,
        page_starts: lines.page_starts,
    })
}

fn start_inline(lines: &mut Lines, tag: Tag) {
    match tag {
        Tag::Tab => lines.push_text("\t"),
        Tag::LineBreak => {
            if lines.row.is_some() {
                lines.push_text(" ");
            } else {
                let text = std::mem::take(&mut lines.line);
                lines.emit(text.trim_end().to_string());
            }
        }
        Tag::PageBreak => lines.page_break(),
        Tag::Spaces(n) => lines.push_text(&" ".repeat(n)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(name: &str, xml: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file(name, opts).unwrap();
            w.write_all(xml.as_bytes()).unwrap();
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        zip_with(
            "word/document.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
            ),
        )
    }

    #[test]
    fn docx_paragraphs_runs_and_entities_in_order() {
        let d = docx(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>§ 12 Budget för </w:t></w:r><w:r><w:t>Örebro &amp; län</w:t></w:r></w:p>
               <w:p><w:r><w:t>Nämnden beslutar att godkänna</w:t></w:r><w:r><w:tab/><w:t>förslaget.</w:t></w:r></w:p>"#,
        );
        let t = office_text(&d, OfficeFormat::Docx).unwrap();
        assert_eq!(
            t.text,
            "§ 12 Budget för Örebro & län\nNämnden beslutar att godkänna\tförslaget.\n"
        );
    }

    #[test]
    fn docx_tables_become_rows_and_page_breaks_are_kept() {
        let d = docx(
            r#"<w:p><w:r><w:t>Beslutande</w:t></w:r></w:p>
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Anna Berg (S)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ordförande</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
               <w:p><w:r><w:br w:type="page"/><w:t>§ 2 Nästa sida</w:t></w:r></w:p>
               <w:p><w:del><w:r><w:delText>borttaget</w:delText></w:r></w:del></w:p>"#,
        );
        let t = office_text(&d, OfficeFormat::Docx).unwrap();
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(lines[0], "Beslutande");
        assert_eq!(lines[1], "| Anna Berg (S) | ordförande |");
        assert_eq!(lines[2], "§ 2 Nästa sida");
        assert!(
            !t.text.contains("borttaget"),
            "deleted text is not body text"
        );
        assert_eq!(t.page_starts, vec![1, 3]);
    }

    #[test]
    fn odt_headings_spaces_and_tables() {
        let xml = r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb"><office:body><office:text>
            <text:h text:outline-level="1">§ 4 Val av justerare</text:h>
            <text:p>Kommunstyrelsen<text:s text:c="2"/>beslutar</text:p>
            <table:table><table:table-row><table:table-cell><text:p>Ja</text:p></table:table-cell><table:table-cell><text:p>7</text:p></table:table-cell></table:table-row></table:table>
            </office:text></office:body></office:document-content>"#;
        let t = office_text(&zip_with("content.xml", xml), OfficeFormat::Odt).unwrap();
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "§ 4 Val av justerare",
                "Kommunstyrelsen  beslutar",
                "| Ja | 7 |"
            ]
        );
    }

    #[test]
    fn broken_documents_say_why() {
        let e = office_text(b"PK\x03\x04 not really", OfficeFormat::Docx).unwrap_err();
        assert!(e.contains("damaged Word document"), "{e}");
        let e = office_text(&zip_with("other.xml", "<a/>"), OfficeFormat::Docx).unwrap_err();
        assert!(e.contains("word/document.xml"), "{e}");
        let e = office_text(
            &zip_with("word/document.xml", "<w:p><w:t>unclosed"),
            OfficeFormat::Docx,
        );
        // A truncated body still yields what it had, or a clear error; never a panic.
        if let Err(e) = e {
            assert!(e.contains("damaged"), "{e}");
        }
    }
}
