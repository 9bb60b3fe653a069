//! Who was there: attendee lists under headers ("Närvarande ledamöter", "Beslutande", "Övriga
//! närvarande", "Ersättare"), one person a line as "Name (PARTY) Organisation", "Name, Organisation"
//! or tab-separated cells, OCR junk tolerated; and the signature block ("Vid protokollet",
//! "Ordförande", "Justerare"), where a role label stands above or below its name, or two columns
//! share a line ("Irén Lejegren Linda Svahn" over "Ordförande Justerare").
//!
//! Why one file of this size: every front-page shape (columns, tabs, flattened PDF lines, the
//! signature block) feeds the same person-and-role rules, which are the bulk of it.

use super::clean::Cleaned;
use super::model::Attendee;
use crate::text::{fold, squash_spaces};
use regex::Regex;
use std::sync::LazyLock;

/// Signature roles as printed in Swedish.
const CHAIR: &str = "ordförande";
const ADJUSTER: &str = "justerare";
const SECRETARY: &str = "sekreterare";
const MEMBER: &str = "ledamot";
const SUBSTITUTE: &str = "ersättare";
const OTHER: &str = "övrig";
const VICE_CHAIR: &str = "vice ordförande";
const FIRST_VICE_CHAIR: &str = "1:e vice ordförande";
const SECOND_VICE_CHAIR: &str = "2:e vice ordförande";
const SERVING_SUBSTITUTE: &str = "tjänstgörande ersättare";

/// "§§94-98", "§ 1-5", "tom § 5", "from kl. 10.30 § 6", "t.o.m. 16:20", "kl. 13:00-17:25, §§ 100-114".
static PRESENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:fr\.?o\.?m\.?|t\.?o\.?m\.?|from|tom|från|till|kl\.?)\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?[,\s]*)?(?:(?:fr\.?o\.?m\.?|t\.?o\.?m\.?|from|tom)\s*)?§§?\s*\d{1,4}(?:\s*[-–]\s*(?:§\s*)?\d{1,4})?|(?:fr\.?o\.?m\.?|t\.?o\.?m\.?|from|tom|kl\.?)\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?").unwrap()
});

/// Presence ranges and "ersätter X" / "tjänstgör för X" taken out of an attendance line:
/// (the line without them, presence, replaces).
fn take_presence_and_replaces(line: &str) -> (String, Option<String>, Option<String>) {
    let mut rest = line.to_string();
    let mut replaces = None;
    let folded = fold(&rest);
    for marker in ["ersatter ", "tjanstgor for ", "tjanstgor i stallet for "] {
        if let Some(at) = folded.find(marker) {
            let chars_at = folded[..at].chars().count();
            let marker_chars = marker.chars().count();
            let before: String = rest.chars().take(chars_at).collect();
            let after: String = rest.chars().skip(chars_at + marker_chars).collect();
            let (after, _, _) = take_presence_and_replaces_inner(&after);
            let who = after.trim().trim_end_matches([',', '.']).trim().to_string();
            if !who.is_empty() {
                replaces = Some(who);
            }
            rest = before;
            break;
        }
    }
    let (rest, presence, _) = take_presence_and_replaces_inner(&rest);
    (rest, presence, replaces)
}

fn take_presence_and_replaces_inner(line: &str) -> (String, Option<String>, ()) {
    let found: Vec<String> = PRESENCE
        .find_iter(line)
        .map(|m| squash_spaces(m.as_str().trim().trim_end_matches(',')))
        .collect();
    if found.is_empty() {
        return (line.to_string(), None, ());
    }
    let rest = PRESENCE.replace_all(line, " ").into_owned();
    let rest = squash_spaces(rest.trim().trim_end_matches([',', ' ']));
    (rest, Some(found.join(", ")), ())
}

static PARTY_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[^(){}\[\]\t]+?)\s*[({\[]\s*(?P<party>[A-Za-zÅÄÖåäö]{1,4})\s*[)}\]]+(?P<rest>.*)$").unwrap()
});
static PERSON_WITH_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^(),;]+?\(\s*[A-Za-zÅÄÖåäö]{1,4}\s*\)(?:\s*,\s*(?:ordförande|vice ordförande|ersättare|ledamot))?").unwrap()
});
static EXTRA_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<org>[^,(]+),\s*(?P<name>[^,(]+?)\s*\((?P<party>[A-Za-zÅÄÖåäö]{1,4})\)\s*,?\s*(?P<role>[\p{L} ]*)$").unwrap()
});

/// Words that start an organisation in "Name Organisation" lines without a separator.
const ORG_STARTS: &[&str] = &[
    "region",
    "regionen",
    "kommun",
    "landstinget",
    "lansstyrelsen",
    "skolverket",
    "arbetsformedlingen",
    "forv.",
    "forvaltning",
    "universitet",
    "hogskolan",
    "skaraborgs",
    "sjuharads",
    "fyrbodals",
];

/// Words that name an organisation when they end it ("Askersund kommun", "Örebro universitet").
const ORG_ENDS: &[&str] = &[
    "kommun",
    "kommuns",
    "lan",
    "universitet",
    "kommunalforbund",
    "region",
];

/// Words that never begin a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "region",
    "kommun",
    "ordforande",
    "justerare",
    "justerande",
    "sekreterare",
    "protokoll",
    "plats",
    "tid",
    "datum",
    "paragrafer",
    "justerat",
    "narvarande",
    "ovriga",
    "ledamoter",
    "beslutande",
    "ersattare",
    "vid",
    "utses",
    "sammantrade",
    "dagordning",
    "kallelse",
    "presentator",
    "mote",
];

/// True for "Anna Elverskog", "Carina M Koutakis", "Ann-Charlotte Lilja", "Irén Lejegren".
pub fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || name.chars().count() > 50 {
        return false;
    }
    if NOT_NAME_WORDS.contains(
        &fold(words[0])
            .trim_end_matches([':', '.'])
            .to_string()
            .as_str(),
    ) {
        return false;
    }
    let last = words.len() - 1;
    words.iter().enumerate().all(|(k, w)| {
        let mut chars = w.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        // OCR turns a letter into a digit inside a word ("Ekstr6m"); a digit never starts one.
        let rest_ok = w
            .chars()
            .all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '-' || c == '\'' || c == '.')
            && w.chars().filter(char::is_ascii_digit).count() <= 1
            && (w.chars().count() < 3 || w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
        let initial = w.chars().filter(|c| c.is_alphabetic()).count() == 1;
        let has_lower = w.chars().skip(1).any(char::is_lowercase);
        first_upper
            && rest_ok
            && (has_lower || (initial && k != 0 && k != last))
            && !w.ends_with('-')
    })
}

fn clean_name(s: &str) -> String {
    squash_spaces(s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '.' | '-' | '—' | '_')
    }))
}

fn clean_org(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ':' | ';' | '.' | '-' | '—' | '–' | '_' | '}' | ')' | ']' | '|' | '~'
            )
    });
    let t = squash_spaces(t);
    (t.chars().any(char::is_alphabetic) && t.chars().count() <= 80).then_some(t)
}

/// "Ewa Lindberg Region Orebro I3n" → ("Ewa Lindberg", "Region Orebro I3n").
fn split_name_org(line: &str) -> Option<(String, Option<String>)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let start = folded
        .iter()
        .position(|w| ORG_STARTS.contains(&w.as_str()))
        .filter(|&k| k >= 2)
        .or_else(|| {
            folded
                .iter()
                .position(|w| ORG_ENDS.contains(&w.as_str()))
                .filter(|&k| k >= 3)
                .map(|k| k - 1)
        })?;
    let name = words[..start].join(" ");
    is_person_name(&name).then(|| (name, clean_org(&words[start..].join(" "))))
}

/// One attendee line; a second person may share the line ("Karlskoga kommun, Maria Karlsson (S), ersättare").
pub fn parse_person(line: &str) -> Vec<Attendee> {
    let line = line.trim().trim_start_matches(['•', '-', '–', '*']).trim();
    if line.is_empty() || line.chars().count() > 160 {
        return vec![];
    }
    let (without, presence, replaces) = take_presence_and_replaces(line);
    if presence.is_some() || replaces.is_some() {
        let mut people = parse_person_plain(&without);
        if let Some(first) = people.first_mut() {
            first.presence = presence;
            first.replaces = replaces;
            if first.replaces.is_some() && first.role.is_none() {
                first.role = Some(SERVING_SUBSTITUTE.to_string());
            }
        }
        people.truncate(1);
        return people;
    }
    parse_person_plain(line)
}

/// "Jan-Erik Wallin (M) (ordförande)": a party, then a role in parentheses.
fn role_in_parentheses(rest: &str) -> Option<&'static str> {
    let t = rest.trim();
    let inner = t.strip_prefix('(')?.strip_suffix(')')?;
    role_word(&fold(inner.trim()))
}

fn parse_person_plain(line: &str) -> Vec<Attendee> {
    let line = line.trim();
    if line.is_empty() {
        return vec![];
    }
    let cells: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let (head, tail) = if cells.len() >= 2 {
        (cells[0].to_string(), Some(cells[1..].join(", ")))
    } else {
        (line.to_string(), None)
    };
    let mut people = Vec::new();
    let mut org_cell = tail.clone();
    if let Some(c) = PARTY_FORM.captures(&head) {
        let name = clean_name(&c["name"]);
        if !is_person_name(&name) {
            return vec![];
        }
        let rest = c["rest"].to_string();
        if let Some(role) = role_in_parentheses(&rest) {
            return vec![Attendee {
                name,
                party: Some(c["party"].to_uppercase()),
                role: Some(role.to_string()),
                ..Attendee::default()
            }];
        }
        let org = match &tail {
            Some(t) => Some(t.clone()),
            None => Some(rest),
        };
        org_cell = org.clone();
        people.push(Attendee {
            name,
            party: Some(c["party"].to_uppercase()),
            organisation: org.as_deref().and_then(clean_org),
            ..Attendee::default()
        });
    } else if let Some(tail) = &tail {
        let name = clean_name(&head);
        if !is_person_name(&name) {
            return vec![];
        }
        people.push(Attendee {
            name,
            organisation: clean_org(tail),
            ..Attendee::default()
        });
    } else if let Some((name, org)) = head.split_once(',') {
        let name = clean_name(name);
        if !is_person_name(&name) || org.split_whitespace().count() > 8 {
            return vec![];
        }
        people.push(Attendee {
            name,
            organisation: clean_org(org),
            ..Attendee::default()
        });
    } else if let Some((name, org)) = split_name_org(&head) {
        people.push(Attendee {
            name,
            organisation: org,
            ..Attendee::default()
        });
    } else {
        let name = clean_name(&head);
        if !is_person_name(&name) {
            return vec![];
        }
        people.push(Attendee {
            name,
            ..Attendee::default()
        });
    }
    // A role written where the organisation would stand ("Åsa Öberg (S), ordförande").
    for person in &mut people {
        let role = person
            .organisation
            .as_deref()
            .and_then(|org| role_word(&fold(org)));
        if let Some(role) = role {
            person.role = Some(role.to_string());
            person.organisation = None;
        }
    }
    // A second person written into the organisation cell.
    if let Some(org) = org_cell {
        if let Some(c) = EXTRA_PERSON.captures(org.trim()) {
            let name = clean_name(&c["name"]);
            if is_person_name(&name) {
                if let Some(first) = people.first_mut() {
                    first.organisation = clean_org(&c["org"]);
                }
                let role = role_word(&fold(c["role"].trim()));
                people.push(Attendee {
                    name,
                    party: Some(c["party"].to_uppercase()),
                    role: role.map(str::to_string),
                    ..Attendee::default()
                });
            }
        }
    }
    people
}

/// One person per line, or several in one cell ("Anna Berg (S) Per Ek (M)", from `<br>` cells).
fn people_in(line: &str) -> Vec<Attendee> {
    let folded = fold(line);
    let replacing = folded.contains("ersatter ") || folded.contains("tjanstgor for ");
    let role_paren = PARTY_FORM
        .captures(line)
        .is_some_and(|c| role_in_parentheses(&c["rest"]).is_some());
    if line.matches('(').count() < 2
        || line.contains('\t')
        || (replacing && line.matches('(').count() <= 2)
        || role_paren
    {
        return parse_person(line);
    }
    PERSON_WITH_PARTY
        .find_iter(line)
        .flat_map(|m| parse_person(m.as_str()))
        .collect()
}

static NAME_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3})\s*\((?P<party>[A-ZÅÄÖ]{1,3}|[A-ZÅÄÖ][a-zåäö]{1,2})\)")
        .unwrap()
});

/// Label words that stand before a name in a flattened front page ("Justerande Cecilia Hjort").
const LABEL_WORDS: &[&str] = &[
    "beslutande",
    "ledamoter",
    "ersattare",
    "ordforande",
    "justerande",
    "justerare",
    "sekreterare",
    "underskrifter",
    "narvarande",
    "tjanstgorande",
    "ovriga",
    "ordf",
];

/// Many people run together in one long line (a flattened two-column front page):
/// "Anna Carlsson (S), ordf. Berith Gustafsson (S) tjänstgör för Thomas Bolin (S) Magnus
/// Johansson (S), kl. 08:15-15:40, §§ 126-141 …". Each "Name (Party)" is a person; what follows it
/// up to the next gives the role, the presence, or whom they replace (who is then not listed).
fn people_in_run(line: &str, default_role: &'static str) -> Vec<Attendee> {
    let found: Vec<regex::Captures> = NAME_PARTY.captures_iter(line).collect();
    let mut people: Vec<Attendee> = Vec::new();
    let mut skip_next = false;
    for (k, c) in found.iter().enumerate() {
        let whole = c.get(0).unwrap();
        let next_start = found
            .get(k + 1)
            .map_or(line.len(), |n| n.get(0).unwrap().start());
        let rest = &line[whole.end()..next_start];
        let mut words: Vec<&str> = c["name"].split_whitespace().collect();
        while words.len() > 2 && LABEL_WORDS.contains(&fold(words[0]).as_str()) {
            words.remove(0);
        }
        let name = words.join(" ");
        let replaced = skip_next;
        skip_next = false;
        let folded_rest = fold(rest);
        let replaces_next = folded_rest.contains("tjanstgor for")
            || folded_rest.contains("ersattare for")
            || folded_rest.contains("ersatter");
        if replaced {
            if let Some(last) = people.last_mut() {
                last.replaces = Some(format!("{} ({})", name, &c["party"]));
            }
            continue;
        }
        if !is_person_name(&name) {
            continue;
        }
        let role = folded_rest
            .split([',', ' '])
            .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != ':'))
            .find_map(|w| role_word(w).filter(|r| *r == CHAIR))
            .or_else(|| {
                let f = folded_rest.trim_start_matches([',', ' ']);
                [
                    ("2:e vice ordf", SECOND_VICE_CHAIR),
                    ("1:e vice ordf", FIRST_VICE_CHAIR),
                    ("vice ordf", VICE_CHAIR),
                ]
                .iter()
                .find(|(p, _)| f.starts_with(p))
                .map(|(_, r)| *r)
            })
            .or(replaces_next.then_some(SERVING_SUBSTITUTE))
            .unwrap_or(default_role);
        let (_, presence, _) = take_presence_and_replaces_inner(rest);
        skip_next = replaces_next;
        if people.iter().any(|p| same_person(&p.name, &name)) {
            continue;
        }
        people.push(Attendee {
            name,
            party: Some(c["party"].to_uppercase()),
            role: Some(role.to_string()),
            presence,
            ..Attendee::default()
        });
    }
    people
}

/// A role word as written ("Ordforande", "Justerande", "Vid protokollet") → the role.
fn role_word(folded: &str) -> Option<&'static str> {
    let w = folded.trim_matches(|c: char| !c.is_alphanumeric());
    match w {
        "ordforande" | "ordf" | "motesordforande" => Some(CHAIR),
        "justerare" | "justerande" | "justeras" | "justeringsperson" => Some(ADJUSTER),
        "sekreterare" | "protokollforare" | "vid protokollet" | "protokollet" => Some(SECRETARY),
        "ersattare" => Some(SUBSTITUTE),
        "tjanstgorande ersattare" => Some(SERVING_SUBSTITUTE),
        "vice ordforande" | "vice ordf" => Some(VICE_CHAIR),
        "1:e vice ordforande" | "forste vice ordforande" => Some(FIRST_VICE_CHAIR),
        "2:e vice ordforande" | "andre vice ordforande" => Some(SECOND_VICE_CHAIR),
        "ledamot" => Some(MEMBER),
        _ => None,
    }
}

/// The roles of a signature label line ("Ordförande", "Vid protokollet:", "Ordforande Justerare").
fn label_roles(folded_line: &str) -> Vec<&'static str> {
    if folded_line.len() > 120 {
        return vec![];
    }
    let folded = folded_line.replace(':', " ");
    let squashed = squash_spaces(&folded);
    if squashed == "vid protokollet" {
        return vec![SECRETARY];
    }
    // Signature lines: "Underskrifter  Sekreterare  ........  Paragrafer 49-63".
    let mut words: Vec<&str> = squashed
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.first().is_some_and(|w| w.starts_with("underskrift")) {
        words.remove(0);
    }
    if let Some(cut) = words
        .iter()
        .position(|w| w.starts_with("paragraf") || w.starts_with('§'))
    {
        words.truncate(cut);
    }
    if words.is_empty() || words.len() > 4 {
        return vec![];
    }
    let roles: Vec<&'static str> = words
        .iter()
        .map(|w| role_word(w))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    roles
        .into_iter()
        .filter(|r| matches!(*r, CHAIR | ADJUSTER | SECRETARY))
        .collect()
}

/// Attendance labels that may stand before the first name on the same line, separated only by a
/// space ("Beslutande  Jan-Erik Wallin (M)", "ersättare Irene Jonsson (S)").
const LIST_LABELS: &[&str] = &[
    "ej tjanstgorande ersattare",
    "tjanstgorande ersattare",
    "narvarande ersattare",
    "narvarande ledamoter",
    "ovriga deltagare",
    "ovriga narvarande",
    "beslutande ledamoter",
    "beslutande",
    "ledamoter",
    "ersattare",
    "ej tjanstgorande",
];

fn label_prefix(line: &str) -> Option<(&str, &str)> {
    let folded = fold(line);
    let label = LIST_LABELS.iter().find(|l| {
        folded
            .strip_prefix(*l)
            .is_some_and(|rest| rest.starts_with([' ', ':']) && rest.trim().len() > 2)
    })?;
    // Folding keeps one char per char for Swedish letters: cut by characters.
    let at = line
        .char_indices()
        .nth(label.chars().count())
        .map_or(line.len(), |(i, _)| i);
    Some((&line[..at], line[at..].trim_start_matches([':', ' '])))
}

/// Section headers of attendee lists: the role they give, or `Skip` for the absent./// Section headers of attendee lists: the role they give, or `Skip` for the absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Role(&'static str),
    Skip,
}

fn section_header(line: &str, folded_line: &str) -> Option<Section> {
    if folded_line.len() > 80 {
        return None;
    }
    let folded = squash_spaces(&folded_line.replace(':', " "));
    if folded.starts_with("ej narvarande")
        || folded.starts_with("franvarande")
        || folded.starts_with("anmalt forhinder")
        || folded.starts_with("ej tjanstgorande")
    {
        return Some(Section::Skip);
    }
    if folded.is_empty() || folded.split_whitespace().count() > 4 || line.contains('(') {
        return None;
    }
    if folded.starts_with("ovrig")
        || folded.starts_with("adjungerad")
        || folded.contains("tjansteman")
        || folded == "deltagare"
        || folded.starts_with("ovriga deltagare")
    {
        return Some(Section::Role(OTHER));
    }
    if folded.contains("ersattare") {
        return Some(Section::Role(SUBSTITUTE));
    }
    if folded.contains("ledam") || folded.starts_with("beslutande") || folded.contains("varande") {
        return Some(Section::Role(MEMBER));
    }
    None
}

/// "Utses att justera Zophia Zander Norell, Tibro kommun", "Ordförande: Anna Andersson (S)".
fn inline_role(line: &str, folded: &str) -> Option<(&'static str, String)> {
    const PREFIXES: &[(&str, &str)] = &[
        ("utses att justera", ADJUSTER),
        ("justerare:", ADJUSTER),
        ("justerande:", ADJUSTER),
        ("ordforande:", CHAIR),
        ("sekreterare:", SECRETARY),
        ("vid protokollet:", SECRETARY),
        ("protokollforare:", SECRETARY),
    ];
    for (prefix, role) in PREFIXES {
        if folded.starts_with(prefix) {
            // Folding keeps one char per char for Swedish letters, so char counts line up.
            let skip = prefix.chars().count();
            let rest: String = line.trim().chars().skip(skip).collect();
            let person = parse_person(&rest);
            return person.into_iter().next().map(|p| (*role, p.name));
        }
    }
    None
}

/// Split a two-column name line into `k` names, preferring names already known from the lists.
fn split_names(line: &str, k: usize, known: &[String]) -> Option<Vec<String>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if k == 1 {
        let people = parse_person(line);
        return people.first().map(|p| vec![p.name.clone()]);
    }
    if words.len() < 2 * k || words.len() > 4 * k {
        return None;
    }
    // Known names first: each group a known attendee.
    fn search(words: &[&str], k: usize, known: &[String], out: &mut Vec<String>) -> bool {
        if k == 0 {
            return words.is_empty();
        }
        for take in 2..=4.min(words.len()) {
            let name = words[..take].join(" ");
            if known.contains(&fold(&name)) {
                out.push(name);
                if search(&words[take..], k - 1, known, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
    let mut out = Vec::new();
    if search(&words, k, known, &mut out) {
        return Some(out);
    }
    if words.len() == 2 * k {
        let names: Vec<String> = words.chunks(2).map(|c| c.join(" ")).collect();
        if names.iter().all(|n| is_person_name(n)) {
            return Some(names);
        }
    }
    None
}

/// Folded names equal, an OCR digit standing for any one letter ("Ekstr6m" is "Ekström").
fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x.is_ascii_digit() || y.is_ascii_digit())
}

fn give_role(attendees: &mut Vec<Attendee>, name: &str, role: &str) {
    match attendees.iter_mut().find(|a| same_person(&a.name, name)) {
        Some(a) => {
            let signature = matches!(a.role.as_deref(), Some(CHAIR | ADJUSTER | SECRETARY))
                || a.role.as_deref().is_some_and(|r| r.contains("ordförande"));
            if !signature {
                a.role = Some(role.to_string());
            }
        }
        None => attendees.push(Attendee {
            name: squash_spaces(name),
            role: Some(role.to_string()),
            ..Attendee::default()
        }),
    }
}

/// Names found beside a signature label (above or below it), one per role of the label.
type NamesBeside = Option<Vec<String>>;

/// Attendees named in the head of the file (lines before `head_end`).
pub fn find_attendees(c: &Cleaned, head_end: usize) -> Vec<Attendee> {
    let end = head_end.min(c.lines.len());
    let mut attendees: Vec<Attendee> = Vec::new();
    let mut section: Option<Section> = None;
    let mut labels: Vec<(usize, Vec<&'static str>)> = Vec::new();
    let mut inline: Vec<(&'static str, String)> = Vec::new();
    for i in 0..end {
        let line = c.lines[i].trimmed();
        if line.is_empty() {
            continue;
        }
        let folded = fold(line);
        if let Some(s) = section_header(line, &folded) {
            section = Some(s);
            continue;
        }
        // "Beslutande<TAB>Anna Berg (S), ordförande": the header's cell, then the first person.
        let mut line = line;
        // PDF export keeps the label column apart by a run of spaces, not a tab.
        let split = line
            .split_once('\t')
            .or_else(|| line.split_once("   "))
            .or_else(|| label_prefix(line))
            .map(|(a, b)| (a.trim(), b.trim()));
        if let Some((cell, rest)) = split {
            let cell_folded = fold(cell);
            if let Some(s) = section_header(cell, &cell_folded) {
                // "Ej tjänstgörande" over "ersättare": the label's second line keeps its section.
                let continued = section == Some(Section::Skip)
                    && matches!(cell_folded.trim(), "ersattare" | "ledamoter");
                if !continued {
                    section = Some(s);
                }
                line = rest;
            }
        }
        let folded = if line.len() == folded.len() {
            folded
        } else {
            fold(line)
        };
        let roles = label_roles(&folded);
        if !roles.is_empty() {
            labels.push((i, roles));
            section = None;
            continue;
        }
        if let Some(found) = inline_role(line, &folded) {
            inline.push(found);
            section = None;
            continue;
        }
        // A flattened front page: many "Name (Party)" in one long line.
        if line.chars().count() > 160 && NAME_PARTY.find_iter(line).count() >= 3 {
            let f = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
            let role = if f.starts_with("ersattare") || f.starts_with("narvarande ersattare") {
                SUBSTITUTE
            } else if f.starts_with("ovrig") {
                OTHER
            } else {
                MEMBER
            };
            for person in people_in_run(line, role) {
                if !attendees.iter().any(|a| same_person(&a.name, &person.name)) {
                    attendees.push(person);
                }
            }
            continue;
        }
        match section {
            Some(Section::Role(role)) => {
                for mut person in people_in(line) {
                    if person.role.is_none() {
                        person.role = Some(role.to_string());
                    }
                    if !attendees
                        .iter()
                        .any(|a| fold(&a.name) == fold(&person.name))
                    {
                        attendees.push(person);
                    }
                }
                if line.chars().count() > 160 && !line.contains('(') {
                    section = None;
                }
            }
            Some(Section::Skip) | None => {
                if folded.starts_with("justerat")
                    || folded.starts_with("paragrafer")
                    || folded.starts_with("plats")
                {
                    section = None;
                }
            }
        }
    }
    let known: Vec<String> = attendees.iter().map(|a| fold(&a.name)).collect();
    // Where a label's name stands: above it, below it, or (when both could be) the file's habit.
    let name_at = |j: Option<usize>, k: usize| -> Option<Vec<String>> {
        let j = j.filter(|&j| j < end)?;
        let line = c.lines[j].trimmed();
        let folded = fold(line);
        if !label_roles(&folded).is_empty() || section_header(line, &folded).is_some() {
            return None;
        }
        split_names(line, k, &known)
    };
    let mut resolved: Vec<(Vec<&'static str>, NamesBeside, NamesBeside)> = Vec::new();
    let (mut above_votes, mut below_votes) = (0, 0);
    for (i, roles) in &labels {
        let above = name_at(c.prev_nonblank(*i, 3), roles.len());
        let below = name_at(c.next_nonblank(*i, 3), roles.len());
        match (&above, &below) {
            (Some(_), None) => above_votes += 1,
            (None, Some(_)) => below_votes += 1,
            _ => {}
        }
        resolved.push((roles.clone(), above, below));
    }
    for (roles, above, below) in resolved {
        let names = match (above, below) {
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (Some(a), Some(b)) => {
                if above_votes > below_votes {
                    a
                } else {
                    b
                }
            }
            (None, None) => continue,
        };
        for (role, name) in roles.iter().zip(names) {
            give_role(&mut attendees, &name, role);
        }
    }
    for (role, name) in inline {
        give_role(&mut attendees, &name, role);
    }
    attendees
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::clean::clean;

    fn find(text: &str) -> Vec<Attendee> {
        let c = clean(text);
        find_attendees(&c, c.lines.len())
    }

    fn role_of<'a>(people: &'a [Attendee], name: &str) -> Option<&'a str> {
        people
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.role.as_deref())
    }

    #[test]
    fn front_page_shapes_with_roles_substitutes_and_presence() {
        let people = find("Beslutande               Jan-Erik Wallin (M) (ordförande)\n                         Anton César (S) (vice ordförande)\n                         Peter Norlander (S) §§94-98\n                         Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)\n\nEj tjänstgörande         Oscar Allard (S) §§94-98\nersättare                Thomas Thim (M)\n\nUtses att justera        Anton César\n");
        let get = |n: &str| people.iter().find(|a| a.name == n).cloned();
        assert_eq!(
            get("Jan-Erik Wallin").unwrap().role.as_deref(),
            Some("ordförande")
        );
        let vice = get("Anton César").unwrap();
        assert_eq!(
            (vice.party.as_deref(), vice.role.as_deref()),
            (Some("S"), Some("vice ordförande"))
        );
        assert_eq!(
            get("Peter Norlander").unwrap().presence.as_deref(),
            Some("§§94-98")
        );
        let sub = get("Irene Jonsson").unwrap();
        assert_eq!(sub.replaces.as_deref(), Some("Peter Norlander (S)"));
        assert_eq!(sub.presence.as_deref(), Some("§§99-110"));
        assert_eq!(sub.role.as_deref(), Some("tjänstgörande ersättare"));
        assert!(
            get("Oscar Allard").is_none() && get("Thomas Thim").is_none(),
            "{people:?}"
        );
    }

    #[test]
    fn labels_separated_by_one_space_as_pdf_text_layers_give_them() {
        let people = find("Beslutande  Jan-Erik Wallin (M) (ordförande)\nAnton César (S) (vice ordförande)\nMartin Lindberg (V) ersätter Sanna Dabolins (V)\nEj tjänstgörande\nersättare Irene Jonsson (S) §§94-98\nThomas Thim (M)\nÖvriga deltagare Ulrika Månsson (kommunsekreterare)\nUtses att justera Anton César\n");
        let names: Vec<&str> = people.iter().map(|a| a.name.as_str()).collect();
        assert!(
            names.starts_with(&["Jan-Erik Wallin", "Anton César", "Martin Lindberg"]),
            "{names:?}"
        );
        assert!(!names.contains(&"Irene Jonsson") && !names.contains(&"Thomas Thim"));
        assert_eq!(people[0].party.as_deref(), Some("M"));
        assert_eq!(people[1].role.as_deref(), Some("vice ordförande"));
    }

    #[test]
    fn a_flattened_front_page_line_of_many_people() {
        let people = find("> Beslutande Anna Carlsson (S), ordf. Berith Gustafsson (S) tjänstgör för Thomas Bolin (S) Magnus Johansson (S), kl. 13:00-17:25, §§ 100-114 Ola Olsson (C) Stig-Arne Tengmer (L) Christina Björkhag (M)\n");
        let names: Vec<&str> = people.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Anna Carlsson",
                "Berith Gustafsson",
                "Magnus Johansson",
                "Ola Olsson",
                "Stig-Arne Tengmer",
                "Christina Björkhag"
            ]
        );
        assert_eq!(people[0].role.as_deref(), Some("ordförande"));
        assert_eq!(people[1].replaces.as_deref(), Some("Thomas Bolin (S)"));
        assert_eq!(
            people[2].presence.as_deref(),
            Some("kl. 13:00-17:25, §§ 100-114")
        );
    }

    #[test]
    fn person_lines_in_many_shapes() {
        let p = parse_person("Johanna Martin (M) Askersund kommun");
        assert_eq!(
            (
                p[0].name.as_str(),
                p[0].party.as_deref(),
                p[0].organisation.as_deref()
            ),
            ("Johanna Martin", Some("M"), Some("Askersund kommun"))
        );
        let p = parse_person("UllaKalander Karlsson{S}——————— liusnarsbergkommun");
        assert_eq!(p[0].party.as_deref(), Some("S"));
        assert_eq!(p[0].organisation.as_deref(), Some("liusnarsbergkommun"));
        let p = parse_person("Ola Ström (S)\tHallsbergs kommun");
        assert_eq!(p[0].organisation.as_deref(), Some("Hallsbergs kommun"));
        let p = parse_person("Katarina Lindberg, Skövde");
        assert_eq!(p[0].organisation.as_deref(), Some("Skövde"));
        let p = parse_person("Anita Thorsberg Ladinek Region Orebro l3n");
        assert_eq!(p[0].name, "Anita Thorsberg Ladinek");
        assert_eq!(p[0].organisation.as_deref(), Some("Region Orebro l3n"));
        let p =
            parse_person("Anneli Bramvehl (M)\tKarlskoga kommun, Maria Karlsson (S), ersättare");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].organisation.as_deref(), Some("Karlskoga kommun"));
        assert_eq!(
            (p[1].name.as_str(), p[1].role.as_deref()),
            ("Maria Karlsson", Some("ersättare"))
        );
        assert!(parse_person("T i5rn-Backrud(KD) Laxs").is_empty());
        assert!(parse_person("Dagordningen godkändes.").is_empty());
    }

    #[test]
    fn lists_give_members_and_others() {
        let people = find("Närvarande ledamöter:\nAnna Berg (S) Nora kommun\n\nÖvriga närvarande:\nEva Sund Region Örebro län\n");
        assert_eq!(role_of(&people, "Anna Berg"), Some("ledamot"));
        assert_eq!(role_of(&people, "Eva Sund"), Some("övrig"));
    }

    #[test]
    fn two_column_signature_uses_known_names() {
        let people = find("Justerat den:\n2020-11-17\nIrén Lejegren Linda Svahn\nOrdforande Justerare\n\nLedamöter:\nLinda Svahn (S) Lindesberg\nIrén Lejegren (S) Region\n");
        assert_eq!(role_of(&people, "Irén Lejegren"), Some("ordförande"));
        assert_eq!(role_of(&people, "Linda Svahn"), Some("justerare"));
        assert_eq!(
            people
                .iter()
                .find(|a| a.name == "Linda Svahn")
                .unwrap()
                .party
                .as_deref(),
            Some("S")
        );
    }

    #[test]
    fn label_above_or_below_follows_the_files_habit() {
        let below = find("Sekreterare\n\nHillevi Larsson\n\nParagrafer 1-3\nOrdförande\n\nKatarina Lindberg\n\nJusterande\n\nZophia Zander Norell\n");
        assert_eq!(role_of(&below, "Katarina Lindberg"), Some("ordförande"));
        assert_eq!(role_of(&below, "Zophia Zander Norell"), Some("justerare"));
        assert_eq!(role_of(&below, "Hillevi Larsson"), Some("sekreterare"));
        let above = find("Carina M Koutakis\n\nSekreterare\n\nJusterat den:\n\n2023-10-10\n\nCharlotta Englund\n\nOrdförande\n\nVeronica Ulfgren\n\nJusterare\n\nNärvarande ledamöter:\n");
        assert_eq!(role_of(&above, "Charlotta Englund"), Some("ordförande"));
        assert_eq!(role_of(&above, "Veronica Ulfgren"), Some("justerare"));
        assert_eq!(role_of(&above, "Carina M Koutakis"), Some("sekreterare"));
    }

    #[test]
    fn municipal_layout_with_header_cells_and_dotted_signatures() {
        let text = "Beslutande\tGöran Sundström (C), ordförande\n\tAnna Nordengren (MP)\n\nÖvriga deltagare\tHenrik Ekström, sekreterare\n\tJenny Blom, Skaraborgs Kommunalförbund\n\nUtses att justera\tAnna Nordengren\n\nUnderskrifter\tSekreterare\t..........\tParagrafer 49-63\n\t\tHenrik Ekstr6m\n\tOrdförande\t..........\n\t\tGöran Sundström\n";
        let people = find(text);
        assert_eq!(role_of(&people, "Göran Sundström"), Some("ordförande"));
        assert_eq!(
            people
                .iter()
                .find(|a| a.name == "Göran Sundström")
                .unwrap()
                .party
                .as_deref(),
            Some("C")
        );
        assert_eq!(role_of(&people, "Anna Nordengren"), Some("justerare"));
        assert_eq!(role_of(&people, "Henrik Ekström"), Some("sekreterare"));
        assert_eq!(role_of(&people, "Jenny Blom"), Some("övrig"));
        assert_eq!(
            people.len(),
            4,
            "the OCR'd signature name is the same person: {people:?}"
        );
    }

    #[test]
    fn several_people_in_one_table_cell() {
        let people = find("| Beslutande | Frida Dahlgren (V)<br>Johanna Lindqvist (L), ordförande<br>Emma Appelgren (MP) |\n");
        let names: Vec<&str> = people.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Frida Dahlgren", "Johanna Lindqvist", "Emma Appelgren"]
        );
        assert_eq!(role_of(&people, "Johanna Lindqvist"), Some("ordförande"));
        assert_eq!(people[2].party.as_deref(), Some("MP"));
    }

    #[test]
    fn inline_roles_and_absentees() {
        let people = find("Ej närvarande\nAnna Andersson, Grästorp\nUtses att justera Zophia Zander Norell, Tibro kommun\n");
        assert_eq!(people.len(), 1);
        assert_eq!(role_of(&people, "Zophia Zander Norell"), Some("justerare"));
    }
}
