//! Bytes → text. UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when every other
//! byte is zero), else Windows-1252, which is what Swedish archives exported on Windows are full
//! of. A UTF-8 file with a few damaged bytes stays UTF-8 (the damage becomes `�`) rather than
//! turning every `ö` into `Ã¶`. Line ends become `\n`; form feeds (page breaks
//! in PDF exports) become newlines; every other control character and bidi override is removed,
//! so no protocol can drive the terminal it is shown on.

use crate::text::is_unsafe_char;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-8 with a few invalid bytes, each shown as U+FFFD.
    Utf8Damaged,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf8Damaged => "UTF-8 (damaged bytes replaced)",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or mostly unprintable bytes: not a text file whatever its name.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary content (not a text file)"),
        }
    }
}

/// Decode a protocol file's bytes. See the module docs for the rules.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (raw, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        )
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        (text.into_owned(), Encoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        (text.into_owned(), Encoding::Utf16Be)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = if encoding == Encoding::Utf16Le {
            encoding_rs::UTF_16LE.decode_without_bom_handling(bytes)
        } else {
            encoding_rs::UTF_16BE.decode_without_bom_handling(bytes)
        };
        (text.into_owned(), encoding)
    } else {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), Encoding::Utf8),
            Err(_) if mostly_utf8(bytes) => (
                String::from_utf8_lossy(bytes).into_owned(),
                Encoding::Utf8Damaged,
            ),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (text.into_owned(), Encoding::Windows1252)
            }
        }
    };
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    Ok(Decoded {
        text: normalize_controls(raw),
        encoding,
    })
}

/// UTF-16 saved without a BOM: in the first 8 KiB, the high byte of nearly every code unit is
/// zero (Latin text) while the low byte nearly never is.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= units * 7;
    let rarely = |n: usize| n * 20 <= units;
    if mostly(odd) && rarely(even) {
        Some(Encoding::Utf16Le)
    } else if mostly(even) && rarely(odd) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Invalid UTF-8 that is still mostly UTF-8: valid multi-byte characters (å, ä, ö) outnumber the
/// invalid sequences at least two to one. Windows-1252 text has its letters as single invalid
/// bytes and almost never a valid multi-byte sequence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte >= 2 * invalid
}

/// A NUL byte in the first 8 KiB, or more than 10% bytes that are neither text nor UTF-8 lead or
/// continuation bytes, marks a binary file (PDF streams, images, office zips).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && odd * 10 > head.len()
}

/// CRLF and lone CR → LF, form feed → LF, other unsafe characters dropped.
fn normalize_controls(raw: &str) -> String {
    if !crate::text::has_unsafe_char(raw) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{0c}' => out.push('\n'),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Mötet öppnas".as_bytes()).unwrap();
        assert_eq!(plain.text, "Mötet öppnas");
        assert_eq!(plain.encoding, Encoding::Utf8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Mötet".as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, "Mötet");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Örebro län\r\n".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Örebro län\n");
        assert_eq!(decode(&be).unwrap().text, "Örebro län\n");
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Förvaltning – kö" in Windows-1252: ö = 0xF6, en dash = 0x96.
        let bytes = b"F\xf6rvaltning \x96 k\xf6";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Förvaltning – kö");
        assert_eq!(d.encoding, Encoding::Windows1252);
    }

    #[test]
    fn line_ends_and_controls() {
        // A few control bytes in ordinary text: removed, the text kept (a file of mostly
        // control bytes is binary, see below).
        let d = decode(b"Protokoll a\r\nb\rc\x0cd\x1b[2Je\x07 fort").unwrap();
        assert_eq!(d.text, "Protokoll a\nb\nc\nd[2Je fort");
    }

    #[test]
    fn utf8_with_a_damaged_byte_stays_utf8() {
        let d = decode(b"M\xc3\xb6tet \xff \xc3\xb6ppnas i \xc3\x96rebro").unwrap();
        assert_eq!(d.text, "Mötet \u{fffd} öppnas i Örebro");
        assert_eq!(d.encoding, Encoding::Utf8Damaged);
        // Real Windows-1252 is still read as such.
        assert_eq!(
            decode(b"M\xf6tet i \xd6rebro").unwrap().text,
            "Mötet i Örebro"
        );
    }

    #[test]
    fn utf16_without_bom_both_byte_orders() {
        let (mut le, mut be) = (Vec::new(), Vec::new());
        for unit in "Protokoll Örebro län\n1. Mötets öppnande\n".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(
            decode(&le).unwrap().text,
            "Protokoll Örebro län\n1. Mötets öppnande\n"
        );
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"%PDF-1.7\n\x00\x01\x02"), Err(DecodeError::Binary));
        assert_eq!(
            decode(&[1u8, 2, 3, 4, 5, 6, 7, 8]),
            Err(DecodeError::Binary)
        );
    }
}
