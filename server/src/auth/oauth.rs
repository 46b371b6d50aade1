//! The OAuth 2.0 provider endpoints: `/oauth/device` (RFC 8628), `/oauth/token`
//! (authorization code with PKCE S256, device code, client credentials,
//! rotating refresh tokens), `/oauth/revoke` (RFC 7009) and `/oauth/validate`.
//! Errors use the RFC 6749 §5.2 body, which OAuth libraries expect.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use base64::Engine as _;
use sqlx::Row as _;
use subtle::ConstantTimeEq as _;

use super::throttle::Attempt;
use super::AuthState;
use super::{parse_scopes, principal_for, revoke_family, TokenError};
use crate::crypto::{hash_secret, random_secret, user_code};
use crate::http::error::ApiError;
use crate::store::{now_ms, text};
use aethex_sdk::{DeviceAuthorization, OAuthError, TokenResponse, TokenValidation};

/// Device codes live 10 minutes; clients poll every 5 seconds.
const DEVICE_TTL_SECS: i64 = 600;
const DEVICE_INTERVAL_SECS: i64 = 5;
/// Authorization codes live 60 seconds and work once.
const CODE_TTL_SECS: i64 = 60;

/// An OAuth error response.
#[derive(Debug)]
pub struct OAuthFail {
    status: StatusCode,
    error: &'static str,
    description: String,
    retry_after: Option<u64>,
}

impl OAuthFail {
    /// An RFC 6749 §5.2 error: 401 for `invalid_client`, 400 for the others.
    pub(super) fn new(error: &'static str, description: impl Into<String>) -> Self {
        let status = if error == "invalid_client" { StatusCode::UNAUTHORIZED } else { StatusCode::BAD_REQUEST };
        Self { status, error, description: description.into(), retry_after: None }
    }

    /// 429 `slow_down` with `Retry-After`: too many failed attempts for this
    /// client or from this address ([`super::throttle`]).
    pub(super) fn throttled(wait: std::time::Duration) -> Self {
        let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
        Self {
            status: StatusCode::TOO_MANY_REQUESTS,
            error: "slow_down",
            description: format!("too many failed attempts; try again in {secs} s"),
            retry_after: Some(secs),
        }
    }

    /// Whether this failure is a wrong guess (a secret, code or token that
    /// does not match), which the throttle counts.
    pub(super) fn is_guess(&self) -> bool {
        matches!(self.error, "invalid_client" | "invalid_grant")
    }

    /// Whether the client's own authentication failed.
    pub(super) fn is_wrong_secret(&self) -> bool {
        self.error == "invalid_client"
    }
}

impl IntoResponse for OAuthFail {
    fn into_response(self) -> Response {
        let body = OAuthError { error: self.error.to_string(), error_description: self.description };
        let mut resp = (self.status, axum::Json(body)).into_response();
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        // RFC 6749 §5.2: a 401 for client authentication names the scheme to use.
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"aethex\""));
        }
        if let Some(secs) = self.retry_after {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

impl From<sqlx::Error> for OAuthFail {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "oauth storage error");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: "internal error".into(),
            retry_after: None,
        }
    }
}

pub(super) type Params = Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>;

pub(super) fn params(form: Params) -> Result<HashMap<String, String>, OAuthFail> {
    form.map(|Form(m)| m).map_err(|e| {
        OAuthFail::new(
            "invalid_request",
            format!("send application/x-www-form-urlencoded parameters: {}", e.body_text()),
        )
    })
}

/// A registered app.
#[derive(Debug, Clone)]
pub struct App {
    /// Client id.
    pub client_id: String,
    /// Name shown on consent pages.
    pub name: String,
    /// Whether the app has a secret (confidential client).
    pub confidential: bool,
    secret_hash: Option<String>,
    /// Exact redirect URIs.
    pub redirect_uris: Vec<String>,
}

/// Look up an app by client id.
pub async fn find_app(state: &AuthState, client_id: &str) -> Result<Option<App>, sqlx::Error> {
    let row = sqlx::query("SELECT client_id, name, secret_hash, redirect_uris FROM apps WHERE client_id = $1")
        .bind(client_id)
        .fetch_optional(&state.db.pool)
        .await?;
    row.map(|r| {
        let secret_hash = r.try_get::<Option<String>, _>("secret_hash")?;
        Ok(App {
            client_id: text(&r, "client_id")?,
            name: text(&r, "name")?,
            confidential: secret_hash.is_some(),
            secret_hash,
            redirect_uris: text(&r, "redirect_uris")?.lines().map(str::to_string).collect(),
        })
    })
    .transpose()
}

/// Identify the client from HTTP Basic or form parameters, and check its secret.
pub(super) async fn authenticate_client(
    state: &AuthState,
    headers: &HeaderMap,
    p: &HashMap<String, String>,
    peer: IpAddr,
) -> Result<App, OAuthFail> {
    let (client_id, secret) =
        claimed_client(headers, p).ok_or_else(|| OAuthFail::new("invalid_client", "client_id is required"))?;
    // Guessing a client secret is slowed per client and per address.
    let attempt = client_attempt(&client_id, peer);
    state.throttle.check(&attempt).map_err(OAuthFail::throttled)?;
    let result = check_client(state, &client_id, secret).await;
    match &result {
        Ok(_) => state.throttle.succeeded(&attempt),
        Err(f) if f.is_wrong_secret() => state.throttle.failed(&attempt),
        Err(_) => {}
    }
    result
}

/// The throttle's view of a client's request from `peer`.
pub(super) fn client_attempt(client_id: &str, peer: IpAddr) -> Attempt {
    Attempt::new(&format!("client:{client_id}"), peer)
}

async fn check_client(state: &AuthState, client_id: &str, secret: Option<String>) -> Result<App, OAuthFail> {
    let app = find_app(state, client_id).await?.ok_or_else(|| OAuthFail::new("invalid_client", "unknown client_id"))?;
    match (&app.secret_hash, secret) {
        (Some(expected), Some(given)) => {
            if !bool::from(expected.as_bytes().ct_eq(hash_secret(&given).as_bytes())) {
                return Err(OAuthFail::new("invalid_client", "wrong client secret"));
            }
        }
        (Some(_), None) => {
            return Err(OAuthFail::new("invalid_client", "this client must authenticate with its secret"))
        }
        (None, Some(s)) if !s.is_empty() => {
            return Err(OAuthFail::new("invalid_client", "public clients have no secret"))
        }
        (None, _) => {}
    }
    Ok(app)
}

/// The client id and secret a request presents: HTTP Basic, else the form.
pub(super) fn claimed_client(headers: &HeaderMap, p: &HashMap<String, String>) -> Option<(String, Option<String>)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b.trim()).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.split_once(':').map(|(i, s)| (i.to_string(), s.to_string())));
    match basic {
        Some((id, secret)) => Some((id, Some(secret))),
        None => Some((p.get("client_id")?.clone(), p.get("client_secret").cloned())),
    }
}

/// A form parameter that must be present and non-empty.
pub(super) fn required<'a>(p: &'a HashMap<String, String>, name: &str) -> Result<&'a str, OAuthFail> {
    p.get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| OAuthFail::new("invalid_request", format!("'{name}' is required")))
}

/// The scopes the form asks for (`scope`, space-separated; none if absent).
pub(super) fn scope_param(p: &HashMap<String, String>) -> Result<Vec<String>, OAuthFail> {
    parse_scopes(p.get("scope").map(String::as_str).unwrap_or("")).map_err(|e| OAuthFail::new("invalid_scope", e))
}

pub(super) fn token_json(token: TokenResponse) -> Response {
    let mut resp = axum::Json(token).into_response();
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `POST /oauth/device`: start a device authorization.
pub async fn device(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Params,
) -> Result<Response, OAuthFail> {
    let p = params(form)?;
    let app = authenticate_client(&state, &headers, &p, peer.ip()).await?;
    let scopes = scope_param(&p)?;
    let device_code = random_secret("axd_");
    let now = now_ms();
    // A collision of 8-letter codes among live ones is unlikely but possible: retry.
    let mut code = user_code();
    for _ in 0..5 {
        let res = sqlx::query(
            "INSERT INTO device_codes (hash, user_code, client_id, scopes, expires_at, interval_secs) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash_secret(&device_code))
        .bind(&code)
        .bind(&app.client_id)
        .bind(scopes.join(" "))
        .bind(now + DEVICE_TTL_SECS * 1000)
        .bind(DEVICE_INTERVAL_SECS)
        .execute(&state.db.pool)
        .await;
        match res {
            Ok(_) => break,
            Err(e) if crate::store::is_unique_violation(&e) => {
                sqlx::query("DELETE FROM device_codes WHERE expires_at < $1").bind(now).execute(&state.db.pool).await?;
                code = user_code();
            }
            Err(e) => return Err(e.into()),
        }
    }
    let uri = format!("{}/activate", state.config.public_url);
    let auth = DeviceAuthorization {
        device_code,
        verification_uri_complete: format!("{uri}?user_code={code}"),
        user_code: code,
        verification_uri: uri,
        expires_in: DEVICE_TTL_SECS,
        interval: DEVICE_INTERVAL_SECS,
    };
    let mut resp = axum::Json(auth).into_response();
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

/// `POST /oauth/revoke` (RFC 7009): always 200 for a known client, so token
/// existence does not leak. Revoking a refresh token ends its whole family.
pub async fn revoke(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Params,
) -> Result<Response, OAuthFail> {
    let p = params(form)?;
    let app = authenticate_client(&state, &headers, &p, peer.ip()).await?;
    let token = required(&p, "token")?;
    let row = sqlx::query("SELECT kind, family, client_id FROM tokens WHERE hash = $1")
        .bind(hash_secret(token))
        .fetch_optional(&state.db.pool)
        .await?;
    if let Some(row) = row {
        if text(&row, "client_id")? == app.client_id {
            if text(&row, "kind")? == "refresh" {
                revoke_family(&state.db, &text(&row, "family")?).await?;
            } else {
                sqlx::query("UPDATE tokens SET revoked = 1 WHERE hash = $1")
                    .bind(hash_secret(token))
                    .execute(&state.db.pool)
                    .await?;
                super::cache::revoked();
            }
        }
    }
    Ok(StatusCode::OK.into_response())
}

/// `GET /oauth/validate`: what the token is (Twitch-style).
pub async fn validate(
    State(state): State<AuthState>,
    headers: HeaderMap,
) -> Result<axum::Json<TokenValidation>, ApiError> {
    let token =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(super::bearer).ok_or_else(|| {
            ApiError::unauthorized("send the token as 'Authorization: OAuth <token>' or 'Bearer <token>'")
        })?;
    let p = principal_for(&state.db, token).await.map_err(|e| match e {
        TokenError::Db(e) => ApiError::internal(e),
        other => ApiError::unauthorized(other.to_string()),
    })?;
    let login = match p.user_id {
        Some(id) => crate::accounts::login_of(&state.db, id).await.map_err(ApiError::internal)?,
        None => None,
    };
    Ok(axum::Json(TokenValidation {
        client_id: p.client_id,
        login,
        user_id: p.user_id.map(|u| u.to_string()),
        scopes: p.scopes,
        expires_in: ((p.expires_at - now_ms()) / 1000).max(0),
    }))
}

/// Store a fresh authorization code for an approved consent.
pub async fn create_auth_code(
    state: &AuthState,
    client_id: &str,
    user_id: i64,
    redirect_uri: &str,
    scopes: &[String],
    code_challenge: &str,
) -> Result<String, sqlx::Error> {
    let code = random_secret("axc_");
    sqlx::query(
        "INSERT INTO auth_codes (hash, client_id, user_id, redirect_uri, scopes, code_challenge, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(hash_secret(&code))
    .bind(client_id)
    .bind(user_id)
    .bind(redirect_uri)
    .bind(scopes.join(" "))
    .bind(code_challenge)
    .bind(now_ms() + CODE_TTL_SECS * 1000)
    .execute(&state.db.pool)
    .await?;
    Ok(code)
}

/// `GET /.well-known/oauth-authorization-server`: RFC 8414 metadata, so
/// OAuth libraries configure themselves from the issuer URL alone.
pub async fn metadata(State(state): State<AuthState>) -> Response {
    let base = &state.config.public_url;
    let mut resp = axum::Json(serde_json::json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/oauth/authorize"),
        "token_endpoint": format!("{base}/oauth/token"),
        "device_authorization_endpoint": format!("{base}/oauth/device"),
        "revocation_endpoint": format!("{base}/oauth/revoke"),
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": [
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code"
        ],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": aethex_sdk::SCOPES,
        "service_documentation": format!("{base}/api/openapi.json"),
    }))
    .into_response();
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    resp
}
