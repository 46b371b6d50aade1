//! The RTMP listener: one task per connection. rml_rtmp does the handshake,
//! chunk stream and AMF0 commands; this module decides (stream key check,
//! one publisher per channel) and moves media into the remuxer.
//!
//! Every failure ends only its own connection, with a logged reason. Reads
//! are bounded (64 KiB at a time) and every wait has a deadline.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rml_rtmp::handshake::{Handshake, HandshakeProcessResult, PeerType};
use rml_rtmp::sessions::{ServerSession, ServerSessionConfig, ServerSessionEvent, ServerSessionResult};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::remux::Remuxer;
use super::transcode::{plan, FlvTag, Transcoder};
use super::{apply, Ingest, LiveStream, PublishError};

/// Connections at once; more wait in the kernel backlog.
const MAX_CONNECTIONS: usize = 1024;
/// Handshake, connect and publish must finish within this.
const SETUP_DEADLINE: Duration = Duration::from_secs(10);
/// A publisher that sends no media this long is dropped.
const MEDIA_TIMEOUT: Duration = Duration::from_secs(10);
/// A publisher that sends video but no usable keyframe this long is dropped.
const KEYFRAME_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a connection ended.
#[derive(Debug, thiserror::Error)]
pub enum ConnError {
    /// Socket failure or the peer went away.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// Bad handshake bytes.
    #[error("handshake failed: {0}")]
    Handshake(String),
    /// Bad chunk stream or AMF.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// Refused publish.
    #[error("publish refused: {0}")]
    Refused(#[from] PublishError),
    /// Timed out.
    #[error("{0}")]
    Timeout(&'static str),
    /// Media we cannot remux.
    #[error("media: {0}")]
    Media(#[from] super::flv::FlvError),
    /// The channel was taken over or the server is stopping.
    #[error("stopped by the server")]
    Stopped,
}

/// Accept RTMP connections until `shutdown` fires.
pub async fn serve(listener: TcpListener, ingest: Arc<Ingest>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.changed() => break,
        };
        let (socket, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "rtmp accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = limit.clone().acquire_owned().await else {
            break;
        };
        let ingest = ingest.clone();
        tokio::spawn(async move {
            let _ = socket.set_nodelay(true);
            let mut conn = Connection {
                socket,
                peer,
                ingest: ingest.clone(),
                stream: None,
                remuxer: Remuxer::default(),
                buf: vec![0; 64 * 1024],
                config_tags: Vec::new(),
                transcoders: None,
                finished: false,
            };
            let result = conn.run().await;
            if let Some(stream) = conn.stream.take() {
                let outputs = conn.remuxer.flush();
                apply(stream.source(), outputs);
                ingest.end(&stream).await;
            }
            match result {
                Ok(()) => tracing::debug!(%peer, "rtmp connection closed"),
                Err(e) => tracing::info!(%peer, reason = %e, "rtmp connection ended"),
            }
            drop(permit);
        });
    }
    ingest.shutdown().await;
}

struct Connection {
    socket: TcpStream,
    peer: SocketAddr,
    ingest: Arc<Ingest>,
    stream: Option<Arc<LiveStream>>,
    remuxer: Remuxer,
    buf: Vec<u8>,
    finished: bool,
    /// Sequence headers, replayed to transcoders when they start.
    config_tags: Vec<FlvTag>,
    transcoders: Option<Vec<Transcoder>>,
}

impl Connection {
    async fn read_some(&mut self, deadline: Instant) -> Result<usize, ConnError> {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, self.socket.read(&mut self.buf)).await {
            Ok(Ok(0)) => Err(ConnError::Io(std::io::ErrorKind::UnexpectedEof.into())),
            Ok(Ok(n)) => Ok(n),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => Err(ConnError::Timeout("timed out waiting for the peer")),
        }
    }

    async fn run(&mut self) -> Result<(), ConnError> {
        let setup_deadline = Instant::now() + SETUP_DEADLINE;
        let mut handshake = Handshake::new(PeerType::Server);
        let remaining = loop {
            let n = self.read_some(setup_deadline).await?;
            match handshake.process_bytes(&self.buf[..n]).map_err(|e| ConnError::Handshake(format!("{e:?}")))? {
                HandshakeProcessResult::InProgress { response_bytes } => self.socket.write_all(&response_bytes).await?,
                HandshakeProcessResult::Completed { response_bytes, remaining_bytes } => {
                    self.socket.write_all(&response_bytes).await?;
                    break remaining_bytes;
                }
            }
        };
        let (mut session, initial) =
            ServerSession::new(ServerSessionConfig::new()).map_err(|e| ConnError::Protocol(format!("{e:?}")))?;
        self.handle(&mut session, initial).await?;
        let results = session.handle_input(&remaining).map_err(|e| ConnError::Protocol(format!("{e:?}")))?;
        self.handle(&mut session, results).await?;

        let mut last_media = Instant::now();
        loop {
            let deadline = match &self.stream {
                None => setup_deadline,
                Some(_) => last_media + MEDIA_TIMEOUT,
            };
            if let Some(stream) = &self.stream {
                if !self.remuxer.started() && stream.started.elapsed() > KEYFRAME_TIMEOUT {
                    return Err(ConnError::Timeout("no decodable keyframe in the first 10 s"));
                }
            }
            let stop = self.stream.clone();
            let n = tokio::select! {
                n = self.read_some(deadline) => n.map_err(|e| match e {
                    ConnError::Timeout(_) if self.stream.is_some() => ConnError::Timeout("no media for 10 s"),
                    ConnError::Timeout(_) => ConnError::Timeout("no publish within 10 s of connecting"),
                    other => other,
                })?,
                _ = async { match &stop { Some(s) => s.stop.notified().await, None => std::future::pending().await } } => {
                    return Err(ConnError::Stopped);
                }
            };
            let results = session.handle_input(&self.buf[..n]).map_err(|e| ConnError::Protocol(format!("{e:?}")))?;
            if self.handle(&mut session, results).await? {
                last_media = Instant::now();
            }
            if self.finished {
                return Ok(());
            }
            if self.stream.as_ref().is_some_and(|s| s.is_ended()) {
                return Err(ConnError::Stopped);
            }
        }
    }

    /// Pass a media tag to the ABR ladder, starting it at the first keyframe
    /// once the source's size is known.
    fn feed_ladder(&mut self, stream: &Arc<LiveStream>, tag: FlvTag) {
        // Sequence headers: [codec byte, packet type 0, ...].
        if tag.data.get(1) == Some(&0) && (tag.kind == 8 || tag.data.first().is_some_and(|b| b & 0x0f == 7)) {
            self.config_tags.retain(|t| t.kind != tag.kind);
            self.config_tags.push(tag);
            return;
        }
        let Some(ffmpeg) = self.ingest.ffmpeg.clone() else {
            return;
        };
        if self.transcoders.is_none() {
            if !self.remuxer.started() {
                return;
            }
            let height = stream.source().read(|r| r.resolution.1);
            let mut started = Vec::new();
            for rung in plan(height) {
                let Some(rendition) = stream.rendition(rung.name).cloned() else {
                    continue;
                };
                match Transcoder::spawn(&ffmpeg, rung, rendition, self.config_tags.clone()) {
                    Ok(t) => started.push(t),
                    Err(e) => {
                        tracing::warn!(rung = rung.name, error = %e, "could not start a transcoder")
                    }
                }
            }
            tracing::info!(channel = %stream.login, rungs = started.len(), "ABR ladder started");
            self.transcoders = Some(started);
        }
        for t in self.transcoders.iter_mut().flatten() {
            t.send(tag.clone());
        }
    }

    /// Send outbound packets and act on events; returns whether media arrived.
    async fn handle(
        &mut self,
        session: &mut ServerSession,
        results: Vec<ServerSessionResult>,
    ) -> Result<bool, ConnError> {
        let mut media = false;
        let mut queue = std::collections::VecDeque::from(results);
        while let Some(result) = queue.pop_front() {
            match result {
                ServerSessionResult::OutboundResponse(packet) => self.socket.write_all(&packet.bytes).await?,
                ServerSessionResult::UnhandleableMessageReceived(_) => {}
                ServerSessionResult::RaisedEvent(event) => match event {
                    ServerSessionEvent::ConnectionRequested { request_id, app_name } => {
                        if app_name.trim_matches('/') != "live" {
                            return Err(ConnError::Protocol(format!(
                                "unknown application '{}' (publish to /live)",
                                app_name.chars().take(40).collect::<String>()
                            )));
                        }
                        queue.extend(
                            session.accept_request(request_id).map_err(|e| ConnError::Protocol(format!("{e:?}")))?,
                        );
                    }
                    ServerSessionEvent::ReleaseStreamRequested { request_id, .. } => {
                        queue.extend(
                            session.accept_request(request_id).map_err(|e| ConnError::Protocol(format!("{e:?}")))?,
                        );
                    }
                    ServerSessionEvent::PublishStreamRequested { request_id, stream_key, .. } => {
                        if self.stream.is_some() {
                            return Err(ConnError::Protocol("a second publish on one connection".into()));
                        }
                        // OBS and some encoders append query parameters to the key.
                        let key = stream_key.split('?').next().unwrap_or("");
                        match self.ingest.start(key).await {
                            Ok(stream) => {
                                tracing::info!(peer = %self.peer, channel = %stream.login, "publish accepted");
                                self.stream = Some(stream);
                                queue.extend(
                                    session
                                        .accept_request(request_id)
                                        .map_err(|e| ConnError::Protocol(format!("{e:?}")))?,
                                );
                            }
                            Err(e) => {
                                if let Ok(rejects) =
                                    session.reject_request(request_id, "NetStream.Publish.BadName", &e.to_string())
                                {
                                    for r in rejects {
                                        if let ServerSessionResult::OutboundResponse(p) = r {
                                            let _ = self.socket.write_all(&p.bytes).await;
                                        }
                                    }
                                }
                                return Err(e.into());
                            }
                        }
                    }
                    ServerSessionEvent::PublishStreamFinished { .. } => {
                        // Unpublish: the caller's cleanup ends the stream and emits offline.
                        self.finished = true;
                    }
                    ServerSessionEvent::StreamMetadataChanged { metadata, .. } => {
                        if let (Some(w), Some(h)) = (metadata.video_width, metadata.video_height) {
                            self.remuxer.set_metadata_size(w, h);
                        }
                    }
                    ServerSessionEvent::VideoDataReceived { data, timestamp, .. } => {
                        if let Some(stream) = self.stream.clone() {
                            media = true;
                            let out = self.remuxer.video(timestamp.value, &data)?;
                            apply(stream.source(), out);
                            self.feed_ladder(&stream, FlvTag { kind: 9, ts: timestamp.value, data });
                        }
                    }
                    ServerSessionEvent::AudioDataReceived { data, timestamp, .. } => {
                        if let Some(stream) = self.stream.clone() {
                            media = true;
                            let out = self.remuxer.audio(timestamp.value, &data)?;
                            apply(stream.source(), out);
                            self.feed_ladder(&stream, FlvTag { kind: 8, ts: timestamp.value, data });
                        }
                    }
                    ServerSessionEvent::UnhandleableAmf0Command { command_name, .. } => {
                        // FCPublish, FCUnpublish and friends: harmless, nothing to answer.
                        tracing::debug!(command = %command_name.chars().take(40).collect::<String>(), "ignored AMF0 command");
                    }
                    ServerSessionEvent::PlayStreamRequested { request_id, .. } => {
                        let _ = session.reject_request(request_id, "NetStream.Play.Failed", "playback is over HLS");
                        return Err(ConnError::Protocol("RTMP playback is not offered; watch over HLS".into()));
                    }
                    _ => {}
                },
            }
        }
        Ok(media)
    }
}
