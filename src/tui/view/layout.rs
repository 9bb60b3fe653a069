//! Where things go on screen, as pure functions of the terminal size. Drawing and the state update
//! (page sizes, scroll limits, mouse clicks) both use these, so they always agree.

use ratatui::layout::Rect;

/// Below this the screen says "terminal too small" instead of drawing panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, panes sit side by side; below it they fold into tabs.
pub const WIDE_WIDTH: u16 = 100;
/// Below this width the compare view stacks the two sides instead of two columns.
pub const COMPARE_COLUMNS_WIDTH: u16 = 60;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn is_wide(area: Rect) -> bool {
    area.width >= WIDE_WIDTH
}

/// Title bar, main area, status bar.
pub fn frame(area: Rect) -> (Rect, Rect, Rect) {
    let top = Rect {
        height: 1.min(area.height),
        ..area
    };
    let status = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: 1.min(area.height),
        ..area
    };
    let main = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    (top, main, status)
}

/// The inside of a bordered block.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// Browse: the meeting list and, when wide, a preview pane beside it.
pub fn browse(main: Rect) -> (Rect, Option<Rect>) {
    if is_wide(main) {
        let list_width = main.width * 11 / 20;
        let list = Rect {
            width: list_width,
            ..main
        };
        let preview = Rect {
            x: main.x + list_width,
            width: main.width - list_width,
            ..main
        };
        (list, Some(preview))
    } else {
        (main, None)
    }
}

/// Search: the prompt box on top, results below.
pub fn search(main: Rect) -> (Rect, Rect) {
    let prompt = Rect {
        height: 3.min(main.height),
        ..main
    };
    let results = Rect {
        y: main.y + prompt.height,
        height: main.height.saturating_sub(prompt.height),
        ..main
    };
    (prompt, results)
}

/// An item with its related pane: side by side when wide, else one pane under a tab line.
pub struct ItemLayout {
    pub tabs: Option<Rect>,
    pub detail: Option<Rect>,
    pub related: Option<Rect>,
}

pub fn item(main: Rect, related_shown: bool, related_focused: bool) -> ItemLayout {
    if !related_shown {
        return ItemLayout {
            tabs: None,
            detail: Some(main),
            related: None,
        };
    }
    if is_wide(main) {
        let detail_width = main.width * 3 / 5;
        ItemLayout {
            tabs: None,
            detail: Some(Rect {
                width: detail_width,
                ..main
            }),
            related: Some(Rect {
                x: main.x + detail_width,
                width: main.width - detail_width,
                ..main
            }),
        }
    } else {
        let tabs = Rect {
            height: 1.min(main.height),
            ..main
        };
        let pane = Rect {
            y: main.y + tabs.height,
            height: main.height.saturating_sub(tabs.height),
            ..main
        };
        if related_focused {
            ItemLayout {
                tabs: Some(tabs),
                detail: None,
                related: Some(pane),
            }
        } else {
            ItemLayout {
                tabs: Some(tabs),
                detail: Some(pane),
                related: None,
            }
        }
    }
}

/// Compare: the table inside a bordered block, with the selected row's reasons in the last line.
pub fn compare_rows(main: Rect) -> Rect {
    let inner = inner(main);
    // header line + its rule on top, reasons line at the bottom
    Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(3),
        ..inner
    }
}

/// Two columns side by side (or the whole width for each when too narrow), with a 1-column rule.
pub fn two_columns(area: Rect) -> (Rect, Rect) {
    let left_width = area.width.saturating_sub(1) / 2;
    let left = Rect {
        width: left_width,
        ..area
    };
    let right = Rect {
        x: area.x + left_width + 1,
        width: area.width.saturating_sub(left_width + 1),
        ..area
    };
    (left, right)
}
