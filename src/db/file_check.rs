//! A database file looked at before the shop opens it: SQLite's header,
//! and a length that holds every page the header counts. A copy cut short
//! (a full disk, an interrupted transfer) keeps a sound header, and SQLite
//! would serve it with its last pages missing.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use crate::error::Error;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What is wrong with a database file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("it is not an SQLite database")]
    NotADatabase,
    #[error("it is cut short: its header counts {expected} bytes, the file has {actual}")]
    Truncated { expected: u64, actual: u64 },
    #[error("it is damaged ({0})")]
    Damaged(String),
}

/// Why the database could not be opened: the file, or anything else.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    File(FileProblem),
    #[error(transparent)]
    Other(#[from] Error),
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> OpenError {
        match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                OpenError::File(FileProblem::NotADatabase)
            }
            rusqlite::Error::SqliteFailure(f, message) if f.code == rusqlite::ErrorCode::DatabaseCorrupt => {
                OpenError::File(FileProblem::Damaged(message.unwrap_or_else(|| f.to_string())))
            }
            other => OpenError::Other(other.into()),
        }
    }
}

impl From<r2d2::Error> for OpenError {
    fn from(e: r2d2::Error) -> OpenError {
        OpenError::Other(e.into())
    }
}

/// What is wrong with the database at `path`, if anything. No file, or an
/// empty one, is a new shop's.
pub fn check(path: &Path) -> Result<(), OpenError> {
    let unreadable = |e: std::io::Error| Error::internal(format!("cannot read {}: {e}", path.display()));
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(e).into()),
    };
    let actual = file.metadata().map_err(unreadable)?.len();
    if actual == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    if file.read_exact(&mut header).is_err() || &header[..16] != MAGIC {
        return Err(OpenError::File(FileProblem::NotADatabase));
    }
    // Until a checkpoint, pages may live in the write-ahead log only, and
    // the file's header may count pages being copied back: the log is the
    // truth then, and SQLite reads it first.
    // SQLite names the log after the whole file name: `tienda.db-wal`.
    let wal = format!("{}-wal", path.display());
    if std::fs::metadata(wal).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    match expected_length(&header) {
        Some(expected) if actual < expected => {
            Err(OpenError::File(FileProblem::Truncated { expected, actual }))
        }
        _ => Ok(()),
    }
}

/// SQLite's quick check: every page of every table and index is read and
/// its structure checked. `None` when it finds nothing wrong, else its
/// first finding.
pub fn quick_check(conn: &rusqlite::Connection) -> Result<Option<String>, Error> {
    let mut check = conn.prepare("PRAGMA quick_check(1)")?;
    let first: String = check.query_row([], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
}

/// The file's length as its header counts it: pages times page size. Only
/// SQLite 3.7.0 and later keep the count, and say so by writing the change
/// counter again at offset 92.
fn expected_length(header: &[u8; 100]) -> Option<u64> {
    if header[24..28] != header[92..96] {
        return None;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]);
    Some(u64::from(pages) * page_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("tienda.db");
        let conn = rusqlite::Connection::open(&path).expect("a database");
        conn.execute_batch(
            "CREATE TABLE t (x BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
             INSERT INTO t SELECT randomblob(4000) FROM n;",
        )
        .expect("rows");
        path
    }

    #[test]
    fn a_sound_file_a_missing_one_and_an_empty_one_pass() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check(&dir.path().join("none.db")).is_ok());
        std::fs::write(dir.path().join("empty.db"), b"").unwrap();
        assert!(check(&dir.path().join("empty.db")).is_ok());
        assert!(check(&database(dir.path())).is_ok());
    }

    #[test]
    fn a_file_cut_short_or_not_sqlite_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = database(dir.path());
        let full = std::fs::metadata(&path).unwrap().len();
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(full / 3).unwrap();
        match check(&path) {
            Err(OpenError::File(FileProblem::Truncated { expected, actual })) => {
                assert_eq!((expected, actual), (full, full / 3));
            }
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, vec![7u8; 5000]).unwrap();
        assert!(matches!(
            check(&path),
            Err(OpenError::File(FileProblem::NotADatabase))
        ));
    }
}
