//! The IRC gateway in the Twitch dialect: a session state machine (login,
//! CAP, JOIN/PART, PRIVMSG with tags, moderation commands typed in chat)
//! driven by lines from any transport — TCP here, WebSocket frames later —
//! with bounded lines, bounded output queues and deadlines.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aethex_sdk::irc::{IrcError, Message, MAX_LINE, MAX_TAGS};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

use super::session::{room_name, Core, Feed, Gone, Item, JoinError, Joined, TooSlow, IDLE, MAX_ROOMS, WRITE_STALL};
use super::{Chat, Refusal, Room, RoomEvent, Speaker};

/// Kernel send buffer per IRC connection. Fixed rather than autotuned (which
/// grows to megabytes), so a client that stops reading is noticed after a few
/// hundred lines and 10,000 idle-but-slow clients cannot pin gigabytes.
const SEND_BUFFER: usize = 64 * 1024;
/// Registration must finish within this.
const LOGIN_DEADLINE: Duration = Duration::from_secs(30);
const SERVER: &str = "tmi.twitch.tv";

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
        if (ev.command_only && !self.commands.load(Ordering::Relaxed)) || ev.irc_tags.is_empty() {
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

/// One client's IRC session: the Twitch dialect over the shared [`Core`].
pub struct Session {
    /// The connection's chat state (sign-in, rooms, output).
    pub core: Core,
    /// Capabilities.
    pub caps: Arc<Caps>,
    pass: Option<String>,
    nick: Option<String>,
    /// Logged in (user or anonymous).
    pub registered: bool,
    /// Rooms talked in without joining (Twitch allows it; pooled clients do it).
    talking: HashMap<String, (Arc<Room>, Option<Speaker>)>,
}

impl Session {
    /// A new session and the feed its writer reads (direct lines and joined rooms).
    pub fn open(chat: Arc<Chat>) -> (Self, Feed) {
        let (core, feed) = Core::open(chat);
        let session = Self {
            core,
            caps: Arc::new(Caps::default()),
            pass: None,
            nick: None,
            registered: false,
            talking: HashMap::new(),
        };
        (session, feed)
    }

    fn nick(&self) -> String {
        self.core.login().map(str::to_string).or_else(|| self.nick.clone()).unwrap_or_else(|| "*".into())
    }

    async fn send(&self, m: Message) -> Result<(), End> {
        self.send_raw(m.to_line()).await
    }

    async fn send_raw(&self, line: String) -> Result<(), End> {
        self.core.send_line(line).await.map_err(|Gone| End::Quit)
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
                if p(0).is_empty() {
                    // A bare PING (tmi.js's keepalive) gets a bare PONG: tmi.js only
                    // reads a PONG without a prefix, and drops the connection 10 s
                    // after an unanswered keepalive.
                    self.send_raw(format!("PONG :{SERVER}")).await
                } else {
                    // Byte for byte what Twitch answers (trailing form), which some clients compare.
                    self.send_raw(format!(":{SERVER} PONG {SERVER} :{}", p(0))).await
                }
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
            if self.core.authenticate(token).await.is_err() {
                self.send(Self::server("NOTICE", &["*", "Login authentication failed"])).await?;
                return Err(End::Quit);
            }
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
        if let (Some(user), true) = (&self.core.user, self.caps.commands.load(Ordering::Relaxed)) {
            let g = Self::server("GLOBALUSERSTATE", &[])
                .with_tag("badge-info", "")
                .with_tag("badges", "")
                .with_tag("color", "")
                .with_tag("display-name", user.login.clone())
                .with_tag("emote-sets", "0")
                .with_tag("user-id", user.id.to_string())
                .with_tag("user-type", "");
            self.send(g).await?;
        }
        Ok(())
    }

    async fn join(&mut self, channel: &str) -> Result<(), End> {
        let name = room_name(channel);
        let Joined { room, speaker } = match self.core.join(&name).await {
            Ok(Some(j)) => j,
            Ok(None) => return Ok(()),
            Err(JoinError::Refused(r)) => return self.notice(&format!("#{name}"), &r).await,
            Err(JoinError::Gone) => return Err(End::Quit),
        };
        let nick = self.nick();
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
        Ok(())
    }

    async fn part(&mut self, channel: &str) -> Result<(), End> {
        let name = room_name(channel);
        if self.core.part(&name) {
            let nick = self.nick();
            self.send(
                Message::new("PART", &[&format!("#{name}")]).with_prefix(format!("{nick}!{nick}@{nick}.tmi.twitch.tv")),
            )
            .await?;
        }
        Ok(())
    }

    async fn privmsg(&mut self, channel: &str, text: &str, _reply_to: Option<&str>) -> Result<(), End> {
        let name = room_name(channel);
        let target = format!("#{name}");
        // Whispers (`/w user text`, sent by tmi.js to a made-up room such as
        // #tmijs, by others to #jtv) are refused with the NOTICE Twitch uses
        // for a restricted whisper, so the client's promise settles at once.
        let command = text.split_whitespace().next().unwrap_or("").to_lowercase();
        if matches!(command.as_str(), "/w" | ".w" | "/whisper" | ".whisper") {
            let r = Refusal {
                msg_id: "whisper_restricted",
                text: "Whispers are not available on AeThex; talk in a channel's chat instead.".into(),
            };
            return self.notice(&target, &r).await;
        }
        let (room, speaker) = match (self.core.joined(&name), self.talking.get(&name)) {
            (Some(j), _) => (j.room.clone(), j.speaker.clone()),
            (None, Some((r, s))) => (r.clone(), s.clone()),
            (None, None) => {
                let room = match self.core.chat.find_room(&name).await {
                    Ok(r) => r,
                    Err(r) => return self.notice(&target, &r).await,
                };
                let speaker = self.core.speaker(&room).await;
                if self.talking.len() >= MAX_ROOMS {
                    self.talking.clear();
                }
                self.talking.insert(name.clone(), (room.clone(), speaker.clone()));
                (room, speaker)
            }
        };
        // Anonymous, read-only or free-tier logins cannot talk; Twitch drops such lines silently.
        if let Err(r) = self.core.may_talk() {
            return self.notice(&target, &r).await;
        }
        let Some(speaker) = speaker else {
            let r =
                Refusal { msg_id: "msg_requires_chat_edit", text: "Log in with the chat:edit scope to talk.".into() };
            return self.notice(&target, &r).await;
        };
        let text = match super::commands::typed(text) {
            super::commands::Typed::Text(t) => t,
            super::commands::Typed::Command(cmd) => {
                let r = super::commands::run(&self.core.chat, &room, &speaker, cmd).await;
                return self.notice(&target, &r).await;
            }
        };
        match room.send(&speaker, text, Some(self.core.conn)) {
            Ok(_) => self.send(room.userstate(Some(&speaker))).await,
            Err(r) => self.notice(&target, &r).await,
        }
    }
}

/// Accept IRC clients until shutdown, then send each RECONNECT.
pub async fn serve(listener: TcpListener, chat: Arc<Chat>, shutdown: tokio::sync::watch::Receiver<bool>) {
    loop {
        let mut stop = shutdown.clone();
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        match accepted {
            Ok((socket, _)) => {
                let (chat, shutdown) = (chat.clone(), shutdown.clone());
                tokio::spawn(async move { connection(socket, chat, shutdown).await });
            }
            Err(e) => {
                tracing::warn!(error = %e, "irc accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn connection(socket: TcpStream, chat: Arc<Chat>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let _ = socket.set_nodelay(true);
    if let Err(e) = socket2::SockRef::from(&socket).set_send_buffer_size(SEND_BUFFER) {
        tracing::debug!(error = %e, "could not cap the send buffer");
    }
    let (read, mut write) = socket.into_split();
    let (mut session, mut feed) = Session::open(chat);
    let caps = session.caps.clone();
    let slow_writer = session.core.slow.clone();
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
        let slow = session.core.slow.clone();
        let mut limited = (&mut reader).take((MAX_TAGS + MAX_LINE + 2) as u64);
        let read = tokio::select! {
            r = tokio::time::timeout(deadline, limited.read_until(b'\n', &mut buf)) => r,
            _ = slow.notified() => {
                tracing::debug!(conn = session.core.conn, "dropping a slow reader");
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
    drop(session);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
