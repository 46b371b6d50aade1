//! The plugin's network side: one tokio runtime thread owned by the plugin,
//! so nothing on OBS's UI, hotkey or graphics threads ever waits on the
//! network. It feeds the alert queue from the event socket and the chat lines
//! from the chat socket, prepares go-live through the SDK, runs the device
//! login, and refreshes the analytics shown in the properties view. What the
//! sources draw is read from [`Shared`] under short locks.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use futures_util::StreamExt as _;

use crate::alerts::AlertQueue;
use crate::chat::ChatLines;
use crate::settings::{resolve, shared_store, Settings};

use super::{ffi, texts};

/// State shared between the network thread and OBS's threads.
pub struct Shared {
    /// What the properties view edits.
    pub settings: Mutex<Settings>,
    /// Alerts waiting and showing.
    pub alerts: Mutex<AlertQueue>,
    /// The chat source's lines.
    pub chat: Mutex<ChatLines>,
    /// A message for the streamer (errors, the login code), shown in the alerts source for a while.
    pub notice: Mutex<Option<(String, Instant)>>,
    /// Login state, for the properties view.
    pub status: Mutex<String>,
    /// Live analytics, for the properties view.
    pub analytics: Mutex<String>,
    /// The streaming service OBS had before go-live: (type id, settings JSON).
    pub previous_service: Mutex<Option<(String, String)>>,
}

/// How long a notice stays on screen.
pub const NOTICE_FOR: Duration = Duration::from_secs(8);

static SHARED: OnceLock<Shared> = OnceLock::new();
static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The shared state.
pub fn shared() -> &'static Shared {
    SHARED.get_or_init(|| {
        let s = Settings::default();
        Shared {
            alerts: Mutex::new(AlertQueue::new(s.templates.clone(), s.alert_duration)),
            chat: Mutex::new(ChatLines::new(s.chat_lines)),
            settings: Mutex::new(s),
            notice: Mutex::new(None),
            status: Mutex::new(texts::get("Status.Starting")),
            analytics: Mutex::new(String::new()),
            previous_service: Mutex::new(None),
        }
    })
}

/// Spawn `f` on the plugin's runtime (started on first use).
pub fn spawn<F: std::future::Future<Output = ()> + Send + 'static>(f: F) {
    let rt = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("aethex-net")
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("the AeThex plugin could not start its network thread: {e}"))
    });
    rt.spawn(f);
}

/// Tell the streamer something: OBS log and the alerts source.
pub fn notice(text: &str) {
    ffi::info(text);
    *lock(&shared().notice) = Some((text.to_string(), Instant::now()));
}

/// The notice to show now, if any.
pub fn current_notice() -> Option<String> {
    let n = lock(&shared().notice);
    n.as_ref().filter(|(_, at)| at.elapsed() < NOTICE_FOR).map(|(t, _)| t.clone())
}

/// Replace the settings (the properties view saved them).
pub fn set_settings(s: Settings) {
    let sh = shared();
    lock(&sh.alerts).configure(s.templates.clone(), s.alert_duration);
    lock(&sh.chat).set_max(s.chat_lines);
    *lock(&sh.settings) = s;
}

/// The current settings.
pub fn settings() -> Settings {
    lock(&shared().settings).clone()
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

/// Server and token now (environment, settings, shared keyring).
pub async fn credentials() -> (String, Option<String>) {
    let (server, token) = resolve(&settings(), env, &shared_store()).await;
    (server, token.map(|(t, _)| t))
}

/// Start the background work: alerts, chat and analytics, each reconnecting on its own.
pub fn start() {
    spawn(alerts_loop());
    spawn(chat_loop());
    spawn(analytics_loop());
}

async fn who() -> Result<(aethex_sdk::Client, String, String), String> {
    let (server, token) = credentials().await;
    let token = token.ok_or_else(|| texts::get("Status.NotLoggedIn"))?;
    let client = aethex_sdk::Client::new(&server).map_err(|e| e.to_string())?.with_token(token);
    let v = client.validate().await.map_err(|e| format!("{server}: {e}"))?;
    let login = v.login.ok_or_else(|| texts::get("Status.AppToken"))?;
    let id = v.user_id.unwrap_or_default();
    *lock(&shared().status) = texts::fill("Status.LoggedIn", &[("login", login.clone()), ("server", server.clone())]);
    Ok((client, login, id))
}

async fn alerts_loop() {
    loop {
        match who().await {
            Ok((client, login, id)) => {
                let kinds = ["channel.follow", "channel.subscribe", "channel.donation", "channel.raid"];
                let interests = kinds
                    .iter()
                    .map(|k| {
                        let mut i = Interest::channel(k, &id);
                        if *k == "channel.raid" {
                            i.condition = aethex_sdk::Condition {
                                to_broadcaster_user_id: Some(id.clone()),
                                ..Default::default()
                            };
                        }
                        i
                    })
                    .collect();
                ffi::info(&format!("alerts: following {login}'s events"));
                let mut socket = EventSocket::connect(client, interests);
                while let Some(ev) = socket.next().await {
                    match ev {
                        SocketEvent::Notification { event, .. } => {
                            if !lock(&shared().alerts).push(&event) {
                                ffi::warn("alert queue full; an alert was dropped");
                            }
                        }
                        SocketEvent::SubscribeFailed { kind, error } => {
                            ffi::warn(&format!("alerts for {kind} unavailable: {error}"))
                        }
                        SocketEvent::Disconnected(why) => {
                            ffi::warn(&format!("event socket dropped ({why}); reconnecting"))
                        }
                        SocketEvent::Revocation(s) => {
                            notice(&texts::fill("Notice.Revoked", &[("kind", s.kind.clone())]))
                        }
                        SocketEvent::Connected { .. } => {}
                    }
                }
            }
            Err(e) => {
                *lock(&shared().status) = e.clone();
                ffi::warn(&format!("alerts: {e}"));
            }
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
    }
}

async fn chat_loop() {
    loop {
        if let Ok((client, login, _)) = who().await {
            let token = credentials().await.1;
            match aethex_sdk::chat_socket::open(&client, token.as_deref(), &login).await {
                Ok(mut ws) => {
                    while let Some(Ok(frame)) = ws.next().await {
                        let mut chat = lock(&shared().chat);
                        match frame {
                            ServerFrame::Message { message } => chat.push(message),
                            ServerFrame::Delete { message_id, .. } => chat.delete(&message_id),
                            ServerFrame::ClearUser { user_login, .. } => chat.clear_user(&user_login),
                            ServerFrame::Clear { .. } => chat.clear(),
                            _ => {}
                        }
                    }
                }
                Err(e) => ffi::warn(&format!("chat: {e}")),
            }
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
    }
}

async fn analytics_loop() {
    loop {
        if let Ok((client, login, _)) = who().await {
            let followers = std::pin::pin!(client.followers(&login).take(10_000)).count().await;
            let text = match client.live_stream(&login).await {
                Ok(Some(s)) => {
                    let started =
                        aethex_sdk::time::parse_rfc3339(&s.started_at).unwrap_or_else(aethex_sdk::time::now_ms);
                    let secs = (aethex_sdk::time::now_ms() - started) / 1000;
                    let duration = format!("{:02}:{:02}:{:02}", secs / 3600, (secs / 60) % 60, secs % 60);
                    let mut text = texts::fill(
                        "Analytics.Live",
                        &[
                            ("viewers", s.viewer_count.to_string()),
                            ("duration", duration),
                            ("followers", followers.to_string()),
                        ],
                    );
                    // The stream's numbers from analytics, the source of the web page and
                    // `aethex analytics summary`; a login from before `analytics:read` skips them.
                    if let Ok(sum) = client.latest_stream_summary(&login).await {
                        text.push('\n');
                        text.push_str(&texts::fill(
                            "Analytics.Stream",
                            &[
                                ("peak", sum.peak_viewers.to_string()),
                                ("unique", sum.unique_viewers.to_string()),
                                ("chatters", sum.chatters.to_string()),
                                ("new", sum.new_followers.to_string()),
                                ("engagement", sum.engagement.map_or("–".into(), |e| format!("{e:.0}"))),
                            ],
                        ));
                    }
                    text
                }
                Ok(None) => texts::fill("Analytics.Offline", &[("followers", followers.to_string())]),
                Err(e) => texts::fill("Analytics.Unavailable", &[("error", e.to_string())]),
            };
            *lock(&shared().analytics) = text;
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
    }
}

/// Tools → AeThex: Log in: the device flow, code shown in the log and on screen.
pub fn login() {
    spawn(async {
        let server = credentials().await.0;
        let client = match aethex_sdk::Client::new(&server) {
            Ok(c) => c,
            Err(e) => return notice(&texts::fill("Login.BadServer", &[("error", e.to_string())])),
        };
        let scopes = [
            "channel:manage",
            "stream:key",
            "chat:read",
            "chat:edit",
            "webhooks:manage",
            "moderator:read:followers",
            "channel:read:subscriptions",
            "donations:read",
            "user:read",
            "analytics:read",
        ];
        let auth = match client.start_device_login(aethex_sdk::CLI_CLIENT_ID, &scopes).await {
            Ok(a) => a,
            Err(e) => {
                return notice(&texts::fill(
                    "Login.Unreachable",
                    &[("server", server.clone()), ("error", e.to_string())],
                ))
            }
        };
        let prompt =
            texts::fill("Login.Prompt", &[("uri", auth.verification_uri.clone()), ("code", auth.user_code.clone())]);
        *lock(&shared().status) = prompt.clone();
        *lock(&shared().notice) =
            Some((prompt.clone(), Instant::now() + Duration::from_secs(auth.expires_in.max(0) as u64) - NOTICE_FOR));
        ffi::info(&prompt);
        match client.finish_device_login(aethex_sdk::CLI_CLIENT_ID, &auth).await {
            Ok(t) => {
                let me = client.clone().with_token(t.access_token.clone()).me().await.ok().map(|u| u.login);
                let creds = aethex_sdk::credentials::Credentials {
                    server: server.clone(),
                    access_token: t.access_token,
                    refresh_token: t.refresh_token,
                    expires_at: aethex_sdk::time::now_ms() / 1000 + t.expires_in,
                    scopes: t.scope.split_whitespace().map(str::to_string).collect(),
                    login: me.clone(),
                };
                match shared_store().save(&aethex_sdk::credentials::account(&server, "default"), &creds).await {
                    Ok(_) => notice(&texts::fill("Login.Done", &[("login", me.unwrap_or_default())])),
                    Err(e) => notice(&texts::fill("Login.NotSaved", &[("error", e.to_string())])),
                }
            }
            Err(e) => notice(&texts::fill("Login.Failed", &[("error", e.to_string())])),
        }
    });
}
