//! The session core every chat gateway shares: IRC over TCP, IRC over
//! WebSocket and the JSON socket each wrap one [`Core`], so sign-in, the
//! room cap, the join rate and the output queue are written once.
//!
//! Output goes through a [`Feed`]: the connection's direct lines plus the
//! broadcast receivers of the rooms it joined, read by the writer task itself
//! (one wake-up per burst, no forwarding task per room). A client that falls a
//! room buffer behind, or whose queue stays full, is dropped.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{broadcast, mpsc, Notify};

use super::{Chat, Refusal, Room, RoomEvent, Speaker};

/// Lines queued for one client before it counts as a slow reader.
pub const OUT_QUEUE: usize = 1024;
/// A write that cannot finish this long means a client that stopped reading: it is dropped.
pub const WRITE_STALL: Duration = Duration::from_secs(10);
/// A client silent this long is disconnected (clients PING every few minutes).
pub const IDLE: Duration = Duration::from_secs(360);
/// Channels one connection may be in.
pub const MAX_ROOMS: usize = 100;
/// JOINs per [`JOIN_WINDOW`] (Twitch's limit for regular accounts).
pub const JOIN_RATE: usize = 20;
/// The window of [`JOIN_RATE`].
pub const JOIN_WINDOW: Duration = Duration::from_secs(10);

/// What the writer sends.
#[derive(Debug)]
pub enum Out {
    /// A line (or JSON frame) for this client only.
    Line(String),
    /// Start delivering a room's events (sent on join, before the join's answer).
    Subscribe(String, broadcast::Receiver<Arc<RoomEvent>>),
    /// Stop delivering a room's events.
    Unsubscribe(String),
}

/// What a connection's writer sends next.
#[derive(Debug)]
pub enum Item {
    /// A direct line.
    Line(String),
    /// A room event, rendered by the gateway (IRC with or without tags, JSON).
    Event(Arc<RoomEvent>),
}

/// The client fell more than a room buffer behind: it is dropped.
#[derive(Debug)]
pub struct TooSlow;

/// The client's queue stayed full (or its writer ended): the session ends.
#[derive(Debug, PartialEq, Eq)]
pub struct Gone;

/// A connection's outgoing feed.
pub struct Feed {
    rx: mpsc::Receiver<Out>,
    rooms: Vec<(String, broadcast::Receiver<Arc<RoomEvent>>)>,
    conn: u64,
}

impl Feed {
    fn control(&mut self, o: Out) -> Option<Item> {
        match o {
            Out::Line(l) => Some(Item::Line(l)),
            Out::Subscribe(name, rx) => {
                self.rooms.push((name, rx));
                None
            }
            Out::Unsubscribe(name) => {
                self.rooms.retain(|(n, _)| *n != name);
                None
            }
        }
    }

    fn event(
        &mut self,
        idx: usize,
        r: Result<Arc<RoomEvent>, broadcast::error::RecvError>,
    ) -> Result<Option<Item>, TooSlow> {
        match r {
            Ok(ev) if ev.from_conn == Some(self.conn) => Ok(None),
            Ok(ev) => Ok(Some(Item::Event(ev))),
            Err(broadcast::error::RecvError::Lagged(_)) => Err(TooSlow),
            Err(broadcast::error::RecvError::Closed) => {
                self.rooms.remove(idx);
                Ok(None)
            }
        }
    }

    /// The next item without waiting, if one is ready.
    pub fn try_next(&mut self) -> Result<Option<Item>, TooSlow> {
        while let Ok(o) = self.rx.try_recv() {
            if let Some(item) = self.control(o) {
                return Ok(Some(item));
            }
        }
        for i in 0..self.rooms.len() {
            match self.rooms[i].1.try_recv() {
                Err(broadcast::error::TryRecvError::Empty) => {}
                Err(broadcast::error::TryRecvError::Lagged(_)) => return Err(TooSlow),
                Err(broadcast::error::TryRecvError::Closed) => {}
                Ok(ev) => {
                    if let Some(item) = self.event(i, Ok(ev))? {
                        return Ok(Some(item));
                    }
                }
            }
        }
        Ok(None)
    }

    /// The next item; `Ok(None)` once the session is gone.
    pub async fn next(&mut self) -> Result<Option<Item>, TooSlow> {
        loop {
            if let Some(item) = self.try_next()? {
                return Ok(Some(item));
            }
            let has_rooms = !self.rooms.is_empty();
            tokio::select! {
                biased;
                o = self.rx.recv() => match o {
                    None => return Ok(None),
                    Some(o) => if let Some(item) = self.control(o) { return Ok(Some(item)) },
                },
                (i, r) = recv_any(&mut self.rooms), if has_rooms => {
                    if let Some(item) = self.event(i, r)? {
                        return Ok(Some(item));
                    }
                }
            }
        }
    }
}

async fn recv_any(
    rooms: &mut [(String, broadcast::Receiver<Arc<RoomEvent>>)],
) -> (usize, Result<Arc<RoomEvent>, broadcast::error::RecvError>) {
    if let [(_, rx)] = rooms {
        return (0, rx.recv().await);
    }
    let futs = rooms.iter_mut().enumerate().map(|(i, (_, rx))| Box::pin(async move { (i, rx.recv().await) }));
    futures_util::future::select_all(futs).await.0
}

/// A signed-in chat user.
#[derive(Debug, Clone)]
pub struct ChatUser {
    /// User id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// The token has `chat:edit`: the user may talk.
    pub can_edit: bool,
    /// The token's app may write at all (not on the read-only free tier).
    pub may_write: bool,
}

/// A token that cannot sign in to chat (unknown, revoked, an app token, or no `chat:read`).
#[derive(Debug)]
pub struct AuthFailed;

/// A room a session is in, and who its user is there.
#[derive(Debug, Clone)]
pub struct Joined {
    /// The room.
    pub room: Arc<Room>,
    /// The user as a speaker in it (`None` when anonymous).
    pub speaker: Option<Speaker>,
}

/// Why a join did not happen.
#[derive(Debug)]
pub enum JoinError {
    /// Refused with a Twitch NOTICE reason (rate, cap, no such channel).
    Refused(Refusal),
    /// The client's queue is full: the session ends.
    Gone,
}

/// `#Name` and `name` are the same room.
pub fn room_name(channel: &str) -> String {
    channel.trim_start_matches('#').to_lowercase()
}

/// One connection's chat state, whatever its protocol.
pub struct Core {
    /// The chat service.
    pub chat: Arc<Chat>,
    /// Connection id (rooms use it to skip echoing a client's own message).
    pub conn: u64,
    /// The signed-in user (None before sign-in or when anonymous).
    pub user: Option<ChatUser>,
    /// Set by the writer when this client cannot keep up.
    pub slow: Arc<Notify>,
    out: mpsc::Sender<Out>,
    joined: HashMap<String, Joined>,
    joins: VecDeque<Instant>,
}

impl Core {
    /// A new session core and the feed its writer reads.
    pub fn open(chat: Arc<Chat>) -> (Self, Feed) {
        let (out, rx) = mpsc::channel::<Out>(OUT_QUEUE);
        let conn = chat.conn_id();
        let core = Self {
            chat,
            conn,
            user: None,
            slow: Arc::new(Notify::new()),
            out,
            joined: HashMap::new(),
            joins: VecDeque::new(),
        };
        (core, Feed { rx, rooms: Vec::new(), conn })
    }

    /// Sign in with an access token: a user token with `chat:read` (`chat:edit` to talk).
    pub async fn authenticate(&mut self, token: &str) -> Result<&ChatUser, AuthFailed> {
        let p = self.chat.principal(token).await.map_err(|_| AuthFailed)?;
        let Some(id) = p.user_id.filter(|_| p.scopes.iter().any(|s| s == "chat:read")) else {
            return Err(AuthFailed);
        };
        let can_edit = p.scopes.iter().any(|s| s == "chat:edit");
        let may_write = p.may_write();
        let login = self.chat.login_of(id).await.map_err(|_| AuthFailed)?.ok_or(AuthFailed)?;
        Ok(self.user.insert(ChatUser { id, login, can_edit, may_write }))
    }

    /// Sign in the person whose browser session opened this socket on one of
    /// our own pages: the first-party web app talks as its user.
    pub fn sign_in_browser(&mut self, id: i64, login: String) -> &ChatUser {
        self.user.insert(ChatUser { id, login, can_edit: true, may_write: true })
    }

    /// Whether the signed-in user may talk (and moderate) here: a token with
    /// `chat:edit` whose app may write. Every gateway asks this, so the scope
    /// and the tier rule hold on IRC, IRC over WebSocket and the JSON socket alike.
    pub fn may_talk(&self) -> Result<(), Refusal> {
        match &self.user {
            Some(u) if u.can_edit && u.may_write => Ok(()),
            Some(u) if u.can_edit => {
                Err(Refusal { msg_id: "msg_read_only_tier", text: crate::auth::READ_ONLY_TIER.to_string() })
            }
            _ => Err(Refusal {
                msg_id: "msg_requires_chat_edit",
                text: "Log in with the chat:edit scope to talk.".into(),
            }),
        }
    }

    /// The signed-in login.
    pub fn login(&self) -> Option<&str> {
        self.user.as_ref().map(|u| u.login.as_str())
    }

    /// Queue a direct line (or JSON frame); a queue full for a second means a client too slow to keep.
    pub async fn send_line(&self, line: String) -> Result<(), Gone> {
        match tokio::time::timeout(Duration::from_secs(1), self.out.send(Out::Line(line))).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(Gone),
        }
    }

    /// The room `name` if this session is in it.
    pub fn joined(&self, name: &str) -> Option<&Joined> {
        self.joined.get(name)
    }

    /// The user as a speaker in `room`, looked up once.
    pub async fn speaker(&self, room: &Arc<Room>) -> Option<Speaker> {
        let user = self.user.as_ref()?;
        self.chat.speaker(user.id, room).await.ok().flatten()
    }

    /// Join room `name` (already [`room_name`]d): `Ok(None)` if already in it.
    /// Every gateway's join passes here, so the cap and the rate hold for all.
    pub async fn join(&mut self, name: &str) -> Result<Option<Joined>, JoinError> {
        if self.joined.contains_key(name) {
            return Ok(None);
        }
        while self.joins.front().is_some_and(|t| t.elapsed() > JOIN_WINDOW) {
            self.joins.pop_front();
        }
        if self.joins.len() >= JOIN_RATE || self.joined.len() >= MAX_ROOMS {
            return Err(JoinError::Refused(Refusal {
                msg_id: "msg_ratelimit",
                text: "You are joining channels too quickly.".into(),
            }));
        }
        self.joins.push_back(Instant::now());
        let room = self.chat.find_room(name).await.map_err(JoinError::Refused)?;
        let speaker = self.speaker(&room).await;
        // Subscribe before announcing, so nothing sent after the join is missed.
        let subscribe = self.out.send(Out::Subscribe(name.to_string(), room.subscribe()));
        if !matches!(tokio::time::timeout(Duration::from_secs(1), subscribe).await, Ok(Ok(()))) {
            return Err(JoinError::Gone);
        }
        // A moderator also gets what only moderators see (AutoMod's holds), under the same name,
        // so a part ends both. Standing is read at join, as Twitch's clients rejoin on a role change.
        if self.user.as_ref().is_some_and(|u| room.is_moderator(u.id)) {
            let mods = self.out.send(Out::Subscribe(name.to_string(), room.subscribe_mods()));
            if !matches!(tokio::time::timeout(Duration::from_secs(1), mods).await, Ok(Ok(()))) {
                return Err(JoinError::Gone);
            }
        }
        room.enter(self.conn, self.login().map(str::to_string));
        let j = Joined { room, speaker };
        self.joined.insert(name.to_string(), j.clone());
        Ok(Some(j))
    }

    /// Leave room `name`; false if the session was not in it.
    pub fn part(&mut self, name: &str) -> bool {
        let Some(j) = self.joined.remove(name) else { return false };
        let _ = self.out.try_send(Out::Unsubscribe(name.to_string()));
        j.room.leave(self.conn);
        true
    }

    /// Leave every room (on disconnect).
    pub fn leave_all(&mut self) {
        for (_, j) in self.joined.drain() {
            j.room.leave(self.conn);
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        self.leave_all();
    }
}
