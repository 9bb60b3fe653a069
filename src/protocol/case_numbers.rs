//! Case numbers (diarienummer) as written, in every shape Swedish diarium systems print:
//! `KS 2020/123`, `KS/2020:123`, `KS 2020.123`, `Dnr 2019:12`, `Bun/2023:276`, `SBN/2026:20`,
//! `KS KF/2024:344`, `2026.016 KS` (year.serial, then the owning body), `KS 2019-000123`,
//! `RS 21-0456`, `Dnr KS 2020/123-1.2.3` (with an archive code).
//!
//! General shape: an optional `Dnr` label, an optional body prefix (capital letters, maybe with a
//! slash), a 2- or 4-digit year, a separator (`/ : . -`), a serial of 1–6 digits, an optional archive
//! code, an optional body suffix. A number needs a label, a body or a four-digit year with a body
//! suffix to count: a bare `2017:725` is an SFS number, `2019-05-14` a date, `2020-2024` a period.
//!
//! [`case_key`] gives the normalised identity (body, year, serial) used to link meetings: the body
//! is part of it, so `2026.112 KS` and `2026.112 TEN` are two matters.

use crate::text::squash_spaces;
use regex::Regex;
use std::sync::LazyLock;

static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<label>(?i:dnr|d\.nr|diarienr|diarienummer|diarie-nr|ärendenr|ärendenummer)\.?:?[\ \t]*)?
        (?P<prefix>
            (?:[A-ZÅÄÖ]{2,6}[\ /]|[A-ZÅÄÖ][a-zåäö]{1,3}/)
            (?:[A-ZÅÄÖ]{2,6}/|[A-ZÅÄÖ][a-zåäö]{1,3}/)?
            [\ ]?
        )?
        (?P<year>\d{4}|\d{2})
        (?P<sep>[/:.\-])
        (?P<serial>\d{1,6})
        (?P<code>-(?:\d{1,3}\.){0,4}\d{1,4})?
        (?P<suffix>[\ ][A-ZÅÄÖ]{2,6}(?:-\d{1,4})?)?",
    )
    .unwrap()
});

/// Series and law-book prefixes that look like a body but are publications or units.
const NOT_BODIES: &[&str] = &[
    "SFS", "SOU", "TSFS", "PROP", "DS", "EU", "EG", "EES", "ISO", "SS", "KL", "BFS", "AFS", "NFS",
    "HSLF", "SKOLFS", "SKVFS", "FFS", "LVFS", "SOSFS", "MSBFS", "KAP", "SEK", "KR", "MNKR", "TKR",
    "MKR", "EUR", "USD", "ST", "CET", "KL", "AB", "HB", "NR", "TEL", "FAX", "MOBIL", "ORG", "PG",
    "BG", "VT", "HT", "LÅ", "ÅR", "DNR", "OCH", "SAMT", "SE", "SID", "SIDA", "BILAGA", "FS", "DOM",
    "MÅL", "UTC", "GMT", "TID", "KM", "CM", "MM", "KG", "KWH", "MWH", "GWH", "TON", "MW", "KW",
];

/// The normalised identity of a case number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseKey {
    /// The owning body in capitals (`KS`, `BUN`, `KS/KF`); `None` when only a `Dnr` label stands.
    pub body: Option<String>,
    /// Four-digit year (two-digit years are read as 19xx from 90, else 20xx).
    pub year: u16,
    /// The serial without leading zeros.
    pub serial: u32,
}

impl std::fmt::Display for CaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.body {
            Some(b) => write!(f, "{b} {}:{}", self.year, self.serial),
            None => write!(f, "{}:{}", self.year, self.serial),
        }
    }
}

/// One case number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// As written, spaces squashed.
    pub text: String,
    pub key: CaseKey,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

fn body_ok(body: &str) -> bool {
    let upper = body.to_uppercase();
    !NOT_BODIES.contains(&upper.as_str())
}

fn full_year(year: &str) -> Option<u16> {
    let y: u16 = year.parse().ok()?;
    match year.len() {
        4 => (1980..=2099).contains(&y).then_some(y),
        2 => Some(if y >= 90 { 1900 + y } else { 2000 + y }),
        _ => None,
    }
}

/// Every case number in `text`, in order (duplicates kept), with its key and position.
pub fn find_case_numbers(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for caps in CASE_NUMBER.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        let (start, mut end) = (whole.start(), whole.end());
        // Word boundaries by hand: nothing alphanumeric right before, no digit run right after.
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.' || c == '-') {
            continue;
        }
        let after: Vec<char> = text[end..].chars().take(2).collect();
        let mut suffix = caps.name("suffix").map(|m| m.as_str().trim().to_string());
        if after.first().is_some_and(|c| c.is_alphanumeric()) {
            // "2026.016 KSAU…" or a suffix that is the start of a word ("2019:12 Beslut"):
            // drop the suffix and check again.
            match caps.name("suffix") {
                Some(m) => {
                    end = m.start();
                    suffix = None;
                }
                None => continue,
            }
        } else if after
            .first()
            .is_some_and(|c| matches!(c, '/' | ':' | '-' | '.'))
            && after.get(1).is_some_and(char::is_ascii_digit)
        {
            // "2019-05-14", "1.2.3.4": part of a longer number.
            continue;
        }
        let label = caps.name("label").is_some();
        let prefix = caps.name("prefix").map(|m| m.as_str());
        let year_text = &caps["year"];
        let sep = &caps["sep"];
        let serial_text = &caps["serial"];
        let Some(year) = full_year(year_text) else {
            continue;
        };
        let Ok(serial) = serial_text.parse::<u32>() else {
            continue;
        };
        let prefix_bodies: Vec<String> = prefix
            .map(|p| {
                p.split(['/', ' '])
                    .filter(|w| !w.is_empty())
                    .map(str::to_uppercase)
                    .collect()
            })
            .unwrap_or_default();
        if prefix_bodies.iter().any(|b| !body_ok(b)) {
            continue;
        }
        let suffix_body = suffix
            .as_deref()
            .map(|s| s.split('-').next().unwrap_or(s).to_string())
            .filter(|s| body_ok(s));
        if suffix.is_some() && suffix_body.is_none() {
            // "2024.5 MNKR": a unit, not a body. Without it the number needs another anchor.
            end = caps.name("suffix").unwrap().start();
        }
        let has_prefix = !prefix_bodies.is_empty();
        if year_text.len() == 2 && !has_prefix && !label {
            continue;
        }
        if !has_prefix && !label && suffix_body.is_none() {
            continue;
        }
        if !has_prefix && !label && (year_text.len() != 4 || sep == "-" || serial_text.len() < 2) {
            // Suffix-only form: "2026.016 KS", "2018.001 ÖN".
            continue;
        }
        if sep == "-" {
            // "KS 2019-000123", "RS 21-0456": a dash needs a long serial; "2020-2024" is a period,
            // "2019-05" a month.
            if serial_text.len() < 3 {
                continue;
            }
        }
        if serial_text.len() == 4 && year_text.len() == 4 {
            let s = serial as u16;
            if (year..=year + 10).contains(&s) {
                continue;
            }
        }
        if sep == "." && year_text.len() == 2 {
            // "12.30", "4.9": times and decimals.
            continue;
        }
        if sep == ":" && year_text.len() == 2 {
            // "kl 14:00", "ÅR 17:70" (SKL circulars read as a 2-digit year): too weak.
            if !label {
                continue;
            }
        }
        let mut bodies = prefix_bodies;
        if let Some(s) = &suffix_body {
            if !bodies.contains(s) {
                bodies.push(s.clone());
            }
        }
        let key = CaseKey {
            body: (!bodies.is_empty()).then(|| bodies.join("/")),
            year,
            serial,
        };
        let written = squash_spaces(text[start..end].trim());
        out.push(Found {
            text: written,
            key,
            start,
            end,
        });
    }
    out
}

/// Every case number in `text`, in order, each once, as written (spaces squashed).
pub fn case_numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut keys: Vec<CaseKey> = Vec::new();
    for f in find_case_numbers(text) {
        if !keys.contains(&f.key) {
            keys.push(f.key);
            found.push(f.text);
        }
    }
    found
}

/// The normalised key of one case number as written (`"Dnr: 2017.632 BUN"`, `"KS KF/2024:344"`);
/// `None` when the text holds no case number. Two numbers are the same matter when their keys
/// are equal.
pub fn case_key(written: &str) -> Option<CaseKey> {
    find_case_numbers(written).into_iter().next().map(|f| f.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(body: Option<&str>, year: u16, serial: u32) -> Option<CaseKey> {
        Some(CaseKey {
            body: body.map(str::to_string),
            year,
            serial,
        })
    }

    #[test]
    fn written_forms_are_found() {
        assert_eq!(
            case_numbers("Ärende KS 2020/123 och RS 21-0456, se Dnr 2019:12 samt dnr BUN 2021/45. KS 2020/123 igen."),
            vec!["KS 2020/123", "RS 21-0456", "Dnr 2019:12", "dnr BUN 2021/45"]
        );
    }

    #[test]
    fn every_format_of_the_conventions() {
        let table: &[(&str, &str, Option<CaseKey>)] = &[
            (
                "Ärende KS 2020/123 gäller",
                "KS 2020/123",
                key(Some("KS"), 2020, 123),
            ),
            ("(KS/2020:123)", "KS/2020:123", key(Some("KS"), 2020, 123)),
            (
                "Dnr KS 2020.123",
                "Dnr KS 2020.123",
                key(Some("KS"), 2020, 123),
            ),
            ("Dnr 2019:12", "Dnr 2019:12", key(None, 2019, 12)),
            (
                "Bun/2023:276   661",
                "Bun/2023:276",
                key(Some("BUN"), 2023, 276),
            ),
            ("SBN/2026:20", "SBN/2026:20", key(Some("SBN"), 2026, 20)),
            (
                "KS 112   KS KF/2024:344",
                "KS KF/2024:344",
                key(Some("KS/KF"), 2024, 344),
            ),
            ("§ 95 2026.016 KS", "2026.016 KS", key(Some("KS"), 2026, 16)),
            (
                "KS 2019-000123",
                "KS 2019-000123",
                key(Some("KS"), 2019, 123),
            ),
            ("RS 21-0456", "RS 21-0456", key(Some("RS"), 2021, 456)),
            (
                "Dnr KS 2020/123-1.2.3",
                "Dnr KS 2020/123-1.2.3",
                key(Some("KS"), 2020, 123),
            ),
            (
                "Dnr: 2017.632 BUN",
                "Dnr: 2017.632 BUN",
                key(Some("BUN"), 2017, 632),
            ),
            (
                "2026.002 KS-007 Delegationsbeslut",
                "2026.002 KS-007",
                key(Some("KS"), 2026, 2),
            ),
            ("§ 3 2018.001 ÖN", "2018.001 ÖN", key(Some("ÖN"), 2018, 1)),
            ("(Ks/2019:248)", "Ks/2019:248", key(Some("KS"), 2019, 248)),
        ];
        for (line, written, want) in table {
            let found = find_case_numbers(line);
            assert_eq!(found.len(), 1, "{line}: {found:?}");
            assert_eq!(&found[0].text, written, "{line}");
            assert_eq!(&Some(found[0].key.clone()), want, "{line}");
            assert_eq!(case_key(written), *want, "{written}");
        }
    }

    #[test]
    fn the_body_is_part_of_the_identity() {
        assert_ne!(case_key("2026.112 KS"), case_key("2026.112 TEN"));
        assert_eq!(case_key("KS 2026:112"), case_key("2026.112 KS"));
        assert_eq!(case_key("Bun/2023:276"), case_key("BUN 2023/276"));
    }

    #[test]
    fn dates_and_year_ranges_are_not_case_numbers() {
        assert!(
            case_numbers("KS 2019-05-14 § 87, planen 2020-2024, SFI 2022-2026, kl 09-12")
                .is_empty()
        );
    }

    #[test]
    fn lookalikes_are_not_case_numbers() {
        for line in [
            "enligt kommunallagen (2017:725) och SFS 2017:725",
            "SOU 2023:21 och TSFS 2024:57",
            "Telefon 0322-61 60 00",
            "ställa 121 400 000 kronor, 230,5 mnkr",
            "kl. 14:00-17:20, Kortebo 4.9 och 3.1",
            "Sammanträdesdatum 2019-09-24, justerat 2019.10.01",
            "läsåret 2016-2017, Cirkulär 17:70",
            "Mål 2022-2026 och 2016/2017",
            "2026.016 ska inte räknas",
        ] {
            assert!(
                case_numbers(line).is_empty(),
                "{line}: {:?}",
                case_numbers(line)
            );
        }
    }
}
