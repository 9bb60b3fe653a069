//! `related(item)`: one BooleanQuery of Should clauses built from the item's [`Profile`], run on
//! the index without the item's own meeting, and every hit explained by what the two items share.

use super::keys::KeyKind;
use super::profile::{body_text, stems_with_display, Profile, Stats};
use super::standing::standing_category;
use super::{ItemSource, RelatedItem};
use crate::protocol::{AgendaItem, Meeting};
use crate::search::schema::{analyze, fold_analyzer, stem_analyzer, Fields};
use crate::text::fold;
use crate::{Error, Result};
use std::collections::HashSet;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{Searcher, Term};

/// Reasons shown per related item.
const MAX_REASONS: usize = 8;
/// A standing item found as a hit ranks far below matters sharing the same things.
const STANDING_HIT_FACTOR: f32 = 0.3;
/// A hit whose title shares a rare title word with the item's.
const TITLE_MATCH_FACTOR: f32 = 1.5;

/// One thing two items share, with its weight.
#[derive(Debug, Clone)]
pub struct Reason {
    pub display: String,
    pub weight: f32,
    pub is_key: bool,
}

/// A related item before the library's meeting facts are added.
#[derive(Debug, Clone)]
pub struct Scored {
    pub item_id: String,
    pub score: f32,
    /// Score relative to the item's own score against its query (0..1, for thread thresholds).
    pub strength: f32,
    pub reasons: Vec<Reason>,
    pub text: String,
    /// Joined by a case number or a cited decision: the keys a clerk trusts.
    pub strong: bool,
}

/// An item with its text, and its meeting.
pub fn load_item(library: &dyn ItemSource, item_id: &str) -> Result<(Arc<Meeting>, AgendaItem)> {
    let at = library
        .item_ref(item_id)
        .ok_or_else(|| Error::new(format!("no agenda item with id {item_id:?}")))?;
    let mut item = at.item().clone();
    item.text = library.item_text(item_id).unwrap_or_default();
    Ok((at.meeting, item))
}

pub fn related(library: &dyn ItemSource, item_id: &str, limit: usize) -> Result<Vec<RelatedItem>> {
    let scored = related_scored(library, item_id, limit, false)?;
    Ok(scored
        .into_iter()
        .filter_map(|s| {
            let at = library.item_ref(&s.item_id)?;
            let (meeting, item) = at.parts();
            Some(RelatedItem {
                item_id: s.item_id.clone(),
                meeting_id: meeting.id.clone(),
                file: meeting.file.clone(),
                council: meeting.council.clone(),
                date: meeting.date.map(|d| d.to_string()),
                number: item.number.clone(),
                title: item.title.clone(),
                score: s.score,
                reasons: s.reasons.into_iter().map(|r| r.display).collect(),
            })
        })
        .collect())
}

/// Related items with scores, strengths (when `with_strength`) and weighted reasons.
pub fn related_scored(
    library: &dyn ItemSource,
    item_id: &str,
    limit: usize,
    with_strength: bool,
) -> Result<Vec<Scored>> {
    let Some(index) = library.search_index() else {
        return Ok(vec![]);
    };
    let (meeting, item) = load_item(library, item_id)?;
    let searcher = index.searcher();
    let fields = index.fields();
    let stats = Stats::new(&searcher, fields);
    let acronyms = library.links_cache().acronyms(library.search_index());
    let profile = Profile::build(&meeting, &item, &stats, acronyms);
    let cited = cited_items(library, &profile);
    let clauses = profile_clauses(&profile, fields, &cited);
    if clauses.is_empty() {
        return Ok(vec![]);
    }
    let mut query_clauses: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|(q, _)| (Occur::Should, q.box_clone()))
        .collect();
    query_clauses.push((
        Occur::MustNot,
        Box::new(TermQuery::new(
            Term::from_field_text(fields.meeting_id, &meeting.id),
            IndexRecordOption::Basic,
        )),
    ));
    let query = BooleanQuery::new(query_clauses);
    let fetch = (limit * 3).max(30);
    let top = searcher.search(&query, &TopDocs::with_limit(fetch).order_by_score())?;
    let self_score = if with_strength {
        own_score(&searcher, fields, item_id, &clauses)?.max(f32::EPSILON)
    } else {
        1.0
    };
    let own_numbers: HashSet<String> = profile
        .keys
        .iter()
        .filter(|k| matches!(k.key.kind, KeyKind::CaseNumber | KeyKind::Reference))
        .map(|k| k.key.display.clone())
        .collect();
    let mut out: Vec<Scored> = Vec::new();
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let hit = StoredHit::from_doc(&doc, fields);
        let Some(hit_at) = library.item_ref(&hit.item_id) else {
            continue;
        };
        let mut reasons = shared_reasons(&profile, &cited, &hit, &hit_at.item().presenters);
        if other_organisation(&meeting, &hit_at.meeting) {
            // Case numbers and § citations are one organisation's: Lomma's "KS 2020/123" is not
            // Alingsås' "KS 2020/123".
            reasons.retain(|r| !own_numbers.contains(&r.display));
        }
        if !enough(&reasons) {
            continue;
        }
        let mut score = score;
        if standing_category(&hit.title).is_some() {
            score *= STANDING_HIT_FACTOR;
        }
        // Titles naming the same rare thing ("Tema kompetensförsörjningen") mark the same matter.
        let hit_title: HashSet<String> = analyze(&mut stem_analyzer(), &hit.title)
            .into_iter()
            .collect();
        if profile
            .terms
            .iter()
            .any(|t| t.in_title_window && hit_title.contains(&t.stem))
        {
            score *= TITLE_MATCH_FACTOR;
        }
        let strong = reasons
            .iter()
            .any(|r| own_numbers.contains(&r.display) || r.display.starts_with("cites "));
        out.push(Scored {
            strong,
            item_id: hit.item_id,
            score,
            strength: score / self_score,
            reasons,
            text: hit.text,
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(limit);
    for scored in &mut out {
        for reason in &mut scored.reasons {
            reason.display = clean_spelling(&reason.display, &scored.text);
        }
    }
    Ok(out)
}

/// True when both meetings name their organisation and the names differ.
fn other_organisation(a: &Meeting, b: &Meeting) -> bool {
    match (&a.organisation, &b.organisation) {
        (Some(x), Some(y)) => fold(x) != fold(y),
        _ => false,
    }
}

/// Items this one cites ("KS 2019-05-14 § 87"), resolved in the catalog: (item id, as written).
pub fn cited_items(library: &dyn ItemSource, profile: &Profile) -> Vec<(String, String)> {
    if profile.citations.is_empty() {
        return vec![];
    }
    library
        .resolve(&profile.citations)
        .into_iter()
        .filter_map(|r| Some((r.item_id?, r.cited)))
        .collect()
}

/// The Should clauses of an item's query, each with the reason it stands for.
fn profile_clauses(
    profile: &Profile,
    fields: &Fields,
    cited: &[(String, String)],
) -> Vec<(Box<dyn Query>, String)> {
    let key_term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let body_term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ))
    };
    let mut clauses: Vec<(Box<dyn Query>, String)> = Vec::new();
    for key in &profile.keys {
        let exact = key_term(fields.keys, &key.key.term);
        let query: Box<dyn Query> = match &key.long_form {
            Some(long) => {
                let stems = analyze(&mut stem_analyzer(), &long.join(" "));
                let spelled: Box<dyn Query> = if stems.len() == 1 {
                    body_term(fields.body, &stems[0])
                } else {
                    Box::new(PhraseQuery::new(
                        stems
                            .iter()
                            .map(|s| Term::from_field_text(fields.body, s))
                            .collect(),
                    ))
                };
                Box::new(DisjunctionMaxQuery::new(vec![exact, spelled]))
            }
            None => exact,
        };
        clauses.push((
            Box::new(BoostQuery::new(query, key.key.kind.weight())),
            key.key.display.clone(),
        ));
    }
    for cited_as in &profile.cited_as {
        clauses.push((
            Box::new(BoostQuery::new(
                key_term(fields.keys, cited_as),
                KeyKind::Reference.weight(),
            )),
            profile.cited_display.clone(),
        ));
    }
    for (id, display) in cited {
        clauses.push((
            Box::new(BoostQuery::new(
                key_term(fields.item_id, id),
                KeyKind::Reference.weight(),
            )),
            display.clone(),
        ));
    }
    for term in &profile.terms {
        // Words of the item's title count double wherever the other item has them.
        if term.in_body_window {
            let boost = match (term.in_title, term.compound_part) {
                (true, _) => 2.0,
                (false, true) => 0.5,
                (false, false) => 1.0,
            };
            clauses.push((
                Box::new(BoostQuery::new(body_term(fields.body, &term.stem), boost)),
                term.display.clone(),
            ));
        }
        if term.in_title_window {
            clauses.push((
                Box::new(BoostQuery::new(body_term(fields.title, &term.stem), 4.0)),
                term.display.clone(),
            ));
        }
    }
    clauses
}

/// The item's own score against its clauses: the most any other item could share.
fn own_score(
    searcher: &Searcher,
    fields: &Fields,
    item_id: &str,
    clauses: &[(Box<dyn Query>, String)],
) -> Result<f32> {
    let mut own: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|(q, _)| (Occur::Should, q.box_clone()))
        .collect();
    own.push((
        Occur::Must,
        Box::new(BoostQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(fields.item_id, item_id),
                IndexRecordOption::Basic,
            )),
            0.0,
        )),
    ));
    let top = searcher.search(
        &BooleanQuery::new(own),
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    Ok(top.first().map(|(s, _)| *s).unwrap_or(0.0))
}

/// Whether `reasons` are enough for a link: a shared key, or at least two shared words.
pub fn enough(reasons: &[Reason]) -> bool {
    reasons.iter().any(|r| r.is_key) || reasons.len() >= 2
}

/// What the item behind `profile` shares with item `other_id` (looked up in the library).
pub fn reasons_with(
    library: &dyn ItemSource,
    profile: &Profile,
    cited: &[(String, String)],
    other_id: &str,
) -> Vec<Reason> {
    let Some(other) = library.item_ref(other_id) else {
        return vec![];
    };
    let other = other.item();
    let (text, keys) = library
        .search_index()
        .and_then(|index| index.stored_item(other_id))
        .unwrap_or_default();
    let hit = StoredHit {
        item_id: other_id.to_string(),
        title: other.title.clone(),
        text,
        keys: keys.into_iter().collect(),
    };
    shared_reasons(profile, cited, &hit, &other.presenters)
}

/// The stored parts of a hit needed to explain it.
pub struct StoredHit {
    pub item_id: String,
    pub title: String,
    pub text: String,
    pub keys: HashSet<String>,
}

impl StoredHit {
    fn from_doc(doc: &TantivyDocument, fields: &Fields) -> StoredHit {
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        StoredHit {
            item_id: get(fields.item_id),
            title: get(fields.title),
            text: get(fields.text),
            keys: doc
                .get_all(fields.keys)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        }
    }
}

/// What `profile`'s item shares with a hit, strongest first, each shown once.
pub fn shared_reasons(
    profile: &Profile,
    cited: &[(String, String)],
    hit: &StoredHit,
    hit_presenters: &[String],
) -> Vec<Reason> {
    let hit_item = AgendaItem {
        title: hit.title.clone(),
        presenters: hit_presenters.to_vec(),
        text: hit.text.clone(),
        ..Default::default()
    };
    let body = body_text(&hit_item);
    let stems: HashSet<String> = stems_with_display(&body)
        .into_iter()
        .map(|(s, _, _)| s)
        .collect();
    let title_stems: HashSet<String> = analyze(&mut stem_analyzer(), &hit.title)
        .into_iter()
        .collect();
    let mut folded_tokens: Option<Vec<String>> = None;
    let mut reasons: Vec<Reason> = Vec::new();
    for key in &profile.keys {
        let mut shared = hit.keys.contains(&key.key.term);
        if !shared {
            if let Some(long) = &key.long_form {
                let tokens =
                    folded_tokens.get_or_insert_with(|| analyze(&mut fold_analyzer(), &body));
                shared = tokens.windows(long.len()).any(|w| w == long.as_slice());
            }
        }
        if shared {
            reasons.push(Reason {
                display: key.key.display.clone(),
                weight: key.weight,
                is_key: true,
            });
        }
    }
    if profile.cited_as.iter().any(|k| hit.keys.contains(k)) {
        reasons.push(Reason {
            display: format!("cites {}", profile.cited_display),
            weight: KeyKind::Reference.weight() * 10.0,
            is_key: true,
        });
    }
    for (id, display) in cited {
        if *id == hit.item_id {
            reasons.push(Reason {
                display: display.clone(),
                weight: KeyKind::Reference.weight() * 10.0,
                is_key: true,
            });
        }
    }
    for term in &profile.terms {
        let both_titles = term.in_title_window && title_stems.contains(&term.stem);
        if (term.in_body_window && stems.contains(&term.stem)) || both_titles {
            reasons.push(Reason {
                display: term.display.clone(),
                weight: if both_titles {
                    term.weight * 2.0
                } else {
                    term.weight
                },
                // A rare word both titles carry names the matter ("Tema kompetensförsörjningen").
                is_key: both_titles,
            });
        }
    }
    tidy_reasons(reasons)
}

/// The spelling of `display` in `other` when that one keeps more of its letters (å ä ö é): OCR
/// loses them ("Orebro universitet"), so a reason is shown as the cleaner of the two texts writes
/// it ("Örebro universitet").
pub fn clean_spelling(display: &str, other: &str) -> String {
    let own: Vec<char> = display.chars().map(crate::text::fold_char).collect();
    let lost = |s: &[char]| s.iter().filter(|c| !c.is_ascii()).count();
    let wanted = lost(&display.chars().collect::<Vec<_>>());
    if own.is_empty() || wanted > 0 || other.len() > 200_000 {
        return display.to_string();
    }
    let chars: Vec<char> = other.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| crate::text::fold_char(c)).collect();
    let found = folded
        .windows(own.len())
        .position(|w| w == own.as_slice())
        .map(|at| &chars[at..at + own.len()]);
    match found {
        Some(written) if lost(written) > wanted => written.iter().collect(),
        _ => display.to_string(),
    }
}

/// Strongest first; each shown once; a name or word already inside a stronger reason is dropped
/// ("Region Örebro" under "Region Örebro län", "universitet" under "Örebro universitet").
pub fn tidy_reasons(mut reasons: Vec<Reason>) -> Vec<Reason> {
    reasons.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut kept: Vec<Reason> = Vec::new();
    let mut kept_folded: Vec<String> = Vec::new();
    for reason in reasons {
        let folded = fold(&reason.display);
        let inside = kept_folded.iter().any(|k| {
            k == &folded
                || (k.contains(&folded) && (k.len() > folded.len()))
                || (folded.contains(k.as_str()) && !reason.is_key)
        });
        if inside {
            continue;
        }
        kept_folded.push(folded);
        kept.push(reason);
        if kept.len() == MAX_REASONS {
            break;
        }
    }
    kept
}
