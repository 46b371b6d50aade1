//! Who is calling: bearer tokens, their scopes and tiers, and the OAuth 2.0
//! provider that issues them ([`oauth`]) with its browser pages ([`pages`]).
//!
//! Every token lives in the `tokens` table as a SHA-256 hash. Refresh tokens
//! rotate inside a "family": reusing a rotated refresh token revokes the whole
//! family (RFC 9700 §4.14), since it means the token leaked.

pub mod apps;
pub mod cache;
mod grants;
pub mod oauth;
pub mod pages;
pub mod signup;
pub mod throttle;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use sqlx::Row as _;

use crate::crypto::{hash_secret, random_secret, random_token};
use crate::http::error::ApiError;
use crate::store::{int, now_ms, text, Db};
use aethex_sdk::TokenResponse;

/// API tier of an app, from the product vision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// 10k requests/day, read-only.
    Free,
    /// 100k requests/day.
    Pro,
    /// Unlimited.
    Enterprise,
}

impl Tier {
    /// Parse the stored or typed name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "free" => Some(Self::Free),
            "pro" => Some(Self::Pro),
            "enterprise" => Some(Self::Enterprise),
            _ => None,
        }
    }
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Pro => "pro",
            Self::Enterprise => "enterprise",
        }
    }
}

/// A caller with a valid token.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The app the token was issued to.
    pub client_id: String,
    /// The user, for user tokens; `None` for app tokens.
    pub user_id: Option<i64>,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// The app's tier.
    pub tier: Tier,
    /// Unix ms expiry.
    pub expires_at: i64,
}

/// Why a free-tier app may not write, on every surface.
pub const READ_ONLY_TIER: &str = "this app is on the free API tier, which is read-only; the pro tier can write";

impl Principal {
    /// Whether this principal's app may change anything (REST writes, chat, moderation):
    /// the one place the tier rule is decided, for every surface.
    pub fn may_write(&self) -> bool {
        self.tier != Tier::Free
    }
}

impl Principal {
    /// The rate-limit bucket: per app and user for user tokens, per app for app tokens.
    pub fn bucket(&self) -> String {
        match self.user_id {
            Some(u) => format!("c:{}:u:{u}", self.client_id),
            None => format!("c:{}", self.client_id),
        }
    }
}

/// The caller of a request: anonymous or a principal. Resolved once per request
/// by the auth layer, read by handlers and the rate limiter.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl Caller {
    /// The principal, if it is a user token carrying `scope`: 401 without a token,
    /// 403 for an app token or a missing scope.
    pub fn user_with_scope(&self, scope: &str) -> Result<(&Principal, i64), ApiError> {
        let p = self
            .0
            .as_ref()
            .ok_or_else(|| ApiError::unauthorized(format!("this endpoint needs a user token with scope '{scope}'")))?;
        let user_id =
            p.user_id.ok_or_else(|| ApiError::forbidden("this endpoint needs a user token, not an app token"))?;
        if !scope.is_empty() && !p.scopes.iter().any(|s| s == scope) {
            return Err(ApiError::forbidden(format!("missing scope '{scope}'")));
        }
        Ok((p, user_id))
    }

    /// The id of channel `login` if the caller owns it with a user token
    /// carrying `scope`; 401/403/404 otherwise.
    pub async fn owned_channel(&self, db: &Db, login: &str, scope: &str) -> Result<i64, ApiError> {
        let (_, user_id) = self.user_with_scope(scope)?;
        let id = channel_id(db, login).await?;
        if id != user_id {
            return Err(ApiError::forbidden(format!("only the owner of '{login}' may do this")));
        }
        Ok(id)
    }
}

/// The channel id for a login, or a 404 (or 400 for a login that cannot exist).
pub async fn channel_id(db: &Db, login: &str) -> Result<i64, ApiError> {
    crate::http::check_login(login)?;
    crate::accounts::user_id_by_login(db, login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("channel '{login}' does not exist")))
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Caller>().cloned().unwrap_or(Caller(None)))
    }
}

/// What the OAuth endpoints and pages use.
#[derive(Clone)]
pub struct AuthState {
    /// Storage.
    pub db: Db,
    /// Token lifetimes, the public URL.
    pub config: std::sync::Arc<crate::config::Config>,
    /// Failure counts against password and secret guessing.
    pub throttle: std::sync::Arc<throttle::Throttle>,
    /// Stream-key sealing (new accounts get a channel and key).
    pub sealer: crate::crypto::Sealer,
    /// Sign-up challenges and rate windows.
    pub signup: std::sync::Arc<signup::SignupGate>,
}

/// The OAuth endpoints and the login, consent and device pages.
pub fn router<S: Clone + Send + Sync + 'static>(state: AuthState) -> axum::Router<S> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/oauth/device", post(oauth::device))
        .route("/oauth/token", post(grants::token))
        .route("/oauth/revoke", post(oauth::revoke))
        .route("/oauth/validate", get(oauth::validate))
        .route("/.well-known/oauth-authorization-server", get(oauth::metadata))
        .route("/oauth/authorize", get(pages::authorize_page).post(pages::authorize_submit))
        .route("/login", get(pages::login_page).post(pages::login_submit))
        .route("/logout", post(pages::logout))
        .route("/signup", get(signup::signup_page).post(signup::signup_submit))
        .route("/activate", get(pages::activate_page).post(pages::activate_submit))
        .with_state(state)
}

/// Why a presented token was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Unknown or revoked.
    #[error("invalid or revoked token")]
    Invalid,
    /// Past its expiry.
    #[error("token expired; refresh it or log in again")]
    Expired,
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The token from `Authorization: Bearer ...` (or Twitch's `OAuth ...`).
pub fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Look up an access token.
pub async fn principal_for(db: &Db, token: &str) -> Result<Principal, TokenError> {
    let row = sqlx::query(
        "SELECT t.client_id, t.user_id, t.scopes, t.expires_at, a.tier
         FROM tokens t JOIN apps a ON a.client_id = t.client_id
         WHERE t.hash = $1 AND t.kind = 'access' AND t.revoked = 0",
    )
    .bind(hash_secret(token))
    .fetch_optional(&db.pool)
    .await?
    .ok_or(TokenError::Invalid)?;
    let expires_at = int(&row, "expires_at")?;
    if expires_at <= now_ms() {
        return Err(TokenError::Expired);
    }
    // One query on the hot path: the few places that need the user's login
    // ask accounts for it (`accounts::login_of`).
    Ok(Principal {
        client_id: text(&row, "client_id")?,
        user_id: row.try_get::<Option<i64>, _>("user_id")?,
        scopes: split_scopes(&text(&row, "scopes")?),
        tier: Tier::parse(&text(&row, "tier")?).unwrap_or(Tier::Free),
        expires_at,
    })
}

/// Scopes as stored and as OAuth spells them: space separated.
pub fn split_scopes(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Parse requested scopes, refusing unknown ones (a typo must fail loudly).
pub fn parse_scopes(s: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for scope in s.split_whitespace() {
        if !aethex_sdk::SCOPES.contains(&scope) {
            return Err(format!("unknown scope '{scope}'"));
        }
        if !out.iter().any(|s| s == scope) {
            out.push(scope.to_string());
        }
    }
    Ok(out)
}

/// What to issue.
pub struct Grant<'a> {
    /// The app.
    pub client_id: &'a str,
    /// The user, or `None` for an app token.
    pub user_id: Option<i64>,
    /// Scopes granted.
    pub scopes: &'a [String],
    /// Whether to issue a refresh token too.
    pub refresh: bool,
    /// The rotation family to continue, or `None` to start one.
    pub family: Option<String>,
    /// Access token lifetime, seconds.
    pub access_ttl: i64,
    /// Refresh token lifetime, seconds.
    pub refresh_ttl: i64,
}

/// Mint and store tokens for a grant.
pub async fn issue(db: &Db, grant: Grant<'_>) -> Result<TokenResponse, sqlx::Error> {
    let now = now_ms();
    let scopes = grant.scopes.join(" ");
    let family = grant.family.unwrap_or_else(|| random_secret(""));
    let access = random_token("axa_");
    let mut tx = db.begin_write().await?;
    let insert = "INSERT INTO tokens (hash, kind, client_id, user_id, scopes, family, expires_at, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    sqlx::query(insert)
        .bind(hash_secret(&access))
        .bind("access")
        .bind(grant.client_id)
        .bind(grant.user_id)
        .bind(&scopes)
        .bind(&family)
        .bind(now + grant.access_ttl * 1000)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let refresh = if grant.refresh {
        let refresh = random_token("axr_");
        sqlx::query(insert)
            .bind(hash_secret(&refresh))
            .bind("refresh")
            .bind(grant.client_id)
            .bind(grant.user_id)
            .bind(&scopes)
            .bind(&family)
            .bind(now + grant.refresh_ttl * 1000)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        Some(refresh)
    } else {
        None
    };
    tx.commit().await?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "bearer".into(),
        expires_in: grant.access_ttl,
        refresh_token: refresh,
        scope: scopes,
    })
}

/// Revoke every token of a rotation family.
pub async fn revoke_family(db: &Db, family: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tokens SET revoked = 1 WHERE family = $1").bind(family).execute(&db.pool).await?;
    cache::revoked();
    Ok(())
}

/// The user's tokens, sessions and codes for their data export (the hashes stay out).
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    use crate::store::export_rows;
    Ok(vec![
        export_rows(
            conn,
            "tokens",
            "SELECT kind, client_id, scopes, expires_at, revoked, created_at FROM tokens WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(conn, "web_sessions", "SELECT expires_at FROM web_sessions WHERE user_id = $1", id).await?,
        export_rows(
            conn,
            "device_codes",
            "SELECT client_id, scopes, status, expires_at FROM device_codes WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(conn, "auth_codes", "SELECT client_id, scopes, expires_at FROM auth_codes WHERE user_id = $1", id)
            .await?,
        export_rows(conn, "invites", "SELECT created_at, used_at FROM invites WHERE used_by = $1", id).await?,
    ])
}

/// Revoke everything the user signed in with: tokens (access and refresh),
/// browser sessions, pending codes; the invitation they used forgets them.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM tokens WHERE user_id = $1",
        "DELETE FROM web_sessions WHERE user_id = $1",
        "DELETE FROM auth_codes WHERE user_id = $1",
        "DELETE FROM device_codes WHERE user_id = $1",
        "UPDATE invites SET used_by = NULL WHERE used_by = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
        cache::revoked();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("OAuth abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("Bearer"), None);
    }

    #[test]
    fn scopes_are_checked() {
        assert_eq!(parse_scopes("chat:read chat:read  stream:key").unwrap(), vec!["chat:read", "stream:key"]);
        assert!(parse_scopes("chat:read root").is_err());
    }
}
