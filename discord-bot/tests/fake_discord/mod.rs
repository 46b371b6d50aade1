//! A local fake of the parts of Discord the bot uses, written from Discord's
//! public API docs (API v10): the HTTP routes for messages, interaction
//! responses and follow-ups, guild members and roles, and command
//! registration; and the gateway: HELLO (op 10), IDENTIFY (op 2), READY and
//! GUILD_CREATE dispatches (op 0), heartbeats (op 1 → op 11), and dispatches
//! the test injects (INTERACTION_CREATE, MESSAGE_CREATE). Every HTTP request
//! is recorded for the test to assert on.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{Message as Ws, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};

pub(crate) const APP_ID: u64 = 900_000_000_000_000_001;
/// The id the fake gives the first registered command (the next ones count up).
pub(crate) const COMMAND_IDS: u64 = 910_000_000_000_000_000;
pub(crate) const BOT_ID: u64 = 900_000_000_000_000_002;
pub(crate) const GUILD: u64 = 800_000_000_000_000_001;
pub(crate) const ANNOUNCE_CHANNEL: u64 = 800_000_000_000_000_010;
pub(crate) const GENERAL_CHANNEL: u64 = 800_000_000_000_000_011;
/// A channel that was deleted in Discord after `/notify add`.
pub(crate) const DELETED_CHANNEL: u64 = 800_000_000_000_000_012;
/// A channel where the bot lacks Send Messages.
pub(crate) const FORBIDDEN_CHANNEL: u64 = 800_000_000_000_000_013;
/// The DM channel the fake opens with any user.
pub(crate) const DM_CHANNEL: u64 = 800_000_000_000_000_050;
pub(crate) const SUB_ROLE: u64 = 800_000_000_000_000_100;
pub(crate) const ADMIN: u64 = 700_000_000_000_000_001;
pub(crate) const FAN: u64 = 700_000_000_000_000_002;
const TS: &str = "2026-11-24T12:00:00.000000+00:00";

/// The creator-token scopes the bot needs.
pub(crate) const CREATOR_SCOPES: &str =
    "user:read channel:read:subscriptions webhooks:manage chat:read chat:edit analytics:read";

/// A bot configuration aimed at this fake and the AeThex server at `server`.
pub(crate) fn bot_config(
    fake: &FakeDiscord,
    server: &str,
    token: String,
    db: std::path::PathBuf,
) -> aethex_discord::app::Config {
    aethex_discord::app::Config {
        discord_token: "Bot-token-for-the-fake".into(),
        discord_api: Some(fake.base.clone()),
        server: server.into(),
        public_url: None,
        token,
        client_id: aethex_sdk::CLI_CLIENT_ID.into(),
        db,
        role_sync_s: 3600,
    }
}

/// The options of `/notify add <login> <discord channel>` (or another subcommand taking the same two).
pub(crate) fn login_and_channel(sub: &str, login: &str, channel: u64) -> Value {
    json!([{"name": sub, "type": 1, "options": [
        {"name": "channel", "type": 3, "value": login},
        {"name": "discord-channel", "type": 7, "value": channel.to_string()}]}])
}

/// Publish a test pattern (with a tone) to `target` with ffmpeg for `secs`, as a streamer's encoder would.
pub(crate) fn publish(target: &str, secs: u32) -> tokio::process::Child {
    tokio::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30"])
        .args([
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
        ])
        .args(["-g", "30", "-c:a", "aac", "-t", &secs.to_string(), "-f", "flv", target])
        .kill_on_drop(true)
        .spawn()
        .expect("ffmpeg (scripts/test installs it)")
}

/// One recorded HTTP request.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) body: Value,
    /// The status the fake answered.
    pub(crate) status: u16,
    /// The id of the message the fake created or edited, if any.
    pub(crate) reply_id: Option<String>,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    identifies: Vec<Value>,
    gateway: Option<mpsc::UnboundedSender<Value>>,
    next_id: u64,
    /// Scripted failures: (method, path fragment, status), used once each, in order.
    failures: Vec<(String, String, u16)>,
}

/// The fake.
#[derive(Clone)]
pub(crate) struct FakeDiscord {
    pub(crate) base: String,
    inner: Arc<Mutex<Inner>>,
    changed: Arc<Notify>,
}

pub(crate) fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({"id": id.to_string(), "username": name, "discriminator": "0", "global_name": name, "avatar": null, "bot": bot})
}

pub(crate) fn member(id: u64, name: &str, roles: &[u64], permissions: &str) -> Value {
    json!({
        "user": user(id, name, false), "nick": null, "avatar": null, "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "joined_at": TS, "premium_since": null, "deaf": false, "mute": false, "flags": 0, "pending": false,
        "permissions": permissions, "communication_disabled_until": null
    })
}

fn role(id: u64, name: &str, position: u16) -> Value {
    json!({"id": id.to_string(), "name": name, "color": 0, "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
           "hoist": false, "icon": null, "unicode_emoji": null, "position": position, "permissions": "0", "managed": false,
           "mentionable": false, "flags": 0})
}

fn channel(id: u64, name: &str) -> Value {
    json!({"id": id.to_string(), "type": 0, "guild_id": GUILD.to_string(), "name": name, "position": 0,
           "permission_overwrites": [], "topic": null, "nsfw": false, "last_message_id": null, "parent_id": null,
           "rate_limit_per_user": 0})
}

fn guild() -> Value {
    json!({
        "id": GUILD.to_string(), "name": "Fans of Streamer", "icon": null, "icon_hash": null, "splash": null,
        "discovery_splash": null, "owner_id": ADMIN.to_string(), "afk_channel_id": null, "afk_timeout": 300,
        "widget_enabled": false, "widget_channel_id": null, "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0, "roles": [role(GUILD, "@everyone", 0), role(SUB_ROLE, "Subscriber", 1)],
        "emojis": [], "features": [], "mfa_level": 0, "application_id": null, "system_channel_id": null,
        "system_channel_flags": 0, "rules_channel_id": null, "max_presences": null, "max_members": 500000,
        "vanity_url_code": null, "description": null, "banner": null, "premium_tier": 0,
        "premium_subscription_count": 0, "preferred_locale": "en-US", "public_updates_channel_id": null,
        "max_video_channel_users": 25, "max_stage_video_channel_users": 50, "nsfw_level": 0, "stickers": [],
        "premium_progress_bar_enabled": false, "safety_alerts_channel_id": null,
        "joined_at": TS, "large": false, "unavailable": false, "member_count": 3, "voice_states": [],
        "members": [member(ADMIN, "admin", &[], "8"), member(FAN, "fan", &[], "0")],
        "channels": [channel(ANNOUNCE_CHANNEL, "announcements"), channel(GENERAL_CHANNEL, "general")],
        "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": []
    })
}

impl FakeDiscord {
    /// Start on a loopback port.
    pub(crate) async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let fake = Self { base, inner: Arc::default(), changed: Arc::default() };
        let app = axum::Router::new()
            .route("/gateway-ws", axum::routing::get(gateway))
            .fallback(http)
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        fake
    }

    fn record(&self, method: &str, path: &str, body: Value, status: u16) {
        self.inner.lock().unwrap().calls.push(Call {
            method: method.into(),
            path: path.into(),
            body,
            status,
            reply_id: None,
        });
        self.changed.notify_waiters();
    }

    /// Answer the next `method` request whose path contains `path` with `status`
    /// (429 with Discord's rate-limit body; 403 Missing Permissions; 404 Unknown Channel).
    pub(crate) fn fail_next(&self, method: &str, path: &str, status: u16) {
        self.inner.lock().unwrap().failures.push((method.into(), path.into(), status));
    }

    fn scripted_failure(&self, method: &str, path: &str) -> Option<u16> {
        let mut i = self.inner.lock().unwrap();
        let pos = i.failures.iter().position(|(m, p, _)| m == method && path.contains(p.as_str()))?;
        Some(i.failures.remove(pos).2)
    }

    fn id(&self) -> u64 {
        let mut i = self.inner.lock().unwrap();
        i.next_id += 1;
        600_000_000_000_000_000 + i.next_id
    }

    /// Every recorded call so far.
    pub(crate) fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Calls matching `method` and a path containing `path`.
    pub(crate) fn matching(&self, method: &str, path: &str) -> Vec<Call> {
        self.calls().into_iter().filter(|c| c.method == method && c.path.contains(path)).collect()
    }

    /// Wait (10 s at most) until `n` calls match.
    pub(crate) async fn wait_for(&self, method: &str, path: &str, n: usize) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            let notified = self.changed.notified();
            let found = self.matching(method, path);
            if found.len() >= n {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "waited for {n} × {method} {path}; calls so far: {:#?}",
                    self.calls().iter().map(|c| format!("{} {}", c.method, c.path)).collect::<Vec<_>>()
                );
            }
        }
    }

    /// The id the fake gave the message `call` created.
    pub(crate) fn reply_id(&self, call: &Call) -> Option<String> {
        call.reply_id.clone()
    }

    /// IDENTIFY payloads received.
    pub(crate) fn identifies(&self) -> Vec<Value> {
        self.inner.lock().unwrap().identifies.clone()
    }

    /// Send a dispatch (op 0) with type `t` to the connected bot.
    pub(crate) fn dispatch(&self, t: &str, d: Value) {
        let tx = self.inner.lock().unwrap().gateway.clone().expect("the bot is connected to the gateway");
        tx.send(json!({"op": 0, "t": t, "d": d})).unwrap();
    }

    /// Wait until a gateway session is up (READY sent).
    pub(crate) async fn connected(&self) {
        for _ in 0..150 {
            if self.inner.lock().unwrap().gateway.is_some() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "the bot never identified; calls: {:?}",
            self.calls().iter().map(|c| format!("{} {}", c.method, c.path)).collect::<Vec<_>>()
        );
    }

    /// Forget the current gateway session and close its connection (after
    /// the bot stopped, or to make a running bot reconnect).
    pub(crate) fn disconnect(&self) {
        self.inner.lock().unwrap().gateway = None;
    }

    /// Wait until the bot has sent more than `n` IDENTIFYs (a new gateway session).
    pub(crate) async fn identified_more_than(&self, n: usize) {
        for _ in 0..300 {
            if self.inner.lock().unwrap().identifies.len() > n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the bot never identified again");
    }

    /// An APPLICATION_COMMAND interaction from `member` in `channel`.
    pub(crate) fn interaction(&self, name: &str, options: Value, member: Value, channel: u64) -> Value {
        json!({
            "id": self.id().to_string(), "application_id": APP_ID.to_string(), "type": 2,
            "data": {"id": self.id().to_string(), "name": name, "type": 1, "options": options},
            "guild_id": GUILD.to_string(), "channel_id": channel.to_string(), "member": member,
            "token": format!("itoken-{}", self.id()), "version": 1, "app_permissions": "8", "locale": "en-US",
            "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": GUILD.to_string()},
            "context": 0, "attachment_size_limit": 10485760
        })
    }

    /// A MESSAGE_CREATE payload.
    pub(crate) fn message(&self, channel: u64, author: u64, name: &str, content: &str) -> Value {
        json!({
            "id": self.id().to_string(), "channel_id": channel.to_string(), "guild_id": GUILD.to_string(),
            "author": user(author, name, false), "member": {"roles": [], "joined_at": TS, "deaf": false, "mute": false},
            "content": content, "timestamp": TS, "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0
        })
    }

    fn message_reply(&self, channel: &str, body: &Value) -> Value {
        json!({
            "id": self.id().to_string(), "channel_id": channel, "author": user(BOT_ID, "AeThex", true),
            "content": body["content"].as_str().unwrap_or(""), "timestamp": TS, "edited_timestamp": null, "tts": false,
            "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": body["embeds"].clone().as_array().cloned().unwrap_or_default(), "pinned": false, "type": 0,
            "nonce": body.get("nonce").cloned().unwrap_or(Value::Null)
        })
    }
}

async fn http(State(f): State<FakeDiscord>, req: Request) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let bytes = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let Some(route) = path.strip_prefix("/api/v10") else {
        return (StatusCode::NOT_FOUND, "not the API").into_response();
    };
    if let Some(status) = f.scripted_failure(&method, route) {
        f.record(&method, route, body, status);
        let (code, message) = match status {
            429 => (0, "You are being rate limited."),
            403 => (50013, "Missing Permissions"),
            _ => (10003, "Unknown Channel"),
        };
        let mut resp = (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            Json(json!({"message": message, "code": code, "retry_after": 0.5, "global": false})),
        )
            .into_response();
        if status == 429 {
            resp.headers_mut().insert("retry-after", axum::http::HeaderValue::from_static("1"));
        }
        return resp;
    }
    let (response, reply_id) = route_to(&f, &method, route, &body);
    f.record(&method, route, body, response.status().as_u16());
    if let Some(id) = reply_id {
        if let Some(last) = f.inner.lock().unwrap().calls.last_mut() {
            last.reply_id = Some(id);
        }
    }
    response
}

fn route_to(f: &FakeDiscord, method: &str, route: &str, body: &Value) -> (Response, Option<String>) {
    let body = body.clone();
    let made = |v: Value| {
        let id = v["id"].as_str().map(str::to_string);
        (Json(v).into_response(), id)
    };
    let parts: Vec<&str> = route.trim_matches('/').split('/').collect();
    let r = match (method, parts.as_slice()) {
        ("GET", ["gateway"] | ["gateway", "bot"]) => {
            let url = format!("{}/gateway-ws", f.base.replace("http://", "ws://"));
            Json(json!({"url": url, "shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})).into_response()
        }
        // A bulk overwrite answers with the application command objects, ids given in order.
        ("PUT", ["applications", _, "commands"]) => {
            let registered: Vec<Value> = body
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, c)| {
                    let mut c = c.clone();
                    c["id"] = json!((COMMAND_IDS + i as u64).to_string());
                    c["application_id"] = json!(APP_ID.to_string());
                    c["version"] = json!("1");
                    c["type"] = json!(1);
                    c["default_member_permissions"] =
                        c.get("default_member_permissions").cloned().unwrap_or(Value::Null);
                    c
                })
                .collect();
            Json(Value::Array(registered)).into_response()
        }
        ("POST", ["users", "@me", "channels"]) => {
            let to: u64 = body["recipient_id"].as_str().and_then(|r| r.parse().ok()).unwrap_or(0);
            Json(json!({"id": DM_CHANNEL.to_string(), "type": 1, "last_message_id": null, "flags": 0,
                        "recipients": [user(to, "admin", false)]}))
            .into_response()
        }
        ("POST", ["channels", c, "messages"]) => return made(f.message_reply(c, &body)),
        ("PATCH", ["channels", c, "messages", _]) => return made(f.message_reply(c, &body)),
        ("DELETE", ["channels", _, "messages", _]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["webhooks", _, _]) => Json(f.message_reply(&GENERAL_CHANNEL.to_string(), &body)).into_response(),
        ("GET", ["guilds", _, "members", u]) => {
            let id: u64 = u.parse().unwrap_or(0);
            // The member holds the role while it was given more often than taken.
            let (given, taken) = (
                f.matching("PUT", &format!("/members/{id}/roles/")).len(),
                f.matching("DELETE", &format!("/members/{id}/roles/")).len(),
            );
            let roles: Vec<u64> = if given > taken { vec![SUB_ROLE] } else { vec![] };
            Json(member(id, "fan", &roles, "0")).into_response()
        }
        ("GET", ["guilds", _, "roles"]) => {
            Json(json!([role(GUILD, "@everyone", 0), role(SUB_ROLE, "Subscriber", 1)])).into_response()
        }
        ("PUT" | "DELETE", ["guilds", _, "members", _, "roles", _]) => StatusCode::NO_CONTENT.into_response(),
        _ => (StatusCode::NOT_FOUND, Json(json!({"message": "404: Not Found", "code": 0}))).into_response(),
    };
    (r, None)
}

async fn gateway(State(f): State<FakeDiscord>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |s| session(f, s))
}

async fn session(f: FakeDiscord, mut ws: WebSocket) {
    let send = |v: Value| Ws::Text(v.to_string().into());
    if ws.send(send(json!({"op": 10, "d": {"heartbeat_interval": 41250}}))).await.is_err() {
        return;
    }
    // IDENTIFY first.
    let identify = loop {
        match ws.recv().await {
            Some(Ok(Ws::Text(t))) => {
                let v: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                if v["op"] == 2 {
                    break v;
                }
                if v["op"] == 6 {
                    // RESUME: this fake keeps no sessions; INVALID_SESSION (not resumable) makes the client IDENTIFY.
                    let _ = ws.send(send(json!({"op": 9, "d": false}))).await;
                }
                if v["op"] == 1 {
                    let _ = ws.send(send(json!({"op": 11}))).await;
                }
            }
            _ => return,
        }
    };
    f.inner.lock().unwrap().identifies.push(identify);
    let mut seq = 0u64;
    let mut next = |t: &str, d: Value| {
        seq += 1;
        json!({"op": 0, "s": seq, "t": t, "d": d})
    };
    let ready = json!({
        "v": 10, "user": user(BOT_ID, "AeThex", true), "guilds": [{"id": GUILD.to_string(), "unavailable": true}],
        "session_id": format!("session-{}", f.id()), "resume_gateway_url": format!("{}/gateway-ws", f.base.replace("http://", "ws://")),
        "shard": [0, 1], "application": {"id": APP_ID.to_string(), "flags": 0}
    });
    let (tx, mut rx) = mpsc::unbounded_channel::<Value>();
    for v in [next("READY", ready), next("GUILD_CREATE", guild())] {
        if ws.send(send(v)).await.is_err() {
            return;
        }
    }
    f.inner.lock().unwrap().gateway = Some(tx);
    loop {
        tokio::select! {
            m = ws.recv() => match m {
                Some(Ok(Ws::Text(t))) => {
                    let v: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                    if v["op"] == 1 && ws.send(send(json!({"op": 11}))).await.is_err() {
                        return;
                    }
                }
                Some(Ok(_)) => {}
                _ => return,
            },
            d = rx.recv() => match d {
                Some(v) => {
                    let v = next(v["t"].as_str().unwrap_or(""), v["d"].clone());
                    if ws.send(send(v)).await.is_err() {
                        return;
                    }
                }
                None => return,
            },
        }
    }
}
