//! Optional recording for VOD (`--record`): the source rendition's init
//! segment and every complete segment are written to
//! `<data-dir>/recordings/<login>/<session id>/` with an HLS playlist that is
//! an `EVENT` playlist while live and becomes `VOD` with `EXT-X-ENDLIST` when
//! the stream ends, so the recording plays with any HLS player.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use super::LiveStream;

/// Follow a live stream's source rendition and write it to `dir` until it ends.
pub fn spawn(stream: Arc<LiveStream>, root: PathBuf) {
    let dir = root.join(&stream.login).join(stream.session_id.to_string());
    tokio::spawn(async move {
        if let Err(e) = record(&stream, &dir).await {
            tracing::warn!(channel = %stream.login, error = %e, "recording stopped");
        }
    });
}

async fn record(stream: &LiveStream, dir: &std::path::Path) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let source = stream.source().clone();
    let mut rx = source.version.subscribe();
    let mut next_msn: Option<u64> = None;
    let mut entries: Vec<(u64, f64)> = Vec::new();
    let mut wrote_init = false;
    loop {
        let (init, fresh, ended) = source.read(|r| {
            let start = next_msn.unwrap_or(0);
            let fresh: Vec<(u64, f64, bytes::Bytes)> = r
                .segments
                .iter()
                .filter(|s| s.complete && s.msn >= start)
                .map(|s| (s.msn, s.duration(), s.bytes()))
                .collect();
            (r.init.clone(), fresh, r.ended)
        });
        if let (false, Some(init)) = (wrote_init, init) {
            tokio::fs::write(dir.join("init.mp4"), &init).await?;
            wrote_init = true;
        }
        if !fresh.is_empty() {
            for (msn, duration, data) in fresh {
                tokio::fs::write(dir.join(format!("seg{msn}.m4s")), &data).await?;
                entries.push((msn, duration));
                next_msn = Some(msn + 1);
            }
            write_playlist(dir, &entries, false).await?;
        }
        if ended {
            write_playlist(dir, &entries, true).await?;
            tracing::info!(channel = %stream.login, segments = entries.len(), dir = %dir.display(), "recording finished");
            return Ok(());
        }
        if rx.changed().await.is_err() {
            return Ok(());
        }
    }
}

async fn write_playlist(dir: &std::path::Path, entries: &[(u64, f64)], ended: bool) -> std::io::Result<()> {
    let target = entries.iter().map(|(_, d)| d.ceil() as u64).max().unwrap_or(1).max(1);
    let mut o = format!(
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:{target}\n#EXT-X-PLAYLIST-TYPE:{}\n#EXT-X-MEDIA-SEQUENCE:{}\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n",
        if ended { "VOD" } else { "EVENT" },
        entries.first().map(|(m, _)| *m).unwrap_or(0)
    );
    for (msn, d) in entries {
        let _ = write!(o, "#EXTINF:{d:.5},\nseg{msn}.m4s\n");
    }
    if ended {
        o.push_str("#EXT-X-ENDLIST\n");
    }
    // Write then rename, so a reader never sees half a playlist.
    let tmp = dir.join("index.m3u8.tmp");
    tokio::fs::write(&tmp, o).await?;
    tokio::fs::rename(tmp, dir.join("index.m3u8")).await
}
