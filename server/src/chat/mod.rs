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
pub mod automod;
pub mod commands;
pub mod fanout;
pub mod irc;
pub mod notices;
pub mod policy;
mod render;
pub mod reports;
pub mod session;
mod store;
pub mod ws;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, RwLock};

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::{ChatMessage, ChatSettings};
use tokio::sync::broadcast;

use crate::store::{now_ms, rfc3339, Db};
use policy::Moderation;

const SERVER_NAME: &str = "tmi.twitch.tv";

/// Messages kept per room for history.
pub const HISTORY: usize = 100;
/// Room events buffered per subscriber before it counts as too slow.
pub const ROOM_BUFFER: usize = 512;
pub use policy::{MAX_TEXT, RATE_ELEVATED, RATE_REGULAR};
pub use render::RoomEvent;

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
    /// Events for the room's moderators only (AutoMod's holds).
    mod_tx: broadcast::Sender<Arc<RoomEvent>>,
    /// Held messages and reports are stored here.
    db: Db,
    /// How long AutoMod holds a message before it expires.
    hold_ms: i64,
    /// Holds being stored now: bounded, so a flood cannot queue unbounded work.
    holding: std::sync::atomic::AtomicUsize,
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

/// A storage failure as the sender sees it (logged here, once).
fn internal(e: sqlx::Error) -> Refusal {
    tracing::error!(error = %e, "chat storage error");
    refuse("msg_error", "Something went wrong; try again.")
}

impl Room {
    /// Subscribe to the room's events.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<RoomEvent>> {
        self.tx.subscribe()
    }

    /// Subscribe to the events only the room's moderators get.
    pub fn subscribe_mods(&self) -> broadcast::Receiver<Arc<RoomEvent>> {
        self.mod_tx.subscribe()
    }

    /// Deliver to this node's members and share with the other nodes.
    fn publish(&self, ev: Arc<RoomEvent>) {
        self.share(fanout::Fanout::event(&ev, false));
        let _ = self.tx.send(ev);
    }

    /// Deliver to the moderators on every node.
    fn publish_mods(&self, ev: Arc<RoomEvent>) {
        self.share(fanout::Fanout::event(&ev, true));
        let _ = self.mod_tx.send(ev);
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

    /// Show the user's messages in history under `pseudonym` (their account was erased).
    fn pseudonymise_history(&self, user_id: i64, pseudonym: &str) {
        let id = user_id.to_string();
        for m in self.history.lock().unwrap_or_else(|p| p.into_inner()).iter_mut().filter(|m| m.user_id == id) {
            m.user_id = String::new();
            m.user_login = pseudonym.to_string();
            m.user_name = pseudonym.to_string();
        }
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
            Change::Event { irc_tags, irc_plain, json, command_only, mods_only } => {
                let ev = Arc::new(RoomEvent { irc_tags, irc_plain, json, command_only, from_conn: None });
                let _ = if mods_only { self.mod_tx.send(ev) } else { self.tx.send(ev) };
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
            Change::Automod { settings } => self.apply_automod(&settings),
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

    /// The appointed moderators' ids (the broadcaster is not among them).
    pub fn moderator_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> =
            self.moderation.read().unwrap_or_else(|p| p.into_inner()).moderators.iter().copied().collect();
        ids.sort_unstable();
        ids
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

    /// Check and broadcast a message from `s`. `conn` does not get it back.
    /// A regular chatter's line that AutoMod catches is held for the
    /// moderators instead: the sender is told, as on Twitch, with `msg_rejected`.
    pub fn send(self: &Arc<Self>, s: &Speaker, text: &str, conn: Option<u64>) -> Result<ChatMessage, Refusal> {
        // `/me` in any of its forms, on every surface: the body is what the rules check.
        let (action, text) = match policy::action(text) {
            Some(body) => (true, body),
            None => (false, text),
        };
        let elevated = self.is_moderator(s.user_id);
        let now = now_ms();
        let sender = policy::Sender {
            user_id: s.user_id,
            elevated,
            subscribed: s.sub_months.is_some(),
            followed_at: s.followed_at,
        };
        let (text, automod) = {
            let m = self.moderation.read().unwrap_or_else(|p| p.into_inner());
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            if recent.len() > 100_000 {
                recent.retain(|_, q| !policy::expired(q, now));
            }
            let text = policy::check(&m, &self.login, sender, text, recent.entry(s.user_id).or_default(), now)?;
            (text, m.automod)
        };
        if !elevated {
            if let Some(hold) = crate::intel::automod::check(text, &automod) {
                return Err(self.hold(s, text, action, hold));
            }
        }
        Ok(self.deliver(s, text, action, conn, now))
    }

    /// Broadcast a message that passed (or a moderator approved): history,
    /// every gateway, the other nodes, `channel.chat.message`.
    fn deliver(&self, s: &Speaker, text: &str, action: bool, conn: Option<u64>, now: i64) -> ChatMessage {
        let badges = self.badges(s);
        let msg = ChatMessage {
            id: crate::crypto::uuid(),
            broadcaster_user_id: self.channel_id.to_string(),
            broadcaster_login: self.login.clone(),
            user_id: s.user_id.to_string(),
            user_login: s.login.clone(),
            user_name: s.display_name.clone(),
            text: text.to_string(),
            action,
            badges: badges.clone(),
            sent_at: rfc3339(now),
        };
        self.redeliver(s, msg, conn, now)
    }

    /// Broadcast `msg` (already built) as a line from `s`: new, or a hidden
    /// one shown again.
    fn redeliver(&self, s: &Speaker, msg: ChatMessage, conn: Option<u64>, now: i64) -> ChatMessage {
        let badges = msg.badges.clone();
        let is_mod = self.is_moderator(s.user_id) && s.user_id != self.channel_id;
        let irc = self.privmsg_line(s, &msg, &badges, is_mod, now);
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
        msg
    }

    /// Apply a ban or timeout already stored: cache, purge history, CLEARCHAT.
    fn apply_ban(&self, user_id: i64, login: &str, until: Option<i64>) {
        self.ban_local(user_id, until);
        self.share(fanout::Change::Ban { user_id, until });
        // Rounded up: a 30 s timeout announced a few ms later is still `ban-duration=30`, as on Twitch.
        let duration = until.map(|u| ((u - now_ms() + 999) / 1000).max(1));
        let irc = self.clearchat_user_line(user_id, login, duration);
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
        let irc = self.clearmsg_line(&m);
        self.publish(RoomEvent::new(
            irc,
            ServerFrame::Delete { channel: self.login.clone(), message_id: m.id },
            true,
            None,
        ));
        Ok(())
    }

    /// Clear the whole chat.
    pub fn clear(&self) {
        self.history.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.share(fanout::Change::Clear);
        let irc = self.clearchat_line();
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
        let irc = self.usernotice_line(msg_id, user_id, login, system_msg, params, text);
        let json = ServerFrame::Usernotice {
            channel: self.login.clone(),
            msg_id: msg_id.to_string(),
            user_login: login.to_string(),
            system_msg: system_msg.to_string(),
            text: text.map(str::to_string),
        };
        self.publish(RoomEvent::new(irc, json, true, None));
    }

    /// This room's channel raided `to`: the web app's viewers are taken there.
    pub fn raid_away(&self, to_login: &str, to_name: &str, viewers: i64) {
        self.publish(RoomEvent::json_only(ServerFrame::Raid {
            channel: self.login.clone(),
            to_login: to_login.to_string(),
            to_name: to_name.to_string(),
            viewers,
        }));
    }

    /// Apply modes already stored; ROOMSTATE with what changed or was asked for.
    fn apply_settings(&self, s: ChatSettings, asked: &aethex_sdk::ChatSettingsUpdate) {
        let before =
            std::mem::replace(&mut self.moderation.write().unwrap_or_else(|p| p.into_inner()).settings, s.clone());
        self.share(fanout::Change::Settings { settings: s.clone() });
        self.publish(RoomEvent::new(
            self.roomstate_change(Some(&before), &s, Some(asked)),
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
    /// How long AutoMod holds a message (ms), for rooms loaded from now on.
    hold_ms: std::sync::atomic::AtomicI64,
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
            hold_ms: automod::HOLD_MS.into(),
        })
    }

    /// How long AutoMod holds a message before it expires (set at start).
    pub fn set_hold(&self, d: std::time::Duration) {
        self.hold_ms.store(d.as_millis().clamp(1000, 3_600_000) as i64, std::sync::atomic::Ordering::Relaxed);
    }

    /// An erased user's messages stay in every room's history under
    /// `pseudonym`, their id gone; their own room is closed.
    pub fn forget_user(&self, user_id: i64, login: &str, pseudonym: &str) {
        let mut rooms = self.rooms.write().unwrap_or_else(|p| p.into_inner());
        rooms.remove(login);
        for room in rooms.values() {
            room.pseudonymise_history(user_id, pseudonym);
        }
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

    /// A user's login (accounts decides).
    pub async fn login_of(&self, user_id: i64) -> Result<Option<String>, sqlx::Error> {
        crate::accounts::login_of(&self.db, user_id).await
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
}

/// The user's chat roles, bans, their channel's chat and AutoMod settings,
/// their held and reported messages and their reports, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    use crate::store::export_rows;
    Ok(vec![
        export_rows(
            conn,
            "channel_moderators",
            "SELECT channel_id, user_id, created_at FROM channel_moderators WHERE channel_id = $1 OR user_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "chat_bans",
            "SELECT channel_id, user_id, moderator_id, expires_at, reason, created_at FROM chat_bans
             WHERE channel_id = $1 OR user_id = $1 OR moderator_id = $1",
            id,
        )
        .await?,
        export_rows(conn, "chat_settings", "SELECT * FROM chat_settings WHERE channel_id = $1", id).await?,
        export_rows(
            conn,
            "chat_blocked_terms",
            "SELECT term, created_at FROM chat_blocked_terms WHERE channel_id = $1",
            id,
        )
        .await?,
        export_rows(conn, "automod_settings", "SELECT * FROM automod_settings WHERE channel_id = $1", id).await?,
        export_rows(
            conn,
            "automod_held",
            "SELECT id, channel_id, text, category, level, held_at, status FROM automod_held WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "chat_reported",
            "SELECT message_id, channel_id, text, reports, status, first_reported_at FROM chat_reported WHERE user_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "chat_reports",
            "SELECT message_id, reason, created_at FROM chat_reports WHERE reporter_id = $1",
            id,
        )
        .await?,
    ])
}

/// The channels user `id` moderates or is banned from: part of their
/// community, told of their erasure ([`crate::privacy`]).
pub async fn channels_of(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT channel_id FROM channel_moderators WHERE user_id = $1 UNION SELECT channel_id FROM chat_bans WHERE user_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
}

/// Remove the user's chat roles, bans, their channel's settings, their held
/// and reported messages and their reports; bans and verdicts they gave as a
/// moderator stay, no longer naming them.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM channel_moderators WHERE channel_id = $1 OR user_id = $1",
        "DELETE FROM chat_bans WHERE channel_id = $1 OR user_id = $1",
        "UPDATE chat_bans SET moderator_id = 0 WHERE moderator_id = $1",
        "DELETE FROM chat_settings WHERE channel_id = $1",
        "DELETE FROM chat_blocked_terms WHERE channel_id = $1",
        "DELETE FROM automod_settings WHERE channel_id = $1",
        "DELETE FROM automod_held WHERE user_id = $1 OR channel_id = $1",
        "UPDATE automod_held SET moderator_id = 0 WHERE moderator_id = $1",
        "DELETE FROM chat_reports WHERE reporter_id = $1
             OR message_id IN (SELECT message_id FROM chat_reported WHERE user_id = $1 OR channel_id = $1)",
        "DELETE FROM chat_reported WHERE user_id = $1 OR channel_id = $1",
        "UPDATE chat_reported SET moderator_id = 0 WHERE moderator_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}
