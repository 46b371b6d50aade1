//! A `twitch-irc` transport aimed at an AeThex chat host, so a bot written
//! for Twitch with the `twitch-irc` crate talks to AeThex unchanged.
//!
//! twitch-irc opens connections through `Transport::new()`, which takes no
//! arguments, so the target lives in a process-wide slot: call
//! [`set_target`] before creating the client (a later call re-aims the next
//! connection, which is how tests point each run at its own server).
//! Lines are read with a bound ([`crate::irc::MAX_LINE`] plus tags): a peer
//! that never sends a newline cannot grow memory.

use std::net::SocketAddr;
use std::sync::RwLock;

use async_trait::async_trait;
use either::Either;
use futures_util::stream::FusedStream;
use futures_util::{Sink, StreamExt as _};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use twitch_irc::message::{AsRawIRC, IRCMessage, IRCParseError};
use twitch_irc::transport::Transport;

static TARGET: RwLock<Option<String>> = RwLock::new(None);

/// Aim every following connection at `host:port` (plain TCP, as AeThex's IRC port speaks).
pub fn set_target(addr: impl Into<String>) {
    let mut t = TARGET.write().unwrap_or_else(|e| e.into_inner());
    *t = Some(addr.into());
}

/// Aim at a socket address.
pub fn set_target_addr(addr: SocketAddr) {
    set_target(addr.to_string());
}

const MAX_BYTES: usize = crate::irc::MAX_LINE + crate::irc::MAX_TAGS + 2;

/// The transport: plain TCP to the address set with [`set_target`].
pub struct AethexTransport {
    incoming: <Self as Transport>::Incoming,
    outgoing: <Self as Transport>::Outgoing,
}

impl std::fmt::Debug for AethexTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AethexTransport")
    }
}

/// Why a bounded line read stopped.
fn too_long() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "IRC line longer than the protocol allows")
}

async fn read_line<R: tokio::io::AsyncBufRead + Unpin>(
    r: &mut R,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<String>> {
    buf.clear();
    loop {
        let chunk = r.fill_buf().await?;
        if chunk.is_empty() {
            return Ok(if buf.is_empty() { None } else { Some(String::from_utf8_lossy(buf).into_owned()) });
        }
        if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
            buf.extend_from_slice(&chunk[..i]);
            r.consume(i + 1);
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(String::from_utf8_lossy(buf).into_owned()));
        }
        let n = chunk.len();
        buf.extend_from_slice(chunk);
        r.consume(n);
        if buf.len() > MAX_BYTES {
            return Err(too_long());
        }
    }
}

#[async_trait]
impl Transport for AethexTransport {
    type ConnectError = std::io::Error;
    type IncomingError = std::io::Error;
    type OutgoingError = std::io::Error;
    type Incoming =
        Box<dyn FusedStream<Item = Result<IRCMessage, Either<std::io::Error, IRCParseError>>> + Unpin + Send + Sync>;
    type Outgoing = Box<dyn Sink<IRCMessage, Error = std::io::Error> + Unpin + Send + Sync>;

    async fn new() -> Result<Self, std::io::Error> {
        let addr = TARGET.read().unwrap_or_else(|e| e.into_inner()).clone().ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotConnected,
                "no AeThex chat address set (chat_transport::set_target)",
            )
        })?;
        let stream = tokio::time::timeout(std::time::Duration::from_secs(10), TcpStream::connect(addr.as_str()))
            .await
            .map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::TimedOut, format!("connecting to {addr} timed out"))
            })??;
        let _ = stream.set_nodelay(true);
        let (read, write) = stream.into_split();
        let lines = futures_util::stream::unfold((BufReader::new(read), Vec::new()), |(mut r, mut buf)| async move {
            loop {
                match read_line(&mut r, &mut buf).await {
                    Ok(Some(l)) if l.trim().is_empty() => continue,
                    Ok(Some(l)) => return Some((IRCMessage::parse(&l).map_err(Either::Right), (r, buf))),
                    Ok(None) => return None,
                    Err(e) => return Some((Err(Either::Left(e)), (r, buf))),
                }
            }
        });
        let outgoing = futures_util::sink::unfold(write, |mut w, m: IRCMessage| async move {
            let mut line = m.as_raw_irc();
            line.push_str("\r\n");
            w.write_all(line.as_bytes()).await?;
            Ok::<_, std::io::Error>(w)
        });
        Ok(Self { incoming: Box::new(Box::pin(lines).fuse()), outgoing: Box::new(Box::pin(outgoing)) })
    }

    fn split(self) -> (Self::Incoming, Self::Outgoing) {
        (self.incoming, self.outgoing)
    }
}
