//! The web app as a viewer uses it: pages over HTTP (status, headers, no
//! inline script, users' text never markup) and, in headless Chromium, a
//! channel going live with a real ffmpeg publish, found on the home page,
//! played on its channel page through hls.js with LL-HLS parts, its chat
//! fed by a raw IRC client, and an "offline" notice when the stream ends.
//! Needs ffmpeg and Chromium (scripts/test installs both).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::{Duration, Instant};

use aethex_sdk::ChannelUpdate;
use common::browser::{Browser, Page};
use common::{publish_picture, Backend, TestServer};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

/// A title that would be markup if the page did not escape it.
const TITLE: &str = "Speedrun <b>night</b> & \"friends\"";

/// Poll `js` in the page until it is `true`, for at most `secs`.
async fn until(page: &mut Page, what: &str, js: &str, secs: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if page.eval(js).await == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let state = page
        .eval(
            "JSON.stringify({url: location.href, text: document.body && document.body.innerText.slice(0, 400), \
             video: (v => v && {t: v.currentTime, w: v.videoWidth, h: v.videoHeight, err: v.error && v.error.code})(document.getElementById('video'))})",
        )
        .await;
    let ev = page.eval("JSON.stringify(window.ev || [])").await;
    panic!("{what}: not within {secs} s; page {state}; events {ev}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_with_their_status_headers_and_escaped_text() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("page_owner", None).await;
    let owner = s.client_with(&s.token("page_owner", "channel:manage").await);
    let update = ChannelUpdate { title: Some(TITLE.into()), ..Default::default() };
    owner.update_channel("page_owner", &update).await.unwrap();
    let http = s.http();
    for (path, status, shows) in [
        ("/", 200, "Nobody is live right now."),
        ("/page_owner", 200, "page_owner is offline."),
        ("/PAGE_OWNER", 200, "page_owner is offline."),
        ("/nobody_here", 404, "There is no channel with this name."),
        ("/not%20a%20login!", 404, "There is nothing at this address."),
        ("/%3Cscript%3E", 404, "There is nothing at this address."),
    ] {
        let r = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        let h = r.headers().clone();
        assert_eq!(h["content-type"], "text/html; charset=utf-8", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let body = r.text().await.unwrap();
        assert!(body.contains(shows), "{path}: {shows:?} not in {body}");
        // No inline script or style anywhere: every script names its file.
        for tag in body.split("<script").skip(1) {
            assert!(tag.trim_start().starts_with("src="), "{path}: inline script {tag}");
        }
        assert!(!body.contains("<style") && !body.contains(" style="), "{path}: inline style");
        assert!(!body.contains("<b>night</b>"), "{path}: a title became markup");
    }
    // Search (the API's full-text search) and the directory.
    let found = http.get(s.url("/search?q=speedrun")).send().await.unwrap();
    assert_eq!(found.status(), 200);
    let found = found.text().await.unwrap();
    assert!(found.contains("href=\"/page_owner?ref=search\"") && found.contains("Speedrun &#60;b&#62;"), "{found}");
    let none = http.get(s.url("/search?q=zzzznothing")).send().await.unwrap().text().await.unwrap();
    assert!(none.contains("No channel matches"), "{none}");
    assert_eq!(http.get(s.url("/search?q=%00")).send().await.unwrap().status(), 400);
    assert_eq!(http.get(s.url("/search")).send().await.unwrap().status(), 200);
    for path in ["/directory", "/directory/Just%20Chatting", "/directory/%3Cscript%3E"] {
        let r = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(!r.text().await.unwrap().contains("<script>"), "{path}: the category is text");
    }
    let page = http.get(s.url("/page_owner")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Speedrun &#60;b&#62;night&#60;/b&#62; &#38; &#34;friends&#34;"), "{page}");
    // The assets the pages name are served, with their types.
    for (path, kind) in [
        ("/static/app.css", "text/css"),
        ("/static/chat.js", "text/javascript"),
        ("/static/player.js", "text/javascript"),
        ("/static/hls.light.min.js", "text/javascript"),
        ("/static/hls.js.LICENSE.txt", "text/plain"),
    ] {
        let r = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with(kind), "{path}");
    }
    assert_eq!(http.get(s.url("/static/nope.js")).send().await.unwrap().status(), 404);
    s.stop().await;
}

/// A raw IRC client in `#room`, signed in as `login`.
async fn irc_client(
    s: &TestServer,
    login: &str,
    room: &str,
) -> (BufReader<tokio::net::tcp::OwnedReadHalf>, tokio::net::tcp::OwnedWriteHalf) {
    let token = s.token(login, "chat:read chat:edit").await;
    let (r, mut w) = tokio::net::TcpStream::connect(s.irc).await.unwrap().into_split();
    w.write_all(format!("PASS oauth:{token}\r\nNICK {login}\r\nJOIN #{room}\r\n").as_bytes()).await.unwrap();
    let mut r = BufReader::new(r);
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !line.contains(" 366 ") {
        line.clear();
        tokio::time::timeout_at(deadline.into(), r.read_line(&mut line)).await.expect("joined in time").unwrap();
    }
    (r, w)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_finds_a_live_channel_watches_it_and_reads_its_chat() {
    // A hang guard, not a timing assertion: every step has its own.
    tokio::time::timeout(Duration::from_secs(240), watch_a_channel()).await.expect("the web test finished");
}

async fn watch_a_channel() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("web_caster", None).await;
    s.user("web_chatter", None).await;
    let owner = s.client_with(&s.token("web_caster", "stream:key channel:manage").await);
    let update =
        ChannelUpdate { title: Some(TITLE.into()), category: Some("Just Chatting".into()), ..Default::default() };
    owner.update_channel("web_caster", &update).await.unwrap();
    let key = owner.stream_key("web_caster").await.unwrap().stream_key;

    let browser = Browser::start_with(&["--autoplay-policy=no-user-gesture-required"]).await;
    let mut page = browser.blank().await;
    // Anything the page's CSP blocks is recorded: there must be nothing.
    page.before_each_document(
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', \
         e => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    )
    .await;
    // A new viewer signs up from the channel page's "Sign up" link; the
    // form's script solves the proof of work and they land back, signed in.
    page.navigate(&s.url("/web_caster")).await;
    page.wait_text("the offline card", |t| t.contains("web_caster is offline.")).await;
    page.eval("location.href = '/signup?next=/web_caster'").await;
    until(&mut page, "the sign-up form and its script", "typeof window.aethexSha256 === 'function'", 10).await;
    let known = page.eval("(w => w[0].toString(16) + ' ' + w[1].toString(16))(aethexSha256('abc'))").await;
    assert_eq!(known, "ba7816bf 8f01cfea", "the page's SHA-256 matches FIPS 180-2's 'abc' example");
    page.eval(
        "(f => { f.login.value = 'web_viewer'; f.password.value = 'a good password';          f.password2.value = 'a good password'; f.querySelector('button[type=submit]').click(); })(document.getElementById('signup'))",
    )
    .await;
    until(&mut page, "signed up and back on the channel", "location.pathname === '/web_caster'", 20).await;
    page.wait_text("the header names the new viewer", |t| t.contains("web_viewer") && t.contains("Log out")).await;
    // Follow, without leaving the page (a player would keep playing).
    until(&mut page, "the follow script", "document.querySelector('form.follow-form').dataset.enhanced === '1'", 10)
        .await;
    page.eval("window.samePage = true; document.querySelector('form.follow-form button').click()").await;
    until(
        &mut page,
        "the follow button flips",
        "document.querySelector('form.follow-form button').textContent === 'Unfollow' && window.samePage === true",
        10,
    )
    .await;
    let follows = s.http().get(s.url("/api/channels/web_caster/followers")).send().await.unwrap().text().await.unwrap();
    assert!(follows.contains("web_viewer"), "the follow is stored: {follows}");

    let mut ff = publish_picture(s.rtmp, &key, "testsrc2=size=1280x720:rate=30");
    let http = s.http();
    let master = s.url("/hls/web_caster/index.m3u8");
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let m = http.get(&master).send().await.unwrap().text().await.unwrap();
        if m.contains("480p/index.m3u8") {
            break;
        }
        assert!(Instant::now() < deadline, "the ladder never came up: {m}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The home page lists the channel (under "Following" too), its title as
    // text; a click opens it.
    page.navigate(&s.url("/")).await;
    let home = page.wait_text("the home page lists the live channel", |t| t.contains("Speedrun <b>night</b>")).await;
    assert!(home.contains("LIVE") && home.contains("Just Chatting") && home.contains("viewer"), "{home}");
    let followed = page.eval("document.querySelectorAll('#following .card').length").await;
    assert_eq!(followed, 1, "the followed channel is live under Following: {home}");
    assert_eq!(page.eval("document.querySelectorAll('.card b').length").await, 0, "the title is not markup");
    page.eval("document.querySelector('.card h2 a').click()").await;

    // It plays through hls.js, on LL-HLS parts, and reaches the stream's size.
    until(&mut page, "the channel page opens", "location.pathname === '/web_caster'", 10).await;
    until(
        &mut page,
        "the video plays through hls.js",
        "(v => !!v && !!window.aethexPlayer && v.currentTime > 1)(document.getElementById('video'))",
        40,
    )
    .await;
    // The player told analytics: the signed-in viewer, on a desktop, from
    // the Following row (the link carried ?ref=following).
    assert_eq!(page.eval("location.search").await, "?ref=following");
    let viewer: i64 = sqlx::query_scalar("SELECT id FROM users WHERE login = 'web_viewer'")
        .fetch_one(&s.state.db.pool)
        .await
        .unwrap();
    // The beacon is sent when playback starts; wait for it to arrive and be written.
    let mut seen: Vec<(String, String, String)> = Vec::new();
    for _ in 0..100 {
        s.state.analytics.flush().await;
        seen = sqlx::query_as("SELECT viewer, device, source FROM analytics_events WHERE kind = 'view'")
            .fetch_all(&s.state.db.pool)
            .await
            .unwrap();
        if !seen.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen, [(format!("u:{viewer}"), "desktop".to_string(), "following".to_string())], "one start beacon");
    until(
        &mut page,
        "hls.js reads LL-HLS parts",
        "(h => { const l = h.levels[h.currentLevel]; return !!(l && l.details && l.details.partList && l.details.partList.length > 0); })(window.aethexPlayer)",
        20,
    )
    .await;
    until(
        &mut page,
        "the video reaches the stream's size",
        "(v => v.videoWidth === 1280 && v.videoHeight === 720)(document.getElementById('video'))",
        40,
    )
    .await;
    let menu = page.eval("[...document.querySelectorAll('.quality option')].map(o => o.textContent).join(',')").await;
    assert_eq!(menu, "Auto,720p,480p", "the quality menu lists the renditions");

    // A line said on raw IRC appears in the page's chat, as text.
    let (mut r, mut w) = irc_client(&s, "web_chatter", "web_caster").await;
    w.write_all(b"PRIVMSG #web_caster :hello from irc <i>raw</i>\r\n").await.unwrap();
    page.wait_text("the chat line from IRC", |t| t.contains("web_chatter: hello from irc <i>raw</i>")).await;
    assert_eq!(page.eval("document.querySelectorAll('#chat-lines i').length").await, 0, "chat text is not markup");
    w.write_all(b"PRIVMSG #web_caster :\x01ACTION waves\x01\r\n").await.unwrap();
    page.wait_text("the action from IRC", |t| t.contains("web_chatter waves")).await;
    // The viewer's own line, typed into the page, reaches the IRC client.
    page.eval(
        "(f => { f.elements.text.value = 'hi from the web page'; f.querySelector('button').click(); })(document.getElementById('chat-form'))",
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut line = String::new();
    while !line.contains("PRIVMSG #web_caster :hi from the web page") {
        line.clear();
        tokio::time::timeout_at(deadline.into(), r.read_line(&mut line))
            .await
            .expect("the web line reaches IRC")
            .unwrap();
    }
    assert!(line.starts_with(":web_viewer!"), "said by the signed-in viewer: {line}");

    // On a 360 px phone nothing loads until a tap; the tap plays it.
    let mut phone = browser.blank().await;
    let metrics = serde_json::json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true});
    phone.call("Emulation.setDeviceMetricsOverride", metrics).await;
    phone.navigate(&s.url("/web_caster")).await;
    until(&mut phone, "the phone's tap-to-play button", "!!document.querySelector('.tap-to-play')", 10).await;
    assert_eq!(phone.eval("typeof window.Hls").await, "undefined", "no player code before the tap");
    assert_eq!(
        phone.eval("document.documentElement.scrollWidth <= 360").await,
        true,
        "no sideways scrolling at 360 px"
    );
    phone.eval("document.querySelector('.tap-to-play').click()").await;
    until(&mut phone, "the phone plays after the tap", "document.getElementById('video').currentTime > 0.5", 30).await;
    phone.call("Page.close", serde_json::json!({})).await;
    // Back to the first tab (a background tab's muted video is paused).
    page.call("Page.bringToFront", serde_json::json!({})).await;

    // Screenshots of the pages on a desktop and on a phone, for the README
    // (written to AETHEX_SCREENSHOTS_DIR when set: `docs/screenshots`).
    let mut shots = browser.blank().await;
    for (device, width, height, mobile) in [("desktop", 1280, 800, false), ("phone", 360, 740, true)] {
        let metrics = serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile});
        shots.call("Emulation.setDeviceMetricsOverride", metrics).await;
        for (name, path, ready) in [
            ("home", "/", "document.querySelectorAll('.card img').length > 0 && [...document.querySelectorAll('.card img')].every(i => i.complete)"),
            ("channel", "/web_caster", "(v => (v && v.currentTime > 1) || !!document.querySelector('.tap-to-play'))(document.getElementById('video')) && document.querySelectorAll('#chat-lines li').length > 0"),
            ("dashboard", "/dashboard", "!!document.querySelector('.dashboard')"),
        ] {
            shots.navigate(&s.url(path)).await;
            until(&mut shots, &format!("the {name} page on a {device}"), ready, 30).await;
            // The dashboard whole (its sections go on below the fold), the others as first seen.
            let mut params = serde_json::json!({"format": "png"});
            if name == "dashboard" {
                let height = shots.eval("document.documentElement.scrollHeight").await.as_f64().unwrap_or(800.0);
                params["clip"] = serde_json::json!({"x": 0, "y": 0, "width": width, "height": height.min(6000.0), "scale": 1});
                params["captureBeyondViewport"] = true.into();
            }
            let png = shots.call("Page.captureScreenshot", params).await;
            use base64::Engine as _;
            let png = base64::engine::general_purpose::STANDARD.decode(png["data"].as_str().unwrap()).unwrap();
            assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name} on a {device}: a real picture");
            if let Some(dir) = std::env::var_os("AETHEX_SCREENSHOTS_DIR") {
                std::fs::write(std::path::Path::new(&dir).join(format!("{name}-{device}.png")), &png).unwrap();
            }
        }
    }
    shots.call("Page.close", serde_json::json!({})).await;
    page.call("Page.bringToFront", serde_json::json!({})).await;

    let violations = page.eval("JSON.stringify(cspViolations)").await;
    assert_eq!(violations, "[]", "the page's own CSP blocks nothing it uses");

    // The stream ends mid-playback: the page says so instead of spinning.
    page.eval("window.ev = []; ['hlsError','hlsBufferEos','hlsLevelUpdated','hlsFragBuffered'].forEach(n => aethexPlayer.on(n, (e, d) => ev.push(n + ' ' + (typeof d.details === 'string' ? d.details : d.details && ('live=' + d.details.live + ' end=' + d.details.edge)) + ' t=' + document.getElementById('video').currentTime.toFixed(2))))").await;
    let _ = ff.kill();
    let _ = ff.wait();
    until(
        &mut page,
        "the page says the stream ended",
        "document.getElementById('player-status').textContent === 'The stream has ended.'",
        40,
    )
    .await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chat_socket_is_signed_in_by_our_pages_only() {
    use futures_util::StreamExt as _;
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("socket_user", Some("a good password")).await;
    let browser = s.http();
    let (csrf, login_cookie) = s.open_login(&browser).await;
    let r = browser
        .post(s.url("/login"))
        .header("cookie", login_cookie)
        .form(&[("login", "socket_user"), ("password", "a good password"), ("next", "/"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let session = common::set_cookies(r.headers());
    let welcome = |origin: Option<String>| {
        let url = s.url("/chat/ws").replace("http://", "ws://");
        let session = session.clone();
        async move {
            use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
            let mut req = url.into_client_request().unwrap();
            req.headers_mut().insert("cookie", session.parse().unwrap());
            if let Some(o) = origin {
                req.headers_mut().insert("origin", o.parse().unwrap());
            }
            let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
            let first = ws.next().await.unwrap().unwrap();
            first.into_text().unwrap().to_string()
        }
    };
    let ours = welcome(Some(s.url(""))).await;
    assert!(ours.contains("\"user\":\"socket_user\""), "our own page's socket is signed in: {ours}");
    let evil = welcome(Some("https://evil.example".into())).await;
    assert!(evil.contains("\"user\":null"), "another site's page gets an anonymous socket: {evil}");
    s.stop().await;
}

/// Evaluate a promise in the page; its value.
async fn settle(page: &mut Page, js: &str) -> serde_json::Value {
    let params = serde_json::json!({"expression": js, "awaitPromise": true, "returnByValue": true});
    page.call("Runtime.evaluate", params).await["result"]["value"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_installs_and_works_offline() {
    tokio::time::timeout(Duration::from_secs(120), install_and_go_offline()).await.expect("the PWA test finished");
}

async fn install_and_go_offline() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pwa_fan", Some("a good password")).await;
    for c in ["pwa_one", "pwa_two"] {
        s.user(c, None).await;
        let fan = s.client_with(&s.token("pwa_fan", "user:edit:follows").await);
        fan.follow(c).await.unwrap();
    }
    let manifest: serde_json::Value =
        s.http().get(s.url("/manifest.webmanifest")).send().await.unwrap().json().await.unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["icons"].as_array().unwrap().len(), 4);
    let sw = s.http().get(s.url("/sw.js")).send().await.unwrap().text().await.unwrap();
    assert!(!sw.contains("__VERSION__") && sw.contains("aethex-shell-"), "the cache name is versioned");

    let browser = Browser::start().await;
    let mut page = browser.open(&s.url("/login?next=/")).await;
    until(&mut page, "the login form", "!!document.querySelector('form input[name=password]')", 10).await;
    page.eval(
        "(f => { f.login.value = 'pwa_fan'; f.password.value = 'a good password'; f.submit(); })\
         (document.querySelector('form input[name=password]').form)",
    )
    .await;
    until(
        &mut page,
        "signed in on the home page",
        "location.pathname === '/' && !!document.getElementById('follows-data')",
        10,
    )
    .await;
    // The service worker is installed and controls the page.
    let ready = settle(&mut page, "navigator.serviceWorker.ready.then(r => !!r.active)").await;
    assert_eq!(ready, true, "the service worker activates");
    // A page loaded before the worker took over (the log-in redirect can be)
    // is controlled from its next navigation on.
    page.navigate(&s.url("/")).await;
    until(&mut page, "the page is controlled", "!!navigator.serviceWorker.controller", 10).await;
    until(&mut page, "the page has loaded", "document.readyState === 'complete'", 10).await;
    // Asked again while Chromium is still settling the navigation's manifest.
    let mut errors = serde_json::Value::Null;
    for _ in 0..20 {
        errors = page.call("Page.getInstallabilityErrors", serde_json::json!({})).await;
        if !errors.to_string().contains("manifest-location-changed") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(errors["installabilityErrors"], serde_json::json!([]), "Chromium can install the app: {errors}");
    let m = page.call("Page.getAppManifest", serde_json::json!({})).await;
    assert_eq!(m["errors"], serde_json::json!([]), "the manifest parses cleanly: {m}");
    // The followed channels are kept in IndexedDB.
    let kept = settle(
        &mut page,
        "new Promise(ok => { const r = indexedDB.open('aethex', 1); r.onsuccess = () => { \
         const g = r.result.transaction('follows').objectStore('follows').getAll(); \
         g.onsuccess = () => ok(g.result.map(f => f.login).sort().join(',')); }; })",
    )
    .await;
    assert_eq!(kept, "pwa_one,pwa_two");

    // Offline: any page opens the cached shell's offline page, with the
    // follows. The page's network is emulated offline, and the server goes
    // away too (DevTools' emulation covers the page, not its service
    // worker's own fetches, which must fail as they would without a network).
    page.call("Network.enable", serde_json::json!({})).await;
    let offline = serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    page.call("Network.emulateNetworkConditions", offline).await;
    let url = s.url("/pwa_one");
    s.stop().await;
    page.navigate(&url).await;
    let text = page
        .wait_text("the offline page with the followed channels", |t| {
            t.contains("You are offline") && t.contains("pwa_one") && t.contains("pwa_two")
        })
        .await;
    assert!(!text.contains("You do not follow any channel"), "{text}");
    let styled = page.eval("getComputedStyle(document.body).backgroundColor").await;
    assert_eq!(styled, "rgb(15, 15, 20)", "the stylesheet came from the cache");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_clips_a_live_stream_and_watches_the_past_broadcast() {
    tokio::time::timeout(Duration::from_secs(180), clip_and_vod()).await.expect("the clip test finished");
}

async fn clip_and_vod() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.record = true).await;
    s.user("vod_caster", None).await;
    s.user("vod_viewer", Some("a good password")).await;
    let owner = s.client_with(&s.token("vod_caster", "stream:key channel:manage").await);
    let update = ChannelUpdate { title: Some("Clip-worthy run".into()), ..Default::default() };
    owner.update_channel("vod_caster", &update).await.unwrap();
    let key = owner.stream_key("vod_caster").await.unwrap().stream_key;
    let mut ff = publish_picture(s.rtmp, &key, "testsrc2=size=640x360:rate=30");
    // A few seconds recorded.
    let playlist = s.data_dir.join("recordings/vod_caster/1/index.m3u8");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&playlist).map(|p| p.matches("#EXTINF").count()).unwrap_or(0) < 5 {
        assert!(Instant::now() < deadline, "the recording never got 5 segments");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let browser = Browser::start_with(&["--autoplay-policy=no-user-gesture-required"]).await;
    let mut page = browser.open(&s.url("/login?next=/vod_caster")).await;
    until(&mut page, "the login form", "!!document.querySelector('form input[name=password]')", 10).await;
    page.eval(
        "(f => { f.login.value = 'vod_viewer'; f.password.value = 'a good password'; f.submit(); })\
         (document.querySelector('form input[name=password]').form)",
    )
    .await;
    until(&mut page, "the channel page with its clip button", "!!document.querySelector('form.clip-form')", 10).await;
    // "Clip" (in this tab rather than a new one, to follow it).
    page.eval("(f => { f.removeAttribute('target'); f.querySelector('button').click(); })(document.querySelector('form.clip-form'))")
        .await;
    until(&mut page, "the clip's page", "location.pathname.startsWith('/clip/')", 15).await;
    until(
        &mut page,
        "the clip plays",
        "(v => { if (!v) return false; if (v.paused) v.play().catch(() => {}); return v.currentTime > 1; })\
         (document.getElementById('clip-video'))",
        20,
    )
    .await;
    let duration = page.eval("document.getElementById('clip-video').duration").await.as_f64().unwrap();
    let recorded: f64 = crate_entries(&std::fs::read_to_string(&playlist).unwrap());
    eprintln!("clip: {duration} s in the browser; {recorded} s recorded now");
    assert!(duration >= 3.0, "the clip holds what was recorded (up to 30 s): {duration}");
    // ffprobe, not our code, reads the clip as one MP4 with H.264 and AAC.
    let path = page.eval("document.getElementById('clip-video').getAttribute('src')").await;
    let mp4 = s.http().get(s.url(path.as_str().unwrap())).send().await.unwrap().bytes().await.unwrap();
    let file = std::env::temp_dir().join(format!("aethex-clip-{}.mp4", std::process::id()));
    std::fs::write(&file, &mp4).unwrap();
    let probe = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    let probe: serde_json::Value = serde_json::from_slice(&probe.stdout).unwrap();
    let codecs: Vec<&str> =
        probe["streams"].as_array().unwrap().iter().filter_map(|s| s["codec_name"].as_str()).collect();
    assert!(codecs.contains(&"h264") && codecs.contains(&"aac"), "{probe}");
    let probed: f64 = probe["format"]["duration"].as_str().unwrap().parse().unwrap();
    assert!((duration - probed).abs() < 1.0, "browser {duration} s, ffprobe {probed} s");

    // The stream ends: its recording is a past broadcast on the channel page, and plays.
    let _ = ff.kill();
    let _ = ff.wait();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !std::fs::read_to_string(&playlist).unwrap_or_default().ends_with("#EXT-X-ENDLIST\n") {
        assert!(Instant::now() < deadline, "the recording was never finalised");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    page.navigate(&s.url("/vod_caster")).await;
    page.wait_text("the past broadcast and the clip are listed", |t| {
        t.contains("Past broadcasts") && t.contains("Clips") && t.contains("Clip-worthy run")
    })
    .await;
    page.eval("document.querySelector('a[href^=\"/videos/\"]').click()").await;
    until(&mut page, "the past broadcast's page", "location.pathname.startsWith('/videos/')", 10).await;
    until(&mut page, "the past broadcast plays", "document.getElementById('video').currentTime > 1", 30).await;
    // A clip of a chosen length from a point of the past broadcast; lengths outside 5-60 s are refused.
    let refused = settle(
        &mut page,
        "(f => fetch(f.action, {method: 'POST', body: new URLSearchParams({csrf: f.csrf.value, session: f.session.value, \
         start: '0', seconds: '90'})}).then(r => r.status))(document.querySelector('form.clip-form'))",
    )
    .await;
    assert_eq!(refused, serde_json::json!(422));
    page.eval(
        "(f => { const v = document.getElementById('video'); v.pause(); v.currentTime = 1; f.seconds.value = '15'; \
         f.removeAttribute('target'); f.querySelector('button').click(); })(document.querySelector('form.clip-form'))",
    )
    .await;
    until(&mut page, "the range clip's page", "location.pathname.startsWith('/clip/')", 15).await;
    until(
        &mut page,
        "the range clip plays",
        "(v => { if (!v) return false; if (v.paused) v.play().catch(() => {}); return v.currentTime > 0.5 && v.duration <= 15.5; })\
         (document.querySelector('video'))",
        30,
    )
    .await;
    assert_eq!(s.http().get(s.url("/clip/00000000-0000-0000-0000-000000000000")).send().await.unwrap().status(), 404);
    assert_eq!(s.http().get(s.url("/videos/999")).send().await.unwrap().status(), 404);
    assert_eq!(s.http().get(s.url("/vod/vod_caster/1/../../x")).send().await.unwrap().status(), 404);
    s.stop().await;
}

/// Seconds listed in a recording's playlist.
fn crate_entries(playlist: &str) -> f64 {
    aethex_server::ingest::vod::entries(playlist).iter().map(|(_, d)| d).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_uses_the_chat_buttons_and_a_raid_takes_viewers_along() {
    tokio::time::timeout(Duration::from_secs(120), moderate_and_raid()).await.expect("the moderation test finished");
}

async fn moderate_and_raid() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("mod_caster", Some("a good password")).await;
    s.user("mod_troll", None).await;
    s.user("mod_target", None).await;
    let (mut troll_r, mut troll_w) = irc_client(&s, "mod_troll", "mod_caster").await;
    let browser = Browser::start().await;
    let mut page = browser.open(&s.url("/login?next=/mod_caster")).await;
    until(&mut page, "the login form", "!!document.querySelector('form input[name=password]')", 10).await;
    page.eval(
        "(f => { f.login.value = 'mod_caster'; f.password.value = 'a good password'; f.submit(); })\
         (document.querySelector('form input[name=password]').form)",
    )
    .await;
    until(&mut page, "the signed-in chat", "!!document.getElementById('chat-form') && !!window.WebSocket", 10).await;
    until(&mut page, "the chat history", "document.getElementById('chat-status').textContent === ''", 10).await;
    // Two lines from the troll: the page shows them with moderation buttons.
    async fn read_until(r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut line = String::new();
        loop {
            line.clear();
            tokio::time::timeout_at(deadline.into(), r.read_line(&mut line)).await.expect("line in time").unwrap();
            if line.contains(needle) {
                return line;
            }
        }
    }
    // CLEARMSG and CLEARCHAT go to clients that asked for Twitch's commands.
    troll_w.write_all(b"CAP REQ :twitch.tv/tags twitch.tv/commands\r\n").await.unwrap();
    read_until(&mut troll_r, "ACK").await;
    troll_w.write_all(b"PRIVMSG #mod_caster :first bad line\r\n").await.unwrap();
    until(
        &mut page,
        "the troll's line with its buttons",
        "[...document.querySelectorAll('#chat-lines li')].some(li => li.textContent.includes('first bad line') && li.querySelectorAll('button.mod').length === 3)",
        10,
    )
    .await;
    // Delete: the line goes, for everyone (the IRC client gets CLEARMSG).
    page.eval(
        "[...document.querySelectorAll('#chat-lines li')].find(li => li.textContent.includes('first bad line')).querySelector('button.modDelete').click()",
    )
    .await;
    let clearmsg = read_until(&mut troll_r, "CLEARMSG").await;
    assert!(clearmsg.contains("first bad line"), "{clearmsg}");
    until(
        &mut page,
        "the deleted line replaced",
        "![...document.querySelectorAll('#chat-lines li')].some(li => li.textContent.includes('first bad line'))",
        10,
    )
    .await;
    // Time out: ten minutes, Twitch's CLEARCHAT with ban-duration.
    troll_w.write_all(b"PRIVMSG #mod_caster :second bad line\r\n").await.unwrap();
    until(
        &mut page,
        "the second line",
        "[...document.querySelectorAll('#chat-lines li')].some(li => li.textContent.includes('second bad line'))",
        10,
    )
    .await;
    page.eval(
        "[...document.querySelectorAll('#chat-lines li')].find(li => li.textContent.includes('second bad line')).querySelector('button.modTimeout').click()",
    )
    .await;
    let clearchat = read_until(&mut troll_r, "CLEARCHAT").await;
    assert!(clearchat.contains("ban-duration=600") && clearchat.trim_end().ends_with(" mod_troll"), "{clearchat}");
    until(
        &mut page,
        "the server's answer shown",
        "document.getElementById('chat-lines').textContent.includes('mod_troll has been timed out for 600 seconds.')",
        10,
    )
    .await;
    // The broadcaster's own lines carry no buttons.
    page.eval("(f => { f.text.value = 'my own line'; f.requestSubmit(); })(document.getElementById('chat-form'))")
        .await;
    read_until(&mut troll_r, "my own line").await;
    until(&mut page, "the own line", "document.getElementById('chat-lines').textContent.includes('my own line')", 10)
        .await;
    let own = page
        .eval("[...document.querySelectorAll('#chat-lines li')].find(li => li.textContent.includes('my own line')).querySelectorAll('button').length")
        .await;
    assert_eq!(own, serde_json::json!(0));

    // A raid (through the API) takes this page to the raided channel.
    let r = s
        .http()
        .post(s.url("/api/raids?from_broadcaster_login=mod_caster&to_broadcaster_login=mod_target"))
        .bearer_auth(s.token("mod_caster", "channel:manage").await)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    until(
        &mut page,
        "the raid notice",
        "document.getElementById('chat-lines').textContent.includes('This channel is raiding mod_target')",
        10,
    )
    .await;
    until(
        &mut page,
        "the raided channel",
        "location.pathname === '/mod_target' && location.search === '?ref=raid'",
        15,
    )
    .await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automod_holds_and_reports_in_the_web_chat() {
    tokio::time::timeout(Duration::from_secs(120), automod_and_reports()).await.expect("the AutoMod test finished");
}

/// Sign `login` in on a fresh browser and open the channel page's chat.
async fn signed_in_chat(browser: &Browser, s: &TestServer, login: &str, channel: &str) -> Page {
    let mut page = browser.open(&s.url(&format!("/login?next=/{channel}"))).await;
    until(&mut page, "the login form", "!!document.querySelector('form input[name=password]')", 10).await;
    page.eval(&format!(
        "(f => {{ f.login.value = '{login}'; f.password.value = 'a good password'; f.submit(); }})\
         (document.querySelector('form input[name=password]').form)"
    ))
    .await;
    until(&mut page, "the signed-in chat", "!!document.getElementById('chat-form') && !!window.WebSocket", 10).await;
    until(&mut page, "the chat history", "document.getElementById('chat-status').textContent === ''", 10).await;
    page
}

/// A moderator's chat shows what AutoMod holds and allows it with a click; a
/// viewer reports a line with the report button and it reaches the queue.
async fn automod_and_reports() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("am_caster", Some("a good password")).await;
    s.user("am_viewer", Some("a good password")).await;
    s.user("am_troll", None).await;
    let owner = s.client_with(&s.token("am_caster", "moderator:manage:automod moderator:manage").await);
    owner
        .set_automod_settings("am_caster", &aethex_sdk::AutomodSettings { overall_level: 4, ..Default::default() })
        .await
        .unwrap();
    let (_troll_r, mut troll_w) = irc_client(&s, "am_troll", "am_caster").await;
    let (caster_browser, viewer_browser) = (Browser::start().await, Browser::start().await);
    let mut mods = signed_in_chat(&caster_browser, &s, "am_caster", "am_caster").await;
    let mut viewer = signed_in_chat(&viewer_browser, &s, "am_viewer", "am_caster").await;

    // Held: only the moderator sees it, with Allow and Deny; Allow sends it to everyone.
    troll_w.write_all(b"PRIVMSG #am_caster :fuck this stream\r\n").await.unwrap();
    until(
        &mut mods,
        "the held line with its buttons",
        "(li => !!li && li.textContent.includes('fuck this stream') && li.querySelectorAll('button').length === 2)\
         (document.querySelector('#chat-lines li.held'))",
        10,
    )
    .await;
    troll_w.write_all(b"PRIVMSG #am_caster :a clean line after it\r\n").await.unwrap();
    until(
        &mut viewer,
        "the clean line",
        "document.getElementById('chat-lines').textContent.includes('a clean line after it')",
        10,
    )
    .await;
    assert_eq!(
        viewer.eval("document.getElementById('chat-lines').textContent.includes('fuck this stream')").await,
        serde_json::json!(false),
        "a viewer never sees the held line"
    );
    mods.eval("document.querySelector('#chat-lines li.held button').click()").await;
    until(
        &mut viewer,
        "the allowed line",
        "document.getElementById('chat-lines').textContent.includes('am_troll: fuck this stream')",
        10,
    )
    .await;
    until(
        &mut mods,
        "the held line resolved",
        "(li => li.classList.contains('resolved') && li.textContent.includes('Allowed.'))(document.querySelector('#chat-lines li.held'))",
        10,
    )
    .await;

    // Report: the viewer's button on another's line; its answer; the queue counts it.
    until(
        &mut viewer,
        "the report button",
        "[...document.querySelectorAll('#chat-lines li')].some(li => li.textContent.includes('a clean line after it') && li.querySelector('button.report'))",
        10,
    )
    .await;
    viewer
        .eval(
            "[...document.querySelectorAll('#chat-lines li')].find(li => li.textContent.includes('a clean line after it')).querySelector('button.report').click()",
        )
        .await;
    until(
        &mut viewer,
        "the report acknowledged",
        "[...document.querySelectorAll('#chat-lines li')].find(li => li.textContent.includes('a clean line after it')).querySelector('button.report').textContent === '\\u2713'",
        10,
    )
    .await;
    let queue = owner.reports("am_caster").await.unwrap();
    assert_eq!((queue.len(), queue[0].reports, queue[0].text.as_str()), (1, 1, "a clean line after it"));
    s.stop().await;
}
