//! The archive folder: finding protocol files (read-only, recursively) and turning their bytes
//! into clean text whatever the format (text in any encoding, PDF, Word, OpenDocument).

pub mod decode;
pub mod extract;
pub mod office;
pub mod pdf;
pub mod scan;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use extract::{extract, extract_file, DocFormat, Extracted};
pub use scan::{resolve, scan, ScanResult, ScannedFile, SkippedFile};
