//! The compare screens: two meetings' agendas side by side (from a mark and a selection), and two
//! items' texts side by side with what they share.

use super::*;

/// An item as one side of a compare row.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareSide {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComparePair {
    pub a: Option<CompareSide>,
    pub b: Option<CompareSide>,
    pub score: f32,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareScreen {
    pub a: CompareSide,
    pub b: CompareSide,
    pub rows: Loadable<Vec<ComparePair>>,
    pub cursor: ListCursor,
    pub generation: u64,
}

/// Two items side by side, scrolled together, shared terms highlighted.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPairScreen {
    pub a: ItemView,
    pub b: ItemView,
    pub shared: Loadable<Vec<String>>,
    pub scroll: usize,
    pub generation: u64,
}

/// Words two texts share, compared folded: acronyms (2+ capitals) and words of 6+ letters,
/// longest first. Common function words are short, so length keeps them out.
pub fn shared_terms(a: &str, b: &str) -> Vec<String> {
    fn words(text: &str) -> HashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                let acronym =
                    letters >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                acronym || letters >= 6
            })
            .map(crate::text::fold)
            .collect()
    }
    let (wa, wb) = (words(a), words(b));
    let mut shared: Vec<String> = wa.intersection(&wb).cloned().collect();
    shared.sort_by(|x, y| y.chars().count().cmp(&x.chars().count()).then(x.cmp(y)));
    shared
}

impl App {
    pub(super) fn label_of(&self, target: &Target) -> String {
        match target {
            Target::Meeting(id) => self
                .library
                .as_ref()
                .and_then(|l| l.meeting_by_id(id))
                .map(|m| meeting_label(&m))
                .unwrap_or_else(|| id.clone()),
            Target::Item(id) => self
                .library
                .as_ref()
                .and_then(|l| l.item(id))
                .map(|i| {
                    format!(
                        "{} {}",
                        i.date().as_deref().unwrap_or("undated"),
                        i.item.title
                    )
                })
                .unwrap_or_else(|| id.clone()),
        }
    }

    pub(super) fn mark_selection(&mut self) {
        let Some(target) = self.selected_target() else {
            self.warn("select a meeting or an item to mark");
            return;
        };
        if self.mark.as_ref().is_some_and(|m| m.target == target) {
            self.mark = None;
            self.info("mark cleared");
            return;
        }
        let label = self.label_of(&target);
        let compare_key = self
            .keymap
            .key_label(self.context(), Action::Compare)
            .unwrap_or_else(|| "compare".into());
        self.info(format!(
            "marked {label}; select another and press {compare_key} to compare"
        ));
        self.mark = Some(Mark { target, label });
    }

    pub(super) fn meeting_of(&self, target: &Target) -> Option<String> {
        match target {
            Target::Meeting(id) => Some(id.clone()),
            Target::Item(id) => {
                let meeting = self
                    .library
                    .as_ref()?
                    .meeting_by_id(id.rsplit_once('#')?.0)?;
                meeting
                    .items
                    .iter()
                    .any(|i| &i.id == id)
                    .then(|| meeting.id.clone())
            }
        }
    }

    pub(super) fn compare_with_mark(&mut self) {
        let Some(mark) = self.mark.clone() else {
            let mark_key = self
                .keymap
                .key_label(self.context(), Action::Mark)
                .unwrap_or_else(|| "mark".into());
            self.warn(format!("mark a meeting or an item first ({mark_key})"));
            return;
        };
        let Some(target) = self.selected_target() else {
            self.warn("select a meeting or an item to compare with the mark");
            return;
        };
        if target == mark.target {
            self.warn("select a different meeting or item than the marked one");
            return;
        }
        match (&mark.target, &target) {
            (Target::Item(a), Target::Item(b)) => self.open_item_pair(&a.clone(), &b.clone()),
            _ => {
                let (Some(a), Some(b)) = (self.meeting_of(&mark.target), self.meeting_of(&target))
                else {
                    return;
                };
                if a == b {
                    self.warn("both are in the same meeting");
                    return;
                }
                self.open_compare(&a, &b);
            }
        }
    }

    pub fn open_compare(&mut self, a: &str, b: &str) {
        let Some(library) = self.library.clone() else {
            return;
        };
        let side = |id: &str| CompareSide {
            id: id.to_string(),
            label: library
                .meeting_by_id(id)
                .map(|m| meeting_label(&m))
                .unwrap_or_else(|| id.to_string()),
        };
        let generation = self.next_generation();
        self.push(Screen::Compare(CompareScreen {
            a: side(a),
            b: side(b),
            rows: Loadable::Loading,
            cursor: ListCursor::default(),
            generation,
        }));
        let (a, b) = (a.to_string(), b.to_string());
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let comparison = library.compare(&a, &b);
                Some(Event::Reply(Reply::Compare {
                    generation,
                    comparison,
                }))
            }),
        ));
    }

    pub(super) fn resolve_comparison(
        &self,
        rows: &[crate::library::CompareRow],
    ) -> Vec<ComparePair> {
        let side = |id: &Option<String>| {
            id.as_ref().map(|id| {
                let meeting_id = id.split('#').next().unwrap_or("");
                let meeting = self
                    .library
                    .as_ref()
                    .and_then(|l| l.meeting_by_id(meeting_id));
                let label = meeting
                    .as_ref()
                    .and_then(|m| m.items.iter().find(|i| &i.id == id))
                    .map(|i| match &i.number {
                        Some(n) => format!("{n} {}", i.title),
                        None => i.title.clone(),
                    })
                    .unwrap_or_else(|| id.clone());
                CompareSide {
                    id: id.clone(),
                    label,
                }
            })
        };
        rows.iter()
            .map(|row| ComparePair {
                a: side(&row.a_item),
                b: side(&row.b_item),
                score: row.score,
                reasons: row.reasons.clone(),
            })
            .collect()
    }

    pub(super) fn open_item_pair(&mut self, a: &str, b: &str) {
        let Some(library) = self.library.clone() else {
            return;
        };
        let (Some(a), Some(b)) = (library.item(a), library.item(b)) else {
            self.warn("one of the two items is not in the index");
            return;
        };
        let generation = self.next_generation();
        let (text_a, text_b) = (
            format!("{}\n{}", a.item.title, a.item.text),
            format!("{}\n{}", b.item.title, b.item.text),
        );
        self.push(Screen::ItemPair(Box::new(ItemPairScreen {
            a,
            b,
            shared: Loadable::Loading,
            scroll: 0,
            generation,
        })));
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let terms = shared_terms(&text_a, &text_b);
                Some(Event::Reply(Reply::SharedTerms { generation, terms }))
            }),
        ));
    }
}
