//! The catalog: what the index holds, file by file (fingerprint and parsed meeting without item
//! texts). It lives beside the tantivy index and is written only after the index commits, so a
//! crash between the two leaves a catalog that is behind the index, which the next update repairs
//! (a file it does not know is re-read and its items replaced).

use crate::protocol::Meeting;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// Bumped when the catalog layout or anything stored in it changes meaning.
pub const CATALOG_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileRecord {
    pub rel_path: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// blake3 of the file's bytes.
    pub hash: [u8; 32],
    /// Fingerprint of the sidecar that applied (size, mtime), if any.
    pub sidecar_stamp: Option<(u64, i64)>,
    /// The parsed meeting; item texts are empty (they are stored in the index).
    pub meeting: Meeting,
    /// Council key inferred from the text when the file names no council itself.
    pub inferred_council: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Catalog {
    pub version: u32,
    pub files: Vec<FileRecord>,
}

const FILE_NAME: &str = "catalog.bin";

impl Catalog {
    /// Read the catalog in `dir`; `Ok(None)` when there is none, an error when it is unreadable.
    pub fn load(dir: &Path) -> Result<Option<Catalog>> {
        let path = dir.join(FILE_NAME);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::new(format!("{}: {e}", path.display()))),
        };
        let catalog: Catalog = bincode::deserialize(&bytes)
            .map_err(|e| Error::new(format!("{} is damaged ({e})", path.display())))?;
        if catalog.version != CATALOG_VERSION {
            return Err(Error::new(format!(
                "{} is from another version of protokoll",
                path.display()
            )));
        }
        Ok(Some(catalog))
    }

    /// Write atomically: a temporary file renamed over the old one.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let bytes = bincode::serialize(self)
            .map_err(|e| Error::new(format!("cannot encode the catalog: {e}")))?;
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        {
            let mut f = std::fs::File::create(&tmp)
                .map_err(|e| Error::new(format!("cannot write {}: {e}", tmp.display())))?;
            f.write_all(&bytes)
                .and_then(|_| f.sync_all())
                .map_err(|e| Error::new(format!("cannot write {}: {e}", tmp.display())))?;
        }
        std::fs::rename(&tmp, dir.join(FILE_NAME))
            .map_err(|e| Error::new(format!("cannot replace the catalog: {e}")))?;
        Ok(())
    }

    pub fn remove(dir: &Path) {
        let _ = std::fs::remove_file(dir.join(FILE_NAME));
    }
}
