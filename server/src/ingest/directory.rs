//! Which node ingests which stream, when several nodes share one Redis.
//!
//! Every node writes the streams it ingests into the hash `aethex:live`
//! (login → [`Entry`], each stamped with an expiry a few seconds ahead) once
//! a second, reads the whole hash back in the same round trip, and keeps the
//! other nodes' entries as media-less [`LiveStream`]s with an [`Origin`]: so
//! every node lists every live channel with its viewer count, and a viewer's
//! HLS request for a stream ingested elsewhere is proxied to its node
//! ([`forward`]; measured against routing by channel in the load balancer in
//! `docs/scaling.md`). A node that dies stops renewing its entries; once they
//! expire, any node closes their sessions with `stream.offline` (one wins the
//! row), and their viewers' players end at the next playlist reload.
//!
//! Commands about a stream (stop it, require playback tokens) go to every
//! node on the `ingest` topic; the node that holds it acts.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use super::edge::Answer;
use super::{Ingest, LiveStream, Origin};
use crate::cluster::Cluster;
use crate::http::error::ApiError;
use crate::store::now_ms;

const KEY: &str = "aethex:live";
const TOPIC: &str = "ingest";
/// How often a node renews its entries and reads the others'.
const SYNC: Duration = Duration::from_secs(1);
/// How long an entry stands without renewal.
const ENTRY_TTL_MS: i64 = 5_000;
/// Sessions younger than this are never swept (their node may not have written its entry yet).
const SWEEP_MIN_AGE_MS: i64 = 20_000;
/// How often open sessions no node claims are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(10);
/// A proxied request may wait this long: a blocking playlist reload waits
/// up to three target durations at the origin.
pub(super) const PROXY_TIMEOUT: Duration = Duration::from_secs(15);
/// Marks a request one node proxied to another, so it is never proxied again.
const HOP: &str = "x-aethex-proxied";

/// One stream in the directory.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    node: String,
    url: String,
    channel_id: i64,
    display_name: String,
    session_id: i64,
    viewers: i64,
    token_required: bool,
    /// Unix ms after which the entry no longer counts.
    until: i64,
}

/// What one node asks of the node holding a stream.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum Command {
    /// End the broadcast (its publisher is told to stop).
    Stop {
        /// The channel.
        login: String,
    },
    /// Playback tokens became required, or not.
    TokenRequired {
        /// The channel.
        login: String,
        /// Required from now on.
        required: bool,
    },
}

/// Tell the other nodes.
pub(super) fn send(cluster: &Cluster, cmd: &Command) {
    if let Ok(json) = serde_json::to_string(cmd) {
        cluster.publish(TOPIC, json);
    }
}

fn entry(ingest: &Ingest, s: &LiveStream) -> Option<(String, String)> {
    let url = ingest.cluster.node_url()?.to_string();
    let e = Entry {
        node: ingest.cluster.node().to_string(),
        url,
        channel_id: s.channel_id,
        display_name: s.display_name.clone(),
        session_id: s.session_id,
        viewers: s.viewer_count(),
        token_required: s.token_required.load(Ordering::Acquire),
        until: now_ms() + ENTRY_TTL_MS,
    };
    Some((s.login.clone(), serde_json::to_string(&e).ok()?))
}

/// A stream went live here: enter it at once, so the others need not wait a second.
pub(super) async fn announce(ingest: &Ingest, s: &LiveStream) {
    if let Some((login, json)) = ingest.cluster.is_shared().then(|| entry(ingest, s)).flatten() {
        let _: Option<i64> = ingest.cluster.query(redis::cmd("HSET").arg(KEY).arg(login).arg(json)).await;
    }
}

/// A stream ended here: remove it, unless another node holds the channel now.
pub(super) async fn withdraw(ingest: &Ingest, login: &str) {
    if !ingest.cluster.is_shared() {
        return;
    }
    let script = redis::Script::new(
        r"local v = redis.call('HGET', KEYS[1], ARGV[1])
          if v and string.find(v, ARGV[2], 1, true) then return redis.call('HDEL', KEYS[1], ARGV[1]) end
          return 0",
    );
    let mine = format!("\"node\":\"{}\"", ingest.cluster.node());
    let _: Option<i64> = ingest.cluster.script(script.key(KEY).arg(login).arg(mine)).await;
}

/// Renew this node's entries, read the others', and sweep dead nodes' sessions.
pub(super) async fn run(ingest: Weak<Ingest>) {
    let mut tick = tokio::time::interval(SYNC);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_sweep = Instant::now();
    loop {
        tick.tick().await;
        let Some(ingest) = ingest.upgrade() else { return };
        sync(&ingest).await;
        if last_sweep.elapsed() >= SWEEP_EVERY {
            last_sweep = Instant::now();
            if let Err(e) = sweep(&ingest).await {
                tracing::warn!(error = %e, "could not sweep streams of departed nodes");
            }
        }
    }
}

async fn sync(ingest: &Ingest) {
    let mut pipe = redis::pipe();
    for s in ingest.all_local().iter().filter(|s| !s.is_ended()) {
        if let Some((login, json)) = entry(ingest, s) {
            pipe.cmd("HSET").arg(KEY).arg(login).arg(json).ignore();
        }
    }
    pipe.cmd("HGETALL").arg(KEY);
    let Some((all,)) = ingest.cluster.pipe::<(HashMap<String, String>,)>(&pipe).await else { return };
    let now = now_ms();
    let stale = adopt(ingest, all, now);
    *ingest.directory_read.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    if !stale.is_empty() {
        let _: Option<i64> = ingest.cluster.query(redis::cmd("HDEL").arg(KEY).arg(stale)).await;
    }
}

/// Take the other nodes' entries as this node's view of them; returns the
/// logins whose entries expired long ago.
fn adopt(ingest: &Ingest, all: HashMap<String, String>, now: i64) -> Vec<String> {
    let me = ingest.cluster.node();
    let mut stale = Vec::new();
    let mut remote = ingest.remote.write().unwrap_or_else(|p| p.into_inner());
    let old = std::mem::take(&mut *remote);
    for (login, json) in all {
        let Ok(e) = serde_json::from_str::<Entry>(&json) else {
            tracing::warn!(channel = %login, "unreadable entry in the live directory");
            continue;
        };
        if e.until < now {
            // Long expired: its node is gone; tidy the hash (a node that comes
            // back writes its entry again within a second).
            if e.until < now - 60_000 {
                stale.push(login);
            }
            continue;
        }
        if e.node == me {
            continue;
        }
        let stream = match old.get(&login) {
            Some(s) if s.session_id == e.session_id && s.origin.as_ref().is_some_and(|o| o.node == e.node) => s.clone(),
            _ => Arc::new(LiveStream {
                login: login.clone(),
                channel_id: e.channel_id,
                display_name: e.display_name.clone(),
                session_id: e.session_id,
                renditions: Vec::new(),
                started: Instant::now(),
                viewers: Default::default(),
                token_required: e.token_required.into(),
                thumbnail: Default::default(),
                stop: Notify::new(),
                ended: false.into(),
                origin: Some(Origin { node: e.node.clone(), url: e.url.clone(), viewers: 0.into() }),
            }),
        };
        if let Some(o) = &stream.origin {
            o.viewers.store(e.viewers, Ordering::Relaxed);
        }
        stream.token_required.store(e.token_required, Ordering::Release);
        remote.insert(login, stream);
    }
    stale
}

/// Close the open sessions that no node claims (their node died), with `stream.offline`.
async fn sweep(ingest: &Ingest) -> Result<(), sqlx::Error> {
    let fresh = ingest.directory_read.lock().unwrap_or_else(|p| p.into_inner()).is_some_and(|t| t.elapsed() < SYNC * 3);
    if !fresh {
        return Ok(()); // without a current directory every stream would look orphaned
    }
    let open: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, channel_id FROM stream_sessions WHERE ended_at IS NULL AND started_at < $1 ORDER BY id",
    )
    .bind(now_ms() - SWEEP_MIN_AGE_MS)
    .fetch_all(&ingest.db.pool)
    .await?;
    let claimed: std::collections::HashSet<i64> = ingest.all().iter().map(|s| s.session_id).collect();
    let orphans: Vec<_> = open.into_iter().filter(|(id, _)| !claimed.contains(id)).collect();
    if orphans.is_empty() {
        return Ok(());
    }
    let names = crate::accounts::names(&ingest.db, &orphans.iter().map(|o| o.1).collect::<Vec<_>>()).await?;
    for (session_id, channel_id) in orphans {
        let (login, name) = names.get(&channel_id).cloned().unwrap_or_default();
        if ingest.close_orphan(session_id, channel_id, login.clone(), name).await? {
            tracing::warn!(channel = %login, session = session_id, "closed the stream of a node that is gone");
        }
    }
    Ok(())
}

/// Act on other nodes' commands about streams held here.
pub(super) async fn commands(ingest: Weak<Ingest>) {
    let Some(mut rx) = ingest.upgrade().map(|i| i.cluster.subscribe(TOPIC)) else { return };
    loop {
        let msg = match rx.recv().await {
            Ok(m) => m,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(missed = n, "fell behind other nodes' ingest commands");
                continue;
            }
            Err(_) => return,
        };
        let Some(ingest) = ingest.upgrade() else { return };
        match serde_json::from_str::<Command>(&msg.payload) {
            Ok(Command::Stop { login }) => {
                if let Some(s) = ingest.local(&login) {
                    tracing::info!(channel = %login, node = %msg.node, "another node asked to end this stream");
                    ingest.stop(&s).await;
                }
            }
            Ok(Command::TokenRequired { login, required }) => {
                if let Some(s) = ingest.local(&login) {
                    s.token_required.store(required, Ordering::Release);
                }
            }
            Err(e) => tracing::warn!(error = %e, "unreadable ingest command from another node"),
        }
    }
}

/// Headers a proxied HLS request carries to the origin: what the origin
/// counts viewers by and honours (address, User-Agent, DNT/GPC).
const FORWARDED: [header::HeaderName; 2] = [header::USER_AGENT, header::DNT];
/// Headers of the origin's answer the viewer gets.
const RETURNED: [header::HeaderName; 4] =
    [header::CONTENT_TYPE, header::CACHE_CONTROL, header::ETAG, header::LAST_MODIFIED];

/// If `login` is live on another node (and not here), its answer to this
/// HLS request; `None` when this node should answer itself.
pub(super) async fn forward(
    ingest: &Ingest,
    login: &str,
    path_and_query: &str,
    headers: &HeaderMap,
    peer: std::net::IpAddr,
) -> Option<Result<Response, ApiError>> {
    if ingest.local(login).is_some() || headers.contains_key(HOP) {
        return None;
    }
    let stream = ingest.get(login)?;
    let origin = stream.origin.as_ref()?;
    let url = format!("{}{path_and_query}", origin.url.trim_end_matches('/'));
    let fetch = || fetch(ingest, login, &url, headers, peer);
    let answer = if super::edge::is_media(path_and_query) {
        // Media reads the same for every viewer: one fetch per node (see `edge`).
        ingest.edge.get(&format!("{}#{url}", stream.session_id), fetch).await
    } else {
        fetch().await
    };
    let mut out = (answer.status, answer.body).into_response();
    out.headers_mut().extend(answer.headers);
    out.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    Some(Ok(out))
}

/// The origin's answer to a proxied request; a problem of this node's own
/// (`502`) when the origin cannot be reached or breaks off.
async fn fetch(ingest: &Ingest, login: &str, url: &str, headers: &HeaderMap, peer: std::net::IpAddr) -> Answer {
    let mut req = ingest.proxy.get(url).header(HOP, "1");
    for h in FORWARDED {
        if let Some(v) = headers.get(&h) {
            req = req.header(h, v);
        }
    }
    if let Some(v) = headers.get("sec-gpc") {
        req = req.header("sec-gpc", v);
    }
    // The origin believes this node (it is among its trusted proxies) for the viewer's address.
    let mut xff: Vec<String> =
        headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect();
    xff.push(peer.to_string());
    req = req.header("x-forwarded-for", xff.join(", "));
    // A 502 is this node's own answer (the same problem JSON as `ApiError`), never kept.
    let bad_gateway = |detail: &str| {
        let problem = aethex_sdk::Problem {
            error: "Bad Gateway".into(),
            status: StatusCode::BAD_GATEWAY.as_u16(),
            message: detail.into(),
        };
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Answer {
            status: StatusCode::BAD_GATEWAY,
            headers,
            body: serde_json::to_vec(&problem).unwrap_or_default().into(),
        }
    };
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, channel = login, origin = %url, "could not reach the stream's node");
            return bad_gateway("the node holding this stream did not answer; retry shortly");
        }
    };
    let status = resp.status();
    let mut kept = HeaderMap::new();
    for h in RETURNED {
        if let Some(v) = resp.headers().get(&h) {
            kept.insert(h, v.clone());
        }
    }
    match resp.bytes().await {
        Ok(body) => Answer { status, headers: kept, body },
        Err(e) => {
            tracing::warn!(error = %e, channel = login, "the stream's node broke off an answer");
            bad_gateway("the node holding this stream broke off")
        }
    }
}
