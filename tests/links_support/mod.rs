//! Shared by the links tests: a fixture archive of `tests/fixtures/links/`, indexed for real in a
//! temp dir, and finding an item by its meeting and title.
#![allow(dead_code)]

use protokoll::text::fold;
use protokoll::Library;
use std::path::PathBuf;

/// An indexed fixture archive (the index lives as long as the value).
pub struct Fixture {
    pub library: Library,
    _index: tempfile::TempDir,
}

/// Index and open `tests/fixtures/links/NAME`.
pub fn open(name: &str) -> Fixture {
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/links")
        .join(name);
    let index = tempfile::tempdir().expect("temp dir");
    Library::update(&archive, index.path(), &|_| {}).expect("index fixture");
    let library = Library::open(&archive, index.path()).expect("open fixture");
    Fixture {
        library,
        _index: index,
    }
}

/// The id of the item whose title contains `title` in the meeting whose id starts with `meeting`.
pub fn item(lib: &Library, meeting: &str, title: &str) -> String {
    lib.items()
        .find(|(m, i)| m.id.starts_with(meeting) && fold(&i.title).contains(&fold(title)))
        .map(|(_, i)| i.id.clone())
        .unwrap_or_else(|| panic!("no item {title:?} in {meeting}"))
}
