//! Cross-referencing: related items in other meetings (with the reasons), a matter followed
//! through time, and two meetings' agendas aligned.

pub mod keys;
