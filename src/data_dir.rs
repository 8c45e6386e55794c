//! The data directory: made usable at start, and held by one process at a
//! time, so that two shops never serve from one database and a restore
//! never swaps the file under a running shop.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::Error;

/// Creates the data directory if needed and makes sure the shop can write
/// there, so that a read-only one is named at start with what to do,
/// rather than failing later on a file inside it.
pub fn prepare(dir: &Path) -> Result<(), Error> {
    let refuse = |e: std::io::Error| {
        Error::internal(format!(
            "the data directory {} is not usable ({e}): Tienda keeps its database there, \
             so make it writable for the user that runs the shop, or choose another with --data-dir",
            dir.display()
        ))
    };
    std::fs::create_dir_all(dir).map_err(refuse)?;
    let probe = dir.join(".tienda-write-check");
    std::fs::write(&probe, b"").map_err(refuse)?;
    std::fs::remove_file(&probe).map_err(refuse)
}

/// The data directory, held for as long as this value lives (an advisory
/// lock on `tienda.lock` inside it, released by the system even when the
/// process is killed).
pub struct Lock {
    _file: File,
}

impl Lock {
    pub fn acquire(dir: &Path) -> Result<Lock, Error> {
        let path = dir.join("tienda.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::internal(format!("cannot open {}: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::internal(format!(
                "another Tienda process is using {} (a shop serving, or a restore); \
                 stop it first, or choose another data directory with --data-dir",
                dir.display()
            ))),
            Err(TryLockError::Error(e)) => {
                Err(Error::internal(format!("cannot lock {}: {e}", path.display())))
            }
        }
    }
}
