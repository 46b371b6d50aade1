//! The live [`Services`] behind the variables: `$(urlfetch)` over the web
//! through the SDK's SSRF guard, `$(uptime)` and `$(followage)` from the
//! AeThex API, `$(command)` from a snapshot of the registry.
//!
//! urlfetch is bounded the way Nightbot's is: 5 s, no redirects, at most
//! 64 KiB read (the response is cut to 400 characters later anyway), public
//! http(s) addresses only, and Nightbot's request headers (`Nightbot-User`,
//! `Nightbot-Channel`, `Nightbot-Response-Url` when the HTTP API runs) so
//! endpoints written for Nightbot work unchanged.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use aethex_sdk::guard::{GuardedResolver, Policy};
use rand::Rng as _;

use crate::vars::{human_span, Invocation, Services};

/// Most bytes of a urlfetch body read.
pub const URLFETCH_MAX_BYTES: usize = 64 * 1024;
/// How long urlfetch waits.
pub const URLFETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// The services of a running bot.
#[derive(Clone)]
pub struct Live {
    api: Option<aethex_sdk::Client>,
    http: reqwest::Client,
    policy: Policy,
    responses: Arc<RwLock<HashMap<String, String>>>,
    response_urls: Option<crate::respond::Responses>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").field("policy", &self.policy).finish_non_exhaustive()
    }
}

impl Live {
    /// Services using `api` for uptime and followage (none: those variables
    /// say they are unavailable). `allow_private` lets urlfetch reach private
    /// addresses: only for a bot whose moderators are trusted, and for tests.
    pub fn new(api: Option<aethex_sdk::Client>, allow_private: bool) -> Self {
        let policy = Policy { allow_private, allow_http: true };
        let http = reqwest::Client::builder()
            .timeout(URLFETCH_TIMEOUT)
            .connect_timeout(URLFETCH_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(GuardedResolver::new(policy))
            .user_agent(concat!("aethex-chatbot/", env!("CARGO_PKG_VERSION"), " (Nightbot-compatible urlfetch)"))
            .build()
            .unwrap_or_default();
        Self { api, http, policy, responses: Arc::default(), response_urls: None }
    }

    /// Send each fetched service a `Nightbot-Response-Url` from `urls`.
    pub fn with_response_urls(mut self, urls: crate::respond::Responses) -> Self {
        self.response_urls = Some(urls);
        self
    }

    /// Replace the snapshot `$(command name)` reads.
    pub fn set_responses(&self, r: HashMap<String, String>) {
        *self.responses.write().unwrap_or_else(|e| e.into_inner()) = r;
    }

    async fn fetch(&self, url: &str, inv: &Invocation) -> Result<String, String> {
        let url = self.policy.check_url(url).map_err(|e| e.to_string())?;
        let user = serde_urlencoded::to_string([
            ("name", inv.login.as_str()),
            ("displayName", inv.user.as_str()),
            ("provider", "aethex"),
            ("providerId", inv.login.as_str()),
            ("userLevel", inv.level.name()),
        ])
        .unwrap_or_default();
        let channel = serde_urlencoded::to_string([
            ("name", inv.channel.as_str()),
            ("displayName", inv.channel.as_str()),
            ("provider", "aethex"),
            ("providerId", inv.channel.as_str()),
        ])
        .unwrap_or_default();
        let mut req = self.http.get(url).header("Nightbot-User", user).header("Nightbot-Channel", channel);
        if let Some(urls) = &self.response_urls {
            req = req.header("Nightbot-Response-Url", urls.issue(crate::now_ms()));
        }
        let mut resp = req.send().await.map_err(describe)?;
        if resp.status().is_redirection() {
            return Err("the URL redirects; give the final address".into());
        }
        if !resp.status().is_success() {
            return Err(format!("the server answered {}", resp.status().as_u16()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(describe)? {
            let room = URLFETCH_MAX_BYTES - body.len();
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() >= URLFETCH_MAX_BYTES {
                break;
            }
        }
        Ok(String::from_utf8_lossy(&body).trim().to_string())
    }
}

/// A short reason for a failed fetch, naming the guard when it refused.
fn describe(e: reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out".into();
    }
    let mut src: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = src {
        if let Some(g) = s.downcast_ref::<aethex_sdk::guard::GuardError>() {
            return g.to_string();
        }
        src = s.source();
    }
    "could not fetch the URL".into()
}

impl Services for Live {
    async fn urlfetch(&self, url: &str, inv: &Invocation) -> Result<String, String> {
        self.fetch(url, inv).await
    }

    async fn uptime(&self, channel: &str) -> Result<String, String> {
        let api = self.api.as_ref().ok_or("no AeThex server configured")?;
        match api.live_stream(channel).await.map_err(|e| e.to_string())? {
            Some(s) => {
                let started = aethex_sdk::time::parse_rfc3339(&s.started_at).ok_or("bad start time")?;
                Ok(human_span(crate::now_ms() - started))
            }
            None => Ok(format!("{channel} is not live")),
        }
    }

    async fn followage(&self, user: &str, channel: &str) -> Result<String, String> {
        let api = self.api.as_ref().ok_or("no AeThex server configured")?;
        match api.follower(channel, user).await.map_err(|e| e.to_string())? {
            Some(f) => {
                let since = aethex_sdk::time::parse_rfc3339(&f.followed_at).ok_or("bad follow time")?;
                Ok(human_span(crate::now_ms() - since))
            }
            None => Ok(format!("{user} does not follow {channel}")),
        }
    }

    fn command_response(&self, name: &str) -> Option<String> {
        self.responses.read().unwrap_or_else(|e| e.into_inner()).get(name).cloned()
    }

    fn random(&self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            rand::thread_rng().gen_range(0..n)
        }
    }
}
