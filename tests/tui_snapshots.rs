//! Snapshots of every view at 80x24 and 160x48, and of the "too small" screen. Review changes
//! with `cargo insta review` (or set INSTA_UPDATE=always and read the diff in git).

mod tui_support;

use protokoll::tui::app::{BrowseRow, Screen};
use tui_support::Harness;

fn check(name: &str, h: &Harness) {
    let (w, hh) = (h.app().size.width, h.app().size.height);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_suffix(format!("{w}x{hh}"));
    settings.set_prepend_module_to_snapshot(false);
    // temp dirs and timings vary between runs
    let tmp = regex::Regex::new(r"/tmp/\S+").unwrap();
    let seconds = regex::Regex::new(r"\d+\.\d+ s\b").unwrap();
    let screen = h.screen();
    let screen = tmp.replace_all(&screen, "[TMP]");
    let screen = seconds.replace_all(&screen, "[SECONDS]").to_string();
    settings.bind(|| insta::assert_snapshot!(name, screen));
}

fn select_meeting_year(h: &mut Harness, year: i32) -> bool {
    let rows = h.app().browse.rows.len();
    h.press(&["home"]);
    h.select_where(rows, |app| {
        match app.browse.rows[app.browse.cursor.selected] {
            BrowseRow::Meeting { index, .. } => app.meetings()[index]
                .date
                .is_some_and(|d| chrono::Datelike::year(&d) == year),
            _ => false,
        }
    })
}

fn all_views(width: u16, height: u16) {
    let mut h = Harness::on_shared_index(width, height);
    check("browse", &h);
    h.press(&["?"]);
    check("help", &h);
    h.press(&["esc"]);
    assert!(select_meeting_year(&mut h, 2020));
    h.press(&["enter", "down", "down"]);
    check("browse_expanded", &h);
    h.press(&["enter"]);
    check("item", &h);
    h.press(&["esc", "/"]);
    h.type_text("ruc");
    check("search", &h);
    h.press(&["enter"]);
    h.press(&["tab"]);
    check("item_related", &h);
    h.press(&["t"]);
    check("thread", &h);

    let mut h = Harness::on_shared_index(width, height);
    assert!(select_meeting_year(&mut h, 2023));
    h.press(&["m"]);
    assert!(select_meeting_year(&mut h, 2020));
    h.press(&["c"]);
    check("compare", &h);
    if let Screen::Compare(compare) = h.app().screen() {
        let rows = compare.rows.ready().cloned().unwrap_or_default();
        if let Some(pos) = rows.iter().position(|r| r.a.is_some() && r.b.is_some()) {
            for _ in 0..pos {
                h.press(&["down"]);
            }
            h.press(&["enter"]);
            check("compare_items", &h);
        }
    }
}

#[test]
fn views_at_80x24() {
    all_views(80, 24);
}

#[test]
fn views_at_160x48() {
    all_views(160, 48);
}

#[test]
fn too_small() {
    let h = Harness::on_shared_index(30, 8);
    check("too_small", &h);
}
