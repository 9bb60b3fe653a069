//! The index's schema and analyzers. Swedish text is lowercased and folded (å ä ö é → a a o e)
//! *before* stemming, so OCR'd `budgetar` and clean `budgetår` meet; an unstemmed folded field
//! serves exact-word ranking, prefixes and typo/OCR-tolerant fuzzy matching.
//!
//! Tokenizers are not stored in a tantivy index, so [`register_analyzers`] runs after every open.
//! Their names carry a version: changing an analyzer means a new name, which makes the old index's
//! schema differ and forces a rebuild.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, WhitespaceTokenizer,
};
use tantivy::Index;

/// Name of the stemming analyzer (title, body).
pub const STEM: &str = "sv_stem_v1";
/// Name of the folding, non-stemming analyzer (body_fold).
pub const FOLD: &str = "sv_fold_v1";
/// Name of the analyzer of body_parts: the terms come split, folded and stemmed already
/// ([`super::compound::part_terms`]), separated by spaces.
pub const PARTS: &str = "sv_parts_v1";
/// Written into every commit; an index with another payload is rebuilt.
pub const INDEX_VERSION: &str =
    "protokoll-index-v5;sv_stem_v1;sv_fold_v1;sv_parts_v1;frostem=1.20260821.8";

/// Handles to every field, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `<meeting id>#<ordinal>`, for exact look-up and deletion.
    pub item_id: Field,
    /// The meeting's id, for deleting a whole file's items and for filters.
    pub meeting_id: Field,
    /// Title, stemmed (boosted above body).
    pub title: Field,
    /// Title and text, stemmed: ranked search and phrases.
    pub body: Field,
    /// Title and text, folded but not stemmed: exact words, prefixes, fuzzy.
    pub body_fold: Field,
    /// The parts of the compounds in title and text, stemmed (`verksamhetsplanen` → `verksam`,
    /// `plan`): a word finds the compounds it is a later part of.
    pub body_parts: Field,
    /// Acronyms, names, case numbers: exact keys, lowercased.
    pub keys: Field,
    /// Meeting date as days since 1970-01-01 (absent when unknown), for `from:`/`to:`.
    pub date_days: Field,
    /// [`crate::search::filter::meeting_key`] of the item's meeting (the council filter).
    pub meeting_key: Field,
    /// The item text as shown (stored only).
    pub text: Field,
    /// The item number as printed (stored only).
    pub number: Field,
}

fn text_field(tokenizer: &str, stored: bool, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Build the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let item_id = builder.add_text_field("item_id", STRING | STORED);
    let meeting_id = builder.add_text_field("meeting_id", STRING | STORED);
    let title = builder.add_text_field("title", text_field(STEM, true, true));
    let body = builder.add_text_field("body", text_field(STEM, false, true));
    // Exact words, prefixes and fuzzy matches need no positions (phrases run on `body`).
    let body_fold = builder.add_text_field("body_fold", text_field(FOLD, false, false));
    // Matched at a constant score: no frequencies, no norms.
    let parts_indexing = TextFieldIndexing::default()
        .set_tokenizer(PARTS)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    let body_parts = builder.add_text_field(
        "body_parts",
        TextOptions::default().set_indexing_options(parts_indexing),
    );
    let keys = builder.add_text_field("keys", STRING | STORED);
    let date_days = builder.add_i64_field(
        "date_days",
        NumericOptions::default().set_indexed().set_fast(),
    );
    let meeting_key = builder.add_u64_field("meeting_key", NumericOptions::default().set_fast());
    let text = builder.add_text_field("text", STORED);
    let number = builder.add_text_field("number", STORED);
    let fields = Fields {
        item_id,
        meeting_id,
        title,
        body,
        body_fold,
        body_parts,
        keys,
        date_days,
        meeting_key,
        text,
        number,
    };
    (builder.build(), fields)
}

/// The stemming analyzer: words, lowercased, folded, Swedish-stemmed.
pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// The folding analyzer: words, lowercased, folded, not stemmed.
pub fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Words lowercased, diacritics kept: what the compound splitter reads (`hälsovård`).
pub fn lower_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// Register the analyzers on an opened or created index.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(STEM, stem_analyzer());
    index.tokenizers().register(FOLD, fold_analyzer());
    index
        .tokenizers()
        .register(PARTS, TextAnalyzer::from(WhitespaceTokenizer::default()));
}

/// Analyze `text` into its tokens' texts.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_before_stemming_joins_ocr_and_clean_spellings() {
        let mut stem = stem_analyzer();
        assert_eq!(
            analyze(&mut stem, "budgetår"),
            analyze(&mut stem, "budgetar")
        );
        assert_eq!(analyze(&mut stem, "Örebro"), analyze(&mut stem, "Orebro"));
        assert_eq!(
            analyze(&mut stem, "lärarutbildningen"),
            analyze(&mut stem, "lärarutbildning")
        );
        let mut fold = fold_analyzer();
        assert_eq!(analyze(&mut fold, "Mötet ÖPPNAS"), ["motet", "oppnas"]);
    }
}
