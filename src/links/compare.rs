//! `compare(a, b)`: two meetings' agendas aligned row by row, and `compare_items`: two items'
//! texts with what they share marked.
//!
//! Pairs are standing items of the same category (opening with opening, övriga frågor with övriga
//! frågor, robust to OCR damage) and items about the same matter: a cosine of the two items'
//! [`Profile`] weights (shared keys and telling words) of at least [`MIN_MATTER_SIMILARITY`]. The
//! rows are the heaviest set of pairs that keeps both agendas in order (a weighted longest common
//! subsequence; a standing pair outweighs any matter pair), with the unpaired items between them
//! as only-in-a rows, then only-in-b rows. Every item of both meetings appears exactly once.

use super::acronyms::AcronymDictionary;
use super::profile::{Profile, Stats};
use super::related::{enough, load_item, tidy_reasons, Reason};
use super::standing::{standing_category, Standing};
use super::ItemSource;
use crate::protocol::AgendaItem;
use crate::search::schema::{analyze, stem_analyzer};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Cosine similarity two items need to count as the same matter.
const MIN_MATTER_SIMILARITY: f32 = 0.12;
/// DP weight of a standing pair (above any cosine).
const STANDING_WEIGHT: f32 = 2.0;
/// Reasons shown per compare row.
const ROW_REASONS: usize = 5;

/// Two meetings' agenda items aligned row by row (the `compare` JSON contract).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub rows: Vec<CompareRow>,
}

/// One row: an item of meeting a paired with one of meeting b, or `None` on the side it is missing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CompareRow {
    pub a_item: Option<String>,
    pub b_item: Option<String>,
    pub score: f32,
    pub reasons: Vec<String>,
}

/// One side of an item comparison: the text and the byte ranges to highlight.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemSide {
    pub item_id: String,
    pub title: String,
    pub text: String,
    /// Byte ranges in `text` of words the two items share.
    pub highlights: Vec<(usize, usize)>,
}

/// Two items side by side with what they share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemComparison {
    pub a: ItemSide,
    pub b: ItemSide,
    /// Cosine similarity of the two items' weighted keys and words (0..1).
    pub score: f32,
    /// What they share, strongest first, as written.
    pub shared: Vec<String>,
}

/// A profile as a weighted feature vector: keys by term, words by stem.
struct Features {
    weights: HashMap<String, (f32, String, bool)>,
    norm: f32,
    standing: Option<Standing>,
}

impl Features {
    fn of(profile: &Profile, title: &str) -> Features {
        let mut weights: HashMap<String, (f32, String, bool)> = HashMap::new();
        for key in &profile.keys {
            weights.insert(
                key.key.term.clone(),
                (key.weight, key.key.display.clone(), true),
            );
        }
        for term in &profile.terms {
            weights.entry(format!("w:{}", term.stem)).or_insert((
                term.weight,
                term.display.clone(),
                false,
            ));
        }
        let norm = weights.values().map(|(w, _, _)| w * w).sum::<f32>().sqrt();
        Features {
            weights,
            norm,
            standing: standing_category(title),
        }
    }

    /// Cosine similarity and the shared features as reasons.
    fn similarity(&self, other: &Features) -> (f32, Vec<Reason>) {
        if self.norm == 0.0 || other.norm == 0.0 {
            return (0.0, vec![]);
        }
        let mut dot = 0.0;
        let mut reasons = Vec::new();
        for (feature, (w, display, is_key)) in &self.weights {
            if let Some((v, _, _)) = other.weights.get(feature) {
                dot += w * v;
                reasons.push(Reason {
                    display: display.clone(),
                    weight: w * v,
                    is_key: *is_key,
                });
            }
        }
        (dot / (self.norm * other.norm), tidy_reasons(reasons))
    }
}

fn profiles(
    source: &dyn ItemSource,
    items: &[AgendaItem],
    meeting_id: &str,
) -> Result<Vec<Features>> {
    let meeting = source
        .meeting(meeting_id)
        .ok_or_else(|| Error::new(format!("no meeting with id {meeting_id:?}")))?;
    with_profile_inputs(source, |stats, acronyms| {
        items
            .iter()
            .map(|item| {
                let mut item = item.clone();
                item.text = source.item_text(&item.id).unwrap_or_default();
                Features::of(
                    &Profile::build(&meeting, &item, stats, acronyms),
                    &item.title,
                )
            })
            .collect()
    })
}

/// Run `build` with what profiles are built from: the index's statistics and the archive's
/// acronyms; an error before the archive is indexed.
fn with_profile_inputs<T>(
    source: &dyn ItemSource,
    build: impl FnOnce(&Stats, &AcronymDictionary) -> T,
) -> Result<T> {
    let index = source.search_index().ok_or_else(|| {
        Error::new("the archive has not been indexed yet (run `protokoll index`)")
    })?;
    let searcher = index.searcher();
    let stats = Stats::new(&searcher, index.fields());
    Ok(build(&stats, source.links_cache().acronyms(Some(index))))
}

pub fn compare(source: &dyn ItemSource, a: &str, b: &str) -> Result<Comparison> {
    let meeting = |id: &str| {
        source.meeting(id).ok_or_else(|| {
            Error::new(format!(
                "no meeting with id {id:?} (see `protokoll meetings`)"
            ))
        })
    };
    let (ma, mb) = (meeting(a)?, meeting(b)?);
    let fa = profiles(source, &ma.items, a)?;
    let fb = profiles(source, &mb.items, b)?;
    // Pair weights and reasons.
    let mut pair: HashMap<(usize, usize), (f32, f32, Vec<String>)> = HashMap::new();
    for (i, x) in fa.iter().enumerate() {
        for (j, y) in fb.iter().enumerate() {
            match (x.standing, y.standing) {
                (Some(cx), Some(cy)) if cx == cy => {
                    pair.insert((i, j), (STANDING_WEIGHT, 1.0, vec![cx.label().to_string()]));
                }
                (None, None) => {
                    let (sim, reasons) = x.similarity(y);
                    if sim >= MIN_MATTER_SIMILARITY && enough(&reasons) {
                        let reasons = reasons
                            .into_iter()
                            .take(ROW_REASONS)
                            .map(|r| r.display)
                            .collect();
                        pair.insert((i, j), (sim, sim, reasons));
                    }
                }
                _ => {}
            }
        }
    }
    let chosen = heaviest_ordered_pairs(fa.len(), fb.len(), &pair);
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    let id_a = |k: usize| Some(ma.items[k].id.clone());
    let id_b = |k: usize| Some(mb.items[k].id.clone());
    for (pi, pj) in chosen
        .into_iter()
        .chain(std::iter::once((fa.len(), fb.len())))
    {
        while i < pi {
            rows.push(CompareRow {
                a_item: id_a(i),
                b_item: None,
                score: 0.0,
                reasons: vec![],
            });
            i += 1;
        }
        while j < pj {
            rows.push(CompareRow {
                a_item: None,
                b_item: id_b(j),
                score: 0.0,
                reasons: vec![],
            });
            j += 1;
        }
        if pi < fa.len() && pj < fb.len() {
            let (_, score, reasons) = pair[&(pi, pj)].clone();
            rows.push(CompareRow {
                a_item: id_a(pi),
                b_item: id_b(pj),
                score,
                reasons,
            });
            i += 1;
            j += 1;
        }
    }
    Ok(Comparison {
        a: a.to_string(),
        b: b.to_string(),
        rows,
    })
}

/// The set of pairs with the largest total weight in which both sides keep their order.
fn heaviest_ordered_pairs(
    n: usize,
    m: usize,
    pair: &HashMap<(usize, usize), (f32, f32, Vec<String>)>,
) -> Vec<(usize, usize)> {
    // best[i][j]: best total using a[i..] and b[j..].
    let mut best = vec![vec![0.0f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut value = best[i + 1][j].max(best[i][j + 1]);
            if let Some((w, _, _)) = pair.get(&(i, j)) {
                value = value.max(w + best[i + 1][j + 1]);
            }
            best[i][j] = value;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if let Some((w, _, _)) = pair.get(&(i, j)) {
            if (best[i][j] - (w + best[i + 1][j + 1])).abs() < 1e-6 {
                out.push((i, j));
                i += 1;
                j += 1;
                continue;
            }
        }
        if (best[i][j] - best[i + 1][j]).abs() < 1e-6 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Two items side by side: their texts, what they share, and where it is in each text.
pub fn compare_items(
    source: &dyn ItemSource,
    a_item: &str,
    b_item: &str,
) -> Result<ItemComparison> {
    let (ma, ia) = load_item(source, a_item)?;
    let (mb, ib) = load_item(source, b_item)?;
    let (pa, pb) = with_profile_inputs(source, |stats, acronyms| {
        (
            Profile::build(&ma, &ia, stats, acronyms),
            Profile::build(&mb, &ib, stats, acronyms),
        )
    })?;
    let (fa, fb) = (Features::of(&pa, &ia.title), Features::of(&pb, &ib.title));
    let (score, reasons) = fa.similarity(&fb);
    // Stems to mark: shared words, the words of shared keys, and long forms of shared acronyms.
    let mut stem = stem_analyzer();
    let mut marks: HashSet<String> = HashSet::new();
    for feature in fa.weights.keys().filter(|f| fb.weights.contains_key(*f)) {
        if let Some(word) = feature.strip_prefix("w:") {
            marks.insert(word.to_string());
        } else {
            let display = &fa.weights[feature].1;
            marks.extend(analyze(&mut stem, display));
            if let Some(long) = pa
                .keys
                .iter()
                .find(|k| &k.key.term == feature)
                .and_then(|k| k.long_form.as_ref())
            {
                marks.extend(analyze(&mut stem, &long.join(" ")));
            }
        }
    }
    let side = |item: &AgendaItem| ItemSide {
        item_id: item.id.clone(),
        title: item.title.clone(),
        text: item.text.clone(),
        highlights: highlight(&item.text, &marks),
    };
    Ok(ItemComparison {
        a: side(&ia),
        b: side(&ib),
        score,
        shared: reasons.into_iter().map(|r| r.display).collect(),
    })
}

/// Byte ranges of the words of `text` whose stem is in `stems`.
fn highlight(text: &str, stems: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut analyzer = stem_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        if stems.contains(&token.text) {
            out.push((token.offset_from, token.offset_to));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heaviest_pairs_keep_both_orders() {
        let mut pairs = HashMap::new();
        pairs.insert((0, 0), (2.0, 1.0, vec![]));
        pairs.insert((1, 3), (0.5, 0.5, vec![]));
        pairs.insert((2, 1), (0.3, 0.3, vec![]));
        pairs.insert((3, 4), (2.0, 1.0, vec![]));
        // (1,3) and (2,1) cross: the heavier one is kept.
        assert_eq!(
            heaviest_ordered_pairs(4, 5, &pairs),
            [(0, 0), (1, 3), (3, 4)]
        );
    }
}
