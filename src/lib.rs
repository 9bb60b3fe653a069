//! protokoll: read, index, search and cross-reference archives of council meeting protocols.
//!
//! Data flows one way, and each module uses only the modules to its left (checked by
//! `tests/layering.rs`):
//!
//! `archive` → `protocol` → `search` → `links` → `library` → `tui` → `cli`
//!
//! - `archive`: files → text (scan, fingerprints, decoding, PDF/Office text).
//! - `protocol`: text → meetings (cleaning, parsing, the model).
//! - `search`: the tantivy index (analyzers, schema, queries, snippets).
//! - `links`: related items, threads, comparisons; reads what it needs through
//!   [`links::ItemSource`], which `library` provides.
//! - `library`: the one API both front ends call (catalog, incremental update, JSON shapes).
//! - `tui`, `cli`: the front ends (the CLI starts the TUI when given no command).
//! - `text`, `error`: shared leaves any module may use.
//!
//! The synthetic archive generator for tests and benchmarks is not here: it is the
//! development-only workspace crate `crates/protokoll-gen`.

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
