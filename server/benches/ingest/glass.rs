//! (d) Glass-to-glass latency as a viewer sees it: unpatched hls.js (pinned
//! in `tests/js`, default configuration, so default ABR) in headless
//! Chromium plays the stream, and the page reads back which frame each
//! presented frame is. The frame number is burned into the picture (a strip
//! of 16 black or white cells and their complement over `testsrc2`), and
//! the publisher knows when it sent that frame, so the latency is measured
//! per presented frame, from "the encoder emitted it" to "the screen shows
//! it", for AeThex (with its transcoded ladder) and nginx-rtmp alike.
//!
//! The anchor's nginx config sends no CORS headers and is kept as verified,
//! so Chromium runs with web security off for both targets (hls.js's
//! requests are simple GETs: nothing else changes).

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::browser::{frame_reader_page, serve_player_page, Browser, Page};
use super::{publish, Tag};

/// The input: 30 s of 1280x720@30 at 3 Mbps with a 2 s GOP, like the main
/// input, with the frame number in the top 160 lines.
pub(crate) const CLOCK_INPUT: &str = "/tmp/aethex-bench-clock.flv";

/// How long after its first segment the viewer opens the stream.
const JOIN_AFTER: Duration = Duration::from_secs(15);

pub(crate) fn ensure_clock_input() {
    if std::path::Path::new(CLOCK_INPUT).exists() {
        return;
    }
    let bit = "mod(floor(N/pow(2\\,X))\\,2)";
    let strip = format!(
        "color=c=gray:s=16x2:r=30,format=yuv420p,\
         geq=lum='if(eq(Y\\,0)\\,16+219*{bit}\\,235-219*{bit})':cb=128:cr=128,\
         scale=1280:160:flags=neighbor"
    );
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", &strip])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
        .args(["-filter_complex", "[0:v][1:v]overlay=0:0:shortest=1[v]", "-map", "[v]", "-map", "2:a"])
        .args(["-c:v", "libx264", "-preset", "veryfast", "-b:v", "3M", "-maxrate", "3M", "-bufsize", "3M"])
        .args(["-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p"])
        .args(["-c:a", "aac", "-b:a", "128k", "-t", "30", "-f", "flv", CLOCK_INPUT])
        .status()
        .expect("ffmpeg");
    assert!(status.success(), "could not encode the clock input");
}

/// Presentation time (ms from the first tag) of frame `n`, for every frame:
/// FLV video tags come in decode order with the composition offset in bytes
/// 2..5, so the presentation times, sorted, are the frames in picture order.
pub(crate) fn frame_times(tags: &[Tag]) -> Vec<f64> {
    let mut pts: Vec<f64> = tags
        .iter()
        .filter(|t| t.kind == 9 && t.data.len() > 5 && t.data[1] == 1)
        .map(|t| {
            let cts = (i32::from(t.data[2]) << 16 | i32::from(t.data[3]) << 8 | i32::from(t.data[4])) << 8 >> 8;
            f64::from(t.ts) + f64::from(cts)
        })
        .collect();
    pts.sort_by(f64::total_cmp);
    pts
}

/// Milliseconds since the Unix epoch (the clock `Date.now()` reads too).
pub(crate) fn epoch_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

/// The player page (shared with the player test): `take()` hands over
/// `[display time (Unix ms), frame number or -1, picture height]` rows.
fn page_html(playlist: &str) -> String {
    // hls.js's default configuration: default ABR.
    frame_reader_page(
        playlist,
        "",
        "performance.timeOrigin + meta.expectedDisplayTime, frameNumber(), v.videoHeight",
        "hls.on(Hls.Events.ERROR, (e, d) => events.push(d.details));",
    )
}

/// What one target's viewer saw over the measuring window.
pub(crate) struct Glass {
    /// Glass-to-glass latency of every readable presented frame, sorted (s).
    pub(crate) latencies: Vec<f64>,
    /// Presented frames by picture height.
    pub(crate) heights: BTreeMap<i64, usize>,
    /// Frames whose number could not be read.
    pub(crate) unread: usize,
    /// hls.js's own estimate at the end (s).
    pub(crate) hls_latency: f64,
    /// `bufferStalledError` events during the window.
    pub(crate) stalls: usize,
}

impl Glass {
    pub(crate) fn quantile(&self, q: f64) -> f64 {
        let v = &self.latencies;
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() - 1) as f64 * q).round() as usize]
    }

    /// "480p 12%, 720p 88%".
    pub(crate) fn heights(&self) -> String {
        let total: usize = self.heights.values().sum();
        self.heights
            .iter()
            .map(|(h, n)| format!("{h}p {:.0}%", *n as f64 * 100.0 / total.max(1) as f64))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn take(page: &mut Page) -> Vec<(f64, i64, i64)> {
    let v = page.eval("JSON.stringify(take())").await;
    let rows: Vec<Vec<f64>> = serde_json::from_str(v.as_str().unwrap_or("[]")).unwrap_or_default();
    rows.iter().filter(|r| r.len() == 3).map(|r| (r[0], r[1] as i64, r[2] as i64)).collect()
}

/// Publish the clock input to `rtmp`/`key`, wait until `ready` shows a
/// segment and [`JOIN_AFTER`] more, then play `playlist` in `browser`:
/// `warm` of playback to settle (start-up and ABR), then `window` measured.
#[allow(clippy::too_many_arguments)] // one call per target, every argument named at the call
pub(crate) async fn measure(
    browser: &Browser,
    tags: &Arc<Vec<Tag>>,
    rtmp: String,
    key: String,
    ready: &str,
    playlist: &str,
    warm: Duration,
    window: Duration,
) -> Result<Glass, String> {
    let pts = frame_times(tags);
    let lap = f64::from(super::lap_ms(tags));
    let stop = Arc::new(AtomicBool::new(false));
    let paced_from = Arc::new(AtomicU64::new(0));
    let origin = Instant::now();
    let task = tokio::spawn(publish(
        rtmp,
        key,
        tags.clone(),
        stop.clone(),
        Arc::new(AtomicU64::new(0)),
        origin,
        Some(paced_from.clone()),
    ));
    let result = watch(browser, &pts, lap, &paced_from, ready, playlist, warm, window).await;
    stop.store(true, Ordering::SeqCst);
    let _ = task.await;
    result
}

#[allow(clippy::too_many_arguments)]
async fn watch(
    browser: &Browser,
    pts: &[f64],
    lap: f64,
    paced_from: &AtomicU64,
    ready: &str,
    playlist: &str,
    warm: Duration,
    window: Duration,
) -> Result<Glass, String> {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let text = match client.get(ready).send().await {
            Ok(r) if r.status().is_success() => r.text().await.unwrap_or_default(),
            _ => String::new(),
        };
        if text.contains("#EXTINF") || text.contains(".ts") {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("no segment at {ready} within 40 s"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A viewer joins a stream that has been running a while (a player that
    // joins at the first segment has no choice of where to start).
    tokio::time::sleep(JOIN_AFTER).await;
    let port = serve_player_page(page_html(playlist)).await;
    let mut page = browser.open(&format!("http://localhost:{port}/")).await;
    // Start-up: until frames are readable, then the warm-up.
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        if take(&mut page).await.iter().any(|s| s.1 >= 0) {
            break;
        }
        if Instant::now() > deadline {
            let events = page.eval("JSON.stringify(events)").await;
            return Err(format!("no readable frame within 40 s; hls.js events {events}"));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(warm).await;
    let _ = take(&mut page).await;
    let before = page.eval("events.length").await.as_u64().unwrap_or(0) as usize;
    let t0 = paced_from.load(Ordering::SeqCst) as f64 / 1000.0;
    let mut glass =
        Glass { latencies: Vec::new(), heights: BTreeMap::new(), unread: 0, hls_latency: f64::NAN, stalls: 0 };
    let end = Instant::now() + window;
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(500)).await;
        for (shown, frame, height) in take(&mut page).await {
            *glass.heights.entry(height).or_default() += 1;
            match usize::try_from(frame).ok().and_then(|f| pts.get(f)) {
                // The publisher loops the input: the frame was sent in the
                // latest lap that is not after it was shown.
                Some(at) => glass.latencies.push((shown - t0 - at).rem_euclid(lap) / 1000.0),
                None => glass.unread += 1,
            }
        }
    }
    glass.hls_latency = page.eval("hls.latency").await.as_f64().unwrap_or(f64::NAN);
    let events: Vec<String> =
        serde_json::from_str(page.eval("JSON.stringify(events)").await.as_str().unwrap_or("[]")).unwrap_or_default();
    glass.stalls = events.iter().skip(before).filter(|e| e.as_str() == "bufferStalledError").count();
    glass.latencies.sort_by(f64::total_cmp);
    Ok(glass)
}
