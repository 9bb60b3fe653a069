//! `thread(item)`: a matter followed through time. Starting from the item, related items join
//! while their link is strong: a strength (score relative to the linking item's own score against
//! its query) of at least half the first hop's best and never below [`MIN_STRENGTH`]. Each joined
//! item is expanded in turn, up to [`MAX_HOPS`] hops and [`MAX_ENTRIES`] entries; an item found
//! beyond the first hop joins only if it also shares a key or two words with the starting item,
//! so a thread follows the matter without drifting into the next one. Entries are ordered by date, undated
//! last, each with the sentence that mentions what links it.

use super::profile::{Profile, Stats};
use super::related::{cited_items, enough, load_item, reasons_with, related_scored, Reason};
use super::standing::standing_category;
use super::{ItemSource, ThreadEntry};
use crate::search::schema::{analyze, stem_analyzer};
use crate::text::{fold, squash_spaces};
use crate::Result;
use std::collections::{HashMap, HashSet};

const MIN_STRENGTH: f32 = 0.12;
const RELATIVE_TO_FIRST_HOP: f32 = 0.5;
const MAX_HOPS: usize = 3;
const MAX_ENTRIES: usize = 20;
const CANDIDATES_PER_ITEM: usize = 10;
const MAX_FRONTIER: usize = 6;
/// Longest excerpt, in characters.
const EXCERPT_CHARS: usize = 280;

pub fn thread(library: &dyn ItemSource, item_id: &str) -> Result<Vec<ThreadEntry>> {
    let (meeting, item) = load_item(library, item_id)?;
    let start_reasons = start_reasons(library, item_id)?;
    let mut joined: HashMap<String, Joined> = HashMap::new();
    joined.insert(
        item_id.to_string(),
        Joined {
            excerpt: excerpt(&item.text, &item.title, &start_reasons),
            reasons: start_reasons.clone(),
            link: None,
            order: 0,
        },
    );
    let mut frontier = vec![item_id.to_string()];
    let mut threshold: Option<f32> = None;
    let start_profile = profile_of(library, item_id)?;
    let start_cited = start_profile
        .as_ref()
        .map(|p| cited_items(library, p))
        .unwrap_or_default();
    let mut first_hop = true;
    // A standing item is a matter of its own meeting only.
    let hops = if standing_category(&item.title).is_some() {
        1
    } else {
        MAX_HOPS
    };
    for _ in 0..hops {
        let mut next = Vec::new();
        for from in &frontier {
            let found = related_scored(library, from, CANDIDATES_PER_ITEM, true)?;
            let limit = *threshold.get_or_insert_with(|| {
                let best = found.first().map(|s| s.strength).unwrap_or(0.0);
                (best * RELATIVE_TO_FIRST_HOP).max(MIN_STRENGTH)
            });
            for candidate in found {
                // A case number or a cited decision joins however weak the words around it.
                if (candidate.strength < limit && !candidate.strong)
                    || joined.contains_key(&candidate.item_id)
                {
                    continue;
                }
                if !first_hop {
                    let Some(start) = &start_profile else {
                        continue;
                    };
                    if !enough(&reasons_with(
                        library,
                        start,
                        &start_cited,
                        &candidate.item_id,
                    )) {
                        continue;
                    }
                }
                if joined.len() >= MAX_ENTRIES {
                    break;
                }
                let reasons: Vec<String> = candidate
                    .reasons
                    .iter()
                    .map(|r| r.display.clone())
                    .collect();
                let title = library
                    .item_ref(&candidate.item_id)
                    .map(|at| at.item().title.clone())
                    .unwrap_or_default();
                let excerpt = excerpt(&candidate.text, &title, &reasons);
                let order = joined.len();
                joined.insert(
                    candidate.item_id.clone(),
                    Joined {
                        link: reasons.first().cloned(),
                        reasons,
                        excerpt,
                        order,
                    },
                );
                next.push(candidate.item_id);
            }
        }
        if next.is_empty() {
            break;
        }
        first_hop = false;
        // Expand only the strongest few of each hop (they come strongest first per parent).
        next.truncate(MAX_FRONTIER);
        frontier = next;
    }
    let _ = meeting;
    Ok(rows(library, joined))
}

/// One row per meeting (an attachment's items fold into its meeting), the strongest item of
/// each as the row and the others under `also`, ordered by date, then undated by estimate.
fn rows(library: &dyn ItemSource, joined: HashMap<String, Joined>) -> Vec<ThreadEntry> {
    let mut joined: Vec<(String, Joined)> = joined.into_iter().collect();
    joined.sort_by_key(|(_, j)| j.order);
    let mut rows: Vec<(String, ThreadEntry)> = Vec::new();
    for (id, j) in joined {
        let Some(at) = library.item_ref(&id) else {
            continue;
        };
        let (meeting, item) = at.parts();
        let home = meeting
            .attached_to
            .clone()
            .unwrap_or_else(|| meeting.id.clone());
        if let Some((_, row)) = rows.iter_mut().find(|(h, _)| *h == home) {
            row.also.push(id.clone());
            continue;
        }
        let home_meeting = library.meeting(&home).unwrap_or_else(|| at.meeting.clone());
        let decision = item.decision.clone().filter(|d| !d.trim().is_empty());
        let excerpt = match &decision {
            Some(d) => shorten(sentences(d).first().map(String::as_str).unwrap_or(d), ""),
            None => j.excerpt,
        };
        rows.push((
            home,
            ThreadEntry {
                item_id: id.clone(),
                meeting_id: meeting.id.clone(),
                file: meeting.file.clone(),
                council: meeting.council.clone(),
                date: home_meeting.date.map(|d| d.to_string()),
                number: item.number.clone(),
                title: item.title.clone(),
                link: j.link,
                reasons: j.reasons,
                excerpt,
                decision,
                date_estimate: super::dating::estimate(&home_meeting),
                also: Vec::new(),
            },
        ));
    }
    let ordinal = |id: &str| library.item_ref(id).map_or(0, |at| at.item().ordinal);
    let mut entries: Vec<ThreadEntry> = rows.into_iter().map(|(_, r)| r).collect();
    let sort_key = |e: &ThreadEntry| {
        (
            e.date.is_none(),
            e.date.clone(),
            e.date_estimate.as_ref().map(|d| d.from),
            e.meeting_id.clone(),
            ordinal(&e.item_id),
        )
    };
    entries.sort_by_key(sort_key);
    entries
}

/// An item joined to the thread: its reasons, excerpt, the link that joined it, and when.
struct Joined {
    reasons: Vec<String>,
    excerpt: String,
    link: Option<String>,
    order: usize,
}

/// The link profile of an item (`None` before the archive is indexed).
fn profile_of(library: &dyn ItemSource, item_id: &str) -> Result<Option<Profile>> {
    let Some(index) = library.search_index() else {
        return Ok(None);
    };
    let (meeting, item) = load_item(library, item_id)?;
    let searcher = index.searcher();
    let stats = Stats::new(&searcher, index.fields());
    let acronyms = library.links_cache().acronyms(library.search_index());
    Ok(Some(Profile::build(&meeting, &item, &stats, acronyms)))
}

/// What the starting item offers, strongest first (its keys, then its telling words).
fn start_reasons(library: &dyn ItemSource, item_id: &str) -> Result<Vec<String>> {
    let Some(profile) = profile_of(library, item_id)? else {
        return Ok(vec![]);
    };
    let reasons: Vec<Reason> = profile
        .keys
        .iter()
        .map(|k| Reason {
            display: k.key.display.clone(),
            weight: k.weight,
            is_key: true,
        })
        .chain(profile.terms.iter().map(|t| Reason {
            display: t.display.clone(),
            weight: t.weight,
            is_key: false,
        }))
        .collect();
    Ok(super::related::tidy_reasons(reasons)
        .into_iter()
        .take(5)
        .map(|r| r.display)
        .collect())
}

/// The first sentence of `text` that mentions the strongest reason it can (folded substring or
/// a shared stem); the title when none does.
pub fn excerpt(text: &str, title: &str, reasons: &[String]) -> String {
    let sentences = sentences(text);
    let mut stem = stem_analyzer();
    let stemmed: Vec<HashSet<String>> = sentences
        .iter()
        .map(|s| analyze(&mut stem, s).into_iter().collect())
        .collect();
    for reason in reasons {
        let folded = fold(reason);
        let reason_stems = analyze(&mut stem, reason);
        for (sentence, stems) in sentences.iter().zip(&stemmed) {
            let mentions = fold(sentence).contains(&folded)
                || (!reason_stems.is_empty() && reason_stems.iter().all(|s| stems.contains(s)));
            if mentions {
                return shorten(sentence, &folded);
            }
        }
    }
    shorten(sentences.first().map(String::as_str).unwrap_or(title), "")
}

/// Sentences of a text, with line breaks inside a sentence joined.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let joined = squash_spaces(&paragraph.replace('\n', " "));
        let mut current = String::new();
        let mut chars = joined.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                let s = current.trim();
                if !s.is_empty() {
                    out.push(s.to_string());
                }
                current.clear();
            }
        }
        let s = current.trim();
        if !s.is_empty() {
            out.push(s.to_string());
        }
    }
    out
}

/// At most [`EXCERPT_CHARS`] characters, keeping the mention of `folded_key` in view.
fn shorten(sentence: &str, folded_key: &str) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return sentence.to_string();
    }
    let folded: Vec<char> = sentence.chars().map(crate::text::fold_char).collect();
    let key: Vec<char> = folded_key.chars().collect();
    let at = if key.is_empty() {
        0
    } else {
        folded
            .windows(key.len())
            .position(|w| w == key.as_slice())
            .unwrap_or(0)
    };
    let start = at.saturating_sub(EXCERPT_CHARS / 3);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_sentence_that_mentions_the_key() {
        let text =
            "Mötet inleddes.\nTre aktiviteter genomförs nu i\nRUCs regi. Övrigt nämndes inte.";
        assert_eq!(
            excerpt(text, "Titel", &["RUC".to_string()]),
            "Tre aktiviteter genomförs nu i RUCs regi."
        );
    }

    #[test]
    fn excerpt_matches_inflected_words() {
        let text = "Inget här. Kommunerna finansierar centret gemensamt.";
        assert_eq!(
            excerpt(text, "T", &["finansiera".to_string()]),
            "Kommunerna finansierar centret gemensamt."
        );
    }
}
