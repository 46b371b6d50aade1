//! The few server-rendered pages OAuth needs: log in, approve a device
//! (`/activate`), and consent to a third-party app (`/oauth/authorize`).
//!
//! Pages use a session cookie (HttpOnly, SameSite=Lax) and a CSRF token on
//! every form: per session once logged in, and for the login form itself a
//! double-submit token in a short-lived SameSite=Strict cookie, so a
//! cross-site form cannot log a victim into the attacker's account. As a
//! second line, a form whose `Origin` (or `Referer`) names another site is
//! refused. Pages refuse to be framed, so consent cannot be clickjacked.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use subtle::ConstantTimeEq as _;

use super::oauth::{create_auth_code, find_app, App};
use super::parse_scopes;
use super::throttle::Attempt;
use super::AuthState;
use crate::crypto::{hash_secret, normalize_user_code, random_secret};
use crate::http::html::{same_site, Forms};
use crate::i18n::Catalog;
use crate::store::{int, now_ms, text};

const COOKIE: &str = "aethex_session";
/// The login form's double-submit CSRF cookie.
const LOGIN_COOKIE: &str = "aethex_login";
const SESSION_TTL_MS: i64 = 12 * 3600 * 1000;

type Params = HashMap<String, String>;

/// A logged-in browser.
#[derive(Debug, Clone)]
pub struct WebSession {
    /// The user.
    pub user_id: i64,
    /// Their login.
    pub login: String,
    /// The session's CSRF token, for the forms of its pages.
    pub csrf: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A page of this capability in the app's look: `body` is markup built
/// here (every value in it escaped). The header shows `user` signed in.
#[derive(askama::Template)]
#[template(path = "form_page.html")]
struct FormPage<'a> {
    t: &'static Catalog,
    user: Option<&'a WebSession>,
    title: &'a str,
    body: &'a str,
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    page_as(status, title, body, None)
}

/// [`page`] for a signed-in user. Forms may lead on to another site (OAuth
/// consent redirects back to the app), so `form-action` allows it.
fn page_as(status: StatusCode, title: &str, body: &str, user: Option<&WebSession>) -> Response {
    let page = FormPage { t: Catalog::current(), user, title, body };
    crate::http::html::render(status, &page, Forms::MayLeave)
}

/// The error page: message `id` from the catalogue.
fn error_page(status: StatusCode, id: &str) -> Response {
    error_text_page(status, &Catalog::current().get(id))
}

/// The error page with a message already in words.
fn error_text_page(status: StatusCode, message: &str) -> Response {
    let t = Catalog::current();
    page(status, &t.get("auth-error-title"), &format!("<p class=\"err\">{}</p>", escape(message)))
}

/// Message `id` as HTML with `$var` shown bold (each escaped; the
/// translation's own text is ours, its placeable the user's).
fn with_bold(id: &str, var: &str, value: &str) -> String {
    const MARK: &str = "\u{e000}";
    escape(&Catalog::current().with(id, var, MARK)).replace(MARK, &format!("<b>{}</b>", escape(value)))
}

/// A paragraph of message `id`.
fn para(id: &str) -> String {
    format!("<p>{}</p>", escape(&Catalog::current().get(id)))
}

pub(super) fn internal(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "page storage error");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, "auth-internal")
}

/// The value of cookie `name` in the request, if sent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The answer to a form post from another site.
fn cross_site() -> Response {
    error_page(StatusCode::FORBIDDEN, "auth-cross-site")
}

async fn session(state: &AuthState, headers: &HeaderMap) -> Result<Option<WebSession>, sqlx::Error> {
    web_session(&state.db, headers).await
}

/// The signed-in user behind a script's request from one of our own pages:
/// session cookie, same-site `Origin`, and the session's CSRF token in
/// `X-CSRF-Token` (push, the chat's report and moderation buttons).
pub async fn script_user(
    db: &crate::store::Db,
    headers: &HeaderMap,
    public_url: &str,
) -> Result<(i64, String), crate::http::error::ApiError> {
    use crate::http::error::ApiError;
    if !same_site(headers, public_url) {
        return Err(ApiError::forbidden("this request came from another site"));
    }
    let session = web_session(db, headers).await.map_err(|e| {
        tracing::error!(error = %e, "reading the browser session failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    })?;
    let Some(s) = session else { return Err(ApiError::unauthorized("log in first")) };
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !bool::from(token.as_bytes().ct_eq(s.csrf.as_bytes())) {
        return Err(ApiError::forbidden("missing or stale X-CSRF-Token"));
    }
    Ok((s.user_id, s.login))
}

/// The browser's signed-in session, from its cookie (the web app's pages ask this).
pub async fn web_session(db: &crate::store::Db, headers: &HeaderMap) -> Result<Option<WebSession>, sqlx::Error> {
    let Some(secret) = cookie(headers, COOKIE) else {
        return Ok(None);
    };
    let row = sqlx::query("SELECT user_id, csrf, expires_at FROM web_sessions WHERE hash = $1")
        .bind(hash_secret(&secret))
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(r) if int(&r, "expires_at")? > now_ms() => {
            let user_id = int(&r, "user_id")?;
            let Some(login) = crate::accounts::login_of(db, user_id).await? else { return Ok(None) };
            Ok(Some(WebSession { user_id, login, csrf: text(&r, "csrf")? }))
        }
        _ => Ok(None),
    }
}

/// A page's form body; anything else (another content type, a body that
/// does not parse) gets the error page in the site's look, not axum's plain text.
pub struct PageForm(pub Params);

impl<S: Send + Sync> axum::extract::FromRequest<S> for PageForm {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        match Form::<Params>::from_request(req, state).await {
            Ok(Form(p)) => Ok(Self(p)),
            Err(r) => Err(error_page(r.status(), "auth-bad-form")),
        }
    }
}

fn csrf_ok(s: &WebSession, p: &Params) -> bool {
    p.get("csrf").is_some_and(|c| bool::from(c.as_bytes().ct_eq(s.csrf.as_bytes())))
}

/// Where to go after logging in: only this site. `next` is resolved the way
/// browsers resolve a URL (WHATWG rules: tabs and newlines dropped, `\` read
/// as `/`, leading and trailing spaces and controls trimmed) against a
/// placeholder origin, and refused if the result leaves it; what is kept is
/// re-serialised, so it is percent-encoded and always a valid `Location`.
fn safe_next(next: Option<&String>) -> String {
    safe_next_or(next, "/activate")
}

/// [`safe_next`] with another page to fall back to.
pub(super) fn safe_next_or(next: Option<&String>, home: &str) -> String {
    let (Some(next), Ok(base)) = (next, url::Url::parse("http://aethex.invalid/")) else { return home.into() };
    match base.join(next) {
        Ok(u) if u.origin() == base.origin() => u[url::Position::BeforePath..].to_string(),
        _ => home.into(),
    }
}

/// A new browser session for `user_id`: its `Set-Cookie` value.
pub(super) async fn start_session(state: &AuthState, user_id: i64) -> Result<HeaderValue, sqlx::Error> {
    let secret = random_secret("axw_");
    sqlx::query("INSERT INTO web_sessions (hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_secret(&secret))
        .bind(user_id)
        .bind(random_secret(""))
        .bind(now_ms() + SESSION_TTL_MS)
        .execute(&state.db.pool)
        .await?;
    let secure = if state.config.public_url.starts_with("https://") { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200{secure}"))
        .map_err(|e| sqlx::Error::Protocol(format!("session cookie: {e}")))
}

/// A page with a title and one paragraph of text already in words.
pub fn message_text_page(title: String, message: String) -> impl askama::Template {
    MessagePage { t: Catalog::current(), user: None, title, message }
}

/// A page with a title and one paragraph, from catalogue text.
pub(super) fn message_page(title: String, message: String) -> impl askama::Template {
    MessagePage { t: Catalog::current(), user: None, title, message }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct MessagePage {
    t: &'static Catalog,
    user: Option<WebSession>,
    title: String,
    message: String,
}

fn login_redirect(next: &str) -> Response {
    let q = url::form_urlencoded::Serializer::new(String::new()).append_pair("next", next).finish();
    Redirect::to(&format!("/login?{q}")).into_response()
}

/// The login page with a fresh double-submit token: in the form and in a
/// cookie only this site's own pages can send back.
fn login_page_with(status: StatusCode, next: &str, error: Option<&str>, secure: bool) -> Response {
    let csrf = random_secret("");
    let mut resp = page(status, &Catalog::current().get("login-title"), &login_form(next, error, &csrf));
    let secure = if secure { "; Secure" } else { "" };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LOGIN_COOKIE}={csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
    )) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

fn login_form(next: &str, error: Option<&str>, csrf: &str) -> String {
    let t = Catalog::current();
    format!(
        "{}<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"{}\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label>{}<input name=\"login\" autocomplete=\"username\" required></label>\
         <label>{}<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button type=\"submit\">{}</button></form>",
        error.map(|e| format!("<p class=\"err\">{}</p>", escape(e))).unwrap_or_default(),
        escape(next),
        escape(csrf),
        escape(&t.get("login-field-login")),
        escape(&t.get("login-field-password")),
        escape(&t.get("login-submit")),
    )
}

/// `GET /login`.
pub async fn login_page(State(state): State<AuthState>, Query(p): Query<Params>) -> Response {
    login_page_with(StatusCode::OK, &safe_next(p.get("next")), None, state.config.public_url.starts_with("https://"))
}

/// `POST /login`: check the form came from our login page, that this account
/// and address are not waiting out failed attempts, then the password; start
/// a browser session.
pub async fn login_submit(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PageForm(p): PageForm,
) -> Response {
    let https = state.config.public_url.starts_with("https://");
    let next = safe_next(p.get("next"));
    if !same_site(&headers, &state.config.public_url) {
        return cross_site();
    }
    let token_ok = match (cookie(&headers, LOGIN_COOKIE), p.get("csrf")) {
        (Some(c), Some(f)) => !c.is_empty() && bool::from(c.as_bytes().ct_eq(f.as_bytes())),
        _ => false,
    };
    if !token_ok {
        return login_page_with(StatusCode::FORBIDDEN, &next, Some(&Catalog::current().get("login-expired")), https);
    }
    let login = p.get("login").map(|l| l.trim().to_lowercase()).unwrap_or_default();
    let password = p.get("password").cloned().unwrap_or_default();
    let attempt = Attempt::new(&format!("login:{login}"), peer.ip());
    if let Err(wait) = state.throttle.check(&attempt) {
        let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
        let msg = Catalog::current().count("login-throttled", secs as i64);
        let mut resp = login_page_with(StatusCode::TOO_MANY_REQUESTS, &next, Some(&msg), https);
        resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return resp;
    }
    let user_id = match crate::accounts::check_password(&state.db, &login, &password).await {
        Ok(id) => id,
        Err(e) => return internal(e),
    };
    let Some(user_id) = user_id else {
        state.throttle.failed(&attempt);
        return login_page_with(StatusCode::UNAUTHORIZED, &next, Some(&Catalog::current().get("login-wrong")), https);
    };
    state.throttle.succeeded(&attempt);
    let cookie = match start_session(&state, user_id).await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let mut resp = Redirect::to(&next).into_response();
    resp.headers_mut().insert(header::SET_COOKIE, cookie);
    // The user's language, on this device too.
    match crate::accounts::locales(&state.db, &[user_id]).await {
        Ok(l) => {
            let https = state.config.public_url.starts_with("https://");
            if let Some(c) = l.get(&user_id).and_then(|tag| crate::i18n::language_cookie(tag, https)) {
                resp.headers_mut().append(header::SET_COOKIE, c);
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not read a user's language at log-in"),
    }
    // The login token is single use.
    resp.headers_mut().append(header::SET_COOKIE, HeaderValue::from_static("aethex_login=; Path=/login; Max-Age=0"));
    resp
}

/// `POST /logout`.
pub async fn logout(State(state): State<AuthState>, headers: HeaderMap, PageForm(p): PageForm) -> Response {
    if !same_site(&headers, &state.config.public_url) {
        return cross_site();
    }
    match session(&state, &headers).await {
        Ok(Some(s)) if csrf_ok(&s, &p) => {
            if let Err(e) = sqlx::query("DELETE FROM web_sessions WHERE user_id = $1 AND csrf = $2")
                .bind(s.user_id)
                .bind(&s.csrf)
                .execute(&state.db.pool)
                .await
            {
                return internal(e);
            }
            let mut resp = page(StatusCode::OK, &Catalog::current().get("logout-title"), &para("logout-done"));
            resp.headers_mut()
                .insert(header::SET_COOKIE, HeaderValue::from_static("aethex_session=; Path=/; Max-Age=0"));
            resp
        }
        Ok(_) => error_page(StatusCode::FORBIDDEN, "logout-refused"),
        Err(e) => internal(e),
    }
}

/// What an app asks for, in words (each scope's own name beside it).
fn scope_list(scopes: &str) -> String {
    let t = Catalog::current();
    let items: String = scopes
        .split_whitespace()
        .map(|s| {
            let id = format!("scope-{}", s.replace(':', "-"));
            let words = if t.has(&id) { t.get(&id) } else { s.to_string() };
            format!("<li>{} <code>{}</code></li>", escape(&words), escape(s))
        })
        .collect();
    if items.is_empty() {
        para("scopes-none")
    } else {
        format!("{}<ul>{items}</ul>", para("scopes-intro"))
    }
}

/// `GET /activate`: where a user enters the code their device shows.
pub async fn activate_page(State(state): State<AuthState>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    let code = p.get("user_code").map(|c| normalize_user_code(c)).unwrap_or_default();
    let s = match session(&state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            let next = if code.is_empty() { "/activate".to_string() } else { format!("/activate?user_code={code}") };
            return login_redirect(&next);
        }
        Err(e) => return internal(e),
    };
    let mut detail = String::new();
    if !code.is_empty() {
        let row = sqlx::query("SELECT d.scopes, a.name FROM device_codes d JOIN apps a ON a.client_id = d.client_id WHERE d.user_code = $1 AND d.status = 'pending' AND d.expires_at > $2")
            .bind(&code)
            .bind(now_ms())
            .fetch_optional(&state.db.pool)
            .await;
        match row {
            Ok(Some(r)) => {
                detail = format!(
                    "<p>{}</p>{}",
                    with_bold("device-wants", "app", &text(&r, "name").unwrap_or_default()),
                    scope_list(&text(&r, "scopes").unwrap_or_default())
                )
            }
            Ok(None) => {
                detail = format!("<p class=\"err\">{}</p>", escape(&Catalog::current().get("device-unknown-code")))
            }
            Err(e) => return internal(e),
        }
    }
    let t = Catalog::current();
    page_as(
        StatusCode::OK,
        &t.get("device-title"),
        &format!(
            "<p>{signed_in}</p>{detail}<form method=\"post\" action=\"/activate\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <label>{label}<input name=\"user_code\" value=\"{code}\" placeholder=\"ABCD-EFGH\" required></label>\
             <button type=\"submit\" name=\"action\" value=\"approve\">{allow}</button>\
             <button type=\"submit\" name=\"action\" value=\"deny\" class=\"deny\">{deny}</button></form>",
            signed_in = with_bold("signed-in-as", "login", &s.login),
            csrf = escape(&s.csrf),
            code = escape(&code),
            label = escape(&t.get("device-code-label")),
            allow = escape(&t.get("device-allow")),
            deny = escape(&t.get("device-deny")),
        ),
        Some(&s),
    )
}

/// `POST /activate`: approve or deny a device code.
pub async fn activate_submit(State(state): State<AuthState>, headers: HeaderMap, PageForm(p): PageForm) -> Response {
    if !same_site(&headers, &state.config.public_url) {
        return cross_site();
    }
    let s = match session(&state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return login_redirect("/activate"),
        Err(e) => return internal(e),
    };
    if !csrf_ok(&s, &p) {
        return error_page(StatusCode::FORBIDDEN, "device-expired");
    }
    let code = normalize_user_code(p.get("user_code").map(String::as_str).unwrap_or(""));
    let approve = p.get("action").map(String::as_str) == Some("approve");
    let res = sqlx::query("UPDATE device_codes SET status = $1, user_id = $2 WHERE user_code = $3 AND status = 'pending' AND expires_at > $4")
        .bind(if approve { "approved" } else { "denied" })
        .bind(s.user_id)
        .bind(&code)
        .bind(now_ms())
        .execute(&state.db.pool)
        .await;
    match res {
        Ok(r) if r.rows_affected() == 1 && approve => {
            tracing::info!(user = %s.login, "device authorized");
            page(StatusCode::OK, &Catalog::current().get("device-connected-title"), &para("device-connected"))
        }
        Ok(r) if r.rows_affected() == 1 => {
            page(StatusCode::OK, &Catalog::current().get("device-denied-title"), &para("device-denied"))
        }
        Ok(_) => error_page(StatusCode::BAD_REQUEST, "device-code-used"),
        Err(e) => internal(e),
    }
}

/// The checked parameters of an authorization request.
struct AuthorizeRequest {
    app: App,
    redirect_uri: String,
    scopes: Vec<String>,
    state: Option<String>,
    code_challenge: String,
}

/// Redirect back to the client with query parameters added.
fn redirect_back(redirect_uri: &str, pairs: &[(&str, &str)]) -> Response {
    match url::Url::parse(redirect_uri) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in pairs {
                    q.append_pair(k, v);
                }
            }
            Redirect::to(u.as_str()).into_response()
        }
        Err(_) => error_page(StatusCode::BAD_REQUEST, "oauth-bad-redirect-url"),
    }
}

/// Check an authorization request. Errors before the redirect URI is trusted
/// are shown here; later ones go back to the client (RFC 6749 §4.1.2.1).
async fn check_authorize(state: &AuthState, p: &Params) -> Result<AuthorizeRequest, Response> {
    let client_id = p.get("client_id").cloned().unwrap_or_default();
    let app = match find_app(state, &client_id).await {
        Ok(Some(a)) => a,
        Ok(None) => return Err(error_page(StatusCode::BAD_REQUEST, "oauth-unknown-client")),
        Err(e) => return Err(internal(e)),
    };
    let redirect_uri = p.get("redirect_uri").cloned().unwrap_or_default();
    if !app.redirect_uris.contains(&redirect_uri) {
        return Err(error_page(StatusCode::BAD_REQUEST, "oauth-redirect-mismatch"));
    }
    let st = p.get("state").cloned();
    let fail = |error: &str, desc: &str| {
        let mut pairs = vec![("error", error), ("error_description", desc)];
        if let Some(s) = &st {
            pairs.push(("state", s));
        }
        redirect_back(&redirect_uri, &pairs)
    };
    if p.get("response_type").map(String::as_str) != Some("code") {
        return Err(fail("unsupported_response_type", "response_type must be code"));
    }
    let challenge = p.get("code_challenge").cloned().unwrap_or_default();
    if p.get("code_challenge_method").map(String::as_str) != Some("S256") || challenge.len() != 43 {
        return Err(fail(
            "invalid_request",
            "PKCE is required: code_challenge (43 characters) with code_challenge_method=S256",
        ));
    }
    let scopes = match parse_scopes(p.get("scope").map(String::as_str).unwrap_or("")) {
        Ok(s) => s,
        Err(e) => return Err(fail("invalid_scope", &e)),
    };
    Ok(AuthorizeRequest { app, redirect_uri, scopes, state: st, code_challenge: challenge })
}

/// `GET /oauth/authorize`: the consent page.
pub async fn authorize_page(
    State(state): State<AuthState>,
    headers: HeaderMap,
    uri: axum::extract::OriginalUri,
    Query(p): Query<Params>,
) -> Response {
    let req = match check_authorize(&state, &p).await {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let s = match session(&state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return login_redirect(&uri.0.to_string()),
        Err(e) => return internal(e),
    };
    let hidden: String =
        ["client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "response_type"]
            .iter()
            .filter_map(|k| p.get(*k).map(|v| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", escape(v))))
            .collect();
    let t = Catalog::current();
    page_as(
        StatusCode::OK,
        &t.get("consent-title"),
        &format!(
            "<p>{signed_in}</p><p>{wants}</p>{scopes}\
             <form method=\"post\" action=\"/oauth/authorize\">{hidden}<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <button type=\"submit\" name=\"decision\" value=\"approve\">{approve}</button>\
             <button type=\"submit\" name=\"decision\" value=\"deny\" class=\"deny\">{cancel}</button></form>\
             <p>{redirect}</p>",
            signed_in = with_bold("signed-in-as", "login", &s.login),
            wants = with_bold("consent-wants", "app", &req.app.name),
            scopes = scope_list(&req.scopes.join(" ")),
            csrf = escape(&s.csrf),
            approve = escape(&t.get("consent-approve")),
            cancel = escape(&t.get("consent-cancel")),
            redirect = escape(&t.with("consent-redirect", "url", &req.redirect_uri)),
        ),
        Some(&s),
    )
}

/// `POST /oauth/authorize`: the user's decision.
pub async fn authorize_submit(State(state): State<AuthState>, headers: HeaderMap, PageForm(p): PageForm) -> Response {
    if !same_site(&headers, &state.config.public_url) {
        return cross_site();
    }
    let s = match session(&state, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return error_page(StatusCode::UNAUTHORIZED, "consent-log-in-first"),
        Err(e) => return internal(e),
    };
    if !csrf_ok(&s, &p) {
        return error_page(StatusCode::FORBIDDEN, "consent-expired");
    }
    let req = match check_authorize(&state, &p).await {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if p.get("decision").map(String::as_str) == Some("approve") {
        match create_auth_code(
            &state,
            &req.app.client_id,
            s.user_id,
            &req.redirect_uri,
            &req.scopes,
            &req.code_challenge,
        )
        .await
        {
            Ok(code) => pairs.push(("code", code)),
            Err(e) => return internal(e),
        }
    } else {
        pairs.push(("error", "access_denied".into()));
    }
    if let Some(st) = &req.state {
        pairs.push(("state", st.clone()));
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    redirect_back(&req.redirect_uri, &borrowed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_this_site_however_it_is_written() {
        let next = |n: &str| super::safe_next(Some(&n.to_string()));
        for evil in [
            "//evil.com",
            "/\\evil.com",
            "\\\\evil.com",
            "/\t/evil.com",
            "/\n/evil.com",
            "/\r\n/evil.com",
            " //evil.com",
            "\u{1}//evil.com",
            "https://evil.com/",
            "HTTPS://evil.com",
            "javascript:alert(1)",
            "http://aethex.invalid@evil.com",
            "/\t\\evil.com",
        ] {
            assert_eq!(next(evil), "/activate", "{evil:?}");
        }
        assert_eq!(next("/oauth/authorize?client_id=a&scope=b%20c"), "/oauth/authorize?client_id=a&scope=b%20c");
        // Controls inside a path are percent-encoded, never sent raw in a header.
        assert_eq!(next("/x\u{1}y\u{b}z"), "/x%01y%0Bz");
        assert_eq!(next("/%09/evil.com"), "/%09/evil.com", "an encoded tab stays a path");
        // A same-scheme URL without slashes is a relative path to browsers too; only its path is sent.
        assert_eq!(next("http:evil.com"), "/evil.com");
    }
}
