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
            BrowseRow::Meeting { index, .. } => format!(
                "meeting:{}",
                self.list_headline(*index)
                    .map(|h| h.meeting_id)
                    .unwrap_or("")
            ),
            BrowseRow::Item { meeting, item } => format!(
                "item:{}",
                self.list_meeting(*meeting)
                    .and_then(|m| m.items.get(*item).map(|i| i.id.clone()))
                    .unwrap_or_default()
            ),
        }
    }

    /// The list's group a meeting falls in: its council, and when the archive holds several
    /// municipalities or regions, the organisation too ("Kommunstyrelsen · Alingsås kommun").
    pub(super) fn group_of(&self, headline: &Headline) -> String {
        self.meeting_list()
            .map(|l| l.group_name(headline.council, headline.organisation))
            .unwrap_or_default()
    }

    /// Councils by name, each council's meetings newest first (undated last), from the
    /// library's meeting list: only expanded meetings are read whole.
    pub(super) fn rebuild_rows(&mut self) {
        let mut rows = Vec::new();
        let Some(library) = self.library.clone() else {
            self.browse.several_organisations = false;
            self.browse.rows = rows;
            return;
        };
        let list = library.meeting_list();
        self.browse.several_organisations = list.several_organisations();
        let headline = |index: usize| list.row(index).and_then(|row| library.headline(row));
        for group in list.groups() {
            let collapsed = self.browse.collapsed_councils.contains(&group.name);
            rows.push(BrowseRow::Council {
                name: group.name.clone(),
                meetings: group.meetings.len(),
                collapsed,
            });
            if collapsed {
                continue;
            }
            for &index in &group.meetings {
                let expanded =
                    headline(index).is_some_and(|h| self.browse.expanded.contains(h.meeting_id));
                rows.push(BrowseRow::Meeting { index, expanded });
                if !expanded {
                    continue;
                }
                let items = self.list_meeting(index).map_or(0, |m| m.items.len());
                rows.extend((0..items).map(|item| BrowseRow::Item {
                    meeting: index,
                    item,
                }));
                // Each attachment as one row: its first item opens its text.
                for &attachment in list.attachments(index) {
                    if headline(attachment).is_some_and(|h| h.item_count > 0) {
                        rows.push(BrowseRow::Item {
                            meeting: attachment,
                            item: 0,
                        });
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
                let Some(id) = self.list_headline(index).map(|h| h.meeting_id.to_string()) else {
                    return;
                };
                let expand = want.unwrap_or(!expanded);
                if expand {
                    self.browse.expanded.insert(id);
                } else {
                    self.browse.expanded.remove(&id);
                }
            }
            BrowseRow::Item { meeting, .. } => {
                if want == Some(false) {
                    let Some(id) = self
                        .list_headline(meeting)
                        .map(|h| h.meeting_id.to_string())
                    else {
                        return;
                    };
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
        let Some(library) = self.library.clone() else {
            return;
        };
        let Some(headline) = library
            .list_position(meeting_id)
            .and_then(|index| self.list_headline(index))
        else {
            return;
        };
        let council = self.group_of(&headline);
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
                .list_meeting(*meeting)
                .and_then(|m| m.items.get(*item).map(|i| i.id.clone())),
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
