//! Chat over WebSocket, for web pages and overlays:
//! - `/irc`: the same IRC session as the TCP gateway, one IRC line per text frame;
//! - `/chat/ws`: JSON frames. The client sends `{"type":"auth","token":…}`
//!   (optional; anonymous is read-only), `{"type":"join","channel":…}`,
//!   `{"type":"part",…}`, `{"type":"send","channel":…,"text":…}`; the server
//!   answers `welcome`, `history` (the last messages, on join), `message`,
//!   `delete`, `clear`, `clear_user`, `settings` and `notice`/`error` frames.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use futures_util::{SinkExt as _, StreamExt as _};
use serde::Deserialize;
use tokio::sync::mpsc;

use super::irc::{Item, Session, OUT_QUEUE, WRITE_STALL};
use super::{Room, Speaker};
use crate::app::AppState;

/// Largest frame a client may send.
const MAX_FRAME: usize = 16 * 1024;

/// `GET /irc`: IRC over WebSocket.
pub async fn irc(State(state): State<AppState>, ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(MAX_FRAME).on_upgrade(move |socket| irc_session(socket, state))
}

async fn irc_session(socket: WebSocket, state: AppState) {
    let (mut sink, mut stream) = socket.split();
    let (mut session, mut feed) = Session::open(state);
    let caps = session.caps.clone();
    let slow_writer = session.slow.clone();
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
            if let Some(l) = line {
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
    let slow = session.slow.clone();
    loop {
        let frame = tokio::select! {
            f = tokio::time::timeout(Duration::from_secs(360), stream.next()) => f,
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
    session.leave_all();
    drop(session);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientFrame {
    Auth { token: String },
    Join { channel: String },
    Part { channel: String },
    Send { channel: String, text: String },
}

/// A room a JSON socket joined: the room, who the user is there, its forwarder.
type JsonRoom = (Arc<Room>, Option<Speaker>, tokio::task::JoinHandle<()>);

/// `GET /chat/ws`: JSON chat.
pub async fn json(State(state): State<AppState>, ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(MAX_FRAME).on_upgrade(move |socket| json_session(socket, state))
}

fn frame(v: serde_json::Value) -> String {
    v.to_string()
}

async fn json_session(socket: WebSocket, state: AppState) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::channel::<String>(OUT_QUEUE);
    let writer = tokio::spawn(async move {
        while let Some(text) = rx.recv().await {
            // A stalled client: the writer stops, the queue fills, and the session drops it.
            if !matches!(tokio::time::timeout(WRITE_STALL, sink.send(WsMessage::Text(text.into()))).await, Ok(Ok(()))) {
                break;
            }
        }
        let _ = sink.close().await;
    });
    let conn = state.chat.conn_id();
    let slow = Arc::new(tokio::sync::Notify::new());
    let mut user: Option<(i64, String, bool)> = None;
    let mut rooms: HashMap<String, JsonRoom> = HashMap::new();
    let _ = tx.send(frame(serde_json::json!({"type": "welcome", "user": null}))).await;
    loop {
        let next = tokio::select! {
            f = tokio::time::timeout(Duration::from_secs(360), stream.next()) => f,
            _ = slow.notified() => break,
        };
        let text = match next {
            Ok(Some(Ok(WsMessage::Text(t)))) => t,
            Ok(Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_)))) => continue,
            _ => break,
        };
        let reply = |v: serde_json::Value| {
            let tx = tx.clone();
            async move { tx.send(frame(v)).await.is_ok() }
        };
        let parsed: ClientFrame = match serde_json::from_str(text.as_str()) {
            Ok(f) => f,
            Err(e) => {
                if !reply(serde_json::json!({"type": "error", "message": format!("unreadable frame: {e}")})).await {
                    break;
                }
                continue;
            }
        };
        match parsed {
            ClientFrame::Auth { token } => match crate::auth::principal_for(&state.db, &token).await {
                Ok(p) if p.user_id.is_some() && p.scopes.iter().any(|s| s == "chat:read") => {
                    let can_edit = p.scopes.iter().any(|s| s == "chat:edit");
                    let login = p.login.clone().unwrap_or_default();
                    user = Some((p.user_id.unwrap_or(0), login.clone(), can_edit));
                    reply(serde_json::json!({"type": "welcome", "user": login})).await;
                }
                _ => {
                    reply(serde_json::json!({"type": "error", "message": "login authentication failed (need a user token with chat:read)"})).await;
                    break;
                }
            },
            ClientFrame::Join { channel } => {
                let name = channel.trim_start_matches('#').to_lowercase();
                if rooms.contains_key(&name) || rooms.len() >= 100 {
                    continue;
                }
                let room = match state.chat.room(&name).await {
                    Ok(Some(r)) => r,
                    _ => {
                        reply(serde_json::json!({"type": "notice", "channel": name, "msg_id": "msg_channel_suspended", "text": "This channel does not exist."})).await;
                        continue;
                    }
                };
                let speaker = match &user {
                    Some((id, _, _)) => state.chat.speaker(*id, &room).await.ok().flatten(),
                    None => None,
                };
                let mut sub = room.subscribe();
                let (out, slow2) = (tx.clone(), slow.clone());
                let forward = tokio::spawn(async move {
                    loop {
                        match sub.recv().await {
                            Ok(ev) => {
                                if out.try_send(ev.json.clone()).is_err() {
                                    slow2.notify_one();
                                    return;
                                }
                            }
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                                slow2.notify_one();
                                return;
                            }
                            Err(_) => return,
                        }
                    }
                });
                room.enter(conn, user.as_ref().map(|(_, l, _)| l.clone()));
                reply(serde_json::json!({"type": "history", "channel": name, "messages": room.history(), "settings": room.settings()})).await;
                rooms.insert(name, (room, speaker, forward));
            }
            ClientFrame::Part { channel } => {
                if let Some((room, _, f)) = rooms.remove(&channel.trim_start_matches('#').to_lowercase()) {
                    f.abort();
                    room.leave(conn);
                }
            }
            ClientFrame::Send { channel, text } => {
                let name = channel.trim_start_matches('#').to_lowercase();
                let Some((room, Some(speaker), _)) = rooms.get(&name) else {
                    reply(serde_json::json!({"type": "notice", "channel": name, "msg_id": "msg_not_joined", "text": "Log in and join the channel to talk."})).await;
                    continue;
                };
                if !user.as_ref().is_some_and(|(_, _, edit)| *edit) {
                    reply(serde_json::json!({"type": "notice", "channel": name, "msg_id": "msg_requires_chat_edit", "text": "Log in with the chat:edit scope to talk."})).await;
                    continue;
                }
                match room.send(speaker, &text, Some(conn)) {
                    Ok(m) => reply(serde_json::json!({"type": "message", "message": m})).await,
                    Err(r) => {
                        reply(
                            serde_json::json!({"type": "notice", "channel": name, "msg_id": r.msg_id, "text": r.text}),
                        )
                        .await
                    }
                };
            }
        }
    }
    for (_, (room, _, f)) in rooms {
        f.abort();
        room.leave(conn);
    }
    drop(tx);
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}
