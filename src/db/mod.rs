//! The database: a small r2d2 pool of SQLite connections, the migrations,
//! and one module of plain query functions per table.

pub mod backup;
pub mod carts;
pub mod categories;
pub mod coupons;
pub mod file_check;
pub mod images;
pub mod migrate;
pub mod order_ratings;
pub mod order_search;
pub mod orders;
pub mod outbox;
pub mod password_resets;
pub mod products;
pub mod reports;
pub mod reviews;
pub mod sessions;
pub mod settings;
pub mod setup_tokens;
pub mod stock;
pub mod suppliers;
pub mod tokens;
pub mod users;
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::Connection;

use crate::db::writer::{Writer, WriterStats};
use crate::error::Error;

pub type Pool = r2d2::Pool<ReadConnections>;

/// The read pool's connections. A connection that met a storage fault is
/// marked broken and closed when it returns to the pool, and the pool opens
/// a fresh one when the next request needs it: a shop whose disk hiccuped
/// recovers by itself instead of serving 503 from stale connections until
/// it is restarted.
pub struct ReadConnections(SqliteConnectionManager);

pub struct ReadConnection {
    conn: Connection,
    broken: bool,
}

impl r2d2::ManageConnection for ReadConnections {
    type Connection = ReadConnection;
    type Error = rusqlite::Error;

    fn connect(&self) -> Result<ReadConnection, rusqlite::Error> {
        Ok(ReadConnection {
            conn: self.0.connect()?,
            broken: false,
        })
    }

    fn is_valid(&self, conn: &mut ReadConnection) -> Result<(), rusqlite::Error> {
        self.0.is_valid(&mut conn.conn)
    }

    fn has_broken(&self, conn: &mut ReadConnection) -> bool {
        conn.broken
    }
}

/// The handle every route uses: reads on a pool of read-only connections,
/// on Tokio's blocking pool so that a slow query never stalls the async
/// workers; writes through the one writer thread (`writer`), which
/// commits them in groups and answers once they are on disk.
#[derive(Clone)]
pub struct Db {
    reads: Pool,
    /// One permit per pooled connection. Requests wait for a connection
    /// here, asynchronously, rather than in a blocking thread each: under
    /// load that keeps the blocking threads (and their memory) few.
    permits: std::sync::Arc<rocket::tokio::sync::Semaphore>,
    writer: Writer,
    path: std::sync::Arc<PathBuf>,
    checkpoints: Checkpoints,
    /// How many batches and writes the writer has committed.
    pub writes: std::sync::Arc<WriterStats>,
    /// What happened through this database, counted for `/metrics`.
    pub events: std::sync::Arc<Events>,
    /// What SQLite's check after the start found wrong in the file, if
    /// anything: from then on the shop is not healthy (`/healthz`).
    damage: std::sync::Arc<std::sync::OnceLock<String>>,
}

/// Counts of what the shop did, for `/metrics`: kept beside the database
/// handle because every place that does these things holds it.
#[derive(Debug)]
pub struct Events {
    pub orders_placed: prometheus::IntCounter,
    pub backups_taken: prometheus::IntCounter,
    pub mail_failures: prometheus::IntCounter,
}

impl Default for Events {
    fn default() -> Self {
        let counter =
            |name: &str, help: &str| prometheus::IntCounter::new(name, help).expect("a valid metric name");
        Events {
            orders_placed: counter(
                "tienda_orders_placed_total",
                "Orders placed (checkouts committed)",
            ),
            backups_taken: counter(
                "tienda_backups_taken_total",
                "Backups taken, by hand or on schedule",
            ),
            mail_failures: counter(
                "tienda_mail_delivery_failures_total",
                "E-mail deliveries that failed (each is tried again later)",
            ),
        }
    }
}

/// How the pool of read connections is used at a moment.
pub struct PoolUse {
    pub max: u32,
    pub open: u32,
    pub idle: u32,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    /// Opens the database at `path`, refusing a file that is not one or
    /// is cut short or damaged (`OpenError::File`).
    pub fn open(path: &Path, checkpoints: Checkpoints) -> Result<Db, file_check::OpenError> {
        file_check::check(path)?;
        Db::open_unnamed(path, checkpoints).map_err(|e| match e {
            file_check::OpenError::Other(e) => {
                Error::internal(format!("cannot open the database {}: {e}", path.display())).into()
            }
            problem => problem,
        })
    }

    fn open_unnamed(path: &Path, checkpoints: Checkpoints) -> Result<Db, file_check::OpenError> {
        disable_memory_statistics();
        // The writer's connection makes the file, turns on WAL and migrates
        // before the pool opens its own: the pool opens its connections in
        // parallel, and on a new file they fought over switching the
        // journal to WAL, sleeping in the busy handler (a start in four
        // took about 440 ms instead of 40).
        let mut first = Connection::open(path)?;
        configure(&mut first, checkpoints)?;
        migrate::migrate(&mut first, migrate::MIGRATIONS)?;
        let writes = std::sync::Arc::new(WriterStats::default());
        let reopen_path = path.to_path_buf();
        let reopen = move || {
            let mut conn = Connection::open(&reopen_path)?;
            configure(&mut conn, checkpoints)?;
            Ok(conn)
        };
        let writer = Writer::start(first, reopen, writes.clone())?;
        // Read-only, so that a write that bypassed the writer fails loudly
        // instead of taking SQLite's write lock behind the writer's back.
        let manager = SqliteConnectionManager::file(path).with_init(move |conn| {
            configure(conn, checkpoints)?;
            conn.pragma_update(None, "query_only", true)
        });
        let size = std::thread::available_parallelism().map_or(2, |n| n.get() as u32) * 2;
        let reads = r2d2::Pool::builder()
            .max_size(size.max(2))
            // r2d2_sqlite's check on every checkout runs an empty batch,
            // which finds nothing wrong with a connection yet cost 3% of a
            // product page; a connection that met a storage fault is
            // discarded by `has_broken` instead.
            .test_on_check_out(false)
            // `permits` lets a request ask only when a connection is free,
            // so waiting here means new connections cannot be opened (the
            // file is gone or damaged): say so within a second, not ten.
            .connection_timeout(Duration::from_secs(1))
            .build(ReadConnections(manager))?;
        let permits = std::sync::Arc::new(rocket::tokio::sync::Semaphore::new(reads.max_size() as usize));
        Ok(Db {
            reads,
            permits,
            writer,
            path: std::sync::Arc::new(path.to_path_buf()),
            checkpoints,
            writes,
            events: Default::default(),
            damage: Default::default(),
        })
    }

    /// Runs SQLite's quick check of the whole file (it reads every page, so
    /// it runs after the start, not before it) and keeps what it finds.
    pub async fn check_pages(&self) -> Result<Option<String>, Error> {
        let found = self.run(|conn| file_check::quick_check(conn)).await?;
        if let Some(problem) = &found {
            let _ = self.damage.set(problem.clone());
        }
        Ok(found)
    }

    /// What the check after the start found wrong, if anything.
    pub fn damage(&self) -> Option<&str> {
        self.damage.get().map(String::as_str)
    }

    /// Runs `f` with a read-only pooled connection on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        // The permit goes with the work, not the request: a request given up
        // on (a timeout) still holds its place until its thread is done.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(Error::caused)?;
        let pool = self.reads.clone();
        blocking(move || {
            let _permit = permit;
            let mut pooled = pool.get()?;
            let result = f(&mut pooled.conn);
            if let Err(Error::Unavailable(_)) = &result {
                pooled.broken = true;
            }
            result
        })
        .await
    }

    /// Runs `f` in the writer's next transaction and answers once it is
    /// committed and on disk. An error of `f` undoes what `f` wrote.
    pub async fn write<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.writer.write(f).await
    }

    /// Like `write`, for a long write (an import) that runs in a
    /// transaction of its own.
    pub async fn write_alone<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.writer.write_alone(f).await
    }

    /// How many read connections are open and how many of them idle.
    pub fn pool_use(&self) -> PoolUse {
        let state = self.reads.state();
        PoolUse {
            max: self.reads.max_size(),
            open: state.connections,
            idle: state.idle_connections,
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A connection of its own, which may write (with `write_tx`), for
    /// synchronous callers: the command line, start-up, tests.
    pub fn conn(&self) -> Result<Connection, Error> {
        let mut conn = Connection::open(self.path.as_path())?;
        configure(&mut conn, self.checkpoints)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(conn)
    }
}

/// Runs blocking work (SQLite, bcrypt) off the async workers.
pub async fn blocking<T, F>(f: F) -> Result<T, Error>
where
    F: FnOnce() -> Result<T, Error> + Send + 'static,
    T: Send + 'static,
{
    rocket::tokio::task::spawn_blocking(f)
        .await
        .map_err(Error::caused)?
}

/// A write transaction that takes the write lock at once, so that the checks
/// it makes still hold when it writes.
///
/// SQLite lets one writer in at a time; a connection that finds the lock
/// taken sleeps in its busy handler for growing intervals (up to 100 ms)
/// before it looks again, so under load most of the waiting was sleep. The
/// process's writers therefore queue on a mutex first, which hands the turn
/// over the moment the last writer is done. Other processes (the command
/// line) still meet SQLite's busy timeout.
pub fn write_tx(conn: &mut Connection) -> Result<WriteTx<'_>, Error> {
    static WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = WRITER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Cached statements rather than rusqlite's `Transaction`, which parses
    // BEGIN and COMMIT anew every time; on the checkout's path that showed.
    conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
    Ok(WriteTx {
        conn,
        open: true,
        _turn: turn,
    })
}

/// A write transaction holding this process's writer turn; it rolls back
/// unless committed. Fields drop in order: the connection is released
/// before the turn.
pub struct WriteTx<'c> {
    conn: &'c mut Connection,
    open: bool,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl WriteTx<'_> {
    pub fn commit(mut self) -> Result<(), Error> {
        self.conn.prepare_cached("COMMIT")?.execute([])?;
        self.open = false;
        Ok(())
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A failed COMMIT or an early return: nothing may stay half done.
            if let Err(e) = self.conn.execute_batch("ROLLBACK") {
                rocket::error!("rolling back a write failed: {e}");
            }
        }
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// SQLite counts its memory use under one global mutex, taken on every
/// allocation; with several connections busy at once that mutex was a
/// visible share of a catalog page's time. Nothing here reads the counts.
fn disable_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: called before this process opens its first connection,
        // when sqlite3_config is allowed; if SQLite was initialised already
        // (a caller opened a connection itself) it answers SQLITE_MISUSE and
        // changes nothing, which is harmless.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

/// Who copies the write-ahead log's pages back into the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoints {
    /// SQLite, after any commit that leaves 1,000 pages in the log.
    Sqlite,
    /// Litestream, which replicates the log and checkpoints it itself (at
    /// 1,000 pages and every minute). Its documentation asks busy
    /// applications to turn SQLite's own checkpoints off, so that they
    /// do not race Litestream's while it switches its locks.
    Litestream,
}

/// Every connection's settings. `temp_store = MEMORY` keeps each
/// statement's undo pages (its statement journal) in memory: once one
/// statement of a transaction had outgrown SQLite's in-memory allowance,
/// every later statement wrote its pages to a temporary file, about
/// thirty writes a line in a 200,000-line import. The busy timeout also
/// covers the short write locks Litestream takes when it checkpoints.
fn configure(conn: &mut Connection, checkpoints: Checkpoints) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(128);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    if checkpoints == Checkpoints::Litestream {
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    }
    Ok(())
}

/// Now, as stored in the database.
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `now() + delta`, possibly negative, as stored in the database.
pub fn from_now(delta: chrono::Duration) -> String {
    timestamp(chrono::Utc::now() + delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn autocheckpoint(conn: &Connection) -> Result<i64, Error> {
        Ok(conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?)
    }

    #[rocket::async_test]
    async fn checkpoints_are_left_to_litestream_on_every_connection_when_asked() {
        for (checkpoints, pages) in [(Checkpoints::Sqlite, 1000), (Checkpoints::Litestream, 0)] {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let db = Db::open(&dir.path().join("tienda.db"), checkpoints).expect("the database opens");
            assert_eq!(
                autocheckpoint(&db.conn().unwrap()).unwrap(),
                pages,
                "{checkpoints:?}"
            );
            assert_eq!(
                db.run(|c| autocheckpoint(c)).await.unwrap(),
                pages,
                "{checkpoints:?}"
            );
            assert_eq!(db.write(autocheckpoint).await.unwrap(), pages, "{checkpoints:?}");
        }
    }
}
