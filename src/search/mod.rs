//! Full-text search: the tantivy schema and analyzers, the on-disk index, the query language and
//! snippets with matched words marked.

pub mod compound;
pub mod directory;
pub mod filter;
pub mod index;
pub mod lexicon;
pub mod query;
pub mod schema;
pub mod snippet;

pub use index::{check_usable, RawHit, SearchIndex};
pub use query::{parse_user_query, UserQuery};
