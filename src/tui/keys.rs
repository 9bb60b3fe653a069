//! Key names as keymap files write them (`"ctrl-c"`, `"shift-tab"`, `"pagedown"`, `"G"`, `"?"`):
//! parsing, display, and the normalisation that makes a terminal's key event equal to its name.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// One key with its modifiers, normalised: a character carries its own case, so `shift` is
/// dropped for characters; `shift-tab` is the terminal's back-tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                // Terminals report ctrl-C as ctrl + 'c'; keep bindings case-insensitive there.
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// The character this key types into a prompt, if it is a plain (or shifted) character.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// Parse a key name as keymap files write it. Errors say what was not understood.
    pub fn parse(text: &str) -> Result<Key, String> {
        if text.is_empty() {
            return Err("empty key name".into());
        }
        if text.chars().count() == 1 {
            let c = text.chars().next().unwrap_or(' ');
            return Ok(Key::plain(if c == ' ' {
                KeyCode::Char(' ')
            } else {
                KeyCode::Char(c)
            }));
        }
        // Split off modifiers: "ctrl-alt-x"; a trailing "-" key is written "ctrl--".
        let (mods_part, key_part) = match text.strip_suffix("--") {
            Some(rest) => (rest, "-"),
            None => match text.rfind('-') {
                Some(pos) => (&text[..pos], &text[pos + 1..]),
                None => ("", text),
            },
        };
        let mut modifiers = KeyModifiers::NONE;
        if !mods_part.is_empty() {
            for part in mods_part.split('-') {
                match part.to_ascii_lowercase().as_str() {
                    "ctrl" | "control" | "c" => modifiers |= KeyModifiers::CONTROL,
                    "alt" | "meta" | "m" | "a" => modifiers |= KeyModifiers::ALT,
                    "shift" | "s" => modifiers |= KeyModifiers::SHIFT,
                    other => return Err(format!("unknown modifier \"{other}\"")),
                }
            }
        }
        let code = if key_part.chars().count() == 1 {
            KeyCode::Char(key_part.chars().next().unwrap_or(' '))
        } else {
            match key_part.to_ascii_lowercase().as_str() {
                "enter" | "return" | "ret" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "minus" => KeyCode::Char('-'),
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=24).contains(&n) => KeyCode::F(n),
                    _ => return Err(format!("unknown key \"{key_part}\"")),
                },
            }
        };
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_key_names() {
        for name in [
            "ctrl-c",
            "shift-tab",
            "pagedown",
            "G",
            "?",
            "enter",
            "alt-enter",
            "f1",
            "space",
            "-",
        ] {
            let key = Key::parse(name).unwrap();
            assert_eq!(Key::parse(&key.to_string()).unwrap(), key, "{name}");
        }
        assert_eq!(
            Key::parse("ctrl--").unwrap(),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("pagesideways").is_err());
    }

    #[test]
    fn terminal_events_equal_their_names() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted_g), Key::parse("G").unwrap());
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&back_tab), Key::parse("shift-tab").unwrap());
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ctrl_c), Key::parse("ctrl-c").unwrap());
    }
}
