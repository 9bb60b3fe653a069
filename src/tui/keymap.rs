//! Keymaps: which key does what in which context. The built-in `keymaps/default.toml` is laid down
//! first, then a preset or file chosen with `--keymap NAME|PATH`, then the user's `keymap.toml` in
//! the config dir; each layer replaces bindings per key and `"none"` unbinds. A bad entry becomes a
//! warning (shown in the status bar) and the rest of the file still applies.

use super::action::Action;
use super::keys::Key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");
pub const VIM_KEYMAP: &str = include_str!("../../keymaps/vim.toml");
pub const EMACS_KEYMAP: &str = include_str!("../../keymaps/emacs.toml");

/// The built-in presets `--keymap NAME` accepts.
pub const PRESETS: [(&str, &str); 3] = [
    ("default", DEFAULT_KEYMAP),
    ("vim", VIM_KEYMAP),
    ("emacs", EMACS_KEYMAP),
];

/// Where a key is looked up: the focused part of the screen, then `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Detail,
    Search,
    Related,
    Thread,
    Compare,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Global,
        Context::List,
        Context::Detail,
        Context::Search,
        Context::Related,
        Context::Thread,
        Context::Compare,
    ];

    /// The TOML table name.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::Search => "search",
            Context::Related => "related",
            Context::Thread => "thread",
            Context::Compare => "compare",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A key's meaning in one context; `Unbound` hides a global binding of the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Action(Action),
    Unbound,
}

/// The active keymap with the warnings collected while loading it.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: HashMap<Context, HashMap<Key, Binding>>,
    pub warnings: Vec<String>,
}

impl Keymap {
    /// The built-in default keymap alone.
    pub fn builtin() -> Keymap {
        let mut keymap = Keymap::default();
        keymap.apply_toml(DEFAULT_KEYMAP, "keymaps/default.toml");
        keymap
    }

    /// The keymap for a session: default, then `choice` (a preset name or a file path), then the
    /// user's `keymap.toml` in `user_dir` (if any). A user file may name a preset with
    /// `preset = "vim"` at the top when no `choice` is given.
    pub fn load(choice: Option<&str>, user_dir: Option<&Path>) -> Keymap {
        let mut keymap = Keymap::builtin();
        let user_file = user_dir.map(|dir| dir.join("keymap.toml"));
        let user_text = user_file
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok());
        let user_preset = user_text.as_deref().and_then(|text| {
            toml::from_str::<toml::Table>(text).ok().and_then(|table| {
                table
                    .get("preset")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
        });
        if let Some(choice) = choice.map(str::to_string).or(user_preset) {
            keymap.apply_choice(&choice);
        }
        if let (Some(path), Some(text)) = (user_file, user_text) {
            keymap.apply_toml(&text, &path.display().to_string());
        }
        keymap
    }

    /// Lay a preset (by name) or a keymap file (by path) over the current bindings.
    pub fn apply_choice(&mut self, choice: &str) {
        if let Some((_, text)) = PRESETS.iter().find(|(name, _)| *name == choice) {
            self.apply_toml(text, &format!("keymaps/{choice}.toml"));
            return;
        }
        let path = PathBuf::from(choice);
        match std::fs::read_to_string(&path) {
            Ok(text) => self.apply_toml(&text, &path.display().to_string()),
            Err(error) => self.warnings.push(format!(
                "keymap \"{choice}\" is neither a preset (default, vim, emacs) nor a readable file ({error}); using the defaults"
            )),
        }
    }

    /// Lay the bindings of one keymap file over the current ones. `source` names the file in warnings.
    pub fn apply_toml(&mut self, text: &str, source: &str) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(table) => table,
            Err(error) => {
                let first_line = error.to_string().lines().next().unwrap_or("").to_string();
                self.warnings.push(format!(
                    "{source}: not read ({first_line}); bindings unchanged"
                ));
                return;
            }
        };
        for (section, value) in table {
            if section == "preset" {
                continue;
            }
            let Some(context) = Context::from_name(&section) else {
                self.warnings
                    .push(format!("{source}: unknown table [{section}] ignored"));
                continue;
            };
            let Some(entries) = value.as_table() else {
                self.warnings.push(format!(
                    "{source}: \"{section}\" must be a table of key = \"action\""
                ));
                continue;
            };
            for (key_name, action_value) in entries {
                let key = match Key::parse(key_name) {
                    Ok(key) => key,
                    Err(error) => {
                        self.warnings
                            .push(format!("{source}: [{section}] \"{key_name}\": {error}"));
                        continue;
                    }
                };
                let action_name = match action_value {
                    toml::Value::String(name) => name.as_str(),
                    toml::Value::Table(t) => match t.get("action").and_then(|v| v.as_str()) {
                        Some(name) => name,
                        None => {
                            self.warnings.push(format!(
                                "{source}: [{section}] \"{key_name}\": expected an action name"
                            ));
                            continue;
                        }
                    },
                    _ => {
                        self.warnings.push(format!(
                            "{source}: [{section}] \"{key_name}\": expected an action name"
                        ));
                        continue;
                    }
                };
                let binding = if action_name == "none" {
                    Binding::Unbound
                } else if let Some(action) = Action::from_name(action_name) {
                    Binding::Action(action)
                } else {
                    self.warnings.push(format!(
                        "{source}: [{section}] \"{key_name}\" = \"{action_name}\": unknown action"
                    ));
                    continue;
                };
                self.bind(context, key, binding);
            }
        }
    }

    pub fn bind(&mut self, context: Context, key: Key, binding: Binding) {
        let table = self.tables.entry(context).or_default();
        if context == Context::Global && binding == Binding::Unbound {
            table.remove(&key);
        } else {
            table.insert(key, binding);
        }
    }

    /// What `key` does in `context`: the context's table first, then `global`.
    pub fn action_for(&self, context: Context, key: Key) -> Option<Action> {
        match self.tables.get(&context).and_then(|t| t.get(&key)) {
            Some(Binding::Action(action)) => Some(*action),
            Some(Binding::Unbound) => None,
            None if context != Context::Global => self.action_for(Context::Global, key),
            None => None,
        }
    }

    /// Is `key` bound in `context` itself (not through `global`)?
    pub fn bound_in(&self, context: Context, key: Key) -> Option<Binding> {
        self.tables.get(&context).and_then(|t| t.get(&key)).copied()
    }

    /// The keys that trigger `action` in `context` (own table and the global keys it does not
    /// shadow), in a stable order: shortest name first.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        let mut contexts = vec![context];
        if context != Context::Global {
            contexts.push(Context::Global);
        }
        for ctx in contexts {
            if let Some(table) = self.tables.get(&ctx) {
                for (key, binding) in table {
                    if *binding == Binding::Action(action)
                        && self.action_for(context, *key) == Some(action)
                        && !keys.contains(key)
                    {
                        keys.push(*key);
                    }
                }
            }
        }
        keys.sort_by_key(|k| {
            let name = k.to_string();
            (name.chars().count(), name)
        });
        keys
    }

    /// Bindings of one context's own table, sorted by action then key, for the help overlay.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        let mut actions: Vec<Action> = self
            .tables
            .get(&context)
            .map(|t| {
                t.values()
                    .filter_map(|b| match b {
                        Binding::Action(a) => Some(*a),
                        Binding::Unbound => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        actions.sort();
        actions.dedup();
        actions
            .into_iter()
            .map(|action| {
                let mut keys: Vec<Key> = self.tables[&context]
                    .iter()
                    .filter(|(_, b)| **b == Binding::Action(action))
                    .map(|(k, _)| *k)
                    .collect();
                keys.sort_by_key(|k| {
                    let name = k.to_string();
                    (name.chars().count(), name)
                });
                (action, keys)
            })
            .collect()
    }

    /// The first key for `action` in `context`, as text, for hints ("?" for toggle_help).
    pub fn key_label(&self, context: Context, action: Action) -> Option<String> {
        self.keys_for(context, action)
            .first()
            .map(|k| k.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn context_table_wins_over_global_and_none_unbinds() {
        let mut keymap = Keymap::builtin();
        assert!(keymap.warnings.is_empty(), "{:?}", keymap.warnings);
        assert_eq!(
            keymap.action_for(Context::List, key("q")),
            Some(Action::Quit)
        );
        keymap.apply_toml("[list]\nq = \"none\"\n[global]\nx = \"quit\"\n", "user");
        assert_eq!(keymap.action_for(Context::List, key("q")), None);
        assert_eq!(
            keymap.action_for(Context::Detail, key("q")),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action_for(Context::Detail, key("x")),
            Some(Action::Quit)
        );
        assert!(keymap
            .keys_for(Context::Detail, Action::Quit)
            .contains(&key("x")));
        assert!(!keymap
            .keys_for(Context::List, Action::Quit)
            .contains(&key("q")));
    }

    #[test]
    fn bad_entries_are_warnings_and_the_rest_applies() {
        let mut keymap = Keymap::builtin();
        keymap.apply_toml(
            "[list]\nz = \"fly_away\"\n\"hyper-k\" = \"quit\"\nk = \"move_up\"\n[nowhere]\na = \"quit\"\n",
            "user",
        );
        assert_eq!(keymap.warnings.len(), 3, "{:?}", keymap.warnings);
        assert_eq!(
            keymap.action_for(Context::List, key("k")),
            Some(Action::MoveUp)
        );
        let mut broken = Keymap::builtin();
        broken.apply_toml("[list\nk = ", "broken.toml");
        assert_eq!(broken.warnings.len(), 1);
        assert_eq!(
            broken.action_for(Context::List, key("q")),
            Some(Action::Quit)
        );
    }

    #[test]
    fn user_file_overrides_per_key_and_can_pick_a_preset() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("keymap.toml"),
            "preset = \"vim\"\n[list]\nx = \"open\"\n",
        )
        .unwrap();
        let keymap = Keymap::load(None, Some(dir.path()));
        assert!(keymap.warnings.is_empty(), "{:?}", keymap.warnings);
        assert_eq!(
            keymap.action_for(Context::List, key("x")),
            Some(Action::Open)
        );
        assert_eq!(
            keymap.action_for(Context::List, key("j")),
            Some(Action::MoveDown)
        );
        assert_eq!(
            keymap.action_for(Context::List, key("down")),
            Some(Action::MoveDown)
        );
        let unknown = Keymap::load(Some("/nonexistent/keys.toml"), None);
        assert_eq!(unknown.warnings.len(), 1);
    }
}
