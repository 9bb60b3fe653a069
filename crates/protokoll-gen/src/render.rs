//! Layout: turns a planned meeting into the text of a file in one of the sample protocols'
//! shapes: letterheads, attendee blocks, numbered or § items, wrapped and hyphenated lines, and
//! page furniture repeated every ~40 lines.

use super::agenda::{ItemPlan, MeetingPlan};
use super::prose::cap;
use super::rng::Rng;
use super::vocab::*;
use super::world::{Layout, Level, World};
use chrono::{Datelike, NaiveDate};

/// How much of the meeting's date the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInText {
    /// Day, month and year ("Onsdag 4 november 2020", "2021-03-15").
    Full,
    /// Weekday, day and month only ("Fredag den 11 februari").
    WeekdayOnly,
    /// No date (slide decks).
    None,
}

pub struct Rendered {
    pub text: String,
    pub date_in_text: DateInText,
}

/// Lines of a document under construction, with optional wrapping and hyphenation.
struct Doc {
    lines: Vec<String>,
    width: Option<usize>,
    hyphenate: f64,
}

impl Doc {
    fn new(width: Option<usize>, hyphenate: f64) -> Doc {
        Doc {
            lines: Vec::with_capacity(400),
            width,
            hyphenate,
        }
    }

    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// A paragraph, wrapped to the document's width (if any).
    fn para(&mut self, rng: &mut Rng, text: &str) {
        match self.width {
            Some(w) => {
                let wrapped = wrap(rng, text, w, self.hyphenate);
                self.lines.extend(wrapped);
            }
            None => self.lines.push(text.to_string()),
        }
    }

    /// A heading such as "4. Title" whose title may wrap onto following lines (never hyphenated).
    fn heading(&mut self, rng: &mut Rng, prefix: &str, title: &str) {
        let text = format!("{prefix}{title}");
        match self.width {
            Some(w) => {
                let wrapped = wrap(rng, &text, w, 0.0);
                self.lines.extend(wrapped);
            }
            None => self.lines.push(text),
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é')
}

/// Where a word may be broken with a hyphen, Swedish style: before a consonant that starts a
/// syllable (the next line begins consonant + vowel: "finansie-rats", "kommunstyrel-sen").
/// The largest such char index ≤ `max`, with at least three letters on each side.
fn hyphen_point(word: &str, max: usize) -> Option<usize> {
    let chars: Vec<char> = word.chars().collect();
    if !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let hi = max.min(chars.len().saturating_sub(3));
    (3..=hi).rev().find(|&i| {
        !is_vowel(chars[i].to_ascii_lowercase()) && is_vowel(chars[i + 1].to_ascii_lowercase())
    })
}

/// Greedy word wrap at `width` characters; a long word that does not fit is hyphenated across
/// the line end with probability `hyphenate` ("finansie-" / "rats").
fn wrap(rng: &mut Rng, text: &str, width: usize, hyphenate: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0usize;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wlen = word.chars().count();
        if cur_len == 0 {
            cur.push_str(word);
            cur_len = wlen;
            continue;
        }
        if cur_len + 1 + wlen <= width {
            cur.push(' ');
            cur.push_str(word);
            cur_len += 1 + wlen;
            continue;
        }
        let room = width.saturating_sub(cur_len + 2);
        if wlen >= 8 && room >= 3 && rng.chance(hyphenate) {
            if let Some(at) = hyphen_point(word, room) {
                let split = word
                    .char_indices()
                    .nth(at)
                    .map(|(b, _)| b)
                    .unwrap_or(word.len());
                cur.push(' ');
                cur.push_str(&word[..split]);
                cur.push('-');
                lines.push(std::mem::take(&mut cur));
                cur.push_str(&word[split..]);
                cur_len = wlen - at;
                continue;
            }
        }
        lines.push(std::mem::take(&mut cur));
        cur.push_str(word);
        cur_len = wlen;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Insert `header(page, pages)` before every page after the first, a page being `per_page`
/// lines of `body`.
fn paginate(
    body: Vec<String>,
    per_page: usize,
    header: impl Fn(usize, usize) -> Vec<String>,
) -> Vec<String> {
    let pages = body.len().div_ceil(per_page).max(1);
    let mut out = Vec::with_capacity(body.len() + pages * 8);
    for (i, line) in body.into_iter().enumerate() {
        if i > 0 && i % per_page == 0 {
            out.extend(header(i / per_page + 1, pages));
        }
        out.push(line);
    }
    out
}

fn join(lines: Vec<String>) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

fn weekday(date: NaiveDate) -> &'static str {
    SWEDISH_WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

fn month(date: NaiveDate) -> &'static str {
    SWEDISH_MONTHS[date.month0() as usize]
}

/// "Onsdag 4 november 2020".
fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        cap(weekday(date)),
        date.day(),
        month(date),
        date.year()
    )
}

/// Wrap a name at ~50 columns the way letterheads break.
fn letterhead_lines(name: &str) -> Vec<String> {
    let mut dummy = Rng::new(0);
    wrap(&mut dummy, name, 50, 0.0)
}

/// Minutes of a regional council (`Layout::Numbered`/`NumberedModern`): numbered items.
pub fn numbered(rng: &mut Rng, world: &World, plan: &MeetingPlan, modern: bool) -> Rendered {
    let council = &world.councils[plan.council];
    let region = &REGIONS[council.region];
    let width = (!modern).then(|| rng.range(62, 74));
    let mut doc = Doc::new(width, if modern { 0.0 } else { 0.6 });
    let letterhead: Vec<String> = if modern {
        vec![
            council.name.clone(),
            format!("{} och länets kommuner", council.org),
            String::new(),
            "Tjänsteställe".into(),
            "Förv. Regional utveckling".into(),
            String::new(),
            "Sekreterare".into(),
            council.secretary.clone(),
            String::new(),
        ]
    } else {
        let mut l = letterhead_lines(&council.name);
        if let Some(last) = l.last_mut() {
            last.push_str(" Tjänsteställe Sekreterare");
        }
        l.push(format!(
            "{} och länets kommuner Förv. Regional utveckling {}",
            council.org, council.secretary
        ));
        l
    };
    doc.blank();
    doc.lines.extend(letterhead.iter().cloned());
    doc.blank();
    let title = if rng.chance(0.5) {
        "Protokoll till"
    } else {
        "Protokoll"
    };
    doc.heading(rng, "", &format!("{title} {}", council.name));
    doc.blank();
    let start = rng.range(8, 13);
    doc.line(format!(
        "Tid: {} kl {}:00 {} {}:00",
        long_date(plan.date),
        start,
        if modern { "-" } else { "—" },
        start + rng.range(2, 4)
    ));
    doc.line(format!("Plats: {}", council.place));
    doc.line("Vid protokollet:");
    doc.blank();
    doc.line(council.secretary.clone());
    doc.line("Sekreterare");
    doc.blank();
    doc.line("Justerat den:");
    doc.blank();
    let approved = plan.date + chrono::Days::new(rng.range(5, 14) as u64);
    doc.line(approved.format("%Y-%m-%d").to_string());
    let chair = &plan.members[plan.chair];
    let adjuster = &plan.members[plan.adjuster];
    if modern {
        doc.blank();
        doc.line(chair.name.clone());
        doc.blank();
        doc.line("Ordförande");
        doc.blank();
        doc.line(adjuster.name.clone());
        doc.blank();
        doc.line("Justerare");
    } else {
        doc.line(format!("{} {}", chair.name, adjuster.name));
        doc.line("Ordförande Justerare");
    }
    doc.blank();
    doc.line("Närvarande ledamöter:");
    doc.blank();
    let sep = if modern { "\t" } else { " " };
    for m in &plan.members {
        doc.line(format!("{} ({}){sep}{}", m.name, m.party, m.org));
        if !modern && rng.chance(0.3) {
            doc.blank();
        }
    }
    doc.blank();
    doc.line("Övriga närvarande:");
    doc.blank();
    for o in &plan.others {
        doc.line(o.replacen(", ", sep, 1));
    }
    if !modern {
        doc.line("POSTADRESS BESÖKSADRESS TELEFON TELEFAX ORG.NR PLUSGIRO");
        doc.line(format!(
            "{} {}vägen {} 0{}-{} 00 232100-0{}",
            region.org,
            ["Eklunda", "Stor", "Kungs", "Skol"][rng.below(4)],
            rng.range(1, 40),
            rng.range(10, 99),
            rng.range(100, 999),
            rng.range(100, 999)
        ));
        doc.line(format!("Box {} {}", rng.range(100, 9999), region.seat));
        doc.blank();
    }
    doc.blank();

    for (i, item) in plan.items.iter().enumerate() {
        let number = i + 1;
        let title = if modern && !item.procedural && rng.chance(0.3) {
            format!("**{}**", item.title)
        } else {
            item.title.clone()
        };
        doc.heading(rng, &format!("{number}. "), &title);
        if modern || rng.chance(0.4) {
            doc.blank();
        }
        for p in &item.presenters {
            doc.line(p.clone());
        }
        numbered_body(rng, &mut doc, item, modern);
        doc.blank();
    }

    let per_page = rng.range(38, 46);
    let body = std::mem::take(&mut doc.lines);
    let lines = paginate(body, per_page, |page, pages| {
        let mut h = vec![String::new(), String::new()];
        if !modern {
            h.push(format!("{page}({pages})"));
        }
        h.extend(letterhead.iter().cloned());
        h
    });
    Rendered {
        text: join(lines),
        date_in_text: DateInText::Full,
    }
}

fn numbered_body(rng: &mut Rng, doc: &mut Doc, item: &ItemPlan, modern: bool) {
    for (pi, p) in item.paragraphs.iter().enumerate() {
        let mut text = p.clone();
        if pi == 0 {
            if let Some(case) = &item.case_number {
                if rng.chance(0.3) {
                    text.push_str(&format!(" (dnr {case})"));
                }
            }
        }
        doc.para(rng, &text);
        if modern || rng.chance(0.5) {
            doc.blank();
        }
        if pi == 0 && !item.bullets.is_empty() {
            for b in &item.bullets {
                doc.para(rng, &format!("• {b}"));
            }
            doc.blank();
        }
    }
    if let Some(d) = &item.decision {
        doc.para(rng, &format!("Mötet beslutade att {d}."));
    }
    if !item.procedural && rng.chance(0.4) {
        doc.line(rng.pick(OUTCOMES).to_string());
    }
}

/// A federation's minutes (`Layout::Paragraph`): "§ 18 Title", weekday-only date.
pub fn paragraph(rng: &mut Rng, world: &World, plan: &MeetingPlan) -> Rendered {
    let council = &world.councils[plan.council];
    let region = &REGIONS[council.region];
    let mut doc = Doc::new(None, 0.0);
    doc.blank();
    doc.blank();
    doc.line(council.name.to_uppercase());
    doc.blank();
    doc.line("PROTOKOLL");
    doc.blank();
    let with_year = rng.chance(0.4);
    let date = format!(
        "{} den {} {}{}",
        cap(weekday(plan.date)),
        plan.date.day(),
        month(plan.date),
        if with_year {
            format!(" {}", plan.date.year())
        } else {
            String::new()
        }
    );
    doc.line(format!(
        "Tid och plats {date}, {}.",
        council.place.to_lowercase()
    ));
    doc.blank();
    doc.line("Beslutande");
    doc.blank();
    for m in &plan.members {
        let town = m.org.trim_end_matches(" kommun").trim_end_matches('s');
        if council.level == Level::Municipal {
            doc.line(format!("{} ({})", m.name, m.party));
        } else {
            doc.line(format!("{}, {}", m.name, town));
        }
    }
    doc.blank();
    if rng.chance(0.5) {
        doc.line(format!(
            "Ej närvarande {}, {}",
            super::world::municipality_org(rng.pick(region.municipalities)),
            super::world::municipality_org(rng.pick(region.municipalities))
        ));
        doc.blank();
    }
    doc.line("Övriga deltagande");
    doc.blank();
    for o in &plan.others {
        doc.line(o.clone());
    }
    doc.blank();
    let adjuster = &plan.members[plan.adjuster];
    doc.line(format!(
        "Utses att justera {}, {}",
        adjuster.name, adjuster.org
    ));
    doc.blank();
    doc.line("Sekreterare");
    doc.blank();
    doc.line(council.secretary.clone());
    doc.blank();
    let last = plan.first_number + plan.items.len() - 1;
    doc.line(format!("Paragrafer {} - {}", plan.first_number, last));
    doc.blank();
    doc.line("Ordförande");
    doc.blank();
    doc.line(plan.members[plan.chair].name.clone());
    doc.blank();
    doc.line("Justerande");
    doc.blank();
    doc.line(adjuster.name.clone());
    doc.blank();
    doc.blank();
    for (i, item) in plan.items.iter().enumerate() {
        let mut title = item.title.clone();
        if !item.procedural && rng.chance(0.2) {
            let first = plan.members[rng.below(plan.members.len())]
                .name
                .split(' ')
                .next()
                .unwrap_or("");
            title = format!("{title} ({first})");
        }
        doc.line(format!("§ {} {}", plan.first_number + i, title));
        doc.blank();
        for (pi, p) in item.paragraphs.iter().enumerate() {
            if pi > 0 && rng.chance(0.4) {
                // A sub-heading inside the item, as in "Rapport Kompetensforum".
                doc.line(cap(&super::prose::compound(rng)));
                doc.blank();
            }
            doc.line(p.clone());
            doc.blank();
        }
        for b in &item.bullets {
            doc.line(format!("• {b}"));
        }
        if !item.bullets.is_empty() {
            doc.blank();
        }
        if let Some(d) = &item.decision {
            doc.line("Mötet beslutar att:");
            doc.blank();
            doc.line(format!("{}.", cap(d)));
            doc.blank();
        }
    }
    Rendered {
        text: join(doc.lines),
        date_in_text: if with_year {
            DateInText::Full
        } else {
            DateInText::WeekdayOnly
        },
    }
}

/// A municipality's "Sammanträdesprotokoll" (`Layout::Municipal`).
pub fn municipal(rng: &mut Rng, world: &World, plan: &MeetingPlan) -> Rendered {
    let council = &world.councils[plan.council];
    let body_name = council
        .name
        .split(" i ")
        .next()
        .unwrap_or(&council.name)
        .to_string();
    let iso = plan.date.format("%Y-%m-%d").to_string();
    let width = rng.chance(0.5).then(|| rng.range(70, 84));
    let mut doc = Doc::new(width, 0.3);
    let org_upper = council.org.to_uppercase();
    doc.line(format!("{org_upper}\t\tSAMMANTRÄDESPROTOKOLL"));
    doc.line("\t\tSammanträdesdatum");
    // The body as the municipality writes it: several towns have a "Kommunstyrelsen", and the
    // letterhead's organisation tells them apart.
    doc.line(format!("{body_name}\t\t{iso}"));
    doc.blank();
    let start = rng.range(8, 15);
    doc.line(format!(
        "Plats och tid\t{}, kl {start}.00–{}.30",
        council.place,
        start + rng.range(1, 4)
    ));
    doc.blank();
    let chair = &plan.members[plan.chair];
    doc.line(format!(
        "Beslutande\t{} ({}), ordförande",
        chair.name, chair.party
    ));
    for (i, m) in plan.members.iter().enumerate() {
        if i != plan.chair {
            doc.line(format!("\t{} ({})", m.name, m.party));
        }
    }
    doc.blank();
    doc.line(format!(
        "Övriga deltagare\t{}, sekreterare",
        council.secretary
    ));
    for o in &plan.others {
        doc.line(format!("\t{o}"));
    }
    doc.blank();
    let adjuster = &plan.members[plan.adjuster];
    doc.line(format!("Utses att justera\t{}", adjuster.name));
    let approved = plan.date + chrono::Days::new(rng.range(3, 10) as u64);
    doc.line(format!(
        "Justeringens\nplats och tid\tKommunhuset, {}",
        approved.format("%Y-%m-%d")
    ));
    doc.blank();
    let last = plan.first_number + plan.items.len() - 1;
    doc.line(format!(
        "Underskrifter\tSekreterare\t..............................\tParagrafer {}-{}",
        plan.first_number, last
    ));
    doc.line(format!("\t\t{}", council.secretary));
    doc.line("\tOrdförande\t..............................");
    doc.line(format!("\t\t{}", chair.name));
    doc.line("\tJusterande\t..............................");
    doc.line(format!("\t\t{}", adjuster.name));
    doc.blank();
    doc.line("ANSLAG/BEVIS");
    doc.line("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.");
    doc.line(format!("Organ\t{body_name}"));
    doc.line(format!("Sammanträdesdatum\t{iso}"));
    doc.blank();

    let style = crate::world::diarium_style(&council.org);
    for (i, item) in plan.items.iter().enumerate() {
        let number = plan.first_number + i;
        let case = item.case_number.as_deref();
        // The heading shapes of the conventions, one per municipality.
        match (style, case) {
            // "KS § 112   KS KF/2024:344", the title on the next line.
            (1 | 3, Some(case)) => {
                doc.line(format!("{} § {number}\t{case}", council.prefix));
                doc.line(item.title.clone());
            }
            (1 | 3, None) => {
                doc.line(format!("{} § {number}", council.prefix));
                doc.line(item.title.clone());
            }
            // "§ 95 2026.016 KS", the title on the next line.
            (2, Some(case)) => {
                doc.line(format!("§ {number} {case}"));
                doc.line(item.title.clone());
            }
            // "§ 12" alone, the title after a blank line.
            (2, None) => {
                doc.line(format!("§ {number}"));
                doc.blank();
                doc.line(item.title.clone());
            }
            _ => {
                doc.line(format!("§ {number} {}", item.title));
                doc.blank();
                if let Some(case) = case {
                    doc.line(format!("Dnr {case}"));
                }
            }
        }
        doc.blank();
        if !item.procedural {
            doc.line(["Sammanfattning", "Ärendebeskrivning", "Bakgrund"][rng.below(3)]);
        }
        for p in &item.paragraphs {
            doc.para(rng, p);
            doc.blank();
        }
        for b in &item.bullets {
            doc.para(rng, &format!("- {b}"));
        }
        if !item.bullets.is_empty() {
            doc.blank();
        }
        if !item.procedural {
            doc.line("Beslutsunderlag");
            doc.line(format!(
                "Tjänsteskrivelse {}",
                (plan.date - chrono::Days::new(rng.range(7, 40) as u64)).format("%Y-%m-%d")
            ));
            for p in &item.presenters {
                doc.line(format!("Föredragande: {p}"));
            }
            doc.blank();
            // Some matters go to a vote, and the losing side reserves itself.
            let voted = item.decision.is_some() && rng.chance(0.15);
            if voted {
                let yes = rng.range(6, 10);
                let no = rng.range(2, yes);
                doc.line("Omröstning");
                doc.line(format!("Ja {yes}, Nej {no}, Avstår {}", rng.range(0, 2)));
                doc.blank();
            }
            doc.line("Beslut");
            let d = item
                .decision
                .clone()
                .unwrap_or_else(|| "lägga informationen till handlingarna".into());
            doc.para(rng, &format!("{body_name} beslutar att {d}."));
            doc.blank();
            if voted {
                let m = &plan.members[rng.below(plan.members.len())];
                doc.line("Reservation");
                doc.line(format!(
                    "{} ({}) reserverar sig mot beslutet.",
                    m.name, m.party
                ));
                doc.blank();
            }
            if rng.chance(0.5) {
                doc.line("Expedieras till");
                doc.line(cap(rng.pick(GROUPS)));
                doc.blank();
            }
        }
    }

    let per_page = rng.range(40, 48);
    let body = std::mem::take(&mut doc.lines);
    let lines = paginate(body, per_page, |page, pages| {
        vec![
            String::new(),
            "Justerandes sign\t\tUtdragsbestyrkande".to_string(),
            String::new(),
            format!("{org_upper}\t\tSAMMANTRÄDESPROTOKOLL\t{page}({pages})"),
            format!("{body_name}\t\tSammanträdesdatum {iso}"),
            String::new(),
        ]
    });
    Rendered {
        text: join(lines),
        date_in_text: DateInText::Full,
    }
}

/// Minutes exported from PDF to Markdown: YAML front matter, a table of contents that lists the
/// items again, `##` item headings, tables with `<br>`, and the page footer repeated.
pub fn markdown(rng: &mut Rng, world: &World, plan: &MeetingPlan) -> Rendered {
    let council = &world.councils[plan.council];
    let iso = plan.date.format("%Y-%m-%d").to_string();
    let mut doc = Doc::new(None, 0.0);
    doc.line("---");
    doc.line(format!("title: \"Protokoll {} {iso}\"", council.name));
    doc.line(format!("organisation: \"{}\"", council.org));
    doc.line("source: protokoll.pdf");
    doc.line("---");
    doc.blank();
    doc.line(format!("# {}", council.org));
    doc.blank();
    doc.line(format!("**Sammanträdesprotokoll** – {}", council.name));
    doc.blank();
    doc.line("| | |");
    doc.line("|---|---|");
    doc.line(format!("| Sammanträdesdatum | {iso} |"));
    doc.line(format!(
        "| Plats och tid | {}, kl 13.00-16.00 |",
        council.place
    ));
    let members: Vec<String> = plan
        .members
        .iter()
        .map(|m| format!("{} ({})", m.name, m.party))
        .collect();
    doc.line(format!("| Beslutande | {} |", members.join("<br>")));
    doc.line(format!(
        "| Utses att justera | {} |",
        plan.members[plan.adjuster].name
    ));
    doc.blank();
    doc.line("## Innehåll");
    doc.blank();
    doc.line("| § | Ärende | Sida |");
    doc.line("|---|---|---|");
    for (i, item) in plan.items.iter().enumerate() {
        doc.line(format!(
            "| § {} | {} | {} |",
            plan.first_number + i,
            item.title,
            2 + i / 3
        ));
    }
    doc.blank();
    for (i, item) in plan.items.iter().enumerate() {
        doc.line(format!("## § {} {}", plan.first_number + i, item.title));
        doc.blank();
        if let Some(case) = &item.case_number {
            doc.line(format!("*Dnr {case}*"));
            doc.blank();
        }
        for p in &item.presenters {
            doc.line(format!("*{p}*"));
            doc.blank();
        }
        for p in &item.paragraphs {
            doc.line(p.clone());
            doc.blank();
        }
        for b in &item.bullets {
            doc.line(format!("- {b}"));
        }
        if let Some(d) = &item.decision {
            doc.blank();
            doc.line("**Beslut**");
            doc.blank();
            doc.line(format!("Nämnden beslutar att {d}."));
        }
        doc.blank();
    }
    let per_page = rng.range(40, 50);
    let body = std::mem::take(&mut doc.lines);
    let lines = paginate(body, per_page, |_, _| {
        vec![
            String::new(),
            "Justerandes sign | Utdragsbestyrkande".to_string(),
            String::new(),
        ]
    });
    Rendered {
        text: join(lines),
        date_in_text: DateInText::Full,
    }
}

/// A slide deck exported to text: slide titles and bullets, each slide followed by
/// "Presentatör" / "Presentationsanteckningar" and the speaker notes.
pub fn deck(rng: &mut Rng, slides: &[ItemPlan]) -> Rendered {
    let mut doc = Doc::new(None, 0.0);
    for (i, slide) in slides.iter().enumerate() {
        doc.blank();
        if i == 0 {
            // Title slides break the name over two lines.
            for l in letterhead_lines(&slide.title) {
                doc.line(format!("{l} "));
            }
        } else {
            doc.line(slide.title.clone());
        }
        doc.blank();
        for b in &slide.bullets {
            doc.line(format!("• {b}"));
        }
        if !slide.bullets.is_empty() {
            doc.blank();
        }
        doc.line("Presentatör");
        doc.line("Presentationsanteckningar");
        for p in &slide.paragraphs {
            doc.line(p.clone());
        }
        for _ in 0..rng.range(1, 4) {
            doc.blank();
        }
    }
    Rendered {
        text: join(doc.lines),
        date_in_text: DateInText::None,
    }
}

/// Render minutes in the plan's layout.
pub fn minutes(rng: &mut Rng, world: &World, plan: &MeetingPlan) -> Rendered {
    match plan.layout {
        Layout::Numbered => numbered(rng, world, plan, false),
        Layout::NumberedModern => numbered(rng, world, plan, true),
        Layout::Paragraph => paragraph(rng, world, plan),
        Layout::Municipal => municipal(rng, world, plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_hyphenates_long_words() {
        let mut rng = Rng::new(3);
        let text = "Platserna har finansierats till femtio procent av statsbidrag och kommunerna har stått för resten via motprestation";
        let lines = wrap(&mut rng, text, 30, 1.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert!(lines.iter().any(|l| l.ends_with('-')), "{lines:?}");
        let rejoined = lines.join("\n").replace("-\n", "").replace('\n', " ");
        assert_eq!(rejoined, text);
    }

    #[test]
    fn hyphen_point_splits_after_a_vowel() {
        assert_eq!(hyphen_point("finansierats", 8), Some(8)); // finansie-rats
        assert_eq!(hyphen_point("kommunstyrelsen", 12), Some(12)); // kommunstyrel-sen
        assert_eq!(hyphen_point("KS-2021", 5), None);
    }

    #[test]
    fn pages_get_headers_with_page_marks() {
        let body: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        let out = paginate(body, 4, |p, n| vec![format!("{p}({n})")]);
        assert_eq!(
            out,
            ["0", "1", "2", "3", "2(3)", "4", "5", "6", "7", "3(3)", "8", "9"]
        );
    }
}
