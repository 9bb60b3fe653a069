//! Every keymap shipped in keymaps/ parses, names only real actions and contexts, and leaves
//! every view with a way to get help, go back and quit.

use protokoll::tui::action::Action;
use protokoll::tui::keymap::{Context, Keymap, PRESETS};
use protokoll::tui::keys::Key;

fn keymap_files() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("keymaps/ exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            (
                path.display().to_string(),
                std::fs::read_to_string(&path).expect("readable"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_keymap_parses_and_names_only_real_actions() {
    let files = keymap_files();
    assert!(
        files.len() >= 3,
        "default, vim and emacs are shipped: {files:?}"
    );
    for (path, text) in &files {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (section, entries) in &table {
            assert!(
                Context::from_name(section).is_some(),
                "{path}: unknown table [{section}]"
            );
            for (key, action) in entries.as_table().expect("table of bindings") {
                Key::parse(key).unwrap_or_else(|e| panic!("{path}: [{section}] {key}: {e}"));
                let name = action.as_str().expect("action name");
                assert!(
                    name == "none" || Action::from_name(name).is_some(),
                    "{path}: unknown action {name}"
                );
            }
        }
        let mut keymap = Keymap::builtin();
        keymap.apply_toml(text, path);
        assert!(keymap.warnings.is_empty(), "{path}: {:?}", keymap.warnings);
    }
}

#[test]
fn every_preset_is_a_shipped_file() {
    let files = keymap_files();
    for (name, text) in PRESETS {
        assert!(
            files
                .iter()
                .any(|(path, body)| path.ends_with(&format!("{name}.toml")) && body == text),
            "{name}"
        );
    }
}

#[test]
fn every_view_can_get_help_go_back_and_quit_with_every_preset() {
    for (name, _) in PRESETS {
        let keymap = Keymap::load(Some(name), None);
        for context in Context::ALL {
            for action in [Action::ToggleHelp, Action::Back, Action::Quit] {
                let usable = keymap.keys_for(context, action).into_iter().any(|key| {
                    // in the prompt, plain characters type; they do not count there
                    context != Context::Search || key.typed_char().is_none()
                });
                if context == Context::Global && action == Action::Back {
                    continue;
                }
                assert!(
                    usable,
                    "{name}: no key for {} in [{}]",
                    action.name(),
                    context.name()
                );
            }
        }
        let open_contexts = [
            Context::List,
            Context::Search,
            Context::Related,
            Context::Thread,
            Context::Compare,
        ];
        for context in open_contexts {
            assert!(
                !keymap.keys_for(context, Action::Open).is_empty(),
                "{name}: open in {}",
                context.name()
            );
        }
    }
}

#[test]
fn a_user_file_overrides_per_key_and_unbinds_with_none() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[global]\n\"q\" = \"none\"\n\"ctrl-q\" = \"quit\"\n[detail]\n\"o\" = \"none\"\n\"e\" = \"open_source\"\n",
    )
    .unwrap();
    let keymap = Keymap::load(None, Some(dir.path()));
    assert!(keymap.warnings.is_empty(), "{:?}", keymap.warnings);
    let key = |name: &str| Key::parse(name).unwrap();
    assert_eq!(keymap.action_for(Context::List, key("q")), None);
    assert_eq!(
        keymap.action_for(Context::List, key("ctrl-q")),
        Some(Action::Quit)
    );
    assert_eq!(keymap.action_for(Context::Detail, key("o")), None);
    assert_eq!(
        keymap.action_for(Context::Detail, key("e")),
        Some(Action::OpenSource)
    );
    // untouched defaults stay
    assert_eq!(
        keymap.action_for(Context::List, key("enter")),
        Some(Action::Open)
    );
}

#[test]
fn the_keymap_guide_names_every_action() {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/README.md"),
    )
    .expect("keymaps/README.md");
    for action in Action::ALL {
        assert!(
            guide.contains(&format!("`{}`", action.name())),
            "keymaps/README.md misses {}",
            action.name()
        );
    }
}
