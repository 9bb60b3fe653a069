//! Whatever the terminal size (1x1 to 300x100) and whatever keys arrive in whatever order, the
//! interface neither panics nor draws outside the screen.

mod tui_support;

use proptest::prelude::*;
use tui_support::Harness;

const KEYS: &[&str] = &[
    "up",
    "down",
    "enter",
    "esc",
    "tab",
    "shift-tab",
    "/",
    "?",
    "m",
    "c",
    "o",
    "t",
    "r",
    "a",
    "u",
    "x",
    "ö",
    "backspace",
    "pageup",
    "pagedown",
    "home",
    "end",
    "left",
    "right",
    "alt-left",
    "alt-right",
    "f1",
    "ctrl-u",
    "ctrl-w",
    "space",
    "M",
    "ctrl-l",
];

#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => prop::sample::select(KEYS).prop_map(Step::Key),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn any_size_and_any_keys_never_panic(
        width in 1u16..=300,
        height in 1u16..=100,
        steps in prop::collection::vec(step(), 0..40),
    ) {
        let mut h = Harness::on_shared_index(width, height);
        for step in steps {
            match step {
                Step::Key(name) => h.press(&[name]),
                Step::Resize(w, h2) => h.resize(w, h2),
            }
        }
        // a final full repaint at the last size
        h.press(&["ctrl-l"]);
        prop_assert!(!h.screen().is_empty());
    }
}

#[test]
fn tiny_and_huge_screens_draw() {
    for (w, h) in [(1, 1), (2, 1), (1, 2), (39, 9), (40, 10), (300, 100)] {
        let mut harness = Harness::on_shared_index(w, h);
        harness.press(&[
            "down", "enter", "down", "enter", "tab", "t", "esc", "/", "r", "enter", "?",
        ]);
        let screen = harness.screen();
        if w < 40 || h < 10 {
            assert!(!screen.contains("Meetings"), "{w}x{h}: {screen}");
        }
    }
}
