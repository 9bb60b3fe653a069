//! Citations a clerk can paste into a tjänsteskrivelse: "Lomma kommun, Kommunstyrelsen
//! 2026-04-22 § 52, Dnr KS KF/2025:294". Built only from parsed facts, and sanitized: nothing
//! from a protocol can carry a control character into a clipboard or a terminal.

use super::ItemView;
use crate::text::{sanitize, squash_spaces};

/// The citation of an item.
pub fn citation(item: &ItemView) -> String {
    let mut head = Vec::new();
    if let Some(org) = item
        .meeting
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        // "Kommunstyrelsen, Alingsås kommun" would repeat nothing; the organisation leads.
        head.push(org.to_string());
    }
    let mut meeting = item
        .meeting
        .council
        .clone()
        .unwrap_or_else(|| "(council unknown)".into());
    match &item.date() {
        Some(date) => meeting.push_str(&format!(" {date}")),
        None => meeting.push_str(" (undated)"),
    }
    if let Some(number) = item.item.number.as_deref().filter(|n| !n.trim().is_empty()) {
        let number = number.trim().trim_end_matches('.');
        if number.contains('§') {
            meeting.push_str(&format!(" {number}"));
        } else {
            meeting.push_str(&format!(" punkt {number}"));
        }
    }
    head.push(meeting);
    if !item.item.case_numbers.is_empty() {
        let numbers: Vec<&str> = item
            .item
            .case_numbers
            .iter()
            .map(|c| without_label(c))
            .collect();
        head.push(format!("Dnr {}", numbers.join(", ")));
    }
    clean(&head.join(", "))
}

/// The decision (or, without one, the title) with its citation, for quoting.
pub fn citation_with_decision(item: &ItemView) -> String {
    let body = item
        .item
        .decision
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or(&item.item.title);
    format!("{}\n({})", clean_block(body), citation(item))
}

/// A case number as written without its "Dnr" label ("dnr 2026.115 TEN" → "2026.115 TEN").
pub fn without_label(written: &str) -> &str {
    let t = written.trim();
    match t.get(..3) {
        Some(label) if label.eq_ignore_ascii_case("dnr") => {
            t[3..].trim_start_matches([':', '.', ' '])
        }
        _ => t,
    }
}

fn clean(s: &str) -> String {
    squash_spaces(&sanitize(s).replace(['\n', '\t'], " "))
}

fn clean_block(s: &str) -> String {
    sanitize(s)
        .lines()
        .map(|l| squash_spaces(l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{AgendaItem, Meeting, MeetingKind};
    use chrono::NaiveDate;

    fn item() -> ItemView {
        ItemView {
            meeting: Meeting {
                id: "ks/2026-04-22/protokoll".into(),
                file: "ks/2026-04-22/protokoll.pdf".into(),
                council: Some("Kommunstyrelsen".into()),
                organisation: Some("Lomma kommun".into()),
                date: NaiveDate::from_ymd_opt(2026, 4, 22),
                kind: MeetingKind::Protocol,
                ..Meeting::default()
            },
            item: AgendaItem {
                id: "ks/2026-04-22/protokoll#3".into(),
                ordinal: 3,
                number: Some("§ 52".into()),
                title: "Detaljplan för Vinstorp".into(),
                line_start: 1,
                line_end: 2,
                case_numbers: vec!["KS KF/2025:294".into()],
                decision: Some(
                    "Kommunstyrelsen beslutar att\nanta planen.\x1b]52;c;aGk=\x07".into(),
                ),
                ..AgendaItem::default()
            },
            references: vec![],
        }
    }

    #[test]
    fn a_citation_names_organisation_body_date_paragraph_and_dnr() {
        assert_eq!(
            citation(&item()),
            "Lomma kommun, Kommunstyrelsen 2026-04-22 § 52, Dnr KS KF/2025:294"
        );
        let mut advisory = item();
        advisory.item.number = Some("4".into());
        advisory.meeting.organisation = None;
        advisory.item.case_numbers = vec!["dnr: 2026.115 TEN".into()];
        assert_eq!(
            citation(&advisory),
            "Kommunstyrelsen 2026-04-22 punkt 4, Dnr 2026.115 TEN"
        );
    }

    #[test]
    fn a_quoted_decision_carries_no_escape_sequence() {
        let quoted = citation_with_decision(&item());
        assert!(quoted.starts_with("Kommunstyrelsen beslutar att\nanta planen."));
        assert!(
            !quoted.chars().any(|c| c.is_control() && c != '\n'),
            "{quoted:?}"
        );
        assert!(
            quoted.ends_with("(Lomma kommun, Kommunstyrelsen 2026-04-22 § 52, Dnr KS KF/2025:294)")
        );
    }
}
