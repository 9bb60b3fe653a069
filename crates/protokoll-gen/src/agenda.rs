//! One meeting's content, independent of layout: who attended, who chaired, and the agenda
//! (procedural items around items about recurring matters and standing business), or the slides
//! of a deck.

use super::prose::{self, Setting};
use super::rng::Rng;
use super::vocab::*;
use super::world::{Layout, Member, World};
use chrono::NaiveDate;

/// One agenda item (or slide) before layout.
#[derive(Debug, Clone, Default)]
pub struct ItemPlan {
    pub title: String,
    /// "Name, Organisation" lines.
    pub presenters: Vec<String>,
    pub paragraphs: Vec<String>,
    /// Bullet points (slides, and some minutes).
    pub bullets: Vec<String>,
    pub case_number: Option<String>,
    /// "att ..." clause of a decision.
    pub decision: Option<String>,
    /// Opening/closing business with boilerplate text.
    pub procedural: bool,
}

/// A meeting before layout.
pub struct MeetingPlan {
    pub council: usize,
    pub date: NaiveDate,
    pub layout: Layout,
    pub members: Vec<Member>,
    pub chair: usize,
    pub adjuster: usize,
    /// "Name, Organisation" of others present.
    pub others: Vec<String>,
    pub items: Vec<ItemPlan>,
    /// The number of the first item (§ numbering runs through the year).
    pub first_number: usize,
}

fn presenter_line(rng: &mut Rng, world: &World, official: usize) -> String {
    let o = &world.officials[official];
    match rng.below(3) {
        0 => format!("{}, {}, {}", o.name, o.title, o.org),
        1 => {
            let other = &world.officials[rng.pick(world.officials_in(o.region))];
            format!("{} och {}, {}", o.name, other.name, o.org)
        }
        _ => format!("{}, {}", o.name, o.org),
    }
}

fn fill_year(template: &str, year: i32) -> String {
    template
        .replace("{y}", &year.to_string())
        .replace("{n3}", &(year + 3).to_string())
        .replace("{n}", &(year + 1).to_string())
}

/// Plan the minutes of one meeting.
pub fn plan_minutes(
    rng: &mut Rng,
    world: &World,
    council: usize,
    date: NaiveDate,
    layout: Layout,
) -> MeetingPlan {
    use chrono::Datelike;
    let year = date.year();
    let setting = Setting {
        world,
        council,
        year,
    };
    let members = world.roster(council, year);
    let chair = members.len() - 1;
    let adjuster = rng.below(members.len() - 1);
    let region = world.councils[council].region;
    let mut others: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 5) {
        let o = &world.officials[rng.pick(world.officials_in(region))];
        let line = format!("{}, {}", o.name, o.org);
        if !others.contains(&line) {
            others.push(line);
        }
    }

    let paragraph_style = matches!(layout, Layout::Paragraph | Layout::Municipal);
    let mut items = Vec::new();
    let openings: &[&str] = if paragraph_style {
        OPENING_ITEMS_PARAGRAPH
    } else {
        OPENING_ITEMS
    };
    let adjuster_name = members[adjuster].name.clone();
    if paragraph_style {
        for (i, title) in openings.iter().enumerate() {
            let text = match i {
                0 => "Ordföranden öppnar mötet och hälsar alla välkomna.".to_string(),
                1 => format!("Till att justera dagens protokoll väljs {adjuster_name}."),
                _ => {
                    "Mötet beslutar att lägga förra mötets protokoll till handlingarna.".to_string()
                }
            };
            items.push(ItemPlan {
                title: title.to_string(),
                paragraphs: vec![text],
                procedural: true,
                ..Default::default()
            });
        }
    } else {
        items.push(ItemPlan {
            title: openings[0].to_string(),
            paragraphs: vec![format!(
                "{adjuster_name} valdes till justerare. Dagordningen godkändes."
            )],
            procedural: true,
            ..Default::default()
        });
    }

    let active = world.active_matters(region, year);
    let mut used = Vec::new();
    for _ in 0..rng.range(6, 12) {
        let matter = if !active.is_empty() && rng.chance(0.65) {
            let m = rng.pick(active);
            (!used.contains(&m)).then_some(m)
        } else {
            None
        };
        let item = match matter {
            Some(mi) => {
                used.push(mi);
                let m = &world.matters[mi];
                let title =
                    fill_year(rng.pick(MATTER_TITLES), year).replace("{m}", &m.title_form());
                let presenter = if rng.chance(0.7) {
                    m.presenter
                } else {
                    rng.pick(world.officials_in(region))
                };
                let paragraphs = prose::matter_paragraphs(rng, &setting, m, (1, 4));
                ItemPlan {
                    title: prose::cap(&title),
                    presenters: vec![presenter_line(rng, world, presenter)],
                    paragraphs,
                    bullets: if rng.chance(0.25) {
                        bullets(rng, &setting)
                    } else {
                        vec![]
                    },
                    case_number: Some(world.case_number(mi, council)),
                    decision: rng.chance(0.5).then(|| prose::decision(rng, Some(m))),
                    procedural: false,
                }
            }
            None => {
                let title = fill_year(rng.pick(STANDING_TITLES), year);
                if items.iter().any(|i: &ItemPlan| i.title == title) {
                    continue;
                }
                let count = rng.range(1, 3);
                let paragraphs = (0..count)
                    .map(|_| prose::filler_paragraph(rng, &setting, (2, 6)))
                    .collect();
                ItemPlan {
                    title,
                    presenters: if rng.chance(0.6) {
                        {
                            let official = rng.pick(world.officials_in(region));
                            vec![presenter_line(rng, world, official)]
                        }
                    } else {
                        vec![]
                    },
                    paragraphs,
                    bullets: if rng.chance(0.15) {
                        bullets(rng, &setting)
                    } else {
                        vec![]
                    },
                    case_number: None,
                    decision: rng.chance(0.3).then(|| prose::decision(rng, None)),
                    procedural: false,
                }
            }
        };
        items.push(item);
    }

    let other_business = if rng.chance(0.5) {
        "Inga övriga frågor.".to_string()
    } else {
        prose::filler_paragraph(rng, &setting, (1, 3))
    };
    items.push(ItemPlan {
        title: CLOSING_ITEMS[0].to_string(),
        paragraphs: vec![other_business],
        procedural: true,
        ..Default::default()
    });
    let next = date + chrono::Days::new(rng.range(28, 70) as u64);
    items.push(ItemPlan {
        title: if rng.chance(0.5) {
            CLOSING_ITEMS[1].to_string()
        } else {
            rng.pick(CLOSING_ITEMS_VARIANTS).to_string()
        },
        paragraphs: if rng.chance(0.5) {
            vec![format!(
                "Nästa möte är {} den {} {} kl. 13.00-16.00.",
                SWEDISH_WEEKDAYS[next.weekday().num_days_from_monday() as usize],
                next.day(),
                SWEDISH_MONTHS[next.month0() as usize]
            )]
        } else {
            vec![]
        },
        procedural: true,
        ..Default::default()
    });

    let meetings_before = (date.ordinal0() as usize * 8) / 366;
    MeetingPlan {
        council,
        date,
        layout,
        members,
        chair,
        adjuster,
        others,
        items,
        first_number: 1 + meetings_before * 12,
    }
}

fn bullets(rng: &mut Rng, setting: &Setting) -> Vec<String> {
    (0..rng.range(2, 5))
        .map(|_| {
            let mut s = prose::filler_sentence(rng, setting);
            s.pop();
            s
        })
        .collect()
}

/// Plan the slides of a deck shown at a meeting: a title slide, then one slide per topic, each
/// with bullets and speaker notes.
pub fn plan_deck(rng: &mut Rng, world: &World, council: usize, date: NaiveDate) -> Vec<ItemPlan> {
    use chrono::Datelike;
    let year = date.year();
    let setting = Setting {
        world,
        council,
        year,
    };
    let region = world.councils[council].region;
    let active = world.active_matters(region, year);
    let mut slides = vec![ItemPlan {
        title: world.councils[council].name.clone(),
        paragraphs: vec![prose::filler_paragraph(rng, &setting, (4, 8))],
        ..Default::default()
    }];
    for _ in 0..rng.range(6, 14) {
        let slide = if !active.is_empty() && rng.chance(0.5) {
            let m = &world.matters[rng.pick(active)];
            ItemPlan {
                title: m.title_form(),
                paragraphs: prose::matter_paragraphs(rng, &setting, m, (1, 2)),
                bullets: bullets(rng, &setting),
                ..Default::default()
            }
        } else {
            ItemPlan {
                title: fill_year(rng.pick(STANDING_TITLES), year),
                paragraphs: vec![prose::filler_paragraph(rng, &setting, (2, 6))],
                bullets: bullets(rng, &setting),
                ..Default::default()
            }
        };
        slides.push(slide);
    }
    slides
}
