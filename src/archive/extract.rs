//! One entry for every format the archive holds: bytes in, text with its page starts out.
//! Text files go through [`decode`](super::decode); PDFs through [`pdf`](super::pdf); Word and
//! OpenDocument files through [`office`](super::office). Every failure is a sentence a clerk can
//! act on ("no text layer: scanned image, run OCR first").

use super::decode::decode;
use super::office::{office_text, OfficeFormat};
use std::path::Path;

/// The formats protokoll reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Text,
    Pdf,
    Docx,
    Odt,
}

impl DocFormat {
    /// The format a file extension (lower case, without the dot) names.
    pub fn from_extension(ext: &str) -> Option<DocFormat> {
        match ext {
            "txt" | "md" | "markdown" | "text" => Some(DocFormat::Text),
            "pdf" => Some(DocFormat::Pdf),
            "docx" => Some(DocFormat::Docx),
            "odt" => Some(DocFormat::Odt),
            _ => None,
        }
    }

    pub fn of_path(path: &Path) -> Option<DocFormat> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        DocFormat::from_extension(&ext)
    }

    /// Which of two files of one document (`x.pdf` and its export `x.txt`) is read: the text a
    /// person exported or OCR'd on purpose wins over the original.
    pub fn preference(self) -> u8 {
        match self {
            DocFormat::Text => 0,
            DocFormat::Docx | DocFormat::Odt => 1,
            DocFormat::Pdf => 2,
        }
    }
}

/// A document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// For paged documents: the 1-based line of `text` each page starts on (empty otherwise).
    pub page_starts: Vec<usize>,
}

impl Extracted {
    pub fn pages(&self) -> usize {
        self.page_starts.len()
    }
}

/// Turn a file's bytes into text according to its format.
pub fn extract(bytes: &[u8], format: DocFormat) -> Result<Extracted, String> {
    match format {
        DocFormat::Text => decode(bytes)
            .map(|d| Extracted {
                text: d.text,
                page_starts: Vec::new(),
            })
            .map_err(|e| e.to_string()),
        DocFormat::Pdf => {
            let pages = super::pdf::pdf_pages(bytes)?;
            Ok(join_pages(&pages))
        }
        DocFormat::Docx | DocFormat::Odt => {
            let which = if format == DocFormat::Docx {
                OfficeFormat::Docx
            } else {
                OfficeFormat::Odt
            };
            let t = office_text(bytes, which)?;
            let text = crate::text::sanitize(&t.text);
            if text.trim().is_empty() {
                return Err("the document has no text".into());
            }
            Ok(Extracted {
                text,
                page_starts: t.page_starts,
            })
        }
    }
}

/// Read and extract a file (the path decides the format; unknown extensions read as text).
pub fn extract_file(path: &Path) -> Result<Extracted, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    extract(&bytes, DocFormat::of_path(path).unwrap_or(DocFormat::Text))
}

/// Pages one after another, each starting on a new line; where each starts is remembered.
pub fn join_pages(pages: &[String]) -> Extracted {
    let mut text = String::with_capacity(pages.iter().map(|p| p.len() + 1).sum());
    let mut page_starts = Vec::with_capacity(pages.len());
    let mut line = 1;
    for page in pages {
        page_starts.push(line);
        let page = crate::text::sanitize(page);
        let page = page.trim_end_matches('\n');
        text.push_str(page);
        text.push('\n');
        line += page.split('\n').count();
    }
    Extracted { text, page_starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_joined_with_their_start_lines() {
        let e = join_pages(&["a\nb\n".into(), "c".into(), "d\ne\nf".into()]);
        assert_eq!(e.text, "a\nb\nc\nd\ne\nf\n");
        assert_eq!(e.page_starts, vec![1, 3, 4]);
        let lines: Vec<&str> = e.text.lines().collect();
        assert_eq!(lines[e.page_starts[2] - 1], "d");
    }

    #[test]
    fn formats_by_extension_and_which_file_of_a_pair_wins() {
        assert_eq!(DocFormat::from_extension("pdf"), Some(DocFormat::Pdf));
        assert_eq!(DocFormat::from_extension("md"), Some(DocFormat::Text));
        assert_eq!(DocFormat::from_extension("doc"), None);
        assert!(DocFormat::Text.preference() < DocFormat::Pdf.preference());
    }
}
