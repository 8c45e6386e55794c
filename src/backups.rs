//! The shop's own backups: consistent copies of the database in
//! `<data_dir>/backups/`, made on a schedule (the settings
//! `backup_every_hours` and `backup_keep`) or when an admin asks, listed
//! and downloaded from the back office and the API.
//!
//! A backup is named for the moment it was taken, in UTC
//! (`tienda-20261130-140512.sqlite3`), so the list needs no index of its
//! own and a name can be checked before any file is opened.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{self, Db};
use crate::error::Error;

const PREFIX: &str = "tienda-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// One backup file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BackupFile {
    /// The file's name, which is also its id in the API.
    pub name: String,
    pub size_bytes: u64,
    /// When it was taken (RFC 3339, UTC).
    pub created_at: String,
}

/// Where the backups of the shop whose data directory is `data_dir` go.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// When the backup `name` was taken, or `None` if `name` is not one of
/// ours (which also keeps `..` and slashes out of every path built here).
fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, counter) = rest.split_at_checked(15)?;
    let counter_ok = counter.is_empty()
        || counter
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    if !counter_ok {
        return None;
    }
    Some(NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc())
}

/// The backups in `dir`, newest first. No directory: no backups yet.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::internal(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let (Some(at), Ok(meta)) = (taken_at(&name), entry.metadata()) else {
            continue;
        };
        if meta.is_file() {
            found.push((
                at,
                BackupFile {
                    name,
                    size_bytes: meta.len(),
                    created_at: db::timestamp(at),
                },
            ));
        }
    }
    // Names sort as their times do; the name breaks ties within a second.
    found.sort_by(|a, b| (b.0, &b.1.name).cmp(&(a.0, &a.1.name)));
    Ok(found.into_iter().map(|(_, file)| file).collect())
}

/// The path of the backup `name` in `dir`; `NotFound` for a name that is
/// not a backup's or a file that is gone.
pub fn find(dir: &Path, name: &str) -> Result<PathBuf, Error> {
    taken_at(name).ok_or(Error::NotFound)?;
    let path = dir.join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::NotFound)
    }
}

/// Takes a backup of the database at `db_path` into `dir` now. Blocking:
/// the copy reads the whole database.
///
/// The copy is written under a temporary name, flushed to disk, then
/// renamed, so a backup in the list is always complete.
pub fn make(db_path: &Path, dir: &Path) -> Result<BackupFile, Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", dir.display())))?;
    let now = Utc::now();
    let stamp = now.format(STAMP).to_string();
    let name = (1..1000)
        .map(|n| match n {
            1 => format!("{PREFIX}{stamp}{SUFFIX}"),
            n => format!("{PREFIX}{stamp}-{n}{SUFFIX}"),
        })
        .find(|name| !dir.join(name).exists())
        .ok_or_else(|| Error::internal("too many backups in one second"))?;
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);

    let source = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(Duration::from_secs(10))?;
    let copied = db::backup::copy_to(&source, &partial).and_then(|()| {
        std::fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::internal(format!("cannot flush {}: {e}", partial.display())))
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let path = dir.join(&name);
    std::fs::rename(&partial, &path)
        .map_err(|e| Error::internal(format!("cannot name the backup {}: {e}", path.display())))?;
    // The rename itself must survive a power cut too.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    let size_bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    Ok(BackupFile {
        created_at: db::timestamp(taken_at(&name).unwrap_or(now)),
        name,
        size_bytes,
    })
}

/// The backups of the shop whose data directory is `data_dir`, newest
/// first, read off the async workers.
pub async fn listed(data_dir: &Path) -> Result<Vec<BackupFile>, Error> {
    let dir = dir(data_dir);
    db::blocking(move || list(&dir)).await
}

/// Takes a backup of `db` now, off the async workers (the copy reads the
/// whole database).
pub async fn take(db: &Db, data_dir: &Path) -> Result<BackupFile, Error> {
    let (db_path, dir) = (db.path().to_path_buf(), dir(data_dir));
    let made = db::blocking(move || make(&db_path, &dir)).await?;
    db.events.backups_taken.inc();
    Ok(made)
}

/// Deletes all but the newest `keep` backups; returns how many went.
pub fn prune(dir: &Path, keep: usize) -> Result<usize, Error> {
    let mut deleted = 0;
    for old in list(dir)?.into_iter().skip(keep) {
        std::fs::remove_file(dir.join(&old.name))
            .map_err(|e| Error::internal(format!("cannot delete the old backup {}: {e}", old.name)))?;
        deleted += 1;
    }
    Ok(deleted)
}

/// Whether a backup is due: automatic backups are on and the newest is
/// older than the interval (or there is none).
fn due(dir: &Path, every_hours: i64, now: DateTime<Utc>) -> Result<bool, Error> {
    if every_hours <= 0 {
        return Ok(false);
    }
    let newest = list(dir)?.first().and_then(|b| taken_at(&b.name));
    Ok(newest.is_none_or(|at| now - at >= chrono::Duration::hours(every_hours)))
}

/// The schedule: every `check_secs`, takes a backup if one is due and
/// deletes the oldest beyond `backup_keep`. The settings are read afresh
/// each time, so a change in the back office applies at the next check.
/// The first check waits a full interval, so a shop that is only started
/// to try something does not make a backup at once.
pub async fn schedule(db: Db, dir: PathBuf, check_secs: u64, mut shutdown: rocket::Shutdown) {
    loop {
        rocket::tokio::select! {
            _ = rocket::tokio::time::sleep(Duration::from_secs(check_secs.max(1))) => {}
            _ = &mut shutdown => break,
        }
        let (db_path, dir) = (db.path().to_path_buf(), dir.clone());
        let settings = db.run(|conn| crate::domain::settings::load(conn)).await;
        let made = match settings {
            Ok(shop) => {
                db::blocking(move || {
                    if !due(&dir, shop.backup_every_hours, Utc::now())? {
                        return Ok(None);
                    }
                    let made = make(&db_path, &dir)?;
                    let pruned = prune(&dir, usize::try_from(shop.backup_keep).unwrap_or(1))?;
                    Ok(Some((made, pruned)))
                })
                .await
            }
            Err(e) => Err(e),
        };
        match made {
            Ok(Some((made, pruned))) => {
                db.events.backups_taken.inc();
                rocket::info!(
                    "automatic backup {} ({} bytes); {pruned} older deleted",
                    made.name,
                    made.size_bytes
                )
            }
            Ok(None) => {}
            Err(e) => rocket::error!("the automatic backup failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_backups() {
        assert!(taken_at("tienda-20261130-140512.sqlite3").is_some());
        assert!(taken_at("tienda-20261130-140512-2.sqlite3").is_some());
        for other in [
            "../tienda.db",
            "tienda-20261130-140512.sqlite3/../../secret.key",
            "tienda-20261399-140512.sqlite3",
            "tienda-20261130-140512-.sqlite3",
            "tienda-20261130-140512-x.sqlite3",
            "tienda-20261130-140512.db",
            ".tienda-20261130-140512.sqlite3.partial",
            "tienda-.sqlite3",
        ] {
            assert!(taken_at(other).is_none(), "{other}");
        }
    }

    #[test]
    fn a_backup_is_due_after_the_interval_unless_they_are_off() {
        let dir = tempfile::tempdir().expect("a directory");
        let now = Utc::now();
        assert!(due(dir.path(), 24, now).expect("listed"), "none yet");
        assert!(!due(dir.path(), 0, now).expect("listed"), "off");
        let name = format!(
            "{PREFIX}{}{SUFFIX}",
            (now - chrono::Duration::hours(3)).format(STAMP)
        );
        std::fs::write(dir.path().join(name), b"x").expect("a file");
        assert!(!due(dir.path(), 24, now).expect("listed"));
        assert!(due(dir.path(), 2, now).expect("listed"));
    }

    #[test]
    fn pruning_keeps_the_newest() {
        let dir = tempfile::tempdir().expect("a directory");
        for day in 1..=5 {
            let name = format!("{PREFIX}2026110{day}-120000{SUFFIX}");
            std::fs::write(dir.path().join(name), b"x").expect("a file");
        }
        std::fs::write(dir.path().join("notes.txt"), b"mine").expect("a file");
        assert_eq!(prune(dir.path(), 2).expect("pruned"), 3);
        let left: Vec<String> = list(dir.path())
            .expect("listed")
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(
            left,
            ["tienda-20261105-120000.sqlite3", "tienda-20261104-120000.sqlite3"]
        );
        assert!(
            dir.path().join("notes.txt").exists(),
            "other files are left alone"
        );
    }
}
