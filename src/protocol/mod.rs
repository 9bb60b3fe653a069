//! From decoded text to a [`Meeting`]: cleaning page furniture, then parsing council, date, place,
//! attendees and agenda items by rules that hold for protocols never seen before.

pub mod model;
pub mod sidecar;

pub use model::{AgendaItem, Attendee, DateSource, Meeting, MeetingKind};
pub use sidecar::Sidecar;

/// Everything the parser gets for one file.
#[derive(Debug, Clone, Default)]
pub struct ParseInput<'a> {
    /// Meeting id: the relative path without extension.
    pub id: &'a str,
    /// Relative path with extension (its file name may carry a date).
    pub file: &'a str,
    /// Decoded text (see `archive::decode`).
    pub text: &'a str,
    /// Facts from a sidecar file; they win over the text.
    pub sidecar: Option<&'a Sidecar>,
}

/// Parse one decoded protocol file into a meeting. Never fails: a file without recognisable
/// structure becomes one item of kind unknown.
pub fn parse_meeting(input: &ParseInput) -> Meeting {
    // Placeholder until the parser lands: one item with the whole text.
    let mut meeting = Meeting {
        id: input.id.to_string(),
        file: input.file.to_string(),
        ..Default::default()
    };
    let lines = input.text.lines().count().max(1);
    meeting.items.push(AgendaItem {
        id: format!("{}#1", input.id),
        ordinal: 1,
        number: None,
        title: input
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string(),
        presenters: vec![],
        text: input.text.to_string(),
        line_start: 1,
        line_end: lines,
        case_numbers: vec![],
    });
    if let Some(sc) = input.sidecar {
        sc.apply(&mut meeting);
    }
    meeting
}
