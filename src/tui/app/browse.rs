//! The meeting list (browse screen): its rows (councils, meetings, their items and attachments),
//! expanding and revealing meetings, the preview of the selected item, and the library arriving.

use super::*;

/// One row of the meeting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowseRow {
    Council {
        name: String,
        meetings: usize,
        collapsed: bool,
    },
    /// Index into `Library::meetings()`.
    Meeting {
        index: usize,
        expanded: bool,
    },
    Item {
        meeting: usize,
        item: usize,
    },
}

/// The meeting list: councils, their meetings newest first, expanded meetings' items.
#[derive(Debug, Default)]
pub struct Browse {
    pub rows: Vec<BrowseRow>,
    pub cursor: ListCursor,
    pub expanded: HashSet<String>,
    pub collapsed_councils: HashSet<String>,
    /// The selected item's text for the preview pane (wide screens).
    pub preview: Option<ItemView>,
    /// The archive holds meetings of more than one municipality or region: groups name both.
    pub several_organisations: bool,
}

/// "2020-11-04 · Council name" for a meeting.
pub fn meeting_label(meeting: &Meeting) -> String {
    format!(
        "{} · {}",
        meeting
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into()),
        meeting.council.as_deref().unwrap_or("(council unknown)")
    )
}

impl App {
    pub(super) fn library_ready(
        &mut self,
        library: Option<Arc<Library>>,
        fuzzy: Arc<FuzzyIndex>,
        report: Option<crate::Result<UpdateReport>>,
    ) {
        let selected_key = self
            .browse
            .rows
            .get(self.browse.cursor.selected)
            .map(|r| self.row_key(r));
        if library.is_some() {
            self.library = library;
        }
        self.fuzzy = fuzzy;
        self.rebuild_rows();
        if let Some(key) = selected_key {
            if let Some(index) = self.browse.rows.iter().position(|r| self.row_key(r) == key) {
                self.browse.cursor.selected = index;
            }
        }
        match report {
            None => {}
            Some(Ok(report)) => {
                self.indexing = None;
                let mut text = format!(
                    "index up to date: {} meetings, {} added, {} changed, {} removed",
                    self.listed_meetings(),
                    report.added,
                    report.changed,
                    report.removed
                );
                if !report.skipped.is_empty() {
                    text.push_str(&format!(", {} files skipped", report.skipped.len()));
                }
                if let Some(why) = &report.rebuilt {
                    text.push_str(&format!(" (rebuilt: {why})"));
                }
                if self
                    .message
                    .as_ref()
                    .is_none_or(|m| m.kind == MessageKind::Info)
                {
                    self.info(text);
                }
            }
            Some(Err(error)) => {
                self.indexing = None;
                self.warn(format!("index update failed: {error}"));
            }
        }
        self.request_watches();
        if self.library.is_some() {
            if let Some(agenda) = self.pending_brief.take() {
                self.open_brief(&agenda);
            }
        }
        // Ask again for what the open views show, now that the index may hold more.
        match self.screen().clone() {
            Screen::Search(s) if !s.query.trim().is_empty() => self.submit_search(),
            Screen::Item(s) => self.request_related(s.item.item.id.clone()),
            _ => {}
        }
        self.selection_changed();
        self.fix_scroll();
        self.dirty = true;
    }

    pub(super) fn row_key(&self, row: &BrowseRow) -> String {
        match row {
            BrowseRow::Council { name, .. } => format!("council:{name}"),
            BrowseRow::Meeting { index, .. } => {
                format!(
                    "meeting:{}",
                    self.meetings()
                        .get(*index)
                        .map(|m| m.id.as_str())
                        .unwrap_or("")
                )
            }
            BrowseRow::Item { meeting, item } => format!(
                "item:{}",
                self.meetings()
                    .get(*meeting)
                    .and_then(|m| m.items.get(*item))
                    .map(|i| i.id.as_str())
                    .unwrap_or("")
            ),
        }
    }

    /// Councils by name, each council's meetings newest first (undated last).
    /// The list's group a meeting falls in: its council, and when the archive holds several
    /// municipalities or regions, the organisation too ("Kommunstyrelsen · Alingsås kommun").
    pub(super) fn group_of(&self, meeting: &Meeting) -> String {
        let council = meeting.council.as_deref().unwrap_or("(council unknown)");
        match meeting.organisation.as_deref() {
            Some(org) if self.browse.several_organisations && !org.is_empty() => {
                format!("{council} · {org}")
            }
            _ => council.to_string(),
        }
    }

    pub(super) fn rebuild_rows(&mut self) {
        // Only the meetings listed as groups count (attachments name their writers' offices);
        // each distinct spelling is folded once.
        let spellings: HashSet<&str> = self
            .meetings()
            .iter()
            .filter(|m| m.attached_to.is_none())
            .filter_map(|m| m.organisation.as_deref())
            .collect();
        let organisations: HashSet<String> = spellings.into_iter().map(crate::text::fold).collect();
        self.browse.several_organisations = organisations.len() > 1;
        let meetings = self.meetings();
        let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
        let mut attachments: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, meeting) in meetings.iter().enumerate() {
            if let Some(home) = meeting.attached_to.as_deref() {
                attachments.entry(home).or_default().push(index);
                continue;
            }
            let name = self.group_of(meeting);
            match groups.iter_mut().find(|(_, n, _)| *n == name) {
                Some((_, _, list)) => list.push(index),
                // Sorted by organisation, then body: the organisation leads the sort key.
                None => {
                    let key = match meeting.organisation.as_deref() {
                        Some(org) if self.browse.several_organisations => {
                            format!("{} {}", crate::text::fold(org), crate::text::fold(&name))
                        }
                        _ => crate::text::fold(&name),
                    };
                    groups.push((key, name, vec![index]))
                }
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = Vec::new();
        for (_, name, mut indices) in groups {
            indices.sort_by(|a, b| {
                let (ma, mb) = (&meetings[*a], &meetings[*b]);
                match (ma.date, mb.date) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
                .then_with(|| ma.id.cmp(&mb.id))
            });
            let collapsed = self.browse.collapsed_councils.contains(&name);
            rows.push(BrowseRow::Council {
                name,
                meetings: indices.len(),
                collapsed,
            });
            if collapsed {
                continue;
            }
            for index in indices {
                let expanded = self.browse.expanded.contains(&meetings[index].id);
                rows.push(BrowseRow::Meeting { index, expanded });
                if expanded {
                    for item in 0..meetings[index].items.len() {
                        rows.push(BrowseRow::Item {
                            meeting: index,
                            item,
                        });
                    }
                    // Each attachment as one row: its first item opens its text.
                    for &attachment in attachments
                        .get(meetings[index].id.as_str())
                        .into_iter()
                        .flatten()
                    {
                        if !meetings[attachment].items.is_empty() {
                            rows.push(BrowseRow::Item {
                                meeting: attachment,
                                item: 0,
                            });
                        }
                    }
                }
            }
        }
        self.browse.rows = rows;
    }

    /// Expand or collapse the selected row (`Some(true)` expand, `Some(false)` collapse, `None` toggle).
    pub(super) fn set_expanded(&mut self, want: Option<bool>) {
        let Some(row) = self.browse.rows.get(self.browse.cursor.selected).cloned() else {
            return;
        };
        match row {
            BrowseRow::Council {
                name, collapsed, ..
            } => {
                let collapse = match want {
                    Some(expand) => !expand,
                    None => !collapsed,
                };
                if collapse {
                    self.browse.collapsed_councils.insert(name);
                } else {
                    self.browse.collapsed_councils.remove(&name);
                }
            }
            BrowseRow::Meeting { index, expanded } => {
                let id = self.meetings()[index].id.clone();
                let expand = want.unwrap_or(!expanded);
                if expand {
                    self.browse.expanded.insert(id);
                } else {
                    self.browse.expanded.remove(&id);
                }
            }
            BrowseRow::Item { meeting, .. } => {
                if want == Some(false) {
                    let id = self.meetings()[meeting].id.clone();
                    self.browse.expanded.remove(&id);
                    let key = format!("meeting:{id}");
                    self.rebuild_rows();
                    if let Some(pos) = self.browse.rows.iter().position(|r| self.row_key(r) == key)
                    {
                        self.browse.cursor.selected = pos;
                    }
                    return;
                }
            }
        }
        self.rebuild_rows();
    }

    /// Show `meeting_id` in the list: its council open, it expanded and selected.
    pub(super) fn reveal_meeting(&mut self, meeting_id: &str) {
        let Some(meeting) = self.meetings().iter().find(|m| m.id == meeting_id) else {
            return;
        };
        let council = self.group_of(meeting);
        self.browse.collapsed_councils.remove(&council);
        self.browse.expanded.insert(meeting_id.to_string());
        self.rebuild_rows();
        let key = format!("meeting:{meeting_id}");
        if let Some(pos) = self.browse.rows.iter().position(|r| self.row_key(r) == key) {
            self.browse.cursor.selected = pos;
        }
    }

    /// Keep the preview of the selected list item current (wide screens show it).
    pub(super) fn selection_changed(&mut self) {
        let want = match (
            self.screen(),
            self.browse.rows.get(self.browse.cursor.selected),
        ) {
            (Screen::Browse, Some(BrowseRow::Item { meeting, item })) => self
                .meetings()
                .get(*meeting)
                .and_then(|m| m.items.get(*item))
                .map(|i| i.id.clone()),
            _ => None,
        };
        let current = self.browse.preview.as_ref().map(|p| p.item.id.clone());
        if want != current && layout::is_wide(self.size) {
            self.browse.preview =
                want.and_then(|id| self.library.as_ref().and_then(|l| l.item(&id)));
        } else if want.is_none() {
            self.browse.preview = None;
        }
    }
}
