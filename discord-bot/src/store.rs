//! The bot's own SQLite database: which Discord channels announce which
//! AeThex channels, and which announcements were made, so that every stream
//! session is announced exactly once per Discord channel, also across bot
//! restarts and gateway reconnects.
//!
//! The claim is written before the message is sent; the message is sent with
//! a Discord `nonce` derived from the claim (`enforce_nonce`), so a crash
//! between sending and recording cannot produce a second message either.

use std::path::Path;
use std::str::FromStr as _;

use sha2::Digest as _;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::Row as _;

/// One announcement target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Discord guild.
    pub guild_id: u64,
    /// AeThex channel login.
    pub login: String,
    /// Discord channel to post in.
    pub channel_id: u64,
    /// Role to ping, if any.
    pub ping_role: Option<u64>,
    /// The announcements' language (a catalogue tag of [`crate::lang::LANGUAGES`]).
    pub language: String,
    /// Post the stream summary when a stream ends (the bot owner's channel only).
    pub summary: bool,
}

/// The outcome of claiming an announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Nobody announced this session here yet: send it (with [`nonce`]).
    Send,
    /// Already claimed; the message id once it is known.
    Done(Option<u64>),
}

/// The Discord `nonce` (at most 25 characters) for a session in a channel.
pub fn nonce(session_id: &str, channel_id: u64) -> String {
    let h = sha2::Sha256::digest(format!("{session_id}:{channel_id}").as_bytes());
    hex::encode(h)[..25].to_string()
}

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

// Discord ids are u64 snowflakes; SQLite stores i64. The bit pattern round-trips.
fn to_db(id: u64) -> i64 {
    id as i64
}
fn from_db(id: i64) -> u64 {
    id as u64
}

impl Store {
    /// Open (creating) the database at `path`.
    pub async fn open(path: &Path) -> Result<Self, sqlx::Error> {
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .busy_timeout(std::time::Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?;
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS targets (
                guild_id INTEGER NOT NULL, login TEXT NOT NULL, channel_id INTEGER NOT NULL, ping_role INTEGER,
                PRIMARY KEY (guild_id, login, channel_id));
             CREATE TABLE IF NOT EXISTS announcements (
                session_id TEXT NOT NULL, channel_id INTEGER NOT NULL, message_id INTEGER, created_at INTEGER NOT NULL,
                ended INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (session_id, channel_id));
             CREATE TABLE IF NOT EXISTS links (
                discord_user_id INTEGER PRIMARY KEY, aethex_login TEXT NOT NULL, linked_at INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS role_configs (
                guild_id INTEGER PRIMARY KEY, subscriber INTEGER, tier1 INTEGER, tier2 INTEGER, tier3 INTEGER);
             CREATE TABLE IF NOT EXISTS bridges (
                guild_id INTEGER NOT NULL, discord_channel_id INTEGER NOT NULL PRIMARY KEY, aethex_login TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS admins (
                guild_id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, at INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS reports (
                guild_id INTEGER NOT NULL, problem TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (guild_id, problem));
             CREATE TABLE IF NOT EXISTS summaries (
                session_id TEXT NOT NULL, channel_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
                PRIMARY KEY (session_id, channel_id));",
        )
        .execute(&pool)
        .await?;
        // Databases made before announcements and admins had a language speak English.
        for table in ["targets", "admins"] {
            let has: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = 'language'")
                .bind(table)
                .fetch_one(&pool)
                .await?;
            if has == 0 {
                sqlx::query(&format!("ALTER TABLE {table} ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"))
                    .execute(&pool)
                    .await?;
            }
        }
        // Links made before erasures were announced have no AeThex id: they are
        // found by login at the next /link or subscription change.
        let has: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM pragma_table_info('links') WHERE name = 'aethex_user_id'")
                .fetch_one(&pool)
                .await?;
        if has == 0 {
            sqlx::query("ALTER TABLE links ADD COLUMN aethex_user_id TEXT NOT NULL DEFAULT ''").execute(&pool).await?;
        }
        let has: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pragma_table_info('targets') WHERE name = 'summary'")
            .fetch_one(&pool)
            .await?;
        if has == 0 {
            sqlx::query("ALTER TABLE targets ADD COLUMN summary INTEGER NOT NULL DEFAULT 0").execute(&pool).await?;
        }
        Ok(Self { pool })
    }

    /// Claim posting `session_id`'s summary in `channel_id`: true for exactly
    /// one caller ever (the message then carries [`nonce`] of `{session}:summary`).
    pub async fn claim_summary(&self, session_id: &str, channel_id: u64, now_ms: i64) -> Result<bool, sqlx::Error> {
        let r = sqlx::query("INSERT OR IGNORE INTO summaries (session_id, channel_id, created_at) VALUES (?, ?, ?)")
            .bind(session_id)
            .bind(to_db(channel_id))
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// `/notify add`: returns false when it already existed (its role and
    /// language are then replaced by the new ones).
    pub async fn add_target(&self, t: &Target) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let existed: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM targets WHERE guild_id = ? AND login = ? AND channel_id = ?")
                .bind(to_db(t.guild_id))
                .bind(&t.login)
                .bind(to_db(t.channel_id))
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO targets (guild_id, login, channel_id, ping_role, language, summary) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (guild_id, login, channel_id) DO UPDATE
             SET ping_role = excluded.ping_role, language = excluded.language, summary = excluded.summary",
        )
        .bind(to_db(t.guild_id))
        .bind(&t.login)
        .bind(to_db(t.channel_id))
        .bind(t.ping_role.map(to_db))
        .bind(&t.language)
        .bind(t.summary)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(existed.is_none())
    }

    /// `/notify remove`: returns false when there was nothing to remove.
    pub async fn remove_target(&self, guild_id: u64, login: &str, channel_id: u64) -> Result<bool, sqlx::Error> {
        let r = sqlx::query("DELETE FROM targets WHERE guild_id = ? AND login = ? AND channel_id = ?")
            .bind(to_db(guild_id))
            .bind(login)
            .bind(to_db(channel_id))
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Remember who last set the bot up in `guild_id`, and in which language
    /// (their Discord's): problems there are told to them, in it.
    pub async fn set_admin(&self, guild_id: u64, user_id: u64, language: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT OR REPLACE INTO admins (guild_id, user_id, at, language) VALUES (?, ?, ?, ?)")
            .bind(to_db(guild_id))
            .bind(to_db(user_id))
            .bind(now_ms)
            .bind(language)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Who last set the bot up in `guild_id`, and their language.
    pub async fn admin(&self, guild_id: u64) -> Result<Option<(u64, String)>, sqlx::Error> {
        let row: Option<(i64, String)> = sqlx::query_as("SELECT user_id, language FROM admins WHERE guild_id = ?")
            .bind(to_db(guild_id))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(id, language)| (from_db(id), language)))
    }

    /// Whether `problem` in `guild_id` should be reported now: not reported
    /// within `quiet_ms`. Records the report when it should.
    pub async fn claim_report(
        &self,
        guild_id: u64,
        problem: &str,
        now_ms: i64,
        quiet_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let r = sqlx::query(
            "INSERT INTO reports (guild_id, problem, at) VALUES (?, ?, ?)
             ON CONFLICT (guild_id, problem) DO UPDATE SET at = excluded.at WHERE reports.at <= ?",
        )
        .bind(to_db(guild_id))
        .bind(problem)
        .bind(now_ms)
        .bind(now_ms - quiet_ms)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// A channel was deleted in Discord: stop announcing there.
    pub async fn forget_channel(&self, channel_id: u64) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM targets WHERE channel_id = ?")
            .bind(to_db(channel_id))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// `/notify list` for a guild, or every target of an AeThex channel (`guild_id` None).
    pub async fn targets(&self, guild_id: Option<u64>, login: Option<&str>) -> Result<Vec<Target>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT guild_id, login, channel_id, ping_role, language, summary FROM targets
             WHERE (? IS NULL OR guild_id = ?) AND (? IS NULL OR login = ?) ORDER BY guild_id, login, channel_id",
        )
        .bind(guild_id.map(to_db))
        .bind(guild_id.map(to_db))
        .bind(login)
        .bind(login)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Target {
                    guild_id: from_db(r.try_get("guild_id")?),
                    login: r.try_get("login")?,
                    channel_id: from_db(r.try_get("channel_id")?),
                    ping_role: r.try_get::<Option<i64>, _>("ping_role")?.map(from_db),
                    language: r.try_get("language")?,
                    summary: r.try_get("summary")?,
                })
            })
            .collect()
    }

    /// Claim announcing `session_id` in `channel_id`; exactly one caller ever gets [`Claim::Send`].
    pub async fn claim(&self, session_id: &str, channel_id: u64, now_ms: i64) -> Result<Claim, sqlx::Error> {
        let r =
            sqlx::query("INSERT OR IGNORE INTO announcements (session_id, channel_id, created_at) VALUES (?, ?, ?)")
                .bind(session_id)
                .bind(to_db(channel_id))
                .bind(now_ms)
                .execute(&self.pool)
                .await?;
        if r.rows_affected() == 1 {
            return Ok(Claim::Send);
        }
        let id: Option<i64> =
            sqlx::query_scalar("SELECT message_id FROM announcements WHERE session_id = ? AND channel_id = ?")
                .bind(session_id)
                .bind(to_db(channel_id))
                .fetch_one(&self.pool)
                .await?;
        Ok(Claim::Done(id.map(from_db)))
    }

    /// Record the message that announced a session (to edit it at the end).
    pub async fn sent(&self, session_id: &str, channel_id: u64, message_id: u64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE announcements SET message_id = ? WHERE session_id = ? AND channel_id = ?")
            .bind(to_db(message_id))
            .bind(session_id)
            .bind(to_db(channel_id))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The messages that announced a session, to edit on `stream.offline`.
    pub async fn announced(&self, session_id: &str) -> Result<Vec<(u64, u64)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT channel_id, message_id FROM announcements WHERE session_id = ? AND message_id IS NOT NULL ORDER BY channel_id",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((from_db(r.try_get("channel_id")?), from_db(r.try_get("message_id")?)))).collect()
    }
}

/// A chat bridge: one Discord channel mirrors one AeThex chat room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridge {
    /// Discord guild.
    pub guild_id: u64,
    /// Discord channel.
    pub discord_channel_id: u64,
    /// AeThex channel login whose chat is mirrored.
    pub aethex_login: String,
}

impl Store {
    /// Link a Discord user to an AeThex account, by login and id (replacing an earlier link).
    pub async fn link(
        &self,
        discord_user_id: u64,
        aethex_login: &str,
        aethex_user_id: &str,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO links (discord_user_id, aethex_login, aethex_user_id, linked_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (discord_user_id) DO UPDATE
             SET aethex_login = excluded.aethex_login, aethex_user_id = excluded.aethex_user_id, linked_at = excluded.linked_at",
        )
        .bind(to_db(discord_user_id))
        .bind(aethex_login)
        .bind(aethex_user_id)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Drop the links to the erased AeThex account `aethex_user_id`; returns
    /// the Discord users that were linked to it.
    pub async fn unlink_account(&self, aethex_user_id: &str) -> Result<Vec<u64>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let users: Vec<i64> = sqlx::query_scalar("SELECT discord_user_id FROM links WHERE aethex_user_id = ?")
            .bind(aethex_user_id)
            .fetch_all(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM links WHERE aethex_user_id = ?").bind(aethex_user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(users.into_iter().map(from_db).collect())
    }

    /// Every link: (Discord user, AeThex login).
    pub async fn links(&self) -> Result<Vec<(u64, String)>, sqlx::Error> {
        let rows = sqlx::query("SELECT discord_user_id, aethex_login FROM links ORDER BY discord_user_id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((from_db(r.try_get("discord_user_id")?), r.try_get("aethex_login")?))).collect()
    }

    /// Set a guild's subscriber roles.
    pub async fn set_roles(&self, guild_id: u64, c: &crate::roles::RoleConfig) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO role_configs (guild_id, subscriber, tier1, tier2, tier3) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (guild_id) DO UPDATE SET subscriber = excluded.subscriber, tier1 = excluded.tier1,
             tier2 = excluded.tier2, tier3 = excluded.tier3",
        )
        .bind(to_db(guild_id))
        .bind(c.subscriber.map(to_db))
        .bind(c.tiers[0].map(to_db))
        .bind(c.tiers[1].map(to_db))
        .bind(c.tiers[2].map(to_db))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every guild's subscriber roles.
    pub async fn role_configs(&self) -> Result<Vec<(u64, crate::roles::RoleConfig)>, sqlx::Error> {
        let rows = sqlx::query("SELECT guild_id, subscriber, tier1, tier2, tier3 FROM role_configs")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let role =
                    |c: &str| -> Result<Option<u64>, sqlx::Error> { Ok(r.try_get::<Option<i64>, _>(c)?.map(from_db)) };
                Ok((
                    from_db(r.try_get("guild_id")?),
                    crate::roles::RoleConfig {
                        subscriber: role("subscriber")?,
                        tiers: [role("tier1")?, role("tier2")?, role("tier3")?],
                    },
                ))
            })
            .collect()
    }

    /// Bridge a Discord channel to an AeThex chat room (replacing that channel's earlier bridge).
    pub async fn set_bridge(&self, b: &Bridge) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO bridges (guild_id, discord_channel_id, aethex_login) VALUES (?, ?, ?)
             ON CONFLICT (discord_channel_id) DO UPDATE SET aethex_login = excluded.aethex_login",
        )
        .bind(to_db(b.guild_id))
        .bind(to_db(b.discord_channel_id))
        .bind(&b.aethex_login)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Remove a guild's bridge(s); how many.
    pub async fn remove_bridges(&self, guild_id: u64) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM bridges WHERE guild_id = ?")
            .bind(to_db(guild_id))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Every bridge.
    pub async fn bridges(&self) -> Result<Vec<Bridge>, sqlx::Error> {
        let rows =
            sqlx::query("SELECT guild_id, discord_channel_id, aethex_login FROM bridges").fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(Bridge {
                    guild_id: from_db(r.try_get("guild_id")?),
                    discord_channel_id: from_db(r.try_get("discord_channel_id")?),
                    aethex_login: r.try_get("aethex_login")?,
                })
            })
            .collect()
    }

    /// Announcements whose stream was not seen ending yet: (session, channel, message).
    pub async fn open_announcements(&self) -> Result<Vec<(String, u64, u64)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT session_id, channel_id, message_id FROM announcements WHERE message_id IS NOT NULL AND ended = 0",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((r.try_get("session_id")?, from_db(r.try_get("channel_id")?), from_db(r.try_get("message_id")?)))
            })
            .collect()
    }

    /// The "ended" edit of a session's announcements is done.
    pub async fn ended(&self, session_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE announcements SET ended = 1 WHERE session_id = ?")
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn problems_are_reported_to_the_last_admin_at_most_once_per_quiet_time() {
        let store =
            Store::open(&std::env::temp_dir().join(format!("aethex-discord-reports-{}.db", std::process::id())))
                .await
                .unwrap();
        assert_eq!(store.admin(9).await.unwrap(), None);
        store.set_admin(9, 100, "en", 0).await.unwrap();
        store.set_admin(9, u64::MAX - 1, "ja", 1).await.unwrap();
        assert_eq!(store.admin(9).await.unwrap(), Some((u64::MAX - 1, "ja".into())), "the latest admin");
        let hour = 3_600_000;
        assert!(store.claim_report(9, "announce:5", 0, hour).await.unwrap());
        assert!(!store.claim_report(9, "announce:5", hour - 1, hour).await.unwrap(), "quiet for an hour");
        assert!(store.claim_report(9, "announce:6", 10, hour).await.unwrap(), "another problem is news");
        assert!(store.claim_report(8, "announce:5", 10, hour).await.unwrap(), "another guild too");
        assert!(store.claim_report(9, "announce:5", hour, hour).await.unwrap(), "reported again after the quiet time");
    }

    #[tokio::test]
    async fn one_announcement_per_session_and_channel_across_restarts() {
        let dir = std::env::temp_dir().join(format!("aethex-discord-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bot.db");
        let store = Store::open(&path).await.unwrap();
        let big = u64::MAX - 7; // snowflakes above i64::MAX round-trip
        let mut t = Target {
            guild_id: 1,
            login: "alice".into(),
            channel_id: big,
            ping_role: Some(5),
            language: "de".into(),
            summary: false,
        };
        assert!(store.add_target(&t).await.unwrap());
        t.language = "fr".into();
        t.ping_role = None;
        t.summary = true;
        assert!(!store.add_target(&t).await.unwrap(), "adding twice is reported");
        assert_eq!(
            store.targets(None, Some("alice")).await.unwrap(),
            vec![t.clone()],
            "with the new language and role"
        );
        assert_eq!(store.targets(Some(2), None).await.unwrap(), vec![]);

        assert_eq!(store.claim("s1", big, 0).await.unwrap(), Claim::Send);
        assert_eq!(store.claim("s1", big, 0).await.unwrap(), Claim::Done(None));
        store.sent("s1", big, 777).await.unwrap();
        store.link(5, "fan", "42", 0).await.unwrap();
        store.link(6, "fan", "42", 0).await.unwrap();
        store.link(7, "other", "43", 0).await.unwrap();
        assert_eq!(
            store.unlink_account("42").await.unwrap(),
            [5, 6],
            "both Discord users linked to the erased account"
        );
        assert_eq!(store.links().await.unwrap(), [(7, "other".to_string())]);
        assert!(store.unlink_account("42").await.unwrap().is_empty());
        assert!(store.claim_summary("s1", big, 0).await.unwrap());
        assert!(!store.claim_summary("s1", big, 0).await.unwrap(), "one summary per session and channel");
        drop(store);
        // A restarted bot sees the same state.
        let store = Store::open(&path).await.unwrap();
        assert_eq!(store.claim("s1", big, 0).await.unwrap(), Claim::Done(Some(777)));
        assert_eq!(store.announced("s1").await.unwrap(), vec![(big, 777)]);
        assert_eq!(store.claim("s2", big, 0).await.unwrap(), Claim::Send, "a new session is announced again");
        // Concurrent claims: exactly one wins.
        let claims = futures_util::future::join_all((0..8).map(|_| store.claim("s3", 9, 0))).await;
        assert_eq!(claims.into_iter().filter(|c| matches!(c, Ok(Claim::Send))).count(), 1);
        assert_eq!(nonce("s1", big).len(), 25);
        assert_ne!(nonce("s1", big), nonce("s2", big));
        assert!(store.remove_target(1, "alice", big).await.unwrap());
        assert!(!store.remove_target(1, "alice", big).await.unwrap());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A database from before announcements had a language keeps its
    /// targets, which announce in English.
    #[tokio::test]
    async fn targets_made_before_languages_announce_in_english() {
        let dir = std::env::temp_dir().join(format!("aethex-discord-store-old-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bot.db");
        let opts =
            SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display())).unwrap().create_if_missing(true);
        let old = SqlitePoolOptions::new().connect_with(opts).await.unwrap();
        sqlx::raw_sql(
            "CREATE TABLE targets (guild_id INTEGER NOT NULL, login TEXT NOT NULL, channel_id INTEGER NOT NULL,
                ping_role INTEGER, PRIMARY KEY (guild_id, login, channel_id));
             INSERT INTO targets VALUES (1, 'alice', 2, NULL);",
        )
        .execute(&old)
        .await
        .unwrap();
        old.close().await;
        for _ in 0..2 {
            let store = Store::open(&path).await.unwrap();
            let targets = store.targets(None, None).await.unwrap();
            assert_eq!(targets.len(), 1);
            assert_eq!((targets[0].login.as_str(), targets[0].language.as_str()), ("alice", "en"));
            store.set_admin(1, 5, "de", 0).await.unwrap();
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
