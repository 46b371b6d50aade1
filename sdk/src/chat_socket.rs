//! A client of the JSON chat socket (`/chat/ws`), speaking the typed frames of
//! [`crate::chat_protocol`]. Shared by the CLI's `chat tail` and dashboard,
//! the OBS plugin's chat source and the Discord bot's chat bridge.

use futures_util::{SinkExt as _, StreamExt as _};
use tokio_tungstenite::tungstenite::Message as WsMessage;

use crate::chat_protocol::{ClientFrame, ServerFrame};
use crate::error::{Error, Result};
use crate::Client;

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// An open chat socket.
pub struct ChatSocket {
    ws: Ws,
}

impl std::fmt::Debug for ChatSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatSocket").finish_non_exhaustive()
    }
}

impl ChatSocket {
    /// Connect to `client`'s chat socket, anonymous until [`ClientFrame::Auth`] is sent.
    pub async fn connect(client: &Client) -> Result<Self> {
        let url = client.chat_socket_url()?;
        let (ws, _) = tokio_tungstenite::connect_async(url.as_str())
            .await
            .map_err(|e| Error::Socket(format!("could not open the chat socket at {url}: {e}")))?;
        Ok(Self { ws })
    }

    /// Send one frame.
    pub async fn send(&mut self, frame: &ClientFrame) -> Result<()> {
        self.ws.send(WsMessage::Text(frame.to_json().into())).await.map_err(|e| Error::Socket(e.to_string()))
    }

    /// The next frame from the server; `None` once the socket closed.
    /// Pings and non-text frames are skipped; a frame that is not JSON of the
    /// protocol is an error (the socket stays usable).
    pub async fn next(&mut self) -> Option<Result<ServerFrame>> {
        loop {
            let text = match self.ws.next().await? {
                Ok(WsMessage::Text(t)) => t,
                Ok(WsMessage::Close(_)) => return None,
                Ok(_) => continue,
                Err(e) => return Some(Err(Error::Socket(e.to_string()))),
            };
            return Some(
                serde_json::from_str(text.as_str())
                    .map_err(|e| Error::Socket(format!("unreadable chat frame ({e}): {}", truncate(text.as_str())))),
            );
        }
    }

    /// Close the socket politely.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}

fn truncate(s: &str) -> &str {
    s.char_indices().nth(120).map_or(s, |(i, _)| &s[..i])
}

/// Open `client`'s chat socket, sign in with `token` (anonymous: read-only) and join `room`.
pub async fn open(client: &Client, token: Option<&str>, room: &str) -> Result<ChatSocket> {
    let mut socket = ChatSocket::connect(client).await?;
    if let Some(token) = token {
        socket.send(&ClientFrame::Auth { token: token.to_string() }).await?;
    }
    socket.send(&ClientFrame::Join { channel: room.to_string() }).await?;
    Ok(socket)
}
