//! PDF text layers, one string per page, read in-process (no external program), with what a
//! PDF cannot give said plainly: not a PDF at all (an HTML error page saved as `.pdf`), a scan
//! without a text layer, encryption, damage. Each file gets a time bound: a pathological file
//! is reported and abandoned instead of stalling the whole index.

use std::sync::mpsc;
use std::time::Duration;

/// How long one PDF may take to extract before it is reported and skipped.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Below this many letters per page on average, a PDF is taken as a scan without text.
const MIN_LETTERS_PER_PAGE: usize = 20;

/// Extract the text of each page, in reading order.
pub fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    if let Some(reason) = not_a_pdf(bytes) {
        return Err(reason);
    }
    let pages = with_time_limit(bytes, PDF_TIME_LIMIT)?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if pages.is_empty() || letters < MIN_LETTERS_PER_PAGE * pages.len().max(1) / 4 {
        return Err(format!(
            "no text layer: scanned image ({} page{}), run OCR first (e.g. ocrmypdf)",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(pages)
}

/// Why these bytes are not a PDF, judged from how they start.
fn not_a_pdf(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return None;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    Some(
        if trimmed.starts_with("<!doctype html")
            || trimmed.starts_with("<html")
            || text.contains("<head")
        {
            "not a PDF: an HTML page (a web page or error page saved under a .pdf name)".into()
        } else if head.starts_with(b"PK\x03\x04") {
            "not a PDF: a zip or office document under a .pdf name".into()
        } else if head.starts_with(b"\xff\xd8") || head.starts_with(b"\x89PNG") {
            "not a PDF: an image under a .pdf name".into()
        } else {
            "not a PDF: the file has no PDF header".into()
        },
    )
}

/// Run the extraction on its own thread and give up after `limit`. A thread that overran is
/// left to finish on its own (Rust cannot stop it); its result is dropped.
fn with_time_limit(bytes: &[u8], limit: Duration) -> Result<Vec<String>, String> {
    let (tx, rx) = mpsc::channel();
    let owned = bytes.to_vec();
    let spawned = std::thread::Builder::new()
        // Named as a worker: the TUI's panic hook only logs panics of workers (a caught one here).
        .name("protokoll-worker-pdf".into())
        .spawn(move || {
            let _ = tx.send(extract_pages(&owned));
        });
    if let Err(e) = spawned {
        return Err(format!("cannot start PDF extraction: {e}"));
    }
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "PDF took longer than {} s to read: skipped",
            limit.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("damaged PDF: the reader stopped without a result".into())
        }
    }
}

/// The crate call, with a panic inside the PDF library turned into an error.
fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| backend::pages(bytes))) {
        Ok(result) => result,
        Err(_) => Err("damaged PDF: the PDF reader could not parse it".into()),
    }
}

/// The text layer through `oxidize-pdf`, chosen by measurement on real protocols (BENCHMARKS.md):
/// best word recall of the pure-Rust readers, fewest glued or split words, and it reads truncated
/// files as far as they go.
mod backend {
    use oxidize_pdf::parser::{ParseError, ParseOptions, PdfDocument, PdfReader};
    use oxidize_pdf::text::ExtractionOptions;
    use std::io::Cursor;

    /// Pages of text, lines separated by `\n` (blank lines dropped). Lines come in the order
    /// the PDF stores them, so a running footer may precede a page's first heading; the
    /// cleaner removes such furniture wherever it stands.
    pub fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
        let reader = PdfReader::new_with_options(Cursor::new(bytes), ParseOptions::lenient())
            .map_err(describe)?;
        // The reader has already tried the empty user password that most "protected"
        // protocols use; only a real password stops us.
        if reader.is_encrypted() && !reader.is_unlocked() {
            return Err("encrypted PDF: it needs a password to open".into());
        }
        let doc = PdfDocument::new(reader);
        let count = doc.page_count().map_err(describe)?;
        if count == 0 {
            return Err("damaged PDF: no pages found".into());
        }
        let mut options = ExtractionOptions::default();
        // Running headers are kept (the cleaner knows them as furniture, and they carry the
        // body and date); hyphens are left alone ("vård- och omsorgsnämnden" is not one word).
        options.include_artifacts = true;
        options.merge_hyphenated = false;
        let mut out = Vec::with_capacity(count as usize);
        for page in 0..count {
            let extracted = doc
                .extract_text_from_page_with_options(page, options.clone())
                .map_err(|e| format!("page {}: {}", page + 1, describe(e)))?;
            let mut text = String::with_capacity(extracted.text.len());
            for line in extracted.text.lines() {
                let line = line.trim_end();
                if line.trim().is_empty() {
                    continue;
                }
                text.push_str(line);
                text.push('\n');
            }
            out.push(text);
        }
        Ok(out)
    }

    fn describe(e: ParseError) -> String {
        match e {
            ParseError::EncryptionNotSupported => {
                "encrypted PDF: its kind of encryption is not supported".into()
            }
            ParseError::WrongPassword => "encrypted PDF: it needs a password to open".into(),
            other => format!("damaged PDF: {other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_page_named_pdf_says_so() {
        let e = pdf_pages(b"<!DOCTYPE html>\n<html><head><title>Fel</title></head></html>")
            .unwrap_err();
        assert!(e.contains("not a PDF") && e.contains("HTML"), "{e}");
        let e = pdf_pages(b"hello").unwrap_err();
        assert!(e.contains("no PDF header"), "{e}");
    }
}
