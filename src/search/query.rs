//! The user's query language, parsed into parts: words, "phrases", `prefix*`, `-excluded` words,
//! and the filters `council:NAME`, `from:YYYY[-MM[-DD]]`, `to:...`, `year:YYYY`. Building the
//! tantivy query from these parts lives in `search::index`.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserQuery {
    pub words: Vec<String>,
    pub phrases: Vec<String>,
    pub prefixes: Vec<String>,
    pub excluded: Vec<String>,
    pub council: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Filters that could not be read, with what was expected; the rest of the query still runs.
    pub problems: Vec<String>,
}

impl UserQuery {
    /// True when there is nothing to match on (filters alone still select items).
    pub fn has_terms(&self) -> bool {
        !(self.words.is_empty() && self.phrases.is_empty() && self.prefixes.is_empty())
    }

    pub fn has_filters(&self) -> bool {
        self.council.is_some() || self.from.is_some() || self.to.is_some()
    }
}

/// Split the query into quoted and bare pieces, keeping `key:"quoted value"` together.
fn pieces(q: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    for c in q.chars() {
        match c {
            '"' | '”' | '“' => {
                if quoted {
                    quoted = false;
                    if !current.ends_with(':') {
                        out.push((std::mem::take(&mut current), true));
                        was_quoted = false;
                        continue;
                    }
                    was_quoted = true;
                } else {
                    quoted = true;
                    if !current.is_empty() && !current.ends_with(':') {
                        out.push((std::mem::take(&mut current), false));
                    }
                }
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), was_quoted));
                }
                was_quoted = false;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push((current, quoted || was_quoted));
    }
    out
}

/// Read `2021`, `2021-03` or `2021-03-15` as the first (or, with `end`, last) day it covers.
pub fn parse_date_bound(value: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = value.trim().split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    match parts.len() {
        1 => Some(if end {
            NaiveDate::from_ymd_opt(year, 12, 31)?
        } else {
            NaiveDate::from_ymd_opt(year, 1, 1)?
        }),
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            if end {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                next.pred_opt()
            } else {
                Some(first)
            }
        }
        3 => NaiveDate::from_ymd_opt(year, parts[1].parse().ok()?, parts[2].parse().ok()?),
        _ => None,
    }
}

/// Parse a query as typed. Never fails; unreadable filters are reported in `problems`.
pub fn parse_user_query(q: &str) -> UserQuery {
    let mut query = UserQuery::default();
    for (piece, quoted) in pieces(q) {
        if let Some((key, value)) = piece.split_once(':') {
            let key_folded = crate::text::fold(key);
            let value = value.trim();
            let handled = match key_folded.as_str() {
                "council" | "rad" | "namnd" | "organ" => {
                    if !value.is_empty() {
                        query.council = Some(value.to_string());
                    }
                    true
                }
                "from" | "fran" => {
                    match parse_date_bound(value, false) {
                        Some(d) => query.from = Some(d),
                        None => query
                            .problems
                            .push(format!("from:{value} is not YYYY, YYYY-MM or YYYY-MM-DD")),
                    }
                    true
                }
                "to" | "till" => {
                    match parse_date_bound(value, true) {
                        Some(d) => query.to = Some(d),
                        None => query
                            .problems
                            .push(format!("to:{value} is not YYYY, YYYY-MM or YYYY-MM-DD")),
                    }
                    true
                }
                "year" | "ar" => {
                    match (
                        parse_date_bound(value, false),
                        parse_date_bound(value, true),
                    ) {
                        (Some(a), Some(b)) if value.len() == 4 => {
                            query.from = Some(a);
                            query.to = Some(b);
                        }
                        _ => query.problems.push(format!("year:{value} is not a year")),
                    }
                    true
                }
                _ => false,
            };
            if handled {
                continue;
            }
        }
        if quoted {
            if !piece.trim().is_empty() {
                query.phrases.push(piece.trim().to_string());
            }
        } else if let Some(rest) = piece.strip_prefix('-').filter(|r| !r.is_empty()) {
            query.excluded.push(rest.to_string());
        } else if let Some(stem) = piece.strip_suffix('*').filter(|s| !s.is_empty()) {
            query.prefixes.push(stem.trim_end_matches('*').to_string());
        } else if !piece.is_empty() {
            query.words.push(piece);
        }
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            query.problems.push(format!(
                "from:{from} is after to:{to}; nothing can match both"
            ));
        }
    }
    query
}

/// Days since 1970-01-01, the form dates take in the index.
pub fn days_since_epoch(date: NaiveDate) -> i64 {
    (date.num_days_from_ce() - 719_163) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_prefixes_and_filters() {
        let q = parse_user_query(
            r#"RUC "Örebro universitet" utveck* -corona council:"Skol- och" from:2021 to:2022-06"#,
        );
        assert_eq!(q.words, ["RUC"]);
        assert_eq!(q.phrases, ["Örebro universitet"]);
        assert_eq!(q.prefixes, ["utveck"]);
        assert_eq!(q.excluded, ["corona"]);
        assert_eq!(q.council.as_deref(), Some("Skol- och"));
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2021, 1, 1));
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2022, 6, 30));
        assert!(q.problems.is_empty());
    }

    #[test]
    fn bad_filters_are_reported_not_fatal() {
        let q = parse_user_query("skolkort from:igår year:20");
        assert_eq!(q.words, ["skolkort"]);
        assert_eq!(q.problems.len(), 2);
    }

    #[test]
    fn year_filter_covers_the_whole_year() {
        let q = parse_user_query("year:2023");
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2023, 12, 31));
        assert!(!q.has_terms());
    }

    #[test]
    fn epoch_days() {
        assert_eq!(
            days_since_epoch(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()),
            1
        );
    }
}
