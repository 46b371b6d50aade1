//! The web player people use, as the judge of our LL-HLS and ABR ladder:
//! unpatched hls.js (pinned in tests/js/package.json) in headless Chromium,
//! on a page from another origin. The published picture carries its own
//! frame number (16 black or white cells, and their complement below), so
//! the page reads which moment of the stream each presented frame shows and
//! compares it with the media time the player reports. The test forces
//! switches down and up and checks that neither the media time nor the
//! picture jumps; then the transcoder of the rung it plays dies, and the
//! player fails over to the source and plays on while the rung leaves the
//! master playlist; and an offline channel's
//! playlist is a 404 that the other origin can read.
//! Needs ffmpeg, Chromium and `npm ci --prefix server/tests/js` (scripts/test does all three).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::browser::{frame_reader_page, serve_player_page, Browser, Page};
use common::{ffmpeg_children, publish_picture, Backend, TestServer};

/// Frames per second of the published picture.
const FPS: f64 = 30.0;

/// Publish, until killed, a 1280x720 picture whose top row of 80 px cells
/// spells the frame number in binary (bit 0 on the left, white for 1) and
/// whose second row spells its complement, with a tone; 1 s GOPs.
fn publish_frame_numbers(rtmp: std::net::SocketAddr, key: &str) -> std::process::Child {
    let bit = "mod(floor(N/pow(2\\,X))\\,2)";
    let picture = format!(
        "color=c=gray:s=16x9:r=30,format=yuv420p,\
         geq=lum='if(eq(Y\\,0)\\,16+219*{bit}\\,if(eq(Y\\,1)\\,235-219*{bit}\\,128))':cb=128:cr=128,\
         scale=1280:720:flags=neighbor"
    );
    publish_picture(rtmp, key, &picture)
}

/// The player page. Every presented frame (requestVideoFrameCallback) is
/// drawn small onto a canvas and its frame number read back; `take()` hands
/// the samples gathered since the last call to the test:
/// `[wall ms, currentTime, frame's mediaTime, frame number or -1, height, level]`.
fn page_html(playlist: &str) -> String {
    frame_reader_page(
        playlist,
        "{lowLatencyMode: true}",
        "performance.now(), v.currentTime, meta.mediaTime, frameNumber(), v.videoHeight, hls.currentLevel",
        "hls.on(Hls.Events.ERROR, (e, d) => events.push('error ' + d.type + ' ' + d.details + (d.fatal ? ' fatal' : '')));\n\
         hls.on(Hls.Events.LEVEL_SWITCHED, (e, d) => events.push('switched ' + d.level));",
    )
}

/// One presented frame, as the page saw it.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: f64,
    current: f64,
    media: f64,
    frame: i64,
    height: i64,
}

async fn take(page: &mut Page) -> Vec<Sample> {
    let v = page.eval("JSON.stringify(take())").await;
    let rows: Vec<Vec<f64>> = serde_json::from_str(v.as_str().unwrap_or("[]")).unwrap();
    rows.iter()
        .map(|r| Sample { wall: r[0] / 1000.0, current: r[1], media: r[2], frame: r[3] as i64, height: r[4] as i64 })
        .collect()
}

/// What a run of samples showed.
#[derive(Debug, Default)]
struct Seen {
    /// Largest step of currentTime ahead of the wall clock between two frames (s).
    ahead: f64,
    /// Largest step back of currentTime between two frames (s).
    back: f64,
    /// Longest wall time without currentTime moving on (s).
    stall: f64,
    /// Smallest and largest (picture time − frame's mediaTime) (s).
    offset: Option<(f64, f64)>,
    /// Frames whose number could not be read.
    unread: usize,
    frames: usize,
}

impl Seen {
    fn add(&mut self, prev: Option<Sample>, s: Sample) {
        self.frames += 1;
        if s.frame < 0 {
            self.unread += 1;
        } else {
            let off = s.frame as f64 / FPS - s.media;
            self.offset = Some(self.offset.map_or((off, off), |(lo, hi)| (lo.min(off), hi.max(off))));
        }
        if let Some(p) = prev {
            let (dc, dw) = (s.current - p.current, s.wall - p.wall);
            self.ahead = self.ahead.max(dc - dw);
            self.back = self.back.max(-dc);
            if dc.abs() < 1e-6 {
                self.stall = self.stall.max(dw);
            }
        }
    }
}

/// Collect samples for `secs` (or until `until` holds for the newest one);
/// what they showed, and the last sample.
async fn watch(
    page: &mut Page,
    seen: &mut Seen,
    last: &mut Option<Sample>,
    secs: f64,
    until: impl Fn(&Sample) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < secs {
        for s in take(page).await {
            seen.add(*last, s);
            *last = Some(s);
            if until(&s) {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

/// The index of the level of `height` in hls.js's list.
async fn level_of(page: &mut Page, height: u32) -> i64 {
    let i = page.eval(&format!("hls.levels.findIndex(l => l.height === {height})")).await.as_i64().unwrap();
    assert!(
        i >= 0,
        "hls.js offers a {height}p level: {}",
        page.eval("JSON.stringify(hls.levels.map(l => l.height))").await
    );
    i
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hlsjs_plays_switches_smoothly_and_survives_a_dead_rung() {
    // A hang guard, not a timing assertion: every step below has its own.
    tokio::time::timeout(Duration::from_secs(240), run()).await.expect("the player test finished");
}

async fn run() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("player_caster", None).await;
    let key = s
        .client_with(&s.token("player_caster", "stream:key").await)
        .stream_key("player_caster")
        .await
        .unwrap()
        .stream_key;
    let mut ff = publish_frame_numbers(s.rtmp, &key);
    let http = s.http();
    let master_url = s.url("/hls/player_caster/index.m3u8");
    let master = || async { http.get(&master_url).send().await.unwrap().text().await.unwrap() };
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let m = master().await;
        let low = http.get(s.url("/hls/player_caster/480p/index.m3u8")).send().await.unwrap();
        if m.contains("480p/index.m3u8") && low.status() == 200 && low.text().await.unwrap().contains("#EXTINF") {
            break;
        }
        assert!(Instant::now() < deadline, "the ladder (source and 480p) never came up: {m}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let port = serve_player_page(page_html(&master_url)).await;
    let browser = Browser::start_with(&["--autoplay-policy=no-user-gesture-required"]).await;
    let mut page = browser.open(&format!("http://localhost:{port}/")).await;

    // Playing: frames are presented, their numbers read, the time moves on.
    let mut seen = Seen::default();
    let mut last = None;
    let playing = watch(&mut page, &mut seen, &mut last, 30.0, |s| s.frame >= 0 && s.current > 0.5).await;
    let events = page.eval("JSON.stringify(events)").await;
    assert!(playing, "hls.js plays and the picture is readable: {last:?}, events {events}");
    watch(&mut page, &mut seen, &mut last, 3.0, |_| false).await;
    let latency = page.eval("hls.latency").await;
    let start = last.map(|s| s.height);
    eprintln!("playing ({start:?} lines, auto ABR): {seen:?}; hls.latency {latency}");

    let low = level_of(&mut page, 480).await;
    let high = level_of(&mut page, 720).await;
    for (name, level, height) in
        [("down to 480p", low, 480), ("up to the source", high, 720), ("down to 480p again", low, 480)]
    {
        let mut during = Seen::default();
        page.eval(&format!("hls.currentLevel = {level}")).await;
        let asked = Instant::now();
        let switched = watch(&mut page, &mut during, &mut last, 20.0, |s| s.height == height).await;
        let took = asked.elapsed();
        let events = page.eval("JSON.stringify(events)").await;
        assert!(switched, "{name}: the picture becomes {height} lines high: {last:?}, events {events}");
        watch(&mut page, &mut during, &mut last, 4.0, |_| false).await;
        let now = page.eval("hls.currentLevel").await;
        let shown = page.eval("hls.levels[hls.currentLevel].height").await;
        let latency = page.eval("hls.latency").await;
        eprintln!("{name}: switched in {took:?}; level {now} ({shown} lines); {during:?}; hls.latency {latency}");
        assert_eq!(now.as_i64(), Some(level), "{name}: hls.currentLevel");
        assert_eq!(shown.as_i64(), Some(height), "{name}: the level's height");
        assert!(during.back <= 1.0 / FPS, "{name}: the media time went back {:.3} s", during.back);
        assert!(during.ahead <= 0.5, "{name}: the media time jumped {:.3} s ahead of the wall clock", during.ahead);
        let (lo, hi) = during.offset.expect("frames were read");
        assert!(
            hi - lo <= 2.0 / FPS + 1e-3,
            "{name}: the picture and the media time drift apart by {:.3} s (picture − media time in {lo:.3}..{hi:.3})",
            hi - lo
        );
        assert!(during.unread * 10 <= during.frames, "{name}: most frames are readable: {during:?}");
        seen.offset = seen.offset.map(|(a, b)| (a.min(lo), b.max(hi)));
    }
    let (lo, hi) = seen.offset.unwrap();
    assert!(hi - lo <= 2.0 / FPS + 1e-3, "over all switches, picture − media time in {lo:.3}..{hi:.3}");

    // While the player is on 480p, that rung's transcoder dies: the player
    // fails over to the source and plays on, and the rung leaves the master
    // playlist (as a page sees it).
    assert_eq!(last.map(|s| s.height), Some(480), "on 480p when its transcoder dies");
    let pids = ffmpeg_children("scale=-2:480");
    assert_eq!(pids.len(), 1, "one 480p transcoder");
    assert!(Command::new("kill").args(["-KILL", &pids[0].to_string()]).status().unwrap().success());
    let fetch_master = format!("fetch({master_url:?}).then(r => r.text())");
    let killed = Instant::now();
    let gone = loop {
        let m = page
            .call(
                "Runtime.evaluate",
                serde_json::json!({"expression": fetch_master, "awaitPromise": true, "returnByValue": true}),
            )
            .await;
        let m = m["result"]["value"].as_str().unwrap_or_default().to_string();
        if !m.contains("480p/index.m3u8") {
            assert!(m.contains("source/index.m3u8"), "the source stays: {m}");
            break killed.elapsed();
        }
        assert!(killed.elapsed() < Duration::from_secs(15), "the dead rung is still offered: {m}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let mut after = Seen::default();
    let before = last.map(|s| s.current).unwrap_or_default();
    let played_on = Instant::now();
    let on = watch(&mut page, &mut after, &mut last, 30.0, |s| s.current > before + 5.0 && s.height == 720).await;
    let events = page.eval("JSON.stringify(events)").await;
    eprintln!(
        "the dead rung left the master playlist {gone:?} after the kill; 5 s more played, on the source, in {:?}: {after:?}",
        played_on.elapsed()
    );
    assert!(
        on,
        "the player fails over to the source and plays on after its rung died: {last:?}, {after:?}, events {events}"
    );
    assert!(after.back <= 1.0 / FPS && after.ahead <= 0.5, "and smoothly: {after:?}");
    let (a, b) = after.offset.expect("frames were read");
    assert!(b.max(hi) - a.min(lo) <= 2.0 / FPS + 1e-3, "the picture still matches the media time: {after:?}");

    // An offline channel: a 404 the other origin can read, not a network error.
    let offline =
        format!("fetch({:?}).then(r => 'status ' + r.status, e => 'error ' + e)", s.url("/hls/nobody/index.m3u8"));
    let r = page
        .call(
            "Runtime.evaluate",
            serde_json::json!({"expression": offline, "awaitPromise": true, "returnByValue": true}),
        )
        .await;
    assert_eq!(r["result"]["value"], "status 404", "{r}");

    let _ = ff.kill();
    let _ = ff.wait();
}
