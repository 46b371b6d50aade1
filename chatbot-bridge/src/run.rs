//! Running the bot: connects to chat with `twitch-irc` (through the SDK's
//! AeThex transport, or TLS to Twitch), feeds the [`Bot`], carries out its
//! actions, ticks timers and watch-time points, follows the channel's follow
//! events, and serves the song queue over HTTP.
//!
//! Replies go out with twitch-irc's `say`, which prefixes `. ` so no text a
//! viewer smuggled into a response (`!echo /ban streamer`) can run as a chat
//! command; only the bot's own moderation actions are sent as commands.
//! Twitch stopped taking commands over IRC in 2023, so on Twitch the filters'
//! timeouts need Helix and are logged instead (left out here).

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;

use aethex_sdk::chat_transport::AethexTransport;
use aethex_sdk::event_socket::{EventSocket, Interest, SocketEvent};
use aethex_sdk::Event;
use twitch_irc::login::StaticLoginCredentials;
use twitch_irc::message::ServerMessage;
use twitch_irc::transport::Transport;
use twitch_irc::{ClientConfig, SecureTCPTransport, TwitchIRCClient};

use crate::bot::{Action, Bot, Clock, Line, Settings};
use crate::config::File;
use crate::services::Live;
use crate::store::Store;

/// Why the bot stopped or could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The database.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The AeThex API refused or failed.
    #[error("AeThex API: {0}")]
    Api(#[from] aethex_sdk::Error),
    /// The HTTP API could not listen.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// Where.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// Chat refused the bot.
    #[error("chat: {0}")]
    Chat(String),
    /// Twitch refused the bot's token for moderation.
    #[error(transparent)]
    Helix(#[from] crate::helix::HelixError),
}

/// What `run` needs.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// AeThex API base URL (for uptime, followage, chatters, follows).
    pub server: Option<String>,
    /// IRC `host:port`.
    pub irc: String,
    /// Channel login.
    pub channel: String,
    /// The bot account's token.
    pub token: String,
    /// The bot's login (derived from the token when absent).
    pub login: Option<String>,
    /// Database file.
    pub db: PathBuf,
    /// Everything else.
    pub file: File,
}

/// Whether `irc` is Twitch's chat (TLS) rather than an AeThex host.
fn is_twitch(irc: &str) -> bool {
    irc.starts_with("irc.chat.twitch.tv")
}

/// Run until `shutdown` completes. `ready` gets the HTTP API's address once listening.
pub async fn run(
    cfg: RunConfig,
    clock: Clock,
    shutdown: impl Future<Output = ()> + Send,
    ready: Option<tokio::sync::oneshot::Sender<Option<std::net::SocketAddr>>>,
) -> Result<(), RunError> {
    let channel = cfg.channel.trim_start_matches('#').to_lowercase();
    let token = cfg.token.trim_start_matches("oauth:").to_string();
    let api = match &cfg.server {
        Some(s) => Some(aethex_sdk::Client::new(s)?.with_token(token.clone())),
        None => None,
    };
    let bot_login = match (&cfg.login, &api) {
        (Some(l), _) => l.to_lowercase(),
        (None, Some(api)) => api.validate().await?.login.ok_or(crate::config::ConfigError::Missing("login"))?,
        (None, None) => {
            return Err(crate::config::ConfigError::Missing("login (or server, to derive it from the token)").into())
        }
    };
    let settings = Settings {
        channel: channel.clone(),
        bot_login: bot_login.clone(),
        points: cfg.file.points.clone(),
        songs: cfg.file.songs.clone(),
        filters: cfg.file.compile_filters()?,
        timers: cfg.file.compile_timers()?,
        replies_per_30s: cfg.file.replies_per_30s.unwrap_or(20).max(1),
    };
    if let Some(dir) = cfg.db.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let store = Store::open(&cfg.db).await?;
    let mut services = Live::new(api.clone(), cfg.file.urlfetch_allow_private);

    let mut http_addr = None;
    let mut responses = None;
    if let Some(addr) = &cfg.file.http.listen {
        let listener = tokio::net::TcpListener::bind(addr.as_str())
            .await
            .map_err(|source| RunError::Listen { addr: addr.clone(), source })?;
        http_addr = listener.local_addr().ok();
        let base = match (&cfg.file.http.public_url, http_addr) {
            (Some(u), _) => u.clone(),
            (None, Some(a)) => format!("http://{a}"),
            (None, None) => format!("http://{addr}"),
        };
        let (urls, rx) = crate::respond::Responses::new(&base);
        services = services.with_response_urls(urls.clone());
        responses = Some(rx);
        let router = crate::http::router(store.clone(), channel.clone(), cfg.file.http.token.as_deref(), Some(urls));
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router).await {
                tracing::error!(error = %e, "song queue API stopped");
            }
        });
        tracing::info!(addr = ?http_addr, "song queue API listening");
    }
    let bot = Bot::load(settings, store.clone(), services, clock.clone()).await?;
    if let Some(r) = ready {
        let _ = r.send(http_addr);
    }

    let follows = match &api {
        Some(api) => match api.channel(&channel).await {
            Ok(c) => Some(EventSocket::connect(api.clone(), vec![Interest::channel("channel.follow", &c.id)])),
            Err(e) => {
                tracing::warn!(error = %e, "channel lookup failed; no follow bonuses");
                None
            }
        },
        None => None,
    };
    let helix_mode = cfg.file.twitch.helix(is_twitch(&cfg.irc))?;
    let helix = if helix_mode {
        let id = cfg.file.twitch.id_url.as_deref().unwrap_or(crate::helix::ID);
        let base = cfg.file.twitch.helix_url.as_deref().unwrap_or(crate::helix::HELIX);
        match crate::helix::Helix::connect(id, base, &token).await {
            Ok(h) => Some(moderator(h)),
            Err(e @ crate::helix::HelixError::BadToken) => return Err(e.into()),
            Err(e) => {
                tracing::warn!(error = %e, "no moderation through Twitch's API; filters will only be logged");
                None
            }
        }
    } else {
        None
    };
    let creds = StaticLoginCredentials::new(bot_login, Some(token));
    let parts = Parts { bot, api, channel, clock, follows, responses, helix, room_id: None, ids: HashMap::new() };
    if is_twitch(&cfg.irc) {
        let (rx, client) = TwitchIRCClient::<SecureTCPTransport, _>::new(ClientConfig::new_simple(creds));
        chat_loop(parts, rx, client, false, shutdown).await
    } else {
        aethex_sdk::chat_transport::set_target(cfg.irc.clone());
        // twitch-irc paces each connection for Twitch's limits (and opens more
        // connections, at most one per 2 s, when one is "busy"); AeThex paces
        // users itself and the bot has its own flood cap, so one connection does.
        let mut config = ClientConfig::new_simple(creds);
        config.max_waiting_messages_per_connection = 100;
        config.time_per_message = std::time::Duration::from_millis(5);
        let (rx, client) = TwitchIRCClient::<AethexTransport, _>::new(config);
        chat_loop(parts, rx, client, !helix_mode, shutdown).await
    }
}

struct Parts {
    bot: Bot,
    api: Option<aethex_sdk::Client>,
    channel: String,
    clock: Clock,
    follows: Option<EventSocket>,
    /// Messages sent through response URLs (with the HTTP API only).
    responses: Option<tokio::sync::mpsc::Receiver<String>>,
    /// Moderation through Twitch's API (its worker's queue).
    helix: Option<tokio::sync::mpsc::Sender<HelixJob>>,
    /// The channel's id and recent chatters' ids, from IRC tags (for Helix).
    room_id: Option<String>,
    ids: HashMap<String, String>,
}

/// Chatters whose ids are remembered for moderation.
const MAX_IDS: usize = 10_000;
/// Moderation calls waiting for Twitch before new ones are dropped.
const HELIX_QUEUE: usize = 64;

/// One moderation call for Twitch.
#[derive(Debug)]
enum HelixJob {
    Timeout { room: String, user: String, seconds: u64, reason: String },
    Delete { room: String, message: String },
}

/// The worker that makes Helix calls one at a time, off the chat loop.
fn moderator(helix: crate::helix::Helix) -> tokio::sync::mpsc::Sender<HelixJob> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<HelixJob>(HELIX_QUEUE);
    tokio::spawn(async move {
        while let Some(job) = rx.recv().await {
            let done = match &job {
                HelixJob::Timeout { room, user, seconds, reason } => helix.timeout(room, user, *seconds, reason).await,
                HelixJob::Delete { room, message } => helix.delete(room, message).await,
            };
            if let Err(e) = done {
                tracing::warn!(error = %e, job = ?job, "Twitch moderation failed");
            }
        }
    });
    tx
}

fn line_of(m: &twitch_irc::message::PrivmsgMessage) -> Line {
    Line {
        id: Some(m.message_id.clone()),
        login: m.sender.login.to_lowercase(),
        display: m.sender.name.clone(),
        badges: m.badges.iter().map(|b| format!("{}/{}", b.name, b.version)).collect::<Vec<_>>().join(","),
        text: m.message_text.clone(),
        emotes: m.emotes.len(),
    }
}

async fn chat_loop<T: Transport>(
    mut p: Parts,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<ServerMessage>,
    client: TwitchIRCClient<T, StaticLoginCredentials>,
    commands_over_irc: bool,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), RunError> {
    client.join(p.channel.clone()).map_err(|e| RunError::Chat(e.to_string()))?;
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut last_award = (p.clock)();
    let award_every_ms = p.bot.settings().points.interval_s.max(1) as i64 * 1000;
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let actions = tokio::select! {
            _ = &mut shutdown => {
                tracing::info!("shutting down");
                return Ok(());
            }
            m = rx.recv() => match m {
                None => return Err(RunError::Chat("the chat client stopped".into())),
                Some(ServerMessage::Privmsg(m)) if m.channel_login == p.channel => {
                    if p.helix.is_some() {
                        p.room_id = Some(m.channel_id.clone());
                        if p.ids.len() >= MAX_IDS {
                            p.ids.clear();
                        }
                        p.ids.insert(m.sender.login.to_lowercase(), m.sender.id.clone());
                    }
                    p.bot.on_line(line_of(&m)).await
                }
                Some(ServerMessage::UserNotice(n)) if n.channel_login == p.channel => {
                    let params: HashMap<String, String> = n.source.tags.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    let id = params.get("msg-id").cloned().unwrap_or_default();
                    p.bot.on_notice(&id, &n.sender.login, &params).await
                }
                Some(ServerMessage::Notice(n)) => {
                    tracing::info!(id = ?n.message_id, text = %n.message_text, "chat notice");
                    Vec::new()
                }
                Some(ServerMessage::Join(j)) if j.channel_login == p.channel => {
                    tracing::info!(channel = %j.channel_login, "joined");
                    Vec::new()
                }
                Some(_) => Vec::new(),
            },
            ev = next_follow(&mut p.follows) => {
                match ev {
                    Some(SocketEvent::Notification { event: Event::ChannelFollow(f), .. }) => p.bot.on_follow(&f.user_login).await,
                    Some(SocketEvent::SubscribeFailed { kind, error }) => {
                        tracing::warn!(%kind, %error, "no follow bonuses: make the bot a moderator and give its token moderator:read:followers and webhooks:manage");
                        // The only interest failed: an idle socket would only be closed and reopened.
                        p.follows = None;
                    }
                    Some(_) => {}
                    None => p.follows = None,
                }
                Vec::new()
            },
            text = next_response(&mut p.responses) => match text {
                Some(text) => p.bot.on_response(text),
                None => {
                    p.responses = None;
                    Vec::new()
                }
            },
            _ = tick.tick() => {
                let now = (p.clock)();
                if now - last_award >= award_every_ms {
                    let minutes = (now - last_award) / 60_000;
                    if minutes > 0 {
                        last_award += minutes * 60_000;
                        if let Some(api) = &p.api {
                            match api.chatters(&p.channel).await {
                                Ok(c) => p.bot.on_watch(&c.chatters, minutes).await,
                                Err(e) => tracing::warn!(error = %e, "chatters list unavailable; no watch points this round"),
                            }
                        }
                    }
                }
                p.bot.on_tick().await
            }
        };
        for a in actions {
            let sent = match a {
                Action::Say(text) => match text.strip_prefix("/me ") {
                    Some(rest) => client.me(p.channel.clone(), rest.to_string()).await,
                    None => client.say(p.channel.clone(), text).await,
                },
                Action::Timeout { login, seconds, reason } if commands_over_irc => {
                    client.privmsg(p.channel.clone(), format!("/timeout {login} {seconds} {reason}")).await
                }
                Action::Delete(id) if commands_over_irc => {
                    client.privmsg(p.channel.clone(), format!("/delete {id}")).await
                }
                other => {
                    let job = match (&other, &p.room_id) {
                        (Action::Timeout { login, seconds, reason }, Some(room)) => {
                            p.ids.get(login).map(|user| HelixJob::Timeout {
                                room: room.clone(),
                                user: user.clone(),
                                seconds: *seconds,
                                reason: reason.clone(),
                            })
                        }
                        (Action::Delete(message), Some(room)) => {
                            Some(HelixJob::Delete { room: room.clone(), message: message.clone() })
                        }
                        _ => None,
                    };
                    match (job, &p.helix) {
                        (Some(job), Some(helix)) => {
                            if helix.try_send(job).is_err() {
                                tracing::warn!(action = ?other, "Twitch moderation is backed up; dropped");
                            }
                        }
                        _ => {
                            tracing::warn!(action = ?other, "no moderation on Twitch without its API (see twitch.moderation); not applied")
                        }
                    }
                    Ok(())
                }
            };
            if let Err(e) = sent {
                tracing::warn!(error = %e, "could not send to chat");
            }
        }
    }
}

async fn next_follow(s: &mut Option<EventSocket>) -> Option<SocketEvent> {
    match s {
        Some(s) => s.next().await,
        None => std::future::pending().await,
    }
}

async fn next_response(r: &mut Option<tokio::sync::mpsc::Receiver<String>>) -> Option<String> {
    match r {
        Some(r) => r.recv().await,
        None => std::future::pending().await,
    }
}
