//! Apps: third-party clients with exact redirect URIs, and the built-in public
//! client of first-party tools. Owns the `apps` table (with the rest of auth).

use crate::auth::Tier;
use crate::crypto::{hash_secret, random_secret};
use crate::store::{now_ms, Db};
use aethex_sdk::CLI_CLIENT_ID;

/// Why an app could not be registered.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Redirect URI not absolute http(s), or with a fragment.
    #[error("invalid redirect URI '{0}': it must be an absolute http(s) URL without a fragment")]
    InvalidRedirect(String),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
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
) -> Result<NewApp, AppError> {
    for uri in redirect_uris {
        let ok = (uri.starts_with("https://") || uri.starts_with("http://"))
            && !uri.contains('#')
            && !uri.contains(char::is_whitespace);
        if !ok {
            return Err(AppError::InvalidRedirect(uri.clone()));
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
