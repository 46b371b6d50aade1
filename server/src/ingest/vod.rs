//! Past broadcasts and clips, both from recordings (`--record`): a past
//! broadcast is its recording's HLS playlist (`/vod/{login}/{session}/...`);
//! a clip is a stretch of a recording, live or ended, cut on segment
//! boundaries (every segment starts on a keyframe) without re-encoding: the
//! recording's init segment and the chosen fMP4 segments, concatenated, are
//! one fragmented MP4 any browser plays (`/clips/{id}.mp4`). Owns `clips`.

use std::path::{Path as FsPath, PathBuf};

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::IngestState;
use crate::http::error::ApiError;
use crate::store::{int, now_ms, text, Db};

/// The longest clip.
pub const MAX_CLIP_SECS: f64 = 60.0;
/// Shortest clip of a past broadcast (Twitch's too).
pub const MIN_CLIP_SECS: f64 = 5.0;
/// What "clip that" takes of a live stream.
pub const LIVE_CLIP_SECS: f64 = 30.0;

/// Where a session's recording is.
pub fn recording_dir(data_dir: &FsPath, login: &str, session: i64) -> PathBuf {
    data_dir.join("recordings").join(login).join(session.to_string())
}

/// Whether a session has a recording with a playlist.
pub fn has_recording(data_dir: &FsPath, login: &str, session: i64) -> bool {
    recording_dir(data_dir, login, session).join("index.m3u8").is_file()
}

/// `GET /vod/{login}/{session}/{file}`: a recording's playlist, init segment or segment.
pub async fn file(
    State(state): State<IngestState>,
    Path((login, session, file)): Path<(String, String, String)>,
) -> Response {
    let ok_login = aethex_sdk::is_valid_login(&login);
    let session: Option<i64> = session.parse().ok().filter(|n| *n > 0);
    let ok_file = file == "index.m3u8"
        || file == "init.mp4"
        || file
            .strip_prefix("seg")
            .and_then(|f| f.strip_suffix(".m4s"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let (true, Some(session), true) = (ok_login, session, ok_file) else {
        return ApiError::not_found("no such recording file").into_response();
    };
    let path = recording_dir(&state.config.data_dir, &login, session).join(&file);
    match tokio::fs::read(&path).await {
        Ok(body) => {
            let (kind, cache) = if file == "index.m3u8" {
                ("application/vnd.apple.mpegurl", "no-cache")
            } else {
                ("video/mp4", "public, max-age=86400")
            };
            ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)], body).into_response()
        }
        Err(_) => ApiError::not_found("no such recording file").into_response(),
    }
}

/// A clip as pages show it.
#[derive(Debug, Clone)]
pub struct Clip {
    /// Its id (a UUID).
    pub id: String,
    /// The channel.
    pub channel_id: i64,
    /// The broadcast it comes from.
    pub session_id: i64,
    /// Who made it.
    pub creator_id: i64,
    /// Its title (the stream's title when it was made).
    pub title: String,
    /// Length, ms.
    pub duration_ms: i64,
    /// When it was made (Unix ms).
    pub created_at: i64,
}

fn clip_from(r: &sqlx::any::AnyRow) -> Result<Clip, sqlx::Error> {
    Ok(Clip {
        id: text(r, "id")?,
        channel_id: int(r, "channel_id")?,
        session_id: int(r, "session_id")?,
        creator_id: int(r, "creator_id")?,
        title: text(r, "title")?,
        duration_ms: int(r, "duration_ms")?,
        created_at: int(r, "created_at")?,
    })
}

const CLIP_SELECT: &str = "SELECT id, channel_id, session_id, creator_id, title, duration_ms, created_at FROM clips";

/// One clip.
pub async fn clip(db: &Db, id: &str) -> Result<Option<Clip>, sqlx::Error> {
    let row = sqlx::query(&format!("{CLIP_SELECT} WHERE id = $1")).bind(id).fetch_optional(&db.pool).await?;
    row.as_ref().map(clip_from).transpose()
}

/// How many clips were made of stream session `session_id`.
pub async fn clip_count(db: &Db, session_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM clips WHERE session_id = $1").bind(session_id).fetch_one(&db.pool).await
}

/// A channel's newest clips.
pub async fn clips_of(db: &Db, channel_id: i64, limit: i64) -> Result<Vec<Clip>, sqlx::Error> {
    let rows = sqlx::query(&format!("{CLIP_SELECT} WHERE channel_id = $1 ORDER BY created_at DESC LIMIT $2"))
        .bind(channel_id)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(clip_from).collect()
}

/// Why a clip could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ClipError {
    /// The broadcast has no recording (recording is off on this server, or it is gone).
    #[error("this broadcast is not recorded, so it cannot be clipped")]
    NotRecorded,
    /// Not enough of it recorded yet.
    #[error("nothing recorded yet; try again in a few seconds")]
    TooEarly,
    /// Reading or writing files failed.
    #[error("clip files: {0}")]
    Io(#[from] std::io::Error),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The `(msn, seconds)` entries of a recording's playlist.
pub fn entries(playlist: &str) -> Vec<(u64, f64)> {
    let mut out = Vec::new();
    let mut duration = None;
    for line in playlist.lines() {
        if let Some(d) = line.strip_prefix("#EXTINF:") {
            duration = d.split(',').next().and_then(|d| d.parse::<f64>().ok());
        } else if let (Some(d), Some(n)) = (
            duration.take(),
            line.strip_prefix("seg").and_then(|l| l.strip_suffix(".m4s")).and_then(|n| n.parse().ok()),
        ) {
            out.push((n, d));
        }
    }
    out
}

/// The segments covering `secs` from `start` seconds into the recording, or
/// the last `secs` when `start` is `None`; their total length.
pub fn choose(entries: &[(u64, f64)], start: Option<f64>, secs: f64) -> (Vec<u64>, f64) {
    let secs = secs.clamp(1.0, MAX_CLIP_SECS);
    let mut chosen = Vec::new();
    let mut total = 0.0;
    match start {
        None => {
            for (msn, d) in entries.iter().rev() {
                if total >= secs {
                    break;
                }
                chosen.push(*msn);
                total += d;
            }
            chosen.reverse();
        }
        Some(start) => {
            // Every segment overlapping [start, start + secs).
            let mut at = 0.0;
            for (msn, d) in entries {
                if at + d > start && at < start + secs {
                    chosen.push(*msn);
                    total += d;
                }
                at += d;
            }
        }
    }
    (chosen, total)
}

/// Cut a clip of `login`'s broadcast `session` (see [`choose`]) for `creator`.
#[allow(clippy::too_many_arguments)] // each a different fact about the clip
pub async fn create_clip(
    db: &Db,
    data_dir: &FsPath,
    channel_id: i64,
    login: &str,
    session: i64,
    creator: i64,
    title: &str,
    start: Option<f64>,
    secs: f64,
    ffmpeg: Option<&FsPath>,
) -> Result<Clip, ClipError> {
    let dir = recording_dir(data_dir, login, session);
    let playlist = match tokio::fs::read_to_string(dir.join("index.m3u8")).await {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ClipError::NotRecorded),
        Err(e) => return Err(e.into()),
    };
    let (chosen, total) = choose(&entries(&playlist), start, secs);
    if chosen.is_empty() {
        return Err(ClipError::TooEarly);
    }
    let mut mp4 = tokio::fs::read(dir.join("init.mp4")).await?;
    for msn in &chosen {
        mp4.extend(tokio::fs::read(dir.join(format!("seg{msn}.m4s"))).await?);
    }
    let id = crate::crypto::uuid();
    let clips = data_dir.join("clips");
    tokio::fs::create_dir_all(&clips).await?;
    let tmp = clips.join(format!("{id}.fmp4.tmp"));
    tokio::fs::write(&tmp, &mp4).await?;
    let out = clips.join(format!("{id}.mp4"));
    // With ffmpeg, the fragments become one plain MP4 (stream copy, no
    // re-encoding): a known duration, time from zero, the index first, as
    // every player and upload form expects. Without it, the fragmented MP4
    // itself (browsers play it; some tools estimate its length).
    if !remux(ffmpeg, &tmp, &out).await {
        tokio::fs::rename(&tmp, &out).await?;
    }
    let _ = tokio::fs::remove_file(&tmp).await;
    let clip = Clip {
        id,
        channel_id,
        session_id: session,
        creator_id: creator,
        title: title.chars().take(140).collect(),
        duration_ms: (total * 1000.0).round() as i64,
        created_at: now_ms(),
    };
    sqlx::query(
        "INSERT INTO clips (id, channel_id, session_id, creator_id, title, duration_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&clip.id)
    .bind(clip.channel_id)
    .bind(clip.session_id)
    .bind(clip.creator_id)
    .bind(&clip.title)
    .bind(clip.duration_ms)
    .bind(clip.created_at)
    .execute(&db.pool)
    .await?;
    tracing::info!(channel = %login, clip = %clip.id, secs = total, "clip made");
    Ok(clip)
}

/// Stream-copy `input` to a plain, fast-start MP4 at `output`; whether it worked.
async fn remux(ffmpeg: Option<&FsPath>, input: &FsPath, output: &FsPath) -> bool {
    let Some(ffmpeg) = ffmpeg else { return false };
    let run = tokio::process::Command::new(ffmpeg)
        .args(["-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(input)
        .args(["-c", "copy", "-map", "0", "-movflags", "+faststart", "-f", "mp4"])
        .arg(output)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    match tokio::time::timeout(std::time::Duration::from_secs(30), run).await {
        Ok(Ok(o)) if o.status.success() => true,
        Ok(Ok(o)) => {
            tracing::warn!(stderr = %String::from_utf8_lossy(&o.stderr), "clip remux failed; keeping the fragmented MP4");
            false
        }
        _ => {
            tracing::warn!("clip remux did not finish; keeping the fragmented MP4");
            false
        }
    }
}

/// `GET /clips/{id}.mp4`.
pub async fn clip_file(State(state): State<IngestState>, Path(name): Path<String>) -> Response {
    let Some(id) =
        name.strip_suffix(".mp4").filter(|id| id.len() == 36 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
    else {
        return ApiError::not_found("no such clip").into_response();
    };
    match tokio::fs::read(state.config.data_dir.join("clips").join(format!("{id}.mp4"))).await {
        Ok(body) => ([(header::CONTENT_TYPE, "video/mp4"), (header::CACHE_CONTROL, "public, max-age=86400")], body)
            .into_response(),
        Err(_) => (StatusCode::NOT_FOUND, ApiError::not_found("no such clip")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAYLIST: &str =
        "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.00000,\nseg0.m4s\n#EXTINF:2.00000,\nseg1.m4s\n\
        #EXTINF:2.00000,\nseg2.m4s\n#EXTINF:1.50000,\nseg3.m4s\n";

    #[test]
    fn playlists_are_read_and_stretches_chosen_on_segment_boundaries() {
        let e = entries(PLAYLIST);
        assert_eq!(e, vec![(0, 2.0), (1, 2.0), (2, 2.0), (3, 1.5)]);
        assert_eq!(choose(&e, None, 3.0), (vec![2, 3], 3.5), "the last 3 s: whole segments");
        assert_eq!(choose(&e, None, 30.0), (vec![0, 1, 2, 3], 7.5), "all there is");
        assert_eq!(choose(&e, Some(2.5), 2.0), (vec![1, 2], 4.0), "from 2.5 s: the segment holding it on");
        assert_eq!(choose(&e, Some(100.0), 5.0).0, Vec::<u64>::new());
        assert!(entries("garbage\n#EXTINF:x,\nsegy.m4s\n").is_empty());
    }
}
