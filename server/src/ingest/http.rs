//! HLS over HTTP, served from memory:
//! - `/hls/{login}/index.m3u8`: the master playlist (one variant per rendition);
//! - `/hls/{login}/{rendition}/index.m3u8`: the LL-HLS media playlist, with
//!   blocking reload through `_HLS_msn` / `_HLS_part`;
//! - `/hls/{login}/{rendition}/init.mp4`, `seg{msn}.m4s`, `part{msn}.{i}.m4s`.
//!
//! These routes sit outside the API quota: a viewer makes several requests a
//! second, which no API tier should count.

use std::collections::HashMap;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::IngestState;
use super::{LiveStream, RenditionHandle};
use crate::http::error::{ApiError, Path, Query};

const PLAYLIST: &str = "application/vnd.apple.mpegurl";

fn reply(body: impl Into<Bytes>, content_type: &'static str, cache: &'static str) -> Response {
    let mut resp = (StatusCode::OK, body.into()).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    resp
}

fn stream_for(state: &IngestState, login: &str) -> Result<std::sync::Arc<LiveStream>, ApiError> {
    crate::http::check_login(login)?;
    state.ingest.local(login).ok_or_else(|| ApiError::not_found(format!("channel '{login}' is not live")))
}

/// A stream ingested by another node: its node answers (see `directory`).
async fn forward(
    state: &IngestState,
    login: &str,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    peer: &SocketAddr,
) -> Option<Result<Response, ApiError>> {
    crate::http::check_login(login).ok()?;
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or(uri.path());
    super::directory::forward(&state.ingest, login, path, headers, peer.ip()).await
}

/// The `?token=` query to carry on URIs, after checking it where the channel
/// requires one. URIs carry the channel's token of the current window
/// (`playback::shared`), the same for every viewer, whatever token the
/// request came with: so every viewer asks for the same URLs, and a cache
/// in front (a CDN) answers them all with one request to this server.
fn token_query(state: &IngestState, stream: &LiveStream, q: &HashMap<String, String>) -> Result<String, ApiError> {
    if !stream.token_required.load(std::sync::atomic::Ordering::Acquire) {
        return Ok(String::new());
    }
    match q.get("token") {
        Some(t) if super::playback::verify(&state.sealer, &stream.login, t) => {
            Ok(format!("?token={}", super::playback::shared(&state.sealer, &stream.login)))
        }
        Some(_) => Err(ApiError::forbidden("the playback token is invalid or expired; get a new one")),
        None => Err(ApiError::forbidden(format!(
            "this channel needs a playback token: POST /api/channels/{}/playback-token",
            stream.login
        ))),
    }
}

/// Note the request as its playback session's (see [`super::viewer_key`]).
fn saw(state: &IngestState, stream: &super::LiveStream, peer: &SocketAddr, headers: &HeaderMap) {
    let ip = crate::http::client_ip(peer.ip(), headers, &state.config.trusted_proxies);
    let ua = headers.get(header::USER_AGENT).map(|v| v.as_bytes()).unwrap_or_default();
    let private = crate::http::opted_out(headers);
    stream.saw_viewer(super::viewer_key(ip, ua), ip, &String::from_utf8_lossy(ua), private);
}

/// `?token=` of every HLS request.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documentation only: the handlers read the query as a map
pub struct PlaybackQuery {
    /// The playback token, where the channel requires one (`POST /api/channels/{login}/playback-token`).
    token: Option<String>,
}

/// `?_HLS_msn=&_HLS_part=` of a blocking media playlist reload (LL-HLS).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documentation only: the handlers read the query as a map
pub struct BlockingReload {
    /// Media sequence number to wait for (media playlists only); at most one ahead of the next one.
    #[param(rename = "_HLS_msn", minimum = 0)]
    hls_msn: Option<u64>,
    /// Part of `_HLS_msn` to wait for; only with `_HLS_msn`.
    #[param(rename = "_HLS_part", minimum = 0)]
    hls_part: Option<u64>,
}

/// `GET /hls/{login}/index.m3u8`.
#[utoipa::path(get, path = "/hls/{login}/index.m3u8", tag = "playback", operation_id = "getHlsMasterPlaylist",
    description = "The master playlist of a live channel: one variant per rendition. Outside the API rate limits.",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login"), PlaybackQuery),
    responses((status = 200, description = "The master playlist", content_type = "application/vnd.apple.mpegurl", body = String),
        (status = 400, description = "Not a login", body = aethex_sdk::Problem),
        (status = 403, description = "The channel needs a playback token, and this one is missing, invalid or expired", body = aethex_sdk::Problem),
        (status = 404, description = "The channel is not live", body = aethex_sdk::Problem),
        (status = 503, description = "The stream has not produced video yet", body = aethex_sdk::Problem)))]
pub async fn master(
    State(state): State<IngestState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Path(login): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    if let Some(proxied) = forward(&state, &login, &uri, &headers, &peer).await {
        return proxied;
    }
    let stream = stream_for(&state, &login)?;
    let token = token_query(&state, &stream, &q)?;
    // Wait briefly for the codecs, so a player that arrives right after "live" gets a usable playlist.
    if !stream.source().wait_for(Duration::from_secs(5), |r| r.init.is_some()).await {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the stream has not produced video yet; retry shortly",
        ));
    }
    saw(&state, &stream, &peer, &headers);
    let mut body = String::from("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (i, r) in stream.renditions.iter().enumerate() {
        let (bw, (w, h), codecs, ended) = r.read(|x| (x.bandwidth(), x.resolution, x.codecs.clone(), x.ended));
        // A rung whose transcoder stopped (fell behind, or ffmpeg died) is no
        // longer offered: players would switch into a dead rendition and stall.
        if codecs.is_empty() || (i > 0 && ended) {
            continue;
        }
        body.push_str(&format!(
            "#EXT-X-STREAM-INF:BANDWIDTH={bw},RESOLUTION={w}x{h},CODECS=\"{codecs}\"\n{}/index.m3u8{token}\n",
            r.name
        ));
    }
    Ok(reply(body, PLAYLIST, "no-cache"))
}

/// `GET /hls/{login}/{rendition}/{file}`.
#[utoipa::path(get, path = "/hls/{login}/{rendition}/{file}", tag = "playback", operation_id = "getHlsMedia",
    description = "A rendition's LL-HLS media playlist (`index.m3u8`, with blocking reload), its fMP4 initialization \
        segment (`init.mp4`), a segment (`seg{msn}.m4s`) or a part (`part{msn}.{i}.m4s`). A segment or part about to be \
        made is waited for a few seconds. Outside the API rate limits.",
    params(("login" = aethex_sdk::openapi::Login, Path, description = "Channel login"),
        ("rendition" = String, Path, description = "`source`, or a transcoded rung such as `720p`"),
        ("file" = String, Path, description = "`index.m3u8`, `init.mp4`, `seg{msn}.m4s` or `part{msn}.{i}.m4s`"),
        PlaybackQuery, BlockingReload),
    responses((status = 200, description = "The playlist or media", content(("application/vnd.apple.mpegurl"), ("video/mp4"), ("video/iso.segment"))),
        (status = 400, description = "Not a login, or a bad blocking-reload request", body = aethex_sdk::Problem),
        (status = 403, description = "The channel needs a playback token, and this one is missing, invalid or expired", body = aethex_sdk::Problem),
        (status = 404, description = "The channel is not live, or no such rendition or file (any more)", body = aethex_sdk::Problem),
        (status = 503, description = "The requested segment did not arrive in time", body = aethex_sdk::Problem)))]
pub async fn file(
    State(state): State<IngestState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Path((login, rendition, file)): Path<(String, String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    if let Some(proxied) = forward(&state, &login, &uri, &headers, &peer).await {
        return proxied;
    }
    let stream = stream_for(&state, &login)?;
    let token = token_query(&state, &stream, &q)?;
    let r = stream
        .rendition(&rendition)
        .ok_or_else(|| ApiError::not_found(format!("no rendition '{}'", crate::http::truncate(&rendition, 20))))?;
    match file.as_str() {
        "index.m3u8" => {
            saw(&state, &stream, &peer, &headers);
            let playlist = media_playlist(r, &q, &token, &state.ingest.served).await?;
            // A rung that stopped while the stream goes on answers 404, not an
            // ended playlist: a player on it (hls.js does not retry a 4xx) then
            // fails over to a rung that still plays, where `EXT-X-ENDLIST`
            // would end playback. Asked after the wait, so a blocking reload
            // held when the rung dies learns it at once.
            if rung_stopped(&stream, r) {
                return Err(ApiError::not_found(format!(
                    "rendition '{}' stopped; the master playlist lists those still playing",
                    r.name
                )));
            }
            Ok(playlist)
        }
        "init.mp4" => {
            r.wait_for(Duration::from_secs(5), |x| x.init.is_some()).await;
            let init = r.read(|x| x.init.clone()).ok_or_else(|| ApiError::not_found("no init segment yet"))?;
            Ok(reply(init, "video/mp4", "public, max-age=30"))
        }
        f => {
            let body = media_file(r, f).await?;
            state.ingest.served.count(f);
            Ok(reply(body, "video/iso.segment", "public, max-age=30"))
        }
    }
}

/// A transcoded rung that ended while the source goes on.
fn rung_stopped(stream: &LiveStream, r: &Arc<RenditionHandle>) -> bool {
    !Arc::ptr_eq(r, stream.source())
        && r.read(|x| x.ended)
        && !stream.ended.load(std::sync::atomic::Ordering::Acquire)
        && !stream.source().read(|x| x.ended)
}

/// A segment (`seg12.m4s`) or part (`part12.3.m4s`), waiting briefly for one about to exist.
async fn media_file(r: &RenditionHandle, f: &str) -> Result<Bytes, ApiError> {
    let (kind, msn, part) = parse_media_name(f)
        .ok_or_else(|| ApiError::not_found(format!("no file '{}'", crate::http::truncate(f, 40))))?;
    let wait = Duration::from_secs(3);
    // The open segment or the one after it (msn + 1 >= next, without overflowing at u64::MAX).
    let upcoming = |x: &super::hls::Rendition| msn >= x.next_msn().saturating_sub(1);
    let data = match (kind, part) {
        ("seg", None) => {
            // A segment that is still filling is waited for, as a preload would be.
            if r.read(upcoming) {
                r.wait_for(wait * 2, |x| x.segment(msn).is_some() || x.ended).await;
            }
            r.read(|x| x.segment(msn))
        }
        ("part", Some(i)) => {
            // A preload hint names the next part before it exists: hold the request.
            if r.read(upcoming) {
                r.wait_for(wait, |x| x.part(msn, i).is_some() || x.ended).await;
            }
            r.read(|x| x.part(msn, i))
        }
        _ => None,
    };
    data.ok_or_else(|| ApiError::not_found(format!("'{f}' is not (or no longer) available")))
}

/// `seg12.m4s` → ("seg", 12, None); `part12.3.m4s` → ("part", 12, Some(3)).
fn parse_media_name(name: &str) -> Option<(&'static str, u64, Option<usize>)> {
    let stem = name.strip_suffix(".m4s")?;
    if let Some(n) = stem.strip_prefix("seg") {
        return Some(("seg", n.parse().ok()?, None));
    }
    let (msn, idx) = stem.strip_prefix("part")?.split_once('.')?;
    Some(("part", msn.parse().ok()?, Some(idx.parse().ok()?)))
}

async fn media_playlist(
    r: &RenditionHandle,
    q: &HashMap<String, String>,
    token: &str,
    served: &super::Served,
) -> Result<Response, ApiError> {
    let msn = match q.get("_HLS_msn") {
        None => None,
        Some(v) => Some(v.parse::<u64>().map_err(|_| ApiError::bad_request("_HLS_msn must be a number"))?),
    };
    let part = match q.get("_HLS_part") {
        None => None,
        Some(_) if msn.is_none() => return Err(ApiError::bad_request("_HLS_part needs _HLS_msn")),
        Some(v) => Some(v.parse::<usize>().map_err(|_| ApiError::bad_request("_HLS_part must be a number"))?),
    };
    let cache = match msn {
        None => "no-cache",
        Some(msn) => {
            let (next, target, ended) = r.read(|x| (x.next_msn(), x.target_duration(), x.ended));
            // RFC 8216bis §6.2.5.2: a request more than two segments ahead is an error.
            if msn > next + 1 {
                return Err(ApiError::bad_request(format!("_HLS_msn {msn} is too far ahead (next is {next})")));
            }
            if !ended && !r.wait_for(Duration::from_secs(3 * target.max(1)), |x| x.ended || x.has(msn, part)).await {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the requested segment did not arrive in time",
                ));
            }
            // The answer to a blocking reload never changes: a cache in
            // front answers every viewer's same reload with one request here.
            served.reloads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            "public, max-age=6"
        }
    };
    Ok(reply(r.read(|x| x.playlist(token)), PLAYLIST, cache))
}

#[cfg(test)]
mod tests {
    use super::parse_media_name;

    #[test]
    fn media_names() {
        assert_eq!(parse_media_name("seg12.m4s"), Some(("seg", 12, None)));
        assert_eq!(parse_media_name("part12.3.m4s"), Some(("part", 12, Some(3))));
        for bad in ["seg.m4s", "part12.m4s", "segx.m4s", "part1.2.3.m4s", "seg1.ts", "../etc/passwd", "seg-1.m4s"] {
            assert_eq!(parse_media_name(bad), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for what a viewer controls: the query string of a media
    //! playlist request (`_HLS_msn`, `_HLS_part`, anything else) and the
    //! segment and part names, against a rendition at any point of a stream.
    //! Every request answers (blocking requests included, on a paused clock)
    //! with a playlist, a file or a typed [`ApiError`]; never a panic.

    use std::collections::HashMap;

    use aethex_sdk::fuzz::gen::text;
    use axum::http::StatusCode;
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::fmp4::Sample;

    /// A number as a viewer might write one: small, near the live edge, huge, or not a number.
    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (0..20u64).prop_map(|n| n.to_string()),
            1 => any::<u64>().prop_map(|n| n.to_string()),
            1 => prop::sample::select(vec![
                "18446744073709551615", "18446744073709551614", "18446744073709551616", "-1", "+3", " 3", "0x10", "", "1e3", "３",
            ])
            .prop_map(str::to_string),
            1 => text(6),
        ]
    }

    fn query() -> impl Strategy<Value = String> {
        let pair = prop_oneof![
            3 => number().prop_map(|v| format!("_HLS_msn={v}")),
            3 => number().prop_map(|v| format!("_HLS_part={v}")),
            1 => number().prop_map(|v| format!("_HLS_skip={v}")),
            1 => number().prop_map(|v| format!("%5FHLS_msn={v}")),
            1 => (text(6), text(6)).prop_map(|(k, v)| format!("{k}={v}")),
        ];
        vec(pair, 0..4).prop_map(|p| p.join("&"))
    }

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            (number()).prop_map(|n| format!("seg{n}.m4s")),
            (number(), number()).prop_map(|(n, i)| format!("part{n}.{i}.m4s")),
            text(16),
        ]
    }

    /// How far the stream got: frames (30 fps), keyframe interval, ended or still live.
    type Stream = (u32, u32, bool);

    #[test]
    fn fuzz_hls_requests() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
        let input = ((0..400u32, 1..90u32, any::<bool>()), query(), name());
        aethex_sdk::fuzz::target("hls_requests").cases(64).run(
            input,
            |((frames, gop, ended), q, f): (Stream, String, String)| {
                let r = RenditionHandle::new("source", Default::default());
                r.update(|x| {
                    for i in 0..frames {
                        let data = Bytes::from_static(b"frame");
                        x.push_video(Sample {
                            dts: u64::from(i) * 3000,
                            duration: 3000,
                            cts: 0,
                            keyframe: i % gop == 0,
                            data,
                        });
                    }
                    if ended {
                        x.finish();
                    }
                });
                // What axum's `Query` does before the handler runs; a query it refuses never gets here.
                let Ok(q) = serde_urlencoded::from_str::<HashMap<String, String>>(&q) else { return Ok(()) };
                rt.block_on(async {
                    match media_playlist(&r, &q, "", &super::super::Served::default()).await {
                        Ok(resp) => prop_assert_eq!(resp.status(), StatusCode::OK),
                        Err(e) => prop_assert!(
                            [StatusCode::BAD_REQUEST, StatusCode::SERVICE_UNAVAILABLE].contains(&e.status),
                            "{} {}",
                            e.status,
                            e.message
                        ),
                    }
                    match media_file(&r, &f).await {
                        Ok(data) => prop_assert!(!data.is_empty()),
                        Err(e) => prop_assert_eq!(e.status, StatusCode::NOT_FOUND, "{}", e.message),
                    }
                    Ok(())
                })
            },
        );
    }
}
