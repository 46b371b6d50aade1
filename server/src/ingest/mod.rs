//! Ingest: encoders publish over RTMP ([`rtmp`], its AMF0 nesting checked by
//! [`amf`] before rml_rtmp decodes it), the stream is remuxed
//! without re-encoding ([`remux`], [`flv`], [`h264`], [`fmp4`]) into HLS and
//! LL-HLS held in memory ([`hls`]) and served over HTTP ([`http`]).
//!
//! Lifecycle: an accepted publish opens a stream session row, marks the
//! channel live and emits `stream.online`; unpublish, socket loss or 10 s
//! without media close the session and emit `stream.offline`. Viewer counts
//! are estimated from HLS playlist requests and written to the session,
//! debounced, every few seconds.

pub mod amf;
pub mod api;
mod directory;
pub mod edge;
pub mod flv;
pub mod fmp4;
pub mod h264;
pub mod hls;
pub mod http;
pub mod playback;
pub mod record;
pub mod remux;
pub mod rtmp;
pub mod thumbnail;
pub mod transcode;
pub mod vod;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::{watch, Notify};

use crate::events::{Bus, Event};
use crate::store::{now_ms, rfc3339, Db};
use aethex_sdk::{StreamOfflineEvent, StreamOnlineEvent};

/// A viewer counts while it fetched a playlist this recently.
const VIEWER_TTL: Duration = Duration::from_secs(15);
/// Playback sessions a stream keeps track of (memory stays bounded).
const MAX_VIEWERS: usize = 1_000_000;
/// How often viewer counts are written.
const VIEWER_FLUSH: Duration = Duration::from_secs(5);
/// How long an ended stream's playlist (with `EXT-X-ENDLIST`) stays fetchable.
const ENDED_LINGER: Duration = Duration::from_secs(30);

/// A playback session as its playlist requests show it: one player (web,
/// app, TV, VLC, ffmpeg) on one address. Memory only; the address is there
/// for analytics to find the country and is never stored.
#[derive(Clone, Debug)]
pub struct Playback {
    /// The first playlist request.
    pub first: Instant,
    /// The latest.
    pub last: Instant,
    /// The client's address.
    pub ip: std::net::IpAddr,
    /// Its User-Agent (at most 200 characters).
    pub user_agent: String,
    /// It asked not to be tracked (Do-Not-Track or Global Privacy Control).
    pub private: bool,
}

/// The key of a playback session: a hash of the client's address and its
/// User-Agent (the way Plausible tells visitors apart without a cookie). The
/// web player's beacon computes the same key, so analytics can tell its HLS
/// requests from those of players that send no beacon.
pub fn viewer_key(ip: std::net::IpAddr, user_agent: &[u8]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ip.hash(&mut h);
    user_agent.hash(&mut h);
    h.finish()
}

/// One rendition's HLS state with a change signal for blocking requests.
#[derive(Debug)]
pub struct RenditionHandle {
    /// Path segment in URLs (`source`).
    pub name: String,
    state: Mutex<hls::Rendition>,
    pub(crate) version: watch::Sender<u64>,
    /// Unix milliseconds of media time 0, shared by a stream's renditions:
    /// set by whichever gets a video sample first (the source).
    epoch: Arc<std::sync::OnceLock<i64>>,
}

impl RenditionHandle {
    fn new(name: &str, epoch: Arc<std::sync::OnceLock<i64>>) -> Self {
        Self {
            name: name.to_string(),
            state: Mutex::new(hls::Rendition::default()),
            version: watch::channel(0).0,
            epoch,
        }
    }

    /// Read the state.
    pub fn read<T>(&self, f: impl FnOnce(&hls::Rendition) -> T) -> T {
        f(&self.state.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Change the state and wake blocked requests.
    pub fn update(&self, f: impl FnOnce(&mut hls::Rendition)) {
        f(&mut self.state.lock().unwrap_or_else(|p| p.into_inner()));
        self.version.send_modify(|v| *v += 1);
    }

    /// Wait until `ready` holds or `timeout` passes; returns whether it holds.
    pub async fn wait_for(&self, timeout: Duration, ready: impl Fn(&hls::Rendition) -> bool) -> bool {
        let mut rx = self.version.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.read(&ready) {
                return true;
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => return self.read(&ready),
            }
        }
    }
}

/// A channel's running (or just ended) broadcast.
#[derive(Debug)]
pub struct LiveStream {
    /// Channel login.
    pub login: String,
    /// Channel id.
    pub channel_id: i64,
    /// Display name.
    pub display_name: String,
    /// Stream session id.
    pub session_id: i64,
    /// Renditions; the first is the source.
    pub renditions: Vec<Arc<RenditionHandle>>,
    /// Publish time, for "time to live" figures.
    pub started: Instant,
    viewers: Mutex<HashMap<u64, Playback>>,
    /// HLS requests must carry a valid playback token.
    pub token_required: std::sync::atomic::AtomicBool,
    /// The cached live thumbnail.
    pub thumbnail: thumbnail::ThumbnailCache,
    /// Tells the publisher's connection to stop (replaced by another publisher, or shutdown).
    pub stop: Notify,
    ended: std::sync::atomic::AtomicBool,
    /// Set when the stream is ingested by another node: it has no media
    /// here (no renditions), and its HLS is proxied to that node.
    pub origin: Option<Origin>,
}

/// Where a stream ingested by another node lives (from the cluster's directory).
#[derive(Debug)]
pub struct Origin {
    /// That node's id.
    pub node: String,
    /// Its HTTP base URL.
    pub url: String,
    /// Its latest viewer count.
    viewers: std::sync::atomic::AtomicI64,
}

impl LiveStream {
    /// The source rendition. Only streams ingested here have one: reach
    /// them through [`Ingest::local`].
    pub fn source(&self) -> &Arc<RenditionHandle> {
        &self.renditions[0]
    }

    /// A rendition by URL name.
    pub fn rendition(&self, name: &str) -> Option<&Arc<RenditionHandle>> {
        self.renditions.iter().find(|r| r.name == name)
    }

    /// Note a playlist request of the playback session `key` (see [`viewer_key`]).
    pub fn saw_viewer(&self, key: u64, ip: std::net::IpAddr, user_agent: &str, private: bool) {
        let now = Instant::now();
        let mut v = self.viewers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = v.get_mut(&key) {
            p.last = now;
        } else if v.len() < MAX_VIEWERS {
            let user_agent = crate::http::truncate(user_agent, 200);
            v.insert(key, Playback { first: now, last: now, ip, user_agent, private });
        }
    }

    /// The playback sessions seen in the last [`VIEWER_TTL`], for analytics
    /// to count the players that send no beacon of their own.
    pub fn playbacks(&self) -> Vec<(u64, Playback)> {
        let v = self.viewers.lock().unwrap_or_else(|p| p.into_inner());
        v.iter().filter(|(_, p)| p.last.elapsed() < VIEWER_TTL).map(|(k, p)| (*k, p.clone())).collect()
    }

    /// Viewers seen in the last minute (for raids and analytics); for a
    /// stream of another node, the count it last published.
    pub fn viewer_count(&self) -> i64 {
        match &self.origin {
            Some(o) => o.viewers.load(std::sync::atomic::Ordering::Relaxed),
            None => self.count_viewers(),
        }
    }

    fn count_viewers(&self) -> i64 {
        let mut v = self.viewers.lock().unwrap_or_else(|p| p.into_inner());
        v.retain(|_, p| p.last.elapsed() < VIEWER_TTL);
        v.len() as i64
    }

    /// Whether the publisher is gone.
    pub fn is_ended(&self) -> bool {
        self.ended.load(std::sync::atomic::Ordering::Acquire)
    }
}

/// Why a publish was refused.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// No channel has this stream key.
    #[error("wrong stream key")]
    WrongKey,
    /// Someone is already publishing to this channel.
    #[error("channel is already live")]
    AlreadyLive,
    /// Storage failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// The ingest service: live streams by login.
#[derive(Debug)]
pub struct Ingest {
    db: Db,
    bus: Bus,
    /// A second publisher replaces the first instead of being refused.
    replace: bool,
    /// Where recordings go, when recording is on.
    record_dir: Option<std::path::PathBuf>,
    /// ffmpeg for the ABR ladder and thumbnails; `None` means source only.
    pub ffmpeg: Option<std::path::PathBuf>,
    live: Arc<RwLock<HashMap<String, Arc<LiveStream>>>>,
    /// The other nodes.
    cluster: Arc<crate::cluster::Cluster>,
    /// Streams ingested by other nodes, from the directory in Redis.
    remote: RwLock<HashMap<String, Arc<LiveStream>>>,
    /// When the directory was last read (the sweep of dead nodes' sessions trusts only a fresh one).
    directory_read: Mutex<Option<Instant>>,
    /// Proxies other nodes' HLS.
    proxy: reqwest::Client,
    /// Media this node served (`/metrics`: a cache in front should ask once per part).
    pub served: Served,
    /// Other nodes' media this node fetched, kept briefly (see [`edge`]).
    pub edge: edge::EdgeCache,
}

/// Counts of HLS media this node answered.
#[derive(Debug, Default)]
pub struct Served {
    /// Parts (`part{msn}.{i}.m4s`).
    pub parts: std::sync::atomic::AtomicU64,
    /// Segments (`seg{msn}.m4s`).
    pub segments: std::sync::atomic::AtomicU64,
    /// Blocking playlist reloads (`_HLS_msn`).
    pub reloads: std::sync::atomic::AtomicU64,
}

impl Served {
    fn count(&self, file: &str) {
        let c = if file.starts_with("part") { &self.parts } else { &self.segments };
        c.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Ingest {
    /// The service; sessions left open by a crash are closed first.
    pub async fn new(
        db: Db,
        bus: Bus,
        replace: bool,
        record_dir: Option<std::path::PathBuf>,
        cluster: Arc<crate::cluster::Cluster>,
    ) -> Result<Arc<Self>, sqlx::Error> {
        // Alone, every open session is this node's, left by a crash. With
        // other nodes, only those no node claims in the directory are closed,
        // by the sweep (`directory::run`).
        if !cluster.is_shared() {
            let closed =
                sqlx::query("UPDATE stream_sessions SET ended_at = $1, viewer_count = 0 WHERE ended_at IS NULL")
                    .bind(now_ms())
                    .execute(&db.pool)
                    .await?;
            if closed.rows_affected() > 0 {
                tracing::warn!(sessions = closed.rows_affected(), "closed stream sessions left open by an earlier run");
            }
        }
        let ffmpeg = transcode::find_ffmpeg();
        match &ffmpeg {
            Some(path) => {
                tracing::info!(ffmpeg = %path.display(), "adaptive bitrate ladder enabled (720p, 480p below the source)")
            }
            None => tracing::warn!(
                "ffmpeg not found: streams are served at source quality only (no ABR ladder, no thumbnails)"
            ),
        }
        let proxy = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(2))
            .timeout(directory::PROXY_TIMEOUT)
            .pool_max_idle_per_host(64)
            .build()
            .unwrap_or_default();
        let ingest = Arc::new(Self {
            db,
            bus,
            replace,
            record_dir,
            ffmpeg,
            live: Arc::new(RwLock::new(HashMap::new())),
            cluster,
            remote: RwLock::default(),
            directory_read: Mutex::new(None),
            proxy,
            served: Served::default(),
            edge: edge::EdgeCache::default(),
        });
        if ingest.cluster.is_shared() {
            tokio::spawn(directory::run(Arc::downgrade(&ingest)));
            tokio::spawn(directory::commands(Arc::downgrade(&ingest)));
        }
        let weak = Arc::downgrade(&ingest);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(VIEWER_FLUSH);
            let mut last: HashMap<i64, i64> = HashMap::new();
            loop {
                tick.tick().await;
                let Some(ingest) = weak.upgrade() else { break };
                ingest.flush_viewers(&mut last).await;
            }
        });
        Ok(ingest)
    }

    /// The stream of a login, live or just ended, on any node.
    pub fn get(&self, login: &str) -> Option<Arc<LiveStream>> {
        self.local(login).or_else(|| self.remote.read().unwrap_or_else(|p| p.into_inner()).get(login).cloned())
    }

    /// The stream of a login if this node ingests it (it has media here).
    pub fn local(&self, login: &str) -> Option<Arc<LiveStream>> {
        self.live.read().unwrap_or_else(|p| p.into_inner()).get(login).cloned()
    }

    /// Every stream on every node (other nodes' as the directory last said).
    pub fn all(&self) -> Vec<Arc<LiveStream>> {
        let mut out = self.all_local();
        let remote = self.remote.read().unwrap_or_else(|p| p.into_inner());
        out.extend(remote.values().filter(|r| !out.iter().any(|l| l.login == r.login)).cloned().collect::<Vec<_>>());
        out
    }

    /// The streams this node ingests.
    pub fn all_local(&self) -> Vec<Arc<LiveStream>> {
        self.live.read().unwrap_or_else(|p| p.into_inner()).values().cloned().collect()
    }

    /// Stop a broadcast wherever it is ingested: here, its publisher is
    /// told to stop and the stream ends; on another node, that node is asked to.
    pub async fn stop(&self, stream: &Arc<LiveStream>) {
        if stream.origin.is_some() {
            directory::send(&self.cluster, &directory::Command::Stop { login: stream.login.clone() });
            return;
        }
        stream.stop.notify_waiters();
        self.end(stream).await;
    }

    /// Whether `login`'s HLS needs a playback token now, on every node.
    pub fn set_token_required(&self, login: &str, required: bool) {
        if let Some(s) = self.get(login) {
            s.token_required.store(required, std::sync::atomic::Ordering::Release);
        }
        directory::send(&self.cluster, &directory::Command::TokenRequired { login: login.to_string(), required });
    }

    /// Authorise a publish by stream key and start the broadcast.
    pub async fn start(&self, stream_key: &str) -> Result<Arc<LiveStream>, PublishError> {
        let channel =
            crate::accounts::channel_by_stream_key(&self.db, stream_key).await?.ok_or(PublishError::WrongKey)?;
        let channel_id = channel.id;
        let login = channel.login.clone();
        if let Some(old) = self.get(&login).filter(|s| !s.is_ended()) {
            if !self.replace {
                return Err(PublishError::AlreadyLive);
            }
            tracing::info!(channel = %login, "a new publisher replaces the current one");
            let remote = old.origin.is_some();
            self.stop(&old).await;
            if remote {
                // Its node closes the session; give it a moment before ours opens.
                for _ in 0..30 {
                    let mut conn = self.db.pool.acquire().await?;
                    if !is_live(&mut conn, channel_id).await? {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        let now = now_ms();
        // The session row and the outbox rows of `stream.online` commit together.
        let mut change = self.bus.change(&self.db).await?;
        // The session starts with what the channel shows now.
        let session_id: i64 = sqlx::query_scalar(
            "INSERT INTO stream_sessions (channel_id, title, category, tags, language, started_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(channel_id)
        .bind(&channel.title)
        .bind(&channel.category)
        .bind(serde_json::to_string(&channel.tags).unwrap_or_else(|_| "[]".into()))
        .bind(&channel.language)
        .bind(now)
        .fetch_one(change.conn())
        .await
        .map_err(|e| if crate::store::is_unique_violation(&e) { PublishError::AlreadyLive } else { e.into() })?;
        let epoch = Arc::new(std::sync::OnceLock::new());
        let stream = Arc::new(LiveStream {
            login: login.clone(),
            channel_id,
            display_name: channel.display_name.clone(),
            session_id,
            renditions: std::iter::once("source")
                .chain(self.ffmpeg.iter().flat_map(|_| transcode::LADDER.iter().map(|r| r.name)))
                .map(|name| Arc::new(RenditionHandle::new(name, epoch.clone())))
                .collect(),
            started: Instant::now(),
            viewers: Mutex::new(HashMap::new()),
            token_required: channel.playback_token_required.into(),
            thumbnail: thumbnail::ThumbnailCache::default(),
            stop: Notify::new(),
            ended: false.into(),
            origin: None,
        });
        change.emit(Event::StreamOnline(StreamOnlineEvent {
            id: session_id.to_string(),
            broadcaster_user_id: channel_id.to_string(),
            broadcaster_user_login: login.clone(),
            broadcaster_user_name: stream.display_name.clone(),
            kind: "live".into(),
            started_at: rfc3339(now),
        }));
        // Live in memory before the event goes out, so whoever it reaches finds the stream.
        self.live.write().unwrap_or_else(|p| p.into_inner()).insert(login.clone(), stream.clone());
        if let Err(e) = change.commit().await {
            let mut live = self.live.write().unwrap_or_else(|p| p.into_inner());
            if live.get(&login).is_some_and(|cur| Arc::ptr_eq(cur, &stream)) {
                live.remove(&login);
            }
            return Err(e.into());
        }
        if let Some(dir) = &self.record_dir {
            record::spawn(stream.clone(), dir.clone());
        }
        directory::announce(self, &stream).await;
        tracing::info!(channel = %login, session = session_id, "stream online");
        Ok(stream)
    }

    /// Close a session row; it and the outbox rows of `stream.offline` commit together.
    async fn close_session(&self, session_id: i64, offline: Event) -> Result<(), sqlx::Error> {
        let mut change = self.bus.change(&self.db).await?;
        sqlx::query("UPDATE stream_sessions SET ended_at = $1, viewer_count = 0 WHERE id = $2 AND ended_at IS NULL")
            .bind(now_ms())
            .bind(session_id)
            .execute(change.conn())
            .await?;
        change.emit(offline);
        change.commit().await
    }

    /// Close the session of a node that is gone; `true` when this call closed
    /// it (then `stream.offline` goes out from here, once across nodes).
    async fn close_orphan(
        &self,
        session_id: i64,
        channel_id: i64,
        login: String,
        name: String,
    ) -> Result<bool, sqlx::Error> {
        let mut change = self.bus.change(&self.db).await?;
        let closed = sqlx::query(
            "UPDATE stream_sessions SET ended_at = $1, viewer_count = 0 WHERE id = $2 AND ended_at IS NULL",
        )
        .bind(now_ms())
        .bind(session_id)
        .execute(change.conn())
        .await?
        .rows_affected()
            == 1;
        if closed {
            change.emit(Event::StreamOffline(StreamOfflineEvent {
                broadcaster_user_id: channel_id.to_string(),
                broadcaster_user_login: login,
                broadcaster_user_name: name,
            }));
        }
        change.commit().await?;
        Ok(closed)
    }

    /// End a broadcast: close its playlists, its session row, emit `stream.offline`.
    pub async fn end(&self, stream: &Arc<LiveStream>) {
        if stream.origin.is_some() || stream.ended.swap(true, std::sync::atomic::Ordering::AcqRel) {
            return;
        }
        for r in &stream.renditions {
            r.update(hls::Rendition::finish);
        }
        let offline = Event::StreamOffline(StreamOfflineEvent {
            broadcaster_user_id: stream.channel_id.to_string(),
            broadcaster_user_login: stream.login.clone(),
            broadcaster_user_name: stream.display_name.clone(),
        });
        if let Err(e) = self.close_session(stream.session_id, offline.clone()).await {
            // The broadcast has ended whatever the database says: the event still goes
            // out (stored by EventSub after the fact), and open session rows are
            // closed when the server next starts.
            tracing::error!(error = %e, channel = %stream.login, "could not close the stream session");
            self.bus.publish(offline);
        }
        tracing::info!(channel = %stream.login, session = stream.session_id, "stream offline");
        directory::withdraw(self, &stream.login).await;
        // Players finish reading the end of the playlist, then it goes.
        let weak = Arc::downgrade(stream);
        let login = stream.login.clone();
        let this = Arc::downgrade(&self.live);
        tokio::spawn(async move {
            tokio::time::sleep(ENDED_LINGER).await;
            if let (Some(s), Some(map)) = (weak.upgrade(), this.upgrade()) {
                let mut m = map.write().unwrap_or_else(|p| p.into_inner());
                if m.get(&login).is_some_and(|cur| Arc::ptr_eq(cur, &s)) {
                    m.remove(&login);
                }
            }
        });
    }

    async fn flush_viewers(&self, last: &mut HashMap<i64, i64>) {
        for s in self.all_local().into_iter().filter(|s| !s.is_ended()) {
            let n = s.count_viewers();
            if last.get(&s.session_id) == Some(&n) {
                continue;
            }
            last.insert(s.session_id, n);
            let res = sqlx::query(
                "UPDATE stream_sessions SET viewer_count = $1, peak_viewers = CASE WHEN peak_viewers < $1 THEN $1 ELSE peak_viewers END
                 WHERE id = $2 AND ended_at IS NULL",
            )
            .bind(n)
            .bind(s.session_id)
            .execute(&self.db.pool)
            .await;
            if let Err(e) = res {
                tracing::warn!(error = %e, "could not write viewer count");
            }
        }
        last.retain(|id, _| self.all_local().iter().any(|s| s.session_id == *id));
    }

    /// Stop every publisher (server shutdown).
    pub async fn shutdown(&self) {
        for s in self.all_local() {
            s.stop.notify_waiters();
            self.end(&s).await;
        }
    }
}

/// Feed remuxer output into a rendition.
pub fn apply(rendition: &RenditionHandle, outputs: Vec<remux::Output>) {
    if outputs.is_empty() {
        return;
    }
    rendition.update(|r| {
        for o in outputs {
            match o {
                remux::Output::Init(info, codecs) => {
                    r.init = Some(Bytes::from(fmp4::init_segment(&info)));
                    r.codecs = codecs;
                    r.resolution = (info.width, info.height);
                }
                remux::Output::Video(s) => {
                    if r.epoch_ms.is_none() {
                        let dts_ms = (s.dts / u64::from(fmp4::VIDEO_TIMESCALE / 1000)) as i64;
                        r.epoch_ms = Some(*rendition.epoch.get_or_init(|| now_ms() - dts_ms));
                    }
                    r.push_video(s)
                }
                remux::Output::Audio(s) => r.push_audio(s),
            }
        }
    });
}

/// What ingest's HTTP handlers use.
#[derive(Clone)]
pub struct IngestState {
    /// Storage.
    pub db: Db,
    /// Signs playback tokens.
    pub sealer: crate::crypto::Sealer,
    /// Playback-token lifetimes and the public URL.
    pub config: Arc<crate::config::Config>,
    /// Live streams.
    pub ingest: Arc<Ingest>,
}

/// This capability's routes inside the API gate (stream sessions, thumbnails, playback tokens).
pub fn router<S: Clone + Send + Sync + 'static>(state: IngestState) -> axum::Router<S> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/api/streams", get(api::list))
        .route("/api/streams/{id}", get(api::get_stream))
        .route("/api/streams/{id}/thumbnail.jpg", get(thumbnail::thumbnail))
        .route("/api/channels/{login}/playback-token", post(playback::create))
        .with_state(state)
}

/// HLS routes, outside the API gate (a viewer makes several requests a second).
pub fn hls_router<S: Clone + Send + Sync + 'static>(state: IngestState) -> axum::Router<S> {
    use axum::routing::get;
    axum::Router::new()
        .route("/hls/{login}/index.m3u8", get(http::master))
        .route("/hls/{login}/{rendition}/{file}", get(http::file))
        .route("/vod/{login}/{session}/{file}", get(vod::file))
        .route("/clips/{file}", get(vod::clip_file))
        .with_state(state)
}

/// Whether channel `channel_id` has a running session, as `conn` sees it
/// (the database, so every node agrees).
pub async fn is_live(conn: &mut sqlx::AnyConnection, channel_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stream_sessions WHERE channel_id = $1 AND ended_at IS NULL")
        .bind(channel_id)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The category a stream session went live in.
pub async fn session_category(db: &Db, session_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT category FROM stream_sessions WHERE id = $1")
        .bind(session_id)
        .fetch_optional(&db.pool)
        .await
}

/// Which of `ids` have a running session.
pub async fn live_channel_ids(db: &Db, ids: &[i64]) -> Result<std::collections::HashSet<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let placeholders = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql =
        format!("SELECT channel_id FROM stream_sessions WHERE ended_at IS NULL AND channel_id IN ({placeholders})");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&db.pool).await?.into_iter().collect())
}

/// A running session shows what its broadcaster just set (inside the caller's transaction).
pub async fn retitle_live_session(
    conn: &mut sqlx::AnyConnection,
    channel_id: i64,
    title: &str,
    category: &str,
    tags: &[String],
    language: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE stream_sessions SET title = $1, category = $2, tags = $3, language = $4
         WHERE channel_id = $5 AND ended_at IS NULL",
    )
    .bind(title)
    .bind(category)
    .bind(serde_json::to_string(tags).unwrap_or_else(|_| "[]".into()))
    .bind(language)
    .bind(channel_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The channel's broadcasts and the clips the user made, for their data export.
pub async fn export_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Vec<crate::store::Export>, sqlx::Error> {
    use crate::store::export_rows;
    Ok(vec![
        export_rows(
            conn,
            "stream_sessions",
            "SELECT id, title, category, tags, language, started_at, ended_at, peak_viewers FROM stream_sessions
             WHERE channel_id = $1",
            id,
        )
        .await?,
        export_rows(
            conn,
            "clips",
            "SELECT id, channel_id, session_id, title, duration_ms, created_at FROM clips
             WHERE creator_id = $1 OR channel_id = $1",
            id,
        )
        .await?,
    ])
}

/// Remove the channel's broadcasts and every clip of it or by the user.
pub async fn erase_user(conn: &mut sqlx::AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM clips WHERE creator_id = $1 OR channel_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM stream_sessions WHERE channel_id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}
