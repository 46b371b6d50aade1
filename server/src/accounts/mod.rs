//! Accounts: users and their channels (one each, same id), the stream key,
//! passwords, and channel search. Owns the tables `users`, `channels` and
//! `channel_search`; every other capability reads people and channels
//! through the functions here. Creating a user creates its channel and first
//! stream key, so the rules live in one place for the admin commands and HTTP.

pub mod search;

use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::crypto::{hash_password, hash_secret, random_secret, verify_password, Sealer};
use crate::store::{int, is_unique_violation, now_ms, parse_tags, text, Db, Dialect};
use aethex_sdk::is_valid_login;

/// Why an account or app could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Login breaks the 3–25 `[a-z0-9_]` rule.
    #[error("invalid login '{0}': use 3-25 characters of a-z, 0-9 and _")]
    InvalidLogin(String),
    /// Login taken.
    #[error("login '{0}' is taken")]
    LoginTaken(String),
    /// Password too short or too long.
    #[error("password must be 8-256 characters")]
    WeakPassword,
    /// Hashing failed.
    #[error(transparent)]
    Password(#[from] crate::crypto::PasswordError),
    /// A sealed secret could not be opened (the sealing key changed).
    #[error(transparent)]
    Seal(#[from] crate::crypto::SealError),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Create a user (with an optional password) and the user's channel.
pub async fn create_user(db: &Db, sealer: &Sealer, login: &str, password: Option<&str>) -> Result<i64, AccountError> {
    if !is_valid_login(login) {
        return Err(AccountError::InvalidLogin(login.to_string()));
    }
    let password_hash = match password {
        Some(p) if (8..=256).contains(&p.chars().count()) => Some(hash_password(p)?),
        Some(_) => return Err(AccountError::WeakPassword),
        None => None,
    };
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    // Ids look like Twitch's, from FIRST_USER_ID up: Twitch clients (tmi.js)
    // read a tag value of "1" as `true`. PostgreSQL's sequence starts there
    // (migration 6); SQLite, whose writers take turns, takes the next one here.
    let sql = match db.dialect {
        Dialect::Sqlite => {
            "INSERT INTO users (id, login, display_name, password_hash, created_at)
             VALUES ((SELECT MAX(COALESCE(MAX(id), 0), 100000000) + 1 FROM users), $1, $2, $3, $4) RETURNING id"
        }
        Dialect::Postgres => {
            "INSERT INTO users (login, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
        }
    };
    let id: i64 =
        match sqlx::query_scalar(sql).bind(login).bind(login).bind(password_hash).bind(now).fetch_one(&mut *tx).await {
            Ok(id) => id,
            Err(e) if is_unique_violation(&e) => return Err(AccountError::LoginTaken(login.to_string())),
            Err(e) => return Err(e.into()),
        };
    let key = new_stream_key(id);
    sqlx::query("INSERT INTO channels (id, stream_key_hash, stream_key_sealed, updated_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(hash_secret(&key))
        .bind(sealer.seal(&key))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    search::reindex_channel(db, id).await?;
    Ok(id)
}

/// A fresh stream key: `live_<channel id>_<secret>`, the shape encoders and
/// streamers recognise.
pub fn new_stream_key(channel_id: i64) -> String {
    format!("live_{channel_id}_{}", random_secret("").replace(['-', '_'], ""))
}

/// Login and display name of each user in `ids` (missing ids are left out),
/// for events that name several people at once.
pub async fn names(db: &Db, ids: &[i64]) -> Result<HashMap<i64, (String, String)>, sqlx::Error> {
    names_in(&mut *db.pool.acquire().await?, ids).await
}

/// [`names`] inside a transaction (or on any connection).
pub async fn names_in(
    conn: &mut sqlx::AnyConnection,
    ids: &[i64],
) -> Result<HashMap<i64, (String, String)>, sqlx::Error> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(id) {
            continue;
        }
        let row: Option<(String, String)> = sqlx::query_as("SELECT login, display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(r) = row {
            out.insert(*id, r);
        }
    }
    Ok(out)
}

/// Change how a user's name is shown: the login's own letters, in any case
/// (as on Twitch), so a display name never impersonates another account.
pub async fn set_display_name(db: &Db, user_id: i64, name: &str) -> Result<bool, sqlx::Error> {
    let Some(login) = login_of(db, user_id).await? else { return Ok(false) };
    if !name.eq_ignore_ascii_case(&login) {
        return Ok(false);
    }
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2").bind(name).bind(user_id).execute(&db.pool).await?;
    search::reindex_channel(db, user_id).await?;
    Ok(true)
}

/// A user's id by login.
pub async fn user_id_by_login(db: &Db, login: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE login = $1").bind(login).fetch_optional(&db.pool).await
}

/// A user's login by id.
pub async fn login_of(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT login FROM users WHERE id = $1").bind(user_id).fetch_optional(&db.pool).await
}

/// A user as the API shows them: id, login, display name, creation time (Unix ms).
pub async fn user(db: &Db, user_id: i64) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT login, display_name, created_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}

/// The user whose password this is, if `login` has a password and it matches.
pub async fn check_password(db: &Db, login: &str, password: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE login = $1")
        .bind(login)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.and_then(|(id, hash)| hash.filter(|h| verify_password(password, h)).map(|_| id)))
}

/// A channel as stored: who it belongs to and what its owner set.
#[derive(Debug, Clone)]
pub struct ChannelRow {
    /// The channel's (and its owner's) id.
    pub id: i64,
    /// Owner login.
    pub login: String,
    /// Owner display name.
    pub display_name: String,
    /// Stream title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Tags.
    pub tags: Vec<String>,
    /// ISO 639-1 language, or `other`.
    pub language: String,
    /// About text.
    pub description: String,
    /// Viewers need a playback token.
    pub playback_token_required: bool,
}

const CHANNEL_SELECT: &str = "SELECT u.id, u.login, u.display_name, c.title, c.category, c.tags, c.language,
    c.description, c.playback_token_required FROM users u JOIN channels c ON c.id = u.id";

fn channel_from_row(row: &AnyRow) -> Result<ChannelRow, sqlx::Error> {
    Ok(ChannelRow {
        id: int(row, "id")?,
        login: text(row, "login")?,
        display_name: text(row, "display_name")?,
        title: text(row, "title")?,
        category: text(row, "category")?,
        tags: parse_tags(&text(row, "tags")?),
        language: text(row, "language")?,
        description: text(row, "description")?,
        playback_token_required: int(row, "playback_token_required")? != 0,
    })
}

/// A channel by login, as `conn` (possibly an open transaction) sees it.
pub async fn channel(conn: &mut AnyConnection, login: &str) -> Result<Option<ChannelRow>, sqlx::Error> {
    let row = sqlx::query(&format!("{CHANNEL_SELECT} WHERE u.login = $1")).bind(login).fetch_optional(conn).await?;
    row.as_ref().map(channel_from_row).transpose()
}

/// Channels by id, in the order of `ids` (missing ids are left out).
pub async fn channels(db: &Db, ids: &[i64]) -> Result<Vec<ChannelRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("{CHANNEL_SELECT} WHERE u.id IN ({placeholders})");
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(&db.pool).await?;
    let mut by_id: HashMap<i64, ChannelRow> =
        rows.iter().map(channel_from_row).map(|r| r.map(|c| (c.id, c))).collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Every channel (up to `limit`), for the recommender's content vectors.
pub async fn all_channels(db: &Db, limit: i64) -> Result<Vec<ChannelRow>, sqlx::Error> {
    let sql = format!("{CHANNEL_SELECT} ORDER BY u.id LIMIT $1");
    sqlx::query(&sql).bind(limit).fetch_all(&db.pool).await?.iter().map(channel_from_row).collect()
}

/// What an owner may change about their channel (`None`: leave as is).
#[derive(Debug, Default)]
pub struct ChannelChange<'a> {
    /// Stream title.
    pub title: Option<&'a str>,
    /// Category.
    pub category: Option<&'a str>,
    /// Tags.
    pub tags: Option<&'a [String]>,
    /// Language.
    pub language: Option<&'a str>,
    /// About text.
    pub description: Option<&'a str>,
    /// Viewers need a playback token.
    pub playback_token_required: Option<bool>,
}

/// Change channel `id` through `conn` (the caller's transaction); re-index it
/// with [`search::reindex_channel`] after commit.
pub async fn update_channel(conn: &mut AnyConnection, id: i64, c: &ChannelChange<'_>) -> Result<(), sqlx::Error> {
    let tags = c.tags.map(|t| serde_json::to_string(t).unwrap_or_else(|_| "[]".into()));
    sqlx::query(
        "UPDATE channels SET title = COALESCE($1, title), category = COALESCE($2, category), tags = COALESCE($3, tags),
         language = COALESCE($4, language), description = COALESCE($5, description),
         playback_token_required = COALESCE($8, playback_token_required), updated_at = $6 WHERE id = $7",
    )
    .bind(c.title)
    .bind(c.category)
    .bind(tags.as_deref())
    .bind(c.language)
    .bind(c.description)
    .bind(now_ms())
    .bind(id)
    .bind(c.playback_token_required.map(i64::from))
    .execute(conn)
    .await?;
    Ok(())
}

/// Channel `id`'s stream key, opened from its sealed form.
pub async fn stream_key(db: &Db, sealer: &Sealer, id: i64) -> Result<String, AccountError> {
    let sealed: String =
        sqlx::query_scalar("SELECT stream_key_sealed FROM channels WHERE id = $1").bind(id).fetch_one(&db.pool).await?;
    Ok(sealer.open(&sealed)?)
}

/// Give channel `id` a new stream key; the old one stops working at once.
pub async fn reset_stream_key(db: &Db, sealer: &Sealer, id: i64) -> Result<String, sqlx::Error> {
    let key = new_stream_key(id);
    sqlx::query("UPDATE channels SET stream_key_hash = $1, stream_key_sealed = $2, updated_at = $3 WHERE id = $4")
        .bind(hash_secret(&key))
        .bind(sealer.seal(&key))
        .bind(now_ms())
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(key)
}

/// The channel a stream key belongs to (compared by its SHA-256, never stored in clear).
pub async fn channel_by_stream_key(db: &Db, stream_key: &str) -> Result<Option<ChannelRow>, sqlx::Error> {
    let row = sqlx::query(&format!("{CHANNEL_SELECT} WHERE c.stream_key_hash = $1"))
        .bind(hash_secret(stream_key))
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(channel_from_row).transpose()
}

/// Save the language a user chose (a catalogue tag, or '' for none).
pub async fn set_locale(db: &Db, user_id: i64, tag: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2").bind(tag).bind(user_id).execute(&db.pool).await?;
    Ok(())
}

/// The languages users chose, by id (only those who chose one).
pub async fn locales(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, sqlx::Error> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64, String)> =
            sqlx::query_as(&format!("SELECT id, locale FROM users WHERE id IN ({list}) AND locale <> ''"))
                .fetch_all(&db.pool)
                .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The account's rows for its owner's data export (the password hash and
/// the stream key are secrets and stay out).
pub async fn export_user(conn: &mut AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    Ok(vec![
        crate::store::export_rows(
            conn,
            "users",
            "SELECT id, login, display_name, locale, created_at FROM users WHERE id = $1",
            id,
        )
        .await?,
        crate::store::export_rows(
            conn,
            "channels",
            "SELECT id, title, category, tags, language, description, playback_token_required, updated_at
             FROM channels WHERE id = $1",
            id,
        )
        .await?,
    ])
}

/// Delete the account and its channel, stream key and search entry, inside
/// the erasure's transaction (other capabilities erased their rows first).
pub async fn erase_user(conn: &mut AnyConnection, dialect: Dialect, id: i64) -> Result<(), sqlx::Error> {
    if dialect == Dialect::Sqlite {
        sqlx::query("DELETE FROM channel_search WHERE rowid = $1").bind(id).execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM channels WHERE id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}
