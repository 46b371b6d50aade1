//! The async REST and OAuth client. One `Client` per server; clone it freely
//! (it shares one connection pool).

use std::time::Duration;

use base64::Engine as _;
use futures_util::Stream as FuturesStream;
use rand::RngCore as _;
use reqwest::{header, Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, Result};
use crate::eventsub::{CreateSubscription, EventSubSubscription, SubscriptionList};
use crate::types::*;

/// A client of one AeThex server, optionally holding a bearer token.
///
/// ```no_run
/// # async fn demo() -> aethex_sdk::Result<()> {
/// use aethex_sdk::Client;
/// let client = Client::new("http://127.0.0.1:8080")?.with_token("my-token");
/// let channel = client.channel("somestreamer").await?;
/// println!("{} is live: {}", channel.display_name, channel.is_live);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<String>,
}

/// How a confidential or public client identifies itself at `/oauth/token`.
#[derive(Clone, Debug)]
pub struct ClientAuth {
    /// The app's client id.
    pub client_id: String,
    /// The app's secret; `None` for public clients (PKCE or device flow only).
    pub client_secret: Option<String>,
}

/// A PKCE verifier and its S256 challenge (RFC 7636).
#[derive(Clone, Debug)]
pub struct Pkce {
    /// Kept by the client, sent with the code exchange.
    pub verifier: String,
    /// Sent on `/oauth/authorize` as `code_challenge` with method `S256`.
    pub challenge: String,
}

impl Pkce {
    /// A fresh random pair: 32 random bytes, base64url, then SHA-256 of that.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut bytes);
        let verifier = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let challenge = Self::challenge_for(&verifier);
        Self { verifier, challenge }
    }

    /// The S256 challenge of a verifier.
    pub fn challenge_for(verifier: &str) -> String {
        crate::pkce_s256(verifier)
    }
}

impl Client {
    /// A client of the server at `base_url` (for example `http://127.0.0.1:8080`).
    pub fn new(base_url: &str) -> Result<Self> {
        let mut base = Url::parse(base_url)?;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("aethex-sdk/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self { http, base, token: None })
    }

    /// The same client, sending `token` as its bearer token.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    fn url(&self, path: &str) -> Result<Url> {
        Ok(self.base.join(path.trim_start_matches('/'))?)
    }

    fn request(&self, method: Method, path: &str) -> Result<RequestBuilder> {
        let mut req = self.http.request(method, self.url(path)?);
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        Ok(req)
    }

    async fn send<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T> {
        let resp = check(req.send().await?).await?;
        Ok(resp.json().await?)
    }

    async fn one<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T> {
        let env: Envelope<T> = self.send(req).await?;
        env.data
            .into_iter()
            .next()
            .ok_or_else(|| Error::Server { status: 200, message: "the server answered an empty data array".into() })
    }

    /// A call whose success has no body (204).
    async fn empty(&self, req: RequestBuilder) -> Result<()> {
        check(req.send().await?).await?;
        Ok(())
    }

    /// Any API call, raw: for tools (`aethex api`) that pass paths through.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<serde_json::Value>,
    ) -> Result<serde_json::Value> {
        let mut req = self.request(method, path)?.query(query);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = check(req.send().await?).await?;
        if resp.status() == StatusCode::NO_CONTENT {
            return Ok(serde_json::Value::Null);
        }
        Ok(resp.json().await?)
    }

    /// One page of any list endpoint.
    pub async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        after: Option<&str>,
        first: u32,
    ) -> Result<Envelope<T>> {
        let first = first.to_string();
        let mut req = self.request(Method::GET, path)?.query(query).query(&[("first", first.as_str())]);
        if let Some(after) = after {
            req = req.query(&[("after", after)]);
        }
        self.send(req).await
    }

    /// Every item of a list endpoint, fetching pages of 100 as the stream is read.
    pub fn paginate<T: DeserializeOwned + Send + 'static>(
        &self,
        path: String,
        query: Vec<(String, String)>,
    ) -> impl FuturesStream<Item = Result<T>> + Send + 'static {
        let client = self.clone();
        async_stream::try_stream! {
            let mut after: Option<String> = None;
            loop {
                let q: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let page: Envelope<T> = client.page(&path, &q, after.as_deref(), 100).await?;
                for item in page.data {
                    yield item;
                }
                match page.pagination.and_then(|p| p.cursor) {
                    Some(cursor) => after = Some(cursor),
                    None => break,
                }
            }
        }
    }

    // ---- channels -------------------------------------------------------

    /// A channel by login.
    pub async fn channel(&self, login: &str) -> Result<Channel> {
        self.one(self.request(Method::GET, &format!("api/channels/{login}"))?).await
    }

    /// Change a channel's title, category, tags, language or description
    /// (owner, scope `channel:manage`).
    pub async fn update_channel(&self, login: &str, update: &ChannelUpdate) -> Result<Channel> {
        self.one(self.request(Method::PATCH, &format!("api/channels/{login}"))?.json(update)).await
    }

    /// The channel's stream key and ingest URL (owner, scope `stream:key`).
    pub async fn stream_key(&self, login: &str) -> Result<StreamKey> {
        self.one(self.request(Method::GET, &format!("api/channels/{login}/stream-key"))?).await
    }

    /// Replace the stream key; the old one stops working at once.
    pub async fn reset_stream_key(&self, login: &str) -> Result<StreamKey> {
        self.one(self.request(Method::POST, &format!("api/channels/{login}/stream-key/reset"))?).await
    }

    /// Full-text search over channels (login, name, title, category, tags, description).
    pub fn search_channels(&self, query: &str) -> impl FuturesStream<Item = Result<Channel>> + Send + 'static {
        self.paginate("api/search/channels".into(), vec![("query".into(), query.into())])
    }

    // ---- streams --------------------------------------------------------

    /// Stream sessions, newest first; `live_only` keeps the running ones,
    /// `category` filters by category.
    pub fn streams(
        &self,
        live_only: bool,
        category: Option<&str>,
    ) -> impl FuturesStream<Item = Result<Stream>> + Send + 'static {
        self.streams_in(live_only, category, None)
    }

    /// [`Client::streams`], also filtered by the stream's `language` (`de`, `pt-BR`).
    pub fn streams_in(
        &self,
        live_only: bool,
        category: Option<&str>,
        language: Option<&str>,
    ) -> impl FuturesStream<Item = Result<Stream>> + Send + 'static {
        let mut query = vec![("live".to_string(), live_only.to_string())];
        if let Some(c) = category {
            query.push(("category".into(), c.into()));
        }
        if let Some(l) = language {
            query.push(("language".into(), l.into()));
        }
        self.paginate("api/streams".into(), query)
    }

    /// The running stream of `login`, if any (the live list has no login
    /// filter, so this scans it; bounded at 1,000 live streams).
    pub async fn live_stream(&self, login: &str) -> Result<Option<Stream>> {
        use futures_util::StreamExt as _;
        let mut live = std::pin::pin!(self.streams(true, None).take(1000));
        while let Some(s) = live.next().await {
            let s = s?;
            if s.broadcaster_login == login {
                return Ok(Some(s));
            }
        }
        Ok(None)
    }

    /// One stream session by id.
    pub async fn stream(&self, id: &str) -> Result<Stream> {
        self.one(self.request(Method::GET, &format!("api/streams/{id}"))?).await
    }

    // ---- users, follows, subscriptions, donations ------------------------

    /// The user the token belongs to.
    pub async fn me(&self) -> Result<User> {
        self.one(self.request(Method::GET, "api/users/me")?).await
    }

    /// Follow a channel (scope `user:edit:follows`); following twice is harmless.
    pub async fn follow(&self, login: &str) -> Result<FollowedChannel> {
        self.one(self.request(Method::PUT, &format!("api/users/me/follows/{login}"))?).await
    }

    /// Stop following a channel.
    pub async fn unfollow(&self, login: &str) -> Result<()> {
        check(self.request(Method::DELETE, &format!("api/users/me/follows/{login}"))?.send().await?).await?;
        Ok(())
    }

    /// A channel's followers, newest first.
    pub fn followers(&self, login: &str) -> impl FuturesStream<Item = Result<Follower>> + Send + 'static {
        self.paginate(format!("api/channels/{login}/followers"), vec![])
    }

    /// When `user` started following `login`, if they do (scans the
    /// follower list newest first, bounded at 10,000 followers).
    pub async fn follower(&self, login: &str, user: &str) -> Result<Option<Follower>> {
        use futures_util::StreamExt as _;
        let mut all = std::pin::pin!(self.followers(login).take(10_000));
        while let Some(f) = all.next().await {
            let f = f?;
            if f.user_login.eq_ignore_ascii_case(user) {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// Say `text` in `login`'s chat as the token's user (scope `chat:edit`).
    pub async fn send_chat(&self, login: &str, text: &str) -> Result<ChatMessage> {
        self.one(
            self.request(Method::POST, &format!("api/chat/{login}/messages"))?.json(&serde_json::json!({"text": text})),
        )
        .await
    }

    /// Who is in `login`'s chat room now (public).
    pub async fn chatters(&self, login: &str) -> Result<Chatters> {
        self.one(self.request(Method::GET, &format!("api/chat/{login}/chatters"))?).await
    }

    /// Ban `user` from `login`'s chat (`duration` none) or time them out for
    /// `duration` seconds (scope `moderator:manage`, as the channel's owner or a moderator).
    pub async fn ban(&self, login: &str, user: &str, duration: Option<i64>, reason: &str) -> Result<()> {
        let req = BanRequest {
            broadcaster_login: login.to_string(),
            user_login: user.trim_start_matches('@').to_lowercase(),
            duration,
            reason: reason.to_string(),
        };
        self.empty(self.request(Method::POST, "api/moderation/bans")?.json(&req)).await
    }

    /// Lift a ban or timeout (scope `moderator:manage`).
    pub async fn unban(&self, login: &str, user: &str) -> Result<()> {
        let user = user.trim_start_matches('@').to_lowercase();
        let q = [("broadcaster_login", login), ("user_login", user.as_str())];
        self.empty(self.request(Method::DELETE, "api/moderation/bans")?.query(&q)).await
    }

    /// Delete one message from `login`'s chat (scope `moderator:manage`).
    pub async fn delete_chat_message(&self, login: &str, message_id: &str) -> Result<()> {
        let q = [("broadcaster_login", login), ("message_id", message_id)];
        self.empty(self.request(Method::DELETE, "api/moderation/chat")?.query(&q)).await
    }

    /// Clear `login`'s whole chat (scope `moderator:manage`).
    pub async fn clear_chat(&self, login: &str) -> Result<()> {
        self.empty(self.request(Method::DELETE, "api/moderation/chat")?.query(&[("broadcaster_login", login)])).await
    }

    /// The last 100 messages of `login`'s chat, oldest first (public).
    pub async fn chat_history(&self, login: &str) -> Result<Vec<ChatMessage>> {
        let env: Envelope<ChatMessage> =
            self.send(self.request(Method::GET, &format!("api/chat/{login}/messages"))?).await?;
        Ok(env.data)
    }

    /// `login`'s AutoMod levels and report threshold (scope `moderator:manage:automod`).
    pub async fn automod_settings(&self, login: &str) -> Result<AutomodSettings> {
        self.one(self.request(Method::GET, "api/moderation/automod/settings")?.query(&[("broadcaster_login", login)]))
            .await
    }

    /// Set `login`'s AutoMod levels and report threshold (scope `moderator:manage:automod`).
    pub async fn set_automod_settings(&self, login: &str, s: &AutomodSettings) -> Result<AutomodSettings> {
        let req = self.request(Method::PUT, "api/moderation/automod/settings")?.query(&[("broadcaster_login", login)]);
        self.one(req.json(s)).await
    }

    /// Messages AutoMod holds in `login`'s chat (scope `moderator:manage:automod`).
    pub async fn held_messages(&self, login: &str) -> Result<Vec<HeldMessage>> {
        let req = self.request(Method::GET, "api/moderation/automod/messages")?.query(&[("broadcaster_login", login)]);
        let env: Envelope<HeldMessage> = self.send(req).await?;
        Ok(env.data)
    }

    /// Allow or deny a held message as `moderator_id`, the token's user
    /// (scope `moderator:manage:automod`).
    pub async fn manage_held_message(&self, moderator_id: &str, msg_id: &str, action: AutomodAction) -> Result<()> {
        let req = ManageHeldMessage { user_id: moderator_id.to_string(), msg_id: msg_id.to_string(), action };
        self.empty(self.request(Method::POST, "api/moderation/automod/message")?.json(&req)).await
    }

    /// Report a message of `login`'s recent chat (scope `chat:read`).
    pub async fn report_message(&self, login: &str, message_id: &str, reason: &str) -> Result<()> {
        let req = ReportRequest {
            broadcaster_login: login.to_string(),
            message_id: message_id.to_string(),
            reason: reason.to_string(),
        };
        self.empty(self.request(Method::POST, "api/moderation/reports")?.json(&req)).await
    }

    /// `login`'s reported messages waiting for review, most reported first (scope `moderator:manage`).
    pub async fn reports(&self, login: &str) -> Result<Vec<ReportedMessage>> {
        let req = self.request(Method::GET, "api/moderation/reports")?.query(&[("broadcaster_login", login)]);
        let env: Envelope<ReportedMessage> = self.send(req).await?;
        Ok(env.data)
    }

    /// Remove a reported message for good, or dismiss its reports (scope `moderator:manage`).
    pub async fn resolve_report(&self, message_id: &str, verdict: ReportVerdict) -> Result<()> {
        let req = self.request(Method::PATCH, &format!("api/moderation/reports/{message_id}"))?;
        self.empty(req.json(&ResolveReport { verdict })).await
    }

    /// `login`'s chat modes (public).
    pub async fn chat_settings(&self, login: &str) -> Result<ChatSettings> {
        self.one(self.request(Method::GET, "api/moderation/chat-settings")?.query(&[("broadcaster_login", login)]))
            .await
    }

    /// Change some of `login`'s chat modes (scope `moderator:manage`); answers the modes now.
    pub async fn update_chat_settings(&self, login: &str, change: &ChatSettingsUpdate) -> Result<ChatSettings> {
        let req = self.request(Method::PATCH, "api/moderation/chat-settings")?.query(&[("broadcaster_login", login)]);
        self.one(req.json(change)).await
    }

    /// Subscribe the caller to a channel (scope `user:edit:subscriptions`);
    /// subscribing again extends the subscription by a month.
    pub async fn subscribe(&self, login: &str, tier: u8) -> Result<Subscription> {
        self.one(
            self.request(Method::PUT, &format!("api/users/me/subscriptions/{login}"))?.json(&SubscribeRequest { tier }),
        )
        .await
    }

    /// A channel's active subscriptions (owner, scope `channel:read:subscriptions`).
    pub fn subscriptions(&self, login: &str) -> impl FuturesStream<Item = Result<Subscription>> + Send + 'static {
        self.paginate(format!("api/channels/{login}/subscriptions"), vec![])
    }

    /// What a channel's chat is talking about this minute: bursting terms and
    /// the minute's lines by sentiment (public).
    pub async fn chat_trends(&self, login: &str) -> Result<ChatTrends> {
        self.one(self.request(Method::GET, &format!("api/chat/{login}/trends"))?).await
    }

    /// Live channels recommended to the caller (their own channels live now,
    /// discoveries, a share of small channels); anonymous with `browser`, the
    /// id an anonymous viewer's player reports. `list` says where it is shown
    /// (`home`, `discover`, `api`).
    pub async fn recommendations(
        &self,
        first: u32,
        list: &str,
        browser: Option<&str>,
        exclude_followed: bool,
    ) -> Result<RecommendationList> {
        let mut q = vec![("first", first.to_string()), ("list", list.to_string())];
        if let Some(b) = browser {
            q.push(("browser", b.to_string()));
        }
        if exclude_followed {
            q.push(("exclude_followed", "true".into()));
        }
        self.send(self.request(Method::GET, "api/recommendations")?.query(&q)).await
    }

    /// Live channels like `login` (public).
    pub async fn similar_channels(&self, login: &str, first: u32) -> Result<RecommendationList> {
        self.send(self.request(Method::GET, &format!("api/channels/{login}/similar"))?.query(&[("first", first)])).await
    }

    /// Report that the caller opened a recommendation (its `tracking`).
    pub async fn click_recommendation(&self, r: &Recommendation, browser: Option<&str>) -> Result<()> {
        let body = RecommendationClick {
            tracking: r.tracking.clone(),
            broadcaster_login: r.broadcaster_login.clone(),
            browser: browser.map(str::to_string),
        };
        self.empty(self.request(Method::POST, "api/recommendations/clicks")?.json(&body)).await
    }

    /// Whether the caller's recommendations are personalised (scope `user:read`).
    pub async fn recommendation_settings(&self) -> Result<RecommendationSettings> {
        self.send(self.request(Method::GET, "api/users/me/recommendations")?).await
    }

    /// Turn the caller's personalised recommendations on or off (scope `user:edit:settings`).
    pub async fn set_recommendation_settings(&self, personalised: bool) -> Result<RecommendationSettings> {
        let req = self.request(Method::PUT, "api/users/me/recommendations")?;
        self.send(req.json(&RecommendationSettings { personalised })).await
    }

    /// The recommender's model and experiment over `days` days (operators, scope `analytics:read`).
    pub async fn recommendation_stats(&self, days: u32) -> Result<RecommendationStats> {
        self.one(self.request(Method::GET, "api/recommendations/stats")?.query(&[("days", days)])).await
    }

    /// What the whole platform's chat is talking about this minute (public).
    pub async fn platform_trends(&self) -> Result<ChatTrends> {
        self.one(self.request(Method::GET, "api/trends")?).await
    }

    /// A broadcast's summary (owner, scope `analytics:read`): final once the
    /// stream ended, provisional while it runs.
    pub async fn stream_summary(&self, stream_id: &str) -> Result<StreamSummary> {
        self.one(self.request(Method::GET, &format!("api/analytics/streams/{stream_id}"))?).await
    }

    /// The summary of a channel's latest broadcast (owner, scope `analytics:read`).
    pub async fn latest_stream_summary(&self, login: &str) -> Result<StreamSummary> {
        self.one(self.request(Method::GET, &format!("api/channels/{login}/analytics/streams/latest"))?).await
    }

    /// A channel's numbers per UTC day from `from` to `to` (`YYYY-MM-DD`,
    /// both included; owner, scope `analytics:read`).
    pub async fn channel_analytics(&self, login: &str, from: &str, to: &str) -> Result<ChannelAnalytics> {
        let req =
            self.request(Method::GET, &format!("api/channels/{login}/analytics"))?.query(&[("from", from), ("to", to)]);
        self.one(req).await
    }

    /// Record a donation (scope `donations:write`). With the same
    /// `idempotency_key`, a retry returns the first donation instead of a second one.
    pub async fn donate(&self, donation: &DonationRequest, idempotency_key: Option<&str>) -> Result<Donation> {
        let mut req = self.request(Method::POST, "api/donations")?.json(donation);
        if let Some(key) = idempotency_key {
            req = req.header("Idempotency-Key", key);
        }
        self.one(req).await
    }

    /// A channel's donations, newest first (owner, scope `donations:read`).
    pub fn donations(&self, login: &str) -> impl FuturesStream<Item = Result<Donation>> + Send + 'static {
        self.paginate(format!("api/channels/{login}/donations"), vec![])
    }

    // ---- OAuth ----------------------------------------------------------

    async fn token_request(&self, form: &[(&str, &str)]) -> Result<TokenResponse> {
        let req = self.http.post(self.url("oauth/token")?).form(form);
        self.send(req).await
    }

    /// Start the device flow (RFC 8628): show the user `verification_uri` and
    /// `user_code`, then call [`Client::finish_device_login`].
    pub async fn start_device_login(&self, client_id: &str, scopes: &[&str]) -> Result<DeviceAuthorization> {
        let scope = scopes.join(" ");
        let req = self.http.post(self.url("oauth/device")?).form(&[("client_id", client_id), ("scope", &scope)]);
        self.send(req).await
    }

    /// Poll until the user approves (or denies, or the code expires), honouring
    /// the server's interval and `slow_down`.
    pub async fn finish_device_login(&self, client_id: &str, auth: &DeviceAuthorization) -> Result<TokenResponse> {
        let mut interval = Duration::from_secs(auth.interval.max(1) as u64);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(auth.expires_in.max(1) as u64);
        loop {
            tokio::time::sleep(interval).await;
            let form = [
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", auth.device_code.as_str()),
                ("client_id", client_id),
            ];
            match self.token_request(&form).await {
                Ok(token) => return Ok(token),
                Err(Error::OAuth { error, description }) => match error.as_str() {
                    "authorization_pending" => {}
                    "slow_down" => interval += Duration::from_secs(5),
                    "access_denied" => return Err(Error::AccessDenied),
                    "expired_token" => return Err(Error::DeviceCodeExpired),
                    _ => return Err(Error::OAuth { error, description }),
                },
                Err(e) => return Err(e),
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::DeviceCodeExpired);
            }
        }
    }

    /// Exchange an authorization code (with its PKCE verifier) for tokens.
    pub async fn exchange_code(
        &self,
        auth: &ClientAuth,
        code: &str,
        redirect_uri: &str,
        code_verifier: &str,
    ) -> Result<TokenResponse> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", code_verifier),
            ("client_id", auth.client_id.as_str()),
        ];
        if let Some(secret) = &auth.client_secret {
            form.push(("client_secret", secret));
        }
        self.token_request(&form).await
    }

    /// Trade a refresh token for a new access token and a new refresh token;
    /// the old refresh token stops working.
    pub async fn refresh(&self, auth: &ClientAuth, refresh_token: &str) -> Result<TokenResponse> {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", auth.client_id.as_str()),
        ];
        if let Some(secret) = &auth.client_secret {
            form.push(("client_secret", secret));
        }
        self.token_request(&form).await
    }

    /// An app token (no user) through the client credentials grant.
    pub async fn client_credentials(
        &self,
        client_id: &str,
        client_secret: &str,
        scopes: &[&str],
    ) -> Result<TokenResponse> {
        let scope = scopes.join(" ");
        self.token_request(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", client_secret),
            ("scope", &scope),
        ])
        .await
    }

    /// Revoke an access or refresh token (RFC 7009).
    pub async fn revoke(&self, auth: &ClientAuth, token: &str) -> Result<()> {
        let mut form = vec![("token", token), ("client_id", auth.client_id.as_str())];
        if let Some(secret) = &auth.client_secret {
            form.push(("client_secret", secret));
        }
        check(self.http.post(self.url("oauth/revoke")?).form(&form).send().await?).await?;
        Ok(())
    }

    /// Subscribe to an event type (`POST /api/eventsub/subscriptions`). Webhook
    /// subscriptions come back `webhook_callback_verification_pending` until the
    /// callback answers its challenge.
    pub async fn create_eventsub_subscription(&self, req: &CreateSubscription) -> Result<EventSubSubscription> {
        let list: SubscriptionList =
            self.send(self.request(Method::POST, "api/eventsub/subscriptions")?.json(req)).await?;
        list.data
            .into_iter()
            .next()
            .ok_or_else(|| Error::Server { status: 202, message: "the server answered an empty data array".into() })
    }

    /// One page of this app's subscriptions for the token's user, optionally
    /// filtered by `status` or `type`.
    pub async fn eventsub_subscriptions(
        &self,
        status: Option<&str>,
        kind: Option<&str>,
        after: Option<&str>,
    ) -> Result<SubscriptionList> {
        let mut req = self.request(Method::GET, "api/eventsub/subscriptions")?;
        for (k, v) in [("status", status), ("type", kind), ("after", after)] {
            if let Some(v) = v {
                req = req.query(&[(k, v)]);
            }
        }
        self.send(req).await
    }

    /// End a subscription.
    pub async fn delete_eventsub_subscription(&self, id: &str) -> Result<()> {
        check(self.request(Method::DELETE, "api/eventsub/subscriptions")?.query(&[("id", id)]).send().await?).await?;
        Ok(())
    }

    /// The event WebSocket's URL (`ws://` or `wss://` beside the API).
    pub fn event_socket_url(&self) -> Result<Url> {
        self.ws_url("eventsub/ws")
    }

    /// The JSON chat WebSocket's URL (`/chat/ws`).
    pub fn chat_socket_url(&self) -> Result<Url> {
        self.ws_url("chat/ws")
    }

    fn ws_url(&self, path: &str) -> Result<Url> {
        let mut url = self.url(path)?;
        let scheme = if url.scheme() == "https" { "wss" } else { "ws" };
        url.set_scheme(scheme).map_err(|_| Error::Invalid { message: "base URL cannot carry a ws scheme".into() })?;
        Ok(url)
    }

    /// What the server knows of this client's token (Twitch-style `/oauth/validate`).
    pub async fn validate(&self) -> Result<TokenValidation> {
        self.send(self.request(Method::GET, "oauth/validate")?).await
    }
}

/// Map a non-2xx response to the typed error.
async fn check(resp: Response) -> Result<Response> {
    let status = resp.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        return Ok(resp);
    }
    let retry_after =
        resp.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let text = resp.text().await.unwrap_or_default();
    if let Ok(oauth) = serde_json::from_str::<OAuthError>(&text) {
        if !oauth.error.is_empty() && serde_json::from_str::<Problem>(&text).is_err() {
            return Err(Error::OAuth { error: oauth.error, description: oauth.error_description });
        }
    }
    let message = serde_json::from_str::<Problem>(&text).map(|p| p.message).unwrap_or(text);
    Err(match status {
        StatusCode::TOO_MANY_REQUESTS => {
            Error::RateLimited { retry_after: Duration::from_secs(retry_after.unwrap_or(1)) }
        }
        StatusCode::UNAUTHORIZED => Error::Unauthorized { message },
        StatusCode::FORBIDDEN => Error::Forbidden { message },
        StatusCode::NOT_FOUND => Error::NotFound { message },
        s if s.is_client_error() => Error::Invalid { message },
        s => Error::Server { status: s.as_u16(), message },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_matches_rfc7636_appendix_b() {
        // RFC 7636 Appendix B test vector.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(Pkce::challenge_for(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let p = Pkce::generate();
        assert_eq!(p.challenge, Pkce::challenge_for(&p.verifier));
        assert!(p.verifier.len() >= 43);
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let c = Client::new("http://example.test/prefix").unwrap();
        assert_eq!(c.url("api/users/me").unwrap().as_str(), "http://example.test/prefix/api/users/me");
    }
}
