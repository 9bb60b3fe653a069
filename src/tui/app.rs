//! The TUI's state and how it changes. Input becomes an [`Action`] through the keymap and
//! [`App::update`] applies it; worker replies arrive through [`App::handle_event`]. Nothing here
//! draws or blocks: slow work is queued as jobs (run on worker threads by the event loop), and
//! things only the terminal owner can do (open a pager, switch mouse capture) become [`Effect`]s.
//!
//! This file owns the screen stack and dispatches actions; `app/events` turns input and worker
//! replies into actions and state, and each screen's state and the code that changes it are in
//! `app/` beside it, named like the views in `view/` (`browse`, `search`, `item`, `thread`,
//! `compare`, `brief`, `watches`, `help`), with the pieces they share in `shared`.

mod brief;
mod browse;
mod compare;
mod events;
mod help;
mod item;
mod search;
mod shared;
mod thread;
mod watches;

pub use brief::{BriefRow, BriefScreen};
pub use browse::{meeting_label, Browse, BrowseRow};
pub use compare::{shared_terms, ComparePair, CompareScreen, CompareSide, ItemPairScreen};
pub use item::{ItemPane, ItemScreen};
pub use search::{query_terms, SearchEntry, SearchScreen};
pub use shared::{ListCursor, Loadable, Target};
pub use thread::ThreadScreen;
pub use watches::WatchesScreen;

use super::action::Action;
use super::event::{Event, Reply};
use super::fuzzy::{FuzzyHit, FuzzyIndex, FuzzyTarget};
use super::keymap::{Binding, Context, Keymap};
use super::keys::Key;
use super::view::{item as item_view, layout};
use super::worker::{Job, Lane};
use crate::library::{
    Headline, ItemView, MeetingList, Progress, RelatedItem, SearchHit, ThreadEntry, UpdateReport,
};
use crate::protocol::Meeting;
use crate::Library;
use ratatui::layout::{Position, Rect};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// How many hits of each kind a search shows.
pub const FUZZY_LIMIT: usize = 20;
pub const FULLTEXT_LIMIT: usize = 50;
pub const RELATED_LIMIT: usize = 20;

/// A view in the jump history.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Browse,
    Search(SearchScreen),
    Item(Box<ItemScreen>),
    Thread(ThreadScreen),
    Compare(CompareScreen),
    ItemPair(Box<ItemPairScreen>),
    /// The saved searches, with what is new in each.
    Watches(WatchesScreen),
    /// An agenda's items with their matters' history.
    Brief(BriefScreen),
}

impl Screen {
    pub fn title(&self) -> String {
        match self {
            Screen::Browse => "Meetings".into(),
            Screen::Search(s) => format!("Search \"{}\"", s.query),
            Screen::Item(s) => s.item.item.title.clone(),
            Screen::Thread(s) => format!("Thread: {}", s.title),
            Screen::Watches(_) => "Saved searches".into(),
            Screen::Brief(s) => format!("Brief: {}", s.agenda),
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
    /// The archive changed since the last update began: update again when none is running.
    pub update_wanted: bool,
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
    /// The saved searches and what is new in each (loaded with the library).
    pub watches: Vec<crate::library::watch::WatchStatus>,
    /// An agenda to open the brief of once the library is ready.
    pub pending_brief: Option<String>,
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
            update_wanted: false,
            mark: None,
            mouse: true,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            size,
            should_quit: false,
            dirty: true,
            jobs: Vec::new(),
            effects: Vec::new(),
            watches: Vec::new(),
            pending_brief: None,
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
    /// the attachments of meetings (shown under their meeting). Loads all the meetings: the
    /// list itself reads [`App::list_headline`] and [`App::list_meeting`] instead.
    pub fn meetings(&self) -> &[Meeting] {
        self.library
            .as_deref()
            .map(|l| l.documents())
            .unwrap_or(&[])
    }

    /// The meeting list of the library (councils and their meetings), if one is open.
    pub fn meeting_list(&self) -> Option<&MeetingList> {
        self.library.as_deref().map(|l| l.meeting_list())
    }

    /// The headline facts of the document at list position `index` (as rows index them).
    pub fn list_headline(&self, index: usize) -> Option<Headline<'_>> {
        let library = self.library.as_deref()?;
        library.headline(library.meeting_list().row(index)?)
    }

    /// The whole document at list position `index` (its chunk of the catalog is read).
    pub fn list_meeting(&self, index: usize) -> Option<Arc<Meeting>> {
        let library = self.library.as_deref()?;
        library.meeting_at(library.meeting_list().row(index)?)
    }

    /// The number of meetings as listed (attachments not counted).
    pub fn listed_meetings(&self) -> usize {
        self.meeting_list().map_or(0, |l| l.listed())
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
            Screen::Watches(_) => Context::List,
            Screen::Brief(_) => Context::Thread,
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
            Action::Watches => self.open_watches(),
            Action::Brief => self.brief_selection(),
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
        let watch_count = self.watches.len();
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
            Screen::Watches(s) => s.cursor.move_by(delta, watch_count),
            Screen::Brief(s) => {
                let len = s.rows().len();
                s.cursor.move_by(delta, len);
            }
        }
    }

    /// Clamp scroll offsets and keep selections visible for the current size.
    pub fn fix_scroll(&mut self) {
        let (_, main, _) = layout::frame(self.size);
        let size = self.size;
        let browse_rows = self.browse.rows.len();
        let mut browse_cursor = self.browse.cursor;
        let watch_count = self.watches.len();
        match self.screen_mut() {
            Screen::Watches(s) => s
                .cursor
                .show_selected(&vec![1; watch_count], layout::inner(main).height as usize),
            Screen::Brief(s) => {
                let len = s.rows().len();
                s.cursor
                    .show_selected(&vec![1; len], layout::inner(main).height as usize)
            }
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

    // ----- opening things -----

    /// What the selection points at, in any view.
    pub fn selected_target(&self) -> Option<Target> {
        match self.screen() {
            Screen::Browse => match self.browse.rows.get(self.browse.cursor.selected)? {
                BrowseRow::Council { .. } => None,
                BrowseRow::Meeting { index, .. } => Some(Target::Meeting(
                    self.list_headline(*index)?.meeting_id.to_string(),
                )),
                BrowseRow::Item { meeting, item } => Some(Target::Item(
                    self.list_meeting(*meeting)?.items.get(*item)?.id.clone(),
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
                    _ => Some(Target::Item(s.item.item.id.clone())),
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
            Screen::ItemPair(s) => Some(Target::Item(s.a.item.id.clone())),
            Screen::Watches(_) => None,
            Screen::Brief(s) => s.target(),
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
            Screen::Watches(s) => self.open_watch(s.cursor.selected),
            Screen::Brief(_) => self.open_brief_row(),
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
}
