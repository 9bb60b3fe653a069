//! The TUI's state and how it changes. Input becomes an [`Action`] through the keymap and
//! [`App::update`] applies it; worker replies arrive through [`App::handle_event`]. Nothing here
//! draws or blocks: slow work is queued as jobs (run on worker threads by the event loop), and
//! things only the terminal owner can do (open a pager, switch mouse capture) become [`Effect`]s.

use super::action::Action;
use super::event::{Event, Reply};
use super::fuzzy::{FuzzyHit, FuzzyIndex, FuzzyTarget};
use super::keymap::{Binding, Context, Keymap};
use super::keys::Key;
use super::view::{item as item_view, layout};
use super::worker::{Job, Lane};
use crate::library::{ItemView, Progress, RelatedItem, SearchHit, ThreadEntry, UpdateReport};
use crate::protocol::Meeting;
use crate::Library;
use crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// How many hits of each kind a search shows.
pub const FUZZY_LIMIT: usize = 20;
pub const FULLTEXT_LIMIT: usize = 50;
pub const RELATED_LIMIT: usize = 20;

/// Data that arrives from a worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(String),
}

impl<T> Loadable<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Loadable::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// A selection and the first visible row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
    }

    /// Keep the selection inside the list and visible, given each row's height.
    fn show_selected(&mut self, heights: &[usize], viewport: usize) {
        if heights.is_empty() {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.min(heights.len() - 1);
        self.offset = self.offset.min(self.selected);
        let viewport = viewport.max(1);
        while self.offset < self.selected
            && heights[self.offset..=self.selected].iter().sum::<usize>() > viewport
        {
            self.offset += 1;
        }
    }
}

/// A meeting or an item: what can be opened, marked and compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Meeting(String),
    Item(String),
}

impl From<&FuzzyTarget> for Target {
    fn from(target: &FuzzyTarget) -> Target {
        match target {
            FuzzyTarget::Meeting(id) => Target::Meeting(id.clone()),
            FuzzyTarget::Item(id) => Target::Item(id.clone()),
        }
    }
}

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchScreen {
    pub query: String,
    pub fuzzy: Vec<FuzzyHit>,
    pub fulltext: Loadable<Vec<SearchHit>>,
    pub cursor: ListCursor,
    pub generation: u64,
}

/// One row of the search results: a fuzzy title hit or a full-text hit.
#[derive(Debug, Clone, Copy)]
pub enum SearchEntry<'a> {
    Fuzzy(&'a FuzzyHit),
    FullText(&'a SearchHit),
}

impl SearchScreen {
    pub fn entries(&self) -> Vec<SearchEntry<'_>> {
        let mut entries: Vec<SearchEntry> = self.fuzzy.iter().map(SearchEntry::Fuzzy).collect();
        if let Loadable::Ready(hits) = &self.fulltext {
            entries.extend(hits.iter().map(SearchEntry::FullText));
        }
        entries
    }

    /// Rows each entry takes: a title line, plus a snippet line for full-text hits.
    pub fn heights(&self) -> Vec<usize> {
        self.entries()
            .iter()
            .map(|e| match e {
                SearchEntry::Fuzzy(_) => 1,
                SearchEntry::FullText(_) => 2,
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPane {
    Detail,
    Related,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemScreen {
    pub item: ItemView,
    pub scroll: usize,
    pub related: Loadable<Vec<RelatedItem>>,
    pub related_cursor: ListCursor,
    pub related_shown: bool,
    pub focus: ItemPane,
    pub generation: u64,
    /// Words to highlight in the text: the search query the item was opened from.
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThreadScreen {
    pub item_id: String,
    pub title: String,
    pub entries: Loadable<Vec<ThreadEntry>>,
    pub cursor: ListCursor,
    pub generation: u64,
}

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

/// A view in the jump history.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Browse,
    Search(SearchScreen),
    Item(Box<ItemScreen>),
    Thread(ThreadScreen),
    Compare(CompareScreen),
    ItemPair(Box<ItemPairScreen>),
}

impl Screen {
    pub fn title(&self) -> String {
        match self {
            Screen::Browse => "Meetings".into(),
            Screen::Search(s) => format!("Search \"{}\"", s.query),
            Screen::Item(s) => s.item.title.clone(),
            Screen::Thread(s) => format!("Thread: {}", s.title),
            Screen::Compare(_) => "Compare meetings".into(),
            Screen::ItemPair(_) => "Compare items".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

/// Something only the owner of the terminal can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show the file at `line` in the user's pager or editor.
    OpenSource {
        path: PathBuf,
        line: usize,
    },
    SetMouse(bool),
    /// Repaint every cell.
    Repaint,
    /// Put this (sanitized) text on the user's clipboard.
    Copy(String),
}

/// The marked meeting or item, waiting for a second one to compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub target: Target,
    pub label: String,
}

pub struct App {
    pub library: Option<Arc<Library>>,
    pub archive: PathBuf,
    pub fuzzy: Arc<FuzzyIndex>,
    pub keymap: Keymap,
    pub browse: Browse,
    /// The jump history; never empty, `Screen::Browse` at the bottom. The last one is shown.
    pub stack: Vec<Screen>,
    pub forward: Vec<Screen>,
    /// Help overlay: shown with this scroll offset.
    pub help: Option<usize>,
    pub message: Option<Message>,
    /// Set while the index is being updated in the background.
    pub indexing: Option<Progress>,
    pub mark: Option<Mark>,
    pub mouse: bool,
    /// Colours allowed (false when `NO_COLOR` is set: emphasis by bold and reverse only).
    pub color: bool,
    /// The terminal size the screen was last laid out for.
    pub size: Rect,
    pub should_quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Work for the worker threads, taken by the event loop.
    pub jobs: Vec<(Lane, Job)>,
    pub effects: Vec<Effect>,
    /// The last search query, offered again when the prompt reopens.
    last_query: String,
    generation: u64,
}

impl App {
    pub fn new(archive: PathBuf, keymap: Keymap, size: Rect) -> App {
        let message = match keymap.warnings.len() {
            0 => None,
            1 => Some(Message {
                text: format!("keymap: {}", keymap.warnings[0]),
                kind: MessageKind::Warning,
            }),
            n => Some(Message {
                text: format!("keymap: {n} problems, see help (?): {}", keymap.warnings[0]),
                kind: MessageKind::Warning,
            }),
        };
        App {
            library: None,
            archive,
            fuzzy: Arc::new(FuzzyIndex::empty()),
            keymap,
            browse: Browse::default(),
            stack: vec![Screen::Browse],
            forward: Vec::new(),
            help: None,
            message,
            indexing: None,
            mark: None,
            mouse: true,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            size,
            should_quit: false,
            dirty: true,
            jobs: Vec::new(),
            effects: Vec::new(),
            last_query: String::new(),
            generation: 0,
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().unwrap_or(&Screen::Browse)
    }

    fn screen_mut(&mut self) -> &mut Screen {
        if self.stack.is_empty() {
            self.stack.push(Screen::Browse);
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Every document, indexed as the list rows index them: the listed meetings first, then
    /// the attachments of meetings (shown under their meeting).
    pub fn meetings(&self) -> &[Meeting] {
        self.library
            .as_deref()
            .map(|l| l.documents())
            .unwrap_or(&[])
    }

    /// The number of meetings as listed (attachments not counted).
    pub fn listed_meetings(&self) -> usize {
        self.library.as_deref().map_or(0, |l| l.meetings().len())
    }

    /// The keymap context of what has focus.
    pub fn context(&self) -> Context {
        match self.screen() {
            Screen::Browse => Context::List,
            Screen::Search(_) => Context::Search,
            Screen::Item(s) if s.related_shown && s.focus == ItemPane::Related => Context::Related,
            Screen::Item(_) => Context::Detail,
            Screen::Thread(_) => Context::Thread,
            Screen::Compare(_) | Screen::ItemPair(_) => Context::Compare,
        }
    }

    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Warning,
        });
    }

    // ----- events -----

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Input(input) => self.handle_input(input),
            Event::Reply(reply) => self.handle_reply(reply),
            Event::Progress(progress) => {
                self.indexing = Some(progress);
                self.dirty = true;
            }
            Event::LibraryReady {
                library,
                fuzzy,
                report,
            } => self.library_ready(library, fuzzy, report),
            Event::JobFailed(message) => {
                self.warn(format!(
                    "a background task failed ({message}); details in {}",
                    super::log::path().display()
                ));
                self.dirty = true;
            }
            Event::InputClosed(error) => {
                if let Some(error) = error {
                    tracing::error!("terminal input failed: {error}");
                }
                self.should_quit = true;
            }
        }
    }

    fn handle_input(&mut self, input: crossterm::event::Event) {
        use crossterm::event::{Event as Input, KeyEventKind};
        match input {
            Input::Key(key) if key.kind != KeyEventKind::Release => {
                self.handle_key(Key::from_event(&key))
            }
            Input::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.fix_scroll();
                self.dirty = true;
            }
            Input::Mouse(mouse) => {
                self.handle_mouse(mouse.kind, Position::new(mouse.column, mouse.row))
            }
            Input::Paste(text) => {
                if let Screen::Search(_) = self.screen() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.type_char(c);
                    }
                }
            }
            _ => {}
        }
    }

    /// A key press: the help overlay first, then the prompt's typing, then the keymap.
    pub fn handle_key(&mut self, key: Key) {
        let context = self.context();
        if self.help.is_some() {
            let action = self
                .keymap
                .action_for(context, key)
                .or(self.keymap.action_for(Context::Global, key));
            self.help_key(action);
            return;
        }
        if context == Context::Search {
            match self.keymap.bound_in(Context::Search, key) {
                Some(Binding::Action(action)) => return self.update(action),
                Some(Binding::Unbound) => return,
                None => {}
            }
            if let Some(c) = key.typed_char() {
                return self.type_char(c);
            }
        }
        if let Some(action) = self.keymap.action_for(context, key) {
            self.update(action);
        }
    }

    fn help_key(&mut self, action: Option<Action>) {
        let scroll = self.help.unwrap_or(0);
        self.help = match action {
            Some(Action::MoveDown) => Some(scroll + 1),
            Some(Action::MoveUp) => Some(scroll.saturating_sub(1)),
            Some(Action::PageDown) => Some(scroll + 10),
            Some(Action::PageUp) => Some(scroll.saturating_sub(10)),
            Some(Action::Top) => Some(0),
            Some(Action::Quit) => {
                self.should_quit = true;
                None
            }
            _ => None,
        };
        self.dirty = true;
    }

    fn handle_mouse(&mut self, kind: MouseEventKind, at: Position) {
        match kind {
            MouseEventKind::ScrollDown => {
                for _ in 0..3 {
                    self.update(Action::MoveDown);
                }
            }
            MouseEventKind::ScrollUp => {
                for _ in 0..3 {
                    self.update(Action::MoveUp);
                }
            }
            MouseEventKind::Down(MouseButton::Left) if self.help.is_none() => self.click(at),
            _ => {}
        }
    }

    /// Select the clicked row; a click on the selected row opens it.
    fn click(&mut self, at: Position) {
        if layout::too_small(self.size) {
            return;
        }
        let (_, main, _) = layout::frame(self.size);
        let (area, heights, cursor) = match self.screen() {
            Screen::Browse => {
                let (list, _) = layout::browse(main);
                (
                    layout::inner(list),
                    vec![1; self.browse.rows.len()],
                    self.browse.cursor,
                )
            }
            Screen::Search(s) => {
                let (_, results) = layout::search(main);
                (layout::inner(results), s.heights(), s.cursor)
            }
            Screen::Item(s) => {
                let panes = layout::item(main, s.related_shown, s.focus == ItemPane::Related);
                let in_related = panes.related.filter(|r| r.contains(at));
                let in_detail = panes.detail.is_some_and(|d| d.contains(at));
                let related_len = s.related.ready().map_or(0, |r| r.len());
                let cursor = s.related_cursor;
                if let Screen::Item(s) = self.screen_mut() {
                    if in_detail {
                        s.focus = ItemPane::Detail;
                    } else if in_related.is_some() && s.focus != ItemPane::Related {
                        s.focus = ItemPane::Related;
                    }
                }
                self.dirty = true;
                match in_related {
                    Some(related) => (layout::inner(related), vec![2; related_len], cursor),
                    None => return,
                }
            }
            Screen::Thread(s) => {
                let len = s.entries.ready().map_or(0, |e| e.len());
                (layout::inner(main), vec![2; len], s.cursor)
            }
            Screen::Compare(s) => {
                let len = s.rows.ready().map_or(0, |r| r.len());
                let per_row = if self.size.width < layout::COMPARE_COLUMNS_WIDTH {
                    2
                } else {
                    1
                };
                (layout::compare_rows(main), vec![per_row; len], s.cursor)
            }
            Screen::ItemPair(_) => return,
        };
        if !area.contains(at) {
            return;
        }
        let mut row = area.y;
        for (index, height) in heights.iter().enumerate().skip(cursor.offset) {
            let height = *height as u16;
            if at.y >= row && at.y < row + height {
                if index == cursor.selected {
                    self.update(Action::Open);
                } else {
                    match self.screen_mut() {
                        Screen::Browse => self.browse.cursor.selected = index,
                        Screen::Search(s) => s.cursor.selected = index,
                        Screen::Item(s) => s.related_cursor.selected = index,
                        Screen::Thread(s) => s.cursor.selected = index,
                        Screen::Compare(s) => s.cursor.selected = index,
                        Screen::ItemPair(_) => {}
                    }
                    self.selection_changed();
                    self.dirty = true;
                }
                return;
            }
            row += height;
        }
    }

    fn handle_reply(&mut self, reply: Reply) {
        let applied = match reply {
            Reply::Fuzzy { generation, hits } => self.with_search(generation, |s| s.fuzzy = hits),
            Reply::FullText { generation, hits } => self.with_search(generation, |s| {
                s.fulltext = match hits {
                    Ok(hits) => Loadable::Ready(hits),
                    Err(error) => Loadable::Failed(error.message),
                }
            }),
            Reply::Related { generation, items } => {
                let mut applied = false;
                for screen in &mut self.stack {
                    if let Screen::Item(s) = screen {
                        if s.generation == generation {
                            s.related = match items {
                                Ok(items) => Loadable::Ready(items),
                                Err(error) => Loadable::Failed(error.message),
                            };
                            applied = true;
                            break;
                        }
                    }
                }
                applied
            }
            Reply::Thread {
                generation,
                entries,
            } => {
                let mut applied = false;
                for screen in &mut self.stack {
                    if let Screen::Thread(s) = screen {
                        if s.generation == generation {
                            s.entries = match entries {
                                Ok(entries) => Loadable::Ready(entries),
                                Err(error) => Loadable::Failed(error.message),
                            };
                            applied = true;
                            break;
                        }
                    }
                }
                applied
            }
            Reply::Compare {
                generation,
                comparison,
            } => {
                let resolved = comparison.map(|c| self.resolve_comparison(&c.rows));
                let mut applied = false;
                for screen in &mut self.stack {
                    if let Screen::Compare(s) = screen {
                        if s.generation == generation {
                            s.rows = match resolved {
                                Ok(rows) => Loadable::Ready(rows),
                                Err(error) => Loadable::Failed(error.message),
                            };
                            applied = true;
                            break;
                        }
                    }
                }
                applied
            }
            Reply::SharedTerms { generation, terms } => {
                let mut applied = false;
                for screen in &mut self.stack {
                    if let Screen::ItemPair(s) = screen {
                        if s.generation == generation {
                            s.shared = Loadable::Ready(terms);
                            applied = true;
                            break;
                        }
                    }
                }
                applied
            }
        };
        if applied {
            self.fix_scroll();
            self.dirty = true;
        }
    }

    fn with_search(&mut self, generation: u64, apply: impl FnOnce(&mut SearchScreen)) -> bool {
        for screen in self.stack.iter_mut().rev() {
            if let Screen::Search(s) = screen {
                if s.generation == generation {
                    apply(s);
                    return true;
                }
            }
        }
        false
    }

    fn library_ready(
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
        // Ask again for what the open views show, now that the index may hold more.
        match self.screen().clone() {
            Screen::Search(s) if !s.query.trim().is_empty() => self.submit_search(),
            Screen::Item(s) => self.request_related(s.item.id.clone()),
            _ => {}
        }
        self.selection_changed();
        self.fix_scroll();
        self.dirty = true;
    }

    // ----- the meeting list -----

    fn row_key(&self, row: &BrowseRow) -> String {
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
    fn rebuild_rows(&mut self) {
        let meetings = self.meetings();
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut attachments: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, meeting) in meetings.iter().enumerate() {
            if let Some(home) = meeting.attached_to.as_deref() {
                attachments.entry(home).or_default().push(index);
                continue;
            }
            let name = meeting
                .council
                .clone()
                .unwrap_or_else(|| "(council unknown)".into());
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(index),
                None => groups.push((name, vec![index])),
            }
        }
        groups.sort_by_key(|(name, _)| crate::text::fold(name));
        let mut rows = Vec::new();
        for (name, mut indices) in groups {
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
    fn set_expanded(&mut self, want: Option<bool>) {
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
    fn reveal_meeting(&mut self, meeting_id: &str) {
        let Some(meeting) = self.meetings().iter().find(|m| m.id == meeting_id) else {
            return;
        };
        let council = meeting
            .council
            .clone()
            .unwrap_or_else(|| "(council unknown)".into());
        self.browse.collapsed_councils.remove(&council);
        self.browse.expanded.insert(meeting_id.to_string());
        self.rebuild_rows();
        let key = format!("meeting:{meeting_id}");
        if let Some(pos) = self.browse.rows.iter().position(|r| self.row_key(r) == key) {
            self.browse.cursor.selected = pos;
        }
    }

    /// Keep the preview of the selected list item current (wide screens show it).
    fn selection_changed(&mut self) {
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
        let current = self.browse.preview.as_ref().map(|p| p.id.clone());
        if want != current && layout::is_wide(self.size) {
            self.browse.preview =
                want.and_then(|id| self.library.as_ref().and_then(|l| l.item(&id)));
        } else if want.is_none() {
            self.browse.preview = None;
        }
    }

    // ----- actions -----

    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        if !matches!(
            action,
            Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown
        ) {
            self.message = None;
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            Action::Search => self.open_search(),
            Action::Back => self.back(),
            Action::Forward => {
                if let Some(screen) = self.forward.pop() {
                    self.stack.push(screen);
                }
            }
            Action::MoveUp => self.move_selection(-1),
            Action::MoveDown => self.move_selection(1),
            Action::PageUp => self.move_selection(-(self.page_rows() as isize)),
            Action::PageDown => self.move_selection(self.page_rows() as isize),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Open => self.open_selection(),
            Action::Expand => {
                if let Screen::Browse = self.screen() {
                    self.set_expanded(Some(true));
                }
            }
            Action::Collapse => {
                if let Screen::Browse = self.screen() {
                    self.set_expanded(Some(false));
                }
            }
            Action::OpenSource => self.open_source(),
            Action::CopyCitation => self.copy_selection(false),
            Action::CopyDecision => self.copy_selection(true),
            Action::ToggleRelated => {
                if let Screen::Item(s) = self.screen_mut() {
                    s.related_shown = !s.related_shown;
                    s.focus = if s.related_shown {
                        ItemPane::Related
                    } else {
                        ItemPane::Detail
                    };
                }
            }
            Action::NextPane => self.next_pane(),
            Action::OpenThread => self.open_thread(),
            Action::Mark => self.mark_selection(),
            Action::Compare => self.compare_with_mark(),
            Action::DeleteChar => self.edit_query(|q| {
                q.pop();
            }),
            Action::DeleteWord => self.edit_query(|q| {
                let trimmed = q.trim_end().len();
                q.truncate(trimmed);
                let cut = q.rfind(' ').map(|p| p + 1).unwrap_or(0);
                q.truncate(cut);
            }),
            Action::ClearQuery => self.edit_query(|q| q.clear()),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.effects.push(Effect::SetMouse(self.mouse));
                self.info(if self.mouse {
                    "mouse on"
                } else {
                    "mouse off: the terminal selects text"
                });
            }
            Action::Redraw => self.effects.push(Effect::Repaint),
        }
        self.fix_scroll();
    }

    fn back(&mut self) {
        if self.stack.len() > 1 {
            if let Some(screen) = self.stack.pop() {
                self.forward.push(screen);
            }
            self.selection_changed();
        } else if self.mark.is_some() {
            self.mark = None;
            self.info("mark cleared");
        }
    }

    fn push(&mut self, screen: Screen) {
        self.forward.clear();
        self.stack.push(screen);
    }

    /// Rows a page moves: the visible height of the focused list.
    fn page_rows(&self) -> usize {
        let (_, main, _) = layout::frame(self.size);
        (main.height as usize).saturating_sub(3).max(1)
    }

    fn move_selection(&mut self, delta: isize) {
        match self.screen_mut() {
            Screen::Browse => {
                let len = self.browse.rows.len();
                self.browse.cursor.move_by(delta, len);
                self.selection_changed();
            }
            Screen::Search(s) => {
                let len = s.entries().len();
                s.cursor.move_by(delta, len);
            }
            Screen::Item(s) => match s.focus {
                ItemPane::Related if s.related_shown => {
                    let len = s.related.ready().map_or(0, |r| r.len());
                    s.related_cursor.move_by(delta, len);
                }
                _ => s.scroll = (s.scroll as isize + delta).max(0) as usize,
            },
            Screen::Thread(s) => {
                let len = s.entries.ready().map_or(0, |e| e.len());
                s.cursor.move_by(delta, len);
            }
            Screen::Compare(s) => {
                let len = s.rows.ready().map_or(0, |r| r.len());
                s.cursor.move_by(delta, len);
            }
            Screen::ItemPair(s) => s.scroll = (s.scroll as isize + delta).max(0) as usize,
        }
    }

    /// Clamp scroll offsets and keep selections visible for the current size.
    pub fn fix_scroll(&mut self) {
        let (_, main, _) = layout::frame(self.size);
        let size = self.size;
        let browse_rows = self.browse.rows.len();
        let mut browse_cursor = self.browse.cursor;
        match self.screen_mut() {
            Screen::Browse => {
                let (list, _) = layout::browse(main);
                browse_cursor
                    .show_selected(&vec![1; browse_rows], layout::inner(list).height as usize);
            }
            Screen::Search(s) => {
                let (_, results) = layout::search(main);
                let heights = s.heights();
                s.cursor
                    .show_selected(&heights, layout::inner(results).height as usize);
            }
            Screen::Item(s) => {
                let panes = layout::item(main, s.related_shown, s.focus == ItemPane::Related);
                if let Some(detail) = panes.detail {
                    let inner = layout::inner(detail);
                    let total = item_view::detail_line_count(&s.item, inner.width as usize);
                    s.scroll = s.scroll.min(total.saturating_sub(inner.height as usize));
                }
                let related_len = s.related.ready().map_or(0, |r| r.len());
                let related_height = panes
                    .related
                    .map_or(1, |r| layout::inner(r).height as usize);
                s.related_cursor
                    .show_selected(&vec![2; related_len], related_height);
            }
            Screen::Thread(s) => {
                let len = s.entries.ready().map_or(0, |e| e.len());
                s.cursor
                    .show_selected(&vec![2; len], layout::inner(main).height as usize);
            }
            Screen::Compare(s) => {
                let len = s.rows.ready().map_or(0, |r| r.len());
                let per_row = if size.width < layout::COMPARE_COLUMNS_WIDTH {
                    2
                } else {
                    1
                };
                s.cursor.show_selected(
                    &vec![per_row; len],
                    layout::compare_rows(main).height as usize,
                );
            }
            Screen::ItemPair(s) => {
                let inner = layout::inner(main);
                let (left, right) = layout::two_columns(Rect {
                    y: inner.y + 1,
                    height: inner.height.saturating_sub(1),
                    ..inner
                });
                let lines = item_view::detail_line_count(&s.a, left.width as usize)
                    .max(item_view::detail_line_count(&s.b, right.width as usize));
                s.scroll = s.scroll.min(lines.saturating_sub(left.height as usize));
            }
        }
        self.browse.cursor = browse_cursor;
    }

    fn next_pane(&mut self) {
        match self.screen_mut() {
            Screen::Item(s) => {
                if !s.related_shown {
                    s.related_shown = true;
                    s.focus = ItemPane::Related;
                } else {
                    s.focus = match s.focus {
                        ItemPane::Detail => ItemPane::Related,
                        ItemPane::Related => ItemPane::Detail,
                    };
                }
            }
            Screen::Search(s) => {
                // jump between the title hits and the full-text hits
                let fuzzy = s.fuzzy.len();
                let total = s.entries().len();
                s.cursor.selected = if s.cursor.selected < fuzzy && total > fuzzy {
                    fuzzy
                } else {
                    0
                };
            }
            _ => {}
        }
    }

    // ----- search -----

    fn open_search(&mut self) {
        if let Screen::Search(_) = self.screen() {
            return;
        }
        let generation = self.next_generation();
        let query = self.last_query.clone();
        self.push(Screen::Search(SearchScreen {
            query,
            fuzzy: Vec::new(),
            fulltext: Loadable::Ready(Vec::new()),
            cursor: ListCursor::default(),
            generation,
        }));
        self.submit_search();
    }

    fn type_char(&mut self, c: char) {
        self.edit_query(|q| q.push(c));
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        if let Screen::Search(s) = self.screen_mut() {
            edit(&mut s.query);
            s.cursor = ListCursor::default();
            self.submit_search();
            self.dirty = true;
        }
    }

    /// Start fuzzy and full-text matching of the current query on the workers.
    fn submit_search(&mut self) {
        let generation = self.next_generation();
        let fuzzy = Arc::clone(&self.fuzzy);
        let library = self.library.clone();
        let Screen::Search(s) = self.screen_mut() else {
            return;
        };
        s.generation = generation;
        let query = s.query.clone();
        if query.trim().is_empty() {
            s.fuzzy.clear();
            s.fulltext = Loadable::Ready(Vec::new());
            self.last_query = query;
            return;
        }
        s.fulltext = match s.fulltext {
            Loadable::Ready(_) | Loadable::Failed(_) => Loadable::Loading,
            Loadable::Loading => Loadable::Loading,
        };
        self.last_query = query.clone();
        let fuzzy_query = query.clone();
        self.jobs.push((
            Lane::Fuzzy,
            Box::new(move || {
                let hits = fuzzy.search(&fuzzy_query, FUZZY_LIMIT);
                Some(Event::Reply(Reply::Fuzzy { generation, hits }))
            }),
        ));
        if let Some(library) = library {
            self.jobs.push((
                Lane::FullText,
                Box::new(move || {
                    let hits = library.search(&query, FULLTEXT_LIMIT);
                    Some(Event::Reply(Reply::FullText { generation, hits }))
                }),
            ));
        }
    }

    // ----- opening things -----

    /// What the selection points at, in any view.
    pub fn selected_target(&self) -> Option<Target> {
        match self.screen() {
            Screen::Browse => match self.browse.rows.get(self.browse.cursor.selected)? {
                BrowseRow::Council { .. } => None,
                BrowseRow::Meeting { index, .. } => {
                    Some(Target::Meeting(self.meetings().get(*index)?.id.clone()))
                }
                BrowseRow::Item { meeting, item } => Some(Target::Item(
                    self.meetings().get(*meeting)?.items.get(*item)?.id.clone(),
                )),
            },
            Screen::Search(s) => match s.entries().get(s.cursor.selected)? {
                SearchEntry::Fuzzy(hit) => Some(Target::from(&hit.target)),
                SearchEntry::FullText(hit) => Some(Target::Item(hit.item_id.clone())),
            },
            Screen::Item(s) => {
                let related = s
                    .related
                    .ready()
                    .and_then(|r| r.get(s.related_cursor.selected));
                match (s.focus, related) {
                    (ItemPane::Related, Some(related)) if s.related_shown => {
                        Some(Target::Item(related.item_id.clone()))
                    }
                    _ => Some(Target::Item(s.item.id.clone())),
                }
            }
            Screen::Thread(s) => Some(Target::Item(
                s.entries.ready()?.get(s.cursor.selected)?.item_id.clone(),
            )),
            Screen::Compare(s) => {
                let row = s.rows.ready()?.get(s.cursor.selected)?;
                row.a
                    .as_ref()
                    .or(row.b.as_ref())
                    .map(|side| Target::Item(side.id.clone()))
            }
            Screen::ItemPair(s) => Some(Target::Item(s.a.id.clone())),
        }
    }

    fn open_selection(&mut self) {
        match self.screen().clone() {
            Screen::Browse => match self.browse.rows.get(self.browse.cursor.selected).cloned() {
                Some(BrowseRow::Item { .. }) => {
                    if let Some(Target::Item(id)) = self.selected_target() {
                        self.open_item(&id);
                    }
                }
                Some(_) => self.set_expanded(None),
                None => {}
            },
            Screen::Item(s) if s.focus == ItemPane::Detail || !s.related_shown => {}
            Screen::Compare(s) => {
                let Some(row) = s
                    .rows
                    .ready()
                    .and_then(|r| r.get(s.cursor.selected))
                    .cloned()
                else {
                    return;
                };
                match (row.a, row.b) {
                    (Some(a), Some(b)) => self.open_item_pair(&a.id, &b.id),
                    (Some(one), None) | (None, Some(one)) => self.open_item(&one.id),
                    (None, None) => {}
                }
            }
            Screen::ItemPair(_) => {}
            _ => match self.selected_target() {
                Some(Target::Item(id)) => self.open_item(&id),
                Some(Target::Meeting(id)) => {
                    self.reveal_meeting(&id);
                    self.push(Screen::Browse);
                }
                None => {}
            },
        }
    }

    pub fn open_item(&mut self, id: &str) {
        let Some(item) = self.library.as_ref().and_then(|l| l.item(id)) else {
            let hint = if self.indexing.is_some() {
                " (the index is still being updated)"
            } else {
                ""
            };
            self.warn(format!("item {id} is not in the index{hint}"));
            return;
        };
        let terms = match self.screen() {
            Screen::Search(search) => query_terms(&search.query),
            _ => Vec::new(),
        };
        let generation = self.next_generation();
        let related_shown = layout::is_wide(self.size);
        self.push(Screen::Item(Box::new(ItemScreen {
            item,
            scroll: 0,
            related: Loadable::Loading,
            related_cursor: ListCursor::default(),
            related_shown,
            focus: ItemPane::Detail,
            generation,
            terms,
        })));
        self.request_related(id.to_string());
    }

    fn request_related(&mut self, id: String) {
        let generation = self.next_generation();
        let Some(library) = self.library.clone() else {
            return;
        };
        if let Screen::Item(s) = self.screen_mut() {
            s.generation = generation;
            s.related = Loadable::Loading;
        }
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let items = library.related(&id, RELATED_LIMIT);
                Some(Event::Reply(Reply::Related { generation, items }))
            }),
        ));
    }

    fn open_thread(&mut self) {
        let Some(Target::Item(id)) = self.selected_target() else {
            self.warn("select an item to follow its matter");
            return;
        };
        let Some(library) = self.library.clone() else {
            return;
        };
        let title = library
            .item(&id)
            .map(|i| i.title)
            .unwrap_or_else(|| id.clone());
        let generation = self.next_generation();
        self.push(Screen::Thread(ThreadScreen {
            item_id: id.clone(),
            title,
            entries: Loadable::Loading,
            cursor: ListCursor::default(),
            generation,
        }));
        self.jobs.push((
            Lane::Links,
            Box::new(move || {
                let entries = library.thread(&id);
                Some(Event::Reply(Reply::Thread {
                    generation,
                    entries,
                }))
            }),
        ));
    }

    fn open_source(&mut self) {
        let Some(target) = self.selected_target() else {
            return;
        };
        let Some(library) = self.library.clone() else {
            return;
        };
        let (file, line) = match &target {
            Target::Item(id) => match library.item(id) {
                Some(item) => (item.file, item.line_start.max(1)),
                None => return self.warn(format!("item {id} is not in the index")),
            },
            Target::Meeting(id) => match library.meeting(id) {
                Some(meeting) => (meeting.file.clone(), 1),
                None => return,
            },
        };
        self.effects.push(Effect::OpenSource {
            path: self.archive.join(file),
            line,
        });
    }

    /// Copy the selected item's citation (or its decision with the citation).
    fn copy_selection(&mut self, with_decision: bool) {
        let Some(Target::Item(id)) = self.selected_target() else {
            return self.warn("select an agenda item to cite".to_string());
        };
        let Some(item) = self.library.as_ref().and_then(|l| l.item(&id)) else {
            return self.warn(format!("item {id} is not in the index"));
        };
        let citation = crate::library::cite::citation(&item);
        let text = if with_decision {
            crate::library::cite::citation_with_decision(&item)
        } else {
            citation.clone()
        };
        self.effects.push(Effect::Copy(text));
        self.info(format!("copied: {citation}"));
    }

    // ----- mark and compare -----

    fn label_of(&self, target: &Target) -> String {
        match target {
            Target::Meeting(id) => self
                .meetings()
                .iter()
                .find(|m| &m.id == id)
                .map(meeting_label)
                .unwrap_or_else(|| id.clone()),
            Target::Item(id) => self
                .library
                .as_ref()
                .and_then(|l| l.item(id))
                .map(|i| format!("{} {}", i.date.as_deref().unwrap_or("undated"), i.title))
                .unwrap_or_else(|| id.clone()),
        }
    }

    fn mark_selection(&mut self) {
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

    fn meeting_of(&self, target: &Target) -> Option<String> {
        match target {
            Target::Meeting(id) => Some(id.clone()),
            Target::Item(id) => self
                .library
                .as_ref()
                .and_then(|l| l.item(id))
                .map(|i| i.meeting_id),
        }
    }

    fn compare_with_mark(&mut self) {
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
                .meeting(id)
                .map(meeting_label)
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

    fn resolve_comparison(&self, rows: &[crate::library::CompareRow]) -> Vec<ComparePair> {
        let side = |id: &Option<String>| {
            id.as_ref().map(|id| {
                let meeting_id = id.split('#').next().unwrap_or("");
                let label = self
                    .meetings()
                    .iter()
                    .find(|m| m.id == meeting_id)
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

    fn open_item_pair(&mut self, a: &str, b: &str) {
        let Some(library) = self.library.clone() else {
            return;
        };
        let (Some(a), Some(b)) = (library.item(a), library.item(b)) else {
            self.warn("one of the two items is not in the index");
            return;
        };
        let generation = self.next_generation();
        let (text_a, text_b) = (
            format!("{}\n{}", a.title, a.text),
            format!("{}\n{}", b.title, b.text),
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

/// The words of a search query worth highlighting: filters (`council:`), quotes, `*` and
/// one-letter words left out.
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|word| !word.contains(':'))
        .map(|word| {
            word.trim_matches(|c: char| c == '"' || c == '*' || c == '(' || c == ')')
                .to_string()
        })
        .filter(|word| word.chars().count() >= 2)
        .collect()
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
