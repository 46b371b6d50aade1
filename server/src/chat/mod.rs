//! Chat: a room per channel, reached through the Twitch IRC dialect over TCP
//! ([`irc`]) and over WebSocket, and through a JSON WebSocket; all gateways
//! share the rooms here. Moderation state (moderators, bans, modes, blocked
//! terms) lives in the database and is cached per room, so sending a message
//! touches no database.
//!
//! Parts: [`policy`] (pure send rules), [`session`] (the core every gateway
//! shares), [`irc`] and [`ws`] (gateways), [`commands`] (moderation typed in
//! chat), [`notices`] (USERNOTICEs from platform events), [`api`] (REST),
//! [`fanout`] (other nodes); rooms and their storage are here.
//!
//! Fan-out: each room is a broadcast channel of events rendered once (IRC
//! with tags, IRC without, JSON); each connection forwards into its own
//! bounded queue, and a connection whose queue is full is dropped — a slow
//! reader never slows the room.

pub mod api;
pub mod commands;
pub mod fanout;
pub mod irc;
pub mod notices;
pub mod policy;
pub mod session;
pub mod ws;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, RwLock};

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::irc::Message;
use aethex_sdk::{ChatMessage, ChatSettings};
use sqlx::Row as _;
use tokio::sync::broadcast;

use crate::store::{int, now_ms, rfc3339, text, Db};
use policy::Moderation;

const SERVER_NAME: &str = "tmi.twitch.tv";

/// Messages kept per room for history.
pub const HISTORY: usize = 100;
/// Room events buffered per subscriber before it counts as too slow.
pub const ROOM_BUFFER: usize = 512;
pub use policy::{MAX_TEXT, RATE_ELEVATED, RATE_REGULAR};

/// One event in a room, rendered once for every gateway.
#[derive(Debug)]
pub struct RoomEvent {
    /// IRC line with tags.
    pub irc_tags: String,
    /// IRC line without tags (clients that did not ask for twitch.tv/tags).
    pub irc_plain: String,
    /// JSON frame for the chat WebSocket.
    pub json: String,
    /// Only clients that asked for twitch.tv/commands get this (CLEARCHAT, ...).
    pub command_only: bool,
    /// The connection that caused it, which does not get its own message back.
    pub from_conn: Option<u64>,
}

impl RoomEvent {
    fn new(msg: Message, frame: ServerFrame, command_only: bool, from_conn: Option<u64>) -> Arc<Self> {
        let plain = Message { tags: Vec::new(), ..msg.clone() };
        Arc::new(Self {
            irc_tags: msg.to_line(),
            irc_plain: plain.to_line(),
            json: frame.to_json(),
            command_only,
            from_conn,
        })
    }
}

/// One chat room.
#[derive(Debug)]
pub struct Room {
    /// Channel login (`#login` in IRC).
    pub login: String,
    /// Channel id (`room-id`).
    pub channel_id: i64,
    tx: broadcast::Sender<Arc<RoomEvent>>,
    history: Mutex<VecDeque<ChatMessage>>,
    moderation: RwLock<Moderation>,
    /// conn id → login (None: anonymous).
    members: Mutex<HashMap<u64, Option<String>>>,
    /// user → Unix ms of their sends inside the rate window.
    recent: Mutex<HashMap<i64, VecDeque<i64>>>,
    /// Other nodes, when chat runs on several (Redis).
    fanout: Option<Arc<fanout::Fanout>>,
    /// The channel's display name, for events.
    display_name: String,
    /// Where `channel.chat.message` events go.
    bus: crate::events::Bus,
}

/// Who is talking, resolved once per join.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// User id.
    pub user_id: i64,
    /// Login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Months subscribed, if subscribed now.
    pub sub_months: Option<i64>,
    /// When the user followed the channel (Unix ms).
    pub followed_at: Option<i64>,
}

/// A refusal, as Twitch's NOTICE `msg-id` and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The `msg-id` tag.
    pub msg_id: &'static str,
    /// The text.
    pub text: String,
}

fn refuse(msg_id: &'static str, text: impl Into<String>) -> Refusal {
    Refusal { msg_id, text: text.into() }
}


impl Room {
    /// Subscribe to the room's events.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<RoomEvent>> {
        self.tx.subscribe()
    }

    /// Deliver to this node's members and share with the other nodes.
    fn publish(&self, ev: Arc<RoomEvent>) {
        self.share(fanout::Fanout::event(&ev));
        let _ = self.tx.send(ev);
    }

    fn share(&self, change: fanout::Change) {
        if let Some(f) = &self.fanout {
            f.publish(&self.login, change);
        }
    }

    fn push_history(&self, msg: ChatMessage) {
        let mut h = self.history.lock().unwrap_or_else(|p| p.into_inner());
        if h.len() >= HISTORY {
            h.pop_front();
        }
        h.push_back(msg);
    }

    fn ban_local(&self, user_id: i64, until: Option<i64>) {
        self.moderation.write().unwrap_or_else(|p| p.into_inner()).bans.insert(user_id, until);
        self.history.lock().unwrap_or_else(|p| p.into_inner()).retain(|m| m.user_id != user_id.to_string());
    }

    fn remove_history(&self, id: &str) -> Option<ChatMessage> {
        let mut h = self.history.lock().unwrap_or_else(|p| p.into_inner());
        let pos = h.iter().position(|m| m.id == id);
        pos.and_then(|p| h.remove(p))
    }

    fn set_moderator_local(&self, user_id: i64, on: bool) {
        let mut m = self.moderation.write().unwrap_or_else(|p| p.into_inner());
        if on {
            m.moderators.insert(user_id);
        } else {
            m.moderators.remove(&user_id);
        }
    }

    /// Apply another node's change to this node's copy of the room.
    fn apply_remote(&self, change: fanout::Change) {
        use fanout::Change;
        match change {
            Change::Event { irc_tags, irc_plain, json, command_only } => {
                let _ = self.tx.send(Arc::new(RoomEvent { irc_tags, irc_plain, json, command_only, from_conn: None }));
            }
            Change::History { message } => {
                // Count it against the sender here too, so the rate limit holds across nodes.
                if let Ok(user_id) = message.user_id.parse::<i64>() {
                    self.recent
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .entry(user_id)
                        .or_default()
                        .push_back(now_ms());
                }
                self.push_history(message);
            }
            Change::BlockedTerms { terms } => {
                self.moderation.write().unwrap_or_else(|p| p.into_inner()).blocked_terms = terms
            }
            Change::Ban { user_id, until } => self.ban_local(user_id, until),
            Change::Unban { user_id } => {
                self.moderation.write().unwrap_or_else(|p| p.into_inner()).bans.remove(&user_id);
            }
            Change::Settings { settings } => {
                self.moderation.write().unwrap_or_else(|p| p.into_inner()).settings = settings
            }
            Change::Moderator { user_id, on } => self.set_moderator_local(user_id, on),
            Change::Delete { id } => {
                self.remove_history(&id);
            }
            Change::Clear => self.history.lock().unwrap_or_else(|p| p.into_inner()).clear(),
        }
    }

    /// The last messages, oldest first.
    pub fn history(&self) -> Vec<ChatMessage> {
        self.history.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
    }

    /// The room's modes.
    pub fn settings(&self) -> ChatSettings {
        self.moderation.read().unwrap_or_else(|p| p.into_inner()).settings.clone()
    }

    /// Whether `user_id` moderates this room (the broadcaster does).
    pub fn is_moderator(&self, user_id: i64) -> bool {
        user_id == self.channel_id
            || self.moderation.read().unwrap_or_else(|p| p.into_inner()).moderators.contains(&user_id)
    }

    /// Add a connection to the member list.
    pub fn enter(&self, conn: u64, login: Option<String>) {
        self.members.lock().unwrap_or_else(|p| p.into_inner()).insert(conn, login);
    }

    /// Remove a connection.
    pub fn leave(&self, conn: u64) {
        self.members.lock().unwrap_or_else(|p| p.into_inner()).remove(&conn);
    }

    /// Signed-in chatters (sorted, unique) and the number of connections.
    pub fn chatters(&self) -> (Vec<String>, usize) {
        let m = self.members.lock().unwrap_or_else(|p| p.into_inner());
        let mut logins: Vec<String> = m.values().flatten().cloned().collect::<HashSet<_>>().into_iter().collect();
        logins.sort();
        (logins, m.len())
    }

    /// Badges of a speaker, Twitch style.
    pub fn badges(&self, s: &Speaker) -> Vec<String> {
        let mut b = Vec::new();
        if s.user_id == self.channel_id {
            b.push("broadcaster/1".to_string());
        } else if self.is_moderator(s.user_id) {
            b.push("moderator/1".to_string());
        }
        if let Some(m) = s.sub_months {
            b.push(format!("subscriber/{m}"));
        }
        b
    }

    /// The ROOMSTATE line for this room.
    pub fn roomstate(&self) -> Message {
        let s = self.settings();
        Message::new("ROOMSTATE", &[&format!("#{}", self.login)])
            .with_prefix("tmi.twitch.tv")
            .with_tag("emote-only", if s.emote_only { "1" } else { "0" })
            .with_tag("followers-only", s.followers_only_minutes.unwrap_or(-1).to_string())
            .with_tag("r9k", "0")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("slow", s.slow_seconds.to_string())
            .with_tag("subs-only", if s.subscribers_only { "1" } else { "0" })
    }

    /// The USERSTATE line for a speaker (or an anonymous reader).
    pub fn userstate(&self, s: Option<&Speaker>) -> Message {
        let badges = s.map(|s| self.badges(s)).unwrap_or_default();
        let is_mod = s.is_some_and(|s| self.is_moderator(s.user_id) && s.user_id != self.channel_id);
        Message::new("USERSTATE", &[&format!("#{}", self.login)])
            .with_prefix("tmi.twitch.tv")
            .with_tag("badge-info", s.and_then(|s| s.sub_months).map(|m| format!("subscriber/{m}")).unwrap_or_default())
            .with_tag("badges", badges.join(","))
            .with_tag("color", "")
            .with_tag("display-name", s.map(|s| s.display_name.clone()).unwrap_or_default())
            .with_tag("emote-sets", "0")
            .with_tag("mod", if is_mod { "1" } else { "0" })
            .with_tag("subscriber", if s.and_then(|s| s.sub_months).is_some() { "1" } else { "0" })
            .with_tag("user-type", if is_mod { "mod" } else { "" })
    }

    /// Check and broadcast a message from `s`. `conn` does not get it back.
    pub fn send(&self, s: &Speaker, text: &str, conn: Option<u64>) -> Result<ChatMessage, Refusal> {
        let elevated = self.is_moderator(s.user_id);
        let now = now_ms();
        let sender =
            policy::Sender { user_id: s.user_id, elevated, subscribed: s.sub_months.is_some(), followed_at: s.followed_at };
        let text = {
            let m = self.moderation.read().unwrap_or_else(|p| p.into_inner());
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            if recent.len() > 100_000 {
                recent.retain(|_, q| !policy::expired(q, now));
            }
            policy::check(&m, &self.login, sender, text, recent.entry(s.user_id).or_default(), now)?
        };
        let badges = self.badges(s);
        let is_mod = elevated && s.user_id != self.channel_id;
        let msg = ChatMessage {
            id: crate::crypto::uuid(),
            broadcaster_user_id: self.channel_id.to_string(),
            broadcaster_login: self.login.clone(),
            user_id: s.user_id.to_string(),
            user_login: s.login.clone(),
            user_name: s.display_name.clone(),
            text: text.to_string(),
            badges: badges.clone(),
            sent_at: rfc3339(now),
        };
        let irc = Message::new("PRIVMSG", &[&format!("#{}", self.login), text])
            .with_prefix(format!("{0}!{0}@{0}.tmi.twitch.tv", s.login))
            .with_tag("badge-info", s.sub_months.map(|m| format!("subscriber/{m}")).unwrap_or_default())
            .with_tag("badges", badges.join(","))
            .with_tag("color", "")
            .with_tag("display-name", s.display_name.clone())
            .with_tag("emotes", "")
            .with_tag("first-msg", "0")
            .with_tag("flags", "")
            .with_tag("id", msg.id.clone())
            .with_tag("mod", if is_mod { "1" } else { "0" })
            .with_tag("returning-chatter", "0")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("subscriber", if s.sub_months.is_some() { "1" } else { "0" })
            .with_tag("tmi-sent-ts", now.to_string())
            .with_tag("turbo", "0")
            .with_tag("user-id", s.user_id.to_string())
            .with_tag("user-type", if is_mod { "mod" } else { "" });
        let json = ServerFrame::Message { message: msg.clone() };
        self.bus.publish(crate::events::Event::ChannelChatMessage(aethex_sdk::ChannelChatMessageEvent {
            broadcaster_user_id: msg.broadcaster_user_id.clone(),
            broadcaster_user_login: self.login.clone(),
            broadcaster_user_name: self.display_name.clone(),
            chatter_user_id: msg.user_id.clone(),
            chatter_user_login: msg.user_login.clone(),
            chatter_user_name: msg.user_name.clone(),
            message_id: msg.id.clone(),
            message: aethex_sdk::ChatMessageText { text: msg.text.clone() },
            badges: badges
                .iter()
                .map(|b| {
                    let (set, version) = b.split_once('/').unwrap_or((b.as_str(), "1"));
                    let info = if set == "subscriber" { version.to_string() } else { String::new() };
                    aethex_sdk::ChatBadge { set_id: set.to_string(), id: version.to_string(), info }
                })
                .collect(),
        }));
        self.push_history(msg.clone());
        self.share(fanout::Change::History { message: msg.clone() });
        self.publish(RoomEvent::new(irc, json, false, conn));
        Ok(msg)
    }

    /// Apply a ban or timeout already stored: cache, purge history, CLEARCHAT.
    fn apply_ban(&self, user_id: i64, login: &str, until: Option<i64>) {
        self.ban_local(user_id, until);
        self.share(fanout::Change::Ban { user_id, until });
        let mut irc = Message::new("CLEARCHAT", &[&format!("#{}", self.login), login])
            .with_prefix("tmi.twitch.tv")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("target-user-id", user_id.to_string())
            .with_tag("tmi-sent-ts", now_ms().to_string());
        let duration = until.map(|u| ((u - now_ms()) / 1000).max(1));
        if let Some(d) = duration {
            irc = irc.with_tag("ban-duration", d.to_string());
        }
        let json = ServerFrame::ClearUser {
            channel: self.login.clone(),
            user_id: user_id.to_string(),
            user_login: login.to_string(),
            duration,
        };
        self.publish(RoomEvent::new(irc, json, true, None));
    }

    fn apply_unban(&self, user_id: i64) {
        self.moderation.write().unwrap_or_else(|p| p.into_inner()).bans.remove(&user_id);
        self.share(fanout::Change::Unban { user_id });
    }

    /// Delete one message: CLEARMSG to everyone, gone from history.
    pub fn delete_message(&self, id: &str) -> Result<(), Refusal> {
        let removed = self.remove_history(id);
        if removed.is_some() {
            self.share(fanout::Change::Delete { id: id.to_string() });
        }
        let m = removed.ok_or_else(|| {
            refuse("bad_delete_message_error", "That message does not exist or is too old to delete.")
        })?;
        let irc = Message::new("CLEARMSG", &[&format!("#{}", self.login), &m.text])
            .with_prefix("tmi.twitch.tv")
            .with_tag("login", m.user_login.clone())
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("target-msg-id", m.id.clone())
            .with_tag("tmi-sent-ts", now_ms().to_string());
        self.publish(RoomEvent::new(irc, ServerFrame::Delete { channel: self.login.clone(), message_id: m.id }, true, None));
        Ok(())
    }

    /// Clear the whole chat.
    pub fn clear(&self) {
        self.history.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.share(fanout::Change::Clear);
        let irc = Message::new("CLEARCHAT", &[&format!("#{}", self.login)])
            .with_prefix("tmi.twitch.tv")
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("tmi-sent-ts", now_ms().to_string());
        self.publish(RoomEvent::new(irc, ServerFrame::Clear { channel: self.login.clone() }, true, None));
    }

    /// A USERNOTICE (subscription, donation, ...) to the room.
    pub fn usernotice(
        &self,
        msg_id: &str,
        user_id: &str,
        login: &str,
        system_msg: &str,
        params: &[(&str, String)],
        text: Option<&str>,
    ) {
        let mut irc = Message::new("USERNOTICE", &[&format!("#{}", self.login)])
            .with_prefix(SERVER_NAME)
            .with_tag("badge-info", "")
            .with_tag("badges", "")
            .with_tag("color", "")
            .with_tag("display-name", login)
            .with_tag("emotes", "")
            .with_tag("flags", "")
            .with_tag("id", crate::crypto::uuid())
            .with_tag("login", login)
            .with_tag("mod", "0")
            .with_tag("msg-id", msg_id);
        for (k, v) in params {
            irc = irc.with_tag(k, v.clone());
        }
        irc = irc
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("subscriber", if msg_id == "sub" || msg_id == "resub" { "1" } else { "0" })
            .with_tag("system-msg", system_msg)
            .with_tag("tmi-sent-ts", now_ms().to_string())
            .with_tag("user-id", user_id)
            .with_tag("user-type", "");
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            irc.params.push(t.to_string());
        }
        let json = ServerFrame::Usernotice {
            channel: self.login.clone(),
            msg_id: msg_id.to_string(),
            user_login: login.to_string(),
            system_msg: system_msg.to_string(),
            text: text.map(str::to_string),
        };
        self.publish(RoomEvent::new(irc, json, true, None));
    }

    fn apply_settings(&self, s: ChatSettings) {
        self.moderation.write().unwrap_or_else(|p| p.into_inner()).settings = s.clone();
        self.share(fanout::Change::Settings { settings: s.clone() });
        self.publish(RoomEvent::new(
            self.roomstate(),
            ServerFrame::Settings { channel: self.login.clone(), settings: s },
            true,
            None,
        ));
    }

    fn set_moderator(&self, user_id: i64, on: bool) {
        self.set_moderator_local(user_id, on);
        self.share(fanout::Change::Moderator { user_id, on });
    }
}

/// Errors of chat storage.
pub type ChatResult<T> = Result<T, sqlx::Error>;

/// The chat service: rooms by login.
#[derive(Debug)]
pub struct Chat {
    db: Db,
    bus: crate::events::Bus,
    rooms: RwLock<HashMap<String, Arc<Room>>>,
    next_conn: std::sync::atomic::AtomicU64,
    fanout: std::sync::OnceLock<Arc<fanout::Fanout>>,
}

impl Chat {
    /// The service.
    pub fn new(db: Db, bus: crate::events::Bus) -> Arc<Self> {
        Arc::new(Self {
            db,
            bus,
            rooms: RwLock::new(HashMap::new()),
            next_conn: 1.into(),
            fanout: std::sync::OnceLock::new(),
        })
    }

    /// Join the other nodes through Redis at `url`.
    pub fn connect_redis(self: &Arc<Self>, url: &str) -> Result<(), redis::RedisError> {
        let f = fanout::start(url, Arc::downgrade(self))?;
        let _ = self.fanout.set(f);
        Ok(())
    }

    /// Another node's change, for a room this node has loaded.
    fn apply_remote(&self, login: &str, change: fanout::Change) {
        let room = self.rooms.read().unwrap_or_else(|p| p.into_inner()).get(login).cloned();
        if let Some(room) = room {
            room.apply_remote(change);
        }
    }

    /// A fresh connection id.
    pub fn conn_id(&self) -> u64 {
        self.next_conn.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// Who a chat client's token belongs to (the auth capability decides).
    pub async fn principal(&self, token: &str) -> Result<crate::auth::Principal, crate::auth::TokenError> {
        crate::auth::principal_for(&self.db, token).await
    }

    /// The room of a channel, or the refusal a chat client is shown.
    pub async fn find_room(&self, login: &str) -> Result<Arc<Room>, Refusal> {
        match self.room(login).await {
            Ok(Some(r)) => Ok(r),
            Ok(None) => Err(Refusal {
                msg_id: "msg_channel_suspended",
                text: "This channel does not exist or has been suspended.".into(),
            }),
            Err(e) => {
                tracing::error!(error = %e, channel = login, "chat room lookup failed");
                Err(Refusal { msg_id: "msg_error", text: "Try again.".into() })
            }
        }
    }

    /// The room of a channel, loading its moderation state on first use;
    /// `None` when no such channel exists.
    pub async fn room(&self, login: &str) -> ChatResult<Option<Arc<Room>>> {
        if let Some(r) = self.rooms.read().unwrap_or_else(|p| p.into_inner()).get(login) {
            return Ok(Some(r.clone()));
        }
        if !aethex_sdk::is_valid_login(login) {
            return Ok(None);
        }
        let Some(channel_id) = crate::accounts::user_id_by_login(&self.db, login).await? else { return Ok(None) };
        let pool = &self.db.pool;
        let display_name =
            crate::accounts::names(&self.db, &[channel_id]).await?.remove(&channel_id).map(|(_, d)| d).unwrap_or_default();
        let mut m = Moderation::default();
        for r in sqlx::query("SELECT user_id FROM channel_moderators WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.moderators.insert(int(&r, "user_id")?);
        }
        for r in sqlx::query("SELECT user_id, expires_at FROM chat_bans WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.bans.insert(int(&r, "user_id")?, r.try_get::<Option<i64>, _>("expires_at")?);
        }
        if let Some(r) = sqlx::query("SELECT slow_seconds, followers_only_minutes, subscribers_only, emote_only FROM chat_settings WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_optional(pool)
            .await?
        {
            let fo = int(&r, "followers_only_minutes")?;
            m.settings = ChatSettings {
                slow_seconds: int(&r, "slow_seconds")?,
                followers_only_minutes: (fo >= 0).then_some(fo),
                subscribers_only: int(&r, "subscribers_only")? != 0,
                emote_only: int(&r, "emote_only")? != 0,
            };
        }
        for r in sqlx::query("SELECT term FROM chat_blocked_terms WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.blocked_terms.push(text(&r, "term")?.to_lowercase());
        }
        let room = Arc::new(Room {
            login: login.to_string(),
            channel_id,
            tx: broadcast::channel(ROOM_BUFFER).0,
            history: Mutex::new(VecDeque::with_capacity(HISTORY)),
            moderation: RwLock::new(m),
            members: Mutex::new(HashMap::new()),
            recent: Mutex::new(HashMap::new()),
            fanout: self.fanout.get().cloned(),
            display_name,
            bus: self.bus.clone(),
        });
        let mut rooms = self.rooms.write().unwrap_or_else(|p| p.into_inner());
        Ok(Some(rooms.entry(login.to_string()).or_insert(room).clone()))
    }

    /// Resolve a speaker's standing in a room (subscription, follow age).
    pub async fn speaker(&self, user_id: i64, room: &Room) -> ChatResult<Option<Speaker>> {
        let Some((login, display_name)) = crate::accounts::names(&self.db, &[user_id]).await?.remove(&user_id) else {
            return Ok(None);
        };
        let (sub, followed_at) = crate::social::standing(&self.db, user_id, room.channel_id).await?;
        Ok(Some(Speaker {
            user_id,
            login,
            display_name,
            sub_months: sub,
            followed_at,
        }))
    }

    /// Ban (duration `None`) or time out a user, by a moderator.
    pub async fn ban(
        &self,
        room: &Room,
        moderator: i64,
        target_login: &str,
        duration: Option<i64>,
        reason: &str,
    ) -> Result<(), Refusal> {
        let target = self.target(room, moderator, target_login).await?;
        if let Some(d) = duration {
            if !(1..=1_209_600).contains(&d) {
                return Err(refuse("bad_timeout_duration", "Timeouts last 1 second to 2 weeks."));
            }
        }
        let until = duration.map(|d| now_ms() + d * 1000);
        let event = self.ban_event(room, moderator, target, reason, until).await.map_err(internal)?;
        // The ban row and the outbox rows of `channel.ban` commit together.
        let mut change = self.bus.change(&self.db).await.map_err(internal)?;
        sqlx::query(
            "INSERT INTO chat_bans (channel_id, user_id, expires_at, reason, moderator_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (channel_id, user_id) DO UPDATE SET expires_at = excluded.expires_at, reason = excluded.reason,
             moderator_id = excluded.moderator_id, created_at = excluded.created_at",
        )
        .bind(room.channel_id)
        .bind(target)
        .bind(until)
        .bind(reason.chars().take(500).collect::<String>())
        .bind(moderator)
        .bind(now_ms())
        .execute(change.conn())
        .await
        .map_err(internal)?;
        change.emit(crate::events::Event::ChannelBan(event));
        change.commit().await.map_err(internal)?;
        room.apply_ban(target, target_login, until);
        Ok(())
    }

    /// Lift a ban or timeout.
    pub async fn unban(&self, room: &Room, moderator: i64, target_login: &str) -> Result<(), Refusal> {
        let target = self.target(room, moderator, target_login).await?;
        sqlx::query("DELETE FROM chat_bans WHERE channel_id = $1 AND user_id = $2")
            .bind(room.channel_id)
            .bind(target)
            .execute(&self.db.pool)
            .await
            .map_err(internal)?;
        room.apply_unban(target);
        Ok(())
    }

    async fn ban_event(
        &self,
        room: &Room,
        moderator: i64,
        target: i64,
        reason: &str,
        until: Option<i64>,
    ) -> ChatResult<aethex_sdk::ChannelBanEvent> {
        let names = crate::accounts::names(&self.db, &[room.channel_id, moderator, target]).await?;
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let ((b_login, b_name), (m_login, m_name), (u_login, u_name)) =
            (name(room.channel_id), name(moderator), name(target));
        Ok(aethex_sdk::ChannelBanEvent {
            user_id: target.to_string(),
            user_login: u_login,
            user_name: u_name,
            broadcaster_user_id: room.channel_id.to_string(),
            broadcaster_user_login: b_login,
            broadcaster_user_name: b_name,
            moderator_user_id: moderator.to_string(),
            moderator_user_login: m_login,
            moderator_user_name: m_name,
            reason: reason.chars().take(500).collect(),
            banned_at: rfc3339(now_ms()),
            ends_at: until.map(rfc3339),
            is_permanent: until.is_none(),
        })
    }

    async fn target(&self, room: &Room, moderator: i64, login: &str) -> Result<i64, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        let login = login.trim_start_matches('@').to_lowercase();
        let id = crate::accounts::user_id_by_login(&self.db, &login)
            .await
            .map_err(internal)?
            .ok_or_else(|| refuse("invalid_user", format!("Invalid username: {}", crate::http::truncate(&login, 30))))?;
        if id == room.channel_id {
            return Err(refuse("bad_ban_broadcaster", "You cannot ban or time out the broadcaster."));
        }
        if room.is_moderator(id) && moderator != room.channel_id {
            return Err(refuse("bad_ban_mod", "Moderators cannot ban or time out other moderators."));
        }
        Ok(id)
    }

    /// Change a room's modes (moderators).
    pub async fn update_settings(
        &self,
        room: &Room,
        moderator: i64,
        change: &aethex_sdk::ChatSettingsUpdate,
    ) -> Result<ChatSettings, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        let mut s = room.settings();
        if let Some(v) = change.slow_seconds {
            if !(0..=120).contains(&v) {
                return Err(refuse("bad_slow_duration", "Slow mode lasts 0 to 120 seconds."));
            }
            s.slow_seconds = v;
        }
        if let Some(v) = change.followers_only_minutes {
            if !(-1..=129_600).contains(&v) {
                return Err(refuse(
                    "bad_followers_duration",
                    "Followers-only lasts 0 minutes to 3 months, or -1 for off.",
                ));
            }
            s.followers_only_minutes = (v >= 0).then_some(v);
        }
        if let Some(v) = change.subscribers_only {
            s.subscribers_only = v;
        }
        if let Some(v) = change.emote_only {
            s.emote_only = v;
        }
        sqlx::query(
            "INSERT INTO chat_settings (channel_id, slow_seconds, followers_only_minutes, subscribers_only, emote_only) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel_id) DO UPDATE SET slow_seconds = excluded.slow_seconds, followers_only_minutes = excluded.followers_only_minutes,
             subscribers_only = excluded.subscribers_only, emote_only = excluded.emote_only",
        )
        .bind(room.channel_id)
        .bind(s.slow_seconds)
        .bind(s.followers_only_minutes.unwrap_or(-1))
        .bind(i64::from(s.subscribers_only))
        .bind(i64::from(s.emote_only))
        .execute(&self.db.pool)
        .await
        .map_err(internal)?;
        room.apply_settings(s.clone());
        Ok(s)
    }

    /// The room's blocked terms (moderators).
    pub fn blocked_terms(&self, room: &Room) -> Vec<String> {
        room.moderation.read().unwrap_or_else(|p| p.into_inner()).blocked_terms.clone()
    }

    /// Add or remove a blocked term (moderators): messages containing it, in
    /// any case, are refused for regular users.
    pub async fn set_blocked_term(
        &self,
        room: &Room,
        moderator: i64,
        term: &str,
        on: bool,
    ) -> Result<Vec<String>, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        let term = term.trim().to_lowercase();
        if term.is_empty() || term.chars().count() > 100 || term.chars().any(char::is_control) {
            return Err(refuse("bad_blocked_term", "A blocked term is 1-100 characters without control characters."));
        }
        let stored = if on {
            sqlx::query("INSERT INTO chat_blocked_terms (channel_id, term, created_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id, term) DO NOTHING")
                .bind(room.channel_id)
                .bind(&term)
                .bind(now_ms())
                .execute(&self.db.pool)
                .await
        } else {
            sqlx::query("DELETE FROM chat_blocked_terms WHERE channel_id = $1 AND term = $2")
                .bind(room.channel_id)
                .bind(&term)
                .execute(&self.db.pool)
                .await
        };
        stored.map_err(internal)?;
        let terms = {
            let mut m = room.moderation.write().unwrap_or_else(|p| p.into_inner());
            m.blocked_terms.retain(|t| *t != term);
            if on {
                if m.blocked_terms.len() >= 1000 {
                    return Err(refuse("bad_blocked_term", "A room has at most 1000 blocked terms."));
                }
                m.blocked_terms.push(term);
            }
            m.blocked_terms.clone()
        };
        room.share(fanout::Change::BlockedTerms { terms: terms.clone() });
        Ok(terms)
    }

    /// Whether `user_id` is an appointed moderator of channel `channel_id` (from
    /// the database: the room may not be loaded on this node).
    pub async fn moderates(&self, channel_id: i64, user_id: i64) -> ChatResult<bool> {
        let row: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM channel_moderators WHERE channel_id = $1 AND user_id = $2")
                .bind(channel_id)
                .bind(user_id)
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Appoint or remove a moderator (the broadcaster's call, checked by the caller).
    pub async fn set_moderator(&self, room: &Room, user_id: i64, on: bool) -> ChatResult<()> {
        if on {
            sqlx::query("INSERT INTO channel_moderators (channel_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id, user_id) DO NOTHING")
                .bind(room.channel_id)
                .bind(user_id)
                .bind(now_ms())
                .execute(&self.db.pool)
                .await?;
        } else {
            sqlx::query("DELETE FROM channel_moderators WHERE channel_id = $1 AND user_id = $2")
                .bind(room.channel_id)
                .bind(user_id)
                .execute(&self.db.pool)
                .await?;
        }
        room.set_moderator(user_id, on);
        Ok(())
    }
}

fn internal(e: sqlx::Error) -> Refusal {
    tracing::error!(error = %e, "chat storage error");
    refuse("msg_error", "Something went wrong; try again.")
}
