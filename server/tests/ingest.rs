//! Ingest through its public interfaces: real ffmpeg publishes over RTMP,
//! ffprobe/ffmpeg and plain HTTP read the HLS back, the REST API shows the
//! lifecycle. Needs ffmpeg (scripts/test installs it).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use aethex_server::events::Event;
use common::{ffmpeg_children, Backend, TestServer};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

both_backends!(publish_play_and_go_offline);

fn ffmpeg_present() {
    let ok =
        Command::new("ffmpeg").arg("-version").stdout(Stdio::null()).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "ffmpeg is needed for ingest tests: run scripts/test, which installs it");
}

/// Publish a generated test pattern with a tone (libx264 + AAC, 1 s GOP) in
/// real time, for `secs` seconds or, with `None`, until the test kills it (or
/// the server drops it).
fn publish(rtmp: std::net::SocketAddr, key: &str, secs: Option<u32>, video_codec: &[&str], with_video: bool) -> Child {
    ffmpeg_present();
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-hide_banner", "-loglevel", "error", "-re"]);
    if with_video {
        cmd.args(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30"]);
    }
    cmd.args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]);
    if with_video {
        cmd.args(video_codec);
    }
    cmd.args(["-c:a", "aac", "-b:a", "96k"]);
    if let Some(secs) = secs {
        cmd.args(["-t", &secs.to_string()]);
    }
    cmd.args(["-f", "flv", &format!("rtmp://{rtmp}/live/{key}")]);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("ffmpeg starts")
}

/// Held by the tests that run an ABR ladder, one at a time: the dead-rung
/// test finds its transcoder among this process's ffmpeg children, and the
/// ladders are the heaviest load these tests put on the machine.
static LADDER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const X264: &[&str] =
    &["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p"];

async fn stream_key(s: &TestServer, login: &str) -> String {
    s.client_with(&s.token(login, "stream:key").await).stream_key(login).await.unwrap().stream_key
}

async fn wait_until<F, Fut>(limit: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if f().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Whether the channel is live, from a successful API answer. Any error (a
/// 500, a 404, a broken connection) fails the test: it never reads as offline.
async fn is_live(s: &TestServer, login: &str) -> bool {
    match s.client().channel(login).await {
        Ok(c) => c.is_live,
        Err(e) => panic!("GET /api/channels/{login} failed: {e}"),
    }
}

/// How many segments a live media playlist has completed so far: its media
/// sequence number plus the segments it lists. Unlike the length of the
/// sliding window, this grows for as long as the stream runs.
fn segments_completed(playlist: &str) -> u64 {
    let first = playlist
        .lines()
        .find_map(|l| l.strip_prefix("#EXT-X-MEDIA-SEQUENCE:"))
        .unwrap_or_else(|| panic!("no #EXT-X-MEDIA-SEQUENCE in\n{playlist}"));
    first.trim().parse::<u64>().unwrap() + playlist.matches("#EXTINF").count() as u64
}

/// Wait for a child to exit by itself. `guard` only stops a hang: past it the
/// child is killed and `None` returned.
async fn exit_within(child: &mut Child, guard: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < guard {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn ffprobe_streams(url: &str) -> String {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height,sample_rate:format=duration",
            "-of",
            "compact",
            url,
        ])
        .output()
        .expect("ffprobe runs");
    assert!(out.status.success(), "ffprobe failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn publish_play_and_go_offline(backend: Backend) {
    let s = TestServer::start(backend).await;
    s.user("caster", None).await;
    let key = stream_key(&s, "caster").await;
    let mut events = s.state.bus.subscribe();
    let mut ff = publish(s.rtmp, &key, Some(7), X264, true);

    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "caster")).await, "channel goes live");
    match tokio::time::timeout(Duration::from_secs(5), events.recv()).await.unwrap().unwrap().event {
        Event::StreamOnline(e) => assert_eq!((e.broadcaster_user_login.as_str(), e.kind.as_str()), ("caster", "live")),
        other => panic!("{other:?}"),
    }
    let live: Vec<aethex_sdk::Stream> = {
        use futures_util::TryStreamExt as _;
        s.client().streams(true, None).try_collect().await.unwrap()
    };
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].broadcaster_login, "caster");

    // Master playlist, then ffprobe decodes the expected codecs through it.
    let http = s.http();
    let master = http.get(s.url("/hls/caster/index.m3u8")).send().await.unwrap();
    assert_eq!(master.headers()["content-type"], "application/vnd.apple.mpegurl");
    let master = master.text().await.unwrap();
    assert!(
        master.contains("CODECS=\"avc1.") && master.contains("mp4a.40.2") && master.contains("RESOLUTION=640x360"),
        "{master}"
    );
    let media_url = s.url("/hls/caster/source/index.m3u8");
    // Let a few segments accumulate.
    assert!(
        wait_until(Duration::from_secs(10), || async {
            http.get(&media_url).send().await.unwrap().text().await.unwrap().matches("#EXTINF").count() >= 2
        })
        .await
    );
    let probe = ffprobe_streams(&s.url("/hls/caster/index.m3u8"));
    assert!(probe.contains("codec_name=h264|width=640|height=360"), "{probe}");
    assert!(probe.contains("codec_name=aac|sample_rate=44100"), "{probe}");
    let decode = Command::new("ffmpeg")
        .args(["-v", "error", "-i", &media_url, "-t", "1.5", "-f", "null", "-"])
        .status()
        .unwrap();
    assert!(decode.success(), "ffmpeg decodes the live playlist");

    // LL-HLS: tags, parts, preload hint, blocking reload, part bytes.
    let playlist = http.get(&media_url).send().await.unwrap().text().await.unwrap();
    for tag in [
        "#EXT-X-VERSION:9",
        "#EXT-X-PART-INF:PART-TARGET=",
        "CAN-BLOCK-RELOAD=YES",
        "PART-HOLD-BACK=",
        "#EXT-X-PART:DURATION=",
        "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part",
        "#EXT-X-MAP:URI=\"init.mp4\"",
    ] {
        assert!(playlist.contains(tag), "missing {tag} in\n{playlist}");
    }
    let hint = playlist.lines().find(|l| l.starts_with("#EXT-X-PRELOAD-HINT")).unwrap();
    let name = hint.split("URI=\"").nth(1).unwrap().trim_end_matches('"').to_string();
    let (msn, part) = name.trim_start_matches("part").trim_end_matches(".m4s").split_once('.').unwrap();
    let blocked = http.get(format!("{media_url}?_HLS_msn={msn}&_HLS_part={part}")).send().await.unwrap();
    assert_eq!(blocked.status(), 200);
    assert_eq!(blocked.headers()["cache-control"], "public, max-age=6");
    let after = blocked.text().await.unwrap();
    assert!(
        after.contains(&format!("URI=\"{name}\"")),
        "blocking reload returns a playlist that has the part:\n{after}"
    );
    let part_resp = http.get(s.url(&format!("/hls/caster/source/{name}"))).send().await.unwrap();
    assert_eq!(part_resp.status(), 200);
    assert_eq!(part_resp.headers()["content-type"], "video/iso.segment");
    let bytes = part_resp.bytes().await.unwrap();
    assert_eq!(&bytes[4..8], b"moof");
    let init = http.get(s.url("/hls/caster/source/init.mp4")).send().await.unwrap();
    assert_eq!(init.headers()["content-type"], "video/mp4");
    assert_eq!(&init.bytes().await.unwrap()[4..8], b"ftyp");
    let ahead: u64 = msn.parse::<u64>().unwrap() + 5;
    assert_eq!(http.get(format!("{media_url}?_HLS_msn={ahead}")).send().await.unwrap().status(), 400);
    assert_eq!(http.get(format!("{media_url}?_HLS_part=1")).send().await.unwrap().status(), 400);
    assert_eq!(http.get(s.url("/hls/caster/source/seg999999.m4s")).send().await.unwrap().status(), 404);
    assert_eq!(http.get(s.url("/hls/caster/source/..%2F..%2Fsecret.key")).send().await.unwrap().status(), 404);
    assert_eq!(http.get(s.url("/hls/nobody_live/index.m3u8")).send().await.unwrap().status(), 404);

    // Unpublish: offline in the API, session closed, playlist ends, event emitted.
    let status = tokio::task::spawn_blocking(move || ff.wait()).await.unwrap().unwrap();
    assert!(status.success(), "ffmpeg published cleanly");
    assert!(
        wait_until(Duration::from_secs(5), || async { !is_live(&s, "caster").await }).await,
        "channel goes offline"
    );
    let ended = s.client().stream(&live[0].id).await.unwrap();
    assert!(ended.ended_at.is_some() && !ended.is_live);
    assert!(http.get(&media_url).send().await.unwrap().text().await.unwrap().ends_with("#EXT-X-ENDLIST\n"));
    let offline = loop {
        match tokio::time::timeout(Duration::from_secs(5), events.recv()).await.unwrap().unwrap().event {
            Event::StreamOffline(e) => break e,
            _ => continue,
        }
    };
    assert_eq!(offline.broadcaster_user_login, "caster");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_key_and_second_publisher_are_refused() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("guarded", None).await;
    let key = stream_key(&s, "guarded").await;

    let mut bad = publish(s.rtmp, "live_1_not-the-key", Some(3), X264, true);
    let status = tokio::task::spawn_blocking(move || bad.wait()).await.unwrap().unwrap();
    assert!(!status.success(), "a wrong key is refused");
    assert!(!is_live(&s, "guarded").await);
    let sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM stream_sessions").fetch_one(&s.state.db.pool).await.unwrap();
    assert_eq!(sessions, 0);

    let mut first = publish(s.rtmp, &key, None, X264, true); // until killed below
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "guarded")).await);
    // An operator's admin command beside the running server leaves live streams alone.
    let admin = Command::new(env!("CARGO_BIN_EXE_aethex-server"))
        .args(["user", "create", "added_while_live"])
        .env("AETHEX_DATA_DIR", &s.data_dir)
        .env_remove("AETHEX_DATABASE_URL")
        .output()
        .unwrap();
    assert!(admin.status.success(), "{}", String::from_utf8_lossy(&admin.stderr));
    assert!(is_live(&s, "guarded").await, "admin commands do not close live sessions");
    let mut second = publish(s.rtmp, &key, Some(3), X264, true);
    let status = tokio::task::spawn_blocking(move || second.wait()).await.unwrap().unwrap();
    assert!(!status.success(), "a second publisher is refused");
    assert!(is_live(&s, "guarded").await, "the first publisher is unaffected");
    // Playback tokens: once required, HLS needs a valid token on every URL.
    let owner = s.client_with(&s.token("guarded", "channel:manage").await);
    let require = |on: bool| aethex_sdk::ChannelUpdate { playback_token_required: Some(on), ..Default::default() };
    assert!(owner.update_channel("guarded", &require(true)).await.unwrap().playback_token_required);
    let http = s.http();
    let master = s.url("/hls/guarded/index.m3u8");
    assert!(
        wait_until(Duration::from_secs(10), || async { http.get(&master).send().await.unwrap().status() == 403 }).await
    );
    let grant: serde_json::Value =
        http.post(s.url("/api/channels/guarded/playback-token")).send().await.unwrap().json().await.unwrap();
    let viewer_token = grant["data"][0]["token"].as_str().unwrap().to_string();
    let playlist_url = grant["data"][0]["playlist_url"].as_str().unwrap().to_string();
    assert!(playlist_url.ends_with(&format!("?token={viewer_token}")));
    let with_token = http.get(&playlist_url).send().await.unwrap();
    assert_eq!(with_token.status(), 200);
    let body = with_token.text().await.unwrap();
    // The playlist names the channel's shared token of this window, not the
    // viewer's own: every viewer gets the same URLs, so a cache in front
    // stores each once. Another viewer's token yields the same playlist.
    let shared = body.split("source/index.m3u8?token=").nth(1).unwrap().lines().next().unwrap().to_string();
    let grant2: serde_json::Value =
        http.post(s.url("/api/channels/guarded/playback-token")).send().await.unwrap().json().await.unwrap();
    let other = http.get(grant2["data"][0]["playlist_url"].as_str().unwrap()).send().await.unwrap();
    assert!(other.text().await.unwrap().contains(&format!("source/index.m3u8?token={shared}")), "one shared token");
    let media = http
        .get(s.url(&format!("/hls/guarded/source/index.m3u8?token={shared}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(media.contains(&format!("init.mp4?token={shared}")), "{media}");
    let token = shared;
    assert_eq!(http.get(s.url("/hls/guarded/source/init.mp4")).send().await.unwrap().status(), 403);
    let tampered = format!("{}0", token);
    assert_eq!(
        http.get(s.url(&format!("/hls/guarded/source/init.mp4?token={tampered}"))).send().await.unwrap().status(),
        403
    );
    assert_eq!(
        http.get(s.url(&format!("/hls/guarded/source/init.mp4?token={token}"))).send().await.unwrap().status(),
        200
    );
    owner.update_channel("guarded", &require(false)).await.unwrap();
    assert_eq!(http.get(&master).send().await.unwrap().status(), 200);

    // A reset key stops working at once for new publishes.
    let owner = s.client_with(&s.token("guarded", "stream:key").await);
    owner.reset_stream_key("guarded").await.unwrap();
    let _ = first.kill();
    let _ = first.wait();
    assert!(
        wait_until(Duration::from_secs(5), || async { !is_live(&s, "guarded").await }).await,
        "socket loss ends the stream"
    );
    let mut old_key = publish(s.rtmp, &key, Some(3), X264, true);
    let status = tokio::task::spawn_blocking(move || old_key.wait()).await.unwrap().unwrap();
    assert!(!status.success(), "the old key no longer publishes");
}

/// Open a TCP connection, send bytes, and report whether the server closed it within `limit`.
async fn closed_after(addr: std::net::SocketAddr, send: &[u8], limit: Duration) -> bool {
    let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
    let _ = sock.write_all(send).await;
    let mut buf = vec![0u8; 8192];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, sock.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

/// A connection past RTMP's simple handshake (C2 echoes S1).
async fn handshaken(addr: std::net::SocketAddr) -> tokio::net::TcpStream {
    let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut c0c1 = vec![3u8];
    c0c1.extend(std::iter::repeat_n(0u8, 1536));
    sock.write_all(&c0c1).await.unwrap();
    let mut s0s1s2 = vec![0u8; 1 + 1536 * 2];
    sock.read_exact(&mut s0s1s2).await.unwrap();
    sock.write_all(&s0s1s2[1..1537]).await.unwrap();
    sock
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_ends_only_that_connection() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("steady", None).await;
    s.user("stalls", None).await;
    s.user("no_video", None).await;
    s.user("wrong_codec", None).await;
    let key = stream_key(&s, "steady").await;
    // Runs until the test kills it, so only the server could end it early.
    let mut good = publish(s.rtmp, &key, None, X264, true);
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "steady")).await);
    let media_url = s.url("/hls/steady/source/index.m3u8");
    let segments = || async {
        let playlist = s.http().get(&media_url).send().await.unwrap().text().await.unwrap();
        (playlist.matches("#EXTINF").count(), segments_completed(&playlist))
    };
    let (before, completed_before) = segments().await;

    // Garbage instead of a handshake, a truncated handshake, garbage after a
    // real handshake, and a silent client: each is closed by the server.
    let rtmp = s.rtmp;
    let garbage =
        tokio::spawn(
            async move { closed_after(rtmp, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", Duration::from_secs(12)).await },
        );
    let truncated = tokio::spawn(async move {
        let mut c0c1 = vec![3u8];
        c0c1.extend(std::iter::repeat_n(7u8, 700));
        closed_after(rtmp, &c0c1, Duration::from_secs(12)).await
    });
    let after_handshake = tokio::spawn(async move {
        let mut sock = handshaken(rtmp).await;
        // A chunk header claiming a 16 MB message of an unknown type, then junk.
        sock.write_all(&[0x03, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]).await.unwrap();
        sock.write_all(&[0xAB; 4096]).await.unwrap();
        let mut buf = [0u8; 4096];
        let deadline = Instant::now() + Duration::from_secs(12);
        loop {
            match tokio::time::timeout(deadline.saturating_duration_since(Instant::now()), sock.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return true,
                Ok(Ok(_)) => continue,
                Err(_) => return false,
            }
        }
    });
    let silent = tokio::spawn(async move { closed_after(rtmp, b"", Duration::from_secs(13)).await });

    // An audio-only publisher never sends a keyframe: dropped after 10 s. Its
    // source is endless, so only the server can end it.
    let no_video_key = stream_key(&s, "no_video").await;
    let mut audio_only = publish(s.rtmp, &no_video_key, None, X264, false);
    assert!(
        wait_until(Duration::from_secs(10), || is_live(&s, "no_video")).await,
        "the audio-only publish is accepted"
    );
    // An unsupported codec (Sorenson H.263) is refused.
    let codec_key = stream_key(&s, "wrong_codec").await;
    let mut h263 = publish(s.rtmp, &codec_key, Some(10), &["-c:v", "flv1", "-s", "320x240"], true);
    // A publisher that stalls (SIGSTOP) is dropped after 10 s without media.
    let stall_key = stream_key(&s, "stalls").await;
    let mut stalled = publish(s.rtmp, &stall_key, None, X264, true);
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "stalls")).await);
    let pid = stalled.id().to_string();
    assert!(Command::new("kill").args(["-STOP", &pid]).status().unwrap().success());

    assert!(garbage.await.unwrap(), "garbage is disconnected");
    assert!(truncated.await.unwrap(), "a truncated handshake is disconnected");
    assert!(after_handshake.await.unwrap(), "a bad chunk stream is disconnected");
    assert!(silent.await.unwrap(), "a client that never publishes is disconnected");
    let h263_status = tokio::task::spawn_blocking(move || h263.wait()).await.unwrap().unwrap();
    assert!(!h263_status.success(), "an unsupported codec is refused");
    assert!(
        wait_until(Duration::from_secs(15), || async { !is_live(&s, "stalls").await }).await,
        "a stalled publisher goes offline"
    );
    let _ = Command::new("kill").args(["-KILL", &pid]).status();
    let _ = stalled.wait();
    // Its source never ends, so an exit means the server closed the connection;
    // the generous guard only keeps a regression from hanging the suite.
    let exited = exit_within(&mut audio_only, Duration::from_secs(60)).await;
    let mut ffmpeg_said = String::new();
    if let Some(mut stderr) = audio_only.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut stderr, &mut ffmpeg_said);
    }
    let exited = exited.expect("an audio-only publisher is dropped after 10 s without a keyframe (still publishing)");
    assert!(!exited.success(), "the server cut the audio-only publisher off ({exited:?}): {ffmpeg_said}");
    assert!(!is_live(&s, "no_video").await);

    // Meanwhile the good stream kept going and the API kept answering.
    assert!(is_live(&s, "steady").await);
    let (now, completed) = segments().await;
    assert!(now >= before, "the good stream's playlist is still served");
    assert!(completed > completed_before, "the good stream kept making segments ({completed_before} -> {completed})");
    assert!(
        wait_until(Duration::from_secs(30), || async { segments().await.1 > completed }).await,
        "the good stream is still making segments after the bad input ({completed})"
    );
    let probe = ffprobe_streams(&s.url("/hls/steady/index.m3u8"));
    assert!(probe.contains("h264"), "{probe}");
    let _ = good.kill();
    let _ = good.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_becomes_a_playable_vod() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.record = true).await;
    s.user("recorded", None).await;
    let key = stream_key(&s, "recorded").await;
    let mut ff = publish(s.rtmp, &key, Some(4), X264, true);
    assert!(tokio::task::spawn_blocking(move || ff.wait()).await.unwrap().unwrap().success());
    let playlist = s.data_dir.join("recordings/recorded/1/index.m3u8");
    let done = wait_until(Duration::from_secs(10), || async {
        std::fs::read_to_string(&playlist).map(|p| p.ends_with("#EXT-X-ENDLIST\n")).unwrap_or(false)
    })
    .await;
    assert!(done, "the recording is finalised as VOD");
    assert!(std::fs::read_to_string(&playlist).unwrap().contains("#EXT-X-PLAYLIST-TYPE:VOD"));
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "default=nw=1:nk=1",
            playlist.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let duration: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0.0);
    assert!((3.0..=5.5).contains(&duration), "a 4 s stream records about 4 s, got {duration}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abr_ladder_and_thumbnail() {
    let _ladder = LADDER.lock().await;
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("hd_caster", None).await;
    let key = stream_key(&s, "hd_caster").await;
    ffmpeg_present();
    let mut ff = Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-re",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100",
        ])
        .args(X264)
        .args(["-c:a", "aac", "-t", "12", "-f", "flv", &format!("rtmp://{}/live/{key}", s.rtmp)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "hd_caster")).await);
    let http = s.http();
    let master_url = s.url("/hls/hd_caster/index.m3u8");
    let two_variants = wait_until(Duration::from_secs(20), || async {
        let m = http.get(&master_url).send().await.unwrap().text().await.unwrap();
        m.contains("source/index.m3u8") && m.contains("480p/index.m3u8")
    })
    .await;
    assert!(two_variants, "a 720p source gets a 480p rendition (and no 720p one)");
    let master = http.get(&master_url).send().await.unwrap().text().await.unwrap();
    assert!(
        master.contains("RESOLUTION=1280x720")
            && master.contains("RESOLUTION=854x480")
            && !master.contains("720p/index.m3u8"),
        "{master}"
    );
    let low_url = s.url("/hls/hd_caster/480p/index.m3u8");
    assert!(
        wait_until(Duration::from_secs(15), || async {
            http.get(&low_url).send().await.unwrap().text().await.unwrap().contains("#EXTINF")
        })
        .await
    );
    let probe = ffprobe_streams(&low_url);
    assert!(probe.contains("codec_name=h264|width=854|height=480"), "{probe}");
    assert!(probe.contains("codec_name=aac"), "{probe}");

    // The thumbnail is a real JPEG of the live picture.
    let id = {
        use futures_util::TryStreamExt as _;
        let live: Vec<aethex_sdk::Stream> = s.client().streams(true, None).try_collect().await.unwrap();
        live[0].id.clone()
    };
    let resp = http.get(s.url(&format!("/api/streams/{id}/thumbnail.jpg"))).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    assert_eq!(resp.headers()["cache-control"], "public, max-age=10");
    let jpeg = resp.bytes().await.unwrap();
    let path = s.data_dir.join("thumb.jpg");
    std::fs::write(&path, &jpeg).unwrap();
    let probe = ffprobe_streams(path.to_str().unwrap());
    assert!(probe.contains("codec_name=mjpeg|width=320|height=180"), "{probe}");
    assert_eq!(http.get(s.url("/api/streams/999/thumbnail.jpg")).send().await.unwrap().status(), 404);

    // Two players (different user agents) keep fetching: the debounced count shows them.
    let counted = wait_until(Duration::from_secs(12), || async {
        for ua in ["player-a", "player-b"] {
            let _ = http.get(&low_url).header("user-agent", ua).send().await;
        }
        s.client().stream(&id).await.map(|st| st.viewer_count >= 2 && st.peak_viewers >= 2).unwrap_or(false)
    })
    .await;
    assert!(counted, "viewer count reflects HLS playback sessions");
    let _ = ff.kill();
    let _ = ff.wait();
}

/// rml_amf0 recurses once per nested AMF0 object: without the nesting check, a
/// `connect` of 200,000 nested objects (800 KB, no stream key needed)
/// overflowed a worker thread's stack and aborted the whole server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_amf_ends_only_that_connection() {
    let s = TestServer::start(Backend::Sqlite).await;
    let mut sock = handshaken(s.rtmp).await;
    let mut body = [&[0x02, 0, 7][..], b"connect", &[0x00], &1.0f64.to_be_bytes()].concat();
    body.extend([0x03, 0, 1, b'a'].repeat(200_000));
    let len = (body.len() as u32).to_be_bytes();
    let mut chunks = vec![0x03, 0, 0, 0, len[1], len[2], len[3], 0x14, 0, 0, 0, 0];
    for (i, chunk) in body.chunks(128).enumerate() {
        if i > 0 {
            chunks.push(0xc3);
        }
        chunks.extend_from_slice(chunk);
    }
    // The server may close the connection before it has read everything.
    let _ = sock.write_all(&chunks).await;
    let mut buf = [0u8; 4096];
    let closed = async {
        loop {
            match sock.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    };
    assert!(tokio::time::timeout(Duration::from_secs(12), closed).await.is_ok(), "the connection is closed");
    let health = s.http().get(s.url("/healthz")).send().await.unwrap();
    assert!(health.status().is_success(), "the server is still up");
}

/// Publish a picture of `size` whose brightness steps with time (a sawtooth
/// of 8 s), so a decoded frame tells which second of the stream it shows, in
/// any rendition; 1 s GOPs, for `secs` seconds.
fn publish_ramp(rtmp: std::net::SocketAddr, key: &str, secs: u32, size: &str) -> Child {
    ffmpeg_present();
    Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i"])
        .arg(format!("color=c=gray:s={size}:r=30,eq=brightness='mod(t\\,8)/8*0.8-0.4':eval=frame"))
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
        .args(X264)
        .args(["-c:a", "aac", "-t", &secs.to_string(), "-f", "flv", &format!("rtmp://{rtmp}/live/{key}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// One complete segment of a media playlist.
#[derive(Debug, Clone)]
struct Listed {
    msn: u64,
    duration: f64,
    /// `EXT-X-PROGRAM-DATE-TIME` as Unix milliseconds, when given.
    date: Option<i64>,
}

/// The complete segments of a media playlist, by media sequence number.
fn listed_segments(playlist: &str) -> Vec<Listed> {
    let mut msn = playlist
        .lines()
        .find_map(|l| l.strip_prefix("#EXT-X-MEDIA-SEQUENCE:"))
        .unwrap_or_else(|| panic!("no #EXT-X-MEDIA-SEQUENCE in\n{playlist}"))
        .trim()
        .parse::<u64>()
        .unwrap();
    let mut out = Vec::new();
    let mut date = None;
    for line in playlist.lines() {
        if let Some(d) = line.strip_prefix("#EXT-X-PROGRAM-DATE-TIME:") {
            assert!(d.ends_with('Z') && d.len() == 24, "ISO 8601 with milliseconds and Z: {d}");
            date = Some(aethex_sdk::time::parse_rfc3339(d).unwrap_or_else(|| panic!("bad date {d}")));
        } else if let Some(inf) = line.strip_prefix("#EXTINF:") {
            let duration = inf.trim_end_matches(',').parse().unwrap();
            out.push(Listed { msn, duration, date: date.take() });
            msn += 1;
        }
    }
    out
}

/// The base media decode time (`tfdt`) of track 1 (video) in the first `moof`.
fn first_video_tfdt(seg: &[u8]) -> u64 {
    fn boxes(data: &[u8]) -> Vec<(&[u8], &[u8])> {
        let mut out = Vec::new();
        let mut i = 0;
        while i + 8 <= data.len() {
            let size = u32::from_be_bytes(data[i..i + 4].try_into().unwrap()) as usize;
            assert!(size >= 8 && i + size <= data.len(), "bad box at {i}");
            out.push((&data[i + 4..i + 8], &data[i + 8..i + size]));
            i += size;
        }
        out
    }
    let (_, moof) = boxes(seg).into_iter().find(|(t, _)| *t == b"moof").expect("a moof");
    for (_, traf) in boxes(moof).into_iter().filter(|(t, _)| *t == b"traf") {
        let inner = boxes(traf);
        let (_, tfhd) = inner.iter().find(|(t, _)| *t == b"tfhd").expect("tfhd");
        if u32::from_be_bytes(tfhd[4..8].try_into().unwrap()) != 1 {
            continue;
        }
        let (_, tfdt) = inner.iter().find(|(t, _)| *t == b"tfdt").expect("tfdt");
        return match tfdt[0] {
            1 => u64::from_be_bytes(tfdt[4..12].try_into().unwrap()),
            _ => u64::from(u32::from_be_bytes(tfdt[4..8].try_into().unwrap())),
        };
    }
    panic!("no video traf");
}

/// Mean luma of the frames of `init` + `seg`, decoded by ffmpeg.
fn segment_luma(dir: &std::path::Path, name: &str, init: &[u8], seg: &[u8]) -> f64 {
    let path = dir.join(format!("{name}.mp4"));
    std::fs::write(&path, [init, seg].concat()).unwrap();
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-i", path.to_str().unwrap()])
        .args(["-vf", "scale=1:1,format=gray", "-f", "rawvideo", "-"])
        .output()
        .unwrap();
    assert!(out.status.success() && !out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout.iter().map(|&b| f64::from(b)).sum::<f64>() / out.stdout.len() as f64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renditions_cut_at_the_same_media_times() {
    let _ladder = LADDER.lock().await;
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("ramp_caster", None).await;
    let key = stream_key(&s, "ramp_caster").await;
    let mut ff = publish_ramp(s.rtmp, &key, 40, "1920x1080");
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "ramp_caster")).await);
    let http = s.http();
    let get = |path: String| {
        let http = http.clone();
        let url = s.url(&path);
        async move {
            let resp = http.get(&url).send().await.unwrap();
            assert_eq!(resp.status(), 200, "{url}");
            resp.bytes().await.unwrap().to_vec()
        }
    };
    let names = ["source", "720p", "480p"];
    // Wait until every rendition has completed segment 5.
    let ready = wait_until(Duration::from_secs(40), || async {
        let mut all = true;
        for n in names {
            let resp = http.get(s.url(&format!("/hls/ramp_caster/{n}/index.m3u8"))).send().await.unwrap();
            all &= resp.status() == 200 && listed_segments(&resp.text().await.unwrap()).iter().any(|l| l.msn >= 5);
        }
        all
    })
    .await;
    assert!(ready, "every rendition completes its first segments");
    let mut lists = Vec::new();
    for n in names {
        let pl = String::from_utf8(get(format!("/hls/ramp_caster/{n}/index.m3u8")).await).unwrap();
        lists.push(listed_segments(&pl));
    }
    let common: Vec<u64> =
        lists[0].iter().map(|l| l.msn).filter(|m| lists.iter().all(|list| list.iter().any(|l| l.msn == *m))).collect();
    assert!(common.len() >= 4, "several segments in every playlist: {lists:?}");
    let frame = 90_000 / 30;
    let dir = s.data_dir.clone();
    let mut report = String::new();
    let mut aligned = true;
    let inits: Vec<Vec<u8>> = {
        let mut v = Vec::new();
        for n in names {
            v.push(get(format!("/hls/ramp_caster/{n}/init.mp4")).await);
        }
        v
    };
    // Fetch every segment first: decoding is slow on a loaded machine, and
    // the window slides on meanwhile.
    let mut segs = std::collections::HashMap::new();
    for msn in &common {
        for n in names {
            segs.insert((n, *msn), get(format!("/hls/ramp_caster/{n}/seg{msn}.m4s")).await);
        }
    }
    for msn in &common {
        let mut row = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let seg = &segs[&(*n, *msn)];
            let listed = lists[i].iter().find(|l| l.msn == *msn).unwrap().clone();
            let luma = segment_luma(&dir, &format!("{n}-{msn}"), &inits[i], seg);
            row.push((first_video_tfdt(seg), listed.duration, luma, listed.date));
        }
        let (t0, d0, y0, _) = row[0];
        for (i, (t, d, y, _)) in row.iter().enumerate().skip(1) {
            if t.abs_diff(t0) > frame || (d - d0).abs() > 1.0 / 30.0 + 1e-3 || (y - y0).abs() > 8.0 {
                aligned = false;
                report.push_str(&format!("seg{msn}: {} {row:?} differs from source\n", names[i]));
            }
        }
        report.push_str(&format!("seg{msn}: (tfdt, EXTINF, luma, date) {row:?}\n"));
    }
    assert!(aligned, "every rendition's segment N starts at the source's media time and picture:\n{report}");

    // EXT-X-PROGRAM-DATE-TIME: on every segment, advancing by the EXTINF
    // durations, one date per segment whatever the rendition.
    for list in &lists {
        assert!(list.iter().all(|l| l.date.is_some()), "every segment has a date: {list:?}");
        for w in list.windows(2) {
            let step = (w[1].date.unwrap() - w[0].date.unwrap()) as f64;
            assert!((step - w[0].duration * 1000.0).abs() <= 2.0, "dates advance by EXTINF: {list:?}");
        }
    }
    let now = aethex_sdk::time::now_ms();
    for msn in &common {
        let dates: Vec<i64> =
            lists.iter().map(|list| list.iter().find(|l| l.msn == *msn).unwrap().date.unwrap()).collect();
        assert!(dates.iter().all(|d| d.abs_diff(dates[0]) <= 1), "seg{msn} has one date in every rendition: {dates:?}");
        assert!((now - 60_000..=now).contains(&dates[0]), "seg{msn}'s date is the recent past: {dates:?} (now {now})");
    }
    let _ = ff.kill();
    let _ = ff.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_rung_leaves_the_master_playlist() {
    stopped_rung_leaves_the_master_playlist("-KILL", Duration::from_secs(10)).await;
}

/// A stopped (SIGSTOP) ffmpeg reads nothing: its queue fills, and the rung is
/// stopped for falling behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rung_that_falls_behind_leaves_the_master_playlist() {
    stopped_rung_leaves_the_master_playlist("-STOP", Duration::from_secs(25)).await;
}

/// Send `signal` to the 480p rung's ffmpeg; within `limit` the rung leaves
/// the master playlist, its playlist answers 404, and the source goes on.
async fn stopped_rung_leaves_the_master_playlist(signal: &str, limit: Duration) {
    let _ladder = LADDER.lock().await;
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("rung_caster", None).await;
    let key = stream_key(&s, "rung_caster").await;
    let mut ff = publish_ramp(s.rtmp, &key, 40, "1280x720");
    assert!(wait_until(Duration::from_secs(10), || is_live(&s, "rung_caster")).await);
    let http = s.http();
    let master_url = s.url("/hls/rung_caster/index.m3u8");
    let low_url = s.url("/hls/rung_caster/480p/index.m3u8");
    let master = || async { http.get(&master_url).send().await.unwrap().text().await.unwrap() };
    assert!(
        wait_until(Duration::from_secs(20), || async {
            master().await.contains("480p/index.m3u8")
                && http.get(&low_url).send().await.unwrap().text().await.unwrap().contains("#EXTINF")
        })
        .await,
        "the 480p rung runs: {}",
        master().await
    );
    // The rung's ffmpeg dies (as when it crashes) or hangs.
    let pids = ffmpeg_children("scale=-2:480");
    assert_eq!(pids.len(), 1, "one 480p transcoder");
    let sent = Command::new("kill").args([signal, &pids[0].to_string()]).status().unwrap();
    assert!(sent.success());
    let gone = wait_until(limit, || async { !master().await.contains("480p/index.m3u8") }).await;
    if signal == "-STOP" {
        // Still our child (stopped, not reaped): end it, whatever the outcome.
        let _ = Command::new("kill").args(["-KILL", &pids[0].to_string()]).status();
    }
    let m = master().await;
    assert!(gone, "the dead rung is no longer offered: {m}");
    assert!(m.contains("source/index.m3u8"), "the source stays: {m}");
    // Its playlist is a 404 (a player on it fails over), not an ended
    // playlist (which would end playback).
    let low = http.get(&low_url).send().await.unwrap();
    assert_eq!(low.status(), 404, "the dead rung's playlist is gone");
    let problem: serde_json::Value = low.json().await.unwrap();
    assert!(problem["message"].as_str().unwrap_or_default().contains("stopped"), "{problem}");
    // The source goes on.
    let src_url = s.url("/hls/rung_caster/source/index.m3u8");
    let before = segments_completed(&http.get(&src_url).send().await.unwrap().text().await.unwrap());
    assert!(
        wait_until(Duration::from_secs(10), || async {
            segments_completed(&http.get(&src_url).send().await.unwrap().text().await.unwrap()) > before + 1
        })
        .await,
        "the source keeps going"
    );
    let _ = ff.kill();
    let _ = ff.wait();
}
