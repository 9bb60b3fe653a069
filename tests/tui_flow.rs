//! The TUI driven by scripted keys through the real event loop (TestBackend), on the seeds indexed
//! by the real library: browsing, search, item detail, related items, thread, compare, keymaps,
//! drawing only on change, small and narrow screens.

mod tui_support;

use protokoll::text::fold;
use protokoll::tui::app::{BrowseRow, ItemPane, Loadable, Screen};
use protokoll::tui::keymap::Keymap;
use tui_support::Harness;

fn meeting_date(h: &Harness, row: usize) -> Option<Option<chrono::NaiveDate>> {
    match h.app().browse.rows.get(row)? {
        BrowseRow::Meeting { index, .. } => Some(h.app().meetings()[*index].date),
        _ => None,
    }
}

#[test]
fn meetings_are_grouped_by_council_newest_first() {
    let h = Harness::new(80, 24);
    let rows = &h.app().browse.rows;
    assert!(
        matches!(rows.first(), Some(BrowseRow::Council { .. })),
        "{rows:?}"
    );
    let mut previous: Option<Option<chrono::NaiveDate>> = None;
    for (i, row) in rows.iter().enumerate() {
        match row {
            BrowseRow::Council { .. } => previous = None,
            BrowseRow::Meeting { .. } => {
                let date = meeting_date(&h, i).unwrap();
                if let Some(prev) = previous {
                    match (prev, date) {
                        (Some(p), Some(d)) => assert!(p >= d, "{p} listed before {d}"),
                        (None, Some(d)) => panic!("undated meeting listed before {d}"),
                        _ => {}
                    }
                }
                previous = Some(date);
            }
            BrowseRow::Item { .. } => {}
        }
    }
    let screen = h.screen();
    assert!(screen.contains("items"), "{screen}");
    assert!(
        screen.contains(&format!("{} meetings", h.app().meetings().len())),
        "{screen}"
    );
}

#[test]
fn a_meeting_expands_and_an_item_opens_with_its_facts_and_source() {
    let mut h = Harness::new(80, 24);
    assert!(h.select_where(5, |app| matches!(
        app.browse.rows[app.browse.cursor.selected],
        BrowseRow::Meeting { .. }
    )));
    let rows_before = h.app().browse.rows.len();
    h.press(&["enter"]);
    assert!(h.app().browse.rows.len() > rows_before, "meeting expanded");
    h.press(&["down"]);
    assert!(matches!(
        h.app().browse.rows[h.app().browse.cursor.selected],
        BrowseRow::Item { .. }
    ));
    h.press(&["enter"]);
    let Screen::Item(item) = h.app().screen() else {
        panic!("item screen expected")
    };
    let title = item.item.item.title.clone();
    let file = item.item.meeting.file.clone();
    let screen = h.screen();
    assert!(
        screen.contains("Council:") && screen.contains("Date:"),
        "{screen}"
    );
    assert!(
        screen.contains(&title.chars().take(20).collect::<String>()),
        "{screen}"
    );
    h.press(&["o"]);
    let (path, line) = h.host.opened.last().cloned().expect("source opened");
    assert!(path.ends_with(&file), "{path:?} vs {file}");
    assert!(line >= 1);
    h.press(&["esc"]);
    assert!(matches!(h.app().screen(), Screen::Browse));
}

#[test]
fn typing_ruc_finds_the_ruc_item_and_esc_goes_back_where_you_were() {
    let mut h = Harness::new(80, 24);
    h.press(&["down", "/"]);
    h.type_text("ruc");
    let Screen::Search(search) = h.app().screen() else {
        panic!("search screen expected")
    };
    assert_eq!(search.query, "ruc");
    assert!(
        search
            .fuzzy
            .iter()
            .any(|hit| fold(&hit.text).contains("ruc")),
        "{:?}",
        search.fuzzy
    );
    let Loadable::Ready(fulltext) = &search.fulltext else {
        panic!("full text not ready")
    };
    assert!(!fulltext.is_empty());
    let screen = h.screen();
    assert!(screen.contains("RUC"), "{screen}");
    h.press(&["enter"]);
    let Screen::Item(item) = h.app().screen() else {
        panic!("item screen expected")
    };
    assert!(
        fold(&item.item.item.title).contains("ruc") || fold(&item.item.item.text).contains("ruc")
    );
    h.press(&["esc"]);
    assert!(matches!(h.app().screen(), Screen::Search(s) if s.query == "ruc"));
    h.press(&["esc"]);
    assert!(matches!(h.app().screen(), Screen::Browse));
    assert_eq!(h.app().browse.cursor.selected, 1, "the list kept its place");
    h.press(&["alt-right"]);
    assert!(
        matches!(h.app().screen(), Screen::Search(_)),
        "forward returns to the search"
    );
}

#[test]
fn full_text_words_in_the_body_are_found_and_stale_results_are_dropped() {
    let mut h = Harness::new(80, 24);
    h.press(&["/"]);
    h.type_text("zzzq");
    h.press(&["ctrl-u"]);
    h.type_text("utvecklingscentrum");
    let Screen::Search(search) = h.app().screen() else {
        panic!("search screen expected")
    };
    let Loadable::Ready(hits) = &search.fulltext else {
        panic!("full text not ready")
    };
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .any(|hit| fold(&hit.snippet).contains("utvecklingscentrum")
            || fold(&hit.title).contains("utvecklingscentrum")));
    for hit in &search.fuzzy {
        assert!(!fold(&hit.text).contains("zzzq"), "stale fuzzy hit {hit:?}");
    }
}

#[test]
fn related_items_open_beside_an_item_and_back_returns() {
    let mut h = Harness::new(80, 24);
    h.press(&["/"]);
    h.type_text("ruc");
    h.press(&["enter"]);
    let first = match h.app().screen() {
        Screen::Item(item) => item.item.item.id.clone(),
        _ => panic!("item screen expected"),
    };
    // narrow: the related pane is a tab
    h.press(&["tab"]);
    let screen = h.screen();
    assert!(screen.contains("[Related"), "{screen}");
    let Screen::Item(item) = h.app().screen() else {
        panic!()
    };
    assert_eq!(item.focus, ItemPane::Related);
    let related = item.related.ready().cloned().expect("related loaded");
    if let Some(top) = related.first() {
        assert_ne!(
            top.meeting_id,
            first.split('#').next().unwrap(),
            "related items come from other meetings"
        );
        h.press(&["enter"]);
        let Screen::Item(opened) = h.app().screen() else {
            panic!("jumped to an item")
        };
        assert_eq!(opened.item.item.id, top.item_id);
        h.press(&["alt-left"]);
        let Screen::Item(back) = h.app().screen() else {
            panic!()
        };
        assert_eq!(back.item.item.id, first);
    }
    h.press(&["t"]);
    let Screen::Thread(thread) = h.app().screen() else {
        panic!("thread screen expected")
    };
    assert!(!matches!(thread.entries, Loadable::Loading));
}

#[test]
fn two_marked_meetings_compare_side_by_side() {
    let mut h = Harness::new(80, 24);
    let is_dated_meeting = |year: i32| {
        move |app: &protokoll::tui::app::App| match app.browse.rows[app.browse.cursor.selected] {
            BrowseRow::Meeting { index, .. } => app.meetings()[index]
                .date
                .is_some_and(|d| chrono::Datelike::year(&d) == year),
            _ => false,
        }
    };
    h.press(&["end"]);
    let rows = h.app().browse.rows.len();
    h.press(&["home"]);
    assert!(
        h.select_where(rows, is_dated_meeting(2023)),
        "a 2023 meeting is listed"
    );
    h.press(&["m"]);
    assert!(h.app().mark.is_some());
    assert!(h.screen().contains("marked:"));
    h.press(&["home"]);
    assert!(
        h.select_where(rows, is_dated_meeting(2020)),
        "a 2020 meeting is listed"
    );
    h.press(&["c"]);
    let Screen::Compare(compare) = h.app().screen() else {
        panic!("compare screen expected: {}", h.screen())
    };
    assert!(compare.a.label.contains("2023") && compare.b.label.contains("2020"));
    let screen = h.screen();
    assert!(
        screen.contains("A 2023") && screen.contains("B 2020"),
        "{screen}"
    );
    let rows = compare.rows.ready().cloned().expect("rows loaded");
    if let Some(pos) = rows.iter().position(|r| r.a.is_some() && r.b.is_some()) {
        for _ in 0..pos {
            h.press(&["down"]);
        }
        h.press(&["enter"]);
        assert!(
            matches!(h.app().screen(), Screen::ItemPair(_)),
            "{}",
            h.screen()
        );
    }
}

#[test]
fn help_and_hints_follow_the_active_keymap_and_bad_entries_warn() {
    let mut keymap = Keymap::builtin();
    keymap.apply_toml(
        "[list]\n\"x\" = \"search\"\n\"/\" = \"none\"\n\"y\" = \"no_such_action\"\n",
        "test keymap",
    );
    let mut h = Harness::with_keymap(100, 30, keymap);
    let screen = h.screen();
    assert!(
        screen.contains("! keymap:"),
        "warning in the status bar: {screen}"
    );
    h.press(&["/"]);
    assert!(
        matches!(h.app().screen(), Screen::Browse),
        "\"/\" was unbound in the list"
    );
    h.press(&["?"]);
    let screen = h.screen();
    assert!(screen.contains("search titles and full text"), "{screen}");
    assert!(
        screen.contains("no_such_action"),
        "help lists keymap problems: {screen}"
    );
    h.press(&["esc"]);
    assert!(h.app().help.is_none());
    h.press(&["x"]);
    assert!(matches!(h.app().screen(), Screen::Search(_)));
    let status = h.screen().lines().last().unwrap_or("").to_string();
    assert!(status.contains("enter open"), "{status}");
}

#[test]
fn vim_preset_moves_with_j_and_k() {
    let mut h = Harness::with_keymap(80, 24, Keymap::load(Some("vim"), None));
    h.press(&["j", "j"]);
    assert_eq!(h.app().browse.cursor.selected, 2);
    h.press(&["k"]);
    assert_eq!(h.app().browse.cursor.selected, 1);
    h.press(&["G"]);
    assert_eq!(
        h.app().browse.cursor.selected,
        h.app().browse.rows.len() - 1
    );
}

#[test]
fn draws_only_when_something_changed() {
    let mut h = Harness::new(80, 24);
    let frames = h.session.frames;
    std::thread::sleep(std::time::Duration::from_millis(200));
    h.settle();
    assert_eq!(h.session.frames, frames, "idle: no frames");
    h.press(&["f12"]);
    assert_eq!(h.session.frames, frames, "an unbound key draws nothing");
    h.press(&["down"]);
    assert_eq!(h.session.frames, frames + 1);
    // many queued keys: one frame
    for _ in 0..5 {
        h.session
            .send_key(protokoll::tui::keys::Key::parse("down").unwrap());
    }
    h.settle();
    assert_eq!(h.session.frames, frames + 2);
}

#[test]
fn too_small_says_so_and_recovers() {
    let mut h = Harness::new(80, 24);
    h.resize(30, 8);
    assert!(h.screen().contains("too small"), "{}", h.screen());
    h.press(&["down", "enter", "/", "x"]);
    h.resize(80, 24);
    assert!(!h.screen().contains("too small"));
}

#[test]
fn wide_screens_show_a_preview_and_related_beside_the_item() {
    let mut h = Harness::new(160, 48);
    let screen = h.screen();
    assert!(screen.contains("Preview"), "{screen}");
    h.press(&["/"]);
    h.type_text("ruc");
    h.press(&["enter"]);
    let screen = h.screen();
    assert!(
        screen.contains("Related") && screen.contains("Item"),
        "{screen}"
    );
    assert!(!screen.contains("[Related"), "no tabs when wide: {screen}");
}

#[test]
fn without_colour_selection_and_focus_still_show() {
    // The harness runs as with NO_COLOR: no colours at all, emphasis by modifiers and markers.
    let mut h = Harness::new(80, 24);
    h.press(&["down"]);
    let buffer = h.session.terminal.backend().buffer().clone();
    let area = buffer.area;
    let mut reversed_rows = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            assert_eq!(
                cell.fg,
                ratatui::style::Color::Reset,
                "no foreground colour at {x},{y}"
            );
            assert_eq!(
                cell.bg,
                ratatui::style::Color::Reset,
                "no background colour at {x},{y}"
            );
        }
        if buffer[(3, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
        {
            reversed_rows.push(y);
        }
    }
    // row 0 is the title bar (reversed); exactly one list row is, the selected one, with a marker
    let selected: Vec<u16> = reversed_rows.into_iter().filter(|y| *y > 0).collect();
    assert_eq!(selected.len(), 1, "{}", h.screen());
    let line = h
        .screen()
        .lines()
        .nth(selected[0] as usize)
        .unwrap_or("")
        .to_string();
    assert!(line.contains('▶'), "{line}");
}

#[test]
fn mouse_selects_on_click_opens_on_second_click_and_scrolls() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut h = Harness::new(80, 24);
    let mouse = |kind, row| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // row 0 title bar, row 1 border, list rows from row 2: the 2nd list row is row 3
    h.session
        .send_input(mouse(MouseEventKind::Down(MouseButton::Left), 3));
    h.settle();
    assert_eq!(h.app().browse.cursor.selected, 1);
    let before = h.app().browse.rows.len();
    h.session
        .send_input(mouse(MouseEventKind::Down(MouseButton::Left), 3));
    h.settle();
    assert!(
        h.app().browse.rows.len() > before,
        "second click opened (expanded) the meeting"
    );
    h.session.send_input(mouse(MouseEventKind::ScrollDown, 5));
    h.settle();
    assert_eq!(h.app().browse.cursor.selected, 4);
}

#[test]
fn y_copies_the_items_citation_and_shift_y_its_decision() {
    let mut h = Harness::new(80, 24);
    assert!(h.select_where(5, |app| matches!(
        app.browse.rows[app.browse.cursor.selected],
        BrowseRow::Meeting { .. }
    )));
    h.press(&["enter", "down", "enter"]);
    let Screen::Item(item) = h.app().screen() else {
        panic!("item screen expected")
    };
    let council = item.item.meeting.council.clone().unwrap();
    h.press(&["y"]);
    let copied = h
        .host
        .copied
        .last()
        .cloned()
        .expect("a citation was copied");
    assert!(copied.contains(&council), "{copied}");
    assert!(!copied.contains('\n'), "a citation is one line: {copied}");
    assert!(h.screen().contains("copied:"), "the status line says so");
    h.press(&["Y"]);
    let quoted = h.host.copied.last().cloned().unwrap();
    assert!(quoted.ends_with(&format!("({copied})")), "{quoted}");
}

#[test]
fn b_on_a_meeting_opens_its_brief_and_enter_unfolds_an_items_history() {
    let mut h = Harness::new(100, 30);
    assert!(h.select_where(5, |app| matches!(
        app.browse.rows[app.browse.cursor.selected],
        BrowseRow::Meeting { .. }
    )));
    h.press(&["b"]);
    let Screen::Brief(brief) = h.app().screen() else {
        panic!("the brief screen opens")
    };
    let protokoll::tui::app::Loadable::Ready(ready) = &brief.brief else {
        panic!("the brief is ready after settling")
    };
    let items = ready.items.len();
    assert!(items > 0, "the meeting's matters are listed");
    assert_eq!(brief.rows().len(), items, "folded: one row per agenda item");
    let screen = h.screen();
    assert!(
        screen.contains("Brief") && screen.contains("earlier") || screen.contains("no history"),
        "{screen}"
    );
    // Unfold the first item that has history; its rows appear under it.
    let with_history = ready.items.iter().position(|i| !i.history.is_empty());
    if let Some(i) = with_history {
        let rows_before = brief.rows().len();
        for _ in 0..i {
            h.press(&["down"]);
        }
        h.press(&["enter"]);
        let Screen::Brief(brief) = h.app().screen() else {
            panic!()
        };
        assert!(brief.rows().len() > rows_before, "the history unfolds");
    }
}
