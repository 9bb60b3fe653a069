//! Fuzzy matching over item titles, meeting names (council + date) and meeting ids.
//!
//! Both sides are folded with [`fold_char`] (lowercase, diacritics removed), char by char, so a
//! match index in the folded haystack is the index of the same char in the display text, and
//! `orebro` finds `Örebro` (the matcher's own case folding is ASCII-only). Haystacks are folded once
//! when the index is built; a query narrows the previous query's candidates when it extends it,
//! cheap subsequence checks reject most titles before the matcher scores the rest, and only the
//! shown hits get their match positions. Runs on a worker thread, never on the UI thread.

use crate::protocol::Meeting;
use crate::text::fold_char;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;

/// What a fuzzy hit points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FuzzyTarget {
    Meeting(String),
    Item(String),
}

/// A span of one of the index's string heaps: start and length in bytes.
type Span = (u32, u32);

/// Narrowed candidate sets up to this size are rescored as they are; larger ones (a first
/// letter's) try a substring search first.
const NARROW_BEFORE_SUBSTRING: usize = 20_000;

/// One searchable line. Its strings live in the index's heaps: 700,000 titles as separate
/// `String`s would cost as much again in headers and allocations.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// A meeting (`item` is `None`) or an item: the target id is `prefix` followed by `item`
    /// (an item id is its meeting's id and "#n", so the meeting's id is kept once), in `strings`.
    prefix: Span,
    item: Option<Span>,
    /// The text shown (and matched, after folding), in `strings`.
    text: Span,
    /// Where `text` folded char by char (same number of chars) is in the folded heap.
    folded: Span,
    /// Where it belongs ("2020-11-04 · Council"), shown beside an item title: an index into
    /// the contexts (one per meeting, shared by its items).
    context: u32,
}

/// A match: the entry's text with the char positions that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyHit {
    pub target: FuzzyTarget,
    pub text: String,
    pub context: String,
    pub score: i64,
    /// Char indices into `text`.
    pub indices: Vec<usize>,
}

/// The folded haystacks of one library state, built once per (re)load.
pub struct FuzzyIndex {
    entries: Vec<Entry>,
    /// Every entry's folded text, each followed by a line break, in entry order: a keystroke scans one block of
    /// memory instead of hundreds of thousands of small strings (at 50,000 protocols, 700,000
    /// titles).
    folded: String,
    /// Target ids and display texts.
    strings: String,
    contexts: Vec<String>,
    /// The last query, the entries it matched among those it looked at, and where it stopped
    /// looking: the next keystroke's search narrows to these.
    last: Mutex<Option<(String, Vec<u32>, u32)>>,
}

/// A line ready to be added: its target, display text, folded text and context.
struct Prepared {
    target: FuzzyTarget,
    text: String,
    folded: String,
    context: String,
}

/// Builds a [`FuzzyIndex`] a batch of lines at a time, so the lines of a whole archive are
/// never all held at once.
#[derive(Default)]
pub struct FuzzyBuilder {
    entries: Vec<Entry>,
    folded: String,
    strings: String,
    contexts: Vec<String>,
    context_of: HashMap<String, u32>,
    prefix_of: HashMap<String, Span>,
}

impl FuzzyBuilder {
    /// Add lines (target, text, context); they are cleaned and folded in parallel.
    pub fn add_lines(&mut self, lines: Vec<(FuzzyTarget, String, String)>) {
        let prepared: Vec<Prepared> = lines
            .into_par_iter()
            .map(|(target, text, context)| {
                let text = crate::text::sanitize(&text).replace(['\n', '\t'], " ");
                let folded = fold_chars(&text);
                Prepared {
                    target,
                    text,
                    folded,
                    context,
                }
            })
            .collect();
        for line in prepared {
            self.push(line);
        }
    }

    /// Add every meeting (name and id) and every item title of `meetings`.
    pub fn add_meetings<'a>(&mut self, meetings: impl IntoIterator<Item = &'a Meeting>) {
        self.add_lines(meetings.into_iter().flat_map(meeting_lines).collect());
    }

    fn push(&mut self, line: Prepared) {
        let (id, item) = match &line.target {
            FuzzyTarget::Meeting(id) => (id.as_str(), None),
            FuzzyTarget::Item(id) => match id.rfind('#') {
                Some(at) => (&id[..at], Some(&id[at..])),
                None => (id.as_str(), Some("")),
            },
        };
        let strings = &mut self.strings;
        let mut keep = |text: &str| -> Span {
            let at = (strings.len() as u32, text.len() as u32);
            strings.push_str(text);
            at
        };
        let prefix = match self.prefix_of.get(id) {
            Some(&span) => span,
            None => {
                let span = keep(id);
                self.prefix_of.insert(id.to_string(), span);
                span
            }
        };
        let item = item.map(&mut keep);
        let text = keep(&line.text);
        // The lines of one meeting share their context.
        let context = match self.context_of.get(&line.context) {
            Some(&n) => n,
            None => {
                self.contexts.push(line.context.clone());
                let n = self.contexts.len() as u32 - 1;
                self.context_of.insert(line.context, n);
                n
            }
        };
        let folded = (self.folded.len() as u32, line.folded.len() as u32);
        self.folded.push_str(&line.folded);
        self.entries.push(Entry {
            prefix,
            item,
            text,
            folded,
            context,
        });
    }

    /// The index: entries shortest first (the order every scan goes in, see `rough_best`),
    /// their folded texts laid out in that order.
    pub fn finish(self) -> FuzzyIndex {
        let mut entries = self.entries;
        entries.sort_by_key(|e| e.folded.1);
        let mut folded = String::with_capacity(self.folded.len() + entries.len());
        for entry in &mut entries {
            let (start, len) = entry.folded;
            let at = folded.len() as u32;
            folded.push_str(&self.folded[start as usize..(start + len) as usize]);
            // A break between titles, so a substring search never finds a word across two.
            folded.push('\n');
            entry.folded = (at, len);
        }
        let mut strings = self.strings;
        strings.shrink_to_fit();
        entries.shrink_to_fit();
        FuzzyIndex {
            entries,
            folded,
            strings,
            contexts: self.contexts,
            last: Mutex::new(None),
        }
    }
}

/// The lines of one meeting: its name (council and date) and id, and each item's title.
fn meeting_lines(meeting: &Meeting) -> Vec<(FuzzyTarget, String, String)> {
    let council = meeting.council.as_deref().unwrap_or("(council unknown)");
    let date = meeting
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let mut lines = Vec::with_capacity(meeting.items.len() + 1);
    lines.push((
        FuzzyTarget::Meeting(meeting.id.clone()),
        format!("{council} {date} · {}", meeting.id),
        meeting.kind.as_str().to_string(),
    ));
    let context = format!("{date} · {council}");
    for item in &meeting.items {
        let title = match &item.number {
            Some(number) => format!("{number} {}", item.title),
            None => item.title.clone(),
        };
        lines.push((FuzzyTarget::Item(item.id.clone()), title, context.clone()));
    }
    lines
}

/// Fold a string char by char (one output char per input char).
pub fn fold_chars(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Bytes from the first to the last char of `needle` found in order in `haystack` (leftmost,
/// greedy), or `None` when `needle` is not a subsequence.
fn subsequence_span(needle: &str, haystack: &str) -> Option<usize> {
    if needle.is_ascii() {
        // ASCII bytes never occur inside a multi-byte UTF-8 char, so bytes compare safely.
        let wanted = needle.as_bytes();
        let (mut at, mut first) = (0, None);
        for (pos, byte) in haystack.bytes().enumerate() {
            if byte == wanted[at] {
                first.get_or_insert(pos);
                at += 1;
                if at == wanted.len() {
                    return Some(pos + 1 - first.unwrap_or(pos));
                }
            }
        }
        return if wanted.is_empty() { Some(0) } else { None };
    }
    let wanted: Vec<char> = needle.chars().collect();
    let (mut at, mut first) = (0, None);
    for (pos, c) in haystack.char_indices() {
        if c == wanted[at] {
            first.get_or_insert(pos);
            at += 1;
            if at == wanted.len() {
                return Some(pos + c.len_utf8() - first.unwrap_or(pos));
            }
        }
    }
    None
}

/// What a word found whole adds to the rough score, more at a word start.
fn whole_word_score(word_len: usize, at_word_start: bool) -> i64 {
    1000 + 10 * word_len as i64 + if at_word_start { 500 } else { 0 }
}

/// The most a word found scattered adds (its chars in order, none apart).
fn scattered_word_best(word_len: usize) -> i64 {
    10 * word_len as i64
}

/// What a haystack's length takes off the rough score: shorter titles win ties.
fn length_cost(len: usize) -> i64 {
    len as i64 / 8
}

/// A rough score: a word found whole beats a word found scattered, more so at a word start;
/// compact scattered matches beat spread-out ones; shorter haystacks win ties. `None` when a
/// word is not even a subsequence. Used to pick the few candidates the matcher scores properly.
fn quick_score(words: &[String], haystack: &str) -> Option<i64> {
    let bytes = haystack.as_bytes();
    let mut total = 0i64;
    for word in words {
        let starts_word = |pos: usize| pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric();
        if let Some(pos) = haystack.find(word.as_str()) {
            // Any occurrence at a word start counts as one ("u" in "justering av uppföljning").
            let at_word_start = starts_word(pos)
                || haystack
                    .match_indices(word.as_str())
                    .any(|(p, _)| starts_word(p));
            total += whole_word_score(word.len(), at_word_start);
        } else {
            let span = subsequence_span(word, haystack)?;
            total += scattered_word_best(word.len()) - (span - word.len()) as i64;
        }
    }
    Some(total - length_cost(haystack.len()))
}

impl FuzzyIndex {
    pub fn empty() -> FuzzyIndex {
        FuzzyBuilder::default().finish()
    }

    /// Index every meeting (name and id) and every item title of `meetings`.
    pub fn from_meetings(meetings: &[Meeting]) -> FuzzyIndex {
        let mut builder = FuzzyBuilder::default();
        for chunk in meetings.chunks(1024) {
            builder.add_meetings(chunk);
        }
        builder.finish()
    }

    /// Index the meetings that stand alone in a library and their item titles, read a chunk
    /// at a time (the meetings are not all held at once).
    pub fn from_library(library: &crate::library::Library) -> FuzzyIndex {
        let mut builder = FuzzyBuilder::default();
        library.each_chunk(true, |chunk| builder.add_meetings(chunk));
        builder.finish()
    }

    /// Index arbitrary lines: (target, text, context).
    pub fn from_lines(lines: Vec<(FuzzyTarget, String, String)>) -> FuzzyIndex {
        let mut builder = FuzzyBuilder::default();
        builder.add_lines(lines);
        builder.finish()
    }

    /// The `keep` best rough scores among `ids` (ascending: shortest text first), every id that
    /// matched among those looked at, and the entry the look stopped before. The rough score
    /// falls with the text's length, so once `keep` matches score above anything a longer text
    /// could, the rest is not looked at: a keystroke that matches most titles ("o", "ko") stops
    /// among the short ones.
    fn rough_best(
        &self,
        words: &[String],
        ids: &[u32],
        keep: usize,
    ) -> (Vec<(i64, u32)>, Vec<u32>, u32) {
        // The best a text of `len` bytes can score: every word whole at a word start.
        let ceiling: i64 = words.iter().map(|w| whole_word_score(w.len(), true)).sum();
        let best_possible = |len: u32| ceiling - length_cost(len as usize);
        let rank = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        const BLOCK: usize = 16 * 1024;
        let mut best: Vec<(i64, u32)> = Vec::new();
        let mut matched: Vec<u32> = Vec::new();
        for (n, block) in ids.chunks(BLOCK).enumerate() {
            let found: Vec<(i64, u32)> = block
                .par_iter()
                .filter_map(|&i| quick_score(words, self.folded(i)).map(|score| (score, i)))
                .collect();
            matched.extend(found.iter().map(|(_, i)| *i));
            best.extend(found);
            if best.len() > keep {
                best.select_nth_unstable_by(keep - 1, rank);
                best.truncate(keep);
            }
            let next = ids.get((n + 1) * BLOCK);
            if let Some(&next) = next {
                let worst_kept = best.iter().map(|(score, _)| *score).min();
                if best.len() == keep
                    && worst_kept > Some(best_possible(self.entries[next as usize].folded.1))
                {
                    return (best, matched, next);
                }
            }
        }
        (best, matched, self.entries.len() as u32)
    }

    /// The shortlist of a one-word query found by substring search over the folded heap (SIMD,
    /// gigabytes a second) instead of a rough score of every entry: the first keystroke of a
    /// search, and a rare letter ("x") that no early stop helps. Gives exactly what
    /// [`FuzzyIndex::rough_best`] over every entry would, or `None` when it cannot be sure (the
    /// word is not ASCII, or too few entries hold it whole: scattered matches may count).
    /// A one-letter word's matches are all whole, so its narrowing state comes too.
    #[allow(clippy::type_complexity)]
    fn substring_best(
        &self,
        words: &[String],
        keep: usize,
    ) -> Option<(Vec<(i64, u32)>, Option<(Vec<u32>, u32)>)> {
        let [word] = words else { return None };
        if !word.is_ascii() || word.is_empty() || keep == 0 {
            return None;
        }
        let single = word.len() == 1;
        // Scores as in `quick_score`, from the occurrences found.
        let ceiling = whole_word_score(word.len(), true);
        let scattered_best = scattered_word_best(word.len());
        let rank = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let trim = |best: &mut Vec<(i64, u32)>| {
            if best.len() > keep {
                best.select_nth_unstable_by(keep - 1, rank);
                best.truncate(keep);
            }
        };
        let worst = |best: &[(i64, u32)]| best.iter().map(|(score, _)| *score).min();
        let (mut best, mut matched): (Vec<(i64, u32)>, Vec<u32>) = (Vec::new(), Vec::new());
        let heap = self.folded.as_bytes();
        let span_of = |e: usize| {
            let (start, len) = self.entries[e].folded;
            (start as usize, (start + len) as usize)
        };
        // The title being read: its entry and whether the word was seen at a word start in it.
        let mut current: Option<(usize, bool)> = None;
        let mut entry = 0usize;
        let mut stopped = self.entries.len() as u32;
        let mut finish = |e: usize, at_word_start: bool, best: &mut Vec<(i64, u32)>| {
            let len = self.entries[e].folded.1 as usize;
            best.push((
                whole_word_score(word.len(), at_word_start) - length_cost(len),
                e as u32,
            ));
            matched.push(e as u32);
        };
        for pos in memchr::memmem::find_iter(heap, word.as_bytes()) {
            while entry < self.entries.len() && span_of(entry).1 <= pos {
                entry += 1;
            }
            if entry == self.entries.len() {
                break;
            }
            let (start, end) = span_of(entry);
            // Titles are apart by a line break, which no query word holds.
            debug_assert!(pos + word.len() <= end, "a match across two titles");
            let starts_word = pos == start || !heap[pos - 1].is_ascii_alphanumeric();
            match &mut current {
                Some((e, at_word_start)) if *e == entry => *at_word_start |= starts_word,
                _ => {
                    if let Some((e, at_word_start)) = current.take() {
                        finish(e, at_word_start, &mut best);
                        if best.len() >= 2 * keep {
                            trim(&mut best);
                            // Titles from here on are no shorter: none beats the worst kept.
                            let len = self.entries[entry].folded.1 as usize;
                            if worst(&best) > Some(ceiling - length_cost(len)) {
                                stopped = entry as u32;
                                break;
                            }
                        }
                    }
                    current = Some((entry, starts_word));
                }
            }
        }
        if stopped == self.entries.len() as u32 {
            if let Some((e, at_word_start)) = current {
                finish(e, at_word_start, &mut best);
            }
        }
        trim(&mut best);
        if single {
            return Some((best, Some((matched, stopped))));
        }
        (best.len() == keep && worst(&best) > Some(scattered_best)).then_some((best, None))
    }

    /// Entry `i`'s folded text.
    fn folded(&self, i: u32) -> &str {
        let (start, len) = self.entries[i as usize].folded;
        &self.folded[start as usize..(start + len) as usize]
    }

    fn string(&self, (start, len): Span) -> &str {
        &self.strings[start as usize..(start + len) as usize]
    }

    /// What entry `i` points at.
    fn target(&self, i: u32) -> FuzzyTarget {
        let entry = &self.entries[i as usize];
        let prefix = self.string(entry.prefix);
        match entry.item {
            None => FuzzyTarget::Meeting(prefix.to_string()),
            Some(item) => FuzzyTarget::Item(format!("{prefix}{}", self.string(item))),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches for `query`, best first: only titles holding every word whole
    /// when there are any, and none scoring under half the best. Spaces separate words that must all match (in any order of the words, each word's
    /// chars in order).
    pub fn search(&self, query: &str, limit: usize) -> Vec<FuzzyHit> {
        self.search_with(query, limit, true)
    }

    /// [`FuzzyIndex::search`], with the substring search allowed or not (tests compare both).
    fn search_with(&self, query: &str, limit: usize, substring: bool) -> Vec<FuzzyHit> {
        let folded_query = fold_chars(query.trim());
        let words: Vec<Vec<char>> = folded_query
            .split_whitespace()
            .map(|w| w.chars().collect())
            .collect();
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Narrow to the previous query's matches when this query only adds characters to it:
        // those among the entries it looked at, and every entry after where it stopped.
        let total = self.entries.len() as u32;
        let previous = self.last.lock().ok().and_then(|last| {
            last.as_ref().and_then(|(q, ids, stopped)| {
                (!q.is_empty() && folded_query.starts_with(q.as_str()) && !q.ends_with(' ')).then(
                    || {
                        ids.iter()
                            .copied()
                            .chain(*stopped..total)
                            .collect::<Vec<u32>>()
                    },
                )
            })
        });
        let pattern_words: Vec<String> = words.iter().map(|w| w.iter().collect()).collect();
        // One cheap pass over the candidates, shortest first: subsequence check and a rough
        // score. Only the best rough scores get the matcher's full (slower) scoring.
        let shortlist = (limit * 8).max(160);
        // A small narrowed set is quickest to rescore; else a substring search may settle it.
        let quick = match &previous {
            _ if !substring => None,
            Some(ids) if ids.len() <= NARROW_BEFORE_SUBSTRING => None,
            _ => self.substring_best(&pattern_words, shortlist),
        };
        let (roughly, state) = match quick {
            Some((roughly, state)) => (roughly, state),
            None => {
                let everything: Vec<u32>;
                let source: &[u32] = match &previous {
                    Some(ids) => ids,
                    None => {
                        everything = (0..total).collect();
                        &everything
                    }
                };
                let (roughly, matched, stopped) =
                    self.rough_best(&pattern_words, source, shortlist);
                (roughly, Some((matched, stopped)))
            }
        };
        let mut scored: Vec<(i64, u32)> = roughly
            .par_iter()
            .map_init(
                || SkimMatcherV2::default().respect_case(),
                |matcher, &(_, i)| {
                    let haystack = self.folded(i);
                    let mut total = 0i64;
                    for word in &pattern_words {
                        match matcher.fuzzy_match(haystack, word) {
                            Some(score) => total += score,
                            None => return None,
                        }
                    }
                    Some((total, i))
                },
            )
            .flatten()
            .collect();
        // Without a state of its own (a substring search does not see scattered matches), the
        // last one stays: narrowing from any earlier prefix of the query is still right.
        if let (Ok(mut last), Some((matched, stopped))) = (self.last.lock(), state) {
            *last = Some((folded_query.clone(), matched, stopped));
        }
        let by_rank = |a: &(i64, u32), b: &(i64, u32)| {
            b.0.cmp(&a.0)
                .then_with(|| {
                    let la = self.entries[a.1 as usize].folded.1;
                    let lb = self.entries[b.1 as usize].folded.1;
                    la.cmp(&lb)
                })
                .then(a.1.cmp(&b.1))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, by_rank);
            scored.truncate(limit);
        }
        scored.sort_by(by_rank);
        // Scattered matches (a letter here, a letter there) are noise once some titles hold every
        // query word whole; without such titles (typos, abbreviations) they are all there is.
        let whole = |i: u32| {
            pattern_words
                .iter()
                .all(|w| self.folded(i).contains(w.as_str()))
        };
        if scored.iter().any(|(_, i)| whole(*i)) {
            scored.retain(|(_, i)| whole(*i));
        }
        if let Some(best) = scored.first().map(|(score, _)| *score) {
            scored.retain(|(score, _)| *score * 2 >= best);
        }
        let matcher = SkimMatcherV2::default().respect_case();
        scored
            .into_iter()
            .map(|(score, i)| {
                let entry = &self.entries[i as usize];
                let mut indices: Vec<usize> = pattern_words
                    .iter()
                    .filter_map(|w| matcher.fuzzy_indices(self.folded(i), w).map(|(_, idx)| idx))
                    .flatten()
                    .collect();
                indices.sort_unstable();
                indices.dedup();
                FuzzyHit {
                    target: self.target(i),
                    text: self.string(entry.text).to_string(),
                    context: self.contexts[entry.context as usize].clone(),
                    score,
                    indices,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(titles: &[&str]) -> FuzzyIndex {
        FuzzyIndex::from_lines(
            titles
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        FuzzyTarget::Item(format!("m#{i}")),
                        t.to_string(),
                        String::new(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn folded_query_finds_diacritics_and_indices_map_to_display_chars() {
        let idx = index(&["Budget 2021", "Region Örebro län", "Överläggning om ÖREBRO"]);
        let hits = idx.search("orebro", 10);
        assert_eq!(hits.len(), 2);
        for hit in &hits {
            let chars: Vec<char> = hit.text.chars().collect();
            let matched: String = hit.indices.iter().map(|i| fold_char(chars[*i])).collect();
            assert_eq!(matched, "orebro", "{hit:?}");
        }
        assert_eq!(idx.search("ÖREBRO", 10).len(), 2);
    }

    /// Thousands of titles of a few shapes, shortest and longest mixed: enough that a search
    /// stops early and that ties and cut-offs matter.
    fn many_titles() -> Vec<String> {
        let words = [
            "Budget",
            "Örebro",
            "utvecklingscentrum",
            "RUC",
            "val",
            "av",
            "justerare",
            "x",
            "kompetensförsörjning",
            "uppföljning",
            "Ulricehamn",
            "lokaler",
            "q",
            "kultur",
            "nu",
            "forum",
            "rapport",
            "tur",
            "Justering",
            "medborgarförslag",
            "om",
            "och",
            "i",
            "Lux",
            "taxa",
            "överenskommelse",
            "Uddevalla",
            "bru",
            "ordförande",
            "bor",
        ];
        // A fixed pseudo-random walk (no dependency, the same titles every run).
        let mut state = 0x2545_f491_u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        (0..5000)
            .map(|_| {
                let n = 1 + next(8);
                let mut title: Vec<String> = (0..n)
                    .map(|_| words[next(words.len())].to_string())
                    .collect();
                if next(3) == 0 {
                    title.push(next(1000).to_string());
                }
                title.join(" ")
            })
            .collect()
    }

    #[test]
    fn substring_search_gives_what_scoring_every_title_gives() {
        let titles = many_titles();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let fast = index(&titles);
        let slow = index(&titles);
        for query in [
            "x",
            "u",
            "b",
            "q",
            "or",
            "ore",
            "orebro",
            "ruc",
            "xq",
            "ulr",
            "val",
            "kompet",
            "7",
            "zz",
            "budget ore",
        ] {
            for limit in [1, 5, 30] {
                assert_eq!(
                    fast.search_with(query, limit, true),
                    slow.search_with(query, limit, false),
                    "{query:?} limit {limit}"
                );
            }
        }
        // Typed letter by letter, the states a substring search leaves narrow rightly.
        let typed = index(&titles);
        for query in [
            "u", "ul", "ulr", "ulri", "x", "xq", "o", "or", "orebr", "orebor",
        ] {
            assert_eq!(
                typed.search(query, 30),
                slow.search_with(query, 30, false),
                "{query:?}"
            );
        }
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_fresh_search() {
        let idx = index(&[
            "Regionalt utvecklingscentrum",
            "RUC finansiering",
            "Rapport ur centrum",
            "Övrigt",
        ]);
        let _ = idx.search("r", 10);
        let _ = idx.search("ru", 10);
        let narrowed = idx.search("ruc", 10);
        let fresh = index(&[
            "Regionalt utvecklingscentrum",
            "RUC finansiering",
            "Rapport ur centrum",
            "Övrigt",
        ])
        .search("ruc", 10);
        assert_eq!(narrowed, fresh);
        assert_eq!(
            narrowed.first().map(|h| h.text.as_str()),
            Some("RUC finansiering")
        );
        // Deleting a character, or a new word, searches everything again.
        let fresh_ru = index(&[
            "Regionalt utvecklingscentrum",
            "RUC finansiering",
            "Rapport ur centrum",
            "Övrigt",
        ])
        .search("ru", 10);
        assert_eq!(idx.search("ru", 10), fresh_ru);
        assert_eq!(idx.search("ovrigt", 10).len(), 1);
    }

    #[test]
    fn every_word_must_match() {
        let idx = index(&["Budget för skola", "Skolans budget", "Budget"]);
        assert_eq!(idx.search("skol budg", 10).len(), 2);
        assert!(idx.search("   ", 10).is_empty());
    }

    #[test]
    fn scattered_matches_give_way_to_whole_words_but_still_catch_typos() {
        let idx = index(&["RUC finansiering", "Bakgrund och förutsättningar"]);
        let hits = idx.search("ruc", 10);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].text, "RUC finansiering");
        let typo = idx.search("fnansiering", 10);
        assert_eq!(
            typo.first().map(|h| h.text.as_str()),
            Some("RUC finansiering")
        );
    }
}
