//! Live thumbnails: the newest keyframe of the source, decoded by ffmpeg into
//! a 320-pixel-wide JPEG on demand, then cached for [`MAX_AGE`]. One
//! generation at a time per stream, so a burst of requests costs one ffmpeg.

use std::process::Stdio;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::IngestState;
use super::LiveStream;
use crate::http::error::{ApiError, ApiResult, Path};

/// How long one thumbnail is served before a new one is made.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// The cached thumbnail of a stream.
#[derive(Debug, Default)]
pub struct ThumbnailCache {
    inner: tokio::sync::Mutex<Option<(Instant, Bytes)>>,
}

async fn render(ffmpeg: &std::path::Path, mp4: Vec<u8>) -> Option<Bytes> {
    let mut child = tokio::process::Command::new(ffmpeg)
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "mp4",
            "-i",
            "pipe:0",
            "-frames:v",
            "1",
            "-vf",
            "scale=320:-2",
        ])
        .args(["-f", "image2", "-c:v", "mjpeg", "-q:v", "5", "pipe:1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let mut stdout = child.stdout.take()?;
    let write = tokio::spawn(async move {
        let _ = stdin.write_all(&mp4).await;
    });
    let mut jpeg = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stdout.read_to_end(&mut jpeg)).await;
    let _ = write.await;
    let _ = child.wait().await;
    (read.is_ok() && jpeg.starts_with(&[0xff, 0xd8])).then(|| Bytes::from(jpeg))
}

impl ThumbnailCache {
    /// The current thumbnail, making a new one if the cached one is stale.
    pub async fn get(&self, stream: &LiveStream, ffmpeg: &std::path::Path) -> Option<Bytes> {
        let mut slot = self.inner.lock().await;
        if let Some((at, jpeg)) = slot.as_ref() {
            if at.elapsed() < MAX_AGE {
                return Some(jpeg.clone());
            }
        }
        // init.mp4 + the newest part that starts with a keyframe.
        let mp4 = stream.source().read(|r| {
            let init = r.init.clone()?;
            let part = r.segments.iter().rev().flat_map(|s| s.parts.iter().rev()).find(|p| p.independent)?.data.clone();
            let mut v = init.to_vec();
            v.extend_from_slice(&part);
            Some(v)
        })?;
        let jpeg = render(ffmpeg, mp4).await;
        if let Some(j) = &jpeg {
            *slot = Some((Instant::now(), j.clone()));
        }
        jpeg.or_else(|| slot.as_ref().map(|(_, j)| j.clone()))
    }
}

/// A live stream's current thumbnail.
#[utoipa::path(get, path = "/api/streams/{id}/thumbnail.jpg", tag = "streams", operation_id = "getStreamThumbnail",
    params(("id" = i64, Path, minimum = 1, description = "Stream session id")),
    responses((status = 200, content_type = "image/jpeg", description = "A 320-pixel-wide JPEG of the newest keyframe"),
        (status = 404, description = "The stream is not live, has no keyframe yet, or the server has no ffmpeg", body = aethex_sdk::Problem)))]
pub async fn thumbnail(State(state): State<IngestState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = super::api::stream_id(&id)?;
    let ffmpeg =
        state.ingest.ffmpeg.clone().ok_or_else(|| ApiError::not_found("thumbnails need ffmpeg on the server"))?;
    let stream = state
        .ingest
        .all_local()
        .into_iter()
        .find(|s| s.session_id == id && !s.is_ended())
        .ok_or_else(|| ApiError::not_found(format!("stream {id} is not live")))?;
    let jpeg =
        stream.thumbnail.get(&stream, &ffmpeg).await.ok_or_else(|| ApiError::not_found("no keyframe to show yet"))?;
    let mut resp = (StatusCode::OK, jpeg).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    Ok(resp)
}
