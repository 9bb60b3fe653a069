//! One index shared by the users of a server (`[index] group_readable = true`): whatever the
//! writer's umask, the index's folders are group-writable and setgid and its files group
//! readable and writable; a user who cannot write the index still searches it, and is told
//! that it is older than the archive and who can update it.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn protokoll(config: &Path, archive: &Path, index: &Path, args: &str) -> Output {
    // `umask 077`: without the option every file would be the writer's alone.
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077; exec \"$0\" --archive \"$1\" --index \"$2\" {args}"
        ))
        .arg(env!("CARGO_BIN_EXE_protokoll"))
        .arg(archive)
        .arg(index)
        .env("PROTOKOLL_CONFIG_DIR", config)
        .output()
        .unwrap()
}

fn walk(dir: &Path, out: &mut Vec<(std::path::PathBuf, u32, bool)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        out.push((
            entry.path(),
            meta.permissions().mode() & 0o7777,
            meta.is_dir(),
        ));
        if meta.is_dir() {
            walk(&entry.path(), out);
        }
    }
}

#[test]
fn a_shared_index_is_group_readable_whatever_the_umask_and_a_reader_still_searches() {
    let tmp = tempfile::tempdir().unwrap();
    let (config, archive, index) = (
        tmp.path().join("config"),
        tmp.path().join("arkiv"),
        tmp.path().join("srv/shared/idx"),
    );
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[index]\ngroup_readable = true\n",
    )
    .unwrap();
    std::fs::create_dir(&archive).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::copy(
        seeds.join("000_34fa3fbd3b0a2229.txt"),
        archive.join("000_34fa3fbd3b0a2229.txt"),
    )
    .unwrap();
    let out = protokoll(&config, &archive, &index, "index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mode = std::fs::metadata(&index).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode & 0o2770, 0o2770, "index folder {mode:o}");
    let mut entries = Vec::new();
    walk(&index, &mut entries);
    assert!(entries.iter().any(|(p, _, _)| p.ends_with("stamps.bin")));
    assert!(entries.iter().any(|(_, _, dir)| *dir), "the tantivy folder");
    for (path, mode, dir) in &entries {
        let want = if *dir { 0o2770 } else { 0o660 };
        assert_eq!(mode & want, want, "{} is {mode:o}", path.display());
    }

    // Without the option the same umask keeps the index private.
    std::fs::write(config.join("config.toml"), "").unwrap();
    let private = tmp.path().join("private-idx");
    assert!(protokoll(&config, &archive, &private, "index")
        .status
        .success());
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o077, 0, "private index folder {mode:o}");

    // A reader who cannot write: the archive changed, the index is read-only to them.
    std::fs::copy(
        seeds.join("002_24c9f647cf52e70e.txt"),
        archive.join("002_24c9f647cf52e70e.txt"),
    )
    .unwrap();
    for (path, mode, _) in entries
        .iter()
        .rev()
        .chain([(index.clone(), 0o2770, true)].iter())
    {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & !0o222)).unwrap();
    }
    let root = unsafe { libc::geteuid() } == 0;
    let out = protokoll(&config, &archive, &index, "search kompetens --json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty(), "{stderr}");
    if !root {
        // (root writes through any mode bits, so only a non-root run can see the refusal)
        assert!(stderr.contains("older than the archive"), "{stderr}");
        assert!(stderr.contains("can update it"), "{stderr}");
    }
    for (path, mode, _) in entries.iter().chain([(index.clone(), 0o2770, true)].iter()) {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(*mode));
    }
}
