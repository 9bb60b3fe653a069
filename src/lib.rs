//! protokoll: read, index, search and cross-reference archives of council meeting protocols.
//!
//! Data flows one way: `archive` (files → text) → `protocol` (text → meetings) → `search` (tantivy
//! index) and `links` (related items, threads, comparisons) → `library` (the one API) → the
//! `cli` and `tui` front ends.

pub mod archive;
pub mod cli;
pub mod error;
pub mod library;
pub mod links;
pub mod protocol;
pub mod search;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
pub use library::Library;
