//! The IRC gateway in the Twitch dialect: a session state machine (login,
//! CAP, JOIN/PART, PRIVMSG with tags, moderation commands typed in chat)
//! driven by lines from any transport — TCP here, WebSocket frames later —
//! with bounded lines, bounded output queues and deadlines.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aethex_sdk::irc::{IrcError, Message, MAX_LINE, MAX_TAGS};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, mpsc, Notify};

use super::{Chat, Refusal, Room, RoomEvent, Speaker};
use crate::app::AppState;

/// Lines queued for one client before it counts as a slow reader.
pub const OUT_QUEUE: usize = 1024;
/// A write that cannot finish this long means a client that stopped reading: it is dropped.
pub const WRITE_STALL: Duration = Duration::from_secs(10);
/// Kernel send buffer per IRC connection. Fixed rather than autotuned (which
/// grows to megabytes), so a client that stops reading is noticed after a few
/// hundred lines and 10,000 idle-but-slow clients cannot pin gigabytes.
const SEND_BUFFER: usize = 64 * 1024;
/// A client silent this long is disconnected (clients PING every few minutes).
const IDLE: Duration = Duration::from_secs(360);
/// Registration must finish within this.
const LOGIN_DEADLINE: Duration = Duration::from_secs(30);
/// Channels one connection may be in.
const MAX_ROOMS: usize = 100;
/// JOINs per 10 seconds (Twitch's limit for regular accounts).
const JOIN_RATE: usize = 20;
const SERVER: &str = "tmi.twitch.tv";

/// What the writer sends.
#[derive(Debug)]
pub enum Out {
    /// A line for this client only.
    Line(String),
    /// Start delivering a room's events (sent on JOIN, before the JOIN echo).
    Subscribe(String, broadcast::Receiver<Arc<RoomEvent>>),
    /// Stop delivering a room's events.
    Unsubscribe(String),
}

/// What a connection's writer sends next.
#[derive(Debug)]
pub enum Item {
    /// A direct line.
    Line(String),
    /// A room event.
    Event(Arc<RoomEvent>),
}

/// The client fell more than a room buffer behind: it is dropped.
#[derive(Debug)]
pub struct TooSlow;

/// A connection's outgoing feed: its direct lines plus the events of the rooms
/// it joined, read by the writer task itself — one wake-up per burst, no
/// forwarding task per room.
pub struct Feed {
    rx: mpsc::Receiver<Out>,
    rooms: Vec<(String, broadcast::Receiver<Arc<RoomEvent>>)>,
    conn: u64,
}

impl Feed {
    /// The feed of connection `conn`.
    pub fn new(rx: mpsc::Receiver<Out>, conn: u64) -> Self {
        Self { rx, rooms: Vec::new(), conn }
    }

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

/// Capabilities a client asked for.
#[derive(Debug, Default)]
pub struct Caps {
    /// twitch.tv/tags
    pub tags: AtomicBool,
    /// twitch.tv/commands
    pub commands: AtomicBool,
    /// twitch.tv/membership
    pub membership: AtomicBool,
}

impl Caps {
    /// The line a room event becomes for this client (without CRLF), if any.
    pub fn render<'a>(&self, ev: &'a RoomEvent) -> Option<&'a str> {
        if ev.command_only && !self.commands.load(Ordering::Relaxed) {
            return None;
        }
        Some(if self.tags.load(Ordering::Relaxed) { &ev.irc_tags } else { &ev.irc_plain })
    }
}

/// Why a session ends.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// The client quit or must go (bad login, too long a line, ...).
    Quit,
}

struct Joined {
    room: Arc<Room>,
    speaker: Option<Speaker>,
}

/// One client's IRC session.
pub struct Session {
    chat: Arc<Chat>,
    state: AppState,
    /// Connection id (rooms use it to skip echoing a client's own message).
    pub conn: u64,
    /// Capabilities.
    pub caps: Arc<Caps>,
    out: mpsc::Sender<Out>,
    /// Set by forwarders when this client cannot keep up.
    pub slow: Arc<Notify>,
    pass: Option<String>,
    nick: Option<String>,
    /// Logged-in user (None before login or when anonymous).
    user: Option<(i64, String, Vec<String>)>,
    /// Logged in (user or anonymous).
    pub registered: bool,
    joined: HashMap<String, Joined>,
    /// Rooms talked in without joining (Twitch allows it; pooled clients do it).
    talking: HashMap<String, (Arc<Room>, Option<Speaker>)>,
    joins: VecDeque<Instant>,
}

impl Session {
    /// A new session and the feed its writer reads (direct lines and joined rooms).
    pub fn open(state: AppState) -> (Self, Feed) {
        let (out_tx, out_rx) = mpsc::channel::<Out>(OUT_QUEUE);
        let session = Self::new(state, out_tx);
        let feed = Feed::new(out_rx, session.conn);
        (session, feed)
    }

    /// A new session writing into `out`.
    pub fn new(state: AppState, out: mpsc::Sender<Out>) -> Self {
        let chat = state.chat.clone();
        Self {
            conn: chat.conn_id(),
            chat,
            state,
            caps: Arc::new(Caps::default()),
            out,
            slow: Arc::new(Notify::new()),
            pass: None,
            nick: None,
            user: None,
            registered: false,
            joined: HashMap::new(),
            talking: HashMap::new(),
            joins: VecDeque::new(),
        }
    }

    fn nick(&self) -> String {
        self.user.as_ref().map(|(_, l, _)| l.clone()).or_else(|| self.nick.clone()).unwrap_or_else(|| "*".into())
    }

    async fn send(&self, m: Message) -> Result<(), End> {
        self.send_raw(m.to_line()).await
    }

    async fn send_raw(&self, line: String) -> Result<(), End> {
        // A client whose queue stays full for a second is too slow to keep.
        match tokio::time::timeout(Duration::from_secs(1), self.out.send(Out::Line(line))).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(End::Quit),
        }
    }

    fn server(cmd: &str, params: &[&str]) -> Message {
        Message::new(cmd, params).with_prefix(SERVER)
    }

    async fn notice(&self, target: &str, r: &Refusal) -> Result<(), End> {
        self.send(Self::server("NOTICE", &[target, &r.text]).with_tag("msg-id", r.msg_id)).await
    }

    /// Handle one raw line (without CRLF).
    pub async fn line(&mut self, raw: &str) -> Result<(), End> {
        match Message::parse(raw) {
            Ok(m) => self.handle(m).await,
            Err(IrcError::Empty) => Ok(()),
            Err(IrcError::TooLong) => {
                self.send(Self::server("NOTICE", &["*", "Line too long; disconnecting."])).await?;
                Err(End::Quit)
            }
            Err(e) => {
                self.send(Self::server("NOTICE", &["*", &format!("Unreadable line: {e}")])).await?;
                Ok(())
            }
        }
    }

    async fn handle(&mut self, m: Message) -> Result<(), End> {
        let p = |i: usize| m.params.get(i).map(String::as_str).unwrap_or("");
        match m.command.as_str() {
            "CAP" => self.cap(p(0), p(1)).await,
            "PASS" => {
                self.pass = Some(p(0).to_string());
                Ok(())
            }
            "NICK" => {
                self.nick = Some(p(0).to_lowercase());
                if !self.registered {
                    self.login().await?;
                }
                Ok(())
            }
            "USER" => Ok(()),
            "PING" => {
                // Byte for byte what Twitch answers (trailing form), which some clients compare.
                let token = if p(0).is_empty() { SERVER } else { p(0) };
                self.send_raw(format!(":{SERVER} PONG {SERVER} :{token}")).await
            }
            "PONG" => Ok(()),
            "QUIT" => Err(End::Quit),
            _ if !self.registered => self.send(Self::server("451", &["*", "You have not registered"])).await,
            "JOIN" => {
                for ch in p(0).split(',').filter(|c| !c.is_empty()).take(MAX_ROOMS) {
                    self.join(ch).await?;
                }
                Ok(())
            }
            "PART" => {
                for ch in p(0).split(',') {
                    self.part(ch).await?;
                }
                Ok(())
            }
            "PRIVMSG" => self.privmsg(p(0), p(1), m.tag("reply-parent-msg-id")).await,
            other => {
                let nick = self.nick();
                self.send(Self::server("421", &[&nick, other, "Unknown command"])).await
            }
        }
    }

    async fn cap(&mut self, sub: &str, arg: &str) -> Result<(), End> {
        const KNOWN: [&str; 3] = ["twitch.tv/tags", "twitch.tv/commands", "twitch.tv/membership"];
        match sub.to_ascii_uppercase().as_str() {
            "LS" => self.send(Self::server("CAP", &["*", "LS", &KNOWN.join(" ")])).await,
            "REQ" => {
                let asked: Vec<&str> = arg.split_whitespace().collect();
                if asked.iter().all(|c| KNOWN.contains(c)) {
                    for c in &asked {
                        let flag = match *c {
                            "twitch.tv/tags" => &self.caps.tags,
                            "twitch.tv/commands" => &self.caps.commands,
                            _ => &self.caps.membership,
                        };
                        flag.store(true, Ordering::Relaxed);
                    }
                    self.send(Self::server("CAP", &["*", "ACK", arg])).await
                } else {
                    self.send(Self::server("CAP", &["*", "NAK", arg])).await
                }
            }
            _ => Ok(()),
        }
    }

    async fn login(&mut self) -> Result<(), End> {
        let nick = self.nick.clone().unwrap_or_default();
        let anonymous = nick
            .strip_prefix("justinfan")
            .is_some_and(|d| !d.is_empty() && d.len() <= 12 && d.bytes().all(|b| b.is_ascii_digit()));
        let pass = self.pass.clone().unwrap_or_default();
        if !anonymous {
            let token = pass.strip_prefix("oauth:").unwrap_or(&pass);
            if token.is_empty() {
                self.send(Self::server("NOTICE", &["*", "Improperly formatted auth"])).await?;
                return Err(End::Quit);
            }
            let principal = match crate::auth::principal_for(&self.state.db, token).await {
                Ok(p) if p.user_id.is_some() && p.scopes.iter().any(|s| s == "chat:read") => p,
                _ => {
                    self.send(Self::server("NOTICE", &["*", "Login authentication failed"])).await?;
                    return Err(End::Quit);
                }
            };
            let login = principal.login.clone().unwrap_or_default();
            self.user = Some((principal.user_id.unwrap_or(0), login, principal.scopes));
        }
        self.registered = true;
        let nick = self.nick();
        for (num, text) in [
            ("001", "Welcome, GLHF!"),
            ("002", "Your host is tmi.twitch.tv"),
            ("003", "This server is rather new"),
            ("004", "-"),
            ("375", "-"),
            ("372", "You are in a maze of twisty passages, all alike."),
            ("376", ">"),
        ] {
            self.send(Self::server(num, &[&nick, text])).await?;
        }
        if let (Some((id, login, _)), true) = (&self.user, self.caps.commands.load(Ordering::Relaxed)) {
            let g = Self::server("GLOBALUSERSTATE", &[])
                .with_tag("badge-info", "")
                .with_tag("badges", "")
                .with_tag("color", "")
                .with_tag("display-name", login.clone())
                .with_tag("emote-sets", "0")
                .with_tag("user-id", id.to_string())
                .with_tag("user-type", "");
            self.send(g).await?;
        }
        Ok(())
    }

    async fn join(&mut self, channel: &str) -> Result<(), End> {
        let name = channel.trim_start_matches('#').to_lowercase();
        if self.joined.contains_key(&name) {
            return Ok(());
        }
        while self.joins.front().is_some_and(|t| t.elapsed() > Duration::from_secs(10)) {
            self.joins.pop_front();
        }
        if self.joins.len() >= JOIN_RATE || self.joined.len() >= MAX_ROOMS {
            let r = Refusal { msg_id: "msg_ratelimit", text: "You are joining channels too quickly.".into() };
            return self.notice(&format!("#{name}"), &r).await;
        }
        self.joins.push_back(Instant::now());
        let room = match self.chat.room(&name).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                let r = Refusal {
                    msg_id: "msg_channel_suspended",
                    text: "This channel does not exist or has been suspended.".into(),
                };
                return self.notice(&format!("#{name}"), &r).await;
            }
            Err(e) => {
                tracing::error!(error = %e, "chat room lookup failed");
                return self
                    .notice(&format!("#{name}"), &Refusal { msg_id: "msg_error", text: "Try again.".into() })
                    .await;
            }
        };
        let speaker = match &self.user {
            Some((id, _, _)) => self.chat.speaker(*id, &room).await.ok().flatten(),
            None => None,
        };
        // Subscribe before announcing, so nothing sent after the JOIN is missed.
        if tokio::time::timeout(Duration::from_secs(1), self.out.send(Out::Subscribe(name.clone(), room.subscribe())))
            .await
            .map_or(true, |r| r.is_err())
        {
            return Err(End::Quit);
        }
        let nick = self.nick();
        room.enter(self.conn, self.user.as_ref().map(|(_, l, _)| l.clone()));
        self.send(
            Message::new("JOIN", &[&format!("#{name}")]).with_prefix(format!("{nick}!{nick}@{nick}.tmi.twitch.tv")),
        )
        .await?;
        self.send(
            Message::new("353", &[&nick, "=", &format!("#{name}"), &nick]).with_prefix(format!("{nick}.tmi.twitch.tv")),
        )
        .await?;
        self.send(
            Message::new("366", &[&nick, &format!("#{name}"), "End of /NAMES list"])
                .with_prefix(format!("{nick}.tmi.twitch.tv")),
        )
        .await?;
        if self.caps.commands.load(Ordering::Relaxed) || self.caps.tags.load(Ordering::Relaxed) {
            self.send(room.userstate(speaker.as_ref())).await?;
            self.send(room.roomstate()).await?;
        }
        self.joined.insert(name, Joined { room, speaker });
        Ok(())
    }

    async fn part(&mut self, channel: &str) -> Result<(), End> {
        let name = channel.trim_start_matches('#').to_lowercase();
        if let Some(j) = self.joined.remove(&name) {
            let _ = self.out.try_send(Out::Unsubscribe(name.clone()));
            j.room.leave(self.conn);
            let nick = self.nick();
            self.send(
                Message::new("PART", &[&format!("#{name}")]).with_prefix(format!("{nick}!{nick}@{nick}.tmi.twitch.tv")),
            )
            .await?;
        }
        Ok(())
    }

    async fn privmsg(&mut self, channel: &str, text: &str, _reply_to: Option<&str>) -> Result<(), End> {
        let name = channel.trim_start_matches('#').to_lowercase();
        let target = format!("#{name}");
        let (room, speaker) = match (self.joined.get(&name), self.talking.get(&name)) {
            (Some(j), _) => (j.room.clone(), j.speaker.clone()),
            (None, Some((r, s))) => (r.clone(), s.clone()),
            (None, None) => {
                let room = match self.chat.room(&name).await {
                    Ok(Some(r)) => r,
                    _ => {
                        let r = Refusal {
                            msg_id: "msg_channel_suspended",
                            text: "This channel does not exist or has been suspended.".into(),
                        };
                        return self.notice(&target, &r).await;
                    }
                };
                let speaker = match &self.user {
                    Some((id, _, _)) => self.chat.speaker(*id, &room).await.ok().flatten(),
                    None => None,
                };
                if self.talking.len() >= MAX_ROOMS {
                    self.talking.clear();
                }
                self.talking.insert(name.clone(), (room.clone(), speaker.clone()));
                (room, speaker)
            }
        };
        let can_edit = self.user.as_ref().is_some_and(|(_, _, scopes)| scopes.iter().any(|s| s == "chat:edit"));
        let Some(speaker) = speaker.filter(|_| can_edit) else {
            // Anonymous or read-only logins cannot talk; Twitch drops such lines silently.
            return self
                .notice(
                    &target,
                    &Refusal {
                        msg_id: "msg_requires_chat_edit",
                        text: "Log in with the chat:edit scope to talk.".into(),
                    },
                )
                .await;
        };
        // Twitch's convention: a leading ". " marks literal text (never a
        // command) and is stripped; "/" or "." directly before a word is a command.
        let (text, literal) = match text.strip_prefix(". ") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let text = if literal { text } else { text.strip_prefix("/me ").unwrap_or(text) };
        if !literal {
            if let Some(cmd) = text.strip_prefix('/').or_else(|| text.strip_prefix('.')) {
                return self.command(&room, &speaker, &target, cmd).await;
            }
        }
        match room.send(&speaker, text, Some(self.conn)) {
            Ok(_) => self.send(room.userstate(Some(&speaker))).await,
            Err(r) => self.notice(&target, &r).await,
        }
    }

    /// Twitch's legacy chat commands, typed as messages.
    async fn command(&mut self, room: &Arc<Room>, s: &Speaker, target: &str, cmd: &str) -> Result<(), End> {
        let mut words = cmd.split_whitespace();
        let name = words.next().unwrap_or("").to_lowercase();
        let arg = words.next().unwrap_or("");
        let rest: String = words.collect::<Vec<_>>().join(" ");
        let settings = |f: fn(&mut aethex_sdk::ChatSettingsUpdate, &str), v: &str| {
            let mut u = aethex_sdk::ChatSettingsUpdate::default();
            f(&mut u, v);
            u
        };
        let result: Result<Refusal, Refusal> = match name.as_str() {
            "ban" => self
                .chat
                .ban(room, s.user_id, arg, None, &rest)
                .await
                .map(|_| ok("ban_success", format!("{arg} is now banned from this channel."))),
            "unban" | "untimeout" => self
                .chat
                .unban(room, s.user_id, arg)
                .await
                .map(|_| ok("unban_success", format!("{arg} is no longer banned from this channel."))),
            "timeout" => {
                let secs = rest.split_whitespace().next().and_then(|d| d.parse::<i64>().ok()).unwrap_or(600);
                self.chat
                    .ban(room, s.user_id, arg, Some(secs), "")
                    .await
                    .map(|_| ok("timeout_success", format!("{arg} has been timed out for {secs} seconds.")))
            }
            "delete" if room.is_moderator(s.user_id) => {
                room.delete_message(arg).map(|_| ok("delete_message_success", "The message was deleted."))
            }
            "clear" if room.is_moderator(s.user_id) => {
                room.clear();
                Ok(ok("clear_success", "Chat was cleared."))
            }
            "slow" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, v| u.slow_seconds = Some(v.parse().unwrap_or(30)), arg))
                .await
                .map(|_| ok("slow_on", "This room is now in slow mode.")),
            "slowoff" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.slow_seconds = Some(0), ""))
                .await
                .map(|_| ok("slow_off", "This room is no longer in slow mode.")),
            "followers" => self
                .chat
                .update_settings(
                    room,
                    s.user_id,
                    &settings(|u, v| u.followers_only_minutes = Some(v.parse().unwrap_or(0)), arg),
                )
                .await
                .map(|_| ok("followers_on", "This room is now in followers-only mode.")),
            "followersoff" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.followers_only_minutes = Some(-1), ""))
                .await
                .map(|_| ok("followers_off", "This room is no longer in followers-only mode.")),
            "subscribers" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.subscribers_only = Some(true), ""))
                .await
                .map(|_| ok("subs_on", "This room is now in subscribers-only mode.")),
            "subscribersoff" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.subscribers_only = Some(false), ""))
                .await
                .map(|_| ok("subs_off", "This room is no longer in subscribers-only mode.")),
            "emoteonly" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.emote_only = Some(true), ""))
                .await
                .map(|_| ok("emote_only_on", "This room is now in emote-only mode.")),
            "emoteonlyoff" => self
                .chat
                .update_settings(room, s.user_id, &settings(|u, _| u.emote_only = Some(false), ""))
                .await
                .map(|_| ok("emote_only_off", "This room is no longer in emote-only mode.")),
            "delete" | "clear" => Err(Refusal {
                msg_id: "no_permission",
                text: "You don't have permission to perform that action.".into(),
            }),
            _ => Err(Refusal {
                msg_id: "unrecognized_cmd",
                text: format!("Unrecognized command: /{}", crate::api::truncate(&name, 20)),
            }),
        };
        match result {
            Ok(r) | Err(r) => self.notice(target, &r).await,
        }
    }

    /// Leave every room (on disconnect).
    pub fn leave_all(&mut self) {
        for (_, j) in self.joined.drain() {
            j.room.leave(self.conn);
        }
    }
}

fn ok(msg_id: &'static str, text: impl Into<String>) -> Refusal {
    Refusal { msg_id, text: text.into() }
}

/// Accept IRC clients until shutdown, then send each RECONNECT.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: tokio::sync::watch::Receiver<bool>) {
    loop {
        let mut stop = shutdown.clone();
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        match accepted {
            Ok((socket, _)) => {
                let (state, shutdown) = (state.clone(), shutdown.clone());
                tokio::spawn(async move { connection(socket, state, shutdown).await });
            }
            Err(e) => {
                tracing::warn!(error = %e, "irc accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn connection(socket: TcpStream, state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let _ = socket.set_nodelay(true);
    if let Err(e) = socket2::SockRef::from(&socket).set_send_buffer_size(SEND_BUFFER) {
        tracing::debug!(error = %e, "could not cap the send buffer");
    }
    let (read, mut write) = socket.into_split();
    let (mut session, mut feed) = Session::open(state);
    let caps = session.caps.clone();
    let slow_writer = session.slow.clone();
    let writer = tokio::spawn(async move {
        // Everything ready goes out in one write: under load that is one
        // syscall per burst instead of one per line.
        let mut batch: Vec<u8> = Vec::new();
        loop {
            let mut item = match feed.next().await {
                Ok(Some(item)) => item,
                Ok(None) => break,
                Err(TooSlow) => {
                    slow_writer.notify_one();
                    break;
                }
            };
            loop {
                let line = match &item {
                    Item::Line(l) => Some(l.as_str()),
                    Item::Event(ev) => caps.render(ev),
                };
                if let Some(l) = line {
                    batch.extend_from_slice(l.as_bytes());
                    batch.extend_from_slice(b"\r\n");
                }
                if batch.len() >= 64 * 1024 {
                    break;
                }
                match feed.try_next() {
                    Ok(Some(next)) => item = next,
                    Ok(None) => break,
                    Err(TooSlow) => {
                        slow_writer.notify_one();
                        batch.clear();
                        break;
                    }
                }
            }
            if !batch.is_empty() {
                match tokio::time::timeout(WRITE_STALL, write.write_all(&batch)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => break,
                    Err(_) => {
                        slow_writer.notify_one();
                        break;
                    }
                }
            }
            batch.clear();
            if batch.capacity() > 16 * 1024 {
                batch = Vec::new();
            }
        }
        let _ = write.shutdown().await;
    });
    let mut reader = BufReader::with_capacity(1024, read);
    let mut buf = Vec::with_capacity(256);
    let started = Instant::now();
    loop {
        buf.clear();
        let deadline = if session.registered { IDLE } else { LOGIN_DEADLINE.saturating_sub(started.elapsed()) };
        let slow = session.slow.clone();
        let mut limited = (&mut reader).take((MAX_TAGS + MAX_LINE + 2) as u64);
        let read = tokio::select! {
            r = tokio::time::timeout(deadline, limited.read_until(b'\n', &mut buf)) => r,
            _ = slow.notified() => {
                tracing::debug!(conn = session.conn, "dropping a slow reader");
                break;
            }
            _ = shutdown.changed() => {
                let _ = session.send(Message::new("RECONNECT", &[]).with_prefix(SERVER)).await;
                break;
            }
        };
        let n = match read {
            Ok(Ok(n)) => n,
            _ => break,
        };
        if n == 0 {
            break;
        }
        if !buf.ends_with(b"\n") && n >= MAX_TAGS + MAX_LINE + 2 {
            let _ = session.send(Session::server("NOTICE", &["*", "Line too long; disconnecting."])).await;
            break;
        }
        let Ok(line) = std::str::from_utf8(&buf) else {
            let _ = session.send(Session::server("NOTICE", &["*", "Lines must be UTF-8."])).await;
            continue;
        };
        if session.line(line).await.is_err() {
            break;
        }
    }
    session.leave_all();
    drop(session);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
