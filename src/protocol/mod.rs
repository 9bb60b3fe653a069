//! From decoded text to a [`Meeting`]: cleaning page furniture, then parsing council, date, place,
//! attendees and agenda items by rules that hold for protocols never seen before.

pub mod attendees;
pub mod case_numbers;
pub mod clean;
pub mod council;
pub mod date;
pub mod decisions;
pub mod items;
pub mod model;
pub mod sidecar;
pub mod slides;

pub use model::{AgendaItem, Attendee, DateSource, Meeting, MeetingKind, Vote};
pub use sidecar::Sidecar;

use crate::text::{fold, sanitize, squash_spaces};
use clean::Cleaned;
use items::ItemDraft;

/// Bumped whenever parsing gives different meetings from the same file (new rules, new fields):
/// the catalog records it, and an index built by another parser version is rebuilt.
pub const PARSER_VERSION: u32 = 2;

/// Everything the parser gets for one file.
#[derive(Debug, Clone, Default)]
pub struct ParseInput<'a> {
    /// Meeting id: the relative path without extension.
    pub id: &'a str,
    /// Relative path with extension (its file name may carry a date).
    pub file: &'a str,
    /// Decoded text (see `archive::decode`).
    pub text: &'a str,
    /// Facts from a sidecar file; they win over the text.
    pub sidecar: Option<&'a Sidecar>,
    /// For paged documents (PDF): the 1-based line of `text` each page starts on, in order.
    pub page_starts: &'a [usize],
}

/// How many lines count as the head of a file without agenda items.
const HEAD_WITHOUT_ITEMS: usize = 60;

/// Parse one decoded protocol file into a meeting. Never fails: a file without recognisable
/// structure becomes one item of kind unknown.
pub fn parse_meeting(input: &ParseInput) -> Meeting {
    // `clean` sanitizes the text first: every string stored below derives from it.
    let cleaned = clean::clean(input.text);
    let deck = slides::is_deck(&cleaned);
    let drafts = if deck {
        slides::slide_items(&cleaned)
    } else {
        items::find_items(&cleaned)
    };
    let structured = deck || drafts.len() > 1 || drafts.first().is_some_and(|d| d.number.is_some());
    let head_end = if deck {
        drafts.first().map_or(0, |d| d.end + 1)
    } else if structured {
        drafts.first().map_or(0, |d| d.start)
    } else {
        cleaned.lines.len().min(HEAD_WITHOUT_ITEMS)
    };

    let (date, date_source) = match date::meeting_date(&cleaned, head_end, input.file) {
        Some((d, source)) => (Some(d), Some(source)),
        None => (None, None),
    };
    let mut meeting = Meeting {
        id: sanitize(input.id),
        file: sanitize(input.file),
        council: council::find_council(&cleaned, head_end.max(1))
            .map(|name| council::expand_council(name, &cleaned))
            .or_else(|| council_from_path(input.file)),
        organisation: council::find_organisation(&cleaned, head_end, input.file),
        date,
        date_source,
        place: find_place(&cleaned, head_end),
        kind: kind_of(&cleaned, deck, head_end, &drafts),
        attendees: if deck {
            vec![]
        } else {
            attendees::find_attendees(&cleaned, head_end)
        },
        items: Vec::with_capacity(drafts.len()),
        pages: (!input.page_starts.is_empty()).then_some(input.page_starts.len() as u32),
        ..Meeting::default()
    };
    let line_count = cleaned.lines.len().max(1);
    for (k, draft) in drafts.into_iter().enumerate() {
        let ordinal = k + 1;
        // The heading's own case numbers first, then those the text cites.
        let mut case_numbers: Vec<String> = Vec::new();
        let mut keys: Vec<case_numbers::CaseKey> = Vec::new();
        let cited = case_numbers::find_case_numbers(&format!("{}\n{}", draft.title, draft.text));
        for (text, key) in draft
            .case_numbers
            .iter()
            .filter_map(|t| case_numbers::case_key(t).map(|k| (t.clone(), k)))
            .chain(cited.into_iter().map(|f| (f.text, f.key)))
        {
            if !keys.contains(&key) {
                keys.push(key);
                case_numbers.push(sanitize(&text));
            }
        }
        let start = (draft.start + 1).min(line_count);
        meeting.items.push(AgendaItem {
            id: format!("{}#{ordinal}", meeting.id),
            ordinal,
            number: draft.number.map(|n| sanitize(&n)),
            title: squash_spaces(&sanitize(&draft.title)),
            presenters: draft
                .presenters
                .iter()
                .map(|p| squash_spaces(&sanitize(p)))
                .collect(),
            text: sanitize(&draft.text),
            line_start: start,
            line_end: (draft.end + 1).clamp(start, line_count),
            case_numbers,
            ..AgendaItem::default()
        });
    }
    for item in &mut meeting.items {
        decisions::fill(item);
    }
    // A contact line ("socialnamnden@kommun.se,www.kommun.se") is no body's name.
    if meeting
        .council
        .as_deref()
        .is_some_and(|c| c.contains('@') || fold(c).contains("www."))
    {
        meeting.council = council_from_path(input.file);
    }
    // An attachment's first lines name its subject or its writer, rarely the body: a folder
    // that names the body says more ("socialnamnden/2018-01-23/bilagor/x.pdf").
    if meeting.kind == MeetingKind::Attachment || in_attachment_folder(input.file) {
        if let Some(body) = council_from_path(input.file) {
            meeting.council = Some(body);
        }
    }
    for a in &mut meeting.attendees {
        a.name = squash_spaces(&sanitize(&a.name));
        a.organisation = a
            .organisation
            .as_deref()
            .map(|o| squash_spaces(&sanitize(o)));
        a.party = a.party.as_deref().map(|p| squash_spaces(&sanitize(p)));
    }
    meeting.council = meeting.council.map(|c| squash_spaces(&sanitize(&c)));
    meeting.organisation = meeting.organisation.map(|o| squash_spaces(&sanitize(&o)));
    if !input.page_starts.is_empty() {
        for item in &mut meeting.items {
            item.page_start = Some(page_of(input.page_starts, item.line_start));
            item.page_end = Some(page_of(input.page_starts, item.line_end));
        }
    }
    if let Some(sc) = input.sidecar {
        sc.apply(&mut meeting);
    }
    meeting
}

/// A folder that names a body ("kommunstyrelsen/2026-06-01/protokoll.pdf"), for a file whose text
/// names none: "Kommunstyrelsen", "Tekniska namnden" (the archive-wide merge finds the best spelling).
fn council_from_path(file: &str) -> Option<String> {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    parts[..parts.len().saturating_sub(1)]
        .iter()
        .rev()
        // "barn-och-ungdomsnamnden": the hyphen before "och" is the name's own ("Barn- och …").
        .map(|p| {
            p.replace("-och-", "- och ")
                .replace("-eller-", "- eller ")
                .replace(['-', '_'], " ")
                .replace("  och ", "- och ")
                .replace("  eller ", "- eller ")
        })
        .find(|p| council::names_a_body(p) && !p.chars().any(|c| c.is_ascii_digit()))
        .map(|p| council::nice_case(&p))
}

/// True when the file lies in an attachments folder (`bilagor/`, `Bilaga 3/`, `attachments/`).
pub fn in_attachment_folder(file: &str) -> bool {
    let folders = file.rsplit_once('/').map_or("", |(f, _)| f);
    folders.split('/').any(|folder| {
        let f = fold(folder);
        f.starts_with("bilag") || f.starts_with("attachment") || f == "underlag"
    })
}

/// The 1-based page holding 1-based `line`, given the lines pages start on.
fn page_of(page_starts: &[usize], line: usize) -> u32 {
    page_starts.partition_point(|&start| start <= line).max(1) as u32
}

/// "Plats: Via Skype", "Tid och plats Fredag den 11 februari, digitalt via Teams."
fn find_place(c: &Cleaned, head_end: usize) -> Option<String> {
    for line in c.lines.iter().take(head_end.min(c.lines.len())) {
        let t = line.trimmed();
        let folded = fold(t);
        let (label_len, with_time) =
            if folded.starts_with("plats och tid") || folded.starts_with("tid och plats") {
                ("tid och plats".chars().count(), true)
            } else if folded.starts_with("plats") && !folded.starts_with("platser") {
                ("plats".chars().count(), false)
            } else if folded.starts_with("motesplats") || folded.starts_with("lokal") {
                (if folded.starts_with("lokal") { 5 } else { 10 }, false)
            } else {
                continue;
            };
        let rest: String = t.chars().skip(label_len).collect();
        let rest = rest.trim_start_matches([':', ' ', '\t']).trim();
        // A second column flattened into the line ("Sunnerö      Paragrafer §§1-9").
        let rest = rest.split("    ").next().unwrap_or(rest);
        let rest = match rest.find("Paragraf") {
            Some(at) => &rest[..at],
            None => rest,
        }
        .trim();
        let place = if with_time {
            // The date and time part, then the place: keep what follows the date.
            let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
            let place_parts: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| date::dates_in(p).is_empty() && !fold(p).starts_with("kl"))
                .collect();
            place_parts.join(", ")
        } else {
            rest.to_string()
        };
        let place = squash_spaces(place.trim_end_matches(['.', ',']));
        if !place.is_empty() && place.chars().count() <= 120 {
            return Some(place);
        }
    }
    None
}

/// Slides are a presentation; "Kallelse"/"Dagordning" titles an agenda; "Protokoll", a signature
/// block or the opening procedure a protocol; anything else unknown.
fn kind_of(c: &Cleaned, deck: bool, head_end: usize, drafts: &[ItemDraft]) -> MeetingKind {
    if deck {
        return MeetingKind::Presentation;
    }
    let head: Vec<String> = c
        .lines
        .iter()
        .take(head_end.min(c.lines.len()).max(1))
        .filter(|l| !l.is_blank())
        .take(40)
        .map(|l| fold(l.trimmed()))
        .collect();
    let first_word = |l: &String| {
        l.split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(':')
            .to_string()
    };
    let titled = |words: &[&str]| {
        head.iter()
            .take(12)
            .any(|l| words.contains(&first_word(l).as_str()))
    };
    // One § copied out of a protocol for another body.
    let extract = head.iter().take(15).any(|l| {
        l.starts_with("protokollsutdrag")
            || l.starts_with("utdrag ur protokoll")
            || l.starts_with("utdrag ur sammantradesprotokoll")
            || l.starts_with("bestyrkt utdrag")
    });
    if extract && drafts.len() <= 3 {
        return MeetingKind::Extract;
    }
    if titled(&[
        "protokoll",
        "sammantradesprotokoll",
        "motesprotokoll",
        "protokollsutdrag",
        "minnesanteckningar",
        "motesanteckningar",
    ]) {
        return MeetingKind::Protocol;
    }
    if titled(&[
        "kallelse",
        "dagordning",
        "foredragningslista",
        "agenda",
        "arendelista",
    ]) {
        return MeetingKind::Agenda;
    }
    // An official's report on a matter, a bilaga, a report or a memo: not a meeting.
    let attachment = head.iter().take(15).any(|l| {
        let w = first_word(l);
        matches!(
            w.as_str(),
            "tjansteskrivelse"
                | "tjansteutlatande"
                | "bilaga"
                | "rapport"
                | "promemoria"
                | "pm"
                | "yttrande"
                | "motion"
                | "remiss"
                | "delegationsbeslut"
                | "delegationslista"
                | "utredning"
                | "granskningsrapport"
                | "revisionsrapport"
                | "planbeskrivning"
                | "samradsredogorelse"
                | "beslutsunderlag"
        ) || l.contains("tjansteskrivelse")
    });
    let numbered_paragraphs = drafts
        .iter()
        .filter(|d| d.number.as_deref().is_some_and(|n| n.starts_with('§')))
        .count();
    if attachment && numbered_paragraphs < 2 {
        return MeetingKind::Attachment;
    }
    let signed = head.iter().any(|l| {
        l.starts_with("justera")
            || l.starts_with("vid protokollet")
            || l.starts_with("utses att justera")
    });
    let procedural = drafts.iter().take(3).any(|d| {
        let f = fold(&format!(
            "{} {}",
            d.title,
            d.text.chars().take(300).collect::<String>()
        ));
        f.contains("justera")
            || f.contains("dagordning")
            || f.contains("motet oppna")
            || f.contains("oppnande")
    });
    let numbered = drafts.iter().filter(|d| d.number.is_some()).count() >= 2;
    if signed || (numbered && procedural) {
        MeetingKind::Protocol
    } else {
        MeetingKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Meeting {
        parse_meeting(&ParseInput {
            id: "a/m",
            file: "a/m.txt",
            text,
            sidecar: None,
            page_starts: &[],
        })
    }

    #[test]
    fn ids_ordinals_and_spans() {
        let m =
            parse("Protokoll Kommunstyrelsen\nTid: 2021-02-12\n\n1. Öppnande\nText\n\n2. Slut\n");
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.items[1].id, "a/m#2");
        assert_eq!((m.items[0].line_start, m.items[0].line_end), (4, 5));
        assert_eq!((m.items[1].line_start, m.items[1].line_end), (7, 7));
        assert_eq!(m.kind, MeetingKind::Protocol);
        assert_eq!(m.council.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn place_from_labels() {
        assert_eq!(
            parse("Plats: Via Skype\n").place.as_deref(),
            Some("Via Skype")
        );
        assert_eq!(
            parse("Tid och plats Fredag den 11 februari, digitalt via Teams.\n")
                .place
                .as_deref(),
            Some("digitalt via Teams")
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(
            parse("Kallelse\nKommunstyrelsen\n1. Öppnande\n2. Budget\n").kind,
            MeetingKind::Agenda
        );
        assert_eq!(
            parse("Ett brev\nutan struktur\n").kind,
            MeetingKind::Unknown
        );
        assert_eq!(
            parse("Föredragningslista\nKommunstyrelsen\n1. Öppnande\n2. Budget\n").kind,
            MeetingKind::Agenda
        );
        assert_eq!(
            parse("Protokollsutdrag\nKommunstyrelsen 2026-06-01\n§ 105 2026.220 KS\nStadsskogen etapp 4\nBeslut\nGodkänns.\n").kind,
            MeetingKind::Extract
        );
        let ts = parse("Tjänsteskrivelse\nDnr 2026.220 KS\nStadsskogen etapp 4\nFörslag till beslut\nKommunstyrelsen föreslås godkänna.\n");
        assert_eq!(ts.kind, MeetingKind::Attachment);
        assert_eq!(ts.items.len(), 1);
        assert_eq!(ts.items[0].case_numbers, vec!["Dnr 2026.220 KS"]);
    }

    #[test]
    fn sidecar_wins() {
        let sc = Sidecar::from_toml("council = \"Kommunfullmäktige\"\ndate = 2020-01-01").unwrap();
        let m = parse_meeting(&ParseInput {
            id: "m",
            file: "m.txt",
            text: "Protokoll Kommunstyrelsen\nTid: 2021-02-12\n",
            sidecar: Some(&sc),
            page_starts: &[],
        });
        assert_eq!(m.council.as_deref(), Some("Kommunfullmäktige"));
        assert_eq!(m.date_source, Some(DateSource::Sidecar));
    }
}
