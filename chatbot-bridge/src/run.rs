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
    let bot_login = bot_login(&cfg, api.as_ref()).await?;
    // The replies' language: the config's, else the channel's on AeThex.
    let language = match (&cfg.file.language, &api) {
        (Some(l), _) => l.clone(),
        (None, Some(api)) => match api.channel(&channel).await {
            Ok(c) => c.language,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the channel's language; replying in English");
                "en".into()
            }
        },
        (None, None) => "en".into(),
    };
    let replies = crate::lang::Replies::for_language(&language);
    tracing::info!(language = replies.tag(), "built-in replies");
    let settings = Settings {
        channel: channel.clone(),
        bot_login: bot_login.clone(),
        points: cfg.file.points.clone(),
        songs: cfg.file.songs.clone(),
        filters: cfg.file.compile_filters(&replies)?,
        timers: cfg.file.compile_timers()?,
        replies_per_30s: cfg.file.replies_per_30s.unwrap_or(20).max(1),
        replies,
    };
    if let Some(dir) = cfg.db.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let store = Store::open(&cfg.db).await?;
    let mut services = Live::new(api.clone(), cfg.file.urlfetch_allow_private);
    let mut http_addr = None;
    let mut responses = None;
    if let Some(addr) = &cfg.file.http.listen {
        let http = serve_http(&cfg.file.http, addr, store.clone(), &channel).await?;
        services = services.with_response_urls(http.urls);
        http_addr = http.addr;
        responses = Some(http.responses);
    }
    let bot = Bot::load(settings, store.clone(), services, clock.clone()).await?;
    if let Some(r) = ready {
        let _ = r.send(http_addr);
    }
    let follows = follow_socket(api.as_ref(), &channel).await;
    let helix_mode = cfg.file.twitch.helix(is_twitch(&cfg.irc))?;
    let helix = if helix_mode { helix_moderator(&cfg.file.twitch, &token).await? } else { None };
    let creds = StaticLoginCredentials::new(bot_login, Some(token));
    let parts =
        Parts { bot, api, channel, clock, follows, refused: 0, responses, helix, room_id: None, ids: HashMap::new() };
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

/// The bot's login: configured, else the token's owner as the AeThex API says.
async fn bot_login(cfg: &RunConfig, api: Option<&aethex_sdk::Client>) -> Result<String, RunError> {
    match (&cfg.login, api) {
        (Some(l), _) => Ok(l.to_lowercase()),
        (None, Some(api)) => Ok(api.validate().await?.login.ok_or(crate::config::ConfigError::Missing("login"))?),
        (None, None) => {
            Err(crate::config::ConfigError::Missing("login (or server, to derive it from the token)").into())
        }
    }
}

/// The HTTP API once it listens.
struct Http {
    /// Where it listens (the bound port when `listen` asked for port 0).
    addr: Option<std::net::SocketAddr>,
    /// The response URLs it serves, for `$(urlfetch)`'s header.
    urls: crate::respond::Responses,
    /// Messages sent through those URLs, for chat.
    responses: tokio::sync::mpsc::Receiver<String>,
}

/// Listen on `addr` and serve the song queue and the response URLs in the
/// background; a failure to bind stops the bot, a later failure is logged.
async fn serve_http(
    http: &crate::config::HttpSettings,
    addr: &str,
    store: Store,
    channel: &str,
) -> Result<Http, RunError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| RunError::Listen { addr: addr.to_string(), source })?;
    let bound = listener.local_addr().ok();
    let base = match (&http.public_url, bound) {
        (Some(u), _) => u.clone(),
        (None, Some(a)) => format!("http://{a}"),
        (None, None) => format!("http://{addr}"),
    };
    let (urls, responses) = crate::respond::Responses::new(&base);
    let router = crate::http::router(store, channel.to_string(), http.token.as_deref(), Some(urls.clone()));
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::error!(error = %e, "song queue API stopped");
        }
    });
    tracing::info!(addr = ?bound, "song queue API listening");
    Ok(Http { addr: bound, urls, responses })
}

/// The event socket for the channel's follows and its community's erasures;
/// none without an API or when the channel cannot be looked up (the bot runs
/// on without follow bonuses).
async fn follow_socket(api: Option<&aethex_sdk::Client>, channel: &str) -> Option<EventSocket> {
    let api = api?;
    match api.channel(channel).await {
        Ok(c) => Some(EventSocket::connect(
            api.clone(),
            vec![Interest::channel("channel.follow", &c.id), Interest::channel("channel.user.erase", &c.id)],
        )),
        Err(e) => {
            tracing::warn!(error = %e, "channel lookup failed; no follow bonuses");
            None
        }
    }
}

/// The Helix worker's queue. A token Twitch refuses stops the bot; an
/// unreachable Twitch leaves the filters logging only.
async fn helix_moderator(
    twitch: &crate::config::TwitchSettings,
    token: &str,
) -> Result<Option<tokio::sync::mpsc::Sender<HelixJob>>, RunError> {
    let id = twitch.id_url.as_deref().unwrap_or(crate::helix::ID);
    let base = twitch.helix_url.as_deref().unwrap_or(crate::helix::HELIX);
    match crate::helix::Helix::connect(id, base, token).await {
        Ok(h) => Ok(Some(moderator(h))),
        Err(e @ crate::helix::HelixError::BadToken) => Err(e.into()),
        Err(e) => {
            tracing::warn!(error = %e, "no moderation through Twitch's API; filters will only be logged");
            Ok(None)
        }
    }
}

struct Parts {
    bot: Bot,
    api: Option<aethex_sdk::Client>,
    channel: String,
    clock: Clock,
    follows: Option<EventSocket>,
    /// Event types the socket refused.
    refused: usize,
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
        user_id: m.sender.id.clone(),
        badges: m.badges.iter().map(|b| format!("{}/{}", b.name, b.version)).collect::<Vec<_>>().join(","),
        text: m.message_text.clone(),
        emotes: m.emotes.len(),
    }
}

/// Join the channel and serve it until `shutdown`: each chat message, follow,
/// response-URL message and tick becomes the bot's actions, carried out at once.
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
    let mut watch =
        WatchTime { last_ms: (p.clock)(), every_ms: p.bot.settings().points.interval_s.max(1) as i64 * 1000 };
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let actions = tokio::select! {
            _ = &mut shutdown => {
                tracing::info!("shutting down");
                return Ok(());
            }
            m = rx.recv() => match m {
                Some(m) => on_message(&mut p, m).await,
                None => return Err(RunError::Chat("the chat client stopped".into())),
            },
            ev = next_follow(&mut p.follows) => {
                on_follow_event(&mut p, ev).await;
                Vec::new()
            },
            text = next_response(&mut p.responses) => match text {
                Some(text) => p.bot.on_response(text),
                None => {
                    p.responses = None;
                    Vec::new()
                }
            },
            _ = tick.tick() => on_tick(&mut p, &mut watch).await,
        };
        carry_out(&p, &client, commands_over_irc, actions).await;
    }
}

/// One message from chat: the channel's lines and USERNOTICEs go to the bot;
/// notices and our join are logged; anything else is ignored.
async fn on_message(p: &mut Parts, m: ServerMessage) -> Vec<Action> {
    match m {
        ServerMessage::Privmsg(m) if m.channel_login == p.channel => {
            remember_ids(p, &m);
            p.bot.on_line(line_of(&m)).await
        }
        ServerMessage::UserNotice(n) if n.channel_login == p.channel => {
            let params: HashMap<String, String> = n.source.tags.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let id = params.get("msg-id").cloned().unwrap_or_default();
            p.bot.on_notice(&id, &n.sender.login, &params).await
        }
        ServerMessage::Notice(n) => {
            tracing::info!(id = ?n.message_id, text = %n.message_text, "chat notice");
            Vec::new()
        }
        ServerMessage::Join(j) if j.channel_login == p.channel => {
            tracing::info!(channel = %j.channel_login, "joined");
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// With Helix, the room's id and the sender's: Twitch's API moderates by id,
/// and IRC tags are where the bot learns them. Bounded by [`MAX_IDS`].
fn remember_ids(p: &mut Parts, m: &twitch_irc::message::PrivmsgMessage) {
    if p.helix.is_none() {
        return;
    }
    p.room_id = Some(m.channel_id.clone());
    if p.ids.len() >= MAX_IDS {
        p.ids.clear();
    }
    p.ids.insert(m.sender.login.to_lowercase(), m.sender.id.clone());
}

/// One event from the follow socket: a follow earns its bonus; an erased
/// account is forgotten; a refused subscription is logged, and when both are
/// refused, or the socket closes, the socket is dropped for this run.
async fn on_follow_event(p: &mut Parts, ev: Option<SocketEvent>) {
    match ev {
        Some(SocketEvent::Notification { event: Event::ChannelFollow(f), .. }) => p.bot.on_follow(&f.user_login).await,
        Some(SocketEvent::Notification { event: Event::ChannelUserErase(e), .. }) => p.bot.on_erase(&e.user_id).await,
        Some(SocketEvent::SubscribeFailed { kind, error }) => {
            tracing::warn!(%kind, %error, "event refused: make the bot a moderator and give its token chat:read, moderator:read:followers and webhooks:manage");
            p.refused += 1;
            if p.refused >= 2 {
                // Nothing left to hear: an idle socket would only be closed and reopened.
                p.follows = None;
            }
        }
        Some(_) => {}
        None => p.follows = None,
    }
}

/// When watch-time points were last awarded, and how often they are.
#[derive(Debug)]
struct WatchTime {
    last_ms: i64,
    every_ms: i64,
}

impl WatchTime {
    /// The whole minutes to award at `now`, counted as awarded; 0 before the
    /// interval is up. Leftover seconds carry over to the next award.
    fn due(&mut self, now: i64) -> i64 {
        if now - self.last_ms < self.every_ms {
            return 0;
        }
        let minutes = (now - self.last_ms) / 60_000;
        self.last_ms += minutes * 60_000;
        minutes
    }
}

/// The 1 s tick: watch-time points when due, then the bot's timers.
async fn on_tick(p: &mut Parts, watch: &mut WatchTime) -> Vec<Action> {
    let minutes = watch.due((p.clock)());
    if minutes > 0 {
        if let Some(api) = &p.api {
            match api.chatters(&p.channel).await {
                Ok(c) => p.bot.on_watch(&c.chatters, minutes).await,
                Err(e) => tracing::warn!(error = %e, "chatters list unavailable; no watch points this round"),
            }
        }
    }
    p.bot.on_tick().await
}

/// Carry out the bot's actions: replies with `say`/`me` (never as commands),
/// moderation as IRC commands where chat takes them, else through Helix.
async fn carry_out<T: Transport>(
    p: &Parts,
    client: &TwitchIRCClient<T, StaticLoginCredentials>,
    commands_over_irc: bool,
    actions: Vec<Action>,
) {
    for a in actions {
        let sent = match a {
            Action::Say(text) => match text.strip_prefix("/me ") {
                Some(rest) => client.me(p.channel.clone(), rest.to_string()).await,
                None => client.say(p.channel.clone(), text).await,
            },
            Action::Timeout { login, seconds, reason } if commands_over_irc => {
                client.privmsg(p.channel.clone(), format!("/timeout {login} {seconds} {reason}")).await
            }
            Action::Delete(id) if commands_over_irc => client.privmsg(p.channel.clone(), format!("/delete {id}")).await,
            other => {
                moderate_through_helix(p, &other);
                Ok(())
            }
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "could not send to chat");
        }
    }
}

/// Queue a moderation action for the Helix worker; logged and dropped when
/// Helix is off, the ids are unknown or the worker is backed up.
fn moderate_through_helix(p: &Parts, action: &Action) {
    let job =
        match (action, &p.room_id) {
            (Action::Timeout { login, seconds, reason }, Some(room)) => p.ids.get(login).map(|user| {
                HelixJob::Timeout { room: room.clone(), user: user.clone(), seconds: *seconds, reason: reason.clone() }
            }),
            (Action::Delete(message), Some(room)) => {
                Some(HelixJob::Delete { room: room.clone(), message: message.clone() })
            }
            _ => None,
        };
    match (job, &p.helix) {
        (Some(job), Some(helix)) => {
            if helix.try_send(job).is_err() {
                tracing::warn!(action = ?action, "Twitch moderation is backed up; dropped");
            }
        }
        _ => {
            tracing::warn!(action = ?action, "no moderation on Twitch without its API (see twitch.moderation); not applied")
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

#[cfg(test)]
mod tests {
    use super::WatchTime;

    #[test]
    fn watch_time_awards_whole_minutes_once_the_interval_is_up() {
        let mut w = WatchTime { last_ms: 0, every_ms: 120_000 };
        assert_eq!(w.due(119_999), 0, "not yet");
        assert_eq!(w.due(150_000), 2, "two whole minutes");
        assert_eq!(w.last_ms, 120_000, "the odd 30 s carry over");
        assert_eq!(w.due(240_000), 2);
        let mut fast = WatchTime { last_ms: 0, every_ms: 1_000 };
        assert_eq!(fast.due(30_000), 0, "under a minute: nothing, and nothing counted");
        assert_eq!(fast.due(60_000), 1);
    }
}
