//! Why the shop cannot start. These are not HTTP errors: they say what is
//! wrong and what the owner does about it, never "try again later".

use std::path::{Path, PathBuf};

use crate::db::file_check::{FileProblem, OpenError};
use crate::error::Error;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database file is not one, or is cut short or damaged.
    #[error("the database {} cannot be used: {problem}. The shop did not start and changed nothing in it. {}", path.display(), remedy(.newest_backup.as_deref()))]
    Database {
        path: PathBuf,
        problem: FileProblem,
        newest_backup: Option<PathBuf>,
    },
    #[error(transparent)]
    Other(#[from] Error),
}

impl StartError {
    /// The error of opening the database of the data directory `data_dir`.
    pub fn opening(data_dir: &Path, db_path: &Path, e: OpenError) -> StartError {
        match e {
            OpenError::File(problem) => {
                let backups = crate::backups::dir(data_dir);
                StartError::Database {
                    path: db_path.to_path_buf(),
                    problem,
                    newest_backup: crate::backups::list(&backups)
                        .ok()
                        .and_then(|found| found.into_iter().next())
                        .map(|newest| backups.join(newest.name)),
                }
            }
            OpenError::Other(e) => StartError::Other(e),
        }
    }
}

fn remedy(newest_backup: Option<&Path>) -> String {
    match newest_backup {
        Some(backup) => format!(
            "To put the newest backup in its place (the damaged file is kept beside it): tienda restore {}",
            backup.display()
        ),
        None => "There is no backup in the data directory's backups folder; restore a copy you keep \
                 elsewhere with: tienda restore FILE"
            .to_string(),
    }
}
