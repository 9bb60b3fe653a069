//! Print each file parsed into a meeting as pretty JSON, with the parse time on stderr:
//! `cargo run --example parse_dump -- FILE...` (add `--brief` for numbers and titles only,
//! `--repeat=N` to time N parses per file, `--text` for the extracted text only). PDF, .docx and .odt
//! files are read as the archive reads them.

use protokoll::protocol::{parse_meeting, ParseInput};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let brief = args.iter().any(|a| a == "--brief");
    // `--repeat=N` parses each file N times and reports the mean time (for speed checks).
    let repeat: u32 = args
        .iter()
        .find_map(|a| a.strip_prefix("--repeat="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1);
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let extracted = match protokoll::archive::extract_file(std::path::Path::new(path)) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if args.iter().any(|a| a == "--text") {
            println!("{}", extracted.text);
            continue;
        }
        let id = path
            .rsplit_once('.')
            .map_or(path.as_str(), |(stem, _)| stem);
        let input = ParseInput {
            id,
            file: path,
            text: &extracted.text,
            sidecar: None,
            page_starts: &extracted.page_starts,
        };
        let mut meeting = parse_meeting(&input);
        let started = Instant::now();
        for _ in 0..repeat {
            meeting = parse_meeting(&input);
        }
        let took = started.elapsed() / repeat;
        if brief {
            println!(
                "== {} | council {:?} | organisation {:?} | date {:?} {:?} | kind {:?} | place {:?}",
                meeting.file,
                meeting.council,
                meeting.organisation,
                meeting.date,
                meeting.date_source,
                meeting.kind,
                meeting.place
            );
            for a in &meeting.attendees {
                println!(
                    "   @ {} | {:?} | {:?} | {:?} | replaces {:?} | presence {:?}",
                    a.name, a.party, a.organisation, a.role, a.replaces, a.presence
                );
            }
            for item in &meeting.items {
                println!(
                    "   {:>5} {:<6} {} {:?} [{}-{}] {:?}",
                    item.ordinal,
                    item.number.as_deref().unwrap_or("-"),
                    item.title,
                    item.presenters,
                    item.line_start,
                    item.line_end,
                    item.case_numbers
                );
                for (label, value) in [("decision", &item.decision), ("proposal", &item.proposal)] {
                    if let Some(v) = value {
                        println!(
                            "           {label}: {}",
                            v.chars().take(140).collect::<String>().replace('\n', " / ")
                        );
                    }
                }
                if !item.motions.is_empty()
                    || item.vote.is_some()
                    || !item.reservations.is_empty()
                    || !item.sent_to.is_empty()
                {
                    println!(
                        "           motions {:?} vote {:?} reservations {:?} sent_to {:?}",
                        item.motions, item.vote, item.reservations, item.sent_to
                    );
                }
            }
        } else {
            match serde_json::to_string_pretty(&meeting) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("{path}: {e}"),
            }
        }
        eprintln!("{path}: parsed in {:.3} ms", took.as_secs_f64() * 1000.0);
    }
}
