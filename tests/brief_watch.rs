//! Before the meeting: a brief of an agenda (every matter's history, newest first, with the
//! decision and what matched), saved searches that say what is new, citations and Markdown
//! export, on a made-up archive.

use protokoll::library::watch::WatchStore;
use protokoll::Library;
use std::path::Path;
use std::process::Command;

fn protocol(body: &str, date: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let mut text = format!(
        "Alvhedens kommun\nProtokoll\n{body}\nSammanträdesdatum {date}\n\nPlats och tid Stadshuset kl. 13.00\n\n"
    );
    for (number, dnr, title, decision) in items {
        text.push_str(&format!(
            "§ {number}   Dnr {dnr}\n{title}\n\nÄrendet gäller {title}.\n\nBeslut\n{decision}\n\n"
        ));
    }
    text
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "sbn/2025-09-10.txt",
        &protocol(
            "Samhällsbyggnadsnämnden",
            "2025-09-10",
            &[
                (
                    "30",
                    "KS 2025/41",
                    "Detaljplan för Sjöängen",
                    "Samhällsbyggnadsnämnden beslutar att föreslå kommunstyrelsen att anta planen.",
                ),
                (
                    "31",
                    "KS 2025/2",
                    "Meddelanden",
                    "Meddelandena läggs till handlingarna.",
                ),
            ],
        ),
    );
    write(
        root,
        "ks/2025-10-08.txt",
        &protocol(
            "Kommunstyrelsen",
            "2025-10-08",
            &[
                (
                    "112",
                    "KS 2025/41",
                    "Detaljplan för Sjöängen",
                    "Ärendet återremitteras till förvaltningen för en ny trafikutredning.",
                ),
                (
                    "113",
                    "KS 2025/2",
                    "Rapport om vinterväghållning",
                    "Rapporten läggs till handlingarna.",
                ),
            ],
        ),
    );
    write(
        root,
        "ks/2025-11-12.txt",
        &protocol(
            "Kommunstyrelsen",
            "2025-11-12",
            &[
                (
                    "130",
                    "KS 2025/2",
                    "Anmälan av delegationsbeslut",
                    "Anmälan läggs till handlingarna.",
                ),
                (
                    "131",
                    "KS 2025/88",
                    "Budget för Ödeby bibliotek",
                    "Kommunstyrelsen beslutar att godkänna budgeten.",
                ),
            ],
        ),
    );
    write(
        root,
        "ks/2025-12-03.txt",
        &protocol(
            "Kommunstyrelsen",
            "2025-12-03",
            &[(
                "140",
                "KS 2025/2",
                "Information om bredband",
                "Informationen noteras.",
            )],
        ),
    );
    dir
}

const KALLELSE: &str =
    "Alvhedens kommun\nKallelse\nKommunstyrelsen\nSammanträdesdatum 2026-01-14\n\n\
§ 1   Dnr KS 2025/41\nDetaljplan för Sjöängen\n\n\
§ 2   Dnr KS 2026/5\nNytt ärende om cykelparkering\n\n\
§ 3   Dnr KS 2025/2\nMeddelanden\n";

#[test]
fn a_brief_gives_each_matter_its_history_newest_first() {
    let dir = archive();
    let index = tempfile::tempdir().unwrap();
    let (library, _) = Library::update_and_open(dir.path(), index.path(), &|_| {}).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let agenda = outside.path().join("kallelse.txt");
    std::fs::write(&agenda, KALLELSE).unwrap();

    let brief = library.brief(agenda.to_str().unwrap()).unwrap();
    assert_eq!(brief.agenda.date.as_deref(), Some("2026-01-14"));
    let plan = brief
        .items
        .iter()
        .find(|i| i.title.contains("Sjöängen"))
        .expect("the plan is on the agenda");
    let dates: Vec<&str> = plan
        .history
        .iter()
        .filter_map(|h| h.date.as_deref())
        .collect();
    assert_eq!(dates, ["2025-10-08", "2025-09-10"], "newest first");
    assert!(plan.history.iter().all(|h| h.link.contains("KS 2025/41")));
    assert!(plan.history[0]
        .decision
        .as_deref()
        .is_some_and(|d| d.contains("återremitteras")));
    assert!(
        plan.open.iter().any(|o| o == "återremitterades 2025-10-08"),
        "the loose end is named: {:?}",
        plan.open
    );
    let new = brief
        .items
        .iter()
        .find(|i| i.title.contains("cykelparkering"))
        .unwrap();
    assert!(new.history.is_empty(), "a new matter has no history");
    // The year's Meddelanden number is a standing series: it links nothing.
    let standing = brief.items.iter().find(|i| i.title.contains("Meddelanden"));
    if let Some(item) = standing {
        assert!(item.history.is_empty(), "{:?}", item.history);
    }
}

#[test]
fn watches_say_what_is_new_since_their_user_last_looked() {
    let dir = archive();
    let index = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let watches = state.path().join("config/watches.toml");
    let seen = state.path().join("state/watch-seen.toml");
    let (library, _) = Library::update_and_open(dir.path(), index.path(), &|_| {}).unwrap();
    let mut store = WatchStore::open_at(&watches, &seen).unwrap();
    store.add(&library, "Sjöängen", Some("plan")).unwrap();
    let watch = store.watches()[0].clone();
    let now = store.status(&library, &watch).unwrap();
    assert_eq!(now.meetings.len(), 2);
    assert!(
        now.new.is_empty(),
        "what it finds when added counts as seen"
    );

    // A new protocol about the plan arrives; the index is updated.
    write(
        dir.path(),
        "sbn/2026-02-04.txt",
        &protocol(
            "Samhällsbyggnadsnämnden",
            "2026-02-04",
            &[(
                "5",
                "KS 2025/41",
                "Detaljplan för Sjöängen, ny trafikutredning",
                "Nämnden beslutar att godkänna utredningen.",
            )],
        ),
    );
    let (library, _) = Library::update_and_open(dir.path(), index.path(), &|_| {}).unwrap();
    let store = WatchStore::open_at(&watches, &seen).unwrap();
    let status = store.status(&library, &watch).unwrap();
    assert_eq!(status.new, ["sbn/2026-02-04"]);

    // Looking marks it seen, for this user only: a colleague with the same watch file but no
    // seen-state of their own sees everything as new.
    let mut store = store;
    store.mark_seen(&library, "plan", &status.meetings);
    store.save().unwrap();
    let again = WatchStore::open_at(&watches, &seen).unwrap();
    assert!(again.status(&library, &watch).unwrap().new.is_empty());
    let colleague = WatchStore::open_at(&watches, &state.path().join("other/seen.toml")).unwrap();
    assert_eq!(colleague.status(&library, &watch).unwrap().new.len(), 3);

    // The watch file itself holds only names and queries: shareable.
    let text = std::fs::read_to_string(&watches).unwrap();
    assert!(
        text.contains("Sjöängen") && !text.contains("sbn/"),
        "{text}"
    );
}

fn cli(archive: &Path, index: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .arg("--archive")
        .arg(archive)
        .arg("--index")
        .arg(index)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn citations_and_markdown_for_pasting() {
    let dir = archive();
    let index = tempfile::tempdir().unwrap();
    let library = {
        let (library, _) = Library::update_and_open(dir.path(), index.path(), &|_| {}).unwrap();
        library
    };
    let (_, item) = library
        .items()
        .find(|(m, i)| m.id == "ks/2025-10-08" && i.title.contains("Sjöängen"))
        .unwrap();
    let id = item.id.clone();
    drop(library);
    let cite = cli(dir.path(), index.path(), &["show", &id, "--cite"]);
    assert!(
        cite.starts_with("Alvhedens kommun, Kommunstyrelsen 2025-10-08 § 112, Dnr KS 2025/41"),
        "{cite}"
    );
    let md = cli(dir.path(), index.path(), &["thread", &id, "--format", "md"]);
    assert!(md.contains("| Datum | Organ | Ärende |"), "{md}");
    assert!(
        md.contains("2025-09-10") && md.contains("2025-10-08"),
        "{md}"
    );
}
