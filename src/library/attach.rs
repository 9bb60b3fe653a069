//! Documents of a meeting that are not its minutes (tjänsteskrivelser, reports, bilagor, the
//! kallelse, protokollsutdrag) belong to a protocol: the one in their own folder, else the one
//! in the folder above (`<body>/<date>/bilagor/x.pdf` belongs to `<body>/<date>/protokoll.pdf`),
//! else the one protocol they name by body and date. Decided afresh on every update, from the
//! whole catalog, so adding or removing a protocol re-homes its attachments.

use super::catalog::FileStamp;
use super::councils::Councils;
use crate::protocol::MeetingKind;
use std::collections::HashMap;

/// The folder part of a relative path ("" for the archive root).
fn folder_of(rel_path: &str) -> &str {
    rel_path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Set `attached_to` on every file that is not a protocol and has a protocol to belong to
/// (worked out from the stamps alone: no meeting is decoded). `councils` are those of the
/// files' own council names ([`Councils::from_names`]).
pub fn attach(records: &mut [FileStamp], councils: &Councils) {
    for r in records.iter_mut() {
        let filed_kind = matches!(
            r.kind,
            MeetingKind::Protocol | MeetingKind::Unknown | MeetingKind::Presentation
        );
        if filed_kind && crate::protocol::in_attachment_folder(&r.rel_path) {
            r.kind = MeetingKind::Attachment;
        }
    }
    // Protocols by folder, and by (council key, date) for documents elsewhere.
    let mut by_folder: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_body_date: HashMap<(&str, chrono::NaiveDate), Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if r.kind != MeetingKind::Protocol {
            continue;
        }
        by_folder.entry(folder_of(&r.rel_path)).or_default().push(i);
        if let (Some(council), Some(date)) = (r.council.as_deref(), r.date) {
            if let Some(key) = councils.key_of(council) {
                by_body_date.entry((key, date)).or_default().push(i);
            }
        }
    }
    let homes: Vec<Option<String>> = records
        .iter()
        .map(|r| {
            if r.kind == MeetingKind::Protocol {
                return None;
            }
            let in_bilagor = crate::protocol::in_attachment_folder(&r.rel_path);
            let pick = |candidates: &[usize]| -> Option<usize> {
                match candidates {
                    // One protocol: the document's home when it lies in a `bilagor/` folder
                    // (whatever its own date: an avtal or a report may be years older), else
                    // unless their dates are months apart (a folder holding a year's documents
                    // and one protocol is not that meeting's folder).
                    [only] => {
                        (in_bilagor || !months_apart(r.date, records[*only].date)).then_some(*only)
                    }
                    // Several protocols in one folder: the one of the document's own date.
                    many => {
                        let same_date: Vec<usize> = many
                            .iter()
                            .copied()
                            .filter(|&p| r.date.is_some() && records[p].date == r.date)
                            .collect();
                        (same_date.len() == 1).then(|| same_date[0])
                    }
                }
            };
            let folder = folder_of(&r.rel_path);
            // The folder above only for a `bilagor/` (or like) folder: a council's folder under
            // a year folder does not belong to a protocol that happens to lie in the year folder.
            let parent = (!folder.is_empty() && in_bilagor).then(|| folder_of(folder));
            let found = by_folder
                .get(folder)
                .and_then(|c| pick(c))
                .or_else(|| parent.and_then(|p| by_folder.get(p)).and_then(|c| pick(c)))
                .or_else(|| {
                    let council = r.council.as_deref()?;
                    let key = councils.key_of(council)?;
                    let date = r.date?;
                    pick(by_body_date.get(&(key, date))?)
                });
            found.map(|p| records[p].meeting_id.clone())
        })
        .collect();
    for (r, home) in records.iter_mut().zip(homes) {
        r.attached_to = home;
    }
}

/// Two known dates more than four months apart.
fn months_apart(a: Option<chrono::NaiveDate>, b: Option<chrono::NaiveDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).num_days().abs() > 120,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn councils_of(stamps: &[FileStamp]) -> Councils {
        Councils::from_names(stamps.iter().filter_map(|s| s.council.as_deref()))
    }

    fn record(
        rel: &str,
        kind: MeetingKind,
        council: Option<&str>,
        date: Option<&str>,
    ) -> FileStamp {
        FileStamp {
            meeting_id: rel.rsplit_once('.').map_or(rel, |(s, _)| s).to_string(),
            council: council.map(str::to_string),
            date: date.map(|d| d.parse::<NaiveDate>().unwrap()),
            kind,
            ..FileStamp::blank(rel)
        }
    }

    #[test]
    fn attachments_belong_to_the_protocol_of_their_folder_or_the_one_above() {
        let mut rs = vec![
            record(
                "ks/2026-06-01/bilagor/ts.pdf",
                MeetingKind::Attachment,
                None,
                None,
            ),
            record(
                "ks/2026-06-01/kallelse.pdf",
                MeetingKind::Agenda,
                None,
                None,
            ),
            record(
                "ks/2026-06-01/protokoll.pdf",
                MeetingKind::Protocol,
                Some("Kommunstyrelsen"),
                None,
            ),
            record(
                "sn/2018-01-23/bilagor/avtal.pdf",
                MeetingKind::Attachment,
                None,
                None,
            ),
        ];
        let councils = councils_of(&rs);
        attach(&mut rs, &councils);
        let home = |i: usize| rs[i].attached_to.as_deref();
        assert_eq!(home(0), Some("ks/2026-06-01/protokoll"));
        assert_eq!(rs[0].kind, MeetingKind::Attachment, "filed under bilagor/");
        assert_eq!(home(1), Some("ks/2026-06-01/protokoll"));
        assert_eq!(home(2), None, "a protocol belongs to no one");
        assert_eq!(
            home(3),
            None,
            "its protocol is missing (an HTML page): stands alone"
        );
    }

    #[test]
    fn elsewhere_an_attachment_finds_the_protocol_of_its_body_and_date() {
        let mut rs = vec![
            record(
                "in/utdrag.pdf",
                MeetingKind::Extract,
                Some("Kommunstyrelsen"),
                Some("2025-10-08"),
            ),
            record(
                "ks/a.pdf",
                MeetingKind::Protocol,
                Some("Kommunstyrelsen"),
                Some("2025-10-08"),
            ),
            record(
                "ks/b.pdf",
                MeetingKind::Protocol,
                Some("Kommunstyrelsen"),
                Some("2025-11-12"),
            ),
            record(
                "ks/ts.pdf",
                MeetingKind::Attachment,
                None,
                Some("2025-11-12"),
            ),
            record("ks/x.pdf", MeetingKind::Attachment, None, None),
        ];
        let councils = councils_of(&rs);
        attach(&mut rs, &councils);
        assert_eq!(rs[0].attached_to.as_deref(), Some("ks/a"));
        assert_eq!(
            rs[3].attached_to.as_deref(),
            Some("ks/b"),
            "same folder, same date"
        );
        assert_eq!(
            rs[4].attached_to, None,
            "two protocols, no date to choose by"
        );
    }

    #[test]
    fn a_document_months_from_the_only_protocol_of_its_folder_stays_on_its_own() {
        let mut rs = vec![
            record(
                "2021/kultur-och-fritidsnamnden/presentation.pptx",
                MeetingKind::Presentation,
                Some("Kultur- och fritidsnämnden"),
                None,
            ),
            record(
                "2021/bn-presentation.pptx",
                MeetingKind::Presentation,
                Some("Barn- och utbildningsnämnden"),
                Some("2021-09-15"),
            ),
            record(
                "2021/ts-budget.pdf",
                MeetingKind::Attachment,
                Some("Kommunstyrelsen"),
                Some("2021-02-20"),
            ),
            record(
                "2021/ks-protokoll.txt",
                MeetingKind::Protocol,
                Some("Kommunstyrelsen"),
                Some("2021-03-10"),
            ),
            record(
                "2021/bilagor/avtal-2019.pdf",
                MeetingKind::Attachment,
                None,
                Some("2019-05-02"),
            ),
        ];
        let councils = councils_of(&rs);
        attach(&mut rs, &councils);
        assert_eq!(
            rs[0].attached_to, None,
            "another council's folder under the year folder"
        );
        assert_eq!(rs[1].attached_to, None, "six months apart");
        assert_eq!(
            rs[2].attached_to.as_deref(),
            Some("2021/ks-protokoll"),
            "a tjänsteskrivelse written weeks before the meeting"
        );
        assert_eq!(
            rs[4].attached_to.as_deref(),
            Some("2021/ks-protokoll"),
            "a bilaga years older than its meeting, in the meeting's bilagor folder"
        );
    }
}
