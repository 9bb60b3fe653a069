//! Estimated dates for meetings whose text gives none, from the years the meeting's own item
//! titles name: a plan names its own year ("Verksamhetsplan 2023" → 2023), a follow-up or report
//! the year before ("Uppföljning av aktiviteter 2022", "genomförts under 2020" → the year after);
//! the year most titles point to wins (the later on a tie), given as a year range with its
//! evidence. Estimates order threads among undated meetings
//! and are shown as "≈ 2021", never as a date.

use crate::protocol::Meeting;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// When an undated meeting probably took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateEstimate {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The evidence, as written ("Verksamhetsplan 2023").
    pub because: String,
}

impl DateEstimate {
    /// "≈ 2021".
    pub fn label(&self) -> String {
        if self.from.year() == self.to.year() {
            format!("≈ {}", self.from.year())
        } else {
            format!("≈ {}–{}", self.from.year(), self.to.year())
        }
    }
}

/// Words before a year that make it the year reported on, not the meeting's.
const PAST_MARKERS: &[&str] = &[
    "uppfoljning",
    "genomfor",
    "redovisning",
    "rapport",
    "bokslut",
    "verksamhetsberattelse",
    "resultat",
    "under ",
];

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.:/-])((?:19|20)\d\d)(?:$|[^\d.:/-])").expect("year"));

/// The estimate for a meeting without a date (`None` for a dated one or when nothing names a
/// year). Periods ("2016-2022") are not years of the meeting.
pub fn estimate(meeting: &Meeting) -> Option<DateEstimate> {
    if meeting.date.is_some() {
        return None;
    }
    let mut votes: Vec<(i32, usize, &str)> = Vec::new();
    for item in &meeting.items {
        let folded = crate::text::fold(&item.title);
        let mut previous_end = 0;
        for caps in YEAR.captures_iter(&folded) {
            let Ok(mut year) = caps[1].parse::<i32>() else {
                continue;
            };
            let (at, end) = caps.get(1).map_or((0, 0), |m| (m.start(), m.end()));
            // The words since the previous year, at most 40 characters back.
            let from = folded[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i)
                .max(previous_end);
            let before = &folded[from..at];
            previous_end = end;
            if PAST_MARKERS.iter().any(|m| before.contains(m)) {
                year += 1;
            }
            match votes.iter_mut().find(|(y, _, _)| *y == year) {
                Some(v) => v.1 += 1,
                None => votes.push((year, 1, item.title.as_str())),
            }
        }
    }
    let (year, _, title) = votes.into_iter().max_by_key(|(y, n, _)| (*n, *y))?;
    Some(DateEstimate {
        from: NaiveDate::from_ymd_opt(year, 1, 1)?,
        to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        because: crate::text::squash_spaces(title),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::AgendaItem;

    fn meeting(titles: &[&str]) -> Meeting {
        Meeting {
            items: titles
                .iter()
                .map(|t| AgendaItem {
                    title: t.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_latest_year_the_titles_name() {
        let m = meeting(&[
            "Aktivitetsplanen, redovisning av vad som genomförts under 2020",
            "Uppföljningsrapport för 2020 och verksamhetsplan för 2021 för samverkansrådet",
            "Samverkansdokument 2016-2022",
            "Förslag till finansiering från och med 2022",
        ]);
        let e = estimate(&m).unwrap();
        assert_eq!(e.label(), "≈ 2021");
        let m = meeting(&["Uppföljning av aktiviteter 2022", "Verksamhetsplan 2023"]);
        assert_eq!(estimate(&m).unwrap().label(), "≈ 2023");
    }

    #[test]
    fn dated_or_yearless_meetings_have_no_estimate() {
        assert_eq!(estimate(&meeting(&["Mötet öppnas", "Övriga frågor"])), None);
        let mut m = meeting(&["Verksamhetsplan 2023"]);
        m.date = NaiveDate::from_ymd_opt(2022, 12, 1);
        assert_eq!(estimate(&m), None);
    }
}
