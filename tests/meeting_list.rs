//! The meeting list is worked out from the headline table and an expanded meeting is read from
//! its one chunk of the catalog: the TUI draws the list of a large archive without loading every
//! meeting, and what it shows is what the fully loaded meetings say.

use protokoll::tui::action::Action;
use protokoll::tui::app::{App, BrowseRow};
use protokoll::tui::event::Event;
use protokoll::tui::fuzzy::FuzzyIndex;
use protokoll::tui::keymap::Keymap;
use protokoll::tui::session::{self, RecordingHost, Session};
use protokoll::Library;
use protokoll_gen::Generator;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::Path;
use std::sync::Arc;

/// A generated archive (several chunks of 256) with a protocol that has an attachment, and an
/// undated note that names no council.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Generator::new(3, 600).write(dir.path()).unwrap();
    let generated = Generator::new(3, 600).file(0);
    let folder = dir.path().join("extra/ks/2021-03-01");
    std::fs::create_dir_all(folder.join("bilagor")).unwrap();
    std::fs::write(folder.join("protokoll.txt"), &generated.bytes).unwrap();
    std::fs::write(
        folder.join("bilagor/tjansteskrivelse-vagunderhall.txt"),
        "Tjänsteskrivelse\n\nUnderhåll av gång- och cykelvägar\n\nFörvaltningen föreslår att \
         underhållet av gång- och cykelvägar prioriteras under året.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("anteckningar.txt"),
        "Anteckningar\n\nNågra rader utan datum och utan nämnd.\n",
    )
    .unwrap();
    dir
}

fn indexed(archive: &Path) -> tempfile::TempDir {
    let index = tempfile::tempdir().unwrap();
    Library::update(archive, index.path(), &|_| {}).unwrap();
    index
}

#[test]
fn the_list_follows_the_loaded_meetings_without_loading_them() {
    let archive = archive();
    let index = indexed(archive.path());
    let library = Library::open(archive.path(), index.path()).unwrap();
    let list = library.meeting_list();
    assert!(list.len() > 512, "several chunks: {}", list.len());

    // A meeting of the last chunk, read whole, before anything has loaded the meetings.
    let last = list.groups().last().unwrap().meetings[0];
    let row = list.row(last).unwrap();
    let headline = library.headline(row).unwrap();
    let meeting = library.meeting_at(row).unwrap();
    assert_eq!(meeting.id, headline.meeting_id);
    assert_eq!(meeting.items.len(), headline.item_count);
    assert!(!meeting.items.is_empty());
    assert_eq!(meeting.council.as_deref(), headline.council);
    assert!(!library.meetings_loaded(), "the list loaded every meeting");

    // Now compare everything with the loaded meetings.
    let documents = library.documents();
    assert!(library.meetings_loaded());
    assert_eq!(list.len(), documents.len());
    assert_eq!(list.listed(), library.meetings().len());
    assert_eq!(
        list.items(),
        documents.iter().map(|m| m.items.len()).sum::<usize>()
    );
    for (position, document) in documents.iter().enumerate() {
        let row = list.row(position).unwrap();
        assert_eq!(list.position(row), Some(position));
        assert_eq!(library.list_position(&document.id), Some(position));
        let paged = library.meeting_at(row).unwrap();
        assert_eq!(*paged, *document, "position {position}");
        assert_eq!(
            library.headline(row).unwrap().item_count,
            document.items.len()
        );
    }
    let undated = library.list_position("anteckningar").unwrap();
    assert!(undated < list.listed() && documents[undated].date.is_none());
    // The note names no council: its group comes after every council's.
    let last = list.groups().last().unwrap();
    assert!(
        last.meetings.contains(&undated) && documents[undated].council.is_none(),
        "the council-less group is last, not {}",
        last.name
    );

    // Groups: every listed meeting once, each group in the loaded order, named by its council
    // (and organisation, as the archive holds several).
    assert!(list.several_organisations());
    let mut seen = vec![false; list.listed()];
    for group in list.groups() {
        assert!(group.meetings.is_sorted(), "{}", group.name);
        for &position in &group.meetings {
            assert!(!std::mem::replace(&mut seen[position], true));
            let m = &documents[position];
            assert_eq!(
                list.group_name(m.council.as_deref(), m.organisation.as_deref()),
                group.name
            );
        }
    }
    assert!(seen.iter().all(|&s| s));

    // Attachments: under their meeting, in list order.
    let home = library
        .list_position("extra/ks/2021-03-01/protokoll")
        .unwrap();
    let attachments: Vec<&str> = list
        .attachments(home)
        .iter()
        .map(|&p| documents[p].id.as_str())
        .collect();
    assert_eq!(
        attachments,
        ["extra/ks/2021-03-01/bilagor/tjansteskrivelse-vagunderhall"]
    );
    for meeting in library.meetings() {
        let position = library.list_position(&meeting.id).unwrap();
        let mut listed: Vec<&str> = list
            .attachments(position)
            .iter()
            .map(|&p| documents[p].id.as_str())
            .collect();
        let mut loaded: Vec<&str> = library
            .attachments(&meeting.id)
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        listed.sort_unstable();
        loaded.sort_unstable();
        assert_eq!(listed, loaded, "{}", meeting.id);
    }
}

fn screen(session: &Session<TestBackend>) -> String {
    let buffer = session.terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_tui_lists_and_expands_meetings_before_they_are_loaded() {
    let archive = archive();
    let index = indexed(archive.path());
    let library = Arc::new(Library::open(archive.path(), index.path()).unwrap());
    let mut app = App::new(
        archive.path().to_path_buf(),
        Keymap::builtin(),
        Rect::new(0, 0, 160, 48),
    );
    app.color = false;
    app.handle_event(Event::LibraryReady {
        library: Some(library.clone()),
        fuzzy: Arc::new(FuzzyIndex::empty()),
        report: None,
    });
    let terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut session = Session::new(terminal, app, session::channel());
    let mut host = RecordingHost::default();
    session.draw(&mut host).unwrap();
    let first = screen(&session);
    let list = library.meeting_list();
    let meetings = list.listed();
    assert!(
        first.contains(&format!("{meetings} meetings")),
        "title bar counts the listed meetings:\n{first}"
    );
    assert!(first.contains(&format!("▾ {} (", list.groups()[0].name)));

    // Down to the first dated meeting with items, open it: its preview and items are read
    // from its chunk.
    let position = loop {
        session.app.update(Action::MoveDown);
        let app = &session.app;
        let selected = app.browse.rows.get(app.browse.cursor.selected);
        if let Some(BrowseRow::Meeting { index, .. }) = selected {
            let headline = library.headline(list.row(*index).unwrap()).unwrap();
            if headline.date.is_some() && headline.item_count > 0 {
                break *index;
            }
        }
        assert!(
            app.browse.cursor.selected < 50,
            "no dated meeting near the top"
        );
    };
    session.app.update(Action::Expand);
    session.draw(&mut host).unwrap();
    let expanded = screen(&session);
    let meeting = library.meeting_at(list.row(position).unwrap()).unwrap();
    assert!(expanded.contains(&format!("▾ {}", meeting.date.unwrap())));
    assert!(expanded.contains(&format!("Items ({})", meeting.items.len())));
    for item in meeting.items.iter().take(5) {
        let start: String = item.title.chars().take(20).collect();
        assert!(expanded.contains(&start), "{}:\n{expanded}", item.title);
    }
    let item_rows = session
        .app
        .browse
        .rows
        .iter()
        .filter(|r| matches!(r, BrowseRow::Item { meeting, .. } if *meeting == position))
        .count();
    assert_eq!(item_rows, meeting.items.len());
    assert!(!library.meetings_loaded(), "the TUI loaded every meeting");
}

/// Title matching, related items, a thread and a comparison read the meetings they name, a
/// chunk or one at a time: browsing a large archive never holds every meeting. What they give
/// is what the fully loaded meetings say.
#[test]
fn links_and_title_matching_read_only_what_they_name() {
    let archive = archive();
    let index = indexed(archive.path());
    let library = Library::open(archive.path(), index.path()).unwrap();

    let streamed = FuzzyIndex::from_library(&library);
    let list = library.meeting_list();
    let item_of = |position: usize| {
        let meeting = library.meeting_at(list.row(position).unwrap()).unwrap();
        meeting
            .items
            .first()
            .map(|i| (i.id.clone(), i.title.clone()))
    };
    let (item_id, title) = (0..list.listed()).find_map(item_of).unwrap();
    let word: String = title
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_string();
    let hits = streamed.search(&word, 20);
    assert!(!hits.is_empty(), "no title matched {word:?}");

    let related = library.related(&item_id, 10).unwrap();
    let thread = library.thread(&item_id).unwrap();
    assert!(thread.iter().any(|e| e.item_id == item_id));
    let (a, b) = (
        library.headline(list.row(0).unwrap()).unwrap().meeting_id,
        library.headline(list.row(1).unwrap()).unwrap().meeting_id,
    );
    let comparison = library.compare(a, b).unwrap();
    let viewed = library.item(&item_id).unwrap();
    assert_eq!(viewed.item.title, title);
    assert!(!library.meetings_loaded(), "links loaded every meeting");

    // The same answers from the loaded meetings.
    let loaded = FuzzyIndex::from_meetings(library.meetings());
    assert!(library.meetings_loaded());
    assert_eq!(streamed.len(), loaded.len());
    // A limit above the matches, so ties at the cut do not depend on the order lines came in.
    let targets = |fuzzy: &FuzzyIndex, query: &str| {
        let mut found: Vec<String> = fuzzy
            .search(query, 10_000)
            .into_iter()
            .map(|h| format!("{:?} {} {}", h.target, h.text, h.context))
            .collect();
        found.sort();
        found
    };
    for query in [word.as_str(), "ks", "budget 2021", "protokoll"] {
        assert_eq!(
            targets(&streamed, query),
            targets(&loaded, query),
            "{query}"
        );
    }
    for related in &related {
        let at = library.item_ref(&related.item_id).unwrap();
        let (meeting, item) = at.parts();
        let document = library
            .documents()
            .iter()
            .find(|d| d.id == meeting.id)
            .unwrap();
        assert_eq!(document, meeting);
        assert_eq!(related.title, item.title);
    }
    assert_eq!(
        library.compare(a, b).unwrap().rows.len(),
        comparison.rows.len()
    );
}
