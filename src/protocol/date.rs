//! Meeting dates: "Onsdag 4 november 2020", "2020-11-17", "Fredag den 11 februari" (no year: the
//! weekday decides it, checked against the years the text mentions), the "Justerat den" date as
//! support, a date in the file name as the last resort. Nothing is guessed: no evidence, no date.

use super::clean::Cleaned;
use super::model::DateSource;
use crate::text::fold;
use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// A date as written in one line (folded text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    pub weekday: Option<Weekday>,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl WrittenDate {
    /// The full date when the year is written and the day exists.
    pub fn explicit(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d-])((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?:$|[^\d-])").unwrap()
});
static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?-u:\b)(mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag)(?:en)?[\s,]+)?
        (?:den\s+)?
        (?-u:\b)(\d{1,2})(?::[ea])?\s+
        (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december
         |jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)(?-u:\b)\.?
        (?:[\s,]+((?:19|20)\d\d)(?-u:\b))?",
    )
    .unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)((?:19|20)\d\d)(?-u:\b)").unwrap());
static FILE_NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?:\D|$)").unwrap()
});

/// The month of a Swedish month name in lower case ("mars", "okt").
pub fn month_number(name: &str) -> u32 {
    match &name[..3.min(name.len())] {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "maj" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" => 10,
        "nov" => 11,
        _ => 12,
    }
}

fn weekday_of(name: &str) -> Weekday {
    match name {
        "mandag" => Weekday::Mon,
        "tisdag" => Weekday::Tue,
        "onsdag" => Weekday::Wed,
        "torsdag" => Weekday::Thu,
        "fredag" => Weekday::Fri,
        "lordag" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Every date written in `line` (any case, diacritics or not), in order of appearance.
pub fn dates_in(line: &str) -> Vec<WrittenDate> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return vec![];
    }
    let folded = fold(line);
    let mut found: Vec<(usize, WrittenDate)> = Vec::new();
    for c in ISO_DATE.captures_iter(&folded) {
        let (Ok(year), Ok(month), Ok(day)) = (c[1].parse(), c[2].parse(), c[3].parse()) else {
            continue;
        };
        if NaiveDate::from_ymd_opt(year, month, day).is_some() {
            found.push((
                c.get(1).map_or(0, |m| m.start()),
                WrittenDate {
                    weekday: None,
                    day,
                    month,
                    year: Some(year),
                },
            ));
        }
    }
    for c in WRITTEN_DATE.captures_iter(&folded) {
        let Ok(day) = c[2].parse::<u32>() else {
            continue;
        };
        if !(1..=31).contains(&day) {
            continue;
        }
        let written = WrittenDate {
            weekday: c.get(1).map(|m| weekday_of(m.as_str())),
            day,
            month: month_number(&c[3]),
            year: c.get(4).and_then(|m| m.as_str().parse().ok()),
        };
        found.push((c.get(0).map_or(0, |m| m.start()), written));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, d)| d).collect()
}

/// Years mentioned in the text (1900–2099), each with how often.
pub fn years_mentioned(c: &Cleaned) -> Vec<(i32, usize)> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for line in &c.lines {
        if !(line.text.contains("20") || line.text.contains("19")) {
            continue;
        }
        for m in YEAR.captures_iter(&line.text) {
            if let Ok(y) = m[1].parse::<i32>() {
                match counts.iter_mut().find(|(year, _)| *year == y) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
    }
    counts
}

/// The year in which `day month` falls on `weekday`, among years near those the text mentions.
/// Several candidates: the one nearest the most-mentioned year; none near: `None`.
pub fn infer_year(weekday: Weekday, day: u32, month: u32, years: &[(i32, usize)]) -> Option<i32> {
    if years.is_empty() {
        return None;
    }
    let low = years.iter().map(|(y, _)| *y).min()? - 1;
    let high = years.iter().map(|(y, _)| *y).max()? + 1;
    let (main_year, _) = *years.iter().max_by_key(|(y, n)| (*n, *y))?;
    (low..=high)
        .filter(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday))
        .min_by_key(|&y| ((y - main_year).abs(), -y))
}

/// A date in the file name (`2021-02-12-protokoll.txt`, `protokoll_20210212.md`), else in the
/// nearest folder that has one (portals store `<body>/<date>/protokoll.pdf`, `…/bilagor/x.pdf`).
pub fn file_name_date(file: &str) -> Option<NaiveDate> {
    file.rsplit(['/', '\\']).find_map(|part| {
        let c = FILE_NAME_DATE.captures(part)?;
        NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    })
}

/// Labels that introduce the meeting's own date.
fn is_date_label(folded: &str) -> bool {
    const LABELS: &[&str] = &[
        "tid",
        "datum",
        "sammantradesdatum",
        "motesdatum",
        "sammantrade",
        "tid och plats",
        "tid och stalle",
        "plats och tid",
        "dag och tid",
        "date",
        "motestid",
    ];
    LABELS.iter().any(|label| {
        folded
            .strip_prefix(label)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '\t', ',']))
    })
}

/// A line about the justering or the anslag (notice): its dates are never the meeting's.
/// "Justeringens plats och tid …", "Datum då anslaget sätts upp", "Datum för anslags nedtagande".
fn is_approval_label(folded: &str) -> bool {
    folded.starts_with("justera")
        || folded.starts_with("justering")
        || folded.starts_with("protokollet justerat")
        || folded.contains("anslag")
        || folded.contains("justeringens")
        || folded.contains("justeringsdatum")
        || folded.contains("nedtagande")
        || folded.contains("uppsattande")
        || folded.contains("tas ned")
        || folded.contains("satts upp")
}

/// Labels that name the meeting's date and nothing else ("Sammanträdesdatum 2019-09-24", also
/// inside an ANSLAG block, and the page header "SAMMANTRÄDESPROTOKOLL 2019-09-24").
const MEETING_DATE_LABELS: &[&str] = &[
    "sammantradesdatum",
    "sammantradets datum",
    "datum for sammantradet",
    "datum for sammantrade",
    "motesdatum",
    "sammantradesprotokoll",
];

/// The date written right after a meeting-date label in `line` (or on the next line when the
/// label ends the line).
fn labelled_meeting_date(c: &Cleaned, i: usize, limit: usize) -> Option<WrittenDate> {
    let folded = fold(c.lines[i].trimmed());
    for label in MEETING_DATE_LABELS {
        let mut from = 0;
        while let Some(at) = folded[from..].find(label) {
            let after = &folded[from + at + label.len()..];
            let window: String = after.chars().take(32).collect();
            if let Some(d) = dates_in(&window).into_iter().find(|d| d.year.is_some()) {
                return Some(d);
            }
            if after.trim().is_empty() || after.trim() == ":" {
                if let Some(j) = c.next_nonblank(i, 2).filter(|&j| j < limit) {
                    let next: String = c.lines[j].trimmed().chars().take(32).collect();
                    if let Some(d) = dates_in(&next).into_iter().find(|d| d.year.is_some()) {
                        return Some(d);
                    }
                }
            }
            from += at + label.len();
        }
    }
    None
}

/// The meeting's date from the lines before the first agenda item (`head_end`), or the file name.
pub fn meeting_date(c: &Cleaned, head_end: usize, file: &str) -> Option<(NaiveDate, DateSource)> {
    let head_end = head_end.min(c.lines.len());
    let years = years_mentioned(c);
    let resolve = |d: &WrittenDate| -> Option<(NaiveDate, DateSource)> {
        if let Some(date) = d.explicit() {
            return Some((date, DateSource::Text));
        }
        let weekday = d.weekday?;
        let mut evidence = years.clone();
        if let Some(named) = file_name_date(file) {
            evidence.push((named.year(), 1));
        }
        let year = infer_year(weekday, d.day, d.month, &evidence)?;
        Some((
            NaiveDate::from_ymd_opt(year, d.month, d.day)?,
            DateSource::Inferred,
        ))
    };

    // Lines in the approval context ("Justerat den:" and the lines right under it).
    let mut approval_lines = vec![false; head_end];
    for i in 0..head_end {
        if is_approval_label(&fold(c.lines[i].trimmed())) {
            approval_lines[i] = true;
            // The date stands under the label only when the label line has none.
            let mut seen = if dates_in(&c.lines[i].text).is_empty() {
                0
            } else {
                2
            };
            let mut j = i + 1;
            while j < head_end && seen < 2 {
                if !c.lines[j].is_blank() {
                    approval_lines[j] = true;
                    seen += 1;
                }
                j += 1;
            }
        }
    }

    // 0. "Sammanträdesdatum 2019-09-24", wherever it stands on the front pages (the ANSLAG block
    // names the meeting's date beside the anslag dates).
    let front = c.lines.len().min(head_end.max(200));
    for i in 0..front {
        let t = c.lines[i].trimmed();
        if t.is_empty() || t.len() > 2000 {
            continue;
        }
        let lower = t.to_lowercase();
        if !(lower.contains("datum") || lower.contains("protokoll")) {
            continue;
        }
        if let Some(found) = labelled_meeting_date(c, i, front).and_then(|d| resolve(&d)) {
            return Some(found);
        }
    }
    // The earliest justering/anslag date bounds the meeting date from above.
    let approval_first = (0..head_end)
        .filter(|&i| approval_lines[i])
        .flat_map(|i| dates_in(&c.lines[i].text))
        .filter_map(|d| d.explicit())
        .min();
    let before_approval =
        |found: &(NaiveDate, DateSource)| approval_first.is_none_or(|a| found.0 <= a);

    // 1. A labelled date ("Tid: Onsdag 4 november 2020", "Datum" with the date under it).
    for (i, &approval) in approval_lines.iter().enumerate() {
        let line = c.lines[i].trimmed();
        if line.is_empty() || approval || line.len() > 200 {
            continue;
        }
        let folded = fold(line);
        if !is_date_label(&folded) {
            continue;
        }
        let mut candidates = dates_in(&c.lines[i].text);
        if candidates.is_empty() {
            if let Some(j) = c.next_nonblank(i, 3).filter(|&j| j < head_end) {
                candidates = dates_in(&c.lines[j].text);
            }
        }
        if let Some(found) = candidates.iter().filter_map(resolve).find(before_approval) {
            return Some(found);
        }
    }
    // 2. Any full date, or weekday with day and month, in the head (outside the approval lines).
    let mut other_dates = 0;
    for (i, &approval) in approval_lines.iter().enumerate() {
        if approval || c.lines[i].is_blank() {
            continue;
        }
        let candidates = dates_in(&c.lines[i].text);
        other_dates += candidates.len();
        if let Some(found) = candidates
            .iter()
            .filter(|d| d.year.is_some() || d.weekday.is_some())
            .filter_map(resolve)
            .find(before_approval)
        {
            return Some(found);
        }
    }
    // 3. The approval date, when the head has no other date.
    if other_dates == 0 {
        for (i, &approval) in approval_lines.iter().enumerate() {
            if approval {
                if let Some(date) = dates_in(&c.lines[i].text)
                    .iter()
                    .find_map(WrittenDate::explicit)
                {
                    return Some((date, DateSource::Approval));
                }
            }
        }
    }
    // 4. The file name.
    file_name_date(file).map(|d| (d, DateSource::FileName))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::clean;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn written_and_iso_dates() {
        let d = dates_in("Tid: Onsdag 4 november 2020 kl 9:00 — 12:00");
        assert_eq!(d[0].explicit(), Some(ymd(2020, 11, 4)));
        assert_eq!(d[0].weekday, Some(Weekday::Wed));
        assert_eq!(
            dates_in("Justerat 2020-11-17")[0].explicit(),
            Some(ymd(2020, 11, 17))
        );
        assert!(dates_in("Mål 2022-2026 och 2016-2022").is_empty());
        assert!(dates_in("2021-02-30").is_empty());
        let d = dates_in("Fredag den 11 februari, digitalt");
        assert_eq!(
            (d[0].weekday, d[0].day, d[0].month, d[0].year),
            (Some(Weekday::Fri), 11, 2, None)
        );
    }

    #[test]
    fn weekday_decides_the_year_near_mentioned_years() {
        assert_eq!(
            infer_year(Weekday::Fri, 11, 2, &[(2022, 5), (2021, 1)]),
            Some(2022)
        );
        assert_eq!(infer_year(Weekday::Thu, 11, 2, &[(2021, 3)]), Some(2021));
        // No year near the text's years fits the weekday: no guess.
        assert_eq!(infer_year(Weekday::Mon, 11, 2, &[(2021, 3)]), None);
        assert_eq!(infer_year(Weekday::Fri, 11, 2, &[]), None);
    }

    #[test]
    fn explicit_date_wins_over_a_disagreeing_weekday() {
        // 6 October 2023 was a Friday; the text says Wednesday.
        let c =
            clean("Protokoll\nTid: Onsdag 6 oktober 2023 kl 09:00\nJusterat den:\n2023-10-10\n");
        assert_eq!(
            meeting_date(&c, 4, "x.txt"),
            Some((ymd(2023, 10, 6), DateSource::Text))
        );
    }

    #[test]
    fn weekday_only_date_is_inferred() {
        let c = clean("PROTOKOLL\nTid och plats Fredag den 11 februari, Teams\nMål för 2022.\n");
        assert_eq!(
            meeting_date(&c, 2, "x.txt"),
            Some((ymd(2022, 2, 11), DateSource::Inferred))
        );
    }

    #[test]
    fn approval_date_only_when_it_is_the_only_date() {
        let c = clean("Protokoll\nJusterat den:\n\n2020-11-17\n");
        assert_eq!(
            meeting_date(&c, 4, "x.txt"),
            Some((ymd(2020, 11, 17), DateSource::Approval))
        );
        let c = clean("Protokoll 2020-11-04\nJusterat den:\n\n2020-11-17\n");
        assert_eq!(
            meeting_date(&c, 4, "x.txt"),
            Some((ymd(2020, 11, 4), DateSource::Text))
        );
    }

    #[test]
    fn file_name_is_the_last_resort_and_nothing_is_guessed() {
        let c = clean("Protokoll\nInga datum här\n");
        assert_eq!(
            meeting_date(&c, 2, "kf/2021-02-12-protokoll.txt"),
            Some((ymd(2021, 2, 12), DateSource::FileName))
        );
        assert_eq!(meeting_date(&c, 2, "protokoll.txt"), None);
        assert_eq!(
            file_name_date("protokoll_20210212.md"),
            Some(ymd(2021, 2, 12))
        );
        assert_eq!(file_name_date("000_34fa3fbd3b0a2229.txt"), None);
    }

    #[test]
    fn justering_and_anslag_dates_never_win() {
        // (front page, meeting date)
        let table: &[(&str, (i32, u32, u32))] = &[
            (
                "Protokoll\n2018-01-30\nPlats och tid  Sunnerö  kl. 14:00-16:25\nUtses att justera  Leif Hansson (S)\nJusteringens plats och    Kontoret, Kungsgatan 9 , 2018-02-01 10:00\ntid\n",
                (2018, 1, 30),
            ),
            (
                "Protokoll\nPlats och tid Rumlaborg kl. 13:00\nJusteringens plats och tid e-justering 2023-10-03 ANSLAG/BEVIS Organ Barn- och utbildningsnämnden Sammanträdesdatum 2023-09-26 Datum för anslags uppsättande 2023-10-04\n",
                (2023, 9, 26),
            ),
            (
                "Protokoll\nDatum då anslaget sätts upp 2018-03-02\nDatum då anslaget tas ned 2018-03-24\nSammanträdesdatum\n2018-02-13\n",
                (2018, 2, 13),
            ),
            (
                "JÖNKÖPINGS KOMMUN Barn- och utbildningsnämnden\nSAMMANTRÄDESPROTOKOLL 11 2019-09-24\nJustering 2019.10.01\n",
                (2019, 9, 24),
            ),
            (
                "Protokoll\nTid: Onsdag 4 november 2020 kl 9:00\nJusterat den 2020-11-17\n",
                (2020, 11, 4),
            ),
            (
                "Protokoll\nDatum för anslags uppsättande 2020-05-02\nDatum 2020-04-28\n",
                (2020, 4, 28),
            ),
        ];
        for (text, (y, m, d)) in table {
            let c = clean(text);
            let got = meeting_date(&c, c.lines.len(), "x.txt").map(|(d, _)| d);
            assert_eq!(got, Some(ymd(*y, *m, *d)), "{text}");
        }
    }

    #[test]
    fn a_date_folder_dates_an_attachment() {
        assert_eq!(
            file_name_date("kommunstyrelsen/2026-06-01/bilagor/tjansteskrivelse.pdf"),
            Some(ymd(2026, 6, 1))
        );
    }

    #[test]
    fn body_dates_after_the_head_are_ignored() {
        let c = clean("Protokoll\n1. Mötet öppnas\nNästa möte fredag den 17 november 2023.\n");
        assert_eq!(meeting_date(&c, 1, "x.txt"), None);
    }
}
