//! Text helpers every layer shares: folding for comparison (case and diacritics removed, so OCR'd
//! `Orebro` meets `Örebro`) and sanitising for display (nothing from a protocol may drive the terminal).

use unicode_normalization::char::decompose_canonical;

/// Lowercase and strip diacritics: `Örebro Län` → `orebro lan`. Used on both sides of every
/// comparison (fuzzy matching, council names, filters). Letters without a decomposition that
/// still carry a diacritic in Swedish/Nordic text (ø, æ, ð, ß) are mapped by hand.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Fold one character into `out` (may push zero, one or two characters).
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            for l in base.unwrap_or(c).to_lowercase() {
                out.push(l);
            }
        }
    }
}

/// Fold a single char to one char where possible (for char-indexed matching): `Ö` → `o`.
/// Returns the first char of the folded form.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut s = String::new();
    push_folded(c, &mut s);
    s.chars().next().unwrap_or(c)
}

/// True for characters that must never reach a terminal: C0/C1 controls (except newline and tab),
/// DEL, and the Unicode bidi overrides/isolates that can reorder what a reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => true,
        '\u{feff}' | '\u{fffe}' | '\u{ffff}' => true,
        _ => false,
    }
}

/// Fast check for [`is_unsafe_char`] over UTF-8 bytes: ASCII controls directly; multi-byte
/// characters only when their lead byte can start an unsafe one (C1 controls, bidi marks, BOM).
pub fn has_unsafe_char(s: &str) -> bool {
    let bytes = s.as_bytes();
    // A branch-free first pass (it vectorises); the exact check runs only on a suspect byte.
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            | (b == 0x7f)
            | (b == 0xC2)
            | (b == 0xE2)
            | (b == 0xEF)
    };
    if !bytes.iter().any(|&b| suspect(b)) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        0xC2 | 0xE2 | 0xEF => s[i..].chars().next().is_some_and(is_unsafe_char),
        _ => false,
    })
}

/// Remove every unsafe character (see [`is_unsafe_char`]). Escape sequences lose their ESC and
/// become harmless visible text such as `]0;pwned`.
pub fn sanitize(s: &str) -> String {
    if !has_unsafe_char(s) {
        return s.to_string();
    }
    s.chars().filter(|c| !is_unsafe_char(*c)).collect()
}

/// Collapse runs of whitespace to single spaces and trim.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_diacritics() {
        assert_eq!(fold("Örebro LÄN"), "orebro lan");
        assert_eq!(fold("Kompetensförsörjning"), "kompetensforsorjning");
        assert_eq!(fold("Irén Ærø"), "iren aero");
    }

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{202e}d\r";
        let clean = sanitize(hostile);
        assert_eq!(clean, "a]0;pwnedb[2Jcd");
        assert!(!clean.chars().any(is_unsafe_char));
        assert_eq!(sanitize("rad\n\tindrag"), "rad\n\tindrag");
        assert!(has_unsafe_char("x\u{85}y"));
        assert!(has_unsafe_char("x\u{2067}y"));
        assert!(!has_unsafe_char("Örebro – ”citat” ©"));
    }
}
