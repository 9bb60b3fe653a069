//! Saved searches in the TUI: the header says how many meetings are new, `w` lists the watches,
//! `enter` runs one and its meetings count as seen. A test binary of its own: it points the
//! config and state folders at temp dirs through the environment.

mod tui_support;

use protokoll::library::watch::WatchStore;
use protokoll::tui::app::Screen;
use tui_support::{seeds, Harness};

#[test]
fn the_header_counts_new_meetings_and_w_opens_the_watches() {
    let dirs = tempfile::tempdir().unwrap();
    let config = dirs.path().join("config");
    let state = dirs.path().join("state");
    std::fs::create_dir_all(&config).unwrap();
    // A watch file handed over by a colleague: this user has seen nothing of it yet.
    std::fs::write(
        config.join("watches.toml"),
        "[[watch]]\nname = \"ruc\"\nquery = \"RUC\"\n",
    )
    .unwrap();
    std::env::set_var("PROTOKOLL_CONFIG_DIR", &config);
    std::env::set_var("PROTOKOLL_STATE_DIR", &state);

    let mut h = Harness::new(100, 30);
    let new = h.app().new_in_watches();
    assert!(new >= 2, "the RUC meetings are new: {new}");
    assert!(
        h.screen().contains(&format!("{new} new (w)")),
        "{}",
        h.screen()
    );

    h.press(&["w"]);
    assert!(matches!(h.app().screen(), Screen::Watches(_)));
    let screen = h.screen();
    assert!(
        screen.contains("Saved searches") && screen.contains("ruc"),
        "{screen}"
    );
    assert!(screen.contains(&format!("{new} new")), "{screen}");

    h.press(&["enter"]);
    let Screen::Search(search) = h.app().screen() else {
        panic!("the watch runs as a search")
    };
    assert_eq!(search.query, "RUC");
    assert_eq!(h.app().new_in_watches(), 0);
    assert!(!h.screen().contains("new (w)"));

    // Seen is written to this user's state folder, not to the shared watch file.
    let index = tempfile::tempdir().unwrap();
    let (library, _) =
        protokoll::Library::update_and_open(&seeds(), index.path(), &|_| {}).unwrap();
    let store = WatchStore::open().unwrap();
    let status = store.status(&library, &store.watches()[0]).unwrap();
    assert!(status.new.is_empty(), "{:?}", status.new);
    assert!(state.join("watch-seen.toml").exists());
}
