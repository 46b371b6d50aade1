//! The grants of `POST /oauth/token`, one function each: authorization code
//! with PKCE, rotating refresh tokens, device code (RFC 8628) and client
//! credentials. [`token`] authenticates the client and picks the grant by
//! `grant_type`; each grant checks its own parameters and
//! returns the tokens to send, or the RFC 6749 error.

use std::collections::HashMap;

use aethex_sdk::TokenResponse;
use sqlx::any::AnyRow;
use sqlx::Row as _;
use subtle::ConstantTimeEq as _;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::oauth::{
    authenticate_client, client_attempt, params, required, scope_param, token_json, App, OAuthFail, Params,
};
use super::AuthState;
use super::{issue, parse_scopes, revoke_family, split_scopes, Grant};
use crate::crypto::hash_secret;
use crate::store::{int, now_ms, text, Db};

/// `POST /oauth/token`: authenticate the client, then run the grant that
/// `grant_type` names (one function each, below).
pub(super) async fn token(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Params,
) -> Result<Response, OAuthFail> {
    let p = params(form)?;
    let app = authenticate_client(&state, &headers, &p, peer.ip()).await?;
    let result = grant(&state, &app, &p).await;
    // Codes and refresh tokens are too long to guess, but wrong ones are still
    // counted against the address (never the client, whose many honest users
    // may hold stale tokens).
    if let Err(f) = &result {
        if f.is_guess() {
            state.throttle.failed_from_address(&client_attempt(&app.client_id, peer.ip()));
        }
    }
    result
}

/// Run the grant that `grant_type` names for an authenticated client.
async fn grant(state: &AuthState, app: &App, p: &HashMap<String, String>) -> Result<Response, OAuthFail> {
    let r = TokenRequest {
        db: &state.db,
        app,
        params: p,
        access_ttl: state.config.access_token_ttl,
        refresh_ttl: state.config.refresh_token_ttl,
    };
    let issued = match required(p, "grant_type")? {
        "authorization_code" => authorization_code(&r).await?,
        "refresh_token" => refresh_token(&r).await?,
        "urn:ietf:params:oauth:grant-type:device_code" => device_code(&r).await?,
        "client_credentials" => client_credentials(&r).await?,
        other => {
            return Err(OAuthFail::new(
                "unsupported_grant_type",
                format!("grant_type '{}' is not supported", crate::http::truncate(other, 60)),
            ))
        }
    };
    Ok(token_json(issued))
}

/// What every grant answers with.
pub(super) type GrantResult = Result<TokenResponse, OAuthFail>;

/// A token request from an authenticated client.
pub(super) struct TokenRequest<'a> {
    /// Where codes and tokens are stored.
    pub(super) db: &'a Db,
    /// The client, already authenticated.
    pub(super) app: &'a App,
    /// The form parameters.
    pub(super) params: &'a HashMap<String, String>,
    /// Access token lifetime, seconds.
    pub(super) access_ttl: i64,
    /// Refresh token lifetime, seconds.
    pub(super) refresh_ttl: i64,
}

impl TokenRequest<'_> {
    /// A parameter that must be present and non-empty.
    fn param(&self, name: &str) -> Result<&str, OAuthFail> {
        required(self.params, name)
    }

    /// The row `sql` selects for a code's or token's hash; `invalid_grant`
    /// with `unknown` when there is none.
    async fn row_by_hash(&self, sql: &str, hash: &str, unknown: &'static str) -> Result<AnyRow, OAuthFail> {
        sqlx::query(sql)
            .bind(hash)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| OAuthFail::new("invalid_grant", unknown))
    }

    /// `invalid_grant` unless `row` (`what`: a code or token) was issued to this client.
    fn issued_here(&self, row: &AnyRow, what: &str) -> Result<(), OAuthFail> {
        if text(row, "client_id")? != self.app.client_id {
            return Err(OAuthFail::new("invalid_grant", format!("{what} was issued to another client")));
        }
        Ok(())
    }

    /// Run `sql`, a conditional UPDATE or DELETE of one code or token by
    /// `hash`; whether this call was the one that changed it. The condition
    /// in `sql` makes single use hold under concurrent requests.
    async fn claim(&self, sql: &str, hash: &str) -> Result<bool, OAuthFail> {
        Ok(sqlx::query(sql).bind(hash).execute(&self.db.pool).await?.rows_affected() == 1)
    }

    /// Mint and store tokens for this client.
    async fn issue(
        &self,
        user_id: Option<i64>,
        scopes: &[String],
        refresh: bool,
        family: Option<String>,
    ) -> GrantResult {
        let grant = Grant {
            client_id: &self.app.client_id,
            user_id,
            scopes,
            refresh,
            family,
            access_ttl: self.access_ttl,
            refresh_ttl: self.refresh_ttl,
        };
        Ok(issue(self.db, grant).await?)
    }
}

/// `authorization_code`: exchange a consent's code, once, for the user's
/// tokens; the `code_verifier` must match the PKCE S256 challenge.
pub(super) async fn authorization_code(r: &TokenRequest<'_>) -> GrantResult {
    let code = r.param("code")?;
    let redirect_uri = r.param("redirect_uri")?;
    let verifier = r.param("code_verifier")?;
    let code_hash = hash_secret(code);
    let sql =
        "SELECT client_id, user_id, redirect_uri, scopes, code_challenge, expires_at FROM auth_codes WHERE hash = $1";
    let row = r.row_by_hash(sql, &code_hash, "unknown authorization code").await?;
    // Every token issued from this code, and every rotation of its refresh token, shares one family.
    let family = format!("code:{code_hash}");
    // Burn the code before the other checks, so a failed try cannot be repeated (single use, RFC 6749 §4.1.2).
    if !r.claim("UPDATE auth_codes SET used = 1 WHERE hash = $1 AND used = 0", &code_hash).await? {
        // A code that comes back was intercepted or replayed: whatever it bought is revoked
        // (RFC 6749 §4.1.2, RFC 9700 §4.5).
        revoke_family(r.db, &family).await?;
        return Err(OAuthFail::new("invalid_grant", "authorization code already used"));
    }
    if text(&row, "client_id")? != r.app.client_id || text(&row, "redirect_uri")? != redirect_uri {
        return Err(OAuthFail::new("invalid_grant", "code was issued to another client or redirect_uri"));
    }
    if int(&row, "expires_at")? <= now_ms() {
        return Err(OAuthFail::new("invalid_grant", "authorization code expired"));
    }
    let challenge = text(&row, "code_challenge")?;
    let ok = (43..=128).contains(&verifier.len())
        && bool::from(aethex_sdk::pkce_s256(verifier).as_bytes().ct_eq(challenge.as_bytes()));
    if !ok {
        return Err(OAuthFail::new("invalid_grant", "code_verifier does not match the code_challenge"));
    }
    let scopes = split_scopes(&text(&row, "scopes")?);
    let user_id = int(&row, "user_id")?;
    r.issue(Some(user_id), &scopes, true, Some(family)).await
}

/// `refresh_token`: rotate a refresh token into new tokens, optionally with
/// fewer scopes. A rotated token that comes back revokes its whole family.
pub(super) async fn refresh_token(r: &TokenRequest<'_>) -> GrantResult {
    let refresh_hash = hash_secret(r.param("refresh_token")?);
    let sql = "SELECT client_id, user_id, scopes, family, expires_at, revoked FROM tokens WHERE hash = $1 AND kind = 'refresh'";
    let row = r.row_by_hash(sql, &refresh_hash, "unknown refresh token").await?;
    let family = text(&row, "family")?;
    r.issued_here(&row, "refresh token")?;
    // Check the request before rotating, so a client mistake does not burn the token.
    let scopes = narrowed(split_scopes(&text(&row, "scopes")?), r.params.get("scope"))?;
    // Rotate atomically: only one caller can retire this refresh token.
    if !r.claim("UPDATE tokens SET revoked = 1 WHERE hash = $1 AND revoked = 0", &refresh_hash).await? {
        // A retired refresh token came back: it leaked. Kill the family.
        revoke_family(r.db, &family).await?;
        tracing::warn!(client_id = %r.app.client_id, "refresh token reuse detected; token family revoked");
        return Err(OAuthFail::new(
            "invalid_grant",
            "refresh token already used; all tokens of this login were revoked",
        ));
    }
    if int(&row, "expires_at")? <= now_ms() {
        return Err(OAuthFail::new("invalid_grant", "refresh token expired"));
    }
    let user_id = row.try_get::<Option<i64>, _>("user_id")?;
    r.issue(user_id, &scopes, true, Some(family)).await
}

/// The scopes a refresh asks for (`scope`): all that were granted when it is
/// absent or empty, else a subset of them; a refresh never adds scopes.
fn narrowed(granted: Vec<String>, asked: Option<&String>) -> Result<Vec<String>, OAuthFail> {
    let Some(asked) = asked.filter(|s| !s.is_empty()) else { return Ok(granted) };
    let asked = parse_scopes(asked).map_err(|e| OAuthFail::new("invalid_scope", e))?;
    if asked.iter().any(|s| !granted.contains(s)) {
        return Err(OAuthFail::new("invalid_scope", "a refresh cannot add scopes"));
    }
    Ok(asked)
}

/// `urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4): the
/// user's tokens once they approved the device, `authorization_pending` or
/// `access_denied` until then. The code works once.
pub(super) async fn device_code(r: &TokenRequest<'_>) -> GrantResult {
    let device_hash = hash_secret(r.param("device_code")?);
    let sql = "SELECT client_id, scopes, status, user_id, expires_at, interval_secs, last_poll_at FROM device_codes WHERE hash = $1";
    let row = r.row_by_hash(sql, &device_hash, "unknown device_code").await?;
    r.issued_here(&row, "device_code")?;
    let now = now_ms();
    if int(&row, "expires_at")? <= now {
        return Err(OAuthFail::new("expired_token", "the device code expired; start again"));
    }
    pace_poll(r.db, &device_hash, &row, now).await?;
    match text(&row, "status")?.as_str() {
        "pending" => Err(OAuthFail::new("authorization_pending", "the user has not approved yet")),
        "denied" => Err(OAuthFail::new("access_denied", "the user denied the request")),
        _ => {
            // Consume the code exactly once, even under concurrent polls.
            if !r.claim("DELETE FROM device_codes WHERE hash = $1 AND status = 'approved'", &device_hash).await? {
                return Err(OAuthFail::new("invalid_grant", "device_code already used"));
            }
            let user_id = row.try_get::<Option<i64>, _>("user_id")?;
            let scopes = split_scopes(&text(&row, "scopes")?);
            r.issue(user_id, &scopes, true, None).await
        }
    }
}

/// Record this poll of a device code, or refuse it with `slow_down` when it
/// comes sooner than the code's interval allows.
async fn pace_poll(db: &Db, device_hash: &str, row: &AnyRow, now: i64) -> Result<(), OAuthFail> {
    let interval = int(row, "interval_secs")?;
    if now - int(row, "last_poll_at")? < interval * 1000 {
        // RFC 8628 §3.5: each too-early poll adds 5 seconds to the interval.
        sqlx::query("UPDATE device_codes SET interval_secs = interval_secs + 5, last_poll_at = $1 WHERE hash = $2")
            .bind(now)
            .bind(device_hash)
            .execute(&db.pool)
            .await?;
        return Err(OAuthFail::new("slow_down", format!("poll at most every {} seconds", interval + 5)));
    }
    sqlx::query("UPDATE device_codes SET last_poll_at = $1 WHERE hash = $2")
        .bind(now)
        .bind(device_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// `client_credentials`: an app token (no user, no refresh token), for
/// confidential clients only since it proves nothing but the secret.
pub(super) async fn client_credentials(r: &TokenRequest<'_>) -> GrantResult {
    if !r.app.confidential {
        return Err(OAuthFail::new("unauthorized_client", "client credentials need a confidential client"));
    }
    let scopes = scope_param(r.params)?;
    r.issue(None, &scopes, false, None).await
}
