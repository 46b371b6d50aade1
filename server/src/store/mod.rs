//! Storage: one sqlx `Any` pool over SQLite (embedded, the default) or
//! PostgreSQL, with the same queries for both. Where the dialects differ
//! (migrations, full-text search in `accounts::search`, a new user's id in
//! `accounts::create_user`) the [`Dialect`] picks the SQL.
//!
//! Every capability keeps its queries in its own module; this module owns only
//! the pool, the migrations and the shared conventions: 64-bit integers, 0/1
//! booleans, Unix-millisecond timestamps, `$N` placeholders.

use std::path::Path;
use std::str::FromStr as _;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor as _, Row as _};

pub mod owners;
pub mod replica;

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database said no or went away.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// The data directory could not be created.
    #[error("data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A URL that is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL (use sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
}

/// Which SQL dialect the pool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite (WAL), the zero-setup default.
    Sqlite,
    /// PostgreSQL, for scale.
    Postgres,
}

/// The database handle shared by every capability: one `Arc`, because every
/// request clones the state of its route (with this handle in it) and a
/// clone of the whole struct was several reference counts and a
/// measurable share of the API's hottest read.
#[derive(Clone, Debug)]
pub struct Db(std::sync::Arc<DbInner>);

impl std::ops::Deref for Db {
    type Target = DbInner;
    fn deref(&self) -> &DbInner {
        &self.0
    }
}

/// What a [`Db`] holds.
#[derive(Debug)]
pub struct DbInner {
    /// The pool; queries use `$N` placeholders, which both backends accept.
    pub pool: AnyPool,
    /// The backend's dialect.
    pub dialect: Dialect,
    /// The SQLite database's file, for [`Db::fold_sqlite`]; none on PostgreSQL
    /// or in memory.
    sqlite_file: Option<std::path::PathBuf>,
    /// A PostgreSQL streaming replica for the reads that opt in ([`Db::reader`]).
    replica: Option<std::sync::Arc<replica::Replica>>,
}

/// (version, SQLite text, PostgreSQL text). Portable migrations serve both.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, include_str!("../../migrations/sqlite/0001_core.sql"), include_str!("../../migrations/postgres/0001_core.sql")),
    (2, PLAYBACK_TOKENS, PLAYBACK_TOKENS),
    (3, CHAT, CHAT),
    (4, EVENTSUB, EVENTSUB),
    (5, SUBSCRIPTION_END, SUBSCRIPTION_END),
    // SQLite has no sequence to move: `accounts::create_user` picks the id there.
    (6, "SELECT 1;", include_str!("../../migrations/postgres/0006_user_ids.sql")),
    (7, INVITES, INVITES),
    (8, PUSH, PUSH),
    (9, CLIPS, CLIPS),
    (10, RAIDS, RAIDS),
    (11, USER_LOCALE, USER_LOCALE),
    (12, EXCHANGE_RATES, EXCHANGE_RATES),
    (13, ANALYTICS, ANALYTICS),
    (14, ANALYTICS_TIME, ANALYTICS_TIME),
    (15, ANALYTICS_ROLLUPS, ANALYTICS_ROLLUPS),
    (16, ANALYTICS_DAYS, ANALYTICS_DAYS),
    (17, ANALYTICS_ACTIVE, ANALYTICS_ACTIVE),
    // SQLite has no partitions: one table, swept row by row.
    (18, "SELECT 1;", include_str!("../../migrations/postgres/0018_analytics_partitions.sql")),
    (19, AUTOMOD, AUTOMOD),
    (
        20,
        include_str!("../../migrations/sqlite/0020_recs.sql"),
        include_str!("../../migrations/postgres/0020_recs.sql"),
    ),
    (21, PUSH_KEYS, PUSH_KEYS),
];
const PUSH_KEYS: &str = include_str!("../../migrations/portable/0021_push_keys.sql");
const AUTOMOD: &str = include_str!("../../migrations/portable/0019_automod.sql");
const ANALYTICS: &str = include_str!("../../migrations/portable/0013_analytics.sql");
const ANALYTICS_TIME: &str = include_str!("../../migrations/portable/0014_analytics_time.sql");
const ANALYTICS_ROLLUPS: &str = include_str!("../../migrations/portable/0015_analytics_rollups.sql");
const ANALYTICS_DAYS: &str = include_str!("../../migrations/portable/0016_analytics_days.sql");
const ANALYTICS_ACTIVE: &str = include_str!("../../migrations/portable/0017_analytics_active_index.sql");
const PLAYBACK_TOKENS: &str = include_str!("../../migrations/portable/0002_playback_tokens.sql");
const CHAT: &str = include_str!("../../migrations/portable/0003_chat.sql");
const INVITES: &str = include_str!("../../migrations/portable/0007_invites.sql");
const PUSH: &str = include_str!("../../migrations/portable/0008_push.sql");
const CLIPS: &str = include_str!("../../migrations/portable/0009_clips.sql");
const RAIDS: &str = include_str!("../../migrations/portable/0010_raids.sql");
const USER_LOCALE: &str = include_str!("../../migrations/portable/0011_user_locale.sql");
const EXCHANGE_RATES: &str = include_str!("../../migrations/portable/0012_exchange_rates.sql");
const EVENTSUB: &str = include_str!("../../migrations/portable/0004_eventsub.sql");
const SUBSCRIPTION_END: &str = include_str!("../../migrations/portable/0005_subscription_end.sql");

impl Db {
    /// Send the reads that opt in to the PostgreSQL streaming replica at `url`.
    pub fn with_replica(mut self, url: &str) -> Result<Self, StoreError> {
        if self.dialect != Dialect::Postgres || !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
            return Err(StoreError::UnsupportedUrl(format!(
                "a replica must be PostgreSQL beside a PostgreSQL primary: {url}"
            )));
        }
        let replica = Some(replica::Replica::open(url)?);
        match std::sync::Arc::get_mut(&mut self.0) {
            Some(inner) => inner.replica = replica,
            // Already shared: a new handle over the same pool.
            None => {
                let inner = DbInner {
                    pool: self.pool.clone(),
                    dialect: self.dialect,
                    sqlite_file: self.sqlite_file.clone(),
                    replica,
                };
                self = Self(std::sync::Arc::new(inner));
            }
        }
        Ok(self)
    }

    /// The pool for a read that may be served by the replica: the replica
    /// when it is up and has replayed this request's floor (its caller's
    /// last write), else the primary. Never for reads inside a transaction
    /// or that decide a write.
    pub fn reader(&self) -> &AnyPool {
        match &self.replica {
            Some(r) => r.choose(&self.pool),
            None => &self.pool,
        }
    }

    /// Run the read `f` on [`Db::reader`]'s choice; if the replica fails
    /// it (it went down since the last probe, or it does not have the row
    /// yet), once more on the primary. `f` gets an owned pool handle (an `Arc`).
    pub async fn read<T, E, F, Fut>(&self, f: F) -> Result<T, E>
    where
        F: Fn(AnyPool) -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let Some(r) = &self.replica else { return f(self.pool.clone()).await };
        let pool = r.choose(&self.pool);
        if std::ptr::eq(pool, &self.pool) {
            return f(self.pool.clone()).await;
        }
        match f(pool.clone()).await {
            Ok(v) => Ok(v),
            Err(_) => {
                r.fell_back();
                f(self.pool.clone()).await
            }
        }
    }

    /// The replica, if one is configured.
    pub fn replica(&self) -> Option<&replica::Replica> {
        self.replica.as_deref()
    }

    /// The primary's write-ahead log position now, when a replica is
    /// configured (a caller's read-your-writes floor after it wrote).
    pub async fn write_position(&self) -> Option<u64> {
        self.replica.as_ref()?;
        let text: Option<String> =
            sqlx::query_scalar("SELECT pg_current_wal_lsn()::text").fetch_one(&self.pool).await.ok()?;
        replica::parse_lsn(&text?)
    }

    /// Rows per multi-row statement of `columns` parameters each. SQLite
    /// through sqlx looks each parameter up by name among all of the
    /// statement's (quadratic in their number: 5,500 parameters spent 60% of
    /// the analytics writer's time there), so its statements stay near 256
    /// parameters; PostgreSQL takes up to 65,535 and prefers fewer round trips.
    pub fn rows_per_statement(&self, columns: usize) -> usize {
        let params = match self.dialect {
            Dialect::Sqlite => 256,
            Dialect::Postgres => 8192,
        };
        (params / columns.max(1)).max(1)
    }

    /// Begin a transaction that will write. On SQLite it takes the write lock
    /// at once (`BEGIN IMMEDIATE`), waiting up to the busy timeout: a deferred
    /// transaction that reads before it writes (FTS5 does, inside one DELETE)
    /// fails at once with "database is locked" when another connection
    /// committed in between, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }

    /// Fold every row of a read-only query, on SQLite only (`None`
    /// elsewhere: the caller reads through the pool). sqlx hands each SQLite
    /// row from its worker thread through a channel and copies every value
    /// twice (its row, then the `Any` row): about 3 µs a row, 3.3 s for the
    /// platform's million viewers. Read here on a blocking thread through
    /// SQLite's own API, over a read-only connection to the same WAL file,
    /// the same scan takes a fraction of that.
    pub async fn fold_sqlite<A, F>(&self, sql: &str, params: &[i64], acc: A, mut f: F) -> Result<Option<A>, sqlx::Error>
    where
        A: Send + 'static,
        F: FnMut(&mut A, &rusqlite::Row<'_>) -> rusqlite::Result<()> + Send + 'static,
    {
        let Some(file) = self.sqlite_file.clone() else { return Ok(None) };
        let (sql, params) = (sql.to_string(), params.to_vec());
        let scan = move || -> rusqlite::Result<A> {
            use rusqlite::OpenFlags;
            let conn = rusqlite::Connection::open_with_flags(
                file,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            let mut acc = acc;
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
            while let Some(row) = rows.next()? {
                f(&mut acc, row)?;
            }
            Ok(acc)
        };
        let scanned = tokio::task::spawn_blocking(scan)
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()));
        scanned.map(Some).map_err(|e| sqlx::Error::Protocol(format!("sqlite scan: {e}")))
    }

    /// Copy the database, online and consistent, into the new file `to`
    /// (SQLite's `VACUUM INTO`: one read transaction, so writers carry on
    /// and the copy is a single moment of the database, compacted).
    pub async fn backup_to(&self, to: &Path) -> Result<(), BackupError> {
        if self.dialect != Dialect::Sqlite {
            return Err(BackupError::Postgres);
        }
        if to.exists() {
            return Err(BackupError::Exists(to.display().to_string()));
        }
        let path = to.to_str().ok_or_else(|| BackupError::Exists(to.display().to_string()))?;
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    /// Open (creating if needed) the database at `url`, or the SQLite file in
    /// `data_dir` when no URL is given, and bring its schema up to date.
    pub async fn open(url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        std::fs::create_dir_all(data_dir)
            .map_err(|source| StoreError::DataDir { path: data_dir.display().to_string(), source })?;
        let url = match url {
            Some(u) => u.to_string(),
            None => format!("sqlite://{}?mode=rwc", data_dir.join("aethex.db").display()),
        };
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url));
        };
        let mut sqlite_file = None;
        if dialect == Dialect::Sqlite {
            // Create the file with WAL on through the typed driver: the Any
            // driver cannot set journal mode before its first connection.
            let opts = sqlx::sqlite::SqliteConnectOptions::from_str(&url)?
                .create_if_missing(true)
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
            use sqlx::ConnectOptions as _;
            let conn = opts.connect().await?;
            // In memory, there is no file for a second connection to read.
            sqlite_file = Some(opts.get_filename().to_path_buf()).filter(|f| f.is_file());
            sqlx::Connection::close(conn).await?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if dialect == Dialect::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        let db = Self(std::sync::Arc::new(DbInner { pool, dialect, sqlite_file, replica: None }));
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        self.pool
            .execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
            )
            .await?;
        for (version, sqlite, postgres) in MIGRATIONS {
            let done: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&self.pool)
                .await?;
            if done.is_some() {
                continue;
            }
            let sql = match self.dialect {
                Dialect::Sqlite => *sqlite,
                Dialect::Postgres => *postgres,
            };
            let mut tx = self.pool.begin().await?;
            sqlx::raw_sql(sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            tracing::info!(version, "applied migration");
        }
        Ok(())
    }
}

/// Now, in Unix milliseconds: the one timestamp representation in storage.
pub use aethex_sdk::time::now_ms;

/// A stored Unix-millisecond time as RFC 3339 (the SDK owns the format).
pub use aethex_sdk::time::rfc3339;

/// Read a column that the schema declares as a 64-bit integer.
pub fn int(row: &AnyRow, col: &str) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>(col)
}

/// Read a text column.
pub fn text(row: &AnyRow, col: &str) -> Result<String, sqlx::Error> {
    row.try_get::<String, _>(col)
}

/// Rows as JSON objects, every column by name (integers, text, reals, null):
/// a user's data export writes the rows of each table this way.
pub fn rows_json(rows: &[AnyRow]) -> Vec<serde_json::Value> {
    use sqlx::Column as _;
    rows.iter()
        .map(|r| {
            let mut obj = serde_json::Map::new();
            for c in r.columns() {
                let name = c.name();
                let v = if let Ok(v) = r.try_get::<Option<i64>, _>(name) {
                    v.map_or(serde_json::Value::Null, Into::into)
                } else if let Ok(v) = r.try_get::<Option<String>, _>(name) {
                    v.map_or(serde_json::Value::Null, Into::into)
                } else if let Ok(v) = r.try_get::<Option<f64>, _>(name) {
                    v.map_or(serde_json::Value::Null, Into::into)
                } else {
                    serde_json::Value::Null
                };
                obj.insert(name.to_string(), v);
            }
            serde_json::Value::Object(obj)
        })
        .collect()
}

/// One table's rows about a user, for their data export.
pub type Export = (&'static str, Vec<serde_json::Value>);

/// Run `sql` with `id` bound as `$1` and name the rows `table` (a user's data export).
pub async fn export_rows(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    sql: &str,
    id: i64,
) -> Result<Export, sqlx::Error> {
    let rows = sqlx::query(sql).bind(id).fetch_all(&mut *conn).await?;
    Ok((table, rows_json(&rows)))
}

/// Whether a database error is a unique-constraint violation (both backends).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db.is_unique_violation(),
        _ => false,
    }
}

/// Tags are stored as a JSON array.
pub fn parse_tags(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Why a backup or restore could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// PostgreSQL has its own tools.
    #[error("the database is PostgreSQL: back it up with pg_dump (or pg_basebackup) and restore with pg_restore")]
    Postgres,
    /// Never overwrite a file.
    #[error("{0} already exists; name a new file")]
    Exists(String),
    /// The file is not a database this server wrote.
    #[error("{0}")]
    NotOurs(String),
    /// Copying failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// SQLite said no.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// Put the backup `from` in place of the SQLite database of `data_dir`, with
/// the server stopped: the backup is checked first (SQLite's integrity check,
/// our migrations table, no migration newer than this binary knows), copied
/// beside the database, flushed to disk and renamed over it; the old
/// write-ahead log goes, so nothing of the old database is replayed onto it.
pub fn restore_sqlite(data_dir: &Path, from: &Path) -> Result<usize, BackupError> {
    use rusqlite::OpenFlags;
    let check = || -> rusqlite::Result<(String, i64)> {
        let conn = rusqlite::Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0))?;
        Ok((ok, version))
    };
    let (ok, version) =
        check().map_err(|e| BackupError::NotOurs(format!("{} is not an AeThex database: {e}", from.display())))?;
    if ok != "ok" {
        return Err(BackupError::NotOurs(format!("{} fails SQLite's integrity check: {ok}", from.display())));
    }
    let newest = MIGRATIONS.iter().map(|m| m.0).max().unwrap_or(0);
    if version > newest {
        return Err(BackupError::NotOurs(format!(
            "{} has schema version {version}, newer than this binary's {newest}: restore it with a newer aethex-server",
            from.display()
        )));
    }
    let db = data_dir.join("aethex.db");
    let staged = data_dir.join("aethex.db.restoring");
    std::fs::create_dir_all(data_dir)?;
    std::fs::copy(from, &staged)?;
    std::fs::File::open(&staged)?.sync_all()?;
    for stale in ["aethex.db-wal", "aethex.db-shm"] {
        match std::fs::remove_file(data_dir.join(stale)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&staged, &db)?;
    std::fs::File::open(data_dir)?.sync_all()?;
    Ok(version as usize)
}
