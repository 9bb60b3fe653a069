//! What happens to files on their way into an archive: OCR that loses diacritics ("Mötet
//! öppnas" → "Méoétet 6ppnas"), Windows-1252 exports, CRLF line ends and the odd UTF-8 BOM.

use super::rng::Rng;

/// Lose diacritics the way OCR of a scanned PDF does: mostly plain letters, sometimes a
/// look-alike digit or accented letter. `strength` in 0..=1 scales how often a letter is hit.
pub fn ocr(rng: &mut Rng, text: &str, strength: f64) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | '•' | 'é') || !rng.chance(strength)
        {
            out.push(c);
            continue;
        }
        let roll = rng.below(100);
        let replacement: &str = match c {
            'å' => {
                if roll < 90 {
                    "a"
                } else {
                    "&"
                }
            }
            'ä' => match roll {
                0..=74 => "a",
                75..=82 => "3",
                83..=88 => "é",
                89..=94 => "d",
                _ => "i",
            },
            'ö' => match roll {
                0..=79 => "o",
                80..=87 => "6",
                88..=93 => "é",
                _ => "d",
            },
            'Ö' | 'Ä' | 'Å' if roll < 5 => "6",
            'Ö' => "O",
            'Ä' | 'Å' => "A",
            '•' => "e",
            _ => "e",
        };
        out.push_str(replacement);
    }
    out
}

/// The text as Windows-1252 bytes. The generator only uses characters that exist in 1252, so
/// nothing is replaced.
pub fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    debug_assert!(
        !unmappable,
        "generator produced a character outside Windows-1252"
    );
    bytes.into_owned()
}

/// `\n` → `\r\n`.
pub fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_loses_diacritics_but_keeps_other_text() {
        let mut rng = Rng::new(1);
        let out = ocr(&mut rng, "Mötet öppnas i Örebro län, § 4.", 1.0);
        assert!(!out.contains(['ö', 'Ö', 'ä']), "{out}");
        assert!(out.starts_with('M') && out.ends_with(", § 4."), "{out}");
        assert_eq!(ocr(&mut rng, "Mötet", 0.0), "Mötet");
    }

    #[test]
    fn windows_1252_round_trips_swedish() {
        let text = "Förvaltning – kö • ”citat” § 4 é";
        let bytes = windows_1252(text);
        assert_eq!(bytes.len(), text.chars().count());
        let (back, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        assert_eq!(back, text);
    }
}
