//! The one writer: a thread that owns the only connection that writes, and
//! commits the writes of many requests together (group commit).
//!
//! Each request's write is a closure. The writer takes every closure that
//! is waiting, runs them in one transaction, each inside its own savepoint
//! (a closure that fails rolls back only its own work and gets its own
//! error), commits once with `synchronous = FULL` (one fsync for the whole
//! batch), and only then answers each request. So every write the shop has
//! acknowledged survives a power cut, and a busy shop pays one fsync for
//! many orders instead of one each.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;

use rocket::tokio::sync::oneshot;
use rusqlite::Connection;

use crate::error::Error;

/// How many writes share one commit at most. Past a few hundred a batch
/// only makes its first requests wait longer for the fsync.
const MAX_BATCH: usize = 256;

/// What the writer runs: the closure in its savepoint, which hands back
/// whether it failed and what to answer once the batch's commit is known.
type Job = Box<dyn FnOnce(&Connection) -> Ran + Send>;

struct Ran {
    failed: bool,
    /// It failed on a storage fault: the connection may be left unusable.
    fault: bool,
    answer: Answer,
}

/// Tells a job's request the outcome, given the batch's commit.
type Answer = Box<dyn FnOnce(Result<(), Error>) + Send>;

struct Queued {
    job: Job,
    /// Runs in a batch of its own (a large import): the writes queued
    /// behind it should not wait for its fsync and theirs together.
    alone: bool,
}

/// A handle to the writer thread; cheap to clone. The thread stops when
/// the last handle is dropped.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Queued>,
    queued: prometheus::IntGauge,
}

/// How many batches and writes the writer has committed, for `/metrics`
/// and for the benchmark's report of batch sizes.
#[derive(Debug)]
pub struct WriterStats {
    pub batches: std::sync::atomic::AtomicU64,
    pub writes: std::sync::atomic::AtomicU64,
    /// Writes waiting for the writer to take them into a batch.
    pub queued: prometheus::IntGauge,
    /// How many writes each batch (each fsync) committed.
    pub batch_sizes: prometheus::Histogram,
}

impl Default for WriterStats {
    fn default() -> Self {
        let queued = prometheus::IntGauge::new(
            "tienda_writer_queue_length",
            "Writes waiting for the database writer",
        );
        let sizes = prometheus::HistogramOpts::new(
            "tienda_writer_batch_size",
            "Writes committed together in one transaction (one fsync)",
        )
        .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]);
        WriterStats {
            batches: Default::default(),
            writes: Default::default(),
            queued: queued.expect("a valid metric name"),
            batch_sizes: prometheus::Histogram::with_opts(sizes).expect("valid histogram options"),
        }
    }
}

impl Writer {
    /// Starts the writer thread on `conn`, which it configures to fsync
    /// every commit. After a storage fault the writer replaces its
    /// connection with one from `reopen`, so that it recovers with the disk.
    pub fn start(
        conn: Connection,
        reopen: impl Fn() -> Result<Connection, Error> + Send + 'static,
        stats: std::sync::Arc<WriterStats>,
    ) -> Result<Writer, Error> {
        conn.pragma_update(None, "synchronous", "FULL")?;
        let (queue, jobs) = mpsc::channel();
        let queued = stats.queued.clone();
        std::thread::Builder::new()
            .name("tienda-writer".into())
            .spawn(move || run(conn, reopen, jobs, &stats))
            .map_err(Error::caused)?;
        Ok(Writer { queue, queued })
    }

    /// Runs `f` in the next batch and answers once its commit is on disk.
    /// An error of `f` undoes what `f` wrote, and only that.
    pub async fn write<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.enqueue(f, false).await
    }

    /// Like `write`, in a batch of its own: for long writes such as an
    /// import, so that the short writes queued behind it are not held in
    /// the same transaction.
    pub async fn write_alone<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.enqueue(f, true).await
    }

    async fn enqueue<T, F>(&self, f: F, alone: bool) -> Result<T, Error>
    where
        F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        let (job, answer) = job(f);
        self.queued.inc();
        if self.queue.send(Queued { job, alone }).is_err() {
            self.queued.dec();
            return Err(Error::internal("the database writer has stopped"));
        }
        // The writer drops a job unrun only when it cannot open a
        // transaction (or the job panicked, which it logs).
        answer
            .await
            .map_err(|_| Error::Unavailable("the database write was not carried out".into()))?
    }
}

/// `f` as the writer runs it, and where its answer will arrive.
fn job<T, F>(f: F) -> (Job, oneshot::Receiver<Result<T, Error>>)
where
    F: FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
    T: Send + 'static,
{
    let (tell, answer) = oneshot::channel::<Result<T, Error>>();
    let job: Job = Box::new(move |conn| match f(conn) {
        Ok(value) => Ran {
            failed: false,
            fault: false,
            answer: Box::new(move |committed| {
                // The request may have gone (client hung up): nobody to tell.
                let _ = tell.send(committed.map(|()| value));
            }),
        },
        Err(e) => Ran {
            failed: true,
            fault: matches!(e, Error::Unavailable(_)),
            answer: Box::new(move |_| {
                let _ = tell.send(Err(e));
            }),
        },
    });
    (job, answer)
}

fn run(
    mut conn: Connection,
    reopen: impl Fn() -> Result<Connection, Error>,
    jobs: mpsc::Receiver<Queued>,
    stats: &WriterStats,
) {
    let mut next: Option<Queued> = None;
    loop {
        let first = match next.take() {
            Some(queued) => queued,
            None => match jobs.recv() {
                Ok(queued) => {
                    stats.queued.dec();
                    queued
                }
                Err(_) => return,
            },
        };
        let mut batch = vec![first];
        if !batch[0].alone {
            while batch.len() < MAX_BATCH {
                let Ok(queued) = jobs.try_recv() else { break };
                stats.queued.dec();
                if queued.alone {
                    next = Some(queued);
                    break;
                }
                batch.push(queued);
            }
        }
        let size = batch.len() as u64;
        stats.batch_sizes.observe(size as f64);
        if let Err(Error::Unavailable(cause)) = commit_batch(&conn, batch) {
            rocket::error!("the database writer met a storage fault ({cause}); reopening its connection");
            match reopen().and_then(|fresh| {
                fresh.pragma_update(None, "synchronous", "FULL")?;
                Ok(fresh)
            }) {
                Ok(fresh) => conn = fresh,
                Err(e) => rocket::error!("the database writer cannot reopen the database yet: {e}"),
            }
        }
        stats.batches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        stats.writes.fetch_add(size, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Runs the batch in one transaction and answers every job after the
/// commit: with its value, its own error, or the commit's error. Returns
/// the commit's error, or `Unavailable` if a job met a storage fault (a
/// connection that read a damaged file can stay unusable after the disk
/// recovers, so the caller replaces it).
fn commit_batch(conn: &Connection, batch: Vec<Queued>) -> Result<(), Error> {
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE") {
        // Dropping the jobs unrun drops their answers' senders: each
        // request hears that its write did not happen.
        rocket::error!("the database writer cannot begin a transaction: {e}");
        return Err(e);
    }
    let mut answers = Vec::with_capacity(batch.len());
    let mut fault = false;
    let mut open = true;
    let alone = batch.len() == 1;
    for queued in batch {
        let (answer, faulted) = if alone {
            let (answer, faulted, still_open) = run_alone(conn, queued.job);
            open = still_open;
            (answer, faulted)
        } else {
            run_in_savepoint(conn, queued.job)
        };
        answers.push(answer);
        fault |= faulted;
    }
    let committed = if open { exec(conn, "COMMIT") } else { Ok(()) };
    if committed.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    for answer in answers {
        answer(committed.clone());
    }
    match committed {
        Ok(()) if fault => Err(Error::Unavailable("a write met a storage fault".into())),
        other => other,
    }
}

/// Runs the only job of a batch, whose transaction is its own: a job that
/// fails, or panics, rolls the whole transaction back. No savepoint,
/// because SQLite keeps what a savepoint could undo until it is released,
/// and for a long write (an import of 200,000 lines) that was every page
/// it touched. Also says whether the job met a storage fault, and whether
/// the transaction is still open to commit.
fn run_alone(conn: &Connection, job: Job) -> (Answer, bool, bool) {
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(conn)));
    // A transaction that could not be rolled back leaves the connection in
    // doubt: reported as a fault, so that the writer replaces it.
    let roll_back = || exec(conn, "ROLLBACK").is_err();
    match ran {
        Ok(ran) if !ran.failed => (ran.answer, ran.fault, true),
        Ok(ran) => {
            let stuck = roll_back();
            (ran.answer, ran.fault || stuck, false)
        }
        Err(_) => {
            let stuck = roll_back();
            rocket::error!("a database write panicked; it was rolled back");
            (Box::new(|_| {}), stuck, false)
        }
    }
}

/// Runs one job in its own savepoint: a job that fails, or panics, rolls
/// back what it wrote and leaves the others' writes in the batch.
/// Also says whether the job met a storage fault.
fn run_in_savepoint(conn: &Connection, job: Job) -> (Answer, bool) {
    if let Err(e) = exec(conn, "SAVEPOINT job") {
        // The job is dropped unrun, and its request told so (see above).
        rocket::error!("the database writer cannot open a savepoint: {e}");
        return (Box::new(|_| {}), matches!(e, Error::Unavailable(_)));
    }
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(conn)));
    let failed = !matches!(&ran, Ok(ran) if !ran.failed);
    let undone = if failed {
        exec(conn, "ROLLBACK TO job")
    } else {
        Ok(())
    };
    let released = undone.and_then(|()| exec(conn, "RELEASE job"));
    match (ran, released) {
        (Ok(ran), Ok(())) => (ran.answer, ran.fault),
        (Ok(ran), Err(e)) => {
            // The savepoint could not be closed: the job's work cannot be
            // told apart from the batch any more, so it is reported failed.
            let fault = ran.fault || matches!(e, Error::Unavailable(_));
            (Box::new(move |_| (ran.answer)(Err(e))), fault)
        }
        (Err(_), _) => {
            rocket::error!("a database write panicked; it was rolled back");
            (Box::new(|_| {}), false)
        }
    }
}

fn exec(conn: &Connection, sql: &str) -> Result<(), Error> {
    conn.prepare_cached(sql)?.execute([])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let conn = Connection::open(dir.path().join("w.db")).expect("a database");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;
             CREATE TABLE parents (id INTEGER PRIMARY KEY);
             CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE,
                 parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);",
        )
        .expect("the schema");
        (dir, conn)
    }

    fn insert(text: &'static str) -> impl FnOnce(&Connection) -> Result<i64, Error> {
        move |conn| {
            conn.execute("INSERT INTO notes (text) VALUES (?1)", [text])?;
            Ok(conn.last_insert_rowid())
        }
    }

    fn texts(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT text FROM notes ORDER BY id")
            .expect("select");
        stmt.query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("texts")
    }

    fn queued<T: Send + 'static>(
        f: impl FnOnce(&Connection) -> Result<T, Error> + Send + 'static,
        alone: bool,
    ) -> (Queued, oneshot::Receiver<Result<T, Error>>) {
        let (job, answer) = job(f);
        (Queued { job, alone }, answer)
    }

    #[test]
    fn a_failing_write_undoes_only_itself_and_gets_its_own_error() {
        let (_dir, conn) = database();
        let (a, mut a_answer) = queued(insert("a"), false);
        let (b, mut b_answer) = queued(
            |conn: &Connection| {
                insert("b")(conn)?;
                Err::<i64, _>(Error::field("text", "refused after writing"))
            },
            false,
        );
        let (c, mut c_answer) = queued(insert("c"), false);
        commit_batch(&conn, vec![a, b, c]).expect("committed");
        assert_eq!(texts(&conn), ["a", "c"]);
        assert_eq!(a_answer.try_recv().expect("answered").expect("written"), 1);
        let b_error = b_answer.try_recv().expect("answered").expect_err("refused");
        assert_eq!(b_error.code(), "validation_failed");
        assert!(c_answer.try_recv().expect("answered").is_ok());
    }

    #[test]
    fn a_panicking_write_is_rolled_back_and_its_request_told() {
        let (_dir, conn) = database();
        let (a, mut a_answer) = queued(insert("a"), false);
        let (b, mut b_answer) = queued(
            |conn: &Connection| -> Result<(), Error> {
                insert("b")(conn)?;
                panic!("a bug in a write");
            },
            false,
        );
        commit_batch(&conn, vec![a, b]).expect("committed");
        assert_eq!(texts(&conn), ["a"]);
        assert!(a_answer.try_recv().expect("answered").is_ok());
        assert!(b_answer.try_recv().is_err(), "the panicked write has no value");
    }

    #[test]
    fn a_lone_write_that_fails_or_panics_leaves_nothing_and_the_next_batch_commits() {
        let (_dir, conn) = database();
        let (failing, mut failing_answer) = queued(
            |conn: &Connection| {
                insert("a")(conn)?;
                Err::<i64, _>(Error::field("text", "refused after writing"))
            },
            true,
        );
        commit_batch(&conn, vec![failing]).expect("nothing to commit, no error");
        let error = failing_answer.try_recv().expect("answered").expect_err("refused");
        assert_eq!(error.code(), "validation_failed");
        let (panicking, mut panicking_answer) = queued(
            |conn: &Connection| -> Result<(), Error> {
                insert("b")(conn)?;
                panic!("a bug in a write");
            },
            true,
        );
        commit_batch(&conn, vec![panicking]).expect("nothing to commit, no error");
        assert!(
            panicking_answer.try_recv().is_err(),
            "the panicked write has no value"
        );
        assert!(texts(&conn).is_empty());
        let (c, mut c_answer) = queued(insert("c"), true);
        commit_batch(&conn, vec![c]).expect("committed");
        assert!(c_answer.try_recv().expect("answered").is_ok());
        assert_eq!(texts(&conn), ["c"]);
    }

    #[test]
    fn a_failed_commit_is_everyones_error() {
        let (_dir, conn) = database();
        let (a, mut a_answer) = queued(insert("a"), false);
        // A deferred foreign key is checked at COMMIT, which then fails.
        let (b, mut b_answer) = queued(
            |conn: &Connection| {
                conn.execute("INSERT INTO notes (text, parent) VALUES ('b', 99)", [])?;
                Ok(())
            },
            false,
        );
        assert!(commit_batch(&conn, vec![a, b]).is_err(), "the commit failed");
        assert!(texts(&conn).is_empty());
        assert!(a_answer.try_recv().expect("answered").is_err());
        assert!(b_answer.try_recv().expect("answered").is_err());
        // The connection is usable again afterwards.
        let (c, mut c_answer) = queued(insert("c"), false);
        commit_batch(&conn, vec![c]).expect("committed");
        assert!(c_answer.try_recv().expect("answered").is_ok());
        assert_eq!(texts(&conn), ["c"]);
    }

    #[test]
    fn waiting_writes_share_one_commit_and_a_long_one_runs_alone() {
        let (_dir, conn) = database();
        let (queue, jobs) = mpsc::channel();
        let mut answers = Vec::new();
        for (text, alone) in [
            ("a", false),
            ("b", false),
            ("import", true),
            ("c", false),
            ("d", false),
        ] {
            let (q, answer) = queued(insert(text), alone);
            queue.send(q).expect("queued");
            answers.push(answer);
        }
        drop(queue);
        let stats = WriterStats::default();
        run(
            conn,
            || Err(Error::internal("no reopening in tests")),
            jobs,
            &stats,
        );
        use std::sync::atomic::Ordering::Relaxed;
        // [a, b], [import], [c, d]
        assert_eq!(stats.batches.load(Relaxed), 3);
        assert_eq!(stats.writes.load(Relaxed), 5);
        for mut answer in answers {
            assert!(answer.try_recv().expect("answered").is_ok());
        }
    }

    #[test]
    fn the_handle_answers_after_the_commit() {
        let (dir, conn) = database();
        let writer = Writer::start(
            conn,
            || Err(Error::internal("no reopening in tests")),
            Default::default(),
        )
        .expect("a writer");
        let runtime = rocket::tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let id = runtime.block_on(writer.write(insert("a"))).expect("written");
        assert_eq!(id, 1);
        // Another connection sees it at once: it was committed.
        let reader = Connection::open(dir.path().join("w.db")).expect("a reader");
        assert_eq!(texts(&reader), ["a"]);
        let duplicate = runtime.block_on(writer.write(insert("a")));
        assert_eq!(duplicate.expect_err("unique").code(), "conflict");
    }
}
