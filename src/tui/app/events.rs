//! Input and worker replies: a key becomes an action through the keymap (the help overlay and the
//! search prompt's typing first), a mouse click selects or opens a row, a worker's reply lands in
//! the screen that asked for it (by generation; a reply for a screen since left is dropped).

use super::*;
use crossterm::event::{MouseButton, MouseEventKind};

impl App {
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
            Event::ArchiveChanged => self.update_wanted = true,
            Event::WatchFailed(why) => {
                tracing::warn!("not watching the archive: {why}");
                self.info(format!(
                    "not watching the archive for changes ({why}); restart to see new files"
                ));
                self.dirty = true;
            }
            Event::JobFailed(message) => {
                self.warn(format!(
                    "a background task failed ({message}); details in {}",
                    super::super::log::path().display()
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
            Screen::Watches(s) => (layout::inner(main), vec![1; self.watches.len()], s.cursor),
            Screen::Brief(s) => (layout::inner(main), vec![1; s.rows().len()], s.cursor),
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
                        Screen::Watches(s) => s.cursor.selected = index,
                        Screen::Brief(s) => s.cursor.selected = index,
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
            Reply::Brief { generation, brief } => self.apply_brief(generation, brief),
            Reply::Watches(statuses) => {
                // No saved searches file yet (or an unreadable one) is no news.
                self.watches = statuses.unwrap_or_default();
                true
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
}
