//! Schema versions. `schema.sql` is version 1; each file in `migrations/`
//! is the next version. `PRAGMA user_version` records where a database
//! stands, and each step runs in its own transaction.

use rusqlite::Connection;

use crate::error::Error;

pub struct Migration {
    pub version: i64,
    pub sql: &'static str,
}

/// Every schema version, in order, compiled into the binary.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../schema.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../../migrations/0002_catalog.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../../migrations/0003_coupons.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../../migrations/0004_orders.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../../migrations/0005_reviews.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../../migrations/0006_invoices.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../../migrations/0007_reports.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../../migrations/0008_guests.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../../migrations/0009_report_summaries.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("../../migrations/0010_search.sql"),
    },
    Migration {
        version: 11,
        sql: include_str!("../../migrations/0011_languages.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("../../migrations/0012_order_language.sql"),
    },
];

/// The version a database reaches once migrated.
pub fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |m| m.version)
}

/// Applies the migrations the database has not seen yet. A database newer
/// than this binary is refused rather than touched.
///
/// Foreign keys are off while a migration runs, as SQLite asks for a table
/// rebuilt under the same name, and checked before each step commits.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<(), Error> {
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let done = migrate_unchecked(conn, migrations);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    done
}

fn migrate_unchecked(conn: &mut Connection, migrations: &[Migration]) -> Result<(), Error> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest(migrations) {
        // Seen after going back to an older binary: say what to do.
        return Err(Error::internal(format!(
            "the database is at schema version {current}, newer than this binary knows ({}): \
             a newer Tienda has upgraded it. Run that newer version again, or restore a backup \
             taken before the upgrade with `tienda restore FILE`",
            latest(migrations)
        )));
    }
    for m in migrations.iter().filter(|m| m.version > current) {
        let tx = crate::db::write_tx(conn)?;
        tx.execute_batch(m.sql)
            .map_err(|e| Error::internal(format!("migration {} failed: {e}", m.version)))?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if dangling > 0 {
            return Err(Error::internal(format!(
                "migration {} left {dangling} rows referring to nothing",
                m.version
            )));
        }
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    const V1: Migration = Migration {
        version: 1,
        sql: "CREATE TABLE t (a INTEGER);",
    };
    const V2: Migration = Migration {
        version: 2,
        sql: "ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'x';",
    };

    #[test]
    fn an_older_database_upgrades_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &[V1]).unwrap();
        conn.execute("INSERT INTO t (a) VALUES (7)", []).unwrap();

        migrate(&mut conn, &[V1, V2]).unwrap();

        assert_eq!(version(&conn), 2);
        let (a, b): (i64, String) = conn
            .query_row("SELECT a, b FROM t", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((a, b.as_str()), (7, "x"));
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &[V1]).unwrap();
        let broken = Migration {
            version: 2,
            sql: "ALTER TABLE t ADD COLUMN c TEXT; SELECT nonsense FROM nowhere;",
        };

        assert!(migrate(&mut conn, &[V1, broken]).is_err());

        assert_eq!(version(&conn), 1);
        let columns: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('t')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(columns, 1);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &[V1, V2]).unwrap();
        assert!(migrate(&mut conn, &[V1]).is_err());
    }

    #[test]
    fn the_real_schema_applies_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(version(&conn), latest(MIGRATIONS));
    }
}
