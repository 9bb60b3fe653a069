//! Before the meeting: for every item of an agenda (a kallelse or föredragningslista), what the
//! archive already holds about the matter, newest first: each earlier treatment with its body,
//! date, §, decision and what tied it to the agenda item (the same Dnr, or the same title), and
//! the loose ends a clerk looks for ("återremitterades 2025-10-08", "återkommer i mars").

use super::Library;
use crate::protocol::case_numbers::{case_key, CaseKey};
use crate::protocol::{parse_meeting, AgendaItem, Meeting, MeetingKind, ParseInput};
use crate::text::fold;
use crate::{Error, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A brief of one agenda.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Brief {
    pub agenda: BriefAgenda,
    pub items: Vec<BriefItem>,
}

/// Which agenda the brief is of.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BriefAgenda {
    pub file: String,
    pub council: Option<String>,
    pub organisation: Option<String>,
    pub date: Option<String>,
}

/// One agenda item and its matter's history.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BriefItem {
    pub number: Option<String>,
    pub title: String,
    pub case_numbers: Vec<String>,
    /// Earlier treatments, newest first (undated last).
    pub history: Vec<BriefEntry>,
    /// Loose ends found in the history: referrals back, promised follow-ups.
    pub open: Vec<String>,
}

/// One earlier treatment of the matter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BriefEntry {
    pub item_id: String,
    pub meeting_id: String,
    pub council: Option<String>,
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub decision: Option<String>,
    /// What matched: the case number as the earlier item writes it, or "same title".
    pub link: String,
}

/// More earlier treatments than this per agenda item are left out (oldest first).
const MAX_HISTORY: usize = 12;

/// A case number carried by items with this many different titles is a standing series (the
/// year's Meddelanden, Delegationsbeslut): sharing it says nothing about the matter.
const STANDING_TITLES: usize = 4;

impl Library {
    /// The brief of `agenda`: a meeting id in the archive, or a file anywhere in a format
    /// protokoll reads.
    pub fn brief(&self, agenda: &str) -> Result<Brief> {
        let (meeting, texts) = self.agenda_meeting(agenda)?;
        let by_case = self.items_by_case();
        let mut items = Vec::new();
        for (item, text) in meeting.items.iter().zip(&texts) {
            if crate::links::standing::standing_category(&item.title).is_some() {
                continue;
            }
            let history = self.history_of(&meeting, item, text, &by_case);
            let open = self.open_threads(&history);
            items.push(BriefItem {
                number: item.number.clone(),
                title: item.title.clone(),
                case_numbers: item.case_numbers.clone(),
                history,
                open,
            });
        }
        Ok(Brief {
            agenda: BriefAgenda {
                file: meeting.file.clone(),
                council: meeting.council.clone(),
                organisation: meeting.organisation.clone(),
                date: meeting.date.map(|d| d.to_string()),
            },
            items,
        })
    }

    /// The agenda as a meeting with its items' texts.
    fn agenda_meeting(&self, agenda: &str) -> Result<(Meeting, Vec<String>)> {
        let in_archive = self
            .meeting(agenda)
            .map(|m| Meeting::clone(&m))
            .or_else(|| {
                // A path inside the archive is that file's meeting.
                let full = std::fs::canonicalize(agenda).ok()?;
                let root = std::fs::canonicalize(self.archive()).ok()?;
                let rel = full
                    .strip_prefix(root)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                self.meeting(&super::meeting_id_for(&rel))
                    .map(|m| Meeting::clone(&m))
            });
        if let Some(meeting) = in_archive {
            let texts = meeting
                .items
                .iter()
                .map(|i| self.item_text(&i.id).unwrap_or_default())
                .collect();
            return Ok((meeting, texts));
        }
        let path = Path::new(agenda);
        if !path.is_file() {
            return Err(Error::new(format!(
                "{agenda:?} is neither a meeting id (see `protokoll meetings --all`) nor a file"
            )));
        }
        let extracted = crate::archive::extract_file(path)
            .map_err(|e| Error::new(format!("cannot read {agenda}: {e}")))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| agenda.to_string());
        let meeting = parse_meeting(&ParseInput {
            id: &format!("(agenda) {name}"),
            file: &name,
            text: &extracted.text,
            sidecar: None,
            page_starts: &extracted.page_starts,
        });
        let texts = meeting.items.iter().map(|i| i.text.clone()).collect();
        Ok((meeting, texts))
    }

    /// Every protocol item by the case numbers it carries, standing series left out.
    fn items_by_case(&self) -> HashMap<CaseKey, Vec<(usize, usize, String)>> {
        let mut by_case: HashMap<CaseKey, Vec<(usize, usize, String)>> = HashMap::new();
        for (m, meeting) in self.documents().iter().enumerate() {
            if meeting.kind != MeetingKind::Protocol {
                continue;
            }
            for (i, item) in meeting.items.iter().enumerate() {
                for written in &item.case_numbers {
                    if let Some(key) = case_key(written) {
                        by_case
                            .entry(key)
                            .or_default()
                            .push((m, i, written.clone()));
                    }
                }
            }
        }
        let documents = self.documents();
        by_case.retain(|_, items| {
            let titles: HashSet<String> = items
                .iter()
                .map(|&(m, i, _)| fold(&documents[m].items[i].title))
                .collect();
            titles.len() < STANDING_TITLES
        });
        by_case
    }

    fn history_of(
        &self,
        agenda: &Meeting,
        item: &AgendaItem,
        text: &str,
        by_case: &HashMap<CaseKey, Vec<(usize, usize, String)>>,
    ) -> Vec<BriefEntry> {
        let documents = self.documents();
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let keys: Vec<CaseKey> = item
            .case_numbers
            .iter()
            .filter_map(|c| case_key(c))
            .chain(
                crate::protocol::case_numbers::case_numbers(text)
                    .iter()
                    .filter_map(|c| case_key(c)),
            )
            .collect();
        for key in &keys {
            for (m, i, written) in by_case.get(key).into_iter().flatten() {
                let earlier = match (documents[*m].date, agenda.date) {
                    (Some(then), Some(now)) => then < now,
                    _ => true,
                };
                if documents[*m].id != agenda.id && earlier && seen.insert((*m, *i)) {
                    let written = super::cite::without_label(written);
                    found.push((*m, *i, format!("Dnr {written}")));
                }
            }
        }
        // An agenda in the archive: the links engine's strongest matches in earlier meetings
        // (a cited decision, a named project or acronym), each with what it shares.
        if self.item_ref(&item.id).is_some() {
            for related in self.related(&item.id, 5).unwrap_or_default() {
                let Some((m, i)) = self.position_of(&related.item_id) else {
                    continue;
                };
                let earlier = match (documents[m].date, agenda.date) {
                    (Some(then), Some(now)) => then < now,
                    _ => true,
                };
                if earlier
                    && documents[m].kind == MeetingKind::Protocol
                    && !related.reasons.is_empty()
                    && seen.insert((m, i))
                {
                    let link = related.reasons.iter().take(3).cloned().collect::<Vec<_>>();
                    found.push((m, i, link.join(", ")));
                }
            }
        }
        // Without a Dnr, the same title: most of its significant words, both ways (a one-word
        // title, "Ekonomi", only when it is the same word).
        let words = title_words(&item.title);
        if keys.is_empty() && !words.is_empty() {
            for (m, meeting) in documents.iter().enumerate() {
                if meeting.kind != MeetingKind::Protocol || meeting.id == agenda.id {
                    continue;
                }
                for (i, other) in meeting.items.iter().enumerate() {
                    let theirs = title_words(&other.title);
                    let shared = words.intersection(&theirs).count();
                    let same = if words.len() == 1 {
                        words == theirs
                    } else {
                        shared * 10 >= words.len() * 7 && shared * 10 >= theirs.len() * 7
                    };
                    let earlier = match (meeting.date, agenda.date) {
                        (Some(then), Some(now)) => then < now,
                        _ => true,
                    };
                    if same
                        && earlier
                        && crate::links::standing::standing_category(&other.title).is_none()
                        && seen.insert((m, i))
                    {
                        found.push((m, i, "same title".into()));
                    }
                }
            }
        }
        found.sort_by_key(|&(m, _, _)| {
            let meeting = &documents[m];
            (
                meeting.date.is_none(),
                std::cmp::Reverse(meeting.date),
                meeting.id.clone(),
            )
        });
        found.truncate(MAX_HISTORY);
        found
            .into_iter()
            .map(|(m, i, link)| {
                let meeting = &documents[m];
                let other = &meeting.items[i];
                BriefEntry {
                    item_id: other.id.clone(),
                    meeting_id: meeting.id.clone(),
                    council: meeting.council.clone(),
                    organisation: meeting.organisation.clone(),
                    date: meeting.date.map(|d| d.to_string()),
                    number: other.number.clone(),
                    title: other.title.clone(),
                    decision: other.decision.clone(),
                    link,
                }
            })
            .collect()
    }

    /// Referrals back and promised follow-ups in the newest treatments.
    fn open_threads(&self, history: &[BriefEntry]) -> Vec<String> {
        let mut open = Vec::new();
        for entry in history.iter().take(3) {
            let text = match &entry.decision {
                Some(d) if !d.trim().is_empty() => d.clone(),
                _ => self.item_text(&entry.item_id).unwrap_or_default(),
            };
            let when = entry.date.as_deref().unwrap_or("undated");
            for sentence in sentences(&text) {
                let folded = fold(sentence);
                let loose = if folded.contains("aterremit") {
                    Some(format!("återremitterades {when}"))
                } else if folded.contains("aterkommer")
                    || (folded.contains("aterrapporter") && folded.contains(" ska "))
                    || ((folded.contains("redovisas") || folded.contains("aterrapport"))
                        && folded.contains("senast"))
                {
                    Some(format!("{when}: {}", cut(sentence.trim(), 140)))
                } else {
                    None
                };
                if let Some(l) = loose {
                    if !open.contains(&l) {
                        open.push(l);
                    }
                }
            }
        }
        open
    }
}

impl Library {
    /// Where an item is in [`Library::documents`]: (document, item) positions.
    fn position_of(&self, item_id: &str) -> Option<(usize, usize)> {
        let at = self.item_ref(item_id)?;
        let (meeting, item) = at.parts();
        let m = self.documents().iter().position(|d| d.id == meeting.id)?;
        let i = meeting.items.iter().position(|x| x.id == item.id)?;
        Some((m, i))
    }
}

/// The folded words of a title that say what it is about (four letters or more).
fn title_words(title: &str) -> HashSet<String> {
    fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '\n']).filter(|s| s.trim().len() > 3)
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_ignore_short_words_and_numbers() {
        let w = title_words("Svar på motion om 2025 års budget för Ödeby skola");
        assert!(w.contains("motion") && w.contains("odeby") && w.contains("budget"));
        assert!(!w.contains("om") && !w.contains("2025"));
    }
}
