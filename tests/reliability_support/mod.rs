//! Shared helpers of the reliability tests: running the real binary with a private HOME, making
//! small archives of protocols that were never seen before, and fingerprinting a folder tree so a
//! test can prove nothing in it changed.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary cargo built for the integration tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_protokoll"))
}

/// A command for the binary with a private HOME (so no data, cache or config dir of the user is
/// touched), no colour and no progress output.
pub fn cmd(home: &Path, archive: &Path, index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("NO_COLOR", "1")
        .env_remove("PROTOKOLL_ARCHIVE")
        .arg("--archive")
        .arg(archive)
        .arg("--index")
        .arg(index)
        .args(args)
        .stdin(Stdio::null());
    c
}

/// Run the binary and collect its output.
pub fn run(home: &Path, archive: &Path, index: &Path, args: &[&str]) -> Output {
    cmd(home, archive, index, args)
        .output()
        .expect("the protokoll binary runs")
}

/// Run and insist on success; returns stdout.
pub fn run_ok(home: &Path, archive: &Path, index: &Path, args: &[&str]) -> String {
    let out = run(home, archive, index, args);
    assert!(
        out.status.success(),
        "protokoll {args:?} failed ({}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_panic(&out);
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// A panic message on stderr means a crash whatever the exit code says.
pub fn assert_no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked at"), "protokoll panicked:\n{err}");
}

/// A made-up protocol of `council` with numbered items; the words differ per `n` so the files are
/// distinct protocols and searchable.
pub fn protocol(council: &str, n: usize) -> String {
    let day = 1 + n % 28;
    let month = 1 + (n / 28) % 12;
    let year = 2019 + (n / 336) % 6;
    format!(
        "Protokoll {council}\n\
         Datum: {year}-{month:02}-{day:02}\n\
         Plats: Rådhuset, sal {n}\n\n\
         Närvarande:\n\
         Karin Lund (S), ordförande\n\
         Per Berg (M), ledamot\n\n\
         1. Mötets öppnande\n\
         Ordföranden öppnade mötet.\n\n\
         2. Budget för vattenverk nummer{n}\n\
         Diskussion om investeringar i vattenverket, ärende KS 2021/{n}.\n\
         Förvaltningen redovisade kostnader för ledningsnätet.\n\n\
         3. Övriga frågor\n\
         Inga övriga frågor. Nästa möte hålls i Örebro.\n"
    )
}

/// Write `files` protocols into `dir` (created if needed).
pub fn write_protocols(dir: &Path, council: &str, files: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for n in 0..files {
        std::fs::write(
            dir.join(format!("protokoll-{n:04}.txt")),
            protocol(council, n),
        )
        .unwrap();
    }
}

/// One file's fingerprint: content hash, size, mtime, permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    pub hash: String,
    pub len: u64,
    pub mtime: Option<std::time::SystemTime>,
    pub mode: u32,
    pub kind: &'static str,
}

/// Every entry under `root` (files, folders, symlinks, not followed) with its fingerprint, keyed
/// by the raw relative path. Folders carry their mtime too, so an added or removed file shows.
pub fn fingerprint_tree(root: &Path) -> BTreeMap<PathBuf, Print> {
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Print>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let rel = path.strip_prefix(root).unwrap().to_path_buf();
        let (kind, hash) = if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path).unwrap();
            ("symlink", format!("{}", target.display()))
        } else if meta.is_dir() {
            ("dir", String::new())
        } else {
            let bytes = std::fs::read(&path).unwrap_or_default();
            ("file", blake3::hash(&bytes).to_hex().to_string())
        };
        out.insert(
            rel,
            Print {
                hash,
                len: meta.len(),
                mtime: meta.modified().ok(),
                mode: mode_of(&meta),
                kind,
            },
        );
        if kind == "dir" {
            walk(root, &path, out);
        }
    }
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode()
}

#[cfg(not(unix))]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    u32::from(meta.permissions().readonly())
}

/// Assert two fingerprints are equal, naming the first difference.
pub fn assert_same_tree(
    before: &BTreeMap<PathBuf, Print>,
    after: &BTreeMap<PathBuf, Print>,
    when: &str,
) {
    for (path, print) in before {
        match after.get(path) {
            None => panic!("{when}: {} disappeared from the archive", path.display()),
            Some(p) => assert_eq!(print, p, "{when}: {} changed", path.display()),
        }
    }
    for path in after.keys() {
        assert!(
            before.contains_key(path),
            "{when}: {} appeared in the archive",
            path.display()
        );
    }
}

/// True when this process can read files whatever their permissions (root, CAP_DAC_OVERRIDE).
#[cfg(unix)]
pub fn permissions_are_ignored(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".probe-unreadable");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::remove_file(&probe).unwrap();
    readable
}

/// The peak resident memory (VmHWM, kB) of a running process, read from /proc.
pub fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
