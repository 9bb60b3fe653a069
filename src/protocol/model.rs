//! The parsed shape of a protocol file: a meeting with its attendees and agenda items.
//! Missing facts stay `None`; nothing here is guessed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    /// Minutes of a meeting ("Protokoll").
    Protocol,
    /// A slide deck or attachment shown at a meeting.
    Presentation,
    /// A notice or agenda ("Kallelse", "Dagordning").
    Agenda,
    #[default]
    Unknown,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Protocol => "protocol",
            MeetingKind::Presentation => "presentation",
            MeetingKind::Agenda => "agenda",
            MeetingKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingKind> {
        match crate::text::fold(s.trim()).as_str() {
            "protocol" | "protokoll" => Some(MeetingKind::Protocol),
            "presentation" | "presentation/slides" | "slides" | "bilaga" | "attachment" => {
                Some(MeetingKind::Presentation)
            }
            "agenda" | "kallelse" | "dagordning" => Some(MeetingKind::Agenda),
            "unknown" => Some(MeetingKind::Unknown),
            _ => None,
        }
    }
}

/// Where a meeting's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Written out in the text ("Onsdag 4 november 2020", "2020-11-17").
    Text,
    /// Day and month in the text; the year decided by the weekday (and years in the text).
    Inferred,
    /// Only the "Justerat den" (approval) line had a date.
    Approval,
    /// Taken from the file name (`2021-02-12-protokoll.txt`).
    FileName,
    /// Set by a `NAME.meta.toml` sidecar.
    Sidecar,
}

/// One person listed as present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attendee {
    pub name: String,
    /// Party abbreviation as printed, without parentheses ("S", "M", "KD").
    pub party: Option<String>,
    /// Municipality, region or employer ("Askersund kommun").
    pub organisation: Option<String>,
    /// Role in Swedish as printed: "ordförande", "justerare", "sekreterare", "ledamot",
    /// "ersättare", "övrig".
    pub role: Option<String>,
}

/// One agenda item ("4. Ekonomi", "§ 21 Tema Kompetensförsörjning") or one slide/section of a deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AgendaItem {
    /// `<meeting id>#<ordinal>`; stable as long as the file's items do not move.
    pub id: String,
    /// 1-based position in the meeting.
    pub ordinal: usize,
    /// The number as printed, without trailing dot: "4", "§ 21"; `None` when the file has none.
    pub number: Option<String>,
    pub title: String,
    /// "Name, Organisation" lines under the title.
    pub presenters: Vec<String>,
    /// The cleaned item text (title not repeated).
    pub text: String,
    /// 1-based line span in the original file, inclusive (for "open at line").
    pub line_start: usize,
    pub line_end: usize,
    /// Case numbers (diarienummer) as written: "KS 2020/123", "Dnr 2019:12".
    pub case_numbers: Vec<String>,
}

/// One protocol file, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Meeting {
    /// The file's path relative to the archive, without extension (stable across runs).
    pub id: String,
    /// The file's path relative to the archive, with extension.
    pub file: String,
    /// The body's name as found in this file (before archive-wide merging of spellings).
    pub council: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub place: Option<String>,
    pub kind: MeetingKind,
    pub attendees: Vec<Attendee>,
    pub items: Vec<AgendaItem>,
}
