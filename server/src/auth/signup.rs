//! Sign-up on the web: open, invite-only or closed by the operator's
//! setting. A new account passes the login rules (3–25 of `a-z0-9_`, not a
//! word the site's own paths use), a password of 8–256 characters that is not
//! the login (argon2id, as every password), the form's CSRF token, a
//! proof of work, and two rate limits: per client address (IPv6 by /64) and
//! for the whole server.
//!
//! The proof of work stands in for a CAPTCHA without a third party: the form
//! carries a challenge the server signed (HMAC with a key derived from the
//! sealing key, so every node accepts every node's challenges); the page's
//! script finds a number whose SHA-256 with the challenge starts with N zero
//! bits (a fraction of a second in a phone's browser at the default 18), and
//! a challenge is accepted once, within 10 minutes. A person barely notices;
//! a script making thousands of accounts pays for every one.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use hmac::{Hmac, Mac as _};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use super::pages::{cookie, safe_next_or, start_session, PageForm};
use super::throttle::address_key;
use super::AuthState;
use crate::accounts::AccountError;
use crate::config::{SignupConfig, SignupMode};
use crate::crypto::{hash_secret, random_secret};
use crate::http::html::{same_site, Forms};
use crate::i18n::Catalog;
use crate::store::now_ms;

/// The sign-up form's double-submit CSRF cookie.
const SIGNUP_COOKIE: &str = "aethex_signup";
/// How long a challenge stays good.
const CHALLENGE_TTL_MS: i64 = 10 * 60 * 1000;
/// Words the site's own paths use (`/{login}` is a channel page).
const RESERVED: &[&str] = &[
    "activate",
    "admin",
    "api",
    "chat",
    "clip",
    "clips",
    "dashboard",
    "directory",
    "embed",
    "eventsub",
    "following",
    "healthz",
    "help",
    "hls",
    "irc",
    "login",
    "logout",
    "metrics",
    "moderator",
    "oauth",
    "offline",
    "overlay",
    "search",
    "settings",
    "signup",
    "static",
    "videos",
    "www",
];

/// Whether a login is one the site keeps for itself.
pub fn is_reserved(login: &str) -> bool {
    RESERVED.contains(&login)
}

/// Proof-of-work challenges and the sign-up rate windows of this node.
pub struct SignupGate {
    key: [u8; 32],
    config: SignupConfig,
    state: Mutex<Windows>,
}

#[derive(Default)]
struct Windows {
    per_address: HashMap<IpAddr, VecDeque<Instant>>,
    global: VecDeque<Instant>,
    /// Challenges already accepted, until they would have expired anyway.
    used: HashMap<String, Instant>,
}

/// Why a proof of work was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PowError {
    /// Not a challenge this server signed (or its difficulty was changed).
    Forged,
    /// Older than ten minutes, or from the future.
    Expired,
    /// The answer's hash does not have enough zero bits.
    Wrong,
    /// This challenge was already used.
    Reused,
}

const HOUR: Duration = Duration::from_secs(3600);

impl SignupGate {
    /// A gate whose challenges are signed with `key`.
    pub fn new(key: [u8; 32], config: SignupConfig) -> Self {
        Self { key, config, state: Mutex::default() }
    }

    fn mac(&self, body: &str) -> String {
        let mut m = <Hmac<Sha256>>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!("any key length"));
        m.update(body.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&m.finalize().into_bytes()[..16])
    }

    /// A fresh challenge: `{issued ms}.{nonce}.{bits}.{mac}`.
    pub fn challenge(&self) -> String {
        self.challenge_at(now_ms())
    }

    fn challenge_at(&self, now: i64) -> String {
        let body = format!("{now}.{}.{}", random_secret("").replace(['.'], ""), self.config.pow_bits);
        let mac = self.mac(&body);
        format!("{body}.{mac}")
    }

    /// Check (and use up) an answer to one of our challenges.
    pub fn verify(&self, challenge: &str, answer: &str, now: i64) -> Result<(), PowError> {
        let (body, mac) = challenge.rsplit_once('.').ok_or(PowError::Forged)?;
        if !bool::from(self.mac(body).as_bytes().ct_eq(mac.as_bytes())) {
            return Err(PowError::Forged);
        }
        let mut parts = body.split('.');
        let issued: i64 = parts.next().and_then(|v| v.parse().ok()).ok_or(PowError::Forged)?;
        let bits: u8 = parts.nth(1).and_then(|v| v.parse().ok()).ok_or(PowError::Forged)?;
        if bits < self.config.pow_bits {
            return Err(PowError::Forged);
        }
        if issued > now + 60_000 || now - issued > CHALLENGE_TTL_MS {
            return Err(PowError::Expired);
        }
        if answer.is_empty() || answer.len() > 20 || !answer.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PowError::Wrong);
        }
        if !pow_ok(challenge, answer, bits) {
            return Err(PowError::Wrong);
        }
        let mut w = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let ttl = Duration::from_millis(CHALLENGE_TTL_MS as u64 + 60_000);
        w.used.retain(|_, at| at.elapsed() < ttl);
        if w.used.contains_key(challenge) {
            return Err(PowError::Reused);
        }
        w.used.insert(challenge.to_string(), Instant::now());
        Ok(())
    }

    /// Whether `ip` may create an account now; else how long until it may.
    pub fn allowed(&self, ip: IpAddr) -> Result<(), Duration> {
        let mut w = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let key = address_key(ip);
        prune(&mut w.global);
        if w.global.len() >= self.config.global_per_hour as usize {
            return Err(wait(&w.global));
        }
        let mine = w.per_address.entry(key).or_default();
        prune(mine);
        if mine.len() >= self.config.per_address_per_hour as usize {
            return Err(wait(mine));
        }
        Ok(())
    }

    /// Count an account created from `ip`.
    pub fn created(&self, ip: IpAddr) {
        let mut w = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        w.global.push_back(now);
        w.per_address.entry(address_key(ip)).or_default().push_back(now);
        // Forget addresses whose hour is over, so the map stays bounded.
        w.per_address.retain(|_, v| v.back().is_some_and(|t| t.elapsed() < HOUR));
    }
}

fn prune(q: &mut VecDeque<Instant>) {
    while q.front().is_some_and(|t| t.elapsed() >= HOUR) {
        q.pop_front();
    }
}

fn wait(q: &VecDeque<Instant>) -> Duration {
    q.front().map(|t| HOUR.saturating_sub(t.elapsed())).unwrap_or(HOUR).max(Duration::from_secs(1))
}

/// Whether SHA-256(`challenge` ":" `answer`) starts with `bits` zero bits.
pub fn pow_ok(challenge: &str, answer: &str, bits: u8) -> bool {
    let hash = Sha256::digest(format!("{challenge}:{answer}").as_bytes());
    let mut left = u32::from(bits);
    for byte in hash {
        if left == 0 {
            return true;
        }
        let need = left.min(8);
        if byte >> (8 - need) != 0 {
            return false;
        }
        left -= need;
    }
    left == 0
}

/// Find an answer (what the page's script does), for tests and tools.
pub fn solve(challenge: &str, bits: u8) -> String {
    (0u64..).map(|n| n.to_string()).find(|n| pow_ok(challenge, n, bits)).unwrap_or_default()
}

/// The sign-up page.
#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage<'a> {
    t: &'static Catalog,
    user: Option<&'a super::pages::WebSession>,
    next: &'a str,
    csrf: &'a str,
    challenge: &'a str,
    invite_only: bool,
    login: &'a str,
    invite: &'a str,
    /// Form-level message id.
    error: Option<String>,
    login_error: Option<String>,
    password_error: Option<String>,
    invite_error: Option<String>,
}

/// What the user typed and what was wrong with it.
#[derive(Default)]
struct Typed {
    login: String,
    invite: String,
    error: Option<String>,
    login_error: Option<String>,
    password_error: Option<String>,
    invite_error: Option<String>,
}

fn form(state: &AuthState, status: StatusCode, next: &str, typed: &Typed) -> Response {
    let t = Catalog::current();
    if state.config.signup.mode == SignupMode::Closed {
        let page = super::pages::message_page(t.get("signup-title"), t.get("signup-closed"));
        return crate::http::html::render(StatusCode::FORBIDDEN, &page, Forms::Stay);
    }
    let csrf = random_secret("");
    let challenge = state.signup.challenge();
    let msg = |id: &Option<String>| id.as_deref().map(|i| t.get(i));
    let page = SignupPage {
        t,
        user: None,
        next,
        csrf: &csrf,
        challenge: &challenge,
        invite_only: state.config.signup.mode == SignupMode::Invite,
        login: &typed.login,
        invite: &typed.invite,
        error: msg(&typed.error),
        login_error: msg(&typed.login_error),
        password_error: msg(&typed.password_error),
        invite_error: msg(&typed.invite_error),
    };
    let mut resp = crate::http::html::render(status, &page, Forms::Stay);
    let secure = if state.config.public_url.starts_with("https://") { "; Secure" } else { "" };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SIGNUP_COOKIE}={csrf}; Path=/signup; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
    )) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// `GET /signup`.
pub async fn signup_page(State(state): State<AuthState>, Query(p): Query<HashMap<String, String>>) -> Response {
    form(&state, StatusCode::OK, &safe_next_or(p.get("next"), "/"), &Typed::default())
}

/// `POST /signup`: check everything, create the account and its channel,
/// sign the browser in.
pub async fn signup_submit(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PageForm(p): PageForm,
) -> Response {
    let next = safe_next_or(p.get("next"), "/");
    let field = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    let mut typed = Typed {
        login: field("login").trim().to_lowercase().chars().take(64).collect(),
        invite: field("invite").trim().chars().take(64).collect(),
        ..Typed::default()
    };
    let again = |status, typed: &Typed| form(&state, status, &next, typed);
    if state.config.signup.mode == SignupMode::Closed {
        return again(StatusCode::FORBIDDEN, &typed);
    }
    if !same_site(&headers, &state.config.public_url) {
        typed.error = Some("form-cross-site".into());
        return again(StatusCode::FORBIDDEN, &typed);
    }
    let token_ok = match cookie(&headers, SIGNUP_COOKIE) {
        Some(c) => !c.is_empty() && bool::from(c.as_bytes().ct_eq(field("csrf").as_bytes())),
        None => false,
    };
    if !token_ok {
        typed.error = Some("form-expired".into());
        return again(StatusCode::FORBIDDEN, &typed);
    }
    // Field rules first: a person fixing a typo is not charged a proof of work again.
    let password = field("password");
    if !aethex_sdk::is_valid_login(&typed.login) {
        typed.login_error = Some("signup-login-rules".into());
    } else if is_reserved(&typed.login) {
        typed.login_error = Some("signup-login-reserved".into());
    }
    let chars = password.chars().count();
    if !(8..=256).contains(&chars) {
        typed.password_error = Some("signup-password-length".into());
    } else if password.to_lowercase() == typed.login {
        typed.password_error = Some("signup-password-is-login".into());
    } else if password != field("password2") {
        typed.password_error = Some("signup-password-mismatch".into());
    }
    let invite_only = state.config.signup.mode == SignupMode::Invite;
    if invite_only && typed.invite.is_empty() {
        typed.invite_error = Some("signup-invite-missing".into());
    }
    if typed.login_error.is_some() || typed.password_error.is_some() || typed.invite_error.is_some() {
        return again(StatusCode::UNPROCESSABLE_ENTITY, &typed);
    }
    match state.signup.verify(field("pow_challenge"), field("pow_answer"), now_ms()) {
        Ok(()) => {}
        Err(e) => {
            tracing::info!(reason = ?e, "sign-up proof of work refused");
            typed.error = Some("signup-pow-failed".into());
            return again(StatusCode::UNPROCESSABLE_ENTITY, &typed);
        }
    }
    if let Err(wait) = state.signup.allowed(peer.ip()) {
        typed.error = Some("signup-too-many".into());
        let mut resp = again(StatusCode::TOO_MANY_REQUESTS, &typed);
        resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
        return resp;
    }
    let invite_hash = hash_secret(&typed.invite);
    if invite_only {
        match claim_invite(&state, &invite_hash).await {
            Ok(true) => {}
            Ok(false) => {
                typed.invite_error = Some("signup-invite-invalid".into());
                return again(StatusCode::UNPROCESSABLE_ENTITY, &typed);
            }
            Err(e) => return super::pages::internal(e),
        }
    }
    let user_id = match crate::accounts::create_user(&state.db, &state.sealer, &typed.login, Some(password)).await {
        Ok(id) => id,
        Err(e) => {
            if invite_only {
                if let Err(e) = release_invite(&state, &invite_hash).await {
                    tracing::error!(error = %e, "could not release an invitation after a failed sign-up");
                }
            }
            return match e {
                AccountError::LoginTaken(_) => {
                    typed.login_error = Some("signup-login-taken".into());
                    again(StatusCode::CONFLICT, &typed)
                }
                AccountError::InvalidLogin(_) => {
                    typed.login_error = Some("signup-login-rules".into());
                    again(StatusCode::UNPROCESSABLE_ENTITY, &typed)
                }
                AccountError::WeakPassword => {
                    typed.password_error = Some("signup-password-length".into());
                    again(StatusCode::UNPROCESSABLE_ENTITY, &typed)
                }
                e => {
                    tracing::error!(error = %e, "sign-up failed");
                    typed.error = Some("error-internal".into());
                    again(StatusCode::INTERNAL_SERVER_ERROR, &typed)
                }
            };
        }
    };
    state.signup.created(peer.ip());
    if invite_only {
        if let Err(e) = sqlx::query("UPDATE invites SET used_by = $1 WHERE hash = $2")
            .bind(user_id)
            .bind(&invite_hash)
            .execute(&state.db.pool)
            .await
        {
            tracing::error!(error = %e, "could not note who used an invitation");
        }
    }
    tracing::info!(user = %typed.login, "account created on the web");
    // The language they signed up in is their setting (pushes use it).
    if let Err(e) = crate::accounts::set_locale(&state.db, user_id, Catalog::current().lang()).await {
        tracing::warn!(error = %e, "could not keep a new user's language");
    }
    let mut resp = Redirect::to(&next).into_response();
    match start_session(&state, user_id).await {
        Ok(cookie) => {
            resp.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        Err(e) => return super::pages::internal(e),
    }
    resp.headers_mut().append(header::SET_COOKIE, HeaderValue::from_static("aethex_signup=; Path=/signup; Max-Age=0"));
    resp
}

/// Take an unused, unexpired invitation; `false` if there is none by that code.
async fn claim_invite(state: &AuthState, hash: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let r = sqlx::query("UPDATE invites SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND expires_at > $1")
        .bind(now)
        .bind(hash)
        .execute(&state.db.pool)
        .await?;
    Ok(r.rows_affected() == 1)
}

async fn release_invite(state: &AuthState, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE invites SET used_at = NULL WHERE hash = $1 AND used_by IS NULL")
        .bind(hash)
        .execute(&state.db.pool)
        .await
        .map(|_| ())
}

/// A new invitation code, good for `days` (`aethex-server invite create`).
pub async fn create_invite(db: &crate::store::Db, days: u32) -> Result<String, sqlx::Error> {
    let code = random_secret("inv_");
    let now = now_ms();
    sqlx::query("INSERT INTO invites (hash, created_at, expires_at) VALUES ($1, $2, $3)")
        .bind(hash_secret(&code))
        .bind(now)
        .bind(now + i64::from(days.max(1)) * 86_400_000)
        .execute(&db.pool)
        .await?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(bits: u8) -> SignupGate {
        SignupGate::new(
            [7; 32],
            SignupConfig { pow_bits: bits, per_address_per_hour: 2, global_per_hour: 3, ..Default::default() },
        )
    }

    #[test]
    fn a_solved_challenge_is_accepted_once() {
        let g = gate(8);
        let c = g.challenge();
        let a = solve(&c, 8);
        assert!(pow_ok(&c, &a, 8));
        assert_eq!(g.verify(&c, &a, now_ms()), Ok(()));
        assert_eq!(g.verify(&c, &a, now_ms()), Err(PowError::Reused));
    }

    #[test]
    fn forged_expired_and_wrong_answers_are_refused() {
        let g = gate(8);
        let c = g.challenge_at(now_ms() - CHALLENGE_TTL_MS - 1);
        assert_eq!(g.verify(&c, &solve(&c, 8), now_ms()), Err(PowError::Expired));
        let c = g.challenge();
        // Another server's key, a changed difficulty, garbage.
        let other = SignupGate::new([8; 32], g.config).challenge();
        assert_eq!(g.verify(&other, &solve(&other, 8), now_ms()), Err(PowError::Forged));
        let easier = c.replacen(".8.", ".1.", 1);
        assert_eq!(g.verify(&easier, &solve(&easier, 1), now_ms()), Err(PowError::Forged));
        for junk in ["", ".", "a.b.c.d", "1.2.3", "x.y.8.z"] {
            assert_eq!(g.verify(junk, "1", now_ms()), Err(PowError::Forged), "{junk}");
        }
        let wrong = (0u64..).map(|n| n.to_string()).find(|n| !pow_ok(&c, n, 8)).unwrap_or_default();
        assert_eq!(g.verify(&c, &wrong, now_ms()), Err(PowError::Wrong));
        for bad in ["", "-1", "1e3", "99999999999999999999999"] {
            assert_eq!(g.verify(&c, bad, now_ms()), Err(PowError::Wrong), "{bad}");
        }
    }

    #[test]
    fn zero_bits_are_counted_exactly() {
        // SHA-256("abc:0") and friends: count against a direct computation.
        for n in 0..200 {
            let h = Sha256::digest(format!("abc:{n}").as_bytes());
            let zeros = h.iter().map(|b| b.leading_zeros()).scan(true, |go, z| {
                let take = if *go { z } else { 0 };
                *go = *go && z == 8;
                Some(take)
            });
            let zeros: u32 = zeros.sum();
            for bits in 0..=12u8 {
                assert_eq!(pow_ok("abc", &n.to_string(), bits), u32::from(bits) <= zeros, "{n} {bits}");
            }
        }
    }

    #[test]
    fn sign_ups_are_limited_per_address_and_in_all() {
        let g = gate(8);
        let a: IpAddr = "192.0.2.1".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let b: IpAddr = "2001:db8::1".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let b2: IpAddr = "2001:db8::2".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        assert!(g.allowed(a).is_ok());
        g.created(a);
        g.created(a);
        assert!(g.allowed(a).is_err(), "two per address per hour");
        assert!(g.allowed(b).is_ok());
        g.created(b);
        assert!(g.allowed(b2).is_err(), "three in all per hour");
    }

    #[test]
    fn the_sites_own_words_are_reserved() {
        for w in ["api", "static", "signup", "login", "settings", "dashboard", "embed", "hls"] {
            assert!(is_reserved(w), "{w}");
        }
        assert!(!is_reserved("alice"));
    }
}
