//! The layers point one way: a module of `src/` may use the modules to its left only,
//!
//! `archive → protocol → search → links → library → tui → cli`
//!
//! with `text` and `error` shared leaves every module may use (and which use none). Each file's
//! `crate::…` paths (in `use` lines and in code, `crate::{a, b::c}` groups included) and the
//! `super::` paths that climb to the crate root are read as text; comments are skipped. An
//! upward path fails the test with its file and line. (`tui` sits below `cli` because the
//! command line starts the TUI when no command is given.)

use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: &[&str] = &[
    "archive", "protocol", "search", "links", "library", "tui", "cli",
];
/// Modules everyone may use; they use no other module.
const LEAVES: &[&str] = &["text", "error"];

/// A module's place: leaves below everything, then the layers in order.
fn rank(module: &str) -> Option<i32> {
    if LEAVES.contains(&module) {
        return Some(-1);
    }
    LAYERS.iter().position(|m| *m == module).map(|p| p as i32)
}

/// The top-level module a crate-root name belongs to (`Error`, `Library` are re-exports).
fn module_of(name: &str) -> Option<&'static str> {
    match name {
        "Error" | "Result" => Some("error"),
        "Library" => Some("library"),
        _ => LAYERS.iter().chain(LEAVES).find(|m| **m == name).copied(),
    }
}

/// The crate-root names code refers to, each with the byte offset of its path: `crate::x…` and
/// `crate::{x, y::z}` (over several lines too), and `super::…` paths that climb `depth` levels
/// (to the crate root) or more.
fn root_names(line: &str, depth: usize) -> Vec<(usize, String)> {
    let mut names = Vec::new();
    let mut starts: Vec<usize> = line.match_indices("crate::").map(|(i, _)| i + 7).collect();
    if depth > 0 {
        let climb = "super::".repeat(depth);
        for (i, _) in line.match_indices(&climb) {
            let before = &line[..i];
            if !before.ends_with("super::") {
                starts.push(i + climb.len());
            }
        }
    }
    for start in starts {
        let rest = &line[start..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group: after `{` or a `,` at brace depth 0.
            let mut level = 0;
            let mut item = String::new();
            let mut at_name = true;
            let mut item_at = start;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        if !item.is_empty() {
                            names.push((item_at, std::mem::take(&mut item)));
                        }
                        at_name = true;
                        continue;
                    }
                    _ => {}
                }
                if at_name && level == 0 {
                    if c.is_alphanumeric() || c == '_' {
                        if item.is_empty() {
                            item_at = start + 1 + i;
                        }
                        item.push(c);
                        continue;
                    }
                    if !item.is_empty() {
                        names.push((item_at, std::mem::take(&mut item)));
                        at_name = false;
                    }
                }
            }
            if !item.is_empty() {
                names.push((item_at, item));
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push((start, name));
            }
        }
    }
    names
}

/// The code of a line: without a `//` comment (not counting `//` inside a string).
fn code(line: &str) -> &str {
    let mut in_string = false;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && previous == '/' => return &line[..i - 1],
            _ => {}
        }
        previous = c;
    }
    line
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every upward path in `src/`, as "file:line: …".
fn upward_imports(src: &Path) -> (Vec<String>, usize) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut seen = 0;
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        let module = parts[0].as_str();
        if module == "lib" || module == "main" {
            continue;
        }
        let own = rank(module).unwrap_or_else(|| {
            panic!(
                "src/{}: module {module} is not in LAYERS or LEAVES",
                rel.display()
            )
        });
        // How many `super::` reach the crate root from this file.
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod"));
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let code_text: String = lines.iter().map(|l| code(l).to_string() + "\n").collect();
        for (offset, name) in root_names(&code_text, depth) {
            let n = code_text[..offset].matches('\n').count();
            let line = lines[n];
            {
                let Some(target) = module_of(&name) else {
                    continue;
                };
                seen += 1;
                if target == module {
                    continue;
                }
                let theirs = rank(target).unwrap();
                if theirs >= own || own == -1 {
                    problems.push(format!(
                        "src/{}:{}: `{module}` uses `{target}`, which is not to its left in {}: {}",
                        rel.display(),
                        n + 1,
                        LAYERS.join(" → "),
                        line.trim()
                    ));
                }
            }
        }
    }
    (problems, seen)
}

#[test]
fn no_module_imports_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (problems, seen) = upward_imports(&src);
    assert!(seen > 100, "the paths were read ({seen})");
    assert!(
        problems.is_empty(),
        "upward imports:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_reader_finds_each_form_of_path() {
    let names = |line: &str, depth| -> Vec<String> {
        let code_text: String = line.lines().map(|l| code(l).to_string() + "\n").collect();
        root_names(&code_text, depth)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    };
    assert_eq!(names("use crate::library::{Library, X};", 1), ["library"]);
    assert_eq!(
        names("use crate::{links::keys, Error, Result};", 1),
        ["links", "Error", "Result"]
    );
    assert_eq!(names("use crate::{a::{b, c}, tui::d};", 1), ["a", "tui"]);
    assert_eq!(names("let x = crate::tui::log::path();", 1), ["tui"]);
    assert_eq!(names("use super::super::cli::run;", 2), ["cli"]);
    assert!(names("use super::related::load_item;", 2).is_empty());
    assert_eq!(names("use super::library;", 1), ["library"]);
    assert!(names("let s = \"a // b\"; // crate::cli", 1).is_empty());
    assert_eq!(
        names(
            "use crate::{\n    archive::scan,\n    // crate::cli\n    tui::App,\n};",
            1
        ),
        ["archive", "tui"]
    );
    assert!(names("x(); // crate::cli", 1).is_empty());
}
