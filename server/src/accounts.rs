//! Accounts and apps: creating a user creates its channel and first stream
//! key; registering an app mints its client id and secret. Shared by the admin
//! commands and the HTTP surfaces so the rules live in one place.

use crate::auth::Tier;
use crate::crypto::{hash_password, hash_secret, random_secret, Sealer};
use crate::store::{is_unique_violation, now_ms, Db};
use aethex_sdk::{is_valid_login, CLI_CLIENT_ID};

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
    /// Redirect URI not absolute http(s), or with a fragment.
    #[error("invalid redirect URI '{0}': it must be an absolute http(s) URL without a fragment")]
    InvalidRedirect(String),
    /// Hashing failed.
    #[error(transparent)]
    Password(#[from] crate::crypto::PasswordError),
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
    let mut tx = db.pool.begin().await?;
    let id: i64 = match sqlx::query_scalar(
        "INSERT INTO users (login, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(login)
    .bind(login)
    .bind(password_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    {
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
    db.reindex_channel(id).await?;
    Ok(id)
}

/// A fresh stream key: `live_<channel id>_<secret>`, the shape encoders and
/// streamers recognise.
pub fn new_stream_key(channel_id: i64) -> String {
    format!("live_{channel_id}_{}", random_secret("").replace(['-', '_'], ""))
}

/// A newly registered app; the secret is shown once and stored hashed.
#[derive(Debug)]
pub struct NewApp {
    /// Public identifier.
    pub client_id: String,
    /// Secret, `None` for public clients.
    pub client_secret: Option<String>,
}

/// Register a third-party app with exact redirect URIs.
pub async fn create_app(
    db: &Db,
    name: &str,
    redirect_uris: &[String],
    tier: Tier,
    confidential: bool,
) -> Result<NewApp, AccountError> {
    for uri in redirect_uris {
        let ok = (uri.starts_with("https://") || uri.starts_with("http://"))
            && !uri.contains('#')
            && !uri.contains(char::is_whitespace);
        if !ok {
            return Err(AccountError::InvalidRedirect(uri.clone()));
        }
    }
    let client_id =
        random_secret("").chars().filter(|c| c.is_ascii_alphanumeric()).take(30).collect::<String>().to_lowercase();
    let secret = confidential.then(|| random_secret("axs_"));
    sqlx::query("INSERT INTO apps (client_id, name, secret_hash, redirect_uris, tier, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&client_id)
        .bind(name)
        .bind(secret.as_deref().map(hash_secret))
        .bind(redirect_uris.join("\n"))
        .bind(tier.as_str())
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(NewApp { client_id, client_secret: secret })
}

/// Make sure the built-in public client of first-party tools exists (device
/// flow only, no redirect URIs, pro tier).
pub async fn ensure_builtin_apps(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO apps (client_id, name, secret_hash, redirect_uris, tier, created_at)
         VALUES ($1, 'AeThex CLI and tools', NULL, '', 'pro', $2) ON CONFLICT (client_id) DO NOTHING",
    )
    .bind(CLI_CLIENT_ID)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Login and display name of each user in `ids` (missing ids are left out),
/// for events that name several people at once.
pub async fn names(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, (String, String)>, sqlx::Error> {
    let mut out = std::collections::HashMap::new();
    for id in ids {
        if out.contains_key(id) {
            continue;
        }
        let row: Option<(String, String)> = sqlx::query_as("SELECT login, display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
        if let Some(r) = row {
            out.insert(*id, r);
        }
    }
    Ok(out)
}
