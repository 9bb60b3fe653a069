//! The `council:` filter as a pass over a fast field: each item document carries a number
//! derived from its meeting id, and the filter keeps the documents whose number is in the set
//! of the council's meetings. A term set over meeting ids looked up every id in the term
//! dictionary (80 ms for a large council of a 50,000-protocol archive); this reads one column
//! value per document and one set lookup per meeting (documents of a meeting are adjacent).
//! Meeting ids are paths, stable across updates, so merging council spellings archive-wide
//! never needs the index rewritten.

use std::collections::HashSet;
use std::sync::Arc;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, Score, SegmentReader};

/// The fast field's number for a meeting id (the first 8 bytes of its blake3 hash; a clash
/// between two ids of one archive is a 1 in 10^14 event at 200,000 meetings).
pub fn meeting_key(meeting_id: &str) -> u64 {
    let hash = blake3::hash(meeting_id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Documents whose meeting is one of a set.
#[derive(Clone, Debug)]
pub struct MeetingFilter {
    field: String,
    keys: Arc<HashSet<u64>>,
}

impl MeetingFilter {
    pub fn new<'a>(field: &str, meeting_ids: impl IntoIterator<Item = &'a str>) -> MeetingFilter {
        MeetingFilter {
            field: field.to_string(),
            keys: Arc::new(meeting_ids.into_iter().map(meeting_key).collect()),
        }
    }
}

impl Query for MeetingFilter {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for MeetingFilter {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let column = reader.fast_fields().u64(&self.field)?;
        let max_doc = reader.max_doc();
        let mut kept = BitSet::with_max_value(max_doc);
        let mut last = None;
        let mut keep = false;
        for doc in 0..max_doc {
            let key = column.first(doc);
            if key != last {
                last = key;
                keep = key.is_some_and(|k| self.keys.contains(&k));
            }
            if keep {
                kept.insert(doc);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(kept), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let column = reader.fast_fields().u64(&self.field)?;
        let kept = column.first(doc).is_some_and(|k| self.keys.contains(&k));
        Ok(Explanation::new(
            if kept {
                "meeting of the council"
            } else {
                "meeting of another council"
            },
            if kept { 1.0 } else { 0.0 },
        ))
    }
}
