//! `NAME.meta.toml` beside a protocol file (or `protokoll.toml` in its folder) sets facts the text
//! lacks or gets wrong: `council`, `date` ("YYYY-MM-DD") and `kind`. A sidecar wins over the text.

use super::model::{DateSource, Meeting, MeetingKind};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidecar {
    pub council: Option<String>,
    pub date: Option<NaiveDate>,
    pub kind: Option<String>,
    pub place: Option<String>,
}

/// The file as written: `date` may be a TOML date (`2021-02-12`) or a string (`"2021-02-12"`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SidecarFile {
    council: Option<String>,
    date: Option<toml::Value>,
    kind: Option<String>,
    place: Option<String>,
}

impl Sidecar {
    /// Parse a sidecar's TOML; the error says what is wrong in words a user can act on.
    pub fn from_toml(text: &str) -> Result<Sidecar, String> {
        let file: SidecarFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let date = match file.date {
            None => None,
            Some(value) => {
                let written = match &value {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                Some(
                    NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("date {written:?} is not YYYY-MM-DD"))?,
                )
            }
        };
        let sidecar = Sidecar {
            council: file.council,
            date,
            kind: file.kind,
            place: file.place,
        };
        if let Some(kind) = &sidecar.kind {
            if MeetingKind::parse(kind).is_none() {
                return Err(format!(
                    "unknown kind {kind:?} (use protocol, presentation, agenda or unknown)"
                ));
            }
        }
        Ok(sidecar)
    }

    /// Overwrite the meeting's facts with the sidecar's.
    pub fn apply(&self, meeting: &mut Meeting) {
        if let Some(council) = &self.council {
            meeting.council = Some(crate::text::sanitize(council.trim()));
        }
        if let Some(date) = self.date {
            meeting.date = Some(date);
            meeting.date_source = Some(DateSource::Sidecar);
        }
        if let Some(kind) = self.kind.as_deref().and_then(MeetingKind::parse) {
            meeting.kind = kind;
        }
        if let Some(place) = &self.place {
            meeting.place = Some(crate::text::sanitize(place.trim()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_sets_facts() {
        let sc = Sidecar::from_toml(
            "council = \"Kommunstyrelsen\"\ndate = 2021-02-12\nkind = \"protokoll\"",
        )
        .unwrap();
        let mut m = Meeting::default();
        sc.apply(&mut m);
        assert_eq!(m.council.as_deref(), Some("Kommunstyrelsen"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2021, 2, 12));
        assert_eq!(m.date_source, Some(DateSource::Sidecar));
        assert_eq!(m.kind, MeetingKind::Protocol);
    }

    #[test]
    fn bad_sidecar_is_an_error_not_a_panic() {
        assert!(Sidecar::from_toml("date = \"not a date\"").is_err());
        assert!(Sidecar::from_toml("kind = \"poem\"").is_err());
        assert!(Sidecar::from_toml("colour = 1").is_err());
    }
}
