//! The index folder as tantivy sees it: tantivy's own memory-mapped directory, except that a
//! reader may open an index in a folder it cannot write. tantivy takes a short "meta" lock file
//! when a reader loads the list of segments; in a read-only folder (another user's index, a
//! read-only mount) that lock cannot be created, and without this wrapper the index could not be
//! searched at all. Writing still needs the writer lock, which is never faked.

use std::io;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// Name of the lock file tantivy's readers take (see `tantivy::directory::META_LOCK`).
const META_LOCK_FILE: &str = ".tantivy-meta.lock";

#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
}

impl IndexDirectory {
    pub fn open(path: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(path)?,
        })
    }
}

fn cannot_write(error: &LockError) -> bool {
    matches!(error, LockError::IoError(e)
        if matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem))
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // A reader in a folder it may not write: nobody can be writing through this user
            // either, so reading without the meta lock is safe enough to be useful.
            Err(e) if cannot_write(&e) && lock.filepath == Path::new(META_LOCK_FILE) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
