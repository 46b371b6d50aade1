//! The bot's own SQLite database: commands (with their use counts), points,
//! quotes, the song queue and the regulars list. Everything a restart must not
//! lose lives here; cooldowns, strikes and giveaways are deliberately
//! in-memory (Nightbot forgets them too).

use std::path::Path;
use std::str::FromStr as _;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row as _, SqlitePool};

use crate::commands::Command;
use crate::userlevel::UserLevel;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
#[error("database: {0}")]
pub struct StoreError(#[from] sqlx::Error);

type Result<T> = std::result::Result<T, StoreError>;

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS commands (channel TEXT NOT NULL, name TEXT NOT NULL, response TEXT NOT NULL,
        level TEXT NOT NULL, cooldown INTEGER NOT NULL, alias TEXT, count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (channel, name))",
    "CREATE TABLE IF NOT EXISTS points (channel TEXT NOT NULL, login TEXT NOT NULL, points INTEGER NOT NULL DEFAULT 0,
        minutes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (channel, login))",
    "CREATE TABLE IF NOT EXISTS quotes (channel TEXT NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL,
        added_by TEXT NOT NULL, added_at INTEGER NOT NULL, PRIMARY KEY (channel, number))",
    "CREATE TABLE IF NOT EXISTS songs (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL,
        requested_by TEXT NOT NULL, title TEXT NOT NULL, url TEXT, requested_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued')",
    "CREATE INDEX IF NOT EXISTS songs_queue ON songs (channel, state, id)",
    "CREATE TABLE IF NOT EXISTS regulars (channel TEXT NOT NULL, login TEXT NOT NULL, PRIMARY KEY (channel, login))",
    // Chatters' ids from IRC tags: an erasure (`channel.user.erase`) names the user by id only.
    "CREATE TABLE IF NOT EXISTS users (login TEXT PRIMARY KEY, user_id TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS users_by_id ON users (user_id)",
];

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// One song request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Song {
    /// Queue id.
    pub id: i64,
    /// Who asked.
    pub requested_by: String,
    /// What to show: the search words or the URL's video id.
    pub title: String,
    /// The link, when one was given.
    pub url: Option<String>,
    /// Unix ms.
    pub requested_at: i64,
    /// `playing` or `queued`.
    pub state: String,
}

impl Store {
    /// Open (creating) the database at `path`.
    pub async fn open(path: &Path) -> Result<Self> {
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL loses no committed data on a crash of the bot, only
            // possibly the last transactions on a power cut; a chat bot can take that.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(std::time::Duration::from_secs(5));
        Self::with(SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?).await
    }

    /// A private in-memory database (unit tests, `import --dry-run`).
    pub async fn memory() -> Result<Self> {
        let opts = SqliteConnectOptions::from_str("sqlite::memory:")?;
        Self::with(SqlitePoolOptions::new().max_connections(1).connect_with(opts).await?).await
    }

    async fn with(pool: SqlitePool) -> Result<Self> {
        for s in SCHEMA {
            sqlx::query(s).execute(&pool).await?;
        }
        Ok(Self { pool })
    }

    // ---- users -------------------------------------------------------------

    /// Note that `login` is the account `user_id` (seen in a chat line's tags).
    pub async fn remember_user(&self, login: &str, user_id: &str) -> Result<()> {
        sqlx::query("INSERT INTO users (login, user_id) VALUES (?, ?) ON CONFLICT (login) DO UPDATE SET user_id = excluded.user_id")
            .bind(login)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forget the erased account `user_id` in every channel: its points,
    /// regular status, song requests and id go; quotes it added stay (they are
    /// the channel's) without its name. Returns the logins it had here.
    pub async fn forget_user(&self, user_id: &str) -> Result<Vec<String>> {
        let mut tx = self.pool.begin().await?;
        let logins: Vec<String> =
            sqlx::query_scalar("SELECT login FROM users WHERE user_id = ?").bind(user_id).fetch_all(&mut *tx).await?;
        for login in &logins {
            for sql in [
                "DELETE FROM points WHERE login = ?",
                "DELETE FROM regulars WHERE login = ?",
                "DELETE FROM songs WHERE requested_by = ?",
                "UPDATE quotes SET added_by = '' WHERE added_by = ?",
            ] {
                sqlx::query(sql).bind(login).execute(&mut *tx).await?;
            }
        }
        sqlx::query("DELETE FROM users WHERE user_id = ?").bind(user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(logins)
    }

    // ---- commands ----------------------------------------------------------

    /// Every command of `channel`.
    pub async fn commands(&self, channel: &str) -> Result<Vec<Command>> {
        let rows = sqlx::query(
            "SELECT name, response, level, cooldown, alias, count FROM commands WHERE channel = ? ORDER BY name",
        )
        .bind(channel)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Command {
                name: r.get("name"),
                response: r.get("response"),
                level: UserLevel::parse(r.get::<&str, _>("level")).unwrap_or(UserLevel::Owner),
                cooldown: r.get::<i64, _>("cooldown").max(0) as u64,
                alias: r.get("alias"),
                count: r.get::<i64, _>("count").max(0) as u64,
            })
            .collect())
    }

    /// Insert or replace one command.
    pub async fn save_command(&self, channel: &str, c: &Command) -> Result<()> {
        sqlx::query(
            "INSERT INTO commands (channel, name, response, level, cooldown, alias, count) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (channel, name) DO UPDATE SET response = excluded.response, level = excluded.level,
             cooldown = excluded.cooldown, alias = excluded.alias, count = excluded.count",
        )
        .bind(channel)
        .bind(&c.name)
        .bind(&c.response)
        .bind(c.level.name())
        .bind(c.cooldown as i64)
        .bind(&c.alias)
        .bind(c.count as i64)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Remove one command.
    pub async fn delete_command(&self, channel: &str, name: &str) -> Result<()> {
        sqlx::query("DELETE FROM commands WHERE channel = ? AND name = ?")
            .bind(channel)
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- regulars ------------------------------------------------------------

    /// The regulars of `channel`.
    pub async fn regulars(&self, channel: &str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT login FROM regulars WHERE channel = ? ORDER BY login")
            .bind(channel)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Add (`true`) or remove a regular.
    pub async fn set_regular(&self, channel: &str, login: &str, on: bool) -> Result<()> {
        let q = if on {
            "INSERT INTO regulars (channel, login) VALUES (?, ?) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM regulars WHERE channel = ? AND login = ?"
        };
        sqlx::query(q).bind(channel).bind(login).execute(&self.pool).await?;
        Ok(())
    }

    // ---- points --------------------------------------------------------------

    /// Add `points` (and `minutes` watched) to each of `logins`, in one transaction.
    pub async fn award(&self, channel: &str, logins: &[String], points: i64, minutes: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for l in logins {
            sqlx::query(
                "INSERT INTO points (channel, login, points, minutes) VALUES (?, ?, ?, ?)
                 ON CONFLICT (channel, login) DO UPDATE SET points = points + excluded.points, minutes = minutes + excluded.minutes",
            )
            .bind(channel)
            .bind(l)
            .bind(points)
            .bind(minutes)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A chatter's points and minutes watched.
    pub async fn points(&self, channel: &str, login: &str) -> Result<(i64, i64)> {
        let row = sqlx::query("SELECT points, minutes FROM points WHERE channel = ? AND login = ?")
            .bind(channel)
            .bind(login)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| (r.get("points"), r.get("minutes"))).unwrap_or((0, 0)))
    }

    /// Move `amount` points from one chatter to another; `false` (and nothing
    /// moved) when the giver has too few. Atomic, so two `!give`s at once
    /// cannot spend the same points twice.
    pub async fn transfer(&self, channel: &str, from: &str, to: &str, amount: i64) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let taken =
            sqlx::query("UPDATE points SET points = points - ? WHERE channel = ? AND login = ? AND points >= ?")
                .bind(amount)
                .bind(channel)
                .bind(from)
                .bind(amount)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if taken != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO points (channel, login, points) VALUES (?, ?, ?)
             ON CONFLICT (channel, login) DO UPDATE SET points = points + excluded.points",
        )
        .bind(channel)
        .bind(to)
        .bind(amount)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The top `n` chatters by points.
    pub async fn leaderboard(&self, channel: &str, n: i64) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT login, points FROM points WHERE channel = ? AND points > 0 ORDER BY points DESC, login LIMIT ?",
        )
        .bind(channel)
        .bind(n)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (r.get("login"), r.get("points"))).collect())
    }

    // ---- quotes --------------------------------------------------------------

    /// Add a quote; its number.
    pub async fn add_quote(&self, channel: &str, text: &str, by: &str, now_ms: i64) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let n: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM quotes WHERE channel = ?")
            .bind(channel)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO quotes (channel, number, text, added_by, added_at) VALUES (?, ?, ?, ?, ?)")
            .bind(channel)
            .bind(n)
            .bind(text)
            .bind(by)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Quote number `n`.
    pub async fn quote(&self, channel: &str, n: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT text FROM quotes WHERE channel = ? AND number = ?")
            .bind(channel)
            .bind(n)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The numbers of all quotes.
    pub async fn quote_numbers(&self, channel: &str) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar("SELECT number FROM quotes WHERE channel = ? ORDER BY number")
            .bind(channel)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Remove quote `n`; whether it existed.
    pub async fn delete_quote(&self, channel: &str, n: i64) -> Result<bool> {
        let r = sqlx::query("DELETE FROM quotes WHERE channel = ? AND number = ?")
            .bind(channel)
            .bind(n)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    // ---- songs ---------------------------------------------------------------

    /// The queue: the playing song first, then the waiting ones in order.
    pub async fn queue(&self, channel: &str) -> Result<Vec<Song>> {
        let rows = sqlx::query(
            "SELECT id, requested_by, title, url, requested_at, state FROM songs WHERE channel = ? AND state IN ('playing', 'queued')
             ORDER BY CASE state WHEN 'playing' THEN 0 ELSE 1 END, id",
        )
        .bind(channel)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Song {
                id: r.get("id"),
                requested_by: r.get("requested_by"),
                title: r.get("title"),
                url: r.get("url"),
                requested_at: r.get("requested_at"),
                state: r.get("state"),
            })
            .collect())
    }

    /// For a new request by `login`: songs waiting, `login`'s waiting songs,
    /// and whether `url` is already waiting. Counted in SQL, not by loading the queue.
    pub async fn queue_stats(&self, channel: &str, login: &str, url: Option<&str>) -> Result<(usize, usize, bool)> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS waiting, COALESCE(SUM(requested_by = ?), 0) AS mine, COALESCE(SUM(url IS NOT NULL AND url = ?), 0) AS dup
             FROM songs WHERE channel = ? AND state = 'queued'",
        )
        .bind(login)
        .bind(url)
        .bind(channel)
        .fetch_one(&self.pool)
        .await?;
        let n = |c: &str| row.get::<i64, _>(c).max(0) as usize;
        Ok((n("waiting"), n("mine"), n("dup") > 0))
    }

    /// Append a request.
    pub async fn enqueue(&self, channel: &str, by: &str, title: &str, url: Option<&str>, now_ms: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO songs (channel, requested_by, title, url, requested_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(channel)
        .bind(by)
        .bind(title)
        .bind(url)
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Finish the playing song and start the next; the new current song.
    pub async fn advance(&self, channel: &str) -> Result<Option<Song>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE songs SET state = 'played' WHERE channel = ? AND state = 'playing'")
            .bind(channel)
            .execute(&mut *tx)
            .await?;
        let next: Option<i64> =
            sqlx::query_scalar("SELECT id FROM songs WHERE channel = ? AND state = 'queued' ORDER BY id LIMIT 1")
                .bind(channel)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(id) = next {
            sqlx::query("UPDATE songs SET state = 'playing' WHERE id = ?").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(self.queue(channel).await?.into_iter().find(|s| s.state == "playing"))
    }

    /// Remove one request (by id); whether it was in the queue.
    pub async fn remove_song(&self, channel: &str, id: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE songs SET state = 'removed' WHERE channel = ? AND id = ? AND state IN ('playing', 'queued')",
        )
        .bind(channel)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_erased_account_is_forgotten_everywhere_and_only_it() {
        let s = Store::memory().await.unwrap();
        for (login, id) in [("alice", "7"), ("bob", "8")] {
            s.remember_user(login, id).await.unwrap();
            s.award("chan", &[login.to_string()], 10, 1).await.unwrap();
            s.award("other", &[login.to_string()], 5, 1).await.unwrap();
            s.set_regular("chan", login, true).await.unwrap();
            s.enqueue("chan", login, "a song", None, 0).await.unwrap();
            s.add_quote("chan", "a quote", login, 0).await.unwrap();
        }
        s.remember_user("alice", "7").await.unwrap();
        assert_eq!(s.forget_user("7").await.unwrap(), ["alice"]);
        assert_eq!(s.points("chan", "alice").await.unwrap(), (0, 0));
        assert_eq!(s.points("other", "alice").await.unwrap(), (0, 0), "in every channel");
        assert_eq!(s.regulars("chan").await.unwrap(), ["bob"]);
        let queue: Vec<String> = s.queue("chan").await.unwrap().into_iter().map(|q| q.requested_by).collect();
        assert_eq!(queue, ["bob"]);
        assert_eq!(s.quote_numbers("chan").await.unwrap().len(), 2, "quotes are the channel's");
        let added: Vec<String> =
            sqlx::query_scalar("SELECT added_by FROM quotes ORDER BY number").fetch_all(&s.pool).await.unwrap();
        assert_eq!(added, ["", "bob"]);
        assert_eq!(s.points("chan", "bob").await.unwrap(), (10, 1), "others keep theirs");
        assert_eq!(s.forget_user("7").await.unwrap(), Vec::<String>::new(), "twice is harmless");
        assert_eq!(s.forget_user("unknown").await.unwrap(), Vec::<String>::new());
    }
}
