//! The parts of a § that KL 5:66–70 requires: the decision (the text under `Beslut`, or "…
//! beslutar att …" sentences), the proposal (`Förslag till beslut`, "Arbetsutskottets förslag"),
//! motions (`Yrkanden`), the vote (`Omröstning`: ja / nej / avstår), reservations and where the
//! decision is sent (`Beslutet skickas till`, `Expedieras till`). Read from the item's text by its
//! section labels, which every municipality shares even where the layout differs.

use super::items::is_section_label;
use super::model::{AgendaItem, Vote};
use crate::text::{fold, squash_spaces};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Decision,
    Proposal,
    Motions,
    Vote,
    Reservation,
    SentTo,
    Other,
}

/// The section a label line opens. Labels may stand at the end of a line that carries other
/// words ("BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2019-09-24 Barn- och utbildningsnämndens
/// beslut").
fn section_of(line: &str) -> Option<Section> {
    let t = line.trim().trim_end_matches(':').trim();
    if t.is_empty() || t.chars().count() > 120 {
        return None;
    }
    let f = fold(t);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    let tail = |label: &str| f == label || f.ends_with(&format!(" {label}"));
    if f.starts_with("beslutet skickas")
        || f.starts_with("beslutet expedieras")
        || f.starts_with("expedieras")
        || f.starts_with("skickas till")
        || f == "expediering"
    {
        return Some(Section::SentTo);
    }
    if f.starts_with("forslag till beslut")
        || tail("forslag")
        || f.ends_with("s forslag till beslut")
    {
        return Some(Section::Proposal);
    }
    if tail("beslut") && (f == "beslut" || f.ends_with("s beslut")) {
        return Some(Section::Decision);
    }
    if f == "yrkanden" || f == "yrkande" || tail("yrkanden") {
        return Some(Section::Motions);
    }
    if f.starts_with("omrostning") {
        return Some(Section::Vote);
    }
    if f == "reservation" || f == "reservationer" {
        return Some(Section::Reservation);
    }
    if is_section_label(t) {
        return Some(Section::Other);
    }
    None
}

/// Lines of each section, in order: (section, lines).
fn sections(text: &str) -> Vec<(Section, Vec<&str>)> {
    let mut out: Vec<(Section, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        if let Some(s) = section_of(line) {
            out.push((s, Vec::new()));
            continue;
        }
        if let Some((_, lines)) = out.last_mut() {
            lines.push(line);
        }
    }
    out
}

fn joined(lines: &[&str]) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(t);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let text = paragraphs
        .iter()
        .map(|p| squash_spaces(p))
        .collect::<Vec<_>>()
        .join("\n");
    (!text.trim().is_empty()).then_some(text)
}

static VOTE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d{1,3})\s*(?:som\s+|st\s+)?(ja|nej|avst\w*)\b)|(?:\b(ja|nej|avst\w*)[\w-]*\s*:?\s*(\d{1,3}))")
        .unwrap()
});

/// "med 31 ja-röster mot 20 nej-röster, 2 avstod", "Ja 31  Nej 20  Avstår 2".
pub fn vote_counts(text: &str) -> Option<Vote> {
    let folded = fold(text);
    let mut vote = Vote::default();
    let mut any = false;
    for c in VOTE_COUNT.captures_iter(&folded) {
        let (n, word) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(n), Some(w), _, _) => (n.as_str(), w.as_str()),
            (_, _, Some(w), Some(n)) => (n.as_str(), w.as_str()),
            _ => continue,
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        let slot = if word == "ja" {
            &mut vote.yes
        } else if word == "nej" {
            &mut vote.no
        } else {
            &mut vote.abstain
        };
        if *slot == 0 {
            *slot = n;
            any = true;
        }
    }
    any.then_some(vote)
}

/// "Anna Berg (S) och Per Ek (M) reserverar sig mot beslutet" → ["Anna Berg (S)", "Per Ek (M)"].
fn reservers(sentence: &str) -> Vec<String> {
    let folded = fold(sentence);
    let Some(at) = folded.find("reserverar sig") else {
        return vec![];
    };
    // Fold keeps byte lengths for Swedish letters only approximately: cut by characters.
    let chars_before = folded[..at].chars().count();
    let before: String = sentence.chars().take(chars_before).collect();
    let before = before
        .rsplit(['.', ':'])
        .next()
        .unwrap_or(&before)
        .trim()
        .to_string();
    before
        .split([','])
        .flat_map(|p| p.split(" och "))
        .map(|p| p.trim().trim_start_matches("Ledamoten ").trim().to_string())
        .filter(|p| !p.is_empty() && p.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

/// Fill an item's decision, proposal, motions, vote, reservations and recipients from its text.
pub fn fill(item: &mut AgendaItem) {
    let parts = sections(&item.text);
    let mut decision: Vec<&str> = Vec::new();
    for (section, lines) in &parts {
        match section {
            Section::Decision => {
                if !decision.is_empty() {
                    decision.push("");
                }
                decision.extend(lines.iter().copied());
            }
            Section::Proposal => {
                if item.proposal.is_none() {
                    item.proposal = joined(lines);
                }
            }
            Section::Motions => {
                if let Some(text) = joined(lines) {
                    item.motions.extend(text.lines().map(str::to_string));
                }
            }
            Section::Vote => {
                if item.vote.is_none() {
                    item.vote = vote_counts(&lines.join("\n"));
                }
            }
            Section::Reservation => {
                for line in lines {
                    let names = reservers(line);
                    if names.is_empty() && !line.trim().is_empty() && item.reservations.is_empty() {
                        item.reservations.push(squash_spaces(line.trim()));
                    }
                    item.reservations.extend(names);
                }
            }
            Section::SentTo => {
                for line in lines {
                    for part in line.split([',', ';']) {
                        let p = part
                            .trim()
                            .trim_start_matches(['-', '–', '•', '*', ' '])
                            .trim()
                            .trim_end_matches('.');
                        if !p.is_empty() && !item.sent_to.iter().any(|s| s == p) {
                            item.sent_to.push(p.to_string());
                        }
                    }
                }
            }
            Section::Other => {}
        }
    }
    item.decision = joined(&decision).or_else(|| {
        // No "Beslut" label: the sentences that say what the body decides.
        let sentences: Vec<&str> = item
            .text
            .lines()
            .filter(|l| {
                let f = fold(l);
                f.contains("beslutar att") || f.contains("beslutar,") || f.ends_with("beslutar")
            })
            .collect();
        joined(&sentences)
    });
    if item.reservations.is_empty() {
        for line in item.text.lines() {
            item.reservations.extend(reservers(line));
        }
    }
    if item.vote.is_none() {
        let f = fold(&item.text);
        if f.contains("omrostning") && (f.contains("ja-rost") || f.contains("nej-rost")) {
            item.vote = vote_counts(&item.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> AgendaItem {
        let mut item = AgendaItem {
            text: text.to_string(),
            ..AgendaItem::default()
        };
        fill(&mut item);
        item
    }

    #[test]
    fn decision_under_its_label_across_a_page_break() {
        let i = item("Ärendebeskrivning\nText.\n\nBeslut\nFördjupad månadsuppföljning godkänns.\n\nBeslutsunderlag\n• Tjänsteskrivelse\n");
        assert_eq!(
            i.decision.as_deref(),
            Some("Fördjupad månadsuppföljning godkänns.")
        );
        let i = item("BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2019-09-24 Barn- och utbildningsnämndens beslut\n\n- Riktlinjerna antas.\n\n- Nämnden uppdrar åt förvaltningen att upprätta anvisningar.\n\nBeslutet expedieras till:\nUtbildningsförvaltningen, Stadskontoret\n");
        let d = i.decision.unwrap();
        assert!(
            d.contains("Riktlinjerna antas") && d.contains("uppdrar åt förvaltningen"),
            "{d}"
        );
        assert_eq!(i.sent_to, vec!["Utbildningsförvaltningen", "Stadskontoret"]);
    }

    #[test]
    fn decision_from_sentences_without_a_label() {
        let i = item("Text om ärendet.\nKommunstyrelsen beslutar att godkänna avtalet.\n");
        assert_eq!(
            i.decision.as_deref(),
            Some("Kommunstyrelsen beslutar att godkänna avtalet.")
        );
    }

    #[test]
    fn proposal_motions_vote_and_reservations() {
        let i = item("Arbetsutskottets förslag\nMotionen avslås.\n\nYrkanden\nAnna Berg (S) yrkar bifall till förslaget.\n\nPer Ek (M) yrkar avslag.\n\nOmröstning\nOmröstning begärs och genomförs. Med 31 ja-röster mot 20 nej-röster och 2 som avstod beslutar fullmäktige enligt förslaget.\n\nBeslut\nMotionen avslås.\n\nReservation\nPer Ek (M) och Eva Lund (L) reserverar sig mot beslutet.\n");
        assert_eq!(i.proposal.as_deref(), Some("Motionen avslås."));
        assert_eq!(i.motions.len(), 2);
        assert_eq!(
            i.vote,
            Some(Vote {
                yes: 31,
                no: 20,
                abstain: 2
            })
        );
        assert_eq!(i.reservations, vec!["Per Ek (M)", "Eva Lund (L)"]);
        assert_eq!(i.decision.as_deref(), Some("Motionen avslås."));
    }

    #[test]
    fn roll_call_table_counts() {
        assert_eq!(
            vote_counts("Ja 31\nNej 20\nAvstår 2"),
            Some(Vote {
                yes: 31,
                no: 20,
                abstain: 2
            })
        );
        assert_eq!(vote_counts("Inga siffror här"), None);
    }

    #[test]
    fn beslutsunderlag_is_not_the_decision() {
        let i = item("Beslutsunderlag\nTjänsteskrivelse 2024-01-02\n");
        assert_eq!(i.decision, None);
    }
}
