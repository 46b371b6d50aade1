//! The RTMP listener: one task per connection. rml_rtmp does the handshake,
//! chunk stream and AMF0 commands (after [`super::amf`] has checked their
//! nesting); this module decides (stream key check, one publisher per
//! channel) and moves media into the remuxer.
//!
//! Every failure ends only its own connection, with a logged reason. Reads
//! are bounded (64 KiB at a time) and every wait has a deadline.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rml_rtmp::handshake::{Handshake, HandshakeProcessResult, PeerType};
use rml_rtmp::sessions::{ServerSession, ServerSessionConfig, ServerSessionEvent, ServerSessionResult};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use super::amf::NestingCheck;
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
    /// AMF0 that rml_rtmp's decoder cannot survive.
    #[error("refused AMF0: {0}")]
    Amf(#[from] super::amf::AmfError),
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
pub async fn serve(
    listener: TcpListener,
    ingest: Arc<Ingest>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
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
        let tls = tls.clone();
        tokio::spawn(async move {
            let _ = socket.set_nodelay(true);
            // RTMPS: the TLS handshake first, within the setup deadline.
            let socket = match crate::tls::MaybeTls::accept(socket, tls.as_ref(), SETUP_DEADLINE).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::info!(%peer, reason = %e, "rtmps handshake failed");
                    drop(permit);
                    return;
                }
            };
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
    socket: crate::tls::MaybeTls,
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

/// The peer's next bytes to the session, once their AMF0 nesting has passed
/// the check (rml_amf0 would recurse through any depth and abort the server).
/// rml_rtmp also panics on some malformed input (a command of fewer than three
/// values, chunks of two streams interleaved mid-message); such a panic ends
/// the connection as a protocol error, so its cleanup still runs, instead of
/// unwinding out of the connection task.
fn take_input(
    nesting: &mut NestingCheck,
    session: &mut ServerSession,
    bytes: &[u8],
) -> Result<Vec<ServerSessionResult>, ConnError> {
    let run = std::panic::AssertUnwindSafe(|| {
        nesting.check(bytes)?;
        session.handle_input(bytes).map_err(|e| ConnError::Protocol(format!("{e:?}")))
    });
    std::panic::catch_unwind(run)
        .unwrap_or_else(|_| Err(ConnError::Protocol("malformed RTMP (the RTMP library panicked on it)".into())))
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
        let mut nesting = NestingCheck::default();
        let results = take_input(&mut nesting, &mut session, &remaining)?;
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
            let results = take_input(&mut nesting, &mut session, &self.buf[..n])?;
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
                match Transcoder::spawn(
                    &ffmpeg,
                    rung,
                    stream.source().clone(),
                    rendition,
                    self.config_tags.clone(),
                    self.remuxer.base_ts(),
                ) {
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

#[cfg(test)]
mod fuzz {
    //! Fuzz target for everything a peer sends before and after publishing:
    //! handshake bytes, then a chunk stream of commands, metadata, chunk-size
    //! changes, media and deeply nested AMF0, cut into reads anywhere and
    //! damaged. [`take_input`] never panics, never lets a message nested past
    //! [`MAX_DEPTH`] reach the session (it would abort the test binary), and
    //! never refuses an intact stream whose values are shallow.

    use aethex_sdk::fuzz::gen::{mutate, mutations, Mutation};
    use bytes::Bytes;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use rml_rtmp::chunk_io::ChunkSerializer;
    use rml_rtmp::messages::MessagePayload;
    use rml_rtmp::rml_amf0::{self, Amf0Value};
    use rml_rtmp::time::RtmpTimestamp;
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::ingest::amf::fuzz::{amf, deep, levels, Amf};
    use crate::ingest::amf::{AmfError, MAX_DEPTH};

    #[derive(Debug, Clone, Serialize, Deserialize)]
    enum Msg {
        /// A command (type 20, or 17 with its leading 0): name, transaction id, values.
        Command { name: String, transaction: u64, args: Vec<Amf>, amf3: bool, stream: u32 },
        /// `@setDataFrame onMetaData ...` (type 18).
        Metadata(Vec<Amf>),
        /// The client announces and uses a new chunk size.
        ChunkSize(u32),
        /// Audio (8) or video (9).
        Media { video: bool, data: Vec<u8> },
        /// A `connect` whose command object nests `levels` deep.
        Deep { kind: u8, levels: usize },
        /// Any message type and payload.
        Raw { type_id: u8, data: Vec<u8> },
    }

    fn msg() -> impl Strategy<Value = Msg> {
        let name = prop_oneof![
            prop::sample::select(vec![
                "connect",
                "createStream",
                "releaseStream",
                "FCPublish",
                "publish",
                "deleteStream",
                "play",
                "FCUnpublish"
            ])
            .prop_map(str::to_string),
            ".{0,10}",
        ];
        prop_oneof![
            6 => (name, prop_oneof![Just(1.0f64.to_bits()), any::<u64>()], vec(amf(), 0..4), any::<bool>(), prop_oneof![Just(0u32), Just(1), any::<u32>()])
                .prop_map(|(name, transaction, args, amf3, stream)| Msg::Command { name, transaction, args, amf3, stream }),
            1 => vec(amf(), 0..3).prop_map(Msg::Metadata),
            1 => prop_oneof![Just(128u32), Just(4096), Just(1), 1..70_000u32, any::<u32>()].prop_map(Msg::ChunkSize),
            3 => (any::<bool>(), vec(any::<u8>(), 0..300)).prop_map(|(video, data)| Msg::Media { video, data }),
            1 => (any::<u8>(), levels()).prop_map(|(kind, levels)| Msg::Deep { kind, levels }),
            1 => (any::<u8>(), vec(any::<u8>(), 0..40)).prop_map(|(type_id, data)| Msg::Raw { type_id, data }),
        ]
    }

    fn payload(type_id: u8, stream: u32, data: Vec<u8>) -> MessagePayload {
        MessagePayload { timestamp: RtmpTimestamp::new(0), type_id, message_stream_id: stream, data: Bytes::from(data) }
    }

    /// The client's side: the chunk stream for `msgs`, as a real client's serializer cuts it.
    fn chunk_stream(msgs: &[Msg]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut chunks = ChunkSerializer::new();
        for m in msgs {
            let p = match m {
                Msg::Command { name, transaction, args, amf3, stream } => {
                    let mut values = vec![Amf0Value::Utf8String(name.clone()), Amf::Number(*transaction).value()];
                    values.extend(args.iter().map(Amf::value));
                    let Ok(mut data) = rml_amf0::serialize(&values) else { continue };
                    if *amf3 {
                        data.insert(0, 0);
                    }
                    payload(if *amf3 { 17 } else { 20 }, *stream, data)
                }
                Msg::Metadata(values) => {
                    let mut all =
                        vec![Amf0Value::Utf8String("@setDataFrame".into()), Amf0Value::Utf8String("onMetaData".into())];
                    all.extend(values.iter().map(Amf::value));
                    let Ok(data) = rml_amf0::serialize(&all) else { continue };
                    payload(18, 1, data)
                }
                Msg::ChunkSize(size) => {
                    // Chunk size 0 would never finish a message: a client cannot send one.
                    if let Ok(packet) = chunks.set_max_chunk_size((*size).max(1), RtmpTimestamp::new(0)) {
                        out.extend(packet.bytes);
                    }
                    continue;
                }
                Msg::Media { video, data } => payload(if *video { 9 } else { 8 }, 1, data.clone()),
                Msg::Deep { kind, levels } => {
                    let head =
                        rml_amf0::serialize(&vec![Amf0Value::Utf8String("connect".into()), Amf0Value::Number(1.0)]);
                    payload(20, 0, [head.unwrap_or_default(), deep(*kind, *levels)].concat())
                }
                Msg::Raw { type_id, data } => payload(*type_id, 0, data.clone()),
            };
            if let Ok(packet) = chunks.serialize(&p, false, false) {
                out.extend(packet.bytes);
            }
        }
        out
    }

    /// What the connection does with events: accept, so later commands are reached.
    fn answer(session: &mut ServerSession, results: Vec<ServerSessionResult>) {
        for r in results {
            if let ServerSessionResult::RaisedEvent(
                ServerSessionEvent::ConnectionRequested { request_id, .. }
                | ServerSessionEvent::PublishStreamRequested { request_id, .. }
                | ServerSessionEvent::ReleaseStreamRequested { request_id, .. },
            ) = r
            {
                let _ = session.accept_request(request_id);
            }
        }
    }

    type Input = (Vec<Msg>, Vec<Mutation>, Vec<u16>, Option<Vec<Mutation>>);

    #[test]
    fn fuzz_rtmp_session() {
        let input = (vec(msg(), 0..12), mutations(3), vec(1..2048u16, 1..6), proptest::option::of(mutations(2)));
        aethex_sdk::fuzz::target("rtmp_session").cases(64).run(input, |(msgs, ms, reads, handshake_damage): Input| {
            let mut client = Handshake::new(PeerType::Client);
            let mut server = Handshake::new(PeerType::Server);
            let c0c1 = client.generate_outbound_p0_and_p1().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            if let Some(damage) = handshake_damage {
                let _ = server.process_bytes(&mutate(c0c1, &damage));
                return Ok(());
            }
            let Ok(HandshakeProcessResult::InProgress { response_bytes: s0s1s2 }) = server.process_bytes(&c0c1) else {
                return Err(TestCaseError::fail("handshake did not progress"));
            };
            let Ok(HandshakeProcessResult::Completed { response_bytes: c2, .. }) = client.process_bytes(&s0s1s2) else {
                return Err(TestCaseError::fail("client handshake did not complete"));
            };
            let intact = chunk_stream(&msgs);
            let stream = mutate(intact.clone(), &ms);
            let Ok(HandshakeProcessResult::Completed { remaining_bytes, .. }) =
                server.process_bytes(&[c2, stream.clone()].concat())
            else {
                return Err(TestCaseError::fail("server handshake did not complete"));
            };
            prop_assert_eq!(&remaining_bytes, &stream);

            let (mut session, _) =
                ServerSession::new(ServerSessionConfig::new()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let mut nesting = NestingCheck::default();
            let mut outcome = Ok(());
            let mut rest = &stream[..];
            for n in reads.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (read, after) = rest.split_at(usize::from(*n).min(rest.len()));
                rest = after;
                match take_input(&mut nesting, &mut session, read) {
                    Ok(results) => answer(&mut session, results),
                    Err(e) => {
                        outcome = Err(e);
                        break;
                    }
                }
            }
            if stream == intact && !msgs.iter().any(|m| matches!(m, Msg::Raw { type_id: 15 | 17 | 18 | 20, .. })) {
                let too_deep = msgs.iter().any(|m| matches!(m, Msg::Deep { levels, .. } if *levels > MAX_DEPTH));
                match &outcome {
                    Ok(()) => prop_assert!(!too_deep, "a message nested past {} reached the session", MAX_DEPTH),
                    Err(ConnError::Amf(AmfError::TooDeep)) => prop_assert!(too_deep, "a shallow stream refused"),
                    Err(_) => {}
                }
            }
            Ok(())
        });
    }
}
