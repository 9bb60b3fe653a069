//! Citations of other decisions, in every shape of the conventions:
//!
//! | written                                               | body              | when        | § |
//! |-------------------------------------------------------|-------------------|-------------|---|
//! | `KF 2022-12-21 § 322`                                 | kommunfullmäktige | 2022-12-21  | 322 |
//! | `Kommunfullmäktige 2015-12-16 § 328`                  | kommunfullmäktige | 2015-12-16  | 328 |
//! | `§ 67 KS 2026-04-13`                                  | kommunstyrelsen   | 2026-04-13  | 67 |
//! | `KS § 63/2026`, `KS § 112/2025`                       | kommunstyrelsen   | year 2026   | 63 |
//! | "kommunstyrelsens beslut den 8 oktober 2025, § 112"   | kommunstyrelsen   | 2025-10-08  | 112 |
//! | `2019-05-14 § 87` (no body)                           | any               | 2019-05-14  | 87 |
//!
//! (`§ 105 2026.220 KS`, a § with its case number, links through the case number.)
//!
//! Each citation becomes an index key (`r:kommunstyrelsen 2026-04-13#67`, `r:kommunstyrelsen
//! 2026#63`, or `r:2019-05-14#87` without a body), and each item offers the keys it would be
//! cited by ([`cited_as`]), so a citation links both ways with one term look-up; at query time
//! [`resolve`] finds the cited item in the catalog, or keeps the citation as a reference "not in
//! this archive".

use crate::protocol::council::expand_abbreviation;
use crate::protocol::date::month_number;
use crate::protocol::{AgendaItem, Meeting};
use crate::text::{fold, squash_spaces};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// One citation of a decision as found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// As written, spaces squashed ("KF 2022-12-21 § 322").
    pub display: String,
    /// The cited body, folded full name ("kommunfullmaktige"); `None` when not written or unknown.
    pub body: Option<String>,
    pub date: Option<NaiveDate>,
    /// The year when only a year is written (`KS § 63/2026`).
    pub year: Option<i32>,
    pub number: u32,
    /// For a § cited with its case number (`§ 63 2025.354 KS`): the case's year.
    pub case_year: Option<i32>,
}

impl Citation {
    /// The index key of this citation (by date when it has one, else by year).
    pub fn key(&self) -> String {
        let when = match (self.date, self.year) {
            (Some(d), _) => d.format("%Y-%m-%d").to_string(),
            (None, Some(y)) => y.to_string(),
            (None, None) => String::new(),
        };
        match &self.body {
            Some(b) => format!("r:{b} {when}#{}", self.number),
            None => format!("r:{when}#{}", self.number),
        }
    }

    /// Every index key of this citation: by date, and with a body also by year, so `§ 67 KS
    /// 2026-04-13` meets `KS § 67/2026`; a § cited with its case number (`§ 63 2025.354 KS`)
    /// names the case's year or the next (a decision follows its registration within a year).
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![self.key()];
        if let Some(body) = &self.body {
            if let Some(d) = self.date {
                keys.push(format!("r:{body} {}#{}", d.year(), self.number));
            }
            if let Some(y) = self.case_year {
                keys.push(format!("r:{body} {}#{}", y + 1, self.number));
            }
        }
        keys
    }
}

const BODY_ABBR: &str = r"[A-ZÅÄÖ]{2,6}";
const BODY_WORD: &str = r"(?:\p{L}+-[ \t]+och[ \t]+|\p{L}+a[ \t]+)?\p{Lu}?[\p{Ll}-]*(?:nämnd|styrelse|fullmäktige|utskott)(?:ens|ets|en|et|ns|n|s)?";
const ISO: &str = r"(\d{4})-(\d{2})-(\d{2})";

static BODY_DATE_PARA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:({BODY_ABBR}|{BODY_WORD})[ \t]+)?(?:beslut[ \t]+)?(?:den[ \t]+)?{ISO},?[ \t]*(?:,[ \t]*)?§[ \t]*(\d{{1,4}})"
    ))
    .expect("citation pattern")
});
static PARA_BODY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"§[ \t]*(\d{{1,4}})[ \t]+({BODY_ABBR})[ \t]+{ISO}"
    ))
    .expect("citation pattern")
});
static BODY_PARA_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({BODY_ABBR})[ \t]+§[ \t]*(\d{{1,4}})[ \t]*/[ \t]*(\d{{4}})"
    ))
    .expect("citation pattern")
});
static PARA_YEAR_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"§[ \t]*(\d{{1,4}})[ \t]*/[ \t]*(\d{{4}})[ \t]+({BODY_ABBR})\b"
    ))
    .expect("citation pattern")
});
static PARA_CASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"§[ \t]*(\d{{1,4}})[ \t]+(\d{{4}})\.\d{{1,6}}[ \t]+({BODY_ABBR})\b"
    ))
    .expect("citation pattern")
});
static WORDS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)({BODY_WORD})[ \t]+beslut[ \t]+(?:den[ \t]+)?(\d{{1,2}})[ \t]+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)[ \t]+(\d{{4}}),?[ \t]*(?:,[ \t]*)?§[ \t]*(\d{{1,4}})"
    ))
    .expect("citation pattern")
});

/// The folded full name of a body as a citation writes it: abbreviations expanded by the common
/// table, a genitive or definite ending made the definite form ("kommunstyrelsens" →
/// "kommunstyrelsen"). `None` for an abbreviation the table does not know.
pub fn body_name(written: &str) -> Option<String> {
    let w = written.trim();
    if w.chars().all(|c| c.is_uppercase()) {
        return expand_abbreviation(w, "").map(|n| fold(&n));
    }
    let mut f = fold(w);
    if f.ends_with("ens") || f.ends_with("ets") {
        f.pop();
    }
    if f.ends_with("fullmaktiges") {
        f.pop();
    }
    for (bare, definite) in [("namnd", "namnden"), ("styrelse", "styrelsen")] {
        if f.ends_with(bare) {
            f.push_str(&definite[bare.len()..]);
        }
    }
    Some(f)
}

/// The folded name a meeting's body goes by, to compare with [`body_name`].
pub fn council_name(meeting: &Meeting) -> Option<String> {
    council_body(meeting.council.as_deref()?)
}

fn date(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn number(n: &str) -> Option<u32> {
    n.parse().ok().filter(|&n| n > 0)
}

/// Every citation in `text`, in order of appearance, each once.
pub fn citations(text: &str) -> Vec<Citation> {
    if !text.contains('§') {
        return vec![];
    }
    let mut found: Vec<(usize, Citation)> = Vec::new();
    // Each shape reads its own groups; the display and position come from the whole match.
    let mut each = |pattern: &Regex, read: &dyn Fn(&regex::Captures) -> Option<Citation>| {
        for caps in pattern.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            if let Some(mut citation) = read(&caps) {
                citation.display = squash_spaces(whole.as_str());
                found.push((whole.start(), citation));
            }
        }
    };
    let cited =
        |body: Option<String>, date: Option<NaiveDate>, year: Option<i32>, number: u32| Citation {
            display: String::new(),
            body,
            date,
            year,
            number,
            case_year: None,
        };
    each(&WORDS_DATE, &|caps| {
        let date = NaiveDate::from_ymd_opt(
            caps[4].parse().ok()?,
            month_number(&caps[3].to_lowercase()),
            caps[2].parse().ok()?,
        );
        Some(cited(body_name(&caps[1]), date, None, number(&caps[5])?))
    });
    each(&BODY_DATE_PARA, &|caps| {
        let body = caps.get(1).and_then(|b| body_name(b.as_str()));
        let date = date(&caps[2], &caps[3], &caps[4])?;
        Some(cited(body, Some(date), None, number(&caps[5])?))
    });
    each(&PARA_BODY_DATE, &|caps| {
        let date = date(&caps[3], &caps[4], &caps[5])?;
        Some(cited(
            body_name(&caps[2]),
            Some(date),
            None,
            number(&caps[1])?,
        ))
    });
    each(&BODY_PARA_YEAR, &|caps| {
        let year = caps[3].parse().ok();
        Some(cited(body_name(&caps[1]), None, year, number(&caps[2])?))
    });
    each(&PARA_YEAR_BODY, &|caps| {
        let year = caps[2].parse().ok();
        Some(cited(body_name(&caps[3]), None, year, number(&caps[1])?))
    });
    each(&PARA_CASE, &|caps| {
        let case_year: Option<i32> = caps[2].parse().ok();
        Some(Citation {
            case_year,
            ..cited(
                Some(body_name(&caps[3])?),
                None,
                case_year,
                number(&caps[1])?,
            )
        })
    });
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<Citation> = Vec::new();
    for (_, c) in found {
        // The same decision found by two patterns ("kommunstyrelsens beslut den …" and its date
        // part) is kept once, with the body when one pattern saw it.
        if let Some(same) = out
            .iter_mut()
            .find(|o| o.number == c.number && o.date == c.date && o.year == c.year)
        {
            if same.body.is_none() && c.body.is_some() {
                *same = c;
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// An item's § number as a number ("§ 67" → 67).
fn item_number(item: &AgendaItem) -> Option<u32> {
    let digits: String = item
        .number
        .as_deref()?
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    number(&digits)
}

/// The keys other items would cite this item by: with and without its body, by date and by year.
pub fn cited_as(meeting: &Meeting, item: &AgendaItem) -> Vec<String> {
    let Some(date) = meeting.date else {
        return vec![];
    };
    let Some(n) = item_number(item) else {
        return vec![];
    };
    let day = date.format("%Y-%m-%d");
    let mut keys = vec![format!("r:{day}#{n}")];
    if let Some(body) = council_name(meeting) {
        keys.push(format!("r:{body} {day}#{n}"));
        keys.push(format!("r:{body} {}#{n}", date.year()));
    }
    keys
}

/// True when `meeting`/`item` is the decision `citation` names.
pub fn is_cited(citation: &Citation, meeting: &Meeting, item: &AgendaItem) -> bool {
    let own = cited_as(meeting, item);
    citation.keys().iter().any(|k| own.contains(k))
}

/// A citation and the item it names in this archive, if any.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    /// As written ("KF 2022-12-21 § 322").
    pub cited: String,
    /// The cited item, `null` when the archive does not hold it.
    pub item_id: Option<String>,
}

/// Where to look for the meeting a citation names: its date, else the years it may fall in
/// (a § cited with its case number: that year or the next), and the body it must be of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted<'a> {
    pub date: Option<NaiveDate>,
    pub years: Vec<i32>,
    /// The folded body name ([`council_body`]) the meeting's council must have.
    pub body: Option<&'a str>,
}

impl Citation {
    /// Which meetings can hold the cited decision.
    pub fn wanted(&self) -> Wanted<'_> {
        let years = match (self.date, self.year, self.case_year) {
            (Some(d), _, _) => vec![d.year()],
            (None, Some(y), Some(_)) => vec![y, y + 1],
            (None, Some(y), None) => vec![y],
            _ => vec![],
        };
        Wanted {
            date: self.date,
            years,
            body: self.body.as_deref(),
        }
    }
}

impl Wanted<'_> {
    /// Whether a meeting of this date can be the one wanted.
    pub fn admits_date(&self, date: Option<NaiveDate>) -> bool {
        let Some(date) = date else { return false };
        // A year with no body names nothing an item is cited as (see `cited_as`).
        if self.date.is_none() && self.body.is_none() {
            return false;
        }
        self.years.contains(&date.year()) && self.date.is_none_or(|d| d == date)
    }

    /// Whether a meeting of this council (as shown) can be the one wanted.
    pub fn admits_council(&self, council: Option<&str>) -> bool {
        match self.body {
            Some(body) => council.and_then(council_body).as_deref() == Some(body),
            None => true,
        }
    }
}

/// The folded body name a council is cited by ("KS" and "Kommunstyrelsen" → "kommunstyrelsen").
pub fn council_body(council: &str) -> Option<String> {
    body_name(council).or_else(|| Some(fold(council)))
}

/// The citations of an item with the items they name: `candidates` gives the meetings a
/// citation may name (those [`Wanted::admits_date`] and
/// [`Wanted::admits_council`]), read from the catalog by the caller.
pub fn resolve<M: std::ops::Deref<Target = Meeting>>(
    citations: &[Citation],
    candidates: impl Fn(&Wanted) -> Vec<M>,
) -> Vec<Reference> {
    citations
        .iter()
        .map(|c| {
            let item_id = candidates(&c.wanted()).iter().find_map(|m| {
                m.items
                    .iter()
                    .filter(|i| item_number(i) == Some(c.number))
                    .find(|i| is_cited(c, m, i))
                    .map(|i| i.id.clone())
            });
            Reference {
                cited: c.display.clone(),
                item_id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Citation {
        let found = citations(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn every_shape_of_the_conventions() {
        let c = one("enligt beslut i KF 2022-12-21 § 322 ska");
        assert_eq!(c.key(), "r:kommunfullmaktige 2022-12-21#322");
        assert_eq!(c.display, "KF 2022-12-21 § 322");
        let c = one("Kommunfullmäktige 2015-12-16 § 328.");
        assert_eq!(c.key(), "r:kommunfullmaktige 2015-12-16#328");
        let c = one("Expediering § 67 KS 2026-04-13 Riktlinjer");
        assert_eq!(c.key(), "r:kommunstyrelsen 2026-04-13#67");
        let c = one("Expediering av KS § 63/2026, rutin");
        assert_eq!(c.key(), "r:kommunstyrelsen 2026#63");
        let c = one("se kommunstyrelsens beslut den 8 oktober 2025, § 112.");
        assert_eq!(c.key(), "r:kommunstyrelsen 2025-10-08#112");
        let c = one("Expediering - § 63/2026 KS - Rutin");
        assert_eq!(c.key(), "r:kommunstyrelsen 2026#63");
        let c = one("• § 63 2025.354 KS Rutin för att");
        assert!(c.keys().contains(&"r:kommunstyrelsen 2026#63".to_string()));
        let c = one("Beslut 2019-05-14 § 87");
        assert_eq!(c.key(), "r:2019-05-14#87");
        let c = one("Barn- och ungdomsnämndens beslut 2024-02-01, § 7");
        assert_eq!(c.key(), "r:barn- och ungdomsnamnden 2024-02-01#7");
        let c = one("enligt tekniska nämndens beslut 2024-02-01 § 7");
        assert_eq!(c.key(), "r:tekniska namnden 2024-02-01#7");
    }

    #[test]
    fn laws_and_plain_paragraphs_are_no_citations() {
        for text in [
            "enligt 2 kap. 5 § skollagen",
            "§ 12 Val av justerare",
            "kommunallagen 5 kap. 66 §",
        ] {
            assert!(citations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_item_is_cited_with_or_without_its_body() {
        let meeting = Meeting {
            council: Some("Kommunstyrelsen".into()),
            date: NaiveDate::from_ymd_opt(2026, 4, 13),
            ..Default::default()
        };
        let item = AgendaItem {
            number: Some("§ 67".into()),
            ..Default::default()
        };
        for text in [
            "§ 67 KS 2026-04-13",
            "KS § 67/2026",
            "Kommunstyrelsen 2026-04-13 § 67",
            "2026-04-13 § 67",
        ] {
            assert!(is_cited(&one(text), &meeting, &item), "{text}");
        }
        for text in ["KF 2026-04-13 § 67", "KS § 67/2025", "2026-04-13 § 68"] {
            assert!(!is_cited(&one(text), &meeting, &item), "{text}");
        }
    }
}
