//! Case numbers (diarienummer) as written: "KS 2020/123", "RS 21-0456", "Dnr 2019:12",
//! "Dnr BUN 2021/45". Kept per item so a search for the number finds the item.

use crate::text::squash_spaces;
use regex::Regex;
use std::sync::LazyLock;

static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?-u:\b)(?i:dnr|d\.nr|diarienr|diarienummer)\.?:?\s*(?:[A-ZÅÄÖ]{1,6}[\s-]?)?\d{2,4}[/:.-]\d{1,6}(?:[/:.-]\d{1,4})?)
        | (?:(?-u:\b)[A-ZÅÄÖ]{2,6}\s?\d{4}/\d{1,6}(?-u:\b))
        | (?:(?-u:\b)[A-ZÅÄÖ]{2,6}\s?\d{4}:\d{1,6}(?-u:\b))
        | (?:(?-u:\b)[A-ZÅÄÖ]{2,6}\s\d{2}-\d{3,6}(?-u:\b))",
    )
    .unwrap()
});

/// Every case number in `text`, in order, each once, spaces squashed.
pub fn case_numbers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for m in CASE_NUMBER.find_iter(text) {
        let number = squash_spaces(m.as_str());
        if !found.contains(&number) {
            found.push(number);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_are_found() {
        assert_eq!(
            case_numbers("Ärende KS 2020/123 och RS 21-0456, se Dnr 2019:12 samt dnr BUN 2021/45. KS 2020/123 igen."),
            vec!["KS 2020/123", "RS 21-0456", "Dnr 2019:12", "dnr BUN 2021/45"]
        );
    }

    #[test]
    fn dates_and_year_ranges_are_not_case_numbers() {
        assert!(
            case_numbers("KS 2019-05-14 § 87, planen 2020-2024, SFI 2022-2026, kl 09-12")
                .is_empty()
        );
    }
}
