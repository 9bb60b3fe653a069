//! The tantivy index on disk: one document per agenda item. Opening checks the schema and the
//! analyzer version (an older or broken index is rebuilt, with the reason), writing takes the
//! single writer lock (a second process gets a clear message, readers keep working), and search
//! builds the query from [`UserQuery`] parts so every word is matched stemmed, folded and fuzzy.

use super::compound::{part_terms, split, MIN_PART};
use super::query::{days_since_epoch, UserQuery};
use super::schema::{
    analyze, build_schema, fold_analyzer, lower_analyzer, register_analyzers, stem_analyzer,
    Fields, INDEX_VERSION,
};
use super::snippet::{snippet, MatchTerms};
use crate::protocol::{AgendaItem, Meeting};
use crate::{Error, Result};
use std::ops::Bound;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery,
    FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term};

/// Writer memory: 2 threads share it; each needs ≥ 15 MB or it flushes after every document.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 180;

/// A search hit before the library adds meeting facts.
#[derive(Debug, Clone)]
pub struct RawHit {
    pub item_id: String,
    pub title: String,
    pub number: Option<String>,
    pub score: f32,
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
}

/// An opened index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// Why an index on disk cannot be used as is (it gets rebuilt).
pub fn check_usable(dir: &Path) -> std::result::Result<(), String> {
    if !dir.join("meta.json").exists() {
        return Err("no index yet".into());
    }
    let directory = super::directory::IndexDirectory::open(dir)
        .map_err(|e| format!("index unreadable ({e})"))?;
    let index = Index::open(directory).map_err(|e| format!("index unreadable ({e})"))?;
    let (schema, _) = build_schema();
    if index.schema() != schema {
        return Err("index from an older version of protokoll (schema changed)".into());
    }
    let metas = index
        .load_metas()
        .map_err(|e| format!("index metadata unreadable ({e})"))?;
    if metas.payload.as_deref() != Some(INDEX_VERSION) {
        return Err("index built with another analyzer version".into());
    }
    // Every segment's files must be present and readable.
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| format!("index files missing or corrupt ({e})"))?;
    open_every_part(&reader.searcher()).map_err(|e| format!("index files missing or corrupt ({e})"))
}

/// Open every part of every segment (terms, postings, positions, norms, store), which tantivy
/// otherwise opens only on the first search that needs it: a deleted or damaged part is found
/// here, where it leads to a rebuild, instead of failing every search.
fn open_every_part(searcher: &Searcher) -> tantivy::Result<()> {
    let schema = searcher.schema();
    for segment in searcher.segment_readers() {
        for (field, entry) in schema.fields() {
            if entry.is_indexed() {
                segment.inverted_index(field)?;
            }
            if entry.has_fieldnorms() {
                segment.get_fieldnorms_reader(field)?;
            }
        }
        segment.get_store_reader(0)?;
    }
    Ok(())
}

impl SearchIndex {
    /// Open an existing index read-only. While another process commits, the `meta.json` just read
    /// may name segments its writer has since merged away: opening again reads the newer
    /// `meta.json`, so a few tries a short while apart open whichever commit is current.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let open = || Self::from_index(Index::open(super::directory::IndexDirectory::open(dir)?)?);
        let mut tries = 1;
        loop {
            match open() {
                Err(_) if tries < 10 && dir.join("meta.json").exists() => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    tries += 1;
                }
                opened => return opened,
            }
        }
    }

    /// Create a new, empty index in `dir` (which must be empty).
    pub fn create(dir: &Path) -> Result<SearchIndex> {
        let (schema, _) = build_schema();
        let index = Index::create_in_dir(dir, schema)?;
        Self::from_index(index)
    }

    fn from_index(index: Index) -> Result<SearchIndex> {
        register_analyzers(&index);
        let (_, fields) = build_schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        open_every_part(&reader.searcher())?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub fn num_items(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Take the index's single writer. Another process holding it is reported in words.
    pub fn writer(&self) -> Result<IndexWriter> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4);
        self.index
            .writer_with_num_threads(threads, WRITER_HEAP_BYTES.max(threads * 20_000_000))
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::new(
                    "another protokoll process is updating this index right now; \
                     searching still works, try the update again when it has finished",
                ),
                other => other.into(),
            })
    }

    /// Queue the deletion of every item of a meeting.
    pub fn delete_meeting(&self, writer: &IndexWriter, meeting_id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.meeting_id, meeting_id));
    }

    /// Queue one agenda item for indexing.
    pub fn add_item(
        &self,
        writer: &IndexWriter,
        meeting: &Meeting,
        item: &AgendaItem,
        keys: &[String],
    ) -> Result<()> {
        writer.add_document(self.item_document(meeting, item, keys))?;
        Ok(())
    }

    /// The index document of one agenda item (built on any thread; adding it is cheap).
    pub fn item_document(
        &self,
        meeting: &Meeting,
        item: &AgendaItem,
        keys: &[String],
    ) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.item_id, &item.id);
        doc.add_text(f.meeting_id, &meeting.id);
        doc.add_u64(f.meeting_key, super::filter::meeting_key(&meeting.id));
        doc.add_text(f.title, &item.title);
        if let Some(number) = &item.number {
            doc.add_text(f.number, number);
        }
        let body = body_text(item);
        doc.add_text(f.body, &body);
        doc.add_text(f.body_fold, &body);
        let mut parts = String::new();
        part_terms(&body, &mut parts);
        if !parts.is_empty() {
            doc.add_text(f.body_parts, &parts);
        }
        for key in keys {
            doc.add_text(f.keys, key);
        }
        if let Some(date) = meeting.date {
            doc.add_i64(f.date_days, days_since_epoch(date));
        }
        doc.add_text(f.text, &item.text);
        doc
    }

    /// Commit with the version payload, then make the new state visible to this reader.
    pub fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(INDEX_VERSION);
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Re-read the index from disk (after another process committed).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    fn address_of(&self, searcher: &Searcher, item_id: &str) -> Option<DocAddress> {
        let term = Term::from_field_text(self.fields.item_id, item_id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .ok()?
            .first()
            .map(|(_, addr)| *addr)
    }

    /// The stored text and keys of one item.
    pub fn stored_item(&self, item_id: &str) -> Option<(String, Vec<String>)> {
        let searcher = self.searcher();
        let addr = self.address_of(&searcher, item_id)?;
        let doc: TantivyDocument = searcher.doc(addr).ok()?;
        let text = doc
            .get_first(self.fields.text)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let keys = doc
            .get_all(self.fields.keys)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        Some((text, keys))
    }

    /// Document address of an item (for more-like-this style queries).
    pub fn doc_address(&self, item_id: &str) -> Option<DocAddress> {
        self.address_of(&self.searcher(), item_id)
    }

    /// Run a parsed user query. `council_meetings` restricts hits to these meeting ids (the
    /// library resolves `council:` against its council names).
    pub fn search(
        &self,
        query: &UserQuery,
        council_meetings: Option<&[String]>,
        limit: usize,
    ) -> Result<Vec<RawHit>> {
        let searcher = self.searcher();
        let limit = limit.max(1);
        let strict = self.build_query(query, council_meetings, Occur::Must);
        let mut top = searcher.search(&*strict, &TopDocs::with_limit(limit).order_by_score())?;
        // Several words that never occur together: fall back to any of them, best first.
        if top.is_empty() && query.words.len() + query.prefixes.len() > 1 {
            let loose = self.build_query(query, council_meetings, Occur::Should);
            top = searcher.search(&*loose, &TopDocs::with_limit(limit).order_by_score())?;
        }
        let terms = self.match_terms(query);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let text = get(self.fields.text);
            let (snip, highlights) = snippet(&text, &terms, SNIPPET_CHARS);
            let number = get(self.fields.number);
            hits.push(RawHit {
                item_id: get(self.fields.item_id),
                title: get(self.fields.title),
                number: (!number.is_empty()).then_some(number),
                score,
                snippet: snip,
                highlights,
            });
        }
        Ok(hits)
    }

    /// The words a hit's snippet should mark for this query.
    pub fn match_terms(&self, query: &UserQuery) -> MatchTerms {
        let mut stem = stem_analyzer();
        let mut fold = fold_analyzer();
        let mut lower = lower_analyzer();
        let mut terms = MatchTerms::default();
        for word in query.words.iter().chain(&query.phrases) {
            for s in analyze(&mut stem, word) {
                terms.stems.insert(s);
            }
            for s in analyze(&mut stem, word) {
                if s.len() >= MIN_PART {
                    terms.parts.insert(s);
                }
            }
            for lo in analyze(&mut lower, word) {
                for part in split(&lo).unwrap_or_default() {
                    terms.apart.extend(analyze(&mut stem, &part.word));
                }
            }
            for f in analyze(&mut fold, word) {
                let d = fuzzy_distance(&f);
                if d > 0 {
                    terms.fuzzy.push((f.clone(), d));
                }
                terms.folds.insert(f);
            }
        }
        for p in &query.prefixes {
            terms.prefixes.extend(analyze(&mut fold, p));
        }
        terms
    }

    /// One clause per word (stemmed, folded, fuzzy; title above body), phrases, prefixes,
    /// exclusions and filters, joined with `occur` between words.
    fn build_query(
        &self,
        query: &UserQuery,
        council_meetings: Option<&[String]>,
        occur: Occur,
    ) -> Box<dyn Query> {
        let f = &self.fields;
        let mut stem = stem_analyzer();
        let mut fold = fold_analyzer();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut lower = lower_analyzer();
        for word in &query.words {
            let stems = analyze(&mut stem, word);
            let folds = analyze(&mut fold, word);
            let lowers = analyze(&mut lower, word);
            let keep_short = stems.len() == 1;
            let mut word_clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for ((s, fo), lo) in stems.iter().zip(&folds).zip(&lowers) {
                if !keep_short && fo.chars().count() < 2 {
                    continue;
                }
                word_clauses.push((Occur::Must, self.word_query(s, fo, lo)));
            }
            if !word_clauses.is_empty() {
                clauses.push((occur, Box::new(BooleanQuery::new(word_clauses))));
            }
        }
        for phrase in &query.phrases {
            let stems = analyze(&mut stem, phrase);
            let folds = analyze(&mut fold, phrase);
            let q: Box<dyn Query> = match stems.len() {
                0 => continue,
                1 => {
                    let lowers = analyze(&mut lower, phrase);
                    self.word_query(&stems[0], &folds[0], &lowers[0])
                }
                _ => {
                    let terms = stems
                        .iter()
                        .map(|s| Term::from_field_text(f.body, s))
                        .collect();
                    Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), 3.0))
                }
            };
            clauses.push((Occur::Must, q));
        }
        for prefix in &query.prefixes {
            for fo in analyze(&mut fold, prefix) {
                let term = Term::from_field_text(f.body_fold, &fo);
                clauses.push((occur, Box::new(FuzzyTermQuery::new_prefix(term, 0, true))));
            }
        }
        let has_positive = !clauses.is_empty();
        for word in &query.excluded {
            for s in analyze(&mut stem, word) {
                clauses.push((
                    Occur::MustNot,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.body, &s),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        if let Some(ids) = council_meetings {
            let q: Box<dyn Query> = if ids.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(super::filter::MeetingFilter::new(
                    "meeting_key",
                    ids.iter().map(String::as_str),
                ))
            };
            clauses.push((Occur::Must, q));
        }
        if query.from.is_some() || query.to.is_some() {
            let bound = |d: Option<chrono::NaiveDate>| match d {
                Some(d) => Bound::Included(Term::from_field_i64(f.date_days, days_since_epoch(d))),
                None => Bound::Unbounded,
            };
            let lower = match query.from {
                Some(_) => bound(query.from),
                None => Bound::Included(Term::from_field_i64(f.date_days, i64::MIN)),
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(lower, bound(query.to))),
            ));
        }
        if !has_positive {
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot)
                && !query.has_filters()
                && query.excluded.is_empty()
            {
                return Box::new(EmptyQuery);
            }
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// One word: the best of title (stemmed), body (stemmed), exact folded word, and a fuzzy
    /// folded match scored well below the exact forms.
    fn word_query(&self, stemmed: &str, folded: &str, lower: &str) -> Box<dyn Query> {
        let f = &self.fields;
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut alternatives: Vec<Box<dyn Query>> = vec![
            Box::new(BoostQuery::new(term(f.title, stemmed), 4.5)),
            Box::new(BoostQuery::new(term(f.body, stemmed), 3.0)),
            Box::new(BoostQuery::new(term(f.body_fold, folded), 1.5)),
        ];
        let distance = fuzzy_distance(folded);
        if distance > 0 {
            let fuzzy =
                FuzzyTermQuery::new(Term::from_field_text(f.body_fold, folded), distance, true);
            alternatives.push(Box::new(BoostQuery::new(Box::new(fuzzy), 0.3)));
        }
        // Compounds that start with the word ("lekeryd" in "lekerydsskolan", "elevhälsa" in
        // "elevhälsonätverket"), ranked below every exact form.
        for start in compound_starts(folded) {
            let prefix =
                FuzzyTermQuery::new_prefix(Term::from_field_text(f.body_fold, &start), 0, true);
            alternatives.push(Box::new(BoostQuery::new(Box::new(prefix), 0.2)));
        }
        // Compounds the word is a later part of ("plan" in "verksamhetsplanen", "skolskjuts" in
        // "gymnasieskolskjutsen"), at the prefix matches' constant score.
        if folded.len() >= MIN_PART {
            let part = TermQuery::new(
                Term::from_field_text(f.body_parts, stemmed),
                IndexRecordOption::Basic,
            );
            alternatives.push(Box::new(ConstScoreQuery::new(Box::new(part), 0.2)));
        }
        // A compound's parts written apart ("Teknik College", "teknik-college" for
        // "teknikcollege"), a little above the part matches and below every exact form.
        if let Some(parts) = split(lower) {
            let mut stem = stem_analyzer();
            let terms: Vec<Term> = parts
                .iter()
                .filter_map(|p| analyze(&mut stem, &p.word).into_iter().next())
                .map(|s| Term::from_field_text(f.body, &s))
                .collect();
            if terms.len() == parts.len() {
                let apart = PhraseQuery::new(terms);
                alternatives.push(Box::new(ConstScoreQuery::new(Box::new(apart), 0.25)));
            }
        }
        Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.1))
    }
}

/// Shortest folded word searched as the first part of compounds.
const MIN_COMPOUND_START: usize = 5;

/// How a folded word starts the compounds it is the first part of: as written (`corona` →
/// `coronapandemin`, `lekeryd` → `lekerydsskolan`, with the linking -s- following it) and, for
/// a word ending in -a or -e, without that vowel, which compounds replace by a linking -o-, -e-
/// or -s- (`elevhalsa` → `elevhalso…`, `forskola` → `forskole…`, `skolskjuts` stays).
pub fn compound_starts(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < MIN_COMPOUND_START || !chars.iter().all(|c| c.is_alphabetic()) {
        return vec![];
    }
    let mut out = vec![folded.to_string()];
    if matches!(chars.last(), Some('a' | 'e')) && chars.len() > MIN_COMPOUND_START {
        out.push(chars[..chars.len() - 1].iter().collect());
    }
    out
}

/// Title, presenters and text: what the `body` and `body_fold` fields index for an item.
pub fn body_text(item: &AgendaItem) -> String {
    let mut body = String::with_capacity(item.title.len() + item.text.len() + 64);
    body.push_str(&item.title);
    body.push('\n');
    for p in &item.presenters {
        body.push_str(p);
        body.push('\n');
    }
    body.push_str(&item.text);
    body
}

/// Edits allowed for a folded word: none up to 3 letters, 1 up to 6, 2 beyond.
pub fn fuzzy_distance(folded: &str) -> u8 {
    match folded.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    /// Real Swedish compounds and the word a clerk would type for them: the word, as written or
    /// with its final vowel replaced by a linking morpheme (-o-, -e-, -s-, -u-), starts the compound.
    const COMPOUNDS: &[(&str, &str)] = &[
        ("corona", "coronapandemin"),
        ("elevhälsa", "Elevhälsonätverket"),
        ("förskola", "förskoleverksamhet"),
        ("Lekeryd", "Lekerydsskolan"),
        ("barnomsorg", "barnomsorgsavgiften"),
        ("kommun", "kommunstyrelsen"),
        ("budget", "budgetarbetet"),
        ("miljö", "miljöprogrammet"),
        ("trafik", "trafiksäkerhet"),
        ("detaljplan", "detaljplaneområdet"),
        ("bostad", "bostadsförsörjning"),
        ("vatten", "vattenledningen"),
        ("idrott", "idrottshallen"),
        ("kultur", "kulturskolan"),
        ("arbete", "arbetsmarknaden"),
        ("skolskjuts", "skolskjutsplaneringen"),
        ("fritid", "fritidsgården"),
        ("omsorg", "omsorgsnämnden"),
        ("ekonomi", "ekonomichefen"),
        ("personal", "personalförsörjning"),
        ("kompetens", "kompetensförsörjningen"),
        ("utbildning", "utbildningsnämnden"),
        ("verksamhet", "verksamhetsplanen"),
        ("validering", "valideringsinsatser"),
        ("ungdom", "ungdomsmottagningen"),
        ("äldreomsorg", "äldreomsorgsplanen"),
        ("parkering", "parkeringsavgifter"),
        ("bygglov", "bygglovsansökan"),
        ("strand", "strandskyddet"),
        ("energi", "energieffektivisering"),
        ("avfall", "avfallshanteringen"),
        ("renovering", "renoveringsbehovet"),
        ("integration", "integrationsarbetet"),
        ("digital", "digitaliseringsstrategin"),
        ("förvaltning", "förvaltningschefen"),
        ("revision", "revisionsrapporten"),
        ("säkerhet", "säkerhetsskyddet"),
        ("upphandling", "upphandlingspolicyn"),
        ("lokal", "lokalförsörjningsplanen"),
        ("flykting", "flyktingmottagningen"),
        ("bältros", "bältrosvaccin"),
        ("riktlinje", "riktlinjedokumentet"),
        ("avgift", "avgiftsbefriad"),
        ("kollektivtrafik", "kollektivtrafikplanen"),
        ("folkhälsa", "folkhälsorådet"),
        ("matematik", "matematiklyftet"),
        ("lärare", "lärarutbildningen"),
        ("sjukvård", "sjukvårdsnämnden"),
        ("näringsliv", "näringslivsstrategin"),
        ("teknik", "teknikcollege"),
        ("handling", "handlingsplanen"),
        ("trygghet", "trygghetsvandringar"),
        ("samverkan", "samverkansavtalet"),
        ("mottagning", "mottagningsenheten"),
        ("skola", "skolan"),
    ];

    #[test]
    fn a_word_starts_the_compounds_it_is_the_first_part_of() {
        assert!(COMPOUNDS.len() >= 50);
        for (word, compound) in COMPOUNDS {
            let starts = compound_starts(&fold(word));
            assert!(
                starts
                    .iter()
                    .any(|s| fold(compound).starts_with(s.as_str())),
                "{word} → {starts:?} should start {compound}"
            );
        }
    }

    #[test]
    fn short_words_and_numbers_are_no_compound_starts() {
        for word in ["ks", "hals", "2026", "bun/2023:391"] {
            assert!(compound_starts(word).is_empty(), "{word}");
        }
        // A five-letter word keeps its vowel: "skola" must not become the prefix "skol".
        assert_eq!(compound_starts("skola"), vec!["skola".to_string()]);
    }
}
