//! Chat over WebSocket, for web pages and overlays:
//! - `/irc` (and `/` with an upgrade): the same IRC session as the TCP
//!   gateway, one `\r\n`-terminated IRC line per text frame;
//! - `/chat/ws`: JSON frames, the SDK's [`aethex_sdk::chat_protocol`]
//!   (`docs/chat-socket.md`); anonymous sockets are read-only.
//!
//! Both wrap the shared [`super::session::Core`].

use std::sync::Arc;
use std::time::Duration;

use aethex_sdk::chat_protocol::{ClientFrame, ServerFrame};
use axum::extract::ws::{Message as WsMessage, WebSocket};
use axum::extract::State;
use axum::response::Response;
use futures_util::{SinkExt as _, StreamExt as _};

use super::irc::Session;
use super::session::{room_name, Core, Gone, Item, JoinError, Joined, TooSlow, IDLE, WRITE_STALL};
use super::{Chat, Refusal};
use crate::http::error::WebSocketUpgrade;

/// Largest frame a client may send.
const MAX_FRAME: usize = 16 * 1024;

/// `GET /irc` (and `GET /` with an upgrade, where Twitch serves it and
/// tmi.js looks): IRC over WebSocket. A request that is no handshake gets
/// problem JSON.
#[utoipa::path(get, path = "/irc", tag = "sockets", operation_id = "connectIrcWebSocket",
    description = "The IRC chat gateway (Twitch's dialect) over WebSocket: one `\\r\\n`-terminated IRC line per text frame, \
        the same session as the TCP gateway; the `irc` subprotocol is chosen when offered. Frames are at most 16 KiB. \
        `GET /` with the same handshake is the same socket (where Twitch serves it).",
    params(crate::http::WebSocketHandshake),
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 400, description = "Not a WebSocket handshake: an upgrade header is missing or wrong", body = aethex_sdk::Problem)))]
pub async fn irc(State(chat): State<Arc<Chat>>, WebSocketUpgrade(ws): WebSocketUpgrade) -> Response {
    irc_upgrade(chat, ws)
}

/// Accept an IRC-over-WebSocket handshake. The `irc` subprotocol is answered
/// when offered (tmi.js offers it, and browsers and Node's `ws` abort a
/// handshake whose offered protocol is not chosen).
pub fn irc_upgrade(chat: Arc<Chat>, ws: axum::extract::ws::WebSocketUpgrade) -> Response {
    ws.protocols(["irc"]).max_message_size(MAX_FRAME).on_upgrade(move |socket| irc_session(socket, chat))
}

async fn irc_session(socket: WebSocket, chat: Arc<Chat>) {
    let (mut sink, mut stream) = socket.split();
    let (mut session, mut feed) = Session::open(chat);
    let caps = session.caps.clone();
    let slow_writer = session.core.slow.clone();
    let writer = tokio::spawn(async move {
        loop {
            let line = match feed.next().await {
                Ok(Some(Item::Line(l))) => Some(l),
                Ok(Some(Item::Event(ev))) => caps.render(&ev).map(str::to_string),
                Ok(None) => break,
                Err(_) => {
                    slow_writer.notify_one();
                    break;
                }
            };
            if let Some(mut l) = line {
                // Each line `\r\n`-terminated, as in Twitch's own frames (which may
                // carry several lines): Twurple parses only terminated lines.
                l.push_str("\r\n");
                match tokio::time::timeout(WRITE_STALL, sink.send(WsMessage::Text(l.into()))).await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => break,
                    Err(_) => {
                        slow_writer.notify_one();
                        break;
                    }
                }
            }
        }
        let _ = sink.close().await;
    });
    let slow = session.core.slow.clone();
    loop {
        let frame = tokio::select! {
            f = tokio::time::timeout(IDLE, stream.next()) => f,
            _ = slow.notified() => break,
        };
        let text = match frame {
            Ok(Some(Ok(WsMessage::Text(t)))) => t,
            Ok(Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_)))) => continue,
            _ => break,
        };
        let mut quit = false;
        for line in text.as_str().split(['\r', '\n']).filter(|l| !l.is_empty()) {
            if session.line(line).await.is_err() {
                quit = true;
                break;
            }
        }
        if quit {
            break;
        }
    }
    drop(session);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

/// `GET /chat/ws`: JSON chat.
#[utoipa::path(get, path = "/chat/ws", tag = "sockets", operation_id = "connectChatWebSocket",
    description = "The JSON chat socket: the SDK's `chat_protocol` frames (`auth`, `join`, `part`, `send` in; \
        `welcome`, `history`, `message`, ... out), described in docs/chat-socket.md. Anonymous sockets are read-only.",
    params(crate::http::WebSocketHandshake),
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 400, description = "Not a WebSocket handshake: an upgrade header is missing or wrong", body = aethex_sdk::Problem)))]
///
/// A socket opened by our own pages starts signed in as the browser's
/// session (the web app's chat); a cookie sent along from another site's
/// page is ignored (cross-site WebSocket hijacking), as browsers name that
/// page in `Origin`.
pub async fn json(
    State(chat): State<Arc<Chat>>,
    State(db): State<crate::store::Db>,
    State(config): State<Arc<crate::config::Config>>,
    headers: axum::http::HeaderMap,
    WebSocketUpgrade(ws): WebSocketUpgrade,
) -> Response {
    let browser = if crate::http::html::same_site(&headers, &config.public_url) {
        match crate::auth::pages::web_session(&db, &headers).await {
            Ok(s) => s.map(|s| (s.user_id, s.login)),
            Err(e) => {
                tracing::error!(error = %e, "reading the browser session failed");
                None
            }
        }
    } else {
        None
    };
    ws.max_message_size(MAX_FRAME).on_upgrade(move |socket| json_session(socket, chat, browser))
}

/// What one client frame asks of the JSON session.
async fn json_frame(core: &mut Core, frame: ClientFrame) -> Result<(), Gone> {
    match frame {
        ClientFrame::Auth { token } => match core.authenticate(&token).await {
            Ok(u) => {
                let user = Some(u.login.clone());
                reply(core, ServerFrame::Welcome { user }).await
            }
            Err(_) => {
                let message = "login authentication failed (need a user token with chat:read)".into();
                reply(core, ServerFrame::Error { message }).await?;
                Err(Gone)
            }
        },
        ClientFrame::Join { channel } => {
            let channel = room_name(&channel);
            match core.join(&channel).await {
                Ok(Some(Joined { room, .. })) => {
                    reply(core, ServerFrame::History { channel, messages: room.history(), settings: room.settings() })
                        .await
                }
                Ok(None) => Ok(()),
                Err(JoinError::Refused(r)) => reply(core, notice(channel, r)).await,
                Err(JoinError::Gone) => Err(Gone),
            }
        }
        ClientFrame::Part { channel } => {
            core.part(&room_name(&channel));
            Ok(())
        }
        ClientFrame::Send { channel, text } => {
            let channel = room_name(&channel);
            let Some(Joined { room, speaker: Some(speaker) }) = core.joined(&channel).cloned() else {
                let r = Refusal { msg_id: "msg_not_joined", text: "Log in and join the channel to talk.".into() };
                return reply(core, notice(channel, r)).await;
            };
            if let Err(r) = core.may_talk() {
                return reply(core, notice(channel, r)).await;
            }
            // Commands as on IRC (`/ban`, `/timeout`, `/delete`, `/slow`...):
            // the web app's moderator buttons send them.
            let text = match super::commands::typed(&text) {
                super::commands::Typed::Text(t) => t,
                super::commands::Typed::Command(cmd) => {
                    let r = super::commands::run(&core.chat, &room, &speaker, cmd).await;
                    return reply(core, notice(channel, r)).await;
                }
            };
            match room.send(&speaker, text, Some(core.conn)) {
                Ok(message) => reply(core, ServerFrame::Message { message }).await,
                Err(r) => reply(core, notice(channel, r)).await,
            }
        }
    }
}

async fn reply(core: &Core, frame: ServerFrame) -> Result<(), Gone> {
    core.send_line(frame.to_json()).await
}

fn notice(channel: String, r: Refusal) -> ServerFrame {
    ServerFrame::Notice { channel, msg_id: r.msg_id.to_string(), text: r.text }
}

async fn json_session(socket: WebSocket, chat: Arc<Chat>, browser: Option<(i64, String)>) {
    let (mut sink, mut stream) = socket.split();
    let (mut core, mut feed) = Core::open(chat);
    let user = browser.map(|(id, login)| core.sign_in_browser(id, login).login.clone());
    let slow_writer = core.slow.clone();
    let writer = tokio::spawn(async move {
        loop {
            let text = match feed.next().await {
                Ok(Some(Item::Line(l))) => l,
                Ok(Some(Item::Event(ev))) => ev.json.clone(),
                Ok(None) => break,
                Err(TooSlow) => {
                    slow_writer.notify_one();
                    break;
                }
            };
            // A stalled client: the writer stops, the queue fills, and the session drops it.
            if !matches!(tokio::time::timeout(WRITE_STALL, sink.send(WsMessage::Text(text.into()))).await, Ok(Ok(()))) {
                slow_writer.notify_one();
                break;
            }
        }
        let _ = sink.close().await;
    });
    let slow = core.slow.clone();
    if core.send_line(ServerFrame::Welcome { user }.to_json()).await.is_ok() {
        loop {
            let next = tokio::select! {
                f = tokio::time::timeout(IDLE, stream.next()) => f,
                _ = slow.notified() => break,
            };
            let text = match next {
                Ok(Some(Ok(WsMessage::Text(t)))) => t,
                Ok(Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_)))) => continue,
                _ => break,
            };
            let outcome = match serde_json::from_str::<ClientFrame>(text.as_str()) {
                Ok(frame) => json_frame(&mut core, frame).await,
                Err(e) => {
                    core.send_line(ServerFrame::Error { message: format!("unreadable frame: {e}") }.to_json()).await
                }
            };
            if outcome.is_err() {
                break;
            }
        }
    }
    drop(core);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
