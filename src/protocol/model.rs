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
    /// A slide deck shown at a meeting.
    Presentation,
    /// A notice or agenda ("Kallelse", "Föredragningslista", "Dagordning").
    Agenda,
    /// One § copied out of a protocol for another body ("Protokollsutdrag").
    Extract,
    /// A document of a meeting that is not its minutes: tjänsteskrivelse, report, bilaga.
    Attachment,
    #[default]
    Unknown,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Protocol => "protocol",
            MeetingKind::Presentation => "presentation",
            MeetingKind::Agenda => "agenda",
            MeetingKind::Extract => "extract",
            MeetingKind::Attachment => "attachment",
            MeetingKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingKind> {
        match crate::text::fold(s.trim()).as_str() {
            "protocol" | "protokoll" => Some(MeetingKind::Protocol),
            "presentation" | "presentation/slides" | "slides" => Some(MeetingKind::Presentation),
            "attachment" | "bilaga" | "tjansteskrivelse" | "rapport" => {
                Some(MeetingKind::Attachment)
            }
            "extract" | "protokollsutdrag" | "utdrag" => Some(MeetingKind::Extract),
            "agenda" | "kallelse" | "dagordning" | "foredragningslista" => {
                Some(MeetingKind::Agenda)
            }
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
    /// For a substitute: whom they replace ("ersätter Anna Berg (S)").
    #[serde(default)]
    pub replaces: Option<String>,
    /// Presence as written when not the whole meeting ("§ 1-5", "från kl. 10.30 § 6").
    #[serde(default)]
    pub presence: Option<String>,
}

/// The outcome of a roll-call vote (omröstning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Vote {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
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
    /// 1-based page span in the source document, when it has pages (PDF).
    #[serde(default)]
    pub page_start: Option<u32>,
    #[serde(default)]
    pub page_end: Option<u32>,
    /// What was decided: the text under "Beslut", or the "… beslutar att …" sentences.
    #[serde(default)]
    pub decision: Option<String>,
    /// "Förslag till beslut" / "Arbetsutskottets förslag".
    #[serde(default)]
    pub proposal: Option<String>,
    /// Yrkanden, one per motion.
    #[serde(default)]
    pub motions: Vec<String>,
    /// Omröstning result, when a vote was held.
    #[serde(default)]
    pub vote: Option<Vote>,
    /// Who entered a reservation against the decision.
    #[serde(default)]
    pub reservations: Vec<String>,
    /// "Beslutet skickas till" / "Expedieras till".
    #[serde(default)]
    pub sent_to: Vec<String>,
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
    /// The municipality or region the body belongs to ("Alingsås kommun", "Region Örebro län").
    #[serde(default)]
    pub organisation: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub place: Option<String>,
    pub kind: MeetingKind,
    pub attendees: Vec<Attendee>,
    pub items: Vec<AgendaItem>,
    /// Number of pages, for paged documents (PDF).
    #[serde(default)]
    pub pages: Option<u32>,
    /// For an attachment, agenda or extract: the id of the protocol (meeting) it belongs to.
    /// Set by the library, which sees the whole archive.
    #[serde(default)]
    pub attached_to: Option<String>,
}
