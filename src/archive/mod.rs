//! The archive folder: finding protocol files (read-only, recursively) and turning their bytes
//! into clean text whatever the encoding.

pub mod decode;
pub mod scan;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use scan::{resolve, scan, ScanResult, ScannedFile, SkippedFile};
