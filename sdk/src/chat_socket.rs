//! The JSON chat socket (`/chat/ws`): one frame per chat event
//! (`{"type": "message", "message": ChatMessage}`, `delete`, `clear_user`,
//! `clear`, `usernotice`, `settings`). Shared by the CLI's `chat tail`, its
//! dashboard and the Discord bot's chat bridge.

use futures_util::SinkExt as _;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::error::{Error, Result};
use crate::Client;

/// An open chat socket.
pub type ChatSocket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Open `client`'s chat socket, sign in with `token` (anonymous: read-only) and join `room`.
pub async fn open(client: &Client, token: Option<&str>, room: &str) -> Result<ChatSocket> {
    let url = client.chat_socket_url()?;
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .map_err(|e| Error::Socket(format!("could not open the chat socket at {url}: {e}")))?;
    let mut frames = Vec::new();
    if let Some(token) = token {
        frames.push(serde_json::json!({"type": "auth", "token": token}));
    }
    frames.push(serde_json::json!({"type": "join", "channel": room}));
    for frame in frames {
        ws.send(Frame::Text(frame.to_string().into())).await.map_err(|e| Error::Socket(e.to_string()))?;
    }
    Ok(ws)
}
